//! Graph (OData EDM) primitive types that serde_json has no type for.
//!
//! Each keeps its wire text so that a value read from Graph is written back
//! exactly as received (e.g. the 7 fractional digits of
//! `2016-12-31T23:59:37.9174975-08:00`), while comparing by value.
//! Parsing never panics: malformed text is a [`ParseError`] (or a serde
//! error when deserializing).

mod binary;
mod datetime;
mod decimal;
mod duration;
mod guid;

pub use binary::Binary;
pub use datetime::{Date, DateTimeOffset, TimeOfDay};
pub use decimal::Decimal;
pub use duration::Duration;
pub use guid::Guid;

use std::fmt;

/// Text that is not a valid value of a Graph primitive type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    type_name: &'static str,
    input: String,
}

impl ParseError {
    pub(crate) fn new(type_name: &'static str, input: &str) -> ParseError {
        let mut shown: String = input.chars().take(64).collect();
        if shown.len() < input.len() {
            shown.push('…');
        }
        ParseError {
            type_name,
            input: shown,
        }
    }

    /// The Graph type that failed to parse, e.g. `"Edm.DateTimeOffset"`.
    pub fn type_name(&self) -> &'static str {
        self.type_name
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {} value {:?}", self.type_name, self.input)
    }
}

impl std::error::Error for ParseError {}

/// Implements Serialize (as the Display text) and Deserialize (from a JSON
/// string through FromStr) for a type.
macro_rules! string_serde {
    ($ty:ty, $expecting:literal) => {
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<$ty, D::Error> {
                struct V;
                impl serde::de::Visitor<'_> for V {
                    type Value = $ty;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<$ty, E> {
                        v.parse().map_err(E::custom)
                    }
                }
                deserializer.deserialize_str(V)
            }
        }
    };
}
pub(crate) use string_serde;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Patch;
    use std::collections::BTreeMap;

    /// Generated models keep unknown members with `#[serde(flatten)]`, which
    /// makes serde buffer the input: every type must deserialize from that
    /// buffer too.
    #[derive(Debug, serde::Serialize, serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Model {
        created_date_time: DateTimeOffset,
        birthday: Date,
        start_time: TimeOfDay,
        timeout: Duration,
        id: Guid,
        content_bytes: Binary,
        amount: Decimal,
        price: Decimal,
        #[serde(default, skip_serializing_if = "Patch::is_absent")]
        note: Patch<String>,
        #[serde(default, skip_serializing_if = "Patch::is_absent")]
        missing: Patch<String>,
        #[serde(flatten)]
        additional_properties: BTreeMap<String, serde_json::Value>,
    }

    #[test]
    fn all_types_work_inside_a_flattened_model() {
        let text = r##"{"createdDateTime":"2016-12-31T23:59:37.9174975-08:00","birthday":"2021-07-16","startTime":"13:45:00.0000000","timeout":"-PT5S","id":"0c1b8a1e-5f7d-4a3c-9c1e-2f8d6b7a9e10","contentBytes":"SGVsbG8=","amount":12.5,"price":"19.90","note":null,"@odata.type":"#microsoft.graph.thing"}"##;
        let model: Model = serde_json::from_str(text).unwrap();
        assert_eq!(model.note, Patch::Null);
        assert!(model.missing.is_absent());
        assert_eq!(model.timeout.total_nanos(), Some(-5_000_000_000));
        assert_eq!(model.price.as_str(), "19.90");
        assert_eq!(
            model.additional_properties["@odata.type"],
            serde_json::json!("#microsoft.graph.thing")
        );
        assert_eq!(serde_json::to_string(&model).unwrap(), text);
        // Also through serde_json::Value.
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        let again: Model = serde_json::from_value(value).unwrap();
        assert_eq!(serde_json::to_string(&again).unwrap(), text);
    }

    #[test]
    fn bad_values_are_errors_not_panics() {
        let bad = [
            r#"{"createdDateTime":"2016-13-31T23:59:37Z"}"#,
            r#"{"createdDateTime":17}"#,
            r#"{"createdDateTime":null}"#,
        ];
        for text in bad {
            assert!(serde_json::from_str::<Model>(text).is_err(), "{text}");
        }
        assert_eq!(
            "nope".parse::<Date>().unwrap_err().to_string(),
            "invalid Edm.Date value \"nope\""
        );
        let long = "x".repeat(1000);
        assert!(long.parse::<Guid>().unwrap_err().to_string().len() < 120);
    }
}
