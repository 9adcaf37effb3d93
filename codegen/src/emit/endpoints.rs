//! Area modules: one `pub fn` per operation, with the request body structs
//! the operations take.
//!
//! Each function builds the path (every parameter percent-encoded), the
//! request, and hands it to the runtime through one call per response shape:
//! `send_json`, `send_no_content`, `send_bytes` or `paged`.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};

use super::context::{Scope, VersionCtx};
use super::docs::{code, Docs};
use super::models::{BodyKind, BodyStruct};
use super::names::{self, Case, NameSet};
use super::EmitError;
use crate::model::{
    FieldType, OperationModel, PathPart, Primitive, PropertyModel, RequestBodyModel, TypeKind,
};

/// clippy::too_many_arguments fires above this many arguments.
const MAX_ARGS: usize = 7;

/// What the function returns, and which runtime call gets it.
enum Shape {
    /// `send_json::<T>`.
    Json(TokenStream),
    /// `send_no_content`: `()`.
    NoContent,
    /// `send_bytes`, as `Vec<u8>`.
    Bytes,
    /// A GET of a collection: `paged::<T>`, a stream over every page.
    Paged(TokenStream),
}

/// How the body argument is declared and handed to the request.
struct BodyArg {
    /// The type behind the reference: `UpdateX`, `super::models::X`, `str`, `[T]`, `[u8]`.
    ty: TokenStream,
    pass: BodyPass,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BodyPass {
    /// `json_body(body)`.
    Json,
    /// `json_body(&body)`: `str` and `[T]` bodies (the argument avoids `&String`/`&Vec`).
    JsonByRef,
    /// `body(body, "application/octet-stream")`: a binary stream.
    Bytes,
}

/// One operation's function.
pub struct Endpoint<'c, 'a> {
    ctx: &'c VersionCtx<'a>,
    op: &'a OperationModel,
    fn_name: String,
    method: TokenStream,
    params: Vec<(String, bool)>,
    body: Option<BodyArg>,
    shape: Shape,
}

impl<'c, 'a> Endpoint<'c, 'a> {
    /// `body_struct`: the area-local struct name for `Update`/`Parameters` bodies.
    pub fn new(
        ctx: &'c VersionCtx<'a>,
        op: &'a OperationModel,
        fn_name: String,
        body_struct: Option<&str>,
    ) -> Result<Self, EmitError> {
        let unsupported = |reason: String| EmitError::Unsupported {
            version: ctx.version.as_str().to_string(),
            operation: op.fn_name.clone(),
            reason,
        };
        let method = match op.method.to_ascii_uppercase().as_str() {
            "GET" => quote! { rt::Method::Get },
            "POST" => quote! { rt::Method::Post },
            "PATCH" => quote! { rt::Method::Patch },
            "PUT" => quote! { rt::Method::Put },
            "DELETE" => quote! { rt::Method::Delete },
            other => {
                return Err(unsupported(format!(
                    "HTTP method {other:?} is not one the runtime sends"
                )))
            }
        };
        let is_get = op.method.eq_ignore_ascii_case("GET");

        let mut args = NameSet::new(Case::Snake);
        args.reserve(&["client", "body", "query", "path", "request"]);
        let params = op
            .path
            .iter()
            .filter_map(|part| match part {
                PathPart::Param {
                    rust_name, quoted, ..
                } => Some((args.take(&names::snake(rust_name, "param")), *quoted)),
                PathPart::Literal(_) => None,
            })
            .collect();

        let body = match (&op.request_body, body_struct) {
            (None, _) => None,
            (
                Some(RequestBodyModel::Update { .. } | RequestBodyModel::Parameters { .. }),
                Some(name),
            ) => {
                let id = names::ident(name);
                Some(BodyArg {
                    ty: quote! { #id },
                    pass: BodyPass::Json,
                })
            }
            (Some(RequestBodyModel::Update { .. } | RequestBodyModel::Parameters { .. }), None) => {
                return Err(unsupported("request body struct was not named".into()))
            }
            (Some(RequestBodyModel::Object(ty)), _) => Some(object_body(ctx, ty)),
        };

        let shape = match &op.response.body {
            Some(FieldType {
                kind: TypeKind::Primitive(Primitive::Stream),
                collection: false,
            }) => Shape::Bytes,
            Some(ty) if ty.collection && is_get => {
                Shape::Paged(ctx.element_type(&ty.kind, Scope::Area))
            }
            Some(ty) if ty.collection => {
                let element = ctx.element_type(&ty.kind, Scope::Area);
                Shape::Json(quote! { rt::Collection<#element> })
            }
            Some(ty) => Shape::Json(ctx.value_type(ty, Scope::Area)),
            // A GET returns something even when the docs do not say what.
            None if is_get && op.response.status != 204 => {
                Shape::Json(quote! { ::serde_json::Value })
            }
            None => Shape::NoContent,
        };

        Ok(Endpoint {
            ctx,
            op,
            fn_name,
            method,
            params,
            body,
            shape,
        })
    }

    fn docs(&self) -> Docs {
        let op = self.op;
        let mut docs = Docs::outer()
            .text(&op.title)
            .maybe(op.description.as_deref())
            .raw(code(&format!(
                "{} {}",
                op.method.to_ascii_uppercase(),
                op.path_template
            )));
        if !op.query_options.is_empty() {
            let options: Vec<String> = op
                .query_options
                .iter()
                .map(|o| code(&format!("${o}")))
                .collect();
            docs = docs.raw(format!("OData query options: {}.", options.join(", ")));
        }
        if matches!(self.shape, Shape::Paged(_)) {
            docs = docs.raw(
                "Returns a stream over every page of results (`@odata.nextLink` is followed)."
                    .into(),
            );
        }
        docs.raw(format!("Source: {}", code(&op.origin.file)))
    }

    /// `format!("/v1.0/users/{}", rt::encode_path_segment(user_id))`.
    fn path(&self) -> TokenStream {
        let mut template = format!("/{}", self.ctx.version.as_str());
        let mut values = Vec::new();
        let mut params = self.params.iter();
        for part in &self.op.path {
            match part {
                PathPart::Literal(text) => {
                    template.push_str(&text.replace('{', "{{").replace('}', "}}"))
                }
                PathPart::Param { .. } => {
                    // `params` holds one entry per Param part, in path order.
                    let Some((name, quoted)) = params.next() else {
                        continue;
                    };
                    template.push_str("{}");
                    let id = names::ident(name);
                    values.push(if *quoted {
                        quote! { rt::encode_odata_string(#id) }
                    } else {
                        quote! { rt::encode_path_segment(#id) }
                    });
                }
            }
        }
        if values.is_empty() {
            let literal = template.replace("{{", "{").replace("}}", "}");
            quote! { ::std::string::String::from(#literal) }
        } else {
            quote! { format!(#template, #(#values),*) }
        }
    }
}

/// `Object` bodies: the model type; `str`/`[T]` for strings and collections
/// (clippy::ptr_arg rejects `&String`/`&Vec`); raw bytes for a stream.
fn object_body(ctx: &VersionCtx<'_>, ty: &FieldType) -> BodyArg {
    match (&ty.kind, ty.collection) {
        (TypeKind::Primitive(Primitive::Stream), false) => BodyArg {
            ty: quote! { [u8] },
            pass: BodyPass::Bytes,
        },
        (TypeKind::Primitive(Primitive::String), false) => BodyArg {
            ty: quote! { str },
            pass: BodyPass::JsonByRef,
        },
        (kind, true) => {
            let element = ctx.element_type(kind, Scope::Area);
            BodyArg {
                ty: quote! { [#element] },
                pass: BodyPass::JsonByRef,
            }
        }
        (kind, false) => BodyArg {
            ty: ctx.element_type(kind, Scope::Area),
            pass: BodyPass::Json,
        },
    }
}

impl ToTokens for Endpoint<'_, '_> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let docs = self.docs();
        let name = names::ident(&self.fn_name);
        let is_get = self.op.method.eq_ignore_ascii_case("GET");

        let mut args = vec![quote! { client: &rt::Client }];
        args.extend(self.params.iter().map(|(param, _)| {
            let id = names::ident(param);
            quote! { #id: &str }
        }));
        if let Some(body) = &self.body {
            let ty = &body.ty;
            args.push(quote! { body: &#ty });
        }
        if is_get {
            args.push(quote! { query: &rt::QueryOptions });
        }
        let allow = if args.len() > MAX_ARGS {
            quote! { #[allow(clippy::too_many_arguments)] }
        } else {
            quote! {}
        };

        let path = self.path();
        let method = &self.method;
        let mut request = quote! { rt::Request::new(#method, path) };
        if is_get {
            request = quote! { #request.query_options(query) };
        }
        if let Some(body) = &self.body {
            request = match body.pass {
                BodyPass::Json => quote! { #request.json_body(body)? },
                BodyPass::JsonByRef => quote! { #request.json_body(&body)? },
                BodyPass::Bytes => quote! { #request.body(body, "application/octet-stream") },
            };
        }

        let (asyncness, output, send) = match &self.shape {
            Shape::Json(ty) => (
                quote! { async },
                quote! { ::std::result::Result<#ty, rt::Error> },
                quote! { client.send_json(request).await },
            ),
            Shape::NoContent => (
                quote! { async },
                quote! { ::std::result::Result<(), rt::Error> },
                quote! { client.send_no_content(request).await },
            ),
            Shape::Bytes => (
                quote! { async },
                quote! { ::std::result::Result<::std::vec::Vec<u8>, rt::Error> },
                quote! { ::std::result::Result::Ok(client.send_bytes(request).await?.to_vec()) },
            ),
            Shape::Paged(ty) => (
                quote! {},
                quote! { rt::Pager<#ty> },
                quote! { client.paged(request) },
            ),
        };

        tokens.extend(quote! {
            #docs
            #allow
            pub #asyncness fn #name(#(#args),*) -> #output {
                let path = #path;
                let request = #request;
                #send
            }
        });
    }
}

/// What [`area_items`] builds.
pub struct AreaItems {
    pub items: Vec<(String, TokenStream)>,
    /// Model function name → request body struct name, for operations with one.
    pub bodies: Vec<(String, String)>,
}

/// One request body struct in an area module, possibly shared by several
/// operations that document the same body under the same name.
struct BodyDef<'a> {
    rust_name: String,
    kind: BodyKind,
    properties: &'a [PropertyModel],
    target: Option<&'a str>,
    used_by: Vec<String>,
}

/// An area module's items (body structs and functions, in function-name
/// order), each labelled for error messages, and for each operation taking a
/// body struct, (the model's function name, the struct's name).
pub fn area_items<'a>(
    ctx: &VersionCtx<'a>,
    ops: &[&'a OperationModel],
) -> Result<AreaItems, EmitError> {
    let mut fn_names = NameSet::new(Case::Snake);
    let mut struct_names = NameSet::new(Case::Pascal);
    let mut bodies: Vec<BodyDef<'a>> = Vec::new();
    // Model struct name → indexes into `bodies` of the structs with that name.
    let mut by_name: BTreeMap<&'a str, Vec<usize>> = BTreeMap::new();
    let mut endpoints = Vec::new();

    for op in ops {
        let fn_name = fn_names.take(&names::snake(&op.fn_name, "operation"));
        let body = match &op.request_body {
            Some(RequestBodyModel::Update {
                struct_name,
                target,
                properties,
            }) => Some((
                BodyKind::Update,
                struct_name.as_str(),
                properties.as_slice(),
                target.as_deref(),
            )),
            Some(RequestBodyModel::Parameters {
                struct_name,
                properties,
            }) => Some((
                BodyKind::Parameters,
                struct_name.as_str(),
                properties.as_slice(),
                None,
            )),
            _ => None,
        };
        let body_index = body.map(|(kind, struct_name, properties, target)| {
            let same = by_name.entry(struct_name).or_default();
            let existing = same.iter().copied().find(|&i| {
                bodies[i].kind == kind
                    && bodies[i].properties == properties
                    && bodies[i].target == target
            });
            existing.unwrap_or_else(|| {
                bodies.push(BodyDef {
                    rust_name: struct_names.take(&names::pascal(struct_name, "Body")),
                    kind,
                    properties,
                    target,
                    used_by: Vec::new(),
                });
                same.push(bodies.len() - 1);
                bodies.len() - 1
            })
        });
        if let Some(i) = body_index {
            bodies[i].used_by.push(fn_name.clone());
        }
        endpoints.push((*op, fn_name, body_index));
    }

    let mut items = vec![(
        "runtime import".to_string(),
        quote! { use ::graphdoc_runtime as rt; },
    )];
    let mut emitted = vec![false; bodies.len()];
    let mut body_names = Vec::new();
    for (op, fn_name, body_index) in endpoints {
        let body_name = body_index.map(|i| bodies[i].rust_name.as_str());
        if let Some(name) = body_name {
            body_names.push((op.fn_name.clone(), name.to_string()));
        }
        let endpoint = Endpoint::new(ctx, op, fn_name, body_name)?;
        // A body struct goes right before the first function that takes it.
        if let Some(i) = body_index.filter(|&i| !std::mem::replace(&mut emitted[i], true)) {
            let def = &bodies[i];
            let body = BodyStruct {
                ctx,
                kind: def.kind,
                rust_name: def.rust_name.clone(),
                properties: def.properties,
                target: def
                    .target
                    .filter(|t| ctx.model.types.contains_key(*t))
                    .map(|t| ctx.type_name(t).to_string()),
                used_by: def.used_by.clone(),
            };
            items.push((
                format!(
                    "request body `{}` of operation `{}`",
                    def.rust_name, op.fn_name
                ),
                body.to_token_stream(),
            ));
        }
        items.push((
            format!("operation `{}`", op.fn_name),
            endpoint.to_token_stream(),
        ));
    }
    Ok(AreaItems {
        items,
        bodies: body_names,
    })
}
