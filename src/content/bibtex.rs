//! `content/publications.bib`: BibTeX entries into the publication model. LaTeX becomes Unicode
//! text (`{\"u}` → ü, `\&` → &, `--` → –, protective braces dropped), `@string` and month macros
//! and `crossref` are resolved, and names in either form ("Last, First", "First Last") are split
//! into given and family names.

use std::collections::HashMap;

use biblatex::{Bibliography, ChunksExt, Entry, ParseError, RawBibliography, RawChunk};

use super::latex;
use super::model::{Author, Link, Publication, PublicationLinks, PublicationType, Written};
use super::rich::{Inline, RichText, inlines_plain};
use super::url::{self, Url};
use crate::diagnostics::{LineIndex, SourceError, SourceFile, position_of};

/// BibTeX fields kept as they are for the `.bib` export.
const KEPT_FIELDS: [&str; 17] = [
    "pages",
    "volume",
    "number",
    "publisher",
    "address",
    "editor",
    "series",
    "organization",
    "school",
    "institution",
    "month",
    "isbn",
    "issn",
    "note",
    "edition",
    "chapter",
    "eventtitle",
];

/// The publications of a `.bib` file, with warnings (LaTeX commands not known, shown as their
/// argument); the first malformed entry is an error naming its line and key.
pub fn parse(file: &SourceFile) -> Result<(Vec<Publication>, Vec<String>), SourceError> {
    // EndNote writes entries without keys (`@article{ title = ...`): each gets a placeholder,
    // inserted on its first line (so every line number holds), named once it is read.
    let (keyed, keyless) = with_placeholder_keys(&file.text);
    // Biber keeps the first of two entries with one key, and warns: so does cvsite. The later
    // ones are blanked out (same length, same lines), so every position still holds.
    let (text, duplicates) = without_duplicate_keys(&keyed);
    let mut raw = RawBibliography::parse(&text).map_err(|e| parse_error(file, &text, &e))?;
    // BibTeX warns about an undefined `@string` and goes on: so does cvsite, showing its name.
    let undefined = keep_undefined_abbreviations(&mut raw);
    // Before anything follows the references.
    check_references(&raw, file, &text)?;
    // The raw bibliography has positions and the fields as written; the typed one resolves
    // entry types and crossrefs.
    let keys: HashMap<&str, usize> = raw
        .entries
        .iter()
        .map(|e| (e.v.key.v, e.v.key.span.start))
        .collect();
    let fields = raw_fields(&raw);
    let bibs = typed(raw).map_err(|e| parse_error(file, &text, &e))?;
    let bib = || bibs.iter().flat_map(Bibliography::iter);
    // A `crossref` target without authors (a @proceedings volume) is not a publication of its own.
    let parents: std::collections::HashSet<String> = bib()
        .filter_map(|e| {
            e.get("crossref")
                .map(|c| c.format_verbatim().trim().to_string())
        })
        .collect();
    let lines = LineIndex::new(&text);
    let read: Vec<&Entry> = bib()
        .filter(|e| !(parents.contains(&e.key) && e.get("author").is_none()))
        .collect();
    // Entries are read on both cores, each with its own list of unknown commands.
    let converted: Vec<_> = {
        use rayon::prelude::*;
        read.par_iter()
            .map(|entry| {
                let mut reader = Reader {
                    fields: &fields,
                    unknown: Vec::new(),
                    local_files: Vec::new(),
                };
                let at = lines.position(keys.get(entry.key.as_str()).copied().unwrap_or(0));
                let publication = convert(entry, &mut reader, file, at);
                (publication, reader.unknown, reader.local_files)
            })
            .collect()
    };
    let mut publications = Vec::with_capacity(converted.len());
    let mut unknown: Vec<(String, String)> = Vec::new();
    let mut local_files: Vec<(String, String)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (publication, commands, local) in converted {
        // The first problem in the file's order, as when read one by one.
        publications.push(publication?);
        unknown.extend(commands.into_iter().filter(|c| seen.insert(c.clone())));
        local_files.extend(local);
    }
    let named = name_keyless(&mut publications, keyless);
    let mut warnings: Vec<String> = duplicates
        .iter()
        .map(|d| {
            format!(
                "{}:{}: entry `{}` has the same key as the entry on line {}: the first is kept, as biber does",
                file.display, d.line, d.key, d.first_line
            )
        })
        .collect();
    let renamed = match named {
        Some((warning, renamed)) => {
            warnings.push(format!("{}: {warning}", file.display));
            renamed
        }
        None => Vec::new(),
    };
    let first_use: HashMap<&str, usize> = undefined
        .iter()
        .rev()
        .map(|(_, name, at)| (name.as_str(), *at))
        .collect();
    let pairs: Vec<(String, String)> = undefined
        .iter()
        .map(|(k, n, _)| (k.clone(), n.clone()))
        .collect();
    let undefined = grouped(&pairs);
    if undefined.len() > 5 {
        // Many at once: the definitions are in another file (as some lab bibliographies do).
        let names: Vec<String> = undefined
            .iter()
            .take(5)
            .map(|(n, _)| format!("`{n}`"))
            .collect();
        warnings.push(format!(
            "{}: no @string defines {} abbreviations ({}, ...): their names are shown; are the @string definitions in another file?",
            file.display,
            undefined.len(),
            names.join(", ")
        ));
    } else {
        for (name, keys) in undefined {
            let (line, col) = position_of(&text, first_use[name]);
            warnings.push(format!(
                "{}:{line}:{col}: no @string defines `{name}` (used by {}): its name is shown",
                file.display,
                entries(&keys)
            ));
        }
    }
    for (field, keys) in grouped(&local_files) {
        warnings.push(format!(
            "{}: field `{field}` of {} links to a file on the computer that wrote the .bib (`file:`): left out",
            file.display,
            entries(&keys)
        ));
    }
    for (command, keys) in grouped(&unknown) {
        warnings.push(format!(
            "{}: cvsite does not know the LaTeX command \\{command} (used by {}): its argument is shown",
            file.display,
            entries(&keys)
        ));
    }
    // Warnings written while reading name a keyless entry by its placeholder: by its key now.
    for w in &mut warnings {
        for (placeholder, key) in &renamed {
            *w = w.replace(&format!("`{placeholder}`"), &format!("`{key}`"));
        }
    }
    Ok((publications, warnings))
}

/// A later entry with a key already used.
#[derive(Debug, PartialEq, Eq)]
struct Duplicate {
    key: String,
    line: usize,
    first_line: usize,
}

/// The text with every entry whose key an earlier entry has replaced by spaces (newlines
/// kept), and those entries.
fn without_duplicate_keys(text: &str) -> (std::borrow::Cow<'_, str>, Vec<Duplicate>) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut blank: Vec<(std::ops::Range<usize>, Duplicate)> = Vec::new();
    let lines = LineIndex::new(text);
    for (key, range) in entry_spans(text) {
        let line = lines.position(range.start).0;
        match seen.get(key) {
            Some(&first_line) => blank.push((
                range,
                Duplicate {
                    key: key.to_string(),
                    line,
                    first_line,
                },
            )),
            None => {
                seen.insert(key, line);
            }
        }
    }
    if blank.is_empty() {
        return (std::borrow::Cow::Borrowed(text), Vec::new());
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (range, _) in &blank {
        out.push_str(&text[at..range.start]);
        for c in text[range.clone()].chars() {
            match c {
                '\n' | '\r' => out.push(c),
                // As many bytes as the character, so every later offset stays.
                c => out.extend(std::iter::repeat_n(' ', c.len_utf8())),
            }
        }
        at = range.end;
    }
    out.push_str(&text[at..]);
    (
        std::borrow::Cow::Owned(out),
        blank.into_iter().map(|(_, d)| d).collect(),
    )
}

/// The entry type written after the `@` at `start` (lowercase), and where its opening
/// delimiter should be: past the type and any space.
fn entry_head(text: &str, start: usize) -> (String, usize) {
    let bytes = text.as_bytes();
    let mut j = start + 1;
    while j < bytes.len() && bytes[j].is_ascii_alphabetic() {
        j += 1;
    }
    let kind = text[start + 1..j].to_ascii_lowercase();
    while j < bytes.len() && bytes[j].is_ascii_whitespace() {
        j += 1;
    }
    (kind, j)
}

/// The start of the key given to an entry written without one.
const PLACEHOLDER: &str = "cvsite-keyless-";

/// `text` with a placeholder key in each entry that has none, and how many were given.
fn with_placeholder_keys(text: &str) -> (std::borrow::Cow<'_, str>, usize) {
    let bytes = text.as_bytes();
    let mut inserts = Vec::new();
    let mut i = 0;
    while let Some(off) = text[i..].find('@') {
        let start = i + off;
        let (kind, j) = entry_head(text, start);
        i = j.max(start + 1);
        if matches!(kind.as_str(), "string" | "comment" | "preamble" | "")
            || !matches!(bytes.get(j), Some(b'{' | b'('))
        {
            continue;
        }
        // Keyless: the first thing inside is a field (`title =`), or a bare comma.
        let rest = &text[j + 1..];
        let first = rest
            .find([',', '=', '}'])
            .map(|k| (rest.as_bytes()[k], &rest[..k]));
        match first {
            // `@article{ title = ...`: a key and its comma.
            Some((b'=', name))
                if !name.trim().is_empty()
                    && name
                        .trim()
                        .chars()
                        .all(|c| c.is_alphanumeric() || "-_".contains(c)) =>
            {
                inserts.push((j + 1, true))
            }
            // `@article{, title = ...`: a key before the comma.
            Some((b',', before)) if before.trim().is_empty() => inserts.push((j + 1, false)),
            _ => {}
        }
    }
    if inserts.is_empty() {
        return (std::borrow::Cow::Borrowed(text), 0);
    }
    let mut out = String::with_capacity(text.len() + inserts.len() * 24);
    let mut at = 0;
    for (n, (pos, comma)) in inserts.iter().enumerate() {
        out.push_str(&text[at..*pos]);
        out.push_str(&format!("{PLACEHOLDER}{n}"));
        if *comma {
            out.push(',');
        }
        at = *pos;
    }
    out.push_str(&text[at..]);
    (std::borrow::Cow::Owned(out), inserts.len())
}

/// Names the entries that had no key after their first author, year and first word of the
/// title (`huang2011alzheimer`, as Google Scholar does); a warning lists them.
fn name_keyless(
    publications: &mut [Publication],
    count: usize,
) -> Option<(String, Vec<(String, String)>)> {
    if count == 0 {
        return None;
    }
    // Compared as URLs compare them: `Huang2012` and `huang2012` would share a page.
    let taken: std::collections::HashSet<String> = publications
        .iter()
        .filter(|p| !p.key.starts_with(PLACEHOLDER))
        .map(|p| crate::text::slugify(&p.key))
        .collect();
    let mut given: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut renamed = Vec::new();
    for p in publications
        .iter_mut()
        .filter(|p| p.key.starts_with(PLACEHOLDER))
    {
        let family = p
            .authors
            .first()
            .and_then(|a| a.name.split_whitespace().last())
            .unwrap_or("anonymous");
        let word = p
            .title
            .split_whitespace()
            .find(|w| !matches!(w.to_lowercase().as_str(), "a" | "an" | "the" | "on" | "of"))
            .unwrap_or("");
        let year = p.year.map(|y| y.to_string()).unwrap_or_default();
        let stem: String =
            crate::text::slugify(&format!("{family} {year} {word}")).replace('-', "");
        let stem = if stem.is_empty() {
            "entry".to_string()
        } else {
            stem
        };
        let mut key = stem.clone();
        let mut n = 1;
        while taken.contains(&key) || given.contains(&key) {
            n += 1;
            key = format!("{stem}-{n}");
        }
        given.insert(key.clone());
        renamed.push((std::mem::replace(&mut p.key, key.clone()), key));
    }
    let shown: Vec<&str> = renamed.iter().take(3).map(|(_, k)| k.as_str()).collect();
    let warning = format!(
        "{count} entries have no key (EndNote writes none): they are named after their first author, year and title ({}{}); give them keys of your own to keep their addresses when you edit them",
        shown.join(", "),
        if renamed.len() > 3 { ", ..." } else { "" }
    );
    Some((warning, renamed))
}

/// Each entry of a `.bib` text (not `@string`, `@comment`, `@preamble`): its key and the
/// byte range from its `@` to its closing brace.
fn entry_spans(text: &str) -> Vec<(&str, std::ops::Range<usize>)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = text[i..].find('@') {
        let start = i + off;
        let (kind, j) = entry_head(text, start);
        let (open, close) = match bytes.get(j) {
            Some(b'{') => (b'{', b'}'),
            Some(b'(') => (b'(', b')'),
            _ => {
                i = start + 1;
                continue;
            }
        };
        // The end: the matching delimiter.
        let mut depth = 0usize;
        let mut end = bytes.len();
        for (k, b) in bytes.iter().enumerate().skip(j) {
            if *b == open || (open == b'(' && *b == b'{') {
                depth += 1;
            } else if *b == close || (open == b'(' && *b == b'}') {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    end = k + 1;
                    break;
                }
            }
        }
        if !matches!(kind.as_str(), "string" | "comment" | "preamble" | "") {
            let body = &text[j + 1..end.max(j + 1)];
            let key = body.split(',').next().unwrap_or("").trim();
            if !key.is_empty() && !key.contains(['{', '}', '=', '\n']) {
                out.push((key, start..end));
            }
        }
        i = end.max(start + 1);
    }
    out
}

/// (entry key, name) pairs grouped by name, in order of first use.
fn grouped(pairs: &[(String, String)]) -> Vec<(&str, Vec<&str>)> {
    let mut out: Vec<(&str, Vec<&str>)> = Vec::new();
    // Indexes, not searches: 10,000 entries may use one unknown command.
    let mut at: HashMap<&str, usize> = HashMap::new();
    let mut seen: std::collections::HashSet<(&str, &str)> = std::collections::HashSet::new();
    for (key, name) in pairs {
        if !seen.insert((name, key)) {
            continue;
        }
        match at.get(name.as_str()) {
            Some(&i) => out[i].1.push(key),
            None => {
                at.insert(name, out.len());
                out.push((name, vec![key]));
            }
        }
    }
    out
}

/// "entry `a`", "entries `a`, `b` and `c`", "entries `a`, `b`, `c` and 9 more".
fn entries(keys: &[&str]) -> String {
    let shown: Vec<String> = keys.iter().take(3).map(|k| format!("`{k}`")).collect();
    match keys.len() {
        1 => format!("entry {}", shown[0]),
        2 | 3 => format!("entries {}", crate::text::join_english(&shown)),
        n => format!("entries {} and {} more", shown.join(", "), n - 3),
    }
}

/// Turns abbreviations that no `@string` defines (and that are no month) into their names as
/// text; returns (entry key, name) of each.
fn keep_undefined_abbreviations(raw: &mut RawBibliography<'_>) -> Vec<(String, String, usize)> {
    let defined: std::collections::HashSet<String> = raw
        .abbreviations
        .iter()
        .map(|p| p.key.v.to_lowercase())
        .collect();
    let mut undefined = Vec::new();
    for entry in &mut raw.entries {
        let key = entry.v.key.v.to_string();
        for pair in &mut entry.v.fields {
            for chunk in &mut pair.value.v {
                if let RawChunk::Abbreviation(name) = chunk.v {
                    let lower = name.to_lowercase();
                    if !defined.contains(&lower) && month(&lower).is_none() {
                        chunk.v = RawChunk::Normal(name);
                        undefined.push((key.clone(), name.to_string(), chunk.span.start));
                    }
                }
            }
        }
    }
    undefined.dedup();
    undefined
}

/// The most text a field may expand to through `@string` abbreviations: abbreviations that
/// each repeat the one before (`@string{b = a # a}`) would take time and memory exponential in
/// their number.
const MAX_EXPANDED: usize = 1 << 20;

/// The longest chain of `crossref` and `xdata` references (each entry refers to the next).
const MAX_REFERENCE_DEPTH: usize = 32;

/// Finds what the typed bibliography would follow without end or too far: an `@string` defined
/// through itself, a `crossref`/`xdata` cycle or a very long chain, an abbreviation expanding to
/// megabytes. Told with the line of the `@string` or entry, before `from_raw` recurses on it
/// (it overflowed the stack).
fn check_references(
    raw: &RawBibliography,
    file: &SourceFile,
    text: &str,
) -> Result<(), SourceError> {
    let error = |offset: usize, message: String, help: &str| {
        let (line, column) = position_of(text, offset);
        file.error_at(line, column, message)
            .with_help(help.to_string())
    };
    // Abbreviations: what each refers to, then the length of each expanded, in an order where
    // every abbreviation comes after those it refers to.
    let strings: HashMap<&str, usize> = raw
        .abbreviations
        .iter()
        .enumerate()
        .map(|(i, p)| (p.key.v, i))
        .collect();
    let refers = |chunks: &[biblatex::Spanned<RawChunk>]| -> Vec<usize> {
        chunks
            .iter()
            .filter_map(|c| match c.v {
                RawChunk::Abbreviation(name) => strings.get(name).copied(),
                RawChunk::Normal(_) => None,
            })
            .collect()
    };
    let edges: Vec<Vec<usize>> = raw
        .abbreviations
        .iter()
        .map(|p| refers(&p.value.v))
        .collect();
    let order = topological(&edges).map_err(|cycle| {
        let names: Vec<&str> = cycle.iter().map(|&i| raw.abbreviations[i].key.v).collect();
        let first = &raw.abbreviations[cycle[0]];
        let message = if names.len() == 1 {
            format!("@string `{}` is defined by itself", names[0])
        } else {
            format!(
                "@string `{}` is defined through itself ({} → {})",
                names[0],
                names.join(" → "),
                names[0]
            )
        };
        error(
            first.key.span.start,
            message,
            "write the text of one of them out instead of the abbreviation",
        )
    })?;
    let own = |chunks: &[biblatex::Spanned<RawChunk>]| -> usize {
        chunks
            .iter()
            .map(|c| match c.v {
                RawChunk::Normal(t) => t.len(),
                RawChunk::Abbreviation(name) => {
                    if strings.contains_key(name) {
                        0
                    } else {
                        name.len()
                    }
                }
            })
            .sum()
    };
    let mut expanded = vec![0usize; edges.len()];
    let too_long = |offset: usize, what: String| {
        error(
            offset,
            format!(
                "{what} expands to more than {} MB of text",
                MAX_EXPANDED >> 20
            ),
            "an @string that repeats another (`@string{b = a # a}`) doubles it each time",
        )
    };
    for &i in &order {
        let p = &raw.abbreviations[i];
        let len = edges[i]
            .iter()
            .fold(own(&p.value.v), |sum, &j| sum.saturating_add(expanded[j]));
        if len > MAX_EXPANDED {
            return Err(too_long(p.key.span.start, format!("@string `{}`", p.key.v)));
        }
        expanded[i] = len;
    }
    for entry in &raw.entries {
        for pair in &entry.v.fields {
            let len = refers(&pair.value.v)
                .iter()
                .fold(own(&pair.value.v), |sum, &j| {
                    sum.saturating_add(expanded[j])
                });
            if len > MAX_EXPANDED {
                let what = format!("field `{}` of entry `{}`", pair.key.v, entry.v.key.v);
                return Err(too_long(pair.key.span.start, what));
            }
        }
    }
    // Entries: what each one's `crossref` and `xdata` name.
    let keys: HashMap<&str, usize> = raw
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.v.key.v, i))
        .collect();
    let named = |pair: &biblatex::Pair| -> Vec<String> {
        let text: String = pair
            .value
            .v
            .iter()
            .map(|c| match c.v {
                RawChunk::Normal(t) | RawChunk::Abbreviation(t) => t,
            })
            .collect();
        text.split(',').map(|k| k.trim().to_string()).collect()
    };
    let edges: Vec<Vec<usize>> = raw
        .entries
        .iter()
        .map(|e| {
            e.v.fields
                .iter()
                .filter(|f| {
                    f.key.v.eq_ignore_ascii_case("crossref")
                        || f.key.v.eq_ignore_ascii_case("xdata")
                })
                .flat_map(named)
                .filter_map(|k| keys.get(k.as_str()).copied())
                .collect()
        })
        .collect();
    let order = topological(&edges).map_err(|cycle| {
        let names: Vec<&str> = cycle.iter().map(|&i| raw.entries[i].v.key.v).collect();
        let first = &raw.entries[cycle[0]];
        let message = if names.len() == 1 {
            format!("entry `{}` refers to itself (crossref or xdata)", names[0])
        } else {
            format!(
                "entries refer to each other in a circle: {} → {}",
                names.join(" → "),
                names[0]
            )
        };
        error(
            first.v.key.span.start,
            message,
            "a crossref names the entry this one takes its missing fields from (a proceedings volume); remove the one that points back",
        )
    })?;
    let mut depth = vec![0usize; edges.len()];
    for &i in &order {
        depth[i] = edges[i].iter().map(|&j| depth[j] + 1).max().unwrap_or(0);
        if depth[i] > MAX_REFERENCE_DEPTH {
            let e = &raw.entries[i];
            return Err(error(
                e.v.key.span.start,
                format!(
                    "entry `{}` starts a chain of more than {MAX_REFERENCE_DEPTH} crossref/xdata references",
                    e.v.key.v
                ),
                "let each entry refer to its proceedings volume directly",
            ));
        }
    }
    Ok(())
}

/// The nodes of a graph (each one's edges: the nodes it refers to) in an order where each comes
/// after those it refers to; or a cycle, in its order. Without recursion: a chain can be long.
fn topological(edges: &[Vec<usize>]) -> Result<Vec<usize>, Vec<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let mut mark = vec![Mark::New; edges.len()];
    let mut order = Vec::with_capacity(edges.len());
    for start in 0..edges.len() {
        if mark[start] != Mark::New {
            continue;
        }
        // The path being followed: each node with how many of its edges were followed.
        let mut path: Vec<(usize, usize)> = vec![(start, 0)];
        mark[start] = Mark::Open;
        while let Some(&mut (node, ref mut next)) = path.last_mut() {
            match edges[node].get(*next) {
                Some(&to) => {
                    *next += 1;
                    match mark[to] {
                        Mark::New => {
                            mark[to] = Mark::Open;
                            path.push((to, 0));
                        }
                        Mark::Open => {
                            let from = path.iter().position(|&(n, _)| n == to).unwrap_or(0);
                            return Err(path[from..].iter().map(|&(n, _)| n).collect());
                        }
                        Mark::Done => {}
                    }
                }
                None => {
                    mark[node] = Mark::Done;
                    order.push(node);
                    path.pop();
                }
            }
        }
    }
    Ok(order)
}

/// The typed bibliography, in parts made on both cores when no entry refers to another
/// (`crossref`, `xdata`: what `from_raw` resolves across entries). At 10,000 entries, made
/// whole it was a third of the time of reading a `.bib`.
fn typed(raw: RawBibliography) -> Result<Vec<Bibliography>, ParseError> {
    use rayon::prelude::*;
    const PART: usize = 256;
    let refers = raw.entries.iter().any(|e| {
        e.v.fields.iter().any(|f| {
            f.key.v.eq_ignore_ascii_case("crossref") || f.key.v.eq_ignore_ascii_case("xdata")
        })
    });
    if refers || raw.entries.len() <= PART {
        return Ok(vec![Bibliography::from_raw(raw)?]);
    }
    let RawBibliography {
        preamble,
        entries,
        abbreviations,
    } = raw;
    let mut parts = Vec::with_capacity(entries.len().div_ceil(PART));
    let mut entries = entries.into_iter();
    loop {
        let part: Vec<_> = entries.by_ref().take(PART).collect();
        if part.is_empty() {
            break;
        }
        parts.push(part);
    }
    // In order: the first error is the file's first, as when made whole.
    parts
        .into_par_iter()
        .map(|entries| {
            Bibliography::from_raw(RawBibliography {
                preamble: preamble.clone(),
                entries,
                abbreviations: abbreviations.clone(),
            })
        })
        .collect()
}

/// Every entry's fields as written (by key, then lowercase field name), with `@string`
/// abbreviations and month names resolved: the source that the LaTeX reader reads.
fn raw_fields(raw: &RawBibliography) -> HashMap<String, Fields> {
    let mut strings: HashMap<String, String> = HashMap::new();
    for pair in &raw.abbreviations {
        let value = resolve_chunks(&pair.value.v, &strings);
        strings.insert(pair.key.v.to_lowercase(), value);
    }
    raw.entries
        .iter()
        .map(|e| {
            let fields =
                e.v.fields
                    .iter()
                    .map(|p| (p.key.v.to_lowercase(), resolve_chunks(&p.value.v, &strings)))
                    .collect();
            (e.v.key.v.to_string(), fields)
        })
        .collect()
}

/// A field's chunks joined: text as written, abbreviations replaced by their values.
fn resolve_chunks(chunks: &biblatex::Field<'_>, strings: &HashMap<String, String>) -> String {
    let mut out = String::new();
    for chunk in chunks {
        match &chunk.v {
            RawChunk::Normal(text) => out.push_str(text),
            RawChunk::Abbreviation(name) => {
                let lower = name.to_lowercase();
                match strings
                    .get(&lower)
                    .map(String::as_str)
                    .or_else(|| month(&lower))
                {
                    Some(value) => out.push_str(value),
                    None => out.push_str(name),
                }
            }
        }
    }
    out
}

/// BibTeX's month abbreviations.
fn month(name: &str) -> Option<&'static str> {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    MONTHS
        .iter()
        .find(|m| m[..3].eq_ignore_ascii_case(name))
        .copied()
}

/// Reads fields of entries as LaTeX, remembering the commands it did not know.
struct Reader<'a> {
    fields: &'a HashMap<String, Fields>,
    /// (entry key, command), each once.
    unknown: Vec<(String, String)>,
    /// (entry key, field) of links to local files (Mendeley's `file:///Users/...`), left out.
    local_files: Vec<(String, String)>,
}

/// An entry's fields as written, in order: (lowercase name, value).
type Fields = Vec<(String, String)>;

/// The value of field `name`.
fn get<'a>(fields: &'a Fields, name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

impl Reader<'_> {
    /// A field as written, from the entry or (classic BibTeX `crossref`) from its parent,
    /// whose title is the child's `booktitle`.
    fn raw(&self, entry: &Entry, name: &str) -> Option<&str> {
        let own = self.fields.get(&entry.key)?;
        if let Some(v) = get(own, name) {
            return Some(v);
        }
        let parent = self.fields.get(get(own, "crossref")?.trim())?;
        get(parent, name).or_else(|| {
            (name == "booktitle")
                .then(|| get(parent, "title"))
                .flatten()
        })
    }

    /// The entry's own fields as written, for the `.bib` export to keep.
    fn source(&self, entry: &Entry) -> Fields {
        self.fields.get(&entry.key).cloned().unwrap_or_default()
    }

    /// A field as text: its LaTeX read as LaTeX prints it.
    fn text(&mut self, entry: &Entry, name: &str) -> Option<String> {
        let raw = self.raw(entry, name)?.to_string();
        let text = self.latex(&entry.key, &raw);
        (!text.is_empty()).then_some(text)
    }

    /// A field as rich text, when it has styling or math that plain text would lose.
    fn rich(&mut self, entry: &Entry, name: &str) -> Option<RichText> {
        let raw = self.raw(entry, name)?.to_string();
        let read = latex::parse(&raw);
        let styled = read.inlines.iter().any(|i| !matches!(i, Inline::Text(_)));
        styled.then(|| RichText::from_runs(read.inlines, &raw))
    }

    /// The plain text of some LaTeX of entry `key`.
    fn latex(&mut self, key: &str, raw: &str) -> String {
        let read = latex::parse(raw);
        for command in read.unknown {
            let seen = (key.to_string(), command);
            if !self.unknown.contains(&seen) {
                self.unknown.push(seen);
            }
        }
        inlines_plain(&read.inlines)
    }

    /// A field that is an address or an identifier (`url`, `doi`, `pdf`): as written, without
    /// its braces; no dashes or quotes are made of it.
    fn verbatim(&self, entry: &Entry, name: &str) -> Option<String> {
        let raw = self.raw(entry, name)?;
        let v: String = raw.chars().filter(|c| !matches!(c, '{' | '}')).collect();
        let v = v.trim();
        (!v.is_empty()).then(|| v.to_string())
    }
}

/// The key of the entry that contains byte `offset`: the last `@type{key,` before it.
fn entry_key_at(text: &str, offset: usize) -> Option<String> {
    let before = &text[..offset.min(text.len())];
    let at = before.rfind('@')?;
    let rest = &text[at..];
    let open = rest.find(['{', '('])?;
    let key: String = rest[open + 1..]
        .chars()
        .take_while(|c| !matches!(c, ',' | '}' | ')' | '\n'))
        .collect();
    let key = key.trim();
    (!key.is_empty() && !key.contains('=')).then(|| key.to_string())
}

/// A parse error of `text` (the file's text with its placeholder keys) at its line.
fn parse_error(file: &SourceFile, text: &str, e: &ParseError) -> SourceError {
    let mut offset = e.span.start;
    if let biblatex::ParseErrorKind::DuplicateKey(k) = &e.kind {
        // Point at the second entry of that key, not the end of the one before it.
        let needle = format!("{{{k},");
        if let Some(second) = text.match_indices(&needle).nth(1) {
            offset = second.0 + 1;
        }
    }
    let (line, column) = position_of(text, offset);
    let entry = match entry_key_at(text, offset).filter(|k| !k.starts_with(PLACEHOLDER)) {
        Some(key) => format!(" in entry `{key}`"),
        None => String::new(),
    };
    let help = match &e.kind {
        biblatex::ParseErrorKind::UnknownAbbreviation(a) => Some(format!(
            "define it with `@string{{{a} = {{...}}}}` before the entry, or put the value in braces"
        )),
        biblatex::ParseErrorKind::DuplicateKey(k) => {
            Some(format!("give one of the entries named `{k}` another key"))
        }
        biblatex::ParseErrorKind::UnexpectedEof => {
            Some("a brace or quote is not closed".to_string())
        }
        biblatex::ParseErrorKind::Expected(_) | biblatex::ParseErrorKind::Unexpected(_) => Some(
            "look for a missing comma between fields, or a brace or quote left open above here"
                .to_string(),
        ),
        _ => None,
    };
    file.error_at(line, column, format!("malformed BibTeX{entry}: {}", e.kind))
        .with_help(help)
}

/// Why BibTeX cannot read `key` as an entry's key, if it cannot: the export
/// (`/publications.bib`) writes it as `@article{KEY,`, where a space, comma, brace or quote
/// would end it or start something else.
pub fn unreadable_key(key: &str) -> Option<String> {
    if key.is_empty() {
        return Some("an empty key".to_string());
    }
    let bad = key
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || ",{}()\"#%=\\".contains(*c))?;
    let what = match bad {
        c if c.is_whitespace() => "a space".to_string(),
        c if c.is_control() => "a control character".to_string(),
        c => format!("`{c}`"),
    };
    Some(format!("{what}, which BibTeX cannot read in a key"))
}

/// One entry, whose key is at `key_at` (line, column) in `file`.
fn convert(
    entry: &Entry,
    reader: &mut Reader<'_>,
    file: &SourceFile,
    key_at: (usize, usize),
) -> Result<Publication, SourceError> {
    let at = || key_at;
    let bibtex_type = entry_type_name(entry);
    let Some(title) = reader.text(entry, "title") else {
        let (line, column) = at();
        return Err(file
            .error_at(
                line,
                column,
                format!("BibTeX entry `{}` has no title", entry.key),
            )
            .with_help("add `title = {...}` to the entry".to_string()));
    };
    let raw_authors = reader.raw(entry, "author").unwrap_or_default().to_string();
    let (authors, et_al) = names(&raw_authors, |raw| reader.latex(&entry.key, raw));
    let kind = kind_of(&bibtex_type, &mut |name: &str| reader.text(entry, name));
    let (venue, venue_rich) = venue(entry, reader, kind);
    let mut get = |name: &str| reader.text(entry, name);
    let year = get("year")
        .or_else(|| get("date"))
        .and_then(|y| y.get(..4).and_then(|d| d.parse().ok()));
    let tags = keywords(entry, reader);
    let mut get = |name: &str| reader.text(entry, name);
    let extra: Vec<(String, String)> = KEPT_FIELDS
        .iter()
        .filter_map(|f| get(f).map(|v| (f.to_string(), v)))
        .collect();
    // Abstracts are LaTeX like the other fields: math and emphasis kept, nothing read as Markdown.
    let abstract_text = get("abstract").map(|a| {
        reader
            .rich(entry, "abstract")
            .unwrap_or_else(|| RichText::plain_text(&a))
    });
    let links = links(entry, reader).map_err(|why| {
        let (line, column) = at();
        file.error_at(line, column, format!("BibTeX entry `{}`, {why}", entry.key))
            .with_help("remove the link, or give its https:// address".to_string())
    })?;
    let verbatim_field = |name: &str| reader.verbatim(entry, name);
    let selected = verbatim_field("selected").is_some_and(|v| is_yes(&v));
    let preview = verbatim_field("preview");
    let scholar_id = verbatim_field("google_scholar_id");
    // al-folio's notes are Markdown with some HTML.
    let note = reader
        .raw(entry, "additional_info")
        .map(|n| RichText::markdown(n.trim_start_matches(['.', ' '])));
    let author_note = reader.raw(entry, "annotation").map(RichText::markdown);
    let title_rich = reader.rich(entry, "title");
    // `\href{javascript:…}{…}` in a title, venue or abstract is a link too.
    for (name, text) in [
        ("additional_info", &note),
        ("annotation", &author_note),
        ("title", &title_rich),
        ("venue", &venue_rich),
        ("abstract", &abstract_text),
    ] {
        if let Some(why) = text.as_ref().and_then(RichText::refused_link) {
            let (line, column) = at();
            return Err(file.error_at(
                line,
                column,
                format!("BibTeX entry `{}`, field `{name}`: {why}", entry.key),
            ));
        }
    }
    Ok(Publication {
        title_rich,
        bib_fields: reader.source(entry),
        written: Written {
            file: file.display.clone(),
            line: key_at.0,
        },
        key: entry.key.clone(),
        title,
        authors,
        et_al,
        venue,
        venue_rich,
        venue_short: reader.text(entry, "abbr"),
        year,
        kind,
        bibtex_type: Some(bibtex_type),
        // al-folio: `award_name` is the badge, `award` its longer text.
        award: reader
            .text(entry, "award_name")
            .or_else(|| reader.text(entry, "award")),
        links,
        abstract_text,
        selected,
        tags,
        slug: None,
        extra,
        note,
        author_note,
        preview,
        scholar_id,
    })
}

/// The venue, as text and with its styling, from the field the entry's type reads it from.
fn venue(
    entry: &Entry,
    reader: &mut Reader<'_>,
    kind: PublicationType,
) -> (Option<String>, Option<RichText>) {
    let fields: &[&str] = match kind {
        PublicationType::Journal => &["journaltitle", "journal"],
        PublicationType::Thesis => &["school", "institution"],
        PublicationType::Report => &["institution"],
        PublicationType::Book => &["publisher"],
        _ => &[
            "booktitle",
            "journaltitle",
            "journal",
            "howpublished",
            "eventtitle",
        ],
    };
    let Some((field, text)) = fields
        .iter()
        .find_map(|f| reader.text(entry, f).map(|v| (*f, v)))
    else {
        return (None, None);
    };
    (Some(text), reader.rich(entry, field))
}

/// Keywords as tags: split on commas, semicolons and (EndNote, PubMed) lines.
fn keywords(entry: &Entry, reader: &mut Reader) -> Vec<String> {
    let raw = reader
        .raw(entry, "keywords")
        .unwrap_or_default()
        .to_string();
    raw.split([',', ';', '\n'])
        .map(|k| reader.latex(&entry.key, k))
        .filter(|t| !t.is_empty())
        .collect()
}

/// A paper's links: BibTeX's `url`, `doi`, `eprint`, and al-folio's fields beside them; the
/// error names a field whose link cvsite does not write (`javascript:`, `data:`, ...).
fn links(entry: &Entry, reader: &mut Reader) -> Result<PublicationLinks, String> {
    let is_arxiv = reader
        .text(entry, "archiveprefix")
        .or_else(|| reader.text(entry, "eprinttype"))
        .is_some_and(|a| a.eq_ignore_ascii_case("arxiv"));
    let verbatim_field = |name: &str| reader.verbatim(entry, name);
    // Reference managers write the paper's local copy as a `file:` link: never published, and
    // not the user's mistake either.
    let local_files = std::cell::RefCell::new(Vec::new());
    let link = |name: &str, value: Option<String>| -> Result<Option<Url>, String> {
        let Some(v) = value else { return Ok(None) };
        if url::scheme(&v).as_deref() == Some("file") {
            local_files
                .borrow_mut()
                .push((entry.key.clone(), name.to_string()));
            return Ok(None);
        }
        Url::new(v)
            .map(Some)
            .map_err(|why| format!("field `{name}`: {why}"))
    };
    let field = |name: &str| link(name, verbatim_field(name));
    // al-folio's fields (`arxiv`, `html`, `website`, `blog`, `supp`) beside BibTeX's own.
    let url = field("url")?;
    let doi_for_badges = verbatim_field("doi");
    // `html` is the paper's page: BibTeX's `url` when there is none, else a link of its own.
    // al-folio's `html` and `website` may name a page of the old site (`relativity.html`).
    let html = link(
        "html",
        verbatim_field("html").filter(|h| h.contains("://") && Some(h.as_str()) != url.as_deref()),
    )?;
    let html_link = html.clone().filter(|_| url.is_some());
    let other = badge_links(&verbatim_field, doi_for_badges.as_deref());
    let links = PublicationLinks {
        pdf: field("pdf")?,
        arxiv: verbatim_field("eprint")
            .filter(|_| is_arxiv)
            .or_else(|| verbatim_field("arxiv")),
        code: field("code")?,
        project: match field("project")? {
            Some(p) => Some(p),
            None => link(
                "website",
                verbatim_field("website").filter(|w| w.contains("://")),
            )?,
        },
        html: html_link,
        supp: field("supp")?,
        blog: field("blog")?,
        slides: field("slides")?,
        video: field("video")?,
        poster: field("poster")?,
        doi: verbatim_field("doi"),
        url: url.or(html),
        other,
    };
    reader.local_files.extend(local_files.into_inner());
    Ok(links)
}

/// A field that is a switch (al-folio's `selected = {true}`) is on.
fn is_yes(v: &str) -> bool {
    matches!(v.to_lowercase().as_str(), "true" | "yes" | "1")
}

/// al-folio's badges (Altmetric, Dimensions, INSPIRE), which load scripts from those services:
/// here links to the same pages, so the site stays self-contained.
fn badge_links(field: &dyn Fn(&str) -> Option<String>, doi: Option<&str>) -> Vec<Link> {
    let mut links = Vec::new();
    if let Some(a) = field("altmetric") {
        let url = if is_yes(&a) {
            doi.map(|d| format!("https://www.altmetric.com/details/doi/{d}"))
        } else {
            Some(format!("https://www.altmetric.com/details/{a}"))
        };
        links.extend(url.map(|url| Link {
            label: "Altmetric".into(),
            url: Url::https(url),
        }));
    }
    if field("dimensions").is_some_and(|d| is_yes(&d))
        && let Some(d) = doi
    {
        links.push(Link {
            label: "Dimensions".into(),
            url: Url::https(format!(
                "https://app.dimensions.ai/discover/publication?search_mode=content&search_text={d}"
            )),
        });
    }
    if let Some(id) = field("inspirehep_id") {
        links.push(Link {
            label: "INSPIRE".into(),
            url: Url::https(format!("https://inspirehep.net/literature/{id}")),
        });
    }
    links
}

/// The authors of a BibTeX `author` field as written: names split on ` and ` (outside
/// braces), each in any of BibTeX's forms ("First von Last", "von Last, First",
/// "von Last, Jr, First"), decoded with `decode`; `*` and `†` after a name part are marks
/// (equal contribution, corresponding author); `others` or `et al.` at the end mean "et al.".
fn names(raw: &str, mut decode: impl FnMut(&str) -> String) -> (Vec<Author>, bool) {
    let mut authors = Vec::new();
    let mut et_al = false;
    for name in split_top(raw, |words| {
        words.iter().position(|w| w.eq_ignore_ascii_case("and"))
    }) {
        let plain = decode(&name);
        let folded = plain.trim().trim_end_matches('.').to_lowercase();
        if folded == "others" || folded == "et al" || folded == "et. al" {
            et_al = true;
            continue;
        }
        let parts: Vec<String> = split_commas(&name);
        let (mut equal, mut corresponding) = (false, false);
        let mut part = |raw: &str| {
            let mut text = decode(raw);
            loop {
                let t = text.trim_end();
                if let Some(rest) = t.strip_suffix(['*', '#']) {
                    equal = true;
                    text = rest.to_string();
                } else if let Some(rest) = t.strip_suffix(['†', '‡']) {
                    corresponding = true;
                    text = rest.to_string();
                } else {
                    break text.split_whitespace().collect::<Vec<_>>().join(" ");
                }
            }
        };
        let (given, family) = match parts.as_slice() {
            [one] => {
                let words = words_top(one);
                // The family name is the last word, with the lowercase "von" words before it.
                let mut split = words.len().saturating_sub(1);
                while split > 0
                    && words[split - 1]
                        .chars()
                        .next()
                        .is_some_and(char::is_lowercase)
                {
                    split -= 1;
                }
                (
                    part(&words[..split].join(" ")),
                    part(&words[split..].join(" ")),
                )
            }
            [family, given] => (part(given), part(family)),
            [family, jr, given, ..] => (part(given), format!("{} {}", part(family), part(jr))),
            [] => continue,
        };
        if given.is_empty() && family.is_empty() {
            continue;
        }
        authors.push(Author {
            name: [given.as_str(), family.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" "),
            equal,
            corresponding,
            url: None,
            given: (!given.is_empty()).then_some(given),
            family: Some(family),
        });
    }
    (authors, et_al)
}

/// Splits at the words `at` finds, outside braces: the `and`s of an author list.
fn split_top(raw: &str, at: impl Fn(&[String]) -> Option<usize>) -> Vec<String> {
    let mut out = Vec::new();
    let mut words = words_top(raw);
    while let Some(i) = at(&words) {
        out.push(words[..i].join(" "));
        words.drain(..=i);
    }
    out.push(words.join(" "));
    out.retain(|n| !n.trim().is_empty());
    out
}

/// The words of a name outside braces (a braced group is one word); `~` separates too.
fn words_top(raw: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut depth = 0usize;
    let mut escaped = false;
    for c in raw.chars() {
        match c {
            '{' if !escaped => depth += 1,
            '}' if !escaped => depth = depth.saturating_sub(1),
            c if depth == 0 && !escaped && (c.is_whitespace() || c == '~') => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
                continue;
            }
            _ => {}
        }
        escaped = c == '\\' && !escaped;
        word.push(c);
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// The comma-separated parts of a name, outside braces.
fn split_commas(raw: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut depth = 0usize;
    for c in raw.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                parts.push(String::new());
                continue;
            }
            _ => {}
        }
        parts.last_mut().expect("one part").push(c);
    }
    parts.into_iter().map(|p| p.trim().to_string()).collect()
}

/// `inproceedings`, `article`, ... as written (lowercase).
fn entry_type_name(entry: &Entry) -> String {
    match &entry.entry_type {
        biblatex::EntryType::Unknown(t) => t.to_lowercase(),
        t => format!("{t:?}").to_lowercase(),
    }
}

fn kind_of(bibtex_type: &str, get: &mut impl FnMut(&str) -> Option<String>) -> PublicationType {
    let venue = get("booktitle").unwrap_or_default().to_lowercase();
    let journal = get("journal")
        .or_else(|| get("journaltitle"))
        .unwrap_or_default();
    match bibtex_type {
        "inproceedings" | "conference" if venue.contains("workshop") => PublicationType::Workshop,
        "inproceedings" | "conference" => PublicationType::Conference,
        "article"
            if journal.to_lowercase().contains("arxiv")
                || journal.to_lowercase().contains("preprint") =>
        {
            PublicationType::Preprint
        }
        "article" => PublicationType::Journal,
        "phdthesis" | "mastersthesis" | "thesis" => PublicationType::Thesis,
        "book" | "mvbook" => PublicationType::Book,
        "incollection" | "inbook" | "suppbook" => PublicationType::Chapter,
        "patent" => PublicationType::Patent,
        "techreport" | "report" => PublicationType::Report,
        "unpublished" | "preprint" => PublicationType::Preprint,
        "misc" | "online" if get("eprint").is_some() => PublicationType::Preprint,
        _ => PublicationType::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_bibliography_typed_in_parts_equals_typed_whole() {
        let mut text = String::from("@string{conf = {Conference on Things}}\n");
        for i in 0..700 {
            text.push_str(&format!(
                "@inproceedings{{k{i}, title = {{Paper {{GPU}} $x^{i}$}}, author = {{A. B and C, D}}, \
                 booktitle = conf # {{ {i}}}, year = {}}}\n",
                2000 + i % 20
            ));
        }
        let raw = |text| RawBibliography::parse(text).unwrap();
        let parts = typed(raw(&text)).unwrap();
        assert!(parts.len() > 1, "made in parts");
        let whole = Bibliography::from_raw(raw(&text)).unwrap();
        let entries: Vec<&Entry> = parts.iter().flat_map(Bibliography::iter).collect();
        assert_eq!(entries, whole.iter().collect::<Vec<_>>());
        // With a crossref, the whole file is one part, so that it resolves.
        let text = format!("{text}@inproceedings{{child, crossref = {{k1}}, title = {{Child}}}}\n");
        let parts = typed(raw(&text)).unwrap();
        assert_eq!(parts.len(), 1);
        let child = parts[0].get("child").unwrap();
        assert_eq!(
            child.get("booktitle"),
            whole.get("k1").unwrap().get("booktitle")
        );
    }

    #[test]
    fn a_local_file_link_is_left_out_and_a_script_link_refused() {
        // Mendeley writes the paper's local copy into `url`.
        let text = "@article{a, title = {A}, author = {B, C}, year = {2020},\n\
                    url = {file:///Users/me/Papers/a.pdf}, pdf = {https://x.org/a.pdf}}\n";
        let (pubs, warnings) = parse(&SourceFile::new("x.bib", text)).unwrap();
        assert_eq!(pubs[0].links.url, None);
        assert_eq!(pubs[0].links.pdf.as_deref(), Some("https://x.org/a.pdf"));
        assert_eq!(
            warnings,
            [
                "x.bib: field `url` of entry `a` links to a file on the computer that wrote the .bib (`file:`): left out"
            ]
        );
        let text = "@article{a, title = {A},\n  code = { javascript:alert(1)}}\n";
        let e = parse(&SourceFile::new("x.bib", text)).unwrap_err();
        assert_eq!((e.line, e.column), (1, 10));
        assert!(
            e.message
                .starts_with("BibTeX entry `a`, field `code`: `javascript:alert(1)` is not a link"),
            "{}",
            e.message
        );
    }

    #[test]
    fn finds_the_entry_key_of_an_error() {
        let text = "@article{a, title={x}}\n@inproceedings{broken,\n  title = {unclosed\n";
        assert_eq!(
            entry_key_at(text, text.len() - 2).as_deref(),
            Some("broken")
        );
        assert_eq!(position_of(text, 23), (2, 1));
        let text = "@article{é, title={x}}\n\n  ü {unclosed\n";
        let index = LineIndex::new(text);
        for offset in 0..=text.len() + 2 {
            assert_eq!(
                index.position(offset),
                position_of(text, offset),
                "at {offset}"
            );
        }
    }

    #[test]
    fn latex_becomes_text() {
        let f = SourceFile::new(
            "x.bib",
            "@string{conf = \"Proc. of {ABC}\"}\n@inproceedings{k, title = {{M}{\\\"u}ller \\& Co --- {BERT}}, author = {M{\\\"u}ller, J{\\\"o}rg and Ada Lovelace and others}, booktitle = conf, year = 2021, month = jul}\n",
        );
        let p = &parse(&f).unwrap().0[0];
        assert_eq!(p.title, "Müller & Co — BERT");
        assert_eq!(p.venue.as_deref(), Some("Proc. of ABC"));
        assert_eq!(p.authors[0].name, "Jörg Müller");
        assert_eq!(p.authors[0].family.as_deref(), Some("Müller"));
        assert_eq!(p.authors[1].name, "Ada Lovelace");
        assert!(p.et_al);
        assert_eq!(p.year, Some(2021));
        assert_eq!(p.kind, PublicationType::Conference);
        assert!(p.extra.contains(&("month".to_string(), "July".to_string())));
    }

    #[test]
    fn later_duplicate_keys_are_left_out() {
        let text = "@string{x = \"y\"}\n@article{a, title = {One}, author = {A B}}\n% a@b.c\n@misc{b, title = {Two}}\n@article{a,\n title = {Über}, author = {C D}}\n";
        let (clean, dups) = without_duplicate_keys(text);
        assert_eq!(clean.len(), text.len());
        assert_eq!(
            dups,
            [Duplicate {
                key: "a".into(),
                line: 5,
                first_line: 2
            }]
        );
        assert!(!clean.contains("Über") && clean.contains("Two"));
        assert_eq!(clean.lines().count(), text.lines().count());
        let f = SourceFile::new("x.bib", text);
        let (pubs, warnings) = parse(&f).unwrap();
        assert_eq!(pubs.len(), 2);
        assert_eq!(pubs[0].title, "One");
        assert_eq!(
            warnings[0],
            "x.bib:5: entry `a` has the same key as the entry on line 2: the first is kept, as biber does"
        );
    }

    #[test]
    fn entries_without_keys_are_named_from_author_year_and_title() {
        // EndNote's shape: no key at all, or an empty one; a named key may already be taken.
        let text = "\u{feff}@article{\r\n  title = {Alzheimer mechanisms}, author = {Huang, Y. and Mucke, L.}, year = 2012}\n\
                    @article{, title = {The other one}, author = {Huang, Y.}, year = 2012}\n\
                    @article{huang2012alzheimer, title = {Taken}, author = {X, Y}, year = 2000}\n\
                    @article{\n  title = {No year}, author = {Li, Q.},\n  journal = {J\u{2019}s, }\n}\n";
        let f = SourceFile::new("x.bib", text);
        let (pubs, warnings) = parse(&f).unwrap();
        let keys: Vec<&str> = pubs.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "huang2012alzheimer-2",
                "huang2012other",
                "huang2012alzheimer",
                "lino"
            ]
        );
        assert_eq!(pubs[1].written.line, 3, "the entry's own line");
        assert_eq!(pubs[3].written.line, 5);
        assert!(
            warnings[0].starts_with("x.bib: 3 entries have no key"),
            "{warnings:?}"
        );
        // Warnings name a keyless entry by the key it was given; keys compare as URLs do.
        let f = SourceFile::new(
            "z.bib",
            "@article{\n title = {Alpha \\foo{X}}, author = {Wu, B.}, year = 2001}\n@article{Wu2001Alpha, title = {T}, author = {C, D}, year = 1}\n",
        );
        let (pubs, warnings) = parse(&f).unwrap();
        assert_eq!(pubs[0].key, "wu2001alpha-2");
        assert!(
            warnings.iter().any(|w| w.contains("`wu2001alpha-2`")),
            "{warnings:?}"
        );
        assert!(
            !warnings.iter().any(|w| w.contains(PLACEHOLDER)),
            "{warnings:?}"
        );
        // A malformed keyless entry is reported at its line, without the placeholder.
        let bad = SourceFile::new("y.bib", "@article{\n  title = {A}\n  author = {B}}\n");
        let e = parse(&bad).unwrap_err();
        assert_eq!(e.line, 3, "{e:?}");
        assert!(!e.message.contains(PLACEHOLDER), "{}", e.message);
    }

    #[test]
    fn names_in_every_form() {
        let decode = |raw: &str| latex::plain(raw);
        let (a, et_al) = names(
            r"Rodr{\'\i}guez, Mar{\'\i}a and A.~J.~M. Thomson and {World Health Organization} and Ludwig van Beethoven and de la Fontaine, Jean and Shang*, Yuzhang and Einstein*\textdagger, Albert and others",
            decode,
        );
        let written: Vec<&str> = a.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(
            written,
            [
                "María Rodríguez",
                "A. J. M. Thomson",
                "World Health Organization",
                "Ludwig van Beethoven",
                "Jean de la Fontaine",
                "Yuzhang Shang",
                "Albert Einstein"
            ]
        );
        assert_eq!(a[3].family.as_deref(), Some("van Beethoven"));
        assert_eq!(a[2].given, None);
        assert!(a[5].equal && !a[5].corresponding);
        assert!(a[6].equal && a[6].corresponding);
        assert!(et_al);
        let (b, et_al) = names("Ada Lovelace and et al.", decode);
        assert_eq!(b.len(), 1);
        assert!(et_al);
        let (c, _) = names("Brandon and Sanders, Ann", decode);
        assert_eq!(c[0].name, "Brandon");
        assert_eq!(c[1].name, "Ann Sanders");
    }

    #[test]
    fn unknown_commands_are_warned_about_once_per_entry() {
        let f = SourceFile::new(
            "x.bib",
            "@article{k, title = {The \\foo{nef} of \\foo{x}}, author = {A. B}, journal = {\\mnras}, year = 2020, url = {https://x.org/a--b}}\n",
        );
        let (pubs, warnings) = parse(&f).unwrap();
        assert_eq!(pubs[0].title, "The nef of x");
        assert_eq!(pubs[0].venue.as_deref(), Some("MNRAS"));
        assert_eq!(pubs[0].links.url.as_deref(), Some("https://x.org/a--b"));
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(
            warnings[0],
            "x.bib: cvsite does not know the LaTeX command \\foo (used by entry `k`): its argument is shown"
        );
    }
}
