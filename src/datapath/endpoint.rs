//! `attach lxc` / `detach lxc`: one endpoint's programs, tail calls, maps and filter.
//!
//! Attach order: check everything (interface, ids, pinned layouts), get the node's shared
//! programs (loaded and verified only by the first attach, `template.rs`), pin the
//! endpoint's policy map (`ep_policy.rs`), write its `ciliumrs_ep_policy`, `ciliumrs_ep_config`,
//! `cilium_lxc` and `cilium_ipcache` entries and `cilium_call_policy[EPID]`, and only then
//! put from-container on the interface. Re-attaching an endpoint rewrites its entries and
//! replaces its filter in place; its policy map (and its entries) is kept. An attach that
//! fails, the filter included, puts every entry and slot back as it found them: a fresh
//! endpoint leaves nothing, a re-attach leaves the endpoint as it was.

use std::net::Ipv4Addr;
use std::ops::ControlFlow;
use std::path::Path;

use std::os::fd::AsFd;

use aya::programs::TcAttachType;

use super::config::LxcConfig;
use super::loader;
use super::template::{self, EpConfig};
use super::{ep_policy, iface, slots, tc};
use crate::bpf::MapFd;
use crate::error::{Error, Result};
use crate::maps::ipcache::{IpcacheKey, Prefix, RemoteEndpointInfo};
use crate::maps::lxc::{EndpointInfo, EndpointKey};
use crate::maps::spec::{CALL_POLICY, CALLS, EP_CONFIG, EP_POLICY, IPCACHE, LXC, per_endpoint_name};
use crate::maps::{self, Access, create, pin_path};
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

/// The node-wide load-time configuration of the endpoints' shared programs.
pub fn shared_config(pod_cidr_len: u8, vxlan_ifindex: u32) -> Result<LxcConfig> {
    // Slot 15's copy here takes the default range: only device programs send requests to it.
    let np = super::nodeport::NodePort::default().globals(None)?;
    Ok(LxcConfig {
        ipv4_mask: loader::be32(Cidr4::mask(pod_cidr_len).to_be_bytes()),
        vxlan_ifindex,
        enable_nodeport: np.enable,
        ipv4_gateway: np.gateway,
        ipv4_nodeport: np.nodeport,
        nat_min: np.nat_min,
        nat_max: np.nat_max,
    })
}

/// The endpoint's `ciliumrs_ep_config` entry.
fn ep_config(req: &LxcRequest, ifindex: u32, node_mac: Mac) -> EpConfig {
    let mut flags = 0;
    if req.enforce_ingress {
        flags |= template::EP_F_ENFORCE_INGRESS;
    }
    if req.enforce_egress {
        flags |= template::EP_F_ENFORCE_EGRESS;
    }
    if req.trace {
        flags |= template::EP_F_TRACE;
    }
    EpConfig {
        ifindex,
        sec_label: req.identity,
        ipv4: req.ipv4.octets(),
        lxc_id: req.id,
        flags,
        mac: req.mac.octets(),
        node_mac: node_mac.octets(),
        ..EpConfig::default()
    }
}

/// What an attach did.
pub struct Attached {
    pub req: LxcRequest,
    pub ifindex: u32,
    pub node_mac: Mac,
    pub outcome: tc::Outcome,
    /// The node's shared programs were loaded and verified by this attach (the first on
    /// the node, or after an upgrade or node change); else an existing copy was used.
    pub loaded: bool,
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
        v.field("programs", "PROGRAMS", Value::Str(if self.loaded { "loaded" } else { "shared" }));
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
    let config = shared_config(req.pod_cidr_len, vxlan_ifindex)?;
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
    let ep_configs = create::ensure_global(bpffs, &EP_CONFIG)?;
    let old_config = maps::get::<_, EpConfig>(&ep_configs, &ifindex)?;
    if let Some(other) = old_config.as_ref().filter(|c| c.lxc_id != req.id) {
        return Err(Error::usage(format!(
            "{} (ifindex {ifindex}) already carries endpoint {}; detach it first",
            req.iface, other.lxc_id
        )));
    }
    let ep_policies = create::ensure_global(bpffs, &EP_POLICY)?;

    let id = u32::from(req.id);
    let mut fresh_policy = false;
    let ipc_key = IpcacheKey::new(Prefix { cidr: Cidr4::host(req.ipv4), cluster_id: 0 });
    let old_ipc = maps::get::<_, RemoteEndpointInfo>(&ipcache, &ipc_key)?;
    let old_policy_prog = call_policy
        .slot_id(id)
        .map_err(|e| Error::sys("look up in", format!("{}[{id}]", CALL_POLICY.name), &e))?;

    let mut wrote_lxc = false;
    let mut wrote_slots = false;
    let result = (|| -> Result<(tc::Outcome, bool)> {
        let shared =
            template::shared(bpffs, &config).map_err(|e| Error::runtime(format!("endpoint {id}: {e}")))?;
        let (_policy, pinned) = ep_policy::attach(bpffs, &ep_policies, id)?;
        fresh_policy = pinned;
        wrote_slots = true;
        maps::put(&ep_configs, &ifindex, &ep_config(&req, ifindex, node_mac))?;
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
        call_policy
            .update_fd(id, shared.policy.as_fd())
            .map_err(|e| Error::sys("write to", format!("{}[{id}]", CALL_POLICY.name), &e))?;
        let outcome = tc::attach_fd(
            &req.iface,
            ifindex,
            TcAttachType::Ingress,
            shared.from_container.as_fd(),
            slots::LXC_ENTRY_PROG,
        )?;
        Ok((outcome, shared.loaded))
    })();

    match result {
        Ok((outcome, loaded)) => {
            // Re-attached on another interface: the old one's entry goes.
            if let Some((_, old)) = existing.filter(|(_, v)| v.ifindex != ifindex) {
                remove_ep_config(&ep_configs, old.ifindex, req.id)?;
            }
            // An endpoint attached by an older ciliumrs had a calls map of its own; its
            // programs are off the interface now.
            maps::unpin(&pin_path(bpffs, &per_endpoint_name(&CALLS, id)))?;
            Ok(Attached { req, ifindex, node_mac, outcome, loaded })
        }
        Err(e) => {
            // Put back what this attach changed (best effort: the error reported is the
            // first one): a fresh endpoint leaves nothing behind, a re-attach leaves the
            // entries and the policy program it found.
            if wrote_slots {
                let _ = restore_slot(&call_policy, id, old_policy_prog);
                let _ = put_back(&ep_configs, &ifindex, old_config.as_ref());
            }
            if wrote_lxc {
                let _ = put_back(&lxc, &key, owner.as_ref());
                let _ = put_back(&ipcache, &ipc_key, old_ipc.as_ref());
            }
            if fresh_policy {
                let _ = ep_policy::detach(bpffs, id);
            }
            Err(e)
        }
    }
}

/// Writes `old` back at `key`, or removes the entry when there was none.
fn put_back<K: bytemuck::Pod, V: bytemuck::Pod>(map: &MapFd, key: &K, old: Option<&V>) -> Result<()> {
    match old {
        Some(v) => maps::put(map, key, v),
        None => maps::remove(map, key).map(drop),
    }
}

/// Puts program `old` (by id) back into `slot`, or empties the slot when there was none.
fn restore_slot(map: &MapFd, slot: u32, old: Option<u32>) -> Result<()> {
    let what = || format!("{}[{slot}]", CALL_POLICY.name);
    match old {
        Some(prog) => {
            let fd =
                crate::bpf::prog::prog_fd(prog).map_err(|e| Error::sys("open program of", what(), &e))?;
            map.update_fd(slot, fd.as_fd()).map_err(|e| Error::sys("write to", what(), &e))
        }
        None => map.delete(&slot.to_ne_bytes()).map(drop).map_err(|e| Error::sys("delete from", what(), &e)),
    }
}

/// Removes `ifindex`'s configuration entry if it is endpoint `id`'s.
fn remove_ep_config(map: &MapFd, ifindex: u32, id: u16) -> Result<()> {
    if maps::get::<_, EpConfig>(map, &ifindex)?.is_some_and(|c| c.lxc_id == id) {
        maps::remove(map, &ifindex)?;
    }
    Ok(())
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
    // A node attached by an older ciliumrs has neither map.
    if pin_path(bpffs, EP_CONFIG.name).exists() {
        remove_ep_config(&maps::open_global(bpffs, &EP_CONFIG, Access::Write)?, info.ifindex, id)?;
    }
    let ip = Ipv4Addr::new(key.addr[0], key.addr[1], key.addr[2], key.addr[3]);
    let ipc_key = IpcacheKey::new(Prefix { cidr: Cidr4::host(ip), cluster_id: 0 });
    if maps::get::<_, RemoteEndpointInfo>(&ipcache, &ipc_key)?.is_some_and(|v| v.sec_identity == info.sec_id)
    {
        maps::remove(&ipcache, &ipc_key)?;
    }
    ep_policy::detach(bpffs, id.into())?;
    // cilium_calls_<EPID>: made by attaches before the programs were shared.
    maps::unpin(&pin_path(bpffs, &per_endpoint_name(&CALLS, id.into())))?;
    // NB: the cilium_lxc entry goes last: it is how detach finds the endpoint, so a detach
    // killed before this point is finished by the next one.
    maps::remove(&lxc, &key)?;
    Ok(Detached { id, ipv4: ip.to_string(), iface, filter_removed })
}
