//! CFG analyses and liveness on small functions.

mod common;

use ir::cfg::{liveness, BitSet, Cfg, EdgeKind};
use ir::*;

fn temps(s: &BitSet) -> Vec<u32> {
    s.temps().map(|t| t.0).collect()
}

fn bb(i: u32) -> BlockId {
    BlockId(i)
}

#[test]
fn loop_cfg() {
    let f = common::loop_fn();
    let cfg = Cfg::new(&f);
    assert_eq!(cfg.num_blocks(), 4);
    assert_eq!(cfg.successors(bb(0)), [bb(1)]);
    assert_eq!(cfg.successors(bb(1)), [bb(2), bb(3)]);
    assert_eq!(cfg.successors(bb(2)), [bb(1)]);
    assert!(cfg.successors(bb(3)).is_empty());
    assert_eq!(cfg.predecessors(bb(1)), [bb(0), bb(2)]);
    assert_eq!(cfg.rpo(), [bb(0), bb(1), bb(2), bb(3)]);
    assert_eq!(cfg.idom(bb(0)), None);
    assert_eq!(cfg.idom(bb(1)), Some(bb(0)));
    assert_eq!(cfg.idom(bb(2)), Some(bb(1)));
    assert_eq!(cfg.idom(bb(3)), Some(bb(1)));
    assert!(cfg.dominates(bb(1), bb(3)));
    assert!(cfg.dominates(bb(2), bb(2)));
    assert!(!cfg.dominates(bb(2), bb(3)));
    assert_eq!(cfg.back_edges(), [(bb(2), bb(1))]);
    assert_eq!(cfg.loop_headers().collect::<Vec<_>>(), [bb(1)]);
    assert!(cfg.is_loop_header(bb(1)) && !cfg.is_loop_header(bb(0)));
    assert_eq!(cfg.graph().edge_count(), 4);
}

#[test]
fn handler_edges_and_unreachable_blocks() {
    let mut f = common::handler_fn();
    // An unreachable block that jumps into the function.
    let dead = f.new_block();
    let ipc = f.new_ipc();
    f.block_mut(dead).insts.push(Inst {
        ipc,
        dst: None,
        kind: InstKind::Jump(BlockCall::new(bb(4))),
        line: 1,
        inlined: 0,
    });
    let cfg = Cfg::new(&f);
    assert_eq!(cfg.successors(bb(1)), [bb(3), bb(2)]);
    assert_eq!(
        cfg.edges(bb(1)),
        [(bb(3), EdgeKind::Jump), (bb(2), EdgeKind::Unwind)]
    );
    assert_eq!(cfg.unwind_successor(bb(1)), Some(bb(2)));
    assert_eq!(cfg.unwind_successor(bb(0)), None);
    assert_eq!(cfg.predecessors(bb(2)), [bb(1)]);
    assert_eq!(cfg.predecessors(bb(3)), [bb(1), bb(4)]);
    assert_eq!(cfg.predecessors(bb(4)), [bb(2), bb(6)]);
    assert!(cfg.is_reachable(bb(2)));
    assert!(!cfg.is_reachable(dead));
    assert_eq!(cfg.rpo_index(dead), None);
    assert_eq!(cfg.rpo().len(), 6);
    assert_eq!(cfg.rpo()[0], bb(0));
    assert_eq!(
        cfg.reachable().iter().collect::<Vec<_>>(),
        [0, 1, 2, 3, 4, 5]
    );
    assert_eq!(cfg.idom(bb(3)), Some(bb(1)));
    assert_eq!(cfg.idom(dead), None);
    assert!(!cfg.dominates(bb(0), dead));
    assert!(cfg.back_edges().is_empty());

    // A protected block with nothing that may unwind has no edge to its handler.
    f.block_mut(bb(1)).insts.remove(1);
    f.block_mut(bb(1)).insts[1].kind = InstKind::Jump(BlockCall::with_args(bb(3), &[TempId(1)]));
    let cfg = Cfg::new(&f);
    assert_eq!(cfg.successors(bb(1)), [bb(3)]);
    assert!(!cfg.is_reachable(bb(2)));
}

#[test]
fn malformed_targets_do_not_panic() {
    let mut f = common::loop_fn();
    f.block_mut(bb(2)).insts.last_mut().unwrap().kind = InstKind::Jump(BlockCall::new(bb(40)));
    f.block_mut(bb(0)).handler = Some(bb(99));
    let cfg = Cfg::new(&f);
    assert!(cfg.successors(bb(2)).is_empty());
    assert!(cfg.back_edges().is_empty());
    let live = liveness(&f);
    assert_eq!(temps(live.live_in(bb(2))), [2, 3]);
    f.entry = bb(10);
    let cfg = Cfg::new(&f);
    assert!(cfg.rpo().is_empty());
}

#[test]
fn liveness_of_a_loop() {
    let f = common::loop_fn();
    let live = liveness(&f);
    // Block params are defined on entry: never live-in of their own block.
    assert_eq!(temps(live.live_in(bb(0))), [] as [u32; 0]);
    assert_eq!(temps(live.live_out(bb(0))), [0]);
    assert_eq!(temps(live.live_in(bb(1))), [0]);
    assert_eq!(temps(live.live_out(bb(1))), [0, 2, 3]);
    assert_eq!(temps(live.live_in(bb(2))), [0, 2, 3]);
    assert_eq!(temps(live.live_out(bb(2))), [0]);
    assert_eq!(temps(live.live_in(bb(3))), [3]);
    assert!(live.is_live_in(bb(2), TempId(3)));
    // Just before `%t7 = add %t2, %t6`.
    assert_eq!(temps(&live.live_before(&f, bb(2), 2)), [0, 2, 5, 6]);
    // Jump args are uses at the jump.
    assert_eq!(temps(&live.live_before(&f, bb(2), 3)), [0, 5, 7]);
    // Params are live before the first instruction that uses them.
    assert_eq!(temps(&live.live_before(&f, bb(1), 0)), [0, 2, 3]);
    assert_eq!(temps(&live.live_before(&f, bb(0), 0)), [] as [u32; 0]);
    assert_eq!(temps(&live.live_before(&f, bb(0), 3)), [0, 1]);
    // `index == len` is the live-out set.
    assert_eq!(temps(&live.live_before(&f, bb(2), 4)), [0]);
    assert_eq!(live.num_temps(), 8);
}

#[test]
fn liveness_through_a_handler() {
    let f = common::handler_fn();
    let live = liveness(&f);
    // The rescue branch returns `%t0`, so the handler needs it, and so does every
    // instruction of the protected block that may unwind.
    assert_eq!(temps(live.live_in(bb(2))), [0]);
    assert_eq!(temps(live.live_in(bb(1))), [0]);
    assert_eq!(temps(live.live_out(bb(0))), [0]);
    // Before the call (may unwind): the handler's live-in and the call's operand.
    assert_eq!(temps(&live.live_before(&f, bb(1), 1)), [0, 1]);
    // Before the jump (cannot unwind): only the jump argument.
    assert_eq!(temps(&live.live_before(&f, bb(1), 2)), [2]);
    assert_eq!(temps(live.live_out(bb(1))), [] as [u32; 0]);
    assert_eq!(temps(live.live_in(bb(5))), [3]);
    assert_eq!(temps(live.live_out(bb(2))), [0, 3]);
    assert_eq!(temps(live.live_in(bb(3))), [] as [u32; 0]);
}

#[test]
fn liveness_of_a_long_chain_of_temps() {
    // Thousands of temps across a loop: one value per iteration of a long unrolled body.
    let mut f = Function::new(FuncId(0), "main", FuncKind::Script, "m.rb", 1);
    let mut b = Builder::new(&mut f);
    let first = b.constant(Const::Int(0));
    let head = b.new_block();
    let exit = b.new_block();
    b.jump(head, &[first]);
    b.switch_to(head);
    let p = b.block_param(head);
    let mut acc = p;
    let mut all = Vec::new();
    for _ in 0..3000 {
        acc = b.value(InstKind::Binary(BinOp::Add, acc, first));
        all.push(acc);
    }
    b.branch(acc, exit, exit);
    // Re-point the branch: loop back with the last value.
    let last = f.blocks[1].insts.len() - 1;
    f.blocks[1].insts[last].kind = InstKind::Branch {
        cond: acc,
        then_: BlockCall::with_args(head, &[acc]),
        else_: BlockCall::new(exit),
    };
    let mut b = Builder::new(&mut f);
    b.switch_to(exit);
    b.effect(InstKind::Return(first));
    let live = liveness(&f);
    assert_eq!(temps(live.live_in(head)), [0]);
    assert_eq!(temps(&live.live_before(&f, head, 1500)), [0, all[1499].0]);
    assert!(ir::verify::verify(&f).is_ok());
}

#[test]
fn bitset_basics() {
    let mut s = BitSet::new(130);
    assert!(s.is_empty());
    assert!(s.insert(0) && s.insert(64) && s.insert(129));
    assert!(!s.insert(64));
    assert_eq!(s.iter().collect::<Vec<_>>(), [0, 64, 129]);
    assert_eq!(s.count(), 3);
    assert!(s.contains(129) && !s.contains(128) && !s.contains(1000));
    assert!(s.remove(64) && !s.remove(64) && !s.remove(500));
    let full = BitSet::full(130);
    assert_eq!(full.count(), 130);
    let mut t = full.clone();
    assert!(t.subtract(&s));
    assert_eq!(t.count(), 128);
    assert!(t.intersect_with(&s) && t.is_empty());
    assert!(t.union_with(&s) && !t.union_with(&s));
    assert_eq!(t, s);
    let mut u = BitSet::new(130);
    assert!(u.union_with_difference(&full, &s));
    assert_eq!(u.count(), 128);
    u.clear();
    assert!(u.is_empty());
    assert_eq!(format!("{s:?}"), "{0, 129}");
}
