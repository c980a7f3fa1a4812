//! `ciliumrs init`: validate every input, then create and pin every global map of the seed
//! list with the v1.16 specs, then (unless `--maps-only`) bring the node up. An existing pin
//! that matches exactly is reused with its entries; one that does not is reported and left
//! untouched, never deleted or overwritten.

use std::path::Path;

use crate::bpf::map::CreateSpec;
use crate::bpf::{MapFd, cpus::possible_cpus};
use crate::cli::InitArgs;
use crate::cmd::Ctx;
use crate::datapath::node::{HealthConfig, InitConfig, NodeConfig, Step};
use crate::error::{Error, Result};
use crate::maps::{globals_dir, spec};
use crate::output::{Human, Record, Tone, Value, Visit};

/// `BPF_FS_MAGIC` from linux/magic.h.
const BPF_FS_MAGIC: i64 = 0xcafe_4a11;

struct InitRow {
    name: &'static str,
    action: (Tone, &'static str),
    detail: String,
}

impl Record for InitRow {
    fn visit(&self, v: &mut dyn Visit) {
        v.field("map", "MAP", Value::Str(self.name));
        v.field("action", "ACTION", Value::Status(self.action.0, self.action.1));
        v.field("detail", "DETAIL", Value::Str(&self.detail));
    }
}

fn is_bpffs(path: &Path) -> std::io::Result<bool> {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes())
        .map_err(|_| std::io::Error::from(std::io::ErrorKind::InvalidInput))?;
    // SAFETY: statfs writes into a zeroed struct we own; c is a valid NUL-terminated path.
    let mut st: libc::statfs = unsafe { std::mem::zeroed() };
    if unsafe { libc::statfs(c.as_ptr(), &mut st) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(st.f_type as i64 == BPF_FS_MAGIC)
}

pub fn run(ctx: &mut Ctx<'_>, args: &InitArgs) -> Result<()> {
    let node = if args.maps_only { None } else { Some(node_config(args)?) };
    if let Some(cfg) = &node {
        cfg.validate()?;
    }
    let rows = create_maps(ctx.bpffs)?;
    if let Some(cfg) = node {
        let incompatible: Vec<&str> =
            rows.iter().filter(|r| r.action.1 == "incompatible").map(|r| r.name).collect();
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
                detail: format!("{} {}", r.action.1, r.detail),
            })
            .collect();
        steps.extend(crate::datapath::node::init_node(ctx.bpffs, &cfg)?);
        return super::attach::steps(ctx, &steps);
    }
    report_maps(ctx, rows)
}

fn node_config(a: &InitArgs) -> Result<InitConfig> {
    let Some(pod_cidr) = a.pod_cidr else {
        return Err(Error::usage("--pod-cidr is needed to bring the node up"));
    };
    let ipv4_host = a.ipv4_host.unwrap_or_else(|| std::net::Ipv4Addr::from(u32::from(pod_cidr.addr) + 1));
    let native_devs = match a.native_devs.as_slice() {
        [] => crate::datapath::node::default_route_device()?.into_iter().collect(),
        [none] if none == "none" => Vec::new(),
        devs => devs.to_vec(),
    };
    Ok(InitConfig {
        ipv4_host,
        pod_cidr,
        mode: a.mode.into(),
        native_devs,
        mtu: a.mtu,
        node: NodeConfig { host_ep_id: a.host_ep_id, pod_cidr_len: pod_cidr.len, trace: !a.no_trace },
        health: (!a.no_health).then(|| HealthConfig {
            netns: a.health_netns.clone(),
            ipv4: a.health_ipv4.unwrap_or_else(|| std::net::Ipv4Addr::from(u32::from(pod_cidr.addr) + 2)),
            ep_id: a.health_ep_id,
        }),
    })
}

/// Creates or reuses every global map; one row each.
fn create_maps(bpffs: &Path) -> Result<Vec<InitRow>> {
    match is_bpffs(bpffs) {
        Ok(true) => {}
        Ok(false) => {
            return Err(Error::runtime(format!(
                "{} is not a bpffs mount (mount one with 'mount -t bpf bpf {}')",
                bpffs.display(),
                bpffs.display()
            )));
        }
        Err(e) => return Err(Error::sys("inspect", bpffs.display(), &e)),
    }
    let dir = globals_dir(bpffs);
    std::fs::create_dir_all(&dir).map_err(|e| Error::sys("create directory", dir.display(), &e))?;
    let ncpus = possible_cpus().map_err(|e| Error::sys("read", "possible CPUs", &e))?;
    let mut rows = Vec::new();
    for s in spec::globals() {
        let path = dir.join(s.name);
        let row = if path.exists() {
            let map = MapFd::open_pinned(&path, true).map_err(|e| Error::open(&path, &e))?;
            match s.check_exact(map.info(), ncpus) {
                Ok(()) => {
                    let n = map.count_entries().ok().flatten();
                    let detail = n.map_or_else(String::new, |n| format!("{n} entries kept"));
                    InitRow { name: s.name, action: (Tone::Good, "reused"), detail }
                }
                Err(m) => InitRow {
                    name: s.name,
                    action: (Tone::Bad, "incompatible"),
                    detail: format!("{m}; left untouched"),
                },
            }
        } else {
            let cs = CreateSpec {
                map_type: s.map_type,
                key_size: s.key_size,
                value_size: s.value_size,
                max_entries: s.max_entries(ncpus),
                flags: s.flags,
                name: s.name,
            };
            let mut map = MapFd::create(&cs).map_err(|e| Error::sys("create map", s.name, &e))?;
            map.pin(&path).map_err(|e| Error::sys("pin map at", path.display(), &e))?;
            let detail =
                format!("{} key {} value {} max {}", s.map_type, s.key_size, s.value_size, cs.max_entries);
            InitRow { name: s.name, action: (Tone::Good, "created"), detail }
        };
        rows.push(row);
    }
    Ok(rows)
}

fn report_maps(ctx: &mut Ctx<'_>, rows: Vec<InitRow>) -> Result<()> {
    let mut out = ctx.out.list(Human::Table)?;
    for row in &rows {
        out.row(row)?;
    }
    out.finish()?;
    let incompatible: Vec<&str> =
        rows.iter().filter(|r| r.action.1 == "incompatible").map(|r| r.name).collect();
    if !incompatible.is_empty() {
        return Err(Error::runtime(format!(
            "{} map(s) pinned with another layout, left untouched: {} (remove them yourself if they are stale)",
            incompatible.len(),
            incompatible.join(", ")
        )));
    }
    Ok(())
}
