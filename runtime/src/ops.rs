//! The semantics of the IR instructions that are neither arithmetic nor method calls:
//! constants, `super`, definitions, string interpolation, unary operators, and the
//! handling of unwinds (catching, matching a `rescue` clause, re-raising, `break` and
//! non-local `return`). Each is written once here; the interpreter calls these functions
//! from its run loop and [`crate::abi`] wraps each in an `extern "C"` helper for compiled
//! code.

use crate::class::{AllocKind, MethodBody};
use crate::core::kernel;
use crate::heap::ObjData;
use crate::{Host, MethodId, RResult, SymId, Unwind, Value, Vm};
use ir::{ClassId, FuncId, UnOp};

/// `Scope::Name`: the constant `name` of the class `scope` (NameError when it has none,
/// TypeError when `scope` is not a class).
pub fn const_get_from(vm: &mut Vm, scope: Value, name: SymId) -> RResult {
    let Some(c) = vm.as_class(scope) else {
        return Err(vm.type_error("not a class/module"));
    };
    match vm.class(c).consts.get(&name) {
        Some(&v) => Ok(v),
        None => {
            let n = vm.sym_name(name).to_string();
            // CRuby names Object's constants without the `Object::` (`::A`, `Object::A`).
            let full = if c == vm.c.object {
                n
            } else {
                format!("{}::{n}", vm.class_name(c))
            };
            let ne = vm.c.name_error;
            Err(vm.error(ne, format!("uninitialized constant {full}")))
        }
    }
}

/// `Name = value` in the lexical class `cref`.
pub fn const_set(vm: &mut Vm, cref: ClassId, name: SymId, value: Value) {
    vm.set_const(cref, name, value);
}

/// `!x`, `-x`, `~x` without a call, where that is their meaning: `!` always; `-` and
/// `~` on a fixnum while no program redefined an Integer operator. `None`: the operator
/// method must be called.
#[inline]
pub fn unary_core(vm: &mut Vm, op: UnOp, x: Value) -> Option<Value> {
    match op {
        UnOp::Not => Some(Value::bool(!x.truthy())),
        UnOp::Neg if x.is_fixnum() && !vm.int_ops_redefined => Some(vm.int(-x.as_fixnum())),
        UnOp::BitNot if x.is_fixnum() && !vm.int_ops_redefined => {
            Some(Value::fixnum(!x.as_fixnum()))
        }
        _ => None,
    }
}

/// `!x`, `-x`, `~x`: [`unary_core`], else a call of the operator method (`-@`, `~`).
pub fn unary(h: &mut dyn Host, op: UnOp, x: Value) -> RResult {
    let vm = h.vm();
    if let Some(v) = unary_core(vm, op, x) {
        return Ok(v);
    }
    let name = match op {
        UnOp::Neg => vm.s.neg,
        UnOp::BitNot => vm.s.bitnot,
        UnOp::Not => unreachable!("`!` is never a call"),
    };
    h.call(x, name, &[], Value::NIL)
}

/// `"...#{a}...#{b}"`: the parts' `to_s`, joined into a new String.
pub fn interpolate(h: &mut dyn Host, parts: &[Value]) -> RResult {
    // Built in place as the String's text (inline up to 24 bytes: no buffer at all for
    // a short result), integers written straight into it.
    let mut s = crate::heap::RStr::default();
    for &v in parts {
        if v.is_fixnum() && kernel::native_int_to_s(h.vm()) {
            use std::fmt::Write;
            let _ = write!(s, "{}", v.as_fixnum());
            continue;
        }
        // The room asked for first: a result that cannot be had is NoMemoryError.
        let grown = match h.vm().as_string(v) {
            Some(x) => s.try_reserve(x.len()).map(|()| s.push_str(x)),
            None => {
                let x = kernel::to_s(h, v)?;
                s.try_reserve(x.len()).map(|()| s.push_str(&x))
            }
        };
        if grown.is_err() {
            return Err(h.vm().no_memory_error());
        }
    }
    Ok(h.vm().str(s))
}

/// The array a multiple assignment or a block's parameters destructure: `v` itself when
/// it is an Array, else `[v]`.
pub fn to_array(vm: &mut Vm, v: Value) -> Value {
    if Vm::is_array(v) {
        v
    } else {
        vm.array(vec![v])
    }
}

/// `super(*args, &block)` in an activation of method entry `method` with `self` `recv`:
/// the method of the same name above the entry's owner (NoMethodError when there is
/// none).
pub fn super_call(
    h: &mut dyn Host,
    method: MethodId,
    recv: Value,
    args: &[Value],
    block: Value,
) -> RResult {
    let vm = h.vm();
    let entry = *vm.method(method);
    let sup = vm.class(entry.owner).superclass;
    match sup.and_then(|c| vm.find_method(c, entry.name)) {
        Some(t) => h.invoke(t, recv, args, block),
        None => {
            let n = vm.sym_name(entry.name).to_string();
            let desc = kernel::describe_receiver(h, recv);
            let vm = h.vm();
            let c = vm.c.no_method_error;
            Err(vm.error(c, format!("super: no superclass method `{n}' for {desc}")))
        }
    }
}

/// `super` outside of a method.
pub fn super_outside_method(vm: &mut Vm) -> Box<Unwind> {
    let c = vm.c.no_method_error;
    vm.error(c, "super called outside of method")
}

/// `def name` (or `def self.name` when `singleton`) with body `func`, run in lexical
/// class `cref` with `self` `self_val`. A method defined at the top level is a private
/// method of Object, as in CRuby.
pub fn def_method(
    vm: &mut Vm,
    cref: ClassId,
    self_val: Value,
    name: SymId,
    func: FuncId,
    singleton: bool,
) -> Result<MethodId, Box<Unwind>> {
    let target = if singleton {
        match vm.as_class(self_val) {
            Some(c) => vm.class(c).meta.expect("class has a metaclass"),
            None => return Err(vm.type_error("rebound supports `def self.x` only in a class body")),
        }
    } else {
        cref
    };
    let m = vm.define_method(target, name, MethodBody::Ruby(func));
    if !singleton && target == vm.c.object && self_val == vm.main_obj {
        vm.methods[m.0 as usize].private = true;
    }
    Ok(m)
}

/// `class Name < sup` in lexical class `cref` (`sup` is `Value::UNDEF` when the program
/// names none): the existing class (TypeError on a superclass mismatch), or a new one.
/// The executor then runs the class body with `self` and lexical class the result.
pub fn open_class(
    vm: &mut Vm,
    cref: ClassId,
    name: SymId,
    sup: Value,
) -> Result<ClassId, Box<Unwind>> {
    let existing = vm.class(cref).consts.get(&name).copied();
    let n = vm.sym_name(name).to_string();
    if let Some(v) = existing {
        let Some(c) = vm.as_class(v) else {
            return Err(vm.type_error(format!("{n} is not a class")));
        };
        if sup != Value::UNDEF && vm.as_class(sup) != vm.class(c).superclass {
            return Err(vm.type_error(format!("superclass mismatch for class {n}")));
        }
        return Ok(c);
    }
    let superclass = if sup == Value::UNDEF {
        vm.c.object
    } else {
        match vm.as_class(sup) {
            Some(c) => c,
            None => return Err(vm.type_error("superclass must be a Class")),
        }
    };
    let alloc = match vm.class(superclass).alloc {
        AllocKind::None => AllocKind::Object,
        a => a,
    };
    let parent = (cref != vm.c.object).then_some(cref);
    Ok(vm.define_class(&n, Some(superclass), parent, alloc))
}

/// `alias new old` in lexical class `cref` (NameError when `old` is not defined).
pub fn alias_method(vm: &mut Vm, cref: ClassId, new: SymId, old: SymId) -> Result<(), Box<Unwind>> {
    match vm.find_method(cref, old) {
        Some(m) => {
            let old = *vm.method(m);
            let a = vm.define_method(cref, new, old.body);
            // The alias is the same method: `super` in it looks up the name it was
            // defined with, as CRuby does, and it is as private as the original.
            let alias = &mut vm.methods[a.0 as usize];
            alias.name = old.name;
            alias.private |= old.private;
            Ok(())
        }
        None => {
            let n = vm.sym_name(old).to_string();
            let cn = vm.class_name(cref).to_string();
            let ne = vm.c.name_error;
            Err(vm.error(ne, format!("undefined method `{n}' for class `{cn}'")))
        }
    }
}

/// An unwind caught by a handler, as the value the handler's code holds (`catch_unwind`).
pub fn catch_unwind(vm: &mut Vm, u: Box<Unwind>) -> Value {
    let c = vm.c.scope;
    vm.heap.alloc(c, ObjData::Unwind(crate::heap::Hdr::NEW, u))
}

/// The exception a caught unwind raised (nil for a `break` or non-local `return`).
pub fn unwind_exception(vm: &Vm, caught: Value) -> Value {
    match vm.data(caught) {
        Some(ObjData::Unwind(_, u)) => match &**u {
            Unwind::Raise(e) => *e,
            _ => Value::NIL,
        },
        _ => Value::NIL,
    }
}

/// Whether a `rescue` clause naming `classes` (StandardError when empty) takes the
/// caught unwind `caught` (TypeError when one of them is not a class).
pub fn unwind_matches(vm: &mut Vm, caught: Value, classes: &[Value]) -> Result<bool, Box<Unwind>> {
    let e = unwind_exception(vm, caught);
    if e == Value::NIL {
        return Ok(false);
    }
    let ec = vm.class_of(e);
    if classes.is_empty() {
        return Ok(vm.is_subclass(ec, vm.c.standard_error));
    }
    for &c in classes {
        match vm.as_class(c) {
            Some(c) if vm.is_subclass(ec, c) => return Ok(true),
            Some(_) => {}
            None => return Err(vm.type_error("class or module required for rescue clause")),
        }
    }
    Ok(false)
}

/// The unwind a handler that did not take it sends on (`resume`).
pub fn resume(vm: &mut Vm, caught: Value) -> Box<Unwind> {
    match vm.data(caught) {
        Some(ObjData::Unwind(_, u)) => u.clone(),
        _ => {
            let c = vm.c.runtime_error;
            vm.error(c, "resume of a non-unwind")
        }
    }
}

/// `break value` in a block (`tag` is the block object): the call that was given the
/// block returns `value`.
pub fn block_break(tag: Value, value: Value) -> Box<Unwind> {
    Box::new(Unwind::Break { tag, value })
}

/// `return value` in a block whose home activation is `frame`.
pub fn non_local_return(frame: u64, value: Value) -> Box<Unwind> {
    Box::new(Unwind::Return { frame, value })
}
