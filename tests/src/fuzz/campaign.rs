//! Campaigns: many seeds through workers, symptoms counted, findings shrunk and saved,
//! a state file to resume from, a summary at the end.

use super::cruby::{self, SyntaxChecker, Verdict};
use super::exec::Event;
use super::exec::Stage;
use super::minimize::{self, Budget, Shrunk};
use super::mutate::{self, Input, Lang, Seeds};
use super::symptom::{self, Symptom};
use super::worker::{End, Report, Timeouts, Worker};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How a campaign runs.
#[derive(Clone, Debug)]
pub struct Options {
    pub from: u64,
    pub to: u64,
    pub jobs: usize,
    pub state: PathBuf,
    pub findings: PathBuf,
    /// Ignore the state file and start at `from`.
    pub fresh: bool,
    /// The `fuzz` executable that serves as worker, and its extra arguments.
    pub worker_exe: PathBuf,
    pub worker_args: Vec<String>,
    pub timeouts: Timeouts,
    pub judge: Judge,
    /// Shrink at most this many findings of each class.
    pub shrink_limit: usize,
    pub shrink_budget: Budget,
    /// Time for all the shrinks of this session together; findings past it are saved
    /// unshrunk (`fuzz check --shrink FILE` shrinks one later).
    pub shrink_total: Duration,
    /// Print progress every this often (never when zero).
    pub progress_every: Duration,
}

/// What decides the questions rebound cannot answer alone.
#[derive(Clone, Debug)]
pub struct Judge {
    /// CRuby, when installed and wanted.
    pub ruby: Option<PathBuf>,
    /// How long CRuby may run a program that timed out in rebound.
    pub ruby_run_timeout: Duration,
    /// The deadline of the second run of a program that CRuby ends but rebound did not.
    pub hang_timeout: Duration,
    /// Such second runs per examiner at most (each can cost `hang_timeout`). Later ones
    /// are counted as `run-timeout@STAGE:cruby-ends` without the second run, and listed
    /// in `not-rerun.txt`. The default (1000) reruns them all in a campaign of a million
    /// inputs (it had about 80): with 20, two of them, both real hangs, went unseen.
    pub reruns: usize,
}

// ---- examining one input ----------------------------------------------------------------

/// A worker and a CRuby syntax checker: what one campaign thread uses to examine inputs.
pub struct Examiner {
    pub worker: Worker,
    checker: Option<SyntaxChecker>,
    judge: Judge,
    /// Long reruns made so far (hang or slow), at most [`Judge::reruns`].
    reruns: usize,
}

impl Examiner {
    pub fn new(worker: Worker, judge: Judge) -> Examiner {
        Examiner {
            checker: judge.ruby.as_deref().map(SyntaxChecker::new),
            worker,
            judge,
            reruns: 0,
        }
    }

    /// Runs `input` and says what is wrong with it: the worker's report, CRuby's verdict
    /// on an accepted program, a crash confirmed alone, a timeout judged by CRuby.
    pub fn examine(&mut self, input: &Input) -> (Report, Vec<Symptom>) {
        let report = self.worker.run(input);
        let mut syms = symptom::of_report(&report);
        if self.parse_skipped(input, &report) {
            let only = Input {
                parse_only: true,
                ..input.clone()
            };
            syms.extend(symptom::of_report(&self.worker.run(&only)));
        }
        if !report.alone && syms.iter().any(|s| matches!(s, Symptom::Signal { .. })) {
            self.confirm_alone(input, &mut syms);
        }
        if report.accepted() && input.lang == Lang::Ruby {
            if let Some(Verdict::Rejected(m)) = self.checker.as_mut().map(|c| c.check(&input.text))
            {
                let limit = symptom::is_cruby_limit(&m)
                    || self
                        .checker
                        .as_mut()
                        .is_some_and(|c| c.bom_misread(&input.text));
                syms.push(if limit {
                    Symptom::CRubyLimit { cruby: m }
                } else {
                    Symptom::AcceptsInvalid { cruby: m }
                });
            }
        }
        for s in syms.iter_mut() {
            if let Symptom::RunTimeout { stage, verdict } = s {
                let stage = *stage;
                match self.judge_timeout(input, stage) {
                    Judgement::Hang => *s = Symptom::Hang { stage },
                    Judgement::Loops => *verdict = "loops",
                    Judgement::Slow => *verdict = "slow",
                    Judgement::CRubyEnds => *verdict = "cruby-ends",
                    Judgement::CRubyLimit => *verdict = "cruby-limit",
                    Judgement::Unsafe => *verdict = "unsafe",
                    Judgement::NoRuby => {}
                }
            }
        }
        (report, syms)
    }

    /// Whether the worker stopped (a timeout or a death in a run stage) before the
    /// `parse` stage, which comes last, could run.
    fn parse_skipped(&self, input: &Input, report: &Report) -> bool {
        input.lang == Lang::Ruby
            && !input.parse_only
            && !matches!(report.end, End::Done { .. })
            && !report.events.contains(&Event::Stage(Stage::Parse))
    }

    /// A crash after other inputs ran in the same child: run the input alone in a fresh
    /// child, and say so when it does not crash there.
    fn confirm_alone(&mut self, input: &Input, syms: &mut [Symptom]) {
        self.worker.restart();
        let again = symptom::of_report(&self.worker.run(input));
        for s in syms.iter_mut() {
            let class = s.class();
            if let Symptom::Signal { how, .. } = s {
                if !again.iter().any(|a| a.class() == class) {
                    how.push_str(" (not alone: only after other inputs in the same process)");
                }
            }
        }
    }

    /// Judges a program that ran past its deadline in `stage`.
    fn judge_timeout(&mut self, input: &Input, stage: Stage) -> Judgement {
        let Some(ruby) = self.judge.ruby.clone() else {
            return Judgement::NoRuby;
        };
        match cruby::runs_within(&ruby, &input.text, self.judge.ruby_run_timeout) {
            None => return Judgement::Unsafe,
            Some(cruby::RubyRun::Running) => return Judgement::Loops,
            Some(cruby::RubyRun::Limit) => return Judgement::CRubyLimit,
            Some(cruby::RubyRun::Ended) => {}
        }
        if self.reruns >= self.judge.reruns {
            return Judgement::CRubyEnds;
        }
        self.reruns += 1;
        let saved = self.worker.timeouts;
        self.worker.timeouts.run = self.judge.hang_timeout;
        let again = symptom::of_report(&self.worker.run(input));
        self.worker.timeouts = saved;
        let timed_out = again
            .iter()
            .any(|s| matches!(s, Symptom::RunTimeout { stage: st, .. } if *st == stage));
        if timed_out {
            Judgement::Hang
        } else {
            Judgement::Slow
        }
    }

    /// Shrinks `input`, keeping symptom class `class`.
    pub fn shrink(&mut self, input: &Input, class: &str, budget: Budget) -> Shrunk {
        minimize::shrink(&input.text, budget, &mut |text| {
            let (_, syms) = self.examine(&input.with_text(text.to_string()));
            syms.iter().any(|s| s.class() == class)
        })
    }
}

/// What CRuby makes of a program that ran past its deadline in rebound.
enum Judgement {
    /// CRuby's compiler refuses it for a limit of its own (`stack level too deep` before
    /// running): rebound may run it (within its own limits, the language's semantics).
    CRubyLimit,
    /// CRuby ends it, and rebound still does not given [`Judge::hang_timeout`].
    Hang,
    /// CRuby does not end it either within [`Judge::ruby_run_timeout`]: an infinite loop
    /// (or a slow program).
    Loops,
    /// CRuby ends it and rebound does too, given more time.
    Slow,
    /// CRuby ends it; rebound was not given more time ([`Judge::reruns`]).
    CRubyEnds,
    /// The program may not be run by CRuby ([`cruby::safe_to_run`]).
    Unsafe,
    NoRuby,
}

// ---- the state file -----------------------------------------------------------------------

/// Counts of a campaign, kept in the state file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct State {
    /// Every seed below this has run.
    pub next: u64,
    pub to: u64,
    /// Seconds spent over all sessions of the campaign.
    pub seconds: f64,
    /// `inputs`, `accepted`, `ruby`, `ron`, and one count per symptom class.
    pub counts: BTreeMap<String, u64>,
}

impl State {
    pub fn load(path: &Path) -> Option<State> {
        let text = std::fs::read_to_string(path).ok()?;
        let mut s = State::default();
        for line in text.lines() {
            let mut f = line.splitn(3, ' ');
            match (f.next(), f.next(), f.next()) {
                (Some("next"), Some(n), None) => s.next = n.parse().ok()?,
                (Some("to"), Some(n), None) => s.to = n.parse().ok()?,
                (Some("seconds"), Some(n), None) => s.seconds = n.parse().ok()?,
                (Some("count"), Some(n), Some(k)) => {
                    s.counts.insert(k.to_string(), n.parse().ok()?);
                }
                _ => {}
            }
        }
        Some(s)
    }

    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let mut text = format!(
            "next {}\nto {}\nseconds {:.1}\n",
            self.next, self.to, self.seconds
        );
        for (k, n) in &self.counts {
            text.push_str(&format!("count {n} {k}\n"));
        }
        let tmp = path.with_extension("tmp");
        std::fs::write(&tmp, text)?;
        std::fs::rename(&tmp, path)
    }

    fn bump(&mut self, key: &str) {
        *self.counts.entry(key.to_string()).or_default() += 1;
    }

    pub fn count(&self, key: &str) -> u64 {
        self.counts.get(key).copied().unwrap_or(0)
    }

    /// Inputs per second over the whole campaign.
    pub fn rate(&self) -> f64 {
        self.count("inputs") as f64 / self.seconds.max(1e-9)
    }

    /// The classes seen, with their counts, findings first.
    pub fn classes(&self) -> Vec<(String, u64, bool)> {
        let mut v: Vec<(String, u64, bool)> = self
            .counts
            .iter()
            .filter_map(|(k, n)| {
                let (kind, class) = k.split_once(':')?;
                Some((class.to_string(), *n, kind == "finding"))
            })
            .collect();
        v.sort_by_key(|(c, _, f)| (!*f, c.clone()));
        v
    }

    /// The summary printed at the end (and by `fuzz campaign --summary`).
    pub fn summary(&self) -> String {
        let mut s = format!(
            "fuzz campaign: seeds {}..{} done, {} inputs ({} Ruby, {} RON), {} accepted by rebound, {:.0} s, {:.1} inputs/s\n",
            self.next.saturating_sub(self.count("inputs")),
            self.next,
            self.count("inputs"),
            self.count("ruby"),
            self.count("ron"),
            self.count("accepted"),
            self.seconds,
            self.rate()
        );
        let findings: u64 = self.classes().iter().filter(|c| c.2).map(|c| c.1).sum();
        s.push_str(&format!(
            "inputs with findings: {}\n",
            self.count("with-findings")
        ));
        s.push_str(&format!("symptoms that are findings: {findings}\n"));
        for (class, n, finding) in self.classes() {
            let tag = if finding { "FINDING" } else { "counted" };
            s.push_str(&format!("  {tag:8} {n:>9}  {class}\n"));
        }
        s
    }
}

// ---- the campaign ---------------------------------------------------------------------------

/// What the campaign threads share.
struct Shared {
    state: State,
    /// Findings saved per class.
    saved: BTreeMap<String, usize>,
    last_save: Instant,
    last_progress: Instant,
    /// Time spent shrinking in this session.
    shrink_spent: Duration,
    /// Seconds in the state when this session started.
    base_seconds: f64,
    started: Instant,
}

/// Runs the campaign of `opts` over `seeds`; returns the final state.
pub fn run(opts: &Options, seeds: &Seeds) -> State {
    let mut state = match (opts.fresh, State::load(&opts.state)) {
        (false, Some(s)) => s,
        _ => State {
            next: opts.from,
            ..State::default()
        },
    };
    state.to = opts.to;
    if opts.judge.ruby.is_none() {
        eprintln!("fuzz: ruby is not installed (or --no-ruby): CRuby checks are skipped: accepted programs are not syntax-checked and run timeouts are not judged");
    }
    std::fs::create_dir_all(&opts.findings).expect("create the findings directory");
    let counter = AtomicU64::new(state.next);
    let in_flight: Vec<AtomicU64> = (0..opts.jobs).map(|_| AtomicU64::new(u64::MAX)).collect();
    let shared = Mutex::new(Shared {
        base_seconds: state.seconds,
        state,
        saved: BTreeMap::new(),
        last_save: Instant::now(),
        last_progress: Instant::now(),
        shrink_spent: Duration::ZERO,
        started: Instant::now(),
    });
    // Classes already saved in earlier sessions count towards the shrink limit.
    {
        let mut sh = shared.lock().unwrap_or_else(|e| e.into_inner());
        for (k, n) in sh.state.counts.clone() {
            if let Some(class) = k.strip_prefix("finding:") {
                sh.saved
                    .insert(class.to_string(), (n as usize).min(opts.shrink_limit));
            }
        }
    }
    std::thread::scope(|s| {
        for slot in in_flight.iter() {
            let (counter, shared, in_flight) = (&counter, &shared, &in_flight);
            s.spawn(move || {
                let worker = Worker::new(
                    opts.worker_exe.clone(),
                    opts.worker_args.clone(),
                    opts.timeouts,
                );
                let mut ex = Examiner::new(worker, opts.judge.clone());
                loop {
                    let seed = counter.fetch_add(1, Ordering::SeqCst);
                    if seed >= opts.to {
                        break;
                    }
                    slot.store(seed, Ordering::SeqCst);
                    // A bug of the harness itself must not stop this thread (its seed
                    // would hold the state file's `next` back for ever): count it, say
                    // it, go on with a fresh worker.
                    let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        let input = mutate::input(seed, seeds);
                        let (report, syms) = ex.examine(&input);
                        let to_save = record(shared, seed, &input, &report, &syms, opts);
                        for sym in to_save {
                            save_finding(&mut ex, shared, opts, seed, &input, &sym);
                        }
                    }));
                    if done.is_err() {
                        eprintln!(
                            "fuzz: HARNESS ERROR on seed {seed} (a panic in the fuzzer, above)"
                        );
                        ex.worker.restart();
                        let mut sh = shared.lock().unwrap_or_else(|e| e.into_inner());
                        sh.state.bump("harness-error");
                    }
                    slot.store(u64::MAX, Ordering::SeqCst);
                    checkpoint(shared, counter, in_flight, opts, false);
                }
            });
        }
    });
    checkpoint(&shared, &counter, &in_flight, opts, true);
    shared.into_inner().unwrap().state
}

/// Counts what one input showed; returns the findings to shrink and save.
fn record(
    shared: &Mutex<Shared>,
    seed: u64,
    input: &Input,
    report: &Report,
    syms: &[Symptom],
    opts: &Options,
) -> Vec<Symptom> {
    let mut sh = shared.lock().unwrap_or_else(|e| e.into_inner());
    log_findings(&opts.findings, seed, syms);
    let st = &mut sh.state;
    st.bump("inputs");
    st.bump(input.lang.name());
    if report.accepted() {
        st.bump("accepted");
    }
    let mut to_save = Vec::new();
    let mut classes_here = Vec::new();
    for s in syms {
        let class = s.class();
        if classes_here.contains(&class) {
            continue;
        }
        classes_here.push(class.clone());
        let kind = if s.is_finding() { "finding" } else { "seen" };
        sh.state.bump(&format!("{kind}:{class}"));
        if s.is_finding() {
            let saved = sh.saved.entry(class).or_default();
            if *saved < opts.shrink_limit.max(1) {
                *saved += 1;
                to_save.push(s.clone());
            }
        }
    }
    if syms.iter().any(Symptom::is_finding) {
        sh.state.bump("with-findings");
    }
    to_save
}

/// Appends a line per finding to `all.txt` in the findings directory (seed and class),
/// so that every failing seed is known, not only the ones saved; and a line per timeout
/// that CRuby ends but that had no second run ([`Judge::reruns`]) to `not-rerun.txt`, so
/// that those can be run again with a long deadline after the campaign.
fn log_findings(dir: &Path, seed: u64, syms: &[Symptom]) {
    let line = |s: &Symptom| format!("{seed} {}\n", s.class());
    append(
        &dir.join("all.txt"),
        &syms
            .iter()
            .filter(|s| s.is_finding())
            .map(line)
            .collect::<String>(),
    );
    append(
        &dir.join("not-rerun.txt"),
        &syms
            .iter()
            .filter(|s| {
                matches!(
                    s,
                    Symptom::RunTimeout {
                        verdict: "cruby-ends",
                        ..
                    }
                )
            })
            .map(line)
            .collect::<String>(),
    );
}

fn append(path: &Path, lines: &str) {
    use std::io::Write;
    if lines.is_empty() {
        return;
    }
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
    {
        let _ = f.write_all(lines.as_bytes());
    }
}

/// Writes the state file (and a progress line) when it is time, or at the end.
fn checkpoint(
    shared: &Mutex<Shared>,
    counter: &AtomicU64,
    in_flight: &[AtomicU64],
    opts: &Options,
    last: bool,
) {
    let mut sh = shared.lock().unwrap_or_else(|e| e.into_inner());
    if !last && sh.last_save.elapsed() < Duration::from_secs(10) {
        return;
    }
    let show = !opts.progress_every.is_zero() && sh.last_progress.elapsed() >= opts.progress_every;
    if show {
        sh.last_progress = Instant::now();
    }
    sh.last_save = Instant::now();
    let running = in_flight
        .iter()
        .map(|a| a.load(Ordering::SeqCst))
        .min()
        .unwrap_or(u64::MAX);
    let next = counter.load(Ordering::SeqCst).min(running).min(opts.to);
    sh.state.next = next;
    sh.state.seconds = sh.base_seconds + sh.started.elapsed().as_secs_f64();
    if let Err(e) = sh.state.save(&opts.state) {
        eprintln!("fuzz: cannot write {}: {e}", opts.state.display());
    }
    if show && !last {
        let st = &sh.state;
        let findings: u64 = st.classes().iter().filter(|c| c.2).map(|c| c.1).sum();
        eprintln!(
            "fuzz: next seed {next}, {} inputs, {:.1}/s, {} accepted, {} findings ({} classes)",
            st.count("inputs"),
            st.rate(),
            st.count("accepted"),
            findings,
            st.classes().iter().filter(|c| c.2).count()
        );
    }
}

/// Shrinks a finding (within the budget) and writes it to the findings directory: the
/// shrunk input with a header saying the symptom and how to reproduce it, and the
/// original input beside it.
fn save_finding(
    ex: &mut Examiner,
    shared: &Mutex<Shared>,
    opts: &Options,
    seed: u64,
    input: &Input,
    sym: &Symptom,
) {
    let class = sym.class();
    let left = {
        let sh = shared.lock().unwrap_or_else(|e| e.into_inner());
        opts.shrink_total.saturating_sub(sh.shrink_spent)
    };
    let shrunk = if opts.shrink_budget.tests > 0 && !left.is_zero() {
        let budget = Budget {
            time: opts.shrink_budget.time.min(left),
            ..opts.shrink_budget
        };
        let start = Instant::now();
        let shrunk = ex.shrink(input, &class, budget);
        shared
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .shrink_spent += start.elapsed();
        shrunk
    } else {
        Shrunk {
            text: input.text.clone(),
            tests: 0,
            out_of_budget: false,
        }
    };
    let path = write_finding(&opts.findings, seed, input, sym, &shrunk);
    eprintln!(
        "fuzz: FINDING {class} (seed {seed}): {} ({} -> {} bytes)",
        path.display(),
        input.text.len(),
        shrunk.text.len()
    );
}

/// A file-name-safe version of a class.
fn slug(class: &str) -> String {
    class
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect::<String>()
        .chars()
        .take(80)
        .collect()
}

/// Writes `NAME.rb` (or `.ron`) with a header, and `NAME.orig.rb`; returns the first.
pub fn write_finding(
    dir: &Path,
    seed: u64,
    input: &Input,
    sym: &Symptom,
    shrunk: &Shrunk,
) -> PathBuf {
    let ext = match input.lang {
        Lang::Ruby => "rb",
        Lang::Ron => "ron",
    };
    let name = format!("{}-{seed}", slug(&sym.class()));
    let path = dir.join(format!("{name}.{ext}"));
    let file = path.display().to_string();
    let comment = match input.lang {
        Lang::Ruby => "#",
        Lang::Ron => "//",
    };
    let stage = sym.stage().unwrap_or(Stage::Parse);
    let mut header = vec![
        format!("rebound fuzz finding: {}", sym.class()),
        format!("detail: {}", sym.detail()),
        format!("seed {seed} (`fuzz show {seed}`), made as: {}", input.how),
        format!("reproduce: {}", stage.command(&file, input)),
    ];
    if let Symptom::AcceptsInvalid { .. } = sym {
        header.push(format!(
            "CRuby rejects it: ruby -c {file}  (or ruby {file})"
        ));
    }
    header.push(format!(
        "shrunk from {} to {} bytes in {} tests{}",
        input.text.len(),
        shrunk.text.len(),
        shrunk.tests,
        if shrunk.out_of_budget {
            " (budget ran out)"
        } else {
            ""
        }
    ));
    let mut text = String::new();
    for h in header {
        for l in h.lines() {
            text.push_str(&format!("{comment} {l}\n"));
        }
    }
    text.push_str(&shrunk.text);
    let _ = std::fs::write(&path, text);
    let _ = std::fs::write(dir.join(format!("{name}.orig.{ext}")), &input.text);
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_reads_back() {
        let mut s = State {
            next: 12,
            to: 100,
            seconds: 3.5,
            counts: BTreeMap::new(),
        };
        s.bump("inputs");
        s.bump("finding:panic@parse:a.rs:1");
        s.bump("seen:run-timeout@interp:loops");
        let path = std::env::temp_dir().join(format!("fuzz-state-{}", std::process::id()));
        s.save(&path).unwrap();
        assert_eq!(State::load(&path), Some(s.clone()));
        let _ = std::fs::remove_file(&path);
        let classes = s.classes();
        assert_eq!(classes[0], ("panic@parse:a.rs:1".to_string(), 1, true));
        assert!(s.summary().contains("FINDING"));
    }

    #[test]
    fn findings_and_unjudged_timeouts_are_listed_by_seed() {
        let dir = std::env::temp_dir().join(format!("fuzz-lists-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let timeout = |verdict| Symptom::RunTimeout {
            stage: Stage::Opt,
            verdict,
        };
        log_findings(&dir, 7, &[timeout("cruby-ends"), timeout("slow")]);
        log_findings(
            &dir,
            9,
            &[Symptom::Hang {
                stage: Stage::Interp,
            }],
        );
        log_findings(&dir, 11, &[timeout("loops")]);
        let read = |f| std::fs::read_to_string(dir.join(f)).unwrap();
        assert_eq!(read("not-rerun.txt"), "7 run-timeout@opt:cruby-ends\n");
        assert_eq!(read("all.txt"), "9 hang@interp\n");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn slugs_are_file_names() {
        assert_eq!(slug("panic@parse:src/a.rs:1"), "panic_parse_src_a_rs_1");
    }
}
