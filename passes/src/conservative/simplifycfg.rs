//! CFG simplification, to a fixed point:
//!
//! - **unreachable blocks** go: those that no path of jumps, branches and handler edges
//!   reaches from the entry (`Function::compact_blocks`, so block ids stay dense and the
//!   surviving blocks keep their order);
//! - **branches with identical targets**: `branch %c, bbX(args), bbX(args)` becomes
//!   `jump bbX(args)`;
//! - **jump threading**: an edge to a block that holds only `jump bbY(args)` goes straight
//!   to `bbY`, with the empty block's parameters replaced by the edge's arguments. Only
//!   when the empty block's parameters are read by nothing but its own jump (otherwise
//!   they are values that later blocks need), and never around a cycle of empty blocks;
//! - **block merging**: a block whose one and only incoming edge is an unconditional
//!   `jump` from its predecessor is appended to it, when it is not the entry, not a
//!   handler, and has the same handler as the predecessor (so every instruction keeps
//!   where its unwinds go). Its parameters become the jump's arguments: in IR0 by
//!   rewriting every use of a parameter to read the argument; in a speculative version,
//!   where IR0 may need the parameter's temp at a resume point, by a `copy` that keeps it
//!   (with the `Ipc` of the jump it replaces).
//!
//! In a speculative version, a block parameter that the deleted-temp table rebuilds from
//! counts as used (so its block is not skipped), and the unboxed-temp table forgets the
//! temps of removed blocks.
//!
//! **Assumes** single-assignment temps; terminators are the last instruction of their
//! block.
//!
//! **Guarantees** the same observable behaviour and the same instructions, except for
//! removed jumps and the instructions of unreachable blocks; no temp is renumbered
//! (invariant 3). Block ids change (they stay dense).
//!
//! **Invalidates** every CFG analysis (block ids, predecessors, dominators) and liveness.
//!
//! **Idempotent**: yes; it iterates until no rule applies.

use crate::edit::{handler_blocks, may_delete_temps, predecessor_edges, use_counts, Substitution};
use ir::pass::{Pass, PassContext, PassError};
use ir::TempId;
use ir::{BlockCall, BlockId, Function, Inst, InstKind};
use rustc_hash::{FxHashMap, FxHashSet};

/// Drops the blocks that nothing reaches from the entry. Returns whether any went.
pub fn remove_unreachable_blocks(func: &mut Function) -> bool {
    let mut reached = vec![false; func.blocks.len()];
    let mut stack = vec![func.entry];
    reached[func.entry.index()] = true;
    while let Some(b) = stack.pop() {
        let block = func.block(b);
        let next = block.successors().into_iter().chain(block.handler);
        for s in next {
            if let Some(r) = reached.get_mut(s.index()) {
                if !*r {
                    *r = true;
                    stack.push(s);
                }
            }
        }
    }
    if reached.iter().all(|r| *r) {
        return false;
    }
    func.compact_blocks(&reached);
    // Unboxed temps defined only in the dropped blocks are gone with them.
    if !func.unboxed.is_empty() {
        let mut defined = FxHashSet::default();
        for block in &func.blocks {
            defined.extend(block.params.iter().copied());
            defined.extend(block.insts.iter().filter_map(|i| i.dst));
        }
        func.unboxed.retain(|t, _| defined.contains(t));
    }
    true
}

/// `branch %c, bbX(args), bbX(args)` becomes `jump bbX(args)`.
pub fn fold_same_target_branches(func: &mut Function) -> bool {
    let mut changed = false;
    for block in &mut func.blocks {
        let Some(term) = block.insts.last_mut() else {
            continue;
        };
        if let InstKind::Branch { then_, else_, .. } = &term.kind {
            if then_ == else_ {
                term.kind = InstKind::Jump(then_.clone());
                changed = true;
            }
        }
    }
    changed
}

/// The target of a block that holds only a jump, if edges to it may skip it: not the
/// entry, not a handler, and its parameters read by nothing but its own jump.
fn forwarding_jump<'f>(
    func: &'f Function,
    b: BlockId,
    is_handler: &[bool],
    uses: &FxHashMap<TempId, u32>,
) -> Option<&'f BlockCall> {
    let block = func.block(b);
    if b == func.entry || is_handler[b.index()] || block.insts.len() != 1 {
        return None;
    }
    let InstKind::Jump(target) = &block.insts[0].kind else {
        return None;
    };
    if target.block == b {
        return None;
    }
    for p in &block.params {
        let in_jump = target.args.iter().filter(|a| *a == p).count() as u32;
        if uses.get(p).copied().unwrap_or(0) != in_jump {
            return None;
        }
    }
    Some(target)
}

/// Where a jump into each forwarding block ends up after skipping every forwarding block
/// on its way: per block, once, so that a chain of n forwarding blocks (nested `if`
/// modifiers make one) costs O(n), not a walk of the chain's rest from every edge.
#[derive(Clone)]
enum Forward {
    /// Not computed yet.
    Unknown,
    /// The block does not forward: an edge to it stays.
    Stays,
    /// The block forwards to this call, whose arguments are in terms of the block's own
    /// parameters (and temps defined elsewhere).
    To(BlockCall),
    /// The forwarding blocks from here run into a cycle, or a jump's argument count
    /// does not match its target's parameters: edges to it stay.
    Blocked,
}

fn forward_table(
    func: &Function,
    is_handler: &[bool],
    uses: &FxHashMap<TempId, u32>,
) -> Vec<Forward> {
    let n = func.blocks.len();
    let mut table = vec![Forward::Unknown; n];
    let mut on_path = vec![false; n];
    for start in 0..n {
        // Follow the chain from `start` to a block already known (or a cycle), then
        // resolve the chain backwards.
        let mut path: Vec<(BlockId, &BlockCall)> = Vec::new();
        let mut b = BlockId(start as u32);
        let end = loop {
            if !matches!(table[b.index()], Forward::Unknown) {
                break table[b.index()].clone();
            }
            if on_path[b.index()] {
                break Forward::Blocked;
            }
            let Some(target) = forwarding_jump(func, b, is_handler, uses) else {
                table[b.index()] = Forward::Stays;
                break Forward::Stays;
            };
            on_path[b.index()] = true;
            path.push((b, target));
            b = target.block;
        };
        let mut next = end;
        for &(blk, target) in path.iter().rev() {
            on_path[blk.index()] = false;
            let params = &func.block(target.block).params;
            let resolved = match next {
                Forward::Blocked => Forward::Blocked,
                Forward::Stays | Forward::Unknown => Forward::To(target.clone()),
                Forward::To(ref fin) if params.len() == target.args.len() => {
                    Forward::To(substitute(fin, params, &target.args))
                }
                Forward::To(_) => Forward::Blocked,
            };
            table[blk.index()] = resolved.clone();
            next = resolved;
        }
    }
    table
}

/// `call` with each of `params` in its arguments replaced by the matching one of `args`.
fn substitute(call: &BlockCall, params: &[TempId], args: &[TempId]) -> BlockCall {
    BlockCall {
        block: call.block,
        args: call
            .args
            .iter()
            .map(|a| match params.iter().position(|p| p == a) {
                Some(i) => args[i],
                None => *a,
            })
            .collect(),
    }
}

/// Where an edge `call` ends up after skipping every forwarding block on its way, or
/// `None` if it does not start at one or the forwarding blocks form a cycle.
fn thread(func: &Function, call: &BlockCall, table: &[Forward]) -> Option<BlockCall> {
    let Forward::To(fin) = &table[call.block.index()] else {
        return None;
    };
    let params = &func.block(call.block).params;
    if params.len() != call.args.len() {
        return None;
    }
    let new = substitute(fin, params, &call.args);
    (new.block != call.block).then_some(new)
}

/// Sends every edge to a block that only jumps straight to where that block jumps.
pub fn thread_jumps(func: &mut Function) -> bool {
    let is_handler = handler_blocks(func);
    let uses = use_counts(func);
    let table = forward_table(func, &is_handler, &uses);
    let mut rewrites = Vec::new();
    for block in &func.blocks {
        let Some(term) = block.terminator() else {
            continue;
        };
        for (slot, call) in term.kind.targets().iter().enumerate() {
            if let Some(new) = thread(func, call, &table) {
                rewrites.push((block.id, slot, new));
            }
        }
    }
    let changed = !rewrites.is_empty();
    for (b, slot, new) in rewrites {
        let term = func.block_mut(b).insts.last_mut().expect("terminator");
        *term.kind.targets_mut()[slot] = new;
    }
    changed
}

/// Appends each block to its predecessor when that predecessor's `jump` is its only
/// incoming edge. The merged blocks are left empty and unreachable, for
/// [`remove_unreachable_blocks`].
pub fn merge_blocks(func: &mut Function) -> bool {
    let keep_params = !may_delete_temps(func);
    let is_handler = handler_blocks(func);
    let mut preds: Vec<Vec<BlockId>> = predecessor_edges(func)
        .into_iter()
        .map(|edges| edges.iter().map(|e| e.from).collect())
        .collect();
    let mut subst = Substitution::new();
    let mut changed = false;

    for p in 0..func.blocks.len() {
        let p = BlockId(p as u32);
        loop {
            let pred_block = func.block(p);
            if pred_block.insts.is_empty() {
                break; // merged into another block already
            }
            let Some(Inst {
                kind: InstKind::Jump(call),
                ..
            }) = pred_block.terminator()
            else {
                break;
            };
            let b = call.block;
            let succ = func.block(b);
            if b == p
                || b == func.entry
                || is_handler[b.index()]
                || succ.handler != pred_block.handler
                || preds[b.index()].as_slice() != [p]
                || succ.params.len() != call.args.len()
            {
                break;
            }
            let args = call.args.clone();
            let jump = func.block_mut(p).insts.pop().expect("the jump");
            let succ = func.block_mut(b);
            let params = std::mem::take(&mut succ.params);
            let moved = std::mem::take(&mut succ.insts);
            // `b`'s successors now have `p` as their predecessor.
            for s in moved.last().map(|t| t.kind.targets()).unwrap_or_default() {
                for pred in &mut preds[s.block.index()] {
                    if *pred == b {
                        *pred = p;
                    }
                }
            }
            preds[b.index()].clear();
            let insts = &mut func.block_mut(p).insts;
            for (param, arg) in params.into_iter().zip(args) {
                if keep_params {
                    insts.push(Inst {
                        ipc: jump.ipc,
                        dst: Some(param),
                        kind: InstKind::Copy(arg),
                        line: jump.line,
                        inlined: jump.inlined,
                    });
                } else {
                    subst.insert(param, arg);
                }
            }
            insts.extend(moved);
            changed = true;
        }
    }
    subst.apply(func);
    changed
}

/// Applies every rule until none applies. Returns whether anything changed.
pub fn simplify_cfg(func: &mut Function) -> bool {
    let mut changed = false;
    loop {
        let mut round = remove_unreachable_blocks(func);
        round |= fold_same_target_branches(func);
        round |= thread_jumps(func);
        round |= merge_blocks(func);
        if !round {
            return changed;
        }
        changed = true;
    }
}

/// The `simplifycfg` pass.
pub struct SimplifyCfg;

impl Pass for SimplifyCfg {
    fn name(&self) -> &'static str {
        "simplifycfg"
    }

    fn run(&self, func: &mut Function, _cx: &PassContext) -> Result<bool, PassError> {
        Ok(simplify_cfg(func))
    }
}
