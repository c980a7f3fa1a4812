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

    // Session affinity (`lb6_affinity_key`: client 16 B, rev NAT@16 net, netns-cookie bit@18):
    // client f00d::2 on service 7 to backend 1 (in the match map), and a socket's netns
    // cookie 4242 to backend 9 (not in it).
    let aff = fs.pin("cilium_lb6_affinity");
    let val = |backend: &str| format!("0500000000000000 {backend} 00000000");
    bpftool_update(&aff, &format!("{A} 0007 00 00 00000000"), &val("01000000"));
    bpftool_update(&aff, "9210000000000000 0000000000000000 0007 01 00 00000000", &val("09000000"));
    bpftool_update(&fs.pin("cilium_lb_affinity_match"), "01000000 0007 0000", "00");
    let a = fs.ok(&["-o", "json", "bpf", "lb", "list", "--affinity", "--family", "6"]).json();
    let row = |i: usize| {
        let r = &a[i];
        (r["client"].as_str(), r["netns_cookie"].as_bool(), r["service"].as_str(), r["backend_id"].as_u64())
    };
    assert_eq!(row(0), (Some("f00d::2"), Some(false), Some("[f00d::a]:80"), Some(1)), "{a}");
    assert_eq!(row(1), (Some("netns cookie 4242"), Some(true), Some("[f00d::a]:80"), Some(9)), "{a}");
    assert_eq!(
        (a[0]["backend"].as_str(), a[0]["matched"].as_bool(), a[1]["matched"].as_bool()),
        (Some("[f00d::2]:8080"), Some(true), Some(false)),
        "{a}"
    );
    let t = fs.ok(&["bpf", "lb", "list", "--affinity"]).stdout;
    assert!(t.contains("f00d::2") && t.contains("[f00d::a]:80") && t.contains("netns cookie 4242"), "{t}");
    let v4 = fs.ok(&["-o", "json", "bpf", "lb", "list", "--affinity", "--family", "4"]).json();
    assert_eq!(v4, serde_json::json!([]), "the IPv4 map is empty");

    // The socket LB's IPv6 reverse translations (`ipv6_revnat_tuple`: cookie u64, backend
    // address@8, port@24; `ipv6_revnat_entry`: frontend, port, reverse NAT): socket 77 was
    // given [f00d::2]:8080 for [f00d::a]:80, service 7.
    bpftool_update(
        &fs.pin("cilium_lb6_reverse_sk"),
        &format!("4d00000000000000 {A} 1f90 0000 00000000"),
        &format!("{vip} 0050 0007"),
    );
    let r = fs.ok(&["-o", "json", "bpf", "lb", "list", "--reverse-sk", "--family", "6"]).json();
    assert_eq!(
        (
            r[0]["cookie"].as_u64(),
            r[0]["backend"].as_str(),
            r[0]["frontend"].as_str(),
            r[0]["rev_nat_id"].as_u64()
        ),
        (Some(77), Some("[f00d::2]:8080"), Some("[f00d::a]:80"), Some(7)),
        "{r}"
    );
    let t = fs.ok(&["bpf", "lb", "list", "--reverse-sk"]).stdout;
    assert!(t.contains("SOCKET COOKIE") && t.contains("[f00d::2]:8080"), "{t}");

    // IPv6 keys of cilium_lxc (`endpoint_key`: address 16 B, family 2 at 16) and
    // cilium_tunnel_map, beside IPv4 ones; `--family` narrows, `lxc get` takes IPv6.
    let info = |id: &str| {
        format!(
            "07000000 0000 {id} 00000000 00000000 020000000007 0000 020000000001 0000 e9030000 {}",
            "00".repeat(12)
        )
    };
    bpftool_update(&fs.pin("cilium_lxc"), "f00d0000000000000000000000000005 02 00 0000", &info("2a00"));
    bpftool_update(&fs.pin("cilium_lxc"), "0a000005 000000000000000000000000 01 00 0000", &info("2b00"));
    let e6 = fs.ok(&["-o", "json", "bpf", "endpoint", "list", "--family", "6"]).json();
    assert_eq!(
        (e6.as_array().map(Vec::len), e6[0]["ip"].as_str(), e6[0]["id"].as_u64(), e6[0]["identity"].as_u64()),
        (Some(1), Some("f00d::5"), Some(42), Some(1001)),
        "{e6}"
    );
    let e4 = fs.ok(&["-o", "json", "bpf", "endpoint", "list", "--family", "4"]).json();
    assert_eq!((e4.as_array().map(Vec::len), e4[0]["ip"].as_str()), (Some(1), Some("10.0.0.5")), "{e4}");
    assert_eq!(fs.ok(&["-o", "json", "bpf", "endpoint", "list"]).json().as_array().map(Vec::len), Some(2));
    let g = fs.ok(&["-o", "json", "bpf", "lxc", "get", "f00d::5"]).json();
    assert_eq!((g["id"].as_u64(), g["mac"].as_str()), (Some(42), Some("02:00:00:00:00:07")), "{g}");
    let o = fs.run(&["bpf", "lxc", "get", "f00d::6"]);
    assert!(
        o.code == 1 && o.stderr.contains("f00d::6 is not a local endpoint in cilium_lxc"),
        "{}",
        o.stderr
    );
    bpftool_update(
        &fs.pin("cilium_tunnel_map"),
        "f00d0000000000000000000000010000 02 00 0000",
        "fd000000000000000000000000050000 02 00 0000",
    );
    bpftool_update(
        &fs.pin("cilium_tunnel_map"),
        "0a010000 000000000000000000000000 01 00 0000",
        "c0a8010a 000000000000000000000000 01 00 0000",
    );
    let t6 = fs.ok(&["-o", "json", "bpf", "tunnel", "list", "--family", "6"]).json();
    assert_eq!(
        (t6.as_array().map(Vec::len), t6[0]["prefix"].as_str(), t6[0]["endpoint"].as_str()),
        (Some(1), Some("f00d::1:0"), Some("fd00::5:0")),
        "{t6}"
    );
    let t = fs.ok(&["bpf", "tunnel", "list"]).stdout;
    assert!(t.contains("f00d::1:0") && t.contains("10.1.0.0") && t.contains("192.168.1.10"), "{t}");

    // The NodePort neighbour cache: f00d::9 at 02:00:00:00:00:09.
    bpftool_update(
        &fs.pin("cilium_nodeport_neigh6"),
        "f00d0000000000000000000000000009",
        "020000000009 0000",
    );
    let n4 = fs.ok(&["-o", "json", "bpf", "neigh", "list", "--family", "4"]).json();
    assert_eq!(n4, serde_json::json!([]), "the IPv4 cache is empty: {n4}");
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
    for (args, map) in [
        (&["service", "list", "--family", "6"][..], "cilium_lb6_services_v2"),
        (&["bpf", "neigh", "list", "--family", "6"], "cilium_nodeport_neigh6"),
        (&["bpf", "lb", "list", "--reverse-sk", "--family", "6"], "cilium_lb6_reverse_sk"),
    ] {
        let o = v4.run(args);
        assert!(o.code == 1 && o.stderr.contains(map), "{args:?}: {}", o.stderr);
    }
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

/// Bytes of space-separated hex words.
fn bytes(s: &str) -> Vec<u8> {
    hex_words(s).iter().map(|b| u8::from_str_radix(b, 16).unwrap()).collect()
}

/// Every LB map a service write touches, both families, as bpftool reads them.
fn lb_maps(fs: &Bpffs) -> Vec<(&'static str, Entries)> {
    let mut all = crate::trust::lb_snapshot(fs);
    for m in ["cilium_lb6_services_v2", "cilium_lb6_backends_v3", "cilium_lb6_reverse_nat"] {
        all.push((m, bpftool_dump(&fs.pin(m))));
    }
    all
}

fn dump(fs: &Bpffs, map: &str) -> Entries {
    bpftool_dump(&fs.pin(map))
}

/// The expected entries, from (key, value) hex words.
fn entries(kv: &[(&str, &str)]) -> Entries {
    let mut e: Entries = kv.iter().map(|(k, v)| (bytes(k), bytes(v))).collect();
    e.sort();
    e
}

const FD10: &str = "fd000000000000000000000000000010"; // fd00::10
const FD01: &str = "fd000000000000000000000000000001"; // fd00::1
const FD02: &str = "fd000000000000000000000000000002"; // fd00::2

/// `bpf lb update FRONTEND --proto tcp --backends BACKENDS EXTRA...`, its JSON.
fn lb_update(fs: &Bpffs, frontend: &str, backends: &str, extra: &[&str]) -> serde_json::Value {
    let mut args =
        vec!["-o", "json", "bpf", "lb", "update", frontend, "--proto", "tcp", "--backends", backends];
    args.extend(extra);
    fs.ok(&args).json()
}

/// A v4 service with affinity (reverse NAT 1, backend 1) and a v6 one beside it.
fn dual_services(fs: &Bpffs) {
    lb_update(fs, "10.96.0.10:80", "10.0.0.1:80", &["--affinity-timeout", "30"]);
    lb_update(
        fs,
        "[fd00::10]:80",
        "[fd00::1]:8080,[fd00::2]:8080@terminating",
        &["--affinity-timeout", "60"],
    );
}

/// `bpf lb update/apply/delete` write the IPv6 half in v1.16's bytes (`lb6_key`,
/// `lb4_service`-shaped values, `lb6_backend`, `lb6_reverse_nat`, the shared
/// `cilium_lb_affinity_match`), with backend and reverse-NAT ids from one space with IPv4's
/// (as Cilium allocates them: a shared id would mix the two services' affinity matches);
/// each write leaves the other family's entries byte for byte.
#[test]
fn ipv6_services_are_written_beside_ipv4_ones_from_one_id_space() {
    let fs = v6_node();
    dual_services(&fs);
    let v4_before: Vec<_> = lb_maps(&fs).into_iter().filter(|(m, _)| m.starts_with("cilium_lb4")).collect();
    // Reverse NAT 2 (1 is the IPv4 service's), backends 2 and 3, the active one first;
    // affinity: the timeout in the master's backend_id, flag 0x10.
    assert_eq!(
        dump(&fs, "cilium_lb6_services_v2"),
        entries(&[
            (&format!("{FD10} 0050 0000 00 00 0000"), "3c000000 0100 0002 10 00 0000"),
            (&format!("{FD10} 0050 0100 00 00 0000"), "02000000 0000 0002 00 00 0000"),
            (&format!("{FD10} 0050 0200 00 00 0000"), "03000000 0000 0002 00 00 0000"),
        ])
    );
    assert_eq!(
        dump(&fs, "cilium_lb6_backends_v3"),
        entries(&[
            ("02000000", &format!("{FD01} 1f90 06 00 0000 00 00")),
            ("03000000", &format!("{FD02} 1f90 06 01 0000 00 00")),
        ])
    );
    assert_eq!(dump(&fs, "cilium_lb6_reverse_nat"), entries(&[("0002", &format!("{FD10} 0050"))]));
    assert_eq!(
        dump(&fs, "cilium_lb_affinity_match"),
        entries(&[("01000000 0001 0000", "00"), ("02000000 0002 0000", "00"), ("03000000 0002 0000", "00")])
    );
    let l = fs.ok(&["bpf", "lb", "list"]).stdout;
    assert!(l.contains("[fd00::10]:80 (1)") && l.contains("[fd00::1]:8080 (2) (1)"), "{l}");
    assert!(l.contains("10.96.0.10:80 (1)") && l.contains("10.0.0.1:80 (1) (1)"), "{l}");

    // Replaced: [fd00::1] and affinity go; the stale slot, the orphan backend and the IPv6
    // service's matches (not the IPv4 one's) are removed; backend 3 becomes active.
    let w = lb_update(&fs, "[fd00::10]:80", "[fd00::2]:8080", &[]);
    assert_eq!(
        (w["frontend"].as_str(), w["action"].as_str(), w["rev_nat"].as_u64(), w["backend_ids"].as_str()),
        (Some("[fd00::10]:80"), Some("updated"), Some(2), Some("3")),
        "{w}"
    );
    assert_eq!(
        dump(&fs, "cilium_lb6_services_v2"),
        entries(&[
            (&format!("{FD10} 0050 0000 00 00 0000"), "00000000 0100 0002 00 00 0000"),
            (&format!("{FD10} 0050 0100 00 00 0000"), "03000000 0000 0002 00 00 0000"),
        ])
    );
    assert_eq!(
        dump(&fs, "cilium_lb6_backends_v3"),
        entries(&[("03000000", &format!("{FD02} 1f90 06 00 0000 00 00"))])
    );
    assert_eq!(dump(&fs, "cilium_lb_affinity_match"), entries(&[("01000000 0001 0000", "00")]));
    let v4_now: Vec<_> = lb_maps(&fs).into_iter().filter(|(m, _)| m.starts_with("cilium_lb4")).collect();
    assert_eq!(v4_now, v4_before, "an IPv6 write changed the IPv4 maps");

    // A new IPv4 service takes reverse NAT 3 (2 is IPv6's) and backend 2 (3 is IPv6's),
    // through the writer's index (rebuilt after the IPv6 write, with IPv6's ids in it).
    assert!(fs.dir.join("ciliumrs/lb/state").exists(), "the IPv4 update goes through the index");
    let w = lb_update(&fs, "10.96.0.11:80", "10.0.0.2:80,10.0.0.3:80", &[]);
    assert_eq!((w["rev_nat"].as_u64(), w["backend_ids"].as_str()), (Some(3), Some("2,4")), "{w}");

    // A file of both families, written as one transaction.
    let scratch = Scratch::new("lb6");
    let file = scratch.0.join("services.json");
    std::fs::write(
        &file,
        r#"[{"frontend": "[fd00::20]:53", "proto": "udp", "backends": ["[fd00::2]:53"]},
            {"frontend": "10.96.0.12:53", "proto": "udp", "backends": ["10.0.0.6:53"]}]"#,
    )
    .unwrap();
    let a = fs.ok(&["-o", "json", "bpf", "lb", "apply", &file.display().to_string()]).json();
    assert_eq!((a["services"].as_u64(), a["created"].as_u64()), (Some(2), Some(2)), "{a}");
    let s = fs.ok(&["-o", "json", "service", "list"]).json();
    let row = |fe: &str| s.as_array().unwrap().iter().find(|r| r["frontend"] == fe).cloned();
    // The IPv4 plan takes reverse NAT 4 and backend 5; the IPv6 one, made in the same run,
    // 5 and 6 (not the ids the IPv4 plan has just taken).
    let got = |fe: &str| row(fe).map(|r| (r["id"].clone(), r["backends"].clone()));
    use serde_json::json;
    assert_eq!(got("10.96.0.12:53"), Some((json!(4), json!(["1 => 10.0.0.6:53 (active)"]))), "{s}");
    assert_eq!(got("[fd00::20]:53"), Some((json!(5), json!(["1 => [fd00::2]:53 (active)"]))), "{s}");
    let b = fs.ok(&["-o", "json", "bpf", "lb", "list", "--backends"]).json();
    let id = |addr: &str, port: u64| {
        b.as_array()
            .unwrap()
            .iter()
            .find(|r| r["address"] == addr && r["port"] == port)
            .map(|r| r["id"].clone())
    };
    assert_eq!((id("10.0.0.6", 53), id("fd00::2", 53)), (Some(json!(5)), Some(json!(6))), "{b}");

    // --family narrows service list to one family's rows.
    for (fam, v6) in [("4", false), ("6", true)] {
        let l = fs.ok(&["-o", "json", "service", "list", "--family", fam]).json();
        let fronts: Vec<&str> = l.as_array().unwrap().iter().filter_map(|r| r["frontend"].as_str()).collect();
        assert!(!fronts.is_empty() && fronts.iter().all(|f| f.starts_with('[') == v6), "--family {fam}: {l}");
    }

    // Deleted: its entries go, the other IPv6 service's and IPv4's stay.
    let v4_before: Vec<_> = lb_maps(&fs).into_iter().filter(|(m, _)| m.starts_with("cilium_lb4")).collect();
    fs.ok(&["bpf", "lb", "delete", "[fd00::10]:80"]);
    let six = fs.ok(&["-o", "json", "bpf", "lb", "list", "--family", "6"]).json();
    let fronts: std::collections::BTreeSet<&str> =
        six.as_array().unwrap().iter().filter_map(|r| r["frontend"].as_str()).collect();
    assert!(
        !fronts.iter().any(|f| f.contains("fd00::10")) && fronts.iter().any(|f| f.contains("fd00::20")),
        "{six}"
    );
    assert_eq!(dump(&fs, "cilium_lb6_reverse_nat").len(), 1);
    let v4_now: Vec<_> = lb_maps(&fs).into_iter().filter(|(m, _)| m.starts_with("cilium_lb4")).collect();
    assert_eq!(v4_now, v4_before, "an IPv6 delete changed the IPv4 maps");
    let o = fs.run(&["bpf", "lb", "delete", "[fd00::10]:80"]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(o.stderr.contains("service [fd00::10]:80 is not in cilium_lb6_services_v2"), "{}", o.stderr);
}

/// Mixed families in one service, an IPv6 service on a node without IPv6 maps: one line
/// naming the value, exit 2 (usage) or 1 (the node), and no map touched.
#[test]
fn ipv6_services_of_mixed_families_or_without_maps_are_refused() {
    let fs = v6_node();
    dual_services(&fs);
    let before = lb_maps(&fs);
    let scratch = Scratch::new("lb6bad");
    let file = scratch.0.join("mixed.json");
    std::fs::write(
        &file,
        r#"[{"frontend": "10.96.0.13:80", "backends": ["10.0.0.7:80"]},
            {"frontend": "[fd00::30]:80", "backends": ["[fd00::7]:80", "10.0.0.7:80"]}]"#,
    )
    .unwrap();
    let f = file.display().to_string();
    for (args, says) in [
        (
            &[
                "bpf",
                "lb",
                "update",
                "[fd00::10]:80",
                "--proto",
                "tcp",
                "--backends",
                "[fd00::1]:80,10.0.0.1:80",
            ][..],
            "service [fd00::10]:80: backend 10.0.0.1:80 is IPv4, the frontend IPv6",
        ),
        (
            &["bpf", "lb", "update", "10.96.0.10:80", "--proto", "tcp", "--backends", "[fd00::1]:80"],
            "service 10.96.0.10:80: backend [fd00::1]:80 is IPv6, the frontend IPv4",
        ),
        (
            &["bpf", "lb", "apply", &f],
            "services file entry 1: service [fd00::30]:80: backend 10.0.0.7:80 is IPv4",
        ),
        (
            &["bpf", "lb", "update", "[fd00::10]:99999", "--proto", "tcp", "--backends", ""],
            "[fd00::10]:99999",
        ),
        (&["bpf", "lb", "delete", "fd00::10:80"], "fd00::10:80"),
    ] {
        let o = fs.run(args);
        assert_eq!((o.code, o.stderr.trim().lines().count()), (2, 1), "{args:?}: {}", o.stderr);
        assert!(o.stderr.contains(says), "{args:?}: {}", o.stderr);
    }
    assert_eq!(lb_maps(&fs), before, "bad input changed a map");
    let v4 = Bpffs::new();
    v4.ok(&["init", "--maps-only"]);
    v4.ok(&["bpf", "lb", "update", "10.96.0.10:80", "--proto", "tcp", "--backends", "10.0.0.1:80"]);
    let before = snapshot(&v4);
    let o = v4.run(&["bpf", "lb", "update", "[fd00::10]:80", "--proto", "tcp", "--backends", "[fd00::1]:80"]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr.contains("service [fd00::10]:80: cilium_lb6_services_v2 is not pinned")
            && o.stderr.contains("nothing was changed"),
        "{}",
        o.stderr
    );
    assert_eq!(snapshot(&v4), before, "a refused IPv6 write changed a map");
}

/// The trust issue's proofs for the IPv6 half: an apply of both families made to fail at
/// each map write in turn leaves all seven LB maps byte for byte as they were; killed at
/// each write, the same apply run again makes exactly what an uninterrupted one makes.
#[test]
fn ipv6_a_write_failing_or_killed_at_any_map_write_leaves_no_half_service() {
    let scratch = Scratch::new("lb6fault");
    let file = scratch.0.join("services.json");
    std::fs::write(
        &file,
        r#"[{"frontend": "[fd00::10]:80", "backends": ["[fd00::2]:8080", "[fd00::3]:8080@terminating"], "affinity_timeout": 10},
            {"frontend": "10.96.0.10:80", "backends": ["10.0.0.2:80"]},
            {"frontend": "[fd00::20]:53", "proto": "udp", "backends": ["[fd00::1]:53"]}]"#,
    )
    .unwrap();
    let f = file.display().to_string();
    let args = ["bpf", "lb", "apply", f.as_str()];
    let node = || {
        let fs = v6_node();
        dual_services(&fs);
        fs
    };
    let after = {
        let fs = node();
        fs.ok(&args);
        lb_maps(&fs)
    };
    let stride = matrix(1, 3, "failing each map write");
    let (mut failed, mut killed) = (0, 0);
    for n in (1..).step_by(stride) {
        let fs = node();
        let before = lb_maps(&fs);
        assert_ne!(before, after, "the write changes something");
        let out = run_env(&fs.dir, &args, &[("CILIUMRS_FAULT_WRITE", &n.to_string())]);
        if out.code == 0 {
            assert_eq!(lb_maps(&fs), after, "with write {n} the first to fail, it ran through");
            break;
        }
        assert_eq!((out.code, out.stderr.trim().lines().count()), (1, 1), "write {n} fails: {}", out.stderr);
        assert!(out.stderr.contains("every map was put back as it was"), "write {n}: {}", out.stderr);
        assert_eq!(lb_maps(&fs), before, "write {n} failed and the maps are not as before");
        failed += 1;

        let fs = node();
        let out = run_env(&fs.dir, &args, &[("CILIUMRS_FAULT_WRITE", &format!("kill:{n}"))]);
        assert_eq!(out.code, -1, "killed at write {n}, so no exit code: {}", out.stderr);
        killed += 1;
        fs.ok(&args);
        assert_eq!(lb_maps(&fs), after, "run again after a kill at write {n}");
        assert!(n < 200, "still failing at write {n}");
    }
    // Both families' backends, reverse NAT, slots, matches, masters, the stale slot, the
    // orphan backends and matches: more than ten separate writes.
    assert!(failed * stride >= 10 && killed == failed, "only {failed} writes were made to fail");
}

/// 16 IPv4 and 16 IPv6 services written by 32 ciliumrs at once: each gets exactly its
/// backends, and no id is taken twice across the families (the write lock serialises them;
/// each reads the other family's ids).
#[test]
fn ipv6_concurrent_writers_of_both_families_take_distinct_ids() {
    let fs = v6_node();
    let want: std::collections::BTreeMap<String, std::collections::BTreeSet<String>> = (1..=16)
        .flat_map(|i| {
            [
                (format!("10.96.2.{i}:80"), (1..=2).map(|b| format!("10.1.{i}.{b}:8080")).collect()),
                (format!("[fd00::2:{i}]:80"), (1..=2).map(|b| format!("[fd00::1:{i}:{b}]:8080")).collect()),
            ]
        })
        .collect();
    crate::trust::update_all_at_once(&fs, &want);
    let got = crate::trust::services_by_frontend(&fs);
    let ids: std::collections::BTreeSet<u64> = got.values().map(|(id, _)| *id).collect();
    assert_eq!(ids.len(), 32, "every service has its own reverse-NAT id, across families: {got:?}");
    let got: std::collections::BTreeMap<String, std::collections::BTreeSet<String>> =
        got.into_iter().map(|(k, (_, b))| (k, b)).collect();
    assert_eq!(got, want, "a service holds another's backends");
    let keys = |m: &str| -> std::collections::BTreeSet<Vec<u8>> {
        dump(&fs, m).into_iter().map(|(k, _)| k).collect()
    };
    let (b4, b6) = (keys("cilium_lb4_backends_v3"), keys("cilium_lb6_backends_v3"));
    assert_eq!((b4.len(), b6.len(), b4.intersection(&b6).count()), (32, 32, 0), "backend ids: {b4:?} {b6:?}");
}

/// The older IPv6 backends maps (v1.10 `cilium_lb6_backends`, u16 ids; v1.11-1.12
/// `cilium_lb6_backends_v2`, u32 ids; both 20-byte values without cluster id and zone) are
/// read in their layouts; a write to them is refused and changes nothing.
#[test]
fn ipv6_backends_of_older_versions_are_read_and_not_written() {
    for (name, key_len, id) in [("cilium_lb6_backends", 2, "0100"), ("cilium_lb6_backends_v2", 4, "01000000")]
    {
        let fs = Bpffs::new();
        fs.ok(&["init", "--maps-only"]);
        crate::versions::create(
            &fs,
            &[
                ("cilium_lb6_services_v2", "hash", 24, 12, 65536, 1),
                (name, "hash", key_len, 20, 65536, 1),
                ("cilium_lb6_reverse_nat", "hash", 2, 18, 65536, 1),
            ],
        );
        // [f00d::a]:80 (rev NAT 7), slot 1 -> backend 1: [f00d::2]:8080 TCP, terminating.
        let vip = "f00d000000000000000000000000000a";
        let svc = fs.pin("cilium_lb6_services_v2");
        bpftool_update(&svc, &format!("{vip} 0050 0000 00 00 0000"), "00000000 0100 0007 00 00 0000");
        bpftool_update(&svc, &format!("{vip} 0050 0100 00 00 0000"), "01000000 0000 0007 00 00 0000");
        bpftool_update(&fs.pin(name), id, &format!("{A} 1f90 06 01"));
        let b = fs.ok(&["-o", "json", "bpf", "lb", "list", "--backends", "--family", "6"]).json();
        assert_eq!(
            (b[0]["id"].as_u64(), b[0]["address"].as_str(), b[0]["port"].as_u64(), b[0]["state"].as_str()),
            (Some(1), Some("f00d::2"), Some(8080), Some("terminating")),
            "{name}: {b}"
        );
        let l = fs.ok(&["bpf", "lb", "list", "--family", "6"]).stdout;
        assert!(l.contains("[f00d::2]:8080 (7) (1)"), "{name}: {l}");
        let before = snapshot(&fs);
        let o =
            fs.run(&["bpf", "lb", "update", "[f00d::a]:80", "--proto", "tcp", "--backends", "[f00d::3]:80"]);
        assert_eq!(o.code, 1, "{name}: {}", o.stderr);
        assert!(
            o.stderr.contains(&format!("{name} (Cilium"))
                && o.stderr.contains("writes services only with cilium_lb6_backends_v3"),
            "{name}: {}",
            o.stderr
        );
        assert_eq!(snapshot(&fs), before, "{name}: a refused write changed a map");
    }
}

/// Entries another writer (bpftool here, an agent on a real node) put in one family's maps
/// are respected by the other family's writes: IPv6 ids written after the writer's index
/// was built are not taken by an IPv4 update through that index, and an IPv6 write leaves
/// an IPv4 backend no slot refers to (staged before its slots) alone.
#[test]
fn ipv6_writes_respect_what_other_writers_put_in_the_other_family() {
    let fs = v6_node();
    dual_services(&fs);
    assert!(fs.dir.join("ciliumrs/lb/state").exists(), "the index is built");
    // The next free ids are reverse NAT 3 and backend 4: bpftool gives them to IPv6.
    bpftool_update(&fs.pin("cilium_lb6_reverse_nat"), "0003", &format!("{FD02} 0050"));
    bpftool_update(&fs.pin("cilium_lb6_backends_v3"), "04000000", &format!("{FD02} 0050 06 00 0000 00 00"));
    let w = lb_update(&fs, "10.96.0.11:80", "10.0.0.9:80", &[]);
    assert_eq!((w["rev_nat"].as_u64(), w["backend_ids"].as_str()), (Some(4), Some("5")), "{w}");
    // An IPv4 backend no slot refers to yet, then an IPv6 write: it stays.
    bpftool_update(&fs.pin("cilium_lb4_backends_v3"), "63000000", "0a000063 0050 06 00 0000 00 00");
    lb_update(&fs, "[fd00::10]:80", "[fd00::1]:8080", &[]);
    assert!(
        dump(&fs, "cilium_lb4_backends_v3").iter().any(|(k, _)| k == &bytes("63000000")),
        "an IPv6 write collected an IPv4 backend"
    );
}
