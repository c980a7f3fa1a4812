//! Decoders for the messages on `cilium_events` (Cilium v1.16 layouts,
//! `cilium-layout-v1.16.md`): drop, trace, policy verdict, debug, debug capture, trace-sock.
//! Decoding borrows from the sample; nothing is allocated per event. Unknown types and
//! records too short for their type decode as such, never as a panic.

use std::fmt::{self, Write as _};
use std::io::Write;
use std::net::Ipv4Addr;

use super::packet::Summary;
use super::points::{CAPTURE_SUBTYPES, DEBUG_SUBTYPES, point_name, trace_state, type_name};
use super::reasons::{file_name, reason_text};
use crate::output::{Record, Value, Visit};

fn u16_at(b: &[u8], o: usize) -> u16 {
    b.get(o..o + 2).map_or(0, |s| u16::from_ne_bytes([s[0], s[1]]))
}
fn u32_at(b: &[u8], o: usize) -> u32 {
    b.get(o..o + 4).map_or(0, |s| u32::from_ne_bytes([s[0], s[1], s[2], s[3]]))
}
fn u64_at(b: &[u8], o: usize) -> u64 {
    b.get(o..o + 8).map_or(0, |s| u64::from_ne_bytes(s.try_into().unwrap_or_default()))
}

/// The capture header every packet-carrying message starts with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hdr {
    pub ty: u8,
    pub subtype: u8,
    pub source: u16,
    pub hash: u32,
    pub len_orig: u32,
    pub len_cap: u16,
    pub version: u16,
}

fn hdr(b: &[u8]) -> Hdr {
    Hdr {
        ty: b.first().copied().unwrap_or(0),
        subtype: b.get(1).copied().unwrap_or(0),
        source: u16_at(b, 2),
        hash: u32_at(b, 4),
        len_orig: u32_at(b, 8),
        len_cap: u16_at(b, 12),
        version: u16_at(b, 14),
    }
}

/// The captured packet after a struct of `off` bytes (`len_cap` of them, as far as present).
fn packet(b: &[u8], off: usize, len_cap: u16) -> &[u8] {
    let end = (off + usize::from(len_cap)).min(b.len());
    b.get(off..end).unwrap_or(&[])
}

#[derive(Clone, Copy, Debug)]
pub enum Event<'a> {
    Drop {
        h: Hdr,
        src_label: u32,
        dst_label: u32,
        dst_id: u32,
        /// v1.13+ fields (36-byte layout); None in the 32-byte v1.10 layout.
        line: Option<u16>,
        file: Option<u8>,
        ifindex: Option<u32>,
        pkt: &'a [u8],
    },
    Trace {
        h: Hdr,
        src_label: u32,
        dst_label: u32,
        dst_id: u16,
        reason: u8,
        ifindex: u32,
        orig_ip: Option<Ipv4Addr>,
        pkt: &'a [u8],
    },
    PolicyVerdict {
        h: Hdr,
        remote_label: u32,
        verdict: i32,
        dst_port: u16,
        proto: u8,
        flags: u8,
        auth_type: u8,
        pkt: &'a [u8],
    },
    Debug {
        h: Hdr,
        arg1: u32,
        arg2: u32,
        arg3: u32,
    },
    Capture {
        h: Hdr,
        arg1: u32,
        arg2: u32,
        pkt: &'a [u8],
    },
    TraceSock {
        xlate_point: u8,
        dst_ip: [u8; 16],
        dst_port: u16,
        cookie: u64,
        cgroup_id: u64,
        l4_proto: u8,
        ipv6: bool,
    },
    /// A type we do not know.
    Unknown {
        ty: u8,
        data: &'a [u8],
    },
    /// A known type in a record too short for it.
    Short {
        ty: u8,
        len: usize,
        need: usize,
    },
}

pub const DROP_LEN_V1_10: usize = 32;
pub const DROP_LEN: usize = 36;
pub const TRACE_LEN_V0: usize = 32;
pub const TRACE_LEN: usize = 48;
pub const VERDICT_LEN: usize = 32;
pub const DEBUG_LEN: usize = 20;
pub const CAPTURE_LEN: usize = 24;
pub const TRACE_SOCK_LEN: usize = 38;

pub fn decode(b: &[u8]) -> Event<'_> {
    let Some(&ty) = b.first() else {
        return Event::Short { ty: 0, len: 0, need: 1 };
    };
    let short = |need: usize| Event::Short { ty, len: b.len(), need };
    match ty {
        1 => {
            if b.len() < DROP_LEN_V1_10 {
                return short(DROP_LEN_V1_10);
            }
            let h = hdr(b);
            // v1.13+ added line/file/ifindex without bumping the version: the length says.
            let new = b.len() >= DROP_LEN + usize::from(h.len_cap);
            let off = if new { DROP_LEN } else { DROP_LEN_V1_10 };
            Event::Drop {
                h,
                src_label: u32_at(b, 16),
                dst_label: u32_at(b, 20),
                dst_id: u32_at(b, 24),
                line: new.then(|| u16_at(b, 28)),
                file: new.then(|| b[30]),
                ifindex: new.then(|| u32_at(b, 32)),
                pkt: packet(b, off, h.len_cap),
            }
        }
        4 => {
            if b.len() < TRACE_LEN_V0 {
                return short(TRACE_LEN_V0);
            }
            let h = hdr(b);
            let v1 = h.version >= 1 && b.len() >= TRACE_LEN;
            let ipv6 = b[27] & 1 != 0;
            let orig = u32_at(b, 32).to_ne_bytes();
            Event::Trace {
                h,
                src_label: u32_at(b, 16),
                dst_label: u32_at(b, 20),
                dst_id: u16_at(b, 24),
                reason: b[26],
                ifindex: u32_at(b, 28),
                orig_ip: (v1 && !ipv6 && orig != [0; 4]).then(|| Ipv4Addr::from(orig)),
                pkt: packet(b, if v1 { TRACE_LEN } else { TRACE_LEN_V0 }, h.len_cap),
            }
        }
        5 => {
            if b.len() < VERDICT_LEN {
                return short(VERDICT_LEN);
            }
            let h = hdr(b);
            Event::PolicyVerdict {
                h,
                remote_label: u32_at(b, 16),
                verdict: u32_at(b, 20) as i32,
                dst_port: u16_at(b, 24),
                proto: b[26],
                flags: b[27],
                auth_type: b[28],
                pkt: packet(b, VERDICT_LEN, h.len_cap),
            }
        }
        2 => {
            if b.len() < DEBUG_LEN {
                return short(DEBUG_LEN);
            }
            Event::Debug { h: hdr(b), arg1: u32_at(b, 8), arg2: u32_at(b, 12), arg3: u32_at(b, 16) }
        }
        3 => {
            if b.len() < CAPTURE_LEN {
                return short(CAPTURE_LEN);
            }
            let h = hdr(b);
            Event::Capture {
                h,
                arg1: u32_at(b, 16),
                arg2: u32_at(b, 20),
                pkt: packet(b, CAPTURE_LEN, h.len_cap),
            }
        }
        7 => {
            if b.len() < TRACE_SOCK_LEN {
                return short(TRACE_SOCK_LEN);
            }
            let mut dst_ip = [0u8; 16];
            dst_ip.copy_from_slice(&b[2..18]);
            Event::TraceSock {
                xlate_point: b[1],
                dst_ip,
                dst_port: u16::from_be_bytes([b[18], b[19]]),
                cookie: u64_at(b, 20),
                cgroup_id: u64_at(b, 28),
                l4_proto: b[36],
                ipv6: b[37] & 1 != 0,
            }
        }
        _ => Event::Unknown { ty, data: b },
    }
}

impl Event<'_> {
    /// The `--type` name of this event.
    pub fn type_name(&self) -> &'static str {
        match self {
            Event::Drop { .. } => "drop",
            Event::Trace { .. } => "trace",
            Event::PolicyVerdict { .. } => "policy-verdict",
            Event::Debug { .. } => "debug",
            Event::Capture { .. } => "capture",
            Event::TraceSock { .. } => "trace-sock",
            Event::Unknown { .. } => "unknown",
            Event::Short { .. } => "truncated",
        }
    }

    /// The endpoint that sent it (`source`).
    pub fn source(&self) -> Option<u16> {
        match self {
            Event::Drop { h, .. }
            | Event::Trace { h, .. }
            | Event::PolicyVerdict { h, .. }
            | Event::Debug { h, .. }
            | Event::Capture { h, .. } => Some(h.source),
            _ => None,
        }
    }

    /// The destination endpoint, where the message names one.
    pub fn dst_endpoint(&self) -> Option<u32> {
        match *self {
            Event::Drop { dst_id, .. } => Some(dst_id),
            Event::Trace { dst_id, .. } => Some(dst_id.into()),
            _ => None,
        }
    }

    pub fn packet(&self) -> &[u8] {
        match *self {
            Event::Drop { pkt, .. }
            | Event::Trace { pkt, .. }
            | Event::PolicyVerdict { pkt, .. }
            | Event::Capture { pkt, .. } => pkt,
            _ => &[],
        }
    }

    /// Drop reason text (or code).
    pub fn drop_reason(&self) -> Option<u8> {
        match *self {
            Event::Drop { h, .. } => Some(h.subtype),
            _ => None,
        }
    }
}

/// A reason as text, or its number.
struct ReasonText(u8);

impl fmt::Display for ReasonText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match reason_text(self.0) {
            Some(t) => f.write_str(t),
            None => write!(f, "{}", self.0),
        }
    }
}

/// One decoded event with the CPU it came from, as a record.
pub struct EventRecord<'a, 'b> {
    pub cpu: u32,
    pub ev: &'b Event<'a>,
    pub summary: Summary,
    /// Identities as numbers in text lines (`-n`); reserved ones are names otherwise.
    pub numeric: bool,
}

impl<'a, 'b> EventRecord<'a, 'b> {
    pub fn new(cpu: u32, ev: &'b Event<'a>) -> Self {
        EventRecord { cpu, ev, summary: Summary::parse(ev.packet()), numeric: false }
    }
}

/// An identity in a text line: a reserved one by name unless numeric.
struct Ident(u32, bool);

impl fmt::Display for Ident {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.1, super::points::identity_name(self.0)) {
            (false, Some(n)) => f.write_str(n),
            _ => write!(f, "{}", self.0),
        }
    }
}

fn trace_prefix(point: u8, dst_id: u16, source: u16, w: &mut dyn fmt::Write) -> fmt::Result {
    match point {
        0 => write!(w, "-> endpoint {dst_id}"),
        1 => w.write_str("-> proxy"),
        2 => w.write_str("-> host from"),
        3 => w.write_str("-> stack"),
        4 => w.write_str("-> overlay"),
        5 => write!(w, "<- endpoint {source}"),
        6 => w.write_str("<- proxy"),
        7 => w.write_str("<- host"),
        8 => w.write_str("<- stack"),
        9 => w.write_str("<- overlay"),
        10 => w.write_str("<- network"),
        11 => w.write_str("-> network"),
        12 => w.write_str("<- crypto"),
        13 => w.write_str("-> crypto"),
        _ => w.write_str("unknown trace"),
    }
}

struct Line<'x>(&'x EventRecord<'x, 'x>);

impl fmt::Display for Line<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = &self.0.summary;
        match *self.0.ev {
            Event::Drop { h, src_label, dst_label, dst_id, line, file, ifindex, .. } => {
                write!(f, "xx drop ({}) flow {:#x} to endpoint {dst_id}", ReasonText(h.subtype), h.hash)?;
                if let Some(i) = ifindex {
                    write!(f, ", ifindex {i}")?;
                }
                if let (Some(l), Some(fi)) = (line, file) {
                    match file_name(fi) {
                        Some(n) => write!(f, ", file {n}:{l}")?,
                        None => write!(f, ", file {fi}:{l}")?,
                    }
                }
                let n = self.0.numeric;
                write!(f, ", identity {}->{}: {s}", Ident(src_label, n), Ident(dst_label, n))
            }
            Event::Trace { h, src_label, dst_label, dst_id, reason, ifindex, orig_ip, .. } => {
                trace_prefix(h.subtype, dst_id, h.source, f)?;
                let state = trace_state(reason).unwrap_or("unknown");
                let enc = if reason & 0x80 != 0 { " encrypted" } else { "" };
                write!(
                    f,
                    "{enc} flow {:#x} identity {src_label}->{dst_label} state {state} ifindex {ifindex}",
                    h.hash
                )?;
                match orig_ip {
                    Some(ip) => write!(f, " orig-ip {ip}: {s}"),
                    None => write!(f, " orig-ip 0.0.0.0: {s}"),
                }
            }
            Event::PolicyVerdict { h, remote_label, verdict, proto, flags, auth_type, .. } => {
                let dir = match flags & 3 {
                    1 => "ingress",
                    2 => "egress",
                    _ => "unknown",
                };
                let action = match verdict {
                    0 if flags & 0x40 != 0 => "audit",
                    0 => "allow",
                    v if v < 0 => "deny",
                    _ => "redirect",
                };
                let m = match (flags >> 3) & 7 {
                    1 => "L3-Only",
                    2 => "L3-L4",
                    3 => "L4-Only",
                    4 => "all",
                    _ => "none",
                };
                let auth = crate::maps::policy::auth_type_text(auth_type);
                write!(
                    f,
                    "Policy verdict log: flow {:#x} local EP ID {}, remote ID {}, proto {proto}, {dir}, action {action}, auth: {auth}, match {m}, {s}",
                    h.hash,
                    h.source,
                    Ident(remote_label, self.0.numeric)
                )
            }
            Event::Debug { h, arg1, arg2, arg3 } => {
                let sub = DEBUG_SUBTYPES.get(usize::from(h.subtype)).copied().unwrap_or("unknown");
                write!(
                    f,
                    "CPU {:02}: MARK {:#x} FROM {} DEBUG: {sub} arg1={arg1:#x} arg2={arg2:#x} arg3={arg3:#x}",
                    self.0.cpu, h.hash, h.source
                )
            }
            Event::Capture { h, arg1, .. } => {
                let sub = CAPTURE_SUBTYPES.get(usize::from(h.subtype)).copied().unwrap_or("unknown");
                match h.subtype {
                    4 => write!(f, "-> ifindex {arg1}: {s}"),
                    5 => write!(f, "<- load-balancer ifindex {arg1}: {s}"),
                    _ => write!(f, "capture {sub} ({arg1:#x}) from endpoint {}: {s}", h.source),
                }
            }
            Event::TraceSock { xlate_point, dst_ip, dst_port, cookie, cgroup_id, l4_proto, ipv6 } => {
                let point = match xlate_point {
                    1 => "pre-xlate-fwd",
                    2 => "post-xlate-fwd",
                    3 => "pre-xlate-rev",
                    4 => "post-xlate-rev",
                    _ => "unknown",
                };
                let proto = crate::netaddr::Proto(l4_proto);
                if ipv6 {
                    let a = std::net::Ipv6Addr::from(dst_ip);
                    write!(
                        f,
                        "[{point}] cgroup_id: {cgroup_id} sock_cookie: {cookie}, dst [{a}]:{dst_port} {proto}"
                    )
                } else {
                    let a = Ipv4Addr::new(dst_ip[0], dst_ip[1], dst_ip[2], dst_ip[3]);
                    write!(
                        f,
                        "[{point}] cgroup_id: {cgroup_id} sock_cookie: {cookie}, dst {a}:{dst_port} {proto}"
                    )
                }
            }
            Event::Unknown { ty, data } => write!(f, "unknown event type {ty} ({} bytes)", data.len()),
            Event::Short { ty, len, need } => {
                let name = type_name(ty).unwrap_or("unknown");
                write!(f, "truncated {name} event: {len} bytes, a {name} message needs {need}")
            }
        }
    }
}

impl Record for EventRecord<'_, '_> {
    fn visit(&self, v: &mut dyn Visit) {
        v.field("cpu", "CPU", Value::U64(self.cpu.into()));
        let s = &self.summary;
        match *self.ev {
            Event::Drop { h, src_label, dst_label, dst_id, line, file, ifindex, .. } => {
                v.field("reason", "REASON", Value::Disp(&ReasonText(h.subtype)));
                v.field("reason_code", "", Value::U64(h.subtype.into()));
                v.field("source", "SOURCE", Value::U64(h.source.into()));
                v.field("hash", "", Value::U64(h.hash.into()));
                v.field("src_identity", "SRC ID", Value::U64(src_label.into()));
                v.field("dst_identity", "DST ID", Value::U64(dst_label.into()));
                v.field("dst_endpoint", "DST EP", Value::U64(dst_id.into()));
                v.field("ifindex", "", ifindex.map_or(Value::Null, |i| Value::U64(i.into())));
                v.field("file", "", file.and_then(file_name).map_or(Value::Null, Value::Str));
                v.field("line", "", line.map_or(Value::Null, |l| Value::U64(l.into())));
                v.field("len_orig", "", Value::U64(h.len_orig.into()));
                v.field("len_cap", "", Value::U64(h.len_cap.into()));
            }
            Event::Trace { h, src_label, dst_label, dst_id, reason, ifindex, orig_ip, .. } => {
                v.field(
                    "observation_point",
                    "POINT",
                    point_name(h.subtype).map_or(Value::U64(h.subtype.into()), Value::Str),
                );
                v.field("state", "STATE", trace_state(reason).map_or(Value::U64(reason.into()), Value::Str));
                v.field("encrypted", "", Value::Bool(reason & 0x80 != 0));
                v.field("source", "SOURCE", Value::U64(h.source.into()));
                v.field("hash", "", Value::U64(h.hash.into()));
                v.field("src_identity", "SRC ID", Value::U64(src_label.into()));
                v.field("dst_identity", "DST ID", Value::U64(dst_label.into()));
                v.field("dst_endpoint", "DST EP", Value::U64(dst_id.into()));
                v.field("ifindex", "", Value::U64(ifindex.into()));
                v.field("orig_ip", "", orig_ip.map_or(Value::Null, Value::Ip));
                v.field("len_orig", "", Value::U64(h.len_orig.into()));
                v.field("len_cap", "", Value::U64(h.len_cap.into()));
            }
            Event::PolicyVerdict { h, remote_label, verdict, dst_port, proto, flags, auth_type, .. } => {
                v.field("source", "SOURCE", Value::U64(h.source.into()));
                v.field("remote_identity", "REMOTE ID", Value::U64(remote_label.into()));
                v.field("verdict", "VERDICT", Value::I64(verdict.into()));
                v.field("dst_port", "", Value::U64(dst_port.into()));
                v.field("proto", "", Value::U64(proto.into()));
                v.field("direction", "", Value::Str(if flags & 3 == 2 { "egress" } else { "ingress" }));
                v.field("match_type", "", Value::U64(((flags >> 3) & 7).into()));
                v.field("audited", "", Value::Bool(flags & 0x40 != 0));
                v.field("auth_type", "", Value::U64(auth_type.into()));
            }
            Event::Debug { h, arg1, arg2, arg3 } => {
                let sub = DEBUG_SUBTYPES.get(usize::from(h.subtype)).copied();
                v.field("subtype", "SUBTYPE", sub.map_or(Value::U64(h.subtype.into()), Value::Str));
                v.field("source", "SOURCE", Value::U64(h.source.into()));
                v.field("hash", "", Value::U64(h.hash.into()));
                v.field("arg1", "", Value::U64(arg1.into()));
                v.field("arg2", "", Value::U64(arg2.into()));
                v.field("arg3", "", Value::U64(arg3.into()));
            }
            Event::Capture { h, arg1, arg2, .. } => {
                let sub = CAPTURE_SUBTYPES.get(usize::from(h.subtype)).copied();
                v.field("subtype", "SUBTYPE", sub.map_or(Value::U64(h.subtype.into()), Value::Str));
                v.field("source", "SOURCE", Value::U64(h.source.into()));
                v.field("arg1", "", Value::U64(arg1.into()));
                v.field("arg2", "", Value::U64(arg2.into()));
                v.field("len_orig", "", Value::U64(h.len_orig.into()));
            }
            Event::TraceSock { xlate_point, dst_port, cookie, cgroup_id, l4_proto, .. } => {
                v.field("xlate_point", "", Value::U64(xlate_point.into()));
                v.field("dst_port", "", Value::U64(dst_port.into()));
                v.field("sock_cookie", "", Value::U64(cookie));
                v.field("cgroup_id", "", Value::U64(cgroup_id));
                v.field("l4_proto", "", Value::U64(l4_proto.into()));
            }
            Event::Unknown { ty, data } => {
                v.field("message_type", "", Value::U64(ty.into()));
                v.field("length", "", Value::U64(data.len() as u64));
            }
            Event::Short { ty, len, need } => {
                v.field("message_type", "", Value::U64(ty.into()));
                v.field("length", "", Value::U64(len as u64));
                v.field("needed", "", Value::U64(need as u64));
            }
        }
        if !matches!(
            self.ev,
            Event::Debug { .. } | Event::TraceSock { .. } | Event::Unknown { .. } | Event::Short { .. }
        ) {
            let (src, dst) = s.ipv4().map_or((None, None), |(a, b)| (Some(a), Some(b)));
            let (sport, dport) = s.ports().map_or((None, None), |(a, b)| (Some(a), Some(b)));
            v.field("src_ip", "", src.map_or(Value::Null, Value::Ip));
            v.field("dst_ip", "", dst.map_or(Value::Null, Value::Ip));
            v.field("src_port", "", sport.map_or(Value::Null, |p| Value::U64(p.into())));
            v.field("dst_port", "", dport.map_or(Value::Null, |p| Value::U64(p.into())));
            v.field("l4", "", s.proto().map_or(Value::Null, Value::Str));
            v.field("summary", "SUMMARY", Value::Disp(s));
        }
    }

    fn line(&self, buf: &mut Vec<u8>) {
        let _ = write!(buf, "{}", Line(self));
    }
}

/// `CPU NN: Lost N events`.
pub struct Lost {
    pub cpu: u32,
    pub count: u64,
}

impl Record for Lost {
    fn visit(&self, v: &mut dyn Visit) {
        v.field("cpu", "CPU", Value::U64(self.cpu.into()));
        v.field("lost", "LOST", Value::U64(self.count));
    }

    fn line(&self, buf: &mut Vec<u8>) {
        let _ = write!(buf, "CPU {:02}: Lost {} events", self.cpu, self.count);
    }
}

/// Hex dump of an event for `--hex`, appended after its line.
pub fn hex_dump(data: &[u8], out: &mut String) {
    for (i, chunk) in data.chunks(16).enumerate() {
        let _ = write!(out, "\n  {:04x}:", i * 16);
        for b in chunk {
            let _ = write!(out, " {b:02x}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::maps::test_hex as hex;

    /// A drop_notify of our datapath: Policy denied, 1011 -> 1012, endpoint 12, ifindex 3.
    pub fn drop_fixture() -> Vec<u8> {
        let mut b = Vec::new();
        b.extend_from_slice(&[1, 133]);
        b.extend_from_slice(&12u16.to_ne_bytes()); // source
        b.extend_from_slice(&0xabcdu32.to_ne_bytes()); // hash
        b.extend_from_slice(&74u32.to_ne_bytes()); // len_orig
        b.extend_from_slice(&54u16.to_ne_bytes()); // len_cap
        b.extend_from_slice(&1u16.to_ne_bytes()); // version
        b.extend_from_slice(&1011u32.to_ne_bytes());
        b.extend_from_slice(&1012u32.to_ne_bytes());
        b.extend_from_slice(&12u32.to_ne_bytes());
        b.extend_from_slice(&77u16.to_ne_bytes());
        b.extend_from_slice(&[2, 0]); // file bpf_lxc.c, ext_error
        b.extend_from_slice(&3u32.to_ne_bytes());
        b.extend_from_slice(&hex(
            "0a0b0c0d0e0f 1a1b1c1d1e1f 0800 45000028 0000 4000 4006 0000 0ac8000b 0ac8000c 9c40 2382 00000000 00000000 5002 0000 0000 0000",
        ));
        b
    }

    #[test]
    fn drop_line() {
        let b = drop_fixture();
        let ev = decode(&b);
        let r = EventRecord::new(1, &ev);
        let mut out = Vec::new();
        r.line(&mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "xx drop (Policy denied) flow 0xabcd to endpoint 12, ifindex 3, file bpf_lxc.c:77, identity 1011->1012: 10.200.0.11:40000 -> 10.200.0.12:9090 tcp SYN"
        );
    }

    #[test]
    fn json_lines_read_back() {
        use crate::output::{Format, Output};
        use std::sync::{Arc, Mutex};
        struct Shared(Arc<Mutex<Vec<u8>>>);
        impl std::io::Write for Shared {
            fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
                self.0.lock().unwrap().extend_from_slice(b);
                Ok(b.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let buf = Arc::new(Mutex::new(Vec::new()));
        let mut out = Output::new(Box::new(Shared(buf.clone())), Format::Json, false);
        let b = drop_fixture();
        let ev = decode(&b);
        out.event("drop", &EventRecord::new(1, &ev)).unwrap();
        out.event("lost", &Lost { cpu: 1, count: 7 }).unwrap();
        out.flush().unwrap();
        let text = String::from_utf8(buf.lock().unwrap().clone()).unwrap();
        let lines: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(lines[0]["type"], "drop");
        let d = &lines[0]["data"];
        assert_eq!(
            (d["reason"].as_str(), d["src_identity"].as_u64(), d["dst_endpoint"].as_u64()),
            (Some("Policy denied"), Some(1011), Some(12))
        );
        assert_eq!(
            (d["file"].as_str(), d["line"].as_u64(), d["ifindex"].as_u64()),
            (Some("bpf_lxc.c"), Some(77), Some(3))
        );
        assert_eq!(
            (d["src_ip"].as_str(), d["dst_port"].as_u64(), d["l4"].as_str()),
            (Some("10.200.0.11"), Some(9090), Some("tcp"))
        );
        assert_eq!(lines[1], serde_json::json!({"type": "lost", "data": {"cpu": 1, "lost": 7}}));
    }

    #[test]
    fn trace_line() {
        let mut b = vec![4u8, 0];
        b.extend_from_slice(&12u16.to_ne_bytes());
        b.extend_from_slice(&0x10u32.to_ne_bytes());
        b.extend_from_slice(&98u32.to_ne_bytes());
        b.extend_from_slice(&0u16.to_ne_bytes());
        b.extend_from_slice(&1u16.to_ne_bytes());
        b.extend_from_slice(&1011u32.to_ne_bytes());
        b.extend_from_slice(&1012u32.to_ne_bytes());
        b.extend_from_slice(&12u16.to_ne_bytes());
        b.extend_from_slice(&[2, 0]);
        b.extend_from_slice(&3u32.to_ne_bytes());
        b.extend_from_slice(&[0; 16]);
        let ev = decode(&b);
        let mut out = Vec::new();
        EventRecord::new(0, &ev).line(&mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "-> endpoint 12 flow 0x10 identity 1011->1012 state reply ifindex 3 orig-ip 0.0.0.0: [unknown]"
        );
    }

    #[test]
    fn reserved_identities_by_name_unless_numeric() {
        let mut b = drop_fixture();
        b[16..20].copy_from_slice(&2u32.to_ne_bytes()); // world
        let ev = decode(&b);
        let mut r = EventRecord::new(1, &ev);
        let mut out = Vec::new();
        r.line(&mut out);
        assert!(
            String::from_utf8_lossy(&out).contains("identity world->1012:"),
            "{}",
            String::from_utf8_lossy(&out)
        );
        r.numeric = true;
        out.clear();
        r.line(&mut out);
        assert!(String::from_utf8_lossy(&out).contains("identity 2->1012:"));
    }

    #[test]
    fn short_and_unknown() {
        let b = drop_fixture();
        assert!(matches!(decode(&b[..20]), Event::Short { ty: 1, need: 32, .. }));
        assert!(matches!(decode(&[99, 1, 2]), Event::Unknown { ty: 99, .. }));
        assert!(matches!(decode(&[]), Event::Short { .. }));
        // A v1.10 32-byte drop (no line/file/ifindex) with a 14-byte capture.
        let mut old = b[..32].to_vec();
        old[12..14].copy_from_slice(&14u16.to_ne_bytes());
        old.extend_from_slice(&b[36..50]);
        match decode(&old) {
            Event::Drop { line: None, ifindex: None, pkt, .. } => assert_eq!(pkt.len(), 14),
            e => panic!("{e:?}"),
        }
    }
}
