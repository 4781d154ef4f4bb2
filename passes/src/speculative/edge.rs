//! Resume points on the edge into a block: where a pass may put a guard before a `jump`,
//! when the guard's resume point is the one the target block starts with.
//!
//! A block `b` that starts with a guard (only guards and pure instructions before it) has
//! an *entry resume point*: the guard's. Resuming there from the end of a predecessor that
//! jumps to `b` is the same as resuming from the guard: only pure instructions run in
//! between, the block's parameters are the jump's arguments, and the locals are unchanged.
//! The resume point's frame states read the jump's arguments for `b`'s parameters; a
//! constant defined in `b` before the guard is re-made before the jump, so that the
//! edge's copy never reads a temp defined after it.
//!
//! Used by `unbox` (a guard on a loop value entering unknown) and `licm` (loop-invariant
//! guards checked once, on the way into the loop).

use ir::{BlockId, FrameValue, Function, Inst, InstKind, ResumePoint, TempId};
use rustc_hash::FxHashMap;

/// The index of the first guard at the start of block `b` (only guards and pure
/// instructions before it) whose resume point names, of the temps defined in `b`, only
/// constants.
pub fn entry_resume(func: &Function, b: BlockId) -> Option<usize> {
    let block = func.block(b);
    let mut consts: Vec<TempId> = Vec::new();
    let mut others: Vec<TempId> = Vec::new();
    for inst in &block.insts {
        if let Some(d) = inst.dst {
            if matches!(inst.kind, InstKind::Const(_)) {
                consts.push(d);
            } else {
                others.push(d);
            }
        }
    }
    for (i, inst) in block.insts.iter().enumerate() {
        match &inst.kind {
            InstKind::Guard { resume, .. } => {
                let mut usable = true;
                resume.for_each_temp(&mut |t| {
                    // A constant defined after the guard is no better than any other temp.
                    let early_const =
                        consts.contains(&t) && block.insts[..i].iter().any(|x| x.dst == Some(t));
                    usable &= early_const || !(consts.contains(&t) || others.contains(&t));
                });
                if usable {
                    return Some(i);
                }
            }
            kind if kind.is_pure() => {}
            _ => return None,
        }
    }
    None
}

/// The entry resume point of block `b` (guard at index `guard`, from [`entry_resume`]) as
/// it holds at the end of a predecessor that jumps to `b` with `args`: the parameters read
/// as the arguments, and the constants of `b` it names re-made by the instructions
/// returned (to run before the guard), with temps from `new_temp`.
pub fn resume_on_edge(
    func: &Function,
    b: BlockId,
    guard: usize,
    args: &[TempId],
    new_temp: &mut dyn FnMut() -> TempId,
) -> (Vec<Inst>, ResumePoint) {
    let block = func.block(b);
    let mut resume = block.insts[guard]
        .kind
        .resume_point()
        .expect("an entry resume point is a guard's")
        .clone();
    let mut remade: FxHashMap<TempId, TempId> = FxHashMap::default();
    let mut insts = Vec::new();
    for inst in &block.insts[..guard] {
        let (Some(d), InstKind::Const(_)) = (inst.dst, &inst.kind) else {
            continue;
        };
        let mut named = false;
        resume.for_each_temp(&mut |t| named |= t == d);
        if named {
            let t = new_temp();
            remade.insert(d, t);
            insts.push(Inst {
                dst: Some(t),
                ..inst.clone()
            });
        }
    }
    for fr in &mut resume.frames {
        fr.for_each_value_mut(&mut |v| {
            v.rewrite(&mut |x| {
                if let FrameValue::Temp(t) = x {
                    if let Some(j) = block.params.iter().position(|p| p == t) {
                        *t = args[j];
                    } else if let Some(&r) = remade.get(t) {
                        *t = r;
                    }
                }
            })
        });
    }
    (insts, resume)
}
