//! The types a pass sees: the `Pass` trait, the context it runs in (profile and the
//! engine's answers about the program), and its error type. The pass manager and the
//! passes themselves live in the `passes` crate.

use crate::profile::Profile;
use crate::types::{ClassId, CoreClass, FuncId, Function};

/// What passes may ask about the running program. Passes never depend on the runtime:
/// the engine implements this trait (`EngineOracle` in the `rebound` package), from the executor's IR0
/// and profiles and the runtime's method tables.
pub trait Oracle {
    /// The IR0 of a function, if it has been built.
    fn ir0(&self, func: FuncId) -> Option<&Function>;
    /// What a class resolves a method name to, if it is a Ruby-defined method.
    fn resolve_method(&self, class: ClassId, name: &str) -> Option<ResolvedMethod>;
    /// The profile of a function's IR0 (with the speculations that failed before).
    fn profile(&self, _func: FuncId) -> Option<Profile> {
        None
    }
    /// A class's name, for dumps and traces.
    fn class_name(&self, class: ClassId) -> String {
        class.to_string()
    }
    /// Whether `class#name` is still the core method (not redefined, aliased or removed):
    /// a version may then treat it as a builtin, registering the assumption. The default
    /// answers for a program that redefines no core method (the passes' unit tests); the
    /// engine answers from the runtime's method tables.
    fn builtin_intact(&self, _class: CoreClass, _name: &str) -> bool {
        true
    }
    /// The class id of a core class, when the program has one (the engine's always do;
    /// an oracle that does not know answers None, and passes that need it do nothing).
    fn core_class(&self, _class: CoreClass) -> Option<ClassId> {
        None
    }
    /// When `class#name` resolves to a public `attr_reader` and the objects of `class` are
    /// plain objects whose layout has a slot for its variable: the variable's name and
    /// that slot.
    fn attr_reader(&self, _class: ClassId, _name: &str) -> Option<(String, u32)> {
        None
    }
}

/// An oracle that knows nothing; conservative passes and tests use it.
pub struct NoOracle;

impl Oracle for NoOracle {
    fn ir0(&self, _func: FuncId) -> Option<&Function> {
        None
    }
    fn resolve_method(&self, _class: ClassId, _name: &str) -> Option<ResolvedMethod> {
        None
    }
}

/// A method lookup's result (see [`Oracle::resolve_method`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResolvedMethod {
    /// The method's body.
    pub func: FuncId,
    /// The lexical class its frames run with (where `def` defines and constant lookup
    /// starts): the class that owns the method, or for a singleton method the object the
    /// singleton class is attached to. An inlined frame records it, so that a deopt
    /// rebuilds the frame with it.
    pub lexical_class: ClassId,
    /// A private method (a top-level `def`, `initialize`, Kernel's functions): only a
    /// call without an explicit receiver runs it; any other is a NoMethodError, so the
    /// inliner leaves such a call alone. (A method's visibility never changes without a
    /// new method entry, hence a new function or a `Method` assumption broken.)
    pub private: bool,
}

/// Everything a pass run gets besides the function it transforms.
pub struct PassContext<'a> {
    pub profile: Option<&'a Profile>,
    pub oracle: &'a dyn Oracle,
}

impl<'a> PassContext<'a> {
    /// A context with no profile and no oracle.
    pub fn empty() -> PassContext<'static> {
        PassContext {
            profile: None,
            oracle: &NoOracle,
        }
    }
}

/// A pass failure: the pass refuses the function (it is left as it was).
#[derive(Clone, Debug, PartialEq)]
pub struct PassError {
    pub pass: &'static str,
    pub message: String,
}

impl std::fmt::Display for PassError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "pass {}: {}", self.pass, self.message)
    }
}

/// One transformation of a function. One type per pass, one pass per file.
pub trait Pass {
    /// The name used in pipeline specs (`--passes constfold,dce`).
    fn name(&self) -> &'static str;
    /// Whether the pass speculates (needs a profile, adds guards); speculative passes only
    /// run on versions, never on IR0.
    fn speculative(&self) -> bool {
        false
    }
    /// Transforms `func` in place. Returns whether anything changed.
    fn run(&self, func: &mut Function, cx: &PassContext) -> Result<bool, PassError>;
}
