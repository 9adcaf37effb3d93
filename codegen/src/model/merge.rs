//! Merging pages into one model per API version.
//!
//! Order matters and is fixed: definitions (resource and enum pages) first,
//! then operations, then what examples say about types no page defines, and
//! last the resolution of every type name against what is now known. Type names
//! are matched case-insensitively (the docs link `[Calendar](calendar.md)`).

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToSnakeCase, ToUpperCamelCase};
use serde_json::Value;

use super::resolve::{self, JsonEvidence};
use super::types::*;
use crate::ir::{self, ApiVersion, Diagnostic, Page, PageKind};

/// The model built from a set of pages, with what could not be resolved.
#[derive(Debug, Clone, Default)]
pub struct BuildOutput {
    pub model: ApiModel,
    /// Model-level findings (undefined types, pages without a version, name clashes).
    pub diagnostics: Vec<Diagnostic>,
}

/// Merge pages (in the order given, which should be path order) into an [`ApiModel`].
pub fn build(pages: &[Page]) -> BuildOutput {
    let mut by_version: BTreeMap<ApiVersion, Vec<&Page>> = BTreeMap::new();
    let mut diagnostics = Vec::new();
    for page in pages {
        let version = page.api_version.unwrap_or_else(|| {
            if matches!(
                page.kind,
                PageKind::Operation | PageKind::Resource | PageKind::Enum
            ) {
                diagnostics.push(Diagnostic {
                    file: page.source.clone(),
                    line: 1,
                    code: "api-version-unknown".into(),
                    message: "nothing on the page or in its path says v1.0 or beta; assuming v1.0"
                        .into(),
                });
            }
            ApiVersion::V1_0
        });
        by_version.entry(version).or_default().push(page);
    }
    let mut model = ApiModel::default();
    for (version, pages) in by_version {
        let mut builder = VersionBuilder::default();
        builder.build(&pages);
        diagnostics.append(&mut builder.diagnostics);
        let VersionBuilder {
            types,
            enums,
            operations,
            ..
        } = builder;
        if types.is_empty() && enums.is_empty() && operations.is_empty() {
            continue;
        }
        model.versions.insert(
            version,
            VersionModel {
                types,
                enums,
                operations,
            },
        );
    }
    BuildOutput { model, diagnostics }
}

/// What the docs let us guess about a type name no page defines.
#[derive(Debug, Default)]
struct Hint {
    possible_values: Vec<String>,
    saw_string: bool,
    origin: Option<Origin>,
}

#[derive(Default)]
struct VersionBuilder {
    types: BTreeMap<String, ComplexType>,
    enums: BTreeMap<String, EnumType>,
    /// Lower-case name → canonical name, for types and enums alike.
    names: BTreeMap<String, String>,
    operations: BTreeMap<String, OperationModel>,
    hints: BTreeMap<String, Hint>,
    diagnostics: Vec<Diagnostic>,
    /// Page file → its sub-namespace (`callRecords`), for pages below microsoft.graph.
    page_scopes: BTreeMap<String, String>,
}

impl VersionBuilder {
    fn build(&mut self, pages: &[&Page]) {
        for page in pages {
            self.add_definitions(page);
            if let Some(sub) = page.namespace.as_deref().and_then(ir::sub_namespace) {
                self.page_scopes
                    .insert(page.source.clone(), sub.to_string());
            }
        }
        self.add_aliases(pages);
        for page in pages.iter().filter(|p| p.kind == PageKind::Operation) {
            self.add_operations(page);
        }
        self.adopt_update_tables();
        // Each page's operations, grouped once (in name order) rather than
        // searched for among all operations page by page. Learning from
        // examples changes types only, so the operations are lent out, not copied.
        let operations = std::mem::take(&mut self.operations);
        let mut ops_by_file: BTreeMap<&str, Vec<&OperationModel>> = BTreeMap::new();
        for op in operations.values() {
            ops_by_file.entry(&op.origin.file).or_default().push(op);
        }
        for page in pages.iter().filter(|p| p.kind == PageKind::Operation) {
            let ops = ops_by_file
                .get(page.source.as_str())
                .map_or(&[][..], Vec::as_slice);
            self.learn_from_examples(page, ops);
        }
        drop(ops_by_file);
        self.operations = operations;
        self.fill_update_bodies_from_targets();
        self.resolve_all();
    }

    // ---- definitions ----

    fn add_definitions(&mut self, page: &Page) {
        for def in &page.enums {
            self.add_enum(page, &def.name, &def.members, None);
        }
        let Some(name) = page.type_name.as_deref().map(resolve::strip_namespace) else {
            return;
        };
        if name.is_empty() {
            return;
        }
        match page.kind {
            PageKind::Enum => self.add_enum(page, name, &page.members, page.description.clone()),
            PageKind::Resource => {
                let origin = Some(Origin {
                    file: page.source.clone(),
                    line: 1,
                });
                let mut properties: Vec<PropertyModel> = Vec::new();
                let rows = page.properties.iter().map(|p| (p, false));
                let nav = page.relationships.iter().map(|p| (p, true));
                for (prop, navigation) in rows.chain(nav) {
                    if properties.iter().any(|p| p.name == prop.name) {
                        continue; // a property listed twice: `graphdoc lint` reports it
                    }
                    self.note_possible_values(prop, page);
                    properties.push(property_from_ir(prop, navigation, false));
                }
                let key = self.canonical_or_insert(name);
                let entry = self
                    .types
                    .entry(key.clone())
                    .or_insert_with(|| ComplexType {
                        name: key,
                        description: page.description.clone(),
                        base_type: None,
                        properties: Vec::new(),
                        inferred: false,
                        origin,
                    });
                if entry.base_type.is_none() {
                    entry.base_type = page
                        .base_type
                        .as_deref()
                        .map(|b| resolve::strip_namespace(b).to_string());
                }
                for prop in properties {
                    if !entry.properties.iter().any(|p| p.name == prop.name) {
                        entry.properties.push(prop);
                    }
                }
            }
            _ => {}
        }
    }

    /// A page's other name for its type (`ChartFont` for `workbookChartFont`)
    /// finds that type, unless some page defines a type of that name.
    fn add_aliases(&mut self, pages: &[&Page]) {
        for page in pages {
            let (Some(name), Some(alias)) = (&page.type_name, &page.type_alias) else {
                continue;
            };
            let name = resolve::strip_namespace(name).to_ascii_lowercase();
            let alias = resolve::strip_namespace(alias).to_ascii_lowercase();
            if let Some(canonical) = self.names.get(&name).cloned() {
                self.names.entry(alias).or_insert(canonical);
            }
        }
    }

    fn add_enum(
        &mut self,
        page: &Page,
        name: &str,
        members: &[ir::EnumMember],
        description: Option<String>,
    ) {
        let key = self.canonical_or_insert(resolve::strip_namespace(name));
        let entry = self.enums.entry(key.clone()).or_insert_with(|| EnumType {
            name: key,
            description,
            members: Vec::new(),
            flags: false,
            origin: Some(Origin {
                file: page.source.clone(),
                line: 1,
            }),
        });
        for m in members {
            if !entry.members.iter().any(|e| e.name == m.name) {
                entry.members.push(EnumMemberModel {
                    name: m.name.clone(),
                    value: m.value,
                    description: (!m.description.is_empty()).then(|| m.description.clone()),
                });
            }
        }
        entry.flags = looks_like_flags(&entry.members)
            || entry.description.as_deref().is_some_and(says_flags);
    }

    /// The canonical spelling of a name, registering this spelling if it is new.
    fn canonical_or_insert(&mut self, name: &str) -> String {
        self.names
            .entry(name.to_ascii_lowercase())
            .or_insert_with(|| name.to_string())
            .clone()
    }

    fn note_possible_values(&mut self, prop: &ir::Property, page: &Page) {
        if prop.possible_values.is_empty() || resolve::primitive(&prop.ty.name).is_some() {
            return;
        }
        let name = resolve::strip_namespace(&prop.ty.name);
        let hint = self.hints.entry(name.to_ascii_lowercase()).or_default();
        for v in &prop.possible_values {
            if !hint.possible_values.contains(v) {
                hint.possible_values.push(v.clone());
            }
        }
        hint.origin.get_or_insert(Origin {
            file: page.source.clone(),
            line: prop.line,
        });
    }

    // ---- operations ----

    fn add_operations(&mut self, page: &Page) {
        let base = operation_base_name(&page.title);
        for (op_index, op) in page.operations.iter().enumerate() {
            let method = op.method.to_ascii_uppercase();
            let method_base = if op_index == 0 {
                base.clone()
            } else {
                format!("{base}_{}", method.to_ascii_lowercase())
            };
            let paths = workbook_paths_in_full(&op.paths);
            let primary_area = paths.first().map(|p| area_of(p)).unwrap_or_default();
            for (path_index, raw_path) in paths.iter().enumerate() {
                let (path, query) = path_and_query(raw_path);
                let area = area_of(&path);
                let wanted = if path_index == 0 {
                    method_base.clone()
                } else if area != primary_area {
                    format!("{method_base}_for_{}", area.to_snake_case())
                } else {
                    format!("{method_base}_via_{}", literal_segments(&path))
                };
                // Spelled only when `wanted` is taken (a tenth of the paths).
                let by_path = || path_suffixes(&path).map(|s| format!("{method_base}_via_{s}"));
                let fn_name = self.unique_fn_name(&wanted, by_path);
                let operation = self.operation(
                    page,
                    &method,
                    (&path, query.as_deref()),
                    area,
                    fn_name.clone(),
                    op.line,
                );
                self.operations.insert(fn_name, operation);
            }
        }
    }

    /// `wanted` when it is free; else a name spelled from the path's literal
    /// segments (`assign_action_via_device_compliance_policies_assign`),
    /// which stays the same when other pages come and go; a number last.
    fn unique_fn_name<I: IntoIterator<Item = String>>(
        &self,
        wanted: &str,
        by_path: impl FnOnce() -> I,
    ) -> String {
        if !self.operations.contains_key(wanted) {
            return wanted.to_string();
        }
        let mut last = None;
        for name in by_path() {
            if !self.operations.contains_key(&name) {
                return name;
            }
            last = Some(name);
        }
        // The same path documented twice: numbered after the path's full name.
        let wanted = last.as_deref().unwrap_or(wanted);
        (2..)
            .map(|n| format!("{wanted}_{n}"))
            .find(|candidate| !self.operations.contains_key(candidate))
            .unwrap_or_else(|| wanted.to_string())
    }

    fn operation(
        &mut self,
        page: &Page,
        method: &str,
        (path, query): (&str, Option<&str>),
        area: String,
        fn_name: String,
        line: usize,
    ) -> OperationModel {
        let response = self.response_model(page, method);
        let target = response
            .body
            .as_ref()
            .filter(|b| !b.collection)
            .and_then(|b| match &b.kind {
                TypeKind::Complex(name) => Some(name.clone()),
                _ => None,
            })
            .or_else(|| {
                page.request_body
                    .as_ref()
                    .and_then(|b| b.ty.as_ref())
                    .map(|t| resolve::strip_namespace(&t.name).to_string())
            })
            .or_else(|| example_request_type(page));
        let request_body = self.request_body_model(page, method, &fn_name, target);
        let parts = split_path(path);
        let query = query.map_or_else(Vec::new, |q| split_query(q, &parts));
        OperationModel {
            fn_name,
            title: page.title.clone(),
            description: page.description.clone(),
            method: method.to_string(),
            path: parts,
            path_template: path.to_string(),
            area,
            request_body,
            response,
            // Only a GET's function takes `QueryOptions` to pass them in.
            query_options: if method == "GET" {
                page.query_options.clone()
            } else {
                Vec::new()
            },
            query,
            permissions: page.permissions.clone(),
            origin: Origin {
                file: page.source.clone(),
                line,
            },
        }
    }

    fn response_model(&mut self, page: &Page, method: &str) -> ResponseModel {
        let documented = page.response.as_ref();
        let first_example = page.examples.iter().find_map(|e| e.response.as_ref());
        let status = documented
            .and_then(|r| r.status)
            .or_else(|| first_example.and_then(|r| r.status))
            .unwrap_or(if method == "DELETE" { 204 } else { 200 });
        if status == 204 {
            return ResponseModel { status, body: None };
        }
        let from_table = documented.and_then(|r| r.ty.as_ref()).map(|t| FieldType {
            kind: unresolved(&t.name),
            collection: t.collection,
        });
        let from_example = first_example.and_then(|r| {
            let name = r.odata_type.clone().or_else(|| {
                r.body
                    .as_ref()
                    .and_then(|b| b.get("@odata.type"))
                    .and_then(Value::as_str)
                    .map(str::to_string)
            })?;
            let collection = r.is_collection
                || r.body
                    .as_ref()
                    .is_some_and(|b| b.get("value").is_some_and(Value::is_array));
            Some(FieldType {
                kind: unresolved(resolve::strip_namespace(&name)),
                collection,
            })
        });
        let has_example_body = first_example.is_some_and(|r| r.body.is_some());
        let body = from_table.or(from_example).or_else(|| {
            has_example_body.then_some(FieldType {
                kind: TypeKind::Json,
                collection: false,
            })
        });
        ResponseModel { status, body }
    }

    fn request_body_model(
        &mut self,
        page: &Page,
        method: &str,
        fn_name: &str,
        target: Option<String>,
    ) -> Option<RequestBodyModel> {
        if !matches!(method, "POST" | "PATCH" | "PUT") {
            return None;
        }
        let body = page.request_body.as_ref();
        let table: Vec<PropertyModel> = body
            .map(|b| {
                b.properties
                    .iter()
                    .map(|p| {
                        self.note_possible_values(p, page);
                        property_from_ir(p, false, false)
                    })
                    .collect()
            })
            .unwrap_or_default();
        if method == "PATCH" {
            return Some(RequestBodyModel::Update {
                struct_name: fn_name.to_upper_camel_case(),
                target,
                properties: table,
            });
        }
        if let Some(ty) = body.and_then(|b| b.ty.as_ref()) {
            return Some(RequestBodyModel::Object(FieldType {
                kind: unresolved(&ty.name),
                collection: ty.collection,
            }));
        }
        let example_bodies = || {
            page.examples
                .iter()
                .filter_map(|e| e.request.as_ref().and_then(|r| r.body.as_ref()))
        };
        // A table that no example body uses, where the examples send other
        // names, describes something else (`follow`: the items of a `value`
        // array): the examples show the body; lint reports the contradiction.
        let table_unused = example_bodies().next().is_some()
            && example_bodies().all(|b| {
                b.as_object().is_some_and(|o| {
                    // `teamsApp@odata.bind` sets `teamsApp`; `@odata.type` names no parameter.
                    !o.is_empty()
                        && !o
                            .keys()
                            .map(|k| k.split('@').next().unwrap_or_default())
                            .any(|k| {
                                k.is_empty() || table.iter().any(|p| p.name.eq_ignore_ascii_case(k))
                            })
                })
            });
        if !table.is_empty() && !table_unused {
            // Intune "Create X" pages list the created object's properties; actions list parameters.
            if let Some(target) = target.as_deref() {
                if self.table_is_the_object(target, &table) {
                    return Some(RequestBodyModel::Object(FieldType {
                        kind: unresolved(target),
                        collection: false,
                    }));
                }
            }
            return Some(RequestBodyModel::Parameters {
                struct_name: format!("{}Body", fn_name.to_upper_camel_case()),
                properties: table,
            });
        }
        match (example_request_type(page), example_bodies().next()) {
            (Some(ty), _) => Some(RequestBodyModel::Object(FieldType {
                kind: unresolved(&ty),
                collection: false,
            })),
            (None, Some(_)) => Some(RequestBodyModel::Object(FieldType {
                kind: TypeKind::Json,
                collection: false,
            })),
            (None, None) => None,
        }
    }

    /// A request-body table describes the target object itself when the target's
    /// page says so (it has the same properties) or when no page defines the target.
    fn table_is_the_object(&self, target: &str, table: &[PropertyModel]) -> bool {
        match self
            .names
            .get(&target.to_ascii_lowercase())
            .and_then(|n| self.types.get(n))
        {
            Some(ty) => table.iter().all(|p| {
                ty.properties
                    .iter()
                    .any(|q| q.name.eq_ignore_ascii_case(&p.name))
            }),
            None => table.iter().any(|p| p.name == "id"),
        }
    }

    /// A type no resource page defines takes its properties from the tables of the
    /// PATCH pages that update it (Intune update pages list the whole type there),
    /// before examples add what the tables leave out.
    fn adopt_update_tables(&mut self) {
        let mut adopted: Vec<(String, Vec<PropertyModel>, Origin)> = Vec::new();
        for op in self.operations.values() {
            if let Some(RequestBodyModel::Update {
                target: Some(target),
                properties,
                ..
            }) = &op.request_body
            {
                if !properties.is_empty() {
                    adopted.push((target.clone(), properties.clone(), op.origin.clone()));
                }
            }
        }
        for (target, properties, origin) in adopted {
            if resolve::primitive(&target).is_some() || resolve::is_json_name(&target) {
                continue;
            }
            let key = self.canonical_or_insert(&target);
            if self.enums.contains_key(&key) {
                continue;
            }
            let entry = self
                .types
                .entry(key.clone())
                .or_insert_with(|| ComplexType {
                    name: key,
                    description: None,
                    base_type: None,
                    properties: Vec::new(),
                    inferred: true,
                    origin: Some(origin),
                });
            if !entry.inferred {
                continue; // a resource page defines it: its table wins
            }
            for prop in properties {
                if !entry.properties.iter().any(|p| p.name == prop.name) {
                    entry.properties.push(prop);
                }
            }
        }
    }

    // ---- what examples say ----

    /// `ops`: the operations read from `page`.
    fn learn_from_examples(&mut self, page: &Page, ops: &[&OperationModel]) {
        for op in ops {
            for example in &page.examples {
                if let (Some(resp), Some(body)) = (&op.response.body, example.response.as_ref()) {
                    if let (TypeKind::Complex(name), Some(json)) = (&resp.kind, &body.body) {
                        let items: Vec<&Value> = if resp.collection {
                            json.get("value")
                                .and_then(Value::as_array)
                                .map(|a| a.iter().collect())
                                .unwrap_or_default()
                        } else {
                            vec![json]
                        };
                        for item in items {
                            self.learn(name, item, &page.source, body.line);
                        }
                    }
                }
                let target = match &op.request_body {
                    Some(RequestBodyModel::Update {
                        target: Some(t), ..
                    }) => Some(t.clone()),
                    Some(RequestBodyModel::Object(FieldType {
                        kind: TypeKind::Complex(t),
                        collection: false,
                    })) => Some(t.clone()),
                    _ => None,
                };
                if let (Some(target), Some(req)) = (target, example.request.as_ref()) {
                    if let Some(json) = &req.body {
                        self.learn(&target, json, &page.source, req.line);
                    }
                }
            }
        }
    }

    /// Add to a type no page defines the properties an example object shows.
    fn learn(&mut self, type_name: &str, value: &Value, file: &str, line: usize) {
        self.learn_depth(type_name, value, file, line, 0);
    }

    fn learn_depth(
        &mut self,
        type_name: &str,
        value: &Value,
        file: &str,
        line: usize,
        depth: usize,
    ) {
        let Value::Object(map) = value else { return };
        if depth > 16 || resolve::primitive(type_name).is_some() || resolve::is_json_name(type_name)
        {
            return;
        }
        // An object may say it is a derived type; learn about that one instead.
        let type_name = map
            .get("@odata.type")
            .and_then(Value::as_str)
            .map(resolve::strip_namespace)
            .filter(|t| !t.is_empty() && !t.contains(char::is_whitespace))
            .unwrap_or(type_name)
            .to_string();
        let key = self.canonical_or_insert(&type_name);
        if self.enums.contains_key(&key) {
            return;
        }
        let entry = self
            .types
            .entry(key.clone())
            .or_insert_with(|| ComplexType {
                name: key.clone(),
                description: None,
                base_type: None,
                properties: Vec::new(),
                inferred: true,
                origin: Some(Origin {
                    file: file.to_string(),
                    line,
                }),
            });
        let inferred = entry.inferred;
        // The properties known before this object: what it adds is not looked up.
        let known = entry.properties.len();
        let mut nested: Vec<(String, &Value)> = Vec::new();
        let mut new_props = Vec::new();
        for (name, v) in map {
            if name.contains('@') || name.is_empty() {
                continue; // OData annotations such as @odata.type or prop@odata.bind
            }
            let (evidence, collection) = resolve::evidence(v);
            // The last of a name, as a map built from the list would hold.
            let known_ty = self.types[&key].properties[..known]
                .iter()
                .rev()
                .find(|p| p.name == *name)
                .map(|p| &p.ty.kind);
            match known_ty {
                Some(TypeKind::Complex(t)) => {
                    let t = t.clone();
                    if matches!(evidence, JsonEvidence::Primitive(Primitive::String)) {
                        self.hints
                            .entry(t.to_ascii_lowercase())
                            .or_default()
                            .saw_string = true;
                    }
                    push_objects(&mut nested, &t, v);
                }
                Some(_) => {}
                None if inferred => {
                    let kind = match &evidence {
                        JsonEvidence::Primitive(p) => TypeKind::Primitive(*p),
                        JsonEvidence::Typed(t) => {
                            push_objects(&mut nested, t, v);
                            TypeKind::Complex(t.clone())
                        }
                        JsonEvidence::Object | JsonEvidence::Unknown => TypeKind::Json,
                    };
                    new_props.push(PropertyModel {
                        name: name.clone(),
                        ty: FieldType { kind, collection },
                        description: None,
                        read_only: false,
                        navigation: false,
                        inferred: true,
                        required_column: None,
                    });
                }
                None => {}
            }
        }
        if let Some(entry) = self.types.get_mut(&key) {
            entry.properties.extend(new_props);
        }
        for (t, v) in nested {
            self.learn_depth(&t, v, file, line, depth + 1);
        }
    }

    /// PATCH pages without a table: the update body takes the target's writable properties.
    fn fill_update_bodies_from_targets(&mut self) {
        let types = &self.types;
        let names = &self.names;
        for op in self.operations.values_mut() {
            if let Some(RequestBodyModel::Update {
                target: Some(target),
                properties,
                ..
            }) = &mut op.request_body
            {
                if properties.is_empty() {
                    if let Some(ty) = names
                        .get(&target.to_ascii_lowercase())
                        .and_then(|n| types.get(n))
                    {
                        properties.extend(
                            ty.properties
                                .iter()
                                .filter(|p| !p.read_only && !p.navigation)
                                .cloned(),
                        );
                    }
                }
            }
        }
    }

    // ---- resolution ----

    /// A bare type name written on a page of a sub-namespace (`callRecord`,
    /// `endpoint` on `microsoft.graph.callRecords` pages) means that
    /// namespace's type when it has one: for a type's properties and base
    /// (the type's own name carries its namespace) and an operation's fields
    /// (its page's). Runs before undefined names are given inferred types.
    fn qualify_in_scope(&mut self) {
        let Self {
            names,
            types,
            operations,
            page_scopes,
            ..
        } = self;
        let scoped = |scope: Option<&str>, name: &str| -> Option<String> {
            let scope = scope.filter(|_| !name.contains('.'))?;
            names
                .get(&format!("{scope}.{name}").to_ascii_lowercase())
                .cloned()
        };
        let field = |scope: Option<&str>, ft: &mut FieldType| {
            if let TypeKind::Complex(n) = &mut ft.kind {
                if let Some(q) = scoped(scope, n) {
                    *n = q;
                }
            }
        };
        for t in types.values_mut() {
            let scope = t.name.rsplit_once('.').map(|(ns, _)| ns);
            t.properties
                .iter_mut()
                .for_each(|p| field(scope, &mut p.ty));
            if let Some(q) = t.base_type.as_deref().and_then(|b| scoped(scope, b)) {
                t.base_type = Some(q);
            }
        }
        for op in operations.values_mut() {
            let scope = page_scopes.get(&op.origin.file).map(String::as_str);
            if scope.is_none() {
                continue;
            }
            for_each_field_mut(op, &mut |ft| field(scope, ft));
            if let Some(RequestBodyModel::Update {
                target: Some(t), ..
            }) = &mut op.request_body
            {
                if let Some(q) = scoped(scope, t) {
                    *t = q;
                }
            }
        }
    }

    /// Give every type name its canonical spelling; names no page defines become
    /// enums (when the docs list their values or examples show strings) or open types.
    fn resolve_all(&mut self) {
        self.qualify_in_scope();
        let mut wanted: BTreeSet<String> = BTreeSet::new();
        let mut collect = |ft: &FieldType| {
            if let TypeKind::Complex(n) = &ft.kind {
                wanted.insert(n.clone());
            }
        };
        for t in self.types.values() {
            t.properties.iter().for_each(|p| collect(&p.ty));
        }
        for op in self.operations.values() {
            for_each_field(op, &mut collect);
        }
        let base_names: Vec<String> = self
            .types
            .values()
            .filter_map(|t| t.base_type.clone())
            .collect();
        for name in wanted.into_iter().chain(base_names) {
            self.define_if_missing(&name);
        }
        let names = self.names.clone();
        let enums: BTreeSet<String> = self.enums.keys().cloned().collect();
        let fix = |ft: &mut FieldType| resolve_field(ft, &names, &enums);
        for t in self.types.values_mut() {
            t.properties.iter_mut().for_each(|p| fix(&mut p.ty));
            if let Some(b) = &t.base_type {
                t.base_type = names.get(&b.to_ascii_lowercase()).cloned();
            }
        }
        for op in self.operations.values_mut() {
            for_each_field_mut(op, &mut |ft| resolve_field(ft, &names, &enums));
            if let Some(RequestBodyModel::Update {
                target: Some(t), ..
            }) = &mut op.request_body
            {
                if let Some(canonical) = names.get(&t.to_ascii_lowercase()) {
                    *t = canonical.clone();
                }
            }
        }
    }

    fn define_if_missing(&mut self, raw: &str) {
        let name = resolve::strip_namespace(raw);
        if name.is_empty()
            || resolve::primitive(name).is_some()
            || resolve::is_json_name(name)
            || self.names.contains_key(&name.to_ascii_lowercase())
        {
            return;
        }
        let key = self.canonical_or_insert(name);
        let hint = self
            .hints
            .remove(&key.to_ascii_lowercase())
            .unwrap_or_default();
        if !hint.possible_values.is_empty() || hint.saw_string {
            let members = hint
                .possible_values
                .iter()
                .map(|v| EnumMemberModel {
                    name: v.clone(),
                    value: None,
                    description: None,
                })
                .collect::<Vec<_>>();
            self.enums.insert(
                key.clone(),
                EnumType {
                    name: key,
                    description: None,
                    flags: false,
                    members,
                    origin: hint.origin,
                },
            );
        } else {
            self.types.insert(
                key.clone(),
                ComplexType {
                    name: key,
                    description: None,
                    base_type: None,
                    properties: Vec::new(),
                    inferred: true,
                    origin: hint.origin,
                },
            );
        }
    }
}

fn push_objects<'v>(out: &mut Vec<(String, &'v Value)>, type_name: &str, value: &'v Value) {
    match value {
        Value::Array(items) => items
            .iter()
            .filter(|i| i.is_object())
            .for_each(|i| out.push((type_name.to_string(), i))),
        Value::Object(_) => out.push((type_name.to_string(), value)),
        _ => {}
    }
}

fn for_each_field(op: &OperationModel, f: &mut impl FnMut(&FieldType)) {
    if let Some(b) = &op.response.body {
        f(b);
    }
    match &op.request_body {
        Some(RequestBodyModel::Object(ft)) => f(ft),
        Some(RequestBodyModel::Update { properties, .. })
        | Some(RequestBodyModel::Parameters { properties, .. }) => {
            properties.iter().for_each(|p| f(&p.ty))
        }
        None => {}
    }
}

fn for_each_field_mut(op: &mut OperationModel, f: &mut impl FnMut(&mut FieldType)) {
    if let Some(b) = &mut op.response.body {
        f(b);
    }
    match &mut op.request_body {
        Some(RequestBodyModel::Object(ft)) => f(ft),
        Some(RequestBodyModel::Update { properties, .. })
        | Some(RequestBodyModel::Parameters { properties, .. }) => {
            properties.iter_mut().for_each(|p| f(&mut p.ty))
        }
        None => {}
    }
}

fn resolve_field(ft: &mut FieldType, names: &BTreeMap<String, String>, enums: &BTreeSet<String>) {
    let TypeKind::Complex(raw) = &ft.kind else {
        return;
    };
    let name = resolve::strip_namespace(raw);
    ft.kind = if let Some(p) = resolve::primitive(name) {
        TypeKind::Primitive(p)
    } else if resolve::is_json_name(name) {
        TypeKind::Json
    } else {
        match names.get(&name.to_ascii_lowercase()) {
            Some(canonical) if enums.contains(canonical) => TypeKind::Enum(canonical.clone()),
            Some(canonical) => TypeKind::Complex(canonical.clone()),
            None => TypeKind::Json,
        }
    };
}

/// A type name as written: primitives now, other names once every page is known.
fn unresolved(name: &str) -> TypeKind {
    let name = resolve::strip_namespace(name);
    match resolve::primitive(name) {
        Some(p) => TypeKind::Primitive(p),
        None if resolve::is_json_name(name) || name.is_empty() => TypeKind::Json,
        None => TypeKind::Complex(name.to_string()),
    }
}

fn property_from_ir(p: &ir::Property, navigation: bool, inferred: bool) -> PropertyModel {
    PropertyModel {
        name: p.name.clone(),
        ty: FieldType {
            kind: unresolved(&p.ty.name),
            collection: p.ty.collection,
        },
        description: (!p.description.is_empty()).then(|| p.description.clone()),
        read_only: p.read_only,
        navigation,
        inferred,
        required_column: p.required_column,
    }
}

fn example_request_type(page: &Page) -> Option<String> {
    page.examples.iter().find_map(|e| {
        let t = e
            .request
            .as_ref()?
            .body
            .as_ref()?
            .get("@odata.type")?
            .as_str()?;
        let t = resolve::strip_namespace(t);
        (!t.is_empty()).then(|| t.to_string())
    })
}

/// The enum's own description says its members combine: "flags enum",
/// "isFlags", "bitwise".
fn says_flags(description: &str) -> bool {
    let text = description.to_ascii_lowercase();
    [
        "flags enum",
        "flag enum",
        "isflags",
        "bitwise",
        "are flags",
        "is a flags",
    ]
    .iter()
    .any(|marker| text.contains(marker))
}

/// Flag enums: every value is a distinct power of two and there is more than one non-zero one.
fn looks_like_flags(members: &[EnumMemberModel]) -> bool {
    let values: Vec<i64> = members.iter().filter_map(|m| m.value).collect();
    values.len() == members.len()
        && values.iter().filter(|v| **v > 0).count() > 2
        && values
            .iter()
            .all(|v| *v == 0 || (*v > 0 && (v & (v - 1)) == 0))
        && values.iter().any(|v| *v > 2)
}

/// `Get a user` → `get_user`; `user: assignLicense` → `user_assign_license`.
pub fn operation_base_name(title: &str) -> String {
    let words: Vec<&str> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !matches!(w.to_ascii_lowercase().as_str(), "a" | "an" | "the"))
        .collect();
    let snake = words.join(" ").to_snake_case();
    let snake: String = snake
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    match snake.chars().next() {
        None => "operation".to_string(),
        Some(c) if c.is_ascii_digit() => format!("op_{snake}"),
        Some(_) => snake,
    }
}

/// The workbook pages of some dates write their paths from the workbook on
/// (`POST /workbook/tables/{id}/add`), which Graph serves only under a drive
/// item; those are given in full, as other dates write them: under
/// `/me/drive/items/{item-id}` and `/me/drive/root:/{item-path}:`. Other
/// paths stay as written, and a path the page lists already is not repeated.
fn workbook_paths_in_full(paths: &[String]) -> Vec<String> {
    let mut full: Vec<String> = Vec::with_capacity(paths.len());
    for path in paths {
        let expanded = match after_workbook(path) {
            Some(rest) => vec![
                format!("/me/drive/items/{{item-id}}/workbook{rest}"),
                format!("/me/drive/root:/{{item-path}}:/workbook{rest}"),
            ],
            None => vec![path.clone()],
        };
        for p in expanded {
            if !full.contains(&p) {
                full.push(p);
            }
        }
    }
    full
}

/// What follows `/workbook` in a path written from the workbook on
/// (`/workbook/tables/add`, or `workbook/comments` without the first slash, as
/// some pages write it); `None` for any other path.
pub(crate) fn after_workbook(path: &str) -> Option<&str> {
    let path = path.trim_start();
    let rest = path
        .strip_prefix('/')
        .unwrap_or(path)
        .strip_prefix("workbook")?;
    (rest.is_empty() || rest.starts_with(['/', '?'])).then_some(rest)
}

/// A request-line path without trailing prose, query string or whitespace.
pub(crate) fn clean_path(raw: &str) -> String {
    path_and_query(raw).0
}

/// A request-line path without trailing prose or whitespace, and the query
/// string after its `?`, if any.
fn path_and_query(raw: &str) -> (String, Option<String>) {
    let path = raw.trim();
    let path = path.split_whitespace().collect::<Vec<_>>();
    // `{id | userPrincipalName}` contains spaces: rejoin inside braces only.
    let mut out = String::new();
    let mut depth = 0usize;
    for (i, part) in path.iter().enumerate() {
        if i > 0 {
            if depth > 0 {
                out.push(' ');
            } else {
                break;
            }
        }
        for c in part.chars() {
            match c {
                '{' => depth += 1,
                '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        out.push_str(part);
    }
    let (path, query) = match out.split_once('?') {
        Some((path, query)) => (path.to_string(), Some(query.to_string())),
        None => (out, None),
    };
    if path.starts_with('/') {
        (path, query)
    } else {
        (format!("/{path}"), query)
    }
}

/// The query parameters of a request line that the caller must fill in:
/// `name={placeholder}`, or a value holding one (`$id=https://…/users/{id}`).
/// OData options (`$filter`, `$top`, …) are left to `QueryOptions`, except
/// `$id`, which removing a `$ref` needs. A literal value
/// (`includeHiddenFolders=true`, `$expand=thumbnails`) shows an option in
/// use rather than asks for one. Argument names avoid the path's.
pub fn split_query(query: &str, path: &[PathPart]) -> Vec<QueryParam> {
    let mut used: BTreeSet<String> = path
        .iter()
        .filter_map(|p| match p {
            PathPart::Param { rust_name, .. } => Some(rust_name.clone()),
            PathPart::Literal(_) => None,
        })
        .collect();
    let mut params = Vec::new();
    for pair in query.split('&') {
        let Some((name, value)) = pair.split_once('=') else {
            continue;
        };
        let name = name.trim();
        let named = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "$_-.".contains(c));
        let odata_option = name.starts_with('$') && !name.eq_ignore_ascii_case("$id");
        let asks = value
            .find('{')
            .is_some_and(|open| value[open..].contains('}'));
        if !named || odata_option || !asks {
            continue;
        }
        let mut value = split_template(value.trim(), false, &mut used);
        // `startDateTime={start_datetime}`: the argument takes the wire name.
        if let [PathPart::Param { rust_name, .. }] = value.as_mut_slice() {
            used.remove(rust_name.as_str());
            *rust_name = unique_name(&param_name(name.trim_start_matches('$')), &mut used);
        }
        params.push(QueryParam {
            name: name.to_string(),
            value,
        });
    }
    params
}

/// First path segment, without parameters or function-call parentheses: the module/feature.
fn area_of(path: &str) -> String {
    let first = path
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or_default();
    let first = first.split(['(', '{', ':']).next().unwrap_or_default();
    let cleaned: String = first
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    if cleaned.is_empty() {
        "root".to_string()
    } else {
        cleaned
    }
}

/// Suffixes that tell a path apart, shortest first: its last three literal
/// segments after the first (the area, which names the function's module),
/// then all of them ([`literal_segments`]).
fn path_suffixes(path: &str) -> impl Iterator<Item = String> {
    let parts = literal_parts(path);
    let tail = parts
        .get(1.max(parts.len().saturating_sub(3))..)
        .filter(|t| !t.is_empty())
        .map(|t| t.join("_"));
    tail.into_iter()
        .chain(std::iter::once(joined_or_root(&parts)))
}

/// The literal segments of a path in snake_case, joined (`root` for none), to
/// tell alternative paths apart.
fn literal_segments(path: &str) -> String {
    joined_or_root(&literal_parts(path))
}

/// The path's literal segments (not `{parameters}`), each in snake_case.
fn literal_parts(path: &str) -> Vec<String> {
    path.split('/')
        .filter(|s| !s.is_empty() && !s.starts_with('{'))
        .map(|s| {
            s.chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
                .collect::<String>()
                .to_snake_case()
        })
        .filter(|s| !s.is_empty())
        .collect()
}

fn joined_or_root(parts: &[String]) -> String {
    if parts.is_empty() {
        "root".into()
    } else {
        parts.join("_")
    }
}

/// Split a path template into literal text and parameters.
pub fn split_path(path: &str) -> Vec<PathPart> {
    split_template(path, true, &mut BTreeSet::new())
}

/// A snake_case argument name for a documented parameter name.
fn param_name(doc_name: &str) -> String {
    let first_alternative = doc_name.split('|').next().unwrap_or_default().trim();
    let mut rust_name = first_alternative
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .to_snake_case();
    if rust_name.is_empty() || rust_name.starts_with(|c: char| c.is_ascii_digit()) {
        rust_name = format!("param_{rust_name}")
            .trim_end_matches('_')
            .to_string();
    }
    if matches!(rust_name.as_str(), "client" | "body" | "query") {
        rust_name.push_str("_param");
    }
    rust_name
}

/// `name`, or `name_2`, `name_3`, … : the first not in `used` (then added to it).
fn unique_name(name: &str, used: &mut BTreeSet<String>) -> String {
    let mut unique = name.to_string();
    let mut n = 2;
    while !used.insert(unique.clone()) {
        unique = format!("{name}_{n}");
        n += 1;
    }
    unique
}

/// Split a template into literal text and `{parameters}`. Path literals are
/// made valid path text (`sanitize`); a query value's stay as written, since
/// the whole value is encoded when sent.
fn split_template(path: &str, sanitize: bool, used: &mut BTreeSet<String>) -> Vec<PathPart> {
    let literal = |text: &str| {
        if sanitize {
            sanitize_literal(text)
        } else {
            text.to_string()
        }
    };
    let mut parts = Vec::new();
    let mut rest = path;
    while let Some((open, close)) = next_placeholder(rest) {
        let text = &rest[..open];
        let doc_name = rest[open + 1..close].trim().to_string();
        let quoted = text.ends_with('\'') && rest[close + 1..].starts_with('\'');
        if !text.is_empty() {
            parts.push(PathPart::Literal(literal(text)));
        }
        let rust_name = unique_name(&param_name(&doc_name), used);
        parts.push(PathPart::Param {
            rust_name,
            doc_name,
            quoted,
        });
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        parts.push(PathPart::Literal(literal(rest)));
    }
    parts
}

/// Where the first placeholder of `text` opens and closes: `{name}`, or
/// `<name>` as the workbook pages write some (`range(address='<address>')`),
/// which no URL holds literally.
fn next_placeholder(text: &str) -> Option<(usize, usize)> {
    let braces = text
        .find('{')
        .and_then(|open| Some((open, open + text[open..].find('}')?)));
    let angles = text.match_indices('<').find_map(|(open, _)| {
        let len = text[open + 1..].find('>')?;
        let name = &text[open + 1..open + 1 + len];
        let is_name = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_ ".contains(c));
        is_name.then_some((open, open + 1 + len))
    });
    match (braces, angles) {
        (Some(b), Some(a)) => Some(if a.0 < b.0 { a } else { b }),
        (b, a) => b.or(a),
    }
}

/// Literal path text as a valid URL path fragment: anything outside RFC 3986
/// `pchar` and `/` is percent-encoded (documented paths hold spaces and odd quotes).
fn sanitize_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@/%".contains(c) {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operation_names_read_like_the_title() {
        assert_eq!(operation_base_name("Get a user"), "get_user");
        assert_eq!(
            operation_base_name("Update cloudPcExternalPartner"),
            "update_cloud_pc_external_partner"
        );
        assert_eq!(
            operation_base_name("user: assignLicense"),
            "user_assign_license"
        );
        assert_eq!(operation_base_name("  "), "operation");
        assert_eq!(operation_base_name("3D models"), "op_3d_models");
    }

    /// Pages that share a title (intune's many "assign action" pages) name
    /// their functions after their paths, not with numbers that shift when
    /// a page comes or goes; a number only for the same path documented twice.
    #[test]
    fn functions_of_pages_that_share_a_title_are_told_apart_by_path() {
        let page = |source: &str, path: &str| {
            let text = format!("# assign action\n\n## HTTP request\n\n```http\nPOST {path}\n```\n");
            crate::read::read_page(source, &text)
        };
        let pages = [
            page(
                "v1.0/api/a.md",
                "/deviceAppManagement/mobileApps/{id}/assign",
            ),
            page(
                "v1.0/api/b.md",
                "/deviceAppManagement/managedEBooks/{id}/assign",
            ),
            page(
                "v1.0/api/c.md",
                "/deviceAppManagement/managedAppPolicies/{id}/assign",
            ),
            page(
                "v1.0/api/d.md",
                "/deviceAppManagement/managedAppPolicies/{id}/assign",
            ),
            page(
                "v1.0/api/e.md",
                "/deviceAppManagement/managedAppPolicies/{id}/assign",
            ),
        ];
        let model = build(&pages).model;
        let names: Vec<(&str, &str)> = model.versions[&ApiVersion::V1_0]
            .operations
            .iter()
            .map(|(name, op)| (name.as_str(), op.path_template.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                (
                    "assign_action",
                    "/deviceAppManagement/mobileApps/{id}/assign"
                ),
                (
                    "assign_action_via_device_app_management_managed_app_policies_assign",
                    "/deviceAppManagement/managedAppPolicies/{id}/assign"
                ),
                (
                    "assign_action_via_device_app_management_managed_app_policies_assign_2",
                    "/deviceAppManagement/managedAppPolicies/{id}/assign"
                ),
                (
                    "assign_action_via_managed_app_policies_assign",
                    "/deviceAppManagement/managedAppPolicies/{id}/assign"
                ),
                (
                    "assign_action_via_managed_e_books_assign",
                    "/deviceAppManagement/managedEBooks/{id}/assign"
                ),
            ]
        );
    }

    #[test]
    fn query_parameters_the_request_line_asks_for_become_arguments() {
        let (path, query) = path_and_query(
            "/users/{id | userPrincipalName}/calendarView?startDateTime={start_datetime}&endDateTime={end_datetime}",
        );
        assert_eq!(path, "/users/{id | userPrincipalName}/calendarView");
        let params = split_query(&query.unwrap(), &split_path(&path));
        let param = |name: &str, rust: &str, doc: &str| QueryParam {
            name: name.into(),
            value: vec![PathPart::Param {
                rust_name: rust.into(),
                doc_name: doc.into(),
                quoted: false,
            }],
        };
        // The argument takes the wire name, not the placeholder's.
        assert_eq!(
            params,
            vec![
                param("startDateTime", "start_date_time", "start_datetime"),
                param("endDateTime", "end_date_time", "end_datetime"),
            ]
        );

        // A `$ref` removal names what to remove by URL: literal text kept as written.
        let path = split_path("/groups/{id}/members/$ref");
        let params = split_query("$id=https://graph.microsoft.com/v1.0/users/{id}", &path);
        assert_eq!(
            params,
            vec![QueryParam {
                name: "$id".into(),
                value: vec![
                    PathPart::Literal("https://graph.microsoft.com/v1.0/users/".into()),
                    // Not the path's `id`.
                    PathPart::Param {
                        rust_name: "id_2".into(),
                        doc_name: "id".into(),
                        quoted: false,
                    },
                ],
            }]
        );

        // OData options are `QueryOptions`; literal values show an option in
        // use; a pair without `=` or with an odd name is no parameter.
        for query in [
            "$filter={property}",
            "$expand=thumbnails",
            "includeHiddenFolders=true",
            "requiresReview:{Boolean}",
            "a b={x}",
            "=",
            "",
        ] {
            assert_eq!(split_query(query, &[]), vec![], "{query}");
        }
        // `query` is the QueryOptions argument's name.
        assert_eq!(
            split_query("search={query}", &[])[0].value,
            vec![PathPart::Param {
                rust_name: "search".into(),
                doc_name: "query".into(),
                quoted: false,
            }]
        );
    }

    #[test]
    fn paths_split_into_literals_and_params() {
        let parts = split_path("/reports/getEmailActivityCounts(period='{period_value}')");
        assert_eq!(
            parts,
            vec![
                PathPart::Literal("/reports/getEmailActivityCounts(period='".into()),
                PathPart::Param {
                    rust_name: "period_value".into(),
                    doc_name: "period_value".into(),
                    quoted: true
                },
                PathPart::Literal("')".into()),
            ]
        );
        let parts = split_path("/sites/{id}/lists/{id}");
        let names: Vec<_> = parts
            .iter()
            .filter_map(|p| match p {
                PathPart::Param { rust_name, .. } => Some(rust_name.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(names, ["id", "id_2"]);
        assert_eq!(
            split_path("/users/{id | userPrincipalName}")[1],
            PathPart::Param {
                rust_name: "id".into(),
                doc_name: "id | userPrincipalName".into(),
                quoted: false
            }
        );
    }

    #[test]
    fn angle_bracket_placeholders_are_params() {
        let names = |path: &str| -> Vec<(String, bool)> {
            split_path(path)
                .into_iter()
                .filter_map(|p| match p {
                    PathPart::Param {
                        doc_name, quoted, ..
                    } => Some((doc_name, quoted)),
                    PathPart::Literal(_) => None,
                })
                .collect()
        };
        assert_eq!(
            names("/workbook/worksheets/{id|name}/range(address='<address>')/clear"),
            [
                ("id|name".to_string(), false),
                ("address".to_string(), true)
            ]
        );
        assert_eq!(
            names("/workbook/worksheets/{id}/range(<address>)"),
            [("id".to_string(), false), ("address".to_string(), false)]
        );
        // A `<` that opens no name stays text (encoded).
        assert_eq!(
            split_path("/x/a<b"),
            vec![PathPart::Literal("/x/a%3Cb".into())]
        );
    }

    /// Pages that write a workbook path from the workbook on get it in full,
    /// under the drive item that holds the workbook (as other dates write it).
    #[test]
    fn workbook_paths_are_given_under_their_drive_item() {
        let text = "---\ndoc_type: apiPageType\n---\n# Create table\n\nNamespace: microsoft.graph\n\n\
            ## HTTP request\n\n```http\nPOST /workbook/tables/add\nPOST /workbook/worksheets/{id|name}/tables/add\n```\n";
        let page = crate::read::read_page("v1.0/api/table-add.md", text);
        let model = build(&[page]).model;
        let paths: Vec<&str> = model.versions[&ApiVersion::V1_0]
            .operations
            .values()
            .map(|op| op.path_template.as_str())
            .collect();
        assert_eq!(
            paths,
            [
                "/me/drive/items/{item-id}/workbook/tables/add",
                "/me/drive/items/{item-id}/workbook/worksheets/{id|name}/tables/add",
                "/me/drive/root:/{item-path}:/workbook/tables/add",
                "/me/drive/root:/{item-path}:/workbook/worksheets/{id|name}/tables/add",
            ]
        );
        // Paths given in full stay as they are, each once.
        assert_eq!(
            workbook_paths_in_full(&[
                "/me/drive/items/{id}/workbook/tables/add".into(),
                "/workbooks".into()
            ]),
            ["/me/drive/items/{id}/workbook/tables/add", "/workbooks"]
        );
        // `GET workbook/comments`, without the first slash.
        assert_eq!(
            workbook_paths_in_full(&["workbook/comments".into()]),
            [
                "/me/drive/items/{item-id}/workbook/comments",
                "/me/drive/root:/{item-path}:/workbook/comments"
            ]
        );
    }

    /// A sub-namespace's types are their own: `callRecords.mediaStream` is
    /// not merged into microsoft.graph's `mediaStream`, and references that
    /// name it qualified find its page.
    #[test]
    fn types_of_a_sub_namespace_stay_apart_and_resolve() {
        let page = |source: &str, namespace: &str, title: &str, row: &str| {
            let text = format!(
                "# {title} resource type\n\nNamespace: {namespace}\n\n## Properties\n\n\
                 | Property | Type | Description |\n|:--|:--|:--|\n| {row} |\n"
            );
            crate::read::read_page(source, &text)
        };
        let pages = [
            page("v1.0/resources/mediastream.md", "microsoft.graph", "mediaStream", "label | String | A label."),
            page(
                "v1.0/resources/callrecords-mediastream.md",
                "microsoft.graph.callRecords",
                "mediaStream",
                "streamId | String | The stream.",
            ),
            page(
                "v1.0/resources/callrecords-media.md",
                "microsoft.graph.callRecords",
                "media",
                "streams | [callRecords.mediaStream](callrecords-mediastream.md) collection | The streams.",
            ),
            // Bare names: the page's own namespace first, then microsoft.graph.
            page(
                "v1.0/resources/callrecords-segment.md",
                "microsoft.graph.callRecords",
                "segment",
                "stream | mediaStream | A stream.",
            ),
            page("v1.0/resources/call.md", "microsoft.graph", "call", "stream | mediaStream | A stream."),
            crate::read::read_page(
                "v1.0/api/callrecords-segment-get.md",
                "---\ndoc_type: apiPageType\n---\n# Get segment\n\nNamespace: microsoft.graph.callRecords\n\n\
                 ## HTTP request\n\n```http\nGET /communications/callRecords/{id}/segments/{id}/stream\n```\n\n\
                 ## Response\n\nIf successful, this method returns a `200 OK` response code and a \
                 [mediaStream](../resources/callrecords-mediastream.md) object in the response body.\n",
            ),
        ];
        let model = build(&pages).model;
        let v1 = &model.versions[&ApiVersion::V1_0];
        let fields = |name: &str| -> Vec<&str> {
            v1.types[name]
                .properties
                .iter()
                .map(|p| p.name.as_str())
                .collect()
        };
        assert_eq!(fields("mediaStream"), ["label"]);
        assert_eq!(fields("callRecords.mediaStream"), ["streamId"]);
        let streams = &v1.types["callRecords.media"].properties[0];
        assert_eq!(
            streams.ty.kind,
            TypeKind::Complex("callRecords.mediaStream".into()),
            "{streams:?}"
        );
        assert!(!v1.types["callRecords.mediaStream"].inferred);
        let stream = |ty: &str| v1.types[ty].properties[0].ty.kind.clone();
        let scoped = TypeKind::Complex("callRecords.mediaStream".into());
        assert_eq!(stream("callRecords.segment"), scoped);
        assert_eq!(stream("call"), TypeKind::Complex("mediaStream".into()));
        let op = v1
            .operations
            .values()
            .next()
            .expect("the segment operation");
        assert_eq!(op.response.body.as_ref().map(|b| &b.kind), Some(&scoped));
    }

    /// A request-body table that the page's own example bodies do not use
    /// (they send other names) does not type the body; one they use does,
    /// `x@odata.bind` setting `x`.
    #[test]
    fn a_body_table_that_the_examples_contradict_does_not_type_the_body() {
        let action = |table_row: &str, body: &str| {
            let text = format!(
                "---\ndoc_type: apiPageType\n---\n# site: follow\n\nNamespace: microsoft.graph\n\n\
                 ## HTTP request\n\n```http\nPOST /me/followedSites/add\n```\n\n## Request body\n\n\
                 | Name | Value | Description |\n|:--|:--|:--|\n| {table_row} |\n\n## Example\n\n### Request\n\n\
                 ```http\nPOST https://graph.microsoft.com/v1.0/me/followedSites/add\nContent-Type: application/json\n\n{body}\n```\n"
            );
            let page = crate::read::read_page("v1.0/api/site-follow.md", &text);
            let model = build(&[page]).model;
            let op = model.versions[&ApiVersion::V1_0]
                .operations
                .values()
                .next()
                .cloned();
            op.expect("the operation").request_body
        };
        // The table lists the items of the `value` array the example sends.
        let items = action(
            "id | string | The site.",
            r#"{"value": [{"id": "a"}, {"id": "b"}]}"#,
        );
        assert_eq!(
            items,
            Some(RequestBodyModel::Object(FieldType {
                kind: TypeKind::Json,
                collection: false
            }))
        );
        for body in [
            r#"{"id": "a"}"#,
            r#"{"id@odata.bind": "https://graph.microsoft.com/v1.0/sites/a"}"#,
        ] {
            let typed = action("id | string | The site.", body);
            assert!(
                matches!(&typed, Some(RequestBodyModel::Parameters { properties, .. }) if properties[0].name == "id"),
                "{body}: {typed:?}"
            );
        }
    }

    /// A page titled `TableRow resource type` whose annotation names
    /// `workbookTableRow` defines one type that both names find.
    #[test]
    fn the_title_name_of_an_annotated_type_finds_it() {
        let row = crate::read::read_page(
            "v1.0/resources/tablerow.md",
            "# TableRow resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n\
             | Property | Type | Description |\n|:--|:--|:--|\n| index | Int32 | The index. |\n\n\
             ## JSON representation\n\n<!-- {\n  \"blockType\": \"resource\",\n  \
             \"@odata.type\": \"microsoft.graph.workbookTableRow\"\n} -->\n\n```json\n{\"index\": 1}\n```\n",
        );
        assert_eq!(row.type_alias.as_deref(), Some("TableRow"));
        let table = crate::read::read_page(
            "v1.0/resources/table.md",
            "# workbookTable resource type\n\nNamespace: microsoft.graph\n\n## Relationships\n\n\
             | Relationship | Type | Description |\n|:--|:--|:--|\n\
             | rows | [TableRow](tablerow.md) collection | The rows. |\n\
             | last | workbookTableRow | The last row. |\n",
        );
        let model = build(&[row, table]).model;
        let v1 = &model.versions[&ApiVersion::V1_0];
        assert_eq!(
            v1.types.keys().collect::<Vec<_>>(),
            ["workbookTable", "workbookTableRow"]
        );
        let kinds: Vec<&TypeKind> = v1.types["workbookTable"]
            .properties
            .iter()
            .map(|p| &p.ty.kind)
            .collect();
        let row_type = TypeKind::Complex("workbookTableRow".into());
        assert_eq!(kinds, [&row_type, &row_type]);
    }

    #[test]
    fn flag_enums_from_values_or_words() {
        let members = |values: &[i64]| -> Vec<EnumMemberModel> {
            values
                .iter()
                .map(|v| EnumMemberModel {
                    name: format!("m{v}"),
                    value: Some(*v),
                    description: None,
                })
                .collect()
        };
        assert!(looks_like_flags(&members(&[0, 1, 2, 4, 8])));
        assert!(!looks_like_flags(&members(&[0, 1, 2, 3])));
        assert!(says_flags("A flags enum: members combine."));
        assert!(says_flags("Values combine bitwise."));
        assert!(!says_flags("The follow-up flag status."));
    }

    #[test]
    fn request_lines_lose_trailing_prose() {
        assert_eq!(clean_path("/me/events?$select=subject"), "/me/events");
        assert_eq!(
            clean_path("/users/{id | userPrincipalName}/photo"),
            "/users/{id | userPrincipalName}/photo"
        );
        assert_eq!(clean_path("/me  (deprecated)"), "/me");
        assert_eq!(area_of("/deviceManagement/x/{id}"), "deviceManagement");
        assert_eq!(area_of("/reports/getX(period='{p}')"), "reports");
        assert_eq!(area_of("/{id}"), "root");
    }
}
