//! The root registry: every heap value that code holds, for every executor.
//!
//! Code objects (IR0 translated for the interpreter, speculative versions, OSR versions,
//! and later compiled code) hold heap values that no frame register holds: literals of
//! big integers and of floats outside the flonum range. Whoever makes such code registers
//! those values here, under a [`CodeRootsId`], and the collector marks everything
//! registered (invariant 9: whatever code holds is a root). An executor never keeps a
//! private list that the collector would have to know about. Code that is freed releases
//! its entry; code that is never freed keeps its roots for the life of the process.

use crate::value::Value;

/// The entry of one code object in the [`RootRegistry`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CodeRootsId(pub u32);

/// Heap values held by code, by code object.
#[derive(Default)]
pub struct RootRegistry {
    entries: Vec<Vec<Value>>,
    free: Vec<u32>,
}

impl RootRegistry {
    /// Registers the heap values of one code object; returns the entry to release when
    /// the code is freed. Immediate values need no registering and are dropped here.
    pub fn register(&mut self, values: impl IntoIterator<Item = Value>) -> CodeRootsId {
        let values: Vec<Value> = values.into_iter().filter(|v| v.is_ptr()).collect();
        match self.free.pop() {
            Some(i) => {
                self.entries[i as usize] = values;
                CodeRootsId(i)
            }
            None => {
                self.entries.push(values);
                CodeRootsId(self.entries.len() as u32 - 1)
            }
        }
    }

    /// Drops the entry of freed code: its values are no longer roots.
    pub fn release(&mut self, id: CodeRootsId) {
        self.entries[id.0 as usize] = Vec::new();
        self.free.push(id.0);
    }

    /// Every registered value.
    pub fn for_each(&self, mark: &mut dyn FnMut(Value)) {
        for e in &self.entries {
            for v in e {
                mark(*v);
            }
        }
    }

    /// How many values are registered (for tests and statistics).
    pub fn len(&self) -> usize {
        self.entries.iter().map(|e| e.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
