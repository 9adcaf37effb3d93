//! `Edm.Guid`.

use std::fmt;
use std::str::FromStr;

use uuid::Uuid;

use super::{string_serde, ParseError};

/// `Edm.Guid`, written lower-case hyphenated
/// (`0c1b8a1e-5f7d-4a3c-9c1e-2f8d6b7a9e10`), as Graph does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Guid(Uuid);

impl Guid {
    /// Wraps a uuid.
    pub fn new(uuid: Uuid) -> Guid {
        Guid(uuid)
    }

    /// The uuid.
    pub fn as_uuid(&self) -> &Uuid {
        &self.0
    }

    /// The uuid, consuming `self`.
    pub fn into_inner(self) -> Uuid {
        self.0
    }
}

impl From<Uuid> for Guid {
    fn from(uuid: Uuid) -> Guid {
        Guid(uuid)
    }
}

impl From<Guid> for Uuid {
    fn from(guid: Guid) -> Uuid {
        guid.0
    }
}

impl FromStr for Guid {
    type Err = ParseError;

    /// Accepts hyphenated, simple, braced and URN forms, any case.
    fn from_str(s: &str) -> Result<Guid, ParseError> {
        Uuid::parse_str(s)
            .map(Guid)
            .map_err(|_| ParseError::new("Edm.Guid", s))
    }
}

impl fmt::Display for Guid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0.hyphenated(), f)
    }
}

string_serde!(Guid, "an Edm.Guid string");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_normalizes() {
        let text = "\"0c1b8a1e-5f7d-4a3c-9c1e-2f8d6b7a9e10\"";
        let g: Guid = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::to_string(&g).unwrap(), text);
        let upper: Guid = "0C1B8A1E-5F7D-4A3C-9C1E-2F8D6B7A9E10".parse().unwrap();
        assert_eq!(upper, g);
        assert_eq!(upper.to_string(), "0c1b8a1e-5f7d-4a3c-9c1e-2f8d6b7a9e10");
        assert_eq!(
            g.as_uuid().as_u128(),
            0x0c1b8a1e_5f7d_4a3c_9c1e_2f8d6b7a9e10
        );
        for bad in [
            "",
            "not-a-guid",
            "0c1b8a1e-5f7d-4a3c-9c1e-2f8d6b7a9e1",
            "0c1b8a1e-5f7d-4a3c-9c1e-2f8d6b7a9e1g",
        ] {
            assert!(bad.parse::<Guid>().is_err(), "{bad}");
        }
        assert!(serde_json::from_str::<Guid>("42").is_err());
    }
}
