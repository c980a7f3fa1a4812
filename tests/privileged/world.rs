//! A one-node test world: a node namespace with its own bpffs, pods in namespaces of their
//! own joined to the node by veths, routes like a Cilium node's. Everything is removed on
//! drop, panics included.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};

use crate::support::*;

pub const GATEWAY: &str = "10.200.0.1";

/// A unique name for a test namespace of role `role`.
pub fn unique(role: &str) -> String {
    static N: AtomicU32 = AtomicU32::new(0);
    format!("crs{}-{}-{role}", std::process::id(), N.fetch_add(1, Ordering::SeqCst))
}

/// A network namespace, deleted on drop (also when the world builder deleted it already).
pub struct Netns(pub String);

impl Netns {
    pub fn new(role: &str) -> Netns {
        let name = unique(role);
        let mut made = ciliumrs::world::Made::default();
        made.netns(&name).unwrap_or_else(|e| panic!("{}", e.message()));
        Netns(name)
    }
}

impl Drop for Netns {
    fn drop(&mut self) {
        let _ = ciliumrs::datapath::netns::delete(&self.0);
    }
}

#[path = "../shared/proc.rs"]
mod proc;
pub use proc::sh;

pub struct Pod {
    pub ns: Netns,
    pub id: u16,
    pub ip: String,
    pub identity: u32,
    pub mac: String,
    pub host_if: String,
}

/// Field order is drop order: pods, then the node, then the bpffs, then whatever else the
/// world builder made.
pub struct World {
    pub pods: Vec<Pod>,
    pub node: Netns,
    pub fs: Bpffs,
    _built: ciliumrs::world::World,
}

pub const HELPER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/privileged/net_helper.py");

/// Starts the traffic helper in namespace `ns` and waits until it is listening.
pub fn serve(ns: &str, args: &[&str]) -> Server {
    let mut full = vec!["netns", "exec", ns, "python3", HELPER];
    full.extend_from_slice(args);
    ready(Command::new("ip").args(&full).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap())
}

/// The traffic helper `child` (its stdout piped), once it says it is listening.
pub fn ready(mut child: std::process::Child) -> Server {
    let mut line = String::new();
    BufReader::new(child.stdout.as_mut().unwrap()).read_line(&mut line).unwrap();
    assert_eq!(line.trim(), "ready", "traffic helper did not start");
    Server(child)
}

/// The test-side view of pods the world builder made.
pub fn pods_of(node: &ciliumrs::world::Node) -> Vec<Pod> {
    node.pods
        .iter()
        .map(|p| Pod {
            ns: Netns(p.netns.clone()),
            id: p.id,
            ip: p.ip.to_string(),
            identity: p.identity,
            mac: p.mac.map(|m| m.to_string().to_lowercase()).unwrap_or_default(),
            host_if: p.host_if.clone(),
        })
        .collect()
}

impl World {
    /// A node with pods `(endpoint id, last octet of 10.200.0.x, identity)`, maps created,
    /// nothing attached yet (the tests attach with their own flags).
    pub fn new(pods: &[(u16, u8, u32)]) -> World {
        require_root();
        let prefix = unique("w");
        let pods: Vec<_> = pods
            .iter()
            .map(|&(id, octet, identity)| (id, std::net::Ipv4Addr::new(10, 200, 0, octet), identity))
            .collect();
        let bpffs = std::env::temp_dir().join(format!("{prefix}-bpffs"));
        let plan = ciliumrs::world::Plan::one_node(&prefix, bpffs, ciliumrs::world::Bringup::MapsOnly, &pods);
        let built = plan.build().unwrap_or_else(|e| panic!("build the test world: {}", e.message()));
        let n = &built.plan.nodes[0];
        World {
            pods: pods_of(n),
            node: Netns(n.netns.clone()),
            fs: Bpffs { dir: n.bpffs.clone() },
            _built: built,
        }
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
        let o = self.try_attach(id, None, extra);
        assert_eq!(o.code, 0, "attach lxc {id}: {}", o.stderr);
        o
    }

    /// `attach lxc` of pod `id` (with `identity` instead of its own), whatever it answers.
    pub fn try_attach(&self, id: u16, identity: Option<&str>, extra: &[&str]) -> Out {
        self.try_attach_env(id, identity, extra, &[])
    }

    /// [`World::try_attach`] with `env` added to ciliumrs's environment.
    pub fn try_attach_env(
        &self,
        id: u16,
        identity: Option<&str>,
        extra: &[&str],
        env: &[(&str, &str)],
    ) -> Out {
        let p = self.pod(id);
        let ids = p.id.to_string();
        let identity = identity.map_or_else(|| p.identity.to_string(), str::to_string);
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
        run_in_netns_env(&self.node.0, &self.fs.dir, &args, env)
    }

    /// Runs a command in a pod; returns (success, stdout).
    pub fn in_pod(&self, id: u16, args: &[&str]) -> (bool, String) {
        netns_exec(&self.pod(id).ns.0, args)
    }

    /// Runs the traffic helper as a client in a pod.
    pub fn client(&self, id: u16, args: &[&str]) -> (bool, String) {
        let mut full = vec!["python3", HELPER];
        full.extend_from_slice(args);
        self.in_pod(id, &full)
    }

    /// Asserts that `attempt` fails, and fails by a drop of `reason` in `direction` (the
    /// node's drop counter for it moves), not by anything else.
    pub fn dropped_for(&self, reason: &str, direction: &str, what: &str, attempt: impl FnOnce() -> bool) {
        let before = self.metric(reason, direction);
        assert!(!attempt(), "{what}: got through");
        let after = self.metric(reason, direction);
        assert!(
            after > before,
            "{what}: failed, but no '{reason}' {direction} drop was counted ({before} -> {after})"
        );
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

/// Runs `args` in network namespace `ns`: (success, stdout), with stderr appended on a
/// failure so that an assertion shows its reason (a traceback, a timeout).
pub fn netns_exec(ns: &str, args: &[&str]) -> (bool, String) {
    let o = Command::new("ip").args(["netns", "exec", ns]).args(args).output().unwrap();
    let mut out = String::from_utf8_lossy(&o.stdout).into_owned();
    if !o.status.success() {
        out.push_str(&String::from_utf8_lossy(&o.stderr));
    }
    (o.status.success(), out)
}
