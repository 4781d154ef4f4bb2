//! Golden tests of `ivarslot` (instance variables read and written by slot behind a class
//! guard), on IR0 compiled from Ruby, with hand-built profiles. Every output must pass
//! `verify_version_with`.

mod common;

use common::{check_speculative, compile_ir0, version_of, ModuleOracle};
use ir::profile::{Profile, SiteProfile};
use ir::{ClassId, DeoptReason, GuardCheck, InstKind, Ipc};
use passes::speculative::ivarslot::IvarSlot;

const POINT: &str = "\
class Point
  def shift(d)
    @x = @x + d
    @y = @y + @x
    @label
  end
end
";

fn ivar_ipcs(f: &ir::Function) -> Vec<(Ipc, String)> {
    f.insts()
        .filter_map(|(_, i)| match &i.kind {
            InstKind::IvarGet { name, .. } => Some((i.ipc, format!("get {name}"))),
            InstKind::IvarSet { name, .. } => Some((i.ipc, format!("set {name}"))),
            _ => None,
        })
        .collect()
}

fn ivar_site(class: u32, slot: u32) -> SiteProfile {
    SiteProfile::Ivar {
        class: ClassId(class),
        class_name: "Point".into(),
        slot,
    }
}

#[test]
fn profiled_ivar_accesses_become_guarded_slot_accesses() {
    let mut o = ModuleOracle::new(compile_ir0(POINT));
    let ir0 = o.func("Point#shift").clone();
    let sites = ivar_ipcs(&ir0);
    let names: Vec<&str> = sites.iter().map(|(_, n)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "get @x",
            "set @x",
            "get @y",
            "get @x",
            "set @y",
            "get @label"
        ]
    );
    // @x in slot 0 and @y in slot 1 of class 40; the read of @label saw two classes (no
    // profile), and the second read of @x failed before.
    let mut p = Profile::default();
    for (k, slot) in [(0, 0), (1, 0), (2, 1), (3, 0), (4, 1)] {
        p.sites.insert(sites[k].0, ivar_site(40, slot));
    }
    p.failed.insert(sites[3].0);
    o.profiles.insert(ir0.id, p.clone());
    let (v, changed) =
        check_speculative("ivarslot_point", &IvarSlot, version_of(&ir0), Some(&p), &o);
    assert!(changed);

    let mut seen = Vec::new();
    for b in &v.blocks {
        for (k, i) in b.insts.iter().enumerate() {
            let (obj, slot) = match &i.kind {
                InstKind::IvarLoad { obj, slot, .. } => (*obj, *slot),
                InstKind::IvarStore { obj, slot, .. } => (*obj, *slot),
                InstKind::IvarGet { .. } | InstKind::IvarSet { .. } => {
                    seen.push((i.ipc, None));
                    continue;
                }
                _ => continue,
            };
            // Right before: the class guard on the receiver, resuming at the access.
            let InstKind::Guard { check, resume } = &b.insts[k - 1].kind else {
                panic!("no guard before {}\n{v}", i.kind);
            };
            assert_eq!(*check, GuardCheck::Class(obj, ClassId(40)));
            assert_eq!(
                (resume.ipc, resume.reason),
                (i.ipc, DeoptReason::ClassGuard)
            );
            assert_eq!(resume.frames.len(), 1);
            seen.push((i.ipc, Some(slot)));
        }
    }
    let want: Vec<(Ipc, Option<u32>)> = vec![
        (sites[0].0, Some(0)),
        (sites[1].0, Some(0)),
        (sites[2].0, Some(1)),
        (sites[3].0, None),
        (sites[4].0, Some(1)),
        (sites[5].0, None),
    ];
    assert_eq!(seen, want, "{v}");
}

#[test]
fn without_a_profile_nothing_changes() {
    let o = ModuleOracle::new(compile_ir0(POINT));
    let ir0 = o.func("Point#shift").clone();
    let p = Profile::default();
    let (_, changed) = check_speculative(
        "ivarslot_unprofiled",
        &IvarSlot,
        version_of(&ir0),
        Some(&p),
        &o,
    );
    assert!(!changed);
}
