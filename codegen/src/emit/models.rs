//! Structs: model types (in `models`) and request bodies (in area modules).
//!
//! Every struct keeps what the docs do not list: `odata_type` carries
//! `@odata.type` and a flattened `additional_properties` map carries any other
//! unknown property, so a value survives a round trip through the SDK.

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};

use super::context::{Scope, VersionCtx};
use super::docs::{code, Docs};
use super::names::{self, Case, NameSet};
use crate::model::{ComplexType, PropertyModel};

/// How a field is declared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FieldKind {
    /// `Option<T>`, omitted when `None`.
    Optional,
    /// `Patch<T>`, omitted when `Absent`.
    Patch,
}

/// One struct field, ready to print.
struct Field {
    docs: Docs,
    json_name: String,
    rust_name: String,
    ty: TokenStream,
    kind: FieldKind,
}

impl ToTokens for Field {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let Field {
            docs,
            json_name,
            rust_name,
            ty,
            kind,
        } = self;
        let id = names::ident(rust_name);
        tokens.extend(match kind {
            FieldKind::Optional => quote! {
                #docs
                #[serde(rename = #json_name, default, skip_serializing_if = "::std::option::Option::is_none")]
                pub #id: ::std::option::Option<#ty>,
            },
            FieldKind::Patch => quote! {
                #docs
                #[serde(rename = #json_name, default, skip_serializing_if = "::graphdoc_runtime::Patch::is_absent")]
                pub #id: ::graphdoc_runtime::Patch<#ty>,
            },
        });
    }
}

/// The two catch-all fields every struct ends with, named to stay clear of the
/// documented ones (which claim their names first).
struct Extras {
    odata_type: Option<String>,
    additional: String,
}

impl Extras {
    fn new(fields: &mut NameSet, with_odata_type: bool) -> Self {
        Extras {
            odata_type: with_odata_type.then(|| fields.take("odata_type")),
            additional: fields.take("additional_properties"),
        }
    }

    fn odata_type(&self) -> TokenStream {
        match &self.odata_type {
            Some(name) => {
                let id = names::ident(name);
                quote! {
                    #[doc = " The `@odata.type` annotation: the concrete Graph type of this value."]
                    #[serde(rename = "@odata.type", default, skip_serializing_if = "::std::option::Option::is_none")]
                    pub #id: ::std::option::Option<::std::string::String>,
                }
            }
            None => quote! {},
        }
    }

    fn additional(&self) -> TokenStream {
        let id = names::ident(&self.additional);
        quote! {
            #[doc = " Properties the docs do not list, kept as sent."]
            #[serde(flatten)]
            pub #id: ::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>,
        }
    }
}

fn property_docs(p: &PropertyModel) -> Docs {
    let mut docs = Docs::outer().maybe(p.description.as_deref());
    let described = p
        .description
        .as_deref()
        .unwrap_or_default()
        .to_ascii_lowercase();
    if p.read_only && !described.contains("read-only") && !described.contains("read only") {
        docs = docs.raw("Read-only.".into());
    }
    if p.navigation {
        docs = docs.raw("Navigation property: returned only when expanded (`$expand`).".into());
    }
    if p.inferred {
        docs = docs.raw("Inferred from a documented example.".into());
    }
    docs
}

/// A model struct for one complex or entity type.
pub struct ModelStruct<'c, 'a> {
    ctx: &'c VersionCtx<'a>,
    ty: &'a ComplexType,
}

impl<'c, 'a> ModelStruct<'c, 'a> {
    pub fn new(ctx: &'c VersionCtx<'a>, ty: &'a ComplexType) -> Self {
        ModelStruct { ctx, ty }
    }
}

impl ToTokens for ModelStruct<'_, '_> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let ctx = self.ctx;
        let ty = self.ty;
        let name = names::ident(ctx.type_name(&ty.name));

        let mut taken = NameSet::new(Case::Snake);
        let fields: Vec<Field> = ctx
            .properties(&ty.name)
            .iter()
            .map(|p| Field {
                docs: property_docs(p),
                json_name: p.name.clone(),
                rust_name: taken.take(&names::snake(&p.name, "field")),
                ty: ctx.model_field_type(&ty.name, &p.ty),
                kind: FieldKind::Optional,
            })
            .collect();
        let extras = Extras::new(&mut taken, !ctx.has_odata_type(&ty.name));
        let odata_type = extras.odata_type();
        let additional = extras.additional();

        let mut docs = Docs::outer().maybe(ty.description.as_deref());
        let mut about = format!("Graph type {}", code(&ty.name));
        if let Some(base) = ty.base_type.as_deref() {
            if ctx.model.types.contains_key(base) {
                let base_name = names::bare(ctx.type_name(base));
                about.push_str(&format!(
                    "; inherits from [`{base_name}`] (its properties are included)"
                ));
            } else {
                about.push_str(&format!("; inherits from {}", code(base)));
            }
        }
        about.push('.');
        docs = docs.raw(about);
        if ty.inferred {
            docs =
                docs.raw("No page defines this type: its shape is inferred from examples.".into());
        }
        if let Some(origin) = &ty.origin {
            docs = docs.raw(format!("Source: {}", code(&origin.file)));
        }

        tokens.extend(quote! {
            #docs
            #[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
            pub struct #name {
                #odata_type
                #(#fields)*
                #additional
            }
        });
    }
}

/// Which request body struct.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    /// PATCH: tri-state `Patch<T>` fields.
    Update,
    /// Action parameters: optional fields.
    Parameters,
}

/// A request body struct, emitted in the operation's area module.
pub struct BodyStruct<'c, 'a> {
    pub ctx: &'c VersionCtx<'a>,
    pub kind: BodyKind,
    pub rust_name: String,
    pub properties: &'a [PropertyModel],
    /// Rust name (in `models`) of the resource an update changes.
    pub target: Option<String>,
    /// Functions that take this body (one struct can serve several paths).
    pub used_by: Vec<String>,
}

impl ToTokens for BodyStruct<'_, '_> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let ctx = self.ctx;
        let name = names::ident(&self.rust_name);
        let mut taken = NameSet::new(Case::Snake);
        let mut seen_json = std::collections::BTreeSet::new();
        let fields: Vec<Field> = self
            .properties
            .iter()
            // A property listed twice would be a duplicate serde key.
            .filter(|p| seen_json.insert(p.name.as_str()))
            .map(|p| Field {
                docs: property_docs(p),
                json_name: p.name.clone(),
                rust_name: taken.take(&names::snake(&p.name, "field")),
                ty: ctx.value_type(&p.ty, Scope::Area),
                kind: match self.kind {
                    BodyKind::Update => FieldKind::Patch,
                    BodyKind::Parameters => FieldKind::Optional,
                },
            })
            .collect();
        let with_odata_type = self.kind == BodyKind::Update
            && !self.properties.iter().any(|p| p.name == "@odata.type");
        let extras = Extras::new(&mut taken, with_odata_type);
        let odata_type = extras.odata_type();
        let additional = extras.additional();

        let fns = self
            .used_by
            .iter()
            // rustdoc cannot resolve a link to a raw identifier (`r#type`): name it plainly.
            .map(|f| match f.strip_prefix("r#") {
                Some(bare) => code(bare),
                None => format!("[`{f}`]"),
            })
            .collect::<Vec<_>>()
            .join(", ");
        let mut docs = Docs::outer();
        docs = match (self.kind, &self.target) {
            (BodyKind::Update, Some(target)) => docs.raw(format!(
                "Changes to a [`{target}`](super::models::{target}): set only the fields to change (`Patch::Value`), or `Patch::Null` to clear one."
            )),
            (BodyKind::Update, None) => {
                docs.raw("Changes to send: set only the fields to change (`Patch::Value`), or `Patch::Null` to clear one.".into())
            }
            (BodyKind::Parameters, _) => docs.raw("Parameters of the request body.".into()),
        };
        docs = docs.raw(format!("Request body of {fns}."));

        tokens.extend(quote! {
            #docs
            #[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
            pub struct #name {
                #odata_type
                #(#fields)*
                #additional
            }
        });
    }
}
