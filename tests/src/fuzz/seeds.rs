//! The seed set: the corpus and deopt programs, and IR dumps made from a few of them.
//!
//! RON seeds are not committed: they are dumped at start-up, as `rebound run --tier opt
//! --jit-threshold 2 --dump-dir DIR` would dump them, so they always match the current IR
//! format. Dumping runs a few corpus programs in-process (they are known to run cleanly).

use super::mutate::Seeds;
use rebound::{Config, Engine, Tier};
use std::path::{Path, PathBuf};

/// Corpus programs whose dumps become RON seeds: loops, classes, blocks, exceptions,
/// inlining, guards.
const DUMPED: &[&str] = &[
    "bench_collatz.rb",
    "bench_binary_trees.rb",
    "blk_block_given.rb",
    "exc_raise_forms.rb",
    "cls_inherit_super.rb",
    "spec_bigint_deopt.rb",
];

/// RON seeds kept at most (the dumps of one function pass by pass are much alike).
const MAX_RON: usize = 400;

/// The `.rb` programs of `dirs`, sorted by path.
pub fn ruby_programs(dirs: &[PathBuf]) -> Vec<(String, String)> {
    let mut v = Vec::new();
    for dir in dirs {
        for p in crate::programs_in(dir) {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            if let Ok(text) = std::fs::read_to_string(&p) {
                v.push((name, text));
            }
        }
    }
    v
}

/// Dumps the functions of the [`DUMPED`] programs found in `dirs` into `out`, and
/// returns the `.ron` files as (name, text), at most [`MAX_RON`], spread over the list.
pub fn ron_dumps(dirs: &[PathBuf], out: &Path) -> Vec<(String, String)> {
    let _ = std::fs::create_dir_all(out);
    for name in DUMPED {
        if let Some(p) = dirs.iter().map(|d| d.join(name)).find(|p| p.exists()) {
            if let Ok(src) = std::fs::read_to_string(&p) {
                dump(&src, name, out);
            }
        }
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(out)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|x| x == "ron"));
    files.sort();
    let step = files.len().div_ceil(MAX_RON).max(1);
    files
        .iter()
        .step_by(step)
        .filter_map(|p| {
            let text = std::fs::read_to_string(p).ok()?;
            Some((p.file_name()?.to_string_lossy().to_string(), text))
        })
        .collect()
}

/// Runs `src` at tier opt with threshold 2, dumping IR0 and every version into `out`.
fn dump(src: &str, name: &str, out: &Path) {
    let (src, name, out) = (src.to_string(), name.to_string(), out.to_path_buf());
    rebound::with_big_stack(move || {
        let config = Config {
            tier: Tier::Opt,
            threshold: 2,
            dump_dir: Some(out),
            verify_each: false,
            ..Config::default()
        };
        let Ok(mut e) = Engine::new(config, Box::new(std::io::sink())) else {
            return;
        };
        if let Ok(main) = e.compile(&src, &name) {
            e.run(main);
        }
    });
}

/// The standard seed set: the corpus and deopt programs, and RON dumps made in `ron_dir`
/// (none when `ron_dir` is `None`).
pub fn standard(ron_dir: Option<&Path>) -> Seeds {
    let dirs = [crate::corpus_dir(), crate::deopt_dir()];
    Seeds {
        ruby: ruby_programs(&dirs),
        ron: ron_dir.map(|d| ron_dumps(&dirs, d)).unwrap_or_default(),
    }
}
