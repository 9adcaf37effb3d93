//! Structs: model types (in `models`) and request bodies (in area modules),
//! and for each base type the enum over it and its derived types.
//!
//! Every struct keeps what the docs do not list: `odata_type` carries
//! `@odata.type` and a flattened `additional_properties` map carries any other
//! unknown property. Optional fields are `Patch<T>`, which tells an absent
//! property from an explicit `null`. So a value survives a round trip through
//! the SDK unchanged.

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};

use super::context::{Scope, VersionCtx};
use super::docs::{code, Docs};
use super::gates::{Gate, Node};
use super::names::{self, Case, NameSet};
use crate::model::{ComplexType, PropertyModel};

/// How a field is declared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FieldKind {
    /// `Patch<T>`: absent (omitted), `null` or a value.
    Patch,
    /// `T`: the docs say the parameter is required.
    Required,
}

/// One struct field, ready to print.
struct Field {
    docs: Docs,
    json_name: String,
    rust_name: String,
    ty: TokenStream,
    kind: FieldKind,
    /// A navigation field whose type only some features compile.
    gate: Option<Gate>,
}

impl ToTokens for Field {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let Field {
            docs,
            json_name,
            rust_name,
            ty,
            kind,
            gate,
        } = self;
        let id = names::ident(rust_name);
        let cfg = gate.as_ref().map(Gate::attribute);
        tokens.extend(match kind {
            FieldKind::Patch => quote! {
                #docs
                #cfg
                #[serde(rename = #json_name, default, skip_serializing_if = "::graphdoc_runtime::Patch::is_absent")]
                pub #id: ::graphdoc_runtime::Patch<#ty>,
            },
            FieldKind::Required => quote! {
                #docs
                #cfg
                #[serde(rename = #json_name)]
                pub #id: #ty,
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

    /// The `odata_type` field's initializer in a constructor.
    fn odata_type_init(&self) -> TokenStream {
        match &self.odata_type {
            Some(name) => {
                let id = names::ident(name);
                quote! { #id: ::std::option::Option::None, }
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
            .map(|p| {
                let gate = ctx.field_gate(&ty.name, &p.ty);
                let mut docs = property_docs(p);
                if gate.is_some() {
                    docs = docs.raw("Present when a feature that compiles its type is enabled; otherwise the value is kept in `additional_properties`.".into());
                }
                Field {
                    docs,
                    json_name: p.name.clone(),
                    rust_name: taken.take(&names::snake(&p.name, "field")),
                    ty: ctx.model_field_type(&ty.name, &p.ty),
                    kind: FieldKind::Patch,
                    gate,
                }
            })
            .collect();
        let extras = Extras::new(&mut taken, !ctx.has_odata_type(&ty.name));
        let odata_type = extras.odata_type();
        let additional = extras.additional();
        let cfg = ctx.gate(&Node::Struct(ty.name.clone())).attribute();

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
        if let Some(any) = ctx.any_name(&ty.name) {
            // A link only where the enum is compiled whenever the struct is:
            // rustdoc warns about links to items a feature set leaves out.
            let struct_gate = ctx.gate(&Node::Struct(ty.name.clone()));
            let any_name = names::bare(any);
            let any_ref = if struct_gate.implies(&ctx.gate(&Node::Any(ty.name.clone()))) {
                format!("[`{any_name}`]")
            } else {
                format!("`{any_name}`")
            };
            docs = docs.raw(format!(
                "A property typed by this type holds any type derived from it: see {any_ref}."
            ));
        }
        if let Some(origin) = &ty.origin {
            docs = docs.raw(format!("Source: {}", code(&origin.file)));
        }

        tokens.extend(quote! {
            #docs
            #cfg
            #[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
            pub struct #name {
                #odata_type
                #(#fields)*
                #additional
            }
        });
    }
}

/// The enum over a base type and every type derived from it: a property typed
/// by the base type deserializes into the derived struct its `@odata.type`
/// names (with or without `#`, any case). A value without `@odata.type`, or
/// naming a type the docs do not list, is read as the base type, which keeps
/// its `@odata.type` and every property: nothing is dropped.
pub struct AnyEnum<'c, 'a> {
    ctx: &'c VersionCtx<'a>,
    base: &'a ComplexType,
}

impl<'c, 'a> AnyEnum<'c, 'a> {
    pub fn new(ctx: &'c VersionCtx<'a>, base: &'a ComplexType) -> Self {
        AnyEnum { ctx, base }
    }
}

impl ToTokens for AnyEnum<'_, '_> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let ctx = self.ctx;
        let base = &self.base.name;
        let Some(any) = ctx.any_name(base) else {
            return;
        };
        let name = names::ident(any);
        let cfg = ctx.gate(&Node::Any(base.clone())).attribute();
        let base_struct = names::ident(ctx.type_name(base));
        let base_doc = format!(
            " Graph type {} itself, or a type derived from it that the docs do not list (its `@odata.type` and properties are kept).",
            code(base)
        );

        let derived: Vec<(String, proc_macro2::Ident)> = ctx
            .descendants(base)
            .iter()
            .map(|d| (d.clone(), names::ident(ctx.type_name(d))))
            .collect();
        let variants = derived.iter().map(|(graph, id)| {
            let doc = format!(" Graph type {} (`#microsoft.graph.{graph}`).", code(graph));
            quote! {
                #[doc = #doc]
                #id(::std::boxed::Box<#id>),
            }
        });
        let de_arms = derived.iter().map(|(graph, id)| {
            let key = graph.to_ascii_lowercase();
            quote! {
                ::std::option::Option::Some(#key) => ::serde_json::from_value(value).map(|v| Self::#id(::std::boxed::Box::new(v))),
            }
        });
        let ser_arms = derived.iter().map(|(graph, id)| {
            let odata_type = format!("#microsoft.graph.{graph}");
            quote! {
                Self::#id(value) => ::graphdoc_runtime::odata::serialize_typed(value, #odata_type, serializer),
            }
        });
        let froms = std::iter::once(&base_struct)
            .chain(derived.iter().map(|(_, id)| id))
            .map(|id| {
                quote! {
                    #cfg
                    impl ::std::convert::From<#id> for #name {
                        fn from(value: #id) -> Self {
                            Self::#id(::std::boxed::Box::new(value))
                        }
                    }
                }
            });
        let docs = Docs::outer()
            .raw(format!(
                "Graph type {} or any type derived from it, told apart by `@odata.type`.",
                code(base)
            ))
            .raw("A derived variant is written with its `@odata.type` (added when the struct has none), so Graph knows what it gets.".into());

        tokens.extend(quote! {
            #docs
            #cfg
            #[derive(Debug, Clone, PartialEq)]
            #[allow(clippy::enum_variant_names)]
            pub enum #name {
                #[doc = #base_doc]
                #base_struct(::std::boxed::Box<#base_struct>),
                #(#variants)*
            }

            #cfg
            impl ::std::default::Default for #name {
                fn default() -> Self {
                    Self::#base_struct(::std::boxed::Box::default())
                }
            }

            #(#froms)*

            #cfg
            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    match self {
                        Self::#base_struct(value) => ::serde::Serialize::serialize(value, serializer),
                        #(#ser_arms)*
                    }
                }
            }

            #cfg
            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                    let parsed = match ::graphdoc_runtime::odata::type_key(&value).as_deref() {
                        #(#de_arms)*
                        _ => ::serde_json::from_value(value).map(|v| Self::#base_struct(::std::boxed::Box::new(v))),
                    };
                    parsed.map_err(::serde::de::Error::custom)
                }
            }
        });
    }
}

/// Which request body struct.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    /// PATCH: tri-state `Patch<T>` fields.
    Update,
    /// Action parameters: `Patch<T>` fields, plain `T` for those the docs say are required.
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
                    // PATCH is partial by nature: "Required" there means required on create.
                    BodyKind::Parameters if p.is_required() => FieldKind::Required,
                    BodyKind::Update | BodyKind::Parameters => FieldKind::Patch,
                },
                gate: None,
            })
            .collect();
        let required: Vec<&Field> = fields
            .iter()
            .filter(|f| f.kind == FieldKind::Required)
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

        if required.is_empty() {
            tokens.extend(quote! {
                #docs
                #[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
                pub struct #name {
                    #odata_type
                    #(#fields)*
                    #additional
                }
            });
            return;
        }
        // Required fields have no default: `new` takes them, the rest start absent.
        let args = required.iter().map(|f| {
            let id = names::ident(&f.rust_name);
            let ty = &f.ty;
            quote! { #id: #ty }
        });
        let inits = fields.iter().map(|f| {
            let id = names::ident(&f.rust_name);
            match f.kind {
                FieldKind::Required => quote! { #id, },
                FieldKind::Patch => quote! { #id: ::graphdoc_runtime::Patch::Absent, },
            }
        });
        let odata_init = extras.odata_type_init();
        let additional_id = names::ident(&extras.additional);
        let allow = if required.len() > 7 {
            quote! { #[allow(clippy::too_many_arguments)] }
        } else {
            quote! {}
        };
        let required_names = required
            .iter()
            .map(|f| code(&f.json_name))
            .collect::<Vec<_>>()
            .join(", ");
        let new_doc = format!(
            " The body with its required parameters ({required_names}); the others start absent."
        );
        tokens.extend(quote! {
            #docs
            #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
            pub struct #name {
                #odata_type
                #(#fields)*
                #additional
            }

            impl #name {
                #[doc = #new_doc]
                #allow
                pub fn new(#(#args),*) -> Self {
                    Self {
                        #odata_init
                        #(#inits)*
                        #additional_id: ::std::collections::BTreeMap::new(),
                    }
                }
            }
        });
    }
}
