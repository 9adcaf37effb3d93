//! The one extractor: a block stream (from either front-end) → the page IR.

use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;

use super::blocks::{Block, Doc, Row, Text};
use super::http::{self, HttpBlock};
use super::json::{self, Parsed};
use super::scan::{self, contains_ci};
use super::schema::{self, Col, HeadingKind, Schema, Section, TableKind};
use super::text::parse_int;
use super::typeref::{self, clean_cell, clean_cell_cow, parse_type};
use crate::ir::{
    ApiVersion, Diagnostic, EnumDef, EnumMember, Example, ExampleRequest, ExampleResponse, Header,
    Operation, Page, PageKind, Permission, Property, RequestBody, Response, TypeRef,
};

static NAMESPACE_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^Namespace:\s*([A-Za-z][\w.]*)").unwrap());
static BETA_NOTICE_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)APIs under the /beta version").unwrap());
static INHERITS_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:inherits|derives|derived)\s+from\s+(?:the\s+)?(?:abstract\s+)?([A-Za-z][\w.]*)",
    )
    .unwrap()
});
/// Other sentences that name a base type, less plainly than "Inherits from X":
/// "derived from X and inherits properties from that resource", "inherits all
/// the properties of X", "The following properties are inherited from X".
/// They rank below a resource annotation's `baseType`.
static INHERITS_LOOSE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:derived\s+from|inherited\s+from|inherits\s+(?:all\s+)?(?:of\s+)?(?:the\s+)?properties\s+(?:of|from))\s+(?:the\s+)?(?:abstract\s+)?([A-Za-z][\w.]*)",
    )
    .unwrap()
});
/// Words an [`INHERITS_LOOSE_RE`] sentence can end on that name no type
/// ("inherited from a group", "from its parent").
const NOT_A_TYPE_NAME: &[&str] = &[
    "a",
    "an",
    "another",
    "any",
    "ancestors",
    "descendants",
    "each",
    "its",
    "other",
    "parent",
    "that",
    "their",
    "these",
    "this",
    "those",
    "which",
];
static BODY_TYPE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)JSON representation\s+(?:of|for)\s+(?:an?\s+|the\s+)?(?:new\s+|updated\s+)?(collection\s+of\s+)?([A-Za-z][\w.]*)\s+(?:objects?|resources?|entity|entities)")
        .unwrap()
});
static STATUS_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b([1-5]\d\d)\s+(?:[A-Z][A-Za-z]+|ok)\b").unwrap());
/// Where a response regex's group sits among the whitespace-separated words
/// of its match: each part of the regexes is one word, so the words say it.
type GroupAt = fn(&[&str]) -> Option<usize>;

/// Response sentence regexes, in order: (regex, collection, what any match
/// holds, tested first: one word of each group (none has a `k` or `s`, see
/// [`contains_ci`]), where the group is in the match).
#[allow(clippy::type_complexity)]
static RESPONSE_TYPE_RES: LazyLock<Vec<(Regex, bool, &[&[&str]], GroupAt)>> = LazyLock::new(|| {
    let any: [(&str, bool, &'static [&'static [&'static str]], GroupAt); 6] = [
        (
            r"(?i)\bcollection\s+of\s+(?:the\s+)?(?:new\s+|updated\s+|created\s+)?([A-Za-z][\w.]*)\s+(?:objects?|resources?|entities|entries|items|in\s+the\s+response)\b",
            true,
            &[&["collection"], &["of"]],
            |w| {
                let tail = if w.last()?.eq_ignore_ascii_case("response") {
                    4
                } else {
                    2
                };
                w.len().checked_sub(tail)
            },
        ),
        (
            r"(?i)\b([A-Za-z][\w.]*)\s+collection\s+(?:object\s+)?in\s+the\s+(?:response\s+)?body",
            true,
            &[&["collection"], &["body"]],
            |_| Some(0),
        ),
        (
            r"(?i)\b(?:list|array|set)\s+of\s+(?:the\s+)?([A-Za-z][\w.]*)\s+(?:objects?|resources?|entities|items)\b",
            true,
            &[&["of"], &["object", "ource", "entitie", "item"]],
            |w| w.len().checked_sub(2),
        ),
        (
            r"(?i)\b(?:the|requested)\s+([A-Za-z][\w.]*)\s+(?:objects|resources|entities)\s+in\s+the\s+response",
            true,
            &[&["object", "ource", "entitie"], &["pon"]],
            |_| Some(1),
        ),
        (
            r"(?i)\b(?:and|with|an?|the|updated|new)\s+(?:(?:an?|the)\s+)?(?:(?:new|updated|created|requested|corresponding|single|instance\s+of)\s+)?([A-Za-z][\w.]*)\s+(?:object|resource|entity)\b",
            false,
            &[&["object", "ource", "entity"]],
            |w| w.len().checked_sub(2),
        ),
        (
            r"(?i)\band\s+(?:an?\s+)?([A-Za-z][\w.]*)\s+in\s+the\s+response\s+body",
            false,
            &[&["and"], &["body"], &["pon"]],
            |w| w.len().checked_sub(5),
        ),
    ];
    any.into_iter()
        .map(|(r, c, words, at)| (Regex::new(r).unwrap(), c, words, at))
        .collect()
});

/// The group of a response regex in `sentence`: from the words of the match
/// (a DFA search) when that is plain text, else from the regex's captures.
fn response_group<'s>(re: &Regex, at: GroupAt, sentence: &'s str) -> Option<&'s str> {
    let m = re.find(sentence)?;
    if scan::plain(m.as_str()) {
        let words: Vec<&str> = m
            .as_str()
            .split(|c: char| c.is_ascii() && scan::is_space(c as u8))
            .filter(|w| !w.is_empty())
            .collect();
        if let Some(w) = at(&words).and_then(|i| words.get(i)) {
            return Some(w);
        }
    }
    re.captures(sentence)
        .map(|c| c.get(1).map_or("", |g| g.as_str()))
}
static RESOURCE_TITLE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^([A-Za-z][\w.]*)\s+(?:resource type|resource|complex type|entity type|entity|facet|object|type)\s*(?:\(.*\))?$")
        .unwrap()
});
static ENUM_TITLE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^([A-Za-z][\w.]*)\s+enum(?:\s+type|eration(?:\s+type)?)?\s*$").unwrap()
});
static OPERATION_TITLE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:get|list|create|update|delete|add|remove|post|put|patch|upload|download|send|replace|set|assign|cancel|invoke|call|retrieve|check|copy|move|reply|forward|restore|[a-z]+:)\b|^[a-z][A-Za-z0-9]*$").unwrap()
});
static PERMISSION_NAME_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Za-z][\w\-]*(?:\.[\w\-]+)+$").unwrap());

/// Words that a response sentence puts where a type name would be, but are not one.
const NOT_TYPES: &[&str] = &[
    "a",
    "an",
    "the",
    "new",
    "updated",
    "json",
    "response",
    "empty",
    "this",
    "that",
    "its",
    "same",
    "requested",
    "specified",
    "following",
    "object",
    "objects",
    "code",
    "body",
    "content",
    "no",
    "corresponding",
    "appropriate",
    "error",
    "property",
    "properties",
];

/// Where an example part is: its first line, its body's first line, its code block's first line.
#[derive(Debug, Clone, Copy)]
struct At {
    line: usize,
    body: usize,
    block: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sub {
    None,
    Request,
    Response,
}

struct Reader<'a, 'b> {
    source: &'a str,
    page: Page,
    section: Option<Section>,
    in_examples: bool,
    sub: Sub,
    note_next: bool,
    beta_notice: bool,
    http_section_seen: bool,
    members_table_seen: bool,
    statuses: Vec<u16>,
    response_type: Option<TypeRef>,
    body_type: Option<TypeRef>,
    annotation_type: Option<String>,
    annotation_base: Option<String>,
    /// A base type named by an [`INHERITS_LOOSE_RE`] sentence.
    loose_base: Option<String>,
    /// `METHOD /path` lines in code blocks outside the HTTP request section and
    /// the examples: the operation when a page has no HTTP request section.
    loose_requests: Vec<(String, String, usize)>,
    json_representation_seen: bool,
    /// The headings and paragraphs between the previous table or code block
    /// and the one being read.
    lead_in: &'b [Block<'b>],
}

impl Reader<'_, '_> {
    fn diag(&mut self, line: usize, code: &str, message: String) {
        self.page.diagnostics.push(Diagnostic {
            file: self.source.to_string(),
            line,
            code: code.to_string(),
            message,
        });
    }
}

/// OData's system query options, as a page may name them.
const QUERY_OPTIONS: &[&str] = &[
    "count",
    "deltatoken",
    "expand",
    "filter",
    "format",
    "orderby",
    "search",
    "select",
    "skip",
    "skiptoken",
    "top",
];

/// `$filter` (any case, `\$filter` as markdown escapes it): `filter`.
fn query_option_name(word: &str) -> Option<String> {
    option_named(word.trim_start_matches('\\').strip_prefix('$')?)
}

/// `filter` or `Filter`, a name in [`QUERY_OPTIONS`]: it, lower case.
fn option_named(name: &str) -> Option<String> {
    QUERY_OPTIONS
        .iter()
        .find(|o| o.eq_ignore_ascii_case(name))
        .map(|o| o.to_string())
}

/// The query options a sentence says the method supports: `$select`, or a
/// bare `select` in a sentence about OData query parameters ("supports the
/// `select` and `expand` OData query parameters"), lower case without `$`,
/// in order, repeats included. A sentence that says "not" or "no" supports
/// nothing ("`$filter` is not supported", "There is no support for `$search`").
fn supported_query_options(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for sentence in text.split_inclusive(". ") {
        let words: Vec<&str> = sentence
            .split(|c: char| !(c.is_alphanumeric() || c == '$' || c == '\''))
            .filter(|w| !w.is_empty())
            .collect();
        let says_not = words.iter().any(|w| {
            ["not", "no", "unsupported"]
                .iter()
                .any(|n| w.eq_ignore_ascii_case(n))
                || w.ends_with("n't")
        });
        if says_not
            || !words
                .iter()
                .any(|w| w.to_ascii_lowercase().starts_with("support"))
        {
            continue;
        }
        let about_odata = contains_ci(sentence, "odata");
        found.extend(words.into_iter().filter_map(|word| {
            query_option_name(word).or_else(|| about_odata.then(|| option_named(word)).flatten())
        }));
    }
    found
}

/// Reads a block stream into a page.
pub fn extract(source: &str, doc: Doc) -> Page {
    let title_index = doc
        .blocks
        .iter()
        .position(|b| matches!(b, Block::Heading { level: 1, .. }));
    let title = match title_index.map(|i| &doc.blocks[i]) {
        Some(Block::Heading { text, .. }) => text.to_string(),
        _ => doc
            .front_matter
            .as_ref()
            .and_then(|f| f.title.clone())
            .unwrap_or_default(),
    };
    let mut r = Reader {
        source,
        page: Page {
            title,
            diagnostics: doc.diagnostics.clone(),
            ..super::empty_page(source, doc.form)
        },
        section: None,
        in_examples: false,
        sub: Sub::None,
        note_next: false,
        beta_notice: false,
        http_section_seen: false,
        members_table_seen: false,
        statuses: Vec::new(),
        response_type: None,
        body_type: None,
        annotation_type: None,
        annotation_base: None,
        loose_base: None,
        loose_requests: Vec::new(),
        json_representation_seen: false,
        lead_in: &[],
    };
    if r.page.title.is_empty() {
        r.diag(
            1,
            "no-title",
            "page has no title (expected a `# ` heading, or the title as the first line)".into(),
        );
    }
    // Where the blocks since the last table or code block start: what a
    // values table says it is about (`### sortBy options`).
    let mut lead_in_from = 0;
    for (i, block) in doc.blocks.iter().enumerate() {
        if Some(i) == title_index {
            continue;
        }
        if matches!(block, Block::Table { .. } | Block::Code { .. }) {
            r.lead_in = &doc.blocks[lead_in_from..i];
            lead_in_from = i + 1;
        }
        match block {
            Block::Heading { text, .. } => r.heading(text),
            Block::Paragraph { text, .. } => {
                let after_code = i > 0 && matches!(doc.blocks[i - 1], Block::Code { .. });
                if !(after_code && r.other_body_below(text)) {
                    r.paragraph(text)
                }
            }
            Block::Include { name, path, line } => {
                // As `to_lowercase().contains`: the word has no `k` and does not end in `i`.
                if contains_ci(name, "beta-disclaimer") {
                    r.beta_notice = true;
                }
                // Found beside the page, it was put in its place; here it was not.
                if super::is_permissions_include(name, path) {
                    r.diag(
                        *line,
                        "include-unresolved",
                        format!("the permissions table is in the include `{path}`, which was not found beside the page; the page's permissions are not read (expected the docs' `includes/` folder next to the page's)"),
                    );
                }
            }
            Block::Table { header, rows, line } => r.table(header, rows, *line),
            Block::Code {
                text,
                line,
                annotation,
                ..
            } => r.code(text, *line, annotation.as_ref()),
        }
    }
    r.finish(&doc)
}

impl Reader<'_, '_> {
    fn heading(&mut self, text: &str) {
        match schema::classify_heading(text) {
            Some(HeadingKind::Section(section)) => {
                self.in_examples = false;
                self.sub = Sub::None;
                if section == Section::HttpRequest {
                    self.http_section_seen = true;
                }
                if section == Section::JsonRepresentation {
                    self.json_representation_seen = true;
                }
                self.section = Some(section);
            }
            Some(HeadingKind::Example) => {
                self.in_examples = true;
                self.sub = Sub::None;
                self.section = Some(Section::Examples);
            }
            Some(HeadingKind::ExampleRequest) => {
                self.in_examples = true;
                self.sub = Sub::Request;
                self.section = Some(Section::Examples);
            }
            Some(HeadingKind::ExampleResponse) => {
                // "Response" before any example is the section that states the status.
                if self.in_examples {
                    self.sub = Sub::Response;
                } else {
                    self.section = Some(Section::Response);
                }
            }
            // `### Attributes supported by $filter parameter`: a line the
            // text form cannot tell from a paragraph says it as well.
            None => self.add_supported_query_options(text),
        }
    }

    /// Under query parameters, the options a heading or paragraph says the
    /// method supports.
    fn add_supported_query_options(&mut self, text: &str) {
        if self.section == Some(Section::Parameters)
            && !self.in_examples
            && contains_ci(text, "support")
        {
            for option in supported_query_options(text) {
                self.add_query_option(option);
            }
        }
    }

    fn add_query_option(&mut self, option: String) {
        if !self.page.query_options.contains(&option) {
            self.page.query_options.push(option);
        }
    }

    fn paragraph(&mut self, text: &str) {
        // "Request:", "Example: vlookup", "**Response**": headings written as
        // paragraphs in markdown, and indistinguishable from headings in text.
        if text.len() <= 160 && schema::classify_heading(text).is_some() {
            self.heading(text);
            return;
        }
        if self.section == Some(Section::Properties)
            && text
                .trim()
                .trim_end_matches('.')
                .eq_ignore_ascii_case("none")
        {
            self.page.properties_none = true;
        }
        if contains_ci(text, "/beta") && BETA_NOTICE_RE.is_match(text) {
            self.beta_notice = true;
        }
        if self.page.namespace.is_none() && text.starts_with("Namespace:") {
            if let Some(ns) = namespace(text) {
                self.page.namespace = Some(ns.trim_end_matches('.').to_string());
                return;
            }
        }
        if matches!(self.section, None | Some(Section::Properties))
            && self.page.base_type.is_none()
            && contains_ci(text, "from")
        {
            if let Some(base) = inherited(text) {
                self.page.base_type = Some(strip_ns(base));
            }
        }
        if matches!(
            self.section,
            None | Some(Section::Properties | Section::JsonRepresentation)
        ) && self.page.base_type.is_none()
            && self.loose_base.is_none()
            && (contains_ci(text, "inherit") || contains_ci(text, "derived"))
        {
            self.loose_base = INHERITS_LOOSE_RE
                .captures_iter(text)
                .map(|c| c.get(1).map_or("", |g| g.as_str()))
                .find(|name| !NOT_A_TYPE_NAME.iter().any(|w| name.eq_ignore_ascii_case(w)))
                .map(strip_ns);
        }
        let is_alert = matches!(text, "Note" | "Important" | "Caution" | "Tip" | "Warning");
        if self.section.is_none() && !self.in_examples {
            let note = self.note_next || is_alert || is_notice(text);
            if self.page.description.is_none() && !note {
                self.page.description = Some(text.to_string());
            }
        }
        self.note_next = is_alert;
        self.add_supported_query_options(text);
        match &self.section {
            Some(Section::RequestBody) if self.body_type.is_none() => {
                let found = if contains_ci(text, "repre") {
                    BODY_TYPE_RE.captures(text)
                } else {
                    None
                };
                if let Some(c) = found {
                    let name = strip_ns(&c[2]);
                    if !NOT_TYPES.contains(&name.to_lowercase().as_str()) {
                        self.body_type = Some(TypeRef {
                            name,
                            collection: c.get(1).is_some(),
                        });
                    }
                }
            }
            Some(Section::Response) if !self.in_examples => {
                if scan::plain(text) {
                    self.statuses.extend(statuses(text));
                } else {
                    for c in STATUS_RE.captures_iter(text) {
                        if let Ok(s) = c[1].parse() {
                            self.statuses.push(s);
                        }
                    }
                }
                if self.response_type.is_none() {
                    self.response_type = response_type(text);
                }
            }
            Some(Section::Examples) if self.in_examples => {
                // Only the order of the two words matters: ASCII text needs no lower-cased copy.
                let (req, resp) = if text.is_ascii() {
                    (
                        find_word_ci(text, "request"),
                        find_word_ci(text, "response"),
                    )
                } else {
                    let lower = text.to_lowercase();
                    (find_word(&lower, "request"), find_word(&lower, "response"))
                };
                match (req, resp) {
                    (Some(_), None) => self.sub = Sub::Request,
                    (None, Some(_)) => self.sub = Sub::Response,
                    (Some(a), Some(b)) => {
                        self.sub = if b < a { Sub::Response } else { Sub::Request }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }

    fn table(&mut self, header: &[Text], rows: &[Row], line: usize) {
        // `| Property | Type | Description | |`: an empty last header cell is no column.
        let width = header
            .iter()
            .rposition(|c| !c.trim().is_empty())
            .map_or(0, |i| i + 1);
        let header = &header[..width];
        let trimmed: Vec<Row>;
        let rows = if rows.iter().any(|r| r.cells.len() > width) {
            trimmed = rows
                .iter()
                .map(|r| {
                    let mut cells = r.cells.clone();
                    while cells.len() > width && cells.last().is_some_and(|c| c.trim().is_empty()) {
                        cells.pop();
                    }
                    Row {
                        cells,
                        line: r.line,
                    }
                })
                .collect();
            &trimmed[..]
        } else {
            rows
        };
        let schema =
            schema::table_schema(header).map(|s| schema::in_section(s, self.section.as_ref()));
        let Some(schema) = schema else {
            // Under a section whose tables the reader reads, an unknown header
            // is reported, not skipped in silence.
            if let Some(section) = self.section.as_ref().filter(|s| s.reads_tables()) {
                let header = header.join(" | ");
                self.diag(
                    line,
                    "table-unknown",
                    format!("table `{header}` in the {section:?} section has a header the reader does not know, so its {} rows are not read (expected e.g. `Property | Type | Description`, `Name | Description`, `Permission type | Permissions`)", rows.len()),
                );
            }
            return;
        };
        // The table's name in diagnostics, built only for one.
        let label = || header.join(" | ");
        let mut good: Vec<&Row> = Vec::with_capacity(rows.len());
        for row in rows {
            if row.cells.len() == schema.cols.len() || schema.kind == TableKind::Methods {
                good.push(row);
            } else if is_group_label(row) {
                // `|**Onboarding**|`: a label that groups the rows below it, not data.
            } else {
                let expected = header.join(", ");
                self.diag(
                    row.line,
                    "table-row-shape",
                    format!(
                        "row of table `{}` (line {line}) has {} cell(s), expected {} ({expected}): `{}`",
                        label(),
                        row.cells.len(),
                        schema.cols.len(),
                        row.cells.join(" | ")
                    ),
                );
            }
        }
        // `| $filter | Filters results. |` under query parameters: an option
        // the method supports.
        if self.section == Some(Section::Parameters) && !self.in_examples {
            for row in &good {
                let name = clean_cell_cow(&row.cells[0]);
                if let Some(option) = query_option_name(&name) {
                    self.add_query_option(option);
                }
            }
        }
        match schema.kind {
            TableKind::Permissions => {
                // The IR lists least privileged first, whichever way the table runs.
                let most_first = header.iter().any(|c| contains_ci(c, "most to least"));
                if header.iter().any(|c| contains_ci(c, "acting on")) {
                    // A column per subject (self, others): read as the two
                    // tables older pages give them, one after the other.
                    for column in 1..schema.cols.len() {
                        self.permissions(&good, column..column + 1, most_first);
                    }
                } else {
                    self.permissions(&good, 1..schema.cols.len(), most_first)
                }
            }
            TableKind::PermissionsByResource => self.permissions_by_resource(header, &good),
            // Under Request headers every name-first table lists headers:
            // `Name | Description`, `Name | Value` (an enum's members
            // elsewhere), `Name | Type | Description`, `Name | Value | Description`.
            TableKind::NameValue | TableKind::Members | TableKind::Typed
                if self.section == Some(Section::RequestHeaders) =>
            {
                self.request_headers(&schema, &good)
            }
            TableKind::Typed => self.typed(header, &schema, &good),
            // Names with descriptions outside Request headers: parameters the
            // request line names, or prose.
            TableKind::NameValue => {}
            TableKind::Members => self.members(header, &schema, &good, line),
            TableKind::Methods => {}
        }
    }

    /// Header rows: the name, and as its value what the row says of it (a
    /// typed table's description; else the cells after the name, as written).
    fn request_headers(&mut self, schema: &Schema, rows: &[&Row]) {
        let description = (schema.kind == TableKind::Typed)
            .then(|| schema.cols.iter().position(|c| *c == Col::Rest))
            .flatten();
        for row in rows {
            let name = clean_cell(&row.cells[0]);
            if name.is_empty() {
                continue;
            }
            let value = match description {
                Some(c) => clean_cell(&row.cells[c]),
                None => {
                    let cells = row.cells[1..].iter().map(|c| clean_cell(c));
                    cells
                        .filter(|c| !c.is_empty())
                        .collect::<Vec<_>>()
                        .join(" ")
                }
            };
            self.page.request_headers.push(Header { name, value });
        }
    }

    /// One [`Permission`] per row: its type and the permissions of the
    /// `columns` given (all of them, or one subject's).
    fn permissions(&mut self, rows: &[&Row], columns: std::ops::Range<usize>, most_first: bool) {
        for row in rows {
            let permission_type = permission_type_name(&row.cells[0]);
            if permission_type.is_empty() {
                continue;
            }
            let mut permissions = Vec::new();
            // Every row here has the schema's cells.
            for cell in &row.cells[columns.clone()] {
                push_permission_names(&clean_cell_cow(cell), &mut permissions);
            }
            if most_first {
                permissions.reverse();
            }
            self.page.permissions.push(Permission {
                permission_type,
                permissions,
                resource: None,
                all_required: false,
            });
        }
    }

    /// A row per supported resource, a column per permission type: one
    /// [`Permission`] per cell, for its row's resource.
    fn permissions_by_resource(&mut self, header: &[Text], rows: &[&Row]) {
        for row in rows {
            let resource = clean_cell(&row.cells[0]);
            if resource.is_empty() {
                continue;
            }
            for (ty, cell) in header.iter().zip(&row.cells).skip(1) {
                let cell = clean_cell_cow(cell);
                let mut permissions = Vec::new();
                push_permission_names(&cell, &mut permissions);
                let all_required = cell
                    .split_whitespace()
                    .any(|w| w.eq_ignore_ascii_case("and"));
                self.page.permissions.push(Permission {
                    permission_type: permission_type_name(ty),
                    permissions,
                    resource: Some(resource.clone()),
                    all_required,
                });
            }
        }
    }

    fn typed(&mut self, header: &[Text], schema: &Schema, rows: &[&Row]) {
        // Needed only when the section does not say what the rows are.
        let first = || schema::normalize_cell(&header[0]);
        let desc_col = schema.cols.iter().position(|c| *c == Col::Rest);
        let mut props = Vec::with_capacity(rows.len());
        for row in rows {
            let mut name = clean_cell(&row.cells[0]);
            let ty_cell = clean_cell_cow(&row.cells[1]);
            let mut description = desc_col.map_or_else(String::new, |c| clean_cell(&row.cells[c]));
            // `content (deprecated)`: the name is `content` (a prefix of the
            // cell); the note stays with the row, at the head of its description.
            let (name_only, note) = typeref::name_note(&name, &ty_cell);
            if let Some(note) = note.filter(|n| !n.is_empty()) {
                description = if description.is_empty() {
                    format!("({note})")
                } else {
                    format!("({note}) {description}")
                };
            }
            name.truncate(name_only.len());
            // `educationOutcome collection. Holds grades…`: prose run into the
            // type cell heads the description (not part of the type, and not
            // dropped), as the text form, whose row has no cells, reads it.
            if let (_, Some(prose)) = typeref::split_run_on(&ty_cell) {
                let prose = prose.trim();
                if !prose.is_empty() {
                    description = if description.is_empty() {
                        prose.to_string()
                    } else {
                        format!("{prose} {description}")
                    };
                }
            }
            // `vendorInformation *` (older pages, above "(* Indicates a
            // mandatory field.)"): the star marks the row as required.
            let starred = typeref::required_star(&name).map(str::len);
            if let Some(len) = starred {
                name.truncate(len);
            }
            // "Device configuration" in a text row, `|**Device configuration**|` in markdown.
            if description.is_empty()
                && name.starts_with(|c: char| c.is_uppercase())
                && !ty_cell.is_empty()
                && ty_cell.chars().all(|c| c.is_lowercase())
            {
                continue;
            }
            if name.is_empty() || ty_cell.is_empty() {
                if !(name.is_empty() && ty_cell.is_empty() && description.is_empty()) {
                    self.diag(
                        row.line,
                        "table-row-shape",
                        format!("row of table `{}` has an empty {} cell, expected a name and a type: `{}`",
                            header.join(" | "), if name.is_empty() { "name" } else { "type" }, row.cells.join(" | ")),
                    );
                }
                continue;
            }
            let required_col = schema.cols.iter().position(|c| *c == Col::Word);
            // A Required column that answers wins over the description's wording
            // ("Required if hasPhysicalDevice is true." with `No` is optional).
            let answer = required_col.map(|c| clean_cell_cow(&row.cells[c]).to_ascii_lowercase());
            let required_column = match answer.as_deref() {
                Some("yes" | "y") => Some(true),
                Some("no" | "n") => Some(false),
                _ => None,
            };
            let required = required_column
                .unwrap_or_else(|| starred.is_some() || typeref::is_required(&description));
            props.push(Property {
                name,
                ty: parse_type(&ty_cell),
                required,
                required_column,
                read_only: typeref::is_read_only(&description),
                possible_values: typeref::possible_values(&description),
                description,
                line: row.line,
            });
        }
        // The section says what the rows are; the header only where the section does not.
        let dest = match self.section {
            Some(Section::Properties) => Some(&mut self.page.properties),
            Some(Section::Relationships) => Some(&mut self.page.relationships),
            _ if first().starts_with("relationship") => Some(&mut self.page.relationships),
            Some(Section::RequestBody) => {
                let body = self.page.request_body.get_or_insert_with(|| RequestBody {
                    properties: Vec::new(),
                    ty: None,
                });
                Some(&mut body.properties)
            }
            Some(Section::Parameters) | Some(Section::HttpRequest) => {
                Some(&mut self.page.parameters)
            }
            None if first().contains("parameter") => Some(&mut self.page.parameters),
            None if first().starts_with("property") => Some(&mut self.page.properties),
            _ => None,
        };
        if let Some(dest) = dest {
            dest.extend(props);
        }
    }

    fn members(&mut self, header: &[Text], schema: &Schema, rows: &[&Row], line: usize) {
        let value_col = schema.cols.iter().position(|c| *c == Col::Int);
        let desc_col = schema.cols.iter().position(|c| *c == Col::Rest);
        let members: Vec<EnumMember> = rows
            .iter()
            .filter_map(|row| {
                let name = clean_cell(&row.cells[0]);
                if name.is_empty() {
                    return None;
                }
                Some(EnumMember {
                    name,
                    value: value_col.and_then(|c| parse_int(&clean_cell_cow(&row.cells[c]))),
                    description: desc_col
                        .map(|c| clean_cell(&row.cells[c]))
                        .unwrap_or_default(),
                })
            })
            .collect();
        match self.section.clone() {
            Some(Section::EnumValues(name)) => {
                match self.page.enums.iter_mut().find(|e| e.name == name) {
                    Some(e) => e.members.extend(members),
                    None => self.page.enums.push(EnumDef { name, members }),
                }
            }
            Some(Section::Members) | None => {
                self.members_table_seen = true;
                self.page.members.extend(members);
            }
            // A list of values under a section of other rows (`Value | Description`
            // under `### sortBy options`): the values of the one entry the lines
            // before it name, else reported, as the reader cannot tell whose.
            Some(section) if section.reads_tables() => {
                if let Some(entry) = self.entry_named_by_lead_in(&section, header) {
                    // The description may have listed them already, even in
                    // another case (user.md: `minorWithOutParentalConsent` there,
                    // `minorWithoutParentalConsent` in the table): one member each.
                    for m in members {
                        let known = entry
                            .possible_values
                            .iter()
                            .any(|v| v.eq_ignore_ascii_case(&m.name));
                        if !known {
                            entry.possible_values.push(m.name);
                        }
                    }
                    return;
                }
                let header = header.join(" | ");
                self.diag(
                    line,
                    "table-not-read",
                    format!("table `{header}` in the {section:?} section lists names and values, not the section's entries, and the lines before it name no one entry they belong to; its {} rows are not read (expected a heading or sentence just before the table naming one entry, e.g. `### sortBy options`, or the values in that entry's description: `Possible values are: …`)", members.len()),
                );
            }
            _ => {}
        }
    }

    /// The entry of the section's table that a values table is about: the
    /// one its header names (`DisplayAs value | Description`), else the one
    /// the nearest heading or paragraph before it names, when it names exactly
    /// one (`sortBy options`, "values defined for the **type** property").
    fn entry_named_by_lead_in(
        &mut self,
        section: &Section,
        header: &[Text],
    ) -> Option<&mut Property> {
        let entries = match section {
            Section::Properties => &mut self.page.properties,
            Section::Parameters => &mut self.page.parameters,
            Section::RequestBody => &mut self.page.request_body.as_mut()?.properties,
            _ => return None,
        };
        if let Some(named) = header.first().and_then(|h| schema::values_of(h)) {
            let at = entries
                .iter()
                .position(|e| e.name.eq_ignore_ascii_case(named))?;
            return Some(&mut entries[at]);
        }
        // A sentence that names several entries (`… based on the user's
        // ageGroup and consentProvidedForMinor properties`) does not say which
        // one: the lines above it may.
        for block in self.lead_in.iter().rev() {
            let text = match block {
                Block::Heading { text, .. } | Block::Paragraph { text, .. } => text,
                _ => continue,
            };
            // A section's heading: the lines above it are about something else.
            if matches!(
                schema::classify_heading(text),
                Some(HeadingKind::Section(_))
            ) {
                return None;
            }
            let words = || {
                text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .filter(|word| !word.is_empty())
            };
            // `#### Legal age group classification`: a heading (a short line
            // without a stop, in the text form) that spells the entry's name in words.
            if !text.ends_with(['.', ':']) && words().nth(8).is_none() {
                let joined: String = words().collect();
                if let Some(at) = entries
                    .iter()
                    .position(|e| e.name.eq_ignore_ascii_case(&joined))
                {
                    return Some(&mut entries[at]);
                }
            }
            let mut named = words().filter_map(|word| {
                entries
                    .iter()
                    .position(|e| e.name.eq_ignore_ascii_case(word))
            });
            if let Some(first) = named.next() {
                if named.all(|other| other == first) {
                    return Some(&mut entries[first]);
                }
            }
        }
        None
    }

    fn code(&mut self, text: &str, line: usize, annotation: Option<&Value>) {
        if self.section == Some(Section::HttpRequest) && !self.in_examples {
            for (idx, l) in scan::lines(text).enumerate() {
                if let Some((method, target)) = http::request_line(l) {
                    add_operation(&mut self.page.operations, method, &target, line + idx);
                }
            }
            return;
        }
        if !self.in_examples && self.section != Some(Section::JsonRepresentation) {
            for (idx, l) in scan::lines(text).enumerate() {
                if let Some((method, target)) = http::request_parts(l) {
                    if target.starts_with('/') {
                        let request = (method.to_string(), target.to_string(), line + idx);
                        self.loose_requests.push(request);
                    }
                }
            }
        }
        if let Some(a) = annotation {
            if a.get("blockType").and_then(Value::as_str) == Some("resource") {
                if let Some(t) = a.get("@odata.type").and_then(Value::as_str) {
                    self.annotation_type = Some(strip_ns(t));
                }
                if let Some(t) = a
                    .get("baseType")
                    .and_then(Value::as_str)
                    .filter(|t| !t.trim().is_empty())
                {
                    self.annotation_base = Some(strip_ns(t));
                }
            }
        }
        if self.in_examples {
            for (offset, segment) in http::segments(text) {
                self.example(segment, line + offset, annotation);
            }
        }
    }

    fn example(&mut self, text: &str, line: usize, annotation: Option<&Value>) {
        let name = annotation
            .and_then(|a| a.get("name"))
            .and_then(Value::as_str)
            .map(str::to_string);
        match http::parse_block(text) {
            HttpBlock::Request {
                method,
                url,
                headers,
                body,
                offset,
                body_offset,
            } => {
                let at = At {
                    line: line + offset,
                    body: line + body_offset,
                    block: line,
                };
                let (body, raw_body, _) = self.body(body, &headers, at, "request");
                self.page.examples.push(Example {
                    name,
                    request: Some(ExampleRequest {
                        method,
                        url,
                        headers,
                        body,
                        raw_body,
                        line: line + offset,
                    }),
                    response: None,
                });
                self.sub = Sub::Request;
            }
            HttpBlock::Response {
                status,
                headers,
                body,
                offset,
                body_offset,
            } => {
                let at = At {
                    line: line + offset,
                    body: line + body_offset,
                    block: line,
                };
                self.response(Some(status), headers, body, at, annotation, name)
            }
            HttpBlock::Json { body, offset } => {
                let at = At {
                    line: line + offset,
                    body: line + offset,
                    block: line,
                };
                self.json_block(body, at, annotation, name)
            }
            HttpBlock::Other => {}
        }
    }

    /// Whether `text`, a paragraph just below an example's code block, is that
    /// example's body: the block declares a body that is not JSON and holds
    /// none, and the paragraph reads as one (`893` below `Content-type:
    /// text/plain`, written outside the fence). It becomes the raw body, as the
    /// text form, which cannot see the fence, reads it too.
    fn other_body_below(&mut self, text: &str) -> bool {
        if !self.in_examples || !http::reads_as_other_body(&[text]) {
            return false;
        }
        // As the text form reads the headers of its code.
        let declares_other = |headers: &[Header]| {
            http::non_json_media(headers.iter().map(|h| (h.name.as_str(), h.value.as_str())))
                .is_some()
        };
        let Some(example) = self.page.examples.last_mut() else {
            return false;
        };
        let slot = match (&mut example.request, &mut example.response) {
            (_, Some(r)) => (http::carries_body(None, r.status)
                && declares_other(&r.headers)
                && r.body.is_none())
            .then_some(&mut r.raw_body),
            (Some(q), None) => (http::carries_body(Some(&q.method), None)
                && declares_other(&q.headers)
                && q.body.is_none())
            .then_some(&mut q.raw_body),
            (None, None) => None,
        };
        match slot {
            Some(raw) if raw.is_none() => {
                *raw = Some(text.to_string());
                true
            }
            _ => false,
        }
    }

    /// A code block that is only JSON: the body of the request or response
    /// before it when that has none (the text form cannot tell one code block
    /// from two adjacent ones, so neither does this), else a response body when
    /// the example is at its response.
    fn json_block(
        &mut self,
        body: String,
        at: At,
        annotation: Option<&Value>,
        name: Option<String>,
    ) {
        let block_type = annotation
            .and_then(|a| a.get("blockType"))
            .and_then(Value::as_str);
        let sub = self.sub;
        let target = self
            .page
            .examples
            .last()
            .map(|ex| match (&ex.request, &ex.response) {
                (_, Some(r)) if r.body.is_none() && r.raw_body.is_none() => {
                    Some((false, r.headers.clone()))
                }
                (Some(q), None)
                    if q.body.is_none()
                        && q.raw_body.is_none()
                        && sub != Sub::Response
                        && matches!(q.method.as_str(), "POST" | "PATCH" | "PUT") =>
                {
                    Some((true, q.headers.clone()))
                }
                _ => None,
            });
        match target.flatten() {
            Some((true, headers)) => {
                let (b, raw, _) = self.body(Some(body), &headers, at, "request");
                if let Some(Some(q)) = self.page.examples.last_mut().map(|e| e.request.as_mut()) {
                    q.body = b;
                    q.raw_body = raw;
                }
            }
            Some((false, headers)) => {
                let (b, raw, lenient) = self.body(Some(body), &headers, at, "response");
                if let Some(Some(r)) = self.page.examples.last_mut().map(|e| e.response.as_mut()) {
                    r.body = b;
                    r.raw_body = raw;
                    r.truncated |= lenient;
                }
            }
            None => {
                if sub == Sub::Response || block_type == Some("response") {
                    self.response(None, Vec::new(), Some(body), at, annotation, name);
                }
            }
        }
    }

    fn response(
        &mut self,
        status: Option<u16>,
        headers: Vec<Header>,
        body: Option<String>,
        at: At,
        annotation: Option<&Value>,
        name: Option<String>,
    ) {
        let (body, raw_body, lenient) = self.body(body, &headers, at, "response");
        let flag = |key: &str| {
            annotation.and_then(|a| a.get(key)).is_some_and(|v| {
                v.as_bool() == Some(true)
                    || v.as_str().is_some_and(|s| s.eq_ignore_ascii_case("true"))
            })
        };
        let response = ExampleResponse {
            status,
            headers,
            body,
            raw_body,
            truncated: flag("truncated") || lenient,
            odata_type: annotation
                .and_then(|a| a.get("@odata.type"))
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
                .map(str::to_string),
            is_collection: flag("isCollection"),
            line: at.line,
        };
        match self.page.examples.last_mut() {
            Some(ex) if ex.response.is_none() && ex.request.is_some() => {
                ex.response = Some(response)
            }
            _ => self.page.examples.push(Example {
                name,
                request: None,
                response: Some(response),
            }),
        }
        self.sub = Sub::Response;
    }

    /// Reads an example body: JSON, lenient JSON (flagged), or kept raw.
    fn body(
        &mut self,
        body: Option<String>,
        headers: &[Header],
        at: At,
        what: &str,
    ) -> (Option<Value>, Option<String>, bool) {
        let Some(text) = body else {
            return (None, None, false);
        };
        // `893` for a $count, text/plain, multipart: kept as written.
        if !http::json_start(&text) {
            return (None, Some(text), false);
        }
        match json::parse_body(&text) {
            Parsed::Strict(v) => (Some(v), None, false),
            Parsed::Lenient(v) => (Some(v), None, true),
            Parsed::Invalid(err) => {
                if super::body_meant_as_json(&text, headers) {
                    self.diag(
                        at.body,
                        "json-invalid",
                        format!("example {what} body (code block at line {}) is not JSON even after removing comments and `...`: {err}; kept as raw_body (expected a JSON object or array)", at.block),
                    );
                }
                (None, Some(text), false)
            }
        }
    }

    fn finish(mut self, doc: &Doc) -> Page {
        let title = self.page.title.clone();
        // ---- kind ----
        let doc_type = doc.front_matter.as_ref().and_then(|f| {
            f.doc_type
                .as_ref()
                .map(|d| (d.trim().trim_end_matches('_').to_string(), f.doc_type_line))
        });
        let by_doc = match &doc_type {
            Some((d, line)) => match d.to_lowercase().as_str() {
                "apipagetype" => Some(PageKind::Operation),
                "resourcepagetype" => Some(PageKind::Resource),
                "enumpagetype" => Some(PageKind::Enum),
                "conceptualpagetype" => Some(PageKind::Other),
                _ => {
                    let (d, line) = (d.clone(), *line);
                    self.diag(line, "unknown-doc-type", format!("doc_type `{d}` is not one of apiPageType, resourcePageType, enumPageType, conceptualPageType; kind taken from the content"));
                    None
                }
            },
            None => None,
        };
        // As on the lower-cased title: no word here has a `k` or ends in `i`.
        let title_kind = if contains_ci(&title, " resource type") {
            Some(PageKind::Resource)
        } else if may_be_enum_title(title.trim()) && ENUM_TITLE_RE.is_match(title.trim())
            || contains_ci(&title, " enum ")
            || scan::ends_with_ci(&title, " enum values")
            || scan::ends_with_ci(&title, " enumeration values")
            || scan::starts_with_ci(&title, "enum ")
        {
            Some(PageKind::Enum)
        } else {
            None
        };
        let has_section_ops = !self.page.operations.is_empty();
        if self.page.operations.is_empty() {
            for (method, target, line) in std::mem::take(&mut self.loose_requests) {
                add_operation(&mut self.page.operations, method, &target, line);
            }
        }
        dedup_long_path_lists(&mut self.page.operations);
        let has_ops = !self.page.operations.is_empty();
        // Request lines outside an HTTP request section make an operation page
        // only when the title names an operation (overviews show requests too).
        let operation_title = || OPERATION_TITLE_RE.is_match(title.trim());
        let kind = match by_doc {
            // A page filed as an API page that documents a type: the content wins.
            Some(PageKind::Operation) if !has_ops && title_kind.is_some() => {
                let k = title_kind.unwrap_or(PageKind::Other);
                self.diag(
                    doc_type.as_ref().map_or(1, |d| d.1),
                    "doc-type-mismatch",
                    format!("doc_type says apiPageType but the page has no HTTP request and its title `{title}` names a type; read as {k:?}"),
                );
                k
            }
            // A page filed as a type that documents an HTTP request: the content wins.
            Some(PageKind::Resource | PageKind::Enum)
                if has_section_ops && title_kind.is_none() =>
            {
                self.diag(
                    doc_type.as_ref().map_or(1, |d| d.1),
                    "doc-type-mismatch",
                    format!("doc_type says a type page but the page documents an HTTP request and its title `{title}` names no type; read as Operation"),
                );
                PageKind::Operation
            }
            Some(k) => k,
            None => {
                if let Some(k) = title_kind {
                    k
                } else if has_section_ops
                    || self.http_section_seen
                    || (has_ops && operation_title())
                {
                    PageKind::Operation
                } else if (self.members_table_seen || !self.page.enums.is_empty())
                    && self.page.properties.is_empty()
                    && self.page.relationships.is_empty()
                {
                    PageKind::Enum
                } else if !self.page.properties.is_empty()
                    || self.json_representation_seen
                    || (may_be_resource_title(title.trim())
                        && RESOURCE_TITLE_RE.is_match(title.trim()))
                {
                    // "System facet", "FieldValueSet resource": a type page
                    // even with no properties (API pages show no JSON representation).
                    PageKind::Resource
                } else {
                    PageKind::Other
                }
            }
        };
        self.page.kind = kind;

        // ---- request body and response ----
        if let Some(ty) = self.body_type.take() {
            self.page
                .request_body
                .get_or_insert_with(|| RequestBody {
                    properties: Vec::new(),
                    ty: None,
                })
                .ty = Some(ty);
        }
        let status = self
            .statuses
            .iter()
            .copied()
            .find(|s| (200..300).contains(s))
            .or_else(|| self.statuses.first().copied());
        if status.is_some() || self.response_type.is_some() {
            self.page.response = Some(Response {
                status,
                ty: self.response_type.take(),
            });
        }

        // ---- type pages ----
        let namespace = self.page.namespace.as_deref();
        for e in &mut self.page.enums {
            e.name = qualified(std::mem::take(&mut e.name), namespace);
        }
        match kind {
            PageKind::Resource => {
                let from_title = Some(title.trim())
                    .filter(|t| may_be_resource_title(t) && RESOURCE_TITLE_RE.is_match(t))
                    .map(|t| first_token(t).to_string())
                    .or_else(|| single_word(&title))
                    .or_else(|| title_word_naming_file(&title, self.source));
                // The resource annotation's `@odata.type` is the type's Graph
                // name where a title uses an older or shorter one (`ChartFont`
                // resource type for `workbookChartFont`, `Teacher` for
                // `educationTeacher`). Where both name one type, the title's
                // spelling stays (annotations misspell case: `orgcontact`).
                // The text form has only the title.
                let from_title = from_title.map(|t| qualified(t, namespace));
                // An annotation names its namespace itself (`microsoft.graph.callRecords.endpoint`).
                let annotated = self.annotation_type.clone();
                (self.page.type_name, self.page.type_alias) = match (annotated, from_title) {
                    (Some(annotated), Some(titled)) if annotated.eq_ignore_ascii_case(&titled) => {
                        (Some(titled), None)
                    }
                    // References use both names (`[TableRow](tablerow.md)`, `workbookTableRow`).
                    (Some(annotated), titled) => (Some(annotated), titled),
                    (None, titled) => (titled, None),
                };
                if self.page.type_name.is_none()
                    && !(self.page.properties.is_empty() && self.page.relationships.is_empty())
                {
                    self.diag(
                        1,
                        "no-type-name",
                        format!("resource page `{title}` has properties but names no type, so they belong to none (expected a title like `user resource type` or a `\"@odata.type\"` annotation)"),
                    );
                }
                if self.page.base_type.is_none() {
                    self.page.base_type = self
                        .annotation_base
                        .clone()
                        .or_else(|| self.loose_base.clone());
                }
            }
            PageKind::Enum => {
                self.page.type_name = Some(title.trim())
                    .filter(|t| may_be_enum_title(t) && ENUM_TITLE_RE.is_match(t))
                    .map(|t| first_token(t).to_string())
                    .or_else(|| single_word(&title))
                    .map(|t| qualified(t, namespace));
                if self.page.members.is_empty() {
                    // An enum page whose members sit under "### x values" headings.
                    if let [only] = self.page.enums.as_slice() {
                        if self
                            .page
                            .type_name
                            .as_deref()
                            .is_none_or(|t| t == only.name)
                        {
                            self.page.members = only.members.clone();
                        }
                    }
                }
                if self.page.members.is_empty() && self.page.enums.is_empty() {
                    self.diag(1, "enum-no-members", "enum page has no members table (expected a Member / Value / Description table)".into());
                }
            }
            PageKind::Operation => {
                if self.page.operations.is_empty() {
                    let msg = if self.http_section_seen {
                        "the HTTP request section has no request line (expected `METHOD /path`)"
                    } else {
                        "operation page has no HTTP request section (expected a `HTTP request` heading followed by `METHOD /path` lines)"
                    };
                    self.diag(1, "no-http-request", msg.into());
                }
            }
            PageKind::Other => {}
        }

        // ---- API version ----
        let path = self.source.replace('\\', "/");
        self.page.api_version = if path.contains("/beta/") || path.starts_with("beta/") {
            Some(ApiVersion::Beta)
        } else if path.contains("/v1.0/") || path.starts_with("v1.0/") {
            Some(ApiVersion::V1_0)
        } else if self.beta_notice {
            Some(ApiVersion::Beta)
        } else {
            self.page
                .examples
                .iter()
                .filter_map(|e| e.request.as_ref())
                .find_map(|r| version_of_url(&r.url))
        };
        self.page
    }
}

/// A one-cell row of a few capitalised words without a full stop.
fn is_group_label(row: &Row) -> bool {
    let [cell] = row.cells.as_slice() else {
        return false;
    };
    let text = clean_cell_cow(cell);
    let words: Vec<&str> = text.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 5
        && words[0].starts_with(|c: char| c.is_uppercase())
        && !text.ends_with('.')
        && !text.contains([',', '(', ':'])
}

/// The name group of a title regex that matched: both start
/// `^([A-Za-z][\w.]*)\s+`, so the group is the title's first word.
fn first_token(title: &str) -> &str {
    title.split(char::is_whitespace).next().unwrap_or("")
}

/// The base type of [`INHERITS_RE`]: its group ends the match and follows a
/// space, so on plain text it is the match's last word (a DFA search, no captures).
fn inherited(text: &str) -> Option<&str> {
    let m = INHERITS_RE.find(text)?;
    if scan::plain(m.as_str()) {
        let last = m
            .as_str()
            .rsplit(|c: char| c.is_ascii() && scan::is_space(c as u8))
            .next();
        if let Some(w) = last.filter(|w| !w.is_empty()) {
            return Some(w);
        }
    }
    INHERITS_RE
        .captures(text)
        .map(|c| c.get(1).map_or("", |g| g.as_str()))
}

/// [`find_word`] of the lower-cased `text`, for ASCII text (where lower-casing
/// keeps every byte where it is) and a lower-case word.
fn find_word_ci(text: &str, word: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut from = 0;
    while let Some(at) = scan::find_ci_from(text, word, from) {
        let before = at.checked_sub(1).map(|i| b[i]);
        let after = b.get(at + word.len()).copied();
        if !before.is_some_and(|c| c.is_ascii_alphanumeric())
            && !after.is_some_and(|c| c.is_ascii_alphanumeric())
        {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Whether [`ENUM_TITLE_RE`] can match the trimmed title: it ends in one of
/// these words (none has a `k` or `s`, see [`contains_ci`]).
fn may_be_enum_title(t: &str) -> bool {
    ["enum", "type", "enumeration"]
        .iter()
        .any(|w| scan::ends_with_ci(t, w))
}

/// Whether [`RESOURCE_TITLE_RE`] can match the trimmed title: it ends in a
/// parenthesis or in one of its nouns (`ource` for resource: no `s`).
fn may_be_resource_title(t: &str) -> bool {
    t.ends_with(')')
        || ["type", "ource", "entity", "facet", "object"]
            .iter()
            .any(|w| scan::ends_with_ci(t, w))
}

/// The name of `^Namespace:\s*([A-Za-z][\w.]*)`, by hand on plain text.
fn namespace(text: &str) -> Option<&str> {
    if !scan::plain(text) {
        return NAMESPACE_RE
            .captures(text)
            .map(|c| c.get(1).map_or("", |m| m.as_str()));
    }
    let r = text.strip_prefix("Namespace:")?;
    let r = r.trim_start_matches(|c: char| scan::is_space(c as u8));
    if !r.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let end = r
        .bytes()
        .position(|c| !(scan::is_word(c) || c == b'.'))
        .unwrap_or(r.len());
    Some(&r[..end])
}

/// The codes of `\b([1-5]\d\d)\s+(?:[A-Z][A-Za-z]+|ok)\b` in plain text,
/// as `captures_iter` finds them (left to right, not overlapping).
fn statuses(text: &str) -> Vec<u16> {
    let b = text.as_bytes();
    let word_end = |i: usize| b.get(i).is_none_or(|&c| !scan::is_word(c));
    let mut found = Vec::new();
    let mut i = 0;
    while i + 3 <= b.len() {
        let start = i;
        i += 1;
        if !(b'1'..=b'5').contains(&b[start])
            || !b[start + 1].is_ascii_digit()
            || !b[start + 2].is_ascii_digit()
            || (start > 0 && scan::is_word(b[start - 1]))
        {
            continue;
        }
        let spaces = b[start + 3..]
            .iter()
            .take_while(|&&c| scan::is_space(c))
            .count();
        if spaces == 0 {
            continue;
        }
        let p = start + 3 + spaces;
        let end = if b.get(p).is_some_and(u8::is_ascii_uppercase) {
            let letters = b[p + 1..]
                .iter()
                .take_while(|c| c.is_ascii_alphabetic())
                .count();
            (letters > 0 && word_end(p + 1 + letters)).then_some(p + 1 + letters)
        } else if b[p..].starts_with(b"ok") && word_end(p + 2) {
            Some(p + 2)
        } else {
            None
        };
        if let Some(end) = end {
            found.extend(text[start..start + 3].parse::<u16>().ok());
            i = end;
        }
    }
    found
}

/// Adds the permission names a cell lists (`A, B`, `A and B`, prose around
/// them) that `names` does not hold yet, in the cell's order.
fn push_permission_names(cell: &str, names: &mut Vec<String>) {
    for name in cell.split([',', ' ', ';']) {
        let name = name.trim().trim_end_matches('.');
        if is_permission_name(name) && !names.iter().any(|p| p == name) {
            names.push(name.to_string());
        }
    }
}

/// A permission type column's header as the docs spell it in the usual
/// table's rows (the text form's header cells come lower case).
/// A permission type as the docs spell it when it is a known one
/// ([`schema::known_permission_type`]), else as written.
fn permission_type_name(cell: &str) -> String {
    let cell = clean_cell(cell);
    schema::known_permission_type(&cell).map_or(cell, str::to_string)
}

/// `^[A-Za-z][\w\-]*(?:\.[\w\-]+)+$`: `User.Read.All`. By hand for ASCII.
pub(super) fn is_permission_name(name: &str) -> bool {
    if !name.is_ascii() {
        return PERMISSION_NAME_RE.is_match(name);
    }
    let mut parts = name.split('.');
    let part_ok = |p: &str| p.bytes().all(|c| scan::is_word(c) || c == b'-');
    parts
        .next()
        .is_some_and(|first| first.starts_with(|c: char| c.is_ascii_alphabetic()) && part_ok(first))
        && name.contains('.')
        && parts.all(|p| !p.is_empty() && part_ok(p))
}

/// Adds a request to the operation of its method, unless that has the path
/// already (a page has a few operations: looking is cheaper than hashing).
fn add_operation(ops: &mut Vec<Operation>, method: String, target: &str, line: usize) {
    let path = http::operation_path(target);
    match ops.iter_mut().find(|o| o.method == method) {
        // A long list is left to `dedup_long_path_lists`: searching it per path is quadratic.
        Some(op) if op.paths.len() <= LINEAR_PATHS && op.paths.contains(&path) => {}
        Some(op) => op.paths.push(path),
        None => ops.push(Operation {
            method,
            paths: vec![path],
            line,
        }),
    }
}

/// Up to this many paths per operation, a new path is looked up in the list.
const LINEAR_PATHS: usize = 32;

/// Drops the repeats of a path (keeping the first) from operations whose list
/// grew past [`LINEAR_PATHS`], where [`add_operation`] stopped looking.
fn dedup_long_path_lists(ops: &mut [Operation]) {
    for op in ops.iter_mut().filter(|o| o.paths.len() > LINEAR_PATHS) {
        let mut seen = std::collections::HashSet::with_capacity(op.paths.len());
        op.paths.retain(|p| seen.insert(p.clone()));
    }
}

fn version_of_url(url: &str) -> Option<ApiVersion> {
    let rest = url.split("graph.microsoft.com/").nth(1)?;
    if rest.starts_with("beta") {
        Some(ApiVersion::Beta)
    } else if rest.starts_with("v1.0") {
        Some(ApiVersion::V1_0)
    } else {
        None
    }
}

/// Lines under the title that are not the page's description.
fn is_notice(text: &str) -> bool {
    // As `to_lowercase().starts_with`: no prefix has a `k` or ends in `i`.
    [
        "note:",
        "important:",
        "caution:",
        "tip:",
        "warning:",
        "namespace:",
        "this api is available in the following",
        "global service",
        "apis under the /beta version",
        "[!",
    ]
    .iter()
    .any(|p| scan::starts_with_ci(text, p))
}

fn find_word(haystack: &str, word: &str) -> Option<usize> {
    haystack.match_indices(word).map(|(i, _)| i).find(|&i| {
        let before = haystack[..i].chars().next_back();
        let after = haystack[i + word.len()..].chars().next();
        !before.is_some_and(|c| c.is_alphanumeric()) && !after.is_some_and(|c| c.is_alphanumeric())
    })
}

/// A type name as Graph's metadata spells it, less `microsoft.graph.`: a
/// page in a sub-namespace (`Namespace: microsoft.graph.callRecords`) defines
/// `callRecords.endpoint`, which references name so, and not the `endpoint`
/// or `mediaStream` of microsoft.graph itself.
fn qualified(name: String, namespace: Option<&str>) -> String {
    crate::ir::in_page_namespace(namespace, &name).unwrap_or(name)
}

fn strip_ns(name: &str) -> String {
    parse_type(name).name
}

/// A title word that is the page's file name (`Invitation manager` in
/// `invitation.md`): the type, first letter lower case as Graph names go.
fn title_word_naming_file(title: &str, source: &str) -> Option<String> {
    let stem = source.rsplit(['/', '\\']).next()?.split('.').next()?;
    let word = title
        .split_whitespace()
        .find(|w| w.eq_ignore_ascii_case(stem))?;
    let mut chars = word.chars();
    let first = chars.next()?;
    Some(first.to_lowercase().chain(chars).collect())
}

fn single_word(title: &str) -> Option<String> {
    let t = title.trim();
    (!t.is_empty() && !t.contains(' ')).then(|| t.to_string())
}

/// The type a Response section sentence names: "…and a X object in the response
/// body", "a collection of X objects", "X collection in the response body".
fn response_type(text: &str) -> Option<TypeRef> {
    // Only the sentence that talks about the body.
    for sentence in text.split(". ") {
        // As `to_lowercase().contains(…)`: only KELVIN SIGN and `İ` lower-case
        // to ASCII, and these words hold neither `k` nor `i`.
        if !contains_ci(sentence, "response body") && !contains_ci(sentence, "returns") {
            continue;
        }
        for (re, collection, groups, at) in RESPONSE_TYPE_RES.iter() {
            let holds = |group: &&[&str]| group.iter().any(|w| contains_ci(sentence, w));
            if !groups.iter().all(holds) {
                continue;
            }
            if let Some(group) = response_group(re, *at, sentence) {
                let name = strip_ns(group);
                if NOT_TYPES.contains(&name.to_lowercase().as_str()) {
                    continue;
                }
                return Some(TypeRef {
                    name,
                    collection: *collection,
                });
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page's diagnostics as (code, line).
    fn codes_at(page: &Page) -> Vec<(&str, usize)> {
        page.diagnostics
            .iter()
            .map(|d| (&*d.code, d.line))
            .collect()
    }

    #[test]
    fn repeated_paths_are_dropped_in_short_and_long_lists() {
        for distinct in [3, LINEAR_PATHS, LINEAR_PATHS + 1, 100] {
            let mut ops = Vec::new();
            for round in 0..3 {
                for i in 0..distinct {
                    add_operation(
                        &mut ops,
                        "GET".into(),
                        &format!("/a/{i}"),
                        round * distinct + i,
                    );
                }
            }
            dedup_long_path_lists(&mut ops);
            let expected: Vec<String> = (0..distinct).map(|i| format!("/a/{i}")).collect();
            assert_eq!(ops.len(), 1);
            assert_eq!(ops[0].paths, expected, "{distinct} distinct paths");
        }
    }

    #[test]
    fn permissions_are_least_privileged_first_in_either_table_order() {
        let markdown =
            "---\ntitle: Get thing\ndoc_type: apiPageType\n---\n# Get thing\n\n## Permissions\n\n\
            |Permission type|Permissions (from most to least privileged)|\n|:---|:---|\n\
            |Delegated (work or school account)|Thing.ReadWrite.All, Thing.Read.All|\n\
            |Application|Thing.Read.All|\n\n## HTTP request\n\n```http\nGET /things/{id}\n```\n";
        let text = "Get thing\n\nPermissions\n\n\
            Permission type Permissions (from most to least privileged)\n\
            Delegated (work or school account) Thing.ReadWrite.All, Thing.Read.All\n\
            Application Thing.Read.All\n\nHTTP request\n\nGET /things/{id}\n";
        let expected = vec![
            Permission {
                permission_type: "Delegated (work or school account)".into(),
                permissions: vec!["Thing.Read.All".into(), "Thing.ReadWrite.All".into()],
                resource: None,
                all_required: false,
            },
            Permission {
                permission_type: "Application".into(),
                permissions: vec!["Thing.Read.All".into()],
                resource: None,
                all_required: false,
            },
        ];
        for page in [markdown, text] {
            let read = crate::read::read_page("thing-get.md", page);
            assert_eq!(read.permissions, expected, "{:?}", read.form);
        }
        let least_first = markdown.replace("most to least", "least to most").replace(
            "Thing.ReadWrite.All, Thing.Read.All",
            "Thing.Read.All, Thing.ReadWrite.All",
        );
        assert_eq!(
            crate::read::read_page("thing-get.md", &least_first).permissions,
            expected
        );
    }

    #[test]
    fn property_tables_without_descriptions_are_read() {
        let markdown = "# emailActivitySummary resource type\n\n## Properties\n\n\
            | Property | Type |\n| :-- | :-- |\n| reportDate | Date |\n| send | Int64 |\n\
            | recipients | String collection |\n";
        let text = "emailActivitySummary resource type\n\nProperties\n\nProperty Type\n\
            reportDate Date\nsend Int64\nrecipients String collection\n";
        for page in [markdown, text] {
            let read = crate::read::read_page("resources/emailactivitysummary.md", page);
            let props: Vec<(&str, &str, bool, &str)> = read
                .properties
                .iter()
                .map(|p| {
                    let t = &p.ty;
                    (
                        p.name.as_str(),
                        t.name.as_str(),
                        t.collection,
                        p.description.as_str(),
                    )
                })
                .collect();
            assert_eq!(
                props,
                [
                    ("reportDate", "Date", false, ""),
                    ("send", "Int64", false, ""),
                    ("recipients", "String", true, "")
                ],
                "{:?}",
                read.form
            );
            assert!(read.diagnostics.is_empty(), "{:?}", read.diagnostics);
        }
    }

    #[test]
    fn typed_tables_with_columns_after_the_description() {
        let markdown = "---\ntitle: Create printer\ndoc_type: apiPageType\n---\n# Create printer\n\n\
            ## HTTP request\n\n```http\nPOST /print/printers/create\n```\n\n## Request body\n\n\
            | Parameter | Type | Description | Required? |\n|:--|:--|:--|:--|\n\
            |displayName|String|The display name.|Yes|\n|connectorId|String|Required if isShared is true.|No|\n";
        let text = "Create printer\n\nHTTP request\n\nPOST /print/printers/create\n\nRequest body\n\n\
            Parameter Type Description Required?\n\
            displayName String The display name. Yes\nconnectorId String Required if isShared is true. No\n";
        let expected = [
            ("displayName", "The display name.", true),
            ("connectorId", "Required if isShared is true.", false),
        ];
        for page in [markdown, text] {
            let read = crate::read::read_page("api/printer-create.md", page);
            let body = read.request_body.expect("a request body table");
            let params: Vec<(&str, &str, bool)> = body
                .properties
                .iter()
                .map(|p| (p.name.as_str(), p.description.as_str(), p.required))
                .collect();
            assert_eq!(params, expected, "{:?}", read.form);
            assert!(read.diagnostics.is_empty(), "{:?}", read.diagnostics);
        }
        // The column after the description is not read into it.
        let resource = "# subscription resource type\n\n## Properties\n\n\
            | Property | Type | Description | Supported Resources |\n|:--|:--|:--|:--|\n\
            | resource | string | Required. The resource. | All |\n";
        let read = crate::read::read_page("resources/subscription.md", resource);
        let props: Vec<(&str, &str)> = read
            .properties
            .iter()
            .map(|p| (p.name.as_str(), p.description.as_str()))
            .collect();
        assert_eq!(props, [("resource", "Required. The resource.")]);
    }

    #[test]
    fn a_resource_type_is_named_by_its_title_or_file_or_reported() {
        let page = "# Invitation manager\n\nUse the invitation manager.\n\n## Properties\n\n\
            | Property | Type | Description |\n|:--|:--|:--|\n| invitedUserEmailAddress | String | The email. |\n";
        let named = crate::read::read_page("beta/resources/invitation.md", page);
        assert_eq!(named.type_name.as_deref(), Some("invitation"));
        assert!(named.diagnostics.is_empty(), "{:?}", named.diagnostics);
        let unnamed = crate::read::read_page("beta/resources/manager-overview.md", page);
        assert_eq!(unnamed.type_name, None);
        let codes: Vec<&str> = unnamed
            .diagnostics
            .iter()
            .map(|d| d.code.as_str())
            .collect();
        assert_eq!(codes, ["no-type-name"]);
    }

    #[test]
    fn every_name_first_table_under_request_headers_holds_headers_in_both_forms() {
        let markdown = |header: &str, rows: &[&str]| {
            let sep = vec![":--"; header.matches('|').count() - 1].join("|");
            let rows: String = rows.iter().map(|r| format!("{r}\n")).collect();
            format!("# Get x\n\n## HTTP request\n\n```http\nGET /x\n```\n\n## Request headers\n\n{header}\n|{sep}|\n{rows}")
        };
        let text = |header: &str, rows: &[&str]| {
            let rows: String = rows.iter().map(|r| format!("{r}\n")).collect();
            format!("Get x\n\nHTTP request\n\nGET /x\n\nRequest headers\n\n{header}\n{rows}")
        };
        let auth = ("Authorization", "Bearer {token}. Required.");
        let cases = [
            // `Name | Value`: an enum's members under another section.
            (
                markdown(
                    "| Name | Value |",
                    &[
                        "| Authorization | Bearer {token}. Required. |",
                        "| Prefer: outlook.timezone | A time zone. |",
                    ],
                ),
                text(
                    "Name Value",
                    &[
                        "Authorization Bearer {token}. Required.",
                        "Prefer: outlook.timezone A time zone.",
                    ],
                ),
                vec![auth, ("Prefer: outlook.timezone", "A time zone.")],
            ),
            // `Name | Type | Description`: a typed table under another section.
            (
                markdown(
                    "| Name | Type | Description |",
                    &["| Authorization | string | Bearer {token}. Required. |"],
                ),
                text(
                    "Name Type Description",
                    &["Authorization string Bearer {token}. Required."],
                ),
                vec![auth],
            ),
            // `Name | Value | Description`: the cells after the name, as written.
            (
                markdown(
                    "| Name | Value | Description |",
                    &["| if-none-match | String | The ETag. |"],
                ),
                text(
                    "Name Value Description",
                    &["if-none-match String The ETag."],
                ),
                vec![("if-none-match", "String The ETag.")],
            ),
            // Older pages' `Header name | Value | Description`, the name in italics.
            (
                markdown(
                    "| Header name | Value | Description |",
                    &["| _if-none-match_ | etag | If the tag matches, 304 Not Modified is returned. |"],
                ),
                text(
                    "Header name Value Description",
                    &["if-none-match etag If the tag matches, 304 Not Modified is returned."],
                ),
                vec![(
                    "if-none-match",
                    "etag If the tag matches, 304 Not Modified is returned.",
                )],
            ),
        ];
        for (md, txt, expected) in cases {
            for (source, page) in [
                ("api/x-get.md", md.as_str()),
                ("api/x-get.txt", txt.as_str()),
            ] {
                let page = crate::read::read_page(source, page);
                let headers: Vec<(&str, &str)> = page
                    .request_headers
                    .iter()
                    .map(|h| (h.name.as_str(), h.value.as_str()))
                    .collect();
                assert_eq!(headers, expected, "{source}");
                assert!(
                    page.diagnostics.is_empty(),
                    "{source}: {:?}",
                    page.diagnostics
                );
                assert!(
                    page.members.is_empty() && page.parameters.is_empty(),
                    "{source}"
                );
            }
        }
    }

    #[test]
    fn name_value_description_tables_type_parameters_in_both_forms() {
        let markdown = "# driveItem: checkin\n\n## HTTP request\n\n```http\nPOST /drives/{id}/items/{id}/checkin\n```\n\n\
            ## Optional query parameters\n\n| Name | Value | Description |\n|:--|:--|:--|\n| $expand | string | Relationships. |\n\n\
            ## Request body\n\n| Name | Value | Description |\n|:--|:--|:--|\n\
            | checkInAs | string | Optional. The status. |\n| comment | string | A comment. |\n";
        let text = "driveItem: checkin\n\nHTTP request\n\nPOST /drives/{id}/items/{id}/checkin\n\n\
            Optional query parameters\n\nName Value Description\n$expand string Relationships.\n\n\
            Request body\n\nName Value Description\n\
            checkInAs string Optional. The status.\ncomment string A comment.\n";
        for (source, page) in [
            ("api/driveitem-checkin.md", markdown),
            ("api/driveitem-checkin.txt", text),
        ] {
            let page = crate::read::read_page(source, page);
            let typed = |props: &[Property]| -> Vec<(String, String, String)> {
                props
                    .iter()
                    .map(|p| (p.name.clone(), p.ty.name.clone(), p.description.clone()))
                    .collect()
            };
            let row = |n: &str, t: &str, d: &str| (n.to_string(), t.to_string(), d.to_string());
            assert_eq!(
                typed(&page.parameters),
                [row("$expand", "string", "Relationships.")],
                "{source}"
            );
            let body = page.request_body.as_ref().expect("a request body");
            assert_eq!(
                typed(&body.properties),
                [
                    row("checkInAs", "string", "Optional. The status."),
                    row("comment", "string", "A comment.")
                ],
                "{source}"
            );
            assert!(page.members.is_empty(), "{source}: not an enum's members");
            assert!(
                page.diagnostics.is_empty(),
                "{source}: {:?}",
                page.diagnostics
            );
        }
    }

    #[test]
    fn a_note_beside_a_property_name_is_not_part_of_the_name_in_both_forms() {
        let markdown = "# onlineMeeting resource type\n\n## Properties\n\n\
            | Property | Type | Description |\n|:--|:--|:--|\n\
            | attendeeReport (deprecated) | Stream | The report. Read-only. |\n\
            | isBroadcast (deprecated) | Boolean | |\n\
            | subject | String | The subject. |\n";
        let text = "onlineMeeting resource type\n\nProperties\n\nProperty Type Description\n\
            attendeeReport (deprecated) Stream The report. Read-only.\n\
            isBroadcast (deprecated) Boolean\n\
            subject String The subject.\n";
        for (source, page) in [
            ("resources/onlinemeeting.md", markdown),
            ("resources/onlinemeeting.txt", text),
        ] {
            let page = crate::read::read_page(source, page);
            let rows: Vec<(&str, &str, &str, bool)> = page
                .properties
                .iter()
                .map(|p| (&*p.name, &*p.ty.name, &*p.description, p.read_only))
                .collect();
            assert_eq!(
                rows,
                [
                    (
                        "attendeeReport",
                        "Stream",
                        "(deprecated) The report. Read-only.",
                        true
                    ),
                    ("isBroadcast", "Boolean", "(deprecated)", false),
                    ("subject", "String", "The subject.", false),
                ],
                "{source}"
            );
        }
    }

    #[test]
    fn older_pages_markings_read_alike_in_both_forms() {
        // A title without the space after `#` (kept as text by markdown), a
        // star marking a required row with its key below the table, prose run
        // into a type cell, and a `Name | Type | Description | Required` table.
        let markdown = "---\ntitle: \"Members\"\n---\n\n#securityAlert resource type\n\n\
            An alert.\n\n## Properties\n\n\
            | Property | Type | Description |\n|:--|:--|:--|\n\
            |assignedTo|String|The analyst.|\n\
            |vendorInformation *|[securityVendorInformation](x.md)|The vendor.|\n\
            |outcomes|[educationOutcome](o.md) collection. Holds grades|Read-Write.|\n\
            (\\* Indicates a mandatory field.)\n\n\
            ## Request headers\n\n\
            | Name | Type | Description | Required |\n|:--|:--|:--|:--|\n\
            | Authorization | string | Bearer {token}. | Yes |\n";
        let text = "#securityAlert resource type\n\nAn alert.\n\nProperties\n\n\
            Property Type Description\n\
            assignedTo String The analyst.\n\
            vendorInformation * securityVendorInformation The vendor.\n\
            outcomes educationOutcome collection. Holds grades Read-Write.\n\
            (* Indicates a mandatory field.)\n\n\
            Request headers\n\n\
            Name Type Description Required\n\
            Authorization string Bearer {token}. Yes\n";
        for (source, page) in [
            ("resources/securityalert.md", markdown),
            ("resources/securityalert.txt", text),
        ] {
            let page = crate::read::read_page(source, page);
            assert_eq!(page.title, "securityAlert resource type", "{source}");
            assert_eq!(page.type_name.as_deref(), Some("securityAlert"), "{source}");
            let rows: Vec<(&str, &str, bool, bool, &str)> = page
                .properties
                .iter()
                .map(|p| {
                    (
                        &*p.name,
                        &*p.ty.name,
                        p.ty.collection,
                        p.required,
                        &*p.description,
                    )
                })
                .collect();
            assert_eq!(
                rows,
                [
                    ("assignedTo", "String", false, false, "The analyst."),
                    (
                        "vendorInformation",
                        "securityVendorInformation",
                        false,
                        true,
                        "The vendor."
                    ),
                    (
                        "outcomes",
                        "educationOutcome",
                        true,
                        false,
                        "Holds grades Read-Write."
                    ),
                ],
                "{source}"
            );
            let headers: Vec<(&str, &str)> = page
                .request_headers
                .iter()
                .map(|h| (&*h.name, &*h.value))
                .collect();
            assert_eq!(headers, [("Authorization", "Bearer {token}.")], "{source}");
        }
    }

    #[test]
    fn permissions_per_subject_and_noted_type_cells_read_alike_in_both_forms() {
        // Newer pages: a column per subject; older pages: a table per subject.
        let columns = "# Enable SMS sign-in\n\n## Permissions\n\n\
            | Permission type | Permissions acting on self (from least to most privileged) | Permissions acting on others (from least to most privileged) |\n\
            |:--|:--|:--|\n\
            | Delegated (work or school account) | A.ReadWrite, A.ReadWrite.All | A.ReadWrite.All |\n\
            |Delegated (personal Microsoft account|Not supported.|Not supported.|\n\
            | Application | Not supported. | B.All |\n\n\
            ## HTTP request\n\n```http\nPOST /me/x\n```\n";
        let tables = "# Enable SMS sign-in\n\n## Permissions\n\n\
            ### Permissions acting on self\n\n\
            | Permission type | Permissions (from least to most privileged) |\n|:--|:--|\n\
            | Delegated (work or school account) | A.ReadWrite, A.ReadWrite.All |\n\
            | Delegated (personal Microsoft account) | Not supported. |\n\
            | Application | Not supported. |\n\n\
            ### Permissions acting on other users\n\n\
            | Permission type | Permissions (from least to most privileged) |\n|:--|:--|\n\
            | Delegated (work or school account) | A.ReadWrite.All |\n\
            | Delegated (personal Microsoft account) | Not supported. |\n\
            | Application | B.All |\n\n\
            ## HTTP request\n\n```http\nPOST /me/x\n```\n";
        let text = "Enable SMS sign-in\n\nPermissions\n\n\
            Permission type Permissions acting on self (from least to most privileged) Permissions acting on others (from least to most privileged)\n\
            Delegated (work or school account) A.ReadWrite, A.ReadWrite.All A.ReadWrite.All\n\
            Delegated (personal Microsoft account Not supported. Not supported.\n\
            Application Not supported. B.All\n\n\
            HTTP request\n\nPOST /me/x\n";
        let listed = |page: &crate::ir::Page| -> Vec<(String, Vec<String>)> {
            page.permissions
                .iter()
                .map(|p| (p.permission_type.clone(), p.permissions.clone()))
                .collect()
        };
        let expected = listed(&crate::read::read_page("api/x-tables.md", tables));
        let types = schema::PERMISSION_TYPES;
        let names = |n: &[&str]| n.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            expected,
            [
                (
                    types[0].to_string(),
                    names(&["A.ReadWrite", "A.ReadWrite.All"])
                ),
                (types[1].to_string(), names(&[])),
                (types[2].to_string(), names(&[])),
                (types[0].to_string(), names(&["A.ReadWrite.All"])),
                (types[1].to_string(), names(&[])),
                (types[2].to_string(), names(&["B.All"])),
            ]
        );
        for (source, page) in [("api/x.md", columns), ("api/x.txt", text)] {
            let page = crate::read::read_page(source, page);
            assert_eq!(listed(&page), expected, "{source}");
            assert!(
                page.diagnostics.is_empty(),
                "{source}: {:?}",
                page.diagnostics
            );
        }

        // `Delegated permission (…)`, `Application permission`: the known types.
        let worded = "# List subscriptions\n\n## Permissions\n\n\
            | Permission type | Permissions (from least to most privileged) |\n|:--|:--|\n\
            | [Delegated permission](/graph/auth) (work or school account) | A.Read.All (see below). |\n\
            | [Application permission](/graph/auth) | Role required. |\n\n\
            ## HTTP request\n\n```http\nGET /subscriptions\n```\n";
        let md_page = crate::read::read_page("api/subscription-list.md", worded);
        let worded_text = "List subscriptions\n\nPermissions\n\n\
            Permission type Permissions (from least to most privileged)\n\
            Delegated permission (work or school account) A.Read.All (see below).\n\
            Application permission Role required.\n\n\
            HTTP request\n\nGET /subscriptions\n";
        let text_page = crate::read::read_page("api/subscription-list.txt", worded_text);
        for page in [&md_page, &text_page] {
            assert_eq!(
                listed(page),
                [
                    (types[0].to_string(), names(&["A.Read.All"])),
                    (types[2].to_string(), names(&[])),
                ],
                "{}",
                page.source
            );
        }

        // A note before the type (`(to be deprecated)`, the name cell's in
        // markdown) and a format after it (`String (DateTime)`).
        let markdown = "# agreement resource type\n\n## Properties\n\n\
            | Property | Type | Description |\n|:--|:--|:--|\n\
            |files (to be deprecated)|[agreementFile](f.md) collection|PDFs of the agreement.|\n\
            |currentBegan|String (DateTime)|When it began.|\n";
        let text = "agreement resource type\n\nProperties\n\nProperty Type Description\n\
            files (to be deprecated) agreementFile collection PDFs of the agreement.\n\
            currentBegan String (DateTime) When it began.\n";
        for (source, page) in [
            ("resources/agreement.md", markdown),
            ("resources/agreement.txt", text),
        ] {
            let page = crate::read::read_page(source, page);
            let rows: Vec<(&str, &str, bool, &str)> = page
                .properties
                .iter()
                .map(|p| (&*p.name, &*p.ty.name, p.ty.collection, &*p.description))
                .collect();
            assert_eq!(
                rows,
                [
                    (
                        "files",
                        "agreementFile",
                        true,
                        "(to be deprecated) PDFs of the agreement."
                    ),
                    ("currentBegan", "String", false, "When it began."),
                ],
                "{source}"
            );
        }
    }

    #[test]
    fn a_values_table_goes_to_the_property_the_lines_before_it_name_in_both_forms() {
        let markdown = "# folderView resource type\n\n## Properties\n\n\
            | Property | Type | Description |\n|:--|:--|:--|\n\
            | sortBy | String | How to sort. |\n| sortOrder | String | Which way. |\n\n\
            You can use the _sortBy_ property with the **sortOrder** property.\n\n\
            ### sortBy options\n\nThe following values are defined for the **sortBy** property.\n\n\
            | Value | Description |\n|:--|:--|\n| `default` | As the app likes. |\n| `name` | By name. |\n\n\
            ### Options\n\nThe sortBy and sortOrder properties take these.\n\n\
            | Value | Description |\n|:--|:--|\n| `up` | Up. |\n";
        let text = "folderView resource type\n\nProperties\n\nProperty Type Description\n\
            sortBy String How to sort.\nsortOrder String Which way.\n\n\
            You can use the sortBy property with the sortOrder property.\n\n\
            sortBy options\n\nThe following values are defined for the sortBy property.\n\n\
            Value Description\ndefault As the app likes.\nname By name.\n\n\
            Options\n\nThe sortBy and sortOrder properties take these.\n\n\
            Value Description\nup Up.\n";
        for (source, page) in [
            ("resources/folderview.md", markdown),
            ("resources/folderview.txt", text),
        ] {
            let page = crate::read::read_page(source, page);
            let values: Vec<(&str, Vec<&str>)> = page
                .properties
                .iter()
                .map(|p| (&*p.name, p.possible_values.iter().map(|v| &**v).collect()))
                .collect();
            assert_eq!(
                values,
                [("sortBy", vec!["default", "name"]), ("sortOrder", vec![])],
                "{source}"
            );
            // Lines naming two properties leave the table's owner open: reported.
            let line = if source.ends_with(".md") { 25 } else { 23 };
            assert_eq!(codes_at(&page), [("table-not-read", line)], "{source}");
        }
    }

    #[test]
    fn a_values_table_goes_to_the_property_a_heading_spells_in_words_in_both_forms() {
        // user.md: the heading spells the property, the sentence below it
        // names two others; the table repeats a value in another case.
        let markdown = "# user resource type\n\n## Properties\n\n\
            | Property | Type | Description |\n|:--|:--|:--|\n\
            | ageGroup | String | The age group. |\n| consentProvidedForMinor | String | Consent. |\n\
            | legalAgeGroupClassification | String | Possible values: `null`, `minorWithOutParentalConsent`. |\n\n\
            ### Legal age group property definitions\n\nThis section explains the three properties.\n\n\
            #### Legal age group classification\n\nIt is calculated from the user's `ageGroup` and `consentProvidedForMinor` properties.\n\n\
            | Value | # | Description |\n|:--|:--|:--|\n| null | 0 | Default. |\n\
            | minorWithoutParentalConsent | 1 | Reserved. |\n| adult | 3 | An adult. |\n";
        let text = "user resource type\n\nProperties\n\nProperty Type Description\n\
            ageGroup String The age group.\nconsentProvidedForMinor String Consent.\n\
            legalAgeGroupClassification String Possible values: null, minorWithOutParentalConsent.\n\n\
            Legal age group property definitions\n\nThis section explains the three properties.\n\n\
            Legal age group classification\n\nIt is calculated from the user's ageGroup and consentProvidedForMinor properties.\n\n\
            Value # Description\nnull 0 Default.\nminorWithoutParentalConsent 1 Reserved.\nadult 3 An adult.\n";
        for (source, page) in [
            ("resources/user.md", markdown),
            ("resources/user.txt", text),
        ] {
            let page = crate::read::read_page(source, page);
            assert!(
                page.diagnostics.is_empty(),
                "{source}: {:?}",
                page.diagnostics
            );
            let values: Vec<&str> = page.properties[2]
                .possible_values
                .iter()
                .map(|v| &**v)
                .collect();
            assert_eq!(
                values,
                ["null", "minorWithOutParentalConsent", "adult"],
                "{source}"
            );
            assert!(
                page.properties[..2]
                    .iter()
                    .all(|p| p.possible_values.is_empty()),
                "{source}"
            );
        }
    }

    #[test]
    fn a_page_of_enumeration_values_is_an_enum_page_whatever_its_doc_type() {
        let markdown = "---\ntitle: \"Windows Updates enumeration values\"\ndoc_type: enumTypes\n---\n\n\
            # Microsoft Graph Windows Updates enumeration values\n\n\
            Namespace: microsoft.graph.windowsUpdates\n\n\
            ### azureADDeviceRegistrationErrorReason values\n\n|Member|\n|:---|\n|invalidGlobalDeviceId|\n|missingTrustType|\n";
        let text = "Microsoft Graph Windows Updates enumeration values\n\n\
            Namespace: microsoft.graph.windowsUpdates\n\n\
            azureADDeviceRegistrationErrorReason values\n\nMember\ninvalidGlobalDeviceId\nmissingTrustType\n";
        for (source, page) in [
            ("resources/enums-windowsupdates.md", markdown),
            ("resources/enums-windowsupdates.txt", text),
        ] {
            let page = crate::read::read_page(source, page);
            assert_eq!(page.kind, PageKind::Enum, "{source}");
            let enums: Vec<(&str, usize)> = page
                .enums
                .iter()
                .map(|e| (&*e.name, e.members.len()))
                .collect();
            assert_eq!(
                enums,
                [("windowsUpdates.azureADDeviceRegistrationErrorReason", 2)],
                "{source}"
            );
        }
        // Not titled as values, filed under a doc_type the reader does not
        // know: a page of nothing but enums is still an enum page.
        let untitled = markdown.replace(
            "# Microsoft Graph Windows Updates enumeration values",
            "# Windows Updates",
        );
        let page = crate::read::read_page("resources/enums-windowsupdates.md", &untitled);
        assert_eq!(page.kind, PageKind::Enum);
        let codes: Vec<&str> = page.diagnostics.iter().map(|d| &*d.code).collect();
        assert_eq!(codes, ["unknown-doc-type"]);
    }

    #[test]
    fn tables_under_an_enum_values_heading_are_read_or_reported_in_both_forms() {
        let markdown = "# Enum values\n\n### userAccountSecurityType values\n\n\
            | Member | Member | Description |\n|:--|:--|:--|\n| unknown | -1 | Unknown. |\n| standard | 0 | Standard. |\n\n\
            ### riskLevel values\n\n| Level | Meaning |\n|:--|:--|\n| low | Low. |\n";
        let text = "Enum values\n\nuserAccountSecurityType values\n\n\
            Member Member Description\nunknown -1 Unknown.\nstandard 0 Standard.\n\n\
            riskLevel values\n\nLevel Meaning\nlow Low.\n";
        for (source, page, line) in [
            ("resources/enums.md", markdown, 12),
            ("resources/enums.txt", text, 11),
        ] {
            let page = crate::read::read_page(source, page);
            let names: Vec<&str> = page.enums.iter().map(|e| &*e.name).collect();
            assert_eq!(names, ["userAccountSecurityType"], "{source}");
            let members: Vec<(&str, Option<i64>)> = page.enums[0]
                .members
                .iter()
                .map(|m| (&*m.name, m.value))
                .collect();
            assert_eq!(
                members,
                [("unknown", Some(-1)), ("standard", Some(0))],
                "{source}"
            );
            // A table of another header there is not dropped in silence.
            assert_eq!(codes_at(&page), [("table-unknown", line)], "{source}");
        }
    }

    #[test]
    fn the_query_options_a_page_names_are_read_in_both_forms() {
        let page = |md: bool, lines: &[&str]| {
            let (h, sep) = if md { ("## ", "\n\n") } else { ("", "\n\n") };
            let mut text = format!("{h}Get widget{sep}{h}HTTP request{sep}GET /widgets/{{id}}{sep}{h}Optional query parameters{sep}");
            for l in lines {
                text.push_str(l);
                text.push_str(sep);
            }
            crate::read::read_page(
                if md {
                    "api/widget-get.md"
                } else {
                    "api/widget-get.txt"
                },
                &text,
            )
        };
        let cases: &[(&[&str], &[&str])] = &[
            (&["This method supports the `$select`, `$filter`, and `$orderBy` OData query parameters."], &["select", "filter", "orderby"]),
            // Named without `$` in a sentence about OData query parameters.
            (&["This method supports the `select` and `expand` OData Query Parameters to help customize the response."], &["select", "expand"]),
            // All of them, by no name: nothing to list.
            (&["This method supports the OData query parameters to help customize the response."], &[]),
            (&["This method does not support OData query parameters. (e.g. $filter is not supported here)."], &[]),
            (&["Delta query support `$select` and `$top`.", "There is no support for `$search`."], &["select", "top"]),
            // Choosing what to `select` in prose that is not about OData is no option.
            (&["You can select the properties you need; this method supports paging."], &[]),
        ];
        for (lines, want) in cases {
            for md in [true, false] {
                let lines: Vec<String> = lines
                    .iter()
                    .map(|l| {
                        if md {
                            l.to_string()
                        } else {
                            l.replace('`', "")
                        }
                    })
                    .collect();
                let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
                let got = page(md, &lines).query_options;
                assert_eq!(got, *want, "{lines:?} (markdown: {md})");
            }
        }
        // A table of them, and a heading that names one.
        let markdown = "# Get widget\n\n## HTTP request\n\n```http\nGET /widgets\n```\n\n\
            ## Optional query parameters\n\nThis method supports the following OData query parameters.\n\n\
            | Parameter | Description | Example |\n|:--|:--|:--|\n| [\\$filter](/graph/query_parameters) | Filters. | `/widgets?$filter=a eq 1` |\n| `$top` | Page size. | `/widgets?$top=1` |\n\n\
            ### Attributes supported by $search parameter\n\nSome.\n";
        let text = "Get widget\n\nHTTP request\n\nGET /widgets\n\n\
            Optional query parameters\n\nThis method supports the following OData query parameters.\n\n\
            Parameter Description Example\n$filter Filters. /widgets?$filter=a eq 1\n$top Page size. /widgets?$top=1\n\n\
            Attributes supported by $search parameter\n\nSome.\n";
        for (source, page) in [
            ("api/widget-list.md", markdown),
            ("api/widget-list.txt", text),
        ] {
            let page = crate::read::read_page(source, page);
            assert_eq!(page.query_options, ["filter", "top", "search"], "{source}");
            assert!(
                page.diagnostics.is_empty(),
                "{source}: {:?}",
                page.diagnostics
            );
        }
    }

    #[test]
    fn a_values_table_whose_header_names_its_entry_and_named_parameters_in_both_forms() {
        let markdown = "# Get drive\n\n## HTTP request\n\n```http\nGET /groups/{groupId}/drive\n```\n\n\
            ## Path parameters\n\n| Parameter name | Value | Description |\n|:--|:--|:--|\n\
            | _groupId_ | string | Required. The group. |\n\n\
            ## Request body\n\n| Name | Type | Description |\n|:--|:--|:--|\n| type | string | The kind. |\n\n\
            | Type value | Description |\n|:--|:--|\n| `view` | Read. |\n| `edit` | Write. |\n";
        let text = "Get drive\n\nHTTP request\n\nGET /groups/{groupId}/drive\n\n\
            Path parameters\n\nParameter name Value Description\ngroupId string Required. The group.\n\n\
            Request body\n\nName Type Description\ntype string The kind.\n\n\
            Type value Description\nview Read.\nedit Write.\n";
        for (source, page) in [("api/drive-get.md", markdown), ("api/drive-get.txt", text)] {
            let page = crate::read::read_page(source, page);
            let params: Vec<(&str, &str, bool)> = page
                .parameters
                .iter()
                .map(|p| (&*p.name, &*p.ty.name, p.required))
                .collect();
            assert_eq!(params, [("groupId", "string", true)], "{source}");
            let body = page.request_body.as_ref().expect("a request body");
            assert_eq!(
                body.properties[0].possible_values,
                ["view", "edit"],
                "{source}"
            );
            assert!(
                page.diagnostics.is_empty(),
                "{source}: {:?}",
                page.diagnostics
            );
        }
    }

    #[test]
    fn base_types_named_in_looser_sentences_rank_below_the_annotation() {
        let text_page = |sentence: &str| {
            format!(
                "drive resource type\n\nNamespace: microsoft.graph\n\n{sentence}\n\n\
                 Properties\n\nProperty Type Description\nquota quota Quota.\n"
            )
        };
        let base = |sentence: &str| {
            crate::read::read_page("resources/drive.txt", &text_page(sentence)).base_type
        };
        for (sentence, expected) in [
            (
                "The drive resource is derived from baseItem and inherits properties from that resource.",
                Some("baseItem"),
            ),
            (
                "The teleconferenceDeviceVideoQuality resource inherits the properties from teleconferenceDeviceMediaQuality, and includes more.",
                Some("teleconferenceDeviceMediaQuality"),
            ),
            (
                "teleconferenceDeviceAudioQuality inherits all the properties of the teleconferenceDeviceMediaQuality resource.",
                Some("teleconferenceDeviceMediaQuality"),
            ),
            ("The media that's hosted remotely. This is inherited from mediaConfig.", Some("mediaConfig")),
            ("Whether the license was assigned directly or inherited from a group", None),
            ("Sharing permissions are inherited from the parent folder", None),
        ] {
            assert_eq!(base(sentence).as_deref(), expected, "{sentence}");
        }
        // Under Properties, and in markdown, where the JSON representation says it.
        let listed = "list resource type\n\nProperties\n\nThe following properties are inherited from baseItem.\n\n\
             Property Type Description\nname String The name.\n";
        let page = crate::read::read_page("resources/list.txt", listed);
        assert_eq!(page.base_type.as_deref(), Some("baseItem"));
        let markdown = |annotation: &str| {
            format!(
                "# drive resource type\n\n## JSON representation\n\n\
                 The **drive** resource is derived from [**baseItem**](baseitem.md) and inherits properties from that resource.\n\n\
                 {annotation}```json\n{{\"id\": \"string\"}}\n```\n\n## Properties\n\n\
                 | Property | Type | Description |\n|:--|:--|:--|\n| id | String | The id. |\n"
            )
        };
        let page = crate::read::read_page("resources/drive.md", &markdown(""));
        assert_eq!(page.base_type.as_deref(), Some("baseItem"));
        // A resource annotation's baseType wins over such a sentence.
        let annotated = markdown(
            "<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.drive\", \"baseType\": \"microsoft.graph.entity\" } -->\n",
        );
        let page = crate::read::read_page("resources/drive.md", &annotated);
        assert_eq!(page.base_type.as_deref(), Some("entity"));
    }

    #[test]
    fn a_resource_type_is_named_by_its_annotation_and_namespace() {
        let annotated = |title: &str, odata_type: &str| {
            format!(
                "# {title} resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n\
                 | Property | Type | Description |\n|:--|:--|:--|\n| bold | Boolean | Bold. |\n\n\
                 ## JSON representation\n\n<!-- {{\n  \"blockType\": \"resource\",\n  \
                 \"@odata.type\": \"{odata_type}\"\n}} -->\n\n```json\n{{\"bold\": true}}\n```\n"
            )
        };
        // The annotation names the Graph type where the title uses an older name.
        let renamed = crate::read::read_page(
            "resources/chartfont.md",
            &annotated("ChartFont", "microsoft.graph.workbookChartFont"),
        );
        assert_eq!(renamed.type_name.as_deref(), Some("workbookChartFont"));
        // Where both name one type, the title's spelling stays.
        let same = crate::read::read_page(
            "resources/orgcontact.md",
            &annotated("orgContact", "microsoft.graph.orgcontact"),
        );
        assert_eq!(same.type_name.as_deref(), Some("orgContact"));

        // A sub-namespace qualifies the title's name and the page's enums, in both forms.
        let namespaced = "# endpoint resource type\n\nNamespace: microsoft.graph.callRecords\n\n\
            ## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n\
            | userAgent | callRecords.userAgent | The agent. |\n\n### modality values\n\n\
            | Member |\n|:--|\n| audio |\n| video |\n";
        let text = "endpoint resource type\n\nNamespace: microsoft.graph.callRecords\n\n\
            Properties\n\nProperty Type Description\nuserAgent callRecords.userAgent The agent.\n\n\
            modality values\n\nMember\naudio\nvideo\n";
        for (source, page) in [
            ("resources/callrecords-endpoint.md", namespaced),
            ("callrecords-endpoint.txt", text),
        ] {
            let read = crate::read::read_page(source, page);
            assert_eq!(
                read.type_name.as_deref(),
                Some("callRecords.endpoint"),
                "{source}"
            );
            let enums: Vec<&str> = read.enums.iter().map(|e| e.name.as_str()).collect();
            assert_eq!(enums, ["callRecords.modality"], "{source}");
        }
        assert_eq!(
            qualified("x".into(), Some("Microsoft.Graph.security")),
            "security.x"
        );
        assert_eq!(
            qualified("security.x".into(), Some("microsoft.graph.security")),
            "security.x"
        );
        assert_eq!(qualified("x".into(), Some("microsoft.graph")), "x");
        assert_eq!(qualified("x".into(), Some("microsoft.graph.")), "x");
        assert_eq!(qualified("x".into(), Some("microsoft.gräph.y")), "x");
        assert_eq!(qualified("x".into(), None), "x");
    }

    #[test]
    fn response_sentences() {
        let t = |s: &str| response_type(s).map(|t| (t.name, t.collection));
        assert_eq!(
            t("If successful, this method returns a 200 OK response code and an updated cloudPcExternalPartnerSetting object in the response body."),
            Some(("cloudPcExternalPartnerSetting".into(), false))
        );
        assert_eq!(
            t("If successful, this method returns a 200 OK response code and a collection of user objects in the response body."),
            Some(("user".into(), true))
        );
        assert_eq!(
            t("If successful, this method returns a 200 OK response code and a String collection in the response body."),
            Some(("String".into(), true))
        );
        assert_eq!(
            t("If successful, this function returns a `200 OK` response code and a collection of pstnCallLogRow entries in the response body."),
            Some(("pstnCallLogRow".into(), true))
        );
        assert_eq!(
            t("If successful, this method returns a 204 No Content response code."),
            None
        );
        assert_eq!(
            t("If successful, this method returns a 200 OK response code and calendarGroup object in the response body."),
            Some(("calendarGroup".into(), false))
        );
        assert_eq!(
            t("If successful, this method returns a 200 OK response code and the requested timeOffRequest objects in the response body."),
            Some(("timeOffRequest".into(), true))
        );
        assert_eq!(
            t("If successful, this method returns a 200 OK response code. It does not return anything in the response body."),
            None
        );
    }

    #[test]
    fn scans_match_their_regexes() {
        for t in [
            "Namespace: microsoft.graph",
            "Namespace:microsoft.graph.x.",
            "Namespace:   a_b.c d",
            "Namespace: 1x",
            "Namespace:",
            "namespace: x",
        ] {
            let by_regex = NAMESPACE_RE.captures(t).map(|c| c.get(1).unwrap().as_str());
            assert_eq!(namespace(t), by_regex, "{t:?}");
        }
        for t in [
            "returns a 200 OK response code and 201 Created, 204 ok.",
            "x200 OK 300 A 400 Ab1 500 ok_ 404 Not_ 199 X 600 Yes 2000 OK 20 OK",
            "returns 200  OK\t",
            "500\tok",
            "1234 Ab 123 Ab",
            "200 OK200 OK",
        ] {
            let by_regex: Vec<u16> = STATUS_RE
                .captures_iter(t)
                .filter_map(|c| c[1].parse().ok())
                .collect();
            assert_eq!(statuses(t), by_regex, "{t:?}");
        }
        for t in [
            "Get user",
            "educationSubmission resource type",
            "x enumeration type",
            "x ENUM",
            "itemAnalytics (preview)",
            "System facet",
            "a b object",
        ] {
            assert!(!ENUM_TITLE_RE.is_match(t) || may_be_enum_title(t), "{t:?}");
            assert!(
                !RESOURCE_TITLE_RE.is_match(t) || may_be_resource_title(t),
                "{t:?}"
            );
        }
    }

    #[test]
    fn title_and_inherits_groups() {
        for t in [
            "user resource type",
            "Foo.Bar entity (preview)",
            "x enum",
            "A enumeration type",
            "itemAnalytics\u{a0}resource",
        ] {
            for re in [&*RESOURCE_TITLE_RE, &*ENUM_TITLE_RE] {
                if let Some(c) = re.captures(t) {
                    assert_eq!(first_token(t), &c[1], "{t:?}");
                }
            }
        }
        for t in [
            "Inherits from entity.",
            "Derived from the abstract baseItem, and more",
            "inherits from the",
            "inherits   from   the  abstract",
            "It derives from the x_y.z(w)",
            "inherits from 1",
            "Inherits from ſomething",
        ] {
            let by_captures = INHERITS_RE.captures(t).map(|c| c.get(1).unwrap().as_str());
            assert_eq!(inherited(t), by_captures, "{t:?}");
        }
        for t in [
            "The request and the response",
            "Response to the Request",
            "requests only",
            "a-request",
            "prerequest response2 response",
        ] {
            let lower = t.to_lowercase();
            for w in ["request", "response"] {
                assert_eq!(find_word_ci(t, w), find_word(&lower, w), "{t:?} {w}");
            }
        }
    }

    #[test]
    fn response_groups_from_words() {
        for s in [
            "If successful, this method returns a 200 OK response code and a collection of user objects in the response body",
            "returns a collection of the new   item in the response in the response body",
            "returns a String collection in the response body",
            "returns a String collection object in the response body",
            "returns a list of the widget items in the response body",
            "returns the requested timeOffRequest objects in the response body",
            "returns a 200 OK response code and an updated cloudPcExternalPartnerSetting object in the response body",
            "returns 200 OK and a new instance of   schedule entity in the response body",
            "returns a 200 OK response code and an x.y in the response body",
            "returns a 200 OK response code and calendarGroup object in the response body",
            "returns a LIST OF the widget ITEMſ and X OBJECTſ in the reſponse body",
            "returns the requested x reſourceſ in the reſponse",
            "returns AND an x IN THE RESPONSE BODY",
            "returns x collection object in the response body",
        ] {
            for (re, _, groups, at) in RESPONSE_TYPE_RES.iter() {
                let by_captures = re.captures(s).map(|c| c.get(1).map_or("", |g| g.as_str()));
                assert_eq!(response_group(re, *at, s), by_captures, "{s:?} {re}");
                // The prefilter passes whatever the regex matches.
                if re.is_match(s) {
                    for group in groups.iter() {
                        assert!(group.iter().any(|w| contains_ci(s, w)), "{s:?} {re}");
                    }
                }
            }
        }
    }

    #[test]
    fn permission_names() {
        for n in [
            "User.Read",
            "User.Read.All",
            "User",
            "User.",
            ".Read",
            "User..Read",
            "1User.Read",
            "User-x.Read_y",
            "User.Read all",
            "U.R",
            "",
            "User.Réad",
            "User.Read\n",
        ] {
            assert_eq!(
                is_permission_name(n),
                PERMISSION_NAME_RE.is_match(n),
                "{n:?}"
            );
        }
    }

    #[test]
    fn words() {
        assert_eq!(
            find_word("the response to the request", "request"),
            Some(20)
        );
        assert_eq!(find_word("requests", "request"), None);
    }
}
