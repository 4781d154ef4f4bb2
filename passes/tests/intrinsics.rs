//! Golden tests of `intrinsics` (`Array#[]` read inline behind a class guard and a fixnum
//! guard), on IR0 compiled from Ruby, with hand-built profiles. Every output must pass
//! `verify_version_with`.

mod common;

use common::{
    call_ipc, call_site, check_speculative, compile_ir0, invalidation_points, version_of,
    ModuleOracle,
};
use ir::profile::Profile;
use ir::{Assumption, ClassId, CoreClass, DeoptReason, GuardCheck, InstKind};
use passes::speculative::intrinsics::Intrinsics;

const PICK: &str = "\
def pick(rows, r, c)
  rows[r][c]
end
";

const ARRAY: ClassId = ClassId(3);

fn oracle() -> ModuleOracle {
    let mut o = ModuleOracle::new(compile_ir0(PICK));
    o.core.insert(CoreClass::Array, ARRAY);
    o
}

/// The profile of `pick`: the outer `[]` saw Arrays, the inner one `inner`.
fn profile(o: &ModuleOracle, inner: ClassId) -> Profile {
    let f = o.func("Object#pick");
    let mut p = Profile::default();
    p.sites
        .insert(call_ipc(f, "[]", 0), call_site(&[(ARRAY, "Array", 50)]));
    p.sites
        .insert(call_ipc(f, "[]", 1), call_site(&[(inner, "Row", 50)]));
    p
}

#[test]
fn array_index_calls_become_guarded_array_gets() {
    let o = oracle();
    let ir0 = o.func("Object#pick").clone();
    let p = profile(&o, ARRAY);
    let (v, changed) = check_speculative(
        "intrinsics_pick",
        &Intrinsics,
        invalidation_points(version_of(&ir0)),
        Some(&p),
        &o,
    );
    assert!(changed);
    let mut gets = 0;
    for b in &v.blocks {
        for (k, i) in b.insts.iter().enumerate() {
            let InstKind::ArrayGet { array, index } = i.kind else {
                assert!(
                    !matches!(&i.kind, InstKind::Call(c) if c.name == "[]"),
                    "{v}"
                );
                continue;
            };
            gets += 1;
            // Right before: the class guard on the array and the fixnum guard on the
            // index, both resuming at the call they replace.
            let checks: Vec<(GuardCheck, DeoptReason)> = b.insts[k - 2..k]
                .iter()
                .map(|g| match &g.kind {
                    InstKind::Guard { check, resume } => {
                        assert_eq!(resume.ipc, i.ipc);
                        (check.clone(), resume.reason)
                    }
                    other => panic!("{other} before {}", i.kind),
                })
                .collect();
            assert_eq!(
                checks,
                [
                    (GuardCheck::Class(array, ARRAY), DeoptReason::ClassGuard),
                    (GuardCheck::IsFixnum(index), DeoptReason::TypeGuard)
                ]
            );
        }
    }
    assert_eq!(gets, 2);
    assert_eq!(
        v.assumptions,
        [Assumption::Builtin {
            class: CoreClass::Array,
            name: "[]".into()
        }]
    );
}

#[test]
fn only_arrays_of_a_core_array_index_are_read_inline() {
    // The inner `[]` saw another class: it stays a call.
    let o = oracle();
    let ir0 = o.func("Object#pick").clone();
    let p = profile(&o, ClassId(40));
    let mut v = invalidation_points(version_of(&ir0));
    let cx = ir::pass::PassContext {
        profile: Some(&p),
        oracle: &o,
    };
    use ir::pass::Pass;
    assert!(Intrinsics.run(&mut v, &cx).unwrap());
    let calls = v
        .insts()
        .filter(|(_, i)| matches!(&i.kind, InstKind::Call(c) if c.name == "[]"))
        .count();
    assert_eq!(calls, 1, "{v}");

    // Array#[] redefined: nothing is read inline.
    let mut o = oracle();
    o.redefined.push((CoreClass::Array, "[]".into()));
    let p = profile(&o, ARRAY);
    let mut v = invalidation_points(version_of(&ir0));
    let cx = ir::pass::PassContext {
        profile: Some(&p),
        oracle: &o,
    };
    assert!(!Intrinsics.run(&mut v, &cx).unwrap());
    assert!(v.assumptions.is_empty());
}

#[test]
fn array_stores_become_guarded_array_sets() {
    let mut o = ModuleOracle::new(compile_ir0("def put(row, c, v)\n  row[c] = v\nend\n"));
    o.core.insert(CoreClass::Array, ARRAY);
    let ir0 = o.func("Object#put").clone();
    let mut p = Profile::default();
    p.sites
        .insert(call_ipc(&ir0, "[]=", 0), call_site(&[(ARRAY, "Array", 50)]));
    let (v, changed) = check_speculative(
        "intrinsics_put",
        &Intrinsics,
        invalidation_points(version_of(&ir0)),
        Some(&p),
        &o,
    );
    assert!(changed);
    let sets: Vec<_> = v
        .insts()
        .filter(|(_, i)| matches!(i.kind, InstKind::ArraySet { .. }))
        .collect();
    assert_eq!(sets.len(), 1, "{v}");
    assert_eq!(
        v.assumptions,
        [Assumption::Builtin {
            class: CoreClass::Array,
            name: "[]=".into()
        }]
    );
}

/// An oracle that says `Point#x` (class 40) is an attr_reader of `@x` in slot 1.
struct ReaderOracle(ModuleOracle);

impl ir::pass::Oracle for ReaderOracle {
    fn ir0(&self, func: ir::FuncId) -> Option<&ir::Function> {
        self.0.ir0(func)
    }
    fn resolve_method(&self, class: ClassId, name: &str) -> Option<ir::pass::ResolvedMethod> {
        self.0.resolve_method(class, name)
    }
    fn profile(&self, func: ir::FuncId) -> Option<Profile> {
        self.0.profile(func)
    }
    fn attr_reader(&self, class: ClassId, name: &str) -> Option<(String, u32)> {
        (class == ClassId(40) && name == "x").then(|| ("@x".to_string(), 1))
    }
}

#[test]
fn attr_reader_calls_become_guarded_slot_reads() {
    use ir::pass::Oracle;
    let src = "def px(a, b)\n  a.x + b.y + a.x\nend\n";
    let mut o = ModuleOracle::new(compile_ir0(src));
    let ir0 = o.func("Object#px").clone();
    // `a.x` (twice) saw Points, `b.y` too, but `y` is no reader.
    for (name, k) in [("x", 0), ("y", 0), ("x", 1)] {
        let ipc = call_ipc(&ir0, name, k);
        o.site(ir0.id, ipc, call_site(&[(ClassId(40), "Point", 9)]));
    }
    let p = o.profile(ir0.id).unwrap();
    let o = ReaderOracle(o);
    let (v, changed) = check_speculative(
        "intrinsics_reader",
        &Intrinsics,
        invalidation_points(version_of(&ir0)),
        Some(&p),
        &o,
    );
    assert!(changed);
    let loads: Vec<(String, u32)> = v
        .insts()
        .filter_map(|(_, i)| match &i.kind {
            InstKind::IvarLoad { name, slot, .. } => Some((name.clone(), *slot)),
            _ => None,
        })
        .collect();
    assert_eq!(loads, [("@x".to_string(), 1), ("@x".to_string(), 1)], "{v}");
    let calls = v
        .insts()
        .filter(|(_, i)| matches!(&i.kind, InstKind::Call(c) if c.name == "y"))
        .count();
    assert_eq!(calls, 1, "{v}");
    assert_eq!(
        v.assumptions,
        [Assumption::Reader {
            class: ClassId(40),
            name: "x".into(),
            ivar: "@x".into()
        }]
    );
    assert!(v.needs_invalidation_points());
}
