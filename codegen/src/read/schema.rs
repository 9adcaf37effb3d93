//! What the reader knows about reference pages, shared by both front-ends and
//! the extractor: which headings start which section, and which table headers
//! mean which columns. The text front-end can only recognise what is listed
//! here, so the extractor acts only on what is listed here too: that keeps the
//! two forms of one page reading the same.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use rustc_hash::FxBuildHasher;

use super::scan::{self, first_word, for_each_word, squash, starts_with_ci};

/// A page section that a heading opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Section {
    Permissions,
    HttpRequest,
    Parameters,
    RequestHeaders,
    RequestBody,
    Response,
    Examples,
    Properties,
    Relationships,
    Methods,
    JsonRepresentation,
    Members,
    /// `### xyz values`: an enum defined inline on the page.
    EnumValues(String),
    /// A known heading the reader has no use for (See also, Remarks, Errors…): it ends the previous section.
    Other,
}

/// What a heading means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeadingKind {
    Section(Section),
    /// `Example`, `Examples`, `Example 2: …`: starts (another) example.
    Example,
    /// `Request`, `Example request`, `Request 2`…
    ExampleRequest,
    /// `Response` inside the examples, `Example response`, `Response 2`…
    ExampleResponse,
}

fn normalize(text: &str) -> String {
    let t = text.trim().trim_end_matches(':').trim();
    lowercase(squash(t))
}

/// `to_lowercase`, in place when ASCII (the usual case).
fn lowercase(mut s: String) -> String {
    if s.is_ascii() {
        s.make_ascii_lowercase();
        s
    } else {
        s.to_lowercase()
    }
}

static EXAMPLE_RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^examples?(?:\b.*)?$").unwrap());
static EXAMPLE_REQUEST_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:example|sample)\s+)?requests?(?:\s+example)?(?:\s*\d+)?(?:\s*[:\-–—(].*)?$")
        .unwrap()
});
static EXAMPLE_RESPONSE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?:example|sample)\s+)?responses?(?:\s+example)?(?:\s*\d+)?(?:\s*[:\-–—(].*)?$",
    )
    .unwrap()
});
static ENUM_VALUES_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([A-Za-z][A-Za-z0-9_.]*) (?:values|enum|enum values|enum type)$").unwrap()
});

/// Section headings as normalised (lower case, single spaces, no final `:`).
static SECTION_NAMES: &[(&str, Section)] = &[
    ("permissions", Section::Permissions),
    ("permission", Section::Permissions),
    ("prerequisites", Section::Permissions),
    ("http request", Section::HttpRequest),
    ("http requests", Section::HttpRequest),
    ("path parameters", Section::Parameters),
    ("query parameters", Section::Parameters),
    ("optional query parameters", Section::Parameters),
    ("odata query parameters", Section::Parameters),
    ("optional odata query parameters", Section::Parameters),
    ("query string parameters", Section::Parameters),
    ("function parameters", Section::Parameters),
    ("method parameters", Section::Parameters),
    ("request parameters", Section::Parameters),
    ("parameters", Section::Parameters),
    ("url parameters", Section::Parameters),
    ("request headers", Section::RequestHeaders),
    ("request header", Section::RequestHeaders),
    ("optional request headers", Section::RequestHeaders),
    ("request body", Section::RequestBody),
    ("properties", Section::Properties),
    ("relationships", Section::Relationships),
    ("methods", Section::Methods),
    ("json representation", Section::JsonRepresentation),
    ("members", Section::Members),
    ("enum members", Section::Members),
    ("enum values", Section::Members),
    ("values", Section::Members),
    ("see also", Section::Other),
    ("remarks", Section::Other),
    ("error responses", Section::Other),
    ("errors", Section::Other),
    ("error handling", Section::Other),
    ("next steps", Section::Other),
    ("what's new", Section::Other),
    ("derived types", Section::Other),
    ("exceptions", Section::Other),
];

/// Whether a heading could be a section or example heading, from its first
/// word alone: most paragraphs come here and fail on it, without the
/// allocation of [`normalize`]. Never false for a heading that is one (a test
/// holds it to [`SECTION_NAMES`] and the example regexes).
fn may_be_known(text: &str) -> bool {
    let first = first_word(text).trim_end_matches(':');
    // Lower-casing non-ASCII can make ASCII (KELVIN SIGN): the full path decides.
    if !first.is_ascii() {
        return true;
    }
    let mut buf = [0u8; 16];
    let Some(lower) = buf.get_mut(..first.len()) else {
        // Longer than any first word below; not than an example heading's.
        return ["example", "sample", "request", "response"]
            .iter()
            .any(|p| starts_with_ci(first, p));
    };
    lower.copy_from_slice(first.as_bytes());
    lower.make_ascii_lowercase();
    lower.starts_with(b"example")
        || lower.starts_with(b"sample")
        || lower.starts_with(b"request")
        || lower.starts_with(b"response")
        || matches!(
            &*lower,
            b"permissions"
                | b"permission"
                | b"prerequisites"
                | b"http"
                | b"path"
                | b"query"
                | b"optional"
                | b"odata"
                | b"function"
                | b"method"
                | b"parameters"
                | b"url"
                | b"properties"
                | b"relationships"
                | b"methods"
                | b"json"
                | b"members"
                | b"enum"
                | b"values"
                | b"see"
                | b"remarks"
                | b"error"
                | b"errors"
                | b"next"
                | b"what's"
                | b"derived"
                | b"exceptions"
        )
}

/// Classifies a heading's text. `None`: a heading the reader does not know
/// (it neither opens nor closes a section).
pub fn classify_heading(text: &str) -> Option<HeadingKind> {
    if may_be_known(text) {
        if let Some(kind) = known_heading(&normalize(text)) {
            return Some(kind);
        }
    }
    // `X values`, `X enum`, `X enum values`, `X enum type` (case as written).
    let end = text.trim_end().trim_end_matches(':');
    if !(end.ends_with("values") || end.ends_with("enum") || end.ends_with("type")) {
        return None;
    }
    let collapsed = squash(text);
    if let Some(c) = ENUM_VALUES_RE.captures(collapsed.trim_end_matches(':')) {
        return Some(HeadingKind::Section(Section::EnumValues(c[1].to_string())));
    }
    None
}

/// Section and example headings, from the normalised text.
fn known_heading(n: &str) -> Option<HeadingKind> {
    if let Some((_, s)) = SECTION_NAMES.iter().find(|(name, _)| *name == n) {
        return Some(HeadingKind::Section(s.clone()));
    }
    if n.starts_with("permissions ") {
        return Some(HeadingKind::Section(Section::Permissions));
    }
    // "HTTP request (to upload a new file)", "HTTP requests for a user".
    if n.starts_with("http request ") || n.starts_with("http requests ") {
        return Some(HeadingKind::Section(Section::HttpRequest));
    }
    // The regexes are anchored: test the start first, most text fails there.
    let example = n.starts_with("example") || n.starts_with("sample");
    let plain = scan::plain(n);
    let request = |word: &str, re: &Regex| {
        if plain {
            example_part(n, word)
        } else {
            re.is_match(n)
        }
    };
    if (example || n.starts_with("request")) && request("request", &EXAMPLE_REQUEST_RE) {
        return Some(HeadingKind::ExampleRequest);
    }
    if (example || n.starts_with("response")) && request("response", &EXAMPLE_RESPONSE_RE) {
        return Some(HeadingKind::ExampleResponse);
    }
    let is_example = if plain {
        example_heading(n)
    } else {
        EXAMPLE_RE.is_match(n)
    };
    if n.starts_with("example") && is_example {
        return Some(HeadingKind::Example);
    }
    None
}

/// [`EXAMPLE_RE`] on plain text.
fn example_heading(n: &str) -> bool {
    let Some(r) = n.strip_prefix("example") else {
        return false;
    };
    // `s?` then a word boundary (or the end): the `s` only where that follows it.
    let ends_word = |r: &str| r.as_bytes().first().is_none_or(|&c| !scan::is_word(c));
    r.strip_prefix('s').is_some_and(ends_word) || ends_word(r)
}

/// [`EXAMPLE_REQUEST_RE`] (`word` "request") or [`EXAMPLE_RESPONSE_RE`]
/// ("response") on plain text. Taking each optional part when it is there is
/// what the regex does: leaving one out never lets the rest match.
fn example_part(n: &str, word: &str) -> bool {
    let ws = |r: &str| {
        r.trim_start_matches(|c: char| c.is_ascii() && scan::is_space(c as u8))
            .len()
    };
    let skip_ws = |r: &'_ str| -> usize { r.len() - ws(r) };
    let mut r = n;
    // One optional lead word, then the word.
    if let Some(x) = r
        .strip_prefix("example")
        .or_else(|| r.strip_prefix("sample"))
    {
        if skip_ws(x) > 0 {
            r = &x[skip_ws(x)..];
        }
    }
    let Some(x) = r.strip_prefix(word) else {
        return false;
    };
    r = x.strip_prefix('s').unwrap_or(x);
    let spaces = skip_ws(r);
    if spaces > 0 {
        if let Some(x) = r[spaces..].strip_prefix("example") {
            r = x;
        }
    }
    let t = &r[skip_ws(r)..];
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        r = &t[digits..];
    }
    r.is_empty() || r[skip_ws(r)..].starts_with([':', '-', '('])
}

/// What a table holds, from its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableKind {
    /// Name / Type / Description (properties, parameters, relationships).
    Typed,
    /// Permission type / Permissions.
    Permissions,
    /// Supported resource / one column per permission type.
    PermissionsByResource,
    /// Header / Value, or Name / Description (request headers, untyped parameters).
    NameValue,
    /// Member (/ Value) (/ Description), also Name / Value / Description.
    Members,
    /// Method / Return type / Description: rows of free text the reader does not use.
    Methods,
}

/// The meaning of one column, used to split a text-form row into cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    /// One token (a property, parameter, header or member name).
    Name,
    /// A type phrase: `String`, `user collection`, `Collection(microsoft.graph.x)`.
    Type,
    /// An optional integer (enum values).
    Int,
    /// One token of free text (e.g. `Yes` in a Required column).
    Word,
    /// `Delegated (work or school account)`, `Application`…
    PermissionType,
    /// A supported resource's name, one or more words (`group event`).
    Resource,
    /// Permission names separated by commas, or `Not supported.`.
    Permissions,
    /// The rest of the row.
    Rest,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schema {
    pub kind: TableKind,
    pub cols: &'static [Col],
}

use Col::*;

const TYPED: &[Col] = &[Name, Type, Rest];
/// A typed table with one more column after the description (`Supported resources`).
const TYPED_WIDE: &[Col] = &[Name, Type, Rest, Rest];
const PERMS2: &[Col] = &[PermissionType, Permissions];
const PERMS3: &[Col] = &[PermissionType, Permissions, Permissions];
const PERMS_BY_RESOURCE: &[Col] = &[Resource, Permissions, Permissions, Permissions];

/// Known header rows (lower case, cells as written) and what they mean.
const SCHEMAS: &[(&[&str], Schema)] = &[
    (
        &["property", "type", "description"],
        Schema {
            kind: TableKind::Typed,
            cols: TYPED,
        },
    ),
    (
        &["name", "type", "description"],
        Schema {
            kind: TableKind::Typed,
            cols: TYPED,
        },
    ),
    (
        &["parameter", "type", "description"],
        Schema {
            kind: TableKind::Typed,
            cols: TYPED,
        },
    ),
    (
        &["property name", "type", "description"],
        Schema {
            kind: TableKind::Typed,
            cols: TYPED,
        },
    ),
    (
        &["parameter name", "type", "description"],
        Schema {
            kind: TableKind::Typed,
            cols: TYPED,
        },
    ),
    (
        &["query parameter", "type", "description"],
        Schema {
            kind: TableKind::Typed,
            cols: TYPED,
        },
    ),
    (
        &["relationship", "type", "description"],
        Schema {
            kind: TableKind::Typed,
            cols: TYPED,
        },
    ),
    (
        &["relationship name", "type", "description"],
        Schema {
            kind: TableKind::Typed,
            cols: TYPED,
        },
    ),
    // Tables without a description column (e.g. report row types).
    (
        &["property", "type"],
        Schema {
            kind: TableKind::Typed,
            cols: &[Name, Type],
        },
    ),
    (
        &["parameter", "type"],
        Schema {
            kind: TableKind::Typed,
            cols: &[Name, Type],
        },
    ),
    (
        &["property", "type", "description", "required"],
        Schema {
            kind: TableKind::Typed,
            cols: &[Name, Type, Rest, Word],
        },
    ),
    (
        &["property", "type", "description", "required?"],
        Schema {
            kind: TableKind::Typed,
            cols: &[Name, Type, Rest, Word],
        },
    ),
    (
        &["parameter", "type", "description", "required"],
        Schema {
            kind: TableKind::Typed,
            cols: &[Name, Type, Rest, Word],
        },
    ),
    (
        &["parameter", "type", "description", "required?"],
        Schema {
            kind: TableKind::Typed,
            cols: &[Name, Type, Rest, Word],
        },
    ),
    (
        &["name", "type", "description", "required"],
        Schema {
            kind: TableKind::Typed,
            cols: &[Name, Type, Rest, Word],
        },
    ),
    (
        &["name", "type", "description", "required?"],
        Schema {
            kind: TableKind::Typed,
            cols: &[Name, Type, Rest, Word],
        },
    ),
    (
        &["name", "type", "required", "description"],
        Schema {
            kind: TableKind::Typed,
            cols: &[Name, Type, Word, Rest],
        },
    ),
    (
        &["property", "type", "required (y/n)", "description"],
        Schema {
            kind: TableKind::Typed,
            cols: &[Name, Type, Word, Rest],
        },
    ),
    (
        &["parameter", "type", "required?", "description"],
        Schema {
            kind: TableKind::Typed,
            cols: &[Name, Type, Word, Rest],
        },
    ),
    (
        &["parameter", "type", "required", "description"],
        Schema {
            kind: TableKind::Typed,
            cols: &[Name, Type, Word, Rest],
        },
    ),
    (
        &["property", "type", "required", "description"],
        Schema {
            kind: TableKind::Typed,
            cols: &[Name, Type, Word, Rest],
        },
    ),
    (
        &[
            "permission type",
            "permissions (from least to most privileged)",
        ],
        Schema {
            kind: TableKind::Permissions,
            cols: PERMS2,
        },
    ),
    (
        &[
            "permission type",
            "permissions (from most to least privileged)",
        ],
        Schema {
            kind: TableKind::Permissions,
            cols: PERMS2,
        },
    ),
    (
        &["permission type", "permissions"],
        Schema {
            kind: TableKind::Permissions,
            cols: PERMS2,
        },
    ),
    (
        &["permission type", "permission"],
        Schema {
            kind: TableKind::Permissions,
            cols: PERMS2,
        },
    ),
    (
        &[
            "permission type (by workflow)",
            "permissions (from most to least privileged)",
        ],
        Schema {
            kind: TableKind::Permissions,
            cols: PERMS2,
        },
    ),
    (
        &[
            "permission type (by workflow)",
            "permissions (from least to most privileged)",
        ],
        Schema {
            kind: TableKind::Permissions,
            cols: PERMS2,
        },
    ),
    (
        &[
            "permission type",
            "least privileged permissions",
            "higher privileged permissions",
        ],
        Schema {
            kind: TableKind::Permissions,
            cols: PERMS3,
        },
    ),
    (
        &[
            "permission type",
            "least privileged permission",
            "higher privileged permissions",
        ],
        Schema {
            kind: TableKind::Permissions,
            cols: PERMS3,
        },
    ),
    // Authentication methods: one column for a user acting on themselves,
    // one for acting on others (older pages give each its own table).
    (
        &[
            "permission type",
            "permissions acting on self (from least to most privileged)",
            "permissions acting on others (from least to most privileged)",
        ],
        Schema {
            kind: TableKind::Permissions,
            cols: PERMS3,
        },
    ),
    (
        &["header", "value"],
        Schema {
            kind: TableKind::NameValue,
            cols: &[Name, Rest],
        },
    ),
    (
        &["request header", "value"],
        Schema {
            kind: TableKind::NameValue,
            cols: &[Name, Rest],
        },
    ),
    (
        &["header", "description"],
        Schema {
            kind: TableKind::NameValue,
            cols: &[Name, Rest],
        },
    ),
    // Older pages: `| _if-none-match_ | etag | If this request header is … |`.
    (
        &["header name", "value", "description"],
        Schema {
            kind: TableKind::NameValue,
            cols: &[Name, Rest, Rest],
        },
    ),
    (
        &["name", "description"],
        Schema {
            kind: TableKind::NameValue,
            cols: &[Name, Rest],
        },
    ),
    (
        &["parameter", "description"],
        Schema {
            kind: TableKind::NameValue,
            cols: &[Name, Rest],
        },
    ),
    // `| $filter | Filters results (rows). | /auditLogs/…?$filter=… |`: the
    // example column is not read (in the text form the description runs into it).
    (
        &["parameter", "description", "example"],
        Schema {
            kind: TableKind::NameValue,
            cols: &[Name, Rest, Rest],
        },
    ),
    (
        &["name", "description", "example"],
        Schema {
            kind: TableKind::NameValue,
            cols: &[Name, Rest, Rest],
        },
    ),
    (
        &["member", "value", "description"],
        Schema {
            kind: TableKind::Members,
            cols: &[Name, Int, Rest],
        },
    ),
    (
        &["member", "int value", "description"],
        Schema {
            kind: TableKind::Members,
            cols: &[Name, Int, Rest],
        },
    ),
    (
        &["name", "value", "description"],
        Schema {
            kind: TableKind::Members,
            cols: &[Name, Int, Rest],
        },
    ),
    // `userAccountSecurityType` in enums.md heads its values column `Member`
    // again (`| standard | 0 | … |`), on every date.
    (
        &["member", "member", "description"],
        Schema {
            kind: TableKind::Members,
            cols: &[Name, Int, Rest],
        },
    ),
    // drive-get and shares-get name their path parameters so.
    (
        &["parameter name", "value", "description"],
        Schema {
            kind: TableKind::Members,
            cols: &[Name, Int, Rest],
        },
    ),
    (
        &["value", "#", "description"],
        Schema {
            kind: TableKind::Members,
            cols: &[Name, Int, Rest],
        },
    ),
    (
        &["member", "value"],
        Schema {
            kind: TableKind::Members,
            cols: &[Name, Int],
        },
    ),
    (
        &["name", "value"],
        Schema {
            kind: TableKind::Members,
            cols: &[Name, Int],
        },
    ),
    (
        &["member", "description"],
        Schema {
            kind: TableKind::Members,
            cols: &[Name, Rest],
        },
    ),
    (
        &["value", "description"],
        Schema {
            kind: TableKind::Members,
            cols: &[Name, Rest],
        },
    ),
    (
        &["values", "description"],
        Schema {
            kind: TableKind::Members,
            cols: &[Name, Rest],
        },
    ),
    (
        &["member"],
        Schema {
            kind: TableKind::Members,
            cols: &[Name],
        },
    ),
    (
        &["value"],
        Schema {
            kind: TableKind::Members,
            cols: &[Name],
        },
    ),
    (
        &["method", "return type", "description"],
        Schema {
            kind: TableKind::Methods,
            cols: &[Rest],
        },
    ),
    (
        &["function", "return type", "description"],
        Schema {
            kind: TableKind::Methods,
            cols: &[Rest],
        },
    ),
];

/// Normalises a header cell: lower case, single spaces, no emphasis markers.
pub fn normalize_cell(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len());
    normalize_cell_into(cell, &mut out);
    out
}

/// [`normalize_cell`], appending to `out`.
fn normalize_cell_into(cell: &str, out: &mut String) {
    let start = out.len();
    // `*` separates words like whitespace does (it was replaced by a space).
    for_each_word(cell, |w| {
        for part in w.split('*').filter(|p| !p.is_empty()) {
            if out.len() > start {
                out.push(' ');
            }
            out.push_str(part);
        }
    });
    if out[start..].is_ascii() {
        out[start..].make_ascii_lowercase();
    } else {
        let lower = out[start..].to_lowercase();
        out.truncate(start);
        out.push_str(&lower);
    }
}

/// Header cells joined by `\n` (which no normalised cell holds) → schema.
static BY_CELLS: LazyLock<HashMap<String, Schema, FxBuildHasher>> = LazyLock::new(|| {
    SCHEMAS
        .iter()
        .map(|(cells, s)| (cells.join("\n"), *s))
        .collect()
});

/// Header cells joined by single spaces (the text form of a header row) → (cells, schema).
static BY_LINE: LazyLock<HashMap<String, (Vec<String>, Schema), FxBuildHasher>> =
    LazyLock::new(|| {
        SCHEMAS
            .iter()
            .map(|(cells, s)| {
                (
                    cells.join(" "),
                    (cells.iter().map(|c| c.to_string()).collect(), *s),
                )
            })
            .collect()
    });

/// The schema of a table with these header cells, if the reader knows it.
pub fn table_schema<S: AsRef<str>>(header: &[S]) -> Option<Schema> {
    BY_CELLS
        .get(&cells_key(header))
        .copied()
        .or_else(|| wide_typed(header))
        .or_else(|| permissions_by_named_resource(header))
        .or_else(|| named_values(header))
}

const NAMED_VALUES: Schema = Schema {
    kind: TableKind::Members,
    cols: &[Col::Name, Col::Rest],
};

/// `DisplayAs value | Description`: the values of the entry its first
/// header cell names (the one word before ` value`).
fn named_values<S: AsRef<str>>(header: &[S]) -> Option<Schema> {
    let [first, second] = header else {
        return None;
    };
    (normalize_cell(second.as_ref()) == "description"
        && values_of(&normalize_cell(first.as_ref())).is_some())
    .then_some(NAMED_VALUES)
}

/// The entry a values table's first header cell names: `displayas` in
/// `displayas value` (normalised), one word.
pub fn values_of(first_cell: &str) -> Option<&str> {
    let cell = first_cell.trim();
    let split = cell.len().checked_sub(" value".len())?;
    let (word, suffix) = (cell.get(..split)?, cell.get(split..)?);
    (suffix.eq_ignore_ascii_case(" value")
        && !word.is_empty()
        && !word.contains(char::is_whitespace))
    .then_some(word)
}

/// [`named_values`] for a text-form header line (normalised).
fn named_values_line(line: &str) -> Option<(Vec<String>, Schema)> {
    let first = line.strip_suffix(" description")?;
    values_of(first).map(|_| {
        (
            vec![first.to_string(), "description".to_string()],
            NAMED_VALUES,
        )
    })
}

impl Section {
    /// Whether the reader reads this section's tables (so an unknown one is reported).
    pub fn reads_tables(&self) -> bool {
        matches!(
            self,
            Section::Permissions
                | Section::Parameters
                | Section::RequestHeaders
                | Section::RequestBody
                | Section::Properties
                | Section::Relationships
                | Section::Members
                | Section::EnumValues(_)
        )
    }
}

/// A table's schema where its section says more than its header: under
/// Request body and (query) Parameters, `Name | Value | Description` (an
/// enum's members elsewhere) gives each parameter's type in `Value`
/// (`| comment | string | A check-in comment. |`).
pub fn in_section(schema: Schema, section: Option<&Section>) -> Schema {
    let typed_values = matches!(section, Some(Section::RequestBody | Section::Parameters))
        && schema.kind == TableKind::Members
        && schema.cols == [Name, Int, Rest];
    if typed_values {
        Schema {
            kind: TableKind::Typed,
            cols: TYPED,
        }
    } else {
        schema
    }
}

/// The [`BY_CELLS`] key of a header row: its normalised cells joined by `\n`.
fn cells_key<S: AsRef<str>>(header: &[S]) -> String {
    let mut key = String::with_capacity(header.iter().map(|c| c.as_ref().len() + 1).sum());
    for (i, cell) in header.iter().enumerate() {
        if i > 0 {
            key.push('\n');
        }
        normalize_cell_into(cell.as_ref(), &mut key);
    }
    key
}

/// A known Name / Type / Description header followed by one column more: the
/// description is the third cell, the extra column is not read. Tables with
/// several more (`Min Value | Max Value | Default Value`) describe something
/// else than the page's type, such as the JSON inside one of its properties.
fn wide_typed<S: AsRef<str>>(header: &[S]) -> Option<Schema> {
    if header.len() != 4 {
        return None;
    }
    let known = BY_CELLS.get(&cells_key(&header[..3]))?;
    (known.kind == TableKind::Typed && known.cols == TYPED).then_some(Schema {
        kind: TableKind::Typed,
        cols: TYPED_WIDE,
    })
}

/// The permission types, as the docs spell them in the usual table's rows
/// and as the columns of a per-resource permissions table.
pub const PERMISSION_TYPES: [&str; 3] = [
    "Delegated (work or school account)",
    "Delegated (personal Microsoft account)",
    "Application",
];

/// The known permission type `cell` spells, whatever its case, with its
/// closing parenthesis left out (`Delegated (personal Microsoft account`), or
/// with the word `permission` after its first (`Delegated permission (work or
/// school account)`, `Application permission`).
pub fn known_permission_type(cell: &str) -> Option<&'static str> {
    let worded = cell.split_once(' ').and_then(|(first, rest)| {
        let after = scan::strip_prefix_ci(rest, "permission")?;
        (after.is_empty() || after.starts_with(' ')).then(|| format!("{first}{after}"))
    });
    let plain = worded.as_deref().unwrap_or(cell);
    PERMISSION_TYPES.into_iter().find(|known| {
        plain.eq_ignore_ascii_case(known)
            || (known.ends_with(')') && plain.eq_ignore_ascii_case(&known[..known.len() - 1]))
    })
}

/// [`PERMISSION_TYPES`] as a text-form header line ends, normalised.
const PERMISSION_TYPES_LINE: &str =
    "delegated (work or school account) delegated (personal microsoft account) application";

const PERMISSIONS_BY_RESOURCE: Schema = Schema {
    kind: TableKind::PermissionsByResource,
    cols: PERMS_BY_RESOURCE,
};

/// A per-resource permissions table: a first column naming the resource
/// (`Supported resource`, or its kind, `Calendar` in calendar-get), then one
/// column per permission type, which say what the table is.
fn permissions_by_named_resource<S: AsRef<str>>(header: &[S]) -> Option<Schema> {
    let [first, types @ ..] = header else {
        return None;
    };
    (types.len() == PERMISSION_TYPES.len()
        && !normalize_cell(first.as_ref()).is_empty()
        && types
            .iter()
            .zip(PERMISSION_TYPES)
            .all(|(cell, known)| normalize_cell(cell.as_ref()) == normalize_cell(known)))
    .then_some(PERMISSIONS_BY_RESOURCE)
}

/// The text form of [`permissions_by_named_resource`]: the line ends with the
/// three permission-type columns and starts with the first column's words.
fn permissions_by_named_resource_line(line: &str) -> Option<(Vec<String>, Schema)> {
    let first = line
        .strip_suffix(PERMISSION_TYPES_LINE)?
        .strip_suffix(' ')?;
    if first.is_empty() {
        return None;
    }
    let mut cells = vec![first.to_string()];
    cells.extend(PERMISSION_TYPES.iter().map(|c| normalize_cell(c)));
    Some((cells, PERMISSIONS_BY_RESOURCE))
}

/// When a text-form line is a known header row: its cells (lower case) and schema.
/// No known header line is longer (the longest, the per-subject permissions
/// header, is 134 characters).
const MAX_HEADER_LINE: usize = 160;

pub fn header_line(line: &str) -> Option<(Vec<String>, Schema)> {
    // Every text line comes here: reject at once what cannot be a header row.
    // An ASCII header row holds only letters, spaces and the `()?#*/` of the
    // known headers; non-ASCII lines take the full path (case folding).
    if line.is_ascii() {
        let mut letters = 0;
        for b in line.bytes() {
            if b.is_ascii_alphabetic() {
                letters += 1;
            } else if !matches!(
                b,
                b' ' | b'\t'..=b'\r' | b'(' | b')' | b'?' | b'#' | b'*' | b'/'
            ) {
                return None;
            }
        }
        if letters > MAX_HEADER_LINE {
            return None;
        }
    }
    let n = normalize_cell(line);
    if n.len() > MAX_HEADER_LINE {
        return None;
    }
    BY_LINE
        .get(&n)
        .cloned()
        .or_else(|| wide_typed_line(&n))
        .or_else(|| permissions_by_named_resource_line(&n))
        .or_else(|| named_values_line(&n))
}

/// The text form of [`wide_typed`]: a known Name / Type / Description header
/// line and one or two words more (one column's name). The row's words after the type are all
/// its description, since the extra columns cannot be told apart in text.
/// Every text line that is no header comes here: the line less its last one
/// or two words is looked up, nothing is built.
fn wide_typed_line(line: &str) -> Option<(Vec<String>, Schema)> {
    let mut known = line;
    for _ in 0..2 {
        known = known.rsplit_once(' ')?.0;
        if let Some((cells, schema)) = BY_LINE.get(known) {
            if schema.kind == TableKind::Typed && schema.cols == TYPED {
                return Some((cells.clone(), *schema));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_header_fits_the_header_line_limit() {
        for (cells, schema) in SCHEMAS {
            let line = cells.join(" ");
            assert!(line.len() <= MAX_HEADER_LINE, "{line}");
            assert_eq!(header_line(&line).map(|(_, s)| s), Some(*schema), "{line}");
        }
    }

    #[test]
    fn headings() {
        assert_eq!(
            classify_heading("HTTP Request"),
            Some(HeadingKind::Section(Section::HttpRequest))
        );
        assert_eq!(
            classify_heading("Example 1: Create a user"),
            Some(HeadingKind::Example)
        );
        assert_eq!(classify_heading("Examples"), Some(HeadingKind::Example));
        assert_eq!(
            classify_heading("Request 2"),
            Some(HeadingKind::ExampleRequest)
        );
        assert_eq!(
            classify_heading("Example response"),
            Some(HeadingKind::ExampleResponse)
        );
        assert_eq!(
            classify_heading("Request body"),
            Some(HeadingKind::Section(Section::RequestBody))
        );
        assert_eq!(
            classify_heading("Request headers "),
            Some(HeadingKind::Section(Section::RequestHeaders))
        );
        assert_eq!(
            classify_heading("signInAudience values"),
            Some(HeadingKind::Section(Section::EnumValues(
                "signInAudience".into()
            )))
        );
        assert_eq!(classify_heading("Notification - incoming"), None);
        assert_eq!(classify_heading("HTTP"), None);
        assert_eq!(
            classify_heading("HTTP request (to upload a new file)"),
            Some(HeadingKind::Section(Section::HttpRequest))
        );
    }

    #[test]
    fn first_word_filter_keeps_every_heading() {
        let mut headings: Vec<String> = SECTION_NAMES.iter().map(|(n, _)| n.to_string()).collect();
        headings.extend(
            [
                "Permissions (delegated)",
                "HTTP requests for a user",
                "Example 2: Create",
                "Sample request",
                "Requests",
                "Response 3",
                "Examples",
            ]
            .map(String::from),
        );
        for h in headings {
            let upper = h.to_uppercase();
            let spaced = format!("  {}:  ", h.replace(' ', "  "));
            for t in [h.as_str(), upper.as_str(), spaced.as_str()] {
                assert!(may_be_known(t), "{t:?}");
                assert!(known_heading(&normalize(t)).is_some(), "{t:?}");
            }
        }
        assert!(!may_be_known("The request body holds a JSON object."));
        assert_eq!(
            classify_heading("The request body holds a JSON object."),
            None
        );
    }

    #[test]
    fn example_scans_match_their_regexes() {
        let leads = [
            "",
            "example ",
            "sample ",
            "example  ",
            "examples ",
            "sample",
            "example sample ",
            "sample\t",
        ];
        let words = [
            "request",
            "requests",
            "response",
            "responses",
            "example",
            "examples",
            "examplex",
            "req",
        ];
        let tails = [
            "",
            " ",
            "s",
            " example",
            " examples",
            "example",
            " 2",
            "2",
            " 12: x",
            ": a",
            " - b",
            "(c)",
            " (d",
            " x",
            "_",
            ".",
            " example 3",
            " example:",
            "-",
            "1-",
            " 1 2",
        ];
        for l in leads {
            for w in words {
                for t in tails {
                    let n = format!("{l}{w}{t}");
                    assert_eq!(example_heading(&n), EXAMPLE_RE.is_match(&n), "{n:?}");
                    assert_eq!(
                        example_part(&n, "request"),
                        EXAMPLE_REQUEST_RE.is_match(&n),
                        "{n:?}"
                    );
                    assert_eq!(
                        example_part(&n, "response"),
                        EXAMPLE_RESPONSE_RE.is_match(&n),
                        "{n:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn header_lines() {
        let (cells, s) = header_line("Property Type Description").unwrap();
        assert_eq!(cells.len(), 3);
        assert_eq!(s.kind, TableKind::Typed);
        let (_, s) = header_line(
            "Permission type Least privileged permissions Higher privileged permissions",
        )
        .unwrap();
        assert_eq!(s.cols.len(), 3);
        // Two columns without a description are a header too; a prefix of a header is not.
        assert_eq!(header_line("Property Type").unwrap().1.cols, &[Name, Type]);
        assert!(header_line("Property").is_none());
        // A few columns more after the description: still a typed table.
        let (cells, s) = header_line("Property Type Description Supported Resources").unwrap();
        assert_eq!((cells.len(), s.cols), (3, TYPED));
        assert!(header_line("Property Type Description Min Value Max Value").is_none());
        let wide =
            table_schema(&["Property", "Type", "Description", "Supported Resources"]).unwrap();
        assert_eq!(wide.cols, &[Name, Type, Rest, Rest]);
        assert!(table_schema(&["Header", "Value", "Notes", "More"]).is_none());
        assert!(table_schema(&["Property", "Type", "Description", "Min", "Max"]).is_none());
        assert!(header_line("Permission type Least privileged permissions").is_none());
    }

    #[test]
    fn per_resource_permissions_headed_by_the_resource() {
        assert_eq!(
            PERMISSION_TYPES_LINE,
            normalize_cell(&PERMISSION_TYPES.join(" "))
        );
        let header = [
            "Calendar",
            "Delegated (work or school account)",
            "Delegated (personal Microsoft account)",
            "Application",
        ];
        let s = table_schema(&header).unwrap();
        assert_eq!(
            (s.kind, s.cols),
            (TableKind::PermissionsByResource, PERMS_BY_RESOURCE)
        );
        let (cells, s) = header_line(&header.join(" ")).unwrap();
        assert_eq!(cells[0], "calendar");
        assert_eq!(cells.len(), 4);
        assert_eq!(s.kind, TableKind::PermissionsByResource);
        // Without the resource column, or with a different type column, it is not this table.
        assert!(table_schema(&header[1..]).is_none());
        assert!(table_schema(&["Calendar", "Delegated", "Personal", "Application"]).is_none());
        assert!(header_line(&header[1..].join(" ")).is_none());
    }
}
