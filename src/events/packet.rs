//! A one-line summary of the packet bytes an event captured, from the Ethernet header on:
//! Ethernet, ARP, IPv4 (TCP with flags, UDP, ICMP), IPv6 (TCP, UDP, ICMPv6 with type
//! names, past the extension headers; IPv6 addresses in brackets beside a port, as
//! `cilium monitor` prints them). Parsing never
//! allocates and never panics; what cannot be parsed is summarised as such.

use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};

use crate::netaddr::Mac;
use crate::output::bytes::{Sink, Stack};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum L4 {
    Tcp {
        sport: u16,
        dport: u16,
        flags: u8,
    },
    Udp {
        sport: u16,
        dport: u16,
    },
    Icmp {
        ty: u8,
        code: u8,
    },
    Icmp6 {
        ty: u8,
        code: u8,
    },
    /// Another protocol, or a header cut short by the capture length.
    Other(u8),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Summary {
    Ipv4 { src: Ipv4Addr, dst: Ipv4Addr, l4: L4 },
    Ipv6 { src: Ipv6Addr, dst: Ipv6Addr, l4: L4 },
    Arp { op: u16, sha: Mac, spa: Ipv4Addr, tpa: Ipv4Addr },
    L2 { src: Mac, dst: Mac, ethertype: u16 },
    Unknown,
}

fn be16(b: &[u8], off: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*b.get(off)?, *b.get(off + 1)?]))
}

fn ip4(b: &[u8], off: usize) -> Option<Ipv4Addr> {
    let s = b.get(off..off + 4)?;
    Some(Ipv4Addr::new(s[0], s[1], s[2], s[3]))
}

fn mac(b: &[u8], off: usize) -> Option<Mac> {
    let s: [u8; 6] = b.get(off..off + 6)?.try_into().ok()?;
    Some(Mac::new(s))
}

impl Summary {
    pub fn parse(pkt: &[u8]) -> Summary {
        Self::try_parse(pkt).unwrap_or(Summary::Unknown)
    }

    fn try_parse(pkt: &[u8]) -> Option<Summary> {
        let ethertype = be16(pkt, 12)?;
        let l3 = pkt.get(14..)?;
        let l2 = || Some(Summary::L2 { src: mac(pkt, 6)?, dst: mac(pkt, 0)?, ethertype });
        match ethertype {
            0x0800 => {
                let vihl = *l3.first()?;
                let ihl = usize::from(vihl & 0xf) * 4;
                if vihl >> 4 != 4 || ihl < 20 {
                    return l2();
                }
                let (src, dst, proto) = (ip4(l3, 12)?, ip4(l3, 16)?, *l3.get(9)?);
                let frag = be16(l3, 6)? & 0x1fff;
                let l4b = l3.get(ihl..).unwrap_or(&[]);
                let l4 = if frag != 0 { L4::Other(proto) } else { l4_of(proto, l4b) };
                Some(Summary::Ipv4 { src, dst, l4 })
            }
            0x86dd => {
                let src: [u8; 16] = l3.get(8..24)?.try_into().ok()?;
                let dst: [u8; 16] = l3.get(24..40)?.try_into().ok()?;
                Some(Summary::Ipv6 { src: src.into(), dst: dst.into(), l4: ipv6_l4(l3) })
            }
            0x0806 if l3.len() >= 28 => Some(Summary::Arp {
                op: be16(l3, 6)?,
                sha: mac(l3, 8)?,
                spa: ip4(l3, 14)?,
                tpa: ip4(l3, 24)?,
            }),
            _ => l2(),
        }
    }

    /// Source and destination addresses of either family, when there are any.
    pub fn addrs(&self) -> Option<(std::net::IpAddr, std::net::IpAddr)> {
        match *self {
            Summary::Ipv6 { src, dst, .. } => Some((src.into(), dst.into())),
            _ => self.ipv4().map(|(s, d)| (s.into(), d.into())),
        }
    }

    /// Source and destination IPv4 addresses, when there are any.
    pub fn ipv4(&self) -> Option<(Ipv4Addr, Ipv4Addr)> {
        match *self {
            Summary::Ipv4 { src, dst, .. } => Some((src, dst)),
            Summary::Arp { spa, tpa, .. } => Some((spa, tpa)),
            _ => None,
        }
    }

    /// Source and destination ports, when there are any.
    pub fn ports(&self) -> Option<(u16, u16)> {
        match *self {
            Summary::Ipv4 { l4: L4::Tcp { sport, dport, .. } | L4::Udp { sport, dport }, .. }
            | Summary::Ipv6 { l4: L4::Tcp { sport, dport, .. } | L4::Udp { sport, dport }, .. } => {
                Some((sport, dport))
            }
            _ => None,
        }
    }

    /// The L4 protocol name, for JSON.
    pub fn proto(&self) -> Option<&'static str> {
        match *self {
            Summary::Ipv4 { l4: L4::Tcp { .. }, .. } => Some("tcp"),
            Summary::Ipv4 { l4: L4::Udp { .. }, .. } => Some("udp"),
            Summary::Ipv4 { l4: L4::Icmp { .. }, .. } => Some("icmp"),
            Summary::Ipv6 { l4: L4::Tcp { .. }, .. } => Some("tcp"),
            Summary::Ipv6 { l4: L4::Udp { .. }, .. } => Some("udp"),
            Summary::Ipv6 { l4: L4::Icmp6 { .. }, .. } => Some("icmpv6"),
            Summary::Arp { .. } => Some("arp"),
            _ => None,
        }
    }
}

const TCP_FLAGS: &[(u8, &str)] =
    &[(0x02, "SYN"), (0x10, "ACK"), (0x04, "RST"), (0x01, "FIN"), (0x08, "PSH"), (0x20, "URG")];

/// The L4 header of an IPv6 packet (`l3` from the IPv6 header on), past the extension
/// headers (hop-by-hop, routing, destination options, AH); a fragment other than the first
/// has none to show.
fn ipv6_l4(l3: &[u8]) -> L4 {
    let mut next = match l3.get(6) {
        Some(n) => *n,
        None => return L4::Other(59),
    };
    let mut off = 40usize;
    for _ in 0..8 {
        match next {
            0 | 43 | 60 => {
                let (Some(&n), Some(&len)) = (l3.get(off), l3.get(off + 1)) else { return L4::Other(next) };
                next = n;
                off += (usize::from(len) + 1) * 8;
            }
            51 => {
                let (Some(&n), Some(&len)) = (l3.get(off), l3.get(off + 1)) else { return L4::Other(next) };
                next = n;
                off += (usize::from(len) + 2) * 4;
            }
            44 => {
                let (Some(&n), Some(frag)) = (l3.get(off), be16(l3, off + 2)) else { return L4::Other(next) };
                if frag & 0xfff8 != 0 {
                    return L4::Other(n);
                }
                next = n;
                off += 8;
            }
            _ => break,
        }
    }
    l4_of(next, l3.get(off..).unwrap_or(&[]))
}

/// The L4 header `l4b` of protocol `proto` (ICMP of IPv4 as 1, ICMPv6 as 58); a header
/// cut short is `Other`.
fn l4_of(proto: u8, l4b: &[u8]) -> L4 {
    let ports = (be16(l4b, 0), be16(l4b, 2));
    let icmp = (l4b.first().copied(), l4b.get(1).copied());
    match (proto, ports, icmp) {
        (6, (Some(sport), Some(dport)), _) => match l4b.get(13) {
            Some(&flags) => L4::Tcp { sport, dport, flags },
            None => L4::Other(proto),
        },
        (17, (Some(sport), Some(dport)), _) => L4::Udp { sport, dport },
        (1, _, (Some(ty), Some(code))) => L4::Icmp { ty, code },
        (58, _, (Some(ty), Some(code))) => L4::Icmp6 { ty, code },
        (p, _, _) => L4::Other(p),
    }
}

/// ICMPv6 type names (RFC 4443, RFC 4861), in the style of the ICMP ones.
fn icmp6_name(ty: u8) -> Option<&'static str> {
    Some(match ty {
        1 => "DestinationUnreachable",
        2 => "PacketTooBig",
        3 => "TimeExceeded",
        4 => "ParameterProblem",
        128 => "EchoRequest",
        129 => "EchoReply",
        133 => "RouterSolicitation",
        134 => "RouterAdvertisement",
        135 => "NeighborSolicitation",
        136 => "NeighborAdvertisement",
        137 => "Redirect",
        _ => return None,
    })
}

fn icmp_name(ty: u8) -> Option<&'static str> {
    Some(match ty {
        0 => "EchoReply",
        3 => "DestinationUnreachable",
        5 => "Redirect",
        8 => "EchoRequest",
        11 => "TimeExceeded",
        12 => "ParameterProblem",
        _ => return None,
    })
}

impl Summary {
    /// Appends the summary's text (what Display prints) without `fmt` for the common kinds.
    pub fn write_to(&self, out: &mut impl Sink) {
        match *self {
            Summary::Ipv4 { src, dst, l4 } => match l4 {
                L4::Tcp { sport, dport, flags } => {
                    endpoints(out, src, sport, dst, dport);
                    out.str(" tcp");
                    let mut first = true;
                    for (bit, name) in TCP_FLAGS {
                        if flags & bit != 0 {
                            out.str(if first { " " } else { ", " });
                            out.str(name);
                            first = false;
                        }
                    }
                }
                L4::Udp { sport, dport } => {
                    endpoints(out, src, sport, dst, dport);
                    out.str(" udp");
                }
                L4::Icmp { ty, code } => {
                    out.ip(src);
                    out.str(" -> ");
                    out.ip(dst);
                    match icmp_name(ty) {
                        Some(n) => {
                            out.str(" ");
                            out.str(n);
                            if code != 0 {
                                out.str("(");
                                out.u64(code.into());
                                out.str(")");
                            }
                        }
                        None => {
                            out.str(" ICMP type ");
                            out.u64(ty.into());
                            out.str(" code ");
                            out.u64(code.into());
                        }
                    }
                }
                L4::Other(p) => {
                    out.ip(src);
                    out.str(" -> ");
                    out.ip(dst);
                    out.str(" proto ");
                    out.u64(p.into());
                }
                // ICMPv6 never rides in IPv4.
                L4::Icmp6 { .. } => {
                    out.ip(src);
                    out.str(" -> ");
                    out.ip(dst);
                    out.str(" proto 58");
                }
            },
            Summary::Arp { op: 1, spa, tpa, .. } => {
                out.str("ARP request who-has ");
                out.ip(tpa);
                out.str(" tell ");
                out.ip(spa);
            }
            // Rare kinds: through fmt.
            _ => {
                let mut s = Stack::<160>::new();
                let _ = fmt::Write::write_fmt(&mut s, format_args!("{}", Rare(self)));
                out.str(s.as_str());
            }
        }
    }
}

fn endpoints(out: &mut impl Sink, src: Ipv4Addr, sport: u16, dst: Ipv4Addr, dport: u16) {
    out.ip(src);
    out.str(":");
    out.u64(sport.into());
    out.str(" -> ");
    out.ip(dst);
    out.str(":");
    out.u64(dport.into());
}

/// The kinds `write_to` leaves to `fmt`.
struct Rare<'a>(&'a Summary);

impl fmt::Display for Rare<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self.0 {
            Summary::Ipv6 { src, dst, l4 } => match l4 {
                L4::Tcp { sport, dport, flags } => {
                    write!(f, "[{src}]:{sport} -> [{dst}]:{dport} tcp")?;
                    let names: Vec<&str> =
                        TCP_FLAGS.iter().filter(|(b, _)| flags & b != 0).map(|(_, n)| *n).collect();
                    if !names.is_empty() {
                        write!(f, " {}", names.join(", "))?;
                    }
                    Ok(())
                }
                L4::Udp { sport, dport } => write!(f, "[{src}]:{sport} -> [{dst}]:{dport} udp"),
                L4::Icmp6 { ty, code } => match icmp6_name(ty) {
                    Some(n) if code == 0 => write!(f, "{src} -> {dst} {n}"),
                    Some(n) => write!(f, "{src} -> {dst} {n}({code})"),
                    None => write!(f, "{src} -> {dst} ICMPv6 type {ty} code {code}"),
                },
                L4::Icmp { .. } | L4::Other(_) => {
                    let p = if let L4::Other(p) = l4 { p } else { 1 };
                    write!(f, "{src} -> {dst} next-header {p}")
                }
            },
            Summary::Arp { op: 2, sha, spa, .. } => write!(f, "ARP reply {spa} is-at {sha}"),
            Summary::Arp { op, spa, tpa, .. } => write!(f, "ARP op {op} {spa} -> {tpa}"),
            Summary::L2 { src, dst, ethertype } => write!(f, "{src} -> {dst} ethertype {ethertype:#06x}"),
            Summary::Ipv4 { .. } => Ok(()),
            Summary::Unknown => f.write_str("[unknown]"),
        }
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = Stack::<192>::new();
        self.write_to(&mut s);
        f.write_str(s.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::test_hex as hex;

    fn eth(ethertype: &str, rest: &str) -> Vec<u8> {
        hex(&format!("0a0b0c0d0e0f 1a1b1c1d1e1f {ethertype} {rest}"))
    }

    #[test]
    fn tcp_syn() {
        let p = eth(
            "0800",
            "45000028 0000 4000 4006 0000 0ac80b0b 0ac80c0c 9c40 1f90 00000000 00000000 5002 0000 0000 0000",
        );
        let s = Summary::parse(&p);
        assert_eq!(s.to_string(), "10.200.11.11:40000 -> 10.200.12.12:8080 tcp SYN");
        assert_eq!(s.ports(), Some((40000, 8080)));
    }

    #[test]
    fn icmp_arp_short_and_garbage() {
        let p = eth("0800", "45000054 0000 4000 4001 0000 0a000001 0a000002 0800 0000 0001 0001");
        assert_eq!(Summary::parse(&p).to_string(), "10.0.0.1 -> 10.0.0.2 EchoRequest");
        let arp = eth("0806", "0001 0800 06 04 0001 0a0b0c0d0e0f 0a000002 000000000000 0a000001");
        assert_eq!(Summary::parse(&arp).to_string(), "ARP request who-has 10.0.0.1 tell 10.0.0.2");
        let cut = eth("0800", "4500002800004000400600000a0000010a000002");
        assert_eq!(Summary::parse(&cut).to_string(), "10.0.0.1 -> 10.0.0.2 proto 6");
        assert_eq!(Summary::parse(&[1, 2, 3]), Summary::Unknown);
        assert!(Summary::parse(&eth("1234", "")).to_string().contains("ethertype 0x1234"));
    }

    /// IPv6: the L4 header past the extension headers, ports bracketed as `cilium monitor`
    /// prints them, ICMPv6 by name, a later fragment without an L4 header.
    #[test]
    fn ipv6_tcp_icmpv6_and_extension_headers() {
        let (a, b) = ("f00d0000000000000000000000000001", "f00d0000000000000000000000000002");
        // Hop-by-hop (next 6, length 0: 8 bytes), then a TCP SYN.
        let p = eth(
            "86dd",
            &format!(
                "60000000 0020 00 40 {a} {b} 06 00 0000 00000000 9c40 0050 00000000 00000000 5002 0000 0000 0000"
            ),
        );
        let s = Summary::parse(&p);
        assert_eq!(s.to_string(), "[f00d::1]:40000 -> [f00d::2]:80 tcp SYN");
        assert_eq!((s.ports(), s.proto()), (Some((40000, 80)), Some("tcp")));
        assert_eq!(s.addrs(), Some(("f00d::1".parse().unwrap(), "f00d::2".parse().unwrap())));
        let echo = eth("86dd", &format!("60000000 0008 3a 40 {a} {b} 80 00 0000 0001 0001"));
        assert_eq!(Summary::parse(&echo).to_string(), "f00d::1 -> f00d::2 EchoRequest");
        let ns = eth("86dd", &format!("60000000 0018 3a ff {a} {b} 87 00 0000 00000000 {b}"));
        assert_eq!(Summary::parse(&ns).to_string(), "f00d::1 -> f00d::2 NeighborSolicitation");
        assert_eq!(Summary::parse(&ns).proto(), Some("icmpv6"));
        // A fragment at offset 8: its UDP header is in the first fragment.
        let frag = eth("86dd", &format!("60000000 0010 2c 40 {a} {b} 11 00 0009 12345678 0000000000000000"));
        assert_eq!(Summary::parse(&frag).to_string(), "f00d::1 -> f00d::2 next-header 17");
        // Cut short: no panic, the addresses still shown.
        let cut = eth("86dd", &format!("60000000 0014 06 40 {a} {b} 9c40"));
        assert_eq!(Summary::parse(&cut).to_string(), "f00d::1 -> f00d::2 next-header 6");
    }
}
