//! `klachtdesk bench`: generates queues of 1,000, 10,000 and 100,000 cases and
//! measures the board on them; `klachtdesk bench desk` measures the shared
//! desk with scripted operators. See BENCHMARKS.md. Run it in a release build.

use std::path::{Path, PathBuf};

use super::{Failure, Session};
use crate::bench::desk::DeskPlan;
use crate::bench::{self, Amounts, Plan};

#[derive(Debug, Clone, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    mode: Option<Mode>,
    /// Queue sizes to measure, in cases
    #[arg(long, value_delimiter = ',', default_value = "1000,10000,100000")]
    sizes: Vec<usize>,
    /// Measurements per size; the table shows each figure's median
    #[arg(long, default_value_t = 1)]
    runs: usize,
    /// Also write the table to this file
    #[arg(long, value_name = "PATH")]
    out: Option<PathBuf>,
    /// Key presses measured on the board
    #[arg(long, default_value_t = 200)]
    presses: usize,
    /// Saves measured
    #[arg(long, default_value_t = 200)]
    saves: usize,
    /// How often the search queries are typed
    #[arg(long, default_value_t = 3)]
    search_rounds: usize,
    /// Where the generated databases go [default: the temporary folder]; with
    /// --generate or --one, the database itself
    #[arg(long, value_name = "PATH")]
    dir: Option<PathBuf>,
    /// Generate a queue of this many cases in --dir (a step of the benchmark)
    #[arg(long, hide = true, value_name = "CASES", conflicts_with = "one")]
    generate: Option<usize>,
    /// Measure the queue in --dir in this process (a step of the benchmark)
    #[arg(long, hide = true, value_name = "CASES")]
    one: Option<usize>,
    /// With --one: only open the queue and read its records undecoded
    #[arg(long, hide = true, requires = "one")]
    sled_alone: bool,
}

#[derive(Debug, Clone, clap::Subcommand)]
enum Mode {
    /// The shared desk: `klachtdesk serve` with scripted operators attached
    Desk(DeskArgs),
}

#[derive(Debug, Clone, clap::Args)]
struct DeskArgs {
    /// Terminals attached to the desk at once (at least 2)
    #[arg(long, default_value_t = 20)]
    sessions: usize,
    /// Cases in the generated queue
    #[arg(long, default_value_t = 10_000)]
    size: usize,
    /// Changes whose arrival on every board is timed
    #[arg(long, default_value_t = 50)]
    changes: usize,
    /// Calls of each kind timed through the desk
    #[arg(long, default_value_t = 50)]
    calls: usize,
    /// Runs of each klachtdesk command timed, with and without the desk
    #[arg(long, default_value_t = 20)]
    processes: usize,
    /// Where the generated database goes [default: the temporary folder]
    #[arg(long, value_name = "PATH")]
    dir: Option<PathBuf>,
    /// Attach the terminals over SSH (the desk listens on 127.0.0.1 at a free port)
    #[arg(long)]
    ssh: bool,
    /// Also write the table to this file
    #[arg(long, value_name = "PATH")]
    out: Option<PathBuf>,
}

pub fn run(_session: &mut Session, args: &Args) -> Result<(), Failure> {
    if let Some(Mode::Desk(desk)) = &args.mode {
        return run_desk(desk);
    }
    let amounts = Amounts {
        presses: args.presses,
        saves: args.saves,
        search_rounds: args.search_rounds,
    };
    let step_dir = || {
        args.dir
            .clone()
            .ok_or_else(|| Failure::Refused("--generate and --one need --dir".into()))
    };
    if let Some(n) = args.generate {
        let events = bench::generate(n, &step_dir()?).map_err(Failure::Failed)?;
        println!("generated {n} cases with {events} events");
        return Ok(());
    }
    if args.one.is_some() {
        let row = if args.sled_alone {
            bench::measure::sled_alone(&step_dir()?)
        } else {
            bench::measure::measure(&step_dir()?, amounts)
        }
        .map_err(Failure::Failed)?;
        println!("{}", row.to_line());
        return Ok(());
    }
    if args.sizes.is_empty() || args.runs == 0 {
        return Err(Failure::Refused("nothing to measure".into()));
    }
    let plan = Plan {
        sizes: args.sizes.clone(),
        runs: args.runs,
        amounts,
        dir: args.dir.clone(),
    };
    let machine = bench::machine();
    eprintln!("klachtdesk bench: {machine}");
    let results = bench::run(&plan, &mut |line| eprintln!("  {line}")).map_err(Failure::Failed)?;
    let table = bench::report::table(&results);
    println!("{table}");
    if let Some(path) = &args.out {
        let text = format!(
            "klachtdesk bench --sizes {} --runs {}\n{machine} at the start\n\n{table}",
            args.sizes
                .iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(","),
            args.runs,
        );
        write(path, &text)?;
    }
    Ok(())
}

fn run_desk(args: &DeskArgs) -> Result<(), Failure> {
    if args.sessions < 2 {
        return Err(Failure::Refused(
            "--sessions must be at least 2: the memory of an extra session is measured".into(),
        ));
    }
    if args.size == 0 || args.changes == 0 || args.calls == 0 || args.processes == 0 {
        return Err(Failure::Refused(
            "--size, --changes, --calls and --processes must be at least 1".into(),
        ));
    }
    let plan = DeskPlan {
        size: args.size,
        sessions: args.sessions,
        changes: args.changes,
        calls: args.calls,
        processes: args.processes,
        dir: args.dir.clone(),
        over_ssh: args.ssh,
    };
    let machine = bench::machine();
    eprintln!("klachtdesk bench desk: {machine}");
    let measured = bench::desk::run(&plan, &mut |line| eprintln!("  {line}")).map_err(Failure::Failed)?;
    let table = bench::desk::report::table(&measured.row, &measured.transport);
    let ended = bench::machine();
    println!("{table}");
    eprintln!("at the end: {ended}");
    if let Some(path) = &args.out {
        let text = format!(
            "klachtdesk bench desk --sessions {} --size {} --changes {} --calls {} --processes {}{}\n\
             at the start: {machine}\nat the end: {ended}\n\n{table}",
            args.sessions,
            args.size,
            args.changes,
            args.calls,
            args.processes,
            if args.ssh { " --ssh" } else { "" },
        );
        write(path, &text)?;
    }
    Ok(())
}

fn write(path: &Path, text: &str) -> Result<(), Failure> {
    std::fs::write(path, text).map_err(|e| Failure::Failed(format!("{}: {e}", path.display())))
}
