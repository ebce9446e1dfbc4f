//! The layers of docs/architecture.md, checked from the code's own `use crate::` paths: each
//! layer imports only those below it, no two modules import each other (directly or round a
//! circle), and no file grows past 600 lines without saying why at its top.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// What each layer may import (itself included).
const RULES: &[(&str, &[&str])] = &[
    ("domain", &["domain"]),
    ("store", &["domain", "store"]),
    ("export", &["domain", "store", "export"]),
    ("session", &["domain", "store", "session"]),
    ("tui", &["domain", "store", "export", "session", "tui"]),
    (
        "cli",
        &["domain", "store", "export", "session", "tui", "cli"],
    ),
];

const LONG_FILE_LINES: usize = 600;
const LONG_FILE_REASON: &str = "//! Why this file is long:";

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The module a file is, as path segments under `src` (`tui/app/input.rs` → tui, app, input).
fn module_of(path: &Path) -> Vec<String> {
    let rel = path.strip_prefix(src()).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|s| s.to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// Test code may reach across layers (a domain test reads a stored file): it is left out.
fn is_test_file(path: &Path) -> bool {
    let name = path.file_stem().unwrap().to_string_lossy();
    name == "tests" || name.ends_with("_tests") || name == "proptests"
}

fn without_tests(text: &str) -> &str {
    match text.find("#[cfg(test)]\nmod tests {") {
        Some(i) => &text[..i],
        None => text,
    }
}

/// The `crate::a::b` paths a file names (macros, `crate::usage!`, are not modules).
fn crate_paths(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("crate::") {
        let after = &rest[i + "crate::".len()..];
        let end = after
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
            .unwrap_or(after.len());
        let path = &after[..end];
        if !after[end..].starts_with('!') {
            let parts: Vec<String> = path
                .split("::")
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            if !parts.is_empty() {
                out.push(parts);
            }
        }
        rest = &after[end..];
    }
    out
}

/// Every module (to the depth of `domain::ops`, `tui::app`) and those it imports.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let node_of = |f: &Path| {
        let m = module_of(f);
        m[..m.len().min(2)].join("::")
    };
    // lib.rs and main.rs declare and start; tests reach across layers.
    files.retain(|f| {
        module_of(f)
            .first()
            .is_some_and(|m| m != "lib" && m != "main")
    });
    files.retain(|f| !is_test_file(f));
    let nodes: BTreeSet<String> = files.iter().map(|f| node_of(f)).collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in &files {
        let node = node_of(f);
        let text = std::fs::read_to_string(f).unwrap();
        for path in crate_paths(without_tests(&text)) {
            // `crate::store::Store` is the layer's root module; `crate::domain::ops::Op` a module.
            let two = path[..path.len().min(2)].join("::");
            let target = if nodes.contains(&two) {
                two
            } else {
                path[0].clone()
            };
            // A layer's root module and its own submodules are one unit of the tree (the root
            // declares them; they use its types): not a circle.
            let within = node.split("::").next() == Some(target.as_str())
                || target.split("::").next() == Some(node.as_str());
            if target != node && !within {
                edges.entry(node.clone()).or_default().insert(target);
            }
        }
    }
    edges
}

/// Each import that breaks the layer rules, as "from imports to".
fn layer_violations(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    let mut broken = Vec::new();
    for (from, targets) in edges {
        let layer = from.split("::").next().unwrap();
        let allowed = RULES
            .iter()
            .find(|(l, _)| *l == layer)
            .unwrap_or_else(|| panic!("{from}: src/{layer} is not a layer of docs/architecture.md"))
            .1;
        for t in targets {
            if !allowed.contains(&t.split("::").next().unwrap()) {
                broken.push(format!("{from} imports {t}"));
            }
        }
    }
    broken
}

#[test]
fn each_layer_imports_only_the_layers_below_it() {
    let broken = layer_violations(&graph());
    assert!(
        broken.is_empty(),
        "layer rules broken:\n{}",
        broken.join("\n")
    );
}

#[test]
fn a_forbidden_import_is_caught() {
    let mut edges = graph();
    edges
        .entry("domain::calendar".into())
        .or_default()
        .insert("tui::app".into());
    edges
        .entry("store::read".into())
        .or_default()
        .insert("cli::commands".into());
    assert_eq!(
        layer_violations(&edges),
        [
            "domain::calendar imports tui::app",
            "store::read imports cli::commands"
        ]
    );
}

#[test]
fn no_two_modules_import_each_other_round_a_circle() {
    let edges = graph();
    // Depth-first search for a back edge; the circle is reported as the path that closes it.
    fn visit(
        n: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
        found: &mut Vec<String>,
    ) {
        state.insert(n.to_string(), 1);
        stack.push(n.to_string());
        for m in edges.get(n).into_iter().flatten() {
            match state.get(m.as_str()).copied().unwrap_or(0) {
                0 => visit(m, edges, state, stack, found),
                1 => {
                    let at = stack.iter().position(|x| x == m).unwrap();
                    found.push(format!("{} -> {m}", stack[at..].join(" -> ")));
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(n.to_string(), 2);
    }
    let mut state = BTreeMap::new();
    let mut found = Vec::new();
    for n in edges.keys() {
        if !state.contains_key(n) {
            visit(n, &edges, &mut state, &mut Vec::new(), &mut found);
        }
    }
    assert!(found.is_empty(), "import circles:\n{}", found.join("\n"));
}

#[test]
fn a_file_past_600_lines_says_why_at_its_top() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut long = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let lines = text.lines().count();
        let head: Vec<&str> = text.lines().take(20).collect();
        if lines > LONG_FILE_LINES && !head.iter().any(|l| l.starts_with(LONG_FILE_REASON)) {
            long.push(format!("{} ({lines} lines)", f.display()));
        }
    }
    assert!(
        long.is_empty(),
        "split these by responsibility, or say at the top (`{LONG_FILE_REASON} ...`) why not:\n{}",
        long.join("\n")
    );
}

#[test]
fn the_checker_sees_imports_and_skips_macros() {
    let paths = crate_paths(
        "use crate::domain::ops::{Op, Part};\ncrate::usage!(\"x\");\nlet s = crate::store::Store::new(d);",
    );
    assert_eq!(
        paths,
        vec![
            vec!["domain".to_string(), "ops".into()],
            vec!["store".into(), "Store".into(), "new".into()],
        ]
    );
}
