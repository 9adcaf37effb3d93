//! What one API version's emission needs to know about the whole version:
//! the Rust name of every Graph type, each type's full property list (base
//! chain included), the types derived from each base type, which cargo
//! features compile each item, and which fields must be boxed to keep
//! recursive types finite.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap;

use super::gates::{Gate, Gates, Node, TypeGraph};
use super::names::{self, NameSet};
use super::syntax;
use crate::ir::ApiVersion;
use crate::model::{FieldType, Primitive, PropertyModel, TypeKind, VersionModel};

/// Where a type is named from: the `models` module itself or an area module beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Models,
    Area,
}

pub struct VersionCtx<'a> {
    pub version: ApiVersion,
    pub model: &'a VersionModel,
    /// Complex type Graph name → Rust struct name.
    type_names: BTreeMap<String, String>,
    /// Enum Graph name → Rust type name (for flag enums: the set struct).
    enum_names: BTreeMap<String, String>,
    /// Flag enum Graph name → Rust name of the single-flag enum.
    flag_names: BTreeMap<String, String>,
    /// Complex type Graph name → properties, inherited ones first.
    properties: BTreeMap<String, Vec<PropertyModel>>,
    /// Complex type Graph name → strongly connected component id.
    component: BTreeMap<String, usize>,
    /// Base type Graph name → every type derived from it (transitively), by name.
    descendants: BTreeMap<String, Vec<String>>,
    /// Base type Graph name → Rust name of the enum over it and its derived types.
    any_names: BTreeMap<String, String>,
    /// The cargo features that compile each item.
    gates: Gates,
    /// Property name → snake_case field name, for every property of a type
    /// (inherited properties are emitted once per derived type).
    field_names: FxHashMap<String, String>,
}

impl<'a> VersionCtx<'a> {
    /// `area_features`: operation area (`deviceManagement`) → its cargo feature.
    pub fn new(
        version: ApiVersion,
        model: &'a VersionModel,
        area_features: &BTreeMap<String, String>,
    ) -> Self {
        // Structs claim names first, then enums, then flag members: a clash
        // renames the later one (`Status2`), in Graph-name order.
        let mut taken = NameSet::types();
        let type_names: BTreeMap<String, String> = model
            .types
            .keys()
            .map(|name| (name.clone(), taken.take(&names::pascal(name, "Type"))))
            .collect();
        let enum_names: BTreeMap<String, String> = model
            .enums
            .keys()
            .map(|name| (name.clone(), taken.take(&names::pascal(name, "Enum"))))
            .collect();
        let flag_names: BTreeMap<String, String> = model
            .enums
            .iter()
            .filter(|(_, e)| e.flags)
            .map(|(name, _)| {
                let set = names::bare(&enum_names[name]).trim_end_matches('_');
                (name.clone(), taken.take(&format!("{set}Flag")))
            })
            .collect();

        let descendants = descendants(model);
        let any_names: BTreeMap<String, String> = descendants
            .keys()
            .map(|name| {
                let base = names::bare(&type_names[name]).trim_end_matches('_');
                (name.clone(), taken.take(&format!("Any{base}")))
            })
            .collect();

        let properties: BTreeMap<String, Vec<PropertyModel>> = model
            .types
            .keys()
            .map(|name| (name.clone(), all_properties(model, name)))
            .collect();
        let component = components(model, &properties, &descendants);
        let field_names = model
            .types
            .values()
            .flat_map(|t| &t.properties)
            .map(|p| (p.name.clone(), names::snake(&p.name, "field")))
            .collect();
        let mut ctx = VersionCtx {
            version,
            model,
            type_names,
            enum_names,
            flag_names,
            properties,
            component,
            descendants,
            any_names,
            gates: Gates::default(),
            field_names,
        };
        let nodes: Vec<Node> = model
            .types
            .keys()
            .map(|n| Node::Struct(n.clone()))
            .chain(ctx.descendants.keys().map(|n| Node::Any(n.clone())))
            .chain(model.enums.keys().map(|n| Node::Enum(n.clone())))
            .collect();
        ctx.gates = Gates::compute(model, &ctx, area_features, nodes);
        ctx
    }

    /// `names::snake(property, "field")`, computed once per property name.
    pub fn field_name(&self, property: &str) -> std::borrow::Cow<'_, str> {
        match self.field_names.get(property) {
            Some(name) => name.as_str().into(),
            None => names::snake(property, "field").into(),
        }
    }

    /// Rust name of the enum over `graph_name` and its derived types, when it has any.
    pub fn any_name(&self, graph_name: &str) -> Option<&str> {
        self.any_names.get(graph_name).map(String::as_str)
    }

    /// Every type derived from `graph_name` (transitively), in name order.
    pub fn descendants(&self, graph_name: &str) -> &[String] {
        self.descendants
            .get(graph_name)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// When an item is compiled.
    pub fn gate(&self, node: &Node) -> Gate {
        self.gates.gate(node)
    }

    /// The gate a field of `owner` needs beyond its struct's own: a navigation
    /// field whose type the struct's features do not compile gets that type's gate.
    pub fn field_gate(&self, owner: &str, ty: &FieldType) -> Option<Gate> {
        let target = self.node_of(&ty.kind)?;
        let field = self.gates.gate(&target);
        let owner = self.gates.gate(&Node::Struct(owner.to_string()));
        (!owner.implies(&field)).then_some(field)
    }

    /// The module name of this version: `v1_0` or `beta`.
    pub fn module(&self) -> &'static str {
        version_module(self.version)
    }

    pub fn type_name(&self, graph_name: &str) -> &str {
        &self.type_names[graph_name]
    }

    pub fn enum_name(&self, graph_name: &str) -> &str {
        &self.enum_names[graph_name]
    }

    pub fn flag_name(&self, graph_name: &str) -> &str {
        &self.flag_names[graph_name]
    }

    /// Own and inherited properties of a complex type, base chain first; a
    /// redefined property keeps its first position and takes the later definition.
    pub fn properties(&self, graph_name: &str) -> &[PropertyModel] {
        &self.properties[graph_name]
    }

    /// The Rust type of a model field's value (without the `Patch`).
    pub fn model_field_type(&self, owner: &str, ty: &FieldType) -> syn::Type {
        let element = self.element_type(&ty.kind, Scope::Models);
        if ty.collection {
            syntax::generic(&["Vec"], [element])
        } else if self.needs_box(owner, &ty.kind) {
            syntax::generic(&["Box"], [element])
        } else {
            element
        }
    }

    /// The Rust type of a value (collections as `Vec`), named from `scope`.
    pub fn value_type(&self, ty: &FieldType, scope: Scope) -> syn::Type {
        let element = self.element_type(&ty.kind, scope);
        if ty.collection {
            syntax::generic(&["Vec"], [element])
        } else {
            element
        }
    }

    /// The Rust type of one element, named from `scope`. Prelude names
    /// (`String`, `Vec`) are safe: no generated type takes them.
    pub fn element_type(&self, kind: &TypeKind, scope: Scope) -> syn::Type {
        let named = |rust: &str| match scope {
            Scope::Models => syntax::ty(&[rust]),
            Scope::Area => syntax::ty(&["super", "models", rust]),
        };
        match self.resolve(kind) {
            Resolved::Complex(name) => {
                // A field typed by a base type takes any type derived from it.
                named(self.any_names.get(name).unwrap_or(&self.type_names[name]))
            }
            Resolved::Enum(name) => named(&self.enum_names[name]),
            Resolved::Primitive(p) => primitive_type(p),
            Resolved::Json => syntax::ty(&["serde_json", "Value"]),
            // An enum the model does not define is still a string on the wire.
            Resolved::UnknownEnum => syntax::ty(&["String"]),
        }
    }

    /// A reference resolved against this version; a name the model lacks
    /// falls back to the other kind of type, then to plain JSON.
    fn resolve<'k>(&self, kind: &'k TypeKind) -> Resolved<'k> {
        match kind {
            TypeKind::Primitive(p) => Resolved::Primitive(*p),
            TypeKind::Json => Resolved::Json,
            TypeKind::Complex(name) | TypeKind::Enum(name) => {
                let prefer_enum = matches!(kind, TypeKind::Enum(_));
                let is_type = self.type_names.contains_key(name);
                let is_enum = self.enum_names.contains_key(name);
                match (prefer_enum, is_type, is_enum) {
                    (true, _, true) | (false, false, true) => Resolved::Enum(name),
                    (_, true, _) => Resolved::Complex(name),
                    (true, false, false) => Resolved::UnknownEnum,
                    (false, false, false) => Resolved::Json,
                }
            }
        }
    }

    /// A single complex field is boxed when its type can reach back to the
    /// owner through single complex fields: the two share a component. (The
    /// enum over a base type boxes its variants, so it never needs it.)
    fn needs_box(&self, owner: &str, kind: &TypeKind) -> bool {
        match self.resolve(kind) {
            Resolved::Complex(target) if !self.descendants.contains_key(target) => {
                matches!((self.component.get(owner), self.component.get(target)), (Some(a), Some(b)) if a == b)
            }
            _ => false,
        }
    }

    /// Whether the type (or its base chain) documents `@odata.type` itself.
    pub fn has_odata_type(&self, graph_name: &str) -> bool {
        self.properties(graph_name)
            .iter()
            .any(|p| p.name == "@odata.type")
    }
}

impl TypeGraph for VersionCtx<'_> {
    fn node_of(&self, kind: &TypeKind) -> Option<Node> {
        match self.resolve(kind) {
            Resolved::Complex(name) if self.descendants.contains_key(name) => {
                Some(Node::Any(name.to_string()))
            }
            Resolved::Complex(name) => Some(Node::Struct(name.to_string())),
            Resolved::Enum(name) => Some(Node::Enum(name.to_string())),
            Resolved::Primitive(_) | Resolved::Json | Resolved::UnknownEnum => None,
        }
    }

    fn needs(&self, node: &Node) -> Vec<Node> {
        match node {
            Node::Struct(name) => {
                let Some(ty) = self.model.types.get(name) else {
                    return Vec::new();
                };
                let mut needs: Vec<Node> = self
                    .properties(name)
                    .iter()
                    .filter(|p| !p.navigation)
                    .filter_map(|p| self.node_of(&p.ty.kind))
                    .collect();
                if let Some(base) = ty.base_type.as_deref() {
                    if self.model.types.contains_key(base) {
                        needs.push(Node::Struct(base.to_string()));
                    }
                }
                needs
            }
            Node::Any(name) => std::iter::once(name)
                .chain(self.descendants(name))
                .map(|n| Node::Struct(n.clone()))
                .collect(),
            Node::Enum(_) => Vec::new(),
        }
    }
}

enum Resolved<'k> {
    Primitive(Primitive),
    Complex(&'k str),
    Enum(&'k str),
    UnknownEnum,
    Json,
}

pub fn version_module(version: ApiVersion) -> &'static str {
    match version {
        ApiVersion::V1_0 => "v1_0",
        ApiVersion::Beta => "beta",
    }
}

/// Graph primitives in Rust. `Stream` is a URL or content string inside models.
pub fn primitive_type(p: Primitive) -> syn::Type {
    let runtime = |name: &str| syntax::ty(&["rt", "types", name]);
    match p {
        Primitive::String | Primitive::Stream => syntax::ty(&["String"]),
        Primitive::Boolean => syntax::ty(&["bool"]),
        Primitive::Byte => syntax::ty(&["u8"]),
        Primitive::SByte => syntax::ty(&["i8"]),
        Primitive::Int16 => syntax::ty(&["i16"]),
        Primitive::Int32 => syntax::ty(&["i32"]),
        Primitive::Int64 => syntax::ty(&["i64"]),
        Primitive::Single => syntax::ty(&["f32"]),
        Primitive::Double => syntax::ty(&["f64"]),
        Primitive::Decimal => runtime("Decimal"),
        Primitive::DateTimeOffset => runtime("DateTimeOffset"),
        Primitive::Date => runtime("Date"),
        Primitive::TimeOfDay => runtime("TimeOfDay"),
        Primitive::Duration => runtime("Duration"),
        Primitive::Guid => runtime("Guid"),
        Primitive::Binary => runtime("Binary"),
    }
}

/// Base chain first (root … type), stopping at a missing base or a cycle.
fn all_properties(model: &VersionModel, name: &str) -> Vec<PropertyModel> {
    let mut chain = Vec::new();
    let mut seen = BTreeSet::new();
    let mut next = Some(name);
    while let Some(current) = next {
        let Some(ty) = model.types.get(current) else {
            break;
        };
        if !seen.insert(current) {
            break;
        }
        chain.push(ty);
        next = ty.base_type.as_deref();
    }
    let mut out: Vec<PropertyModel> = Vec::new();
    for ty in chain.iter().rev() {
        for property in &ty.properties {
            match out.iter_mut().find(|p| p.name == property.name) {
                Some(existing) => *existing = property.clone(),
                None => out.push(property.clone()),
            }
        }
    }
    out
}

/// Base type → every type whose base chain passes through it, sorted.
/// Chains that loop (a docs error) stop at the repeat.
fn descendants(model: &VersionModel) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for name in model.types.keys() {
        let mut seen = BTreeSet::from([name.as_str()]);
        let mut next = model.types[name].base_type.as_deref();
        while let Some(base) = next {
            if !model.types.contains_key(base) || !seen.insert(base) {
                break;
            }
            out.entry(base.to_string()).or_default().push(name.clone());
            next = model.types[base].base_type.as_deref();
        }
    }
    // Keys are visited in sorted order, so each list is already sorted.
    out
}

/// Tarjan's algorithm, iterative (Graph has thousands of types; no deep
/// recursion), over edges "has a single (non-collection) field of type"
/// (fields typed by a base type hold boxed variants: no edge).
/// Nodes and edges are visited in sorted / documented order, so ids are stable.
fn components(
    model: &VersionModel,
    properties: &BTreeMap<String, Vec<PropertyModel>>,
    descendants: &BTreeMap<String, Vec<String>>,
) -> BTreeMap<String, usize> {
    let nodes: Vec<&str> = model.types.keys().map(String::as_str).collect();
    let index_of: BTreeMap<&str, usize> = nodes.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let edges: Vec<Vec<usize>> = nodes
        .iter()
        .map(|n| {
            properties[*n]
                .iter()
                .filter(|p| !p.ty.collection)
                .filter_map(|p| match &p.ty.kind {
                    TypeKind::Complex(target) if !descendants.contains_key(target) => {
                        index_of.get(target.as_str()).copied()
                    }
                    _ => None,
                })
                .collect()
        })
        .collect();

    const UNSEEN: usize = usize::MAX;
    let mut index = vec![UNSEEN; nodes.len()];
    let mut low = vec![0; nodes.len()];
    let mut on_stack = vec![false; nodes.len()];
    let mut stack = Vec::new();
    let mut component = vec![0; nodes.len()];
    let mut next_index = 0;
    let mut next_component = 0;

    for root in 0..nodes.len() {
        if index[root] != UNSEEN {
            continue;
        }
        let mut calls: Vec<(usize, usize)> = vec![(root, 0)];
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut edge)) = calls.last_mut() {
            if let Some(&w) = edges[v].get(*edge) {
                *edge += 1;
                if index[w] == UNSEEN {
                    index[w] = next_index;
                    low[w] = next_index;
                    next_index += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    calls.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(parent, _)) = calls.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component[w] = next_component;
                    if w == v {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.to_string(), component[i]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ComplexType;

    fn ty(name: &str, base: Option<&str>, props: &[(&str, TypeKind, bool)]) -> ComplexType {
        ComplexType {
            name: name.into(),
            description: None,
            base_type: base.map(Into::into),
            properties: props
                .iter()
                .map(|(n, kind, collection)| PropertyModel {
                    name: (*n).into(),
                    ty: FieldType {
                        kind: kind.clone(),
                        collection: *collection,
                    },
                    description: None,
                    read_only: false,
                    navigation: false,
                    inferred: false,
                    required_column: None,
                })
                .collect(),
            inferred: false,
            origin: None,
        }
    }

    fn complex(n: &str) -> TypeKind {
        TypeKind::Complex(n.into())
    }

    #[test]
    fn boxes_only_cycles_through_single_fields() {
        let mut model = VersionModel::default();
        for t in [
            ty(
                "node",
                None,
                &[
                    ("next", complex("node"), false),
                    ("kids", complex("node"), true),
                ],
            ),
            ty(
                "a",
                None,
                &[("b", complex("b"), false), ("leaf", complex("leaf"), false)],
            ),
            ty("b", None, &[("c", complex("c"), false)]),
            ty("c", None, &[("a", complex("a"), false)]),
            ty("leaf", None, &[("up", complex("a"), true)]),
        ] {
            model.types.insert(t.name.clone(), t);
        }
        let ctx = VersionCtx::new(ApiVersion::V1_0, &model, &BTreeMap::new());
        assert!(ctx.needs_box("node", &complex("node")));
        assert!(ctx.needs_box("a", &complex("b")));
        assert!(ctx.needs_box("c", &complex("a")));
        assert!(!ctx.needs_box("a", &complex("leaf")));
        assert!(!ctx.needs_box("leaf", &complex("a")));
    }

    #[test]
    fn inherits_base_chain_and_survives_cycles() {
        let mut model = VersionModel::default();
        for t in [
            ty(
                "entity",
                None,
                &[("id", TypeKind::Primitive(Primitive::String), false)],
            ),
            ty(
                "item",
                Some("entity"),
                &[("name", TypeKind::Primitive(Primitive::String), false)],
            ),
            ty("loopA", Some("loopB"), &[("x", TypeKind::Json, false)]),
            ty("loopB", Some("loopA"), &[("y", TypeKind::Json, false)]),
        ] {
            model.types.insert(t.name.clone(), t);
        }
        let ctx = VersionCtx::new(ApiVersion::Beta, &model, &BTreeMap::new());
        let names = |t: &str| {
            ctx.properties(t)
                .iter()
                .map(|p| p.name.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(names("item"), ["id", "name"]);
        assert_eq!(names("loopA"), ["y", "x"]);
    }
}
