//! Object, Kernel, Module/Class, nil/true/false, Symbol and Exception methods, and the
//! `to_s`/`inspect`/`==` conversions that output and comparisons are built on.

use super::check_arity;
use super::conv::push_str;
use crate::class::MethodBody;
use crate::format::{float_to_s, inspect_str, inspect_symbol};
use crate::heap::ObjData;
use crate::value::Value;
use crate::vm::{Nesting, Vm};
use crate::{Host, RResult, Unwind};
use ir::ClassId;

pub fn install(vm: &mut Vm) {
    let bo = vm.c.basic_object;
    vm.define_native(bo, "initialize", 0, identity_nil);
    let obj = vm.c.object;
    // Kernel's functions are private: `nil.puts "x"` is a NoMethodError.
    vm.define_private_native(obj, "puts", -1, k_puts);
    vm.define_private_native(obj, "print", -1, k_print);
    vm.define_private_native(obj, "p", -1, k_p);
    vm.define_private_native(obj, "raise", -1, k_raise);
    vm.define_native(obj, "class", 0, o_class);
    vm.define_native(obj, "is_a?", 1, o_is_a);
    vm.define_native(obj, "kind_of?", 1, o_is_a);
    vm.define_native(obj, "instance_of?", 1, o_instance_of);
    vm.define_native(obj, "nil?", 0, o_nil_p);
    vm.define_native(obj, "==", 1, o_equal_p);
    vm.define_native(obj, "equal?", 1, o_equal_p);
    vm.define_native(obj, "!=", 1, o_not_equal);
    vm.define_native(obj, "!", 0, o_not);
    vm.define_native(obj, "===", 1, o_eqq);
    vm.define_native(obj, "to_s", 0, o_to_s);
    vm.define_native(obj, "inspect", 0, o_inspect);
    vm.define_native(obj, "hash", 0, o_hash);
    vm.define_native(obj, "frozen?", 0, o_frozen_p);
    vm.define_native(obj, "freeze", 0, o_freeze);
    vm.define_native(obj, "respond_to?", -1, o_respond_to);
    vm.define_native(obj, "send", -1, o_send);
    vm.define_native(obj, "object_id", 0, o_object_id);
    vm.define_native(obj, "instance_variable_get", 1, o_ivar_get);
    vm.define_native(obj, "instance_variable_set", 2, o_ivar_set);

    let module = vm.c.module;
    vm.define_native(module, "attr_reader", -1, m_attr_reader);
    vm.define_native(module, "attr_writer", -1, m_attr_writer);
    vm.define_native(module, "attr_accessor", -1, m_attr_accessor);
    vm.define_native(module, "name", 0, m_name);
    vm.define_native(module, "to_s", 0, m_name);
    vm.define_native(module, "inspect", 0, m_name);
    vm.define_native(module, "===", 1, m_eqq);
    vm.define_native(module, "==", 1, o_equal_p);
    vm.define_native(module, "<", 1, m_lt);
    vm.define_native(module, "<=", 1, m_le);
    vm.define_native(module, "ancestors", 0, m_ancestors);
    vm.define_native(module, "instance_methods", -1, m_instance_methods);
    vm.define_native(module, "method_defined?", -1, m_method_defined);
    vm.define_native(module, "private", -1, m_visibility);
    vm.define_native(module, "public", -1, m_visibility);
    vm.define_native(module, "protected", -1, m_visibility);
    vm.define_native(module, "module_function", -1, m_visibility);
    let class = vm.c.class;
    vm.define_native(class, "new", -1, c_new);
    vm.define_native(class, "allocate", 0, c_allocate);
    vm.define_native(class, "superclass", 0, c_superclass);

    let nil = vm.c.nil;
    // NilClass has its own `nil?`, as in CRuby: redefining Object#nil? leaves nil.nil? true.
    vm.define_native(nil, "nil?", 0, o_nil_p);
    vm.define_native(nil, "to_s", 0, nil_to_s);
    vm.define_native(nil, "to_a", 0, nil_to_a);
    vm.define_native(nil, "to_i", 0, nil_to_i);
    vm.define_native(nil, "to_f", 0, nil_to_f);
    vm.define_native(nil, "inspect", 0, any_inspect);
    vm.define_native(nil, "&", 1, false_and);
    vm.define_native(nil, "|", 1, false_or);
    vm.define_native(nil, "^", 1, false_or);
    for c in [vm.c.true_, vm.c.false_] {
        vm.define_native(c, "to_s", 0, any_inspect);
        vm.define_native(c, "inspect", 0, any_inspect);
    }
    let t = vm.c.true_;
    vm.define_native(t, "&", 1, true_and);
    vm.define_native(t, "|", 1, true_or);
    vm.define_native(t, "^", 1, true_xor);
    let f = vm.c.false_;
    vm.define_native(f, "&", 1, false_and);
    vm.define_native(f, "|", 1, false_or);
    vm.define_native(f, "^", 1, false_or);

    let sym = vm.c.symbol;
    vm.define_native(sym, "to_s", 0, sym_to_s);
    vm.define_native(sym, "id2name", 0, sym_to_s);
    vm.define_native(sym, "name", 0, sym_to_s);
    vm.define_native(sym, "to_sym", 0, identity);
    vm.define_native(sym, "inspect", 0, any_inspect);
    vm.define_native(sym, "size", 0, sym_size);
    vm.define_native(sym, "length", 0, sym_size);
    vm.define_native(sym, "<=>", 1, sym_cmp);

    let exc = vm.c.exception;
    vm.define_native(exc, "initialize", -1, exc_initialize);
    vm.define_native(exc, "message", 0, exc_message);
    vm.define_native(exc, "to_s", 0, exc_message);
    vm.define_native(exc, "inspect", 0, exc_inspect);
    vm.define_native(exc, "full_message", -1, exc_message);
    vm.define_native(exc, "exception", -1, exc_exception);
    vm.define_singleton_native(exc, "exception", -1, c_new);
}

fn identity_nil(_h: &mut dyn Host, _recv: Value, _a: &[Value], _b: Value) -> RResult {
    Ok(Value::NIL)
}

fn identity(_h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    Ok(recv)
}

// ---- conversions -----------------------------------------------------------------

/// Whether `Integer#to_s` is still the core method (interpolation then writes a fixnum's
/// digits itself).
pub fn native_int_to_s(vm: &mut Vm) -> bool {
    let (c, to_s) = (vm.c.integer, vm.s.to_s);
    vm.find_method(c, to_s)
        .map(|m| matches!(vm.method(m).body, MethodBody::Native { .. }))
        .unwrap_or(false)
}

/// The decimal form of an Integer value.
pub fn int_to_s(v: Value) -> String {
    if v.is_fixnum() {
        v.as_fixnum().to_string()
    } else if let Some(crate::numeric::Int::Big(b)) = Vm::int_of(v) {
        b.to_string()
    } else {
        String::new()
    }
}

/// `to_s` as `puts`, `print` and interpolation use it: core values directly, others by
/// calling their `to_s` (falling back to `#<Foo>` when it does not return a String).
pub fn to_s(h: &mut dyn Host, v: Value) -> Result<String, Box<Unwind>> {
    if let Some(s) = h.vm().string_copy(v) {
        return Ok(s);
    }
    let vm = h.vm();
    let to_s_sym = vm.s.to_s;
    let c = vm.class_of(v);
    let native = vm
        .find_method(c, to_s_sym)
        .map(|m| matches!(vm.method(m).body, MethodBody::Native { .. }))
        .unwrap_or(false);
    if native {
        if v.is_fixnum() || vm.as_bigint(v).is_some() {
            return Ok(int_to_s(v));
        }
        if let Some(f) = Vm::float_of(v) {
            return Ok(float_to_s(f));
        }
        if v == Value::NIL {
            return Ok(String::new());
        }
        if v == Value::TRUE || v == Value::FALSE {
            return Ok((if v.truthy() { "true" } else { "false" }).into());
        }
        if v.is_symbol() {
            return Ok(vm.sym_name(v.as_symbol()).to_string());
        }
        if let Some(k) = vm.as_class(v) {
            return Ok(vm.class_name(k).to_string());
        }
        if Vm::is_array(v) {
            return inspect(h, v);
        }
        if matches!(vm.data(v), Some(ObjData::Object(_, _))) {
            return Ok(default_to_s(vm, v));
        }
    }
    let r = h.call(v, to_s_sym, &[], Value::NIL)?;
    match h.vm().string_copy(r) {
        Some(s) => Ok(s),
        None => Ok(default_to_s(h.vm(), v)),
    }
}

/// `#<Foo>`: Object#to_s. CRuby adds the address; rebound prints a stable object id so
/// outputs can be compared (programs in the corpus never print it).
pub fn default_to_s(vm: &mut Vm, v: Value) -> String {
    if v == vm.main_obj {
        return "main".to_string();
    }
    let c = vm.class_of(v);
    format!("#<{}:{:#018x}>", vm.class_name(c), v.0)
}

/// `inspect` of a value, as `p` prints it.
pub fn inspect(h: &mut dyn Host, v: Value) -> Result<String, Box<Unwind>> {
    let mut out = String::new();
    inspect_into(h, v, &mut out)?;
    Ok(out)
}

/// Appends `inspect` of `v` to `out` (one buffer for a whole nested array: building a
/// string per level and copying it into the level above is quadratic in the depth).
fn inspect_into(h: &mut dyn Host, v: Value, out: &mut String) -> Result<(), Box<Unwind>> {
    if let Some(s) = inspect_core(h.vm(), v) {
        return push_str(h.vm(), out, &s);
    }
    if let Some(items) = h.vm().array_copy(v)? {
        // An array that contains itself, at any depth, prints `[...]` there.
        if !h.vm().enter_nested(Nesting::Inspect, v, Value::NIL)? {
            return push_str(h.vm(), out, "[...]");
        }
        let mut r = push_str(h.vm(), out, "[");
        for (i, x) in items.iter().enumerate() {
            if r.is_err() {
                break;
            }
            if i > 0 {
                r = push_str(h.vm(), out, ", ");
                if r.is_err() {
                    break;
                }
            }
            r = inspect_into(h, *x, out);
            if r.is_err() {
                break;
            }
        }
        h.vm().leave_nested(Nesting::Inspect, v, Value::NIL);
        return r.and_then(|()| push_str(h.vm(), out, "]"));
    }
    let sym = h.vm().s.inspect;
    let r = h.call(v, sym, &[], Value::NIL)?;
    let s = match h.vm().string_copy(r) {
        Some(s) => s,
        None => to_s(h, r)?,
    };
    push_str(h.vm(), out, &s)
}

/// `inspect` of values whose class's `inspect` is the core one and needs no call.
fn inspect_core(vm: &mut Vm, v: Value) -> Option<String> {
    let c = vm.class_of(v);
    let user_inspect = {
        let sym = vm.s.inspect;
        vm.find_method(c, sym)
            .map(|m| !matches!(vm.method(m).body, MethodBody::Native { .. }))
            .unwrap_or(false)
    };
    if user_inspect {
        return None;
    }
    if v.is_fixnum() {
        return Some(v.as_fixnum().to_string());
    }
    if v == Value::NIL {
        return Some("nil".into());
    }
    if v == Value::TRUE {
        return Some("true".into());
    }
    if v == Value::FALSE {
        return Some("false".into());
    }
    if v.is_symbol() {
        return Some(inspect_symbol(vm.sym_name(v.as_symbol())));
    }
    if let Some(f) = Vm::float_of(v) {
        return Some(float_to_s(f));
    }
    let o = vm.obj(v)?;
    match &o.data {
        ObjData::String(_, s) => Some(inspect_str(s)),
        ObjData::BigInt(_, b) => Some(b.to_string()),
        ObjData::Class(_, c) => Some(vm.class_name(*c).to_string()),
        ObjData::Exception(_, e) => {
            let cname = vm.class_name(o.class()).to_string();
            let msg = vm.string_copy(e.message).unwrap_or_default();
            if msg.is_empty() {
                Some(cname)
            } else {
                Some(format!("#<{cname}: {msg}>"))
            }
        }
        ObjData::Object(_, ivars) => {
            if v == vm.main_obj {
                return Some("main".into());
            }
            let cname = vm.class_name(o.class()).to_string();
            if ivars.is_empty() {
                return Some(format!("#<{cname}>"));
            }
            // Objects with instance variables are printed by `inspect_object` (it may call
            // inspect on the ivars); signal that with None.
            None
        }
        _ => None,
    }
}

/// The NoMethodError description of a receiver, as CRuby 3.1 writes it: its `inspect`,
/// followed by `:Class` unless the inspect is the `#<...>` form.
pub fn describe_receiver(h: &mut dyn Host, v: Value) -> String {
    let vm = h.vm();
    if v == vm.main_obj {
        return "main:Object".into();
    }
    let c = vm.class_of(v);
    let cname = vm.class_name(c).to_string();
    let has_user_inspect = {
        let sym = vm.s.inspect;
        vm.find_method(c, sym)
            .map(|m| !matches!(vm.method(m).body, MethodBody::Native { .. }))
            .unwrap_or(false)
    };
    let plain_object = matches!(
        vm.data(v),
        Some(ObjData::Object(_, _)) | Some(ObjData::Exception(_, _))
    );
    let insp = if plain_object && !has_user_inspect {
        default_to_s(vm, v)
    } else {
        match inspect(h, v) {
            Ok(s) if s.len() <= 65 => s,
            _ => default_to_s(h.vm(), v),
        }
    };
    if insp.starts_with('#') {
        insp
    } else {
        let meta_name = if h.vm().as_class(v).is_some() {
            "Class".to_string()
        } else {
            cname
        };
        format!("{insp}:{meta_name}")
    }
}

/// NoMethodError for calling `name` on `recv`.
pub fn no_method_error(h: &mut dyn Host, recv: Value, name: &str) -> Box<Unwind> {
    let desc = describe_receiver(h, recv);
    let vm = h.vm();
    let c = vm.c.no_method_error;
    vm.error(c, format!("undefined method `{name}' for {desc}"))
}

/// NameError for an identifier that is neither a local nor a method.
pub fn name_error_variable(h: &mut dyn Host, recv: Value, name: &str) -> Box<Unwind> {
    let desc = describe_receiver(h, recv);
    let vm = h.vm();
    let c = vm.c.name_error;
    vm.error(
        c,
        format!("undefined local variable or method `{name}' for {desc}"),
    )
}

/// FrozenError for an attempt to modify `recv`, named by its class and its `inspect` as
/// CRuby names it: `can't modify frozen Array: [1, 2]` (an error raised by that
/// `inspect` is raised instead).
pub fn frozen_error(h: &mut dyn Host, recv: Value) -> Box<Unwind> {
    let d = match inspect(h, recv) {
        Ok(d) => d,
        Err(e) => return e,
    };
    let vm = h.vm();
    let msg = format!(
        "can't modify frozen {}: {d}",
        vm.class_name(vm.class_of(recv))
    );
    let c = vm.c.frozen_error;
    vm.error(c, msg)
}

/// FrozenError when the heap object `recv` is frozen.
pub fn check_frozen(h: &mut dyn Host, recv: Value) -> Result<(), Box<Unwind>> {
    if Vm::is_frozen_obj(recv, false) {
        return Err(frozen_error(h, recv));
    }
    Ok(())
}

/// `a == b`.
pub fn equal(h: &mut dyn Host, a: Value, b: Value) -> Result<bool, Box<Unwind>> {
    if a == b && !Vm::is_float(a) {
        return Ok(true);
    }
    if Value::both_fixnum(a, b) {
        return Ok(false);
    }
    let vm = h.vm();
    if let (Some(x), Some(y)) = (vm.as_string(a), vm.as_string(b)) {
        return Ok(x == y);
    }
    let sym = h.vm().s.eqeq;
    Ok(h.call(a, sym, &[b], Value::NIL)?.truthy())
}

// ---- Kernel ----------------------------------------------------------------------

/// Writes the `puts` lines of one value: arrays are flattened, one element a line.
fn puts_value(
    h: &mut dyn Host,
    v: Value,
    out: &mut String,
    depth: usize,
) -> Result<(), Box<Unwind>> {
    if let Some(items) = h.vm().array_copy(v)? {
        // An array that contains itself, at any depth, prints `[...]` there.
        if !h.vm().enter_nested(Nesting::Puts, v, Value::NIL)? {
            out.push_str("[...]\n");
            return Ok(());
        }
        let r = items
            .into_iter()
            .try_for_each(|x| puts_value(h, x, out, depth + 1));
        h.vm().leave_nested(Nesting::Puts, v, Value::NIL);
        return r;
    }
    let s = if v == Value::NIL && depth > 0 {
        String::new()
    } else {
        to_s(h, v)?
    };
    out.push_str(&s);
    if !s.ends_with('\n') {
        out.push('\n');
    }
    Ok(())
}

fn k_puts(h: &mut dyn Host, _recv: Value, args: &[Value], _b: Value) -> RResult {
    let mut out = String::new();
    if args.is_empty() {
        out.push('\n');
    }
    for &a in args {
        // `puts []` prints nothing (CRuby 3.1); nested empty arrays print nothing either.
        puts_value(h, a, &mut out, 0)?;
    }
    h.vm().write_out(out.as_bytes());
    Ok(Value::NIL)
}

fn k_print(h: &mut dyn Host, _recv: Value, args: &[Value], _b: Value) -> RResult {
    let mut out = String::new();
    for &a in args {
        out.push_str(&to_s(h, a)?);
    }
    h.vm().write_out(out.as_bytes());
    Ok(Value::NIL)
}

fn k_p(h: &mut dyn Host, _recv: Value, args: &[Value], _b: Value) -> RResult {
    let mut out = String::new();
    for &a in args {
        out.push_str(&inspect(h, a)?);
        out.push('\n');
    }
    h.vm().write_out(out.as_bytes());
    Ok(match args.len() {
        0 => Value::NIL,
        1 => args[0],
        _ => h.vm().array(args.to_vec()),
    })
}

/// `raise`, `raise "msg"`, `raise Cls`, `raise Cls, "msg"`, `raise exc`, `raise exc,
/// "msg"`, and a third argument, the backtrace. The exception is raised in the caller's
/// frame; errors of `raise` itself (TypeError for something that is not an exception)
/// are reported in its own, as CRuby reports them.
fn k_raise(h: &mut dyn Host, _recv: Value, args: &[Value], _b: Value) -> RResult {
    match make_exception(h, args) {
        Ok(exc) => Err(Box::new(Unwind::Raise(exc))),
        Err(e) => {
            h.vm().raised_in(&e, "raise");
            Err(e)
        }
    }
}

/// The exception `raise` raises (CRuby's `make_exception`): a RuntimeError for no
/// argument or a String, else what `exception` of the class or object returns (given the
/// message, if any): `Cls.exception(msg)` is `Cls.new(msg)`, `exc.exception(msg)` a copy
/// of `exc` with that message. TypeError when there is no `exception` method or it does
/// not return an exception.
fn make_exception(h: &mut dyn Host, args: &[Value]) -> Result<Value, Box<Unwind>> {
    check_arity(h, args, 0, 3)?;
    let Some((&first, rest)) = args.split_first() else {
        // CRuby's message is empty; the uncaught report prints "unhandled exception".
        // (Re-raising the exception being rescued, `$!`, is not modelled yet.)
        let c = h.vm().c.runtime_error;
        return Ok(h.vm().make_exception(c, ""));
    };
    if rest.is_empty() && Vm::is_string(first) {
        let vm = h.vm();
        let c = vm.c.runtime_error;
        let exc = vm.make_exception(c, "");
        set_message(vm, exc, first);
        return Ok(exc);
    }
    let vm = h.vm();
    let name = vm.intern("exception");
    if vm.find_method(vm.class_of(first), name).is_none() {
        return Err(vm.type_error("exception class/object expected"));
    }
    let exc = h.call(first, name, &rest[..rest.len().min(1)], Value::NIL)?;
    if !is_exception(h.vm(), exc) {
        return Err(h.vm().type_error("exception object expected"));
    }
    if let Some(&bt) = rest.get(1) {
        set_backtrace(h.vm(), exc, bt)?;
    }
    Ok(exc)
}

/// The backtrace `raise` was given (an Array of Strings, a String or nil): its first
/// line is the place the exception's report names.
fn set_backtrace(vm: &mut Vm, exc: Value, bt: Value) -> Result<(), Box<Unwind>> {
    let lines = match vm.array_copy(bt)? {
        Some(items) => items,
        None if bt == Value::NIL => return Ok(()),
        None => vec![bt],
    };
    if !lines.iter().all(|&l| Vm::is_string(l)) {
        // CRuby checks it in `set_backtrace`, which the report names.
        let e = vm.type_error("backtrace must be Array of String");
        vm.raised_in(&e, "set_backtrace");
        return Err(e);
    }
    let first = lines.first().and_then(|&l| vm.string_copy(l));
    if let (Some(place), Some(ObjData::Exception(_, x))) = (first, vm.data_mut(exc)) {
        x.origin = crate::heap::Origin::Place(place);
    }
    Ok(())
}

/// `Exception#exception`: the exception itself, or with a message, a copy of it (its
/// instance variables and the place it was raised) with that message.
fn exc_exception(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    check_arity(h, a, 0, 1)?;
    let Some(&msg) = a.first().filter(|&&m| m != recv) else {
        return Ok(recv);
    };
    let vm = h.vm();
    let Some(ObjData::Exception(_, x)) = vm.data(recv) else {
        return Ok(recv);
    };
    let copy = ObjData::Exception(
        crate::heap::Hdr::NEW,
        Box::new(crate::heap::ExceptionData {
            ivars: x.ivars.clone(),
            message: msg,
            origin: x.origin.clone(),
        }),
    );
    let c = vm.class_of(recv);
    Ok(vm.heap.alloc(c, copy))
}

pub fn is_exception(vm: &Vm, v: Value) -> bool {
    matches!(vm.data(v), Some(ObjData::Exception(_, _)))
        && vm.is_subclass(vm.class_of(v), vm.c.exception)
}

fn set_message(vm: &mut Vm, e: Value, msg: Value) {
    if let Some(ObjData::Exception(_, x)) = vm.data_mut(e) {
        x.message = msg;
    }
}

// ---- Object ----------------------------------------------------------------------

fn o_class(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    let vm = h.vm();
    let c = vm.class_of(recv);
    // A class object's class is its metaclass; Ruby shows `Class` there.
    let c = if vm.class(c).attached.is_some() {
        vm.c.class
    } else {
        c
    };
    Ok(vm.class(c).value)
}

fn class_arg(h: &mut dyn Host, v: Value) -> Result<ClassId, Box<Unwind>> {
    match h.vm().as_class(v) {
        Some(c) => Ok(c),
        None => Err(h.vm().type_error("class or module required")),
    }
}

fn o_is_a(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    let target = class_arg(h, a[0])?;
    let vm = h.vm();
    let c = vm.class_of(recv);
    // Class objects are instances of their metaclass, whose chain ends in Class.
    Ok(Value::bool(vm.is_subclass(c, target)))
}

fn o_instance_of(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    let target = class_arg(h, a[0])?;
    let vm = h.vm();
    let c = vm.class_of(recv);
    let c = if vm.class(c).attached.is_some() {
        vm.c.class
    } else {
        c
    };
    Ok(Value::bool(c == target))
}

fn o_nil_p(_h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    Ok(Value::bool(recv == Value::NIL))
}

fn o_equal_p(_h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    Ok(Value::bool(recv == a[0]))
}

fn o_not_equal(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    Ok(Value::bool(!equal(h, recv, a[0])?))
}

fn o_not(_h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    Ok(Value::bool(!recv.truthy()))
}

fn o_eqq(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    Ok(Value::bool(equal(h, recv, a[0])?))
}

fn o_to_s(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    let vm = h.vm();
    let s = default_to_s(vm, recv);
    Ok(vm.str(s))
}

/// Object#inspect: `#<Foo @a=1, @b=2>` (CRuby also prints the address; objects without
/// instance variables print as their to_s).
fn o_inspect(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    let (cname, names, vals) = {
        let vm = h.vm();
        let c = vm.class_of(recv);
        let cname = vm.class_name(c).to_string();
        match vm.data(recv) {
            Some(ObjData::Object(_, iv)) => {
                let names: Vec<String> = vm
                    .class(c)
                    .ivar_names
                    .iter()
                    .map(|&n| vm.sym_name(n).to_string())
                    .collect();
                (cname, names, iv.slots().collect())
            }
            _ => (cname, vec![], vec![]),
        }
    };
    if vals.is_empty() {
        let vm = h.vm();
        let s = default_to_s(vm, recv);
        return Ok(vm.str(s));
    }
    let mut s = format!("#<{cname}:{:#018x}", recv.0);
    let mut first = true;
    for (n, v) in names.iter().zip(vals.iter()) {
        if *v == Value::UNDEF {
            continue;
        }
        s.push_str(if first { " " } else { ", " });
        first = false;
        s.push_str(n);
        s.push('=');
        s.push_str(&inspect(h, *v)?);
    }
    s.push('>');
    Ok(h.vm().str(s))
}

fn any_inspect(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    let s = inspect_core(h.vm(), recv).unwrap_or_default();
    Ok(h.vm().str(s))
}

/// `object_id` as CRuby 3.1 computes it: an immediate's own bits (`2n+1` for an Integer
/// `n`, 8 for nil, 20 for true, 0 for false, a flonum's encoding; rebound's values use
/// CRuby's encoding), a heap object's id from [`crate::heap::Heap::object_id`].
fn object_id_of(h: &mut dyn Host, v: Value) -> i64 {
    match v.obj_ptr() {
        Some(p) => h.vm().heap.object_id(p),
        None => v.0 as i64,
    }
}

/// Like CRuby's, a hash of the object's id (so it asks for one); CRuby's is salted per
/// process, rebound's the same in every run and tier.
fn o_hash(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    let id = object_id_of(h, recv) as u64;
    let mixed = (id ^ (id >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    Ok(Value::fixnum((mixed ^ (mixed >> 32)) as i64 >> 2))
}

fn o_object_id(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    let id = object_id_of(h, recv);
    Ok(h.vm().int(id))
}

fn o_frozen_p(_h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    Ok(Value::bool(Vm::is_frozen_obj(recv, true)))
}

fn o_freeze(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    if let Some(o) = h.vm().obj_mut(recv) {
        o.set_frozen(true);
    }
    Ok(recv)
}

fn sym_arg(h: &mut dyn Host, v: Value) -> Result<u32, Box<Unwind>> {
    if v.is_symbol() {
        return Ok(v.as_symbol());
    }
    if let Some(s) = h.vm().string_copy(v) {
        return Ok(h.vm().intern(&s));
    }
    let d = inspect(h, v)?;
    Err(h
        .vm()
        .type_error(format!("{d} is not a symbol nor a string")))
}

/// `respond_to?(name, include_all = false)`: private methods only with `include_all`.
fn o_respond_to(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    check_arity(h, a, 1, 2)?;
    let name = sym_arg(h, a[0])?;
    let include_all = a.get(1).is_some_and(|v| v.truthy());
    let vm = h.vm();
    let c = vm.class_of(recv);
    Ok(Value::bool(
        vm.find_method(c, name)
            .is_some_and(|m| include_all || !vm.method(m).private),
    ))
}

fn o_send(h: &mut dyn Host, recv: Value, a: &[Value], b: Value) -> RResult {
    if a.is_empty() {
        return Err(h.vm().arg_error("no method name given"));
    }
    let name = sym_arg(h, a[0])?;
    h.call(recv, name, &a[1..], b)
}

fn ivar_name(h: &mut dyn Host, v: Value) -> Result<u32, Box<Unwind>> {
    sym_arg(h, v)
}

fn o_ivar_get(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    let name = ivar_name(h, a[0])?;
    Ok(ivar_get(h.vm(), recv, name))
}

fn o_ivar_set(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    let name = ivar_name(h, a[0])?;
    ivar_set(h, recv, name, a[1])?;
    Ok(a[1])
}

/// Reads instance variable `name` (nil when unset).
pub fn ivar_get(vm: &mut Vm, recv: Value, name: u32) -> Value {
    let Some(o) = vm.obj(recv) else {
        return Value::NIL;
    };
    let slot = match vm.class(o.class()).ivar_slots.get(&name) {
        Some(&s) => s as usize,
        None => return Value::NIL,
    };
    let ivars = match &o.data {
        ObjData::Object(_, iv) => iv,
        ObjData::Exception(_, e) => &e.ivars,
        _ => return Value::NIL,
    };
    match ivars.get(slot) {
        Value::UNDEF => Value::NIL,
        v => v,
    }
}

/// Writes `@name` into `slot` of a plain object whose class has it there (`ivar_store` of
/// a version, after its class guard); a frozen object raises FrozenError, and anything
/// but a plain object goes by name.
pub fn ivar_store(
    h: &mut dyn Host,
    recv: Value,
    slot: u32,
    name: u32,
    val: Value,
) -> Result<(), Box<Unwind>> {
    if let Some(o) = h.vm().obj_mut(recv) {
        if !o.frozen() {
            if let ObjData::Object(_, iv) = &mut o.data {
                iv.set(slot as usize, val);
                return Ok(());
            }
        }
    }
    ivar_set(h, recv, name, val)
}

/// Writes instance variable `name`, assigning it a slot in the object's class layout;
/// FrozenError for a frozen object (immediates are always frozen).
pub fn ivar_set(h: &mut dyn Host, recv: Value, name: u32, val: Value) -> Result<(), Box<Unwind>> {
    let vm = h.vm();
    let class = match vm.obj(recv) {
        Some(o) if !o.frozen() => o.class(),
        _ => return Err(frozen_error(h, recv)),
    };
    let slot = vm.class_mut(class).ivar_slot(name) as usize;
    let ivars = match vm.data_mut(recv).expect("a heap object") {
        ObjData::Object(_, iv) => iv,
        ObjData::Exception(_, e) => &mut e.ivars,
        _ => {
            return Err(vm.arg_error("instance variables are only supported on plain objects"));
        }
    };
    ivars.set(slot, val);
    Ok(())
}

// ---- Module and Class ------------------------------------------------------------

fn attr_names(h: &mut dyn Host, args: &[Value]) -> Result<Vec<(u32, u32, u32)>, Box<Unwind>> {
    let mut out = vec![];
    for &a in args {
        let name = sym_arg(h, a)?;
        let vm = h.vm();
        let n = vm.sym_name(name).to_string();
        let ivar = vm.intern(&format!("@{n}"));
        let setter = vm.intern(&format!("{n}="));
        out.push((name, ivar, setter));
    }
    Ok(out)
}

fn m_attr_reader(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    let c = class_arg(h, recv)?;
    for (name, ivar, _) in attr_names(h, a)? {
        h.vm().define_method(c, name, MethodBody::AttrReader(ivar));
    }
    Ok(Value::NIL)
}

fn m_attr_writer(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    let c = class_arg(h, recv)?;
    for (_, ivar, setter) in attr_names(h, a)? {
        h.vm()
            .define_method(c, setter, MethodBody::AttrWriter(ivar));
    }
    Ok(Value::NIL)
}

fn m_attr_accessor(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    m_attr_reader(h, recv, a, Value::NIL)?;
    m_attr_writer(h, recv, a, Value::NIL)
}

fn m_name(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    let c = class_arg(h, recv)?;
    let vm = h.vm();
    let n = vm.class_name(c).to_string();
    Ok(vm.str(n))
}

fn m_eqq(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    let c = class_arg(h, recv)?;
    let vm = h.vm();
    let k = vm.class_of(a[0]);
    Ok(Value::bool(vm.is_subclass(k, c)))
}

fn m_lt(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    let c = class_arg(h, recv)?;
    let d = class_arg(h, a[0])?;
    let vm = h.vm();
    Ok(if c == d {
        Value::FALSE
    } else if vm.is_subclass(c, d) {
        Value::TRUE
    } else if vm.is_subclass(d, c) {
        Value::FALSE
    } else {
        Value::NIL
    })
}

fn m_le(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    let c = class_arg(h, recv)?;
    let d = class_arg(h, a[0])?;
    if c == d {
        return Ok(Value::TRUE);
    }
    m_lt(h, recv, a, Value::NIL)
}

fn m_ancestors(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    let mut c = Some(class_arg(h, recv)?);
    let vm = h.vm();
    let mut out = vec![];
    while let Some(k) = c {
        out.push(vm.class(k).value);
        c = vm.class(k).superclass;
    }
    Ok(vm.array(out))
}

fn m_instance_methods(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    let c = class_arg(h, recv)?;
    let vm = h.vm();
    let mut names: Vec<u32> = vm
        .class(c)
        .methods
        .iter()
        .filter(|(_, &m)| !vm.method(m).private)
        .map(|(&name, _)| name)
        .collect();
    names.sort();
    let v = names.into_iter().map(Value::symbol).collect();
    Ok(vm.array(v))
}

fn m_method_defined(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    check_arity(h, a, 1, 2)?;
    let c = class_arg(h, recv)?;
    let name = sym_arg(h, a[0])?;
    let vm = h.vm();
    Ok(Value::bool(
        vm.find_method(c, name)
            .is_some_and(|m| !vm.method(m).private),
    ))
}

/// `private`, `public`, ...: accepted; rebound does not enforce visibility.
fn m_visibility(_h: &mut dyn Host, _recv: Value, a: &[Value], _b: Value) -> RResult {
    Ok(a.first().copied().unwrap_or(Value::NIL))
}

/// Class#new: allocates an instance by the class's kind and calls `initialize`.
pub fn c_new(h: &mut dyn Host, recv: Value, a: &[Value], b: Value) -> RResult {
    let obj = c_allocate(h, recv, &[], Value::NIL)?;
    let init = h.vm().s.initialize;
    h.call(obj, init, a, b)?;
    Ok(obj)
}

fn c_allocate(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    let c = class_arg(h, recv)?;
    let vm = h.vm();
    match vm.class(c).alloc.empty_data() {
        Some(data) => Ok(vm.heap.alloc(c, data)),
        None => {
            let n = vm.class_name(c).to_string();
            let meta = vm.class(c).meta.unwrap();
            let _ = meta;
            let ne = vm.c.no_method_error;
            Err(vm.error(ne, format!("undefined method `new' for {n}:Class")))
        }
    }
}

fn c_superclass(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    let c = class_arg(h, recv)?;
    let vm = h.vm();
    Ok(vm
        .class(c)
        .superclass
        .map(|s| vm.class(s).value)
        .unwrap_or(Value::NIL))
}

// ---- nil, true, false, Symbol ----------------------------------------------------

fn nil_to_s(h: &mut dyn Host, _recv: Value, _a: &[Value], _b: Value) -> RResult {
    Ok(h.vm().str(""))
}

fn nil_to_a(h: &mut dyn Host, _recv: Value, _a: &[Value], _b: Value) -> RResult {
    Ok(h.vm().array(vec![]))
}

fn nil_to_i(_h: &mut dyn Host, _recv: Value, _a: &[Value], _b: Value) -> RResult {
    Ok(Value::fixnum(0))
}

fn nil_to_f(h: &mut dyn Host, _recv: Value, _a: &[Value], _b: Value) -> RResult {
    Ok(h.vm().float(0.0))
}

fn true_and(_h: &mut dyn Host, _recv: Value, a: &[Value], _b: Value) -> RResult {
    Ok(Value::bool(a[0].truthy()))
}

fn true_or(_h: &mut dyn Host, _recv: Value, _a: &[Value], _b: Value) -> RResult {
    Ok(Value::TRUE)
}

fn true_xor(_h: &mut dyn Host, _recv: Value, a: &[Value], _b: Value) -> RResult {
    Ok(Value::bool(!a[0].truthy()))
}

fn false_and(_h: &mut dyn Host, _recv: Value, _a: &[Value], _b: Value) -> RResult {
    Ok(Value::FALSE)
}

fn false_or(_h: &mut dyn Host, _recv: Value, a: &[Value], _b: Value) -> RResult {
    Ok(Value::bool(a[0].truthy()))
}

fn sym_to_s(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    let vm = h.vm();
    let n = vm.sym_name(recv.as_symbol()).to_string();
    Ok(vm.str(n))
}

fn sym_size(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    let vm = h.vm();
    Ok(Value::fixnum(
        vm.sym_name(recv.as_symbol()).chars().count() as i64
    ))
}

fn sym_cmp(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    if !a[0].is_symbol() {
        return Ok(Value::NIL);
    }
    let vm = h.vm();
    let x = vm.sym_name(recv.as_symbol());
    let y = vm.sym_name(a[0].as_symbol());
    Ok(Value::fixnum(x.cmp(y) as i64))
}

// ---- Exception -------------------------------------------------------------------

fn exc_initialize(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    check_arity(h, a, 0, 1)?;
    let msg = match a.first() {
        Some(&m) => m,
        None => Value::NIL,
    };
    set_message(h.vm(), recv, msg);
    Ok(Value::NIL)
}

/// Exception#message: the message given to `new`, or the class name.
fn exc_message(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    let msg = match h.vm().data(recv) {
        Some(ObjData::Exception(_, e)) => e.message,
        _ => Value::NIL,
    };
    if msg == Value::NIL {
        let vm = h.vm();
        let c = vm.class_of(recv);
        let n = vm.class_name(c).to_string();
        return Ok(vm.str(n));
    }
    if Vm::is_string(msg) {
        return Ok(msg);
    }
    let s = to_s(h, msg)?;
    Ok(h.vm().str(s))
}

fn exc_inspect(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    let m = exc_message(h, recv, &[], Value::NIL)?;
    let vm = h.vm();
    let c = vm.class_of(recv);
    let cname = vm.class_name(c).to_string();
    let msg = vm.string_copy(m).unwrap_or_default();
    let s = if msg.is_empty() || msg == cname {
        cname
    } else {
        format!("#<{cname}: {msg}>")
    };
    Ok(vm.str(s))
}

/// The message of an exception as a Rust string (for the uncaught-exception report).
pub fn exception_message(h: &mut dyn Host, e: Value) -> String {
    let sym = h.vm().s.message;
    match h.call(e, sym, &[], Value::NIL) {
        Ok(m) => match h.vm().string_copy(m) {
            Some(s) => s,
            None => to_s(h, m).unwrap_or_default(),
        },
        Err(_) => String::new(),
    }
}
