//! Structs: model types (in `models`) and request bodies (in area modules),
//! and for each base type the enum over it and its derived types.
//!
//! Every struct keeps what the docs do not list: `odata_type` carries
//! `@odata.type` and a flattened `additional_properties` map carries any other
//! unknown property. Optional fields are `Patch<T>`, which tells an absent
//! property from an explicit `null`. So a value survives a round trip through
//! the SDK unchanged.

use proc_macro2::TokenStream;
use quote::quote;

use super::context::{Scope, VersionCtx};
use super::docs::{self, code, Docs};
use super::gates::{Gate, Node};
use super::names::{self, Case, NameSet};
use super::syntax;
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
    ty: syn::Type,
    kind: FieldKind,
    /// A navigation field whose type only some features compile.
    gate: Option<Gate>,
}

/// Whether serde's `rename_all = "camelCase"` gives `rust_name` the wire name
/// `json_name`, so the field needs no `rename` of its own.
fn camel_fits(rust_name: &str, json_name: &str) -> bool {
    names::serde_camel(rust_name).is_some_and(|camel| camel == json_name)
}

/// One part of a field's `#[serde(...)]`.
enum SerdePart {
    Rename(String),
    Default,
    SkipIf(&'static str),
    Flatten,
}

impl SerdePart {
    fn tokens(&self) -> TokenStream {
        match self {
            SerdePart::Rename(name) => quote! { rename = #name },
            SerdePart::Default => quote! { default },
            SerdePart::SkipIf(path) => quote! { skip_serializing_if = #path },
            SerdePart::Flatten => quote! { flatten },
        }
    }

    /// As prettyplease prints the tokens.
    fn print(&self, out: &mut String) {
        match self {
            SerdePart::Rename(name) => {
                out.push_str("rename = ");
                out.push_str(&proc_macro2::Literal::string(name).to_string());
            }
            SerdePart::Default => out.push_str("default"),
            SerdePart::SkipIf(path) => {
                out.push_str("skip_serializing_if = \"");
                out.push_str(path);
                out.push('"');
            }
            SerdePart::Flatten => out.push_str("flatten"),
        }
    }
}

/// `rename` only where `rename_all` misses the wire name, `default` only
/// where the struct has no `#[serde(default)]`.
fn serde_parts(
    rename: Option<&str>,
    default: bool,
    skip_if: Option<&'static str>,
) -> Vec<SerdePart> {
    let mut parts = Vec::new();
    parts.extend(rename.map(|name| SerdePart::Rename(name.to_string())));
    if default {
        parts.push(SerdePart::Default);
    }
    parts.extend(skip_if.map(SerdePart::SkipIf));
    parts
}

/// A field ready to print: most are printed as text directly (see
/// [`FieldOut::print`]), the rest through syn and prettyplease.
struct FieldOut {
    docs: Docs,
    cfg: Option<syn::Attribute>,
    serde: Vec<SerdePart>,
    name: String,
    ty: syn::Type,
}

/// Lines no longer than this are printed by hand: prettyplease keeps lines
/// up to its margin (89) whole, so below it the two print the same.
const HAND_WIDTH: usize = 80;

impl FieldOut {
    /// The field as prettyplease prints it, for a field without `cfg` whose
    /// lines fit [`HAND_WIDTH`]; `None` otherwise. Printing tens of
    /// thousands of fields through prettyplease was a large share of the
    /// emitter's time.
    fn print(&self) -> Option<String> {
        if self.cfg.is_some() {
            return None;
        }
        let mut code = String::with_capacity(HAND_WIDTH * 2);
        if !self.serde.is_empty() {
            code.push_str("    #[serde(");
            for (i, part) in self.serde.iter().enumerate() {
                if i > 0 {
                    code.push_str(", ");
                }
                part.print(&mut code);
            }
            code.push_str(")]\n");
        }
        let attr_len = code.len();
        code.push_str("    pub ");
        code.push_str(&self.name);
        code.push_str(": ");
        if !syntax::print_type(&self.ty, &mut code) {
            return None;
        }
        code.push_str(",\n");
        if attr_len > HAND_WIDTH + 1 || code.len() - attr_len > HAND_WIDTH + 1 {
            return None;
        }
        let mut out = String::with_capacity(code.len() + 100);
        self.docs.print("    ", &mut out);
        out.push_str(&code);
        Some(out)
    }

    fn syntax(self) -> syn::Field {
        let mut attrs = self.docs.attrs();
        attrs.extend(self.cfg);
        if !self.serde.is_empty() {
            let parts = self.serde.iter().map(SerdePart::tokens);
            attrs.push(syntax::list("serde", quote! { #(#parts),* }));
        }
        syntax::field(attrs, &self.name, self.ty)
    }
}

/// `pub struct name { fields }` with `attrs`: the fields printed here, the
/// struct by prettyplease without them (see [`docs::body_marker`]).
fn struct_item(mut attrs: Vec<syn::Attribute>, name: &str, fields: Vec<FieldOut>) -> syn::Item {
    let mut body = String::new();
    for field in fields {
        match field.print() {
            Some(text) => body.push_str(&text),
            None => {
                // Printed alone in a struct, then taken out of it.
                let alone = syntax::struct_item(Vec::new(), "F", vec![field.syntax()]);
                let text = prettyplease::unparse(&syn::File {
                    shebang: None,
                    attrs: Vec::new(),
                    items: vec![alone],
                });
                let inner = text
                    .strip_prefix("pub struct F {\n")
                    .and_then(|t| t.strip_suffix("}\n"))
                    .expect("prettyplease prints a struct with fields on several lines");
                body.push_str(inner);
            }
        }
    }
    attrs.push(docs::body_marker(body));
    syntax::struct_item(attrs, name, Vec::new())
}

impl Field {
    /// `container_default`: the struct carries `#[serde(default)]`.
    fn out(self, container_default: bool) -> FieldOut {
        let rename = (!camel_fits(&self.rust_name, &self.json_name)).then_some(&*self.json_name);
        let (serde, ty) = match self.kind {
            FieldKind::Patch => (
                serde_parts(rename, !container_default, Some(PATCH_SKIP)),
                syntax::generic(&["rt", "Patch"], [self.ty]),
            ),
            FieldKind::Required => (serde_parts(rename, false, None), self.ty),
        };
        FieldOut {
            docs: self.docs,
            cfg: self.gate.as_ref().and_then(Gate::attr),
            serde,
            name: self.rust_name,
            ty,
        }
    }
}

/// How a `Patch` field is left out when absent.
const PATCH_SKIP: &str = "rt::Patch::is_absent";

/// `#[derive(...)]` and the container `#[serde(...)]` of a struct. Fields are
/// camelCase on the wire unless renamed; `default` where the struct is `Default`.
fn struct_attrs(fields: &[Field], default: bool) -> Vec<syn::Attribute> {
    let derive = if default {
        quote! { Debug, Clone, Default, PartialEq, Serialize, Deserialize }
    } else {
        quote! { Debug, Clone, PartialEq, Serialize, Deserialize }
    };
    let camel = fields
        .iter()
        .any(|f| camel_fits(&f.rust_name, &f.json_name));
    let serde = match (camel, default) {
        (true, true) => Some(quote! { rename_all = "camelCase", default }),
        (true, false) => Some(quote! { rename_all = "camelCase" }),
        (false, true) => Some(quote! { default }),
        (false, false) => None,
    };
    std::iter::once(syntax::list("derive", derive))
        .chain(serde.map(|tokens| syntax::list("serde", tokens)))
        .collect()
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

    /// `container_default`: the struct carries `#[serde(default)]`.
    fn odata_type(&self, container_default: bool) -> Option<FieldOut> {
        let name = self.odata_type.as_ref()?;
        Some(FieldOut {
            docs: Docs::outer()
                .raw("The `@odata.type` annotation: the concrete Graph type of this value.".into()),
            cfg: None,
            serde: serde_parts(
                Some("@odata.type"),
                !container_default,
                Some("Option::is_none"),
            ),
            name: name.clone(),
            ty: syntax::generic(&["Option"], [syntax::ty(&["String"])]),
        })
    }

    /// The `odata_type` field's initializer in a constructor.
    fn odata_type_init(&self) -> TokenStream {
        match &self.odata_type {
            Some(name) => {
                let id = names::ident(name);
                quote! { #id: None, }
            }
            None => quote! {},
        }
    }

    fn additional(&self) -> FieldOut {
        FieldOut {
            docs: Docs::outer().raw("Properties the docs do not list, kept as sent.".into()),
            cfg: None,
            serde: vec![SerdePart::Flatten],
            name: self.additional.clone(),
            ty: syntax::generic(
                &["std", "collections", "BTreeMap"],
                [
                    syntax::ty(&["String"]),
                    syntax::ty(&["serde_json", "Value"]),
                ],
            ),
        }
    }
}

/// A struct's fields in order: `odata_type`, the documented ones, `additional_properties`.
fn struct_fields(extras: &Extras, fields: Vec<Field>, container_default: bool) -> Vec<FieldOut> {
    extras
        .odata_type(container_default)
        .into_iter()
        .chain(fields.into_iter().map(|f| f.out(container_default)))
        .chain([extras.additional()])
        .collect()
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

impl ModelStruct<'_, '_> {
    /// Built as syntax directly: model structs are most of the SDK.
    pub fn item(&self) -> syn::Item {
        let ctx = self.ctx;
        let ty = self.ty;

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
                    rust_name: taken.take(&ctx.field_name(&p.name)),
                    ty: ctx.model_field_type(&ty.name, &p.ty),
                    kind: FieldKind::Patch,
                    gate,
                }
            })
            .collect();
        let extras = Extras::new(&mut taken, !ctx.has_odata_type(&ty.name));
        let cfg = ctx.gate(&Node::Struct(ty.name.clone())).item_attr();

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

        let mut attrs = docs.marker();
        attrs.extend(cfg);
        attrs.extend(struct_attrs(&fields, true));
        let fields = struct_fields(&extras, fields, true);
        struct_item(attrs, ctx.type_name(&ty.name), fields)
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

impl AnyEnum<'_, '_> {
    pub fn items(&self) -> Vec<syn::Item> {
        let ctx = self.ctx;
        let base = &self.base.name;
        let Some(any) = ctx.any_name(base) else {
            return Vec::new();
        };
        let name = names::ident(any);
        let gate = ctx.gate(&Node::Any(base.clone()));
        let cfg = gate.item_attr();
        let base_struct = names::ident(ctx.type_name(base));
        let base_doc = Docs::outer().raw(format!(
            "Graph type {} itself, or a type derived from it that the docs do not list (its `@odata.type` and properties are kept).",
            code(base)
        ));

        let derived = ctx.descendants(base);
        let docs = Docs::outer()
            .raw(format!(
                "Graph type {} or any type derived from it, told apart by `@odata.type`.",
                code(base)
            ))
            .raw("A derived variant is written with its `@odata.type` (added when the struct has none), so Graph knows what it gets.".into());

        // The skeleton with the base type only, parsed once per thread and
        // named here; each derived type's variant, `From` impl and match arms
        // are built as syntax (entity alone has hundreds of derived types).
        let mut items = ANY_TEMPLATE.with(|template| template.clone());
        syntax::rename(
            &mut items,
            &[("AnyTemplate", &name), ("BaseTemplate", &base_struct)],
        );
        for item in &mut items {
            let attrs = match item {
                syn::Item::Enum(item) => &mut item.attrs,
                syn::Item::Impl(item) => &mut item.attrs,
                _ => continue,
            };
            attrs.splice(0..0, cfg.clone());
        }
        let any = any.to_string();
        let base_name = ctx.type_name(base);
        let froms: Vec<syn::Item> = std::iter::once(base_name)
            .chain(derived.iter().map(|graph| ctx.type_name(graph)))
            .map(|variant| from_impl(cfg.clone(), &any, variant))
            .collect();
        for (i, item) in items.iter_mut().enumerate() {
            match (i, item) {
                (0, syn::Item::Enum(item)) => {
                    item.attrs.splice(0..0, docs.clone().marker());
                    if let Some(variant) = item.variants.first_mut() {
                        variant.attrs.splice(0..0, base_doc.clone().marker());
                    }
                    item.variants.extend(derived.iter().map(|graph| {
                        let docs = Docs::outer().raw(format!(
                            "Graph type {} (`#microsoft.graph.{graph}`).",
                            code(graph)
                        ));
                        boxed_variant(docs.marker(), ctx.type_name(graph))
                    }));
                }
                (2, syn::Item::Impl(item)) => {
                    if let Some(arms) = first_fn_match(item, 0) {
                        arms.extend(derived.iter().map(|graph| {
                            let odata_type = format!("#microsoft.graph.{graph}");
                            syntax::arm(
                                self_tuple_pat(ctx.type_name(graph), "value"),
                                syntax::call(
                                    syntax::expr_path(&["rt", "odata", "serialize_typed"]),
                                    vec![
                                        syntax::expr_path(&["value"]),
                                        syntax::string(&odata_type),
                                        syntax::expr_path(&["serializer"]),
                                    ],
                                ),
                            )
                        }));
                    }
                }
                (3, syn::Item::Impl(item)) => {
                    if let Some(arms) = first_fn_match(item, 1) {
                        let arms_before_fallback = derived.iter().map(|graph| {
                            let key = graph.to_ascii_lowercase();
                            syntax::arm(some_str_pat(&key), from_value_boxed(ctx.type_name(graph)))
                        });
                        arms.splice(0..0, arms_before_fallback);
                    }
                }
                _ => {}
            }
        }
        items.splice(2..2, froms);
        items
    }
}

thread_local! {
    /// [`AnyEnum`]'s items over `BaseTemplate` alone, named `AnyTemplate`:
    /// parsed once per thread, cloned and renamed per enum (parsing them per
    /// enum was most of its cost).
    static ANY_TEMPLATE: Vec<syn::Item> = syn::parse2::<syn::File>(quote! {
        #[derive(Debug, Clone, PartialEq)]
        #[allow(clippy::enum_variant_names)]
        pub enum AnyTemplate {
            BaseTemplate(Box<BaseTemplate>),
        }

        impl Default for AnyTemplate {
            fn default() -> Self {
                Self::BaseTemplate(Box::default())
            }
        }

        impl Serialize for AnyTemplate {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    Self::BaseTemplate(value) => Serialize::serialize(value, serializer),
                }
            }
        }

        impl<'de> Deserialize<'de> for AnyTemplate {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <serde_json::Value as Deserialize>::deserialize(deserializer)?;
                let parsed = match rt::odata::type_key(&value).as_deref() {
                    _ => serde_json::from_value(value).map(|v| Self::BaseTemplate(Box::new(v))),
                };
                parsed.map_err(serde::de::Error::custom)
            }
        }
    })
    .expect("the any-enum template parses")
    .items;
}

/// `Name(Box<Name>)` with its attributes.
fn boxed_variant(attrs: Vec<syn::Attribute>, name: &str) -> syn::Variant {
    syn::Variant {
        attrs,
        ident: names::ident(name),
        fields: syn::Fields::Unnamed(syn::FieldsUnnamed {
            paren_token: Default::default(),
            unnamed: std::iter::once(syn::Field {
                attrs: Vec::new(),
                vis: syn::Visibility::Inherited,
                mutability: syn::FieldMutability::None,
                ident: None,
                colon_token: None,
                ty: syntax::generic(&["Box"], [syntax::ty(&[name])]),
            })
            .collect(),
        }),
        discriminant: None,
    }
}

/// The arms of the `match` that is statement `stmt` (or its `let` initializer)
/// of the impl's first function.
fn first_fn_match(item: &mut syn::ItemImpl, stmt: usize) -> Option<&mut Vec<syn::Arm>> {
    let syn::ImplItem::Fn(f) = item.items.first_mut()? else {
        return None;
    };
    let expr = match f.block.stmts.get_mut(stmt)? {
        syn::Stmt::Expr(expr, _) => expr,
        syn::Stmt::Local(local) => &mut *local.init.as_mut()?.expr,
        _ => return None,
    };
    match expr {
        syn::Expr::Match(m) => Some(&mut m.arms),
        _ => None,
    }
}

fn tuple_pat(path: syn::Path, elem: syn::Pat) -> syn::Pat {
    syn::Pat::TupleStruct(syn::PatTupleStruct {
        attrs: Vec::new(),
        qself: None,
        path,
        paren_token: Default::default(),
        elems: std::iter::once(elem).collect(),
    })
}

/// `Self::Variant(binding)`.
fn self_tuple_pat(variant: &str, binding: &str) -> syn::Pat {
    tuple_pat(syntax::path(&["Self", variant]), syntax::pat(binding))
}

/// `Some("key")`.
fn some_str_pat(key: &str) -> syn::Pat {
    tuple_pat(syntax::path(&["Some"]), syntax::str_pat(key))
}

/// `serde_json::from_value(value).map(|v| Self::Variant(Box::new(v)))`.
fn from_value_boxed(variant: &str) -> syn::Expr {
    let closure = syn::Expr::Closure(syn::ExprClosure {
        attrs: Vec::new(),
        lifetimes: None,
        constness: None,
        movability: None,
        asyncness: None,
        capture: None,
        or1_token: Default::default(),
        inputs: std::iter::once(syntax::pat("v")).collect(),
        or2_token: Default::default(),
        output: syn::ReturnType::Default,
        body: Box::new(boxed_call(variant, "v")),
    });
    syntax::method(
        syntax::call(
            syntax::expr_path(&["serde_json", "from_value"]),
            vec![syntax::expr_path(&["value"])],
        ),
        "map",
        vec![closure],
    )
}

/// `Self::Variant(Box::new(value))`.
fn boxed_call(variant: &str, value: &str) -> syn::Expr {
    syntax::call(
        syntax::expr_path(&["Self", variant]),
        vec![syntax::call(
            syntax::expr_path(&["Box", "new"]),
            vec![syntax::expr_path(&[value])],
        )],
    )
}

/// `impl From<Variant> for Any { fn from(value: Variant) -> Self { Self::Variant(Box::new(value)) } }`.
fn from_impl(cfg: Option<syn::Attribute>, any: &str, variant: &str) -> syn::Item {
    let syn::Type::Path(trait_) = syntax::generic(&["From"], [syntax::ty(&[variant])]) else {
        unreachable!("generic builds a path type")
    };
    let from = syn::ImplItemFn {
        attrs: Vec::new(),
        vis: syn::Visibility::Inherited,
        defaultness: None,
        sig: syn::Signature {
            constness: None,
            asyncness: None,
            unsafety: None,
            abi: None,
            fn_token: Default::default(),
            ident: names::ident("from"),
            generics: Default::default(),
            paren_token: Default::default(),
            inputs: std::iter::once(syntax::arg("value", syntax::ty(&[variant]))).collect(),
            variadic: None,
            output: syn::ReturnType::Type(Default::default(), Box::new(syntax::ty(&["Self"]))),
        },
        block: syn::Block {
            brace_token: Default::default(),
            stmts: vec![syn::Stmt::Expr(boxed_call(variant, "value"), None)],
        },
    };
    syn::Item::Impl(syn::ItemImpl {
        attrs: cfg.into_iter().collect(),
        defaultness: None,
        unsafety: None,
        impl_token: Default::default(),
        generics: Default::default(),
        trait_: Some((None, trait_.path, Default::default())),
        self_ty: Box::new(syntax::ty(&[any])),
        brace_token: Default::default(),
        items: vec![syn::ImplItem::Fn(from)],
    })
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

impl BodyStruct<'_, '_> {
    pub fn items(&self) -> syn::Result<Vec<syn::Item>> {
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
                rust_name: taken.take(&ctx.field_name(&p.name)),
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
            let mut attrs = docs.marker();
            attrs.extend(struct_attrs(&fields, true));
            let fields = struct_fields(&extras, fields, true);
            return Ok(vec![struct_item(attrs, &self.rust_name, fields)]);
        }
        // Required fields have no default: `new` takes them, the rest start absent.
        let args: Vec<TokenStream> = required
            .iter()
            .map(|f| {
                let id = names::ident(&f.rust_name);
                let ty = &f.ty;
                quote! { #id: #ty }
            })
            .collect();
        let inits: Vec<TokenStream> = fields
            .iter()
            .map(|f| {
                let id = names::ident(&f.rust_name);
                match f.kind {
                    FieldKind::Required => quote! { #id, },
                    FieldKind::Patch => quote! { #id: rt::Patch::Absent, },
                }
            })
            .collect();
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
        let new = syn::parse2(quote! {
            impl #name {
                #[doc = #new_doc]
                #allow
                pub fn new(#(#args),*) -> Self {
                    Self {
                        #odata_init
                        #(#inits)*
                        #additional_id: std::collections::BTreeMap::new(),
                    }
                }
            }
        })?;
        let mut attrs = docs.marker();
        attrs.extend(struct_attrs(&fields, false));
        let fields = struct_fields(&extras, fields, false);
        Ok(vec![struct_item(attrs, &self.rust_name, fields), new])
    }
}
