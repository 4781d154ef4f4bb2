//! Golden tests of `copyprop`.

mod common;

use common::{call, check_pass, method};
use ir::{BlockCall, Builder, Const, InstKind, LocalId};
use passes::conservative::CopyProp;

#[test]
fn copies_are_replaced_by_their_source() {
    let mut f = method(1, &[]);
    let mut b = Builder::new(&mut f);
    let a = b.value(InstKind::Arg(0));
    let c1 = b.value(InstKind::Copy(a));
    let c2 = b.value(InstKind::Copy(c1));
    call(&mut b, "puts", &[c2, c1]);
    b.effect(InstKind::Return(c2));
    let (f, changed) = check_pass("copyprop_copies", &CopyProp, f);
    assert!(changed);
    // The copies stay (dce removes them): copyprop only rewrites uses.
    assert_eq!(f.blocks[0].insts.len(), 5);
}

#[test]
fn locals_are_forwarded_within_a_block_only() {
    let mut f = method(1, &["x", "y"]);
    let (x, y) = (LocalId(0), LocalId(1));
    let mut b = Builder::new(&mut f);
    let a = b.value(InstKind::Arg(0));
    b.effect(InstKind::StoreLocal(x, a));
    let l1 = b.value(InstKind::LoadLocal(x)); // -> a
    let l2 = b.value(InstKind::LoadLocal(y)); // first load of y: stays
    let l3 = b.value(InstKind::LoadLocal(y)); // -> l2
    let r = call(&mut b, "puts", &[l1, l2, l3]);
    b.effect(InstKind::StoreLocal(x, r));
    let l4 = b.value(InstKind::LoadLocal(x)); // -> r (the later store wins)
    let next = b.new_block();
    b.jump(next, &[]);
    b.switch_to(next);
    let l5 = b.value(InstKind::LoadLocal(x)); // another block: stays
    let r2 = call(&mut b, "puts", &[l4, l5]);
    b.effect(InstKind::Return(r2));
    check_pass("copyprop_locals", &CopyProp, f);
}

#[test]
fn block_params_with_one_incoming_value() {
    let mut f = method(1, &[]);
    let mut b = Builder::new(&mut f);
    let a = b.value(InstKind::Arg(0));
    let seven = b.constant(Const::Int(7));
    let (then_, else_, join) = (b.new_block(), b.new_block(), b.new_block());
    let p = b.block_param(join); // receives `seven` from both sides: becomes `seven`
    let q = b.block_param(join); // receives `a` or `seven`: stays
    b.branch(a, then_, else_);
    b.switch_to(then_);
    b.jump(join, &[seven, a]);
    b.switch_to(else_);
    b.jump(join, &[seven, seven]);
    b.switch_to(join);
    let r = call(&mut b, "puts", &[p, q]);
    b.effect(InstKind::Return(r));
    check_pass("copyprop_params", &CopyProp, f);
}

#[test]
fn loop_param_passed_around_unchanged() {
    let mut f = method(1, &[]);
    let mut b = Builder::new(&mut f);
    let a = b.value(InstKind::Arg(0));
    let (head, exit) = (b.new_block(), b.new_block());
    let p = b.block_param(head); // phi(a, p) == a
    b.jump(head, &[a]);
    b.switch_to(head);
    let c = call(&mut b, "more?", &[p]);
    b.effect(InstKind::Branch {
        cond: c,
        then_: BlockCall::with_args(head, &[p]),
        else_: BlockCall::new(exit),
    });
    b.switch_to(exit);
    b.effect(InstKind::Return(p));
    check_pass("copyprop_loop_param", &CopyProp, f);
}

#[test]
fn nothing_to_propagate() {
    let mut f = method(1, &["x"]);
    let mut b = Builder::new(&mut f);
    let a = b.value(InstKind::Arg(0));
    b.effect(InstKind::StoreLocal(LocalId(0), a));
    let r = call(&mut b, "puts", &[a]);
    b.effect(InstKind::Return(r));
    let (_, changed) = check_pass("copyprop_nothing", &CopyProp, f);
    assert!(!changed);
}
