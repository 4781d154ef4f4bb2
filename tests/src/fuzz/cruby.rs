//! CRuby as the judge of what is a Ruby program.
//!
//! [`SyntaxChecker`] keeps one `ruby` process that compiles programs sent to it
//! (`RubyVM::InstructionSequence.compile`, which rejects everything `ruby -c` rejects and
//! also what the compiler rejects before a script runs: `Invalid break`, `Invalid yield`,
//! ...), so that checking a mutant costs a pipe round trip instead of starting `ruby`.
//! [`runs_within`] runs a program in CRuby with a deadline, to tell a program that loops
//! forever from one that rebound fails to finish.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

/// The checker's Ruby side: reads `LENGTH\n` and that many bytes, answers `ok` or
/// `err MESSAGE` (the first line of the SyntaxError).
const CHECKER: &str = r#"
$VERBOSE = nil
$stdout.sync = true
$stdin.binmode
while (line = $stdin.gets)
  src = $stdin.read(line.to_i).force_encoding("UTF-8")
  begin
    RubyVM::InstructionSequence.compile(src, "fuzz.rb", "fuzz.rb", 1)
    puts "ok"
  rescue SyntaxError => e
    puts "err " + e.message.lines.first.to_s.chomp
  rescue Exception => e
    puts "err (#{e.class}) " + e.message.lines.first.to_s.chomp
  end
end
"#;

/// What CRuby said about a program's syntax.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    Ok,
    /// Rejected, with the first line of the message.
    Rejected(String),
}

/// How long CRuby may take to compile one program (a 2 MB nest takes it seconds).
const CHECK_TIMEOUT: Duration = Duration::from_secs(20);

/// A long-running `ruby` that checks the syntax of programs.
pub struct SyntaxChecker {
    ruby: PathBuf,
    /// The process, its input, and its answers (read by a thread, so that a deadline can
    /// be kept).
    proc_: Option<(Child, ChildStdin, Receiver<String>)>,
}

impl SyntaxChecker {
    pub fn new(ruby: &Path) -> SyntaxChecker {
        SyntaxChecker {
            ruby: ruby.to_path_buf(),
            proc_: None,
        }
    }

    fn start(&mut self) -> std::io::Result<()> {
        let mut cmd = Command::new(&self.ruby);
        cmd.args(["-e", CHECKER])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        die_with_parent(&mut cmd);
        let mut child = cmd.spawn()?;
        let stdin = child.stdin.take().unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in stdout.lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        self.proc_ = Some((child, stdin, rx));
        Ok(())
    }

    /// CRuby's verdict on `src`. A checker that dies (a deep program can crash the
    /// parser) or takes longer than [`CHECK_TIMEOUT`] is restarted and the program
    /// counted as rejected with that reason.
    pub fn check(&mut self, src: &str) -> Verdict {
        if self.proc_.is_none() {
            self.start().expect("start ruby");
        }
        let (_, stdin, answers) = self.proc_.as_mut().unwrap();
        let sent = write!(stdin, "{}\n", src.len())
            .and_then(|_| stdin.write_all(src.as_bytes()))
            .and_then(|_| stdin.flush());
        let answer = match sent {
            Ok(()) => answers.recv_timeout(CHECK_TIMEOUT),
            Err(_) => Err(RecvTimeoutError::Disconnected),
        };
        match answer {
            Ok(line) if line == "ok" => Verdict::Ok,
            Ok(line) => Verdict::Rejected(line.trim_start_matches("err ").to_string()),
            Err(e) => {
                self.stop();
                let why = match e {
                    RecvTimeoutError::Timeout => "timed out",
                    RecvTimeoutError::Disconnected => "died",
                };
                Verdict::Rejected(format!("(the ruby syntax checker {why})"))
            }
        }
    }

    /// For a program CRuby rejected: whether it accepts it once its byte-order mark is
    /// gone. CRuby 3.1 skips a mark at the start of a file in a way its heredoc reader
    /// does not see (`\u{feff}<<~E` is "can't find string "<" anywhere before EOF"), a
    /// bug of its own, where Prism reads the program as if the mark were not there.
    pub fn bom_misread(&mut self, src: &str) -> bool {
        src.strip_prefix('\u{feff}')
            .is_some_and(|rest| self.check(rest) == Verdict::Ok)
    }

    fn stop(&mut self) {
        if let Some((mut child, stdin, _)) = self.proc_.take() {
            drop(stdin);
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for SyntaxChecker {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Names a fuzzed program must not contain for CRuby to run it: anything that reaches
/// the system (files, processes, the shell, signals), reads the standard input, sleeps
/// or evaluates strings. Mutants come from the corpus and the fragment grammar, so
/// these are unlikely, but a byte flip can make a backtick.
const UNSAFE: &[&str] = &[
    "`",
    "%x",
    "system",
    "exec",
    "spawn",
    "fork",
    "open",
    "File",
    "IO",
    "Dir",
    "Process",
    "syscall",
    "exit",
    "abort",
    "require",
    "load",
    "eval",
    "Kernel",
    "ObjectSpace",
    "Signal",
    "trap",
    "sleep",
    "gets",
    "STDIN",
    "stdin",
    "ARGF",
    "readline",
    "$",
    "binding",
    "send",
    "method",
    "const_get",
    "instance_variable",
    "at_exit",
    "Thread",
    "Fiber",
    "ENV",
    "DATA",
    "__END__",
    "srand",
    "rand",
    "Random",
    "Time",
    "warn",
];

/// Whether `src` may be run by CRuby (see [`UNSAFE`]).
pub fn safe_to_run(src: &str) -> bool {
    !UNSAFE.iter().any(|w| src.contains(w))
}

/// How a program ran in CRuby (see [`runs_within`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RubyRun {
    /// It ended within the deadline.
    Ended,
    /// It was still running at the deadline.
    Running,
    /// CRuby refused it before running it, for a limit of its own: its compiler's
    /// `stack level too deep` (reported without a line: `prog.rb: stack level too deep`),
    /// which the syntax checker, on a thread with another stack, may not have met.
    Limit,
}

/// Runs `src` with CRuby (standard input and output discarded, in a temporary
/// directory of its own); how it ran within `limit`. `None` when it may not be run.
pub fn runs_within(ruby: &Path, src: &str, limit: Duration) -> Option<RubyRun> {
    if !safe_to_run(src) {
        return None;
    }
    // One directory per run: the campaign's threads judge timeouts at the same time, and
    // a shared file let one thread's CRuby run the other thread's program.
    static RUNS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("rebound-fuzz-ruby-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).ok()?;
    let file = dir.join("prog.rb");
    std::fs::write(&file, src).ok()?;
    let errors = dir.join("stderr");
    let run = (|| {
        let mut cmd = Command::new(ruby);
        cmd.arg("--disable-gems")
            .arg(&file)
            .current_dir(&dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&errors).ok()?);
        die_with_parent(&mut cmd);
        let mut child = cmd.spawn().ok()?;
        if super::worker::wait_or_kill(&mut child, limit).is_none() {
            return Some(RubyRun::Running);
        }
        let stderr = std::fs::read_to_string(&errors).unwrap_or_default();
        // Compile-time warnings (`string literal in condition`) come before the error.
        let first = stderr
            .lines()
            .find(|l| !l.contains(": warning: "))
            .unwrap_or("");
        let compile_limit = first.contains("nesting too deep")
            || first.ends_with("prog.rb: stack level too deep (SystemStackError)");
        Some(if compile_limit {
            RubyRun::Limit
        } else {
            RubyRun::Ended
        })
    })();
    let _ = std::fs::remove_dir_all(&dir);
    run
}

extern "C" {
    fn prctl(option: i32, ...) -> i32;
}

/// Linux's `PR_SET_PDEATHSIG`.
const PR_SET_PDEATHSIG: i32 = 1;
/// SIGKILL.
const SIGKILL: u64 = 9;

/// Makes the kernel kill the child when the thread that started it ends: the thread of a
/// campaign that is killed, say. Nothing else stops a worker running a program that
/// hangs, or a syntax checker busy compiling a program that takes CRuby minutes (one went
/// on for half an hour after its campaign was killed): their deadlines are kept by the
/// campaign, and they read the end of their input only when they are done. Each worker,
/// checker and judged run belongs to the campaign thread that started it, which waits
/// for it or owns it to the end.
pub(crate) fn die_with_parent(cmd: &mut Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: `prctl` is async-signal-safe and touches nothing of the parent.
    unsafe {
        cmd.pre_exec(|| {
            if prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_programs_are_not_run() {
        assert!(!safe_to_run("x = `ls`"));
        assert!(!safe_to_run("File.delete('x')"));
        assert!(safe_to_run("p 1 + 2\n"));
    }

    /// What a killed campaign leaves behind: a child that would go on for ever (a hang, a
    /// compile that takes CRuby minutes), with nobody left to keep its deadline. It must
    /// die with the thread that started it.
    #[test]
    fn a_child_dies_with_the_thread_that_started_it() {
        use std::os::unix::process::ExitStatusExt;
        let mut child = std::thread::spawn(|| {
            let mut cmd = Command::new("sh");
            cmd.args(["-c", "while :; do sleep 1; done"]);
            die_with_parent(&mut cmd);
            cmd.spawn().expect("run sh")
        })
        .join()
        .unwrap();
        let status = super::super::worker::wait_or_kill(&mut child, Duration::from_secs(30));
        assert_eq!(
            status.and_then(|s| s.signal()),
            Some(9),
            "killed when its thread ended"
        );
    }

    #[test]
    fn the_checker_tells_valid_from_invalid() {
        let Some(ruby) = crate::differential::which("ruby") else {
            eprintln!("ruby is not installed: skipping the syntax checker test");
            return;
        };
        let mut c = SyntaxChecker::new(&ruby);
        assert_eq!(c.check("p 1\n"), Verdict::Ok);
        assert!(matches!(c.check("p (1\n"), Verdict::Rejected(m) if m.contains("syntax error")));
        assert!(matches!(c.check("break\n"), Verdict::Rejected(m) if m.contains("Invalid break")));
        assert_eq!(c.check("p \"\u{e9}\"\n"), Verdict::Ok);
    }

    /// CRuby's compiler gives up on an expression 20,000 levels deep (`stack level too
    /// deep` before the program runs), also after a warning (a finding: a loop with a
    /// string literal as its condition was judged a hang of rebound's).
    #[test]
    fn a_heredoc_after_a_byte_order_mark_is_a_bug_of_crubys() {
        let Some(ruby) = crate::differential::which("ruby") else {
            eprintln!("ruby is not installed: skipping the byte-order mark test");
            return;
        };
        let mut c = SyntaxChecker::new(&ruby);
        let misread = "\u{feff}<<~E\nE\n";
        assert!(
            matches!(c.check(misread), Verdict::Rejected(_)),
            "CRuby 3.1 rejects it"
        );
        assert!(c.bom_misread(misread));
        assert!(!c.bom_misread("\u{feff}p(\n"), "rejected without the mark");
        assert!(!c.bom_misread("<<~E\n"), "no mark");
    }

    #[test]
    fn a_compile_time_stack_overflow_is_a_limit_of_crubys() {
        let Some(ruby) = crate::differential::which("ruby") else {
            eprintln!("ruby is not installed: skipping the CRuby limit test");
            return;
        };
        let deep = format!("p {}1\n", "1 + ".repeat(20_000));
        let limit = Duration::from_secs(20);
        assert_eq!(runs_within(&ruby, &deep, limit), Some(RubyRun::Limit));
        let warned = format!("x = 1 while \"\"\n{deep}");
        assert_eq!(runs_within(&ruby, &warned, limit), Some(RubyRun::Limit));
        assert_eq!(runs_within(&ruby, "p 1\n", limit), Some(RubyRun::Ended));
    }
}
