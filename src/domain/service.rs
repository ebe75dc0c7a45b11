//! The catalogue of services a complaint can be about.

use super::problem::Problem;

/// The services offered until the desk configures its own.
pub const DEFAULT_SERVICES: [&str; 6] = [
    "Penetration testing",
    "Security monitoring (SOC)",
    "Incident response",
    "Awareness training",
    "Consultancy",
    "Other",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalogue {
    services: Vec<String>,
}

impl Default for Catalogue {
    fn default() -> Self {
        Self::new(DEFAULT_SERVICES.iter().map(|s| s.to_string()).collect())
    }
}

impl Catalogue {
    /// A catalogue of the given names; an empty list means the default one.
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

    /// The catalogue's spelling of a service, matched case-insensitively; an
    /// unknown one is refused with the list of known ones.
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

    /// The services whose name contains `typed` (case-insensitive), for a
    /// type-to-filter picker; those starting with it first.
    pub fn matching(&self, typed: &str) -> Vec<&str> {
        let typed = typed.trim().to_lowercase();
        let mut hits: Vec<(bool, &str)> = self
            .services
            .iter()
            .filter(|s| s.to_lowercase().contains(&typed))
            .map(|s| (!s.to_lowercase().starts_with(&typed), s.as_str()))
            .collect();
        hits.sort_by_key(|(later, _)| *later);
        hits.into_iter().map(|(_, s)| s).collect()
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
    fn typing_filters_the_catalogue() {
        let c = Catalogue::default();
        assert_eq!(
            c.matching("in"),
            [
                "Incident response",
                "Penetration testing",
                "Security monitoring (SOC)",
                "Awareness training"
            ]
        );
        assert_eq!(c.matching("").len(), 6);
    }
}
