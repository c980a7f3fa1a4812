//! Layers only point down: no module of `src/` may reach, through `crate::`, `super::` or
//! `self::` paths, a module that reaches it back. Checked twice: between top-level modules
//! (`datapath` must not use `world` when `world` uses `datapath`) and between files
//! (`maps::lb::write` and `maps::lb::index` may not use each other both ways). A module
//! may use its own parent (`maps::ct` uses helpers of `maps`): the parent is its namespace.
//! Test modules (`#[cfg(test)] mod tests`) are not part of the graph.
//!
//! The parser reads `use` trees and inline paths; it is deliberately small: a path it cannot
//! resolve to a module file is ignored (it names an item of a module already counted).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Graph = BTreeMap<String, BTreeSet<String>>;

/// Every `.rs` file under `src/` as (module path, source), without `main.rs`/`lib.rs`.
fn modules() -> BTreeMap<String, String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    let mut mods = BTreeMap::new();
    for f in files {
        let rel = f.strip_prefix(&src).unwrap().with_extension("");
        let mut parts: Vec<String> = rel.iter().map(|s| s.to_string_lossy().into_owned()).collect();
        if parts.last().is_some_and(|l| l == "mod") {
            parts.pop();
        }
        if parts == ["lib"] || parts == ["main"] {
            continue;
        }
        mods.insert(parts.join("::"), std::fs::read_to_string(&f).unwrap());
    }
    mods
}

/// The source without line comments and without the trailing test module.
fn code(src: &str) -> String {
    let body = match src.find("#[cfg(test)]\nmod tests") {
        Some(i) => &src[..i],
        None => src,
    };
    body.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

/// Expands a `use` tree (`a::{b, c::{d, e}}`) into its paths.
fn expand(prefix: &str, tree: &str, out: &mut Vec<String>) {
    let tree = tree.trim();
    if tree.is_empty() {
        return;
    }
    if let Some(i) = tree.find('{') {
        let head = &tree[..i];
        let inner = &tree[i + 1..tree.rfind('}').unwrap_or(tree.len())];
        let (mut depth, mut start) = (0, 0);
        for (j, ch) in inner.char_indices() {
            match ch {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    expand(&format!("{prefix}{head}"), &inner[start..j], out);
                    start = j + 1;
                }
                _ => {}
            }
        }
        expand(&format!("{prefix}{head}"), &inner[start..], out);
        return;
    }
    let path = tree.split(" as ").next().unwrap().trim();
    let path = path.strip_suffix("::self").unwrap_or(path);
    out.push(format!("{prefix}{path}"));
}

/// Every path the module names, made absolute (`datapath::node::Step`).
fn paths(module: &str, code: &str) -> Vec<String> {
    let parent: Vec<&str> = module.split("::").collect();
    let absolute = |p: &str| -> Option<String> {
        let p = p.trim_end_matches(':');
        if let Some(rest) = p.strip_prefix("crate::") {
            Some(rest.to_string())
        } else if let Some(rest) = p.strip_prefix("super::") {
            let up = &parent[..parent.len().saturating_sub(1)];
            Some(up.iter().copied().chain(std::iter::once(rest)).collect::<Vec<_>>().join("::"))
        } else {
            p.strip_prefix("self::").map(|rest| format!("{module}::{rest}"))
        }
    };
    let mut raw = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("use ") {
        let boundary =
            i == 0 || !rest.as_bytes()[i - 1].is_ascii_alphanumeric() && rest.as_bytes()[i - 1] != b'_';
        let after = &rest[i + 4..];
        let end = after.find(';').unwrap_or(after.len());
        if boundary {
            expand("", &after[..end], &mut raw);
        }
        rest = &after[if boundary { end } else { 0 }..];
    }
    for start in ["crate::", "super::", "self::"] {
        let mut rest = code;
        while let Some(i) = rest.find(start) {
            let tail = &rest[i..];
            let end =
                tail.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).unwrap_or(tail.len());
            raw.push(tail[..end].to_string());
            rest = &tail[start.len()..];
        }
    }
    raw.iter().filter_map(|p| absolute(p)).collect()
}

/// Edges between modules: to the deepest module file a path names, never to an ancestor.
fn graph(mods: &BTreeMap<String, String>, top: bool) -> Graph {
    let resolve = |p: &str| -> Option<String> {
        let segs: Vec<&str> = p.split("::").collect();
        (1..=segs.len()).rev().map(|n| segs[..n].join("::")).find(|c| mods.contains_key(c))
    };
    let mut g = Graph::new();
    for (m, src) in mods {
        let from = if top { m.split("::").next().unwrap().to_string() } else { m.clone() };
        let entry = g.entry(from.clone()).or_default();
        for p in paths(m, &code(src)) {
            let Some(t) = resolve(&p) else { continue };
            let to = if top { t.split("::").next().unwrap().to_string() } else { t };
            if to != from && !from.starts_with(&format!("{to}::")) {
                entry.insert(to);
            }
        }
    }
    g
}

/// The strongly connected components of more than one module (Tarjan).
fn cycles(g: &Graph) -> Vec<Vec<String>> {
    struct T<'a> {
        g: &'a Graph,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(t: &mut T<'a>, v: &'a str) {
        let n = t.index.len();
        t.index.insert(v, n);
        t.low.insert(v, n);
        t.stack.push(v);
        for w in t.g.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !t.index.contains_key(w) {
                visit(t, w);
                let lw = t.low[w];
                let lv = t.low.get_mut(v).unwrap();
                *lv = (*lv).min(lw);
            } else if t.stack.contains(&w) {
                let iw = t.index[w];
                let lv = t.low.get_mut(v).unwrap();
                *lv = (*lv).min(iw);
            }
        }
        if t.low[v] == t.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = t.stack.pop() {
                comp.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                t.out.push(comp);
            }
        }
    }
    let mut t = T { g, index: BTreeMap::new(), low: BTreeMap::new(), stack: Vec::new(), out: Vec::new() };
    for v in g.keys() {
        if !t.index.contains_key(v.as_str()) {
            visit(&mut t, v);
        }
    }
    t.out
}

fn describe(g: &Graph, found: &[Vec<String>]) -> String {
    let mut s = String::new();
    for comp in found {
        s.push_str(&format!("cycle between {}:\n", comp.join(", ")));
        for m in comp {
            let back: Vec<&str> = g[m].iter().filter(|t| comp.contains(t)).map(String::as_str).collect();
            s.push_str(&format!("  {m} uses {}\n", back.join(", ")));
        }
    }
    s
}

#[test]
fn top_level_modules_form_no_cycle() {
    let g = graph(&modules(), true);
    let found = cycles(&g);
    assert!(found.is_empty(), "layers must only point down:\n{}", describe(&g, &found));
}

#[test]
fn module_files_form_no_cycle() {
    let g = graph(&modules(), false);
    let found = cycles(&g);
    assert!(found.is_empty(), "layers must only point down:\n{}", describe(&g, &found));
}

/// The checker itself finds a cycle written in each form it parses.
#[test]
fn the_checker_sees_each_form_of_path() {
    let mods: BTreeMap<String, String> = [
        ("a".to_string(), "use crate::b::{self, Thing};\n".to_string()),
        ("b".to_string(), "fn f() { crate::a::go() }\n".to_string()),
        ("c::x".to_string(), "use super::{y::Y, z};\n".to_string()),
        ("c::y".to_string(), "fn g() { super::x::h() }\n".to_string()),
        (
            "c::z".to_string(),
            "// use super::x;\n#[cfg(test)]\nmod tests { use super::super::x; }\n".to_string(),
        ),
        ("c".to_string(), "pub mod x; pub mod y; pub mod z;\n".to_string()),
    ]
    .into_iter()
    .collect();
    let files = cycles(&graph(&mods, false));
    assert_eq!(
        files,
        vec![vec!["a".to_string(), "b".to_string()], vec!["c::x".to_string(), "c::y".to_string()]]
    );
    let top = cycles(&graph(&mods, true));
    assert_eq!(top, vec![vec!["a".to_string(), "b".to_string()]]);
}
