//! Intrinsics: calls of a core method that a version does inline instead of calling.
//! Today two: `array[index]` and `array[index] = value`, whose call-site profile saw only
//! Arrays, become a `class` guard on the array, an `is_fixnum` guard on the index and
//! `array_get` / `array_set`, which read or write the element as the core `Array#[]` and
//! `Array#[]=` do (from the end for a negative index; nil out of range, or growing the
//! array) with no call and no lookup; `array_get` needs no invalidation point after it.
//!
//! - Assumes: a speculative version with a profile (for inlined code, the callee's
//!   profile from the oracle), after `assumeguard` (the pass manager refuses a pipeline
//!   without it before this pass) and before `mem2reg` (frame states name locals).
//! - What it speculates: the receiver is an Array (the profiled class, checked by the
//!   `class` guard), the index is a fixnum (checked by the `is_fixnum` guard; a Float or
//!   a Range index makes the guard fail once, and the site is then left alone). Both
//!   guards resume at the call itself (reasons `class_guard`, `type_guard`).
//! - What it assumes without a check: `Array#[]` (`Array#[]=`) is still the core method. It asks the
//!   oracle (`Oracle::builtin_intact`) and registers `Assumption::Builtin` (invariant
//!   8), so a redefinition invalidates the version and a running activation leaves at
//!   its next invalidation point. Calls in the prelude's code call the core method
//!   whatever the program defines, and need no assumption.
//! - Sites whose speculation failed before (the profile's `failed` set) are left alone.
//! - Adds instructions; no block changes. Not idempotent on its own output (no call is
//!   left to rewrite, so running it twice changes nothing more).

use super::framestate::FrameStates;
use ir::pass::{Pass, PassContext, PassError};
use ir::profile::SiteProfile;
use ir::*;

/// Rewrites the monomorphic `Array#[]` calls with one argument and `Array#[]=` calls
/// with two. Returns whether any changed.
pub fn use_intrinsics(f: &mut Function, cx: &PassContext) -> Result<bool, String> {
    let Some(array_class) = cx.oracle.core_class(CoreClass::Array) else {
        return Ok(false);
    };
    let mut profiles = super::SiteProfiles::new(f, cx);
    // (block, index, array, index value, value stored, whether it needs the assumption)
    let mut plan: Vec<(BlockId, usize, TempId, TempId, Option<TempId>, bool)> = Vec::new();
    for b in &f.blocks {
        for (idx, inst) in b.insts.iter().enumerate() {
            let InstKind::Call(call) = &inst.kind else {
                continue;
            };
            let (Some(array), None, Some(_)) = (call.recv, call.block, inst.dst) else {
                continue;
            };
            let (index, value) = match (call.name.as_str(), call.args.as_slice()) {
                ("[]", [index]) => (*index, None),
                ("[]=", [index, value]) => (*index, Some(*value)),
                _ => continue,
            };
            // The prelude's calls always call the core method (no assumption needed).
            let owner = if inst.inlined == 0 {
                f.id
            } else {
                f.inline_sites[(inst.inlined - 1) as usize].callee
            };
            let primitive = cx.oracle.ir0(owner).is_some_and(|o| o.builtin);
            if !primitive && !cx.oracle.builtin_intact(CoreClass::Array, &call.name) {
                continue;
            }
            let Some(SiteProfile::Call {
                classes,
                megamorphic: false,
            }) = profiles.at(f, inst)
            else {
                continue;
            };
            if let [(class, _, _)] = classes.as_slice() {
                if *class == array_class {
                    plan.push((b.id, idx, array, index, value, !primitive));
                }
            }
        }
    }
    if plan.is_empty() {
        return Ok(false);
    }
    let mut states = FrameStates::new(cx.oracle);
    // From the back of each block, so that indexes stay valid.
    plan.sort_by_key(|x| (x.0, std::cmp::Reverse(x.1)));
    for (b, idx, array, index, value, assumes) in plan {
        let (ipc, ctx, line) = {
            let i = &f.block(b).insts[idx];
            (i.ipc, i.inlined, i.line)
        };
        let class_resume = states.resume_at(f, ctx, ipc, DeoptReason::ClassGuard)?;
        let type_resume = states.resume_at(f, ctx, ipc, DeoptReason::TypeGuard)?;
        let guard = |check, resume| Inst {
            ipc,
            dst: None,
            kind: InstKind::Guard {
                check,
                resume: Box::new(resume),
            },
            line,
            inlined: ctx,
        };
        let guards = [
            guard(GuardCheck::Class(array, array_class), class_resume),
            guard(GuardCheck::IsFixnum(index), type_resume),
        ];
        let insts = &mut f.block_mut(b).insts;
        let (kind, name) = match value {
            None => (InstKind::ArrayGet { array, index }, "[]"),
            Some(value) => (
                InstKind::ArraySet {
                    array,
                    index,
                    value,
                },
                "[]=",
            ),
        };
        insts[idx].kind = kind;
        for g in guards.into_iter().rev() {
            insts.insert(idx, g);
        }
        let assumed = Assumption::Builtin {
            class: CoreClass::Array,
            name: name.to_string(),
        };
        if assumes && !f.assumptions.contains(&assumed) {
            f.assumptions.push(assumed);
        }
    }
    Ok(true)
}

/// The `intrinsics` pass.
pub struct Intrinsics;

impl Pass for Intrinsics {
    fn name(&self) -> &'static str {
        "intrinsics"
    }
    fn speculative(&self) -> bool {
        true
    }
    fn run(&self, func: &mut Function, cx: &PassContext) -> Result<bool, PassError> {
        use_intrinsics(func, cx).map_err(|message| PassError {
            pass: "intrinsics",
            message,
        })
    }
}
