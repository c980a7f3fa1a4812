//! Two nodes brought up by `ciliumrs init` (devices by netlink, overlay and host programs),
//! joined by an underlay veth, with pods on each: traffic across nodes goes through
//! cilium_vxlan, host to pod through cilium_host.

use std::process::Command;
use std::time::Duration;

use crate::support::*;
use crate::world::*;

pub struct Node {
    pub pods: Vec<Pod>,
    /// The health endpoint's namespace, made by the world builder; deleted with the node.
    pub health: Netns,
    pub ns: Netns,
    pub fs: Bpffs,
    pub n: u8,
}

impl Node {
    pub fn underlay_ip(&self) -> String {
        format!("10.100.0.{}", self.n)
    }

    pub fn run(&self, args: &[&str]) -> Out {
        run_in_netns(&self.ns.0, &self.fs.dir, args)
    }

    pub fn cilium(&self, args: &[&str]) -> Out {
        let o = self.run(args);
        assert_eq!(o.code, 0, "node {}: ciliumrs {args:?}: {}", self.n, o.stderr);
        o
    }

    /// `ciliumrs init` again, as an operator re-runs it.
    pub fn init(&self) -> Out {
        self.init_with(&[])
    }

    /// `ciliumrs init` again with `extra` flags.
    pub fn init_with(&self, extra: &[&str]) -> Out {
        let cidr = format!("10.200.{}.0/24", self.n);
        let mut args = vec![
            "init",
            "--pod-cidr",
            &cidr,
            "--mode",
            "vxlan",
            "--native-devs",
            "eth0",
            "--health-netns",
            &self.health.0,
            // These nodes have no cgroup of their own: never the machine's cgroup root.
            "--host-lb=false",
        ];
        args.extend_from_slice(extra);
        self.cilium(&args)
    }
}

/// Field order is drop order: the nodes, then whatever else the world builder made.
pub struct Cluster {
    pub nodes: Vec<Node>,
    /// The external client on the underlay (10.100.0.254).
    pub client: Netns,
    _built: ciliumrs::world::World,
}

impl Cluster {
    /// Two nodes on an underlay bridge with `pods` pods each, brought up and attached by the
    /// world builder: pod i of node n is 10.200.n.(10+i), endpoint id n*100+i, identity
    /// n*1000+i; each node knows the other's pods.
    pub fn new(pods: u8) -> Cluster {
        require_root();
        let prefix = unique("c");
        let plan = ciliumrs::world::Plan::cluster(&prefix, 2, pods, |n| {
            std::env::temp_dir().join(format!("{prefix}-n{n}-bpffs"))
        });
        let built = plan.build().unwrap_or_else(|e| panic!("build the test cluster: {}", e.message()));
        let nodes = built
            .plan
            .nodes
            .iter()
            .zip(1u8..)
            .map(|(n, k)| Node {
                pods: pods_of(n),
                health: Netns(n.health_netns.clone().unwrap_or_default()),
                ns: Netns(n.netns.clone()),
                fs: Bpffs { dir: n.bpffs.clone() },
                n: k,
            })
            .collect();
        let client = Netns(built.plan.client.as_ref().map(|c| c.netns.clone()).unwrap_or_default());
        Cluster { nodes, client, _built: built }
    }

    pub fn in_pod(&self, node: usize, pod: usize, args: &[&str]) -> (bool, String) {
        crate::world::netns_exec(&self.nodes[node].pods[pod].ns.0, args)
    }
}

#[test]
fn pods_on_two_nodes_talk_through_vxlan() {
    let c = Cluster::new(1);
    let (n1, n2) = (&c.nodes[0], &c.nodes[1]);
    let dst = n2.pods[0].ip.clone();
    // The external client sits on the underlay, outside both nodes.
    for node in [n1, n2] {
        let ok = Command::new("ip")
            .args(["netns", "exec", &c.client.0, "ping", "-c", "1", "-W", "1", &node.underlay_ip()])
            .output()
            .unwrap();
        assert!(ok.status.success(), "client -> node {}: {}", node.n, String::from_utf8_lossy(&ok.stdout));
    }
    // Capture on node 2's underlay while node 1's pod pings node 2's pod.
    let mut dump = tcpdump(&n2.ns.0, &["-c", "2", "-i", "eth0", "udp", "port", "8472"]);
    let (ok, out) = c.in_pod(0, 0, &["ping", "-c", "3", "-i", "0.2", "-W", "1", &dst]);
    assert!(ok, "ICMP across nodes: {out}");
    // It ends by itself after 2 packets; a capture that saw fewer is ended, then judged.
    let deadline = std::time::Instant::now() + scaled(10_000);
    while dump.try_wait().unwrap().is_none() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = dump.kill();
    let dumped = dump.wait_with_output().unwrap();
    let lines = String::from_utf8_lossy(&dumped.stdout).into_owned();
    assert!(
        lines.matches("10.100.0.").count() >= 2 && lines.contains(".8472"),
        "VXLAN on the underlay: {lines}"
    );

    let srv = serve(&n2.pods[0].ns.0, &["tcp-server", "8080", "1"]);
    let (ok, echo) = c.in_pod(0, 0, &["python3", HELPER, "tcp-client", &dst, "8080", "across"]);
    assert!(ok && echo.trim() == "across", "TCP across nodes: {echo}");
    srv.finish();
    let srv = serve(&n1.pods[0].ns.0, &["udp-server", "5353", "1"]);
    let (ok, echo) = c.in_pod(1, 0, &["python3", HELPER, "udp-client", &n1.pods[0].ip, "5353", "back"]);
    assert!(ok && echo.trim() == "back", "UDP across nodes: {echo}");
    srv.finish();

    // Node 2 saw node 1's pod identity (carried in the VNI) on its CT entries.
    let ct = n2.cilium(&["-o", "json", "bpf", "ct", "list", "--proto", "tcp"]).json();
    let e = ct
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["direction"] == "IN" && f["dport"] == 8080)
        .expect("TCP IN entry");
    assert_eq!(e["src_sec_id"], 1001, "{e}");
}

#[test]
fn health_endpoint_is_attached_like_a_pod() {
    let c = Cluster::new(1);
    let n1 = &c.nodes[0];
    let lxc = n1.cilium(&["-o", "json", "bpf", "endpoint", "get", "10.200.1.2"]).json();
    assert_eq!((lxc["id"].as_u64(), lxc["identity"].as_u64()), (Some(4095), Some(4)), "{lxc}");
    let f = sh(&["tc", "-n", &n1.ns.0, "filter", "show", "dev", "lxc_health", "ingress"]);
    assert!(f.contains("cil_from_container"), "{f}");
    // Reachable from a pod on this node and from a pod on the other node.
    assert!(c.in_pod(0, 0, &["ping", "-c", "1", "-W", "1", "10.200.1.2"]).0, "pod -> health, same node");
    c.nodes[1].cilium(&[
        "bpf",
        "ipcache",
        "update",
        "10.200.1.2/32",
        "--identity",
        "4",
        "--tunnel-endpoint",
        "10.100.0.1",
    ]);
    assert!(c.in_pod(1, 0, &["ping", "-c", "1", "-W", "1", "10.200.1.2"]).0, "pod -> health, across nodes");
    let slots = n1.cilium(&["-o", "json", "bpf", "tailcall", "list", "4095"]).json();
    assert!(slots.as_array().unwrap().iter().all(|r| r["status"] == "ok"), "{slots}");
}

#[test]
fn host_reaches_its_pods_through_cilium_host_and_back() {
    let c = Cluster::new(1);
    let n1 = &c.nodes[0];
    let pod = n1.pods[0].ip.clone();
    let o = Command::new("ip")
        .args(["netns", "exec", &n1.ns.0, "ping", "-c", "2", "-i", "0.2", "-W", "1", &pod])
        .output()
        .unwrap();
    assert!(o.status.success(), "host -> pod via cilium_host: {}", String::from_utf8_lossy(&o.stdout));
    let (ok, _) = c.in_pod(0, 0, &["ping", "-c", "1", "-W", "1", "10.200.1.1"]);
    assert!(ok, "pod -> its node's router address");
}

#[test]
fn init_creates_devices_and_a_rerun_replaces_in_place() {
    let c = Cluster::new(1);
    let n1 = &c.nodes[0];
    let links = sh(&["ip", "-n", &n1.ns.0, "-d", "link", "show"]);
    assert!(links.contains("cilium_host@cilium_net") && links.contains("cilium_net@cilium_host"), "{links}");
    assert!(
        links.contains("vxlan external") && links.contains("dstport 8472") && links.contains("nolearning"),
        "{links}"
    );
    let addr = sh(&["ip", "-n", &n1.ns.0, "addr", "show", "dev", "cilium_host"]);
    assert!(addr.contains("10.200.1.1/32"), "{addr}");
    let routes = sh(&["ip", "-n", &n1.ns.0, "route", "show"]);
    assert!(routes.contains("10.200.1.0/24 via 10.200.1.1 dev cilium_host"), "{routes}");

    let again = n1
        .cilium(&[
            "-o",
            "json",
            "init",
            "--pod-cidr",
            "10.200.1.0/24",
            "--native-devs",
            "eth0",
            "--health-netns",
            &n1.health.0,
            "--host-lb=false",
        ])
        .json();
    let steps = again.as_array().unwrap();
    assert!(
        steps
            .iter()
            .filter(|s| s["step"] == "map")
            .all(|s| s["detail"].as_str().unwrap().starts_with("reused"))
    );
    assert!(
        steps
            .iter()
            .filter(|s| s["step"] == "attach")
            .all(|s| s["detail"].as_str().unwrap().contains(" replaced")),
        "{again}"
    );
    assert!(steps.iter().any(|s| s["object"] == "cilium_host" && s["detail"] == "kept"));
    for (dev, hook, name) in [
        ("cilium_host", "ingress", "cil_to_host"),
        ("cilium_host", "egress", "cil_from_host"),
        ("cilium_net", "ingress", "cil_to_host"),
        ("cilium_vxlan", "ingress", "cil_from_overlay"),
        ("cilium_vxlan", "egress", "cil_to_overlay"),
        ("eth0", "ingress", "cil_from_netdev"),
        ("eth0", "egress", "cil_to_netdev"),
    ] {
        let f = sh(&["tc", "-n", &n1.ns.0, "filter", "show", "dev", dev, hook]);
        let ours = f.lines().filter(|l| l.contains("direct-action") && l.contains(name)).count();
        let all = f.lines().filter(|l| l.contains("direct-action")).count();
        assert_eq!((ours, all), (1, 1), "{dev} {hook}: exactly one filter, {name}: {f}");
    }
    let slots = n1.cilium(&["-o", "json", "bpf", "tailcall", "list"]).json();
    let rows = slots.as_array().unwrap();
    assert!(rows.iter().all(|r| r["status"] == "ok"), "{slots}");
    for (map, slot, name) in [
        ("cilium_calls_hostns_00001", 22, "tail_handle_ipv4_from_host"),
        ("cilium_calls_hostns_00001", 7, "tail_handle_ipv4_from_netdev"),
        ("cilium_calls_overlay_2", 7, "tail_handle_ipv4"),
        ("cilium_calls_overlay_2", 1, "__send_drop_notify"),
    ] {
        assert!(
            rows.iter().any(|r| r["map"] == map && r["slot"] == slot && r["name"] == name),
            "{map}[{slot}] {name}: {slots}"
        );
    }
    assert!(
        rows.iter()
            .any(|r| r["map"].as_str().unwrap().starts_with("cilium_calls_netdev_") && r["slot"] == 22)
    );
    // The datapath still works after the re-run.
    assert!(c.in_pod(0, 0, &["ping", "-c", "1", "-W", "1", &c.nodes[1].pods[0].ip]).0);
}

#[test]
fn reset_removes_every_link_filter_and_pin_of_ours() {
    let c = Cluster::new(2);
    let n1 = &c.nodes[0];
    let out = n1.cilium(&["-o", "json", "reset", "--health-netns", &n1.health.0]).json();
    let steps = out.as_array().unwrap();
    // Two pods and the health endpoint; the health namespace goes too.
    let endpoints = steps
        .iter()
        .filter(|s| s["step"] == "detach" && s["object"].as_str().unwrap().starts_with("endpoint"));
    assert_eq!(endpoints.count(), 3, "{out}");
    assert!(
        !std::path::Path::new(&format!("/run/netns/{}", n1.health.0)).exists(),
        "health namespace removed"
    );
    let links = sh(&["ip", "-n", &n1.ns.0, "link", "show"]);
    assert!(!links.contains("cilium_"), "{links}");
    for dev in ["eth0", "lxc101", "lxc102"] {
        for hook in ["ingress", "egress"] {
            let f = sh(&["tc", "-n", &n1.ns.0, "filter", "show", "dev", dev, hook]);
            assert!(!f.contains("cil_"), "{dev} {hook}: {f}");
        }
    }
    let pins: Vec<_> = std::fs::read_dir(n1.fs.globals()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(pins.is_empty(), "{pins:?}");
    // The endpoints' shared programs (and their calls map) are unpinned, their directory gone.
    assert!(
        steps
            .iter()
            .any(|s| s["step"] == "unpin" && s["object"].as_str().unwrap().starts_with("ciliumrs/bpf_lxc_")),
        "{out}"
    );
    assert!(!n1.fs.dir.join("ciliumrs").exists());
    // Nothing of the other node was touched, and a second reset has nothing to do.
    assert!(sh(&["ip", "-n", &c.nodes[1].ns.0, "link", "show"]).contains("cilium_host"));
    let again = n1.cilium(&["-o", "json", "reset", "--health-netns", &n1.health.0]).json();
    assert!(again.as_array().unwrap().is_empty(), "{again}");
}

#[test]
fn status_shows_devices_hooks_endpoints_and_maps() {
    let c = Cluster::new(1);
    let n1 = &c.nodes[0];
    let rows = n1.cilium(&["-o", "json", "status"]).json();
    let rows = rows.as_array().unwrap();
    let row = |kind: &str, name: &str| rows.iter().find(|r| r["kind"] == kind && r["name"] == name).cloned();
    // The kernel and its probed features come first; on every kernel tested, all are there
    // but tcx before 6.6.
    let kernel = row("kernel", std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap().trim());
    assert_eq!(kernel.expect("kernel row")["state"], "running");
    for f in [
        "bpf_redirect_peer",
        "bpf_redirect_neigh",
        "bpf_fib_lookup",
        "bpf_get_netns_cookie",
        "bpf_set_retval",
    ] {
        assert_eq!(row("feature", f).unwrap_or_else(|| panic!("{f}"))["state"], "yes", "{f}");
    }
    assert_eq!(row("feature", "BPF_MAP_LOOKUP_BATCH").unwrap()["state"], "yes");
    assert!(row("feature", "tcx").is_some());
    let host = row("device", "cilium_host").expect("cilium_host");
    assert_eq!(host["state"], "up");
    let d = host["detail"].as_str().unwrap();
    assert!(d.contains("ingress: cil_to_host") && d.contains("egress: cil_from_host"), "{d}");
    assert!(row("device", "cilium_vxlan").unwrap()["detail"].as_str().unwrap().contains("cil_from_overlay"));
    assert!(row("device", "eth0").unwrap()["detail"].as_str().unwrap().contains("cil_to_netdev"));
    let ep = row("endpoint", "endpoint 101").expect("endpoint 101");
    assert_eq!(ep["state"], "attached");
    // Take its filter away: status says so.
    sh(&["tc", "-n", &n1.ns.0, "filter", "del", "dev", "lxc101", "ingress"]);
    let rows = n1.cilium(&["-o", "json", "status"]).json();
    let ep = rows.as_array().unwrap().iter().find(|r| r["name"] == "endpoint 101").cloned().unwrap();
    assert_eq!(ep["state"], "no program");
    assert!(
        rows.as_array()
            .unwrap()
            .iter()
            .any(|r| r["kind"] == "map" && r["name"] == "cilium_ipcache" && r["state"] == "ok")
    );
}

#[test]
fn a_tcp_stream_across_nodes_survives_init_and_attach_reruns() {
    let c = Cluster::new(1);
    let (n1, n2) = (&c.nodes[0], &c.nodes[1]);
    let dst = n2.pods[0].ip.clone();
    let srv = serve(&n2.pods[0].ns.0, &["stream-server", "9000"]);
    let p1 = &n1.pods[0];
    let (id, identity) = (p1.id.to_string(), p1.identity.to_string());
    let (ok, out) = std::thread::scope(|s| {
        let client = s.spawn(|| c.in_pod(0, 0, &["python3", HELPER, "stream-client", &dst, "9000", "3"]));
        std::thread::sleep(Duration::from_millis(400));
        for _ in 0..2 {
            n1.init();
            n2.init();
            n1.cilium(&[
                "attach",
                "lxc",
                &p1.host_if,
                "--id",
                &id,
                "--ipv4",
                &p1.ip,
                "--identity",
                &identity,
                "--mac",
                &p1.mac,
            ]);
            std::thread::sleep(Duration::from_millis(300));
        }
        client.join().unwrap()
    });
    srv.finish();
    assert!(ok, "the stream must finish without a reset: {out}");
    let nums: Vec<u64> =
        out.trim().split(' ').map(|kv| kv.split('=').nth(1).unwrap().parse().unwrap()).collect();
    assert_eq!(nums[0], nums[1], "every byte arrived: {out}");
    let ct = n1.cilium(&["-o", "json", "bpf", "ct", "list", "--dst", &format!("{dst}:9000")]).json();
    let e = ct.as_array().unwrap().iter().find(|f| f["direction"] == "OUT").expect("CT entry kept");
    assert!(e["packets"].as_u64().unwrap() > 100, "{e}");
}

/// Issue 27 (seed 2.2.2 step 4): init clears the native devices' hooks of the programs
/// another loader left there and names each; its own filters stay, one per hook.
#[test]
fn init_removes_another_loaders_programs_from_the_native_devices() {
    let c = Cluster::new(0);
    let n1 = &c.nodes[0];
    let obj = concat!(env!("CARGO_MANIFEST_DIR"), "/ebpf/obj/foreign_tc.o");
    for hook in ["ingress", "egress"] {
        sh(&[
            "tc", "-n", &n1.ns.0, "filter", "add", "dev", "eth0", hook, "prio", "7", "handle", "7", "bpf",
            "da", "obj", obj, "sec", "tc",
        ]);
        let f = sh(&["tc", "-n", &n1.ns.0, "filter", "show", "dev", "eth0", hook]);
        assert!(f.contains("foreign_tc"), "the foreign program is on eth0 {hook}: {f}");
    }
    let steps = n1.init_with(&["-o", "json"]).json();
    for hook in ["ingress", "egress"] {
        let removed = steps
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["step"] == "detach" && s["object"] == format!("eth0 {hook}").as_str());
        let removed =
            removed.unwrap_or_else(|| panic!("no step removes the foreign program on {hook}: {steps}"));
        let detail = removed["detail"].as_str().unwrap();
        assert!(
            detail.starts_with("another loader's foreign_tc.o:[tc] (program id ")
                && detail.ends_with("prio 7, handle 0x7) removed"),
            "{detail}"
        );
        let f = sh(&["tc", "-n", &n1.ns.0, "filter", "show", "dev", "eth0", hook]);
        assert!(!f.contains("foreign_tc"), "eth0 {hook}: {f}");
        let all = f.lines().filter(|l| l.contains("direct-action")).count();
        assert_eq!(all, 1, "eth0 {hook}: only ours: {f}");
    }
}

/// What `init` makes on a node, with program ids left out (a rerun loads programs anew):
/// the filters on every hook of its devices, the pins, the entries of the maps it fills,
/// and which tail-call slots hold a program.
fn init_state(n: &Node) -> Vec<String> {
    let mut out = Vec::new();
    for dev in ["cilium_host", "cilium_net", "cilium_vxlan", "eth0"] {
        for hook in ["ingress", "egress"] {
            let f = sh(&["tc", "-n", &n.ns.0, "filter", "show", "dev", dev, hook]);
            let filters: Vec<String> = f
                .lines()
                .filter(|l| l.contains("direct-action"))
                .map(|l| l.split(" id ").next().unwrap_or(l).to_string())
                .collect();
            out.push(format!("{dev} {hook}: {filters:?}"));
        }
    }
    let pins = pins(&n.fs);
    out.push(format!("pins: {pins:?}"));
    for p in pins.iter().filter(|p| !n.fs.pin(p).is_dir()) {
        let path = n.fs.pin(p).display().to_string();
        let info = bpftool_json(&["map", "show", "pinned", &path]);
        match info["type"].as_str() {
            Some("prog_array") => {
                let slots = bpftool_json(&["map", "dump", "pinned", &path]);
                let keys: Vec<String> =
                    slots.as_array().unwrap().iter().map(|e| e["key"].to_string()).collect();
                out.push(format!("{p} slots: {keys:?}"));
            }
            Some("hash" | "lpm_trie") if !p.contains("ct") && !p.contains("snat") => {
                out.push(format!("{p}: {:?}", bpftool_dump(&n.fs.pin(p))));
            }
            _ => {}
        }
    }
    out
}

/// Issue 27: `init` killed at any map write leaves what `init`, run again, turns into
/// exactly what an uninterrupted init makes: one filter per hook, the same pins, entries
/// and filled slots.
#[test]
fn issue_27_init_killed_at_any_map_write_converges_when_run_again() {
    let c = Cluster::new(0);
    let n1 = &c.nodes[0];
    n1.init();
    let want = init_state(n1);
    let args = [
        "init",
        "--pod-cidr",
        "10.200.1.0/24",
        "--mode",
        "vxlan",
        "--native-devs",
        "eth0",
        "--health-netns",
        &n1.health.0,
        "--host-lb=false",
    ];
    let mut killed = 0;
    let stride = matrix(1, 4, "killing init at each map write");
    for n in (1..).step_by(stride) {
        let kill = format!("kill:{n}");
        let out = run_in_netns_env(&n1.ns.0, &n1.fs.dir, &args, &[("CILIUMRS_FAULT_WRITE", &kill)]);
        if out.code == 0 {
            assert_eq!(init_state(n1), want, "init without a write {n}");
            break;
        }
        assert_eq!(out.code, -1, "init killed at write {n}: {}", out.stderr);
        killed += 1;
        n1.init();
        let got = init_state(n1);
        for (g, w) in got.iter().zip(&want) {
            assert_eq!(g, w, "init killed at write {n}, run again");
        }
        assert_eq!(got.len(), want.len());
        assert!(n < 400);
    }
    assert!(killed * stride >= 5, "init was killed at only {killed} writes");
}
