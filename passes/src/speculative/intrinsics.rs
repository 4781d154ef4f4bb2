//! Intrinsics: calls that a version does inline instead of calling, because what the
//! method does is known and small.
//!
//! - `array[index]` and `array[index] = value`, whose call-site profile saw only Arrays,
//!   become a `class` guard on the array, an `is_fixnum` guard on the index and
//!   `array_get` / `array_set`, which read or write the element as the core `Array#[]`
//!   and `Array#[]=` do (from the end for a negative index; nil out of range, or growing
//!   the array) with no call and no lookup.
//! - `obj.name`, whose profile saw one class of plain objects where `name` is a public
//!   `attr_reader` (`Oracle::attr_reader`), becomes a `class` guard on `obj` and
//!   `ivar_load` of the variable's slot in that class's layout.
//!
//! Neither runs Ruby code, so no invalidation point is needed after them (`dce` drops the
//! ones the calls had).
//!
//! - Assumes: a speculative version with a profile (for inlined code, the callee's
//!   profile from the oracle), after `assumeguard` (the pass manager refuses a pipeline
//!   without it before this pass) and before `mem2reg` (frame states name locals).
//! - What it speculates, checked by guards resuming at the call itself: the receiver's
//!   class is the profiled one (`class_guard`), and an array index is a fixnum
//!   (`type_guard`; a Float or a Range index makes the guard fail once, and the site is
//!   then left alone).
//! - What it assumes without a check, registered (invariant 8) so that a redefinition
//!   invalidates the version and a running activation leaves at its next invalidation
//!   point: `Array#[]` / `Array#[]=` are still the core methods
//!   (`Assumption::Builtin`, made only while `Oracle::builtin_intact` says so), and the
//!   reader is still that `attr_reader` (`Assumption::Reader`). Calls in the prelude's
//!   code call the core method whatever the program defines, and need no assumption
//!   for `[]`. The slot needs none: a class never moves a variable's slot.
//! - Sites whose speculation failed before (the profile's `failed` set) are left alone.
//! - Adds instructions; no block changes. Not idempotent on its own output (no call is
//!   left to rewrite, so running it twice changes nothing more).

use super::framestate::FrameStates;
use ir::pass::{Pass, PassContext, PassError};
use ir::profile::SiteProfile;
use ir::*;

/// What a call becomes.
enum Rewrite {
    /// `array_get` (no value) or `array_set` of the value, and whether the assumption is
    /// needed (not in the prelude's code).
    Array {
        index: TempId,
        value: Option<TempId>,
        assumes: bool,
    },
    /// `ivar_load` of the variable, at the slot.
    Reader { ivar: String, slot: u32 },
}

/// Rewrites the monomorphic `Array#[]` calls with one argument, `Array#[]=` calls with
/// two, and attr_reader calls. Returns whether any changed.
pub fn use_intrinsics(f: &mut Function, cx: &PassContext) -> Result<bool, String> {
    let array_class = cx.oracle.core_class(CoreClass::Array);
    let mut profiles = super::SiteProfiles::new(f, cx);
    // (block, index, receiver, its class, rewrite)
    let mut plan: Vec<(BlockId, usize, TempId, ClassId, Rewrite)> = Vec::new();
    for b in &f.blocks {
        for (idx, inst) in b.insts.iter().enumerate() {
            let InstKind::Call(call) = &inst.kind else {
                continue;
            };
            let (Some(recv), None, Some(_)) = (call.recv, call.block, inst.dst) else {
                continue;
            };
            let array_op = match (call.name.as_str(), call.args.as_slice()) {
                ("[]", [index]) => Some((*index, None)),
                ("[]=", [index, value]) => Some((*index, Some(*value))),
                _ => None,
            };
            if array_op.is_none() && !call.args.is_empty() {
                continue;
            }
            // The prelude's calls always call the core method (no assumption needed).
            let owner = super::ctx_func(f, inst.inlined);
            let primitive = cx.oracle.ir0(owner).is_some_and(|o| o.builtin);
            let Some(SiteProfile::Call {
                classes,
                megamorphic: false,
            }) = profiles.at(f, inst)
            else {
                continue;
            };
            let [(class, _, _)] = classes.as_slice() else {
                continue;
            };
            let class = *class;
            let rewrite = match array_op {
                Some((index, value)) => {
                    if Some(class) != array_class
                        || !(primitive || cx.oracle.builtin_intact(CoreClass::Array, &call.name))
                    {
                        continue;
                    }
                    Rewrite::Array {
                        index,
                        value,
                        assumes: !primitive,
                    }
                }
                // A prelude call resolves to the core method of boot, never to a reader.
                None if !primitive => match cx.oracle.attr_reader(class, &call.name) {
                    Some((ivar, slot)) => Rewrite::Reader { ivar, slot },
                    None => continue,
                },
                None => continue,
            };
            plan.push((b.id, idx, recv, class, rewrite));
        }
    }
    if plan.is_empty() {
        return Ok(false);
    }
    let mut states = FrameStates::new(cx.oracle);
    // From the back of each block, so that indexes stay valid.
    plan.sort_by_key(|x| (x.0, std::cmp::Reverse(x.1)));
    for (b, idx, recv, class, rewrite) in plan {
        let (ipc, ctx, line, name) = {
            let i = &f.block(b).insts[idx];
            let InstKind::Call(call) = &i.kind else {
                unreachable!("planned on a call")
            };
            (i.ipc, i.inlined, i.line, call.name.clone())
        };
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
        let mut guards = vec![guard(
            GuardCheck::Class(recv, class),
            states.resume_at(f, ctx, ipc, DeoptReason::ClassGuard)?,
        )];
        let (kind, assumed) = match rewrite {
            Rewrite::Array {
                index,
                value,
                assumes,
            } => {
                guards.push(guard(
                    GuardCheck::IsFixnum(index),
                    states.resume_at(f, ctx, ipc, DeoptReason::TypeGuard)?,
                ));
                let kind = match value {
                    None => InstKind::ArrayGet { array: recv, index },
                    Some(value) => InstKind::ArraySet {
                        array: recv,
                        index,
                        value,
                    },
                };
                let assumed = assumes.then(|| Assumption::Builtin {
                    class: CoreClass::Array,
                    name,
                });
                (kind, assumed)
            }
            Rewrite::Reader { ivar, slot } => (
                InstKind::IvarLoad {
                    obj: recv,
                    name: ivar.clone(),
                    slot,
                },
                Some(Assumption::Reader { class, name, ivar }),
            ),
        };
        let insts = &mut f.block_mut(b).insts;
        insts[idx].kind = kind;
        for g in guards.into_iter().rev() {
            insts.insert(idx, g);
        }
        if let Some(a) = assumed {
            if !f.assumptions.contains(&a) {
                f.assumptions.push(a);
            }
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
