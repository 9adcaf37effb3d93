//! The text front-end: the published page's plain lines → blocks.
//!
//! The published text has no markup: the first line is the title, known
//! section names stand alone on their lines, a table is a known header row
//! followed by its rows (cells joined by single spaces), and code blocks are
//! HTTP request/status lines, headers and JSON bodies as written.

use super::blocks::{Block, Doc, Row};
use super::extract::is_permission_name;
use super::http;
use super::scan;
use super::schema::{self, Col, HeadingKind, Schema, Section};
use super::typeref;
use crate::ir::Form;

fn blank(line: &str) -> bool {
    line.trim().is_empty()
}

fn squash(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reads a published-text page into blocks.
pub fn parse(text: &str) -> Doc<'static> {
    let lines: Vec<&str> = text
        .trim_start_matches('\u{feff}')
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let mut blocks = Vec::new();
    let n = lines.len();
    let mut i = 0;
    while i < n && blank(lines[i]) {
        i += 1;
    }
    // The section being read: it can say what a table's columns hold.
    let mut section: Option<Section> = None;
    // A page without a title starts with its namespace line.
    if i < n && !lines[i].trim_start().starts_with("Namespace:") {
        let mut title = squash(lines[i]);
        if let Some((_, meant)) = super::blocks::unspaced_title(&title) {
            title = meant.to_string();
        }
        // A page of enums whose markdown has no `#` title (older enums.md: the
        // title is only in the front matter) starts with its first enum's
        // `x values` heading: that heading is the first enum's too, as it is
        // each other's.
        let enum_section = |line: &str| match schema::classify_heading(line.trim()) {
            Some(HeadingKind::Section(s @ Section::EnumValues(_))) => Some(s),
            _ => None,
        };
        let first_enum = enum_section(lines[i])
            .filter(|_| lines[i + 1..].iter().any(|l| enum_section(l).is_some()));
        blocks.push(Block::Heading {
            level: 1,
            text: title.clone().into(),
            line: i + 1,
        });
        if first_enum.is_some() {
            section = first_enum;
            blocks.push(Block::Heading {
                level: 3,
                text: title.into(),
                line: i + 1,
            });
        }
        i += 1;
    }
    while i < n {
        let line = lines[i];
        if blank(line) {
            i += 1;
            continue;
        }
        let trimmed = line.trim();
        if let Some((header, schema)) = schema::header_line(trimmed) {
            let schema = schema::in_section(schema, section.as_ref());
            let mut j = i + 1;
            let mut rows = Vec::new();
            while j < n && !blank(lines[j]) {
                let cells = split_row(lines[j], &schema)
                    .or_else(|| name_and_rest(lines[j], &schema))
                    .unwrap_or_else(|| vec![squash(lines[j])]);
                rows.push(Row {
                    cells: cells.into_iter().map(Into::into).collect(),
                    line: j + 1,
                });
                j += 1;
            }
            // A one-word header alone on its line ("Value", "Member") is a table only with rows.
            if !rows.is_empty() || schema.cols.len() > 1 {
                blocks.push(Block::Table {
                    header: header.into_iter().map(Into::into).collect(),
                    rows,
                    line: i + 1,
                });
                i = j;
                continue;
            }
        }
        if let Some(end) = code_end(&lines, i) {
            blocks.push(Block::Code {
                info: "".into(),
                text: lines[i..=end].join("\n").into(),
                line: i + 1,
                annotation: None,
            });
            i = end + 1;
            continue;
        }
        let standalone = (i == 0 || blank(lines[i - 1])) && (i + 1 >= n || blank(lines[i + 1]));
        // Only where tables are read: elsewhere a run of lines stays prose.
        let unknown_table = section
            .as_ref()
            .filter(|s| s.reads_tables())
            .and_then(|_| unknown_table_end(&lines, i));
        if let Some(end) = unknown_table {
            // Whole lines as cells: the extractor reports the table where it
            // reads tables, as it does a markdown table with this header.
            let row = |j: usize| Row {
                cells: vec![squash(lines[j]).into()],
                line: j + 1,
            };
            blocks.push(Block::Table {
                header: vec![squash(trimmed).into()],
                rows: (i + 1..=end).map(row).collect(),
                line: i + 1,
            });
            i = end + 1;
            continue;
        }
        if standalone && trimmed.len() <= 160 {
            if let Some(kind) = schema::classify_heading(trimmed) {
                section = match &kind {
                    HeadingKind::Section(s) => Some(s.clone()),
                    _ => Some(Section::Examples),
                };
                let level = match kind {
                    HeadingKind::Section(_) => 2,
                    HeadingKind::Example
                    | HeadingKind::ExampleRequest
                    | HeadingKind::ExampleResponse => 3,
                };
                blocks.push(Block::Heading {
                    level,
                    text: squash(trimmed).into(),
                    line: i + 1,
                });
                i += 1;
                continue;
            }
        }
        blocks.push(Block::Paragraph {
            text: squash(trimmed).into(),
            line: i + 1,
        });
        i += 1;
    }
    Doc {
        form: Form::Text,
        front_matter: None,
        blocks,
        diagnostics: Vec::new(),
    }
}

/// A `Name Value` row whose value is no number (`Authorization Bearer
/// {token}. Required.` in a request headers table): a name and the rest, as
/// the markdown's two cells would be.
fn name_and_rest(line: &str, schema: &Schema) -> Option<Vec<String>> {
    if schema.cols != [Col::Name, Col::Int] {
        return None;
    }
    let rest = Schema {
        cols: &[Col::Name, Col::Rest],
        ..*schema
    };
    split_row(line, &rest)
}

/// When `lines[start]` heads a table the reader does not know: the index of
/// its last row. The published text stands every paragraph, heading and list
/// item alone between blank lines; only tables and code run on (code is
/// taken before this), so a run of lines under a short line that reads like
/// a header row, not a sentence, is a table.
fn unknown_table_end(lines: &[&str], start: usize) -> Option<usize> {
    let opens_run =
        (start == 0 || blank(lines[start - 1])) && lines.get(start + 1).is_some_and(|l| !blank(l));
    let header = lines[start].trim();
    // Not a sentence, and not a piece of code (`"definition": [`).
    let header_like = header.len() <= 120
        && header.starts_with(|c: char| c.is_alphabetic())
        && !header.contains(['"', '{', '[', '=', '<'])
        && !header.ends_with(['.', ':', ',', ';', '!', '?']);
    // A section heading run into what follows it is not a table's header.
    if !opens_run || !header_like || schema::classify_heading(header).is_some() {
        return None;
    }
    // The rows end at a blank line, or where a known table or a code block starts.
    let rows = (start + 1..lines.len())
        .take_while(|&k| {
            !blank(lines[k])
                && schema::header_line(lines[k].trim()).is_none()
                && code_end(lines, k).is_none()
        })
        .count();
    (rows > 0).then_some(start + rows)
}

/// When a code block starts at `lines[start]`: the index of its last line.
fn code_end(lines: &[&str], start: usize) -> Option<usize> {
    let first = lines[start];
    if http::json_start(first) {
        return Some(json_block_end(lines, start));
    }
    let request = http::request_parts(first);
    let status = http::status_line(first);
    if request.is_none() && status.is_none() {
        return None;
    }
    let mut j = start + 1;
    // Some examples leave a blank line between the request line and its headers.
    let mut k = j;
    while k < lines.len() && blank(lines[k]) {
        k += 1;
    }
    if k > j && k < lines.len() && http::header_parts(lines[k]).is_some() {
        j = k;
    }
    let headers_from = j;
    while j < lines.len() && !blank(lines[j]) {
        if http::json_start(lines[j]) {
            return Some(json_block_end(lines, j));
        }
        j += 1;
    }
    let last = j - 1;
    let headers = || {
        lines[headers_from..j]
            .iter()
            .filter_map(|l| http::header_parts(l))
    };
    let has_json_header = headers().any(|(name, value)| {
        name.eq_ignore_ascii_case("content-type") && scan::contains_ci(value, "json")
    });
    // A body that is not JSON; else, as below, JSON after all (some pages
    // declare `text/plain` and send JSON) or none.
    // `Content-Length: 26` and no Content-Type: bytes follow (an upload's fragment).
    let sized_bytes = || {
        let typed = headers().any(|(name, _)| name.eq_ignore_ascii_case("content-type"));
        let sized = headers().any(|(name, value)| {
            name.eq_ignore_ascii_case("content-length")
                && value.trim().parse::<u64>().is_ok_and(|n| n > 0)
        });
        (sized && !typed).then(String::new)
    };
    if let Some(media) = http::non_json_media(headers()).or_else(sized_bytes) {
        if let Some(end) = other_body_end(lines, j, &media, request.map(|r| r.0), status) {
            return Some(end);
        }
    }
    // The body follows a blank line. Only a request or response that can carry
    // one takes the JSON below it; otherwise it is a block of its own.
    let may_have_body = has_json_header
        || match (&request, status) {
            (Some((method, _)), _) => matches!(*method, "POST" | "PATCH" | "PUT"),
            (None, Some(_)) => true,
            _ => false,
        };
    if !may_have_body {
        return Some(last);
    }
    let mut k = j;
    while k < lines.len() && blank(lines[k]) {
        k += 1;
    }
    if k < lines.len() && http::json_start(lines[k]) {
        return Some(json_block_end(lines, k));
    }
    Some(last)
}

/// The last line of a body that is not JSON, below the headers that end before
/// `after` and declare its media type, when the request or response carries
/// one ([`http::carries_body`]): the paragraph after the blank line when it
/// reads as a body ([`http::reads_as_other_body`]), or for
/// `multipart/…; boundary=B` every line up to the closing `--B--`. `None` when
/// nothing below reads as a body: a line of prose or a heading of the page.
fn other_body_end(
    lines: &[&str],
    after: usize,
    media: &str,
    method: Option<&str>,
    status: Option<u16>,
) -> Option<usize> {
    if !http::carries_body(method, status) || after >= lines.len() || !blank(lines[after]) {
        return None;
    }
    let first = (after..lines.len()).find(|&k| !blank(lines[k]))?;
    if let Some(boundary) = media.split("boundary=").nth(1) {
        let boundary = boundary
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .trim_matches('"');
        let opens = lines[first]
            .trim()
            .eq_ignore_ascii_case(&format!("--{boundary}"));
        if boundary.is_empty() || !opens {
            return None;
        }
        let close = format!("--{boundary}--");
        return (first..lines.len()).find(|&k| lines[k].trim().eq_ignore_ascii_case(&close));
    }
    let end = (first..lines.len())
        .find(|&k| blank(lines[k]))
        .unwrap_or(lines.len())
        - 1;
    http::reads_as_other_body(&lines[first..=end]).then_some(end)
}

/// No example body is longer; it bounds the work on a page of unclosed brackets.
const MAX_JSON_LINES: usize = 20_000;

/// Where a JSON value starting at `start` ends: where its brackets balance; if
/// they never do (a truncated example), before the first blank line that is
/// followed by a line that cannot be JSON. One pass over the block per try.
fn json_block_end(lines: &[&str], start: usize) -> usize {
    let limit = lines.len().min(start + MAX_JSON_LINES);
    let mut boundary = start;
    for multiline in [true, false] {
        let mut balance = http::Balance::new(multiline);
        let mut k = start;
        while k < limit {
            if blank(lines[k]) {
                match (k..limit).find(|&m| !blank(lines[m])) {
                    Some(m) if json_like(lines[m]) => k = m,
                    _ => break,
                }
                continue;
            }
            if balance.feed(lines[k]) {
                return k;
            }
            boundary = k;
            k += 1;
        }
    }
    boundary
}

fn json_like(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with(['{', '}', '[', ']', '"', ',', '.', '…', '/'])
        || t.starts_with(|c: char| c.is_ascii_digit())
        || ["true", "false", "null"].iter().any(|w| t.starts_with(w))
}

/// Words that follow "Collection" when it starts a description, not a type.
const DESCRIPTION_AFTER_COLLECTION: &[&str] = &[
    "of",
    "containing",
    "that",
    "for",
    "with",
    "to",
    "which",
    "in",
    "representing",
    "used",
];

/// Splits a text-form table row into cells by the meaning of each column.
/// `None` when the row does not have the shape the header promises.
pub fn split_row(line: &str, schema: &Schema) -> Option<Vec<String>> {
    let toks: Vec<&str> = line.split_whitespace().collect();
    let mut pos = 0;
    let mut cells = Vec::with_capacity(schema.cols.len());
    for (ci, col) in schema.cols.iter().enumerate() {
        let last = ci + 1 == schema.cols.len();
        match col {
            Col::Name => {
                let tok = toks.get(pos)?;
                // `Prefer: outlook.timezone` names a header with its value.
                if tok.ends_with(':') && !last && toks.len() > pos + 2 {
                    cells.push(format!("{} {}", tok, toks[pos + 1]));
                    pos += 2;
                } else if toks.get(pos + 1) == Some(&"*") && !last {
                    // `vendorInformation * securityVendorInformation …`: the
                    // star beside the name marks it required (see `typeref::required_star`).
                    cells.push(format!("{tok} *"));
                    pos += 2;
                } else if tok.starts_with('(') {
                    // `(* Indicates a mandatory field.)` under the table: no row.
                    return None;
                } else {
                    cells.push(tok.to_string());
                    pos += 1;
                }
            }
            Col::Type => cells.push(take_type(&toks, &mut pos)?),
            Col::Int => match toks.get(pos) {
                Some(t) if parse_int(t).is_some() => {
                    cells.push(t.to_string());
                    pos += 1;
                }
                _ => cells.push(String::new()),
            },
            Col::Word => match toks.get(pos) {
                Some(t) if !last || is_yes_no(t) => {
                    cells.push(t.to_string());
                    pos += 1;
                }
                _ => cells.push(String::new()),
            },
            Col::PermissionType => cells.push(take_permission_type(&toks, &mut pos)?),
            // Its words end where the first permission (or `Not supported.`) starts.
            Col::Resource => {
                let start = pos;
                pos += 1;
                while pos < toks.len() && !opens_permissions(&toks[pos..]) {
                    pos += 1;
                }
                cells.push(toks.get(start..pos)?.join(" "));
            }
            Col::Permissions if !last => cells.push(take_permission_column(&toks, &mut pos)),
            // `… description. Yes`: a last Required column is the row's last word.
            Col::Rest
                if schema.cols.get(ci + 1) == Some(&Col::Word) && ci + 2 == schema.cols.len() =>
            {
                let end = match toks.last() {
                    Some(t) if toks.len() > pos && is_yes_no(t) => toks.len() - 1,
                    _ => toks.len(),
                };
                cells.push(toks.get(pos..end).map(|t| t.join(" ")).unwrap_or_default());
                pos = end;
            }
            Col::Permissions | Col::Rest => {
                cells.push(toks.get(pos..).map(|t| t.join(" ")).unwrap_or_default());
                pos = toks.len();
            }
        }
    }
    if pos < toks.len() {
        // Words left over: the row has more than the header's columns.
        return None;
    }
    Some(cells)
}

/// A Required cell's word.
fn is_yes_no(t: &str) -> bool {
    ["yes", "no", "optional", "required"]
        .iter()
        .any(|w| t.trim_end_matches('.').eq_ignore_ascii_case(w))
}

/// An enum value cell: decimal or `0x` hex.
pub fn parse_int(t: &str) -> Option<i64> {
    let t = t.trim();
    if let Some(hex) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        return i64::from_str_radix(hex, 16).ok();
    }
    t.parse().ok()
}

/// Type cells of more than one word that a row may hold.
const MULTI_WORD_TYPES: &[&[&str]] = &[
    &["Untyped", "JSON", "object"],
    &["JSON", "object"],
    &["Json", "object"],
];

/// Formats a string's type cell may name in parentheses (`String (DateTime)`).
const FORMAT_WORDS: &[&str] = &[
    "DateTime",
    "DateTimeOffset",
    "Date",
    "TimeOfDay",
    "Duration",
    "Guid",
    "Int32",
    "Int64",
    "Double",
    "URL",
    "URI",
];

fn take_type(toks: &[&str], pos: &mut usize) -> Option<String> {
    let start = *pos;
    for words in MULTI_WORD_TYPES {
        if toks.get(start..start + words.len()) == Some(words) {
            *pos += words.len();
            return Some(words.join(" "));
        }
    }
    // `(Optional) String`, `(to be deprecated) agreementFileLocalization`: a
    // leading note (the name cell's, which the text form cannot tell apart).
    if toks.get(*pos).is_some_and(|t| t.starts_with('(')) {
        let close = (*pos..toks.len().min(*pos + 6)).find(|&k| toks[k].ends_with(')'));
        if let Some(close) = close.filter(|&k| k + 1 < toks.len()) {
            *pos = close + 1;
        }
    }
    let first = toks.get(*pos)?;
    *pos += 1;
    // `Collection of String`.
    if first.eq_ignore_ascii_case("collection")
        && toks.get(*pos) == Some(&"of")
        && *pos + 1 < toks.len()
    {
        *pos += 2;
        return Some(toks[start..*pos].join(" "));
    }
    // `appHostedMediaConfig or serviceHostedMediaConfig`.
    while toks.get(*pos) == Some(&"or")
        && toks
            .get(*pos + 1)
            .is_some_and(|t| t.starts_with(|c: char| c.is_ascii_alphabetic()) && !t.ends_with('.'))
    {
        *pos += 2;
    }
    if first.to_lowercase().starts_with("collection(") && !first.contains(')') {
        while *pos < toks.len() && !toks[*pos - 1].contains(')') {
            *pos += 1;
        }
    }
    if let Some(next) = toks.get(*pos) {
        if next.eq_ignore_ascii_case("collection") {
            let after = toks.get(*pos + 1).map(|t| t.to_lowercase());
            let prose = *next != "collection"
                && after.is_some_and(|a| DESCRIPTION_AFTER_COLLECTION.contains(&a.as_str()));
            if !prose {
                *pos += 1;
            }
        } else if matches!(*next, "collection." | "collection," | "collection;") {
            // `educationOutcome collection. Holds grades…`: prose run on in the type cell.
            *pos += 1;
        } else if typeref::KIND_NOUNS.contains(next) {
            // `[itemAnalytics][] resource`, `error object`, `alertStatus enum`
            // (older pages): the cell names its kind.
            *pos += 1;
        }
    }
    // `String (identifier)`, `String (DateTime)`: a one-word lower-case
    // qualifier, or one naming a format, belongs to the type.
    if let Some(next) = toks.get(*pos) {
        let inner = next.strip_prefix('(').and_then(|t| t.strip_suffix(')'));
        let qualifier = |w: &str| {
            (!w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase()))
                || FORMAT_WORDS.iter().any(|f| w.eq_ignore_ascii_case(f))
        };
        if inner.is_some_and(qualifier) {
            *pos += 1;
        }
    }
    Some(toks[start..*pos].join(" "))
}

fn take_permission_type(toks: &[&str], pos: &mut usize) -> Option<String> {
    let first = toks.get(*pos)?;
    if first.starts_with('(') {
        return None;
    }
    let start = *pos;
    // The longest run of words that spells a known type, as the markdown's
    // cell would (`Delegated permission (work or school account)`, or
    // `Delegated (personal Microsoft account` with its parenthesis left open).
    let longest = schema::PERMISSION_TYPES
        .iter()
        .map(|t| t.split_whitespace().count() + 1)
        .max()
        .unwrap_or(1);
    for len in (1..=longest).rev() {
        let Some(got) = toks.get(start..start + len) else {
            continue;
        };
        let got = got.join(" ");
        if schema::known_permission_type(&got).is_some() {
            *pos = start + len;
            return Some(got);
        }
    }
    *pos += 1;
    // `Device management DeviceManagement…`: a workflow (intune's tables by
    // workflow) runs up to the first permission name or `Not supported.`;
    // `Delegated …` and `Application …` are followed by their permissions
    // (or by prose: `None`, `For user resource: …`).
    let workflow = !["delegated", "application"]
        .iter()
        .any(|known| first.eq_ignore_ascii_case(known));
    while let Some(t) = toks.get(*pos) {
        // `Delegated (work or school account)`: the parenthesis ends the type.
        if t.starts_with('(') {
            while *pos < toks.len() && !toks[*pos].ends_with(')') {
                *pos += 1;
            }
            *pos = (*pos + 1).min(toks.len());
            break;
        }
        if !workflow || opens_permissions(&toks[*pos..]) {
            break;
        }
        *pos += 1;
    }
    Some(toks[start..*pos].join(" "))
}

/// Whether the words start a permissions cell: with a permission name
/// (`User.Read`, `Chat.Manage.Chat*,`) or with `Not supported.` (or
/// `Not available.`, `Not applicable.`). A word that merely ends a sentence
/// (`organization.`) or abbreviates (`e.g.`) does not: a resource cell's
/// description runs on past it.
fn opens_permissions(toks: &[&str]) -> bool {
    let Some(first) = toks.first() else {
        return false;
    };
    if first.eq_ignore_ascii_case("not") {
        return toks.get(1).is_some_and(|next| {
            let word = next.trim_end_matches(['.', ',']);
            ["supported", "available", "applicable"]
                .iter()
                .any(|w| word.eq_ignore_ascii_case(w))
        });
    }
    let name = first.trim_end_matches([',', '.', ';', '*']);
    name.starts_with(|c: char| c.is_ascii_uppercase()) && is_permission_name(name)
}

/// One permissions column of several: names joined by ", " or " and ", or a
/// phrase such as `Not supported.`; it ends at the first name followed by
/// neither.
fn take_permission_column(toks: &[&str], pos: &mut usize) -> String {
    let start = *pos;
    while *pos < toks.len() {
        let t = toks[*pos];
        *pos += 1;
        if t.eq_ignore_ascii_case("not") {
            // "Not supported." / "Not available." / "Not applicable."
            if *pos < toks.len() {
                *pos += 1;
            }
            break;
        }
        if toks
            .get(*pos)
            .is_some_and(|n| n.eq_ignore_ascii_case("and"))
        {
            *pos += 1;
            continue;
        }
        if !t.ends_with(',') {
            break;
        }
    }
    toks[start..*pos].join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(header: &str) -> Schema {
        schema::header_line(header).unwrap().1
    }

    #[test]
    fn rows() {
        let s = schema("Property Type Description");
        assert_eq!(
            split_row("macOsEnrollmentAssignments complianceManagementPartnerAssignment collection User groups.", &s),
            Some(vec![
                "macOsEnrollmentAssignments".into(),
                "complianceManagementPartnerAssignment collection".into(),
                "User groups.".into()
            ])
        );
        assert_eq!(
            split_row("members user Collection of the members.", &s).unwrap()[1],
            "user"
        );
        assert_eq!(
            split_row("id String (identifier) The id.", &s).unwrap()[1],
            "String (identifier)"
        );
        assert_eq!(
            split_row("x Collection(microsoft.graph.user) Users.", &s).unwrap()[1],
            "Collection(microsoft.graph.user)"
        );
        assert_eq!(split_row("lonely", &s), None);
        // Words the markdown type cell holds after the type: its kind, or a
        // collection whose cell runs on into prose.
        let kinds = [
            (
                "analytics itemAnalytics resource Analytics.",
                "itemAnalytics resource",
            ),
            ("innererror error object Optional.", "error object"),
            ("status alertStatus enum Alert status.", "alertStatus enum"),
            (
                "outcomes educationOutcome collection. Holds grades.",
                "educationOutcome collection.",
            ),
        ];
        for (row, ty) in kinds {
            assert_eq!(split_row(row, &s).unwrap()[1], ty, "{row}");
            let parsed = super::super::typeref::parse_type(ty);
            assert!(!parsed.name.contains(' '), "{ty} parses as {parsed:?}");
        }
        assert!(super::super::typeref::parse_type("educationOutcome collection.").collection);
        assert_eq!(
            split_row("content Untyped JSON object Free form.", &s).unwrap()[1],
            "Untyped JSON object"
        );
        assert_eq!(
            split_row("roles Collection of String The roles.", &s).unwrap()[1],
            "Collection of String"
        );
        assert_eq!(split_row("m a or b The config.", &s).unwrap()[1], "a or b");
        let p =
            schema("Permission type Least privileged permissions Higher privileged permissions");
        assert_eq!(
            split_row(
                "Delegated (work or school account) A.Read, B.Read C.ReadWrite.All",
                &p
            ),
            Some(vec![
                "Delegated (work or school account)".into(),
                "A.Read, B.Read".into(),
                "C.ReadWrite.All".into()
            ])
        );
        assert_eq!(
            split_row(
                "Delegated (personal Microsoft account) Not supported. Not supported.",
                &p
            ),
            Some(vec![
                "Delegated (personal Microsoft account)".into(),
                "Not supported.".into(),
                "Not supported.".into()
            ])
        );
        let m = schema("Member Value Description");
        assert_eq!(
            split_row("none 0 Nothing.", &m),
            Some(vec!["none".into(), "0".into(), "Nothing.".into()])
        );
        assert_eq!(
            split_row("none", &schema("Member Value")),
            Some(vec!["none".into(), String::new()])
        );
        assert_eq!(split_row("a b", &schema("Member Value")), None);
    }

    #[test]
    fn blocks() {
        let page = "Update x\n\nNamespace: microsoft.graph\n\nHTTP request\n\nPATCH /x/{id}\n\nRequest body\n\nProperty Type Description\nname String The name. Required.\n\nResponse\n\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{\n  \"a\": \"}\"\n}\n\nAfter.";
        let b = parse(page).blocks;
        assert_eq!(
            b[0],
            Block::Heading {
                level: 1,
                text: "Update x".into(),
                line: 1
            }
        );
        assert_eq!(
            b[1],
            Block::Paragraph {
                text: "Namespace: microsoft.graph".into(),
                line: 3
            }
        );
        assert!(matches!(&b[2], Block::Heading { text, line: 5, .. } if text == "HTTP request"));
        assert!(matches!(&b[3], Block::Code { text, line: 7, .. } if text == "PATCH /x/{id}"));
        assert!(
            matches!(&b[5], Block::Table { rows, .. } if rows[0].cells[1] == "String" && rows[0].line == 12)
        );
        assert!(matches!(&b[7], Block::Code { text, line: 16, .. } if text.ends_with("\"}\"\n}")));
        assert_eq!(
            b[8],
            Block::Paragraph {
                text: "After.".into(),
                line: 23
            }
        );
    }
}
