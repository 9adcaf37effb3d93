//! The three forms of a changelog: terminal text, markdown, JSON.
//!
//! Each takes the changes to list (`shown`, possibly only the breaking ones)
//! and all changes (for the summary), so a filtered listing still says how
//! much changed overall.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use anstyle::{AnsiColor, Effects, Style};
use serde_json::json;

use super::{counts, counts_line, Change, ChangeKind, Item};
use crate::ir::ApiVersion;

fn sign(kind: ChangeKind) -> char {
    match kind {
        ChangeKind::Added => '+',
        ChangeKind::Removed => '-',
        ChangeKind::Changed => '~',
        ChangeKind::Moved => '>',
    }
}

fn kind_style(kind: ChangeKind) -> Style {
    match kind {
        ChangeKind::Added => AnsiColor::Green.on_default(),
        ChangeKind::Removed => AnsiColor::Red.on_default(),
        ChangeKind::Changed => AnsiColor::Yellow.on_default(),
        ChangeKind::Moved => AnsiColor::Cyan.on_default(),
    }
}

/// Wrap `text` in `style` when colouring.
fn paint(text: &str, style: Style, color: bool) -> String {
    if color {
        format!("{style}{text}{style:#}")
    } else {
        text.to_string()
    }
}

/// One line per change, grouped by API version, then a summary line.
pub fn render_text(shown: &[Change], all: &[Change], color: bool) -> String {
    let mut out = String::new();
    let bold = Style::new().effects(Effects::BOLD);
    let breaking_style = AnsiColor::Red.on_default().effects(Effects::BOLD);
    let mut version: Option<ApiVersion> = None;
    for c in shown {
        if version != Some(c.api_version) {
            if version.is_some() {
                out.push('\n');
            }
            let _ = writeln!(out, "{}", paint(c.api_version.as_str(), bold, color));
            version = Some(c.api_version);
        }
        let head = format!("{} {:<11}", sign(c.change), c.item.as_str());
        let _ = write!(
            out,
            "  {} {}",
            paint(&head, kind_style(c.change), color),
            c.name
        );
        if !c.detail.is_empty() {
            let _ = write!(out, "  {}", c.detail);
        }
        if c.breaking {
            let _ = write!(out, "  {}", paint("BREAKING", breaking_style, color));
        }
        out.push('\n');
    }
    if !shown.is_empty() {
        out.push('\n');
    }
    let breaking = all.iter().filter(|c| c.breaking).count();
    if all.is_empty() {
        let _ = writeln!(out, "{}", paint("no API changes", bold, color));
    } else {
        let _ = writeln!(
            out,
            "{} {} changes, {}: {}",
            paint("summary:", bold, color),
            all.len(),
            paint(
                &format!("{breaking} breaking"),
                if breaking > 0 { breaking_style } else { bold },
                color
            ),
            counts_line(all)
        );
    }
    out
}

/// Escape text for a markdown table cell inside a code span or as plain text.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn code(text: &str) -> String {
    // A backtick inside a name cannot end the span if the fence is longer.
    if text.contains('`') {
        format!("`` {} ``", cell(text))
    } else {
        format!("`{}`", cell(text))
    }
}

/// A PR comment: counts table, breaking changes, then the rest folded away.
pub fn render_markdown(shown: &[Change], all: &[Change], labels: (&str, &str)) -> String {
    let mut out = String::new();
    let breaking = all.iter().filter(|c| c.breaking).count();
    let _ = writeln!(
        out,
        "## API changes: {} → {}\n",
        code(labels.0),
        code(labels.1)
    );
    if all.is_empty() {
        out.push_str("No API changes.\n");
        return out;
    }
    let _ = writeln!(
        out,
        "**{} changes, {} breaking** for callers of the generated SDK.\n",
        all.len(),
        breaking
    );
    out.push_str("| item | added | removed | changed | moved |\n|---|---:|---:|---:|---:|\n");
    let counts = counts(all);
    for item in Item::ALL {
        let Some(per) = counts.get(&item) else {
            continue;
        };
        let n = |k| per.get(&k).copied().unwrap_or(0);
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            item.as_str(),
            n(ChangeKind::Added),
            n(ChangeKind::Removed),
            n(ChangeKind::Changed),
            n(ChangeKind::Moved)
        );
    }
    let (hard, soft): (Vec<&Change>, Vec<&Change>) = shown.iter().partition(|c| c.breaking);
    if !hard.is_empty() {
        let _ = writeln!(out, "\n### Breaking changes ({})\n", hard.len());
        table(&mut out, &hard);
    }
    if !soft.is_empty() {
        let _ = writeln!(out, "\n### Other changes ({})\n", soft.len());
        // Long lists would drown the breaking ones in a PR comment.
        let fold = soft.len() > 20;
        if fold {
            let _ = writeln!(
                out,
                "<details><summary>{} non-breaking changes</summary>\n",
                soft.len()
            );
        }
        table(&mut out, &soft);
        if fold {
            out.push_str("\n</details>\n");
        }
    }
    out
}

fn table(out: &mut String, changes: &[&Change]) {
    out.push_str("| version | change | item | name | detail |\n|---|---|---|---|---|\n");
    for c in changes {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            c.api_version.as_str(),
            c.change.as_str(),
            c.item.as_str(),
            code(&c.name),
            cell(&c.detail)
        );
    }
}

/// `{"changes": [...], "summary": {"total", "breaking", "counts": {item: {change: n}}}}`.
pub fn render_json(shown: &[Change], all: &[Change]) -> anyhow::Result<String> {
    let mut by_item: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for (item, per) in counts(all) {
        let entry = by_item.entry(item.as_str()).or_default();
        for (kind, n) in per {
            entry.insert(kind.as_str(), n);
        }
    }
    let value = json!({
        "changes": shown,
        "summary": {
            "total": all.len(),
            "breaking": all.iter().filter(|c| c.breaking).count(),
            "counts": by_item,
        },
    });
    let mut text = serde_json::to_string_pretty(&value)?;
    text.push('\n');
    Ok(text)
}
