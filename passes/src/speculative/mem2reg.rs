//! Local promotion ("mem2reg"): turns the frame locals of a speculative version into SSA
//! temps, so that a loop variable is a block parameter of the loop header and its value can
//! stay unboxed around the loop (`unbox` runs after this pass).
//!
//! The construction is brute force, then cleaned up here:
//!
//! 1. every *promoted* local gets one parameter on every block of the *promoted region*
//!    (all blocks except the entry and the handler region, below), in local order, after
//!    the block's own parameters; every jump into such a block passes the local's current
//!    value;
//! 2. each block is walked in order, tracking the current temp of each promoted local: on
//!    entry to a block it is the block's parameter; in the entry block it is the value of
//!    the frame slot, read once by a `load $l` at the start of the block (nil in a normal
//!    call, the transferred value when an OSR entry fills the slots: this load is how OSR
//!    passes locals in; when the entry already starts by loading `$l` before storing it,
//!    that load is the one). `store $l, %v` makes `%v` current and is deleted; a
//!    `%d = load $l` is deleted and every use of `%d` reads the current temp instead; every
//!    frame state of a guard or `IntOp` that says `$l` (also nested in an eliminated scope's
//!    slots) says the current temp instead;
//! 3. the parameters and entry loads that step 1 added are pruned: a parameter that
//!    receives one value (or itself, around a loop) on every edge is replaced by that value,
//!    to a fixed point, then parameters and loads that nothing reads (uses by jumps into
//!    removed parameters do not count) go, with their jump arguments.
//!
//! # Which locals are promoted
//!
//! A handler block is entered from every instruction of its protected blocks that may
//! unwind, so block parameters cannot carry values into it. A local that is read (by a
//! `load` or by a frame state) in a handler block, or in any block a handler reaches (the
//! *handler region*: typically all the code after a `rescue`), is not promoted: it stays a
//! frame local with its loads and stores. (Frame states list every local of their frame,
//! so a guard in the handler region keeps all the locals it lists in their slots.) Every other local mentioned in the function is
//! promoted; its stores in the handler region are deleted too (nothing in the region reads
//! the slot, and the region only jumps within itself). Captured variables live in dynscopes,
//! not in locals, so a call never reads or writes a local; the one exception is an
//! implicit-argument `super` (`zsuper`), which passes the method's parameters from their
//! slots: in a function that has one, every store is kept (loads are still promoted).
//!
//! `func.locals` is unchanged: the slots stay, for OSR transfer and for the locals that
//! were not promoted.
//!
//! **Assumes** a speculative version (phase `Speculative`) in SSA form whose frame states
//! are up to date (built before this pass: a pass that later builds frame states from
//! `Function::inline_sites` would name slots that are no longer written). The entry block
//! has no parameters; if something jumps to it, a new entry block is made first.
//!
//! **Guarantees** the same values everywhere: every deleted load `%d` is recorded in the
//! deleted-temp table as a copy of the temp that replaced it (invariant 5), and every
//! frame state names where each promoted local's value now is (invariant 6). Temps are
//! only allocated with `Function::new_temp` (invariant 3); new loads carry the `Ipc`, line
//! and inline context of the entry block's first instruction. No instruction moves between
//! blocks; only the entry block may be added.
//!
//! **Invalidates** liveness (block parameters are added and loads removed); the CFG is
//! unchanged unless a new entry block was needed.
//!
//! **Idempotent**: yes. After a run, the only loads of a promoted local are the entry's
//! first loads, there are no stores (or, with `zsuper`, only stores) and no frame state
//! names it, so a second run finds nothing to promote and allocates nothing.

use crate::edit::{handler_blocks, predecessor_edges, Substitution};
use ir::pass::{Pass, PassContext, PassError};
use ir::{BlockCall, BlockId, FrameValue, Function, Inst, InstKind, Ipc, LocalId, Rebuild, TempId};
use rustc_hash::{FxHashMap, FxHashSet};

/// The handler region: handler blocks and every block they reach (through jumps and
/// handlers), indexed by block id.
pub fn handler_region(func: &Function) -> Vec<bool> {
    let mut region = handler_blocks(func);
    let mut stack: Vec<BlockId> = region
        .iter()
        .enumerate()
        .filter(|(_, h)| **h)
        .map(|(i, _)| BlockId(i as u32))
        .collect();
    while let Some(b) = stack.pop() {
        let block = func.block(b);
        for s in block.successors().into_iter().chain(block.handler) {
            if let Some(r) = region.get_mut(s.index()) {
                if !*r {
                    *r = true;
                    stack.push(s);
                }
            }
        }
    }
    region
}

/// Calls `f` on every local a frame value names, nested ones included.
fn visit_locals(v: &FrameValue, f: &mut dyn FnMut(LocalId)) {
    match v {
        FrameValue::Local(l) => f(*l),
        FrameValue::Nil
        | FrameValue::Temp(_)
        | FrameValue::VersionSelf
        | FrameValue::VersionBlock
        | FrameValue::VersionOuter => {}
        FrameValue::Scope { parent, slots, .. } => {
            visit_locals(parent, f);
            slots.iter().for_each(|s| visit_locals(s, f));
        }
        FrameValue::Block {
            self_val,
            scope,
            home_block,
            ..
        } => {
            visit_locals(self_val, f);
            visit_locals(scope, f);
            visit_locals(home_block, f);
        }
    }
}

/// Calls `f` on every local the frame states of `inst`'s resume point name.
fn for_each_frame_local(inst: &Inst, f: &mut dyn FnMut(LocalId)) {
    if let Some(r) = inst.kind.resume_point() {
        for fr in &r.frames {
            fr.for_each_value(&mut |v| visit_locals(v, f));
        }
    }
}

fn has_implicit_super(func: &Function) -> bool {
    func.insts()
        .any(|(_, i)| matches!(&i.kind, InstKind::Super(s) if s.args.is_none()))
}

/// Which locals may be promoted: those no block of the handler region reads.
fn promotable_locals(func: &Function, region: &[bool]) -> Vec<bool> {
    let mut ok = vec![true; func.locals.len()];
    let mut forbid = |l: LocalId| {
        if let Some(slot) = ok.get_mut(l.index()) {
            *slot = false;
        }
    };
    for block in func.blocks.iter().filter(|b| region[b.id.index()]) {
        for inst in &block.insts {
            if let InstKind::LoadLocal(l) = inst.kind {
                forbid(l);
            }
            for_each_frame_local(inst, &mut forbid);
        }
    }
    ok
}

/// For each local, the position in the entry block of its first load, when no store to it
/// comes before: that load reads the slot as the function was entered.
fn entry_loads(func: &Function) -> FxHashMap<LocalId, usize> {
    let mut first = FxHashMap::default();
    let mut stored = FxHashSet::default();
    for (i, inst) in func.block(func.entry).insts.iter().enumerate() {
        match inst.kind {
            InstKind::StoreLocal(l, _) => {
                stored.insert(l);
            }
            InstKind::LoadLocal(l) if inst.dst.is_some() && !stored.contains(&l) => {
                first.entry(l).or_insert(i);
            }
            _ => {}
        }
    }
    first
}

/// The locals this run promotes, in id order: promotable ones that something would change
/// for (a store to delete, a load other than an entry load, a frame state naming them).
fn locals_to_promote(
    func: &Function,
    region: &[bool],
    promotable: &[bool],
    entry_loads: &FxHashMap<LocalId, usize>,
    keep_stores: bool,
) -> Vec<LocalId> {
    let mut chosen = vec![false; func.locals.len()];
    let ok = |l: LocalId| promotable.get(l.index()).copied().unwrap_or(false);
    for block in &func.blocks {
        let in_region = region[block.id.index()];
        for (i, inst) in block.insts.iter().enumerate() {
            match inst.kind {
                InstKind::StoreLocal(l, _) if ok(l) && !keep_stores => chosen[l.index()] = true,
                InstKind::LoadLocal(l) if ok(l) && !in_region => {
                    let entry_load = block.id == func.entry && entry_loads.get(&l) == Some(&i);
                    if !entry_load {
                        chosen[l.index()] = true;
                    }
                }
                _ => {}
            }
            if !in_region {
                for_each_frame_local(inst, &mut |l| {
                    if ok(l) {
                        chosen[l.index()] = true;
                    }
                });
            }
        }
    }
    (0..chosen.len())
        .filter(|&i| chosen[i])
        .map(|i| LocalId(i as u32))
        .collect()
}

/// Where new instructions of the entry block take their `Ipc`, line and inline context.
#[derive(Clone, Copy)]
struct Origin {
    ipc: Ipc,
    line: u32,
    inlined: u32,
}

impl Origin {
    fn inst(self, dst: Option<TempId>, kind: InstKind) -> Inst {
        Inst {
            ipc: self.ipc,
            dst,
            kind,
            line: self.line,
            inlined: self.inlined,
        }
    }
}

/// The renaming walk's state.
struct Renamer {
    /// Promoted local -> its index in the promoted list.
    index: FxHashMap<LocalId, usize>,
    locals: Vec<LocalId>,
    /// The slot value on entry, once something needed it: (index, temp of the load).
    entry_values: Vec<Option<TempId>>,
    /// Loads of the entry values that this pass adds at the start of the entry block.
    new_loads: Vec<(usize, TempId)>,
    subst: Substitution,
    /// Deleted loads and the temp they read now.
    deleted: Vec<(TempId, TempId)>,
}

impl Renamer {
    /// The current value of promoted local `k`, reading the slot on entry if needed (only
    /// the entry block has unknown current values).
    fn current(&mut self, cur: &mut [Option<TempId>], k: usize, func: &mut Function) -> TempId {
        if let Some(t) = cur[k] {
            return t;
        }
        let t = match self.entry_values[k] {
            Some(t) => t,
            None => {
                let t = func.new_temp();
                self.entry_values[k] = Some(t);
                self.new_loads.push((k, t));
                t
            }
        };
        cur[k] = Some(t);
        t
    }

    /// Renames the promoted locals in one block of the promoted region.
    fn rename_block(
        &mut self,
        func: &mut Function,
        b: BlockId,
        params: Option<&[TempId]>,
        region: &[bool],
        added: &[Option<(usize, Vec<TempId>)>],
        keep_stores: bool,
    ) {
        let k = self.locals.len();
        let mut cur: Vec<Option<TempId>> = match params {
            Some(ps) => ps.iter().map(|p| Some(*p)).collect(),
            None => vec![None; k],
        };
        let is_entry = b == func.entry;
        let insts = std::mem::take(&mut func.block_mut(b).insts);
        let mut out = Vec::with_capacity(insts.len());
        for mut inst in insts {
            match inst.kind {
                InstKind::LoadLocal(l) if self.index.contains_key(&l) => {
                    let s = self.index[&l];
                    let Some(dst) = inst.dst else { continue };
                    if cur[s].is_none() && is_entry && self.entry_values[s].is_none() {
                        // The first read of the slot on entry: it stays and names the value.
                        self.entry_values[s] = Some(dst);
                        cur[s] = Some(dst);
                        out.push(inst);
                        continue;
                    }
                    let v = self.current(&mut cur, s, func);
                    self.subst.insert(dst, v);
                    self.deleted.push((dst, v));
                    continue;
                }
                InstKind::StoreLocal(l, v) if self.index.contains_key(&l) => {
                    cur[self.index[&l]] = Some(v);
                    if keep_stores {
                        out.push(inst);
                    }
                    continue;
                }
                _ => {}
            }
            if inst.kind.resume_point().is_some() {
                let mut named = Vec::new();
                for_each_frame_local(&inst, &mut |l| {
                    if let Some(&s) = self.index.get(&l) {
                        named.push(s);
                    }
                });
                for s in named {
                    self.current(&mut cur, s, func);
                }
                let index = &self.index;
                let resume = inst.kind.resume_point_mut().expect("checked above");
                for fr in &mut resume.frames {
                    fr.for_each_value_mut(&mut |v| {
                        v.rewrite(&mut |x| {
                            if let FrameValue::Local(l) = x {
                                if let Some(&s) = index.get(l) {
                                    *x = FrameValue::Temp(cur[s].expect("made current above"));
                                }
                            }
                        })
                    });
                }
            }
            for bc in inst.kind.targets_mut() {
                let target = bc.block.index();
                if target < region.len() && !region[target] && added[target].is_some() {
                    for s in 0..k {
                        let v = self.current(&mut cur, s, func);
                        bc.args.push(v);
                    }
                }
            }
            out.push(inst);
        }
        func.block_mut(b).insts = out;
    }
}

/// Replaces added parameters that receive one value on every edge (or themselves) by that
/// value, to a fixed point. Returns the replaced parameters and the substitution.
fn trivial_params(
    func: &Function,
    added: &[Option<(usize, Vec<TempId>)>],
) -> (FxHashSet<TempId>, Substitution) {
    let preds = predecessor_edges(func);
    let mut subst = Substitution::new();
    let mut removed = FxHashSet::default();
    loop {
        let mut progress = false;
        for (b, entry) in added.iter().enumerate() {
            let Some((base, params)) = entry else {
                continue;
            };
            let block = &func.blocks[b];
            for (j, &p) in params.iter().enumerate() {
                if removed.contains(&p) {
                    continue;
                }
                let mut unique = None;
                let mut trivial = !preds[b].is_empty();
                for edge in &preds[b] {
                    let term = func
                        .block(edge.from)
                        .terminator()
                        .expect("edge from a terminator");
                    let Some(&arg) = term.kind.targets()[edge.slot].args.get(base + j) else {
                        trivial = false;
                        break;
                    };
                    let arg = subst.resolve(arg);
                    if arg == p {
                        continue;
                    }
                    match unique {
                        None => unique = Some(arg),
                        Some(u) if u == arg => {}
                        Some(_) => {
                            trivial = false;
                            break;
                        }
                    }
                }
                if let (true, Some(v)) = (trivial, unique) {
                    // A value defined in the block itself cannot dominate it (unreachable
                    // code only): left alone.
                    let here =
                        block.params.contains(&v) || block.insts.iter().any(|i| i.dst == Some(v));
                    if !here {
                        subst.insert(p, v);
                        removed.insert(p);
                        progress = true;
                    }
                }
            }
        }
        if !progress {
            return (removed, subst);
        }
    }
}

/// The temps something reads: every use but jump arguments, which count only for needed
/// parameters (every parameter the pass did not add is needed), plus `extra_roots`.
fn needed_temps(
    func: &Function,
    added: &FxHashSet<TempId>,
    extra_roots: impl Iterator<Item = TempId>,
) -> FxHashSet<TempId> {
    let preds = predecessor_edges(func);
    let mut param_at: FxHashMap<TempId, (usize, usize)> = FxHashMap::default();
    let mut live = FxHashSet::default();
    let mut work = Vec::new();
    let mark = |t: TempId, live: &mut FxHashSet<TempId>, work: &mut Vec<TempId>| {
        if live.insert(t) {
            work.push(t);
        }
    };
    for block in &func.blocks {
        for (i, &p) in block.params.iter().enumerate() {
            param_at.insert(p, (block.id.index(), i));
            if !added.contains(&p) {
                mark(p, &mut live, &mut work);
            }
        }
        for inst in &block.insts {
            match &inst.kind {
                InstKind::Jump(_) => {}
                InstKind::Branch { cond, .. } => mark(*cond, &mut live, &mut work),
                kind => kind.for_each_use(|t| mark(t, &mut live, &mut work)),
            }
        }
    }
    for t in extra_roots {
        mark(t, &mut live, &mut work);
    }
    while let Some(t) = work.pop() {
        let Some(&(b, i)) = param_at.get(&t) else {
            continue;
        };
        for edge in &preds[b] {
            let term = func
                .block(edge.from)
                .terminator()
                .expect("edge from a terminator");
            if let Some(&arg) = term.kind.targets()[edge.slot].args.get(i) {
                mark(arg, &mut live, &mut work);
            }
        }
    }
    live
}

/// Drops the parameters `keep` says no to, with the matching argument of every jump.
fn drop_params(func: &mut Function, keep: &FxHashMap<BlockId, Vec<bool>>) {
    for block in &mut func.blocks {
        if let Some(mask) = keep.get(&block.id) {
            let mut it = mask.iter();
            block.params.retain(|_| *it.next().unwrap_or(&true));
        }
        let Some(term) = block.insts.last_mut() else {
            continue;
        };
        for bc in term.kind.targets_mut() {
            if let Some(mask) = keep.get(&bc.block) {
                let mut it = mask.iter();
                bc.args.retain(|_| *it.next().unwrap_or(&true));
            }
        }
    }
}

/// Makes a new entry block that jumps to the old one, so that the old one can take
/// parameters. Returns the origin of the new block's instructions.
fn split_entry(func: &mut Function, origin: Origin) {
    let old = func.entry;
    let new = func.new_block();
    func.block_mut(new)
        .insts
        .push(origin.inst(None, InstKind::Jump(BlockCall::new(old))));
    func.entry = new;
}

/// Promotes the locals of `func` to temps. Returns whether anything changed.
pub fn promote_locals(func: &mut Function) -> bool {
    if func.locals.is_empty() || func.blocks.is_empty() {
        return false;
    }
    let Some(first) = func.block(func.entry).insts.first() else {
        return false;
    };
    let origin = Origin {
        ipc: first.ipc,
        line: first.line,
        inlined: first.inlined,
    };
    let mut region = handler_region(func);
    if region[func.entry.index()] {
        return false; // the entry is a handler's target: malformed, left alone
    }
    let promotable = promotable_locals(func, &region);
    let keep_stores = has_implicit_super(func);
    let entry_has_preds = !predecessor_edges(func)[func.entry.index()].is_empty();
    let loads = if entry_has_preds {
        FxHashMap::default()
    } else {
        entry_loads(func)
    };
    let locals = locals_to_promote(func, &region, &promotable, &loads, keep_stores);
    if locals.is_empty() {
        return false;
    }
    if entry_has_preds {
        split_entry(func, origin);
        region.push(false);
    }

    // 1. A parameter per promoted local on every block of the promoted region.
    let k = locals.len();
    let mut added: Vec<Option<(usize, Vec<TempId>)>> = vec![None; func.blocks.len()];
    for b in 0..func.blocks.len() {
        if BlockId(b as u32) == func.entry || region[b] {
            continue;
        }
        let base = func.blocks[b].params.len();
        let params: Vec<TempId> = (0..k).map(|_| func.new_temp()).collect();
        func.blocks[b].params.extend(&params);
        added[b] = Some((base, params));
    }

    // 2. Rename.
    let mut r = Renamer {
        index: locals.iter().enumerate().map(|(i, l)| (*l, i)).collect(),
        locals: locals.clone(),
        entry_values: vec![None; k],
        new_loads: Vec::new(),
        subst: Substitution::new(),
        deleted: Vec::new(),
    };
    for b in 0..func.blocks.len() {
        let bid = BlockId(b as u32);
        if region[b] {
            if !keep_stores {
                func.block_mut(bid).insts.retain(|inst| {
                    !matches!(inst.kind, InstKind::StoreLocal(l, _) if r.index.contains_key(&l))
                });
            }
            continue;
        }
        let params = added[b].as_ref().map(|(base, ps)| (*base, ps.clone()));
        r.rename_block(
            func,
            bid,
            params.as_ref().map(|(_, ps)| ps.as_slice()),
            &region,
            &added,
            keep_stores,
        );
    }
    r.new_loads.sort_by_key(|(s, _)| *s);
    let loads: Vec<Inst> = r
        .new_loads
        .iter()
        .map(|&(s, t)| origin.inst(Some(t), InstKind::LoadLocal(r.locals[s])))
        .collect();
    let entry = func.entry;
    func.block_mut(entry).insts.splice(0..0, loads);
    r.subst.apply(func);

    // 3. Prune what step 1 added.
    let (removed, subst) = trivial_params(func, &added);
    subst.apply(func);
    let deleted: Vec<(TempId, TempId)> = r
        .deleted
        .iter()
        .map(|&(d, v)| (d, subst.resolve(r.subst.resolve(v))))
        .collect();
    let added_set: FxHashSet<TempId> = added
        .iter()
        .flatten()
        .flat_map(|(_, ps)| ps.iter().copied())
        .collect();
    let live = needed_temps(func, &added_set, deleted.iter().map(|(_, v)| *v));
    let mut keep = FxHashMap::default();
    for (b, entry) in added.iter().enumerate() {
        if entry.is_none() {
            continue;
        }
        let mask: Vec<bool> = func.blocks[b]
            .params
            .iter()
            .map(|p| !added_set.contains(p) || (live.contains(p) && !removed.contains(p)))
            .collect();
        if mask.iter().any(|k| !k) {
            keep.insert(BlockId(b as u32), mask);
        }
    }
    drop_params(func, &keep);
    let dead_loads: FxHashSet<TempId> = r
        .new_loads
        .iter()
        .map(|(_, t)| *t)
        .filter(|t| !live.contains(t))
        .collect();
    func.block_mut(entry)
        .insts
        .retain(|i| !i.dst.is_some_and(|d| dead_loads.contains(&d)));

    func.deleted
        .entries
        .extend(deleted.into_iter().map(|(d, v)| (d, Rebuild::Temp(v))));
    true
}

/// The `mem2reg` pass.
pub struct Mem2Reg;

impl Pass for Mem2Reg {
    fn name(&self) -> &'static str {
        "mem2reg"
    }

    fn speculative(&self) -> bool {
        true
    }

    fn run(&self, func: &mut Function, _cx: &PassContext) -> Result<bool, PassError> {
        super::versions_only(func, "mem2reg", "local promotion")?;
        Ok(promote_locals(func))
    }
}
