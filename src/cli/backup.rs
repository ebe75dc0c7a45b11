//! (Being built.)

use super::{Failure, Session};

#[derive(Debug, Clone, clap::Args)]
pub struct Args {}

pub fn run(_session: &mut Session, _args: &Args) -> Result<(), Failure> {
    Err(Failure::Failed("not built yet".into()))
}

#[derive(Debug, Clone, clap::Args)]
pub struct RestoreArgs {}

pub fn restore(_session: &mut Session, _args: &RestoreArgs) -> Result<(), Failure> {
    Err(Failure::Failed("not built yet".into()))
}
