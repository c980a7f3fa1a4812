//! `ciliumrs init`: validate every input, then create and pin every global map of the seed
//! list with the v1.16 specs, then (unless `--maps-only`) bring the node up. An existing pin
//! that matches exactly is reused with its entries; one that does not is reported and left
//! untouched, never deleted or overwritten.

use crate::cli::InitArgs;
use crate::cmd::Ctx;
use crate::datapath::node::{HealthConfig, InitConfig, NodeConfig, Step};
use crate::datapath::socklb::SockLbConfig;
use crate::error::{Error, Result};
use crate::maps::create::InitRow;
use crate::output::Human;

pub fn run(ctx: &mut Ctx<'_>, args: &InitArgs) -> Result<()> {
    if let Some(s) = crate::agent::socket().filter(|_| !args.force) {
        return Err(Error::runtime(format!(
            "a Cilium agent runs here ({s} exists); init would replace its programs and maps' owner: use --force to do it anyway"
        )));
    }
    let node = if args.maps_only { None } else { Some(node_config(args)?) };
    if let Some(cfg) = &node {
        cfg.validate()?;
    }
    let rows = crate::maps::create::globals(ctx.bpffs)?;
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
    let ((lo, hi), (nlo, nhi)) = (a.node_port.snat_port_range, a.node_port_range);
    if a.node_port.node_port && lo <= nhi && nlo <= hi {
        return Err(Error::usage(format!(
            "--snat-port-range {lo}-{hi} overlaps --node-port-range {nlo}-{nhi}: translated requests would take NodePorts"
        )));
    }
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
        node: NodeConfig {
            host_ep_id: a.host_ep_id,
            pod_cidr_len: pod_cidr.len,
            trace: !a.no_trace,
            node_port: a.node_port.settings(),
        },
        node_port_addrs: a.node_port.node_port_addrs.clone(),
        health: (!a.no_health).then(|| HealthConfig {
            netns: a.health_netns.clone(),
            ipv4: a.health_ipv4.unwrap_or_else(|| std::net::Ipv4Addr::from(u32::from(pod_cidr.addr) + 2)),
            ep_id: a.health_ep_id,
        }),
        sock: a.host_lb.then(|| SockLbConfig {
            cgroup_root: a.cgroup_root.path.clone(),
            udp: a.host_lb_udp,
            peer: a.host_lb_peer,
            node_port_bind: a.node_port_bind,
            trace: !a.no_trace,
            nodeport_range: a.node_port_range,
        }),
    })
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
