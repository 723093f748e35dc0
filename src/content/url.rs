//! Link targets a user writes (profile links, a paper's code, a Markdown link): only schemes that
//! open a page or an app are accepted. `javascript:` in a link runs script on the visitor's
//! page (and becomes a `/URI` action in the PDF); `data:` and `file:` load what the site does not
//! serve. A cloned or imported CV can carry such a link unseen.

use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Schemes a link may have; a link without one is a path in the site.
pub const SCHEMES: [&str; 5] = ["http", "https", "mailto", "tel", "ftp"];

/// Words of every refusal of a link, by which a YAML error is known to be one.
pub const REFUSED: &str = "is not a link cvsite writes";

/// Words of every refusal of raw HTML.
pub const REFUSED_HTML: &str = "raw HTML with";

/// Why `url` cannot be a link target, if it cannot.
pub fn refused(url: &str) -> Option<String> {
    let scheme = scheme(url)?;
    if SCHEMES.iter().any(|s| s.eq_ignore_ascii_case(&scheme)) {
        return None;
    }
    // A tab or newline hidden in it is shown, not printed.
    let shown: String = url
        .chars()
        .take(60)
        .flat_map(|c| {
            let escaped = c.is_control().then(|| c.escape_default());
            escaped
                .into_iter()
                .flatten()
                .chain((!c.is_control()).then_some(c))
        })
        .collect();
    let more = if url.chars().count() > 60 { "…" } else { "" };
    Some(format!(
        "`{shown}{more}` {REFUSED}: a `{scheme}:` link can run script or open \
         files on a visitor's machine; links start with https://, http://, mailto: or tel:, or \
         are a path in the site"
    ))
}

/// Why raw HTML written in Markdown cannot be published, if it cannot: a `<script>`, an event
/// handler (`onerror=`), or a script or HTML-document URL anywhere in a tag (a link, a form, an
/// `<iframe srcdoc>`, a `<meta>` refresh, an SVG animation), read as a browser reads it:
/// entities decoded, tabs and newlines dropped, any case.
pub fn refused_html(html: &str) -> Option<String> {
    let lower = decode_entities(html).to_ascii_lowercase();
    if lower.contains("<script") {
        return Some(
            "raw HTML with a <script> element: cvsite publishes no script written in content"
                .to_string(),
        );
    }
    for tag in lower.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or("");
        let squeezed: String = tag.chars().filter(|c| !c.is_control()).collect();
        for bad in [
            "javascript:",
            "vbscript:",
            "data:text/html",
            "data:image/svg",
            "srcdoc",
        ] {
            if squeezed.contains(bad) {
                return Some(format!(
                    "raw HTML with `{bad}` in a tag: it could run script in a visitor's browser"
                ));
            }
        }
        let bytes = tag.as_bytes();
        for (at, _) in tag.match_indices("on") {
            let starts = at == 0
                || matches!(
                    bytes[at - 1],
                    b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'"' | b'\''
                );
            let name = tag[at + 2..]
                .bytes()
                .take_while(u8::is_ascii_alphabetic)
                .count();
            if starts && name > 0 && tag[at + 2 + name..].trim_start().starts_with('=') {
                return Some(format!(
                    "raw HTML with an event handler (`{}=`): cvsite publishes no script written in content",
                    &tag[at..at + 2 + name]
                ));
            }
        }
    }
    None
}

/// HTML's character references as a browser decodes them in a tag: numeric ones, and the named
/// ones that can spell a scheme.
fn decode_entities(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map_or(rest.len(), |e| e + 1);
        let name = &rest[1..end];
        let numeric = name
            .strip_prefix('#')
            .and_then(|n| match n.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => n.parse().ok(),
            });
        let decoded = numeric.and_then(char::from_u32).or(match name {
            "colon" => Some(':'),
            "tab" => Some('\t'),
            "newline" => Some('\n'),
            "lpar" => Some('('),
            "rpar" => Some(')'),
            _ => None,
        });
        match decoded {
            Some(c) => {
                out.push(c);
                rest = rest[end..].strip_prefix(';').unwrap_or(&rest[end..]);
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The scheme of `url` as a browser reads it, if it has one. Browsers drop leading spaces and
/// control characters and every tab and newline (`java\tscript:` is `javascript:`).
pub fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take_while(|c| !matches!(c, '/' | '?' | '#'))
        .collect();
    let (scheme, _) = cleaned.split_once(':')?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then(|| scheme.to_ascii_lowercase())
}

/// A link target checked by [`refused`]: a full URL with a safe scheme, or a path in the site.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Url(String);

impl Url {
    /// Checks `url`.
    pub fn new(url: impl Into<String>) -> Result<Url, String> {
        let url = url.into();
        match refused(&url) {
            Some(why) => Err(why),
            None => Ok(Url(url)),
        }
    }

    /// A link cvsite makes itself, to an `https://` page.
    pub fn https(url: String) -> Url {
        debug_assert!(url.starts_with("https://"));
        Url(url)
    }

    /// The target as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Url {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Url {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<Url> for String {
    fn from(u: Url) -> String {
        u.0
    }
}

impl<'de> Deserialize<'de> for Url {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Url::new(s).map_err(serde::de::Error::custom)
    }
}

impl Serialize for Url {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

super::string_schema!(Url);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_that_run_or_load_are_refused_however_written() {
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " \u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "jav\nascript:alert(1)",
            "vbscript:msgbox",
            "data:text/html,<script>alert(1)</script>",
            "file:///etc/passwd",
            "blob:https://x.org/1",
            "c:/users/me/paper.pdf",
        ] {
            assert!(refused(bad).is_some(), "{bad:?} accepted");
        }
    }

    #[test]
    fn raw_html_that_runs_script_is_refused_and_the_rest_kept() {
        for bad in [
            "<script>alert(1)</script>",
            "<SCRIPT src=x></SCRIPT>",
            "<img src=x onerror=alert(1)>",
            "<img src=x\nOnError = 'alert(1)'>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=\"java&#x09;script&#58;alert(1)\">x</a>",
            "<a href='&#106;avascript&colon;alert(1)'>x</a>",
            "<iframe srcdoc=\"<p>x</p>\"></iframe>",
            "<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">",
            "<object data=\"data:text/html,<p>x\"></object>",
            "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
        ] {
            assert!(refused_html(bad).is_some(), "{bad:?} accepted");
        }
        for good in [
            "<sup>1</sup>",
            "<a href=\"https://x.org/?on=1\">online</a>",
            "<span class=\"icon\">☆</span> on top",
            "<img src=\"/images/me.jpg\" alt=\"Me, on a bench\">",
            "<details><summary>More</summary>Text &amp; more</details>",
        ] {
            assert_eq!(refused_html(good), None, "{good:?} refused");
        }
    }

    #[test]
    fn web_mail_phone_and_site_paths_are_links() {
        for good in [
            "https://x.org/a:b",
            "HTTP://X.ORG",
            "mailto:me@x.org",
            "tel:+65 1234",
            "ftp://ftp.x.org/pub/paper.ps",
            "/papers/a.pdf",
            "papers/a.pdf",
            "//cdn.x.org/a",
            "#section",
            "?q=a:b",
            "a/b:c",
            "10.1000/xyz:abc",
            "0000-0002-1825-0097",
            "",
        ] {
            assert_eq!(refused(good), None, "{good:?} refused");
        }
    }
}
