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
    let srcs = [ip(flow.src), "169.254.42.1".to_string()];
    let ours = |d: &Value| {
        d["l4"] == flow.proto
            && srcs.iter().any(|s| d["src_ip"] == s.as_str())
            && if flow.proto == "icmp" {
                d["dst_ip"] == flow.dst.as_str()
            } else {
                d["src_port"] == flow.sport
            }
    };
    let dst_of = |d: &Value| match d["dst_port"].as_u64() {
        Some(p) => format!("{}:{p}", d["dst_ip"].as_str().unwrap_or("")),
        None => d["dst_ip"].as_str().unwrap_or("").to_string(),
    };
    if let Some(d) = events.iter().filter(|e| e["type"] == "drop").map(|e| &e["data"]).find(|d| ours(d)) {
        return Some(("DROPPED".into(), d["reason_code"].as_u64(), None, dst_of(d)));
    }
    let trace = events.iter().filter(|e| e["type"] == "trace").map(|e| &e["data"]).rfind(|d| ours(d))?;
    Some(("FORWARDED".into(), None, trace["observation_point"].as_str().map(str::to_string), dst_of(trace)))
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
        let predicted = match a["backends"].as_array().filter(|b| !b.is_empty()) {
            Some(bs) => match bs.iter().find(|b| b["backend"] == seen_dst.as_str()) {
                Some(b) => b.clone(),
                None if a["verdict"] != "DEPENDS_ON_BACKEND" => a.clone(),
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
    ] {
        let o = w.run(args);
        assert_eq!(o.code, 2, "{args:?}: {}", o.stderr);
        assert!(o.stderr.contains(says), "{args:?}: {}", o.stderr);
    }
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
