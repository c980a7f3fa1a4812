//! The health of the node's endpoints as the datapath would find them: every cilium_lxc
//! entry, with whether its interface still exists, carries our from-container program, and
//! (for endpoints running the node's shared programs) has its configuration entry in
//! `ciliumrs_ep_config`. `status` shows it.

use std::ops::ControlFlow;
use std::path::Path;

use super::netlink::Netlink;
use super::template::EpConfig;
use super::{iface, slots};
use crate::error::{Error, Result};
use crate::maps::lxc::{ENDPOINT_F_HOST, EndpointInfo, EndpointKey};
use crate::maps::spec::{CALLS, EP_CONFIG, LXC, per_endpoint_name};
use crate::maps::{self, Access, pin_path};

/// What is wrong with an endpoint, if anything.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// The node's own address (a host entry).
    Host,
    /// Its interface, program and configuration are all there.
    Attached,
    /// No interface with its ifindex.
    InterfaceGone,
    /// The interface has no from-container program on its ingress.
    NoProgram,
    /// It runs the shared programs but has no configuration entry.
    NoConfiguration,
}

/// One cilium_lxc entry and its state.
pub struct Endpoint {
    pub key: EndpointKey,
    pub info: EndpointInfo,
    /// The name of its interface, if it exists.
    pub ifname: Option<String>,
    pub state: State,
}

/// Every endpoint of cilium_lxc by endpoint id; none when the map is not pinned.
pub fn endpoints(bpffs: &Path) -> Result<Vec<Endpoint>> {
    if !pin_path(bpffs, LXC.name).exists() {
        return Ok(Vec::new());
    }
    let lxc = maps::open_global(bpffs, &LXC, Access::Read)?;
    let mut eps = Vec::new();
    maps::for_each(&lxc, |k: EndpointKey, v: EndpointInfo| {
        eps.push((k, v));
        Ok(ControlFlow::Continue(()))
    })?;
    eps.sort_by_key(|(_, v)| v.lxc_id);
    // Our endpoints run the node's shared programs, which need their configuration entry
    // (keyed by the veth); endpoints with a calls map of their own (Cilium's, or attached
    // by an older ciliumrs) carry it in their programs.
    let ep_config = maps::open_global(bpffs, &EP_CONFIG, Access::Read).ok();
    let configured = |v: &EndpointInfo| -> Result<bool> {
        let own = per_endpoint_name(&CALLS, v.lxc_id.into());
        match &ep_config {
            Some(m) if !pin_path(bpffs, &own).exists() => {
                Ok(maps::get::<_, EpConfig>(m, &v.ifindex)?.is_some_and(|c| c.lxc_id == v.lxc_id))
            }
            _ => Ok(true),
        }
    };
    let mut nl = Netlink::open().map_err(|e| Error::sys("open", "rtnetlink socket", &e))?;
    let mut out = Vec::with_capacity(eps.len());
    for (key, info) in eps {
        if info.flags & ENDPOINT_F_HOST != 0 {
            out.push(Endpoint { key, info, ifname: None, state: State::Host });
            continue;
        }
        let ifname = iface::name(info.ifindex);
        let attached = match &ifname {
            Some(_) => nl
                .bpf_filters(info.ifindex, true)
                .map_err(|e| Error::sys("dump filters of", info.ifindex, &e))?
                .iter()
                .any(|f| f.name == slots::LXC_ENTRY_PROG),
            None => false,
        };
        let state = match (&ifname, attached, configured(&info)?) {
            (None, _, _) => State::InterfaceGone,
            (Some(_), false, _) => State::NoProgram,
            (Some(_), true, false) => State::NoConfiguration,
            (Some(_), true, true) => State::Attached,
        };
        out.push(Endpoint { key, info, ifname, state });
    }
    Ok(out)
}
