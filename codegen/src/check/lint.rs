//! `graphdoc lint DOCS`: where the docs contradict themselves.
//!
//! Every check has a stable code (see [`CODES`]). Findings point at a page
//! line and column and render like rustc diagnostics, or as JSON or SARIF 2.1.0
//! for CI annotations. The reader's own page diagnostics and the model's
//! diagnostics are passed through under their own codes.

mod checks;
mod locate;
mod render;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use crate::ir::Page;
use crate::model;

pub use render::{render_json, render_sarif, render_text};

use super::diff::{load_pages, ColorChoice};
use super::write_stdout;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The docs state something wrong: a generated SDK or a reader of the page will be misled.
    Error,
    /// Probably wrong or incomplete; worth a look.
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A lint code: its name, default severity and one-line explanation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code {
    pub code: &'static str,
    pub severity: Severity,
    pub explanation: &'static str,
}

pub const EXAMPLE_JSON_INVALID: &str = "example-json-invalid";
pub const EXAMPLE_UNKNOWN_PROPERTY: &str = "example-unknown-property";
pub const EXAMPLE_VALUE_TYPE: &str = "example-value-type";
pub const EXAMPLE_ENUM_VALUE: &str = "example-enum-value";
pub const EXAMPLE_VALUE_WRAPPER: &str = "example-value-wrapper";
pub const EXAMPLE_URL_UNMATCHED: &str = "example-url-unmatched";
pub const REQUEST_BODY_UNDOCUMENTED: &str = "request-body-undocumented";
pub const RESPONSE_STATUS_MISMATCH: &str = "response-status-mismatch";
pub const PROPERTY_DUPLICATE: &str = "property-duplicate";
pub const TYPE_UNDEFINED: &str = "type-undefined";

/// Every check's code. Reader and model diagnostics come on top, under their own codes.
pub const CODES: &[Code] = &[
    Code {
        code: EXAMPLE_JSON_INVALID,
        severity: Severity::Error,
        explanation: "an example body is not valid JSON and is not marked truncated",
    },
    Code {
        code: EXAMPLE_UNKNOWN_PROPERTY,
        severity: Severity::Warning,
        explanation: "an example shows a property that the type's (or the request body's) table does not define",
    },
    Code {
        code: EXAMPLE_VALUE_TYPE,
        severity: Severity::Error,
        explanation: "an example value has the wrong JSON type for its documented type (e.g. a string for a Boolean)",
    },
    Code {
        code: EXAMPLE_ENUM_VALUE,
        severity: Severity::Error,
        explanation: "an example value is not a member of the property's enum",
    },
    Code {
        code: EXAMPLE_VALUE_WRAPPER,
        severity: Severity::Warning,
        explanation: "an example response wraps a single object in `value`, as if it were a collection",
    },
    Code {
        code: EXAMPLE_URL_UNMATCHED,
        severity: Severity::Warning,
        explanation: "an example request URL matches none of the page's HTTP request paths",
    },
    Code {
        code: REQUEST_BODY_UNDOCUMENTED,
        severity: Severity::Warning,
        explanation: "an example sends a request body but the Request body section has no table and names no type",
    },
    Code {
        code: RESPONSE_STATUS_MISMATCH,
        severity: Severity::Warning,
        explanation: "an example response's status differs from the status the Response section states",
    },
    Code {
        code: PROPERTY_DUPLICATE,
        severity: Severity::Error,
        explanation: "a property, parameter or enum member is listed twice for the same type or body",
    },
    Code {
        code: TYPE_UNDEFINED,
        severity: Severity::Warning,
        explanation: "a type is named that no page in the tree defines (checked when the tree has type pages)",
    },
];

/// Codes the reader (`read` module docs) and the model give their diagnostics,
/// passed through as findings. The reader's `json-invalid` is not among them:
/// `example-json-invalid` replaces it with an exact spot and spares bodies
/// marked truncated.
pub const PASS_THROUGH_CODES: &[Code] = &[
    Code {
        code: "table-row-shape",
        severity: Severity::Warning,
        explanation:
            "a table row without the cells its header promises, or with an empty name or type",
    },
    Code {
        code: "table-split",
        severity: Severity::Warning,
        explanation: "table rows after a blank line, which ends a markdown table (read as rows of the table above)",
    },
    Code {
        code: "no-http-request",
        severity: Severity::Warning,
        explanation: "an operation page without a `METHOD /path` request line",
    },
    Code {
        code: "unknown-doc-type",
        severity: Severity::Warning,
        explanation: "the front matter's doc_type is not a known page type",
    },
    Code {
        code: "doc-type-mismatch",
        severity: Severity::Warning,
        explanation: "the front matter's doc_type contradicts what the page holds",
    },
    Code {
        code: "annotation-invalid",
        severity: Severity::Warning,
        explanation: "a `<!-- { \"blockType\": … } -->` annotation is not JSON",
    },
    Code {
        code: "enum-no-members",
        severity: Severity::Warning,
        explanation: "an enum page without a members table",
    },
    Code {
        code: "no-title",
        severity: Severity::Warning,
        explanation: "a page without a title",
    },
    Code {
        code: "io-error",
        severity: Severity::Warning,
        explanation: "the file could not be read",
    },
    Code {
        code: "not-utf8",
        severity: Severity::Warning,
        explanation: "the file is not UTF-8",
    },
    Code {
        code: "page-too-large",
        severity: Severity::Warning,
        explanation: "the page is too large to be read whole",
    },
    Code {
        code: "internal-error",
        severity: Severity::Warning,
        explanation: "the reader failed on the page",
    },
    Code {
        code: "api-version-unknown",
        severity: Severity::Warning,
        explanation: "nothing on the page or in its path says v1.0 or beta (model)",
    },
];

/// What `--list-codes` says about codes that are not lint checks.
pub const PASS_THROUGH_EXPLANATION: &str =
    "any other code: a problem the reader met on a page, or a model finding, passed through as a warning";

/// The [`Code`] of a lint check, `None` for reader and model codes.
pub fn code_info(code: &str) -> Option<&'static Code> {
    CODES.iter().find(|c| c.code == code)
}

/// The explanation of any code: a check's, or a known reader or model code's.
pub fn explanation(code: &str) -> Option<&'static str> {
    CODES
        .iter()
        .chain(PASS_THROUGH_CODES)
        .find(|c| c.code == code)
        .map(|c| c.explanation)
}

/// Another place a finding refers to (e.g. the first listing of a duplicate).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    pub line: usize,
    pub column: usize,
    #[serde(skip)]
    pub len: usize,
    pub message: String,
}

/// One finding on one page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub code: String,
    pub severity: Severity,
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based character column.
    pub column: usize,
    /// Width of the marked text in characters (0: a point).
    #[serde(skip)]
    pub len: usize,
    /// What is wrong, in one line.
    pub message: String,
    /// Said at the marker.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// How to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
}

/// Lint pages read from one tree. Sorted by file, line, column, code.
pub fn lint_pages(pages: &[Page]) -> Vec<Finding> {
    let built = model::build(pages);
    let mut findings = checks::run(pages, &built.model, &built.diagnostics);
    findings.sort_by(|a, b| {
        (&a.file, a.line, a.column, &a.code, &a.message)
            .cmp(&(&b.file, b.line, b.column, &b.code, &b.message))
    });
    findings.dedup();
    findings
}

/// Findings per code.
pub fn counts(findings: &[Finding]) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for f in findings {
        *out.entry(f.code.clone()).or_default() += 1;
    }
    out
}

/// Every code with its explanation, one per line (`--list-codes`).
pub fn list_codes() -> String {
    let width = CODES
        .iter()
        .chain(PASS_THROUGH_CODES)
        .map(|c| c.code.len())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for c in CODES {
        out.push_str(&format!(
            "{:<width$}  {:<7}  {}\n",
            c.code,
            c.severity.as_str(),
            c.explanation
        ));
    }
    out.push_str("\nfrom the reader and the model, passed through:\n");
    for c in PASS_THROUGH_CODES {
        out.push_str(&format!(
            "{:<width$}  {:<7}  {}\n",
            c.code,
            c.severity.as_str(),
            c.explanation
        ));
    }
    out.push_str(&format!(
        "{:<width$}  {:<7}  {}\n",
        "(other)", "warning", PASS_THROUGH_EXPLANATION
    ));
    out
}

// ---- command line ----

/// Output format of `graphdoc lint`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LintFormat {
    /// rustc-style diagnostics with the offending lines, coloured when a terminal.
    Text,
    /// `{"diagnostics": [...], "summary": {...}}`.
    Json,
    /// SARIF 2.1.0, for CI code-scanning annotations.
    Sarif,
}

/// When `graphdoc lint` exits with status 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LintFailOn {
    /// Any error-level finding.
    Error,
    /// Any finding.
    Warning,
    /// Never: report only.
    Never,
}

/// `graphdoc lint DOCS`: consistency checks of the docs themselves.
#[derive(Debug, Clone, clap::Args)]
pub struct LintArgs {
    /// Doc folders, page files, or IR dumps (`graphdoc ir` JSON).
    #[arg(required_unless_present = "list_codes")]
    pub docs: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = LintFormat::Text)]
    pub format: LintFormat,
    /// Print every code with its one-line explanation and exit.
    #[arg(long)]
    pub list_codes: bool,
    /// Do not report this code (repeatable).
    #[arg(long = "allow", value_name = "CODE")]
    pub allow: Vec<String>,
    /// Exit with status 1 on findings of this severity or worse.
    #[arg(long, value_enum, default_value_t = LintFailOn::Error)]
    pub fail_on: LintFailOn,
    /// Colour the text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// Run `graphdoc lint`: print the findings; exit 1 per `--fail-on`.
pub fn run(args: LintArgs) -> Result<ExitCode> {
    if args.list_codes {
        write_stdout(&list_codes())?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut pages = Vec::new();
    for path in &args.docs {
        pages.extend(load_pages(path)?);
    }
    let mut findings = lint_pages(&pages);
    findings.retain(|f| !args.allow.iter().any(|a| a == &f.code));
    let output = match args.format {
        LintFormat::Text => render_text(&findings, pages.len(), args.color.enabled()),
        LintFormat::Json => render_json(&findings, pages.len())?,
        LintFormat::Sarif => render_sarif(&findings)?,
    };
    write_stdout(&output)?;
    let fail = match args.fail_on {
        LintFailOn::Error => findings.iter().any(|f| f.severity == Severity::Error),
        LintFailOn::Warning => !findings.is_empty(),
        LintFailOn::Never => false,
    };
    Ok(if fail {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
