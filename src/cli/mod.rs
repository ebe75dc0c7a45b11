//! The command line: the same store and domain calls the board uses, for
//! scripts and quick work.

mod add;
mod backup;
mod bench;
mod board;
mod calendar;
mod daily;
mod doctor;
mod export;
mod failure;
mod follow;
mod import;
mod json;
mod letter;
mod list;
mod move_options;
mod moves;
mod output;
mod privacy;
mod report;
mod serve;
mod serve_ssh;
mod session;
mod show;
mod text;
mod writings;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use failure::Failure;
pub use session::{Global, Session};

/// A terminal case manager for a complaint desk.
#[derive(Debug, Parser)]
#[command(name = "klachtdesk", version, about, long_about = None)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Option<Cmd>,
}

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Register a new complaint; prints its case number
    Add(add::AddArgs),
    /// List cases (open ones unless --state or --all says otherwise)
    List(list::ListArgs),
    /// Show one case: its fields, deadlines, contact log and audit trail
    Show(show::ShowArgs),
    /// Move a case to another state of the procedure
    Move(moves::MoveArgs),
    /// Log a call, e-mail or note on a case
    Log(moves::LogArgs),
    /// The working-day calendar the deadlines are counted in
    #[command(subcommand)]
    Calendar(calendar::CalendarCmd),
    /// Figures for a period: complaints, deadlines met, satisfaction, root causes
    Report(report::Args),
    /// A letter or e-mail to the complainant, filled in from a template
    Letter(letter::Args),
    /// Export cases as JSON (complete) or CSV (one row per case)
    Export(export::Args),
    /// Import cases from a JSON export; a bad file changes nothing
    Import(import::Args),
    /// Write a consistent copy of the database
    Backup(backup::Args),
    /// Restore the database from a backup, or the newest automatic one (--latest)
    Restore(backup::RestoreArgs),
    /// Check the database and repair what can be repaired safely
    Doctor(doctor::Args),
    /// Anonymise the personal data of cases closed longer ago than the retention period
    Purge(privacy::Args),
    /// Everything held about one person (right of access), or erase it
    #[command(subcommand)]
    Subject(privacy::SubjectCmd),
    /// Run the desk: hold the database and draw every operator's board
    Serve(serve::Args),
    /// Print every change to the queue as it happens (needs a running desk)
    Follow(follow::Args),
    /// Measure the board's speed on generated queues
    #[command(hide = true)]
    Bench(bench::Args),
}

/// Parses the command line. Help and version are printed as clap renders them;
/// a usage mistake is one line saying what is wrong, and exit code 2.
pub fn parse() -> Result<Cli, ExitCode> {
    use clap::error::ErrorKind;
    Cli::try_parse().map_err(|e| match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            ExitCode::SUCCESS
        }
        _ => {
            let rendered = e.render().to_string();
            let first = rendered
                .lines()
                .next()
                .unwrap_or("")
                .trim_start_matches("error:")
                .trim();
            let lang = crate::config::Config::default().language(|v| std::env::var(v).ok());
            Failure::Refused(format!("{first} ({})", lang.t(crate::i18n::T::SeeHelp))).report()
        }
    })
}

/// Runs the command line and turns its outcome into an exit code.
pub fn run(cli: Cli) -> ExitCode {
    match dispatch(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => failure.report(),
    }
}

fn dispatch(cli: Cli) -> Result<(), Failure> {
    let mut session = Session::new(&cli.global)?;
    match cli.command {
        Some(Cmd::Add(args)) => add::run(&mut session, &args),
        Some(Cmd::List(args)) => list::run(&mut session, &args),
        Some(Cmd::Show(args)) => show::run(&mut session, &args),
        Some(Cmd::Move(args)) => moves::run_move(&mut session, &args),
        Some(Cmd::Log(args)) => moves::run_log(&mut session, &args),
        Some(Cmd::Calendar(cmd)) => calendar::run(&mut session, &cmd),
        Some(Cmd::Report(args)) => report::run(&mut session, &args),
        Some(Cmd::Letter(args)) => letter::run(&mut session, &args),
        Some(Cmd::Export(args)) => export::run(&mut session, &args),
        Some(Cmd::Import(args)) => import::run(&mut session, &args),
        Some(Cmd::Backup(args)) => backup::run(&mut session, &args),
        Some(Cmd::Restore(args)) => backup::restore(&mut session, &cli.global, &args),
        Some(Cmd::Doctor(args)) => doctor::run(&mut session, &cli.global, &args),
        Some(Cmd::Purge(args)) => privacy::run(&mut session, &args),
        Some(Cmd::Subject(cmd)) => privacy::subject(&mut session, &cmd),
        Some(Cmd::Serve(args)) => serve::run(&mut session, &args),
        Some(Cmd::Follow(args)) => follow::run(&mut session, &args),
        Some(Cmd::Bench(args)) => bench::run(&mut session, &args),
        None => board::run(&mut session),
    }
}
