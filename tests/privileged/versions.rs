//! Nodes of other Cilium versions (issue 11): maps made with bpftool in a private bpffs with
//! that version's names, shapes and hand-computed bytes (`cilium-abi-v1.10-and-newest.md`
//! §1, §1.14; `cilium-layout-v1.16.md`). ciliumrs finds the version from the maps, decodes
//! each map with its layout, asks for --cilium-version where the maps leave it open, and
//! refuses writes it cannot encode exactly, leaving the map byte-identical.

use crate::support::*;

/// Creates empty maps with bpftool: (pin name, type, key, value, max_entries, flags). A
/// map's own name is cut to the kernel's 15 characters; the pin keeps the whole name.
pub(crate) fn create(fs: &Bpffs, maps: &[(&str, &str, u32, u32, u32, u32)]) {
    std::fs::create_dir_all(fs.globals()).unwrap();
    for (name, ty, key, value, entries, flags) in maps {
        let pin = fs.pin(name).display().to_string();
        let short: String = name.chars().take(15).collect();
        let (k, v, n, f) = (key.to_string(), value.to_string(), entries.to_string(), flags.to_string());
        bpftool(&[
            "map", "create", &pin, "type", ty, "key", &k, "value", &v, "entries", &n, "name", &short,
            "flags", &f,
        ]);
    }
}

// The maps that tell versions apart, in each version's shape.
const IPCACHE_12: (&str, &str, u32, u32, u32, u32) = ("cilium_ipcache", "lpm_trie", 24, 12, 512000, 1);
const IPCACHE_V2: (&str, &str, u32, u32, u32, u32) = ("cilium_ipcache_v2", "lpm_trie", 24, 24, 512000, 1);
const BACKENDS_V1: (&str, &str, u32, u32, u32, u32) = ("cilium_lb4_backends", "hash", 2, 8, 65536, 1);
const BACKENDS_V3: (&str, &str, u32, u32, u32, u32) = ("cilium_lb4_backends_v3", "hash", 4, 12, 65536, 1);
const POLICY_HASH: (&str, &str, u32, u32, u32, u32) = ("cilium_policy_00042", "hash", 8, 24, 16384, 1);
const POLICY_V2: (&str, &str, u32, u32, u32, u32) = ("cilium_policy_v2_00042", "lpm_trie", 12, 12, 16384, 1);
// Maps whose shape every version shares.
const LXC: (&str, &str, u32, u32, u32, u32) = ("cilium_lxc", "hash", 20, 48, 65535, 1);
const METRICS: (&str, &str, u32, u32, u32, u32) = ("cilium_metrics", "percpu_hash", 8, 16, 1024, 1);
/// A cilium_lxc key: 10.0.0.5.
const LXC_5: &str = "0a000005 000000000000000000000000 01 00 0000";
/// An ipcache key: 10.0.0.5/32.
const HOST_5: &str = "40000000 0000 00 01 0a000005 000000000000000000000000";

const CT_KEY: &str = "0a000002 0a000001 0050 3039 06 00";

/// The LB maps around the backends map, with `lb_test_vector`'s service.
fn service(fs: &Bpffs) {
    create(
        fs,
        &[
            ("cilium_lb4_services_v2", "hash", 12, 12, 65536, 1),
            ("cilium_lb4_reverse_nat", "hash", 2, 6, 65536, 1),
            ("cilium_lb_affinity_match", "hash", 8, 1, 65536, 1),
        ],
    );
    lb_test_vector(fs);
}

fn ct_maps(fs: &Bpffs, value: &str) {
    create(
        fs,
        &[
            ("cilium_ct4_global", "lru_hash", 14, 56, 1024, 0),
            ("cilium_ct_any4_global", "lru_hash", 14, 56, 1024, 0),
        ],
    );
    bpftool_update(&fs.pin("cilium_ct4_global"), CT_KEY, value);
}

/// A refused write: exit 1, a message naming why, every map exactly as before.
fn refused(fs: &Bpffs, args: &[&str], why: &str) {
    let before = snapshot(fs);
    let o = fs.run(args);
    assert_eq!(o.code, 1, "{args:?} must be refused: {} {}", o.stdout, o.stderr);
    assert!(o.stderr.contains(why), "{args:?}: {}", o.stderr);
    assert_eq!(snapshot(fs), before, "{args:?} changed a map");
}

#[test]
fn v1_10_node_is_recognised_and_decoded() {
    let fs = Bpffs::new();
    create(
        &fs,
        &[
            IPCACHE_12,
            BACKENDS_V1,
            POLICY_HASH,
            LXC,
            METRICS,
            ("cilium_tunnel_map", "hash", 20, 20, 65536, 1),
        ],
    );
    service(&fs);
    // v1.10's CT value: rx 2 packets / 100 bytes, tx 3 / 200, lifetime 1000, flags 0x11.
    ct_maps(
        &fs,
        "0200000000000000 6400000000000000 0300000000000000 c800000000000000 e8030000 1100 0000 0000 02 12 d2040000 0000000000000000",
    );
    // v1.10's ipcache value: identity 1001, tunnel 192.168.1.2, encrypt key 5 at byte 8.
    bpftool_update(&fs.pin("cilium_ipcache"), HOST_5, "e9030000 c0a80102 05 000000");
    bpftool_update(&fs.pin("cilium_lb4_backends"), "0100", "0a000105 0035 11 00");
    // v1.10's endpoint: ifindex 7, id 42, no identity in the value yet (offset 32 is pad).
    bpftool_update(
        &fs.pin("cilium_lxc"),
        LXC_5,
        "07000000 0000 2a00 00000000 00000000 0a0b0c0d0e0f0000 1a1b1c1d1e1f0000 00000000 000000000000000000000000",
    );
    // v1.10's metrics key: reason and direction only (no line, no file yet).
    bpftool_update(&fs.pin("cilium_metrics"), "85 02 0000 00 000000", "0100000000000000 4000000000000000");
    // Deny egress to identity 2 (world), any port.
    bpftool_update(
        &fs.pin("cilium_policy_00042"),
        "02000000 0000 00 01",
        "0000 01 00 0000 0000 0000000000000000 0000000000000000",
    );
    bpftool_update(
        &fs.pin("cilium_policy_00042"),
        "d2040000 0050 06 00",
        "0000 00 00 0000 0000 0a00000000000000 e803000000000000",
    );

    let maps = fs.ok(&["-o", "json", "bpf", "maps"]);
    assert!(maps.stderr.contains("v1.10"), "{}", maps.stderr);
    let rows = maps.json();
    let layout =
        |n: &str| rows.as_array().unwrap().iter().find(|r| r["name"] == n).unwrap()["layout"].clone();
    assert_eq!(layout("cilium_ipcache"), "v1.10");
    assert_eq!(layout("cilium_lb4_backends"), "v1.10");
    assert_eq!(layout("cilium_policy_00042"), "v1.10");
    assert!(rows.as_array().unwrap().iter().all(|r| r["abi"] == "ok"), "{rows}");

    let ipc = fs.ok(&["-o", "json", "bpf", "ipcache", "list"]).json();
    assert_eq!(
        (ipc[0]["prefix"].as_str(), ipc[0]["identity"].as_u64(), ipc[0]["encrypt_key"].as_u64()),
        (Some("10.0.0.5/32"), Some(1001), Some(5))
    );
    assert_eq!(ipc[0]["tunnel_endpoint"], "192.168.1.2");

    let ct = fs.ok(&["-o", "json", "bpf", "ct", "list"]).json();
    assert_eq!((ct[0]["packets"].as_u64(), ct[0]["bytes"].as_u64()), (Some(5), Some(300)), "rx + tx: {ct}");
    assert_eq!((ct[0]["expires"].as_u64(), ct[0]["src_sec_id"].as_u64()), (Some(1000), Some(1234)));

    let be = fs.ok(&["-o", "json", "bpf", "lb", "list", "--backends"]).json();
    assert_eq!(
        (be[0]["id"].as_u64(), be[0]["address"].as_str(), be[0]["port"].as_u64()),
        (Some(1), Some("10.0.1.5"), Some(53))
    );
    let lb = fs.ok(&["bpf", "lb", "list"]).stdout;
    assert!(lb.contains("10.96.0.10:53 (1)") && lb.contains("10.0.1.5:53 (7) (1)"), "{lb}");

    let pol = fs.ok(&["-o", "json", "bpf", "policy", "get", "42"]).json();
    assert_eq!(
        (pol[0]["identity"].as_u64(), pol[0]["port_proto"].as_str(), pol[0]["packets"].as_u64()),
        (Some(1234), Some("80/TCP"), Some(10))
    );
    assert_eq!(
        (
            pol[1]["policy"].as_str(),
            pol[1]["direction"].as_str(),
            pol[1]["identity"].as_u64(),
            pol[1]["port_proto"].as_str()
        ),
        (Some("Deny"), Some("Egress"), Some(2), Some("ANY"))
    );

    let ep = fs.ok(&["-o", "json", "bpf", "endpoint", "get", "10.0.0.5"]).json();
    assert_eq!(
        (ep["id"].as_u64(), ep["ifindex"].as_u64(), ep["mac"].as_str()),
        (Some(42), Some(7), Some("0A:0B:0C:0D:0E:0F"))
    );
    let m = fs.ok(&["-o", "json", "bpf", "metrics", "list"]).json();
    let cpus = u64::from(ciliumrs::bpf::cpus::possible_cpus().unwrap());
    assert_eq!(
        (m[0]["reason"].as_str(), m[0]["direction"].as_str(), m[0]["packets"].as_u64()),
        (Some("Policy denied"), Some("EGRESS"), Some(cpus))
    );

    // Writes to layouts we do not encode are refused and change nothing.
    refused(&fs, &["bpf", "ipcache", "update", "10.9.0.0/16", "--identity", "5"], "v1.13-1.17 layout");
    refused(
        &fs,
        &["bpf", "lb", "update", "10.96.0.11:80", "--proto", "tcp", "--backends", "10.0.1.6:80"],
        "cilium_lb4_backends_v3",
    );
    refused(&fs, &["bpf", "policy", "add", "42", "ingress", "5"], "writes only the layout of Cilium v1.16");
}

#[test]
fn v1_14_node_reads_the_moved_encrypt_key_and_split_counters() {
    let fs = Bpffs::new();
    create(&fs, &[IPCACHE_12, BACKENDS_V3, POLICY_HASH]);
    // Key at byte 10 and flags (skip tunnel) at 11 since the 1.13 cycle.
    bpftool_update(&fs.pin("cilium_ipcache"), HOST_5, "e9030000 c0a80102 0000 05 01");
    ct_maps(
        &fs,
        "0200000000000000 6400000000000000 0300000000000000 c800000000000000 e8030000 1100 0000 0000 02 12 d2040000 0000000000000000",
    );
    let maps = fs.ok(&["bpf", "maps"]);
    assert!(maps.stderr.contains("v1.13-1.15"), "{}", maps.stderr);
    let ipc = fs.ok(&["-o", "json", "bpf", "ipcache", "list"]).json();
    assert_eq!(
        (ipc[0]["encrypt_key"].as_u64(), ipc[0]["flag_names"].clone()),
        (Some(5), serde_json::json!(["skiptunnel"]))
    );
    let ct = fs.ok(&["-o", "json", "bpf", "ct", "list"]).json();
    assert_eq!((ct[0]["packets"].as_u64(), ct[0]["bytes"].as_u64()), (Some(5), Some(300)));
    // The 1.13-1.17 ipcache layout is ours: a write goes through, as the same bytes.
    fs.ok(&["bpf", "ipcache", "update", "10.9.0.0/16", "--identity", "77", "--encrypt-key", "3"]);
    let d = bpftool_dump(&fs.pin("cilium_ipcache"));
    assert!(d.iter().any(|(_, v)| v == &bytes("4d000000 00000000 0000 03 00")), "{d:?}");
}

#[test]
fn v1_17_policy_v2_is_read_and_not_written() {
    let fs = Bpffs::new();
    create(&fs, &[IPCACHE_12, BACKENDS_V3, POLICY_V2]);
    // Allow 1001 -> 8080/TCP through proxy port 15258, auth spire, precedence 5, cookie 7.
    bpftool_update(
        &fs.pin("cilium_policy_v2_00042"),
        "40000000 e9030000 00 06 1f90",
        "3b9a 40 01 05000000 07000000",
    );
    ct_maps(
        &fs,
        "0000000000000000 0300000000000000 0500000000000000 f401000000000000 e8030000 1100 0007 0200 02 12 d2040000 0000000000000000",
    );
    assert!(fs.ok(&["bpf", "maps"]).stderr.contains("v1.17"));
    let pol = fs.ok(&["-o", "json", "bpf", "policy", "get", "42"]).json();
    let p = &pol[0];
    assert_eq!(
        (p["identity"].as_u64(), p["port_proto"].as_str(), p["proxy_port"].as_u64(), p["auth_type"].as_str()),
        (Some(1001), Some("8080/TCP"), Some(15258), Some("spire"))
    );
    assert_eq!((p["precedence"].as_u64(), p["cookie"].as_u64()), (Some(5), Some(7)));
    assert!(p["packets"].is_null(), "v1.17 keeps no per-rule counters: {p}");
    // v1.16+ CT counters: one pair.
    let ct = fs.ok(&["-o", "json", "bpf", "ct", "list"]).json();
    assert_eq!(
        (ct[0]["packets"].as_u64(), ct[0]["bytes"].as_u64(), ct[0]["backend_id"].as_u64()),
        (Some(5), Some(500), Some(3))
    );
    refused(&fs, &["bpf", "policy", "add", "42", "ingress", "5"], "cilium_policy_v2_00042");
    // An endpoint without a policy map yet: creating a v1.16 one would be a map v1.17 never reads.
    refused(
        &fs,
        &["bpf", "policy", "add", "43", "ingress", "5", "--create"],
        "writes only the layout of Cilium v1.16",
    );
    assert!(!fs.pin("cilium_policy_00043").exists());
}

#[test]
fn newest_node_has_ipcache_v2_and_no_tunnel_map() {
    let fs = Bpffs::new();
    create(&fs, &[IPCACHE_V2, BACKENDS_V3, POLICY_V2, LXC]);
    // Newest endpoint: identity at 32, flags bit 1 = the endpoint lives in the host's namespace.
    bpftool_update(
        &fs.pin("cilium_lxc"),
        LXC_5,
        "07000000 0000 2a00 02000000 00000000 0a0b0c0d0e0f0000 1a1b1c1d1e1f0000 d2040000 000000000000000000000000",
    );
    // An IPv4 tunnel endpoint (flags: has tunnel) and an IPv6 one (flags: has, IPv6).
    bpftool_update(
        &fs.pin("cilium_ipcache_v2"),
        HOST_5,
        "e9030000 c0a80102 000000000000000000000000 0000 05 02",
    );
    bpftool_update(
        &fs.pin("cilium_ipcache_v2"),
        "40000000 0000 00 01 0a000006 000000000000000000000000",
        "ea030000 fd000000000000000000000000000001 0000 00 06",
    );
    assert!(fs.ok(&["bpf", "maps"]).stderr.contains("v1.18 or newer"));
    let ipc = fs.ok(&["-o", "json", "bpf", "ipcache", "list"]).json();
    let by = |p: &str| ipc.as_array().unwrap().iter().find(|r| r["prefix"] == p).unwrap().clone();
    assert_eq!(
        (by("10.0.0.5/32")["tunnel_endpoint"].as_str(), by("10.0.0.5/32")["encrypt_key"].as_u64()),
        (Some("192.168.1.2"), Some(5))
    );
    assert_eq!(by("10.0.0.6/32")["tunnel_endpoint"], "fd00::1");
    assert_eq!(by("10.0.0.6/32")["flag_names"], serde_json::json!(["hastunnel", "ipv6tunnel"]));
    let ep = fs.ok(&["-o", "json", "bpf", "endpoint", "get", "10.0.0.5"]).json();
    assert_eq!(
        (ep["identity"].as_u64(), ep["flag_names"].clone()),
        (Some(1234), serde_json::json!(["athostns"]))
    );
    let got = fs.ok(&["-o", "json", "bpf", "ipcache", "get", "10.0.0.6"]).json();
    assert_eq!(got["identity"], 1002);
    let t = fs.run(&["bpf", "tunnel", "list"]);
    assert_eq!(t.code, 1);
    assert!(t.stderr.contains("keep each prefix's tunnel endpoint in the IP cache"), "{}", t.stderr);
    refused(&fs, &["bpf", "ipcache", "update", "10.9.0.0/16", "--identity", "5"], "cilium_ipcache_v2");
}

#[test]
fn ambiguous_maps_ask_for_the_version_and_obey_it() {
    let fs = Bpffs::new();
    create(&fs, &[IPCACHE_12]);
    // Byte 8 = 5 and byte 10 = 3: v1.10 reads key 5, v1.13-1.17 key 3.
    bpftool_update(&fs.pin("cilium_ipcache"), HOST_5, "e9030000 c0a80102 05 00 03 00");
    let o = fs.run(&["bpf", "ipcache", "list"]);
    assert_eq!(o.code, 1, "{}", o.stdout);
    assert!(o.stderr.contains("--cilium-version") && o.stderr.contains("v1.10-1.17"), "{}", o.stderr);
    assert!(o.stdout.is_empty(), "nothing half-printed: {}", o.stdout);
    let old = fs.ok(&["--cilium-version", "1.12", "-o", "json", "bpf", "ipcache", "list"]).json();
    assert_eq!(old[0]["encrypt_key"], 5);
    let new = fs.ok(&["--cilium-version", "v1.15.3", "-o", "json", "bpf", "ipcache", "list"]).json();
    assert_eq!(new[0]["encrypt_key"], 3);
    let bad = fs.run(&["--cilium-version", "1.9", "bpf", "ipcache", "list"]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    assert!(bad.stderr.contains("older than any layout we know"), "{}", bad.stderr);
}

#[test]
fn our_own_maps_are_v1_16() {
    let fs = Bpffs::new();
    fs.init();
    let maps = fs.ok(&["-o", "json", "bpf", "maps"]);
    assert!(
        maps.stderr.contains("v1.16") && maps.stderr.contains("made by ciliumrs init"),
        "{}",
        maps.stderr
    );
    let rows = maps.json();
    let ipc = rows.as_array().unwrap().iter().find(|r| r["name"] == "cilium_ipcache").unwrap();
    assert_eq!(ipc["layout"], "v1.16");
    assert!(fs.globals().join(ciliumrs::maps::abi::MARKER).is_dir());
    // No policy map tells v1.13-1.15 from v1.16 here: the marker does.
    fs.ok(&["bpf", "ct", "list"]);
}

/// Issue 27: `init` on maps that merely allow v1.16 (a v1.13-1.15 node has no policy maps
/// yet: its ipcache and backends fit v1.13-1.17) made the marker, and from then on every
/// map was decoded in v1.16's layout. The marker is only for maps that are v1.16's.
#[test]
fn issue_27_init_beside_maps_that_merely_allow_v1_16_leaves_the_version_open() {
    let fs = Bpffs::new();
    create(&fs, &[IPCACHE_12, BACKENDS_V3]);
    fs.ok(&["init", "--maps-only"]);
    assert!(
        !fs.globals().join(ciliumrs::maps::abi::MARKER).exists(),
        "init marked another Cilium's maps as v1.16's"
    );
    let maps = fs.ok(&["bpf", "maps"]);
    assert!(maps.stderr.contains("v1.13-1.17"), "the version stays open: {}", maps.stderr);
    // The same init on maps that say v1.16 exactly (its LPM policy map) marks them.
    let fs = Bpffs::new();
    create(&fs, &[IPCACHE_12, BACKENDS_V3, ("cilium_policy_00042", "lpm_trie", 12, 24, 16384, 1)]);
    fs.ok(&["init", "--maps-only"]);
    assert!(fs.globals().join(ciliumrs::maps::abi::MARKER).is_dir());
}

/// Issue 22: `explain` on maps of v1.10, v1.13 and the newest layout decides by that
/// version's rules. Endpoint 42 (10.0.0.5) sends to 10.0.0.9 (identity 1001 in the IP
/// cache) on 8080/tcp; its egress policy holds entries whose verdict differs by version:
/// - v1.10 (hash): only "1001, any TCP port" allowed. v1.16's trie would allow it as
///   L3-Proto; the hash map of v1.15 and before has no such lookup: no entry, 133. The
///   endpoint's identity comes from the IP cache (v1.10's entry has none).
/// - v1.13 (hash): that entry and "any identity, 8080/tcp": the second lookup allows it.
/// - newest (`cilium_policy_v2_`): a deny of 1001 at the highest precedence and an allow
///   of 8080/tcp for any identity: the deny wins (181); v1.16's order would allow it.
#[test]
fn explain_decides_by_each_versions_rules() {
    const LXC_V10: &str = "05000000 0000 2a00 00000000 00000000 0a0b0c0d0e0f0000 1a1b1c1d1e1f0000 00000000 000000000000000000000000";
    const LXC_V13: &str = "05000000 0000 2a00 00000000 00000000 0a0b0c0d0e0f0000 1a1b1c1d1e1f0000 fa070000 000000000000000000000000";
    const DST_9: &str = "40000000 0000 00 01 0a000009 000000000000000000000000";
    const DST_10: &str = "40000000 0000 00 01 0a00000a 000000000000000000000000";
    let services = ("cilium_lb4_services_v2", "hash", 12, 12, 65536, 1);
    let explain = |fs: &Bpffs| {
        let a = fs.ok(&["-o", "json", "explain", "10.0.0.5", "10.0.0.9:8080", "--proto", "tcp"]).json();
        (a["verdict"].as_str().unwrap_or("").to_string(), a["drop_code"].as_u64(), a)
    };

    let v10 = Bpffs::new();
    create(&v10, &[IPCACHE_12, BACKENDS_V1, POLICY_HASH, LXC, services]);
    bpftool_update(&v10.pin("cilium_lxc"), LXC_5, LXC_V10);
    bpftool_update(&v10.pin("cilium_ipcache"), HOST_5, "fa070000 00000000 00 000000");
    bpftool_update(&v10.pin("cilium_ipcache"), DST_9, "e9030000 00000000 00 000000");
    let allow = "0000 00 00 0000 0000 0000000000000000 0000000000000000";
    bpftool_update(&v10.pin("cilium_policy_00042"), "e9030000 0000 06 01", allow);
    let (verdict, code, a) = explain(&v10);
    assert_eq!((verdict.as_str(), code), ("DROPPED", Some(133)), "{a}");
    assert_eq!(a["src_identity"], 2042, "the identity from the IP cache: {a}");
    assert!(a["steps"].to_string().contains("v1.15 and before"), "{a}");

    let v13 = Bpffs::new();
    create(&v13, &[IPCACHE_12, BACKENDS_V3, POLICY_HASH, LXC, services]);
    bpftool_update(&v13.pin("cilium_lxc"), LXC_5, LXC_V13);
    // v1.13's value: node id at 8, encrypt key at 10, flags at 11.
    bpftool_update(&v13.pin("cilium_ipcache"), DST_9, "e9030000 00000000 0000 00 00");
    bpftool_update(&v13.pin("cilium_policy_00042"), "e9030000 0000 06 01", allow);
    bpftool_update(&v13.pin("cilium_policy_00042"), "00000000 1f90 06 01", allow);
    let (verdict, code, a) = explain(&v13);
    assert_eq!((verdict.as_str(), code), ("FORWARDED", None), "{a}");
    assert!(a["steps"].to_string().contains("an allow entry matches (L4-Only)"), "{a}");

    let newest = Bpffs::new();
    create(
        &newest,
        &[IPCACHE_V2, BACKENDS_V3, LXC, services, ("cilium_policy_v2_00042", "lpm_trie", 12, 12, 16384, 1)],
    );
    bpftool_update(&newest.pin("cilium_lxc"), LXC_5, LXC_V13);
    bpftool_update(
        &newest.pin("cilium_ipcache_v2"),
        DST_9,
        "e9030000 00000000000000000000000000000000 0000 00 00",
    );
    // Deny 1001 at L3 (prefix 40), precedence 0xffffffff; allow 8080/tcp to any identity
    // (prefix 64, port/protocol prefix 24 in bits 3-7), precedence 100.
    bpftool_update(
        &newest.pin("cilium_policy_v2_00042"),
        "28000000 e9030000 01 00 0000",
        "0000 01 00 ffffffff 00000000",
    );
    bpftool_update(
        &newest.pin("cilium_policy_v2_00042"),
        "40000000 00000000 01 06 1f90",
        "0000 c0 00 64000000 00000000",
    );
    let (verdict, code, a) = explain(&newest);
    assert_eq!((verdict.as_str(), code), ("DROPPED", Some(181)), "{a}");
    assert!(a["steps"].to_string().contains("cilium_policy_v2_00042"), "{a}");
    // 10.0.0.10 (identity 1002) on 9090/tcp: its own L3-L4 allow at precedence 5 against an
    // any-identity deny of 9090/tcp at precedence 10. The higher precedence decides (181);
    // v1.16's order would let the identity's L3-L4 entry allow it.
    bpftool_update(
        &newest.pin("cilium_ipcache_v2"),
        DST_10,
        "ea030000 00000000000000000000000000000000 0000 00 00",
    );
    bpftool_update(
        &newest.pin("cilium_policy_v2_00042"),
        "40000000 ea030000 01 06 2382",
        "0000 c0 00 05000000 00000000",
    );
    bpftool_update(
        &newest.pin("cilium_policy_v2_00042"),
        "40000000 00000000 01 06 2382",
        "0000 c1 00 0a000000 00000000",
    );
    let a = newest.ok(&["-o", "json", "explain", "10.0.0.5", "10.0.0.10:9090", "--proto", "tcp"]).json();
    assert_eq!((a["verdict"].as_str(), a["drop_code"].as_u64()), (Some("DROPPED"), Some(181)), "{a}");
    assert!(a["steps"].to_string().contains("a deny entry matches (L4-Only)"), "{a}");
    // Equal precedence and prefix: the identity's entry decides (allow).
    bpftool_update(
        &newest.pin("cilium_policy_v2_00042"),
        "40000000 00000000 01 06 2382",
        "0000 c1 00 05000000 00000000",
    );
    let a = newest.ok(&["-o", "json", "explain", "10.0.0.5", "10.0.0.10:9090", "--proto", "tcp"]).json();
    assert_eq!(a["verdict"], "FORWARDED", "{a}");
    assert!(a["steps"].to_string().contains("an allow entry matches (L3-L4)"), "{a}");
    // Equal precedence, the longer port/protocol prefix: the any-identity deny of 9090/tcp
    // (24) over the identity's L3-only allow (0).
    let key = hex_words("40000000 ea030000 01 06 2382");
    let path = newest.pin("cilium_policy_v2_00042").display().to_string();
    let mut del = vec!["map", "delete", "pinned", &path, "key", "hex"];
    del.extend(key.iter().map(String::as_str));
    bpftool(&del);
    bpftool_update(
        &newest.pin("cilium_policy_v2_00042"),
        "28000000 ea030000 01 00 0000",
        "0000 00 00 05000000 00000000",
    );
    let a = newest.ok(&["-o", "json", "explain", "10.0.0.5", "10.0.0.10:9090", "--proto", "tcp"]).json();
    assert_eq!((a["verdict"].as_str(), a["drop_code"].as_u64()), (Some("DROPPED"), Some(181)), "{a}");
    assert!(a["steps"].to_string().contains("a deny entry matches (L4-Only)"), "{a}");
    // Each node's maps are as they were: explain only reads.
    for fs in [&v10, &v13, &newest] {
        let before = snapshot(fs);
        explain(fs);
        assert_eq!(snapshot(fs), before);
    }
}
