//! Encoding of values placed in URL paths, so that no parameter value can
//! change which resource a request addresses.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Everything but RFC 3986 "unreserved" characters.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes a value for use as one path segment.
///
/// Only `A-Z a-z 0-9 - . _ ~` are kept; `/`, `?`, `#`, `%`, spaces and
/// non-ASCII are encoded. A segment that is exactly `.` or `..` is refused
/// by the client when sending, since URL parsers collapse it.
///
/// ```
/// use graphdoc_runtime::encode_path_segment;
/// assert_eq!(encode_path_segment("a/b?c#d%e f"), "a%2Fb%3Fc%23d%25e%20f");
/// ```
pub fn encode_path_segment(value: &str) -> String {
    utf8_percent_encode(value, SEGMENT).to_string()
}

/// Encodes a value that goes inside single quotes in an OData function call,
/// e.g. `getOffice365ActiveUserDetail(period='{value}')`: every `'` is
/// doubled (OData escaping), then the text is encoded as a path segment.
///
/// ```
/// use graphdoc_runtime::encode_odata_string;
/// assert_eq!(encode_odata_string("it's"), "it%27%27s");
/// ```
pub fn encode_odata_string(value: &str) -> String {
    encode_path_segment(&value.replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segment_encoding() {
        assert_eq!(encode_path_segment("abcXYZ019-._~"), "abcXYZ019-._~");
        assert_eq!(encode_path_segment("../etc/passwd"), "..%2Fetc%2Fpasswd");
        assert_eq!(encode_path_segment("a?b#c"), "a%3Fb%23c");
        assert_eq!(encode_path_segment("100%"), "100%25");
        assert_eq!(encode_path_segment("é ü"), "%C3%A9%20%C3%BC");
        assert_eq!(encode_path_segment("a+b=c&d"), "a%2Bb%3Dc%26d");
        assert_eq!(encode_path_segment("\\"), "%5C");
        assert_eq!(encode_path_segment(""), "");
    }

    #[test]
    fn odata_string_encoding() {
        assert_eq!(encode_odata_string("D7"), "D7");
        assert_eq!(encode_odata_string("O'Brien"), "O%27%27Brien");
        assert_eq!(encode_odata_string("a')/x"), "a%27%27%29%2Fx");
    }
}
