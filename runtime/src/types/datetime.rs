//! `Edm.DateTimeOffset`, `Edm.Date` and `Edm.TimeOfDay`.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use chrono::{
    DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, Offset, TimeZone, Timelike, Utc,
};

use super::{string_serde, ParseError};

/// How the time part was written, so it can be written back the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TimeFormat {
    /// `hh:mm` (OData allows omitting seconds).
    Minutes,
    /// `hh:mm:ss` followed by this many fractional digits (0–9).
    Seconds(u8),
}

impl TimeFormat {
    /// The shortest format that shows `time` without loss.
    fn exact(time: &NaiveTime) -> TimeFormat {
        let mut nanos = time.nanosecond() % 1_000_000_000;
        if nanos == 0 {
            return TimeFormat::Seconds(0);
        }
        let mut digits = 9;
        while nanos.is_multiple_of(10) {
            nanos /= 10;
            digits -= 1;
        }
        TimeFormat::Seconds(digits)
    }
}

fn digits(s: &[u8]) -> Option<u32> {
    if s.is_empty() || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    s.iter().try_fold(0u32, |acc, &b| {
        acc.checked_mul(10)?.checked_add(u32::from(b - b'0'))
    })
}

fn parse_date(s: &[u8]) -> Option<NaiveDate> {
    if s.len() != 10 || s[4] != b'-' || s[7] != b'-' {
        return None;
    }
    let year = i32::try_from(digits(&s[0..4])?).ok()?;
    NaiveDate::from_ymd_opt(year, digits(&s[5..7])?, digits(&s[8..10])?)
}

/// `hh:mm[:ss[.fffffffff]]`; second 60 is read as a leap second.
fn parse_time(s: &[u8]) -> Option<(NaiveTime, TimeFormat)> {
    if s.len() < 5 || s[2] != b':' {
        return None;
    }
    let (hour, minute) = (digits(&s[0..2])?, digits(&s[3..5])?);
    if s.len() == 5 {
        return Some((
            NaiveTime::from_hms_opt(hour, minute, 0)?,
            TimeFormat::Minutes,
        ));
    }
    if s.len() < 8 || s[5] != b':' {
        return None;
    }
    let second = digits(&s[6..8])?;
    let (nanos, precision) = match &s[8..] {
        [] => (0, 0),
        [b'.', frac @ ..] if (1..=9).contains(&frac.len()) => {
            let scale = 10u32.pow(9 - frac.len() as u32);
            (digits(frac)? * scale, frac.len() as u8)
        }
        _ => return None,
    };
    let time = if second == 60 {
        NaiveTime::from_hms_nano_opt(hour, minute, 59, 1_000_000_000 + nanos)?
    } else {
        NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)?
    };
    Some((time, TimeFormat::Seconds(precision)))
}

fn write_time(f: &mut fmt::Formatter<'_>, time: &NaiveTime, format: TimeFormat) -> fmt::Result {
    write!(f, "{:02}:{:02}", time.hour(), time.minute())?;
    if let TimeFormat::Seconds(precision) = format {
        let leap = time.nanosecond() >= 1_000_000_000;
        let second = if leap { 60 } else { time.second() };
        write!(f, ":{second:02}")?;
        if precision > 0 {
            let precision = u32::from(precision.min(9));
            let nanos = time.nanosecond() % 1_000_000_000;
            let frac = nanos / 10u32.pow(9 - precision);
            write!(f, ".{:0width$}", frac, width = precision as usize)?;
        }
    }
    Ok(())
}

fn write_date(f: &mut fmt::Formatter<'_>, date: &NaiveDate) -> fmt::Result {
    write!(
        f,
        "{:04}-{:02}-{:02}",
        date.year(),
        date.month(),
        date.day()
    )
}

/// How the UTC offset was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Zone {
    /// `Z`.
    Z,
    /// `+hh:mm` / `-hh:mm`.
    Numeric,
    /// No offset at all (read as UTC).
    Missing,
}

/// `Edm.DateTimeOffset`: an instant with its UTC offset, e.g.
/// `2016-12-31T23:59:37.9174975-08:00` or `2020-11-03T12:43:14Z`.
///
/// Keeps the number of fractional digits and the offset form (`Z` or
/// numeric) of the text it was read from, so it serializes back unchanged.
/// Equality, ordering and hashing compare the instant.
#[derive(Debug, Clone, Copy)]
pub struct DateTimeOffset {
    value: DateTime<FixedOffset>,
    format: TimeFormat,
    zone: Zone,
}

impl DateTimeOffset {
    /// Wraps a chrono value; it is written with as many fractional digits as
    /// it needs, and `Z` when its offset is zero.
    pub fn new(value: DateTime<FixedOffset>) -> DateTimeOffset {
        let zone = if value.offset().local_minus_utc() == 0 {
            Zone::Z
        } else {
            Zone::Numeric
        };
        DateTimeOffset {
            format: TimeFormat::exact(&value.time()),
            value,
            zone,
        }
    }

    /// The current time, in UTC.
    pub fn now() -> DateTimeOffset {
        DateTimeOffset::from(DateTime::<Utc>::from(std::time::SystemTime::now()))
    }

    /// The chrono value.
    pub fn as_datetime(&self) -> &DateTime<FixedOffset> {
        &self.value
    }

    /// The chrono value, consuming `self`.
    pub fn into_inner(self) -> DateTime<FixedOffset> {
        self.value
    }

    /// The same instant in UTC.
    pub fn to_utc(&self) -> DateTime<Utc> {
        self.value.with_timezone(&Utc)
    }

    /// Fractional-second digits written (0–9).
    pub fn precision(&self) -> u8 {
        match self.format {
            TimeFormat::Minutes => 0,
            TimeFormat::Seconds(p) => p,
        }
    }

    /// Writes `precision` fractional digits (at most 9; extra digits of the
    /// value are cut when written, not from the value).
    pub fn with_precision(mut self, precision: u8) -> DateTimeOffset {
        self.format = TimeFormat::Seconds(precision.min(9));
        self
    }
}

impl From<DateTime<FixedOffset>> for DateTimeOffset {
    fn from(value: DateTime<FixedOffset>) -> DateTimeOffset {
        DateTimeOffset::new(value)
    }
}

impl From<DateTime<Utc>> for DateTimeOffset {
    fn from(value: DateTime<Utc>) -> DateTimeOffset {
        DateTimeOffset::new(value.fixed_offset())
    }
}

impl From<DateTimeOffset> for DateTime<FixedOffset> {
    fn from(value: DateTimeOffset) -> DateTime<FixedOffset> {
        value.value
    }
}

impl PartialEq for DateTimeOffset {
    fn eq(&self, other: &DateTimeOffset) -> bool {
        self.value == other.value
    }
}

impl Eq for DateTimeOffset {}

impl Hash for DateTimeOffset {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.value.naive_utc().hash(state);
    }
}

impl PartialOrd for DateTimeOffset {
    fn partial_cmp(&self, other: &DateTimeOffset) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for DateTimeOffset {
    fn cmp(&self, other: &DateTimeOffset) -> Ordering {
        self.value.cmp(&other.value)
    }
}

impl FromStr for DateTimeOffset {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<DateTimeOffset, ParseError> {
        let err = || ParseError::new("Edm.DateTimeOffset", s);
        let b = s.as_bytes();
        if b.len() < 16 || !matches!(b[10], b'T' | b't') {
            return Err(err());
        }
        let date = parse_date(&b[..10]).ok_or_else(err)?;
        let rest = &b[11..];
        let (time_text, zone, offset_secs) = match rest {
            [t @ .., b'Z' | b'z'] => (t, Zone::Z, 0),
            _ if rest.len() > 6 && matches!(rest[rest.len() - 6], b'+' | b'-') => {
                let (t, o) = rest.split_at(rest.len() - 6);
                if o[3] != b':' {
                    return Err(err());
                }
                let (h, m) = (
                    digits(&o[1..3]).ok_or_else(err)?,
                    digits(&o[4..6]).ok_or_else(err)?,
                );
                if h > 23 || m > 59 {
                    return Err(err());
                }
                let secs = (h * 3600 + m * 60) as i32;
                (t, Zone::Numeric, if o[0] == b'-' { -secs } else { secs })
            }
            _ => (rest, Zone::Missing, 0),
        };
        let (time, format) = parse_time(time_text).ok_or_else(err)?;
        let offset = FixedOffset::east_opt(offset_secs).ok_or_else(err)?;
        let value = offset
            .from_local_datetime(&date.and_time(time))
            .single()
            .ok_or_else(err)?;
        Ok(DateTimeOffset {
            value,
            format,
            zone,
        })
    }
}

impl fmt::Display for DateTimeOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let local = self.value.naive_local();
        write_date(f, &local.date())?;
        f.write_str("T")?;
        write_time(f, &local.time(), self.format)?;
        let offset = self.value.offset().fix().local_minus_utc();
        match (self.zone, offset) {
            (Zone::Missing, 0) => Ok(()),
            (Zone::Z, 0) => f.write_str("Z"),
            _ => {
                let sign = if offset < 0 { '-' } else { '+' };
                let abs = offset.unsigned_abs();
                write!(f, "{sign}{:02}:{:02}", abs / 3600, (abs % 3600) / 60)
            }
        }
    }
}

string_serde!(
    DateTimeOffset,
    "an Edm.DateTimeOffset string such as 2020-11-03T12:43:14Z"
);

/// `Edm.Date`: a calendar date, `2021-07-16`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date(NaiveDate);

impl Date {
    /// Wraps a chrono date.
    pub fn new(date: NaiveDate) -> Date {
        Date(date)
    }

    /// The date for year, month, day, if it exists.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        NaiveDate::from_ymd_opt(year, month, day).map(Date)
    }

    /// The chrono date.
    pub fn as_naive(&self) -> &NaiveDate {
        &self.0
    }

    /// The chrono date, consuming `self`.
    pub fn into_inner(self) -> NaiveDate {
        self.0
    }
}

impl From<NaiveDate> for Date {
    fn from(date: NaiveDate) -> Date {
        Date(date)
    }
}

impl From<Date> for NaiveDate {
    fn from(date: Date) -> NaiveDate {
        date.0
    }
}

impl FromStr for Date {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Date, ParseError> {
        parse_date(s.as_bytes())
            .map(Date)
            .ok_or_else(|| ParseError::new("Edm.Date", s))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_date(f, &self.0)
    }
}

string_serde!(Date, "an Edm.Date string such as 2021-07-16");

/// `Edm.TimeOfDay`: a wall-clock time, `13:45:00` or `13:45:00.0000000`.
///
/// Keeps the number of fractional digits it was read with; compares by time.
#[derive(Debug, Clone, Copy)]
pub struct TimeOfDay {
    time: NaiveTime,
    format: TimeFormat,
}

impl TimeOfDay {
    /// Wraps a chrono time, written with as many fractional digits as needed.
    pub fn new(time: NaiveTime) -> TimeOfDay {
        TimeOfDay {
            format: TimeFormat::exact(&time),
            time,
        }
    }

    /// The time for hour, minute, second, if valid.
    pub fn from_hms(hour: u32, minute: u32, second: u32) -> Option<TimeOfDay> {
        NaiveTime::from_hms_opt(hour, minute, second).map(TimeOfDay::new)
    }

    /// The chrono time.
    pub fn as_naive(&self) -> &NaiveTime {
        &self.time
    }

    /// The chrono time, consuming `self`.
    pub fn into_inner(self) -> NaiveTime {
        self.time
    }

    /// Fractional-second digits written (0–9).
    pub fn precision(&self) -> u8 {
        match self.format {
            TimeFormat::Minutes => 0,
            TimeFormat::Seconds(p) => p,
        }
    }

    /// Writes `precision` fractional digits (at most 9).
    pub fn with_precision(mut self, precision: u8) -> TimeOfDay {
        self.format = TimeFormat::Seconds(precision.min(9));
        self
    }
}

impl From<NaiveTime> for TimeOfDay {
    fn from(time: NaiveTime) -> TimeOfDay {
        TimeOfDay::new(time)
    }
}

impl From<TimeOfDay> for NaiveTime {
    fn from(time: TimeOfDay) -> NaiveTime {
        time.time
    }
}

impl PartialEq for TimeOfDay {
    fn eq(&self, other: &TimeOfDay) -> bool {
        self.time == other.time
    }
}

impl Eq for TimeOfDay {}

impl Hash for TimeOfDay {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.time.hash(state);
    }
}

impl PartialOrd for TimeOfDay {
    fn partial_cmp(&self, other: &TimeOfDay) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for TimeOfDay {
    fn cmp(&self, other: &TimeOfDay) -> Ordering {
        self.time.cmp(&other.time)
    }
}

impl FromStr for TimeOfDay {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<TimeOfDay, ParseError> {
        let (time, format) =
            parse_time(s.as_bytes()).ok_or_else(|| ParseError::new("Edm.TimeOfDay", s))?;
        Ok(TimeOfDay { time, format })
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_time(f, &self.time, self.format)
    }
}

string_serde!(TimeOfDay, "an Edm.TimeOfDay string such as 13:45:00");

#[cfg(test)]
mod tests {
    use super::*;

    fn json_round_trip<T>(text: &str) -> T
    where
        T: serde::Serialize + serde::de::DeserializeOwned,
    {
        let json = serde_json::to_string(text).unwrap();
        let value: T = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(
            serde_json::to_string(&value).unwrap(),
            json,
            "round trip of {text}"
        );
        value
    }

    #[test]
    fn datetimeoffset_round_trips_doc_values() {
        for text in [
            "2016-12-31T23:59:37.9174975-08:00",
            "2017-01-01T00:02:49.3205976-08:00",
            "2020-11-03T12:43:14Z",
            "2020-11-03T12:43:14.1Z",
            "2020-11-03T12:43:14.000Z",
            "2020-11-03T12:43:14.123456789+05:30",
            "2019-02-07T19:45:36.6452734+00:00",
            "2014-01-01T00:00:00",
            "2014-01-01T00:00Z",
            "2016-12-31T23:59:60Z",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59.9999999Z",
        ] {
            let v: DateTimeOffset = json_round_trip(text);
            assert_eq!(v.to_string(), text);
        }
    }

    #[test]
    fn datetimeoffset_values() {
        let v: DateTimeOffset = "2016-12-31T23:59:37.9174975-08:00".parse().unwrap();
        assert_eq!(v.precision(), 7);
        assert_eq!(v.as_datetime().offset().local_minus_utc(), -8 * 3600);
        assert_eq!(v.as_datetime().nanosecond(), 917_497_500);
        assert_eq!(
            v.to_utc().to_rfc3339(),
            "2017-01-01T07:59:37.917497500+00:00"
        );
        // Same instant, different text: equal.
        let a: DateTimeOffset = "2020-11-03T12:43:14Z".parse().unwrap();
        let b: DateTimeOffset = "2020-11-03T13:43:14.000+01:00".parse().unwrap();
        assert_eq!(a, b);
        assert!(a < "2020-11-03T12:43:15Z".parse().unwrap());
        // From chrono: minimal digits, Z for UTC.
        let utc = Utc.with_ymd_and_hms(2020, 1, 2, 3, 4, 5).unwrap();
        assert_eq!(
            DateTimeOffset::from(utc).to_string(),
            "2020-01-02T03:04:05Z"
        );
        let fixed = FixedOffset::east_opt(-7 * 3600)
            .unwrap()
            .with_ymd_and_hms(2020, 1, 2, 3, 4, 5)
            .unwrap()
            + chrono::Duration::milliseconds(250);
        assert_eq!(
            DateTimeOffset::new(fixed).to_string(),
            "2020-01-02T03:04:05.25-07:00"
        );
        assert_eq!(
            DateTimeOffset::new(fixed).with_precision(3).to_string(),
            "2020-01-02T03:04:05.250-07:00"
        );
    }

    #[test]
    fn datetimeoffset_rejects_garbage() {
        for bad in [
            "",
            "2020",
            "2020-11-03",
            "2020-11-03T",
            "2020-13-03T12:43:14Z",
            "2020-02-30T12:43:14Z",
            "2020-11-03T25:43:14Z",
            "2020-11-03T12:43:14.Z",
            "2020-11-03T12:43:14.1234567890Z",
            "2020-11-03T12:43:14+24:00",
            "2020-11-03T12:43:14+0100",
            "2020-11-03 12:43:14Z",
            "2020-11-03T12:43:14ZZ",
            "２０２０-11-03T12:43:14Z",
            "2020-11-03T1é:43:14Z",
        ] {
            assert!(bad.parse::<DateTimeOffset>().is_err(), "{bad}");
        }
        assert!(serde_json::from_str::<DateTimeOffset>("12").is_err());
        assert!(serde_json::from_str::<DateTimeOffset>("\"nope\"").is_err());
    }

    #[test]
    fn date_round_trips() {
        let d: Date = json_round_trip("2021-07-16");
        assert_eq!(d, Date::from_ymd(2021, 7, 16).unwrap());
        for bad in [
            "2021-7-16",
            "2021-07-32",
            "21-07-16",
            "2021-07-16T00:00:00Z",
            "2021/07/16",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
    }

    #[test]
    fn time_of_day_round_trips() {
        for text in [
            "13:45:00",
            "13:45:00.0000000",
            "08:00",
            "23:59:59.999999999",
            "00:00:00.5",
        ] {
            let _: TimeOfDay = json_round_trip(text);
        }
        let a: TimeOfDay = "13:45:00".parse().unwrap();
        let b: TimeOfDay = "13:45:00.0000000".parse().unwrap();
        assert_eq!(a, b);
        assert_eq!(b.precision(), 7);
        assert_eq!(
            TimeOfDay::from_hms(9, 5, 0).unwrap().to_string(),
            "09:05:00"
        );
        for bad in [
            "24:00:00",
            "13:60:00",
            "1:45:00",
            "13:45:0",
            "13:45:00.",
            "13:45:00.1234567890",
            "abc",
        ] {
            assert!(bad.parse::<TimeOfDay>().is_err(), "{bad}");
        }
    }
}
