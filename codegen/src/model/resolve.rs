//! Resolving type names as the docs write them (`String`, `Edm.Int32`,
//! `microsoft.graph.user`, `Timestamp`) and inferring types from JSON values.

use serde_json::Value;

use super::types::Primitive;

/// A Graph primitive for a type name as written in a table, case-insensitively,
/// including the spellings the docs use besides the EDM names.
pub fn primitive(name: &str) -> Option<Primitive> {
    let name = name.trim();
    let bare = name
        .strip_prefix("Edm.")
        .or_else(|| name.strip_prefix("edm."))
        .unwrap_or(name);
    let p = match bare.to_ascii_lowercase().as_str() {
        "string" | "str" | "text" | "url" | "uri" => Primitive::String,
        "boolean" | "bool" => Primitive::Boolean,
        "byte" => Primitive::Byte,
        "sbyte" => Primitive::SByte,
        "int16" | "short" => Primitive::Int16,
        "int32" | "int" | "integer" | "number" => Primitive::Int32,
        "int64" | "long" | "bigint" => Primitive::Int64,
        "single" | "float" => Primitive::Single,
        "double" => Primitive::Double,
        "decimal" => Primitive::Decimal,
        "datetimeoffset" | "datetime" | "timestamp" => Primitive::DateTimeOffset,
        "date" => Primitive::Date,
        "timeofday" | "time" => Primitive::TimeOfDay,
        "duration" | "timespan" => Primitive::Duration,
        "guid" | "uuid" => Primitive::Guid,
        "binary" | "base64" | "base64binary" => Primitive::Binary,
        "stream" => Primitive::Stream,
        _ => return None,
    };
    Some(p)
}

/// Names that mean "any JSON" in the docs.
pub fn is_json_name(name: &str) -> bool {
    matches!(
        name.trim().to_ascii_lowercase().as_str(),
        "json" | "object" | "edm.untyped" | "untyped" | "any" | "edm.complextype" | "dynamic"
    )
}

/// The Graph type name without the `#microsoft.graph.` / `microsoft.graph.` namespace prefix.
pub fn strip_namespace(name: &str) -> &str {
    let name = name.trim().trim_start_matches('#');
    name.strip_prefix("microsoft.graph.")
        .or_else(|| name.strip_prefix("Microsoft.Graph."))
        .unwrap_or(name)
}

/// What a JSON example value says about its type.
#[derive(Debug, Clone, PartialEq)]
pub enum JsonEvidence {
    Primitive(Primitive),
    /// An object carrying `@odata.type` naming this type.
    Typed(String),
    /// An object without a type annotation.
    Object,
    /// `null` or an empty array: says nothing.
    Unknown,
}

/// Infer what an example value says about its type; arrays report their first informative element.
pub fn evidence(value: &Value) -> (JsonEvidence, bool) {
    match value {
        Value::Array(items) => {
            let inner = items
                .iter()
                .map(|v| evidence(v).0)
                .find(|e| *e != JsonEvidence::Unknown)
                .unwrap_or(JsonEvidence::Unknown);
            (inner, true)
        }
        other => (scalar_evidence(other), false),
    }
}

fn scalar_evidence(value: &Value) -> JsonEvidence {
    match value {
        Value::Null | Value::Array(_) => JsonEvidence::Unknown,
        Value::Bool(_) => JsonEvidence::Primitive(Primitive::Boolean),
        Value::Number(n) => {
            if n.is_f64() {
                JsonEvidence::Primitive(Primitive::Double)
            } else if n.as_i64().is_some_and(|v| i32::try_from(v).is_ok()) {
                JsonEvidence::Primitive(Primitive::Int32)
            } else {
                JsonEvidence::Primitive(Primitive::Int64)
            }
        }
        Value::String(s) => JsonEvidence::Primitive(string_primitive(s)),
        Value::Object(map) => match map.get("@odata.type").and_then(Value::as_str) {
            Some(t) if !strip_namespace(t).is_empty() => {
                JsonEvidence::Typed(strip_namespace(t).to_string())
            }
            _ => JsonEvidence::Object,
        },
    }
}

/// Strings that are unmistakably timestamps or dates are typed as such; anything
/// else stays a String (GUID-shaped ids are Strings in Graph's own tables).
fn string_primitive(s: &str) -> Primitive {
    use std::sync::LazyLock;
    static DATE_TIME: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$",
        )
        .expect("static regex")
    });
    static DATE: LazyLock<regex::Regex> =
        LazyLock::new(|| regex::Regex::new(r"^\d{4}-\d{2}-\d{2}$").expect("static regex"));
    if DATE_TIME.is_match(s) {
        Primitive::DateTimeOffset
    } else if DATE.is_match(s) {
        Primitive::Date
    } else {
        Primitive::String
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn doc_spellings_resolve_to_primitives() {
        assert_eq!(primitive("String"), Some(Primitive::String));
        assert_eq!(primitive("Edm.Int32"), Some(Primitive::Int32));
        assert_eq!(primitive("DateTimeOffset"), Some(Primitive::DateTimeOffset));
        assert_eq!(primitive("Timestamp"), Some(Primitive::DateTimeOffset));
        assert_eq!(primitive("user"), None);
        assert_eq!(strip_namespace("#microsoft.graph.user"), "user");
    }

    #[test]
    fn example_values_give_evidence() {
        assert_eq!(
            evidence(&json!("2020-11-03T12:43:14Z")).0,
            JsonEvidence::Primitive(Primitive::DateTimeOffset)
        );
        assert_eq!(
            evidence(&json!("2016-12-31T23:59:37.9174975-08:00")).0,
            JsonEvidence::Primitive(Primitive::DateTimeOffset)
        );
        assert_eq!(
            evidence(&json!("198d7140-80bb-4843-8cc4-811377a49a92")).0,
            JsonEvidence::Primitive(Primitive::String)
        );
        assert_eq!(
            evidence(&json!([{"@odata.type": "microsoft.graph.x"}])),
            (JsonEvidence::Typed("x".into()), true)
        );
        assert_eq!(
            evidence(&json!(3_000_000_000i64)).0,
            JsonEvidence::Primitive(Primitive::Int64)
        );
    }
}
