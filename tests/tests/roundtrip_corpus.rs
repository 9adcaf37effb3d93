//! Every JSON example of the 2021-07 reference whose page names its type goes
//! through the generated SDK and back, and must come out equal to what went in
//! (compared as JSON values: numbers by value, timestamps by instant).
//!
//! Examples: the responses of operations whose response type the model knows
//! (each item of `value` for collections) and the request bodies of operations
//! that send a type or a generated body struct. The SDK of the whole reference
//! is generated with the `roundtrip` feature (a registry from type name to a
//! read-and-write-back function) and a test inside that crate plays every
//! example. Each failure is classified: an example that contradicts its own
//! page's types is an error in the docs; anything else is the SDK's fault.
//! The test fails below 95 % or on any failure of the SDK's.
//!
//! Cost: one debug build of the whole SDK (about 10 minutes on 2 cores from
//! cold, seconds when nothing changed); skipped without the corpus.

mod roundtrip_support;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::{BufRead, Write as _};

use graphdoc::ir::{Page, PageKind};
use graphdoc::model::{
    ComplexType, FieldType, OperationModel, Primitive, PropertyModel, RequestBodyModel, TypeKind,
    VersionModel,
};
use graphdoc_runtime::types;
use roundtrip_support::{cargo, corpus_2021, generate, Workspace, CRATE};
use serde_json::{json, Value};

/// Runs inside the generated crate: plays every example through the registry.
const INNER_TEST: &str = r#"//! Written by graphdoc-tests (roundtrip_corpus.rs): plays each example through the registry.
use std::io::{BufRead, Write};

#[test]
fn corpus_examples() {
    let dir = std::env::var("GRAPHDOC_ROUNDTRIP_DIR").expect("set by roundtrip_corpus.rs");
    let input = std::fs::File::open(format!("{dir}/examples.jsonl")).unwrap();
    let output = std::fs::File::create(format!("{dir}/results.jsonl")).unwrap();
    let mut output = std::io::BufWriter::new(output);
    for line in std::io::BufReader::new(input).lines() {
        let example: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
        let key = example["key"].as_str().unwrap().to_string();
        let kind = example["kind"].as_str().unwrap().to_string();
        let value = example["json"].clone();
        let played = std::panic::catch_unwind(move || match kind.as_str() {
            "model" => corpus_sdk::v1_0::roundtrip::model(&key, value),
            _ => corpus_sdk::v1_0::roundtrip::request_body(&key, value),
        });
        let record = match played {
            Err(_) => serde_json::json!({ "status": "panic" }),
            Ok(None) => serde_json::json!({ "status": "unregistered" }),
            Ok(Some(Ok(v))) => serde_json::json!({ "status": "ok", "output": v }),
            Ok(Some(Err(e))) => serde_json::json!({ "status": "error", "message": e.to_string() }),
        };
        writeln!(output, "{record}").unwrap();
    }
    output.flush().unwrap();
}
"#;

/// One example to play.
#[derive(Debug, Clone)]
struct Example {
    /// `model` (a Graph type) or `body` (an operation's request body struct).
    kind: &'static str,
    /// The Graph type name or the operation's function name.
    key: String,
    /// Where its type comes from, for the checker.
    ty: Typed,
    json: Value,
    page: String,
    line: usize,
    /// `response` or `request`.
    role: &'static str,
}

#[derive(Debug, Clone)]
enum Typed {
    Type(String),
    Body(Vec<PropertyModel>),
}

#[test]
fn corpus_examples_round_trip_through_the_generated_types() {
    let Some(docs) = corpus_2021() else { return };
    let ws = Workspace::new();
    let generation = generate(
        &ws,
        &docs,
        &[("tests/corpus_roundtrip.rs", INNER_TEST.to_string())],
    );
    let model = generation
        .model
        .versions
        .values()
        .next()
        .expect("the corpus has v1.0 pages");
    let (examples, skipped) = collect_examples(&generation.pages, model);
    assert!(
        examples.len() > 2000,
        "only {} examples found",
        examples.len()
    );

    let run_dir = ws.dir.parent().unwrap().join("roundtrip");
    std::fs::create_dir_all(&run_dir).unwrap();
    let mut file =
        std::io::BufWriter::new(std::fs::File::create(run_dir.join("examples.jsonl")).unwrap());
    for e in &examples {
        writeln!(
            file,
            "{}",
            json!({ "kind": e.kind, "key": e.key, "json": e.json })
        )
        .unwrap();
    }
    file.flush().unwrap();
    drop(file);

    let run = cargo(
        &ws,
        &[
            "test",
            "-p",
            CRATE,
            "--features",
            "full roundtrip",
            "--test",
            "corpus_roundtrip",
        ],
        &[("GRAPHDOC_ROUNDTRIP_DIR", run_dir.to_str().unwrap())],
    );
    assert!(
        run.success,
        "cargo test in the corpus SDK failed:\n{}\n{}",
        run.stdout, run.stderr
    );
    println!("corpus SDK built and played in {:.0?}", run.elapsed);

    let results: Vec<Value> =
        std::io::BufReader::new(std::fs::File::open(run_dir.join("results.jsonl")).unwrap())
            .lines()
            .map(|l| serde_json::from_str(&l.unwrap()).unwrap())
            .collect();
    assert_eq!(results.len(), examples.len(), "one result per example");

    let checker = Checker::new(model);
    let mut passed = 0;
    let mut failures: Vec<(Class, &Example, String)> = Vec::new();
    for (example, result) in examples.iter().zip(&results) {
        let outcome = match result["status"].as_str() {
            Some("ok") => match same(&example.json, &result["output"], "") {
                Ok(()) => None,
                Err(at) => Some(format!("written back differently at {at}")),
            },
            Some("error") => Some(format!(
                "not read: {}",
                result["message"].as_str().unwrap_or_default()
            )),
            Some("panic") => Some("the SDK panicked".to_string()),
            Some("unregistered") => Some(format!("no type `{}` in the registry", example.key)),
            other => Some(format!("unexpected result {other:?}")),
        };
        let Some(problem) = outcome else {
            passed += 1;
            continue;
        };
        // Only a failure to read can be the docs' fault: what was read must be written back.
        let docs_error = if result["status"] == "error" {
            checker.check(example)
        } else {
            None
        };
        match docs_error {
            Some((class, detail)) => failures.push((Class::Docs(class), example, detail)),
            None => failures.push((Class::Sdk, example, problem)),
        }
    }

    let total = examples.len();
    let ratio = passed as f64 / total as f64;
    let report = report(total, passed, &skipped, &failures);
    // Printed (shown with --nocapture or on failure) and kept beside the results.
    std::fs::write(run_dir.join("report.txt"), &report).unwrap();
    println!("{report}");
    println!("report written to {}", run_dir.join("report.txt").display());
    let sdk_failures = failures.iter().filter(|(c, _, _)| *c == Class::Sdk).count();
    assert_eq!(
        sdk_failures, 0,
        "examples the SDK fails on (see the report above)"
    );
    assert!(
        ratio >= 0.95,
        "only {:.1} % of examples round-trip",
        ratio * 100.0
    );
}

/// Why an example failed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Class {
    /// The example contradicts its own page's types: an error in the docs.
    Docs(&'static str),
    /// The SDK's fault.
    Sdk,
}

fn report(
    total: usize,
    passed: usize,
    skipped: &BTreeMap<&'static str, usize>,
    failures: &[(Class, &Example, String)],
) -> String {
    let mut out = String::new();
    writeln!(
        out,
        "round trip of the 2021-07 examples: {passed}/{total} = {:.2} % equal after reading and writing back",
        passed as f64 * 100.0 / total as f64
    )
    .unwrap();
    for (why, n) in skipped {
        writeln!(out, "  not counted: {n} examples ({why})").unwrap();
    }
    let mut by_class: BTreeMap<&Class, Vec<(&Example, &String)>> = BTreeMap::new();
    for (class, example, detail) in failures {
        by_class.entry(class).or_default().push((example, detail));
    }
    for (class, list) in by_class {
        let title = match class {
            Class::Docs(what) => format!("error in the docs: {what}"),
            Class::Sdk => "SDK failure".to_string(),
        };
        writeln!(out, "\n{} x {title}", list.len()).unwrap();
        for (e, detail) in list {
            writeln!(
                out,
                "  {}:{} {} `{}`: {detail}",
                e.page, e.line, e.role, e.key
            )
            .unwrap();
        }
    }
    out
}

// ---- which examples ----

fn collect_examples(
    pages: &[Page],
    model: &VersionModel,
) -> (Vec<Example>, BTreeMap<&'static str, usize>) {
    let mut by_page: BTreeMap<&str, Vec<&OperationModel>> = BTreeMap::new();
    for op in model.operations.values() {
        by_page.entry(op.origin.file.as_str()).or_default().push(op);
    }
    let mut out = Vec::new();
    let mut skipped: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut seen: BTreeSet<(String, usize, &'static str)> = BTreeSet::new();
    for page in pages.iter().filter(|p| p.kind == PageKind::Operation) {
        let Some(ops) = by_page.get(page.source.as_str()) else {
            continue;
        };
        for example in &page.examples {
            let method = example
                .request
                .as_ref()
                .map(|r| r.method.to_ascii_uppercase());
            let Some(op) = ops
                .iter()
                .find(|o| Some(&o.method) == method.as_ref())
                .or_else(|| ops.first())
            else {
                continue;
            };
            if let Some(resp) = &example.response {
                if let Some(body) = resp.body.as_ref().filter(|b| b.is_object()) {
                    if seen.insert((page.source.clone(), resp.line, "response")) {
                        match response_type(model, op) {
                            Some((name, collection)) => {
                                let items: Vec<&Value> = if collection {
                                    body.get("value")
                                        .and_then(Value::as_array)
                                        .map(|a| a.iter().collect())
                                        .unwrap_or_default()
                                } else {
                                    vec![body]
                                };
                                for item in items.into_iter().filter(|i| i.is_object()) {
                                    out.push(Example {
                                        kind: "model",
                                        key: name.clone(),
                                        ty: Typed::Type(name.clone()),
                                        json: item.clone(),
                                        page: page.source.clone(),
                                        line: resp.line,
                                        role: "response",
                                    });
                                }
                            }
                            None => {
                                *skipped.entry("response of no documented type").or_default() += 1
                            }
                        }
                    }
                }
            }
            if let Some(req) = &example.request {
                if let Some(body) = req.body.as_ref().filter(|b| b.is_object()) {
                    if seen.insert((page.source.clone(), req.line, "request")) {
                        match &op.request_body {
                            Some(RequestBodyModel::Object(FieldType {
                                kind: TypeKind::Complex(name),
                                collection: false,
                            })) if model.types.contains_key(name) => out.push(Example {
                                kind: "model",
                                key: name.clone(),
                                ty: Typed::Type(name.clone()),
                                json: body.clone(),
                                page: page.source.clone(),
                                line: req.line,
                                role: "request",
                            }),
                            Some(
                                RequestBodyModel::Update { properties, .. }
                                | RequestBodyModel::Parameters { properties, .. },
                            ) => out.push(Example {
                                kind: "body",
                                key: op.fn_name.clone(),
                                ty: Typed::Body(properties.clone()),
                                json: body.clone(),
                                page: page.source.clone(),
                                line: req.line,
                                role: "request",
                            }),
                            _ => {
                                *skipped
                                    .entry("request body of no documented type")
                                    .or_default() += 1
                            }
                        }
                    }
                }
            }
        }
    }
    (out, skipped)
}

fn response_type(model: &VersionModel, op: &OperationModel) -> Option<(String, bool)> {
    match &op.response.body {
        Some(FieldType {
            kind: TypeKind::Complex(name),
            collection,
        }) if model.types.contains_key(name) => Some((name.clone(), *collection)),
        _ => None,
    }
}

// ---- comparing ----

/// Equal as JSON values; numbers by value, strings that are timestamps by instant.
/// The error names the first place they differ.
fn same(a: &Value, b: &Value, at: &str) -> Result<(), String> {
    let here = || {
        if at.is_empty() {
            "/".to_string()
        } else {
            at.to_string()
        }
    };
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for key in x.keys().chain(y.keys()) {
                match (x.get(key), y.get(key)) {
                    (Some(p), Some(q)) => same(p, q, &format!("{at}/{key}"))?,
                    (Some(_), None) => return Err(format!("{at}/{key} (dropped)")),
                    (None, _) => return Err(format!("{at}/{key} (added)")),
                }
            }
            Ok(())
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .try_for_each(|(i, (p, q))| same(p, q, &format!("{at}/{i}"))),
        (Value::Number(x), Value::Number(y)) => {
            let equal = match (x.as_i64(), y.as_i64(), x.as_u64(), y.as_u64()) {
                (Some(p), Some(q), _, _) => p == q,
                (_, _, Some(p), Some(q)) => p == q,
                _ => {
                    let (p, q) = (
                        x.as_f64().unwrap_or(f64::NAN),
                        y.as_f64().unwrap_or(f64::NAN),
                    );
                    p == q || (p - q).abs() <= 1e-6 * p.abs().max(q.abs())
                }
            };
            if equal {
                Ok(())
            } else {
                Err(format!("{} ({x} vs {y})", here()))
            }
        }
        (Value::String(x), Value::String(y)) if x != y => {
            match (
                x.parse::<types::DateTimeOffset>(),
                y.parse::<types::DateTimeOffset>(),
            ) {
                (Ok(p), Ok(q)) if p == q => Ok(()),
                _ => Err(format!("{} ({x:?} vs {y:?})", here())),
            }
        }
        _ if a == b => Ok(()),
        _ => Err(format!("{} ({a} vs {b})", here())),
    }
}

// ---- classifying ----

/// Checks an example against its page's documented types, the way the
/// generated types read it; finds what in the example contradicts the docs.
struct Checker<'m> {
    model: &'m VersionModel,
    descendants: BTreeMap<&'m str, BTreeSet<&'m str>>,
}

impl<'m> Checker<'m> {
    fn new(model: &'m VersionModel) -> Self {
        let mut descendants: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for name in model.types.keys() {
            let mut seen = BTreeSet::from([name.as_str()]);
            let mut next = model.types[name].base_type.as_deref();
            while let Some(base) = next.filter(|b| model.types.contains_key(*b) && seen.insert(*b))
            {
                descendants.entry(base).or_default().insert(name);
                next = model.types[base].base_type.as_deref();
            }
        }
        Checker { model, descendants }
    }

    /// (class, detail) of the first contradiction, if any.
    fn check(&self, example: &Example) -> Option<(&'static str, String)> {
        match &example.ty {
            Typed::Type(name) => self.object(name, &example.json, ""),
            Typed::Body(properties) => {
                let Value::Object(members) = &example.json else {
                    return Some(("the body is not a JSON object", String::new()));
                };
                let mut seen = BTreeSet::new();
                for p in properties.iter().filter(|p| seen.insert(&p.name)) {
                    match members.get(&p.name) {
                        None if p.is_required() => {
                            return Some((
                                "the example omits a parameter the page marks Required",
                                format!("`{}`", p.name),
                            ))
                        }
                        Some(Value::Null) if p.is_required() => {
                            return Some((
                                "the example sends null for a parameter the page marks Required",
                                format!("`{}`", p.name),
                            ))
                        }
                        Some(v) => {
                            if let Some(found) = self.value(&p.ty, v, &format!("/{}", p.name)) {
                                return Some(found);
                            }
                        }
                        None => {}
                    }
                }
                None
            }
        }
    }

    /// The properties of `name` (base chain first), as the generated struct has them.
    fn properties(&self, name: &str) -> Vec<&'m PropertyModel> {
        let mut chain: Vec<&ComplexType> = Vec::new();
        let mut next = Some(name);
        while let Some(current) = next {
            let Some(ty) = self.model.types.get(current) else {
                break;
            };
            if chain.iter().any(|t| t.name == ty.name) {
                break;
            }
            chain.push(ty);
            next = ty.base_type.as_deref();
        }
        let mut out: BTreeMap<&str, &PropertyModel> = BTreeMap::new();
        for ty in chain.iter().rev() {
            for p in &ty.properties {
                out.insert(&p.name, p);
            }
        }
        out.into_values().collect()
    }

    fn object(&self, name: &str, value: &Value, at: &str) -> Option<(&'static str, String)> {
        let Value::Object(members) = value else {
            return Some((
                "a value documented as an object is not one",
                format!("{at}: `{name}` documented, found {value}"),
            ));
        };
        // The generated enum reads a derived type by its `@odata.type`.
        let named = graphdoc_runtime::odata::type_key(value);
        let effective = self
            .descendants
            .get(name)
            .and_then(|d| d.iter().find(|t| Some(t.to_ascii_lowercase()) == named))
            .copied()
            .unwrap_or(name);
        for p in self.properties(effective) {
            if let Some(v) = members.get(&p.name) {
                if let Some(found) = self.value(&p.ty, v, &format!("{at}/{}", p.name)) {
                    return Some(found);
                }
            }
        }
        None
    }

    fn value(&self, ty: &FieldType, value: &Value, at: &str) -> Option<(&'static str, String)> {
        if value.is_null() {
            return None;
        }
        if ty.collection {
            let Value::Array(items) = value else {
                return Some((
                    "a value documented as a collection is not an array",
                    format!("{at}: found {}", short(value)),
                ));
            };
            let element = FieldType {
                kind: ty.kind.clone(),
                collection: false,
            };
            return items.iter().enumerate().find_map(|(i, item)| {
                if item.is_null() {
                    Some(("a collection holds null", format!("{at}/{i}")))
                } else {
                    self.value(&element, item, &format!("{at}/{i}"))
                }
            });
        }
        match &ty.kind {
            TypeKind::Json => None,
            TypeKind::Enum(_) => (!value.is_string()).then(|| {
                (
                    "an enum value is not a string",
                    format!("{at}: found {}", short(value)),
                )
            }),
            TypeKind::Complex(name) if self.model.types.contains_key(name) => {
                self.object(name, value, at)
            }
            TypeKind::Complex(_) => None,
            TypeKind::Primitive(p) => primitive(*p, value).map(|class| {
                (
                    class,
                    format!("{at}: documented as {p:?}, found {}", short(value)),
                )
            }),
        }
    }
}

/// What is wrong with `value` as a `p`, if anything.
fn primitive(p: Primitive, value: &Value) -> Option<&'static str> {
    let int = |min: i64, max: i64| match value {
        Value::Number(n) => match n.as_i64() {
            Some(v) if v >= min && v <= max => None,
            Some(_) => Some("an integer is out of its documented range"),
            None if n.as_u64().is_some() => Some("an integer is out of its documented range"),
            None => Some("a number documented as an integer has a fraction"),
        },
        Value::String(_) => Some("a number is written as a string"),
        _ => Some("a value has another JSON type than documented"),
    };
    let text = |ok: bool, class: &'static str| match value {
        Value::String(_) if ok => None,
        Value::String(_) => Some(class),
        _ => Some("a value has another JSON type than documented"),
    };
    let s = value.as_str().unwrap_or_default();
    match p {
        Primitive::String | Primitive::Stream => text(true, ""),
        Primitive::Boolean => (!value.is_boolean()).then_some(match value {
            Value::String(_) => "a boolean is written as a string",
            _ => "a value has another JSON type than documented",
        }),
        Primitive::Byte => int(0, 255),
        Primitive::SByte => int(-128, 127),
        Primitive::Int16 => int(i16::MIN.into(), i16::MAX.into()),
        Primitive::Int32 => int(i32::MIN.into(), i32::MAX.into()),
        Primitive::Int64 => int(i64::MIN, i64::MAX),
        Primitive::Single | Primitive::Double => match value {
            Value::Number(_) => None,
            Value::String(_) => Some("a number is written as a string"),
            _ => Some("a value has another JSON type than documented"),
        },
        Primitive::Decimal => match value {
            Value::Number(_) => None,
            Value::String(s) if s.parse::<types::Decimal>().is_ok() => None,
            _ => Some("a value has another JSON type than documented"),
        },
        Primitive::DateTimeOffset => text(
            s.parse::<types::DateTimeOffset>().is_ok(),
            "a DateTimeOffset is not a valid timestamp",
        ),
        Primitive::Date => text(
            s.parse::<types::Date>().is_ok(),
            "a Date is not a valid date",
        ),
        Primitive::TimeOfDay => text(
            s.parse::<types::TimeOfDay>().is_ok(),
            "a TimeOfDay is not a valid time",
        ),
        Primitive::Duration => text(
            s.parse::<types::Duration>().is_ok(),
            "a Duration is not an ISO 8601 duration",
        ),
        Primitive::Guid => text(s.parse::<types::Guid>().is_ok(), "a Guid is not a GUID"),
        Primitive::Binary => text(s.parse::<types::Binary>().is_ok(), "a Binary is not base64"),
    }
}

fn short(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 60 {
        format!("{}…", text.chars().take(60).collect::<String>())
    } else {
        text
    }
}

#[test]
fn comparison_is_by_value() {
    assert!(same(&json!({"a": 1, "b": [1.0]}), &json!({"b": [1], "a": 1}), "").is_ok());
    assert!(same(
        &json!("2016-12-31T23:59:37.9174975-08:00"),
        &json!("2017-01-01T07:59:37.9174975Z"),
        ""
    )
    .is_ok());
    assert_eq!(
        same(&json!({"a": null}), &json!({}), ""),
        Err("/a (dropped)".to_string())
    );
    assert_eq!(
        same(&json!({"a": [1, 2]}), &json!({"a": [1, 3]}), ""),
        Err("/a/1 (2 vs 3)".to_string())
    );
    assert!(same(&json!("x"), &json!("y"), "").is_err());
    assert!(same(&json!(0.1f32 as f64), &json!(0.1), "").is_ok());
}

#[test]
fn primitives_are_checked_like_the_generated_types_read_them() {
    assert_eq!(primitive(Primitive::Int32, &json!(5)), None);
    assert!(primitive(Primitive::Int32, &json!(5_000_000_000i64)).is_some());
    assert!(primitive(Primitive::Int32, &json!("5")).is_some());
    assert_eq!(
        primitive(Primitive::DateTimeOffset, &json!("2020-11-03T12:43:14Z")),
        None
    );
    assert!(primitive(Primitive::DateTimeOffset, &json!("String (timestamp)")).is_some());
    assert!(primitive(Primitive::Guid, &json!("Guid value")).is_some());
    assert_eq!(primitive(Primitive::Decimal, &json!("12.5")), None);
    assert!(primitive(Primitive::Boolean, &json!("true")).is_some());
}
