//! Deopt scenarios (tests/deopt): each program gives CRuby's output in the opt tier, and
//! the trace shows the intended deopt (reason, in the intended method); the polymorphic
//! site that flips between classes stops deoptimizing; a function that keeps failing is
//! given up and stays in IR0.

use rebound::{Config, Tier};
use tests::*;

fn opt_config() -> Config {
    Config {
        tier: Tier::Opt,
        threshold: 50,
        verify_each: true,
        trace_deopt: true,
        trace_to_buffer: true,
        ..Config::default()
    }
}

fn run(name: &str, config: Config) -> (RunResult, RunResult) {
    let p = deopt_dir().join(name);
    let src = std::fs::read_to_string(&p).unwrap();
    (run_source(&src, name, config), expected(&p))
}

/// `NAME.rb METHOD REASON` lines (METHOD may be several words: `block in total`).
fn expectations() -> Vec<(String, String, String)> {
    std::fs::read_to_string(deopt_dir().join("expectations.txt"))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: Vec<&str> = l.split_whitespace().collect();
            let method = v[1..v.len() - 1].join(" ");
            (v[0].to_string(), method, v[v.len() - 1].to_string())
        })
        .collect()
}

#[test]
fn every_scenario_gives_cruby_output_in_every_mode() {
    let programs = programs_in(&deopt_dir());
    assert!(programs.len() >= 10);
    let mut failures = check_programs(&programs, &Config::default(), "interp");
    failures.extend(check_programs(&programs, &opt_config(), "opt"));
    // The collector at every safepoint, in both tiers (invariant 9).
    let gc = Config {
        gc_stress: Some(1),
        ..Config::default()
    };
    failures.extend(check_programs(&programs, &gc, "interp gc-stress"));
    let gc = Config {
        gc_stress: Some(1),
        deopt_stress: Some(0),
        deopt_limit: 1000,
        ..opt_config()
    };
    failures.extend(check_programs(&programs, &gc, "opt stress gc-stress"));
    for seed in [0u64, 3, 11] {
        let c = Config {
            deopt_stress: Some(seed),
            deopt_limit: 1000,
            ..opt_config()
        };
        failures.extend(check_programs(&programs, &c, &format!("opt stress={seed}")));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_intended_deopt_happens() {
    let mut failures = Vec::new();
    for (name, method, reason) in expectations() {
        if reason == "-" {
            continue;
        }
        let (got, want) = run(&name, opt_config());
        assert_eq!(got.stdout, want.stdout, "{name}");
        // CRuby's label of the script body is `<main>`; rebound names that function `main`.
        let method = if method == "<main>" {
            "main".to_string()
        } else {
            method
        };
        let hit = got.trace.iter().any(|l| {
            l.contains(&format!("reason {reason} "))
                && (l.contains(&format!("#{method} "))
                    || l.contains(&format!(" {method} "))
                    || l.contains(&format!("in {method} "))
                    || l.contains(&format!("#{method}@")))
        });
        if !hit {
            failures.push(format!(
                "{name}: no `{reason}` deopt in `{method}`; trace:\n  {}",
                got.trace.join("\n  ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn flip_flop_site_stops_deoptimizing() {
    let (got, want) = run("deopt_flip_flop.rb", opt_config());
    assert_eq!(got.stdout, want.stdout);
    // Ten phases alternate the receiver class; after the failed speculation is recorded,
    // the next versions keep the site generic.
    assert!(!got.trace.is_empty(), "the first class change should deopt");
    assert!(
        got.trace.len() <= 3,
        "the site keeps deoptimizing:\n{}",
        got.trace.join("\n")
    );
}

#[test]
fn a_function_that_keeps_failing_is_given_up() {
    let (got, want) = run(
        "deopt_give_up.rb",
        Config {
            deopt_limit: 3,
            ..opt_config()
        },
    );
    assert_eq!(got.stdout, want.stdout);
    assert!(got.stats.contains("functions given up:"), "{}", got.stats);
    // The version that keeps deoptimizing is `churn`'s, or the caller's it was inlined
    // into; either way a function is given up, and the deopts stop.
    let given_up: Vec<&str> = got
        .stats
        .lines()
        .skip_while(|l| !l.starts_with("functions given up"))
        .skip(1)
        .collect();
    assert!(
        !given_up.is_empty(),
        "nothing was given up:\n{}\ntrace:\n{}",
        got.stats,
        got.trace.join("\n")
    );
    assert!(
        got.trace.len() <= 3 * given_up.len() + 6,
        "deopts went on after the limit:\n{}",
        got.trace.join("\n")
    );
}

#[test]
fn a_function_whose_versions_keep_being_invalidated_is_given_up() {
    // `tally` redefines the `weight` it inlined at each of its 400 calls: no guard fails,
    // but every version it gets is invalidated. Without a limit it was built again after
    // every call.
    let (got, want) = run("deopt_invalidate_give_up.rb", opt_config());
    assert_eq!(got.stdout, want.stdout);
    let limit = Config::default().deopt_limit as u64;
    assert_eq!(
        stat(&got.stats, "versions invalidated"),
        limit,
        "{}",
        got.stats
    );
    assert!(
        got.stats
            .lines()
            .skip_while(|l| !l.starts_with("functions given up"))
            .any(|l| l.ends_with("Object#tally")),
        "{}",
        got.stats
    );
}

/// The number after `name: ` in a `--print-stats` report (0 when the line is absent).
fn stat(stats: &str, name: &str) -> u64 {
    stats
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{name}: ")))
        .map(|n| n.trim().parse().unwrap())
        .unwrap_or(0)
}

/// A version dropped after a deopt is freed once no activation runs it (its code, its
/// registration and its root-registry entry): a function that deoptimizes again and
/// again does not keep every version it ever had. Under GC stress, so that a literal
/// released too early would show.
#[test]
fn dropped_versions_are_freed_once_nothing_runs_them() {
    let (got, want) = run(
        "deopt_give_up.rb",
        Config {
            gc_stress: Some(64),
            ..opt_config()
        },
    );
    assert_eq!((&got.stdout, got.status), (&want.stdout, want.status));
    let (built, freed) = (
        stat(&got.stats, "versions built"),
        stat(&got.stats, "versions freed"),
    );
    let deopts = stat(&got.stats, "deopts");
    assert!(
        freed >= 3 && freed <= deopts && freed < built,
        "built {built}, freed {freed}:\n{}",
        got.stats
    );
}
