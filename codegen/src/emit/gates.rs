//! Which cargo features compile each model item.
//!
//! Every operation area is a feature. A user who enables one area compiles
//! that area's operations and only the types they reach: the types an
//! operation sends or returns, then, transitively, the types of their
//! (non-navigation) properties, their base types, and for a field typed by a
//! base type every type derived from it (the field accepts any of them).
//!
//! Navigation properties are not followed: they are returned only with
//! `$expand`, and following them would pull in almost the whole API from any
//! entity. A navigation field exists only when its type is compiled anyway;
//! otherwise its value lands in the struct's `additional_properties`, so
//! nothing is lost.
//!
//! The `models` feature compiles every item, whatever the areas.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use proc_macro2::TokenStream;
use quote::quote;
use rustc_hash::FxHashMap;

use crate::model::{OperationModel, RequestBodyModel, TypeKind, VersionModel};

/// The feature that compiles every type and enum.
pub const MODELS_FEATURE: &str = "models";

/// A model item, as the gating sees it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Node {
    /// A complex type's struct.
    Struct(String),
    /// The enum over a base type and every type derived from it.
    Any(String),
    /// An enum type.
    Enum(String),
}

/// When an item is compiled.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Gate {
    /// Always (every area reaches it).
    Always,
    /// With `models` or any of these area features (possibly none).
    Features(BTreeSet<String>),
}

impl Gate {
    /// Whether every build that compiles `self` also compiles `other`.
    pub fn implies(&self, other: &Gate) -> bool {
        match (self, other) {
            (_, Gate::Always) => true,
            (Gate::Always, Gate::Features(_)) => false,
            (Gate::Features(mine), Gate::Features(theirs)) => mine.is_subset(theirs),
        }
    }

    /// The `#[cfg(...)]` attribute of a top-level item, or `None` for
    /// [`Gate::Always`]: a marker for the attribute as prettyplease prints
    /// it, printed once per gate and thread (thousands of items share a few
    /// hundred gates, and the long `any(...)` lists were costly to print).
    pub fn item_attr(&self) -> Option<syn::Attribute> {
        thread_local! {
            static PRINTED: RefCell<FxHashMap<Gate, Rc<str>>> = RefCell::default();
        }
        if *self == Gate::Always {
            return None;
        }
        let printed = PRINTED.with(|printed| {
            if let Some(text) = printed.borrow().get(self) {
                return text.clone();
            }
            // Printed on a unit struct, which is then cut off.
            let item = syn::Item::Struct(syn::ItemStruct {
                attrs: self.attr().into_iter().collect(),
                vis: syn::Visibility::Inherited,
                struct_token: Default::default(),
                ident: proc_macro2::Ident::new("S", proc_macro2::Span::call_site()),
                generics: Default::default(),
                fields: syn::Fields::Unit,
                semi_token: Some(Default::default()),
            });
            let mut text = prettyplease::unparse(&syn::File {
                shebang: None,
                attrs: Vec::new(),
                items: vec![item],
            });
            let cut = text
                .strip_suffix("struct S;\n")
                .expect("prettyplease prints a unit struct after its attributes")
                .len();
            text.truncate(cut);
            let text: Rc<str> = text.into();
            printed.borrow_mut().insert(self.clone(), text.clone());
            text
        });
        Some(super::docs::lines_marker(printed))
    }

    /// The `#[cfg(...)]` attribute as syntax, or `None` for [`Gate::Always`].
    pub fn attr(&self) -> Option<syn::Attribute> {
        self.predicate()
            .map(|predicate| super::syntax::list("cfg", predicate))
    }

    /// The cfg predicate: `any(feature = "models", feature = "users", …)`.
    pub fn predicate(&self) -> Option<TokenStream> {
        match self {
            Gate::Always => None,
            // clippy::non_minimal_cfg: `any` of one feature is just that feature.
            Gate::Features(features) if features.is_empty() => {
                Some(quote! { feature = #MODELS_FEATURE })
            }
            Gate::Features(features) => {
                let features =
                    std::iter::once(MODELS_FEATURE).chain(features.iter().map(String::as_str));
                Some(quote! { any(#(feature = #features),*) })
            }
        }
    }
}

/// The gate of every model item of one version.
#[derive(Debug, Clone, Default)]
pub struct Gates {
    gates: BTreeMap<Node, Gate>,
}

/// What the gating needs to know about the version's types.
pub trait TypeGraph {
    /// The node a field of this type needs, if it is a model item.
    fn node_of(&self, kind: &TypeKind) -> Option<Node>;
    /// The nodes an item needs to compile (not following navigation properties).
    fn needs(&self, node: &Node) -> Vec<Node>;
}

impl Gates {
    /// Gates for `model`'s items; `area_features` maps each operation area to its feature.
    pub fn compute(
        model: &VersionModel,
        graph: &impl TypeGraph,
        area_features: &BTreeMap<String, String>,
        nodes: impl IntoIterator<Item = Node>,
    ) -> Gates {
        let mut roots: BTreeMap<&str, BTreeSet<Node>> = BTreeMap::new();
        for op in model.operations.values() {
            let Some(feature) = area_features.get(&op.area) else {
                continue;
            };
            let entry = roots.entry(feature.as_str()).or_default();
            for kind in operation_kinds(op) {
                entry.extend(graph.node_of(kind));
            }
            if let Some(RequestBodyModel::Update {
                target: Some(target),
                ..
            }) = &op.request_body
            {
                // The update body's docs link to the type it changes.
                if model.types.contains_key(target) {
                    entry.insert(Node::Struct(target.clone()));
                }
            }
        }
        let all_features: BTreeSet<String> = roots.keys().map(|f| f.to_string()).collect();
        let mut reached: BTreeMap<Node, BTreeSet<String>> = BTreeMap::new();
        for (feature, starts) in &roots {
            let mut stack: Vec<Node> = starts.iter().cloned().collect();
            let mut seen: BTreeSet<Node> = BTreeSet::new();
            while let Some(node) = stack.pop() {
                if !seen.insert(node.clone()) {
                    continue;
                }
                stack.extend(graph.needs(&node).into_iter().filter(|n| !seen.contains(n)));
            }
            for node in seen {
                reached.entry(node).or_default().insert(feature.to_string());
            }
        }
        let gates = nodes
            .into_iter()
            .map(|node| {
                let features = reached.remove(&node).unwrap_or_default();
                let gate = if !all_features.is_empty() && features == all_features {
                    Gate::Always
                } else {
                    Gate::Features(features)
                };
                (node, gate)
            })
            .collect();
        Gates { gates }
    }

    /// The gate of `node`; an item the computation did not list is behind `models` only.
    pub fn gate(&self, node: &Node) -> Gate {
        self.gates
            .get(node)
            .cloned()
            .unwrap_or_else(|| Gate::Features(BTreeSet::new()))
    }
}

/// Every type an operation sends or returns.
fn operation_kinds(op: &OperationModel) -> Vec<&TypeKind> {
    let mut kinds: Vec<&TypeKind> = Vec::new();
    if let Some(body) = &op.response.body {
        kinds.push(&body.kind);
    }
    match &op.request_body {
        Some(RequestBodyModel::Object(ft)) => kinds.push(&ft.kind),
        Some(RequestBodyModel::Update { properties, .. })
        | Some(RequestBodyModel::Parameters { properties, .. }) => {
            kinds.extend(properties.iter().map(|p| &p.ty.kind))
        }
        None => {}
    }
    kinds
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gates_imply_by_features() {
        let some = |f: &[&str]| Gate::Features(f.iter().map(|s| s.to_string()).collect());
        assert!(some(&["a"]).implies(&some(&["a", "b"])));
        assert!(!some(&["a", "c"]).implies(&some(&["a", "b"])));
        assert!(some(&[]).implies(&some(&["a"])));
        assert!(some(&["a"]).implies(&Gate::Always));
        assert!(!Gate::Always.implies(&some(&["a"])));
        assert_eq!(
            some(&["users"]).predicate().unwrap().to_string(),
            "any (feature = \"models\" , feature = \"users\")"
        );
        assert_eq!(
            some(&[]).predicate().unwrap().to_string(),
            "feature = \"models\""
        );
        assert!(Gate::Always.predicate().is_none());
    }
}
