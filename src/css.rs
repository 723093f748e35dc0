//! Style sheets, minified as they are written out (the built-in one and a site's own): their
//! comments and indentation are for the people who edit them, not for every visitor (and
//! Lighthouse counts them). A `/*! … */` comment (a licence) stays.

/// `css` without comments and with no more whitespace than CSS needs. Conservative: whitespace
/// goes only where no meaning can hang on it (after `{};,:`, before `{};,)`); strings are kept as
/// they are; CSS it cannot read whole (an unclosed comment or string) is returned unchanged.
pub fn minify(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut pending_space = false;
    // A comment was left out here: it separates tokens without being whitespace.
    let mut after_comment = false;
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                // `/*! … */` is a comment meant to stay (a licence): kept as written.
                let kept = chars.peek() == Some(&'!');
                // Between rules, the whitespace around it has no meaning.
                let between = out.is_empty() || out.ends_with(['{', '}', ';']);
                if kept {
                    flush(&mut out, &mut pending_space, &mut after_comment, '/');
                    out.push_str("/*");
                }
                let mut last = ' ';
                loop {
                    match chars.next() {
                        Some('/') if last == '*' => break,
                        Some(x) => {
                            if kept {
                                out.push(x);
                            }
                            last = x
                        }
                        None => return css.to_string(),
                    }
                }
                if kept {
                    out.push('/');
                    if between {
                        while chars.next_if(|c| is_css_space(*c)).is_some() {}
                    }
                } else {
                    after_comment = true;
                }
            }
            '"' | '\'' => {
                flush(&mut out, &mut pending_space, &mut after_comment, c);
                out.push(c);
                loop {
                    match chars.next() {
                        Some('\\') => {
                            out.push('\\');
                            match chars.next() {
                                Some(x) => out.push(x),
                                None => return css.to_string(),
                            }
                        }
                        Some(x) if x == c => {
                            out.push(x);
                            break;
                        }
                        Some('\n') | None => return css.to_string(),
                        Some(x) => out.push(x),
                    }
                }
            }
            // An escape is part of a name (`.\31 x`, `.a\:b`): kept whole, with the one
            // whitespace that may end a hex escape.
            '\\' => {
                flush(&mut out, &mut pending_space, &mut after_comment, c);
                out.push('\\');
                let Some(x) = chars.next() else {
                    return css.to_string();
                };
                out.push(x);
                if x.is_ascii_hexdigit() {
                    for _ in 0..5 {
                        match chars.next_if(char::is_ascii_hexdigit) {
                            Some(h) => out.push(h),
                            None => break,
                        }
                    }
                    if chars.peek().is_some_and(|w| is_css_space(*w)) {
                        chars.next();
                        out.push(' ');
                    }
                }
                // Whatever follows belongs to the same name: no space is dropped before it.
                after_comment = false;
            }
            c if is_css_space(c) => pending_space = true,
            '}' => {
                // The last declaration needs no `;`.
                if out.ends_with(';') {
                    out.pop();
                }
                pending_space = false;
                after_comment = false;
                out.push('}');
            }
            c => {
                flush(&mut out, &mut pending_space, &mut after_comment, c);
                out.push(c);
            }
        }
    }
    out
}

/// CSS's whitespace (not Unicode's: a no-break space is part of a name).
fn is_css_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C')
}

/// Writes what stands before `next`: the space held, unless the characters around it make it
/// useless; or, where a comment alone parted two names (`a/**/b`), an empty comment.
fn flush(out: &mut String, pending: &mut bool, after_comment: &mut bool, next: char) {
    let comment = std::mem::take(after_comment);
    // The last character written was escaped (`\,`): it is part of a name.
    let escaped = out.chars().rev().nth(1) == Some('\\');
    if std::mem::take(pending) {
        // After a kept comment (`/*! … */`), the space before it, if any, did the parting.
        if !out.is_empty()
            && !out.ends_with("*/")
            && (escaped || !out.ends_with(['{', '}', ';', ',', ':']))
            && !matches!(next, '{' | '}' | ';' | ',' | ')')
        {
            out.push(' ');
        }
    } else if comment && out.ends_with(is_name) && is_name(next) {
        out.push_str("/**/");
    }
}

/// A character of a CSS name or number.
fn is_name(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '_' | '\\') || !c.is_ascii()
}

#[cfg(test)]
mod tests {
    use super::minify;

    #[test]
    fn drops_comments_and_spare_whitespace() {
        assert_eq!(
            minify(
                "/* theme */\n:root {\n  --a: #fff; /* white */\n}\n\n.a .b, .c > .d {\n  color: red;\n  margin: 0 auto;\n}\n"
            ),
            ":root{--a:#fff}.a .b,.c > .d{color:red;margin:0 auto}"
        );
    }

    #[test]
    fn keeps_what_has_meaning() {
        // Strings as written; the descendant combinator before a pseudo-class; calc's spaces;
        // media query words.
        let css = ".x::after { content: \" <\" attr(href) \">  /* not a comment */\"; }\n\
                   .a :focus { width: calc(100% - 2rem); }\n\
                   @media print and (max-width: 600px) { .y { font: 1rem/1.6 \"Segoe UI\", serif; } }";
        assert_eq!(
            minify(css),
            ".x::after{content:\" <\" attr(href) \">  /* not a comment */\"}\
             .a :focus{width:calc(100% - 2rem)}\
             @media print and (max-width:600px){.y{font:1rem/1.6 \"Segoe UI\",serif}}"
        );
    }

    #[test]
    fn comments_and_escapes_keep_their_meaning() {
        // A comment is no whitespace: `.a/**/.b` is one compound selector.
        assert_eq!(minify(".a/**/.b{} a/**/:hover{}"), ".a.b{}a:hover{}");
        // Two names a comment alone kept apart stay apart.
        assert_eq!(minify("a/**/b{}"), "a/**/b{}");
        // The space after a hex escape ends it; the next one is the combinator.
        assert_eq!(minify(".\\31  .b{}"), ".\\31  .b{}");
        // An escaped `,` or `:` is part of the name, not punctuation.
        assert_eq!(minify(".a\\, .b{}"), ".a\\, .b{}");
        assert_eq!(minify(".a\\: .b{}"), ".a\\: .b{}");
        // A no-break space is no CSS whitespace.
        assert_eq!(minify(".a\u{a0}b{}"), ".a\u{a0}b{}");
    }

    #[test]
    fn a_comment_meant_to_stay_stays() {
        assert_eq!(
            minify("/*! Font licence: OFL */\n/* notes */\n.a { color: red; } /* gone */\n"),
            "/*! Font licence: OFL */.a{color:red}"
        );
        // Inside a selector it parts nothing: the space before it still does.
        assert_eq!(minify(".a /*! x */ .b{}"), ".a /*! x */.b{}");
    }

    #[test]
    fn what_it_cannot_read_is_left_alone() {
        for css in [".a { color: red; } /* open", ".a { content: \"open }"] {
            assert_eq!(minify(css), css);
        }
    }

    #[test]
    fn the_theme_gets_smaller() {
        let theme = std::str::from_utf8(
            crate::theme::embedded_source("css/style.css").expect("the theme's style sheet"),
        )
        .unwrap();
        let small = minify(theme);
        assert!(
            small.len() + 1500 < theme.len(),
            "{} -> {}",
            theme.len(),
            small.len()
        );
        // As many rules and declarations as before.
        assert_eq!(small.matches('{').count(), theme.matches('{').count());
        assert_eq!(small.matches('}').count(), theme.matches('}').count());
    }
}
