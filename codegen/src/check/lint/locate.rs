//! Finding the exact spot on a page: the IR keeps the line of a table row or an
//! example, not the column of a word in it, nor the line of a key inside an
//! example body. These helpers look at the page text to point at the right place.

use std::collections::BTreeMap;
use std::sync::Arc;

/// A step into a JSON value: an object key or an array index.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// A place on a page: 1-based line, 1-based character column, width in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spot {
    pub line: usize,
    pub column: usize,
    pub len: usize,
}

/// Page texts by file, read once; a page whose file is gone (an IR dump from
/// elsewhere) has no text and findings keep the IR's line.
#[derive(Default)]
pub struct Sources {
    files: BTreeMap<String, Option<Arc<Vec<String>>>>,
}

impl Sources {
    pub fn lines(&mut self, file: &str) -> Option<Arc<Vec<String>>> {
        self.files
            .entry(file.to_string())
            .or_insert_with(|| {
                let bytes = std::fs::read(file).ok()?;
                let text = String::from_utf8_lossy(&bytes);
                Some(Arc::new(text.lines().map(str::to_string).collect()))
            })
            .clone()
    }

    /// The text of one line (1-based), when the file can be read.
    pub fn line(&mut self, file: &str, line: usize) -> Option<String> {
        let lines = self.lines(file)?;
        line.checked_sub(1).and_then(|i| lines.get(i)).cloned()
    }
}

/// The spot of `needle` on `line` (case-insensitively), or the whole line's text
/// when the needle is not there.
pub fn spot_in_line(text: Option<&str>, line: usize, needle: &str) -> Spot {
    let Some(text) = text else {
        return Spot {
            line,
            column: 1,
            len: 0,
        };
    };
    if !needle.is_empty() {
        let hay = text.to_lowercase();
        let pin = needle.to_lowercase();
        // Lower-casing can change byte lengths outside ASCII: only a match that
        // is also a boundary of the original text is trusted.
        if hay.len() == text.len() {
            if let Some(before) = find_word(&hay, &pin).and_then(|byte| text.get(..byte)) {
                return Spot {
                    line,
                    column: before.chars().count() + 1,
                    len: needle.chars().count(),
                };
            }
        }
    }
    whole_line(text, line)
}

/// The first match of `pin` in `hay` not inside a longer identifier.
fn find_word(hay: &str, pin: &str) -> Option<usize> {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut fallback = None;
    for (i, _) in hay.match_indices(pin) {
        let before = hay[..i].chars().next_back();
        let after = hay[i + pin.len()..].chars().next();
        if !before.is_some_and(ident) && !after.is_some_and(ident) {
            return Some(i);
        }
        fallback.get_or_insert(i);
    }
    fallback
}

/// The line without its indentation.
pub fn whole_line(text: &str, line: usize) -> Spot {
    let indent = text.chars().take_while(|c| c.is_whitespace()).count();
    let len = text.trim().chars().count();
    Spot {
        line,
        column: indent + 1,
        len,
    }
}

/// Where each key of a JSON example body sits on the page.
#[derive(Debug, Default)]
pub struct KeyMap {
    keys: BTreeMap<Vec<Seg>, Spot>,
    /// Spots by bare key name, for when the parsed value and the text disagree
    /// about array positions (bodies with `...` elements).
    by_name: BTreeMap<String, Spot>,
    /// Where the body starts.
    pub start: Option<Spot>,
}

impl KeyMap {
    /// The spot of the key at `path`; failing that, the first key of that name.
    pub fn find(&self, path: &[Seg]) -> Option<Spot> {
        if let Some(s) = self.keys.get(path) {
            return Some(*s);
        }
        match path.last()? {
            Seg::Key(k) => self.by_name.get(k).copied(),
            Seg::Index(_) => None,
        }
    }
}

/// Scan the JSON body that starts at or after `from_line` (1-based): the first
/// line whose text starts with `{` or `[`, up to where its brackets close.
/// Tolerant of what the docs put in bodies (`...`, comments, stray text).
pub fn scan_body(lines: &[String], from_line: usize) -> KeyMap {
    let mut map = KeyMap::default();
    let Some(start) = (from_line.max(1) - 1..lines.len().min(from_line.saturating_add(60)))
        .find(|&i| matches!(lines[i].trim_start().chars().next(), Some('{' | '[')))
    else {
        return map;
    };
    map.start = Some(whole_line(&lines[start], start + 1));
    let mut scanner = Scanner::default();
    // Bodies run to a few hundred lines; a cap keeps a broken one from reading the page.
    for (i, text) in lines.iter().enumerate().skip(start).take(3000) {
        if i > start && text.trim_start().starts_with("```") {
            break;
        }
        if scanner.line(text, i + 1, &mut map) {
            break;
        }
    }
    map
}

enum Frame {
    Object {
        key: Option<String>,
        expect_key: bool,
    },
    Array {
        index: usize,
    },
}

#[derive(Default)]
struct Scanner {
    stack: Vec<Frame>,
    /// Path of the innermost container.
    path: Vec<Seg>,
    /// A string just read at a key position: (text, spot), confirmed by a `:`.
    pending: Option<(String, Spot)>,
    started: bool,
}

impl Scanner {
    /// Feed one line; true when the outermost container has closed.
    fn line(&mut self, text: &str, line: usize, map: &mut KeyMap) -> bool {
        let chars: Vec<char> = text.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            match c {
                '"' => {
                    let start = i;
                    let mut s = String::new();
                    i += 1;
                    while i < chars.len() && chars[i] != '"' {
                        if chars[i] == '\\' && i + 1 < chars.len() {
                            i += 1;
                        }
                        s.push(chars[i]);
                        i += 1;
                    }
                    let at_key = matches!(
                        self.stack.last(),
                        Some(Frame::Object {
                            expect_key: true,
                            ..
                        })
                    );
                    if at_key {
                        let len = i.min(chars.len() - 1) + 1 - start;
                        self.pending = Some((
                            s,
                            Spot {
                                line,
                                column: start + 1,
                                len,
                            },
                        ));
                    }
                }
                ':' => {
                    if let Some((key, spot)) = self.pending.take() {
                        let mut path = self.path.clone();
                        path.push(Seg::Key(key.clone()));
                        map.keys.entry(path).or_insert(spot);
                        map.by_name.entry(key.clone()).or_insert(spot);
                        if let Some(Frame::Object { key: k, expect_key }) = self.stack.last_mut() {
                            *k = Some(key);
                            *expect_key = false;
                        }
                    }
                }
                '{' | '[' => {
                    if self.started {
                        let seg = match self.stack.last() {
                            Some(Frame::Object { key: Some(k), .. }) => Seg::Key(k.clone()),
                            Some(Frame::Array { index }) => Seg::Index(*index),
                            _ => Seg::Key(String::new()),
                        };
                        self.path.push(seg);
                    }
                    self.started = true;
                    self.stack.push(if c == '{' {
                        Frame::Object {
                            key: None,
                            expect_key: true,
                        }
                    } else {
                        Frame::Array { index: 0 }
                    });
                }
                '}' | ']' => {
                    self.stack.pop();
                    if self.stack.is_empty() {
                        return self.started;
                    }
                    self.path.pop();
                }
                ',' => match self.stack.last_mut() {
                    Some(Frame::Object { key, expect_key }) => {
                        *key = None;
                        *expect_key = true;
                    }
                    Some(Frame::Array { index }) => *index += 1,
                    None => {}
                },
                '/' if chars.get(i + 1) == Some(&'/') => break, // a comment to the end of the line
                _ => {}
            }
            i += 1;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_string).collect()
    }

    #[test]
    fn keys_are_found_by_path_through_objects_and_arrays() {
        let page = lines(
            "HTTP/1.1 200 OK\nContent-type: application/json\n\n{\n  \"value\": [\n    {\"id\": \"1\", \"a\": {\"b\": true}},\n    {\n      \"id\": \"2\", // the second\n      \"c\": [1, 2]\n    },\n    ...\n  ]\n}\n```\n\"after\": 1",
        );
        let map = scan_body(&page, 1);
        let key = |s: &str| Seg::Key(s.into());
        assert_eq!(map.start.map(|s| s.line), Some(4));
        assert_eq!(
            map.find(&[key("value"), Seg::Index(0), key("a"), key("b")]),
            Some(Spot {
                line: 6,
                column: 23,
                len: 3
            })
        );
        assert_eq!(
            map.find(&[key("value"), Seg::Index(1), key("id")]),
            Some(Spot {
                line: 8,
                column: 7,
                len: 4
            })
        );
        assert_eq!(
            map.find(&[key("value"), Seg::Index(1), key("c")])
                .map(|s| s.line),
            Some(9)
        );
        // Text after the closing bracket is not part of the body.
        assert_eq!(map.find(&[key("after")]), None);
        // A path the text does not have falls back to the first key of that name.
        assert_eq!(
            map.find(&[key("value"), Seg::Index(7), key("id")])
                .map(|s| s.line),
            Some(6)
        );
    }

    #[test]
    fn needles_are_found_as_words() {
        let s = spot_in_line(Some("| id | String | The user id. |"), 12, "id");
        assert_eq!(
            s,
            Spot {
                line: 12,
                column: 3,
                len: 2
            }
        );
        let s = spot_in_line(Some("  no match here"), 3, "zzz");
        assert_eq!(
            s,
            Spot {
                line: 3,
                column: 3,
                len: 13
            }
        );
        assert_eq!(
            spot_in_line(None, 9, "x"),
            Spot {
                line: 9,
                column: 1,
                len: 0
            }
        );
    }
}
