//! Instance-variable slots: turns an `ivar_get` / `ivar_set` whose profile saw plain
//! objects of one class into a class guard and a direct slot access (`ivar_load` /
//! `ivar_store`), so that reading `@x` is one check and one load.
//!
//! - Assumes: a speculative version with a profile (for inlined code, the callee's profile
//!   from the oracle); runs before `mem2reg` (frame states name locals).
//! - What it speculates: the receiver's class is the profiled one. Checked by a `class`
//!   guard before the access, resuming at the access itself (`class_guard`). What the slot
//!   number relies on is not a speculation: a class gives each instance-variable name a
//!   slot the first time one of its objects sets it, and never moves or reuses one
//!   (`runtime::class::Class::ivar_slot`), and the objects of a class are all plain
//!   objects or none is (`AllocKind`), so the slot the profile saw stays right for every
//!   object that passes the guard. A frozen receiver makes `ivar_store` raise
//!   FrozenError itself, as `ivar_set` does.
//! - Sites whose speculation failed before (the profile's `failed` set) are left alone.
//! - Adds instructions; no block changes. Not idempotent on its own output (it would find
//!   no `ivar_get` left to rewrite, so running it twice changes nothing more).

use super::framestate::FrameStates;
use ir::pass::{Pass, PassContext, PassError};
use ir::profile::SiteProfile;
use ir::*;

/// Rewrites the monomorphic instance-variable accesses. Returns whether any changed.
pub fn use_ivar_slots(f: &mut Function, cx: &PassContext) -> Result<bool, String> {
    let mut profiles = super::SiteProfiles::new(f, cx);
    // (block, index, receiver, class, slot, ipc, inline context)
    let mut plan: Vec<(BlockId, usize, TempId, ClassId, u32, Ipc, u32)> = Vec::new();
    for b in &f.blocks {
        for (idx, inst) in b.insts.iter().enumerate() {
            let obj = match &inst.kind {
                InstKind::IvarGet { obj, .. } | InstKind::IvarSet { obj, .. } => *obj,
                _ => continue,
            };
            if let Some(SiteProfile::Ivar { class, slot, .. }) = profiles.at(f, inst) {
                plan.push((b.id, idx, obj, *class, *slot, inst.ipc, inst.inlined));
            }
        }
    }
    if plan.is_empty() {
        return Ok(false);
    }
    let mut states = FrameStates::new(cx.oracle);
    // From the back of each block, so that indexes stay valid.
    plan.sort_by_key(|x| (x.0, std::cmp::Reverse(x.1)));
    for (b, idx, obj, class, slot, ipc, ctx) in plan {
        let resume = states.resume_at(f, ctx, ipc, DeoptReason::ClassGuard)?;
        let insts = &mut f.block_mut(b).insts;
        let line = insts[idx].line;
        insts[idx].kind = match std::mem::replace(&mut insts[idx].kind, InstKind::Unreachable) {
            InstKind::IvarGet { obj, name } => InstKind::IvarLoad { obj, name, slot },
            InstKind::IvarSet { obj, name, value } => InstKind::IvarStore {
                obj,
                name,
                slot,
                value,
            },
            _ => unreachable!("planned on an ivar access"),
        };
        insts.insert(
            idx,
            Inst {
                ipc,
                dst: None,
                kind: InstKind::Guard {
                    check: GuardCheck::Class(obj, class),
                    resume: Box::new(resume),
                },
                line,
                inlined: ctx,
            },
        );
    }
    Ok(true)
}

/// The `ivarslot` pass.
pub struct IvarSlot;

impl Pass for IvarSlot {
    fn name(&self) -> &'static str {
        "ivarslot"
    }
    fn speculative(&self) -> bool {
        true
    }
    fn run(&self, func: &mut Function, cx: &PassContext) -> Result<bool, PassError> {
        use_ivar_slots(func, cx).map_err(|message| PassError {
            pass: "ivarslot",
            message,
        })
    }
}
