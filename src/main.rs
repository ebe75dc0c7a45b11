//! klachtdesk: parse the command line, dispatch.

use std::process::ExitCode;

fn main() -> ExitCode {
    // Everything the desk writes holds personal data: the database, backups,
    // exports, letters. Nobody but the operator may read what it creates.
    rustix::process::umask(rustix::fs::Mode::from_raw_mode(0o077));
    let cli = match klachtdesk::cli::parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    klachtdesk::cli::run(cli)
}
