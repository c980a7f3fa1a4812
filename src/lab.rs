//! The built-in lab: nodes and pods made of network namespaces on this machine. Each node
//! has its own bpffs mount and cgroup, an underlay (a bridge in a namespace of its own)
//! joins the nodes, and every node is brought up by `ciliumrs init` and its pods by
//! `ciliumrs attach lxc`, run inside the node's namespace. Remote pods are entered in each
//! node's ipcache and tunnel map.
//!
//! Plumbing of the test bench itself (namespaces, veths, the bridge) uses `ip`; the node
//! datapath (`init`, `attach`) is ciliumrs's own. What exists is recorded in
//! `/run/ciliumrs-lab/<name>/lab.json`, so `lab down` removes exactly that.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::output::{Record, Value, Visit};

const STATE_ROOT: &str = "/run/ciliumrs-lab";
const CGROUP_ROOT: &str = "/sys/fs/cgroup/unified";

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct LabPod {
    pub name: String,
    pub netns: String,
    pub ip: String,
    pub id: u16,
    pub identity: u32,
    pub host_if: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct LabNode {
    pub name: String,
    pub netns: String,
    pub underlay_ip: String,
    pub pod_cidr: String,
    pub router_ip: String,
    pub bpffs: PathBuf,
    pub cgroup: PathBuf,
    /// The namespace of the node's health endpoint.
    pub health_netns: String,
    pub pods: Vec<LabPod>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Lab {
    pub name: String,
    pub underlay_netns: String,
    pub nodes: Vec<LabNode>,
}

fn state_dir(name: &str) -> PathBuf {
    Path::new(STATE_ROOT).join(name)
}

fn ip(args: &[&str]) -> Result<()> {
    let o = Command::new("ip").args(args).output().map_err(|e| Error::sys("run", "ip (iproute2)", &e))?;
    if !o.status.success() {
        return Err(Error::runtime(format!(
            "ip {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&o.stderr).trim()
        )));
    }
    Ok(())
}

fn sysctl(netns: &str, kv: &str) -> Result<()> {
    ip(&["netns", "exec", netns, "sysctl", "-qw", kv])
}

/// Runs ciliumrs (this binary) inside a node.
fn ciliumrs(node: &LabNode, args: &[&str]) -> Result<String> {
    let exe = std::env::current_exe().map_err(|e| Error::sys("find", "own executable", &e))?;
    let o = Command::new("ip")
        .args(["netns", "exec", &node.netns])
        .arg(exe)
        .arg("--bpffs")
        .arg(&node.bpffs)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .map_err(|e| Error::sys("run", "ciliumrs in the lab", &e))?;
    if !o.status.success() {
        return Err(Error::runtime(format!(
            "{}: ciliumrs {}: {}",
            node.name,
            args.join(" "),
            String::from_utf8_lossy(&o.stderr).trim()
        )));
    }
    Ok(String::from_utf8_lossy(&o.stdout).into_owned())
}

fn mount_bpffs(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::sys("create", dir.display(), &e))?;
    let c =
        std::ffi::CString::new(dir.as_os_str().as_encoded_bytes()).map_err(|_| Error::runtime("bad path"))?;
    let t = c"bpf";
    // SAFETY: valid NUL-terminated strings; a fresh bpffs instance for this node.
    if unsafe { libc::mount(t.as_ptr(), c.as_ptr(), t.as_ptr(), 0, std::ptr::null()) } != 0 {
        return Err(Error::sys("mount bpffs at", dir.display(), &std::io::Error::last_os_error()));
    }
    Ok(())
}

impl Lab {
    pub fn load(name: &str) -> Result<Lab> {
        let path = state_dir(name).join("lab.json");
        let text = std::fs::read_to_string(&path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => {
                Error::runtime(format!("no lab '{name}' is up (try 'ciliumrs lab up')"))
            }
            _ => Error::sys("read", path.display(), &e),
        })?;
        serde_json::from_str(&text).map_err(|e| Error::runtime(format!("{}: {e}", path.display())))
    }

    fn save(&self) -> Result<()> {
        let dir = state_dir(&self.name);
        std::fs::create_dir_all(&dir).map_err(|e| Error::sys("create", dir.display(), &e))?;
        let text = serde_json::to_string_pretty(self).map_err(|e| Error::runtime(e.to_string()))?;
        std::fs::write(dir.join("lab.json"), text).map_err(|e| Error::sys("write", dir.display(), &e))
    }

    /// Builds the lab. On any failure everything built so far is removed again.
    pub fn up(name: &str, nodes: u8, pods: u8) -> Result<Lab> {
        if state_dir(name).join("lab.json").exists() {
            return Err(Error::usage(format!(
                "lab '{name}' is already up; 'ciliumrs lab down --name {name}' first"
            )));
        }
        if nodes == 0 || nodes > 50 || pods > 50 {
            return Err(Error::usage("a lab has 1-50 nodes and 0-50 pods per node"));
        }
        let mut lab =
            Lab { name: name.to_string(), underlay_netns: format!("{name}-underlay"), nodes: Vec::new() };
        for n in 1..=nodes {
            let node_name = format!("node{n}");
            let mut pods_v = Vec::new();
            for i in 1..=pods {
                let id = u16::from(n) * 100 + u16::from(i);
                pods_v.push(LabPod {
                    name: format!("{node_name}-pod{i}"),
                    netns: format!("{name}-n{n}p{i}"),
                    ip: format!("10.200.{n}.{}", 10 + i),
                    id,
                    identity: u32::from(n) * 1000 + u32::from(i),
                    host_if: format!("lxc{id}"),
                });
            }
            lab.nodes.push(LabNode {
                name: node_name,
                netns: format!("{name}-n{n}"),
                underlay_ip: format!("10.100.0.{n}"),
                pod_cidr: format!("10.200.{n}.0/24"),
                router_ip: format!("10.200.{n}.1"),
                bpffs: state_dir(name).join(format!("n{n}-bpffs")),
                cgroup: Path::new(CGROUP_ROOT).join(format!("{name}-n{n}")),
                health_netns: format!("{name}-n{n}h"),
                pods: pods_v,
            });
        }
        // Every name must be free: cleaning up after a failure removes all of them.
        let mut names = vec![lab.underlay_netns.clone()];
        for n in &lab.nodes {
            names.push(n.netns.clone());
            names.push(n.health_netns.clone());
            names.extend(n.pods.iter().map(|p| p.netns.clone()));
        }
        if let Some(taken) = names.iter().find(|n| Path::new("/run/netns").join(n).exists()) {
            return Err(Error::usage(format!(
                "network namespace {taken} exists already; choose another lab name with --name"
            )));
        }
        lab.save()?;
        if let Err(e) = lab.build() {
            let _ = lab.down();
            return Err(e);
        }
        Ok(lab)
    }

    fn build(&self) -> Result<()> {
        let ul = &self.underlay_netns;
        ip(&["netns", "add", ul])?;
        ip(&["-n", ul, "link", "add", "br0", "type", "bridge"])?;
        ip(&["-n", ul, "link", "set", "br0", "up"])?;
        for (k, node) in self.nodes.iter().enumerate() {
            ip(&["netns", "add", &node.netns])?;
            let n = &node.netns;
            ip(&["-n", n, "link", "set", "lo", "up"])?;
            sysctl(n, "net.ipv4.ip_forward=1")?;
            sysctl(n, "net.ipv4.conf.all.rp_filter=0")?;
            let port = format!("n{}", k + 1);
            ip(&["-n", ul, "link", "add", &port, "type", "veth", "peer", "name", "eth0", "netns", n])?;
            ip(&["-n", ul, "link", "set", &port, "master", "br0", "up"])?;
            ip(&["-n", n, "addr", "add", &format!("{}/24", node.underlay_ip), "dev", "eth0"])?;
            ip(&["-n", n, "link", "set", "eth0", "up"])?;
            // ciliumrs runs inside the node (ip netns exec): it can use, not name, namespaces.
            ip(&["netns", "add", &node.health_netns])?;
            mount_bpffs(&node.bpffs)?;
            std::fs::create_dir_all(&node.cgroup)
                .map_err(|e| Error::sys("create cgroup", node.cgroup.display(), &e))?;
            ciliumrs(
                node,
                &[
                    "init",
                    "--pod-cidr",
                    &node.pod_cidr,
                    "--native-devs",
                    "eth0",
                    "--health-netns",
                    &node.health_netns,
                ],
            )?;
            for p in &node.pods {
                ip(&["netns", "add", &p.netns])?;
                ip(&[
                    "-n", n, "link", "add", &p.host_if, "type", "veth", "peer", "name", "eth0", "netns",
                    &p.netns,
                ])?;
                ip(&["-n", n, "link", "set", &p.host_if, "up"])?;
                ip(&["-n", &p.netns, "link", "set", "lo", "up"])?;
                sysctl(&p.netns, "net.ipv6.conf.all.disable_ipv6=1")?;
                ip(&["-n", &p.netns, "addr", "add", &format!("{}/32", p.ip), "dev", "eth0"])?;
                ip(&["-n", &p.netns, "link", "set", "eth0", "mtu", "1450", "up"])?;
                ip(&["-n", &p.netns, "route", "add", &node.router_ip, "dev", "eth0", "scope", "link"])?;
                ip(&["-n", &p.netns, "route", "add", "default", "via", &node.router_ip])?;
                let out = Command::new("ip")
                    .args(["netns", "exec", &p.netns, "cat", "/sys/class/net/eth0/address"])
                    .output()
                    .map_err(|e| Error::sys("run", "ip", &e))?;
                let mac = String::from_utf8_lossy(&out.stdout).trim().to_string();
                let (id, identity) = (p.id.to_string(), p.identity.to_string());
                ciliumrs(
                    node,
                    &[
                        "attach",
                        "lxc",
                        &p.host_if,
                        "--id",
                        &id,
                        "--ipv4",
                        &p.ip,
                        "--identity",
                        &identity,
                        "--mac",
                        &mac,
                    ],
                )?;
            }
        }
        // Every node learns the other nodes' pods.
        for node in &self.nodes {
            for other in self.nodes.iter().filter(|o| o.name != node.name) {
                for p in &other.pods {
                    let ident = p.identity.to_string();
                    ciliumrs(
                        node,
                        &[
                            "bpf",
                            "ipcache",
                            "update",
                            &format!("{}/32", p.ip),
                            "--identity",
                            &ident,
                            "--tunnel-endpoint",
                            &other.underlay_ip,
                        ],
                    )?;
                }
                ciliumrs(node, &["bpf", "tunnel", "update", &other.pod_cidr, &other.underlay_ip])?;
            }
        }
        Ok(())
    }

    /// Removes everything the lab made; carries on past failures and reports the first.
    pub fn down(&self) -> Result<()> {
        let mut first: Option<Error> = None;
        let mut note = |r: Result<()>| {
            if let Err(e) = r {
                first.get_or_insert(e);
            }
        };
        let exists = |ns: &str| Path::new("/run/netns").join(ns).exists();
        for node in &self.nodes {
            for p in &node.pods {
                if exists(&p.netns) {
                    note(ip(&["netns", "del", &p.netns]));
                }
            }
            if exists(&node.netns) {
                note(ip(&["netns", "del", &node.netns]));
            }
            if exists(&node.health_netns) {
                note(ip(&["netns", "del", &node.health_netns]));
            }
            let c = std::ffi::CString::new(node.bpffs.as_os_str().as_encoded_bytes()).unwrap_or_default();
            // SAFETY: valid path; detach so that nothing can keep it busy.
            unsafe { libc::umount2(c.as_ptr(), libc::MNT_DETACH) };
            let _ = std::fs::remove_dir(&node.bpffs);
            if node.cgroup.exists() {
                note(
                    std::fs::remove_dir(&node.cgroup)
                        .map_err(|e| Error::sys("remove cgroup", node.cgroup.display(), &e)),
                );
            }
        }
        if exists(&self.underlay_netns) {
            note(ip(&["netns", "del", &self.underlay_netns]));
        }
        let dir = state_dir(&self.name);
        let _ = std::fs::remove_file(dir.join("lab.json"));
        let _ = std::fs::remove_dir(&dir);
        let _ = std::fs::remove_dir(STATE_ROOT);
        first.map_or(Ok(()), Err)
    }

    /// The namespace and node bpffs of a node or pod name.
    pub fn place(&self, who: &str) -> Result<(String, PathBuf)> {
        for node in &self.nodes {
            if node.name == who {
                return Ok((node.netns.clone(), node.bpffs.clone()));
            }
            if let Some(p) = node.pods.iter().find(|p| p.name == who) {
                return Ok((p.netns.clone(), node.bpffs.clone()));
            }
        }
        let names: Vec<String> = self
            .nodes
            .iter()
            .flat_map(|n| std::iter::once(n.name.clone()).chain(n.pods.iter().map(|p| p.name.clone())))
            .collect();
        Err(Error::bad_value("lab member", who, format!("known: {}", names.join(", "))))
    }
}

/// One row of `lab up` / `lab status`.
pub struct Member<'a> {
    pub kind: &'static str,
    pub name: &'a str,
    pub netns: &'a str,
    pub addr: &'a str,
    pub detail: String,
}

impl Record for Member<'_> {
    fn visit(&self, v: &mut dyn Visit) {
        v.field("kind", "KIND", Value::Str(self.kind));
        v.field("name", "NAME", Value::Str(self.name));
        v.field("netns", "NETNS", Value::Str(self.netns));
        v.field("address", "ADDRESS", Value::Str(self.addr));
        v.field("detail", "DETAIL", Value::Str(&self.detail));
    }
}

impl Lab {
    pub fn members(&self) -> Vec<Member<'_>> {
        let mut v = Vec::new();
        for n in &self.nodes {
            v.push(Member {
                kind: "node",
                name: &n.name,
                netns: &n.netns,
                addr: &n.underlay_ip,
                detail: format!(
                    "pods {} via cilium_host {}, bpffs {}",
                    n.pod_cidr,
                    n.router_ip,
                    n.bpffs.display()
                ),
            });
            for p in &n.pods {
                v.push(Member {
                    kind: "pod",
                    name: &p.name,
                    netns: &p.netns,
                    addr: &p.ip,
                    detail: format!("endpoint {} identity {} on {}", p.id, p.identity, p.host_if),
                });
            }
        }
        v
    }
}
