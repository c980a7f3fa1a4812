//! Node bring-up, in the seed's order (`../shared/docs/seed-digest.md` §3-4): maps, the
//! cilium_host/cilium_net pair with the router address and pod-CIDR routes, cilium_vxlan
//! with the overlay programs (vxlan mode), native devices cleared of stale programs and
//! given ours, then the host programs. Every step is safe to repeat: devices and maps that
//! exist with the right shape are kept, programs are replaced in place.

use std::net::Ipv4Addr;
use std::path::Path;

use aya::programs::TcAttachType;

use super::config::{HostConfig, OverlayConfig};
use super::loader::{self, LoadSpec};
use super::netlink::{Netlink, Route};
use super::{iface, objects, slots, tc};
use crate::error::{Error, Result};
use crate::maps::ipcache::{IpcacheKey, Prefix, RemoteEndpointInfo};
use crate::maps::lxc::{ENDPOINT_F_HOST, EndpointInfo, EndpointKey};
use crate::maps::spec::{CALLS_HOSTNS, CALLS_NETDEV, IPCACHE, LXC, POLICY, per_endpoint_name};
use crate::maps::{self, Access, pin_path};
use crate::netaddr::Cidr4;
use crate::output::{Record, Value, Visit};

pub const HOST_DEV: &str = "cilium_host";
pub const NET_DEV: &str = "cilium_net";
pub const VXLAN_DEV: &str = "cilium_vxlan";
pub const VXLAN_PORT: u16 = 8472;
/// VXLAN over IPv4 costs 50 bytes of every packet.
pub const VXLAN_OVERHEAD: u32 = 50;
/// The overlay's calls map: 2 is the world identity, as Cilium's init.sh names it.
pub const OVERLAY_CALLS: &str = "cilium_calls_overlay_2";

/// One thing `init` did.
pub struct Step {
    pub step: &'static str,
    pub object: String,
    pub detail: String,
}

impl Record for Step {
    fn visit(&self, v: &mut dyn Visit) {
        v.field("step", "STEP", Value::Str(self.step));
        v.field("object", "OBJECT", Value::Str(&self.object));
        v.field("detail", "DETAIL", Value::Str(&self.detail));
    }
}

fn outcome(o: tc::Outcome) -> &'static str {
    match o {
        tc::Outcome::Attached => "attached",
        tc::Outcome::Replaced => "replaced",
    }
}

/// Everything the host/netdev/overlay programs are configured with.
#[derive(Clone, Copy, Debug)]
pub struct NodeConfig {
    pub host_ep_id: u16,
    /// Prefix length of pod CIDRs (cilium_tunnel_map keys).
    pub pod_cidr_len: u8,
    pub trace: bool,
    pub node_port: NodePort,
}

/// Cilium's default SNAT port range for NodePort: above the NodePort range.
pub const SNAT_RANGE: (u16, u16) = (32768, 65535);

/// NodePort in the device programs (lib/nodeport.h).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NodePort {
    /// Frontends reached from outside (NodePort, ExternalIP, LoadBalancer) are served.
    pub enabled: bool,
    /// Source ports of translated requests, host order, inclusive.
    pub snat_range: (u16, u16),
}

impl Default for NodePort {
    fn default() -> NodePort {
        NodePort { enabled: true, snat_range: SNAT_RANGE }
    }
}

/// The values of lib/nodeport.h's globals: (ENABLE_NODEPORT, IPV4_GATEWAY, IPV4_NODEPORT,
/// NAT_MIN, NAT_MAX), addresses in network order. The gateway is cilium_host's address (0
/// before init made it).
pub struct NodePortGlobals {
    pub enable: u8,
    pub gateway: u32,
    pub nodeport: u32,
    pub nat_min: u16,
    pub nat_max: u16,
}

impl NodePort {
    pub fn globals(&self, nodeport_addr: Option<Ipv4Addr>) -> Result<NodePortGlobals> {
        let gateway = first_ipv4(HOST_DEV)?.map_or(0, |ip| loader::be32(ip.octets()));
        Ok(NodePortGlobals {
            enable: u8::from(self.enabled),
            gateway,
            nodeport: nodeport_addr.map_or(0, |ip| loader::be32(ip.octets())),
            nat_min: self.snat_range.0,
            nat_max: self.snat_range.1,
        })
    }
}

/// The first IPv4 address of `dev`, if it exists and has one.
pub fn first_ipv4(dev: &str) -> Result<Option<Ipv4Addr>> {
    let Ok(idx) = iface::index(dev) else { return Ok(None) };
    let mut nl = Netlink::open().map_err(|e| Error::sys("open", "rtnetlink socket", &e))?;
    let addrs = nl.ipv4_addresses(idx).map_err(|e| nl_err("dump addresses of", dev, e))?;
    Ok(addrs.first().copied())
}

fn nl_err(what: &str, obj: &str, e: std::io::Error) -> Error {
    Error::sys(what, obj, &e)
}

/// The overlay programs on `dev` (cilium_vxlan).
pub fn attach_overlay(bpffs: &Path, dev: &str, cfg: NodeConfig) -> Result<Vec<Step>> {
    let ifindex = iface::index(dev)?;
    let mask = loader::be32(Cidr4::mask(cfg.pod_cidr_len).to_be_bytes());
    let np = cfg.node_port.globals(None)?;
    let config = OverlayConfig {
        vxlan_ifindex: ifindex,
        ipv4_mask: mask,
        trace_notify: u8::from(cfg.trace),
        enable_nodeport: np.enable,
        ipv4_gateway: np.gateway,
        ipv4_nodeport: np.nodeport,
        nat_min: np.nat_min,
        nat_max: np.nat_max,
    };
    let mut bpf = loader::load(
        bpffs,
        LoadSpec {
            object: objects::BPF_OVERLAY,
            object_name: "bpf_overlay.o",
            calls_path: None,
            calls_pin: Some(OVERLAY_CALLS),
            policy_pin: None,
            globals: config.globals(),
            slots: slots::OVERLAY,
        },
    )?;
    let a = tc::attach(loader::classifier(&mut bpf, slots::FROM_OVERLAY)?, dev, TcAttachType::Ingress)?;
    let b = tc::attach(loader::classifier(&mut bpf, slots::TO_OVERLAY)?, dev, TcAttachType::Egress)?;
    Ok(vec![
        Step {
            step: "attach",
            object: format!("{dev} ingress"),
            detail: format!("{} {}", slots::FROM_OVERLAY, outcome(a)),
        },
        Step {
            step: "attach",
            object: format!("{dev} egress"),
            detail: format!("{} {}", slots::TO_OVERLAY, outcome(b)),
        },
    ])
}

fn host_object<'a>(calls_pin: &'a str, policy_pin: &'a str, config: &'a HostConfig) -> LoadSpec<'a> {
    LoadSpec {
        object: objects::BPF_HOST,
        object_name: "bpf_host.o",
        calls_path: None,
        calls_pin: Some(calls_pin),
        policy_pin: Some(policy_pin),
        globals: config.globals(),
        slots: slots::HOST,
    }
}

fn host_config(cfg: NodeConfig, ifindex: u32, nodeport_addr: Option<Ipv4Addr>) -> Result<HostConfig> {
    let np = cfg.node_port.globals(nodeport_addr)?;
    Ok(HostConfig {
        host_ep_id: u32::from(cfg.host_ep_id),
        this_ifindex: ifindex,
        // 0 when there is no cilium_vxlan.
        vxlan_ifindex: iface::index(VXLAN_DEV).unwrap_or(0),
        ipv4_mask: loader::be32(Cidr4::mask(cfg.pod_cidr_len).to_be_bytes()),
        trace_notify: u8::from(cfg.trace),
        enable_nodeport: np.enable,
        ipv4_gateway: np.gateway,
        ipv4_nodeport: np.nodeport,
        nat_min: np.nat_min,
        nat_max: np.nat_max,
    })
}

/// to-host and from-host on cilium_host, to-host on cilium_net, their calls maps, the host
/// endpoint's policy map.
pub fn attach_host(bpffs: &Path, cfg: NodeConfig) -> Result<Vec<Step>> {
    let host_if = iface::index(HOST_DEV)?;
    let net_if = iface::index(NET_DEV)?;
    let policy = per_endpoint_name(&POLICY, cfg.host_ep_id.into());
    let hostns = per_endpoint_name(&CALLS_HOSTNS, cfg.host_ep_id.into());
    let config = host_config(cfg, host_if, None)?;
    let mut bpf = loader::load(bpffs, host_object(&hostns, &policy, &config))?;
    let a = tc::attach(loader::classifier(&mut bpf, slots::TO_HOST)?, HOST_DEV, TcAttachType::Ingress)?;
    let b = tc::attach(loader::classifier(&mut bpf, slots::FROM_HOST)?, HOST_DEV, TcAttachType::Egress)?;
    let netdev = per_endpoint_name(&CALLS_NETDEV, net_if);
    let config = host_config(cfg, net_if, None)?;
    let mut bpf = loader::load(bpffs, host_object(&netdev, &policy, &config))?;
    let c = tc::attach(loader::classifier(&mut bpf, slots::TO_HOST)?, NET_DEV, TcAttachType::Ingress)?;
    Ok(vec![
        Step {
            step: "attach",
            object: format!("{HOST_DEV} ingress"),
            detail: format!("{} {}", slots::TO_HOST, outcome(a)),
        },
        Step {
            step: "attach",
            object: format!("{HOST_DEV} egress"),
            detail: format!("{} {}", slots::FROM_HOST, outcome(b)),
        },
        Step {
            step: "attach",
            object: format!("{NET_DEV} ingress"),
            detail: format!("{} {}", slots::TO_HOST, outcome(c)),
        },
    ])
}

/// from-netdev and to-netdev on a native device, with `cilium_calls_netdev_<ifindex>`.
/// `nodeport_addr`: the device's NodePort address (SNAT source of requests sent on by
/// route); None takes the device's first IPv4 address.
pub fn attach_netdev(
    bpffs: &Path,
    dev: &str,
    cfg: NodeConfig,
    nodeport_addr: Option<Ipv4Addr>,
) -> Result<Vec<Step>> {
    let ifindex = iface::index(dev)?;
    let policy = per_endpoint_name(&POLICY, cfg.host_ep_id.into());
    let calls = per_endpoint_name(&CALLS_NETDEV, ifindex);
    let addr = match nodeport_addr {
        Some(a) => Some(a),
        None => first_ipv4(dev)?,
    };
    let config = host_config(cfg, ifindex, addr)?;
    let mut bpf = loader::load(bpffs, host_object(&calls, &policy, &config))?;
    let a = tc::attach(loader::classifier(&mut bpf, slots::FROM_NETDEV)?, dev, TcAttachType::Ingress)?;
    let b = tc::attach(loader::classifier(&mut bpf, slots::TO_NETDEV)?, dev, TcAttachType::Egress)?;
    Ok(vec![
        Step {
            step: "attach",
            object: format!("{dev} ingress"),
            detail: format!("{} {}", slots::FROM_NETDEV, outcome(a)),
        },
        Step {
            step: "attach",
            object: format!("{dev} egress"),
            detail: format!("{} {}", slots::TO_NETDEV, outcome(b)),
        },
    ])
}

/// Names netdev programs have had: ours, and Cilium's section names of v1.10.
const NETDEV_PROGRAMS: &[&str] = &[slots::FROM_NETDEV, slots::TO_NETDEV, "from-netdev", "to-netdev"];

/// Removes every BPF program on `dev`'s hooks but ours at our place (prio 1, handle 1), as
/// Cilium's init clears its native devices (seed 2.2.2 step 4): stale netdev programs (at
/// another priority, under Cilium's older names) and whatever another loader left there,
/// each named in a step.
fn remove_stale_netdev_programs(nl: &mut Netlink, dev: &str) -> Result<Vec<Step>> {
    let idx = iface::index(dev)?;
    let mut steps = Vec::new();
    for ingress in [true, false] {
        let filters = nl.bpf_filters(idx, ingress).map_err(|e| nl_err("dump filters of", dev, e))?;
        for f in filters {
            if f.priority == tc::PRIORITY && f.handle == u32::from(tc::HANDLE) {
                continue;
            }
            nl.delete_filter(idx, ingress, &f).map_err(|e| nl_err("delete stale filter on", dev, e))?;
            let hook = if ingress { "ingress" } else { "egress" };
            let whose = if NETDEV_PROGRAMS.contains(&f.name.as_str()) { "stale" } else { "another loader's" };
            steps.push(Step {
                step: "detach",
                object: format!("{dev} {hook}"),
                detail: format!(
                    "{whose} {} (program id {}, prio {}, handle {:#x}) removed",
                    f.name, f.prog_id, f.priority, f.handle
                ),
            });
        }
    }
    Ok(steps)
}

/// Removes our programs from a native device and unpins its calls map.
pub fn detach_netdev(bpffs: &Path, dev: &str) -> Result<Vec<Step>> {
    let ifindex = iface::index(dev)?;
    let a = tc::detach(dev, TcAttachType::Ingress, slots::FROM_NETDEV)?;
    let b = tc::detach(dev, TcAttachType::Egress, slots::TO_NETDEV)?;
    let pin = pin_path(bpffs, &per_endpoint_name(&CALLS_NETDEV, ifindex));
    let unpinned = maps::unpin(&pin)?;
    let said = |b: bool| if b { "removed" } else { "was not there" };
    Ok(vec![
        Step {
            step: "detach",
            object: format!("{dev} ingress"),
            detail: format!("{} {}", slots::FROM_NETDEV, said(a)),
        },
        Step {
            step: "detach",
            object: format!("{dev} egress"),
            detail: format!("{} {}", slots::TO_NETDEV, said(b)),
        },
        Step { step: "unpin", object: pin.display().to_string(), detail: said(unpinned).to_string() },
    ])
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Pods of other nodes through cilium_vxlan
    Vxlan,
    /// The underlying network routes pod addresses
    Native,
}

/// The health endpoint: set up exactly like a pod, in a namespace of its own.
#[derive(Clone, Debug)]
pub struct HealthConfig {
    pub netns: String,
    pub ipv4: Ipv4Addr,
    pub ep_id: u16,
}

pub const HEALTH_DEV: &str = "lxc_health";
/// The reserved identity of health endpoints.
pub const HEALTH_IDENTITY: u32 = 4;

/// What `init` needs beyond the maps.
#[derive(Clone, Debug)]
pub struct InitConfig {
    pub ipv4_host: Ipv4Addr,
    pub pod_cidr: Cidr4,
    pub mode: Mode,
    pub native_devs: Vec<String>,
    pub mtu: u32,
    pub node: NodeConfig,
    pub health: Option<HealthConfig>,
    /// The socket load balancer, when on.
    pub sock: Option<super::socklb::SockLbConfig>,
    /// NodePort addresses by native device (NODE_PORT_IPV4_ADDRS); a device not named
    /// uses its first IPv4 address.
    pub node_port_addrs: Vec<(String, Ipv4Addr)>,
}

/// lxc_health with its peer in `h.netns`, addressed and routed like a pod, then attached.
fn health_endpoint(bpffs: &Path, nl: &mut Netlink, cfg: &InitConfig, h: &HealthConfig) -> Result<Vec<Step>> {
    use std::os::fd::AsRawFd;
    let mut steps = Vec::new();
    let pod_mtu = if cfg.mode == Mode::Vxlan { cfg.mtu - VXLAN_OVERHEAD } else { cfg.mtu };
    if super::netns::create(&h.netns).map_err(|e| Error::sys("create network namespace", &h.netns, &e))? {
        steps.push(Step { step: "netns", object: h.netns.clone(), detail: "created".into() });
    }
    if nl.link(HEALTH_DEV).map_err(|e| nl_err("look up", HEALTH_DEV, e))?.is_none() {
        let ns =
            super::netns::open(&h.netns).map_err(|e| Error::sys("open network namespace", &h.netns, &e))?;
        nl.create_veth_into(HEALTH_DEV, "eth0", ns.as_raw_fd(), pod_mtu)
            .map_err(|e| nl_err("create veth pair", HEALTH_DEV, e))?;
        steps.push(Step {
            step: "device",
            object: HEALTH_DEV.into(),
            detail: format!("created, peer eth0 in {}", h.netns),
        });
    }
    nl.set_up(iface::index(HEALTH_DEV)?, pod_mtu, false).map_err(|e| nl_err("set up", HEALTH_DEV, e))?;
    let (ip, router) = (h.ipv4, cfg.ipv4_host);
    let mac = super::netns::run_in(&h.netns, move || -> std::io::Result<[u8; 6]> {
        Netlink::open()?.configure_pod_side("eth0", ip, router, pod_mtu)
    })
    .and_then(|r| r)
    .map_err(|e| Error::sys("configure health endpoint in", &h.netns, &e))?;
    let req = super::endpoint::LxcRequest {
        iface: HEALTH_DEV.into(),
        id: h.ep_id,
        ipv4: h.ipv4,
        identity: HEALTH_IDENTITY,
        mac: crate::netaddr::Mac::new(mac),
        enforce_ingress: false,
        enforce_egress: false,
        pod_cidr_len: cfg.node.pod_cidr_len,
        trace: cfg.node.trace,
    };
    let done = super::endpoint::attach_lxc(bpffs, req)?;
    steps.push(Step {
        step: "attach",
        object: format!("{HEALTH_DEV} ingress"),
        detail: format!(
            "cil_from_container {} (endpoint {}, {}, identity 4)",
            outcome(done.outcome),
            h.ep_id,
            h.ipv4
        ),
    });
    Ok(steps)
}

/// The devices, addresses and routes of the host side.
fn host_devices(nl: &mut Netlink, cfg: &InitConfig) -> Result<Vec<Step>> {
    let mut steps = Vec::new();
    let route_mtu = if cfg.mode == Mode::Vxlan { cfg.mtu - VXLAN_OVERHEAD } else { cfg.mtu };
    match nl.link(HOST_DEV).map_err(|e| nl_err("look up", HOST_DEV, e))? {
        Some(l) => {
            let kind = Netlink::kind(&l).unwrap_or_default();
            if kind != "veth" || nl.link(NET_DEV).map_err(|e| nl_err("look up", NET_DEV, e))?.is_none() {
                return Err(Error::runtime(format!(
                    "{HOST_DEV} exists but is not our veth pair with {NET_DEV} (kind '{kind}'); remove it or run 'ciliumrs reset'"
                )));
            }
            steps.push(Step { step: "device", object: HOST_DEV.into(), detail: "kept".into() });
        }
        None => {
            nl.create_veth(HOST_DEV, NET_DEV, cfg.mtu)
                .map_err(|e| nl_err("create veth pair", HOST_DEV, e))?;
            steps.push(Step {
                step: "device",
                object: format!("{HOST_DEV}/{NET_DEV}"),
                detail: "created veth pair".into(),
            });
        }
    }
    let host_if = iface::index(HOST_DEV)?;
    let net_if = iface::index(NET_DEV)?;
    // NOARP: the host does not resolve pod addresses on cilium_host; from-host delivers
    // every packet through the endpoint's policy program, which sets the MACs.
    nl.set_up(host_if, cfg.mtu, true).map_err(|e| nl_err("set up", HOST_DEV, e))?;
    nl.set_up(net_if, cfg.mtu, false).map_err(|e| nl_err("set up", NET_DEV, e))?;
    nl.add_address(host_if, cfg.ipv4_host, 32).map_err(|e| nl_err("add address to", HOST_DEV, e))?;
    nl.replace_route(&Route {
        dst: cfg.ipv4_host,
        dst_len: 32,
        oif: host_if,
        gateway: None,
        src: None,
        mtu: None,
    })
    .map_err(|e| nl_err("add route via", HOST_DEV, e))?;
    nl.replace_route(&Route {
        dst: cfg.pod_cidr.addr,
        dst_len: cfg.pod_cidr.len,
        oif: host_if,
        gateway: Some(cfg.ipv4_host),
        src: Some(cfg.ipv4_host),
        mtu: Some(route_mtu),
    })
    .map_err(|e| nl_err("add route via", HOST_DEV, e))?;
    steps.push(Step {
        step: "address",
        object: HOST_DEV.into(),
        detail: format!("{}/32; {} via {} mtu {route_mtu}", cfg.ipv4_host, cfg.pod_cidr, cfg.ipv4_host),
    });
    Ok(steps)
}

fn vxlan_device(nl: &mut Netlink, mtu: u32) -> Result<Step> {
    let step = match nl.link(VXLAN_DEV).map_err(|e| nl_err("look up", VXLAN_DEV, e))? {
        Some(l) => {
            let kind = Netlink::kind(&l).unwrap_or_default();
            if kind != "vxlan" {
                return Err(Error::runtime(format!(
                    "{VXLAN_DEV} exists but is a '{kind}' device, not vxlan"
                )));
            }
            Step { step: "device", object: VXLAN_DEV.into(), detail: "kept".into() }
        }
        None => {
            nl.create_vxlan_external(VXLAN_DEV, VXLAN_PORT, mtu - VXLAN_OVERHEAD)
                .map_err(|e| nl_err("create", VXLAN_DEV, e))?;
            Step {
                step: "device",
                object: VXLAN_DEV.into(),
                detail: format!("created: external, port {VXLAN_PORT}, no learning"),
            }
        }
    };
    let idx = iface::index(VXLAN_DEV)?;
    nl.set_up(idx, mtu - VXLAN_OVERHEAD, false).map_err(|e| nl_err("set up", VXLAN_DEV, e))?;
    Ok(step)
}

/// The node's own address as the datapath sees it: a host endpoint in cilium_lxc and
/// identity 1 (host) in the ipcache.
fn host_entries(bpffs: &Path, ip: Ipv4Addr) -> Result<Step> {
    let lxc = maps::open_global(bpffs, &LXC, Access::Write)?;
    let ipcache = maps::open_global(bpffs, &IPCACHE, Access::Write)?;
    maps::put(&lxc, &EndpointKey::ipv4(ip), &EndpointInfo { flags: ENDPOINT_F_HOST, ..Default::default() })?;
    let key = IpcacheKey::new(Prefix { cidr: Cidr4::host(ip), cluster_id: 0 });
    maps::put(&ipcache, &key, &RemoteEndpointInfo { sec_identity: 1, ..Default::default() })?;
    Ok(Step {
        step: "entries",
        object: ip.to_string(),
        detail: "cilium_lxc (host), cilium_ipcache identity 1".into(),
    })
}

impl InitConfig {
    /// Every check of the node's configuration, made before anything exists: `init` calls
    /// it before its first map, so a bad value leaves nothing behind.
    pub fn validate(&self) -> Result<()> {
        if self.mode == Mode::Native {
            return Err(Error::usage(
                "--mode native is not supported yet: pods of other nodes need routes on the underlay that \
                 ciliumrs does not set up, and the mode is untested between nodes; use --mode vxlan",
            ));
        }
        if !self.pod_cidr.contains(self.ipv4_host) {
            return Err(Error::usage(format!(
                "--ipv4-host {} is not inside --pod-cidr {}",
                self.ipv4_host, self.pod_cidr
            )));
        }
        if let Some(h) = &self.health {
            if !self.pod_cidr.contains(h.ipv4) || h.ipv4 == self.ipv4_host {
                return Err(Error::usage(format!(
                    "--health-ipv4 {} must be a free address of --pod-cidr {}",
                    h.ipv4, self.pod_cidr
                )));
            }
        }
        for dev in &self.native_devs {
            iface::index(dev)?;
        }
        if let Some((dev, _)) = self.node_port_addrs.iter().find(|(d, _)| !self.native_devs.contains(d)) {
            return Err(Error::usage(format!(
                "--node-port-addrs names {dev}, which is not a native device ({})",
                if self.native_devs.is_empty() { "none".to_string() } else { self.native_devs.join(", ") }
            )));
        }
        if let Some(sock) = &self.sock {
            sock.validate()?;
        }
        Ok(())
    }
}

/// Everything after the maps.
pub fn init_node(bpffs: &Path, cfg: &InitConfig) -> Result<Vec<Step>> {
    cfg.validate()?;
    let mut nl = Netlink::open().map_err(|e| Error::sys("open", "rtnetlink socket", &e))?;
    let mut steps = host_devices(&mut nl, cfg)?;
    if cfg.mode == Mode::Vxlan {
        steps.push(vxlan_device(&mut nl, cfg.mtu)?);
        steps.extend(attach_overlay(bpffs, VXLAN_DEV, cfg.node)?);
    }
    // Programs already on native devices at our place (prio 1, handle 1) are replaced in
    // place by the attach: no moment without a program. Every other program on the hooks
    // (stale ones at another priority, another loader's) is removed after.
    for dev in &cfg.native_devs {
        let addr = cfg.node_port_addrs.iter().find(|(d, _)| d == dev).map(|(_, a)| *a);
        steps.extend(attach_netdev(bpffs, dev, cfg.node, addr)?);
        steps.extend(remove_stale_netdev_programs(&mut nl, dev)?);
    }
    steps.extend(attach_host(bpffs, cfg.node)?);
    steps.push(host_entries(bpffs, cfg.ipv4_host)?);
    steps.push(endpoint_programs(bpffs, cfg.node.pod_cidr_len)?);
    if let Some(sock) = &cfg.sock {
        steps.extend(super::socklb::attach(bpffs, sock)?);
    }
    if let Some(h) = &cfg.health {
        steps.extend(health_endpoint(bpffs, &mut nl, cfg, h)?);
    }
    Ok(steps)
}

/// The endpoints' shared programs, loaded now so that no `attach lxc` has to (the same
/// configuration attach asks for: this node's pod prefix length and cilium_vxlan).
fn endpoint_programs(bpffs: &Path, pod_cidr_len: u8) -> Result<Step> {
    let vxlan_ifindex = iface::index(VXLAN_DEV).unwrap_or(0);
    let config = super::endpoint::shared_config(pod_cidr_len, vxlan_ifindex)?;
    let shared = super::template::shared(bpffs, &config)?;
    super::ep_policy::prefill(bpffs)?;
    let ours = shared.dir.strip_prefix(bpffs).unwrap_or(&shared.dir).display().to_string();
    let what = if shared.loaded { "loaded" } else { "kept" };
    Ok(Step {
        step: "programs",
        object: ours,
        detail: format!("endpoint programs {what}, shared by every endpoint; policy slots 1-63 ready"),
    })
}

/// The device of the default route, the seed's default native device.
pub fn default_route_device() -> Result<Option<String>> {
    let mut nl = Netlink::open().map_err(|e| Error::sys("open", "rtnetlink socket", &e))?;
    let oif = nl.default_route_oif().map_err(|e| Error::sys("dump", "routes", &e))?;
    Ok(oif.and_then(iface::name))
}
