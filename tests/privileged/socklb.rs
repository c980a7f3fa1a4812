//! The socket load balancer (`bpf_sock.o` on each lab node's cgroup root): host processes
//! reach services with the backend chosen at connect()/sendmsg(), no packet carries the
//! service address, replies and getpeername() show it, binds to NodePorts are refused,
//! init re-runs keep connections, reset removes exactly it.

use std::io::BufRead;
use std::process::{Child, Command, Stdio};

use crate::lab::{Down, lab};
use crate::support::*;
use crate::world::{HELPER, Server, ready};

const VIP: &str = "10.96.0.10";

/// A lab of 2 nodes x 2 pods, down on drop.
struct SockLab {
    name: String,
    _down: Down,
}

impl SockLab {
    fn up(tag: &str, extra: &[&str]) -> SockLab {
        require_root();
        let name = format!("s{tag}{}", std::process::id() % 10000);
        let mut args = vec!["lab", "up", "--name", &name, "--nodes", "2", "--pods-per-node", "2"];
        args.extend_from_slice(extra);
        let up = lab(&args);
        let down = Down(name.clone());
        assert_eq!(up.code, 0, "{}", up.stderr);
        SockLab { name, _down: down }
    }

    fn exec(&self, who: &str, args: &[&str]) -> Out {
        let mut full = vec!["lab", "exec", "--name", &self.name, who, "--"];
        full.extend_from_slice(args);
        lab(&full)
    }

    fn helper(&self, who: &str, args: &[&str]) -> String {
        let mut full = vec!["python3", HELPER];
        full.extend_from_slice(args);
        let o = self.exec(who, &full);
        assert_eq!(o.code, 0, "{who} {args:?}: {}{}", o.stdout, o.stderr);
        o.stdout.trim().to_string()
    }

    /// The helper's last line, as JSON.
    fn json(&self, who: &str, args: &[&str]) -> serde_json::Value {
        let out = self.helper(who, args);
        let last = out.lines().last().unwrap_or_default();
        serde_json::from_str(last).unwrap_or_else(|e| panic!("{who} {args:?}: not JSON ({e}): {out}"))
    }

    fn ciliumrs(&self, node: &str, args: &[&str]) -> Out {
        let mut full = vec!["ciliumrs"];
        full.extend_from_slice(args);
        self.exec(node, &full)
    }

    fn spawn(&self, who: &str, args: &[&str]) -> Child {
        Command::new(bin())
            .args(["lab", "exec", "--name", &self.name, who, "--", "python3", HELPER])
            .args(args)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap()
    }

    /// svc-server PORT NAME on a pod, answering with the pod's name.
    fn server(&self, pod: &str, secs: &str) -> Server {
        ready(self.spawn(pod, &["svc-server", "8080", pod, secs]))
    }

    fn service(&self, name: &str, vip: &str, proto: &str, backends: &str) {
        let o = lab(&[
            "lab",
            "service",
            "add",
            "--name",
            &self.name,
            name,
            "--vip",
            vip,
            "--proto",
            proto,
            "--backends",
            backends,
        ]);
        assert_eq!(o.code, 0, "{}", o.stderr);
    }

    fn ns(&self, member: &str) -> String {
        format!("{}-{member}", self.name)
    }
}

/// tcpdump on every interface of a namespace, from now until `stop`.
struct Capture(Child);

impl Capture {
    fn start(ns: &str, filter: &[&str]) -> Capture {
        let mut args = vec!["-i", "any"];
        args.extend_from_slice(filter);
        Capture(tcpdump(ns, &args))
    }

    fn stop(mut self) -> String {
        std::thread::sleep(scaled(300));
        let _ = self.0.kill();
        let mut s = String::new();
        use std::io::Read;
        let _ = self.0.stdout.take().unwrap().read_to_string(&mut s);
        let _ = self.0.wait();
        s
    }
}

fn answers(v: &serde_json::Value) -> Vec<String> {
    let mut a: Vec<String> = v["answers"].as_object().unwrap().keys().cloned().collect();
    a.sort();
    a
}

#[test]
fn host_processes_reach_service_backends_and_no_packet_carries_the_vip() {
    let l = SockLab::up("a", &[]);
    l.service("web", &format!("{VIP}:80"), "tcp", "node1-pod1:8080,node2-pod1:8080,node2-pod2:8080");
    let _servers: Vec<Server> =
        ["node1-pod1", "node2-pod1", "node2-pod2"].iter().map(|p| l.server(p, "30")).collect();
    let all = vec!["node1-pod1".to_string(), "node2-pod1".into(), "node2-pod2".into()];
    // Every packet of node 1 (its devices, veths, cilium_vxlan) and of the underlay.
    let filter = ["host", VIP, "or", "port", "8080"];
    let node_cap = Capture::start(&l.ns("n1"), &filter);
    // The underlay carries it in VXLAN, which tcpdump decodes (inner packets shown).
    let ul_cap = Capture::start(&l.ns("underlay"), &["udp", "port", "8472"]);

    let tcp = l.json("node1", &["svc-clients", VIP, "80", "30", "tcp"]);
    assert_eq!(tcp["failed"], 0, "{tcp}");
    assert_eq!(answers(&tcp), all, "30 connections reach every backend: {tcp}");
    assert_eq!(tcp["peers"], serde_json::json!([format!("{VIP}:80")]), "getpeername() is the VIP: {tcp}");

    // Unconnected UDP: each datagram's reply comes from the VIP (recvfrom).
    let udp = l.json("node1", &["svc-clients", VIP, "80", "20", "udp"]);
    assert_eq!(udp["failed"], 0, "{udp}");
    assert!(answers(&udp).len() >= 2, "UDP sockets spread over backends: {udp}");
    assert_eq!(udp["peers"], serde_json::json!([format!("{VIP}:80")]), "{udp}");
    // What the socket LB kept of each UDP socket: its cookie, the backend, the VIP dialled.
    let o = l.ciliumrs("node1", &["-o", "json", "bpf", "lb", "list", "--reverse-sk"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let rsk = o.json();
    let rows = rsk.as_array().unwrap();
    assert!(rows.len() >= 2, "reverse translations of the UDP sockets: {rsk}");
    for r in rows {
        assert_eq!(r["frontend"], format!("{VIP}:80"), "{rsk}");
        assert!(r["backend"].as_str().unwrap().ends_with(":8080") && r["cookie"].as_u64() > Some(0), "{rsk}");
        assert!(r["rev_nat_id"].as_u64() > Some(0), "{rsk}");
    }
    // Connected UDP: getpeername() and recvfrom() both say the VIP.
    let conn = l.json("node1", &["udp-connected", VIP, "80", "0"]);
    assert_eq!(conn["peer"], format!("{VIP}:80"), "{conn}");
    for a in conn["answers"].as_array().unwrap() {
        assert!(all.contains(&a[0].as_str().unwrap().to_string()), "{conn}");
        assert_eq!(a[1], format!("{VIP}:80"), "{conn}");
    }
    // A dual-stack socket dialling ::ffff:VIP goes through the same translation.
    let v6 = l.json("node1", &["v6-clients", VIP, "80", "12"]);
    assert_eq!(v6["failed"], 0, "{v6}");
    assert!(answers(&v6).len() >= 2, "{v6}");
    assert_eq!(v6["peers"], serde_json::json!([format!("[::ffff:{VIP}]:80")]), "{v6}");

    // A process of the node outside its cgroup root is not translated: the VIP is not
    // routed on the node, so its connect() fails at once.
    let ns = l.ns("n1");
    let o = Command::new("ip")
        .args(["netns", "exec", &ns, "python3", HELPER, "connect-check", VIP, "80"])
        .output()
        .unwrap();
    let outside = String::from_utf8_lossy(&o.stdout).trim().to_string();
    assert_eq!(outside, "ENETUNREACH", "outside the cgroup root");

    let node = node_cap.stop();
    let ul = ul_cap.stop();
    for (place, dump) in [("node1", &node), ("underlay", &ul)] {
        let vip_lines: Vec<&str> = dump.lines().filter(|l| l.contains(VIP)).collect();
        assert!(vip_lines.is_empty(), "{place} saw the VIP on the wire:\n{}", vip_lines.join("\n"));
    }
    assert!(
        node.lines().filter(|l| l.contains(".8080")).count() > 50,
        "the capture saw the backends' traffic:\n{node}"
    );
    assert!(ul.lines().filter(|l| l.contains(".8080")).count() > 20, "underlay capture saw traffic:\n{ul}");
}

#[test]
fn bind_protection_no_backends_and_a_connected_udp_socket_after_its_backend_leaves() {
    let l = SockLab::up("b", &[]);
    // A NodePort: its 0.0.0.0 surrogate entry, as Cilium writes one per NodePort.
    let np = l.ciliumrs(
        "node1",
        &[
            "bpf",
            "lb",
            "update",
            "0.0.0.0:30080",
            "--proto",
            "tcp",
            "--type",
            "nodeport",
            "--backends",
            "10.200.1.11:8080",
        ],
    );
    assert_eq!(np.code, 0, "{}", np.stderr);
    for (proto, ip, port, want) in [
        ("tcp", "0.0.0.0", "30080", "EADDRINUSE"),
        ("udp", "0.0.0.0", "30080", "EADDRINUSE"),
        ("tcp", "::", "30080", "EADDRINUSE"),
        ("tcp", "10.200.1.1", "30080", "EADDRINUSE"),
        ("tcp", "0.0.0.0", "30081", "ok"),
        ("udp", "0.0.0.0", "30079", "ok"),
    ] {
        assert_eq!(l.helper("node1", &["bind-check", proto, ip, port]), want, "bind {proto} {ip}:{port}");
    }
    // Another node has no such service: it binds.
    assert_eq!(l.helper("node2", &["bind-check", "tcp", "0.0.0.0", "30080"]), "ok");

    // No backends: connect() fails with EHOSTUNREACH.
    let empty =
        l.ciliumrs("node1", &["bpf", "lb", "update", "10.96.0.20:80", "--proto", "tcp", "--backends"]);
    assert_eq!(empty.code, 0, "{}", empty.stderr);
    assert_eq!(l.helper("node1", &["connect-check", "10.96.0.20", "80"]), "EHOSTUNREACH");

    // A connected UDP socket stays with the backend it got at connect() after that backend
    // leaves the service (as in Cilium: the socket holds the backend's address), and its
    // replies still show the service while the service exists.
    let _s = ["node2-pod1", "node2-pod2"].map(|p| l.server(p, "30"));
    l.service("dns", "10.96.0.30:53", "udp", "node2-pod1:8080");
    let mut child = l.spawn("node1", &["udp-connected", "10.96.0.30", "53", "2"]);
    let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    assert_eq!(line.trim(), "waiting");
    l.service("dns", "10.96.0.30:53", "udp", "node2-pod2:8080");
    line.clear();
    out.read_line(&mut line).unwrap();
    let _ = child.wait();
    let got: serde_json::Value = serde_json::from_str(line.trim()).unwrap();
    assert_eq!(
        got["answers"],
        serde_json::json!([["node2-pod1", "10.96.0.30:53"], ["node2-pod1", "10.96.0.30:53"]]),
        "{got}"
    );
    // A new socket gets the service's current backend.
    let fresh = l.json("node1", &["svc-clients", "10.96.0.30", "53", "3", "udp"]);
    assert_eq!(answers(&fresh), vec!["node2-pod2".to_string()], "{fresh}");
}

#[test]
fn pods_in_the_socket_lb_cgroup_are_translated_at_connect() {
    let l = SockLab::up("c", &["--socket-lb-pods"]);
    l.service("web", &format!("{VIP}:80"), "tcp", "node2-pod1:8080,node2-pod2:8080");
    let _s = ["node2-pod1", "node2-pod2"].map(|p| l.server(p, "30"));
    let cap = Capture::start(&l.ns("n1"), &["host", VIP, "or", "port", "8080"]);
    let got = l.json("node1-pod1", &["svc-clients", VIP, "80", "20", "tcp"]);
    let dump = cap.stop();
    assert_eq!(got["failed"], 0, "{got}");
    assert_eq!(answers(&got).len(), 2, "{got}");
    assert_eq!(got["peers"], serde_json::json!([format!("{VIP}:80")]), "{got}");
    assert!(!dump.contains(VIP), "the pod's veth carried the VIP:\n{dump}");
    assert!(dump.lines().any(|l| l.contains("lxc101") && l.contains(".8080")), "{dump}");
}

#[test]
fn init_rerun_keeps_a_connection_and_reset_removes_the_socket_programs() {
    let l = SockLab::up("d", &[]);
    l.service("web", &format!("{VIP}:80"), "tcp", "node2-pod1:8080");
    let _s = l.server("node2-pod1", "30");
    let links = |l: &SockLab| {
        let st = l.ciliumrs("node1", &["-o", "json", "status"]);
        assert_eq!(st.code, 0, "{}", st.stderr);
        let mut v: Vec<String> = st
            .json()
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["kind"] == "cgroup" && r["state"] == "ours")
            .map(|r| r["detail"].as_str().unwrap().to_string())
            .collect();
        v.sort();
        v
    };
    let before = links(&l);
    assert_eq!(before.len(), 10, "one program per socket hook: {before:?}");
    // A stream through the service while init runs again on its node.
    let mut stream = l.spawn("node1", &["svc-stream", VIP, "80", "3"]);
    await_line(&mut stream, "connected");
    let health = format!("{}-n1h", l.name);
    let init = |extra: &[&str]| {
        let mut args =
            vec!["init", "--pod-cidr", "10.200.1.0/24", "--native-devs", "eth0", "--health-netns", &health];
        args.extend_from_slice(extra);
        l.ciliumrs("node1", &args)
    };
    let again = init(&[]);
    assert_eq!(again.code, 0, "{}{}", again.stdout, again.stderr);
    assert_eq!(again.stdout.matches("replaced in link").count(), 10, "{}", again.stdout);
    let out = stream.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let sent: u64 =
        text.split("sent=").nth(1).and_then(|s| s.split_whitespace().next()).unwrap().parse().unwrap();
    assert!(
        sent > 0 && text.contains(&format!("answer=node2-pod1:{sent}")),
        "the stream survived init: {text}"
    );
    let program_ids =
        |v: &[String]| v.iter().map(|d| d.split("(prog ").nth(1).unwrap().to_string()).collect::<Vec<_>>();
    let after = links(&l);
    assert_eq!(after.len(), 10, "{after:?}");
    assert_ne!(program_ids(&before), program_ids(&after), "new programs after init");
    let link_of = |d: &String| d.split("link ").nth(1).unwrap().to_string();
    let mut lb: Vec<String> = before.iter().map(link_of).collect();
    let mut la: Vec<String> = after.iter().map(link_of).collect();
    lb.sort();
    la.sort();
    assert_eq!(lb, la, "the same links hold the new programs");

    // init with UDP off takes exactly the UDP hooks off.
    let udp_off = init(&["--host-lb-udp=false"]);
    assert_eq!(udp_off.code, 0, "{}", udp_off.stderr);
    let now = links(&l);
    assert_eq!(now.len(), 6, "{now:?}");
    assert!(now.iter().all(|d| !d.contains("sendmsg") && !d.contains("recvmsg")), "{now:?}");

    let reset = l.ciliumrs("node1", &["reset"]);
    assert_eq!(reset.code, 0, "{}", reset.stderr);
    assert!(links(&l).is_empty(), "no cgroup attachment after reset");
    let bpffs = format!("/run/ciliumrs-lab/{}/n1-bpffs", l.name);
    let left: Vec<String> = walk(std::path::Path::new(&bpffs))
        .into_iter()
        .filter(|p| p.contains("cilium_cgroups_") || p.contains("socketlb"))
        .collect();
    assert!(left.is_empty(), "pins left: {left:?}");
}

fn walk(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            out.push(p.display().to_string());
            if p.is_dir() {
                out.extend(walk(&p));
            }
        }
    }
    out
}

/// Issue 22: `explain` from the node's own address agrees with the socket LB and the
/// datapath. Each flow to the VIP is explained on node 1 first (every backend walked: node
/// 1's pod through from-host, node 2's through the tunnel), then sent from node 1's cgroup;
/// the backend the socket LB picked must be one explain walked, with that walk's verdict
/// (node 1's events for its pod; node 2's, which also prove the tunnel, for node 2's). No
/// packet carries the VIP. A service without backends is refused at connect()
/// (EHOSTUNREACH), as explain says.
#[test]
fn explain_agrees_with_the_socket_lb() {
    use crate::explain::{said, seen_on};
    let l = SockLab::up("x", &[]);
    l.service("web", &format!("{VIP}:80"), "tcp", "node1-pod1:8080,node2-pod1:8080");
    let none = "10.96.0.11";
    let o = l.ciliumrs(
        "node1",
        &["bpf", "lb", "update", &format!("{none}:80"), "--proto", "tcp", "--backends", ""],
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    let host = "10.200.1.1";
    let explain = |dst: &str| {
        let o = l.ciliumrs("node1", &["-o", "json", "explain", host, dst, "--proto", "tcp"]);
        assert_eq!(o.code, 0, "{}", o.stderr);
        o.json()
    };
    let fs = |n: u8| std::path::PathBuf::from(format!("/run/ciliumrs-lab/{}/n{n}-bpffs", l.name));
    // cilium_metrics counts the node's own background packets (a lab node's IPv6 router
    // solicitations are "Unknown L3" drops, at times of the kernel's choosing); explain.rs's
    // single-node test compares it too, where nothing else runs.
    let maps =
        || -> Vec<_> { snapshot_dir(&fs(1)).into_iter().filter(|m| m.0 != "cilium_metrics").collect() };
    let before = maps();
    let a = explain(&format!("{VIP}:80"));
    assert_eq!(maps(), before, "explain changed node 1's maps");
    let backends = a["backends"].as_array().cloned().unwrap_or_default();
    assert_eq!(backends.len(), 2, "{a}");
    assert!(a["steps"].to_string().contains("attached ("), "the socket LB is attached: {a}");
    let (m1, m2) = (crate::monitor::Monitor::start(&fs(1), &[]), crate::monitor::Monitor::start(&fs(2), &[]));
    let sports: Vec<u16> = (41001..=41008).collect();
    let spec: Vec<String> = sports.iter().map(|s| format!("tcp {VIP} 80 {s} {host}")).collect();
    assert_eq!(l.helper("node1", &["probes", &spec.join(";")]), sports.len().to_string());
    std::thread::sleep(scaled(500));
    let (e1, e2) = (m1.stop(), m2.stop());
    let mut failures = Vec::new();
    for s in &sports {
        let here = seen_on(&e1, "tcp", &[host], *s, VIP);
        let there = seen_on(&e2, "tcp", &[host], *s, VIP);
        let (did, dst) = match (here, there) {
            (Some(h), _) => ((h.0, h.1, h.2), h.3),
            (None, Some(t)) => (("FORWARDED".to_string(), None, Some("to-overlay".to_string())), t.3),
            (None, None) => {
                failures.push(format!("sport {s}: no node reported it"));
                continue;
            }
        };
        if dst.starts_with(VIP) {
            failures.push(format!("sport {s}: a packet carried the VIP"));
            continue;
        }
        match backends.iter().find(|b| b["backend"] == dst.as_str()) {
            Some(b) if said(b) == did => {}
            Some(b) => failures
                .push(format!("sport {s} to {dst}: explain said {:?}, the datapath did {did:?}", said(b))),
            None => {
                failures.push(format!("sport {s}: the socket LB picked {dst}, no backend explain walked"))
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let r = explain(&format!("{none}:80"));
    assert_eq!((r["verdict"].as_str(), r["drop_code"].as_u64()), (Some("DROPPED"), None), "{r}");
    assert!(r["drop_reason"].as_str().is_some_and(|t| t.contains("EHOSTUNREACH")), "{r}");
    assert_eq!(l.helper("node1", &["connect-check", none, "80"]), "EHOSTUNREACH");
}
