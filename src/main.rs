//! klachtdesk: parse the command line, install the error report hooks, dispatch.

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match klachtdesk::cli::parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    if let Err(e) = color_eyre::install() {
        eprintln!("klachtdesk: {e}");
    }
    klachtdesk::cli::run(cli)
}
