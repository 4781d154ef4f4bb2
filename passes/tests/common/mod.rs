//! The harness of the pass tests: build IR with `ir::Builder`, run a pass, verify input and
//! output, check that a second run changes nothing, and compare the IR before and after
//! with a golden file under `tests/golden/`. `BLESS=1 cargo test -p passes` rewrites the
//! golden files from the current output (see passes/README.md).

#![allow(dead_code)]

use ir::pass::{Pass, PassContext};
use ir::{Builder, CallInfo, FuncId, FuncKind, Function, InstKind, TempId};
use passes::{PassManager, PipelineReport};
use std::path::PathBuf;

/// An empty IR0 method `t` with `required` parameters and the given locals.
pub fn method(required: u32, locals: &[&str]) -> Function {
    let mut f = Function::new(FuncId(1), "t", FuncKind::Method, "t.rb", 1);
    f.params.required = required;
    for l in locals {
        f.add_local(l);
    }
    f
}

/// `dst = call name(args)` on self: an instruction with an effect, that keeps its operands.
pub fn call(b: &mut Builder, name: &str, args: &[TempId]) -> TempId {
    b.value(InstKind::Call(Box::new(CallInfo {
        recv: None,
        name: name.to_string(),
        args: args.to_vec(),
        block: None,
        vcall: false,
        fcall: false,
    })))
}

/// Panics with every verifier error if `f` is not well formed.
pub fn assert_verifies(f: &Function, what: &str) {
    if let Err(errors) = ir::verify::verify(f) {
        let list: Vec<String> = errors.iter().map(|e| format!("  {e}")).collect();
        panic!("verifier rejects the {what}:\n{}\n{f}", list.join("\n"));
    }
}

/// Runs `pass` on `f` as the golden test `name`: the input and the output must verify,
/// a second run must change nothing, and the IR before and after must match
/// `tests/golden/{name}.txt`. Returns the output and whether the pass reported a change.
pub fn check_pass(name: &str, pass: &dyn Pass, mut f: Function) -> (Function, bool) {
    assert_verifies(&f, "input");
    let before = f.to_string();
    let changed = pass
        .run(&mut f, &PassContext::empty())
        .expect("the pass refused the function");
    assert_verifies(&f, &format!("output of {}", pass.name()));
    let after = f.to_string();
    assert_eq!(
        changed,
        before != after,
        "{}: reported changed={changed}, but the IR says otherwise",
        pass.name()
    );

    let again = pass
        .run(&mut f, &PassContext::empty())
        .expect("the pass refused its own output");
    assert!(
        !again,
        "{} is not idempotent: a second run changed\n{after}\ninto\n{f}",
        pass.name()
    );
    assert_eq!(
        after,
        f.to_string(),
        "{}: second run changed the IR but reported no change",
        pass.name()
    );

    let text = format!(
        "; pass: {}\n; changed: {changed}\n; ---- before\n{before}; ---- after\n{after}",
        pass.name()
    );
    check_golden(name, &text);
    (f, changed)
}

/// Runs a pipeline on `f` as the golden test `name`, with verify-each on.
pub fn check_pipeline(name: &str, pm: PassManager, mut f: Function) -> (Function, PipelineReport) {
    let pm = pm.with_verify_each(true);
    let before = f.to_string();
    let report = pm
        .run(&mut f, &PassContext::empty())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_verifies(&f, "pipeline output");
    let text = format!(
        "; pipeline: {}\n; changed by: {}\n; ---- before\n{before}; ---- after\n{f}",
        pm.pass_names().join(","),
        report.changed_by().join(",")
    );
    check_golden(name, &text);
    (f, report)
}

fn blessing() -> bool {
    std::env::var_os("BLESS").is_some_and(|v| !v.is_empty() && v != "0")
}

/// Compares `actual` with `tests/golden/{name}.txt`, or writes it there under `BLESS=1`.
pub fn check_golden(name: &str, actual: &str) {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "tests",
        "golden",
        &format!("{name}.txt"),
    ]
    .iter()
    .collect();
    if blessing() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual)
            .unwrap_or_else(|e| panic!("cannot bless {}: {e}", path.display()));
        return;
    }
    let expected = match std::fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) => panic!(
            "golden file {} cannot be read ({e}); run `BLESS=1 cargo test -p passes` to create it.\n\
             actual output:\n{actual}",
            path.display()
        ),
    };
    if expected != actual {
        panic!(
            "golden mismatch for {} (run `BLESS=1 cargo test -p passes` if the change is intended)\n{}",
            path.display(),
            line_diff(&expected, actual)
        );
    }
}

/// A line-by-line diff good enough to spot what changed: `-` expected, `+` actual, from a
/// longest common subsequence of lines.
fn line_diff(expected: &str, actual: &str) -> String {
    let a: Vec<&str> = expected.lines().collect();
    let b: Vec<&str> = actual.lines().collect();
    let mut lcs = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, String::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            out += &format!("  {}\n", a[i]);
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            out += &format!("+ {}\n", b[j]);
            j += 1;
        } else {
            out += &format!("- {}\n", a[i]);
            i += 1;
        }
    }
    out
}
