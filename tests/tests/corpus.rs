//! The corpus: every program gives the stdout, exit status and first stderr line that
//! CRuby gave it (the expected files under tests/corpus, made by tests/corpus/regen.sh).

use rebound::Config;
use tests::*;

fn check_tier(config: Config, tier: &str) {
    let programs = corpus_programs();
    assert!(
        programs.len() >= 60,
        "the corpus has {} programs",
        programs.len()
    );
    let failures: Vec<String> = parallel_map(&programs, 2, |p| {
        let src = std::fs::read_to_string(p).unwrap();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        let got = run_source(&src, &name, config.clone());
        let want = expected(p);
        let mut problems = vec![];
        if got.stdout != want.stdout {
            problems.push(format!(
                "stdout differs:\n{}",
                diff(&want.stdout, &got.stdout)
            ));
        }
        if got.status != want.status {
            problems.push(format!(
                "exit status {} (expected {})",
                got.status, want.status
            ));
        }
        if got.stderr_first != want.stderr_first {
            problems.push(format!(
                "stderr: {:?}\n  expected: {:?}",
                got.stderr_first, want.stderr_first
            ));
        }
        if problems.is_empty() {
            None
        } else {
            Some(format!("{name} [{tier}]: {}", problems.join("; ")))
        }
    })
    .into_iter()
    .flatten()
    .collect();
    assert!(
        failures.is_empty(),
        "{} of {} corpus programs failed:\n{}",
        failures.len(),
        programs.len(),
        failures.join("\n")
    );
}

/// The first differing line, with a little context.
fn diff(want: &str, got: &str) -> String {
    let (w, g): (Vec<&str>, Vec<&str>) = (want.lines().collect(), got.lines().collect());
    for i in 0..w.len().max(g.len()) {
        if w.get(i) != g.get(i) {
            return format!(
                "  line {}: expected {:?}\n  line {}:      got {:?}",
                i + 1,
                w.get(i),
                i + 1,
                g.get(i)
            );
        }
    }
    "  (trailing newline differs)".to_string()
}

#[test]
fn corpus_interp() {
    check_tier(
        Config {
            verify_each: true,
            ..Config::default()
        },
        "interp",
    );
}
