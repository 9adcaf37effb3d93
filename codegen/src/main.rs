//! The `graphdoc` command line.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};

use graphdoc::emit::EmitOptions;
use graphdoc::ir::{IrDocument, IR_VERSION};
use graphdoc::{check, pipeline, read};

/// Reading and emitting make many small, short-lived allocations (strings,
/// token streams); mimalloc serves them markedly faster than glibc's malloc,
/// which took a fifth of a corpus `generate` (perf).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Reads Microsoft Graph REST API reference pages and generates a typed Rust SDK.
#[derive(Parser)]
#[command(name = "graphdoc", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the page IR of every page as JSON (a folder means every page under it).
    Ir {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// One line of JSON instead of pretty-printed.
        #[arg(long)]
        compact: bool,
    },
    /// Generate a complete SDK crate from doc pages into DIR.
    Generate {
        #[arg(required = true)]
        docs: Vec<PathBuf>,
        /// Folder to write the crate into (created if missing).
        #[arg(long)]
        out: PathBuf,
        /// Package name of the generated crate.
        #[arg(long, default_value = "graph-sdk")]
        crate_name: String,
        /// Folder of the graphdoc-runtime crate the SDK depends on
        /// (default: the runtime in graphdoc's own source tree).
        #[arg(long)]
        runtime_path: Option<PathBuf>,
    },
    /// What changed in the API between two doc trees (or IR dumps), and whether it breaks callers.
    Diff(check::diff::DiffArgs),
    /// Check the docs for contradictions: examples against their tables, URLs against paths, …
    Lint(check::lint::LintArgs),
    /// Reading figures per page kind, pages that fell short, and type resolution.
    Stats {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Print JSON instead of the text report.
        #[arg(long)]
        json: bool,
    },
    /// Serve the docs' examples as a local stand-in for Graph on 127.0.0.1.
    Mock {
        #[arg(required = true)]
        docs: Vec<PathBuf>,
        /// Port on 127.0.0.1 (0 picks a free one).
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// Only answer an example when the request's JSON body equals the example's.
        #[arg(long)]
        strict_bodies: bool,
    },
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Ir { paths, compact } => {
            require_exists(&paths)?;
            let pages = read::read_paths_with_progress(&paths, true);
            for d in pages.iter().flat_map(|p| &p.diagnostics) {
                eprintln!("warning: {d}");
            }
            let doc = IrDocument {
                version: IR_VERSION,
                pages,
            };
            let json = if compact {
                serde_json::to_string(&doc)?
            } else {
                serde_json::to_string_pretty(&doc)?
            };
            check::write_stdout(&format!("{json}\n"))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Generate {
            docs,
            out,
            crate_name,
            runtime_path,
        } => {
            require_exists(&docs)?;
            let runtime_dir = match runtime_path {
                Some(p) => p,
                None => pipeline::bundled_runtime_dir(),
            };
            let runtime_dir = std::fs::canonicalize(&runtime_dir).with_context(|| {
                format!(
                    "runtime crate not found at {} (pass --runtime-path)",
                    runtime_dir.display()
                )
            })?;
            let options = EmitOptions {
                crate_name,
                runtime_dependency: pipeline::runtime_path_dependency(&runtime_dir),
            };
            let generation = pipeline::generate_with_progress(&docs, &options, true)?;
            for d in &generation.diagnostics {
                eprintln!("warning: {d}");
            }
            check::drift::write(&generation.files, &out, &["src"])
                .with_context(|| format!("writing {}", out.display()))?;
            let stats = generation
                .model
                .versions
                .values()
                .fold((0, 0, 0), |acc, v| {
                    (
                        acc.0 + v.types.len(),
                        acc.1 + v.enums.len(),
                        acc.2 + v.operations.len(),
                    )
                });
            eprintln!(
                "generated {} ({} pages read, {} types, {} enums, {} operations, {} warnings)",
                out.display(),
                generation.pages.len(),
                stats.0,
                stats.1,
                stats.2,
                generation.diagnostics.len()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Diff(args) => check::diff::run(args),
        Command::Lint(args) => check::lint::run(args),
        Command::Stats { paths, json } => {
            require_exists(&paths)?;
            let pages = read::read_paths_with_progress(&paths, true);
            let stats = check::stats::compute(&pages);
            if json {
                check::write_stdout(&format!("{}\n", serde_json::to_string_pretty(&stats)?))?;
            } else {
                check::write_stdout(&check::stats::render_text(&stats))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Mock {
            docs,
            port,
            strict_bodies,
        } => {
            require_exists(&docs)?;
            let pages = read::read_paths_with_progress(&docs, true);
            let mut graph = graphdoc::mock::MockGraph::from_pages(&pages);
            graph.strict_bodies = strict_bodies;
            let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
                    .await
                    .with_context(|| format!("binding 127.0.0.1:{port}"))?;
                eprintln!(
                    "serving {} examples from {} pages on http://{} (Ctrl-C to stop)",
                    graph.example_count(),
                    pages.len(),
                    listener.local_addr()?
                );
                graphdoc::mock::serve(listener, std::sync::Arc::new(graph))
                    .await
                    .context("serving")
            })?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn require_exists(paths: &[PathBuf]) -> Result<()> {
    for p in paths {
        if !p.exists() {
            bail!("{}: no such file or folder", p.display());
        }
    }
    Ok(())
}
