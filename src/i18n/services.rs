//! Services by name: a built-in one in the operator's language, a desk's own
//! as the desk wrote it; and back from any of those names to the id stored.

use crate::domain::problem::Problem;
use crate::domain::service::{BuiltInService, Catalogue};

use super::{Lang, T};

pub fn built_in_service_key(service: BuiltInService) -> T {
    match service {
        BuiltInService::PenetrationTesting => T::ServicePenetrationTesting,
        BuiltInService::SecurityMonitoring => T::ServiceSecurityMonitoring,
        BuiltInService::IncidentResponse => T::ServiceIncidentResponse,
        BuiltInService::AwarenessTraining => T::ServiceAwarenessTraining,
        BuiltInService::Consultancy => T::ServiceConsultancy,
        BuiltInService::Other => T::ServiceOther,
    }
}

/// The name of the service stored as `id`, in the operator's language.
pub fn service_name(lang: Lang, id: &str) -> &str {
    match BuiltInService::of_id(id) {
        Some(service) => lang.t(built_in_service_key(service)),
        None => id,
    }
}

/// The catalogue's services by name, in its order, for a list to pick from.
pub fn service_names(lang: Lang, catalogue: &Catalogue) -> Vec<String> {
    catalogue
        .services()
        .iter()
        .map(|id| service_name(lang, id).to_string())
        .collect()
}

/// The id of the catalogue's service that `given` names, in any case: its id,
/// or a built-in one's name in English or Dutch. An id goes first, so that a
/// desk's own service keeps its words even where they are a built-in's name.
pub fn service_id<'a>(catalogue: &'a Catalogue, given: &str) -> Option<&'a str> {
    let wanted = given.trim().to_lowercase();
    let same = |name: &str| name.to_lowercase() == wanted;
    let mut ids = catalogue.services().iter().map(String::as_str);
    ids.clone().find(|id| same(id)).or_else(|| {
        ids.find(|id| {
            BuiltInService::of_id(id).is_some_and(|s| {
                [Lang::En, Lang::Nl]
                    .iter()
                    .any(|lang| same(lang.t(built_in_service_key(s))))
            })
        })
    })
}

/// What to hand the domain for a service typed or picked: its id when
/// `given` names one, else `given` as it is, for the domain to refuse.
pub fn service_id_or_given(catalogue: &Catalogue, given: &str) -> String {
    service_id(catalogue, given).map_or_else(|| given.to_string(), str::to_string)
}

/// The id of the catalogue's service `given` names, or the domain's refusal
/// (worded with the names in the operator's language).
pub fn resolve_service(catalogue: &Catalogue, given: &str) -> Result<String, Problem> {
    catalogue.resolve(&service_id_or_given(catalogue, given))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_services_have_a_name_in_each_language() {
        assert_eq!(
            service_name(Lang::En, "Penetration testing"),
            "Penetration testing"
        );
        assert_eq!(service_name(Lang::Nl, "Penetration testing"), "Penetratietesten");
        assert_eq!(service_name(Lang::Nl, "Red teaming"), "Red teaming");
    }

    #[test]
    fn any_name_of_a_service_gives_its_id() {
        let c = Catalogue::default();
        for given in ["Penetration testing", "PENETRATIETESTEN", " penetratietesten "] {
            assert_eq!(service_id(&c, given), Some("Penetration testing"), "{given}");
        }
        assert_eq!(service_id(&c, "overig"), Some("Other"));
        assert_eq!(service_id(&c, "Catering"), None);
        assert_eq!(service_id_or_given(&c, "Catering"), "Catering");
    }

    #[test]
    fn a_desks_own_service_is_its_own_id() {
        let c = Catalogue::new(vec!["Overig".into(), "Other".into()]);
        assert_eq!(service_id(&c, "overig"), Some("Overig"));
        let own = Catalogue::new(vec!["Red teaming".into()]);
        assert_eq!(service_id(&own, "Overig"), None);
        assert_eq!(service_names(Lang::Nl, &own), ["Red teaming"]);
    }
}
