//! `Edm.Decimal`.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::ParseError;

/// Whether the value travelled as a JSON number or a JSON string
/// (OData's `IEEE754Compatible` form).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    Number,
    String,
}

/// `Edm.Decimal`, kept as decimal text so no digit is lost to `f64`.
///
/// Read from a JSON number or a JSON string, written back in the same form.
/// A string keeps its text exactly; so does an integer. A JSON number with
/// a fraction reaches this type through serde's `f64` (serde_json is built
/// without `arbitrary_precision` here), so it keeps its shortest `f64` text
/// (`1.50` is read as `1.5`). A value whose text an `f64` cannot carry is
/// written as a JSON string rather than rounded. Compares by numeric value
/// (`1.5 == 1.50`).
#[derive(Debug, Clone)]
pub struct Decimal {
    text: String,
    form: Form,
}

/// (negative, significant digits, exponent): `-1.50` → (true, "15", -1).
type Canonical = (bool, String, i64);

impl Decimal {
    /// The decimal text, e.g. `"12.50"`.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The nearest `f64` (huge values become infinite).
    pub fn to_f64(&self) -> f64 {
        self.text.parse().unwrap_or(f64::NAN)
    }

    /// A decimal from a finite `f64`, in its shortest text.
    pub fn from_f64(value: f64) -> Option<Decimal> {
        serde_json::Number::from_f64(value).map(|n| Decimal {
            text: n.to_string(),
            form: Form::Number,
        })
    }

    fn canonical(&self) -> Canonical {
        // `text` was validated on construction.
        canonical(&self.text).unwrap_or((false, String::new(), 0))
    }
}

/// Splits valid JSON-number text into its canonical value; `None` if the
/// text is not a JSON number.
fn canonical(text: &str) -> Option<Canonical> {
    let b = text.as_bytes();
    let (negative, rest) = match b {
        [b'-', rest @ ..] => (true, rest),
        _ => (false, b),
    };
    let int_len = rest.iter().take_while(|c| c.is_ascii_digit()).count();
    let int = &rest[..int_len];
    if int.is_empty() || (int.len() > 1 && int[0] == b'0') {
        return None;
    }
    let mut rest = &rest[int_len..];
    let mut frac: &[u8] = &[];
    if let [b'.', after @ ..] = rest {
        let n = after.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return None;
        }
        frac = &after[..n];
        rest = &after[n..];
    }
    let mut exponent: i64 = 0;
    if let [b'e' | b'E', after @ ..] = rest {
        let (sign, after) = match after {
            [b'-', a @ ..] => (-1, a),
            [b'+', a @ ..] => (1, a),
            _ => (1, after),
        };
        if after.is_empty() || !after.iter().all(u8::is_ascii_digit) {
            return None;
        }
        exponent = after.iter().try_fold(0i64, |acc, &c| {
            acc.checked_mul(10)?.checked_add(i64::from(c - b'0'))
        })? * sign;
        rest = &[];
    }
    if !rest.is_empty() {
        return None;
    }
    let mut digits: String = int.iter().chain(frac).map(|&c| char::from(c)).collect();
    let mut exponent = exponent.checked_sub(i64::try_from(frac.len()).ok()?)?;
    let trimmed = digits.trim_start_matches('0').len();
    digits.drain(..digits.len() - trimmed);
    if digits.is_empty() {
        return Some((false, String::new(), 0));
    }
    while digits.ends_with('0') {
        digits.pop();
        exponent = exponent.checked_add(1)?;
    }
    Some((negative, digits, exponent))
}

impl From<i64> for Decimal {
    fn from(v: i64) -> Decimal {
        Decimal {
            text: v.to_string(),
            form: Form::Number,
        }
    }
}

impl From<u64> for Decimal {
    fn from(v: u64) -> Decimal {
        Decimal {
            text: v.to_string(),
            form: Form::Number,
        }
    }
}

impl PartialEq for Decimal {
    fn eq(&self, other: &Decimal) -> bool {
        self.canonical() == other.canonical()
    }
}

impl Eq for Decimal {}

impl Hash for Decimal {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.canonical().hash(state);
    }
}

impl FromStr for Decimal {
    type Err = ParseError;

    /// Accepts JSON number syntax (`-12.50`, `1e3`); the value is written as
    /// a JSON number.
    fn from_str(s: &str) -> Result<Decimal, ParseError> {
        canonical(s).ok_or_else(|| ParseError::new("Edm.Decimal", s))?;
        Ok(Decimal {
            text: s.to_owned(),
            form: Form::Number,
        })
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.form == Form::Number {
            if let Ok(v) = self.text.parse::<i64>() {
                if v.to_string() == self.text {
                    return serializer.serialize_i64(v);
                }
            }
            if let Ok(v) = self.text.parse::<u64>() {
                if v.to_string() == self.text {
                    return serializer.serialize_u64(v);
                }
            }
            if let Ok(v) = self.text.parse::<f64>() {
                if serde_json::Number::from_f64(v).is_some_and(|n| n.to_string() == self.text) {
                    return serializer.serialize_f64(v);
                }
            }
        }
        serializer.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Decimal;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an Edm.Decimal number or numeric string")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
                Ok(Decimal::from(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
                Ok(Decimal::from(v))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
                Decimal::from_f64(v).ok_or_else(|| E::custom("Edm.Decimal must be finite"))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
                let mut d: Decimal = v.parse().map_err(E::custom)?;
                d.form = Form::String;
                Ok(d)
            }
        }
        deserializer.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(json: &str) -> Decimal {
        let d: Decimal = serde_json::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"));
        assert_eq!(serde_json::to_string(&d).unwrap(), json);
        d
    }

    #[test]
    fn round_trips_numbers_and_strings() {
        assert_eq!(round_trip("42").as_str(), "42");
        assert_eq!(round_trip("-7").as_str(), "-7");
        assert_eq!(
            round_trip("18446744073709551615").as_str(),
            "18446744073709551615"
        );
        assert_eq!(round_trip("12.5").as_str(), "12.5");
        assert_eq!(round_trip("0.1").as_str(), "0.1");
        assert_eq!(round_trip("\"12.50\"").as_str(), "12.50");
        assert_eq!(
            round_trip("\"123456789012345678901234567890.123456789\"").as_str(),
            "123456789012345678901234567890.123456789"
        );
    }

    #[test]
    fn compares_by_value() {
        let a: Decimal = "1.5".parse().unwrap();
        let b: Decimal = serde_json::from_str("\"1.50\"").unwrap();
        assert_eq!(a, b);
        assert_eq!("150e-2".parse::<Decimal>().unwrap(), a);
        assert_eq!(
            "0".parse::<Decimal>().unwrap(),
            "-0.000".parse::<Decimal>().unwrap()
        );
        assert_ne!(a, "-1.5".parse::<Decimal>().unwrap());
        assert_ne!(a, "15".parse::<Decimal>().unwrap());
        assert_eq!(a.to_f64(), 1.5);
    }

    #[test]
    fn precise_text_is_never_rounded() {
        let d: Decimal = "0.1000000000000000000001".parse().unwrap();
        assert_eq!(
            serde_json::to_string(&d).unwrap(),
            "\"0.1000000000000000000001\""
        );
        assert_eq!(serde_json::to_string(&Decimal::from(5i64)).unwrap(), "5");
    }

    #[test]
    fn rejects_invalid() {
        for bad in [
            "",
            "abc",
            "1.",
            ".5",
            "01",
            "+1",
            "1e",
            "1e+",
            "--1",
            "1.5.5",
            "NaN",
            "1e99999999999999999999",
        ] {
            assert!(bad.parse::<Decimal>().is_err(), "{bad}");
        }
        assert!(serde_json::from_str::<Decimal>("true").is_err());
        assert!(serde_json::from_str::<Decimal>("\"x\"").is_err());
    }
}
