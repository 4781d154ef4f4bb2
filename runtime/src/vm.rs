//! The VM state shared by the interpreter and the native methods: heap, symbols, classes,
//! method table and cache, global constants, output, and error construction.

use crate::class::*;
use crate::heap::{ExceptionData, Hdr, Heap, Ivars, Obj, ObjData, RStr};
use crate::value::Value;
use crate::Unwind;
use ir::ClassId;
use num_bigint::BigInt;
use rustc_hash::{FxHashMap, FxHashSet};
use std::io::Write;

/// The interned symbol table.
#[derive(Default)]
pub struct Symbols {
    names: Vec<String>,
    ids: FxHashMap<String, SymId>,
}

impl Symbols {
    pub fn intern(&mut self, s: &str) -> SymId {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = self.names.len() as SymId;
        self.names.push(s.to_string());
        self.ids.insert(s.to_string(), id);
        id
    }

    pub fn name(&self, id: SymId) -> &str {
        &self.names[id as usize]
    }

    /// The symbol of a name, if it was ever interned.
    pub fn lookup(&self, s: &str) -> Option<SymId> {
        self.ids.get(s).copied()
    }
}

/// The core classes, by role.
pub struct CoreClasses {
    pub basic_object: ClassId,
    pub object: ClassId,
    pub module: ClassId,
    pub class: ClassId,
    pub integer: ClassId,
    pub float: ClassId,
    pub string: ClassId,
    pub symbol: ClassId,
    pub array: ClassId,
    pub nil: ClassId,
    pub true_: ClassId,
    pub false_: ClassId,
    pub proc_: ClassId,
    pub scope: ClassId,
    pub numeric: ClassId,
    pub exception: ClassId,
    pub script_error: ClassId,
    pub not_implemented_error: ClassId,
    pub standard_error: ClassId,
    pub runtime_error: ClassId,
    pub argument_error: ClassId,
    pub type_error: ClassId,
    pub name_error: ClassId,
    pub no_method_error: ClassId,
    pub zero_division_error: ClassId,
    pub index_error: ClassId,
    pub key_error: ClassId,
    pub stop_iteration: ClassId,
    pub range_error: ClassId,
    pub float_domain_error: ClassId,
    pub frozen_error: ClassId,
    pub local_jump_error: ClassId,
    pub system_stack_error: ClassId,
    pub no_memory_error: ClassId,
}

/// Frequently used symbols, interned at boot.
pub struct CoreSyms {
    pub initialize: SymId,
    pub to_s: SymId,
    pub inspect: SymId,
    pub eqeq: SymId,
    pub message: SymId,
    pub new: SymId,
    pub eqq: SymId,
    pub cmp: SymId,
    pub each: SymId,
    /// `-@` and `~`, the methods of the unary operators (`ops::unary`).
    pub neg: SymId,
    pub bitnot: SymId,
}

/// The walks of nested values that native methods make (see [`Vm::enter_nested`]).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Nesting {
    Inspect,
    Puts,
    Join,
    Hash,
    Eq,
}

/// How many walks of nested values may be under way at once (see [`Vm::enter_nested`]).
pub const MAX_NESTING: usize = 10_000;

pub struct Vm {
    pub heap: Heap,
    pub syms: Symbols,
    pub classes: Vec<Class>,
    pub methods: Vec<MethodEntry>,
    method_cache: FxHashMap<(ClassId, SymId), Option<MethodId>>,
    /// Bumped whenever a method is defined anywhere: inline caches compare against it.
    pub method_serial: u64,
    /// Bumped whenever a constant is set anywhere (every change to what a constant lookup
    /// finds is one: classes are constants too). Constant caches compare against it.
    pub const_serial: u64,
    /// Set when a program redefines an Integer/Float operator, turning off fast paths.
    pub int_ops_redefined: bool,
    pub float_ops_redefined: bool,
    pub c: CoreClasses,
    pub s: CoreSyms,
    pub main_obj: Value,
    pub out: Box<dyn Write>,
    /// Extra GC roots pushed by native code that holds values across calls into Ruby.
    pub extra_roots: Vec<Value>,
    /// What native methods that walk nested values are in the middle of, to see a value
    /// that contains itself (CRuby's `rb_exec_recursive`): see [`Vm::enter_nested`].
    nested: FxHashSet<(Nesting, u64, u64)>,
    /// The unwind a C-ABI helper left pending (`crate::abi`): the caller takes it. A GC
    /// root while it holds something.
    pub pending_unwind: Option<Box<Unwind>>,
    /// The heap values that code objects hold (literals), for every executor.
    pub code_roots: crate::roots::RootRegistry,
    /// The core methods as installed at boot, by (class, name): what the prelude's
    /// primitives call whatever the program redefines (see [`Vm::find_builtin`]).
    builtins: FxHashMap<(ClassId, SymId), MethodId>,
    /// Set once the core methods are installed ([`Vm::seal_builtins`]).
    sealed: bool,
    /// Every (class, name) whose method was defined, redefined or aliased since the
    /// builtins were sealed, in order, until the executor takes them: optimized code that
    /// assumed the old method is invalidated from this log.
    pub method_changes: Vec<(ClassId, SymId)>,
    /// The last activation id handed out (see [`Vm::fresh_frame_id`]).
    last_frame_id: u64,
    /// Heap literals (big integers, Floats outside the flonum range) by their site, the
    /// (function, IR0 instruction) an executor names them by: every code made from the
    /// site (IR0, versions, inlined copies) holds the one object, as CRuby's literal is
    /// one object. Each is a root for the rest of the run.
    pub literal_sites: FxHashMap<(u32, u32), Value>,
}

/// Method names whose redefinition on Integer/Float turns off the interpreter's fast paths.
pub const BASIC_OPS: &[&str] = &[
    "+", "-", "*", "/", "%", "**", "<", "<=", ">", ">=", "==", "!=", "<=>", "&", "|", "^", "<<",
    ">>", "-@", "~",
];

impl Vm {
    /// A VM with the core classes and no methods; `crate::core::install` adds them.
    pub fn new(out: Box<dyn Write>) -> Vm {
        let mut syms = Symbols::default();
        let s = CoreSyms {
            initialize: syms.intern("initialize"),
            to_s: syms.intern("to_s"),
            inspect: syms.intern("inspect"),
            eqeq: syms.intern("=="),
            message: syms.intern("message"),
            new: syms.intern("new"),
            eqq: syms.intern("==="),
            cmp: syms.intern("<=>"),
            each: syms.intern("each"),
            neg: syms.intern("-@"),
            bitnot: syms.intern("~"),
        };
        let placeholder = ClassId(0);
        let mut vm = Vm {
            heap: Heap::new(),
            syms,
            classes: Vec::new(),
            methods: Vec::new(),
            method_cache: FxHashMap::default(),
            method_serial: 0,
            const_serial: 0,
            int_ops_redefined: false,
            float_ops_redefined: false,
            c: CoreClasses {
                basic_object: placeholder,
                object: placeholder,
                module: placeholder,
                class: placeholder,
                integer: placeholder,
                float: placeholder,
                string: placeholder,
                symbol: placeholder,
                array: placeholder,
                nil: placeholder,
                true_: placeholder,
                false_: placeholder,
                proc_: placeholder,
                scope: placeholder,
                numeric: placeholder,
                exception: placeholder,
                script_error: placeholder,
                not_implemented_error: placeholder,
                standard_error: placeholder,
                runtime_error: placeholder,
                argument_error: placeholder,
                type_error: placeholder,
                name_error: placeholder,
                no_method_error: placeholder,
                zero_division_error: placeholder,
                index_error: placeholder,
                key_error: placeholder,
                stop_iteration: placeholder,
                range_error: placeholder,
                float_domain_error: placeholder,
                frozen_error: placeholder,
                local_jump_error: placeholder,
                system_stack_error: placeholder,
                no_memory_error: placeholder,
            },
            s,
            main_obj: Value::NIL,
            out,
            extra_roots: Vec::new(),
            nested: FxHashSet::default(),
            pending_unwind: None,
            code_roots: Default::default(),
            builtins: FxHashMap::default(),
            sealed: false,
            method_changes: Vec::new(),
            last_frame_id: 0,
            literal_sites: FxHashMap::default(),
        };
        vm.boot_classes();
        vm
    }

    /// The lexical class of a method owned by `owner` (where a `def` in its body defines and
    /// constant lookup starts): the owner, or for a singleton class the object it is
    /// attached to.
    pub fn lexical_class(&self, owner: ClassId) -> ClassId {
        self.class(owner).attached.unwrap_or(owner)
    }

    /// A new activation id. Every executor takes its frames' ids from this one counter:
    /// a block's `home_frame` names the method activation it was written in (the target of
    /// its non-local `return`), whichever executor made that frame or rebuilt it.
    #[inline]
    pub fn fresh_frame_id(&mut self) -> u64 {
        self.last_frame_id += 1;
        self.last_frame_id
    }

    fn boot_classes(&mut self) {
        // BasicObject, Object, Module, Class first: metaclasses need Class.
        let bo = self.raw_class("BasicObject", None, AllocKind::Object);
        let obj = self.raw_class("Object", Some(bo), AllocKind::Object);
        let module = self.raw_class("Module", Some(obj), AllocKind::None);
        let class = self.raw_class("Class", Some(module), AllocKind::None);
        self.c.basic_object = bo;
        self.c.object = obj;
        self.c.module = module;
        self.c.class = class;
        for id in [bo, obj, module, class] {
            self.attach_metaclass(id);
        }
        let c = |vm: &mut Vm, name: &str, sup: ClassId, alloc: AllocKind| {
            vm.define_class(name, Some(sup), None, alloc)
        };
        self.c.numeric = c(self, "Numeric", obj, AllocKind::None);
        self.c.integer = c(self, "Integer", self.c.numeric, AllocKind::None);
        self.c.float = c(self, "Float", self.c.numeric, AllocKind::None);
        self.c.string = c(self, "String", obj, AllocKind::String);
        self.c.symbol = c(self, "Symbol", obj, AllocKind::None);
        self.c.array = c(self, "Array", obj, AllocKind::Array);
        self.c.nil = c(self, "NilClass", obj, AllocKind::None);
        self.c.true_ = c(self, "TrueClass", obj, AllocKind::None);
        self.c.false_ = c(self, "FalseClass", obj, AllocKind::None);
        self.c.proc_ = c(self, "Proc", obj, AllocKind::None);
        // Dynscopes are internal; their class is never visible to Ruby code.
        self.c.scope = self.raw_class("<dynscope>", Some(obj), AllocKind::None);
        let e = AllocKind::Exception;
        self.c.exception = c(self, "Exception", obj, e);
        self.c.script_error = c(self, "ScriptError", self.c.exception, e);
        self.c.not_implemented_error = c(self, "NotImplementedError", self.c.script_error, e);
        self.c.standard_error = c(self, "StandardError", self.c.exception, e);
        let se = self.c.standard_error;
        self.c.runtime_error = c(self, "RuntimeError", se, e);
        self.c.argument_error = c(self, "ArgumentError", se, e);
        self.c.type_error = c(self, "TypeError", se, e);
        self.c.name_error = c(self, "NameError", se, e);
        self.c.no_method_error = c(self, "NoMethodError", self.c.name_error, e);
        self.c.zero_division_error = c(self, "ZeroDivisionError", se, e);
        self.c.index_error = c(self, "IndexError", se, e);
        self.c.key_error = c(self, "KeyError", self.c.index_error, e);
        self.c.stop_iteration = c(self, "StopIteration", self.c.index_error, e);
        self.c.range_error = c(self, "RangeError", se, e);
        self.c.float_domain_error = c(self, "FloatDomainError", self.c.range_error, e);
        self.c.frozen_error = c(self, "FrozenError", self.c.runtime_error, e);
        self.c.local_jump_error = c(self, "LocalJumpError", se, e);
        self.c.system_stack_error = c(self, "SystemStackError", self.c.exception, e);
        self.c.no_memory_error = c(self, "NoMemoryError", self.c.exception, e);
        for id in [bo, obj, module, class] {
            let name = self.classes[id.index()].name.clone();
            let sym = self.intern(&name);
            let v = self.classes[id.index()].value;
            self.set_const(obj, sym, v);
        }
        self.main_obj = self
            .heap
            .alloc(obj, ObjData::Object(Hdr::NEW, Ivars::new()));
    }

    fn raw_class(&mut self, name: &str, superclass: Option<ClassId>, alloc: AllocKind) -> ClassId {
        let id = ClassId(self.classes.len() as u32);
        // The class object's own class is fixed up when its metaclass exists.
        let value = self.heap.alloc(id, ObjData::Class(Hdr::NEW, id));
        self.classes.push(Class {
            name: name.to_string(),
            superclass,
            meta: None,
            attached: None,
            methods: FxHashMap::default(),
            consts: FxHashMap::default(),
            ivar_slots: FxHashMap::default(),
            ivar_names: Vec::new(),
            value,
            alloc,
            lexical_parent: None,
        });
        id
    }

    /// Makes the metaclass of `id`: its superclass is the superclass's metaclass (or
    /// Class for BasicObject), and the class object's class becomes the metaclass.
    fn attach_metaclass(&mut self, id: ClassId) {
        let sup_meta = match self.classes[id.index()].superclass {
            Some(s) => self.classes[s.index()]
                .meta
                .expect("superclass has a metaclass"),
            None => self.c.class,
        };
        let name = format!("#<Class:{}>", self.classes[id.index()].name);
        let meta = self.raw_class(&name, Some(sup_meta), AllocKind::None);
        self.classes[meta.index()].attached = Some(id);
        self.classes[id.index()].meta = Some(meta);
        let v = self.classes[id.index()].value;
        self.obj_mut(v).unwrap().set_class(meta);
        // A metaclass's own class object is never used as a receiver in rebound; give it
        // class Class.
        let mv = self.classes[meta.index()].value;
        let class = self.c.class;
        self.obj_mut(mv).unwrap().set_class(class);
    }

    /// Creates a class (with its metaclass) and binds its constant in `lexical_parent`
    /// (Object when `None`).
    pub fn define_class(
        &mut self,
        name: &str,
        superclass: Option<ClassId>,
        lexical_parent: Option<ClassId>,
        alloc: AllocKind,
    ) -> ClassId {
        let full = match lexical_parent {
            Some(p) if p != self.c.object => format!("{}::{}", self.classes[p.index()].name, name),
            _ => name.to_string(),
        };
        let id = self.raw_class(&full, superclass, alloc);
        self.classes[id.index()].lexical_parent = lexical_parent;
        self.attach_metaclass(id);
        let sym = self.intern(name);
        let holder = lexical_parent.unwrap_or(self.c.object);
        let v = self.classes[id.index()].value;
        self.set_const(holder, sym, v);
        id
    }

    pub fn intern(&mut self, s: &str) -> SymId {
        self.syms.intern(s)
    }

    pub fn sym_name(&self, id: SymId) -> &str {
        self.syms.name(id)
    }

    #[inline(always)]
    pub fn class_of(&self, v: Value) -> ClassId {
        if v.is_fixnum() {
            self.c.integer
        } else if let Some(o) = self.obj(v) {
            o.class()
        } else if v.is_flonum() {
            self.c.float
        } else if v.is_symbol() {
            self.c.symbol
        } else if v == Value::NIL {
            self.c.nil
        } else if v == Value::TRUE {
            self.c.true_
        } else {
            self.c.false_
        }
    }

    pub fn class(&self, id: ClassId) -> &Class {
        &self.classes[id.index()]
    }

    pub fn class_mut(&mut self, id: ClassId) -> &mut Class {
        &mut self.classes[id.index()]
    }

    /// The class a class object stands for.
    pub fn as_class(&self, v: Value) -> Option<ClassId> {
        match self.data(v) {
            Some(ObjData::Class(_, c)) => Some(*c),
            _ => None,
        }
    }

    /// Whether `c` is `ancestor` or inherits from it.
    pub fn is_subclass(&self, mut c: ClassId, ancestor: ClassId) -> bool {
        loop {
            if c == ancestor {
                return true;
            }
            match self.classes[c.index()].superclass {
                Some(s) => c = s,
                None => return false,
            }
        }
    }

    /// The class name as Ruby prints it (`Foo`, `Foo::Bar`).
    pub fn class_name(&self, c: ClassId) -> &str {
        &self.classes[c.index()].name
    }

    // ---- methods ------------------------------------------------------------------

    /// Resolves `name` on class `c` and its ancestors, through the global method cache.
    #[inline]
    pub fn find_method(&mut self, c: ClassId, name: SymId) -> Option<MethodId> {
        if let Some(m) = self.method_cache.get(&(c, name)) {
            return *m;
        }
        let m = self.find_method_uncached(c, name);
        self.method_cache.insert((c, name), m);
        m
    }

    pub fn find_method_uncached(&self, mut c: ClassId, name: SymId) -> Option<MethodId> {
        loop {
            let cls = &self.classes[c.index()];
            if let Some(&m) = cls.methods.get(&name) {
                return Some(m);
            }
            c = cls.superclass?;
        }
    }

    pub fn method(&self, m: MethodId) -> &MethodEntry {
        &self.methods[m.0 as usize]
    }

    /// Adds (or replaces) a method on class `c` (a `def`, an `alias`, an `attr_*`); every
    /// cache is invalidated, and once the builtins are sealed the change is logged in
    /// [`Vm::method_changes`]. Redefining an Integer or Float operator in any way (a
    /// Ruby `def`, an alias of another method) turns off the interpreter's fast paths for
    /// that class's operators.
    pub fn define_method(&mut self, c: ClassId, name: SymId, body: MethodBody) -> MethodId {
        let id = MethodId(self.methods.len() as u32);
        // `initialize` is always private (of a class, not of a metaclass), as in CRuby.
        let private = self.classes[c.index()].attached.is_none() && name == self.s.initialize;
        self.methods.push(MethodEntry {
            owner: c,
            name,
            body,
            private,
        });
        self.classes[c.index()].methods.insert(name, id);
        self.method_cache.clear();
        self.method_serial += 1;
        if self.sealed {
            self.method_changes.push((c, name));
            if BASIC_OPS.contains(&self.syms.name(name)) {
                let (int, float) = (self.c.integer, self.c.float);
                if !self.is_builtin(int, name) {
                    self.int_ops_redefined = true;
                }
                if !self.is_builtin(float, name) {
                    self.float_ops_redefined = true;
                }
            }
        }
        id
    }

    /// Records the core methods as they are now (call once, after installing them).
    pub fn seal_builtins(&mut self) {
        for (i, c) in self.classes.iter().enumerate() {
            for (&name, &m) in &c.methods {
                self.builtins.insert((ClassId(i as u32), name), m);
            }
        }
        self.sealed = true;
    }

    /// The core method that class `c` resolved `name` to at boot, whatever was defined
    /// since: the nearest ancestor of `c` that had a core method of that name. The
    /// prelude's primitives (`i < self`, `size`, `self[i]` in `Array#each`) use it, as
    /// CRuby's iterators use primitives that a program cannot redefine.
    pub fn find_builtin(&self, mut c: ClassId, name: SymId) -> Option<MethodId> {
        loop {
            if let Some(&m) = self.builtins.get(&(c, name)) {
                return Some(m);
            }
            c = self.classes[c.index()].superclass?;
        }
    }

    /// Whether `name` on class `c` still resolves to the core method it resolved to at
    /// boot (true before sealing).
    pub fn is_builtin(&self, c: ClassId, name: SymId) -> bool {
        !self.sealed || self.find_method_uncached(c, name) == self.find_builtin(c, name)
    }

    /// Method lookup for a call site: a site of the prelude (`builtin`) resolves to the
    /// core method when there is one.
    #[inline]
    pub fn find_method_for(&mut self, c: ClassId, name: SymId, builtin: bool) -> Option<MethodId> {
        if builtin {
            if let Some(m) = self.find_builtin(c, name) {
                return Some(m);
            }
        }
        self.find_method(c, name)
    }

    pub fn define_native(&mut self, c: ClassId, name: &str, arity: i32, f: NativeFn) {
        let sym = self.intern(name);
        self.define_method(c, sym, MethodBody::Native { f, arity });
    }

    /// Defines a private native method (Kernel's functions: `puts`, `raise`, ...).
    pub fn define_private_native(&mut self, c: ClassId, name: &str, arity: i32, f: NativeFn) {
        let sym = self.intern(name);
        let m = self.define_method(c, sym, MethodBody::Native { f, arity });
        self.methods[m.0 as usize].private = true;
    }

    /// Defines a class method (on the metaclass).
    pub fn define_singleton_native(&mut self, c: ClassId, name: &str, arity: i32, f: NativeFn) {
        let meta = self.classes[c.index()].meta.expect("class has a metaclass");
        self.define_native(meta, name, arity, f);
    }

    // ---- values -------------------------------------------------------------------

    pub fn str(&mut self, s: impl Into<RStr>) -> Value {
        let c = self.c.string;
        self.heap.alloc(c, ObjData::String(Hdr::NEW, s.into()))
    }

    pub fn array(&mut self, v: Vec<Value>) -> Value {
        let c = self.c.array;
        self.heap.alloc(c, ObjData::Array(Hdr::NEW, v))
    }

    pub fn float(&mut self, f: f64) -> Value {
        match Value::try_flonum(f) {
            Some(v) => v,
            None => {
                let c = self.c.float;
                self.heap.alloc(c, ObjData::Float(Hdr::NEW, f))
            }
        }
    }

    /// An Integer value from an i64 (a heap big integer if it leaves the fixnum range).
    #[inline]
    pub fn int(&mut self, i: i64) -> Value {
        match Value::try_fixnum(i) {
            Some(v) => v,
            None => self.bigint(BigInt::from(i)),
        }
    }

    /// An Integer from a big integer, normalized to a fixnum when it fits.
    pub fn bigint(&mut self, b: BigInt) -> Value {
        use num_traits::ToPrimitive;
        if let Some(v) = b.to_i64().and_then(Value::try_fixnum) {
            return v;
        }
        let c = self.c.integer;
        self.heap.alloc(c, ObjData::BigInt(Hdr::NEW, Box::new(b)))
    }

    /// An Integer from decimal digits (an integer literal too large for i64).
    pub fn parse_bigint(&mut self, digits: &str) -> Value {
        match digits.parse::<BigInt>() {
            Ok(b) => self.bigint(b),
            Err(_) => Value::NIL,
        }
    }

    pub fn symbol(&mut self, name: &str) -> Value {
        Value::symbol(self.intern(name))
    }

    /// The f64 of a Float value.
    #[inline]
    pub fn float_of(v: Value) -> Option<f64> {
        if v.is_flonum() {
            return Some(v.as_flonum());
        }
        match peek(v) {
            Some(ObjData::Float(_, f)) => Some(*f),
            _ => None,
        }
    }

    pub fn is_float(v: Value) -> bool {
        Vm::float_of(v).is_some()
    }

    /// Whether `v` is an Array (a type test; borrow it with [`Vm::as_array`]).
    #[inline]
    pub fn is_array(v: Value) -> bool {
        matches!(peek(v), Some(ObjData::Array(_, _)))
    }

    /// Whether `v` is a String (a type test; borrow it with [`Vm::as_string`]).
    #[inline]
    pub fn is_string(v: Value) -> bool {
        matches!(peek(v), Some(ObjData::String(_, _)))
    }

    /// Whether `v` is an Integer (a fixnum or a big integer).
    #[inline]
    pub fn is_integer(v: Value) -> bool {
        v.is_fixnum() || matches!(peek(v), Some(ObjData::BigInt(_, _)))
    }

    /// Whether `v` is a frozen heap object (immediates are always frozen in Ruby; this
    /// answers `default` for them).
    #[inline]
    pub fn is_frozen_obj(v: Value, default: bool) -> bool {
        match v.obj_ptr() {
            // SAFETY: a pointer value is a live object (see `peek`); the flag is copied.
            Some(p) => unsafe { (*p).frozen() },
            None => default,
        }
    }

    // ---- borrowing heap objects ------------------------------------------------------
    //
    // Every borrow of a heap object is tied to a borrow of the VM that owns the heap: a
    // `&mut Obj` lives no longer than the `&mut Vm` it came from, so the compiler stops
    // code from holding one across anything that may run Ruby code or collect (which needs
    // the VM, usually through `Host`), and from holding two borrows of one object.

    /// The heap object `v` refers to.
    #[inline(always)]
    pub fn obj(&self, v: Value) -> Option<&Obj> {
        // SAFETY: a pointer value is a live object owned by this VM's heap (see `peek`),
        // and the shared borrow of the VM keeps anything from mutating or freeing it.
        v.obj_ptr().map(|p| unsafe { &*p })
    }

    /// The heap object `v` refers to, mutably.
    #[inline(always)]
    pub fn obj_mut(&mut self, v: Value) -> Option<&mut Obj> {
        // SAFETY: as `obj`; the exclusive borrow of the VM makes this the only borrow.
        v.obj_ptr().map(|p| unsafe { &mut *p })
    }

    /// The payload of the heap object `v` refers to.
    #[inline(always)]
    pub fn data(&self, v: Value) -> Option<&ObjData> {
        self.obj(v).map(|o| &o.data)
    }

    /// The payload of the heap object `v` refers to, mutably.
    #[inline(always)]
    pub fn data_mut(&mut self, v: Value) -> Option<&mut ObjData> {
        self.obj_mut(v).map(|o| &mut o.data)
    }

    #[inline(always)]
    pub fn as_string(&self, v: Value) -> Option<&RStr> {
        match self.data(v) {
            Some(ObjData::String(_, s)) => Some(s),
            _ => None,
        }
    }

    #[inline(always)]
    pub fn as_string_mut(&mut self, v: Value) -> Option<&mut RStr> {
        match self.data_mut(v) {
            Some(ObjData::String(_, s)) => Some(s),
            _ => None,
        }
    }

    #[inline(always)]
    pub fn as_array(&self, v: Value) -> Option<&Vec<Value>> {
        match self.data(v) {
            Some(ObjData::Array(_, a)) => Some(a),
            _ => None,
        }
    }

    #[inline(always)]
    pub fn as_array_mut(&mut self, v: Value) -> Option<&mut Vec<Value>> {
        match self.data_mut(v) {
            Some(ObjData::Array(_, a)) => Some(a),
            _ => None,
        }
    }

    #[inline(always)]
    pub fn as_bigint(&self, v: Value) -> Option<&BigInt> {
        match self.data(v) {
            Some(ObjData::BigInt(_, b)) => Some(b),
            _ => None,
        }
    }

    /// A copy of the String `v` (for code that must hold it across a call into Ruby).
    pub fn string_copy(&self, v: Value) -> Option<String> {
        self.as_string(v).map(|s| s.to_string())
    }

    /// A copy of the elements of the Array `v` (for code that must hold them across a
    /// call into Ruby, which may change the array); `None` for another value,
    /// NoMemoryError when the copy cannot be had.
    pub fn array_copy(&mut self, v: Value) -> Result<Option<Vec<Value>>, Box<Unwind>> {
        let Some(a) = self.as_array(v) else {
            return Ok(None);
        };
        match crate::core::conv::try_copy(a) {
            Ok(c) => Ok(Some(c)),
            Err(_) => Err(self.no_memory_error()),
        }
    }

    /// The Integer value of a fixnum or big integer, as the numeric library's `Int`.
    pub fn int_of(v: Value) -> Option<crate::numeric::Int> {
        if v.is_fixnum() {
            return Some(crate::numeric::Int::Small(v.as_fixnum()));
        }
        match peek(v) {
            Some(ObjData::BigInt(_, b)) => Some(crate::numeric::Int::Big((**b).clone())),
            _ => None,
        }
    }

    pub fn int_value(&mut self, i: crate::numeric::Int) -> Value {
        match i {
            crate::numeric::Int::Small(i) => self.int(i),
            crate::numeric::Int::Big(b) => self.bigint(b),
        }
    }

    // ---- errors -------------------------------------------------------------------

    /// A new exception of class `c` with message `msg`.
    pub fn make_exception(&mut self, c: ClassId, msg: &str) -> Value {
        let m = self.str(msg);
        self.heap.alloc(
            c,
            ObjData::Exception(
                Hdr::NEW,
                Box::new(ExceptionData {
                    ivars: Ivars::new(),
                    message: m,
                    origin: Default::default(),
                }),
            ),
        )
    }

    /// An unwind raising a new exception of class `c`.
    pub fn error(&mut self, c: ClassId, msg: impl AsRef<str>) -> Box<Unwind> {
        Box::new(Unwind::Raise(self.make_exception(c, msg.as_ref())))
    }

    /// A new dynscope: `slots` (the captured locals of one activation) and the scope it
    /// is nested in (nil for none).
    pub fn new_scope(&mut self, slots: Vec<Value>, parent: Value) -> Value {
        let c = self.c.scope;
        self.heap.alloc(
            c,
            ObjData::Scope(Hdr::NEW, Box::new(crate::heap::ScopeData { slots, parent })),
        )
    }

    /// A new block closure (a `Proc`).
    pub fn new_block(&mut self, data: crate::heap::BlockData) -> Value {
        let c = self.c.proc_;
        self.heap.alloc(c, ObjData::Block(Hdr::NEW, Box::new(data)))
    }

    /// Whether `v` is an exception object.
    pub fn is_exception(&self, v: Value) -> bool {
        matches!(self.data(v), Some(ObjData::Exception(_, _)))
    }

    /// Sets constant `name` of class `holder` (every constant is set here, so that
    /// [`Vm::const_serial`] sees every change).
    pub fn set_const(&mut self, holder: ClassId, name: SymId, v: Value) {
        self.classes[holder.index()].consts.insert(name, v);
        self.const_serial += 1;
    }

    /// Constant lookup, as Ruby does it for a bare `Name`: the lexical class and its
    /// lexical parents, then the ancestors of the lexical class, then Object; NameError
    /// when none has it.
    pub fn const_get(&mut self, cref: ClassId, name: SymId) -> Result<Value, Box<Unwind>> {
        let mut c = Some(cref);
        while let Some(k) = c {
            if let Some(&v) = self.class(k).consts.get(&name) {
                return Ok(v);
            }
            c = self.class(k).lexical_parent;
        }
        let mut c = Some(cref);
        while let Some(k) = c {
            if let Some(&v) = self.class(k).consts.get(&name) {
                return Ok(v);
            }
            c = self.class(k).superclass;
        }
        let obj = self.c.object;
        if let Some(&v) = self.class(obj).consts.get(&name) {
            return Ok(v);
        }
        let n = self.sym_name(name).to_string();
        let full = if cref == obj {
            n
        } else {
            format!("{}::{}", self.class_name(cref), n)
        };
        let ne = self.c.name_error;
        Err(self.error(ne, format!("uninitialized constant {full}")))
    }

    /// Records that the exception `e` raises (if it is one) was raised in a frame named
    /// `label` that has no place of its own (a native method: CRuby's C functions are
    /// reported "in `label'" at the line of the Ruby frame that called them), unless it
    /// already knows where it was raised.
    pub fn raised_in(&mut self, e: &Unwind, label: &str) {
        if let Unwind::Raise(exc) = *e {
            if let Some(ObjData::Exception(_, x)) = self.data_mut(exc) {
                if x.origin == crate::heap::Origin::Unknown {
                    x.origin = crate::heap::Origin::Frame(label.to_string());
                }
            }
        }
    }

    /// NoMemoryError for an allocation that failed. Like CRuby's (a preallocated
    /// exception without a backtrace), its report names the program's file alone.
    /// The next safepoint collects: what the failed operation left (a partly built
    /// result) and whatever else died since the last collection is garbage that the next
    /// big allocation may need the room of (CRuby collects and retries a failed malloc).
    pub fn no_memory_error(&mut self) -> Box<Unwind> {
        self.heap.request_collection();
        let c = self.c.no_memory_error;
        let e = self.make_exception(c, "failed to allocate memory");
        if let Some(ObjData::Exception(_, x)) = self.data_mut(e) {
            x.origin = crate::heap::Origin::NoBacktrace;
        }
        Box::new(Unwind::Raise(e))
    }

    pub fn type_error(&mut self, msg: impl AsRef<str>) -> Box<Unwind> {
        let c = self.c.type_error;
        self.error(c, msg)
    }

    /// Enters the walk `what` of `v` (and `w`, for a walk of two values side by side,
    /// such as `==`): `Ok(false)` when that walk of the same values is already under
    /// way (the value contains itself), `Ok(true)` otherwise, and then the caller calls
    /// [`Vm::leave_nested`] when it is done, on every path. SystemStackError past
    /// [`MAX_NESTING`] levels of such walks: CRuby's recursion ends at about the same
    /// depth, and the native stack is never at risk.
    pub fn enter_nested(&mut self, what: Nesting, v: Value, w: Value) -> Result<bool, Box<Unwind>> {
        if self.nested.len() >= MAX_NESTING {
            let c = self.c.system_stack_error;
            return Err(self.error(c, "stack level too deep"));
        }
        Ok(self.nested.insert((what, v.0, w.0)))
    }

    /// Ends a walk that [`Vm::enter_nested`] entered.
    pub fn leave_nested(&mut self, what: Nesting, v: Value, w: Value) {
        self.nested.remove(&(what, v.0, w.0));
    }

    pub fn arg_error(&mut self, msg: impl AsRef<str>) -> Box<Unwind> {
        let c = self.c.argument_error;
        self.error(c, msg)
    }

    /// `wrong number of arguments (given 1, expected 2)`.
    pub fn arity_error(&mut self, given: usize, expected: &str) -> Box<Unwind> {
        self.arg_error(format!(
            "wrong number of arguments (given {given}, expected {expected})"
        ))
    }

    /// Writes to the program's standard output.
    pub fn write_out(&mut self, s: &[u8]) {
        // A closed pipe is not the program's error; stop writing quietly.
        let _ = self.out.write_all(s);
    }

    /// Every GC root the VM itself holds: class objects, constants, main, extra roots, and
    /// the heap values held by code.
    pub fn for_each_root(&self, mark: &mut dyn FnMut(Value)) {
        vm_roots(
            &self.classes,
            self.main_obj,
            &self.extra_roots,
            &self.pending_unwind,
            &self.code_roots,
            mark,
        );
    }

    /// Runs a collection: the roots are the VM's own ([`Vm::for_each_root`]) and what
    /// `frames` marks, the values the executors' frames hold (every executor with frames
    /// on the stack contributes its own). The heap is borrowed apart from the fields the
    /// roots are read from, so no borrow of the VM overlaps the collector's.
    pub fn collect_garbage(&mut self, frames: &mut dyn FnMut(&mut dyn FnMut(Value))) {
        let Vm {
            heap,
            classes,
            main_obj,
            extra_roots,
            pending_unwind,
            code_roots,
            ..
        } = self;
        heap.collect(&mut |mark| {
            frames(mark);
            vm_roots(
                classes,
                *main_obj,
                extra_roots,
                pending_unwind,
                code_roots,
                mark,
            );
        });
    }
}

/// The VM's roots, from the fields that hold them (see [`Vm::for_each_root`]).
fn vm_roots(
    classes: &[Class],
    main_obj: Value,
    extra_roots: &[Value],
    pending_unwind: &Option<Box<Unwind>>,
    code_roots: &crate::roots::RootRegistry,
    mark: &mut dyn FnMut(Value),
) {
    for c in classes {
        mark(c.value);
        for v in c.consts.values() {
            mark(*v);
        }
    }
    mark(main_obj);
    for v in extra_roots {
        mark(*v);
    }
    match pending_unwind.as_deref() {
        Some(Unwind::Raise(e)) => mark(*e),
        Some(Unwind::Break { tag, value }) => {
            mark(*tag);
            mark(*value)
        }
        Some(Unwind::Return { value, .. }) => mark(*value),
        None => {}
    }
    code_roots.for_each(mark);
}

/// The payload of a heap value, for reads that copy what they need out of it at once
/// (type tests, a float, a class id). Private: borrows that are kept go through the VM.
#[inline(always)]
fn peek(v: Value) -> Option<&'static ObjData> {
    // SAFETY: pointer words are only ever made from live heap objects, and the collector
    // frees only objects no root reaches, at safepoints; callers copy out of the borrow
    // before anything can run.
    v.obj_ptr().map(|p| unsafe { &(*p).data })
}
