//! `ciliumrs status`: the node at a glance: the kernel and its features, our devices and every device with programs on
//! its hooks (by netlink), the socket programs on the cgroup root, the endpoints of cilium_lxc with their filter, and the maps with
//! their fill level and ABI check.

use std::path::Path;

use crate::cmd::Ctx;
use crate::datapath::devices;
use crate::datapath::health::{self, State};
use crate::datapath::netlink::BpfFilter;
use crate::datapath::{cgroup, features};
use crate::error::Result;
use crate::maps::inventory::{self, Check};
use crate::maps::lxc::AddrText;
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
    for d in devices::with_programs()? {
        let mut detail = format!("{}, ifindex {}", d.kind, d.ifindex);
        if !d.ingress.is_empty() {
            detail.push_str(&format!("; ingress: {}", hooks(&d.ingress)));
        }
        if !d.egress.is_empty() {
            detail.push_str(&format!("; egress: {}", hooks(&d.egress)));
        }
        let state = if d.up { (Tone::Good, "up".to_string()) } else { (Tone::Warn, "down".to_string()) };
        rows.push(Row { kind: "device", name: d.name, state, detail });
    }
    cgroup_rows(cgroup_root, &mut rows)?;
    for ep in health::endpoints(ctx.bpffs)? {
        let addr = AddrText(&ep.key.addr, ep.key.family).to_string();
        let v = &ep.info;
        let (state, name, detail) = match ep.state {
            State::Host => ((Tone::Good, "local"), "host".to_string(), addr),
            s => {
                let state = match s {
                    State::InterfaceGone => (Tone::Bad, "interface gone"),
                    State::NoProgram => (Tone::Bad, "no program"),
                    State::NoConfiguration => (Tone::Bad, "no configuration"),
                    State::Attached | State::Host => (Tone::Good, "attached"),
                };
                let on = ep.ifname.as_deref().unwrap_or("?");
                let detail = format!("{addr} identity {} on {on} (ifindex {})", v.sec_id, v.ifindex);
                (state, format!("endpoint {}", v.lxc_id), detail)
            }
        };
        rows.push(Row { kind: "endpoint", name, state: (state.0, state.1.to_string()), detail });
    }
    // IPv6 maps beside an IPv4 datapath: said once, so nobody expects IPv6 packets handled.
    let v6: Vec<&str> = crate::maps::spec::IPV6_MAPS
        .iter()
        .filter(|s| crate::maps::pin_path(ctx.bpffs, s.name).exists())
        .map(|s| s.name)
        .collect();
    if !v6.is_empty() {
        let ours = crate::maps::abi::is_ours(ctx.bpffs);
        rows.push(Row {
            kind: "ipv6",
            name: format!("{} IPv6 maps", v6.len()),
            state: if ours { (Tone::Warn, "maps only".into()) } else { (Tone::Good, "dual-stack".into()) },
            detail: if ours {
                "the IPv6 halves are pinned and ciliumrs reads and writes them; this datapath is IPv4 and handles no IPv6 packet".into()
            } else {
                "the IPv6 halves of a dual-stack node: ciliumrs reads and writes them".into()
            },
        });
    }
    // A node without tc/globals has no map rows.
    for m in inventory::scan(ctx.bpffs).map(|i| i.maps).unwrap_or_default() {
        let abi = match m.check {
            Check::Mismatch(_) => (Tone::Bad, "ABI mismatch".to_string()),
            Check::Known(_) => (Tone::Good, "ok".to_string()),
            Check::Unknown => (Tone::Warn, "unknown".to_string()),
            Check::Unreadable(_) => continue,
        };
        let Some(i) = &m.info else { continue };
        let detail = match (m.entries, m.fill()) {
            (Some(n), Some(f)) => format!("{} {n}/{} ({:.1}%)", i.map_type, i.max_entries, f * 100.0),
            (Some(n), None) => format!("{} {n}/{} (0.0%)", i.map_type, i.max_entries),
            (None, _) => format!("{} max {}", i.map_type, i.max_entries),
        };
        rows.push(Row { kind: "map", name: m.name, state: abi, detail });
    }
    let mut out = ctx.out.list(Human::Table)?;
    for r in &rows {
        out.row(r)?;
    }
    out.finish()?;
    Ok(())
}
