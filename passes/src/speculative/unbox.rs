//! Numeric unboxing: arithmetic and comparisons on values known to be fixnums or Floats
//! become machine operations on unboxed `i64`/`f64` temps, and loop variables stay unboxed
//! around their loops.
//!
//! # What is known
//!
//! A temp is a known **int** or **float** at a point when:
//!
//! - a `guard is_fixnum %x` (`is_float %x`) dominates the point, or an `unbox_int %x`
//!   (`unbox_float %x`) does; its unboxed value is an `unbox_*` right after the (first)
//!   dominating guard, or that existing unbox;
//! - `%x = const k` with an Integer (any `i64`: the unboxed value is `i64 k`, or `f64 k`
//!   when a float is needed) or a Float (`f64 x`), placed right after the constant;
//! - `%x = box_int %u` (`box_float %u`): the unboxed value is `%u`;
//! - `%x` is the result of an arithmetic `Binary` this pass unboxes, or a block parameter it
//!   unboxes (below): the unboxed value is the new instruction's or parameter's temp.
//!
//! # What is unboxed
//!
//! - `%r = add|sub|mul|div|mod|and|or|xor|shr %a, %b` on two known ints becomes the
//!   `IntOp` of the same name on `%a', %b'` (`iadd`, `idiv` ...), with Ruby's semantics
//!   (floored `div` and `mod`); it deoptimizes where the machine result is not Ruby's: i64
//!   overflow, a zero divisor, a negative shift. It is unboxed when a guard before it in
//!   its block (with only guards and pure instructions in between, so no local changed)
//!   resumes at the `Binary`: its resume point, with reason `overflow`, is the `IntOp`'s. Without one it stays generic.
//!   An i64 result outside the fixnum range is fine: boxing it makes a big Integer, as IR0
//!   would have;
//! - `add|sub|mul|div` on two known numbers of which at least one is a float becomes
//!   `fadd|fsub|fmul|fdiv`, the int side converted by `i2f` (Ruby's `Integer + Float`
//!   converts the Integer to the nearest double, as `i2f` does);
//! - `lt|le|gt|ge|eq|ne` on two known ints becomes `ilt ...` (an `IntCmp`), on two known
//!   floats `flt ...`: their result is a boxed true/false, so its `dst` stays. An int
//!   compared with a float stays generic: Ruby compares those exactly, which `i2f` is not
//!   beyond 2**53;
//! - `pow`, `cmp`, `<<` and every operator on an int and a float other than the four above
//!   stay generic;
//! - a block parameter (of a block entered only by jumps) whose every incoming argument is
//!   a known int (float) where it is passed, and that is worth it (used by, or fed by, an
//!   arithmetic or comparison `Binary`, or connected through jump arguments to such a
//!   parameter), is replaced by a new unboxed parameter; the arguments pass unboxed values.
//!   This is an optimistic fixed point: around a loop, `i` is assumed unboxable until an
//!   argument says otherwise, so that `i = i + 1` keeps `i` unboxed. An argument nothing is
//!   known of (an argument of the function, the value an OSR entry loads, a call result)
//!   does not spoil the parameter when it comes by a `jump` to a block that starts with a
//!   guard (only guards and pure instructions before it) and the parameter's type guards
//!   all check one kind: an *edge guard* then checks the argument before the jump, with the
//!   resume point of the block's first guard (its frame states reading the jump's arguments
//!   for the block's parameters: nothing but pure instructions runs in between, so the state
//!   is the same), followed by its unbox. Constants are never edge-guarded;
//! - except where unboxing does not pay: an arithmetic or comparison `Binary` outside every
//!   loop whose operands no arithmetic computes and whose result no arithmetic or
//!   comparison reads (boxed in, boxed out: `n - 1` passed to a call) stays generic (the
//!   generic instruction's fixnum/flonum fast path is cheaper). Its type guards then protect nothing, and `dce` removes them;
//! - a `guard is_fixnum %x` (`is_float %x`) on a value known by its definition to be an int
//!   (float) goes: the values that need it read the unboxed value, which needs no check.
//!
//! # Boxed uses
//!
//! The unboxed `Binary`s and replaced parameters are deleted: their temps are recorded in
//! the deleted-temp table as `box_int %u` (`box_float %u`), so that resume points that name
//! them still find them (invariant 5). An operand that needs the Value (a call argument,
//! `return`, a store, a jump to a parameter that stays boxed, a guard on its class, ...)
//! reads a `box_int %u` inserted right before the first such use in each block and shared
//! by the later ones in the block. Boxing at the use rather than once after the definition
//! keeps loops free of boxing when only the code after the loop needs the Value (a Float box
//! may allocate).
//!
//! New instructions carry the `Ipc`, line and inline context of the instruction they serve:
//! the `Binary` for its replacement and its `i2f`s, the guard or constant for an unbox or an
//! unboxed constant, the using instruction for a box.
//!
//! **Assumes** a speculative version in SSA form, after `typeguard` (the guards) and
//! `mem2reg` (loop variables are block parameters), and `assumeguard` (an invalidation
//! point after every instruction that may run Ruby code). An operator it unboxes is one
//! the oracle says is still the core method (`Oracle::builtin_intact`); each one it treats
//! as the builtin is recorded in `Function::assumptions` (`Integer#*`, invariant 8), so
//! that redefining it invalidates the version. The prelude's operators (code of a
//! `builtin` function, inlined or not) are primitives: unboxing them assumes nothing. Frame states are up to date. An `iadd`/`isub`/`imul` needs the type guard that
//! resumes at its own `Binary`: a pass that drops guards dominated by an identical one
//! (`guardelim`) keeps more arithmetic unboxed when it runs after this one.
//!
//! **Guarantees** the same values: every unboxed temp is in `Function::unboxed`, no unboxed
//! temp reaches an instruction that needs a Value, and every deleted temp can be rebuilt
//! from the deleted-temp table (invariants 5 and 6). New temps come from
//! `Function::new_temp`'s counter (invariant 3). No block is added or removed.
//!
//! **Invalidates** liveness; the CFG's blocks and edges are unchanged, but a block whose
//! `Binary`s became non-unwinding instructions may lose its edge to its handler.
//!
//! **Idempotent**: yes. A second run finds the unboxed operations done, the guards they
//! made redundant gone, and nothing newly known (boxes it made are known ints, but only
//! feed instructions that stayed generic for another reason).

use crate::edit::{handler_blocks, predecessor_edges, use_counts, Edge};
use crate::speculative::edge::{entry_resume, resume_on_edge};
use ir::cfg::Cfg;
use ir::pass::{Pass, PassContext, PassError};
use ir::{
    Assumption, BinOp, BlockId, CmpOp, Const, CoreClass, DeoptReason, FloatArith, Function,
    GuardCheck, Inst, InstKind, IntArith, NumKind, Rebuild, TempId,
};
use rustc_hash::{FxHashMap, FxHashSet};
use smallvec::SmallVec;

/// An instruction's place: block and index in the block (in the function as it came in).
type Pos = (BlockId, usize);

/// What the optimistic analysis knows about a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lat {
    /// Not known yet (optimistic: may still be an int or a float).
    Top,
    Int,
    Float,
    /// Not unboxable.
    Bottom,
}

impl Lat {
    fn meet(self, other: Lat) -> Lat {
        match (self, other) {
            (Lat::Top, x) | (x, Lat::Top) => x,
            (a, b) if a == b => a,
            _ => Lat::Bottom,
        }
    }

    fn kind(self) -> Option<NumKind> {
        match self {
            Lat::Int => Some(NumKind::I64),
            Lat::Float => Some(NumKind::F64),
            _ => None,
        }
    }
}

fn from_kind(k: NumKind) -> Lat {
    match k {
        NumKind::I64 => Lat::Int,
        NumKind::F64 => Lat::Float,
    }
}

/// The unboxed integer operation of a `Binary`, if it has one.
fn int_arith(op: BinOp) -> Option<IntArith> {
    match op {
        BinOp::Add => Some(IntArith::Add),
        BinOp::Sub => Some(IntArith::Sub),
        BinOp::Mul => Some(IntArith::Mul),
        BinOp::Div => Some(IntArith::Div),
        BinOp::Mod => Some(IntArith::Mod),
        BinOp::BitAnd => Some(IntArith::And),
        BinOp::BitOr => Some(IntArith::Or),
        BinOp::BitXor => Some(IntArith::Xor),
        BinOp::Shr => Some(IntArith::Shr),
        _ => None,
    }
}

/// The unboxed float operation of a `Binary`, if it has one.
fn float_arith(op: BinOp) -> Option<FloatArith> {
    match op {
        BinOp::Add => Some(FloatArith::Add),
        BinOp::Sub => Some(FloatArith::Sub),
        BinOp::Mul => Some(FloatArith::Mul),
        BinOp::Div => Some(FloatArith::Div),
        _ => None,
    }
}

/// The unboxed comparison of a `Binary`, if it has one.
fn comparison(op: BinOp) -> Option<CmpOp> {
    match op {
        BinOp::Lt => Some(CmpOp::Lt),
        BinOp::Le => Some(CmpOp::Le),
        BinOp::Gt => Some(CmpOp::Gt),
        BinOp::Ge => Some(CmpOp::Ge),
        BinOp::Eq => Some(CmpOp::Eq),
        BinOp::Ne => Some(CmpOp::Ne),
        _ => None,
    }
}

/// Where a temp is defined.
#[derive(Clone, Copy, Debug)]
enum Def {
    Inst(Pos),
    Param,
}

/// A place that proves a temp is an int or a float: a guard, or an existing unbox (with its
/// unboxed temp).
#[derive(Clone, Copy, Debug)]
struct Check {
    pos: Pos,
    kind: NumKind,
    unboxed: Option<TempId>,
}

/// The analysis of the function as it came in.
struct Facts<'f> {
    func: &'f Function,
    cfg: Cfg,
    defs: FxHashMap<TempId, Def>,
    preds: Vec<SmallVec<[Edge; 2]>>,
    checks: FxHashMap<TempId, Vec<Check>>,
    /// Integer arithmetic `Binary`s -> the guard whose resume point an `IntOp` can take.
    resume_for: FxHashMap<Pos, Pos>,
    /// The block parameters that may be unboxed, and what they are.
    params: FxHashMap<TempId, Lat>,
    /// The results of arithmetic `Binary`s, and what they are.
    results: FxHashMap<TempId, Lat>,
    /// Per block: a guard at its start whose resume point also holds at the end of a
    /// predecessor that jumps there, once the block's parameters are replaced by the jump's
    /// arguments (see [`entry_resume`]).
    entry_resume: FxHashMap<BlockId, Pos>,
    /// The kind the type guards on a temp check (`None`: both kinds).
    guarded: FxHashMap<TempId, Option<NumKind>>,
    /// Arithmetic and comparisons not worth unboxing (see [`cold_binaries`]).
    cold: FxHashSet<Pos>,
    /// Whether a core operator is still the builtin (the oracle's answer).
    intact: &'f dyn Fn(CoreClass, &str) -> bool,
    /// Whether an inline context is the prelude's: its operators are primitives, which
    /// assume nothing (`Function::builtin`).
    primitive: &'f dyn Fn(u32) -> bool,
}

/// The core class whose operator a `Binary` calls when its receiver is an int or float.
fn receiver_class(lhs: Lat) -> Option<CoreClass> {
    match lhs {
        Lat::Int => Some(CoreClass::Integer),
        Lat::Float => Some(CoreClass::Float),
        _ => None,
    }
}

impl<'f> Facts<'f> {
    /// Whether operator `op` with a receiver of kind `lhs` may be treated as the builtin: it
    /// is still the core method (for a receiver not known yet, of both Integer and Float).
    fn builtin_op(&self, op: BinOp, lhs: Lat, at: Pos) -> bool {
        if (self.primitive)(self.inst(at).inlined) {
            return true;
        }
        let name = op.method_name();
        match receiver_class(lhs) {
            Some(c) => (self.intact)(c, name),
            None => {
                (self.intact)(CoreClass::Integer, name) && (self.intact)(CoreClass::Float, name)
            }
        }
    }

    fn new(
        func: &'f Function,
        intact: &'f dyn Fn(CoreClass, &str) -> bool,
        primitive: &'f dyn Fn(u32) -> bool,
    ) -> Facts<'f> {
        let mut defs = FxHashMap::default();
        let mut checks: FxHashMap<TempId, Vec<Check>> = FxHashMap::default();
        let mut resume_for = FxHashMap::default();
        let mut results = FxHashMap::default();
        for block in &func.blocks {
            for p in &block.params {
                defs.insert(*p, Def::Param);
            }
            for (i, inst) in block.insts.iter().enumerate() {
                let pos = (block.id, i);
                if let Some(d) = inst.dst {
                    defs.insert(d, Def::Inst(pos));
                }
                let check = match &inst.kind {
                    InstKind::Guard {
                        check: GuardCheck::IsFixnum(t),
                        ..
                    } => Some((*t, NumKind::I64, None)),
                    InstKind::Guard {
                        check: GuardCheck::IsFloat(t),
                        ..
                    } => Some((*t, NumKind::F64, None)),
                    InstKind::UnboxInt(t) => Some((*t, NumKind::I64, inst.dst)),
                    InstKind::UnboxFloat(t) => Some((*t, NumKind::F64, inst.dst)),
                    _ => None,
                };
                if let Some((t, kind, unboxed)) = check {
                    checks
                        .entry(t)
                        .or_default()
                        .push(Check { pos, kind, unboxed });
                }
                if let (InstKind::Binary(op, ..), Some(d)) = (&inst.kind, inst.dst) {
                    if float_arith(*op).is_some() || int_arith(*op).is_some() {
                        results.insert(d, Lat::Top);
                    }
                    if int_arith(*op).is_some() {
                        if let Some(g) = resume_guard(func, block.id, i) {
                            resume_for.insert(pos, g);
                        }
                    }
                }
            }
        }
        let mut guarded: FxHashMap<TempId, Option<NumKind>> = FxHashMap::default();
        for (t, cs) in &checks {
            for c in cs.iter().filter(|c| c.unboxed.is_none()) {
                let k = guarded.entry(*t).or_insert(Some(c.kind));
                if *k != Some(c.kind) {
                    *k = None;
                }
            }
        }
        let entry_resume = func
            .blocks
            .iter()
            .filter_map(|b| entry_resume(func, b.id).map(|g| (b.id, (b.id, g))))
            .collect();
        let preds = predecessor_edges(func);
        let numeric = NumericUses::of(func);
        let params = eligible_params(func, &preds, &numeric)
            .into_iter()
            .map(|p| (p, Lat::Top))
            .collect();
        let cfg = Cfg::new(func);
        let cold = cold_binaries(func, &cfg, &numeric);
        Facts {
            func,
            cold,
            intact,
            primitive,
            cfg,
            defs,
            preds,
            checks,
            resume_for,
            params,
            results,
            entry_resume,
            guarded,
        }
    }

    fn inst(&self, (b, i): Pos) -> &'f Inst {
        &self.func.block(b).insts[i]
    }

    /// Whether the instruction at `a` runs before the one at `b` on every path to `b`.
    fn dominates(&self, a: Pos, b: Pos) -> bool {
        if a.0 == b.0 {
            a.1 < b.1
        } else {
            self.cfg.dominates(a.0, b.0)
        }
    }

    /// What `t` is by its definition, whatever the point (`None`: nothing, or not unboxed).
    fn by_definition(&self, t: TempId) -> Option<Lat> {
        if let Some(&l) = self.params.get(&t).or_else(|| self.results.get(&t)) {
            return (l != Lat::Bottom).then_some(l);
        }
        let Some(Def::Inst(pos)) = self.defs.get(&t) else {
            return None;
        };
        match &self.inst(*pos).kind {
            InstKind::Const(Const::Int(_)) | InstKind::BoxInt(_) => Some(Lat::Int),
            InstKind::Const(Const::Float(_)) | InstKind::BoxFloat(_) => Some(Lat::Float),
            _ => None,
        }
    }

    /// The checks on `t` that dominate `at`, the earliest first.
    fn dominating_checks(&self, t: TempId, at: Pos) -> Vec<Check> {
        let mut found: Vec<Check> = self
            .checks
            .get(&t)
            .map(|cs| {
                cs.iter()
                    .filter(|c| self.dominates(c.pos, at))
                    .copied()
                    .collect()
            })
            .unwrap_or_default();
        // They all dominate `at`, so they are ordered by dominance.
        found.sort_by(|a, b| {
            if self.dominates(a.pos, b.pos) {
                std::cmp::Ordering::Less
            } else if self.dominates(b.pos, a.pos) {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        });
        found
    }

    /// What `t` is at `at`.
    fn fact(&self, t: TempId, at: Pos) -> Lat {
        if let Some(l) = self.by_definition(t) {
            return l;
        }
        self.dominating_checks(t, at)
            .first()
            .map(|c| from_kind(c.kind))
            .unwrap_or(Lat::Bottom)
    }

    /// What the result of `Binary(op, a, b)` at `at` is, if this pass unboxes it.
    fn eval_arith(&self, op: BinOp, a: TempId, b: TempId, at: Pos) -> Lat {
        if self.cold.contains(&at) {
            return Lat::Bottom;
        }
        let lhs = self.fact(a, at);
        if lhs != Lat::Bottom && !self.builtin_op(op, lhs, at) {
            return Lat::Bottom;
        }
        match (lhs, self.fact(b, at)) {
            (Lat::Bottom, _) | (_, Lat::Bottom) => Lat::Bottom,
            (Lat::Int, Lat::Int) => {
                if int_arith(op).is_some() && self.resume_for.contains_key(&at) {
                    Lat::Int
                } else {
                    Lat::Bottom
                }
            }
            (Lat::Top, _) | (_, Lat::Top) if float_arith(op).is_some() => Lat::Top,
            (Lat::Top, _) | (_, Lat::Top) => Lat::Bottom,
            _ if float_arith(op).is_some() => Lat::Float,
            _ => Lat::Bottom,
        }
    }

    /// The kind of the guard that an edge may check `arg` with, when nothing is known of
    /// the argument passed to parameter `p`: a `jump` (so that the guard checks only this
    /// edge) to a block with an entry resume point, an argument that is not a constant
    /// (a guard on one would always fail, or is not needed), and type guards of one kind on
    /// `p` (the profile's word for what it holds).
    fn edge_guard(&self, p: TempId, edge: &Edge, arg: TempId) -> Option<NumKind> {
        let term = self.func.block(edge.from).terminator()?;
        let InstKind::Jump(bc) = &term.kind else {
            return None;
        };
        if !self.entry_resume.contains_key(&bc.block) || self.func.unboxed.contains_key(&arg) {
            return None;
        }
        if let Some(Def::Inst(pos)) = self.defs.get(&arg) {
            if matches!(self.inst(*pos).kind, InstKind::Const(_)) {
                return None;
            }
        }
        self.guarded.get(&p).copied().flatten()
    }

    /// What the argument passed to `p` on `edge` is: what is known at the jump, or what an
    /// edge guard would check.
    fn arg_fact(&self, p: TempId, edge: &Edge, arg: TempId) -> Lat {
        let term = self.func.block(edge.from).insts.len() - 1;
        match self.fact(arg, (edge.from, term)) {
            Lat::Bottom => self
                .edge_guard(p, edge, arg)
                .map(from_kind)
                .unwrap_or(Lat::Bottom),
            l => l,
        }
    }

    /// The meet of what every argument passes to parameter `i` of `b`.
    fn eval_param(&self, p: TempId, b: BlockId, i: usize) -> Lat {
        let mut l = Lat::Top;
        for edge in &self.preds[b.index()] {
            let from = self.func.block(edge.from);
            let term = from.insts.len() - 1;
            let arg = from.insts[term].kind.targets()[edge.slot].args[i];
            if arg != p {
                l = l.meet(self.arg_fact(p, edge, arg));
            }
        }
        l
    }

    /// The optimistic fixed point over parameters and arithmetic results.
    fn solve(&mut self) {
        loop {
            let mut changed = false;
            for block in &self.func.blocks {
                for (i, &p) in block.params.iter().enumerate() {
                    if let Some(&old) = self.params.get(&p) {
                        let new = self.eval_param(p, block.id, i);
                        if new != old {
                            self.params.insert(p, new);
                            changed = true;
                        }
                    }
                }
                for (i, inst) in block.insts.iter().enumerate() {
                    if let (InstKind::Binary(op, a, b), Some(d)) = (&inst.kind, inst.dst) {
                        if let Some(&old) = self.results.get(&d) {
                            let new = self.eval_arith(*op, *a, *b, (block.id, i));
                            if new != old {
                                self.results.insert(d, new);
                                changed = true;
                            }
                        }
                    }
                }
            }
            if changed {
                continue;
            }
            // What is still unknown only feeds itself (unreachable code, or a cycle with no
            // way in): not unboxed.
            let mut forced = false;
            for l in self.params.values_mut().chain(self.results.values_mut()) {
                if *l == Lat::Top {
                    *l = Lat::Bottom;
                    forced = true;
                }
            }
            if !forced {
                return;
            }
        }
    }
}

/// The guard before the `Binary` at `(b, i)` that resumes at it, if one does, with only
/// guards and pure instructions in between.
fn resume_guard(func: &Function, b: BlockId, i: usize) -> Option<Pos> {
    let insts = &func.block(b).insts;
    let binary = &insts[i];
    for j in (0..i).rev() {
        let inst = &insts[j];
        match &inst.kind {
            InstKind::Guard { resume, .. } => {
                if resume.ipc == binary.ipc && inst.inlined == binary.inlined {
                    return Some((b, j));
                }
            }
            kind if kind.is_pure() => {}
            _ => return None,
        }
    }
    None
}

/// The temps that arithmetic and comparison `Binary`s read, and those arithmetic computes.
struct NumericUses {
    operands: FxHashSet<TempId>,
    arith_results: FxHashSet<TempId>,
}

impl NumericUses {
    fn of(func: &Function) -> NumericUses {
        let mut uses = NumericUses {
            operands: FxHashSet::default(),
            arith_results: FxHashSet::default(),
        };
        for (_, inst) in func.insts() {
            if let InstKind::Binary(op, a, b) = &inst.kind {
                let arith = int_arith(*op).is_some() || float_arith(*op).is_some();
                if arith || comparison(*op).is_some() {
                    uses.operands.insert(*a);
                    uses.operands.insert(*b);
                }
                if let (true, Some(d)) = (arith, inst.dst) {
                    uses.arith_results.insert(d);
                }
            }
        }
        uses
    }
}

/// The arithmetic and comparison `Binary`s that are not worth unboxing: outside every loop,
/// with no operand that an arithmetic `Binary` computes and a result that no arithmetic
/// or comparison reads. Their operands come boxed and their result leaves boxed, so
/// unboxing would add a check and an unbox per operand and a box for the result around
/// an operation that the generic instruction's fixnum/flonum fast path does as cheaply
/// (`n - 1` passed to a call, `fib(n - 1) + fib(n - 2)` returned). In a loop, or in a
/// chain of arithmetic, the unboxed values pay for themselves.
fn cold_binaries(func: &Function, cfg: &Cfg, numeric: &NumericUses) -> FxHashSet<Pos> {
    let in_loop = cfg.loop_blocks();
    let mut cold = FxHashSet::default();
    for block in func
        .blocks
        .iter()
        .filter(|b| !in_loop.contains(b.id.index()))
    {
        for (i, inst) in block.insts.iter().enumerate() {
            let InstKind::Binary(_, a, b) = &inst.kind else {
                continue;
            };
            let chained = numeric.arith_results.contains(a)
                || numeric.arith_results.contains(b)
                || inst.dst.is_some_and(|d| numeric.operands.contains(&d));
            if !chained {
                cold.insert((block.id, i));
            }
        }
    }
    cold
}

/// The block parameters worth unboxing, if they can be: of blocks entered by jumps only
/// (not the entry, not a handler), read by something, and used by or fed by an arithmetic
/// or comparison `Binary`, or connected by jump arguments to such a parameter.
fn eligible_params(
    func: &Function,
    preds: &[SmallVec<[Edge; 2]>],
    numeric: &NumericUses,
) -> FxHashSet<TempId> {
    let is_handler = handler_blocks(func);
    let jump_arg = |e: &Edge, i: usize| -> Option<TempId> {
        let term = func.block(e.from).terminator()?;
        term.kind.targets()[e.slot].args.get(i).copied()
    };
    let structural: Vec<bool> = func
        .blocks
        .iter()
        .map(|b| {
            let bi = b.id.index();
            b.id != func.entry
                && !is_handler[bi]
                && !preds[bi].is_empty()
                && preds[bi].iter().all(|e| {
                    func.block(e.from)
                        .terminator()
                        .is_some_and(|t| t.kind.targets()[e.slot].args.len() == b.params.len())
                })
        })
        .collect();
    let NumericUses {
        operands,
        arith_results,
    } = numeric;
    let used = use_counts(func);
    let mut params: Vec<(TempId, BlockId, usize)> = Vec::new();
    for block in func.blocks.iter().filter(|b| structural[b.id.index()]) {
        for (i, &p) in block.params.iter().enumerate() {
            if !func.unboxed.contains_key(&p) && used.contains_key(&p) {
                params.push((p, block.id, i));
            }
        }
    }
    let candidates: FxHashSet<TempId> = params.iter().map(|(p, ..)| *p).collect();
    let mut chosen: FxHashSet<TempId> = FxHashSet::default();
    for &(p, b, i) in &params {
        let fed = preds[b.index()]
            .iter()
            .any(|e| jump_arg(e, i).is_some_and(|a| arith_results.contains(&a)));
        if operands.contains(&p) || fed {
            chosen.insert(p);
        }
    }
    loop {
        let before = chosen.len();
        for &(p, b, i) in &params {
            for e in &preds[b.index()] {
                let Some(a) = jump_arg(e, i) else { continue };
                if candidates.contains(&a) && (chosen.contains(&a) || chosen.contains(&p)) {
                    chosen.insert(a);
                    chosen.insert(p);
                }
            }
        }
        if chosen.len() == before {
            return chosen;
        }
    }
}

/// The decisions, and the edits that carry them out (on the function as it came in).
struct Rewriter<'a, 'f> {
    facts: &'a Facts<'f>,
    next_temp: u32,
    /// Converted arithmetic results and unboxed parameters -> their unboxed twin.
    twin_of: FxHashMap<TempId, (TempId, NumKind)>,
    /// Converted comparisons and their kind.
    compares: FxHashMap<Pos, NumKind>,
    const_twins: FxHashMap<(TempId, NumKind), TempId>,
    check_twins: FxHashMap<Pos, TempId>,
    /// Values checked by an edge guard before the jump at a position.
    edge_twins: FxHashMap<(Pos, TempId), TempId>,
    /// Boxes made in the block being rewritten: boxed temp -> box.
    boxes: FxHashMap<TempId, TempId>,
    before: FxHashMap<Pos, Vec<Inst>>,
    after: FxHashMap<Pos, Vec<Inst>>,
    /// Replaced instructions (`None`: deleted).
    replace: FxHashMap<Pos, Option<Inst>>,
    unboxed: Vec<(TempId, NumKind)>,
    deleted: Vec<(TempId, Rebuild)>,
    /// The core operators the rewritten instructions treat as builtins (invariant 8).
    assumes: std::collections::BTreeSet<Assumption>,
}

/// A new instruction serving `origin`.
fn serving(origin: &Inst, dst: Option<TempId>, kind: InstKind) -> Inst {
    Inst {
        ipc: origin.ipc,
        dst,
        kind,
        line: origin.line,
        inlined: origin.inlined,
    }
}

fn rebuild_box(kind: NumKind, u: TempId) -> Rebuild {
    match kind {
        NumKind::I64 => Rebuild::BoxInt(u),
        NumKind::F64 => Rebuild::BoxFloat(u),
    }
}

impl<'a, 'f> Rewriter<'a, 'f> {
    fn new_temp(&mut self) -> TempId {
        let t = TempId(self.next_temp);
        self.next_temp += 1;
        t
    }

    /// A new unboxed temp.
    fn new_unboxed(&mut self, kind: NumKind) -> TempId {
        let t = self.new_temp();
        self.unboxed.push((t, kind));
        t
    }

    /// The unboxed value of known number `t` at `at`, and its kind.
    fn twin(&mut self, t: TempId, at: Pos) -> (TempId, NumKind) {
        if let Some(&tw) = self.twin_of.get(&t) {
            return tw;
        }
        let facts = self.facts;
        if let Some(Def::Inst(pos)) = facts.defs.get(&t).copied() {
            match facts.inst(pos).kind {
                InstKind::Const(Const::Int(_)) => {
                    return (self.const_twin(t, pos, NumKind::I64), NumKind::I64)
                }
                InstKind::Const(Const::Float(_)) => {
                    return (self.const_twin(t, pos, NumKind::F64), NumKind::F64)
                }
                InstKind::BoxInt(u) => return (u, NumKind::I64),
                InstKind::BoxFloat(u) => return (u, NumKind::F64),
                _ => {}
            }
        }
        let checks = facts.dominating_checks(t, at);
        if let Some(c) = checks.iter().find(|c| c.unboxed.is_some()) {
            return (c.unboxed.unwrap(), c.kind);
        }
        let c = *checks.first().expect("unboxing a value that is not known");
        if let Some(&u) = self.check_twins.get(&c.pos) {
            return (u, c.kind);
        }
        let u = self.new_unboxed(c.kind);
        let kind = match c.kind {
            NumKind::I64 => InstKind::UnboxInt(t),
            NumKind::F64 => InstKind::UnboxFloat(t),
        };
        let inst = serving(facts.inst(c.pos), Some(u), kind);
        self.after.entry(c.pos).or_default().push(inst);
        self.check_twins.insert(c.pos, u);
        (u, c.kind)
    }

    /// `i64 k` or `f64 k` right after `%t = const k`.
    fn const_twin(&mut self, t: TempId, pos: Pos, kind: NumKind) -> TempId {
        if let Some(&u) = self.const_twins.get(&(t, kind)) {
            return u;
        }
        let origin = self.facts.inst(pos);
        let value = match (&origin.kind, kind) {
            (InstKind::Const(Const::Int(k)), NumKind::I64) => InstKind::ConstI64(*k),
            (InstKind::Const(Const::Int(k)), NumKind::F64) => InstKind::ConstF64(*k as f64),
            (InstKind::Const(Const::Float(x)), NumKind::F64) => InstKind::ConstF64(*x),
            _ => unreachable!("a float constant is never an int"),
        };
        let u = self.new_unboxed(kind);
        self.after
            .entry(pos)
            .or_default()
            .push(serving(origin, Some(u), value));
        self.const_twins.insert((t, kind), u);
        u
    }

    /// The unboxed value of `t` as a `want` operand of the instruction at `at`.
    fn operand(&mut self, t: TempId, at: Pos, want: NumKind) -> TempId {
        if want == NumKind::F64 {
            if let Some(Def::Inst(pos)) = self.facts.defs.get(&t).copied() {
                if matches!(self.facts.inst(pos).kind, InstKind::Const(Const::Int(_)))
                    && !self.twin_of.contains_key(&t)
                {
                    return self.const_twin(t, pos, NumKind::F64);
                }
            }
        }
        let (u, kind) = self.twin(t, at);
        if kind == want {
            return u;
        }
        debug_assert_eq!((kind, want), (NumKind::I64, NumKind::F64));
        let f = self.new_unboxed(NumKind::F64);
        let inst = serving(self.facts.inst(at), Some(f), InstKind::IntToFloat(u));
        self.before.entry(at).or_default().push(inst);
        f
    }

    /// The unboxed value of `arg`, passed by the `jump` at `at` to a parameter of `kind`
    /// that nothing else knows: an edge guard before the jump checks it, resuming where the
    /// target's entry guard does (its frame states read the jump's arguments for the
    /// target's parameters), and an unbox follows.
    fn edge_guarded(&mut self, at: Pos, arg: TempId, kind: NumKind) -> TempId {
        if let Some(&u) = self.edge_twins.get(&(at, arg)) {
            return u;
        }
        let facts = self.facts;
        let InstKind::Jump(bc) = &facts.inst(at).kind else {
            unreachable!("edge guards are only planned on jumps");
        };
        let (guard_block, guard_index) = facts.entry_resume[&bc.block];
        let entry_guard = facts.inst((guard_block, guard_index));
        let (remade, mut resume) =
            resume_on_edge(facts.func, bc.block, guard_index, &bc.args, &mut || {
                self.new_temp()
            });
        resume.reason = DeoptReason::TypeGuard;
        let (check, unbox) = match kind {
            NumKind::I64 => (GuardCheck::IsFixnum(arg), InstKind::UnboxInt(arg)),
            NumKind::F64 => (GuardCheck::IsFloat(arg), InstKind::UnboxFloat(arg)),
        };
        let guard = InstKind::Guard {
            check,
            resume: Box::new(resume),
        };
        let u = self.new_unboxed(kind);
        let before = self.before.entry(at).or_default();
        before.extend(remade);
        before.push(serving(entry_guard, None, guard));
        before.push(serving(entry_guard, Some(u), unbox));
        self.edge_twins.insert((at, arg), u);
        u
    }

    /// The Value of converted `t` for a use at `at`: a box before the first such use in the
    /// block.
    fn boxed(&mut self, t: TempId, at: Pos) -> TempId {
        if let Some(&b) = self.boxes.get(&t) {
            return b;
        }
        let (u, kind) = self.twin_of[&t];
        let b = self.new_temp();
        let op = match kind {
            NumKind::I64 => InstKind::BoxInt(u),
            NumKind::F64 => InstKind::BoxFloat(u),
        };
        let inst = serving(self.facts.inst(at), Some(b), op);
        self.before.entry(at).or_default().push(inst);
        self.boxes.insert(t, b);
        b
    }

    /// Whether the guard at `at` checks what the definition of its operand already says.
    fn redundant_guard(&self, inst: &Inst) -> bool {
        let (t, want) = match inst.kind {
            InstKind::Guard {
                check: GuardCheck::IsFixnum(t),
                ..
            } => (t, Lat::Int),
            InstKind::Guard {
                check: GuardCheck::IsFloat(t),
                ..
            } => (t, Lat::Float),
            _ => return false,
        };
        self.facts.by_definition(t) == Some(want)
    }

    /// Rewrites the instruction at `pos`, recording the edits.
    fn rewrite_inst(&mut self, pos: Pos) {
        let facts = self.facts;
        let inst = facts.inst(pos);
        if self.redundant_guard(inst) {
            self.replace.insert(pos, None);
            return;
        }
        if let (InstKind::Binary(op, a, b), Some(d)) = (&inst.kind, inst.dst) {
            let primitive = (facts.primitive)(inst.inlined);
            if !primitive && (self.twin_of.contains_key(&d) || self.compares.contains_key(&pos)) {
                // The operator of the receiver's class is treated as the builtin.
                let class = receiver_class(facts.fact(*a, pos)).unwrap_or(CoreClass::Integer);
                self.assumes.insert(Assumption::Builtin {
                    class,
                    name: op.method_name().to_string(),
                });
            }
            if let Some(&(u, kind)) = self.twin_of.get(&d) {
                let (ua, ub) = (self.operand(*a, pos, kind), self.operand(*b, pos, kind));
                let new = match kind {
                    NumKind::I64 => {
                        let guard = facts.inst(facts.resume_for[&pos]);
                        let mut resume = guard
                            .kind
                            .resume_point()
                            .expect("a guard has a resume point")
                            .clone();
                        resume.reason = DeoptReason::Overflow;
                        InstKind::IntOp {
                            op: int_arith(*op).expect("an integer operation"),
                            a: ua,
                            b: ub,
                            resume: Box::new(resume),
                        }
                    }
                    NumKind::F64 => InstKind::FloatOp {
                        op: float_arith(*op).expect("a float operation"),
                        a: ua,
                        b: ub,
                    },
                };
                self.replace.insert(pos, Some(serving(inst, Some(u), new)));
                return;
            }
            if let Some(&kind) = self.compares.get(&pos) {
                let (ua, ub) = (self.operand(*a, pos, kind), self.operand(*b, pos, kind));
                let op = comparison(*op).expect("a comparison");
                let new = match kind {
                    NumKind::I64 => InstKind::IntCmp { op, a: ua, b: ub },
                    NumKind::F64 => InstKind::FloatCmp { op, a: ua, b: ub },
                };
                self.replace.insert(pos, Some(serving(inst, Some(d), new)));
                return;
            }
        }
        if matches!(inst.kind, InstKind::Jump(_) | InstKind::Branch { .. }) {
            self.rewrite_jump(pos);
            return;
        }
        let mut uses_converted = false;
        inst.kind
            .for_each_operand(&mut |t| uses_converted |= self.twin_of.contains_key(&t));
        if !uses_converted {
            return;
        }
        let mut new = inst.clone();
        let mut operands = Vec::new();
        new.kind.for_each_operand(&mut |t| operands.push(t));
        let replaced: Vec<TempId> = operands
            .into_iter()
            .map(|t| {
                if self.twin_of.contains_key(&t) {
                    self.boxed(t, pos)
                } else {
                    t
                }
            })
            .collect();
        let mut it = replaced.into_iter();
        new.kind
            .for_each_operand_mut(&mut |t| *t = it.next().expect("same operands"));
        self.replace.insert(pos, Some(new));
    }

    /// Jump arguments: unboxed values for unboxed parameters, boxes of converted values for
    /// the others; a branch condition that is a converted number is boxed.
    fn rewrite_jump(&mut self, pos: Pos) {
        let facts = self.facts;
        let mut new = facts.inst(pos).clone();
        let mut changed = false;
        if let InstKind::Branch { cond, .. } = &mut new.kind {
            if self.twin_of.contains_key(cond) {
                *cond = self.boxed(*cond, pos);
                changed = true;
            }
        }
        let mut targets: Vec<(BlockId, Vec<TempId>)> = new
            .kind
            .targets()
            .iter()
            .map(|bc| (bc.block, bc.args.to_vec()))
            .collect();
        for (block, args) in &mut targets {
            let params = &facts.func.block(*block).params;
            for (i, arg) in args.iter_mut().enumerate() {
                let unboxed_param = params
                    .get(i)
                    .and_then(|p| self.twin_of.get(p))
                    .map(|(_, k)| *k);
                if let Some(kind) = unboxed_param {
                    *arg = if facts.fact(*arg, pos) == Lat::Bottom {
                        self.edge_guarded(pos, *arg, kind)
                    } else {
                        self.operand(*arg, pos, kind)
                    };
                    changed = true;
                } else if self.twin_of.contains_key(arg) {
                    *arg = self.boxed(*arg, pos);
                    changed = true;
                }
            }
        }
        if changed {
            for (bc, (_, args)) in new.kind.targets_mut().into_iter().zip(targets) {
                bc.args = args.into_iter().collect();
            }
            self.replace.insert(pos, Some(new));
        }
    }
}

/// Unboxes the arithmetic of `func`, treating as builtins only the core operators that
/// `intact` says are (each one used is recorded in `func.assumptions`), except in the
/// inline contexts that `primitive` says are the prelude's, whose operators are
/// primitives. Returns whether anything changed.
pub fn unbox_numbers(
    func: &mut Function,
    intact: &dyn Fn(CoreClass, &str) -> bool,
    primitive: &dyn Fn(u32) -> bool,
) -> bool {
    let mut facts = Facts::new(func, intact, primitive);
    facts.solve();
    let facts = facts;

    let mut rw = Rewriter {
        facts: &facts,
        next_temp: func.next_temp,
        twin_of: FxHashMap::default(),
        compares: FxHashMap::default(),
        const_twins: FxHashMap::default(),
        check_twins: FxHashMap::default(),
        edge_twins: FxHashMap::default(),
        boxes: FxHashMap::default(),
        before: FxHashMap::default(),
        after: FxHashMap::default(),
        replace: FxHashMap::default(),
        unboxed: Vec::new(),
        deleted: Vec::new(),
        assumes: Default::default(),
    };

    // Decide, allocating the twins of parameters and results in block order.
    let mut new_params: Vec<(BlockId, usize, TempId)> = Vec::new();
    for block in &func.blocks {
        for (i, &p) in block.params.iter().enumerate() {
            if let Some(kind) = facts.params.get(&p).and_then(|l| l.kind()) {
                let u = rw.new_unboxed(kind);
                rw.twin_of.insert(p, (u, kind));
                rw.deleted.push((p, rebuild_box(kind, u)));
                new_params.push((block.id, i, u));
            }
        }
        for (i, inst) in block.insts.iter().enumerate() {
            let (InstKind::Binary(op, a, b), Some(d)) = (&inst.kind, inst.dst) else {
                continue;
            };
            if let Some(kind) = facts.results.get(&d).and_then(|l| l.kind()) {
                let u = rw.new_unboxed(kind);
                rw.twin_of.insert(d, (u, kind));
                rw.deleted.push((d, rebuild_box(kind, u)));
            } else if comparison(*op).is_some() {
                let pos = (block.id, i);
                let kind = match (facts.fact(*a, pos), facts.fact(*b, pos)) {
                    (Lat::Int, Lat::Int) => Some(NumKind::I64),
                    (Lat::Float, Lat::Float) => Some(NumKind::F64),
                    _ => None,
                }
                .filter(|k| facts.builtin_op(*op, from_kind(*k), pos));
                if let Some(kind) = kind.filter(|_| !facts.cold.contains(&pos)) {
                    rw.compares.insert(pos, kind);
                }
            }
        }
    }

    // Rewrite, block by block.
    for block in &func.blocks {
        rw.boxes.clear();
        for i in 0..block.insts.len() {
            rw.rewrite_inst((block.id, i));
        }
    }
    if rw.replace.is_empty() && new_params.is_empty() {
        return false;
    }

    // Apply the edits.
    let Rewriter {
        next_temp,
        mut before,
        mut after,
        mut replace,
        unboxed,
        deleted,
        assumes,
        ..
    } = rw;
    drop(facts);
    for block in &mut func.blocks {
        let b = block.id;
        let old = std::mem::take(&mut block.insts);
        let mut out = Vec::with_capacity(old.len());
        for (i, inst) in old.into_iter().enumerate() {
            out.extend(before.remove(&(b, i)).unwrap_or_default());
            match replace.remove(&(b, i)) {
                Some(Some(new)) => out.push(new),
                Some(None) => {}
                None => out.push(inst),
            }
            out.extend(after.remove(&(b, i)).unwrap_or_default());
        }
        block.insts = out;
    }
    for (b, i, u) in new_params {
        func.block_mut(b).params[i] = u;
    }
    func.next_temp = next_temp;
    func.unboxed.extend(unboxed);
    func.deleted.entries.extend(deleted);
    for a in assumes {
        if !func.assumptions.contains(&a) {
            func.assumptions.push(a);
        }
    }
    true
}

/// The `unbox` pass.
pub struct Unbox;

impl Pass for Unbox {
    fn name(&self) -> &'static str {
        "unbox"
    }

    fn speculative(&self) -> bool {
        true
    }

    fn run(&self, func: &mut Function, cx: &PassContext) -> Result<bool, PassError> {
        super::versions_only(func, "unbox", "numeric unboxing")?;
        let intact = |c: CoreClass, name: &str| cx.oracle.builtin_intact(c, name);
        let contexts: Vec<bool> = std::iter::once(func.builtin)
            .chain(
                func.inline_sites
                    .iter()
                    .map(|s| cx.oracle.ir0(s.callee).is_some_and(|f| f.builtin)),
            )
            .collect();
        let primitive = |ctx: u32| contexts.get(ctx as usize).copied().unwrap_or(false);
        Ok(unbox_numbers(func, &intact, &primitive))
    }
}
