//! Grouping for a report: the complaints of one contact, and the cases of one
//! root cause.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

use super::{Cause, Repeat, ServiceCauses, normalise};
use crate::domain::case::{Case, CaseId};
use crate::domain::complainant::keys;

/// Contacts with more than one complaint in the period: the same phone number
/// (however written), the same e-mail address (in any case), or — for a
/// contact with neither — the same name. Complaints sharing either detail are
/// one contact's.
pub(super) fn repeats(received: &[&Case]) -> Vec<Repeat> {
    let mut parent: Vec<usize> = (0..received.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut owner: HashMap<String, usize> = HashMap::new();
    for (i, case) in received.iter().enumerate() {
        for key in keys(&case.contact) {
            match owner.get(&key) {
                Some(&j) => {
                    let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                    parent[a.max(b)] = a.min(b);
                }
                None => {
                    owner.insert(key, i);
                }
            }
        }
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of: HashMap<usize, usize> = HashMap::new();
    for i in 0..received.len() {
        let r = root(&mut parent, i);
        let g = *group_of.entry(r).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(i);
    }
    let mut repeats: Vec<Repeat> = groups
        .into_iter()
        .filter(|g| g.len() > 1)
        .map(|g| {
            let first = received[g[0]];
            Repeat {
                name: first.contact.name.clone(),
                organisation: first.contact.organisation.clone(),
                cases: g.iter().map(|&i| received[i].id).collect(),
            }
        })
        .collect();
    repeats.sort_by(|a, b| {
        b.cases
            .len()
            .cmp(&a.cases.len())
            .then_with(|| a.cases[0].cmp(&b.cases[0]))
    });
    repeats
}

pub(super) fn root_causes(mut found: Vec<(DateTime<Utc>, CaseId, &str, String)>) -> Vec<ServiceCauses> {
    found.sort_by_key(|(at, id, _, _)| (*at, *id));
    // Per service, its causes in the order first seen; indexed by
    // (service, normalised cause).
    let mut services: Vec<(String, Vec<Cause>)> = Vec::new();
    let mut service_at: HashMap<String, usize> = HashMap::new();
    let mut cause_at: HashMap<(usize, String), usize> = HashMap::new();
    let mut counted: HashSet<(usize, usize, CaseId)> = HashSet::new();
    for (_, id, service, text) in found {
        let s = *service_at.entry(service.to_string()).or_insert_with(|| {
            services.push((service.to_string(), Vec::new()));
            services.len() - 1
        });
        let causes = &mut services[s].1;
        let c = *cause_at.entry((s, normalise(&text))).or_insert_with(|| {
            causes.push(Cause {
                text,
                cases: Vec::new(),
            });
            causes.len() - 1
        });
        if counted.insert((s, c, id)) {
            causes[c].cases.push(id);
        }
    }
    let mut out: Vec<ServiceCauses> = services
        .into_iter()
        .map(|(service, mut causes)| {
            // Stable: equally frequent causes stay in the order first seen.
            causes.sort_by_key(|c| std::cmp::Reverse(c.cases.len()));
            ServiceCauses { service, causes }
        })
        .collect();
    out.sort_by_key(|s| s.service.to_lowercase());
    out
}
