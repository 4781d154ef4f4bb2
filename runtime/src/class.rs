//! Classes, method entries and instance-variable layouts.
//!
//! A class has a method table (name -> [`MethodId`]), constants, and a layout that gives
//! each instance variable name a fixed slot number in the objects of that class: an
//! object keeps its instance variables in a vector indexed by slot, and the interpreter
//! caches (class, slot) per `@x` site. (Slots inline in the object, read with one class
//! check and one load, are planned: docs/design.md, §6.) Class methods live on the class's metaclass, whose
//! superclass is the metaclass of the superclass.

use crate::heap::{Ivars, ObjData};
use crate::value::Value;
use crate::{Host, RResult};
use ir::{ClassId, FuncId};
use rustc_hash::FxHashMap;

/// A symbol (interned name).
pub type SymId = u32;

/// An entry of the VM's method table.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct MethodId(pub u32);

/// A native method: receiver, arguments, block (nil if none).
pub type NativeFn = fn(&mut dyn Host, Value, &[Value], Value) -> RResult;

#[derive(Clone, Copy)]
pub enum MethodBody {
    /// A method written in Ruby: the IR function of its body.
    Ruby(FuncId),
    /// A method written in Rust, with its arity (`-1`: any number of arguments; for
    /// arities like 0..1 the function checks itself).
    Native {
        f: NativeFn,
        arity: i32,
    },
    AttrReader(SymId),
    AttrWriter(SymId),
}

#[derive(Clone, Copy)]
pub struct MethodEntry {
    pub owner: ClassId,
    /// Private methods (top-level `def`s) cannot be called with an explicit receiver.
    pub private: bool,
    pub name: SymId,
    pub body: MethodBody,
}

/// How `new` allocates instances of a class.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum AllocKind {
    Object,
    Exception,
    String,
    Array,
    /// Instances cannot be made with `new` (Integer, Float, Symbol, nil, ...).
    None,
}

impl AllocKind {
    pub fn empty_data(self) -> Option<ObjData> {
        Some(match self {
            AllocKind::Object => ObjData::Object(crate::heap::Hdr::NEW, Ivars::new()),
            AllocKind::Exception => ObjData::Exception(
                crate::heap::Hdr::NEW,
                Box::new(crate::heap::ExceptionData {
                    ivars: Ivars::new(),
                    message: Value::NIL,
                    origin: Default::default(),
                }),
            ),
            AllocKind::String => {
                ObjData::String(crate::heap::Hdr::NEW, crate::heap::RStr::default())
            }
            AllocKind::Array => ObjData::Array(crate::heap::Hdr::NEW, Vec::new()),
            AllocKind::None => return None,
        })
    }
}

pub struct Class {
    pub name: String,
    pub superclass: Option<ClassId>,
    /// The metaclass holding class methods (`def self.x`).
    pub meta: Option<ClassId>,
    /// For a metaclass: the class it is attached to.
    pub attached: Option<ClassId>,
    pub methods: FxHashMap<SymId, MethodId>,
    pub consts: FxHashMap<SymId, Value>,
    pub ivar_slots: FxHashMap<SymId, u32>,
    pub ivar_names: Vec<SymId>,
    /// The class object (a heap `ObjData::Class`).
    pub value: Value,
    pub alloc: AllocKind,
    /// The class this one is lexically nested in, for constant lookup and naming.
    pub lexical_parent: Option<ClassId>,
}

impl Class {
    /// The slot of instance variable `name`, assigning the next one if it has none.
    pub fn ivar_slot(&mut self, name: SymId) -> u32 {
        if let Some(&s) = self.ivar_slots.get(&name) {
            return s;
        }
        let s = self.ivar_names.len() as u32;
        self.ivar_slots.insert(name, s);
        self.ivar_names.push(name);
        s
    }
}
