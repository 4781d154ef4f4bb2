//! The deopt protocol, the same for every executor.
//!
//! An executor that runs versions keeps, for each one, a [`VersionMeta`]: the version's
//! guard sites (each failing guard or invalidation point is an index into them), its
//! deleted-temp table, its id in the assumption registry and whether it is invalidated.
//! Nothing in it depends on how the executor lays out frames or code.
//!
//! The [`DeoptDriver`] holds the state that deopts share: the statistics and decisions
//! ([`DeoptManager`]), the assumption registry, `--deopt-stress` and `--trace-deopt`. An
//! executor talks to it at four moments:
//!
//! 1. when it installs a version: [`DeoptDriver::register_version`] registers what the
//!    version assumes (invariant 8) and gives it its id;
//! 2. before it enters a version and at every invalidation point:
//!    [`DeoptDriver::take_method_changes`] drains the runtime's log of method changes and
//!    says which versions are invalidated (the executor stops entering them, and marks
//!    [`VersionMeta::invalidated`] for those whose running activations must leave);
//! 3. at every guard, under `--deopt-stress`: [`DeoptDriver::stress_fails`];
//! 4. when a guard fails: [`DeoptDriver::deopt`] traces and records the deopt, gives the
//!    frames to rebuild their activation ids, and rebuilds them from the version frame
//!    (read through [`VersionFrame`]). The executor then pushes the [`RebuiltFrame`]s and
//!    runs them in IR0, innermost first, and calls [`crate::release_roots`] once they are
//!    on its stack.

use crate::assume::{AssumptionRegistry, Invalidation, VersionId};
use crate::{rebuild_frames, DeoptEvent, DeoptManager, RebuildContext, RebuildError};
use crate::{RebuiltFrame, VersionFrame};
use ir::{Assumption, ClassId, DeletedTemps, DeoptReason, FuncId, Ipc, ResumePoint, TempId};
use runtime::Vm;
use rustc_hash::FxHashMap;
use std::cell::Cell;

/// A guard or invalidation point of a version.
#[derive(Clone, Debug)]
pub struct GuardSite {
    pub resume: ResumePoint,
    /// The IR0 instruction the guard serves (its `Ipc` in the version).
    pub guard_ipc: Ipc,
    /// Why the guard exists (for traces, statistics and what the next version avoids).
    pub reason: DeoptReason,
    /// The guard's identity for `--deopt-stress`, the same in every version of the
    /// function: its function, the IR0 instruction it serves, its reason, the value it
    /// checks and where it resumes. Stress counts runs per identity, so that a guard
    /// fails on purpose once in the whole run, not once per version.
    pub stress_key: u64,
}

impl GuardSite {
    /// The site of a guard of a version of `func` serving IR0 instruction `guard_ipc`,
    /// checking `subject` (none for an invalidation point).
    pub fn new(
        func: FuncId,
        guard_ipc: Ipc,
        resume: &ResumePoint,
        subject: Option<TempId>,
    ) -> GuardSite {
        use std::hash::{Hash, Hasher};
        let mut h = rustc_hash::FxHasher::default();
        (func, guard_ipc, resume.reason, subject, resume.ipc).hash(&mut h);
        if let Some(inner) = resume.frames.last() {
            (inner.func, resume.frames.len()).hash(&mut h);
        }
        GuardSite {
            resume: resume.clone(),
            guard_ipc,
            reason: resume.reason,
            stress_key: h.finish(),
        }
    }
}

/// The deopt metadata of one version (empty for IR0, which has no guards).
#[derive(Debug)]
pub struct VersionMeta {
    pub func: FuncId,
    pub sites: Vec<GuardSite>,
    pub deleted: DeletedTemps,
    /// The version's id in the assumption registry (set by
    /// [`DeoptDriver::register_version`]).
    pub id: Cell<Option<VersionId>>,
    /// Set once an assumption of the version is broken (invariant 8): its invalidation
    /// points deoptimize.
    pub invalidated: Cell<bool>,
}

impl VersionMeta {
    pub fn new(func: FuncId, deleted: DeletedTemps) -> VersionMeta {
        VersionMeta {
            func,
            sites: Vec::new(),
            deleted,
            id: Cell::new(None),
            invalidated: Cell::new(false),
        }
    }
}

/// Where `--trace-deopt` lines go.
pub enum TraceSink {
    Stderr,
    Buffer(Vec<String>),
}

/// What the driver needs to know about functions (their IR0 is the executor's, or the
/// engine's).
pub trait Functions {
    /// A function's name, for traces (`Scale#apply`).
    fn name(&self, func: FuncId) -> String;
    /// Whether the function is a block body (its frames belong to a home method frame).
    fn is_block(&self, func: FuncId) -> bool;
}

/// A failed guard, as the executor reports it to [`DeoptDriver::deopt`].
pub struct GuardFailure<'a> {
    pub meta: &'a VersionMeta,
    /// The index of the guard in `meta.sites`.
    pub site: usize,
    /// The reason the check found, when it is not the site's own (a method guard fails as
    /// a class guard or because the method was redefined; an invalidation point leaves
    /// with `Invalidated`).
    pub reason: Option<DeoptReason>,
    /// The version frame's values.
    pub frame: &'a dyn VersionFrame,
    /// The version frame's activation id: the outermost rebuilt frame takes its place
    /// (for a block version, the id of its home method's frame).
    pub home: u64,
    /// The version frame's lexical class.
    pub cref: ClassId,
}

/// A deopt the driver has recorded, with the IR0 frames to run.
pub struct Deopt {
    pub event: DeoptEvent,
    /// The function has now deoptimized too often: it stays in IR0.
    pub given_up: bool,
    /// The IR0 frames to push, outermost first.
    pub frames: Vec<RebuiltFrame>,
    /// Their activation ids (index = frame).
    pub ids: Vec<u64>,
    /// `vm.extra_roots`' length before rebuilding: pass it to [`crate::release_roots`]
    /// once the frames are on the executor's stack.
    pub roots: usize,
}

/// The deopt state every executor shares.
pub struct DeoptDriver {
    pub manager: DeoptManager,
    pub assumptions: AssumptionRegistry,
    /// `--deopt-stress[=SEED]`: `Some(0)` makes every guard fail the first time it runs;
    /// `Some(seed)` makes each fail at a run drawn from the seed.
    pub stress: Option<u64>,
    /// Runs of each guard under stress, by [`GuardSite::stress_key`].
    stress_runs: FxHashMap<u64, u64>,
    pub trace: Option<TraceSink>,
    /// The function of each registered version (index = [`VersionId`]).
    versions: Vec<FuncId>,
}

impl Default for DeoptDriver {
    fn default() -> DeoptDriver {
        DeoptDriver::new(10)
    }
}

impl DeoptDriver {
    /// A driver that gives a function up after `limit` deopts.
    pub fn new(limit: u32) -> DeoptDriver {
        DeoptDriver {
            manager: DeoptManager::new(limit),
            assumptions: AssumptionRegistry::default(),
            stress: None,
            stress_runs: FxHashMap::default(),
            trace: None,
            versions: Vec::new(),
        }
    }

    /// Writes one `--trace-deopt` line, if tracing.
    pub fn trace(&mut self, line: impl FnOnce() -> String) {
        match &mut self.trace {
            Some(TraceSink::Stderr) => eprintln!("{}", line()),
            Some(TraceSink::Buffer(v)) => v.push(line()),
            None => {}
        }
    }

    /// Registers a version being installed and what it assumes; sets its id.
    pub fn register_version(
        &mut self,
        vm: &mut Vm,
        meta: &VersionMeta,
        assumptions: &[Assumption],
    ) -> VersionId {
        let id = self.assumptions.register(vm, assumptions);
        debug_assert_eq!(id.0 as usize, self.versions.len());
        self.versions.push(meta.func);
        meta.id.set(Some(id));
        self.manager.versions_built += 1;
        id
    }

    /// The executor freed version `v` (no activation runs it any more): method changes
    /// no longer invalidate it, nor count against its function.
    pub fn version_freed(&mut self, v: VersionId) {
        self.assumptions.forget(v);
    }

    /// Drains the runtime's method-change log: the versions it invalidates (each once),
    /// traced as `invalidate: fn18 main version 0 (Integer#+)`. A function whose versions
    /// were invalidated on `limit` occasions is given up (see
    /// [`DeoptManager::record_invalidation`]).
    pub fn take_method_changes(&mut self, vm: &mut Vm, fns: &dyn Functions) -> Vec<Invalidation> {
        let broken = self.assumptions.take_changes(vm);
        // One count per function per batch of changes, for its versions that were valid:
        // a change that invalidates a function's call version and its OSR version, or a
        // class body that redefines several methods it inlined, is one occasion to build
        // it again, and a version dropped earlier is not invalidated a second time.
        let mut counted: Vec<FuncId> = Vec::new();
        for inv in &broken {
            let func = self.versions[inv.version.0 as usize];
            if inv.first && !counted.contains(&func) {
                counted.push(func);
                self.manager.record_invalidation(func);
            }
            self.trace(|| {
                format!(
                    "invalidate: {} {} version {} ({})",
                    func,
                    fns.name(func),
                    inv.version.0,
                    inv.what
                )
            });
        }
        broken
    }

    /// `--deopt-stress`: whether this run of the guard fails on purpose. Runs are counted
    /// per guard identity, not per version: a guard that made its version leave is, in the
    /// version built next, the same guard at its next run. So `--deopt-stress` fails each
    /// guard at its first run, and `--deopt-stress=SEED` at one of its first 64 runs drawn
    /// from the seed (or, for one guard in eight, never): each guard fails at most once in
    /// the whole run, and a function is rebuilt at most once per guard (rather than once
    /// per stress deopt until `--deopt-limit`).
    pub fn stress_fails(&mut self, site: &GuardSite) -> bool {
        let Some(seed) = self.stress else {
            return false;
        };
        let key = site.stress_key;
        let runs = self.stress_runs.entry(key).or_insert(0);
        let n = *runs;
        *runs += 1;
        if seed == 0 {
            return n == 0;
        }
        // The run at which this guard fails, drawn from the seed: one of its first 64, or
        // (one guard in eight) none.
        let mut x =
            seed.wrapping_mul(0xBF58_476D_1CE4_E5B9) ^ key.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        x ^= x >> 31;
        x = x.wrapping_mul(0x94D0_49BB_1331_11EB);
        x ^= x >> 29;
        x % 8 != 0 && n == (x >> 3) % 64
    }

    /// A guard failed: trace and record the deopt, give the IR0 frames to rebuild their
    /// activation ids (new ones from `vm`'s counter, except the outermost frame, which
    /// takes the version frame's place, and block frames, which share their home method
    /// frame's), and rebuild them. What the rebuild allocates stays rooted until the
    /// executor calls [`crate::release_roots`] with [`Deopt::roots`]; on an error it is
    /// released here.
    pub fn deopt(
        &mut self,
        vm: &mut Vm,
        fns: &dyn Functions,
        g: &GuardFailure,
    ) -> Result<Deopt, RebuildError> {
        let site = g
            .meta
            .sites
            .get(g.site)
            .ok_or_else(|| RebuildError(format!("no guard site {}", g.site)))?;
        let resume = &site.resume;
        let func = g.meta.func;
        let inner = resume.frames.last().map(|fs| fs.func).unwrap_or(func);
        let detail = match g.reason {
            Some(DeoptReason::Invalidated) => Some(
                g.meta
                    .id
                    .get()
                    .and_then(|id| self.assumptions.broken(id))
                    .unwrap_or("--deopt-stress")
                    .to_string(),
            ),
            _ => None,
        };
        let event = DeoptEvent {
            detail,
            func,
            func_name: fns.name(func),
            guard: site.guard_ipc,
            reason: g.reason.unwrap_or(resume.reason),
            resume_func: inner,
            resume_name: fns.name(inner),
            resume_ipc: resume.ipc,
            frames: resume.frames.len(),
        };
        self.trace(|| event.to_string());
        let given_up = self.manager.record(&event, (inner, resume.ipc));
        let roots = vm.extra_roots.len();
        if resume.frames.is_empty() {
            return Err(RebuildError(format!(
                "guard {} has no frame state",
                site.guard_ipc
            )));
        }
        let mut ids: Vec<u64> = Vec::with_capacity(resume.frames.len());
        for (i, fs) in resume.frames.iter().enumerate() {
            let id = match (i, fns.is_block(fs.func)) {
                (0, _) => g.home,
                (_, true) => match ids.get(fs.home as usize) {
                    Some(&h) => h,
                    None => vm.fresh_frame_id(),
                },
                (_, false) => vm.fresh_frame_id(),
            };
            ids.push(id);
        }
        let cx = RebuildContext {
            frame_ids: &ids,
            version_cref: g.cref,
        };
        let frames = match rebuild_frames(vm, resume, &g.meta.deleted, g.frame, &cx) {
            Ok(frames) => frames,
            Err(e) => {
                crate::release_roots(vm, roots);
                return Err(e);
            }
        };
        Ok(Deopt {
            event,
            given_up,
            frames,
            ids,
            roots,
        })
    }

    /// The `--print-stats` report.
    pub fn report(&self, fns: &dyn Functions) -> String {
        let s = self.manager.report(&|f| fns.name(f));
        // Before the list of functions given up, which ends the report.
        let line = format!("versions invalidated: {}\n", self.assumptions.invalidations);
        match s.find("functions given up") {
            Some(at) => format!("{}{line}{}", &s[..at], &s[at..]),
            None => s + &line,
        }
    }
}
