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
fn request(a: &ExplainArgs) -> Result<Request> {
    let src = ipv4("SRC", &a.src)?;
    let (dst, port) = match a.dst.rsplit_once(':') {
        Some((ip, p)) if !ip.contains(':') => {
            let port = p
                .parse::<u16>()
                .ok()
                .filter(|p| *p > 0)
                .ok_or_else(|| Error::bad_value("port", p, "expected 1-65535"))?;
            (ipv4("DST", ip)?, Some(port))
        }
        _ => (ipv4("DST", &a.dst)?, None),
    };
    let proto = match (a.proto.as_deref(), port) {
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
    Ok(Request { src, dst, dport: port.unwrap_or(0), proto, sport: a.sport })
}

pub fn run(ctx: &mut Ctx<'_>, a: &ExplainArgs) -> Result<()> {
    let req = request(a)?;
    let mut maps = Live::new(ctx.bpffs);
    let answer = explain(&mut maps, req)?;
    if ctx.out.format() == Format::Json {
        let text = answer.json().to_string();
        ctx.out.append(|b| {
            b.extend_from_slice(text.as_bytes());
            b.push(b'\n');
        })?;
        return Ok(());
    }
    let mut out = ctx.out.list(Human::Table)?;
    for row in answer.rows() {
        out.row(&row)?;
    }
    out.finish()?;
    Ok(())
}
