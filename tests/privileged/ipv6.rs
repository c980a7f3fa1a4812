//! Issue 24: the IPv6 half of a dual-stack node's maps. `init --maps-only --ipv6` makes them
//! in Cilium v1.16's specs; entries written with bpftool, their bytes computed from the
//! layout facts (`cilium-layout-v1.16.md`: `ipv6_ct_tuple`, `lb6_key`, `lb6_backend`,
//! `lb6_reverse_nat`; `ipv6_nat_entry` from Cilium's sources), are listed in cilium-dbg's
//! text (CT lines without brackets, NAT and LB lines with them) and JSON, narrowed with
//! `--family` and IPv6 filters, deleted and flushed; the IP cache takes IPv6 prefixes; bad
//! input is refused with exit 2 and touches no map.

use crate::support::*;

const A: &str = "f00d0000000000000000000000000002"; // f00d::2
const B: &str = "f00d0000000000000000000000000001"; // f00d::1
/// v1.16's ct_entry: backend 3, 5 packets / 500 bytes, lifetime 1000, flags 0x11, rev NAT
/// 7, ifindex 2, tx 0x02, rx 0x12, identity 1234.
const CT_VALUE: &str = "0000000000000000 0300000000000000 0500000000000000 f401000000000000 \
                        e8030000 1100 0007 0200 02 12 d2040000 0000000000000000";

fn v6_node() -> Bpffs {
    let fs = Bpffs::new();
    let o = fs.ok(&["-o", "json", "init", "--maps-only", "--ipv6"]);
    let rows = o.json();
    for name in
        ["cilium_ct6_global", "cilium_ct_any6_global", "cilium_snat_v6_external", "cilium_lb6_services_v2"]
    {
        assert!(
            rows.as_array().unwrap().iter().any(|r| r["map"] == name && r["action"] == "created"),
            "{name} not created: {rows}"
        );
    }
    fs
}

#[test]
fn ipv6_conntrack_is_listed_filtered_deleted_and_flushed() {
    let fs = v6_node();
    bpftool_update(&fs.pin("cilium_ct6_global"), &format!("{A} {B} 0050 3039 06 00"), CT_VALUE);
    // ICMPv6 echo (58) goes to the non-TCP map: the identifier (7) in dport.
    bpftool_update(&fs.pin("cilium_ct_any6_global"), &format!("{A} {B} 0007 0000 3a 00"), CT_VALUE);
    let text = fs.ok(&["bpf", "ct", "list"]).stdout;
    // Cilium's line, with the time left that ciliumrs adds after `expires=`.
    let tcp = text.lines().find(|l| l.starts_with("TCP OUT f00d::2:12345 -> f00d::1:80 expires=1000 ("));
    assert!(
        tcp.is_some_and(|l| l.ends_with(
            ") Packets=5 Bytes=500 RxFlagsSeen=0x12 LastRxReport=0 TxFlagsSeen=0x02 LastTxReport=0 \
             Flags=0x0011 [ RxClosing SeenNonSyn ] RevNAT=7 SourceSecurityID=1234 IfIndex=2 BackendID=3"
        )),
        "{text}"
    );
    assert!(text.contains("ICMPv6 OUT f00d::2:0 -> f00d::1:7 expires=1000"), "{text}");
    let json = fs.ok(&["-o", "json", "bpf", "ct", "list", "--family", "6"]).json();
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), 2, "{json}");
    assert_eq!(
        (rows[0]["src"].as_str(), rows[0]["dst"].as_str()),
        (Some("f00d::2"), Some("f00d::1")),
        "{json}"
    );
    assert_eq!(rows[0]["map"], "cilium_ct6_global");
    let only4 = fs.ok(&["-o", "json", "bpf", "ct", "list", "--family", "4"]).json();
    assert_eq!(only4.as_array().map(Vec::len), Some(0), "{only4}");
    let by_port = fs.ok(&["-o", "json", "bpf", "ct", "list", "--dst", "[f00d::1/128]:80"]).json();
    assert_eq!(by_port.as_array().map(Vec::len), Some(1), "{by_port}");
    let other = fs.ok(&["-o", "json", "bpf", "ct", "list", "--src", "fd00::/8"]).json();
    assert_eq!(other.as_array().map(Vec::len), Some(0), "{other}");

    fs.ok(&["bpf", "ct", "delete", "tcp", "[f00d::2]:12345", "[f00d::1]:80"]);
    assert!(bpftool_dump(&fs.pin("cilium_ct6_global")).is_empty());
    let gone = fs.run(&["bpf", "ct", "delete", "tcp", "[f00d::2]:12345", "[f00d::1]:80"]);
    assert_eq!(gone.code, 1);
    assert!(
        gone.stderr.contains("no flow TCP OUT [f00d::2]:12345 -> [f00d::1]:80 in cilium_ct6_global"),
        "{}",
        gone.stderr
    );
    let flushed = fs.ok(&["-o", "json", "bpf", "ct", "flush", "--family", "6"]).json();
    let n: u64 = flushed.as_array().unwrap().iter().map(|r| r["deleted"].as_u64().unwrap()).sum();
    assert_eq!(n, 1, "{flushed}");
    assert!(bpftool_dump(&fs.pin("cilium_ct_any6_global")).is_empty());
}

#[test]
fn ipv6_prefixes_in_the_ip_cache() {
    let fs = v6_node();
    fs.ok(&[
        "bpf",
        "ipcache",
        "update",
        "f00d::/64",
        "--identity",
        "1234",
        "--tunnel-endpoint",
        "10.100.0.2",
    ]);
    fs.ok(&["bpf", "ipcache", "update", "10.0.0.0/8", "--identity", "5"]);
    // prefixlen 32 + 64, cluster 0, family 2 (IPv6), the address; v1.13's 12-byte value.
    let dump = bpftool_dump(&fs.pin("cilium_ipcache"));
    let key = hex_words("60000000 0000 00 02 f00d0000000000000000000000000000");
    let want_key: Vec<u8> = key.iter().map(|w| u8::from_str_radix(w, 16).unwrap()).collect();
    let hit =
        dump.iter().find(|(k, _)| *k == want_key).unwrap_or_else(|| panic!("no f00d::/64 key: {dump:?}"));
    let want_val: Vec<u8> = hex_words("d2040000 0a640002 0000 00 00")
        .iter()
        .map(|w| u8::from_str_radix(w, 16).unwrap())
        .collect();
    assert_eq!(hit.1, want_val);
    let got = fs.ok(&["-o", "json", "bpf", "ipcache", "get", "f00d::5"]).json();
    assert_eq!((got["prefix"].as_str(), got["identity"].as_u64()), (Some("f00d::/64"), Some(1234)), "{got}");
    let miss = fs.run(&["bpf", "ipcache", "get", "fd00::5"]);
    assert_eq!(miss.code, 1);
    assert!(miss.stderr.contains("fd00::5 does not map to any identity"), "{}", miss.stderr);
    let six = fs.ok(&["-o", "json", "bpf", "ipcache", "list", "--family", "6"]).json();
    assert_eq!(
        six.as_array().unwrap().iter().map(|r| r["prefix"].clone()).collect::<Vec<_>>(),
        ["f00d::/64"]
    );
    let four = fs.ok(&["-o", "json", "bpf", "ipcache", "list", "--family", "4"]).json();
    assert_eq!(
        four.as_array().unwrap().iter().map(|r| r["prefix"].clone()).collect::<Vec<_>>(),
        ["10.0.0.0/8"]
    );
    fs.ok(&["bpf", "ipcache", "delete", "f00d::/64"]);
    assert_eq!(
        fs.ok(&["-o", "json", "bpf", "ipcache", "list", "--family", "6"]).json(),
        serde_json::json!([])
    );
}

#[test]
fn ipv6_nat_lb_and_neighbours_in_ciliums_text() {
    let fs = v6_node();
    // NAT: the packet's own tuple (saddr f00d::1:40000 -> daddr f00d::2:80), XLATE_SRC to
    // [fd00::100]:33000: ipv6_nat_entry created@0, needs_ct@8, to_addr@32, to_port@48.
    bpftool_update(
        &fs.pin("cilium_snat_v6_external"),
        &format!("{A} {B} 0050 9c40 06 00"),
        "0000000000000000 0000000000000000 0000000000000000 0000000000000000 \
         fd000000000000000000000000000100 80e8 000000000000",
    );
    let nat = fs.ok(&["bpf", "nat", "list", "--family", "6"]).stdout;
    let line = nat.lines().next().unwrap_or_default();
    assert!(
        line.starts_with("TCP OUT [f00d::1]:40000 -> [f00d::2]:80 XLATE_SRC [fd00::100]:33000 Created=")
            && line.ends_with("sec ago NeedsCT=0"),
        "{nat}"
    );
    let flushed = fs.ok(&["-o", "json", "bpf", "nat", "flush", "--family", "6"]).json();
    assert_eq!(flushed[0]["deleted"], 1, "{flushed}");

    // A ClusterIP [f00d::a]:80 (rev NAT 7) with one backend, id 1: [f00d::2]:8080.
    let vip = "f00d000000000000000000000000000a";
    bpftool_update(
        &fs.pin("cilium_lb6_services_v2"),
        &format!("{vip} 0050 0000 00 00 0000"),
        "00000000 0100 0007 00 00 0000",
    );
    bpftool_update(
        &fs.pin("cilium_lb6_services_v2"),
        &format!("{vip} 0050 0100 00 00 0000"),
        "01000000 0000 0007 00 00 0000",
    );
    bpftool_update(&fs.pin("cilium_lb6_backends_v3"), "01000000", &format!("{A} 1f90 06 00 0000 00 00"));
    bpftool_update(&fs.pin("cilium_lb6_reverse_nat"), "0007", &format!("{vip} 0050"));
    let lb = fs.ok(&["bpf", "lb", "list"]).stdout;
    assert!(
        lb.contains("[f00d::a]:80 (0)") && lb.contains("[::]:0 (7) (0) [ClusterIP, non-routable]"),
        "{lb}"
    );
    assert!(lb.contains("[f00d::a]:80 (1)") && lb.contains("[f00d::2]:8080 (7) (1)"), "{lb}");
    let b = fs.ok(&["-o", "json", "bpf", "lb", "list", "--backends", "--family", "6"]).json();
    assert_eq!(
        (b[0]["id"].as_u64(), b[0]["address"].as_str(), b[0]["port"].as_u64()),
        (Some(1), Some("f00d::2"), Some(8080))
    );
    let r = fs.ok(&["-o", "json", "bpf", "lb", "list", "--revnat", "--family", "6"]).json();
    assert_eq!((r[0]["id"].as_u64(), r[0]["address"].as_str()), (Some(7), Some("[f00d::a]:80")), "{r}");
    let svc = fs.ok(&["-o", "json", "service", "list"]).json();
    let row = svc
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["frontend"] == "[f00d::a]:80")
        .unwrap_or_else(|| panic!("{svc}"));
    assert_eq!(row["backends"], serde_json::json!(["1 => [f00d::2]:8080 (active)"]));
    assert_eq!(row["type"], "ClusterIP");

    // The NodePort neighbour cache: f00d::9 at 02:00:00:00:00:09.
    bpftool_update(
        &fs.pin("cilium_nodeport_neigh6"),
        "f00d0000000000000000000000000009",
        "020000000009 0000",
    );
    let n = fs.ok(&["-o", "json", "bpf", "neigh", "list"]).json();
    assert_eq!(
        (n[0]["address"].as_str(), n[0]["mac"].as_str()),
        (Some("f00d::9"), Some("02:00:00:00:00:09")),
        "{n}"
    );
    // status says the IPv6 maps are there and that this datapath is IPv4.
    let st = fs.ok(&["-o", "json", "status"]).json();
    let v6 = st.as_array().unwrap().iter().find(|r| r["kind"] == "ipv6").unwrap_or_else(|| panic!("{st}"));
    assert!(v6["detail"].as_str().unwrap().contains("this datapath is IPv4"), "{v6}");
}

#[test]
fn ipv6_bad_input_is_refused_and_touches_nothing() {
    let fs = v6_node();
    bpftool_update(&fs.pin("cilium_ct6_global"), &format!("{A} {B} 0050 3039 06 00"), CT_VALUE);
    let before = snapshot(&fs);
    for (args, says) in [
        (&["bpf", "ipcache", "update", "f00d::/129", "--identity", "5"][..], "prefix length 129 is over 128"),
        (&["bpf", "ipcache", "update", "f00d::1/64", "--identity", "5"], "did you mean f00d::/64"),
        (&["bpf", "ipcache", "get", "f00d::zz"], "'f00d::zz'"),
        (&["bpf", "ct", "delete", "tcp", "[f00d::2]:12345", "10.0.0.1:80"], "different address families"),
        (&["bpf", "ct", "delete", "tcp", "f00d::2:12345", "[f00d::1]:80"], "[IPV6]:PORT"),
        (&["bpf", "ct", "list", "--src", "10.0.0.0/8", "--dst", "f00d::/64"], "different address families"),
        (&["bpf", "ct", "flush", "--family", "4", "--src", "f00d::/64"], "--family 4 with an IPv6 filter"),
        (&["bpf", "ct", "list", "--family", "5"], "5"),
    ] {
        let o = fs.run(args);
        assert_eq!(o.code, 2, "{args:?}: {}", o.stderr);
        assert!(o.stderr.contains(says), "{args:?}: {}", o.stderr);
    }
    assert_eq!(snapshot(&fs), before, "bad input changed a map");
    // A node without IPv6 maps: asking for them names the map, exit 1.
    let v4 = Bpffs::new();
    v4.ok(&["init", "--maps-only"]);
    let o = v4.run(&["bpf", "ct", "list", "--family", "6"]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(o.stderr.contains("cilium_ct6_global"), "{}", o.stderr);
    // ... and lists its IPv4 half without a word about the IPv6 one.
    let o = v4.ok(&["bpf", "ct", "list"]);
    assert!(!o.stderr.contains("ct6"), "{}", o.stderr);
}

const FILL_OBJ: &[u8] = aya::include_bytes_aligned!("../../ebpf/obj/ct6_fill.o");

/// Entries a BPF program writes as Cilium's datapath does (`ebpf/tests/ct6_fill.c`, run
/// through BPF_PROG_TEST_RUN over the maps `init --maps-only --ipv6` made): a TCP SYN's CT
/// entry and SNAT pair, an ICMPv6 echo's CT entry in the non-TCP map; each run's return
/// code is checked.
#[test]
fn entries_a_bpf_program_writes_are_read_back() {
    use aya::programs::{SchedClassifier, TestRun, TestRunOptions};
    let fs = v6_node();
    let mut bpf = aya::EbpfLoader::new().default_map_pin_directory(fs.globals()).load(FILL_OBJ).unwrap();
    let p: &mut SchedClassifier = bpf.program_mut("ct6_fill").unwrap().try_into().unwrap();
    p.load().unwrap();
    let run = |pkt: Vec<u8>| {
        let r = p.test_run(TestRunOptions { data_in: Some(&pkt), repeat: 1, ..Default::default() }).unwrap();
        assert_eq!(r.return_value, 0, "TC_ACT_OK");
    };
    let eth = "0a0b0c0d0e0f 1a1b1c1d1e1f 86dd";
    // f00d::1:40000 -> f00d::2:80, SYN.
    let syn = format!("{eth} 60000000 0014 06 40 {B} {A} 9c40 0050 00000000 00000000 5002 0000 0000 0000");
    run(hex_words(&syn).iter().map(|w| u8::from_str_radix(w, 16).unwrap()).collect());
    // An echo request, identifier 7.
    let echo = format!("{eth} 60000000 0008 3a 40 {B} {A} 80 00 0000 0007 0001");
    run(hex_words(&echo).iter().map(|w| u8::from_str_radix(w, 16).unwrap()).collect());
    let ct = fs.ok(&["bpf", "ct", "list", "--family", "6"]).stdout;
    let tcp = ct.lines().find(|l| l.starts_with("TCP OUT f00d::1:40000 -> f00d::2:80 expires="));
    assert!(
        tcp.is_some_and(|l| l.contains(" Packets=1 ")
            && l.contains("TxFlagsSeen=0x02")
            && l.contains("SourceSecurityID=1234")),
        "{ct}"
    );
    assert!(ct.lines().any(|l| l.starts_with("ICMPv6 OUT f00d::1:0 -> f00d::2:7 expires=")), "{ct}");
    let nat = fs.ok(&["bpf", "nat", "list"]).stdout;
    assert!(
        nat.lines()
            .any(|l| l
                .starts_with("TCP OUT [f00d::1]:40000 -> [f00d::2]:80 XLATE_SRC [fd00::100]:33000 Created=")),
        "{nat}"
    );
    assert!(
        nat.lines()
            .any(|l| l
                .starts_with("TCP IN [f00d::2]:80 -> [fd00::100]:33000 XLATE_DST [f00d::1]:40000 Created=")),
        "{nat}"
    );
    let json = fs.ok(&["-o", "json", "bpf", "nat", "list", "--family", "6"]).json();
    assert_eq!(json.as_array().map(Vec::len), Some(2), "{json}");
    // The IPv4 listing knows nothing of them.
    assert_eq!(fs.ok(&["-o", "json", "bpf", "ct", "list", "--family", "4"]).json(), serde_json::json!([]));
}
