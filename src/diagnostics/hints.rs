//! Hints for the YAML mistakes users make most, whose parser messages do not say what to do: a
//! value containing `: ` left unquoted, a line indented off its entry, a year with a letter, a
//! single value where a list goes.

/// A hint for the YAML error `message` at 1-based `line` and `column` of `yaml` (whose lines
/// start at `line_offset + 1`), if one of the common causes fits.
pub fn yaml_hint(
    yaml: &str,
    line_offset: usize,
    line: usize,
    column: usize,
    message: &str,
) -> Option<String> {
    let lines: Vec<&str> = yaml.lines().collect();
    let index = line.checked_sub(line_offset + 1)?;
    if message.contains("found a tab character") {
        return Some(
            "YAML indents with spaces only: replace the tab at the start of this line with spaces (set your editor to insert spaces for Tab)"
                .to_string(),
        );
    }
    if message.starts_with("mapping values are not allowed") {
        return lines
            .get(index)
            .and_then(|l| colon_or_indent(&lines, index, l, column));
    }
    if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|r| r.split('`').next())
    {
        return misplaced_field(&lines, (index, line_offset), column, field);
    }
    if let Some(rest) = message.strip_prefix("invalid type: string \"")
        && message.contains("expected a whole number")
    {
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        return Some(if digits.is_empty() {
            "write a whole number here, without quotes (e.g. `2024`)".to_string()
        } else {
            format!(
                "write the number alone: `{digits}` (papers of one year are told apart by their keys, not by a letter after the year)"
            )
        });
    }
    if message.starts_with("invalid type: string")
        && message.contains("expected a sequence")
        && let Some(l) = lines.get(index)
        && let Some((key, value)) = l.split_once(": ")
    {
        return Some(format!(
            "this field is a list: write `{}: [{}]`, or one `- item` per line below it",
            key.trim(),
            value.trim()
        ));
    }
    None
}

/// "1 space", "3 spaces".
fn spaces(n: usize) -> String {
    if n == 1 {
        "1 space".into()
    } else {
        format!("{n} spaces")
    }
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Where the keys of a line start: after its indentation and any `- `.
fn key_column(line: &str) -> usize {
    let mut at = indent(line);
    while line[at..].starts_with("- ") {
        at += 2;
        at += indent(&line[at..]);
    }
    at
}

/// "mapping values are not allowed": either a second `: ` inside a value, or a line indented
/// deeper than the entry it belongs to.
fn colon_or_indent(lines: &[&str], index: usize, line: &str, column: usize) -> Option<String> {
    let first_colon = line
        .find(": ")
        .or_else(|| line.strip_suffix(':').map(str::len))?;
    let at = line
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i);
    if at > first_colon {
        // The value holds `: `: quoted, it is text.
        let (key, value) = line.split_at(first_colon);
        let value = value[1..].trim();
        let quoted = if value.contains('"') {
            format!("'{}'", value.replace('\'', "''"))
        } else {
            format!("\"{value}\"")
        };
        return Some(format!(
            "a value that contains `: ` must be in quotes:\n{key}: {quoted}"
        ));
    }
    let previous = lines[..index]
        .iter()
        .rev()
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))?;
    let (here, there) = (indent(line), key_column(previous));
    (here != there).then(|| {
        format!(
            "this line is indented {}, the line above it {}: the fields of one entry start in the same column, e.g.\n{}{}",
            spaces(here),
            spaces(there),
            " ".repeat(there),
            line.trim_start()
        )
    })
}

/// "missing field `x`" when the entry has an `x:` line, but indented off the entry's other
/// fields (so YAML did not read it as one of them).
fn misplaced_field(
    lines: &[&str],
    (index, line_offset): (usize, usize),
    column: usize,
    field: &str,
) -> Option<String> {
    let fields_at = column.checked_sub(1)?;
    let start = lines.get(index)?;
    let item_at = indent(start);
    let key = format!("{field}:");
    for (i, l) in lines.iter().enumerate().skip(index + 1) {
        let trimmed = l.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let here = indent(l);
        if here <= item_at && (trimmed.starts_with("- ") || here < item_at) {
            break;
        }
        if trimmed.starts_with(&key) && here != fields_at {
            // The entry's next line at the same column: it is the first line that is off.
            let next = lines[index + 1..]
                .iter()
                .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
            if next.is_some_and(|n| indent(n) == here) && here >= 2 {
                let want = here - 2;
                let (by, side) = if item_at > want {
                    (item_at - want, "left")
                } else {
                    (want - item_at, "right")
                };
                return Some(format!(
                    "the entry's first line (line {}) is off: move it {} to the {side}, so that its fields line up with the lines below it",
                    index + 1 + line_offset,
                    spaces(by),
                ));
            }
            return Some(format!(
                "`{field}` is on line {}, indented {}; this entry's fields are at {}: line it up with them",
                i + 1 + line_offset,
                spaces(here),
                spaces(fields_at)
            ));
        }
    }
    None
}
