//! `Edm.Guid`.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use uuid::Uuid;

use super::{string_serde, ParseError};

/// How a GUID was written, so it is written back the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Form {
    /// `0c1b8a1e-5f7d-4a3c-9c1e-2f8d6b7a9e10` (also how new values are written).
    #[default]
    Hyphenated,
    /// `0c1b8a1e5f7d4a3c9c1e2f8d6b7a9e10`.
    Simple,
    /// `{0c1b8a1e-5f7d-4a3c-9c1e-2f8d6b7a9e10}`.
    Braced,
    /// `urn:uuid:0c1b8a1e-5f7d-4a3c-9c1e-2f8d6b7a9e10`.
    Urn,
}

/// `Edm.Guid`, e.g. `0c1b8a1e-5f7d-4a3c-9c1e-2f8d6b7a9e10`.
///
/// New values are written lower-case hyphenated, as Graph does. A value read
/// from text is written back in the form and case it came in (upper-case
/// GUIDs appear in Graph's own examples); mixed case is written lower-case.
/// Equality, ordering and hashing compare the GUID, not its text.
#[derive(Debug, Clone, Copy, Default)]
pub struct Guid {
    uuid: Uuid,
    form: Form,
    upper: bool,
}

impl Guid {
    /// Wraps a uuid.
    pub fn new(uuid: Uuid) -> Guid {
        Guid {
            uuid,
            form: Form::Hyphenated,
            upper: false,
        }
    }

    /// The uuid.
    pub fn as_uuid(&self) -> &Uuid {
        &self.uuid
    }

    /// The uuid, consuming `self`.
    pub fn into_inner(self) -> Uuid {
        self.uuid
    }
}

impl From<Uuid> for Guid {
    fn from(uuid: Uuid) -> Guid {
        Guid::new(uuid)
    }
}

impl From<Guid> for Uuid {
    fn from(guid: Guid) -> Uuid {
        guid.uuid
    }
}

impl PartialEq for Guid {
    fn eq(&self, other: &Guid) -> bool {
        self.uuid == other.uuid
    }
}

impl Eq for Guid {}

impl Hash for Guid {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.uuid.hash(state);
    }
}

impl PartialOrd for Guid {
    fn partial_cmp(&self, other: &Guid) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Guid {
    fn cmp(&self, other: &Guid) -> Ordering {
        self.uuid.cmp(&other.uuid)
    }
}

impl FromStr for Guid {
    type Err = ParseError;

    /// Accepts hyphenated, simple, braced and URN forms, any case.
    fn from_str(s: &str) -> Result<Guid, ParseError> {
        let uuid = Uuid::parse_str(s).map_err(|_| ParseError::new("Edm.Guid", s))?;
        let form = if s.starts_with('{') {
            Form::Braced
        } else if s.len() >= 4 && s[..4].eq_ignore_ascii_case("urn:") {
            Form::Urn
        } else if s.contains('-') {
            Form::Hyphenated
        } else {
            Form::Simple
        };
        let digits = s.strip_prefix("urn:uuid:").unwrap_or(s);
        let has_upper = digits.bytes().any(|b| b.is_ascii_uppercase());
        let has_lower = digits.bytes().any(|b| b.is_ascii_lowercase());
        Ok(Guid {
            uuid,
            form,
            upper: has_upper && !has_lower,
        })
    }
}

impl fmt::Display for Guid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buf = Uuid::encode_buffer();
        let text: &str = match (self.form, self.upper) {
            (Form::Hyphenated, false) => self.uuid.hyphenated().encode_lower(&mut buf),
            (Form::Hyphenated, true) => self.uuid.hyphenated().encode_upper(&mut buf),
            (Form::Simple, false) => self.uuid.simple().encode_lower(&mut buf),
            (Form::Simple, true) => self.uuid.simple().encode_upper(&mut buf),
            (Form::Braced, false) => self.uuid.braced().encode_lower(&mut buf),
            (Form::Braced, true) => self.uuid.braced().encode_upper(&mut buf),
            (Form::Urn, upper) => {
                // The `urn:uuid:` prefix stays lower-case either way.
                let digits = if upper {
                    self.uuid.hyphenated().encode_upper(&mut buf)
                } else {
                    self.uuid.hyphenated().encode_lower(&mut buf)
                };
                f.write_str("urn:uuid:")?;
                return f.write_str(digits);
            }
        };
        f.write_str(text)
    }
}

string_serde!(Guid, "an Edm.Guid string");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_in_the_form_it_came_in() {
        let text = "\"0c1b8a1e-5f7d-4a3c-9c1e-2f8d6b7a9e10\"";
        let g: Guid = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::to_string(&g).unwrap(), text);
        let upper: Guid = "0C1B8A1E-5F7D-4A3C-9C1E-2F8D6B7A9E10".parse().unwrap();
        assert_eq!(upper, g);
        assert_eq!(upper.to_string(), "0C1B8A1E-5F7D-4A3C-9C1E-2F8D6B7A9E10");
        for form in [
            "0c1b8a1e5f7d4a3c9c1e2f8d6b7a9e10",
            "{0C1B8A1E-5F7D-4A3C-9C1E-2F8D6B7A9E10}",
            "urn:uuid:0c1b8a1e-5f7d-4a3c-9c1e-2f8d6b7a9e10",
        ] {
            let parsed: Guid = form.parse().unwrap();
            assert_eq!(parsed.to_string(), form);
            assert_eq!(parsed, g);
        }
        let mixed: Guid = "0c1B8a1e-5f7d-4a3c-9c1e-2f8d6b7a9e10".parse().unwrap();
        assert_eq!(mixed.to_string(), "0c1b8a1e-5f7d-4a3c-9c1e-2f8d6b7a9e10");
        assert_eq!(
            Guid::new(*g.as_uuid()).to_string(),
            "0c1b8a1e-5f7d-4a3c-9c1e-2f8d6b7a9e10"
        );
        let mut set = std::collections::HashSet::new();
        set.insert(g);
        assert!(set.contains(&upper));
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
