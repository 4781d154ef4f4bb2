//! rebound: a research framework for speculative optimization with deoptimization, for
//! core Ruby.
//!
//! The [`Engine`] ties the crates together: the frontend lowers a file to IR0, the pass
//! manager runs the conservative pipeline on every function (verifying and dumping as
//! asked), and the interpreter runs the script. The tier policy (when a function gets an
//! optimized version) lives here too as later tiers arrive.

use frontend::Diagnostic;
use interp::Interp;
use ir::pass::PassContext;
use ir::{FuncId, Module};
use passes::{DumpDir, PassManager};
use runtime::{Unwind, Value, Vm};
use std::io::Write;
use std::path::PathBuf;

/// The execution tier of a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tier {
    /// IR0 in the interpreter, profiling as it goes.
    Interp,
}

impl Tier {
    pub fn parse(s: &str) -> Option<Tier> {
        match s {
            "interp" => Some(Tier::Interp),
            _ => None,
        }
    }
}

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
    pub module: Module,
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
        let vm = Vm::new(out);
        let mut e = Engine {
            interp: Interp::new(vm),
            module: Module::default(),
            pipeline_spec: config.passes.clone(),
            config,
        };
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
        e.interp.vm.class_mut(obj).consts.insert(sym, argv);
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
        let first = self.module.functions.len();
        let main =
            frontend::compile(src, file, &mut self.module).map_err(EngineError::Diagnostic)?;
        let dump = file != PRELUDE_FILE || self.config.dump_prelude;
        let pm = self.pipeline(dump)?;
        let cx = PassContext::empty();
        for f in &mut self.module.functions[first..] {
            pm.run(f, &cx)
                .map_err(|e| EngineError::Pipeline(e.to_string()))?;
        }
        for f in &self.module.functions[first..] {
            self.interp.add_function(f.clone());
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
