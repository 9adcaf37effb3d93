//! Type cells and property descriptions: what a table row says about a property.

use std::sync::LazyLock;

use regex::Regex;

use std::borrow::Cow;

use super::scan::{contains_ci, ends_with_ci, is_squashed, plain, squash, starts_with_ci};

use crate::ir::TypeRef;

static REF_LINK_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\[([^\]\[]*)\]\[[^\]]*\]|\[([^\]\[]*)\]\([^)]*(?:\)|$)").unwrap()
});
static COLLECTION_FN_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^collection\s*\(\s*([^)]*?)\s*\)(.*)$").unwrap());
static COLLECTION_SUFFIX_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(.*?)\s*\bcollection$").unwrap());
static COLLECTION_OF_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^collection of\s+(.*?)$").unwrap());
static PAREN_PREFIX_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\([^()]*\)\s*(\S.*)$").unwrap());
static PAREN_SUFFIX_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(.*?)\s*\([^()]*\)$").unwrap());

/// Cleans a cell the way both forms agree on: markdown leftovers (`[x][]`,
/// backticks, `**`) gone, whitespace collapsed.
pub fn clean_cell(cell: &str) -> String {
    clean_cell_cow(cell).into_owned()
}

/// [`clean_cell`], borrowing the cell when cleaning leaves it as it is (the
/// usual case: the front-ends squash cells already).
pub fn clean_cell_cow(cell: &str) -> Cow<'_, str> {
    if !cell.bytes().any(|b| matches!(b, b'[' | b'`' | b'*')) && is_squashed(cell) {
        return Cow::Borrowed(cell);
    }
    Cow::Owned(clean_cell_owned(cell))
}

fn clean_cell_owned(cell: &str) -> String {
    let linked;
    // Links need a `[`: most cells have none and skip the regex.
    let cell = if cell.contains('[') {
        linked = REF_LINK_RE.replace_all(cell, |c: &regex::Captures| {
            c.get(1).or(c.get(2)).map_or("", |m| m.as_str()).to_string()
        });
        &*linked
    } else {
        cell
    };
    // Backticks (and no-break spaces, whitespace anyway) become spaces and
    // `**` goes, left to right as `str::replace` would; then whitespace collapses.
    if !cell.bytes().any(|b| b == b'`' || b == b'*') {
        return squash(cell);
    }
    let mut plain = String::with_capacity(cell.len());
    let mut chars = cell.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '`' | '\u{a0}' => plain.push(' '),
            '*' if chars.peek() == Some(&'*') => {
                chars.next();
            }
            _ => plain.push(c),
        }
    }
    squash(&plain)
}

fn strip_namespace(name: &str) -> &str {
    for prefix in [
        "microsoft.graph.",
        "Microsoft.Graph.",
        "graph.",
        "Edm.",
        "edm.",
    ] {
        if let Some(rest) = name.strip_prefix(prefix) {
            if !rest.is_empty() {
                return rest;
            }
        }
    }
    name
}

/// Words a type cell may add after the type to name its kind (`error object`,
/// `alertStatus enum`): not part of the name, in either form.
pub const KIND_NOUNS: [&str; 3] = ["object", "resource", "enum"];

/// A type cell and the description run into it after its first `. `
/// (`educationOutcome collection. Holds grades…`), when there is one.
pub fn split_run_on(cell: &str) -> (&str, Option<&str>) {
    match cell.split_once(". ") {
        Some((ty, prose)) => (ty, Some(prose)),
        None => (cell, None),
    }
}

/// Parses a type cell: `String`, `String collection`, `Collection(microsoft.graph.x)`,
/// `microsoft.graph.x`, `x[]`, `String (identifier)`.
pub fn parse_type(cell: &str) -> TypeRef {
    let cleaned = clean_cell_cow(cell);
    // Each step narrows `t` to a part of what it was; only one builds text.
    let mut t: &str = &cleaned;
    t = split_run_on(t).0;
    // `String collection.`: the sentence's stop is not part of the type.
    t = t.trim_end_matches(['.', ',', ';']);
    // `error object`, `itemAnalytics resource`, `alertStatus enum` (older
    // pages): the noun is not part of the name.
    for noun in KIND_NOUNS {
        if let Some(name) = t.strip_suffix(noun).and_then(|r| r.strip_suffix(' ')) {
            if !name.is_empty() {
                t = name;
            }
        }
    }
    let mut collection = false;
    // Each regex is anchored at a literal end: test that first.
    let fn_form = if !starts_with_ci(t, "collection") {
        None
    } else if plain(t) {
        ascii::collection_fn(t)
    } else {
        COLLECTION_FN_RE.captures(t).map(|c| {
            let (_, [inner, rest]) = c.extract();
            (inner, rest)
        })
    };
    let joined: String;
    if let Some((inner, rest)) = fn_form {
        let rest = rest.trim();
        t = if rest.is_empty() {
            inner
        } else {
            joined = format!("{inner} {rest}");
            &joined
        };
        collection = true;
    }
    // `(Optional) String`, `String (identifier)`: the parenthesis qualifies, it is not part of the name.
    if t.starts_with('(') {
        let found = if plain(t) {
            ascii::paren_prefix(t)
        } else {
            first_group(&PAREN_PREFIX_RE, t)
        };
        if let Some(g) = found {
            t = g;
        }
    }
    if t.ends_with(')') {
        let found = if plain(t) {
            ascii::paren_suffix(t)
        } else {
            first_group(&PAREN_SUFFIX_RE, t)
        };
        if let Some(g) = found.filter(|g| !g.is_empty()) {
            t = g;
        }
    }
    let suffix_form = if !ends_with_ci(t, "collection") {
        None
    } else if plain(t) {
        ascii::collection_suffix(t)
    } else {
        first_group(&COLLECTION_SUFFIX_RE, t)
    };
    if let Some(g) = suffix_form {
        if !g.is_empty() {
            t = g;
            collection = true;
        }
    } else if starts_with_ci(t, "collection of") {
        let found = if plain(t) {
            ascii::collection_of(t)
        } else {
            first_group(&COLLECTION_OF_RE, t)
        };
        if let Some(g) = found {
            t = g;
            collection = true;
        }
    }
    if let Some(inner) = t.strip_suffix("[]") {
        t = inner;
        collection = true;
    }
    let name = strip_namespace(t.trim().trim_end_matches('.')).to_string();
    TypeRef { name, collection }
}

static REQUIRED_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^\w-])(?:[Nn]ot\s+)?[Rr]equired(?:\.|$|\s*\(|,)").unwrap());
static READ_ONLY_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bread[- ]?only\b").unwrap());
static POSSIBLE_VALUES_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:the\s+)?(?:possible|supported|allowed|valid)\s+values\s*(?:are|include|is)?\s*:?\s*(.*)",
    )
    .unwrap()
});
static VALUE_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Za-z0-9_$@#][\w.\-$@#]*$").unwrap());

/// The description says the property is required: "Required." (and not "Not required.").
pub fn is_required(description: &str) -> bool {
    description.contains("equired")
        && REQUIRED_RE
            .find_iter(description)
            .any(|m| !m.as_str().to_lowercase().contains("not"))
}

/// A note in parentheses beside a table row's name: after the name in the
/// markdown's name cell (`content (deprecated)`), or before the type in the
/// text form's type cell (`(deprecated) Stream`: its row is split by words and
/// cannot tell the two cells apart). Returns the name and the note.
pub fn name_note<'a>(name: &'a str, ty: &'a str) -> (&'a str, Option<&'a str>) {
    let after_name = name.strip_suffix(')').and_then(|n| {
        let (name, note) = n.split_once(" (")?;
        let name = name.trim_end();
        (!name.is_empty() && !name.contains(char::is_whitespace) && !note.contains(['(', ')']))
            .then_some((name, note.trim()))
    });
    if let Some((name, note)) = after_name {
        return (name, Some(note));
    }
    let before_type = ty
        .strip_prefix('(')
        .and_then(|t| t.split_once(')'))
        .filter(|(note, rest)| !note.contains('(') && !rest.trim().is_empty())
        .map(|(note, _)| note.trim());
    (name, before_type)
}

/// The name of a name cell that ends in a star marking it required
/// (`vendorInformation *`, `id*`), or `None` when it has no star.
pub fn required_star(name: &str) -> Option<&str> {
    let name = name.strip_suffix('*')?.trim_end();
    let name = name.strip_suffix('\\').unwrap_or(name).trim_end();
    (!name.is_empty() && !name.contains(char::is_whitespace) && !name.ends_with('*'))
        .then_some(name)
}

/// The description says "Read-only".
pub fn is_read_only(description: &str) -> bool {
    contains_ci(description, "only") && READ_ONLY_RE.is_match(description)
}

/// Values listed in "Possible values are: a, b, c." (backticks, quotes, "and"/"or", final `.` removed).
pub fn possible_values(description: &str) -> Vec<String> {
    if !contains_ci(description, "value") {
        return Vec::new();
    }
    let found = if plain(description) {
        ascii::possible_values_list(description)
    } else {
        first_group(&POSSIBLE_VALUES_RE, description)
    };
    let Some(list) = found else {
        return Vec::new();
    };
    // The list ends with its sentence: the first ". " or a final ".".
    let end = list.find(". ").unwrap_or(list.len());
    let list = list[..end].trim().trim_end_matches('.');
    let mut values = Vec::new();
    for part in list.split([',', ';']) {
        let mut p = part.trim();
        for lead in ["and ", "or ", "and/or "] {
            if let Some(rest) = p.strip_prefix(lead) {
                p = rest.trim();
            }
        }
        // "`a` or `b`" inside one comma part.
        for piece in p.split(" or ").flat_map(|x| x.split(" and ")) {
            let v = piece
                .trim()
                .trim_matches(|ch: char| ch == '`' || ch == '"' || ch == '\'' || ch == '*')
                .trim_end_matches('.')
                .trim();
            if v.is_empty() {
                continue;
            }
            let value = if v.is_ascii() {
                ascii::is_value(v)
            } else {
                VALUE_RE.is_match(v)
            };
            if !value {
                // Prose, not a value: the list is over.
                return values;
            }
            values.push(v.to_string());
        }
    }
    values
}

/// The first capture group of `re` in `t`, when it matches.
fn first_group<'t>(re: &Regex, t: &'t str) -> Option<&'t str> {
    re.captures(t).map(|c| c.get(1).map_or("", |m| m.as_str()))
}

/// The regexes above by hand, on [`plain`] text only. Each part of each is
/// deterministic or has one way to match, so a scan finds what they find:
/// the tests hold each to its regex.
mod ascii {
    use super::super::scan::{is_space, is_word, starts_with_ci, strip_prefix_ci};

    fn trim_start(t: &str) -> &str {
        t.trim_start_matches(|c: char| c.is_ascii() && is_space(c as u8))
    }

    fn trim_end(t: &str) -> &str {
        t.trim_end_matches(|c: char| c.is_ascii() && is_space(c as u8))
    }

    /// `(?i)^collection\s*\(\s*([^)]*?)\s*\)(.*)$`
    pub fn collection_fn(t: &str) -> Option<(&str, &str)> {
        let r = trim_start(strip_prefix_ci(t, "collection")?).strip_prefix('(')?;
        let (inner, rest) = r.split_once(')')?;
        Some((trim_end(trim_start(inner)), rest))
    }

    /// `^\([^()]*\)\s*(\S.*)$`
    pub fn paren_prefix(t: &str) -> Option<&str> {
        let r = t.strip_prefix('(')?;
        let close = r.find(['(', ')'])?;
        if r.as_bytes()[close] != b')' {
            return None;
        }
        let rest = trim_start(&r[close + 1..]);
        (!rest.is_empty()).then_some(rest)
    }

    /// `^(.*?)\s*\([^()]*\)$`
    pub fn paren_suffix(t: &str) -> Option<&str> {
        let body = t.strip_suffix(')')?;
        let open = body.rfind(['(', ')'])?;
        if body.as_bytes()[open] != b'(' {
            return None;
        }
        Some(trim_end(&body[..open]))
    }

    /// `(?i)^(.*?)\s*\bcollection$`
    pub fn collection_suffix(t: &str) -> Option<&str> {
        let at = t.len().checked_sub("collection".len())?;
        if !starts_with_ci(&t[at..], "collection") || (at > 0 && is_word(t.as_bytes()[at - 1])) {
            return None;
        }
        Some(trim_end(&t[..at]))
    }

    /// `(?i)^collection of\s+(.*?)$`
    pub fn collection_of(t: &str) -> Option<&str> {
        let r = strip_prefix_ci(t, "collection of")?;
        let rest = trim_start(r);
        (rest.len() < r.len()).then_some(rest)
    }

    /// The list of `(?i)\b(?:the\s+)?(?:possible|supported|allowed|valid)\s+values\s*(?:are|include|is)?\s*:?\s*(.*)`:
    /// the leftmost keyword at a word start followed by `values` (the optional
    /// `the` only moves where the match starts).
    pub fn possible_values_list(t: &str) -> Option<&str> {
        let b = t.as_bytes();
        (0..b.len()).find_map(|i| {
            // Only where a keyword can start: its first letter, at a word start.
            if !matches!(b[i] | 0x20, b'p' | b's' | b'a' | b'v') || (i > 0 && is_word(b[i - 1])) {
                return None;
            }
            let r = &t[i..];
            let r = ["possible", "supported", "allowed", "valid"]
                .iter()
                .find_map(|k| strip_prefix_ci(r, k))?;
            let after = trim_start(r);
            if after.len() == r.len() {
                return None;
            }
            let r = trim_start(strip_prefix_ci(after, "values")?);
            let r = ["are", "include", "is"]
                .iter()
                .find_map(|w| strip_prefix_ci(r, w))
                .unwrap_or(r);
            let r = trim_start(r);
            Some(trim_start(r.strip_prefix(':').unwrap_or(r)))
        })
    }

    /// `^[A-Za-z0-9_$@#][\w.\-$@#]*$`
    pub fn is_value(v: &str) -> bool {
        let b = v.as_bytes();
        let special = |c: u8| matches!(c, b'$' | b'@' | b'#');
        b.first().is_some_and(|&c| is_word(c) || special(c))
            && b[1..]
                .iter()
                .all(|&c| is_word(c) || special(c) || c == b'.' || c == b'-')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(name: &str, collection: bool) -> TypeRef {
        TypeRef {
            name: name.into(),
            collection,
        }
    }

    #[test]
    fn types() {
        assert_eq!(parse_type("String"), t("String", false));
        assert_eq!(parse_type("String collection"), t("String", true));
        assert_eq!(
            parse_type("Collection(microsoft.graph.user)"),
            t("user", true)
        );
        assert_eq!(parse_type("[user](user.md) collection"), t("user", true));
        assert_eq!(parse_type("microsoft.graph.user"), t("user", false));
        assert_eq!(parse_type("String (identifier)"), t("String", false));
        assert_eq!(parse_type("error object"), t("error", false));
        assert_eq!(parse_type("alertStatus enum"), t("alertStatus", false));
        assert_eq!(
            parse_type("[invitedUserMessageInfo](invitedusermessageinfo.md"),
            t("invitedUserMessageInfo", false)
        );
        assert_eq!(
            parse_type("educationOutcome collection. Holds grades."),
            t("educationOutcome", true)
        );
        assert_eq!(parse_type("(Optional) String"), t("String", false));
        assert_eq!(parse_type("`Edm.String`"), t("String", false));
        assert_eq!(parse_type("[identitySet][]"), t("identitySet", false));
        assert_eq!(
            parse_type("complianceManagementPartnerAssignment Collection"),
            t("complianceManagementPartnerAssignment", true)
        );
    }

    /// Texts to hold the ASCII scans to their regexes: built from the pieces
    /// the regexes care about, in many orders.
    fn tricky_texts() -> Vec<String> {
        let pieces = [
            "",
            " ",
            "  ",
            "\t",
            "(",
            ")",
            "()",
            "( a )",
            "(x)",
            "a",
            "String",
            "Collection",
            "collection",
            "COLLECTION",
            "of",
            "collection of",
            "Collection Of",
            "x_y",
            "-",
            ".",
            "the",
            "possible",
            "Supported",
            "allowed",
            "valid",
            "values",
            "VALUES",
            "are",
            "include",
            "is",
            "island",
            ":",
            "`a`",
            "a,",
            "impossible",
            "$x",
            "@odata.type",
            "#",
            "b.c-d",
        ];
        let mut texts = Vec::new();
        for a in pieces {
            for b in pieces {
                for c in ["", " ", "(", ")", "values", "collection", ":"] {
                    texts.push(format!("{a}{c}{b}"));
                    texts.push(format!("{a} {b}{c}"));
                    texts.push(format!("{c}{a} {c}{b}"));
                }
            }
        }
        texts.extend(
            [
                "Collection(microsoft.graph.x) extra",
                "collection ( a b ) rest",
                "collection(a)(b)",
                "(Optional) String",
                "(a)(b) c",
                "(a) ",
                "String (identifier)",
                "a (b) (c)",
                "a (b) c)",
                "user collection",
                "usercollection",
                "collection",
                "  collection",
                "collection of  user",
                "collection of",
                "The possible values are: a, b.",
                "Possible values: `On`, `Off`. More.",
                "supported  values include x",
                "valid values island",
                "impossible values are x, then the valid values are y",
                "Valid values",
            ]
            .map(String::from),
        );
        texts
    }

    #[test]
    fn ascii_scans_match_their_regexes() {
        for t in tricky_texts() {
            assert!(plain(&t), "{t:?}");
            let fn_form = COLLECTION_FN_RE.captures(&t).map(|c| {
                let (_, [a, b]) = c.extract();
                (a, b)
            });
            assert_eq!(ascii::collection_fn(&t), fn_form, "{t:?}");
            assert_eq!(
                ascii::paren_prefix(&t),
                first_group(&PAREN_PREFIX_RE, &t),
                "{t:?}"
            );
            assert_eq!(
                ascii::paren_suffix(&t),
                first_group(&PAREN_SUFFIX_RE, &t),
                "{t:?}"
            );
            assert_eq!(
                ascii::collection_suffix(&t),
                first_group(&COLLECTION_SUFFIX_RE, &t),
                "{t:?}"
            );
            assert_eq!(
                ascii::collection_of(&t),
                first_group(&COLLECTION_OF_RE, &t),
                "{t:?}"
            );
            assert_eq!(
                ascii::possible_values_list(&t),
                first_group(&POSSIBLE_VALUES_RE, &t),
                "{t:?}"
            );
            assert_eq!(ascii::is_value(&t), VALUE_RE.is_match(&t), "{t:?}");
        }
    }

    #[test]
    fn descriptions() {
        assert!(is_required("Enable the connection. Required."));
        assert!(!is_required("Not required."));
        assert!(!is_required("The required permissions for the app"));
        assert!(is_read_only("The id. Read-only. Not nullable."));
        assert_eq!(
            possible_values(
                "Partner state. Possible values are: unknown, unavailable, enabled, terminated."
            ),
            vec!["unknown", "unavailable", "enabled", "terminated"]
        );
        assert_eq!(
            possible_values("Possible values: `On`, `Off`, and `Paused`. More text."),
            vec!["On", "Off", "Paused"]
        );
        assert_eq!(
            possible_values("Possible values are `On` or `Paused`."),
            vec!["On", "Paused"]
        );
        assert!(possible_values("No list here.").is_empty());
    }
}
