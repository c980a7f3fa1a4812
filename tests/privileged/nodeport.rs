//! NodePort from outside the node (issue 13): the external client on the underlay reaches
//! a NodePort at node 1's address, with a backend on node 1 (delivered with its policy) and
//! with backends only on node 2 (SNAT to node 1, the pair visible in `bpf nat list`, gone
//! after `bpf nat flush`); replies come from the frontend. A ClusterIP reached from outside
//! drops "Is a ClusterIP"; an exhausted SNAT range drops "No mapping for NAT masquerade"
//! and signals NAT_FILL_UP; slots 15 and 17 are in every calls map the seed lists them.

use std::process::Command;

use crate::cluster::{Cluster, Node};
use crate::monitor::Monitor;
use crate::world::{HELPER, serve};

/// The client's view of `n` connections (or datagrams) to `ip:port`.
fn from_client(c: &Cluster, ip: &str, port: &str, n: &str, proto: &str) -> serde_json::Value {
    let o = Command::new("ip")
        .args(["netns", "exec", &c.client.0, "python3", HELPER, "svc-clients", ip, port, n, proto])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "svc-clients from the client: {out}{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_str(out.trim()).unwrap_or_else(|e| panic!("{e}: {out}"))
}

fn nodeport(n: &Node, port: u16, proto: &str, backends: &[String]) {
    let fe = format!("{}:{port}", n.underlay_ip());
    n.cilium(&[
        "bpf",
        "lb",
        "update",
        &fe,
        "--proto",
        proto,
        "--type",
        "nodeport",
        "--backends",
        &backends.join(","),
    ]);
}

/// Packets counted under drop reason `text` on node `n`.
fn drops(n: &Node, text: &str) -> u64 {
    let m = n.cilium(&["-o", "json", "bpf", "metrics", "list"]).json();
    m.as_array().unwrap().iter().filter(|e| e["reason"] == text).map(|e| e["packets"].as_u64().unwrap()).sum()
}

fn nat_entries(n: &Node) -> Vec<serde_json::Value> {
    n.cilium(&["-o", "json", "bpf", "nat", "list"]).json().as_array().unwrap().clone()
}

#[test]
fn external_client_reaches_nodeport_with_local_and_remote_backends() {
    let c = Cluster::new(2);
    let (n1, n2) = (&c.nodes[0], &c.nodes[1]);
    let fe = n1.underlay_ip();
    nodeport(n1, 30080, "tcp", &[format!("{}:8080", n1.pods[0].ip)]);
    nodeport(n1, 30081, "tcp", &[format!("{}:8080", n2.pods[0].ip), format!("{}:8080", n2.pods[1].ip)]);
    nodeport(n1, 30082, "udp", &[format!("{}:5353", n2.pods[0].ip)]);
    let _servers = [
        serve(&n1.pods[0].ns.0, &["svc-server", "8080", "n1p1", "30"]),
        serve(&n2.pods[0].ns.0, &["svc-server", "8080", "n2p1", "30"]),
        serve(&n2.pods[1].ns.0, &["svc-server", "8080", "n2p2", "30"]),
        serve(&n2.pods[0].ns.0, &["svc-server", "5353", "n2p1", "30"]),
    ];

    // A local backend: straight to the pod, replies leave as the frontend (slot 17 of the
    // pod's calls map), no SNAT.
    let got = from_client(&c, &fe, "30080", "10", "tcp");
    assert_eq!(got["failed"], 0, "{got}");
    assert_eq!(got["answers"], serde_json::json!({"n1p1": 10}), "{got}");
    assert_eq!(
        got["peers"],
        serde_json::json!([format!("{fe}:30080")]),
        "replies come from the frontend: {got}"
    );
    assert!(nat_entries(n1).is_empty(), "a local backend needs no SNAT: {:?}", nat_entries(n1));

    // Remote backends only: SNAT to node 1's cilium_host address, through the tunnel and back.
    let got = from_client(&c, &fe, "30081", "20", "tcp");
    assert_eq!(got["failed"], 0, "{got}");
    let answers = got["answers"].as_object().unwrap();
    assert!(answers.contains_key("n2p1") && answers.contains_key("n2p2"), "both remote backends: {got}");
    assert_eq!(got["peers"], serde_json::json!([format!("{fe}:30081")]), "{got}");
    let got = from_client(&c, &fe, "30082", "5", "udp");
    assert_eq!(
        (got["failed"].as_u64(), &got["answers"]),
        (Some(0), &serde_json::json!({"n2p1": 5})),
        "{got}"
    );
    assert_eq!(got["peers"], serde_json::json!([format!("{fe}:30082")]), "UDP replies too: {got}");

    // Each translated flow is a pair: OUT (client -> backend, XLATE_SRC to 10.200.1.1) and
    // IN (backend -> 10.200.1.1, XLATE_DST back to the client).
    let nat = nat_entries(n1);
    let outs: Vec<_> = nat.iter().filter(|e| e["direction"] == "OUT").collect();
    let ins: Vec<_> = nat.iter().filter(|e| e["direction"] == "IN").collect();
    assert_eq!(outs.len(), 25, "one pair per flow (20 TCP, 5 UDP): {nat:?}");
    assert_eq!(ins.len(), outs.len(), "{nat:?}");
    for o in &outs {
        assert_eq!(
            (o["src"].as_str(), o["xlate"].as_str(), o["to_addr"].as_str()),
            (Some("10.100.0.254"), Some("XLATE_SRC"), Some("10.200.1.1")),
            "{o}"
        );
        let back = ins
            .iter()
            .find(|i| i["dport"] == o["to_port"] && i["src"] == o["dst"] && i["proto"] == o["proto"]);
        let back = back.unwrap_or_else(|| panic!("no IN entry for {o}"));
        assert_eq!(
            (back["dst"].as_str(), back["xlate"].as_str()),
            (Some("10.200.1.1"), Some("XLATE_DST")),
            "{back}"
        );
        assert_eq!((&back["to_addr"], &back["to_port"]), (&o["src"], &o["sport"]), "{back} restores {o}");
    }
    let text = n1.cilium(&["bpf", "nat", "list"]).stdout;
    assert!(
        text.lines().any(|l| l.starts_with("TCP OUT 10.100.0.254:")
            && l.contains(" XLATE_SRC 10.200.1.1:")
            && l.contains(" Created=")),
        "Cilium's line format: {text}"
    );
    // The client's MAC, recorded for requests sent on to remote backends.
    let neigh = n1.cilium(&["-o", "json", "bpf", "neigh", "list"]).json();
    let client = neigh.as_array().unwrap().iter().find(|e| e["address"] == "10.100.0.254");
    assert!(client.is_some_and(|e| e["mac"] != "00:00:00:00:00:00"), "{neigh}");

    let flushed = n1.cilium(&["-o", "json", "bpf", "nat", "flush"]).json();
    // One row per table flushed; this node has no IPv6 table.
    let flushed = &flushed.as_array().unwrap_or_else(|| panic!("{flushed}"))[0];
    assert_eq!(flushed["deleted"], 50, "{flushed}");
    assert!(nat_entries(n1).is_empty());
    // New flows map again.
    let got = from_client(&c, &fe, "30081", "2", "tcp");
    assert_eq!(got["failed"], 0, "{got}");
    assert_eq!(nat_entries(n1).len(), 4);
}

#[test]
fn clusterip_from_outside_is_dropped_as_is_a_clusterip() {
    let c = Cluster::new(1);
    let n1 = &c.nodes[0];
    n1.cilium(&[
        "bpf",
        "lb",
        "update",
        "10.96.0.10:80",
        "--proto",
        "tcp",
        "--backends",
        &format!("{}:8080", n1.pods[0].ip),
    ]);
    let _server = serve(&n1.pods[0].ns.0, &["svc-server", "8080", "n1p1", "20"]);
    let route = Command::new("ip")
        .args(["netns", "exec", &c.client.0, "ip", "route", "add", "10.96.0.0/16", "via", &n1.underlay_ip()])
        .status()
        .unwrap();
    assert!(route.success());
    let before = drops(n1, "Is a ClusterIP");
    let got = from_client(&c, "10.96.0.10", "80", "2", "tcp");
    assert_eq!(got["failed"], 2, "a ClusterIP serves only the cluster: {got}");
    assert!(drops(n1, "Is a ClusterIP") > before, "dropped with Cilium's reason");
    // The pod itself still reaches it.
    let (ok, out) = c.in_pod(0, 0, &["python3", HELPER, "svc-clients", "10.96.0.10", "80", "1", "tcp"]);
    assert!(ok && out.contains("\"failed\": 0"), "{out}");
}

#[test]
fn exhausted_snat_range_drops_with_no_mapping_and_signals_nat_fill_up() {
    let c = Cluster::new(1);
    let (n1, n2) = (&c.nodes[0], &c.nodes[1]);
    // Two source ports for every backend: the third concurrent flow finds none.
    let init = n1.init_with(&["--snat-port-range", "40000-40001"]);
    assert_eq!(init.code, 0, "{}{}", init.stdout, init.stderr);
    nodeport(n1, 30081, "tcp", &[format!("{}:8080", n2.pods[0].ip)]);
    let _server = serve(&n2.pods[0].ns.0, &["svc-server", "8080", "n2p1", "30"]);
    let signals = Monitor::start(&n1.fs.dir, &["--signals"]);
    let before = drops(n1, "No mapping for NAT masquerade");
    let got = from_client(&c, &n1.underlay_ip(), "30081", "4", "tcp");
    // What the node held, should the count be off: which flows got which port.
    let state = |n: &Node| {
        let nat = n.cilium(&["bpf", "nat", "list"]).stdout;
        let ct = n.cilium(&["bpf", "ct", "list"]).stdout;
        format!("nat:\n{nat}ct:\n{ct}")
    };
    assert_eq!(
        (got["answers"]["n2p1"].as_u64(), got["failed"].as_u64()),
        (Some(2), Some(2)),
        "{got}\n{}",
        state(n1)
    );
    let ports: Vec<u64> = nat_entries(n1)
        .iter()
        .filter(|e| e["direction"] == "OUT")
        .map(|e| e["to_port"].as_u64().unwrap())
        .collect();
    assert!(ports.len() == 2 && ports.iter().all(|p| (40000..=40001).contains(p)), "{ports:?}");
    assert!(drops(n1, "No mapping for NAT masquerade") > before, "Cilium's reason for an exhausted range");
    // The dropped flows never got past their (retransmitted) SYNs: their service entries
    // keep the SYN timeout, as Cilium's do, not the 6 hours of an established flow.
    let ct = n1.cilium(&["-o", "json", "bpf", "ct", "list"]).json();
    let half_open: Vec<_> = ct
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["service"] == true && e["flags"].as_u64().unwrap() & 0x12 == 0) // neither TxClosing nor SeenNonSyn
        .collect();
    assert_eq!(half_open.len(), 2, "{ct}");
    assert!(half_open.iter().all(|e| e["remaining_secs"].as_i64().unwrap() <= 60), "{half_open:?}");
    let seen = signals.stop();
    let nat: Vec<_> = seen.iter().filter(|e| e["type"] == "signal").collect();
    assert!(!nat.is_empty(), "the agent is told: {seen:?}");
    assert!(
        nat.iter().all(|e| e["data"]["signal"] == "NAT_FILL_UP" && e["data"]["proto"] == "ipv4"),
        "{nat:?}"
    );
}

#[test]
fn nodeport_slots_are_in_every_calls_map_the_seed_lists() {
    let c = Cluster::new(1);
    let list = c.nodes[0].cilium(&["-o", "json", "bpf", "tailcall", "list"]).json();
    let rows = list.as_array().unwrap();
    let maps: std::collections::BTreeSet<&str> =
        rows.iter().filter_map(|r| r["map"].as_str()).filter(|m| m.contains("cilium_calls")).collect();
    // The endpoints' shared one (pods and health), hostns, netdev (cilium_net, eth0), overlay.
    assert!(maps.len() >= 5, "{maps:?}");
    assert!(maps.iter().any(|m| m.starts_with("ciliumrs/bpf_lxc_")), "{maps:?}");
    for m in &maps {
        for (slot, name) in [(15, "tail_nodeport_nat_ipv4"), (17, "tail_rev_nodeport_lb4")] {
            let row = rows.iter().find(|r| r["map"] == *m && r["slot"] == slot);
            assert_eq!(row.map(|r| &r["name"]), Some(&serde_json::json!(name)), "{m} slot {slot}: {list}");
        }
    }
}

/// A backend that is no pod (node 2's own address, a process in its namespace) is reached
/// by route, not tunnel: slot 15 translates the source to node 1's NodePort address on
/// eth0 and the FIB sends it on; the reply comes back to that address and slot 17 of
/// eth0's calls map returns it to the client.
#[test]
fn a_routed_backend_gets_the_devices_nodeport_address_as_source() {
    let c = Cluster::new(1);
    let (n1, n2) = (&c.nodes[0], &c.nodes[1]);
    nodeport(n1, 30090, "tcp", &[format!("{}:8090", n2.underlay_ip())]);
    let _server = serve(&n2.ns.0, &["svc-server", "8090", "node2", "20"]);
    let got = from_client(&c, &n1.underlay_ip(), "30090", "3", "tcp");
    assert_eq!(
        (got["failed"].as_u64(), &got["answers"]),
        (Some(0), &serde_json::json!({"node2": 3})),
        "{got}"
    );
    assert_eq!(got["peers"], serde_json::json!([format!("{}:30090", n1.underlay_ip())]), "{got}");
    let nat = nat_entries(n1);
    assert_eq!(nat.len(), 6, "{nat:?}");
    assert!(
        nat.iter().filter(|e| e["direction"] == "OUT").all(|e| e["to_addr"] == n1.underlay_ip().as_str()),
        "the source is eth0's address: {nat:?}"
    );
}

/// A backend in the node's own namespace (its address, a host process): the stack takes
/// the translated request and to-netdev sends the reply as the frontend.
#[test]
fn a_backend_in_the_nodes_own_namespace_answers_as_the_frontend() {
    let c = Cluster::new(1);
    let n1 = &c.nodes[0];
    nodeport(n1, 30091, "tcp", &[format!("{}:8091", n1.underlay_ip())]);
    nodeport(n1, 30092, "udp", &[format!("{}:8092", n1.underlay_ip())]);
    let _servers = [
        serve(&n1.ns.0, &["svc-server", "8091", "host", "20"]),
        serve(&n1.ns.0, &["svc-server", "8092", "host", "20"]),
    ];
    for (port, proto) in [("30091", "tcp"), ("30092", "udp")] {
        let got = from_client(&c, &n1.underlay_ip(), port, "3", proto);
        assert_eq!(
            (got["failed"].as_u64(), &got["answers"]),
            (Some(0), &serde_json::json!({"host": 3})),
            "{proto}: {got}"
        );
        assert_eq!(
            got["peers"],
            serde_json::json!([format!("{}:{port}", n1.underlay_ip())]),
            "{proto}: {got}"
        );
    }
    assert!(nat_entries(n1).is_empty(), "no SNAT for the node's own backend");
}
