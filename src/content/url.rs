//! Link targets a user writes (profile links, a paper's code, a Markdown link): only schemes that
//! open a page or an app are accepted. `javascript:` in a link runs script on the visitor's
//! page (and becomes a `/URI` action in the PDF); `data:` and `file:` load what the site does not
//! serve. A cloned or imported CV can carry such a link unseen.

use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Schemes a link may have; a link without one is a path in the site.
pub const SCHEMES: [&str; 5] = ["http", "https", "mailto", "tel", "ftp"];

/// Words of every refusal, by which a YAML error is known to be one.
pub const REFUSED: &str = "is not a link cvsite writes";

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
