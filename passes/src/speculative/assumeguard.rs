//! Invalidation points: an `assumptions` guard after every instruction of a version that
//! may run Ruby code.
//!
//! A version relies on assumptions that no guard in it checks: `unbox` treats `Integer#*`
//! as the builtin multiplication (invariant 8). Ruby code run by a call (a method body, a
//! block, a `to_s` in an interpolation, an operator defined by the program) may redefine
//! such a method while the version is running. The version must then leave before it runs
//! one more instruction on the broken assumption: right after the instruction that ran
//! that code. So every such instruction ([`InstKind::may_run_ruby`]) is followed by
//! `guard assumptions`, which fails when the engine has invalidated the version, and
//! resumes at the IR0 instruction right after it (the call's result is then a live temp
//! of the frame state like any other). A handler block's `CatchUnwind` gets one too: the
//! code that raised may have redefined something before the unwind reached the handler.
//!
//! - Assumes: a speculative version right after `inline` (frame states are built from the
//!   `InlineSite` maps, before `scopeelim` and `mem2reg` rewrite locals and scopes); every
//!   instruction that may run Ruby code has a next instruction in its IR0 block (calls are
//!   never terminators).
//! - Guarantees: every instruction that may run Ruby code is immediately followed by an
//!   `assumptions` guard (reason `invalidated`) with a complete frame state; later passes
//!   keep it up to date like any guard's. `dce` drops them again in a version that ends
//!   up assuming no builtin (nothing can be invalidated under it), and the verifier checks
//!   that a version that does assume builtins has all of them.
//! - Adds instructions; no block changes. Not idempotent (it would guard twice); it runs
//!   once in the speculative pipeline, before `unbox`.

use super::framestate::FrameStates;
use ir::pass::{Pass, PassContext, PassError};
use ir::*;

/// Inserts the invalidation points. Returns whether any was added.
pub fn insert_invalidation_points(f: &mut Function, cx: &PassContext) -> Result<bool, String> {
    let mut states = FrameStates::new(cx.oracle);
    // (block, index of the instruction, IR0 instruction to resume at, context, line, ipc)
    let mut plan: Vec<(BlockId, usize, Ipc, u32, u32, Ipc)> = Vec::new();
    for b in &f.blocks {
        for (idx, inst) in b.insts.iter().enumerate() {
            if !inst.kind.may_run_ruby() {
                continue;
            }
            let func = if inst.inlined == 0 {
                f.id
            } else {
                f.inline_sites[(inst.inlined - 1) as usize].callee
            };
            let (ir0, ib, ii) = states.locate(func, inst.ipc)?;
            let next = ir0
                .block(ib)
                .insts
                .get(ii + 1)
                .ok_or_else(|| format!("{func} {}: nothing follows it in IR0", inst.ipc))?;
            plan.push((b.id, idx, next.ipc, inst.inlined, inst.line, inst.ipc));
        }
    }
    if plan.is_empty() {
        return Ok(false);
    }
    // The guards, in block and instruction order (the order `plan` was made in).
    let mut guards: Vec<(BlockId, usize, Inst)> = Vec::with_capacity(plan.len());
    for (b, idx, resume_ipc, ctx, line, ipc) in plan {
        let resume = states.resume_at(f, ctx, resume_ipc, DeoptReason::Invalidated)?;
        let guard = Inst {
            ipc,
            dst: None,
            kind: InstKind::Guard {
                check: GuardCheck::Assumptions,
                resume: Box::new(resume),
            },
            line,
            inlined: ctx,
        };
        guards.push((b, idx, guard));
    }
    // Each block is rebuilt once with every guard right after its call: an insertion
    // each would move the block's tail each time (quadratic in a block of many calls).
    let mut guards = guards.into_iter().peekable();
    while let Some(&(b, _, _)) = guards.peek() {
        let old = std::mem::take(&mut f.block_mut(b).insts);
        let mut insts = Vec::with_capacity(old.len() * 2);
        for (i, inst) in old.into_iter().enumerate() {
            insts.push(inst);
            while let Some((_, _, guard)) = guards.next_if(|g| g.0 == b && g.1 == i) {
                insts.push(guard);
            }
        }
        f.block_mut(b).insts = insts;
    }
    Ok(true)
}

/// The `assumeguard` pass.
pub struct AssumeGuard;

impl Pass for AssumeGuard {
    fn name(&self) -> &'static str {
        "assumeguard"
    }
    fn speculative(&self) -> bool {
        true
    }
    fn run(&self, func: &mut Function, cx: &PassContext) -> Result<bool, PassError> {
        super::versions_only(func, "assumeguard", "invalidation points")?;
        insert_invalidation_points(func, cx).map_err(|message| PassError {
            pass: "assumeguard",
            message,
        })
    }
}
