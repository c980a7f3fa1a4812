//! Byte compatibility both ways, with the test vectors of `cilium-layout-v1.16.md`:
//! entries bpftool writes are decoded by ciliumrs; entries ciliumrs writes are the exact
//! bytes bpftool reads back.

use crate::support::*;

const CT_KEY: &str = "0a000002 0a000001 0050 3039 06 00";
const CT_VAL: &str = "0000000000000000 0300000000000000 0500000000000000 f401000000000000 e8030000 1100 0007 0200 02 12 d2040000 0000000000000000";

// One test per map, so that a failure in one hides none of the others.

#[test]
fn bpftool_written_ct_entries_decode() {
    let fs = Bpffs::new();
    fs.init();
    bpftool_update(&fs.pin("cilium_ct4_global"), CT_KEY, CT_VAL);
    let ct = fs.ok(&["-o", "json", "bpf", "ct", "list"]).json();
    let e = &ct[0];
    assert_eq!((e["proto"].as_str(), e["direction"].as_str()), (Some("TCP"), Some("OUT")));
    assert_eq!((e["src"].as_str(), e["sport"].as_u64()), (Some("10.0.0.2"), Some(12345)));
    assert_eq!((e["dst"].as_str(), e["dport"].as_u64()), (Some("10.0.0.1"), Some(80)));
    assert_eq!(
        (e["packets"].as_u64(), e["bytes"].as_u64(), e["expires"].as_u64()),
        (Some(5), Some(500), Some(1000))
    );
    assert_eq!(e["flag_names"], serde_json::json!(["RxClosing", "SeenNonSyn"]));
    assert_eq!(
        (e["rev_nat"].as_u64(), e["src_sec_id"].as_u64(), e["ifindex"].as_u64(), e["backend_id"].as_u64()),
        (Some(7), Some(1234), Some(2), Some(3))
    );
    let text = fs.ok(&["bpf", "ct", "list"]).stdout;
    assert!(text.starts_with("TCP OUT 10.0.0.2:12345 -> 10.0.0.1:80 expires=1000 ("), "{text}");
    assert!(text.contains("Packets=5 Bytes=500 RxFlagsSeen=0x12 LastRxReport=0 TxFlagsSeen=0x02 LastTxReport=0 Flags=0x0011 [ RxClosing SeenNonSyn ] RevNAT=7 SourceSecurityID=1234 IfIndex=2 BackendID=3"), "{text}");
}

#[test]
fn bpftool_written_ipcache_entries_decode() {
    let fs = Bpffs::new();
    fs.init();
    bpftool_update(
        &fs.pin("cilium_ipcache"),
        "30000000 0300 00 01 0a010000 000000000000000000000000",
        "01000001 00000000 0000 00 01",
    );
    let ipc = fs.ok(&["-o", "json", "bpf", "ipcache", "list"]).json();
    assert_eq!(ipc[0]["prefix"], "10.1.0.0/16@3");
    assert_eq!(ipc[0]["identity"], 16777217);
    assert_eq!(ipc[0]["flag_names"], serde_json::json!(["skiptunnel"]));
}

#[test]
fn bpftool_written_endpoint_entries_decode() {
    let fs = Bpffs::new();
    fs.init();
    bpftool_update(
        &fs.pin("cilium_lxc"),
        "0a000005 000000000000000000000000 01 00 0000",
        "07000000 0000 2a00 00000000 00000000 0a0b0c0d0e0f0000 1a1b1c1d1e1f0000 d2040000 000000000000000000000000",
    );
    let lxc = fs.ok(&["-o", "json", "bpf", "endpoint", "get", "10.0.0.5"]).json();
    assert_eq!(
        (lxc["id"].as_u64(), lxc["ifindex"].as_u64(), lxc["identity"].as_u64()),
        (Some(42), Some(7), Some(1234))
    );
    assert_eq!(
        (lxc["mac"].as_str(), lxc["node_mac"].as_str()),
        (Some("0A:0B:0C:0D:0E:0F"), Some("1A:1B:1C:1D:1E:1F"))
    );
}

#[test]
fn bpftool_written_tunnel_entries_decode() {
    let fs = Bpffs::new();
    fs.init();
    bpftool_update(
        &fs.pin("cilium_tunnel_map"),
        "0a010000 000000000000000000000000 01 00 0000",
        "c0a8010a 000000000000000000000000 01 02 0000",
    );
    let t = fs.ok(&["-o", "json", "bpf", "tunnel", "list"]).json();
    assert_eq!(
        (t[0]["prefix"].as_str(), t[0]["endpoint"].as_str(), t[0]["encrypt_key"].as_u64()),
        (Some("10.1.0.0"), Some("192.168.1.10"), Some(2))
    );
}

#[test]
fn bpftool_written_lb_entries_decode() {
    let fs = Bpffs::new();
    fs.init();
    lb_test_vector(&fs);
    bpftool_update(&fs.pin("cilium_lb4_backends_v3"), "01000000", "0a000105 0035 11 00 0000 00 00");
    let lb = fs.ok(&["-o", "json", "bpf", "lb", "list"]).json();
    assert_eq!(lb[0]["frontend"], "10.96.0.10:53");
    assert_eq!(lb[0]["flag_text"], "ClusterIP, non-routable");
    assert_eq!(lb[0]["rev_nat"], 7);
    assert_eq!(
        (lb[1]["slot"].as_u64(), lb[1]["backend"].as_str(), lb[1]["backend_id"].as_u64()),
        (Some(1), Some("10.0.1.5:53"), Some(1))
    );
    let rn = fs.ok(&["-o", "json", "bpf", "lb", "list", "--revnat"]).json();
    assert_eq!((rn[0]["id"].as_u64(), rn[0]["address"].as_str()), (Some(7), Some("10.96.0.10:53")));
    let be = fs.ok(&["-o", "json", "bpf", "lb", "list", "--backends"]).json();
    assert_eq!((be[0]["proto"].as_str(), be[0]["address"].as_str()), (Some("UDP"), Some("10.0.1.5")));
}

#[test]
fn bpftool_written_policy_entries_decode() {
    let fs = Bpffs::new();
    fs.init();
    // Policy maps: created by bpftool, as another loader would.
    let p = fs.pin("cilium_policy_00123").display().to_string();
    bpftool(&[
        "map",
        "create",
        &p,
        "type",
        "lpm_trie",
        "key",
        "12",
        "value",
        "24",
        "entries",
        "16384",
        "name",
        "cilium_policy_0",
        "flags",
        "1",
    ]);
    bpftool_update(
        &fs.pin("cilium_policy_00123"),
        "40000000 d2040000 00 06 0050",
        "0000 00 00 0000 0000 0a00000000000000 e803000000000000",
    );
    bpftool_update(
        &fs.pin("cilium_policy_00123"),
        "28000000 02000000 01 00 0000",
        "0000 01 00 0000 0000 0000000000000000 0000000000000000",
    );
    bpftool_update(
        &fs.pin("cilium_policy_00123"),
        "40000000 e9030000 00 06 1f90",
        "3b9a 00 01 0000 0000 0000000000000000 0000000000000000",
    );
    let pol = fs.ok(&["-o", "json", "bpf", "policy", "get", "123"]).json();
    let rows: Vec<String> = pol
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            format!(
                "{} {} {} {} {} {} {} {} {}",
                r["policy"],
                r["direction"],
                r["identity"],
                r["port_proto"],
                r["proxy_port"],
                r["auth_type"],
                r["bytes"],
                r["packets"],
                r["prefix"]
            )
            .replace('"', "")
        })
        .collect();
    assert!(rows.contains(&"Allow Ingress 1234 80/TCP NONE disabled 1000 10 24".to_string()), "{rows:?}");
    assert!(rows.contains(&"Deny Egress 2 ANY NONE disabled 0 0 0".to_string()), "{rows:?}");
    assert!(rows.contains(&"Allow Ingress 1001 8080/TCP 15258 spire 0 0 24".to_string()), "{rows:?}");
}

#[test]
fn bpftool_written_metrics_entries_decode() {
    let fs = Bpffs::new();
    fs.init();
    // Metrics: per-CPU; bpftool writes the same value on every CPU.
    bpftool_update(&fs.pin("cilium_metrics"), "00 01 0000 00 000000", "0700000000000000 0004000000000000");
    bpftool_update(&fs.pin("cilium_metrics"), "85 02 e703 05 000000", "0100000000000000 4000000000000000");
    let cpus = u64::from(ciliumrs::bpf::cpus::possible_cpus().unwrap());
    let m = fs.ok(&["-o", "json", "bpf", "metrics", "list"]).json();
    assert_eq!(
        (m[0]["reason"].as_str(), m[0]["direction"].as_str()),
        (Some("Policy denied"), Some("EGRESS"))
    );
    assert_eq!((m[0]["packets"].as_u64(), m[0]["bytes"].as_u64()), (Some(cpus), Some(64 * cpus)));
    assert_eq!((m[0]["line"].as_u64(), m[0]["file"].as_str()), (Some(999), Some("bpf_sock.c")));
    assert_eq!(
        (m[1]["reason"].as_str(), m[1]["direction"].as_str(), m[1]["packets"].as_u64()),
        (Some("Success"), Some("INGRESS"), Some(7 * cpus))
    );
}

#[test]
fn bpftool_written_snat_entries_decode() {
    let fs = Bpffs::new();
    fs.init();
    // SNAT entries.
    bpftool_update(
        &fs.pin("cilium_snat_v4_external"),
        "01010101 0a000001 0035 9c40 11 00",
        "0000000000000000 0000000000000000 0000000000000000 0000000000000000 c0a80001 80e8 0000",
    );
    let nat = fs.ok(&["bpf", "nat", "list"]).stdout;
    assert!(
        nat.starts_with("UDP OUT 10.0.0.1:40000 -> 1.1.1.1:53 XLATE_SRC 192.168.0.1:33000 Created="),
        "{nat}"
    );
}

#[test]
fn ciliumrs_written_ipcache_entries_are_the_expected_bytes() {
    let fs = Bpffs::new();
    fs.init();
    fs.ok(&[
        "bpf",
        "ipcache",
        "update",
        "10.0.0.5/32",
        "--identity",
        "1234",
        "--tunnel-endpoint",
        "192.168.1.10",
        "--skip-tunnel",
    ]);
    fs.ok(&["bpf", "ipcache", "update", "10.1.0.0/16@3", "--identity", "16777217", "--skip-tunnel"]);
    assert_eq!(
        bpftool_dump(&fs.pin("cilium_ipcache")),
        vec![
            (
                bytes("30000000 0300 00 01 0a010000 000000000000000000000000"),
                bytes("01000001 00000000 0000 00 01")
            ),
            (
                bytes("40000000 0000 00 01 0a000005 000000000000000000000000"),
                bytes("d2040000 c0a8010a 0000 00 01")
            ),
        ]
    );
}

#[test]
fn ciliumrs_written_endpoint_entries_are_the_expected_bytes() {
    let fs = Bpffs::new();
    fs.init();
    fs.ok(&[
        "bpf",
        "lxc",
        "update",
        "10.0.0.5",
        "--id",
        "42",
        "--ifindex",
        "7",
        "--mac",
        "0a:0b:0c:0d:0e:0f",
        "--node-mac",
        "1a:1b:1c:1d:1e:1f",
        "--identity",
        "1234",
    ]);
    assert_eq!(
        bpftool_dump(&fs.pin("cilium_lxc")),
        vec![(
            bytes("0a000005 000000000000000000000000 01 00 0000"),
            bytes(
                "07000000 0000 2a00 00000000 00000000 0a0b0c0d0e0f0000 1a1b1c1d1e1f0000 d2040000 000000000000000000000000"
            )
        )]
    );
}

#[test]
fn ciliumrs_written_tunnel_entries_are_the_expected_bytes() {
    let fs = Bpffs::new();
    fs.init();
    fs.ok(&["bpf", "tunnel", "update", "10.1.0.0/16", "192.168.1.10", "--encrypt-key", "2"]);
    assert_eq!(
        bpftool_dump(&fs.pin("cilium_tunnel_map")),
        vec![(
            bytes("0a010000 000000000000000000000000 01 00 0000"),
            bytes("c0a8010a 000000000000000000000000 01 02 0000")
        )]
    );
}

#[test]
fn ciliumrs_written_lb_entries_are_the_expected_bytes() {
    let fs = Bpffs::new();
    fs.init();
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
            "10.0.1.5:53",
        ])
        .json();
    assert_eq!((w["rev_nat"].as_u64(), w["action"].as_str()), (Some(1), Some("created")));
    assert_eq!(
        bpftool_dump(&fs.pin("cilium_lb4_services_v2")),
        vec![
            (bytes("0a60000a 0035 0000 00 00 0000"), bytes("00000000 0100 0001 00 00 0000")),
            (bytes("0a60000a 0035 0100 00 00 0000"), bytes("01000000 0000 0001 00 00 0000")),
        ]
    );
    assert_eq!(
        bpftool_dump(&fs.pin("cilium_lb4_backends_v3")),
        vec![(bytes("01000000"), bytes("0a000105 0035 11 00 0000 00 00"))]
    );
    assert_eq!(
        bpftool_dump(&fs.pin("cilium_lb4_reverse_nat")),
        vec![(bytes("0001"), bytes("0a60000a 0035"))]
    );
}

#[test]
fn ciliumrs_written_policy_entries_are_the_expected_bytes() {
    let fs = Bpffs::new();
    fs.init();
    fs.ok(&["bpf", "policy", "add", "123", "ingress", "1234", "80/tcp", "--create"]);
    fs.ok(&["bpf", "policy", "add", "123", "egress", "2", "--deny"]);
    let info = bpftool_json(&["map", "show", "pinned", &fs.pin("cilium_policy_00123").display().to_string()]);
    assert_eq!(
        (
            info["type"].as_str(),
            info["bytes_key"].as_u64(),
            info["bytes_value"].as_u64(),
            info["flags"].as_u64()
        ),
        (Some("lpm_trie"), Some(12), Some(24), Some(1))
    );
    assert_eq!(
        bpftool_dump(&fs.pin("cilium_policy_00123")),
        vec![
            (
                bytes("28000000 02000000 01 00 0000"),
                bytes("0000 07 00 0000 0000 0000000000000000 0000000000000000")
            ),
            (
                bytes("40000000 d2040000 00 06 0050"),
                bytes("0000 00 00 0000 0000 0000000000000000 0000000000000000")
            ),
        ]
    );
}
