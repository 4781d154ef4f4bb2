//! Helpers for rebound's integration tests: running a program in-process with its output
//! captured, and finding the corpus; the random program generator ([`gen`]), differential
//! runs of its programs ([`differential`]) and the shrinker of failing programs
//! ([`shrink`]) (see tests/gen/README.md); the mutation fuzzer ([`fuzz`],
//! tests/fuzz/README.md).

pub mod differential;
pub mod fuzz;
pub mod gen;
pub mod shrink;

use rebound::{Config, Engine, EngineError};
use std::cell::RefCell;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// What a run printed and how it ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunResult {
    pub stdout: String,
    pub status: i32,
    /// The first line of standard error (an uncaught exception or a diagnostic).
    pub stderr_first: String,
    /// The `--trace-deopt` lines (when the config asked for them).
    pub trace: Vec<String>,
    /// The `--print-stats` report.
    pub stats: String,
}

#[derive(Clone, Default)]
struct SharedBuf(Rc<RefCell<Vec<u8>>>);

impl Write for SharedBuf {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Runs `src` (named `file` in messages) with `config`, on a thread with a big stack.
pub fn run_source(src: &str, file: &str, config: Config) -> RunResult {
    let (src, file) = (src.to_string(), file.to_string());
    rebound::with_big_stack(move || {
        let buf = SharedBuf::default();
        let mut engine = match Engine::new(config, Box::new(buf.clone())) {
            Ok(e) => e,
            Err(e) => return RunResult::failed(first_line(&e.to_string())),
        };
        let main = match engine.compile(&src, &file) {
            Ok(m) => m,
            Err(EngineError::Diagnostic(d)) => {
                let mut r = RunResult::failed(first_line(&d.to_string()));
                r.status = d.exit_status().into();
                return r;
            }
            Err(e) => return RunResult::failed(first_line(&e.to_string())),
        };
        let outcome = engine.run(main);
        let stdout = String::from_utf8_lossy(&buf.0.borrow()).to_string();
        RunResult {
            stdout,
            status: outcome.status,
            stderr_first: outcome.error.map(|e| first_line(&e)).unwrap_or_default(),
            trace: engine.trace_lines(),
            stats: engine.stats_report(),
        }
    })
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").to_string()
}

impl RunResult {
    fn failed(msg: String) -> RunResult {
        RunResult {
            stdout: String::new(),
            status: 2,
            stderr_first: msg,
            trace: Vec::new(),
            stats: String::new(),
        }
    }
}

/// The corpus directory.
pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// Every corpus program, sorted by name.
pub fn corpus_programs() -> Vec<PathBuf> {
    programs_in(&corpus_dir())
}

/// The deopt scenario programs.
pub fn deopt_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("deopt")
}

/// Every `.rb` program of a directory, sorted by name.
pub fn programs_in(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("corpus directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().map(|x| x == "rb").unwrap_or(false))
        .collect();
    v.sort();
    v
}

/// The expected results of a corpus program, from the files CRuby produced.
pub fn expected(program: &Path) -> RunResult {
    let read = |ext: &str| std::fs::read_to_string(program.with_extension(ext)).unwrap_or_default();
    RunResult {
        stdout: read("stdout"),
        status: read("status").trim().parse().unwrap_or(-1),
        stderr_first: first_line(&read("stderr")),
        trace: Vec::new(),
        stats: String::new(),
    }
}

/// Runs `f` over `items` on `threads` threads, collecting results in order.
pub fn parallel_map<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<std::sync::Mutex<Option<R>>> =
        items.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|s| {
        for _ in 0..threads.max(1) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                if i >= items.len() {
                    break;
                }
                let r = f(&items[i]);
                *results[i].lock().unwrap() = Some(r);
            });
        }
    });
    results
        .into_iter()
        .map(|m| m.into_inner().unwrap().unwrap())
        .collect()
}

/// Checks every program of `programs` against its expected files under `config`; returns
/// one line per failure.
pub fn check_programs(programs: &[PathBuf], config: &rebound::Config, label: &str) -> Vec<String> {
    parallel_map(programs, 2, |p| {
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
        // A version the verifier rejects falls back to IR0, so the output alone would not
        // show the bug.
        if let Some(line) = got
            .stats
            .lines()
            .find(|l| l.contains("rejected by the verifier"))
        {
            problems.push(line.to_string());
        }
        if problems.is_empty() {
            None
        } else {
            Some(format!("{name} [{label}]: {}", problems.join("; ")))
        }
    })
    .into_iter()
    .flatten()
    .collect()
}

/// The first differing line, with a little context.
pub fn diff(want: &str, got: &str) -> String {
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
