//! `klachtdesk add`: register a complaint.

use super::{Failure, Session};
use crate::domain::case::Channel;
use crate::domain::intake::Intake;
use crate::domain::problem::{Field, Problem};
use crate::domain::when::parse_moment;
use crate::i18n::{T, datetime};

#[derive(Debug, Clone, clap::Args)]
pub struct AddArgs {
    /// The complainant's name
    #[arg(long, default_value = "")]
    name: String,
    /// Their phone number (this or --email is required)
    #[arg(long, default_value = "")]
    phone: String,
    /// Their e-mail address
    #[arg(long, default_value = "")]
    email: String,
    /// Their organisation
    #[arg(long, default_value = "")]
    org: String,
    /// The service the complaint is about (from the catalogue)
    #[arg(long, default_value = "")]
    service: String,
    /// How the complaint came in
    #[arg(long, value_enum, default_value_t = ChannelArg::Phone)]
    channel: ChannelArg,
    /// When the complaint was made, local time [default: now]
    #[arg(long, value_name = "DATETIME")]
    date: Option<String>,
    /// What the complaint is about
    #[arg(long, default_value = "")]
    description: String,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum ChannelArg {
    Phone,
    Email,
    ContactPerson,
}

impl From<ChannelArg> for Channel {
    fn from(c: ChannelArg) -> Self {
        match c {
            ChannelArg::Phone => Channel::Phone,
            ChannelArg::Email => Channel::Email,
            ChannelArg::ContactPerson => Channel::ContactPerson,
        }
    }
}

pub fn run(session: &mut Session, args: &AddArgs) -> Result<(), Failure> {
    let lang = session.lang;
    let complained_at = match &args.date {
        None => None,
        Some(text) => Some(
            parse_moment(text, session.now, &session.rules.policy).ok_or_else(|| {
                Failure::refusal(
                    lang,
                    &Problem::BadMoment {
                        field: Field::ComplainedAt,
                        given: text.clone(),
                    }
                    .into(),
                )
            })?,
        ),
    };
    let intake = Intake {
        name: args.name.clone(),
        phone: args.phone.clone(),
        email: args.email.clone(),
        organisation: args.org.clone(),
        service: args.service.clone(),
        channel: args.channel.into(),
        complained_at,
        description: args.description.clone(),
    };
    let desk = session.desk()?;
    let case = desk
        .register(&intake, &session.ctx())
        .map_err(|e| Failure::command(lang, &e))?;
    let policy = &session.rules.policy;
    let due = policy.due(case.complained_at, policy.acknowledge_days);
    println!("{}", case.id);
    eprintln!("{}", lang.fill(T::Registered, &[("id", &case.id)]));
    eprintln!(
        "{}",
        lang.fill(T::AckDue, &[("date", &datetime(lang, due.deadline))])
    );
    Ok(())
}
