//! `attach lxc` / `detach lxc`: one endpoint's programs, tail calls, maps and filter.
//!
//! Attach order: check everything (interface, ids, pinned layouts), load and verify the
//! object, write the endpoint's `cilium_lxc` and `cilium_ipcache` entries, fill its tail
//! calls and `cilium_call_policy[EPID]`, and only then put from-container on the
//! interface. On a failure before the filter, what this attach added is removed again, so
//! nothing is left half-attached. Re-attaching an endpoint replaces its programs in place;
//! its maps (and their entries) are kept.

use std::net::Ipv4Addr;
use std::ops::ControlFlow;
use std::path::Path;

use aya::Ebpf;
use aya::programs::TcAttachType;

use super::config::LxcConfig;

use super::loader::{self, LoadSpec};
use super::{iface, objects, slots, tc};
use crate::bpf::MapFd;
use crate::error::{Error, Result};
use crate::maps::ipcache::{IpcacheKey, Prefix, RemoteEndpointInfo};
use crate::maps::lxc::{EndpointInfo, EndpointKey};
use crate::maps::spec::{CALL_POLICY, CALLS, IPCACHE, LXC, POLICY, per_endpoint_name};
use crate::maps::{self, Access, pin_path};
use crate::netaddr::{Cidr4, Mac};
use crate::output::{Record, Value, Visit};
use crate::wire::MacT;

/// Everything `attach lxc` needs.
#[derive(Clone, Debug)]
pub struct LxcRequest {
    pub iface: String,
    pub id: u16,
    pub ipv4: Ipv4Addr,
    pub identity: u32,
    pub mac: Mac,
    pub enforce_ingress: bool,
    pub enforce_egress: bool,
    /// Prefix length of pod CIDRs, for `cilium_tunnel_map` keys.
    pub pod_cidr_len: u8,
    pub trace: bool,
}

/// The MAC of the pod side of the veth `iface` (for `attach lxc` without `--mac`).
pub fn peer_mac(iface: &str) -> Result<Mac> {
    iface::index(iface)?;
    let mut nl = super::netlink::Netlink::open().map_err(|e| Error::sys("open", "rtnetlink socket", &e))?;
    match nl.veth_peer_mac(iface) {
        Ok(Some(m)) => Ok(Mac::new(m)),
        Ok(None) => Err(Error::usage(format!("{iface} has no veth peer to ask for its MAC; give --mac"))),
        Err(e) => Err(Error::runtime(format!("ask {iface}'s peer for its MAC: {e} (give --mac)"))),
    }
}

/// The load-time configuration of one endpoint's program (`bpf_lxc.o`'s `.rodata`).
#[derive(Clone, Debug)]
pub struct LxcProgram {
    pub id: u16,
    pub identity: u32,
    pub ipv4: Ipv4Addr,
    /// The host-side veth.
    pub ifindex: u32,
    /// The pod-side MAC.
    pub mac: Mac,
    /// The host-side MAC.
    pub node_mac: Mac,
    pub pod_cidr_len: u8,
    pub vxlan_ifindex: u32,
    pub enforce_ingress: bool,
    pub enforce_egress: bool,
    pub trace: bool,
}

impl LxcProgram {
    /// Loads and verifies the program, pins `cilium_calls_<EPID>` and
    /// `cilium_policy_<EPID>`, and fills the calls map's slots.
    pub fn load(&self, bpffs: &Path) -> Result<Ebpf> {
        let id = u32::from(self.id);
        let ip = loader::be32(self.ipv4.octets());
        let mask = loader::be32(Cidr4::mask(self.pod_cidr_len).to_be_bytes());
        // Slot 15's copy here takes the default range: only device programs send requests to it.
        let np = super::node::NodePort::default().globals(None)?;
        let config = LxcConfig {
            lxc_id: id,
            identity: self.identity,
            ipv4: ip,
            ifindex: self.ifindex,
            mac: self.mac.octets(),
            node_mac: self.node_mac.octets(),
            ipv4_mask: mask,
            vxlan_ifindex: self.vxlan_ifindex,
            enforce_ingress: u8::from(self.enforce_ingress),
            enforce_egress: u8::from(self.enforce_egress),
            trace_notify: u8::from(self.trace),
            enable_nodeport: np.enable,
            ipv4_gateway: np.gateway,
            ipv4_nodeport: np.nodeport,
            nat_min: np.nat_min,
            nat_max: np.nat_max,
        };
        let calls = per_endpoint_name(&CALLS, id);
        let policy = per_endpoint_name(&POLICY, id);
        loader::load(
            bpffs,
            LoadSpec {
                object: objects::BPF_LXC,
                object_name: "bpf_lxc.o",
                calls_pin: Some(&calls),
                policy_pin: Some(&policy),
                globals: config.globals(),
                slots: slots::LXC,
            },
        )
    }
}

/// What an attach did.
pub struct Attached {
    pub req: LxcRequest,
    pub ifindex: u32,
    pub node_mac: Mac,
    pub outcome: tc::Outcome,
}

impl Record for Attached {
    fn visit(&self, v: &mut dyn Visit) {
        let r = &self.req;
        let action = match self.outcome {
            tc::Outcome::Attached => "attached",
            tc::Outcome::Replaced => "replaced",
        };
        let enforce = match (r.enforce_ingress, r.enforce_egress) {
            (true, true) => "both",
            (true, false) => "ingress",
            (false, true) => "egress",
            (false, false) => "none",
        };
        v.field("action", "ACTION", Value::Str(action));
        v.field("endpoint", "ENDPOINT", Value::U64(r.id.into()));
        v.field("interface", "INTERFACE", Value::Str(&r.iface));
        v.field("ifindex", "IFINDEX", Value::U64(self.ifindex.into()));
        v.field("ipv4", "IPV4", Value::Ip(r.ipv4));
        v.field("identity", "IDENTITY", Value::U64(r.identity.into()));
        v.field("mac", "MAC", Value::Disp(&r.mac));
        v.field("node_mac", "", Value::Disp(&self.node_mac));
        v.field("enforce", "POLICY ENFORCEMENT", Value::Str(enforce));
    }
}

/// The endpoint entry `cilium_lxc` holds for `id`, if any.
pub fn find_endpoint(lxc: &MapFd, id: u16) -> Result<Option<(EndpointKey, EndpointInfo)>> {
    let mut found = None;
    maps::for_each(lxc, |k: EndpointKey, v: EndpointInfo| {
        if v.lxc_id == id && v.flags & crate::maps::lxc::ENDPOINT_F_HOST == 0 {
            found = Some((k, v));
            return Ok(ControlFlow::Break(()));
        }
        Ok(ControlFlow::Continue(()))
    })?;
    Ok(found)
}

pub fn attach_lxc(bpffs: &Path, req: LxcRequest) -> Result<Attached> {
    let ifindex = iface::index(&req.iface)?;
    let node_mac = iface::mac(&req.iface)?;
    let vxlan_ifindex = iface::index("cilium_vxlan").unwrap_or(0);
    let lxc = maps::open_global(bpffs, &LXC, Access::Write)?;
    let ipcache = maps::open_global(bpffs, &IPCACHE, Access::Write)?;
    let call_policy = maps::open_global(bpffs, &CALL_POLICY, Access::Write)?;

    // One id, one address, one interface.
    let key = EndpointKey::ipv4(req.ipv4);
    let existing = find_endpoint(&lxc, req.id)?;
    if let Some((k, v)) = &existing {
        if *k != key {
            let at = crate::maps::lxc::AddrText(&k.addr, k.family);
            return Err(Error::usage(format!(
                "endpoint id {} is already attached with address {at} (ifindex {}); detach it first",
                req.id, v.ifindex
            )));
        }
    }
    let owner = maps::get::<_, EndpointInfo>(&lxc, &key)?;
    if let Some(o) = owner.filter(|o| o.lxc_id != req.id) {
        return Err(Error::usage(format!(
            "{} already belongs to endpoint {}; detach it first",
            req.ipv4, o.lxc_id
        )));
    }

    let calls_name = per_endpoint_name(&CALLS, req.id.into());
    let policy_name = per_endpoint_name(&POLICY, req.id.into());
    let calls_path = pin_path(bpffs, &calls_name);
    let policy_path = pin_path(bpffs, &policy_name);
    let fresh_calls = !calls_path.exists();
    let fresh_policy = !policy_path.exists();
    let ipc_key = IpcacheKey::new(Prefix { cidr: Cidr4::host(req.ipv4), cluster_id: 0 });
    let old_ipc = maps::get::<_, RemoteEndpointInfo>(&ipcache, &ipc_key)?;

    let mut wrote_lxc = false;
    let mut wrote_policy_slot = false;
    let result = (|| -> Result<tc::Outcome> {
        let mut bpf = LxcProgram {
            id: req.id,
            identity: req.identity,
            ipv4: req.ipv4,
            ifindex,
            mac: req.mac,
            node_mac,
            pod_cidr_len: req.pod_cidr_len,
            vxlan_ifindex,
            enforce_ingress: req.enforce_ingress,
            enforce_egress: req.enforce_egress,
            trace: req.trace,
        }
        .load(bpffs)
        .map_err(|e| Error::runtime(format!("endpoint {}: {e}", req.id)))?;
        let info = EndpointInfo {
            ifindex,
            lxc_id: req.id,
            mac: MacT::new(req.mac),
            node_mac: MacT::new(node_mac),
            sec_id: req.identity,
            ..EndpointInfo::default()
        };
        maps::put(&lxc, &key, &info)?;
        wrote_lxc = true;
        let ipc = RemoteEndpointInfo { sec_identity: req.identity, ..Default::default() };
        maps::put(&ipcache, &ipc_key, &ipc)?;
        loader::set_policy_slot(&mut bpf, u32::from(req.id), slots::LXC_POLICY_PROG)?;
        wrote_policy_slot = true;
        tc::attach(loader::classifier(&mut bpf, slots::LXC_ENTRY_PROG)?, &req.iface, TcAttachType::Ingress)
    })();

    match result {
        Ok(outcome) => Ok(Attached { req, ifindex, node_mac, outcome }),
        Err(e) if existing.is_none() => {
            // A fresh attach failed: take back what it added.
            if wrote_policy_slot {
                let _ = call_policy.delete(&u32::from(req.id).to_ne_bytes());
            }
            if wrote_lxc {
                let _ = maps::remove(&lxc, &key);
                match old_ipc {
                    Some(v) => {
                        let _ = maps::put(&ipcache, &ipc_key, &v);
                    }
                    None => {
                        let _ = maps::remove(&ipcache, &ipc_key);
                    }
                }
            }
            if fresh_calls {
                let _ = std::fs::remove_file(&calls_path);
            }
            if fresh_policy {
                let _ = std::fs::remove_file(&policy_path);
            }
            Err(e)
        }
        Err(e) => Err(e),
    }
}

/// What a detach removed.
pub struct Detached {
    pub id: u16,
    pub ipv4: String,
    pub iface: Option<String>,
    pub filter_removed: bool,
}

impl Record for Detached {
    fn visit(&self, v: &mut dyn Visit) {
        v.field("action", "ACTION", Value::Str("detached"));
        v.field("endpoint", "ENDPOINT", Value::U64(self.id.into()));
        v.field("ipv4", "IPV4", Value::Str(&self.ipv4));
        v.field("interface", "INTERFACE", self.iface.as_deref().map_or(Value::Null, Value::Str));
        v.field("filter_removed", "FILTER REMOVED", Value::Bool(self.filter_removed));
    }
}

/// Removes exactly what `attach lxc` made for endpoint `id`.
pub fn detach_lxc(bpffs: &Path, id: u16) -> Result<Detached> {
    let lxc = maps::open_global(bpffs, &LXC, Access::Write)?;
    let ipcache = maps::open_global(bpffs, &IPCACHE, Access::Write)?;
    let call_policy = maps::open_global(bpffs, &CALL_POLICY, Access::Write)?;
    let Some((key, info)) = find_endpoint(&lxc, id)? else {
        return Err(Error::runtime(format!(
            "endpoint {id} is not attached (no cilium_lxc entry has id {id})"
        )));
    };
    let iface = iface::name(info.ifindex);
    let filter_removed = match &iface {
        Some(name) => tc::detach(name, TcAttachType::Ingress, slots::LXC_ENTRY_PROG)?,
        None => false,
    };
    call_policy
        .delete(&u32::from(id).to_ne_bytes())
        .map_err(|e| Error::sys("delete from", "cilium_call_policy", &e))?;
    maps::remove(&lxc, &key)?;
    let ip = Ipv4Addr::new(key.addr[0], key.addr[1], key.addr[2], key.addr[3]);
    let ipc_key = IpcacheKey::new(Prefix { cidr: Cidr4::host(ip), cluster_id: 0 });
    if maps::get::<_, RemoteEndpointInfo>(&ipcache, &ipc_key)?.is_some_and(|v| v.sec_identity == info.sec_id)
    {
        maps::remove(&ipcache, &ipc_key)?;
    }
    for name in [per_endpoint_name(&CALLS, id.into()), per_endpoint_name(&POLICY, id.into())] {
        maps::unpin(&pin_path(bpffs, &name))?;
    }
    Ok(Detached { id, ipv4: ip.to_string(), iface, filter_removed })
}
