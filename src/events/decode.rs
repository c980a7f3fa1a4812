//! Decoders for the messages on `cilium_events` (Cilium v1.16 layouts,
//! `cilium-layout-v1.16.md`): drop, trace, policy verdict, debug, debug capture, trace-sock.
//! Decoding borrows from the sample; nothing is allocated per event. Unknown types and
//! records too short for their type decode as such, never as a panic.

use std::net::Ipv4Addr;

use super::kinds::Kind;

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
        /// Version 2+ (40 bytes, 1.18 cycle): bit 0 IPv6, 1 L3 device, 2 VXLAN, 3 Geneve.
        flags: Option<u8>,
        /// Version 3+ (48 bytes, 1.19 cycle).
        ip_trace_id: Option<u64>,
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
        /// Version 2+ (56 bytes, 1.19 cycle).
        ip_trace_id: Option<u64>,
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
        /// The 40-byte layout of the 1.19 cycle: the matched rule's cookie.
        cookie: Option<u32>,
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

/// Byte offsets of the fields of the notify structs as the decoders read them, by C member
/// name (`struct drop_notify`, `struct trace_notify` of v1.16). `tests/ebpf_objects.rs`
/// compares them with our C's BTF; `decode` reads through them.
pub mod layout {
    /// The capture header every packet-carrying message starts with.
    pub const HDR: &[(&str, usize, usize)] = &[
        ("type", 0, 1),
        ("subtype", 1, 1),
        ("source", 2, 2),
        ("hash", 4, 4),
        ("len_orig", 8, 4),
        ("len_cap", 12, 2),
        ("version", 14, 2),
    ];
    pub const SRC_LABEL: usize = 16;
    pub const DST_LABEL: usize = 20;
    pub const DROP_DST_ID: usize = 24;
    pub const DROP_LINE: usize = 28;
    pub const DROP_FILE: usize = 30;
    pub const DROP_IFINDEX: usize = 32;
    pub const TRACE_DST_ID: usize = 24;
    pub const TRACE_REASON: usize = 26;
    pub const TRACE_FLAGS: usize = 27;
    pub const TRACE_IFINDEX: usize = 28;
    pub const TRACE_ORIG_IP: usize = 32;
    pub const DROP_FLAGS: usize = 36;
    pub const DROP_TRACE_ID: usize = 40;
    pub const TRACE_TRACE_ID: usize = 48;
    pub const VERDICT_REMOTE: usize = 16;
    pub const VERDICT_VERDICT: usize = 20;
    pub const VERDICT_PORT: usize = 24;
    pub const VERDICT_PROTO: usize = 26;
    pub const VERDICT_FLAGS: usize = 27;
    pub const VERDICT_AUTH: usize = 28;
    pub const VERDICT_COOKIE: usize = 32;
    pub const SOCK_XLATE: usize = 1;
    pub const SOCK_IP: usize = 2;
    pub const SOCK_PORT: usize = 18;
    pub const SOCK_COOKIE: usize = 20;
    pub const SOCK_CGROUP: usize = 28;
    pub const SOCK_PROTO: usize = 36;
    pub const SOCK_FLAGS: usize = 37;
    /// trace_sock_notify: no capture header, (member, offset, size) from byte 0.
    pub const TRACE_SOCK: &[(&str, usize, usize)] = &[
        ("type", 0, 1),
        ("xlate_point", SOCK_XLATE, 1),
        ("dst_ip", SOCK_IP, 16),
        ("dst_port", SOCK_PORT, 2),
        ("sock_cookie", SOCK_COOKIE, 8),
        ("cgroup_id", SOCK_CGROUP, 8),
        ("l4_proto", SOCK_PROTO, 1),
        ("flags", SOCK_FLAGS, 1),
    ];
    /// (member, offset, size) after the header.
    pub const DROP: &[(&str, usize, usize)] = &[
        ("src_label", SRC_LABEL, 4),
        ("dst_label", DST_LABEL, 4),
        ("dst_id", DROP_DST_ID, 4),
        ("line", DROP_LINE, 2),
        ("file", DROP_FILE, 1),
        ("ext_error", 31, 1), // not shown
        ("ifindex", DROP_IFINDEX, 4),
    ];
    pub const TRACE: &[(&str, usize, usize)] = &[
        ("src_label", SRC_LABEL, 4),
        ("dst_label", DST_LABEL, 4),
        ("dst_id", TRACE_DST_ID, 2),
        ("reason", TRACE_REASON, 1),
        ("flags", TRACE_FLAGS, 1),
        ("ifindex", TRACE_IFINDEX, 4),
        ("orig_ip4", TRACE_ORIG_IP, 4),
        // The rest of an IPv6 original address, which the IPv4-only decoder does not show.
        ("orig_pad1", 36, 4),
        ("orig_pad2", 40, 4),
        ("orig_pad3", 44, 4),
    ];
    /// policy_verdict_notify (v1.16, 32 bytes); byte 27 holds five bitfields.
    pub const VERDICT: &[(&str, usize, usize)] = &[
        ("remote_label", VERDICT_REMOTE, 4),
        ("verdict", VERDICT_VERDICT, 4),
        ("dst_port", VERDICT_PORT, 2),
        ("proto", VERDICT_PROTO, 1),
        ("dir", VERDICT_FLAGS, 1),
        ("ipv6", VERDICT_FLAGS, 1),
        ("match_type", VERDICT_FLAGS, 1),
        ("audited", VERDICT_FLAGS, 1),
        ("pad0", VERDICT_FLAGS, 1),
        ("auth_type", VERDICT_AUTH, 1),
        ("pad1", 29, 1), // not shown
        ("pad2", 30, 2), // not shown
    ];
}

pub const DROP_LEN_V1_10: usize = 32;
pub const DROP_LEN: usize = 36;
pub const DROP_LEN_V2: usize = 40;
pub const DROP_LEN_V3: usize = 48;
pub const TRACE_LEN_V0: usize = 32;
pub const TRACE_LEN: usize = 48;
pub const TRACE_LEN_V2: usize = 56;
pub const VERDICT_LEN: usize = 32;
pub const VERDICT_LEN_V2: usize = 40;

/// The length perf gives a raw sample of `msg` bytes: padded so that the sample, with its
/// 4-byte size in front, fills whole 8-byte words.
fn perf_raw_len(msg: usize) -> usize {
    (msg + 4).next_multiple_of(8) - 4
}

/// Could `len` bytes be a sample of a `msg`-byte message (padding allowed)?
fn fits(len: usize, msg: usize) -> bool {
    len >= msg && len <= perf_raw_len(msg)
}

/// The struct length of a version-1 drop_notify: v1.13 grew it from 32 to 36 bytes without
/// a new version, so only the sample's length tells. Where perf padding makes both fit,
/// the 36-byte layout (every Cilium since v1.13, and ours) is taken.
fn drop_v1_len(len: usize, len_cap: usize) -> usize {
    if len < DROP_LEN + len_cap && fits(len, DROP_LEN_V1_10 + len_cap) {
        DROP_LEN_V1_10
    } else if len >= DROP_LEN {
        DROP_LEN
    } else {
        DROP_LEN_V1_10
    }
}
pub const DEBUG_LEN: usize = 20;
pub const CAPTURE_LEN: usize = 24;
pub const TRACE_SOCK_LEN: usize = 38;

/// Decodes one message, taking a version-1 drop for v1.13's 36-byte layout where its length
/// fits both (see [`decode_as`]).
pub fn decode(b: &[u8]) -> Event<'_> {
    decode_as(b, false)
}

/// Decodes one message; `v1_10_drops`: the node is known to run Cilium v1.10-1.12, whose
/// version-1 drops are 32 bytes.
pub fn decode_as(b: &[u8], v1_10_drops: bool) -> Event<'_> {
    let Some(&ty) = b.first() else {
        return Event::Short { ty: 0, len: 0, need: 1 };
    };
    let short = |need: usize| Event::Short { ty, len: b.len(), need };
    match Kind::of_code(ty) {
        Kind::Drop => {
            if b.len() < DROP_LEN_V1_10 {
                return short(DROP_LEN_V1_10);
            }
            let h = hdr(b);
            // Byte 14 is the version (byte 15, newer trees' ext_version, is not ours to read).
            let off = match h.version & 0xff {
                0 | 1 if v1_10_drops => DROP_LEN_V1_10,
                0 | 1 => drop_v1_len(b.len(), usize::from(h.len_cap)),
                2 => DROP_LEN_V2,
                _ => DROP_LEN_V3,
            };
            if b.len() < off {
                return short(off);
            }
            let new = off >= DROP_LEN;
            Event::Drop {
                h,
                src_label: u32_at(b, layout::SRC_LABEL),
                dst_label: u32_at(b, layout::DST_LABEL),
                dst_id: u32_at(b, layout::DROP_DST_ID),
                line: new.then(|| u16_at(b, layout::DROP_LINE)),
                file: new.then(|| b[layout::DROP_FILE]),
                ifindex: new.then(|| u32_at(b, layout::DROP_IFINDEX)),
                flags: (off >= DROP_LEN_V2).then(|| b[layout::DROP_FLAGS]),
                ip_trace_id: (off >= DROP_LEN_V3).then(|| u64_at(b, layout::DROP_TRACE_ID)),
                pkt: packet(b, off, h.len_cap),
            }
        }
        Kind::Trace => {
            if b.len() < TRACE_LEN_V0 {
                return short(TRACE_LEN_V0);
            }
            let h = hdr(b);
            let off = match h.version & 0xff {
                0 => TRACE_LEN_V0,
                1 => TRACE_LEN,
                _ => TRACE_LEN_V2,
            };
            if b.len() < off {
                return short(off);
            }
            let v1 = off >= TRACE_LEN;
            let ipv6 = b[layout::TRACE_FLAGS] & 1 != 0;
            let orig = u32_at(b, layout::TRACE_ORIG_IP).to_ne_bytes();
            Event::Trace {
                h,
                src_label: u32_at(b, layout::SRC_LABEL),
                dst_label: u32_at(b, layout::DST_LABEL),
                dst_id: u16_at(b, layout::TRACE_DST_ID),
                reason: b[layout::TRACE_REASON],
                ifindex: u32_at(b, layout::TRACE_IFINDEX),
                orig_ip: (v1 && !ipv6 && orig != [0; 4]).then(|| Ipv4Addr::from(orig)),
                ip_trace_id: (off >= TRACE_LEN_V2).then(|| u64_at(b, layout::TRACE_TRACE_ID)),
                pkt: packet(b, off, h.len_cap),
            }
        }
        Kind::PolicyVerdict => {
            if b.len() < VERDICT_LEN {
                return short(VERDICT_LEN);
            }
            let h = hdr(b);
            // The 1.19 cycle grew it to 40 bytes; perf pads by at most 7, so a sample this
            // long cannot be a 32-byte one.
            let off =
                if b.len() >= VERDICT_LEN_V2 + usize::from(h.len_cap) { VERDICT_LEN_V2 } else { VERDICT_LEN };
            Event::PolicyVerdict {
                h,
                remote_label: u32_at(b, layout::VERDICT_REMOTE),
                verdict: u32_at(b, layout::VERDICT_VERDICT) as i32,
                dst_port: u16_at(b, layout::VERDICT_PORT),
                proto: b[layout::VERDICT_PROTO],
                flags: b[layout::VERDICT_FLAGS],
                auth_type: b[layout::VERDICT_AUTH],
                cookie: (off == VERDICT_LEN_V2).then(|| u32_at(b, layout::VERDICT_COOKIE)),
                pkt: packet(b, off, h.len_cap),
            }
        }
        Kind::Debug => {
            if b.len() < DEBUG_LEN {
                return short(DEBUG_LEN);
            }
            Event::Debug { h: hdr(b), arg1: u32_at(b, 8), arg2: u32_at(b, 12), arg3: u32_at(b, 16) }
        }
        Kind::Capture => {
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
        Kind::TraceSock => {
            if b.len() < TRACE_SOCK_LEN {
                return short(TRACE_SOCK_LEN);
            }
            use layout::{SOCK_CGROUP, SOCK_COOKIE, SOCK_FLAGS, SOCK_IP, SOCK_PORT, SOCK_PROTO, SOCK_XLATE};
            let mut dst_ip = [0u8; 16];
            dst_ip.copy_from_slice(&b[SOCK_IP..SOCK_IP + 16]);
            Event::TraceSock {
                xlate_point: b[SOCK_XLATE],
                dst_ip,
                dst_port: u16::from_be_bytes([b[SOCK_PORT], b[SOCK_PORT + 1]]),
                cookie: u64_at(b, SOCK_COOKIE),
                cgroup_id: u64_at(b, SOCK_CGROUP),
                l4_proto: b[SOCK_PROTO],
                ipv6: b[SOCK_FLAGS] & 1 != 0,
            }
        }
        _ => Event::Unknown { ty, data: b },
    }
}

impl Event<'_> {
    /// What kind of message this is (the row of `events::kinds::KINDS`).
    pub fn kind(&self) -> Kind {
        match self {
            Event::Drop { .. } => Kind::Drop,
            Event::Trace { .. } => Kind::Trace,
            Event::PolicyVerdict { .. } => Kind::PolicyVerdict,
            Event::Debug { .. } => Kind::Debug,
            Event::Capture { .. } => Kind::Capture,
            Event::TraceSock { .. } => Kind::TraceSock,
            Event::Unknown { .. } => Kind::Unknown,
            Event::Short { .. } => Kind::Truncated,
        }
    }

    /// The `--type` name of this event.
    pub fn type_name(&self) -> &'static str {
        self.kind().name()
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

    /// Drop reason code.
    pub fn drop_reason(&self) -> Option<u8> {
        match *self {
            Event::Drop { h, .. } => Some(h.subtype),
            _ => None,
        }
    }
}
