//! Findings as rustc-style text (annotate-snippets, the renderer rustc uses),
//! JSON, and SARIF 2.1.0 for CI code-scanning annotations.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use annotate_snippets::{
    normalize_untrusted_str, AnnotationKind, Group, Level, Origin, Renderer, Snippet,
};
use serde_json::{json, Value};

use super::locate::Sources;
use super::{code_info, counts, explanation, Finding, Severity, CODES, PASS_THROUGH_EXPLANATION};

/// Byte range of `len` characters from 1-based character `column` in `text`.
fn byte_span(text: &str, column: usize, len: usize) -> std::ops::Range<usize> {
    let byte_at = |chars: usize| {
        text.char_indices()
            .nth(chars)
            .map_or(text.len(), |(i, _)| i)
    };
    let start = byte_at(column.saturating_sub(1));
    let end = byte_at(column.saturating_sub(1) + len.max(1)).max(start);
    start..end
}

/// Every finding with the page lines it is about, then a per-code summary.
pub fn render_text(findings: &[Finding], pages: usize, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut sources = Sources::default();
    let mut out = String::new();
    for f in findings {
        let level = match f.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let title = level.primary_title(f.message.as_str()).id(f.code.as_str());
        let line_text = sources.line(&f.file, f.line);
        let group = match &line_text {
            Some(text) => {
                let mut snippet = Snippet::source(text.as_str())
                    .line_start(f.line)
                    .path(f.file.as_str())
                    .annotation(
                        AnnotationKind::Primary
                            .span(byte_span(text, f.column, f.len))
                            .label(f.label.as_deref()),
                    );
                let mut group = Group::with_title(title);
                let mut others = Vec::new();
                for r in &f.related {
                    // Another line needs its own snippet; annotate-snippets orders them.
                    if let Some(rt) = sources.line(&f.file, r.line) {
                        others.push((r, rt));
                    }
                }
                if others.iter().all(|(r, _)| r.line == f.line) {
                    for (r, rt) in &others {
                        snippet = snippet.annotation(
                            AnnotationKind::Context
                                .span(byte_span(rt, r.column, r.len))
                                .label(r.message.clone()),
                        );
                    }
                    group = group.element(snippet);
                } else {
                    group = group.element(snippet);
                    for (r, rt) in others {
                        let span = byte_span(&rt, r.column, r.len);
                        group = group.element(
                            Snippet::source(rt)
                                .line_start(r.line)
                                .path(f.file.as_str())
                                .annotation(
                                    AnnotationKind::Context.span(span).label(r.message.clone()),
                                ),
                        );
                    }
                }
                group
            }
            None => Group::with_title(title).element(
                Origin::path(f.file.as_str())
                    .line(f.line)
                    .char_column(f.column),
            ),
        };
        let group = match &f.help {
            Some(h) => group.element(Level::HELP.message(normalize_untrusted_str(h))),
            None => group,
        };
        out.push_str(&renderer.render(&[group]));
        out.push_str("\n\n");
    }
    out.push_str(&summary_text(findings, pages));
    out
}

/// `12 errors, 30 warnings in 7 of 40 pages`, then the count per code.
fn summary_text(findings: &[Finding], pages: usize) -> String {
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = findings.len() - errors;
    let mut files: Vec<&str> = findings.iter().map(|f| f.file.as_str()).collect();
    files.sort_unstable();
    files.dedup();
    let mut out = format!(
        "{errors} error{}, {warnings} warning{} in {} of {pages} page{}\n",
        if errors == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" },
        files.len(),
        if pages == 1 { "" } else { "s" },
    );
    let counts = counts(findings);
    let width = counts.keys().map(String::len).max().unwrap_or(0);
    for (code, n) in counts {
        let _ = writeln!(out, "  {code:<width$}  {n}");
    }
    out
}

/// `{"diagnostics": [...], "summary": {"pages", "errors", "warnings", "by_code"}}`.
pub fn render_json(findings: &[Finding], pages: usize) -> anyhow::Result<String> {
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let value = json!({
        "diagnostics": findings,
        "summary": {
            "pages": pages,
            "errors": errors,
            "warnings": findings.len() - errors,
            "by_code": counts(findings),
        },
    });
    let mut text = serde_json::to_string_pretty(&value)?;
    text.push('\n');
    Ok(text)
}

/// A page path as a SARIF artifact URI: relative paths stay relative (to the
/// checkout, which is what code scanning expects), with forward slashes.
fn artifact_uri(file: &str) -> String {
    let path = file.replace('\\', "/");
    let encoded: String = path
        .chars()
        .map(|c| match c {
            ' ' => "%20".to_string(),
            '#' => "%23".to_string(),
            '?' => "%3F".to_string(),
            '%' => "%25".to_string(),
            c => c.to_string(),
        })
        .collect();
    if encoded.starts_with('/') {
        format!("file://{encoded}")
    } else {
        encoded
    }
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// SARIF 2.1.0: one run, a rule per code (checks first, then pass-through codes seen).
pub fn render_sarif(findings: &[Finding]) -> anyhow::Result<String> {
    let mut rules: Vec<Value> = Vec::new();
    let mut rule_index: BTreeMap<String, usize> = BTreeMap::new();
    for c in CODES {
        rule_index.insert(c.code.to_string(), rules.len());
        rules.push(json!({
            "id": c.code,
            "shortDescription": { "text": c.explanation },
            "defaultConfiguration": { "level": sarif_level(c.severity) },
        }));
    }
    let mut extra: Vec<&str> = findings
        .iter()
        .map(|f| f.code.as_str())
        .filter(|c| code_info(c).is_none())
        .collect();
    extra.sort_unstable();
    extra.dedup();
    for code in extra {
        rule_index.insert(code.to_string(), rules.len());
        rules.push(json!({
            "id": code,
            "shortDescription": { "text": explanation(code).unwrap_or(PASS_THROUGH_EXPLANATION) },
            "defaultConfiguration": { "level": "warning" },
        }));
    }
    let results: Vec<Value> = findings
        .iter()
        .map(|f| {
            let mut region = json!({ "startLine": f.line.max(1), "startColumn": f.column.max(1) });
            if f.len > 0 {
                region["endColumn"] = json!(f.column.max(1) + f.len);
            }
            let text = match &f.help {
                Some(h) => format!("{} ({h})", f.message),
                None => f.message.clone(),
            };
            let mut result = json!({
                "ruleId": f.code,
                "ruleIndex": rule_index.get(&f.code).copied().unwrap_or(0),
                "level": sarif_level(f.severity),
                "message": { "text": text },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": artifact_uri(&f.file) },
                        "region": region,
                    }
                }],
            });
            if !f.related.is_empty() {
                result["relatedLocations"] = Value::Array(
                    f.related
                        .iter()
                        .enumerate()
                        .map(|(i, r)| {
                            json!({
                                "id": i,
                                "message": { "text": r.message },
                                "physicalLocation": {
                                    "artifactLocation": { "uri": artifact_uri(&f.file) },
                                    "region": { "startLine": r.line.max(1), "startColumn": r.column.max(1) },
                                },
                            })
                        })
                        .collect(),
                );
            }
            result
        })
        .collect();
    let value = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "graphdoc",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&value)?;
    text.push('\n');
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_counted_in_characters() {
        assert_eq!(byte_span("ab", 1, 2), 0..2);
        assert_eq!(byte_span("é \"x\"", 3, 3), 3..6);
        // Past the end of the line: an empty span at the end, never a panic.
        assert_eq!(byte_span("ab", 9, 2), 2..2);
        assert_eq!(artifact_uri("docs/a b.md"), "docs/a%20b.md");
        assert_eq!(artifact_uri("/tmp/x.md"), "file:///tmp/x.md");
    }
}
