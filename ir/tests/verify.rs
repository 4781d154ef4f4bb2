//! The verifier: accepts well-formed functions, and lists every error of bad ones.

mod common;

use common::error_strings;
use ir::verify::{verify, verify_version, VerifyError};
use ir::*;

fn inst(ipc: u32, dst: Option<u32>, kind: InstKind) -> Inst {
    Inst {
        ipc: Ipc(ipc),
        dst: dst.map(TempId),
        kind,
        line: 1,
        inlined: 0,
    }
}

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
fn handlers_see_only_what_is_defined_on_entry_to_the_protected_block() {
    let mut f = common::handler_fn();
    // The rescue branch returns the call's argument, defined inside the protected block.
    f.block_mut(BlockId(4)).insts[0].kind =
        InstKind::Jump(BlockCall::with_args(BlockId(3), &[t(1)]));
    assert_eq!(
        error_strings(verify(&f)),
        ["fn2 Object#risky bb4 @10: %t1 is not defined on every path to this use"]
    );
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
    let inlined = InstKind::Guard {
        check: GuardCheck::Method {
            recv: t(4),
            class: ClassId(1),
            name: "m".into(),
            func: FuncId(8),
        },
        resume: Box::new(ResumePoint {
            ipc: Ipc(500), // in the callee: not checked here
            reason: DeoptReason::MethodRedefined,
            inline_chain: vec![InlineFrame {
                callee: FuncId(8),
                call_site: Ipc(12),
            }],
            frames: vec![],
        }),
    };
    f.block_mut(BlockId(3))
        .insts
        .insert(0, inst(10, None, inlined));
    f.deleted.entries = vec![
        (t(5), Rebuild::Const(Const::Int(0))),
        (t(8), Rebuild::BoxInt(t(20))),
        (t(3), Rebuild::Const(Const::Nil)),
        (t(8), Rebuild::Temp(t(0))),
    ];
    assert_eq!(
        error_strings(verify(&f)),
        [
            "fn1 Object#sum bb2 @6: guard resumes at @30, not below next_ipc 11",
            "fn1 Object#sum bb3 @10: guard's outermost inlined call site @12 is not below next_ipc 11",
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
    v.deleted.entries = vec![(t(6), Rebuild::Temp(t(9))), (t(9), Rebuild::BoxInt(t(2)))];
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
