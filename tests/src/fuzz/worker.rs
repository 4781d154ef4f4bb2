//! Running inputs in a child process, so that a signal or a hang costs one input and not
//! the campaign.
//!
//! A worker (`fuzz worker`) reads jobs on its standard input, runs each through
//! [`super::exec::check`] and writes one line per [`Event`] on its standard output. The
//! parent side, [`Worker`], sends one job at a time and reads the events with a deadline
//! per stage: when a stage overruns it, the parent kills the child (by its pid) and the
//! stage gets a timeout; when the child dies, its exit status and the end of its standard
//! error say how. Either way the next job gets a fresh child. Because the worker announces
//! each stage before it starts, the input and stage that were running when the child
//! died are known exactly.

use super::exec::{self, Event, Stage};
use super::mutate::{Input, Lang};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

// ---- the child ------------------------------------------------------------------------------

/// The job header: `job LANG THRESHOLD PASSES LEN`, then LEN bytes of text.
fn job_header(input: &Input) -> String {
    let passes = if input.passes.is_empty() {
        "-"
    } else {
        &input.passes
    };
    let lang = if input.parse_only {
        "ruby-parse-only"
    } else {
        input.lang.name()
    };
    format!(
        "job {} {} {} {}\n",
        lang,
        input.threshold,
        passes,
        input.text.len()
    )
}

/// Reads one job; `None` at the end of the input.
fn read_job(r: &mut impl BufRead) -> Option<Input> {
    let mut header = String::new();
    if r.read_line(&mut header).ok()? == 0 {
        return None;
    }
    let f: Vec<&str> = header.split_whitespace().collect();
    if f.len() != 5 || f[0] != "job" {
        panic!("fuzz worker: bad job header {header:?}");
    }
    let mut text = vec![0; f[4].parse().expect("job length")];
    r.read_exact(&mut text).expect("job text");
    let parse_only = f[1] == "ruby-parse-only";
    let lang = if parse_only { "ruby" } else { f[1] };
    Some(Input {
        parse_only,
        lang: Lang::parse(lang).expect("job language"),
        text: String::from_utf8(text).expect("job text is UTF-8"),
        threshold: f[2].parse().expect("job threshold"),
        passes: if f[3] == "-" {
            String::new()
        } else {
            f[3].into()
        },
        how: String::new(),
    })
}

/// The worker's main loop (`fuzz worker [--fake]`): jobs in, events out, until the end
/// of the standard input.
pub fn serve(fake: bool) {
    exec::install_panic_hook();
    let stdin = std::io::stdin();
    let mut r = stdin.lock();
    let out = Mutex::new(std::io::stdout());
    let emit = |e: Event| {
        let mut o = out.lock().unwrap();
        let _ = writeln!(o, "{}", e.to_line());
        let _ = o.flush();
    };
    while let Some(input) = read_job(&mut r) {
        exec::check(&input, fake, &emit);
    }
}

// ---- the parent -----------------------------------------------------------------------------

/// Deadlines of the stages.
#[derive(Clone, Copy, Debug)]
pub struct Timeouts {
    /// Parsing, compiling, loading and passes: these must always end.
    pub frontend: Duration,
    /// Running a program (which may loop forever on purpose).
    pub run: Duration,
}

impl Timeouts {
    fn of(&self, st: Stage) -> Duration {
        if st.runs_program() {
            self.run
        } else {
            self.frontend
        }
    }
}

/// How the child ended a job.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum End {
    /// It reported `done`.
    Done { accepted: bool },
    /// The stage overran its deadline; the child was killed.
    Timeout(Stage),
    /// The child died during the stage: how (`signal 11 (SIGSEGV)`, `exit status 101`)
    /// and the end of its standard error.
    Died {
        stage: Option<Stage>,
        how: String,
        stderr: String,
    },
}

/// Everything the child said about a job, and how it ended.
#[derive(Clone, Debug)]
pub struct Report {
    pub events: Vec<Event>,
    pub end: End,
    pub elapsed: Duration,
    /// Whether the job was the first its child ran (so a crash cannot come from an
    /// earlier input's leftovers).
    pub alone: bool,
}

impl Report {
    /// Whether rebound accepted the input (even if a later stage then failed).
    pub fn accepted(&self) -> bool {
        self.events.contains(&Event::Accepted)
    }
}

/// A running child.
struct Child_ {
    child: Child,
    stdin: ChildStdin,
    lines: Receiver<String>,
    stderr: Arc<Mutex<Vec<u8>>>,
    stderr_reader: Option<std::thread::JoinHandle<()>>,
}

/// Bytes of a child's standard error kept (the end).
const STDERR_KEEP: usize = 4096;

/// A worker process as seen from the parent: started on first use and after every death.
pub struct Worker {
    exe: PathBuf,
    args: Vec<String>,
    pub timeouts: Timeouts,
    child: Option<Child_>,
    /// Children started so far (the first, and one after each death or kill).
    pub spawned: u64,
    /// Jobs the current child has run.
    ran: u64,
}

impl Worker {
    /// A worker running `exe worker ARGS...`.
    pub fn new(exe: PathBuf, args: Vec<String>, timeouts: Timeouts) -> Worker {
        Worker {
            exe,
            args,
            timeouts,
            child: None,
            spawned: 0,
            ran: 0,
        }
    }

    fn spawn(&mut self) -> &mut Child_ {
        if self.child.is_none() {
            let mut cmd = Command::new(&self.exe);
            // A worker stuck in a hang dies with the campaign thread that owns it.
            super::cruby::die_with_parent(&mut cmd);
            let mut child = cmd
                .arg("worker")
                .args(&self.args)
                // Blocks of 1 MB and more are fresh mappings (see the allocator in
                // src/bin/fuzz.rs): zero without a memset.
                .env("GLIBC_TUNABLES", "glibc.malloc.mmap_threshold=1048576")
                // No backtraces: the end of standard error must keep the message (a
                // stack overflow, a failed allocation), not the frames after it.
                .env("RUST_BACKTRACE", "0")
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap_or_else(|e| panic!("cannot start {}: {e}", self.exe.display()));
            let stdout = child.stdout.take().unwrap();
            let (tx, rx) = std::sync::mpsc::channel();
            std::thread::spawn(move || {
                for line in BufReader::new(stdout).lines() {
                    let Ok(line) = line else { break };
                    if tx.send(line).is_err() {
                        break;
                    }
                }
            });
            let stderr = Arc::new(Mutex::new(Vec::new()));
            let mut err = child.stderr.take().unwrap();
            let keep = stderr.clone();
            let reader = std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                while let Ok(n) = err.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    let mut k = keep.lock().unwrap();
                    k.extend_from_slice(&buf[..n]);
                    if k.len() > 2 * STDERR_KEEP {
                        let cut = k.len() - STDERR_KEEP;
                        k.drain(..cut);
                    }
                }
            });
            let stdin = child.stdin.take().unwrap();
            self.spawned += 1;
            self.ran = 0;
            self.child = Some(Child_ {
                child,
                stdin,
                lines: rx,
                stderr,
                stderr_reader: Some(reader),
            });
        }
        self.child.as_mut().unwrap()
    }

    /// Ends the current child (if any); the next job starts a fresh one.
    pub fn restart(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.child.kill();
            let _ = c.child.wait();
        }
    }

    /// Runs one input in the child.
    pub fn run(&mut self, input: &Input) -> Report {
        let start = Instant::now();
        let timeouts = self.timeouts;
        self.spawn();
        self.ran += 1;
        let alone = self.ran == 1;
        let c = self.child.as_mut().unwrap();
        let sent = c
            .stdin
            .write_all(job_header(input).as_bytes())
            .and_then(|_| c.stdin.write_all(input.text.as_bytes()))
            .and_then(|_| c.stdin.flush());
        let mut events = Vec::new();
        let mut stage = None;
        let mut deadline = start + timeouts.frontend;
        let end = loop {
            if sent.is_err() {
                break self.died(stage);
            }
            let c = self.child.as_mut().unwrap();
            let wait = deadline.saturating_duration_since(Instant::now());
            match c.lines.recv_timeout(wait) {
                Ok(line) => match Event::from_line(&line) {
                    Some(Event::Done { accepted }) => break End::Done { accepted },
                    Some(e) => {
                        if let Event::Stage(st) = e {
                            stage = Some(st);
                            deadline = Instant::now() + timeouts.of(st);
                        }
                        events.push(e);
                    }
                    None => {} // stray output: ignore
                },
                Err(RecvTimeoutError::Timeout) => {
                    self.restart();
                    break End::Timeout(stage.unwrap_or(Stage::Parse));
                }
                Err(RecvTimeoutError::Disconnected) => break self.died(stage),
            }
        };
        Report {
            events,
            end,
            elapsed: start.elapsed(),
            alone,
        }
    }

    /// The child stopped talking: reap it and say how it ended.
    fn died(&mut self, stage: Option<Stage>) -> End {
        let mut c = self.child.take().expect("a child");
        drop(c.stdin);
        let status = match wait_or_kill(&mut c.child, Duration::from_secs(5)) {
            Some(s) => describe_status(s),
            None => "hung after closing its output (killed)".into(),
        };
        if let Some(r) = c.stderr_reader.take() {
            let _ = r.join();
        }
        let stderr = String::from_utf8_lossy(&c.stderr.lock().unwrap()).into_owned();
        End::Died {
            stage,
            how: status,
            stderr: tail(&stderr, 1500),
        }
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.restart();
    }
}

/// The last `n` bytes of `s` (at a character boundary).
fn tail(s: &str, n: usize) -> String {
    let mut i = s.len().saturating_sub(n);
    while !s.is_char_boundary(i) {
        i += 1;
    }
    s[i..].to_string()
}

/// Waits up to `t` for `child` to end; kills it after that (and says `None`).
pub(crate) fn wait_or_kill(child: &mut Child, t: Duration) -> Option<std::process::ExitStatus> {
    let start = Instant::now();
    loop {
        if let Ok(Some(s)) = child.try_wait() {
            return Some(s);
        }
        if start.elapsed() > t {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// `signal 11 (SIGSEGV)` or `exit status 101`.
pub fn describe_status(s: std::process::ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    match (s.signal(), s.code()) {
        (Some(sig), _) => format!("signal {sig} ({})", signal_name(sig)),
        (None, Some(code)) => format!("exit status {code}"),
        _ => "unknown status".into(),
    }
}

fn signal_name(sig: i32) -> &'static str {
    match sig {
        4 => "SIGILL",
        6 => "SIGABRT",
        7 => "SIGBUS",
        8 => "SIGFPE",
        9 => "SIGKILL",
        11 => "SIGSEGV",
        15 => "SIGTERM",
        _ => "?",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_reads_back() {
        let input = Input {
            lang: Lang::Ron,
            text: "a\nb é\n".into(),
            threshold: 7,
            passes: "dce,inline".into(),
            how: String::new(),
            parse_only: false,
        };
        let mut bytes = job_header(&input).into_bytes();
        bytes.extend_from_slice(input.text.as_bytes());
        let mut r = std::io::Cursor::new(bytes);
        let back = read_job(&mut r).unwrap();
        assert_eq!((back.lang, back.text.as_str()), (Lang::Ron, "a\nb é\n"));
        assert_eq!((back.threshold, back.passes.as_str()), (7, "dce,inline"));
        assert!(read_job(&mut r).is_none());
        let only = Input {
            parse_only: true,
            ..Input::ruby("p 1".into(), 2)
        };
        let mut bytes = job_header(&only).into_bytes();
        bytes.extend_from_slice(b"p 1");
        let back = read_job(&mut std::io::Cursor::new(bytes)).unwrap();
        assert!(back.parse_only && back.lang == Lang::Ruby);
    }

    #[test]
    fn the_tail_is_cut_at_a_character() {
        assert_eq!(tail("aé", 1), "");
        assert_eq!(tail("abc", 2), "bc");
    }
}
