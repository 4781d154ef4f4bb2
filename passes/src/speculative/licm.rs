//! Loop-invariant guards: a type guard inside a loop on a value defined outside it is
//! checked once more on the way into the loop, so that the checks inside it become
//! redundant.
//!
//! `while i < n` guards `is_fixnum n` on every iteration, although `n` never changes in the
//! loop. This pass copies such a guard to the loop's *preheader*: the end of the one block
//! that jumps into the loop header from outside, or a new block that every edge from
//! outside the loop now goes through. The copy resumes at the header's entry resume point
//! (see [`crate::speculative::edge`]): if it fails, IR0 runs the loop from its start, as the
//! version would have. `unbox` then unboxes `n` once, right after the copy (the first check
//! that dominates its uses), and `guardelim` removes the guards in the loop.
//!
//! A guard is copied when:
//! - it checks `is_fixnum` or `is_float` (what a value is never changes; a class guard may
//!   be followed by a change of the method, so method guards stay where they are);
//! - its operand is defined outside the loop;
//! - its block runs on every iteration (it dominates every back edge's source), so that
//!   the loop, once entered, would have checked it anyway before its second iteration;
//! - the header starts with a guard whose resume point holds at its entry
//!   ([`entry_resume`]), and no identical check already dominates the header from outside.
//!
//! Loops are taken innermost first and the pass repeats, so a guard leaves a nest of loops
//! one loop at a time.
//!
//! **Assumes** a speculative version in SSA form with type guards (after `typeguard` and
//! `mem2reg`). **Guarantees** the same results: a copied guard only deoptimizes where the
//! loop's own guard would have (or earlier, when the loop exits before reaching it: IR0
//! then runs the loop), and its frame states are the header's, complete (invariant 6). New
//! temps come from the function's counter; a new preheader block gets fresh parameters.
//! **Invalidates** the CFG when it adds a preheader. **Idempotent**: yes (a copied check
//! dominates the header, so it is not copied again).

use crate::edit::{handler_blocks, predecessor_edges, Edge};
use crate::speculative::edge::{entry_resume, resume_on_edge};
use ir::cfg::{BitSet, Cfg};
use ir::pass::{Pass, PassContext, PassError};
use ir::{BlockCall, BlockId, DeoptReason, Function, GuardCheck, Inst, InstKind, TempId};
use rustc_hash::FxHashMap;

/// A natural loop: its header, its blocks, and the sources of its back edges.
struct Loop {
    header: BlockId,
    body: BitSet,
    latches: Vec<BlockId>,
}

/// The natural loops of `func` (back edges sharing a header make one loop), innermost
/// (fewest blocks) first.
fn loops(func: &Function, cfg: &Cfg) -> Vec<Loop> {
    let mut by_header: FxHashMap<BlockId, Loop> = FxHashMap::default();
    for &(latch, header) in cfg.back_edges() {
        let l = by_header.entry(header).or_insert_with(|| Loop {
            header,
            body: BitSet::new(func.blocks.len()),
            latches: Vec::new(),
        });
        l.latches.push(latch);
        l.body.union_with(&cfg.natural_loop(latch, header));
    }
    let mut loops: Vec<Loop> = by_header.into_values().collect();
    loops.sort_by_key(|l| (l.body.count(), l.header));
    loops
}

/// The check of a guard this pass copies.
fn invariant_check(kind: &InstKind) -> Option<(GuardCheck, TempId)> {
    match kind {
        InstKind::Guard {
            check: c @ (GuardCheck::IsFixnum(t) | GuardCheck::IsFloat(t)),
            ..
        } => Some((c.clone(), *t)),
        _ => None,
    }
}

/// Copies the invariant guards of one loop to its preheader. Returns whether it did.
fn hoist_one(func: &mut Function) -> bool {
    let cfg = Cfg::new(func);
    let mut def_block: FxHashMap<TempId, BlockId> = FxHashMap::default();
    for b in &func.blocks {
        for &p in &b.params {
            def_block.insert(p, b.id);
        }
        for inst in &b.insts {
            if let Some(d) = inst.dst {
                def_block.insert(d, b.id);
            }
        }
    }
    let preds = predecessor_edges(func);
    let is_handler = handler_blocks(func);
    for l in loops(func, &cfg) {
        let h = l.header;
        if h == func.entry || is_handler[h.index()] {
            continue;
        }
        let Some(entry_guard) = entry_resume(func, h) else {
            continue;
        };
        let outside: Vec<Edge> = preds[h.index()]
            .iter()
            .copied()
            .filter(|e| !l.body.contains(e.from.index()))
            .collect();
        if outside.is_empty() {
            continue;
        }
        // Checks made before the loop on every way in.
        let checked_before = |check: &GuardCheck| {
            func.blocks.iter().any(|b| {
                !l.body.contains(b.id.index())
                    && cfg.is_reachable(b.id)
                    && cfg.dominates(b.id, h)
                    && b.insts
                        .iter()
                        .any(|i| invariant_check(&i.kind).is_some_and(|(c, _)| &c == check))
            })
        };
        let mut checks: Vec<GuardCheck> = Vec::new();
        for b in l.body.iter().map(|i| BlockId(i as u32)) {
            if !l.latches.iter().all(|&latch| cfg.dominates(b, latch)) {
                continue;
            }
            for inst in &func.block(b).insts {
                let Some((check, t)) = invariant_check(&inst.kind) else {
                    continue;
                };
                let outside_loop = def_block
                    .get(&t)
                    .is_some_and(|d| !l.body.contains(d.index()));
                if outside_loop && !checks.contains(&check) && !checked_before(&check) {
                    checks.push(check);
                }
            }
        }
        if checks.is_empty() {
            continue;
        }
        place(func, h, entry_guard, &outside, checks);
        return true;
    }
    false
}

/// Puts `checks` on the way into header `h`: before the jump of its one predecessor from
/// outside, or in a new preheader that the `outside` edges now go to.
fn place(
    func: &mut Function,
    h: BlockId,
    entry_guard: usize,
    outside: &[Edge],
    checks: Vec<GuardCheck>,
) {
    let single_jump = match outside {
        [e] => matches!(
            func.block(e.from).terminator().map(|t| &t.kind),
            Some(InstKind::Jump(_))
        ),
        _ => false,
    };
    let (at, args): (BlockId, Vec<TempId>) = if single_jump {
        let from = outside[0].from;
        let Some(InstKind::Jump(bc)) = func.block(from).terminator().map(|t| &t.kind) else {
            unreachable!("checked above");
        };
        (from, bc.args.to_vec())
    } else {
        let n = func.block(h).params.len();
        let params: Vec<TempId> = (0..n).map(|_| func.new_temp()).collect();
        let pre = func.new_block();
        let origin = func.block(h).insts[entry_guard].clone();
        func.block_mut(pre).params = params.clone();
        func.block_mut(pre).insts.push(Inst {
            dst: None,
            kind: InstKind::Jump(BlockCall::with_args(h, &params)),
            ..origin
        });
        for e in outside {
            let term = func
                .block_mut(e.from)
                .insts
                .last_mut()
                .expect("a terminator");
            term.kind.targets_mut()[e.slot].block = pre;
        }
        (pre, params)
    };
    let origin = func.block(h).insts[entry_guard].clone();
    let mut next_temp = func.next_temp;
    let (remade, resume) = resume_on_edge(func, h, entry_guard, &args, &mut || {
        next_temp += 1;
        TempId(next_temp - 1)
    });
    func.next_temp = next_temp;
    let mut new: Vec<Inst> = remade;
    for check in checks {
        let mut resume = resume.clone();
        resume.reason = DeoptReason::TypeGuard;
        new.push(Inst {
            dst: None,
            kind: InstKind::Guard {
                check,
                resume: Box::new(resume),
            },
            ..origin.clone()
        });
    }
    let insts = &mut func.block_mut(at).insts;
    let end = insts.len() - 1;
    insts.splice(end..end, new);
}

/// Copies loop-invariant type guards out of loops, innermost first. Returns whether
/// anything changed.
pub fn hoist_invariant_guards(func: &mut Function) -> bool {
    let mut changed = false;
    // Each round copies the guards of one loop, which are then checked before it: at most
    // one round per loop and guard, bounded for safety.
    for _ in 0..1000 {
        if !hoist_one(func) {
            break;
        }
        changed = true;
    }
    changed
}

/// The `licm` pass.
pub struct Licm;

impl Pass for Licm {
    fn name(&self) -> &'static str {
        "licm"
    }

    fn speculative(&self) -> bool {
        true
    }

    fn run(&self, func: &mut Function, _cx: &PassContext) -> Result<bool, PassError> {
        super::versions_only(func, "licm", "guard hoisting")?;
        Ok(hoist_invariant_guards(func))
    }
}
