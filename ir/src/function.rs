//! Building and editing functions: allocating temps, blocks and `Ipc`s from the function's
//! counters, and a cursor-style builder that lowering uses to append instructions.

use crate::types::*;

impl Function {
    /// An empty IR0 function with an entry block.
    pub fn new(
        id: FuncId,
        name: impl Into<String>,
        kind: FuncKind,
        file: &str,
        line: u32,
    ) -> Function {
        let name = name.into();
        let mut f = Function {
            id,
            ruby_name: name.clone(),
            name,
            kind,
            phase: Phase::Ir0,
            file: file.to_string(),
            line,
            params: Params::default(),
            locals: Vec::new(),
            scope: Vec::new(),
            lexical_path: Vec::new(),
            blocks: Vec::new(),
            entry: BlockId(0),
            next_temp: 0,
            next_ipc: 0,
            deleted: DeletedTemps::default(),
            frame_regions: Vec::new(),
            builtin: false,
            assumptions: Vec::new(),
            inline_sites: Vec::new(),
            unboxed: Default::default(),
            osr: None,
        };
        f.entry = f.new_block();
        f
    }

    /// Whether a version assumes something that a running activation relies on at every
    /// use with no check there (a core method is the builtin, an `attr_reader` reads its
    /// variable): only then can it be invalidated while it runs (an inlined method is
    /// checked again by its `method` guard at each entry), and only then does it need its
    /// invalidation points.
    pub fn needs_invalidation_points(&self) -> bool {
        self.assumptions
            .iter()
            .any(|a| matches!(a, Assumption::Builtin { .. } | Assumption::Reader { .. }))
    }

    /// A fresh temp from the function's one counter (invariant 3).
    pub fn new_temp(&mut self) -> TempId {
        let t = TempId(self.next_temp);
        self.next_temp += 1;
        t
    }

    /// A fresh `Ipc` (invariant 2).
    pub fn new_ipc(&mut self) -> Ipc {
        let i = Ipc(self.next_ipc);
        self.next_ipc += 1;
        i
    }

    /// A new empty block, appended to the function.
    pub fn new_block(&mut self) -> BlockId {
        let id = BlockId(self.blocks.len() as u32);
        self.blocks.push(Block {
            id,
            params: Vec::new(),
            insts: Vec::new(),
            handler: None,
        });
        id
    }

    pub fn block(&self, b: BlockId) -> &Block {
        &self.blocks[b.index()]
    }

    pub fn block_mut(&mut self, b: BlockId) -> &mut Block {
        &mut self.blocks[b.index()]
    }

    /// Adds a frame-local variable.
    pub fn add_local(&mut self, name: &str) -> LocalId {
        self.locals.push(LocalInfo {
            name: name.to_string(),
        });
        LocalId(self.locals.len() as u32 - 1)
    }

    /// Iterates over every instruction with the block it is in.
    pub fn insts(&self) -> impl Iterator<Item = (BlockId, &Inst)> {
        self.blocks
            .iter()
            .flat_map(|b| b.insts.iter().map(move |i| (b.id, i)))
    }

    /// Every `self` of one inline context is the same value (the frame's `self`): maps the
    /// result of each `self` instruction to the first one of its context. A check on one
    /// is a check on all of them, so every analysis that reasons about checks (`guardelim`,
    /// `dce`'s needed guards, the verifier's guarded accesses) must use this one map.
    pub fn self_aliases(&self) -> rustc_hash::FxHashMap<TempId, TempId> {
        let mut first: rustc_hash::FxHashMap<u32, TempId> = Default::default();
        let mut same: rustc_hash::FxHashMap<TempId, TempId> = Default::default();
        for (_, inst) in self.insts() {
            if let (InstKind::SelfRef, Some(d)) = (&inst.kind, inst.dst) {
                same.insert(d, *first.entry(inst.inlined).or_insert(d));
            }
        }
        same
    }

    /// Finds the instruction with the given `Ipc` (the first one, in a version where
    /// several instructions serve the same IR0 instruction). A scan of the function: a
    /// caller that looks up many builds an [`IpcIndex`] once.
    pub fn find_ipc(&self, ipc: Ipc) -> Option<(BlockId, usize)> {
        self.blocks
            .iter()
            .find_map(|b| b.insts.iter().position(|i| i.ipc == ipc).map(|p| (b.id, p)))
    }

    /// Where each `Ipc` of the function is, for many lookups (as `find_ipc` answers them).
    pub fn ipc_index(&self) -> IpcIndex {
        let mut at = rustc_hash::FxHashMap::default();
        for b in &self.blocks {
            for (i, inst) in b.insts.iter().enumerate() {
                at.entry(inst.ipc).or_insert((b.id, i));
            }
        }
        IpcIndex { at }
    }

    /// Renumbers nothing, but drops blocks that nothing reaches from the entry (not even
    /// as a handler), keeping block ids dense: ids of later blocks shift down and every
    /// reference is rewritten. Temps and `Ipc`s are untouched.
    pub fn compact_blocks(&mut self, keep: &[bool]) {
        let mut remap = vec![None; self.blocks.len()];
        let mut next = 0u32;
        for (i, k) in keep.iter().enumerate() {
            if *k {
                remap[i] = Some(BlockId(next));
                next += 1;
            }
        }
        let old = std::mem::take(&mut self.blocks);
        for (i, mut b) in old.into_iter().enumerate() {
            let Some(id) = remap[i] else { continue };
            b.id = id;
            b.handler = b.handler.and_then(|h| remap[h.index()]);
            for inst in &mut b.insts {
                for bc in inst.kind.targets_mut() {
                    bc.block =
                        remap[bc.block.index()].expect("kept block jumps to a dropped block");
                }
            }
            self.blocks.push(b);
        }
        self.entry = remap[self.entry.index()].expect("entry block dropped");
    }
}

/// Appends instructions to a function at a current block, allocating temps and `Ipc`s.
pub struct Builder<'f> {
    pub func: &'f mut Function,
    pub current: BlockId,
    /// The source line recorded on instructions appended from now on.
    pub line: u32,
}

impl<'f> Builder<'f> {
    pub fn new(func: &'f mut Function) -> Builder<'f> {
        let current = func.entry;
        let line = func.line;
        Builder {
            func,
            current,
            line,
        }
    }

    /// Whether the current block already ends with a terminator.
    pub fn is_terminated(&self) -> bool {
        self.func.block(self.current).terminator().is_some()
    }

    /// Appends an instruction with no result.
    pub fn effect(&mut self, kind: InstKind) {
        self.append(None, kind);
    }

    /// Appends an instruction and returns the fresh temp it defines.
    pub fn value(&mut self, kind: InstKind) -> TempId {
        let t = self.func.new_temp();
        self.append(Some(t), kind);
        t
    }

    fn append(&mut self, dst: Option<TempId>, kind: InstKind) {
        debug_assert!(
            !self.is_terminated(),
            "appending after a terminator in {}",
            self.current
        );
        let ipc = self.func.new_ipc();
        let line = self.line;
        self.func.block_mut(self.current).insts.push(Inst {
            ipc,
            dst,
            kind,
            line,
            inlined: 0,
        });
    }

    /// Starts appending to `b`.
    pub fn switch_to(&mut self, b: BlockId) {
        self.current = b;
    }

    /// A new block with the current block's handler.
    pub fn new_block(&mut self) -> BlockId {
        let h = self.func.block(self.current).handler;
        let b = self.func.new_block();
        self.func.block_mut(b).handler = h;
        b
    }

    /// Adds a parameter to block `b` and returns its temp.
    pub fn block_param(&mut self, b: BlockId) -> TempId {
        let t = self.func.new_temp();
        self.func.block_mut(b).params.push(t);
        t
    }

    pub fn constant(&mut self, c: Const) -> TempId {
        self.value(InstKind::Const(c))
    }

    pub fn jump(&mut self, target: BlockId, args: &[TempId]) {
        self.effect(InstKind::Jump(BlockCall::with_args(target, args)));
    }

    pub fn branch(&mut self, cond: TempId, then_: BlockId, else_: BlockId) {
        self.effect(InstKind::Branch {
            cond,
            then_: BlockCall::new(then_),
            else_: BlockCall::new(else_),
        });
    }
}

/// The place of every instruction of a function by `Ipc` ([`Function::ipc_index`]); it
/// describes the function as it was when built.
#[derive(Clone, Debug, Default)]
pub struct IpcIndex {
    at: rustc_hash::FxHashMap<Ipc, (BlockId, usize)>,
}

impl IpcIndex {
    /// The block and index of the (first) instruction with `ipc`.
    pub fn get(&self, ipc: Ipc) -> Option<(BlockId, usize)> {
        self.at.get(&ipc).copied()
    }
}
