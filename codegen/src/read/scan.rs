//! Cheap text scanning shared by the reader: whitespace squashing without
//! per-word allocation, and literal tests that run before a regex so the regex
//! only sees text that could match (most lines and cells cannot).

/// Calls `f` on each whitespace-separated word, as `str::split_whitespace`
/// (Unicode `White_Space`), but scanning bytes: ASCII needs no decoding.
#[inline]
pub fn for_each_word<'a>(text: &'a str, mut f: impl FnMut(&'a str)) {
    let b = text.as_bytes();
    let mut i = 0;
    let mut start = 0;
    while i < b.len() {
        let c = b[i];
        let ws = if c < 0x80 {
            if c == b' ' || (b'\t'..=b'\r').contains(&c) {
                1
            } else {
                i += 1;
                continue;
            }
        } else {
            let ch = text[i..].chars().next().unwrap_or(' ');
            if ch.is_whitespace() {
                ch.len_utf8()
            } else {
                i += ch.len_utf8();
                continue;
            }
        };
        if start < i {
            f(&text[start..i]);
        }
        i += ws;
        start = i;
    }
    if start < b.len() {
        f(&text[start..]);
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

#[inline(always)]
fn word_at(b: &[u8], i: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&b[i..i + 8]);
    u64::from_le_bytes(w)
}

/// How many bytes of `t` have their high bit set, the others being clear:
/// a multiply sums them into the top byte (no `popcnt` on baseline x86-64).
#[inline(always)]
fn bytes_set(t: u64) -> usize {
    ((t >> 7).wrapping_mul(ONES) >> 56) as usize
}

/// How many `byte`s `b` holds, eight bytes at a time.
pub fn count_byte(b: &[u8], byte: u8) -> usize {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let mut chunks = b.chunks_exact(8);
    let mut n = 0;
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        let v = u64::from_le_bytes(w) ^ (ONES * u64::from(byte));
        // The high bit of each byte of `t` is set exactly when that byte of `v` is zero.
        let t = !(((v & LOW7) + LOW7) | v | LOW7);
        n += bytes_set(t);
    }
    n + chunks.remainder().iter().filter(|&&c| c == byte).count()
}

/// How many `|` a table row holds, or `None` when it holds a backslash or a
/// backtick (escapes and code spans need a closer look). One pass, eight
/// bytes at a time.
pub fn count_pipes(b: &[u8]) -> Option<usize> {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    // The high bit of each byte of the result is set exactly where `v` has a zero byte.
    let zeros = |v: u64| !(((v & LOW7) + LOW7) | v | LOW7);
    let mut chunks = b.chunks_exact(8);
    let mut n = 0;
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        let x = u64::from_le_bytes(w);
        if zeros(x ^ (ONES * u64::from(b'`'))) | zeros(x ^ (ONES * u64::from(b'\\'))) != 0 {
            return None;
        }
        n += bytes_set(zeros(x ^ (ONES * u64::from(b'|'))));
    }
    let mut pipes = n;
    for &c in chunks.remainder() {
        match c {
            b'`' | b'\\' => return None,
            b'|' => pipes += 1,
            _ => {}
        }
    }
    Some(pipes)
}

/// The first word of `text` (empty when it has none).
pub fn first_word(text: &str) -> &str {
    let t = &text[skip_ws(text, 0)..];
    let mut end = 0;
    while end < t.len() && ws_len(t, end) == 0 {
        end += t[end..].chars().next().map_or(1, char::len_utf8);
    }
    &t[..end]
}

/// The first index at or after `i` of a byte that is a space, an ASCII
/// control or not ASCII: the only bytes where whitespace can start. Eight
/// bytes at a time (the lowest flagged byte of the bit trick is exact).
#[inline]
fn next_special(b: &[u8], mut i: usize) -> usize {
    while i + 8 <= b.len() {
        let x = word_at(b, i);
        let m = ((x.wrapping_sub(ONES * 0x21) & !x) | x) & HIGHS;
        if m != 0 {
            return i + (m.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && b[i] > 0x20 && b[i] < 0x80 {
        i += 1;
    }
    i
}

/// Length of the whitespace character at `i` (Unicode `White_Space`, as
/// `char::is_whitespace`), 0 when there is none.
#[inline]
fn ws_len(text: &str, i: usize) -> usize {
    match text.as_bytes().get(i) {
        None => 0,
        Some(&c) if c < 0x80 => usize::from(c == b' ' || (b'\t'..=b'\r').contains(&c)),
        Some(_) => match text[i..].chars().next() {
            Some(ch) if ch.is_whitespace() => ch.len_utf8(),
            _ => 0,
        },
    }
}

/// The end of the whitespace run starting at `i`.
#[inline]
fn skip_ws(text: &str, mut i: usize) -> usize {
    loop {
        match ws_len(text, i) {
            0 => return i,
            n => i += n,
        }
    }
}

/// Collapses whitespace (any Unicode `White_Space`, so no-break spaces too) to
/// single spaces, as `split_whitespace` + `join(" ")`.
pub fn squash(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    squash_into(text, &mut out);
    out
}

/// [`squash`], borrowing `text` when it is squashed already.
pub fn squash_cow(text: &str) -> std::borrow::Cow<'_, str> {
    if is_squashed(text) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(squash(text))
    }
}

/// [`squash`], appending to `out`. Copies runs of already-squashed text whole.
pub fn squash_into(text: &str, out: &mut String) {
    let b = text.as_bytes();
    let n = b.len();
    let start = skip_ws(text, 0);
    // `text[run..i]` is squashed and not copied yet.
    let mut run = start;
    let mut i = start;
    loop {
        let j = next_special(b, i);
        if j >= n {
            break;
        }
        // The usual case: one space between two words.
        if b[j] == b' ' && j + 1 < n && b[j + 1] > 0x20 && b[j + 1] < 0x80 {
            i = j + 2;
            continue;
        }
        let w = ws_len(text, j);
        if w == 0 {
            // A control or a non-ASCII character that is not whitespace.
            i = j + text[j..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let end = skip_ws(text, j);
        if end >= n {
            // Trailing whitespace.
            out.push_str(&text[run..j]);
            return;
        }
        if b[j] != b' ' || end != j + 1 {
            out.push_str(&text[run..j]);
            out.push(' ');
            run = end;
        }
        i = end;
    }
    out.push_str(&text[run..]);
}

/// Whether `text` is its own [`squash`]: words with single spaces between
/// them and none around.
pub fn is_squashed(text: &str) -> bool {
    let b = text.as_bytes();
    let n = b.len();
    if ws_len(text, 0) > 0 {
        return false;
    }
    let mut i = 0;
    loop {
        let j = next_special(b, i);
        if j >= n {
            return true;
        }
        if b[j] == b' ' && j + 1 < n && b[j + 1] > 0x20 && b[j + 1] < 0x80 {
            i = j + 2;
            continue;
        }
        if ws_len(text, j) > 0 {
            // Any other whitespace: not single, not a space, or at the end.
            if b[j] != b' ' || skip_ws(text, j) != j + 1 || j + 1 >= n {
                return false;
            }
            i = j + 1;
            continue;
        }
        i = j + text[j..].chars().next().map_or(1, char::len_utf8);
    }
}

/// The first index at or after `i` where `b[i] | mask == want`.
#[inline]
fn find_masked(b: &[u8], mut i: usize, mask: u8, want: u8) -> Option<usize> {
    let (m, w) = (ONES * u64::from(mask), ONES * u64::from(want));
    while i + 8 <= b.len() {
        let x = (word_at(b, i) | m) ^ w;
        let z = x.wrapping_sub(ONES) & !x & HIGHS;
        if z != 0 {
            return Some(i + (z.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    (i..b.len()).find(|&k| b[k] | mask == want)
}

/// Where `needle` first occurs in `hay`: candidates by the first byte, eight
/// bytes at a time; cheaper than `str::find` on short text and rare first bytes.
pub fn find_str(hay: &str, needle: &str) -> Option<usize> {
    find_str_from(hay, needle, 0)
}

/// [`find_str`] from byte `from` on (an index into `hay`).
pub fn find_str_from(hay: &str, needle: &str, from: usize) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let (&first, rest) = n.split_first()?;
    let mut i = from;
    while let Some(at) = find_masked(h, i, 0, first) {
        match h.get(at + 1..at + n.len()) {
            None => return None,
            Some(tail) if tail == rest => return Some(at),
            Some(_) => i = at + 1,
        }
    }
    None
}

/// Where the first `byte` at or after `from` is, for a long stretch (a whole
/// page): memchr's vector search, which costs more to start than [`find_byte`].
pub fn find_byte_far(b: &[u8], from: usize, byte: u8) -> Option<usize> {
    memchr::memchr(byte, b.get(from..)?).map(|i| i + from)
}

/// Where the first `byte` at or after `from` is.
pub fn find_byte(b: &[u8], from: usize, byte: u8) -> Option<usize> {
    find_masked(b, from, 0, byte)
}

/// The lines of `text`, exactly as `str::lines` gives them, found eight bytes at a time.
pub fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut at = 0;
    std::iter::from_fn(move || {
        if at >= text.len() {
            return None;
        }
        let b = text.as_bytes();
        let (line, next) = match find_byte(b, at, b'\n') {
            Some(nl) => {
                let line = &text[at..nl];
                (line.strip_suffix('\r').unwrap_or(line), nl + 1)
            }
            None => (&text[at..], text.len()),
        };
        at = next;
        Some(line)
    })
}

/// Whether `hay` contains `needle` (lower-case ASCII) ignoring ASCII case.
///
/// As a prefilter for `(?i)` regexes it is sound when the needle has no `k`
/// or `s`, the only ASCII letters Unicode simple case folding also maps
/// non-ASCII characters to (KELVIN SIGN, LONG S). It is
/// `hay.to_lowercase().contains(needle)` when the needle has no `k` or `i`
/// (KELVIN SIGN and `İ` are the only characters lower-casing to ASCII).
pub fn contains_ci(hay: &str, needle: &str) -> bool {
    find_ci_from(hay, needle, 0).is_some()
}

/// Where `needle` (lower-case ASCII) first occurs in `hay` at or after byte
/// `from`, ignoring ASCII case.
pub fn find_ci_from(hay: &str, needle: &str, from: usize) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    if n.is_empty() {
        return Some(from);
    }
    debug_assert!(!n.iter().any(u8::is_ascii_uppercase));
    let (&first, rest) = (&n[0], &n[1..]);
    // `| 0x20` folds an ASCII letter's case and maps no other byte onto a letter.
    let mask = if first.is_ascii_lowercase() { 0x20 } else { 0 };
    let mut i = from;
    while let Some(at) = find_masked(h, i, mask, first) {
        match h.get(at + 1..at + n.len()) {
            None => return None,
            Some(tail) if tail.eq_ignore_ascii_case(rest) => return Some(at),
            Some(_) => i = at + 1,
        }
    }
    None
}

/// Whether the ASCII fast paths of a regex apply to `t`: ASCII (where `(?i)`,
/// `\s`, `\w`, `\d` and `\b` mean their ASCII selves) and one line (`.`
/// stops at `\n`).
pub fn plain(t: &str) -> bool {
    t.bytes().all(|b| b < 0x80 && b != b'\n')
}

/// `\s` on an ASCII byte.
pub fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

/// `\w` on an ASCII byte.
pub fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// `text` without the given (lower-case ASCII) prefix, ignoring ASCII case.
pub fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    starts_with_ci(text, prefix).then(|| &text[prefix.len()..])
}

/// Whether `text` starts with `prefix` (lower-case ASCII) ignoring ASCII case.
pub fn starts_with_ci(text: &str, prefix: &str) -> bool {
    text.len() >= prefix.len()
        && text.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// Whether `text` ends with `suffix` (lower-case ASCII) ignoring ASCII case.
pub fn ends_with_ci(text: &str, suffix: &str) -> bool {
    text.len() >= suffix.len()
        && text.as_bytes()[text.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn squash_cow_is_squash() {
        for t in ["a b", " a", "a  b", "a\tb", "a\u{a0}b", "", "ab ", "é è"] {
            let c = squash_cow(t);
            assert_eq!(c, squash(t), "{t:?}");
            assert_eq!(
                matches!(c, std::borrow::Cow::Borrowed(_)),
                is_squashed(t),
                "{t:?}"
            );
        }
    }

    #[test]
    fn words_like_split_whitespace() {
        for t in [
            "",
            "  ",
            "a",
            " a  b\tc\r\nd ",
            "x\u{a0}y\u{2003}z\u{85}w",
            "é à\u{3000}ü",
            "tail\u{2029}",
            "a b",
            "already squashed text with words",
            "  lead and trail  ",
            "double  space and\ttab and\u{1f}control",
            "ünïcödé wörds  and\u{a0}\u{a0}nbsp ",
            "x\u{1c}y \u{7f} z",
            "12345678 12345678\n12345678  ",
            "a ",
            " a",
            "a é",
            "a \u{a0}b",
            "a\u{a0}b",
            "x \u{1f}",
        ] {
            let mut ws = Vec::new();
            for_each_word(t, |w| ws.push(w));
            assert_eq!(ws, t.split_whitespace().collect::<Vec<_>>(), "{t:?}");
            assert_eq!(
                squash(t),
                t.split_whitespace().collect::<Vec<_>>().join(" ")
            );
            assert_eq!(is_squashed(t), squash(t) == t, "{t:?}");
            assert!(is_squashed(&squash(t)), "{t:?}");
        }
    }

    #[test]
    fn newlines_and_first_words() {
        for t in ["", "\n", "a\nb\n\n", "0123456\n89abcdef\n\n\n\n\n\n\n\n\nx"] {
            assert_eq!(count_byte(t.as_bytes(), b'\n'), t.matches('\n').count());
        }
        assert_eq!(first_word("  Permissions:  x"), "Permissions:");
        for row in [
            "",
            "|",
            "a|b|c",
            "| a | b | c | d | e | f |",
            "x`y|",
            "0123456789|\\|",
        ] {
            let marked = row.contains(['`', '\\']);
            let expected = (!marked).then(|| row.matches('|').count());
            assert_eq!(count_pipes(row.as_bytes()), expected, "{row:?}");
        }
        assert_eq!(first_word("\u{a0}é\u{2003}b"), "é");
        assert_eq!(first_word("  "), "");
    }

    #[test]
    fn lines_and_find() {
        for t in [
            "",
            "\n",
            "a",
            "a\r\nb\n\nc\r",
            "a\r\r\n0123456789abcdef\n",
            "long line without break 0123456789",
        ] {
            assert_eq!(
                lines(t).collect::<Vec<_>>(),
                t.lines().collect::<Vec<_>>(),
                "{t:?}"
            );
        }
        for (h, n) in [
            ("ab [!INCLUDE x", "[!INCLUDE"),
            ("<!-- a --> b -->", "-->"),
            ("aaaaaaaaaaab", "ab"),
            ("a", "ab"),
        ] {
            assert_eq!(find_str(h, n), h.find(n), "{h:?} {n:?}");
        }
        assert_eq!(find_str_from("-->x-->", "-->", 1), Some(4));
        let page = "a\tb\r\n".repeat(40);
        for from in [0, 1, 3, 150, page.len() - 1, page.len(), page.len() + 5] {
            for byte in [b'\t', b'\r', b'\n', b'x'] {
                let expected = page
                    .as_bytes()
                    .get(from..)
                    .and_then(|rest| rest.iter().position(|&c| c == byte).map(|i| i + from));
                let b = page.as_bytes();
                assert_eq!(find_byte(b, from, byte), expected, "{from} {byte}");
                assert_eq!(find_byte_far(b, from, byte), expected, "{from} {byte}");
            }
        }
    }

    #[test]
    fn case_insensitive() {
        assert!(contains_ci("APIs under the /BETA version", "/beta"));
        assert!(contains_ci("a longer text, then FROM at the end", "from"));
        assert!(contains_ci("0123456789abcdef0123 From", "from"));
        assert!(!contains_ci("fro fro fro fro fro fro frO", "from"));
        assert!(!contains_ci("\u{0f}beta", "/beta"));
        assert!(!contains_ci("ÆROM ƒrom", "from"));
        assert_eq!(
            find_ci_from("xx Response Body", "response body", 0),
            Some(3)
        );
        assert_eq!(
            find_ci_from("body response body", "response body", 1),
            Some(5)
        );
        assert_eq!(find_ci_from("y response bod", "response body", 0), None);
        assert!(!contains_ci("/bet", "/beta"));
        assert!(contains_ci("x", ""));
        assert!(starts_with_ci("Collection(x)", "collection"));
        assert!(ends_with_ci("user Collection", "collection"));
        assert!(!ends_with_ci("ion", "collection"));
    }
}
