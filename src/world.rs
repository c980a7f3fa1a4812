//! The one world builder: network namespaces for nodes, pods, an underlay bridge and an
//! external client, joined by veths, each node with its own bpffs mount and cgroup, brought
//! up with the library's own netns and netlink code and the node datapath itself (maps,
//! `init`, `attach lxc`) — no `ip`, no re-run of the CLI. The lab, the privileged tests and
//! the benchmarks all build with it.
//!
//! Everything made is recorded in a [`Made`] list as it is made; [`Made::teardown`] removes it
//! in reverse order, carrying on past failures. A [`World`] tears down on drop (panics
//! included) unless [`World::keep`] hands its record over (the lab keeps it in its state
//! file and tears down from it in `lab down`).

use std::net::Ipv4Addr;
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::datapath::init::{HealthConfig, InitConfig, Mode};
use crate::datapath::mount::{mount_bpffs, unmount};
use crate::datapath::netlink::{Netlink, Route};
use crate::datapath::node::NodeConfig;
use crate::datapath::nodeport::{NODEPORT_RANGE, NodePort};
use crate::datapath::{endpoint, netns};
use crate::error::{Error, Result};
use crate::maps::ipcache::{IpcacheKey, Prefix, RemoteEndpointInfo};
use crate::maps::spec::{IPCACHE, TUNNEL};
use crate::maps::tunnel::{TunnelKey, TunnelValue};
use crate::maps::{self, Access};
use crate::netaddr::{Cidr4, Mac};

/// The underlay's bridge, in the underlay namespace.
const BRIDGE: &str = "br0";
/// MTU of pod interfaces: the node network's 1500 less the VXLAN overhead.
pub const POD_MTU: u32 = 1450;

/// One thing a world made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Item {
    Netns(String),
    /// A mount (bpffs, cgroup2) on a directory of ours: unmounted and the directory removed.
    Mount(PathBuf),
    Cgroup(PathBuf),
}

/// What a world made, in order.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Made {
    pub items: Vec<Item>,
}

fn sys(what: &str, obj: impl std::fmt::Display, e: std::io::Error) -> Error {
    Error::sys(what, obj, &e)
}

/// Runs `f` with a netlink socket inside namespace `ns`.
pub fn in_ns<T: Send + 'static>(
    ns: &str,
    f: impl FnOnce(&mut Netlink) -> std::io::Result<T> + Send + 'static,
) -> Result<T> {
    netns::run_in(ns, move || Netlink::open().and_then(|mut nl| f(&mut nl)))
        .and_then(|r| r)
        .map_err(|e| sys("configure network namespace", ns, e))
}

/// Runs `f` (library code of the node datapath) on a thread inside namespace `ns`.
pub fn as_node<T: Send + 'static>(ns: &str, f: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    netns::run_in(ns, f).map_err(|e| sys("enter network namespace", ns, e))?
}

/// Writes a sysctl (`net.ipv4.ip_forward`) inside namespace `ns`.
pub fn sysctl(ns: &str, key: &str, value: &str) -> Result<()> {
    let path = format!("/proc/sys/{}", key.replace('.', "/"));
    let value = value.to_string();
    netns::run_in(ns, move || std::fs::write(&path, value))
        .and_then(|r| r)
        .map_err(|e| sys(&format!("set {key} in"), ns, e))
}

/// Creates the veth `name` in `ns` with its peer `peer` in `peer_ns`, and sets `name` up.
pub fn veth(ns: &str, name: &str, peer_ns: &str, peer: &str, mtu: u32) -> Result<()> {
    let target = netns::open(peer_ns).map_err(|e| sys("open network namespace", peer_ns, e))?;
    let (name, peer) = (name.to_string(), peer.to_string());
    in_ns(ns, move |nl| {
        nl.create_veth_into(&name, &peer, target.as_raw_fd(), mtu)?;
        let i = nl.index(&name)?;
        nl.set_up(i, mtu, false)
    })
}

/// Sets `dev` of `ns` up with `ip/len` and `mtu`; returns its MAC.
pub fn address(ns: &str, dev: &str, ip: Ipv4Addr, len: u8, mtu: u32) -> Result<Mac> {
    let dev = dev.to_string();
    in_ns(ns, move |nl| {
        let link = nl.link(&dev)?.ok_or_else(|| std::io::Error::other(format!("no link {dev}")))?;
        nl.add_address(link.header.index, ip, len)?;
        nl.set_up(link.header.index, mtu, false)?;
        Netlink::mac(&link).map(Mac::new).ok_or_else(|| std::io::Error::other(format!("{dev} has no MAC")))
    })
}

/// A pod's side of its veth (see [`Netlink::configure_pod_side`]). Returns the MAC.
pub fn pod_interface(ns: &str, dev: &str, ip: Ipv4Addr, router: Ipv4Addr, mtu: u32) -> Result<Mac> {
    let dev = dev.to_string();
    in_ns(ns, move |nl| nl.configure_pod_side(&dev, ip, router, mtu)).map(Mac::new)
}

impl Made {
    /// Creates network namespace `name` with its loopback up; refuses one that exists.
    pub fn netns(&mut self, name: &str) -> Result<()> {
        if netns::path(name).exists() {
            return Err(Error::usage(format!("network namespace {name} exists already")));
        }
        netns::create(name).map_err(|e| sys("create network namespace", name, e))?;
        self.items.push(Item::Netns(name.to_string()));
        in_ns(name, |nl| nl.set_up(1, 65536, false))
    }

    /// Mounts a bpffs instance on `dir`.
    pub fn bpffs(&mut self, dir: &Path) -> Result<()> {
        mount_bpffs(dir)?;
        self.items.push(Item::Mount(dir.to_path_buf()));
        Ok(())
    }

    /// Creates the cgroup v2 directory `path` (its parent must be a cgroup2 mount).
    pub fn cgroup(&mut self, path: &Path) -> Result<()> {
        std::fs::create_dir(path).map_err(|e| sys("create cgroup", path.display(), e))?;
        self.items.push(Item::Cgroup(path.to_path_buf()));
        Ok(())
    }

    /// Removes everything, newest first, past failures; reports the first.
    pub fn teardown(&mut self) -> Result<()> {
        let mut first = None;
        while let Some(item) = self.items.pop() {
            let res = match &item {
                Item::Netns(n) => {
                    netns::delete(n).map(drop).map_err(|e| sys("delete network namespace", n, e))
                }
                Item::Mount(d) => {
                    unmount(d);
                    Ok(())
                }
                Item::Cgroup(c) => {
                    // Processes left in it (a lab exec still running) move to the parent.
                    move_procs_to_parent(c);
                    std::fs::remove_dir(c).map_err(|e| sys("remove cgroup", c.display(), e))
                }
            };
            if let Err(e) = res {
                first.get_or_insert(e);
            }
        }
        first.map_or(Ok(()), Err)
    }
}

fn move_procs_to_parent(cg: &Path) {
    let (Ok(procs), Some(parent)) = (std::fs::read_to_string(cg.join("cgroup.procs")), cg.parent()) else {
        return;
    };
    for pid in procs.lines() {
        let _ = std::fs::write(parent.join("cgroup.procs"), pid);
    }
}

/// How a node is brought up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Bringup {
    /// `init`: maps, cilium_host/cilium_net, cilium_vxlan, device programs, lxc_health.
    Init,
    /// The global maps only; the router address on `lo` and a route per pod, so pods reach
    /// each other once attached (the one-node test world).
    MapsOnly,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Pod {
    pub name: String,
    pub netns: String,
    pub ip: Ipv4Addr,
    pub id: u16,
    pub identity: u32,
    /// Host side of the pod's veth, in the node.
    pub host_if: String,
    /// The pod side's MAC, known once built.
    pub mac: Option<Mac>,
    /// The pod's cgroup (under its node's, with `Plan::socket_lb_pods`), once built.
    #[serde(default)]
    pub cgroup: Option<PathBuf>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Node {
    pub name: String,
    pub netns: String,
    /// Address on the underlay (eth0), when the world has one.
    pub underlay_ip: Option<Ipv4Addr>,
    pub pod_cidr: Cidr4,
    pub router_ip: Ipv4Addr,
    pub bpffs: PathBuf,
    pub cgroup: Option<PathBuf>,
    /// Namespace of the node's health endpoint (with `Bringup::Init`).
    pub health_netns: Option<String>,
    pub bringup: Bringup,
    pub pods: Vec<Pod>,
}

/// A namespace on the underlay outside every node (NodePort clients).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Client {
    pub name: String,
    pub netns: String,
    pub ip: Ipv4Addr,
}

/// The plan of a world; [`Plan::build`] makes it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Plan {
    pub underlay_netns: Option<String>,
    pub nodes: Vec<Node>,
    pub client: Option<Client>,
    /// Attach every pod while building (else the caller attaches, e.g. with its own flags).
    pub attach_pods: bool,
    /// Every pod gets a cgroup under its node's, where the node's socket load balancer
    /// translates its connections (else pods sit outside it and meet the per-packet LB).
    #[serde(default)]
    pub socket_lb_pods: bool,
}

/// A built world: its plan, with MACs filled in, and what it made.
pub struct World {
    pub plan: Plan,
    made: Made,
    keep: bool,
}

impl Drop for World {
    fn drop(&mut self) {
        if !self.keep {
            let _ = self.made.teardown();
        }
    }
}

impl World {
    /// Hands over the record of what was made; the world is then not torn down on drop.
    pub fn keep(mut self) -> Made {
        self.keep = true;
        std::mem::take(&mut self.made)
    }

    /// Tears the world down now, reporting the first failure.
    pub fn teardown(mut self) -> Result<()> {
        self.keep = true;
        self.made.teardown()
    }
}

impl Node {
    /// Attaches pod `pod` of this node with our endpoint program, as `attach lxc` does.
    pub fn attach_pod(&self, pod: usize, enforce_ingress: bool, enforce_egress: bool) -> Result<()> {
        let p = &self.pods[pod];
        let mac = p.mac.ok_or_else(|| Error::runtime(format!("{}: pod not built", p.name)))?;
        let req = endpoint::LxcRequest {
            iface: p.host_if.clone(),
            id: p.id,
            ipv4: p.ip,
            identity: p.identity,
            mac,
            enforce_ingress,
            enforce_egress,
            pod_cidr_len: self.pod_cidr.len,
            trace: true,
        };
        let bpffs = self.bpffs.clone();
        as_node(&self.netns, move || endpoint::attach_lxc(&bpffs, req).map(drop))
    }
}

impl Plan {
    /// One node without underlay or client, its namespaces named `{prefix}-node` and
    /// `{prefix}-p{id}`, its bpffs mounted on `bpffs`, router 10.200.0.1 of 10.200.0.0/24;
    /// `pods` are (endpoint id, address, identity). Pods are attached by the caller.
    pub fn one_node(prefix: &str, bpffs: PathBuf, bringup: Bringup, pods: &[(u16, Ipv4Addr, u32)]) -> Plan {
        let node = Node {
            name: "node".into(),
            netns: format!("{prefix}-node"),
            underlay_ip: None,
            pod_cidr: Cidr4 { addr: Ipv4Addr::new(10, 200, 0, 0), len: 24 },
            router_ip: Ipv4Addr::new(10, 200, 0, 1),
            bpffs,
            cgroup: None,
            health_netns: None,
            bringup,
            pods: pods
                .iter()
                .map(|&(id, ip, identity)| Pod {
                    name: format!("pod{id}"),
                    netns: format!("{prefix}-p{id}"),
                    ip,
                    id,
                    identity,
                    host_if: format!("lxc{id}"),
                    mac: None,
                    cgroup: None,
                })
                .collect(),
        };
        Plan {
            underlay_netns: None,
            nodes: vec![node],
            client: None,
            attach_pods: false,
            socket_lb_pods: false,
        }
    }

    /// `nodes` nodes brought up by `init` on an underlay bridge, with an external client,
    /// every pod attached: node n is 10.100.0.n on the underlay with pods 10.200.n.(10+i),
    /// endpoint n*100+i, identity n*1000+i; the client is 10.100.0.254. Namespaces are
    /// `{prefix}-underlay`, `{prefix}-client`, `{prefix}-n{n}` (health `{prefix}-n{n}h`)
    /// and `{prefix}-n{n}p{i}`; node n's bpffs is mounted on `bpffs(n)`.
    pub fn cluster(prefix: &str, nodes: u8, pods: u8, bpffs: impl Fn(u8) -> PathBuf) -> Plan {
        let nodes = (1..=nodes)
            .map(|n| Node {
                name: format!("node{n}"),
                netns: format!("{prefix}-n{n}"),
                underlay_ip: Some(Ipv4Addr::new(10, 100, 0, n)),
                pod_cidr: Cidr4 { addr: Ipv4Addr::new(10, 200, n, 0), len: 24 },
                router_ip: Ipv4Addr::new(10, 200, n, 1),
                bpffs: bpffs(n),
                cgroup: None,
                health_netns: Some(format!("{prefix}-n{n}h")),
                bringup: Bringup::Init,
                pods: (1..=pods)
                    .map(|i| {
                        let id = u16::from(n) * 100 + u16::from(i);
                        Pod {
                            name: format!("node{n}-pod{i}"),
                            netns: format!("{prefix}-n{n}p{i}"),
                            ip: Ipv4Addr::new(10, 200, n, 10 + i),
                            id,
                            identity: u32::from(n) * 1000 + u32::from(i),
                            host_if: format!("lxc{id}"),
                            mac: None,
                            cgroup: None,
                        }
                    })
                    .collect(),
            })
            .collect();
        Plan {
            underlay_netns: Some(format!("{prefix}-underlay")),
            nodes,
            client: Some(Client {
                name: "client".into(),
                netns: format!("{prefix}-client"),
                ip: Ipv4Addr::new(10, 100, 0, 254),
            }),
            attach_pods: true,
            socket_lb_pods: false,
        }
    }

    /// Every namespace the plan names.
    pub fn namespaces(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.underlay_netns.iter().map(String::as_str).collect();
        for n in &self.nodes {
            v.push(&n.netns);
            v.extend(n.health_netns.iter().map(String::as_str));
            v.extend(n.pods.iter().map(|p| p.netns.as_str()));
        }
        v.extend(self.client.iter().map(|c| c.netns.as_str()));
        v
    }

    /// Builds the world. On failure everything made so far is removed again.
    pub fn build(self) -> Result<World> {
        if let Some(taken) = self.namespaces().into_iter().find(|n| netns::path(n).exists()) {
            return Err(Error::usage(format!(
                "network namespace {taken} exists already; choose other names"
            )));
        }
        let mut w = World { plan: self, made: Made::default(), keep: false };
        let mut plan = w.plan.clone();
        plan.make(&mut w.made)?; // on error, dropping `w` tears down what was made
        w.plan = plan;
        Ok(w)
    }

    fn make(&mut self, made: &mut Made) -> Result<()> {
        if let Some(ul) = &self.underlay_netns {
            made.netns(ul)?;
            in_ns(ul, |nl| {
                nl.create_bridge(BRIDGE)?;
                let i = nl.index(BRIDGE)?;
                nl.set_up(i, 1500, false)
            })?;
        }
        // The nodes' namespaces first (one after the other: the first also makes
        // /run/netns a shared mount), then each node on a thread of its own: most of a
        // node's bring-up is the kernel verifying its programs, and the nodes are
        // independent until they learn each other's pods.
        for node in &self.nodes {
            made.netns(&node.netns)?;
        }
        let plan = &*self;
        let built: Vec<(Result<Node>, Made)> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..plan.nodes.len())
                .map(|k| {
                    s.spawn(move || {
                        let mut m = Made::default();
                        let r = plan.make_node(&mut m, k);
                        (r, m)
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|_| (Err(Error::runtime("node bring-up panicked")), Made::default()))
                })
                .collect()
        });
        let mut first_err = None;
        for (k, (r, m)) in built.into_iter().enumerate() {
            made.items.extend(m.items);
            match r {
                Ok(node) => self.nodes[k] = node,
                Err(e) => {
                    first_err.get_or_insert(e);
                }
            }
        }
        if let Some(e) = first_err {
            return Err(e);
        }
        if let Some(c) = &self.client {
            let ul = self.underlay_netns.clone().ok_or_else(|| Error::usage("a client needs an underlay"))?;
            made.netns(&c.netns)?;
            underlay_port(&ul, &format!("c-{}", c.name), &c.netns)?;
            address(&c.netns, "eth0", c.ip, 24, 1500)?;
        }
        self.learn_remote_pods()
    }

    /// Brings node `k` up in its (already made) namespace; returns it with what it learned
    /// (the pods' MACs and cgroups).
    fn make_node(&self, made: &mut Made, k: usize) -> Result<Node> {
        let mut node = self.nodes[k].clone();
        let ns = node.netns.clone();
        let ns = ns.as_str();
        sysctl(ns, "net.ipv4.ip_forward", "1")?;
        sysctl(ns, "net.ipv4.conf.all.rp_filter", "0")?;
        if let (Some(ul), Some(ip)) = (&self.underlay_netns, node.underlay_ip) {
            underlay_port(ul, &format!("n{}", k + 1), ns)?;
            address(ns, "eth0", ip, 24, 1500)?;
        }
        made.bpffs(&node.bpffs)?;
        if let Some(cg) = &node.cgroup {
            made.cgroup(cg)?;
        }
        if let Some(h) = &node.health_netns {
            made.netns(h)?;
        }
        let bpffs = node.bpffs.clone();
        match node.bringup {
            Bringup::Init => {
                let cfg = InitConfig {
                    ipv4_host: node.router_ip,
                    pod_cidr: node.pod_cidr,
                    mode: Mode::Vxlan,
                    native_devs: node.underlay_ip.map(|_| "eth0".to_string()).into_iter().collect(),
                    mtu: 1500,
                    node: NodeConfig {
                        host_ep_id: 1,
                        pod_cidr_len: node.pod_cidr.len,
                        trace: true,
                        node_port: NodePort::default(),
                    },
                    node_port_range: NODEPORT_RANGE,
                    node_port_addrs: Vec::new(),
                    health: node.health_netns.clone().map(|netns| HealthConfig {
                        netns,
                        ipv4: Ipv4Addr::from(u32::from(node.pod_cidr.addr) + 2),
                        ep_id: 4095,
                    }),
                    sock: node.cgroup.clone().map(crate::datapath::socklb::SockLbConfig::on),
                };
                as_node(ns, move || {
                    // In the node's namespace: its devices are checked there, not here.
                    crate::datapath::init::bring_up(&bpffs, &cfg).map(drop)
                })?;
            }
            Bringup::MapsOnly => {
                as_node(ns, move || maps::create::globals(&bpffs).map(drop))?;
                let router = node.router_ip;
                in_ns(ns, move |nl| nl.add_address(1, router, 32))?;
            }
        }
        for i in 0..node.pods.len() {
            let p = node.pods[i].clone();
            made.netns(&p.netns)?;
            sysctl(&p.netns, "net.ipv6.conf.all.disable_ipv6", "1")?;
            sysctl(&p.netns, "net.ipv6.conf.default.disable_ipv6", "1")?;
            let mtu = if node.bringup == Bringup::Init { POD_MTU } else { 1500 };
            veth(ns, &p.host_if, &p.netns, "eth0", mtu)?;
            let mac = pod_interface(&p.netns, "eth0", p.ip, node.router_ip, mtu)?;
            node.pods[i].mac = Some(mac);
            if let (true, Some(cg)) = (self.socket_lb_pods, &node.cgroup) {
                let pod_cg = cg.join(&p.name);
                made.cgroup(&pod_cg)?;
                node.pods[i].cgroup = Some(pod_cg);
            }
            if node.bringup == Bringup::MapsOnly {
                let (host_if, ip) = (p.host_if.clone(), p.ip);
                in_ns(ns, move |nl| {
                    let oif = nl.index(&host_if)?;
                    nl.replace_route(&Route {
                        dst: ip,
                        dst_len: 32,
                        oif,
                        gateway: None,
                        src: None,
                        mtu: None,
                    })
                })?;
            }
        }
        if self.attach_pods {
            for i in 0..node.pods.len() {
                node.attach_pod(i, false, false)?;
            }
        }
        Ok(node)
    }

    /// Every node learns the other nodes' pods: identity and tunnel endpoint in the ipcache,
    /// pod CIDR in the tunnel map.
    fn learn_remote_pods(&self) -> Result<()> {
        for node in &self.nodes {
            let others: Vec<&Node> = self.nodes.iter().filter(|o| o.name != node.name).collect();
            if others.is_empty() || node.bringup != Bringup::Init {
                continue;
            }
            let ipcache = maps::open_global(&node.bpffs, &IPCACHE, Access::Write)?;
            let tunnel = maps::open_global(&node.bpffs, &TUNNEL, Access::Write)?;
            for other in others {
                let Some(remote) = other.underlay_ip else { continue };
                for p in &other.pods {
                    let key = IpcacheKey::new(Prefix { cidr: Cidr4::host(p.ip), cluster_id: 0 });
                    let info = RemoteEndpointInfo {
                        sec_identity: p.identity,
                        tunnel_endpoint: remote.into(),
                        ..Default::default()
                    };
                    maps::put(&ipcache, &key, &info)?;
                }
                maps::put(&tunnel, &TunnelKey::ipv4(other.pod_cidr.addr, 0), &TunnelValue::ipv4(remote, 0))?;
                // The node's own processes reach the other node's pods through cilium_host,
                // whose from-host program tunnels them (as Cilium's per-node routes do).
                let (cidr, router) = (other.pod_cidr, node.router_ip);
                in_ns(&node.netns, move |nl| {
                    let host_if = nl.index(crate::datapath::devices::HOST_DEV)?;
                    nl.replace_route(&Route {
                        dst: cidr.addr,
                        dst_len: cidr.len,
                        oif: host_if,
                        gateway: Some(router),
                        src: Some(router),
                        mtu: Some(POD_MTU),
                    })
                })?;
            }
        }
        Ok(())
    }
}

/// A veth from the underlay bridge (port `port`) to `eth0` in namespace `ns`.
fn underlay_port(ul: &str, port: &str, ns: &str) -> Result<()> {
    veth(ul, port, ns, "eth0", 1500)?;
    let port = port.to_string();
    in_ns(ul, move |nl| {
        let (p, b) = (nl.index(&port)?, nl.index(BRIDGE)?);
        nl.set_master(p, b)
    })
}
