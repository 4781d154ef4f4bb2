//! Randomized check of the conservative passes: generate well-formed functions (random
//! CFGs with loops, block parameters, locals, constants, handlers), run each pass and the
//! IR0 pipeline with the verifier after every step, and compare what a small evaluator
//! observes (the trace of calls and the returned value) before and after.

mod common;

use common::call;
use ir::pass::PassContext;
use ir::{
    BlockCall, BlockId, Builder, Const, FuncId, FuncKind, Function, InstKind, LocalId, TempId, UnOp,
};
use passes::{ir0_pipeline, PassManager};
use std::collections::HashMap;

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<T: Copy>(&mut self, v: &[T]) -> T {
        v[self.below(v.len())]
    }
}

fn random_const(rng: &mut Rng) -> Const {
    match rng.below(6) {
        0 => Const::Nil,
        1 => Const::False,
        2 => Const::True,
        3 => Const::Int(rng.below(5) as i64),
        _ => Const::Str(["a", "b", ""][rng.below(3)].to_string()),
    }
}

fn generate(seed: u64) -> Function {
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let mut f = Function::new(FuncId(1), "r", FuncKind::Method, "r.rb", 1);
    let nlocals = rng.below(3);
    for i in 0..nlocals {
        f.add_local(&format!("v{i}"));
    }
    let nblocks = 1 + rng.below(7);
    let mut b = Builder::new(&mut f);
    let blocks: Vec<BlockId> = std::iter::once(b.current)
        .chain((1..nblocks).map(|_| b.new_block()))
        .collect();
    for &blk in &blocks[1..] {
        for _ in 0..rng.below(3) {
            b.block_param(blk);
        }
    }
    let handler = b.new_block();
    for &blk in &blocks {
        if rng.below(4) == 0 {
            b.func.block_mut(blk).handler = Some(handler);
        }
    }
    for &blk in &blocks {
        b.switch_to(blk);
        let mut avail: Vec<TempId> = b.func.block(blk).params.clone();
        avail.push(b.constant(random_const(&mut rng)));
        for _ in 0..rng.below(7) {
            let t = match rng.below(11) {
                0 => b.constant(random_const(&mut rng)),
                1 => b.value(InstKind::Copy(rng.pick(&avail))),
                2 if nlocals > 0 => {
                    b.value(InstKind::LoadLocal(LocalId(rng.below(nlocals) as u32)))
                }
                3 if nlocals > 0 => {
                    let v = rng.pick(&avail);
                    b.effect(InstKind::StoreLocal(LocalId(rng.below(nlocals) as u32), v));
                    continue;
                }
                4 => b.value(InstKind::Truthy(rng.pick(&avail))),
                5 => b.value(InstKind::Unary(UnOp::Not, rng.pick(&avail))),
                6 => b.value(InstKind::NewArray(vec![rng.pick(&avail)])),
                7 => {
                    let parts = (0..rng.below(3)).map(|_| rng.pick(&avail)).collect();
                    b.value(InstKind::Interp(parts))
                }
                8 => call(&mut b, "cond", &[]),
                _ => {
                    let v = rng.pick(&avail);
                    call(&mut b, "out", &[v])
                }
            };
            avail.push(t);
        }
        let target = |rng: &mut Rng, b: &Builder| {
            let to = rng.pick(&blocks[1..]);
            let args: Vec<TempId> = b
                .func
                .block(to)
                .params
                .iter()
                .map(|_| rng.pick(&avail))
                .collect();
            BlockCall::with_args(to, &args)
        };
        let kind = match if nblocks > 1 { rng.below(5) } else { 0 } {
            0 => InstKind::Return(rng.pick(&avail)),
            1 | 2 => InstKind::Jump(target(&mut rng, &b)),
            _ => {
                let cond = rng.pick(&avail);
                let then_ = target(&mut rng, &b);
                InstKind::Branch {
                    cond,
                    then_,
                    else_: target(&mut rng, &b),
                }
            }
        };
        b.effect(kind);
    }
    b.switch_to(handler);
    if b.func.blocks.iter().any(|blk| blk.handler == Some(handler)) {
        let u = b.value(InstKind::CatchUnwind);
        b.effect(InstKind::Resume(u));
    } else {
        b.effect(InstKind::Unreachable);
    }
    f
}

#[derive(Clone, Debug, PartialEq)]
enum V {
    Nil,
    Bool(bool),
    Int(i64),
    Str(String),
    Arr(Vec<V>),
}

impl V {
    fn truthy(&self) -> bool {
        !matches!(self, V::Nil | V::Bool(false))
    }
    fn to_s(&self) -> String {
        match self {
            V::Nil => String::new(),
            V::Bool(b) => b.to_string(),
            V::Int(i) => i.to_string(),
            V::Str(s) => s.clone(),
            V::Arr(v) => format!("{v:?}").chars().take(40).collect(),
        }
    }
}

/// What a run observes: the calls made and how it ended (`None`: out of fuel).
type Observed = (Vec<String>, Option<V>);

fn evaluate(f: &Function, conds: u64, fuel: usize) -> Observed {
    let mut temps: HashMap<TempId, V> = HashMap::new();
    let mut locals = vec![V::Nil; f.locals.len()];
    let mut trace = Vec::new();
    let mut ncond = 0;
    let mut block = f.entry;
    let mut steps = 0;
    loop {
        for inst in &f.block(block).insts {
            steps += 1;
            if steps > fuel {
                return (trace, None);
            }
            let get = |t: &TempId| {
                temps
                    .get(t)
                    .cloned()
                    .unwrap_or_else(|| panic!("{t} undefined\n{f}"))
            };
            let value = match &inst.kind {
                InstKind::Const(c) => match c {
                    Const::Nil => V::Nil,
                    Const::True => V::Bool(true),
                    Const::False => V::Bool(false),
                    Const::Int(i) => V::Int(*i),
                    Const::Str(s) => V::Str(s.clone()),
                    c => panic!("unexpected constant {c}"),
                },
                InstKind::Copy(t) => get(t),
                InstKind::LoadLocal(l) => locals[l.index()].clone(),
                InstKind::StoreLocal(l, t) => {
                    locals[l.index()] = get(t);
                    continue;
                }
                InstKind::Truthy(t) => V::Bool(get(t).truthy()),
                InstKind::Unary(UnOp::Not, t) => V::Bool(!get(t).truthy()),
                InstKind::NewArray(v) => V::Arr(v.iter().map(get).collect()),
                // Capped: a loop that doubles a string must not take exponential time.
                InstKind::Interp(v) => V::Str(
                    v.iter()
                        .map(|t| get(t).to_s())
                        .collect::<String>()
                        .chars()
                        .take(40)
                        .collect(),
                ),
                InstKind::Call(c) if c.name == "cond" => {
                    ncond += 1;
                    trace.push("cond".to_string());
                    V::Bool(conds >> (ncond % 64) & 1 == 1)
                }
                InstKind::Call(c) => {
                    let shown = format!("{:?}", c.args.iter().map(get).collect::<Vec<_>>());
                    trace.push(format!(
                        "out {}",
                        shown.chars().take(80).collect::<String>()
                    ));
                    V::Nil
                }
                InstKind::Return(t) => return (trace, Some(get(t))),
                InstKind::Jump(bc) | InstKind::Branch { then_: bc, .. } => {
                    let bc = match &inst.kind {
                        InstKind::Branch { cond, else_, .. } if !get(cond).truthy() => else_,
                        _ => bc,
                    };
                    let args: Vec<V> = bc.args.iter().map(get).collect();
                    for (p, v) in f.block(bc.block).params.iter().zip(args) {
                        temps.insert(*p, v);
                    }
                    block = bc.block;
                    break;
                }
                k => panic!("unexpected instruction {k}"),
            };
            temps.insert(inst.dst.expect("a value"), value);
        }
    }
}

fn check(seed: u64, name: &str, pm: PassManager) {
    let original = generate(seed);
    common::assert_verifies(&original, "generated function");
    let mut optimized = original.clone();
    if let Err(e) = pm
        .with_verify_each(true)
        .run(&mut optimized, &PassContext::empty())
    {
        panic!("seed {seed}, {name}: {e}\ninput:\n{original}");
    }
    for conds in [0u64, u64::MAX, 0x5555_5555_5555_5555, seed.rotate_left(17)] {
        let before = evaluate(&original, conds, 500);
        if before.1.is_none() {
            continue; // does not finish: nothing to compare
        }
        let after = evaluate(&optimized, conds, 5000);
        assert_eq!(
            before, after,
            "seed {seed}, {name}: behaviour changed\nbefore:\n{original}\nafter:\n{optimized}"
        );
    }
}

#[test]
fn every_pass_preserves_behaviour_and_verifies() {
    for seed in 0..1000 {
        for pass in ["copyprop", "constfold", "dce", "simplifycfg"] {
            check(seed, pass, PassManager::from_spec(pass).unwrap());
        }
        check(seed, "ir0 pipeline", ir0_pipeline());
    }
}
