//! Redundant guard elimination: a type or class guard is dropped when the same check on
//! the same temp dominates it (a temp never changes, so the check still holds).
//!
//! - Assumes: a speculative version. Method guards are kept (a call between two of them
//!   may redefine the method).
//! - Guarantees: every remaining guard checks something not already known; resume points
//!   of removed guards simply go (the dominating guard resumes earlier, which is fine:
//!   it deoptimizes before anything the removed one protected ran).
//! - Does not change blocks; idempotent.

use ir::cfg::Cfg;
use ir::pass::{Pass, PassContext, PassError};
use ir::*;

/// The check a guard makes, if it is one this pass deduplicates.
fn key(k: &InstKind) -> Option<(u8, TempId, u32)> {
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
    // Where each check first appears: (block, index).
    let mut seen: Vec<((u8, TempId, u32), BlockId, usize)> = Vec::new();
    for b in &f.blocks {
        for (i, inst) in b.insts.iter().enumerate() {
            if let Some(k) = key(&inst.kind) {
                seen.push((k, b.id, i));
            }
        }
    }
    let mut remove: Vec<(BlockId, usize)> = Vec::new();
    for (k, b, i) in &seen {
        let dominated = seen.iter().any(|(k2, b2, i2)| {
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
