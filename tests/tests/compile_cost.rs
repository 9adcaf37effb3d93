//! The SDK of the whole 2021-07 reference passes clippy with `-D warnings`
//! with every feature, with one area (`users`) and with none, and enabling one
//! area compiles only a fraction of the types. Prints the time of each run
//! (the figures in the README come from here).
//!
//! Cost: about 4 minutes on 2 cores (mostly the all-features run); skipped
//! without the corpus.

mod roundtrip_support;

use roundtrip_support::{cargo, corpus_2021, generate, Workspace, CRATE};

#[test]
fn corpus_sdk_is_clippy_clean_with_all_one_and_no_features() {
    let Some(docs) = corpus_2021() else { return };
    let ws = Workspace::new();
    let generation = generate(&ws, &docs, &[]);

    // What one area compiles, counted on the emitted gates.
    let models = &generation.files[std::path::Path::new("src/v1_0/models.rs")];
    let items = models.matches("\npub struct ").count() + models.matches("\npub enum ").count();
    let gated_for = |feature: &str| {
        models
            .split("\n#[cfg(")
            .skip(1)
            .filter(|cfg| {
                let end = cfg.find(")]").unwrap_or(cfg.len());
                cfg[..end].contains(&format!("feature = \"{feature}\""))
            })
            .filter(|rest| {
                // Only the attribute right before a type counts, not its impls.
                let after = rest.split_once('\n').map(|(_, r)| r).unwrap_or_default();
                let decl = after
                    .lines()
                    .find(|l| !l.starts_with("#["))
                    .unwrap_or_default();
                decl.starts_with("pub struct ") || decl.starts_with("pub enum ")
            })
            .count()
    };
    let users = gated_for("users");
    println!("types and enums: {items} in all, {users} with feature `users`");
    assert!(items > 1000, "{items}");
    assert!(
        users * 4 < items,
        "feature `users` compiles {users} of {items} types: navigation properties followed?"
    );

    let runs: [(&str, &[&str]); 3] = [
        ("no features", &["--no-default-features"]),
        (
            "--features users",
            &["--no-default-features", "--features", "users"],
        ),
        ("--all-features", &["--all-features"]),
    ];
    let mut figures = Vec::new();
    for (label, features) in runs {
        let mut args = vec!["clippy", "-p", CRATE];
        args.extend_from_slice(features);
        args.extend_from_slice(&["--", "-D", "warnings"]);
        let run = cargo(&ws, &args, &[]);
        assert!(run.success, "cargo {args:?} failed:\n{}", run.stderr);
        assert!(
            run.warnings().is_empty(),
            "cargo {args:?} warned:\n{}",
            run.stderr
        );
        figures.push(format!("{label}: {:.1} s", run.elapsed.as_secs_f64()));
    }
    println!(
        "clippy of the corpus SDK (dependencies already built): {}",
        figures.join(", ")
    );
}
