//! Parsers for what operators type: CIDRs, `ip:port`, MACs, L4 protocols, `port/proto`.
//! Each rejects bad input with a message naming the value and what is wrong with it.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::str::FromStr;

/// An error from one of these parsers: the reason only; the caller names the value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError(pub String);

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ParseError {}

fn err<T>(msg: impl Into<String>) -> Result<T, ParseError> {
    Err(ParseError(msg.into()))
}

fn parse_ip(s: &str) -> Result<Ipv4Addr, ParseError> {
    if s.contains(':') && s.parse::<std::net::Ipv6Addr>().is_ok() {
        return err(format!("'{s}' is IPv6; only IPv4 is supported"));
    }
    s.parse::<Ipv4Addr>().or_else(|_| err(format!("'{s}' is not an IPv4 address")))
}

/// Parses an IPv4 address with a clear message.
pub fn ipv4(s: &str) -> Result<Ipv4Addr, ParseError> {
    parse_ip(s)
}

fn parse_port(s: &str) -> Result<u16, ParseError> {
    match s.parse::<u32>() {
        Ok(p) if p <= 65535 => Ok(p as u16),
        Ok(p) => err(format!("port {p} is over 65535")),
        Err(_) => err(format!("port '{s}' is not a number")),
    }
}

/// An IPv4 prefix. Host bits beyond the prefix must be zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Cidr4 {
    pub addr: Ipv4Addr,
    pub len: u8,
}

impl Cidr4 {
    /// The prefix of length `len` (0-32) that holds `ip`.
    pub fn of(ip: Ipv4Addr, len: u8) -> Cidr4 {
        let len = len.min(32);
        Cidr4 { addr: Ipv4Addr::from(u32::from(ip) & Cidr4::mask(len)), len }
    }

    pub fn host(addr: Ipv4Addr) -> Cidr4 {
        Cidr4 { addr, len: 32 }
    }

    pub fn mask(len: u8) -> u32 {
        if len == 0 { 0 } else { u32::MAX << (32 - u32::from(len.min(32))) }
    }

    pub fn contains(&self, ip: Ipv4Addr) -> bool {
        let m = Self::mask(self.len);
        u32::from(ip) & m == u32::from(self.addr) & m
    }
}

/// `ADDR[/LEN]`: the address text and the length (`max` when there is none), the length
/// checked against `max`.
fn split_len(s: &str, max: u8) -> Result<(&str, u8), ParseError> {
    match s.split_once('/') {
        Some((ip, len)) => match len.parse::<u32>() {
            Ok(l) if l <= u32::from(max) => Ok((ip, l as u8)),
            Ok(l) => err(format!("prefix length {l} is over {max}")),
            Err(_) => err(format!("prefix length '{len}' is not a number")),
        },
        None => Ok((s, max)),
    }
}

impl FromStr for Cidr4 {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Cidr4, ParseError> {
        let (ip, len) = split_len(s, 32)?;
        let ip = parse_ip(ip)?;
        let net = u32::from(ip) & Cidr4::mask(len);
        if net != u32::from(ip) {
            return err(format!("host bits are set; did you mean {}/{len}?", Ipv4Addr::from(net)));
        }
        Ok(Cidr4 { addr: ip, len })
    }
}

impl fmt::Display for Cidr4 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.addr, self.len)
    }
}

/// `ip:port`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SockAddr4 {
    pub ip: Ipv4Addr,
    pub port: u16,
}

impl FromStr for SockAddr4 {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<SockAddr4, ParseError> {
        let Some((ip, port)) = s.rsplit_once(':') else {
            return err("expected IP:PORT");
        };
        Ok(SockAddr4 { ip: parse_ip(ip)?, port: parse_port(port)? })
    }
}

impl From<SockAddr4> for SockAddr {
    fn from(a: SockAddr4) -> SockAddr {
        SockAddr { ip: IpAddr::V4(a.ip), port: a.port }
    }
}

impl fmt::Display for SockAddr4 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.ip, self.port)
    }
}

/// An IPv6 prefix. Host bits beyond the prefix must be zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Cidr6 {
    pub addr: Ipv6Addr,
    pub len: u8,
}

impl Cidr6 {
    pub fn mask(len: u8) -> u128 {
        if len == 0 { 0 } else { u128::MAX << (128 - u32::from(len.min(128))) }
    }

    pub fn contains(&self, ip: Ipv6Addr) -> bool {
        let m = Self::mask(self.len);
        u128::from(ip) & m == u128::from(self.addr) & m
    }
}

fn parse_ip6(s: &str) -> Result<Ipv6Addr, ParseError> {
    if s.parse::<Ipv4Addr>().is_ok() {
        return err(format!("'{s}' is IPv4; an IPv6 address is wanted here"));
    }
    s.parse::<Ipv6Addr>().or_else(|_| err(format!("'{s}' is not an IPv6 address")))
}

impl FromStr for Cidr6 {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Cidr6, ParseError> {
        let (ip, len) = split_len(s, 128)?;
        let ip = parse_ip6(ip)?;
        let net = u128::from(ip) & Cidr6::mask(len);
        if net != u128::from(ip) {
            return err(format!("host bits are set; did you mean {}/{len}?", Ipv6Addr::from(net)));
        }
        Ok(Cidr6 { addr: ip, len })
    }
}

impl fmt::Display for Cidr6 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.addr, self.len)
    }
}

/// A prefix of either family: IPv6 when it has a ':'.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cidr {
    V4(Cidr4),
    V6(Cidr6),
}

impl Cidr {
    /// Whether `ip` is inside; never across families.
    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self, ip) {
            (Cidr::V4(c), IpAddr::V4(a)) => c.contains(a),
            (Cidr::V6(c), IpAddr::V6(a)) => c.contains(a),
            _ => false,
        }
    }

    /// The prefix length.
    pub fn prefix_len(&self) -> u8 {
        match self {
            Cidr::V4(c) => c.len,
            Cidr::V6(c) => c.len,
        }
    }

    /// 4 or 6.
    pub fn family(&self) -> u8 {
        match self {
            Cidr::V4(_) => 4,
            Cidr::V6(_) => 6,
        }
    }
}

impl FromStr for Cidr {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Cidr, ParseError> {
        if s.matches(':').count() > 1 { s.parse().map(Cidr::V6) } else { s.parse().map(Cidr::V4) }
    }
}

impl fmt::Display for Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cidr::V4(c) => c.fmt(f),
            Cidr::V6(c) => c.fmt(f),
        }
    }
}

/// `ip:port` of either family: `10.0.0.1:80` or `[fd00::1]:80`, as Cilium prints them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SockAddr {
    pub ip: IpAddr,
    pub port: u16,
}

impl FromStr for SockAddr {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<SockAddr, ParseError> {
        if let Some(rest) = s.strip_prefix('[') {
            let Some((ip, port)) = rest.split_once("]:") else {
                return err("expected [IPV6]:PORT");
            };
            return Ok(SockAddr { ip: IpAddr::V6(parse_ip6(ip)?), port: parse_port(port)? });
        }
        if s.matches(':').count() > 1 {
            return err("an IPv6 address with a port is written [IPV6]:PORT");
        }
        let a: SockAddr4 = s.parse()?;
        Ok(SockAddr { ip: IpAddr::V4(a.ip), port: a.port })
    }
}

impl fmt::Display for SockAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.ip {
            IpAddr::V4(a) => write!(f, "{a}:{}", self.port),
            IpAddr::V6(a) => write!(f, "[{a}]:{}", self.port),
        }
    }
}

/// `CIDR[:port]`, a connection-tracking filter side: `10.0.0.0/8:80`, `fd00::/64`, or
/// `[fd00::/64]:80`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CidrPort {
    pub cidr: Cidr,
    pub port: Option<u16>,
}

impl CidrPort {
    pub fn matches(&self, ip: IpAddr, port: u16) -> bool {
        self.cidr.contains(ip) && self.port.is_none_or(|p| p == port)
    }
}

impl FromStr for CidrPort {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<CidrPort, ParseError> {
        if let Some(rest) = s.strip_prefix('[') {
            let Some((c, p)) = rest.split_once("]:") else {
                return err("expected [IPV6-CIDR]:PORT");
            };
            return Ok(CidrPort { cidr: Cidr::V6(c.parse()?), port: Some(parse_port(p)?) });
        }
        // An IPv6 address has two colons at least; IPv4 with a port has one.
        if s.matches(':').count() > 1 {
            return Ok(CidrPort { cidr: s.parse()?, port: None });
        }
        match s.rsplit_once(':') {
            Some((c, p)) => Ok(CidrPort { cidr: c.parse()?, port: Some(parse_port(p)?) }),
            None => Ok(CidrPort { cidr: s.parse()?, port: None }),
        }
    }
}

/// A MAC address in wire order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Mac([u8; 6]);

impl Mac {
    pub const fn new(b: [u8; 6]) -> Mac {
        Mac(b)
    }
    pub const fn octets(self) -> [u8; 6] {
        self.0
    }
}

impl FromStr for Mac {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Mac, ParseError> {
        let parts: Vec<&str> = s.split([':', '-']).collect();
        if parts.len() != 6 {
            return err("expected six hex octets like 0a:58:0a:00:00:01");
        }
        let mut b = [0u8; 6];
        for (dst, p) in b.iter_mut().zip(&parts) {
            if p.len() != 2 {
                return err(format!("octet '{p}' is not two hex digits"));
            }
            *dst =
                u8::from_str_radix(p, 16).or_else(|_| err(format!("octet '{p}' is not two hex digits")))?;
        }
        Ok(Mac(b))
    }
}

/// Upper-case colon form, as Cilium prints endpoint MACs.
impl fmt::Display for Mac {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let b = self.0;
        write!(f, "{:02X}:{:02X}:{:02X}:{:02X}:{:02X}:{:02X}", b[0], b[1], b[2], b[3], b[4], b[5])
    }
}

/// An IP protocol number with the names operators use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Proto(pub u8);

impl Proto {
    pub const ICMP: Proto = Proto(1);
    pub const TCP: Proto = Proto(6);
    pub const UDP: Proto = Proto(17);
    pub const ICMPV6: Proto = Proto(58);
    pub const SCTP: Proto = Proto(132);

    /// Upper-case name as Cilium prints it, if there is one.
    pub fn name(self) -> Option<&'static str> {
        Some(match self.0 {
            1 => "ICMP",
            6 => "TCP",
            17 => "UDP",
            58 => "ICMPv6",
            132 => "SCTP",
            _ => return None,
        })
    }
}

impl FromStr for Proto {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Proto, ParseError> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "tcp" => Proto::TCP,
            "udp" => Proto::UDP,
            "icmp" => Proto::ICMP,
            "icmpv6" => Proto::ICMPV6,
            "sctp" => Proto::SCTP,
            other => match other.parse::<u8>() {
                Ok(0) => return err("protocol 0 is not a protocol"),
                Ok(n) => Proto(n),
                Err(_) => return err("expected tcp, udp, icmp, icmpv6, sctp or a number 1-255"),
            },
        })
    }
}

impl fmt::Display for Proto {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(n) => f.write_str(n),
            None => write!(f, "{}", self.0),
        }
    }
}

/// The L4 part of a policy entry: `any`, `PROTO`, or `PORT/PROTO`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PortProto {
    Any,
    Proto(Proto),
    PortProto(u16, Proto),
}

impl FromStr for PortProto {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<PortProto, ParseError> {
        if s.eq_ignore_ascii_case("any") {
            return Ok(PortProto::Any);
        }
        match s.split_once('/') {
            Some(("", proto)) => Ok(PortProto::Proto(proto.parse()?)),
            Some((port, proto)) => {
                let port = parse_port(port)?;
                if port == 0 {
                    return err("port 0 matches nothing; give only the protocol (e.g. /tcp)");
                }
                Ok(PortProto::PortProto(port, proto.parse()?))
            }
            None if s.parse::<u32>().is_ok() => {
                err("a port needs its protocol, e.g. 80/tcp (the key orders protocol before port)")
            }
            None => Ok(PortProto::Proto(s.parse()?)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cidrs() {
        assert_eq!("10.0.0.0/8".parse::<Cidr4>().unwrap().len, 8);
        assert_eq!("10.0.0.5".parse::<Cidr4>().unwrap().len, 32);
        assert!("10.0.0.1/8".parse::<Cidr4>().unwrap_err().0.contains("did you mean 10.0.0.0/8"));
        assert!("10.0.0.0/33".parse::<Cidr4>().unwrap_err().0.contains("over 32"));
        assert!("10.0.0/8".parse::<Cidr4>().is_err());
        assert!("fd00::/8".parse::<Cidr4>().unwrap_err().0.contains("IPv6"));
        assert!("0.0.0.0/0".parse::<Cidr4>().unwrap().contains(Ipv4Addr::new(1, 2, 3, 4)));
        assert!(!"10.1.0.0/16".parse::<Cidr4>().unwrap().contains(Ipv4Addr::new(10, 2, 0, 1)));
    }

    #[test]
    fn ipv6_prefixes_and_addresses() {
        let c: Cidr6 = "fd00::/64".parse().unwrap();
        assert!(c.contains("fd00::1".parse().unwrap()) && !c.contains("fd01::1".parse().unwrap()));
        assert!("fd00::/129".parse::<Cidr6>().unwrap_err().0.contains("prefix length 129 is over 128"));
        assert!("fd00::1/64".parse::<Cidr6>().unwrap_err().0.contains("did you mean fd00::/64"));
        assert!("10.0.0.1".parse::<Cidr6>().unwrap_err().0.contains("'10.0.0.1' is IPv4"));
        assert_eq!("fd00::5".parse::<Cidr6>().unwrap().len, 128);
        assert_eq!("fd00::/64".parse::<Cidr>().unwrap().family(), 6);
        assert_eq!("10.0.0.0/8".parse::<Cidr>().unwrap().family(), 4);
        // Never across families.
        assert!(!"0.0.0.0/0".parse::<Cidr>().unwrap().contains("fd00::1".parse().unwrap()));
        let a: SockAddr = "[fd00::1]:80".parse().unwrap();
        assert_eq!((a.to_string(), a.port), ("[fd00::1]:80".to_string(), 80));
        assert_eq!("10.0.0.1:80".parse::<SockAddr>().unwrap().to_string(), "10.0.0.1:80");
        assert!("fd00::1:80".parse::<SockAddr>().unwrap_err().0.contains("[IPV6]:PORT"));
        let f: CidrPort = "[fd00::/64]:443".parse().unwrap();
        assert_eq!((f.cidr.family(), f.port), (6, Some(443)));
        assert_eq!("fd00::/64".parse::<CidrPort>().unwrap().port, None);
        assert_eq!("10.0.0.0/24:12345".parse::<CidrPort>().unwrap().port, Some(12345));
    }

    #[test]
    fn sockaddrs_and_ports() {
        assert_eq!("10.0.0.1:80".parse::<SockAddr4>().unwrap().port, 80);
        assert!("10.0.0.1:65536".parse::<SockAddr4>().unwrap_err().0.contains("over 65535"));
        assert!("10.0.0.1".parse::<SockAddr4>().is_err());
        assert_eq!("10.0.0.0/8:53".parse::<CidrPort>().unwrap().port, Some(53));
        assert_eq!("10.0.0.0/8".parse::<CidrPort>().unwrap().port, None);
    }

    #[test]
    fn macs() {
        let m: Mac = "0a:0B:0c:0d:0e:0f".parse().unwrap();
        assert_eq!(m.to_string(), "0A:0B:0C:0D:0E:0F");
        assert!("0a:0b:0c:0d:0e".parse::<Mac>().is_err());
        assert!("0a:0b:0c:0d:0e:zz".parse::<Mac>().is_err());
        assert!("0a:0b:0c:0d:0e:123".parse::<Mac>().is_err());
    }

    #[test]
    fn protos() {
        assert_eq!("TCP".parse::<Proto>().unwrap(), Proto::TCP);
        assert_eq!("47".parse::<Proto>().unwrap(), Proto(47));
        assert!("0".parse::<Proto>().is_err());
        assert!("tcpp".parse::<Proto>().is_err());
        assert_eq!("80/tcp".parse::<PortProto>().unwrap(), PortProto::PortProto(80, Proto::TCP));
        assert_eq!("/udp".parse::<PortProto>().unwrap(), PortProto::Proto(Proto::UDP));
        assert_eq!("any".parse::<PortProto>().unwrap(), PortProto::Any);
        assert!("80".parse::<PortProto>().is_err());
        assert!("0/tcp".parse::<PortProto>().is_err());
    }
}
