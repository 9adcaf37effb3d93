//! `graphdoc diff OLD NEW`: a semantic changelog between two doc trees.
//!
//! Both trees are read and merged into [`ApiModel`]s, and the models are
//! compared. Identity never uses generated names (fn names depend on page
//! titles and collisions): an operation is its method plus its path with
//! parameter names and letter case erased, and types and properties are
//! matched case-insensitively, as Graph itself does.

mod render;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use serde::Serialize;

use super::write_stdout;
use crate::ir::{ApiVersion, IrDocument, Page, IR_VERSION};
use crate::model::{
    self, ApiModel, ComplexType, EnumType, FieldType, OperationModel, PropertyModel,
    RequestBodyModel, TypeKind, VersionModel,
};

pub use render::{render_json, render_markdown, render_text};

/// What happened to an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
    /// Gone from one API version and new in the other (`detail` says which way).
    Moved,
}

impl ChangeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Changed => "changed",
            ChangeKind::Moved => "moved",
        }
    }
}

/// What kind of API item changed. The order is the report order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Item {
    /// One method on one path.
    Operation,
    /// A property of an operation's request body (PATCH fields, action parameters).
    Parameter,
    /// A complex or entity type.
    Type,
    /// An enum type.
    Enum,
    /// The base type of a complex type.
    BaseType,
    /// A property of a complex type.
    Property,
    /// A member of an enum.
    EnumMember,
}

impl Item {
    pub fn as_str(self) -> &'static str {
        match self {
            Item::Operation => "operation",
            Item::Parameter => "parameter",
            Item::Type => "type",
            Item::Enum => "enum",
            Item::BaseType => "base_type",
            Item::Property => "property",
            Item::EnumMember => "enum_member",
        }
    }

    pub const ALL: [Item; 7] = [
        Item::Operation,
        Item::Parameter,
        Item::Type,
        Item::Enum,
        Item::BaseType,
        Item::Property,
        Item::EnumMember,
    ];
}

/// One semantic change between two models.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub change: ChangeKind,
    pub item: Item,
    /// The version the item is in (for a move: the version it moved to).
    pub api_version: ApiVersion,
    /// `METHOD /path` for operations, `type.property`, `enum.member`, a type name,
    /// or `METHOD /path: parameter`.
    pub name: String,
    /// Whether a caller of the generated SDK may stop compiling or working.
    pub breaking: bool,
    /// One line saying what changed, e.g. `String → Int32`.
    pub detail: String,
    /// The page that documents the item (the new tree's, or the old's for a removal).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

/// Compare two models. The result is sorted (version, item, name, change).
pub fn diff_models(old: &ApiModel, new: &ApiModel) -> Vec<Change> {
    let empty = VersionModel::default();
    let versions: BTreeSet<ApiVersion> = old
        .versions
        .keys()
        .chain(new.versions.keys())
        .copied()
        .collect();
    let mut changes = Vec::new();
    for version in versions {
        let o = old.versions.get(&version).unwrap_or(&empty);
        let n = new.versions.get(&version).unwrap_or(&empty);
        diff_version(version, o, n, &mut changes);
    }
    fold_moves(&mut changes);
    sort_changes(&mut changes);
    changes
}

/// A short semantic summary: counts, then the breaking changes (at most ten).
pub fn summary(changes: &[Change]) -> String {
    let breaking: Vec<&Change> = changes.iter().filter(|c| c.breaking).collect();
    let mut out = if changes.is_empty() {
        "API unchanged".to_string()
    } else {
        format!(
            "API changes: {} ({} breaking): {}",
            changes.len(),
            breaking.len(),
            counts_line(changes)
        )
    };
    for c in breaking.iter().take(10) {
        out.push_str(&format!(
            "\n  breaking: {} {} {} ({}){}",
            c.change.as_str(),
            c.item.as_str(),
            c.name,
            c.api_version.as_str(),
            if c.detail.is_empty() {
                String::new()
            } else {
                format!(": {}", c.detail)
            }
        ));
    }
    if breaking.len() > 10 {
        out.push_str(&format!(
            "\n  … and {} more breaking changes",
            breaking.len() - 10
        ));
    }
    out
}

/// Counts per item and change kind, e.g. `operation +3 -1 ~2, property +10`.
pub(crate) fn counts_line(changes: &[Change]) -> String {
    let counts = counts(changes);
    let mut parts = Vec::new();
    for item in Item::ALL {
        let Some(per) = counts.get(&item) else {
            continue;
        };
        let mut s = item.as_str().to_string();
        for (kind, sign) in [
            (ChangeKind::Added, '+'),
            (ChangeKind::Removed, '-'),
            (ChangeKind::Changed, '~'),
            (ChangeKind::Moved, '>'),
        ] {
            if let Some(n) = per.get(&kind) {
                s.push_str(&format!(" {sign}{n}"));
            }
        }
        parts.push(s);
    }
    parts.join(", ")
}

/// Counts per item × change kind.
pub fn counts(changes: &[Change]) -> BTreeMap<Item, BTreeMap<ChangeKind, usize>> {
    let mut out: BTreeMap<Item, BTreeMap<ChangeKind, usize>> = BTreeMap::new();
    for c in changes {
        *out.entry(c.item).or_default().entry(c.change).or_default() += 1;
    }
    out
}

// ---- comparison ----

fn diff_version(
    version: ApiVersion,
    old: &VersionModel,
    new: &VersionModel,
    out: &mut Vec<Change>,
) {
    diff_operations(version, old, new, out);
    diff_types(version, old, new, out);
    diff_enums(version, old, new, out);
}

/// The identity of an operation: upper-case method and the path in lower case
/// with every `{parameter}` reduced to `{}`, so renamed parameters match.
pub fn operation_key(method: &str, path_template: &str) -> String {
    let mut key = String::with_capacity(path_template.len() + 8);
    key.push_str(&method.trim().to_ascii_uppercase());
    key.push(' ');
    let mut depth = 0usize;
    for c in path_template.trim().chars() {
        match c {
            '{' => {
                if depth == 0 {
                    key.push_str("{}");
                }
                depth += 1;
            }
            '}' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c => key.extend(c.to_lowercase()),
        }
    }
    // `/me/events/` and `/me/events` are the same resource.
    while key.len() > 1 && key.ends_with('/') && !key.ends_with(" /") {
        key.pop();
    }
    key
}

/// Operations by identity; where two pages document the same operation the
/// first by page path wins, so the choice does not depend on map order.
fn operations_by_key(v: &VersionModel) -> BTreeMap<String, &OperationModel> {
    let mut out: BTreeMap<String, &OperationModel> = BTreeMap::new();
    for op in v.operations.values() {
        let key = operation_key(&op.method, &op.path_template);
        match out.get(&key) {
            Some(existing) if existing.origin <= op.origin => {}
            _ => {
                out.insert(key, op);
            }
        }
    }
    out
}

/// The folder all of a version's operation pages share, so pages of two trees
/// (`2020/v1.0/api/x.md`, `2021/v1.0/api/x.md`) can be matched by their place in it.
fn page_root(v: &VersionModel) -> String {
    let mut files = v.operations.values().map(|o| o.origin.file.as_str());
    let Some(first) = files.next() else {
        return String::new();
    };
    let mut root = first.rfind('/').map_or("", |i| &first[..=i]).to_string();
    for f in files {
        while !f.starts_with(&root) {
            root.pop();
            root = root
                .rfind('/')
                .map_or(String::new(), |i| root[..=i].to_string());
        }
    }
    root
}

fn relative(file: &str, root: &str) -> String {
    file.strip_prefix(root).unwrap_or(file).to_ascii_lowercase()
}

fn op_name(op: &OperationModel) -> String {
    format!("{} {}", op.method, op.path_template)
}

fn diff_operations(
    version: ApiVersion,
    old: &VersionModel,
    new: &VersionModel,
    out: &mut Vec<Change>,
) {
    let old_ops = operations_by_key(old);
    let new_ops = operations_by_key(new);
    // Where a page now documents other paths for the same method (a rewritten
    // path), the removal says so: the caller's replacement is right there.
    let (old_root, new_root) = (page_root(old), page_root(new));
    let mut new_by_page: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for op in new_ops.values() {
        let page = relative(&op.origin.file, &new_root);
        new_by_page
            .entry((page, op.method.clone()))
            .or_default()
            .insert(op.path_template.clone());
    }
    for (key, op) in &old_ops {
        if !new_ops.contains_key(key) {
            let page = relative(&op.origin.file, &old_root);
            let mut detail = op_signature(op);
            if let Some(paths) = new_by_page.get(&(page, op.method.clone())) {
                let shown: Vec<&str> = paths.iter().take(2).map(String::as_str).collect();
                let more = paths.len().saturating_sub(2);
                detail.push_str(&format!(
                    "; its page now documents {} {}{}",
                    op.method,
                    shown.join(", "),
                    if more > 0 {
                        format!(" and {more} more")
                    } else {
                        String::new()
                    }
                ));
            }
            out.push(Change {
                change: ChangeKind::Removed,
                item: Item::Operation,
                api_version: version,
                name: op_name(op),
                breaking: true,
                detail,
                file: Some(op.origin.file.clone()),
            });
        }
    }
    for (key, op) in &new_ops {
        let Some(before) = old_ops.get(key) else {
            out.push(Change {
                change: ChangeKind::Added,
                item: Item::Operation,
                api_version: version,
                name: op_name(op),
                breaking: false,
                detail: op_signature(op),
                file: Some(op.origin.file.clone()),
            });
            continue;
        };
        diff_operation(version, (before, old), (op, new), out);
    }
}

/// `request: X; response: Y` for an operation, as a reader of the SDK sees it.
fn op_signature(op: &OperationModel) -> String {
    let request = request_shape(op.request_body.as_ref());
    let response = response_shape(op);
    match request {
        Some(r) => format!("request {r}; response {response}"),
        None => format!("response {response}"),
    }
}

fn request_shape(body: Option<&RequestBodyModel>) -> Option<String> {
    match body? {
        // The update struct is named after the operation, not its target; its
        // fields are compared one by one as parameters.
        RequestBodyModel::Update { .. } => Some("update".to_string()),
        RequestBodyModel::Object(ft) => Some(type_display(ft)),
        RequestBodyModel::Parameters { .. } => Some("parameters".to_string()),
    }
}

fn response_shape(op: &OperationModel) -> String {
    match &op.response.body {
        Some(ft) => format!("{} {}", op.response.status, type_display(ft)),
        None => format!("{} no body", op.response.status),
    }
}

fn diff_operation(
    version: ApiVersion,
    (old, old_v): (&OperationModel, &VersionModel),
    (new, new_v): (&OperationModel, &VersionModel),
    out: &mut Vec<Change>,
) {
    let name = op_name(new);
    let file = Some(new.origin.file.clone());
    let changed = |detail: String, breaking: bool| Change {
        change: ChangeKind::Changed,
        item: Item::Operation,
        api_version: version,
        name: name.clone(),
        breaking,
        detail,
        file: file.clone(),
    };
    let (req_old, req_new) = (
        request_shape(old.request_body.as_ref()),
        request_shape(new.request_body.as_ref()),
    );
    if !same_name(
        req_old.as_deref().unwrap_or("none"),
        req_new.as_deref().unwrap_or("none"),
    ) {
        out.push(changed(
            format!(
                "request body: {} → {}",
                req_old.as_deref().unwrap_or("none"),
                req_new.as_deref().unwrap_or("none")
            ),
            true,
        ));
    }
    let body_old = old.response.body.as_ref().map(type_display);
    let body_new = new.response.body.as_ref().map(type_display);
    if !same_name(
        body_old.as_deref().unwrap_or("none"),
        body_new.as_deref().unwrap_or("none"),
    ) {
        out.push(changed(
            format!(
                "response type: {} → {}",
                body_old.as_deref().unwrap_or("none"),
                body_new.as_deref().unwrap_or("none")
            ),
            true,
        ));
    } else if old.response.status != new.response.status {
        // Any 2xx is success to the SDK; the body type is what callers see.
        out.push(changed(
            format!(
                "response status: {} → {}",
                old.response.status, new.response.status
            ),
            false,
        ));
    }
    // A query parameter the caller must now pass, or may no longer pass, is an
    // argument added to or removed from the function.
    let query_names = |op: &OperationModel| -> Vec<String> {
        op.query
            .iter()
            .map(|q| q.name.to_ascii_lowercase())
            .collect()
    };
    if query_names(old) != query_names(new) {
        let shown = |op: &OperationModel| -> String {
            let names: Vec<&str> = op.query.iter().map(|q| q.name.as_str()).collect();
            if names.is_empty() {
                "none".to_string()
            } else {
                names.join(", ")
            }
        };
        out.push(changed(
            format!("query parameters: {} → {}", shown(old), shown(new)),
            true,
        ));
    }
    // Parameters are compared only when the body keeps its shape (a shape change
    // was reported above) and comes from the page's own table: an update body
    // made of the target type's fields would repeat that type's changes.
    let own_table = !mirrors_target(old.request_body.as_ref(), old_v)
        && !mirrors_target(new.request_body.as_ref(), new_v);
    if own_table
        && req_old.is_some()
        && same_name(
            req_old.as_deref().unwrap_or(""),
            req_new.as_deref().unwrap_or(""),
        )
    {
        let params = |b: Option<&RequestBodyModel>| -> Vec<PropertyModel> {
            match b {
                Some(RequestBodyModel::Update { properties, .. })
                | Some(RequestBodyModel::Parameters { properties, .. }) => properties.clone(),
                _ => Vec::new(),
            }
        };
        let before = params(old.request_body.as_ref());
        let after = params(new.request_body.as_ref());
        diff_properties(
            version,
            Item::Parameter,
            &format!("{name}:"),
            " ",
            &before,
            &after,
            &file,
            out,
        );
    }
}

/// Pair items of two trees by name: exact (case-insensitive) first, then, for
/// what is left, by the name without its namespace qualifier when that is
/// unique on both sides (`callRecords.callType` became `callType`).
struct Pairing<'a, T> {
    both: Vec<(&'a T, &'a T)>,
    removed: Vec<&'a T>,
    added: Vec<&'a T>,
}

fn pair<'a, T>(old: &BTreeMap<String, &'a T>, new: &BTreeMap<String, &'a T>) -> Pairing<'a, T> {
    let bare = |k: &str| k.rsplit('.').next().unwrap_or(k).to_string();
    let mut both = Vec::new();
    let mut old_left: BTreeMap<String, Vec<&'a T>> = BTreeMap::new();
    for (k, v) in old {
        match new.get(k) {
            Some(n) => both.push((*v, *n)),
            None => old_left.entry(bare(k)).or_default().push(*v),
        }
    }
    let mut new_left: BTreeMap<String, Vec<&'a T>> = BTreeMap::new();
    for (k, v) in new {
        if !old.contains_key(k) {
            new_left.entry(bare(k)).or_default().push(*v);
        }
    }
    let (mut removed, mut added) = (Vec::new(), Vec::new());
    for (k, olds) in &old_left {
        match new_left.get(k) {
            Some(news) if olds.len() == 1 && news.len() == 1 => both.push((olds[0], news[0])),
            _ => removed.extend(olds.iter().copied()),
        }
    }
    for (k, news) in &new_left {
        let paired = news.len() == 1 && old_left.get(k).is_some_and(|o| o.len() == 1);
        if !paired {
            added.extend(news.iter().copied());
        }
    }
    Pairing {
        both,
        removed,
        added,
    }
}

/// An update body whose fields are exactly its target type's writable ones:
/// the model filled it from the type because the page has no table.
fn mirrors_target(body: Option<&RequestBodyModel>, v: &VersionModel) -> bool {
    let Some(RequestBodyModel::Update {
        target: Some(target),
        properties,
        ..
    }) = body
    else {
        return false;
    };
    let Some(ty) = v
        .types
        .values()
        .find(|t| t.name.eq_ignore_ascii_case(target))
    else {
        return false;
    };
    let writable: Vec<&str> = ty
        .properties
        .iter()
        .filter(|p| !p.read_only && !p.navigation)
        .map(|p| p.name.as_str())
        .collect();
    properties.len() == writable.len()
        && properties.iter().zip(&writable).all(|(p, w)| p.name == *w)
}

fn diff_types(version: ApiVersion, old: &VersionModel, new: &VersionModel, out: &mut Vec<Change>) {
    let old_types = defined(old);
    let new_types = defined(new);
    let old_enums = lower_keys(&old.enums);
    let new_enums = lower_keys(&new.enums);
    let pairs = pair(&old_types, &new_types);
    for t in pairs.removed {
        if let Some(e) = new_enums.get(&t.name.to_ascii_lowercase()) {
            out.push(Change {
                change: ChangeKind::Changed,
                item: Item::Type,
                api_version: version,
                name: e.name.clone(),
                breaking: true,
                detail: "complex type → enum".into(),
                file: origin_file(&e.origin),
            });
            continue;
        }
        out.push(Change {
            change: ChangeKind::Removed,
            item: Item::Type,
            api_version: version,
            name: t.name.clone(),
            breaking: true,
            detail: type_summary(t),
            file: origin_file(&t.origin),
        });
    }
    for t in pairs.added {
        if let Some(e) = old_enums.get(&t.name.to_ascii_lowercase()) {
            out.push(Change {
                change: ChangeKind::Changed,
                item: Item::Type,
                api_version: version,
                name: t.name.clone(),
                breaking: true,
                detail: format!("enum → complex type (was {} members)", e.members.len()),
                file: origin_file(&t.origin),
            });
            continue;
        }
        out.push(Change {
            change: ChangeKind::Added,
            item: Item::Type,
            api_version: version,
            name: t.name.clone(),
            breaking: false,
            detail: type_summary(t),
            file: origin_file(&t.origin),
        });
    }
    for (before, t) in pairs.both {
        let file = origin_file(&t.origin);
        let base_old = before.base_type.as_deref().unwrap_or("none");
        let base_new = t.base_type.as_deref().unwrap_or("none");
        if !same_name(base_old, base_new) {
            out.push(Change {
                change: ChangeKind::Changed,
                item: Item::BaseType,
                api_version: version,
                name: t.name.clone(),
                // Gaining a base only adds inherited properties; losing or swapping one may drop some.
                breaking: before.base_type.is_some(),
                detail: format!("{base_old} → {base_new}"),
                file: file.clone(),
            });
        }
        let documented = |props: &[PropertyModel]| -> Vec<PropertyModel> {
            props.iter().filter(|p| !p.inferred).cloned().collect()
        };
        let (props_old, props_new) = (documented(&before.properties), documented(&t.properties));
        // A page whose table is gone (or no longer read) would list every property
        // as removed; one line says it better.
        if props_new.is_empty() != props_old.is_empty() {
            let (n_old, n_new) = (props_old.len(), props_new.len());
            out.push(Change {
                change: ChangeKind::Changed,
                item: Item::Type,
                api_version: version,
                name: t.name.clone(),
                breaking: props_new.is_empty(),
                detail: if props_new.is_empty() {
                    format!("its page lists no properties now (before: {n_old})")
                } else {
                    format!("its page lists {n_new} properties now (before: none)")
                },
                file,
            });
            continue;
        }
        diff_properties(
            version,
            Item::Property,
            &t.name,
            ".",
            &props_old,
            &props_new,
            &file,
            out,
        );
    }
}

fn diff_enums(version: ApiVersion, old: &VersionModel, new: &VersionModel, out: &mut Vec<Change>) {
    let old_enums = lower_keys(&old.enums);
    let new_enums = lower_keys(&new.enums);
    // An enum that became a complex type (or back) was reported as a type change.
    let is_type =
        |v: &VersionModel, name: &str| defined(v).contains_key(&name.to_ascii_lowercase());
    let pairs = pair(&old_enums, &new_enums);
    for e in pairs.removed {
        if !is_type(new, &e.name) {
            out.push(Change {
                change: ChangeKind::Removed,
                item: Item::Enum,
                api_version: version,
                name: e.name.clone(),
                breaking: true,
                detail: members_summary(e),
                file: origin_file(&e.origin),
            });
        }
    }
    for e in pairs.added {
        if !is_type(old, &e.name) {
            out.push(Change {
                change: ChangeKind::Added,
                item: Item::Enum,
                api_version: version,
                name: e.name.clone(),
                breaking: false,
                detail: members_summary(e),
                file: origin_file(&e.origin),
            });
        }
    }
    for (before, e) in pairs.both {
        let lower = |e: &EnumType| -> BTreeMap<String, String> {
            e.members
                .iter()
                .map(|m| (m.name.to_ascii_lowercase(), m.name.clone()))
                .collect()
        };
        let (m_old, m_new) = (lower(before), lower(e));
        let file = origin_file(&e.origin);
        for (k, name) in &m_old {
            if !m_new.contains_key(k) {
                out.push(Change {
                    change: ChangeKind::Removed,
                    item: Item::EnumMember,
                    api_version: version,
                    name: format!("{}.{name}", e.name),
                    breaking: true,
                    detail: String::new(),
                    file: file.clone(),
                });
            }
        }
        for (k, name) in &m_new {
            if !m_old.contains_key(k) {
                out.push(Change {
                    change: ChangeKind::Added,
                    item: Item::EnumMember,
                    api_version: version,
                    name: format!("{}.{name}", e.name),
                    breaking: false,
                    detail: String::new(),
                    file: file.clone(),
                });
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn diff_properties(
    version: ApiVersion,
    item: Item,
    owner: &str,
    sep: &str,
    old: &[PropertyModel],
    new: &[PropertyModel],
    file: &Option<String>,
    out: &mut Vec<Change>,
) {
    // First spelling wins if a table lists a name twice (lint reports that).
    let index = |props: &[PropertyModel]| -> BTreeMap<String, PropertyModel> {
        let mut m = BTreeMap::new();
        for p in props {
            m.entry(p.name.to_ascii_lowercase())
                .or_insert_with(|| p.clone());
        }
        m
    };
    let (o, n) = (index(old), index(new));
    for (k, p) in &o {
        if !n.contains_key(k) {
            out.push(Change {
                change: ChangeKind::Removed,
                item,
                api_version: version,
                name: format!("{owner}{sep}{}", p.name),
                breaking: true,
                detail: format!("was {}", type_display(&p.ty)),
                file: file.clone(),
            });
        }
    }
    for (k, p) in &n {
        match o.get(k) {
            None => {
                let required = p.is_required();
                out.push(Change {
                    change: ChangeKind::Added,
                    item,
                    api_version: version,
                    name: format!("{owner}{sep}{}", p.name),
                    // A new required field must be filled in by every caller that builds the value.
                    breaking: required,
                    detail: format!(
                        "{}{}",
                        type_display(&p.ty),
                        if required { ", required" } else { "" }
                    ),
                    file: file.clone(),
                });
            }
            Some(before) => {
                let (a, b) = (type_display(&before.ty), type_display(&p.ty));
                if !same_name(&a, &b) {
                    out.push(Change {
                        change: ChangeKind::Changed,
                        item,
                        api_version: version,
                        name: format!("{owner}{sep}{}", p.name),
                        breaking: true,
                        detail: format!("{a} → {b}"),
                        file: file.clone(),
                    });
                }
            }
        }
    }
}

/// Replace "removed from version A" + "added to version B" of the same item by one move.
fn fold_moves(changes: &mut Vec<Change>) {
    let movable = |c: &Change| matches!(c.item, Item::Operation | Item::Type | Item::Enum);
    let key = |c: &Change| -> (Item, String) {
        let name = if c.item == Item::Operation {
            let (method, path) = c.name.split_once(' ').unwrap_or((&c.name, ""));
            operation_key(method, path)
        } else {
            c.name.to_ascii_lowercase()
        };
        (c.item, name)
    };
    let mut removed: BTreeMap<(Item, String), Vec<usize>> = BTreeMap::new();
    for (i, c) in changes.iter().enumerate() {
        if c.change == ChangeKind::Removed && movable(c) {
            removed.entry(key(c)).or_default().push(i);
        }
    }
    let mut drop = BTreeSet::new();
    for i in 0..changes.len() {
        let c = &changes[i];
        if c.change != ChangeKind::Added || !movable(c) {
            continue;
        }
        let Some(candidates) = removed.get_mut(&key(c)) else {
            continue;
        };
        let Some(pos) = candidates
            .iter()
            .position(|&j| changes[j].api_version != changes[i].api_version)
        else {
            continue;
        };
        let j = candidates.remove(pos);
        let from = changes[j].api_version;
        let to = changes[i].api_version;
        let c = &mut changes[i];
        c.change = ChangeKind::Moved;
        // Callers of the old version's function must switch to the other version.
        c.breaking = true;
        c.detail = format!("from {} to {}; {}", from.as_str(), to.as_str(), c.detail);
        drop.insert(j);
    }
    let mut index = 0;
    changes.retain(|_| {
        let keep = !drop.contains(&index);
        index += 1;
        keep
    });
}

fn sort_changes(changes: &mut [Change]) {
    changes.sort_by(|a, b| {
        (
            a.api_version,
            a.item,
            a.name.to_ascii_lowercase(),
            a.change,
            &a.name,
            &a.detail,
        )
            .cmp(&(
                b.api_version,
                b.item,
                b.name.to_ascii_lowercase(),
                b.change,
                &b.name,
                &b.detail,
            ))
    });
}

// ---- helpers ----

/// Types the docs document, by lower-case name: defined by a page, or given
/// properties by a documented table (an update page's). Types known only from
/// examples come and go with them, so they do not count as API.
fn defined(v: &VersionModel) -> BTreeMap<String, &ComplexType> {
    v.types
        .values()
        .filter(|t| !t.inferred || t.properties.iter().any(|p| !p.inferred))
        .map(|t| (t.name.to_ascii_lowercase(), t))
        .collect()
}

fn lower_keys(map: &BTreeMap<String, EnumType>) -> BTreeMap<String, &EnumType> {
    map.values()
        .map(|v| (v.name.to_ascii_lowercase(), v))
        .collect()
}

fn origin_file(origin: &Option<model::Origin>) -> Option<String> {
    origin.as_ref().map(|o| o.file.clone())
}

fn same_name(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// `String`, `user`, `Collection(String)`: the type as the docs name it.
pub fn type_display(ft: &FieldType) -> String {
    let inner = match &ft.kind {
        TypeKind::Primitive(p) => format!("{p:?}"),
        TypeKind::Complex(n) | TypeKind::Enum(n) => n.clone(),
        TypeKind::Json => "Json".to_string(),
    };
    if ft.collection {
        format!("Collection({inner})")
    } else {
        inner
    }
}

fn type_summary(t: &ComplexType) -> String {
    let n = t.properties.iter().filter(|p| !p.inferred).count();
    let props = format!("{n} propert{}", if n == 1 { "y" } else { "ies" });
    match &t.base_type {
        Some(b) => format!("{props}, base {b}"),
        None => props,
    }
}

fn members_summary(e: &EnumType) -> String {
    format!(
        "{} member{}",
        e.members.len(),
        if e.members.len() == 1 { "" } else { "s" }
    )
}

// ---- input ----

/// Pages from a doc tree, page files, or an IR dump (`graphdoc ir` JSON).
pub fn load_pages(path: &Path) -> Result<Vec<Page>> {
    if !path.exists() {
        bail!("{}: no such file or folder", path.display());
    }
    if path.is_file() && looks_like_ir(path) {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let doc: IrDocument = serde_json::from_str(&text).with_context(|| {
            format!("{}: not an IR dump (`graphdoc ir` output)", path.display())
        })?;
        if doc.version != IR_VERSION {
            bail!(
                "{}: IR version {} but this graphdoc reads version {IR_VERSION}",
                path.display(),
                doc.version
            );
        }
        return Ok(doc.pages);
    }
    Ok(crate::read::read_paths(&[path.to_path_buf()]))
}

/// A JSON file starting with `{` is an IR dump; pages are markdown or text.
fn looks_like_ir(path: &Path) -> bool {
    use std::io::Read as _;
    let mut head = [0u8; 64];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    let head = String::from_utf8_lossy(&head[..n]);
    head.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('{')
}

// ---- command line ----

/// Output format of `graphdoc diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    /// Terminal text, coloured when stdout is a terminal.
    Text,
    /// Markdown for a pull-request comment.
    Markdown,
    /// `{"changes": [...], "summary": {...}}`.
    Json,
}

/// When `graphdoc diff` exits with status 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    /// Any breaking change.
    Breaking,
    /// Any change at all.
    Any,
}

/// Colour in terminal output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// When stdout is a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to colour what goes to stdout.
    pub fn enabled(self) -> bool {
        use std::io::IsTerminal as _;
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stdout().is_terminal()
            }
        }
    }
}

/// `graphdoc diff OLD NEW`: what changed in the API between two doc trees.
#[derive(Debug, Clone, clap::Args)]
pub struct DiffArgs {
    /// The old docs: a folder, a page file, or an IR dump (`graphdoc ir` JSON).
    pub old: PathBuf,
    /// The new docs, in any of the same forms.
    pub new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// Exit with status 1 when there are breaking changes (or any change).
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// List only breaking changes (the summary still counts everything).
    #[arg(long)]
    pub breaking_only: bool,
    /// Colour the text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// Run `graphdoc diff`: print the changelog; exit 1 per `--fail-on`.
pub fn run(args: DiffArgs) -> Result<ExitCode> {
    let old_pages = load_pages(&args.old)?;
    let new_pages = load_pages(&args.new)?;
    let old = model::build(&old_pages).model;
    let new = model::build(&new_pages).model;
    let changes = diff_models(&old, &new);
    let shown: Vec<Change> = if args.breaking_only {
        changes.iter().filter(|c| c.breaking).cloned().collect()
    } else {
        changes.clone()
    };
    let labels = (
        args.old.display().to_string(),
        args.new.display().to_string(),
    );
    let output = match args.format {
        DiffFormat::Text => render_text(&shown, &changes, args.color.enabled()),
        DiffFormat::Markdown => render_markdown(&shown, &changes, (&labels.0, &labels.1)),
        DiffFormat::Json => render_json(&shown, &changes)?,
    };
    write_stdout(&output)?;
    let fail = match args.fail_on {
        Some(FailOn::Breaking) => changes.iter().any(|c| c.breaking),
        Some(FailOn::Any) => !changes.is_empty(),
        None => false,
    };
    Ok(if fail {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operation_identity_ignores_parameter_names_and_case() {
        assert_eq!(
            operation_key("get", "/users/{id}"),
            operation_key("GET", "/Users/{user-id}")
        );
        assert_eq!(
            operation_key("GET", "/users/{id | userPrincipalName}/photo/"),
            "GET /users/{}/photo"
        );
        assert_eq!(
            operation_key("GET", "/reports/getX(period='{period_value}')"),
            "GET /reports/getx(period='{}')"
        );
        assert_ne!(
            operation_key("GET", "/users/{id}"),
            operation_key("PATCH", "/users/{id}")
        );
        assert_eq!(operation_key("GET", "/"), "GET /");
    }
}
