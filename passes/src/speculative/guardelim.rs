//! Redundant guard elimination: a type or class guard is dropped when the same check on
//! the same temp dominates it (a temp never changes, so the check still holds). The temps
//! of `self` instructions of one inline context count as one (they all hold the frame's
//! `self`).
//!
//! - Assumes: a speculative version. Method guards are kept (a call between two of them
//!   may redefine the method), but a class guard that a method guard on the same receiver
//!   and class dominates goes (the method guard checked the class).
//! - Guarantees: every remaining guard checks something not already known; resume points
//!   of removed guards simply go (the dominating guard resumes earlier, which is fine:
//!   it deoptimizes before anything the removed one protected ran).
//! - Does not change blocks; idempotent.

use ir::cfg::Cfg;
use ir::pass::{Pass, PassContext, PassError};
use ir::*;

/// A check: its kind, the temp checked and (class guards) the class.
type Check = (u8, TempId, u32);

/// The check a guard makes, if it is one this pass deduplicates.
fn key(k: &InstKind) -> Option<Check> {
    match k {
        InstKind::Guard {
            check: GuardCheck::IsFixnum(t),
            ..
        } => Some((0, *t, 0)),
        InstKind::Guard {
            check: GuardCheck::IsFloat(t),
            ..
        } => Some((1, *t, 0)),
        InstKind::Guard {
            check: GuardCheck::Class(t, c),
            ..
        } => Some((2, *t, c.0)),
        _ => None,
    }
}

/// Removes dominated duplicate guards. Returns whether any went.
pub fn eliminate_guards(f: &mut Function) -> bool {
    let cfg = Cfg::new(f);
    // Every `self` of one inline context is the same value: checks on any of them are
    // checks on the first.
    let same = f.self_aliases();
    // Every check and where it is: (check, block, index, whether this pass may remove
    // it). A method guard checks its receiver's class too, but stays (see above).
    let mut seen: Vec<(Check, BlockId, usize, bool)> = Vec::new();
    for b in &f.blocks {
        for (i, inst) in b.insts.iter().enumerate() {
            let (k, removable) = match &inst.kind {
                InstKind::Guard {
                    check: GuardCheck::Method { recv, class, .. },
                    ..
                } => ((2, *recv, class.0), false),
                kind => match key(kind) {
                    Some(k) => (k, true),
                    None => continue,
                },
            };
            let (kind, t, c) = k;
            seen.push((
                (kind, same.get(&t).copied().unwrap_or(t), c),
                b.id,
                i,
                removable,
            ));
        }
    }
    let mut remove: Vec<(BlockId, usize)> = Vec::new();
    for (k, b, i, removable) in &seen {
        if !removable {
            continue;
        }
        let dominated = seen.iter().any(|(k2, b2, i2, _)| {
            k2 == k
                && (b2, i2) != (b, i)
                && if b2 == b {
                    i2 < i
                } else {
                    cfg.dominates(*b2, *b) && cfg.is_reachable(*b2)
                }
        });
        if dominated {
            remove.push((*b, *i));
        }
    }
    if remove.is_empty() {
        return false;
    }
    remove.sort_by(|x, y| y.cmp(x));
    for (b, i) in remove {
        f.block_mut(b).insts.remove(i);
    }
    true
}

/// The `guardelim` pass.
pub struct GuardElim;

impl Pass for GuardElim {
    fn name(&self) -> &'static str {
        "guardelim"
    }
    fn speculative(&self) -> bool {
        true
    }
    fn run(&self, func: &mut Function, _cx: &PassContext) -> Result<bool, PassError> {
        Ok(eliminate_guards(func))
    }
}
