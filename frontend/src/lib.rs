//! rebound's frontend: the lexer and parser for core Ruby (LANGUAGE.md), the AST they
//! produce, and the lowering of that AST to IR0 (the "full build").
//!
//! Errors are values naming the place (`file:line:col`); the frontend never panics on bad
//! input.

pub mod ast;
pub mod lexer;
pub mod parser;
