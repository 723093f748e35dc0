//! Code blocks highlighted at build time: syntect's grammars (the set Typst ships, so the binary
//! holds it once) tokenise the code; each token becomes a span with one short class
//! (`c` comment, `k` keyword, `s` string, ...) whose colours the style sheet sets for light and
//! dark. No script, and a few bytes per token rather than syntect's nested scope spans.

use std::sync::LazyLock;

use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxReference, SyntaxSet};

use crate::html::escape_html;

/// The grammars: Typst's own set when the PDF is built in, the same dump otherwise.
#[cfg(feature = "pdf")]
fn syntaxes() -> &'static SyntaxSet {
    &typst::text::RAW_SYNTAXES
}

#[cfg(not(feature = "pdf"))]
fn syntaxes() -> &'static SyntaxSet {
    static SET: LazyLock<SyntaxSet> = LazyLock::new(two_face::syntax::extra_no_newlines);
    &SET
}

/// Scope prefixes and their class, the more specific first: the innermost scope of a token
/// that matches one gives its class.
static CLASSES: LazyLock<Vec<(Scope, &'static str)>> = LazyLock::new(|| {
    [
        ("comment", "c"),
        ("punctuation.definition.comment", "c"),
        ("constant.character.escape", "m"),
        ("string", "s"),
        ("constant", "m"),
        ("markup.inserted", "gi"),
        ("markup.deleted", "gd"),
        ("markup.heading", "k"),
        ("keyword.operator", ""),
        ("keyword", "k"),
        ("storage.type.function", "k"),
        ("storage.type.class", "k"),
        ("storage.type", "t"),
        ("storage", "k"),
        ("entity.name.function", "f"),
        ("support.function", "f"),
        ("variable.function", "f"),
        ("meta.function-call.generic", "f"),
        ("entity.name.tag", "k"),
        ("entity.other.attribute-name", "f"),
        ("entity.name", "t"),
        ("support.type", "t"),
        ("support.class", "t"),
        ("variable.parameter", "v"),
        ("variable.language", "v"),
    ]
    .into_iter()
    .filter_map(|(scope, class)| Some((Scope::new(scope).ok()?, class)))
    .collect()
});

/// Past these sizes a block is shown unhighlighted: a grammar's regular expressions can take
/// long on a minified line, and no reader needs colours there.
const MAX_BYTES: usize = 256 * 1024;
const MAX_LINE: usize = 4096;

/// The grammar for a fence's language (`python`, `rs`, `c++`, `shell`...), if one is known.
fn syntax(lang: &str) -> Option<&'static SyntaxReference> {
    let lang = lang.trim().to_ascii_lowercase();
    // Names people write that the grammars know by another.
    let token = match lang.as_str() {
        "" | "text" | "plain" | "plaintext" | "txt" | "none" => return None,
        "shell" | "console" | "shell-session" | "sh-session" | "terminal" => "bash",
        "golang" => "go",
        "fortran" => "f90",
        "python3" | "py3" | "ipython" => "python",
        "jsx" | "javascript" => "js",
        "docker" => "dockerfile",
        "yml" => "yaml",
        other => other,
    };
    syntaxes().find_syntax_by_token(token)
}

/// A code block as HTML: `<pre class="code"><code class="language-x">` with highlighted
/// tokens when the language is known, the escaped code otherwise.
pub fn code_block(lang: Option<&str>, code: &str) -> String {
    let lang = lang.map(str::trim).filter(|l| !l.is_empty());
    let mut out = String::with_capacity(code.len() * 2 + 64);
    out.push_str("<pre class=\"code\"><code");
    if let Some(lang) = lang {
        out.push_str(" class=\"language-");
        out.push_str(&escape_html(lang));
        out.push('"');
    }
    out.push('>');
    match lang
        .and_then(syntax)
        .and_then(|syntax| highlighted(syntax, code))
    {
        Some(html) => out.push_str(&html),
        None => out.push_str(&escape_html(code)),
    }
    out.push_str("</code></pre>\n");
    out
}

/// The tokens of `code` in spans; `None` when the code is too big or the grammar fails on it.
fn highlighted(syntax: &SyntaxReference, code: &str) -> Option<String> {
    if code.len() > MAX_BYTES || code.lines().any(|l| l.len() > MAX_LINE) {
        return None;
    }
    let set = syntaxes();
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut out = Spans::default();
    for line in code.split_inclusive('\n') {
        let (text, newline) = match line.strip_suffix('\n') {
            Some(t) => (t.strip_suffix('\r').unwrap_or(t), true),
            None => (line, false),
        };
        // The grammars are the "no newlines" kind: lines are given without their end.
        let ops = state.parse_line(text, set).ok()?;
        let mut at = 0;
        for (index, op) in &ops {
            let index = (*index).min(text.len());
            if index > at {
                out.push(word_class(&stack, &text[at..index]), &text[at..index]);
                at = index;
            }
            stack.apply(op).ok()?;
        }
        out.push(word_class(&stack, &text[at..]), &text[at..]);
        if newline {
            out.push("", "\n");
        }
    }
    Some(out.finish())
}

/// Words some grammars scope as types (`storage.type`: Rust's `let` beside `i32`, JavaScript's
/// `var`) that read as keywords.
const DECLARATIONS: [&str; 8] = [
    "let", "var", "const", "static", "mut", "impl", "type", "typedef",
];

/// [`class`], with a declaring word a keyword even where its grammar calls it a type.
fn word_class(stack: &ScopeStack, token: &str) -> &'static str {
    match class(stack) {
        "t" if DECLARATIONS.contains(&token.trim()) => "k",
        c => c,
    }
}

/// The class of a token inside the scopes of `stack` ("" for none).
fn class(stack: &ScopeStack) -> &'static str {
    for scope in stack.as_slice().iter().rev() {
        if let Some((_, class)) = CLASSES.iter().find(|(s, _)| s.is_prefix_of(*scope)) {
            return class;
        }
    }
    ""
}

/// HTML being written: neighbouring tokens of one class share a span.
#[derive(Default)]
struct Spans {
    html: String,
    open: &'static str,
}

impl Spans {
    fn push(&mut self, class: &'static str, text: &str) {
        if text.is_empty() {
            return;
        }
        // A newline or blank run needs no colour: it extends the open span.
        let class = if text.trim().is_empty() {
            self.open
        } else {
            class
        };
        if class != self.open {
            if !self.open.is_empty() {
                self.html.push_str("</span>");
            }
            if !class.is_empty() {
                self.html.push_str("<span class=\"");
                self.html.push_str(class);
                self.html.push_str("\">");
            }
            self.open = class;
        }
        self.html.push_str(&escape_html(text));
    }

    fn finish(mut self) -> String {
        if !self.open.is_empty() {
            self.html.push_str("</span>");
        }
        self.html
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_get_classes_and_text_is_escaped() {
        let html = code_block(Some("python"), "def f(x):  # <b>\n    return \"a&b\" + 1\n");
        // Blanks join the span before them: fewer spans, the same colours.
        assert_eq!(
            html,
            "<pre class=\"code\"><code class=\"language-python\"><span class=\"k\">def </span>\
             <span class=\"f\">f</span>(<span class=\"v\">x</span>):  <span class=\"c\"># &lt;b&gt;\n    \
             </span><span class=\"k\">return </span><span class=\"s\">&quot;a&amp;b&quot; </span>+ \
             <span class=\"m\">1\n</span></code></pre>\n"
        );
    }

    #[test]
    fn aliases_and_unknown_languages() {
        let shell = code_block(Some("shell"), "echo hi # note\n");
        assert!(shell.contains("<span class=\"c\"># note"), "{shell}");
        let rust = code_block(Some("rs"), "fn main() { let x: i32 = 1; }\n");
        assert!(rust.contains("<span class=\"m\">1</span>"), "{rust}");
        // `let` reads as a keyword, `i32` as a type, though the grammar scopes both alike.
        assert!(rust.contains("<span class=\"k\">let</span>"), "{rust}");
        assert!(rust.contains("<span class=\"t\">i32 </span>"), "{rust}");
        let unknown = code_block(Some("nosuchlang"), "a < b\n");
        assert_eq!(
            unknown,
            "<pre class=\"code\"><code class=\"language-nosuchlang\">a &lt; b\n</code></pre>\n"
        );
        let hostile = code_block(Some("\"><script>"), "x");
        assert!(!hostile.contains("<script>"), "{hostile}");
    }

    #[test]
    fn too_long_lines_are_left_plain() {
        let long = format!("x = \"{}\"\n", "a".repeat(MAX_LINE));
        let html = code_block(Some("python"), &long);
        assert!(!html.contains("<span"), "{}", &html[..80]);
    }
}
