//! Reading pages (both forms) into the page IR.
//!
//! Two front-ends turn a page into one common block stream ([`Block`]):
//! `markdown` for the markdown source, `text` for the published page's
//! text. One extractor (`extract`) turns blocks into an [`ir::Page`], so the
//! two forms of one page read the same. [`form::detect`] tells the forms apart
//! by content.
//!
//! Diagnostic codes (stable):
//! - `table-not-read`: a list of values (`Value | Description`) under a section of other rows, which the reader cannot attach to one;
//! - `table-split`: table rows after a blank line (which ends a markdown table), read as rows of the table above;
//! - `table-row-shape`: a table row without the cells its header promises (or with an empty name/type);
//! - `json-invalid`: an example body that is not JSON even leniently (kept as `raw_body`);
//! - `no-http-request`: an operation page without a `METHOD /path` request line;
//! - `unknown-doc-type`, `doc-type-mismatch`: front matter that the content contradicts or that is unknown;
//! - `annotation-invalid`: a `<!-- { "blockType": … } -->` comment that is not JSON (its pairs are still read);
//! - `enum-no-members`, `no-title`, `no-type-name`: an enum page without members, a page without a title, a resource page with properties but no type name;
//! - `include-unresolved`: a permissions include that is not beside the page (its permissions are not read);
//! - `not-utf8`: bytes that are not UTF-8 (read as U+FFFD, the rest of the page as usual);
//! - `io-error`, `page-too-large`, `internal-error`: the file itself could not be read whole.

mod blocks;
mod extract;
pub mod form;
mod http;
mod json;
mod markdown;
mod scan;
mod schema;
mod text;
mod typeref;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

pub use blocks::{Block, Doc, FrontMatter, Row};

use crate::ir::{self, Diagnostic, Form, Page, PageKind};

/// Pages larger than this are read only up to it: no reference page comes
/// close, and it bounds the work a pathological input can cause.
pub const MAX_PAGE_BYTES: usize = 4 * 1024 * 1024;

/// Whether an example body is meant as JSON: it opens like a JSON object or
/// array and no `Content-Type` says otherwise. Other bodies (`893` for a
/// `$count`, `text/plain`, MIME, CSV) are kept as written, and are not a
/// failure to read JSON.
pub fn body_meant_as_json(body: &str, headers: &[ir::Header]) -> bool {
    let content_type = headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("content-type"));
    http::json_start(body)
        && content_type.is_none_or(|h| h.value.to_ascii_lowercase().contains("json"))
}

/// Reads one page's blocks (either form) and hands them to `f`; the blocks
/// borrow from the page, or from its copy with tabs expanded (`markdown::detab`)
/// kept meanwhile. Public so that `stage_times` can time this stage alone.
pub fn with_blocks<R>(source: &str, text: &str, f: impl FnOnce(Doc<'_>) -> R) -> R {
    let f = |mut doc: Doc<'_>| {
        blocks::rejoin_split_tables(source, &mut doc);
        f(doc)
    };
    let unbroken;
    let text = match lone_crs_as_newlines(text) {
        Some(t) => {
            unbroken = t;
            unbroken.as_str()
        }
        None => text,
    };
    match form::detect(text) {
        Form::Markdown => match markdown::detab(text) {
            Some(detabbed) => f(markdown::parse(source, &detabbed)),
            None => f(markdown::parse(source, text)),
        },
        Form::Text => f(text::parse(text)),
    }
}

/// `text` with each lone CR (a classic Mac line break: older pages' front
/// matter has them) as `\n`, so that lines are what an editor shows and every
/// reader splits them alike; `None` when it has none (CRLF stays as it is).
fn lone_crs_as_newlines(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let lone = |i: usize| b.get(i + 1) != Some(&b'\n');
    let mut at = 0;
    loop {
        let i = scan::find_byte_far(b, at, b'\r')?;
        if lone(i) {
            break;
        }
        at = i + 2;
    }
    let bytes: Vec<u8> = (0..b.len())
        .map(|i| {
            if b[i] == b'\r' && lone(i) {
                b'\n'
            } else {
                b[i]
            }
        })
        .collect();
    // ASCII for ASCII keeps it UTF-8.
    String::from_utf8(bytes).ok()
}

/// Reads one page. `source` is the path to record (and to take the API version
/// from when it has a `/beta/` or `/v1.0/` folder). Never panics. Includes are
/// not resolved (see [`read_file`]).
pub fn read_page(source: &str, text: &str) -> ir::Page {
    read_page_in(source, text, None)
}

/// [`read_page`], with the permission includes read from `dir`, the page's folder.
fn read_page_in(source: &str, text: &str, dir: Option<&Path>) -> ir::Page {
    let source = source.replace('\\', "/");
    let (text, cut) = if text.len() > MAX_PAGE_BYTES {
        let mut end = MAX_PAGE_BYTES;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        (&text[..end], true)
    } else {
        (text, false)
    };
    let result = std::panic::catch_unwind(|| {
        with_blocks(&source, text, |mut doc| {
            if let Some(dir) = dir {
                splice_includes(&source, &mut doc, dir);
            }
            extract::extract(&source, doc)
        })
    });
    let mut page = match result {
        Ok(page) => page,
        // A reader bug must not take the whole run down: report it on the page.
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            let mut page = empty_page(&source, form::detect(text));
            page.diagnostics.push(diag(
                &source,
                1,
                "internal-error",
                format!("the reader failed on this page: {what}"),
            ));
            page
        }
    };
    if cut {
        page.diagnostics.push(diag(
            &source,
            1,
            "page-too-large",
            format!("page is larger than {MAX_PAGE_BYTES} bytes; only its start was read"),
        ));
    }
    page
}

/// Reads one file. I/O and encoding errors become a page of kind Other with a diagnostic.
pub fn read_file(path: &Path) -> ir::Page {
    let source = path.to_string_lossy().replace('\\', "/");
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => read_page_in(&source, &text, path.parent()),
            // Older pages carry a stray Windows-1252 byte (a curly quote): the
            // page is read all the same, that byte as U+FFFD, and said so.
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let bytes = e.into_bytes();
                let line = 1 + scan::count_byte(&bytes[..at], b'\n');
                let text = String::from_utf8_lossy(&bytes);
                let mut page = read_page_in(&source, &text, path.parent());
                page.diagnostics.insert(
                    0,
                    diag(
                        &source,
                        line,
                        "not-utf8",
                        format!("file is not UTF-8 from byte {at} (0x{:02x}); read with each invalid byte as U+FFFD (expected a UTF-8 text or markdown page)", bytes[at]),
                    ),
                );
                page
            }
        },
        Err(e) => {
            let mut page = empty_page(&source, Form::Text);
            page.diagnostics.push(diag(
                &source,
                1,
                "io-error",
                format!("cannot read file: {e}"),
            ));
            page
        }
    }
}

/// Whether an include directive holds a page's permissions table.
pub(crate) fn is_permissions_include(name: &str, path: &str) -> bool {
    name.trim().eq_ignore_ascii_case("permissions-table")
        || path.replace('\\', "/").contains("includes/permissions/")
}

/// Puts the blocks of each permissions include found in `dir` (the page's
/// folder, as the docs build resolves them) in place of its directive. They
/// take the directive's line: diagnostics point into the page, not the
/// include. A missing include stays a directive, which the reader reports.
fn splice_includes(source: &str, doc: &mut Doc<'_>, dir: &Path) {
    if !doc
        .blocks
        .iter()
        .any(|b| matches!(b, Block::Include { .. }))
    {
        return;
    }
    let blocks = std::mem::take(&mut doc.blocks);
    for block in blocks {
        let included = match &block {
            Block::Include { name, path, line } if is_permissions_include(name, path) => {
                read_include(&dir.join(path.trim())).map(|text| (text, *line))
            }
            _ => None,
        };
        let Some((text, line)) = included else {
            doc.blocks.push(block);
            continue;
        };
        let inner = match markdown::detab(&text) {
            Some(detabbed) => markdown::parse(source, &detabbed).into_owned(),
            None => markdown::parse(source, &text).into_owned(),
        };
        doc.blocks
            .extend(inner.blocks.into_iter().map(|b| b.at_line(line)));
    }
}

/// An include file's text; `None` when it is missing, unreadable, or too
/// large to be the small table an include is.
fn read_include(file: &Path) -> Option<String> {
    let small = std::fs::metadata(file).is_ok_and(|m| m.is_file() && m.len() <= 1024 * 1024);
    small.then(|| std::fs::read_to_string(file).ok()).flatten()
}

/// Reads files and folders. A folder means every `.md`/`.txt` file under it
/// except `README.md` and what is under an `includes/` folder. Pages come back sorted by path, read in parallel.
pub fn read_paths(paths: &[PathBuf]) -> Vec<ir::Page> {
    read_paths_with_progress(paths, false)
}

/// [`read_paths`], with a progress bar on stderr while the pages are read when
/// `progress` is set and stderr is a terminal: never in pipes, logs or CI.
pub fn read_paths_with_progress(paths: &[PathBuf], progress: bool) -> Vec<ir::Page> {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.is_dir() {
            collect_pages(p, &mut files, &mut errors);
        } else {
            files.push(p.clone());
        }
    }
    files.sort();
    files.dedup();
    let bar = progress_bar(files.len(), progress && std::io::stderr().is_terminal());
    let mut pages: Vec<Page> = files
        .par_iter()
        .map(|f| {
            let page = read_file(f);
            bar.inc(1);
            page
        })
        .collect();
    bar.finish_and_clear();
    pages.extend(errors);
    pages.sort_by(|a, b| a.source.cmp(&b.source));
    pages
}

/// A bar counting pages read, drawn on stderr; hidden unless `show`.
fn progress_bar(pages: usize, show: bool) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(pages as u64), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("reading {bar:30} {pos}/{len} pages, {elapsed} (eta {eta})")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

fn collect_pages(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<Page>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            let source = dir.to_string_lossy().replace('\\', "/");
            let mut page = empty_page(&source, Form::Text);
            page.diagnostics.push(diag(
                &source,
                1,
                "io-error",
                format!("cannot read folder: {e}"),
            ));
            errors.push(page);
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        // file_type does not follow symlinks: a link loop cannot make this recurse forever.
        let Ok(ft) = entry.file_type() else { continue };
        if ft.is_dir() {
            // The docs' `includes/` folders hold fragments, not pages: a page
            // that includes one reads it from there (permission tables).
            if entry.file_name().eq_ignore_ascii_case("includes") {
                continue;
            }
            collect_pages(&path, files, errors);
        } else if is_page(&path) {
            files.push(path);
        }
    }
}

fn is_page(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    (ext.eq_ignore_ascii_case("md") || ext.eq_ignore_ascii_case("txt"))
        && !name.eq_ignore_ascii_case("README.md")
}

fn diag(file: &str, line: usize, code: &str, message: String) -> Diagnostic {
    Diagnostic {
        file: file.to_string(),
        line,
        code: code.to_string(),
        message,
    }
}

/// A page with nothing read yet.
pub(crate) fn empty_page(source: &str, form: Form) -> Page {
    Page {
        source: source.to_string(),
        form,
        kind: PageKind::Other,
        title: String::new(),
        api_version: None,
        namespace: None,
        description: None,
        operations: Vec::new(),
        permissions: Vec::new(),
        request_headers: Vec::new(),
        parameters: Vec::new(),
        query_options: Vec::new(),
        request_body: None,
        response: None,
        examples: Vec::new(),
        type_name: None,
        type_alias: None,
        properties: Vec::new(),
        relationships: Vec::new(),
        properties_none: false,
        base_type: None,
        members: Vec::new(),
        enums: Vec::new(),
        diagnostics: Vec::new(),
    }
}
