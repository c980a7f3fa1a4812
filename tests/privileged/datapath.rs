//! Real packets through our programs between test namespaces: forwarding, conntrack,
//! policy, anti-spoofing, ARP, atomic re-attach, detach, and attach's input checks.

use std::process::Command;

use crate::support::*;
use crate::world::*;

fn ping(w: &World, from: u16, to: &str) -> bool {
    w.in_pod(from, &["ping", "-c", "2", "-i", "0.2", "-W", "1", to]).0
}

#[test]
fn pod_to_pod_tcp_udp_icmp_is_forwarded_and_tracked() {
    let w = World::new(&[(11, 11, 1011), (12, 12, 1012)]);
    w.attach(11, &[]);
    w.attach(12, &[]);
    assert!(ping(&w, 11, "10.200.0.12"), "ICMP 11 -> 12");
    let srv = serve(&w.pod(12).ns.0, &["tcp-server", "8080", "1"]);
    let (ok, echo) = w.client(11, &["tcp-client", "10.200.0.12", "8080", "hello-tcp"]);
    assert!(ok && echo.trim() == "hello-tcp", "TCP echo: {echo}");
    srv.finish();
    let srv = serve(&w.pod(11).ns.0, &["udp-server", "5353", "1"]);
    let (ok, echo) = w.client(12, &["udp-client", "10.200.0.11", "5353", "hello-udp"]);
    assert!(ok && echo.trim() == "hello-udp", "UDP echo: {echo}");
    srv.finish();

    let ct = w.cilium(&["-o", "json", "bpf", "ct", "list"]).json();
    let flows = ct.as_array().unwrap();
    let find = |proto: &str, dir: &str, src: &str, dport: u64| {
        flows
            .iter()
            .find(|f| f["proto"] == proto && f["direction"] == dir && f["src"] == src && f["dport"] == dport)
    };
    // Both ends of a local flow have an entry: OUT at the sender, IN at the receiver.
    for dir in ["OUT", "IN"] {
        let tcp = find("TCP", dir, "10.200.0.11", 8080).unwrap_or_else(|| panic!("no TCP {dir} entry: {ct}"));
        assert_eq!(tcp["dst"], "10.200.0.12");
        assert!(tcp["packets"].as_u64().unwrap() >= 5, "{tcp}");
        assert!(tcp["bytes"].as_u64().unwrap() > 0);
        assert_eq!(tcp["map"], "cilium_ct4_global");
        assert_eq!(tcp["src_sec_id"], 1011);
        assert!(tcp["flag_names"].as_array().unwrap().iter().any(|f| f == "SeenNonSyn"), "{tcp}");
        let udp = find("UDP", dir, "10.200.0.12", 5353).unwrap_or_else(|| panic!("no UDP {dir} entry: {ct}"));
        assert_eq!(udp["map"], "cilium_ct_any4_global");
        assert_eq!(udp["packets"], 2, "request and reply: {udp}");
    }
    assert!(flows.iter().any(|f| f["proto"] == "ICMP" && f["src"] == "10.200.0.11"), "{ct}");
    assert!(w.metric("Success", "EGRESS") > 0 && w.metric("Success", "INGRESS") > 0);
}

#[test]
fn pod_resolves_its_gateway_by_arp_and_reaches_the_host() {
    let w = World::new(&[(21, 21, 2021)]);
    w.attach(21, &[]);
    let srv = serve(&w.node.0, &["tcp-server", "7000", "1"]);
    let (ok, echo) = w.client(21, &["tcp-client", GATEWAY, "7000", "to-host"]);
    assert!(ok && echo.trim() == "to-host", "pod -> host: {echo}");
    srv.finish();
    let neigh = w.in_pod(21, &["ip", "neigh", "show", GATEWAY]).1;
    let host_mac = sh(&["ip", "netns", "exec", &w.node.0, "cat", "/sys/class/net/lxc21/address"]);
    assert!(
        neigh.contains(host_mac.trim()),
        "gateway {GATEWAY} must resolve to the host-side MAC {host_mac}: {neigh}"
    );
}

#[test]
fn ingress_policy_allows_only_its_map_and_counts_drops() {
    let w = World::new(&[(31, 31, 3031), (32, 32, 3032), (33, 33, 3033)]);
    w.attach(31, &[]);
    w.attach(33, &[]);
    w.attach(32, &["--enforce", "ingress"]);
    w.cilium(&["bpf", "policy", "add", "32", "ingress", "3031", "8080/tcp"]);
    let srv = serve(&w.pod(32).ns.0, &["tcp-server", "8080", "1"]);
    let (ok, echo) = w.client(31, &["tcp-client", "10.200.0.32", "8080", "allowed"]);
    assert!(ok && echo.trim() == "allowed", "identity 3031 to 8080/tcp is allowed: {echo}");
    srv.finish();
    // Wrong identity, right port.
    let srv = serve(&w.pod(32).ns.0, &["tcp-server", "8080", "1"]);
    w.dropped_for("Policy denied", "INGRESS", "identity 3033 to 8080/tcp", || {
        w.client(33, &["tcp-client", "10.200.0.32", "8080", "x"]).0
    });
    drop(srv);
    // Right identity, wrong port; and ICMP.
    w.dropped_for("Policy denied", "INGRESS", "identity 3031 to 9090/tcp", || {
        w.client(31, &["tcp-client", "10.200.0.32", "9090", "x"]).0
    });
    w.dropped_for("Policy denied", "INGRESS", "identity 3031, ICMP", || ping(&w, 31, "10.200.0.32"));
    let pol = w.cilium(&["-o", "json", "bpf", "policy", "get", "32"]).json();
    assert!(pol[0]["packets"].as_u64().unwrap() >= 1, "the allow entry counts what it let in: {pol}");
    // Without enforcement, everything passes.
    assert!(ping(&w, 33, "10.200.0.31"));
}

#[test]
fn egress_policy_and_deny_entries() {
    let w = World::new(&[(41, 41, 4041), (42, 42, 4042)]);
    w.attach(42, &[]);
    w.attach(41, &["--enforce", "egress"]);
    w.cilium(&["bpf", "policy", "add", "41", "egress", "4042"]);
    assert!(ping(&w, 41, "10.200.0.42"), "egress to identity 4042 allowed");
    w.cilium(&["bpf", "policy", "add", "41", "egress", "4042", "/icmp", "--deny"]);
    // A new flow (new echo id) meets the deny entry.
    w.dropped_for("Policy denied by denylist", "EGRESS", "ICMP to 4042 under a deny entry", || {
        ping(&w, 41, "10.200.0.42")
    });
    // As in Cilium, the deny entry counts what it dropped.
    let pol = w.cilium(&["-o", "json", "bpf", "policy", "get", "41"]).json();
    let deny = pol.as_array().unwrap().iter().find(|e| e["policy"] == "Deny").expect("the deny entry");
    assert!(deny["packets"].as_u64().unwrap() >= 1, "{deny}");
}

#[test]
fn spoofed_source_is_dropped_and_counted() {
    let w = World::new(&[(51, 51, 5051), (52, 52, 5052)]);
    w.attach(51, &[]);
    w.attach(52, &[]);
    w.in_pod(51, &["ip", "addr", "add", "10.200.0.99/32", "dev", "eth0"]);
    w.dropped_for("Invalid source ip", "EGRESS", "a spoofed source", || {
        w.in_pod(51, &["ping", "-c", "1", "-W", "1", "-I", "10.200.0.99", "10.200.0.52"]).0
    });
    assert!(ping(&w, 51, "10.200.0.52"), "its own address still works");
}

#[test]
fn tcp_stream_survives_reattach_and_keeps_its_ct_entry() {
    let w = World::new(&[(61, 61, 6061), (62, 62, 6062)]);
    w.attach(61, &[]);
    w.attach(62, &[]);
    let srv = serve(&w.pod(62).ns.0, &["stream-server", "9000"]);
    let client = std::thread::scope(|s| {
        let c = s.spawn(|| w.client(61, &["stream-client", "10.200.0.62", "9000", "2.5"]));
        std::thread::sleep(std::time::Duration::from_millis(500));
        for _ in 0..3 {
            let out = w.attach(61, &[]).stdout;
            assert!(out.contains("replaced"), "re-attach replaces in place: {out}");
            w.attach(62, &[]);
            w.cilium(&["init", "--maps-only"]);
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
        c.join().unwrap()
    });
    srv.finish();
    let (ok, out) = client;
    assert!(ok, "the stream must finish without a reset: {out}");
    let nums: Vec<u64> =
        out.trim().split(' ').map(|kv| kv.split('=').nth(1).unwrap().parse().unwrap()).collect();
    assert_eq!(nums[0], nums[1], "every byte arrived: {out}");
    let ct = w.cilium(&["-o", "json", "bpf", "ct", "list", "--dst", "10.200.0.62:9000"]).json();
    let out_entry = ct.as_array().unwrap().iter().find(|f| f["direction"] == "OUT").expect("CT entry kept");
    assert!(out_entry["packets"].as_u64().unwrap() > 100, "one entry counted the whole stream: {out_entry}");
}

#[test]
fn tailcall_list_shows_the_seed_slots_by_name() {
    let w = World::new(&[(71, 71, 7071)]);
    w.attach(71, &[]);
    let rows = w.cilium(&["-o", "json", "bpf", "tailcall", "list", "71"]).json();
    let slot = |map: &str, n: u64| {
        rows.as_array().unwrap().iter().find(|r| r["map"] == map && r["slot"] == n).cloned()
    };
    // Our endpoints share their programs and so their calls map, shown by its path.
    let dirs = ciliumrs::datapath::template::copies(&w.fs.dir);
    assert_eq!(dirs.len(), 1, "one copy of the endpoint programs per node: {dirs:?}");
    let calls = dirs[0].join("cilium_calls");
    let shown = calls.strip_prefix(&w.fs.dir).unwrap().display().to_string();
    assert!(shown.starts_with("ciliumrs/bpf_lxc_"), "{shown}");
    let s1 = slot(&shown, 1).unwrap_or_else(|| panic!("slot 1 of {shown}: {rows}"));
    assert_eq!((s1["name"].as_str(), s1["status"].as_str()), (Some("__send_drop_notify"), Some("ok")));
    assert_eq!(s1["kernel_name"], "__send_drop_not", "the kernel keeps 15 bytes; BTF has the full name");
    assert_eq!(slot(&shown, 6).unwrap()["name"], "tail_handle_arp");
    assert_eq!(slot("cilium_call_policy", 71).unwrap()["name"], "handle_policy");
    assert!(s1["prog_id"].as_u64().unwrap() > 0 && s1["tag"].as_str().unwrap().len() == 16);
    assert!(!w.fs.pin("cilium_calls_00071").exists(), "no calls map of its own");

    // An emptied slot is flagged.
    let pin = calls.display().to_string();
    bpftool(&["map", "delete", "pinned", &pin, "key", "6", "0", "0", "0"]);
    let out = w.run(&["bpf", "tailcall", "list"]);
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("empty: our datapath puts tail_handle_arp here"), "{}", out.stdout);
    assert!(out.stderr.contains("1 slot(s)"), "{}", out.stderr);
}

/// Everything of a node an attach or detach may touch: every map (ours too, the program
/// array of policy programs and the policy slots `slots` with each slot's entries), the
/// pins, and the tc filters of `dev`.
fn node_state(w: &World, dev: &str, slots: &[u32]) -> Vec<String> {
    let mut out: Vec<String> = snapshot(&w.fs).iter().map(|(n, e)| format!("{n}: {e:?}")).collect();
    for m in ["ciliumrs_ep_config", "cilium_call_policy"] {
        out.push(format!("{m}: {:?}", bpftool_dump(&w.fs.pin(m))));
    }
    // The endpoints' policy slots and each one's entries, read in this process (bpftool
    // would walk all 65,536 slots, which takes minutes in the emulated guests).
    let outer = ciliumrs::bpf::MapFd::open_pinned(&w.fs.pin("ciliumrs_ep_policy"), true).unwrap();
    for slot in slots {
        let Some(id) = outer.slot_id(*slot).unwrap() else {
            out.push(format!("slot {slot}: empty"));
            continue;
        };
        let inner = ciliumrs::bpf::MapFd::open_id(id).unwrap();
        let (kl, vl) = (inner.key_len(), inner.value_len());
        let mut entries = Vec::new();
        inner
            .for_each_chunk(4096, |k, v, n| {
                entries.push((k[..n * kl].to_vec(), v[..n * vl].to_vec()));
                Ok(std::ops::ControlFlow::Continue(()))
            })
            .unwrap();
        out.push(format!("slot {slot}: map {id}: {entries:?}"));
    }
    let pins = pins(&w.fs);
    out.push(format!("pins: {pins:?}"));
    for hook in ["ingress", "egress"] {
        out.push(sh(&["tc", "-n", &w.node.0, "filter", "show", "dev", dev, hook]));
    }
    out
}

#[test]
fn detach_removes_exactly_what_attach_made() {
    let w = World::new(&[(81, 81, 8081), (82, 82, 8082)]);
    w.attach(82, &[]);
    w.cilium(&["bpf", "ipcache", "update", "10.99.0.0/16", "--identity", "99"]);
    let before_attach = node_state(&w, "lxc81", &[81, 82]);
    w.attach(81, &[]);
    w.cilium(&["bpf", "policy", "add", "81", "ingress", "8082"]);
    assert_ne!(node_state(&w, "lxc81", &[81, 82]), before_attach, "attach changed nothing");
    w.cilium(&["detach", "lxc", "--id", "81"]);
    let after = node_state(&w, "lxc81", &[81, 82]);
    for (b, a) in before_attach.iter().zip(&after) {
        assert_eq!(a, b, "detach did not put this back as it was before attach");
    }
    assert_eq!(after.len(), before_attach.len());
    let filters = sh(&["tc", "-n", &w.node.0, "filter", "show", "dev", "lxc82", "ingress"]);
    assert!(filters.contains("cil_from_container"), "the other endpoint keeps its filter: {filters}");
    assert!(w.fs.pin("cilium_policy_00082").exists());
    assert_eq!(ciliumrs::datapath::template::copies(&w.fs.dir).len(), 1, "the shared program stays");
    let again = w.run(&["detach", "lxc", "--id", "81"]);
    assert_eq!(again.code, 1);
    assert!(again.stderr.contains("not attached"), "{}", again.stderr);
}

/// Issue 27: `attach lxc` and `detach lxc` killed at any map write leave what the same
/// command, run again, turns into exactly the state of an uninterrupted run: no second
/// filter, no stale pin, no entry or slot left over.
#[test]
fn issue_27_attach_and_detach_killed_at_any_map_write_converge_when_run_again() {
    let w = World::new(&[(95, 95, 9095), (96, 96, 9096)]);
    w.attach(96, &[]);
    let detached = node_state(&w, "lxc95", &[95, 96]);
    w.attach(95, &[]);
    let attached = node_state(&w, "lxc95", &[95, 96]);
    let same = |want: &[String], what: &str| {
        let got = node_state(&w, "lxc95", &[95, 96]);
        for (g, x) in got.iter().zip(want) {
            assert_eq!(g, x, "{what}");
        }
        assert_eq!(got.len(), want.len(), "{what}");
    };
    let detach =
        |env: &[(&str, &str)]| run_in_netns_env(&w.node.0, &w.fs.dir, &["detach", "lxc", "--id", "95"], env);
    assert_eq!(detach(&[]).code, 0);
    same(&detached, "a clean detach");
    let mut killed = 0;
    let stride = matrix(1, 3, "killing attach and detach at each map write");
    for n in (1..).step_by(stride) {
        let kill = format!("kill:{n}");
        let out = w.try_attach_env(95, None, &[], &[("CILIUMRS_FAULT_WRITE", &kill)]);
        if out.code == 0 {
            same(&attached, &format!("attach without a write {n}"));
            break;
        }
        assert_eq!(out.code, -1, "attach killed at write {n}: {}", out.stderr);
        killed += 1;
        w.attach(95, &[]);
        same(&attached, &format!("attach killed at write {n}, run again"));
        assert_eq!(detach(&[]).code, 0);
        same(&detached, &format!("detach after attach killed at write {n}"));
        assert!(n < 100);
    }
    assert!(killed * stride >= 3, "attach was killed at only {killed} writes");
    killed = 0;
    for n in (1..).step_by(stride) {
        let kill = format!("kill:{n}");
        let out = detach(&[("CILIUMRS_FAULT_WRITE", &kill)]);
        if out.code == 0 {
            same(&detached, &format!("detach without a write {n}"));
            break;
        }
        assert_eq!(out.code, -1, "detach killed at write {n}: {}", out.stderr);
        killed += 1;
        let again = detach(&[]);
        assert_eq!(again.code, 0, "detach killed at write {n}, run again: {}", again.stderr);
        same(&detached, &format!("detach killed at write {n}, run again"));
        w.attach(95, &[]);
        assert!(n < 100);
    }
    assert!(killed * stride >= 3, "detach was killed at only {killed} writes");
}

#[test]
fn bad_attach_input_leaves_nothing_half_attached() {
    let w = World::new(&[(91, 91, 9091), (92, 92, 9092)]);
    w.attach(91, &[]);
    let before = snapshot(&w.fs);
    let pins_before: Vec<_> =
        std::fs::read_dir(w.fs.globals()).unwrap().map(|e| e.unwrap().file_name()).collect();
    let p = w.pod(92);
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec![
                "attach",
                "lxc",
                "nosuchif0",
                "--id",
                "92",
                "--ipv4",
                "10.200.0.92",
                "--identity",
                "9092",
                "--mac",
                &p.mac,
            ],
            "nosuchif0",
        ),
        (
            vec![
                "attach",
                "lxc",
                "lxc92",
                "--id",
                "91",
                "--ipv4",
                "10.200.0.92",
                "--identity",
                "9092",
                "--mac",
                &p.mac,
            ],
            "already attached",
        ),
        (
            vec![
                "attach",
                "lxc",
                "lxc92",
                "--id",
                "92",
                "--ipv4",
                "10.200.0.91",
                "--identity",
                "9092",
                "--mac",
                &p.mac,
            ],
            "already belongs to endpoint 91",
        ),
        (
            vec![
                "attach",
                "lxc",
                "lxc92",
                "--id",
                "92",
                "--ipv4",
                "10.200.0.300",
                "--identity",
                "9092",
                "--mac",
                &p.mac,
            ],
            "10.200.0.300",
        ),
        (
            vec![
                "attach",
                "lxc",
                "lxc92",
                "--id",
                "0",
                "--ipv4",
                "10.200.0.92",
                "--identity",
                "9092",
                "--mac",
                &p.mac,
            ],
            "'0'",
        ),
        (
            vec![
                "attach",
                "lxc",
                "lxc92",
                "--id",
                "92",
                "--ipv4",
                "10.200.0.92",
                "--identity",
                "9092",
                "--mac",
                "nope",
            ],
            "nope",
        ),
    ];
    for (args, needle) in cases {
        let out = w.run(&args);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains(needle), "{args:?}: {}", out.stderr);
        assert_eq!(out.stderr.trim().lines().count(), 1, "{}", out.stderr);
    }
    assert_eq!(snapshot(&w.fs), before);
    let pins_after: Vec<_> =
        std::fs::read_dir(w.fs.globals()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(pins_before, pins_after, "no pin was created");
    let filters = sh(&["tc", "-n", &w.node.0, "filter", "show", "dev", "lxc92", "ingress"]);
    assert!(filters.is_empty(), "{filters}");
}

#[test]
fn an_attach_that_fails_at_the_filter_puts_everything_back() {
    let w = World::new(&[(93, 93, 9093), (94, 94, 9094)]);
    w.attach(93, &[]);
    let state = || {
        let ours = |name: &str| bpftool_dump(&w.fs.pin(name));
        (snapshot(&w.fs), ours("ciliumrs_ep_config"), ours("cilium_call_policy"))
    };
    // Someone's filter for another protocol holds our priority (a classic BPF one that
    // drops nothing): the kernel refuses ours there.
    let foreign = |dev: &str| {
        let _ = Command::new("tc").args(["-n", &w.node.0, "filter", "del", "dev", dev, "ingress"]).status();
        sh(&["tc", "-n", &w.node.0, "qdisc", "replace", "dev", dev, "clsact"]);
        let add = [
            "filter",
            "add",
            "dev",
            dev,
            "ingress",
            "prio",
            "1",
            "protocol",
            "ip",
            "bpf",
            "bytecode",
            "1,6 0 0 0,",
        ];
        sh(&[&["tc", "-n", &w.node.0][..], &add[..]].concat());
    };
    let before = state();
    for dev in ["lxc93", "lxc94"] {
        foreign(dev);
    }
    // A re-attach (new identity) leaves the endpoint's entries and policy program as they were.
    let again = w.try_attach(93, Some("7777"), &[]);
    assert_eq!(again.code, 1, "{}", again.stderr);
    assert!(again.stderr.contains("tc filter") && again.stderr.contains("lxc93"), "{}", again.stderr);
    assert_eq!(again.stderr.trim().lines().count(), 1, "{}", again.stderr);
    assert!(state() == before, "a failed re-attach changed the maps");
    // A fresh attach leaves nothing.
    let fresh = w.try_attach(94, None, &[]);
    assert_eq!(fresh.code, 1, "{}", fresh.stderr);
    assert!(state() == before, "a failed attach left entries");
    let ep = w.run(&["-o", "json", "bpf", "endpoint", "get", "10.200.0.94"]);
    assert_ne!(ep.code, 0, "endpoint 94 is not there: {}", ep.stdout);
}

#[test]
fn attach_finds_the_pod_mac_itself() {
    let w = World::new(&[(101, 101, 1101), (102, 102, 1102)]);
    for id in [101u16, 102] {
        let p = w.pod(id);
        let (ids, identity) = (p.id.to_string(), p.identity.to_string());
        w.cilium(&["attach", "lxc", &p.host_if, "--id", &ids, "--ipv4", &p.ip, "--identity", &identity]);
    }
    let ep = w.cilium(&["-o", "json", "bpf", "endpoint", "get", "10.200.0.101"]).json();
    assert_eq!(ep["mac"].as_str().unwrap().to_lowercase(), w.pod(101).mac, "{ep}");
    assert!(ping(&w, 101, "10.200.0.102"));
    // A device without a veth peer: say so, and suggest --mac.
    sh(&["ip", "-n", &w.node.0, "link", "add", "br7", "type", "bridge"]);
    let out = w.run(&["attach", "lxc", "br7", "--id", "7", "--ipv4", "10.200.0.7", "--identity", "7"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("--mac"), "{}", out.stderr);
}

#[test]
fn malformed_packets_are_dropped_with_a_reason() {
    use aya::programs::{TestRun, TestRunOptions};
    use ciliumrs::datapath::template;

    let w = World::new(&[(111, 111, 1111)]);
    w.attach(111, &[]);
    // The node's shared program, fed packets directly as if endpoint 111 sent them (the
    // test run's packets come in on this namespace's lo, ifindex 1).
    let prog = template::test_entry(&w.fs.dir, 111, 1).unwrap_or_else(|e| panic!("{}", e.message()));
    let eth = bytes("0a5800000001 0a5800000002 0800");
    let good_ip = "45000028 0000 4000 4006 0000 0ac8006f 01010101";
    let tcp = "9c40 0050 00000000 00000000 5002 ffff 0000 0000";
    let pad = |mut v: Vec<u8>| {
        v.resize(v.len().max(60), 0);
        v
    };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        // (An IPv4 frame shorter than an IP header cannot be fed: BPF_PROG_TEST_RUN itself
        // refuses it with EINVAL.)
        (
            "header length past the total length",
            pad([eth.clone(), bytes("4f000028 0000 4000 4006 0000 0ac8006f 01010101"), bytes(tcp)].concat()),
            "Invalid packet",
        ),
        (
            "IHL below 5",
            pad([eth.clone(), bytes("44000028 0000 4000 4006 0000 0ac8006f 01010101"), bytes(tcp)].concat()),
            "Invalid packet",
        ),
        (
            "version 6 in an IPv4 frame",
            pad([eth.clone(), bytes("65000028 0000 4000 4006 0000 0ac8006f 01010101"), bytes(tcp)].concat()),
            "Invalid packet",
        ),
        (
            "total length past the packet",
            pad([eth.clone(), bytes("45000400 0000 4000 4006 0000 0ac8006f 01010101"), bytes(tcp)].concat()),
            "Invalid packet",
        ),
        (
            "TCP header cut short",
            [eth.clone(), bytes("4500001a 0000 4000 4006 0000 0ac8006f 01010101"), bytes("9c40 0050 0000")]
                .concat(),
            "CT: Truncated or invalid header",
        ),
    ];
    for (what, pkt, reason) in cases {
        let before = w.metric(reason, "EGRESS");
        let r = prog
            .test_run(TestRunOptions { data_in: Some(&pkt), repeat: 1, ..Default::default() })
            .unwrap_or_else(|e| panic!("{what} ({} bytes): {e:?}", pkt.len()));
        assert_eq!(r.return_value, 2, "{what}: TC_ACT_SHOT");
        assert_eq!(w.metric(reason, "EGRESS"), before + 1, "{what}: counted as '{reason}'");
    }
    // The well-formed packet of the same shape is forwarded.
    let ok = pad([eth, bytes(good_ip), bytes(tcp)].concat());
    let r = prog.test_run(TestRunOptions { data_in: Some(&ok), repeat: 1, ..Default::default() }).unwrap();
    assert_eq!(r.return_value, 0, "TC_ACT_OK to the stack");
}

/// Issue 10: the endpoints' programs are verified once per node configuration. The first
/// attach loads them, the next ones use that copy; another pod prefix length (a node-wide
/// load-time global) makes a second copy, and endpoints on either keep working.
#[test]
fn endpoints_share_one_verified_copy_per_node_configuration() {
    use ciliumrs::datapath::template;
    let w = World::new(&[(121, 121, 1121), (122, 122, 1122), (123, 123, 1123)]);
    let first = w.attach(121, &["-o", "json"]).json();
    assert_eq!(first["programs"], "loaded", "{first}");
    let second = w.attach(122, &["-o", "json"]).json();
    assert_eq!(second["programs"], "shared", "{second}");
    assert_eq!(template::copies(&w.fs.dir).len(), 1);
    let pol = |id: u64| {
        let rows = w.cilium(&["-o", "json", "bpf", "tailcall", "list", &id.to_string()]).json();
        rows.as_array().unwrap().iter().find(|r| r["map"] == "cilium_call_policy").unwrap()["prog_id"].clone()
    };
    assert_eq!(pol(121), pol(122), "one handle_policy program for both");
    let other = w.attach(123, &["-o", "json", "--pod-cidr-len", "16"]).json();
    assert_eq!(other["programs"], "loaded", "{other}");
    assert_eq!(template::copies(&w.fs.dir).len(), 2);
    assert_ne!(pol(121), pol(123));
    assert!(ping(&w, 121, "10.200.0.123") && ping(&w, 123, "10.200.0.122"));
    // Re-attaching with the first configuration goes back to the first copy.
    let again = w.attach(123, &["-o", "json"]).json();
    assert_eq!((again["programs"].as_str(), again["action"].as_str()), (Some("shared"), Some("replaced")));
    assert_eq!(pol(121), pol(123));
    assert!(ping(&w, 123, "10.200.0.121"));
}

/// Two attaches racing on a fresh node: each loads a copy in a scratch directory, one
/// renames it into place, the other uses that one. One copy, both endpoints up.
#[test]
fn racing_first_attaches_end_with_one_copy() {
    use ciliumrs::datapath::template;
    let w = World::new(&[(131, 131, 1131), (132, 132, 1132)]);
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| w.attach(131, &["-o", "json"]).json());
        let b = s.spawn(|| w.attach(132, &["-o", "json"]).json());
        (a.join().unwrap(), b.join().unwrap())
    });
    let copies = template::copies(&w.fs.dir);
    assert_eq!(copies.len(), 1, "{copies:?} ({a} {b})");
    let scratch: Vec<_> =
        std::fs::read_dir(w.fs.dir.join("ciliumrs")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(scratch.len(), 1, "no scratch directory left: {scratch:?}");
    // Each endpoint's pinned policy map is the one its slot holds (both attaches filled
    // the same block of slots: one waited for the other).
    let outer = ciliumrs::maps::open_global(
        &w.fs.dir,
        &ciliumrs::maps::spec::EP_POLICY,
        ciliumrs::maps::Access::Read,
    )
    .unwrap();
    for id in [131u32, 132] {
        let mut v = [0u8; 4];
        assert!(outer.lookup(&id.to_ne_bytes(), &mut v).unwrap(), "slot {id}");
        let pin = w.fs.pin(&format!("cilium_policy_{id:05}"));
        let pinned = ciliumrs::bpf::MapFd::open_pinned(&pin, true).unwrap();
        assert_eq!(u32::from_ne_bytes(v), pinned.info().id, "slot {id} holds the pinned map");
    }
    assert!(ping(&w, 131, "10.200.0.132"));
}
