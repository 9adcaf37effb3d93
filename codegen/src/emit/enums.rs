//! Enums: one variant per documented member plus a catch-all that keeps any
//! value the server sends (Graph adds members without notice), (de)serialized
//! through the wire string. Flag enums become a set of flags, `"a,b"` on the wire.
//! Every item carries the enum's feature gate.

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};

use super::context::VersionCtx;
use super::docs::{code, Docs};
use super::gates::Node;
use super::names::{self, Case, NameSet};
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

impl ToTokens for EnumCode<'_, '_> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let ty = self.ty;
        let mut docs = Docs::outer().maybe(ty.description.as_deref());
        let mut about = format!("Graph enum {}", code(&ty.name));
        if let Some(origin) = &ty.origin {
            about.push_str(&format!(", from {}", code(&origin.file)));
        }
        about.push('.');
        let cfg = self.ctx.gate(&Node::Enum(ty.name.clone())).attribute();
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
            tokens.extend(single_enum(flag, flag_docs, ty, &cfg));
            tokens.extend(flag_set(set, flag, docs, &cfg));
        } else {
            docs = docs.raw(about);
            tokens.extend(single_enum(self.ctx.enum_name(&ty.name), docs, ty, &cfg));
        }
    }
}

/// `enum X { A, B, Unrecognized(String) }` with `as_str`, `is_unknown`,
/// `From<&str>`, `FromStr`, `Display`, `Serialize` and `Deserialize`.
fn single_enum(rust_name: &str, docs: Docs, ty: &EnumType, cfg: &TokenStream) -> TokenStream {
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
    let allow = if repeats_name {
        quote! { #[allow(clippy::enum_variant_names)] }
    } else {
        quote! {}
    };

    let variants = members.iter().map(|(_, v, d)| quote! { #d #v, });
    let to_str = members
        .iter()
        .map(|(wire, v, _)| quote! { Self::#v => #wire, });
    let from_str = if members.is_empty() {
        // A match with only a catch-all arm is clippy::match_single_binding.
        quote! { Self::#catch_all(::std::string::String::from(value)) }
    } else {
        let arms = members
            .iter()
            .map(|(wire, v, _)| quote! { #wire => Self::#v, });
        quote! {
            match value {
                #(#arms)*
                _ => Self::#catch_all(::std::string::String::from(value)),
            }
        }
    };

    quote! {
        #docs
        #cfg
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #allow
        pub enum #name {
            #(#variants)*
            #[doc = " A value the docs do not list, kept as sent."]
            #catch_all(::std::string::String),
        }

        #cfg
        impl #name {
            /// The wire value.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_str)*
                    Self::#catch_all(value) => value.as_str(),
                }
            }

            /// True for a value the docs do not list, and for Graph's `unknownFutureValue` sentinel.
            pub fn is_unknown(&self) -> bool {
                matches!(self, Self::#catch_all(_) #sentinel)
            }
        }

        #cfg
        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                #from_str
            }
        }

        #cfg
        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from(value))
            }
        }

        #cfg
        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #cfg
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        #cfg
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::std::string::String as ::serde::Deserialize>::deserialize(deserializer)?;
                ::std::result::Result::Ok(Self::from(value.as_str()))
            }
        }
    }
}

/// Graph's evolvable-enum sentinel member.
fn is_sentinel(wire: &str) -> bool {
    wire.eq_ignore_ascii_case("unknownFutureValue")
}

/// `struct X { flags: Vec<XFlag> }`, `"a,b"` on the wire.
fn flag_set(rust_name: &str, flag_name: &str, docs: Docs, cfg: &TokenStream) -> TokenStream {
    let name = names::ident(rust_name);
    let flag = names::ident(flag_name);
    quote! {
        #docs
        #cfg
        #[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
        pub struct #name {
            /// The flags, in wire order.
            pub flags: ::std::vec::Vec<#flag>,
        }

        #cfg
        impl #name {
            /// Whether `flag` is set.
            pub fn contains(&self, flag: &#flag) -> bool {
                self.flags.contains(flag)
            }
        }

        #cfg
        impl ::std::convert::From<::std::vec::Vec<#flag>> for #name {
            fn from(flags: ::std::vec::Vec<#flag>) -> Self {
                Self { flags }
            }
        }

        #cfg
        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                let flags = value.split(',').map(str::trim).filter(|flag| !flag.is_empty()).map(#flag::from).collect();
                Self { flags }
            }
        }

        #cfg
        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from(value))
            }
        }

        #cfg
        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                for (i, flag) in self.flags.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    f.write_str(flag.as_str())?;
                }
                ::std::result::Result::Ok(())
            }
        }

        #cfg
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        #cfg
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::std::string::String as ::serde::Deserialize>::deserialize(deserializer)?;
                ::std::result::Result::Ok(Self::from(value.as_str()))
            }
        }
    }
}
