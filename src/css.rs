//! The built-in style sheet, minified as it is written out: its comments and indentation are
//! for the people who edit it, not for every visitor (and Lighthouse counts them). A site's own
//! style sheets are copied as written.

/// `css` without comments and with no more whitespace than CSS needs. Conservative: whitespace
/// goes only where no meaning can hang on it (after `{};,:`, before `{};,)`); strings are kept as
/// they are; CSS it cannot read whole (an unclosed comment or string) is returned unchanged.
pub fn minify(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut pending_space = false;
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                loop {
                    match chars.next() {
                        Some('/') if last == '*' => break,
                        Some(x) => last = x,
                        None => return css.to_string(),
                    }
                }
                // A comment separates tokens like a space does.
                pending_space = true;
            }
            '"' | '\'' => {
                flush_space(&mut out, &mut pending_space, c);
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
            c if c.is_whitespace() => pending_space = true,
            '}' => {
                // The last declaration needs no `;`.
                if out.ends_with(';') {
                    out.pop();
                }
                pending_space = false;
                out.push('}');
            }
            c => {
                flush_space(&mut out, &mut pending_space, c);
                out.push(c);
            }
        }
    }
    out
}

/// Writes the space held before `next`, unless the characters around it make it useless.
fn flush_space(out: &mut String, pending: &mut bool, next: char) {
    if std::mem::take(pending)
        && !out.is_empty()
        && !out.ends_with(['{', '}', ';', ',', ':'])
        && !matches!(next, '{' | '}' | ';' | ',' | ')')
    {
        out.push(' ');
    }
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
