//! Where an exception was raised: the place that the first line of an uncaught
//! exception's report names (``prog.rb:3:in `foo'``), as CRuby 3.1 names it.
//!
//! CRuby names the innermost frame, at the file and line of the innermost Ruby frame.
//! rebound's native methods and the methods of its prelude are C functions in CRuby: an
//! exception raised in one names that method, at the line of the program's code that
//! called it. So an exception learns its place as it leaves frames, innermost first
//! ([`Interp::note_origin`], from `unwind_to_handler`): a native method names its frame
//! (`Vm::raised_in`), a frame of the prelude names itself if nothing did, and the first
//! frame of the program's own code completes the place with its file and line. In a
//! version, an op of inlined code stands for the frames the inlined calls would have
//! run in, one per level of inlining ([`Interp::source_frames`]).

use crate::code::Code;
use crate::Interp;
use ir::{FuncId, Ipc};
use runtime::heap::{ObjData, Origin};
use runtime::{SymId, Unwind, Value};
use smallvec::SmallVec;

/// A frame that CRuby would show: a function, and the instruction it is at.
#[derive(Clone, Copy)]
struct SourceFrame {
    func: FuncId,
    ipc: Ipc,
    line: u32,
}

/// Native methods whose errors CRuby reports in their caller's frame: `raise` (it names
/// its own frame itself for its errors), `Class#new` (`Integer.new` is an undefined
/// method; errors of `initialize` name that) and `send` (which calls without a frame).
const FRAMELESS_NATIVES: [&str; 3] = ["raise", "new", "send"];

impl Interp {
    /// The frames op `pc` of `code` runs in, innermost first: its function's, and in a
    /// version, one more per level of inlining, each at the call it was inlined at.
    fn source_frames(&self, code: &Code, pc: usize) -> SmallVec<[SourceFrame; 4]> {
        let mut frames = SmallVec::new();
        let mut ctx = code.inline_ctx[pc];
        let (mut ipc, mut line) = (code.ipcs[pc], code.lines[pc]);
        while ctx != 0 {
            let inlined = code.inline_frames[ctx as usize - 1];
            frames.push(SourceFrame {
                func: inlined.func,
                ipc,
                line,
            });
            (ipc, line, ctx) = (inlined.call_site, inlined.call_line, inlined.parent);
        }
        frames.push(SourceFrame {
            func: code.func,
            ipc,
            line,
        });
        frames
    }

    /// Notes where `exc` was raised as it leaves op `pc` of `code` (see the module doc):
    /// the prelude's frames name themselves, the program's frames complete the place.
    pub(crate) fn note_origin(&mut self, exc: Value, code: &Code, pc: usize) {
        let (mut label, no_backtrace) = match self.vm.data(exc) {
            Some(ObjData::Exception(_, x)) => match &x.origin {
                Origin::Unknown => (None, false),
                Origin::Frame(l) => (Some(l.clone()), false),
                Origin::NoBacktrace => (None, true),
                // Known since an inner frame: nothing to do as it leaves this one.
                Origin::Place(_) => return,
            },
            _ => return,
        };
        for fr in self.source_frames(code, pc) {
            let Some(f) = self.function(fr.func) else {
                continue;
            };
            if f.builtin {
                label.get_or_insert_with(|| frame_label(f, fr.ipc));
                continue;
            }
            let place = if no_backtrace {
                f.file.clone()
            } else {
                let label = label.unwrap_or_else(|| frame_label(f, fr.ipc));
                format!("{}:{}:in `{label}'", f.file, fr.line)
            };
            return self.set_origin(exc, Origin::Place(place));
        }
        if let (Some(label), false) = (label, no_backtrace) {
            self.set_origin(exc, Origin::Frame(label));
        }
    }

    /// Notes where an error of entering `code` was raised (wrong number of arguments,
    /// stack level too deep): in its own frame, at its `def` line (a prelude method's is
    /// its caller's line).
    pub(crate) fn note_entry_origin(&mut self, exc: Value, code: &Code) {
        if self.function(code.func).is_some_and(|f| f.builtin) {
            self.vm.raised_in(&Unwind::Raise(exc), &code.label);
        } else if matches!(self.origin(exc), Some(Origin::Unknown)) {
            let place = format!("{}:{}:in `{}'", code.file, code.def_line, code.label);
            self.set_origin(exc, Origin::Place(place));
        }
    }

    /// An exception raised inside the native method `name` names its frame (see
    /// [`FRAMELESS_NATIVES`] for the exceptions).
    pub(crate) fn native_origin(&mut self, e: Box<Unwind>, name: SymId) -> Box<Unwind> {
        let n = self.vm.sym_name(name);
        if FRAMELESS_NATIVES.contains(&n) {
            return e;
        }
        let n = n.to_string();
        self.vm.raised_in(&e, &n);
        e
    }

    /// The place of an exception object (`None` for anything else).
    fn origin(&self, exc: Value) -> Option<Origin> {
        match self.vm.data(exc) {
            Some(ObjData::Exception(_, x)) => Some(x.origin.clone()),
            _ => None,
        }
    }

    fn set_origin(&mut self, exc: Value, origin: Origin) {
        if let Some(ObjData::Exception(_, x)) = self.vm.data_mut(exc) {
            x.origin = origin;
        }
    }

    /// Describes an uncaught exception the way CRuby's first stderr line does:
    /// `file:line:in `label': message (Class)`.
    pub fn describe_uncaught(&mut self, exc: Value) -> String {
        let origin = match self.origin(exc) {
            Some(Origin::Place(p)) => p,
            Some(Origin::Frame(label)) => format!("in `{label}'"),
            _ => String::new(),
        };
        let msg = runtime::core::kernel::exception_message(self, exc);
        let c = self.vm.class_of(exc);
        let cname = self.vm.class_name(c).to_string();
        if msg.is_empty() {
            // CRuby (error.c): an empty message prints no "(Class)" suffix, and
            // "unhandled exception" stands in for it only for a RuntimeError.
            if c == self.vm.c.runtime_error {
                return format!("{origin}: unhandled exception");
            }
            return format!("{origin}: {cname}");
        }
        let mut lines = msg.lines();
        let first = lines.next().unwrap_or("");
        format!("{origin}: {first} ({cname})")
    }
}

/// How CRuby names the frame of `f` at `ipc`: its Ruby name, or ``rescue in foo`` in the
/// body of a `rescue` clause.
fn frame_label(f: &ir::Function, ipc: Ipc) -> String {
    match f
        .frame_regions
        .iter()
        .find(|r| r.start <= ipc && ipc < r.end)
    {
        Some(r) => format!("{} {}", r.label, f.ruby_name),
        None => f.ruby_name.clone(),
    }
}
