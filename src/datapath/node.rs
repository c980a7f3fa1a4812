//! The node's device programs (Cilium's `bpf_host.c` and `bpf_overlay.c` attach points):
//! `attach host` (to-host/from-host on cilium_host, to-host on cilium_net), `attach netdev`
//! and `detach netdev` (from-netdev/to-netdev on a native device), the overlay programs on
//! cilium_vxlan, and the removal of stale programs from native devices. Each attach
//! replaces a program in place, so it is safe to repeat.

use std::net::Ipv4Addr;
use std::path::Path;

use aya::programs::TcAttachType;

use super::config::{HostConfig, OverlayConfig};
use super::devices::{HOST_DEV, NET_DEV, VXLAN_DEV, first_ipv4};
use super::loader::{self, LoadSpec};
use super::netlink::Netlink;
use super::nodeport::NodePort;
use super::step::Step;
use super::{iface, objects, slots, tc};
use crate::error::{Error, Result};
use crate::maps::spec::{CALLS_HOSTNS, CALLS_NETDEV, POLICY, per_endpoint_name};
use crate::maps::{self, pin_path};
use crate::netaddr::Cidr4;

/// The overlay's calls map: 2 is the world identity, as Cilium's init.sh names it.
pub const OVERLAY_CALLS: &str = "cilium_calls_overlay_2";

/// Everything the host/netdev/overlay programs are configured with.
#[derive(Clone, Copy, Debug)]
pub struct NodeConfig {
    pub host_ep_id: u16,
    /// Prefix length of pod CIDRs (cilium_tunnel_map keys).
    pub pod_cidr_len: u8,
    pub trace: bool,
    pub node_port: NodePort,
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
            detail: format!("{} {}", slots::FROM_OVERLAY, a.word()),
        },
        Step {
            step: "attach",
            object: format!("{dev} egress"),
            detail: format!("{} {}", slots::TO_OVERLAY, b.word()),
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
            detail: format!("{} {}", slots::TO_HOST, a.word()),
        },
        Step {
            step: "attach",
            object: format!("{HOST_DEV} egress"),
            detail: format!("{} {}", slots::FROM_HOST, b.word()),
        },
        Step {
            step: "attach",
            object: format!("{NET_DEV} ingress"),
            detail: format!("{} {}", slots::TO_HOST, c.word()),
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
            detail: format!("{} {}", slots::FROM_NETDEV, a.word()),
        },
        Step {
            step: "attach",
            object: format!("{dev} egress"),
            detail: format!("{} {}", slots::TO_NETDEV, b.word()),
        },
    ])
}

/// Names netdev programs have had: ours, and Cilium's section names of v1.10.
const NETDEV_PROGRAMS: &[&str] = &[slots::FROM_NETDEV, slots::TO_NETDEV, "from-netdev", "to-netdev"];

/// Removes every BPF program on `dev`'s hooks but ours at our place (prio 1, handle 1), as
/// Cilium's init clears its native devices (seed 2.2.2 step 4): stale netdev programs (at
/// another priority, under Cilium's older names) and whatever another loader left there,
/// each named in a step.
pub(super) fn remove_stale_netdev_programs(nl: &mut Netlink, dev: &str) -> Result<Vec<Step>> {
    let idx = iface::index(dev)?;
    let mut steps = Vec::new();
    for ingress in [true, false] {
        let filters = nl.bpf_filters(idx, ingress).map_err(|e| Error::sys("dump filters of", dev, &e))?;
        for f in filters {
            if f.priority == tc::PRIORITY && f.handle == u32::from(tc::HANDLE) {
                continue;
            }
            nl.delete_filter(idx, ingress, &f).map_err(|e| Error::sys("delete stale filter on", dev, &e))?;
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
