//! Type cells and property descriptions: what a table row says about a property.

use std::sync::LazyLock;

use regex::Regex;

use super::scan::{contains_ci, ends_with_ci, squash, starts_with_ci};

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
    if !cell.contains(['`', '*']) {
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

/// Parses a type cell: `String`, `String collection`, `Collection(microsoft.graph.x)`,
/// `microsoft.graph.x`, `x[]`, `String (identifier)`.
pub fn parse_type(cell: &str) -> TypeRef {
    let mut t = clean_cell(cell);
    // `educationOutcome collection. Holds grades…`: a description run into the cell.
    if let Some(i) = t.find(". ") {
        t.truncate(i);
    }
    // `error object`, `itemAnalytics resource`: the noun is not part of the name.
    for noun in [" object", " resource"] {
        if t.len() > noun.len() && t.ends_with(noun) {
            t.truncate(t.len() - noun.len());
        }
    }
    let mut collection = false;
    // Each regex is anchored at a literal end: test that first.
    let fn_form = if starts_with_ci(&t, "collection") {
        COLLECTION_FN_RE.captures(&t)
    } else {
        None
    };
    if let Some(c) = fn_form {
        let inner = c[1].to_string();
        let rest = c[2].trim().to_string();
        t = if rest.is_empty() {
            inner
        } else {
            format!("{inner} {rest}")
        };
        collection = true;
    }
    // `(Optional) String`, `String (identifier)`: the parenthesis qualifies, it is not part of the name.
    if t.starts_with('(') {
        if let Some(c) = PAREN_PREFIX_RE.captures(&t) {
            t = c[1].to_string();
        }
    }
    if t.ends_with(')') {
        if let Some(c) = PAREN_SUFFIX_RE.captures(&t) {
            if !c[1].is_empty() {
                t = c[1].to_string();
            }
        }
    }
    let suffix_form = if ends_with_ci(&t, "collection") {
        COLLECTION_SUFFIX_RE.captures(&t)
    } else {
        None
    };
    if let Some(c) = suffix_form {
        if !c[1].is_empty() {
            t = c[1].to_string();
            collection = true;
        }
    } else if starts_with_ci(&t, "collection of") {
        if let Some(c) = COLLECTION_OF_RE.captures(&t) {
            t = c[1].to_string();
            collection = true;
        }
    }
    if let Some(inner) = t.strip_suffix("[]") {
        t = inner.to_string();
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

/// The description says "Read-only".
pub fn is_read_only(description: &str) -> bool {
    contains_ci(description, "only") && READ_ONLY_RE.is_match(description)
}

/// Values listed in "Possible values are: a, b, c." (backticks, quotes, "and"/"or", final `.` removed).
pub fn possible_values(description: &str) -> Vec<String> {
    if !contains_ci(description, "value") {
        return Vec::new();
    }
    let Some(c) = POSSIBLE_VALUES_RE.captures(description) else {
        return Vec::new();
    };
    let list = &c[1];
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
            if !VALUE_RE.is_match(v) {
                // Prose, not a value: the list is over.
                return values;
            }
            values.push(v.to_string());
        }
    }
    values
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
