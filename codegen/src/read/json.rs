//! JSON example bodies: strict first, then a lenient pass for the shapes the
//! reference uses on purpose (`...` elisions, `//` comments, trailing commas).

use serde_json::Value;

/// How a body was read.
#[derive(Debug, Clone, PartialEq)]
pub enum Parsed {
    /// Valid JSON as written.
    Strict(Value),
    /// JSON once comments, `...` elisions or trailing commas were removed.
    Lenient(Value),
    /// Not JSON; the error of the strict parse.
    Invalid(String),
}

pub fn parse_body(text: &str) -> Parsed {
    let text = text.trim();
    match serde_json::from_str::<Value>(text) {
        Ok(v) => Parsed::Strict(v),
        Err(strict_err) => {
            // Strings that run over lines (pasted policies, scripts) first; then
            // a quote left open is taken to end at its line.
            for multiline in [true, false] {
                if let Ok(v) = serde_json::from_str::<Value>(&clean(text, multiline)) {
                    return Parsed::Lenient(v);
                }
            }
            let cleaned = clean(text, false);
            // A value followed by text that is not JSON (a stray request line,
            // a second example): the first value is the body.
            let mut values = serde_json::Deserializer::from_str(&cleaned).into_iter::<Value>();
            match values.next() {
                Some(Ok(v)) if v.is_object() || v.is_array() => Parsed::Lenient(v),
                _ => Parsed::Invalid(strict_err.to_string()),
            }
        }
    }
}

/// Removes, outside strings: `//` and `/* */` comments, `...`/`…` elisions, and
/// the commas those removals leave dangling. With `multiline`, a line break
/// inside a string is escaped; without, it ends the string.
pub fn clean(text: &str, multiline: bool) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut in_string = false;
    while i < chars.len() {
        let c = chars[i];
        if in_string {
            match c {
                '\n' | '\r' | '\t' if multiline => out.push_str(match c {
                    '\n' => "\\n",
                    '\r' => "\\r",
                    _ => "\\t",
                }),
                '\\' if i + 1 < chars.len() => {
                    out.push(c);
                    out.push(chars[i + 1]);
                    i += 2;
                    continue;
                }
                '"' | '\n' => {
                    out.push(c);
                    in_string = false;
                }
                _ => out.push(c),
            }
            i += 1;
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
                i += 1;
            }
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '/' if chars.get(i + 1) == Some(&'*') => {
                i += 2;
                while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                    i += 1;
                }
                i += 2;
            }
            '#' if at_line_start(&out) => {
                // `# comment` lines, seen in a few examples.
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '.' if chars.get(i + 1) == Some(&'.') => {
                while i < chars.len() && chars[i] == '.' {
                    i += 1;
                }
            }
            '…' => {
                i += 1;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    fix_commas(&out)
}

fn at_line_start(out: &str) -> bool {
    out.rsplit('\n').next().is_none_or(|l| l.trim().is_empty())
}

/// Drops commas that precede `}`/`]`, follow `{`/`[`, or repeat; and inserts
/// nothing else. Works outside strings only.
fn fix_commas(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    let mut in_string = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if in_string {
            out.push(c);
            if c == '\\' && i + 1 < chars.len() {
                out.push(chars[i + 1]);
                i += 2;
                continue;
            }
            if c == '"' {
                in_string = false;
            }
            i += 1;
            continue;
        }
        if c == '"' {
            in_string = true;
            out.push(c);
            i += 1;
            continue;
        }
        if c == ',' {
            let prev = out.iter().rev().find(|ch| !ch.is_whitespace()).copied();
            let next = chars[i + 1..]
                .iter()
                .find(|ch| !ch.is_whitespace())
                .copied();
            let dangling = matches!(prev, None | Some('{') | Some('[') | Some(','))
                || matches!(next, None | Some('}') | Some(']') | Some(','));
            if dangling {
                i += 1;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn strict_and_lenient() {
        assert_eq!(parse_body(r#"{"a": 1}"#), Parsed::Strict(json!({"a": 1})));
        let truncated = "{\n  \"value\": [\n    {\"id\": \"1\"},\n    ...\n  ],\n  // more\n  \"b\": \"http://x//y\",\n}";
        assert_eq!(
            parse_body(truncated),
            Parsed::Lenient(json!({"value": [{"id": "1"}], "b": "http://x//y"}))
        );
        assert_eq!(
            parse_body("{ \"a\": [...] }"),
            Parsed::Lenient(json!({"a": []}))
        );
        assert_eq!(
            parse_body("{ \"a\": \"x\", …\n}"),
            Parsed::Lenient(json!({"a": "x"}))
        );
        assert!(matches!(parse_body("{ \"a\": }"), Parsed::Invalid(_)));
        assert!(matches!(parse_body("not json"), Parsed::Invalid(_)));
        assert_eq!(
            parse_body("{\"a\": \"line one\n  line two\"}"),
            Parsed::Lenient(json!({"a": "line one\n  line two"}))
        );
        assert_eq!(
            parse_body("{\"a\": 1}\n\nPATCH /x/{id}"),
            Parsed::Lenient(json!({"a": 1}))
        );
    }
}
