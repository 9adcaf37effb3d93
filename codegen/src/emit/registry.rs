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

/// The module's docs and items. `bodies`: (model function name, area module,
/// request body struct) for every operation that takes a body struct.
pub fn registry(
    ctx: &VersionCtx<'_>,
    bodies: &[(String, String, String)],
) -> (Docs, Vec<(String, TokenStream)>) {
    let docs = Docs::inner()
        .raw(format!(
            "JSON round trip through the types of Microsoft Graph {} (cargo feature `roundtrip`).",
            ctx.version.as_str()
        ))
        .raw("[`model`] reads a value as the type a Graph name names (a base type as any type derived from it), [`request_body`] as the request body of an operation; both write it back. Only the types the enabled features compile are listed.".into());

    let model_arms = ctx.model.types.keys().map(|name| {
        let (node, rust) = match ctx.any_name(name) {
            Some(any) => (Node::Any(name.clone()), any),
            None => (Node::Struct(name.clone()), ctx.type_name(name)),
        };
        let cfg = ctx.gate(&node).attribute();
        let id = names::ident(rust);
        quote! {
            #cfg
            #name => ::std::option::Option::Some(through::<super::models::#id>),
        }
    });
    let body_arms = bodies.iter().map(|(op, module, body)| {
        let feature = names::bare(module);
        let module = names::ident(module);
        let id = names::ident(body);
        quote! {
            #[cfg(feature = #feature)]
            #op => ::std::option::Option::Some(through::<super::#module::#id>),
        }
    });

    let items = quote! {
        /// Reads JSON as `T` and writes it back.
        type Through = fn(::serde_json::Value) -> ::std::result::Result<::serde_json::Value, ::serde_json::Error>;

        /// The [`Through`] for `T` (unused when the enabled features compile no type).
        #[allow(dead_code)]
        fn through<T: ::serde::de::DeserializeOwned + ::serde::Serialize>(
            value: ::serde_json::Value,
        ) -> ::std::result::Result<::serde_json::Value, ::serde_json::Error> {
            let typed: T = ::serde_json::from_value(value)?;
            ::serde_json::to_value(&typed)
        }

        /// Reads `value` as the Graph type named `type_name` (as the docs spell
        /// it, without namespace) and writes it back; `None` when no enabled
        /// feature compiles that type. (With no feature enabled only the
        /// fallback arm is left, hence the `allow`.)
        #[allow(clippy::match_single_binding)]
        pub fn model(
            type_name: &str,
            value: ::serde_json::Value,
        ) -> ::std::option::Option<::std::result::Result<::serde_json::Value, ::serde_json::Error>> {
            let through: ::std::option::Option<Through> = match type_name {
                #(#model_arms)*
                _ => ::std::option::Option::None,
            };
            through.map(|f| f(value))
        }

        /// Reads `value` as the request body of the operation whose function is
        /// named `operation` and writes it back; `None` when the operation takes
        /// no body struct or its area's feature is off.
        #[allow(clippy::match_single_binding)]
        pub fn request_body(
            operation: &str,
            value: ::serde_json::Value,
        ) -> ::std::option::Option<::std::result::Result<::serde_json::Value, ::serde_json::Error>> {
            let through: ::std::option::Option<Through> = match operation {
                #(#body_arms)*
                _ => ::std::option::Option::None,
            };
            through.map(|f| f(value))
        }
    };
    (docs, vec![("round-trip registry".to_string(), items)])
}
