//! The embedded eBPF objects against the Rust side: every map definition matches the spec
//! table, the reason codes and tail-call slots agree with their Rust tables, and the
//! committed objects are what `ebpf/Makefile` builds from the sources today.

use std::path::Path;
use std::process::Command;

use ciliumrs::datapath::{objects, slots};
use ciliumrs::maps::spec::{self, MaxEntries};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn every_map_definition_matches_the_spec_table() {
    for (file, bytes) in objects::ALL {
        let obj = aya_obj::Object::parse(bytes).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(!obj.maps.is_empty(), "{file} has no maps");
        for (name, m) in &obj.maps {
            if name.starts_with('.') {
                continue; // .rodata and friends: load-time configuration, not Cilium maps
            }
            let s = match name.as_str() {
                "cilium_calls" => &spec::CALLS,
                "cilium_policy" => &spec::POLICY,
                n => spec::for_pin_name(n)
                    .unwrap_or_else(|| panic!("{file}: map {n} is not in the spec table")),
            };
            assert_eq!(m.map_type(), s.map_type.0, "{file} {name} type");
            assert_eq!(m.key_size(), s.key_size, "{file} {name} key size");
            assert_eq!(m.value_size(), s.value_size, "{file} {name} value size");
            assert_eq!(m.map_flags(), s.flags, "{file} {name} flags");
            match s.max_entries {
                MaxEntries::Fixed(n) => assert_eq!(m.max_entries(), n, "{file} {name} max_entries"),
                MaxEntries::PossibleCpus => assert_eq!(m.max_entries(), 0, "{file} {name}: sized at load"),
            }
        }
    }
}

/// `#define NAME VALUE /* comment */` lines of a header.
fn defines(header: &str) -> Vec<(String, i64, String)> {
    let text = std::fs::read_to_string(root().join("ebpf/lib").join(header)).unwrap();
    text.lines()
        .filter_map(|l| {
            let rest = l.strip_prefix("#define ")?;
            let mut parts = rest.splitn(2, char::is_whitespace);
            let name = parts.next()?.to_string();
            let tail = parts.next()?.trim();
            let (value, comment) = match tail.split_once("/*") {
                Some((v, c)) => (v.trim(), c.trim_end_matches("*/").trim().to_string()),
                None => (tail, String::new()),
            };
            Some((name, value.parse::<i64>().ok()?, comment))
        })
        .collect()
}

#[test]
fn drop_reasons_agree_with_the_rust_table() {
    let drops: Vec<_> = defines("drop.h").into_iter().filter(|(n, _, _)| n.starts_with("DROP_")).collect();
    assert!(drops.len() >= 10, "{drops:?}");
    for (name, value, comment) in drops {
        assert!(value < 0, "{name} is a negative code");
        let code = u8::try_from(-value).unwrap();
        let text = ciliumrs::codes::reasons::reason_text(code)
            .unwrap_or_else(|| panic!("{name} ({code}) has no text"));
        assert_eq!(comment, text, "{name} ({code}): C comment and Rust text differ");
    }
}

#[test]
fn tail_call_slots_agree_with_the_rust_table() {
    let want = [
        ("CILIUM_CALL_DROP_NOTIFY", slots::DROP_NOTIFY),
        ("CILIUM_CALL_ARP", slots::ARP),
        ("CILIUM_CALL_IPV4_FROM_LXC", slots::IPV4_FROM_LXC),
        ("CILIUM_CALL_IPV4_NODEPORT_NAT", slots::IPV4_NODEPORT_NAT),
        ("CILIUM_CALL_IPV4_NODEPORT_REVNAT", slots::IPV4_NODEPORT_REVNAT),
        ("CILIUM_CALL_IPV4_FROM_HOST", slots::IPV4_FROM_HOST),
        ("CILIUM_CALL_SIZE", slots::CALL_SIZE),
    ];
    let defs = defines("tailcall.h");
    assert_eq!(defs.len(), want.len(), "{defs:?}");
    for (name, value) in want {
        let (_, v, _) = defs.iter().find(|(n, _, _)| n == name).unwrap_or_else(|| panic!("{name} missing"));
        assert_eq!(*v, i64::from(value), "{name}");
    }
}

#[test]
fn committed_objects_are_fresh() {
    let clang = Command::new("clang").arg("--version").output();
    assert!(
        clang.is_ok_and(|o| o.status.success()),
        "clang is needed to check ebpf/obj against ebpf/*.c: scripts/test installs it (apt-get install clang llvm libbpf-dev)"
    );
    let out = std::env::temp_dir().join(format!("ciliumrs-objcheck-{}", std::process::id()));
    let status = Command::new("make")
        .args(["-s", "-C", root().join("ebpf").to_str().unwrap(), &format!("OUT={}", out.display())])
        .status()
        .unwrap();
    assert!(status.success(), "make -C ebpf failed");
    let committed_dir = root().join("ebpf/obj");
    let mut files: Vec<_> =
        std::fs::read_dir(&committed_dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    files.sort();
    let mut built_files: Vec<_> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name()).collect();
    built_files.sort();
    assert_eq!(files, built_files, "ebpf/obj holds exactly what the Makefile builds");
    for file in &files {
        let committed = std::fs::read(committed_dir.join(file)).unwrap();
        let built = std::fs::read(out.join(file)).unwrap();
        assert!(built == committed, "ebpf/obj/{file:?} is stale: run `make -C ebpf` and commit the result");
    }
    // What the binary embeds is what is committed.
    for (file, embedded) in objects::ALL {
        assert!(std::fs::read(committed_dir.join(file)).unwrap() == *embedded, "{file}: rebuild ciliumrs");
    }
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn observation_points_and_trace_reasons_agree_with_the_rust_tables() {
    use ciliumrs::codes::points::{OBS_POINTS, TRACE_REASONS};
    let defs = defines("trace.h");
    let mut checked = 0;
    for (name, value, _) in &defs {
        let rust =
            OBS_POINTS.iter().map(|(n, c, _)| (*n, *c)).chain(TRACE_REASONS.iter().map(|(n, c, _)| (*n, *c)));
        let found = rust.clone().find(|(_, c)| c == name);
        let (n, _) = found.unwrap_or_else(|| panic!("trace.h {name} is not in src/events/points.rs"));
        assert_eq!(i64::from(n), *value, "{name}");
        checked += 1;
    }
    assert!(checked >= 12, "{defs:?}");
}
