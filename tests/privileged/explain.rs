//! Issue 22: `explain` against the real datapath. Every flow of the matrix is explained
//! first, then sent for real; the verdict, the drop reason and the observation point must
//! equal what the datapath reported for that packet (its drop and trace events). A flow the
//! datapath reported nothing for fails the test too. The matrix: four pods with allow,
//! deny, wildcard, L3-only and L4 entries that shadow each other, in both directions;
//! pod to pod, to the world, to a ClusterIP with local backends, one without backends and
//! one whose backend is the client (hairpin); TCP, UDP and ICMP; new flows, then the same
//! flows again once established (`--sport`).

use std::collections::BTreeMap;

use serde_json::Value;

use crate::monitor::Monitor;
use crate::support::*;
use crate::world::*;

const PODS: [u16; 4] = [11, 12, 13, 14];
const WORLD_IP: &str = "10.123.0.1";
const SVC: &str = "10.96.0.10";
const SVC_EMPTY: &str = "10.96.0.11";
const SVC_HAIRPIN: &str = "10.96.0.12";

fn ip(pod: u16) -> String {
    format!("10.200.0.{pod}")
}

/// One flow of the matrix.
#[derive(Clone, Debug)]
struct Flow {
    src: u16,
    dst: String,
    proto: &'static str,
    dport: u16,
    sport: u16,
}

impl Flow {
    fn dst_arg(&self) -> String {
        if self.proto == "icmp" { self.dst.clone() } else { format!("{}:{}", self.dst, self.dport) }
    }
}

fn node() -> World {
    let w = World::new(&[(11, 11, 1011), (12, 12, 1012), (13, 13, 1013), (14, 14, 1014)]);
    w.attach(11, &[]);
    w.attach(12, &["--enforce", "ingress"]);
    w.attach(13, &["--enforce", "egress"]);
    w.attach(14, &["--enforce", "both"]);
    for args in [
        // 12, ingress: 1011 at L3; anyone to 8080/tcp; 1013 denied at L3 but allowed to
        // 9090/tcp (the L3-L4 allow shadows the L3 deny); UDP from anyone.
        &["12", "ingress", "1011"][..],
        &["12", "ingress", "0", "8080/tcp"],
        &["12", "ingress", "1013", "--deny"],
        &["12", "ingress", "1013", "9090/tcp"],
        &["12", "ingress", "0", "/udp"],
        // 13, egress: 1012 on 8080/tcp and 9090/tcp (where 12's ingress shadows its L3
        // deny of 1013); ICMP anywhere; 1014 denied; the world's DNS.
        &["13", "egress", "1012", "8080/tcp"],
        &["13", "egress", "1012", "9090/tcp"],
        &["13", "egress", "0", "/icmp"],
        &["13", "egress", "1014", "--deny"],
        &["13", "egress", "2", "53/udp"],
        // 14: in, 1011 on 80/tcp and 1012 on any TCP port; out, everything.
        &["14", "ingress", "1011", "80/tcp"],
        &["14", "ingress", "1012", "/tcp"],
        &["14", "egress", "0"],
    ] {
        let mut a = vec!["bpf", "policy", "add"];
        a.extend_from_slice(args);
        w.cilium(&a);
    }
    w.cilium(&[
        "bpf",
        "lb",
        "update",
        &format!("{SVC}:80"),
        "--proto",
        "tcp",
        "--backends",
        &format!("{}:8080,{}:80", ip(12), ip(14)),
    ]);
    w.cilium(&["bpf", "lb", "update", &format!("{SVC_EMPTY}:53"), "--proto", "udp", "--backends", ""]);
    w.cilium(&[
        "bpf",
        "lb",
        "update",
        &format!("{SVC_HAIRPIN}:80"),
        "--proto",
        "tcp",
        "--backends",
        &format!("{}:80", ip(11)),
    ]);
    w
}

/// The matrix, every TCP/UDP flow with a source port of its own.
fn flows() -> Vec<Flow> {
    let mut out = Vec::new();
    let mut sport = 20_000;
    let mut next = || {
        sport += 1;
        sport
    };
    for src in PODS {
        let mut dsts: Vec<String> = PODS.iter().filter(|p| **p != src).map(|p| ip(*p)).collect();
        dsts.push(WORLD_IP.into());
        for dst in &dsts {
            for (proto, ports) in [("tcp", [80, 443, 8080, 9090]), ("udp", [53, 5000, 8080, 9090])] {
                for dport in ports {
                    out.push(Flow { src, dst: dst.clone(), proto, dport, sport: next() });
                }
            }
            // ICMP in one direction per pair, so that no flow's echo request looks like
            // another's echo reply.
            let dst_pod: Option<u16> = dst.strip_prefix("10.200.0.").and_then(|d| d.parse().ok());
            if dst_pod.is_none_or(|d| d > src) {
                out.push(Flow { src, dst: dst.clone(), proto: "icmp", dport: 0, sport: next() });
            }
        }
        for (dst, proto, dport) in
            [(SVC, "tcp", 80), (SVC_EMPTY, "tcp", 53), (SVC_EMPTY, "udp", 53), (SVC_HAIRPIN, "tcp", 80)]
        {
            out.push(Flow { src, dst: dst.into(), proto, dport, sport: next() });
        }
    }
    out
}

/// What the datapath did with a flow: (verdict, drop code, observation point, the
/// destination the event saw), from its events.
fn observed(flow: &Flow, events: &[Value]) -> Option<(String, Option<u64>, Option<String>, String)> {
    // A hairpin flow reaches its backend from the service loopback address.
    seen_on(events, flow.proto, &[&ip(flow.src), "169.254.42.1"], flow.sport, &flow.dst)
}

/// Explains every flow, sends them all (one helper per source pod), and compares.
fn phase(w: &World, flows: &[Flow], established: bool, failures: &mut Vec<String>) {
    let mut answers = Vec::new();
    for f in flows {
        let mut args = vec!["-o".to_string(), "json".into(), "explain".into(), ip(f.src), f.dst_arg()];
        if f.proto != "icmp" {
            args.extend(["--proto".into(), f.proto.into()]);
        }
        if established {
            args.extend(["--sport".into(), f.sport.to_string()]);
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        answers.push(w.cilium(&args).json());
    }
    let mon = Monitor::start(&w.fs.dir, &[]);
    let mut by_src: BTreeMap<u16, Vec<String>> = BTreeMap::new();
    for f in flows {
        by_src.entry(f.src).or_default().push(format!("{} {} {} {}", f.proto, f.dst, f.dport, f.sport));
    }
    for (src, specs) in &by_src {
        let (ok, out) = w.client(*src, &["probes", &specs.join(";")]);
        assert!(ok && out.trim() == specs.len().to_string(), "pod {src} sent {out:?} of {}", specs.len());
    }
    std::thread::sleep(std::time::Duration::from_millis(500));
    let events = mon.stop();
    for (f, a) in flows.iter().zip(&answers) {
        let what = format!(
            "{} {} -> {} (sport {}{})",
            f.proto,
            ip(f.src),
            f.dst_arg(),
            f.sport,
            if established { ", established" } else { "" }
        );
        let Some((verdict, code, point, seen_dst)) = observed(f, &events) else {
            failures
                .push(format!("{what}: the datapath reported nothing for it; explain said {}", a["verdict"]));
            continue;
        };
        // A service flow: the backend the datapath picked is the one to compare with.
        // With backends, the one the datapath picked must be one explain walked.
        let predicted = match a["backends"].as_array().filter(|b| !b.is_empty()) {
            Some(bs) => match bs.iter().find(|b| b["backend"] == seen_dst.as_str()) {
                Some(b) => b.clone(),
                None => {
                    failures.push(format!(
                        "{what}: the datapath sent it to {seen_dst}, no backend explain walked"
                    ));
                    continue;
                }
            },
            None => a.clone(),
        };
        let want = (
            predicted["verdict"].as_str().unwrap_or("").to_string(),
            predicted["drop_code"].as_u64(),
            predicted["observation_point"].as_str().map(str::to_string),
        );
        if want != (verdict.clone(), code, point.clone()) {
            failures.push(format!(
                "{what}: explain said {want:?}, the datapath did {:?}\n  steps: {}",
                (verdict, code, point),
                predicted["steps"]
            ));
        }
    }
}

#[test]
fn explain_agrees_with_the_datapath_on_every_flow() {
    let w = node();
    let all = flows();
    let flows = matrix(all.clone(), all.iter().step_by(5).cloned().collect(), "explain differential");
    let mut failures = Vec::new();
    phase(&w, &flows, false, &mut failures);
    // Established flows report again only after the CT report interval (5 s).
    std::thread::sleep(std::time::Duration::from_millis(5_500));
    phase(&w, &flows, true, &mut failures);
    assert!(
        failures.is_empty(),
        "{} of {} flows disagree:\n{}",
        failures.len(),
        2 * flows.len(),
        failures.join("\n")
    );
    assert!(2 * all.len() >= 300, "the matrix has {} flows", 2 * all.len());
}

#[test]
fn explain_reads_only_and_refuses_bad_input() {
    let w = node();
    let before = snapshot(&w.fs);
    let o = w.cilium(&["explain", &ip(11), &format!("{}:8080", ip(12)), "--proto", "tcp"]);
    assert!(o.stdout.contains("FORWARDED to-endpoint"), "{}", o.stdout);
    let o = w.cilium(&["-o", "json", "explain", &ip(13), &format!("{}:80", ip(14)), "--proto", "tcp"]);
    let a = o.json();
    assert_eq!((a["verdict"].as_str(), a["drop_code"].as_u64()), (Some("DROPPED"), Some(181)), "{a}");
    assert_eq!(a["drop_reason"], "Policy denied by denylist");
    assert!(
        a["steps"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["decides"] == true && s["map"] == "cilium_policy_00013")
    );
    assert_eq!(snapshot(&w.fs), before, "explain changed the maps");
    // `bpf policy add` says what an entry changes under the precedence (issue 22).
    let o = w.cilium(&["bpf", "policy", "add", "14", "ingress", "1011", "--deny"]);
    assert!(
        o.stderr.contains("warning: deny ingress identity 1011 ANY is shadowed by the entry allow ingress identity 1011 80/TCP (L3-L4 beats L3-Only)"),
        "{}",
        o.stderr
    );
    let o = w.cilium(&["bpf", "policy", "add", "14", "ingress", "1013", "/udp"]);
    assert!(o.stderr.is_empty(), "nothing shadowed: {}", o.stderr);
    w.cilium(&["bpf", "policy", "delete", "14", "ingress", "1011"]);
    w.cilium(&["bpf", "policy", "delete", "14", "ingress", "1013", "/udp"]);
    for (args, says) in [
        (&["explain", "10.200.0.99", "10.200.0.12"][..], "10.200.0.99"),
        (&["explain", "10.200.0.11", "10.200.0.12:80"][..], "--proto"),
        (&["explain", "10.200.0.11", "10.200.0.12", "--proto", "tcp"][..], "needs a port"),
        (&["explain", "fd00::1", "10.200.0.12"][..], "fd00::1"),
        (&["explain", "10.200.0.11", "10.200.0.12:0", "--proto", "tcp"][..], "'0'"),
        (&["explain", "10.200.0.11", "10.200.0.12:80", "--proto", "sctp"][..], "sctp"),
        (&["explain", "10.9.9.9", "10.200.0.12", "--ingress", "nosuchdev0"][..], "nosuchdev0"),
        (
            &["explain", "10.9.9.9", "10.200.0.12", "--ingress", "lo", "--src-identity", "5"][..],
            "--src-identity is for",
        ),
        (&["explain", "10.9.9.9", "10.200.0.12", "--src-identity", "5"][..], "--ingress"),
    ] {
        let o = w.run(args);
        assert_eq!(o.code, 2, "{args:?}: {}", o.stderr);
        assert!(o.stderr.contains(says), "{args:?}: {}", o.stderr);
    }
    // A device without this datapath's from-netdev: exit 1, naming the map that is missing.
    let o = w.run(&["explain", "10.9.9.9", "10.200.0.12", "--ingress", "lo"]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(o.stderr.contains("cilium_calls_netdev_00001 is not pinned"), "{}", o.stderr);
}

/// Across nodes: node1 explains its pods' flows to node2's pods as leaving through the
/// overlay for node2; node2, from cilium_vxlan with the sender's identity in the VNI,
/// explains what its endpoint's ingress policy does. Both answers are compared with each
/// node's own events.
#[test]
fn explain_follows_flows_into_the_next_node() {
    let c = crate::cluster::Cluster::new(2);
    let (n1, n2) = (&c.nodes[0], &c.nodes[1]);
    // Endpoint 201 enforces ingress: 1001 on 80/tcp, UDP from anyone, 1002 denied.
    n2.cilium(
        &"attach lxc lxc201 --id 201 --ipv4 10.200.2.11 --identity 2001 --enforce ingress"
            .split(' ')
            .collect::<Vec<_>>(),
    );
    for args in [&["1001", "80/tcp"][..], &["0", "/udp"], &["1002", "--deny"]] {
        let mut a = vec!["bpf", "policy", "add", "201", "ingress"];
        a.extend_from_slice(args);
        n2.cilium(&a);
    }
    let mut flows = Vec::new();
    let mut sport = 30_000;
    for src in 0..2usize {
        for dst in ["10.200.2.11", "10.200.2.12"] {
            for (proto, dport) in [("tcp", 80), ("tcp", 81), ("udp", 53), ("icmp", 0)] {
                sport += 1;
                flows.push((src, Flow { src: 0, dst: dst.into(), proto, dport, sport }));
            }
        }
    }
    let explain = |node: &crate::cluster::Node, src: &str, f: &Flow, extra: &[&str]| -> Value {
        let dst = f.dst_arg();
        let mut a = vec!["-o", "json", "explain", src, &dst];
        if f.proto != "icmp" {
            a.extend(["--proto", f.proto]);
        }
        a.extend_from_slice(extra);
        node.cilium(&a).json()
    };
    let answers: Vec<(Value, Value)> = flows
        .iter()
        .map(|(src, f)| {
            let src_ip = &n1.pods[*src].ip;
            let identity = n1.pods[*src].identity.to_string();
            let here = explain(n1, src_ip, f, &[]);
            let there = explain(n2, src_ip, f, &["--ingress", "cilium_vxlan", "--src-identity", &identity]);
            (here, there)
        })
        .collect();
    let (m1, m2) = (Monitor::start(&n1.fs.dir, &[]), Monitor::start(&n2.fs.dir, &[]));
    for src in 0..2usize {
        let spec: Vec<String> = flows
            .iter()
            .filter(|(s, _)| *s == src)
            .map(|(_, f)| format!("{} {} {} {}", f.proto, f.dst, f.dport, f.sport))
            .collect();
        let (ok, out) = c.in_pod(0, src, &["python3", HELPER, "probes", &spec.join(";")]);
        assert!(ok, "{out}");
    }
    std::thread::sleep(std::time::Duration::from_millis(500));
    let (e1, e2) = (m1.stop(), m2.stop());
    let mut failures = Vec::new();
    for ((src, f), (here, there)) in flows.iter().zip(&answers) {
        let what = format!("{} {} -> {}", f.proto, n1.pods[*src].ip, f.dst_arg());
        let key = |d: &Value| {
            d["l4"] == f.proto
                && d["src_ip"] == n1.pods[*src].ip.as_str()
                && if f.proto == "icmp" { d["dst_ip"] == f.dst.as_str() } else { d["src_port"] == f.sport }
        };
        let seen = |events: &[Value]| -> Option<(String, Option<u64>, Option<String>)> {
            if let Some(d) =
                events.iter().filter(|e| e["type"] == "drop").map(|e| &e["data"]).find(|d| key(d))
            {
                return Some(("DROPPED".into(), d["reason_code"].as_u64(), None));
            }
            let t = events.iter().filter(|e| e["type"] == "trace").map(|e| &e["data"]).rfind(|d| key(d))?;
            Some(("FORWARDED".into(), None, t["observation_point"].as_str().map(str::to_string)))
        };
        let said = |a: &Value| {
            (
                a["verdict"].as_str().unwrap_or("").to_string(),
                a["drop_code"].as_u64(),
                a["observation_point"].as_str().map(str::to_string),
            )
        };
        if here["next_node"] != "10.100.0.2" {
            failures.push(format!("{what}: node1 did not say it leaves for node2: {here}"));
        }
        for (node, answer, events) in [("node1", here, &e1), ("node2", there, &e2)] {
            match seen(events) {
                Some(did) if did == said(answer) => {}
                did => failures.push(format!(
                    "{what} on {node}: explain said {:?}, the datapath did {did:?}",
                    said(answer)
                )),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Who sends a flow of the outside matrix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sender {
    /// The external client on the underlay: explain starts at node 1's eth0 (from-netdev).
    Client,
    /// Node 1's own processes from cilium_host's address: explain starts at the host.
    Host,
    /// Node 1's first pod, to its node.
    Pod,
}

#[derive(Clone, Debug)]
struct Probe {
    who: Sender,
    dst: String,
    proto: &'static str,
    dport: u16,
    sport: u16,
    /// Sent only in the second phase, as a new flow (session affinity's second client flow).
    fresh: bool,
}

impl Probe {
    fn src(&self) -> &'static str {
        match self.who {
            Sender::Client => CLIENT,
            Sender::Host => N1_HOST,
            Sender::Pod => N1_POD,
        }
    }
    fn dst_arg(&self) -> String {
        if self.proto == "icmp" { self.dst.clone() } else { format!("{}:{}", self.dst, self.dport) }
    }
    fn spec(&self) -> String {
        format!("{} {} {} {} {}", self.proto, self.dst, self.dport, self.sport, self.src())
    }
}

const CLIENT: &str = "10.100.0.254";
const N1_HOST: &str = "10.200.1.1";
const N1_POD: &str = "10.200.1.11";
const N1: &str = "10.100.0.1";
const CLUSTER_IP: &str = "10.96.0.30";
/// A ClusterIP whose one backend is on node 2.
const CLUSTER_IP_REMOTE: &str = "10.96.0.31";

/// What a node's events say of the packet from one of `srcs`:`sport` (ICMP: to `dst`):
/// the verdict (a drop wins), drop code, observation point (the last trace's) and the
/// destination it was seen going to.
pub fn seen_on(
    events: &[Value],
    proto: &str,
    srcs: &[&str],
    sport: u16,
    dst: &str,
) -> Option<(String, Option<u64>, Option<String>, String)> {
    let key = |d: &Value| {
        d["l4"] == proto
            && srcs.iter().any(|s| d["src_ip"] == *s)
            && if proto == "icmp" { d["dst_ip"] == dst } else { d["src_port"] == sport }
    };
    let dst_of = |d: &Value| match d["dst_port"].as_u64() {
        Some(p) => format!("{}:{p}", d["dst_ip"].as_str().unwrap_or("")),
        None => d["dst_ip"].as_str().unwrap_or("").to_string(),
    };
    if let Some(d) = events.iter().filter(|e| e["type"] == "drop").map(|e| &e["data"]).find(|d| key(d)) {
        return Some(("DROPPED".into(), d["reason_code"].as_u64(), None, dst_of(d)));
    }
    let t = events.iter().filter(|e| e["type"] == "trace").map(|e| &e["data"]).rfind(|d| key(d))?;
    Some(("FORWARDED".into(), None, t["observation_point"].as_str().map(str::to_string), dst_of(t)))
}

pub fn said(a: &Value) -> (String, Option<u64>, Option<String>) {
    (
        a["verdict"].as_str().unwrap_or("").to_string(),
        a["drop_code"].as_u64(),
        a["observation_point"].as_str().map(str::to_string),
    )
}

/// From outside and from the host: the external client to NodePorts with local, remote,
/// policy-dropped and no backends and session affinity, to a ClusterIP (dropped "Is a
/// ClusterIP"), to pods and to the node; node 1's host to its pods (with and without its
/// identity allowed), to node 2's pods and to the world; a pod to its node and to a
/// ClusterIP whose backend is on node 2. Each is explained on node 1 first; a flow node 1 sends on
/// through the tunnel is also explained on node 2 (from cilium_vxlan, with the identity
/// node 1 said it carries, from the address the source NAT gave it) and compared with node
/// 2's events, which are also the evidence that node 1 forwarded it (the tunnel's own
/// program traces nothing for a packet a program already keyed). New flows, then the same
/// flows established.
#[test]
fn explain_agrees_from_outside_and_from_the_host() {
    let c = crate::cluster::Cluster::new(2);
    let (n1, n2) = (&c.nodes[0], &c.nodes[1]);
    let (p1, p2) = (n1.pods[0].ip.clone(), n1.pods[1].ip.clone());
    let (q1, q2) = (n2.pods[0].ip.clone(), n2.pods[1].ip.clone());
    // Node 1's second pod enforces ingress: the world on 8080/tcp, the host on 9090/tcp;
    // node 2's second pod: the world on 8080/tcp only.
    let reattach = |n: &crate::cluster::Node, i: usize| {
        let p = &n.pods[i];
        let (id, identity) = (p.id.to_string(), p.identity.to_string());
        n.cilium(&[
            "attach",
            "lxc",
            &p.host_if,
            "--id",
            &id,
            "--ipv4",
            &p.ip,
            "--identity",
            &identity,
            "--enforce",
            "ingress",
        ]);
        id
    };
    let e11 = reattach(n1, 1);
    for args in [["2", "8080/tcp"], ["1", "9090/tcp"]] {
        n1.cilium(&["bpf", "policy", "add", &e11, "ingress", args[0], args[1]]);
    }
    let e21 = reattach(n2, 1);
    n2.cilium(&["bpf", "policy", "add", &e21, "ingress", "2", "8080/tcp"]);
    let svc = |fe: &str, proto: &str, kind: &str, backends: &[String]| {
        n1.cilium(&[
            "bpf",
            "lb",
            "update",
            fe,
            "--proto",
            proto,
            "--type",
            kind,
            "--backends",
            &backends.join(","),
        ]);
    };
    let np = |port: u16| format!("{N1}:{port}");
    svc(&np(30080), "tcp", "nodeport", &[format!("{p1}:8080")]);
    svc(&np(30081), "tcp", "nodeport", &[format!("{q1}:8080"), format!("{q2}:8080")]);
    svc(&np(30082), "udp", "nodeport", &[format!("{q1}:5353")]);
    svc(&np(30083), "tcp", "nodeport", &[format!("{p2}:8080")]);
    svc(&np(30084), "tcp", "nodeport", &[format!("{p2}:9090")]);
    svc(&np(30085), "tcp", "nodeport", &[]);
    svc(&np(30086), "tcp", "nodeport", &[format!("{q2}:9090")]);
    svc(&format!("{CLUSTER_IP}:80"), "tcp", "clusterip", &[format!("{p1}:8080")]);
    svc(&format!("{CLUSTER_IP_REMOTE}:80"), "tcp", "clusterip", &[format!("{q1}:8080")]);
    // Session affinity: the client's second flow keeps the backend of its first.
    n1.cilium(&[
        "bpf",
        "lb",
        "update",
        &np(30087),
        "--proto",
        "tcp",
        "--type",
        "nodeport",
        "--affinity-timeout",
        "600",
        "--backends",
        &format!("{p1}:8080,{p2}:9090,{q1}:8080"),
    ]);
    // The client reaches node 1's pods and its ClusterIP range through node 1.
    for net in ["10.200.1.0/24", "10.96.0.0/16"] {
        let (ok, out) = crate::world::netns_exec(&c.client.0, &["ip", "route", "replace", net, "via", N1]);
        assert!(ok, "{out}");
    }
    let mut sport = 40_000;
    let mut probe = |who, dst: &str, proto, dport| {
        sport += 1;
        Probe { who, dst: dst.into(), proto, dport, sport, fresh: false }
    };
    let mut probes = Vec::new();
    for port in 30080..=30087 {
        probes.push(probe(Sender::Client, N1, "tcp", port));
    }
    probes.push(probe(Sender::Client, N1, "udp", 30082));
    probes.push(probe(Sender::Client, CLUSTER_IP, "tcp", 80));
    for (dst, proto, dport) in [(&p2, "tcp", 8080), (&p2, "tcp", 9090), (&p2, "udp", 53), (&p1, "icmp", 0)] {
        probes.push(probe(Sender::Client, dst, proto, dport));
    }
    probes.push(probe(Sender::Client, N1, "tcp", 22));
    for (dst, proto, dport) in [
        (&p1, "tcp", 8080),
        (&p2, "tcp", 8080),
        (&p2, "tcp", 9090),
        (&p2, "udp", 9090),
        (&p1, "icmp", 0),
        (&q1, "tcp", 8080),
        (&q2, "tcp", 9090),
    ] {
        probes.push(probe(Sender::Host, dst, proto, dport));
    }
    probes.push(probe(Sender::Host, CLIENT, "tcp", 9));
    for (dst, proto, dport) in
        [(N1_HOST, "tcp", 22), (N1_HOST, "icmp", 0), (N1, "udp", 53), (CLUSTER_IP_REMOTE, "tcp", 80)]
    {
        probes.push(probe(Sender::Pod, dst, proto, dport));
    }
    probes.push(Probe { fresh: true, ..probe(Sender::Client, N1, "tcp", 30087) });
    // Guests: every third flow, and session affinity's two.
    let sample = probes.iter().enumerate().filter(|(i, p)| i % 3 == 0 || p.dport == 30087);
    let sample = sample.map(|(_, p)| p.clone()).collect();
    let probes = matrix(probes, sample, "explain from outside and from the host");
    let mut failures = Vec::new();
    for established in [false, true] {
        if established {
            // Established flows report again only after the CT report interval (5 s).
            std::thread::sleep(std::time::Duration::from_millis(5_500));
        }
        let now: Vec<Probe> = probes.iter().filter(|p| established || !p.fresh).cloned().collect();
        outside_phase(&c, &now, established, &mut failures);
    }
    assert!(failures.is_empty(), "{} disagreements:\n{}", failures.len(), failures.join("\n"));
}

fn outside_phase(
    c: &crate::cluster::Cluster,
    probes: &[Probe],
    established: bool,
    failures: &mut Vec<String>,
) {
    let (n1, n2) = (&c.nodes[0], &c.nodes[1]);
    let explain = |n: &crate::cluster::Node, src: &str, dst: &str, p: &Probe, extra: &[&str]| -> Value {
        let sport = p.sport.to_string();
        let mut a = vec!["-o", "json", "explain", src, dst];
        if p.proto != "icmp" {
            a.extend(["--proto", p.proto]);
        }
        if established && !p.fresh {
            a.extend(["--sport", &sport]);
        }
        a.extend_from_slice(extra);
        n.cilium(&a).json()
    };
    // Node 1's answers, and node 2's for every backend (or destination) node 1 sends to it;
    // before any packet of this test, explain must leave both nodes' maps as they were.
    let before = (!established).then(|| (snapshot(&n1.fs), snapshot(&n2.fs)));
    let mut answers = Vec::new();
    for p in probes {
        let extra: &[&str] = if p.who == Sender::Client { &["--ingress", "eth0"] } else { &[] };
        let here = explain(n1, p.src(), &p.dst_arg(), p, extra);
        if p.fresh {
            // The first flow's pick is remembered for the client: one backend, decided.
            let walked = here["backends"].as_array().map_or(0, Vec::len);
            if walked != 1 || !here["steps"].to_string().contains("cilium_lb4_affinity") {
                failures.push(format!("affinity: explain walked {walked} backends: {here}"));
            }
        }
        let mut there = BTreeMap::new();
        let walks: Vec<Value> = match here["backends"].as_array().filter(|b| !b.is_empty()) {
            Some(bs) => bs.clone(),
            None => vec![here.clone()],
        };
        for b in walks.iter().filter(|b| b["next_node"] == "10.100.0.2") {
            let dst = b["backend"].as_str().map_or(p.dst_arg(), str::to_string);
            // A NodePort flow arrives from cilium_host's address (source NAT): a new flow
            // to node 2 whatever node 1 knows of it; the host's and a pod's keep their tuple.
            let src = if p.who == Sender::Client { N1_HOST } else { p.src() };
            let identity = here["src_identity"].to_string();
            let mut q = p.clone();
            if p.who == Sender::Client {
                q.sport = 0;
            }
            let a = if q.sport == 0 || p.fresh {
                let mut args = vec!["-o", "json", "explain", src, &dst];
                if p.proto != "icmp" {
                    args.extend(["--proto", p.proto]);
                }
                args.extend(["--ingress", "cilium_vxlan", "--src-identity", &identity]);
                n2.cilium(&args).json()
            } else {
                explain(n2, src, &dst, &q, &["--ingress", "cilium_vxlan", "--src-identity", &identity])
            };
            there.insert(dst, a);
        }
        answers.push((here, there));
    }
    if let Some(b) = before {
        let after = (snapshot(&n1.fs), snapshot(&n2.fs));
        // cilium_metrics counts the nodes' own background packets (ARP, the health
        // endpoints' traffic); the single-node test compares it too, where nothing else runs.
        let changed: Vec<&String> =
            b.0.iter()
                .chain(&b.1)
                .filter(|m| m.0 != "cilium_metrics" && !after.0.contains(m) && !after.1.contains(m))
                .map(|m| &m.0)
                .collect();
        assert!(changed.is_empty(), "explain changed the maps: {changed:?}");
    }
    let (m1, m2) = (Monitor::start(&n1.fs.dir, &[]), Monitor::start(&n2.fs.dir, &[]));
    assert_eq!(n1.pods[0].ip, N1_POD);
    for (who, ns) in
        [(Sender::Client, &c.client.0), (Sender::Host, &n1.ns.0), (Sender::Pod, &n1.pods[0].ns.0)]
    {
        let specs: Vec<String> = probes.iter().filter(|p| p.who == who).map(Probe::spec).collect();
        let (ok, out) = crate::world::netns_exec(ns, &["python3", HELPER, "probes", &specs.join(";")]);
        assert!(ok && out.trim() == specs.len().to_string(), "{who:?} sent {out:?} of {}", specs.len());
    }
    std::thread::sleep(std::time::Duration::from_millis(500));
    let (e1, e2) = (m1.stop(), m2.stop());
    let nat = n1.cilium(&["-o", "json", "bpf", "nat", "list"]).json();
    for (p, (here, there)) in probes.iter().zip(&answers) {
        let what = format!(
            "{:?} {} {}:{} -> {}{}",
            p.who,
            p.proto,
            p.src(),
            p.sport,
            p.dst_arg(),
            if established { " (established)" } else { "" }
        );
        // Where node 2 would see it: the source NAT's pair, or the flow's own tuple.
        let (src2, sport2) = nat
            .as_array()
            .unwrap()
            .iter()
            .find(|e| {
                e["direction"] == "OUT"
                    && e["src"] == p.src()
                    && e["sport"] == p.sport
                    && e["proto"] == p.proto.to_uppercase()
            })
            .map_or((p.src().to_string(), p.sport), |e| {
                (e["to_addr"].as_str().unwrap_or("").to_string(), e["to_port"].as_u64().unwrap_or(0) as u16)
            });
        let on_n2 = seen_on(&e2, p.proto, &[&src2], sport2, &p.dst);
        let did = seen_on(&e1, p.proto, &[p.src()], p.sport, &p.dst).or_else(|| {
            // Forwarded into the tunnel: node 2 saw it arrive.
            on_n2
                .as_ref()
                .map(|_| ("FORWARDED".to_string(), None, Some("to-overlay".to_string()), String::new()))
        });
        let Some((verdict, code, point, seen_dst)) = did else {
            failures.push(format!("{what}: no node reported anything; explain said {}", here["verdict"]));
            continue;
        };
        // The backend node 1 picked: where node 2 saw it go, or where node 1 sent it.
        let picked = on_n2.as_ref().map_or(seen_dst.clone(), |s| s.3.clone());
        // With backends, the one the datapath picked must be one explain walked.
        let predicted = match here["backends"].as_array().filter(|b| !b.is_empty()) {
            Some(bs) => match bs.iter().find(|b| b["backend"] == picked.as_str()) {
                Some(b) => b.clone(),
                None => {
                    failures
                        .push(format!("{what}: the datapath sent it to {picked}, no backend explain walked"));
                    continue;
                }
            },
            None => here.clone(),
        };
        if said(&predicted) != (verdict.clone(), code, point.clone()) {
            failures.push(format!(
                "{what}: node 1: explain said {:?}, the datapath did {:?}\n  steps: {}",
                said(&predicted),
                (verdict, code, point),
                predicted["steps"]
            ));
            continue;
        }
        // An established NodePort flow to node 2 has its source NAT mapping: explain names it.
        if established && !p.fresh && p.who == Sender::Client && predicted["next_node"] == "10.100.0.2" {
            let mapping = format!("the flow's mapping: source {src2}:{sport2}");
            if !predicted["steps"].to_string().contains(&mapping) {
                failures.push(format!(
                    "{what}: explain did not name the mapping {mapping}: {}",
                    predicted["steps"]
                ));
            }
        }
        if predicted["next_node"] == "10.100.0.2" {
            let key = predicted["backend"].as_str().map_or(p.dst_arg(), str::to_string);
            let (Some(a), Some(s)) = (there.get(&key), on_n2.as_ref()) else {
                failures.push(format!("{what}: node 2: no answer for {key} or no event ({on_n2:?})"));
                continue;
            };
            if said(a) != (s.0.clone(), s.1, s.2.clone()) {
                failures.push(format!(
                    "{what}: node 2: explain said {:?}, the datapath did {s:?}\n  steps: {}",
                    said(a),
                    a["steps"]
                ));
            }
        }
    }
}

/// Runs `args` in `ns` and asserts it succeeded.
fn ns_ok(ns: &str, args: &[&str]) {
    let (ok, out) = crate::world::netns_exec(ns, args);
    assert!(ok, "{ns}: {args:?}: {out}");
}

/// Python that sends one UDP datagram `x` from [src]:sport to [dst]:dport over IPv6.
fn udp6_send(src: &str, sport: u16, dst: &str, dport: u16) -> String {
    format!(
        "import socket; s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); \
         s.bind(('{src}', {sport})); s.sendto(b'x', ('{dst}', {dport}))"
    )
}

/// Issue 24: IPv6 flows on this datapath, which has no IPv6, explained and sent for real
/// at each entry: from a pod (its device: from-container drops it as Unknown L3, 139,
/// after the endpoint's configuration), from another node through the tunnel (a VXLAN
/// packet with an inner IPv6 frame, made by hand: from-overlay drops it as Unknown L3),
/// and on the native device (from-netdev passes it to the stack: a UDP server on the node
/// receives it, and no drop is reported). The verdict and drop code must be the events'.
#[test]
fn explain_agrees_on_ipv6_flows_with_a_datapath_without_ipv6() {
    use serde_json::json;
    let c = crate::cluster::Cluster::new(1);
    let (n1, n2) = (&c.nodes[0], &c.nodes[1]);
    let pod = &n1.pods[0];
    let explain = |args: &[&str]| {
        let mut a = vec!["-o", "json", "explain"];
        a.extend_from_slice(args);
        n1.cilium(&a).json()
    };
    // From the pod: IPv6 on its eth0 (the world builder turned it off), a neighbour entry
    // so that the datagram itself leaves (not a neighbour solicitation first).
    for a in [
        &["sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=0"][..],
        &["sysctl", "-qw", "net.ipv6.conf.eth0.disable_ipv6=0"],
    ] {
        ns_ok(&pod.ns.0, a);
    }
    ns_ok(&pod.ns.0, &["ip", "-6", "addr", "add", "fd00:a::11/64", "dev", "eth0", "nodad"]);
    ns_ok(
        &pod.ns.0,
        &[
            "ip",
            "-6",
            "neigh",
            "add",
            "fd00:a::99",
            "lladdr",
            "02:00:00:00:00:99",
            "dev",
            "eth0",
            "nud",
            "permanent",
        ],
    );
    let from_pod = explain(&["fd00:a::11", "[fd00:a::99]:5353", "--proto", "udp", "--ingress", &pod.host_if]);
    assert!(from_pod["steps"].to_string().contains("ciliumrs_ep_config"), "{from_pod}");
    let o = n1.run(&["explain", "fd00:a::11", "[fd00:a::99]:5353", "--proto", "udp"]);
    assert!(o.code == 2 && o.stderr.contains("no IPv6 key in cilium_lxc"), "{}", o.stderr);
    // Through the tunnel: node 2 sends node 1 a VXLAN packet (VNI 2001) whose inner frame
    // is IPv6 UDP [fd00:b::21]:40002 -> [fd00:a::11]:5353.
    let from_tunnel =
        explain(&["fd00:b::21", "[fd00:a::11]:5353", "--proto", "udp", "--ingress", "cilium_vxlan"]);
    let vxlan = "import socket, struct; \
        src = socket.inet_pton(socket.AF_INET6, 'fd00:b::21'); dst = socket.inet_pton(socket.AF_INET6, 'fd00:a::11'); \
        udp = struct.pack('!HHHH', 40002, 5353, 9, 0) + b'x'; \
        ip6 = struct.pack('!IHBB', 6 << 28, len(udp), 17, 64) + src + dst; \
        eth = bytes.fromhex('020000000011 020000000021') + b'\\x86\\xdd'; \
        hdr = struct.pack('!II', 0x08000000, 2001 << 8); \
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.sendto(hdr + eth + ip6 + udp, ('10.100.0.1', 8472))";
    // On the native device: IPv6 on the underlay, a server on node 1.
    ns_ok(&n1.ns.0, &["ip", "-6", "addr", "add", "fd10::1/64", "dev", "eth0", "nodad"]);
    ns_ok(&n2.ns.0, &["ip", "-6", "addr", "add", "fd10::2/64", "dev", "eth0", "nodad"]);
    let on_netdev = explain(&["fd10::2", "[fd10::1]:5354", "--proto", "udp", "--ingress", "eth0"]);
    let server = std::process::Command::new("ip")
        .args(["netns", "exec", &n1.ns.0, "python3", "-c"])
        .arg(
            "import socket; s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); s.bind(('fd10::1', 5354)); \
             s.settimeout(10); d, a = s.recvfrom(64); print(a[0], a[1], d.decode())",
        )
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(scaled(500));

    let m1 = Monitor::start(&n1.fs.dir, &[]);
    ns_ok(&pod.ns.0, &["python3", "-c", &udp6_send("fd00:a::11", 40001, "fd00:a::99", 5353)]);
    ns_ok(&n2.ns.0, &["python3", "-c", vxlan]);
    ns_ok(&n2.ns.0, &["python3", "-c", &udp6_send("fd10::2", 40003, "fd10::1", 5354)]);
    let got = server.wait_with_output().unwrap();
    std::thread::sleep(scaled(500));
    let events = m1.stop();
    let received = String::from_utf8_lossy(&got.stdout).trim().to_string();
    assert_eq!(received, "fd10::2 40003 x", "the server on node 1: {}", String::from_utf8_lossy(&got.stderr));

    let mut failures = Vec::new();
    for (name, answer, src, sport, dst) in [
        ("from the pod", &from_pod, "fd00:a::11", 40001, "fd00:a::99"),
        ("through the tunnel", &from_tunnel, "fd00:b::21", 40002, "fd00:a::11"),
    ] {
        let seen = seen_on(&events, "udp", &[src], sport, dst).map(|s| (s.0, s.1, s.2));
        let want = said(answer);
        if seen.as_ref() != Some(&want) || want != ("DROPPED".to_string(), Some(139), None) {
            failures.push(format!("{name}: explain said {want:?}, the datapath {seen:?}: {answer}"));
        }
    }
    // Passed to the stack: received above, and not one event of node 1 about it.
    assert_eq!(
        said(&on_netdev),
        ("FORWARDED".to_string(), None, Some("to-stack".to_string())),
        "{on_netdev}"
    );
    let about = seen_on(&events, "udp", &["fd10::2"], 40003, "fd10::1");
    assert!(about.is_none(), "node 1 reported the packet from-netdev passed on: {about:?}");
    assert!(failures.is_empty(), "{}\nevents: {}", failures.join("\n"), json!(events));
}
