//! The interpreter loop: executes one frame's ops until it returns or an unwind leaves
//! it. Fast paths for fixnum and flonum arithmetic; everything else through inline-cached
//! method calls. Unwinds go to the handler of the op that raised them.

use crate::code::*;
use crate::{Entry, Frame, Interp};
use ir::{BinOp, ClassId};
use runtime::class::{MethodBody, MethodId};
use runtime::core::kernel;
use runtime::heap::ObjData;
use runtime::numeric;
use runtime::ops;
use runtime::{Host, RResult, Unwind, Value, Vm};
use smallvec::SmallVec;

/// TypeSet bits of a value, for the arithmetic profile.
#[inline(always)]
fn type_bits(vm: &Vm, v: Value) -> u16 {
    use ir::profile::TypeSet as T;
    (if v.is_fixnum() {
        T::FIXNUM
    } else if v.is_flonum() {
        T::FLOAT
    } else if v == Value::NIL || v == Value::TRUE || v == Value::FALSE {
        T::NIL_BOOL
    } else if let Some(o) = vm.obj(v) {
        match o.data {
            ObjData::Float(_, _) => T::FLOAT,
            ObjData::BigInt(_, _) => T::BIGNUM,
            ObjData::String(_, _) => T::STRING,
            ObjData::Array(_, _) => T::ARRAY,
            _ => T::OTHER,
        }
    } else {
        T::OTHER
    }) as u16
}

const FIX2: u16 =
    (ir::profile::TypeSet::FIXNUM as u16) | ((ir::profile::TypeSet::FIXNUM as u16) << 8);
const FLO2: u16 =
    (ir::profile::TypeSet::FLOAT as u16) | ((ir::profile::TypeSet::FLOAT as u16) << 8);

impl Interp {
    #[inline(always)]
    fn regs(&mut self, fp: usize) -> *mut Value {
        // SAFETY: the stack is allocated once and never resized; fp + nregs is in bounds
        // (checked by push_frame).
        unsafe { self.stack.as_mut_ptr().add(fp) }
    }

    /// Runs a frame to completion.
    pub(crate) fn run(&mut self, f: &mut Frame) -> RResult {
        self.run_at(f, 0)
    }

    /// Runs a frame from op `start` (0 for a new activation; deopt and OSR resume in the
    /// middle).
    pub(crate) fn run_at(&mut self, f: &mut Frame, start: usize) -> RResult {
        let code = f.code;
        let regs = self.regs(f.fp);
        // SAFETY: the unboxed area is allocated once; ufp + nuregs is in bounds.
        let uregs: *mut u64 = unsafe { self.ustack.as_mut_ptr().add(f.ufp) };
        let mut pc: usize = start;
        macro_rules! r {
            ($x:expr) => {
                unsafe { *regs.add($x as usize) }
            };
        }
        macro_rules! w {
            ($x:expr, $v:expr) => {{
                let v = $v;
                unsafe { *regs.add($x as usize) = v }
            }};
        }
        macro_rules! ur {
            ($x:expr) => {
                unsafe { *uregs.add($x as usize) }
            };
        }
        macro_rules! uw {
            ($x:expr, $v:expr) => {{
                let v: u64 = $v;
                unsafe { *uregs.add($x as usize) = v }
            }};
        }
        macro_rules! deopt {
            ($idx:expr) => {{
                return self.deopt(f, $idx as usize, regs, uregs);
            }};
        }
        macro_rules! stress {
            ($idx:expr) => {
                self.tier.driver.stress.is_some()
                    && self
                        .tier
                        .driver
                        .stress_fails(&code.meta.sites[$idx as usize])
            };
        }
        macro_rules! throw {
            ($e:expr) => {{
                let e = $e;
                match self.unwind_to_handler(f, pc, e) {
                    Ok(h) => {
                        pc = h;
                        continue;
                    }
                    Err(e) => return Err(e),
                }
            }};
        }
        // Ruby code run by an op of inlined code other than a call or a yield (an
        // operator's method, `to_s` of an interpolation, `super`, a class body) is as
        // deep as the inlined calls would have made it, as for `CallIn`: the SystemStack
        // Error comes at the depth it comes in IR0.
        macro_rules! at_inline_depth {
            ($e:expr) => {{
                let level = if code.max_inline_level != 0 {
                    code.inline_level(pc) as usize
                } else {
                    0
                };
                self.depth += level;
                let r = $e;
                self.depth -= level;
                r
            }};
        }
        macro_rules! tryv {
            ($e:expr) => {
                match $e {
                    Ok(v) => v,
                    Err(e) => throw!(e),
                }
            };
        }
        macro_rules! arith {
            ($dst:expr, $a:expr, $b:expr, $site:expr, $op:expr, $fix:expr, $flo:expr) => {{
                let (x, y) = (r!($a), r!($b));
                arith_vals!($dst, x, y, $site, $op, $fix, $flo)
            }};
        }
        // After an operator's slow path (which may have run a Ruby method): the fused
        // invalidation point of a version, if it has one.
        macro_rules! slow_point {
            () => {
                if code.is_version {
                    if let Some(&d) = code.slow_points.get(&(pc as u32)) {
                        if let Some(r) = self.invalidation_point(f, d, regs, uregs) {
                            return r;
                        }
                    }
                }
            };
        }
        macro_rules! arith_vals {
            ($dst:expr, $x:expr, $y:expr, $site:expr, $op:expr, $fix:expr, $flo:expr) => {{
                let (x, y): (Value, Value) = ($x, $y);
                let prof = unsafe { code.arith_profile.get_unchecked($site as usize) };
                // Once an operator is redefined, the prelude's sites take `arith_slow`, which
                // keeps their core meaning.
                if Value::both_fixnum(x, y) && !self.vm.int_ops_redefined {
                    prof.set(prof.get() | FIX2);
                    let fix: fn(Value, Value) -> Option<Value> = $fix;
                    if let Some(v) = fix(x, y) {
                        w!($dst, v);
                        pc += 1;
                        continue;
                    }
                } else if x.is_flonum() && y.is_flonum() && !self.vm.float_ops_redefined {
                    prof.set(prof.get() | FLO2);
                    let flo: fn(f64, f64) -> Option<Value> = $flo;
                    if let Some(v) = flo(x.as_flonum(), y.as_flonum()) {
                        w!($dst, v);
                        pc += 1;
                        continue;
                    }
                }
                let v = tryv!(at_inline_depth!(self.arith_slow(code, $site, $op, x, y)));
                w!($dst, v);
                slow_point!();
            }};
        }
        // A call (`$point`: the deopt site of its fused invalidation point, if any): one
        // body, two instances, so that a plain `Call` does not test for the point.
        macro_rules! call_op {
            ($dst:expr, $site:expr, $point:expr, $inlined:literal) => {{
                let (dst, site) = ($dst, $site);
                if self.vm.heap.wants_collection() && !self.vm.heap.stress_skips() {
                    self.collect_garbage();
                }
                // SAFETY: translation makes `site` an index of `code.sites`, and its
                // operands a range of `code.operands`.
                let s = unsafe { code.sites.get_unchecked(site as usize) };
                let recv = if s.recv == NO_REG {
                    r!(REG_SELF)
                } else {
                    r!(s.recv)
                };
                let block = if s.block == NO_REG {
                    Value::NIL
                } else {
                    r!(s.block)
                };
                // The receiver's object, found once for the class check and the fast
                // paths below.
                let optr = recv.obj_ptr();
                let cls = match optr {
                    // SAFETY: a pointer value is a live object of this VM's heap.
                    Some(p) => unsafe { (*p).class() },
                    None => self.vm.class_of(recv),
                };
                // Read in place, not a copy of the whole entry: each fast path copies
                // out what it needs.
                // SAFETY: the entry is only borrowed until its fields are copied, before
                // anything that could refill the cache runs.
                let e = unsafe { &*s.cache.as_ptr() };
                let hit = e.class == cls.0 && e.serial == self.vm.method_serial;
                let args = unsafe {
                    code.operands
                        .get_unchecked(s.args_start as usize..(s.args_start + s.args_len) as usize)
                };
                // A call from inlined code is as deep as the inlined calls would have been
                // (`$inlined` is a literal: other calls do nothing here).
                let level = if $inlined {
                    code.inline_level(pc) as usize
                } else {
                    0
                };
                if $inlined {
                    self.depth += level;
                }
                // Fast paths on an inline-cache hit; everything else out of line.
                let r = match e.fast {
                    Fast::Ruby(fid, required, cref) if hit && required == s.args_len => {
                        record_class(s, cls);
                        let callee = self.entry_code(fid);
                        let entry = Entry::method(recv, block, cref, e.method);
                        self.enter(callee, entry, args.len(), |i| r!(args[i]))
                    }
                    Fast::ArrayIndex if hit && args.len() == 1 && r!(args[0]).is_fixnum() => {
                        record_class(s, cls);
                        // SAFETY: as above; nothing runs while `arr` is borrowed.
                        let arr = match optr.map(|p| unsafe { &(*p).data }) {
                            Some(ObjData::Array(_, a)) => a,
                            _ => unreachable!("Array receiver"),
                        };
                        Ok(runtime::core::array::index_fixnum(
                            arr,
                            r!(args[0]).as_fixnum(),
                        ))
                    }
                    Fast::ArraySet
                        if hit
                            && args.len() == 2
                            && r!(args[0]).is_fixnum()
                            && !Vm::is_frozen_obj(recv, true) =>
                    {
                        let arr = self.vm.as_array_mut(recv).expect("Array receiver");
                        let i = r!(args[0]).as_fixnum();
                        if i >= 0 && (i as usize) < arr.len() {
                            record_class(s, cls);
                            let v = r!(args[1]);
                            arr[i as usize] = v;
                            Ok(v)
                        } else {
                            self.call_slow(f, site, recv, block, regs)
                        }
                    }
                    Fast::ArraySize if hit && args.is_empty() => {
                        record_class(s, cls);
                        Ok(Value::fixnum(
                            self.vm.as_array(recv).expect("Array receiver").len() as i64,
                        ))
                    }
                    Fast::NilP if hit && args.is_empty() => {
                        record_class(s, cls);
                        Ok(Value::bool(recv == Value::NIL))
                    }
                    // SAFETY: as above; nothing runs while the data is borrowed.
                    Fast::Reader(slot) if hit && args.is_empty() => {
                        match optr.map(|p| unsafe { &(*p).data }) {
                            Some(ObjData::Object(_, iv)) => {
                                record_class(s, cls);
                                Ok(match iv.get(slot as usize) {
                                    Value::UNDEF => Value::NIL,
                                    v => v,
                                })
                            }
                            _ => self.call_slow(f, site, recv, block, regs),
                        }
                    }
                    Fast::Writer(slot) if hit && args.len() == 1 => match self.vm.obj_mut(recv) {
                        Some(o) if !o.frozen() && matches!(o.data, ObjData::Object(..)) => {
                            let ObjData::Object(_, iv) = &mut o.data else {
                                unreachable!()
                            };
                            record_class(s, cls);
                            let v = r!(args[0]);
                            iv.set(slot as usize, v);
                            Ok(v)
                        }
                        _ => self.call_slow(f, site, recv, block, regs),
                    },
                    _ => self.call_slow(f, site, recv, block, regs),
                };
                if $inlined {
                    self.depth -= level;
                }
                let v = match r {
                    Ok(v) => v,
                    Err(e) => match *e {
                        Unwind::Break { tag, value } if block != Value::NIL && tag == block => {
                            value
                        }
                        other => throw!(Box::new(other)),
                    },
                };
                w!(dst, v);
                // The fused invalidation point (see `GuardAssumptions`).
                if let Some(deopt) = $point {
                    if self.point_pending(code) {
                        if let Some(r) = self.invalidation_point(f, deopt, regs, uregs) {
                            return r;
                        }
                    }
                }
            }};
        }
        loop {
            // SAFETY: translation ends every path with a terminator, so pc stays in bounds.
            let op = unsafe { code.ops.get_unchecked(pc) };
            match *op {
                Op::Load { dst, v } => w!(dst, v),
                Op::Move { dst, src } => w!(dst, r!(src)),
                Op::ArgGiven { dst, i } => w!(dst, Value::bool(f.argc >= i)),
                Op::Add { dst, a, b, site } => arith!(
                    dst,
                    a,
                    b,
                    site,
                    BinOp::Add,
                    |x, y| (x.0 as i64)
                        .checked_add(y.0 as i64 - 1)
                        .map(|s| Value(s as u64)),
                    |x, y| Value::try_flonum(x + y)
                ),
                Op::Sub { dst, a, b, site } => arith!(
                    dst,
                    a,
                    b,
                    site,
                    BinOp::Sub,
                    |x, y| (x.0 as i64)
                        .checked_sub(y.0 as i64 - 1)
                        .map(|s| Value(s as u64)),
                    |x, y| Value::try_flonum(x - y)
                ),
                Op::Mul { dst, a, b, site } => arith!(
                    dst,
                    a,
                    b,
                    site,
                    BinOp::Mul,
                    |x, y| x
                        .as_fixnum()
                        .checked_mul(y.as_fixnum())
                        .and_then(Value::try_fixnum),
                    |x, y| Value::try_flonum(x * y)
                ),
                Op::Lt { dst, a, b, site } => arith!(
                    dst,
                    a,
                    b,
                    site,
                    BinOp::Lt,
                    |x, y| Some(Value::bool((x.0 as i64) < (y.0 as i64))),
                    |x, y| Some(Value::bool(x < y))
                ),
                Op::Le { dst, a, b, site } => arith!(
                    dst,
                    a,
                    b,
                    site,
                    BinOp::Le,
                    |x, y| Some(Value::bool((x.0 as i64) <= (y.0 as i64))),
                    |x, y| Some(Value::bool(x <= y))
                ),
                Op::Gt { dst, a, b, site } => arith!(
                    dst,
                    a,
                    b,
                    site,
                    BinOp::Gt,
                    |x, y| Some(Value::bool((x.0 as i64) > (y.0 as i64))),
                    |x, y| Some(Value::bool(x > y))
                ),
                Op::Ge { dst, a, b, site } => arith!(
                    dst,
                    a,
                    b,
                    site,
                    BinOp::Ge,
                    |x, y| Some(Value::bool((x.0 as i64) >= (y.0 as i64))),
                    |x, y| Some(Value::bool(x >= y))
                ),
                Op::Eq { dst, a, b, site } => arith!(
                    dst,
                    a,
                    b,
                    site,
                    BinOp::Eq,
                    |x, y| Some(Value::bool(x == y)),
                    |x, y| Some(Value::bool(x == y))
                ),
                Op::AddI { dst, a, imm, site } => arith_vals!(
                    dst,
                    r!(a),
                    imm,
                    site,
                    BinOp::Add,
                    |x, y| (x.0 as i64)
                        .checked_add(y.0 as i64 - 1)
                        .map(|s| Value(s as u64)),
                    |x, y| Value::try_flonum(x + y)
                ),
                Op::SubI { dst, a, imm, site } => arith_vals!(
                    dst,
                    r!(a),
                    imm,
                    site,
                    BinOp::Sub,
                    |x, y| (x.0 as i64)
                        .checked_sub(y.0 as i64 - 1)
                        .map(|s| Value(s as u64)),
                    |x, y| Value::try_flonum(x - y)
                ),
                Op::LtI { dst, a, imm, site } => arith_vals!(
                    dst,
                    r!(a),
                    imm,
                    site,
                    BinOp::Lt,
                    |x, y| Some(Value::bool((x.0 as i64) < (y.0 as i64))),
                    |x, y| Some(Value::bool(x < y))
                ),
                Op::LeI { dst, a, imm, site } => arith_vals!(
                    dst,
                    r!(a),
                    imm,
                    site,
                    BinOp::Le,
                    |x, y| Some(Value::bool((x.0 as i64) <= (y.0 as i64))),
                    |x, y| Some(Value::bool(x <= y))
                ),
                Op::GtI { dst, a, imm, site } => arith_vals!(
                    dst,
                    r!(a),
                    imm,
                    site,
                    BinOp::Gt,
                    |x, y| Some(Value::bool((x.0 as i64) > (y.0 as i64))),
                    |x, y| Some(Value::bool(x > y))
                ),
                Op::GeI { dst, a, imm, site } => arith_vals!(
                    dst,
                    r!(a),
                    imm,
                    site,
                    BinOp::Ge,
                    |x, y| Some(Value::bool((x.0 as i64) >= (y.0 as i64))),
                    |x, y| Some(Value::bool(x >= y))
                ),
                Op::EqI { dst, a, imm, site } => arith_vals!(
                    dst,
                    r!(a),
                    imm,
                    site,
                    BinOp::Eq,
                    |x, y| Some(Value::bool(x == y)),
                    |x, y| Some(Value::bool(x == y))
                ),
                Op::Binary {
                    dst,
                    op,
                    a,
                    b,
                    site,
                } => {
                    let (x, y) = (r!(a), r!(b));
                    let v = if Value::both_fixnum(x, y) && !self.vm.int_ops_redefined {
                        let prof = &code.arith_profile[site as usize];
                        prof.set(prof.get() | FIX2);
                        fixnum_binop(op, x.as_fixnum(), y.as_fixnum())
                    } else {
                        None
                    };
                    match v {
                        Some(v) => w!(dst, v),
                        None => {
                            let v = tryv!(at_inline_depth!(self.arith_slow(code, site, op, x, y)));
                            w!(dst, v);
                            slow_point!();
                        }
                    }
                }
                Op::Unary { dst, op, src, site } => {
                    let x = r!(src);
                    let v = match ops::unary_core(&mut self.vm, op, x) {
                        Some(v) => v,
                        None => {
                            let prof = &code.arith_profile[site as usize];
                            prof.set(prof.get() | type_bits(&self.vm, x));
                            let v = tryv!(at_inline_depth!(self.call_site(
                                f,
                                site,
                                x,
                                &[],
                                Value::NIL
                            )));
                            w!(dst, v);
                            slow_point!();
                            pc += 1;
                            continue;
                        }
                    };
                    w!(dst, v);
                }
                Op::Truthy { dst, src } => w!(dst, Value::bool(r!(src).truthy())),
                Op::ScopeLoad { dst, scope, slot } => {
                    let v = match self.vm.data(r!(scope)) {
                        Some(ObjData::Scope(_, d)) => d.slots[slot as usize],
                        _ => Value::NIL,
                    };
                    w!(dst, v);
                }
                Op::ScopeStore { scope, slot, src } => {
                    if let Some(ObjData::Scope(_, d)) = self.vm.data_mut(r!(scope)) {
                        d.slots[slot as usize] = r!(src);
                    }
                }
                Op::IvarGet {
                    dst,
                    obj,
                    name,
                    cache,
                } => {
                    let v = self.ivar_get(code, r!(obj), name, cache);
                    w!(dst, v);
                }
                Op::IvarLoad {
                    dst,
                    obj,
                    name,
                    slot,
                } => {
                    let recv = r!(obj);
                    let v = match self.vm.data(recv) {
                        Some(ObjData::Object(_, iv)) => match iv.get(slot as usize) {
                            Value::UNDEF => Value::NIL,
                            v => v,
                        },
                        // Not after a class guard: the generic path.
                        _ => runtime::core::kernel::ivar_get(&mut self.vm, recv, name),
                    };
                    w!(dst, v);
                }
                Op::ArrayGet { dst, array, index } => {
                    let (a, i) = (r!(array), r!(index));
                    let v = match self.vm.as_array(a) {
                        Some(arr) if i.is_fixnum() => {
                            runtime::core::array::index_fixnum(arr, i.as_fixnum())
                        }
                        // The verifier checked that guards made sure of both; should
                        // that ever be wrong, the method call is still right.
                        _ => {
                            let aref = self.vm.intern("[]");
                            tryv!(self.send_operator(a, aref, &[i]))
                        }
                    };
                    w!(dst, v);
                }
                Op::ArraySet {
                    dst,
                    array,
                    index,
                    src,
                } => {
                    let (a, i, v) = (r!(array), r!(index), r!(src));
                    let fast = i.is_fixnum() && !Vm::is_frozen_obj(a, true);
                    match self.vm.as_array_mut(a) {
                        Some(arr) if fast && (i.as_fixnum() as u64) < arr.len() as u64 => {
                            arr[i.as_fixnum() as usize] = v;
                        }
                        // Growing, a negative index, a frozen array, errors: the method.
                        _ => {
                            let aset = self.vm.intern("[]=");
                            tryv!(self.send_operator(a, aset, &[i, v]));
                        }
                    }
                    w!(dst, v);
                }
                Op::IvarStore {
                    obj,
                    name,
                    slot,
                    src,
                } => {
                    let v = r!(src);
                    let stored = match self.vm.obj_mut(r!(obj)) {
                        Some(o) if !o.frozen() => match &mut o.data {
                            ObjData::Object(_, iv) => {
                                iv.set(slot as usize, v);
                                true
                            }
                            _ => false,
                        },
                        _ => false,
                    };
                    if !stored {
                        tryv!(self.ivar_store(r!(obj), name, slot, v));
                    }
                }
                Op::Call { dst, site } => call_op!(dst, site, None::<u32>, false),
                Op::CallPoint { dst, site, deopt } => call_op!(dst, site, Some(deopt), false),
                Op::CallIn { dst, site } => call_op!(dst, site, None::<u32>, true),
                Op::CallPointIn { dst, site, deopt } => call_op!(dst, site, Some(deopt), true),
                Op::Yield { dst, start, len } => {
                    let blk = r!(REG_BLOCK);
                    if blk == Value::NIL {
                        let c = self.vm.c.local_jump_error;
                        throw!(self.vm.error(c, "no block given (yield)"));
                    }
                    let args = &code.operands[start as usize..(start + len) as usize];
                    let fast = match self.vm.data(blk) {
                        Some(ObjData::Block(_, b)) => {
                            let (func, entry) = (b.func, Entry::block(blk, b));
                            let callee = self.entry_code(func);
                            // No array to spread over the block's parameters.
                            (!callee.auto_splat || args.len() != 1).then_some((callee, entry))
                        }
                        _ => None,
                    };
                    let v = match fast {
                        Some((callee, entry)) => {
                            tryv!(self.enter(callee, entry, args.len(), |i| r!(args[i])))
                        }
                        None => tryv!(self.yield_slow(blk, args, regs)),
                    };
                    w!(dst, v);
                }
                // A `yield` of inlined code to a block the version did not inline: as deep
                // as the inlined calls would have been (the general path; rare).
                Op::YieldIn { dst, start, len } => {
                    let blk = r!(REG_BLOCK);
                    if blk == Value::NIL {
                        let c = self.vm.c.local_jump_error;
                        throw!(self.vm.error(c, "no block given (yield)"));
                    }
                    let args = &code.operands[start as usize..(start + len) as usize];
                    let level = code.inline_level(pc) as usize;
                    self.depth += level;
                    let r = self.yield_slow(blk, args, regs);
                    self.depth -= level;
                    let v = tryv!(r);
                    w!(dst, v);
                }
                // The first op of a version with inlined calls: near the depth limit, where
                // IR0 would raise SystemStackError entering one of them, run IR0 instead
                // (nothing has run yet).
                Op::DepthCheck { levels } => {
                    if self.depth + levels as usize > self.max_depth {
                        return self.run_as_ir0(f);
                    }
                }
                Op::BlockGiven { dst } => w!(dst, Value::bool(r!(REG_BLOCK) != Value::NIL)),
                Op::Jump { target } => {
                    pc = target as usize;
                    continue;
                }
                Op::JumpBack { target } => {
                    let n = code.backedges.get() + 1;
                    code.backedges.set(n);
                    // A hot loop enters its OSR version: when it first gets hot, and every
                    // so often after (a later call of the function, or after a deopt).
                    // (A mask, not `%`: a division on every back-edge of a hot loop
                    // costs a third of a tight loop's time.)
                    if self.tier.enabled
                        && !code.is_version
                        && n >= self.tier.threshold
                        && (n == self.tier.threshold || n & (self.tier.osr_every - 1) == 0)
                    {
                        if let Some(r) = self.try_osr(f, target as usize) {
                            return r;
                        }
                    }
                    if self.vm.heap.wants_collection() && !self.vm.heap.stress_skips() {
                        self.collect_garbage();
                    }
                    pc = target as usize;
                    continue;
                }
                Op::Branch { cond, then_, else_ } => {
                    pc = if r!(cond).truthy() { then_ } else { else_ } as usize;
                    continue;
                }
                Op::Return { src } => return Ok(r!(src)),
                Op::UnboxInt { dst, src } => uw!(dst, r!(src).as_fixnum() as u64),
                Op::UnboxFloat { dst, src } => {
                    uw!(dst, Vm::float_of(r!(src)).unwrap_or(0.0).to_bits())
                }
                Op::BoxInt { dst, src } => {
                    let v = self.vm.int(ur!(src) as i64);
                    w!(dst, v)
                }
                Op::BoxFloat { dst, src } => {
                    let v = self.vm.float(f64::from_bits(ur!(src)));
                    w!(dst, v)
                }
                Op::ConstU { dst, bits } => uw!(dst, bits),
                Op::UMove { dst, src } => uw!(dst, ur!(src)),
                Op::IntOp {
                    op,
                    dst,
                    a,
                    b,
                    deopt,
                } => {
                    let (x, y) = (ur!(a) as i64, ur!(b) as i64);
                    let r = int_arith(op, x, y);
                    match r {
                        Some(v) if !stress!(deopt) => uw!(dst, v as u64),
                        _ => deopt!(deopt),
                    }
                }
                Op::IntCmp { op, dst, a, b } => {
                    let (x, y) = (ur!(a) as i64, ur!(b) as i64);
                    w!(dst, Value::bool(int_cmp(op, x, y)))
                }
                Op::FloatOp { op, dst, a, b } => {
                    let (x, y) = (f64::from_bits(ur!(a)), f64::from_bits(ur!(b)));
                    let r = match op {
                        ir::FloatArith::Add => x + y,
                        ir::FloatArith::Sub => x - y,
                        ir::FloatArith::Mul => x * y,
                        ir::FloatArith::Div => x / y,
                    };
                    uw!(dst, r.to_bits())
                }
                Op::FloatCmp { op, dst, a, b } => {
                    let (x, y) = (f64::from_bits(ur!(a)), f64::from_bits(ur!(b)));
                    w!(dst, Value::bool(cmp_holds(op, x.partial_cmp(&y))))
                }
                Op::IntToFloat { dst, src } => uw!(dst, (ur!(src) as i64 as f64).to_bits()),
                Op::GuardUnboxInt { dst, src, deopt } => {
                    let v = r!(src);
                    if !v.is_fixnum() || stress!(deopt) {
                        deopt!(deopt);
                    }
                    uw!(dst, v.as_fixnum() as u64)
                }
                Op::GuardUnboxFloat { dst, src, deopt } => {
                    let v = r!(src);
                    if v.is_flonum() && !stress!(deopt) {
                        uw!(dst, v.as_flonum().to_bits())
                    } else {
                        match Vm::float_of(v) {
                            Some(x) if !stress!(deopt) => uw!(dst, x.to_bits()),
                            _ => deopt!(deopt),
                        }
                    }
                }
                Op::IntOpI {
                    op,
                    dst,
                    a,
                    imm,
                    deopt,
                } => {
                    let x = ur!(a) as i64;
                    let r = int_arith(op, x, imm);
                    match r {
                        Some(v) if !stress!(deopt) => uw!(dst, v as u64),
                        _ => deopt!(deopt),
                    }
                }
                Op::IntCmpI { op, dst, a, imm } => {
                    let x = ur!(a) as i64;
                    w!(dst, Value::bool(int_cmp(op, x, imm)))
                }
                Op::IntCmpBranch {
                    op,
                    a,
                    b,
                    then_,
                    else_,
                } => {
                    let (x, y) = (ur!(a) as i64, ur!(b) as i64);
                    pc = if int_cmp(op, x, y) { then_ } else { else_ } as usize;
                    continue;
                }
                Op::IntCmpIBranch {
                    op,
                    a,
                    imm,
                    then_,
                    else_,
                } => {
                    let x = ur!(a) as i64;
                    pc = if int_cmp(op, x, imm as i64) {
                        then_
                    } else {
                        else_
                    } as usize;
                    continue;
                }
                Op::GuardAssumptions { deopt } => {
                    if self.point_pending(code) {
                        if let Some(r) = self.invalidation_point(f, deopt, regs, uregs) {
                            return r;
                        }
                    }
                }
                Op::GuardFixnum { src, deopt } => {
                    if !r!(src).is_fixnum() || stress!(deopt) {
                        deopt!(deopt);
                    }
                }
                Op::GuardFloat { src, deopt } => {
                    if !Vm::is_float(r!(src)) || stress!(deopt) {
                        deopt!(deopt);
                    }
                }
                Op::GuardClass { src, class, deopt } => {
                    if self.vm.class_of(r!(src)).0 != class || stress!(deopt) {
                        deopt!(deopt);
                    }
                }
                Op::GuardMethod {
                    src,
                    class,
                    name,
                    func,
                    deopt,
                } => {
                    if self.vm.class_of(r!(src)).0 != class || stress!(deopt) {
                        deopt!(deopt);
                    }
                    let checked = &code.method_checked[deopt as usize];
                    if checked.get() == self.vm.method_serial {
                        // Nothing was defined since this guard last checked.
                    } else if self.method_is(class, name, func) {
                        checked.set(self.vm.method_serial);
                    } else {
                        return self.deopt_because(
                            f,
                            deopt as usize,
                            regs,
                            uregs,
                            Some(ir::DeoptReason::MethodRedefined),
                        );
                    }
                }
                _ => {
                    if let Err(e) = at_inline_depth!(self.exec_cold(f, pc, regs)) {
                        throw!(e);
                    }
                }
            }

            pc += 1;
        }
    }

    /// A call that no inline fast path took: natives, misses, optional parameters.
    #[inline(never)]
    fn call_slow(
        &mut self,
        f: &Frame,
        site: u32,
        recv: Value,
        block: Value,
        regs: *mut Value,
    ) -> RResult {
        let code = f.code;
        let s = &code.sites[site as usize];
        let operands = &code.operands[s.args_start as usize..(s.args_start + s.args_len) as usize];
        // Most calls have few arguments: a fixed buffer, no SmallVec bookkeeping.
        let mut buf = [Value::NIL; 6];
        let spilled: Vec<Value>;
        let args: &[Value] = if operands.len() <= buf.len() {
            for (slot, &r) in buf.iter_mut().zip(operands) {
                // SAFETY: operands are registers of the current frame.
                *slot = unsafe { *regs.add(r as usize) };
            }
            &buf[..operands.len()]
        } else {
            // SAFETY: as above.
            spilled = operands
                .iter()
                .map(|&r| unsafe { *regs.add(r as usize) })
                .collect();
            &spilled
        };
        let cls = self.vm.class_of(recv);
        let serial = self.vm.method_serial;
        let (e1, e2) = (s.cache.get(), s.cache2.get());
        // A native method in either cache entry runs without a lookup or a swap (the
        // run loop only reads the first entry, and natives always come here).
        let hit = if e1.class == cls.0 && e1.serial == serial {
            Some(e1)
        } else if e2.class == cls.0 && e2.serial == serial {
            Some(e2)
        } else {
            None
        };
        if let Some(e) = hit {
            if let (Fast::NilP, true) = (e.fast, args.is_empty()) {
                record_class(s, cls);
                return Ok(Value::bool(recv == Value::NIL));
            }
            if let Fast::New(c, init, required) = e.fast {
                if args.len() == required as usize {
                    record_class(s, cls);
                    return self.new_object(c, init, args, block);
                }
            }
            if let Fast::Native(fun, arity) = e.fast {
                if arity < 0 || arity as usize == args.len() {
                    record_class(s, cls);
                    return fun(self, recv, args, block).map_err(|err| {
                        // The frame is the method's own name (an alias's original, as
                        // `invoke_as` names it on a miss), not the name called.
                        let name = e.method.map_or(s.name, |m| self.vm.method(m).name);
                        self.native_error(err, name, Some(s.name), recv, args)
                    });
                }
            }
        }
        self.call_site(f, site, recv, args, block)
    }

    /// Whether an invalidation point of `code` has anything to check: the version was
    /// invalidated, a method change is pending, or deopt stress is on. One test on the
    /// fast path, shared by `GuardAssumptions` and the points fused into calls.
    #[inline(always)]
    fn point_pending(&self, code: &Code) -> bool {
        code.meta.invalidated.get()
            | !self.vm.method_changes.is_empty()
            | self.tier.driver.stress.is_some()
    }

    /// Runs the activation of version frame `f`, which has run nothing yet, in IR0
    /// instead (`Op::DepthCheck`): IR0's frame takes the version frame's place, with its
    /// `self`, block, scope and arguments (the same registers in both), and its id, so
    /// that a `return` or `break` aimed at the activation still finds it.
    #[cold]
    #[inline(never)]
    fn run_as_ir0(&mut self, f: &mut Frame) -> RResult {
        let ir0 = self.code(f.code.func);
        self.run_in_place_of(f, ir0, |_, _| {})
    }

    /// Runs `code` in place of the top frame `f`, which is dead from here on (its caller
    /// only takes the result): the new frame takes `f`'s place on the stacks and in the
    /// depth count, so that OSR entries and IR0 fallbacks of one activation do not pile
    /// frames up, and its identity (`home`, the block object), so that a `return` or
    /// `break` aimed at the activation still finds it. It gets `f`'s `self`, block, outer
    /// scope and arguments; `fill(interp, fp)` sets the rest of its registers. The caller
    /// still pops `f`, which is where this leaves the stacks.
    pub(crate) fn run_in_place_of(
        &mut self,
        f: &Frame,
        code: &'static Code,
        fill: impl FnOnce(&mut Self, usize),
    ) -> RResult {
        let base = f.fp;
        let get = |s: &Self, r: u32| s.stack[base + r as usize];
        let (recv, block, outer) = (
            get(self, REG_SELF),
            get(self, REG_BLOCK),
            get(self, REG_OUTER),
        );
        let nargs = f.code.nargs;
        let args: SmallVec<[Value; 8]> = (0..nargs).map(|i| get(self, FIXED_REGS + i)).collect();
        self.sp = f.fp;
        self.usp = f.ufp;
        self.depth -= 1;
        let fp = match self.push_frame(code, recv, block, outer, args.len(), |i| args[i]) {
            Ok(fp) => fp,
            Err(e) => {
                self.depth += 1;
                return Err(e);
            }
        };
        fill(self, fp);
        let mut frame = Frame {
            code,
            fp,
            ufp: f.ufp,
            argc: f.argc,
            home: f.home,
            cref: f.cref,
            method: f.method,
            block_obj: f.block_obj,
            left: false,
        };
        code.active.set(code.active.get() + 1);
        let r = self.run(&mut frame);
        if !frame.left {
            code.active.set(code.active.get() - 1);
        }
        self.pop_frame(fp, f.ufp);
        self.depth += 1;
        r
    }

    /// `yield` with an argument to spread, or to something that is not a block.
    #[inline(never)]
    fn yield_slow(&mut self, blk: Value, args: &[Reg], regs: *mut Value) -> RResult {
        // SAFETY: operands are registers of the current frame.
        let argv: SmallVec<[Value; 8]> = args
            .iter()
            .map(|&r| unsafe { *regs.add(r as usize) })
            .collect();
        self.invoke_block(blk, &argv)
    }

    /// How a cache hit on method `m` for receivers of class `cls` can skip `invoke`.
    fn fast_form(&mut self, m: Option<MethodId>, cls: ClassId, self_call: bool) -> Fast {
        let Some(m) = m else { return Fast::None };
        let entry = *self.vm.method(m);
        if entry.private && !self_call {
            return Fast::None;
        }
        match entry.body {
            MethodBody::Ruby(fid) => {
                let callee = self.code(fid);
                let cref = self.vm.lexical_class(entry.owner);
                if callee.optional == 0 {
                    Fast::Ruby(fid, callee.required, cref)
                } else {
                    Fast::None
                }
            }
            MethodBody::Native { f, arity } => {
                if entry.name == self.vm.s.new && self.vm.find_builtin(cls, entry.name) == Some(m) {
                    if let Some(f) = self.new_form(cls) {
                        return f;
                    }
                }
                let name = self.vm.sym_name(entry.name);
                // The core `nil?` (Object's, or NilClass's own), done inline.
                if name == "nil?" && self.vm.find_builtin(cls, entry.name) == Some(m) {
                    return Fast::NilP;
                }
                // The inline forms are the core methods themselves, not whatever now has
                // their name (`alias size first` makes a native `size` that is `first`).
                let core = cls == self.vm.c.array
                    && entry.owner == self.vm.c.array
                    && self.vm.find_builtin(cls, entry.name) == Some(m);
                if !core {
                    return Fast::Native(f, arity);
                }
                if name == "[]" {
                    Fast::ArrayIndex
                } else if name == "size" || name == "length" {
                    Fast::ArraySize
                } else if name == "<<" {
                    Fast::ArrayPush
                } else if name == "[]=" {
                    Fast::ArraySet
                } else {
                    Fast::Native(f, arity)
                }
            }
            MethodBody::AttrReader(ivar) => match self.vm.class(cls).ivar_slots.get(&ivar) {
                Some(&slot) => Fast::Reader(slot),
                None => Fast::None,
            },
            // Only once the class has a slot for the variable: the first write gives it
            // one (in the order the program assigns them, which `inspect` shows).
            MethodBody::AttrWriter(ivar) => match self.vm.class(cls).ivar_slots.get(&ivar) {
                Some(&slot) => Fast::Writer(slot),
                None => Fast::None,
            },
        }
    }

    /// `C.new(*args, &block)` through a `Fast::New` entry: a plain object of class `c`,
    /// then its `initialize` (`init`, a Ruby method) run on it.
    fn new_object(&mut self, c: ClassId, init: MethodId, args: &[Value], block: Value) -> RResult {
        let entry = *self.vm.method(init);
        let MethodBody::Ruby(fid) = entry.body else {
            unreachable!("Fast::New keeps a Ruby initialize")
        };
        let obj = self.vm.heap.alloc(
            c,
            ObjData::Object(runtime::heap::Hdr::NEW, runtime::heap::Ivars::new()),
        );
        let callee = self.entry_code(fid);
        let cref = self.vm.lexical_class(entry.owner);
        // `obj` is the new frame's self from here on, so a collection finds it.
        let e = Entry::method(obj, block, cref, Some(init));
        self.enter(callee, e, args.len(), |i| args[i])?;
        Ok(obj)
    }

    /// `C.new` (receiver class `meta`, C's metaclass) without the core `Class#new`'s
    /// lookups: when C makes plain objects and its `initialize` is a Ruby method with only
    /// required parameters, the cache entry keeps C and that method. (The entry is only
    /// used while no method is defined anywhere, like every cache entry.)
    fn new_form(&mut self, meta: ClassId) -> Option<Fast> {
        let c = self.vm.class(meta).attached?;
        if self.vm.class(c).alloc != runtime::class::AllocKind::Object {
            return None;
        }
        let init_name = self.vm.s.initialize;
        let init = self.vm.find_method(c, init_name)?;
        let MethodBody::Ruby(fid) = self.vm.method(init).body else {
            return None;
        };
        let callee = self.code(fid);
        (callee.optional == 0).then_some(Fast::New(c, init, callee.required))
    }

    /// The ops that are not on hot paths, out of line so that `run`'s frame stays small
    /// (it recurses with every Ruby call).
    #[inline(never)]
    fn exec_cold(&mut self, f: &Frame, pc: usize, regs: *mut Value) -> Result<(), Box<Unwind>> {
        let code = f.code;
        macro_rules! r {
            ($x:expr) => {
                unsafe { *regs.add($x as usize) }
            };
        }
        macro_rules! w {
            ($x:expr, $v:expr) => {{
                let v = $v;
                unsafe { *regs.add($x as usize) = v }
            }};
        }
        match code.ops[pc] {
            Op::Str { dst, idx } => {
                let s = code.strings[idx as usize].clone();
                w!(dst, self.vm.str(s));
            }
            Op::ScopeNew { dst, size } => {
                let outer = r!(REG_OUTER);
                let s = self.vm.new_scope(vec![Value::NIL; size as usize], outer);
                w!(dst, s);
            }
            Op::ScopeOuter { dst, depth } => {
                let mut s = r!(REG_OUTER);
                for _ in 1..depth {
                    s = match self.vm.data(s) {
                        Some(ObjData::Scope(_, d)) => d.parent,
                        _ => Value::NIL,
                    };
                }
                w!(dst, s);
            }
            Op::IvarSet {
                obj,
                name,
                src,
                cache,
            } => {
                (self.ivar_set(code, r!(obj), name, cache, r!(src)))?;
            }
            Op::ConstGet { dst, name, cache } => {
                let c = &code.const_caches[cache as usize];
                if c.serial.get() == self.vm.const_serial && c.cref.get() == f.cref.0 {
                    w!(dst, c.value.get());
                    return Ok(());
                }
                let v = self.vm.const_get(f.cref, name)?;
                c.serial.set(self.vm.const_serial);
                c.cref.set(f.cref.0);
                c.value.set(v);
                w!(dst, v);
            }
            Op::ConstGetFrom { dst, scope, name } => {
                let v = ops::const_get_from(&mut self.vm, r!(scope), name)?;
                w!(dst, v);
            }
            Op::ConstSet { name, src } => ops::const_set(&mut self.vm, f.cref, name, r!(src)),
            Op::NewArray { dst, start, len } => {
                let items: Vec<Value> = code.operands[start as usize..(start + len) as usize]
                    .iter()
                    .map(|&r| r!(r))
                    .collect();
                w!(dst, self.vm.array(items));
            }
            Op::Interp { dst, start, len } => {
                let parts: SmallVec<[Value; 8]> = code.operands
                    [start as usize..(start + len) as usize]
                    .iter()
                    .map(|&reg| r!(reg))
                    .collect();
                let s = ops::interpolate(self, &parts)?;
                w!(dst, s);
            }
            Op::ToArray { dst, src } => {
                let a = ops::to_array(&mut self.vm, r!(src));
                w!(dst, a);
            }
            Op::ArrayAt { dst, src, i } => {
                let v = self
                    .vm
                    .as_array(r!(src))
                    .and_then(|a| a.get(i as usize).copied())
                    .unwrap_or(Value::NIL);
                w!(dst, v);
            }
            Op::Super { dst, site } => {
                let v = (self.super_call(f, site))?;
                w!(dst, v);
            }
            Op::MakeBlock { dst, func, scope } => {
                let s = if scope == NO_REG {
                    Value::NIL
                } else {
                    r!(scope)
                };
                let b = self.make_block(f, func, s);
                w!(dst, b);
            }
            Op::DefMethod {
                name,
                func,
                singleton,
            } => {
                ops::def_method(&mut self.vm, f.cref, r!(REG_SELF), name, func, singleton)?;
            }
            Op::DefClass {
                dst,
                name,
                superclass,
                body,
            } => {
                let sup = if superclass == NO_REG {
                    Value::UNDEF
                } else {
                    r!(superclass)
                };
                let c = ops::open_class(&mut self.vm, f.cref, name, sup)?;
                let v = self.run_class_body(body, c)?;
                w!(dst, v);
            }
            Op::Alias { new, old } => ops::alias_method(&mut self.vm, f.cref, new, old)?,
            Op::CatchUnwind { dst } => {
                let u = std::mem::replace(&mut self.caught, Value::NIL);
                w!(dst, u);
            }
            Op::UnwindMatches {
                dst,
                unwind,
                start,
                len,
            } => {
                let classes: SmallVec<[Value; 4]> = code.operands
                    [start as usize..(start + len) as usize]
                    .iter()
                    .map(|&reg| r!(reg))
                    .collect();
                let m = ops::unwind_matches(&mut self.vm, r!(unwind), &classes)?;
                w!(dst, Value::bool(m));
            }
            Op::UnwindException { dst, src } => {
                w!(dst, ops::unwind_exception(&self.vm, r!(src)));
            }
            Op::BlockBreak { src } => return Err(ops::block_break(f.block_obj, r!(src))),
            Op::NonLocalReturn { src } => return Err(ops::non_local_return(f.home, r!(src))),
            Op::Resume { src } => return Err(ops::resume(&mut self.vm, r!(src))),
            Op::Unreachable => {
                let c = self.vm.c.runtime_error;
                return Err(self.vm.error(c, "rebound: reached unreachable code"));
            }
            Op::ScopeNewIn { dst, parent, size } => {
                let parent = if parent == NO_REG {
                    Value::NIL
                } else {
                    r!(parent)
                };
                let s = self.vm.new_scope(vec![Value::NIL; size as usize], parent);
                w!(dst, s);
            }
            Op::OsrLoad { dst, index } => {
                let v = self.tier.osr_args[index as usize];
                w!(dst, v);
            }
            _ => unreachable!("hot op in exec_cold"),
        }
        Ok(())
    }

    /// Delivers an unwind raised at `pc`: records the exception's origin, then returns
    /// the handler's pc, or the unwind itself when this frame has no handler for it.
    pub(crate) fn unwind_to_handler(
        &mut self,
        f: &Frame,
        pc: usize,
        e: Box<Unwind>,
    ) -> Result<usize, Box<Unwind>> {
        let code = f.code;
        if let Unwind::Raise(exc) = &*e {
            self.note_origin(*exc, code, pc);
        }
        let h = code.handlers[pc];
        if h == NO_PC {
            return Err(e);
        }
        self.caught = ops::catch_unwind(&mut self.vm, e);
        // A handler's entry is a safepoint too (its frame's values are in its registers,
        // the exception in `caught`): after a NoMemoryError, what the failed operation
        // left is collected before the handler allocates.
        if self.vm.heap.wants_collection() && !self.vm.heap.stress_skips() {
            self.collect_garbage();
        }
        Ok(h as usize)
    }

    /// Resolves and invokes the method of call site `site` on `recv`.
    #[inline]
    pub(crate) fn call_site(
        &mut self,
        f: &Frame,
        site: u32,
        recv: Value,
        args: &[Value],
        block: Value,
    ) -> RResult {
        let code = f.code;
        let s = &code.sites[site as usize];
        let cls = self.vm.class_of(recv);
        record_class(s, cls);
        let m = self.site_method(s, cls, s.fcall);
        self.dispatch(s, s.fcall, m, recv, args, block)
    }

    /// Runs method `m`, found at call site `s` (`fcall`: without an explicit receiver)
    /// for `recv`: NoMethodError when there is none, or when it is private and the call
    /// has a receiver. A core operator that CRuby runs without a frame leaves its errors
    /// to the caller's frame (`native_error`).
    fn dispatch(
        &mut self,
        s: &CallSite,
        fcall: bool,
        m: Option<MethodId>,
        recv: Value,
        args: &[Value],
        block: Value,
    ) -> RResult {
        let Some(m) = m else {
            return Err(self.missing_method(s, recv));
        };
        if !fcall && self.vm.method(m).private {
            return Err(self.private_error(recv, s.name));
        }
        self.invoke_as(m, recv, args, block, Some(s.name))
    }

    /// `recv[i]` or `recv[i] = v` that a version's `array_get`/`array_set` leaves to the
    /// method (growing an array, a negative index, errors): the call IR0 makes there,
    /// naming the frame IR0's call would name.
    #[inline(never)]
    fn send_operator(&mut self, recv: Value, name: u32, args: &[Value]) -> RResult {
        let cls = self.vm.class_of(recv);
        match self.vm.find_method(cls, name) {
            Some(m) => self.invoke_as(m, recv, args, Value::NIL, Some(name)),
            None => self.send(recv, name, args, Value::NIL),
        }
    }

    /// An error of the native method `name`, called as `site` (the name at a call site of
    /// the program; `None` for a call a native or the runtime made): it names the
    /// method's frame, unless CRuby makes that call without one (`frameless`).
    pub(crate) fn native_error(
        &mut self,
        e: Box<Unwind>,
        name: u32,
        site: Option<u32>,
        recv: Value,
        args: &[Value],
    ) -> Box<Unwind> {
        if site.is_some_and(|s| self.frameless(s, recv, args)) {
            e
        } else {
            self.native_origin(e, name)
        }
    }

    /// Whether CRuby runs this call of a core method without a frame of its own, so that
    /// its errors name the caller's frame (``in `<main>'``): the VM instructions of
    /// `ary[i]`, `ary[i] = v` with an Integer `i`, `ary << v` and `str << v` call the C
    /// function directly when the receiver's class is exactly Array (String) and the
    /// method is the core one. Asked on error paths only.
    pub(crate) fn frameless(&mut self, name: u32, recv: Value, args: &[Value]) -> bool {
        let cls = self.vm.class_of(recv);
        let (array, string) = (self.vm.c.array, self.vm.c.string);
        let shape = match (self.vm.sym_name(name), args) {
            ("[]", [_]) => cls == array,
            ("[]=", [i, _]) => cls == array && i.is_fixnum(),
            ("<<", [_]) => cls == array || cls == string,
            _ => false,
        };
        shape && self.vm.find_method(cls, name) == self.vm.find_builtin(cls, name)
    }

    /// The method a call site runs for receivers of class `cls`, through its inline
    /// cache: the first entry (the one the run loop's fast paths read), then the second,
    /// which takes the first's place on a hit (a site that sees two classes, such as
    /// `x.nil?` on objects and nil, does not look up again); a miss looks the method up
    /// and moves the first entry to the second.
    fn site_method(&mut self, s: &CallSite, cls: ClassId, fcall: bool) -> Option<MethodId> {
        let serial = self.vm.method_serial;
        let e = s.cache.get();
        if e.class == cls.0 && e.serial == serial {
            return e.method;
        }
        let e2 = s.cache2.get();
        if e2.class == cls.0 && e2.serial == serial {
            s.cache.set(e2);
            s.cache2.set(e);
            return e2.method;
        }
        let m = self.vm.find_method_for(cls, s.name, s.builtin);
        let fast = self.fast_form(m, cls, fcall);
        s.cache2.set(e);
        s.cache.set(CacheEntry {
            class: cls.0,
            serial,
            method: m,
            fast,
        });
        m
    }

    fn private_error(&mut self, recv: Value, name: u32) -> Box<Unwind> {
        let desc = runtime::core::kernel::describe_receiver(self, recv);
        let n = self.vm.sym_name(name).to_string();
        let c = self.vm.c.no_method_error;
        self.vm
            .error(c, format!("private method `{n}' called for {desc}"))
    }

    fn missing_method(&mut self, s: &CallSite, recv: Value) -> Box<Unwind> {
        let n = self.vm.sym_name(s.name).to_string();
        if s.vcall {
            runtime::core::kernel::name_error_variable(self, recv, &n)
        } else {
            runtime::core::kernel::no_method_error(self, recv, &n)
        }
    }

    /// Arithmetic and comparisons off the fast path: numeric receivers through the
    /// runtime's numeric semantics (unless redefined), everything else as a method call.
    #[inline(never)]
    fn arith_slow(
        &mut self,
        code: &'static Code,
        site: u32,
        op: BinOp,
        x: Value,
        y: Value,
    ) -> RResult {
        let prof = &code.arith_profile[site as usize];
        prof.set(prof.get() | type_bits(&self.vm, x) | (type_bits(&self.vm, y) << 8));
        let numeric_recv = x.is_fixnum()
            || x.is_flonum()
            || matches!(
                self.vm.data(x),
                Some(ObjData::Float(_, _)) | Some(ObjData::BigInt(_, _))
            );
        let redefined = !code.sites[site as usize].builtin
            && if Vm::is_float(x) {
                self.vm.float_ops_redefined
            } else {
                self.vm.int_ops_redefined
            };
        if numeric_recv && !redefined {
            if let Some(r) = runtime::core::numbers::binop(self, op, x, y) {
                return r.map_err(|e| {
                    let name = self
                        .vm
                        .intern(runtime::core::numbers::binop_method_name(op));
                    self.native_origin(e, name)
                });
            }
        }
        let s = &code.sites[site as usize];
        let cls = self.vm.class_of(x);
        record_class(s, cls);
        let m = self.site_method(s, cls, false);
        if let Fast::ArrayPush = s.cache.get().fast {
            if let Some(o) = self.vm.obj_mut(x) {
                // Without room, `Array#<<` grows it or raises NoMemoryError.
                if let (false, ObjData::Array(_, a)) = (o.frozen(), &mut o.data) {
                    if a.try_reserve(1).is_ok() {
                        a.push(y);
                        return Ok(x);
                    }
                }
            }
        }
        // An operator always has a receiver.
        self.dispatch(s, false, m, x, &[y], Value::NIL)
    }

    fn super_call(&mut self, f: &Frame, site: u32) -> RResult {
        let code = f.code;
        let s = &code.sites[site as usize];
        let Some(m) = f.method else {
            return Err(ops::super_outside_method(&mut self.vm));
        };
        let regs = self.regs(f.fp);
        let recv = unsafe { *regs.add(REG_SELF as usize) };
        // Lowering passes the current values of the parameters as operands for an
        // implicit-argument `super`, so both forms read the operands.
        let mut args: SmallVec<[Value; 8]> = SmallVec::new();
        for &reg in &code.operands[s.args_start as usize..(s.args_start + s.args_len) as usize] {
            args.push(unsafe { *regs.add(reg as usize) });
        }
        let block = if s.block != NO_REG {
            unsafe { *regs.add(s.block as usize) }
        } else {
            unsafe { *regs.add(REG_BLOCK as usize) }
        };
        ops::super_call(self, m, recv, &args, block)
    }

    fn ivar_get(&mut self, code: &'static Code, recv: Value, name: u32, cache: u32) -> Value {
        let site = &code.ivar_caches[cache as usize];
        let Some(o) = self.vm.obj(recv) else {
            site.polymorphic.set(true);
            return Value::NIL;
        };
        let (cls, slot) = site.cache.get();
        let slot = if cls == o.class().0 {
            slot
        } else {
            match self.vm.class(o.class()).ivar_slots.get(&name) {
                Some(&s) => {
                    site.refill(o.class().0, s, matches!(o.data, ObjData::Object(_, _)));
                    s
                }
                None => return Value::NIL,
            }
        };
        let ivars = match &o.data {
            ObjData::Object(_, iv) => iv,
            ObjData::Exception(_, e) => &e.ivars,
            _ => return Value::NIL,
        };
        match ivars.get(slot as usize) {
            Value::UNDEF => Value::NIL,
            v => v,
        }
    }

    /// `ivar_store` of a version: slot `slot` of a plain object (FrozenError when it is
    /// frozen; by name when it is not a plain object). Out of line: the run loop keeps
    /// only the read inline.
    #[inline(never)]
    fn ivar_store(&mut self, recv: Value, name: u32, slot: u32, v: Value) -> RResult {
        kernel::ivar_store(self, recv, slot, name, v).map(|()| v)
    }

    fn ivar_set(
        &mut self,
        code: &'static Code,
        recv: Value,
        name: u32,
        cache: u32,
        v: Value,
    ) -> Result<(), Box<Unwind>> {
        let site = &code.ivar_caches[cache as usize];
        if let Some(o) = self.vm.obj_mut(recv) {
            let (cls, slot) = site.cache.get();
            if cls == o.class().0 && !o.frozen() {
                if let ObjData::Object(_, iv) = &mut o.data {
                    iv.set(slot as usize, v);
                    return Ok(());
                }
            }
        }
        runtime::core::kernel::ivar_set(self, recv, name, v)?;
        if let Some(o) = self.vm.obj(recv) {
            let slot = self.vm.class(o.class()).ivar_slots[&name];
            site.refill(o.class().0, slot, matches!(o.data, ObjData::Object(_, _)));
        }
        Ok(())
    }
}

/// Ruby's result of an unboxed integer operation, or `None` where the machine cannot
/// give it (overflow, zero divisor, negative shift): the op then deoptimizes.
#[inline(always)]
fn int_arith(op: ir::IntArith, x: i64, y: i64) -> Option<i64> {
    match op {
        ir::IntArith::Add => x.checked_add(y),
        ir::IntArith::Sub => x.checked_sub(y),
        ir::IntArith::Mul => x.checked_mul(y),
        ir::IntArith::Div => numeric::i64_div_floor(x, y),
        ir::IntArith::Mod => numeric::i64_mod_floor(x, y),
        ir::IntArith::And => Some(x & y),
        ir::IntArith::Or => Some(x | y),
        ir::IntArith::Xor => Some(x ^ y),
        ir::IntArith::Shr => (y >= 0).then(|| x >> y.min(63)),
    }
}

/// Whether an integer comparison holds.
#[inline(always)]
fn int_cmp(op: ir::CmpOp, x: i64, y: i64) -> bool {
    match op {
        ir::CmpOp::Lt => x < y,
        ir::CmpOp::Le => x <= y,
        ir::CmpOp::Gt => x > y,
        ir::CmpOp::Ge => x >= y,
        ir::CmpOp::Eq => x == y,
        ir::CmpOp::Ne => x != y,
    }
}

/// Whether a comparison holds for an ordering (NaN compares false).
#[inline(always)]
fn cmp_holds(op: ir::CmpOp, o: Option<std::cmp::Ordering>) -> bool {
    use std::cmp::Ordering::*;
    match (op, o) {
        (_, None) => matches!(op, ir::CmpOp::Ne),
        (ir::CmpOp::Lt, Some(o)) => o == Less,
        (ir::CmpOp::Le, Some(o)) => o != Greater,
        (ir::CmpOp::Gt, Some(o)) => o == Greater,
        (ir::CmpOp::Ge, Some(o)) => o != Less,
        (ir::CmpOp::Eq, Some(o)) => o == Equal,
        (ir::CmpOp::Ne, Some(o)) => o != Equal,
    }
}

#[inline(always)]
fn record_class(s: &CallSite, cls: ClassId) {
    let first = &s.profile[0];
    let (c, n) = first.get();
    if c == cls.0 {
        first.set((c, n.saturating_add(1)));
        return;
    }
    record_class_slow(s, cls);
}

#[inline(never)]
fn record_class_slow(s: &CallSite, cls: ClassId) {
    for e in s.profile.iter() {
        let (c, n) = e.get();
        if c == cls.0 {
            e.set((c, n.saturating_add(1)));
            return;
        }
        if c == u32::MAX {
            e.set((cls.0, 1));
            return;
        }
    }
    s.megamorphic.set(true);
}

/// Fixnum results of the less common operators, `None` when the slow path must decide
/// (overflow, division by zero, big shifts).
fn fixnum_binop(op: BinOp, x: i64, y: i64) -> Option<Value> {
    match op {
        BinOp::Div => numeric::i64_div_floor(x, y).and_then(Value::try_fixnum),
        BinOp::Mod => numeric::i64_mod_floor(x, y).map(Value::fixnum),
        BinOp::Ne => Some(Value::bool(x != y)),
        BinOp::BitAnd => Some(Value::fixnum(x & y)),
        BinOp::BitOr => Some(Value::fixnum(x | y)),
        BinOp::BitXor => Some(Value::fixnum(x ^ y)),
        BinOp::Cmp => Some(Value::fixnum((x > y) as i64 - (x < y) as i64)),
        BinOp::Shl if (0..32).contains(&y) => x.checked_mul(1i64 << y).and_then(Value::try_fixnum),
        BinOp::Shr if (0..64).contains(&y) => Some(Value::fixnum(x >> y)),
        _ => None,
    }
}
