//! `Edm.Duration`: ISO 8601 durations such as `PT1H30M`, `P1D`, `-PT5S`.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use super::{string_serde, ParseError};

const NANOS_PER_SEC: u128 = 1_000_000_000;

/// `Edm.Duration`: an ISO 8601 duration, kept as the exact text it was read
/// from (`PT1H30M`, `P1D`, `-PT5S`, `P1Y2M`, `PT0.5S`, `P2W`...).
///
/// Any valid ISO 8601 duration parses. Durations without years or months
/// have an exact length ([`Duration::total_nanos`], [`Duration::to_std`]);
/// equality compares that length (`PT60M == PT1H`), or the text when the
/// duration has calendar parts.
#[derive(Debug, Clone)]
pub struct Duration {
    text: String,
    negative: bool,
    /// Length in nanoseconds when it does not depend on the calendar and
    /// fits in `u128`.
    exact_nanos: Option<u128>,
}

impl Duration {
    /// The duration as written, e.g. `"PT1H30M"`.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// True when written with a leading `-`.
    pub fn is_negative(&self) -> bool {
        self.negative
    }

    /// Signed length in nanoseconds; `None` with years or months (their
    /// length depends on the calendar) or when out of range.
    pub fn total_nanos(&self) -> Option<i128> {
        let n = i128::try_from(self.exact_nanos?).ok()?;
        Some(if self.negative { -n } else { n })
    }

    /// Signed length in seconds, when [`Duration::total_nanos`] is known.
    pub fn as_secs_f64(&self) -> Option<f64> {
        self.total_nanos().map(|n| n as f64 / 1e9)
    }

    /// The length as a `std::time::Duration`; `None` when negative, with
    /// years or months, or out of range.
    pub fn to_std(&self) -> Option<std::time::Duration> {
        let n = self.exact_nanos?;
        if self.negative && n != 0 {
            return None;
        }
        let secs = u64::try_from(n / NANOS_PER_SEC).ok()?;
        Some(std::time::Duration::new(secs, (n % NANOS_PER_SEC) as u32))
    }

    /// Builds the canonical text for a length, e.g. 5400 s → `PT1H30M`,
    /// 1 day → `P1D`.
    pub fn from_std(d: std::time::Duration) -> Duration {
        let total = d.as_secs();
        let (days, rest) = (total / 86_400, total % 86_400);
        let (hours, minutes, seconds) = (rest / 3600, (rest % 3600) / 60, rest % 60);
        let nanos = d.subsec_nanos();
        let mut text = String::from("P");
        if days > 0 {
            text.push_str(&format!("{days}D"));
        }
        if hours > 0 || minutes > 0 || seconds > 0 || nanos > 0 || days == 0 {
            text.push('T');
            if hours > 0 {
                text.push_str(&format!("{hours}H"));
            }
            if minutes > 0 {
                text.push_str(&format!("{minutes}M"));
            }
            if seconds > 0 || nanos > 0 || (hours == 0 && minutes == 0) {
                text.push_str(&seconds.to_string());
                if nanos > 0 {
                    let frac = format!("{nanos:09}");
                    text.push('.');
                    text.push_str(frac.trim_end_matches('0'));
                }
                text.push('S');
            }
        }
        Duration {
            text,
            negative: false,
            exact_nanos: Some(d.as_nanos()),
        }
    }
}

impl From<std::time::Duration> for Duration {
    fn from(d: std::time::Duration) -> Duration {
        Duration::from_std(d)
    }
}

impl PartialEq for Duration {
    fn eq(&self, other: &Duration) -> bool {
        match (self.signed_exact(), other.signed_exact()) {
            (Some(a), Some(b)) => a == b,
            (None, None) => self.text == other.text,
            _ => false,
        }
    }
}

impl Eq for Duration {}

impl Hash for Duration {
    fn hash<H: Hasher>(&self, state: &mut H) {
        match self.signed_exact() {
            Some(v) => (0u8, v).hash(state),
            None => (1u8, &self.text).hash(state),
        }
    }
}

impl Duration {
    /// (negative, nanos) with zero always non-negative.
    fn signed_exact(&self) -> Option<(bool, u128)> {
        self.exact_nanos.map(|n| (self.negative && n != 0, n))
    }
}

/// Unit lengths in nanoseconds; `None` for calendar units (years, months).
fn unit_nanos(designator: u8, in_time: bool) -> Option<u128> {
    match (designator, in_time) {
        (b'W', false) => Some(7 * 86_400 * NANOS_PER_SEC),
        (b'D', false) => Some(86_400 * NANOS_PER_SEC),
        (b'H', true) => Some(3_600 * NANOS_PER_SEC),
        (b'M', true) => Some(60 * NANOS_PER_SEC),
        (b'S', true) => Some(NANOS_PER_SEC),
        _ => None,
    }
}

/// Rank of each designator, to enforce ISO order (Y M W D T H M S).
fn rank(designator: u8, in_time: bool) -> Option<u8> {
    match (designator, in_time) {
        (b'Y', false) => Some(0),
        (b'M', false) => Some(1),
        (b'W', false) => Some(2),
        (b'D', false) => Some(3),
        (b'H', true) => Some(4),
        (b'M', true) => Some(5),
        (b'S', true) => Some(6),
        _ => None,
    }
}

/// `int * unit + frac * unit`, with checked arithmetic.
fn component_nanos(int: &[u8], frac: &[u8], unit: u128) -> Option<u128> {
    let int_value = int.iter().try_fold(0u128, |acc, &b| {
        acc.checked_mul(10)?.checked_add(u128::from(b - b'0'))
    })?;
    let mut total = int_value.checked_mul(unit)?;
    // 18 fractional digits are far below a nanosecond for every unit.
    let frac = &frac[..frac.len().min(18)];
    if !frac.is_empty() {
        let frac_value = frac
            .iter()
            .fold(0u128, |acc, &b| acc * 10 + u128::from(b - b'0'));
        let scale = 10u128.pow(frac.len() as u32);
        total = total.checked_add(frac_value * unit / scale)?;
    }
    Some(total)
}

impl FromStr for Duration {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Duration, ParseError> {
        let err = || ParseError::new("Edm.Duration", s);
        let b = s.as_bytes();
        let (negative, rest) = match b {
            [b'-', rest @ ..] => (true, rest),
            [b'+', rest @ ..] => (false, rest),
            _ => (false, b),
        };
        let Some(mut rest) = rest.strip_prefix(b"P") else {
            return Err(err());
        };
        let mut in_time = false;
        let mut last_rank: Option<u8> = None;
        let mut components = 0;
        let mut time_components = 0;
        let mut exact: Option<u128> = Some(0);
        while let Some(&first) = rest.first() {
            if first == b'T' {
                if in_time {
                    return Err(err());
                }
                in_time = true;
                rest = &rest[1..];
                continue;
            }
            let int_len = rest.iter().take_while(|b| b.is_ascii_digit()).count();
            if int_len == 0 {
                return Err(err());
            }
            let int = &rest[..int_len];
            rest = &rest[int_len..];
            let mut frac: &[u8] = &[];
            if let [b'.' | b',', after @ ..] = rest {
                let frac_len = after.iter().take_while(|b| b.is_ascii_digit()).count();
                if frac_len == 0 {
                    return Err(err());
                }
                frac = &after[..frac_len];
                rest = &after[frac_len..];
            }
            let Some((&designator, after)) = rest.split_first() else {
                return Err(err());
            };
            rest = after;
            let r = rank(designator, in_time).ok_or_else(err)?;
            if last_rank.is_some_and(|last| r <= last) {
                return Err(err());
            }
            last_rank = Some(r);
            components += 1;
            if in_time {
                time_components += 1;
            }
            let is_zero = int.iter().chain(frac).all(|&d| d == b'0');
            exact = match (exact, unit_nanos(designator, in_time)) {
                (Some(total), Some(unit)) => {
                    component_nanos(int, frac, unit).and_then(|n| total.checked_add(n))
                }
                // A zero year or month does not make the length uncertain.
                (Some(total), None) if is_zero => Some(total),
                _ => None,
            };
        }
        if components == 0 || (in_time && time_components == 0) {
            return Err(err());
        }
        Ok(Duration {
            text: s.to_owned(),
            negative,
            exact_nanos: exact,
        })
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

string_serde!(Duration, "an ISO 8601 duration string such as PT1H30M");

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration as Std;

    fn parse(s: &str) -> Duration {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn round_trips_as_written() {
        for text in [
            "PT1H",
            "PT1H30M",
            "P1D",
            "-PT5S",
            "PT0S",
            "P1Y2M3DT4H5M6.789S",
            "P2W",
            "PT0.5S",
            "PT1,5S",
            "P0D",
            "PT36H",
            "P1M",
            "PT1M",
            "+PT1S",
            "P1DT12H",
            "PT0.0000001S",
        ] {
            let json = serde_json::to_string(text).unwrap();
            let d: Duration = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(serde_json::to_string(&d).unwrap(), json);
            assert_eq!(d.as_str(), text);
        }
    }

    #[test]
    fn lengths() {
        assert_eq!(parse("PT1H30M").to_std(), Some(Std::from_secs(5400)));
        assert_eq!(parse("P1D").to_std(), Some(Std::from_secs(86_400)));
        assert_eq!(parse("P2W").to_std(), Some(Std::from_secs(14 * 86_400)));
        assert_eq!(parse("PT0.5S").to_std(), Some(Std::from_millis(500)));
        assert_eq!(parse("PT1.5H").to_std(), Some(Std::from_secs(5400)));
        assert_eq!(parse("PT0.0000001S").total_nanos(), Some(100));
        assert_eq!(parse("-PT5S").total_nanos(), Some(-5_000_000_000));
        assert_eq!(parse("-PT5S").as_secs_f64(), Some(-5.0));
        assert_eq!(parse("-PT5S").to_std(), None);
        assert!(parse("-PT5S").is_negative());
        assert_eq!(parse("P1M").to_std(), None);
        assert_eq!(parse("P1M").total_nanos(), None);
        assert_eq!(parse("P0Y0M1D").to_std(), Some(Std::from_secs(86_400)));
        assert_eq!(parse("PT1M").to_std(), Some(Std::from_secs(60)));
        assert_eq!(
            parse("P99999999999999999999999999999999999999999D").total_nanos(),
            None
        );
    }

    #[test]
    fn equality_by_length() {
        assert_eq!(parse("PT60M"), parse("PT1H"));
        assert_eq!(parse("P1D"), parse("PT24H"));
        assert_eq!(parse("PT0S"), parse("-PT0S"));
        assert_ne!(parse("PT5S"), parse("-PT5S"));
        assert_eq!(parse("P1M"), parse("P1M"));
        assert_ne!(parse("P1M"), parse("PT720H"));
    }

    #[test]
    fn from_std_is_canonical() {
        assert_eq!(Duration::from_std(Std::from_secs(5400)).as_str(), "PT1H30M");
        assert_eq!(Duration::from_std(Std::from_secs(86_400)).as_str(), "P1D");
        assert_eq!(
            Duration::from_std(Std::from_secs(90_061)).as_str(),
            "P1DT1H1M1S"
        );
        assert_eq!(Duration::from_std(Std::ZERO).as_str(), "PT0S");
        assert_eq!(
            Duration::from_std(Std::from_millis(1500)).as_str(),
            "PT1.5S"
        );
        for secs in [0, 1, 59, 60, 3600, 86_399, 86_400, 1_000_000] {
            let d = Duration::from_std(Std::from_secs(secs));
            assert_eq!(
                parse(d.as_str()).to_std(),
                Some(Std::from_secs(secs)),
                "{d}"
            );
        }
    }

    #[test]
    fn rejects_invalid() {
        for bad in [
            "", "P", "PT", "1H", "PT1", "PTH", "P1H", "PT1D", "PT1H1H", "PT1M1H", "P1DT", "PT1.S",
            "PT.5S", "P-1D", "PT1HT1M", "pt1h", "PT1H ", "P1D2", "--PT1S",
        ] {
            assert!(bad.parse::<Duration>().is_err(), "{bad:?}");
        }
    }
}
