//! Golden tests of `simplifycfg`.

mod common;

use common::{call, check_pass, method};
use ir::{BlockCall, Builder, Const, InstKind, Phase};
use passes::conservative::SimplifyCfg;

#[test]
fn unreachable_blocks_go_and_ids_stay_dense() {
    let mut f = method(1, &[]);
    let mut b = Builder::new(&mut f);
    let a = b.value(InstKind::Arg(0));
    let (dead, yes, no) = (b.new_block(), b.new_block(), b.new_block());
    b.branch(a, yes, no);
    b.switch_to(dead); // code after a `return`, say
    let x = call(&mut b, "foo", &[]);
    b.jump(yes, &[]);
    b.switch_to(yes);
    let r1 = call(&mut b, "bar", &[a]);
    b.effect(InstKind::Return(r1));
    b.switch_to(no);
    b.effect(InstKind::Return(a));
    let _ = x;
    let (f, _) = check_pass("simplifycfg_unreachable", &SimplifyCfg, f);
    assert_eq!(f.blocks.len(), 3);
}

#[test]
fn chains_of_jumps_merge_and_params_become_the_arguments() {
    let mut f = method(1, &[]);
    let mut b = Builder::new(&mut f);
    let a = b.value(InstKind::Arg(0));
    let (b1, b2) = (b.new_block(), b.new_block());
    let p1 = b.block_param(b1);
    let p2 = b.block_param(b2);
    let x = call(&mut b, "foo", &[]);
    b.jump(b1, &[x]);
    b.switch_to(b1);
    let y = call(&mut b, "bar", &[p1, a]);
    b.jump(b2, &[y]);
    b.switch_to(b2);
    b.effect(InstKind::Return(p2));
    let (f, _) = check_pass("simplifycfg_merge", &SimplifyCfg, f);
    assert_eq!(f.blocks.len(), 1);
}

#[test]
fn jumps_thread_through_empty_blocks() {
    let mut f = method(1, &[]);
    let mut b = Builder::new(&mut f);
    let a = b.value(InstKind::Arg(0));
    let five = b.constant(Const::Int(5));
    let (fwd, other, join) = (b.new_block(), b.new_block(), b.new_block());
    let p = b.block_param(fwd);
    let j = b.block_param(join);
    b.effect(InstKind::Branch {
        cond: a,
        then_: BlockCall::with_args(fwd, &[five]),
        else_: BlockCall::new(other),
    });
    b.switch_to(fwd);
    b.jump(join, &[p]);
    b.switch_to(other);
    let six = call(&mut b, "six", &[]);
    b.jump(join, &[six]);
    b.switch_to(join);
    b.effect(InstKind::Return(j));
    let (f, _) = check_pass("simplifycfg_thread", &SimplifyCfg, f);
    assert_eq!(f.blocks.len(), 3);
}

#[test]
fn empty_block_whose_param_is_used_later_is_not_skipped() {
    // bb3 only jumps, but its parameter is read in bb4 (which it dominates): edges to bb3
    // must keep going through it. bb4 merges into it instead.
    let mut f = method(1, &[]);
    let mut b = Builder::new(&mut f);
    let a = b.value(InstKind::Arg(0));
    let (l, r, fwd, tail) = (b.new_block(), b.new_block(), b.new_block(), b.new_block());
    let p = b.block_param(fwd);
    b.branch(a, l, r);
    b.switch_to(l);
    let x = call(&mut b, "x", &[]);
    b.jump(fwd, &[x]);
    b.switch_to(r);
    let y = call(&mut b, "y", &[]);
    b.jump(fwd, &[y]);
    b.switch_to(fwd);
    b.jump(tail, &[]);
    b.switch_to(tail);
    let z = call(&mut b, "z", &[p]);
    b.effect(InstKind::Return(z));
    check_pass("simplifycfg_no_thread", &SimplifyCfg, f);
}

#[test]
fn branch_with_identical_targets_becomes_a_jump() {
    let mut f = method(1, &[]);
    let mut b = Builder::new(&mut f);
    let a = b.value(InstKind::Arg(0));
    let one = b.constant(Const::Int(1));
    let (t, other) = (b.new_block(), b.new_block());
    let p = b.block_param(t);
    b.effect(InstKind::Branch {
        cond: a,
        then_: BlockCall::with_args(t, &[one]),
        else_: BlockCall::with_args(t, &[one]),
    });
    b.switch_to(t);
    let c = call(&mut b, "c", &[p]);
    // Same block, different arguments: stays a branch.
    b.effect(InstKind::Branch {
        cond: c,
        then_: BlockCall::with_args(other, &[c]),
        else_: BlockCall::with_args(other, &[one]),
    });
    let q = b.block_param(other);
    b.switch_to(other);
    b.effect(InstKind::Return(q));
    check_pass("simplifycfg_same_targets", &SimplifyCfg, f);
}

#[test]
fn blocks_with_different_handlers_do_not_merge() {
    let mut f = method(0, &[]);
    let mut b = Builder::new(&mut f);
    let (next, handler) = (b.new_block(), b.new_block());
    b.func.block_mut(b.current).handler = Some(handler);
    call(&mut b, "foo", &[]);
    b.jump(next, &[]);
    b.switch_to(next);
    let r = call(&mut b, "bar", &[]);
    b.effect(InstKind::Return(r));
    b.switch_to(handler);
    let u = b.value(InstKind::CatchUnwind);
    b.effect(InstKind::Resume(u));
    let (_, changed) = check_pass("simplifycfg_handlers", &SimplifyCfg, f);
    assert!(!changed);
}

#[test]
fn same_handler_merges_and_handler_stays_reachable() {
    let mut f = method(0, &[]);
    let mut b = Builder::new(&mut f);
    let (body, next, handler, after) = (b.new_block(), b.new_block(), b.new_block(), b.new_block());
    b.jump(body, &[]);
    for blk in [body, next] {
        b.func.block_mut(blk).handler = Some(handler);
    }
    b.switch_to(body);
    call(&mut b, "foo", &[]);
    b.jump(next, &[]);
    b.switch_to(next);
    let r = call(&mut b, "bar", &[]);
    b.jump(after, &[r]);
    let p = b.block_param(after);
    b.switch_to(handler);
    let u = b.value(InstKind::CatchUnwind);
    b.effect(InstKind::Resume(u));
    b.switch_to(after);
    b.effect(InstKind::Return(p));
    check_pass("simplifycfg_same_handler", &SimplifyCfg, f);
}

#[test]
fn cycles_of_empty_blocks_terminate() {
    // `loop {}`: bb1 -> bb2 -> bb1, both empty.
    let mut f = method(1, &[]);
    let mut b = Builder::new(&mut f);
    let a = b.value(InstKind::Arg(0));
    let (l1, l2, exit) = (b.new_block(), b.new_block(), b.new_block());
    b.branch(a, l1, exit);
    b.switch_to(l1);
    b.jump(l2, &[]);
    b.switch_to(l2);
    b.jump(l1, &[]);
    b.switch_to(exit);
    b.effect(InstKind::Return(a));
    check_pass("simplifycfg_empty_cycle", &SimplifyCfg, f);
}

#[test]
fn speculative_merge_keeps_params_as_copies() {
    let mut f = method(1, &[]);
    f.phase = Phase::Speculative;
    let mut b = Builder::new(&mut f);
    let a = b.value(InstKind::Arg(0));
    let next = b.new_block();
    let p = b.block_param(next);
    b.jump(next, &[a]);
    b.switch_to(next);
    b.effect(InstKind::Return(p));
    let (f, _) = check_pass("simplifycfg_speculative", &SimplifyCfg, f);
    assert!(f.blocks[0]
        .insts
        .iter()
        .any(|i| i.dst == Some(p) && i.kind == InstKind::Copy(a)));
}

/// A handler may read what a block it protects defined before anything in that block may
/// unwind. Here the entry defines `%t0` and unwinds nowhere, so its handler edge does not
/// exist, and the protected block after it unwinds with `%t0` defined. Merging the two
/// (same handler) makes one block that defines `%t0`, then calls: the verifier accepted
/// the input and must accept the merge (it rejected it as a use before definition).
#[test]
fn merging_into_a_protected_block_keeps_handler_uses_valid() {
    let mut f = method(0, &[]);
    let mut b = Builder::new(&mut f);
    let entry = b.current;
    let (body, handler) = (b.new_block(), b.new_block());
    for blk in [entry, body] {
        b.func.block_mut(blk).handler = Some(handler);
    }
    let x = b.value(InstKind::Const(Const::Int(5)));
    b.jump(body, &[]);
    b.switch_to(body);
    let r = call(&mut b, "foo", &[]);
    b.effect(InstKind::Return(r));
    b.switch_to(handler);
    b.value(InstKind::CatchUnwind);
    b.effect(InstKind::Return(x));
    let (f, changed) = check_pass("simplifycfg_handler_reads_early_def", &SimplifyCfg, f);
    assert!(
        changed && f.blocks.len() == 2,
        "the blocks did not merge:\n{f}"
    );
}
