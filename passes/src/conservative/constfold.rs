//! Constant folding of what is constant whatever the program redefines.
//!
//! Ruby lets a program redefine `Integer#+`, `Integer#<`, `Integer#-@`, `to_s`, ..., so
//! this pass never folds `Binary` operators, `Unary` `Neg`/`BitNot`, or an `Interp` with
//! a part that is not a String: that is the speculative passes' job, behind guards. It
//! folds only what calls no method:
//!
//! - `Truthy(v)` and `Unary(Not, v)` when the truthiness of `v` is known become `Const`
//!   `true`/`false` (same `dst`, same `Ipc`). The truthiness of `v` is known when `v` is a
//!   constant (`nil` and `false` are falsy, every other constant truthy), a new object
//!   (`NewArray`, `Interp`, `ToArray`, `MakeBlock`, `ScopeNew`: always truthy), a `Truthy`
//!   or `Not` of a value whose truthiness is known, or a `Copy` of any of these;
//! - `Branch` on a condition whose truthiness is known becomes a `Jump` to the taken target
//!   with its arguments (the other edge disappears; `simplifycfg` removes what became
//!   unreachable);
//! - `Branch` on `Unary(Not, v)` becomes a `Branch` on `v` with its targets swapped, and on
//!   `Truthy(v)` a `Branch` on `v` (`!` is truthiness here, not a method call): the
//!   interpreter then branches on a comparison's result directly (`until i == n`);
//! - `Interp` whose parts are all string literals (`Const(Str)`) becomes one `Const(Str)`,
//!   provided each part's temp is read by `Interp`s only: a literal that something else
//!   can see (a call, a store) may be mutated (`s << "x"`) before the `Interp` runs. Both
//!   forms make a new String at each evaluation, so identity is preserved.
//!
//! Block parameters that receive the same temp from every predecessor are resolved by
//! `copyprop` (this is copy propagation through block parameters), which runs after this
//! pass and `simplifycfg` in the IR0 pipeline.
//!
//! **Assumes** single-assignment temps.
//!
//! **Guarantees** the same observable behaviour: only instructions that call no method
//! are folded; no temp is deleted or renumbered (folded instructions keep their `dst`),
//! so it is safe on speculative versions too.
//!
//! **Invalidates** the CFG (a folded branch loses an edge) and liveness.
//!
//! **Idempotent**: yes; it folds to a fixed point.

use crate::edit::use_counts;
use ir::pass::{Pass, PassContext, PassError};
use ir::{BlockId, Const, Function, InstKind, TempId, UnOp};
use rustc_hash::FxHashMap;

/// What is known about a temp's value.
#[derive(Clone, Debug, PartialEq)]
enum Fact {
    /// Exactly this constant.
    Const(Const),
    /// Some object other than `nil` and `false` (a fresh array, string, block, ...).
    Object,
}

impl Fact {
    fn truthy(&self) -> bool {
        !matches!(self, Fact::Const(Const::Nil) | Fact::Const(Const::False))
    }
}

fn bool_const(b: bool) -> Const {
    if b {
        Const::True
    } else {
        Const::False
    }
}

/// Follows definitions to what is known about `t`. Bounded by `depth` so that malformed
/// IR (a copy cycle) cannot recurse forever.
fn fact_of(defs: &FxHashMap<TempId, &InstKind>, t: TempId, depth: u32) -> Option<Fact> {
    if depth > 64 {
        return None;
    }
    match defs.get(&t)? {
        InstKind::Const(c) => Some(Fact::Const(c.clone())),
        InstKind::Copy(src) => fact_of(defs, *src, depth + 1),
        InstKind::NewArray(_)
        | InstKind::Interp(_)
        | InstKind::ToArray(_)
        | InstKind::MakeBlock { .. }
        | InstKind::ScopeNew => Some(Fact::Object),
        InstKind::Truthy(v) => {
            fact_of(defs, *v, depth + 1).map(|f| Fact::Const(bool_const(f.truthy())))
        }
        InstKind::Unary(UnOp::Not, v) => {
            fact_of(defs, *v, depth + 1).map(|f| Fact::Const(bool_const(!f.truthy())))
        }
        _ => None,
    }
}

/// One fold: the instruction at `(block, index)` becomes `kind`.
struct Fold {
    block: BlockId,
    index: usize,
    kind: InstKind,
}

/// Finds the folds available in the function as it is.
fn find_folds(func: &Function) -> Vec<Fold> {
    let mut defs: FxHashMap<TempId, &InstKind> = FxHashMap::default();
    for (_, inst) in func.insts() {
        if let Some(dst) = inst.dst {
            defs.insert(dst, &inst.kind);
        }
    }
    let uses = use_counts(func);
    let mut interp_uses: FxHashMap<TempId, u32> = FxHashMap::default();
    for (_, inst) in func.insts() {
        if let InstKind::Interp(parts) = &inst.kind {
            for p in parts {
                *interp_uses.entry(*p).or_insert(0) += 1;
            }
        }
    }

    let mut folds = Vec::new();
    for block in &func.blocks {
        for (index, inst) in block.insts.iter().enumerate() {
            let kind = match &inst.kind {
                InstKind::Truthy(v) => {
                    fact_of(&defs, *v, 0).map(|f| InstKind::Const(bool_const(f.truthy())))
                }
                InstKind::Unary(UnOp::Not, v) => {
                    fact_of(&defs, *v, 0).map(|f| InstKind::Const(bool_const(!f.truthy())))
                }
                InstKind::Branch { cond, then_, else_ } => match fact_of(&defs, *cond, 0) {
                    Some(f) => Some(InstKind::Jump(if f.truthy() {
                        then_.clone()
                    } else {
                        else_.clone()
                    })),
                    // Branching on `!v` is branching on `v` the other way round.
                    None => match defs.get(cond) {
                        Some(InstKind::Unary(UnOp::Not, v)) => Some(InstKind::Branch {
                            cond: *v,
                            then_: else_.clone(),
                            else_: then_.clone(),
                        }),
                        Some(InstKind::Truthy(v)) => Some(InstKind::Branch {
                            cond: *v,
                            then_: then_.clone(),
                            else_: else_.clone(),
                        }),
                        _ => None,
                    },
                },
                InstKind::Interp(parts) => fold_interp(&defs, &uses, &interp_uses, parts),
                _ => None,
            };
            if let Some(kind) = kind {
                if inst.dst.is_some() || kind.is_terminator() {
                    folds.push(Fold {
                        block: block.id,
                        index,
                        kind,
                    });
                }
            }
        }
    }
    folds
}

/// The literal an `Interp` of string literals makes, if every part is a `Const(Str)` read
/// by `Interp`s only.
fn fold_interp(
    defs: &FxHashMap<TempId, &InstKind>,
    uses: &FxHashMap<TempId, u32>,
    interp_uses: &FxHashMap<TempId, u32>,
    parts: &[TempId],
) -> Option<InstKind> {
    let mut s = String::new();
    for p in parts {
        let InstKind::Const(Const::Str(part)) = defs.get(p)? else {
            return None;
        };
        if uses.get(p) != interp_uses.get(p) {
            return None;
        }
        s.push_str(part);
    }
    Some(InstKind::Const(Const::Str(s)))
}

/// Folds to a fixed point. Returns whether anything changed.
pub fn const_fold(func: &mut Function) -> bool {
    let mut changed = false;
    // Each round folds at least one instruction for good, or moves a branch's condition to
    // an earlier definition; the bound only stops malformed IR (a cycle of `!`s in dead
    // code) from spinning.
    for _ in 0..10_000 {
        let folds = find_folds(func);
        if folds.is_empty() {
            return changed;
        }
        for fold in folds {
            func.block_mut(fold.block).insts[fold.index].kind = fold.kind;
        }
        changed = true;
    }
    changed
}

/// The `constfold` pass.
pub struct ConstFold;

impl Pass for ConstFold {
    fn name(&self) -> &'static str {
        "constfold"
    }

    fn run(&self, func: &mut Function, _cx: &PassContext) -> Result<bool, PassError> {
        Ok(const_fold(func))
    }
}
