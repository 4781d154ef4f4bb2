//! Golden tests of `dce`.

mod common;

use common::{call, check_pass, method};
use ir::{
    BlockCall, Builder, Const, InstKind, LocalId, NumKind, Phase, Rebuild, SuperInfo, TempId,
};
use passes::conservative::Dce;

#[test]
fn unused_pure_instructions_go_to_a_fixed_point() {
    let mut f = method(0, &["x"]);
    let mut b = Builder::new(&mut f);
    let one = b.constant(Const::Int(1));
    let cp = b.value(InstKind::Copy(one)); // used only by dead `truthy`
    b.value(InstKind::Truthy(cp));
    b.value(InstKind::LoadLocal(LocalId(0)));
    b.value(InstKind::NewArray(vec![one]));
    call(&mut b, "foo", &[]); // unused, but a call: stays
    let two = b.constant(Const::Int(2));
    b.effect(InstKind::Return(two));
    let (f, _) = check_pass("dce_pure", &Dce, f);
    assert_eq!(f.blocks[0].insts.len(), 3);
}

#[test]
fn dead_block_params_and_dead_loop_cycles() {
    let mut f = method(0, &[]);
    let mut b = Builder::new(&mut f);
    let zero = b.constant(Const::Int(0));
    let ten = b.constant(Const::Int(10));
    let (head, body, exit) = (b.new_block(), b.new_block(), b.new_block());
    let acc = b.block_param(head); // only feeds itself around the loop: dead
    let n = b.block_param(head); // returned: live
    b.jump(head, &[zero, ten]);
    b.switch_to(head);
    let more = call(&mut b, "more?", &[]);
    b.branch(more, body, exit);
    b.switch_to(body);
    let next = b.value(InstKind::NewArray(vec![acc]));
    b.effect(InstKind::Jump(BlockCall::with_args(head, &[next, n])));
    b.switch_to(exit);
    b.effect(InstKind::Return(n));
    let (f, _) = check_pass("dce_params", &Dce, f);
    assert_eq!(f.blocks[1].params, vec![n]);
}

#[test]
fn stores_to_locals_that_no_live_load_reads() {
    let mut f = method(1, &["x", "y"]);
    let (x, y) = (LocalId(0), LocalId(1));
    let mut b = Builder::new(&mut f);
    let a = b.value(InstKind::Arg(0));
    b.effect(InstKind::StoreLocal(x, a)); // $0 is only read by a dead load: goes
    b.effect(InstKind::StoreLocal(y, a)); // $1 is read: stays
    b.value(InstKind::LoadLocal(x));
    let next = b.new_block();
    b.jump(next, &[]);
    b.switch_to(next);
    let ly = b.value(InstKind::LoadLocal(y));
    b.effect(InstKind::Return(ly));
    check_pass("dce_stores", &Dce, f);
}

#[test]
fn implicit_super_keeps_every_store() {
    let mut f = method(1, &["x"]);
    let mut b = Builder::new(&mut f);
    let a = b.value(InstKind::Arg(0));
    let one = b.constant(Const::Int(1));
    b.effect(InstKind::StoreLocal(LocalId(0), one)); // `x = 1; super` passes 1
    let s = b.value(InstKind::Super(Box::new(SuperInfo {
        args: None,
        block: None,
    })));
    let r = call(&mut b, "p", &[a, s]);
    b.effect(InstKind::Return(r));
    let (_, changed) = check_pass("dce_zsuper", &Dce, f);
    assert!(!changed);
}

#[test]
fn speculative_versions_record_what_they_delete() {
    let mut f = method(0, &["x"]);
    f.phase = Phase::Speculative;
    let mut b = Builder::new(&mut f);
    let one = b.constant(Const::Int(1)); // dead: deleted as `const 1`
    let two = b.constant(Const::Int(2));
    let c2 = b.value(InstKind::Copy(two)); // dead: deleted as `copy two`
    let c1 = b.value(InstKind::Copy(one)); // dead, and so is `one`: deleted as `const 1`
    b.value(InstKind::LoadLocal(LocalId(0))); // dead, not rebuildable: kept
    b.effect(InstKind::StoreLocal(LocalId(0), two)); // stores are kept in versions
    let r = call(&mut b, "puts", &[two]);
    b.effect(InstKind::Return(r));
    let (f, _) = check_pass("dce_speculative", &Dce, f);
    let deleted: Vec<(TempId, Rebuild)> = f.deleted.entries.clone();
    assert_eq!(
        deleted,
        vec![
            (one, Rebuild::Const(Const::Int(1))),
            (c2, Rebuild::Temp(two)),
            (c1, Rebuild::Const(Const::Int(1))),
        ]
    );
}

/// `guard is_fixnum %t` (resuming at @2, without frame states).
fn fixnum_guard(t: TempId) -> ir::Inst {
    ir::Inst {
        ipc: ir::Ipc(2),
        dst: None,
        kind: InstKind::Guard {
            check: ir::GuardCheck::IsFixnum(t),
            resume: Box::new(ir::ResumePoint {
                ipc: ir::Ipc(2),
                reason: ir::DeoptReason::TypeGuard,
                inline_chain: Vec::new(),
                frames: Vec::new(),
            }),
        },
        line: 1,
        inlined: 0,
    }
}

#[test]
fn speculative_versions_drop_dead_boxes_and_unboxed_copies() {
    // `%u = unbox_int %a; %v = copy %u; %b = box_int %v` with `%b` unused and `%v` dead:
    // both go; `%b` is rebuilt by boxing `%u` (the copy's source), and `%v` is no longer
    // an unboxed temp. A box that is used stays.
    let mut f = method(1, &[]);
    f.phase = Phase::Speculative;
    let mut b = Builder::new(&mut f);
    let a = b.value(InstKind::Arg(0));
    let u = b.value(InstKind::UnboxInt(a));
    let v = b.value(InstKind::Copy(u));
    let dead_box = b.value(InstKind::BoxInt(v));
    let used_box = b.value(InstKind::BoxInt(u));
    let r = call(&mut b, "puts", &[used_box]);
    b.effect(InstKind::Return(r));
    for t in [u, v] {
        f.unboxed.insert(t, NumKind::I64);
    }
    f.blocks[0].insts.insert(1, fixnum_guard(a));
    let (f, _) = check_pass("dce_boxes", &Dce, f);
    assert_eq!(f.deleted.entries, vec![(dead_box, Rebuild::BoxInt(u))]);
    assert!(f.unboxed.contains_key(&u) && !f.unboxed.contains_key(&v));
    assert!(f
        .insts()
        .any(|(_, i)| i.dst == Some(used_box) && i.kind == InstKind::BoxInt(u)));
}

#[test]
fn speculative_type_guards_live_only_for_their_unbox() {
    // `guard is_fixnum %a` with `unbox_int %a` used: kept. `guard is_fixnum %b` where `%b`
    // stayed boxed (generic `add`): protects nothing, goes.
    let mut f = method(2, &[]);
    f.phase = Phase::Speculative;
    let mut b = Builder::new(&mut f);
    let a = b.value(InstKind::Arg(0));
    let bb = b.value(InstKind::Arg(1));
    let ua = b.value(InstKind::UnboxInt(a));
    let boxed = b.value(InstKind::BoxInt(ua));
    let one = b.constant(Const::Int(1));
    let sum = b.value(InstKind::Binary(ir::BinOp::Add, bb, one));
    let r = call(&mut b, "puts", &[boxed, sum]);
    b.effect(InstKind::Return(r));
    f.unboxed.insert(ua, NumKind::I64);
    f.blocks[0].insts.insert(5, fixnum_guard(bb));
    f.blocks[0].insts.insert(2, fixnum_guard(a));
    let (f, _) = check_pass("dce_type_guards", &Dce, f);
    let guarded: Vec<TempId> = f
        .insts()
        .filter_map(|(_, i)| match &i.kind {
            InstKind::Guard {
                check: ir::GuardCheck::IsFixnum(t),
                ..
            } => Some(*t),
            _ => None,
        })
        .collect();
    assert_eq!(guarded, vec![a]);
}

#[test]
fn a_guard_of_one_self_serves_the_unboxing_of_another() {
    // `%s1 = self; guard is_fixnum %s1; %s2 = self; unbox_int %s2`: `guardelim` removed
    // the guard of `%s2` (every `self` of a frame is one value), so the guard of `%s1`
    // protects the unboxing and stays (a finding: it went, and a Bignum `self` was
    // unboxed unchecked).
    let mut f = method(0, &[]);
    f.phase = Phase::Speculative;
    let mut b = Builder::new(&mut f);
    let s1 = b.value(InstKind::SelfRef);
    let s2 = b.value(InstKind::SelfRef);
    let u = b.value(InstKind::UnboxInt(s2));
    let boxed = b.value(InstKind::BoxInt(u));
    let r = call(&mut b, "puts", &[boxed]);
    b.effect(InstKind::Return(r));
    f.unboxed.insert(u, NumKind::I64);
    f.blocks[0].insts.insert(1, fixnum_guard(s1));
    let (f, _) = check_pass("dce_self_guard", &Dce, f);
    assert!(f.insts().any(|(_, i)| matches!(
        i.kind,
        InstKind::Guard {
            check: ir::GuardCheck::IsFixnum(t),
            ..
        } if t == s1
    )));
}
