//! Golden tests of `constfold`.

mod common;

use common::{call, check_pass, method};
use ir::{BinOp, BlockCall, Builder, CallInfo, Const, InstKind, UnOp};
use passes::conservative::ConstFold;

#[test]
fn truthiness_and_not_of_known_values() {
    let mut f = method(0, &[]);
    let mut b = Builder::new(&mut f);
    let nil = b.constant(Const::Nil);
    let t1 = b.value(InstKind::Truthy(nil)); // false
    let zero = b.constant(Const::Int(0));
    let t2 = b.value(InstKind::Truthy(zero)); // true: 0 is truthy in Ruby
    let n1 = b.value(InstKind::Unary(UnOp::Not, nil)); // true
    let s = b.constant(Const::Str("s".into()));
    let n2 = b.value(InstKind::Unary(UnOp::Not, s)); // false
    let arr = b.value(InstKind::NewArray(vec![]));
    let t3 = b.value(InstKind::Truthy(arr)); // true: a new object
    let n3 = b.value(InstKind::Unary(UnOp::Not, t2)); // false, through the folded truthy
    let cp = b.value(InstKind::Copy(nil));
    let t4 = b.value(InstKind::Truthy(cp)); // false, through the copy
                                            // Never folded: Integer#+ and Integer#-@ may be redefined; self may be anything.
    let sum = b.value(InstKind::Binary(BinOp::Add, zero, zero));
    let lt = b.value(InstKind::Binary(BinOp::Lt, zero, zero));
    let neg = b.value(InstKind::Unary(UnOp::Neg, zero));
    let inv = b.value(InstKind::Unary(UnOp::BitNot, zero));
    let me = b.value(InstKind::SelfRef);
    let t5 = b.value(InstKind::Truthy(me));
    let n4 = b.value(InstKind::Unary(UnOp::Not, me));
    let r = call(
        &mut b,
        "p",
        &[t1, t2, n1, n2, t3, n3, t4, sum, lt, neg, inv, t5, n4],
    );
    b.effect(InstKind::Return(r));
    check_pass("constfold_truthiness", &ConstFold, f);
}

#[test]
fn branches_on_known_conditions_become_jumps() {
    let mut f = method(1, &[]);
    let mut b = Builder::new(&mut f);
    let a = b.value(InstKind::Arg(0));
    let fals = b.constant(Const::False);
    let cond = b.value(InstKind::Truthy(fals));
    let one = b.constant(Const::Int(1));
    let two = b.constant(Const::Int(2));
    let (then_, else_, unknown, join) =
        (b.new_block(), b.new_block(), b.new_block(), b.new_block());
    let p = b.block_param(then_);
    let q = b.block_param(else_);
    let j = b.block_param(join);
    b.effect(InstKind::Branch {
        cond,
        then_: BlockCall::with_args(then_, &[one]),
        else_: BlockCall::with_args(else_, &[two]),
    });
    b.switch_to(then_);
    b.jump(join, &[p]);
    b.switch_to(else_);
    // A block parameter's value is not tracked: `!(!q)` stays.
    let n = b.value(InstKind::Unary(UnOp::Not, q));
    let nn = b.value(InstKind::Unary(UnOp::Not, n));
    b.effect(InstKind::Branch {
        cond: a, // an argument: unknown, stays a branch
        then_: BlockCall::with_args(join, &[nn]),
        else_: BlockCall::new(unknown),
    });
    b.switch_to(unknown);
    let block = b.value(InstKind::MakeBlock {
        func: ir::FuncId(2),
        scope: None,
    });
    b.effect(InstKind::Branch {
        cond: block, // a block closure: truthy
        then_: BlockCall::with_args(join, &[block]),
        else_: BlockCall::with_args(join, &[a]),
    });
    b.switch_to(join);
    b.effect(InstKind::Return(j));
    check_pass("constfold_branches", &ConstFold, f);
}

#[test]
fn interpolation_of_string_literals_only() {
    let mut f = method(0, &[]);
    let mut b = Builder::new(&mut f);
    let a = b.constant(Const::Str("a".into()));
    let bb = b.constant(Const::Str("b".into()));
    let ab = b.value(InstKind::Interp(vec![a, bb])); // "ab"
    let c = b.constant(Const::Str("c".into()));
    let abc = b.value(InstKind::Interp(vec![ab, c])); // "abc", once "ab" is folded
    let one = b.constant(Const::Int(1));
    let c1 = b.value(InstKind::Interp(vec![c, one])); // Integer#to_s may be redefined
    let m = b.constant(Const::Str("m".into()));
    b.value(InstKind::Call(Box::new(CallInfo {
        recv: Some(m),
        name: "upcase!".into(),
        args: vec![],
        block: None,
        vcall: false,
        fcall: false,
    })));
    let mi = b.value(InstKind::Interp(vec![m])); // `m` was mutated: not "m"
    let empty = b.value(InstKind::Interp(vec![])); // ""
    let r = call(&mut b, "puts", &[abc, c1, mi, empty]);
    b.effect(InstKind::Return(r));
    check_pass("constfold_interp", &ConstFold, f);
}

#[test]
fn branch_on_not_swaps_targets() {
    let mut f = method(1, &[]);
    let mut b = Builder::new(&mut f);
    let a = b.value(InstKind::Arg(0));
    let zero = b.constant(Const::Int(0));
    let eq = b.value(InstKind::Binary(BinOp::Eq, a, zero));
    let not = b.value(InstKind::Unary(UnOp::Not, eq));
    let (body, exit) = (b.new_block(), b.new_block());
    // `until a == 0`: the branch reads `a == 0` itself, to the exit when it holds.
    b.effect(InstKind::Branch {
        cond: not,
        then_: BlockCall::new(body),
        else_: BlockCall::with_args(exit, &[zero]),
    });
    b.switch_to(body);
    let truthy = b.value(InstKind::Truthy(a));
    let r = call(&mut b, "p", &[a]);
    // `if a`: a `Truthy` adds nothing to a branch.
    b.effect(InstKind::Branch {
        cond: truthy,
        then_: BlockCall::with_args(exit, &[r]),
        else_: BlockCall::with_args(exit, &[a]),
    });
    let p = b.block_param(exit);
    b.switch_to(exit);
    b.effect(InstKind::Return(p));
    check_pass("constfold_branch_on_not", &ConstFold, f);
}
