//! HTML as text: escaping what we write into pages, and reading the links of a built page (for
//! `cvsite check` and page weights). Our own modules never exchange HTML: this reads only output.

use std::collections::BTreeSet;

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Undoes [`escape_html`] (and pulldown-cmark's escaping): `&amp;` last, so nothing is decoded twice.
pub fn unescape_html(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// `href` and `src` values of an HTML page, with the `id`s and `name`s it defines.
pub fn links_and_ids(html: &str) -> (Vec<String>, BTreeSet<String>) {
    let mut links = Vec::new();
    let mut ids = BTreeSet::new();
    for attr in ["href=", "src=", "id=", "name="] {
        for value in attribute_values(html, attr) {
            let value = unescape_html(value);
            match attr {
                "href=" | "src=" => links.push(value),
                _ => {
                    ids.insert(value);
                }
            }
        }
    }
    (links, ids)
}

/// The values of attribute `attr` (`href=`) in some HTML, as written (not unescaped).
pub fn attribute_values<'a>(html: &'a str, attr: &'a str) -> impl Iterator<Item = &'a str> {
    let bytes = html.as_bytes();
    // Past the last value read: an `href=` written inside another value is not an attribute.
    let mut next = 0;
    // SIMD search: every page of a large site is read for its links as it is built.
    memchr::memmem::find_iter(bytes, attr.as_bytes()).filter_map(move |at| {
        if at < next
            || !matches!(
                at.checked_sub(1).map(|b| bytes[b]),
                Some(b' ' | b'\n' | b'\t')
            )
        {
            return None;
        }
        let start = at + attr.len();
        let quote = *bytes.get(start).filter(|q| matches!(q, b'"' | b'\''))?;
        let len = memchr::memchr(quote, &bytes[start + 1..])?;
        next = start + 1 + len;
        Some(&html[start + 1..start + 1 + len])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let text = r#"<a href="x">Tom & 'Jerry' &lt;</a>"#;
        assert_eq!(unescape_html(&escape_html(text)), text);
    }

    #[test]
    fn escapes() {
        assert_eq!(
            escape_html(r#"<a href="x">Tom & 'Jerry'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn scans_links_and_ids() {
        let (links, ids) = links_and_ids(
            "<a href=\"/a/\" id=\"x\">a</a><img src='/b.png' alt=''><div data-href=\"/no/\"></div>",
        );
        assert_eq!(links, ["/a/", "/b.png"]);
        assert!(ids.contains("x"));
    }
}
