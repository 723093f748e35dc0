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
    // File systems refuse long names; a long slug keeps its start and a hash of the whole.
    if slug.len() > MAX_SLUG {
        let hash = fnv1a(slug.as_bytes());
        slug.truncate(MAX_SLUG - 9);
        while slug.ends_with('-') {
            slug.pop();
        }
        slug = format!("{slug}-{:08x}", hash as u32);
    }
    slug
}

/// A slug for a page that must have one: text with no letter or digit to make one of (a
/// BibTeX key `..`, a tag `C#`... gets `c`, but `#` gets none) is named by a hash of it.
pub fn slug_or_hash(text: &str, prefix: &str) -> String {
    let slug = slugify(text);
    if slug.is_empty() {
        format!("{prefix}-{:08x}", fnv1a(text.as_bytes()) as u32)
    } else {
        slug
    }
}

/// The longest slug, in bytes: far below any file system's limit on a name.
const MAX_SLUG: usize = 80;

/// FNV-1a: a small hash that is the same on every machine and every build.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A path written in a content file (`papers/My Paper.pdf`) made fit for a URL: spaces,
/// quotes and angle brackets percent-encoded; `/`, `#`, `?` and existing `%XX` kept.
pub fn encode_path(path: &str) -> String {
    use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
    const UNSAFE: &AsciiSet = &CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'<')
        .add(b'>')
        .add(b'`')
        .add(b'{')
        .add(b'}')
        .add(b'|')
        .add(b'\\')
        .add(b'^');
    utf8_percent_encode(path, UNSAFE).to_string()
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
        let long = "amygdala drug effects metabolism animals humans male opioid peptides administration dosage";
        let slug = slugify(long);
        assert!(slug.len() <= 80, "{slug}");
        assert!(slug.starts_with("amygdala-drug-effects"));
        assert_eq!(slug, slugify(long), "stable");
        assert_ne!(slug, slugify(&format!("{long} more")), "distinct");
        assert_eq!(slug_or_hash("C#", "tag"), "c");
        let hashed = slug_or_hash("..", "paper");
        assert!(
            hashed.starts_with("paper-") && hashed.len() == 14,
            "{hashed}"
        );
        assert_ne!(hashed, slug_or_hash("#", "paper"), "distinct");
    }

    #[test]
    fn paths_fit_urls() {
        assert_eq!(encode_path("papers/My Paper.pdf"), "papers/My%20Paper.pdf");
        assert_eq!(encode_path("a/b.pdf#page=2"), "a/b.pdf#page=2");
        assert_eq!(encode_path("x%20y.pdf"), "x%20y.pdf");
        assert_eq!(encode_path("Müller.pdf"), "M%C3%BCller.pdf");
    }

    #[test]
    fn english_lists() {
        assert_eq!(join_english(&["A"]), "A");
        assert_eq!(join_english(&["A", "B"]), "A and B");
        assert_eq!(join_english(&["A", "B", "C"]), "A, B and C");
        assert_eq!(join_english(&[] as &[&str]), "");
    }
}
