//! `Edm.Binary`.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
use base64::Engine;

use super::{string_serde, ParseError};

/// The base64 flavour a value was read in, to write it back the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Alphabet {
    Standard,
    UrlSafe,
    StandardNoPad,
    UrlSafeNoPad,
}

impl Alphabet {
    const ALL: [Alphabet; 4] = [
        Alphabet::Standard,
        Alphabet::UrlSafe,
        Alphabet::StandardNoPad,
        Alphabet::UrlSafeNoPad,
    ];

    fn engine(self) -> &'static base64::engine::GeneralPurpose {
        match self {
            Alphabet::Standard => &STANDARD,
            Alphabet::UrlSafe => &URL_SAFE,
            Alphabet::StandardNoPad => &STANDARD_NO_PAD,
            Alphabet::UrlSafeNoPad => &URL_SAFE_NO_PAD,
        }
    }
}

/// `Edm.Binary`: bytes carried as base64 text (e.g. attachment
/// `contentBytes`).
///
/// New values are written in standard padded base64. Values read from the
/// wire are also accepted in the URL-safe and unpadded forms OData allows,
/// and written back in the form they came in. Compares by bytes.
#[derive(Debug, Clone)]
pub struct Binary {
    bytes: Vec<u8>,
    alphabet: Alphabet,
}

impl Binary {
    /// Wraps bytes.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Binary {
        Binary {
            bytes: bytes.into(),
            alphabet: Alphabet::Standard,
        }
    }

    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The bytes, consuming `self`.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
}

impl Default for Binary {
    fn default() -> Binary {
        Binary::new(Vec::new())
    }
}

impl From<Vec<u8>> for Binary {
    fn from(bytes: Vec<u8>) -> Binary {
        Binary::new(bytes)
    }
}

impl From<&[u8]> for Binary {
    fn from(bytes: &[u8]) -> Binary {
        Binary::new(bytes)
    }
}

impl From<Binary> for Vec<u8> {
    fn from(b: Binary) -> Vec<u8> {
        b.bytes
    }
}

impl AsRef<[u8]> for Binary {
    fn as_ref(&self) -> &[u8] {
        &self.bytes
    }
}

impl PartialEq for Binary {
    fn eq(&self, other: &Binary) -> bool {
        self.bytes == other.bytes
    }
}

impl Eq for Binary {}

impl Hash for Binary {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.bytes.hash(state);
    }
}

impl FromStr for Binary {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Binary, ParseError> {
        Alphabet::ALL
            .iter()
            .find_map(|&alphabet| {
                alphabet
                    .engine()
                    .decode(s)
                    .ok()
                    .map(|bytes| Binary { bytes, alphabet })
            })
            .ok_or_else(|| ParseError::new("Edm.Binary", s))
    }
}

impl fmt::Display for Binary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.alphabet.engine().encode(&self.bytes))
    }
}

string_serde!(Binary, "a base64 string");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for text in [
            "",
            "SGVsbG8gV29ybGQ=",
            "SGVsbG8gV29ybGQ",
            "-_8=",
            "-_8",
            "+/8=",
            "AAEC",
        ] {
            let json = serde_json::to_string(text).unwrap();
            let b: Binary = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(serde_json::to_string(&b).unwrap(), json);
        }
        let hello: Binary = "SGVsbG8gV29ybGQ=".parse().unwrap();
        assert_eq!(hello.as_bytes(), b"Hello World");
        assert_eq!(
            Binary::new(b"Hello World".to_vec()).to_string(),
            "SGVsbG8gV29ybGQ="
        );
        let a: Binary = "-_8=".parse().unwrap();
        let b: Binary = "+/8".parse().unwrap();
        assert_eq!(a, b);
        assert_eq!(a.as_bytes(), [0xfb, 0xff]);
    }

    #[test]
    fn rejects_invalid() {
        for bad in [
            "%%%",
            "SGVsbG8=x",
            "SGVsbG8gV29ybGQ==",
            "SGV sbG8=",
            "+_8=",
            "QR==",
        ] {
            assert!(bad.parse::<Binary>().is_err(), "{bad}");
        }
        assert!(serde_json::from_str::<Binary>("[1,2]").is_err());
    }
}
