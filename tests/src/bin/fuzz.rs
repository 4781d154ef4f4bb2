//! `fuzz`: the mutation fuzzer's command line (see tests/fuzz/README.md).
//!
//! ```text
//! fuzz campaign [--from N] [--to N | --count N] [--jobs N] [--state FILE] [--findings DIR] ...
//! fuzz show SEED                       print the input of a seed (how it was made on stderr)
//! fuzz check FILE [--ron] [--threshold T] [--passes SPEC] [--shrink] [--findings DIR]
//! fuzz worker [--fake] [--memory-mb N]  (started by the others: jobs on stdin, events on stdout)
//! ```

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tests::fuzz::campaign::{self, Examiner, Judge, Options};
use tests::fuzz::minimize::Budget;
use tests::fuzz::worker::{Timeouts, Worker};
use tests::fuzz::{seeds, Input, Lang};

/// The allocator with a ceiling: a worker that allocates more than `--memory-mb` gets an
/// allocation failure (and aborts with "memory allocation of N bytes failed", which the
/// parent counts as out of memory) instead of taking the machine's memory.
///
/// Small blocks come from mimalloc, as in the `rebound` binary. Blocks of [`BIG`] bytes
/// and more come from the system allocator, which the parent tells (through
/// `GLIBC_TUNABLES`) to map every such block afresh: every run makes an interpreter
/// whose value stack is a zeroed 128 MB block, and a fresh mapping is zero without being
/// written, where a reused one (mimalloc's) is cleared with memset at every run.
struct Capped;

static LIMIT: AtomicUsize = AtomicUsize::new(usize::MAX);
static USED: AtomicUsize = AtomicUsize::new(0);
const BIG: usize = 1 << 20;

/// Counts `n` more bytes; false (and nothing counted) when that passes the ceiling.
fn take(n: usize) -> bool {
    if USED.fetch_add(n, Ordering::Relaxed) + n > LIMIT.load(Ordering::Relaxed) {
        USED.fetch_sub(n, Ordering::Relaxed);
        return false;
    }
    true
}

fn give(n: usize) {
    USED.fetch_sub(n, Ordering::Relaxed);
}

/// Counts the block of `l` and gets it from `get`, the ceiling allowing.
fn counted(l: Layout, get: impl FnOnce() -> *mut u8) -> *mut u8 {
    if !take(l.size()) {
        return std::ptr::null_mut();
    }
    let p = get();
    if p.is_null() {
        give(l.size());
    }
    p
}

unsafe impl GlobalAlloc for Capped {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        counted(l, || {
            if l.size() >= BIG {
                System.alloc(l)
            } else {
                mimalloc::MiMalloc.alloc(l)
            }
        })
    }
    unsafe fn alloc_zeroed(&self, l: Layout) -> *mut u8 {
        counted(l, || {
            if l.size() >= BIG {
                System.alloc_zeroed(l)
            } else {
                mimalloc::MiMalloc.alloc_zeroed(l)
            }
        })
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        give(l.size());
        if l.size() >= BIG {
            System.dealloc(p, l)
        } else {
            mimalloc::MiMalloc.dealloc(p, l)
        }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        let new_layout = Layout::from_size_align_unchecked(new, l.align());
        if (l.size() >= BIG) != (new >= BIG) {
            // The block changes allocators: move it.
            let q = self.alloc(new_layout);
            if !q.is_null() {
                std::ptr::copy_nonoverlapping(p, q, l.size().min(new));
                self.dealloc(p, l);
            }
            return q;
        }
        if new > l.size() && !take(new - l.size()) {
            return std::ptr::null_mut();
        }
        let q = if new >= BIG {
            System.realloc(p, l, new)
        } else {
            mimalloc::MiMalloc.realloc(p, l, new)
        };
        match (q.is_null(), new > l.size()) {
            (true, true) => give(new - l.size()),
            (false, false) => give(l.size() - new),
            _ => {}
        }
        q
    }
}

#[global_allocator]
static GLOBAL: Capped = Capped;

const HELP: &str = "\
fuzz: rebound's mutation fuzzer (tests/fuzz/README.md)

  fuzz campaign [OPTIONS]      run seeds through workers, count symptoms, shrink and save findings
  fuzz show SEED               print the input of a seed (how it was made on stderr)
  fuzz check FILE [OPTIONS]    run one file through every check (and --shrink it)
  fuzz worker [--fake]         serve jobs on stdin (started by the commands above)

Campaign options:
  --from N --to N | --count N  the seeds (default 0..1000; --count N: from..from+N)
  --jobs N                     workers at a time (default 2)
  --state FILE                 resume from / write to this state file (default tests/fuzz/fuzz.state)
  --fresh                      ignore the state file
  --findings DIR               where findings go (default tests/fuzz/findings)
  --run-timeout MS             deadline of a program run (default 300)
  --frontend-timeout MS        deadline of parse/compile/ir stages (default 5000)
  --hang-timeout MS            second deadline of a run that CRuby ends (default 5000)
  --hang-reruns N              such second runs per worker at most (default 1000)
  --ruby-timeout MS            how long CRuby may run a program that timed out (default 300)
  --ruby PATH | --no-ruby      CRuby for syntax checks and judging timeouts (default: ruby on PATH)
  --shrink-limit N             findings shrunk and saved per class (default 3)
  --shrink-time S              time for one shrink (default 120)
  --shrink-total S             time for all shrinks of a session together (default 1800)
  --no-shrink                  save findings unshrunk
  --memory-mb N                memory of one worker (default 2048)
  --progress S                 seconds between progress lines (default 60; 0: none)
  --no-ron                     Ruby inputs only
  --summary                    print the state file's summary and exit

Check options: --ron (the file is a RON dump), --threshold T (opt run, default 2),
  --passes SPEC (RON), --shrink, --findings DIR (where --shrink writes), and the
  timeout, ruby and memory options above.
";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(cmd) = args.first() else {
        print!("{HELP}");
        return;
    };
    let rest = &args[1..];
    match cmd.as_str() {
        "worker" => worker(rest),
        "campaign" => campaign(rest),
        "show" => show(rest),
        "check" => check(rest),
        "-h" | "--help" | "help" => print!("{HELP}"),
        other => die(&format!("unknown command `{other}'")),
    }
}

fn die(msg: &str) -> ! {
    eprintln!("fuzz: {msg}\nTry `fuzz --help`.");
    std::process::exit(2)
}

/// The flags of a command: `--name value` pairs and bare switches.
struct Flags {
    args: Vec<String>,
}

impl Flags {
    fn switch(&mut self, name: &str) -> bool {
        match self.args.iter().position(|a| a == name) {
            Some(i) => {
                self.args.remove(i);
                true
            }
            None => false,
        }
    }

    fn value(&mut self, name: &str) -> Option<String> {
        let i = self.args.iter().position(|a| a == name)?;
        if i + 1 >= self.args.len() {
            die(&format!("{name} needs a value"));
        }
        let v = self.args.remove(i + 1);
        self.args.remove(i);
        Some(v)
    }

    fn num<T: std::str::FromStr>(&mut self, name: &str, default: T) -> T {
        match self.value(name) {
            Some(v) => v
                .parse()
                .unwrap_or_else(|_| die(&format!("{name} takes a number, not `{v}'"))),
            None => default,
        }
    }

    fn ms(&mut self, name: &str, default: u64) -> Duration {
        Duration::from_millis(self.num(name, default))
    }

    /// What is left: positional arguments; an unknown flag is an error.
    fn positional(self) -> Vec<String> {
        if let Some(f) = self.args.iter().find(|a| a.starts_with("--")) {
            die(&format!("unknown option `{f}'"));
        }
        self.args
    }
}

fn worker(rest: &[String]) {
    let mut f = Flags {
        args: rest.to_vec(),
    };
    let fake = f.switch("--fake");
    let mb: usize = f.num("--memory-mb", 2048);
    LIMIT.store(mb << 20, Ordering::Relaxed);
    f.positional();
    tests::fuzz::worker::serve(fake);
}

/// The options shared by `campaign` and `check`: timeouts, CRuby, worker memory.
fn common(f: &mut Flags) -> (Timeouts, Judge, Vec<String>) {
    let timeouts = Timeouts {
        run: f.ms("--run-timeout", 300),
        frontend: f.ms("--frontend-timeout", 5000),
    };
    let ruby = if f.switch("--no-ruby") {
        None
    } else {
        match f.value("--ruby") {
            Some(p) => Some(PathBuf::from(p)),
            None => tests::differential::which("ruby"),
        }
    };
    let judge = Judge {
        ruby,
        ruby_run_timeout: f.ms("--ruby-timeout", 300),
        hang_timeout: f.ms("--hang-timeout", 5_000),
        reruns: f.num("--hang-reruns", 1000),
    };
    let mut worker_args = vec![
        "--memory-mb".to_string(),
        f.num::<u64>("--memory-mb", 2048).to_string(),
    ];
    if f.switch("--fake") {
        worker_args.push("--fake".into());
    }
    (timeouts, judge, worker_args)
}

fn repo_path(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn campaign(rest: &[String]) {
    let mut f = Flags {
        args: rest.to_vec(),
    };
    let state = PathBuf::from(
        f.value("--state")
            .unwrap_or_else(|| repo_path("fuzz/fuzz.state").display().to_string()),
    );
    if f.switch("--summary") {
        match campaign::State::load(&state) {
            Some(s) => print!("{}", s.summary()),
            None => die(&format!("no state file {}", state.display())),
        }
        return;
    }
    let from: u64 = f.num("--from", 0);
    let count: Option<u64> = f
        .value("--count")
        .map(|v| v.parse().unwrap_or_else(|_| die("--count takes a number")));
    let to: u64 = match count {
        Some(n) => from + n,
        None => f.num("--to", from + 1000),
    };
    let (timeouts, judge, worker_args) = common(&mut f);
    let shrink_time: u64 = f.num("--shrink-time", 120);
    let no_shrink = f.switch("--no-shrink");
    let no_ron = f.switch("--no-ron");
    let opts = Options {
        from,
        to,
        jobs: f.num("--jobs", 2),
        fresh: f.switch("--fresh"),
        findings: PathBuf::from(
            f.value("--findings")
                .unwrap_or_else(|| repo_path("fuzz/findings").display().to_string()),
        ),
        state,
        worker_exe: std::env::current_exe().expect("the fuzz executable"),
        worker_args,
        timeouts,
        judge,
        shrink_limit: f.num("--shrink-limit", 3),
        shrink_budget: Budget {
            time: Duration::from_secs(shrink_time),
            tests: if no_shrink { 0 } else { 5000 },
        },
        shrink_total: Duration::from_secs(f.num("--shrink-total", 1800)),
        progress_every: Duration::from_secs(f.num("--progress", 60)),
    };
    f.positional();
    let ron_dir = std::env::temp_dir().join(format!("rebound-fuzz-ron-{}", std::process::id()));
    let seeds = seeds::standard((!no_ron).then_some(ron_dir.as_path()));
    let _ = std::fs::remove_dir_all(&ron_dir);
    eprintln!(
        "fuzz: seeds {}..{}, {} Ruby seed programs, {} RON seeds, {} workers, run timeout {} ms, state {}",
        opts.from,
        opts.to,
        seeds.ruby.len(),
        seeds.ron.len(),
        opts.jobs,
        opts.timeouts.run.as_millis(),
        opts.state.display()
    );
    let st = campaign::run(&opts, &seeds);
    print!("{}", st.summary());
}

fn show(rest: &[String]) {
    let f = Flags {
        args: rest.to_vec(),
    };
    let pos = f.positional();
    let seed: u64 = pos
        .first()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| die("show needs a seed number"));
    let ron_dir = std::env::temp_dir().join(format!("rebound-fuzz-ron-{}", std::process::id()));
    let seeds = seeds::standard(Some(ron_dir.as_path()));
    let _ = std::fs::remove_dir_all(&ron_dir);
    let input = tests::fuzz::input(seed, &seeds);
    eprintln!(
        "fuzz: seed {seed}: {} input, made as {}; opt threshold {}, passes {:?}",
        input.lang.name(),
        input.how,
        input.threshold,
        input.passes
    );
    print!("{}", input.text);
}

fn check(rest: &[String]) {
    let mut f = Flags {
        args: rest.to_vec(),
    };
    let lang = if f.switch("--ron") {
        Lang::Ron
    } else {
        Lang::Ruby
    };
    let threshold = f.num("--threshold", 2);
    let passes = f.value("--passes").unwrap_or_else(|| "dce".into());
    let shrink = f.switch("--shrink");
    let findings = PathBuf::from(f.value("--findings").unwrap_or_else(|| ".".into()));
    let (timeouts, judge, worker_args) = common(&mut f);
    let pos = f.positional();
    let file = pos.first().unwrap_or_else(|| die("check needs a file"));
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| die(&format!("{file}: {e}")));
    let input = Input {
        lang,
        passes,
        how: format!("the file {file}"),
        ..Input::ruby(text, threshold)
    };
    let exe = std::env::current_exe().expect("the fuzz executable");
    let mut ex = Examiner::new(Worker::new(exe, worker_args, timeouts), judge);
    let (report, syms) = ex.examine(&input);
    println!(
        "{} in {:.3} s; accepted: {}",
        file,
        report.elapsed.as_secs_f64(),
        report.accepted()
    );
    for s in &syms {
        println!("  {}: {}", s.class(), s.detail());
        if shrink && s.is_finding() {
            let shrunk = ex.shrink(&input, &s.class(), Budget::default());
            let path = campaign::write_finding(&findings, 0, &input, s, &shrunk);
            println!(
                "    shrunk to {} bytes: {}",
                shrunk.text.len(),
                path.display()
            );
        }
    }
    if syms.iter().any(|s| s.is_finding()) {
        std::process::exit(1);
    }
}
