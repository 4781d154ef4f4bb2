//! The conservative passes: the IR0 pipeline's. None of them assumes anything about the
//! running program (no method is assumed unredefined, no profile is read), so their output
//! is safe to run and is the deopt target.

pub mod constfold;
pub mod copyprop;
pub mod dce;
pub mod simplifycfg;

pub use constfold::ConstFold;
pub use copyprop::CopyProp;
pub use dce::Dce;
pub use simplifycfg::SimplifyCfg;
