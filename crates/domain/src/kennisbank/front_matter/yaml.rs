//! The small part of YAML the kennisbank files use: `key: value` lines
//! whose value is a plain or quoted scalar, an inline list `[a, b]`, or a
//! block list of `- item` lines below an empty value; `#` comments after
//! whitespace. Nothing else (no nesting, no multi-line scalars, no
//! anchors), so a file that needs more is refused rather than misread.

/// One front-matter entry as written, with the line numbers errors name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Entry {
    pub key: String,
    pub line: usize,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Value {
    Scalar(String),
    /// Items with their own line numbers (the key's line for `[a, b]`).
    List(Vec<(usize, String)>),
}

/// A problem at a line; `key` is empty when no field can be named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Problem {
    pub line: usize,
    pub key: String,
    pub reason: String,
}

/// Reads the lines between the two `---` markers; `first` is the file's
/// line number of `lines[0]`.
pub(super) fn entries(lines: &[&str], first: usize) -> (Vec<Entry>, Vec<Problem>) {
    let mut entries: Vec<Entry> = Vec::new();
    // Keys seen, also those whose value failed, so a second one is a
    // duplicate rather than a silent replacement.
    let mut seen: Vec<&str> = Vec::new();
    // The list items under a key that failed were part of its problem.
    let mut last_key_failed = false;
    let mut problems = Vec::new();
    let mut problem = |line: usize, key: &str, reason: String| {
        problems.push(Problem {
            line,
            key: key.to_string(),
            reason,
        })
    };
    for (i, raw) in lines.iter().enumerate() {
        let line = first + i;
        let text = raw.trim_end();
        let content = text.trim_start();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        if let Some(item) = content
            .strip_prefix('-')
            .filter(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
        {
            // A block list item belongs to the key just above it, if that
            // key was left empty or already holds block items.
            if last_key_failed {
                continue;
            }
            let Some(last) = entries.last_mut() else {
                problem(
                    line,
                    "",
                    "een lijstregel ('- …') hoort onder een veld".into(),
                );
                continue;
            };
            let key = last.key.clone();
            let value = match scalar(item.trim_start()) {
                Ok(value) if value.is_empty() => Err("lege regel in de lijst".to_string()),
                other => other,
            };
            let is_block = match &last.value {
                Value::Scalar(s) => s.is_empty(),
                Value::List(items) => items.first().is_some_and(|(l, _)| *l != last.line),
            };
            match value {
                Err(reason) => problem(line, &key, reason),
                Ok(_) if !is_block => problem(
                    line,
                    &key,
                    "heeft al een waarde; een lijst met '- ' begint onder een lege waarde".into(),
                ),
                Ok(value) => match &mut last.value {
                    Value::List(items) => items.push((line, value)),
                    empty => *empty = Value::List(vec![(line, value)]),
                },
            }
            continue;
        }
        if text.starts_with([' ', '\t']) {
            problem(
                line,
                "",
                "onverwachte inspringing; elke regel is 'veld: waarde' of '- item'".into(),
            );
            continue;
        }
        let Some((key, rest)) = text
            .split_once(':')
            .filter(|(k, r)| is_key(k) && (r.is_empty() || r.starts_with([' ', '\t'])))
        else {
            problem(line, "", format!("verwacht 'veld: waarde', niet '{text}'"));
            last_key_failed = true;
            continue;
        };
        if seen.contains(&key) {
            problem(line, key, "staat er twee keer in".into());
            last_key_failed = true;
            continue;
        }
        seen.push(key);
        let parsed = value(rest.trim_start(), line);
        last_key_failed = parsed.is_err();
        match parsed {
            Ok(value) => entries.push(Entry {
                key: key.to_string(),
                line,
                value,
            }),
            Err(reason) => problem(line, key, reason),
        }
    }
    (entries, problems)
}

fn is_key(key: &str) -> bool {
    !key.is_empty() && key.chars().all(|c| c.is_ascii_lowercase() || c == '_')
}

/// The value after `key:`: an inline list, or a scalar (empty when the
/// value is left out, which a block list below may fill).
fn value(text: &str, line: usize) -> Result<Value, String> {
    let Some(mut rest) = text.strip_prefix('[') else {
        return scalar(text).map(Value::Scalar);
    };
    let mut items = Vec::new();
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix(']').filter(|_| items.is_empty()) {
            return end_of_value(after).map(|_| Value::List(items));
        }
        let (item, after) = if rest.starts_with(['"', '\'']) {
            quoted(rest)?
        } else {
            let end = rest
                .find([',', ']'])
                .ok_or("de lijst mist een afsluitende ']'")?;
            (rest[..end].trim_end().to_string(), &rest[end..])
        };
        if item.is_empty() {
            return Err("lege waarde in de lijst".into());
        }
        items.push((line, item));
        let after = after.trim_start();
        if let Some(next) = after.strip_prefix(',') {
            rest = next;
        } else if let Some(tail) = after.strip_prefix(']') {
            return end_of_value(tail).map(|_| Value::List(items));
        } else {
            return Err("de lijst mist een afsluitende ']'".into());
        }
    }
}

/// A plain or quoted scalar; a plain one ends at a comment.
fn scalar(text: &str) -> Result<String, String> {
    if text.starts_with(['"', '\'']) {
        let (value, rest) = quoted(text)?;
        end_of_value(rest)?;
        return Ok(value);
    }
    let end = text
        .char_indices()
        .find(|&(i, c)| c == '#' && (i == 0 || text[..i].ends_with([' ', '\t'])))
        .map_or(text.len(), |(i, _)| i);
    let plain = text[..end].trim_end();
    if plain.starts_with(['[', ']', '{', '}', '&', '*', '!', '|', '>', '%', '@', '`']) {
        return Err(format!(
            "'{plain}' moet tussen aanhalingstekens (\"…\") staan"
        ));
    }
    Ok(plain.to_string())
}

/// A "double" (with \-escapes) or 'single' (with '' for ') quoted text,
/// and what follows its closing quote.
fn quoted(text: &str) -> Result<(String, &str), String> {
    let quote = text.chars().next().unwrap_or('"');
    let mut value = String::new();
    let mut chars = text.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        match (quote, c) {
            ('\'', '\'') if chars.peek().is_some_and(|&(_, n)| n == '\'') => {
                chars.next();
                value.push('\'');
            }
            ('"', '\\') => match chars.next().map(|(_, e)| e) {
                Some('"') => value.push('"'),
                Some('\\') => value.push('\\'),
                Some('n') => value.push('\n'),
                Some('t') => value.push('\t'),
                Some('/') => value.push('/'),
                other => {
                    let shown = other.map_or(String::new(), String::from);
                    return Err(format!(
                        "onbekende escape '\\{shown}' tussen aanhalingstekens"
                    ));
                }
            },
            (q, c) if c == q => return Ok((value, &text[i + c.len_utf8()..])),
            (_, c) => value.push(c),
        }
    }
    Err(format!("het aanhalingsteken {quote} wordt niet gesloten"))
}

/// After a complete value only a comment may follow.
fn end_of_value(rest: &str) -> Result<(), String> {
    let rest = rest.trim_start();
    if rest.is_empty() || rest.starts_with('#') {
        Ok(())
    } else {
        Err(format!("onverwachte tekst '{rest}' na de waarde"))
    }
}

/// `value` written so that `scalar` reads it back unchanged: plain when
/// that is unambiguous (also to other YAML readers), double-quoted
/// otherwise.
pub(super) fn write_scalar(value: &str) -> String {
    if is_plain_safe(value) {
        return value.to_string();
    }
    let mut out = String::from("\"");
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn is_plain_safe(value: &str) -> bool {
    let Some(first) = value.chars().next() else {
        return false;
    };
    let yaml_word = ["true", "false", "yes", "no", "on", "off", "null", "~"]
        .contains(&value.to_ascii_lowercase().as_str())
        || value.parse::<f64>().is_ok();
    !yaml_word
        && !"\"'[]{}#&*!|>%@`,?:-".contains(first)
        && value.trim() == value
        && !value.contains(": ")
        && !value.contains(" #")
        && !value.ends_with(':')
        && !value.chars().any(char::is_control)
}
