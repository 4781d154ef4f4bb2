//! Profile data: what the interpreter observed while running IR0 of one function, keyed by
//! `Ipc`. The interpreter fills it (`interp::profile`); speculative passes read it.

use crate::types::{ClassId, Ipc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A set of the value types seen at an operand, as bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TypeSet(pub u8);

impl TypeSet {
    pub const FIXNUM: u8 = 1;
    pub const FLOAT: u8 = 2;
    pub const BIGNUM: u8 = 4;
    pub const STRING: u8 = 8;
    pub const ARRAY: u8 = 16;
    pub const NIL_BOOL: u8 = 32;
    pub const OTHER: u8 = 64;

    pub fn is_only(self, bit: u8) -> bool {
        self.0 == bit
    }

    /// The names of the types in the set, for `--print-profile`.
    pub fn names(self) -> Vec<&'static str> {
        let all = [
            (Self::FIXNUM, "Integer"),
            (Self::BIGNUM, "Integer(big)"),
            (Self::FLOAT, "Float"),
            (Self::STRING, "String"),
            (Self::ARRAY, "Array"),
            (Self::NIL_BOOL, "nil/bool"),
            (Self::OTHER, "other"),
        ];
        all.iter()
            .filter(|(b, _)| self.0 & b != 0)
            .map(|(_, n)| *n)
            .collect()
    }
}

/// One profiled site.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum SiteProfile {
    /// Receiver classes seen at a call, with counts, most frequent first (at most a few
    /// are kept; `megamorphic` says more were seen).
    Call {
        classes: Vec<(ClassId, String, u64)>,
        megamorphic: bool,
    },
    /// An instance-variable access (`ivar_get`, `ivar_set`) that only ever saw plain
    /// objects of one class, whose layout has the variable at `slot`. (A site that saw
    /// two classes, or anything but a plain object, has no profile.)
    Ivar {
        class: ClassId,
        class_name: String,
        slot: u32,
    },
    /// Operand types seen at an arithmetic or comparison instruction.
    Operands {
        lhs: TypeSet,
        rhs: TypeSet,
        count: u64,
    },
}

/// The profile of one function.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Profile {
    /// How many times the function was entered.
    pub calls: u64,
    /// How many loop back-edges it took.
    pub backedges: u64,
    pub sites: BTreeMap<Ipc, SiteProfile>,
    /// Instructions where a speculation failed (a deopt happened): versions built later do
    /// not speculate there again.
    #[serde(default)]
    pub failed: std::collections::BTreeSet<Ipc>,
}
