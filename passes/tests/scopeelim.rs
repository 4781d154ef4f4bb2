//! Golden tests of `scopeelim` (dynscope elimination).

mod common;

use common::{assert_verifies, call, check_golden, check_pass, method};
use ir::pass::{Oracle, Pass, PassContext};
use ir::{
    BinOp, Builder, ClassId, Const, DeoptReason, FrameState, FrameValue, FuncId, FuncKind,
    Function, GuardCheck, InlineFrame, InlineSite, Inst, InstKind, Ipc, LocalId, Phase,
    ResumePoint, TempId,
};
use passes::speculative::scopeelim::ScopeElim;
use passes::PassManager;

const BLOCK_FN: FuncId = FuncId(2);

/// Knows the IR0 of the inlined block: `{ |x| y = s + x; s = y }`, whose own scope has one
/// slot, `y`.
struct BlockOracle {
    block: Function,
}

impl BlockOracle {
    fn new() -> BlockOracle {
        let mut block = Function::new(
            BLOCK_FN,
            "block in t",
            FuncKind::Block { parent: FuncId(1) },
            "t.rb",
            2,
        );
        block.scope = vec!["y".into()];
        Builder::new(&mut block).effect(InstKind::Unreachable);
        BlockOracle { block }
    }
}

impl Oracle for BlockOracle {
    fn ir0(&self, func: FuncId) -> Option<&Function> {
        (func == BLOCK_FN).then_some(&self.block)
    }
    fn resolve_method(&self, _class: ClassId, _name: &str) -> Option<ir::pass::ResolvedMethod> {
        None
    }
}

fn frame(func: FuncId, ipc: Ipc, outer: FrameValue, temps: &[(u32, TempId)]) -> FrameState {
    FrameState {
        func,
        ipc,
        self_val: FrameValue::VersionSelf,
        block: FrameValue::Nil,
        outer_scope: outer,
        home: 0,
        block_obj: FrameValue::Nil,
        argc: ir::FrameArgc::Known(1),
        cref: None,
        locals: Vec::new(),
        temps: temps
            .iter()
            .map(|(ir0, t)| (TempId(*ir0), FrameValue::Temp(*t)))
            .collect(),
    }
}

/// `def t(a); s = 0; [a].each { |x| y = s + x; s = y }; s; end` after the inliner put the
/// block's body (inline site 1) in a loop and rewrote its `scope_outer 1` to the method's
/// scope `%t0`; the block keeps its own scope `%t3 = scope_new_in %t0, 1` (slot `y`). A
/// guard in the inlined body rebuilds both frames, naming both scopes.
fn inlined_block() -> Function {
    let mut f = method(1, &[]);
    f.phase = Phase::Speculative;
    f.scope = vec!["s".into()];
    let mut b = Builder::new(&mut f);
    let s = b.value(InstKind::ScopeNew);
    let a = b.value(InstKind::Arg(0));
    let zero = b.constant(Const::Int(0));
    b.effect(InstKind::ScopeStore {
        scope: s,
        slot: 0,
        value: zero,
    });
    let (body, exit) = (b.new_block(), b.new_block());
    let call_site = Ipc(b.func.next_ipc);
    b.jump(body, &[]);
    b.switch_to(body);
    b.line = 2;
    let own = b.value(InstKind::ScopeNewIn {
        parent: Some(s),
        size: 1,
    });
    let sv = b.value(InstKind::ScopeLoad { scope: s, slot: 0 });
    let sum = b.value(InstKind::Binary(BinOp::Add, sv, a));
    b.effect(InstKind::ScopeStore {
        scope: own,
        slot: 0,
        value: sum,
    });
    let y = b.value(InstKind::ScopeLoad {
        scope: own,
        slot: 0,
    });
    b.effect(InstKind::ScopeStore {
        scope: s,
        slot: 0,
        value: y,
    });
    let more = call(&mut b, "more?", &[]);
    b.branch(more, body, exit);
    b.switch_to(exit);
    b.line = 3;
    let result = b.value(InstKind::ScopeLoad { scope: s, slot: 0 });
    b.effect(InstKind::Return(result));

    f.inline_sites.push(InlineSite {
        callee: BLOCK_FN,
        parent: 0,
        call_site,
        temps: Default::default(),
        locals: Default::default(),
        self_val: FrameValue::VersionSelf,
        block: FrameValue::Nil,
        outer_scope: FrameValue::Temp(s),
        block_obj: FrameValue::Nil,
        home: 0,
        argc: 1,
        cref: None,
    });
    // The block body's instructions come from the block (its `Ipc`s, 0..).
    let body_insts = &mut f.blocks[1].insts;
    for (k, inst) in body_insts.iter_mut().take(6).enumerate() {
        inst.inlined = 1;
        inst.ipc = Ipc(k as u32);
    }
    let add_ipc = body_insts[2].ipc;
    let block_obj = FrameValue::Block {
        id: 99,
        func: BLOCK_FN,
        self_val: Box::new(FrameValue::VersionSelf),
        scope: Box::new(FrameValue::Temp(s)),
        home_block: Box::new(FrameValue::Nil),
        home: 0,
    };
    let mut inner = frame(
        BLOCK_FN,
        add_ipc,
        FrameValue::Temp(s),
        &[(0, a), (1, own), (2, sv)],
    );
    inner.block_obj = block_obj;
    let guard = Inst {
        ipc: add_ipc,
        dst: None,
        kind: InstKind::Guard {
            check: GuardCheck::IsFixnum(sv),
            resume: Box::new(ResumePoint {
                ipc: add_ipc,
                reason: DeoptReason::TypeGuard,
                inline_chain: vec![InlineFrame {
                    callee: BLOCK_FN,
                    call_site,
                }],
                frames: vec![
                    frame(f.id, call_site, FrameValue::VersionOuter, &[(0, s), (1, a)]),
                    inner,
                ],
            }),
        },
        line: 2,
        inlined: 1,
    };
    f.blocks[1].insts.insert(2, guard);
    f
}

/// Runs scopeelim with `oracle` as the golden test `name` (input and output verify; a
/// second run changes nothing).
fn check_with(name: &str, oracle: &dyn Oracle, mut f: Function) -> Function {
    let cx = PassContext {
        profile: None,
        oracle,
    };
    assert_verifies(&f, "input");
    let before = f.to_string();
    let changed = ScopeElim.run(&mut f, &cx).unwrap();
    assert_verifies(&f, "output of scopeelim");
    let after = f.to_string();
    assert_eq!(changed, before != after);
    assert!(!ScopeElim.run(&mut f, &cx).unwrap(), "not idempotent");
    assert_eq!(after, f.to_string());
    check_golden(
        name,
        &format!(
            "; pass: scopeelim\n; changed: {changed}\n; ---- before\n{before}; ---- after\n{after}"
        ),
    );
    f
}

/// Every frame value of every resume point of `f`.
fn frame_values(f: &Function) -> Vec<FrameValue> {
    let mut out = Vec::new();
    for (_, inst) in f.insts() {
        if let Some(r) = inst.kind.resume_point() {
            for fr in &r.frames {
                fr.for_each_value(&mut |v| out.push(v.clone()));
            }
        }
    }
    out
}

#[test]
fn scopes_of_inlined_blocks_become_locals() {
    let f = check_with("scopeelim_inlined", &BlockOracle::new(), inlined_block());
    assert!(!f.insts().any(|(_, i)| matches!(
        i.kind,
        InstKind::ScopeNew | InstKind::ScopeLoad { .. } | InstKind::ScopeStore { .. }
    )));
    let names: Vec<&str> = f.locals.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["s", "y"]);
    // The method's scope, as the inner frame's outer scope and as the parent of the
    // block's own scope.
    let method_scope = FrameValue::Scope {
        id: 0,
        parent: Box::new(FrameValue::Nil),
        slots: vec![FrameValue::Local(LocalId(0))],
    };
    let values = frame_values(&f);
    assert!(values.contains(&method_scope));
    assert!(values.contains(&FrameValue::Scope {
        id: 3,
        parent: Box::new(method_scope.clone()),
        slots: vec![FrameValue::Local(LocalId(1))],
    }));
    assert!(!values
        .iter()
        .any(|v| matches!(v, FrameValue::Temp(t) if t.0 == 0 || t.0 == 3)));
    assert!(f.deleted.entries.is_empty());
}

#[test]
fn without_the_callee_ir0_slots_get_plain_names() {
    let f = check_with(
        "scopeelim_unknown_callee",
        &ir::pass::NoOracle,
        inlined_block(),
    );
    let names: Vec<&str> = f.locals.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["s", "scope_slot_0"]);
}

#[test]
fn the_parent_of_a_captured_scope_stays() {
    // The inlined block's own scope is captured by a block that was not inlined: it stays,
    // and so does the method's scope, its parent.
    let mut f = inlined_block();
    let own = TempId(3);
    let blk = f.new_temp();
    let body = &mut f.blocks[1].insts;
    let at = body.len() - 2;
    let template = body[at].clone();
    body.insert(
        at,
        Inst {
            dst: Some(blk),
            kind: InstKind::MakeBlock {
                func: FuncId(7),
                scope: Some(own),
            },
            ..template.clone()
        },
    );
    body.insert(
        at + 1,
        Inst {
            dst: None,
            kind: InstKind::Call(Box::new(ir::CallInfo {
                recv: None,
                name: "keep".into(),
                args: vec![blk],
                block: None,
                vcall: false,
                fcall: true,
            })),
            ..template
        },
    );
    let (f, changed) = check_pass("scopeelim_escaping_child", &ScopeElim, f);
    assert!(!changed);
    assert!(f.locals.is_empty());
}

#[test]
fn captured_scopes_stay() {
    // `def t; s = 1; foo { s }; s; end`: the block was not inlined.
    let mut f = method(0, &[]);
    f.phase = Phase::Speculative;
    f.scope = vec!["s".into()];
    let mut b = Builder::new(&mut f);
    let s = b.value(InstKind::ScopeNew);
    let one = b.constant(Const::Int(1));
    b.effect(InstKind::ScopeStore {
        scope: s,
        slot: 0,
        value: one,
    });
    let blk = b.value(InstKind::MakeBlock {
        func: FuncId(7),
        scope: Some(s),
    });
    b.value(InstKind::Call(Box::new(ir::CallInfo {
        recv: None,
        name: "foo".into(),
        args: vec![],
        block: Some(blk),
        vcall: false,
        fcall: true,
    })));
    let v = b.value(InstKind::ScopeLoad { scope: s, slot: 0 });
    b.effect(InstKind::Return(v));
    let (_, changed) = check_pass("scopeelim_captured", &ScopeElim, f);
    assert!(!changed);
}

#[test]
fn then_mem2reg_makes_the_slots_temps() {
    let mut f = inlined_block();
    let oracle = BlockOracle::new();
    let cx = PassContext {
        profile: None,
        oracle: &oracle,
    };
    let before = f.to_string();
    let pm = PassManager::from_spec("scopeelim,mem2reg,copyprop,dce")
        .unwrap()
        .with_verify_each(true);
    pm.run(&mut f, &cx).unwrap_or_else(|e| panic!("{e}"));
    assert_verifies(&f, "pipeline output");
    check_golden(
        "scopeelim_mem2reg",
        &format!(
            "; pipeline: scopeelim,mem2reg,copyprop,dce\n; ---- before\n{before}; ---- after\n{f}"
        ),
    );
    assert!(!f.insts().any(|(_, i)| matches!(
        i.kind,
        InstKind::LoadLocal(_) | InstKind::StoreLocal(..) | InstKind::ScopeLoad { .. }
    )));
    // The scopes' slots are temps now.
    for v in frame_values(&f) {
        let mut locals = 0;
        v.clone()
            .rewrite(&mut |x| locals += matches!(x, FrameValue::Local(_)) as u32);
        assert_eq!(locals, 0, "{v}");
    }
}
