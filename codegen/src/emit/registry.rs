//! `src/<version>/roundtrip.rs` (cargo feature `roundtrip`): read JSON as a
//! generated type chosen by name at run time and write it back. Tests use it
//! to check that every example in the docs survives the SDK unchanged; it is
//! also a way to validate a payload against the docs' types.
//!
//! Each entry carries its type's feature gate, so the registry lists exactly
//! the types the enabled features compile.

use proc_macro2::TokenStream;
use quote::quote;

use super::context::VersionCtx;
use super::docs::Docs;
use super::gates::Node;
use super::names;
use super::syntax;
use super::Group;

/// The module's docs and items. `bodies`: (model function name, area module,
/// request body struct) for every operation that takes a body struct.
pub fn registry<'c>(
    ctx: &'c VersionCtx<'_>,
    bodies: Vec<(String, String, String)>,
) -> (Docs, Vec<Group<'c>>) {
    let docs = Docs::inner()
        .raw(format!(
            "JSON round trip through the types of Microsoft Graph {} (cargo feature `roundtrip`).",
            ctx.version.as_str()
        ))
        .raw("[`model`] reads a value as the type a Graph name names (a base type as any type derived from it), [`request_body`] as the request body of an operation; both write it back. Only the types the enabled features compile are listed.".into());

    let group = Group::new("round-trip registry".into(), move || {
        let mut items = syn::parse2::<syn::File>(skeleton())?.items;
        // One arm per type and per body, built as syntax (thousands of them).
        let model_arms = ctx.model.types.keys().map(|name| {
            let (node, rust) = match ctx.any_name(name) {
                Some(any) => (Node::Any(name.clone()), any),
                None => (Node::Struct(name.clone()), ctx.type_name(name)),
            };
            through_arm(ctx.gate(&node).attr(), name, "models", rust)
        });
        insert_arms(&mut items, "model", model_arms);
        let body_arms = bodies.iter().map(|(op, module, body)| {
            let feature = names::bare(module);
            let cfg = syntax::list("cfg", quote! { feature = #feature });
            through_arm(Some(cfg), op, module, body)
        });
        insert_arms(&mut items, "request_body", body_arms);
        Ok(items)
    });
    (docs, vec![group])
}

/// `#[cfg(...)] "key" => Some(through::<super::module::Type>),`
fn through_arm(cfg: Option<syn::Attribute>, key: &str, module: &str, ty: &str) -> syn::Arm {
    let mut through = syntax::path(&["through"]);
    if let Some(segment) = through.segments.last_mut() {
        segment.arguments =
            syn::PathArguments::AngleBracketed(syn::AngleBracketedGenericArguments {
                colon2_token: Some(Default::default()),
                lt_token: Default::default(),
                args: std::iter::once(syn::GenericArgument::Type(syntax::ty(&[
                    "super", module, ty,
                ])))
                .collect(),
                gt_token: Default::default(),
            });
    }
    let body = syntax::call(
        syntax::expr_path(&["Some"]),
        vec![syn::Expr::Path(syn::ExprPath {
            attrs: Vec::new(),
            qself: None,
            path: through,
        })],
    );
    let mut arm = syntax::arm(syntax::str_pat(key), body);
    arm.attrs.extend(cfg);
    arm
}

/// Puts `arms` before the fallback arm of the `match` in function `name`.
fn insert_arms(items: &mut [syn::Item], name: &str, arms: impl Iterator<Item = syn::Arm>) {
    for item in items {
        let syn::Item::Fn(f) = item else { continue };
        if f.sig.ident != name {
            continue;
        }
        if let Some(syn::Stmt::Local(local)) = f.block.stmts.first_mut() {
            if let Some(syn::Expr::Match(m)) = local.init.as_mut().map(|init| &mut *init.expr) {
                m.arms.splice(0..0, arms);
                return;
            }
        }
    }
}

/// The module without its arms.
fn skeleton() -> TokenStream {
    quote! {
        /// Reads JSON as `T` and writes it back.
        type Through = fn(serde_json::Value) -> Result<serde_json::Value, serde_json::Error>;

        /// The [`Through`] for `T` (unused when the enabled features compile no type).
        #[allow(dead_code)]
        fn through<T: serde::de::DeserializeOwned + serde::Serialize>(
            value: serde_json::Value,
        ) -> Result<serde_json::Value, serde_json::Error> {
            let typed: T = serde_json::from_value(value)?;
            serde_json::to_value(&typed)
        }

        /// Reads `value` as the Graph type named `type_name` (as the docs spell
        /// it, without namespace) and writes it back; `None` when no enabled
        /// feature compiles that type. (With no feature enabled only the
        /// fallback arm is left, hence the `allow`.)
        #[allow(clippy::match_single_binding)]
        pub fn model(
            type_name: &str,
            value: serde_json::Value,
        ) -> Option<Result<serde_json::Value, serde_json::Error>> {
            let through: Option<Through> = match type_name {
                _ => None,
            };
            through.map(|f| f(value))
        }

        /// Reads `value` as the request body of the operation whose function is
        /// named `operation` and writes it back; `None` when the operation takes
        /// no body struct or its area's feature is off.
        #[allow(clippy::match_single_binding)]
        pub fn request_body(
            operation: &str,
            value: serde_json::Value,
        ) -> Option<Result<serde_json::Value, serde_json::Error>> {
            let through: Option<Through> = match operation {
                _ => None,
            };
            through.map(|f| f(value))
        }
    }
}
