//! The committed man/ and completions/ must be what the clap definitions generate.
//! Regenerate with: UPDATE_DOCS=1 cargo test --test docs_fresh

use std::path::Path;

fn check(dir: &str, files: Vec<(String, Vec<u8>)>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    if std::env::var_os("UPDATE_DOCS").is_some() {
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).unwrap();
        for (name, body) in &files {
            std::fs::write(root.join(name), body).unwrap();
        }
        return;
    }
    let mut stale = Vec::new();
    for (name, body) in &files {
        match std::fs::read(root.join(name)) {
            Ok(old) if &old == body => {}
            _ => stale.push(name.clone()),
        }
    }
    let mut committed: Vec<String> = std::fs::read_dir(&root)
        .map(|rd| rd.map(|e| e.unwrap().file_name().into_string().unwrap()).collect())
        .unwrap_or_default();
    committed.retain(|n| !files.iter().any(|(f, _)| f == n));
    assert!(
        stale.is_empty() && committed.is_empty(),
        "{dir}/ is out of date (stale: {stale:?}, extra: {committed:?}); regenerate with: UPDATE_DOCS=1 cargo test --test docs_fresh"
    );
}

#[test]
fn man_pages_are_fresh() {
    check("man", ciliumrs::docs::man_pages().unwrap());
}

#[test]
fn completions_are_fresh() {
    let files = ciliumrs::docs::SHELLS
        .iter()
        .map(|(shell, name)| {
            let mut buf = Vec::new();
            ciliumrs::docs::completion(*shell, &mut buf);
            (name.to_string(), buf)
        })
        .collect();
    check("completions", files);
}
