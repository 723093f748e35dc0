//! Small text helpers shared by the stages: slugs and English lists.

/// A URL slug: lowercase ASCII letters, digits and single hyphens (`"Über Café 2023!"` →
/// `"uber-cafe-2023"`). Non-Latin text is transliterated.
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut slug = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// Joins items as English does: `A`, `A and B`, `A, B and C`.
pub fn join_english(items: &[impl AsRef<str>]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => {
            let head: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", head.join(", "), last.as_ref())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slugify("Hello, World!"), "hello-world");
        assert_eq!(slugify("Über Café 2023"), "uber-cafe-2023");
        assert_eq!(
            slugify("  --Go Wider Instead of Deeper--  "),
            "go-wider-instead-of-deeper"
        );
        assert_eq!(slugify("xue2023adatape"), "xue2023adatape");
        assert_eq!(slugify("北京"), "bei-jing");
        assert_eq!(slugify("!!!"), "");
    }

    #[test]
    fn english_lists() {
        assert_eq!(join_english(&["A"]), "A");
        assert_eq!(join_english(&["A", "B"]), "A and B");
        assert_eq!(join_english(&["A", "B", "C"]), "A, B and C");
        assert_eq!(join_english(&[] as &[&str]), "");
    }
}

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
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod escape_tests {
    #[test]
    fn round_trips() {
        let text = r#"<a href="x">Tom & 'Jerry' &lt;</a>"#;
        assert_eq!(super::unescape_html(&super::escape_html(text)), text);
    }

    #[test]
    fn escapes() {
        assert_eq!(
            super::escape_html(r#"<a href="x">Tom & 'Jerry'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;"
        );
    }
}
