//! The built-in icons: small SVGs inlined into the pages (no icon font, no request), from
//! Simple Icons, Bootstrap Icons and Lucide (sources and licences in `icons/NOTICE-icons`).
//! Templates use them as `{{ site.icons.github | safe }}`; each is `aria-hidden`: the text
//! beside it names the link.

use serde::ser::{Serialize, SerializeMap, Serializer};

/// Each icon by name: the profile links' kinds (`github`, `orcid`, ...) and `email`, `website`,
/// `phone`, `location`, `cv`, `rss`, `link`.
pub const ICONS: [(&str, &str); 22] = [
    ("bluesky", include_str!("icons/bluesky.svg")),
    ("cv", include_str!("icons/cv.svg")),
    ("dblp", include_str!("icons/dblp.svg")),
    ("email", include_str!("icons/email.svg")),
    ("github", include_str!("icons/github.svg")),
    ("gitlab", include_str!("icons/gitlab.svg")),
    ("google-scholar", include_str!("icons/google-scholar.svg")),
    ("hugging-face", include_str!("icons/hugging-face.svg")),
    ("link", include_str!("icons/link.svg")),
    ("linkedin", include_str!("icons/linkedin.svg")),
    ("location", include_str!("icons/location.svg")),
    ("mastodon", include_str!("icons/mastodon.svg")),
    ("openreview", include_str!("icons/openreview.svg")),
    ("orcid", include_str!("icons/orcid.svg")),
    ("phone", include_str!("icons/phone.svg")),
    ("researchgate", include_str!("icons/researchgate.svg")),
    ("rss", include_str!("icons/rss.svg")),
    (
        "semantic-scholar",
        include_str!("icons/semantic-scholar.svg"),
    ),
    ("website", include_str!("icons/website.svg")),
    ("x", include_str!("icons/x.svg")),
    ("youtube", include_str!("icons/youtube.svg")),
    ("zenodo", include_str!("icons/zenodo.svg")),
];

/// The icons as templates see them: a map from name to SVG.
#[derive(Debug, Clone, Copy, Default)]
pub struct Icons;

impl Serialize for Icons {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(ICONS.len()))?;
        for (name, svg) in ICONS {
            map.serialize_entry(name, svg)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_icon_is_one_hidden_svg() {
        for (name, svg) in ICONS {
            assert!(
                svg.starts_with("<svg class=\"icon") && svg.ends_with("</svg>"),
                "{name}"
            );
            assert!(svg.contains("aria-hidden=\"true\""), "{name}");
            // Sized even under a style sheet of the site's own that lacks `.icon`.
            assert!(svg.contains(" width=\"1em\" height=\"1em\""), "{name}");
            assert_eq!(svg.matches("<svg").count(), 1, "{name}");
            assert!(!svg.contains("<script") && !svg.contains(" on"), "{name}");
        }
        assert!(ICONS.iter().any(|(n, _)| *n == "github"));
        assert!(!ICONS.iter().any(|(n, _)| *n == "nope"));
    }
}
