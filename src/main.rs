//! The `rebound` command line: `run`, `dump`, `parse`, `ir`, `passes` and `--help`.
//!
//! Exit status: the program's (0, or 1 after an uncaught exception); 2 for a usage error,
//! a missing or unreadable file, a syntax error or unsupported construct, or a pipeline
//! error.

use rebound::{Config, Engine, EngineError, Tier};

mod alloc;

// mimalloc for small blocks, the system allocator for big ones (see `alloc`).
#[global_allocator]
static GLOBAL: alloc::Allocator = alloc::Allocator;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

const HELP: &str = "\
rebound: speculative optimization with deoptimization, for core Ruby

Usage:
  rebound run [OPTIONS] FILE.rb [ARGS...]   run a program; everything after FILE.rb
                                            (options too) becomes its ARGV
  rebound dump FILE.rb --dump-dir DIR       write each function's IR before and after every pass
  rebound passes                            list the registered passes
  rebound parse FILE.rb                     print the AST as s-expressions
  rebound ir FILE.ron [--passes SPEC]       load a dumped function, verify it, run passes, print it
  rebound --help                            show this help

Options (run and dump):
  --tier interp|opt    execution tier: interp (IR0 only) or opt (speculative versions)
  --jit-threshold N    calls or loop iterations before a version is built (default 1000)
  --deopt-limit N      deopts (or invalidations) after which a function stays in
                       IR0 (default 10)
  --max-version-size N functions of more IR0 instructions get no version (default 10000)
  --trace-deopt        print one line per deopt (function, guard, reason, resume, frames)
  --deopt-stress[=SEED] make every guard fail once (at its first run, or at a seeded one)
  --gc-stress[=N]      collect garbage at every (Nth) safepoint (calls, loop back-edges, handler entries)
                       that follows an allocation
  --print-stats        print versions built, deopts by reason, functions given up
  --spec-passes SPEC   the speculative pipeline as a comma-separated list of passes
  --passes SPEC        IR0 pipeline as a comma-separated list of pass names
  --verify-each        run the IR verifier after every pass
  --dump-dir DIR       write the IR before and after every pass (.ron and .txt)
  --dump-prelude       include the prelude's functions in dumps
  --print-profile      print the interpreter's profile to stderr at exit
  --print-gc-stats     print the collector's counts to stderr at exit
";

struct Cli {
    command: String,
    config: Config,
    file: Option<PathBuf>,
    print_profile: bool,
    print_gc: bool,
    print_stats: bool,
    /// `--help` or `-h` among the options (for `run`, before the program file: after
    /// it, they are the program's arguments).
    help: bool,
}

fn usage_error(msg: &str) -> ExitCode {
    eprintln!("rebound: {msg}");
    eprintln!("Try `rebound --help`.");
    ExitCode::from(2)
}

fn parse_args(args: Vec<String>) -> Result<Cli, String> {
    let mut it = args.into_iter().peekable();
    let command = it.next().ok_or("no command given")?;
    let mut cli = Cli {
        command,
        config: Config::default(),
        file: None,
        print_profile: false,
        print_gc: false,
        print_stats: false,
        help: false,
    };
    while let Some(a) = it.next() {
        if cli.file.is_some() && cli.command == "run" {
            // Everything after the program file is the program's.
            cli.config.argv.push(a);
            continue;
        }
        let mut value = |name: &str| -> Result<String, String> {
            it.next().ok_or_else(|| format!("{name} needs a value"))
        };
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (a.clone(), None),
        };
        match flag.as_str() {
            "--tier" => {
                let v = match inline {
                    Some(v) => v,
                    None => value("--tier")?,
                };
                cli.config.tier = Tier::parse(&v)
                    .ok_or_else(|| format!("unknown tier `{v}' (known: interp, opt)"))?;
            }
            "--passes" => {
                cli.config.passes = Some(match inline {
                    Some(v) => v,
                    None => value("--passes")?,
                })
            }
            "--dump-dir" => {
                cli.config.dump_dir = Some(PathBuf::from(match inline {
                    Some(v) => v,
                    None => value("--dump-dir")?,
                }))
            }
            "--help" | "-h" => cli.help = true,
            "--verify-each" => cli.config.verify_each = true,
            "--dump-prelude" => cli.config.dump_prelude = true,
            "--print-profile" => cli.print_profile = true,
            "--print-gc-stats" => cli.print_gc = true,
            "--print-stats" => cli.print_stats = true,
            "--trace-deopt" => cli.config.trace_deopt = true,
            "--deopt-stress" => {
                cli.config.deopt_stress = Some(match inline {
                    Some(v) => v
                        .parse()
                        .map_err(|_| format!("--deopt-stress takes a number, not `{v}'"))?,
                    None => 0,
                })
            }
            "--gc-stress" => {
                cli.config.gc_stress =
                    Some(match inline {
                        Some(v) => v.parse().ok().filter(|n| *n > 0).ok_or_else(|| {
                            format!("--gc-stress takes a positive number, not `{v}'")
                        })?,
                        None => 1,
                    })
            }
            "--jit-threshold" => {
                let v = match inline {
                    Some(v) => v,
                    None => value("--jit-threshold")?,
                };
                cli.config.threshold = v
                    .parse()
                    .map_err(|_| format!("--jit-threshold takes a number, not `{v}'"))?;
            }
            "--deopt-limit" => {
                let v = match inline {
                    Some(v) => v,
                    None => value("--deopt-limit")?,
                };
                cli.config.deopt_limit = v
                    .parse()
                    .map_err(|_| format!("--deopt-limit takes a number, not `{v}'"))?;
            }
            "--max-version-size" => {
                let v = match inline {
                    Some(v) => v,
                    None => value("--max-version-size")?,
                };
                cli.config.max_version_size = v
                    .parse()
                    .map_err(|_| format!("--max-version-size takes a number, not `{v}'"))?;
            }
            "--spec-passes" => {
                cli.config.spec_passes = Some(match inline {
                    Some(v) => v,
                    None => value("--spec-passes")?,
                })
            }
            f if f.starts_with('-') && f.len() > 1 => return Err(format!("unknown option `{f}'")),
            _ => cli.file = Some(PathBuf::from(a)),
        }
    }
    Ok(cli)
}

fn main() -> ExitCode {
    // The global allocator counts what it hands out (`alloc`): the collector reads it.
    runtime::heap::count_buffers_from_allocator();
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `run` reads its options itself: a `--help` after the program file is the program's.
    if args.is_empty()
        || args.iter().any(|a| a == "--help" || a == "-h") && args[0] != "run"
        || args[0] == "help"
    {
        print!("{HELP}");
        return ExitCode::SUCCESS;
    }
    if args[0] == "parse" && args.len() != 2 {
        return usage_error("parse takes one file: rebound parse FILE.rb");
    }
    if args[0] == "parse" {
        // The AST as s-expressions: for debugging the frontend.
        let src = match std::fs::read_to_string(&args[1]) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("rebound: cannot read {}: {}", args[1], e);
                return ExitCode::from(2);
            }
        };
        return match rebound::with_big_stack(move || frontend::prism::parse(&src)) {
            Ok(p) => {
                write_stdout(&format!("{}\n", p.to_sexp()));
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{}:{e}", args[1]);
                ExitCode::from(2)
            }
        };
    }
    if args[0] == "ir" {
        return ir_command(&args[1..]);
    }
    if args[0] == "passes" {
        for e in passes::registry().entries() {
            println!("{:<12} {}", e.name, e.summary);
        }
        return ExitCode::SUCCESS;
    }
    let cli = match parse_args(args) {
        Ok(c) => c,
        Err(m) => return usage_error(&m),
    };
    if cli.help {
        print!("{HELP}");
        return ExitCode::SUCCESS;
    }
    match cli.command.as_str() {
        "run" | "dump" => {}
        other => return usage_error(&format!("unknown command `{other}'")),
    }
    let Some(file) = cli.file.clone() else {
        return usage_error("no program file given");
    };
    if cli.command == "dump" && cli.config.dump_dir.is_none() {
        return usage_error("dump needs --dump-dir DIR");
    }
    let src = match std::fs::read(&file) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(_) => {
                eprintln!("rebound: {}: not valid UTF-8", file.display());
                return ExitCode::from(2);
            }
        },
        Err(e) => {
            eprintln!("rebound: cannot read {}: {}", file.display(), e);
            return ExitCode::from(2);
        }
    };
    let code = rebound::with_big_stack(move || run(cli, src));
    ExitCode::from(code as u8)
}

fn run(cli: Cli, src: String) -> i32 {
    let file = cli.file.clone().unwrap();
    let name = file.to_string_lossy().to_string();
    let out: Box<dyn Write> = Box::new(std::io::BufWriter::with_capacity(
        1 << 16,
        std::io::stdout(),
    ));
    let mut engine = match Engine::new(cli.config.clone(), out) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("rebound: {e}");
            return 2;
        }
    };
    let main = match engine.compile(&src, &name) {
        Ok(m) => m,
        Err(EngineError::Diagnostic(d)) => {
            eprintln!("{d}");
            return d.exit_status().into();
        }
        Err(e) => {
            eprintln!("rebound: {e}");
            return 2;
        }
    };
    if cli.command == "dump" {
        return 0;
    }
    let outcome = engine.run(main);
    if let Some(msg) = &outcome.error {
        eprintln!("{msg}");
    }
    if cli.print_profile {
        eprint!("{}", engine.profile_report());
    }
    if cli.print_stats {
        eprint!("{}", engine.stats_report());
    }
    if cli.print_gc {
        let s = engine.gc_stats();
        eprintln!(
            "gc: collections={} allocated={} freed={} live_after_last={} live={}",
            s.collections, s.allocated_total, s.freed_total, s.live_after_last, s.live
        );
    }
    outcome.status
}

/// `rebound ir FILE.ron [--passes SPEC]`: loads one function from a RON dump, verifies it,
/// runs the given passes (verifying after each) and prints the result as text.
fn ir_command(args: &[String]) -> ExitCode {
    let mut file = None;
    let mut spec = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--passes" => match it.next() {
                Some(s) => spec = Some(s.clone()),
                None => return usage_error("--passes needs a value"),
            },
            s if s.starts_with("--passes=") => spec = Some(s["--passes=".len()..].to_string()),
            s if s.starts_with('-') => return usage_error(&format!("unknown option `{s}'")),
            s => file = Some(s.to_string()),
        }
    }
    let Some(file) = file else {
        return usage_error("no IR file given");
    };
    let text = match std::fs::read_to_string(&file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("rebound: cannot read {file}: {e}");
            return ExitCode::from(2);
        }
    };
    let mut func = match ir::serial::from_ron(&text) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{file}:{e}");
            return ExitCode::from(2);
        }
    };
    let pm = match &spec {
        Some(s) => match passes::PassManager::from_spec(s) {
            Ok(pm) => pm,
            Err(e) => {
                eprintln!("rebound: {e}");
                return ExitCode::from(2);
            }
        },
        None => passes::PassManager::new(Vec::new()),
    }
    .with_verify_each(true);
    match pm.run(&mut func, &ir::pass::PassContext::empty()) {
        Ok(_) => {
            write_stdout(&format!("{func}"));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!(
                "rebound: {}",
                e.to_string().lines().collect::<Vec<_>>().join("; ")
            );
            ExitCode::from(2)
        }
    }
}

/// Writes a command's output (an AST, a function) to standard output. A reader that went
/// away (`rebound parse big.rb | head`) is not an error of rebound's: the rest of the
/// output is dropped, where `print!` would panic.
fn write_stdout(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|_| out.flush());
}
