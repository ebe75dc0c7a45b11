//! The layers depend one way: no module of ours names, through any chain of
//! others, a module that names it (ARCHITECTURE.md draws them). This reads
//! the sources, so a new `use` that closes a cycle fails here, naming it.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// Every top-level module's file contents, tests and comments left out.
fn modules() -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(&root).unwrap();
            let top = rel
                .components()
                .next()
                .unwrap()
                .as_os_str()
                .to_string_lossy()
                .trim_end_matches(".rs")
                .to_string();
            if top == "lib" || top == "main" {
                continue;
            }
            let text = fs::read_to_string(&path).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            let code: String = code
                .lines()
                .map(|l| l.split("//").next().unwrap_or(""))
                .collect::<Vec<_>>()
                .join("\n");
            out.entry(top).or_default().push_str(&code);
        }
    }
    out
}

/// Which modules each module names (`crate::name`).
fn dependencies() -> BTreeMap<String, BTreeSet<String>> {
    let modules = modules();
    modules
        .iter()
        .map(|(name, code)| {
            let used = code
                .match_indices("crate::")
                .map(|(at, _)| {
                    code[at + 7..]
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect::<String>()
                })
                .filter(|used| used != name && modules.contains_key(used))
                .collect();
            (name.clone(), used)
        })
        .collect()
}

/// A chain from `from` back to `from`, if there is one.
fn cycle_through(from: &str, deps: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    let mut stack = vec![(from.to_string(), vec![from.to_string()])];
    let mut seen = BTreeSet::new();
    while let Some((at, path)) = stack.pop() {
        for next in deps.get(&at).into_iter().flatten() {
            if next == from {
                let mut cycle = path.clone();
                cycle.push(next.clone());
                return Some(cycle);
            }
            if seen.insert(next.clone()) {
                let mut longer = path.clone();
                longer.push(next.clone());
                stack.push((next.clone(), longer));
            }
        }
    }
    None
}

#[test]
fn no_module_depends_on_itself_through_others() {
    let deps = dependencies();
    assert!(deps.len() > 10, "the sources were read: {deps:?}");
    let cycles: Vec<String> = deps
        .keys()
        .filter_map(|m| cycle_through(m, &deps))
        .map(|c| c.join(" → "))
        .collect();
    assert!(
        cycles.is_empty(),
        "cycles between modules:\n{}",
        cycles.join("\n")
    );
}

#[test]
fn the_lower_layers_name_nothing_above_them() {
    let deps = dependencies();
    let above_all = ["app", "ui", "tui", "cli", "bench"];
    for lower in [
        "domain", "store", "desk", "exchange", "i18n", "action", "keymap", "sanitize",
    ] {
        for used in deps.get(lower).into_iter().flatten() {
            assert!(!above_all.contains(&used.as_str()), "{lower} names {used}");
        }
    }
    assert!(
        deps["domain"].iter().all(|d| d == "sanitize"),
        "the domain is pure: {:?}",
        deps["domain"]
    );
}
