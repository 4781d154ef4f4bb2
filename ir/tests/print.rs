//! The text form: whole functions against golden text, and the pieces on their own.

mod common;

use ir::print::function_to_string;
use ir::*;

#[test]
fn prints_a_loop_with_block_params() {
    let expected = "\
fn1 Object#sum (method, ir0) sum.rb:1 params(req=1, opt=0) locals[$0 n] temps=8 ipcs=11
bb0:
  @0 %t0 = arg 0                          ; line 1
  @1 store $0, %t0
  @2 %t1 = const 0                        ; line 2
  @3 jump bb1(%t1, %t1)
bb1(%t2, %t3):
  @4 %t4 = lt %t2, %t0                    ; line 3
  @5 branch %t4, bb2, bb3
bb2:
  @6 %t5 = add %t3, %t2                   ; line 4
  @7 %t6 = const 1                        ; line 5
  @8 %t7 = add %t2, %t6
  @9 jump bb1(%t7, %t5)
bb3:
  @10 return %t3                          ; line 7
";
    let f = common::loop_fn();
    assert_eq!(function_to_string(&f), expected);
    assert_eq!(f.to_string(), expected);
}

#[test]
fn prints_a_handler() {
    let expected = "\
fn2 Object#risky (method, ir0) risky.rb:10 params(req=1, opt=0) locals[$0 x] temps=6 ipcs=12
bb0:
  @0 %t0 = arg 0                          ; line 10
  @1 store $0, %t0
  @2 jump bb1
bb1: handler bb2
  @3 %t1 = load $0                        ; line 11
  @4 %t2 = call foo(%t1)
  @5 jump bb3(%t2)
bb2:
  @6 %t3 = catch_unwind                   ; line 12
  @7 %t4 = unwind_matches %t3, []
  @8 branch %t4, bb4, bb5
bb3(%t5):
  @9 return %t5                           ; line 14
bb4:
  @10 jump bb3(%t0)                       ; line 13
bb5:
  @11 resume_unwind %t3                   ; line 12
";
    assert_eq!(function_to_string(&common::handler_fn()), expected);
}

#[test]
fn prints_every_instruction_kind() {
    let expected = "\
fn3 Foo#bar (method, speculative) file.rb:3 params(req=1, opt=1) locals[$0 x, $1 y] scope[sum] lexical[Foo] temps=40 ipcs=108
bb0: handler bb1
  @0 %t0 = const nil                      ; line 3
  @1 %t1 = const true
  @2 %t2 = const false
  @3 %t3 = const -42
  @4 %t4 = const bigint 123456789012345678901234567890
  @5 %t5 = const 1.5
  @6 %t6 = const \"a \\\"q\\\"\\né\"
  @7 %t7 = const :foo?
  @8 %t8 = const :\"two words\"
  @9 %t9 = copy %t3
  @10 %t10 = self                         ; line 4
  @11 %t11 = arg 1
  @12 %t12 = arg_given 2
  @13 %t13 = load $1
  @14 store $0, %t13
  @15 %t14 = scope_new
  @16 %t15 = scope_outer 1
  @17 %t16 = scope_load %t14[0]
  @18 scope_store %t14[0], %t16
  @19 %t17 = ivar_get %t0.@a
  @20 ivar_set %t0.@a, %t17               ; line 5
  @21 %t18 = const_get Bar
  @22 %t19 = const_get %t18::Baz
  @23 const_set Q, %t19
  @24 %t20 = shl %t3, %t3
  @25 %t21 = neg %t3
  @26 %t22 = truthy %t21
  @27 %t23 = array [%t3, %t5]
  @28 %t24 = interp [%t6, %t3]
  @29 %t25 = to_array %t23
  @30 %t26 = array_at %t25[1]             ; line 6
  @31 %t27 = make_block fn4, scope %t14
  @32 %t28 = call %t23.each(%t3, %t5) &%t27
  @33 call puts
  @34 %t29 = super(%t3)
  @35 %t30 = zsuper &%t27
  @36 %t31 = yield(%t3)
  @37 %t32 = block_given
  @38 def_method self.baz = fn5
  @39 %t33 = def_class K < %t18, body fn6
  @40 alias n o                           ; line 7
  @41 guard is_fixnum %t3 -> resume @7 (type_guard) [fn2@4 > fn5@1]
  @42 guard class %t23 == class9 -> resume @8 (class_guard)
  @43 guard method %t23: class9#m is fn4 -> resume @9 (method_redefined)
  @44 branch %t22, bb2(%t3), bb3
bb1:
  @100 %t34 = catch_unwind                ; line 20
  @101 %t35 = unwind_matches %t34, [%t18]
  @102 %t36 = unwind_exception %t34
  @103 resume_unwind %t34
bb2(%t37):
  @104 break %t37
bb3:
  @105 nonlocal_return %t3
bb4:
  @106 return %t3
  @107 unreachable
deleted: %t38 = box_int %t3
deleted: %t39 = box_float %t5
deleted: %t40 = copy %t3
deleted: %t41 = const -0.0
";
    assert_eq!(function_to_string(&common::kitchen_sink()), expected);
}

#[test]
fn header_shows_non_default_entry_and_block_kind() {
    let mut f = Function::new(
        FuncId(7),
        "block in Foo#bar",
        FuncKind::Block { parent: FuncId(3) },
        "f.rb",
        9,
    );
    f.params.auto_splat = true;
    f.entry = BlockId(0);
    let header = f.to_string();
    assert_eq!(
        header.lines().next().unwrap(),
        "fn7 block in Foo#bar (block of fn3, ir0) f.rb:9 params(req=0, opt=0, auto_splat) locals[] temps=0 ipcs=0"
    );
    f.new_block();
    f.entry = BlockId(1);
    assert!(f
        .to_string()
        .lines()
        .next()
        .unwrap()
        .contains(" entry=bb1 "));
}

#[test]
fn long_instructions_keep_one_space_before_the_line_comment() {
    let mut f = Function::new(FuncId(0), "main", FuncKind::Script, "m.rb", 1);
    let args: Vec<TempId> = (0..12).map(TempId).collect();
    let mut b = Builder::new(&mut f);
    b.value(InstKind::Yield(args));
    let text = f.to_string();
    let row = text.lines().nth(2).unwrap();
    assert!(row.ends_with("%t10, %t11) ; line 1"), "{row}");
}

#[test]
fn prints_pieces() {
    let inst = Inst {
        ipc: Ipc(4),
        dst: Some(TempId(3)),
        kind: InstKind::Call(Box::new(CallInfo {
            recv: Some(TempId(2)),
            name: "foo".into(),
            args: vec![TempId(1)],
            block: Some(TempId(4)),
            vcall: false,
            fcall: false,
        })),
        line: 1,
        inlined: 0,
    };
    assert_eq!(inst.to_string(), "@4 %t3 = call %t2.foo(%t1) &%t4");
    assert_eq!(inst.kind.to_string(), "call %t2.foo(%t1) &%t4");
    assert_eq!(
        BlockCall::with_args(BlockId(1), &[TempId(2)]).to_string(),
        "bb1(%t2)"
    );
    assert_eq!(BlockCall::new(BlockId(2)).to_string(), "bb2");
    let resume = ResumePoint {
        ipc: Ipc(7),
        reason: DeoptReason::Overflow,
        inline_chain: vec![InlineFrame {
            callee: FuncId(2),
            call_site: Ipc(4),
        }],
        frames: vec![],
    };
    assert_eq!(resume.to_string(), "resume @7 (overflow) [fn2@4]");
    let guard = InstKind::Guard {
        check: GuardCheck::IsFixnum(TempId(9)),
        resume: Box::new(resume),
    };
    assert_eq!(
        guard.to_string(),
        "guard is_fixnum %t9 -> resume @7 (overflow) [fn2@4]"
    );
    let deleted = DeletedTemps {
        entries: vec![
            (TempId(7), Rebuild::BoxInt(TempId(9))),
            (TempId(8), Rebuild::Const(Const::Nil)),
        ],
    };
    assert_eq!(
        deleted.to_string(),
        "deleted: %t7 = box_int %t9\ndeleted: %t8 = const nil\n"
    );
}

#[test]
fn prints_constants() {
    let cases = [
        (Const::Float(f64::NAN), "NaN"),
        (Const::Float(f64::INFINITY), "Infinity"),
        (Const::Float(f64::NEG_INFINITY), "-Infinity"),
        (Const::Float(-0.0), "-0.0"),
        (Const::Float(2.0), "2.0"),
        (Const::Float(0.1), "0.1"),
        (Const::Int(i64::MIN), "-9223372036854775808"),
        (Const::Str("tab\t".into()), "\"tab\\t\""),
        (Const::Sym("+".into()), ":+"),
        (Const::Sym("[]=".into()), ":[]="),
        (Const::Sym("@iv".into()), ":@iv"),
        (Const::Sym("x=".into()), ":x="),
        (Const::Sym("".into()), ":\"\""),
    ];
    for (c, text) in cases {
        assert_eq!(c.to_string(), text, "{c:?}");
    }
}

#[test]
fn prints_a_module() {
    let m = Module {
        functions: vec![common::loop_fn(), common::handler_fn()],
        first: 0,
    };
    let text = ir::print::module_to_string(&m);
    let expected = format!("{}\n{}", common::loop_fn(), common::handler_fn());
    assert_eq!(text, expected);
    assert!(text.contains("  @10 return %t3                          ; line 7\n\nfn2 Object#risky"));
}
