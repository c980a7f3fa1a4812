//! Value parsers for clap: every bad value is rejected before anything is opened or written,
//! with a reason clap prints next to the value.

use std::str::FromStr;

pub fn parse_with<T>(s: &str) -> Result<T, String>
where
    T: FromStr,
    T::Err: std::fmt::Display,
{
    s.parse::<T>().map_err(|e| e.to_string())
}

/// One element of a comma-separated backend list; the empty element (`--backends ''`) is
/// None, so that the empty list can be said as the help says it.
pub fn parse_backend_item(s: &str) -> Result<Option<crate::maps::lb::BackendSpec>, String> {
    if s.is_empty() { Ok(None) } else { parse_with(s).map(Some) }
}

/// The backends of a `--backends` list: empty when the list is empty or `''`; an empty
/// element beside others (`a,,b`) is a mistake, named.
pub fn backend_list<T: Clone>(items: &[Option<T>]) -> Result<Vec<T>, crate::error::Error> {
    if items.len() > 1 && items.iter().any(Option::is_none) {
        return Err(crate::error::Error::usage(
            "--backends: an empty element between commas ('' alone is the empty list: a service without backends)",
        ));
    }
    Ok(items.iter().flatten().cloned().collect())
}

pub fn parse_ipv4(s: &str) -> Result<std::net::Ipv4Addr, String> {
    crate::netaddr::ipv4(s).map_err(|e| e.to_string())
}

pub fn parse_prefix(s: &str) -> Result<crate::maps::ipcache::AnyPrefix, String> {
    parse_with(s)
}

pub fn parse_ip(s: &str) -> Result<std::net::IpAddr, String> {
    s.parse::<std::net::IpAddr>().map_err(|_| format!("'{s}' is not an IPv4 or IPv6 address"))
}

pub fn parse_cilium_version(s: &str) -> Result<u8, String> {
    crate::maps::abi::parse_version(s)
}

pub fn parse_u32(s: &str) -> Result<u32, String> {
    s.parse::<u32>().map_err(|_| "expected a number from 0 to 4294967295".into())
}

pub fn parse_identity(s: &str) -> Result<u32, String> {
    match parse_u32(s)? {
        0 => Err("identity 0 is reserved as 'unknown'".into()),
        n => Ok(n),
    }
}

pub fn parse_endpoint_id(s: &str) -> Result<u16, String> {
    match s.parse::<u32>() {
        Ok(n @ 1..=65535) => Ok(n as u16),
        _ => Err("expected an endpoint id from 1 to 65535".into()),
    }
}

pub fn parse_ifindex(s: &str) -> Result<u32, String> {
    match s.parse::<u32>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err("expected an interface index above 0".into()),
    }
}

pub fn parse_encrypt_key(s: &str) -> Result<u8, String> {
    match s.parse::<u8>() {
        Ok(n @ 0..=15) => Ok(n),
        _ => Err("expected an IPsec key index from 0 to 15".into()),
    }
}

pub fn parse_ct_flags(s: &str) -> Result<u16, String> {
    crate::maps::ct::parse_flags(s)
}

pub fn parse_ring_pages(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if n.is_power_of_two() && (1..=65536).contains(&n) => Ok(n),
        _ => Err("expected a power of two from 1 to 65536".into()),
    }
}

/// Lab names prefix namespace names: short, letters, digits and dashes.
pub fn parse_lab_name(s: &str) -> Result<String, String> {
    let ok = !s.is_empty()
        && s.len() <= 12
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && s.as_bytes()[0].is_ascii_alphabetic();
    if ok {
        Ok(s.to_string())
    } else {
        Err("expected 1-12 letters, digits or '-', starting with a letter".into())
    }
}

/// A network namespace name: it becomes a file name under /run/netns, so no '/', no '..'.
pub fn parse_netns_name(s: &str) -> Result<String, String> {
    let ok = !s.is_empty()
        && s.len() <= 64
        && !s.starts_with('.')
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if ok {
        Ok(s.to_string())
    } else {
        Err("expected 1-64 letters, digits, '-', '_' or '.', not starting with '.'".into())
    }
}

/// `MIN-MAX`, two ports with MIN <= MAX.
pub fn parse_port_range(s: &str) -> Result<(u16, u16), String> {
    let (a, b) = s.split_once('-').ok_or_else(|| format!("'{s}' is not MIN-MAX"))?;
    let port = |p: &str| {
        p.parse::<u16>().ok().filter(|p| *p > 0).ok_or_else(|| format!("'{p}' is not a port (1-65535)"))
    };
    let (lo, hi) = (port(a)?, port(b)?);
    if lo > hi {
        return Err(format!("'{s}': {lo} is above {hi}"));
    }
    Ok((lo, hi))
}
