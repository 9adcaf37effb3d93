//! `syn` nodes built directly, for the parts every item repeats (types, doc
//! lines, field attributes): going through `quote!` and `syn::parse2` for
//! them was most of the emitter's time.

use proc_macro2::{Ident, Span, TokenStream};
use syn::punctuated::Punctuated;

use super::names;

fn segment(name: &str) -> syn::PathSegment {
    syn::PathSegment::from(names::ident(name))
}

/// `a::b::c` (no leading `::`).
pub fn path(segments: &[&str]) -> syn::Path {
    syn::Path {
        leading_colon: None,
        segments: segments.iter().map(|s| segment(s)).collect(),
    }
}

/// The type `a::b::C`.
pub fn ty(segments: &[&str]) -> syn::Type {
    syn::Type::Path(syn::TypePath {
        qself: None,
        path: path(segments),
    })
}

/// The type `a::B<arg, …>`.
pub fn generic(segments: &[&str], args: impl IntoIterator<Item = syn::Type>) -> syn::Type {
    let mut path = path(segments);
    if let Some(last) = path.segments.last_mut() {
        last.arguments = syn::PathArguments::AngleBracketed(syn::AngleBracketedGenericArguments {
            colon2_token: None,
            lt_token: Default::default(),
            args: args.into_iter().map(syn::GenericArgument::Type).collect(),
            gt_token: Default::default(),
        });
    }
    syn::Type::Path(syn::TypePath { qself: None, path })
}

/// `#[doc = "text"]` or `#![doc = "text"]`.
pub fn doc(text: &str, inner: bool) -> syn::Attribute {
    attribute(
        syn::Meta::NameValue(syn::MetaNameValue {
            path: path(&["doc"]),
            eq_token: Default::default(),
            value: string(text),
        }),
        inner,
    )
}

/// `#[name(tokens)]`: the tokens stay unparsed, as syn keeps them when parsing.
pub fn list(name: &str, tokens: TokenStream) -> syn::Attribute {
    attribute(
        syn::Meta::List(syn::MetaList {
            path: path(&[name]),
            delimiter: syn::MacroDelimiter::Paren(Default::default()),
            tokens,
        }),
        false,
    )
}

fn attribute(meta: syn::Meta, inner: bool) -> syn::Attribute {
    syn::Attribute {
        pound_token: Default::default(),
        style: if inner {
            syn::AttrStyle::Inner(Default::default())
        } else {
            syn::AttrStyle::Outer
        },
        bracket_token: Default::default(),
        meta,
    }
}

/// `pub name: ty` with its attributes.
pub fn field(attrs: Vec<syn::Attribute>, name: &str, ty: syn::Type) -> syn::Field {
    syn::Field {
        attrs,
        vis: public(),
        mutability: syn::FieldMutability::None,
        ident: Some(names::ident(name)),
        colon_token: Some(Default::default()),
        ty,
    }
}

/// `pub struct Name { fields }` with its attributes.
pub fn struct_item(attrs: Vec<syn::Attribute>, name: &str, fields: Vec<syn::Field>) -> syn::Item {
    syn::Item::Struct(syn::ItemStruct {
        attrs,
        vis: public(),
        struct_token: Default::default(),
        ident: names::ident(name),
        generics: Default::default(),
        fields: syn::Fields::Named(syn::FieldsNamed {
            brace_token: Default::default(),
            named: fields.into_iter().collect::<Punctuated<_, _>>(),
        }),
        semi_token: None,
    })
}

/// `&ty`.
pub fn reference(ty: syn::Type) -> syn::Type {
    syn::Type::Reference(syn::TypeReference {
        and_token: Default::default(),
        lifetime: None,
        mutability: None,
        elem: Box::new(ty),
    })
}

/// `[ty]`.
pub fn slice(ty: syn::Type) -> syn::Type {
    syn::Type::Slice(syn::TypeSlice {
        bracket_token: Default::default(),
        elem: Box::new(ty),
    })
}

/// `()`.
pub fn unit() -> syn::Type {
    syn::Type::Tuple(syn::TypeTuple {
        paren_token: Default::default(),
        elems: Punctuated::new(),
    })
}

/// The expression `a::b::c`.
pub fn expr_path(segments: &[&str]) -> syn::Expr {
    syn::Expr::Path(syn::ExprPath {
        attrs: Vec::new(),
        qself: None,
        path: path(segments),
    })
}

/// `func(args)`.
pub fn call(func: syn::Expr, args: Vec<syn::Expr>) -> syn::Expr {
    syn::Expr::Call(syn::ExprCall {
        attrs: Vec::new(),
        func: Box::new(func),
        paren_token: Default::default(),
        args: args.into_iter().collect(),
    })
}

/// `receiver.method(args)`.
pub fn method(receiver: syn::Expr, method: &str, args: Vec<syn::Expr>) -> syn::Expr {
    syn::Expr::MethodCall(syn::ExprMethodCall {
        attrs: Vec::new(),
        receiver: Box::new(receiver),
        dot_token: Default::default(),
        method: names::ident(method),
        turbofish: None,
        paren_token: Default::default(),
        args: args.into_iter().collect(),
    })
}

/// `expr?`.
pub fn try_(expr: syn::Expr) -> syn::Expr {
    syn::Expr::Try(syn::ExprTry {
        attrs: Vec::new(),
        expr: Box::new(expr),
        question_token: Default::default(),
    })
}

/// `expr.await`.
pub fn await_(expr: syn::Expr) -> syn::Expr {
    syn::Expr::Await(syn::ExprAwait {
        attrs: Vec::new(),
        base: Box::new(expr),
        dot_token: Default::default(),
        await_token: Default::default(),
    })
}

/// `&expr`.
pub fn borrow(expr: syn::Expr) -> syn::Expr {
    syn::Expr::Reference(syn::ExprReference {
        attrs: Vec::new(),
        and_token: Default::default(),
        mutability: None,
        expr: Box::new(expr),
    })
}

/// A string literal.
pub fn string(text: &str) -> syn::Expr {
    syn::Expr::Lit(lit_str(text))
}

fn lit_str(text: &str) -> syn::ExprLit {
    syn::ExprLit {
        attrs: Vec::new(),
        lit: syn::Lit::Str(syn::LitStr::new(text, Span::call_site())),
    }
}

/// `name!(tokens)`: the tokens stay unparsed, as syn keeps them when parsing.
pub fn macro_call(name: &str, tokens: TokenStream) -> syn::Expr {
    syn::Expr::Macro(syn::ExprMacro {
        attrs: Vec::new(),
        mac: syn::Macro {
            path: path(&[name]),
            bang_token: Default::default(),
            delimiter: syn::MacroDelimiter::Paren(Default::default()),
            tokens,
        },
    })
}

/// `let name = init;`.
pub fn let_(name: &str, init: syn::Expr) -> syn::Stmt {
    syn::Stmt::Local(syn::Local {
        attrs: Vec::new(),
        let_token: Default::default(),
        pat: pat(name),
        init: Some(syn::LocalInit {
            eq_token: Default::default(),
            expr: Box::new(init),
            diverge: None,
        }),
        semi_token: Default::default(),
    })
}

/// `name` as a binding pattern.
pub fn pat(name: &str) -> syn::Pat {
    syn::Pat::Ident(syn::PatIdent {
        attrs: Vec::new(),
        by_ref: None,
        mutability: None,
        ident: names::ident(name),
        subpat: None,
    })
}

/// A string literal pattern.
pub fn str_pat(text: &str) -> syn::Pat {
    syn::Pat::Lit(lit_str(text))
}

/// `pat => body,`
pub fn arm(pat: syn::Pat, body: syn::Expr) -> syn::Arm {
    syn::Arm {
        attrs: Vec::new(),
        pat,
        guard: None,
        fat_arrow_token: Default::default(),
        body: Box::new(body),
        comma: Some(Default::default()),
    }
}

/// `name: ty` in a signature.
pub fn arg(name: &str, ty: syn::Type) -> syn::FnArg {
    syn::FnArg::Typed(syn::PatType {
        attrs: Vec::new(),
        pat: Box::new(pat(name)),
        colon_token: Default::default(),
        ty: Box::new(ty),
    })
}

/// `pub [async] fn name(args) -> output { stmts; tail }`.
pub fn function(
    attrs: Vec<syn::Attribute>,
    asyncness: bool,
    name: &str,
    args: Vec<syn::FnArg>,
    output: syn::Type,
    mut stmts: Vec<syn::Stmt>,
    tail: syn::Expr,
) -> syn::Item {
    stmts.push(syn::Stmt::Expr(tail, None));
    syn::Item::Fn(syn::ItemFn {
        attrs,
        vis: public(),
        sig: syn::Signature {
            constness: None,
            asyncness: asyncness.then(Default::default),
            unsafety: None,
            abi: None,
            fn_token: Default::default(),
            ident: names::ident(name),
            generics: Default::default(),
            paren_token: Default::default(),
            inputs: args.into_iter().collect(),
            variadic: None,
            output: syn::ReturnType::Type(Default::default(), Box::new(output)),
        },
        block: Box::new(syn::Block {
            brace_token: Default::default(),
            stmts,
        }),
    })
}

/// A type as prettyplease prints it on one line, for the shapes the emitter
/// builds (paths with type arguments, references, slices, `()`); `false`
/// for anything else.
pub fn print_type(ty: &syn::Type, out: &mut String) -> bool {
    match ty {
        syn::Type::Path(syn::TypePath { qself: None, path }) => {
            if path.leading_colon.is_some() {
                out.push_str("::");
            }
            for (i, segment) in path.segments.iter().enumerate() {
                if i > 0 {
                    out.push_str("::");
                }
                out.push_str(&segment.ident.to_string());
                match &segment.arguments {
                    syn::PathArguments::None => {}
                    syn::PathArguments::AngleBracketed(args) if args.colon2_token.is_none() => {
                        out.push('<');
                        for (j, arg) in args.args.iter().enumerate() {
                            if j > 0 {
                                out.push_str(", ");
                            }
                            let syn::GenericArgument::Type(ty) = arg else {
                                return false;
                            };
                            if !print_type(ty, out) {
                                return false;
                            }
                        }
                        out.push('>');
                    }
                    _ => return false,
                }
            }
            true
        }
        syn::Type::Reference(r) if r.lifetime.is_none() && r.mutability.is_none() => {
            out.push('&');
            print_type(&r.elem, out)
        }
        syn::Type::Slice(s) => {
            out.push('[');
            let ok = print_type(&s.elem, out);
            out.push(']');
            ok
        }
        syn::Type::Tuple(t) if t.elems.is_empty() => {
            out.push_str("()");
            true
        }
        _ => false,
    }
}

fn public() -> syn::Visibility {
    syn::Visibility::Public(Default::default())
}

/// Gives a parsed template's placeholder identifiers their names: every
/// `placeholder` ident outside macro tokens becomes its `name` (the enum
/// templates are parsed once per thread and named per enum this way).
pub fn rename(items: &mut [syn::Item], names: &[(&str, &Ident)]) {
    struct Rename<'n>(&'n [(&'n str, &'n Ident)]);
    impl syn::visit_mut::VisitMut for Rename<'_> {
        fn visit_ident_mut(&mut self, ident: &mut Ident) {
            if let Some((_, name)) = self.0.iter().find(|(from, _)| ident == from) {
                *ident = (*name).clone();
            }
        }
    }
    for item in items {
        syn::visit_mut::VisitMut::visit_item_mut(&mut Rename(names), item);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    /// What is built here prints exactly as the same code parsed.
    #[test]
    fn built_nodes_print_as_parsed_ones() {
        let built = struct_item(
            vec![
                doc(" A thing.", false),
                list("serde", quote! { rename_all = "camelCase", default }),
            ],
            "Thing",
            vec![field(
                vec![doc(" One.", false)],
                "r#type",
                generic(&["rt", "Patch"], [generic(&["Vec"], [ty(&["String"])])]),
            )],
        );
        let parsed: syn::Item = syn::parse2(quote! {
            /// A thing.
            #[serde(rename_all = "camelCase", default)]
            pub struct Thing {
                /// One.
                pub r#type: rt::Patch<Vec<String>>,
            }
        })
        .unwrap();
        let print = |item: syn::Item| {
            prettyplease::unparse(&syn::File {
                shebang: None,
                attrs: Vec::new(),
                items: vec![item],
            })
        };
        assert_eq!(print(built), print(parsed));
    }
}
