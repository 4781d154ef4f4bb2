//! Generated programs (tests/src/gen) on a fixed set of seeds: every sampled optimizing
//! configuration (low thresholds, deopt stress, GC stress, the speculative pipeline with
//! one pass left out) must print what the reference `--tier interp` prints, exit the
//! same way, and have no version rejected by the verifier. See tests/gen/README.md.
//!
//! `REBOUND_GEN_SEEDS=5,17` or `=100..200` runs other seeds; `REBOUND_GEN_CONFIGS=all`
//! runs every kind of configuration instead of a sample.

use std::time::{Duration, Instant};
use tests::differential::{all_variant_kinds, check_seed_in_process, sample_variants};

/// The fixed seeds: about 60 s on two cores with the test profile (when nothing hangs;
/// a hang costs the 15 s timeout and a busy core until the end).
const SEEDS: std::ops::Range<u64> = 0..150;
/// Configurations sampled per seed.
const CONFIGS: usize = 3;

fn seeds() -> Vec<u64> {
    match std::env::var("REBOUND_GEN_SEEDS") {
        Ok(s) if s.contains("..") => {
            let (a, b) = s.split_once("..").unwrap();
            (a.trim().parse().expect("seed")..b.trim().parse().expect("seed")).collect()
        }
        Ok(s) => s
            .split(',')
            .map(|x| x.trim().parse().expect("seed"))
            .collect(),
        Err(_) => SEEDS.collect(),
    }
}

#[test]
fn generated_programs_agree_with_the_interpreter() {
    let all = std::env::var("REBOUND_GEN_CONFIGS")
        .map(|v| v == "all")
        .unwrap_or(false);
    let seeds = seeds();
    let start = Instant::now();
    let results = tests::parallel_map(&seeds, 2, |&seed| {
        let variants = if all {
            all_variant_kinds(seed)
        } else {
            sample_variants(seed, CONFIGS)
        };
        let n = variants.len();
        (
            check_seed_in_process(seed, &variants, Duration::from_secs(15)),
            n,
        )
    });
    let runs: usize = results.iter().map(|(_, n)| n + 1).sum();
    let failures: Vec<String> = results
        .into_iter()
        .flat_map(|(f, _)| f)
        .map(|f| f.to_string())
        .collect();
    for f in &failures {
        println!("GENERATED FAILURE: {f}");
    }
    println!(
        "{} seeds, {} runs, {} failures, {:.1} s",
        seeds.len(),
        runs,
        failures.len(),
        start.elapsed().as_secs_f64()
    );
    assert!(
        failures.is_empty(),
        "{} of {} runs of generated programs failed:\n{}",
        failures.len(),
        runs,
        failures.join("\n")
    );
}
