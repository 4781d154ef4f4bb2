//! rebound's deoptimization runtime.
//!
//! - [`rebuild_frames`]: when a guard of a speculative version fails, turn its resume
//!   point (one [`ir::FrameState`] per IR0 frame: the version's own function and each
//!   inlined level) into [`RebuiltFrame`]s holding actual values: every value is read from
//!   a live temp of the version, a frame local of the version, or rebuilt from the
//!   version's deleted-temp table; a dynscope that dynscope elimination removed is
//!   re-allocated and filled with its locals, and a block closure whose creation inlining
//!   removed is made again. The interpreter then runs those frames in IR0.
//! - [`DeoptManager`]: counts deopts per function and per guard, records the failed
//!   speculations so that the next version does not make them again, and decides when a
//!   function has deoptimized too often and stays in IR0.
//!
//! - [`assume`]: the assumption registry (invariant 8): what each version assumes without a
//!   guard, and which versions a method definition invalidates.
//! - [`protocol`]: the deopt protocol every executor follows: per-version deopt metadata
//!   ([`VersionMeta`], [`GuardSite`]) and the [`DeoptDriver`] (registering versions,
//!   invalidation, deopt stress, tracing, recording a deopt and rebuilding its frames).
//! - [`tables`]: which version runs for a function ([`VersionTable`]: current versions,
//!   OSR versions, functions refused, every version by registry id).
//!
//! This crate knows the IR and the runtime's values, not an executor's frame layout: an
//! executor reads version registers through [`VersionFrame`] and pushes the
//! [`RebuiltFrame`]s itself. `tests/driver.rs` drives the protocol with a fake executor.

pub mod assume;
pub mod protocol;
pub mod tables;

pub use assume::{AssumptionRegistry, Invalidation, VersionId};
pub use protocol::{
    Deopt, DeoptDriver, Functions, GuardFailure, GuardSite, TraceSink, VersionMeta,
};
pub use tables::VersionTable;

use ir::{
    DeletedTemps, DeoptReason, FrameArgc, FrameValue, FuncId, Ipc, LocalId, Rebuild, ResumePoint,
    TempId,
};
use runtime::heap::BlockData;
use runtime::{Value, Vm};
use rustc_hash::{FxHashMap, FxHashSet};

/// Read access to the registers of the version frame whose guard failed.
pub trait VersionFrame {
    /// The value of a temp the version defines, boxed (an unboxed i64/f64 is boxed here);
    /// `None` if the version does not define it (then the deleted-temp table rebuilds it).
    fn temp(&self, vm: &mut Vm, t: TempId) -> Option<Value>;
    /// The current value of a frame local of the version.
    fn local(&self, l: LocalId) -> Value;
    /// The version frame's own `self`, block, captured scope.
    fn own(&self, which: &FrameValue) -> Value;
    /// The version frame's argument count.
    fn argc(&self) -> u32;
}

/// One IR0 frame to run, with its values.
#[derive(Clone, Debug)]
pub struct RebuiltFrame {
    pub func: FuncId,
    /// Where it continues (see [`ir::FrameState::ipc`]).
    pub ipc: Ipc,
    pub self_val: Value,
    pub block: Value,
    pub outer_scope: Value,
    /// Block frames: the block object being run (nil for method frames).
    pub block_obj: Value,
    /// The index (in the rebuilt frames) of the method frame a block frame belongs to.
    pub home: u32,
    pub argc: u32,
    /// The lexical class.
    pub cref: ir::ClassId,
    pub locals: Vec<(LocalId, Value)>,
    pub temps: Vec<(TempId, Value)>,
}

/// What rebuilding needs from the interpreter besides register reads.
pub struct RebuildContext<'a> {
    /// The activation ids the interpreter gives the rebuilt frames (index = frame).
    pub frame_ids: &'a [u64],
    /// The version frame's lexical class: the lexical class of the rebuilt frames whose
    /// [`ir::FrameState::cref`] is `None`.
    pub version_cref: ir::ClassId,
}

/// A failure to rebuild: a bug in the version (the verifier should have caught it).
#[derive(Debug, Clone, PartialEq)]
pub struct RebuildError(pub String);

impl std::fmt::Display for RebuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "deopt: {}", self.0)
    }
}

struct Rebuilder<'a> {
    vm: &'a mut Vm,
    frame: &'a dyn VersionFrame,
    deleted: FxHashMap<TempId, &'a Rebuild>,
    cx: &'a RebuildContext<'a>,
    scopes: FxHashMap<u32, Value>,
    blocks: FxHashMap<u32, Value>,
    /// The lexical class of each frame to rebuild (index = frame).
    crefs: Vec<ir::ClassId>,
}

impl<'a> Rebuilder<'a> {
    fn temp(&mut self, t: TempId, depth: u32) -> Result<Value, RebuildError> {
        if let Some(v) = self.frame.temp(self.vm, t) {
            return Ok(v);
        }
        if depth > 64 {
            return Err(RebuildError(format!("deleted-temp chain too long at {t}")));
        }
        match self.deleted.get(&t).copied() {
            Some(Rebuild::Const(c)) => Ok(const_value(self.vm, c)),
            Some(Rebuild::Temp(s)) | Some(Rebuild::BoxInt(s)) | Some(Rebuild::BoxFloat(s)) => {
                self.temp(*s, depth + 1)
            }
            None => Err(RebuildError(format!(
                "{t} is neither defined in the version nor in its deleted-temp table"
            ))),
        }
    }

    fn value(&mut self, v: &FrameValue) -> Result<Value, RebuildError> {
        Ok(match v {
            FrameValue::Nil => Value::NIL,
            FrameValue::VersionSelf | FrameValue::VersionBlock | FrameValue::VersionOuter => {
                self.frame.own(v)
            }
            FrameValue::Temp(t) => self.temp(*t, 0)?,
            FrameValue::Local(l) => self.frame.local(*l),
            FrameValue::Scope { id, parent, slots } => {
                if let Some(&s) = self.scopes.get(id) {
                    return Ok(s);
                }
                let parent = self.value(parent)?;
                let mut vals = Vec::with_capacity(slots.len());
                for s in slots {
                    vals.push(self.value(s)?);
                }
                let s = self.vm.new_scope(vals, parent);
                self.vm.extra_roots.push(s);
                self.scopes.insert(*id, s);
                s
            }
            FrameValue::Block {
                id,
                func,
                self_val,
                scope,
                home_block,
                home,
            } => {
                if let Some(&b) = self.blocks.get(id) {
                    return Ok(b);
                }
                let self_val = self.value(self_val)?;
                let scope = self.value(scope)?;
                let home_block = self.value(home_block)?;
                let home_frame = *self
                    .cx
                    .frame_ids
                    .get(*home as usize)
                    .ok_or_else(|| RebuildError(format!("block#{id}: no frame {home}")))?;
                // A block runs with the lexical class of the method it was written in.
                let cref = *self
                    .crefs
                    .get(*home as usize)
                    .ok_or_else(|| RebuildError(format!("block#{id}: no frame {home}")))?;
                let data = BlockData {
                    func: *func,
                    self_val,
                    scope,
                    home_block,
                    home_frame,
                    cref,
                    home_method: None,
                };
                let b = self.vm.new_block(data);
                self.vm.extra_roots.push(b);
                self.blocks.insert(*id, b);
                b
            }
        })
    }
}

/// The Value of an IR constant.
pub fn const_value(vm: &mut Vm, c: &ir::Const) -> Value {
    match c {
        ir::Const::Nil => Value::NIL,
        ir::Const::True => Value::TRUE,
        ir::Const::False => Value::FALSE,
        ir::Const::Int(i) => vm.int(*i),
        ir::Const::BigInt(s) => vm.parse_bigint(s),
        ir::Const::Float(f) => vm.float(*f),
        ir::Const::Str(s) => vm.str(s.clone()),
        ir::Const::Sym(s) => vm.symbol(s),
    }
}

/// Rebuilds the IR0 frames of a failed guard, outermost first. Every value made here
/// (scopes, blocks, boxed numbers) stays rooted in `vm.extra_roots` until the caller has
/// put the frames on its stack and calls [`release_roots`].
pub fn rebuild_frames(
    vm: &mut Vm,
    resume: &ResumePoint,
    deleted: &DeletedTemps,
    frame: &dyn VersionFrame,
    cx: &RebuildContext,
) -> Result<Vec<RebuiltFrame>, RebuildError> {
    let mut r = Rebuilder {
        vm,
        frame,
        deleted: deleted.entries.iter().map(|(t, rb)| (*t, rb)).collect(),
        cx,
        scopes: FxHashMap::default(),
        blocks: FxHashMap::default(),
        crefs: resume
            .frames
            .iter()
            .map(|fs| fs.cref.unwrap_or(cx.version_cref))
            .collect(),
    };
    let mut out = Vec::with_capacity(resume.frames.len());
    for (i, fs) in resume.frames.iter().enumerate() {
        let self_val = r.value(&fs.self_val)?;
        let block = r.value(&fs.block)?;
        let outer_scope = r.value(&fs.outer_scope)?;
        let block_obj = r.value(&fs.block_obj)?;
        let mut locals = Vec::with_capacity(fs.locals.len());
        for (l, v) in &fs.locals {
            let x = r.value(v)?;
            r.vm.extra_roots.push(x);
            locals.push((*l, x));
        }
        let mut temps = Vec::with_capacity(fs.temps.len());
        for (t, v) in &fs.temps {
            let x = r.value(v)?;
            r.vm.extra_roots.push(x);
            temps.push((*t, x));
        }
        for v in [self_val, block, outer_scope, block_obj] {
            r.vm.extra_roots.push(v);
        }
        let argc = match fs.argc {
            FrameArgc::Version => frame.argc(),
            FrameArgc::Known(n) => n,
        };
        out.push(RebuiltFrame {
            func: fs.func,
            ipc: fs.ipc,
            self_val,
            block,
            outer_scope,
            block_obj,
            home: fs.home,
            argc,
            cref: r.crefs[i],
            locals,
            temps,
        });
    }
    Ok(out)
}

/// Drops the roots [`rebuild_frames`] pushed (call once the frames are on the stack).
pub fn release_roots(vm: &mut Vm, len_before: usize) {
    vm.extra_roots.truncate(len_before);
}

/// One deopt, for `--trace-deopt` and the statistics.
#[derive(Clone, Debug)]
pub struct DeoptEvent {
    /// The function whose version deoptimized.
    pub func: FuncId,
    pub func_name: String,
    /// The guard (its Ipc in the version: the IR0 instruction it serves).
    pub guard: Ipc,
    pub reason: DeoptReason,
    /// For `invalidated`: the assumption that broke (`Integer#*`).
    pub detail: Option<String>,
    /// Where IR0 resumes: the innermost frame's function and instruction.
    pub resume_func: FuncId,
    pub resume_name: String,
    pub resume_ipc: Ipc,
    /// How many IR0 frames were rebuilt (1 + inlined levels).
    pub frames: usize,
}

impl std::fmt::Display for DeoptEvent {
    /// `deopt: fn19 Object#scale guard @4 reason type_guard resume fn19 Object#scale @4 frames 1`
    /// (an invalidation says what broke: `reason invalidated(Integer#*)`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let reason = match &self.detail {
            Some(d) => format!("{}({d})", self.reason),
            None => self.reason.to_string(),
        };
        write!(
            f,
            "deopt: {} {} guard {} reason {} resume {} {} {} frames {}",
            self.func,
            self.func_name,
            self.guard,
            reason,
            self.resume_func,
            self.resume_name,
            self.resume_ipc,
            self.frames
        )
    }
}

/// Statistics and decisions about deopts.
pub struct DeoptManager {
    /// After this many deopts, or this many occasions on which method changes invalidated
    /// its versions, a function gets no new version.
    pub limit: u32,
    per_func: FxHashMap<FuncId, u32>,
    /// Occasions on which method changes invalidated a function's versions.
    invalidated: FxHashMap<FuncId, u32>,
    per_guard: FxHashMap<(FuncId, Ipc), u32>,
    by_reason: FxHashMap<DeoptReason, u64>,
    /// Speculations that failed: (function owning the IR0 instruction, its Ipc). The next
    /// version does not speculate there.
    failed: FxHashSet<(FuncId, Ipc)>,
    given_up: FxHashSet<FuncId>,
    pub versions_built: u64,
    pub version_failures: u64,
    /// Versions the verifier rejected (a bug in a pass; never run).
    pub versions_rejected: u64,
    pub osr_entries: u64,
    /// Versions the executor freed (dropped, and no activation ran them any more).
    pub versions_freed: u64,
    pub total: u64,
}

impl DeoptManager {
    pub fn new(limit: u32) -> DeoptManager {
        DeoptManager {
            limit,
            per_func: FxHashMap::default(),
            invalidated: FxHashMap::default(),
            per_guard: FxHashMap::default(),
            by_reason: FxHashMap::default(),
            failed: FxHashSet::default(),
            given_up: FxHashSet::default(),
            versions_built: 0,
            version_failures: 0,
            versions_rejected: 0,
            osr_entries: 0,
            versions_freed: 0,
            total: 0,
        }
    }

    /// Records a deopt. The failed speculation is the innermost frame's resume
    /// instruction (a type or overflow guard) or, for a class guard, the inlined call
    /// site. Returns whether the function is now given up.
    pub fn record(&mut self, ev: &DeoptEvent, failed_site: (FuncId, Ipc)) -> bool {
        self.total += 1;
        *self.per_guard.entry((ev.func, ev.guard)).or_default() += 1;
        *self.by_reason.entry(ev.reason).or_default() += 1;
        // A redefined method may be inlined again (the new one), and an invalidated
        // version's guards did not fail; other speculations failed for good.
        if !matches!(
            ev.reason,
            DeoptReason::MethodRedefined | DeoptReason::Invalidated
        ) {
            self.failed.insert(failed_site);
        }
        let n = self.per_func.entry(ev.func).or_default();
        *n += 1;
        if *n >= self.limit {
            self.given_up.insert(ev.func);
            return true;
        }
        false
    }

    /// Records that method changes invalidated `func`'s versions (once per batch of
    /// changes the executor takes), and gives the function up at `limit` such occasions:
    /// a program that redefines a method on every call of the function that inlined it (a
    /// `def` inside a hot method) would otherwise have the function built again after
    /// every change, for the whole run.
    pub fn record_invalidation(&mut self, func: FuncId) {
        let n = self.invalidated.entry(func).or_default();
        *n += 1;
        if *n >= self.limit {
            self.given_up.insert(func);
        }
    }

    /// Whether a speculation at this IR0 instruction failed before.
    pub fn failed(&self, func: FuncId, ipc: Ipc) -> bool {
        self.failed.contains(&(func, ipc))
    }

    /// The failed speculation sites of a function.
    pub fn failed_sites(&self, func: FuncId) -> Vec<Ipc> {
        let mut v: Vec<Ipc> = self
            .failed
            .iter()
            .filter(|(f, _)| *f == func)
            .map(|(_, i)| *i)
            .collect();
        v.sort();
        v
    }

    pub fn given_up(&self, func: FuncId) -> bool {
        self.given_up.contains(&func)
    }

    pub fn deopts_of(&self, func: FuncId) -> u32 {
        self.per_func.get(&func).copied().unwrap_or(0)
    }

    /// The `--print-stats` report.
    pub fn report(&self, name_of: &dyn Fn(FuncId) -> String) -> String {
        let mut s = String::new();
        s.push_str(&format!("versions built: {}\n", self.versions_built));
        if self.version_failures > 0 {
            s.push_str(&format!("versions refused: {}\n", self.version_failures));
        }
        if self.versions_rejected > 0 {
            s.push_str(&format!(
                "versions rejected by the verifier: {}\n",
                self.versions_rejected
            ));
        }
        if self.versions_freed > 0 {
            s.push_str(&format!("versions freed: {}\n", self.versions_freed));
        }
        s.push_str(&format!("osr entries: {}\n", self.osr_entries));
        s.push_str(&format!("deopts: {}\n", self.total));
        let mut reasons: Vec<(String, u64)> = self
            .by_reason
            .iter()
            .map(|(r, n)| (r.to_string(), *n))
            .collect();
        reasons.sort();
        for (r, n) in reasons {
            s.push_str(&format!("  {r}: {n}\n"));
        }
        let mut given: Vec<FuncId> = self.given_up.iter().copied().collect();
        given.sort();
        s.push_str(&format!("functions given up: {}\n", given.len()));
        for f in given {
            s.push_str(&format!("  {} {}\n", f, name_of(f)));
        }
        s
    }
}
