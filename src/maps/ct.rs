//! `cilium_ct4_global` / `cilium_ct_any4_global` and `cilium_ct6_global` /
//! `cilium_ct_any6_global`: conntrack of both families. C peers: `struct ipv4_ct_tuple`
//! (14 B), `struct ipv6_ct_tuple` (38 B) and `struct ct_entry` (56 B) of Cilium v1.16.
//!
//! Orientation: a stored tuple for the flow `A:p1 -> B:p2` has `daddr = A`, `sport = p1`,
//! `saddr = B`, `dport = p2` (`cilium-layout-v1.16.md`, "Byte-order conventions"); the
//! printed line follows Cilium's so grep scripts carry over.

use std::mem::{offset_of, size_of};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use bytemuck::{Pod, Zeroable};

use crate::netaddr::{CidrPort, Proto};
use crate::output::bytes::{Sink, duration_secs, put_into};
use crate::output::{Record, Value, Visit, bit_names, push_json_str};
use crate::wire::{Be16, Ip4};

/// Tuple flag bits (`TUPLE_F_*`).
pub const TUPLE_F_IN: u8 = 1;
pub const TUPLE_F_RELATED: u8 = 2;
pub const TUPLE_F_SERVICE: u8 = 4;

#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Pod, Zeroable)]
pub struct CtKey4 {
    pub daddr: Ip4,
    pub saddr: Ip4,
    pub dport: Be16,
    pub sport: Be16,
    pub nexthdr: u8,
    pub flags: u8,
}

/// `struct ipv6_ct_tuple`: the IPv4 tuple's fields with 16-byte addresses.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Pod, Zeroable)]
pub struct CtKey6 {
    pub daddr: [u8; 16],
    pub saddr: [u8; 16],
    pub dport: Be16,
    pub sport: Be16,
    pub nexthdr: u8,
    pub flags: u8,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Pod, Zeroable)]
pub struct CtEntry {
    pub reserved0: u64,
    pub backend_id: u64,
    pub packets: u64,
    pub bytes: u64,
    pub lifetime: u32,
    pub flags: u16,
    pub rev_nat_index: Be16,
    pub ifindex: u16,
    pub tx_flags_seen: u8,
    pub rx_flags_seen: u8,
    pub src_sec_id: u32,
    pub last_tx_report: u32,
    pub last_rx_report: u32,
}

const _: () = {
    assert!(size_of::<CtKey4>() == 14);
    assert!(offset_of!(CtKey4, saddr) == 4);
    assert!(offset_of!(CtKey4, dport) == 8);
    assert!(offset_of!(CtKey4, sport) == 10);
    assert!(offset_of!(CtKey4, nexthdr) == 12);
    assert!(offset_of!(CtKey4, flags) == 13);
    assert!(size_of::<CtKey6>() == 38);
    assert!(offset_of!(CtKey6, saddr) == 16);
    assert!(offset_of!(CtKey6, dport) == 32);
    assert!(offset_of!(CtKey6, sport) == 34);
    assert!(offset_of!(CtKey6, nexthdr) == 36);
    assert!(offset_of!(CtKey6, flags) == 37);
    assert!(size_of::<CtEntry>() == 56);
    assert!(offset_of!(CtEntry, backend_id) == 8);
    assert!(offset_of!(CtEntry, packets) == 16);
    assert!(offset_of!(CtEntry, bytes) == 24);
    assert!(offset_of!(CtEntry, lifetime) == 32);
    assert!(offset_of!(CtEntry, flags) == 36);
    assert!(offset_of!(CtEntry, rev_nat_index) == 38);
    assert!(offset_of!(CtEntry, ifindex) == 40);
    assert!(offset_of!(CtEntry, tx_flags_seen) == 42);
    assert!(offset_of!(CtEntry, rx_flags_seen) == 43);
    assert!(offset_of!(CtEntry, src_sec_id) == 44);
    assert!(offset_of!(CtEntry, last_tx_report) == 48);
    assert!(offset_of!(CtEntry, last_rx_report) == 52);
};

/// The value layouts of the CT maps across Cilium versions (the key never changed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// Until v1.15: rx_packets, rx_bytes (the backend id in service entries), tx_packets,
    /// tx_bytes at 0, 8, 16, 24.
    Split,
    /// v1.16 on (cilium/cilium#31087): reserved, backend_id, packets, bytes. Ours.
    Single,
}

pub const LAYOUTS: &[(crate::maps::abi::Range, Layout)] = &[
    (crate::maps::abi::Range::new(crate::maps::abi::OLDEST, 15), Layout::Split),
    (crate::maps::abi::Range::new(16, crate::maps::abi::NEWEST), Layout::Single),
];

impl CtEntry {
    /// The entry in the fields of `Single` whatever its layout: a `Split` entry's two
    /// directions added up (a service entry's rx_bytes is its backend id, not bytes).
    pub fn normalized(self, layout: Layout, key: &impl CtTuple) -> CtEntry {
        match layout {
            Layout::Single => self,
            Layout::Split => {
                let service = key.tuple_flags() & TUPLE_F_SERVICE != 0;
                let (rx_packets, rx_bytes) = (self.reserved0, self.backend_id);
                CtEntry {
                    reserved0: 0,
                    backend_id: if service { rx_bytes } else { 0 },
                    packets: rx_packets.wrapping_add(self.packets),
                    bytes: if service { self.bytes } else { rx_bytes.wrapping_add(self.bytes) },
                    ..self
                }
            }
        }
    }
}

/// ct_entry flag bits (u16 at byte 36, LSB first) and the names Cilium prints.
pub const FLAG_NAMES: &[(u16, &str)] = &[
    (0x001, "RxClosing"),
    (0x002, "TxClosing"),
    (0x004, "Nat64"),
    (0x008, "LBLoopback"),
    (0x010, "SeenNonSyn"),
    (0x020, "NodePort"),
    (0x040, "ProxyRedirect"),
    (0x080, "DSRInternal"),
    (0x100, "FromL7LB"),
    (0x400, "FromTunnel"),
];

const KNOWN_FLAGS: u16 = {
    let mut m = 0;
    let mut i = 0;
    while i < FLAG_NAMES.len() {
        m |= FLAG_NAMES[i].0;
        i += 1;
    }
    m
};

/// Parses `--flags`: names (any case, comma separated) or a number.
pub fn parse_flags(s: &str) -> Result<u16, String> {
    if let Some(hex) = s.strip_prefix("0x") {
        return u16::from_str_radix(hex, 16).map_err(|_| "not a 16-bit hex number".to_string());
    }
    if let Ok(n) = s.parse::<u16>() {
        return Ok(n);
    }
    let mut mask = 0;
    for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((bit, _)) = FLAG_NAMES.iter().find(|(_, n)| n.eq_ignore_ascii_case(part)) else {
            let names: Vec<_> = FLAG_NAMES.iter().map(|(_, n)| *n).collect();
            return Err(format!("unknown flag '{part}' (known: {})", names.join(", ")));
        };
        mask |= bit;
    }
    if mask == 0 {
        return Err("no flags given".into());
    }
    Ok(mask)
}

impl CtKey4 {
    /// The key for the flow `src -> dst` as it is stored (see the module doc).
    pub fn for_flow(proto: Proto, src: (Ipv4Addr, u16), dst: (Ipv4Addr, u16), flags: u8) -> CtKey4 {
        CtKey4 {
            daddr: src.0.into(),
            saddr: dst.0.into(),
            dport: Be16::new(dst.1),
            sport: Be16::new(src.1),
            nexthdr: proto.0,
            flags,
        }
    }
}

impl CtKey6 {
    /// The key for the flow `src -> dst` as it is stored (see the module doc).
    pub fn for_flow(proto: Proto, src: (Ipv6Addr, u16), dst: (Ipv6Addr, u16), flags: u8) -> CtKey6 {
        CtKey6 {
            daddr: src.0.octets(),
            saddr: dst.0.octets(),
            dport: Be16::new(dst.1),
            sport: Be16::new(src.1),
            nexthdr: proto.0,
            flags,
        }
    }
}

/// A conntrack key of either family, as printing and filtering see it.
pub trait CtTuple: Pod {
    /// The stored `daddr` and `saddr`.
    fn addrs(&self) -> (IpAddr, IpAddr);
    fn ports(&self) -> (u16, u16);
    fn nexthdr(&self) -> u8;
    fn tuple_flags(&self) -> u8;

    /// Source as printed (`A:p1`).
    /// A service entry (`TUPLE_F_SERVICE`) keeps the packet's own orientation: the client
    /// is `saddr`/`dport`, the service `daddr`/`sport` (Cilium prints `SVC client -> VIP`).
    fn src(&self) -> (IpAddr, u16) {
        let ((d, s), (dport, sport)) = (self.addrs(), self.ports());
        if self.tuple_flags() & TUPLE_F_SERVICE != 0 { (s, dport) } else { (d, sport) }
    }

    /// Destination as printed (`B:p2`).
    fn dst(&self) -> (IpAddr, u16) {
        let ((d, s), (dport, sport)) = (self.addrs(), self.ports());
        if self.tuple_flags() & TUPLE_F_SERVICE != 0 { (d, sport) } else { (s, dport) }
    }

    /// `SVC` for a service entry, else `IN` or `OUT`, as Cilium v1.16 prints them.
    fn direction(&self) -> &'static str {
        let f = self.tuple_flags();
        if f & TUPLE_F_SERVICE != 0 {
            "SVC"
        } else if f & TUPLE_F_IN != 0 {
            "IN"
        } else {
            "OUT"
        }
    }
}

/// The accessors both tuples share field for field.
macro_rules! tuple_fields {
    () => {
        fn ports(&self) -> (u16, u16) {
            (self.dport.get(), self.sport.get())
        }
        fn nexthdr(&self) -> u8 {
            self.nexthdr
        }
        fn tuple_flags(&self) -> u8 {
            self.flags
        }
    };
}

impl CtTuple for CtKey4 {
    fn addrs(&self) -> (IpAddr, IpAddr) {
        (IpAddr::V4(self.daddr.addr()), IpAddr::V4(self.saddr.addr()))
    }
    tuple_fields!();
}

impl CtTuple for CtKey6 {
    fn addrs(&self) -> (IpAddr, IpAddr) {
        (IpAddr::V6(Ipv6Addr::from(self.daddr)), IpAddr::V6(Ipv6Addr::from(self.saddr)))
    }
    tuple_fields!();
}

/// What `bpf ct list` / `flush` keep.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub src: Option<CidrPort>,
    pub dst: Option<CidrPort>,
    pub proto: Option<Proto>,
    /// Every bit given must be set.
    pub flags: u16,
}

impl Filter {
    pub fn matches(&self, k: &impl CtTuple, v: &CtEntry) -> bool {
        let (s, d) = (k.src(), k.dst());
        self.src.is_none_or(|f| f.matches(s.0, s.1))
            && self.dst.is_none_or(|f| f.matches(d.0, d.1))
            && self.proto.is_none_or(|p| p.0 == k.nexthdr())
            && v.flags & self.flags == self.flags
    }

    pub fn is_empty(&self) -> bool {
        self.src.is_none() && self.dst.is_none() && self.proto.is_none() && self.flags == 0
    }
}

/// One conntrack entry as reported.
pub struct CtRecord<'a, K: CtTuple = CtKey4> {
    pub map: &'a str,
    pub key: K,
    pub entry: CtEntry,
    /// Seconds of CLOCK_MONOTONIC now (Cilium's ktime clock); None hides `remaining`.
    pub now: Option<u64>,
}

impl<K: CtTuple> CtRecord<'_, K> {
    fn remaining(&self) -> Option<i64> {
        self.now.map(|now| i64::from(self.entry.lifetime) - now as i64)
    }
}

fn proto_text(nexthdr: u8, buf: &mut itoa::Buffer) -> &str {
    match Proto(nexthdr).name() {
        Some(n) => n,
        None => buf.format(nexthdr),
    }
}

impl<K: CtTuple> Record for CtRecord<'_, K> {
    fn visit(&self, v: &mut dyn Visit) {
        let (k, e) = (&self.key, &self.entry);
        let (s, d) = (k.src(), k.dst());
        let mut pb = itoa::Buffer::new();
        let mut names = [""; 16];
        let n = bit_names(e.flags, FLAG_NAMES, &mut names);
        v.field("map", "MAP", Value::Str(self.map));
        v.field("proto", "PROTO", Value::Str(proto_text(k.nexthdr(), &mut pb)));
        v.field("direction", "DIR", Value::Str(k.direction()));
        v.field("src", "SRC", ip_value(&s.0));
        v.field("sport", "SPORT", Value::U64(s.1.into()));
        v.field("dst", "DST", ip_value(&d.0));
        v.field("dport", "DPORT", Value::U64(d.1.into()));
        v.field("related", "", Value::Bool(k.tuple_flags() & TUPLE_F_RELATED != 0));
        v.field("service", "", Value::Bool(k.tuple_flags() & TUPLE_F_SERVICE != 0));
        v.field("tuple_flags", "", Value::U64(k.tuple_flags().into()));
        v.field("expires", "EXPIRES", Value::U64(e.lifetime.into()));
        v.field("remaining_secs", "", self.remaining().map_or(Value::Null, Value::I64));
        v.field("packets", "PACKETS", Value::U64(e.packets));
        v.field("bytes", "BYTES", Value::U64(e.bytes));
        v.field("rx_flags_seen", "", Value::U64(e.rx_flags_seen.into()));
        v.field("last_rx_report", "", Value::U64(e.last_rx_report.into()));
        v.field("tx_flags_seen", "", Value::U64(e.tx_flags_seen.into()));
        v.field("last_tx_report", "", Value::U64(e.last_tx_report.into()));
        v.field("flags", "", Value::U64(e.flags.into()));
        v.field("flag_names", "FLAGS", Value::List(&names[..n]));
        v.field("unknown_flags", "", Value::U64((e.flags & !KNOWN_FLAGS).into()));
        v.field("rev_nat", "REVNAT", Value::U64(e.rev_nat_index.get().into()));
        v.field("src_sec_id", "IDENTITY", Value::U64(e.src_sec_id.into()));
        v.field("ifindex", "IFINDEX", Value::U64(e.ifindex.into()));
        v.field("backend_id", "BACKEND", Value::U64(e.backend_id));
    }

    /// The JSON object of the fields above, written directly (byte-equal to the visitor,
    /// tested): a million-entry listing spends most of its time here.
    fn json(&self, buf: &mut Vec<u8>, _scratch: &mut String) -> bool {
        if !put_into(buf, ROW_ROOM, |p| self.json_to(p)) {
            self.json_to(buf);
        }
        true
    }

    /// Cilium v1.16's `bpf ct list global` line, with the time left in humantime form.
    fn line(&self, buf: &mut Vec<u8>) {
        if !put_into(buf, ROW_ROOM, |p| self.line_to(p)) {
            self.line_to(buf);
        }
    }
}

/// Room reserved for one row; every row fits (tested), a longer one would be written
/// the slower way.
const ROW_ROOM: usize = 1024;

/// An address as a field: IPv4 through the fast path, IPv6 as text.
fn ip_value(ip: &IpAddr) -> Value<'_> {
    match ip {
        IpAddr::V4(a) => Value::Ip(*a),
        IpAddr::V6(_) => Value::Disp(ip),
    }
}

impl<K: CtTuple> CtRecord<'_, K> {
    fn json_to(&self, b: &mut impl Sink) {
        let (k, e) = (&self.key, &self.entry);
        let (s, d) = (k.src(), k.dst());
        let mut pb = itoa::Buffer::new();
        b.put(b"{\"map\":");
        push_json_str(b, self.map);
        // Protocol and flag names are plain words or digits: nothing to escape.
        b.put(b",\"proto\":\"");
        b.str(proto_text(k.nexthdr(), &mut pb));
        b.put(b"\"");
        b.put(b",\"direction\":\"");
        b.str(k.direction());
        ends(b, s, d, [b"\",\"src\":\"", b"\",\"sport\":", b",\"dst\":\"", b"\",\"dport\":"], false);
        b.put(b",\"related\":");
        b.put(json_bool(k.tuple_flags() & TUPLE_F_RELATED != 0));
        b.put(b",\"service\":");
        b.put(json_bool(k.tuple_flags() & TUPLE_F_SERVICE != 0));
        b.kv(b",\"tuple_flags\":", k.tuple_flags().into());
        b.kv(b",\"expires\":", e.lifetime.into());
        b.put(b",\"remaining_secs\":");
        match self.remaining() {
            Some(r) => b.i64(r),
            None => b.put(b"null"),
        }
        b.kv(b",\"packets\":", e.packets);
        b.kv(b",\"bytes\":", e.bytes);
        b.kv(b",\"rx_flags_seen\":", e.rx_flags_seen.into());
        b.kv(b",\"last_rx_report\":", e.last_rx_report.into());
        b.kv(b",\"tx_flags_seen\":", e.tx_flags_seen.into());
        b.kv(b",\"last_tx_report\":", e.last_tx_report.into());
        b.kv(b",\"flags\":", e.flags.into());
        b.put(b",\"flag_names\":[");
        let mut first = true;
        for (bit, name) in FLAG_NAMES {
            if e.flags & bit != 0 {
                if !first {
                    b.put(b",");
                }
                first = false;
                b.put(b"\"");
                b.str(name);
                b.put(b"\"");
            }
        }
        b.kv(b"],\"unknown_flags\":", (e.flags & !KNOWN_FLAGS).into());
        b.kv(b",\"rev_nat\":", e.rev_nat_index.get().into());
        b.kv(b",\"src_sec_id\":", e.src_sec_id.into());
        b.kv(b",\"ifindex\":", e.ifindex.into());
        b.kv(b",\"backend_id\":", e.backend_id);
        b.put(b"}");
    }

    /// Built piece by piece: this runs once per entry of million-entry tables.
    fn line_to(&self, b: &mut impl Sink) {
        let (k, e) = (&self.key, &self.entry);
        let (s, d) = (k.src(), k.dst());
        let mut pb = itoa::Buffer::new();
        b.str(proto_text(k.nexthdr(), &mut pb));
        b.put(b" ");
        b.put(k.direction().as_bytes());
        ends(b, s, d, [b" ", b":", b" -> ", b":"], true);
        b.put(b" ");
        if k.tuple_flags() & TUPLE_F_RELATED != 0 {
            b.put(b"related ");
        }
        b.kv(b"expires=", e.lifetime.into());
        if let Some(r) = self.remaining() {
            b.put(if r >= 0 { b" (remaining: " } else { b" (expired " });
            duration_secs(b, r.unsigned_abs());
            b.put(if r >= 0 { b")" } else { b" ago)" });
        }
        field(b, b"Packets", e.packets);
        field(b, b"Bytes", e.bytes);
        b.put(b" RxFlagsSeen=");
        b.hex_width(e.rx_flags_seen.into(), 2);
        field(b, b"LastRxReport", e.last_rx_report.into());
        b.put(b" TxFlagsSeen=");
        b.hex_width(e.tx_flags_seen.into(), 2);
        field(b, b"LastTxReport", e.last_tx_report.into());
        b.put(b" Flags=");
        b.hex_width(e.flags.into(), 4);
        b.put(b" [ ");
        for (bit, name) in FLAG_NAMES {
            if e.flags & bit != 0 {
                b.str(name);
                b.put(b" ");
            }
        }
        let unknown = e.flags & !KNOWN_FLAGS;
        if unknown != 0 {
            b.put(b"Unknown=");
            b.hex_width(unknown.into(), 4);
            b.put(b" ");
        }
        b.put(b"]");
        field(b, b"RevNAT", e.rev_nat_index.get().into());
        field(b, b"SourceSecurityID", e.src_sec_id.into());
        field(b, b"IfIndex", e.ifindex.into());
        field(b, b"BackendID", e.backend_id);
    }
}

/// The flow's two ends, each piece of `around` before the address or port it names. In
/// Cilium's `bpf ct list` lines (`line`) an IPv6 address has no brackets and an
/// IPv4-mapped one is printed dotted, as Go's `net.IP.String` does.
fn ends(b: &mut impl Sink, s: (IpAddr, u16), d: (IpAddr, u16), around: [&[u8]; 4], line: bool) {
    for (i, (ip, port)) in [s, d].into_iter().enumerate() {
        b.put(around[2 * i]);
        match ip {
            IpAddr::V4(a) => b.ip(a),
            IpAddr::V6(a) => match a.to_ipv4_mapped().filter(|_| line) {
                Some(v4) => b.ip(v4),
                None => b.ip6(a),
            },
        }
        b.put(around[2 * i + 1]);
        b.u64(port.into());
    }
}

fn json_bool(on: bool) -> &'static [u8] {
    if on { b"true" } else { b"false" }
}

/// ` Name=value`.
fn field(b: &mut impl Sink, name: &[u8], v: u64) {
    b.put(b" ");
    b.put(name);
    b.kv(b"=", v);
}

/// Seconds on the kernel's monotonic clock: what `bpf_mono_now()` returns in ktime mode.
pub fn mono_now_secs() -> u64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: ts is a valid timespec to write to.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    ts.tv_sec.max(0) as u64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::test_hex as hex;

    #[test]
    fn fast_rows_equal_the_visitor_and_fit_their_room() {
        let mut rng = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            rng
        };
        let mut rows: Vec<([u8; 38], [u8; 56])> = (0..5000)
            .map(|i| {
                let mut k = [0u8; 38];
                let mut v = [0u8; 56];
                for b in k.iter_mut().chain(v.iter_mut()) {
                    // Mostly small values, as real entries have, sometimes any byte.
                    *b = if i % 3 == 0 { next() as u8 } else { (next() % 4) as u8 };
                }
                (k, v)
            })
            .collect();
        rows.push(([0xff; 38], [0xff; 56]));
        let nows: Vec<Option<u64>> =
            (0..rows.len()).map(|i| [None, Some(0), Some(u64::MAX), Some(next() % 100_000)][i % 4]).collect();
        // The IPv4 tuple is the first 14 bytes; the IPv6 one all 38.
        same_rows::<CtKey4>(&rows, &nows, 14);
        same_rows::<CtKey6>(&rows, &nows, 38);
    }

    /// The fast JSON and line writers agree with the visitor on every row.
    fn same_rows<K: CtTuple>(rows: &[([u8; 38], [u8; 56])], nows: &[Option<u64>], key_len: usize) {
        for (i, (k, v)) in rows.iter().enumerate() {
            let r: CtRecord<'_, K> = CtRecord {
                map: if i % 2 == 0 { "cilium_ct4_global" } else { "odd \"name\"\n" },
                key: bytemuck::pod_read_unaligned(&k[..key_len]),
                entry: bytemuck::pod_read_unaligned(v),
                now: nows[i],
            };
            let (mut fast, mut slow) = (Vec::new(), Vec::new());
            assert!(r.json(&mut fast, &mut String::new()));
            crate::output::push_record(&mut slow, &mut String::new(), &r);
            assert_eq!(String::from_utf8(fast).unwrap(), String::from_utf8(slow).unwrap());
            let (mut fast, mut slow) = (b"x".to_vec(), b"x".to_vec());
            r.line(&mut fast);
            r.line_to(&mut slow);
            assert_eq!(String::from_utf8(fast).unwrap(), String::from_utf8(slow).unwrap());
            if i % 2 == 0 {
                let mut b = Vec::new();
                assert!(put_into(&mut b, ROW_ROOM, |p| r.json_to(p)), "JSON row fits");
                assert!(put_into(&mut b, ROW_ROOM, |p| r.line_to(p)), "text row fits");
            }
        }
    }

    #[test]
    fn split_counters_of_older_versions_add_up() {
        // v1.15 and before: rx 2 packets / 100 bytes, tx 3 / 200.
        let e = CtEntry {
            reserved0: 2,
            backend_id: 100,
            packets: 3,
            bytes: 200,
            lifetime: 9,
            ..CtEntry::default()
        };
        let flow = CtKey4::default();
        let n = e.normalized(Layout::Split, &flow);
        assert_eq!((n.packets, n.bytes, n.backend_id, n.reserved0, n.lifetime), (5, 300, 0, 0, 9));
        assert_eq!(e.normalized(Layout::Single, &flow), e);
        // A service entry keeps its backend id in rx_bytes.
        let svc = CtKey4 { flags: TUPLE_F_SERVICE, ..CtKey4::default() };
        let n = CtEntry { backend_id: 7, ..CtEntry::default() }.normalized(Layout::Split, &svc);
        assert_eq!((n.backend_id, n.bytes), (7, 0));
    }

    /// The v1.16 test vector (`cilium-layout-v1.16.md`, "Test vectors").
    fn vector() -> (Vec<u8>, Vec<u8>) {
        let key = hex("0a000002 0a000001 0050 3039 06 00");
        let mut val = Vec::new();
        val.extend_from_slice(&0u64.to_le_bytes());
        val.extend_from_slice(&3u64.to_le_bytes());
        val.extend_from_slice(&5u64.to_le_bytes());
        val.extend_from_slice(&500u64.to_le_bytes());
        val.extend_from_slice(&1000u32.to_le_bytes());
        val.extend_from_slice(&hex("1100 0007 0200 02 12 d2040000"));
        val.extend_from_slice(&[0; 8]);
        (key, val)
    }

    #[test]
    fn golden_decode_and_line() {
        let (kb, vb) = vector();
        let key: CtKey4 = bytemuck::pod_read_unaligned(&kb);
        let entry: CtEntry = bytemuck::pod_read_unaligned(&vb);
        let rec = CtRecord { map: "cilium_ct4_global", key, entry, now: None };
        let mut out = Vec::new();
        rec.line(&mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "TCP OUT 10.0.0.2:12345 -> 10.0.0.1:80 expires=1000 Packets=5 Bytes=500 \
             RxFlagsSeen=0x12 LastRxReport=0 TxFlagsSeen=0x02 LastTxReport=0 Flags=0x0011 \
             [ RxClosing SeenNonSyn ] RevNAT=7 SourceSecurityID=1234 IfIndex=2 BackendID=3"
        );
    }

    /// IPv6 (cilium-dbg v1.16, `CtKey6Global.Dump`): the same line, addresses without
    /// brackets; an IPv4-mapped address printed dotted, as Go does.
    #[test]
    fn golden_ipv6_line() {
        let (_, vb) = vector();
        let entry: CtEntry = bytemuck::pod_read_unaligned(&vb);
        let a: Ipv6Addr = "f00d::2".parse().unwrap();
        let b: Ipv6Addr = "f00d::1".parse().unwrap();
        let key = CtKey6::for_flow(Proto::TCP, (a, 12345), (b, 80), 0);
        let mut kb = hex("f00d0000000000000000000000000002 f00d0000000000000000000000000001 0050 3039 06 00");
        assert_eq!(bytemuck::bytes_of(&key), &kb[..]);
        let rec = CtRecord { map: "cilium_ct6_global", key, entry, now: None };
        let mut out = Vec::new();
        rec.line(&mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "TCP OUT f00d::2:12345 -> f00d::1:80 expires=1000 Packets=5 Bytes=500 \
             RxFlagsSeen=0x12 LastRxReport=0 TxFlagsSeen=0x02 LastTxReport=0 Flags=0x0011 \
             [ RxClosing SeenNonSyn ] RevNAT=7 SourceSecurityID=1234 IfIndex=2 BackendID=3"
        );
        kb[..16].copy_from_slice(&"::ffff:10.0.0.2".parse::<Ipv6Addr>().unwrap().octets());
        let rec = CtRecord { map: "m", key: bytemuck::pod_read_unaligned::<CtKey6>(&kb), entry, now: None };
        let mut out = Vec::new();
        rec.line(&mut out);
        assert!(String::from_utf8(out).unwrap().starts_with("TCP OUT 10.0.0.2:12345 -> f00d::1:80 "));
    }

    #[test]
    fn golden_encode() {
        let (kb, vb) = vector();
        let key = CtKey4::for_flow(
            Proto::TCP,
            (Ipv4Addr::new(10, 0, 0, 2), 12345),
            (Ipv4Addr::new(10, 0, 0, 1), 80),
            0,
        );
        assert_eq!(bytemuck::bytes_of(&key), &kb[..]);
        let entry = CtEntry {
            backend_id: 3,
            packets: 5,
            bytes: 500,
            lifetime: 1000,
            flags: 0x11,
            rev_nat_index: Be16::new(7),
            ifindex: 2,
            tx_flags_seen: 2,
            rx_flags_seen: 0x12,
            src_sec_id: 1234,
            ..CtEntry::default()
        };
        assert_eq!(bytemuck::bytes_of(&entry), &vb[..]);
    }

    #[test]
    fn udp_in_vector_and_remaining() {
        let key: CtKey4 = bytemuck::pod_read_unaligned(&hex("0a000002 0a000001 0035 3039 11 01"));
        let entry = CtEntry { packets: 1, bytes: 64, lifetime: 100, ..CtEntry::default() };
        let rec = CtRecord { map: "cilium_ct_any4_global", key, entry, now: Some(40) };
        let mut out = Vec::new();
        rec.line(&mut out);
        let s = String::from_utf8(out).unwrap();
        assert!(
            s.starts_with(
                "UDP IN 10.0.0.2:12345 -> 10.0.0.1:53 expires=100 (remaining: 1m) Packets=1 Bytes=64"
            ),
            "{s}"
        );
    }

    #[test]
    fn flags_parse_and_filter() {
        assert_eq!(parse_flags("rxclosing,SeenNonSyn").unwrap(), 0x11);
        assert_eq!(parse_flags("0x20").unwrap(), 0x20);
        assert!(parse_flags("bogus").unwrap_err().contains("unknown flag 'bogus'"));
        let (kb, vb) = vector();
        let key: CtKey4 = bytemuck::pod_read_unaligned(&kb);
        let entry: CtEntry = bytemuck::pod_read_unaligned(&vb);
        let f = Filter { src: Some("10.0.0.0/24:12345".parse().unwrap()), ..Filter::default() };
        assert!(f.matches(&key, &entry));
        let f = Filter { dst: Some("10.0.0.1:81".parse().unwrap()), ..Filter::default() };
        assert!(!f.matches(&key, &entry));
        let f = Filter { flags: 0x20, ..Filter::default() };
        assert!(!f.matches(&key, &entry));
        let f = Filter { proto: Some(Proto::TCP), flags: 0x10, ..Filter::default() };
        assert!(f.matches(&key, &entry));
    }
}
