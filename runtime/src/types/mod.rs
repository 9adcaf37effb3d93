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
