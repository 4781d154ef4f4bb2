//! Golden tests of `inline` (monomorphic call inlining, with the literal block given to the
//! call), on IR0 compiled from small Ruby programs, with hand-built profiles and an oracle
//! over the compiled module. Every output must pass `verify_version_with`, each frame
//! checked against its own function's IR0.

mod common;

use common::{
    binary_ipc, call_ipc, call_site, check_speculative, compile_ir0, func_named, operands_site,
    version_of, ModuleOracle,
};
use ir::cfg::liveness;
use ir::profile::{Profile, SiteProfile, TypeSet};
use ir::{BinOp, ClassId, DeoptReason, FrameValue, Function, GuardCheck, InstKind, LocalId};
use passes::speculative::inline::Inline;
use passes::speculative::typeguard::TypeGuard;

const PT: ClassId = ClassId(10);
const OTHER: ClassId = ClassId(11);
const BOX: ClassId = ClassId(20);

/// A caller, `run`, of a small method (`add`), of a method with `rescue` (`risky`), with
/// a second class defining `add` for the polymorphic case.
const CALLS: &str = "\
class Pt
  def initialize(x); @x = x; end
  def x; @x; end
  def add(a, b)
    c = a + b
    c * @x
  end
  def risky(a)
    begin
      a + @x
    rescue
      0
    end
  end
end
class Other
  def add(a, b); a - b; end
end
def run(p, y)
  z = p.add(y, 1)
  w = p.risky(y)
  puts(z + w + y)
  z
end
";

fn calls_oracle() -> ModuleOracle {
    let mut o = ModuleOracle::new(compile_ir0(CALLS));
    o.method(PT, "add", "Pt#add")
        .method(PT, "risky", "Pt#risky")
        .method(PT, "x", "Pt#x")
        .method(OTHER, "add", "Other#add");
    o
}

/// `run`'s profile with `site` at its call of `name`.
fn run_profile(o: &ModuleOracle, name: &str, site: SiteProfile) -> Profile {
    let run = o.func("Object#run");
    let mut p = Profile::default();
    p.sites.insert(call_ipc(run, name, 0), site);
    p
}

fn has_call(f: &Function, name: &str) -> bool {
    f.insts()
        .any(|(_, i)| matches!(&i.kind, InstKind::Call(c) if c.name == name))
}

#[test]
fn monomorphic_call_is_inlined_behind_a_method_guard() {
    let o = calls_oracle();
    let ir0 = o.func("Object#run");
    let add = func_named(&o.module, "Pt#add");
    let at = call_ipc(ir0, "add", 0);
    let p = run_profile(&o, "add", call_site(&[(PT, "Pt", 100)]));
    let (v, changed) =
        check_speculative("inline_monomorphic", &Inline, version_of(ir0), Some(&p), &o);
    assert!(changed);
    assert!(!has_call(&v, "add"), "{v}");
    assert!(has_call(&v, "risky"), "no profile, no inlining:\n{v}");

    // One inline site, for `Pt#add` at the call, in the version's own frame.
    assert_eq!(v.inline_sites.len(), 1);
    let site = &v.inline_sites[0];
    assert_eq!((site.callee, site.call_site, site.parent), (add, at, 0));
    // The callee's body is there, marked as inlined code of site 1.
    assert!(v.insts().any(|(_, i)| i.inlined == 1
        && matches!(&i.kind, InstKind::IvarGet { name, .. } if name == "@x")));

    // The guard: `p` has class Pt and `add` is still `Pt#add`, resuming at the call.
    let guards: Vec<_> = v
        .insts()
        .filter_map(|(_, i)| match &i.kind {
            InstKind::Guard { check, resume } => Some((i, check, resume)),
            _ => None,
        })
        .collect();
    assert_eq!(guards.len(), 1, "{v}");
    let (inst, check, resume) = guards[0];
    let (b, idx) = ir0.find_ipc(at).unwrap();
    let InstKind::Call(call) = &ir0.block(b).insts[idx].kind else {
        unreachable!()
    };
    let recv = call.recv.unwrap();
    assert_eq!(
        check,
        &GuardCheck::Method {
            recv,
            class: PT,
            name: "add".into(),
            func: add
        }
    );
    assert_eq!((inst.ipc, inst.inlined), (at, 0));
    assert_eq!(resume.ipc, at);
    assert_eq!(resume.reason, DeoptReason::ClassGuard);
    assert!(resume.inline_chain.is_empty());
    // One frame: the caller at the call, with every IR0 local in its slot and every temp
    // live before the call (the receiver and the arguments among them) as itself.
    assert_eq!(resume.frames.len(), 1);
    let fr = &resume.frames[0];
    assert_eq!((fr.func, fr.ipc), (ir0.id, at));
    let locals: Vec<_> = (0..ir0.locals.len() as u32)
        .map(|l| (LocalId(l), FrameValue::Local(LocalId(l))))
        .collect();
    assert_eq!(fr.locals, locals);
    let live: Vec<_> = liveness(ir0)
        .live_before(ir0, b, idx)
        .temps()
        .map(|t| (t, FrameValue::Temp(t)))
        .collect();
    assert_eq!(fr.temps, live);
    for t in call.recv.iter().chain(&call.args) {
        assert!(fr.temps.contains(&(*t, FrameValue::Temp(*t))), "{t}");
    }
}

/// Runs `inline` on `run` with `p` and checks that nothing changed.
fn not_inlined(name: &str, p: &Profile, o: &ModuleOracle) {
    let ir0 = o.func("Object#run");
    let (v, changed) = check_speculative(name, &Inline, version_of(ir0), Some(p), o);
    assert!(!changed);
    assert_eq!(v.to_string(), version_of(ir0).to_string());
    assert!(v.inline_sites.is_empty());
}

#[test]
fn polymorphic_call_is_not_inlined() {
    let o = calls_oracle();
    let p = run_profile(
        &o,
        "add",
        call_site(&[(PT, "Pt", 60), (OTHER, "Other", 40)]),
    );
    not_inlined("inline_polymorphic", &p, &o);
}

#[test]
fn megamorphic_call_is_not_inlined() {
    let o = calls_oracle();
    let site = SiteProfile::Call {
        classes: vec![(PT, "Pt".into(), 100)],
        megamorphic: true,
    };
    let p = run_profile(&o, "add", site);
    not_inlined("inline_megamorphic", &p, &o);
}

#[test]
fn method_with_rescue_is_not_inlined() {
    let o = calls_oracle();
    assert!(o
        .func("Pt#risky")
        .blocks
        .iter()
        .any(|b| b.handler.is_some()));
    let p = run_profile(&o, "risky", call_site(&[(PT, "Pt", 100)]));
    not_inlined("inline_rescue", &p, &o);
}

#[test]
fn failed_site_is_not_inlined() {
    let o = calls_oracle();
    let mut p = run_profile(&o, "add", call_site(&[(PT, "Pt", 100)]));
    p.failed.insert(call_ipc(o.func("Object#run"), "add", 0));
    not_inlined("inline_failed", &p, &o);
}

/// `p.add(y, 1)` with `Pt#add` private is a NoMethodError: the call stays a call.
#[test]
fn private_method_called_with_a_receiver_is_not_inlined() {
    let mut o = calls_oracle();
    o.private.push((PT, "add".to_string()));
    let p = run_profile(&o, "add", call_site(&[(PT, "Pt", 100)]));
    not_inlined("inline_private", &p, &o);
}

/// An iterator method that yields in a `while` loop, and a caller whose literal block
/// updates a captured local.
const BLOCKS: &str = "\
class Box
  def initialize(n); @n = n; end
  def each
    i = 0
    while i < @n
      yield i
      i += 1
    end
    self
  end
end
def total(b)
  sum = 0
  b.each { |x| sum += x }
  sum
end
";

#[test]
fn block_is_inlined_at_the_yield() {
    let mut o = ModuleOracle::new(compile_ir0(BLOCKS));
    o.method(BOX, "each", "Box#each");
    let total = func_named(&o.module, "Object#total");
    let each = func_named(&o.module, "Box#each");
    let block = func_named(&o.module, "block in total");
    // Integer profiles on the block's `+` and on the iterator's `<`.
    let fix = TypeSet::FIXNUM;
    let add = binary_ipc(o.func("block in total"), BinOp::Add, 0);
    o.site(block, add, operands_site(fix, fix));
    let lt = binary_ipc(o.func("Box#each"), BinOp::Lt, 0);
    o.site(each, lt, operands_site(fix, fix));
    let ir0 = o.func("Object#total").clone();
    let mut p = Profile::default();
    p.sites
        .insert(call_ipc(&ir0, "each", 0), call_site(&[(BOX, "Box", 10)]));

    let (v, changed) = check_speculative("inline_block", &Inline, version_of(&ir0), Some(&p), &o);
    assert!(changed);
    assert!(
        !v.insts().any(|(_, i)| matches!(
            i.kind,
            InstKind::Call(_) | InstKind::Yield(_) | InstKind::MakeBlock { .. }
        )),
        "{v}"
    );
    // Site 1 is the method, site 2 the block inlined at its `yield`.
    let sites: Vec<_> = v
        .inline_sites
        .iter()
        .map(|s| (s.callee, s.parent))
        .collect();
    assert_eq!(sites, [(each, 0), (block, 1)]);

    let (v, changed) = check_speculative("inline_block_typeguard", &TypeGuard, v, Some(&p), &o);
    assert!(changed);
    // The guards in the inlined block rebuild three frames: the caller, the iterator and
    // the block; the block object the iterator was given is the one the block frame runs.
    let block_guards: Vec<_> = v
        .insts()
        .filter(|(_, i)| i.inlined == 2)
        .filter_map(|(_, i)| match &i.kind {
            InstKind::Guard { resume, .. } => Some(resume),
            _ => None,
        })
        .collect();
    assert!(!block_guards.is_empty(), "{v}");
    for r in block_guards {
        assert_eq!(r.ipc, add);
        assert_eq!(r.reason, DeoptReason::TypeGuard);
        let funcs: Vec<_> = r.frames.iter().map(|f| f.func).collect();
        assert_eq!(funcs, [total, each, block]);
        let (
            FrameValue::Block {
                id: given,
                func: f1,
                ..
            },
            FrameValue::Block {
                id: running,
                func: f2,
                home,
                ..
            },
        ) = (&r.frames[1].block, &r.frames[2].block_obj)
        else {
            panic!("block values are not FrameValue::Block: {r}");
        };
        assert_eq!((given, f1), (running, f2));
        assert_eq!(*f1, block);
        // The block was written in `total`, frame 0.
        assert_eq!((*home, r.frames[2].home), (0, 0));
    }
    // The iterator's own guard (on `i < @n`) has two frames.
    let each_guards: Vec<_> = v
        .insts()
        .filter(|(_, i)| i.inlined == 1)
        .filter_map(|(_, i)| match &i.kind {
            InstKind::Guard { resume, .. } => Some(resume),
            _ => None,
        })
        .collect();
    assert!(!each_guards.is_empty(), "{v}");
    for r in each_guards {
        assert_eq!(r.ipc, lt);
        assert_eq!(r.frames.len(), 2);
    }
}

#[test]
fn inlined_iterator_through_the_speculative_pipeline() {
    // The whole speculative pipeline, as the engine runs it on a version: the output must
    // still pass `verify_version_with`. (No golden file: the output depends on every
    // pass; the goldens above pin `inline` and `typeguard`.)
    let mut o = ModuleOracle::new(compile_ir0(BLOCKS));
    o.method(BOX, "each", "Box#each");
    let fix = TypeSet::FIXNUM;
    let (each, block) = (o.func("Box#each").clone(), o.func("block in total").clone());
    o.site(
        block.id,
        binary_ipc(&block, BinOp::Add, 0),
        operands_site(fix, fix),
    );
    o.site(
        each.id,
        binary_ipc(&each, BinOp::Lt, 0),
        operands_site(fix, fix),
    );
    o.site(
        each.id,
        binary_ipc(&each, BinOp::Add, 0),
        operands_site(fix, fix),
    );
    let ir0 = o.func("Object#total").clone();
    let mut p = Profile::default();
    p.sites
        .insert(call_ipc(&ir0, "each", 0), call_site(&[(BOX, "Box", 10)]));
    let mut v = version_of(&ir0);
    let cx = ir::pass::PassContext {
        profile: Some(&p),
        oracle: &o,
    };
    passes::PassManager::from_names(passes::SPECULATIVE_PIPELINE)
        .unwrap()
        .with_verify_each(true)
        .run(&mut v, &cx)
        .unwrap_or_else(|e| panic!("{e}"));
    common::assert_version_verifies(&v, &o, "speculative pipeline output");
    // One loop, no call, no closure, no dynscope: `sum` and `i` are machine integers.
    assert!(
        !v.insts().any(|(_, i)| matches!(
            i.kind,
            InstKind::Call(_)
                | InstKind::Yield(_)
                | InstKind::MakeBlock { .. }
                | InstKind::ScopeNew
                | InstKind::ScopeLoad { .. }
                | InstKind::ScopeStore { .. }
        )),
        "{v}"
    );
    let iadds = v
        .insts()
        .filter(|(_, i)| matches!(i.kind, InstKind::IntOp { .. }))
        .count();
    assert_eq!(iadds, 2, "{v}");
}
