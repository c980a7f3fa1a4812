//! A one-line summary of the packet bytes an event captured, from the Ethernet header on:
//! Ethernet, ARP, IPv4 (TCP with flags, UDP, ICMP), IPv6 addresses. Parsing never
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
    /// Another protocol, or a header cut short by the capture length.
    Other(u8),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Summary {
    Ipv4 { src: Ipv4Addr, dst: Ipv4Addr, l4: L4 },
    Ipv6 { src: Ipv6Addr, dst: Ipv6Addr, next: u8 },
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
                let l4 = if frag != 0 {
                    L4::Other(proto)
                } else {
                    match proto {
                        6 => match (be16(l4b, 0), be16(l4b, 2), l4b.get(13)) {
                            (Some(sport), Some(dport), Some(&flags)) => L4::Tcp { sport, dport, flags },
                            _ => L4::Other(proto),
                        },
                        17 => match (be16(l4b, 0), be16(l4b, 2)) {
                            (Some(sport), Some(dport)) => L4::Udp { sport, dport },
                            _ => L4::Other(proto),
                        },
                        1 => match (l4b.first(), l4b.get(1)) {
                            (Some(&ty), Some(&code)) => L4::Icmp { ty, code },
                            _ => L4::Other(proto),
                        },
                        p => L4::Other(p),
                    }
                };
                Some(Summary::Ipv4 { src, dst, l4 })
            }
            0x86dd => {
                let src: [u8; 16] = l3.get(8..24)?.try_into().ok()?;
                let dst: [u8; 16] = l3.get(24..40)?.try_into().ok()?;
                Some(Summary::Ipv6 { src: src.into(), dst: dst.into(), next: *l3.get(6)? })
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
            Summary::Ipv4 { l4: L4::Tcp { sport, dport, .. } | L4::Udp { sport, dport }, .. } => {
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
            Summary::Arp { .. } => Some("arp"),
            _ => None,
        }
    }
}

const TCP_FLAGS: &[(u8, &str)] =
    &[(0x02, "SYN"), (0x10, "ACK"), (0x04, "RST"), (0x01, "FIN"), (0x08, "PSH"), (0x20, "URG")];

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
            Summary::Ipv6 { src, dst, next } => write!(f, "{src} -> {dst} next-header {next}"),
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
}
