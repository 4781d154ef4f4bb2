//! Small functions built with `ir::Builder`, shared by the IR crate's tests.
#![allow(dead_code)]

use ir::*;

/// `def sum(n)`: a counting loop whose variables are block parameters.
///
/// ```text
/// bb0:              %t0 = arg 0; store $0, %t0; %t1 = const 0; jump bb1(%t1, %t1)
/// bb1(%t2, %t3):    %t4 = lt %t2, %t0; branch %t4, bb2, bb3
/// bb2:              %t5 = add %t3, %t2; %t6 = const 1; %t7 = add %t2, %t6; jump bb1(%t7, %t5)
/// bb3:              return %t3
/// ```
pub fn loop_fn() -> Function {
    let mut f = Function::new(FuncId(1), "Object#sum", FuncKind::Method, "sum.rb", 1);
    f.params.required = 1;
    let n_local = f.add_local("n");
    let mut b = Builder::new(&mut f);
    let n = b.value(InstKind::Arg(0));
    b.effect(InstKind::StoreLocal(n_local, n));
    b.line = 2;
    let zero = b.constant(Const::Int(0));
    let head = b.new_block();
    let body = b.new_block();
    let exit = b.new_block();
    b.jump(head, &[zero, zero]);
    b.switch_to(head);
    let i = b.block_param(head);
    let s = b.block_param(head);
    b.line = 3;
    let cond = b.value(InstKind::Binary(BinOp::Lt, i, n));
    b.branch(cond, body, exit);
    b.switch_to(body);
    b.line = 4;
    let s2 = b.value(InstKind::Binary(BinOp::Add, s, i));
    b.line = 5;
    let one = b.constant(Const::Int(1));
    let i2 = b.value(InstKind::Binary(BinOp::Add, i, one));
    b.jump(head, &[i2, s2]);
    b.switch_to(exit);
    b.line = 7;
    b.effect(InstKind::Return(s));
    f
}

/// `def risky(x) = begin; foo(x); rescue; x; end`: a protected block and its handler.
///
/// ```text
/// bb0:                  %t0 = arg 0; store $0, %t0; jump bb1
/// bb1: handler bb2      %t1 = load $0; %t2 = call foo(%t1); jump bb3(%t2)
/// bb2:                  %t3 = catch_unwind; %t4 = unwind_matches %t3, []; branch %t4, bb4, bb5
/// bb3(%t5):             return %t5
/// bb4:                  jump bb3(%t0)
/// bb5:                  resume_unwind %t3
/// ```
pub fn handler_fn() -> Function {
    let mut f = Function::new(FuncId(2), "Object#risky", FuncKind::Method, "risky.rb", 10);
    f.params.required = 1;
    let x_local = f.add_local("x");
    let protected = f.new_block();
    let handler = f.new_block();
    let join = f.new_block();
    let rescue = f.new_block();
    let reraise = f.new_block();
    f.block_mut(protected).handler = Some(handler);
    let mut b = Builder::new(&mut f);
    let x = b.value(InstKind::Arg(0));
    b.effect(InstKind::StoreLocal(x_local, x));
    b.jump(protected, &[]);
    b.switch_to(protected);
    b.line = 11;
    let xv = b.value(InstKind::LoadLocal(x_local));
    let r = b.value(InstKind::Call(Box::new(CallInfo {
        recv: None,
        name: "foo".into(),
        args: vec![xv],
        block: None,
        vcall: false,
        fcall: false,
    })));
    b.jump(join, &[r]);
    b.switch_to(handler);
    b.line = 12;
    let u = b.value(InstKind::CatchUnwind);
    let m = b.value(InstKind::UnwindMatches {
        unwind: u,
        classes: vec![],
    });
    b.branch(m, rescue, reraise);
    b.switch_to(join);
    let result = b.block_param(join);
    b.line = 14;
    b.effect(InstKind::Return(result));
    b.switch_to(rescue);
    b.line = 13;
    b.jump(join, &[x]);
    b.switch_to(reraise);
    b.line = 12;
    b.effect(InstKind::Resume(u));
    f
}

/// The display strings of a verifier result (empty when it passed).
pub fn error_strings(r: Result<(), Vec<ir::verify::VerifyError>>) -> Vec<String> {
    match r {
        Ok(()) => Vec::new(),
        Err(es) => es.iter().map(|e| e.to_string()).collect(),
    }
}

/// A speculative function holding one instruction of every kind, every constant and a
/// deleted-temp table: for printing and RON round trips (it does not verify).
pub fn kitchen_sink() -> Function {
    let mut f = Function::new(FuncId(3), "Foo#bar", FuncKind::Method, "file.rb", 3);
    f.phase = Phase::Speculative;
    f.params = Params {
        required: 1,
        optional: 1,
        auto_splat: false,
    };
    f.add_local("x");
    f.add_local("y");
    f.scope = vec!["sum".into()];
    f.lexical_path = vec!["Foo".into()];
    let t = |i: u32| TempId(i);
    let cases: Vec<(Option<u32>, InstKind)> = vec![
        (Some(0), InstKind::Const(Const::Nil)),
        (Some(1), InstKind::Const(Const::True)),
        (Some(2), InstKind::Const(Const::False)),
        (Some(3), InstKind::Const(Const::Int(-42))),
        (
            Some(4),
            InstKind::Const(Const::BigInt("123456789012345678901234567890".into())),
        ),
        (Some(5), InstKind::Const(Const::Float(1.5))),
        (
            Some(6),
            InstKind::Const(Const::Str("a \"q\"\n\u{e9}".into())),
        ),
        (Some(7), InstKind::Const(Const::Sym("foo?".into()))),
        (Some(8), InstKind::Const(Const::Sym("two words".into()))),
        (Some(9), InstKind::Copy(t(3))),
        (Some(10), InstKind::SelfRef),
        (Some(11), InstKind::Arg(1)),
        (Some(12), InstKind::ArgGiven(2)),
        (Some(13), InstKind::LoadLocal(LocalId(1))),
        (None, InstKind::StoreLocal(LocalId(0), t(13))),
        (Some(14), InstKind::ScopeNew),
        (Some(15), InstKind::ScopeOuter(1)),
        (
            Some(16),
            InstKind::ScopeLoad {
                scope: t(14),
                slot: 0,
            },
        ),
        (
            None,
            InstKind::ScopeStore {
                scope: t(14),
                slot: 0,
                value: t(16),
            },
        ),
        (
            Some(17),
            InstKind::IvarGet {
                obj: t(0),
                name: "@a".into(),
            },
        ),
        (
            None,
            InstKind::IvarSet {
                obj: t(0),
                name: "@a".into(),
                value: t(17),
            },
        ),
        (Some(18), InstKind::ConstGet("Bar".into())),
        (Some(19), InstKind::ConstGetFrom(t(18), "Baz".into())),
        (None, InstKind::ConstSet("Q".into(), t(19))),
        (Some(20), InstKind::Binary(BinOp::Shl, t(3), t(3))),
        (Some(21), InstKind::Unary(UnOp::Neg, t(3))),
        (Some(22), InstKind::Truthy(t(21))),
        (Some(23), InstKind::NewArray(vec![t(3), t(5)])),
        (Some(24), InstKind::Interp(vec![t(6), t(3)])),
        (Some(25), InstKind::ToArray(t(23))),
        (Some(26), InstKind::ArrayAt(t(25), 1)),
        (
            Some(27),
            InstKind::MakeBlock {
                func: FuncId(4),
                scope: Some(t(14)),
            },
        ),
        (
            Some(28),
            InstKind::Call(Box::new(CallInfo {
                recv: Some(t(23)),
                name: "each".into(),
                args: vec![t(3), t(5)],
                block: Some(t(27)),
                vcall: false,
                fcall: false,
            })),
        ),
        (
            None,
            InstKind::Call(Box::new(CallInfo {
                recv: None,
                name: "puts".into(),
                args: vec![],
                block: None,
                vcall: true,
                fcall: false,
            })),
        ),
        (
            Some(29),
            InstKind::Super(Box::new(SuperInfo {
                args: Some(vec![t(3)]),
                block: None,
            })),
        ),
        (
            Some(30),
            InstKind::Super(Box::new(SuperInfo {
                args: None,
                block: Some(t(27)),
            })),
        ),
        (Some(31), InstKind::Yield(vec![t(3)])),
        (Some(32), InstKind::BlockGiven),
        (
            None,
            InstKind::DefMethod {
                name: "baz".into(),
                func: FuncId(5),
                singleton: true,
            },
        ),
        (
            Some(33),
            InstKind::DefClass {
                name: "K".into(),
                superclass: Some(t(18)),
                body: FuncId(6),
            },
        ),
        (
            None,
            InstKind::Alias {
                new: "n".into(),
                old: "o".into(),
            },
        ),
        (
            None,
            InstKind::Guard {
                check: GuardCheck::IsFixnum(t(3)),
                resume: Box::new(ResumePoint {
                    ipc: Ipc(7),
                    reason: DeoptReason::TypeGuard,
                    inline_chain: vec![
                        InlineFrame {
                            callee: FuncId(2),
                            call_site: Ipc(4),
                        },
                        InlineFrame {
                            callee: FuncId(5),
                            call_site: Ipc(1),
                        },
                    ],
                    frames: vec![],
                }),
            },
        ),
        (
            None,
            InstKind::Guard {
                check: GuardCheck::Class(t(23), ClassId(9)),
                resume: Box::new(ResumePoint {
                    ipc: Ipc(8),
                    reason: DeoptReason::ClassGuard,
                    inline_chain: vec![],
                    frames: vec![],
                }),
            },
        ),
        (
            None,
            InstKind::Guard {
                check: GuardCheck::Method {
                    recv: t(23),
                    class: ClassId(9),
                    name: "m".into(),
                    func: FuncId(4),
                },
                resume: Box::new(ResumePoint {
                    ipc: Ipc(9),
                    reason: DeoptReason::MethodRedefined,
                    inline_chain: vec![],
                    frames: vec![],
                }),
            },
        ),
        (
            None,
            InstKind::Branch {
                cond: t(22),
                then_: BlockCall::with_args(BlockId(2), &[t(3)]),
                else_: BlockCall::new(BlockId(3)),
            },
        ),
    ];
    let entry = f.entry;
    for (i, (dst, kind)) in cases.into_iter().enumerate() {
        let line = 3 + (i as u32) / 10;
        f.block_mut(entry).insts.push(Inst {
            ipc: Ipc(i as u32),
            dst: dst.map(TempId),
            kind,
            line,
            inlined: 0,
        });
    }
    f.next_ipc = 100;
    let handler = f.new_block();
    let with_param = f.new_block();
    let other = f.new_block();
    let dead = f.new_block();
    f.block_mut(entry).handler = Some(handler);
    let push = |f: &mut Function, b: BlockId, dst: Option<u32>, kind: InstKind| {
        let ipc = f.new_ipc();
        f.block_mut(b).insts.push(Inst {
            ipc,
            dst: dst.map(TempId),
            kind,
            line: 20,
            inlined: 0,
        });
    };
    push(&mut f, handler, Some(34), InstKind::CatchUnwind);
    push(
        &mut f,
        handler,
        Some(35),
        InstKind::UnwindMatches {
            unwind: t(34),
            classes: vec![t(18)],
        },
    );
    push(&mut f, handler, Some(36), InstKind::UnwindException(t(34)));
    push(&mut f, handler, None, InstKind::Resume(t(34)));
    f.block_mut(with_param).params = vec![t(37)];
    push(&mut f, with_param, None, InstKind::BlockBreak(t(37)));
    push(&mut f, other, None, InstKind::NonLocalReturn(t(3)));
    push(&mut f, dead, None, InstKind::Return(t(3)));
    push(&mut f, dead, None, InstKind::Unreachable);
    f.next_temp = 40;
    f.deleted.entries = vec![
        (t(38), Rebuild::BoxInt(t(3))),
        (t(39), Rebuild::BoxFloat(t(5))),
        (t(40), Rebuild::Temp(t(3))),
        (t(41), Rebuild::Const(Const::Float(-0.0))),
    ];
    f
}
