//! The verifier: checks that a function is well formed and keeps rebound's invariants
//! (docs/design.md, §3). It never stops at the first problem: it collects every error, each naming
//! its place (`fn3 Foo#bar bb2 @17: use of undefined %t9`), sorted by section (function,
//! blocks in order, deleted-temp table, unboxed-temp table) and position.
//!
//! # What [`verify`] checks
//!
//! Function:
//! - the function has blocks, its entry block exists and has no parameters (nothing passes
//!   them);
//! - block `i` has id `bbi`.
//!
//! Blocks and control flow:
//! - every block ends with a terminator and has no terminator elsewhere (an empty block
//!   is an error);
//! - every jump target exists and is passed exactly as many arguments as it has
//!   parameters;
//! - every handler exists, starts with `catch_unwind` and has no parameters (it is entered
//!   by an unwind, not a jump); `catch_unwind` appears only as the first instruction of a
//!   block that is some block's handler.
//!
//! Temps, `Ipc`s and values:
//! - every temp is defined at most once (by an instruction or as a block parameter) and
//!   its id is below `next_temp` (invariant 3);
//! - every `Ipc` is below `next_ipc`, except in a version's inlined instructions
//!   (`inlined > 0`), whose `Ipc`s are the callee's; in IR0, no two instructions share one
//!   (invariant 2);
//! - an instruction defines a value exactly when [`InstKind::defines_value`] allows it;
//! - every operand ([`InstKind::for_each_operand`]: not the temps of resume points) is
//!   defined on every path from the entry to it: a dataflow over the CFG with its handler
//!   edges, where a handler may only use what is defined on entry to each block it
//!   protects (block parameters included) or in that block before its first instruction
//!   that may unwind (what is surely defined whenever the block unwinds; merging a block
//!   into its protected successor, as simplifycfg does, keeps such uses valid). A deleted temp is no
//!   exception: the deleted-temp table only serves resume points. Unreachable blocks are
//!   checked structurally, and their operands must name a temp defined somewhere;
//! - locals: `load`/`store` name a local below `locals.len()`;
//! - dynscope slots: `scope_load`/`scope_store` on a scope made by `scope_new` in this
//!   function use a slot below `scope.len()` (slots of outer scopes, `scope_outer`, cannot
//!   be checked locally);
//! - arguments: `arg i` needs `i < required + optional`, `arg_given n` needs
//!   `n <= required + optional` (there are no rest parameters, so an argument past the
//!   parameters is an error);
//! - a call marked `vcall` (a bare identifier) has no receiver, no arguments and no block.
//!
//! IR0 (phase `Ir0`) holds nothing speculative: no guard, no unboxed instruction
//! (`unbox_*`, `box_*`, `i64`, `f64`, `iadd`.., `ilt`.., `fadd`.., `flt`.., `i2f`), no
//! `ivar_load` or `ivar_store` (slot accesses behind a class guard), every
//! `inlined` is 0, and the deleted-temp table, the unboxed-temp table and the inline sites
//! are empty.
//!
//! Speculative versions:
//! - inline sites form a tree: site `k` (1-based) has a parent below `k` (0 is the
//!   version's own function) and a `home` below `k`; a site whose parent is 0 has its call
//!   site below `next_ipc`. An instruction's `inlined` names an existing site (or 0);
//! - unboxed values never escape. Every temp of the unboxed-temp table is defined in the
//!   version; an instruction's `dst` has the kind the instruction produces (`unbox_int`,
//!   `i64`, `iadd`..: i64; `unbox_float`, `f64`, `fadd`.., `i2f`: f64; anything else:
//!   boxed), while a block parameter may have any kind; `unbox_*` take a boxed operand,
//!   `box_int`, `iadd`.., `ilt`.., `i2f` i64 operands, `box_float`, `fadd`.., `flt`.. f64
//!   operands, and every other operand (calls, returns, stores, `binary`, branch
//!   conditions, arrays, guards' checked values, ...) and every temp of a frame state is
//!   boxed; a jump argument has the kind of the target's parameter, and a `copy` (a move,
//!   as simplifycfg makes of merged parameters) the kind of its operand;
//! - resume points (of guards and of `iadd`..): an overflow-checked op resumes with reason
//!   `overflow`; the inline chain is the path of inline sites to the instruction's
//!   `inlined` context; without a chain, the resume `Ipc` is below `next_ipc`;
//! - frame states, when a resume point has them: one per level (`inline_chain.len() + 1`),
//!   frame 0 for the version's function and frame `i` for `inline_chain[i - 1].callee`;
//!   the innermost resumes at the resume point's `Ipc`, each outer one continues at its
//!   call site `inline_chain[i].call_site`; `home` (of a frame and of a block value)
//!   indexes a frame; a frame lists each IR0 local and temp once; a `Local` value names a
//!   local of the version; every temp a value refers to (nested in scopes and blocks too)
//!   is defined on every path to the resume point, or is deleted and rebuildable from
//!   temps that are (in unreachable blocks: defined somewhere or deleted);
//! - the deleted-temp table names temps below `next_temp` (entries and the temps they
//!   rebuild from), has at most one entry per temp, and none for a temp the version still
//!   defines; a `box_int` rebuild reads an i64 temp, `box_float` an f64 one, `copy` a boxed
//!   one;
//! - OSR: only a version has an OSR entry (`Function::osr`), whose values are distinct;
//!   an `osr_load` is in the entry block of a version with an OSR entry and reads one of
//!   its values;
//! - a slot access (`ivar_load`, `ivar_store`) is dominated by a `class` or `method`
//!   guard on the same object (every `self` of one inline context counting as one
//!   value): the slot is only right for the class the guard checks; an `array_get` or
//!   `array_set` by a `class` guard on its array;
//! - invariant 8: a version that assumes a core method is the builtin
//!   ([`Function::needs_invalidation_points`]) has an invalidation point (`guard assumptions`) right
//!   after every instruction that may run Ruby code ([`InstKind::may_run_ruby`]).
//!
//! # What [`verify_version_with`] adds
//!
//! Given a lookup of IR0s (invariants 4-6): the version's own IR0 is found, has the same
//! id, is in phase IR0 and the version's `next_temp` did not go back; every IR0 the lookup
//! returns is the one asked for and in phase IR0. An inline site's call site is a call
//! (`call`, `super`, `yield`) of its parent's IR0. Every instruction's `Ipc` is an
//! instruction of the IR0 of the function its inline context comes from (invariant 2).
//! Every reachable resume point is complete:
//! - with frame states: for each frame whose function's IR0 the lookup knows, the frame's
//!   `Ipc` is an instruction of that IR0 (a call for an outer frame), the frame describes
//!   every local of that IR0 (and no other), and every IR0 temp live there: live just
//!   before the resume instruction for the innermost frame, live after the call (less the
//!   call's result) for an outer one. The values themselves were checked by [`verify`];
//! - without frame states (the version's own temps stand for IR0's, invariant 3): the
//!   resume point is not in inlined code, resumes at an instruction of IR0, and every temp
//!   live in IR0 just before it is available at the resume point or rebuildable from the
//!   deleted-temp table.
//!
//! [`verify_version`] is [`verify_version_with`] knowing only the version's own IR0: the
//! frames of inlined callees are then checked by [`verify`]'s rules only.

use crate::cfg::{Cfg, DomTree, EdgeKind, Liveness};
use crate::types::*;
use petgraph::graph::{DiGraph, NodeIndex};
use rustc_hash::{FxHashMap, FxHashSet};
use std::fmt;

/// One problem found by the verifier, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyError {
    /// The function, as `fn3 Foo#bar`.
    pub func: String,
    pub block: Option<BlockId>,
    pub ipc: Option<Ipc>,
    pub message: String,
}

impl fmt::Display for VerifyError {
    /// `fn3 Foo#bar bb2 @17: use of undefined %t9` (block and `Ipc` when known).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.func)?;
        if let Some(b) = self.block {
            write!(f, " {b}")?;
        }
        if let Some(i) = self.ipc {
            write!(f, " {i}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for VerifyError {}

/// Checks `f` (see the module doc for the list). `Ok` or every error found.
pub fn verify(f: &Function) -> Result<(), Vec<VerifyError>> {
    let mut v = Verifier::new(f);
    v.check();
    v.finish()
}

/// Checks a version built from `ir0` (normally a speculative one): everything [`verify`]
/// checks on `version`, plus the completeness of its resume points (invariants 4-6) as
/// far as `ir0` shows it: frames of inlined callees are not checked against their IR0
/// (use [`verify_version_with`] for that).
pub fn verify_version(version: &Function, ir0: &Function) -> Result<(), Vec<VerifyError>> {
    let mut v = Verifier::new(version);
    v.check();
    if ir0.id != version.id {
        v.func_error(format!(
            "checked against the IR0 of another function ({} {})",
            ir0.id, ir0.name
        ));
    } else {
        v.check_against_ir0(&|id| (id == ir0.id).then_some(ir0));
    }
    v.finish()
}

/// Checks a version: everything [`verify`] checks, plus the completeness of its resume
/// points (invariants 4-6), each frame against the IR0 of its own function as `ir0_of`
/// returns it. The version's own IR0 must be known; frames of functions `ir0_of` does not
/// know are left to [`verify`]'s rules.
pub fn verify_version_with<'a>(
    version: &Function,
    ir0_of: &dyn Fn(FuncId) -> Option<&'a Function>,
) -> Result<(), Vec<VerifyError>> {
    let mut v = Verifier::new(version);
    v.check();
    v.check_against_ir0(ir0_of);
    v.finish()
}

/// Where a temp is defined.
#[derive(Clone, Copy, Debug)]
enum DefSite {
    Param(BlockId),
    /// Block and position in the block.
    Inst(BlockId, usize),
}

/// What a temp holds: a Value, or an unboxed machine number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Repr {
    Boxed,
    I64,
    F64,
}

impl Repr {
    fn of(kind: Option<&NumKind>) -> Repr {
        match kind {
            None => Repr::Boxed,
            Some(NumKind::I64) => Repr::I64,
            Some(NumKind::F64) => Repr::F64,
        }
    }

    /// What an instruction's result holds.
    fn produced_by(kind: &InstKind) -> Repr {
        use InstKind::*;
        match kind {
            UnboxInt(_) | ConstI64(_) | IntOp { .. } => Repr::I64,
            UnboxFloat(_) | ConstF64(_) | FloatOp { .. } | IntToFloat(_) => Repr::F64,
            _ => Repr::Boxed,
        }
    }
}

impl fmt::Display for Repr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Repr::Boxed => "boxed",
            Repr::I64 => "i64",
            Repr::F64 => "f64",
        })
    }
}

/// Whether an instruction works on unboxed numbers (speculative versions only).
fn is_unboxed_inst(kind: &InstKind) -> bool {
    use InstKind::*;
    matches!(
        kind,
        UnboxInt(_)
            | UnboxFloat(_)
            | BoxInt(_)
            | BoxFloat(_)
            | ConstI64(_)
            | ConstF64(_)
            | IntOp { .. }
            | IntCmp { .. }
            | FloatOp { .. }
            | FloatCmp { .. }
            | IntToFloat(_)
    )
}

/// Calls `f(operand, kind it must have)` on every operand of `kind` but jump arguments
/// and the operand of a copy (which take the kind of the parameter or temp they define).
fn for_each_typed_operand(kind: &InstKind, f: &mut dyn FnMut(TempId, Repr)) {
    use InstKind::*;
    match kind {
        UnboxInt(t) | UnboxFloat(t) => f(*t, Repr::Boxed),
        BoxInt(t) | IntToFloat(t) => f(*t, Repr::I64),
        BoxFloat(t) => f(*t, Repr::F64),
        IntOp { a, b, .. } | IntCmp { a, b, .. } => {
            f(*a, Repr::I64);
            f(*b, Repr::I64)
        }
        FloatOp { a, b, .. } | FloatCmp { a, b, .. } => {
            f(*a, Repr::F64);
            f(*b, Repr::F64)
        }
        // Jump arguments and copies take the kind of what they define.
        Jump(_) | Copy(_) => {}
        Branch { cond, .. } => f(*cond, Repr::Boxed),
        _ => kind.for_each_operand(&mut |t| f(t, Repr::Boxed)),
    }
}

/// A point of a function: just before instruction `.1` of the block at index `.0`.
type Point = (usize, usize);

/// A value of a frame state, as errors name it (`self`, `$1`, `%t4`).
#[derive(Clone, Copy)]
enum Slot {
    SelfVal,
    Block,
    OuterScope,
    BlockObj,
    Local(LocalId),
    Temp(TempId),
}

impl fmt::Display for Slot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Slot::SelfVal => f.write_str("self"),
            Slot::Block => f.write_str("block"),
            Slot::OuterScope => f.write_str("outer_scope"),
            Slot::BlockObj => f.write_str("block_obj"),
            Slot::Local(l) => write!(f, "{l}"),
            Slot::Temp(t) => write!(f, "{t}"),
        }
    }
}

/// The keys listed more than once in a frame state's list (in order of their repeats).
/// Frame states list their keys in increasing order, so the usual answer costs one pass
/// and no hashing (the verifier runs after every pass, on every guard).
fn repeated<K: Copy + Ord + std::hash::Hash, V>(list: &[(K, V)]) -> Vec<K> {
    if list.windows(2).all(|w| w[0].0 < w[1].0) {
        return Vec::new();
    }
    let mut seen = FxHashSet::default();
    list.iter()
        .filter(|(k, _)| !seen.insert(*k))
        .map(|(k, _)| *k)
        .collect()
}

/// Calls `f(slot, value)` on every value of a frame state.
fn for_each_slot(fr: &FrameState, f: &mut dyn FnMut(Slot, &FrameValue)) {
    f(Slot::SelfVal, &fr.self_val);
    f(Slot::Block, &fr.block);
    f(Slot::OuterScope, &fr.outer_scope);
    f(Slot::BlockObj, &fr.block_obj);
    fr.locals.iter().for_each(|(l, v)| f(Slot::Local(*l), v));
    fr.temps.iter().for_each(|(t, v)| f(Slot::Temp(*t), v));
}

/// What a frame value names besides temps: a local of the version, or (for a block) the
/// frame of its home method.
enum Named {
    Local(LocalId),
    Home(u32),
}

/// Calls `f` on every local and home frame a frame value (or a value nested in it) names.
fn for_each_named(v: &FrameValue, f: &mut dyn FnMut(Named)) {
    match v {
        FrameValue::Local(l) => f(Named::Local(*l)),
        FrameValue::Scope { parent, slots, .. } => {
            for_each_named(parent, f);
            slots.iter().for_each(|s| for_each_named(s, f));
        }
        FrameValue::Block {
            self_val,
            scope,
            home_block,
            home,
            ..
        } => {
            f(Named::Home(*home));
            for_each_named(self_val, f);
            for_each_named(scope, f);
            for_each_named(home_block, f);
        }
        // Leaves that name neither: nil, temps, the version frame's own values.
        _ => {}
    }
}

/// `[fn2@4 > fn5@1]`, as a resume point prints its chain.
fn chain_text(chain: &[InlineFrame]) -> String {
    let parts: Vec<String> = chain.iter().map(|fr| fr.to_string()).collect();
    format!("[{}]", parts.join(" > "))
}

/// Whether an instruction is a call that inlining may replace (its `Ipc` can be an inline
/// call site and an outer frame's continuation).
fn is_call(kind: &InstKind) -> bool {
    matches!(
        kind,
        InstKind::Call(_) | InstKind::Super(_) | InstKind::Yield(_)
    )
}

/// Sort key of an error: section (0 function and inline sites, 1 blocks, 2 deleted table,
/// 3 unboxed table), block (or inline site), position (0 for the block itself, `1 + i`
/// for instruction `i`).
type Key = (u8, u32, u32);

/// An IR0 the lookup returned, with its liveness.
struct Ir0<'a> {
    f: &'a Function,
    live: Liveness,
    ipcs: crate::function::IpcIndex,
}

struct Verifier<'f> {
    f: &'f Function,
    name: String,
    errors: Vec<(Key, VerifyError)>,
    /// The first definition of each temp, and a dense index for the dataflow sets.
    def_index: FxHashMap<TempId, u32>,
    def_sites: Vec<DefSite>,
    /// The deleted-temp table as a map (the last entry of a temp wins).
    deleted: FxHashMap<TempId, &'f Rebuild>,
    cfg: Cfg,
    /// The dominator tree of the blocks cut at their first instruction that may unwind
    /// (see `compute_avail`), and where each block is cut.
    avail: DomTree,
    first_unwind: Vec<usize>,
}

impl<'f> Verifier<'f> {
    fn new(f: &'f Function) -> Verifier<'f> {
        Verifier {
            f,
            name: function_label(f),
            errors: Vec::new(),
            def_index: FxHashMap::default(),
            def_sites: Vec::new(),
            deleted: f.deleted.entries.iter().map(|(t, r)| (*t, r)).collect(),
            cfg: Cfg::new(f),
            avail: DomTree::new::<(), ()>(&DiGraph::new(), None),
            first_unwind: Vec::new(),
        }
    }

    fn finish(mut self) -> Result<(), Vec<VerifyError>> {
        if self.errors.is_empty() {
            return Ok(());
        }
        self.errors.sort_by_key(|(k, _)| *k);
        Err(self.errors.into_iter().map(|(_, e)| e).collect())
    }

    fn error(&mut self, key: Key, block: Option<BlockId>, ipc: Option<Ipc>, message: String) {
        let e = VerifyError {
            func: self.name.clone(),
            block,
            ipc,
            message,
        };
        self.errors.push((key, e));
    }

    fn func_error(&mut self, message: String) {
        self.error((0, 0, 0), None, None, message);
    }

    fn site_error(&mut self, site: usize, message: String) {
        let msg = format!("inline site {}: {message}", site + 1);
        self.error((0, 1 + site as u32, 0), None, None, msg);
    }

    fn block_error(&mut self, b: usize, message: String) {
        self.error((1, b as u32, 0), Some(BlockId(b as u32)), None, message);
    }

    fn inst_error(&mut self, b: usize, i: usize, message: String) {
        let ipc = self.f.blocks[b].insts[i].ipc;
        self.error(
            (1, b as u32, 1 + i as u32),
            Some(BlockId(b as u32)),
            Some(ipc),
            message,
        );
    }

    fn block_exists(&self, b: BlockId) -> bool {
        b.index() < self.f.blocks.len()
    }

    fn speculative(&self) -> bool {
        self.f.phase == Phase::Speculative
    }

    fn check(&mut self) {
        self.check_function();
        self.check_inline_sites();
        self.collect_defs();
        self.check_blocks();
        self.check_kinds();
        self.compute_avail();
        self.check_uses();
        self.check_deleted();
        self.check_unboxed_table();
        self.check_invalidation_points();
        self.check_guarded_accesses();
    }

    /// The instructions that trust a guard instead of checking: a slot access
    /// (`ivar_load`, `ivar_store`) reads or writes at the offset one class's layout gave
    /// the variable, which is only right for objects of that class, and `array_get` and
    /// `array_set` take an Array's elements, so a check of the object's class (a `class`
    /// or `method` guard on the same value) must dominate them; `unbox_int` and
    /// `unbox_float` read the bits of a fixnum or a flonum, so an `is_fixnum` or
    /// `is_float` guard of their operand must dominate them (or the operand is a box of
    /// that kind). Every `self` of one inline context is the same value
    /// ([`Function::self_aliases`]), as `guardelim` and `dce` know.
    fn check_guarded_accesses(&mut self) {
        #[derive(Clone, Copy, PartialEq, Eq, Hash)]
        enum Check {
            Class,
            Fixnum,
            Float,
        }
        let f = self.f;
        let mut needs: Vec<(usize, usize, TempId, Check)> = Vec::new();
        for (bi, b) in f.blocks.iter().enumerate() {
            for (ii, inst) in b.insts.iter().enumerate() {
                match &inst.kind {
                    InstKind::IvarLoad { obj, .. }
                    | InstKind::IvarStore { obj, .. }
                    | InstKind::ArrayGet { array: obj, .. }
                    | InstKind::ArraySet { array: obj, .. } => {
                        needs.push((bi, ii, *obj, Check::Class))
                    }
                    InstKind::UnboxInt(t) => needs.push((bi, ii, *t, Check::Fixnum)),
                    InstKind::UnboxFloat(t) => needs.push((bi, ii, *t, Check::Float)),
                    _ => {}
                }
            }
        }
        if needs.is_empty() {
            return;
        }
        let same = f.self_aliases();
        let value = |t: TempId| same.get(&t).copied().unwrap_or(t);
        let mut guards: FxHashMap<(TempId, Check), Vec<(usize, usize)>> = FxHashMap::default();
        for (bi, b) in f.blocks.iter().enumerate() {
            for (ii, inst) in b.insts.iter().enumerate() {
                let InstKind::Guard { check, .. } = &inst.kind else {
                    continue;
                };
                let (t, c) = match check {
                    GuardCheck::Class(t, _) | GuardCheck::Method { recv: t, .. } => {
                        (t, Check::Class)
                    }
                    GuardCheck::IsFixnum(t) => (t, Check::Fixnum),
                    GuardCheck::IsFloat(t) => (t, Check::Float),
                    _ => continue,
                };
                guards.entry((value(*t), c)).or_default().push((bi, ii));
            }
        }
        for (bi, ii, t, check) in needs {
            // The CFG numbers blocks by their index (ids that differ are reported apart).
            let b = BlockId(bi as u32);
            if !self.cfg.is_reachable(b) {
                continue;
            }
            let boxed = match self.def_index.get(&t).map(|&d| self.def_sites[d as usize]) {
                Some(DefSite::Inst(db, di)) => {
                    let kind = &f.blocks[db.index()].insts[di].kind;
                    match check {
                        Check::Fixnum => matches!(kind, InstKind::BoxInt(_)),
                        Check::Float => matches!(kind, InstKind::BoxFloat(_)),
                        Check::Class => false,
                    }
                }
                _ => false,
            };
            let guarded = boxed
                || guards.get(&(value(t), check)).is_some_and(|gs| {
                    gs.iter().any(|&(gbi, gii)| {
                        if gbi == bi {
                            gii < ii
                        } else {
                            self.cfg.dominates(BlockId(gbi as u32), b)
                        }
                    })
                });
            if !guarded {
                let kind = &f.blocks[bi].insts[ii].kind;
                let what = match check {
                    Check::Class => "class",
                    Check::Fixnum => "is_fixnum",
                    Check::Float => "is_float",
                };
                self.inst_error(
                    bi,
                    ii,
                    format!("`{kind}` with no {what} guard of {t} dominating it"),
                );
            }
        }
    }

    /// Invariant 8: a version that assumes a core method is the builtin is invalidated by
    /// any Ruby code that redefines it, so every instruction that may run Ruby code is
    /// followed by an invalidation point (`guard assumptions`).
    fn check_invalidation_points(&mut self) {
        let f = self.f;
        if f.phase != Phase::Speculative || !f.needs_invalidation_points() {
            return;
        }
        for (bi, b) in f.blocks.iter().enumerate() {
            for (ii, inst) in b.insts.iter().enumerate() {
                let followed = b
                    .insts
                    .get(ii + 1)
                    .is_some_and(|n| n.kind.is_invalidation_point());
                if inst.kind.may_run_ruby() && !followed {
                    self.inst_error(
                        bi,
                        ii,
                        format!(
                            "may run Ruby code but no invalidation point follows it (the version assumes {})",
                            f.assumptions[0]
                        ),
                    );
                }
            }
        }
    }

    fn check_function(&mut self) {
        let f = self.f;
        if f.blocks.is_empty() {
            self.func_error("function has no blocks".into());
        } else if !self.block_exists(f.entry) {
            self.func_error(format!("entry {} does not exist", f.entry));
        } else if !f.block(f.entry).params.is_empty() {
            self.block_error(f.entry.index(), "the entry block has parameters".into());
        }
        if f.params.required.checked_add(f.params.optional).is_none() {
            let msg = format!(
                "{} required and {} optional parameters overflow a parameter count",
                f.params.required, f.params.optional
            );
            self.func_error(msg);
        }
        for (i, b) in f.blocks.iter().enumerate() {
            if b.id.index() != i {
                self.block_error(i, format!("block at index {i} has id {}", b.id));
            }
        }
        if f.phase == Phase::Ir0 {
            if !f.deleted.entries.is_empty() {
                self.func_error("IR0 has a deleted-temp table".into());
            }
            if !f.unboxed.is_empty() {
                self.func_error("IR0 has an unboxed-temp table".into());
            }
            if !f.inline_sites.is_empty() {
                self.func_error("IR0 has inline sites".into());
            }
            if !f.assumptions.is_empty() {
                self.func_error("IR0 has assumptions".into());
            }
            if f.osr.is_some() {
                self.func_error("IR0 has an OSR entry".into());
            }
        }
        if let Some(osr) = &f.osr {
            let mut seen = osr.values.clone();
            seen.sort();
            if let Some(w) = seen.windows(2).find(|w| w[0] == w[1]) {
                self.func_error(format!("the OSR entry passes {} twice", w[0]));
            }
        }
    }

    /// Inline sites form a tree rooted at the version's own function (context 0).
    fn check_inline_sites(&mut self) {
        let f = self.f;
        if !self.speculative() {
            return; // a non-empty list is already an error (`check_function`)
        }
        for (i, s) in f.inline_sites.iter().enumerate() {
            if s.parent as usize > i {
                self.site_error(i, format!("parent {} is not an earlier site", s.parent));
            } else if s.parent == 0 && s.call_site.0 >= f.next_ipc {
                let msg = format!(
                    "call site {} is not below next_ipc {}",
                    s.call_site, f.next_ipc
                );
                self.site_error(i, msg);
            }
            // A method's own context is its home (`i + 1`); a block's is an earlier one.
            if s.home as usize > i + 1 {
                let msg = format!("home {} is not this or an earlier inline context", s.home);
                self.site_error(i, msg);
            }
        }
    }

    /// The inline chain of inline context `k` (0: the version's own function): the sites
    /// from the outermost to `k`. `None` when `k` or a parent on the way does not exist or
    /// is not earlier than its child.
    fn site_chain(&self, k: u32) -> Option<Vec<InlineFrame>> {
        let mut chain = Vec::new();
        let mut k = k as usize;
        while k > 0 {
            let s = self.f.inline_sites.get(k - 1)?;
            if s.parent as usize >= k {
                return None;
            }
            chain.push(InlineFrame {
                callee: s.callee,
                call_site: s.call_site,
            });
            k = s.parent as usize;
        }
        chain.reverse();
        Some(chain)
    }

    /// Records the first definition of every temp; reports redefinitions and ids past
    /// `next_temp`.
    fn collect_defs(&mut self) {
        let f = self.f;
        for (bi, b) in f.blocks.iter().enumerate() {
            let bid = BlockId(bi as u32);
            for &p in &b.params {
                self.define(p, DefSite::Param(bid));
            }
            for (ii, inst) in b.insts.iter().enumerate() {
                if let Some(d) = inst.dst {
                    self.define(d, DefSite::Inst(bid, ii));
                }
            }
        }
    }

    fn define(&mut self, t: TempId, site: DefSite) {
        let report = |v: &mut Self, msg: String| match site {
            DefSite::Param(b) => v.block_error(b.index(), msg),
            DefSite::Inst(b, i) => v.inst_error(b.index(), i, msg),
        };
        if t.0 >= self.f.next_temp {
            report(
                self,
                format!("{t} is not below next_temp {}", self.f.next_temp),
            );
        }
        if let Some(&first) = self.def_index.get(&t) {
            let first = self.def_site_text(first);
            report(
                self,
                format!("{t} is defined more than once (first {first})"),
            );
            return;
        }
        self.def_index.insert(t, self.def_sites.len() as u32);
        self.def_sites.push(site);
    }

    /// `as a parameter of bb1`, `at bb2 @7`.
    fn def_site_text(&self, d: u32) -> String {
        match self.def_sites[d as usize] {
            DefSite::Param(b) => format!("as a parameter of {b}"),
            DefSite::Inst(b, i) => format!("at {b} {}", self.f.blocks[b.index()].insts[i].ipc),
        }
    }

    fn check_blocks(&mut self) {
        let f = self.f;
        let mut is_handler = vec![false; f.blocks.len()];
        for (bi, b) in f.blocks.iter().enumerate() {
            if let Some(h) = b.handler {
                if self.block_exists(h) {
                    is_handler[h.index()] = true;
                } else {
                    self.block_error(bi, format!("handler {h} does not exist"));
                }
            }
        }
        let mut first_ipc: FxHashMap<Ipc, BlockId> = FxHashMap::default();
        for (bi, b) in f.blocks.iter().enumerate() {
            if is_handler[bi] {
                if !matches!(
                    b.insts.first(),
                    Some(Inst {
                        kind: InstKind::CatchUnwind,
                        ..
                    })
                ) {
                    self.block_error(bi, "handler block does not start with catch_unwind".into());
                }
                if !b.params.is_empty() {
                    self.block_error(bi, "handler block has parameters".into());
                }
            }
            match b.insts.last() {
                None => self.block_error(bi, "empty block (no terminator)".into()),
                Some(last) if !last.kind.is_terminator() => self.inst_error(
                    bi,
                    b.insts.len() - 1,
                    "block does not end with a terminator".into(),
                ),
                _ => {}
            }
            for (ii, inst) in b.insts.iter().enumerate() {
                self.check_inst(bi, ii, inst, is_handler[bi]);
                if f.phase == Phase::Ir0 {
                    if let Some(first) = first_ipc.get(&inst.ipc) {
                        let msg = format!("{} is not unique in IR0 (first in {first})", inst.ipc);
                        self.inst_error(bi, ii, msg);
                    } else {
                        first_ipc.insert(inst.ipc, BlockId(bi as u32));
                    }
                }
            }
        }
    }

    /// Checks one instruction on its own (everything but def-before-use and kinds).
    fn check_inst(&mut self, bi: usize, ii: usize, inst: &Inst, in_handler: bool) {
        let f = self.f;
        let b = &f.blocks[bi];
        let kind = &inst.kind;
        // Inlined instructions carry `Ipc`s of their callee.
        if inst.ipc.0 >= f.next_ipc && (inst.inlined == 0 || f.phase == Phase::Ir0) {
            self.inst_error(
                bi,
                ii,
                format!("{} is not below next_ipc {}", inst.ipc, f.next_ipc),
            );
        }
        if kind.is_terminator() && ii + 1 != b.insts.len() {
            self.inst_error(
                bi,
                ii,
                format!("terminator `{kind}` before the end of the block"),
            );
        }
        match (kind.defines_value(), inst.dst) {
            (Some(true), None) => self.inst_error(bi, ii, format!("`{kind}` must define a value")),
            (Some(false), Some(_)) => {
                self.inst_error(bi, ii, format!("`{kind}` cannot define a value"))
            }
            _ => {}
        }
        for bc in kind.targets() {
            if !self.block_exists(bc.block) {
                self.inst_error(bi, ii, format!("jump to nonexistent {}", bc.block));
                continue;
            }
            let want = f.block(bc.block).params.len();
            if bc.args.len() != want {
                let msg = format!(
                    "{} takes {want} argument(s), the jump passes {}",
                    bc.block,
                    bc.args.len()
                );
                self.inst_error(bi, ii, msg);
            }
        }
        match f.phase {
            Phase::Ir0 => {
                if inst.inlined != 0 {
                    let msg = format!("instruction from inline site {} in IR0", inst.inlined);
                    self.inst_error(bi, ii, msg);
                }
                if is_unboxed_inst(kind) {
                    self.inst_error(bi, ii, format!("unboxed `{kind}` in IR0"));
                }
                if matches!(
                    kind,
                    InstKind::IvarLoad { .. }
                        | InstKind::IvarStore { .. }
                        | InstKind::ArrayGet { .. }
                        | InstKind::ArraySet { .. }
                ) {
                    self.inst_error(bi, ii, format!("speculative `{kind}` in IR0"));
                }
            }
            Phase::Speculative => {
                if inst.inlined as usize > f.inline_sites.len() {
                    let msg = format!(
                        "instruction from inline site {}, but the function has {} inline site(s)",
                        inst.inlined,
                        f.inline_sites.len()
                    );
                    self.inst_error(bi, ii, msg);
                }
                if let Some(r) = kind.resume_point() {
                    self.check_resume_shape(bi, ii, inst, r);
                }
            }
        }
        // Saturating: an overflowing count is reported once, by `check_function`.
        let nparams = f.params.required.saturating_add(f.params.optional);
        match kind {
            InstKind::CatchUnwind if ii != 0 || !in_handler => self.inst_error(
                bi,
                ii,
                "catch_unwind is not the first instruction of a handler block".into(),
            ),
            InstKind::LoadLocal(l) | InstKind::StoreLocal(l, _) if l.index() >= f.locals.len() => {
                let msg = format!("local {l} does not exist ({} locals)", f.locals.len());
                self.inst_error(bi, ii, msg)
            }
            InstKind::Arg(i) if *i >= nparams => {
                let msg = format!("arg {i} is past the {nparams} parameter(s)");
                self.inst_error(bi, ii, msg)
            }
            InstKind::ArgGiven(n) if *n > nparams => {
                let msg = format!("arg_given {n} is past the {nparams} parameter(s)");
                self.inst_error(bi, ii, msg)
            }
            InstKind::ScopeLoad { scope, slot } | InstKind::ScopeStore { scope, slot, .. }
                if self.is_own_scope(*scope) && *slot as usize >= f.scope.len() =>
            {
                let msg = format!("scope slot {slot} does not exist ({} slots)", f.scope.len());
                self.inst_error(bi, ii, msg);
            }
            // (Inlined into a version, a bare identifier's receiver is the callee's self,
            // a temp, and the call is marked `fcall`.)
            InstKind::Call(c)
                if c.vcall
                    && ((c.recv.is_some() && !(c.fcall && f.phase == Phase::Speculative))
                        || !c.args.is_empty()
                        || c.block.is_some()) =>
            {
                let msg = "a vcall (bare identifier) has a receiver, arguments or a block";
                self.inst_error(bi, ii, msg.into())
            }
            InstKind::Guard { .. } if f.phase == Phase::Ir0 => {
                self.inst_error(bi, ii, "guard in IR0".into())
            }
            InstKind::OsrLoad(t) => match &f.osr {
                None => self.inst_error(bi, ii, "osr_load without an OSR entry".into()),
                Some(osr) if osr.position(*t).is_none() => {
                    let msg = format!("osr_load {t}: not a value the OSR entry passes");
                    self.inst_error(bi, ii, msg)
                }
                Some(_) if bi != f.entry.index() => {
                    self.inst_error(bi, ii, "osr_load outside the entry block".into())
                }
                Some(_) => {}
            },
            _ => {}
        }
    }

    /// The shape of a resume point in a speculative version: its reason, its inline chain
    /// against the instruction's inline context, and its frame states against the chain
    /// (everything but where the frames' temps come from, `check_uses`, and their kinds,
    /// `check_kinds`).
    fn check_resume_shape(&mut self, bi: usize, ii: usize, inst: &Inst, r: &ResumePoint) {
        let f = self.f;
        let mut msgs = Vec::new();
        if matches!(inst.kind, InstKind::IntOp { .. }) && r.reason != DeoptReason::Overflow {
            msgs.push(format!(
                "an overflow check resumes with reason {}, not overflow",
                r.reason
            ));
        }
        if let Some(want) = self.site_chain(inst.inlined) {
            if want != r.inline_chain {
                msgs.push(format!(
                    "guard's inline chain {} does not match the instruction's inline context \
                     {} ({})",
                    chain_text(&r.inline_chain),
                    inst.inlined,
                    chain_text(&want)
                ));
            }
        }
        if r.inline_chain.is_empty() && r.ipc.0 >= f.next_ipc {
            msgs.push(format!(
                "guard resumes at {}, not below next_ipc {}",
                r.ipc, f.next_ipc
            ));
        }
        let n = r.frames.len();
        let shaped = n == r.inline_chain.len() + 1;
        if n > 0 && !shaped {
            msgs.push(format!(
                "guard has {n} frame(s) for an inline chain of {} (needs {})",
                r.inline_chain.len(),
                r.inline_chain.len() + 1
            ));
        }
        for (i, fr) in r.frames.iter().enumerate() {
            if shaped {
                if i == 0 && fr.func != f.id {
                    msgs.push(format!(
                        "guard frame 0 is {}, not the version's {}",
                        fr.func, f.id
                    ));
                } else if i > 0 && fr.func != r.inline_chain[i - 1].callee {
                    msgs.push(format!(
                        "guard frame {i} is {}, but the inline chain has {} there",
                        fr.func,
                        r.inline_chain[i - 1].callee
                    ));
                }
                if i + 1 == n && fr.ipc != r.ipc {
                    msgs.push(format!(
                        "guard frame {i} resumes at {}, not at the resume point's {}",
                        fr.ipc, r.ipc
                    ));
                } else if i + 1 < n && fr.ipc != r.inline_chain[i].call_site {
                    msgs.push(format!(
                        "guard frame {i} continues at {}, not at its call site {}",
                        fr.ipc, r.inline_chain[i].call_site
                    ));
                }
            }
            if fr.home as usize >= n {
                msgs.push(format!(
                    "guard frame {i}: home frame {} does not exist ({n} frames)",
                    fr.home
                ));
            }
            for l in repeated(&fr.locals) {
                msgs.push(format!("guard frame {i} lists {l} more than once"));
            }
            for t in repeated(&fr.temps) {
                msgs.push(format!("guard frame {i} lists {t} more than once"));
            }
            for_each_slot(fr, &mut |slot, v| {
                for_each_named(v, &mut |named| match named {
                    Named::Local(l) if l.index() >= f.locals.len() => msgs.push(format!(
                        "guard frame {i} {slot}: local {l} does not exist ({} locals)",
                        f.locals.len()
                    )),
                    Named::Home(h) if h as usize >= n => msgs.push(format!(
                        "guard frame {i} {slot}: block home frame {h} does not exist ({n} frames)"
                    )),
                    _ => {}
                })
            });
        }
        for m in msgs {
            self.inst_error(bi, ii, m);
        }
    }

    /// Whether `t` is defined by a `scope_new` of this function.
    fn is_own_scope(&self, t: TempId) -> bool {
        match self.def_index.get(&t).map(|&i| self.def_sites[i as usize]) {
            Some(DefSite::Inst(b, i)) => {
                matches!(self.f.blocks[b.index()].insts[i].kind, InstKind::ScopeNew)
            }
            _ => false,
        }
    }

    /// What `t` holds: its kind in the unboxed table if the version defines it, boxed if it
    /// is deleted (deleted temps are IR0 values), `None` if it is neither (reported as
    /// undefined elsewhere).
    fn repr(&self, t: TempId) -> Option<Repr> {
        if self.def_index.contains_key(&t) {
            Some(Repr::of(self.f.unboxed.get(&t)))
        } else if self.deleted.contains_key(&t) {
            Some(Repr::Boxed)
        } else {
            None
        }
    }

    /// Unboxed values never escape (speculative versions; IR0 has none): every result,
    /// operand, jump argument and frame-state temp has the kind its place needs.
    fn check_kinds(&mut self) {
        let f = self.f;
        if !self.speculative() {
            return;
        }
        let mut found = Vec::new();
        for (bi, b) in f.blocks.iter().enumerate() {
            for (ii, inst) in b.insts.iter().enumerate() {
                let kind = &inst.kind;
                if let (InstKind::Copy(src), Some(d)) = (kind, inst.dst) {
                    // A copy moves a value of any kind, like a jump to a block parameter
                    // (simplifycfg turns merged block parameters into copies).
                    let want = Repr::of(f.unboxed.get(&d));
                    match self.repr(*src) {
                        Some(have) if have != want => found.push((
                            bi,
                            ii,
                            format!("`{kind}` copies {src} ({have}) into {d} ({want})"),
                        )),
                        _ => {}
                    }
                } else if let Some(d) = inst.dst {
                    let made = Repr::produced_by(kind);
                    match f.unboxed.get(&d) {
                        Some(k) if Repr::of(Some(k)) != made => found.push((
                            bi,
                            ii,
                            format!(
                                "{d} is {} in the unboxed table, but `{kind}` produces {made}",
                                Repr::of(Some(k))
                            ),
                        )),
                        None if made != Repr::Boxed => found.push((
                            bi,
                            ii,
                            format!(
                                "`{kind}` produces {made}, but {d} is not in the unboxed table"
                            ),
                        )),
                        _ => {}
                    }
                }
                let generic = !is_unboxed_inst(kind);
                for_each_typed_operand(kind, &mut |t, want| match self.repr(t) {
                    Some(have) if have != want && generic => found.push((
                        bi,
                        ii,
                        format!("unboxed {t} ({have}) escapes into `{kind}`"),
                    )),
                    Some(have) if have != want => found.push((
                        bi,
                        ii,
                        format!("`{kind}` needs {t} to be {want}, it is {have}"),
                    )),
                    _ => {}
                });
                for bc in kind.targets() {
                    let Some(target) = f.blocks.get(bc.block.index()) else {
                        continue;
                    };
                    for (&a, &p) in bc.args.iter().zip(&target.params) {
                        let want = Repr::of(f.unboxed.get(&p));
                        match self.repr(a) {
                            Some(have) if have != want => found.push((
                                bi,
                                ii,
                                format!(
                                    "the jump to {} passes {a} ({have}) for its parameter {p} \
                                     ({want})",
                                    bc.block
                                ),
                            )),
                            _ => {}
                        }
                    }
                }
                if let Some(r) = kind.resume_point() {
                    for (i, fr) in r.frames.iter().enumerate() {
                        for_each_slot(fr, &mut |slot, v| {
                            v.for_each_temp(&mut |t| match self.repr(t) {
                                Some(have) if have != Repr::Boxed => found.push((
                                    bi,
                                    ii,
                                    format!(
                                        "guard frame {i} {slot}: unboxed {t} ({have}) escapes \
                                         into the frame state"
                                    ),
                                )),
                                _ => {}
                            })
                        });
                    }
                }
            }
        }
        for (bi, ii, msg) in found {
            self.inst_error(bi, ii, msg);
        }
    }

    /// Def-before-use without a dataflow over sets of temps (blocks × temps in time and
    /// memory, which deep programs of many blocks and temps made minutes): a temp is
    /// defined on every path to a point of another block iff its definition dominates the
    /// point, in a graph where each block is cut in two at its first instruction that may
    /// unwind: node `2b` (the parameters and the instructions before it) and node `2b + 1`
    /// (the rest). Jumps leave from `2b + 1`, the unwind edge to the handler from `2b`:
    /// what a block has defined whenever it unwinds is what it defined before its first
    /// instruction that may unwind (whose own result is then not defined).
    fn compute_avail(&mut self) {
        let f = self.f;
        let n = f.blocks.len();
        let mut graph: DiGraph<(), ()> = DiGraph::with_capacity(2 * n, 3 * n);
        for _ in 0..2 * n {
            graph.add_node(());
        }
        self.first_unwind = f
            .blocks
            .iter()
            .map(|b| {
                let first = b.insts.iter().position(|i| i.kind.may_unwind());
                first.unwrap_or(b.insts.len())
            })
            .collect();
        for bi in 0..n {
            let node = NodeIndex::new;
            graph.add_edge(node(2 * bi), node(2 * bi + 1), ());
            for &(s, kind) in self.cfg.edges(BlockId(bi as u32)) {
                let from = match kind {
                    EdgeKind::Jump => 2 * bi + 1,
                    EdgeKind::Unwind | EdgeKind::JumpAndUnwind => 2 * bi,
                };
                graph.add_edge(node(from), node(2 * s.index()), ());
            }
        }
        let root = self.block_exists(f.entry).then(|| 2 * f.entry.index());
        self.avail = DomTree::new(&graph, root);
    }

    /// Calls `visit(block, index, inst, at)` for every instruction of every reachable
    /// block, `at` naming the point just before it.
    fn walk_available(&self, mut visit: impl FnMut(usize, usize, &'f Inst, Point)) {
        let f = self.f;
        for &b in self.cfg.rpo() {
            let bi = b.index();
            for (ii, inst) in f.blocks[bi].insts.iter().enumerate() {
                visit(bi, ii, inst, (bi, ii));
            }
        }
    }

    /// Whether `t` is defined on every path to the point `at` of a reachable block.
    fn is_available(&self, t: TempId, at: Point) -> bool {
        self.def_index
            .get(&t)
            .is_some_and(|&d| self.def_available(d, at))
    }

    /// Whether definition `d` (an index of `def_sites`) reaches `at` on every path.
    fn def_available(&self, d: u32, (bi, ii): Point) -> bool {
        match self.def_sites[d as usize] {
            DefSite::Param(b) => self.avail.dominates(2 * b.index(), 2 * bi),
            DefSite::Inst(b, i) if b.index() == bi => i < ii,
            DefSite::Inst(b, i) => {
                let after_unwind = i >= self.first_unwind[b.index()];
                self.avail
                    .dominates(2 * b.index() + after_unwind as usize, 2 * bi)
            }
        }
    }

    /// Def-before-use: operands must be available; the temps of a resume point's frame
    /// states (speculative versions) must be available or rebuildable.
    fn check_uses(&mut self) {
        let f = self.f;
        let spec = self.speculative();
        let mut found = Vec::new();
        self.walk_available(|bi, ii, inst, avail| {
            inst.kind
                .for_each_operand(&mut |t| match self.def_index.get(&t) {
                    None => found.push((bi, ii, format!("use of undefined {t}"))),
                    Some(&d) if !self.def_available(d, avail) => found.push((
                        bi,
                        ii,
                        format!("{t} is not defined on every path to this use"),
                    )),
                    _ => {}
                });
            let Some(r) = inst.kind.resume_point().filter(|_| spec) else {
                return;
            };
            let available = |t: TempId| self.is_available(t, avail);
            for (i, fr) in r.frames.iter().enumerate() {
                for_each_slot(fr, &mut |slot, v| {
                    v.for_each_temp(&mut |t| {
                        if available(t) {
                            return;
                        }
                        if let Err(why) = rebuildable(t, &self.deleted, &available, 0) {
                            found.push((
                                bi,
                                ii,
                                format!("guard frame {i} {slot}: cannot rebuild {t}: {why}"),
                            ));
                        }
                    })
                });
            }
        });
        for (bi, b) in f.blocks.iter().enumerate() {
            if self.cfg.is_reachable(BlockId(bi as u32)) {
                continue;
            }
            for (ii, inst) in b.insts.iter().enumerate() {
                inst.kind.for_each_operand(&mut |t| {
                    if !self.def_index.contains_key(&t) {
                        found.push((bi, ii, format!("use of undefined {t}")));
                    }
                });
                let Some(r) = inst.kind.resume_point().filter(|_| spec) else {
                    continue;
                };
                for (i, fr) in r.frames.iter().enumerate() {
                    for_each_slot(fr, &mut |slot, v| {
                        v.for_each_temp(&mut |t| {
                            if !self.def_index.contains_key(&t) && !self.deleted.contains_key(&t) {
                                found.push((
                                    bi,
                                    ii,
                                    format!(
                                        "guard frame {i} {slot}: {t} is defined nowhere and not \
                                         in the deleted-temp table"
                                    ),
                                ));
                            }
                        })
                    });
                }
            }
        }
        for (bi, ii, msg) in found {
            self.inst_error(bi, ii, msg);
        }
    }

    fn check_deleted(&mut self) {
        let f = self.f;
        if f.phase == Phase::Ir0 {
            return; // a non-empty table is already an error (`check_function`)
        }
        let mut seen: FxHashSet<TempId> = FxHashSet::default();
        for (t, r) in &f.deleted.entries {
            let key = (2, 0, 0);
            let err =
                |v: &mut Self, m: String| v.error(key, None, None, format!("deleted {t}: {m}"));
            if t.0 >= f.next_temp {
                err(self, format!("{t} is not below next_temp {}", f.next_temp));
            }
            if !seen.insert(*t) {
                err(self, "more than one entry".into());
            }
            if let Some(&d) = self.def_index.get(t) {
                let site = self.def_site_text(d);
                err(self, format!("still defined in the version ({site})"));
            }
            if let Some(src) = rebuild_source(r) {
                if src.0 >= f.next_temp {
                    err(
                        self,
                        format!("source {src} is not below next_temp {}", f.next_temp),
                    );
                }
                let want = match r {
                    Rebuild::BoxInt(_) => Repr::I64,
                    Rebuild::BoxFloat(_) => Repr::F64,
                    _ => Repr::Boxed,
                };
                match self.repr(src) {
                    Some(have) if have != want => err(
                        self,
                        format!("`{r}` needs {src} to be {want}, it is {have}"),
                    ),
                    _ => {}
                }
            }
        }
    }

    /// Every temp of the unboxed table is defined in the version (the kinds are checked
    /// where they are defined, `check_kinds`).
    fn check_unboxed_table(&mut self) {
        let f = self.f;
        if f.phase == Phase::Ir0 {
            return; // a non-empty table is already an error (`check_function`)
        }
        for (t, k) in &f.unboxed {
            if !self.def_index.contains_key(t) {
                let msg = format!(
                    "unboxed {t} ({}): not defined in the version",
                    Repr::of(Some(k))
                );
                self.error((3, 0, 0), None, None, msg);
            }
        }
    }

    /// Looks up, checks and analyses the IR0 of every function the version's resume points
    /// and inline sites name. Reports a lookup that answers with the wrong function or
    /// phase (and, for the version's own function, no IR0 at all).
    fn ir0s<'a>(
        &mut self,
        ir0_of: &dyn Fn(FuncId) -> Option<&'a Function>,
    ) -> FxHashMap<FuncId, Ir0<'a>> {
        let f = self.f;
        let mut funcs = vec![f.id];
        funcs.extend(f.inline_sites.iter().map(|s| s.callee));
        for (_, inst) in f.insts() {
            if let Some(r) = inst.kind.resume_point() {
                funcs.extend(r.frames.iter().map(|fr| fr.func));
            }
        }
        let mut ir0s = FxHashMap::default();
        let mut seen = FxHashSet::default();
        for g in funcs {
            if !seen.insert(g) {
                continue;
            }
            let Some(ir0) = ir0_of(g) else {
                if g == f.id {
                    self.func_error(format!("no IR0 for {g} to check the version against"));
                }
                continue;
            };
            if ir0.id != g {
                self.func_error(if g == f.id {
                    format!(
                        "checked against the IR0 of another function ({} {})",
                        ir0.id, ir0.name
                    )
                } else {
                    format!("the IR0 given for {g} is {} {}", ir0.id, ir0.name)
                });
                continue;
            }
            if ir0.phase != Phase::Ir0 {
                self.func_error(format!(
                    "{} {} given as IR0 is in phase {}",
                    ir0.id, ir0.name, ir0.phase
                ));
            }
            let live = crate::cfg::liveness(ir0);
            let ipcs = ir0.ipc_index();
            ir0s.insert(g, Ir0 { f: ir0, live, ipcs });
        }
        ir0s
    }

    /// Invariants 4-6 against the IR0s `ir0_of` knows.
    fn check_against_ir0<'a>(&mut self, ir0_of: &dyn Fn(FuncId) -> Option<&'a Function>) {
        let f = self.f;
        let ir0s = self.ir0s(ir0_of);
        let Some(own) = ir0s.get(&f.id) else {
            return;
        };
        if f.next_temp < own.f.next_temp {
            self.func_error(format!(
                "next_temp {} went below IR0's {} (temps are never reused)",
                f.next_temp, own.f.next_temp
            ));
        }
        for (i, s) in f.inline_sites.iter().enumerate() {
            let parent = match s.parent as usize {
                0 => Some(f.id),
                p if p <= i => Some(f.inline_sites[p - 1].callee),
                _ => None, // not a tree: reported by `check_inline_sites`
            };
            let Some(p) = parent.and_then(|p| ir0s.get(&p)) else {
                continue;
            };
            match p.ipcs.get(s.call_site) {
                None => self.site_error(
                    i,
                    format!(
                        "call site {} is not an instruction of {}'s IR0",
                        s.call_site, p.f.id
                    ),
                ),
                Some((b, x)) if !is_call(&p.f.block(b).insts[x].kind) => {
                    let kind = &p.f.block(b).insts[x].kind;
                    let msg = format!(
                        "call site {} is `{kind}` in {}'s IR0, not a call",
                        s.call_site, p.f.id
                    );
                    self.site_error(i, msg)
                }
                _ => {}
            }
        }
        // Invariant 2: every instruction names an instruction of the IR0 of the function
        // its inline context says it comes from.
        let ipcs: FxHashMap<FuncId, FxHashSet<Ipc>> = ir0s
            .iter()
            .map(|(id, x)| (*id, x.f.insts().map(|(_, i)| i.ipc).collect()))
            .collect();
        for (bi, block) in f.blocks.iter().enumerate() {
            for (ii, inst) in block.insts.iter().enumerate() {
                let from = match inst.inlined as usize {
                    0 => Some(f.id),
                    k => f.inline_sites.get(k - 1).map(|s| s.callee),
                };
                let Some((from, known)) = from.and_then(|id| ipcs.get(&id).map(|k| (id, k))) else {
                    continue;
                };
                if !known.contains(&inst.ipc) {
                    self.inst_error(
                        bi,
                        ii,
                        format!(
                            "{} is not an instruction of {from}'s IR0 (invariant 2)",
                            inst.ipc
                        ),
                    );
                }
            }
        }
        let mut found = Vec::new();
        self.walk_available(|bi, ii, inst, avail| {
            let Some(r) = inst.kind.resume_point() else {
                return;
            };
            let mut err = |m: String| found.push((bi, ii, m));
            if !r.frames.is_empty() {
                check_frames(f, r, &ir0s, &mut err);
                return;
            }
            if inst.inlined != 0 || !r.inline_chain.is_empty() {
                err("guard in inlined code has no frame states".into());
                return;
            }
            // No frame states: the version's temps stand for IR0's (invariant 3).
            let Some((rb, ri)) = own.ipcs.get(r.ipc) else {
                err(format!(
                    "guard resumes at {}, which is not an instruction of IR0",
                    r.ipc
                ));
                return;
            };
            let available = |t: TempId| self.is_available(t, avail);
            for t in own.live.live_before(own.f, rb, ri).temps() {
                if available(t) {
                    continue;
                }
                if let Err(why) = rebuildable(t, &self.deleted, &available, 0) {
                    err(format!(
                        "guard resuming at {} cannot rebuild {t}, live in IR0 there: {why}",
                        r.ipc
                    ));
                }
            }
        });
        for (bi, ii, msg) in found {
            self.inst_error(bi, ii, msg);
        }
    }
}

/// Checks that each frame of `r` whose function's IR0 is in `ir0s` describes that IR0's
/// state: its `Ipc` exists there (and is a call, for an outer frame), and it lists every
/// local of that IR0 and every temp live there. Frames whose shape `verify` rejects are
/// skipped.
fn check_frames(
    f: &Function,
    r: &ResumePoint,
    ir0s: &FxHashMap<FuncId, Ir0<'_>>,
    err: &mut dyn FnMut(String),
) {
    let n = r.frames.len();
    if !frames_match_chain(f, r) {
        return;
    }
    for (i, fr) in r.frames.iter().enumerate() {
        let Some(ir0) = ir0s.get(&fr.func) else {
            continue;
        };
        let g = fr.func;
        let innermost = i + 1 == n;
        let Some((b, x)) = ir0.ipcs.get(fr.ipc) else {
            let verb = if innermost { "resumes" } else { "continues" };
            err(format!(
                "guard frame {i} ({g}) {verb} at {}, which is not an instruction of its IR0",
                fr.ipc
            ));
            continue;
        };
        let (live, place) = if innermost {
            (
                ir0.live.live_before(ir0.f, b, x),
                format!("live at {}", fr.ipc),
            )
        } else {
            let call = &ir0.f.block(b).insts[x];
            if !is_call(&call.kind) {
                err(format!(
                    "guard frame {i} ({g}) continues at {}, which is `{}` in its IR0, not a call",
                    fr.ipc, call.kind
                ));
                continue;
            }
            let mut live = ir0.live.live_before(ir0.f, b, x + 1);
            if let Some(d) = call.dst {
                live.remove(d.index());
            }
            (live, format!("live after the call at {}", fr.ipc))
        };
        let nlocals = ir0.f.locals.len();
        let mut has_local = vec![false; nlocals];
        for (l, _) in &fr.locals {
            match has_local.get_mut(l.index()) {
                Some(h) => *h = true,
                None => err(format!(
                    "guard frame {i} ({g}) has local {l}, which its IR0 does not have \
                     ({nlocals} locals)"
                )),
            }
        }
        for (l, has) in has_local.iter().enumerate() {
            if !has {
                err(format!(
                    "guard frame {i} ({g}) lacks IR0 local {}",
                    LocalId(l as u32)
                ));
            }
        }
        let listed: FxHashSet<TempId> = fr.temps.iter().map(|(t, _)| *t).collect();
        for t in live.temps() {
            if !listed.contains(&t) {
                err(format!("guard frame {i} ({g}) lacks IR0 {t}, {place}"));
            }
        }
    }
}

/// Whether `r` has one frame per level of its inline chain, each for the function and at
/// the `Ipc` the chain says (`check_resume_shape` reports each difference).
fn frames_match_chain(f: &Function, r: &ResumePoint) -> bool {
    let n = r.frames.len();
    n == r.inline_chain.len() + 1
        && r.frames.iter().enumerate().all(|(i, fr)| {
            let func = match i {
                0 => f.id,
                i => r.inline_chain[i - 1].callee,
            };
            let ipc = match r.inline_chain.get(i) {
                Some(outer) => outer.call_site,
                None => r.ipc,
            };
            fr.func == func && fr.ipc == ipc
        })
}

/// The temp a rebuild reads, if any.
fn rebuild_source(r: &Rebuild) -> Option<TempId> {
    match r {
        Rebuild::Const(_) => None,
        Rebuild::Temp(t) | Rebuild::BoxInt(t) | Rebuild::BoxFloat(t) => Some(*t),
    }
}

/// Whether temp `t` can be rebuilt at a guard where `available` temps are live:
/// its deleted-temp entry's source is available, or deleted and itself rebuildable.
fn rebuildable(
    t: TempId,
    deleted: &FxHashMap<TempId, &Rebuild>,
    available: &dyn Fn(TempId) -> bool,
    depth: usize,
) -> Result<(), String> {
    let Some(r) = deleted.get(&t) else {
        return Err("not available at the guard and not in the deleted-temp table".into());
    };
    if depth > deleted.len() {
        return Err("its deleted-temp entries form a cycle".into());
    }
    match rebuild_source(r) {
        None => Ok(()),
        Some(s) if available(s) => Ok(()),
        Some(s) if deleted.contains_key(&s) => rebuildable(s, deleted, available, depth + 1),
        Some(s) => Err(format!(
            "its deleted-temp entry `{r}` needs {s}, which is not available at the guard"
        )),
    }
}

/// The name the verifier gives a function in its errors (`fn3 Foo#bar`).
pub fn function_label(f: &Function) -> String {
    format!("{} {}", f.id, f.name)
}
