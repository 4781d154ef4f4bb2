//! Dead code elimination: removes pure instructions whose value nothing needs, block
//! parameters nothing needs (with the matching argument of every jump into the block),
//! and stores to locals that are never loaded.
//!
//! The algorithm is mark and sweep, so "needed" is a fixed point: a use by a dead
//! instruction, by a dead parameter's jump argument or by a store to a dead local does not
//! count (dead cycles around loops go too). The roots are the instructions that have an
//! effect: every instruction that is not [`is_pure`](ir::InstKind::is_pure), every
//! terminator (a jump's arguments are needed only for needed parameters), and `ScopeNew`
//! (pure, but whether a dynscope can go is the dynscope pass's business). A needed
//! `LoadLocal($x)` makes every `StoreLocal($x, _)` needed. Locals are frame slots private
//! to the function (captured variables live in dynscopes), so a store to a local that no
//! needed load reads has no effect, except through an implicit-argument `super`, which
//! reads the method's parameters: in a function with one, every store is kept.
//!
//! The entry block's parameters and those of handler blocks are always kept: they are not
//! defined by jump arguments alone.
//!
//! In a speculative version, a type guard (`is_fixnum %x`, `is_float %x`) exists for the
//! unboxing of `%x` it makes safe: it is needed only when some needed `unbox_int %x` /
//! `unbox_float %x` is. A guard that protects nothing (the arithmetic it was made for stayed
//! generic, or its unbox died) goes, with the resume point it kept alive.
//!
//! Invalidation points (`guard assumptions`) a version does not need go first: all of them
//! when it assumes no builtin, and those after which no instruction that may run Ruby code
//! came (the arithmetic they followed was unboxed).
//!
//! **Assumes** single-assignment temps; `is_pure` tells the truth.
//!
//! **Guarantees** the same observable behaviour. No temp is renumbered (invariant 3). In
//! IR0 the removed temps are simply gone (IR0 is the deopt target and has no deleted-temp
//! table). In a speculative version, IR0 may still need a temp at some guard's resume
//! point, so only what can be rebuilt goes, recorded in the deleted-temp table (invariant
//! 5): unused `Const`s (`Rebuild::Const`), `Copy`s (`Rebuild::Temp` of the copied value,
//! or its constant) and boxes (`Rebuild::BoxInt`/`BoxFloat` of the unboxed operand);
//! block parameters and stores are kept there.
//!
//! **Invalidates** liveness; the CFG is unchanged (no block is added or removed).
//!
//! **Idempotent**: yes; one mark-and-sweep reaches the fixed point.

use crate::edit::{handler_blocks, may_delete_temps, predecessor_edges, Edge};
use ir::pass::{Pass, PassContext, PassError};
use ir::Phase;
use ir::{BlockId, Function, Inst, InstKind, LocalId, Rebuild, TempId};
use rustc_hash::{FxHashMap, FxHashSet};
use smallvec::SmallVec;

/// Where a temp is defined.
#[derive(Clone, Copy, Debug)]
enum Def {
    Inst(BlockId, usize),
    Param(BlockId, usize),
}

/// The mark phase: which temps, locals and instructions are needed.
struct Marks<'f> {
    func: &'f Function,
    defs: FxHashMap<TempId, Def>,
    preds: Vec<SmallVec<[Edge; 2]>>,
    stores: FxHashMap<LocalId, Vec<(BlockId, usize)>>,
    live_temps: FxHashSet<TempId>,
    live_locals: FxHashSet<LocalId>,
    worklist: Vec<TempId>,
    /// Type guards by the temp they check (speculative versions), and those needed. The
    /// temps of `self` count as one ([`Function::self_aliases`]): `guardelim` removed the
    /// guards of every `self` but the first, so an unboxing of any needs the first's.
    type_guards: FxHashMap<TempId, Vec<(BlockId, usize)>>,
    self_aliases: FxHashMap<TempId, TempId>,
    live_guards: FxHashSet<(BlockId, usize)>,
}

/// The temp a type guard checks, for a guard that is needed only by the unboxing of it.
fn type_guard_of(inst: &Inst) -> Option<TempId> {
    match &inst.kind {
        InstKind::Guard {
            check: ir::GuardCheck::IsFixnum(t) | ir::GuardCheck::IsFloat(t),
            ..
        } => Some(*t),
        _ => None,
    }
}

impl<'f> Marks<'f> {
    fn new(func: &'f Function) -> Marks<'f> {
        let mut defs = FxHashMap::default();
        let mut stores: FxHashMap<LocalId, Vec<(BlockId, usize)>> = FxHashMap::default();
        let mut type_guards: FxHashMap<TempId, Vec<(BlockId, usize)>> = FxHashMap::default();
        let self_aliases = func.self_aliases();
        let alias = |t: TempId| self_aliases.get(&t).copied().unwrap_or(t);
        for block in &func.blocks {
            for (i, p) in block.params.iter().enumerate() {
                defs.insert(*p, Def::Param(block.id, i));
            }
            for (i, inst) in block.insts.iter().enumerate() {
                if let Some(dst) = inst.dst {
                    defs.insert(dst, Def::Inst(block.id, i));
                }
                if let InstKind::StoreLocal(local, _) = inst.kind {
                    stores.entry(local).or_default().push((block.id, i));
                }
                if let Some(t) = type_guard_of(inst).filter(|_| func.phase == Phase::Speculative) {
                    type_guards.entry(alias(t)).or_default().push((block.id, i));
                }
            }
        }
        Marks {
            func,
            defs,
            preds: predecessor_edges(func),
            stores,
            live_temps: FxHashSet::default(),
            live_locals: FxHashSet::default(),
            worklist: Vec::new(),
            type_guards,
            self_aliases,
            live_guards: FxHashSet::default(),
        }
    }

    fn mark_temp(&mut self, t: TempId) {
        if self.live_temps.insert(t) {
            self.worklist.push(t);
        }
    }

    /// Marks what a needed instruction reads. A terminator's jump arguments are not read
    /// here: they are needed only for needed parameters.
    fn mark_inst_uses(&mut self, inst: &Inst) {
        match &inst.kind {
            InstKind::Jump(_) => {}
            InstKind::Branch { cond, .. } => self.mark_temp(*cond),
            InstKind::LoadLocal(local) => self.mark_local(*local),
            kind => {
                kind.for_each_operand(&mut |t| self.mark_temp(t));
                // A resume point's constants are rebuilt from the deleted-temp table at a
                // deopt (in a version); everything else it names must stay computed, and
                // so do heap literals (a big integer), which must be the object of their
                // literal site, not a new one.
                if let Some(r) = kind.resume_point() {
                    let func = self.func;
                    let mut temps = Vec::new();
                    r.for_each_temp(&mut |t| temps.push(t));
                    for t in temps {
                        let is_const = func.phase == Phase::Speculative
                            && matches!(self.defs.get(&t), Some(Def::Inst(b, i)) if matches!(&func.block(*b).insts[*i].kind, InstKind::Const(c) if !c.is_heap_literal()));
                        if !is_const {
                            self.mark_temp(t);
                        }
                    }
                }
            }
        }
    }

    fn mark_local(&mut self, local: LocalId) {
        if !self.live_locals.insert(local) {
            return;
        }
        let func = self.func;
        for &(b, i) in self.stores.get(&local).cloned().unwrap_or_default().iter() {
            if let InstKind::StoreLocal(_, value) = func.block(b).insts[i].kind {
                self.mark_temp(value);
            }
        }
    }

    /// Propagates from the worklist until nothing new is needed.
    fn propagate(&mut self) {
        let func = self.func;
        while let Some(t) = self.worklist.pop() {
            match self.defs.get(&t).copied() {
                Some(Def::Inst(b, i)) => {
                    let inst = &func.block(b).insts[i];
                    self.mark_inst_uses(inst);
                    if let InstKind::UnboxInt(x) | InstKind::UnboxFloat(x) = inst.kind {
                        let x = self.self_aliases.get(&x).copied().unwrap_or(x);
                        for g in self.type_guards.get(&x).cloned().unwrap_or_default() {
                            if self.live_guards.insert(g) {
                                self.mark_inst_uses(&func.block(g.0).insts[g.1]);
                            }
                        }
                    }
                }
                Some(Def::Param(b, i)) => {
                    for edge in self.preds[b.index()].clone() {
                        let term = func
                            .block(edge.from)
                            .terminator()
                            .expect("edge from a terminator");
                        if let Some(&arg) = term.kind.targets()[edge.slot].args.get(i) {
                            self.mark_temp(arg);
                        }
                    }
                }
                // Used but defined nowhere: malformed IR, for the verifier to report.
                None => {}
            }
        }
    }
}

/// What the sweep may remove.
struct Policy {
    /// Any pure instruction (IR0), or only rebuildable ones (speculative versions).
    delete_temps: bool,
    /// Stores to locals no needed load reads.
    remove_stores: bool,
    /// Unneeded block parameters.
    remove_params: bool,
}

/// Whether the sweep may remove `inst` when its value is not needed.
fn removable(inst: &Inst, policy: &Policy) -> bool {
    match &inst.kind {
        InstKind::ScopeNew => false,
        InstKind::Const(_) | InstKind::Copy(_) => true,
        // (Only versions have boxes; a box is rebuilt from its unboxed operand, which the
        // instruction that made it keeps: unboxed values come from kept instructions.)
        InstKind::BoxInt(_) | InstKind::BoxFloat(_) => true,
        kind => policy.delete_temps && kind.is_pure(),
    }
}

/// Whether the sweep keeps `inst` (type guards aside).
fn keep_inst(
    inst: &Inst,
    policy: &Policy,
    live_temps: &FxHashSet<TempId>,
    live_locals: &FxHashSet<LocalId>,
) -> bool {
    match &inst.kind {
        InstKind::StoreLocal(local, _) => !policy.remove_stores || live_locals.contains(local),
        _ if inst.kind.is_terminator() => true,
        _ => !removable(inst, policy) || inst.dst.is_some_and(|d| live_temps.contains(&d)),
    }
}

fn has_implicit_super(func: &Function) -> bool {
    func.insts()
        .any(|(_, i)| matches!(&i.kind, InstKind::Super(s) if s.args.is_none()))
}

/// Removes dead instructions, parameters and stores. Returns whether anything changed.
/// Removes the invalidation points (`guard assumptions`) a version does not need: all of
/// them when it assumes no builtin (nothing can be invalidated under it), else those that
/// no instruction that may run Ruby code precedes in their block since the block's start
/// or the previous invalidation point (the arithmetic they followed was unboxed).
fn prune_invalidation_points(func: &mut Function) -> bool {
    let keep_any = func.needs_invalidation_points();
    let mut changed = false;
    for block in &mut func.blocks {
        let mut ran_ruby = false;
        let before = block.insts.len();
        block.insts.retain(|inst| {
            if inst.kind.is_invalidation_point() {
                let keep = keep_any && ran_ruby;
                ran_ruby = false;
                keep
            } else {
                ran_ruby |= inst.kind.may_run_ruby();
                true
            }
        });
        changed |= block.insts.len() != before;
    }
    changed
}

pub fn eliminate_dead_code(func: &mut Function) -> bool {
    let pruned = func.phase == Phase::Speculative && prune_invalidation_points(func);
    let delete_temps = may_delete_temps(func);
    let policy = Policy {
        delete_temps,
        remove_stores: delete_temps && !has_implicit_super(func),
        remove_params: delete_temps,
    };
    let is_handler = handler_blocks(func);

    // Mark.
    let mut marks = Marks::new(func);
    for block in &func.blocks {
        let keep_params =
            !policy.remove_params || block.id == func.entry || is_handler[block.id.index()];
        if keep_params {
            for p in &block.params {
                marks.mark_temp(*p);
            }
        }
        for inst in &block.insts {
            let root = match &inst.kind {
                InstKind::StoreLocal(..) => !policy.remove_stores,
                _ if func.phase == Phase::Speculative && type_guard_of(inst).is_some() => false,
                _ => inst.kind.is_terminator() || !removable(inst, &policy),
            };
            if root {
                if let Some(dst) = inst.dst {
                    marks.mark_temp(dst);
                }
                marks.mark_inst_uses(inst);
            }
        }
    }
    marks.propagate();
    let Marks {
        live_temps,
        live_locals,
        defs,
        live_guards,
        ..
    } = marks;

    // In a speculative version, record how to rebuild what goes. A dead copy of an
    // unboxed value is no Value to rebuild: the boxes in the table that read it read its
    // source instead.
    let mut rebuilds = Vec::new();
    let mut unboxed_copies: FxHashMap<TempId, TempId> = FxHashMap::default();
    if !delete_temps {
        for (_, inst) in func.insts() {
            if let Some(dst) = inst.dst {
                if !live_temps.contains(&dst) && removable(inst, &policy) {
                    match (&inst.kind, func.unboxed.contains_key(&dst)) {
                        (InstKind::Copy(src), true) => {
                            unboxed_copies.insert(dst, *src);
                        }
                        _ => rebuilds.push((dst, rebuild_of(func, &defs, &live_temps, dst))),
                    }
                }
            }
        }
    }

    // Sweep.
    let mut changed = pruned || !rebuilds.is_empty() || !unboxed_copies.is_empty();
    func.deleted.entries.extend(rebuilds);
    if !unboxed_copies.is_empty() {
        let resolve = |mut t: TempId| {
            for _ in 0..=unboxed_copies.len() {
                match unboxed_copies.get(&t) {
                    Some(&s) => t = s,
                    None => break,
                }
            }
            t
        };
        for (_, r) in &mut func.deleted.entries {
            if let Rebuild::BoxInt(u) | Rebuild::BoxFloat(u) = r {
                *u = resolve(*u);
            }
        }
        for t in unboxed_copies.keys() {
            func.unboxed.remove(t);
        }
    }
    let mut dead_params: Vec<(BlockId, Vec<bool>)> = Vec::new();
    let speculative = func.phase == Phase::Speculative;
    for block in &mut func.blocks {
        let before = block.insts.len();
        let mut index = 0;
        let b = block.id;
        block.insts.retain(|inst| {
            index += 1;
            if speculative && type_guard_of(inst).is_some() {
                return live_guards.contains(&(b, index - 1));
            }
            keep_inst(inst, &policy, &live_temps, &live_locals)
        });
        changed |= block.insts.len() != before;

        let keep: Vec<bool> = block
            .params
            .iter()
            .map(|p| live_temps.contains(p))
            .collect();
        if keep.iter().any(|k| !k) {
            let mut it = keep.iter();
            block.params.retain(|_| *it.next().unwrap());
            dead_params.push((block.id, keep));
            changed = true;
        }
    }
    if !dead_params.is_empty() {
        let dead: FxHashMap<BlockId, Vec<bool>> = dead_params.into_iter().collect();
        for block in &mut func.blocks {
            let Some(term) = block.insts.last_mut() else {
                continue;
            };
            for bc in term.kind.targets_mut() {
                if let Some(keep) = dead.get(&bc.block) {
                    let mut it = keep.iter();
                    bc.args.retain(|_| it.next().copied().unwrap_or(true));
                }
            }
        }
    }
    changed
}

/// How to rebuild a removed `Const` or `Copy` (speculative versions): follows removed
/// copies to a needed temp or a constant.
fn rebuild_of(
    func: &Function,
    defs: &FxHashMap<TempId, Def>,
    live: &FxHashSet<TempId>,
    mut t: TempId,
) -> Rebuild {
    for _ in 0..=defs.len() {
        let Some(Def::Inst(b, i)) = defs.get(&t).copied() else {
            break;
        };
        match &func.block(b).insts[i].kind {
            InstKind::Const(c) => return Rebuild::Const(c.clone()),
            InstKind::Copy(src) if !live.contains(src) => t = *src,
            InstKind::Copy(src) => return Rebuild::Temp(*src),
            InstKind::BoxInt(u) => return Rebuild::BoxInt(*u),
            InstKind::BoxFloat(u) => return Rebuild::BoxFloat(*u),
            _ => break,
        }
    }
    Rebuild::Temp(t)
}

/// The `dce` pass.
pub struct Dce;

impl Pass for Dce {
    fn name(&self) -> &'static str {
        "dce"
    }

    fn run(&self, func: &mut Function, _cx: &PassContext) -> Result<bool, PassError> {
        Ok(eliminate_dead_code(func))
    }
}
