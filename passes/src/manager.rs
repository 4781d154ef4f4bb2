//! Pipelines of passes: the registry that maps pass names to passes, the [`PassManager`]
//! that runs a list of passes on a function (verifying and dumping between passes), and
//! the IR0 pipeline.
//!
//! A pipeline comes from an explicit list of passes or from a spec string
//! (`"copyprop,constfold,dce"`, as `--passes=` takes it). A name that is not registered
//! is an error when the pipeline is built, naming it and listing the known ones, never a
//! silent no-op.

use crate::conservative::{ConstFold, CopyProp, Dce, SimplifyCfg};
use crate::dump::{DumpError, IrDump};
use crate::speculative::{mem2reg::Mem2Reg, scopeelim::ScopeElim, unbox::Unbox};
use ir::pass::{Pass, PassContext, PassError};
use ir::verify::VerifyError;
use ir::{Function, Module, Phase};
use std::fmt;
use std::sync::OnceLock;

/// The speculative pipeline that builds versions, and why in this order:
/// 1. `inline` first: it copies IR0 bodies (callees, blocks), so that everything after it
///    sees one function; frame states of the guards it makes come from its inline maps.
/// 2. `typeguard`, `ivarslot` and `assumeguard` next, while locals are still frame slots
///    (their frame states name locals) and dynscopes still exist (frame states name their
///    temps).
///    `assumeguard` must come before `unbox`: the operators `unbox` treats as builtins can
///    be redefined by any call, after which the version leaves at the call's invalidation
///    point (a pipeline with `unbox` and without `assumeguard` before it is refused).
///    `intrinsics` comes right after it, for the same reason (it treats `Array#[]` as the
///    builtin; frame states still name locals).
/// 3. `scopeelim` turns dynscopes whose blocks were all inlined into locals (rewriting the
///    frame states that named the scope into re-allocatable scopes).
/// 4. `mem2reg` makes locals SSA temps (rewriting frame states), so that `unbox` can keep
///    loop values unboxed through block parameters.
/// 5. `licm` copies type guards on loop-invariant values (`n` in `while i < n`) to the
///    loop's preheader, so that `unbox` unboxes them once, before the loop (it needs the
///    SSA values of `mem2reg` to see what a loop does not change).
/// 6. `unbox` turns guarded arithmetic into machine operations (it needs the guard that
///    resumes at each operation, so it runs before `guardelim`).
/// 7. `copyprop` then `guardelim`: with locals in SSA form, the same value is the same
///    temp, so a guard that a dominating identical guard already checked can go (the
///    guards `licm` checked before the loop, too).
/// 8. The conservative passes clean up what the others leave; `dce` once more at the end,
///    for the copies `simplifycfg` makes of merged blocks' parameters (a dead one can keep
///    a box alive in a loop).
pub const SPECULATIVE_PIPELINE: &[&str] = &[
    "inline",
    "typeguard",
    "ivarslot",
    "assumeguard",
    "intrinsics",
    "scopeelim",
    "mem2reg",
    "licm",
    "unbox",
    "copyprop",
    "guardelim",
    "constfold",
    "dce",
    "simplifycfg",
    "dce",
];

/// The conservative pipeline that turns a full build into IR0 (docs/design.md, §4). It assumes no method is unredefined, so it is safe on any program. Why this order:
///
/// 1. `simplifycfg`: lowering leaves code after `return`/`break`/`next`, and chains of
///    blocks joined by plain jumps; removing and merging them first puts whole statement
///    sequences in one block, where `copyprop` forwards locals.
/// 2. `copyprop`: stores followed by loads of the same local, and copies, now read the
///    stored value, so constants reach the `Truthy`s and branches that test them
///    (`x = true; while x`, `a = nil; if a`).
/// 3. `constfold`: folds those tests, and branches on them into jumps.
/// 4. `simplifycfg`: a folded branch leaves an unreachable arm and joins with a single
///    predecessor; removing and merging them makes blocks longer again.
/// 5. `copyprop` and 6. `constfold` again: the merged blocks expose more in-block
///    forwarding, and join parameters whose other edges went are now copies of one value.
/// 7. `dce`: removes what the passes above left without uses: forwarded loads, copies,
///    folded operands, parameters of merged joins, stores to locals no load reads.
/// 8. `simplifycfg`: `dce` empties blocks that held only dead code and a jump; threading
///    jumps through them and merging leaves the final shape.
pub const IR0_PIPELINE: &[&str] = &[
    "simplifycfg",
    "copyprop",
    "constfold",
    "simplifycfg",
    "copyprop",
    "constfold",
    "dce",
    "simplifycfg",
];

/// The IR0 pipeline as a pass manager (verifying after each pass in debug builds).
pub fn ir0_pipeline() -> PassManager {
    PassManager::from_names(IR0_PIPELINE).expect("the IR0 pipeline names registered passes")
}

// ---- the registry -------------------------------------------------------------------

/// A registered pass: its name in pipeline specs, a one-line summary for `--help`-style
/// listings, and how to make one.
#[derive(Clone, Copy)]
pub struct PassEntry {
    pub name: &'static str,
    pub summary: &'static str,
    pub make: fn() -> Box<dyn Pass>,
}

impl fmt::Debug for PassEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PassEntry")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// Pass names and their constructors.
#[derive(Clone, Debug, Default)]
pub struct Registry {
    entries: Vec<PassEntry>,
}

impl Registry {
    /// A registry with no passes.
    pub fn new() -> Registry {
        Registry::default()
    }

    /// Every pass of this crate. A new pass adds its line here.
    pub fn builtin() -> Registry {
        let mut r = Registry::new();
        let builtin = [
            PassEntry {
                name: "copyprop",
                summary: "uses of copies, forwarded locals and trivial block parameters read the original",
                make: || Box::new(CopyProp),
            },
            PassEntry {
                name: "constfold",
                summary: "folds truthiness tests, `!`, branches and string-literal interpolation",
                make: || Box::new(ConstFold),
            },
            PassEntry {
                name: "dce",
                summary: "removes unused pure instructions, block parameters, stores to unread locals; in versions dead boxes and guards that protect nothing",
                make: || Box::new(Dce),
            },
            PassEntry {
                name: "simplifycfg",
                summary: "removes unreachable blocks, threads jumps, merges blocks, folds same-target branches",
                make: || Box::new(SimplifyCfg),
            },
            PassEntry {
                name: "mem2reg",
                summary: "promotes frame locals to SSA temps (block parameters), rewriting frame states",
                make: || Box::new(Mem2Reg),
            },
            PassEntry {
                name: "scopeelim",
                summary: "turns dynscopes that no block captures any more into frame locals",
                make: || Box::new(ScopeElim),
            },
            PassEntry {
                name: "unbox",
                summary: "unboxes guarded Integer/Float arithmetic and comparisons, and loop variables",
                make: || Box::new(Unbox),
            },
            PassEntry {
                name: "inline",
                summary: "inlines monomorphic calls (and the block given to them) behind method guards",
                make: || Box::new(crate::speculative::inline::Inline),
            },
            PassEntry {
                name: "guardelim",
                summary: "removes type and class guards that a dominating identical guard makes redundant",
                make: || Box::new(crate::speculative::guardelim::GuardElim),
            },
            PassEntry {
                name: "licm",
                summary: "checks type guards on loop-invariant values once, before the loop",
                make: || Box::new(crate::speculative::licm::Licm),
            },
            PassEntry {
                name: "assumeguard",
                summary: "puts an invalidation point (assumptions guard) after every instruction that may run Ruby code",
                make: || Box::new(crate::speculative::assumeguard::AssumeGuard),
            },
            PassEntry {
                name: "intrinsics",
                summary: "reads profiled Array#[] with a fixnum index inline (array_get), behind class and fixnum guards",
                make: || Box::new(crate::speculative::intrinsics::Intrinsics),
            },
            PassEntry {
                name: "ivarslot",
                summary: "reads and writes profiled instance variables by slot, behind a class guard",
                make: || Box::new(crate::speculative::ivarslot::IvarSlot),
            },
            PassEntry {
                name: "typeguard",
                summary: "guards profiled Integer/Float operands of arithmetic and comparisons",
                make: || Box::new(crate::speculative::typeguard::TypeGuard),
            },
        ];
        for entry in builtin {
            r.register(entry).expect("builtin pass names are distinct");
        }
        r
    }

    /// Adds a pass; a name registered twice is an error.
    pub fn register(&mut self, entry: PassEntry) -> Result<(), PipelineError> {
        if self.get(entry.name).is_some() {
            return Err(PipelineError::DuplicatePass { name: entry.name });
        }
        self.entries.push(entry);
        Ok(())
    }

    pub fn get(&self, name: &str) -> Option<&PassEntry> {
        self.entries.iter().find(|e| e.name == name)
    }

    pub fn entries(&self) -> &[PassEntry] {
        &self.entries
    }

    /// The registered names, sorted.
    pub fn names(&self) -> Vec<&'static str> {
        let mut names: Vec<_> = self.entries.iter().map(|e| e.name).collect();
        names.sort_unstable();
        names
    }

    /// A new instance of the pass called `name`.
    pub fn create(&self, name: &str) -> Result<Box<dyn Pass>, PipelineError> {
        match self.get(name) {
            Some(entry) => Ok((entry.make)()),
            None => Err(PipelineError::UnknownPass {
                name: name.to_string(),
                known: self.names(),
            }),
        }
    }

    /// The passes of a spec: names separated by commas (spaces around them are ignored).
    /// An empty (or blank) spec is the empty pipeline; an empty name between commas is an
    /// error.
    pub fn parse_spec(&self, spec: &str) -> Result<Vec<Box<dyn Pass>>, PipelineError> {
        if spec.trim().is_empty() {
            return Ok(Vec::new());
        }
        spec.split(',')
            .map(str::trim)
            .map(|name| {
                if name.is_empty() {
                    Err(PipelineError::EmptyPassName {
                        spec: spec.to_string(),
                    })
                } else {
                    self.create(name)
                }
            })
            .collect()
    }
}

/// The registry of every pass of this crate.
pub fn registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(Registry::builtin)
}

// ---- errors ---------------------------------------------------------------------------

/// Why a pipeline could not be built or run.
#[derive(Debug)]
pub enum PipelineError {
    /// A spec names a pass that is not registered.
    UnknownPass {
        name: String,
        known: Vec<&'static str>,
    },
    /// A spec has an empty name (`"dce,,copyprop"`).
    EmptyPassName { spec: String },
    /// Two passes registered under one name.
    DuplicatePass { name: &'static str },
    /// A speculative pass in a pipeline run on IR0.
    SpeculativeOnIr0 {
        pass: &'static str,
        function: String,
    },
    /// A speculative pipeline runs `pass` without `needs` before it.
    MissingPass {
        pass: &'static str,
        needs: &'static str,
        why: &'static str,
    },
    /// A pass refused the function.
    Pass { function: String, error: PassError },
    /// The verifier rejected the function after `pass` (`build` or the input label: the
    /// function as it came in).
    Verify {
        pass: String,
        function: String,
        errors: Vec<VerifyError>,
    },
    /// A dump could not be written.
    Dump(DumpError),
}

impl fmt::Display for PipelineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PipelineError::UnknownPass { name, known } => {
                write!(
                    f,
                    "unknown pass `{name}` (known passes: {})",
                    known.join(", ")
                )
            }
            PipelineError::EmptyPassName { spec } => {
                write!(f, "empty pass name in pipeline spec `{spec}`")
            }
            PipelineError::DuplicatePass { name } => {
                write!(f, "pass `{name}` is registered twice")
            }
            PipelineError::SpeculativeOnIr0 { pass, function } => {
                write!(f, "{function}: speculative pass `{pass}` cannot run on IR0")
            }
            PipelineError::MissingPass { pass, needs, why } => write!(
                f,
                "speculative pipeline: `{pass}` needs `{needs}` before it ({why})"
            ),
            PipelineError::Pass { function, error } => write!(f, "{function}: {error}"),
            PipelineError::Verify {
                pass,
                function,
                errors,
            } => {
                write!(
                    f,
                    "{function}: verifier failed after {pass} ({} errors)",
                    errors.len()
                )?;
                for e in errors {
                    write!(f, "\n  {e}")?;
                }
                Ok(())
            }
            PipelineError::Dump(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for PipelineError {}

impl From<DumpError> for PipelineError {
    fn from(e: DumpError) -> PipelineError {
        PipelineError::Dump(e)
    }
}

// ---- the pass manager -----------------------------------------------------------------

/// What one pass did in a run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PassStep {
    pub pass: &'static str,
    pub changed: bool,
}

/// What a pipeline run did, pass by pass.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PipelineReport {
    pub steps: Vec<PassStep>,
}

impl PipelineReport {
    /// Whether any pass changed the function.
    pub fn changed(&self) -> bool {
        self.steps.iter().any(|s| s.changed)
    }

    /// The passes that changed the function, in the order they ran.
    pub fn changed_by(&self) -> Vec<&'static str> {
        self.steps
            .iter()
            .filter(|s| s.changed)
            .map(|s| s.pass)
            .collect()
    }
}

impl fmt::Display for PipelineReport {
    /// `simplifycfg: changed, copyprop: unchanged, ...`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, s) in self.steps.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(
                f,
                "{}: {}",
                s.pass,
                if s.changed { "changed" } else { "unchanged" }
            )?;
        }
        Ok(())
    }
}

/// Runs a list of passes on a function, in order.
pub struct PassManager {
    passes: Vec<Box<dyn Pass>>,
    /// Run the verifier on the input and after every pass; fail with the pass name and
    /// every verifier error. On by default in debug builds (and so in tests).
    pub verify_each: bool,
    /// Receives the input (step 0) and the function after every pass.
    pub dump: Option<Box<dyn IrDump>>,
    /// The label of step 0 in dumps and errors: `build` for the IR0 pipeline; the engine
    /// may say `ir0` for a speculative pipeline's input.
    pub input_label: &'static str,
}

impl Default for PassManager {
    fn default() -> PassManager {
        PassManager::new(Vec::new())
    }
}

impl fmt::Debug for PassManager {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PassManager")
            .field("passes", &self.pass_names())
            .field("verify_each", &self.verify_each)
            .field("dump", &self.dump.is_some())
            .finish()
    }
}

impl PassManager {
    /// A pipeline of these passes, in order.
    pub fn new(passes: Vec<Box<dyn Pass>>) -> PassManager {
        PassManager {
            passes,
            verify_each: cfg!(debug_assertions),
            dump: None,
            input_label: "build",
        }
    }

    /// A pipeline of registered passes, by name.
    pub fn from_names(names: &[&str]) -> Result<PassManager, PipelineError> {
        PassManager::from_names_in(registry(), names)
    }

    /// A pipeline of passes of `registry`, by name.
    pub fn from_names_in(
        registry: &Registry,
        names: &[&str],
    ) -> Result<PassManager, PipelineError> {
        let passes = names
            .iter()
            .map(|n| registry.create(n))
            .collect::<Result<_, _>>()?;
        Ok(PassManager::new(passes))
    }

    /// A pipeline from a spec string (`"copyprop,constfold,dce"`), with the built-in
    /// registry.
    pub fn from_spec(spec: &str) -> Result<PassManager, PipelineError> {
        PassManager::from_spec_in(registry(), spec)
    }

    /// A speculative pipeline from a spec string: like [`PassManager::from_spec`], and it
    /// refuses a pipeline that would build versions breaking an invariant whatever the
    /// program: `unbox` treats core operators as builtins, which is only sound with the
    /// invalidation points of `assumeguard` (invariant 8).
    pub fn speculative_from_spec(spec: &str) -> Result<PassManager, PipelineError> {
        let pm = PassManager::from_spec(spec)?;
        let names = pm.pass_names();
        for (pass, why) in [
            (
                "unbox",
                "a call may redefine an operator it treats as the builtin",
            ),
            (
                "intrinsics",
                "a call may redefine a method it treats as the builtin",
            ),
        ] {
            if let Some(u) = names.iter().position(|n| *n == pass) {
                if !names[..u].contains(&"assumeguard") {
                    return Err(PipelineError::MissingPass {
                        pass,
                        needs: "assumeguard",
                        why,
                    });
                }
            }
        }
        Ok(pm)
    }

    /// A pipeline from a spec string, with the passes of `registry`.
    pub fn from_spec_in(registry: &Registry, spec: &str) -> Result<PassManager, PipelineError> {
        Ok(PassManager::new(registry.parse_spec(spec)?))
    }

    /// Appends a pass.
    pub fn add(&mut self, pass: Box<dyn Pass>) -> &mut PassManager {
        self.passes.push(pass);
        self
    }

    pub fn with_verify_each(mut self, on: bool) -> PassManager {
        self.verify_each = on;
        self
    }

    pub fn with_dump(mut self, dump: impl IrDump + 'static) -> PassManager {
        self.dump = Some(Box::new(dump));
        self
    }

    pub fn with_input_label(mut self, label: &'static str) -> PassManager {
        self.input_label = label;
        self
    }

    /// The names of the passes, in order.
    pub fn pass_names(&self) -> Vec<&'static str> {
        self.passes.iter().map(|p| p.name()).collect()
    }

    pub fn is_empty(&self) -> bool {
        self.passes.is_empty()
    }

    /// Runs every pass on `func`: dumps the input as step 0, then after each pass dumps
    /// (even when the verifier is about to fail, so that the bad IR is on disk) and
    /// verifies. Stops at the first error; `func` is then as the failing step left it.
    pub fn run(
        &self,
        func: &mut Function,
        cx: &PassContext,
    ) -> Result<PipelineReport, PipelineError> {
        self.dump_step(func, 0, self.input_label)?;
        self.verify_step(func, self.input_label)?;
        let mut report = PipelineReport::default();
        for (i, pass) in self.passes.iter().enumerate() {
            if pass.speculative() && func.phase == Phase::Ir0 {
                return Err(PipelineError::SpeculativeOnIr0 {
                    pass: pass.name(),
                    function: describe(func),
                });
            }
            let changed = pass.run(func, cx).map_err(|error| PipelineError::Pass {
                function: describe(func),
                error,
            })?;
            report.steps.push(PassStep {
                pass: pass.name(),
                changed,
            });
            self.dump_step(func, i + 1, pass.name())?;
            self.verify_step(func, pass.name())?;
        }
        Ok(report)
    }

    /// Runs the pipeline on every function of `module`, in order, with one context. Stops
    /// at the first error.
    pub fn run_module(
        &self,
        module: &mut Module,
        cx: &PassContext,
    ) -> Result<Vec<PipelineReport>, PipelineError> {
        module
            .functions
            .iter_mut()
            .map(|f| self.run(f, cx))
            .collect()
    }

    fn dump_step(&self, func: &Function, step: usize, label: &str) -> Result<(), PipelineError> {
        match &self.dump {
            Some(d) => Ok(d.dump(func, step, label)?),
            None => Ok(()),
        }
    }

    fn verify_step(&self, func: &Function, after: &str) -> Result<(), PipelineError> {
        if !self.verify_each {
            return Ok(());
        }
        ir::verify::verify(func).map_err(|errors| PipelineError::Verify {
            pass: after.to_string(),
            function: describe(func),
            errors,
        })
    }
}

/// `fn3 Foo#bar`, as errors name a function.
fn describe(func: &Function) -> String {
    format!("{} {}", func.id, func.name)
}
