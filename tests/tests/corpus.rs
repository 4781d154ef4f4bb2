//! The corpus: every program gives the stdout, exit status and first stderr line that
//! CRuby gave it (the expected files under tests/corpus, made by tests/corpus/regen.sh),
//! in every tier, under deopt stress and under GC stress.

use rebound::{Config, Tier};
use tests::*;

/// `CORPUS_ONLY=arr_,exc_raise` runs only the programs whose names start with one of
/// the comma-separated prefixes (to check a few programs while working on them).
fn check(config: Config, label: &str) {
    let only = std::env::var("CORPUS_ONLY").ok();
    let programs: Vec<_> = corpus_programs()
        .into_iter()
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            only.as_deref()
                .is_none_or(|o| o.split(',').any(|pre| name.starts_with(pre)))
        })
        .collect();
    assert!(
        programs.len() >= if only.is_some() { 1 } else { 60 },
        "the corpus has {} programs (CORPUS_ONLY={only:?})",
        programs.len()
    );
    let failures = check_programs(&programs, &config, label);
    assert!(
        failures.is_empty(),
        "{} of {} corpus programs failed:\n{}",
        failures.len(),
        programs.len(),
        failures.join("\n")
    );
}

#[test]
fn corpus_interp() {
    check(
        Config {
            verify_each: true,
            ..Config::default()
        },
        "interp",
    );
}

/// The opt tier with a low threshold, so that most hot code runs in versions.
#[test]
fn corpus_opt() {
    check(
        Config {
            tier: Tier::Opt,
            threshold: 20,
            verify_each: true,
            ..Config::default()
        },
        "opt",
    );
}

/// Every guard fails the first time it runs: every deopt path is taken.
#[test]
fn corpus_opt_stress_first() {
    check(
        Config {
            tier: Tier::Opt,
            threshold: 20,
            deopt_stress: Some(0),
            deopt_limit: 1000,
            ..Config::default()
        },
        "opt stress",
    );
}

/// Guards fail at pseudo-random runs, with several seeds.
#[test]
fn corpus_opt_stress_seeds() {
    for seed in [1u64, 7, 42] {
        check(
            Config {
                tier: Tier::Opt,
                threshold: 20,
                deopt_stress: Some(seed),
                deopt_limit: 1000,
                ..Config::default()
            },
            &format!("opt stress={seed}"),
        );
    }
}

/// The collector runs at every 5th safepoint (calls, loop back-edges, handler entries): a heap value
/// that no root reaches (a literal of a version, a value a deopt is moving) is freed at
/// once and the program crashes or prints something else (invariant 9). Every 5th rather
/// than every one keeps the test's time reasonable; `--gc-stress` alone is every one.
#[test]
fn corpus_interp_gc_stress() {
    check(
        Config {
            gc_stress: Some(5),
            ..Config::default()
        },
        "interp gc-stress=5",
    );
}

/// Versions, deopts and OSR with the collector running at every 5th safepoint, and with
/// guards failing the first time as well.
#[test]
fn corpus_opt_gc_stress() {
    for (stress, label) in [
        (None, "opt gc-stress=5"),
        (Some(0), "opt stress gc-stress=5"),
    ] {
        check(
            Config {
                tier: Tier::Opt,
                threshold: 20,
                deopt_stress: stress,
                deopt_limit: 1000,
                gc_stress: Some(5),
                ..Config::default()
            },
            label,
        );
    }
}
