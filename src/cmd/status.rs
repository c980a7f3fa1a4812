//! `ciliumrs status`: the node at a glance: the kernel and its features, our devices and every device with programs on
//! its hooks (by netlink), the socket programs on the cgroup root, the endpoints of cilium_lxc with their filter, and the maps with
//! their fill level and ABI check.

use std::ops::ControlFlow;
use std::path::Path;

use crate::bpf::MapFd;
use crate::cmd::Ctx;
use crate::datapath::devices::{HOST_DEV, NET_DEV, VXLAN_DEV};
use crate::datapath::netlink::{BpfFilter, Netlink};
use crate::datapath::{cgroup, features, iface, slots};
use crate::error::{Error, Result};
use crate::maps::lxc::{AddrText, ENDPOINT_F_HOST, EndpointInfo, EndpointKey};
use crate::maps::spec::{self, LXC};
use crate::maps::{self, Access, globals_dir};
use crate::output::{Human, Record, Tone, Value, Visit};

struct Row {
    kind: &'static str,
    name: String,
    state: (Tone, String),
    detail: String,
}

impl Record for Row {
    fn visit(&self, v: &mut dyn Visit) {
        v.field("kind", "KIND", Value::Str(self.kind));
        v.field("name", "NAME", Value::Str(&self.name));
        v.field("state", "STATE", Value::Status(self.state.0, &self.state.1));
        v.field("detail", "DETAIL", Value::Str(&self.detail));
    }
}

fn hooks(f: &[BpfFilter]) -> String {
    f.iter()
        .map(|x| format!("{} (prog {}, prio {})", x.name, x.prog_id, x.priority))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One row per program on the socket hooks of the cgroup root, or one saying why none.
fn cgroup_rows(root: &Path, rows: &mut Vec<Row>) -> Result<()> {
    let name = root.display().to_string();
    if !root.exists() || !cgroup::is_cgroup2(root) {
        let state = (Tone::Warn, "no cgroup2".to_string());
        let detail = "socket load balancing is off: no cgroup2 mounted here".to_string();
        rows.push(Row { kind: "cgroup", name, state, detail });
        return Ok(());
    }
    let all = cgroup::attachments(root)?;
    if all.is_empty() {
        let detail = "no programs on the socket hooks: socket load balancing is off".to_string();
        rows.push(Row { kind: "cgroup", name: name.clone(), state: (Tone::Warn, "none".into()), detail });
    }
    for a in all {
        let how = a.link_id.map_or("attached".to_string(), |l| format!("link {l}"));
        let state =
            if a.ours() { (Tone::Good, "ours".to_string()) } else { (Tone::Warn, "foreign".to_string()) };
        let detail = format!("{}: {} (prog {}, {how})", a.hook, a.prog_name, a.prog_id);
        rows.push(Row { kind: "cgroup", name: name.clone(), state, detail });
    }
    Ok(())
}

/// The kernel and what it offers the datapath, probed.
fn kernel_rows(rows: &mut Vec<Row>) {
    let detail =
        "programs attach as cls_bpf filters (netlink), socket LB through cgroup bpf_links".to_string();
    rows.push(Row {
        kind: "kernel",
        name: features::kernel_release(),
        state: (Tone::Good, "running".into()),
        detail,
    });
    for f in features::probe() {
        let state = match (f.present, f.required) {
            (Some(true), _) => (Tone::Good, "yes".to_string()),
            (Some(false), true) => (Tone::Bad, "missing".to_string()),
            (Some(false), false) => (Tone::Warn, "no".to_string()),
            (None, _) => (Tone::Warn, "unknown (probe failed)".to_string()),
        };
        rows.push(Row { kind: "feature", name: f.name.to_string(), state, detail: f.detail.to_string() });
    }
}

pub fn run(ctx: &mut Ctx<'_>, cgroup_root: &Path) -> Result<()> {
    let mut rows = Vec::new();
    kernel_rows(&mut rows);
    let mut nl = Netlink::open().map_err(|e| Error::sys("open", "rtnetlink socket", &e))?;
    for (idx, name) in iface::all() {
        let ing = nl.bpf_filters(idx, true).map_err(|e| Error::sys("dump filters of", &name, &e))?;
        let eg = nl.bpf_filters(idx, false).map_err(|e| Error::sys("dump filters of", &name, &e))?;
        let ours = [HOST_DEV, NET_DEV, VXLAN_DEV].contains(&name.as_str());
        if !ours && ing.is_empty() && eg.is_empty() {
            continue;
        }
        let link = nl.link(&name).map_err(|e| Error::sys("look up", &name, &e))?;
        let kind = link.as_ref().and_then(Netlink::kind).unwrap_or_else(|| "device".into());
        let up =
            link.as_ref().is_some_and(|l| l.header.flags.contains(netlink_packet_route::link::LinkFlags::Up));
        let mut detail = format!("{kind}, ifindex {idx}");
        if !ing.is_empty() {
            detail.push_str(&format!("; ingress: {}", hooks(&ing)));
        }
        if !eg.is_empty() {
            detail.push_str(&format!("; egress: {}", hooks(&eg)));
        }
        let state = if up { (Tone::Good, "up".to_string()) } else { (Tone::Warn, "down".to_string()) };
        rows.push(Row { kind: "device", name, state, detail });
    }
    cgroup_rows(cgroup_root, &mut rows)?;
    if maps::pin_path(ctx.bpffs, LXC.name).exists() {
        let lxc = maps::open_global(ctx.bpffs, &LXC, Access::Read)?;
        let mut eps = Vec::new();
        maps::for_each(&lxc, |k: EndpointKey, v: EndpointInfo| {
            eps.push((k, v));
            Ok(ControlFlow::Continue(()))
        })?;
        eps.sort_by_key(|(_, v)| v.lxc_id);
        // Our endpoints run the node's shared programs, which need their configuration
        // entry (keyed by the veth); endpoints with a calls map of their own (Cilium's, or
        // attached by an older ciliumrs) carry it in their programs.
        let ep_config = maps::open_global(ctx.bpffs, &crate::maps::spec::EP_CONFIG, maps::Access::Read).ok();
        let configured = |v: &EndpointInfo| -> Result<bool> {
            let own = crate::maps::spec::per_endpoint_name(&crate::maps::spec::CALLS, v.lxc_id.into());
            match &ep_config {
                Some(m) if !crate::maps::pin_path(ctx.bpffs, &own).exists() => {
                    Ok(maps::get::<_, crate::datapath::template::EpConfig>(m, &v.ifindex)?
                        .is_some_and(|c| c.lxc_id == v.lxc_id))
                }
                _ => Ok(true),
            }
        };
        for (k, v) in eps {
            let addr = AddrText(&k.addr, k.family).to_string();
            if v.flags & ENDPOINT_F_HOST != 0 {
                rows.push(Row {
                    kind: "endpoint",
                    name: "host".into(),
                    state: (Tone::Good, "local".into()),
                    detail: addr,
                });
                continue;
            }
            let ifname = iface::name(v.ifindex);
            let attached = match &ifname {
                Some(_) => nl
                    .bpf_filters(v.ifindex, true)
                    .map_err(|e| Error::sys("dump filters of", v.ifindex, &e))?
                    .iter()
                    .any(|f| f.name == slots::LXC_ENTRY_PROG),
                None => false,
            };
            let state = match (&ifname, attached, configured(&v)?) {
                (None, _, _) => (Tone::Bad, "interface gone".to_string()),
                (Some(_), false, _) => (Tone::Bad, "no program".to_string()),
                (Some(_), true, false) => (Tone::Bad, "no configuration".to_string()),
                (Some(_), true, true) => (Tone::Good, "attached".to_string()),
            };
            let detail = format!(
                "{addr} identity {} on {} (ifindex {})",
                v.sec_id,
                ifname.as_deref().unwrap_or("?"),
                v.ifindex
            );
            rows.push(Row { kind: "endpoint", name: format!("endpoint {}", v.lxc_id), state, detail });
        }
    }
    let dir = globals_dir(ctx.bpffs);
    if let Ok(rd) = std::fs::read_dir(&dir) {
        let mut names: Vec<String> = rd
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| crate::maps::is_listed_pin(n))
            .collect();
        names.sort();
        for name in names {
            let Ok(m) = MapFd::open_pinned(&dir.join(&name), true) else { continue };
            let i = m.info();
            let n = m.count_entries().ok().flatten();
            let abi = match spec::for_pin(&name, i) {
                Err(_) => (Tone::Bad, "ABI mismatch".to_string()),
                Ok(Some(_)) => (Tone::Good, "ok".to_string()),
                Ok(None) => (Tone::Warn, "unknown".to_string()),
            };
            let detail = match n {
                Some(n) => format!(
                    "{} {n}/{} ({:.1}%)",
                    i.map_type,
                    i.max_entries,
                    n as f64 * 100.0 / f64::from(i.max_entries.max(1))
                ),
                None => format!("{} max {}", i.map_type, i.max_entries),
            };
            rows.push(Row { kind: "map", name, state: abi, detail });
        }
    }
    let mut out = ctx.out.list(Human::Table)?;
    for r in &rows {
        out.row(r)?;
    }
    out.finish()?;
    Ok(())
}
