//! The checks. Each looks at one page against the model of the whole tree
//! (for what other pages define) and reports where the page contradicts
//! itself or the tree.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;
use std::sync::Arc;

use regex::Regex;
use serde_json::{Map, Value};

use super::locate::{self, KeyMap, Seg, Sources, Spot};
use super::*;
use crate::ir::{ApiVersion, Diagnostic, Example, ExampleRequest, ExampleResponse, Page, PageKind};
use crate::model::{
    after_workbook, clean_path, resolve, ApiModel, ComplexType, EnumType, FieldType,
    OperationModel, PropertyModel, RequestBodyModel, TypeKind,
};

/// Nesting depth past which example values are not followed (bodies are shallow;
/// this only bounds hostile input).
const MAX_DEPTH: usize = 24;

pub(super) fn run(pages: &[Page], model: &ApiModel, model_diags: &[Diagnostic]) -> Vec<Finding> {
    let mut cx = Cx::new(pages, model);
    for page in pages {
        cx.page(page);
    }
    for d in model_diags {
        cx.pass_through(d);
    }
    cx.findings
}

/// The types and enums of one API version, by lower-case name.
#[derive(Default)]
struct Index<'a> {
    types: BTreeMap<String, &'a ComplexType>,
    enums: BTreeMap<String, &'a EnumType>,
    /// Names some page defines (resource and enum pages, inline enums).
    defined: BTreeSet<String>,
    /// Whether any page of this version defines a type: a tree of operation
    /// pages alone names types it never meant to define.
    has_type_pages: bool,
    /// Documented types by the lower-case name of their base type.
    derived: BTreeMap<String, Vec<&'a ComplexType>>,
}

impl<'a> Index<'a> {
    /// A type a page defines (not one inferred from examples).
    fn documented(&self, name: &str) -> Option<&'a ComplexType> {
        self.types
            .get(&resolve::strip_namespace(name).to_ascii_lowercase())
            .copied()
            .filter(|t| !t.inferred)
    }

    fn enumeration(&self, name: &str) -> Option<&'a EnumType> {
        self.enums
            .get(&resolve::strip_namespace(name).to_ascii_lowercase())
            .copied()
    }

    /// A type's properties with its base types', by lower-case name, and whether
    /// the list is complete: every type on the way documents its properties and
    /// none is open (holds whatever properties a caller adds).
    fn properties(&self, ty: &'a ComplexType) -> (BTreeMap<String, &'a PropertyModel>, bool) {
        let mut out = BTreeMap::new();
        let mut complete = !ty.properties.is_empty();
        let mut seen = BTreeSet::new();
        let mut current = Some(ty);
        while let Some(t) = current {
            if !seen.insert(t.name.to_ascii_lowercase()) {
                break; // a base-type cycle in the docs
            }
            complete &= !OPEN_TYPES.iter().any(|o| o.eq_ignore_ascii_case(&t.name));
            for p in &t.properties {
                out.entry(p.name.to_ascii_lowercase()).or_insert(p);
            }
            current = match &t.base_type {
                Some(b) => {
                    let base = self.documented(b);
                    complete &= base.is_some();
                    base
                }
                None => None,
            };
        }
        (out, complete)
    }

    /// For an object that does not say which type it is: the properties of the
    /// type and of every type derived from it (a list of `directoryObject`s holds
    /// users and groups).
    fn family_properties(
        &self,
        ty: &'a ComplexType,
    ) -> (BTreeMap<String, &'a PropertyModel>, bool) {
        let (mut out, complete) = self.properties(ty);
        let mut queue = vec![ty];
        let mut seen = BTreeSet::new();
        while let Some(t) = queue.pop() {
            if !seen.insert(t.name.to_ascii_lowercase()) {
                continue;
            }
            for child in self
                .derived
                .get(&t.name.to_ascii_lowercase())
                .into_iter()
                .flatten()
            {
                for p in &child.properties {
                    out.entry(p.name.to_ascii_lowercase()).or_insert(p);
                }
                queue.push(child);
            }
        }
        (out, complete)
    }
}

/// Types documented as open: they carry properties their table cannot list
/// (open extensions, SharePoint list item fields).
const OPEN_TYPES: &[&str] = &["openTypeExtension", "extension", "fieldValueSet"];

/// Whose table an example object is checked against.
#[derive(Clone, Copy)]
enum Owner<'a> {
    Type(&'a ComplexType),
    /// The operation's own Request body table (action parameters, PATCH fields).
    Body,
}

impl Owner<'_> {
    fn display(&self) -> String {
        match self {
            Owner::Type(t) => format!("`{}`", t.name),
            Owner::Body => "the Request body table".to_string(),
        }
    }
}

/// Example properties no table defines, gathered per page and owner.
struct Unknown {
    spot: Spot,
    keys: Vec<String>,
    /// (key, documented name it is close to).
    suggestions: Vec<(String, String)>,
    /// The owner is a type that names no base type.
    no_base: bool,
    /// The owner is a type (else the Request body table, which has no base type).
    of_type: bool,
}

/// Where example findings go: the page, the example's body and its key spots.
struct Body<'p> {
    file: &'p str,
    /// What the body is, for messages: `request` or `response`.
    what: &'static str,
    keys: Arc<KeyMap>,
    /// Line of the example's request or status line.
    line: usize,
}

struct Cx<'a> {
    /// Shared so a check can hold an index while it records findings.
    versions: Rc<BTreeMap<ApiVersion, Index<'a>>>,
    ops_by_file: BTreeMap<&'a str, Vec<&'a OperationModel>>,
    sources: Sources,
    findings: Vec<Finding>,
    /// Unknown example properties of the current page, by (file, request or
    /// response, owner), reported together when the page is done.
    unknown: BTreeMap<(String, &'static str, String), Unknown>,
}

impl<'a> Cx<'a> {
    fn new(pages: &'a [Page], model: &'a ApiModel) -> Self {
        let mut versions: BTreeMap<ApiVersion, Index<'a>> = BTreeMap::new();
        let mut ops_by_file: BTreeMap<&'a str, Vec<&'a OperationModel>> = BTreeMap::new();
        for (version, v) in &model.versions {
            let index = versions.entry(*version).or_default();
            for t in v.types.values() {
                index.types.insert(t.name.to_ascii_lowercase(), t);
                if let (Some(base), false) = (&t.base_type, t.inferred) {
                    index
                        .derived
                        .entry(base.to_ascii_lowercase())
                        .or_default()
                        .push(t);
                }
            }
            for e in v.enums.values() {
                index.enums.insert(e.name.to_ascii_lowercase(), e);
            }
            for op in v.operations.values() {
                ops_by_file
                    .entry(op.origin.file.as_str())
                    .or_default()
                    .push(op);
            }
        }
        let sources = Sources::default();
        for page in pages {
            let index = versions.entry(version_of(page)).or_default();
            if let (Some(name), PageKind::Resource | PageKind::Enum) = (&page.type_name, page.kind)
            {
                index.has_type_pages = true;
                // The Graph name (`workbookChartFill`, `callRecords.endpoint`), the
                // title's (`ChartFill`) and the file's (`systemFacet.md` titled
                // "System facet") all name the type.
                let stem = std::path::Path::new(&page.source)
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned());
                for n in std::iter::once(name).chain(&page.type_alias).chain(&stem) {
                    index
                        .defined
                        .insert(resolve::strip_namespace(n).to_ascii_lowercase());
                }
            }
            for e in &page.enums {
                index
                    .defined
                    .insert(resolve::strip_namespace(&e.name).to_ascii_lowercase());
            }
        }
        for ops in ops_by_file.values_mut() {
            ops.sort_by(|a, b| (&a.origin, &a.path_template).cmp(&(&b.origin, &b.path_template)));
        }
        Cx {
            versions: Rc::new(versions),
            ops_by_file,
            sources,
            findings: Vec::new(),
            unknown: BTreeMap::new(),
        }
    }

    fn versions(&self) -> Rc<BTreeMap<ApiVersion, Index<'a>>> {
        Rc::clone(&self.versions)
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        code: &str,
        file: &str,
        spot: Spot,
        message: String,
        label: Option<String>,
        help: Option<String>,
        related: Vec<Related>,
    ) {
        let severity = code_info(code).map_or(Severity::Warning, |c| c.severity);
        self.findings.push(Finding {
            code: code.to_string(),
            severity,
            file: file.to_string(),
            line: spot.line,
            column: spot.column,
            len: spot.len,
            message,
            label,
            help,
            related,
        });
    }

    fn spot(&mut self, file: &str, line: usize, needle: &str) -> Spot {
        let text = self.sources.line(file, line);
        locate::spot_in_line(text.as_deref(), line, needle)
    }

    /// A reader or model diagnostic, under its own code.
    fn pass_through(&mut self, d: &Diagnostic) {
        let spot = self.spot(&d.file, d.line.max(1), "");
        self.push(
            &d.code,
            &d.file,
            spot,
            d.message.clone(),
            None,
            None,
            Vec::new(),
        );
    }

    fn page(&mut self, page: &Page) {
        for d in &page.diagnostics {
            // `example-json-invalid` says the same with the exact spot, and spares
            // bodies the page marks as truncated.
            if d.code != "json-invalid" {
                self.pass_through(d);
            }
        }
        self.duplicates(page);
        self.undefined_types(page);
        if page.kind == PageKind::Operation {
            self.examples(page);
            self.flush_unknown();
        }
    }

    // ---- property-duplicate ----

    fn duplicates(&mut self, page: &Page) {
        let file = page.source.as_str();
        // A property in both the Properties and the Relationships table is listed twice.
        let type_rows = page.properties.iter().chain(&page.relationships);
        self.duplicate_rows(
            page,
            type_rows.map(|p| (p.name.as_str(), p.line)),
            "property",
            false,
        );
        // Request-body and parameter tables may come in alternatives (one per
        // permission type): only a repeat inside one table counts.
        if let Some(body) = &page.request_body {
            self.duplicate_rows(
                page,
                body.properties.iter().map(|p| (p.name.as_str(), p.line)),
                "request body property",
                true,
            );
        }
        self.duplicate_rows(
            page,
            page.parameters.iter().map(|p| (p.name.as_str(), p.line)),
            "parameter",
            true,
        );
        // Enum members carry no line: find their rows in the page text.
        let mut lists: Vec<Vec<&str>> =
            vec![page.members.iter().map(|m| m.name.as_str()).collect()];
        lists.extend(
            page.enums
                .iter()
                .map(|e| e.members.iter().map(|m| m.name.as_str()).collect()),
        );
        for names in lists {
            let mut seen: BTreeMap<String, usize> = BTreeMap::new();
            let mut dups = Vec::new();
            for name in names {
                let n = seen.entry(name.to_ascii_lowercase()).or_default();
                *n += 1;
                if *n == 2 {
                    dups.push(name);
                }
            }
            for name in dups {
                let rows = self.member_rows(file, name);
                let (first, second) = match rows.as_slice() {
                    [a, b, ..] => (*a, *b),
                    [a] => (*a, *a),
                    [] => (1, 1),
                };
                let spot = self.spot(file, second, name);
                let first_spot = self.spot(file, first, name);
                self.push(
                    PROPERTY_DUPLICATE,
                    file,
                    spot,
                    format!("enum member `{name}` is listed twice"),
                    Some("listed again here".into()),
                    Some(
                        "remove one of the rows, or rename it if they are different members".into(),
                    ),
                    vec![Related {
                        line: first_spot.line,
                        column: first_spot.column,
                        len: first_spot.len,
                        message: "first listed here".into(),
                    }],
                );
            }
        }
    }

    fn duplicate_rows<'p>(
        &mut self,
        page: &Page,
        rows: impl Iterator<Item = (&'p str, usize)>,
        what: &str,
        same_table_only: bool,
    ) {
        let file = page.source.as_str();
        let mut first: BTreeMap<String, (usize, &str)> = BTreeMap::new();
        for (name, line) in rows {
            match first.get(&name.to_ascii_lowercase()) {
                Some(&(first_line, _))
                    if same_table_only && !self.same_table(page, first_line, line) =>
                {
                    first.insert(name.to_ascii_lowercase(), (line, name));
                }
                None => {
                    first.insert(name.to_ascii_lowercase(), (line, name));
                }
                Some(&(first_line, first_name)) => {
                    let spot = self.spot(file, line, name);
                    let first_spot = self.spot(file, first_line, first_name);
                    let same = if first_name == name {
                        String::new()
                    } else {
                        format!(" (as `{first_name}`)")
                    };
                    self.push(
                        PROPERTY_DUPLICATE,
                        file,
                        spot,
                        format!("{what} `{name}` is listed twice{same}"),
                        Some("listed again here".into()),
                        Some("keep one row; merge what the descriptions say".into()),
                        vec![Related {
                            line: first_spot.line,
                            column: first_spot.column,
                            len: first_spot.len,
                            message: "first listed here".into(),
                        }],
                    );
                }
            }
        }
    }

    /// Whether two row lines belong to one table: nothing but rows between them.
    fn same_table(&mut self, page: &Page, a: usize, b: usize) -> bool {
        let Some(lines) = self.sources.lines(&page.source) else {
            return true;
        };
        let (lo, hi) = (a.min(b), a.max(b));
        (lo + 1..hi).all(|l| {
            let text = lines.get(l - 1).map(|t| t.trim()).unwrap_or_default();
            // Text-form tables have no pipes; a blank line still ends them.
            !text.is_empty() && (page.form == crate::ir::Form::Text || text.starts_with('|'))
        })
    }

    /// Lines of table rows whose first cell is `name`.
    fn member_rows(&mut self, file: &str, name: &str) -> Vec<usize> {
        let Some(lines) = self.sources.lines(file) else {
            return Vec::new();
        };
        lines
            .iter()
            .enumerate()
            .filter(|(_, l)| {
                let first = l
                    .trim()
                    .trim_start_matches('|')
                    .split('|')
                    .next()
                    .unwrap_or_default();
                let first = first.split_whitespace().next().unwrap_or_default();
                first
                    .trim_matches(|c| c == '`' || c == '*')
                    .eq_ignore_ascii_case(name)
            })
            .map(|(i, _)| i + 1)
            .collect()
    }

    // ---- type-undefined ----

    fn undefined_types(&mut self, page: &Page) {
        let versions = self.versions();
        let Some(index) = versions.get(&version_of(page)) else {
            return;
        };
        if !index.has_type_pages {
            return;
        }
        let defined = &index.defined;
        let file = page.source.as_str();
        let mut refs: Vec<(String, Option<usize>, &str)> = Vec::new();
        let rows = page
            .properties
            .iter()
            .chain(&page.relationships)
            .chain(&page.parameters)
            .chain(page.request_body.iter().flat_map(|b| &b.properties));
        for p in rows {
            refs.push((p.ty.name.clone(), Some(p.line), "its table row"));
        }
        // Response and Request body sections name types in prose, by link text
        // (`a [thread](conversationthread.md) object`): not a definition to check.
        // Prose base types ("inherits from base policy type") are the reader's
        // guess; the resource annotation's `baseType` is a statement worth checking.
        if page.kind == PageKind::Resource {
            if let Some(lines) = self.sources.lines(file) {
                if let Some(b) = resource_annotation(&lines, "baseType") {
                    let line = lines
                        .iter()
                        .position(|l| l.contains("\"baseType\""))
                        .map(|i| i + 1);
                    refs.push((b, line, "the resource annotation's baseType"));
                }
            }
        }
        let mut reported = BTreeSet::new();
        for (raw, line, place) in refs {
            let name = resolve::strip_namespace(&raw);
            let key = name.to_ascii_lowercase();
            if name.is_empty()
                || resolve::primitive(name).is_some()
                || resolve::is_json_name(name)
                // `Untyped JSON object` and the like say "any JSON" in words.
                || key.contains("json")
                || defined.contains(&key)
                || crate::check::defined_in_page_namespace(defined, page, &key)
                || !reported.insert(key)
            {
                continue;
            }
            let message = if name.contains(char::is_whitespace) {
                format!("type cell `{name}` is not a type name any page defines")
            } else {
                format!("type `{name}` is not defined by any page in the tree")
            };
            let spot = match line {
                Some(l) => self.spot(file, l, name),
                None => self.first_mention(file, name),
            };
            self.push(
                TYPE_UNDEFINED,
                file,
                spot,
                message,
                Some(format!("named in {place}")),
                Some(format!(
                    "add a resource or enum page for `{name}`, or correct the type name"
                )),
                Vec::new(),
            );
        }
    }

    /// The first line below the title that mentions `needle` as a word.
    fn first_mention(&mut self, file: &str, needle: &str) -> Spot {
        let lines = self.sources.lines(file);
        let found = lines.as_ref().and_then(|lines| {
            let pin = needle.to_lowercase();
            lines
                .iter()
                .enumerate()
                .skip(1)
                .find(|(_, l)| l.to_lowercase().contains(&pin))
                .map(|(i, l)| locate::spot_in_line(Some(l), i + 1, needle))
        });
        found.unwrap_or(Spot {
            line: 1,
            column: 1,
            len: 0,
        })
    }

    // ---- examples ----

    fn examples(&mut self, page: &Page) {
        let file = page.source.as_str();
        self.status_mismatch(page);
        let mut undocumented_reported = false;
        for example in &page.examples {
            // A call to another host (a bot's callback, an upload URL) and what it
            // answers are not this operation: only their JSON is checked.
            let graph = is_graph_call(example);
            if let Some(req) = &example.request {
                let raw = req.raw_body.as_deref();
                self.json_invalid(file, "request", raw, &req.headers, req.line, false);
                if graph {
                    self.url_unmatched(page, req);
                    if !undocumented_reported {
                        undocumented_reported = self.body_undocumented(page, req);
                    }
                    if let Some(body) = &req.body {
                        self.request_body(page, req, body);
                    }
                }
            }
            if let Some(resp) = &example.response {
                let raw = resp.raw_body.as_deref();
                self.json_invalid(
                    file,
                    "response",
                    raw,
                    &resp.headers,
                    resp.line,
                    resp.truncated,
                );
                if let (true, Some(body)) = (graph, &resp.body) {
                    self.response_body(page, example, resp, body);
                }
            }
        }
    }

    /// The model's operation for this page and method (the first path's).
    fn operation(&self, page: &Page, method: &str) -> Option<&'a OperationModel> {
        let ops = self.ops_by_file.get(page.source.as_str())?;
        ops.iter()
            .find(|o| o.method.eq_ignore_ascii_case(method))
            .or_else(|| ops.first())
            .copied()
    }

    fn keys(&mut self, file: &str, line: usize) -> Arc<KeyMap> {
        let map = match self.sources.lines(file) {
            Some(lines) => locate::scan_body(&lines, line),
            None => KeyMap::default(),
        };
        Arc::new(map)
    }

    // ---- example-json-invalid ----

    fn json_invalid(
        &mut self,
        file: &str,
        what: &str,
        raw: Option<&str>,
        headers: &[crate::ir::Header],
        line: usize,
        truncated: bool,
    ) {
        let Some(raw) = raw else { return };
        let content_type = headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case("content-type"))
            .map(|h| h.value.to_ascii_lowercase());
        let starts_json = matches!(raw.trim_start().chars().next(), Some('{' | '['));
        // Text, XML, images and multipart bodies are not meant to be JSON.
        let json_expected = match content_type.as_deref() {
            Some(ct) => ct.contains("json") || (starts_json && !ct.contains('/')),
            None => starts_json,
        };
        if !json_expected || truncated {
            return;
        }
        let err = match serde_json::from_str::<Value>(raw.trim()) {
            Ok(_) => return,
            Err(e) => e,
        };
        // Point at the error: the body's first line on the page, plus the error's line.
        let first = raw
            .trim()
            .lines()
            .next()
            .unwrap_or_default()
            .trim()
            .to_string();
        let lines = self.sources.lines(file);
        let body_line = lines.as_ref().and_then(|ls| {
            (line.max(1) - 1..ls.len().min(line + 80)).find(|&i| ls[i].trim() == first)
        });
        let spot = match (body_line, lines.as_ref()) {
            (Some(i), Some(ls)) => {
                // Column 0 is the line break ending the line before (an unclosed string).
                let (err_line, err_col) = match (err.line().max(1), err.column()) {
                    (l, 0) if l > 1 => (l - 1, usize::MAX),
                    (l, c) => (l, c),
                };
                let at = i + err_line - 1;
                match ls.get(at) {
                    Some(text) => {
                        let indent = if err_line <= 1 {
                            text.chars().take_while(|c| c.is_whitespace()).count()
                        } else {
                            0
                        };
                        let width = text.chars().count().max(1);
                        let col = err_col.max(1).saturating_add(indent).min(width);
                        Spot {
                            line: at + 1,
                            column: col,
                            len: 1,
                        }
                    }
                    None => locate::whole_line(&ls[i], i + 1),
                }
            }
            _ => self.spot(file, line, ""),
        };
        self.push(
            EXAMPLE_JSON_INVALID,
            file,
            spot,
            format!("example {what} body is not valid JSON: {err}"),
            Some(json_error_label(&err)),
            Some(
                "fix the JSON, or mark the example `\"truncated\": true` if it is cut short on purpose"
                    .into(),
            ),
            Vec::new(),
        );
    }

    // ---- example-url-unmatched ----

    fn url_unmatched(&mut self, page: &Page, req: &ExampleRequest) {
        // Calls to other hosts (upload URLs, a bot's callback) are not Graph paths.
        let Some(path) = example_path(&req.url) else {
            return;
        };
        if page.operations.is_empty() {
            return;
        }
        let same_method: Vec<&String> = page
            .operations
            .iter()
            .filter(|o| o.method.eq_ignore_ascii_case(&req.method))
            .flat_map(|o| &o.paths)
            .collect();
        let candidates: Vec<&String> = if same_method.is_empty() {
            page.operations.iter().flat_map(|o| &o.paths).collect()
        } else {
            same_method
        };
        // Function arguments are often documented in a table, not in the path:
        // `/range/cell` covers `/range/cell(row=5,column=6)`.
        // `/me` is the signed-in user: `/users/{id}/…` documents it too.
        let mut spellings = vec![path.clone(), odata_plain(&path)];
        for p in spellings.clone() {
            let lower = p.to_ascii_lowercase();
            if lower == "/me" || lower.starts_with("/me/") {
                spellings.push(format!("/users/me{}", &p[3..]));
            }
        }
        if candidates.iter().any(|t| {
            spellings.iter().any(|p| {
                path_matches(t, p) || path_matches(&strip_arguments(t), &strip_arguments(p))
            })
        }) {
            return;
        }
        let file = page.source.as_str();
        let spot = self.spot(file, req.line, url_needle(&req.url));
        let listed: Vec<String> = candidates
            .iter()
            .take(4)
            .map(|t| format!("`{t}`"))
            .collect();
        let more = candidates.len().saturating_sub(4);
        self.push(
            EXAMPLE_URL_UNMATCHED,
            file,
            spot,
            format!("example URL `{path}` matches none of the page's HTTP request paths"),
            Some("no `HTTP request` path has this shape".into()),
            Some(format!(
                "the page documents {}{}; fix the example or add its path to the HTTP request section",
                listed.join(", "),
                if more > 0 { format!(" and {more} more") } else { String::new() }
            )),
            Vec::new(),
        );
    }

    // ---- request-body-undocumented ----

    /// True when it reported (once per page is enough).
    fn body_undocumented(&mut self, page: &Page, req: &ExampleRequest) -> bool {
        if !matches!(
            req.method.to_ascii_uppercase().as_str(),
            "POST" | "PATCH" | "PUT"
        ) {
            return false;
        }
        let Some(Value::Object(body)) = &req.body else {
            return false;
        };
        // A body of only `@odata.id` and friends is a reference, not properties.
        let props: Vec<&String> = body.keys().filter(|k| !k.contains('@')).collect();
        if props.is_empty() {
            return false;
        }
        let documented = page
            .request_body
            .as_ref()
            .is_some_and(|b| !b.properties.is_empty() || b.ty.is_some());
        if documented {
            return false;
        }
        let file = page.source.as_str();
        let keys = self.keys(file, req.line);
        let spot = match keys.start {
            Some(s) => s,
            None => self.spot(file, req.line, ""),
        };
        let shown: Vec<String> = props.iter().take(5).map(|k| format!("`{k}`")).collect();
        self.push(
            REQUEST_BODY_UNDOCUMENTED,
            file,
            spot,
            format!(
                "the {} example sends a body ({}{}), but the Request body section has no table and names no type",
                req.method.to_ascii_uppercase(),
                shown.join(", "),
                if props.len() > 5 { ", …" } else { "" }
            ),
            Some("body sent here".into()),
            Some(
                "add a Property | Type | Description table to the Request body section, or say which object it is (\"a JSON representation of a … object\")"
                    .into(),
            ),
            Vec::new(),
        );
        true
    }

    // ---- response-status-mismatch ----

    /// Pages often show several responses (a 302 and the download it leads to, a
    /// 201 and the 202 of a long-running call), so a status is only contradicted
    /// when no example shows the documented one and the text before the examples
    /// does not mention the shown one either.
    fn status_mismatch(&mut self, page: &Page) {
        let Some(documented) = page.response.as_ref().and_then(|r| r.status) else {
            return;
        };
        let responses: Vec<&ExampleResponse> = page
            .examples
            .iter()
            .filter(|e| is_graph_call(e))
            .filter_map(|e| e.response.as_ref())
            .collect();
        if responses.iter().any(|r| r.status == Some(documented)) {
            return;
        }
        let file = page.source.as_str();
        let first_example = page
            .examples
            .iter()
            .flat_map(|e| {
                e.request
                    .as_ref()
                    .map(|r| r.line)
                    .into_iter()
                    .chain(e.response.as_ref().map(|r| r.line))
            })
            .min()
            .unwrap_or(usize::MAX);
        let prose = self.sources.lines(file).map(|lines| {
            lines
                .iter()
                .take(first_example.saturating_sub(1))
                .cloned()
                .collect::<Vec<_>>()
                .join("\n")
        });
        let mut reported = BTreeSet::new();
        for resp in responses {
            let Some(shown) = resp.status else { continue };
            // Error examples are a different response on purpose.
            if !(200..300).contains(&shown) || shown == documented || !reported.insert(shown) {
                continue;
            }
            let mentioned = prose.as_deref().is_some_and(|p| mentions_status(p, shown));
            if mentioned {
                continue;
            }
            let spot = self.spot(file, resp.line, &shown.to_string());
            self.push(
                RESPONSE_STATUS_MISMATCH,
                file,
                spot,
                format!("example response is {shown} but the Response section says {documented}"),
                Some(format!("the Response section says {documented}")),
                Some("make the example's status line and the Response section agree".into()),
                Vec::new(),
            );
        }
    }

    // ---- example bodies against the tables ----

    fn request_body(&mut self, page: &Page, req: &ExampleRequest, body: &Value) {
        let versions = self.versions();
        let Some(index) = versions.get(&version_of(page)) else {
            return;
        };
        let Some(op) = self.operation(page, &req.method) else {
            return;
        };
        if !op.method.eq_ignore_ascii_case(&req.method) {
            return;
        }
        let b = Body {
            file: &page.source,
            what: "request",
            keys: self.keys(&page.source, req.line),
            line: req.line,
        };
        match &op.request_body {
            Some(RequestBodyModel::Update {
                target, properties, ..
            }) => {
                let target = target.as_deref().and_then(|t| index.documented(t));
                let Value::Object(obj) = body else { return };
                if derived_type(obj, index).is_some() {
                    if let Some(t) = target {
                        self.object(index, &b, t, obj, &[], 0);
                    }
                    return;
                }
                let (mut fields, mut complete) = match target {
                    Some(t) => index.properties(t),
                    None => (BTreeMap::new(), !properties.is_empty()),
                };
                for p in properties {
                    fields.insert(p.name.to_ascii_lowercase(), p);
                }
                complete &= !fields.is_empty();
                let owner = match target {
                    Some(t) => Owner::Type(t),
                    None => Owner::Body,
                };
                self.fields(index, &b, owner, &fields, complete, obj, &[], 0);
            }
            Some(RequestBodyModel::Parameters { properties, .. }) => {
                let Value::Object(obj) = body else { return };
                let fields: BTreeMap<String, &PropertyModel> = properties
                    .iter()
                    .map(|p| (p.name.to_ascii_lowercase(), p))
                    .collect();
                let complete = !fields.is_empty();
                self.fields(index, &b, Owner::Body, &fields, complete, obj, &[], 0);
            }
            // The model leaves a body untyped when its table and its examples disagree.
            Some(RequestBodyModel::Object(ft)) if ft.kind == TypeKind::Json => {
                self.body_unlike_its_table(page, &b, body);
            }
            Some(RequestBodyModel::Object(ft)) => {
                self.value(index, &b, ft, body, &[], "the request body", 0);
            }
            None => {}
        }
    }

    /// An example request body's names that the page's request-body table
    /// does not list (`value` where the table lists the items' `id`).
    fn body_unlike_its_table(&mut self, page: &Page, b: &Body, body: &Value) {
        // No table (or none of its rows read): nothing to hold the example against.
        let Some(table) = page
            .request_body
            .as_ref()
            .map(|r| &r.properties)
            .filter(|t| !t.is_empty())
        else {
            return;
        };
        let Value::Object(obj) = body else { return };
        let listed = |k: &str| table.iter().any(|p| p.name.eq_ignore_ascii_case(k));
        let unknown: Vec<&String> = obj
            .keys()
            .filter(|k| !k.is_empty() && !k.contains('@') && !k.starts_with('#') && !listed(k))
            .collect();
        let Some(first) = unknown.first() else { return };
        let spot = self.key_spot(b, &[Seg::Key(first.to_string())]);
        let names = |keys: &mut dyn Iterator<Item = &str>| {
            keys.map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let table_names = names(&mut table.iter().map(|p| p.name.as_str()));
        let message = format!(
            "example request sends {}, which the request-body table does not list (it lists {table_names})",
            names(&mut unknown.iter().map(|k| k.as_str()))
        );
        let help = "if the table describes something inside the body (the items of an array, a wrapped object), say so in the table; else make the table and the example agree";
        self.push(
            EXAMPLE_UNKNOWN_PROPERTY,
            b.file,
            spot,
            message,
            Some("not in the request-body table".into()),
            Some(help.into()),
            Vec::new(),
        );
    }

    fn response_body(
        &mut self,
        page: &Page,
        example: &Example,
        resp: &ExampleResponse,
        body: &Value,
    ) {
        let versions = self.versions();
        let Some(index) = versions.get(&version_of(page)) else {
            return;
        };
        let method = example
            .request
            .as_ref()
            .map_or("GET", |r| r.method.as_str());
        let op = self.operation(page, method);
        // The example's own annotation says best what it shows.
        let annotated = resp
            .odata_type
            .as_deref()
            .and_then(|t| index.documented(t))
            .map(|t| (t, resp.is_collection));
        let from_op = op.and_then(|o| match &o.response.body {
            Some(FieldType {
                kind: TypeKind::Complex(n),
                collection,
            }) => index.documented(n).map(|t| (t, *collection)),
            _ => None,
        });
        let Some((ty, collection)) = annotated.or(from_op) else {
            return;
        };
        let b = Body {
            file: &page.source,
            what: "response",
            keys: self.keys(&page.source, resp.line),
            line: resp.line,
        };
        let (props, _) = index.properties(ty);
        if !collection && !props.contains_key("value") {
            if let Some(Value::Object(inner)) = body.get("value") {
                let spot = self.key_spot(&b, &[Seg::Key("value".into())]);
                self.push(
                    EXAMPLE_VALUE_WRAPPER,
                    &page.source,
                    spot,
                    format!(
                        "example response wraps the `{}` object in `value`, as if it were a collection",
                        ty.name
                    ),
                    Some("a single object is returned as it is".into()),
                    Some("remove the `value` wrapper, or document the response as a collection".into()),
                    Vec::new(),
                );
                self.object(index, &b, ty, inner, &[Seg::Key("value".into())], 0);
                return;
            }
        }
        let wrapped = body
            .get("value")
            .and_then(Value::as_array)
            .filter(|_| collection || !props.contains_key("value"));
        match (wrapped, body) {
            (Some(items), _) => {
                for (i, item) in items.iter().enumerate() {
                    if let Value::Object(obj) = item {
                        let path = [Seg::Key("value".into()), Seg::Index(i)];
                        self.object(index, &b, ty, obj, &path, 0);
                    }
                }
            }
            (None, Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    if let Value::Object(obj) = item {
                        self.object(index, &b, ty, obj, &[Seg::Index(i)], 0);
                    }
                }
            }
            (None, Value::Object(obj)) => self.object(index, &b, ty, obj, &[], 0),
            _ => {}
        }
    }

    /// Check an object said to be of type `ty` (or the derived type its `@odata.type` names).
    fn object(
        &mut self,
        index: &Index<'a>,
        b: &Body,
        ty: &'a ComplexType,
        obj: &Map<String, Value>,
        path: &[Seg],
        depth: usize,
    ) {
        let (ty, (fields, complete)) = match obj.get("@odata.type").and_then(Value::as_str) {
            // A derived type no page defines: nothing to check against.
            Some(_) => match derived_type(obj, index) {
                Some(t) => (t, index.properties(t)),
                None => return,
            },
            None => (ty, index.family_properties(ty)),
        };
        self.fields(
            index,
            b,
            Owner::Type(ty),
            &fields,
            complete,
            obj,
            path,
            depth,
        );
    }

    #[allow(clippy::too_many_arguments)]
    fn fields(
        &mut self,
        index: &Index<'a>,
        b: &Body,
        owner: Owner<'a>,
        fields: &BTreeMap<String, &'a PropertyModel>,
        complete: bool,
        obj: &Map<String, Value>,
        path: &[Seg],
        depth: usize,
    ) {
        if depth > MAX_DEPTH {
            return;
        }
        for (key, value) in obj {
            // OData annotations (`@odata.type`, `x@odata.bind`) and advertised actions (`#…`).
            if key.is_empty() || key.contains('@') || key.starts_with('#') {
                continue;
            }
            let mut at = path.to_vec();
            at.push(Seg::Key(key.clone()));
            match fields.get(&key.to_ascii_lowercase()) {
                Some(p) => {
                    let what = match owner {
                        Owner::Type(t) => format!("`{}.{}`", t.name, p.name),
                        Owner::Body => format!("`{}` (request body)", p.name),
                    };
                    self.value(index, b, &p.ty, value, &at, &what, depth + 1);
                }
                None if complete => {
                    let spot = self.key_spot(b, &at);
                    let group = self
                        .unknown
                        .entry((b.file.to_string(), b.what, owner.display()))
                        .or_insert_with(|| Unknown {
                            spot,
                            keys: Vec::new(),
                            suggestions: Vec::new(),
                            no_base: matches!(owner, Owner::Type(t) if t.base_type.is_none()),
                            of_type: matches!(owner, Owner::Type(_)),
                        });
                    // A list repeats the same gap in every item: one mention is enough.
                    if group.keys.iter().any(|k| k.eq_ignore_ascii_case(key)) {
                        continue;
                    }
                    group.keys.push(key.clone());
                    if let Some(s) = closest(key, fields.values().map(|p| p.name.as_str())) {
                        group.suggestions.push((key.clone(), s.to_string()));
                    }
                }
                None => {}
            }
        }
    }

    /// One finding per page, example kind and type for the properties its
    /// tables do not define (a type page without its base type would otherwise
    /// give a finding per inherited property).
    fn flush_unknown(&mut self) {
        let groups = std::mem::take(&mut self.unknown);
        for ((file, what, owner), g) in groups {
            let listed: Vec<String> = g.keys.iter().take(6).map(|k| format!("`{k}`")).collect();
            let more = g.keys.len().saturating_sub(6);
            let more = if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            };
            let message = match g.keys.as_slice() {
                [one] => {
                    format!("example {what} has property `{one}`, which {owner} does not define")
                }
                keys => format!(
                    "example {what} has {} properties {owner} does not define: {}{more}",
                    keys.len(),
                    listed.join(", ")
                ),
            };
            let mut help = Vec::new();
            for (key, near) in &g.suggestions {
                help.push(format!("`{key}`: did you mean `{near}`?"));
            }
            if g.no_base && g.keys.iter().any(|k| k == "id") {
                help.push(format!(
                    "{owner} names no base type: if it inherits from `entity` or another type, its page should say so"
                ));
            }
            let (table, or_base) = if g.of_type {
                (format!("the table of {owner}"), " (or a base type's)")
            } else {
                (owner.clone(), "")
            };
            let them = if g.keys.len() == 1 { "it" } else { "them" };
            help.push(format!(
                "add {them} to {table}{or_base}, or remove {them} from the example"
            ));
            self.push(
                EXAMPLE_UNKNOWN_PROPERTY,
                &file,
                g.spot,
                message,
                Some(format!("not in {table}")),
                Some(help.join("; ")),
                Vec::new(),
            );
        }
    }

    /// Check one value against its documented type.
    #[allow(clippy::too_many_arguments)]
    fn value(
        &mut self,
        index: &Index<'a>,
        b: &Body,
        ft: &FieldType,
        value: &Value,
        path: &[Seg],
        what: &str,
        depth: usize,
    ) {
        if depth > MAX_DEPTH || value.is_null() {
            return;
        }
        if ft.collection {
            match value {
                Value::Array(items) => {
                    let one = FieldType {
                        kind: ft.kind.clone(),
                        collection: false,
                    };
                    for (i, item) in items.iter().enumerate() {
                        let mut at = path.to_vec();
                        at.push(Seg::Index(i));
                        self.value(index, b, &one, item, &at, what, depth + 1);
                    }
                }
                other => self.wrong_type(b, path, what, &type_name(ft), "an array", other),
            }
            return;
        }
        match &ft.kind {
            TypeKind::Json => {}
            TypeKind::Primitive(p) => {
                if let Some(expected) = primitive_mismatch(*p, value) {
                    self.wrong_type(b, path, what, &format!("{p:?}"), expected, value);
                }
            }
            TypeKind::Enum(name) => {
                let Some(e) = index.enumeration(name) else {
                    return;
                };
                match value {
                    Value::String(s) => self.enum_value(b, path, what, e, s),
                    other => {
                        self.wrong_type(b, path, what, &e.name, "a string (an enum member)", other)
                    }
                }
            }
            TypeKind::Complex(name) => {
                let Some(t) = index.documented(name) else {
                    return;
                };
                match value {
                    Value::Object(obj) => self.object(index, b, t, obj, path, depth + 1),
                    Value::Array(items) if path.is_empty() => {
                        // A body that is a list of objects (batch-style creates).
                        for (i, item) in items.iter().enumerate() {
                            if let Value::Object(obj) = item {
                                self.object(index, b, t, obj, &[Seg::Index(i)], depth + 1);
                            }
                        }
                    }
                    other => self.wrong_type(b, path, what, &t.name, "an object", other),
                }
            }
        }
    }

    fn enum_value(&mut self, b: &Body, path: &[Seg], what: &str, e: &EnumType, s: &str) {
        if e.members.is_empty() {
            return;
        }
        // Flag enums combine members as `a,b`.
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            if e.members.iter().any(|m| m.name == part) {
                continue;
            }
            let near = e.members.iter().find(|m| m.name.eq_ignore_ascii_case(part));
            // Graph accepts enum values in any case on input; only what it
            // returns must be spelled as the member is.
            if near.is_some() && b.what == "request" {
                continue;
            }
            let spot = self.key_spot(b, path);
            let members: Vec<String> = e
                .members
                .iter()
                .take(8)
                .map(|m| format!("`{}`", m.name))
                .collect();
            let more = e.members.len().saturating_sub(8);
            let (message, help) =
                match near {
                    Some(m) => (
                        format!(
                            "`{part}` in {what} differs in letter case from the `{}` member `{}`",
                            e.name, m.name
                        ),
                        format!(
                            "enum values are case-sensitive on the wire: write `{}`",
                            m.name
                        ),
                    ),
                    None => {
                        (
                            format!("`{part}` in {what} is not a member of enum `{}`", e.name),
                            format!(
                        "members are {}{}; add `{part}` to the enum's table or fix the example",
                        members.join(", "),
                        if more > 0 { format!(" and {more} more") } else { String::new() }
                    ),
                        )
                    }
                };
            self.push(
                EXAMPLE_ENUM_VALUE,
                b.file,
                spot,
                message,
                Some(format!("not a `{}` member", e.name)),
                Some(help),
                Vec::new(),
            );
        }
    }

    fn wrong_type(
        &mut self,
        b: &Body,
        path: &[Seg],
        what: &str,
        ty: &str,
        expected: &str,
        got: &Value,
    ) {
        let spot = self.key_spot(b, path);
        self.push(
            EXAMPLE_VALUE_TYPE,
            b.file,
            spot,
            format!(
                "{what} is {ty} but the example {} gives {}",
                b.what,
                describe(got)
            ),
            Some(format!("expected {expected}")),
            Some(format!(
                "give {expected} here, or correct the type in the table"
            )),
            Vec::new(),
        );
    }

    /// The spot of the key at `path` in the example body; the body's start or
    /// the example line when it cannot be found.
    fn key_spot(&mut self, b: &Body, path: &[Seg]) -> Spot {
        // The innermost key names the value (array elements sit under their key).
        let key_path: Vec<Seg> = match path.iter().rposition(|s| matches!(s, Seg::Key(_))) {
            Some(i) => path[..=i].to_vec(),
            None => Vec::new(),
        };
        if let Some(s) = b.keys.find(&key_path) {
            return s;
        }
        if let Some(s) = b.keys.start {
            return s;
        }
        self.spot(b.file, b.line, "")
    }
}

// ---- helpers ----

fn version_of(page: &Page) -> ApiVersion {
    page.api_version.unwrap_or(ApiVersion::V1_0)
}

/// A string field (`@odata.type`, `baseType`) of a page's `"blockType": "resource"` annotation.
fn resource_annotation(lines: &[String], key: &str) -> Option<String> {
    let field = Regex::new(&format!(r#""{}"\s*:\s*"([^"]+)""#, regex::escape(key))).ok()?;
    let at = lines.iter().position(|l| {
        let l = l.replace(' ', "");
        l.contains(r#""blockType":"resource""#)
    })?;
    // The annotation is one HTML comment around that line.
    let start = (0..=at)
        .rev()
        .find(|&i| lines[i].contains("<!--"))
        .unwrap_or(at);
    let end = (at..lines.len())
        .find(|&i| lines[i].contains("-->"))
        .unwrap_or(at);
    lines[start..=end]
        .iter()
        .find_map(|l| field.captures(l).map(|c| c[1].to_string()))
}

/// The documented derived type an object's `@odata.type` names.
fn derived_type<'a>(obj: &Map<String, Value>, index: &Index<'a>) -> Option<&'a ComplexType> {
    obj.get("@odata.type")
        .and_then(Value::as_str)
        .and_then(|t| index.documented(t))
}

fn type_name(ft: &FieldType) -> String {
    crate::check::diff::type_display(ft)
}

/// What a JSON value is, for messages: `a string ("true")`, `a number (3)`.
fn describe(v: &Value) -> String {
    let short = |s: String| -> String {
        if s.chars().count() > 40 {
            format!("{}…", s.chars().take(40).collect::<String>())
        } else {
            s
        }
    };
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("a Boolean ({b})"),
        Value::Number(n) => format!("a number ({n})"),
        Value::String(s) => format!("a string ({})", short(format!("{s:?}"))),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// What the JSON for a primitive should be, when `v` is not it.
fn primitive_mismatch(p: model::Primitive, v: &Value) -> Option<&'static str> {
    use model::Primitive as P;
    match p {
        P::String
        | P::Guid
        | P::Date
        | P::DateTimeOffset
        | P::Duration
        | P::TimeOfDay
        | P::Binary => (!v.is_string()).then_some("a string"),
        P::Boolean => (!v.is_boolean()).then_some("true or false"),
        P::Byte | P::SByte | P::Int16 | P::Int32 | P::Int64 => {
            (!(v.is_i64() || v.is_u64())).then_some("an integer")
        }
        // OData writes these special values as strings.
        P::Single | P::Double | P::Decimal => {
            let special = v
                .as_str()
                .is_some_and(|s| matches!(s, "NaN" | "INF" | "-INF"));
            (!(v.is_number() || special)).then_some("a number")
        }
        P::Stream => None,
    }
}

/// Whether prose mentions an HTTP status as a status: `200 OK`, `` `202` ``, `status code 204`.
fn mentions_status(prose: &str, status: u16) -> bool {
    let code = status.to_string();
    prose.match_indices(&code).any(|(i, _)| {
        let before = prose[..i].chars().next_back();
        let after = &prose[i + code.len()..];
        let standalone = !before.is_some_and(|c| c.is_ascii_alphanumeric())
            && !after
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric());
        let as_status = after.starts_with(' ')
            && after[1..].starts_with(|c: char| c.is_ascii_uppercase())
            || after.starts_with('`')
            || before == Some('`')
            || prose[..i].to_ascii_lowercase().trim_end().ends_with("code");
        standalone && as_status
    })
}

fn json_error_label(err: &serde_json::Error) -> String {
    let text = err.to_string();
    // serde_json says "expected `,` or `}` at line 3 column 5": keep the part before " at line".
    text.split(" at line").next().unwrap_or(&text).to_string()
}

/// The part of a request line to mark: the URL as written (without the query).
fn url_needle(url: &str) -> &str {
    url.split('?').next().unwrap_or(url).trim()
}

/// Whether an example calls Graph (a relative URL or a Graph host), or is a
/// response on its own.
fn is_graph_call(example: &Example) -> bool {
    example
        .request
        .as_ref()
        .is_none_or(|r| r.url.trim().is_empty() || example_path(&r.url).is_some())
}

/// The path of an example URL: no scheme, host, version segment, query or fragment.
fn example_path(url: &str) -> Option<String> {
    let url = url.trim();
    if url.is_empty() {
        return None;
    }
    let rest = match url.split_once("://") {
        Some((_, after)) => {
            let host = after
                .split('/')
                .next()
                .unwrap_or_default()
                .to_ascii_lowercase();
            if !host.contains("graph.microsoft") {
                return None;
            }
            match after.find('/') {
                Some(i) => &after[i..],
                None => "/",
            }
        }
        None => url,
    };
    let rest = rest.split(['?', '#']).next().unwrap_or_default();
    let mut path = if rest.starts_with('/') {
        rest.to_string()
    } else {
        format!("/{rest}")
    };
    for v in ["/v1.0", "/beta"] {
        let head = path.get(..v.len());
        if head.is_some_and(|h| h.eq_ignore_ascii_case(v)) {
            let after = &path[v.len()..];
            if after.is_empty() || after.starts_with('/') {
                path = if after.is_empty() {
                    "/".to_string()
                } else {
                    after.to_string()
                };
                break;
            }
        }
    }
    Some(path)
}

/// The path without what OData lets any path carry: a trailing `/$count`, a
/// trailing type cast (`/microsoft.graph.group`), and keys in parentheses
/// (`/events('AAMk…')` is `/events/AAMk…`).
fn odata_plain(path: &str) -> String {
    static KEY: std::sync::LazyLock<Regex> =
        std::sync::LazyLock::new(|| Regex::new(r"([A-Za-z])\('([^'/]*)'\)").expect("static regex"));
    let mut p = KEY.replace_all(path, "$1/$2").into_owned();
    loop {
        let trimmed = p.trim_end_matches('/');
        let last = trimmed.rsplit('/').next().unwrap_or_default();
        let is_cast = last.to_ascii_lowercase().starts_with("microsoft.graph.");
        if (last.eq_ignore_ascii_case("$count") || is_cast) && trimmed.len() > last.len() + 1 {
            p = trimmed[..trimmed.len() - last.len() - 1].to_string();
        } else {
            return p;
        }
    }
}

/// The path without `(…)` argument lists.
fn strip_arguments(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut depth = 0usize;
    for c in path.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Lower case, `microsoft.graph.` namespaces and empty `()` dropped, no trailing slash:
/// spellings Graph accepts alike.
fn normalize_path(path: &str) -> String {
    let mut p = path
        .to_lowercase()
        .replace("microsoft.graph.", "")
        .replace("()", "");
    while p.len() > 1 && p.ends_with('/') {
        p.pop();
    }
    p
}

/// Whether an example path fits a documented path template.
fn path_matches(template: &str, path: &str) -> bool {
    let template = normalize_path(&clean_path(template));
    let path = normalize_path(path);
    // `/workbook/…`: the page writes the path from the workbook on; an example
    // calls it under the drive item that holds the workbook.
    let from_workbook = after_workbook(&template).is_some();
    let mut pattern = String::from(if from_workbook { "^.*" } else { "^" });
    let mut rest = template.as_str();
    while let Some(open) = rest.find('{') {
        let Some(len) = rest[open..].find('}') else {
            break;
        };
        let before = &rest[..open];
        pattern.push_str(&regex::escape(before));
        let name = &rest[open + 1..open + len];
        let quoted = before.ends_with('\'');
        let drive_path = name.contains("path") || before.ends_with(":/") || before.ends_with(':');
        pattern.push_str(if quoted {
            "[^']*"
        } else if drive_path {
            ".+"
        } else {
            "[^/]+"
        });
        rest = &rest[open + len + 1..];
    }
    pattern.push_str(&regex::escape(rest));
    pattern.push('$');
    Regex::new(&pattern).is_ok_and(|re| re.is_match(&path))
}

/// A documented name close to `key`: same letters in another case, or one or two edits away.
fn closest<'n>(key: &str, names: impl Iterator<Item = &'n str>) -> Option<&'n str> {
    let key_l = key.to_ascii_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for name in names {
        let d = edit_distance(&key_l, &name.to_ascii_lowercase());
        let limit = if key.len() > 6 { 2 } else { 1 };
        if d <= limit && best.is_none_or(|(bd, bn)| (d, name) < (bd, bn)) {
            best = Some((d, name));
        }
    }
    best.map(|(_, n)| n)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_urls_match_templates_whatever_the_parameter_values() {
        let p = |u: &str| example_path(u).unwrap_or_default();
        assert_eq!(
            p("https://graph.microsoft.com/v1.0/users/123?$select=id"),
            "/users/123"
        );
        assert_eq!(p("https://graph.microsoft.com/beta/me"), "/me");
        assert_eq!(p("/v1.0/me/events"), "/me/events");
        assert!(path_matches(
            "/users/{id | userPrincipalName}",
            "/users/AdeleV@contoso.com"
        ));
        assert!(path_matches(
            "/Users/{id}/photo/$value",
            "/users/{id}/photo/$value"
        ));
        assert!(path_matches(
            "/reports/getEmailActivityCounts(period='{period_value}')",
            "/reports/getEmailActivityCounts(period='D7')"
        ));
        assert!(path_matches(
            "/me/drive/root:/{item-path}:/content",
            "/me/drive/root:/a/b.txt:/content"
        ));
        assert!(path_matches(
            "/users/delta",
            "/users/microsoft.graph.delta()"
        ));
        assert!(!path_matches("/users/{id}", "/users/1/messages"));
        assert_eq!(example_path("https://bot.contoso.com/api/calls"), None);
        assert_eq!(
            odata_plain("/users/{id}/memberOf/microsoft.graph.group/$count"),
            "/users/{id}/memberOf"
        );
        assert_eq!(odata_plain("/me/events('AAMk=')"), "/me/events/AAMk=");
        assert_eq!(
            strip_arguments("/range(address='A1')/cell(row=1,column=2)"),
            "/range/cell"
        );
        assert!(!path_matches("/groups/{id}/members", "/groups/1/owners"));
    }

    #[test]
    fn primitive_values_are_checked_by_json_kind() {
        use model::Primitive as P;
        assert_eq!(
            primitive_mismatch(P::Boolean, &Value::from("true")),
            Some("true or false")
        );
        assert_eq!(primitive_mismatch(P::Boolean, &Value::from(false)), None);
        assert_eq!(
            primitive_mismatch(P::Int32, &Value::from(2.5)),
            Some("an integer")
        );
        assert_eq!(primitive_mismatch(P::Double, &Value::from("NaN")), None);
        assert_eq!(
            primitive_mismatch(P::String, &Value::from(3)),
            Some("a string")
        );
    }

    #[test]
    fn near_names_are_suggested() {
        let names = ["displayName", "mail", "id"];
        assert_eq!(
            closest("displayname", names.iter().copied()),
            Some("displayName")
        );
        assert_eq!(
            closest("displayNme", names.iter().copied()),
            Some("displayName")
        );
        assert_eq!(closest("jobTitle", names.iter().copied()), None);
    }
}
