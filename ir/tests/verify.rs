//! The verifier: accepts well-formed functions, and lists every error of bad ones.

mod common;

use common::{error_strings, inline_site, inlined, inst, resume};
use ir::verify::{verify, verify_version, verify_version_with, VerifyError};
use ir::*;

fn block(id: u32, params: &[u32], handler: Option<u32>, insts: Vec<Inst>) -> Block {
    Block {
        id: BlockId(id),
        params: params.iter().map(|t| TempId(*t)).collect(),
        insts,
        handler: handler.map(BlockId),
    }
}

fn t(i: u32) -> TempId {
    TempId(i)
}

fn guard(check: GuardCheck, resume: u32) -> InstKind {
    InstKind::Guard {
        check,
        resume: Box::new(ResumePoint {
            ipc: Ipc(resume),
            reason: DeoptReason::TypeGuard,
            inline_chain: vec![],
            frames: vec![],
        }),
    }
}

#[test]
fn accepts_well_formed_functions() {
    assert_eq!(error_strings(verify(&common::loop_fn())), [] as [String; 0]);
    assert_eq!(
        error_strings(verify(&common::handler_fn())),
        [] as [String; 0]
    );
    let empty = Function::new(FuncId(0), "main", FuncKind::Script, "m.rb", 1);
    assert_eq!(
        error_strings(verify(&empty)),
        ["fn0 main bb0: empty block (no terminator)"]
    );
}

#[test]
fn accepts_unreachable_blocks() {
    let mut f = common::loop_fn();
    let dead = f.new_block();
    let ipc = f.new_ipc();
    // Uses a temp defined elsewhere: fine in a block nothing reaches.
    f.block_mut(dead)
        .insts
        .push(inst(ipc.0, None, InstKind::Return(t(5))));
    assert_eq!(error_strings(verify(&f)), [] as [String; 0]);
    let ipc = f.new_ipc();
    f.block_mut(dead)
        .insts
        .insert(0, inst(ipc.0, None, InstKind::Return(t(77))));
    assert_eq!(
        error_strings(verify(&f)),
        [
            "fn1 Object#sum bb4 @12: terminator `return %t77` before the end of the block",
            "fn1 Object#sum bb4 @12: use of undefined %t77",
        ]
    );
}

/// An IR0 function with one mistake of (nearly) every kind.
fn bad_ir0() -> Function {
    let mut f = Function::new(FuncId(9), "Bad#f", FuncKind::Method, "bad.rb", 1);
    f.params.required = 1;
    f.add_local("a");
    f.blocks = vec![
        block(
            0,
            &[],
            None,
            vec![
                inst(0, Some(0), InstKind::Arg(0)),
                inst(1, Some(1), InstKind::Arg(1)),
                inst(2, None, InstKind::StoreLocal(LocalId(3), t(0))),
                inst(3, Some(2), InstKind::StoreLocal(LocalId(0), t(0))),
                inst(4, None, InstKind::Const(Const::Int(5))),
                inst(
                    5,
                    None,
                    InstKind::Branch {
                        cond: t(0),
                        then_: BlockCall::with_args(BlockId(1), &[t(0)]),
                        else_: BlockCall::new(BlockId(2)),
                    },
                ),
            ],
        ),
        block(
            1,
            &[],
            Some(3),
            vec![
                inst(
                    6,
                    Some(3),
                    InstKind::Call(Box::new(CallInfo {
                        recv: None,
                        name: "foo".into(),
                        args: vec![t(9)],
                        block: None,
                        vcall: true,
                        fcall: false,
                    })),
                ),
                inst(7, None, InstKind::Jump(BlockCall::new(BlockId(2)))),
                inst(8, None, InstKind::Return(t(3))),
            ],
        ),
        block(
            2,
            &[],
            None,
            vec![
                inst(9, Some(4), InstKind::Copy(t(3))),
                inst(9, Some(4), InstKind::Copy(t(0))),
                inst(10, None, guard(GuardCheck::IsFixnum(t(0)), 2)),
            ],
        ),
        block(
            3,
            &[],
            None,
            vec![
                inst(11, Some(5), InstKind::Const(Const::Nil)),
                inst(12, Some(6), InstKind::CatchUnwind),
                inst(13, None, InstKind::Jump(BlockCall::new(BlockId(7)))),
            ],
        ),
    ];
    f.next_temp = 6;
    f.next_ipc = 14;
    f.deleted.entries.push((t(5), Rebuild::Const(Const::Nil)));
    f
}

#[test]
fn lists_every_error_of_a_bad_ir0_function() {
    let errors = verify(&bad_ir0()).unwrap_err();
    let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        text,
        [
            "fn9 Bad#f: IR0 has a deleted-temp table",
            "fn9 Bad#f bb0 @1: arg 1 is past the 1 parameter(s)",
            "fn9 Bad#f bb0 @2: local $3 does not exist (1 locals)",
            "fn9 Bad#f bb0 @3: `store $0, %t0` cannot define a value",
            "fn9 Bad#f bb0 @4: `const 5` must define a value",
            "fn9 Bad#f bb0 @5: bb1 takes 0 argument(s), the jump passes 1",
            "fn9 Bad#f bb1 @6: a vcall (bare identifier) has a receiver, arguments or a block",
            "fn9 Bad#f bb1 @6: use of undefined %t9",
            "fn9 Bad#f bb1 @7: terminator `jump bb2` before the end of the block",
            "fn9 Bad#f bb2 @9: %t3 is not defined on every path to this use",
            "fn9 Bad#f bb2 @9: %t4 is defined more than once (first at bb2 @9)",
            "fn9 Bad#f bb2 @9: @9 is not unique in IR0 (first in bb2)",
            "fn9 Bad#f bb2 @10: block does not end with a terminator",
            "fn9 Bad#f bb2 @10: guard in IR0",
            "fn9 Bad#f bb3: handler block does not start with catch_unwind",
            "fn9 Bad#f bb3 @12: %t6 is not below next_temp 6",
            "fn9 Bad#f bb3 @12: catch_unwind is not the first instruction of a handler block",
            "fn9 Bad#f bb3 @13: jump to nonexistent bb7",
        ]
    );
    // The fields name the place too.
    assert_eq!(
        errors[7],
        VerifyError {
            func: "fn9 Bad#f".into(),
            block: Some(BlockId(1)),
            ipc: Some(Ipc(6)),
            message: "use of undefined %t9".into(),
        }
    );
}

#[test]
fn lists_structural_errors_of_blocks() {
    let mut f = Function::new(FuncId(4), "main", FuncKind::Script, "m.rb", 1);
    f.blocks = vec![
        block(
            0,
            &[0],
            Some(5),
            vec![inst(0, None, InstKind::Jump(BlockCall::new(BlockId(2))))],
        ),
        block(7, &[], None, vec![inst(1, None, InstKind::Unreachable)]),
        block(
            2,
            &[1],
            None,
            vec![
                inst(2, Some(2), InstKind::CatchUnwind),
                inst(3, None, InstKind::Return(t(2))),
            ],
        ),
    ];
    f.blocks[1].handler = Some(BlockId(2));
    f.next_temp = 3;
    f.next_ipc = 3;
    assert_eq!(
        error_strings(verify(&f)),
        [
            "fn4 main bb0: the entry block has parameters",
            "fn4 main bb0: handler bb5 does not exist",
            "fn4 main bb0 @0: bb2 takes 1 argument(s), the jump passes 0",
            "fn4 main bb1: block at index 1 has id bb7",
            "fn4 main bb2: handler block has parameters",
            "fn4 main bb2 @3: @3 is not below next_ipc 3",
        ]
    );
    f.blocks.clear();
    assert_eq!(
        error_strings(verify(&f)),
        ["fn4 main: function has no blocks"]
    );
    f.blocks = vec![block(
        0,
        &[],
        None,
        vec![inst(0, None, InstKind::Unreachable)],
    )];
    f.entry = BlockId(3);
    assert_eq!(
        error_strings(verify(&f)),
        ["fn4 main: entry bb3 does not exist"]
    );
}

#[test]
fn handlers_see_what_is_defined_before_the_protected_block_may_unwind() {
    let mut f = common::handler_fn();
    // The rescue branch returns the call's result, not defined when the call unwinds.
    f.block_mut(BlockId(4)).insts[0].kind =
        InstKind::Jump(BlockCall::with_args(BlockId(3), &[t(2)]));
    assert_eq!(
        error_strings(verify(&f)),
        ["fn2 Object#risky bb4 @10: %t2 is not defined on every path to this use"]
    );
    // The call's argument is defined in the protected block before anything there may
    // unwind: the handler may read it.
    let mut f = common::handler_fn();
    f.block_mut(BlockId(4)).insts[0].kind =
        InstKind::Jump(BlockCall::with_args(BlockId(3), &[t(1)]));
    assert_eq!(error_strings(verify(&f)), [] as [String; 0]);
    // A parameter of the protected block is defined on its entry: fine.
    let mut f = common::handler_fn();
    f.block_mut(BlockId(1)).params.push(t(6));
    f.next_temp = 7;
    f.block_mut(BlockId(0)).insts[2].kind =
        InstKind::Jump(BlockCall::with_args(BlockId(1), &[t(0)]));
    f.block_mut(BlockId(4)).insts[0].kind =
        InstKind::Jump(BlockCall::with_args(BlockId(3), &[t(6)]));
    assert_eq!(error_strings(verify(&f)), [] as [String; 0]);
}

#[test]
fn a_value_from_one_branch_is_not_defined_at_the_join() {
    let mut f = Function::new(FuncId(5), "main", FuncKind::Script, "m.rb", 1);
    let mut b = Builder::new(&mut f);
    let c = b.constant(Const::True);
    let then_ = b.new_block();
    let else_ = b.new_block();
    let join = b.new_block();
    b.branch(c, then_, else_);
    b.switch_to(then_);
    let x = b.constant(Const::Int(1));
    b.jump(join, &[]);
    b.switch_to(else_);
    b.jump(join, &[]);
    b.switch_to(join);
    b.effect(InstKind::Return(x));
    assert_eq!(
        error_strings(verify(&f)),
        ["fn5 main bb3 @5: %t1 is not defined on every path to this use"]
    );
    // A loop that uses a value defined later in its body.
    let mut f = common::loop_fn();
    f.block_mut(BlockId(1)).insts[0].kind = InstKind::Binary(BinOp::Lt, t(2), t(7));
    assert_eq!(
        error_strings(verify(&f)),
        ["fn1 Object#sum bb1 @4: %t7 is not defined on every path to this use"]
    );
}

#[test]
fn checks_scopes_and_args() {
    let mut f = Function::new(FuncId(6), "Foo#m", FuncKind::Method, "m.rb", 1);
    f.params = Params {
        required: 1,
        optional: 1,
        auto_splat: false,
    };
    f.scope = vec!["a".into()];
    let mut b = Builder::new(&mut f);
    b.value(InstKind::Arg(1));
    b.value(InstKind::ArgGiven(2));
    b.value(InstKind::Arg(2));
    b.value(InstKind::ArgGiven(3));
    let own = b.value(InstKind::ScopeNew);
    let outer = b.value(InstKind::ScopeOuter(1));
    b.value(InstKind::ScopeLoad {
        scope: own,
        slot: 0,
    });
    let v = b.value(InstKind::ScopeLoad {
        scope: own,
        slot: 1,
    });
    b.effect(InstKind::ScopeStore {
        scope: own,
        slot: 4,
        value: v,
    });
    b.effect(InstKind::ScopeStore {
        scope: outer,
        slot: 9,
        value: v,
    });
    b.effect(InstKind::Return(v));
    assert_eq!(
        error_strings(verify(&f)),
        [
            "fn6 Foo#m bb0 @2: arg 2 is past the 2 parameter(s)",
            "fn6 Foo#m bb0 @3: arg_given 3 is past the 2 parameter(s)",
            "fn6 Foo#m bb0 @7: scope slot 1 does not exist (1 slots)",
            "fn6 Foo#m bb0 @8: scope slot 4 does not exist (1 slots)",
        ]
    );
}

/// A speculative version of `loop_fn` with a guard at the top of the loop body.
fn guarded_loop() -> Function {
    let mut f = common::loop_fn();
    f.phase = Phase::Speculative;
    f.block_mut(BlockId(2))
        .insts
        .insert(0, inst(6, None, guard(GuardCheck::IsFixnum(t(3)), 6)));
    f
}

#[test]
fn checks_speculative_versions() {
    let ok = guarded_loop();
    assert_eq!(error_strings(verify(&ok)), [] as [String; 0]);
    // In IR0, the same function is wrong.
    let mut ir0 = ok.clone();
    ir0.phase = Phase::Ir0;
    assert_eq!(
        error_strings(verify(&ir0)),
        [
            "fn1 Object#sum bb2 @6: guard in IR0",
            "fn1 Object#sum bb2 @6: @6 is not unique in IR0 (first in bb2)"
        ]
    );

    let mut f = guarded_loop();
    f.block_mut(BlockId(2))
        .insts
        .insert(0, inst(6, None, guard(GuardCheck::IsFloat(t(4)), 30)));
    // A guard inlined from fn8 (inline site 1), whose `Ipc`s are fn8's: not checked here.
    let in_callee = InstKind::Guard {
        check: GuardCheck::IsFixnum(t(3)),
        resume: resume(500, DeoptReason::TypeGuard, &[(8, 12)], vec![]),
    };
    f.block_mut(BlockId(3))
        .insts
        .insert(0, inlined(1, 400, None, in_callee));
    f.inline_sites = vec![inline_site(8, 0, 12)];
    f.deleted.entries = vec![
        (t(5), Rebuild::Const(Const::Int(0))),
        (t(8), Rebuild::BoxInt(t(20))),
        (t(3), Rebuild::Const(Const::Nil)),
        (t(8), Rebuild::Temp(t(0))),
    ];
    assert_eq!(
        error_strings(verify(&f)),
        [
            "fn1 Object#sum: inline site 1: call site @12 is not below next_ipc 11",
            "fn1 Object#sum bb2 @6: guard resumes at @30, not below next_ipc 11",
            "fn1 Object#sum: deleted %t5: still defined in the version (at bb2 @6)",
            "fn1 Object#sum: deleted %t8: %t8 is not below next_temp 8",
            "fn1 Object#sum: deleted %t8: source %t20 is not below next_temp 8",
            "fn1 Object#sum: deleted %t3: still defined in the version (as a parameter of bb1)",
            "fn1 Object#sum: deleted %t8: %t8 is not below next_temp 8",
            "fn1 Object#sum: deleted %t8: more than one entry",
        ]
    );
}

#[test]
fn version_guards_are_complete() {
    let ir0 = common::loop_fn();
    assert_eq!(
        error_strings(verify_version(&guarded_loop(), &ir0)),
        [] as [String; 0]
    );

    // A version where `%t6 = const 1` was folded into a new temp and recorded as deleted,
    // and a guard resumes at `@8` (`%t7 = add %t2, %t6`), where IR0 needs %t0 %t2 %t5 %t6.
    let mut v = ir0.clone();
    v.phase = Phase::Speculative;
    v.next_temp = 10;
    v.blocks[2].insts = vec![
        inst(8, None, guard(GuardCheck::IsFixnum(t(2)), 8)),
        inst(6, Some(5), InstKind::Binary(BinOp::Add, t(3), t(2))),
        inst(8, None, guard(GuardCheck::IsFixnum(t(2)), 8)),
        inst(7, Some(8), InstKind::Const(Const::Int(1))),
        inst(8, Some(7), InstKind::Binary(BinOp::Add, t(2), t(8))),
        inst(
            9,
            None,
            InstKind::Jump(BlockCall::with_args(BlockId(1), &[t(7), t(5)])),
        ),
    ];
    v.deleted.entries = vec![(t(6), Rebuild::Const(Const::Int(1)))];
    assert_eq!(
        error_strings(verify_version(&v, &ir0)),
        [
            "fn1 Object#sum bb2 @8: guard resuming at @8 cannot rebuild %t5, live in IR0 there: \
          not available at the guard and not in the deleted-temp table"
        ]
    );

    // Rebuilding from a temp that is not there yet; then from a chain of deleted temps.
    v.deleted.entries = vec![(t(6), Rebuild::Temp(t(8)))];
    v.blocks[2].insts.remove(0);
    assert_eq!(
        error_strings(verify_version(&v, &ir0)),
        [
            "fn1 Object#sum bb2 @8: guard resuming at @8 cannot rebuild %t6, live in IR0 there: \
          its deleted-temp entry `copy %t8` needs %t8, which is not available at the guard"
        ]
    );
    v.deleted.entries = vec![(t(6), Rebuild::Temp(t(9))), (t(9), Rebuild::Temp(t(2)))];
    assert_eq!(error_strings(verify_version(&v, &ir0)), [] as [String; 0]);
    v.deleted.entries = vec![(t(6), Rebuild::Temp(t(9))), (t(9), Rebuild::Temp(t(6)))];
    assert_eq!(
        error_strings(verify_version(&v, &ir0)),
        [
            "fn1 Object#sum bb2 @8: guard resuming at @8 cannot rebuild %t6, live in IR0 there: \
          its deleted-temp entries form a cycle"
        ]
    );
}

#[test]
fn version_checks_the_ir0_it_is_given() {
    let ir0 = common::loop_fn();
    let mut v = guarded_loop();
    // A resume point that IR0 does not have.
    v.blocks[2].insts[0] = inst(6, None, guard(GuardCheck::IsFixnum(t(3)), 40));
    v.next_temp = 2;
    let errors = error_strings(verify_version(&v, &ir0));
    assert_eq!(
        errors,
        [
            "fn1 Object#sum: next_temp 2 went below IR0's 8 (temps are never reused)",
            "fn1 Object#sum bb1: %t2 is not below next_temp 2",
            "fn1 Object#sum bb1: %t3 is not below next_temp 2",
            "fn1 Object#sum bb1 @4: %t4 is not below next_temp 2",
            "fn1 Object#sum bb2 @6: guard resumes at @40, not below next_ipc 11",
            "fn1 Object#sum bb2 @6: guard resumes at @40, which is not an instruction of IR0",
            "fn1 Object#sum bb2 @6: %t5 is not below next_temp 2",
            "fn1 Object#sum bb2 @7: %t6 is not below next_temp 2",
            "fn1 Object#sum bb2 @8: %t7 is not below next_temp 2",
        ]
    );
    let other = common::handler_fn();
    assert_eq!(
        error_strings(verify_version(&guarded_loop(), &other)),
        ["fn1 Object#sum: checked against the IR0 of another function (fn2 Object#risky)"]
    );
}

/// The errors of `f` after `edit`.
fn errors_after(f: &Function, edit: impl FnOnce(&mut Function)) -> Vec<String> {
    let mut f = f.clone();
    edit(&mut f);
    error_strings(verify(&f))
}

/// The errors of `version` after `edit`, checked against `ir0`.
fn version_errors_after(
    version: &Function,
    ir0: &Function,
    edit: impl FnOnce(&mut Function),
) -> Vec<String> {
    let mut v = version.clone();
    edit(&mut v);
    error_strings(verify_version(&v, ir0))
}

/// The resume point of the instruction at `bb`, index `i`.
fn resume_of(f: &mut Function, bb: usize, i: usize) -> &mut ResumePoint {
    f.blocks[bb].insts[i]
        .kind
        .resume_point_mut()
        .expect("a guard or an overflow check")
}

const NONE: [String; 0] = [];

#[test]
fn ir0_holds_nothing_speculative() {
    let ir0 = common::loop_fn();
    let errors = errors_after(&ir0, |f| {
        f.unboxed.insert(t(2), NumKind::I64);
        f.inline_sites.push(inline_site(5, 0, 6));
        f.blocks[2].insts[0].inlined = 1;
        f.blocks[2].insts[1] = inst(7, Some(6), InstKind::ConstI64(1));
        f.blocks[2].insts[2] = inst(
            8,
            Some(7),
            InstKind::IntOp {
                op: IntArith::Add,
                a: t(2),
                b: t(6),
                resume: resume(8, DeoptReason::Overflow, &[], vec![]),
            },
        );
    });
    assert_eq!(
        errors,
        [
            "fn1 Object#sum: IR0 has an unboxed-temp table",
            "fn1 Object#sum: IR0 has inline sites",
            "fn1 Object#sum bb2 @6: instruction from inline site 1 in IR0",
            "fn1 Object#sum bb2 @7: unboxed `i64 1` in IR0",
            "fn1 Object#sum bb2 @8: unboxed `iadd %t2, %t6 -> resume @8 (overflow)` in IR0",
        ]
    );
}

#[test]
fn a_loop_with_an_unboxed_block_parameter_verifies() {
    let v = common::unboxed_loop();
    assert_eq!(error_strings(verify(&v)), NONE);
    assert_eq!(error_strings(verify_version(&v, &common::loop_fn())), NONE);
}

/// An unboxing reads a fixnum's bits: without an `is_fixnum` guard of its operand before
/// it (here: the entry's guard removed, as `dce` once did when `guardelim` had kept that
/// guard for another `self`), a Bignum would be read as garbage.
#[test]
fn an_unboxing_needs_a_dominating_type_guard() {
    let v = common::unboxed_loop();
    assert_eq!(
        errors_after(&v, |f| {
            f.blocks[0].insts.remove(2);
        }),
        ["fn1 Object#sum bb0 @4: `unbox_int %t0` with no is_fixnum guard of %t0 dominating it"]
    );
    // A guard of a float does not do.
    assert_eq!(
        errors_after(&v, |f| {
            let InstKind::Guard { check, .. } = &mut f.blocks[0].insts[2].kind else {
                panic!("the entry guard")
            };
            *check = GuardCheck::IsFloat(TempId(0));
        }),
        ["fn1 Object#sum bb0 @4: `unbox_int %t0` with no is_fixnum guard of %t0 dominating it"]
    );
}

#[test]
fn unboxed_values_never_escape() {
    let v = common::unboxed_loop();
    // Into a boxed operand, a branch condition, a return, a frame state.
    assert_eq!(
        errors_after(&v, |f| f.blocks[2].insts[1].kind =
            InstKind::Binary(BinOp::Add, t(3), t(10))),
        ["fn1 Object#sum bb2 @6: unboxed %t10 (i64) escapes into `add %t3, %t10`"]
    );
    assert_eq!(
        errors_after(&v, |f| f.blocks[1].insts[1].kind = InstKind::Branch {
            cond: t(10),
            then_: BlockCall::new(BlockId(2)),
            else_: BlockCall::new(BlockId(3)),
        }),
        ["fn1 Object#sum bb1 @5: unboxed %t10 (i64) escapes into `branch %t10, bb2, bb3`"]
    );
    assert_eq!(
        errors_after(&v, |f| f.blocks[3].insts[0].kind = InstKind::Return(t(10))),
        ["fn1 Object#sum bb3 @10: unboxed %t10 (i64) escapes into `return %t10`"]
    );
    assert_eq!(
        errors_after(&v, |f| resume_of(f, 2, 3).frames[0].temps[1].1 =
            FrameValue::Temp(t(10))),
        [
            "fn1 Object#sum bb2 @8: guard frame 0 %t2: unboxed %t10 (i64) escapes into the frame \
          state"
        ]
    );
    // Unboxed instructions take operands of their kind.
    assert_eq!(
        errors_after(&v, |f| {
            f.blocks[1].insts[0].kind = InstKind::IntCmp {
                op: CmpOp::Lt,
                a: t(10),
                b: t(0),
            };
            f.blocks[2].insts[0].kind = InstKind::BoxFloat(t(10));
            f.blocks[0].insts[3].kind = InstKind::UnboxInt(t(9));
        }),
        [
            "fn1 Object#sum bb0 @4: `unbox_int %t9` needs %t9 to be boxed, it is i64",
            "fn1 Object#sum bb0 @4: %t9 is not defined on every path to this use",
            "fn1 Object#sum bb0 @4: `unbox_int %t9` with no is_fixnum guard of %t9 dominating it",
            "fn1 Object#sum bb1 @4: `ilt %t10, %t0` needs %t0 to be i64, it is boxed",
            "fn1 Object#sum bb2 @6: `box_float %t10` needs %t10 to be f64, it is i64",
        ]
    );
    // A copy moves a value of any kind, into a temp of the same kind.
    assert_eq!(
        errors_after(&v, |f| {
            f.next_temp = 16;
            f.unboxed.insert(t(14), NumKind::I64);
            let body = &mut f.blocks[2].insts;
            body.insert(0, inst(6, Some(14), InstKind::Copy(t(10))));
            body.insert(0, inst(6, Some(15), InstKind::Copy(t(10))));
        }),
        ["fn1 Object#sum bb2 @6: `copy %t10` copies %t10 (i64) into %t15 (boxed)"]
    );
    // Jump arguments have the kind of the target's parameters.
    assert_eq!(
        errors_after(&v, |f| f.blocks[2].insts[4].kind =
            InstKind::Jump(BlockCall::with_args(BlockId(1), &[t(5), t(12)]))),
        [
            "fn1 Object#sum bb2 @9: the jump to bb1 passes %t5 (boxed) for its parameter %t10 \
             (i64)",
            "fn1 Object#sum bb2 @9: the jump to bb1 passes %t12 (i64) for its parameter %t3 \
             (boxed)",
        ]
    );
    // The unboxed-temp table agrees with the instructions.
    assert_eq!(
        errors_after(&v, |f| {
            f.unboxed.insert(t(9), NumKind::F64);
            f.unboxed.insert(t(11), NumKind::I64);
            f.unboxed.remove(&t(8));
            f.unboxed.insert(t(20), NumKind::F64);
        }),
        [
            "fn1 Object#sum bb0 @4: `unbox_int %t0` produces i64, but %t8 is not in the unboxed \
             table",
            "fn1 Object#sum bb0 @2: %t9 is f64 in the unboxed table, but `i64 0` produces i64",
            "fn1 Object#sum bb0 @3: the jump to bb1 passes %t9 (f64) for its parameter %t10 (i64)",
            "fn1 Object#sum bb1 @4: `ilt %t10, %t8` needs %t8 to be i64, it is boxed",
            "fn1 Object#sum bb2 @6: %t11 is i64 in the unboxed table, but `box_int %t10` \
             produces boxed",
            "fn1 Object#sum bb2 @6: unboxed %t11 (i64) escapes into `add %t3, %t11`",
            "fn1 Object#sum: unboxed %t20 (f64): not defined in the version",
        ]
    );
    // So does the deleted-temp table.
    assert_eq!(
        errors_after(&v, |f| {
            f.deleted.entries[0].1 = Rebuild::Temp(t(10));
            f.deleted.entries[2].1 = Rebuild::BoxInt(t(5));
        }),
        [
            "fn1 Object#sum: deleted %t2: `copy %t10` needs %t10 to be boxed, it is i64",
            "fn1 Object#sum: deleted %t7: `box_int %t5` needs %t5 to be i64, it is boxed",
        ]
    );
}

#[test]
fn frame_states_match_the_inline_chain() {
    let v = common::unboxed_loop();
    assert_eq!(
        errors_after(&v, |f| {
            let r = resume_of(f, 2, 3);
            r.reason = DeoptReason::TypeGuard;
            r.frames[0].func = FuncId(2);
            r.frames[0].ipc = Ipc(7);
            r.frames[0].home = 3;
            r.frames[0].locals[0].1 = FrameValue::Local(LocalId(4));
            r.frames[0].temps.push((t(5), FrameValue::Temp(t(5))));
            r.frames[0].block = FrameValue::Block {
                id: 0,
                func: FuncId(4),
                self_val: Box::new(FrameValue::Nil),
                scope: Box::new(FrameValue::Nil),
                home_block: Box::new(FrameValue::Nil),
                home: 1,
            };
        }),
        [
            "fn1 Object#sum bb2 @8: an overflow check resumes with reason type_guard, not \
             overflow",
            "fn1 Object#sum bb2 @8: guard frame 0 is fn2, not the version's fn1",
            "fn1 Object#sum bb2 @8: guard frame 0 resumes at @7, not at the resume point's @8",
            "fn1 Object#sum bb2 @8: guard frame 0: home frame 3 does not exist (1 frames)",
            "fn1 Object#sum bb2 @8: guard frame 0 lists %t5 more than once",
            "fn1 Object#sum bb2 @8: guard frame 0 block: block home frame 1 does not exist (1 \
             frames)",
            "fn1 Object#sum bb2 @8: guard frame 0 $0: local $4 does not exist (1 locals)",
        ]
    );
    assert_eq!(
        errors_after(&v, |f| {
            let r = resume_of(f, 0, 2);
            let extra = r.frames[0].clone();
            r.frames.push(extra);
        }),
        ["fn1 Object#sum bb0 @4: guard has 2 frame(s) for an inline chain of 0 (needs 1)"]
    );
}

#[test]
fn a_guard_missing_a_live_temp_or_local() {
    let ir0 = common::loop_fn();
    let v = common::unboxed_loop();
    assert_eq!(
        version_errors_after(&v, &ir0, |f| {
            resume_of(f, 2, 3).frames[0].temps.remove(2);
        }),
        ["fn1 Object#sum bb2 @8: guard frame 0 (fn1) lacks IR0 %t5, live at @8"]
    );
    assert_eq!(
        version_errors_after(&v, &ir0, |f| {
            let fr = &mut resume_of(f, 0, 2).frames[0];
            fr.locals[0].0 = LocalId(3);
        }),
        [
            "fn1 Object#sum bb0 @4: guard frame 0 (fn1) has local $3, which its IR0 does not \
             have (1 locals)",
            "fn1 Object#sum bb0 @4: guard frame 0 (fn1) lacks IR0 local $0",
        ]
    );
    assert_eq!(
        version_errors_after(&v, &ir0, |f| {
            let r = resume_of(f, 0, 2);
            r.ipc = Ipc(40);
            r.frames[0].ipc = Ipc(40);
        }),
        [
            "fn1 Object#sum bb0 @4: guard resumes at @40, not below next_ipc 11",
            "fn1 Object#sum bb0 @4: guard frame 0 (fn1) resumes at @40, which is not an \
             instruction of its IR0",
        ]
    );
    // Resuming at the loop test needs %t0 and IR0's block parameters %t2 and %t3 (still to
    // be read), not %t5 and %t6.
    assert_eq!(
        version_errors_after(&v, &ir0, |f| {
            let r = resume_of(f, 2, 3);
            r.ipc = Ipc(4);
            r.frames[0].ipc = Ipc(4);
            r.frames[0].temps.remove(1);
        }),
        [
            "fn1 Object#sum bb2 @8: guard frame 0 (fn1) lacks IR0 %t2, live at @4",
            "fn1 Object#sum bb2 @8: guard frame 0 (fn1) lacks IR0 %t3, live at @4",
        ]
    );
}

#[test]
fn deleted_temps_in_frame_states() {
    let v = common::unboxed_loop();
    // %t6 (`const 1`) is in no table.
    assert_eq!(
        errors_after(&v, |f| {
            f.deleted.entries.remove(1);
        }),
        [
            "fn1 Object#sum bb2 @8: guard frame 0 %t6: cannot rebuild %t6: not available at the \
             guard and not in the deleted-temp table"
        ]
    );
    // %t2 rebuilt from the overflow check's own result, which does not exist yet.
    assert_eq!(
        errors_after(&v, |f| f.deleted.entries[0].1 = Rebuild::BoxInt(t(12))),
        [
            "fn1 Object#sum bb2 @8: guard frame 0 %t2: cannot rebuild %t2: its deleted-temp \
             entry `box_int %t12` needs %t12, which is not available at the guard"
        ]
    );
    // Through another deleted temp, and nested in a re-materialized scope: fine.
    assert_eq!(
        errors_after(&v, |f| {
            f.next_temp = 15;
            f.deleted.entries[0].1 = Rebuild::Temp(t(14));
            f.deleted.entries.push((t(14), Rebuild::BoxInt(t(10))));
            resume_of(f, 2, 3).frames[0].self_val = FrameValue::Scope {
                id: 0,
                parent: Box::new(FrameValue::Nil),
                slots: vec![FrameValue::Temp(t(6)), FrameValue::Temp(t(14))],
            };
        }),
        NONE
    );
    // A temp nested in a scope that is neither defined on every path nor deleted.
    assert_eq!(
        errors_after(&v, |f| {
            resume_of(f, 2, 3).frames[0].self_val = FrameValue::Scope {
                id: 0,
                parent: Box::new(FrameValue::Temp(t(11))),
                slots: vec![FrameValue::Temp(t(20))],
            };
        }),
        [
            "fn1 Object#sum bb2 @8: guard frame 0 self: cannot rebuild %t20: not available at \
             the guard and not in the deleted-temp table"
        ]
    );
    // An ordinary operand may not use a deleted temp.
    assert_eq!(
        errors_after(&v, |f| f.blocks[2].insts[1].kind =
            InstKind::Binary(BinOp::Add, t(3), t(2))),
        ["fn1 Object#sum bb2 @6: use of undefined %t2"]
    );
    // In a block nothing reaches, a frame's temps need only be defined or deleted somewhere.
    assert_eq!(
        errors_after(&v, |f| {
            let dead = f.new_block();
            let mut r = resume_of(f, 2, 3).clone();
            r.frames[0].temps.push((t(3), FrameValue::Temp(t(30))));
            let guard = InstKind::Guard {
                check: GuardCheck::IsFixnum(t(5)),
                resume: Box::new(r),
            };
            f.block_mut(dead).insts =
                vec![inst(8, None, guard), inst(10, None, InstKind::Return(t(5)))];
        }),
        [
            "fn1 Object#sum bb4 @8: guard frame 0 %t3: %t30 is defined nowhere and not in the \
             deleted-temp table"
        ]
    );
}

#[test]
fn inlined_frames_are_checked_against_their_own_ir0() {
    let (bar, inc) = (common::bar_ir0(), common::inc_ir0());
    let v = common::bar_inlined();
    let both = |id: FuncId| [&bar, &inc].into_iter().find(|f| f.id == id);
    let with_both = |edit: &dyn Fn(&mut Function)| {
        let mut v = v.clone();
        edit(&mut v);
        error_strings(verify_version_with(&v, &both))
    };
    assert_eq!(error_strings(verify(&v)), NONE);
    assert_eq!(error_strings(verify_version(&v, &bar)), NONE);
    assert_eq!(error_strings(verify_version_with(&v, &both)), NONE);

    // A temp of the callee's frame: only its IR0 shows that it is live.
    let drop_callee_temp = |f: &mut Function| {
        resume_of(f, 0, 9).frames[1].temps.remove(1);
    };
    assert_eq!(version_errors_after(&v, &bar, drop_callee_temp), NONE);
    assert_eq!(
        with_both(&drop_callee_temp),
        ["fn3 Foo#bar bb0 @4: guard frame 1 (fn5) lacks IR0 %t2, live at @4"]
    );
    assert_eq!(
        with_both(&|f| {
            resume_of(f, 0, 9).frames[1].locals.clear();
        }),
        ["fn3 Foo#bar bb0 @4: guard frame 1 (fn5) lacks IR0 local $0"]
    );
    // The caller's frame continues after the call: it needs %t1, not the call's result.
    assert_eq!(
        with_both(&|f| {
            resume_of(f, 0, 9).frames[0].temps.clear();
        }),
        ["fn3 Foo#bar bb0 @4: guard frame 0 (fn3) lacks IR0 %t1, live after the call at @4"]
    );
    // Frames against the chain, and the chain against the inline sites.
    assert_eq!(
        with_both(&|f| resume_of(f, 0, 9).frames[1].func = FuncId(6)),
        ["fn3 Foo#bar bb0 @4: guard frame 1 is fn6, but the inline chain has fn5 there"]
    );
    assert_eq!(
        with_both(&|f| {
            let r = resume_of(f, 0, 9);
            r.inline_chain[0].call_site = Ipc(3);
            r.frames[0].ipc = Ipc(3);
        }),
        [
            "fn3 Foo#bar bb0 @4: guard's inline chain [fn5@3] does not match the instruction's \
             inline context 1 ([fn5@4])",
            "fn3 Foo#bar bb0 @4: guard frame 0 (fn3) continues at @3, which is `load $0` in its \
             IR0, not a call",
        ]
    );
    assert_eq!(
        with_both(&|f| resume_of(f, 0, 9).frames[0].ipc = Ipc(2)),
        ["fn3 Foo#bar bb0 @4: guard frame 0 continues at @2, not at its call site @4"]
    );
    assert_eq!(
        with_both(&|f| {
            let r = resume_of(f, 0, 9);
            r.frames.clear();
        }),
        ["fn3 Foo#bar bb0 @4: guard in inlined code has no frame states"]
    );
    // Inlined instructions carry the callee's `Ipc`s and name an existing inline site;
    // every instruction's `Ipc` is one of its function's IR0 (invariant 2).
    assert_eq!(
        with_both(&|f| {
            f.blocks[0].insts[6].ipc = Ipc(40);
            f.blocks[0].insts[7].ipc = Ipc(41);
            f.blocks[0].insts[7].inlined = 0;
            f.blocks[0].insts[8].inlined = 2;
        }),
        [
            "fn3 Foo#bar bb0 @40: @40 is not an instruction of fn5's IR0 (invariant 2)",
            "fn3 Foo#bar bb0 @41: @41 is not below next_ipc 7",
            "fn3 Foo#bar bb0 @41: @41 is not an instruction of fn3's IR0 (invariant 2)",
            "fn3 Foo#bar bb0 @3: instruction from inline site 2, but the function has 1 inline \
             site(s)",
        ]
    );
    // Inline sites form a tree of calls.
    assert_eq!(
        with_both(&|f| {
            f.inline_sites.push(inline_site(5, 2, 4));
            f.inline_sites[0].call_site = Ipc(5);
            f.inline_sites[0].home = 2;
        }),
        [
            "fn3 Foo#bar: inline site 1: home 2 is not this or an earlier inline context",
            "fn3 Foo#bar: inline site 1: call site @5 is `add %t1, %t3` in fn3's IR0, not a call",
            "fn3 Foo#bar: inline site 2: parent 2 is not an earlier site",
            "fn3 Foo#bar bb0 @4: guard's inline chain [fn5@4] does not match the instruction's \
             inline context 1 ([fn5@5])",
        ]
    );
    // The lookup must know the version's function and answer with the function asked for.
    assert_eq!(
        error_strings(verify_version_with(&v, &|_| None)),
        ["fn3 Foo#bar: no IR0 for fn3 to check the version against"]
    );
    assert_eq!(
        error_strings(verify_version_with(&v, &|_| Some(&bar))),
        ["fn3 Foo#bar: the IR0 given for fn5 is fn3 Foo#bar"]
    );
}

#[test]
fn osr_loads_read_the_values_the_osr_entry_declares() {
    let v = guarded_loop();
    let entry = OsrEntry {
        header: Ipc(3),
        values: vec![t(0)],
    };
    let load = |f: &mut Function, bb: usize, i: usize, temp: u32| {
        let ipc = f.blocks[bb].insts[i].ipc;
        f.blocks[bb].insts[i] = inst(ipc.0, Some(temp), InstKind::OsrLoad(t(temp)));
    };
    // `%t0 = osr_load %t0` instead of `arg 0`: right with the entry declaring %t0.
    let ok = |f: &mut Function| {
        load(f, 0, 0, 0);
        f.osr = Some(entry.clone());
    };
    assert_eq!(errors_after(&v, ok), NONE);
    assert_eq!(
        errors_after(&v, |f| load(f, 0, 0, 0)),
        ["fn1 Object#sum bb0 @0: osr_load without an OSR entry"]
    );
    assert_eq!(
        errors_after(&v, |f| {
            ok(f);
            f.osr.as_mut().unwrap().values = vec![t(1), t(0), t(1)];
        }),
        ["fn1 Object#sum: the OSR entry passes %t1 twice"]
    );
    assert_eq!(
        errors_after(&v, |f| {
            ok(f);
            f.osr.as_mut().unwrap().values = vec![t(1)];
        }),
        ["fn1 Object#sum bb0 @0: osr_load %t0: not a value the OSR entry passes"]
    );
    // In the loop body, `%t6 = osr_load %t6` (the constant 1).
    assert_eq!(
        errors_after(&v, |f| {
            ok(f);
            f.osr.as_mut().unwrap().values.push(t(6));
            load(f, 2, 2, 6);
        }),
        ["fn1 Object#sum bb2 @7: osr_load outside the entry block"]
    );
    let mut ir0 = common::loop_fn();
    ir0.osr = Some(entry);
    assert_eq!(
        error_strings(verify(&ir0)),
        ["fn1 Object#sum: IR0 has an OSR entry"]
    );
}

/// `def get(c) = c ? @x : @y` as a version reading slots: `guard_at` says where the class
/// guard on self goes (`None`: nowhere).
fn slot_reader(guard_at: Option<&str>) -> Function {
    let mut f = Function::new(FuncId(4), "Point#get", FuncKind::Method, "p.rb", 1);
    f.phase = Phase::Speculative;
    f.params.required = 1;
    let mut b = Builder::new(&mut f);
    let c = b.value(InstKind::Arg(0));
    let me = b.value(InstKind::SelfRef);
    let class_guard = |me| guard(GuardCheck::Class(me, ClassId(9)), 0);
    if guard_at == Some("entry") {
        b.effect(class_guard(me));
    }
    let then_ = b.new_block();
    let else_ = b.new_block();
    b.branch(c, then_, else_);
    b.switch_to(then_);
    if guard_at == Some("then") {
        b.effect(class_guard(me));
    }
    // Another `self` of the same frame: the same value as `me`.
    let me2 = b.value(InstKind::SelfRef);
    let x = b.value(InstKind::IvarLoad {
        obj: me2,
        name: "x".into(),
        slot: 0,
    });
    b.effect(InstKind::Return(x));
    b.switch_to(else_);
    let y = b.value(InstKind::IvarLoad {
        obj: me,
        name: "y".into(),
        slot: 1,
    });
    b.effect(InstKind::Return(y));
    f
}

#[test]
fn a_slot_access_needs_a_dominating_class_guard_on_its_object() {
    assert_eq!(
        error_strings(verify(&slot_reader(Some("entry")))),
        [] as [String; 0]
    );
    // A guard in one arm does not cover the other.
    assert_eq!(
        error_strings(verify(&slot_reader(Some("then")))),
        ["fn4 Point#get bb2 @7: `ivar_load %t1.y [slot 1]` with no class guard of %t1 dominating it"]
    );
    assert_eq!(
        error_strings(verify(&slot_reader(None))),
        [
            "fn4 Point#get bb1 @4: `ivar_load %t2.x [slot 0]` with no class guard of %t2 dominating it",
            "fn4 Point#get bb2 @6: `ivar_load %t1.y [slot 1]` with no class guard of %t1 dominating it"
        ]
    );
}
