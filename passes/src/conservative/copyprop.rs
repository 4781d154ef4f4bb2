//! Copy propagation: makes every use read the original value instead of a copy of it.
//!
//! Three kinds of copies are propagated, all by rewriting uses only:
//!
//! - `%d = copy %s`: every use of `%d` reads `%s`;
//! - locals within a basic block: a `LoadLocal($x)` after a `StoreLocal($x, %t)` with no
//!   store to `$x` in between reads `%t`; a `LoadLocal($x)` after an earlier
//!   `LoadLocal($x)` with no store in between reads the earlier load's temp. Only
//!   `StoreLocal` writes a frame local in rebound (calls cannot: captured variables live
//!   in dynscopes, and there is no `binding`/`eval`), so no other instruction kills the
//!   forwarded value;
//! - block parameters that receive the same temp `%t` on every edge into the block (or
//!   `%t` and the parameter itself, around a loop): every use of the parameter reads `%t`.
//!   This is what turns `bb3(%p)` reached by `jump bb3(%c)` from each predecessor (for
//!   example after constant folding removed the other edges) into uses of `%c`.
//!
//! **Assumes** single-assignment temps whose definitions dominate their uses (the
//! verifier's SSA check).
//!
//! **Guarantees** the program computes the same values; no instruction, block or
//! parameter is removed, moved or renumbered (invariant 3): the copies, loads and
//! parameters whose uses were rewritten are left in place, usually dead, for `dce`. It
//! does not depend on the phase: rewriting uses deletes no temp, so it is as safe on a
//! speculative version as on IR0.
//!
//! **Invalidates** liveness (live ranges of the original values grow); the CFG is
//! unchanged.
//!
//! **Idempotent**: yes. A second run finds the same copies, whose uses are already gone.

use crate::edit::{handler_blocks, predecessor_edges, Substitution};
use ir::pass::{Pass, PassContext, PassError};
use ir::{Function, InstKind, LocalId, TempId};
use rustc_hash::FxHashMap;

/// Rewrites the uses of every propagated copy. Returns whether any use changed.
pub fn copy_propagate(func: &mut Function) -> bool {
    let mut subst = Substitution::new();
    collect_copies(func, &mut subst);
    collect_local_forwards(func, &mut subst);
    collect_trivial_params(func, &mut subst);
    subst.apply(func)
}

/// `%d = copy %s` maps `%d` to `%s`.
fn collect_copies(func: &Function, subst: &mut Substitution) {
    for (_, inst) in func.insts() {
        if let (Some(dst), InstKind::Copy(src)) = (inst.dst, &inst.kind) {
            subst.insert(dst, *src);
        }
    }
}

/// Forwards locals within each block: the temp last stored to or loaded from a local
/// answers later loads of it in the same block.
fn collect_local_forwards(func: &Function, subst: &mut Substitution) {
    let mut known: FxHashMap<LocalId, TempId> = FxHashMap::default();
    for block in &func.blocks {
        known.clear();
        for inst in &block.insts {
            match (&inst.kind, inst.dst) {
                (InstKind::StoreLocal(local, value), _) => {
                    known.insert(*local, *value);
                }
                (InstKind::LoadLocal(local), Some(dst)) => match known.get(local) {
                    Some(&value) => subst.insert(dst, value),
                    None => {
                        known.insert(*local, dst);
                    }
                },
                _ => {}
            }
        }
    }
}

/// Block parameters whose incoming arguments are all one temp (ignoring the parameter
/// itself, passed around a loop). The entry block and handlers are skipped: their
/// parameters (if any) are not defined by jump arguments alone. Iterates because
/// resolving one parameter can make another one trivial.
fn collect_trivial_params(func: &Function, subst: &mut Substitution) {
    let preds = predecessor_edges(func);
    let is_handler = handler_blocks(func);
    loop {
        let before = subst.len();
        for block in &func.blocks {
            if block.id == func.entry || is_handler[block.id.index()] || block.params.is_empty() {
                continue;
            }
            let edges = &preds[block.id.index()];
            if edges.is_empty() {
                continue;
            }
            for (i, &param) in block.params.iter().enumerate() {
                if subst.contains(param) {
                    continue;
                }
                let mut unique: Option<TempId> = None;
                let mut trivial = true;
                for edge in edges {
                    let term = func
                        .block(edge.from)
                        .terminator()
                        .expect("edge from a terminator");
                    let Some(&arg) = term.kind.targets()[edge.slot].args.get(i) else {
                        trivial = false;
                        break;
                    };
                    let arg = subst.resolve(arg);
                    if arg == param {
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
                // A value defined in the block itself (params included) cannot dominate
                // it: that only happens in unreachable code, which is left alone.
                if let (true, Some(value)) = (trivial, unique) {
                    let defined_here = block.params.contains(&value)
                        || block.insts.iter().any(|inst| inst.dst == Some(value));
                    if !defined_here {
                        subst.insert(param, value);
                    }
                }
            }
        }
        if subst.len() == before {
            break;
        }
    }
}

/// The `copyprop` pass.
pub struct CopyProp;

impl Pass for CopyProp {
    fn name(&self) -> &'static str {
        "copyprop"
    }

    fn run(&self, func: &mut Function, _cx: &PassContext) -> Result<bool, PassError> {
        Ok(copy_propagate(func))
    }
}
