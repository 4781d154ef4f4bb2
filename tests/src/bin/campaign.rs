//! `campaign`: runs generated programs against the `rebound` binary (as subprocesses, so
//! crashes and hangs are caught), compares every sampled configuration with the reference
//! `--tier interp`, and `interp` with CRuby when `ruby` is on PATH. Resumable (a state
//! file keeps the next seed and the counts); failing programs go to a findings directory
//! and are shrunk. See tests/gen/README.md.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tests::differential::{self as d, Kind, Outcome, Variant};
use tests::shrink::{self, Budget};

const HELP: &str = "\
campaign: differential testing of rebound with generated programs

Usage: campaign [OPTIONS]

Seeds:
  --from N           first seed (default: resume from the state file, else 0)
  --count N          run N programs (default 1000); or
  --to N             stop before seed N
  --seed N           run one seed against every kind of configuration and shrink what fails
  --fresh            ignore an existing state file (start over)

Where:
  --rebound PATH     the rebound binary (default target/release/rebound)
  --ruby PATH        CRuby (default: `ruby` on PATH); --no-ruby to skip it
  --state FILE       state file (default tests/gen/campaign.state)
  --findings DIR     failing programs and reports (default tests/gen/findings)

How:
  --jobs N           programs run in parallel (default 2)
  --configs N        configurations sampled per program (default 4)
  --timeout SECS     per run (default 20)
  --no-shrink        do not shrink findings
  --shrink-limit N   shrink at most N findings per kind of mismatch (default 3)
  --shrink-time SECS time budget of one shrink (default 180)

Programs:
  --no-core-redef    generate no redefinition or aliasing of core methods
  --no-user-redef    generate no redefinition of user methods mid-run
  --no-blocks-in-methods  no blocks inside methods (methods loop or yield directly)
  --no-nonlocal-return    no `return` from inside a block
";

#[derive(Clone)]
struct Opts {
    from: Option<u64>,
    count: Option<u64>,
    to: Option<u64>,
    seed: Option<u64>,
    fresh: bool,
    rebound: PathBuf,
    ruby: Option<PathBuf>,
    no_ruby: bool,
    state: PathBuf,
    findings: PathBuf,
    jobs: usize,
    configs: usize,
    timeout: Duration,
    shrink: bool,
    shrink_limit: usize,
    shrink_time: Duration,
    gen: tests::gen::Options,
}

fn parse_opts() -> Result<Opts, String> {
    let mut o = Opts {
        from: None,
        count: None,
        to: None,
        seed: None,
        fresh: false,
        rebound: PathBuf::from("target/release/rebound"),
        ruby: None,
        no_ruby: false,
        state: PathBuf::from("tests/gen/campaign.state"),
        findings: PathBuf::from("tests/gen/findings"),
        jobs: 2,
        configs: 4,
        timeout: Duration::from_secs(20),
        shrink: true,
        shrink_limit: 3,
        shrink_time: Duration::from_secs(180),
        gen: tests::gen::Options::default(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut val = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        let num = |s: String, name: &str| {
            s.parse::<u64>()
                .map_err(|_| format!("{name} takes a number, not `{s}'"))
        };
        match a.as_str() {
            "--from" => o.from = Some(num(val("--from")?, "--from")?),
            "--count" => o.count = Some(num(val("--count")?, "--count")?),
            "--to" => o.to = Some(num(val("--to")?, "--to")?),
            "--seed" => o.seed = Some(num(val("--seed")?, "--seed")?),
            "--fresh" => o.fresh = true,
            "--rebound" => o.rebound = PathBuf::from(val("--rebound")?),
            "--ruby" => o.ruby = Some(PathBuf::from(val("--ruby")?)),
            "--no-ruby" => o.no_ruby = true,
            "--state" => o.state = PathBuf::from(val("--state")?),
            "--findings" => o.findings = PathBuf::from(val("--findings")?),
            "--jobs" => o.jobs = num(val("--jobs")?, "--jobs")?.max(1) as usize,
            "--configs" => o.configs = num(val("--configs")?, "--configs")?.max(1) as usize,
            "--timeout" => {
                o.timeout = Duration::from_secs(num(val("--timeout")?, "--timeout")?.max(1))
            }
            "--no-shrink" => o.shrink = false,
            "--no-core-redef" => o.gen.core_redefinition = false,
            "--no-user-redef" => o.gen.user_redefinition = false,
            "--no-blocks-in-methods" => o.gen.blocks_in_methods = false,
            "--no-nonlocal-return" => o.gen.nonlocal_return = false,
            "--shrink-limit" => {
                o.shrink_limit = num(val("--shrink-limit")?, "--shrink-limit")? as usize
            }
            "--shrink-time" => {
                o.shrink_time = Duration::from_secs(num(val("--shrink-time")?, "--shrink-time")?)
            }
            "-h" | "--help" => {
                print!("{HELP}");
                std::process::exit(0);
            }
            x => return Err(format!("unknown option `{x}'")),
        }
    }
    Ok(o)
}

/// The counts a campaign keeps (and the state file holds).
#[derive(Default, Clone, Debug)]
struct Counts {
    next_seed: u64,
    end_seed: u64,
    programs: u64,
    configs: u64,
    ruby_runs: u64,
    /// Programs with at least one mismatch.
    failing_programs: u64,
    /// Programs CRuby did not run to the end (generator bugs).
    invalid: u64,
    /// "interp-vs-ruby/stdout", "opt/crash" ... -> count.
    mismatches: BTreeMap<String, u64>,
    findings: u64,
    shrunk: u64,
    /// Shrinks done per shrink key (for --shrink-limit across resumes).
    shrink_keys: BTreeMap<String, u64>,
    elapsed_secs: u64,
}

impl Counts {
    fn load(path: &Path) -> Option<Counts> {
        let text = std::fs::read_to_string(path).ok()?;
        let mut c = Counts::default();
        for line in text.lines() {
            let Some((k, v)) = line.split_once('=') else {
                continue;
            };
            let n: u64 = v.trim().parse().unwrap_or(0);
            match k.trim() {
                "next_seed" => c.next_seed = n,
                "end_seed" => c.end_seed = n,
                "programs" => c.programs = n,
                "configs" => c.configs = n,
                "ruby_runs" => c.ruby_runs = n,
                "failing_programs" => c.failing_programs = n,
                "invalid" => c.invalid = n,
                "findings" => c.findings = n,
                "shrunk" => c.shrunk = n,
                "elapsed_secs" => c.elapsed_secs = n,
                k if k.starts_with("mismatch ") => {
                    c.mismatches.insert(k["mismatch ".len()..].to_string(), n);
                }
                k if k.starts_with("shrink_key ") => {
                    c.shrink_keys
                        .insert(k["shrink_key ".len()..].to_string(), n);
                }
                _ => {}
            }
        }
        Some(c)
    }

    fn save(&self, path: &Path) {
        let mut s =
            String::from("# rebound generator campaign state (tests/src/bin/campaign.rs)\n");
        s += &format!("next_seed={}\nend_seed={}\n", self.next_seed, self.end_seed);
        s += &format!(
            "programs={}\nconfigs={}\nruby_runs={}\n",
            self.programs, self.configs, self.ruby_runs
        );
        s += &format!(
            "failing_programs={}\ninvalid={}\n",
            self.failing_programs, self.invalid
        );
        s += &format!(
            "findings={}\nshrunk={}\nelapsed_secs={}\n",
            self.findings, self.shrunk, self.elapsed_secs
        );
        for (k, v) in &self.mismatches {
            s += &format!("mismatch {k}={v}\n");
        }
        for (k, v) in &self.shrink_keys {
            s += &format!("shrink_key {k}={v}\n");
        }
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let tmp = path.with_extension("tmp");
        if std::fs::write(&tmp, s).is_ok() {
            let _ = std::fs::rename(&tmp, path);
        }
    }

    fn report(&self) -> String {
        let mut s = String::new();
        s += &format!("programs run: {}\n", self.programs);
        s += &format!(
            "configurations run: {} (plus {} reference runs and {} CRuby runs)\n",
            self.configs, self.programs, self.ruby_runs
        );
        s += &format!("programs with a mismatch: {}\n", self.failing_programs);
        s += &format!(
            "programs CRuby did not run cleanly (generator bugs): {}\n",
            self.invalid
        );
        if self.mismatches.is_empty() {
            s += "mismatches: none\n";
        } else {
            s += "mismatches by kind:\n";
            for (k, v) in &self.mismatches {
                s += &format!("  {k}: {v}\n");
            }
        }
        s += &format!(
            "findings written: {} ({} shrunk)\n",
            self.findings, self.shrunk
        );
        s += &format!("time: {} s\n", self.elapsed_secs);
        s
    }
}

/// A difference found on one program.
struct Finding {
    /// "interp-vs-ruby" or the configuration's kind ("opt", "deopt-stress-first"...).
    side: String,
    kind: Kind,
    /// The configuration, or None for interp vs CRuby.
    variant: Option<Variant>,
    detail: String,
    /// The reference itself did not end normally (a configuration compared with a failing
    /// reference): not shrunk, the reference's own finding is.
    reference_failed: bool,
    /// The first stderr line of the run that differed (the reference's for interp vs CRuby).
    got_stderr: String,
}

impl Finding {
    fn key(&self) -> String {
        format!("{}/{}", self.side, self.kind.name())
    }
}

struct Ctx {
    opts: Opts,
    ruby: Option<PathBuf>,
    tmp: PathBuf,
    counts: Mutex<Counts>,
    shrinking: AtomicUsize,
}

fn kind_of(v: &Variant) -> &'static str {
    if v.tier == rebound::Tier::Interp {
        return "interp-gc-stress";
    }
    if v.drop_pass.is_some() {
        return "drop-pass";
    }
    match (v.deopt_stress, v.gc_stress) {
        (Some(_), Some(_)) => "gc+deopt-stress",
        (Some(0), None) => "deopt-stress-first",
        (Some(_), None) => "deopt-stress-seeded",
        (None, Some(_)) => "gc-stress",
        _ => "opt",
    }
}

fn normal(o: &Outcome) -> bool {
    o.crash.is_none() && !o.timed_out && o.status == 0 && o.stderr_first.is_empty()
}

fn run_variant(ctx: &Ctx, v: &Variant, file: &Path, timeout: Duration) -> Outcome {
    d::run_subprocess(&ctx.opts.rebound, &v.cli_args(), file, timeout)
}

/// Runs one seed: CRuby, the reference, the configurations. Returns the findings.
fn run_seed(ctx: &Ctx, seed: u64, variants: &[Variant]) -> (Vec<Finding>, bool, usize) {
    let src = tests::gen::generate_with(seed, &ctx.opts.gen);
    let file = ctx.tmp.join(format!("gen{seed}.rb"));
    std::fs::write(&file, &src).expect("write the program");
    let mut findings = Vec::new();
    let reference = Variant::reference();
    let want = run_variant(ctx, &reference, &file, ctx.opts.timeout);
    let mut ruby_ran = false;
    if let Some(ruby) = &ctx.ruby {
        ruby_ran = true;
        let r = d::run_ruby(ruby, &file, ctx.opts.timeout);
        if !normal(&r) {
            findings.push(Finding {
                side: "invalid".into(),
                kind: if r.timed_out {
                    Kind::Timeout
                } else {
                    Kind::Status
                },
                variant: None,
                reference_failed: false,
                got_stderr: String::new(),
                detail: format!(
                    "CRuby did not run the program cleanly: status {} stderr {:?}{}",
                    r.status,
                    r.stderr_first,
                    if r.timed_out { " (timeout)" } else { "" }
                ),
            });
            let _ = std::fs::remove_file(&file);
            return (findings, ruby_ran, 0);
        }
        if let Some(m) = d::compare(&r, &want) {
            findings.push(Finding {
                side: "interp-vs-ruby".into(),
                kind: m.kind,
                variant: None,
                reference_failed: false,
                got_stderr: want.stderr_first.clone(),
                detail: m.detail,
            });
        }
    } else if !normal(&want) {
        findings.push(Finding {
            side: "interp-vs-ruby".into(),
            kind: if want.crash.is_some() {
                Kind::Crash
            } else if want.timed_out {
                Kind::Timeout
            } else {
                Kind::Status
            },
            variant: None,
            reference_failed: false,
            got_stderr: want.stderr_first.clone(),
            detail: format!(
                "the reference did not end normally: status {} {:?}",
                want.status, want.stderr_first
            ),
        });
    }
    let mut nconfigs = 0;
    // Without a usable reference there is nothing to compare the configurations with.
    if want.crash.is_none() && !want.timed_out {
        for v in variants {
            nconfigs += 1;
            let got = run_variant(ctx, v, &file, ctx.opts.timeout);
            if let Some(m) = d::compare(&want, &got) {
                findings.push(Finding {
                    side: kind_of(v).to_string(),
                    kind: m.kind,
                    variant: Some(v.clone()),
                    reference_failed: !normal(&want),
                    got_stderr: got.stderr_first.clone(),
                    detail: m.detail,
                });
            }
        }
    }
    let _ = std::fs::remove_file(&file);
    (findings, ruby_ran, nconfigs)
}

/// Shrinks the program of `seed` for one finding; returns the shrunk program and a
/// report of its expected vs got.
fn shrink_finding(ctx: &Ctx, seed: u64, src: &str, f: &Finding) -> Option<(String, String)> {
    let dir = ctx
        .tmp
        .join(format!("shrink{seed}-{}", f.key().replace('/', "-")));
    std::fs::create_dir_all(&dir).ok()?;
    let file = dir.join(format!("gen{seed}.rb"));
    let reference = Variant::reference();
    let short = Duration::from_secs(5);
    // Did the original's interp agree with CRuby? Then candidates must too.
    let orig_interp_ok = match (&ctx.ruby, &f.variant) {
        (Some(ruby), Some(_)) => {
            std::fs::write(&file, src).ok()?;
            let r = d::run_ruby(ruby, &file, short);
            let i = run_variant(ctx, &reference, &file, short);
            d::compare(&r, &i).is_none()
        }
        _ => false,
    };
    // An error must stay the same error (message and class), wherever it is raised.
    let want_sig = error_signature(&f.got_stderr);
    let same_error =
        |line: &str| matches!(f.kind, Kind::Stdout) || error_signature(line) == want_sig;
    let mut test = |cand: &str| -> bool {
        if std::fs::write(&file, cand).is_err() {
            return false;
        }
        let r = match &ctx.ruby {
            Some(ruby) => {
                let r = d::run_ruby(ruby, &file, short);
                if !normal(&r) {
                    return false;
                }
                Some(r)
            }
            None => None,
        };
        let i = run_variant(ctx, &reference, &file, short);
        match &f.variant {
            None => {
                let Some(r) = r else {
                    // Without CRuby: the reference itself must fail the same way.
                    return !normal(&i)
                        && d::compare(&Outcome::default(), &i).map(|m| m.kind) == Some(f.kind);
                };
                d::compare(&r, &i).map(|m| m.kind) == Some(f.kind) && same_error(&i.stderr_first)
            }
            Some(v) => {
                if !normal(&i) {
                    return false;
                }
                if orig_interp_ok {
                    if let Some(r) = &r {
                        if d::compare(r, &i).is_some() {
                            return false;
                        }
                    }
                }
                let t = (i.elapsed * 10).max(short).min(ctx.opts.timeout);
                let g = run_variant(ctx, v, &file, t);
                d::compare(&i, &g).map(|m| m.kind) == Some(f.kind) && same_error(&g.stderr_first)
            }
        }
    };
    let budget = Budget {
        max_tests: 800,
        max_time: ctx.opts.shrink_time,
    };
    let r = shrink::shrink(src, budget, &mut test);
    // Expected vs got on the shrunk program.
    std::fs::write(&file, &r.program).ok()?;
    let mut report = format!(
        "shrunk from {} to {} lines in {} tests{}\n",
        r.lines_before,
        r.lines_after,
        r.tests,
        if r.exhausted {
            " (budget exhausted)"
        } else {
            ""
        }
    );
    let i = run_variant(ctx, &reference, &file, ctx.opts.timeout);
    match &f.variant {
        None => {
            if let Some(ruby) = &ctx.ruby {
                let rr = d::run_ruby(ruby, &file, ctx.opts.timeout);
                report += &format!("expected (CRuby) stdout:\n{}\n", indent(&rr.stdout));
                report += &format!(
                    "got (rebound --tier interp) stdout:\n{}\n",
                    indent(&i.stdout)
                );
                if let Some(m) = d::compare(&rr, &i) {
                    report += &format!("difference: {}: {}\n", m.kind.name(), m.detail);
                }
            }
        }
        Some(v) => {
            let g = run_variant(ctx, v, &file, ctx.opts.timeout);
            report += &format!(
                "expected (rebound --tier interp) stdout:\n{}\n",
                indent(&i.stdout)
            );
            report += &format!("got ({}) stdout:\n{}\n", v.label(), indent(&g.stdout));
            if !g.stderr_first.is_empty() || g.crash.is_some() || g.timed_out {
                report += &format!(
                    "got stderr: {:?} status {} crash {:?} timeout {}\n",
                    g.stderr_first, g.status, g.crash, g.timed_out
                );
            }
            if let Some(m) = d::compare(&i, &g) {
                report += &format!("difference: {}: {}\n", m.kind.name(), m.detail);
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    Some((r.program, report))
}

/// An uncaught exception's message and class, without its place
/// (`gen.rb:12:in `calc': boom (RuntimeError)` -> `boom (RuntimeError)`).
fn error_signature(line: &str) -> String {
    let line = d::normalize(line);
    match line.find("': ") {
        Some(k) => line[k + 3..].to_string(),
        None => line.chars().filter(|c| !c.is_ascii_digit()).collect(),
    }
}

fn indent(s: &str) -> String {
    let lines: Vec<&str> = s.lines().collect();
    let shown: Vec<String> = lines.iter().take(40).map(|l| format!("    {l}")).collect();
    let mut out = shown.join("\n");
    if lines.len() > 40 {
        out += &format!("\n    ... ({} more lines)", lines.len() - 40);
    }
    out
}

fn slug(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '=' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Records a seed's findings: counts, files, shrinks.
fn record(ctx: &Ctx, seed: u64, findings: Vec<Finding>) {
    if findings.is_empty() {
        return;
    }
    let src = tests::gen::generate_with(seed, &ctx.opts.gen);
    let _ = std::fs::create_dir_all(&ctx.opts.findings);
    let prog = ctx.opts.findings.join(format!("seed-{seed}.rb"));
    let _ = std::fs::write(&prog, &src);
    {
        let mut c = ctx.counts.lock().unwrap();
        c.failing_programs += 1;
        for f in &findings {
            if f.side == "invalid" {
                c.invalid += 1;
            }
            *c.mismatches.entry(f.key()).or_insert(0) += 1;
        }
    }
    for (n, f) in findings.iter().enumerate() {
        let label = f.variant.as_ref().map(|v| v.label()).unwrap_or_else(|| {
            if f.side == "invalid" {
                "ruby".into()
            } else {
                "interp vs CRuby".into()
            }
        });
        let cmd = match &f.variant {
            Some(v) => v.command_line(&format!("seed-{seed}.rb")),
            None => format!(
                "ruby --disable-error_highlight --disable-did_you_mean seed-{seed}.rb; rebound run --tier interp seed-{seed}.rb"
            ),
        };
        println!(
            "seed {seed} [{label}] {}: {}",
            f.key(),
            f.detail.lines().next().unwrap_or("")
        );
        let mut report = format!(
            "seed: {seed}\nprogram: {}\nmismatch: {}\nconfiguration: {label}\ncommand: {cmd}\n\n{}\n",
            gen_command(seed, &ctx.opts.gen),
            f.key(),
            f.detail
        );
        let base = format!("seed-{seed}.{n}.{}", slug(&f.key()));
        if f.reference_failed {
            report += "\nnot shrunk: the reference (--tier interp) did not end normally on this program either\n";
        }
        let may_shrink = ctx.opts.shrink && f.side != "invalid" && !f.reference_failed && {
            let mut c = ctx.counts.lock().unwrap();
            let e = c.shrink_keys.entry(f.key()).or_insert(0);
            if (*e as usize) < ctx.opts.shrink_limit {
                *e += 1;
                true
            } else {
                false
            }
        };
        if may_shrink {
            ctx.shrinking.fetch_add(1, Ordering::SeqCst);
            let start = Instant::now();
            if let Some((small, rep)) = shrink_finding(ctx, seed, &src, f) {
                let _ = std::fs::write(ctx.opts.findings.join(format!("{base}.shrunk.rb")), &small);
                report += &format!(
                    "\n--- shrunk ({:.0} s): {base}.shrunk.rb\n{rep}",
                    start.elapsed().as_secs_f64()
                );
                ctx.counts.lock().unwrap().shrunk += 1;
                println!(
                    "  shrunk to {} lines: {}",
                    small.lines().count(),
                    ctx.opts
                        .findings
                        .join(format!("{base}.shrunk.rb"))
                        .display()
                );
            }
            ctx.shrinking.fetch_sub(1, Ordering::SeqCst);
        }
        let _ = std::fs::write(ctx.opts.findings.join(format!("{base}.txt")), report);
        ctx.counts.lock().unwrap().findings += 1;
    }
}

fn main() {
    let opts = match parse_opts() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("campaign: {e}\n\n{HELP}");
            std::process::exit(2);
        }
    };
    if !opts.rebound.is_file() {
        eprintln!(
            "campaign: no rebound binary at {} (build it with `cargo build --release`, or pass --rebound)",
            opts.rebound.display()
        );
        std::process::exit(2);
    }
    let ruby = if opts.no_ruby {
        println!("CRuby comparison disabled (--no-ruby): interp is not compared with ruby");
        None
    } else if let Some(r) = &opts.ruby {
        Some(r.clone())
    } else {
        match d::which("ruby") {
            Some(r) => Some(r),
            None => {
                println!("NOTE: `ruby` is not on PATH: interp is NOT compared with CRuby (only opt configurations with interp)");
                None
            }
        }
    };
    if let Some(r) = &ruby {
        println!("comparing interp with CRuby: {}", r.display());
    }
    let tmp = std::env::temp_dir().join(format!("rebound-campaign-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).expect("temporary directory");

    // A single seed, every kind of configuration.
    if let Some(seed) = opts.seed {
        let ctx = Ctx {
            opts: Opts {
                shrink_limit: usize::MAX,
                ..opts.clone()
            },
            ruby,
            tmp: tmp.clone(),
            counts: Mutex::new(Counts::default()),
            shrinking: AtomicUsize::new(0),
        };
        let variants = d::all_variant_kinds(seed);
        let start = Instant::now();
        let (f, ruby_ran, n) = run_seed(&ctx, seed, &variants);
        {
            let mut c = ctx.counts.lock().unwrap();
            c.programs = 1;
            c.configs = n as u64;
            c.ruby_runs = ruby_ran as u64;
        }
        if f.is_empty() {
            println!("seed {seed}: no mismatch in {n} configurations");
        }
        record(&ctx, seed, f);
        ctx.counts.lock().unwrap().elapsed_secs = start.elapsed().as_secs();
        print!("{}", ctx.counts.lock().unwrap().report());
        let _ = std::fs::remove_dir_all(&tmp);
        return;
    }

    let mut counts = if opts.fresh {
        None
    } else {
        Counts::load(&opts.state)
    }
    .unwrap_or_default();
    let resumed = counts.programs > 0 || counts.next_seed > 0;
    if let Some(f) = opts.from {
        if !resumed || opts.fresh {
            counts.next_seed = f;
        } else if f != counts.next_seed {
            println!(
                "state file {} says the next seed is {}; --from {f} ignored (use --fresh to start over)",
                opts.state.display(),
                counts.next_seed
            );
        }
    }
    if let Some(t) = opts.to {
        counts.end_seed = t;
    } else if let Some(n) = opts.count {
        counts.end_seed = counts.next_seed + n;
    } else if counts.end_seed <= counts.next_seed {
        counts.end_seed = counts.next_seed + 1000;
    }
    if resumed {
        println!(
            "resuming from {}: seed {} of ..{} ({} programs so far)",
            opts.state.display(),
            counts.next_seed,
            counts.end_seed,
            counts.programs
        );
    } else {
        println!("seeds {}..{}", counts.next_seed, counts.end_seed);
    }
    let base_elapsed = counts.elapsed_secs;
    let ctx = Ctx {
        opts: opts.clone(),
        ruby,
        tmp: tmp.clone(),
        counts: Mutex::new(counts),
        shrinking: AtomicUsize::new(0),
    };
    let start = Instant::now();
    let batch = (opts.jobs * 8) as u64;
    let mut last_print = Instant::now();
    loop {
        let (from, to) = {
            let c = ctx.counts.lock().unwrap();
            (c.next_seed, c.end_seed)
        };
        if from >= to {
            break;
        }
        let seeds: Vec<u64> = (from..(from + batch).min(to)).collect();
        let results = tests::parallel_map(&seeds, opts.jobs, |&seed| {
            let variants = d::sample_variants(seed, opts.configs);
            let (f, ruby_ran, n) = run_seed(&ctx, seed, &variants);
            record(&ctx, seed, f);
            (ruby_ran, n)
        });
        {
            let mut c = ctx.counts.lock().unwrap();
            for (ruby_ran, n) in results {
                c.programs += 1;
                c.configs += n as u64;
                c.ruby_runs += ruby_ran as u64;
            }
            c.next_seed = seeds.last().unwrap() + 1;
            c.elapsed_secs = base_elapsed + start.elapsed().as_secs();
            c.save(&opts.state);
            if last_print.elapsed() > Duration::from_secs(30) {
                last_print = Instant::now();
                let bad: u64 = c.mismatches.values().sum();
                println!(
                    "[{}] next seed {}: {} programs, {} configurations, {} mismatches, {} s",
                    chrono_free_now(),
                    c.next_seed,
                    c.programs,
                    c.configs,
                    bad,
                    c.elapsed_secs
                );
            }
        }
    }
    let c = ctx.counts.lock().unwrap();
    c.save(&opts.state);
    println!("\ncampaign finished: seeds up to {}", c.next_seed);
    print!("{}", c.report());
    println!(
        "state: {}\nfindings: {}",
        opts.state.display(),
        opts.findings.display()
    );
    let _ = std::fs::remove_dir_all(&tmp);
}

/// The command that writes the program of `seed`.
fn gen_command(seed: u64, g: &tests::gen::Options) -> String {
    let mut c = format!("cargo run --release -p tests --bin gen -- {seed}");
    if !g.core_redefinition {
        c += " --no-core-redef";
    }
    if !g.user_redefinition {
        c += " --no-user-redef";
    }
    if !g.blocks_in_methods {
        c += " --no-blocks-in-methods";
    }
    if !g.nonlocal_return {
        c += " --no-nonlocal-return";
    }
    c
}

/// Seconds since the epoch (no date crate).
fn chrono_free_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}
