use graphdoc::emit::{emit_sdk, EmitOptions};
use std::hint::black_box;
#[path = "../benches/support/corpus.rs"]
mod corpus;
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
fn main() {
    let pages = corpus::corpus_pages().unwrap();
    let ir: Vec<_> = pages
        .iter()
        .map(|(s, t)| graphdoc::read::read_page(s, t))
        .collect();
    let which = std::env::args().nth(1).unwrap_or_default();
    let model = graphdoc::model::build(&ir).model;
    let options = EmitOptions {
        crate_name: "graph-sdk".into(),
        runtime_dependency: r#"{ path = "../runtime" }"#.into(),
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    pool.install(|| {
        for _ in 0..15 {
            if which == "model" {
                drop(black_box(graphdoc::model::build(&ir)));
            } else {
                drop(black_box(emit_sdk(&model, &options).unwrap()));
            }
        }
    });
}
