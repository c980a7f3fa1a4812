//! Services in the datapath (issue 13): `bpf lb update` writes a ClusterIP service and
//! pods' packets obey it: connections spread over every backend, on this node and across
//! the overlay, replies come from the service address, and a service without backends
//! drops with Cilium's reason.

use crate::cluster::Cluster;
use crate::support::await_line;
use crate::world::{HELPER, serve};

const VIP: &str = "10.96.0.10";

fn clients(c: &Cluster, port: &str, n: &str, proto: &str) -> serde_json::Value {
    let (ok, out) = c.in_pod(0, 0, &["python3", HELPER, "svc-clients", VIP, port, n, proto]);
    assert!(ok, "svc-clients: {out}");
    serde_json::from_str(out.trim()).unwrap_or_else(|e| panic!("{e}: {out}"))
}

#[test]
fn pod_to_clusterip_spreads_over_local_and_remote_backends_and_replies_come_from_the_vip() {
    let c = Cluster::new(2);
    let (n1, n2) = (&c.nodes[0], &c.nodes[1]);
    // Backends: the other pod on node 1, both pods on node 2; the client is node 1's pod 1.
    let backends = [(&n1.pods[1], "n1p2"), (&n2.pods[0], "n2p1"), (&n2.pods[1], "n2p2")];
    let tcp: Vec<String> = backends.iter().map(|(p, _)| format!("{}:8080", p.ip)).collect();
    let udp: Vec<String> = backends.iter().map(|(p, _)| format!("{}:5353", p.ip)).collect();
    let vip_tcp = format!("{VIP}:80");
    let vip_udp = format!("{VIP}:53");
    n1.cilium(&["bpf", "lb", "update", &vip_tcp, "--proto", "tcp", "--backends", &tcp.join(",")]);
    let servers: Vec<_> =
        backends.iter().map(|(p, name)| serve(&p.ns.0, &["svc-server", "8080", name, "20"])).collect();
    let got = clients(&c, "80", "60", "tcp");
    assert_eq!(got["failed"], 0, "{got}");
    let answers = got["answers"].as_object().unwrap();
    for (_, name) in &backends {
        assert!(
            answers.get(*name).and_then(|v| v.as_u64()).unwrap_or(0) > 0,
            "60 connections reach every backend: {got}"
        );
    }
    assert_eq!(got["peers"], serde_json::json!([vip_tcp]), "the client's socket sees the service: {got}");
    drop(servers);

    n1.cilium(&["bpf", "lb", "update", &vip_udp, "--proto", "udp", "--backends", &udp.join(",")]);
    let servers: Vec<_> =
        backends.iter().map(|(p, name)| serve(&p.ns.0, &["svc-server", "5353", name, "20"])).collect();
    let got = clients(&c, "53", "30", "udp");
    assert_eq!(got["failed"], 0, "{got}");
    assert_eq!(got["peers"], serde_json::json!([vip_udp]), "UDP replies come from the service: {got}");
    assert!(got["answers"].as_object().unwrap().len() >= 2, "datagrams of new flows spread: {got}");
    drop(servers);

    // The flow's CT service entry names its backend and the service's reverse-NAT id.
    let ct = n1.cilium(&["-o", "json", "bpf", "ct", "list"]).json();
    let svc: Vec<&serde_json::Value> =
        ct.as_array().unwrap().iter().filter(|e| e["service"] == true).collect();
    assert!(!svc.is_empty(), "service entries in the CT table: {ct}");
    for e in &svc {
        assert!(e["backend_id"].as_u64().unwrap() > 0 && e["rev_nat"].as_u64().unwrap() > 0, "{e}");
        assert_eq!(
            (e["direction"].as_str(), e["src"].as_str(), e["dst"].as_str()),
            (Some("SVC"), Some(n1.pods[0].ip.as_str()), Some(VIP)),
            "{e}"
        );
    }
    // As Cilium v1.16 prints it: `TCP SVC client:port -> VIP:port ... BackendID=<id>`.
    let text = n1.cilium(&["bpf", "ct", "list"]).stdout;
    let line = text.lines().find(|l| l.starts_with("TCP SVC ")).unwrap_or_else(|| panic!("{text}"));
    assert!(line.contains(&format!(" -> {VIP}:80 ")) && line.contains(" BackendID="), "{line}");
    let out: Vec<&serde_json::Value> = ct
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["service"] == false && e["rev_nat"].as_u64() > Some(0))
        .collect();
    assert!(!out.is_empty(), "the translated flows carry the reverse-NAT id: {ct}");

    // Hairpin: a pod reaches itself through its own service, and sees the service answer.
    let me = &n1.pods[0];
    n1.cilium(&[
        "bpf",
        "lb",
        "update",
        "10.96.0.12:80",
        "--proto",
        "tcp",
        "--backends",
        &format!("{}:8080", me.ip),
    ]);
    let server = serve(&me.ns.0, &["svc-server", "8080", "myself", "10"]);
    let (ok, out) = c.in_pod(0, 0, &["python3", HELPER, "svc-clients", "10.96.0.12", "80", "3", "tcp"]);
    drop(server);
    let got: serde_json::Value = serde_json::from_str(out.trim()).unwrap_or_else(|e| panic!("{e}: {out}"));
    assert!(ok && got["answers"]["myself"] == 3, "hairpin: {got}");
    assert_eq!(got["peers"], serde_json::json!(["10.96.0.12:80"]), "{got}");

    // A service without backends: dropped with the reason, counted.
    n1.cilium(&["bpf", "lb", "update", "10.96.0.11:80", "--proto", "tcp", "--backends"]);
    let (ok, _) = c.in_pod(0, 0, &["python3", HELPER, "tcp-client", "10.96.0.11", "80", "x"]);
    assert!(!ok, "no backends: the connection fails");
    let m = n1.cilium(&["-o", "json", "bpf", "metrics", "list"]).json();
    let dropped: u64 = m
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["reason"] == "Service backend not found")
        .map(|r| r["packets"].as_u64().unwrap())
        .sum();
    assert!(dropped > 0, "{m}");
}

/// Backends leave as Cilium lets them: a terminating backend keeps its established flow
/// and gets no new one; a deleted backend gets no new flows while the flows on the others
/// go on.
#[test]
fn leaving_backends_keep_their_flows_and_get_no_new_ones() {
    let c = Cluster::new(2);
    let n1 = &c.nodes[0];
    let (a, b, cc) = (&c.nodes[0].pods[1], &c.nodes[1].pods[0], &c.nodes[1].pods[1]);
    let be = |p: &crate::world::Pod, state: &str| format!("{}:8080{state}", p.ip);
    let vip = "10.96.0.20:80";
    let update = |backends: &[String]| {
        n1.cilium(&["bpf", "lb", "update", vip, "--proto", "tcp", "--backends", &backends.join(",")])
    };
    let _servers: Vec<_> = [(a, "A"), (b, "B"), (cc, "C")]
        .iter()
        .map(|(p, n)| serve(&p.ns.0, &["svc-server", "8080", n, "30"]))
        .collect();
    let stream = |secs: &str| {
        std::process::Command::new("ip")
            .args([
                "netns",
                "exec",
                &c.nodes[0].pods[0].ns.0,
                "python3",
                HELPER,
                "svc-stream",
                "10.96.0.20",
                "80",
                secs,
            ])
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let new_flows = || {
        let (ok, out) = c.in_pod(0, 0, &["python3", HELPER, "svc-clients", "10.96.0.20", "80", "20", "tcp"]);
        assert!(ok, "{out}");
        let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
        assert_eq!(v["failed"], 0, "{v}");
        v["answers"].as_object().unwrap().keys().cloned().collect::<Vec<_>>()
    };

    // A terminating backend: its stream goes on, new connections go elsewhere.
    update(&[be(a, "")]);
    let mut s = stream("3");
    await_line(&mut s, "connected");
    update(&[be(b, ""), be(a, "@terminating")]);
    assert_eq!(new_flows(), ["B"], "no new flow to the terminating backend");
    let out = String::from_utf8(s.wait_with_output().unwrap().stdout).unwrap();
    let sent = out.split_whitespace().find_map(|w| w.strip_prefix("sent=")).unwrap_or("?");
    assert!(out.contains(&format!("answer=A:{sent}")), "the stream stayed on A, every byte: {out}");

    // A deleted backend: the flow on the remaining one goes on; nothing new reaches it.
    update(&[be(b, "")]);
    let mut s = stream("3");
    await_line(&mut s, "connected");
    update(&[be(b, ""), be(cc, "")]);
    update(&[be(b, "")]);
    assert_eq!(new_flows(), ["B"], "no new flow to the deleted backend");
    let out = String::from_utf8(s.wait_with_output().unwrap().stdout).unwrap();
    let sent = out.split_whitespace().find_map(|w| w.strip_prefix("sent=")).unwrap_or("?");
    assert!(out.contains(&format!("answer=B:{sent}")), "the stream on B survived: {out}");
    let lb = n1.cilium(&["-o", "json", "bpf", "lb", "list", "--backends"]).json();
    assert!(!lb.to_string().contains(&cc.ip), "the deleted backend is gone from the map: {lb}");
}

/// Session affinity: every new connection of one client goes to one backend while the
/// affinity lasts; after the timeout the choice is made again.
#[test]
fn session_affinity_keeps_a_client_on_one_backend_until_the_timeout() {
    let c = Cluster::new(2);
    let n1 = &c.nodes[0];
    let pods = [(&c.nodes[0].pods[1], "A"), (&c.nodes[1].pods[0], "B"), (&c.nodes[1].pods[1], "C")];
    let backends: Vec<String> = pods.iter().map(|(p, _)| format!("{}:8080", p.ip)).collect();
    let _servers: Vec<_> =
        pods.iter().map(|(p, n)| serve(&p.ns.0, &["svc-server", "8080", n, "30"])).collect();
    let vip = "10.96.0.30:80";
    let with_affinity = |secs: &str| {
        let b = backends.join(",");
        n1.cilium(&[
            "bpf",
            "lb",
            "update",
            vip,
            "--proto",
            "tcp",
            "--backends",
            &b,
            "--affinity-timeout",
            secs,
        ]);
    };
    with_affinity("60");
    let lb = n1.cilium(&["bpf", "lb", "list"]).stdout;
    assert!(lb.contains("sessionAffinity"), "{lb}");
    let run = |n: &str| {
        let (ok, out) = c.in_pod(0, 0, &["python3", HELPER, "svc-clients", "10.96.0.30", "80", n, "tcp"]);
        assert!(ok, "{out}");
        let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
        assert_eq!(v["failed"], 0, "{v}");
        v["answers"].as_object().unwrap().keys().cloned().collect::<Vec<_>>()
    };
    assert_eq!(run("20").len(), 1, "20 connections of one client, one backend");
    // The entry, decoded: this client, this service, a backend still matched, just used.
    let aff = n1.cilium(&["-o", "json", "bpf", "lb", "list", "--affinity"]).json();
    let rows = aff.as_array().unwrap();
    assert_eq!(rows.len(), 1, "{aff}");
    let r = &rows[0];
    assert_eq!(r["client"], c.nodes[0].pods[0].ip.as_str(), "{r}");
    assert_eq!(
        (r["service"].as_str(), r["matched"].as_bool(), r["netns_cookie"].as_bool()),
        (Some(vip), Some(true), Some(false)),
        "{r}"
    );
    assert!(backends.iter().any(|b| r["backend"] == b.as_str()), "{r}");
    assert!(r["age_secs"].as_u64().unwrap() < 10, "{r}");

    // A short timeout: rounds more than a second apart choose anew.
    with_affinity("1");
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..8 {
        seen.extend(run("2"));
        std::thread::sleep(std::time::Duration::from_millis(1300));
    }
    assert!(seen.len() >= 2, "after the timeout other backends are chosen: {seen:?}");
}

/// A 4 KB UDP datagram to a service leaves the pod in fragments (pod MTU 1450): every
/// fragment is translated (the later ones by the ports their first left in
/// cilium_ipv4_frag_datagrams), the backend gets it whole, and so does the client the
/// fragmented echo, from the service address. Backends on this node and across the overlay.
#[test]
fn fragmented_udp_datagrams_to_a_service_arrive_whole_both_ways() {
    let c = Cluster::new(2);
    let n1 = &c.nodes[0];
    for (pod, node) in [(&n1.pods[1], n1), (&c.nodes[1].pods[0], n1)] {
        let vip = format!("{VIP}:53");
        node.cilium(&[
            "bpf",
            "lb",
            "update",
            &vip,
            "--proto",
            "udp",
            "--backends",
            &format!("{}:5353", pod.ip),
        ]);
        let _server = serve(&pod.ns.0, &["udp-server", "5353", "2"]);
        let (ok, out) = c.in_pod(0, 0, &["python3", HELPER, "udp-big", VIP, "53", "4000"]);
        assert!(ok, "{out}");
        let got: serde_json::Value =
            serde_json::from_str(out.trim()).unwrap_or_else(|e| panic!("{e}: {out}"));
        assert_eq!(got["got"], 4000, "to {}: {got}", pod.ip);
        assert_eq!((got["same"].as_bool(), got["peer"].as_str()), (Some(true), Some(vip.as_str())), "{got}");
    }
    let frags = n1.cilium(&["bpf", "maps", "-o", "json"]).json();
    let entries = frags
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == "cilium_ipv4_frag_datagrams")
        .and_then(|m| m["entries"].as_u64());
    assert!(entries > Some(0), "first fragments remembered their ports: {frags}");
}
