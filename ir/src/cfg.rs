//! Control-flow analyses: the CFG of a function with its handler edges ([`Cfg`]: successors,
//! predecessors, reverse post-order, reachability, dominators, back edges and loop headers),
//! and temp liveness ([`liveness`]), over a small dense [`BitSet`].
//!
//! # Edges
//!
//! A block's successors are the targets of its terminator (its last instruction), then its
//! handler when it has one and [`Block::may_unwind`]: an unwind edge. A block that jumps to
//! its own handler has one edge, both a jump and an unwind edge. Targets that name no block
//! (a malformed function) are left out, so the analyses never panic on what the verifier
//! rejects.
//!
//! # Liveness
//!
//! A temp is live at a point when some path from there reads it before the end of the
//! function. A block parameter is defined at the block's entry (so it is never live-in of
//! its own block), and the arguments of a jump are uses at the jump. An instruction that
//! may unwind, in a block with a handler, can continue at the handler instead of its
//! successor, so the handler's live-in set is live just before it (its own result is not
//! defined when it unwinds). On a verified function (where a handler reads only temps
//! defined on entry to every block it protects or in it before its first instruction
//! that may unwind) this makes the handler's live-in part of the protected block's
//! live-in, less what the block defines before it may unwind.
//!
//! `live_out(b)` is the union of the live-in sets of `b`'s jump targets; the unwind edge is
//! accounted for inside the block, at the instructions that may unwind.

use crate::types::*;
use petgraph::algo::dominators;
use petgraph::graph::{DiGraph, NodeIndex};
use smallvec::SmallVec;

/// A fixed-capacity set of small integers (temp indices, block indices), one bit each.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct BitSet {
    words: Vec<u64>,
    /// The capacity: elements are `< len`.
    len: usize,
}

impl BitSet {
    /// An empty set for elements `0..len`.
    pub fn new(len: usize) -> BitSet {
        BitSet {
            words: vec![0; len.div_ceil(64)],
            len,
        }
    }

    /// The set of all elements `0..len`.
    pub fn full(len: usize) -> BitSet {
        let mut s = BitSet {
            words: vec![!0; len.div_ceil(64)],
            len,
        };
        s.trim();
        s
    }

    /// Clears the bits past `len` in the last word.
    fn trim(&mut self) {
        let rem = self.len % 64;
        if rem != 0 {
            if let Some(w) = self.words.last_mut() {
                *w &= (1u64 << rem) - 1;
            }
        }
    }

    /// The capacity: the set holds elements `< capacity()`.
    pub fn capacity(&self) -> usize {
        self.len
    }

    /// Adds `i`; returns whether it was absent. Panics when `i >= capacity()`.
    #[inline]
    pub fn insert(&mut self, i: usize) -> bool {
        assert!(
            i < self.len,
            "BitSet::insert({i}) past capacity {}",
            self.len
        );
        let (w, b) = (i / 64, 1u64 << (i % 64));
        let absent = self.words[w] & b == 0;
        self.words[w] |= b;
        absent
    }

    /// Removes `i`; returns whether it was present. Out-of-range elements are absent.
    #[inline]
    pub fn remove(&mut self, i: usize) -> bool {
        if i >= self.len {
            return false;
        }
        let (w, b) = (i / 64, 1u64 << (i % 64));
        let present = self.words[w] & b != 0;
        self.words[w] &= !b;
        present
    }

    /// Whether `i` is in the set (out-of-range elements are not).
    #[inline]
    pub fn contains(&self, i: usize) -> bool {
        i < self.len && self.words[i / 64] & (1u64 << (i % 64)) != 0
    }

    /// `self |= other`; returns whether `self` changed. Both sets must have one capacity.
    pub fn union_with(&mut self, other: &BitSet) -> bool {
        debug_assert_eq!(self.len, other.len);
        let mut changed = false;
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            let n = *a | *b;
            changed |= n != *a;
            *a = n;
        }
        changed
    }

    /// `self &= other`; returns whether `self` changed.
    pub fn intersect_with(&mut self, other: &BitSet) -> bool {
        debug_assert_eq!(self.len, other.len);
        let mut changed = false;
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            let n = *a & *b;
            changed |= n != *a;
            *a = n;
        }
        changed
    }

    /// `self -= other`; returns whether `self` changed.
    pub fn subtract(&mut self, other: &BitSet) -> bool {
        debug_assert_eq!(self.len, other.len);
        let mut changed = false;
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            let n = *a & !*b;
            changed |= n != *a;
            *a = n;
        }
        changed
    }

    /// `self |= (a - b)`; returns whether `self` changed.
    pub fn union_with_difference(&mut self, a: &BitSet, b: &BitSet) -> bool {
        debug_assert!(self.len == a.len && a.len == b.len);
        let mut changed = false;
        for ((s, x), y) in self.words.iter_mut().zip(&a.words).zip(&b.words) {
            let n = *s | (*x & !*y);
            changed |= n != *s;
            *s = n;
        }
        changed
    }

    /// Removes every element.
    pub fn clear(&mut self) {
        self.words.iter_mut().for_each(|w| *w = 0);
    }

    pub fn is_empty(&self) -> bool {
        self.words.iter().all(|w| *w == 0)
    }

    /// The number of elements.
    pub fn count(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// The elements in increasing order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.words.iter().enumerate().flat_map(|(wi, &w)| {
            let mut w = w;
            std::iter::from_fn(move || {
                if w == 0 {
                    return None;
                }
                let b = w.trailing_zeros() as usize;
                w &= w - 1;
                Some(wi * 64 + b)
            })
        })
    }

    /// The elements as temps, in increasing order (for sets indexed by temp id).
    pub fn temps(&self) -> impl Iterator<Item = TempId> + '_ {
        self.iter().map(|i| TempId(i as u32))
    }

    /// Whether the temp is in the set (for sets indexed by temp id).
    #[inline]
    pub fn contains_temp(&self, t: TempId) -> bool {
        self.contains(t.index())
    }
}

impl std::fmt::Debug for BitSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

/// How a CFG edge is taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EdgeKind {
    /// A terminator's target.
    Jump,
    /// The block's handler, taken when an instruction of the block unwinds.
    Unwind,
    /// The block jumps to its own handler and may also unwind to it.
    JumpAndUnwind,
}

/// The dominator tree of a graph, numbered so that dominance is a constant-time test: `a`
/// dominates `b` iff `b`'s pre/post interval nests in `a`'s. Nodes that the root does not
/// reach have no interval and dominate nothing.
#[derive(Clone, Debug)]
pub struct DomTree {
    idom: Vec<Option<u32>>,
    pre: Vec<u32>,
    post: Vec<u32>,
}

impl DomTree {
    /// The dominator tree of `graph` from `root` (none: an empty tree).
    pub fn new<N, E>(graph: &DiGraph<N, E>, root: Option<usize>) -> DomTree {
        let n = graph.node_count();
        let mut t = DomTree {
            idom: vec![None; n],
            pre: vec![u32::MAX; n],
            post: vec![u32::MAX; n],
        };
        let Some(root) = root else {
            return t;
        };
        let doms = dominators::simple_fast(graph, NodeIndex::new(root));
        let mut children: Vec<Vec<u32>> = vec![Vec::new(); n];
        for (i, cs) in (0..n).zip(t.idom.iter_mut()) {
            if i != root {
                if let Some(d) = doms.immediate_dominator(NodeIndex::new(i)) {
                    *cs = Some(d.index() as u32);
                    children[d.index()].push(i as u32);
                }
            }
        }
        let mut counter = 0u32;
        let mut stack: Vec<(u32, usize)> = vec![(root as u32, 0)];
        t.pre[root] = counter;
        counter += 1;
        while let Some((b, next)) = stack.last_mut() {
            let cs = &children[*b as usize];
            if *next < cs.len() {
                let c = cs[*next];
                *next += 1;
                t.pre[c as usize] = counter;
                counter += 1;
                stack.push((c, 0));
            } else {
                t.post[*b as usize] = counter;
                counter += 1;
                stack.pop();
            }
        }
        t
    }

    /// The immediate dominator of node `i` (`None` for the root and unreached nodes).
    pub fn idom(&self, i: usize) -> Option<usize> {
        self.idom[i].map(|d| d as usize)
    }

    /// Whether `a` dominates `b` (every reached node dominates itself).
    pub fn dominates(&self, a: usize, b: usize) -> bool {
        let (pa, pb) = (self.pre[a], self.pre[b]);
        pa != u32::MAX && pb != u32::MAX && pa <= pb && self.post[b] <= self.post[a]
    }
}

/// The control-flow graph of one function, with its handler edges, and the analyses that
/// depend on the graph only. Build it again after changing the function's control flow.
#[derive(Clone, Debug)]
pub struct Cfg {
    entry: BlockId,
    /// Per block: successors in order (terminator targets, then the handler), deduplicated.
    succs: Vec<SmallVec<[(BlockId, EdgeKind); 2]>>,
    succ_ids: Vec<SmallVec<[BlockId; 2]>>,
    preds: Vec<SmallVec<[BlockId; 2]>>,
    /// Reachable blocks in reverse post-order, entry first.
    rpo: Vec<BlockId>,
    /// Position of each block in `rpo` (`u32::MAX` when unreachable).
    rpo_index: Vec<u32>,
    doms: DomTree,
    back_edges: Vec<(BlockId, BlockId)>,
    loop_header: Vec<bool>,
    graph: DiGraph<BlockId, EdgeKind>,
}

impl Cfg {
    /// Builds the CFG of `f` and its analyses (RPO, dominators, back edges).
    pub fn new(f: &Function) -> Cfg {
        let n = f.blocks.len();
        let exists = |b: BlockId| b.index() < n;
        let mut succs: Vec<SmallVec<[(BlockId, EdgeKind); 2]>> = vec![SmallVec::new(); n];
        let mut preds: Vec<SmallVec<[BlockId; 2]>> = vec![SmallVec::new(); n];
        for (i, b) in f.blocks.iter().enumerate() {
            let out = &mut succs[i];
            if let Some(t) = b.insts.last() {
                for bc in t.kind.targets() {
                    if exists(bc.block) && !out.iter().any(|(s, _)| *s == bc.block) {
                        out.push((bc.block, EdgeKind::Jump));
                    }
                }
            }
            if let Some(h) = b.handler.filter(|h| exists(*h)) {
                if b.may_unwind() {
                    match out.iter_mut().find(|(s, _)| *s == h) {
                        Some(e) => e.1 = EdgeKind::JumpAndUnwind,
                        None => out.push((h, EdgeKind::Unwind)),
                    }
                }
            }
            for (s, _) in out.iter() {
                preds[s.index()].push(BlockId(i as u32));
            }
        }
        let succ_ids: Vec<SmallVec<[BlockId; 2]>> = succs
            .iter()
            .map(|v| v.iter().map(|(s, _)| *s).collect())
            .collect();

        // Reverse post-order by an iterative DFS. Successors are pushed in reverse so that
        // the first target of a branch comes first in the order.
        let mut rpo = Vec::with_capacity(n);
        let mut rpo_index = vec![u32::MAX; n];
        if exists(f.entry) {
            let mut visited = vec![false; n];
            let mut post = Vec::with_capacity(n);
            let mut stack: Vec<(BlockId, usize)> = vec![(f.entry, 0)];
            visited[f.entry.index()] = true;
            while let Some((b, next)) = stack.last_mut() {
                let ss = &succ_ids[b.index()];
                if *next < ss.len() {
                    let s = ss[ss.len() - 1 - *next];
                    *next += 1;
                    if !visited[s.index()] {
                        visited[s.index()] = true;
                        stack.push((s, 0));
                    }
                } else {
                    post.push(*b);
                    stack.pop();
                }
            }
            rpo = post;
            rpo.reverse();
            for (i, b) in rpo.iter().enumerate() {
                rpo_index[b.index()] = i as u32;
            }
        }

        let mut graph = DiGraph::with_capacity(n, succs.iter().map(|s| s.len()).sum());
        for i in 0..n {
            graph.add_node(BlockId(i as u32));
        }
        for (i, ss) in succs.iter().enumerate() {
            for (s, k) in ss {
                graph.add_edge(NodeIndex::new(i), NodeIndex::new(s.index()), *k);
            }
        }

        let doms = DomTree::new(&graph, exists(f.entry).then(|| f.entry.index()));

        let mut cfg = Cfg {
            entry: f.entry,
            succs,
            succ_ids,
            preds,
            rpo,
            rpo_index,
            doms,
            back_edges: Vec::new(),
            loop_header: vec![false; n],
            graph,
        };
        let mut back_edges = Vec::new();
        for &b in &cfg.rpo {
            for &s in &cfg.succ_ids[b.index()] {
                if cfg.dominates(s, b) {
                    back_edges.push((b, s));
                    cfg.loop_header[s.index()] = true;
                }
            }
        }
        cfg.back_edges = back_edges;
        cfg
    }

    /// The number of blocks (reachable or not).
    pub fn num_blocks(&self) -> usize {
        self.succs.len()
    }

    pub fn entry(&self) -> BlockId {
        self.entry
    }

    /// The successors of `b`, handler included (when it has an unwind edge), without
    /// duplicates: terminator targets in order, then the handler.
    pub fn successors(&self, b: BlockId) -> &[BlockId] {
        &self.succ_ids[b.index()]
    }

    /// The successors of `b` with how each is reached.
    pub fn edges(&self, b: BlockId) -> &[(BlockId, EdgeKind)] {
        &self.succs[b.index()]
    }

    /// The blocks with an edge to `b` (jump or unwind), in block order, without duplicates.
    pub fn predecessors(&self, b: BlockId) -> &[BlockId] {
        &self.preds[b.index()]
    }

    /// The handler `b` may unwind to, when that edge exists.
    pub fn unwind_successor(&self, b: BlockId) -> Option<BlockId> {
        self.succs[b.index()]
            .iter()
            .find(|(_, k)| matches!(k, EdgeKind::Unwind | EdgeKind::JumpAndUnwind))
            .map(|(s, _)| *s)
    }

    /// The blocks reachable from the entry, in reverse post-order (entry first).
    pub fn rpo(&self) -> &[BlockId] {
        &self.rpo
    }

    /// The position of `b` in [`Cfg::rpo`], or `None` when unreachable.
    pub fn rpo_index(&self, b: BlockId) -> Option<usize> {
        let i = self.rpo_index[b.index()];
        (i != u32::MAX).then_some(i as usize)
    }

    /// Whether `b` is reachable from the entry (handler edges count).
    pub fn is_reachable(&self, b: BlockId) -> bool {
        b.index() < self.rpo_index.len() && self.rpo_index[b.index()] != u32::MAX
    }

    /// A set of the reachable blocks, indexed by block id.
    pub fn reachable(&self) -> BitSet {
        let mut s = BitSet::new(self.num_blocks());
        for b in &self.rpo {
            s.insert(b.index());
        }
        s
    }

    /// The immediate dominator of `b` (`None` for the entry and unreachable blocks).
    pub fn idom(&self, b: BlockId) -> Option<BlockId> {
        self.doms.idom(b.index()).map(|d| BlockId(d as u32))
    }

    /// Whether `a` dominates `b` (every block dominates itself). False when either is
    /// unreachable.
    pub fn dominates(&self, a: BlockId, b: BlockId) -> bool {
        self.doms.dominates(a.index(), b.index())
    }

    /// The edges `(from, to)` whose target dominates their source, in RPO of `from`.
    pub fn back_edges(&self) -> &[(BlockId, BlockId)] {
        &self.back_edges
    }

    /// The natural loop of the back edge `latch -> header`: the header and every block that
    /// reaches the latch without passing through the header.
    pub fn natural_loop(&self, latch: BlockId, header: BlockId) -> BitSet {
        let mut body = BitSet::new(self.num_blocks());
        body.insert(header.index());
        let mut stack = vec![latch];
        while let Some(b) = stack.pop() {
            if body.insert(b.index()) {
                stack.extend(self.predecessors(b).iter().copied());
            }
        }
        body
    }

    /// The blocks that belong to some loop (the union of the natural loops).
    pub fn loop_blocks(&self) -> BitSet {
        let mut all = BitSet::new(self.num_blocks());
        for &(latch, header) in &self.back_edges {
            all.union_with(&self.natural_loop(latch, header));
        }
        all
    }

    /// Whether `b` is the target of a back edge.
    pub fn is_loop_header(&self, b: BlockId) -> bool {
        self.loop_header[b.index()]
    }

    /// The loop headers, in block order.
    pub fn loop_headers(&self) -> impl Iterator<Item = BlockId> + '_ {
        self.loop_header
            .iter()
            .enumerate()
            .filter(|(_, h)| **h)
            .map(|(i, _)| BlockId(i as u32))
    }

    /// The graph as petgraph sees it: node `i` is block `bbi`, edge weights say how the
    /// edge is taken. For algorithms this module does not offer.
    pub fn graph(&self) -> &DiGraph<BlockId, EdgeKind> {
        &self.graph
    }
}

/// Live temps per block, from [`liveness`]. Sets are indexed by temp id.
#[derive(Clone, Debug)]
pub struct Liveness {
    live_in: Vec<BitSet>,
    live_out: Vec<BitSet>,
    /// Capacity of every set: `next_temp` (or more, for temps past it).
    num_temps: usize,
    /// For each block longer than [`CHECKPOINT_EVERY`]: the temps live before every
    /// `CHECKPOINT_EVERY`-th instruction, built by the first `live_before` in it, so that
    /// one query walks at most that many instructions instead of the block's whole tail
    /// (a block of 40,000 calls, each asking for its resume point, was quadratic).
    checkpoints: Vec<std::cell::OnceCell<Vec<BitSet>>>,
}

/// How far apart `live_before`'s checkpoints are in a long block.
const CHECKPOINT_EVERY: usize = 128;

/// The capacity temp sets of `f` need: `next_temp`, or more if a temp is past it.
fn temp_capacity(f: &Function) -> usize {
    let mut n = f.next_temp as usize;
    for b in &f.blocks {
        for p in &b.params {
            n = n.max(p.index() + 1);
        }
        for i in &b.insts {
            if let Some(d) = i.dst {
                n = n.max(d.index() + 1);
            }
            i.kind.for_each_use(|t| n = n.max(t.index() + 1));
        }
    }
    n
}

/// The temp liveness of `f` (see the module doc for its rules). Meant for verified
/// functions; on others it still terminates without panicking.
pub fn liveness(f: &Function) -> Liveness {
    liveness_with_cfg(f, &Cfg::new(f))
}

/// [`liveness`] reusing a [`Cfg`] already built for `f`.
pub fn liveness_with_cfg(f: &Function, cfg: &Cfg) -> Liveness {
    let n = f.blocks.len();
    let nt = temp_capacity(f);

    // Per block: `gen` = upward-exposed uses; `kill` = params and every def; `hkill` =
    // params and the defs before the first instruction that may unwind (what the handler's
    // live-in does not flow back through). `unwinds` = whether the handler is reached.
    let mut gen = vec![BitSet::new(nt); n];
    let mut kill = vec![BitSet::new(nt); n];
    let mut hkill = vec![BitSet::new(nt); n];
    let mut handler: Vec<Option<BlockId>> = vec![None; n];
    for (bi, b) in f.blocks.iter().enumerate() {
        let (g, k, hk) = (&mut gen[bi], &mut kill[bi], &mut hkill[bi]);
        for p in &b.params {
            k.insert(p.index());
            hk.insert(p.index());
        }
        let mut seen_unwind = false;
        for inst in &b.insts {
            inst.kind.for_each_use(|t| {
                if !k.contains(t.index()) {
                    g.insert(t.index());
                }
            });
            if inst.kind.may_unwind() {
                seen_unwind = true;
            }
            if let Some(d) = inst.dst {
                k.insert(d.index());
                if !seen_unwind {
                    hk.insert(d.index());
                }
            }
        }
        handler[bi] = cfg.unwind_successor(BlockId(bi as u32));
    }

    let mut live_in = vec![BitSet::new(nt); n];
    let mut live_out = vec![BitSet::new(nt); n];
    // Post-order (successors first) converges fastest for a backward problem; unreachable
    // blocks are solved too, after the reachable ones.
    let mut order: Vec<BlockId> = cfg.rpo().iter().rev().copied().collect();
    order.extend(
        (0..n)
            .map(|i| BlockId(i as u32))
            .filter(|b| !cfg.is_reachable(*b)),
    );
    let mut changed = true;
    let mut scratch = BitSet::new(nt);
    while changed {
        changed = false;
        for &b in &order {
            let bi = b.index();
            scratch.clear();
            for (s, k) in cfg.edges(b) {
                if *k != EdgeKind::Unwind {
                    scratch.union_with(&live_in[s.index()]);
                }
            }
            if scratch != live_out[bi] {
                live_out[bi].clone_from(&scratch);
            }
            // in = gen | (out - kill) | (in(handler) - hkill)
            scratch.subtract(&kill[bi]);
            scratch.union_with(&gen[bi]);
            if let Some(h) = handler[bi] {
                scratch.union_with_difference(&live_in[h.index()], &hkill[bi]);
            }
            if scratch != live_in[bi] {
                live_in[bi].clone_from(&scratch);
                changed = true;
            }
        }
    }
    Liveness {
        checkpoints: vec![std::cell::OnceCell::new(); live_in.len()],
        live_in,
        live_out,
        num_temps: nt,
    }
}

impl Liveness {
    /// Temps live on entry to `b` (after its parameters are defined, so never its params).
    pub fn live_in(&self, b: BlockId) -> &BitSet {
        &self.live_in[b.index()]
    }

    /// Temps live after `b`'s terminator: the live-in of its jump targets.
    pub fn live_out(&self, b: BlockId) -> &BitSet {
        &self.live_out[b.index()]
    }

    /// Whether `t` is live on entry to `b`.
    pub fn is_live_in(&self, b: BlockId, t: TempId) -> bool {
        self.live_in[b.index()].contains(t.index())
    }

    /// The capacity of the sets: every temp id of the function is below it.
    pub fn num_temps(&self) -> usize {
        self.num_temps
    }

    /// The temps live just before instruction `index` of block `b` (`index ==
    /// insts.len()` gives the live-out set; `index` past it panics). Unlike `live_in`, this
    /// includes the block's parameters that are still to be read. `f` must be the function
    /// the liveness was computed for. Costs a walk of at most [`CHECKPOINT_EVERY`]
    /// instructions (the first query in a long block walks it once).
    pub fn live_before(&self, f: &Function, b: BlockId, index: usize) -> BitSet {
        let len = f.block(b).insts.len();
        assert!(
            index <= len,
            "live_before({b}, {index}) past the block's end"
        );
        if len <= CHECKPOINT_EVERY {
            return self.walk_back(f, b, self.live_out[b.index()].clone(), len, index);
        }
        let checkpoints = self.checkpoints[b.index()].get_or_init(|| {
            // checkpoints[k] is the set before instruction k * CHECKPOINT_EVERY.
            let mut sets = vec![BitSet::default(); len.div_ceil(CHECKPOINT_EVERY)];
            let mut live = self.live_out[b.index()].clone();
            let mut from = len;
            for k in (0..sets.len()).rev() {
                live = self.walk_back(f, b, live, from, k * CHECKPOINT_EVERY);
                from = k * CHECKPOINT_EVERY;
                sets[k] = live.clone();
            }
            sets
        });
        let next = index.div_ceil(CHECKPOINT_EVERY);
        let (start, from) = match checkpoints.get(next) {
            Some(set) => (set.clone(), next * CHECKPOINT_EVERY),
            None => (self.live_out[b.index()].clone(), len),
        };
        self.walk_back(f, b, start, from, index)
    }

    /// `live`, the set before instruction `from` of `b` (or its live-out at the end),
    /// carried back to before instruction `to`.
    fn walk_back(
        &self,
        f: &Function,
        b: BlockId,
        mut live: BitSet,
        from: usize,
        to: usize,
    ) -> BitSet {
        let block = f.block(b);
        let handler = block
            .handler
            .filter(|h| h.index() < f.blocks.len() && block.may_unwind());
        for inst in block.insts[to..from].iter().rev() {
            if let Some(d) = inst.dst {
                live.remove(d.index());
            }
            inst.kind.for_each_use(|t| {
                live.insert(t.index());
            });
            if let (Some(h), true) = (handler, inst.kind.may_unwind()) {
                live.union_with(&self.live_in[h.index()]);
            }
        }
        live
    }
}
