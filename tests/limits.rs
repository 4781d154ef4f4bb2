//! Programs that ask for more memory than there is (tests/limits, see its README): the
//! `rebound` binary runs each under a 4 GiB address-space limit, in both tiers, and
//! must give what CRuby gave under the same limit (NoMemoryError, rescued or reported,
//! exit status 0 or 1), never abort or panic.

#![cfg(target_os = "linux")]

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The address-space limit, as `tests/limits/ruby-4g` gives it to CRuby.
const LIMIT: u64 = 4 << 30;

#[repr(C)]
struct RLimit {
    cur: u64,
    max: u64,
}

extern "C" {
    fn setrlimit(resource: i32, limit: *const RLimit) -> i32;
}

/// Linux's `RLIMIT_AS`.
const RLIMIT_AS: i32 = 9;

/// `rebound run ARGS PROGRAM` under the address-space limit: stdout, status, stderr.
fn run_limited(args: &[&str], program: &Path) -> (String, i32, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rebound"));
    cmd.arg("run").args(args).arg(program.file_name().unwrap());
    cmd.current_dir(program.parent().unwrap());
    // SAFETY: `setrlimit` is async-signal-safe and touches nothing of the parent.
    unsafe {
        cmd.pre_exec(|| {
            let limit = RLimit {
                cur: LIMIT,
                max: LIMIT,
            };
            if setrlimit(RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let out = cmd.output().expect("run rebound");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn programs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/limits");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "rb"))
        .collect();
    v.sort();
    v
}

#[test]
fn programs_out_of_memory_give_cruby_output_under_a_4_gib_limit() {
    let programs = programs();
    assert!(programs.len() >= 3);
    let mut failures = vec![];
    for p in &programs {
        let expect = |ext: &str| std::fs::read_to_string(p.with_extension(ext)).unwrap();
        let (stdout, status) = (expect("stdout"), expect("status"));
        let stderr = expect("stderr");
        for args in [
            &["--tier", "interp"][..],
            &["--tier", "opt", "--jit-threshold", "5"],
        ] {
            let (out, code, err) = run_limited(args, p);
            let name = format!(
                "{} {}",
                p.file_name().unwrap().to_string_lossy(),
                args.join(" ")
            );
            if out != stdout {
                failures.push(format!("{name}: stdout\n{out}\nexpected\n{stdout}"));
            }
            if code.to_string() != status.trim() {
                failures.push(format!("{name}: status {code}, expected {status}"));
            }
            if err.lines().next() != stderr.lines().next() {
                failures.push(format!("{name}: stderr {err:?}, expected {stderr:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
