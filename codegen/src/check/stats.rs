//! `graphdoc stats`: how much of each page the reader got, as numbers.
//!
//! The yardstick for reading the whole reference: per page kind, what was found;
//! every page that fell short, with a one-line reason; and how many property
//! types resolve to a primitive or to a type some page defines.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde::Serialize;

use crate::ir::{ApiVersion, Header, Page, PageKind};
use crate::model::resolve;

/// Counts for one page kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct KindStats {
    pub pages: usize,
    /// Pages of this kind with at least one `METHOD /path`.
    pub pages_with_operation: usize,
    pub operations: usize,
    pub paths: usize,
    pub properties: usize,
    pub enums: usize,
    pub enum_members: usize,
    pub examples: usize,
    /// Example bodies (requests and responses) present.
    pub example_bodies: usize,
    /// Example bodies read as JSON (possibly after removing `...` or comments).
    pub example_bodies_json: usize,
    /// Example bodies not meant as JSON (`text/plain`, a `$count`'s number,
    /// MIME), kept as written; the rest that are not JSON are shortfalls.
    pub example_bodies_text: usize,
    pub example_bodies_truncated: usize,
    pub diagnostics: usize,
}

/// A page that did not yield what its kind should.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, PartialOrd, Ord)]
pub struct Shortfall {
    pub file: String,
    pub reason: String,
}

/// How property types resolve.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TypeResolution {
    pub total: usize,
    pub primitive: usize,
    pub defined: usize,
    /// Type names no page defines, with how many properties use them.
    pub unresolved: BTreeMap<String, usize>,
}

impl TypeResolution {
    pub fn resolved_ratio(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            (self.primitive + self.defined) as f64 / self.total as f64
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Stats {
    pub by_kind: BTreeMap<PageKind, KindStats>,
    pub shortfalls: Vec<Shortfall>,
    pub types: TypeResolution,
}

impl Stats {
    /// Share of operation pages that yield at least one operation with method and path.
    pub fn operation_page_ratio(&self) -> f64 {
        self.by_kind
            .get(&PageKind::Operation)
            .map(|k| ratio(k.pages_with_operation, k.pages))
            .unwrap_or(1.0)
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

/// Compute the statistics of a set of pages.
pub fn compute(pages: &[Page]) -> Stats {
    let mut stats = Stats::default();
    // Types defined per version, lower-cased: type names are case-insensitive in the docs.
    let mut defined: BTreeMap<ApiVersion, BTreeSet<String>> = BTreeMap::new();
    for page in pages {
        let set = defined
            .entry(page.api_version.unwrap_or(ApiVersion::V1_0))
            .or_default();
        for t in page.type_name.iter().chain(&page.type_alias) {
            set.insert(resolve::strip_namespace(t).to_ascii_lowercase());
        }
        for e in &page.enums {
            set.insert(resolve::strip_namespace(&e.name).to_ascii_lowercase());
        }
    }
    for page in pages {
        let k = stats.by_kind.entry(page.kind).or_default();
        k.pages += 1;
        k.operations += page.operations.len();
        k.paths += page.operations.iter().map(|o| o.paths.len()).sum::<usize>();
        let has_operation = page
            .operations
            .iter()
            .any(|o| !o.method.is_empty() && o.paths.iter().any(|p| !p.is_empty()));
        k.pages_with_operation += usize::from(has_operation);
        let body_props = page.request_body.as_ref().map_or(0, |b| b.properties.len());
        k.properties += page.properties.len() + page.relationships.len() + body_props;
        k.enums += page.enums.len() + usize::from(page.kind == PageKind::Enum);
        k.enum_members +=
            page.members.len() + page.enums.iter().map(|e| e.members.len()).sum::<usize>();
        k.examples += page.examples.len();
        k.diagnostics += page.diagnostics.len();
        for ex in &page.examples {
            let bodies = [
                ex.request.as_ref().map(|r| {
                    let text = text_body(r.raw_body.as_deref(), &r.headers);
                    (r.body.is_some(), r.raw_body.is_some(), text, false)
                }),
                ex.response.as_ref().map(|r| {
                    let text = text_body(r.raw_body.as_deref(), &r.headers);
                    (r.body.is_some(), r.raw_body.is_some(), text, r.truncated)
                }),
            ];
            for (json, raw, text, truncated) in bodies.into_iter().flatten() {
                if json || raw {
                    k.example_bodies += 1;
                }
                k.example_bodies_json += usize::from(json);
                k.example_bodies_text += usize::from(text);
                k.example_bodies_truncated += usize::from(json && truncated);
            }
        }
        stats.shortfalls.extend(shortfalls(page));
        let set = &defined[&page.api_version.unwrap_or(ApiVersion::V1_0)];
        let props = page
            .properties
            .iter()
            .chain(&page.relationships)
            .chain(page.request_body.iter().flat_map(|b| &b.properties));
        for p in props {
            let name = resolve::strip_namespace(&p.ty.name);
            stats.types.total += 1;
            if resolve::primitive(name).is_some() || resolve::is_json_name(name) {
                stats.types.primitive += 1;
            } else if set.contains(&name.to_ascii_lowercase())
                || super::defined_in_page_namespace(set, page, name)
            {
                stats.types.defined += 1;
            } else {
                *stats.types.unresolved.entry(name.to_string()).or_default() += 1;
            }
        }
    }
    stats.shortfalls.sort();
    stats
}

/// Reader diagnostics that mean part of a page was not read (the others say
/// it was read despite a flaw, or are counted above).
const NOT_READ: &[&str] = &[
    "table-unknown",
    "table-not-read",
    "table-row-shape",
    "include-unresolved",
    "no-type-name",
    "page-too-large",
    "internal-error",
    "io-error",
    "not-utf8",
];

fn shortfalls(page: &Page) -> Vec<Shortfall> {
    let mut out = Vec::new();
    let mut fell_short = |reason: String| {
        out.push(Shortfall {
            file: page.source.clone(),
            reason,
        })
    };
    match page.kind {
        PageKind::Operation if page.operations.is_empty() => {
            fell_short("operation page without a `METHOD /path` request line".into())
        }
        PageKind::Resource
            if page.properties.is_empty()
                && page.relationships.is_empty()
                && !page.properties_none =>
        {
            fell_short("resource page without properties or relationships".into())
        }
        // Pages such as `enums.md` define several enums: their members are in `enums`.
        PageKind::Enum
            if page.members.is_empty() && page.enums.iter().all(|e| e.members.is_empty()) =>
        {
            fell_short("enum page without members".into())
        }
        _ => {}
    }
    // What the reader met and could not read, reported on the page: a shortfall too.
    for d in &page.diagnostics {
        if NOT_READ.contains(&d.code.as_str()) {
            let what = d.message.split(" (expected").next().unwrap_or_default();
            fell_short(format!("line {}: [{}] {what}", d.line, d.code));
        }
    }
    for ex in &page.examples {
        let request = ex
            .request
            .as_ref()
            .map(|r| ("request", &r.raw_body, &r.headers, r.line));
        let response =
            (ex.response.as_ref()).map(|r| ("response", &r.raw_body, &r.headers, r.line));
        for (what, raw, headers, line) in request.into_iter().chain(response) {
            if raw.is_some() && !text_body(raw.as_deref(), headers) {
                fell_short(format!(
                    "{what} example at line {line} has a body that is not JSON"
                ));
            }
        }
    }
    out
}

/// A body kept as written because it is not meant as JSON (see
/// [`crate::read::body_meant_as_json`]).
fn text_body(raw: Option<&str>, headers: &[Header]) -> bool {
    raw.is_some_and(|raw| !crate::read::body_meant_as_json(raw, headers))
}

/// A terminal report: the table per kind, the type figures, then every shortfall.
pub fn render_text(stats: &Stats) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<10} {:>6} {:>8} {:>6} {:>6} {:>6} {:>6} {:>7} {:>8} {:>6} {:>6} {:>6} {:>6}",
        "kind",
        "pages",
        "with-op",
        "ops",
        "paths",
        "props",
        "enums",
        "members",
        "examples",
        "bodies",
        "json",
        "text",
        "trunc"
    );
    for (kind, k) in &stats.by_kind {
        let _ = writeln!(
            out,
            "{:<10} {:>6} {:>8} {:>6} {:>6} {:>6} {:>6} {:>7} {:>8} {:>6} {:>6} {:>6} {:>6}",
            format!("{kind:?}").to_lowercase(),
            k.pages,
            k.pages_with_operation,
            k.operations,
            k.paths,
            k.properties,
            k.enums,
            k.enum_members,
            k.examples,
            k.example_bodies,
            k.example_bodies_json,
            k.example_bodies_text,
            k.example_bodies_truncated
        );
    }
    let t = &stats.types;
    let _ = writeln!(
        out,
        "\noperation pages with an operation: {:.2}%",
        stats.operation_page_ratio() * 100.0
    );
    let _ = writeln!(
        out,
        "property types resolved: {:.2}% ({} primitive + {} defined of {}; {} names undefined)",
        t.resolved_ratio() * 100.0,
        t.primitive,
        t.defined,
        t.total,
        t.unresolved.len()
    );
    let pages: std::collections::BTreeSet<&str> =
        stats.shortfalls.iter().map(|s| s.file.as_str()).collect();
    let _ = writeln!(
        out,
        "\npages that fell short: {} ({} shortfalls)",
        pages.len(),
        stats.shortfalls.len()
    );
    for s in &stats.shortfalls {
        let _ = writeln!(out, "  {}: {}", s.file, s.reason);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Form, Operation};

    fn page(kind: PageKind) -> Page {
        Page {
            source: "p.md".into(),
            form: Form::Markdown,
            kind,
            title: "t".into(),
            api_version: Some(ApiVersion::V1_0),
            namespace: None,
            description: None,
            operations: vec![],
            permissions: vec![],
            request_headers: vec![],
            parameters: vec![],
            query_options: vec![],
            request_body: None,
            response: None,
            examples: vec![],
            type_name: None,
            type_alias: None,
            properties: vec![],
            relationships: vec![],
            properties_none: false,
            base_type: None,
            members: vec![],
            enums: vec![],
            diagnostics: vec![],
        }
    }

    #[test]
    fn counts_operations_and_reports_pages_without_them() {
        let mut ok = page(PageKind::Operation);
        ok.operations.push(Operation {
            method: "GET".into(),
            paths: vec!["/me".into(), "/users/{id}".into()],
            line: 3,
        });
        let empty = page(PageKind::Operation);
        let stats = compute(&[ok, empty]);
        let k = &stats.by_kind[&PageKind::Operation];
        assert_eq!(
            (k.pages, k.pages_with_operation, k.operations, k.paths),
            (2, 1, 1, 2)
        );
        assert_eq!(stats.operation_page_ratio(), 0.5);
        assert_eq!(stats.shortfalls.len(), 1);
        assert!(stats.shortfalls[0].reason.contains("request line"));
    }

    #[test]
    fn a_resource_page_that_says_it_has_no_properties_is_no_shortfall() {
        let none = "# signals resource type\n\n## Properties\n\nNone.\n\n## Relationships\nNone.\n";
        let silent = "# signals resource type\n\nThe signals.\n\n## JSON representation\n\n```json\n{}\n```\n";
        for (text_form, none) in [(false, none), (true, &none.replace("## ", ""))] {
            let source = if text_form {
                "resources/signals.txt"
            } else {
                "resources/signals.md"
            };
            let page = crate::read::read_page(source, none);
            assert!(page.properties_none, "{source}");
            let stats = compute(&[page, crate::read::read_page("resources/other.md", silent)]);
            let reasons: Vec<(&str, &str)> = stats
                .shortfalls
                .iter()
                .map(|f| (f.file.as_str(), f.reason.as_str()))
                .collect();
            assert_eq!(
                reasons,
                [(
                    "resources/other.md",
                    "resource page without properties or relationships"
                )],
                "{source}"
            );
        }
    }

    #[test]
    fn tables_the_reader_could_not_read_are_shortfalls() {
        let md = "# widget resource type\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n\
            | id | String | The id. |\n\n| Preset | Color |\n|:--|:--|\n| p0 | Red |\n";
        let page = crate::read::read_page("resources/widget.md", md);
        let stats = compute(&[page]);
        let reasons: Vec<&str> = stats.shortfalls.iter().map(|f| f.reason.as_str()).collect();
        assert_eq!(
            reasons,
            ["line 9: [table-unknown] table `Preset | Color` in the Properties section has a header the reader does not know, so its 1 rows are not read"]
        );
        assert!(render_text(&stats).contains("pages that fell short: 1 (1 shortfalls)"));
    }

    #[test]
    fn bodies_not_meant_as_json_are_text_not_shortfalls() {
        let md = "---\ndoc_type: apiPageType\n---\n# List memberOf\n\n## HTTP request\n\n```http\nGET /me/memberOf/$count\n```\n\n## Examples\n\n### Example 1\n\n```http\nGET https://graph.microsoft.com/v1.0/me/memberOf/$count\n```\n\n```http\nHTTP/1.1 200 OK\nContent-type: text/plain\n\n17\n```\n\n### Example 2\n\n```http\nGET https://graph.microsoft.com/v1.0/me/memberOf\n```\n\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\n  \"id\": \"1\"\n  \"displayName\": \"x\"\n}\n```\n\n### Example 3\n\n```http\nGET https://graph.microsoft.com/v1.0/me/memberOf\n```\n\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\"value\": []}\n```\n";
        let page = crate::read::read_page("api/user-list-memberof.md", md);
        let stats = compute(&[page]);
        let k = &stats.by_kind[&PageKind::Operation];
        assert_eq!(
            (
                k.example_bodies,
                k.example_bodies_json,
                k.example_bodies_text
            ),
            (3, 1, 1)
        );
        // The JSON that is not JSON (a missing comma) is the one shortfall, at its line.
        let reasons: Vec<&str> = stats.shortfalls.iter().map(|f| f.reason.as_str()).collect();
        assert_eq!(
            reasons,
            ["response example at line 34 has a body that is not JSON"]
        );
    }
}
