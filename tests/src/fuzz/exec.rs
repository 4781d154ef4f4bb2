//! The checks of one input, run in-process by a worker (`fuzz worker`).
//!
//! A Ruby input goes through what `rebound parse`, `rebound run --tier interp` and
//! `rebound run --tier opt` do, each on a thread with the stack the CLI gives it (`run`
//! and the parser of `parse` on `rebound::with_big_stack`'s, the printing of `parse`'s
//! tree and `ir` on the main thread's), so that a stack overflow here is one the CLI
//! would have. A RON input goes through `rebound ir`
//! without passes and with the input's pass spec. Every stage runs under
//! `catch_unwind`; a panic is reported as an [`Event`] and the next stage still runs.
//! Signals and hangs cannot be caught here: the parent (`super::worker`) sees the process
//! die or stop talking.

use super::mutate::{Input, Lang};
use rebound::{Config, Engine, EngineError, Tier};
use std::cell::RefCell;
use std::io::Write;
use std::panic::AssertUnwindSafe;
use std::rc::Rc;
use std::sync::Mutex;

/// The name programs run under (it appears in error messages).
pub const FILE: &str = "fuzz.rb";
/// The stack of the main thread, on which `rebound parse` and `rebound ir` run.
const MAIN_STACK: usize = 8 << 20;
/// `rebound::with_big_stack`'s stack, on which `rebound run` runs.
const BIG_STACK: usize = 1 << 30;
/// Program output kept per run; beyond it output is counted, not stored.
const OUTPUT_CAP: usize = 1 << 20;

/// A step of the checks; the parent gives each its own deadline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Stage {
    /// `rebound parse`: the parser and the AST printer.
    Parse,
    /// The frontend (parse, scopes, lowering) as `rebound run` calls it.
    Compile,
    /// `rebound run --tier interp --verify-each`.
    Interp,
    /// `rebound run --tier opt --jit-threshold T --verify-each`.
    Opt,
    /// Loading a RON dump.
    RonLoad,
    /// `rebound ir FILE.ron` (verify and print).
    Ir,
    /// `rebound ir FILE.ron --passes SPEC`.
    IrPasses,
}

impl Stage {
    pub const ALL: [Stage; 7] = [
        Stage::Parse,
        Stage::Compile,
        Stage::Interp,
        Stage::Opt,
        Stage::RonLoad,
        Stage::Ir,
        Stage::IrPasses,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Stage::Parse => "parse",
            Stage::Compile => "compile",
            Stage::Interp => "interp",
            Stage::Opt => "opt",
            Stage::RonLoad => "ron-load",
            Stage::Ir => "ir",
            Stage::IrPasses => "ir-passes",
        }
    }

    pub fn parse(s: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|st| st.name() == s)
    }

    /// Stages that run the program, which may legitimately loop forever.
    pub fn runs_program(self) -> bool {
        matches!(self, Stage::Interp | Stage::Opt)
    }

    /// The command line that does what this stage does to `file`.
    pub fn command(self, file: &str, input: &Input) -> String {
        match self {
            Stage::Parse => format!("rebound parse {file}"),
            Stage::Compile | Stage::Interp => {
                format!("rebound run --tier interp --verify-each {file}")
            }
            Stage::Opt => format!(
                "rebound run --tier opt --jit-threshold {} --verify-each --print-stats {file}",
                input.threshold
            ),
            Stage::RonLoad | Stage::Ir => format!("rebound ir {file}"),
            Stage::IrPasses => format!("rebound ir {file} --passes {}", input.passes),
        }
    }
}

/// What a worker reports about an input, one line each on its standard output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// A stage starts (the parent starts its deadline).
    Stage(Stage),
    /// A stage panicked: the panic's location and message.
    Panic(Stage, String),
    /// A version (or IR0) failed verification, or the IR0 pipeline failed.
    Verifier(Stage, String),
    /// The interp and opt runs ended differently.
    Mismatch(String),
    /// rebound accepts the input: the frontend compiled it (the runs follow), or the
    /// RON loaded and verified.
    Accepted,
    /// All stages ran; whether rebound accepted the input (compiled it, or loaded and
    /// verified the RON).
    Done { accepted: bool },
}

impl Event {
    /// The event as one line (without the newline).
    pub fn to_line(&self) -> String {
        match self {
            Event::Stage(s) => format!("stage {}", s.name()),
            Event::Panic(s, m) => format!("panic {} {}", s.name(), escape(m)),
            Event::Verifier(s, m) => format!("verifier {} {}", s.name(), escape(m)),
            Event::Mismatch(m) => format!("mismatch {}", escape(m)),
            Event::Accepted => "accepted".to_string(),
            Event::Done { accepted } => format!("done {}", *accepted as u8),
        }
    }

    pub fn from_line(line: &str) -> Option<Event> {
        let mut parts = line.splitn(3, ' ');
        let (tag, a, b) = (parts.next()?, parts.next(), parts.next());
        let stage = || a.and_then(Stage::parse);
        Some(match tag {
            "stage" => Event::Stage(stage()?),
            "panic" => Event::Panic(stage()?, unescape(b.unwrap_or(""))),
            "verifier" => Event::Verifier(stage()?, unescape(b.unwrap_or(""))),
            "mismatch" => Event::Mismatch(unescape(&line["mismatch ".len().min(line.len())..])),
            "accepted" => Event::Accepted,
            "done" => Event::Done {
                accepted: a == Some("1"),
            },
            _ => return None,
        })
    }
}

/// Escapes backslashes and newlines so that a message fits on one line.
pub fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
}

pub fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(c) => out.push(c),
            None => out.push('\\'),
        }
    }
    out
}

// ---- panics -----------------------------------------------------------------------------

static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

thread_local! {
    /// Whether this thread is inside [`guarded`]: only those panics are kept quiet.
    static GUARDED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Makes panics inside [`guarded`] quiet and remembered: the hook keeps
/// `location: message` for it to report instead of printing it. Other panics (a failing
/// test) go to the hook that was there before. Installed once per process.
pub fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !GUARDED.with(|g| g.get()) {
                return previous(info);
            }
            let msg = if let Some(s) = info.payload().downcast_ref::<&str>() {
                s.to_string()
            } else if let Some(s) = info.payload().downcast_ref::<String>() {
                s.clone()
            } else {
                "(non-string panic payload)".to_string()
            };
            let at = info
                .location()
                .map(|l| format!("{}:{}", l.file(), l.line()))
                .unwrap_or_else(|| "?".into());
            *LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()) = Some(format!("{at}: {msg}"));
        }));
    });
}

/// Runs `f`; a panic becomes `Err(location: message)`.
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    install_panic_hook();
    let was = GUARDED.with(|g| g.replace(true));
    let r = std::panic::catch_unwind(AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(was));
    r.map_err(|_| {
        LAST_PANIC
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
            .unwrap_or_else(|| "?: panic".into())
    })
}

/// Runs `f` on a fresh thread with a stack of `size` bytes and waits for it. A panic
/// comes back to the caller; inside [`guarded`] it is kept quiet there too.
fn on_stack<T: Send>(size: usize, f: impl FnOnce() -> T + Send) -> T {
    let guarded = GUARDED.with(|g| g.get());
    std::thread::scope(|s| {
        std::thread::Builder::new()
            .stack_size(size)
            .spawn_scoped(s, move || {
                GUARDED.with(|g| g.set(guarded));
                f()
            })
            .expect("spawn a check thread")
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e))
    })
}

// ---- the checks -------------------------------------------------------------------------

/// Where the events go (a worker writes them to its standard output).
pub type Emit<'a> = &'a (dyn Fn(Event) + Sync);

/// Runs every stage of `input`, reporting as it goes; ends with [`Event::Done`]. With
/// `fake`, markers in the text make a stage misbehave on purpose ([`fake_fault`]), so
/// that tests can check that the parent detects each symptom.
pub fn check(input: &Input, fake: bool, emit: Emit) {
    let accepted = match input.lang {
        Lang::Ruby => check_ruby(input, fake, emit),
        Lang::Ron => check_ron(input, fake, emit),
    };
    emit(Event::Done { accepted });
}

/// Runs one stage: announces it, triggers a fake fault if asked, runs `f` guarded and
/// reports a panic. `None` when it panicked.
fn stage<T>(st: Stage, input: &Input, fake: bool, emit: Emit, f: impl FnOnce() -> T) -> Option<T> {
    emit(Event::Stage(st));
    let r = guarded(|| {
        if fake {
            fake_fault(&input.text, st);
        }
        f()
    });
    match r {
        Ok(v) => Some(v),
        Err(m) => {
            emit(Event::Panic(st, m));
            None
        }
    }
}

/// The Ruby stages. `parse` (on the main thread's stack, as `rebound parse` runs) comes
/// last, so that the parse-only crashes of very deep inputs do not hide what `run` does
/// with them.
fn check_ruby(input: &Input, fake: bool, emit: Emit) -> bool {
    let src = input.text.as_str();
    let accepted = !input.parse_only
        && on_stack(BIG_STACK, || {
            let accepted = stage(Stage::Compile, input, fake, emit, || {
                let mut module = ir::Module::default();
                frontend::compile(src, FILE, &mut module).is_ok()
            });
            if accepted != Some(true) {
                return false;
            }
            emit(Event::Accepted);
            let interp = stage(Stage::Interp, input, fake, emit, || {
                run_tier(src, Tier::Interp, input.threshold)
            });
            let opt = stage(Stage::Opt, input, fake, emit, || {
                run_tier(src, Tier::Opt, input.threshold)
            });
            for (st, run) in [(Stage::Interp, &interp), (Stage::Opt, &opt)] {
                if let Some(Some(m)) = run.as_ref().map(|r| r.verifier.clone()) {
                    emit(Event::Verifier(st, m));
                }
            }
            if let (Some(a), Some(b)) = (&interp, &opt) {
                if let Some(d) = a.differs(b) {
                    emit(Event::Mismatch(d));
                }
            }
            true
        });
    // `rebound parse` parses on the big stack and prints (and drops) the tree on the
    // main thread's.
    on_stack(MAIN_STACK, || {
        stage(Stage::Parse, input, fake, emit, || {
            let src = src.to_string();
            let tree = on_stack(BIG_STACK, move || frontend::prism::parse(&src));
            if let Ok(p) = tree {
                std::hint::black_box(p.to_sexp());
            }
        })
    });
    accepted
}

fn check_ron(input: &Input, fake: bool, emit: Emit) -> bool {
    on_stack(MAIN_STACK, || {
        let loaded = stage(Stage::RonLoad, input, fake, emit, || {
            ir::serial::from_ron(&input.text).ok()
        });
        let Some(Some(func)) = loaded else {
            return false;
        };
        let verified = stage(Stage::Ir, input, fake, emit, || {
            run_passes(&func, passes::PassManager::new(Vec::new()))
        });
        if verified == Some(true) {
            emit(Event::Accepted);
        }
        stage(Stage::IrPasses, input, fake, emit, || {
            if let Ok(pm) = passes::PassManager::from_spec(&input.passes) {
                run_passes(&func, pm);
            }
        });
        verified == Some(true)
    })
}

/// What `rebound ir` does after loading: verify, run the passes (verifying after each),
/// print. Whether the input verified and the passes ran.
fn run_passes(func: &ir::Function, pm: passes::PassManager) -> bool {
    let mut f = func.clone();
    let pm = pm.with_verify_each(true);
    match pm.run(&mut f, &ir::pass::PassContext::empty()) {
        Ok(_) => {
            std::hint::black_box(f.to_string());
            true
        }
        Err(e) => {
            std::hint::black_box(e.to_string());
            false
        }
    }
}

/// How one run ended, for comparing the tiers.
#[derive(Debug)]
struct RunEnd {
    stdout: Vec<u8>,
    status: i32,
    error: String,
    /// A verifier or pipeline failure, which the output alone would not show.
    verifier: Option<String>,
}

impl RunEnd {
    /// How `other` differs from `self`, if it does (addresses masked).
    fn differs(&self, other: &RunEnd) -> Option<String> {
        if self.verifier.is_some() || other.verifier.is_some() {
            return None;
        }
        let (a, b) = (
            mask_addresses(&String::from_utf8_lossy(&self.stdout)),
            mask_addresses(&String::from_utf8_lossy(&other.stdout)),
        );
        if a != b {
            return Some(format!("stdout:\n{}", crate::diff(&a, &b)));
        }
        if self.status != other.status {
            return Some(format!("status {} vs {}", self.status, other.status));
        }
        let (a, b) = (mask_addresses(&self.error), mask_addresses(&other.error));
        if a != b {
            return Some(format!("stderr {a:?} vs {b:?}"));
        }
        None
    }
}

/// `0x` followed by hex digits becomes `0xX`: object addresses differ from run to run.
fn mask_addresses(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("0x") {
        out.push_str(&rest[..i + 2]);
        rest = &rest[i + 2..];
        let hex = rest
            .find(|c: char| !c.is_ascii_hexdigit())
            .unwrap_or(rest.len());
        if hex > 0 {
            out.push('X');
        }
        rest = &rest[hex..];
    }
    out.push_str(rest);
    out
}

/// Program output, kept up to [`OUTPUT_CAP`] bytes.
#[derive(Clone, Default)]
struct Capture(Rc<RefCell<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        let mut v = self.0.borrow_mut();
        let room = OUTPUT_CAP.saturating_sub(v.len());
        v.extend_from_slice(&b[..b.len().min(room)]);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// `rebound run` in-process, with `--verify-each`.
fn run_tier(src: &str, tier: Tier, threshold: u64) -> RunEnd {
    let out = Capture::default();
    let config = Config {
        tier,
        threshold,
        verify_each: true,
        ..Config::default()
    };
    let failed = |m: String, verifier: bool| RunEnd {
        stdout: Vec::new(),
        status: 2,
        error: m.clone(),
        verifier: verifier.then_some(m),
    };
    let mut engine = match Engine::new(config, Box::new(out.clone())) {
        Ok(e) => e,
        Err(e) => return failed(format!("engine: {e}"), true),
    };
    let main = match engine.compile(src, FILE) {
        Ok(m) => m,
        Err(EngineError::Diagnostic(d)) => return failed(d.to_string(), false),
        Err(EngineError::Pipeline(m)) => return failed(format!("IR0 pipeline: {m}"), true),
    };
    let outcome = engine.run(main);
    let stats = engine.stats_report();
    let verifier = stats
        .lines()
        .find(|l| l.contains("rejected by the verifier"))
        .map(|l| l.to_string());
    drop(engine);
    let stdout = out.0.borrow().clone();
    RunEnd {
        stdout,
        status: outcome.status,
        error: outcome.error.unwrap_or_default(),
        verifier,
    }
}

// ---- faults on purpose --------------------------------------------------------------------

/// With `fuzz worker --fake`: a text containing `FAKE_PANIC@STAGE`, `FAKE_ABORT@STAGE`,
/// `FAKE_OVERFLOW@STAGE`, `FAKE_OOM@STAGE` or `FAKE_HANG@STAGE` panics, aborts, overflows
/// its stack, runs out of memory or loops forever when that stage starts. The tests of the harness use it to check that
/// each symptom is detected, attributed to its stage and shrunk.
fn fake_fault(text: &str, st: Stage) {
    let has = |what: &str| text.contains(&format!("FAKE_{what}@{}", st.name()));
    if has("PANIC") {
        panic!("fake panic in {}", st.name());
    }
    if has("ABORT") {
        std::process::abort();
    }
    if has("OVERFLOW") {
        recurse(u64::MAX);
    }
    if has("OOM") {
        // More than any `--memory-mb`: the allocator refuses, the process aborts.
        let v: Vec<u8> = Vec::with_capacity(1 << 45);
        std::hint::black_box(v);
    }
    if has("HANG") {
        loop {
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }
}

/// Unbounded recursion that the optimizer cannot turn into a loop.
fn recurse(n: u64) -> u64 {
    let pad = std::hint::black_box([n; 64]);
    if n == 0 {
        return 0;
    }
    recurse(n - 1).wrapping_add(pad[std::hint::black_box(3)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_round_trip_through_lines() {
        for e in [
            Event::Stage(Stage::IrPasses),
            Event::Panic(Stage::Opt, "a.rs:3: boom\nsecond \\ line".into()),
            Event::Verifier(Stage::Interp, "x".into()),
            Event::Mismatch("stdout:\n  line 1".into()),
            Event::Accepted,
            Event::Done { accepted: true },
            Event::Done { accepted: false },
        ] {
            assert_eq!(Event::from_line(&e.to_line()), Some(e.clone()), "{e:?}");
            assert!(!e.to_line().contains('\n'));
        }
    }

    #[test]
    fn addresses_are_masked() {
        assert_eq!(mask_addresses("#<A:0x00ff12 @x=0x1>"), "#<A:0xX @x=0xX>");
        assert_eq!(mask_addresses("0x"), "0x");
    }

    #[test]
    fn a_panicking_stage_is_reported_and_the_next_still_runs() {
        let events = Mutex::new(Vec::new());
        let emit = |e: Event| events.lock().unwrap().push(e);
        let input = Input::ruby("p 1 # FAKE_PANIC@parse\n".into(), 1);
        check(&input, true, &emit);
        let events = events.into_inner().unwrap();
        let panic = events
            .iter()
            .position(|e| matches!(e, Event::Panic(Stage::Parse, m) if m.contains("fake panic")));
        let opt = events.iter().position(|e| *e == Event::Stage(Stage::Opt));
        assert!(panic.is_some() && opt.is_some(), "{events:?}");
        assert_eq!(events.last(), Some(&Event::Done { accepted: true }));
    }
}
