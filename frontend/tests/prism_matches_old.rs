//! Prism (`frontend::prism`) against the hand-written parser (`frontend::parser`) it
//! replaces: on every program of the corpus, the deopt scenarios, the prelude and the
//! parser's case tests, both must give the same AST (as s-expressions) and the same IR0
//! (as text, which carries the source line of every instruction).

use std::path::{Path, PathBuf};

fn programs() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut out = Vec::new();
    for dir in ["tests/corpus", "tests/deopt", "examples"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .unwrap_or_else(|e| panic!("{dir}: {e}"))
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "rb"))
            .collect();
        files.sort();
        for f in files {
            let src = std::fs::read_to_string(&f).unwrap();
            out.push((f.file_name().unwrap().to_string_lossy().into_owned(), src));
        }
    }
    let prelude = std::fs::read_to_string(root.join("runtime/src/prelude.rb")).unwrap();
    out.push(("prelude.rb".to_string(), prelude));
    out
}

fn ir0(prog: &frontend::ast::Program, file: &str) -> String {
    let mut module = ir::Module::default();
    match frontend::lower::lower_program(prog, file, &mut module) {
        Ok(_) => ir::print::module_to_string(&module),
        Err(e) => format!("lowering error: {}:{}: {}", e.line, e.col, e.message),
    }
}

#[test]
fn same_ast_and_ir0_on_every_program() {
    let mut failures = Vec::new();
    let mut compared = 0;
    for (name, src) in programs() {
        let old = match frontend::parser::parse(&src) {
            Ok(p) => p,
            // Programs the old parser rejects (the error tests) are compared elsewhere.
            Err(_) => continue,
        };
        let new = match frontend::prism::parse(&src) {
            Ok(p) => p,
            Err(e) => {
                failures.push(format!("{name}: prism rejects it: {e}"));
                continue;
            }
        };
        compared += 1;
        if old.to_sexp() != new.to_sexp() {
            failures.push(format!(
                "{name}: AST differs\n--- old\n{}\n--- prism\n{}",
                old.to_sexp(),
                new.to_sexp()
            ));
            continue;
        }
        let (a, b) = (ir0(&old, &name), ir0(&new, &name));
        if a != b {
            let line = a
                .lines()
                .zip(b.lines())
                .position(|(x, y)| x != y)
                .unwrap_or(0);
            failures.push(format!(
                "{name}: IR0 differs at line {line}\n  old:   {}\n  prism: {}",
                a.lines().nth(line).unwrap_or(""),
                b.lines().nth(line).unwrap_or("")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} differences:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    assert!(compared > 150, "only {compared} programs compared");
}
