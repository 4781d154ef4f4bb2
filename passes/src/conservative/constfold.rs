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

/// What is known about temps, each found once. A chain of `!`, `Truthy` and copies
/// thousands long (`p !!!...!x`) costs its length: a search bounded in depth, per query,
/// folded 64 levels per round of [`const_fold`], quadratic in the chain.
struct Facts<'a> {
    defs: &'a FxHashMap<TempId, &'a InstKind>,
    /// `None` once a temp is known to have no fact, or while its chain is being followed
    /// (a cycle of copies in malformed IR then reads no fact).
    memo: FxHashMap<TempId, Option<Fact>>,
}

/// One link of a chain of definitions: how a temp's fact follows from its operand's.
#[derive(Clone, Copy)]
enum Link {
    Copy,
    Truthy,
    Not,
}

impl<'a> Facts<'a> {
    fn new(defs: &'a FxHashMap<TempId, &'a InstKind>) -> Facts<'a> {
        Facts {
            defs,
            memo: FxHashMap::default(),
        }
    }

    /// Follows definitions to what is known about `t`, without recursion.
    fn of(&mut self, t: TempId) -> Option<Fact> {
        let mut chain: Vec<(TempId, Link)> = Vec::new();
        let mut cur = t;
        let mut fact = loop {
            if let Some(known) = self.memo.get(&cur) {
                break known.clone();
            }
            self.memo.insert(cur, None);
            let (link, next) = match self.defs.get(&cur) {
                Some(InstKind::Const(c)) => break Some(Fact::Const(c.clone())),
                Some(
                    InstKind::NewArray(_)
                    | InstKind::Interp(_)
                    | InstKind::ToArray(_)
                    | InstKind::MakeBlock { .. }
                    | InstKind::ScopeNew,
                ) => break Some(Fact::Object),
                Some(InstKind::Copy(src)) => (Link::Copy, *src),
                Some(InstKind::Truthy(v)) => (Link::Truthy, *v),
                Some(InstKind::Unary(UnOp::Not, v)) => (Link::Not, *v),
                _ => break None,
            };
            chain.push((cur, link));
            cur = next;
        };
        self.memo.insert(cur, fact.clone());
        for (temp, link) in chain.into_iter().rev() {
            fact = fact.map(|f| match link {
                Link::Copy => f,
                Link::Truthy => Fact::Const(bool_const(f.truthy())),
                Link::Not => Fact::Const(bool_const(!f.truthy())),
            });
            self.memo.insert(temp, fact.clone());
        }
        fact
    }
}

/// What a branch on `cond` tests, through `!` and `Truthy` (truthiness here, not method
/// calls): the temp at the chain's start, and whether the targets swap (an odd number of
/// `!`). All at once, not one link per round of [`const_fold`].
fn branch_root(defs: &FxHashMap<TempId, &InstKind>, cond: TempId) -> (TempId, bool) {
    let (mut cur, mut swap) = (cond, false);
    // At most one step per definition: a cycle in malformed IR stops.
    for _ in 0..defs.len() {
        match defs.get(&cur) {
            Some(InstKind::Unary(UnOp::Not, v)) => {
                cur = *v;
                swap = !swap;
            }
            Some(InstKind::Truthy(v)) => cur = *v,
            _ => break,
        }
    }
    (cur, swap)
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

    let mut facts = Facts::new(&defs);
    let mut folds = Vec::new();
    for block in &func.blocks {
        for (index, inst) in block.insts.iter().enumerate() {
            let kind = match &inst.kind {
                InstKind::Truthy(v) => facts
                    .of(*v)
                    .map(|f| InstKind::Const(bool_const(f.truthy()))),
                InstKind::Unary(UnOp::Not, v) => facts
                    .of(*v)
                    .map(|f| InstKind::Const(bool_const(!f.truthy()))),
                InstKind::Branch { cond, then_, else_ } => match facts.of(*cond) {
                    Some(f) => Some(InstKind::Jump(if f.truthy() {
                        then_.clone()
                    } else {
                        else_.clone()
                    })),
                    // Branching on `!v` is branching on `v` the other way round.
                    None => match branch_root(&defs, *cond) {
                        (root, _) if root == *cond => None,
                        (root, swap) => Some(InstKind::Branch {
                            cond: root,
                            then_: if swap { else_ } else { then_ }.clone(),
                            else_: if swap { then_ } else { else_ }.clone(),
                        }),
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

#[cfg(test)]
mod tests {
    use super::*;
    use ir::{BlockCall, Builder, FuncId, FuncKind};

    /// One round of [`find_folds`] folds a whole chain of `!`, and turns a branch on a
    /// chain into a branch on its start: a round per 64 levels (or per level, for a
    /// branch) made `p !!!...!x` with thousands of `!` quadratic (fuzz seed 821665).
    #[test]
    fn one_round_folds_a_whole_chain() {
        const N: usize = 10_001;
        let mut f = Function::new(FuncId(1), "t", FuncKind::Method, "t.rb", 1);
        f.params.required = 1;
        let mut b = Builder::new(&mut f);
        let mut v = b.constant(Const::Nil);
        for _ in 0..N {
            v = b.value(InstKind::Unary(UnOp::Not, v));
        }
        let mut c = b.value(InstKind::Arg(0));
        let arg = c;
        for i in 0..N {
            c = b.value(if i % 2 == 0 {
                InstKind::Unary(UnOp::Not, c)
            } else {
                InstKind::Truthy(c)
            });
        }
        let (yes, no) = (b.new_block(), b.new_block());
        b.effect(InstKind::Branch {
            cond: c,
            then_: BlockCall::new(yes),
            else_: BlockCall::new(no),
        });
        for blk in [yes, no] {
            b.switch_to(blk);
            b.effect(InstKind::Return(v));
        }
        let folds = find_folds(&f);
        let consts = folds
            .iter()
            .filter(|x| matches!(x.kind, InstKind::Const(_)))
            .count();
        assert_eq!(consts, N, "every `!` of the constant's chain");
        let last = folds.iter().find_map(|x| match &x.kind {
            InstKind::Const(k) if x.index == N => Some(k.clone()),
            _ => None,
        });
        // `!nil` is true, and N is odd.
        assert_eq!(last, Some(Const::True));
        let branch = folds.iter().find_map(|x| match &x.kind {
            InstKind::Branch { cond, then_, .. } => Some((*cond, then_.block)),
            _ => None,
        });
        // (N + 1) / 2 `!`s: odd, so the targets swap.
        assert_eq!(branch, Some((arg, no)));
    }
}
