//! Golden tests of `unbox` (numeric unboxing).

mod common;

use common::{call, check_pass, check_pipeline, invalidation_points, method};
use ir::{
    BinOp, BlockCall, BlockId, Builder, Const, DeoptReason, FrameState, FrameValue, Function,
    GuardCheck, Inst, InstKind, LocalId, NumKind, Phase, Rebuild, ResumePoint, TempId,
};
use passes::speculative::unbox::Unbox;
use passes::PassManager;

/// Puts a type guard on `t` before instruction `at` of `b`, resuming at that instruction
/// with a frame state naming every local as its slot and `live` as themselves.
fn guard_before(f: &mut Function, b: BlockId, at: usize, check: GuardCheck, live: &[TempId]) {
    let served = &f.block(b).insts[at];
    let state = FrameState {
        func: f.id,
        ipc: served.ipc,
        self_val: FrameValue::VersionSelf,
        block: FrameValue::VersionBlock,
        outer_scope: FrameValue::VersionOuter,
        home: 0,
        block_obj: FrameValue::Nil,
        argc: ir::FrameArgc::Version,
        cref: None,
        locals: (0..f.locals.len() as u32)
            .map(|l| (LocalId(l), FrameValue::Local(LocalId(l))))
            .collect(),
        temps: live.iter().map(|t| (*t, FrameValue::Temp(*t))).collect(),
    };
    let guard = Inst {
        ipc: served.ipc,
        dst: None,
        kind: InstKind::Guard {
            check,
            resume: Box::new(ResumePoint {
                ipc: served.ipc,
                reason: DeoptReason::TypeGuard,
                inline_chain: Vec::new(),
                frames: vec![state],
            }),
        },
        line: served.line,
        inlined: 0,
    };
    f.block_mut(b).insts.insert(at, guard);
}

fn fixnum(t: TempId) -> GuardCheck {
    GuardCheck::IsFixnum(t)
}

fn float(t: TempId) -> GuardCheck {
    GuardCheck::IsFloat(t)
}

/// `i = 0; while i < n; i += 1; end; puts i; i` after mem2reg and typeguard.
fn counting_loop() -> Function {
    let mut f = method(1, &[]);
    f.phase = Phase::Speculative;
    let mut b = Builder::new(&mut f);
    let n = b.value(InstKind::Arg(0));
    let zero = b.constant(Const::Int(0));
    let (head, body, exit) = (b.new_block(), b.new_block(), b.new_block());
    b.jump(head, &[zero]);
    b.switch_to(head);
    let i = b.block_param(head);
    b.line = 2;
    let lt = b.value(InstKind::Binary(BinOp::Lt, i, n));
    b.branch(lt, body, exit);
    b.switch_to(body);
    b.line = 3;
    let one = b.constant(Const::Int(1));
    let next = b.value(InstKind::Binary(BinOp::Add, i, one));
    b.jump(head, &[next]);
    b.switch_to(exit);
    b.line = 4;
    call(&mut b, "puts", &[i]);
    b.effect(InstKind::Return(i));
    guard_before(&mut f, head, 0, fixnum(i), &[i, n]);
    guard_before(&mut f, head, 1, fixnum(n), &[i, n]);
    guard_before(&mut f, body, 1, fixnum(i), &[i, n, one]);
    f
}

/// Every deleted temp is rebuilt by boxing an unboxed temp the function defines, of the
/// right kind; every unboxed temp is defined.
fn assert_rebuildable(f: &Function) {
    let mut defined = std::collections::HashSet::new();
    for block in &f.blocks {
        defined.extend(block.params.iter().copied());
        defined.extend(block.insts.iter().filter_map(|i| i.dst));
    }
    for (t, r) in &f.deleted.entries {
        assert!(!defined.contains(t), "deleted {t} is still defined");
        match r {
            Rebuild::BoxInt(u) => assert_eq!(f.unboxed.get(u), Some(&NumKind::I64), "{t}"),
            Rebuild::BoxFloat(u) => assert_eq!(f.unboxed.get(u), Some(&NumKind::F64), "{t}"),
            other => panic!("{t} = {other}"),
        }
    }
    for u in f.unboxed.keys() {
        assert!(defined.contains(u), "unboxed {u} is not defined");
    }
}

#[test]
fn loop_counter_stays_unboxed() {
    let (f, changed) = check_pass("unbox_loop", &Unbox, invalidation_points(counting_loop()));
    assert!(changed);
    assert_rebuildable(&f);
    let head = &f.blocks[1];
    assert_eq!(f.unboxed.get(&head.params[0]), Some(&NumKind::I64));
    // The operators it unboxed are assumed to be the builtins (invariant 8).
    assert_eq!(
        f.assumptions
            .iter()
            .map(|a| a.to_string())
            .collect::<Vec<_>>(),
        ["Integer#+", "Integer#<"]
    );
    // The guards on the counter are gone; the one on `n` stays, unboxed once after it.
    let guards: Vec<String> = f
        .insts()
        .filter(|(_, i)| {
            matches!(i.kind, InstKind::Guard { .. }) && !i.kind.is_invalidation_point()
        })
        .map(|(_, i)| i.kind.to_string())
        .collect();
    assert_eq!(guards.len(), 1);
    assert!(guards[0].starts_with("guard is_fixnum %t0 "), "{guards:?}");
    // The loop boxes nothing; the exit boxes once for both uses.
    let boxes: Vec<BlockId> = f
        .insts()
        .filter(|(_, i)| matches!(i.kind, InstKind::BoxInt(_)))
        .map(|(b, _)| b)
        .collect();
    assert_eq!(boxes, [BlockId(3)]);
    assert!(matches!(
        f.blocks[2].insts.iter().find(|i| matches!(i.kind, InstKind::IntOp { .. })),
        Some(Inst { kind: InstKind::IntOp { resume, .. }, .. }) if resume.reason == DeoptReason::Overflow
    ));
}

#[test]
fn floats_and_mixed_operands() {
    let mut f = method(0, &[]);
    f.phase = Phase::Speculative;
    let mut b = Builder::new(&mut f);
    let x = call(&mut b, "foo", &[]);
    let a = call(&mut b, "bar", &[]);
    let two = b.constant(Const::Int(2));
    let y = b.value(InstKind::Binary(BinOp::Mul, x, two)); // fmul, 2 as f64 2.0
    let z = b.value(InstKind::Binary(BinOp::Add, y, a)); // fadd with i2f a
    let c = b.value(InstKind::Binary(BinOp::Lt, y, a)); // mixed comparison: generic
                                                        // Integer division of two boxed values into a call: not worth unboxing (cold), stays.
    let q = b.value(InstKind::Binary(BinOp::Div, a, a));
    let e = b.value(InstKind::Binary(BinOp::Eq, z, y)); // feq
    let r = call(&mut b, "baz", &[z, c, q, e]);
    b.effect(InstKind::Return(r));
    let bb0 = BlockId(0);
    // Guards as typeguard puts them (none on the constant).
    guard_before(&mut f, bb0, 3, float(x), &[x, a, two]);
    guard_before(&mut f, bb0, 5, float(y), &[y, a]); // redundant once `y` is a fmul
    guard_before(&mut f, bb0, 6, fixnum(a), &[y, a]);
    guard_before(&mut f, bb0, 9, fixnum(a), &[y, a, z]);
    let (f, _) = check_pass("unbox_floats", &Unbox, invalidation_points(f));
    assert_rebuildable(&f);
    let kinds: Vec<String> = f.blocks[0]
        .insts
        .iter()
        .map(|i| i.kind.to_string())
        .filter(|k| !k.starts_with("guard"))
        .collect();
    let has = |prefix: &str| kinds.iter().any(|k| k.starts_with(prefix));
    assert!(
        has("fmul") && has("fadd") && has("i2f") && has("feq"),
        "{kinds:?}"
    );
    assert!(has("lt ") && has("div ") && !has("idiv "), "{kinds:?}");
    assert!(!has("mul ") && !has("add "), "{kinds:?}");
}

#[test]
fn float_accumulator_is_boxed_after_the_loop_only() {
    // `x = 1.0; while more?; x = x * 1.5; end; x`
    let mut f = method(0, &[]);
    f.phase = Phase::Speculative;
    let mut b = Builder::new(&mut f);
    let start = b.constant(Const::Float(1.0));
    let (head, exit) = (b.new_block(), b.new_block());
    b.jump(head, &[start]);
    b.switch_to(head);
    let x = b.block_param(head);
    let more = call(&mut b, "more?", &[]);
    let k = b.constant(Const::Float(1.5));
    let x2 = b.value(InstKind::Binary(BinOp::Mul, x, k));
    b.effect(InstKind::Branch {
        cond: more,
        then_: BlockCall::with_args(head, &[x2]),
        else_: BlockCall::new(exit),
    });
    b.switch_to(exit);
    b.effect(InstKind::Return(x));
    guard_before(&mut f, head, 2, float(x), &[x]);
    let (f, _) = check_pass("unbox_float_loop", &Unbox, invalidation_points(f));
    assert_rebuildable(&f);
    assert_eq!(f.unboxed.get(&f.blocks[1].params[0]), Some(&NumKind::F64));
    let boxes: Vec<BlockId> = f
        .insts()
        .filter(|(_, i)| matches!(i.kind, InstKind::BoxFloat(_)))
        .map(|(b, _)| b)
        .collect();
    assert_eq!(boxes, [BlockId(2)]);
}

#[test]
fn nothing_known_nothing_unboxed() {
    let mut f = method(1, &[]);
    f.phase = Phase::Speculative;
    let mut b = Builder::new(&mut f);
    let a = b.value(InstKind::Arg(0));
    let one = b.constant(Const::Int(1));
    let two = b.constant(Const::Int(2));
    let s = b.value(InstKind::Binary(BinOp::Add, one, two)); // no guard to resume at
    let m = b.value(InstKind::Binary(BinOp::Pow, a, two)); // power stays generic
                                                           // `a` is known, but no guard resumes at the subtraction to deoptimize on overflow.
    let d = b.value(InstKind::Binary(BinOp::Sub, a, one));
    let r = call(&mut b, "p", &[s, m, d]);
    b.effect(InstKind::Return(r));
    guard_before(&mut f, BlockId(0), 4, fixnum(a), &[a, one, two, s]);
    let (_, changed) = check_pass("unbox_nothing", &Unbox, f);
    assert!(!changed);
}

#[test]
fn promoted_loop_unboxed_and_cleaned() {
    // The loop as lowering leaves it (locals), with typeguard's guards on the loads.
    let mut f = method(1, &["n", "i"]);
    f.phase = Phase::Speculative;
    let (n, i) = (LocalId(0), LocalId(1));
    let mut b = Builder::new(&mut f);
    let a = b.value(InstKind::Arg(0));
    b.effect(InstKind::StoreLocal(n, a));
    let zero = b.constant(Const::Int(0));
    b.effect(InstKind::StoreLocal(i, zero));
    let (head, body, exit) = (b.new_block(), b.new_block(), b.new_block());
    b.jump(head, &[]);
    b.switch_to(head);
    let i1 = b.value(InstKind::LoadLocal(i));
    let n1 = b.value(InstKind::LoadLocal(n));
    let lt = b.value(InstKind::Binary(BinOp::Lt, i1, n1));
    b.branch(lt, body, exit);
    b.switch_to(body);
    let i2 = b.value(InstKind::LoadLocal(i));
    let one = b.constant(Const::Int(1));
    let sum = b.value(InstKind::Binary(BinOp::Add, i2, one));
    b.effect(InstKind::StoreLocal(i, sum));
    b.jump(head, &[]);
    b.switch_to(exit);
    let i3 = b.value(InstKind::LoadLocal(i));
    b.effect(InstKind::Return(i3));
    guard_before(&mut f, head, 2, fixnum(i1), &[i1, n1]);
    guard_before(&mut f, head, 3, fixnum(n1), &[i1, n1]);
    guard_before(&mut f, body, 2, fixnum(i2), &[i2, one]);
    let pm = PassManager::from_spec("mem2reg,unbox,copyprop,dce,simplifycfg").unwrap();
    let (f, report) = check_pipeline("unbox_pipeline", pm, invalidation_points(f));
    assert!(report.changed_by().contains(&"unbox"));
    assert_eq!(f.unboxed.get(&f.blocks[1].params[0]), Some(&NumKind::I64));
}

#[test]
fn unknown_values_entering_a_loop_are_checked_on_the_edge() {
    // `def t(i, s, n); while i < n; s += i; i += 1; end; [i, s]; end`: the loop variables
    // come from arguments (or, in an OSR entry, from the frame), so nothing is known of
    // them on the way in; the header's entry guard gives the resume point of a check on
    // that edge, so they stay unboxed around the loop.
    let mut f = method(3, &[]);
    f.phase = Phase::Speculative;
    let mut b = Builder::new(&mut f);
    let i0 = b.value(InstKind::Arg(0));
    let s0 = b.value(InstKind::Arg(1));
    let n = b.value(InstKind::Arg(2));
    let (head, body, exit) = (b.new_block(), b.new_block(), b.new_block());
    b.jump(head, &[i0, s0]);
    b.switch_to(head);
    let i = b.block_param(head);
    let s = b.block_param(head);
    b.line = 2;
    let lt = b.value(InstKind::Binary(BinOp::Lt, i, n));
    b.branch(lt, body, exit);
    b.switch_to(body);
    b.line = 3;
    let s2 = b.value(InstKind::Binary(BinOp::Add, s, i));
    let one = b.constant(Const::Int(1));
    let i2 = b.value(InstKind::Binary(BinOp::Add, i, one));
    b.jump(head, &[i2, s2]);
    b.switch_to(exit);
    b.line = 4;
    let r = b.value(InstKind::NewArray(vec![i, s]));
    b.effect(InstKind::Return(r));
    guard_before(&mut f, head, 0, fixnum(i), &[i, s, n]);
    guard_before(&mut f, head, 1, fixnum(n), &[i, s, n]);
    guard_before(&mut f, body, 0, fixnum(s), &[i, s, n]);
    guard_before(&mut f, body, 1, fixnum(i), &[i, s, n]);
    guard_before(&mut f, body, 4, fixnum(i), &[i, s2, n, one]);
    let (f, _) = check_pass("unbox_entry_edge", &Unbox, invalidation_points(f));
    assert_rebuildable(&f);
    let head = &f.blocks[1];
    assert!(head
        .params
        .iter()
        .all(|p| f.unboxed.get(p) == Some(&NumKind::I64)));
    // The entry checks both arguments before jumping, resuming where the header's first
    // guard does, with the arguments for the header's parameters.
    let entry_guards: Vec<String> = f.blocks[0]
        .insts
        .iter()
        .filter(|i| matches!(i.kind, InstKind::Guard { .. }))
        .map(|i| i.kind.to_string())
        .collect();
    assert_eq!(entry_guards.len(), 2, "{entry_guards:?}");
    for g in &entry_guards {
        assert!(g.contains("%t3=%t0, %t4=%t1"), "{g}");
    }
    // No guard and no box is left in the loop.
    for b in [1, 2] {
        assert!(!f.blocks[b].insts.iter().any(|i| matches!(
            i.kind,
            InstKind::Guard { check: GuardCheck::IsFixnum(t), .. } if t != n
        ) || matches!(i.kind, InstKind::BoxInt(_))));
    }
}

#[test]
fn cold_arithmetic_stays_generic_chains_do_not() {
    // Outside loops: `x - 1` into a call comes boxed and leaves boxed (cold: generic);
    // `(x - 2) * 3` is a chain (both unboxed, one box for the call).
    let mut f = method(0, &[]);
    f.phase = Phase::Speculative;
    let mut b = Builder::new(&mut f);
    let x = call(&mut b, "foo", &[]);
    let one = b.constant(Const::Int(1));
    let d1 = b.value(InstKind::Binary(BinOp::Sub, x, one));
    let two = b.constant(Const::Int(2));
    let d2 = b.value(InstKind::Binary(BinOp::Sub, x, two));
    let three = b.constant(Const::Int(3));
    let m = b.value(InstKind::Binary(BinOp::Mul, d2, three));
    let r = call(&mut b, "bar", &[d1, m]);
    b.effect(InstKind::Return(r));
    let bb0 = BlockId(0);
    guard_before(&mut f, bb0, 6, fixnum(d2), &[d2, x]);
    guard_before(&mut f, bb0, 4, fixnum(x), &[x]);
    guard_before(&mut f, bb0, 2, fixnum(x), &[x]);
    let (f, _) = check_pass("unbox_cold", &Unbox, invalidation_points(f));
    assert_rebuildable(&f);
    let kinds: Vec<String> = f.blocks[0]
        .insts
        .iter()
        .map(|i| i.kind.to_string())
        .collect();
    let count = |prefix: &str| kinds.iter().filter(|k| k.starts_with(prefix)).count();
    assert_eq!(count("sub "), 1, "x - 1 stays generic: {kinds:?}");
    assert_eq!(count("isub "), 1, "x - 2 feeds a multiplication: {kinds:?}");
    assert_eq!(count("imul "), 1, "its product is unboxed too: {kinds:?}");
    assert_eq!(count("box_int "), 1, "one box, for the call: {kinds:?}");
}
