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
pub fn site_style(theme: &ThemeConfig) -> Result<String, LowContrast> {
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
        Fonts::Serif => css.push_str(
            ":root{--font:\"Iowan Old Style\",\"Palatino Linotype\",Palatino,\"Book Antiqua\",Georgia,\"Noto Serif\",\"DejaVu Serif\",serif}",
        ),
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
        let css = site_style(&theme("#7b2d8e")).unwrap();
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
        let low = site_style(&theme("#8fb8ef")).unwrap_err();
        assert_eq!(low.field, "accent");
        assert!(low.ratio < 3.0, "{low}");
        assert!(low.suggestion.contrast(LIGHT_BG) >= MIN_CONTRAST);
        assert!(site_style(&ThemeConfig::default()).unwrap().is_empty());
    }
}
