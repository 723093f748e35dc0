//! Errors that point into the user's files: file, line, column, what was expected, and a
//! suggestion where one fits. Rendered with miette, so the terminal shows the offending line.

mod hints;
mod positions;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

pub use positions::{Position, Positions};

use miette::{Diagnostic, LabeledSpan, NamedSource, SourceCode};
use serde::de::DeserializeOwned;

/// A file read from the site, kept whole so errors can quote it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as shown to the user (relative to the site root where possible).
    pub display: String,
    /// The file's text.
    pub text: Arc<str>,
    /// Where its YAML nodes are, read on first use.
    positions: Arc<OnceLock<Positions>>,
}

impl SourceFile {
    /// Reads `path` (shown as `display`), refusing text that is not UTF-8 with its position.
    pub fn read(path: &Path, display: impl Into<String>) -> Result<SourceFile, SourceError> {
        let display = display.into();
        if let Ok(meta) = std::fs::metadata(path)
            && meta.len() > MAX_FILE
        {
            return Err(SourceError::whole_file(
                &display,
                format!(
                    "the file is {} MB: cvsite reads text files of up to {} MB",
                    meta.len() >> 20,
                    MAX_FILE >> 20
                ),
            )
            .with_help(
                "is it the file you meant? A .bib of 10,000 papers is about 10 MB".to_string(),
            ));
        }
        let bytes = std::fs::read(path)
            .map_err(|e| SourceError::whole_file(&display, format!("cannot read file: {e}")))?;
        match String::from_utf8(bytes) {
            Ok(text) => Ok(SourceFile::new(display, text)),
            Err(e) => {
                let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                let valid = std::str::from_utf8(valid).expect("valid prefix");
                let line = valid.matches('\n').count() + 1;
                let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                Err(SourceError {
                    path: display,
                    line,
                    column,
                    message: format!(
                        "the file is not valid UTF-8 (byte 0x{:02X} at offset {})",
                        e.as_bytes()[valid.len()],
                        valid.len()
                    ),
                    help: Some(
                        "save the file as UTF-8 in your editor (\"Save with encoding\" → UTF-8)"
                            .into(),
                    ),
                    source: None,
                })
            }
        }
    }

    /// Wraps text already in memory.
    pub fn new(display: impl Into<String>, text: impl Into<Arc<str>>) -> SourceFile {
        SourceFile {
            display: display.into(),
            text: text.into(),
            positions: Arc::default(),
        }
    }

    /// Where the nodes of this YAML file are, by path (`[2].slug`).
    pub fn positions(&self) -> &Positions {
        self.positions
            .get_or_init(|| Positions::parse(&self.text, 0))
    }

    /// An error at the value at `path` of this YAML file (`[2].slug`, `base_url`).
    pub fn error_at_value(&self, path: &str, message: impl Into<String>) -> SourceError {
        self.error_near(self.positions().value(path), message)
    }

    /// An error at the key of the mapping entry at `path` (`cv.variants.short`).
    pub fn error_at_key(&self, path: &str, message: impl Into<String>) -> SourceError {
        self.error_near(self.positions().key(path), message)
    }

    /// An error at `at`, or at the start of the file when the place is not known.
    pub fn error_near(&self, at: Option<Position>, message: impl Into<String>) -> SourceError {
        let (line, column) = at.unwrap_or((1, 1));
        self.error_at(line, column, message)
    }

    /// Parses YAML into `T`; `line_offset` is added to line numbers (front matter).
    pub fn parse_yaml<T: DeserializeOwned>(
        &self,
        yaml: &str,
        line_offset: usize,
    ) -> Result<T, SourceError> {
        if let Some(at) = too_deep(yaml) {
            let (line, column) = position_of(yaml, at);
            return Err(self
                .error_at(
                    line + line_offset,
                    column,
                    format!(
                        "more than {MAX_FLOW_DEPTH} `[` or `{{` inside one another: cvsite reads YAML no deeper"
                    ),
                )
                .with_help("is a `]` or `}` missing? Lists inside lists are written one `- ` per line".to_string()));
        }
        serde_yaml::from_str(yaml).map_err(|e| self.yaml_error(&e, yaml, line_offset))
    }

    fn yaml_error(&self, err: &serde_yaml::Error, yaml: &str, line_offset: usize) -> SourceError {
        let (line, column) = err
            .location()
            .map_or((1, 1), |l| (l.line() + line_offset, l.column()));
        let full = clean_yaml_message(&err.to_string());
        let message = shortened(full.clone());
        if message.contains(crate::content::url::REFUSED)
            || message.contains(crate::content::url::REFUSED_HTML)
        {
            // serde places an error in a value at its mapping: the link itself is found here.
            return self.refused_link(yaml, line_offset, (line, column));
        }
        let help = hints::yaml_hint(yaml, line_offset, line, column, &message)
            // From the whole message: the closest name may be one the shortening left out.
            .or_else(|| suggestion(&full))
            .map(shortened);
        self.error_at(line, column, message).with_help(help)
    }

    /// The first value at or after `from` that holds a link cvsite does not write (a URL field,
    /// or Markdown with such a link), as an error at that value naming its field.
    fn refused_link(&self, yaml: &str, line_offset: usize, from: Position) -> SourceError {
        let positions = Positions::parse(yaml, line_offset);
        let found = positions.scalars().iter().find_map(|(at, value)| {
            if *at < from {
                return None;
            }
            let why = crate::content::url::refused(value).or_else(|| {
                (value.contains(':') || value.contains('<'))
                    .then(|| crate::content::rich::RichText::markdown(value).refused_link())
                    .flatten()
            })?;
            Some((*at, why))
        });
        let Some((at, why)) = found else {
            return self.error_at(from.0, from.1, "a link cvsite does not write");
        };
        let message = match positions.path_at(at) {
            Some(path) => format!("{why} (at {})", describe_path(path)),
            None => why,
        };
        self.error_at(at.0, at.1, message)
            .with_help("remove the link, or give its https:// address".to_string())
    }

    /// An error at a 1-based line and column of this file.
    pub fn error_at(&self, line: usize, column: usize, message: impl Into<String>) -> SourceError {
        // The YAML parser places an error at the end of input on the line after the last one
        // when the file does not end with a newline: it is told at the end of the last line.
        let lines = self.text.split('\n').count();
        let (line, column) = if line > lines {
            let last = self.text.rsplit('\n').next().unwrap_or("");
            (lines, last.chars().count() + 1)
        } else {
            (line.max(1), column.max(1))
        };
        // A snippet shows whole lines around the error: next to a very long one (a 50 MB line
        // of a generated file) it printed megabytes. The file, line and column still say where.
        let long = self
            .text
            .split('\n')
            .skip(line.saturating_sub(2))
            .take(3)
            .any(|l| l.len() > MAX_SNIPPET_LINE);
        SourceError {
            path: self.display.clone(),
            line,
            column,
            message: message.into(),
            help: None,
            source: (!long).then(|| {
                Box::new(Snippet {
                    file: self.clone(),
                    named: NamedSource::new(&self.display, self.text.clone()),
                })
            }),
        }
    }

    fn offset_of(&self, line: usize, column: usize) -> usize {
        let mut offset = 0;
        for (i, l) in self.text.split_inclusive('\n').enumerate() {
            if i + 1 == line {
                let col: usize = l
                    .chars()
                    .take(column.saturating_sub(1))
                    .map(char::len_utf8)
                    .sum();
                return offset + col.min(l.trim_end_matches('\n').len());
            }
            offset += l.len();
        }
        self.text.len()
    }
}

/// Largest content, configuration or template file read (a 10,000-paper `.bib` is 10 MB).
pub const MAX_FILE: u64 = 100 << 20;

/// Longest message shown whole: serde quotes a wrong value in full (a 50 MB line).
const MAX_MESSAGE: usize = 600;

/// `message`, its middle cut out when it is longer than [`MAX_MESSAGE`].
fn shortened(message: String) -> String {
    if message.len() <= MAX_MESSAGE {
        return message;
    }
    let cut = |at: usize, back: bool| {
        let mut at = at;
        while !message.is_char_boundary(at) {
            at = if back { at - 1 } else { at + 1 };
        }
        at
    };
    let head = cut(MAX_MESSAGE / 2, true);
    let tail = cut(message.len() - MAX_MESSAGE / 2, false);
    format!("{} … {}", &message[..head], &message[tail..])
}

/// Deepest nesting of `[...]` and `{...}` a YAML text may have. The YAML scanner slows down
/// with the square of the depth (100,000 `[` took a minute); no CV needs more than a few.
pub const MAX_FLOW_DEPTH: usize = 64;

/// The offset of the bracket that nests deeper than [`MAX_FLOW_DEPTH`], if one does. Every
/// `[` and `{` counts, in quotes and plain text too (only whole-line comments are skipped):
/// reading YAML's context here could be fooled (`a: !!seq [[[…`, a quote in a block scalar),
/// and no CV holds 64 brackets left open inside one another.
pub fn too_deep(yaml: &str) -> Option<usize> {
    let bytes = yaml.as_bytes();
    let mut depth = 0usize;
    let mut line_start = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'#' if line_start => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if b == b'\n' {
            line_start = true;
        } else if b != b' ' && b != b'\t' {
            line_start = false;
        }
        i += 1;
    }
    None
}

/// Where each line of a text starts, for positions of many offsets in one text (a 10,000-entry
/// `.bib`) without counting lines from the top each time.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes `text`.
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    /// Line and column (1-based, columns in characters) of a byte offset, as [`position_of`].
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        (line, self.text[start..offset].chars().count() + 1)
    }
}

/// Line and column (1-based, columns in characters) of a byte offset of `text`.
pub fn position_of(text: &str, offset: usize) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// A problem at a place in a file of the site.
#[derive(Debug, Clone)]
pub struct SourceError {
    /// File, as shown to the user.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong, and what was expected.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    source: Option<Box<Snippet>>,
}

/// The longest line an error's snippet shows (in bytes); next to a longer one, none is shown.
const MAX_SNIPPET_LINE: usize = 1000;

/// The file an error points into, named so the report's header shows it.
#[derive(Debug, Clone)]
struct Snippet {
    file: SourceFile,
    named: NamedSource<Arc<str>>,
}

impl SourceError {
    /// An error about a file as a whole (line 1, column 1, no snippet).
    pub fn whole_file(path: &str, message: impl Into<String>) -> SourceError {
        SourceError {
            path: path.to_string(),
            line: 1,
            column: 1,
            message: message.into(),
            help: None,
            source: None,
        }
    }

    /// Adds a suggestion.
    pub fn with_help(mut self, help: impl Into<Option<String>>) -> SourceError {
        self.help = help.into();
        self
    }
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path, self.line, self.column, self.message
        )
    }
}

impl std::error::Error for SourceError {}

impl Diagnostic for SourceError {
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| &s.named as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let offset = self.source.as_ref()?.file.offset_of(self.line, self.column);
        Some(Box::new(std::iter::once(LabeledSpan::at_offset(
            offset, "here",
        ))))
    }
}

/// Several problems found in one build; all are reported at once so the user fixes them in one go.
#[derive(Debug)]
pub struct Problems(pub Vec<SourceError>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.len() {
            1 => write!(f, "the site has a problem; nothing was written"),
            n => write!(f, "the site has {n} problems; nothing was written"),
        }
    }
}

impl std::error::Error for Problems {}

/// Printed after its problems, each of which `main` reports on its own.
impl Diagnostic for Problems {}

impl From<SourceError> for Problems {
    fn from(e: SourceError) -> Self {
        Problems(vec![e])
    }
}

/// serde_yaml appends " at line L column C" and prefixes the path inside the document; the
/// location is reported separately, and the path is reworded to read as English.
fn clean_yaml_message(raw: &str) -> String {
    let mut msg = strip_positions(raw);
    // Rust's names for numbers mean nothing to a researcher.
    for ty in ["u8", "u16", "u32", "u64", "i32", "i64"] {
        let rust = format!("expected {ty}");
        if msg.contains(&rust) {
            msg = msg.replace(&rust, "expected a whole number");
        }
    }
    // "[1].institution: unknown field" -> "unknown field ... (in entry 2, `institution`)"
    if let Some((path, rest)) = msg.split_once(": ") {
        let is_path = path
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_.[]".contains(c));
        if !path.is_empty() && is_path {
            return format!("{rest} (at {})", describe_path(path));
        }
    }
    msg
}

/// Removes every " at line L column C" (libyaml also puts them mid-message).
fn strip_positions(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(pos) = rest.find(" at line ") {
        out.push_str(&rest[..pos]);
        let after = &rest[pos + " at line ".len()..];
        let digits = |s: &str| s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        let n = digits(after);
        match after[n..].strip_prefix(" column ") {
            Some(col) if n > 0 => rest = &col[digits(col)..],
            _ => {
                out.push_str(" at line ");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn describe_path(path: &str) -> String {
    let mut parts = Vec::new();
    for seg in path.split('.') {
        let (name, idx) = match seg.find('[') {
            Some(p) => (&seg[..p], Some(&seg[p..])),
            None => (seg, None),
        };
        if !name.is_empty() {
            parts.push(format!("`{name}`"));
        }
        if let Some(idx) = idx {
            for i in idx.split(']').filter(|s| !s.is_empty()) {
                if let Ok(n) = i.trim_start_matches('[').parse::<usize>() {
                    parts.push(format!("item {}", n + 1));
                }
            }
        }
    }
    parts.join(" › ")
}

/// For "unknown field/variant `x`, expected one of `a`, `b`", the closest known name.
pub fn suggestion(message: &str) -> Option<String> {
    // Tera: "Field `nam` is not defined. Available fields: a, b, c"
    if let Some((head, fields)) = message.split_once("Available fields: ") {
        let unknown = head.split('`').nth(1)?;
        return closest(unknown, fields.split(", ").map(str::trim))
            .map(|c| format!("did you mean `{c}`?"));
    }
    if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|r| r.split('`').next())
    {
        return Some(format!("add `{field}:` to this entry"));
    }
    let unknown = ["unknown field `", "unknown variant `"]
        .iter()
        .find_map(|p| message.strip_prefix(p))?
        .split('`')
        .next()?;
    let expected = message.split_once("expected")?.1;
    let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    closest(unknown, candidates.iter().copied()).map(|c| format!("did you mean `{c}`?"))
}

/// The candidate nearest to `word` by edit distance, if near enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let word_l = word.to_lowercase();
    candidates
        .map(|c| (strsim::damerau_levenshtein(&word_l, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.chars().count().max(word.chars().count()) / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Prints an error report once, whole: each problem of a failed build on its own, then the
/// summary.
pub fn print_report(report: &miette::Report) {
    if let Some(Problems(problems)) = report.downcast_ref::<Problems>() {
        for p in problems {
            eprintln!("{:?}", miette::Report::new(p.clone()));
        }
    }
    eprintln!("{report:?}");
}

/// Path of `path` relative to `root` for display, falling back to the full path.
pub fn display_path(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .map(PathBuf::from)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flow_nesting_counts_every_bracket_left_open() {
        let deep = |n: usize| format!("a: {}\n", "[".repeat(n));
        assert_eq!(too_deep(&deep(MAX_FLOW_DEPTH)), None);
        assert_eq!(
            too_deep(&deep(MAX_FLOW_DEPTH + 1)),
            Some(3 + MAX_FLOW_DEPTH)
        );
        assert!(too_deep(&format!("- {}", "{a: ".repeat(100))).is_some());
        // Whatever comes before: a tag, an anchor, a quote in a block scalar.
        for before in ["a: !!seq ", "a: &x ", "a: |\n  \"x\n  "] {
            let yaml = format!("{before}{}", "[".repeat(1000));
            assert!(too_deep(&yaml).is_some(), "{yaml:.40}");
        }
        // Closed as they go, or in whole-line comments: never deep.
        assert_eq!(too_deep(&"a: [[x], [y]]\n".repeat(1000)), None);
        assert_eq!(
            too_deep(&format!("# {}\n", "[".repeat(200)).repeat(3)),
            None
        );
        assert_eq!(
            too_deep(&format!("title: \"{}\"\n", "[x] ".repeat(200))),
            None
        );
    }

    #[test]
    fn long_messages_lose_their_middle() {
        assert_eq!(shortened("short".into()), "short");
        let long = format!(
            "invalid type: string \"{}é\", expected a map",
            "a".repeat(5000)
        );
        let s = shortened(long);
        assert!(s.len() < MAX_MESSAGE + 10, "{}", s.len());
        assert!(s.starts_with("invalid type: string \"aaa") && s.ends_with("é\", expected a map"));
    }

    #[test]
    fn suggests_closest_field() {
        let msg = "unknown field `instituton`, expected one of `degree`, `field`, `institution`, `location`";
        assert_eq!(
            suggestion(msg).as_deref(),
            Some("did you mean `institution`?")
        );
        let far = "unknown field `zzzzzz`, expected one of `degree`, `institution`";
        assert_eq!(suggestion(far), None);
        assert_eq!(
            suggestion("missing field `degree`").as_deref(),
            Some("add `degree:` to this entry")
        );
        let tera = "template error: Field `nam` is not defined. Available fields: affiliation, name, position";
        assert_eq!(suggestion(tera).as_deref(), Some("did you mean `name`?"));
    }

    #[test]
    fn cleans_messages() {
        assert_eq!(
            clean_yaml_message("[1].instituton: unknown field `instituton` at line 3 column 5"),
            "unknown field `instituton` (at item 2 › `instituton`)"
        );
        assert_eq!(
            clean_yaml_message("did not find expected key at line 2 column 1"),
            "did not find expected key"
        );
        assert_eq!(
            clean_yaml_message(
                "did not find expected ',' or ']' at line 2 column 1, while parsing a flow sequence at line 1 column 14"
            ),
            "did not find expected ',' or ']', while parsing a flow sequence"
        );
    }

    #[test]
    fn errors_point_at_yaml_nodes() {
        let f = SourceFile::new("x.yaml", "a: foo\nb: [bar, foobar]\n");
        let e = f.error_at_value("b[1]", "bad");
        assert_eq!((e.line, e.column), (2, 10));
        let e = f.error_at_key("b", "bad");
        assert_eq!((e.line, e.column), (2, 1));
        let e = f.error_at_value("c", "not there");
        assert_eq!((e.line, e.column), (1, 1));
    }

    #[test]
    fn non_utf8_position() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.yaml");
        std::fs::write(&p, b"name: ok\nbad: caf\xe9\n").unwrap();
        let e = SourceFile::read(&p, "x.yaml").unwrap_err();
        assert_eq!((e.line, e.column), (2, 9));
        assert!(e.message.contains("not valid UTF-8"));
    }
}
