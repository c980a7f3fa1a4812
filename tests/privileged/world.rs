//! A one-node test world: a node namespace with its own bpffs, pods in namespaces of their
//! own joined to the node by veths, routes like a Cilium node's. Everything is removed on
//! drop, panics included.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};

use crate::support::*;

pub const GATEWAY: &str = "10.200.0.1";

/// A network namespace, deleted on drop.
pub struct Netns(pub String);

impl Netns {
    pub fn new(role: &str) -> Netns {
        static N: AtomicU32 = AtomicU32::new(0);
        let name = format!("crs{}-{}-{role}", std::process::id(), N.fetch_add(1, Ordering::SeqCst));
        sh(&["ip", "netns", "add", &name]);
        Netns(name)
    }
}

impl Drop for Netns {
    fn drop(&mut self) {
        // Some are removed by the test itself (reset); quietly skip those.
        if std::path::Path::new("/run/netns").join(&self.0).exists() {
            let _ = Command::new("ip").args(["netns", "del", &self.0]).status();
        }
    }
}

/// Runs a command, asserting success; returns stdout.
pub fn sh(args: &[&str]) -> String {
    let o = Command::new(args[0]).args(&args[1..]).output().unwrap_or_else(|e| panic!("{args:?}: {e}"));
    assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub struct Pod {
    pub ns: Netns,
    pub id: u16,
    pub ip: String,
    pub identity: u32,
    pub mac: String,
    pub host_if: String,
}

/// Field order is drop order: pods, then the node, then the bpffs.
pub struct World {
    pub pods: Vec<Pod>,
    pub node: Netns,
    pub fs: Bpffs,
}

pub const HELPER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/privileged/net_helper.py");

impl World {
    /// A node with pods `(endpoint id, last octet of 10.200.0.x, identity)`, maps created,
    /// nothing attached yet.
    pub fn new(pods: &[(u16, u8, u32)]) -> World {
        let fs = Bpffs::new();
        let node = Netns::new("node");
        let n = node.0.clone();
        sh(&["ip", "-n", &n, "link", "set", "lo", "up"]);
        sh(&["ip", "netns", "exec", &n, "sysctl", "-qw", "net.ipv4.conf.all.rp_filter=0"]);
        // The node's router address, as cilium_host would carry it.
        sh(&["ip", "-n", &n, "addr", "add", &format!("{GATEWAY}/32"), "dev", "lo"]);
        let mut world = World { pods: Vec::new(), node, fs };
        for &(id, octet, identity) in pods {
            let ns = Netns::new(&format!("pod{id}"));
            let host_if = format!("lxc{id}");
            let ip = format!("10.200.0.{octet}");
            sh(&[
                "ip", "-n", &n, "link", "add", &host_if, "type", "veth", "peer", "name", "eth0", "netns",
                &ns.0,
            ]);
            sh(&["ip", "-n", &n, "link", "set", &host_if, "up"]);
            sh(&["ip", "-n", &n, "route", "add", &ip, "dev", &host_if]);
            sh(&["ip", "-n", &ns.0, "link", "set", "lo", "up"]);
            // Our datapath is IPv4-only and drops IPv6; quiet pods keep event tests exact.
            sh(&["ip", "netns", "exec", &ns.0, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1"]);
            sh(&["ip", "netns", "exec", &ns.0, "sysctl", "-qw", "net.ipv6.conf.default.disable_ipv6=1"]);
            sh(&["ip", "-n", &ns.0, "addr", "add", &format!("{ip}/32"), "dev", "eth0"]);
            sh(&["ip", "-n", &ns.0, "link", "set", "eth0", "up"]);
            sh(&["ip", "-n", &ns.0, "route", "add", GATEWAY, "dev", "eth0", "scope", "link"]);
            sh(&["ip", "-n", &ns.0, "route", "add", "default", "via", GATEWAY]);
            let mac =
                sh(&["ip", "netns", "exec", &ns.0, "cat", "/sys/class/net/eth0/address"]).trim().to_string();
            world.pods.push(Pod { ns, id, ip, identity, mac, host_if });
        }
        world.cilium(&["init", "--maps-only"]);
        world
    }

    /// Runs ciliumrs inside the node namespace against the node's bpffs.
    pub fn run(&self, args: &[&str]) -> Out {
        run_in_netns(&self.node.0, &self.fs.dir, args)
    }

    pub fn cilium(&self, args: &[&str]) -> Out {
        let o = self.run(args);
        assert_eq!(o.code, 0, "ciliumrs {args:?}: {}", o.stderr);
        o
    }

    pub fn pod(&self, id: u16) -> &Pod {
        self.pods.iter().find(|p| p.id == id).unwrap()
    }

    pub fn attach(&self, id: u16, extra: &[&str]) -> Out {
        let p = self.pod(id);
        let (ids, identity) = (p.id.to_string(), p.identity.to_string());
        let mut args = vec![
            "attach",
            "lxc",
            &p.host_if,
            "--id",
            &ids,
            "--ipv4",
            &p.ip,
            "--identity",
            &identity,
            "--mac",
            &p.mac,
        ];
        args.extend_from_slice(extra);
        self.cilium(&args)
    }

    /// Runs a command in a pod; returns (success, stdout).
    pub fn in_pod(&self, id: u16, args: &[&str]) -> (bool, String) {
        let mut full = vec!["netns", "exec", &self.pod(id).ns.0];
        full.extend_from_slice(args);
        let o = Command::new("ip").args(&full).output().unwrap();
        (o.status.success(), String::from_utf8_lossy(&o.stdout).into_owned())
    }

    /// Starts the traffic helper in namespace `ns` and waits until it is listening.
    pub fn serve(&self, ns: &str, args: &[&str]) -> Server {
        let mut full = vec!["netns", "exec", ns, "python3", HELPER];
        full.extend_from_slice(args);
        let mut child =
            Command::new("ip").args(&full).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.as_mut().unwrap()).read_line(&mut line).unwrap();
        assert_eq!(line.trim(), "ready", "traffic helper did not start");
        Server(child)
    }

    /// Runs the traffic helper as a client in a pod.
    pub fn client(&self, id: u16, args: &[&str]) -> (bool, String) {
        let mut full = vec!["python3", HELPER];
        full.extend_from_slice(args);
        self.in_pod(id, &full)
    }

    pub fn metric(&self, reason: &str, direction: &str) -> u64 {
        let m = self.cilium(&["-o", "json", "bpf", "metrics", "list"]).json();
        m.as_array()
            .unwrap()
            .iter()
            .filter(|r| r["reason"] == reason && r["direction"] == direction)
            .map(|r| r["packets"].as_u64().unwrap())
            .sum()
    }
}

/// A traffic helper process; killed (by its own PID) and reaped on drop.
pub struct Server(pub Child);

impl Server {
    /// Waits for the server to finish its bounded work; returns what it printed after "ready".
    pub fn finish(mut self) -> String {
        use std::io::Read;
        let mut s = String::new();
        if let Some(mut o) = self.0.stdout.take() {
            let _ = o.read_to_string(&mut s);
        }
        let _ = self.0.wait();
        s
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
