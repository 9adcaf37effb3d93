//! Area modules: one `pub fn` per operation, with the request body structs
//! the operations take.
//!
//! Each function builds the path (every parameter percent-encoded), the
//! request, and hands it to the runtime through one call per response shape:
//! `send_json`, `send_no_content`, `send_bytes` or `paged`.

use std::collections::BTreeMap;

use quote::quote;

use super::context::{Scope, VersionCtx};
use super::docs::{code, Docs};
use super::models::{BodyKind, BodyStruct};
use super::names::{self, Case, NameSet};
use super::syntax;
use super::{EmitError, Group};
use crate::model::{
    FieldType, OperationModel, PathPart, Primitive, PropertyModel, RequestBodyModel, TypeKind,
};

/// clippy::too_many_arguments fires above this many arguments.
const MAX_ARGS: usize = 7;

/// What the function returns, and which runtime call gets it.
enum Shape {
    /// `send_json::<T>`.
    Json(syn::Type),
    /// `send_no_content`: `()`.
    NoContent,
    /// `send_bytes`, as `Vec<u8>`.
    Bytes,
    /// A GET of a collection: `paged::<T>`, a stream over every page.
    Paged(syn::Type),
}

/// How the body argument is declared and handed to the request.
struct BodyArg {
    /// The type behind the reference: `UpdateX`, `super::models::X`, `str`, `[T]`, `[u8]`.
    ty: syn::Type,
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
    method: &'static str,
    params: Vec<(String, bool)>,
    /// Each query parameter the caller fills in: its name and the arguments
    /// of its value's parameters, as `params` holds the path's.
    query: Vec<(&'a str, Vec<(String, bool)>)>,
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
            "GET" => "Get",
            "POST" => "Post",
            "PATCH" => "Patch",
            "PUT" => "Put",
            "DELETE" => "Delete",
            other => {
                return Err(unsupported(format!(
                    "HTTP method {other:?} is not one the runtime sends"
                )))
            }
        };
        let is_get = op.method.eq_ignore_ascii_case("GET");

        let mut args = NameSet::new(Case::Snake);
        args.reserve(&["client", "body", "query", "path", "request"]);
        // One argument per parameter of a template, and whether it sits in quotes.
        let mut take_args = |parts: &[PathPart]| -> Vec<(String, bool)> {
            parts
                .iter()
                .filter_map(|part| match part {
                    PathPart::Param {
                        rust_name, quoted, ..
                    } => Some((args.take(&names::snake(rust_name, "param")), *quoted)),
                    PathPart::Literal(_) => None,
                })
                .collect()
        };
        let params = take_args(&op.path);
        let query = op
            .query
            .iter()
            .map(|q| (q.name.as_str(), take_args(&q.value)))
            .collect();

        let body = match (&op.request_body, body_struct) {
            (None, _) => None,
            (
                Some(RequestBodyModel::Update { .. } | RequestBodyModel::Parameters { .. }),
                Some(name),
            ) => Some(BodyArg {
                ty: syntax::ty(&[name]),
                pass: BodyPass::Json,
            }),
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
                Shape::Json(syntax::generic(&["rt", "Collection"], [element]))
            }
            Some(ty) => Shape::Json(ctx.value_type(ty, Scope::Area)),
            // A GET returns something even when the docs do not say what.
            None if is_get && op.response.status != 204 => {
                Shape::Json(syntax::ty(&["serde_json", "Value"]))
            }
            None => Shape::NoContent,
        };

        Ok(Endpoint {
            ctx,
            op,
            fn_name,
            method,
            params,
            query,
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
                "{} {}{}",
                op.method.to_ascii_uppercase(),
                op.path_template,
                query_template(op)
            )));
        if !op.permissions.is_empty() {
            docs = docs.lines(permission_lines(op));
        }
        if !op.query_options.is_empty() {
            let options: Vec<String> = op
                .query_options
                .iter()
                .map(|o| code(&format!("${o}")))
                .collect();
            docs = docs.raw(format!(
                "Supports the OData query options {} (set them on `query`).",
                options.join(", ")
            ));
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
    fn path(&self) -> syn::Expr {
        let prefix = format!("/{}", self.ctx.version.as_str());
        let (template, values) = format_template(&prefix, &self.op.path, &self.params);
        if values.is_empty() {
            let literal = template.replace("{{", "{").replace("}}", "}");
            syntax::call(
                syntax::expr_path(&["String", "from"]),
                vec![syntax::string(&literal)],
            )
        } else {
            syntax::macro_call("format", quote! { #template, #(#values),* })
        }
    }
}

/// A `format!` template of `prefix` and `parts` (literal braces escaped),
/// and the encoded argument for each `{}`: `args` holds one per parameter
/// part, in order, with whether it sits inside OData quotes.
fn format_template(
    prefix: &str,
    parts: &[PathPart],
    args: &[(String, bool)],
) -> (String, Vec<proc_macro2::TokenStream>) {
    let mut template = prefix.to_string();
    let mut values = Vec::new();
    let mut args = args.iter();
    for part in parts {
        match part {
            PathPart::Literal(text) => {
                template.push_str(&text.replace('{', "{{").replace('}', "}}"))
            }
            PathPart::Param { .. } => {
                let Some((name, quoted)) = args.next() else {
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
    (template, values)
}

/// A query value: the argument itself, or `format!` of the literal text and
/// the arguments. Such a value is a URL (`$id=https://…/users/{id}`), so
/// each argument is encoded as in a path; the runtime then encodes the
/// whole value as a query value.
fn query_value(value: &[PathPart], args: &[(String, bool)]) -> syn::Expr {
    if let ([PathPart::Param { .. }], [(arg, _)]) = (value, args) {
        return syntax::expr_path(&[arg.as_str()]);
    }
    let (template, values) = format_template("", value, args);
    syntax::macro_call("format", quote! { #template, #(#values),* })
}

/// The permissions table as a list: one line per permission type (and
/// supported resource, where the page has a row per resource), least
/// privileged first, as the page orders them.
fn permission_lines(op: &OperationModel) -> Vec<String> {
    let mut lines = vec!["Permissions, least privileged first:".to_string()];
    lines.extend(op.permissions.iter().map(|p| {
        let names = if p.permissions.is_empty() {
            "not supported".to_string()
        } else {
            let names = p.permissions.iter().map(|name| code(name));
            names
                .collect::<Vec<_>>()
                .join(if p.all_required { " and " } else { ", " })
        };
        let ty = super::docs::prose(&p.permission_type);
        match &p.resource {
            Some(resource) => format!("- {ty}, for {}: {names}", code(resource)),
            None => format!("- {ty}: {names}"),
        }
    }));
    lines
}

/// `?name={value}&…`: the query parameters as the docs write them ("" for none).
fn query_template(op: &OperationModel) -> String {
    let pairs: Vec<String> = op
        .query
        .iter()
        .map(|q| {
            let value: String = q
                .value
                .iter()
                .map(|part| match part {
                    PathPart::Literal(text) => text.clone(),
                    PathPart::Param { doc_name, .. } => format!("{{{doc_name}}}"),
                })
                .collect();
            format!("{}={value}", q.name)
        })
        .collect();
    if pairs.is_empty() {
        String::new()
    } else {
        format!("?{}", pairs.join("&"))
    }
}

/// `Object` bodies: the model type; `str`/`[T]` for strings and collections
/// (clippy::ptr_arg rejects `&String`/`&Vec`); raw bytes for a stream.
fn object_body(ctx: &VersionCtx<'_>, ty: &FieldType) -> BodyArg {
    match (&ty.kind, ty.collection) {
        (TypeKind::Primitive(Primitive::Stream), false) => BodyArg {
            ty: syntax::slice(syntax::ty(&["u8"])),
            pass: BodyPass::Bytes,
        },
        (TypeKind::Primitive(Primitive::String), false) => BodyArg {
            ty: syntax::ty(&["str"]),
            pass: BodyPass::JsonByRef,
        },
        (kind, true) => BodyArg {
            ty: syntax::slice(ctx.element_type(kind, Scope::Area)),
            pass: BodyPass::JsonByRef,
        },
        (kind, false) => BodyArg {
            ty: ctx.element_type(kind, Scope::Area),
            pass: BodyPass::Json,
        },
    }
}

impl Endpoint<'_, '_> {
    /// Built as syntax directly: parsing thousands of function bodies was
    /// the emitter's largest cost.
    pub fn item(self) -> syn::Item {
        let is_get = self.op.method.eq_ignore_ascii_case("GET");
        let mut attrs = self.docs().marker();

        let mut args = vec![syntax::arg(
            "client",
            syntax::reference(syntax::ty(&["rt", "Client"])),
        )];
        args.extend(
            self.params
                .iter()
                .map(|(param, _)| syntax::arg(param, syntax::reference(syntax::ty(&["str"])))),
        );
        let path = self.path();
        let mut request = syntax::call(
            syntax::expr_path(&["rt", "Request", "new"]),
            vec![
                syntax::expr_path(&["rt", "Method", self.method]),
                syntax::expr_path(&["path"]),
            ],
        );
        for ((name, values), q) in self.query.iter().zip(&self.op.query) {
            args.extend(
                values
                    .iter()
                    .map(|(v, _)| syntax::arg(v, syntax::reference(syntax::ty(&["str"])))),
            );
            request = syntax::method(
                request,
                "query",
                vec![syntax::string(name), query_value(&q.value, values)],
            );
        }
        if is_get {
            request = syntax::method(
                request,
                "query_options",
                vec![syntax::expr_path(&["query"])],
            );
        }
        if let Some(body) = self.body {
            let value = syntax::expr_path(&["body"]);
            request = match body.pass {
                BodyPass::Json => syntax::try_(syntax::method(request, "json_body", vec![value])),
                BodyPass::JsonByRef => syntax::try_(syntax::method(
                    request,
                    "json_body",
                    vec![syntax::borrow(value)],
                )),
                BodyPass::Bytes => syntax::method(
                    request,
                    "body",
                    vec![value, syntax::string("application/octet-stream")],
                ),
            };
            args.push(syntax::arg("body", syntax::reference(body.ty)));
        }
        if is_get {
            args.push(syntax::arg(
                "query",
                syntax::reference(syntax::ty(&["rt", "QueryOptions"])),
            ));
        }
        if args.len() > MAX_ARGS {
            attrs.push(syntax::list("allow", quote! { clippy::too_many_arguments }));
        }

        let client = || syntax::expr_path(&["client"]);
        let request_arg = || vec![syntax::expr_path(&["request"])];
        let result =
            |ty: syn::Type| syntax::generic(&["Result"], [ty, syntax::ty(&["rt", "Error"])]);
        let (asyncness, output, send) = match self.shape {
            Shape::Json(ty) => (
                true,
                result(ty),
                syntax::await_(syntax::method(client(), "send_json", request_arg())),
            ),
            Shape::NoContent => (
                true,
                result(syntax::unit()),
                syntax::await_(syntax::method(client(), "send_no_content", request_arg())),
            ),
            Shape::Bytes => (
                true,
                result(syntax::generic(&["Vec"], [syntax::ty(&["u8"])])),
                syntax::call(
                    syntax::expr_path(&["Ok"]),
                    vec![syntax::method(
                        syntax::try_(syntax::await_(syntax::method(
                            client(),
                            "send_bytes",
                            request_arg(),
                        ))),
                        "to_vec",
                        Vec::new(),
                    )],
                ),
            ),
            Shape::Paged(ty) => (
                false,
                syntax::generic(&["rt", "Pager"], [ty]),
                syntax::method(client(), "paged", request_arg()),
            ),
        };

        syntax::function(
            attrs,
            asyncness,
            &self.fn_name,
            args,
            output,
            vec![syntax::let_("path", path), syntax::let_("request", request)],
            send,
        )
    }
}

/// What [`area_items`] builds.
pub struct AreaItems<'c> {
    pub items: Vec<Group<'c>>,
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
pub fn area_items<'c, 'a>(ctx: &'c VersionCtx<'a>, ops: &[&'a OperationModel]) -> AreaItems<'c> {
    let mut fn_names = NameSet::new(Case::Snake);
    let mut struct_names = NameSet::types();
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

    let mut items = Vec::new();
    let mut emitted = vec![false; bodies.len()];
    let mut body_names = Vec::new();
    for (op, fn_name, body_index) in endpoints {
        let body_name = body_index.map(|i| bodies[i].rust_name.clone());
        if let Some(name) = &body_name {
            body_names.push((op.fn_name.clone(), name.clone()));
        }
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
            items.push(Group::new(
                format!(
                    "request body `{}` of operation `{}`",
                    def.rust_name, op.fn_name
                ),
                move || Ok(body.items()?),
            ));
        }
        items.push(Group::new(
            format!("operation `{}`", op.fn_name),
            move || {
                let endpoint = Endpoint::new(ctx, op, fn_name, body_name.as_deref())?;
                Ok(vec![endpoint.item()])
            },
        ));
    }
    AreaItems {
        items,
        bodies: body_names,
    }
}
