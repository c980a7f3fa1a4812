//! `ciliumrs explain SRC DST[:PORT]`: the flow from the arguments, the answer of the model
//! ([`crate::explain`]) as a table or JSON.

use std::net::IpAddr;

use crate::cli::ExplainArgs;
use crate::cmd::Ctx;
use crate::error::{Error, Result};
use crate::explain::ipv6::Entry6;
use crate::explain::maps::Live;
use crate::explain::{FlowId, Request, explain};
use crate::output::{Format, Human};

fn ip(what: &str, s: &str) -> Result<IpAddr> {
    s.parse::<IpAddr>().map_err(|_| Error::bad_value(what, s, "not an IPv4 or IPv6 address"))
}

fn port(p: &str) -> Result<u16> {
    p.parse::<u16>().ok().filter(|p| *p > 0).ok_or_else(|| Error::bad_value("port", p, "expected 1-65535"))
}

/// A flow of either family, every value checked.
pub enum Parsed {
    V4(Request),
    V6(FlowId),
}

/// The flow the arguments describe: `DST[:PORT]`, `[IPV6]:PORT` with a port.
pub fn parse(src: &str, dst_arg: &str, proto: Option<&str>, sport: Option<u16>) -> Result<Parsed> {
    let src_ip = ip("SRC", src)?;
    let (dst, port) = if let Some(rest) = dst_arg.strip_prefix('[') {
        let Some((a, p)) = rest.split_once("]:") else {
            return Err(Error::bad_value("DST", dst_arg, "expected [IPV6]:PORT"));
        };
        match ip("DST", a)? {
            IpAddr::V6(a) => (IpAddr::V6(a), Some(port(p)?)),
            IpAddr::V4(_) => return Err(Error::bad_value("DST", dst_arg, "brackets are for IPv6 addresses")),
        }
    } else if let Ok(a) = dst_arg.parse::<IpAddr>() {
        (a, None)
    } else {
        match dst_arg.rsplit_once(':') {
            Some((a, p)) if !a.contains(':') => (ip("DST", a)?, Some(port(p)?)),
            _ => return Err(Error::bad_value("DST", dst_arg, "not an IPv4 or IPv6 address")),
        }
    };
    if src_ip.is_ipv4() != dst.is_ipv4() {
        return Err(Error::usage(format!("SRC {src} and DST {dst}: different address families")));
    }
    let shown = match (dst, port) {
        (IpAddr::V6(a), Some(p)) => format!("[{a}]:{p}"),
        (a, Some(p)) => format!("{a}:{p}"),
        (a, None) => a.to_string(),
    };
    let icmp = if dst.is_ipv4() { 1 } else { 58 };
    let proto = match (proto, port) {
        (None | Some("icmp"), None) => icmp,
        (Some("icmpv6"), None) if !dst.is_ipv4() => icmp,
        (None, Some(_)) => {
            return Err(Error::usage(format!("{shown}: a port needs --proto tcp or --proto udp")));
        }
        (Some("icmp" | "icmpv6"), Some(_)) => {
            return Err(Error::usage(format!("{shown}: ICMP has no port; drop it, or use --proto tcp|udp")));
        }
        (Some("tcp"), Some(_)) => 6,
        (Some("udp"), Some(_)) => 17,
        (Some(p @ ("tcp" | "udp")), None) => {
            return Err(Error::usage(format!("--proto {p} needs a port: DST:PORT")));
        }
        (Some(other), _) => return Err(Error::bad_value("--proto", other, "expected tcp, udp or icmp")),
    };
    let dport = port.unwrap_or(0);
    Ok(match (src_ip, dst) {
        (IpAddr::V4(src), IpAddr::V4(dst)) => Parsed::V4(Request { src, dst, dport, proto, sport }),
        (IpAddr::V6(_), IpAddr::V6(_)) => Parsed::V6(FlowId { src: src_ip, dst, dport, proto, sport }),
        _ => return Err(Error::usage(format!("SRC {src} and DST {dst}: different address families"))),
    })
}

/// An IPv4 flow (`lab explain`, whose walk crosses the lab's IPv4 nodes).
pub fn request(src: &str, dst_arg: &str, proto: Option<&str>, sport: Option<u16>) -> Result<Request> {
    match parse(src, dst_arg, proto, sport)? {
        Parsed::V4(r) => Ok(r),
        Parsed::V6(r) => Err(Error::bad_value(
            "DST",
            dst_arg,
            format!(
                "{}: the lab's nodes are IPv4; explain an IPv6 flow on a node with `ciliumrs explain`",
                r.dst
            ),
        )),
    }
}

pub fn run(ctx: &mut Ctx<'_>, a: &ExplainArgs) -> Result<()> {
    let req = match parse(&a.src, &a.dst, a.proto.as_deref(), a.sport)? {
        Parsed::V4(r) => r,
        Parsed::V6(r) => {
            let mut maps = Live::with_version(ctx.bpffs, ctx.cilium_version);
            let entry = match (a.ingress.as_deref(), a.src_identity) {
                (None, _) => Entry6::Source,
                (Some(dev), _) if dev == crate::datapath::devices::VXLAN_DEV => Entry6::Overlay,
                (Some(dev), None) => Entry6::Device { name: dev, ifindex: ingress_index(dev)? },
                (Some(dev), Some(_)) => return Err(src_identity_misplaced(dev)),
            };
            let answer = crate::explain::ipv6::explain6(&mut maps, r, entry)?;
            return show(ctx, &[(None, &answer)]);
        }
    };
    let mut maps = Live::with_version(ctx.bpffs, ctx.cilium_version);
    let answer = match (a.ingress.as_deref(), a.src_identity) {
        (None, _) => explain(&mut maps, req)?,
        (Some(dev), vni) => {
            let ifindex = ingress_index(dev)?;
            match (dev == crate::datapath::devices::VXLAN_DEV, vni) {
                (true, Some(vni)) => crate::explain::overlay::from_overlay(&mut maps, req, vni)?,
                (true, None) => {
                    return Err(Error::usage("--ingress cilium_vxlan needs --src-identity (the VNI)"));
                }
                (false, None) => crate::explain::netdev::from_netdev(&mut maps, req, dev, ifindex)?,
                (false, Some(_)) => return Err(src_identity_misplaced(dev)),
            }
        }
    };
    show(ctx, &[(None, &answer)])
}

/// Answers as a table (a node column when there are several nodes) or JSON (one object, or
/// an array of them with their `node` for several).
fn ingress_index(dev: &str) -> Result<u32> {
    crate::datapath::iface::index(dev).map_err(|_| Error::bad_value("--ingress", dev, "no such device here"))
}

fn src_identity_misplaced(dev: &str) -> Error {
    Error::usage(format!(
        "--src-identity is for --ingress cilium_vxlan; on {dev} the sender's identity comes from the ipcache"
    ))
}

pub fn show(ctx: &mut Ctx<'_>, answers: &[(Option<&str>, &crate::explain::Answer)]) -> Result<()> {
    if ctx.out.format() == Format::Json {
        let one = |(node, a): &(Option<&str>, &crate::explain::Answer)| {
            let mut v = a.json();
            if let (Some(n), Some(o)) = (node, v.as_object_mut()) {
                o.insert("node".into(), serde_json::json!(n));
            }
            v
        };
        let v = match answers {
            [single @ (None, _)] => one(single),
            many => serde_json::Value::Array(many.iter().map(one).collect()),
        };
        let text = v.to_string();
        ctx.out.append(|b| {
            b.extend_from_slice(text.as_bytes());
            b.push(b'\n');
        })?;
        return Ok(());
    }
    let mut out = ctx.out.list(Human::Table)?;
    for (node, answer) in answers {
        for mut row in answer.rows() {
            if let Some(n) = node {
                row.on_node(n);
            }
            out.row(&row)?;
        }
    }
    out.finish()?;
    Ok(())
}
