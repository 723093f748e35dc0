//! Services a site may opt into, each a third party its pages then load: visitor statistics
//! (GoatCounter, Plausible, Umami, Google Analytics) and comments on posts (giscus). Off by
//! default; `partials/analytics.html` and `partials/comments.html` write their tags, and the
//! README says what each sends.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `analytics:` in cvsite.yaml: visitor statistics, off unless a service is named.
#[derive(Debug, Clone, Default, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Analytics {
    /// GoatCounter: your site's code, `mysite` for mysite.goatcounter.com.
    pub goatcounter: Option<String>,
    /// Plausible: the site's domain as registered there, and its script for a server of your own.
    pub plausible: Option<Plausible>,
    /// Umami: the website ID, and its script for a server of your own.
    pub umami: Option<Umami>,
    /// Google Analytics 4: the measurement ID, `G-XXXXXXXXXX`.
    pub google: Option<String>,
}

/// Plausible's settings.
#[derive(Debug, Clone, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plausible {
    /// The domain as registered at Plausible: `name.github.io`.
    pub domain: String,
    /// The script's address (default Plausible's own, `https://plausible.io/js/script.js`).
    #[serde(default = "Plausible::default_script")]
    pub script: String,
}

impl Plausible {
    fn default_script() -> String {
        "https://plausible.io/js/script.js".to_string()
    }
}

/// Umami's settings.
#[derive(Debug, Clone, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Umami {
    /// The website ID Umami gives, a UUID.
    pub website_id: String,
    /// The script's address (default Umami Cloud's, `https://cloud.umami.is/script.js`).
    #[serde(default = "Umami::default_script")]
    pub script: String,
}

impl Umami {
    fn default_script() -> String {
        "https://cloud.umami.is/script.js".to_string()
    }
}

/// `comments:` in cvsite.yaml: comments under each post, off unless a service is named.
#[derive(Debug, Clone, Default, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Comments {
    /// giscus: comments kept as GitHub Discussions of a repository. The values are those
    /// <https://giscus.app> shows for your repository.
    pub giscus: Option<Giscus>,
}

/// giscus's settings.
#[derive(Debug, Clone, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Giscus {
    /// The public repository with Discussions on: `owner/name`.
    pub repo: String,
    /// Its ID (`R_...`).
    pub repo_id: String,
    /// The Discussions category the comments go in.
    pub category: String,
    /// Its ID (`DIC_...`).
    pub category_id: String,
    /// Reactions to the post itself (default true).
    #[serde(default = "yes")]
    pub reactions: bool,
}

fn yes() -> bool {
    true
}

/// A setting that is not what its service expects: where (`analytics.google`), why, and how.
#[derive(Debug, Clone, PartialEq)]
pub struct Invalid {
    /// The setting's path in cvsite.yaml.
    pub field: &'static str,
    /// What is wrong.
    pub message: String,
    /// What it should look like.
    pub help: String,
}

/// Checks the services' settings: what goes into an address or a script must be what the
/// service gives, nothing else.
pub fn check(analytics: &Analytics, comments: &Comments) -> Result<(), Invalid> {
    let invalid = |field, value: &str, what: &str, help: &str| {
        Err(Invalid {
            field,
            message: format!("`{value}` is not {what}"),
            help: help.to_string(),
        })
    };
    let word = |s: &str, extra: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || extra.contains(c))
    };
    if let Some(code) = &analytics.goatcounter
        && !word(code, "-")
    {
        return invalid(
            "analytics.goatcounter",
            code,
            "a GoatCounter code",
            "write the code alone: `mysite` for https://mysite.goatcounter.com",
        );
    }
    if let Some(p) = &analytics.plausible {
        if !word(&p.domain, ".-") || !p.domain.contains('.') {
            return invalid(
                "analytics.plausible.domain",
                &p.domain,
                "a domain",
                "write the domain as Plausible has it: `name.github.io`",
            );
        }
        if !is_script_address(&p.script) {
            return invalid(
                "analytics.plausible.script",
                &p.script,
                "an https address of a script",
                "e.g. https://plausible.io/js/script.js",
            );
        }
    }
    if let Some(u) = &analytics.umami {
        if !is_uuid(&u.website_id) {
            return invalid(
                "analytics.umami.website_id",
                &u.website_id,
                "an Umami website ID",
                "copy it from Umami's settings: 8-4-4-4-12 hexadecimal digits",
            );
        }
        if !is_script_address(&u.script) {
            return invalid(
                "analytics.umami.script",
                &u.script,
                "an https address of a script",
                "e.g. https://cloud.umami.is/script.js",
            );
        }
    }
    if let Some(id) = &analytics.google
        && !(id.starts_with("G-") && word(&id[2..], ""))
    {
        return invalid(
            "analytics.google",
            id,
            "a Google Analytics 4 measurement ID",
            "it looks like `G-XXXXXXXXXX` (Admin → Data streams)",
        );
    }
    if let Some(g) = &comments.giscus {
        let repo_ok = g.repo.split_once('/').is_some_and(|(owner, name)| {
            word(owner, "-") && word(name, "-_.") && !name.contains('/')
        });
        if !repo_ok {
            return invalid(
                "comments.giscus.repo",
                &g.repo,
                "a GitHub repository",
                "write it as `owner/name`",
            );
        }
        for (field, value) in [
            ("comments.giscus.repo_id", &g.repo_id),
            ("comments.giscus.category_id", &g.category_id),
        ] {
            if !word(value, "_-") {
                return invalid(
                    field,
                    value,
                    "an ID giscus gives",
                    "copy it from https://giscus.app (`R_...`, `DIC_...`)",
                );
            }
        }
    }
    Ok(())
}

/// `https://host/path`, with nothing a tag's attribute would need escaped.
fn is_script_address(url: &str) -> bool {
    url.strip_prefix("https://").is_some_and(|rest| {
        let host = rest.split('/').next().unwrap_or_default();
        !host.is_empty()
            && rest
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-._~/:%".contains(c))
    })
}

fn is_uuid(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.iter().map(|p| p.len()).eq([8, 4, 4, 4, 12])
        && parts
            .iter()
            .all(|p| p.chars().all(|c| c.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_checked_before_they_reach_a_page() {
        let none = Comments::default();
        let ok = Analytics {
            goatcounter: Some("my-site".into()),
            google: Some("G-AB12CD34EF".into()),
            umami: Some(Umami {
                website_id: "94db1cb1-74f4-4a40-ad6c-962362670409".into(),
                script: Umami::default_script(),
            }),
            plausible: Some(Plausible {
                domain: "ada.example.org".into(),
                script: Plausible::default_script(),
            }),
        };
        assert_eq!(check(&ok, &none), Ok(()));
        let bad = |a: Analytics| check(&a, &none).unwrap_err().field;
        let hostile = Analytics {
            google: Some("G-1\");alert(1);//".into()),
            ..Default::default()
        };
        assert_eq!(bad(hostile), "analytics.google");
        let url = Analytics {
            goatcounter: Some("https://my.goatcounter.com".into()),
            ..Default::default()
        };
        assert_eq!(bad(url), "analytics.goatcounter");
        let http = Analytics {
            plausible: Some(Plausible {
                domain: "a.org".into(),
                script: "http://x.org/s.js\" onload=\"x".into(),
            }),
            ..Default::default()
        };
        assert_eq!(bad(http), "analytics.plausible.script");
        let giscus = |repo: &str| Comments {
            giscus: Some(Giscus {
                repo: repo.into(),
                repo_id: "R_kgDOabc".into(),
                category: "Announcements".into(),
                category_id: "DIC_kwDOabc".into(),
                reactions: true,
            }),
        };
        let nothing = Analytics::default();
        assert_eq!(check(&nothing, &giscus("ada/site")), Ok(()));
        let e = check(&nothing, &giscus("ada")).unwrap_err();
        assert_eq!(e.field, "comments.giscus.repo");
    }
}
