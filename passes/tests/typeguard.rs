//! Golden tests of `typeguard` (type speculation on arithmetic and comparisons), on IR0
//! compiled from Ruby, with hand-built operand profiles. Every output must pass
//! `verify_version_with`.

mod common;

use common::{binary_ipc, check_speculative, compile_ir0, operands_site, version_of, ModuleOracle};
use ir::profile::{Profile, TypeSet};
use ir::{BinOp, DeoptReason, FrameValue, Function, GuardCheck, InstKind, Ipc, LocalId, TempId};
use passes::speculative::typeguard::TypeGuard;

const ARITH: &str = "\
def arith(a, b, c, d, s)
  x = a + b
  y = a + 1
  f = c * d
  g = c + 1.5
  m = a + s
  q = b - a
  h = c / d
  n = a < c
  [x, y, f, g, m, q, h, n]
end
";

/// The guards placed right before the `Binary` at `ipc`, as (check, resume `Ipc`, reason),
/// and that instruction's operands.
fn guards_before(
    v: &Function,
    ipc: Ipc,
) -> (Vec<(GuardCheck, Ipc, DeoptReason)>, (TempId, TempId)) {
    for b in &v.blocks {
        let Some(at) = b
            .insts
            .iter()
            .position(|i| i.ipc == ipc && matches!(i.kind, InstKind::Binary(..)))
        else {
            continue;
        };
        let InstKind::Binary(_, l, r) = b.insts[at].kind else {
            unreachable!()
        };
        let mut guards = Vec::new();
        for i in b.insts[..at].iter().rev() {
            let InstKind::Guard { check, resume } = &i.kind else {
                break;
            };
            assert_eq!(
                i.ipc, ipc,
                "a guard before {ipc} serves another instruction"
            );
            guards.push((check.clone(), resume.ipc, resume.reason));
        }
        guards.reverse();
        return (guards, (l, r));
    }
    panic!("no binary at {ipc}\n{v}");
}

#[test]
fn guards_follow_the_operand_profiles() {
    let mut o = ModuleOracle::new(compile_ir0(ARITH));
    let ir0 = o.func("Object#arith").clone();
    let (fix, flo, str_) = (TypeSet::FIXNUM, TypeSet::FLOAT, TypeSet::STRING);
    let a_plus_b = binary_ipc(&ir0, BinOp::Add, 0);
    let a_plus_1 = binary_ipc(&ir0, BinOp::Add, 1);
    let c_times_d = binary_ipc(&ir0, BinOp::Mul, 0);
    let c_plus_lit = binary_ipc(&ir0, BinOp::Add, 2);
    let a_plus_s = binary_ipc(&ir0, BinOp::Add, 3);
    let b_minus_a = binary_ipc(&ir0, BinOp::Sub, 0);
    let c_div_d = binary_ipc(&ir0, BinOp::Div, 0);
    let a_lt_c = binary_ipc(&ir0, BinOp::Lt, 0);
    let mut p = Profile::default();
    p.sites.insert(a_plus_b, operands_site(fix, fix));
    p.sites.insert(a_plus_1, operands_site(fix, fix));
    p.sites.insert(c_times_d, operands_site(flo, flo));
    p.sites.insert(c_plus_lit, operands_site(flo, flo));
    p.sites.insert(a_plus_s, operands_site(fix, str_));
    p.sites.insert(b_minus_a, operands_site(fix, fix));
    p.failed.insert(b_minus_a);
    p.sites.insert(c_div_d, operands_site(flo, flo));
    p.sites.insert(a_lt_c, operands_site(fix | flo, flo));
    o.profiles.insert(ir0.id, p.clone());

    let (v, changed) = check_speculative(
        "typeguard_operands",
        &TypeGuard,
        version_of(&ir0),
        Some(&p),
        &o,
    );
    assert!(changed);

    let fixnum = |t| (GuardCheck::IsFixnum(t), DeoptReason::TypeGuard);
    let float = |t| (GuardCheck::IsFloat(t), DeoptReason::TypeGuard);
    let expect = |ipc: Ipc, f: &dyn Fn(TempId, TempId) -> Vec<(GuardCheck, DeoptReason)>| {
        let (guards, (l, r)) = guards_before(&v, ipc);
        let want: Vec<_> = f(l, r)
            .into_iter()
            .map(|(c, reason)| (c, ipc, reason))
            .collect();
        assert_eq!(guards, want, "guards before {ipc}\n{v}");
    };
    // Integer/Integer: both operands; the Integer literal needs none.
    expect(a_plus_b, &|l, r| vec![fixnum(l), fixnum(r)]);
    expect(a_plus_1, &|l, _| vec![fixnum(l)]);
    // Float/Float: both operands; the Float literal needs none.
    expect(c_times_d, &|l, r| vec![float(l), float(r)]);
    expect(c_plus_lit, &|l, _| vec![float(l)]);
    // Mixed Integer/String: nothing to speculate on; a failed site is left alone.
    expect(a_plus_s, &|_, _| vec![]);
    expect(b_minus_a, &|_, _| vec![]);
    // Float division; a type set of two kinds gets nothing.
    expect(c_div_d, &|l, r| vec![float(l), float(r)]);
    expect(a_lt_c, &|_, _| vec![]);

    // Every guard rebuilds one frame: `arith` at the guarded instruction, with every local
    // in its slot and the live temps as themselves.
    let guards: Vec<_> = v
        .insts()
        .filter_map(|(_, i)| i.kind.resume_point())
        .collect();
    assert_eq!(guards.len(), 8);
    let locals: Vec<_> = (0..ir0.locals.len() as u32)
        .map(|l| (LocalId(l), FrameValue::Local(LocalId(l))))
        .collect();
    for r in guards {
        assert!(r.inline_chain.is_empty());
        assert_eq!(r.frames.len(), 1);
        assert_eq!((r.frames[0].func, r.frames[0].ipc), (ir0.id, r.ipc));
        assert_eq!(r.frames[0].locals, locals);
        assert!(r.frames[0]
            .temps
            .iter()
            .all(|(t, val)| *val == FrameValue::Temp(*t)));
    }
}

#[test]
fn nothing_profiled_nothing_guarded() {
    let o = ModuleOracle::new(compile_ir0(ARITH));
    let ir0 = o.func("Object#arith");
    let (_, changed) = check_speculative(
        "typeguard_no_profile",
        &TypeGuard,
        version_of(ir0),
        Some(&Profile::default()),
        &o,
    );
    assert!(!changed);
}
