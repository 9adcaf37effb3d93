//! `cargo bench -p graphdoc --bench pipeline`: what reading and generating cost
//! against the floor of merely parsing the markdown.
//!
//! On the same pages (the 2021-07 v1.0 corpus), in one process:
//! - `floor`: a bare pulldown-cmark pass over every page (events consumed, nothing kept);
//! - `read`: graphdoc's full read of every page into the IR;
//! - `generate`: read + model + emitting the whole SDK's source, formatted.
//!
//! Each runs single-threaded (inside a one-thread rayon pool, so graphdoc's own
//! parallelism cannot flatter the ratio) and again with every core (`*_parallel`,
//! the floor spread over the cores too), the wall-clock a user sees.
//! After criterion's runs it prints the ratios to the floor, of the mean and of
//! the median times (targets: read ≤ 2×, generate ≤ 10×), and the peak heap of
//! one run of each, from a counting allocator.

use std::alloc::{GlobalAlloc, Layout};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering};
use std::time::{Duration, Instant};

use std::hint::black_box;

use criterion::Criterion;
use graphdoc::emit::{emit_sdk, EmitOptions};
use mimalloc::MiMalloc;
use rayon::prelude::*;

#[path = "support/corpus.rs"]
mod corpus;
use corpus::corpus_pages;

/// The `graphdoc` binary's allocator (mimalloc), wrapped to count live heap
/// bytes and remember the peak, for the memory figures,
/// only while [`COUNTING`] is on: the timed runs do not pay for the counting
/// (two atomic updates per allocation, a tenth of a read's time).
struct CountingAlloc;
static COUNTING: AtomicBool = AtomicBool::new(false);
/// Bytes allocated less bytes freed since counting began (freeing what was
/// allocated before can take it below zero), and its highest value.
static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { MiMalloc.alloc(layout) };
        if !p.is_null() && COUNTING.load(Ordering::Relaxed) {
            let size = layout.size() as isize;
            let now = LIVE.fetch_add(size, Ordering::Relaxed) + size;
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { MiMalloc.dealloc(ptr, layout) };
        if COUNTING.load(Ordering::Relaxed) {
            LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        }
    }
    // The allocator's own realloc (often in place), not the default's copy.
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { MiMalloc.realloc(ptr, layout, new_size) };
        if !p.is_null() && COUNTING.load(Ordering::Relaxed) {
            let grown = new_size as isize - layout.size() as isize;
            let now = LIVE.fetch_add(grown, Ordering::Relaxed) + grown;
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
}

#[global_allocator]
static ALLOC: CountingAlloc = CountingAlloc;

fn floor(pages: &[(String, String)]) -> usize {
    let mut events = 0;
    for (_, text) in pages {
        let options = pulldown_cmark::Options::ENABLE_TABLES;
        events += pulldown_cmark::Parser::new_ext(text, options).count();
    }
    events
}

fn read_all(pages: &[(String, String)]) -> Vec<graphdoc::ir::Page> {
    pages
        .par_iter()
        .map(|(source, text)| graphdoc::read::read_page(source, text))
        .collect()
}

fn floor_parallel(pages: &[(String, String)]) -> usize {
    pages
        .par_iter()
        .map(|page| floor(std::slice::from_ref(page)))
        .sum()
}

fn generate(pages: &[(String, String)]) -> usize {
    let read = read_all(pages);
    let model = graphdoc::model::build(&read).model;
    let options = EmitOptions {
        crate_name: "graph-sdk".into(),
        runtime_dependency: r#"{ path = "../runtime" }"#.into(),
    };
    let files = emit_sdk(&model, &options).expect("the corpus SDK emits");
    files.values().map(String::len).sum()
}

/// Peak heap above the baseline during one run of `f`, and its wall time.
fn peak_of<T>(f: impl FnOnce() -> T) -> (usize, Duration) {
    LIVE.store(0, Ordering::Relaxed);
    PEAK.store(0, Ordering::Relaxed);
    COUNTING.store(true, Ordering::Relaxed);
    let start = Instant::now();
    let out = f();
    let took = start.elapsed();
    COUNTING.store(false, Ordering::Relaxed);
    drop(black_box(out));
    (PEAK.load(Ordering::Relaxed) as usize, took)
}

/// Criterion's mean and median estimates for a benchmark, in nanoseconds.
fn estimates_ns(name: &str) -> Option<(f64, f64)> {
    let dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    let path = dir
        .join("criterion/pipeline")
        .join(name)
        .join("new/estimates.json");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    let estimate = |what: &str| json[what]["point_estimate"].as_f64();
    Some((estimate("mean")?, estimate("median")?))
}

fn main() {
    let Some(pages) = corpus_pages() else {
        return;
    };
    // `cargo test --all-targets` runs this binary without `--bench`: a smoke run only.
    if !std::env::args().any(|a| a == "--bench") {
        assert!(floor(&pages) > 0 && !read_all(&pages).is_empty() && generate(&pages) > 0);
        return;
    }
    let bytes: usize = pages.iter().map(|(_, t)| t.len()).sum();
    println!(
        "{} pages, {:.1} MiB of markdown",
        pages.len(),
        bytes as f64 / 1048576.0
    );

    let single = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a one-thread pool");
    let threads = rayon::current_num_threads();
    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8))
        .configure_from_args();
    let mut group = c.benchmark_group("pipeline");
    group.bench_function("floor", |b| b.iter(|| floor(black_box(&pages))));
    // The IR is what the read returns: freeing it is its user's cost, not the read's.
    group.bench_function("read", |b| {
        b.iter_with_large_drop(|| single.install(|| read_all(black_box(&pages))))
    });
    group.bench_function("generate", |b| {
        b.iter(|| single.install(|| generate(black_box(&pages))))
    });
    group.bench_function("floor_parallel", |b| {
        b.iter(|| floor_parallel(black_box(&pages)))
    });
    group.bench_function("read_parallel", |b| {
        b.iter_with_large_drop(|| read_all(black_box(&pages)))
    });
    group.bench_function("generate_parallel", |b| {
        b.iter(|| generate(black_box(&pages)))
    });
    group.finish();
    c.final_summary();

    // Both statistics: on a shared machine a few slow samples move the mean
    // more than the median.
    for (label, suffix) in [("single-threaded", ""), ("parallel", "_parallel")] {
        let get = |name: &str| estimates_ns(&format!("{name}{suffix}"));
        if let (Some(f), Some(r), Some(g)) = (get("floor"), get("read"), get("generate")) {
            let on = if suffix.is_empty() { 1 } else { threads };
            println!("\nratios to the floor, {label} ({on} thread(s)):");
            println!(
                "  {:<9} {:>9} {:>7} {:>10} {:>7}",
                "", "mean", "", "median", ""
            );
            for (name, (mean, median), target) in [
                ("floor", f, ""),
                ("read", r, "target <= 2x"),
                ("generate", g, "target <= 10x"),
            ] {
                let line = format!(
                    "  {name:<9} {:>6.1} ms {:>6.2}x {:>7.1} ms {:>6.2}x  {target}",
                    mean / 1e6,
                    mean / f.0,
                    median / 1e6,
                    median / f.1,
                );
                println!("{}", line.trim_end());
            }
        }
    }
    println!("\npeak heap of one single-threaded run (above what the loaded pages already hold):");
    for (name, (peak, took)) in [
        ("floor", peak_of(|| floor(&pages))),
        ("read", peak_of(|| single.install(|| read_all(&pages)))),
        ("generate", peak_of(|| single.install(|| generate(&pages)))),
    ] {
        println!(
            "  {name:<9} {:>8.1} MiB  ({:.0} ms)",
            peak as f64 / 1048576.0,
            took.as_secs_f64() * 1e3
        );
    }
}
