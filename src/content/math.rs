//! Mathematics, kept as LaTeX in the rich text and rendered per target: MathML for pages,
//! Typst math for the PDF, Unicode for plain-text exports.

use pulldown_latex::event::{
    Content, EnvironmentFlow, Event, Grouping, ScriptPosition, ScriptType, StateChange, Visual,
};

/// Math as MathML, which browsers typeset themselves (no script, no font to load); the LaTeX
/// source rides along as an annotation, for copying and for screen readers that read it.
pub fn mathml(tex: &str, display: bool) -> String {
    use pulldown_latex::config::DisplayMode;
    let storage = pulldown_latex::Storage::new();
    let events: Vec<_> = pulldown_latex::Parser::new(tex, &storage).collect();
    // pulldown-latex writes a LaTeX error into the MathML, for readers to see: text instead.
    if events.iter().any(Result::is_err) {
        return crate::html::escape_html(&math_text(tex));
    }
    let parser = events.into_iter();
    // The annotation is written as given: escape it here.
    let annotation = crate::html::escape_html(tex);
    let config = pulldown_latex::RenderConfig {
        display_mode: if display {
            DisplayMode::Block
        } else {
            DisplayMode::Inline
        },
        annotation: Some(&annotation),
        ..Default::default()
    };
    let mut out = String::new();
    match pulldown_latex::push_mathml(&mut out, parser, config) {
        Ok(()) => out,
        Err(_) => crate::html::escape_html(&math_text(tex)),
    }
}

/// Math as Typst math markup (what goes between `$`s), for the PDF; `None` for what this
/// translation does not cover (LaTeX that does not parse): the PDF then prints [`math_text`]. Every character of the source is escaped or quoted and every
/// function name is one of this module's, so nothing in a formula reaches Typst as code.
pub fn typst(tex: &str) -> Option<String> {
    let storage = pulldown_latex::Storage::new();
    let events: Vec<Event<'_>> = pulldown_latex::Parser::new(tex, &storage)
        .collect::<Result<_, _>>()
        .ok()?;
    let mut walk = TypstMath {
        events: events.into_iter().peekable(),
    };
    let out = walk.sequence(Until::Input)?;
    (!out.is_empty()).then_some(out)
}

/// Where a run of elements ends.
#[derive(Clone, Copy, PartialEq)]
enum Until {
    Input,
    Group,
    Cell,
}

/// Walks pulldown-latex's events (prefix order: a fraction's event comes before its two
/// parts), writing Typst's function form for every structure.
struct TypstMath<'a> {
    events: std::iter::Peekable<std::vec::IntoIter<Event<'a>>>,
}

impl TypstMath<'_> {
    /// The elements up to the end of the input, of the current group (whose end it takes) or
    /// of a table cell (whose end it leaves to [`Self::table`]).
    fn sequence(&mut self, until: Until) -> Option<String> {
        let mut parts = Vec::new();
        loop {
            match self.events.peek() {
                None if until == Until::Input => break,
                None => return None,
                Some(Event::End) if until == Until::Cell => break,
                Some(Event::End) => {
                    self.events.next();
                    if until == Until::Input {
                        return None;
                    }
                    break;
                }
                Some(Event::EnvironmentFlow(_)) if until == Until::Cell => break,
                Some(Event::EnvironmentFlow(_)) => return None,
                // A font or style holds to the end of its group.
                Some(Event::StateChange(_)) => {
                    let Some(Event::StateChange(change)) = self.events.next() else {
                        return None;
                    };
                    let rest = self.sequence(until)?;
                    parts.push(state(change, rest));
                    break;
                }
                Some(_) => parts.push(self.element()?),
            }
        }
        Some(join(parts))
    }

    /// The rows of an array, matrix or alignment, up to its end, as cells.
    fn table(&mut self) -> Option<Vec<Vec<String>>> {
        let mut rows = vec![Vec::new()];
        loop {
            // Lines drawn above the first row are no cell.
            while matches!(
                self.events.peek(),
                Some(Event::EnvironmentFlow(EnvironmentFlow::StartLines { .. }))
            ) {
                self.events.next();
            }
            let cell = self.sequence(Until::Cell)?;
            rows.last_mut()?.push(if cell.is_empty() {
                "\"\"".to_string()
            } else {
                cell
            });
            match self.events.next()? {
                Event::End => break,
                Event::EnvironmentFlow(EnvironmentFlow::NewLine { .. }) => rows.push(Vec::new()),
                Event::EnvironmentFlow(_) => {}
                _ => return None,
            }
        }
        // `\\` after the last row starts no row of its own.
        if rows.len() > 1 && rows.last().is_some_and(|r| r.iter().all(|c| c == "\"\"")) {
            rows.pop();
        }
        Some(rows)
    }

    /// An environment: matrices and arrays as `mat`, cases as `cases`, alignments as lines.
    fn environment(&mut self, kind: Grouping) -> Option<String> {
        let rows = self.table()?;
        let cells = |sep: &str| -> Vec<String> { rows.iter().map(|r| r.join(sep)).collect() };
        Some(match kind {
            Grouping::Matrix { .. } | Grouping::Array(_) => {
                format!("mat(delim: #none, {})", cells(", ").join("; "))
            }
            Grouping::Cases { left } => format!(
                "cases({}{})",
                if left { "" } else { "reverse: #true, " },
                cells(" & ").join(", ")
            ),
            _ => cells(" & ").join(" \\ "),
        })
    }

    /// One element: a symbol, a group, or a structure with its parts.
    fn element(&mut self) -> Option<String> {
        Some(match self.events.next()? {
            Event::Content(c) => content(c),
            Event::Begin(Grouping::Normal) => self.sequence(Until::Group)?,
            Event::Begin(Grouping::LeftRight(open, close)) => {
                let inner = self.sequence(Until::Group)?;
                let delim = |d: Option<char>| d.map(atom).unwrap_or_default();
                format!("lr({})", join(vec![delim(open), inner, delim(close)]))
            }
            Event::Visual(Visual::Fraction(_)) => {
                let (num, den) = (self.argument()?, self.argument()?);
                format!("frac({num}, {den})")
            }
            Event::Visual(Visual::SquareRoot) => format!("sqrt({})", self.argument()?),
            Event::Visual(Visual::Root) => {
                let (radicand, index) = (self.argument()?, self.argument()?);
                format!("root({index}, {radicand})")
            }
            Event::Visual(Visual::Negation) => match self.events.peek() {
                Some(Event::Content(Content::Relation { content, .. })) => {
                    let text = relation_text(content);
                    self.events.next();
                    match negated(&text) {
                        Some(n) => n.to_string(),
                        None => format!("cancel({})", relation(&text)),
                    }
                }
                _ => format!("cancel({})", self.argument()?),
            },
            Event::Script { ty, position } => self.script(ty, position)?,
            Event::Space { width, .. } => space(width),
            Event::Begin(kind) => self.environment(kind)?,
            Event::End | Event::StateChange(_) | Event::EnvironmentFlow(_) => return None,
        })
    }

    /// An element that is a function's argument: never empty, which Typst would not accept.
    fn argument(&mut self) -> Option<String> {
        let a = self.element()?;
        Some(if a.is_empty() { "\"\"".to_string() } else { a })
    }

    /// A base with its sub- and superscript (in that order in the events), or an accent.
    fn script(&mut self, ty: ScriptType, position: ScriptPosition) -> Option<String> {
        let base = self.argument()?;
        let above_below = position == ScriptPosition::AboveBelow;
        if above_below
            && ty != ScriptType::SubSuperscript
            && let Some(Event::Content(Content::Ordinary { content, .. })) = self.events.peek()
            && let Some(f) = accent(*content, ty == ScriptType::Superscript)
        {
            self.events.next();
            return Some(format!("{f}({base})"));
        }
        let (sub, sup) = match ty {
            ScriptType::Subscript => (Some(self.argument()?), None),
            ScriptType::Superscript => (None, Some(self.argument()?)),
            ScriptType::SubSuperscript => (Some(self.argument()?), Some(self.argument()?)),
        };
        let base = if above_below {
            format!("limits({base})")
        } else {
            base
        };
        let mut out = format!("attach({base}");
        if let Some(b) = sub {
            out.push_str(&format!(", b: {b}"));
        }
        if let Some(t) = sup {
            out.push_str(&format!(", t: {t}"));
        }
        out.push(')');
        Some(out)
    }
}

/// Typst math for one piece of content.
fn content(c: Content<'_>) -> String {
    match c {
        // pulldown-latex writes a non-breaking space (`~`, `\ `) as an HTML entity.
        Content::Text(t) => quote(&t.replace("&nbsp;", "\u{a0}")),
        // Digits stay together so Typst sees one number.
        Content::Number(n) => n.chars().map(atom).collect(),
        Content::Function(name) => format!("op({})", quote(name)),
        Content::Ordinary { content, .. }
        | Content::LargeOp { content, .. }
        | Content::Delimiter { content, .. }
        | Content::Punctuation(content) => atom(content),
        Content::BinaryOp { content, .. } => atom(match content {
            '-' => '−',
            '*' => '∗',
            c => c,
        }),
        Content::Relation { content, .. } => relation(&relation_text(&content)),
    }
}

/// A relation's one or two characters.
fn relation_text(content: &pulldown_latex::event::RelationContent) -> String {
    let mut buf = [0u8; 8];
    std::str::from_utf8(content.encode_utf8_to_buf(&mut buf))
        .unwrap_or_default()
        .to_string()
}

fn relation(text: &str) -> String {
    text.chars().map(atom).collect()
}

/// One character as Typst math: letters and digits as themselves (a single letter is a
/// variable), ASCII punctuation escaped (so no `#`, `$`, `"`, `/` or `_` is read as syntax),
/// other characters (α, ≤, ∑) as themselves.
fn atom(c: char) -> String {
    match c {
        c if c.is_ascii_alphanumeric() => c.to_string(),
        c if c.is_whitespace() || c.is_control() => String::new(),
        c if c.is_ascii() => format!("\\{c}"),
        c => c.to_string(),
    }
}

/// A Typst string: upright text.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Elements a space apart, so that two letters never read as one identifier.
fn join(parts: Vec<String>) -> String {
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A font or style change over `body`.
fn state(change: StateChange, body: String) -> String {
    use pulldown_latex::event::{Font, Style};
    if body.is_empty() {
        return body;
    }
    let wrap: &[&str] = match change {
        StateChange::Font(None) | StateChange::Color(_) => &[],
        StateChange::Font(Some(font)) => match font {
            Font::Bold => &["upright", "bold"],
            Font::BoldItalic => &["bold", "italic"],
            Font::BoldSymbol => &["bold"],
            Font::Italic => &["italic"],
            Font::UpRight => &["upright"],
            Font::Script => &["cal"],
            Font::BoldScript => &["bold", "cal"],
            Font::Fraktur => &["frak"],
            Font::BoldFraktur => &["bold", "frak"],
            Font::DoubleStruck | Font::DoubleStruckItalic => &["bb"],
            Font::Monospace => &["mono"],
            Font::SansSerif => &["sans"],
            Font::BoldSansSerif => &["bold", "sans"],
            Font::SansSerifItalic => &["italic", "sans"],
            Font::SansSerifBoldItalic => &["bold", "italic", "sans"],
        },
        StateChange::Style(style) => match style {
            Style::Display => &["display"],
            Style::Text => &["inline"],
            Style::Script => &["script"],
            Style::ScriptScript => &["sscript"],
        },
    };
    wrap.iter()
        .rev()
        .fold(body, |inner, f| format!("{f}({inner})"))
}

/// Typst's accent function for a character set above (or below) a base.
fn accent(c: char, above: bool) -> Option<&'static str> {
    Some(match (c, above) {
        ('^' | 'ˆ' | '\u{302}', true) => "hat",
        ('~' | '˜' | '\u{303}', true) => "tilde",
        ('‾' | '¯' | '\u{304}' | '\u{305}', true) => "overline",
        ('→' | '\u{20D7}', true) => "arrow",
        ('←', true) => "arrow.l",
        ('˙' | '\u{307}', true) => "dot",
        ('¨' | '\u{308}', true) => "dot.double",
        ('´' | '\u{301}', true) => "acute",
        ('`' | '\u{300}', true) => "grave",
        ('˘' | '\u{306}', true) => "breve",
        ('ˇ' | '\u{30C}', true) => "caron",
        ('⏞', true) => "overbrace",
        ('‾' | '_' | '\u{332}', false) => "underline",
        ('⏟', false) => "underbrace",
        _ => return None,
    })
}

/// A relation with `\not` before it, as its own character where Unicode has one.
fn negated(relation: &str) -> Option<&'static str> {
    Some(match relation {
        "=" => "≠",
        "<" => "≮",
        ">" => "≯",
        "≤" => "≰",
        "≥" => "≱",
        "∈" => "∉",
        "∋" => "∌",
        "⊂" => "⊄",
        "⊃" => "⊅",
        "⊆" => "⊈",
        "⊇" => "⊉",
        "≡" => "≢",
        "∼" => "≁",
        "≈" => "≉",
        "≃" => "≄",
        "≅" => "≇",
        "∣" => "∤",
        "∥" => "∦",
        _ => return None,
    })
}

/// A LaTeX space as the nearest of Typst's named spaces.
fn space(width: Option<pulldown_latex::event::Dimension>) -> String {
    use pulldown_latex::event::DimensionUnit;
    let Some(w) = width else {
        return String::new();
    };
    let em = match w.unit {
        DimensionUnit::Em => w.value,
        DimensionUnit::Mu => w.value / 18.0,
        DimensionUnit::Ex => w.value / 2.0,
        _ => 0.2,
    };
    match em {
        e if e <= 0.0 => "",
        e if e < 0.2 => "thin",
        e if e < 0.25 => "med",
        e if e < 0.5 => "thick",
        e if e < 1.5 => "quad",
        _ => "wide",
    }
    .to_string()
}

/// Math as plain text: symbols as their Unicode characters (`\alpha` → α, `\times` → ×),
/// scripts as Unicode super- and subscripts where every character has one (`x^2` → x²),
/// otherwise as written without the markup; font commands keep their argument.
pub fn math_text(tex: &str) -> String {
    let chars: Vec<char> = tex.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        match c {
            '\\' => {
                let start = i;
                while i < chars.len() && chars[i].is_ascii_alphabetic() {
                    i += 1;
                }
                if i == start {
                    // `\,`, `\{`, `\%`: a space or the character itself.
                    if let Some(&s) = chars.get(i) {
                        i += 1;
                        match s {
                            ',' | ';' | ':' | ' ' | '!' => out.push(' '),
                            s => out.push(s),
                        }
                    }
                    continue;
                }
                let name: String = chars[start..i].iter().collect();
                if let Some(sym) = symbol(&name) {
                    out.push_str(sym);
                }
                // Font and other commands: their argument follows and is read as it comes.
            }
            '^' | '_' => {
                let (arg, next) = script_argument(&chars, i);
                i = next;
                let inner = math_text(&arg);
                let mapped: Option<String> = inner
                    .chars()
                    .map(|ch| {
                        if c == '^' {
                            superscript(ch)
                        } else {
                            subscript(ch)
                        }
                    })
                    .collect();
                out.push_str(&mapped.unwrap_or(inner));
            }
            // Math mode ignores the spaces of the source.
            '{' | '}' => {}
            c if c.is_whitespace() => {}
            '~' => out.push(' '),
            c => out.push(c),
        }
    }
    out.trim().to_string()
}

/// The argument of `^` or `_` starting at `i`: a group or one character (or command).
fn script_argument(chars: &[char], mut i: usize) -> (String, usize) {
    match chars.get(i) {
        Some('{') => {
            let mut depth = 0;
            let start = i + 1;
            while i < chars.len() {
                match chars[i] {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            return (chars[start..i].iter().collect(), i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            (chars[start..].iter().collect(), chars.len())
        }
        Some('\\') => {
            let start = i;
            i += 1;
            while i < chars.len() && chars[i].is_ascii_alphabetic() {
                i += 1;
            }
            (
                chars[start..i.max(start + 2).min(chars.len())]
                    .iter()
                    .collect(),
                i.max(start + 2).min(chars.len()),
            )
        }
        Some(&c) => (c.to_string(), i + 1),
        None => (String::new(), i),
    }
}

fn superscript(c: char) -> Option<char> {
    Some(match c {
        '0' => '⁰',
        '1' => '¹',
        '2' => '²',
        '3' => '³',
        '4' => '⁴',
        '5' => '⁵',
        '6' => '⁶',
        '7' => '⁷',
        '8' => '⁸',
        '9' => '⁹',
        '+' => '⁺',
        '-' | '−' => '⁻',
        '=' => '⁼',
        '(' => '⁽',
        ')' => '⁾',
        'n' => 'ⁿ',
        'i' => 'ⁱ',
        '*' => '*',
        '′' => '′',
        _ => return None,
    })
}

fn subscript(c: char) -> Option<char> {
    Some(match c {
        '0' => '₀',
        '1' => '₁',
        '2' => '₂',
        '3' => '₃',
        '4' => '₄',
        '5' => '₅',
        '6' => '₆',
        '7' => '₇',
        '8' => '₈',
        '9' => '₉',
        '+' => '₊',
        '-' | '−' => '₋',
        '=' => '₌',
        '(' => '₍',
        ')' => '₎',
        'a' => 'ₐ',
        'e' => 'ₑ',
        'o' => 'ₒ',
        'x' => 'ₓ',
        'i' => 'ᵢ',
        'j' => 'ⱼ',
        'k' => 'ₖ',
        'n' => 'ₙ',
        't' => 'ₜ',
        _ => return None,
    })
}

/// Math commands that are a symbol.
pub fn symbol(name: &str) -> Option<&'static str> {
    Some(match name {
        "alpha" => "α",
        "beta" => "β",
        "gamma" => "γ",
        "delta" => "δ",
        "epsilon" | "varepsilon" => "ε",
        "zeta" => "ζ",
        "eta" => "η",
        "theta" | "vartheta" => "θ",
        "iota" => "ι",
        "kappa" => "κ",
        "lambda" => "λ",
        "mu" => "μ",
        "nu" => "ν",
        "xi" => "ξ",
        "pi" | "varpi" => "π",
        "rho" | "varrho" => "ρ",
        "sigma" | "varsigma" => "σ",
        "tau" => "τ",
        "upsilon" => "υ",
        "phi" | "varphi" => "φ",
        "chi" => "χ",
        "psi" => "ψ",
        "omega" => "ω",
        "Gamma" => "Γ",
        "Delta" => "Δ",
        "Theta" => "Θ",
        "Lambda" => "Λ",
        "Xi" => "Ξ",
        "Pi" => "Π",
        "Sigma" => "Σ",
        "Upsilon" => "Υ",
        "Phi" => "Φ",
        "Psi" => "Ψ",
        "Omega" => "Ω",
        "times" => "×",
        "cdot" => "·",
        "pm" => "±",
        "mp" => "∓",
        "div" => "÷",
        "leq" | "le" => "≤",
        "geq" | "ge" => "≥",
        "neq" | "ne" => "≠",
        "approx" => "≈",
        "sim" => "∼",
        "simeq" => "≃",
        "propto" => "∝",
        "equiv" => "≡",
        "ll" => "≪",
        "gg" => "≫",
        "infty" => "∞",
        "partial" => "∂",
        "nabla" => "∇",
        "sum" => "∑",
        "prod" => "∏",
        "int" => "∫",
        "sqrt" => "√",
        "in" => "∈",
        "notin" => "∉",
        "subset" => "⊂",
        "subseteq" => "⊆",
        "cup" => "∪",
        "cap" => "∩",
        "forall" => "∀",
        "exists" => "∃",
        "emptyset" | "varnothing" => "∅",
        "to" | "rightarrow" => "→",
        "leftarrow" => "←",
        "Rightarrow" => "⇒",
        "leftrightarrow" => "↔",
        "mapsto" => "↦",
        "ell" => "ℓ",
        "hbar" => "ħ",
        "prime" => "′",
        "circ" => "∘",
        "odot" | "sun" => "⊙",
        "oplus" => "⊕",
        "otimes" => "⊗",
        "star" => "⋆",
        "ast" => "∗",
        "dagger" => "†",
        "ldots" | "dots" | "cdots" => "…",
        "log" => "log",
        "ln" => "ln",
        "exp" => "exp",
        "sin" => "sin",
        "cos" => "cos",
        "tan" => "tan",
        "max" => "max",
        "min" => "min",
        "lim" => "lim",
        "quad" | "qquad" => " ",
        "backslash" | "setminus" => "\\",
        "slash" => "/",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::rich::{Inline, RichText};

    #[test]
    fn math_as_mathml() {
        let m = mathml(r"\alpha^2", false);
        assert!(m.starts_with("<math") && m.ends_with("</math>"), "{m}");
        assert!(m.contains("α") && m.contains("<msup>"), "{m}");
        let hostile = mathml(
            r"\text{<script>alert(1)</script>} </annotation><script>",
            false,
        );
        assert!(!hostile.contains("<script"), "{hostile}");
        // What pulldown-latex cannot parse is shown as text, not as its error message.
        let unknown = mathml(r"a\slash b \unknowncommand", false);
        assert_eq!(unknown, "a/b");
        let t = RichText::from_runs(
            vec![
                Inline::Text("The ".into()),
                Inline::Math {
                    tex: r"\alpha".into(),
                    display: false,
                },
                Inline::Text("-test".into()),
            ],
            r"The {$\alpha$}-test",
        );
        assert!(
            t.inline_html("/").contains("<math"),
            "{}",
            t.inline_html("/")
        );
        assert_eq!(t.plain(), "The α-test");
    }

    #[test]
    fn math_as_typst() {
        let t = |tex: &str| typst(tex).unwrap_or_else(|| panic!("{tex}"));
        assert_eq!(t(r"\alpha"), "α");
        assert_eq!(t(r"O(n^2)"), r"O \( attach(n, t: 2) \)");
        assert_eq!(t(r"16\times 16"), "16 × 16");
        assert_eq!(t(r"x^2_{\text{max}}"), r#"attach(x, b: "max", t: 2)"#);
        assert_eq!(t(r"\frac{a}{b}"), "frac(a, b)");
        assert_eq!(t(r"\sqrt[3]{x}"), "root(3, x)");
        assert_eq!(t(r"\mathbb{R}^n"), "attach(bb(R), t: n)");
        assert_eq!(t(r"\mathbf{x}"), "upright(bold(x))");
        assert_eq!(t(r"\hat{x} \vec v"), "hat(x) arrow(v)");
        assert_eq!(t(r"\left( x \right)"), r"lr(\( x \))");
        assert_eq!(t(r"a \not= b"), "a ≠ b");
        assert_eq!(t(r"\sin x"), r#"op("sin") x"#);
        assert_eq!(t(r"a/b"), r"a \/ b");
        assert_eq!(typst(r"{}"), None, "nothing to typeset");
        assert_eq!(
            t(r"\begin{pmatrix}a&b\\c&d\end{pmatrix}"),
            r"lr(\( mat(delim: #none, a, b; c, d) \))"
        );
        assert_eq!(t(r"\begin{cases}1 & x\\0\end{cases}"), "cases(1 & x, 0)");
        assert_eq!(
            t(r"\begin{array}{cc}\hline a&b\end{array}"),
            "mat(delim: #none, a, b)"
        );
        assert_eq!(t(r"a~b"), "a \"\u{a0}\" b");
        // Letters never run together into a name Typst would look up.
        assert_eq!(t(r"\mathrm{max}"), "upright(m a x)");
        // What LaTeX cannot parse is left to the plain-text rendering.
        assert_eq!(typst(r"\frac{a"), None);
    }

    #[test]
    fn typst_math_escapes_everything_of_the_source() {
        // Typst syntax in a formula is escaped (`\#`, `\"`) or quoted, never read as code.
        let hostile = typst(r##"\text{"#read(\"x\")"} \# x"##).unwrap();
        assert_eq!(hostile, r##""\"#read(\\\"x\\\")\"" \# x"##);
        for tex in [
            r"\$ \_ \& \{ \}",
            r"a'",
            r"a;b:c,d",
            r"\text{a\\b}",
            "<>=!?@*+-",
        ] {
            let m = typst(tex).unwrap_or_default();
            let unescaped = m
                .char_indices()
                .filter(|&(i, c)| "#$;:".contains(c) && !m[..i].ends_with('\\'))
                .count();
            assert_eq!(unescaped, 0, "{tex} → {m}");
        }
    }

    #[test]
    fn math_as_plain_text() {
        assert_eq!(math_text(r"\alpha"), "α");
        assert_eq!(math_text(r"O(n^2)"), "O(n²)");
        assert_eq!(math_text(r"16\times 16"), "16×16");
        assert_eq!(math_text(r"H_2O"), "H₂O");
        assert_eq!(math_text(r"_{E}"), "E");
        assert_eq!(math_text(r"\mathrm{M}_\odot \sim 10^{12}"), "M⊙∼10¹²");
        assert_eq!(math_text(r"a \quad b"), "a b");
        assert_eq!(math_text(r"\phi"), "φ");
    }
}
