//! rebound: a research framework for speculative optimization with deoptimization, for
//! core Ruby.
//!
//! The [`Engine`] ties the crates together: the frontend lowers a file to IR0, the pass
//! manager runs the conservative pipeline on every function (verifying and dumping as
//! asked), and the interpreter runs the script. For tier `opt` the engine owns the tier
//! policy: the thresholds and the deopt limit it sets in the interpreter's `TierState`,
//! and [`OptTier`] (`interp::tier::TierPolicy`), which says which functions get versions
//! and builds and verifies them; the interpreter counts calls and back-edges and asks.
//! The engine also writes the `--print-stats` report from the deopt driver's statistics.

use frontend::Diagnostic;
use interp::tier::BuildError;
use interp::Interp;
use ir::pass::{Oracle, PassContext};
use ir::{FuncId, Module};
use passes::{DumpDir, PassManager, PipelineError};
use runtime::{Unwind, Value, Vm};
use std::io::Write;
use std::path::PathBuf;

/// The execution tier of a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tier {
    /// IR0 in the interpreter, profiling as it goes.
    Interp,
    /// Hot functions get speculative versions, run by the interpreter.
    Opt,
}

impl Tier {
    pub fn parse(s: &str) -> Option<Tier> {
        match s {
            "interp" => Some(Tier::Interp),
            "opt" => Some(Tier::Opt),
            _ => None,
        }
    }
}

/// The default `--jit-threshold`: calls (or loop back-edges) before a version is built.
pub const DEFAULT_THRESHOLD: u64 = 1000;
/// The default `--deopt-limit`: deopts after which a function stays in IR0.
pub const DEFAULT_DEOPT_LIMIT: u32 = 10;
/// The most IR0 instructions a function may have to get a version. The speculative
/// passes and the verifier are built for functions of a human size; a generated
/// function of tens of thousands of instructions stays in IR0 rather than spend seconds
/// and gigabytes in dataflow over thousands of blocks (HotSpot has the same kind of
/// limit on the methods it compiles).
pub const DEFAULT_MAX_VERSION_SIZE: usize = 10_000;
/// After the threshold, a hot loop of a function that has no version asks for an OSR
/// version again every this many back-edges (a later call, or after a deopt). A power of
/// two: the run loop tests it with a mask.
pub const OSR_RETRY_EVERY: u64 = 1024;

/// How a run is configured (the CLI flags).
#[derive(Clone, Debug)]
pub struct Config {
    pub tier: Tier,
    /// The IR0 pipeline as a spec (`copyprop,dce`); `None` for the standard one.
    pub passes: Option<String>,
    pub verify_each: bool,
    pub dump_dir: Option<PathBuf>,
    /// Dump the prelude's functions too.
    pub dump_prelude: bool,
    /// The program's `ARGV`.
    pub argv: Vec<String>,
    pub threshold: u64,
    pub deopt_limit: u32,
    /// `--max-version-size N`: functions with more IR0 instructions get no version.
    pub max_version_size: usize,
    /// `--trace-deopt`: one line per deopt (to stderr, or kept for tests).
    pub trace_deopt: bool,
    pub trace_to_buffer: bool,
    /// `--deopt-stress[=SEED]`.
    pub deopt_stress: Option<u64>,
    /// The speculative pipeline as a spec; `None` for the standard one.
    pub spec_passes: Option<String>,
    /// `--gc-stress[=N]`: collect at every Nth safepoint (calls, loop back-edges, handler entries).
    pub gc_stress: Option<u64>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            tier: Tier::Interp,
            passes: None,
            verify_each: cfg!(debug_assertions),
            dump_dir: None,
            dump_prelude: false,
            argv: Vec::new(),
            threshold: DEFAULT_THRESHOLD,
            deopt_limit: DEFAULT_DEOPT_LIMIT,
            max_version_size: DEFAULT_MAX_VERSION_SIZE,
            trace_deopt: false,
            trace_to_buffer: false,
            deopt_stress: None,
            spec_passes: None,
            gc_stress: None,
        }
    }
}

/// What can go wrong before a program runs.
#[derive(Debug)]
pub enum EngineError {
    /// A syntax error or unsupported construct, with its place.
    Diagnostic(Diagnostic),
    /// A pass spec naming no registered pass, a pass failure, or a verifier error.
    Pipeline(String),
}

impl std::fmt::Display for EngineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EngineError::Diagnostic(d) => write!(f, "{d}"),
            EngineError::Pipeline(m) => write!(f, "{m}"),
        }
    }
}

/// How a program ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// The process exit status: 0, or 1 after an uncaught exception.
    pub status: i32,
    /// The first line CRuby prints for an uncaught exception.
    pub error: Option<String>,
}

pub struct Engine {
    pub interp: Interp,
    /// The frontend's output until the IR0 pipeline has run on it; the functions then go
    /// to the interpreter, which keeps IR0 for the whole run (it is stored once).
    module: Module,
    config: Config,
    pipeline_spec: Option<String>,
}

/// The path the prelude's functions are attributed to.
pub const PRELUDE_FILE: &str = "<internal:prelude>";

impl Engine {
    /// A fresh engine whose program writes its standard output to `out`. Loads and runs
    /// the prelude.
    pub fn new(config: Config, out: Box<dyn Write>) -> Result<Engine, EngineError> {
        // Check the pipeline spec up front: an unknown pass is an error at start-up.
        if let Some(spec) = &config.passes {
            PassManager::from_spec(spec).map_err(|e| EngineError::Pipeline(e.to_string()))?;
        }
        if let Some(spec) = &config.spec_passes {
            PassManager::speculative_from_spec(spec)
                .map_err(|e| EngineError::Pipeline(e.to_string()))?;
        }
        let mut vm = Vm::new(out);
        if let Some(n) = config.gc_stress {
            vm.heap.set_stress(n.max(1));
        }
        let mut e = Engine {
            interp: Interp::new(vm),
            module: Module::default(),
            pipeline_spec: config.passes.clone(),
            config,
        };
        e.setup_tier();
        let argv: Vec<Value> = e
            .config
            .argv
            .clone()
            .into_iter()
            .map(|a| e.interp.vm.str(a))
            .collect();
        let argv = e.interp.vm.array(argv);
        let sym = e.interp.vm.intern("ARGV");
        let obj = e.interp.vm.c.object;
        e.interp.vm.set_const(obj, sym, argv);
        let prelude = e.compile(runtime::PRELUDE, PRELUDE_FILE)?;
        if let Err(u) = e.interp.run_script(prelude) {
            let msg = e.describe_unwind(*u);
            return Err(EngineError::Pipeline(format!("the prelude failed: {msg}")));
        }
        Ok(e)
    }

    fn pipeline(&self, dump: bool) -> Result<PassManager, EngineError> {
        let mut pm = match &self.pipeline_spec {
            Some(spec) => PassManager::from_spec(spec),
            None => Ok(passes::ir0_pipeline()),
        }
        .map_err(|e| EngineError::Pipeline(e.to_string()))?;
        pm.verify_each = self.config.verify_each;
        if dump {
            if let Some(dir) = &self.config.dump_dir {
                let d = DumpDir::new(dir).map_err(|e| EngineError::Pipeline(e.to_string()))?;
                pm = pm.with_dump(d);
            }
        }
        Ok(pm)
    }

    /// Lowers a source file to IR0, runs the IR0 pipeline on each of its functions and
    /// makes them runnable. Returns the script body's id.
    pub fn compile(&mut self, src: &str, file: &str) -> Result<FuncId, EngineError> {
        debug_assert!(self.module.functions.is_empty());
        let main = frontend::compile(src, file, &mut self.module);
        let functions = self.module.take_functions();
        let main = main.map_err(EngineError::Diagnostic)?;
        let dump = file != PRELUDE_FILE || self.config.dump_prelude;
        let pm = self.pipeline(dump)?;
        let cx = PassContext::empty();
        for mut f in functions {
            // The prelude's operators and calls are primitives (`Function::builtin`).
            f.builtin = file == PRELUDE_FILE;
            pm.run(&mut f, &cx)
                .map_err(|e| EngineError::Pipeline(e.to_string()))?;
            self.interp.add_function(f);
        }
        Ok(main)
    }

    /// Runs a compiled script body to completion.
    pub fn run(&mut self, main: FuncId) -> Outcome {
        let r = self.interp.run_script(main);
        let outcome = match r {
            Ok(_) => Outcome {
                status: 0,
                error: None,
            },
            Err(u) => {
                let msg = self.describe_unwind(*u);
                Outcome {
                    status: 1,
                    error: Some(msg),
                }
            }
        };
        let _ = self.interp.vm.out.flush();
        outcome
    }

    fn describe_unwind(&mut self, u: Unwind) -> String {
        match u {
            Unwind::Raise(e) => self.interp.describe_uncaught(e),
            Unwind::Break { .. } => "break from proc-closure (LocalJumpError)".to_string(),
            Unwind::Return { .. } => "unexpected return (LocalJumpError)".to_string(),
        }
    }

    fn setup_tier(&mut self) {
        let t = &mut self.interp.tier;
        t.enabled = self.config.tier == Tier::Opt;
        t.threshold = self.config.threshold.max(1);
        t.osr_every = OSR_RETRY_EVERY.next_power_of_two();
        t.driver.manager = deopt_runtime::DeoptManager::new(self.config.deopt_limit.max(1));
        t.driver.stress = self.config.deopt_stress;
        t.driver.trace = if !self.config.trace_deopt {
            None
        } else if self.config.trace_to_buffer {
            Some(interp::tier::TraceSink::Buffer(Vec::new()))
        } else {
            Some(interp::tier::TraceSink::Stderr)
        };
        if t.enabled {
            t.policy = Some(Box::new(OptTier {
                spec: self.config.spec_passes.clone(),
                verify: self.config.verify_each,
                dump_dir: self.config.dump_dir.clone(),
                built: 0,
                max_version_size: self.config.max_version_size,
            }));
        }
    }

    /// The `--trace-deopt` lines kept for a test (`trace_to_buffer`).
    pub fn trace_lines(&self) -> Vec<String> {
        match &self.interp.tier.driver.trace {
            Some(interp::tier::TraceSink::Buffer(v)) => v.clone(),
            _ => Vec::new(),
        }
    }

    /// The `--print-stats` report: versions built and failed, OSR entries, deopts by
    /// reason, versions invalidated, functions given up.
    pub fn stats_report(&self) -> String {
        let driver = &self.interp.tier.driver;
        driver.report(&self.interp.function_names())
    }

    /// The interpreter's profile report (`--print-profile`).
    pub fn profile_report(&self) -> String {
        self.interp.profile_report()
    }

    /// The collector's counts.
    pub fn gc_stats(&self) -> runtime::heap::GcStats {
        self.interp.vm.heap.stats()
    }
}

/// Runs `f` on a thread with a stack large enough for `MAX_DEPTH` Ruby frames.
pub fn with_big_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(1 << 30)
        .spawn(f)
        .expect("spawn the interpreter thread")
        .join()
        .unwrap_or_else(|e| std::panic::resume_unwind(e))
}

/// Builds speculative versions for the interpreter: a copy of IR0 (with an OSR entry if
/// asked), the speculative pipeline with the profile, then the version verifier
/// (`ir::verify::verify_version_with`: well-formedness, and invariants 2-6 and 8).
/// A version that fails is reported and never run.
struct OptTier {
    spec: Option<String>,
    verify: bool,
    dump_dir: Option<PathBuf>,
    built: u32,
    max_version_size: usize,
}

impl interp::tier::TierPolicy for OptTier {
    /// Methods, script bodies and blocks get versions entered at calls; only methods and
    /// script bodies get OSR versions (a block's loop is entered through its call). A
    /// function larger than `max_version_size` IR0 instructions gets none.
    fn wants_version(&self, ir0: &ir::Function, osr: Option<ir::Ipc>) -> bool {
        use ir::FuncKind::*;
        let kind_ok = match ir0.kind {
            Method | Script => true,
            Block { .. } => osr.is_none(),
            ClassBody => false,
        };
        kind_ok && ir0.insts().count() <= self.max_version_size
    }

    fn build(
        &mut self,
        func: FuncId,
        osr: Option<ir::Ipc>,
        interp: &Interp,
    ) -> Result<ir::Function, BuildError> {
        let oracle = &EngineOracle(interp);
        let ir0 = oracle
            .ir0(func)
            .ok_or_else(|| BuildError::Refused(format!("no IR0 for {func}")))?;
        let mut v = ir0.clone();
        v.phase = ir::Phase::Speculative;
        if let Some(h) = osr {
            passes::speculative::osr::add_osr_entry(&mut v, ir0, h).map_err(BuildError::Refused)?;
        }
        let mut pm = match &self.spec {
            Some(s) => PassManager::speculative_from_spec(s),
            None => PassManager::from_names(passes::SPECULATIVE_PIPELINE),
        }
        .map_err(|e| BuildError::Refused(e.to_string()))?
        .with_verify_each(self.verify)
        .with_input_label("ir0");
        self.built += 1;
        if let Some(dir) = &self.dump_dir {
            let tag = match osr {
                Some(h) => format!("v{}-osr{}", self.built, h.0),
                None => format!("v{}", self.built),
            };
            let d = DumpDir::new(dir)
                .map_err(|e| BuildError::Refused(e.to_string()))?
                .with_tag(&tag);
            pm = pm.with_dump(d);
        }
        let profile = oracle.profile(func);
        let cx = PassContext {
            profile: profile.as_ref(),
            oracle,
        };
        pm.run(&mut v, &cx).map_err(|e| match e {
            PipelineError::Verify { .. } => {
                eprintln!("rebound: version of {} {}: {e}", v.id, v.name);
                BuildError::Rejected(e.to_string())
            }
            e => BuildError::Refused(e.to_string()),
        })?;
        if let Err(errors) = ir::verify::verify_version_with(&v, &|f| oracle.ir0(f)) {
            let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
            eprintln!(
                "rebound: version of {} {} rejected by the verifier:\n  {}",
                v.id,
                v.name,
                text.join("\n  ")
            );
            return Err(BuildError::Rejected(text.join("; ")));
        }
        Ok(v)
    }
}

/// What the speculative passes may ask about the running program, answered from the
/// interpreter's IR0 and profiles and the runtime's method tables.
struct EngineOracle<'a>(&'a Interp);

impl Oracle for EngineOracle<'_> {
    fn ir0(&self, func: FuncId) -> Option<&ir::Function> {
        self.0.function(func)
    }

    fn resolve_method(&self, class: ir::ClassId, name: &str) -> Option<ir::pass::ResolvedMethod> {
        let vm = &self.0.vm;
        let sym = vm.syms.lookup(name)?;
        let entry = vm.method(vm.find_method_uncached(class, sym)?);
        match entry.body {
            runtime::class::MethodBody::Ruby(func) => Some(ir::pass::ResolvedMethod {
                func,
                lexical_class: vm.lexical_class(entry.owner),
                private: entry.private,
            }),
            _ => None,
        }
    }

    fn profile(&self, func: FuncId) -> Option<ir::profile::Profile> {
        self.0.ir0_profile(func)
    }

    fn class_name(&self, class: ir::ClassId) -> String {
        self.0.vm.class_name(class).to_string()
    }

    fn attr_reader(&self, class: ir::ClassId, name: &str) -> Option<(String, u32)> {
        let vm = &self.0.vm;
        let sym = vm.syms.lookup(name)?;
        let entry = vm.method(vm.find_method_uncached(class, sym)?);
        let runtime::class::MethodBody::AttrReader(ivar) = entry.body else {
            return None;
        };
        let c = vm.class(class);
        if entry.private || c.alloc != runtime::class::AllocKind::Object {
            return None;
        }
        let slot = *c.ivar_slots.get(&ivar)?;
        Some((vm.sym_name(ivar).to_string(), slot))
    }

    fn core_class(&self, class: ir::CoreClass) -> Option<ir::ClassId> {
        Some(deopt_runtime::assume::core_class(&self.0.vm, class))
    }

    fn builtin_intact(&self, class: ir::CoreClass, name: &str) -> bool {
        let vm = &self.0.vm;
        let c = deopt_runtime::assume::core_class(vm, class);
        match vm.syms.lookup(name) {
            Some(sym) => vm.is_builtin(c, sym),
            None => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use interp::tier::TierPolicy;
    use ir::{FuncKind, Ipc};

    /// "Resume these IR0 frames" as another executor would call it, with no version
    /// frame on the interpreter's stack: `tri`'s frame rebuilt at its loop header with
    /// `i = 5`, `s = 100`, `n = 10` carries on in IR0 and returns 100 + 5 + ... + 9.
    #[test]
    fn an_executor_resumes_rebuilt_ir0_frames_through_the_public_seam() {
        let out: Box<dyn Write> = Box::new(std::io::sink());
        let mut e = Engine::new(Config::default(), out).unwrap();
        let src = "def tri(n)\n  s = 0\n  i = 0\n  while i < n\n    s += i\n    i += 1\n  end\n  s\nend\n";
        e.compile(src, "tri.rb").unwrap();
        let interp = &mut e.interp;
        let (func, header) = {
            let tri = (0..200)
                .filter_map(|i| interp.function(FuncId(i)))
                .find(|f| f.name == "Object#tri")
                .expect("tri is compiled");
            let header = tri
                .blocks
                .iter()
                .find(|b| {
                    b.insts
                        .iter()
                        .any(|i| matches!(i.kind, ir::InstKind::Binary(ir::BinOp::Lt, ..)))
                })
                .map(|b| b.insts[0].ipc)
                .unwrap();
            (tri.id, header)
        };
        let local = |i| ir::LocalId(i);
        let frame = deopt_runtime::RebuiltFrame {
            func,
            ipc: header,
            self_val: interp.vm.main_obj,
            block: Value::NIL,
            outer_scope: Value::NIL,
            block_obj: Value::NIL,
            home: 0,
            argc: 1,
            cref: interp.vm.c.object,
            locals: vec![
                (local(0), Value::fixnum(10)),
                (local(1), Value::fixnum(100)),
                (local(2), Value::fixnum(5)),
            ],
            temps: vec![],
        };
        let ids = [interp.vm.fresh_frame_id()];
        let roots = interp.vm.extra_roots.len();
        let from = interp::tier::ResumeFrom {
            method: None,
            block_obj: Value::NIL,
        };
        let r = interp.resume_ir0(from, vec![frame], &ids, roots);
        assert_eq!(r.ok(), Some(Value::fixnum(135)));
        // Nothing to resume is an error, not a crash.
        let r = interp.resume_ir0(from, vec![], &[], roots);
        assert!(r.is_err());
    }

    /// "Enter this version" as another executor would call it: the script warms `poly`
    /// up on Integers, the version is entered directly (and built if the tier had none),
    /// gives IR0's result, and a Float argument fails its guard and deoptimizes to IR0,
    /// which still answers right.
    #[test]
    fn an_executor_enters_a_version_through_the_public_seam() {
        let out: Box<dyn Write> = Box::new(std::io::sink());
        let config = Config {
            tier: Tier::Opt,
            threshold: 1000,
            ..Config::default()
        };
        let mut e = Engine::new(config, out).unwrap();
        let src = "def poly(x)\n  x * x + 3 * x + 1\nend\ni = 0\nwhile i < 50\n  poly(i)\n  i += 1\nend\n";
        let main = e.compile(src, "poly.rb").unwrap();
        assert_eq!(e.run(main).status, 0, "the script runs");
        let interp = &mut e.interp;
        let poly = (0..200)
            .filter_map(|i| interp.function(FuncId(i)))
            .find(|f| f.name == "Object#poly")
            .map(|f| f.id)
            .expect("poly is compiled");
        let (main_obj, object) = (interp.vm.main_obj, interp.vm.c.object);
        let enter = |interp: &mut Interp, x: Value| {
            interp.enter_version(poly, None, main_obj, &[x], Value::NIL, object)
        };
        let deopts = |interp: &Interp| interp.tier.driver.manager.total;
        let r = enter(interp, Value::fixnum(7)).expect("poly has a version");
        assert_eq!(r.ok(), Some(Value::fixnum(71)));
        assert_eq!(deopts(interp), 0);
        let half = interp.vm.float(0.5);
        let r = enter(interp, half).expect("still a version");
        let f = r.ok().and_then(Vm::float_of);
        assert_eq!(f, Some(2.75), "0.25 + 1.5 + 1");
        assert_eq!(deopts(interp), 1, "the Float failed a guard of the version");
        // Strict arity, as for any method activation.
        let r = interp.enter_version(poly, None, main_obj, &[], Value::NIL, object);
        assert!(r.expect("a version").is_err());
    }

    /// Another executor's frames are roots: an array only its "frame" holds survives a
    /// collection while the executor reports it, and is freed once it stops.
    #[test]
    fn another_executors_frame_roots_keep_its_values_alive() {
        use std::cell::Cell;
        use std::rc::Rc;
        let out: Box<dyn Write> = Box::new(std::io::sink());
        let mut e = Engine::new(Config::default(), out).unwrap();
        let interp = &mut e.interp;
        let held = Rc::new(Cell::new(Value::NIL));
        let frame = held.clone();
        interp.set_foreign_roots(Box::new(move |mark| mark(frame.get())));
        let inner = interp.vm.str("held only by a foreign frame".to_string());
        held.set(interp.vm.array(vec![inner]));
        interp.collect_garbage();
        let live = interp.vm.heap.stats().live;
        let a = held.get();
        assert_eq!(interp.vm.as_array(a).map(|v| v.len()), Some(1));
        assert!(Vm::is_string(interp.vm.as_array(a).unwrap()[0]));
        // The frame is gone: the array and its string go at the next collection.
        held.set(Value::NIL);
        interp.collect_garbage();
        assert_eq!(interp.vm.heap.stats().live, live - 2);
    }

    #[test]
    fn the_policy_gives_versions_to_methods_scripts_and_blocks_and_osr_to_no_block() {
        let p = OptTier {
            spec: None,
            verify: false,
            dump_dir: None,
            built: 0,
            max_version_size: 3,
        };
        let block = FuncKind::Block { parent: FuncId(0) };
        for (kind, at_call, at_loop) in [
            (FuncKind::Method, true, true),
            (FuncKind::Script, true, true),
            (block, true, false),
            (FuncKind::ClassBody, false, false),
        ] {
            let mut f = ir::Function::new(FuncId(1), "f", kind.clone(), "f.rb", 1);
            let mut b = ir::Builder::new(&mut f);
            let v = b.value(ir::InstKind::Const(ir::Const::Nil));
            b.effect(ir::InstKind::Return(v));
            assert_eq!(p.wants_version(&f, None), at_call, "{kind:?} at calls");
            assert_eq!(p.wants_version(&f, Some(Ipc(3))), at_loop, "{kind:?} OSR");
            // Past the size limit, none.
            let b = f.entry;
            for _ in 0..2 {
                let i = f.block(b).insts[0].clone();
                f.block_mut(b).insts.insert(0, i);
            }
            assert!(!p.wants_version(&f, None), "{kind:?} too large");
        }
    }
}
