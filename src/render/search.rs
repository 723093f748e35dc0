//! The index of `/search/` (`search: true`): each paper, post and page with the words a visitor
//! may search for, as JSON that the search page loads when it is first used. No service, no
//! third party: the site's own files, offline too.

use serde::Serialize;

use crate::content::markdown;
use crate::content::rich::RichText;
use crate::content::{Content, Document};
use crate::render::view::{DocView, SiteData};

/// The most of a text's words an entry keeps, in bytes: enough for an abstract or the start of
/// a post; a 500-paper index is well under a megabyte (a few hundred KB compressed).
const TEXT_LIMIT: usize = 1200;

/// One entry. Short keys: the index is downloaded whole.
#[derive(Debug, Serialize)]
struct Entry<'a> {
    /// Title.
    t: &'a str,
    /// Address.
    u: &'a str,
    /// Kind: paper, post or page, in the site's language.
    k: &'a str,
    /// The line under the title: authors and venue, or a date.
    m: String,
    /// More words to match: an abstract and tags, or a text's body.
    x: String,
}

/// The index as JSON: papers in the list's order, then posts, then pages.
pub fn index(content: &Content, data: &SiteData) -> String {
    // Views are made from their sources one to one, in order.
    let papers = data
        .publications
        .iter()
        .zip(content.publications.iter())
        .map(|(v, p)| {
            let tags = v.tags.iter().map(|t| t.label.as_str());
            let words = p
                .abstract_text
                .as_ref()
                .map(RichText::plain)
                .into_iter()
                .chain(tags.map(String::from))
                .collect::<Vec<_>>()
                .join(" ");
            Entry {
                t: &v.title,
                u: &v.url,
                k: &data.labels.paper,
                m: format!("{} · {}", v.authors_text, v.venue_text),
                x: clip(words),
            }
        });
    let entries: Vec<Entry<'_>> = papers
        .chain(texts(&data.labels.post, &data.posts, &content.posts))
        .chain(texts(&data.labels.page, &data.pages, &content.pages))
        .collect();
    serde_json::to_string(&entries).expect("strings and numbers")
}

/// The entries of posts or pages: views and their sources, one to one.
fn texts<'a>(kind: &'a str, views: &'a [DocView], sources: &[Document]) -> Vec<Entry<'a>> {
    views
        .iter()
        .zip(sources)
        .map(|(v, d)| Entry {
            t: &v.title,
            u: &v.url,
            k: kind,
            m: v.date.clone().unwrap_or_default(),
            x: clip(markdown::to_plain(&d.body)),
        })
        .collect()
}

/// At most [`TEXT_LIMIT`] bytes, cut at a word.
fn clip(mut text: String) -> String {
    if text.len() > TEXT_LIMIT {
        let cut = text.floor_char_boundary(TEXT_LIMIT);
        let cut = text[..cut].rfind(' ').unwrap_or(cut);
        text.truncate(cut);
    }
    text
}
