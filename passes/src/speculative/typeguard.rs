//! Type speculation: puts `is_fixnum` / `is_float` guards before the arithmetic, bitwise
//! operations and comparisons whose profile saw only Integers (fixnums) or only Floats, so that `unbox`
//! can turn them into machine operations.
//!
//! - Assumes: a speculative version with a profile (for inlined code, the callee's profile
//!   from the oracle); runs before `mem2reg` (frame states name locals, which mem2reg then
//!   rewrites into temps).
//! - Guarantees: each guard resumes at the guarded instruction itself (reason
//!   `type_guard`), with a complete frame state; sites whose speculation failed before
//!   (the profile's `failed` set) get no guard.
//! - Adds instructions; invalidates CFG-independent analyses only (no block changes).
//! - Not idempotent (it would guard twice); it runs once in the speculative pipeline.

use super::framestate::FrameStates;
use ir::pass::{Pass, PassContext, PassError};
use ir::profile::{SiteProfile, TypeSet};
use ir::*;
use rustc_hash::FxHashMap;

/// Operators `unbox` handles: Integer add/sub/mul and comparisons, Float arithmetic and
/// comparisons.
fn guardable(op: BinOp, float: bool) -> bool {
    match op {
        BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div => true,
        BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge | BinOp::Eq | BinOp::Ne => true,
        BinOp::Mod | BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor | BinOp::Shr => !float,
        _ => false,
    }
}

fn kind_of(ts: TypeSet) -> Option<bool> {
    if ts.is_only(TypeSet::FIXNUM) {
        Some(false)
    } else if ts.is_only(TypeSet::FLOAT) {
        Some(true)
    } else {
        None
    }
}

/// Inserts the guards. Returns whether any was added.
pub fn insert_type_guards(f: &mut Function, cx: &PassContext) -> Result<bool, String> {
    let mut profiles = super::SiteProfiles::new(f, cx);
    let mut states = FrameStates::new(cx.oracle);
    // Constants that need no guard.
    let mut consts: FxHashMap<TempId, bool> = FxHashMap::default();
    for (_, i) in f.insts() {
        match (&i.kind, i.dst) {
            (InstKind::Const(Const::Int(v)), Some(d))
                if (-(1i64 << 62)..(1i64 << 62)).contains(v) =>
            {
                consts.insert(d, false);
            }
            (InstKind::Const(Const::Float(_)), Some(d)) => {
                consts.insert(d, true);
            }
            _ => {}
        }
    }
    let mut plan: Vec<(BlockId, usize, Vec<(TempId, bool)>, Ipc, u32)> = Vec::new();
    for b in &f.blocks {
        for (idx, inst) in b.insts.iter().enumerate() {
            let InstKind::Binary(op, a, c) = inst.kind else {
                continue;
            };
            let Some(SiteProfile::Operands { lhs, rhs, .. }) = profiles.at(f, inst) else {
                continue;
            };
            let (Some(lf), Some(rf)) = (kind_of(*lhs), kind_of(*rhs)) else {
                continue;
            };
            if !guardable(op, lf || rf) {
                continue;
            }
            let mut checks = Vec::new();
            for (t, fl) in [(a, lf), (c, rf)] {
                if consts.get(&t) != Some(&fl) && !checks.iter().any(|(x, _)| *x == t) {
                    checks.push((t, fl));
                }
            }
            if !checks.is_empty() {
                plan.push((b.id, idx, checks, inst.ipc, inst.inlined));
            }
        }
    }
    if plan.is_empty() {
        return Ok(false);
    }
    // Insert from the back of each block so indexes stay valid.
    plan.sort_by_key(|x| (x.0, std::cmp::Reverse(x.1)));
    for (b, idx, checks, ipc, ctx) in plan {
        let resume = states.resume_at(f, ctx, ipc, DeoptReason::TypeGuard)?;
        let line = f.block(b).insts[idx].line;
        let mut guards = Vec::new();
        for (t, float) in checks {
            let check = if float {
                GuardCheck::IsFloat(t)
            } else {
                GuardCheck::IsFixnum(t)
            };
            guards.push(Inst {
                ipc,
                dst: None,
                kind: InstKind::Guard {
                    check,
                    resume: Box::new(resume.clone()),
                },
                line,
                inlined: ctx,
            });
        }
        let insts = &mut f.block_mut(b).insts;
        for (k, g) in guards.into_iter().enumerate() {
            insts.insert(idx + k, g);
        }
    }
    Ok(true)
}

/// The `typeguard` pass.
pub struct TypeGuard;

impl Pass for TypeGuard {
    fn name(&self) -> &'static str {
        "typeguard"
    }
    fn speculative(&self) -> bool {
        true
    }
    fn run(&self, func: &mut Function, cx: &PassContext) -> Result<bool, PassError> {
        insert_type_guards(func, cx).map_err(|message| PassError {
            pass: "typeguard",
            message,
        })
    }
}
