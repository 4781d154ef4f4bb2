//! rebound's passes and the machinery that runs them.
//!
//! - [`manager`]: the pass registry (name -> pass), [`PassManager`] (a pipeline built from
//!   a list or a spec string such as `"copyprop,constfold,dce"`, with verify-each and IR
//!   dumps between passes), and [`IR0_PIPELINE`], the conservative pipeline that makes
//!   IR0;
//! - [`dump`]: [`DumpDir`], the `--dump-dir` writer of RON and text dumps, reusable by
//!   the engine;
//! - [`conservative`]: the passes of the IR0 pipeline (`copyprop`, `constfold`, `dce`,
//!   `simplifycfg`), one per file, each documenting what it assumes and guarantees;
//! - [`speculative`]: the passes that build optimized versions (`mem2reg`, `scopeelim`,
//!   `unbox`, ...), which the pass manager refuses to run on IR0;
//! - [`edit`]: small helpers the passes share (substituting temps, predecessor edges).
//!
//! A pass is one type implementing [`ir::pass::Pass`]; registering it in
//! [`Registry::builtin`] makes it usable in pipeline specs.

pub mod conservative;
pub mod dump;
pub mod edit;
pub mod manager;
pub mod speculative;

pub use dump::{DumpDir, DumpError, IrDump};
pub use manager::{
    ir0_pipeline, registry, PassEntry, PassManager, PassStep, PipelineError, PipelineReport,
    Registry, IR0_PIPELINE, SPECULATIVE_PIPELINE,
};
