//! Tests of the pass manager: the registry and specs, verify-each, dumps, the change
//! report, and the IR0 pipeline on a function shaped like lowering's output.

mod common;

use common::{call, check_pipeline, method};
use ir::pass::{Pass, PassContext, PassError};
use ir::{Builder, Const, Function, InstKind, LocalId, TempId};
use passes::{ir0_pipeline, registry, DumpDir, PassManager, PipelineError, IR0_PIPELINE};

/// ```ruby
/// def t(a)
///   x = true
///   if x then y = "a#{"b"}" else y = nil end
///   puts y
///   while false do end
///   return a
///   nil          # unreachable
/// end
/// ```
fn lowered_like() -> Function {
    let mut f = method(1, &["a", "x", "y"]);
    let (a, x, y) = (LocalId(0), LocalId(1), LocalId(2));
    let mut b = Builder::new(&mut f);
    let arg = b.value(InstKind::Arg(0));
    b.effect(InstKind::StoreLocal(a, arg));
    b.line = 2;
    let t = b.constant(Const::True);
    b.effect(InstKind::StoreLocal(x, t));
    b.line = 3;
    let lx = b.value(InstKind::LoadLocal(x));
    let (then_, else_, join) = (b.new_block(), b.new_block(), b.new_block());
    b.branch(lx, then_, else_);
    b.switch_to(then_);
    let sa = b.constant(Const::Str("a".into()));
    let sb = b.constant(Const::Str("b".into()));
    let s = b.value(InstKind::Interp(vec![sa, sb]));
    b.effect(InstKind::StoreLocal(y, s));
    b.jump(join, &[]);
    b.switch_to(else_);
    let nil = b.constant(Const::Nil);
    b.effect(InstKind::StoreLocal(y, nil));
    b.jump(join, &[]);
    b.switch_to(join);
    b.line = 4;
    let ly = b.value(InstKind::LoadLocal(y));
    call(&mut b, "puts", &[ly]);
    let (head, body, exit) = (b.new_block(), b.new_block(), b.new_block());
    b.jump(head, &[]);
    b.switch_to(head);
    b.line = 5;
    let fals = b.constant(Const::False);
    b.branch(fals, body, exit);
    b.switch_to(body);
    b.jump(head, &[]);
    b.switch_to(exit);
    b.line = 6;
    let la = b.value(InstKind::LoadLocal(a));
    b.effect(InstKind::Return(la));
    let dead = b.new_block();
    b.switch_to(dead);
    b.line = 7;
    let n = b.constant(Const::Nil);
    b.effect(InstKind::Return(n));
    f
}

#[test]
fn ir0_pipeline_on_lowered_code() {
    let (f, report) = check_pipeline("pipeline_ir0", ir0_pipeline(), lowered_like());
    assert_eq!(f.blocks.len(), 1);
    assert_eq!(report.steps.len(), IR0_PIPELINE.len());
    assert!(report.changed());
    let changed = report.changed_by();
    for pass in ["simplifycfg", "copyprop", "constfold", "dce"] {
        assert!(changed.contains(&pass), "{pass} did nothing: {report}");
    }
    // Running the pipeline again changes nothing.
    let mut again = f.clone();
    let report = ir0_pipeline()
        .run(&mut again, &PassContext::empty())
        .unwrap();
    assert!(!report.changed(), "{report}");
    assert_eq!(again, f);
}

#[test]
fn specs_name_registered_passes() {
    let pm = PassManager::from_spec(" copyprop, constfold ,dce").unwrap();
    assert_eq!(pm.pass_names(), ["copyprop", "constfold", "dce"]);
    assert!(PassManager::from_spec("").unwrap().is_empty());
    assert_eq!(ir0_pipeline().pass_names(), IR0_PIPELINE);
    assert_eq!(
        registry().names(),
        [
            "assumeguard",
            "constfold",
            "copyprop",
            "dce",
            "guardelim",
            "inline",
            "intrinsics",
            "ivarslot",
            "licm",
            "mem2reg",
            "scopeelim",
            "simplifycfg",
            "typeguard",
            "unbox"
        ]
    );
}

#[test]
fn a_speculative_pipeline_with_unbox_needs_assumeguard_before_it() {
    let err = PassManager::speculative_from_spec("inline,typeguard,mem2reg,unbox").unwrap_err();
    assert!(matches!(
        &err,
        PipelineError::MissingPass {
            pass: "unbox",
            needs: "assumeguard",
            ..
        }
    ));
    assert!(PassManager::speculative_from_spec("unbox,assumeguard").is_err());
    let pm = PassManager::speculative_from_spec("inline,assumeguard,typeguard,mem2reg,unbox");
    assert!(pm.is_ok());
    // Without unbox no assumption is made: no invalidation point is needed.
    assert!(PassManager::speculative_from_spec("inline,typeguard,mem2reg").is_ok());
    // `intrinsics` assumes Array#[] is the builtin: the same rule.
    let err = PassManager::speculative_from_spec("inline,intrinsics,assumeguard").unwrap_err();
    assert!(matches!(
        &err,
        PipelineError::MissingPass {
            pass: "intrinsics",
            needs: "assumeguard",
            ..
        }
    ));
    assert!(PassManager::speculative_from_spec("inline,assumeguard,intrinsics").is_ok());
}

#[test]
fn unknown_pass_is_an_error_listing_the_known_ones() {
    let err = PassManager::from_spec("copyprop,inlnie,dce").unwrap_err();
    assert!(matches!(&err, PipelineError::UnknownPass { name, .. } if name == "inlnie"));
    assert_eq!(
        err.to_string(),
        "unknown pass `inlnie` (known passes: assumeguard, constfold, copyprop, dce, guardelim, inline, intrinsics, ivarslot, licm, mem2reg, \
         scopeelim, simplifycfg, typeguard, unbox)"
    );
    let err = PassManager::from_spec("dce,,copyprop").unwrap_err();
    assert!(matches!(err, PipelineError::EmptyPassName { .. }), "{err}");
}

/// A broken pass: points the return at a temp nothing defines.
struct Breaker;

impl Pass for Breaker {
    fn name(&self) -> &'static str {
        "breaker"
    }
    fn run(&self, func: &mut Function, _cx: &PassContext) -> Result<bool, PassError> {
        let bogus = TempId(func.next_temp + 100);
        let last = func.blocks[0].insts.last_mut().unwrap();
        last.kind = InstKind::Return(bogus);
        Ok(true)
    }
}

/// A pass that refuses every function.
struct Refuser;

impl Pass for Refuser {
    fn name(&self) -> &'static str {
        "refuser"
    }
    fn run(&self, _func: &mut Function, _cx: &PassContext) -> Result<bool, PassError> {
        Err(PassError {
            pass: "refuser",
            message: "no thanks".into(),
        })
    }
}

/// A speculative pass that does nothing.
struct Speculator;

impl Pass for Speculator {
    fn name(&self) -> &'static str {
        "speculator"
    }
    fn speculative(&self) -> bool {
        true
    }
    fn run(&self, _func: &mut Function, _cx: &PassContext) -> Result<bool, PassError> {
        Ok(false)
    }
}

fn simple() -> Function {
    let mut f = method(1, &[]);
    let mut b = Builder::new(&mut f);
    let a = b.value(InstKind::Arg(0));
    let c = b.value(InstKind::Copy(a));
    b.effect(InstKind::Return(c));
    f
}

#[test]
fn verify_each_names_the_pass_and_every_error() {
    let mut pm = PassManager::from_spec("copyprop")
        .unwrap()
        .with_verify_each(true);
    pm.add(Box::new(Breaker));
    let mut f = simple();
    let err = pm.run(&mut f, &PassContext::empty()).unwrap_err();
    let PipelineError::Verify { pass, errors, .. } = &err else {
        panic!("{err}")
    };
    assert_eq!(pass, "breaker");
    assert!(!errors.is_empty());
    let text = err.to_string();
    assert!(
        text.starts_with("fn1 t: verifier failed after breaker"),
        "{text}"
    );
    assert!(text.contains("undefined %t102"), "{text}");

    // Without verify-each, the broken IR goes through.
    let mut pm = PassManager::new(vec![Box::new(Breaker)]).with_verify_each(false);
    assert!(pm.run(&mut simple(), &PassContext::empty()).is_ok());
    pm.verify_each = true;
    assert!(pm.run(&mut simple(), &PassContext::empty()).is_err());
}

#[test]
fn pass_errors_and_speculative_passes_on_ir0() {
    let pm = PassManager::new(vec![Box::new(Refuser)]);
    let err = pm.run(&mut simple(), &PassContext::empty()).unwrap_err();
    assert_eq!(err.to_string(), "fn1 t: pass refuser: no thanks");

    let pm = PassManager::new(vec![Box::new(Speculator)]);
    let err = pm.run(&mut simple(), &PassContext::empty()).unwrap_err();
    assert!(
        matches!(
            err,
            PipelineError::SpeculativeOnIr0 {
                pass: "speculator",
                ..
            }
        ),
        "{err}"
    );
    let mut version = simple();
    version.phase = ir::Phase::Speculative;
    assert!(pm.run(&mut version, &PassContext::empty()).is_ok());
}

fn scratch_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("rebound-passes-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn dumps_sort_by_function_then_pass_and_load_back() {
    let dir = scratch_dir("dump");
    let pm = PassManager::from_spec("copyprop,dce")
        .unwrap()
        .with_dump(DumpDir::new(&dir).unwrap());
    let mut f = simple();
    f.name = "Foo#bar?".into();
    let input = f.clone();
    pm.run(&mut f, &PassContext::empty()).unwrap();

    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "fn0001-Foo_bar_.00-build.ron",
            "fn0001-Foo_bar_.00-build.txt",
            "fn0001-Foo_bar_.01-copyprop.ron",
            "fn0001-Foo_bar_.01-copyprop.txt",
            "fn0001-Foo_bar_.02-dce.ron",
            "fn0001-Foo_bar_.02-dce.txt",
        ]
    );
    let read = |n: &str| std::fs::read_to_string(dir.join(n)).unwrap();
    assert_eq!(
        ir::serial::from_ron(&read("fn0001-Foo_bar_.00-build.ron")).unwrap(),
        input
    );
    assert_eq!(
        ir::serial::from_ron(&read("fn0001-Foo_bar_.02-dce.ron")).unwrap(),
        f
    );
    assert_eq!(read("fn0001-Foo_bar_.02-dce.txt"), f.to_string());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_broken_pass_is_dumped_before_the_verifier_fails() {
    let dir = scratch_dir("broken");
    let dump = DumpDir::new(&dir).unwrap().with_tag("v1");
    let pm = PassManager::new(vec![Box::new(Breaker)])
        .with_verify_each(true)
        .with_dump(dump);
    let mut f = simple();
    assert!(pm.run(&mut f, &PassContext::empty()).is_err());
    let text = std::fs::read_to_string(dir.join("fn0001-t.v1.01-breaker.txt")).unwrap();
    assert!(text.contains("return %t102"), "{text}");
    std::fs::remove_dir_all(&dir).unwrap();
}
