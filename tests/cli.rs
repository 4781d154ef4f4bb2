//! The `rebound` command line: help, exit statuses, diagnostics, ARGV and dumps.

use std::path::PathBuf;
use std::process::Command;

fn rebound() -> Command {
    Command::new(env!("CARGO_BIN_EXE_rebound"))
}

fn tmp(name: &str, src: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rebound-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, src).unwrap();
    p
}

#[test]
fn help_lists_commands_and_flags() {
    let out = rebound().arg("--help").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for word in [
        "run",
        "dump",
        "--tier",
        "--passes",
        "--verify-each",
        "--dump-dir",
        "--print-profile",
    ] {
        assert!(text.contains(word), "help does not mention {word}:\n{text}");
    }
}

#[test]
fn runs_a_program_with_argv() {
    let p = tmp("argv.rb", "puts ARGV.size\nputs ARGV[1]\n");
    let out = rebound()
        .arg("run")
        .arg(&p)
        .args(["a", "bee"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "2\nbee\n");
}

#[test]
fn help_of_run_before_the_file_and_argv_after_it() {
    for args in [&["run", "--help"][..], &["run", "--tier", "opt", "-h"][..]] {
        let out = rebound().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("--jit-threshold"), "{args:?}: {text}");
    }
    // After the program file, options are the program's own arguments.
    let p = tmp("argv_opts.rb", "p ARGV\n");
    let out = rebound()
        .arg("run")
        .arg(&p)
        .args(["--help", "--tier", "opt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "[\"--help\", \"--tier\", \"opt\"]\n"
    );
}

#[test]
fn parse_takes_exactly_one_file() {
    let p = tmp("parse_one.rb", "p 1\n");
    let file = p.to_str().unwrap();
    for args in [&[][..], &[file, "extra"][..]] {
        let out = rebound().arg("parse").args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("parse takes one file"), "{args:?}: {err}");
    }
    let out = rebound().arg("parse").arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn uncaught_exception_exits_1_with_cruby_first_line() {
    let p = tmp("boom.rb", "def f\n  raise ArgumentError, \"bad\"\nend\nf\n");
    let out = rebound().arg("run").arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    let first = err.lines().next().unwrap();
    assert!(first.ends_with(":2:in `f': bad (ArgumentError)"), "{first}");
}

#[test]
fn syntax_error_gives_place_caret_and_status_2() {
    let p = tmp("bad.rb", "x = 1\ny = (2 +\n");
    let out = rebound().arg("run").arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = err.lines().collect();
    assert!(lines[0].contains("bad.rb:"), "{err}");
    assert!(
        lines.iter().any(|l| l.trim_end().ends_with('^')),
        "no caret line:\n{err}"
    );
}

#[test]
fn unsupported_construct_names_it() {
    let p = tmp("unsup.rb", "h = {1 => 2}\n");
    let out = rebound().arg("run").arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with(&format!("{}:1:5: unsupported: hash literals", p.display())),
        "{err}"
    );
    // `def self.x` where self is main: CRuby defines a singleton method of main, which
    // rebound does not have; rejected before running, not with an error of its own.
    let p = tmp(
        "unsup_main.rb",
        "puts 1
[1].each do
  def self.x
  end
end
",
    );
    let out = rebound().arg("run").arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with(&format!(
            "{}:3:3: unsupported: `def self.x` at the top level",
            p.display()
        )),
        "{err}"
    );
}

#[test]
fn missing_file_is_one_line_and_status_2() {
    let out = rebound()
        .args(["run", "/nonexistent/x.rb"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn unknown_pass_is_an_error_at_startup() {
    let p = tmp("ok.rb", "puts 1\n");
    let out = rebound()
        .args(["run", "--passes", "dce,nosuchpass"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("nosuchpass"));
}

#[test]
fn dump_writes_ron_and_text_in_pass_order() {
    let p = tmp("dumpme.rb", "def sq(x)\n  x * x\nend\nputs sq(3)\n");
    let dir = std::env::temp_dir().join(format!("rebound-dump-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = rebound()
        .arg("dump")
        .arg(&p)
        .arg("--dump-dir")
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    let sq: Vec<&String> = names
        .iter()
        .filter(|n| n.contains("sq") && n.ends_with(".ron"))
        .collect();
    assert!(sq.len() >= 2, "{names:?}");
    assert!(sq[0].contains(".00-build."), "{names:?}");
    assert!(names
        .iter()
        .any(|n| n.contains("sq") && n.ends_with(".txt")));
    // Every RON file loads back.
    for n in names.iter().filter(|n| n.ends_with(".ron")) {
        let text = std::fs::read_to_string(dir.join(n)).unwrap();
        ir::serial::from_ron(&text).unwrap_or_else(|e| panic!("{n}: {e}"));
    }
}

#[test]
fn ir_command_loads_a_dump_and_rejects_malformed_ron() {
    let p = tmp("irsrc.rb", "def tw(x)\n  y = x\n  y + y\nend\nputs tw(2)\n");
    let dir = std::env::temp_dir().join(format!("rebound-ir-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = rebound()
        .arg("dump")
        .arg(&p)
        .arg("--dump-dir")
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let build = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with("Object_tw.00-build.ron"))
        .expect("a build dump of tw");
    // The build dump loads, and running the IR0 pipeline on it gives the final dump's text.
    let out = rebound()
        .arg("ir")
        .arg(&build)
        .args([
            "--passes",
            "simplifycfg,copyprop,constfold,simplifycfg,copyprop,constfold,dce,simplifycfg",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let last = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.to_string_lossy().contains("Object_tw.")
                && p.extension().map(|x| x == "txt").unwrap_or(false)
        })
        .max()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        std::fs::read_to_string(last).unwrap()
    );
    // Malformed RON: one line naming the place, status 2.
    let bad = tmp("bad.ron", "(id: 3, name: \"x\"");
    let out = rebound().arg("ir").arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with(&format!("{}:1:", bad.display())), "{err}");
    // Well-formed RON that the verifier rejects (a fuzzer finding: a parameter count that
    // overflows once panicked in the verifier): one line naming the problem, status 2.
    let text = std::fs::read_to_string(&build).unwrap();
    for (from, to, says) in [
        (
            "optional: 0",
            "optional: 4294967295",
            "overflow a parameter count",
        ),
        ("entry: 0", "entry: 7", "entry bb7 does not exist"),
    ] {
        assert!(text.contains(from), "the dump has no `{from}`");
        let broken = tmp("broken.ron", &text.replacen(from, to, 1));
        let out = rebound().arg("ir").arg(&broken).output().unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{to}: {err}");
        assert!(err.contains(says), "{to}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    // A version whose block ids are not their indices, with a slot access (a fuzzer
    // finding: the guarded-access check looked the ids up in the dominator tables).
    let ids = tmp(
        "ids.ron",
        r#"(id:1,name:"",ruby_name:"",kind:Method,phase:Speculative,file:"",line:0,params:(required:0,optional:0,auto_splat:false),locals:[],scope:[],lexical_path:[],blocks:[(id:4,params:[],insts:[(ipc:0,dst:Some(0),kind:SelfRef,line:1),(ipc:1,t:e,kind:Guard(check:Class(0,7),resume:(ipc:1,reason:ClassGuard,inline_chain:[],frames:[(func:1,ipc:1,self_val:VersionSelf,block:VersionBlock,outer_scope:VersionOuter,home:0,block_obj:Nil,argc:Version,locals:[],temps:[(0,Temp(0))])])),line:1),(ipc:3,t:e,kind:Branch(cond:2,then_:(block:1,args:[]),else_:(block:2,args:[])),line:1)]),(id:1,params:[],insts:[(ipc:2,dst:Some(8),kind:SelfRef,line:2),(ipc:3,d:(),kind:IvarLoad(obj:8,name:"",slot:0),line:2)])],entry:0,next_temp:6,next_ipc:1,deleted:(entries:[]))"#,
    );
    for passes in [None, Some("simplifycfg")] {
        let mut cmd = rebound();
        cmd.arg("ir").arg(&ids);
        if let Some(p) = passes {
            cmd.arg("--passes").arg(p);
        }
        let out = cmd.output().unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains("block at index 0 has id bb4"), "{err}");
    }
}

#[test]
fn print_profile_shows_receiver_classes_and_operand_types() {
    let p = tmp("prof.rb", "class A\n  def f(x)\n    x * 2.5\n  end\nend\na = A.new\ni = 0\nwhile i < 10\n  a.f(i)\n  i += 1\nend\n");
    let out = rebound()
        .arg("run")
        .arg("--print-profile")
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.lines().any(|l| l.contains("call f: A:10")), "{err}");
    assert!(
        err.lines()
            .any(|l| l.contains("op *: lhs=Integer rhs=Float")),
        "{err}"
    );
    assert!(
        err.lines()
            .any(|l| l.contains("op <: lhs=Integer rhs=Integer")),
        "{err}"
    );
}

/// The example that docs/opt-tier.md walks through does what the document says.
#[test]
fn opt_tour_example_deopts_as_documented() {
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/opt_tour.rb");
    let interp = rebound()
        .args(["run", "--tier", "interp", example])
        .output()
        .unwrap();
    let opt = rebound()
        .args([
            "run",
            "--tier",
            "opt",
            "--jit-threshold",
            "100",
            "--trace-deopt",
            "--print-stats",
            example,
        ])
        .output()
        .unwrap();
    assert!(interp.status.success() && opt.status.success());
    assert_eq!(opt.stdout, interp.stdout);
    let err = String::from_utf8_lossy(&opt.stderr);
    assert!(
        err.lines().next().unwrap_or("").starts_with(
            "deopt: fn19 Object#total guard @6 reason type_guard resume fn20 block in total @6 frames 3"
        ),
        "{err}"
    );
    // The document shows the whole of stderr: the trace and the statistics.
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/opt-tier.md")).unwrap();
    let shown = doc
        .split_once("prints the program's output, then (on stderr):\n\n```\n")
        .and_then(|(_, rest)| rest.split_once("```"))
        .map(|(block, _)| block)
        .expect("docs/opt-tier.md shows the example's stderr");
    assert_eq!(err, shown, "docs/opt-tier.md shows another stderr");
}

#[test]
fn a_speculative_pipeline_with_unbox_and_no_assumeguard_is_refused_at_startup() {
    let p = tmp("spec.rb", "p 1\n");
    let out = rebound()
        .args([
            "run",
            "--tier",
            "opt",
            "--spec-passes",
            "inline,typeguard,mem2reg,unbox",
        ])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("`unbox` needs `assumeguard` before it"),
        "{err}"
    );
}

#[test]
fn redefining_an_unboxed_operator_invalidates_the_running_version() {
    // The loop is entered through OSR with `i * 3` unboxed; the redefinition comes from a
    // call inside the loop, and the very next `*` must be the new one.
    let p = tmp(
        "redef2.rb",
        "s = 0\ni = 0\nwhile i < 3000\n  if i == 2000\n    class Integer\n      def *(o)\n        42\n      end\n    end\n  end\n  s += i * 3\n  i += 1\nend\np s\n",
    );
    let out = rebound()
        .args([
            "run",
            "--tier",
            "opt",
            "--jit-threshold",
            "100",
            "--trace-deopt",
        ])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    // CRuby prints 6039000: the sum of i*3 for i < 2000, then 42 for each of the rest.
    let want: i64 = (0..2000).map(|i| i * 3).sum::<i64>() + 42 * 1000;
    assert_eq!(String::from_utf8(out.stdout).unwrap(), format!("{want}\n"));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("invalidate: ") && err.contains("(Integer#*)"),
        "{err}"
    );
    assert!(err.contains("reason invalidated(Integer#*)"), "{err}");
}

#[test]
fn gc_stress_flag_takes_a_positive_count() {
    let p = tmp("gc.rb", "a = []\n300.times { |i| a << i.to_s }\np a.size\n");
    for flag in ["--gc-stress", "--gc-stress=3"] {
        let out = rebound().args(["run", flag]).arg(&p).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{flag}");
        assert_eq!(String::from_utf8(out.stdout).unwrap(), "300\n");
    }
    let out = rebound()
        .args(["run", "--gc-stress=0"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn buffers_grown_after_their_object_was_made_trigger_collections() {
    // Each array is made empty and then filled (`Array.new(n, x)` runs `initialize`),
    // so only the binary's allocator sees its 800 KB: the collector must count them
    // (40 dead arrays, 32 MB of garbage, and no object count anywhere near a threshold).
    let p = tmp(
        "grown.rb",
        "i = 0\nwhile i < 40\n  a = Array.new(100_000, i)\n  i += 1\nend\nputs a.size\n",
    );
    let out = rebound()
        .args(["run", "--print-gc-stats"])
        .arg(&p)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), "100000\n");
    let err = String::from_utf8_lossy(&out.stderr);
    let collections: u64 = err
        .split_whitespace()
        .find_map(|w| w.strip_prefix("collections="))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no gc stats in {err}"));
    assert!(collections >= 1, "{err}");
}

/// `rebound parse big.rb | head`: the reader goes away before the AST is written. That
/// ends the command quietly; it once panicked ("failed printing to stdout").
#[test]
fn a_reader_that_goes_away_is_not_a_panic() {
    let src = "p [1, 2, 3]\n".repeat(20_000); // an AST bigger than a pipe's buffer
    let p = tmp("big_ast.rb", &src);
    let mut child = rebound()
        .arg("parse")
        .arg(&p)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader closes its end at once
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(0), "{err}");
}
