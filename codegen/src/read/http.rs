//! HTTP lines in code blocks: request lines, status lines, headers, bodies.
//! Shared by the text front-end (to find where a code block starts and ends)
//! and the extractor (to read it).

use std::sync::LazyLock;

use regex::Regex;

use super::scan;
use crate::ir::Header;

/// A relative target's first segment (`users/…`), `\w` being Unicode.
static TARGET_SEGMENT_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Za-z][\w.\-]*/").unwrap());
static STATUS_LINE_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^HTTP(?:/\d(?:\.\d)?|\s+code:)?\s+(\d{3})\b.*$").unwrap());
static ABSOLUTE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^https?://[^/\s]+(?:/(?:v1\.0|beta|\{version\}|\{api-version\}))?(/.*)?$").unwrap()
});

/// `METHOD target` → (method, target as written): the regex
/// `^(GET|…|OPTIONS)\s+((?:/|https?://|\{|\$|[A-Za-z][\w.\-]*/)\S*.*?)\s*$` on
/// the trimmed line, by hand but for the `name/` start. Every line of every
/// code block comes here.
pub fn request_line(line: &str) -> Option<(String, String)> {
    request_parts(line).map(|(m, t)| (m.to_string(), t.to_string()))
}

/// [`request_line`] without copying: (method, target as written).
pub fn request_parts(line: &str) -> Option<(&'static str, &str)> {
    let t = line.trim();
    if !matches!(t.as_bytes().first(), Some(b'G' | b'P' | b'D' | b'H' | b'O')) {
        return None;
    }
    const METHODS: [&str; 7] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
    let method = METHODS.iter().find(|m| t.starts_with(**m))?;
    let after = &t[method.len()..];
    let target = after.trim_start();
    // `\s+`; and `.` stops at a line break. The trimmed line ends in a
    // non-space, so the target is all the rest.
    if target.len() == after.len() || target.contains('\n') {
        return None;
    }
    let starts_right = target.starts_with(['/', '{', '$'])
        || target.starts_with("http://")
        || target.starts_with("https://")
        || (target.starts_with(|c: char| c.is_ascii_alphabetic())
            && TARGET_SEGMENT_RE.is_match(target));
    starts_right.then_some((*method, target))
}

/// `HTTP/1.1 200 OK` → 200.
pub fn status_line(line: &str) -> Option<u16> {
    let t = line.trim();
    if !t.starts_with("HTTP") {
        return None;
    }
    if !scan::plain(t) {
        let c = STATUS_LINE_RE.captures(t)?;
        return c[1].parse().ok();
    }
    ascii_status(t)?.parse().ok()
}

/// The status of `^HTTP(?:/\d(?:\.\d)?|\s+code:)?\s+(\d{3})\b.*$` on a plain
/// line, trying the optional parts in the order the regex does.
fn ascii_status(t: &str) -> Option<&str> {
    let r = t.strip_prefix("HTTP")?;
    let spaces = |r: &str| {
        r.len()
            - r.trim_start_matches(|c: char| scan::is_space(c as u8))
                .len()
    };
    let digit = |r: &str, i: usize| r.as_bytes().get(i).is_some_and(u8::is_ascii_digit);
    let mut starts = Vec::with_capacity(4);
    if r.starts_with('/') && digit(r, 1) {
        if r[2..].starts_with('.') && digit(r, 3) {
            starts.push(&r[4..]);
        }
        starts.push(&r[2..]);
    }
    let ws = spaces(r);
    if ws > 0 {
        if let Some(after) = r[ws..].strip_prefix("code:") {
            starts.push(after);
        }
    }
    starts.push(r);
    starts.into_iter().find_map(|r| {
        let ws = spaces(r);
        let code = r.get(ws..ws + 3)?;
        let boundary = !r.as_bytes().get(ws + 3).is_some_and(|&c| scan::is_word(c));
        (ws > 0 && code.bytes().all(|c| c.is_ascii_digit()) && boundary).then_some(code)
    })
}

/// `Name: value`, but not `https://…`. As `^([A-Za-z][A-Za-z0-9\-_]*)\s*:\s*(.*?)\s*$`
/// on the trimmed line, by hand: it runs on every line of every code block.
pub fn header_line(line: &str) -> Option<Header> {
    header_parts(line).map(|(name, value)| Header {
        name: name.to_string(),
        value: value.to_string(),
    })
}

/// [`header_line`] without copying: (name, value).
pub fn header_parts(line: &str) -> Option<(&str, &str)> {
    let t = line.trim();
    if !t.as_bytes().first()?.is_ascii_alphabetic() {
        return None;
    }
    let name_end = t
        .bytes()
        .position(|c| !(c.is_ascii_alphanumeric() || c == b'-' || c == b'_'))
        .unwrap_or(t.len());
    let value = t[name_end..].trim_start().strip_prefix(':')?.trim();
    // `.` stops at a line break, `\s` does not.
    if value.contains('\n') || value.starts_with("//") {
        return None;
    }
    Some((&t[..name_end], value))
}

/// A line that opens a JSON value.
pub fn json_start(line: &str) -> bool {
    let t = line.trim_start();
    match t.chars().next() {
        Some('{') => true,
        // `[` alone or followed by a value; not `[!INCLUDE …]` or `[link]`.
        Some('[') => {
            let rest = t[1..].trim_start();
            rest.is_empty()
                || rest.starts_with(['{', '"', '[', ']'])
                || rest.starts_with(|c: char| c.is_ascii_digit())
        }
        _ => false,
    }
}

/// The path of an HTTP request section line: the target up to the first space
/// outside braces, parentheses and quotes (so trailing notes go), host and
/// version removed from absolute URLs.
pub fn operation_path(target: &str) -> String {
    let mut depth = 0i32;
    let mut quote = false;
    let mut end = target.len();
    for (i, c) in target.char_indices() {
        match c {
            '\'' => quote = !quote,
            '{' | '(' | '[' if !quote => depth += 1,
            '}' | ')' | ']' if !quote => depth -= 1,
            c if c.is_whitespace() && depth <= 0 && !quote => {
                end = i;
                break;
            }
            _ => {}
        }
    }
    let path = &target[..end];
    // The regex is anchored at `http`: relative paths skip it.
    if !path.starts_with("http") {
        return path.to_string();
    }
    if let Some(c) = ABSOLUTE_RE.captures(path) {
        return c.get(1).map_or("/", |m| m.as_str()).to_string();
    }
    path.to_string()
}

/// A code block read as HTTP.
#[derive(Debug, Clone, PartialEq)]
pub enum HttpBlock {
    Request {
        method: String,
        url: String,
        headers: Vec<Header>,
        body: Option<String>,
        /// 0-based index of the request line in the block.
        offset: usize,
        /// 0-based index of the body's first line in the block.
        body_offset: usize,
    },
    Response {
        status: u16,
        headers: Vec<Header>,
        body: Option<String>,
        offset: usize,
        body_offset: usize,
    },
    /// A block that is only a JSON value.
    Json {
        body: String,
        offset: usize,
    },
    Other,
}

/// Whether an example carries a body: a request that sends one (`POST`,
/// `PUT`, `PATCH`) or a response that returns one (2xx but 204).
pub fn carries_body(method: Option<&str>, status: Option<u16>) -> bool {
    match (method, status) {
        (Some(method), _) => matches!(method, "POST" | "PUT" | "PATCH"),
        (None, Some(status)) => (200..300).contains(&status) && status != 204,
        _ => false,
    }
}

/// The media type of a body that an example's headers declare and that is not
/// JSON (`text/plain`, `multipart/form-data; boundary=…`), lower case: their
/// last `Content-Type`, when there is one and none of them is JSON.
pub fn non_json_media<'a>(headers: impl IntoIterator<Item = (&'a str, &'a str)>) -> Option<String> {
    let mut media = None;
    for (name, value) in headers {
        if name.eq_ignore_ascii_case("content-type") {
            if scan::contains_ci(value, "json") {
                return None;
            }
            media = Some(value.to_lowercase());
        }
    }
    media
}

/// Whether a paragraph just below an example whose headers declare a body that
/// is not JSON is that body rather than the page's prose: a number (`893` for
/// a `$count`), a `<placeholder>`, `[placeholder]` or `(placeholder)`, a
/// comma-separated line without sentence spaces (a CSV header), or lines of
/// base64 (16 characters or more, so not a one-word heading; perhaps ending in `...`).
pub fn reads_as_other_body(paragraph: &[&str]) -> bool {
    let Some(first) = paragraph.first().map(|l| l.trim()) else {
        return false;
    };
    let bracketed = |open: char, close: char| first.starts_with(open) && first.ends_with(close);
    let csv = paragraph.len() == 1
        && first.contains(',')
        && !first.contains(", ")
        && !first.ends_with('.');
    let base64 = paragraph.iter().all(|l| {
        // `Q29udGVudC1UeXBl...`: base64 cut short for the page.
        let l = l.trim();
        let l = l
            .strip_suffix("...")
            .or_else(|| l.strip_suffix('…'))
            .unwrap_or(l);
        l.len() >= 16
            && l.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b))
    });
    first.parse::<f64>().is_ok()
        || bracketed('<', '>')
        || bracketed('[', ']')
        || bracketed('(', ')')
        || csv
        || base64
}

/// Reads a code block: first meaningful line decides what it is.
pub fn parse_block(text: &str) -> HttpBlock {
    let lines: Vec<&str> = scan::lines(text).collect();
    // `lines[k..].join("\n").trim()`: a slice of `text` when its line breaks are all `\n`.
    let crlf = text.contains('\r');
    let from = |k: usize| -> String {
        match (lines.get(k), lines.last()) {
            (Some(first), Some(last)) if !crlf => {
                let start = first.as_ptr() as usize - text.as_ptr() as usize;
                let end = last.as_ptr() as usize - text.as_ptr() as usize + last.len();
                text[start..end].trim().to_string()
            }
            _ => lines
                .get(k..)
                .map(|r| r.join("\n"))
                .unwrap_or_default()
                .trim()
                .to_string(),
        }
    };
    let Some(first) = lines.iter().position(|l| !l.trim().is_empty()) else {
        return HttpBlock::Other;
    };
    let head = lines[first];
    if json_start(head) {
        return HttpBlock::Json {
            body: from(first),
            offset: first,
        };
    }
    let request = request_line(head);
    let status = if request.is_none() {
        status_line(head)
    } else {
        None
    };
    if request.is_none() && status.is_none() {
        // Prose or a malformed status line above a JSON body: the body still counts
        // (the text form reads those lines as paragraphs and the JSON as a block).
        if let Some(j) = (first..lines.len()).find(|&k| json_start(lines[k])) {
            return HttpBlock::Json {
                body: from(j),
                offset: j,
            };
        }
        return HttpBlock::Other;
    }
    let mut headers = Vec::new();
    let mut i = first + 1;
    // Some examples leave a blank line between the request line and its headers.
    if let Some(h) = lines[i.min(lines.len())..]
        .iter()
        .position(|l| !l.trim().is_empty())
    {
        if header_parts(lines[i + h]).is_some() {
            i += h;
        }
    }
    while i < lines.len() {
        let l = lines[i];
        if l.trim().is_empty() || json_start(l) {
            break;
        }
        match header_line(l) {
            Some(h) => headers.push(h),
            None => break,
        }
        i += 1;
    }
    let body = Some(from(i)).filter(|b| !b.is_empty());
    let body_offset = (i..lines.len())
        .find(|&k| !lines[k].trim().is_empty())
        .unwrap_or(i);
    match (request, status) {
        (Some((method, url)), _) => HttpBlock::Request {
            method,
            url,
            headers,
            body,
            offset: first,
            body_offset,
        },
        (None, Some(status)) => HttpBlock::Response {
            status,
            headers,
            body,
            offset: first,
            body_offset,
        },
        (None, None) => HttpBlock::Other,
    }
}

/// Bracket depth of a JSON value read line by line, strings skipped.
pub struct Balance {
    depth: i64,
    in_string: bool,
    /// Strings may run over lines (pasted policies); else a quote left open
    /// is a typo that ends at its line.
    multiline: bool,
}

impl Balance {
    pub fn new(multiline: bool) -> Self {
        Balance {
            depth: 0,
            in_string: false,
            multiline,
        }
    }

    /// Reads one line; true when the value closes on it.
    pub fn feed(&mut self, line: &str) -> bool {
        let mut escaped = false;
        for c in line.chars() {
            if self.in_string {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '"' {
                    self.in_string = false;
                }
                continue;
            }
            match c {
                '"' => self.in_string = true,
                '{' | '[' => self.depth += 1,
                '}' | ']' => {
                    self.depth -= 1;
                    if self.depth <= 0 {
                        return true;
                    }
                }
                _ => {}
            }
        }
        if !self.multiline {
            self.in_string = false;
        }
        false
    }
}

/// Splits a code block where a request or status line follows a blank line:
/// one block showing several requests is several examples (as in the text
/// form, which cannot tell one block from two). Yields (line offset, text):
/// slices of `text` whose lines are the segment's lines.
pub fn segments(text: &str) -> Vec<(usize, &str)> {
    let offset = |l: &str| l.as_ptr() as usize - text.as_ptr() as usize;
    // (line, byte where its segment starts, byte where the segment before ends).
    let mut starts: Vec<(usize, usize, usize)> = Vec::new();
    let mut prev: Option<&str> = None;
    for (k, l) in scan::lines(text).enumerate() {
        if let Some(p) = prev {
            // Request and status lines start with one of these.
            let lead = l.trim_start().as_bytes().first();
            let head = matches!(lead, Some(b'G' | b'P' | b'D' | b'H' | b'O'))
                && (request_parts(l).is_some() || status_line(l).is_some());
            if head && p.trim().is_empty() && !l.starts_with(char::is_whitespace) {
                starts.push((k, offset(l), offset(p) + p.len()));
            }
        }
        prev = Some(l);
    }
    let text_end = prev.map_or(0, |p| offset(p) + p.len());
    let mut out = Vec::with_capacity(starts.len() + 1);
    let mut from = (0, 0);
    for &(k, start, prev_end) in &starts {
        out.push((from.0, &text[from.1..prev_end]));
        from = (k, start);
    }
    out.push((from.0, &text[from.1..text_end.max(from.1)]));
    out
}

/// Finds where a JSON value that starts at `lines[start]` ends (inclusive), by
/// balancing brackets outside strings. `None` when it does not close.
#[cfg(test)]
fn json_end(lines: &[&str], start: usize) -> Option<usize> {
    [true, false].into_iter().find_map(|multiline| {
        let mut b = Balance::new(multiline);
        (start..lines.len()).find(|&i| b.feed(lines[i]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines() {
        assert_eq!(
            request_line("GET /users/{id | userPrincipalName}"),
            Some(("GET".into(), "/users/{id | userPrincipalName}".into()))
        );
        assert_eq!(status_line("HTTP/1.1 204 No Content"), Some(204));
        assert!(header_line("https://graph.microsoft.com/v1.0/me").is_none());
        assert!(json_start("{"));
        assert!(!json_start("[!INCLUDE [x](y.md)]"));
    }

    #[test]
    fn status_scan_matches_the_regex() {
        let heads = [
            "HTTP",
            "HTTP/1.1",
            "HTTP/1",
            "HTTP/11",
            "HTTP/2.",
            "HTTP code:",
            "HTTP  code:",
            "HTTPcode:",
            "HTTP/1.1code:",
        ];
        let tails = ["", " ", "  ", "\t"];
        let codes = [
            "200",
            "20",
            "2000",
            "204 No Content",
            "200OK",
            "200-x",
            "abc",
            "200_",
        ];
        for h in heads {
            for w in tails {
                for c in codes {
                    let t = format!("{h}{w}{c}");
                    let by_regex = STATUS_LINE_RE
                        .captures(&t)
                        .map(|c| c.get(1).unwrap().as_str());
                    assert_eq!(ascii_status(&t), by_regex, "{t:?}");
                }
            }
        }
    }

    #[test]
    fn paths() {
        assert_eq!(
            operation_path("/users/{id | userPrincipalName}"),
            "/users/{id | userPrincipalName}"
        );
        assert_eq!(
            operation_path("/reports/getEmailActivityCounts(period='{period_value}')"),
            "/reports/getEmailActivityCounts(period='{period_value}')"
        );
        assert_eq!(
            operation_path("/me/photo/$value  (see note)"),
            "/me/photo/$value"
        );
        assert_eq!(
            operation_path("https://graph.microsoft.com/v1.0/me/events"),
            "/me/events"
        );
    }

    #[test]
    fn blocks() {
        let b = parse_block("PATCH https://x/y\nContent-Type: application/json\n\n{\n \"a\": 1\n}");
        match b {
            HttpBlock::Request {
                method,
                headers,
                body,
                ..
            } => {
                assert_eq!(method, "PATCH");
                assert_eq!(headers.len(), 1);
                assert_eq!(body.as_deref(), Some("{\n \"a\": 1\n}"));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            parse_block("HTTP/1.1 204 No Content"),
            HttpBlock::Response { status: 204, .. }
        ));
        assert_eq!(
            segments("GET /a\n\nGET /b\nAccept: x\n\n{}")
                .iter()
                .map(|(o, _)| *o)
                .collect::<Vec<_>>(),
            [0, 2]
        );
        assert!(matches!(
            parse_block("HTTP code: 200 OK\n\n{}"),
            HttpBlock::Response { status: 200, .. }
        ));
        assert!(matches!(
            parse_block("Status: fine\n\n{\"a\": 1}"),
            HttpBlock::Json { offset: 2, .. }
        ));
        let lines = ["{", " \"a\": \"}\",", " \"b\": [1]", "}", "after"];
        match parse_block("POST /x\n\nContent-type: application/json\n\n{}") {
            HttpBlock::Request { headers, body, .. } => {
                assert_eq!(headers.len(), 1);
                assert_eq!(body.as_deref(), Some("{}"));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(json_end(&lines, 0), Some(3));
        let multiline = ["{", " \"a\": \"x {", " y\"", "}", "after"];
        assert_eq!(json_end(&multiline, 0), Some(3));
        let typo = ["{", " \"a: 1,", " \"b\": 2", "}", "after"];
        assert_eq!(json_end(&typo, 0), Some(3));
    }
}
