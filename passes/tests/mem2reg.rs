//! Golden tests of `mem2reg` (local promotion).

mod common;

use common::{call, check_pass, check_pipeline, method};
use ir::pass::{Pass, PassContext};
use ir::{
    BinOp, BlockId, Builder, Const, DeoptReason, FrameState, FrameValue, Function, GuardCheck,
    Inst, InstKind, LocalId, Phase, Rebuild, ResumePoint, SuperInfo, TempId,
};
use passes::speculative::mem2reg::Mem2Reg;
use passes::PassManager;

/// The frame state of the version's own function at the instruction `at` of `b`, naming
/// every local as its slot and the given temps as themselves.
fn frame(f: &Function, b: BlockId, at: usize, temps: &[TempId]) -> FrameState {
    FrameState {
        func: f.id,
        ipc: f.block(b).insts[at].ipc,
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
        temps: temps.iter().map(|t| (*t, FrameValue::Temp(*t))).collect(),
    }
}

/// Puts `guard is_fixnum %t` before instruction `at` of `b`, resuming at that instruction
/// (as `typeguard` does), with the given live temps.
fn guard_before(f: &mut Function, b: BlockId, at: usize, t: TempId, live: &[TempId]) {
    let state = frame(f, b, at, live);
    let served = &f.block(b).insts[at];
    let guard = Inst {
        ipc: served.ipc,
        dst: None,
        kind: InstKind::Guard {
            check: GuardCheck::IsFixnum(t),
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

/// `def t(n); i = 0; while i < n; i += 1; end; puts i; i; end`, as IR0 lowers it, in a
/// speculative version with type guards before the comparison and the addition.
fn counting_loop() -> Function {
    let mut f = method(1, &["n", "i"]);
    f.phase = Phase::Speculative;
    let (n, i) = (LocalId(0), LocalId(1));
    let mut b = Builder::new(&mut f);
    let a = b.value(InstKind::Arg(0));
    b.effect(InstKind::StoreLocal(n, a));
    b.line = 2;
    let zero = b.constant(Const::Int(0));
    b.effect(InstKind::StoreLocal(i, zero));
    let (head, body, exit) = (b.new_block(), b.new_block(), b.new_block());
    b.line = 3;
    b.jump(head, &[]);
    b.switch_to(head);
    let i1 = b.value(InstKind::LoadLocal(i));
    let n1 = b.value(InstKind::LoadLocal(n));
    let lt = b.value(InstKind::Binary(BinOp::Lt, i1, n1));
    b.branch(lt, body, exit);
    b.switch_to(body);
    b.line = 4;
    let i2 = b.value(InstKind::LoadLocal(i));
    let one = b.constant(Const::Int(1));
    let sum = b.value(InstKind::Binary(BinOp::Add, i2, one));
    b.effect(InstKind::StoreLocal(i, sum));
    b.jump(head, &[]);
    b.switch_to(exit);
    b.line = 6;
    let i3 = b.value(InstKind::LoadLocal(i));
    call(&mut b, "puts", &[i3]);
    b.effect(InstKind::Return(i3));
    guard_before(&mut f, head, 2, i1, &[i1, n1]);
    guard_before(&mut f, body, 2, i2, &[i2, one]);
    f
}

#[test]
fn locals_of_a_loop_become_block_parameters() {
    let (f, changed) = check_pass("mem2reg_loop", &Mem2Reg, counting_loop());
    assert!(changed);
    // No load or store of a promoted local is left but the entry's, and no frame state
    // names a slot.
    for (b, inst) in f.insts() {
        match inst.kind {
            InstKind::LoadLocal(_) | InstKind::StoreLocal(..) => panic!("{b}: {inst}"),
            InstKind::Guard { ref resume, .. } => {
                for fr in &resume.frames {
                    for (_, v) in &fr.locals {
                        assert!(matches!(v, FrameValue::Temp(_)), "{b}: {inst}");
                    }
                }
            }
            _ => {}
        }
    }
    // The loop header has one parameter, for `i`; `n` is the argument everywhere.
    assert_eq!(f.blocks[1].params.len(), 1);
    // Every deleted load is rebuilt from the temp that replaced it.
    assert_eq!(f.deleted.entries.len(), 4);
    assert!(f
        .deleted
        .entries
        .iter()
        .all(|(_, r)| matches!(r, Rebuild::Temp(_))));
}

#[test]
fn loop_after_cleanup() {
    let pm = PassManager::from_spec("mem2reg,copyprop,dce,simplifycfg").unwrap();
    let (f, _) = check_pipeline("mem2reg_loop_pipeline", pm, counting_loop());
    let head = &f.blocks[1];
    assert_eq!(head.params.len(), 1, "{f}");
}

#[test]
fn slot_read_on_entry_is_loaded_once() {
    // `def t; x = x; puts(x, y); y = 1; puts y; end`: `x` and the first `y` read the slots
    // as the function was entered (nil, or the OSR transfer); the entry's first load of `x`
    // stays as it is, `y`'s gets a load at the start.
    let mut f = method(0, &["x", "y"]);
    f.phase = Phase::Speculative;
    let (x, y) = (LocalId(0), LocalId(1));
    let mut b = Builder::new(&mut f);
    let x0 = b.value(InstKind::LoadLocal(x));
    b.effect(InstKind::StoreLocal(x, x0));
    let next = b.new_block();
    b.jump(next, &[]);
    b.switch_to(next);
    let x1 = b.value(InstKind::LoadLocal(x));
    let y1 = b.value(InstKind::LoadLocal(y));
    call(&mut b, "puts", &[x1, y1]);
    let one = b.constant(Const::Int(1));
    b.effect(InstKind::StoreLocal(y, one));
    let y2 = b.value(InstKind::LoadLocal(y));
    let r = call(&mut b, "puts", &[y2]);
    b.effect(InstKind::Return(r));
    let (f, _) = check_pass("mem2reg_entry_loads", &Mem2Reg, f);
    let entry = &f.blocks[0];
    assert!(matches!(entry.insts[0].kind, InstKind::LoadLocal(l) if l == y));
    assert!(matches!(entry.insts[1].kind, InstKind::LoadLocal(l) if l == x));
    assert!(
        f.blocks[1].params.is_empty(),
        "one predecessor: no parameter"
    );
}

/// `def t(a); x = a; y = a; begin; foo(x); rescue; y = 2; end; puts y; end`: the handler
/// and the join after it form the handler region.
fn with_rescue() -> Function {
    let mut f = method(1, &["x", "y"]);
    f.phase = Phase::Speculative;
    let (x, y) = (LocalId(0), LocalId(1));
    let protected = f.new_block();
    let handler = f.new_block();
    let join = f.new_block();
    f.block_mut(protected).handler = Some(handler);
    let mut b = Builder::new(&mut f);
    let a = b.value(InstKind::Arg(0));
    b.effect(InstKind::StoreLocal(x, a));
    b.effect(InstKind::StoreLocal(y, a));
    b.jump(protected, &[]);
    b.switch_to(protected);
    b.line = 2;
    let xv = b.value(InstKind::LoadLocal(x));
    call(&mut b, "foo", &[xv]);
    b.effect(InstKind::StoreLocal(x, xv));
    b.jump(join, &[]);
    b.switch_to(handler);
    b.line = 3;
    b.value(InstKind::CatchUnwind);
    let two = b.constant(Const::Int(2));
    b.effect(InstKind::StoreLocal(x, two)); // `x` is not read after: still promoted
    b.effect(InstKind::StoreLocal(y, two));
    b.jump(join, &[]);
    b.switch_to(join);
    b.line = 4;
    let yv = b.value(InstKind::LoadLocal(y)); // read in the handler region: `y` stays
    let r = call(&mut b, "puts", &[yv]);
    b.effect(InstKind::Return(r));
    f
}

#[test]
fn locals_read_after_a_rescue_stay_in_their_slots() {
    let (f, _) = check_pass("mem2reg_handler", &Mem2Reg, with_rescue());
    let stores: Vec<String> = f
        .insts()
        .filter(|(_, i)| matches!(i.kind, InstKind::StoreLocal(..)))
        .map(|(b, i)| format!("{b} {i}"))
        .collect();
    assert_eq!(stores, ["bb0 @2 store $1, %t0", "bb2 @11 store $1, %t4"]);
}

#[test]
fn implicit_super_keeps_the_stores() {
    // `def t(a); a = a + 1; super; end`: zsuper passes `a` from its slot.
    let mut f = method(1, &["a"]);
    f.phase = Phase::Speculative;
    let a = LocalId(0);
    let mut b = Builder::new(&mut f);
    let arg = b.value(InstKind::Arg(0));
    b.effect(InstKind::StoreLocal(a, arg));
    let next = b.new_block();
    b.jump(next, &[]);
    b.switch_to(next);
    let av = b.value(InstKind::LoadLocal(a));
    let one = b.constant(Const::Int(1));
    let sum = b.value(InstKind::Binary(BinOp::Add, av, one));
    b.effect(InstKind::StoreLocal(a, sum));
    let s = b.value(InstKind::Super(Box::new(SuperInfo {
        args: None,
        block: None,
    })));
    b.effect(InstKind::Return(s));
    let (f, _) = check_pass("mem2reg_zsuper", &Mem2Reg, f);
    let stores = f
        .insts()
        .filter(|(_, i)| matches!(i.kind, InstKind::StoreLocal(..)))
        .count();
    assert_eq!(stores, 2);
    assert!(!f
        .insts()
        .any(|(_, i)| matches!(i.kind, InstKind::LoadLocal(_))));
}

#[test]
fn a_jump_to_the_entry_gets_a_new_entry_block() {
    let mut f = method(0, &["x"]);
    f.phase = Phase::Speculative;
    let x = LocalId(0);
    let mut b = Builder::new(&mut f);
    let xv = b.value(InstKind::LoadLocal(x));
    let c = call(&mut b, "more?", &[xv]);
    b.effect(InstKind::StoreLocal(x, c));
    let exit = b.new_block();
    let entry = b.func.entry;
    b.branch(c, entry, exit);
    b.switch_to(exit);
    let xv2 = b.value(InstKind::LoadLocal(x));
    b.effect(InstKind::Return(xv2));
    let (f, _) = check_pass("mem2reg_entry_loop", &Mem2Reg, f);
    assert_eq!(f.entry, BlockId(2));
    assert_eq!(f.blocks[0].params.len(), 1);
}

#[test]
fn refuses_ir0() {
    let mut f = counting_loop();
    f.phase = Phase::Ir0;
    f.blocks.iter_mut().for_each(|b| {
        b.insts
            .retain(|i| !matches!(i.kind, InstKind::Guard { .. }))
    });
    assert!(Mem2Reg.run(&mut f, &PassContext::empty()).is_err());
    assert!(PassManager::from_spec("mem2reg")
        .unwrap()
        .run(&mut f, &PassContext::empty())
        .is_err());
}
