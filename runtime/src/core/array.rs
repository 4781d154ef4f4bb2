//! Array methods that are leaf primitives. The block-taking ones (`each`, `map`, ...)
//! are in the prelude, except `Array.new(n) { }`, which calls its block from here.

use super::conv::{self, long_arg};
use super::{check_arity, kernel, string::implicit_name};
use crate::value::Value;
use crate::vm::{Nesting, Vm};
use crate::{Host, RResult, Unwind};

pub fn install(vm: &mut Vm) {
    let a = vm.c.array;
    vm.define_native(a, "initialize", -1, a_initialize);
    vm.define_native(a, "[]", -1, a_index);
    vm.define_native(a, "slice", -1, a_index);
    vm.define_native(a, "[]=", -1, a_index_set);
    vm.define_native(a, "at", 1, a_index);
    vm.define_native(a, "size", 0, a_size);
    vm.define_native(a, "length", 0, a_size);
    vm.define_native(a, "<<", 1, a_append);
    vm.define_native(a, "push", -1, a_push);
    vm.define_native(a, "append", -1, a_push);
    vm.define_native(a, "pop", -1, a_pop);
    vm.define_native(a, "shift", -1, a_shift);
    vm.define_native(a, "unshift", -1, a_unshift);
    vm.define_native(a, "prepend", -1, a_unshift);
    vm.define_native(a, "insert", -1, a_insert);
    vm.define_native(a, "delete_at", 1, a_delete_at);
    vm.define_native(a, "first", -1, a_first);
    vm.define_native(a, "last", -1, a_last);
    vm.define_native(a, "take", 1, a_take);
    vm.define_native(a, "drop", 1, a_drop);
    vm.define_native(a, "reverse", 0, a_reverse);
    vm.define_native(a, "join", -1, a_join);
    vm.define_native(a, "include?", 1, a_include_p);
    vm.define_native(a, "index", 1, a_find_index);
    vm.define_native(a, "empty?", 0, a_empty_p);
    vm.define_native(a, "clear", 0, a_clear);
    vm.define_native(a, "inspect", 0, a_inspect);
    vm.define_native(a, "to_s", 0, a_inspect);
    vm.define_native(a, "to_a", 0, a_to_a);
    vm.define_native(a, "==", 1, a_eq);
    vm.define_native(a, "!=", 1, a_ne);
    vm.define_native(a, "+", 1, a_plus);
    vm.define_native(a, "-", 1, a_minus);
    vm.define_native(a, "*", 1, a_times);
    vm.define_native(a, "concat", -1, a_concat);
    vm.define_native(a, "dup", 0, a_dup);
    vm.define_native(a, "clone", 0, a_dup);
    vm.define_native(a, "__sum", 1, a_sum_init);
    vm.define_native(a, "__count", 1, a_count_value);
    vm.define_native(a, "min", 0, a_min);
    vm.define_native(a, "max", 0, a_max);
    vm.define_native(a, "flatten", 0, a_flatten);
    vm.define_native(a, "uniq", 0, a_uniq);
    vm.define_native(a, "compact", 0, a_compact);
    vm.define_native(a, "delete", 1, a_delete);
    vm.define_native(a, "fill", 1, a_fill);
    vm.define_native(a, "hash", 0, a_hash);
}

/// The receiver's elements, borrowed from the VM (so not across a call into Ruby).
fn this(h: &mut dyn Host, v: Value) -> &mut Vec<Value> {
    h.vm().as_array_mut(v).expect("Array receiver")
}

/// A copy of the receiver's elements in `r`, or NoMemoryError: for what returns part of
/// an array, and for what must hold the elements across calls into Ruby.
fn copied<R>(h: &mut dyn Host, recv: Value, r: R) -> Result<Vec<Value>, Box<Unwind>>
where
    R: std::slice::SliceIndex<[Value], Output = [Value]>,
{
    let v = conv::try_copy(&this(h, recv)[r]);
    v.map_err(|_| h.vm().no_memory_error())
}

/// FrozenError unless the receiver may be modified.
fn check_frozen(h: &mut dyn Host, recv: Value) -> Result<(), Box<Unwind>> {
    kernel::check_frozen(h, recv)
}

/// `Array.new` (Class#new) runs this: `Array.new(n)`, `Array.new(n, v)`,
/// `Array.new(n) { |i| ... }`, `Array.new(array)` (a copy); with CRuby's checks of the
/// size, and NoMemoryError when the memory cannot be had.
fn a_initialize(h: &mut dyn Host, recv: Value, a: &[Value], blk: Value) -> RResult {
    check_arity(h, a, 0, 2)?;
    check_frozen(h, recv)?;
    if a.is_empty() {
        this(h, recv).clear();
        return Ok(recv);
    }
    if a.len() == 1 && !a[0].is_fixnum() {
        if let Some(items) = h.vm().array_copy(a[0])? {
            *this(h, recv) = items;
            return Ok(recv);
        }
    }
    let n = long_arg(h, a[0])?;
    let n = conv::array_size(h.vm(), n)?;
    let mut items = conv::vec_with_capacity(h.vm(), n)?;
    if blk == Value::NIL {
        items.resize(n, a.get(1).copied().unwrap_or(Value::NIL));
        *this(h, recv) = items;
        return Ok(recv);
    }
    *this(h, recv) = items;
    // `Class#new` holds the new array in no frame: it is a root while the block runs (a
    // collection may happen there), and the block's values are safe in it.
    h.vm().extra_roots.push(recv);
    let r = (0..n).try_for_each(|i| {
        let v = h.call_block(blk, &[Value::fixnum(i as i64)])?;
        this(h, recv).push(v);
        Ok(())
    });
    h.vm().extra_roots.pop();
    r.map(|()| recv)
}

/// Normalizes a possibly negative index; `None` when it is before the start.
fn norm(i: i64, len: usize) -> Option<usize> {
    let i = if i < 0 { i + len as i64 } else { i };
    usize::try_from(i).ok()
}

/// `arr[i]` for the interpreter's fast path and `Array#[]` with one Integer.
#[inline]
pub fn index_fixnum(arr: &[Value], i: i64) -> Value {
    match norm(i, arr.len()) {
        Some(i) if i < arr.len() => arr[i],
        _ => Value::NIL,
    }
}

/// The part `[start, start + n)` of a sequence of `len` elements that `x[start, n]`
/// reads (`rb_ary_subseq`, `rb_str_substr`): `None` (nil) for a negative count or a start
/// outside `0..=len`; the count is cut at the end.
pub fn subseq(start: i64, n: i64, len: usize) -> Option<std::ops::Range<usize>> {
    let s = norm(start, len).filter(|&s| s <= len)?;
    let n = usize::try_from(n).ok()?;
    Some(s..s + n.min(len - s))
}

fn a_index(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    check_arity(h, a, 1, 2)?;
    let i = long_arg(h, a[0])?;
    if a.len() == 1 {
        return Ok(index_fixnum(this(h, recv), i));
    }
    let n = long_arg(h, a[1])?;
    let arr = this(h, recv);
    match subseq(i, n, arr.len()) {
        Some(r) => {
            let v = copied(h, recv, r)?;
            Ok(h.vm().array(v))
        }
        None => Ok(Value::NIL),
    }
}

/// IndexError for an index before the start: `index -5 too small for array; minimum: -2`.
fn index_too_small(h: &mut dyn Host, i: i64, min: i64) -> Box<Unwind> {
    let c = h.vm().c.index_error;
    h.vm()
        .error(c, format!("index {i} too small for array; minimum: {min}"))
}

/// IndexError for an index past CRuby's largest array.
fn index_too_big(h: &mut dyn Host, i: i64) -> Box<Unwind> {
    let c = h.vm().c.index_error;
    h.vm().error(c, format!("index {i} too big"))
}

/// `arr[i] = v` (`rb_ary_store`): grows the array (nil-filled) past its end; IndexError
/// for an index before the start or past CRuby's limit, checked before the frozen check
/// as CRuby does.
fn index_set(h: &mut dyn Host, recv: Value, i: i64, v: Value) -> RResult {
    let len = this(h, recv).len();
    let Some(at) = norm(i, len) else {
        return Err(index_too_small(h, i, -(len as i64)));
    };
    if at as i64 >= conv::ARRAY_MAX_SIZE {
        return Err(index_too_big(h, i));
    }
    check_frozen(h, recv)?;
    with_elements(h, recv, |vm, arr| conv::grow(vm, arr, at + 1, Value::NIL))?;
    this(h, recv)[at] = v;
    Ok(v)
}

/// Runs `f` on the receiver's elements with the VM at hand (to grow them fallibly):
/// the elements are moved out of the object meanwhile.
fn with_elements<R>(
    h: &mut dyn Host,
    recv: Value,
    f: impl FnOnce(&mut Vm, &mut Vec<Value>) -> R,
) -> R {
    let mut arr = std::mem::take(this(h, recv));
    let r = f(h.vm(), &mut arr);
    *this(h, recv) = arr;
    r
}

/// Replaces `n` elements from `start` with `repl` (`rb_ary_splice`), growing the array
/// past its end with nils; IndexError for a negative count, a start before the array
/// or a result past CRuby's limit.
fn splice(
    h: &mut dyn Host,
    recv: Value,
    start: i64,
    n: i64,
    repl: Vec<Value>,
) -> Result<(), Box<Unwind>> {
    if n < 0 {
        let c = h.vm().c.index_error;
        return Err(h.vm().error(c, format!("negative length ({n})")));
    }
    let len = this(h, recv).len();
    let Some(s) = norm(start, len) else {
        return Err(index_too_small(h, start, -(len as i64)));
    };
    let rlen = repl.len() as i64;
    if s >= len && s as i64 > conv::ARRAY_MAX_SIZE - rlen {
        return Err(index_too_big(h, s as i64));
    }
    with_elements(h, recv, |vm, arr| {
        conv::reserve(vm, arr, s.saturating_sub(len) + repl.len())?;
        conv::grow(vm, arr, s, Value::NIL)?;
        let e = s + (n as u64).min((arr.len() - s) as u64) as usize;
        arr.splice(s..e, repl);
        Ok(())
    })
}

fn a_index_set(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    check_arity(h, a, 2, 3)?;
    if a.len() == 2 {
        let i = long_arg(h, a[0])?;
        return index_set(h, recv, i, a[1]);
    }
    // arr[start, len] = value(s)
    check_frozen(h, recv)?;
    let start = long_arg(h, a[0])?;
    let n = long_arg(h, a[1])?;
    // The replacement is copied first: it may be the receiver itself.
    let repl = match h.vm().array_copy(a[2])? {
        Some(r) => r,
        None => vec![a[2]],
    };
    splice(h, recv, start, n, repl)?;
    Ok(a[2])
}

fn a_size(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    Ok(Value::fixnum(this(h, recv).len() as i64))
}

fn a_append(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    check_frozen(h, recv)?;
    with_elements(h, recv, |vm, arr| conv::push(vm, arr, a[0]))?;
    Ok(recv)
}

fn a_push(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    check_frozen(h, recv)?;
    with_elements(h, recv, |vm, arr| conv::reserve(vm, arr, a.len()))?;
    this(h, recv).extend_from_slice(a);
    Ok(recv)
}

/// A count of elements (`first(n)`, `take(n)`, `pop(n)` ...), at most `len`;
/// ArgumentError `negative` when it is negative.
fn count_arg(h: &mut dyn Host, n: Value, len: usize, negative: &str) -> Result<usize, Box<Unwind>> {
    let n = long_arg(h, n)?;
    if n < 0 {
        return Err(h.vm().arg_error(negative));
    }
    Ok((n as u64).min(len as u64) as usize)
}

/// The count of `first(n)`, `last(n)`, `pop(n)`, `shift(n)`.
fn take_count(h: &mut dyn Host, n: Value, len: usize) -> Result<usize, Box<Unwind>> {
    count_arg(h, n, len, "negative array size")
}

fn a_pop(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    check_arity(h, a, 0, 1)?;
    check_frozen(h, recv)?;
    if let Some(&n) = a.first() {
        let len = this(h, recv).len();
        let n = take_count(h, n, len)?;
        let tail = this(h, recv).split_off(len - n);
        return Ok(h.vm().array(tail));
    }
    Ok(this(h, recv).pop().unwrap_or(Value::NIL))
}

fn a_shift(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    check_arity(h, a, 0, 1)?;
    check_frozen(h, recv)?;
    if let Some(&n) = a.first() {
        let len = this(h, recv).len();
        let n = take_count(h, n, len)?;
        let head = copied(h, recv, ..n)?;
        this(h, recv).drain(..n);
        return Ok(h.vm().array(head));
    }
    let arr = this(h, recv);
    if arr.is_empty() {
        Ok(Value::NIL)
    } else {
        Ok(arr.remove(0))
    }
}

fn a_unshift(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    check_frozen(h, recv)?;
    with_elements(h, recv, |vm, arr| conv::reserve(vm, arr, a.len()))?;
    let arr = this(h, recv);
    arr.splice(0..0, a.iter().copied());
    Ok(recv)
}

fn a_insert(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    if a.is_empty() {
        return Err(h.vm().arity_error(0, "1+"));
    }
    check_frozen(h, recv)?;
    let i = long_arg(h, a[0])?;
    if a.len() == 1 {
        return Ok(recv);
    }
    let len = this(h, recv).len() as i64;
    // A negative position counts from after the last element.
    let pos = match i {
        -1 => len,
        i if i < -len - 1 => return Err(index_too_small(h, i, -len - 1)),
        i if i < 0 => i + 1,
        i => i,
    };
    splice(h, recv, pos, 0, a[1..].to_vec())?;
    Ok(recv)
}

fn a_delete_at(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    let i = long_arg(h, a[0])?;
    let len = this(h, recv).len();
    match norm(i, len) {
        Some(i) if i < len => {
            check_frozen(h, recv)?;
            Ok(this(h, recv).remove(i))
        }
        _ => Ok(Value::NIL),
    }
}

fn a_first(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    check_arity(h, a, 0, 1)?;
    let Some(&n) = a.first() else {
        return Ok(this(h, recv).first().copied().unwrap_or(Value::NIL));
    };
    let len = this(h, recv).len();
    let n = take_count(h, n, len)?;
    let v = copied(h, recv, ..n)?;
    Ok(h.vm().array(v))
}

fn a_last(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    check_arity(h, a, 0, 1)?;
    let Some(&n) = a.first() else {
        return Ok(this(h, recv).last().copied().unwrap_or(Value::NIL));
    };
    let len = this(h, recv).len();
    let n = take_count(h, n, len)?;
    let v = copied(h, recv, len - n..)?;
    Ok(h.vm().array(v))
}

fn a_take(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    let len = this(h, recv).len();
    let n = count_arg(h, a[0], len, "attempt to take negative size")?;
    let v = copied(h, recv, ..n)?;
    Ok(h.vm().array(v))
}

fn a_drop(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    let len = this(h, recv).len();
    let n = count_arg(h, a[0], len, "attempt to drop negative size")?;
    let v = copied(h, recv, n..)?;
    Ok(h.vm().array(v))
}

fn a_reverse(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    let mut v = copied(h, recv, ..)?;
    v.reverse();
    Ok(h.vm().array(v))
}

fn join_into(h: &mut dyn Host, arr: Value, sep: &str, out: &mut String) -> Result<(), Box<Unwind>> {
    if !h.vm().enter_nested(Nesting::Join, arr, Value::NIL)? {
        return Err(h.vm().arg_error("recursive array join"));
    }
    // Room for the Strings among the items and the separators at once (as CRuby sizes
    // its result), rather than doubling up to it.
    let (known, n) = {
        let vm = h.vm();
        let items = vm.as_array(arr).expect("Array to join");
        let known: usize = items
            .iter()
            .filter_map(|x| vm.as_string(*x))
            .map(|x| x.len())
            .sum();
        (known, items.len())
    };
    let seps = sep.len().saturating_mul(n.saturating_sub(1));
    let mut r = match out.try_reserve_exact(known.saturating_add(seps)) {
        Ok(()) => Ok(()),
        Err(_) => Err(h.vm().no_memory_error()),
    };
    // By index, as CRuby does (no copy of the items; `to_s` may change the array).
    let mut i = 0;
    while r.is_ok() {
        let Some(&x) = this(h, arr).get(i) else {
            break;
        };
        if i > 0 {
            r = conv::push_str(h.vm(), out, sep);
            if r.is_err() {
                break;
            }
        }
        r = if Vm::is_array(x) {
            join_into(h, x, sep, out)
        } else {
            kernel::to_s(h, x).and_then(|s| conv::push_str(h.vm(), out, &s))
        };
        i += 1;
    }
    h.vm().leave_nested(Nesting::Join, arr, Value::NIL);
    r
}

fn a_join(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    check_arity(h, a, 0, 1)?;
    let sep = match a.first() {
        Some(&s) if s != Value::NIL => match h.vm().string_copy(s) {
            Some(s) => s,
            None => {
                let n = implicit_name(h, s);
                return Err(h
                    .vm()
                    .type_error(format!("no implicit conversion of {n} into String")));
            }
        },
        _ => String::new(),
    };
    let mut out = String::new();
    join_into(h, recv, &sep, &mut out)?;
    Ok(h.vm().str(out))
}

fn a_include_p(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    let items = copied(h, recv, ..)?;
    for x in items {
        if kernel::equal(h, x, a[0])? {
            return Ok(Value::TRUE);
        }
    }
    Ok(Value::FALSE)
}

fn a_find_index(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    let items = copied(h, recv, ..)?;
    for (i, x) in items.into_iter().enumerate() {
        if kernel::equal(h, x, a[0])? {
            return Ok(Value::fixnum(i as i64));
        }
    }
    Ok(Value::NIL)
}

fn a_empty_p(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    Ok(Value::bool(this(h, recv).is_empty()))
}

fn a_clear(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    check_frozen(h, recv)?;
    this(h, recv).clear();
    Ok(recv)
}

fn a_inspect(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    let s = kernel::inspect(h, recv)?;
    Ok(h.vm().str(s))
}

fn a_to_a(_h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    Ok(recv)
}

fn a_eq(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    let Some(y) = h.vm().array_copy(a[0])? else {
        return Ok(Value::FALSE);
    };
    let x = copied(h, recv, ..)?;
    if x.len() != y.len() {
        return Ok(Value::FALSE);
    }
    // Comparing the same two arrays again, inside their own comparison: CRuby counts
    // that part as equal.
    if !h.vm().enter_nested(Nesting::Eq, recv, a[0])? {
        return Ok(Value::TRUE);
    }
    let mut r = Ok(Value::TRUE);
    for (p, q) in x.into_iter().zip(y) {
        match kernel::equal(h, p, q) {
            Ok(true) => {}
            Ok(false) => {
                r = Ok(Value::FALSE);
                break;
            }
            Err(e) => {
                r = Err(e);
                break;
            }
        }
    }
    h.vm().leave_nested(Nesting::Eq, recv, a[0]);
    r
}

fn a_ne(h: &mut dyn Host, recv: Value, a: &[Value], b: Value) -> RResult {
    Ok(Value::bool(!a_eq(h, recv, a, b)?.truthy()))
}

/// A copy of the elements of an Array argument; TypeError for anything else.
fn array_arg(h: &mut dyn Host, v: Value) -> Result<Vec<Value>, Box<Unwind>> {
    match h.vm().array_copy(v)? {
        Some(a) => Ok(a),
        None => {
            let n = implicit_name(h, v);
            Err(h
                .vm()
                .type_error(format!("no implicit conversion of {n} into Array")))
        }
    }
}

fn a_plus(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    let o = array_arg(h, a[0])?;
    let n = this(h, recv).len() + o.len();
    let mut v = conv::vec_with_capacity(h.vm(), n)?;
    v.extend_from_slice(this(h, recv));
    v.extend_from_slice(&o);
    Ok(h.vm().array(v))
}

fn a_minus(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    let o = array_arg(h, a[0])?;
    let mut out = vec![];
    for x in copied(h, recv, ..)? {
        let mut found = false;
        for y in &o {
            if kernel::equal(h, x, *y)? {
                found = true;
                break;
            }
        }
        if !found {
            conv::push(h.vm(), &mut out, x)?;
        }
    }
    Ok(h.vm().array(out))
}

fn a_times(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    if let Some(sep) = h.vm().string_copy(a[0]) {
        let s = h.vm().str(sep);
        return a_join(h, recv, &[s], Value::NIL);
    }
    let times = long_arg(h, a[0])?;
    let items = copied(h, recv, ..)?;
    let n = conv::repeat_count(h.vm(), items.len(), times, conv::ARRAY_MAX_SIZE)?;
    let v = conv::repeat(h.vm(), &items, n)?;
    Ok(h.vm().array(v))
}

fn a_concat(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    check_frozen(h, recv)?;
    let mut add = vec![];
    for &x in a {
        add.extend_from_slice(&array_arg(h, x)?);
    }
    with_elements(h, recv, |vm, arr| conv::reserve(vm, arr, add.len()))?;
    this(h, recv).extend(add);
    Ok(recv)
}

fn a_dup(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    let v = copied(h, recv, ..)?;
    Ok(h.vm().array(v))
}

/// `sum(init)` without a block: exact for Integers, Kahan-Babuska compensated for Floats
/// (as CRuby does), `+` for anything else.
fn a_sum_init(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    let items = copied(h, recv, ..)?;
    sum_values(h, a[0], &items)
}

/// Sums values onto `init` with CRuby's Array#sum algorithm.
pub fn sum_values(h: &mut dyn Host, init: Value, items: &[Value]) -> RResult {
    let mut acc = init;
    let mut i = 0;
    // Integer phase.
    while i < items.len() && (Vm::is_integer(acc)) {
        let x = items[i];
        if Vm::is_integer(x) {
            acc = super::numbers::binop(h, ir::BinOp::Add, acc, x).unwrap()?;
            i += 1;
        } else {
            break;
        }
    }
    // Float phase, with compensation.
    let acc_is_num = Vm::is_integer(acc) || Vm::is_float(acc);
    if i < items.len() && acc_is_num && Vm::is_float(items[i]) {
        let to_f = |v: Value| -> Option<f64> {
            if v.is_fixnum() {
                Some(v.as_fixnum() as f64)
            } else if let Some(f) = Vm::float_of(v) {
                Some(f)
            } else {
                Vm::int_of(v).map(|b| b.to_f())
            }
        };
        let mut f = to_f(acc).unwrap();
        let mut c = 0.0f64;
        while i < items.len() {
            let Some(x) = to_f(items[i]) else { break };
            if !(Vm::is_float(items[i]) || items[i].is_fixnum() || Vm::is_integer(items[i])) {
                break;
            }
            let t = f + x;
            if f.is_finite() && x.is_finite() && t.is_finite() {
                if f.abs() >= x.abs() {
                    c += (f - t) + x;
                } else {
                    c += (x - t) + f;
                }
            }
            f = t;
            i += 1;
        }
        acc = h.vm().float(f + c);
    }
    // Generic phase: `+` called as a method, as CRuby does (an error names its frame).
    let plus = h.vm().intern("+");
    for &x in &items[i..] {
        acc = h.call(acc, plus, &[x], Value::NIL)?;
    }
    Ok(acc)
}

fn a_count_value(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    let items = copied(h, recv, ..)?;
    let mut n = 0;
    for x in items {
        if kernel::equal(h, x, a[0])? {
            n += 1;
        }
    }
    Ok(Value::fixnum(n))
}

fn minmax(h: &mut dyn Host, recv: Value, want_less: bool) -> RResult {
    let items = copied(h, recv, ..)?;
    let mut best: Option<Value> = None;
    let cmp = h.vm().s.cmp;
    for x in items {
        best = Some(match best {
            None => x,
            Some(b) => {
                let r = match super::numbers::binop(h, ir::BinOp::Cmp, x, b) {
                    Some(r) => r?,
                    None => h.call(x, cmp, &[b], Value::NIL)?,
                };
                if !r.is_fixnum() {
                    let (cx, cb) = {
                        let vm = h.vm();
                        (
                            vm.class_name(vm.class_of(x)).to_string(),
                            vm.class_name(vm.class_of(b)).to_string(),
                        )
                    };
                    return Err(h
                        .vm()
                        .arg_error(format!("comparison of {cx} with {cb} failed")));
                }
                let c = r.as_fixnum();
                if (want_less && c < 0) || (!want_less && c > 0) {
                    x
                } else {
                    b
                }
            }
        });
    }
    Ok(best.unwrap_or(Value::NIL))
}

fn a_min(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    minmax(h, recv, true)
}

fn a_max(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    minmax(h, recv, false)
}

/// The elements of `root`, nested arrays spread at any depth, with an explicit stack (a
/// deeply nested array must not overflow the native stack). `Err` for an array that
/// contains itself, as CRuby refuses to flatten it.
fn flatten(vm: &Vm, root: Value) -> Result<Vec<Value>, Unflat> {
    let mut out = vec![];
    // The arrays being walked, outermost first, with the next index in each; and the
    // same arrays as a set, to see one inside itself without a walk of the path.
    let mut path: Vec<(Value, usize)> = vec![(root, 0)];
    let mut on_path: rustc_hash::FxHashSet<u64> = [root.0].into_iter().collect();
    while let Some((arr, i)) = path.pop() {
        let elems = vm.as_array(arr).expect("Array on the flatten path");
        let Some(&x) = elems.get(i) else {
            on_path.remove(&arr.0);
            continue;
        };
        path.push((arr, i + 1));
        if vm.as_array(x).is_some() {
            if !on_path.insert(x.0) {
                return Err(Unflat::Recursive);
            }
            path.push((x, 0));
        } else {
            if out.try_reserve(1).is_err() {
                return Err(Unflat::NoMemory);
            }
            out.push(x);
        }
    }
    Ok(out)
}

/// Why [`flatten`] stopped.
enum Unflat {
    Recursive,
    NoMemory,
}

fn a_flatten(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    match flatten(h.vm(), recv) {
        Ok(out) => Ok(h.vm().array(out)),
        Err(Unflat::Recursive) => Err(h.vm().arg_error("tried to flatten recursive array")),
        Err(Unflat::NoMemory) => Err(h.vm().no_memory_error()),
    }
}

fn a_uniq(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    let mut out: Vec<Value> = vec![];
    for x in copied(h, recv, ..)? {
        let mut dup = false;
        for y in &out {
            if kernel::equal(h, x, *y)? {
                dup = true;
                break;
            }
        }
        if !dup {
            conv::push(h.vm(), &mut out, x)?;
        }
    }
    Ok(h.vm().array(out))
}

fn a_compact(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    let mut v = copied(h, recv, ..)?;
    v.retain(|v| *v != Value::NIL);
    Ok(h.vm().array(v))
}

fn a_delete(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    check_frozen(h, recv)?;
    let items = copied(h, recv, ..)?;
    let mut keep = vec![];
    let mut found = Value::NIL;
    for x in items {
        if kernel::equal(h, x, a[0])? {
            found = x;
        } else {
            conv::push(h.vm(), &mut keep, x)?;
        }
    }
    *this(h, recv) = keep;
    Ok(found)
}

fn a_fill(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    check_frozen(h, recv)?;
    for x in this(h, recv).iter_mut() {
        *x = a[0];
    }
    Ok(recv)
}

fn a_hash(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    let mut acc: i64 = this(h, recv).len() as i64;
    // An array inside itself hashes as a constant there (CRuby's hash of a recursive
    // array is an Integer too).
    if !h.vm().enter_nested(Nesting::Hash, recv, Value::NIL)? {
        return Ok(Value::fixnum(0x5eed));
    }
    let hash = h.vm().intern("hash");
    let mut r = Ok(());
    for x in copied(h, recv, ..)? {
        match h.call(x, hash, &[], Value::NIL) {
            Ok(hv) => {
                acc = acc.wrapping_mul(31).wrapping_add(if hv.is_fixnum() {
                    hv.as_fixnum()
                } else {
                    0
                })
            }
            Err(e) => {
                r = Err(e);
                break;
            }
        }
    }
    h.vm().leave_nested(Nesting::Hash, recv, Value::NIL);
    r.map(|()| Value::fixnum(acc >> 2))
}
