//! Tests of `assumeguard` (invalidation points, invariant 8), of the pruning `dce` does
//! afterwards, and of `unbox` asking the oracle whether an operator is still the builtin.

mod common;

use common::{
    binary_ipc, check_speculative, compile_ir0, operands_site, run_spec, version_of, ModuleOracle,
};
use ir::profile::{Profile, TypeSet};
use ir::{Assumption, BinOp, CoreClass, DeoptReason, FuncId, Function, InstKind};
use passes::speculative::assumeguard::AssumeGuard;

const SRC: &str = "\
def hot(n)
  s = 0
  i = 0
  while i < n
    s += i * 3
    puts s if i == 7
    i += 1
  end
  \"#{s}\"
end
";

/// The profile of `hot`: every comparison and arithmetic saw fixnums.
fn profile(ir0: &Function) -> Profile {
    let fix = TypeSet::FIXNUM;
    let mut p = Profile::default();
    for (op, k) in [
        (BinOp::Lt, 0),
        (BinOp::Mul, 0),
        (BinOp::Add, 0),
        (BinOp::Add, 1),
        (BinOp::Eq, 0),
    ] {
        p.sites
            .insert(binary_ipc(ir0, op, k), operands_site(fix, fix));
    }
    p
}

/// Every instruction that may run Ruby code, and whether an invalidation point follows.
fn points(v: &Function) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for b in &v.blocks {
        for (i, inst) in b.insts.iter().enumerate() {
            if inst.kind.may_run_ruby() {
                let next = b
                    .insts
                    .get(i + 1)
                    .is_some_and(|n| n.kind.is_invalidation_point());
                out.push((inst.kind.to_string(), next));
            }
        }
    }
    out
}

#[test]
fn every_instruction_that_may_run_ruby_is_followed_by_an_invalidation_point() {
    let o = ModuleOracle::new(compile_ir0(SRC));
    let ir0 = o.func("Object#hot").clone();
    let (v, changed) = check_speculative(
        "assumeguard_calls",
        &AssumeGuard,
        version_of(&ir0),
        None,
        &o,
    );
    assert!(changed);
    let pts = points(&v);
    assert!(pts.len() >= 6, "{pts:?}");
    assert!(pts.iter().all(|(_, followed)| *followed), "{pts:?}\n{v}");
    // Each resumes at the IR0 instruction right after the one it follows.
    for b in &v.blocks {
        for (i, inst) in b.insts.iter().enumerate() {
            let InstKind::Guard { resume, .. } = &inst.kind else {
                continue;
            };
            assert!(inst.kind.is_invalidation_point());
            assert_eq!(resume.reason, DeoptReason::Invalidated);
            let prev = &b.insts[i - 1];
            let (ib, ii) = ir0.find_ipc(prev.ipc).unwrap();
            assert_eq!(resume.ipc, ir0.block(ib).insts[ii + 1].ipc, "{v}");
        }
    }
}

#[test]
fn the_pipeline_keeps_the_points_after_calls_only_while_it_needs_invalidation_points() {
    let mut o = ModuleOracle::new(compile_ir0(SRC));
    let ir0 = o.func("Object#hot").clone();
    let p = profile(&ir0);
    o.profiles.insert(ir0.id, p.clone());
    let spec = "typeguard,assumeguard,mem2reg,unbox,copyprop,guardelim,dce";
    let mut v = version_of(&ir0);
    run_spec(spec, &mut v, &p, &o);
    let assumed: Vec<String> = v.assumptions.iter().map(|a| a.to_string()).collect();
    assert!(assumed.contains(&"Integer#*".to_string()), "{assumed:?}");
    assert!(assumed.contains(&"Integer#<".to_string()), "{assumed:?}");
    // Arithmetic that was unboxed runs no Ruby code: its points are gone; the call to
    // `puts` and the interpolation keep theirs.
    let pts = points(&v);
    assert!(pts.iter().all(|(_, followed)| *followed), "{pts:?}\n{v}");
    assert!(pts.iter().any(|(k, _)| k.contains("puts")), "{pts:?}");
    let guards_left = v
        .insts()
        .filter(|(_, i)| i.kind.is_invalidation_point())
        .count();
    assert_eq!(guards_left, pts.len(), "{v}");

    // Without unbox nothing is assumed, and every point goes.
    let mut v = version_of(&ir0);
    run_spec("typeguard,assumeguard,mem2reg,dce", &mut v, &p, &o);
    assert!(v.assumptions.is_empty());
    assert_eq!(
        v.insts()
            .filter(|(_, i)| i.kind.is_invalidation_point())
            .count(),
        0,
        "{v}"
    );
}

/// An oracle whose program redefined `Integer#*`.
struct Redefined(ModuleOracle);

impl ir::pass::Oracle for Redefined {
    fn ir0(&self, func: FuncId) -> Option<&Function> {
        self.0.ir0(func)
    }
    fn resolve_method(&self, class: ir::ClassId, name: &str) -> Option<ir::pass::ResolvedMethod> {
        self.0.resolve_method(class, name)
    }
    fn profile(&self, func: FuncId) -> Option<Profile> {
        self.0.profile(func)
    }
    fn builtin_intact(&self, class: CoreClass, name: &str) -> bool {
        !(class == CoreClass::Integer && name == "*")
    }
}

#[test]
fn unbox_leaves_a_redefined_operator_generic() {
    let mut o = ModuleOracle::new(compile_ir0(SRC));
    let ir0 = o.func("Object#hot").clone();
    let p = profile(&ir0);
    o.profiles.insert(ir0.id, p.clone());
    let o = Redefined(o);
    let mut v = version_of(&ir0);
    run_spec("typeguard,assumeguard,mem2reg,unbox,dce", &mut v, &p, &o);
    let mul = v
        .insts()
        .filter(|(_, i)| matches!(i.kind, InstKind::Binary(BinOp::Mul, ..)))
        .count();
    assert_eq!(
        mul, 1,
        "`i * 3` stays a generic call of the redefined method\n{v}"
    );
    assert!(!v.assumptions.contains(&Assumption::Builtin {
        class: CoreClass::Integer,
        name: "*".into()
    }));
    assert!(v.assumptions.contains(&Assumption::Builtin {
        class: CoreClass::Integer,
        name: "<".into()
    }));
}
