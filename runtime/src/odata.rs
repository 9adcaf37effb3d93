//! `@odata.type` handling for polymorphic values.
//!
//! A Graph property typed by a base type (say `attachment`) may hold any type
//! derived from it (`fileAttachment`, `itemAttachment`, …); the value says which
//! with `@odata.type`. Generated enums over a base type and its derived types
//! use these helpers to pick the variant when reading and to name the type
//! when writing.

use serde::ser::Error as _;
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

/// The namespace Graph's own types live in.
const NAMESPACE: &str = "microsoft.graph.";

/// The type an object's `@odata.type` names, as a lookup key: without the
/// leading `#` and the `microsoft.graph.` namespace, lower-cased. `None` when
/// the value is not an object or has no string `@odata.type`.
///
/// ```
/// use graphdoc_runtime::odata::type_key;
/// let v = serde_json::json!({"@odata.type": "#microsoft.graph.fileAttachment"});
/// assert_eq!(type_key(&v).as_deref(), Some("fileattachment"));
/// let v = serde_json::json!({"@odata.type": "Microsoft.Graph.FileAttachment"});
/// assert_eq!(type_key(&v).as_deref(), Some("fileattachment"));
/// assert_eq!(type_key(&serde_json::json!({"id": "1"})), None);
/// ```
pub fn type_key(value: &Value) -> Option<String> {
    let name = value.get("@odata.type")?.as_str()?.trim();
    let name = name.strip_prefix('#').unwrap_or(name);
    let bare = match name.get(..NAMESPACE.len()) {
        Some(prefix) if prefix.eq_ignore_ascii_case(NAMESPACE) => &name[NAMESPACE.len()..],
        _ => name,
    };
    Some(bare.to_ascii_lowercase())
}

/// Serializes `value` as a JSON object that names its type: when it has no
/// `@odata.type` yet, `odata_type` (e.g. `#microsoft.graph.fileAttachment`)
/// is added as its first member, as OData asks for control information.
/// A value that already names a type is written unchanged.
pub fn serialize_typed<T, S>(value: &T, odata_type: &str, serializer: S) -> Result<S::Ok, S::Error>
where
    T: Serialize + ?Sized,
    S: Serializer,
{
    let json = serde_json::to_value(value).map_err(S::Error::custom)?;
    match json {
        Value::Object(members) if !members.contains_key("@odata.type") => {
            let mut typed = Map::with_capacity(members.len() + 1);
            typed.insert(
                "@odata.type".to_owned(),
                Value::String(odata_type.to_owned()),
            );
            typed.extend(members);
            Value::Object(typed).serialize(serializer)
        }
        other => other.serialize(serializer),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keys_ignore_hash_namespace_and_case() {
        for raw in [
            "#microsoft.graph.fileAttachment",
            "microsoft.graph.fileAttachment",
            "fileAttachment",
            "#FILEATTACHMENT",
            " #microsoft.graph.fileattachment ",
        ] {
            assert_eq!(
                type_key(&json!({ "@odata.type": raw })).as_deref(),
                Some("fileattachment"),
                "{raw}"
            );
        }
        assert_eq!(
            type_key(&json!({ "@odata.type": "#microsoft.graph.callRecords.session" })).as_deref(),
            Some("callrecords.session")
        );
        assert_eq!(type_key(&json!({ "@odata.type": 5 })), None);
        assert_eq!(type_key(&json!(["@odata.type"])), None);
        assert_eq!(type_key(&json!("x")), None);
    }

    #[derive(Serialize)]
    struct Thing {
        #[serde(rename = "@odata.type", skip_serializing_if = "Option::is_none")]
        odata_type: Option<String>,
        name: &'static str,
    }

    #[test]
    fn adds_the_type_first_only_when_missing() {
        let untyped = Thing {
            odata_type: None,
            name: "a",
        };
        let mut out = Vec::new();
        serialize_typed(
            &untyped,
            "#microsoft.graph.fileAttachment",
            &mut serde_json::Serializer::new(&mut out),
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r##"{"@odata.type":"#microsoft.graph.fileAttachment","name":"a"}"##
        );
        let typed = Thing {
            odata_type: Some("#microsoft.graph.other".into()),
            name: "a",
        };
        let value = serialize_typed(
            &typed,
            "#microsoft.graph.fileAttachment",
            serde_json::value::Serializer,
        )
        .unwrap();
        assert_eq!(
            value,
            json!({"@odata.type": "#microsoft.graph.other", "name": "a"})
        );
        let scalar = serialize_typed(&5, "#x", serde_json::value::Serializer).unwrap();
        assert_eq!(scalar, json!(5));
    }
}
