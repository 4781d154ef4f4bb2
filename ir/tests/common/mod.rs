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

/// An instruction of the version's own function (not inlined).
pub fn inst(ipc: u32, dst: Option<u32>, kind: InstKind) -> Inst {
    Inst {
        ipc: Ipc(ipc),
        dst: dst.map(TempId),
        kind,
        line: 1,
        inlined: 0,
    }
}

/// The same, from inline context `site` (its `ipc` is the callee's).
pub fn inlined(site: u32, ipc: u32, dst: Option<u32>, kind: InstKind) -> Inst {
    Inst {
        inlined: site,
        ..inst(ipc, dst, kind)
    }
}

/// The state of a method frame (no block, no captured scope) at `ipc`: its IR0 locals and
/// temps, and where the version keeps them.
pub fn frame(
    func: u32,
    ipc: u32,
    self_val: FrameValue,
    locals: &[(u32, FrameValue)],
    temps: &[(u32, FrameValue)],
) -> FrameState {
    FrameState {
        func: FuncId(func),
        ipc: Ipc(ipc),
        self_val,
        block: FrameValue::Nil,
        outer_scope: FrameValue::Nil,
        home: 0,
        block_obj: FrameValue::Nil,
        argc: ir::FrameArgc::Known(1),
        cref: None,
        locals: locals
            .iter()
            .map(|(l, v)| (LocalId(*l), v.clone()))
            .collect(),
        temps: temps.iter().map(|(t, v)| (TempId(*t), v.clone())).collect(),
    }
}

/// A resume point with its frame states.
pub fn resume(
    ipc: u32,
    reason: DeoptReason,
    inline_chain: &[(u32, u32)],
    frames: Vec<FrameState>,
) -> Box<ResumePoint> {
    Box::new(ResumePoint {
        ipc: Ipc(ipc),
        reason,
        inline_chain: inline_chain
            .iter()
            .map(|(callee, site)| InlineFrame {
                callee: FuncId(*callee),
                call_site: Ipc(*site),
            })
            .collect(),
        frames,
    })
}

/// Method `callee` inlined at `call_site` of inline context `parent`, with no maps.
pub fn inline_site(callee: u32, parent: u32, call_site: u32) -> InlineSite {
    InlineSite {
        callee: FuncId(callee),
        parent,
        call_site: Ipc(call_site),
        temps: Default::default(),
        locals: Default::default(),
        self_val: FrameValue::Nil,
        block: FrameValue::Nil,
        outer_scope: FrameValue::Nil,
        block_obj: FrameValue::Nil,
        home: 0,
        argc: 1,
        cref: None,
    }
}

/// A speculative version of `loop_fn` whose counter is an unboxed i64 block parameter.
/// Both resume points carry a full frame state (`self` is left `nil`: `sum` never reads
/// it); IR0's `%t2` (the boxed counter) and `%t6` (`const 1`) are deleted and rebuilt for
/// the overflow check.
///
/// ```text
/// bb0:                 %t0 = arg 0; store $0, %t0
///                      guard is_fixnum %t0 -> resume @2 frames fn1@2 {$0=$0, %t0=%t0}
///                      %t8:i64 = unbox_int %t0; %t9:i64 = i64 0; %t1 = const 0
///                      jump bb1(%t9, %t1)
/// bb1(%t10:i64, %t3):  %t4 = ilt %t10, %t8; branch %t4, bb2, bb3
/// bb2:                 %t11 = box_int %t10; %t5 = add %t3, %t11; %t13:i64 = i64 1
///                      %t12:i64 = iadd %t10, %t13 -> resume @8 (overflow)
///                          frames fn1@8 {$0=$0, %t0=%t0, %t2=%t2, %t5=%t5, %t6=%t6}
///                      jump bb1(%t12, %t5)
/// bb3:                 return %t3
/// deleted:             %t2 = box_int %t10, %t6 = const 1, %t7 = box_int %t12
/// ```
pub fn unboxed_loop() -> Function {
    let mut f = loop_fn();
    f.phase = Phase::Speculative;
    let t = TempId;
    let n = || (0, FrameValue::Local(LocalId(0)));
    let temp = |i: u32| (i, FrameValue::Temp(TempId(i)));
    let entry_guard = InstKind::Guard {
        check: GuardCheck::IsFixnum(t(0)),
        resume: resume(
            2,
            DeoptReason::TypeGuard,
            &[],
            vec![frame(1, 2, FrameValue::Nil, &[n()], &[temp(0)])],
        ),
    };
    let overflow = InstKind::IntOp {
        op: IntArith::Add,
        a: t(10),
        b: t(13),
        resume: resume(
            8,
            DeoptReason::Overflow,
            &[],
            vec![frame(
                1,
                8,
                FrameValue::Nil,
                &[n()],
                &[temp(0), temp(2), temp(5), temp(6)],
            )],
        ),
    };
    f.blocks[0].insts = vec![
        inst(0, Some(0), InstKind::Arg(0)),
        inst(1, None, InstKind::StoreLocal(LocalId(0), t(0))),
        inst(4, None, entry_guard),
        inst(4, Some(8), InstKind::UnboxInt(t(0))),
        inst(2, Some(9), InstKind::ConstI64(0)),
        inst(2, Some(1), InstKind::Const(Const::Int(0))),
        inst(
            3,
            None,
            InstKind::Jump(BlockCall::with_args(BlockId(1), &[t(9), t(1)])),
        ),
    ];
    f.blocks[1].params = vec![t(10), t(3)];
    f.blocks[1].insts[0] = inst(
        4,
        Some(4),
        InstKind::IntCmp {
            op: CmpOp::Lt,
            a: t(10),
            b: t(8),
        },
    );
    f.blocks[2].insts = vec![
        inst(6, Some(11), InstKind::BoxInt(t(10))),
        inst(6, Some(5), InstKind::Binary(BinOp::Add, t(3), t(11))),
        inst(7, Some(13), InstKind::ConstI64(1)),
        inst(8, Some(12), overflow),
        inst(
            9,
            None,
            InstKind::Jump(BlockCall::with_args(BlockId(1), &[t(12), t(5)])),
        ),
    ];
    f.next_temp = 14;
    f.deleted.entries = vec![
        (t(2), Rebuild::BoxInt(t(10))),
        (t(6), Rebuild::Const(Const::Int(1))),
        (t(7), Rebuild::BoxInt(t(12))),
    ];
    for i in [8, 9, 10, 12, 13] {
        f.unboxed.insert(t(i), NumKind::I64);
    }
    f
}

/// `def inc(x) = x + 1`, the IR0 of `fn5 Foo#inc`.
///
/// ```text
/// bb0:  %t0 = arg 0; store $0, %t0; %t1 = load $0; %t2 = const 1; %t3 = add %t1, %t2
///       return %t3
/// ```
pub fn inc_ir0() -> Function {
    let mut f = Function::new(FuncId(5), "Foo#inc", FuncKind::Method, "foo.rb", 5);
    f.params.required = 1;
    let x = f.add_local("x");
    let mut b = Builder::new(&mut f);
    let a = b.value(InstKind::Arg(0));
    b.effect(InstKind::StoreLocal(x, a));
    let xv = b.value(InstKind::LoadLocal(x));
    let one = b.constant(Const::Int(1));
    let r = b.value(InstKind::Binary(BinOp::Add, xv, one));
    b.effect(InstKind::Return(r));
    f
}

/// `def bar(n) = n + inc(n)`, the IR0 of `fn3 Foo#bar`.
///
/// ```text
/// bb0:  %t0 = arg 0; store $0, %t0; %t1 = load $0; %t2 = load $0; %t3 = call inc(%t2)
///       %t4 = add %t1, %t3; return %t4
/// ```
pub fn bar_ir0() -> Function {
    let mut f = Function::new(FuncId(3), "Foo#bar", FuncKind::Method, "foo.rb", 1);
    f.params.required = 1;
    let n = f.add_local("n");
    let mut b = Builder::new(&mut f);
    let a = b.value(InstKind::Arg(0));
    b.effect(InstKind::StoreLocal(n, a));
    let n1 = b.value(InstKind::LoadLocal(n));
    let n2 = b.value(InstKind::LoadLocal(n));
    let r = b.value(InstKind::Call(Box::new(CallInfo {
        recv: None,
        name: "inc".into(),
        args: vec![n2],
        block: None,
        vcall: false,
        fcall: true,
    })));
    let s = b.value(InstKind::Binary(BinOp::Add, n1, r));
    b.effect(InstKind::Return(s));
    f
}

/// A speculative version of `bar_ir0` with `inc` inlined at `@4` (inline site 1, its
/// local `x` in `$1`): a method guard before the inlined body, and a type guard inside it
/// whose frames rebuild both `bar` (continuing at the call) and `inc`.
///
/// ```text
/// bb0:      %t0 = arg 0; store $0, %t0; %t1 = load $0; %t2 = load $0; %t5 = self
///           guard method %t5: class1#inc is fn5 -> resume @4
///               frames fn3@4 {self %t5, $0=$0, %t1=%t1, %t2=%t2}
///   [1]     store $1, %t2; %t6 = load $1; %t7 = const 1
///   [1]     guard is_fixnum %t6 -> resume @4 [fn5@4]
///               frames fn3@4 {self %t5, $0=$0, %t1=%t1} > fn5@4 {self %t5, $0=$1, %t1=%t6, %t2=%t7}
///   [1]     %t8 = add %t6, %t7
///           %t4 = add %t1, %t8; return %t4
/// deleted:  %t3 = copy %t8
/// ```
pub fn bar_inlined() -> Function {
    let mut f = bar_ir0();
    f.phase = Phase::Speculative;
    f.add_local("x");
    let t = TempId;
    let temp = |i: u32| (i, FrameValue::Temp(TempId(i)));
    let local = |ir0: u32, v: u32| (ir0, FrameValue::Local(LocalId(v)));
    let me = || FrameValue::Temp(TempId(5));
    let method_guard = InstKind::Guard {
        check: GuardCheck::Method {
            recv: t(5),
            class: ClassId(1),
            name: "inc".into(),
            func: FuncId(5),
        },
        resume: resume(
            4,
            DeoptReason::MethodRedefined,
            &[],
            vec![frame(3, 4, me(), &[local(0, 0)], &[temp(1), temp(2)])],
        ),
    };
    let type_guard = InstKind::Guard {
        check: GuardCheck::IsFixnum(t(6)),
        resume: resume(
            4,
            DeoptReason::TypeGuard,
            &[(5, 4)],
            vec![
                frame(3, 4, me(), &[local(0, 0)], &[temp(1)]),
                frame(
                    5,
                    4,
                    me(),
                    &[local(0, 1)],
                    &[(1, FrameValue::Temp(t(6))), (2, FrameValue::Temp(t(7)))],
                ),
            ],
        ),
    };
    f.blocks[0].insts = vec![
        inst(0, Some(0), InstKind::Arg(0)),
        inst(1, None, InstKind::StoreLocal(LocalId(0), t(0))),
        inst(2, Some(1), InstKind::LoadLocal(LocalId(0))),
        inst(3, Some(2), InstKind::LoadLocal(LocalId(0))),
        inst(4, Some(5), InstKind::SelfRef),
        inst(4, None, method_guard),
        inlined(1, 1, None, InstKind::StoreLocal(LocalId(1), t(2))),
        inlined(1, 2, Some(6), InstKind::LoadLocal(LocalId(1))),
        inlined(1, 3, Some(7), InstKind::Const(Const::Int(1))),
        inlined(1, 4, None, type_guard),
        inlined(1, 4, Some(8), InstKind::Binary(BinOp::Add, t(6), t(7))),
        inst(5, Some(4), InstKind::Binary(BinOp::Add, t(1), t(8))),
        inst(6, None, InstKind::Return(t(4))),
    ];
    let mut site = inline_site(5, 0, 4);
    site.temps = [(0, 2), (1, 6), (2, 7), (3, 8)]
        .into_iter()
        .map(|(a, b)| (t(a), t(b)))
        .collect();
    site.locals = [(LocalId(0), LocalId(1))].into_iter().collect();
    site.self_val = me();
    f.inline_sites = vec![site];
    f.deleted.entries = vec![(t(3), Rebuild::Temp(t(8)))];
    f.next_temp = 9;
    f
}
