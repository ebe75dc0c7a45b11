//! The entries: key, English, Dutch.

use super::Lang;

macro_rules! catalogue {
    ($($key:ident => $en:literal, $nl:literal;)*) => {
        /// A catalogue entry.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum T { $($key),* }

        impl T {
            pub const ALL: &'static [T] = &[$(T::$key),*];

            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((T::$key, Lang::En) => $en, (T::$key, Lang::Nl) => $nl,)*
                }
            }
        }
    };
}

catalogue! {
    // Output safety and file permissions.
    OutputFailed => "cannot write to standard output: {reason}", "kan niet naar de standaarduitvoer schrijven: {reason}";
    FileExists => "{path} exists already", "{path} bestaat al";
    FileIsSymlink => "{path} is a symbolic link, which klachtdesk never writes through; choose another file name", "{path} is een symbolische koppeling, waar klachtdesk nooit doorheen schrijft; kies een andere bestandsnaam";
    FileExistsUseForce => "{path} exists already; nothing was written. Add --force to replace it.", "{path} bestaat al; er is niets geschreven. Voeg --force toe om het te vervangen.";
    ReplaceAsk => "{path} exists already. Replace it? {yes} yes · {no} no", "{path} bestaat al. Vervangen? {yes} ja · {no} nee";
    ReplaceKept => "Nothing written: {path} is kept as it was.", "Niets geschreven: {path} blijft zoals het was.";
    // States of the procedure.
    StateReceived => "Received", "Ontvangen";
    StateAcknowledged => "Acknowledged", "Ontvangst bevestigd";
    StateInTreatment => "In treatment", "In behandeling";
    StateWaiting => "Waiting for information", "Wacht op informatie";
    StateOutcome => "Outcome communicated", "Uitkomst gecommuniceerd";
    StateClosed => "Closed", "Afgesloten";
    StateNotAdmissible => "Not admissible", "Niet ontvankelijk";
    Withdrawn => "withdrawn", "ingetrokken";

    // Input sanity and signals.
    ProblemNotOneLine => "{field} must be one line: no line breaks, tabs or other control characters.", "{field} moet één regel zijn: geen regeleinden, tabs of andere stuurtekens.";
    ProblemCaseNumberOutOfRange => "{id} is not a case number the desk gives: they run from K-2000-0001 to K-2099-{max} (years 2000 to 2099, at most {max} a year).", "{id} is geen klachtnummer dat de desk uitgeeft: die lopen van K-2000-0001 tot K-2099-{max} (jaren 2000 tot en met 2099, hoogstens {max} per jaar).";
    ProblemNumbersUsedUp => "No case numbers of {year} are left (the last is K-{year}-{max}), so nothing was registered; an import that took the highest numbers is the likely cause.", "Er zijn geen klachtnummers van {year} meer over (het laatste is K-{year}-{max}), dus er is niets geregistreerd; waarschijnlijk heeft een import de hoogste nummers genomen.";
    DbIsAFile => "{path} is a file, not a database folder; give --db a folder (a new one is made if it does not exist)", "{path} is een bestand, geen databasemap; geef --db een map (een nieuwe wordt gemaakt als die nog niet bestaat)";
    BoardNeedsTerminal => "the board needs a terminal: its input and output must both be one. In scripts use the subcommands: list, show, add, move, log, export (see klachtdesk --help).", "het bord heeft een terminal nodig: invoer en uitvoer moeten er allebei een zijn. Gebruik in scripts de subopdrachten: list, show, add, move, log, export (zie klachtdesk --help).";

    // Steps.
    StepAcknowledge => "Acknowledge receipt", "Ontvangst bevestigen";
    StepTakeIntoTreatment => "Admissible: take into treatment", "Ontvankelijk: in behandeling nemen";
    StepDeclareNotAdmissible => "Not admissible: send justification", "Niet ontvankelijk: onderbouwing sturen";
    StepRequestInformation => "Request information", "Informatie opvragen";
    StepInformationReceived => "Information received", "Informatie ontvangen";
    StepCommunicateOutcome => "Communicate the outcome", "Uitkomst communiceren";
    StepClose => "Close", "Afsluiten";
    StepReopen => "Reopen: complainant not satisfied", "Heropenen: klager niet tevreden";
    StepWithdraw => "Withdraw", "Intrekken";
    StepAssignHandler => "Assign handler", "Behandelaar toewijzen";
    StepSetInvolved => "Involve staff", "Medewerkers betrekken";
    StepLogContact => "Log a call, e-mail or note", "Gesprek, e-mail of notitie vastleggen";
StepEdit => "Edit", "Bewerken";
    StepAnonymise => "Personal data removed", "Persoonsgegevens verwijderd";
    // What a save did, for the flash.
    DoneSaved => "Saved {id}.", "{id} opgeslagen.";
    DoneAcknowledge => "Acknowledged receipt of {id}.", "Ontvangst van {id} bevestigd.";
    DoneTakeIntoTreatment => "{id} is admissible and in treatment.", "{id} is ontvankelijk en in behandeling.";
    DoneNotAdmissible => "{id} declared not admissible.", "{id} niet ontvankelijk verklaard.";
    DoneRequestInformation => "Information requested for {id}: its outcome clock waits.", "Informatie opgevraagd voor {id}: de uitkomstklok wacht.";
    DoneInformationReceived => "Information received for {id}: its outcome clock runs again.", "Informatie ontvangen voor {id}: de uitkomstklok loopt weer.";
    DoneOutcome => "Outcome of {id} communicated.", "Uitkomst van {id} gecommuniceerd.";
    DoneClose => "{id} closed.", "{id} afgesloten.";
    DoneReopen => "{id} reopened.", "{id} heropend.";
    DoneWithdraw => "{id} withdrawn.", "{id} ingetrokken.";
    DoneHandler => "Handler of {id} saved.", "Behandelaar van {id} opgeslagen.";
    DoneInvolved => "Staff involved in {id} saved.", "Betrokken medewerkers van {id} opgeslagen.";
    DoneLogCall => "Logged a call on {id}.", "Gesprek vastgelegd bij {id}.";
    DoneLogEmail => "Logged an e-mail on {id}.", "E-mail vastgelegd bij {id}.";
    DoneLogNote => "Logged a note on {id}.", "Notitie vastgelegd bij {id}.";
    DoneEdit => "{fields} saved on {id}.", "{fields} opgeslagen bij {id}.";
    DoneAnonymise => "Personal data of {id} removed.", "Persoonsgegevens van {id} verwijderd.";
    DoneUndo => "Took back the last change of {id}.", "Laatste wijziging van {id} teruggedraaid.";
    Registration => "Registered", "Geregistreerd";

    // Conflicts between operators.
    ProblemConflict => "{by} changed {field} at {time} to “{theirs}”: take theirs, or save yours over it.", "{by} heeft {field} om {time} gewijzigd in “{theirs}”: neem die over, of sla de uwe eroverheen op.";
    ProblemConflictEmptied => "{by} emptied {field} at {time}: take that, or save yours over it.", "{by} heeft {field} om {time} leeggemaakt: neem dat over, of sla de uwe eroverheen op.";
    // Doctor and automatic backups.
    BackupReadFailed => "cannot read {path}: {reason}", "kan {path} niet lezen: {reason}";
    BackupDamaged => "the backup {path} is damaged ({reason}); nothing was restored: choose another backup", "de reservekopie {path} is beschadigd ({reason}); er is niets teruggezet: kies een andere reservekopie";
    RestoreOverDamaged => "the database at {path} cannot be read, so it may hold cases the backup does not; restoring sets it aside beside it, removing nothing. Add --force to do so", "de database in {path} is onleesbaar en kan dus klachten bevatten die niet in de reservekopie staan; terugzetten zet hem ernaast opzij, zonder iets te verwijderen. Voeg --force toe om dat te doen";
    RestoreLatestDone => "Restored {count} cases from the automatic backup of {date} ({from}) into {path}.", "{count} klachten teruggezet uit de automatische reservekopie van {date} ({from}) in {path}.";
    RestoreDamagedKept => "The database that could not be read was set aside in {path}; remove it once you are sure nothing in it is missing.", "De onleesbare database staat nu opzij in {path}; verwijder die pas als u zeker weet dat er niets uit ontbreekt.";
    NoDailyBackup => "there is no automatic backup of {path} in {dir}; restore a backup of your own with `klachtdesk restore PATH`", "er is geen automatische reservekopie van {path} in {dir}; zet een eigen reservekopie terug met `klachtdesk restore PATH`";
    DailyBackupFailed => "warning: the automatic backup could not be made ({reason}); your change was saved. Make one with `klachtdesk backup PATH` once the cause is solved", "waarschuwing: de automatische reservekopie kon niet worden gemaakt ({reason}); uw wijziging is wel opgeslagen. Maak er een met `klachtdesk backup PATH` zodra de oorzaak is opgelost";
    DbDamagedWords => "the database at {path} is damaged: {what}.", "de database in {path} is beschadigd: {what}.";
    DamagedUnreadable => "its files do not read back as they were written", "de bestanden lezen niet terug zoals ze geschreven zijn";
    AdviceDoctor => "Run `klachtdesk doctor` to check it and repair what can be repaired.", "Voer `klachtdesk doctor` uit om hem te controleren en te herstellen wat te herstellen is.";
    AdviceDoctorOrRestore => "Run `klachtdesk doctor` to check it and repair what can be repaired, or `klachtdesk restore --latest --force` to go back to the automatic backup of {date}.", "Voer `klachtdesk doctor` uit om hem te controleren en te herstellen wat te herstellen is, of `klachtdesk restore --latest --force` om terug te gaan naar de automatische reservekopie van {date}.";
    DoctorSnapshotSetAside => "Repaired: sled could not read the database's snapshot, which was moved into {path}; the database was rebuilt from its log. Remove that folder once every case is there.", "Hersteld: sled kon de momentopname van de database niet lezen; die is verplaatst naar {path} en de database is opnieuw opgebouwd uit het logboek. Verwijder die map zodra alle klachten er zijn.";
    DoctorRecovered => "Repaired: {what}", "Hersteld: {what}";
    DoctorNoDatabase => "There is no database at {path}: nothing to check.", "Er is geen database in {path}: niets te controleren.";
    DoctorUnopenable => "The database at {path} cannot be opened, not even without its snapshot: {reason}", "De database in {path} kan niet worden geopend, ook niet zonder zijn momentopname: {reason}";
    DoctorLeftover => "{leftover} was left by a rewrite of the database that was interrupted, and could not be put right ({reason}); nothing was removed.", "{leftover} is achtergebleven van een onderbroken herschrijving van de database en kon niet worden hersteld ({reason}); er is niets verwijderd.";
    DoctorCaseUnreadable => "Case {key}: its record cannot be read ({reason}).", "Klacht {key}: het record is onleesbaar ({reason}).";
    DoctorEventUnreadable => "Event {key} of the audit trail cannot be read ({reason}).", "Gebeurtenis {key} van de audittrail is onleesbaar ({reason}).";
    DoctorRecordUnreadable => "Record {key} in {tree} cannot be read ({reason}).", "Record {key} in {tree} is onleesbaar ({reason}).";
    DoctorGaps => "Case {id}: events {seqs} are missing from its audit trail.", "Klacht {id}: gebeurtenissen {seqs} ontbreken in de audittrail.";
    DoctorOrphans => "Case {id} is not in the database, but {count} events of its audit trail are.", "Klacht {id} staat niet in de database, maar {count} gebeurtenissen van de audittrail wel.";
    DoctorDisagrees => "Case {id}: its audit trail does not lead to its snapshot: {reason}", "Klacht {id}: de audittrail leidt niet tot de huidige stand: {reason}";
    DoctorLost => "The newest automatic backup ({path}) holds {count} cases the database does not: {ids}. They were lost after it was made.", "De nieuwste automatische reservekopie ({path}) bevat {count} klachten die niet in de database staan: {ids}. Ze zijn verloren gegaan nadat die werd gemaakt.";
    DoctorSummariesMadeAnew => "Repaired: what the board and `list` show of {count} cases did not match the cases themselves ({ids}); it was made anew from the cases.", "Hersteld: wat het bord en `list` van {count} klachten tonen, kwam niet overeen met de klachten zelf ({ids}); het is opnieuw gemaakt uit de klachten.";
    DoctorAndMore => "and {count} more", "en nog {count}";
    DoctorHealthy => "Checked {cases} cases and {events} events: all is well.", "{cases} klachten en {events} gebeurtenissen gecontroleerd: alles is in orde.";
    DoctorProblems => "Checked {cases} cases and {events} events: {count} problems remain.", "{cases} klachten en {events} gebeurtenissen gecontroleerd: er blijven {count} problemen over.";
    DoctorAdviceBackup => "To go back to the automatic backup of {date}, run `klachtdesk restore --latest --force` (what was saved after it is lost).", "Ga terug naar de automatische reservekopie van {date} met `klachtdesk restore --latest --force` (wat daarna is opgeslagen gaat verloren).";
    DoctorAdviceNoBackup => "There is no automatic backup to go back to: restore a backup of your own with `klachtdesk restore PATH --force`.", "Er is geen automatische reservekopie om naar terug te gaan: zet een eigen reservekopie terug met `klachtdesk restore PATH --force`.";
    WritingsHeader => "These backups and exports were written while the data was held and may still hold it; delete them too:", "Deze reservekopieën en exports zijn gemaakt toen de gegevens er nog waren en kunnen ze nog bevatten; verwijder ook die:";
    WritingLine => "{when}  {what} of {count} cases: {path}", "{when}  {what} van {count} klachten: {path}";
    WritingDailyBackup => "automatic backup", "automatische reservekopie";
    WritingBackup => "backup", "reservekopie";
    WritingExport => "export", "export";
    WritingSubjectExport => "export for the person", "export voor de betrokkene";
    WritingStdout => "standard output", "standaarduitvoer";
    WritingNotNoted => "warning: {path} was written, but could not be noted in the log of backups and exports ({reason})", "waarschuwing: {path} is geschreven, maar kon niet worden vastgelegd in het logboek van reservekopieën en exports ({reason})";

    // Fields.
    FieldName => "Name", "Naam";
    FieldPhone => "Phone", "Telefoon";
    FieldEmail => "E-mail", "E-mail";
    FieldOrganisation => "Organisation", "Organisatie";
    FieldService => "Service", "Dienst";
    FieldChannel => "Channel", "Kanaal";
    FieldComplainedAt => "Complaint date", "Datum klacht";
    FieldDescription => "Description", "Beschrijving";
    FieldHandler => "Handler", "Behandelaar";
    FieldInvolved => "Involved staff", "Betrokken medewerkers";
    FieldAckAt => "Acknowledged at", "Ontvangst bevestigd op";
    FieldAckVia => "Acknowledged via", "Bevestigd via";
    FieldJustification => "Justification", "Onderbouwing";
    FieldRequest => "Information requested", "Opgevraagde informatie";
    FieldRootCause => "Root cause", "Oorzaak";
    FieldSolution => "Solution", "Oplossing";
    FieldOutcome => "Outcome", "Uitkomst";
    FieldSatisfaction => "Satisfaction", "Tevredenheid";
    FieldLearnings => "Learnings", "Leerpunten";
    FieldWithdrawReason => "Reason for withdrawal", "Reden van intrekking";
    FieldLogText => "Text", "Tekst";
    FieldLogKind => "Kind", "Soort";
    FieldDirection => "Direction", "Richting";

    // Values.
    ChannelPhone => "Phone", "Telefonisch";
    ChannelEmail => "E-mail", "E-mail";
    ChannelContactPerson => "Fixed contact person", "Vaste contactpersoon";
    AckViaEmail => "e-mail", "e-mail";
    AckViaPhone => "phone", "telefoon";
    AckViaLetter => "letter", "brief";
    Satisfied => "Satisfied", "Tevreden";
    Unsatisfied => "Not satisfied", "Niet tevreden";
    SatisfactionUnknown => "Unknown", "Onbekend";
    LogCall => "Call", "Gesprek";
    LogEmail => "E-mail", "E-mail";
    LogNote => "Note", "Notitie";
    DirectionIn => "in", "in";
    DirectionOut => "out", "uit";
    DirectionInternal => "internal", "intern";
    Admissible => "Admissible", "Ontvankelijk";
    NotAdmissible => "Not admissible", "Niet ontvankelijk";
    TargetAcknowledge => "Acknowledgement", "Ontvangstbevestiging";
    TargetOutcome => "Outcome", "Uitkomst";

    // Holidays.
    HolidayNewYear => "New Year's Day", "Nieuwjaarsdag";
    HolidayGoodFriday => "Good Friday", "Goede Vrijdag";
    HolidayEasterSunday => "Easter Sunday", "Eerste Paasdag";
    HolidayEasterMonday => "Easter Monday", "Tweede Paasdag";
    HolidayKingsDay => "King's Day", "Koningsdag";
    HolidayLiberationDay => "Liberation Day", "Bevrijdingsdag";
    HolidayAscension => "Ascension Day", "Hemelvaartsdag";
    HolidayWhitSunday => "Whit Sunday", "Eerste Pinksterdag";
    HolidayWhitMonday => "Whit Monday", "Tweede Pinksterdag";
    HolidayChristmas => "Christmas Day", "Eerste Kerstdag";
    HolidayBoxingDay => "Boxing Day", "Tweede Kerstdag";
    HolidayClosingDay => "Company closing day", "Sluitingsdag";

    // Deadline clock.
    ClockNotStarted => "not started", "niet gestart";
    ClockPaused => "waiting for information for {days} wd (asked {date}); starts again in full when it comes in", "wacht al {days} wd op informatie (gevraagd {date}); begint opnieuw zodra die binnen is";
    ClockOnTrack => "due {date} ({days} wd {hours} h left)", "uiterlijk {date} (nog {days} wd {hours} u)";
    ClockDueToday => "due today at {time}", "vandaag uiterlijk om {time}";
    ClockBreached => "BREACHED: {days} wd late (was due {date})", "OVERSCHREDEN: {days} wd te laat (uiterlijk {date})";
    ClockBreachedHours => "BREACHED: {hours} h late (was due {date})", "OVERSCHREDEN: {hours} u te laat (uiterlijk {date})";
ClockMetOnTime => "met on time: {date} (in {taken} wd)", "op tijd gehaald: {date} (in {taken} wd)";
    ClockMetSameDay => "met on time: {date} (the same day)", "op tijd gehaald: {date} (dezelfde dag)";
    ClockMetLate => "met late: {date} ({late} wd late)", "te laat gehaald: {date} ({late} wd te laat)";

    // Deadline badges on cards and in lists: short, readable without colour.
    BadgeAckOnTrack => "ack {days} wd {hours} h", "ontvangst {days} wd {hours} u";
    BadgeAckOnTrackDays => "ack {days} wd", "ontvangst {days} wd";
    BadgeAckDueToday => "ack today {time}", "ontvangst vandaag {time}";
    BadgeAckLateDays => "! ack {days} wd late", "! ontvangst {days} wd te laat";
    BadgeAckLateHours => "! ack {hours} h late", "! ontvangst {hours} u te laat";
    BadgeAckMet => "ack met", "ontvangst gehaald";
    BadgeAckMetLate => "ack late ({days} wd)", "ontvangst laat ({days} wd)";
    BadgeOnTrack => "{days} wd {hours} h left", "nog {days} wd {hours} u";
    BadgeOnTrackDays => "{days} wd left", "nog {days} wd";
    BadgeDueToday => "due today {time}", "vandaag {time}";
    BadgeLateDays => "! {days} wd late", "! {days} wd te laat";
    BadgeLateHours => "! {hours} h late", "! {hours} u te laat";
    BadgeMet => "outcome met", "uitkomst gehaald";
    BadgeMetLate => "outcome late ({days} wd)", "uitkomst laat ({days} wd)";
    BadgePaused => "waiting {days} wd", "wacht al {days} wd";
    // Every step dated when it happened.
    FieldStepAt => "At", "Tijdstip";
    ProblemBeforePreviousStep => "At cannot be earlier than the previous step ({previous}); give the moment it happened.", "Het tijdstip kan niet eerder zijn dan de vorige stap ({previous}); vul in wanneer het gebeurde.";
    MoveOptionNotTaken => "\"{step}\" does not take {option}; it takes {options}.", "\"{step}\" kent geen {option}; wel {options}.";
    TimelineHappenedAt => "happened {at}", "gebeurd op {at}";
    BadgeNotStarted => "not started", "niet gestart";

    // Problems with input.
    ProblemMissing => "{field} is required.", "{field} is verplicht.";
    ProblemTooLong => "{field} is too long: at most {max} characters.", "{field} is te lang: hoogstens {max} tekens.";
    ProblemNoWayToReach => "Give a phone number or an e-mail address, so the complainant can be reached.", "Vul een telefoonnummer of e-mailadres in, zodat de klager bereikbaar is.";
    ProblemMalformedEmail => "\"{given}\" is not an e-mail address; write it like name@example.nl.", "\"{given}\" is geen e-mailadres; schrijf het als naam@voorbeeld.nl.";
    ProblemMalformedPhone => "\"{given}\" is not a phone number; use 8 to 15 digits, optionally starting with +.", "\"{given}\" is geen telefoonnummer; gebruik 8 tot 15 cijfers, eventueel beginnend met +.";
    ProblemUnknownService => "\"{given}\" is not a known service; choose one of: {known}.", "\"{given}\" is geen bekende dienst; kies uit: {known}.";
    ProblemInFuture => "{field} cannot be in the future.", "{field} kan niet in de toekomst liggen.";
    ProblemAckBeforeComplaint => "The acknowledgement cannot be earlier than the complaint.", "De ontvangstbevestiging kan niet eerder zijn dan de klacht.";
    ProblemBadMoment => "{field}: \"{given}\" is not a date or time; write now, today 9:30, yesterday, 2026-11-20 14:00, 20-11-2026 or 2026-11-20T14:00:00+01:00, the year in full from 2000 to 2099.", "{field}: \"{given}\" is geen datum of tijd; schrijf nu, vandaag 9:30, gisteren, 2026-11-20 14:00, 20-11-2026 of 2026-11-20T14:00:00+01:00, het jaar voluit van 2000 tot en met 2099.";
    ProblemBadCaseId => "\"{given}\" is not a case number; they look like K-2026-0042.", "\"{given}\" is geen klachtnummer; die zien eruit als K-2026-0042.";
    ProblemNotAllowed => "\"{step}\" is not possible while the case is \"{state}\".", "\"{step}\" kan niet zolang de klacht \"{state}\" is.";
    ProblemRequired => "{field} cannot be emptied while the case is \"{state}\".", "{field} mag niet leeg zijn zolang de klacht \"{state}\" is.";
ProblemStale => "Someone else changed this case meanwhile. Check the case; saving again stores your version over theirs.", "Iemand anders heeft deze klacht intussen gewijzigd. Bekijk de klacht; opnieuw opslaan zet uw versie over de hunne.";
    MovesPossible => "Possible now: {moves}.", "Nu mogelijk: {moves}.";
    NoMovesPossible => "The case is finished; only a call, e-mail or note can be logged.", "De klacht is afgerond; alleen een gesprek, e-mail of notitie kan nog worden vastgelegd.";

    // Store and files.
    DbInUse => "the database at {path} is in use by another klachtdesk; close it there, or use --db to open another database", "de database in {path} is in gebruik door een andere klachtdesk; sluit die eerst, of open met --db een andere database";
    DbTooNew => "the database at {path} was written by a newer klachtdesk (format {found}; this version reads up to format {supported}); upgrade klachtdesk to open it", "de database in {path} is geschreven door een nieuwere klachtdesk (formaat {found}; deze versie leest tot formaat {supported}); werk klachtdesk bij om hem te openen";
    DbOpenFailed => "cannot open the database at {path}: {reason}", "kan de database in {path} niet openen: {reason}";
    DbWriteFailed => "could not save: {reason}. Nothing was changed; try again when the problem is solved.", "opslaan mislukt: {reason}. Er is niets gewijzigd; probeer het opnieuw als het probleem is opgelost.";
    DbUnreadable => "the record {key} in {tree} could not be read ({reason}); the rest of the database is usable", "het record {key} in {tree} kon niet worden gelezen ({reason}); de rest van de database is bruikbaar";
DbNotFlushed => "could not save: {reason}. Nothing was changed. Solve the problem (e.g. free disk space), then restart klachtdesk: until then nothing more is saved.", "opslaan mislukt: {reason}. Er is niets gewijzigd. Los het probleem op (bijv. maak schijfruimte vrij) en start klachtdesk opnieuw: tot dan wordt er niets meer opgeslagen.";
    DbFailed => "an earlier change could not be written to disk, so nothing more is saved: restart klachtdesk once the problem is solved.", "een eerdere wijziging kon niet naar schijf worden geschreven, dus er wordt niets meer opgeslagen: start klachtdesk opnieuw als het probleem is verholpen.";
    DbBusy => "the database at {path} is being rewritten by another klachtdesk (removing personal data or restoring a backup) and it took too long; try again in a minute", "de database in {path} wordt door een andere klachtdesk herschreven (persoonsgegevens verwijderen of een back-up terugzetten) en dat duurde te lang; probeer het over een minuut opnieuw";
    DbNotADatabase => "{path} holds other files and is not a klachtdesk database, so no database is made there: give --db an empty or new folder", "{path} bevat andere bestanden en is geen klachtdesk-database, dus daar wordt geen database gemaakt: geef --db een lege of nieuwe map";
    DbDamaged => "the database at {path} is damaged ({reason}); run `klachtdesk doctor` to check and repair it", "de database in {path} is beschadigd ({reason}); voer `klachtdesk doctor` uit om hem te controleren en te herstellen";
    DbLeftover => "the database at {path} was being rewritten when klachtdesk stopped, and {leftover} could not be put right automatically ({reason}); nothing was removed: run `klachtdesk doctor`", "de database in {path} werd herschreven toen klachtdesk stopte, en {leftover} kon niet automatisch worden hersteld ({reason}); er is niets verwijderd: voer `klachtdesk doctor` uit";
    RecoveredCopyInPlace => "the database was being rewritten when klachtdesk stopped: its complete new copy {path} was put in place", "de database werd herschreven toen klachtdesk stopte: de volledige nieuwe kopie {path} is op zijn plaats gezet";
    RecoveredOriginalBack => "the database was being rewritten when klachtdesk stopped before its new copy was complete: the original {path} was put back", "de database werd herschreven toen klachtdesk stopte voordat de nieuwe kopie af was: het origineel {path} is teruggezet";
    RecoveredOriginalRemoved => "the database was being rewritten when klachtdesk stopped: the new copy was in place, and the original {path} (checked: nothing in it is missing) was removed", "de database werd herschreven toen klachtdesk stopte: de nieuwe kopie stond al op zijn plaats, en het origineel {path} (gecontroleerd: er ontbreekt niets uit) is verwijderd";
    RecoveredCopyRemoved => "the database was being rewritten when klachtdesk stopped: the unfinished copy {path} (checked: it holds nothing the database lacks) was removed", "de database werd herschreven toen klachtdesk stopte: de onvoltooide kopie {path} (gecontroleerd: er staat niets in dat de database mist) is verwijderd";
    CaseNotFound => "there is no case {id}", "klacht {id} bestaat niet";
    ConfigInvalid => "{path}, line {line}: {reason}", "{path}, regel {line}: {reason}";
    ConfigUnreadable => "cannot read the configuration {path}: {reason}", "kan de configuratie {path} niet lezen: {reason}";

    // Remote.
    RemoteSilent => "the klachtdesk that has it open gave no answer within {seconds} seconds; nothing was asked of it yet, so nothing was done", "de klachtdesk die hem open heeft, gaf binnen {seconds} seconden geen antwoord; er is nog niets gevraagd, dus er is niets gedaan";
    RemoteBroken => "the connection to the klachtdesk that has it open broke off ({reason})", "de verbinding met de klachtdesk die hem open heeft, werd verbroken ({reason})";
    RemoteMisunderstood => "the klachtdesk that has it open did not understand the request ({reason}); are both the same version?", "de klachtdesk die hem open heeft, begreep het verzoek niet ({reason}); zijn beide dezelfde versie?";
    RemoteTaken => "the desk cannot start: another klachtdesk already answers at {path}", "de desk kan niet starten: een andere klachtdesk antwoordt al op {path}";
    RemoteInTheWay => "the desk cannot start: {path} is in the way and is not a socket; remove it and start again", "de desk kan niet starten: {path} staat in de weg en is geen socket; verwijder het en start opnieuw";
    RemoteListenFailed => "the desk cannot start: cannot listen at {path} ({reason})", "de desk kan niet starten: kan niet luisteren op {path} ({reason})";
    DbUnanswered => "the klachtdesk that has {path} open gave no answer within {seconds} seconds: what you asked may or may not have been done", "de klachtdesk die {path} open heeft, gaf binnen {seconds} seconden geen antwoord: wat u vroeg is misschien wel, misschien niet gedaan";
    UnansweredAdd => "check with `klachtdesk list --text \"{name}\"` whether it was registered; running the same command again with `--request-id {request}` never registers it twice", "controleer met `klachtdesk list --text \"{name}\"` of de klacht is geregistreerd; dezelfde opdracht opnieuw met `--request-id {request}` registreert hem nooit twee keer";
    UnansweredChange => "check with `klachtdesk show {id}` whether it was saved before trying again", "controleer met `klachtdesk show {id}` of het is opgeslagen voordat u het opnieuw probeert";
    BadRequestUnreadable => "the request could not be read ({reason})", "het verzoek kon niet worden gelezen ({reason})";
    BadRequestTooLong => "a request is at most {max} bytes long", "een verzoek is hoogstens {max} bytes lang";
    BadRequestTooManyCases => "a request asks for at most {max} cases", "een verzoek vraagt om hoogstens {max} zaken";
    BadRequestId => "a request id is 1 to {max} letters, digits, - and _", "een verzoek-id bestaat uit 1 tot {max} letters, cijfers, - en _";
    BadRequestRelativePath => "the backup path {path} is not absolute", "het back-uppad {path} is niet absoluut";
    BadRequestNeedsDatabase => "removing personal data rewrites the database files: run purge or subject erase with the board closed", "persoonsgegevens verwijderen herschrijft de databasebestanden: voer purge of subject erase uit terwijl het bord gesloten is";
    BadRequestExpired => "the request waited too long to be carried out and was dropped: nothing was done", "het verzoek wachtte te lang op uitvoering en is vervallen: er is niets gedaan";
    BadRequestTooManyConnections => "the klachtdesk that has the database open already serves {max} connections; try again in a moment", "de klachtdesk die de database open heeft, bedient al {max} verbindingen; probeer het zo opnieuw";
    BadRequestVersion => "this klachtdesk speaks protocol version {client} and the one that has the database open speaks {desk}: use the same version of klachtdesk for both", "deze klachtdesk spreekt protocolversie {client} en de klachtdesk die de database open heeft {desk}: gebruik voor beide dezelfde versie van klachtdesk";
    BadRequestClockPinned => "--now (or KLACHTDESK_NOW) cannot be used while another klachtdesk has the database open: its clock decides the time of every change; leave out --now, or close that klachtdesk", "--now (of KLACHTDESK_NOW) kan niet worden gebruikt terwijl een andere klachtdesk de database open heeft: diens klok bepaalt de tijd van elke wijziging; laat --now weg, of sluit die klachtdesk";
    BadRequestNotAnOperator => "the user {user} is not an operator of this desk: add an [[operator]] entry with unix_user = \"{user}\" to the desk's configuration", "de gebruiker {user} is geen medewerker van deze desk: voeg een [[operator]]-item met unix_user = \"{user}\" toe aan de configuratie van de desk";
    BadRequestTooManySessions => "the desk already serves {max} boards at once ([desk] max_sessions); try again when someone has closed theirs", "de desk bedient al {max} borden tegelijk ([desk] max_sessions); probeer het opnieuw als iemand het zijne heeft gesloten";
    BadRequestNoBoards => "the klachtdesk that has the database open draws no boards", "de klachtdesk die de database open heeft, tekent geen borden";
    AwayImport => "{by} is importing cases, so saving is paused for a moment; what you typed is kept: save again when the import is done", "{by} importeert klachten, dus opslaan staat even stil; wat u typte blijft staan: sla opnieuw op als de import klaar is";
    AwayRestore => "{by} is restoring a backup, so saving is paused for a moment; what you typed is kept: save again when it is done", "{by} zet een reservekopie terug, dus opslaan staat even stil; wat u typte blijft staan: sla opnieuw op als dat klaar is";
    AwayPurge => "{by} is removing personal data past its retention, so saving is paused for a moment; what you typed is kept: save again when it is done", "{by} verwijdert persoonsgegevens na de bewaartermijn, dus opslaan staat even stil; wat u typte blijft staan: sla opnieuw op als dat klaar is";
    AwayErase => "{by} is erasing a person's data on request, so saving is paused for a moment; what you typed is kept: save again when it is done", "{by} wist op verzoek de gegevens van een persoon, dus opslaan staat even stil; wat u typte blijft staan: sla opnieuw op als dat klaar is";
    AwayDoctor => "{by} is checking the database (klachtdesk doctor), so saving is paused for a moment; what you typed is kept: save again when it is done", "{by} controleert de database (klachtdesk doctor), dus opslaan staat even stil; wat u typte blijft staan: sla opnieuw op als dat klaar is";
    MaintenanceDone => "{by} is done: the queue is as the database holds it now", "{by} is klaar: de wachtrij is zoals de database hem nu bevat";
    Serving => "The desk is open at {socket}: `klachtdesk` on this machine attaches to it. Ctrl+C closes it.", "De desk is open op {socket}: `klachtdesk` op deze machine sluit erop aan. Ctrl+C sluit hem.";
    FollowNoDesk => "no desk runs for {path}, so there are no changes to follow: start one with `klachtdesk serve` (or open a board), then follow again", "er draait geen desk voor {path}, dus er zijn geen wijzigingen te volgen: start er een met `klachtdesk serve` (of open een bord) en volg opnieuw";
    FollowRemoved => "{case} removed", "{case} verwijderd";
    FollowReadAnew => "(the desk read the queue anew after maintenance: cases printed before may have changed; list them again)", "(de desk las de wachtrij opnieuw na onderhoud: eerder getoonde zaken kunnen veranderd zijn; vraag ze opnieuw op)";
    FollowResumed => "(the desk was away a moment; following again from change {number}, nothing missed)", "(de desk was even weg; volgen gaat verder vanaf wijziging {number}, niets gemist)";
    ClosingIdle => "No key for a while: this board closes in a minute; press any key to stay. (Connect again within 15 minutes to continue where you are.)", "Al een tijd geen toets: dit bord sluit over een minuut; druk op een toets om te blijven. (Maakt u binnen 15 minuten opnieuw verbinding, dan gaat u verder waar u was.)";
    ClosedIdle => "Closed after {minutes} minutes without a key. Connect again within 15 minutes to continue where you were.", "Gesloten na {minutes} minuten zonder toets. Maakt u binnen 15 minuten opnieuw verbinding, dan gaat u verder waar u was.";
    SshNeedsTerminal => "klachtdesk is a board and needs a terminal: connect with `ssh -t` (and no command).", "klachtdesk is een bord en heeft een terminal nodig: maak verbinding met `ssh -t` (en zonder opdracht).";
    SshFileNeedsName => "A file needs a name: give one (it is written in your folder at the desk).", "Een bestand heeft een naam nodig: geef er een (het komt in uw map bij de desk).";
    SshServing => "SSH: boards at {address} (`ssh -p {port} HOST`); host key {fingerprint}: operators check it the first time they connect.", "SSH: borden op {address} (`ssh -p {port} HOST`); hostsleutel {fingerprint}: operators controleren die de eerste keer dat ze verbinden.";
    SshCannotListen => "Cannot serve SSH at {address}: {reason}. Choose another address or port with --ssh ADDR:PORT (e.g. 0.0.0.0:2222).", "Kan SSH niet aanbieden op {address}: {reason}. Kies een ander adres of een andere poort met --ssh ADRES:POORT (bijv. 0.0.0.0:2222).";
    SshNoHostKey => "There is no SSH host key yet at {path}: `klachtdesk serve --ssh ADDR:PORT` makes one when it first starts.", "Er is nog geen SSH-hostsleutel op {path}: `klachtdesk serve --ssh ADRES:POORT` maakt er een bij de eerste start.";
    SshHostKeyUnreadable => "The SSH host key {path} cannot be read: {reason}. Move it aside and start again to make a new one (operators will then see a new fingerprint).", "De SSH-hostsleutel {path} is niet te lezen: {reason}. Zet hem opzij en start opnieuw om een nieuwe te maken (operators zien dan een nieuwe vingerafdruk).";
    SshHostKeyOpen => "The SSH host key {path} can be read by others (mode {mode}): run `chmod 600 {path}` and start again.", "De SSH-hostsleutel {path} is door anderen te lezen (modus {mode}): voer `chmod 600 {path}` uit en start opnieuw.";
    SshHostKeyUnwritable => "The SSH host key cannot be made at {path}: {reason}. The folder must be writable by the desk's user.", "De SSH-hostsleutel kan niet worden gemaakt op {path}: {reason}. De map moet schrijfbaar zijn voor de gebruiker van de desk.";
    SshSignedIn => "{operator} signed in from {from} with key {key}", "{operator} is aangemeld vanaf {from} met sleutel {key}";
    SshRefusedKey => "refused {from} (user \"{user}\"): key {key} is in no [[operator]] entry's ssh_keys", "geweigerd: {from} (gebruiker \"{user}\"): sleutel {key} staat bij geen [[operator]] in ssh_keys";
    SshRefusedPassword => "refused {from} (user \"{user}\"): tried a password; the desk takes SSH keys only", "geweigerd: {from} (gebruiker \"{user}\"): probeerde een wachtwoord; de desk neemt alleen SSH-sleutels aan";
    SshRefusedNoKey => "refused {from} (user \"{user}\"): offered no key", "geweigerd: {from} (gebruiker \"{user}\"): bood geen sleutel aan";
    SshBarred => "{from} failed {count} times within {minutes} minutes: turned away until it has been quiet for {minutes} minutes", "{from} faalde {count} keer binnen {minutes} minuten: geweigerd tot het {minutes} minuten stil is geweest";
    SshFull => "turned away {from}: {max} connections are open already", "{from} geweigerd: er zijn al {max} verbindingen open";
    SshLeft => "{operator} ({from}) left", "{operator} ({from}) is weg";
    Resumed => "Welcome back: the board is as you left it.", "Welkom terug: het bord is zoals u het verliet.";
    ResumedForm => "Welcome back: your form is as you left it, not saved yet; Ctrl+S saves it.", "Welkom terug: uw formulier staat er nog zoals u het verliet, nog niet opgeslagen; Ctrl+S slaat het op.";
    DeskClosing => "The desk is closing: what was saved stays saved; start klachtdesk again in a moment.", "De desk sluit: wat is opgeslagen blijft bewaard; start klachtdesk zo opnieuw.";
    // Issue 11, forms and safety nets: undo.
    StepUndo => "Change taken back", "Wijziging teruggedraaid";
    ProblemChangedSince => "{by} changed this case since ({time}); nothing was taken back.", "{by} heeft deze klacht sindsdien gewijzigd ({time}); er is niets teruggedraaid.";
    ProblemNotYourChange => "The last change of this case is {by}'s; only your own change can be taken back.", "De laatste wijziging van deze klacht is van {by}; alleen uw eigen wijziging kan worden teruggedraaid.";
    ProblemUndoTooLate => "That change was made at {time}, more than {minutes} minutes ago; it can no longer be taken back: change the case instead.", "Die wijziging is om {time} gedaan, meer dan {minutes} minuten geleden; ze kan niet meer worden teruggedraaid: wijzig de klacht zelf.";
    ProblemCannotUndoRegistration => "A registration is not taken back: withdraw the complaint instead.", "Een registratie wordt niet teruggedraaid: trek de klacht in.";
    ProblemCannotUndo => "\"{step}\" cannot be taken back.", "\"{step}\" kan niet worden teruggedraaid.";
    UndoNothing => "{key}: nothing to undo", "{key}: niets om terug te draaien";
    ActUndo => "undo", "terugdraaien";
    ActUndoHelp => "Take back your own last change (within 10 minutes)", "Uw eigen laatste wijziging terugdraaien (binnen 10 minuten)";
    ActJa => "ja", "ja";
    ActJaHelp => "Yes, in Dutch (only when the screen is in Dutch)", "Ja";
    ConfirmAcknowledge => "Acknowledge {id} now, via {via}? {yes} yes · {no} no", "Ontvangst van {id} nu bevestigen, via {via}? {yes} ja · {no} nee";
    ConfirmDeclare => "Declare {id} not admissible now, via {via}? {yes} yes · {no} no", "{id} nu niet-ontvankelijk verklaren, via {via}? {yes} ja · {no} nee";
    ConfirmCommunicate => "Record the outcome of {id} as communicated now, via {via}? {yes} yes · {no} no", "De uitkomst van {id} nu als gecommuniceerd vastleggen, via {via}? {yes} ja · {no} nee";
    ListMore => "↑ {above} · ↓ {below} more", "↑ {above} · ↓ {below} meer";
    HistoryNotEdited => "The timeline is history: it is not edited. {key} logs a call, e-mail or note.", "De tijdlijn is geschiedenis: die wordt niet bewerkt. {key} legt een gesprek, e-mail of notitie vast.";
    FinishedNotEdited => "A finished case is not edited. {key} logs a call, e-mail or note.", "Een afgeronde klacht wordt niet bewerkt. {key} legt een gesprek, e-mail of notitie vast.";
    MenuLetter => "Letter or e-mail to the complainant ({key})", "Brief of e-mail aan de klager ({key})";
    KeyUnbound => "{key} does nothing here · {help} for keys", "{key} doet hier niets · {help} voor de toetsen";
    YesKeysHint => "{yes} or Enter: yes · {no}: no", "{yes} of Enter: ja · {no}: nee";
    Undone => "Took back your last change of {id}.", "Uw laatste wijziging van {id} is teruggedraaid.";
    DeskLost => "the desk went away and could not be reached again; what was saved is kept: start klachtdesk again", "de desk is weggevallen en was niet opnieuw te bereiken; wat is opgeslagen is bewaard: start klachtdesk opnieuw";
    DeskNotStarted => "the desk could not be started: {reason}", "de desk kon niet worden gestart: {reason}";
    DeskSlow => "the desk did not answer in time; its messages are in {log}", "de desk antwoordde niet op tijd; zijn meldingen staan in {log}";
    BadRequestNoHello => "the connection did not start with a hello", "de verbinding begon niet met een begroeting";

// Privacy.
    PurgeNothing => "No closed case is past the retention period of {months} months.", "Geen afgesloten klacht is ouder dan de bewaartermijn van {months} maanden.";
    PurgeWould => "Would remove the personal data of {count} cases closed before {date}:", "Zou de persoonsgegevens verwijderen van {count} klachten afgesloten vóór {date}:";
    PurgeDone => "Removed the personal data of {count} cases closed before {date}; the statistics and learnings are kept.", "Persoonsgegevens verwijderd van {count} klachten afgesloten vóór {date}; statistieken en leerpunten blijven bewaard.";
    SubjectNeedsDetail => "Name the person with --email, --phone or --name.", "Geef de persoon aan met --email, --phone of --name.";
    SubjectNone => "No case holds data of this person.", "Geen klacht bevat gegevens van deze persoon.";
    SubjectOpen => "These cases of this person are still open: {ids}. Withdraw or close them first, then erase.", "Deze klachten van deze persoon zijn nog open: {ids}. Trek ze eerst in of sluit ze af, en wis dan.";
    SubjectErased => "Removed the personal data of {count} cases: {ids}.", "Persoonsgegevens verwijderd van {count} klachten: {ids}.";

    // Export, import, backup.
    ExportDone => "Exported {count} cases to {path}.", "{count} klachten geëxporteerd naar {path}.";
    ExportWriteFailed => "cannot write {path}: {reason}", "kan {path} niet schrijven: {reason}";
    ProgressExporting => "Exporting", "Exporteren";
    ProgressChecking => "Checking", "Controleren";
    ProgressWriting => "Writing", "Wegschrijven";
    ImportLine => "line {line}, column {column}", "regel {line}, kolom {column}";
    ImportCase => "case {id}", "klacht {id}";
    ImportCannotRead => "cannot read {path}: {reason}", "kan {path} niet lezen: {reason}";
    ImportNotUtf8 => "the file is not UTF-8 text", "het bestand is geen UTF-8-tekst";
    ImportNotAnExport => "this is not a klachtdesk export (it needs \"format\": \"klachtdesk-export\" and a \"version\"); only a JSON export can be imported", "dit is geen klachtdesk-export (daarvoor zijn \"format\": \"klachtdesk-export\" en een \"version\" nodig); alleen een JSON-export kan worden ingelezen";
    ImportTooNew => "written by a newer klachtdesk (export version {found}; this version reads up to {supported}); upgrade klachtdesk to import it", "geschreven door een nieuwere klachtdesk (exportversie {found}; deze versie leest tot {supported}); werk klachtdesk bij om het in te lezen";
    ImportUnknownField => "unknown field \"{field}\"", "onbekend veld \"{field}\"";
    ImportMissingField => "missing field \"{field}\"", "ontbrekend veld \"{field}\"";
    ImportDuplicate => "this case is in the file twice (first at line {line})", "deze klacht staat twee keer in het bestand (eerst op regel {line})";
    ImportNoTrail => "the case has no audit trail (\"events\" is empty)", "de klacht heeft geen audittrail (\"events\" is leeg)";
    ImportNumbering => "the audit trail must hold this case's events numbered 1, 2, 3, …; the one at place {index} is not", "de audittrail moet de gebeurtenissen van deze klacht bevatten, genummerd 1, 2, 3, …; die op plaats {index} niet";
    ImportVersion => "its version is {version}, but its audit trail holds {count} events", "de versie is {version}, maar de audittrail bevat {count} gebeurtenissen";
    ImportInFuture => "event {seq} is dated {at}, in the future", "gebeurtenis {seq} is gedateerd {at}, in de toekomst";
    ImportNotRegistration => "its audit trail does not start with the registration", "de audittrail begint niet met de registratie";
    ImportSecondRegistration => "event {seq} is a second registration", "gebeurtenis {seq} is een tweede registratie";
    ImportRefused => "event {seq} (\"{step}\") does not pass the desk's checks: {reason}", "gebeurtenis {seq} (\"{step}\") komt niet door de controles van de desk: {reason}";
    ImportEventDiffers => "event {seq} does not record what its step does: {field} is {trail} by the procedure but {file} in the file", "gebeurtenis {seq} legt niet vast wat de stap doet: {field} is {trail} volgens de procedure maar {file} in het bestand";
    ImportSnapshotDiffers => "the audit trail does not lead to this case: {field} is {trail} by the trail but {file} in the file", "de audittrail leidt niet tot deze klacht: {field} is {trail} volgens de audittrail maar {file} in het bestand";
    ImportVerdictDiffers => "deadline verdict {index} does not agree with the audit trail ({what})", "termijnoordeel {index} klopt niet met de audittrail ({what})";
    ImportIncomplete => "a case that is \"{state}\" needs: {fields}", "een klacht die \"{state}\" is, heeft nodig: {fields}";
    ImportPresent => "{path}: already in the database: {ids}. Nothing was imported.", "{path}: staat al in de database: {ids}. Er is niets ingelezen.";
    ImportAndMore => "and {count} more", "en nog {count}";
    ImportNothingWritten => "Nothing was imported.", "Er is niets ingelezen.";
    ImportProblems => "{path}: {count} problems (the first {shown} above). Nothing was imported.", "{path}: {count} problemen (de eerste {shown} hierboven). Er is niets ingelezen.";
    ImportDone => "Imported {count} cases from {path}.", "{count} klachten ingelezen uit {path}.";
    NeedsDatabaseToItself => "{command} needs the database to itself, and {path} is held by another klachtdesk command that is still running: try again when it is done", "{command} heeft de database voor zich alleen nodig, en {path} wordt vastgehouden door een andere klachtdesk-opdracht die nog loopt: probeer het opnieuw als die klaar is";
    BackupDone => "Backed up {count} cases to {path}.", "Reservekopie van {count} klachten gemaakt in {path}.";
    RestoreDone => "Restored {count} cases from {from} into {path}.", "{count} klachten teruggezet uit {from} in {path}.";
    BackupExists => "{path} already exists; a backup goes into a new folder", "{path} bestaat al; een reservekopie komt in een nieuwe map";
    BackupNotADatabase => "{path} is not a klachtdesk database or backup", "{path} is geen klachtdesk-database of -reservekopie";
    BackupSamePlace => "{path} is the database itself", "{path} is de database zelf";
    RestoreNotEmpty => "the database at {path} holds {count} cases; restoring replaces them all. Add --force to do so (make a backup first if in doubt)", "de database in {path} bevat {count} klachten; terugzetten vervangt ze allemaal. Voeg --force toe om dat te doen (maak bij twijfel eerst een reservekopie)";
    BackupWriteFailed => "cannot write {path}: {reason}", "kan {path} niet schrijven: {reason}";

    // Command line.
    Registered => "Registered {id}.", "Geregistreerd: {id}.";
    AckDue => "Acknowledge receipt by {date}.", "Bevestig de ontvangst uiterlijk {date}.";
    Saved => "Saved: {id} is now \"{state}\".", "Opgeslagen: {id} is nu \"{state}\".";
    Logged => "Logged on {id}.", "Vastgelegd bij {id}.";
    NoCases => "No cases match.", "Geen klachten gevonden.";
    CasesCounted => "{count} cases", "{count} klachten";
    DemoDatabase => "Demo database with {count} cases at {path} (deleted on exit).", "Demodatabase met {count} klachten in {path} (wordt bij afsluiten verwijderd).";
    BadNow => "--now: \"{given}\" is not a date and time; write now, today 9:30, yesterday, 2026-11-26 10:00, 26-11-2026 or 2026-11-26T10:00:00+01:00, the year in full from 2000 to 2099.", "--now: \"{given}\" is geen datum en tijd; schrijf nu, vandaag 9:30, gisteren, 2026-11-26 10:00, 26-11-2026 of 2026-11-26T10:00:00+01:00, het jaar voluit van 2000 tot en met 2099.";
    MoveNeedsOption => "{state} needs {option}.", "{state} vereist {option}.";
    YearOutOfRange => "{year} is outside the years the desk covers (2000 to 2099).", "{year} valt buiten de jaren die de desk kent (2000 tot en met 2099).";
    BadFrom => "--from: \"{given}\" is not a local date and time; write e.g. 2026-11-26T10:00, 2026-11-26 10:00 or 26-11-2026, the year in full from 2000 to 2099.", "--from: \"{given}\" is geen lokale datum en tijd; schrijf bijv. 2026-11-26T10:00, 2026-11-26 10:00 of 26-11-2026, het jaar voluit van 2000 tot en met 2099.";
    NoWayBack => "A case cannot go back to \"{state}\".", "Een klacht kan niet terug naar \"{state}\".";
    SeeHelp => "see klachtdesk --help", "zie klachtdesk --help";
    CaseCountedOne => "1 case", "1 klacht";
    LabelNote => "note", "notitie";
    NoSuchState => "\"{given}\" is not a state; use one of: {states}.", "\"{given}\" is geen status; gebruik een van: {states}.";

    // Actions: a short label for the footer, a description for the help.
    ActQuit => "quit", "stop";
    ActQuitHelp => "Quit klachtdesk", "klachtdesk afsluiten";
    ActHelp => "help", "help";
    ActHelpHelp => "Show or hide this help", "Deze hulp tonen of verbergen";
    ActLeft => "left", "links";
    ActLeftHelp => "Previous column", "Vorige kolom";
    ActRight => "right", "rechts";
    ActRightHelp => "Next column", "Volgende kolom";
    ActUp => "up", "omhoog";
    ActUpHelp => "Previous card, field or line", "Vorige kaart, veld of regel";
    ActDown => "down", "omlaag";
    ActDownHelp => "Next card, field or line", "Volgende kaart, veld of regel";
    ActFirst => "first", "eerste";
    ActFirstHelp => "First card of the column", "Eerste kaart van de kolom";
    ActLast => "last", "laatste";
    ActLastHelp => "Last card of the column", "Laatste kaart van de kolom";
    ActPageUp => "page up", "pagina omhoog";
    ActPageUpHelp => "A page up", "Een pagina omhoog";
    ActPageDown => "page down", "pagina omlaag";
    ActPageDownHelp => "A page down", "Een pagina omlaag";
    ActOpen => "open", "openen";
    ActOpenHelp => "Open the selected case or item", "Geselecteerde klacht of keuze openen";
    ActBack => "back", "terug";
    ActBackHelp => "Close, back to where you were", "Sluiten, terug naar waar u was";
    ActNewCase => "new", "nieuw";
    ActNewCaseHelp => "Register a new complaint (phone intake)", "Nieuwe klacht registreren (telefonische intake)";
    ActSearch => "search", "zoeken";
    ActSearchHelp => "Search cases as you type", "Klachten zoeken terwijl u typt";
    ActMenu => "moves", "stappen";
    ActMenuHelp => "The procedure's next steps for this case", "De volgende stappen van de procedure voor deze klacht";
    ActEdit => "edit", "bewerken";
    ActEditHelp => "Edit the selected field", "Geselecteerd veld bewerken";
    ActLogContact => "log", "vastleggen";
    ActLogContactHelp => "Log a call, e-mail or note", "Gesprek, e-mail of notitie vastleggen";
    ActToggleClosed => "closed", "afgesloten";
    ActToggleClosedHelp => "Show or hide closed and not-admissible cases", "Afgesloten en niet-ontvankelijke klachten tonen of verbergen";
    ActFilter => "filter", "filter";
    ActFilterHelp => "Filter by service, handler or channel", "Filteren op dienst, behandelaar of kanaal";
    ActFilterMine => "mine", "mijn";
    ActFilterMineHelp => "Only my cases", "Alleen mijn klachten";
    ActFilterBreached => "breached", "overschreden";
    ActFilterBreachedHelp => "Only breached cases", "Alleen overschreden klachten";
    ActFilterDueToday => "today", "vandaag";
    ActFilterDueTodayHelp => "Only cases due today", "Alleen klachten met een termijn vandaag";
    ActClearFilters => "clear", "wissen";
    ActClearFiltersHelp => "Clear all filters", "Alle filters wissen";
    ActSave => "save", "opslaan";
    ActSaveHelp => "Save (register, or do the step)", "Opslaan (registreren, of de stap uitvoeren)";
    ActNextField => "next", "volgende";
    ActNextFieldHelp => "Next field", "Volgend veld";
    ActPrevField => "prev", "vorige";
    ActPrevFieldHelp => "Previous field", "Vorig veld";
    ActOpenDuplicate => "existing case", "bestaande klacht";
    ActOpenDuplicateHelp => "Open the caller's existing case instead", "In plaats daarvan de bestaande klacht van de beller openen";
    ActTake => "take", "overnemen";
    ActTakeHelp => "Make me the case's handler", "Mij behandelaar van de klacht maken";
    ActToggleQueue => "queue", "wachtrij";
    ActToggleQueueHelp => "Board or queue: every open case in one list, most urgent first", "Bord of wachtrij: alle open klachten in één lijst, meest urgente eerst";
    ActNextUrgent => "most urgent", "meest urgent";
    ActNextUrgentHelp => "Go to the most urgent case; again: the next most urgent", "Naar de meest urgente klacht; nog eens: de volgende";
    ActToggleCompact => "compact", "compact";
    ActToggleCompactHelp => "Cards of one line (many more on screen), or of four", "Kaarten van één regel (veel meer op het scherm), of van vier";
    ActTakeTheirs => "take theirs", "neem die van hen";
    ActTakeTheirsHelp => "Put the other operator's value in the field, in place of mine", "De waarde van de andere medewerker in het veld zetten, in plaats van de mijne";
    TookTheirs => "{field} now holds {by}'s value; Ctrl+S is not needed", "{field} heeft nu de waarde van {by}; opslaan is niet nodig";
    PresenceEditing => "{name} is editing {field}", "{name} bewerkt {field}";
    PresenceOpen => "{name} has this case open", "{name} heeft deze klacht open";
    AlreadyYours => "{id} is yours already", "{id} is al van u";
    TakenNow => "{id} is yours now: you are its handler", "{id} is nu van u: u bent de behandelaar";
    Took => "{id} is yours now: you are its handler", "{id} is nu van u: u bent de behandelaar";
    ActYes => "yes", "ja";
    ActYesHelp => "Yes", "Ja";
    ActNo => "no", "nee";
    ActNoHelp => "No", "Nee";
ActReports => "reports", "rapportages";
    ActReportsHelp => "Reports: complaints, deadlines, satisfaction, root causes", "Rapportages: klachten, termijnen, tevredenheid, oorzaken";
    ActLearnings => "learnings", "leerpunten";
    ActLearningsHelp => "The learnings register, by service and root cause", "Het register van leerpunten, per dienst en oorzaak";
    ActLetter => "letter", "brief";
    ActLetterHelp => "Write the complainant a letter or e-mail from a template", "De klager een brief of e-mail sturen vanuit een sjabloon";
    ActCopy => "copy", "kopiëren";
    ActCopyHelp => "Copy to the clipboard", "Naar het klembord kopiëren";
    ActWriteFile => "to file", "naar bestand";
    ActWriteFileHelp => "Write to a file", "Naar een bestand schrijven";
    ActMarkSent => "mark sent", "verstuurd";
    ActMarkSentHelp => "Record that it was sent", "Vastleggen dat het verstuurd is";
    ActPrevPeriod => "earlier", "eerder";
    ActPrevPeriodHelp => "The previous period", "De vorige periode";
    ActNextPeriod => "later", "later";
    ActNextPeriodHelp => "The next period", "De volgende periode";
    ActExport => "export", "exporteren";
    ActExportHelp => "Export what is shown to a file", "Wat getoond wordt naar een bestand exporteren";
    // Places on the screen, as the help names them.
    ContextGlobal => "Everywhere", "Overal";
    ContextBoard => "Board", "Bord";
    ContextCase => "Case", "Klacht";
    ContextForm => "Forms", "Formulieren";
    ContextConfirm => "Confirmation", "Bevestiging";
    ContextSearch => "Search", "Zoeken";
    ContextMenu => "Menus", "Menu's";
ContextHelp => "Help", "Hulp";
    ContextReport => "Reports and learnings", "Rapportages en leerpunten";
    ContextLetter => "Letters", "Brieven";

    // The board.
    EnlargeTerminal => "Enlarge the terminal to at least {width}x{height} to see the board.", "Maak de terminal minstens {width}x{height} groot om het bord te zien.";
    HeaderOpen => "open {count}", "open {count}";
    HeaderBreached => "! {count} breached", "! {count} overschreden";
HeaderDueToday => "{count} due today", "{count} vandaag";
    HeaderCompact => "open {open} · !{breached} · {today} today", "open {open} · !{breached} · {today} vandaag";
    HeaderFilter => "filter: {filter}", "filter: {filter}";
    ColumnEmpty => "(none)", "(geen)";
    MoreBelow => "↓ {count} more", "↓ nog {count}";
    MoreAbove => "↑ {count} more", "↑ nog {count}";
    QueueTitle => "Queue: {count} open cases, most urgent first", "Wachtrij: {count} open klachten, meest urgente eerst";
    QueueCase => "Case", "Klacht";
    QueueState => "State", "Status";
    QueueContact => "Contact", "Contact";
    QueueService => "Service", "Dienst";
    QueueHandler => "Handler", "Behandelaar";
    QueueDeadline => "Deadline", "Termijn";
    // Asking where a letter or an export is written.
    SaveAsTitle => "Write to a file", "Naar een bestand schrijven";
    SaveAsPath => "File:", "Bestand:";
    SaveAsInto => "Into your folder at the desk, {folder}/", "In uw map bij de desk, {folder}/";
    SaveAsKeys => "Enter write · Esc cancel", "Enter schrijven · Esc annuleren";
    SaveAsNeedsName => "Give the file to write: a path ending in a file name, e.g. ~/brieven/brief.txt, then press Enter.", "Vul het bestand in: een pad dat eindigt op een bestandsnaam, bijv. ~/brieven/brief.txt, en druk op Enter.";
    SaveAsNameOnly => "Over SSH the desk writes into your folder {folder}: give a file name only, without /, then press Enter.", "Via SSH schrijft de desk in uw map {folder}: vul alleen een bestandsnaam in, zonder /, en druk op Enter.";
    SaveAsCancelled => "Nothing written.", "Niets geschreven.";
    ColumnsLeft => "◂{count}", "◂{count}";
    ColumnsRight => "{count}▸", "{count}▸";
    // Short state names, for columns too narrow for the full ones.
    ShortReceived => "Received", "Ontvangen";
    ShortAcknowledged => "Acknowledged", "Bevestigd";
    ShortInTreatment => "In treatment", "In behandeling";
    ShortWaiting => "Waiting", "Wacht op info";
    ShortOutcome => "Outcome sent", "Uitkomst";
    ShortClosed => "Closed", "Afgesloten";
    ShortNotAdmissible => "Not admissible", "Niet ontvankelijk";
    // The built-in services, by the name an operator knows them by.
    ServicePenetrationTesting => "Penetration testing", "Penetratietesten";
    ServiceSecurityMonitoring => "Security monitoring (SOC)", "SOC-monitoring";
    ServiceIncidentResponse => "Incident response", "Incidentrespons";
    ServiceAwarenessTraining => "Awareness training", "Bewustwordingstraining";
    ServiceConsultancy => "Consultancy", "Advies";
    ServiceOther => "Other", "Overig";
    HelpTitle => "Keys", "Toetsen";
    HelpFooter => "The keys can be changed in the configuration's [keys] table.", "De toetsen zijn aan te passen in de tabel [keys] van de configuratie.";
    CaseNotLoaded => "This case is not (or no longer) in the queue.", "Deze klacht staat niet (meer) in de wachtrij.";

    // Forms.
    FormNewCase => "New complaint", "Nieuwe klacht";
    FormEdit => "Edit", "Bewerken";
FormRequired => "* required", "* verplicht";
    FormRequiredIntake => "* required · ⁺ phone or e-mail: at least one", "* verplicht · ⁺ telefoon of e-mail: minstens één";
FormDatePlaceholder => "[now · or today 9:30, 2026-11-20 14:00]", "[nu · of vandaag 9:30, 2026-11-20 14:00]";
    FormChoose => "· ← → to choose", "· ← → om te kiezen";
    FormSaving => "Saving…", "Bezig met opslaan…";
    FormConfirmDiscard => "Discard what you typed? {yes} yes · {no} no", "Wat u typte weggooien? {yes} ja · {no} nee";
    FormHints => "{save} save · {next} next field · {back} cancel", "{save} opslaan · {next} volgend veld · {back} annuleren";
    DuplicatesTitle => "Open cases of this caller", "Open klachten van deze beller";
    DuplicatesHint => "{key}: {id}, log the call there instead", "{key}: {id}, gesprek daar vastleggen";
    DuplicatesMore => "+{count} more", "+{count} meer";
    DuplicatesPick => "↑/↓ picks the case the caller rings about", "↑/↓ kiest de klacht waarover de beller belt";
    RegisteredTitle => "Registered", "Geregistreerd";
    RegisteredAckDue => "Acknowledge receipt by {date}", "Bevestig de ontvangst uiterlijk {date}";
    RegisteredHint => "{open} open the case · {back} back to the board", "{open} klacht openen · {back} terug naar het bord";
    MenuTitle => "{id}: what now?", "{id}: wat nu?";
    PasteCut => "The pasted text was cut: a field holds at most {max} characters.", "De geplakte tekst is ingekort: een veld bevat hoogstens {max} tekens.";

    // Search and filters.
    SearchTitle => "Search all cases", "Alle klachten doorzoeken";
    SearchHint => "Type a name, phone number, case number, organisation, e-mail address or words from the description.", "Typ een naam, telefoonnummer, klachtnummer, organisatie, e-mailadres of woorden uit de beschrijving.";
    SearchScope => "Open and closed cases are searched; every word must match.", "Open en afgesloten klachten worden doorzocht; elk woord moet voorkomen.";
    SearchNoMatch => "No case matches.", "Geen klacht gevonden.";
    SearchOneResult => "1 result", "1 resultaat";
    SearchResults => "{count} results", "{count} resultaten";
    SearchResultsCapped => "{count} results, the first {shown} shown: type more to narrow down", "{count} resultaten, de eerste {shown} getoond: typ meer om te verfijnen";
    FilterMenuTitle => "Filters", "Filters";
    FilterMenuMine => "Only my cases", "Alleen mijn klachten";
    FilterMenuBreached => "Only breached cases", "Alleen overschreden klachten";
    FilterMenuDueToday => "Only cases due today", "Alleen klachten die vandaag verlopen";
    FilterMenuClear => "Clear all filters", "Alle filters wissen";
    FilterMenuAnyService => "any service", "elke dienst";
    FilterMenuAnyHandler => "any handler", "elke behandelaar";
    FilterMenuAnyChannel => "any channel", "elk kanaal";
    FilterMenuShown => "{count} cases on the board", "{count} klachten op het bord";
    FilterMenuShownOne => "1 case on the board", "1 klacht op het bord";

WrittenTo => "Written to {path}.", "Geschreven naar {path}.";
    WriteFailed => "Could not write the file: {reason}. Nothing was lost; choose another place and try again.", "Kon het bestand niet schrijven: {reason}. Er is niets verloren; kies een andere plek en probeer het opnieuw.";
    Copied => "Copied to the clipboard.", "Naar het klembord gekopieerd.";

    // Letters.
    LetterTitle => "{id} · letter to {name}", "{id} · brief aan {name}";
    LetterRowKind => "Letter", "Brief";
    LetterRowLanguage => "Language", "Taal";
    LetterRowVia => "Sent via", "Verstuurd per";
    LetterAcknowledgement => "acknowledgement of receipt", "ontvangstbevestiging";
    LetterJustification => "justification", "onderbouwing";
    LetterOutcome => "outcome", "uitkomst";
    LetterEnglish => "English", "Engels";
    LetterDutch => "Dutch", "Nederlands";
    LetterSentLog => "Sent: {kind} ({via}, {language})", "Verstuurd: {kind} ({via}, {language})";
    LetterWillLog => "Marking it sent logs the {via} in the contact log.", "Als verstuurd markeren legt de {via} vast in het contactlog.";
    LetterWillAcknowledge => "Marking it sent logs the {via} and records the acknowledgement of receipt.", "Als verstuurd markeren legt de {via} vast en registreert de ontvangstbevestiging.";
    LetterWillDeclare => "Marking it sent logs the {via} and declares the case not admissible.", "Als verstuurd markeren legt de {via} vast en verklaart de klacht niet ontvankelijk.";
    LetterWillCommunicate => "Marking it sent logs the {via} and records that the outcome was communicated.", "Als verstuurd markeren legt de {via} vast en registreert dat de uitkomst is gecommuniceerd.";
    LetterMissing => "This letter needs what the case does not have yet: {fields}.", "Voor deze brief ontbreekt nog: {fields}.";
    LetterUnknownPlaceholder => "{file}, line {line}: unknown placeholder {placeholder}; the known ones are {known}.", "{file}, regel {line}: onbekende plaatshouder {placeholder}; bekend zijn {known}.";
    LetterUnclosed => "{file}, line {line}: a placeholder is opened but not closed on the same line.", "{file}, regel {line}: een plaatshouder wordt geopend maar niet op dezelfde regel gesloten.";
    LetterUnreadable => "{file}: cannot read the template: {reason}", "{file}: kan het sjabloon niet lezen: {reason}";
    LetterBuiltIn => "the built-in template {language}/{kind}", "het ingebouwde sjabloon {language}/{kind}";
    LetterHintChoose => "choose", "kiezen";
    LetterHintScroll => "scroll", "scrollen";
    LetterLines => "{from}–{to} of {total}", "{from}–{to} van {total}";

    // Reports and learnings.
    ReportScreenTitle => "Reports", "Rapportages";
    ReportTitle => "Report: {period}", "Rapportage: {period}";
    ReportQuarter => "Q{quarter} {year}", "K{quarter} {year}";
    ReportSoFar => "so far, as of {moment}", "tot nu toe, stand van {moment}";
    ReportLoading => "Reading the cases of the period and their audit trails…", "De klachten van de periode en hun audittrail worden gelezen…";
    ReportStillLoading => "The report is still being read; try again in a moment.", "De rapportage wordt nog gelezen; probeer het zo opnieuw.";
    ReportHints => "{prev} {next} period · {kind} month/quarter/year · {export} CSV · {open} open case · {back} back", "{prev} {next} periode · {kind} maand/kwartaal/jaar · {export} CSV · {open} openen · {back} terug";
    ReportReceived => "Complaints received", "Ontvangen klachten";
    ReportWeek => "week {week} (from {date})", "week {week} (vanaf {date})";
    ReportPerService => "Per service", "Per dienst";
    ReportPerChannel => "Per channel", "Per kanaal";
    ReportCountShare => "{count} ({percent}%)", "{count} ({percent}%)";
    ReportNone => "none", "geen";
    ReportOpenAtEnd => "Open at the end of the period", "Open aan het eind van de periode";
    ReportAdmissibility => "Admissibility decisions", "Besluiten over ontvankelijkheid";
    ReportDeadlines => "Deadlines met in the period", "Termijnen gehaald in de periode";
    ReportAckWithin => "Acknowledgement within {days} wd", "Bevestiging binnen {days} wd";
    ReportOutcomeWithin => "Outcome within {days} wd", "Uitkomst binnen {days} wd";
    ReportCompliance => "{on_time}/{met} on time ({percent}%) · median {median} · p90 {p90} wd", "{on_time}/{met} op tijd ({percent}%) · mediaan {median} · p90 {p90} wd";
    ReportNoneMet => "none met in the period", "geen gehaald in de periode";
    ReportPercentiles => "wd: working days taken, for the outcome from complete information; median and 90th percentile (p90) by nearest rank", "wd: benodigde werkdagen, voor de uitkomst vanaf volledige informatie; mediaan en 90e percentiel (p90) volgens de dichtstbijzijnde rang";
    ReportBreaches => "Deadlines breached", "Overschreden termijnen";
    ReportNoBreaches => "No deadline was breached.", "Geen termijn overschreden.";
    ReportBreachMet => "{target}: {days} wd late · met {date}", "{target}: {days} wd te laat · gehaald {date}";
    ReportBreachOpen => "{target}: {days} wd late · not met, due {date}", "{target}: {days} wd te laat · niet gehaald, uiterlijk {date}";
    ReportSatisfaction => "Satisfaction at closing", "Tevredenheid bij afsluiten";
    ReportRepeats => "Repeat complainants", "Herhaalde klagers";
    ReportNoRepeats => "No contact complained more than once.", "Geen contact klaagde meer dan eens.";
    ReportRepeatCases => "{count} complaints: {ids}", "{count} klachten: {ids}";
    ReportRootCauses => "Root causes of the outcomes communicated, per service", "Oorzaken van de gecommuniceerde uitkomsten, per dienst";
    ReportBadDate => "{option}: \"{given}\" is not a date; write e.g. 2026-11-01.", "{option}: \"{given}\" is geen datum; schrijf bijv. 2026-11-01.";
    ReportFromAfterTo => "--from {from} is after --to {to}; give the earlier date first.", "--from {from} ligt na --to {to}; geef eerst de vroegste datum.";
    LearningsTitle => "Learnings register", "Leerpuntenregister";
    LearningsSummary => "{entries} root causes, {cases} cases", "{entries} oorzaken, {cases} klachten";
    LearningsCases => "{count} cases: {ids}", "{count} klachten: {ids}";
    LearningsOneCase => "{count} case: {ids}", "{count} klacht: {ids}";
    LearningsNoRootCause => "(no root cause recorded)", "(geen oorzaak vastgelegd)";
    LearningsNone => "No learnings yet: they are recorded when a case is closed.", "Nog geen leerpunten: die worden vastgelegd bij het afsluiten van een klacht.";
    LearningsNoMatch => "Nothing matches; Backspace edits the search, Esc clears it.", "Niets gevonden; Backspace past de zoekopdracht aan, Esc wist hem.";
    LearningsSearchHint => "Type to search services, root causes and learnings.", "Typ om te zoeken in diensten, oorzaken en leerpunten.";
    LearningsMatching => "{shown} of {total}", "{shown} van {total}";
    LearningsHints => "{export} export (Markdown) · {open} open case · Backspace search · {back} back", "{export} exporteren (Markdown) · {open} openen · Backspace zoeken · {back} terug";
    LearningsHintsTyping => "type to search · {open} open case · {back} done typing, then {export} exports", "typ om te zoeken · {open} openen · {back} klaar met typen, daarna {export}: exporteren";
    LearningsExported => "Exported {date}.", "Geëxporteerd op {date}.";
    LearningsSearched => "Search: \"{query}\".", "Zoekopdracht: \"{query}\".";

    // Filters.
    FilterMine => "mine", "van mij";
    FilterBreached => "breached", "overschreden";
    FilterDueToday => "due today", "vandaag uiterlijk";
    FilterNone => "all cases", "alle klachten";

    // Headings and labels in listings.
    HeadCase => "Case", "Klacht";
    HeadState => "State", "Status";
    HeadContact => "Contact", "Contact";
    HeadService => "Service", "Dienst";
    HeadDeadline => "Deadline", "Termijn";
    HeadDeadlines => "Deadlines", "Termijnen";
    HeadContactLog => "Contact log", "Contactlog";
    HeadAuditTrail => "Audit trail", "Audittrail";
    HeadSteps => "Procedure", "Procedure";
    HeadTimeline => "Timeline (newest first)", "Tijdlijn (nieuwste eerst)";
    LabelRegistered => "Registered", "Geregistreerd";
    LabelBy => "by", "door";
    LabelReceived => "received", "ontvangen";
    LabelOpenRequest => "still open", "nog open";
    LabelAdmissibility => "Admissibility", "Ontvankelijkheid";
    LabelSent => "sent", "verstuurd";
    LabelCommunicated => "Communicated", "Gecommuniceerd";
    LabelClosedAt => "Closed", "Afgesloten";
    LabelNone => "—", "—";

    // Issue 13: why is this due then? The deadline explained, and what a step will make it.
    ExplainTitle => "{id} · why is this due then?", "{id} · waarom deze termijn?";
    ExplainClockAcknowledge => "Clock: acknowledgement of receipt, {days} working days", "Klok: ontvangstbevestiging, {days} werkdagen";
    ExplainClockOutcome => "Clock: outcome, {days} working days", "Klok: uitkomst, {days} werkdagen";
    ExplainFromComplaint => "Counted from: the complaint, {at}", "Geteld vanaf: de klacht, {at}";
    ExplainFromStep => "Counted from: {step}, {at}", "Geteld vanaf: {step}, {at}";
    ExplainFromMoment => "Counted from: {at}", "Geteld vanaf: {at}";
    ExplainStartDay => "start: does not count", "start: telt niet mee";
    ExplainStartLate => "start after {time}, the end of the working day: does not count", "start na {time}, het einde van de werkdag: telt niet mee";
    ExplainStartOff => "start on a day off ({why}): does not count", "start op een vrije dag ({why}): telt niet mee";
    ExplainCounted => "working day {n}", "werkdag {n}";
    ExplainSkipped => "skipped: {why}", "overgeslagen: {why}";
    ExplainStartRule => "The start day never counts, whatever the time of day.", "De startdag telt nooit mee, hoe laat het ook is.";
    ExplainEndOfDay => "A working day ends at {time}.", "Een werkdag eindigt om {time}.";
    ExplainDue => "Due: {at}", "Uiterlijk: {at}";
    ExplainNow => "Now: {status}", "Nu: {status}";
    ExplainPaused => "The outcome clock is paused: waiting for information since {at} ({days} wd).", "De uitkomstklok staat stil: wacht sinds {at} op informatie ({days} wd).";
    ExplainPausedRestart => "It starts again in full, {days} working days, when the information comes in.", "Hij begint opnieuw, met {days} volle werkdagen, zodra de informatie binnen is.";
    ExplainStopped => "No deadline clock runs for this case now.", "Voor deze klacht loopt nu geen termijnklok.";
    ExplainVerdicts => "Recorded verdicts:", "Vastgelegde oordelen:";
    ExplainVerdict => "{target} ({days} wd) from {start}, due {due}: {verdict}", "{target} ({days} wd) vanaf {start}, uiterlijk {due}: {verdict}";
    ExplainNoVerdicts => "No target has been met yet.", "Nog geen termijn gehaald.";
    ActExplainDeadline => "deadline", "termijn";
    ActExplainDeadlineHelp => "Why is this due then? The deadline explained, day by day", "Waarom deze termijn? De termijn uitgelegd, dag voor dag";
    WhatIfDue => "{target} due: {at}", "{target} uiterlijk: {at}";
    WhatIfPaused => "{target} clock pauses; it starts again in full when the information comes in", "{target}klok staat stil; die begint opnieuw zodra de informatie binnen is";

    // Issue 13: patterns caught while they are small (the recurrence alert, repeat complainants).
    RecurrenceTitle => "A pattern", "Een patroon";
    RecurrenceAlert => "{nth} complaint about {service}: {cause}, in {days} days", "{nth} klacht over {service}: {cause}, in {days} dagen";
    RecurrenceAdvice => "The same root cause keeps coming back: worth raising with the service before it grows.", "Dezelfde grondoorzaak komt steeds terug: het aankaarten bij de dienst waard voordat het groeit.";
    RecurrenceHint => "{back} close", "{back} sluiten";
    OrdinalFirst => "{n}st", "{n}e";
    OrdinalSecond => "{n}nd", "{n}e";
    OrdinalThird => "{n}rd", "{n}e";
    OrdinalOther => "{n}th", "{n}e";
    RecurringMark => "recurring: {count} in {days} days", "terugkerend: {count} in {days} dagen";
    RepeatMarker => "{count}×", "{count}×";
    LegendTitle => "Marks on the cards", "Tekens op de kaarten";
    LegendRepeat => "The complainant has this many open cases (this one and others)", "Zoveel open klachten heeft deze klager (deze en andere)";

    // Issue 13: personal data off the screen.
    ActToggleMasking => "mask", "afschermen";
    ActToggleMaskingOff => "unmask", "tonen";
    ActToggleMaskingHelp => "Mask names, phones and e-mails on screen, or show them", "Namen, telefoons en e-mails afschermen, of weer tonen";
    HeaderMasked => "MASKED", "AFGESCHERMD";
    MaskingOn => "Personal data masked on this board ({key} shows it again).", "Persoonsgegevens afgeschermd op dit bord ({key} toont ze weer).";
    MaskingOff => "Personal data shown again ({key} masks it).", "Persoonsgegevens weer zichtbaar ({key} schermt ze af).";
    MaskedEditShowsReal => "Masking is on: this form shows the real value you edit.", "Afscherming staat aan: dit formulier toont de echte waarde die u bewerkt.";

    // Issue 13: what the complainant wants (the remedy sought, and whether the outcome granted it).
    FieldRemedy => "Remedy sought", "Gewenste oplossing";
    FieldRemedyText => "In their words", "In eigen woorden";
    FieldRemedyGranted => "Remedy granted", "Wens ingewilligd";
    RemedyApology => "Apology", "Excuses";
    RemedyCorrection => "Correction", "Rechtzetting";
    RemedyRefund => "Refund", "Terugbetaling";
    RemedyCall => "A call", "Telefoontje";
    RemedyOther => "Other", "Anders";
    GrantedGranted => "Granted", "Ingewilligd";
    GrantedPartly => "Partly", "Gedeeltelijk";
    GrantedNot => "Not granted", "Niet ingewilligd";
    ProblemUnknownRemedy => "\"{given}\" is not a remedy the desk records; choose one of: {known}.", "\"{given}\" is geen oplossing die de balie vastlegt; kies uit: {known}.";
    ProblemUnknownGranted => "\"{given}\" does not say whether the remedy was granted; choose one of: {known}.", "\"{given}\" zegt niet of de wens is ingewilligd; kies uit: {known}.";
    LetterRemedyApology => "You asked us for an apology{words}.", "U vroeg ons om excuses{words}.";
    LetterRemedyCorrection => "You asked us for a correction{words}.", "U vroeg ons om een rechtzetting{words}.";
    LetterRemedyRefund => "You asked us for a refund{words}.", "U vroeg ons om terugbetaling{words}.";
    LetterRemedyCall => "You asked us to call you{words}.", "U vroeg ons u te bellen{words}.";
    LetterRemedyOther => "You asked us for the following: {text}.", "U vroeg ons het volgende: {text}.";
    LetterRemedyWords => " (in your words: \u{201c}{text}\u{201d})", " (in uw woorden: \u{201c}{text}\u{201d})";
    ReportRemedy => "Remedy granted", "Wens ingewilligd";
    ReportRemedyNone => "No outcome in the period answered a remedy sought.", "Geen uitkomst in de periode beantwoordde een gewenste oplossing.";
    // Issue 13: promises to the complainant.
    StepMakePromise => "Promise the complainant", "Toezegging aan de klager";
    StepKeepPromise => "Promise kept", "Toezegging nagekomen";
    StepMovePromise => "Move a promise", "Toezegging verzetten";
    FieldPromiseWhat => "What was promised", "Wat is toegezegd";
    FieldPromiseDue => "By when", "Uiterlijk";
    FieldPromiseReason => "Why it moves", "Waarom verzet";
    FieldPromises => "Promise", "Toezegging";
    ProblemInPast => "{field} has passed already: give a moment still to come, e.g. tomorrow or thu 12:00.", "{field} is al voorbij: geef een moment dat nog komt, bijvoorbeeld morgen of do 12:00.";
    ProblemNoSuchPromise => "This case has no such promise (number {n}); open the case again to see its promises.", "Deze klacht heeft zo'n toezegging niet (nummer {n}); open de klacht opnieuw om de toezeggingen te zien.";
    ProblemPromiseAlreadyKept => "That promise was kept already, on {at}.", "Die toezegging is al nagekomen, op {at}.";
    ProblemNoOutstandingPromise => "{id} has no promise outstanding: nothing to keep or move. Make one with {key}.", "{id} heeft geen openstaande toezegging: niets na te komen of te verzetten. Leg er een vast met {key}.";
    DoneMakePromise => "Promise recorded on {id}.", "Toezegging vastgelegd bij {id}.";
    DoneKeepPromise => "Promise kept on {id}.", "Toezegging nagekomen bij {id}.";
    DoneMovePromise => "Promise moved on {id}; the reason is in the audit trail.", "Toezegging verzet bij {id}; de reden staat in het logboek.";
    PromiseToday => "today {time}", "vandaag {time}";
    PromiseTomorrow => "tomorrow {time}", "morgen {time}";
    PromiseBadge => "{what} {when}", "{what} {when}";
    PromiseBadgeLate => "! {what} {when}", "! {what} {when}";
    PromiseOption => "{what} · {when}", "{what} · {when}";
    PromiseNotKeptByThis => "none kept by this", "geen nagekomen hiermee";
    PromiseDueWhatIf => "Promise due: {at}", "Toezegging uiterlijk: {at}";
    PromisesTitle => "Promises", "Toezeggingen";
    PromiseOutstanding => "{what}: due {when}", "{what}: uiterlijk {when}";
    PromiseKeptOnTime => "{what}: kept {when}, on time", "{what}: nagekomen {when}, op tijd";
    PromiseKeptLate => "{what}: kept {when}, late (due {due})", "{what}: nagekomen {when}, te laat (uiterlijk {due})";
    PromiseMoved => "moved from {from} to {to} by {by}: {reason}", "verzet van {from} naar {to} door {by}: {reason}";
    HeaderPromises => "promises {due} due · {late} late", "toezeggingen {due} vandaag · {late} te laat";
    HeaderPromisesCompact => "promised {due} !{late}", "toegezegd {due} !{late}";
    ActPromise => "promise", "toezegging";
    ActPromiseHelp => "Record a promise to the complainant: what, by when (default the end of the next working day)", "Een toezegging aan de klager vastleggen: wat, uiterlijk wanneer (standaard het einde van de volgende werkdag)";
    ActKeepPromise => "promise kept", "toezegging nagekomen";
    ActKeepPromiseHelp => "Mark a promise to the complainant kept", "Een toezegging aan de klager als nagekomen markeren";
    ActMovePromise => "move promise", "toezegging verzetten";
    ActMovePromiseHelp => "Move a promise to the complainant to another moment, with a reason", "Een toezegging aan de klager verzetten naar een ander moment, met een reden";
    ReportPromisesKept => "Promises kept on time", "Toezeggingen op tijd nagekomen";
    ReportPromisesKeptShare => "{on_time} of {due} ({percent}%)", "{on_time} van {due} ({percent}%)";
    ReportPromisesNoneDue => "none due in the period", "geen in de periode";
}
