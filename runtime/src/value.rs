//! The one-word value encoding.
//!
//! A `Value` is a 64-bit word:
//!
//! | bits (low end)  | meaning                                                        |
//! |-----------------|----------------------------------------------------------------|
//! | `...1`          | Fixnum: a 63-bit signed integer `i`, stored as `(i << 1) | 1`   |
//! | `...10`         | Flonum: a Float whose exponent is in the common range, the f64  |
//! |                 | bits rotated left by 3 with the low bits replaced by `10`       |
//! | `0x00`          | `false`                                                         |
//! | `0x08`          | `nil`                                                           |
//! | `0x14`          | `true`                                                          |
//! | `0x34`          | undef (internal "no value", never visible to Ruby)              |
//! | `(id << 8)|0x0c`| Symbol number `id`                                              |
//! | `...000` ≥ 4096 | pointer to a heap object (`runtime::heap::Obj`), 8-aligned      |
//!
//! Floats outside the flonum range (very large or very small magnitudes, `0.0` apart from
//! its own special word) are boxed on the heap. Integers outside 63 bits are big integers on
//! the heap. `nil` and `false` are the only falsy values, and `v & !0x08 == 0` tests for
//! them. An all-zero word is `false`, so zeroed memory holds valid values for the GC.

use crate::heap::Obj;

#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
#[repr(transparent)]
pub struct Value(pub u64);

pub const FIXNUM_MAX: i64 = (1 << 62) - 1;
pub const FIXNUM_MIN: i64 = -(1 << 62);

const FLONUM_ZERO: u64 = 0x8000_0000_0000_0002;

impl Value {
    pub const FALSE: Value = Value(0x00);
    pub const NIL: Value = Value(0x08);
    pub const TRUE: Value = Value(0x14);
    pub const UNDEF: Value = Value(0x34);

    #[inline(always)]
    pub fn bool(b: bool) -> Value {
        if b {
            Value::TRUE
        } else {
            Value::FALSE
        }
    }

    #[inline(always)]
    pub fn truthy(self) -> bool {
        self.0 & !0x08 != 0
    }

    #[inline(always)]
    pub fn is_nil(self) -> bool {
        self.0 == Value::NIL.0
    }

    #[inline(always)]
    pub fn is_fixnum(self) -> bool {
        self.0 & 1 == 1
    }

    /// Both values are fixnums.
    #[inline(always)]
    pub fn both_fixnum(a: Value, b: Value) -> bool {
        a.0 & b.0 & 1 == 1
    }

    /// A fixnum, if `i` fits 63 bits.
    #[inline(always)]
    pub fn try_fixnum(i: i64) -> Option<Value> {
        if (FIXNUM_MIN..=FIXNUM_MAX).contains(&i) {
            Some(Value(((i as u64) << 1) | 1))
        } else {
            None
        }
    }

    /// A fixnum from an integer known to fit.
    #[inline(always)]
    pub fn fixnum(i: i64) -> Value {
        debug_assert!((FIXNUM_MIN..=FIXNUM_MAX).contains(&i));
        Value(((i as u64) << 1) | 1)
    }

    #[inline(always)]
    pub fn as_fixnum(self) -> i64 {
        (self.0 as i64) >> 1
    }

    #[inline(always)]
    pub fn is_flonum(self) -> bool {
        self.0 & 3 == 2
    }

    /// A flonum, if the float is in the flonum range.
    #[inline(always)]
    pub fn try_flonum(f: f64) -> Option<Value> {
        let bits = f.to_bits();
        let top = (bits >> 60) & 7;
        if bits != 0x3000_0000_0000_0000 && (top == 3 || top == 4) {
            Some(Value((bits.rotate_left(3) & !1) | 2))
        } else if bits == 0 {
            Some(Value(FLONUM_ZERO))
        } else {
            None
        }
    }

    #[inline(always)]
    pub fn as_flonum(self) -> f64 {
        if self.0 == FLONUM_ZERO {
            return 0.0;
        }
        let b63 = self.0 >> 63;
        let bits = ((2 - b63) | (self.0 & !3)).rotate_right(3);
        f64::from_bits(bits)
    }

    #[inline(always)]
    pub fn is_symbol(self) -> bool {
        self.0 & 0xff == 0x0c
    }

    #[inline(always)]
    pub fn symbol(id: u32) -> Value {
        Value(((id as u64) << 8) | 0x0c)
    }

    #[inline(always)]
    pub fn as_symbol(self) -> u32 {
        (self.0 >> 8) as u32
    }

    #[inline(always)]
    pub fn is_ptr(self) -> bool {
        self.0 & 7 == 0 && self.0 >= 4096
    }

    #[inline(always)]
    pub fn from_ptr(p: *mut Obj) -> Value {
        Value(p as u64)
    }

    #[inline(always)]
    pub fn as_ptr(self) -> *mut Obj {
        self.0 as *mut Obj
    }

    /// The heap object, if this is a reference, as a raw pointer. Borrows of objects
    /// go through the VM that owns the heap (`Vm::obj`, `Vm::array_mut`, ...), so that a
    /// borrow cannot outlive a call that may run Ruby code or collect.
    #[inline(always)]
    pub fn obj_ptr(self) -> Option<*mut Obj> {
        if self.is_ptr() {
            Some(self.as_ptr())
        } else {
            None
        }
    }
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.is_fixnum() {
            write!(f, "Fixnum({})", self.as_fixnum())
        } else if self.is_flonum() {
            write!(f, "Flonum({})", self.as_flonum())
        } else if self.is_symbol() {
            write!(f, "Sym({})", self.as_symbol())
        } else if *self == Value::NIL {
            write!(f, "nil")
        } else if *self == Value::TRUE {
            write!(f, "true")
        } else if *self == Value::FALSE {
            write!(f, "false")
        } else {
            write!(f, "Ptr({:#x})", self.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixnum_round_trip() {
        for i in [0, 1, -1, FIXNUM_MAX, FIXNUM_MIN, 12345, -98765] {
            let v = Value::try_fixnum(i).unwrap();
            assert!(v.is_fixnum() && !v.is_flonum() && !v.is_ptr());
            assert_eq!(v.as_fixnum(), i);
        }
        assert!(Value::try_fixnum(FIXNUM_MAX + 1).is_none());
        assert!(Value::try_fixnum(FIXNUM_MIN - 1).is_none());
    }

    #[test]
    fn flonum_round_trip() {
        for f in [0.0, 1.0, -1.0, 0.1, 1e10, -2.5e-3, 2.71875, 1e70, -1e-70] {
            let v = Value::try_flonum(f).unwrap_or_else(|| panic!("{f} should be a flonum"));
            assert!(v.is_flonum() && !v.is_fixnum());
            assert_eq!(v.as_flonum().to_bits(), f.to_bits());
        }
        assert!(Value::try_flonum(-0.0).is_none());
        assert!(Value::try_flonum(f64::INFINITY).is_none());
        assert!(Value::try_flonum(f64::NAN).is_none());
        assert!(Value::try_flonum(1e300).is_none());
        assert!(Value::try_flonum(1e100).is_none());
    }

    #[test]
    fn specials() {
        assert!(!Value::NIL.truthy() && !Value::FALSE.truthy());
        assert!(Value::TRUE.truthy() && Value::fixnum(0).truthy() && Value::symbol(3).truthy());
        assert_eq!(Value::symbol(77).as_symbol(), 77);
        assert!(!Value::symbol(1).is_ptr() && !Value::NIL.is_ptr());
    }
}
