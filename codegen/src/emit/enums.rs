//! Enums: one variant per documented member plus a catch-all that keeps any
//! value the server sends (Graph adds members without notice), (de)serialized
//! through the wire string. Flag enums become a set of flags, `"a,b"` on the wire.
//! Every item carries the enum's feature gate.

use quote::quote;

use super::context::VersionCtx;
use super::docs::{code, Docs};
use super::gates::Node;
use super::names::{self, Case, NameSet};
use super::syntax;
use crate::model::EnumType;

/// One enum, or for flag enums the single-flag enum plus the set struct.
pub struct EnumCode<'c, 'a> {
    ctx: &'c VersionCtx<'a>,
    ty: &'a EnumType,
}

impl<'c, 'a> EnumCode<'c, 'a> {
    pub fn new(ctx: &'c VersionCtx<'a>, ty: &'a EnumType) -> Self {
        EnumCode { ctx, ty }
    }
}

impl EnumCode<'_, '_> {
    pub fn items(&self) -> syn::Result<Vec<syn::Item>> {
        let ty = self.ty;
        let mut docs = Docs::outer().maybe(ty.description.as_deref());
        let mut about = format!("Graph enum {}", code(&ty.name));
        if let Some(origin) = &ty.origin {
            about.push_str(&format!(", from {}", code(&origin.file)));
        }
        about.push('.');
        let gate = self.ctx.gate(&Node::Enum(ty.name.clone()));
        let cfg = gate.item_attr();
        if ty.flags {
            let set = self.ctx.enum_name(&ty.name);
            let flag = self.ctx.flag_name(&ty.name);
            let flag_docs = Docs::outer()
                .raw(format!("One flag of [`{}`].", names::bare(set)))
                .raw(about.clone());
            docs = docs
                .raw(format!(
                    "A combination of [`{}`] flags, written `\"a,b\"` on the wire.",
                    names::bare(flag)
                ))
                .raw(about);
            let mut items = single_enum(flag, flag_docs, ty, cfg.as_ref());
            items.extend(flag_set(set, flag, docs, cfg.as_ref())?);
            Ok(items)
        } else {
            docs = docs.raw(about);
            Ok(single_enum(
                self.ctx.enum_name(&ty.name),
                docs,
                ty,
                cfg.as_ref(),
            ))
        }
    }
}

/// `enum X { A, B, Unrecognized(String) }` with `as_str`, `is_unknown`,
/// `From<&str>`, `FromStr`, `Display`, `Serialize` and `Deserialize`.
fn single_enum(
    rust_name: &str,
    docs: Docs,
    ty: &EnumType,
    cfg: Option<&syn::Attribute>,
) -> Vec<syn::Item> {
    let name = names::ident(rust_name);
    let mut taken = NameSet::new(Case::Pascal);
    let mut seen = std::collections::BTreeSet::new();
    let members: Vec<(String, proc_macro2::Ident, Docs)> = ty
        .members
        .iter()
        // The same wire value twice would be an unreachable match arm.
        .filter(|m| seen.insert(m.name.as_str()))
        .map(|m| {
            let variant = names::ident(&taken.take(&names::pascal(&m.name, "Value")));
            let wire = if m.name.is_empty() {
                "Wire value: the empty string.".to_string()
            } else {
                format!("Wire value {}.", code(&m.name))
            };
            let mut docs = Docs::outer().maybe(m.description.as_deref()).raw(wire);
            if is_sentinel(&m.name) {
                docs = docs.raw("Graph's evolvable-enum sentinel: sent in place of members added after it, unless the request asks for them with `Prefer: include-unknown-enum-members`.".into());
            }
            (m.name.clone(), variant, docs)
        })
        .collect();
    let catch_all = names::ident(&taken.take("Unrecognized"));
    let sentinel = members
        .iter()
        .find(|(wire, _, _)| is_sentinel(wire))
        .map(|(_, v, _)| quote! { | Self::#v });

    // clippy::enum_variant_names fires on variants that start or end with the
    // enum's name; the names come from the docs, so allow it exactly there.
    let bare_name = names::bare(rust_name);
    let repeats_name = members
        .iter()
        .map(|(_, v, _)| v.to_string())
        .chain([catch_all.to_string()])
        .any(|v| {
            let v = v.trim_start_matches("r#");
            v.starts_with(bare_name) || v.ends_with(bare_name)
        });
    let mut docs = Some(docs);
    let mut items = ENUM_TEMPLATE.with(|template| template.clone());
    syntax::rename(
        &mut items,
        &[("Template", &name), ("Unrecognized", &catch_all)],
    );
    let self_path = |variant: &proc_macro2::Ident| syntax::path(&["Self", &variant.to_string()]);
    for item in &mut items {
        let attrs = match item {
            syn::Item::Enum(item) => {
                let mut catch = item.variants.pop().map(|v| v.into_value());
                if let Some(catch) = &mut catch {
                    catch.attrs = Docs::outer()
                        .raw("A value the docs do not list, kept as sent.".into())
                        .marker();
                }
                let members = members.iter().map(|(_, v, d)| syn::Variant {
                    attrs: d.clone().marker(),
                    ident: v.clone(),
                    fields: syn::Fields::Unit,
                    discriminant: None,
                });
                item.variants = members.chain(catch).collect();
                // After the derive, as before: docs, cfg, derive, allow.
                if repeats_name {
                    item.attrs
                        .push(syntax::list("allow", quote! { clippy::enum_variant_names }));
                }
                &mut item.attrs
            }
            syn::Item::Impl(item) => {
                for member in &mut item.items {
                    let syn::ImplItem::Fn(f) = member else {
                        continue;
                    };
                    let Some(syn::Stmt::Expr(body, None)) = f.block.stmts.first_mut() else {
                        continue;
                    };
                    match (f.sig.ident.to_string().as_str(), body) {
                        ("as_str", syn::Expr::Match(m)) => {
                            // Before the template's one arm, the catch-all's.
                            let arms = members.iter().map(|(wire, v, _)| {
                                syntax::arm(
                                    syn::Pat::Path(path_expr(self_path(v))),
                                    syntax::string(wire),
                                )
                            });
                            m.arms.splice(0..0, arms);
                        }
                        ("is_unknown", syn::Expr::Macro(m)) => {
                            m.mac.tokens = quote! { self, Self::#catch_all(_) #sentinel };
                        }
                        ("from", body @ syn::Expr::Match(_)) => {
                            let syn::Expr::Match(m) = body else { continue };
                            if members.is_empty() {
                                // A match with only a catch-all arm is clippy::match_single_binding.
                                *body = *m.arms.remove(0).body;
                            } else {
                                let arms = members.iter().map(|(wire, v, _)| {
                                    syntax::arm(
                                        syntax::str_pat(wire),
                                        syn::Expr::Path(path_expr(self_path(v))),
                                    )
                                });
                                m.arms.splice(0..0, arms);
                            }
                        }
                        _ => {}
                    }
                }
                &mut item.attrs
            }
            _ => continue,
        };
        attrs.splice(0..0, cfg.cloned());
        // Docs first: docs, cfg, derive, allow.
        if let Some(docs) = docs.take() {
            attrs.splice(0..0, docs.marker());
        }
    }
    items
}

fn path_expr(path: syn::Path) -> syn::ExprPath {
    syn::ExprPath {
        attrs: Vec::new(),
        qself: None,
        path,
    }
}

thread_local! {
    /// The items of an enum with placeholder names and only the catch-all
    /// arm, parsed once per thread: each enum clones and fills them in
    /// (parsing them per enum was most of the enum's cost).
    static ENUM_TEMPLATE: Vec<syn::Item> = syn::parse2::<syn::File>(quote! {
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum Template {
            Unrecognized(String),
        }

        impl Template {
            /// The wire value.
            pub fn as_str(&self) -> &str {
                match self {
                    Self::Unrecognized(value) => value.as_str(),
                }
            }

            /// True for a value the docs do not list, and for Graph's `unknownFutureValue` sentinel.
            pub fn is_unknown(&self) -> bool {
                matches!(self, Self::Unrecognized(_))
            }
        }

        impl From<&str> for Template {
            fn from(value: &str) -> Self {
                match value {
                    _ => Self::Unrecognized(String::from(value)),
                }
            }
        }

        impl std::str::FromStr for Template {
            type Err = std::convert::Infallible;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        impl std::fmt::Display for Template {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for Template {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for Template {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = String::deserialize(deserializer)?;
                Ok(Self::from(value.as_str()))
            }
        }
    })
    .expect("the enum template parses")
    .items;
}

/// Graph's evolvable-enum sentinel member.
fn is_sentinel(wire: &str) -> bool {
    wire.eq_ignore_ascii_case("unknownFutureValue")
}

/// `struct X { flags: Vec<XFlag> }`, `"a,b"` on the wire.
fn flag_set(
    rust_name: &str,
    flag_name: &str,
    docs: Docs,
    cfg: Option<&syn::Attribute>,
) -> syn::Result<Vec<syn::Item>> {
    let name = names::ident(rust_name);
    let flag = names::ident(flag_name);
    let mut items = syn::parse2::<syn::File>(quote! {
        #cfg
        #[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
        pub struct #name {
            /// The flags, in wire order.
            pub flags: Vec<#flag>,
        }

        #cfg
        impl #name {
            /// Whether `flag` is set.
            pub fn contains(&self, flag: &#flag) -> bool {
                self.flags.contains(flag)
            }
        }

        #cfg
        impl From<Vec<#flag>> for #name {
            fn from(flags: Vec<#flag>) -> Self {
                Self { flags }
            }
        }

        #cfg
        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                let flags = value.split(',').map(str::trim).filter(|flag| !flag.is_empty()).map(#flag::from).collect();
                Self { flags }
            }
        }

        #cfg
        impl std::str::FromStr for #name {
            type Err = std::convert::Infallible;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        #cfg
        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                for (i, flag) in self.flags.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    f.write_str(flag.as_str())?;
                }
                Ok(())
            }
        }

        #cfg
        impl Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        #cfg
        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = String::deserialize(deserializer)?;
                Ok(Self::from(value.as_str()))
            }
        }
    })?
    .items;
    if let Some(syn::Item::Struct(item)) = items.first_mut() {
        item.attrs.splice(0..0, docs.marker());
    }
    Ok(items)
}
