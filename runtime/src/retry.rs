//! When and how long to wait before retrying throttled requests.

use std::time::{Duration, SystemTime};

use crate::request::Method;

/// First wait when the server gives no `Retry-After`; doubles each retry.
const INITIAL_BACKOFF: Duration = Duration::from_secs(1);

/// Retry policy for throttling (HTTP 429) and unavailability (HTTP 503).
///
/// Graph tells clients how long to back off with `Retry-After`; the client
/// honours it, but never waits longer than `max_delay`: if the server asks
/// for more, the error is returned at once so the caller can decide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (0 disables retrying). Default 3.
    pub max_retries: u32,
    /// Longest single wait. Default 60 s.
    pub max_delay: Duration,
    /// Also retry POST and PATCH, which may then be applied twice.
    /// Default false.
    pub retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    fn default() -> RetryPolicy {
        RetryPolicy {
            max_retries: 3,
            max_delay: Duration::from_secs(60),
            retry_non_idempotent: false,
        }
    }
}

impl RetryPolicy {
    /// The default policy: 3 retries, at most 60 s per wait, idempotent only.
    pub fn new() -> RetryPolicy {
        RetryPolicy::default()
    }

    /// A policy that never retries.
    pub fn none() -> RetryPolicy {
        RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        }
    }

    /// Sets `max_retries`.
    pub fn with_max_retries(mut self, max_retries: u32) -> RetryPolicy {
        self.max_retries = max_retries;
        self
    }

    /// Sets `max_delay`.
    pub fn with_max_delay(mut self, max_delay: Duration) -> RetryPolicy {
        self.max_delay = max_delay;
        self
    }

    /// Sets `retry_non_idempotent`.
    pub fn with_retry_non_idempotent(mut self, retry: bool) -> RetryPolicy {
        self.retry_non_idempotent = retry;
        self
    }

    /// How long to wait before retry number `retries_done + 1`, or `None`
    /// when the response must be returned as an error.
    pub fn delay_for(
        &self,
        method: Method,
        status: u16,
        retries_done: u32,
        retry_after: Option<Duration>,
    ) -> Option<Duration> {
        if !matches!(status, 429 | 503) {
            return None;
        }
        if !method.is_idempotent() && !self.retry_non_idempotent {
            return None;
        }
        if retries_done >= self.max_retries {
            return None;
        }
        match retry_after {
            Some(wait) if wait > self.max_delay => None,
            Some(wait) => Some(wait),
            None => {
                let factor = 1u32.checked_shl(retries_done.min(31)).unwrap_or(u32::MAX);
                let backoff = INITIAL_BACKOFF
                    .checked_mul(factor)
                    .unwrap_or(self.max_delay);
                Some(backoff.min(self.max_delay))
            }
        }
    }
}

/// Parses a `Retry-After` value: delta-seconds or an HTTP-date. Garbage
/// gives `None` (the policy then backs off exponentially).
pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    if value.bytes().all(|b| b.is_ascii_digit()) {
        // Absurdly long numbers saturate rather than fail.
        return Some(Duration::from_secs(
            value.parse::<u64>().unwrap_or(u64::MAX),
        ));
    }
    let date = chrono::DateTime::parse_from_rfc2822(value)
        .ok()
        .or_else(|| {
            // RFC 850 and asctime forms, still allowed by RFC 9110.
            chrono::NaiveDateTime::parse_from_str(value, "%A, %d-%b-%y %H:%M:%S GMT")
                .or_else(|_| chrono::NaiveDateTime::parse_from_str(value, "%a %b %e %H:%M:%S %Y"))
                .ok()
                .map(|n| n.and_utc().fixed_offset())
        })?;
    let now = chrono::DateTime::<chrono::Utc>::from(now);
    Some(
        (date.with_timezone(&chrono::Utc) - now)
            .to_std()
            .unwrap_or(Duration::ZERO),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_throttling_statuses_and_idempotent_methods() {
        let p = RetryPolicy::default();
        assert_eq!(
            p.delay_for(Method::Get, 429, 0, Some(Duration::ZERO)),
            Some(Duration::ZERO)
        );
        assert_eq!(
            p.delay_for(Method::Delete, 503, 0, Some(Duration::from_secs(2))),
            Some(Duration::from_secs(2))
        );
        assert_eq!(p.delay_for(Method::Get, 500, 0, None), None);
        assert_eq!(p.delay_for(Method::Post, 429, 0, None), None);
        assert_eq!(p.delay_for(Method::Patch, 429, 0, None), None);
        let p2 = RetryPolicy::default().with_retry_non_idempotent(true);
        assert_eq!(
            p2.delay_for(Method::Post, 429, 0, Some(Duration::ZERO)),
            Some(Duration::ZERO)
        );
        assert_eq!(p.delay_for(Method::Get, 429, 3, Some(Duration::ZERO)), None);
        assert_eq!(
            RetryPolicy::none().delay_for(Method::Get, 429, 0, None),
            None
        );
    }

    #[test]
    fn never_waits_longer_than_max_delay() {
        let p = RetryPolicy::default();
        assert_eq!(
            p.delay_for(Method::Get, 429, 0, Some(Duration::from_secs(61))),
            None
        );
        assert_eq!(
            p.delay_for(Method::Get, 429, 0, Some(Duration::from_secs(60))),
            Some(Duration::from_secs(60))
        );
    }

    #[test]
    fn exponential_backoff_capped() {
        let p = RetryPolicy::default()
            .with_max_retries(100)
            .with_max_delay(Duration::from_secs(10));
        let waits: Vec<_> = (0..6)
            .map(|n| p.delay_for(Method::Get, 503, n, None).unwrap().as_secs())
            .collect();
        assert_eq!(waits, [1, 2, 4, 8, 10, 10]);
        assert_eq!(
            p.delay_for(Method::Get, 503, 60, None),
            Some(Duration::from_secs(10))
        );
    }

    #[test]
    fn retry_after_forms() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777); // Sun, 06 Nov 1994 08:49:37 GMT
        assert_eq!(parse_retry_after("0", now), Some(Duration::ZERO));
        assert_eq!(
            parse_retry_after(" 120 ", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            parse_retry_after("99999999999999999999999", now),
            Some(Duration::from_secs(u64::MAX))
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:47 GMT", now),
            Some(Duration::from_secs(10))
        );
        assert_eq!(
            parse_retry_after("Sunday, 06-Nov-94 08:49:57 GMT", now),
            Some(Duration::from_secs(20))
        );
        assert_eq!(
            parse_retry_after("Sun Nov  6 08:50:37 1994", now),
            Some(Duration::from_secs(60))
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("-5", now), None);
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("", now), None);
    }
}
