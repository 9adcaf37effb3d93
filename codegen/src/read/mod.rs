//! Reading pages (both forms) into the page IR.
//!
//! Two front-ends turn a page into one common block stream ([`Block`]):
//! `markdown` for the markdown source, `text` for the published page's
//! text. One extractor (`extract`) turns blocks into an [`ir::Page`], so the
//! two forms of one page read the same. [`form::detect`] tells the forms apart
//! by content.
//!
//! Diagnostic codes (stable):
//! - `table-row-shape`: a table row without the cells its header promises (or with an empty name/type);
//! - `json-invalid`: an example body that is not JSON even leniently (kept as `raw_body`);
//! - `no-http-request`: an operation page without a `METHOD /path` request line;
//! - `unknown-doc-type`, `doc-type-mismatch`: front matter that the content contradicts or that is unknown;
//! - `annotation-invalid`: a `<!-- { "blockType": … } -->` comment that is not JSON (its pairs are still read);
//! - `enum-no-members`, `no-title`, `no-type-name`: an enum page without members, a page without a title, a resource page with properties but no type name;
//! - `include-unresolved`: a permissions include that is not beside the page (its permissions are not read);
//! - `io-error`, `not-utf8`, `page-too-large`, `internal-error`: the file itself could not be read whole.

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

/// Reads one page's blocks (either form), without extracting the IR.
pub fn parse_blocks<'a>(source: &str, text: &'a str) -> Doc<'a> {
    match form::detect(text) {
        Form::Markdown => match markdown::detab(text) {
            Some(detabbed) => markdown::parse(source, &detabbed).into_owned(),
            None => markdown::parse(source, text),
        },
        Form::Text => text::parse(text),
    }
}

/// Reads one page's blocks and hands them to `f`; the blocks borrow from the
/// page, or from its detabbed copy (see [`markdown::detab`]) kept meanwhile.
fn with_blocks<R>(source: &str, text: &str, f: impl FnOnce(Doc<'_>) -> R) -> R {
    match form::detect(text) {
        Form::Markdown => match markdown::detab(text) {
            Some(detabbed) => f(markdown::parse(source, &detabbed)),
            None => f(markdown::parse(source, text)),
        },
        Form::Text => f(text::parse(text)),
    }
}

/// Reads one page. `source` is the path to record (and to take the API version
/// from when it has a `/beta/` or `/v1.0/` folder). Never panics. Includes are
/// not resolved (see [`read_file`]).
pub fn read_page(source: &str, text: &str) -> ir::Page {
    read_page_with(source, text, &[])
}

/// [`read_page`], with the text of the permission includes found beside the page.
fn read_page_with(source: &str, text: &str, includes: &[Included]) -> ir::Page {
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
            splice_includes(&source, &mut doc, includes);
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
            Ok(text) => {
                let includes = path
                    .parent()
                    .map_or_else(Vec::new, |dir| permission_includes(&text, dir));
                read_page_with(&source, &text, &includes)
            }
            Err(e) => {
                let mut page = empty_page(&source, Form::Text);
                page.diagnostics.push(diag(
                    &source,
                    1,
                    "not-utf8",
                    format!("file is not UTF-8 ({e}); expected a UTF-8 text or markdown page"),
                ));
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

/// A permissions include (`[!INCLUDE [permissions-table](../includes/permissions/x.md)]`)
/// read from beside the page: newer pages keep their permissions table there.
struct Included {
    /// The path as the directive writes it.
    path: String,
    text: String,
}

/// Whether an include directive holds a page's permissions table.
pub(crate) fn is_permissions_include(name: &str, path: &str) -> bool {
    name.trim().eq_ignore_ascii_case("permissions-table")
        || path.replace('\\', "/").contains("includes/permissions/")
}

/// The permission includes of a page that exist beside it (relative to `dir`,
/// as the docs build resolves them). Missing ones are left to the reader,
/// which reports them.
fn permission_includes(text: &str, dir: &Path) -> Vec<Included> {
    let mut found = Vec::new();
    if !text.contains("[!INCLUDE") {
        return found;
    }
    for line in scan::lines(text) {
        markdown::includes(line, |name, path| {
            let path = path.trim();
            if !is_permissions_include(name, path)
                || found.iter().any(|i: &Included| i.path == path)
            {
                return;
            }
            let file = dir.join(path);
            // An include is a small table: a large file is not one.
            let small =
                std::fs::metadata(&file).is_ok_and(|m| m.is_file() && m.len() <= 1024 * 1024);
            if let Some(text) = small.then(|| std::fs::read_to_string(&file).ok()).flatten() {
                found.push(Included {
                    path: path.to_string(),
                    text,
                });
            }
        });
    }
    found
}

/// Puts the blocks of each included file in place of its directive. They take
/// the directive's line: diagnostics point into the page, not the include.
fn splice_includes(source: &str, doc: &mut Doc<'_>, includes: &[Included]) {
    if includes.is_empty() {
        return;
    }
    let blocks = std::mem::take(&mut doc.blocks);
    for block in blocks {
        let included = match &block {
            Block::Include { path, line, .. } => includes
                .iter()
                .find(|i| i.path == path.trim())
                .map(|i| (i, *line)),
            _ => None,
        };
        let Some((included, line)) = included else {
            doc.blocks.push(block);
            continue;
        };
        let inner = match markdown::detab(&included.text) {
            Some(detabbed) => markdown::parse(source, &detabbed).into_owned(),
            None => markdown::parse(source, &included.text).into_owned(),
        };
        doc.blocks
            .extend(inner.blocks.into_iter().map(|b| at_line(b, line)));
    }
}

/// `block`, every line of it moved to `line`.
fn at_line(block: Block<'_>, at: usize) -> Block<'_> {
    match block {
        Block::Heading { level, text, .. } => Block::Heading {
            level,
            text,
            line: at,
        },
        Block::Paragraph { text, .. } => Block::Paragraph { text, line: at },
        Block::Include { name, path, .. } => Block::Include {
            name,
            path,
            line: at,
        },
        Block::Table { header, rows, .. } => Block::Table {
            header,
            rows: rows
                .into_iter()
                .map(|r| Row {
                    cells: r.cells,
                    line: at,
                })
                .collect(),
            line: at,
        },
        Block::Code {
            info,
            text,
            annotation,
            ..
        } => Block::Code {
            info,
            text,
            line: at,
            annotation,
        },
    }
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
        request_body: None,
        response: None,
        examples: Vec::new(),
        type_name: None,
        properties: Vec::new(),
        relationships: Vec::new(),
        base_type: None,
        members: Vec::new(),
        enums: Vec::new(),
        diagnostics: Vec::new(),
    }
}
