//! `init --maps-only`: creates the v1.16 specs, reuses compatible pins with their entries,
//! leaves incompatible pins untouched.

use crate::support::*;

/// The v1.16 table, written out again here on purpose: an independent copy of the facts
/// in `cilium-layout-v1.16.md` so a typo in the spec table cannot pass its own test.
/// (name, type, key, value, max_entries or None for one per possible CPU, flags)
type Row = (&'static str, &'static str, u64, u64, Option<u64>, u64);

const EXPECTED: &[Row] = &[
    ("cilium_call_policy", "prog_array", 4, 4, Some(65535), 0),
    ("cilium_ct4_global", "lru_hash", 14, 56, Some(524288), 0),
    ("cilium_ct_any4_global", "lru_hash", 14, 56, Some(262144), 0),
    ("cilium_encrypt_state", "array", 4, 1, Some(1), 0),
    ("cilium_events", "perf_event_array", 4, 4, None, 0),
    ("cilium_ipcache", "lpm_trie", 24, 12, Some(512000), 1),
    ("cilium_ipv4_frag_datagrams", "lru_hash", 12, 4, Some(8192), 0),
    ("cilium_lb4_affinity", "lru_hash", 16, 16, Some(65536), 0),
    ("cilium_lb_affinity_match", "hash", 8, 1, Some(65536), 1),
    ("cilium_lb4_backends_v3", "hash", 4, 12, Some(65536), 1),
    ("cilium_lb4_reverse_nat", "hash", 2, 6, Some(65536), 1),
    ("cilium_lb4_reverse_sk", "lru_hash", 16, 8, Some(262144), 0),
    ("cilium_lb4_services_v2", "hash", 12, 12, Some(65536), 1),
    ("cilium_lxc", "hash", 20, 48, Some(65535), 1),
    ("cilium_metrics", "percpu_hash", 8, 16, Some(1024), 1),
    ("cilium_nodeport_neigh4", "lru_hash", 4, 8, Some(524288), 0),
    ("cilium_signals", "perf_event_array", 4, 4, None, 0),
    ("cilium_snat_v4_external", "lru_hash", 14, 40, Some(524288), 0),
    ("cilium_tunnel_map", "hash", 20, 20, Some(65536), 1),
];

fn possible_cpus() -> u64 {
    ciliumrs::bpf::cpus::possible_cpus().unwrap().into()
}

#[test]
fn init_creates_maps_bpftool_reports_as_v1_16() {
    let fs = Bpffs::new();
    let out = fs.init();
    for (name, ty, key, value, max, flags) in EXPECTED {
        let info = bpftool_json(&["map", "show", "pinned", &fs.pin(name).display().to_string()]);
        assert_eq!(info["type"], *ty, "{name} type");
        assert_eq!(info["bytes_key"], *key, "{name} key size");
        assert_eq!(info["bytes_value"], *value, "{name} value size");
        assert_eq!(info["max_entries"], max.unwrap_or_else(possible_cpus), "{name} max_entries");
        assert_eq!(info["flags"], *flags, "{name} flags");
        assert!(out.stdout.contains(name), "{name} not reported");
    }
    let mut names: Vec<String> = std::fs::read_dir(fs.globals())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    // Besides the maps: the directory that marks them as made by ciliumrs (v1.16 layouts).
    let marker = names.iter().position(|n| n == ciliumrs::maps::abi::MARKER).expect("init's marker");
    assert!(fs.globals().join(names.remove(marker)).is_dir());
    // And our own two (not Cilium's): the endpoints' configuration for the shared programs.
    let ours =
        [("ciliumrs_ep_config", "hash", 4, 32, 65535), ("ciliumrs_ep_policy", "array_of_maps", 4, 4, 65536)];
    for (name, ty, key, value, max) in ours {
        let info = bpftool_json(&["map", "show", "pinned", &fs.pin(name).display().to_string()]);
        assert_eq!(
            (info["type"].as_str(), info["bytes_key"].as_u64()),
            (Some(ty), Some(key)),
            "{name}: {info}"
        );
        assert_eq!(
            (info["bytes_value"].as_u64(), info["max_entries"].as_u64()),
            (Some(value), Some(max)),
            "{name}"
        );
        names.retain(|n| n != name);
    }
    assert_eq!(names.len(), EXPECTED.len(), "init must create exactly the seed list: {names:?}");
    assert_eq!(out.stdout.matches("created").count(), EXPECTED.len() + ours.len());
}

#[test]
fn second_init_reuses_maps_and_keeps_entries() {
    let fs = Bpffs::new();
    fs.init();
    let pin = fs.pin("cilium_ipcache");
    let id_before = bpftool_json(&["map", "show", "pinned", &pin.display().to_string()])["id"].clone();
    let key = "40000000 0000 00 01 0a000005 000000000000000000000000";
    let value = "d2040000 c0a8010a 0000 00 01";
    bpftool_update(&pin, key, value);

    let out = fs.ok(&["-o", "json", "init", "--maps-only"]);
    let rows = out.json();
    assert!(rows.as_array().unwrap().iter().all(|r| r["action"] == "reused"), "{rows}");
    let ipc = rows.as_array().unwrap().iter().find(|r| r["map"] == "cilium_ipcache").unwrap();
    assert_eq!(ipc["detail"], "1 entries kept");
    let id_after = bpftool_json(&["map", "show", "pinned", &pin.display().to_string()])["id"].clone();
    assert_eq!(id_before, id_after, "the same map object must be reused");
    assert_eq!(bpftool_dump(&pin), vec![(bytes(key), bytes(value))]);
}

#[test]
fn incompatible_pin_is_reported_and_left_untouched() {
    let fs = Bpffs::new();
    std::fs::create_dir_all(fs.globals()).unwrap();
    let pin = fs.pin("cilium_ipcache");
    let p = pin.display().to_string();
    // A newer-Cilium-shaped ipcache: value 20 bytes.
    bpftool(&[
        "map",
        "create",
        &p,
        "type",
        "lpm_trie",
        "key",
        "24",
        "value",
        "20",
        "entries",
        "16",
        "name",
        "cilium_ipcache",
        "flags",
        "1",
    ]);
    let key = "40000000 0000 00 01 0a000005 000000000000000000000000";
    let value = "d2040000 c0a8010a 00000000 00000000 0000 00 01";
    bpftool_update(&pin, key, value);
    let id_before = bpftool_json(&["map", "show", "pinned", &p])["id"].clone();

    let out = fs.run(&["init", "--maps-only"]);
    assert_eq!(out.code, 1, "an incompatible map is a runtime failure: {}", out.stdout);
    assert!(out.stdout.contains("incompatible"), "{}", out.stdout);
    assert!(out.stdout.contains("found lpm_trie key 24 value 20"), "{}", out.stdout);
    assert!(out.stderr.contains("cilium_ipcache"), "{}", out.stderr);
    // Every other map was still created.
    assert!(fs.pin("cilium_lxc").exists());
    assert_eq!(bpftool_json(&["map", "show", "pinned", &p])["id"], id_before);
    assert_eq!(bpftool_dump(&pin), vec![(bytes(key), bytes(value))]);

    // Decoding refuses and names both layouts; --raw shows the bytes.
    let list = fs.run(&["bpf", "ipcache", "list"]);
    assert_eq!(list.code, 1);
    assert!(
        list.stderr.contains("expected lpm_trie key 24 value 12, found lpm_trie key 24 value 20"),
        "{}",
        list.stderr
    );
    assert!(list.stderr.contains("--raw"), "{}", list.stderr);
    assert_eq!(list.stderr.lines().count(), 1, "one-line error: {}", list.stderr);
    let raw = fs.ok(&["-o", "json", "bpf", "ipcache", "list", "--raw"]).json();
    assert_eq!(raw[0]["key"], "40000000000000010a000005000000000000000000000000");
    assert_eq!(raw[0]["value"], "d2040000c0a8010a000000000000000000000001");
    // And writes refuse too, leaving the map as it was.
    let w = fs.run(&["bpf", "ipcache", "update", "10.0.0.0/8", "--identity", "5"]);
    assert_eq!(w.code, 1);
    assert!(w.stderr.contains("refusing to write"), "{}", w.stderr);
    assert_eq!(bpftool_dump(&pin), vec![(bytes(key), bytes(value))]);
}

#[test]
fn bpf_maps_lists_fill_and_abi() {
    let fs = Bpffs::new();
    fs.init();
    bpftool_update(
        &fs.pin("cilium_ipcache"),
        "40000000 0000 00 01 0a000005 000000000000000000000000",
        "d2040000 c0a8010a 0000 00 01",
    );
    let rows = fs.ok(&["-o", "json", "bpf", "maps"]).json();
    let rows = rows.as_array().unwrap();
    // The seed list and our two maps for the shared endpoint programs.
    assert_eq!(rows.len(), EXPECTED.len() + 2);
    assert!(
        rows.iter().any(|r| r["name"] == "ciliumrs_ep_policy" && r["type"] == "array_of_maps"),
        "{rows:?}"
    );
    assert!(rows.iter().all(|r| r["abi"] == "ok"), "{rows:?}");
    let ipc = rows.iter().find(|r| r["name"] == "cilium_ipcache").unwrap();
    assert_eq!(ipc["entries"], 1);
    assert_eq!(ipc["max_entries"], 512000);
    assert_eq!(ipc["type"], "lpm_trie");
    let ev = rows.iter().find(|r| r["name"] == "cilium_events").unwrap();
    assert!(ev["entries"].is_null(), "perf arrays have no readable entries");
}

#[test]
fn init_refuses_a_directory_that_is_not_bpffs() {
    require_root();
    let dir = std::env::temp_dir().join(format!("ciliumrs-test-notbpffs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = run_with(&dir, &["init", "--maps-only"]);
    let leftover = std::fs::read_dir(&dir).unwrap().count();
    std::fs::remove_dir(&dir).unwrap();
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("is not a bpffs mount"), "{}", out.stderr);
    assert_eq!(leftover, 0, "nothing may be created outside a bpffs");
}

/// Issue 12: every input of `init` is checked before the first map is made, so a bad value
/// leaves no map, device or program behind (a bad --health-ipv4 used to fail after all of
/// them existed); `--mode native` is refused with the reason instead of half-working.
#[test]
fn issue_12_init_validates_everything_before_the_first_map() {
    let fs = Bpffs::new();
    let ns = crate::world::Netns::new("initval");
    let cases: &[&[&str]] = &[
        &["init", "--pod-cidr", "10.210.0.0/24", "--native-devs", "none", "--health-ipv4", "10.99.0.2"],
        &["init", "--pod-cidr", "10.210.0.0/24", "--native-devs", "none", "--ipv4-host", "10.99.0.1"],
        &["init", "--pod-cidr", "10.210.0.0/24", "--native-devs", "none", "--mode", "native"],
        &["init", "--pod-cidr", "10.210.0.0/24", "--native-devs", "nosuchdev0"],
    ];
    for args in cases {
        let out = run_in_netns(&ns.0, &fs.dir, args);
        assert_ne!(out.code, 0, "{args:?} should fail");
        assert_eq!(out.stderr.trim().lines().count(), 1, "{args:?}: {}", out.stderr);
        assert!(
            !fs.globals().exists() || std::fs::read_dir(fs.globals()).unwrap().next().is_none(),
            "{args:?} made maps"
        );
        let links = crate::world::sh(&["ip", "-n", &ns.0, "-o", "link"]);
        assert!(!links.contains("cilium"), "{args:?} made devices: {links}");
    }
    let out = run_in_netns(&ns.0, &fs.dir, cases[2]);
    assert!(out.stderr.contains("--mode native is not supported yet"), "{}", out.stderr);
}
