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

use aya::maps::ProgramArray;
use aya::programs::{SchedClassifier, TcAttachType};
use aya::{Ebpf, EbpfLoader};

use super::{iface, objects, slots, tc};
use crate::bpf::MapFd;
use crate::error::{Error, Result};
use crate::maps::ipcache::{IpcacheKey, Prefix, RemoteEndpointInfo};
use crate::maps::lxc::{EndpointInfo, EndpointKey};
use crate::maps::spec::{self, CALL_POLICY, CALLS, IPCACHE, LXC, POLICY, per_endpoint_name};
use crate::maps::{self, Access, globals_dir, pin_path};
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

/// Refuses to load an object over pins of another layout (aya would reuse them blindly).
fn check_pins(bpffs: &Path, names: &[(&'static spec::MapSpec, String)]) -> Result<()> {
    for (s, name) in names {
        let path = pin_path(bpffs, name);
        if !path.exists() {
            continue;
        }
        let map = MapFd::open_pinned(&path, true).map_err(|e| Error::open(&path, &e))?;
        if let Err(m) = s.check_layout(map.info()) {
            return Err(Error::runtime(format!(
                "{}: layout mismatch with Cilium v1.16 {name}: {m}; refusing to load programs over it",
                path.display()
            )));
        }
    }
    Ok(())
}

/// The maps bpf_lxc.o uses, with their pin names for endpoint `id`.
fn lxc_maps(id: u16) -> Vec<(&'static spec::MapSpec, String)> {
    let mut v: Vec<(&'static spec::MapSpec, String)> = [
        &spec::CT4_GLOBAL,
        &spec::CT_ANY4_GLOBAL,
        &spec::IPCACHE,
        &spec::LXC,
        &spec::TUNNEL,
        &spec::METRICS,
        &spec::EVENTS,
        &spec::CALL_POLICY,
    ]
    .into_iter()
    .map(|s| (s, s.name.to_string()))
    .collect();
    v.push((&CALLS, per_endpoint_name(&CALLS, id.into())));
    v.push((&POLICY, per_endpoint_name(&POLICY, id.into())));
    v
}

fn one_line(s: &str) -> String {
    let first: Vec<&str> = s.lines().filter(|l| !l.trim().is_empty()).take(3).collect();
    first.join(" | ")
}

fn classifier<'a>(bpf: &'a mut Ebpf, name: &str) -> Result<&'a mut SchedClassifier> {
    bpf.program_mut(name)
        .ok_or_else(|| Error::runtime(format!("bpf_lxc.o has no program {name}")))?
        .try_into()
        .map_err(|e| Error::runtime(format!("program {name}: {e}")))
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

    let names = lxc_maps(req.id);
    check_pins(bpffs, &names)?;
    let calls_name = per_endpoint_name(&CALLS, req.id.into());
    let policy_name = per_endpoint_name(&POLICY, req.id.into());
    let calls_path = pin_path(bpffs, &calls_name);
    let policy_path = pin_path(bpffs, &policy_name);
    let fresh_calls = !calls_path.exists();
    let fresh_policy = !policy_path.exists();
    let ipc_key = IpcacheKey::new(Prefix { cidr: Cidr4::host(req.ipv4), cluster_id: 0 });
    let old_ipc = maps::get::<_, RemoteEndpointInfo>(&ipcache, &ipc_key)?;

    let mask = Cidr4::mask(req.pod_cidr_len).to_be_bytes();
    let (id32, enf_in, enf_eg, trace) =
        (u32::from(req.id), u8::from(req.enforce_ingress), u8::from(req.enforce_egress), u8::from(req.trace));
    let ip_ne = u32::from_ne_bytes(req.ipv4.octets());
    let mask_ne = u32::from_ne_bytes(mask);
    let (lxc_mac, node_mac_b) = (req.mac.octets(), node_mac.octets());

    let mut wrote_lxc = false;
    let mut wrote_policy_slot = false;
    let result = (|| -> Result<tc::Outcome> {
        let globals = globals_dir(bpffs);
        let mut loader = EbpfLoader::new();
        loader
            .default_map_pin_directory(&globals)
            .map_pin_path("cilium_calls", calls_path.as_path())
            .map_pin_path("cilium_policy", policy_path.as_path())
            .override_global("LXC_ID", &id32, true)
            .override_global("SECLABEL", &req.identity, true)
            .override_global("LXC_IPV4", &ip_ne, true)
            .override_global("LXC_IFINDEX", &ifindex, true)
            .override_global("LXC_MAC", &lxc_mac, true)
            .override_global("NODE_MAC", &node_mac_b, true)
            .override_global("IPV4_MASK", &mask_ne, true)
            .override_global("VXLAN_IFINDEX", &vxlan_ifindex, true)
            .override_global("ENFORCE_INGRESS", &enf_in, true)
            .override_global("ENFORCE_EGRESS", &enf_eg, true)
            .override_global("TRACE_NOTIFY", &trace, true);
        let mut bpf = loader.load(objects::BPF_LXC).map_err(|e| {
            Error::runtime(format!("load bpf_lxc.o for endpoint {}: {}", req.id, one_line(&tc::chain(&e))))
        })?;
        let progs: Vec<&str> = slots::LXC
            .iter()
            .map(|(_, n)| *n)
            .chain([slots::LXC_POLICY_PROG, slots::LXC_ENTRY_PROG])
            .collect();
        for name in &progs {
            classifier(&mut bpf, name)?
                .load()
                .map_err(|e| Error::runtime(format!("verify {name}: {}", one_line(&tc::chain(&e)))))?;
        }
        let mut calls = ProgramArray::try_from(
            bpf.take_map("cilium_calls").ok_or_else(|| Error::runtime("bpf_lxc.o has no cilium_calls"))?,
        )
        .map_err(|e| Error::runtime(format!("{calls_name}: {e}")))?;
        let mut policy_calls = ProgramArray::try_from(
            bpf.take_map("cilium_call_policy")
                .ok_or_else(|| Error::runtime("bpf_lxc.o has no cilium_call_policy"))?,
        )
        .map_err(|e| Error::runtime(format!("cilium_call_policy: {e}")))?;

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

        for (slot, name) in slots::LXC {
            let fd = classifier(&mut bpf, name)?.fd().map_err(|e| Error::runtime(format!("{name}: {e}")))?;
            calls
                .set(*slot, fd, 0)
                .map_err(|e| Error::runtime(format!("{calls_name}[{slot}] = {name}: {e}")))?;
        }
        let fd = classifier(&mut bpf, slots::LXC_POLICY_PROG)?
            .fd()
            .map_err(|e| Error::runtime(format!("{}: {e}", slots::LXC_POLICY_PROG)))?;
        policy_calls
            .set(id32, fd, 0)
            .map_err(|e| Error::runtime(format!("cilium_call_policy[{}]: {e}", req.id)))?;
        wrote_policy_slot = true;
        tc::attach(classifier(&mut bpf, slots::LXC_ENTRY_PROG)?, &req.iface, TcAttachType::Ingress)
    })();

    match result {
        Ok(outcome) => Ok(Attached { req, ifindex, node_mac, outcome }),
        Err(e) if existing.is_none() => {
            // A fresh attach failed: take back what it added.
            if wrote_policy_slot {
                let _ = call_policy.delete(&id32.to_ne_bytes());
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
        let p = pin_path(bpffs, &name);
        match std::fs::remove_file(&p) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::sys("unpin", p.display(), &e)),
        }
    }
    Ok(Detached { id, ipv4: ip.to_string(), iface, filter_removed })
}
