//! Write commands: bad input is rejected before anything is written (maps stay
//! byte-identical), and the service writer keeps the LB maps consistent.

use crate::support::*;

#[test]
fn bad_input_leaves_every_map_byte_identical() {
    let fs = Bpffs::new();
    fs.init();
    fs.ok(&["bpf", "ipcache", "update", "10.0.0.0/24", "--identity", "7"]);
    fs.ok(&["bpf", "lb", "update", "10.96.0.1:80", "--proto", "tcp", "--backends", "10.0.0.2:8080"]);
    fs.ok(&["bpf", "policy", "add", "9", "ingress", "5", "--create"]);
    let before = snapshot(&fs);
    let bad: &[&[&str]] = &[
        &["bpf", "ipcache", "update", "10.0.0.1/24", "--identity", "7"],
        &["bpf", "ipcache", "update", "10.0.0.0/33", "--identity", "7"],
        &["bpf", "ipcache", "update", "10.0.0.0/24", "--identity", "0"],
        &["bpf", "ipcache", "update", "10.0.0.0/24", "--identity", "4294967296"],
        &["bpf", "ipcache", "update", "10.0.0.0/24", "--identity", "7", "--tunnel-endpoint", "300.1.1.1"],
        &["bpf", "ipcache", "update", "10.0.0.0/24", "--identity", "7", "--encrypt-key", "16"],
        &["bpf", "ipcache", "update", "fd00::/129", "--identity", "7"],
        &["bpf", "ipcache", "delete", "10.0.0.0/24@x"],
        &[
            "bpf",
            "lxc",
            "update",
            "10.0.0.9",
            "--id",
            "0",
            "--ifindex",
            "3",
            "--mac",
            "0a:00:00:00:00:01",
            "--node-mac",
            "0a:00:00:00:00:02",
        ],
        &[
            "bpf",
            "lxc",
            "update",
            "10.0.0.9",
            "--id",
            "70000",
            "--ifindex",
            "3",
            "--mac",
            "0a:00:00:00:00:01",
            "--node-mac",
            "0a:00:00:00:00:02",
        ],
        &[
            "bpf",
            "lxc",
            "update",
            "10.0.0.9",
            "--id",
            "5",
            "--ifindex",
            "3",
            "--mac",
            "0a:00:00:00:01",
            "--node-mac",
            "0a:00:00:00:00:02",
        ],
        &[
            "bpf",
            "lxc",
            "update",
            "10.0.0.9",
            "--id",
            "5",
            "--ifindex",
            "0",
            "--mac",
            "0a:00:00:00:00:01",
            "--node-mac",
            "0a:00:00:00:00:02",
        ],
        &["bpf", "lb", "update", "10.96.0.1:80", "--proto", "tcp", "--backends", "10.0.0.2:99999"],
        &["bpf", "lb", "update", "10.96.0.1:80", "--proto", "tcp", "--backends", "10.0.0.2:80,nothing"],
        &["bpf", "lb", "update", "10.96.0.1", "--proto", "tcp", "--backends", "10.0.0.2:80"],
        &["bpf", "lb", "update", "10.96.0.1:80", "--proto", "bogus", "--backends", "10.0.0.2:80"],
        &["bpf", "tunnel", "update", "10.1.0.0/33", "192.168.0.1"],
        &["bpf", "tunnel", "update", "10.1.0.0/16", "192.168.0"],
        &["bpf", "policy", "add", "9", "ingress", "5", "80"],
        &["bpf", "policy", "add", "9", "sideways", "5"],
        &["bpf", "policy", "add", "0", "ingress", "5"],
        &["bpf", "policy", "add", "9", "ingress", "-1"],
        &["bpf", "ct", "delete", "tcp", "10.0.0.1:80", "10.0.0.2"],
        &["bpf", "ct", "flush", "--src", "10.0.0.0/40"],
        &["bpf", "ct", "flush", "--flags", "NotAFlag"],
    ];
    for args in bad {
        let out = fs.run(args);
        assert_eq!(out.code, 2, "{args:?} should be a usage error: {}", out.stderr);
        assert_eq!(out.stderr.trim().lines().count(), 1, "{args:?}: one-line error: {}", out.stderr);
        assert!(out.stderr.starts_with("ciliumrs: "), "{args:?}: {}", out.stderr);
        assert!(out.stdout.is_empty(), "{args:?} wrote output: {}", out.stdout);
    }
    assert_eq!(snapshot(&fs), before, "a rejected command changed a map");
}

#[test]
fn deleting_what_is_not_there_fails_and_changes_nothing() {
    let fs = Bpffs::new();
    fs.init();
    let before = snapshot(&fs);
    for args in [
        &["bpf", "ipcache", "delete", "10.9.0.0/16"][..],
        &["bpf", "lxc", "delete", "10.9.0.1"],
        &["bpf", "tunnel", "delete", "10.9.0.0"],
        &["bpf", "lb", "delete", "10.96.9.9:53"],
        &["bpf", "ct", "delete", "udp", "10.0.0.1:1", "10.0.0.2:2"],
    ] {
        let out = fs.run(args);
        assert_eq!(out.code, 1, "{args:?}: {}", out.stderr);
        assert_eq!(out.stderr.trim().lines().count(), 1, "{}", out.stderr);
    }
    let out = fs.run(&["bpf", "policy", "get", "77"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("cilium_policy_00077") && out.stderr.contains("attached"), "{}", out.stderr);
    assert_eq!(snapshot(&fs), before);
}

#[test]
fn lb_service_lifecycle_keeps_maps_consistent() {
    let fs = Bpffs::new();
    fs.init();
    fs.ok(&[
        "bpf",
        "lb",
        "update",
        "10.96.0.10:53",
        "--proto",
        "udp",
        "--backends",
        "10.0.1.5:53,10.0.1.6:53,10.0.1.7:53",
    ]);
    // A second service sharing one backend.
    fs.ok(&["bpf", "lb", "update", "10.96.0.11:53", "--proto", "udp", "--backends", "10.0.1.6:53"]);
    let be = fs.ok(&["-o", "json", "bpf", "lb", "list", "--backends"]).json();
    assert_eq!(be.as_array().unwrap().len(), 3, "shared backend is stored once: {be}");
    let rn = fs.ok(&["-o", "json", "bpf", "lb", "list", "--revnat"]).json();
    assert_eq!(rn.as_array().unwrap().len(), 2);

    // Shrink: stale slot removed, the backend only it used is collected.
    let w = fs
        .ok(&[
            "-o",
            "json",
            "bpf",
            "lb",
            "update",
            "10.96.0.10:53",
            "--proto",
            "udp",
            "--backends",
            "10.0.1.6:53",
        ])
        .json();
    assert_eq!((w["action"].as_str(), w["removed_slots"].as_u64()), (Some("updated"), Some(2)));
    let svc = fs.ok(&["-o", "json", "bpf", "lb", "list"]).json();
    let rows: Vec<_> = svc.as_array().unwrap().iter().filter(|r| r["frontend"] == "10.96.0.10:53").collect();
    assert_eq!(rows.len(), 2, "master + one slot: {svc}");
    assert_eq!(rows[0]["count"], 1);
    assert_eq!(rows[0]["rev_nat"], w["rev_nat"], "the service keeps its reverse-NAT id");
    let be = fs.ok(&["-o", "json", "bpf", "lb", "list", "--backends"]).json();
    let addrs: Vec<_> =
        be.as_array().unwrap().iter().map(|b| b["address"].as_str().unwrap().to_string()).collect();
    assert_eq!(addrs, vec!["10.0.1.6"]);

    // Delete one service: the shared backend stays for the other.
    fs.ok(&["bpf", "lb", "delete", "10.96.0.10:53"]);
    let svc = fs.ok(&["-o", "json", "bpf", "lb", "list"]).json();
    assert!(svc.as_array().unwrap().iter().all(|r| r["frontend"] == "10.96.0.11:53"), "{svc}");
    assert_eq!(fs.ok(&["-o", "json", "bpf", "lb", "list", "--backends"]).json().as_array().unwrap().len(), 1);
    fs.ok(&["bpf", "lb", "delete", "10.96.0.11:53"]);
    for m in ["cilium_lb4_services_v2", "cilium_lb4_backends_v3", "cilium_lb4_reverse_nat"] {
        assert!(bpftool_dump(&fs.pin(m)).is_empty(), "{m} not empty after deleting every service");
    }
}

#[test]
fn ct_delete_and_filtered_flush() {
    let fs = Bpffs::new();
    fs.init();
    let ct4 = fs.pin("cilium_ct4_global");
    let any4 = fs.pin("cilium_ct_any4_global");
    let val = "0000000000000000 0000000000000000 0100000000000000 4000000000000000 64000000 0000 0000 0000 00 00 00000000 0000000000000000";
    bpftool_update(&ct4, "0a000001 0a000002 0050 9c40 06 00", val); // 10.0.0.1:40000 -> 10.0.0.2:80
    bpftool_update(&ct4, "0a000003 0a000002 0050 9c41 06 00", val); // 10.0.0.3:40001 -> 10.0.0.2:80
    bpftool_update(&any4, "0a000001 0a000009 0035 9c42 11 00", val); // 10.0.0.1:40002 -> 10.0.0.9:53

    let f = fs.ok(&["-o", "json", "bpf", "ct", "list", "--src", "10.0.0.1/32"]).json();
    assert_eq!(f.as_array().unwrap().len(), 2);
    let f = fs.ok(&["-o", "json", "bpf", "ct", "list", "--dst", "10.0.0.2:80", "--proto", "tcp"]).json();
    assert_eq!(f.as_array().unwrap().len(), 2);

    fs.ok(&["bpf", "ct", "delete", "tcp", "10.0.0.3:40001", "10.0.0.2:80"]);
    assert_eq!(bpftool_dump(&ct4).len(), 1);
    let out = fs.ok(&["-o", "json", "bpf", "ct", "flush", "--proto", "udp"]).json();
    assert_eq!(out[1]["deleted"], 1);
    assert_eq!(out[0]["deleted"], 0);
    assert!(bpftool_dump(&any4).is_empty());
    assert_eq!(bpftool_dump(&ct4).len(), 1, "the TCP flow survives a UDP flush");
}

/// Issue 12: `bpf policy add` looked the new key up in the LPM policy map, so a broader
/// entry that covers it answered: the command said "replaced" and copied that entry's hit
/// counters into the new one. Existence checks on LPM maps are exact-key now.
#[test]
fn issue_12_policy_add_under_a_covering_entry_creates_with_zero_counters() {
    let fs = Bpffs::new();
    fs.init();
    fs.ok(&["bpf", "policy", "add", "42", "egress", "30003", "--create"]);
    let pin = fs.pin("cilium_policy_00042");
    // `30003 any` (prefix 40, egress) with 7 packets / 384 bytes, as the datapath counts.
    let any_key = "28 00 00 00 33 75 00 00 01 00 00 00";
    bpftool_update(&pin, any_key, "00 00 06 00 00 00 00 00 07 00 00 00 00 00 00 00 80 01 00 00 00 00 00 00");
    let out = fs.ok(&["-o", "json", "bpf", "policy", "add", "42", "egress", "30003", "9999/tcp", "--deny"]);
    assert_eq!(out.json()["action"], "created", "{}", out.stdout);
    let port_key = bytes("40 00 00 00 33 75 00 00 01 06 27 0f");
    let entries = bpftool_dump(&pin);
    let new = entries.iter().find(|(k, _)| *k == port_key).expect("the 9999/tcp entry");
    assert_eq!(new.1, bytes("00 00 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"));
    let any = entries.iter().find(|(k, _)| *k == bytes(any_key)).expect("the covering entry");
    assert_eq!(any.1[8], 7, "the covering entry keeps its counters");
    // The same key again is a replacement and keeps its own (zero) counters.
    let out = fs.ok(&["-o", "json", "bpf", "policy", "add", "42", "egress", "30003", "9999/tcp", "--deny"]);
    assert_eq!(out.json()["action"], "replaced", "{}", out.stdout);
    // The ipcache is an LPM trie too: a /32 under a /24 is created, not replaced.
    fs.ok(&["bpf", "ipcache", "update", "10.7.0.0/24", "--identity", "7"]);
    let out = fs.ok(&["-o", "json", "bpf", "ipcache", "update", "10.7.0.9/32", "--identity", "8"]);
    assert_eq!(out.json()["action"], "created", "{}", out.stdout);
    let out = fs.ok(&["-o", "json", "bpf", "ipcache", "update", "10.7.0.9/32", "--identity", "8"]);
    assert_eq!(out.json()["action"], "replaced", "{}", out.stdout);
}

/// `bpf lb apply`: a services file is written whole; a file with one bad entry changes no
/// map; applying again with fewer backends removes the stale slots and unused backends.
#[test]
fn lb_apply_writes_a_services_file_whole_or_not_at_all() {
    let fs = Bpffs::new();
    fs.init();
    let scratch = Scratch::new("lb-apply");
    let dir = scratch.0.clone();
    let write = |name: &str, text: &str| {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p.display().to_string()
    };
    let good = write(
        "good.json",
        r#"[{"frontend": "10.96.0.10:80", "backends": ["10.0.0.1:8080", "10.0.0.2:8080@terminating"]},
            {"frontend": "10.96.0.11:53", "proto": "udp", "backends": ["10.0.0.3:53"], "affinity_timeout": 30}]"#,
    );
    let out = fs.ok(&["-o", "json", "bpf", "lb", "apply", &good]).json();
    assert_eq!(
        (out["services"].as_u64(), out["created"].as_u64(), out["slots_written"].as_u64()),
        (Some(2), Some(2), Some(3)),
        "{out}"
    );
    let fronts = fs.ok(&["-o", "json", "bpf", "lb", "list", "--frontends"]).json();
    let tcp = fronts.as_array().unwrap().iter().find(|f| f["frontend"] == "10.96.0.10:80").unwrap();
    assert_eq!(tcp["count"], 1, "one active backend, the terminating one after it: {tcp}");
    // `service list`, rebuilt from the maps as Cilium's shows it (by ID).
    let list = fs.ok(&["-o", "json", "service", "list"]).json();
    assert_eq!(list[0]["frontend"], "10.96.0.10:80", "{list}");
    assert_eq!((list[0]["type"].as_str(), list[0]["id"].as_u64()), (Some("ClusterIP"), Some(1)), "{list}");
    assert_eq!(
        list[0]["backends"],
        serde_json::json!(["1 => 10.0.0.1:8080 (active)", "2 => 10.0.0.2:8080 (terminating)"]),
        "{list}"
    );
    assert_eq!(list.as_array().map(|a| a.len()), Some(2), "{list}");
    let before = snapshot(&fs);
    let bad = write(
        "bad.json",
        r#"[{"frontend": "10.96.0.12:80", "backends": ["10.0.0.9:80"]}, {"frontend": "10.96.0.13:80", "backends": ["10.0.0.9"]}]"#,
    );
    let out = fs.run(&["bpf", "lb", "apply", &bad]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("entry 1") && out.stderr.contains("'10.0.0.9'"), "{}", out.stderr);
    assert_eq!(snapshot(&fs), before, "a bad file changed a map");
    let fewer = write("fewer.json", r#"[{"frontend": "10.96.0.10:80", "backends": ["10.0.0.1:8080"]}]"#);
    let out = fs.ok(&["-o", "json", "bpf", "lb", "apply", &fewer]).json();
    assert_eq!(
        (out["slots_removed"].as_u64(), out["backends_removed"].as_u64()),
        (Some(1), Some(1)),
        "{out}"
    );
    let backends = fs.ok(&["-o", "json", "bpf", "lb", "list", "--backends"]).json();
    assert!(!backends.to_string().contains("10.0.0.2"), "{backends}");
}
