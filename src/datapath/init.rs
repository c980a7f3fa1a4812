//! Node bring-up, in the seed's order (seed §3-4): the global maps, the cilium_host/
//! cilium_net pair with the router address and pod-CIDR routes, cilium_vxlan with the
//! overlay programs (vxlan mode), native devices cleared of stale programs and given ours,
//! the host programs, the host's own entries, the endpoints' shared programs, the socket
//! load balancer and the health endpoint. Every step is safe to repeat: devices and maps
//! that exist with the right shape are kept, programs are replaced in place. `init` and the
//! world builder both bring nodes up through [`bring_up`].

use std::net::Ipv4Addr;
use std::path::Path;

use super::devices::{HEALTH_DEV, HOST_DEV, NET_DEV, VXLAN_DEV, VXLAN_OVERHEAD, VXLAN_PORT};
use super::iface;
use super::netlink::{Netlink, Route};
use super::node::NodeConfig;
use super::step::Step;
use crate::codes::points::{HEALTH_IDENTITY, HOST_IDENTITY};
use crate::error::{Error, Result};
use crate::maps::create::MapAction;
use crate::maps::ipcache::{IpcacheKey, Prefix, RemoteEndpointInfo};
use crate::maps::lxc::{ENDPOINT_F_HOST, EndpointInfo, EndpointKey};
use crate::maps::spec::{IPCACHE, LXC};
use crate::maps::{self, Access};
use crate::netaddr::Cidr4;

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
    /// The NodePort range (`--node-port-range`), which translated requests' SNAT ports
    /// must not overlap.
    pub node_port_range: (u16, u16),
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
    if nl.link(HEALTH_DEV).map_err(|e| Error::sys("look up", HEALTH_DEV, &e))?.is_none() {
        let ns =
            super::netns::open(&h.netns).map_err(|e| Error::sys("open network namespace", &h.netns, &e))?;
        nl.create_veth_into(HEALTH_DEV, "eth0", ns.as_raw_fd(), pod_mtu)
            .map_err(|e| Error::sys("create veth pair", HEALTH_DEV, &e))?;
        steps.push(Step {
            step: "device",
            object: HEALTH_DEV.into(),
            detail: format!("created, peer eth0 in {}", h.netns),
        });
    }
    nl.set_up(iface::index(HEALTH_DEV)?, pod_mtu, false).map_err(|e| Error::sys("set up", HEALTH_DEV, &e))?;
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
            "cil_from_container {} (endpoint {}, {}, identity {HEALTH_IDENTITY})",
            done.outcome.word(),
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
    match nl.link(HOST_DEV).map_err(|e| Error::sys("look up", HOST_DEV, &e))? {
        Some(l) => {
            let kind = Netlink::kind(&l).unwrap_or_default();
            if kind != "veth" || nl.link(NET_DEV).map_err(|e| Error::sys("look up", NET_DEV, &e))?.is_none() {
                return Err(Error::runtime(format!(
                    "{HOST_DEV} exists but is not our veth pair with {NET_DEV} (kind '{kind}'); remove it or run 'ciliumrs reset'"
                )));
            }
            steps.push(Step { step: "device", object: HOST_DEV.into(), detail: "kept".into() });
        }
        None => {
            nl.create_veth(HOST_DEV, NET_DEV, cfg.mtu)
                .map_err(|e| Error::sys("create veth pair", HOST_DEV, &e))?;
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
    nl.set_up(host_if, cfg.mtu, true).map_err(|e| Error::sys("set up", HOST_DEV, &e))?;
    nl.set_up(net_if, cfg.mtu, false).map_err(|e| Error::sys("set up", NET_DEV, &e))?;
    nl.add_address(host_if, cfg.ipv4_host, 32).map_err(|e| Error::sys("add address to", HOST_DEV, &e))?;
    nl.replace_route(&Route {
        dst: cfg.ipv4_host,
        dst_len: 32,
        oif: host_if,
        gateway: None,
        src: None,
        mtu: None,
    })
    .map_err(|e| Error::sys("add route via", HOST_DEV, &e))?;
    nl.replace_route(&Route {
        dst: cfg.pod_cidr.addr,
        dst_len: cfg.pod_cidr.len,
        oif: host_if,
        gateway: Some(cfg.ipv4_host),
        src: Some(cfg.ipv4_host),
        mtu: Some(route_mtu),
    })
    .map_err(|e| Error::sys("add route via", HOST_DEV, &e))?;
    steps.push(Step {
        step: "address",
        object: HOST_DEV.into(),
        detail: format!("{}/32; {} via {} mtu {route_mtu}", cfg.ipv4_host, cfg.pod_cidr, cfg.ipv4_host),
    });
    Ok(steps)
}

fn vxlan_device(nl: &mut Netlink, mtu: u32) -> Result<Step> {
    let step = match nl.link(VXLAN_DEV).map_err(|e| Error::sys("look up", VXLAN_DEV, &e))? {
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
                .map_err(|e| Error::sys("create", VXLAN_DEV, &e))?;
            Step {
                step: "device",
                object: VXLAN_DEV.into(),
                detail: format!("created: external, port {VXLAN_PORT}, no learning"),
            }
        }
    };
    let idx = iface::index(VXLAN_DEV)?;
    nl.set_up(idx, mtu - VXLAN_OVERHEAD, false).map_err(|e| Error::sys("set up", VXLAN_DEV, &e))?;
    Ok(step)
}

/// The node's own address as the datapath sees it: a host endpoint in cilium_lxc and
/// identity 1 (host) in the ipcache.
fn host_entries(bpffs: &Path, ip: Ipv4Addr) -> Result<Step> {
    let lxc = maps::open_global(bpffs, &LXC, Access::Write)?;
    let ipcache = maps::open_global(bpffs, &IPCACHE, Access::Write)?;
    maps::put(&lxc, &EndpointKey::ipv4(ip), &EndpointInfo { flags: ENDPOINT_F_HOST, ..Default::default() })?;
    let key = IpcacheKey::new(Prefix { cidr: Cidr4::host(ip), cluster_id: 0 });
    maps::put(&ipcache, &key, &RemoteEndpointInfo { sec_identity: HOST_IDENTITY, ..Default::default() })?;
    Ok(Step {
        step: "entries",
        object: ip.to_string(),
        detail: format!("cilium_lxc (host), cilium_ipcache identity {HOST_IDENTITY}"),
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
        let ((lo, hi), (nlo, nhi)) = (self.node.node_port.snat_range, self.node_port_range);
        if self.node.node_port.enabled && lo <= nhi && nlo <= hi {
            return Err(Error::usage(format!(
                "--snat-port-range {lo}-{hi} overlaps --node-port-range {nlo}-{nhi}: translated requests would take NodePorts"
            )));
        }
        if let Some(sock) = &self.sock {
            sock.validate()?;
        }
        Ok(())
    }
}

/// Everything after the maps (the configuration validated).
fn init_node(bpffs: &Path, cfg: &InitConfig) -> Result<Vec<Step>> {
    let mut nl = Netlink::open().map_err(|e| Error::sys("open", "rtnetlink socket", &e))?;
    let mut steps = host_devices(&mut nl, cfg)?;
    if cfg.mode == Mode::Vxlan {
        steps.push(vxlan_device(&mut nl, cfg.mtu)?);
        steps.extend(super::node::attach_overlay(bpffs, VXLAN_DEV, cfg.node)?);
    }
    // Programs already on native devices at our place (prio 1, handle 1) are replaced in
    // place by the attach: no moment without a program. Every other program on the hooks
    // (stale ones at another priority, another loader's) is removed after.
    for dev in &cfg.native_devs {
        let addr = cfg.node_port_addrs.iter().find(|(d, _)| d == dev).map(|(_, a)| *a);
        steps.extend(super::node::attach_netdev(bpffs, dev, cfg.node, addr)?);
        steps.extend(super::node::remove_stale_netdev_programs(&mut nl, dev)?);
    }
    steps.extend(super::node::attach_host(bpffs, cfg.node)?);
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

/// The whole bring-up: every check, the global maps (refusing to go on over a map pinned
/// with another layout), then the node. One step per map, then the node's steps.
pub fn bring_up(bpffs: &Path, cfg: &InitConfig) -> Result<Vec<Step>> {
    cfg.validate()?;
    let rows = maps::create::globals(bpffs)?;
    let incompatible: Vec<&str> =
        rows.iter().filter(|r| r.action == MapAction::Incompatible).map(|r| r.name).collect();
    if !incompatible.is_empty() {
        return Err(Error::runtime(format!(
            "map(s) pinned with another layout: {}; not bringing the node up over them",
            incompatible.join(", ")
        )));
    }
    let mut steps: Vec<Step> = rows
        .into_iter()
        .map(|r| Step {
            step: "map",
            object: r.name.to_string(),
            detail: format!("{} {}", r.action.word(), r.detail),
        })
        .collect();
    steps.extend(init_node(bpffs, cfg)?);
    Ok(steps)
}
