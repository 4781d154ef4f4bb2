//! Golden tests of `guardelim` (redundant guard elimination), on versions of IR0 compiled
//! from Ruby and brought to the shape the speculative pipeline gives `guardelim`
//! (`typeguard`, `mem2reg`, `copyprop`; `inline` for method guards). Every input and
//! output must pass `verify_version_with`.

mod common;

use common::{
    call_ipc, call_site, check_speculative, compile_ir0, operands_site, run_spec, version_of,
    ModuleOracle,
};
use ir::pass::{Pass, PassContext};
use ir::profile::{Profile, TypeSet};
use ir::{BlockId, ClassId, Function, GuardCheck, InstKind, TempId};
use passes::speculative::guardelim::GuardElim;

/// `a` is checked in the entry block and again in both arms of the `if`, twice in the
/// entry block; `b` is checked in each arm only.
const BRANCHES: &str = "\
def g(a, b)
  x = a + 1
  v = a * 3
  if b
    y = a * 2
    w = b + 1
  else
    y = a - 1
    w = b + 2
  end
  y + w + x + v
end
";

/// Runs `spec` on a version of `ir0` with `p`, verifying each step.
fn prepare(spec: &str, ir0: &Function, p: &Profile, o: &ModuleOracle) -> Function {
    let mut v = version_of(ir0);
    run_spec(spec, &mut v, p, o);
    v
}

/// The type guards of `v` as (block, checked temp).
fn fixnum_guards(v: &Function) -> Vec<(BlockId, TempId)> {
    v.insts()
        .filter_map(|(b, i)| match &i.kind {
            InstKind::Guard {
                check: GuardCheck::IsFixnum(t),
                ..
            } => Some((b, *t)),
            _ => None,
        })
        .collect()
}

#[test]
fn dominated_duplicates_go_siblings_stay() {
    let o = ModuleOracle::new(compile_ir0(BRANCHES));
    let ir0 = o.func("Object#g");
    let fix = TypeSet::FIXNUM;
    // Integers everywhere.
    let mut p = Profile::default();
    for (_, i) in ir0.insts() {
        if let InstKind::Binary(..) = i.kind {
            p.sites.insert(i.ipc, operands_site(fix, fix));
        }
    }
    let v = prepare("typeguard,mem2reg,copyprop", ir0, &p, &o);
    // After mem2reg and copyprop, `a` and `b` are the arguments' temps everywhere.
    let arg = |k: u32| {
        ir0.insts()
            .find(|(_, i)| i.kind == InstKind::Arg(k))
            .and_then(|(_, i)| i.dst)
            .unwrap()
    };
    let (a, b) = (arg(0), arg(1));
    let before = fixnum_guards(&v);
    let on = |gs: &[(BlockId, TempId)], t: TempId| -> Vec<BlockId> {
        gs.iter()
            .filter(|(_, x)| *x == t)
            .map(|(b, _)| *b)
            .collect()
    };
    let (a_blocks, b_blocks) = (on(&before, a), on(&before, b));
    assert_eq!(a_blocks.len(), 4, "{v}");
    assert_eq!(b_blocks.len(), 2, "{v}");

    let (v, changed) = check_speculative("guardelim_branches", &GuardElim, v, Some(&p), &o);
    assert!(changed);
    let after = fixnum_guards(&v);
    // `a`: the first check in the entry block dominates the other three.
    assert_eq!(on(&after, a), [BlockId(0)]);
    // `b`: checked in each arm, neither dominating the other: both stay.
    assert_eq!(on(&after, b), b_blocks);
    assert_ne!(b_blocks[0], b_blocks[1]);
    // Checks of other temps are untouched.
    let others = |gs: &[(BlockId, TempId)]| -> Vec<(BlockId, TempId)> {
        gs.iter()
            .filter(|(_, t)| *t != a && *t != b)
            .copied()
            .collect()
    };
    assert_eq!(others(&after), others(&before));

    // Idempotent.
    let mut again = v.clone();
    assert!(!GuardElim.run(&mut again, &PassContext::empty()).unwrap());
    assert_eq!(again.to_string(), v.to_string());
}

const PT: ClassId = ClassId(10);

/// `p.x` twice on the same receiver: two method guards, the second dominated by the
/// first.
const TWICE: &str = "\
class Pt
  def x; @x; end
end
def twice(p)
  p.x + p.x
end
";

#[test]
fn method_guards_stay() {
    let mut o = ModuleOracle::new(compile_ir0(TWICE));
    o.method(PT, "x", "Pt#x");
    let ir0 = o.func("Object#twice").clone();
    let mut p = Profile::default();
    for k in 0..2 {
        p.sites
            .insert(call_ipc(&ir0, "x", k), call_site(&[(PT, "Pt", 100)]));
    }
    let v = prepare("inline", &ir0, &p, &o);
    assert!(!v.insts().any(|(_, i)| matches!(&i.kind, InstKind::Call(_))));
    let method_guards = |v: &Function| -> Vec<(BlockId, TempId)> {
        v.insts()
            .filter_map(|(b, i)| match &i.kind {
                InstKind::Guard {
                    check: GuardCheck::Method { recv, .. },
                    ..
                } => Some((b, *recv)),
                _ => None,
            })
            .collect()
    };
    let before = method_guards(&v);
    assert_eq!(before.len(), 2, "{v}");
    assert_eq!(before[0].1, before[1].1, "the same receiver");
    let (v, changed) = check_speculative("guardelim_method", &GuardElim, v, Some(&p), &o);
    assert!(!changed);
    assert_eq!(method_guards(&v), before);
}

/// `self` read three times (three `self` temps) with profiled instance-variable sites:
/// after `ivarslot`, one class guard per access; `guardelim` keeps only the first, since
/// every `self` temp of the frame is the same value.
#[test]
fn class_guards_on_self_count_every_self_temp_as_one() {
    const SRC: &str = "\
class Pair
  def total
    @a + @b + @a
  end
end
";
    let mut o = ModuleOracle::new(compile_ir0(SRC));
    let ir0 = o.func("Pair#total").clone();
    let mut p = Profile::default();
    let sites: Vec<_> = ir0
        .insts()
        .filter_map(|(_, i)| match &i.kind {
            InstKind::IvarGet { name, .. } => Some((i.ipc, name.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(sites.len(), 3);
    for (ipc, name) in &sites {
        let slot = if name == "@a" { 0 } else { 1 };
        p.sites.insert(
            *ipc,
            ir::profile::SiteProfile::Ivar {
                class: ClassId(50),
                class_name: "Pair".into(),
                slot,
            },
        );
    }
    o.profiles.insert(ir0.id, p.clone());
    let v = prepare("ivarslot", &ir0, &p, &o);
    let class_guards = |v: &Function| {
        v.insts()
            .filter(|(_, i)| {
                matches!(
                    i.kind,
                    InstKind::Guard {
                        check: GuardCheck::Class(_, ClassId(50)),
                        ..
                    }
                )
            })
            .count()
    };
    let selfs = v
        .insts()
        .filter(|(_, i)| matches!(i.kind, InstKind::SelfRef))
        .count();
    assert_eq!((class_guards(&v), selfs), (3, 3), "{v}");
    let (after, changed) = check_speculative("guardelim_self", &GuardElim, v, Some(&p), &o);
    assert!(changed);
    assert_eq!(class_guards(&after), 1, "{after}");
}
