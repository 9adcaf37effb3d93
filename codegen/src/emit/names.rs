//! Rust identifiers from Graph names: always valid, never a panic.
//!
//! Graph names are camelCase JSON names, but the docs also hold `@odata.type`,
//! names starting with digits, keywords (`type`), punctuation, spaces and the
//! odd non-ASCII letter. Everything here turns such a name into an ASCII Rust
//! identifier; [`NameSet`] then keeps the names of one scope distinct.

use std::cell::RefCell;
use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};
use rustc_hash::FxHashMap;

/// Strict and reserved keywords of every edition (2024's `gen` included, so
/// the generated code stays valid when a user moves it to a newer edition).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers (`r#self` is an error).
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Splits a Graph name into something heck can case: ASCII letters and digits
/// stay, non-ASCII characters become a `uXXXX` word (keeps distinct names
/// distinct without allowing confusable identifiers), everything else is a
/// word break.
fn ascii_words(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if c.is_ascii() {
            out.push(' ');
        } else {
            out.push_str(&format!(" u{:04x} ", c as u32));
        }
    }
    out
}

/// A snake_case identifier (fields, functions, arguments, modules).
/// `fallback` (itself a valid snake_case word) names an empty input.
/// The result is a bare name; keywords come back as `r#type` / `self_`.
pub fn snake(raw: &str, fallback: &str) -> String {
    let mut name = cased(raw, Case::Snake);
    if name.is_empty() {
        name = fallback.to_string();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        // A leading underscore keeps the digits readable and satisfies non_snake_case.
        name.insert(0, '_');
    }
    escape_keyword(name)
}

/// A PascalCase identifier (types, enum variants).
pub fn pascal(raw: &str, fallback: &str) -> String {
    let mut name = cased(raw, Case::Pascal);
    if name.is_empty() {
        name = fallback.to_string();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'N');
    }
    escape_keyword(name)
}

/// `raw` in the case asked for, remembered per thread: the same Graph names
/// are cased again and again (a property in its struct, its body struct, its
/// docs, a path parameter in every operation), and heck cases through `fmt`.
fn cased(raw: &str, case: Case) -> String {
    thread_local! {
        static CASED: RefCell<[FxHashMap<String, String>; 2]> = RefCell::default();
    }
    CASED.with(|cache| {
        let mut cache = cache.borrow_mut();
        let map = &mut cache[case as usize];
        if let Some(name) = map.get(raw) {
            return name.clone();
        }
        let words = ascii_words(raw);
        let name = match case {
            Case::Snake => words.to_snake_case(),
            Case::Pascal => words.to_upper_camel_case(),
        };
        map.insert(raw.to_string(), name.clone());
        name
    })
}

fn escape_keyword(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// The identifier for a name produced by [`snake`] / [`pascal`] / [`NameSet`].
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(bare) => Ident::new_raw(bare, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// The name without a raw prefix: for file names and cargo features.
pub fn bare(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// Names the generated files use unqualified (std prelude items, the `serde`
/// traits they import): a generated type never takes one, or it would shadow
/// it (`Option` becomes `Option2`).
pub const RESERVED_TYPES: &[&str] = &[
    "Box",
    "Default",
    "Deserialize",
    "From",
    "Option",
    "Result",
    "Serialize",
    "String",
    "Vec",
];

/// The wire name serde's `rename_all = "camelCase"` gives a field: serde_derive's
/// `RenameRule::CamelCase` applied to the field name without `r#`. `None` for
/// a name serde would fail on (nothing but underscores): such a field needs
/// an explicit `rename`.
pub fn serde_camel(field: &str) -> Option<String> {
    let field = bare(field);
    let mut pascal = String::with_capacity(field.len());
    let mut capitalize = true;
    for ch in field.chars() {
        if ch == '_' {
            capitalize = true;
        } else if capitalize {
            pascal.push(ch.to_ascii_uppercase());
            capitalize = false;
        } else {
            pascal.push(ch);
        }
    }
    // serde slices the first byte: only an ASCII first character is safe.
    let first = pascal.chars().next().filter(char::is_ascii)?;
    Some(format!("{}{}", first.to_ascii_lowercase(), &pascal[1..]))
}

/// How a clash is resolved: `field_2` for snake_case, `Type2` for PascalCase
/// (`Type_2` would trip `non_camel_case_types`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    Snake,
    Pascal,
}

/// The names already taken in one scope (a struct's fields, a module's types).
/// Taking a name that is in use yields the first free `<name>_2`, `<name>_3`, …
/// so the outcome depends only on the order names are taken in.
#[derive(Debug, Clone)]
pub struct NameSet {
    case: Case,
    used: BTreeSet<String>,
}

impl NameSet {
    pub fn new(case: Case) -> Self {
        NameSet {
            case,
            used: BTreeSet::new(),
        }
    }

    /// A scope of type names: PascalCase, [`RESERVED_TYPES`] already taken.
    pub fn types() -> Self {
        let mut set = NameSet::new(Case::Pascal);
        set.reserve(RESERVED_TYPES);
        set
    }

    /// Marks names the scope already has (e.g. `client` among arguments).
    pub fn reserve(&mut self, names: &[&str]) {
        for name in names {
            self.used.insert((*name).to_string());
        }
    }

    /// Takes `wanted` (a name from [`snake`] or [`pascal`]) or its first free variant.
    pub fn take(&mut self, wanted: &str) -> String {
        let base = bare(wanted);
        if self.used.insert(base.to_string()) {
            return wanted.to_string();
        }
        let mut n = 2u32;
        loop {
            // A suffixed name is never a keyword, so it needs no raw prefix.
            let candidate = match self.case {
                Case::Snake if base.ends_with('_') => format!("{base}{n}"),
                Case::Snake => format!("{base}_{n}"),
                Case::Pascal => format!("{}{n}", base.trim_end_matches('_')),
            };
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_names() {
        assert_eq!(snake("lastSyncDateTime", "field"), "last_sync_date_time");
        assert_eq!(snake("@odata.type", "field"), "odata_type");
        assert_eq!(snake("type", "field"), "r#type");
        assert_eq!(snake("self", "field"), "self_");
        assert_eq!(snake("Self", "field"), "self_");
        assert_eq!(snake("crate", "field"), "crate_");
        assert_eq!(snake("super", "field"), "super_");
        assert_eq!(snake("async", "field"), "r#async");
        assert_eq!(snake("2faEnabled", "field"), "_2fa_enabled");
        assert_eq!(snake("", "field"), "field");
        assert_eq!(snake("@@ --", "field"), "field");
        assert_eq!(snake("display name", "field"), "display_name");
        assert_eq!(snake("x-ms-header", "field"), "x_ms_header");
        assert_eq!(snake("café", "field"), "caf_u00e9");
        assert_eq!(snake("名前", "field"), "u540d_u524d");
        assert_eq!(
            snake("id | userPrincipalName", "param"),
            "id_user_principal_name"
        );
    }

    #[test]
    fn pascal_names() {
        assert_eq!(
            pascal("complianceManagementPartner", "Type"),
            "ComplianceManagementPartner"
        );
        assert_eq!(pascal("self", "Type"), "Self_");
        assert_eq!(pascal("1080p", "Value"), "N1080p");
        assert_eq!(pascal("", "Value"), "Value");
        assert_eq!(pascal("microsoft.graph.user", "Type"), "MicrosoftGraphUser");
        assert_eq!(pascal("café", "Type"), "CafU00e9");
        assert_eq!(pascal("type", "Type"), "Type");
    }

    #[test]
    fn idents_are_valid() {
        for raw in [
            "type",
            "self",
            "Self",
            "fn",
            "1x",
            "",
            "@odata.type",
            "café",
            "match",
            "gen",
        ] {
            for name in [snake(raw, "field"), pascal(raw, "Type")] {
                let id = ident(&name);
                syn::parse_str::<syn::Ident>(&id.to_string())
                    .unwrap_or_else(|e| panic!("{raw:?} -> {name:?}: {e}"));
            }
        }
    }

    #[test]
    fn serde_camel_case_of_fields() {
        for (field, wire) in [
            ("display_name", "displayName"),
            ("odata_type", "odataType"),
            ("x_2", "x2"),
            ("_2fa_enabled", "2faEnabled"),
            ("r#type", "type"),
            ("self_", "self"),
            ("self_2", "self2"),
            ("type_2", "type2"),
            ("caf_u00e9", "cafU00e9"),
            ("a__b", "aB"),
            ("ipv4_range", "ipv4Range"),
            ("x", "x"),
        ] {
            assert_eq!(serde_camel(field).as_deref(), Some(wire), "{field}");
        }
        assert_eq!(serde_camel("_"), None);
        assert_eq!(serde_camel(""), None);
    }

    /// The rule above against serde itself, on the same names.
    #[test]
    fn serde_camel_matches_serde() {
        #[allow(non_snake_case, dead_code)]
        #[derive(Default, serde::Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Tricky {
            display_name: u8,
            odata_type: u8,
            x_2: u8,
            _2fa_enabled: u8,
            r#type: u8,
            self_: u8,
            self_2: u8,
            type_2: u8,
            caf_u00e9: u8,
            a__b: u8,
            ipv4_range: u8,
            x: u8,
            odata_type_2_2: u8,
            _9lives: u8,
        }
        let fields = [
            "display_name",
            "odata_type",
            "x_2",
            "_2fa_enabled",
            "r#type",
            "self_",
            "self_2",
            "type_2",
            "caf_u00e9",
            "a__b",
            "ipv4_range",
            "x",
            "odata_type_2_2",
            "_9lives",
        ];
        let value = serde_json::to_value(Tricky::default()).unwrap();
        let keys: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let ours: Vec<String> = fields.iter().map(|f| serde_camel(f).unwrap()).collect();
        assert_eq!(keys, ours);
    }

    #[test]
    fn name_sets_dedupe_in_order() {
        let mut fields = NameSet::new(Case::Snake);
        fields.reserve(&["client"]);
        assert_eq!(fields.take("client"), "client_2");
        assert_eq!(fields.take("odata_type"), "odata_type");
        assert_eq!(fields.take("odata_type"), "odata_type_2");
        assert_eq!(fields.take("odata_type_2"), "odata_type_2_2");
        assert_eq!(fields.take("r#type"), "r#type");
        assert_eq!(fields.take("r#type"), "type_2");
        assert_eq!(fields.take("self_"), "self_");
        assert_eq!(fields.take("self_"), "self_2");

        let mut types = NameSet::types();
        for reserved in RESERVED_TYPES {
            assert_eq!(types.take(reserved), format!("{reserved}2"));
        }
        assert_eq!(types.take("Status"), "Status");
        assert_eq!(types.take("Status"), "Status2");
        assert_eq!(types.take("Self_"), "Self_");
        assert_eq!(types.take("Self_"), "Self2");
    }
}
