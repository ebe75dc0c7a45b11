//! The root causes recorded before on a service, offered as completions in
//! the root-cause field, so that the same cause is written the same way (and
//! counted as one): the most used first, each in its most used spelling.

use std::collections::HashMap;

use crate::app::App;
use crate::domain::case::CaseId;
use crate::domain::report::normalise;

/// The earlier root causes of `service`, but case `id`'s own.
pub fn earlier(app: &App, service: &str, id: CaseId) -> Vec<String> {
    // Per normalised cause: how many cases, and how often each spelling.
    let mut causes: HashMap<String, (usize, HashMap<String, usize>)> = HashMap::new();
    for s in app.cases.read().iter() {
        if s.id == id || s.service != service || s.root_cause.trim().is_empty() {
            continue;
        }
        let (count, spellings) = causes.entry(normalise(&s.root_cause)).or_default();
        *count += 1;
        *spellings.entry(s.root_cause.trim().to_string()).or_default() += 1;
    }
    let mut ranked: Vec<(usize, String)> = causes
        .into_values()
        .filter_map(|(count, spellings)| {
            let spelling = spellings
                .into_iter()
                .max_by(|(a, n), (b, m)| n.cmp(m).then_with(|| b.cmp(a)))?
                .0;
            Some((count, spelling))
        })
        .collect();
    ranked.sort_by(|(n, a), (m, b)| m.cmp(n).then_with(|| a.to_lowercase().cmp(&b.to_lowercase())));
    ranked.into_iter().map(|(_, text)| text).collect()
}
