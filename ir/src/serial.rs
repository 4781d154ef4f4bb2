//! RON dumps of functions and modules that load back equal (`--dump-dir`, IR test inputs).
//!
//! The output is pretty-printed with a fixed configuration, so the same IR always gives the
//! same text: four-space indentation, `\n` line ends, and everything below the level of an
//! instruction kept on one line, so that a function reads one instruction per line:
//!
//! ```text
//! (ipc: 3, dst: Some(2), kind: Binary(Add, 0, 1), line: 3),
//! ```
//!
//! Loading reports malformed input as a [`RonError`] with the line and column, never a
//! panic. Loading does not verify: run [`crate::verify::verify`] on what you load.
//!
//! # Floats
//!
//! RON writes `f64` with Rust's shortest round-trip digits, `inf`, `-inf` and `NaN`, so every
//! float constant loads back with the same bits (`-0.0` included) except NaNs other than
//! the canonical `f64::NAN` (a negative NaN, or one with a payload), which load back as
//! `f64::NAN`. [`exact_f64`] is a serde helper that keeps those bits too; it takes effect
//! once `Const::Float`'s field is annotated with
//! `#[serde(with = "crate::serial::exact_f64")]` (see its doc).

use crate::types::{Function, Module};
use ron::ser::PrettyConfig;
use serde::{de::DeserializeOwned, Serialize};
use std::fmt;

/// A RON document that does not describe the expected IR: where and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RonError {
    /// 1-based line of the error in the input.
    pub line: usize,
    /// 1-based column of the error in the input.
    pub col: usize,
    pub message: String,
}

impl fmt::Display for RonError {
    /// `LINE:COL: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.col, self.message)
    }
}

impl std::error::Error for RonError {}

impl From<ron::error::SpannedError> for RonError {
    fn from(e: ron::error::SpannedError) -> RonError {
        RonError {
            line: e.position.line,
            col: e.position.col,
            message: e.code.to_string(),
        }
    }
}

/// The one pretty-printing configuration of IR dumps. Depth 4 is the level of a block's
/// instruction list (function > blocks > block > insts); each instruction fits one line.
fn pretty() -> PrettyConfig {
    PrettyConfig::new()
        .depth_limit(4)
        .new_line("\n".to_string())
        .indentor("    ".to_string())
        .separator(" ".to_string())
        .struct_names(false)
        .enumerate_arrays(false)
        .separate_tuple_members(false)
}

fn dump<T: Serialize>(value: &T) -> String {
    let mut s = ron::ser::to_string_pretty(value, pretty())
        // Writing to a String cannot fail, and every IR type is plain data RON can express.
        .expect("RON serialization of IR failed");
    s.push('\n');
    s
}

fn load<T: DeserializeOwned>(s: &str) -> Result<T, RonError> {
    ron::Options::default().from_str(s).map_err(RonError::from)
}

/// A function as pretty RON, ending with a newline.
pub fn to_ron(f: &Function) -> String {
    dump(f)
}

/// Loads a function dumped by [`to_ron`] (or written by hand).
pub fn from_ron(s: &str) -> Result<Function, RonError> {
    load(s)
}

/// A module as pretty RON, ending with a newline.
pub fn module_to_ron(m: &Module) -> String {
    dump(m)
}

/// Loads a module dumped by [`module_to_ron`].
pub fn module_from_ron(s: &str) -> Result<Module, RonError> {
    load(s)
}

/// Serde helpers for an `f64` field that must round-trip bit for bit through RON:
/// `#[serde(with = "crate::serial::exact_f64")]`.
///
/// Every value RON already writes exactly (all but non-canonical NaNs) is written as a plain
/// float, so dumps stay readable; a NaN whose bits are not `f64::NAN`'s is written as the
/// string `"nan:0x<16 hex digits>"` of its bits. Loading accepts floats, integers (for
/// hand-written input such as `Float(1)`), and that string form.
pub mod exact_f64 {
    use serde::de::{self, Visitor};
    use serde::{Deserializer, Serializer};
    use std::fmt;

    const PREFIX: &str = "nan:0x";

    pub fn serialize<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
        if v.is_nan() && v.to_bits() != f64::NAN.to_bits() {
            s.serialize_str(&format!("{PREFIX}{:016x}", v.to_bits()))
        } else {
            s.serialize_f64(*v)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        d.deserialize_any(ExactF64)
    }

    struct ExactF64;

    impl<'de> Visitor<'de> for ExactF64 {
        type Value = f64;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a float or \"{PREFIX}<16 hex digits>\"")
        }

        fn visit_f64<E: de::Error>(self, v: f64) -> Result<f64, E> {
            Ok(v)
        }

        fn visit_f32<E: de::Error>(self, v: f32) -> Result<f64, E> {
            Ok(f64::from(v))
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<f64, E> {
            Ok(v as f64)
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<f64, E> {
            Ok(v as f64)
        }

        fn visit_i128<E: de::Error>(self, v: i128) -> Result<f64, E> {
            Ok(v as f64)
        }

        fn visit_u128<E: de::Error>(self, v: u128) -> Result<f64, E> {
            Ok(v as f64)
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<f64, E> {
            v.strip_prefix(PREFIX)
                .filter(|hex| hex.len() == 16)
                .and_then(|hex| u64::from_str_radix(hex, 16).ok())
                .map(f64::from_bits)
                .ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
        }
    }
}
