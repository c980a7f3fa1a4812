//! `ciliumrs init`: validate every input, then create and pin every global map of the seed
//! list with the v1.16 specs, then (unless `--maps-only`) bring the node up. An existing pin
//! that matches exactly is reused with its entries; one that does not is reported and left
//! untouched, never deleted or overwritten.

use crate::cli::InitArgs;
use crate::cmd::Ctx;
use crate::datapath::init::{self, HealthConfig, InitConfig};
use crate::datapath::node::NodeConfig;
use crate::datapath::socklb::SockLbConfig;
use crate::error::{Error, Result};
use crate::maps::create::{InitRow, MapAction};
use crate::output::Human;

pub fn run(ctx: &mut Ctx<'_>, args: &InitArgs) -> Result<()> {
    if let Some(s) = crate::agent::socket().filter(|_| !args.force) {
        return Err(Error::runtime(format!(
            "a Cilium agent runs here ({s} exists); init would replace its programs and maps' owner: use --force to do it anyway"
        )));
    }
    if args.maps_only {
        let extra: &[&crate::maps::spec::MapSpec] =
            if args.ipv6 { &crate::maps::spec::IPV6_MAPS } else { &[] };
        return report_maps(ctx, crate::maps::create::globals_with(ctx.bpffs, extra)?);
    }
    let steps = init::bring_up(ctx.bpffs, &node_config(args)?)?;
    super::attach::steps(ctx, &steps)
}

fn node_config(a: &InitArgs) -> Result<InitConfig> {
    let Some(pod_cidr) = a.pod_cidr else {
        return Err(Error::usage("--pod-cidr is needed to bring the node up"));
    };
    let ipv4_host = a.ipv4_host.unwrap_or_else(|| std::net::Ipv4Addr::from(u32::from(pod_cidr.addr) + 1));
    let native_devs = match a.native_devs.as_slice() {
        [] => crate::datapath::devices::default_route_device()?.into_iter().collect(),
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
        node_port_range: a.node_port_range,
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
        rows.iter().filter(|r| r.action == MapAction::Incompatible).map(|r| r.name).collect();
    if !incompatible.is_empty() {
        return Err(Error::runtime(format!(
            "{} map(s) pinned with another layout, left untouched: {} (remove them yourself if they are stale)",
            incompatible.len(),
            incompatible.join(", ")
        )));
    }
    Ok(())
}
