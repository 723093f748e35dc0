//! The site's colours and fonts from `theme:` in cvsite.yaml, as the CSS variables the built-in
//! style sheet reads: an accent checked for contrast (WCAG AA, 4.5:1) in light and dark mode,
//! its tints made from it, and a choice of system font stacks (no web font to load).

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};

/// The built-in accent (`--accent` in style.css), for the PDF.
pub const DEFAULT_ACCENT: Rgb = Rgb(0x1d, 0x4f, 0x91);
/// The page backgrounds and text colours of the built-in style sheet, light and dark.
const LIGHT_BG: Rgb = Rgb(0xff, 0xff, 0xff);
const DARK_BG: Rgb = Rgb(0x15, 0x17, 0x1b);
const LIGHT_FG: Rgb = Rgb(0x1c, 0x1e, 0x21);
const DARK_FG: Rgb = Rgb(0xe6, 0xe8, 0xeb);
/// WCAG AA for text.
const MIN_CONTRAST: f64 = 4.5;

/// A colour written `#rrggbb` (or `#rgb`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

impl Rgb {
    /// `#1d4f91` or `#fff`.
    pub fn parse(text: &str) -> Option<Rgb> {
        let hex = text.strip_prefix('#')?;
        let digit = |i: usize, n: usize| u8::from_str_radix(hex.get(i..i + n)?, 16).ok();
        match hex.len() {
            6 => Some(Rgb(digit(0, 2)?, digit(2, 2)?, digit(4, 2)?)),
            3 => Some(Rgb(digit(0, 1)? * 17, digit(1, 1)? * 17, digit(2, 1)? * 17)),
            _ => None,
        }
    }

    /// WCAG's relative luminance.
    fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// WCAG's contrast ratio, 1 to 21.
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// `self` moved `t` (0 to 1) of the way to `other`.
    fn mix(self, other: Rgb, t: f64) -> Rgb {
        let m = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
        Rgb(m(self.0, other.0), m(self.1, other.1), m(self.2, other.2))
    }

    /// The nearest colour towards `towards` (black or white) with `MIN_CONTRAST` on `bg`.
    fn readable_on(self, bg: Rgb, towards: Rgb) -> Rgb {
        (0..=100)
            .map(|i| self.mix(towards, f64::from(i) / 100.0))
            .find(|c| c.contrast(bg) >= MIN_CONTRAST)
            .unwrap_or(towards)
    }
}

impl<'de> Deserialize<'de> for Rgb {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Rgb::parse(text.trim()).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{text}` is not a colour: write it as #rrggbb, e.g. \"#1d4f91\" (in quotes)"
            ))
        })
    }
}

impl Serialize for Rgb {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl JsonSchema for Rgb {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Colour".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A colour, #rrggbb or #rgb.",
            "type": "string",
            "pattern": "^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"
        })
    }
}

/// The fonts, all from the visitor's system.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize, JsonSchema, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Fonts {
    /// Sans-serif for headings, lists and the CV; serif for the biography, posts and pages.
    #[default]
    Mixed,
    /// Sans-serif everywhere.
    Sans,
    /// Serif everywhere.
    Serif,
}

/// The look of the site (`theme:` in cvsite.yaml).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeConfig {
    /// The accent of links, buttons and headings in light mode, e.g. "#7b2d8e". It must have
    /// 4.5:1 contrast with the white page (WCAG AA); dark mode gets a light tint of it with the
    /// same contrast, unless `accent_dark` gives one.
    pub accent: Option<Rgb>,
    /// The accent in dark mode, with 4.5:1 contrast on the dark page.
    pub accent_dark: Option<Rgb>,
    /// The fonts: `mixed` (the default: sans-serif, with serif for long text), `sans` or `serif`.
    #[serde(default)]
    pub fonts: Fonts,
    /// A font of your own, from its files in `static/`, before the system's.
    pub font: Option<OwnFont>,
}

/// A font of the site's own (`theme.font`): served from the site, like everything else.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OwnFont {
    /// Its family name, as its files call it: "Source Serif 4".
    pub family: String,
    /// Its files in `static/` (`.woff2`, `.woff`, `.ttf` or `.otf`): `fonts/x.woff2` for the
    /// regular weight, or `{file: fonts/x-bold.woff2, weight: 700, style: italic}`.
    pub files: Vec<FontFile>,
    /// What it sets: `text` (the default: headings, lists, the CV; with `fonts: sans` or
    /// `serif`, everything) or `long_text` (the biography, posts and pages, which `fonts:
    /// mixed` sets in a serif).
    #[serde(default)]
    pub used_for: FontUse,
}

/// A file of a font of the site's own.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize)]
#[serde(untagged)]
pub enum FontFile {
    /// The regular weight, upright.
    Regular(String),
    /// A weight or style.
    Face {
        /// The file in `static/`.
        file: String,
        /// Its weight, 100 to 900 (400 regular, 700 bold).
        #[serde(default = "regular")]
        weight: u16,
        /// `normal` or `italic`.
        #[serde(default)]
        style: FontStyle,
    },
}

fn regular() -> u16 {
    400
}

impl FontFile {
    /// The file, its weight and style.
    pub fn face(&self) -> (&str, u16, FontStyle) {
        match self {
            FontFile::Regular(file) => (file, 400, FontStyle::Normal),
            FontFile::Face {
                file,
                weight,
                style,
            } => (file, *weight, *style),
        }
    }
}

/// A font file's style.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FontStyle {
    /// Upright.
    #[default]
    Normal,
    /// Italic.
    Italic,
}

/// What a font of the site's own sets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FontUse {
    /// All the text.
    #[default]
    Text,
    /// The long text: biography, posts, pages.
    LongText,
}

/// What is wrong with a font of the site's own: the setting's path, why, and what would do.
pub fn check_font(font: &OwnFont, statics: &[&str]) -> Result<(), (String, String, String)> {
    if font.family.trim().is_empty() || font.family.contains(['"', '\\', ';', '{', '}', '<', '>']) {
        return Err((
            "theme.font.family".into(),
            format!("`{}` is not a font's name", font.family),
            "write the family name as the font's files call it, e.g. Source Serif 4".into(),
        ));
    }
    if font.files.is_empty() {
        return Err((
            "theme.font.files".into(),
            "a font needs its files".into(),
            "name its files in static/, e.g. [fonts/SourceSerif4-Regular.woff2]".into(),
        ));
    }
    for (i, f) in font.files.iter().enumerate() {
        let (file, weight, _) = f.face();
        let at = match f {
            FontFile::Regular(_) => format!("theme.font.files[{i}]"),
            FontFile::Face { .. } => format!("theme.font.files[{i}].file"),
        };
        let name = file.trim_start_matches('/');
        let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
        if !matches!(ext.as_deref(), Some("woff2" | "woff" | "ttf" | "otf")) {
            let message = format!("`{file}` is not a font file for the web");
            return Err((
                at,
                message,
                "use a .woff2 file (or .woff, .ttf, .otf)".into(),
            ));
        }
        if !statics.contains(&name) {
            let near = crate::diagnostics::closest(name, statics.iter().copied())
                .map(|c| format!("did you mean `{c}`?"))
                .unwrap_or_else(|| "put the file in static/ and name it as it is there".into());
            return Err((at, format!("static/{name} does not exist"), near));
        }
        if !(100..=900).contains(&weight) {
            let at = format!("theme.font.files[{i}].weight");
            return Err((
                at,
                format!("{weight} is not a font weight"),
                "100 to 900: 400 regular, 700 bold".into(),
            ));
        }
    }
    Ok(())
}

/// A setting with too little contrast: which (`accent`), its ratio, and one that would do.
#[derive(Debug, Clone, PartialEq)]
pub struct LowContrast {
    /// The setting's name.
    pub field: &'static str,
    /// Its contrast with the page.
    pub ratio: f64,
    /// The nearest colour with enough.
    pub suggestion: Rgb,
}

impl fmt::Display for LowContrast {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the {} has {:.1}:1 contrast with the page, and links and buttons need {MIN_CONTRAST}:1 to be read easily (WCAG AA)",
            self.field.replace('_', " "),
            self.ratio
        )
    }
}

/// The CSS the settings make (empty for none), after the built-in style sheet: screen only,
/// so print keeps its black. A colour with too little contrast is an error.
pub fn site_style(theme: &ThemeConfig, base: &str) -> Result<String, LowContrast> {
    let mut css = String::new();
    // Each given accent against its page and its tint; a suggestion towards black on the
    // light page, towards white on the dark one.
    let given = [
        ("accent", theme.accent, LIGHT_BG, LIGHT_FG, Rgb(0, 0, 0)),
        (
            "accent_dark",
            theme.accent_dark,
            DARK_BG,
            DARK_FG,
            Rgb(0xff, 0xff, 0xff),
        ),
    ];
    for (field, accent, bg, fg, towards) in given {
        let Some(accent) = accent else { continue };
        let (soft, _) = tints(accent, bg, fg);
        let ratio = accent.contrast(bg).min(accent.contrast(soft));
        if ratio < MIN_CONTRAST {
            return Err(LowContrast {
                field,
                ratio,
                suggestion: accent.readable_on(soft, towards),
            });
        }
    }
    if let Some(light) = theme.accent {
        let (soft, owner) = tints(light, LIGHT_BG, LIGHT_FG);
        css.push_str(&format!(
            "@media screen{{:root{{--accent:{light};--accent-soft:{soft};--owner:{owner}}}}}"
        ));
    }
    if let Some(dark) = theme.accent_dark.or_else(|| {
        theme.accent.map(|a| {
            // A light tint of the accent, as readable on the dark page as on the light.
            let start = a.mix(Rgb(0xff, 0xff, 0xff), 0.35);
            let (soft, _) = tints(start, DARK_BG, DARK_FG);
            start.readable_on(soft, Rgb(0xff, 0xff, 0xff))
        })
    }) {
        let (soft, owner) = tints(dark, DARK_BG, DARK_FG);
        // Dark as the system's choice (unless the visitor picked light), or as the visitor's.
        let vars = format!("--accent:{dark};--accent-soft:{soft};--owner:{owner}");
        css.push_str(&format!(
            "@media screen and (prefers-color-scheme:dark){{:root:not([data-theme=light]){{{vars}}}}}\
             @media screen{{:root[data-theme=dark]{{{vars}}}}}"
        ));
    }
    match theme.fonts {
        Fonts::Mixed => {}
        Fonts::Sans => css.push_str(":root{--serif:var(--font)}"),
        Fonts::Serif => css.push_str(":root{--font:var(--system-serif)}"),
    }
    if let Some(font) = &theme.font {
        // Checked when the configuration is loaded (`check_font`): a name without quotes,
        // files of the site.
        let family = font.family.trim();
        for f in &font.files {
            let (file, weight, style) = f.face();
            let path = crate::text::encode_path(file.trim_start_matches('/'));
            let format = match file.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()) {
                Some(e) if e == "ttf" => "truetype".to_string(),
                Some(e) if e == "otf" => "opentype".to_string(),
                Some(e) => e,
                None => String::new(),
            };
            let style = if style == FontStyle::Italic {
                "italic"
            } else {
                "normal"
            };
            css.push_str(&format!(
                "@font-face{{font-family:\"{family}\";src:url(\"{base}{path}\") format(\"{format}\");font-weight:{weight};font-style:{style};font-display:swap}}"
            ));
        }
        // Before the system's: a letter the font lacks comes from them.
        let (var, system) = match (font.used_for, theme.fonts) {
            (FontUse::Text, Fonts::Serif) | (FontUse::LongText, _) => ("--serif", "serif"),
            (FontUse::Text, _) => ("--font", "font"),
        };
        let set = format!("{var}:\"{family}\",var(--system-{system})");
        // All the text: the long text too, unless `fonts: mixed` keeps a serif for it.
        let also = match (font.used_for, theme.fonts) {
            (FontUse::Text, Fonts::Serif) => ";--font:var(--serif)".to_string(),
            (FontUse::Text, Fonts::Sans) => ";--serif:var(--font)".to_string(),
            _ => String::new(),
        };
        css.push_str(&format!(":root{{{set}{also}}}"));
    }
    Ok(css)
}

/// The tint behind accented things (badges, code) and the colour of the owner's name, made
/// from an accent for a page of `bg` and `fg`.
fn tints(accent: Rgb, bg: Rgb, fg: Rgb) -> (Rgb, Rgb) {
    (bg.mix(accent, 0.1), accent.mix(fg, 0.45))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_is_wcags() {
        assert!((Rgb(0, 0, 0).contrast(Rgb(255, 255, 255)) - 21.0).abs() < 0.01);
        // The grey known as the lightest to pass AA on white: 4.54:1.
        let grey = Rgb::parse("#767676").unwrap();
        assert!((grey.contrast(LIGHT_BG) - 4.54).abs() < 0.01);
        assert_eq!(Rgb::parse("#abc"), Some(Rgb(0xaa, 0xbb, 0xcc)));
        assert_eq!(Rgb::parse("red"), None);
        assert_eq!(Rgb::parse("#12345g"), None);
    }

    #[test]
    fn an_accent_is_checked_and_its_dark_twin_made_readable() {
        let theme = |accent: &str| ThemeConfig {
            accent: Rgb::parse(accent),
            ..Default::default()
        };
        let css = site_style(&theme("#7b2d8e"), "/").unwrap();
        assert!(
            css.starts_with("@media screen{:root{--accent:#7b2d8e;"),
            "{css}"
        );
        let dark = css
            .split("(prefers-color-scheme:dark){:root:not([data-theme=light]){--accent:")
            .nth(1)
            .unwrap();
        let dark = Rgb::parse(&dark[..7]).unwrap();
        assert!(dark.contrast(DARK_BG) >= MIN_CONTRAST, "{dark}");
        // Too light for a white page: refused, with one that would do.
        let low = site_style(&theme("#8fb8ef"), "/").unwrap_err();
        assert_eq!(low.field, "accent");
        assert!(low.ratio < 3.0, "{low}");
        assert!(low.suggestion.contrast(LIGHT_BG) >= MIN_CONTRAST);
        assert!(site_style(&ThemeConfig::default(), "/").unwrap().is_empty());
    }
}
