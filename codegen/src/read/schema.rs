//! What the reader knows about reference pages, shared by both front-ends and
//! the extractor: which headings start which section, and which table headers
//! mean which columns. The text front-end can only recognise what is listed
//! here, so the extractor acts only on what is listed here too: that keeps the
//! two forms of one page reading the same.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

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
    t.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
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

/// Classifies a heading's text. `None`: a heading the reader does not know
/// (it neither opens nor closes a section).
pub fn classify_heading(text: &str) -> Option<HeadingKind> {
    let n = normalize(text);
    let section = match n.as_str() {
        "permissions" | "permission" | "prerequisites" => Some(Section::Permissions),
        "http request" | "http requests" => Some(Section::HttpRequest),
        "path parameters"
        | "query parameters"
        | "optional query parameters"
        | "odata query parameters"
        | "optional odata query parameters"
        | "query string parameters"
        | "function parameters"
        | "method parameters"
        | "request parameters"
        | "parameters"
        | "url parameters" => Some(Section::Parameters),
        "request headers" | "request header" | "optional request headers" => {
            Some(Section::RequestHeaders)
        }
        "request body" => Some(Section::RequestBody),
        "properties" => Some(Section::Properties),
        "relationships" => Some(Section::Relationships),
        "methods" => Some(Section::Methods),
        "json representation" => Some(Section::JsonRepresentation),
        "members" | "enum members" | "enum values" | "values" => Some(Section::Members),
        "see also" | "remarks" | "error responses" | "errors" | "error handling" | "next steps"
        | "what's new" | "derived types" | "exceptions" => Some(Section::Other),
        _ => None,
    };
    if let Some(s) = section {
        return Some(HeadingKind::Section(s));
    }
    if n.starts_with("permissions ") {
        return Some(HeadingKind::Section(Section::Permissions));
    }
    // "HTTP request (to upload a new file)", "HTTP requests for a user".
    if n.starts_with("http request ") || n.starts_with("http requests ") {
        return Some(HeadingKind::Section(Section::HttpRequest));
    }
    if EXAMPLE_REQUEST_RE.is_match(&n) {
        return Some(HeadingKind::ExampleRequest);
    }
    if EXAMPLE_RESPONSE_RE.is_match(&n) {
        return Some(HeadingKind::ExampleResponse);
    }
    if EXAMPLE_RE.is_match(&n) {
        return Some(HeadingKind::Example);
    }
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(c) = ENUM_VALUES_RE.captures(collapsed.trim_end_matches(':')) {
        return Some(HeadingKind::Section(Section::EnumValues(c[1].to_string())));
    }
    None
}

/// What a table holds, from its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableKind {
    /// Name / Type / Description (properties, parameters, relationships).
    Typed,
    /// Permission type / Permissions.
    Permissions,
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
const PERMS2: &[Col] = &[PermissionType, Permissions];
const PERMS3: &[Col] = &[PermissionType, Permissions, Permissions];

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
    let c = cell.replace(['*', '\u{a0}'], " ");
    c.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

static BY_CELLS: LazyLock<HashMap<Vec<String>, Schema>> = LazyLock::new(|| {
    SCHEMAS
        .iter()
        .map(|(cells, s)| (cells.iter().map(|c| c.to_string()).collect(), *s))
        .collect()
});

/// Header cells joined by single spaces (the text form of a header row) → (cells, schema).
static BY_LINE: LazyLock<HashMap<String, (Vec<String>, Schema)>> = LazyLock::new(|| {
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
pub fn table_schema(header: &[String]) -> Option<Schema> {
    let key: Vec<String> = header.iter().map(|c| normalize_cell(c)).collect();
    BY_CELLS.get(&key).copied()
}

/// When a text-form line is a known header row: its cells (lower case) and schema.
pub fn header_line(line: &str) -> Option<(Vec<String>, Schema)> {
    let n = normalize_cell(line);
    if n.len() > 120 {
        return None;
    }
    BY_LINE.get(&n).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn header_lines() {
        let (cells, s) = header_line("Property Type Description").unwrap();
        assert_eq!(cells.len(), 3);
        assert_eq!(s.kind, TableKind::Typed);
        let (_, s) = header_line(
            "Permission type Least privileged permissions Higher privileged permissions",
        )
        .unwrap();
        assert_eq!(s.cols.len(), 3);
        assert!(header_line("Property Type").is_none());
    }
}
