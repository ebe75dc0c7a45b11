//! The catalogue of services a complaint can be about.
//!
//! A case stores a service by its id. A desk's own services (the `services`
//! setting) are their own id, as written. The built-in ones are stored under
//! their English name, as every case has stored them from the first version:
//! databases, backups, exports and append-only audit trails written before
//! services had names in two languages hold ids already, and an import still
//! replays them to exactly the case in the file. Their names on screen, in
//! either language, come from the i18n catalogue.

use super::problem::Problem;

/// The services offered until the desk configures its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BuiltInService {
    PenetrationTesting,
    SecurityMonitoring,
    IncidentResponse,
    AwarenessTraining,
    Consultancy,
    Other,
}

impl BuiltInService {
    pub const ALL: [BuiltInService; 6] = [
        BuiltInService::PenetrationTesting,
        BuiltInService::SecurityMonitoring,
        BuiltInService::IncidentResponse,
        BuiltInService::AwarenessTraining,
        BuiltInService::Consultancy,
        BuiltInService::Other,
    ];

    /// What a case stores; never changes, whatever the service is called.
    pub fn id(self) -> &'static str {
        match self {
            BuiltInService::PenetrationTesting => "Penetration testing",
            BuiltInService::SecurityMonitoring => "Security monitoring (SOC)",
            BuiltInService::IncidentResponse => "Incident response",
            BuiltInService::AwarenessTraining => "Awareness training",
            BuiltInService::Consultancy => "Consultancy",
            BuiltInService::Other => "Other",
        }
    }

    /// The built-in service stored under `id`, if it is one.
    pub fn of_id(id: &str) -> Option<BuiltInService> {
        Self::ALL.into_iter().find(|s| s.id() == id)
    }
}

/// The ids of the services offered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalogue {
    services: Vec<String>,
}

impl Default for Catalogue {
    fn default() -> Self {
        Self::new(BuiltInService::ALL.iter().map(|s| s.id().to_string()).collect())
    }
}

impl Catalogue {
    /// A catalogue of the given ids; an empty list means the built-in one.
    pub fn new(services: Vec<String>) -> Self {
        let services: Vec<String> = services
            .into_iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        if services.is_empty() {
            Self::default()
        } else {
            Self { services }
        }
    }

    pub fn services(&self) -> &[String] {
        &self.services
    }

    /// The catalogue's spelling of a service id, matched case-insensitively;
    /// an unknown one is refused with the ids offered. Names in the
    /// operator's language are turned into ids at the edge, before this.
    pub fn resolve(&self, given: &str) -> Result<String, Problem> {
        let wanted = given.trim().to_lowercase();
        self.services
            .iter()
            .find(|s| s.to_lowercase() == wanted)
            .cloned()
            .ok_or_else(|| Problem::UnknownService {
                given: given.trim().to_string(),
                known: self.services.clone(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn services_match_case_insensitively() {
        let c = Catalogue::default();
        assert_eq!(c.resolve("incident RESPONSE").unwrap(), "Incident response");
        assert_eq!(
            c.resolve(" security monitoring (soc) ").unwrap(),
            "Security monitoring (SOC)"
        );
    }

    #[test]
    fn unknown_service_is_refused_with_the_list() {
        let c = Catalogue::default();
        match c.resolve("Catering") {
            Err(Problem::UnknownService { given, known }) => {
                assert_eq!(given, "Catering");
                assert_eq!(known.len(), 6);
            }
            other => panic!("expected refusal, got {other:?}"),
        }
    }

    #[test]
    fn configured_catalogue_replaces_the_default() {
        let c = Catalogue::new(vec!["Red teaming".into(), " ".into()]);
        assert_eq!(c.services(), ["Red teaming"]);
        assert!(c.resolve("Other").is_err());
        assert_eq!(Catalogue::new(vec![]), Catalogue::default());
    }

    #[test]
    fn built_in_ids_are_the_names_stored_before() {
        assert_eq!(
            BuiltInService::of_id("Penetration testing"),
            Some(BuiltInService::PenetrationTesting)
        );
        assert_eq!(BuiltInService::of_id("penetration testing"), None);
        assert_eq!(BuiltInService::of_id("Red teaming"), None);
    }
}
