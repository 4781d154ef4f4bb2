//! The readable text form of the IR: `Display` for functions, modules, instructions and
//! everything inside them. It is meant for people (dumps beside the RON files, verifier
//! messages, test expectations); RON ([`crate::serial`]) is the form that loads back.
//!
//! A function prints as a header line, its blocks in id order, then its deleted-temp
//! table, its assumptions (`assumes: ..`) and its OSR entry (`osr entry: @3 takes (%t0,
//! %t2)`, the values an executor passes in, in order):
//!
//! ```text
//! fn3 Foo#bar (method, ir0) file.rb:3 params(req=1, opt=0) locals[$0 x, $1 y] scope[sum] temps=6 ipcs=9
//! bb0:
//!   @0 %t0 = arg 0                          ; line 3
//!   @1 store $0, %t0
//!   @2 %t1 = const 1
//!   @3 %t2 = add %t0, %t1
//!   @4 %t3 = call %t2.foo(%t1) &%t4
//!   @5 branch %t3, bb1(%t2), bb2
//! bb1(%t5): handler bb4
//!   @6 guard is_fixnum %t5 -> resume @7 (type_guard) [fn2@4 > fn5@1]
//! deleted: %t7 = box_int %t9
//! ```
//!
//! The header lists only what is not the default: `scope[..]` and `lexical[..]` when
//! non-empty, `auto_splat` when set, `entry=bbN` when the entry is not `bb0`. An
//! instruction carries a `; line N` comment, aligned at column [`LINE_COMMENT_COLUMN`],
//! when its source line differs from the previous instruction's (in print order), so a
//! dump shows where each statement starts without repeating the line on every row.
//!
//! The format is stable: tests assert on it. Change it deliberately and update them.

use crate::types::*;
use std::fmt::{self, Display, Formatter, Write as _};

/// The column where `; line N` comments start (when the instruction is shorter).
pub const LINE_COMMENT_COLUMN: usize = 42;

/// The text form of one function, ending with a newline.
pub fn function_to_string(f: &Function) -> String {
    f.to_string()
}

/// The text form of a module: its functions, separated by blank lines.
pub fn module_to_string(m: &Module) -> String {
    m.to_string()
}

impl Display for Module {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        for (i, func) in self.functions.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{func}")?;
        }
        Ok(())
    }
}

impl Display for FuncKind {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            FuncKind::Script => f.write_str("script"),
            FuncKind::Method => f.write_str("method"),
            FuncKind::Block { parent } => write!(f, "block of {parent}"),
            FuncKind::ClassBody => f.write_str("class_body"),
        }
    }
}

impl Display for Phase {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Phase::Ir0 => "ir0",
            Phase::Speculative => "speculative",
        })
    }
}

impl Display for Params {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "params(req={}, opt={}", self.required, self.optional)?;
        if self.auto_splat {
            f.write_str(", auto_splat")?;
        }
        f.write_str(")")
    }
}

/// Writes `items` separated by `", "`.
fn comma_list<T: Display>(
    f: &mut Formatter<'_>,
    items: impl IntoIterator<Item = T>,
) -> fmt::Result {
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write!(f, "{item}")?;
    }
    Ok(())
}

/// The header line of a function's text form, without a newline.
pub struct FunctionHeader<'a>(pub &'a Function);

impl Display for FunctionHeader<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let func = self.0;
        write!(
            f,
            "{} {} ({}, {}) {}:{} {}",
            func.id, func.name, func.kind, func.phase, func.file, func.line, func.params
        )?;
        f.write_str(" locals[")?;
        for (i, l) in func.locals.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{} {}", LocalId(i as u32), l.name)?;
        }
        f.write_str("]")?;
        if !func.scope.is_empty() {
            f.write_str(" scope[")?;
            comma_list(f, &func.scope)?;
            f.write_str("]")?;
        }
        if !func.lexical_path.is_empty() {
            f.write_str(" lexical[")?;
            f.write_str(&func.lexical_path.join("::"))?;
            f.write_str("]")?;
        }
        if func.entry != BlockId(0) {
            write!(f, " entry={}", func.entry)?;
        }
        if func.builtin {
            f.write_str(" builtin")?;
        }
        write!(f, " temps={} ipcs={}", func.next_temp, func.next_ipc)
    }
}

impl Display for Function {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", FunctionHeader(self))?;
        let mut last_line = None;
        let mut row = String::new();
        for b in &self.blocks {
            writeln!(f, "{}", BlockHeader(b))?;
            for inst in &b.insts {
                row.clear();
                write!(row, "  {inst}")?;
                if last_line != Some(inst.line) {
                    let width = row.chars().count();
                    let pad = LINE_COMMENT_COLUMN.saturating_sub(width).max(1);
                    row.extend(std::iter::repeat_n(' ', pad));
                    write!(row, "; line {}", inst.line)?;
                    last_line = Some(inst.line);
                }
                f.write_str(&row)?;
                f.write_str("\n")?;
            }
        }
        for (t, r) in &self.deleted.entries {
            writeln!(f, "deleted: {t} = {r}")?;
        }
        for a in &self.assumptions {
            writeln!(f, "assumes: {a}")?;
        }
        if let Some(osr) = &self.osr {
            write!(f, "osr entry: {} takes (", osr.header)?;
            comma_list(f, &osr.values)?;
            f.write_str(")\n")?;
        }
        Ok(())
    }
}

/// A block's header line: `bb1(%t5): handler bb4`.
struct BlockHeader<'a>(&'a Block);

impl Display for BlockHeader<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let b = self.0;
        write!(f, "{}", b.id)?;
        if !b.params.is_empty() {
            f.write_str("(")?;
            comma_list(f, &b.params)?;
            f.write_str(")")?;
        }
        f.write_str(":")?;
        if let Some(h) = b.handler {
            write!(f, " handler {h}")?;
        }
        Ok(())
    }
}

impl Display for Block {
    /// The block alone: its header and its instructions, one per line.
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", BlockHeader(self))?;
        for inst in &self.insts {
            writeln!(f, "  {inst}")?;
        }
        Ok(())
    }
}

impl Display for Inst {
    /// `@4 %t3 = call %t2.foo(%t1)` (no line comment: that is the function's business);
    /// an instruction of inlined code shows its inline context: `@4^2`.
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if self.inlined != 0 {
            write!(f, "{}^{} ", self.ipc, self.inlined)?;
        } else {
            write!(f, "{} ", self.ipc)?;
        }
        if let Some(d) = self.dst {
            write!(f, "{d} = ")?;
        }
        write!(f, "{}", self.kind)
    }
}

impl Display for BinOp {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            BinOp::Add => "add",
            BinOp::Sub => "sub",
            BinOp::Mul => "mul",
            BinOp::Div => "div",
            BinOp::Mod => "mod",
            BinOp::Pow => "pow",
            BinOp::Lt => "lt",
            BinOp::Le => "le",
            BinOp::Gt => "gt",
            BinOp::Ge => "ge",
            BinOp::Eq => "eq",
            BinOp::Ne => "ne",
            BinOp::Cmp => "cmp",
            BinOp::BitAnd => "bit_and",
            BinOp::BitOr => "bit_or",
            BinOp::BitXor => "bit_xor",
            BinOp::Shl => "shl",
            BinOp::Shr => "shr",
        })
    }
}

impl Display for UnOp {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            UnOp::Neg => "neg",
            UnOp::BitNot => "bit_not",
            UnOp::Not => "not",
        })
    }
}

impl Display for UnwindKind {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            UnwindKind::Raise => "raise",
            UnwindKind::Break => "break",
            UnwindKind::Return => "return",
        })
    }
}

/// Whether a symbol can be written bare after `:` (`:foo`, `:empty?`, `:x=`, `:+`).
fn is_plain_symbol(s: &str) -> bool {
    const OPERATORS: &[&str] = &[
        "+", "-", "*", "/", "%", "**", "==", "!=", "<", "<=", ">", ">=", "<=>", "===", "=~", "!",
        "~", "&", "|", "^", "<<", ">>", "[]", "[]=", "+@", "-@",
    ];
    if OPERATORS.contains(&s) {
        return true;
    }
    let body = s
        .strip_prefix("@@")
        .or_else(|| s.strip_prefix('@'))
        .or_else(|| s.strip_prefix('$'))
        .unwrap_or(s);
    let body = body.strip_suffix(['?', '!', '=']).unwrap_or(body);
    let mut chars = body.chars();
    match chars.next() {
        Some(c) if c.is_alphabetic() || c == '_' => chars.all(|c| c.is_alphanumeric() || c == '_'),
        _ => false,
    }
}

/// A float the way Ruby writes it for the special values, and with Rust's round-trip
/// digits otherwise (`1.0`, `-0.0`, `1e100`).
struct FloatText(f64);

impl Display for FloatText {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let v = self.0;
        if v.is_nan() {
            f.write_str("NaN")
        } else if v.is_infinite() {
            f.write_str(if v > 0.0 { "Infinity" } else { "-Infinity" })
        } else {
            write!(f, "{v:?}")
        }
    }
}

impl Display for Const {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Const::Nil => f.write_str("nil"),
            Const::True => f.write_str("true"),
            Const::False => f.write_str("false"),
            Const::Int(i) => write!(f, "{i}"),
            Const::BigInt(s) => write!(f, "bigint {s}"),
            Const::Float(v) => write!(f, "{}", FloatText(*v)),
            Const::Str(s) => write!(f, "{s:?}"),
            Const::Sym(s) if is_plain_symbol(s) => write!(f, ":{s}"),
            Const::Sym(s) => write!(f, ":{s:?}"),
        }
    }
}

impl Display for BlockCall {
    /// `bb1(%t2, %t3)`, or `bb1` with no arguments.
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.block)?;
        if !self.args.is_empty() {
            f.write_str("(")?;
            comma_list(f, &self.args)?;
            f.write_str(")")?;
        }
        Ok(())
    }
}

impl Display for GuardCheck {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            GuardCheck::Class(t, c) => write!(f, "class {t} == {c}"),
            GuardCheck::IsFixnum(t) => write!(f, "is_fixnum {t}"),
            GuardCheck::IsFloat(t) => write!(f, "is_float {t}"),
            GuardCheck::Method {
                recv,
                class,
                name,
                func,
            } => {
                write!(f, "method {recv}: {class}#{name} is {func}")
            }
            GuardCheck::Assumptions => f.write_str("assumptions"),
        }
    }
}

impl Display for Assumption {
    /// `Integer#*` (a core method still the builtin), `class7#area is fn12`.
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Assumption::Builtin { class, name } => write!(f, "{class:?}#{name}"),
            Assumption::Method { class, name, func } => write!(f, "{class}#{name} is {func}"),
            Assumption::Reader { class, name, ivar } => {
                write!(f, "{class}#{name} reads {ivar}")
            }
        }
    }
}

impl Display for DeoptReason {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DeoptReason::TypeGuard => "type_guard",
            DeoptReason::ClassGuard => "class_guard",
            DeoptReason::Overflow => "overflow",
            DeoptReason::MethodRedefined => "method_redefined",
            DeoptReason::Invalidated => "invalidated",
        })
    }
}

impl Display for InlineFrame {
    /// `fn2@4`: callee `fn2`, inlined at call site `@4` of its caller.
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.callee, self.call_site)
    }
}

impl Display for ResumePoint {
    /// `resume @7 (type_guard) [fn2@4 > fn5@1]`; the chain is left out when empty.
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "resume {} ({})", self.ipc, self.reason)?;
        if !self.inline_chain.is_empty() {
            f.write_str(" [")?;
            for (i, fr) in self.inline_chain.iter().enumerate() {
                if i > 0 {
                    f.write_str(" > ")?;
                }
                write!(f, "{fr}")?;
            }
            f.write_str("]")?;
        }
        if !self.frames.is_empty() {
            f.write_str(" frames ")?;
            for (i, fr) in self.frames.iter().enumerate() {
                if i > 0 {
                    f.write_str(" > ")?;
                }
                write!(f, "{fr}")?;
            }
        }
        Ok(())
    }
}

impl Display for FrameValue {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            FrameValue::Nil => f.write_str("nil"),
            FrameValue::VersionSelf => f.write_str("self"),
            FrameValue::VersionBlock => f.write_str("block"),
            FrameValue::VersionOuter => f.write_str("outer"),
            FrameValue::Temp(t) => write!(f, "{t}"),
            FrameValue::Local(l) => write!(f, "{l}"),
            FrameValue::Scope { id, parent, slots } => {
                write!(f, "scope#{id}(parent {parent}; ")?;
                comma_list(f, slots)?;
                f.write_str(")")
            }
            FrameValue::Block {
                id,
                func,
                self_val,
                scope,
                home_block,
                home,
            } => {
                write!(f, "block#{id}({func}, self {self_val}, scope {scope}, block {home_block}, home frame {home})")
            }
        }
    }
}

impl Display for FrameState {
    /// `fn3@7 {self %t0, $0=%t5, %t2=%t9}`
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}{} {{self {}", self.func, self.ipc, self.self_val)?;
        if self.block != FrameValue::Nil {
            write!(f, ", block {}", self.block)?;
        }
        if self.outer_scope != FrameValue::Nil {
            write!(f, ", outer {}", self.outer_scope)?;
        }
        if self.block_obj != FrameValue::Nil {
            write!(
                f,
                ", block_obj {}, home frame {}",
                self.block_obj, self.home
            )?;
        }
        for (l, v) in &self.locals {
            write!(f, ", {l}={v}")?;
        }
        for (t, v) in &self.temps {
            write!(f, ", {t}={v}")?;
        }
        f.write_str("}")
    }
}

impl Display for Rebuild {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Rebuild::Const(c) => write!(f, "const {c}"),
            Rebuild::Temp(t) => write!(f, "copy {t}"),
            Rebuild::BoxInt(t) => write!(f, "box_int {t}"),
            Rebuild::BoxFloat(t) => write!(f, "box_float {t}"),
        }
    }
}

impl Display for DeletedTemps {
    /// One `deleted: %t7 = box_int %t9` line per entry, each ending with a newline.
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        for (t, r) in &self.entries {
            writeln!(f, "deleted: {t} = {r}")?;
        }
        Ok(())
    }
}

impl Display for InstKind {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        use InstKind::*;
        match self {
            Const(c) => write!(f, "const {c}"),
            Copy(t) => write!(f, "copy {t}"),
            SelfRef => f.write_str("self"),
            Arg(i) => write!(f, "arg {i}"),
            ArgGiven(n) => write!(f, "arg_given {n}"),

            LoadLocal(l) => write!(f, "load {l}"),
            StoreLocal(l, t) => write!(f, "store {l}, {t}"),
            ScopeNew => f.write_str("scope_new"),
            ScopeNewIn {
                parent: Some(p),
                size,
            } => write!(f, "scope_new_in {p}, {size}"),
            ScopeNewIn { parent: None, size } => write!(f, "scope_new_in nil, {size}"),
            ScopeOuter(d) => write!(f, "scope_outer {d}"),
            ScopeLoad { scope, slot } => write!(f, "scope_load {scope}[{slot}]"),
            ScopeStore { scope, slot, value } => write!(f, "scope_store {scope}[{slot}], {value}"),
            IvarGet { obj, name } => write!(f, "ivar_get {obj}.{name}"),
            IvarSet { obj, name, value } => write!(f, "ivar_set {obj}.{name}, {value}"),
            IvarLoad { obj, name, slot } => write!(f, "ivar_load {obj}.{name} [slot {slot}]"),
            IvarStore {
                obj,
                name,
                slot,
                value,
            } => write!(f, "ivar_store {obj}.{name} [slot {slot}], {value}"),
            UnboxInt(t) => write!(f, "unbox_int {t}"),
            UnboxFloat(t) => write!(f, "unbox_float {t}"),
            BoxInt(t) => write!(f, "box_int {t}"),
            BoxFloat(t) => write!(f, "box_float {t}"),
            ConstI64(i) => write!(f, "i64 {i}"),
            ConstF64(x) => write!(f, "f64 {}", FloatText(*x)),
            IntOp { op, a, b, resume } => write!(
                f,
                "i{} {a}, {b} -> {resume}",
                format!("{op:?}").to_lowercase()
            ),
            IntCmp { op, a, b } => write!(f, "i{} {a}, {b}", format!("{op:?}").to_lowercase()),
            FloatOp { op, a, b } => write!(f, "f{} {a}, {b}", format!("{op:?}").to_lowercase()),
            FloatCmp { op, a, b } => write!(f, "f{} {a}, {b}", format!("{op:?}").to_lowercase()),
            IntToFloat(t) => write!(f, "i2f {t}"),
            OsrLoad(t) => write!(f, "osr_load {t}"),
            ConstGet(name) => write!(f, "const_get {name}"),
            ConstGetFrom(t, name) => write!(f, "const_get {t}::{name}"),
            ConstSet(name, t) => write!(f, "const_set {name}, {t}"),

            Binary(op, a, b) => write!(f, "{op} {a}, {b}"),
            Unary(op, t) => write!(f, "{op} {t}"),
            Truthy(t) => write!(f, "truthy {t}"),

            NewArray(v) => {
                f.write_str("array [")?;
                comma_list(f, v)?;
                f.write_str("]")
            }
            Interp(v) => {
                f.write_str("interp [")?;
                comma_list(f, v)?;
                f.write_str("]")
            }
            ToArray(t) => write!(f, "to_array {t}"),
            ArrayAt(t, i) => write!(f, "array_at {t}[{i}]"),
            ArrayGet { array, index } => write!(f, "array_get {array}[{index}]"),
            ArraySet {
                array,
                index,
                value,
            } => write!(f, "array_set {array}[{index}] = {value}"),

            Call(c) => {
                f.write_str("call ")?;
                if let Some(r) = c.recv {
                    write!(f, "{r}.")?;
                }
                // A vcall (bare `foo`) has no parentheses; if one has arguments anyway (the
                // verifier rejects that), they print with a `vcall` marker.
                f.write_str(&c.name)?;
                if !c.vcall || !c.args.is_empty() {
                    f.write_str("(")?;
                    comma_list(f, &c.args)?;
                    f.write_str(")")?;
                    if c.vcall {
                        f.write_str(" vcall")?;
                    }
                }
                if let Some(b) = c.block {
                    write!(f, " &{b}")?;
                }
                Ok(())
            }
            Super(s) => {
                match &s.args {
                    Some(args) => {
                        f.write_str("super(")?;
                        comma_list(f, args)?;
                        f.write_str(")")?;
                    }
                    None => f.write_str("zsuper")?,
                }
                if let Some(b) = s.block {
                    write!(f, " &{b}")?;
                }
                Ok(())
            }
            Yield(v) => {
                f.write_str("yield(")?;
                comma_list(f, v)?;
                f.write_str(")")
            }
            BlockGiven => f.write_str("block_given"),
            MakeBlock { func, scope } => {
                write!(f, "make_block {func}")?;
                if let Some(s) = scope {
                    write!(f, ", scope {s}")?;
                }
                Ok(())
            }

            DefMethod {
                name,
                func,
                singleton,
            } => {
                let prefix = if *singleton { "self." } else { "" };
                write!(f, "def_method {prefix}{name} = {func}")
            }
            DefClass {
                name,
                superclass,
                body,
            } => {
                write!(f, "def_class {name}")?;
                if let Some(s) = superclass {
                    write!(f, " < {s}")?;
                }
                write!(f, ", body {body}")
            }
            Alias { new, old } => write!(f, "alias {new} {old}"),

            CatchUnwind => f.write_str("catch_unwind"),
            UnwindMatches { unwind, classes } => {
                write!(f, "unwind_matches {unwind}, [")?;
                comma_list(f, classes)?;
                f.write_str("]")
            }
            UnwindException(t) => write!(f, "unwind_exception {t}"),

            Jump(bc) => write!(f, "jump {bc}"),
            Branch { cond, then_, else_ } => write!(f, "branch {cond}, {then_}, {else_}"),
            Return(t) => write!(f, "return {t}"),
            BlockBreak(t) => write!(f, "break {t}"),
            NonLocalReturn(t) => write!(f, "nonlocal_return {t}"),
            Resume(t) => write!(f, "resume_unwind {t}"),
            Unreachable => f.write_str("unreachable"),

            Guard { check, resume } => write!(f, "guard {check} -> {resume}"),
        }
    }
}
