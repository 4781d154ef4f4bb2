//! The optimizing tier in the interpreter (tier `opt`): when a function gets hot (its
//! counters reach the engine's thresholds), ask the engine's [`TierPolicy`] for a
//! speculative version, run it instead of IR0 from then on, enter
//! it in the middle of a long loop (OSR), and deoptimize when one of its guards fails:
//! rebuild the IR0 frames (through `deopt-runtime`) and carry on in IR0.

use crate::code::{Code, Loc, Op, REG_BLOCK, REG_OUTER, REG_SELF};
use crate::{Frame, Interp};
pub use deopt_runtime::TraceSink;
use deopt_runtime::{DeoptDriver, GuardFailure, RebuiltFrame, VersionFrame, VersionTable};
use ir::profile::Profile;
use ir::{ClassId, FuncId, FuncKind, Function, Ipc, LocalId, TempId};
use runtime::class::{MethodBody, SymId};
use runtime::{RResult, Unwind, Value, Vm};
use rustc_hash::FxHashMap;

/// The tier policy, which the engine implements (`rebound::OptTier`): which functions get
/// versions, how versions are built (the speculative pipeline, answering the passes'
/// questions, `ir::pass::Oracle`, from the interpreter's IR0, profiles and runtime), and
/// how a failed build counts. The numbers the run loop compares its counters with
/// (`TierState::threshold`, `osr_every`) and the deopt limit (`DeoptManager::new`) are set
/// by the engine too; the interpreter only counts and asks.
pub trait TierPolicy {
    /// Whether function `ir0` (its IR0) may get a version entered at its calls
    /// (`osr == None`) or in the middle of its loop whose header is `osr`.
    fn wants_version(&self, ir0: &Function, osr: Option<Ipc>) -> bool;

    /// A version of `func` from its IR0 and profiles; for an OSR entry, the version is
    /// entered at the loop header whose first instruction is `osr`.
    fn build(
        &mut self,
        func: FuncId,
        osr: Option<Ipc>,
        interp: &Interp,
    ) -> Result<Function, BuildError>;
}

/// Why there is no version.
#[derive(Clone, Debug)]
pub enum BuildError {
    /// A pass or the OSR entry declined (a shape it does not handle): not a bug.
    Refused(String),
    /// The verifier rejected what the passes built: a bug in a pass, reported.
    Rejected(String),
}

/// What an executor's version frame passes on to the outermost IR0 frame rebuilt from it
/// ([`Interp::resume_ir0`]).
#[derive(Clone, Copy, Debug)]
pub struct ResumeFrom {
    /// The method entry the version frame runs (for `super`).
    pub method: Option<runtime::class::MethodId>,
    /// A block version's block object (the tag of its `break`); nil otherwise.
    pub block_obj: Value,
}

/// The state of the optimizing tier.
pub struct TierState {
    /// Build and run versions at all (tier `opt`).
    pub enabled: bool,
    /// Calls (or loop back-edges) after which a function gets a version (set by the
    /// engine).
    pub threshold: u64,
    /// After the threshold, a loop of a function without a version asks for an OSR
    /// version again every `osr_every` back-edges (set by the engine; a power of two).
    pub osr_every: u64,
    /// The deopt protocol's state: statistics, the assumption registry, stress, tracing.
    pub driver: DeoptDriver,
    /// The engine's policy (`None` outside tier `opt`).
    pub policy: Option<Box<dyn TierPolicy>>,
    /// Which version runs for each function (shared with the deopt runtime's rules).
    pub(crate) table: VersionTable<&'static Code>,
    /// The values passed to the OSR entry being entered, in its declared order
    /// (`ir::OsrEntry::values`; read by `OsrLoad`).
    pub(crate) osr_args: Vec<Value>,
    /// Versions dropped (no longer entered) but maybe still run by an activation: freed
    /// by `free_retired` once none runs them.
    pub(crate) retired: Vec<&'static Code>,
    /// Method resolution checks of `GuardMethod`, cached per method serial.
    method_checks: FxHashMap<(u32, SymId), (u64, Option<FuncId>)>,
}

impl Default for TierState {
    fn default() -> TierState {
        TierState {
            enabled: false,
            threshold: 1000,
            osr_every: 1024,
            driver: DeoptDriver::default(),
            policy: None,
            table: VersionTable::default(),
            osr_args: Vec::new(),
            retired: Vec::new(),
            method_checks: FxHashMap::default(),
        }
    }
}

/// Reads the registers of a version frame for the deopt runtime.
struct VersionRegs {
    code: &'static Code,
    regs: *mut Value,
    uregs: *mut u64,
    argc: u32,
}

impl VersionFrame for VersionRegs {
    fn temp(&self, vm: &mut Vm, t: TempId) -> Option<Value> {
        if !self.code.defined.contains(&t) {
            return None;
        }
        // SAFETY: the version frame is live (its registers are below the rebuilt frames).
        Some(unsafe {
            match self.code.loc(t)? {
                Loc::Reg(r) => *self.regs.add(r as usize),
                Loc::I64(u) => vm.int(*self.uregs.add(u as usize) as i64),
                Loc::F64(u) => vm.float(f64::from_bits(*self.uregs.add(u as usize))),
            }
        })
    }

    fn local(&self, l: LocalId) -> Value {
        match self.code.local_regs.get(l.index()) {
            // SAFETY: as above.
            Some(&r) => unsafe { *self.regs.add(r as usize) },
            None => Value::NIL,
        }
    }

    fn own(&self, which: &ir::FrameValue) -> Value {
        let r = match which {
            ir::FrameValue::VersionSelf => REG_SELF,
            ir::FrameValue::VersionBlock => REG_BLOCK,
            _ => REG_OUTER,
        };
        // SAFETY: as above.
        unsafe { *self.regs.add(r as usize) }
    }

    fn argc(&self) -> u32 {
        self.argc
    }
}

/// What the deopt driver asks about functions, answered from their IR0.
struct FunctionNames<'a>(&'a [Option<Function>]);

impl deopt_runtime::Functions for FunctionNames<'_> {
    fn name(&self, func: FuncId) -> String {
        match self.0.get(func.index()) {
            Some(Some(f)) => f.name.clone(),
            _ => String::new(),
        }
    }

    fn is_block(&self, func: FuncId) -> bool {
        matches!(
            self.0.get(func.index()),
            Some(Some(Function {
                kind: FuncKind::Block { .. },
                ..
            }))
        )
    }
}

impl Interp {
    /// The code to run for a call of `fid`: its version when it has one, else IR0 (and,
    /// in tier `opt`, a version is built once IR0 gets hot).
    #[inline]
    pub(crate) fn entry_code(&mut self, fid: FuncId) -> &'static Code {
        if !self.tier.enabled {
            return self.code(fid);
        }
        if !self.vm.method_changes.is_empty() {
            self.take_method_changes();
        }
        if let Some(v) = self.tier.table.current(fid) {
            return v;
        }
        let code = self.code(fid);
        if code.calls.get() + 1 >= self.tier.threshold {
            if let Some(v) = self.try_version(fid) {
                return v;
            }
        }
        code
    }

    /// Whether version `v` may run in a frame pushed on top of the current depth (`on`:
    /// 1 when its frame is already counted, an OSR entry). Near the depth limit, IR0 runs
    /// instead of a version with inlined calls: in IR0 each of those calls pushes a frame
    /// and would raise SystemStackError as it enters, before any of its code runs; the
    /// version runs the inlined code without entering anything, so it could do what IR0
    /// never does. (Calls made from inlined code count the inlined frames: `Op::CallIn`.
    /// A version entered by a call checks this as its first op, `Op::DepthCheck`.)
    #[inline(always)]
    pub(crate) fn may_enter(&self, v: &Code, on: usize) -> bool {
        v.max_inline_level == 0 || self.depth + v.max_inline_level as usize - on < self.max_depth
    }

    /// Builds a version of `fid` unless it has none coming.
    #[inline(never)]
    pub(crate) fn try_version(&mut self, fid: FuncId) -> Option<&'static Code> {
        if !self.tier.table.may_build(fid, &self.tier.driver.manager) {
            return None;
        }
        if !self.policy_wants(fid, None) {
            self.tier.table.refuse(fid);
            return None;
        }
        let code = self.build_code(fid, None);
        match code {
            Some(c) => self.tier.table.set_current(fid, c),
            None => self.tier.table.refuse(fid),
        }
        code
    }

    /// Takes the method changes the runtime logged and invalidates the versions whose
    /// assumptions they break: new calls no longer enter them (the function runs IR0 until
    /// it is hot again), and a running activation leaves at its next invalidation point.
    #[inline(never)]
    pub(crate) fn take_method_changes(&mut self) {
        let fns = FunctionNames(&self.functions);
        let broken = self.tier.driver.take_method_changes(&mut self.vm, &fns);
        for inv in broken {
            // A version already freed has no activation to stop.
            let Some(code) = self.tier.table.by_id(inv.version) else {
                continue;
            };
            if inv.leave {
                code.meta.invalidated.set(true);
            }
            self.drop_version(code);
        }
        self.free_retired();
    }

    /// An invalidation point of the running version `f`: takes the pending method changes
    /// and leaves (resuming in IR0 right after the instruction before the point) when they
    /// broke an assumption of the version, or when stress says so.
    #[inline(never)]
    pub(crate) fn invalidation_point(
        &mut self,
        f: &mut Frame,
        deopt: u32,
        regs: *mut Value,
        uregs: *mut u64,
    ) -> Option<RResult> {
        if !self.vm.method_changes.is_empty() {
            self.take_method_changes();
        }
        let code = f.code;
        let stress = self.tier.driver.stress.is_some()
            && self
                .tier
                .driver
                .stress_fails(&code.meta.sites[deopt as usize]);
        if code.meta.invalidated.get() || stress {
            return Some(self.deopt_because(
                f,
                deopt as usize,
                regs,
                uregs,
                Some(ir::DeoptReason::Invalidated),
            ));
        }
        None
    }

    /// Stops entering version `code`: its function runs IR0 (counting towards a new
    /// version from zero), and an OSR version is built again at its next entry.
    fn drop_version(&mut self, code: &'static Code) {
        self.tier
            .table
            .drop_version(code.func, &|c| std::ptr::eq(c, code));
        self.code(code.func).calls.set(0);
        self.code(code.func).backedges.set(0);
        if !self.tier.retired.iter().any(|c| std::ptr::eq(*c, code)) {
            self.tier.retired.push(code);
        }
    }

    /// Frees the dropped versions that no activation runs any more (`Code::active`):
    /// their code, their registration (`VersionTable::uninstall`) and their heap literals'
    /// entry in the root registry. Nothing else holds a version's code: the version and
    /// OSR tables dropped it, frames count themselves in `active`, inline caches and
    /// blocks name functions, not code, and error messages keep interned file names.
    pub(crate) fn free_retired(&mut self) {
        let mut i = 0;
        while i < self.tier.retired.len() {
            let code = self.tier.retired[i];
            if code.active.get() != 0 {
                i += 1;
                continue;
            }
            self.tier.retired.swap_remove(i);
            if let Some(id) = code.meta.id.get() {
                self.tier.table.uninstall(id);
                self.tier.driver.version_freed(id);
            }
            self.vm.code_roots.release(code.roots);
            self.tier.driver.manager.versions_freed += 1;
            // SAFETY: `code` was leaked by `build_code` and is referenced from nowhere
            // now (see above): this is the last use.
            drop(unsafe { Box::from_raw(code as *const Code as *mut Code) });
        }
    }

    /// Whether the policy gives `fid` a version (entered at calls, or at `osr`).
    fn policy_wants(&self, fid: FuncId, osr: Option<Ipc>) -> bool {
        match (&self.tier.policy, self.function(fid)) {
            (Some(p), Some(f)) => p.wants_version(f, osr),
            _ => false,
        }
    }

    /// Asks the policy for a version and translates it.
    fn build_code(&mut self, fid: FuncId, osr: Option<Ipc>) -> Option<&'static Code> {
        // Build against the method tables as they are now, with no change pending.
        if !self.vm.method_changes.is_empty() {
            self.take_method_changes();
        }
        self.free_retired();
        let mut policy = self.tier.policy.take()?;
        let r = policy.build(fid, osr, self);
        self.tier.policy = Some(policy);
        match r {
            Ok(f) => {
                let code = crate::translate_in(&mut self.vm, &self.functions, &f);
                let id =
                    self.tier
                        .driver
                        .register_version(&mut self.vm, &code.meta, &f.assumptions);
                let code: &'static Code = Box::leak(Box::new(code));
                self.tier.table.install(id, code);
                // The version's IR is not kept: its code carries what deopt needs
                // (`Code::meta`), and `--dump-dir` already wrote it, pass by pass.
                Some(code)
            }
            Err(BuildError::Refused(_)) => {
                self.tier.driver.manager.version_failures += 1;
                None
            }
            Err(BuildError::Rejected(_)) => {
                self.tier.driver.manager.versions_rejected += 1;
                None
            }
        }
    }

    /// Whether `name` on class `class` resolves to the Ruby function `func` (cached per
    /// method-definition serial).
    pub(crate) fn method_is(&mut self, class: u32, name: SymId, func: FuncId) -> bool {
        let serial = self.vm.method_serial;
        if let Some(&(s, f)) = self.tier.method_checks.get(&(class, name)) {
            if s == serial {
                return f == Some(func);
            }
        }
        let f =
            self.vm
                .find_method(ClassId(class), name)
                .and_then(|m| match self.vm.method(m).body {
                    MethodBody::Ruby(f) => Some(f),
                    _ => None,
                });
        self.tier.method_checks.insert((class, name), (serial, f));
        f == Some(func)
    }

    /// A guard of the running version failed: record it, rebuild the IR0 frames and run
    /// them; their result is the version frame's result. No ensure or rescue of the
    /// version runs (invariant 7).
    #[inline(never)]
    pub(crate) fn deopt(
        &mut self,
        f: &mut Frame,
        idx: usize,
        regs: *mut Value,
        uregs: *mut u64,
    ) -> RResult {
        self.deopt_because(f, idx, regs, uregs, None)
    }

    /// A deopt with the reason the check found (a method guard fails as a class guard or
    /// because the method was redefined).
    #[inline(never)]
    pub(crate) fn deopt_because(
        &mut self,
        f: &mut Frame,
        idx: usize,
        regs: *mut Value,
        uregs: *mut u64,
        reason: Option<ir::DeoptReason>,
    ) -> RResult {
        let code = f.code;
        let vr = VersionRegs {
            code,
            regs,
            uregs,
            argc: f.argc,
        };
        let failure = GuardFailure {
            meta: &code.meta,
            site: idx,
            reason,
            frame: &vr,
            home: f.home,
            cref: f.cref,
        };
        let fns = FunctionNames(&self.functions);
        let r = self.tier.driver.deopt(&mut self.vm, &fns, &failure);
        // This version is done: the function runs IR0 until it is hot again (with the
        // failed speculation recorded), or for good once it has deoptimized too often. An
        // OSR version is rebuilt (without the failed speculation) the next time.
        if code.is_version {
            self.drop_version(code);
            // The frame is done with the version's code: only its result (the rebuilt
            // frames') is left to return, so the code may be freed while they run.
            f.left = true;
            code.active.set(code.active.get() - 1);
        }
        match r {
            Ok(d) => {
                if d.given_up && code.is_version {
                    self.tier.table.refuse(code.func);
                }
                self.run_rebuilt(f, d.frames, &d.ids, d.roots)
            }
            Err(e) => {
                let c = self.vm.c.runtime_error;
                Err(self.vm.error(c, format!("rebound: {e}")))
            }
        }
    }

    /// Pushes the rebuilt IR0 frames (outermost first) and runs them innermost first: each
    /// outer frame is suspended at its inlined call and continues with the inner frame's
    /// result (or unwind).
    fn run_rebuilt(
        &mut self,
        outer: &Frame,
        frames: Vec<RebuiltFrame>,
        ids: &[u64],
        roots: usize,
    ) -> RResult {
        // The version's frame is the top frame, and everything the rebuilt frames need
        // has been read out of it: they take its place on the stack (its caller still
        // pops it afterwards), so that repeated deopts and OSR entries of one activation
        // do not pile frames up.
        // They take its place in the depth count too: the outermost is the same Ruby
        // frame.
        self.sp = outer.fp;
        self.usp = outer.ufp;
        let from = ResumeFrom {
            method: outer.method,
            block_obj: outer.block_obj,
        };
        self.depth -= 1;
        let r = self.resume_ir0(from, frames, ids, roots);
        self.depth += 1;
        r
    }

    /// "Resume these IR0 frames", for any executor: pushes the IR0 frames the deopt
    /// driver rebuilt (`Deopt::frames`, outermost first, with their activation ids
    /// `Deopt::ids`) on top of the value stack, releases the roots the rebuild held
    /// (`Deopt::roots`), and runs them innermost first, each outer frame continuing
    /// with the inner one's result (or unwind). Returns the outermost frame's result:
    /// what the executor's version frame returns. `from` is what the version frame
    /// passes on to the outermost rebuilt frame.
    pub fn resume_ir0(
        &mut self,
        from: ResumeFrom,
        frames: Vec<RebuiltFrame>,
        ids: &[u64],
        roots: usize,
    ) -> RResult {
        let n = frames.len();
        if n == 0 || ids.len() != n {
            deopt_runtime::release_roots(&mut self.vm, roots);
            let c = self.vm.c.runtime_error;
            return Err(self.vm.error(c, "rebound: no frames to resume"));
        }
        // The block each frame was given: a `break` from it ends the call in the frame
        // around (whose own register for the block may be dead after the call).
        let given: Vec<Value> = frames.iter().map(|f| f.block).collect();
        let mut pushed: Vec<(Frame, usize)> = Vec::with_capacity(n);
        for (i, fr) in frames.iter().enumerate() {
            let code = self.code(fr.func);
            let ufp = self.usp;
            let fp = match self.push_frame(code, fr.self_val, fr.block, fr.outer_scope, 0, |_| {
                Value::NIL
            }) {
                Ok(fp) => fp,
                Err(e) => {
                    for (fr, _) in pushed.iter().rev() {
                        self.pop_frame(fr.fp, fr.ufp);
                    }
                    deopt_runtime::release_roots(&mut self.vm, roots);
                    return Err(e);
                }
            };
            // Locals before temps: a temp may share its local's register (`code.rs`,
            // `Translator::analyze`), and at a resume between the temp's definition and
            // its store the register must end with the temp's value. (The corpus under
            // deopt stress fails with the other order.)
            for (l, v) in &fr.locals {
                if let Some(&r) = code.local_regs.get(l.index()) {
                    self.stack[fp + r as usize] = *v;
                }
            }
            for (t, v) in &fr.temps {
                if let Some(Loc::Reg(r)) = code.loc(*t) {
                    self.stack[fp + r as usize] = *v;
                }
            }
            let home = ids.get(fr.home as usize).copied().unwrap_or(ids[i]);
            let is_block = code.is_block;
            let frame = Frame {
                code,
                fp,
                ufp,
                argc: fr.argc,
                home: if is_block { home } else { ids[i] },
                cref: fr.cref,
                method: if i == 0 { from.method } else { None },
                // The outermost frame is the version's own function: a block version's
                // frame knows its block object (for `break`).
                block_obj: if i == 0 && is_block {
                    from.block_obj
                } else {
                    fr.block_obj
                },
                left: false,
            };
            let pc = if i + 1 == n {
                code.ipc_pc.get(&fr.ipc).copied()
            } else {
                code.after_call.get(&fr.ipc).map(|(pc, _)| *pc)
            };
            if pc.is_none() {
                for (fr, _) in pushed.iter().rev() {
                    self.pop_frame(fr.fp, fr.ufp);
                }
                self.pop_frame(fp, ufp);
                deopt_runtime::release_roots(&mut self.vm, roots);
                let c = self.vm.c.runtime_error;
                return Err(self.vm.error(
                    c,
                    format!("rebound: no resume point {} in {}", fr.ipc, fr.func),
                ));
            }
            pushed.push((frame, pc.unwrap() as usize));
        }
        // Everything the frames hold is on the stack now.
        deopt_runtime::release_roots(&mut self.vm, roots);
        let mut result: Option<RResult> = None;
        for k in (0..n).rev() {
            let (mut frame, start) = pushed.pop().unwrap();
            let r = match result.take() {
                None => self.run_at(&mut frame, start),
                Some(inner) => {
                    // This frame is suspended in the call at `start - 1`.
                    let call_pc = start - 1;
                    let (dst, block) = match frame.code.ops[call_pc] {
                        Op::Call { dst, .. }
                        | Op::CallPoint { dst, .. }
                        | Op::CallIn { dst, .. }
                        | Op::CallPointIn { dst, .. } => (dst, given[k + 1]),
                        Op::Super { dst, .. } | Op::Yield { dst, .. } => (dst, Value::NIL),
                        _ => (crate::code::NO_REG, Value::NIL),
                    };
                    match inner {
                        Ok(v) => {
                            if dst != crate::code::NO_REG {
                                self.stack[frame.fp + dst as usize] = v;
                            }
                            self.run_at(&mut frame, start)
                        }
                        Err(e) => match *e {
                            Unwind::Break { tag, value } if block != Value::NIL && tag == block => {
                                self.stack[frame.fp + dst as usize] = value;
                                self.run_at(&mut frame, start)
                            }
                            other => match self.unwind_to_handler(&frame, call_pc, Box::new(other))
                            {
                                Ok(h) => self.run_at(&mut frame, h),
                                Err(e) => Err(e),
                            },
                        },
                    }
                }
            };
            // A `return` from a block to this (method) frame ends it with that value.
            let r = match r {
                Err(u) if k > 0 && !frame.code.is_block => match *u {
                    Unwind::Return { frame: id, value } if id == ids[k] => Ok(value),
                    other => Err(Box::new(other)),
                },
                r => r,
            };
            self.pop_frame(frame.fp, frame.ufp);
            result = Some(r);
        }
        result.unwrap_or(Ok(Value::NIL))
    }

    /// OSR: the IR0 frame `f` reached the loop header at `target` often enough; if a
    /// version entered there can be had, move the frame's state into it and run it.
    /// Returns the frame's result, or `None` to carry on in IR0.
    #[inline(never)]
    pub(crate) fn try_osr(&mut self, f: &mut Frame, target: usize) -> Option<RResult> {
        let code = f.code;
        let fid = code.func;
        if code.is_version || !self.tier.table.may_build(fid, &self.tier.driver.manager) {
            return None;
        }
        let header = code.ipcs[target];
        if !self.policy_wants(fid, Some(header)) {
            return None;
        }
        let v = match self.tier.table.osr(fid, header) {
            Some(v) => v,
            None => {
                let v = self.build_code(fid, Some(header));
                self.tier.table.set_osr(fid, header, v);
                v
            }
        }?;
        // The OSR calling convention: the values the entry declares, in its order, read
        // out of the IR0 frame (every IR0 temp has a register).
        self.tier.osr_args.clear();
        for &t in &v.osr_values {
            let Some(Loc::Reg(r)) = code.loc(t) else {
                debug_assert!(false, "IR0 temp {t} has no register");
                return None;
            };
            self.tier.osr_args.push(self.stack[f.fp + r as usize]);
        }
        self.tier.driver.manager.osr_entries += 1;
        let locals: Vec<Value> = code
            .local_regs
            .iter()
            .map(|&r| self.stack[f.fp + r as usize])
            .collect();
        // The version's frame takes the IR0 frame's place (`run_in_place_of`).
        debug_assert_eq!(self.sp, f.fp + code.nregs as usize);
        debug_assert_eq!(self.usp, f.ufp, "an IR0 frame has no unboxed registers");
        if !self.may_enter(v, 1) {
            return None;
        }
        let r = self.run_in_place_of(f, v, |interp, fp| {
            for (l, val) in locals.into_iter().enumerate() {
                if let Some(&vr) = v.local_regs.get(l) {
                    interp.stack[fp + vr as usize] = val;
                }
            }
        });
        self.tier.osr_args.clear();
        Some(r)
    }

    /// The profile of `func`'s IR0, with the sites where a speculation failed before.
    pub fn ir0_profile(&self, func: FuncId) -> Option<Profile> {
        let code = self.codes().find(|c| c.func == func && !c.is_version)?;
        let mut p = self.profile_of(code);
        p.failed = self
            .tier
            .driver
            .manager
            .failed_sites(func)
            .into_iter()
            .collect();
        Some(p)
    }

    /// The names and kinds of the interpreter's functions, for the deopt driver's
    /// reports.
    pub fn function_names(&self) -> impl deopt_runtime::Functions + '_ {
        FunctionNames(&self.functions)
    }
}
