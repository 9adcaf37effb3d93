//! `cargo run --release -p graphdoc --example stage_times [RUNS]`: where the
//! pipeline's time goes, stage by stage, on the 2021-07 v1.0 corpus.
//!
//! The benchmark (`cargo bench`) gives the ratios the targets are about; this
//! splits them: each stage alone, one thread, the fastest of RUNS runs
//! (default 10), which a shared machine's noise moves least. Each time
//! includes freeing what the stage made.

use std::hint::black_box;
use std::time::Instant;

use graphdoc::emit::{emit_sdk, EmitOptions};

#[path = "../benches/support/corpus.rs"]
mod corpus;
use corpus::corpus_pages;

/// The `graphdoc` binary's allocator, so the times match what the CLI does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let Some(pages) = corpus_pages() else {
        return;
    };
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(10);
    println!("{} pages, fastest of {runs} runs, one thread:", pages.len());

    let single = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a one-thread pool");
    let fastest = |f: &(dyn Fn() + Sync)| {
        (0..runs.max(1))
            .map(|_| {
                let start = Instant::now();
                single.install(f);
                start.elapsed().as_secs_f64() * 1e3
            })
            .fold(f64::MAX, f64::min)
    };
    let read = || -> Vec<_> {
        let pages = pages.iter();
        pages
            .map(|(s, t)| graphdoc::read::read_page(s, t))
            .collect()
    };
    let ir = read();
    let model = graphdoc::model::build(&ir).model;
    let options = EmitOptions {
        crate_name: "graph-sdk".into(),
        runtime_dependency: r#"{ path = "../runtime" }"#.into(),
    };

    let floor = fastest(&|| {
        for (_, text) in &pages {
            let options = pulldown_cmark::Options::ENABLE_TABLES;
            black_box(pulldown_cmark::Parser::new_ext(text, options).count());
        }
    });
    let stages: [(&str, &(dyn Fn() + Sync)); 5] = [
        ("blocks (pulldown-cmark + block stream)", &|| {
            for (source, text) in &pages {
                graphdoc::read::with_blocks(source, text, |doc| drop(black_box(doc)));
            }
        }),
        ("read into IR", &|| drop(black_box(read()))),
        ("model from the IR", &|| {
            drop(black_box(graphdoc::model::build(&ir)))
        }),
        ("emit + format from the model", &|| {
            drop(black_box(
                emit_sdk(&model, &options).expect("the corpus SDK emits"),
            ))
        }),
        ("generate (read + model + emit)", &|| {
            let model = graphdoc::model::build(&read()).model;
            drop(black_box(
                emit_sdk(&model, &options).expect("the corpus SDK emits"),
            ))
        }),
    ];
    println!("  {:<40} {floor:>7.1} ms", "floor (bare pulldown-cmark)");
    for (name, stage) in stages {
        let ms = fastest(stage);
        println!("  {name:<40} {ms:>7.1} ms  {:>5.2}x the floor", ms / floor);
    }
}
