//! (Being built.)

use super::{Failure, Session};

#[derive(Debug, Clone, clap::Args)]
pub struct Args {}

pub fn run(_session: &mut Session, _args: &Args) -> Result<(), Failure> {
    Err(Failure::Failed("not built yet".into()))
}

#[derive(Debug, Clone, clap::Subcommand)]
pub enum SubjectCmd {
    /// Everything held about one person
    Export(Args),
    /// Anonymise everything held about one person
    Erase(Args),
}

pub fn subject(_session: &mut Session, _cmd: &SubjectCmd) -> Result<(), Failure> {
    Err(Failure::Failed("not built yet".into()))
}
