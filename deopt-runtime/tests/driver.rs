//! The deopt protocol driven by a fake executor, without the interpreter: a version frame
//! is a map of values, and the test checks what the driver traces, records and rebuilds.

use deopt_runtime::{
    release_roots, DeoptDriver, Functions, GuardFailure, GuardSite, TraceSink, VersionFrame,
    VersionMeta,
};
use ir::{
    Assumption, ClassId, Const, CoreClass, DeletedTemps, DeoptReason, FrameArgc, FrameState,
    FrameValue, FuncId, InlineFrame, Ipc, LocalId, Rebuild, ResumePoint, TempId,
};
use runtime::heap::ObjData;
use runtime::{Value, Vm};
use std::collections::HashMap;

const OUTER: FuncId = FuncId(1);
const INNER: FuncId = FuncId(2);
const BLOCK: FuncId = FuncId(3);

/// The executor's side: function names and kinds.
struct Fns;

impl Functions for Fns {
    fn name(&self, func: FuncId) -> String {
        match func {
            OUTER => "Object#outer".into(),
            INNER => "Scale#inner".into(),
            BLOCK => "block in outer".into(),
            _ => format!("fn{}", func.0),
        }
    }
    fn is_block(&self, func: FuncId) -> bool {
        func == BLOCK
    }
}

/// A version frame: its temps (boxed, as an executor hands them over), locals, own
/// values and argument count.
struct FakeFrame {
    temps: HashMap<TempId, Value>,
    locals: HashMap<LocalId, Value>,
    self_val: Value,
    argc: u32,
}

impl VersionFrame for FakeFrame {
    fn temp(&self, _vm: &mut Vm, t: TempId) -> Option<Value> {
        self.temps.get(&t).copied()
    }
    fn local(&self, l: LocalId) -> Value {
        self.locals.get(&l).copied().unwrap_or(Value::NIL)
    }
    fn own(&self, which: &FrameValue) -> Value {
        match which {
            FrameValue::VersionSelf => self.self_val,
            _ => Value::NIL,
        }
    }
    fn argc(&self) -> u32 {
        self.argc
    }
}

fn int(i: i64) -> Value {
    Value::fixnum(i)
}

fn frame() -> FakeFrame {
    FakeFrame {
        temps: [
            (TempId(3), int(7)),
            (TempId(4), int(99)),
            (TempId(10), int(5)),
            (TempId(20), int(11)),
            (TempId(23), int(1000)),
        ]
        .into_iter()
        .collect(),
        locals: [(LocalId(0), int(1))].into_iter().collect(),
        self_val: int(-1),
        argc: 2,
    }
}

/// A guard in `Scale#inner`, inlined into `Object#outer` at `@5`: two IR0 frames to
/// rebuild, with values from temps, locals, the deleted-temp table and a block closure
/// that inlining removed.
fn resume(inner_cref: ClassId) -> ResumePoint {
    let outer = FrameState {
        func: OUTER,
        ipc: Ipc(5),
        self_val: FrameValue::VersionSelf,
        block: FrameValue::VersionBlock,
        outer_scope: FrameValue::Nil,
        home: 0,
        block_obj: FrameValue::Nil,
        argc: FrameArgc::Version,
        cref: None,
        locals: vec![
            (LocalId(0), FrameValue::Local(LocalId(0))),
            (LocalId(1), FrameValue::Temp(TempId(10))),
        ],
        temps: vec![(TempId(3), FrameValue::Temp(TempId(3)))],
    };
    let inner = FrameState {
        func: INNER,
        ipc: Ipc(2),
        self_val: FrameValue::Temp(TempId(4)),
        // The block `outer` gave `inner`, whose creation inlining removed.
        block: FrameValue::Block {
            id: 0,
            func: BLOCK,
            self_val: Box::new(FrameValue::VersionSelf),
            scope: Box::new(FrameValue::Nil),
            home_block: Box::new(FrameValue::Nil),
            home: 0,
        },
        outer_scope: FrameValue::Nil,
        home: 1,
        block_obj: FrameValue::Nil,
        argc: FrameArgc::Known(1),
        cref: Some(inner_cref),
        locals: vec![(LocalId(0), FrameValue::Temp(TempId(20)))],
        temps: vec![
            (TempId(7), FrameValue::Temp(TempId(21))),
            (TempId(8), FrameValue::Temp(TempId(22))),
        ],
    };
    ResumePoint {
        ipc: Ipc(2),
        reason: DeoptReason::TypeGuard,
        inline_chain: vec![InlineFrame {
            callee: INNER,
            call_site: Ipc(5),
        }],
        frames: vec![outer, inner],
    }
}

fn meta(inner_cref: ClassId) -> VersionMeta {
    let deleted = DeletedTemps {
        entries: vec![
            (TempId(21), Rebuild::Const(Const::Int(42))),
            (TempId(22), Rebuild::BoxInt(TempId(23))),
        ],
    };
    let mut m = VersionMeta::new(OUTER, deleted);
    let r = resume(inner_cref);
    m.sites
        .push(GuardSite::new(OUTER, Ipc(3), &r, Some(TempId(20))));
    m
}

fn vm() -> Vm {
    Vm::new(Box::new(std::io::sink()))
}

/// The failure of guard 0 in a version frame with activation id 1.
fn failure<'a>(
    meta: &'a VersionMeta,
    fake: &'a FakeFrame,
    reason: Option<DeoptReason>,
    cref: ClassId,
) -> GuardFailure<'a> {
    GuardFailure {
        meta,
        site: 0,
        reason,
        frame: fake,
        home: 1,
        cref,
    }
}

fn values(list: &[(impl Copy, Value)]) -> Vec<Value> {
    list.iter().map(|(_, v)| *v).collect()
}

#[test]
fn a_failed_guard_is_traced_recorded_and_its_frames_rebuilt() {
    let mut vm = vm();
    let scale = vm.c.integer; // any class other than the version frame's
    let version_cref = vm.c.object;
    let meta = meta(scale);
    let mut driver = DeoptDriver::new(10);
    driver.trace = Some(TraceSink::Buffer(Vec::new()));
    let first_fresh = vm.fresh_frame_id() + 1;
    let fake = frame();
    let failure = GuardFailure {
        meta: &meta,
        site: 0,
        reason: None,
        frame: &fake,
        home: 77,
        cref: version_cref,
    };
    let d = driver.deopt(&mut vm, &Fns, &failure).expect("rebuilds");

    // The trace line and the statistics.
    let Some(TraceSink::Buffer(lines)) = &driver.trace else {
        panic!("no trace buffer")
    };
    assert_eq!(
        lines,
        &["deopt: fn1 Object#outer guard @3 reason type_guard resume fn2 Scale#inner @2 frames 2"]
    );
    assert_eq!(driver.manager.total, 1);
    assert!(
        driver.manager.failed(INNER, Ipc(2)),
        "the failed speculation is recorded"
    );
    assert!(!d.given_up);

    // The outermost frame takes the version frame's place and values.
    assert_eq!(d.frames.len(), 2);
    assert_eq!(d.ids[0], 77);
    let outer = &d.frames[0];
    assert_eq!((outer.func, outer.ipc), (OUTER, Ipc(5)));
    assert_eq!(outer.argc, 2, "the version frame's own argument count");
    assert_eq!(outer.cref, version_cref);
    assert_eq!(outer.self_val, int(-1));
    assert_eq!(values(&outer.locals), vec![int(1), int(5)]);
    assert_eq!(values(&outer.temps), vec![int(7)]);

    // The inlined frame: a new activation id from the runtime's counter, the lexical
    // class and argument count recorded at build time, deleted temps rebuilt.
    let inner = &d.frames[1];
    assert_eq!(d.ids[1], first_fresh);
    assert_eq!((inner.func, inner.ipc), (INNER, Ipc(2)));
    assert_eq!(inner.argc, 1);
    assert_eq!(inner.cref, scale);
    assert_eq!(inner.self_val, int(99));
    assert_eq!(values(&inner.locals), vec![int(11)]);
    assert_eq!(values(&inner.temps), vec![int(42), int(1000)]);

    // The block made again: its home is the outer frame (its activation id), and it runs
    // with the outer frame's lexical class and self.
    let Some(obj) = vm.obj(inner.block) else {
        panic!("the block was not rebuilt: {:?}", inner.block)
    };
    let ObjData::Block(_, b) = &obj.data else {
        panic!("not a block")
    };
    assert_eq!(b.func, BLOCK);
    assert_eq!(b.home_frame, 77);
    assert_eq!(b.cref, version_cref);
    assert_eq!(b.self_val, int(-1));

    // What the rebuild allocated stays rooted until the executor has the frames.
    assert!(vm.extra_roots.len() > d.roots);
    release_roots(&mut vm, d.roots);
    assert_eq!(vm.extra_roots.len(), d.roots);
}

#[test]
fn a_value_the_version_lost_is_an_error_not_a_guess() {
    let mut vm = vm();
    let meta = meta(vm.c.object);
    let mut driver = DeoptDriver::new(10);
    let mut fake = frame();
    fake.temps.remove(&TempId(20));
    let failure = failure(&meta, &fake, None, vm.c.object);
    let err = match driver.deopt(&mut vm, &Fns, &failure) {
        Ok(_) => panic!("rebuilt a frame without %t20"),
        Err(e) => e.to_string(),
    };
    assert!(err.contains("%t20"), "{err}");
    assert!(
        vm.extra_roots.is_empty(),
        "a failed rebuild releases its roots"
    );
}

#[test]
fn a_function_that_keeps_deoptimizing_is_given_up() {
    let mut vm = vm();
    let meta = meta(vm.c.object);
    let mut driver = DeoptDriver::new(2);
    let fake = frame();
    let failure = failure(&meta, &fake, None, vm.c.object);
    let first = driver.deopt(&mut vm, &Fns, &failure).unwrap();
    release_roots(&mut vm, first.roots);
    let second = driver.deopt(&mut vm, &Fns, &failure).unwrap();
    assert!(!first.given_up);
    assert!(second.given_up);
    assert!(driver.manager.given_up(OUTER));
}

#[test]
fn a_function_whose_versions_keep_being_invalidated_is_given_up() {
    // A `def` inside a hot method redefines what its version assumed at every call: the
    // function is built again after each change until `limit` invalidations, then stays
    // in IR0 (no deopt is involved when no activation runs the version).
    let mut vm = vm();
    let mut driver = DeoptDriver::new(3);
    let star = vm.intern("*");
    for round in 1..=3 {
        let meta = meta(vm.c.object);
        let assumed = [Assumption::Builtin {
            class: CoreClass::Integer,
            name: "*".into(),
        }];
        driver.register_version(&mut vm, &meta, &assumed);
        vm.method_changes.push((vm.c.integer, star));
        assert_eq!(driver.take_method_changes(&mut vm, &Fns).len(), 1);
        assert_eq!(driver.manager.given_up(OUTER), round == 3, "round {round}");
    }
    assert_eq!(driver.manager.total, 0, "no deopt counted");
}

#[test]
fn invalidations_count_once_per_function_and_change_and_never_for_freed_versions() {
    let mut vm = vm();
    let mut driver = DeoptDriver::new(2);
    let star = vm.intern("*");
    let weight = vm.intern("weight");
    let builtin = Assumption::Builtin {
        class: CoreClass::Integer,
        name: "*".into(),
    };
    let inlined = Assumption::Method {
        class: vm.c.object,
        name: "weight".into(),
        func: INNER,
    };
    // A version the executor freed (after a deopt, say) is not invalidated by a change
    // of what it assumed, and does not count against its function.
    let old = meta(vm.c.object);
    let old_id = driver.register_version(&mut vm, &old, &[builtin.clone()]);
    driver.version_freed(old_id);
    vm.method_changes.push((vm.c.integer, star));
    assert!(driver.take_method_changes(&mut vm, &Fns).is_empty());
    assert_eq!(driver.assumptions.invalidations, 0);

    // One change that invalidates two versions of one function (its call version and an
    // OSR version) is one occasion.
    let (call, osr) = (meta(vm.c.object), meta(vm.c.object));
    driver.register_version(&mut vm, &call, &[inlined.clone()]);
    driver.register_version(&mut vm, &osr, &[inlined.clone(), builtin.clone()]);
    vm.method_changes.push((vm.c.object, weight));
    assert_eq!(driver.take_method_changes(&mut vm, &Fns).len(), 2);
    assert!(!driver.manager.given_up(OUTER), "one occasion, limit 2");

    // The OSR version, dropped already, is broken by a builtin's change: its running
    // activations must leave, but it was invalidated before and counts no more.
    vm.method_changes.push((vm.c.integer, star));
    let again = driver.take_method_changes(&mut vm, &Fns);
    assert_eq!(again.len(), 1);
    assert!(again[0].leave && !again[0].first);
    assert!(!driver.manager.given_up(OUTER));
    assert_eq!(driver.assumptions.invalidations, 2);

    // A second occasion, for a new version, reaches the limit.
    let next = meta(vm.c.object);
    driver.register_version(&mut vm, &next, &[inlined]);
    vm.method_changes.push((vm.c.object, weight));
    assert_eq!(driver.take_method_changes(&mut vm, &Fns).len(), 1);
    assert!(driver.manager.given_up(OUTER));
}

#[test]
fn stress_fails_each_guard_once_across_versions() {
    let r = resume(ClassId(0));
    let site = GuardSite::new(OUTER, Ipc(3), &r, Some(TempId(20)));
    // The same guard in the next version of the function: the same identity.
    let again = GuardSite::new(OUTER, Ipc(3), &r, Some(TempId(20)));
    let other = GuardSite::new(OUTER, Ipc(3), &r, Some(TempId(4)));
    assert_eq!(site.stress_key, again.stress_key);
    assert_ne!(site.stress_key, other.stress_key);

    let mut off = DeoptDriver::new(10);
    assert!(!off.stress_fails(&site));

    let mut first = DeoptDriver::new(10);
    first.stress = Some(0);
    assert!(first.stress_fails(&site), "fails at its first run");
    assert!(
        !first.stress_fails(&again),
        "and never again, in any version"
    );
    assert!(first.stress_fails(&other), "another guard fails once too");

    for seed in 1..200u64 {
        let mut seeded = DeoptDriver::new(10);
        seeded.stress = Some(seed);
        let fails: Vec<usize> = (0..100).filter(|_| seeded.stress_fails(&site)).collect();
        assert!(fails.len() <= 1, "seed {seed}: failed at runs {fails:?}");
        assert!(fails.iter().all(|&n| n < 64), "seed {seed}: {fails:?}");
    }
}

#[test]
fn a_redefined_builtin_invalidates_the_versions_that_assumed_it() {
    let mut vm = vm();
    let meta = meta(vm.c.object);
    let mut driver = DeoptDriver::new(10);
    driver.trace = Some(TraceSink::Buffer(Vec::new()));
    let id = driver.register_version(
        &mut vm,
        &meta,
        &[Assumption::Builtin {
            class: CoreClass::Integer,
            name: "*".into(),
        }],
    );
    assert_eq!(meta.id.get(), Some(id));
    assert_eq!(driver.manager.versions_built, 1);

    // A change to another method invalidates nothing.
    let plus = vm.intern("+");
    vm.method_changes.push((vm.c.integer, plus));
    assert!(driver.take_method_changes(&mut vm, &Fns).is_empty());

    let star = vm.intern("*");
    vm.method_changes.push((vm.c.integer, star));
    let inv = driver.take_method_changes(&mut vm, &Fns);
    assert_eq!(inv.len(), 1);
    assert_eq!(
        (inv[0].version, inv[0].what.as_str(), inv[0].leave),
        (id, "Integer#*", true)
    );
    assert!(vm.method_changes.is_empty(), "the log is drained");

    // The running activation leaves at an invalidation point, and says why.
    let fake = frame();
    let failure = failure(&meta, &fake, Some(DeoptReason::Invalidated), vm.c.object);
    let d = driver.deopt(&mut vm, &Fns, &failure).unwrap();
    assert_eq!(d.event.detail.as_deref(), Some("Integer#*"));
    let Some(TraceSink::Buffer(lines)) = &driver.trace else {
        panic!("no trace buffer")
    };
    assert_eq!(
        lines[0],
        "invalidate: fn1 Object#outer version 0 (Integer#*)"
    );
    assert!(
        lines[1].contains("reason invalidated(Integer#*)"),
        "{}",
        lines[1]
    );
    assert!(driver.report(&Fns).contains("versions invalidated: 1"));
}

#[test]
fn the_version_table_stops_entering_a_dropped_version() {
    use deopt_runtime::VersionTable;
    let mut vm = vm();
    let mut driver = DeoptDriver::new(1);
    let mut table: VersionTable<u32> = VersionTable::default();
    assert_eq!(table.current(OUTER), None);
    assert!(table.may_build(OUTER, &driver.manager));

    // Version 10 is OUTER's current version and its OSR version at @7.
    let meta = meta(vm.c.object);
    let id = driver.register_version(&mut vm, &meta, &[]);
    table.install(id, 10);
    table.set_current(OUTER, 10);
    table.set_osr(OUTER, Ipc(7), Some(10));
    table.set_osr(OUTER, Ipc(9), None);
    assert_eq!(table.by_id(id), Some(10));
    assert_eq!(table.current(OUTER), Some(10));
    assert_eq!(table.osr(OUTER, Ipc(7)), Some(Some(10)));

    // Dropping another version changes nothing; dropping 10 clears both entries, and the
    // header where nothing could be built stays known.
    table.drop_version(OUTER, &|c| c == 11);
    assert_eq!(table.current(OUTER), Some(10));
    table.drop_version(OUTER, &|c| c == 10);
    assert_eq!(table.current(OUTER), None);
    assert_eq!(table.osr(OUTER, Ipc(7)), None);
    assert_eq!(table.osr(OUTER, Ipc(9)), Some(None));
    // Freed: its id names nothing any more.
    table.uninstall(id);
    assert_eq!(table.by_id(id), None);

    // A function given up by the driver, or refused, gets no version.
    let fake = frame();
    let failure = failure(&meta, &fake, None, vm.c.object);
    assert!(driver.deopt(&mut vm, &Fns, &failure).unwrap().given_up);
    assert!(!table.may_build(OUTER, &driver.manager));
    table.refuse(INNER);
    assert!(!table.may_build(INNER, &driver.manager));
}
