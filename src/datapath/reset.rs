//! `ciliumrs reset`: removes what ciliumrs made on this node: endpoints (filters, policy
//! slots, entries, pins), our filters on every device, the cilium_vxlan and
//! cilium_host/cilium_net devices, our socket programs on the cgroup root with their pins,
//! the endpoints' shared programs (`<bpffs>/ciliumrs`), and the pins of the maps our spec
//! table knows.
//! A node that a Cilium agent runs is refused unless forced: its maps look the same.

use std::path::Path;

use aya::programs::TcAttachType;

use super::devices::{HEALTH_DEV, HOST_DEV, NET_DEV, VXLAN_DEV};
use super::endpoint::detach_lxc;
use super::netlink::Netlink;
use super::step::Step;
use super::{slots, tc};
use crate::error::{Error, Result};
use crate::maps::lxc::{ENDPOINT_F_HOST, EndpointInfo, EndpointKey};
use crate::maps::spec::{self, LXC};
use crate::maps::{self, Access, globals_dir};

/// Our programs by hook, as tc shows their names.
const FILTERS: &[(TcAttachType, &str)] = &[
    (TcAttachType::Ingress, slots::LXC_ENTRY_PROG),
    (TcAttachType::Ingress, slots::TO_HOST),
    (TcAttachType::Egress, slots::FROM_HOST),
    (TcAttachType::Ingress, slots::FROM_NETDEV),
    (TcAttachType::Egress, slots::TO_NETDEV),
    (TcAttachType::Ingress, slots::FROM_OVERLAY),
    (TcAttachType::Egress, slots::TO_OVERLAY),
];

pub fn reset(bpffs: &Path, force: bool, health_netns: &str, cgroup_root: &Path) -> Result<Vec<Step>> {
    if let Some(s) = crate::agent::socket().filter(|_| !force) {
        return Err(Error::runtime(format!(
            "a Cilium agent runs here ({s} exists); reset would remove its maps and devices too: use --force to do it anyway"
        )));
    }
    let mut steps = Vec::new();
    // Endpoints first, each exactly as detach lxc removes it.
    let lxc_path = maps::pin_path(bpffs, LXC.name);
    if lxc_path.exists() {
        let lxc = maps::open_global(bpffs, &LXC, Access::Read)?;
        let mut ids = Vec::new();
        maps::for_each(&lxc, |_k: EndpointKey, v: EndpointInfo| {
            if v.flags & ENDPOINT_F_HOST == 0 {
                ids.push(v.lxc_id);
            }
            Ok(std::ops::ControlFlow::Continue(()))
        })?;
        for id in ids {
            let d = detach_lxc(bpffs, id)?;
            steps.push(Step { step: "detach", object: format!("endpoint {id}"), detail: d.ipv4 });
        }
    }
    for (_, dev) in super::iface::all() {
        for (hook, name) in FILTERS {
            if tc::detach(&dev, *hook, name)? {
                steps.push(Step { step: "detach", object: dev.clone(), detail: name.to_string() });
            }
        }
    }
    let mut nl = Netlink::open().map_err(|e| Error::sys("open", "rtnetlink socket", &e))?;
    for (dev, kind) in [(VXLAN_DEV, "vxlan"), (HOST_DEV, "veth"), (HEALTH_DEV, "veth")] {
        if let Some(l) = nl.link(dev).map_err(|e| Error::sys("look up", dev, &e))? {
            if Netlink::kind(&l).as_deref() == Some(kind) {
                nl.delete_link(l.header.index).map_err(|e| Error::sys("delete", dev, &e))?;
                let what = if dev == HOST_DEV { format!("{HOST_DEV}/{NET_DEV}") } else { dev.to_string() };
                steps.push(Step { step: "delete", object: what, detail: format!("{kind} device") });
            } else {
                steps.push(Step {
                    step: "keep",
                    object: dev.to_string(),
                    detail: "not a device we make".into(),
                });
            }
        }
    }
    if super::netns::delete(health_netns)
        .map_err(|e| Error::sys("delete network namespace", health_netns, &e))?
    {
        steps.push(Step {
            step: "delete",
            object: health_netns.to_string(),
            detail: "network namespace".into(),
        });
    }
    // The socket programs, the endpoints' shared programs, then the map pins.
    steps.extend(super::cgroup::detach_ours(bpffs, cgroup_root)?);
    for dir in super::template::all_dirs(bpffs) {
        super::template::remove_copy(&dir)?;
        let name = dir.strip_prefix(bpffs).unwrap_or(&dir).display().to_string();
        steps.push(Step { step: "unpin", object: name, detail: "shared endpoint programs".into() });
    }
    if crate::maps::lb::index::remove(bpffs)? {
        steps.push(Step {
            step: "unpin",
            object: crate::maps::lb::index::DIR.into(),
            detail: "the LB writer's index".into(),
        });
    }
    let ours = crate::maps::ours_dir(bpffs);
    if ours.is_dir() && std::fs::read_dir(&ours).is_ok_and(|mut d| d.next().is_none()) {
        std::fs::remove_dir(&ours).map_err(|e| Error::sys("remove", ours.display(), &e))?;
    }
    let dir = globals_dir(bpffs);
    if let Ok(rd) = std::fs::read_dir(&dir) {
        let mut names: Vec<String> = rd.filter_map(|e| e.ok()?.file_name().into_string().ok()).collect();
        names.sort();
        // Only the maps init and attach make (v1.16's, global or per endpoint), never one
        // that only another Cilium makes.
        let ours = |n: &str| {
            spec::for_pin_name(n).is_some_and(|s| {
                s.scope != spec::Scope::KnownOnly && s.versions.contains(crate::maps::abi::OURS)
            })
        };
        for name in names.into_iter().filter(|n| ours(n)) {
            let p = dir.join(&name);
            std::fs::remove_file(&p).map_err(|e| Error::sys("unpin", p.display(), &e))?;
            steps.push(Step { step: "unpin", object: name, detail: String::new() });
        }
        let marker = dir.join(crate::maps::abi::MARKER);
        if marker.is_dir() {
            std::fs::remove_dir(&marker).map_err(|e| Error::sys("remove", marker.display(), &e))?;
        }
    }
    Ok(steps)
}
