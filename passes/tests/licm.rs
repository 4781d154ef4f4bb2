//! Golden tests of `licm` (loop-invariant guards checked before the loop), on versions of
//! IR0 compiled from Ruby and brought to the shape the speculative pipeline gives `licm`
//! (`typeguard`, `mem2reg`). Every input and output must pass `verify_version_with`.

mod common;

use common::{check_speculative, compile_ir0, operands_site, version_of, ModuleOracle};
use ir::cfg::{BitSet, Cfg};
use ir::pass::{Pass, PassContext};
use ir::profile::{Profile, TypeSet};
use ir::{BlockId, Function, GuardCheck, InstKind, Ipc, TempId};
use passes::speculative::licm::Licm;
use passes::speculative::osr::add_osr_entry;

/// `n` is checked in the loop header, `m` in the body on every iteration, `c` only when
/// the `if` is taken; `s` and `i` change in the loop.
const SIMPLE: &str = "\
def f(n, m, c)
  s = 0
  i = 0
  while i < n
    s = (s + i) % m
    if c
      s = s + c
    end
    i += 1
  end
  s
end
";

/// Nested loops that both read `n`.
const NESTED: &str = "\
def g(n)
  t = 0
  i = 0
  while i < n
    j = 0
    while j < n
      t += j
      j += 1
    end
    i += 1
  end
  t
end
";

/// A profile saying every `Binary` of `ir0` saw two fixnums.
fn all_fixnums(ir0: &Function) -> Profile {
    let fix = TypeSet::FIXNUM;
    let mut p = Profile::default();
    for (_, i) in ir0.insts() {
        if let InstKind::Binary(..) = i.kind {
            p.sites.insert(i.ipc, operands_site(fix, fix));
        }
    }
    p
}

use common::run_spec as run;

/// The blocks of every loop of `v`.
fn loop_blocks(v: &Function) -> BitSet {
    Cfg::new(v).loop_blocks()
}

/// The blocks where `v` checks `is_fixnum t`.
fn checks_of(v: &Function, t: TempId) -> Vec<BlockId> {
    v.insts()
        .filter(|(_, i)| {
            matches!(&i.kind, InstKind::Guard { check: GuardCheck::IsFixnum(x), .. } if *x == t)
        })
        .map(|(b, _)| b)
        .collect()
}

fn arg(ir0: &Function, k: u32) -> TempId {
    ir0.insts()
        .find(|(_, i)| i.kind == InstKind::Arg(k))
        .and_then(|(_, i)| i.dst)
        .unwrap()
}

#[test]
fn invariant_guards_are_checked_before_the_loop() {
    let o = ModuleOracle::new(compile_ir0(SIMPLE));
    let ir0 = o.func("Object#f");
    let p = all_fixnums(ir0);
    let mut v = version_of(ir0);
    run("typeguard,mem2reg,copyprop", &mut v, &p, &o);
    let (n, m, c) = (arg(ir0, 0), arg(ir0, 1), arg(ir0, 2));
    let in_loop = loop_blocks(&v);
    let outside = |bs: &[BlockId]| bs.iter().filter(|b| !in_loop.contains(b.index())).count();
    for t in [n, m, c] {
        assert!(
            !checks_of(&v, t).is_empty(),
            "{t} is checked in the loop\n{v}"
        );
        assert_eq!(
            outside(&checks_of(&v, t)),
            0,
            "{t} is only checked in the loop\n{v}"
        );
    }

    let (v, changed) = check_speculative("licm_simple", &Licm, v, Some(&p), &o);
    assert!(changed);
    // `n` (every iteration, in the header) and `m` (every iteration, in the body): once
    // before the loop too. `c` is checked only when the `if` is taken: not before.
    assert_eq!(outside(&checks_of(&v, n)), 1, "{v}");
    assert_eq!(outside(&checks_of(&v, m)), 1, "{v}");
    assert_eq!(outside(&checks_of(&v, c)), 0, "{v}");
    // Loop variables are not invariant: the guards on them stay where they were.
    let loop_vars: Vec<TempId> = v
        .blocks
        .iter()
        .filter(|b| in_loop.contains(b.id.index()))
        .flat_map(|b| b.params.iter().copied())
        .collect();
    assert!(!loop_vars.is_empty());
    for t in loop_vars {
        assert_eq!(outside(&checks_of(&v, t)), 0, "{v}");
    }

    // Idempotent.
    let mut again = v.clone();
    assert!(!Licm.run(&mut again, &PassContext::empty()).unwrap());
    assert_eq!(again.to_string(), v.to_string());

    // With the rest of the pipeline, `n` and `m` are unboxed once, before the loop, and
    // the loop checks neither.
    let mut v = v;
    run("unbox,copyprop,guardelim", &mut v, &p, &o);
    for t in [n, m] {
        assert!(
            checks_of(&v, t)
                .iter()
                .all(|b| !in_loop.contains(b.index())),
            "{t} is not checked in the loop any more\n{v}"
        );
        let unboxes: Vec<BlockId> = v
            .insts()
            .filter(|(_, i)| i.kind == InstKind::UnboxInt(t))
            .map(|(b, _)| b)
            .collect();
        assert_eq!(unboxes.len(), 1, "{v}");
        assert!(!in_loop.contains(unboxes[0].index()), "{v}");
    }
}

#[test]
fn nested_loops_hoist_through_both() {
    let o = ModuleOracle::new(compile_ir0(NESTED));
    let ir0 = o.func("Object#g");
    let p = all_fixnums(ir0);
    let mut v = version_of(ir0);
    run("typeguard,mem2reg,copyprop", &mut v, &p, &o);
    let n = arg(ir0, 0);
    let (v, changed) = check_speculative("licm_nested", &Licm, v, Some(&p), &o);
    assert!(changed);
    // Out of the inner loop (into the outer one), then out of the outer loop.
    let in_loop = loop_blocks(&v);
    let entry_checks = checks_of(&v, n)
        .into_iter()
        .filter(|b| !in_loop.contains(b.index()))
        .count();
    assert_eq!(entry_checks, 1, "{v}");
}

/// The second loop is entered from the entry block (`c` true) and from the first loop's
/// header (`c` false, when it exits): two ways in.
const TWO_WAYS_IN: &str = "\
def h(n, c)
  i = 0
  while i < n
    i += 2
  end unless c
  while i < n
    i += 3
  end
  i
end
";

#[test]
fn two_ways_in_get_a_preheader() {
    let o = ModuleOracle::new(compile_ir0(TWO_WAYS_IN));
    let ir0 = o.func("Object#h");
    let p = all_fixnums(ir0);
    let mut v = version_of(ir0);
    run("typeguard,mem2reg,copyprop", &mut v, &p, &o);
    let blocks_before = v.blocks.len();
    let (v, changed) = check_speculative("licm_preheader", &Licm, v, Some(&p), &o);
    assert!(changed);
    // Both loops are entered by a branch edge (the first one from the entry block, the
    // second one also from the first loop's header): each gets a preheader.
    assert_eq!(v.blocks.len(), blocks_before + 2, "two preheaders\n{v}");
    let n = arg(ir0, 0);
    let cfg = Cfg::new(&v);
    for pre in [
        BlockId(blocks_before as u32),
        BlockId(blocks_before as u32 + 1),
    ] {
        assert!(checks_of(&v, n).contains(&pre), "{v}");
        // Every way into the loop goes through it.
        let Some(InstKind::Jump(bc)) = v.block(pre).terminator().map(|t| &t.kind) else {
            panic!("a preheader ends with a jump\n{v}");
        };
        assert!(cfg.is_loop_header(bc.block));
        assert_eq!(
            cfg.predecessors(bc.block)
                .iter()
                .filter(|b| !cfg.dominates(bc.block, **b))
                .collect::<Vec<_>>(),
            [&pre],
            "{v}"
        );
    }
}

#[test]
fn osr_entry_checks_before_the_loop() {
    let o = ModuleOracle::new(compile_ir0(NESTED));
    let ir0 = o.func("Object#g");
    let p = all_fixnums(ir0);
    // Enter at the inner loop's header: the OSR entry is the one way into everything.
    let cfg = Cfg::new(ir0);
    let mut hs: Vec<BlockId> = cfg.loop_headers().collect();
    hs.sort();
    assert_eq!(hs.len(), 2);
    let inner: Ipc = ir0.block(hs[1]).insts[0].ipc;
    let mut v = version_of(ir0);
    add_osr_entry(&mut v, ir0, inner).unwrap();
    run("typeguard,mem2reg,copyprop", &mut v, &p, &o);
    let (v, changed) = check_speculative("licm_osr", &Licm, v, Some(&p), &o);
    assert!(changed);
    // `n` as the OSR entry loads it.
    let n = v
        .block(v.entry)
        .insts
        .iter()
        .find_map(|i| match &i.kind {
            InstKind::LoadLocal(l) if l.0 == 0 => i.dst,
            _ => None,
        })
        .expect("the entry loads n");
    assert!(checks_of(&v, n).contains(&v.entry), "{v}");
}
