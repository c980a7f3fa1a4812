//! `ciliumrs explain SRC DST[:PORT]`: the flow from the arguments, the answer of the model
//! ([`crate::explain`]) as a table or JSON.

use std::net::{IpAddr, Ipv4Addr};

use crate::cli::ExplainArgs;
use crate::cmd::Ctx;
use crate::error::{Error, Result};
use crate::explain::maps::Live;
use crate::explain::{Request, explain};
use crate::output::{Format, Human};

fn ipv4(what: &str, s: &str) -> Result<Ipv4Addr> {
    match s.parse::<IpAddr>() {
        Ok(IpAddr::V4(a)) => Ok(a),
        Ok(IpAddr::V6(_)) => Err(Error::bad_value(what, s, "IPv6 flows are not explained yet (IPv4 only)")),
        Err(_) => Err(Error::bad_value(what, s, "not an IPv4 address")),
    }
}

/// The request the arguments describe, every value checked.
pub fn request(src: &str, dst_arg: &str, proto: Option<&str>, sport: Option<u16>) -> Result<Request> {
    let src = ipv4("SRC", src)?;
    let (dst, port) = match dst_arg.rsplit_once(':') {
        Some((ip, p)) if !ip.contains(':') => {
            let port = p
                .parse::<u16>()
                .ok()
                .filter(|p| *p > 0)
                .ok_or_else(|| Error::bad_value("port", p, "expected 1-65535"))?;
            (ipv4("DST", ip)?, Some(port))
        }
        _ => (ipv4("DST", dst_arg)?, None),
    };
    let proto = match (proto, port) {
        (None, None) | (Some("icmp"), None) => 1,
        (None, Some(p)) => {
            return Err(Error::usage(format!("{}:{p}: a port needs --proto tcp or --proto udp", dst)));
        }
        (Some("icmp"), Some(p)) => {
            return Err(Error::usage(format!(
                "{}:{p}: ICMP has no port; drop it, or use --proto tcp|udp",
                dst
            )));
        }
        (Some("tcp"), Some(_)) => 6,
        (Some("udp"), Some(_)) => 17,
        (Some(p @ ("tcp" | "udp")), None) => {
            return Err(Error::usage(format!("--proto {p} needs a port: DST:PORT")));
        }
        (Some(other), _) => return Err(Error::bad_value("--proto", other, "expected tcp, udp or icmp")),
    };
    Ok(Request { src, dst, dport: port.unwrap_or(0), proto, sport })
}

pub fn run(ctx: &mut Ctx<'_>, a: &ExplainArgs) -> Result<()> {
    let req = request(&a.src, &a.dst, a.proto.as_deref(), a.sport)?;
    let mut maps = Live::with_version(ctx.bpffs, ctx.cilium_version);
    let answer = match (a.ingress.as_deref(), a.src_identity) {
        (None, _) => explain(&mut maps, req)?,
        (Some(dev), vni) => {
            let ifindex = crate::datapath::iface::index(dev)
                .map_err(|_| Error::bad_value("--ingress", dev, "no such device here"))?;
            match (dev == crate::datapath::devices::VXLAN_DEV, vni) {
                (true, Some(vni)) => crate::explain::overlay::from_overlay(&mut maps, req, vni)?,
                (true, None) => {
                    return Err(Error::usage("--ingress cilium_vxlan needs --src-identity (the VNI)"));
                }
                (false, None) => crate::explain::netdev::from_netdev(&mut maps, req, dev, ifindex)?,
                (false, Some(_)) => {
                    return Err(Error::usage(format!(
                        "--src-identity is for --ingress cilium_vxlan; on {dev} the sender's identity comes from the ipcache"
                    )));
                }
            }
        }
    };
    show(ctx, &[(None, &answer)])
}

/// Answers as a table (a node column when there are several nodes) or JSON (one object, or
/// an array of them with their `node` for several).
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
