//! The harness of the pass tests: build IR with `ir::Builder`, run a pass, verify input and
//! output, check that a second run changes nothing, and compare the IR before and after
//! with a golden file under `tests/golden/`. `BLESS=1 cargo test -p passes` rewrites the
//! golden files from the current output (see passes/README.md).

#![allow(dead_code)]

use ir::pass::{Pass, PassContext};
use ir::{Builder, CallInfo, FuncId, FuncKind, Function, InstKind, TempId};
use passes::{PassManager, PipelineReport};
use std::path::PathBuf;

/// An empty IR0 method `t` with `required` parameters and the given locals.
pub fn method(required: u32, locals: &[&str]) -> Function {
    let mut f = Function::new(FuncId(1), "t", FuncKind::Method, "t.rb", 1);
    f.params.required = required;
    for l in locals {
        f.add_local(l);
    }
    f
}

/// `dst = call name(args)` on self: an instruction with an effect, that keeps its operands.
pub fn call(b: &mut Builder, name: &str, args: &[TempId]) -> TempId {
    b.value(InstKind::Call(Box::new(CallInfo {
        recv: None,
        name: name.to_string(),
        args: args.to_vec(),
        block: None,
        vcall: false,
        fcall: false,
    })))
}

/// Panics with every verifier error if `f` is not well formed.
pub fn assert_verifies(f: &Function, what: &str) {
    if let Err(errors) = ir::verify::verify(f) {
        let list: Vec<String> = errors.iter().map(|e| format!("  {e}")).collect();
        panic!("verifier rejects the {what}:\n{}\n{f}", list.join("\n"));
    }
}

/// Runs `pass` on `f` as the golden test `name`: the input and the output must verify,
/// a second run must change nothing, and the IR before and after must match
/// `tests/golden/{name}.txt`. Returns the output and whether the pass reported a change.
pub fn check_pass(name: &str, pass: &dyn Pass, mut f: Function) -> (Function, bool) {
    assert_verifies(&f, "input");
    let before = f.to_string();
    let changed = pass
        .run(&mut f, &PassContext::empty())
        .expect("the pass refused the function");
    assert_verifies(&f, &format!("output of {}", pass.name()));
    let after = f.to_string();
    assert_eq!(
        changed,
        before != after,
        "{}: reported changed={changed}, but the IR says otherwise",
        pass.name()
    );

    let again = pass
        .run(&mut f, &PassContext::empty())
        .expect("the pass refused its own output");
    assert!(
        !again,
        "{} is not idempotent: a second run changed\n{after}\ninto\n{f}",
        pass.name()
    );
    assert_eq!(
        after,
        f.to_string(),
        "{}: second run changed the IR but reported no change",
        pass.name()
    );

    let text = format!(
        "; pass: {}\n; changed: {changed}\n; ---- before\n{before}; ---- after\n{after}",
        pass.name()
    );
    check_golden(name, &text);
    (f, changed)
}

/// Runs a pipeline on `f` as the golden test `name`, with verify-each on.
pub fn check_pipeline(name: &str, pm: PassManager, mut f: Function) -> (Function, PipelineReport) {
    let pm = pm.with_verify_each(true);
    let before = f.to_string();
    let report = pm
        .run(&mut f, &PassContext::empty())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_verifies(&f, "pipeline output");
    let text = format!(
        "; pipeline: {}\n; changed by: {}\n; ---- before\n{before}; ---- after\n{f}",
        pm.pass_names().join(","),
        report.changed_by().join(",")
    );
    check_golden(name, &text);
    (f, report)
}

fn blessing() -> bool {
    std::env::var_os("BLESS").is_some_and(|v| !v.is_empty() && v != "0")
}

/// Compares `actual` with `tests/golden/{name}.txt`, or writes it there under `BLESS=1`.
pub fn check_golden(name: &str, actual: &str) {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "tests",
        "golden",
        &format!("{name}.txt"),
    ]
    .iter()
    .collect();
    if blessing() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual)
            .unwrap_or_else(|e| panic!("cannot bless {}: {e}", path.display()));
        return;
    }
    let expected = match std::fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) => panic!(
            "golden file {} cannot be read ({e}); run `BLESS=1 cargo test -p passes` to create it.\n\
             actual output:\n{actual}",
            path.display()
        ),
    };
    if expected != actual {
        panic!(
            "golden mismatch for {} (run `BLESS=1 cargo test -p passes` if the change is intended)\n{}",
            path.display(),
            line_diff(&expected, actual)
        );
    }
}

/// A line-by-line diff good enough to spot what changed: `-` expected, `+` actual, from a
/// longest common subsequence of lines.
fn line_diff(expected: &str, actual: &str) -> String {
    let a: Vec<&str> = expected.lines().collect();
    let b: Vec<&str> = actual.lines().collect();
    let mut lcs = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, String::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            out += &format!("  {}\n", a[i]);
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            out += &format!("+ {}\n", b[j]);
            j += 1;
        } else {
            out += &format!("- {}\n", a[i]);
            i += 1;
        }
    }
    out
}

// ---- speculative passes on IR0 compiled from Ruby -----------------------------------

/// Compiles `src` with the frontend and runs the IR0 pipeline on every function: the IR0
/// a speculative version starts from. Panics with the diagnostic on bad input.
pub fn compile_ir0(src: &str) -> ir::Module {
    let mut m = ir::Module::default();
    frontend::compile(src, "t.rb", &mut m).unwrap_or_else(|d| panic!("{d}"));
    for f in &mut m.functions {
        passes::ir0_pipeline()
            .run(f, &PassContext::empty())
            .unwrap_or_else(|e| panic!("{e}"));
    }
    m
}

/// The id of the function of `m` named `name` (`Foo#bar`, `block in bar`, ...).
pub fn func_named(m: &ir::Module, name: &str) -> FuncId {
    m.functions
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no function {name} in the module"))
        .id
}

/// A speculative version of `ir0`: a copy in phase `Speculative`.
pub fn version_of(ir0: &Function) -> Function {
    let mut v = ir0.clone();
    v.phase = ir::Phase::Speculative;
    v
}

/// The `Ipc` of the `k`-th instruction (from 0, in block order) of `f` that `pred` accepts.
pub fn nth_ipc(f: &Function, k: usize, pred: impl Fn(&InstKind) -> bool) -> ir::Ipc {
    f.insts()
        .filter(|(_, i)| pred(&i.kind))
        .nth(k)
        .unwrap_or_else(|| {
            panic!(
                "{}: fewer than {} matching instructions\n{f}",
                f.name,
                k + 1
            )
        })
        .1
        .ipc
}

/// The `Ipc` of the `k`-th call of `name` in `f`.
pub fn call_ipc(f: &Function, name: &str, k: usize) -> ir::Ipc {
    nth_ipc(f, k, |i| matches!(i, InstKind::Call(c) if c.name == name))
}

/// The `Ipc` of the `k`-th `op` (a `Binary`) in `f`.
pub fn binary_ipc(f: &Function, op: ir::BinOp, k: usize) -> ir::Ipc {
    nth_ipc(f, k, |i| matches!(i, InstKind::Binary(o, ..) if *o == op))
}

/// A call-site profile that saw the given classes (with counts), not megamorphic.
pub fn call_site(classes: &[(ir::ClassId, &str, u64)]) -> ir::profile::SiteProfile {
    ir::profile::SiteProfile::Call {
        classes: classes
            .iter()
            .map(|(c, n, k)| (*c, n.to_string(), *k))
            .collect(),
        megamorphic: false,
    }
}

/// An operator-site profile that saw the given operand type sets (`TypeSet` bits).
pub fn operands_site(lhs: u8, rhs: u8) -> ir::profile::SiteProfile {
    ir::profile::SiteProfile::Operands {
        lhs: ir::profile::TypeSet(lhs),
        rhs: ir::profile::TypeSet(rhs),
        count: 100,
    }
}

/// An `Oracle` over a compiled module: IR0 by id, methods from an explicit table of
/// (class, name) -> function, and hand-built profiles per function.
pub struct ModuleOracle {
    pub module: ir::Module,
    pub methods: std::collections::HashMap<(ir::ClassId, String), FuncId>,
    pub profiles: std::collections::HashMap<FuncId, ir::profile::Profile>,
    /// Core classes the program has, by id (none unless a test says so).
    pub core: std::collections::HashMap<ir::CoreClass, ir::ClassId>,
    /// Core methods the program redefined (the others are intact).
    pub redefined: Vec<(ir::CoreClass, String)>,
    /// Methods that are private (the others are public).
    pub private: Vec<(ir::ClassId, String)>,
}

impl ModuleOracle {
    pub fn new(module: ir::Module) -> ModuleOracle {
        ModuleOracle {
            module,
            methods: Default::default(),
            profiles: Default::default(),
            core: Default::default(),
            redefined: Vec::new(),
            private: Vec::new(),
        }
    }

    /// Makes `class#name` resolve to the function named `func` (`Foo#bar`).
    pub fn method(&mut self, class: ir::ClassId, name: &str, func: &str) -> &mut Self {
        let id = func_named(&self.module, func);
        self.methods.insert((class, name.to_string()), id);
        self
    }

    /// The IR0 of the function named `name`.
    pub fn func(&self, name: &str) -> &Function {
        let id = func_named(&self.module, name);
        ir::pass::Oracle::ir0(self, id).unwrap()
    }

    /// Records `site` at `ipc` in the profile of `func`.
    pub fn site(&mut self, func: FuncId, ipc: ir::Ipc, site: ir::profile::SiteProfile) {
        self.profiles
            .entry(func)
            .or_default()
            .sites
            .insert(ipc, site);
    }
}

impl ir::pass::Oracle for ModuleOracle {
    fn ir0(&self, func: FuncId) -> Option<&Function> {
        self.module.functions.iter().find(|f| f.id == func)
    }
    fn resolve_method(&self, class: ir::ClassId, name: &str) -> Option<ir::pass::ResolvedMethod> {
        let func = self.methods.get(&(class, name.to_string())).copied()?;
        Some(ir::pass::ResolvedMethod {
            func,
            lexical_class: class,
            private: self.private.contains(&(class, name.to_string())),
        })
    }
    fn profile(&self, func: FuncId) -> Option<ir::profile::Profile> {
        self.profiles.get(&func).cloned()
    }
    fn core_class(&self, class: ir::CoreClass) -> Option<ir::ClassId> {
        self.core.get(&class).copied()
    }
    fn builtin_intact(&self, class: ir::CoreClass, name: &str) -> bool {
        !self.redefined.contains(&(class, name.to_string()))
    }
}

/// Panics with every error of `verify_version_with` (each frame checked against its own
/// function's IR0 from `oracle`).
pub fn assert_version_verifies(v: &Function, oracle: &dyn ir::pass::Oracle, what: &str) {
    if let Err(errors) = ir::verify::verify_version_with(v, &|f| oracle.ir0(f)) {
        let list: Vec<String> = errors.iter().map(|e| format!("  {e}")).collect();
        panic!("verifier rejects the {what}:\n{}\n{v}", list.join("\n"));
    }
}

/// The inline sites of a version, one per line, for golden files (the printer leaves
/// them out).
pub fn inline_sites_text(v: &Function) -> String {
    let mut out = String::new();
    for (k, s) in v.inline_sites.iter().enumerate() {
        let temps: Vec<String> = s.temps.iter().map(|(a, b)| format!("{a}={b}")).collect();
        let locals: Vec<String> = s.locals.iter().map(|(a, b)| format!("{a}={b}")).collect();
        out += &format!(
            "site {}: {} at {} of ctx {}, self {}, block {}, outer {}, block_obj {}, home {}, \
             argc {}, temps [{}], locals [{}]\n",
            k + 1,
            s.callee,
            s.call_site,
            s.parent,
            s.self_val,
            s.block,
            s.outer_scope,
            s.block_obj,
            s.home,
            s.argc,
            temps.join(", "),
            locals.join(", ")
        );
    }
    out
}

/// Runs speculative pass `pass` on `v` (with `profile` for `v`'s own function and
/// `oracle` for the rest) as the golden test `name`: the output must pass
/// `verify_version_with`, and the IR before and after (with the inline sites) must match
/// `tests/golden/{name}.txt`. Returns the output and whether the pass reported a change,
/// which must agree with the printed IR.
pub fn check_speculative(
    name: &str,
    pass: &dyn Pass,
    mut v: Function,
    profile: Option<&ir::profile::Profile>,
    oracle: &dyn ir::pass::Oracle,
) -> (Function, bool) {
    let cx = PassContext { profile, oracle };
    let before = format!("{v}{}", inline_sites_text(&v));
    let changed = pass.run(&mut v, &cx).unwrap_or_else(|e| panic!("{e}"));
    assert_version_verifies(&v, oracle, &format!("output of {}", pass.name()));
    let after = format!("{v}{}", inline_sites_text(&v));
    assert_eq!(
        changed,
        before != after,
        "{}: reported changed={changed}, but the IR says otherwise",
        pass.name()
    );
    let text = format!(
        "; pass: {}\n; changed: {changed}\n; ---- before\n{before}; ---- after\n{after}",
        pass.name()
    );
    check_golden(name, &text);
    (v, changed)
}

/// Runs the pipeline `spec` on version `v` with profile `p`, verifying each step and the
/// output (invariants 4-6 against the oracle's IR0s).
pub fn run_spec(spec: &str, v: &mut Function, p: &ir::profile::Profile, o: &dyn ir::pass::Oracle) {
    let cx = PassContext {
        profile: Some(p),
        oracle: o,
    };
    PassManager::from_spec(spec)
        .unwrap()
        .with_verify_each(true)
        .run(v, &cx)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_version_verifies(v, o, &format!("output of {spec}"));
}

/// `f` with the invalidation points `assumeguard` would put in a version: a
/// `guard assumptions` after every instruction that may run Ruby code, resuming at the
/// instruction after it with every local in its slot and the temps live there (`f` stands
/// for its own IR0). Unit-test inputs that `unbox` gets need them (invariant 8).
#[allow(dead_code)]
pub fn invalidation_points(mut f: Function) -> Function {
    let live = ir::cfg::liveness(&f);
    let mut plan = Vec::new();
    for b in &f.blocks {
        for (i, inst) in b.insts.iter().enumerate() {
            if inst.kind.may_run_ruby() {
                let next = &b.insts[i + 1];
                let temps: Vec<(TempId, ir::FrameValue)> = live
                    .live_before(&f, b.id, i + 1)
                    .temps()
                    .map(|t| (t, ir::FrameValue::Temp(t)))
                    .collect();
                let state = ir::FrameState {
                    func: f.id,
                    ipc: next.ipc,
                    self_val: ir::FrameValue::VersionSelf,
                    block: ir::FrameValue::VersionBlock,
                    outer_scope: ir::FrameValue::VersionOuter,
                    home: 0,
                    block_obj: ir::FrameValue::Nil,
                    argc: ir::FrameArgc::Version,
                    cref: None,
                    locals: (0..f.locals.len() as u32)
                        .map(|l| (ir::LocalId(l), ir::FrameValue::Local(ir::LocalId(l))))
                        .collect(),
                    temps,
                };
                let guard = ir::Inst {
                    ipc: inst.ipc,
                    dst: None,
                    kind: InstKind::Guard {
                        check: ir::GuardCheck::Assumptions,
                        resume: Box::new(ir::ResumePoint {
                            ipc: next.ipc,
                            reason: ir::DeoptReason::Invalidated,
                            inline_chain: Vec::new(),
                            frames: vec![state],
                        }),
                    },
                    line: inst.line,
                    inlined: 0,
                };
                plan.push((b.id, i + 1, guard));
            }
        }
    }
    for (b, at, g) in plan.into_iter().rev() {
        f.block_mut(b).insts.insert(at, g);
    }
    f
}
