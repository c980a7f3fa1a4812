//! [`EventRecord`]: one decoded event with its CPU, as the record every event writer
//! renders: its [`Fields`] (the one model the JSON object and the Cilium-style text line are
//! both made from), and the direct paths that write the common drops and traces without
//! building them. [`Lost`] is the record of a ring's lost events, [`RunSummary`] that of a
//! whole run.

use std::fmt::Write as _;
use std::io::Write;

use std::net::Ipv4Addr;

use super::decode::{Event, Hdr};
use super::fields::{F, Fields};
use super::kinds::{KINDS, Kind};
use super::packet::Summary;
use crate::codes::points::{CAPTURE_SUBTYPES, DEBUG_SUBTYPES, point_name, trace_state};
use crate::codes::reasons::{file_name, reason_text};
use crate::output::bytes::{Sink, put_into};
use crate::output::push_json_str;
use crate::output::{Record, Value, Visit};

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

    /// The one model of this event that the JSON and the text line are rendered from.
    pub fn fields(&self) -> Fields<'_> {
        let mut f = Fields::new();
        self.fill(&mut f);
        f
    }

    /// Puts the event's fields into `f` (empty): the hot paths keep `f` on their own stack,
    /// as returning a kilobyte of fields by value cost a copy per event.
    pub fn fill<'s>(&'s self, f: &mut Fields<'s>) {
        f.push("cpu", F::U(self.cpu.into()));
        let u = |n: u64| F::U(n);
        let opt = |o: Option<u64>| o.map_or(F::Null, F::U);
        let mut with_packet = true;
        match *self.ev {
            Event::Drop {
                h, src_label, dst_label, dst_id, line, file, ifindex, flags, ip_trace_id, ..
            } => {
                f.push("reason", F::Named(h.subtype.into(), reason_text(h.subtype)));
                f.push("reason_code", u(h.subtype.into()));
                f.push("source", u(h.source.into()));
                f.push("hash", u(h.hash.into()));
                f.push("src_identity", F::Ident(src_label));
                f.push("dst_identity", F::Ident(dst_label));
                f.push("dst_endpoint", u(dst_id.into()));
                f.push("ifindex", opt(ifindex.map(u64::from)));
                f.push("file", file.map_or(F::Null, |fi| F::Named(fi.into(), file_name(fi))));
                f.push("line", opt(line.map(u64::from)));
                f.push("flags", opt(flags.map(u64::from)));
                f.push("ip_trace_id", opt(ip_trace_id));
                f.push("len_orig", u(h.len_orig.into()));
                f.push("len_cap", u(h.len_cap.into()));
            }
            Event::Trace {
                h, src_label, dst_label, dst_id, reason, ifindex, orig_ip, ip_trace_id, ..
            } => {
                f.push("observation_point", F::Named(h.subtype.into(), point_name(h.subtype)));
                f.push("state", F::Named(reason.into(), trace_state(reason)));
                f.push("encrypted", F::B(reason & 0x80 != 0));
                f.push("source", u(h.source.into()));
                f.push("hash", u(h.hash.into()));
                f.push("src_identity", F::U(src_label.into()));
                f.push("dst_identity", F::U(dst_label.into()));
                f.push("dst_endpoint", u(dst_id.into()));
                f.push("ifindex", u(ifindex.into()));
                f.push("orig_ip", orig_ip.map_or(F::Null, F::Ip));
                f.push("ip_trace_id", opt(ip_trace_id));
                f.push("len_orig", u(h.len_orig.into()));
                f.push("len_cap", u(h.len_cap.into()));
            }
            Event::PolicyVerdict {
                h,
                remote_label,
                verdict,
                dst_port,
                proto,
                flags,
                auth_type,
                cookie,
                ..
            } => {
                f.push("source", u(h.source.into()));
                f.push("hash", u(h.hash.into()));
                f.push("remote_identity", F::Ident(remote_label));
                f.push("verdict", F::I(verdict.into()));
                f.push("action", F::S(verdict_action(verdict, flags)));
                f.push("direction", F::S(verdict_direction(flags)));
                f.push("proto", u(proto.into()));
                f.push("dst_port", u(dst_port.into()));
                f.push("match_type", u(((flags >> 3) & 7).into()));
                f.push("audited", F::B(flags & 0x40 != 0));
                f.push("auth_type", u(auth_type.into()));
                f.push("cookie", opt(cookie.map(u64::from)));
            }
            Event::Debug { h, arg1, arg2, arg3 } => {
                let sub = DEBUG_SUBTYPES.get(usize::from(h.subtype)).copied();
                f.push("subtype", F::Named(h.subtype.into(), sub));
                f.push("source", u(h.source.into()));
                f.push("hash", u(h.hash.into()));
                f.push("arg1", u(arg1.into()));
                f.push("arg2", u(arg2.into()));
                f.push("arg3", u(arg3.into()));
                with_packet = false;
            }
            Event::Capture { h, arg1, arg2, .. } => {
                let sub = CAPTURE_SUBTYPES.get(usize::from(h.subtype)).copied();
                f.push("subtype", F::Named(h.subtype.into(), sub));
                f.push("source", u(h.source.into()));
                f.push("arg1", u(arg1.into()));
                f.push("arg2", u(arg2.into()));
                f.push("len_orig", u(h.len_orig.into()));
            }
            Event::TraceSock { xlate_point, dst_ip, dst_port, cookie, cgroup_id, l4_proto, ipv6 } => {
                f.push("xlate_point", F::Named(xlate_point.into(), xlate_point_name(xlate_point)));
                let ip = if ipv6 {
                    F::Ip6(std::net::Ipv6Addr::from(dst_ip))
                } else {
                    F::Ip(Ipv4Addr::new(dst_ip[0], dst_ip[1], dst_ip[2], dst_ip[3]))
                };
                f.push("dst_ip", ip);
                f.push("dst_port", u(dst_port.into()));
                f.push("sock_cookie", u(cookie));
                f.push("cgroup_id", u(cgroup_id));
                f.push("l4_proto", u(l4_proto.into()));
                f.push("ipv6", F::B(ipv6));
                with_packet = false;
            }
            Event::Unknown { ty, data } => {
                f.push("message_type", u(ty.into()));
                f.push("length", u(data.len() as u64));
                with_packet = false;
            }
            Event::Short { ty, len, need } => {
                let name = match Kind::of_code(ty) {
                    Kind::Unknown => None,
                    k => Some(k.name()),
                };
                f.push("message_type", F::Named(ty.into(), name));
                f.push("length", u(len as u64));
                f.push("needed", u(need as u64));
                with_packet = false;
            }
        }
        if with_packet {
            let s = &self.summary;
            let addr = |a: std::net::IpAddr| match a {
                std::net::IpAddr::V4(a) => F::Ip(a),
                std::net::IpAddr::V6(a) => F::Ip6(a),
            };
            let (src, dst) = s.addrs().map_or((F::Null, F::Null), |(a, b)| (addr(a), addr(b)));
            let (sport, dport) = s.ports().map_or((F::Null, F::Null), |(a, b)| (u(a.into()), u(b.into())));
            f.push("src_ip", src);
            f.push("dst_ip", dst);
            f.push("src_port", sport);
            // A policy verdict carries the rule's destination port itself.
            if !matches!(self.ev, Event::PolicyVerdict { .. }) {
                f.push("dst_port", dport);
            }
            f.push("l4", s.proto().map_or(F::Null, F::S));
            f.push("summary", F::Summary(s));
        }
    }
}

fn verdict_direction(flags: u8) -> &'static str {
    match flags & 3 {
        1 => "ingress",
        2 => "egress",
        _ => "unknown",
    }
}

fn verdict_action(verdict: i32, flags: u8) -> &'static str {
    match verdict {
        0 if flags & 0x40 != 0 => "audit",
        0 => "allow",
        v if v < 0 => "deny",
        _ => "redirect",
    }
}

fn xlate_point_name(p: u8) -> Option<&'static str> {
    Some(match p {
        1 => "pre-xlate-fwd",
        2 => "post-xlate-fwd",
        3 => "pre-xlate-rev",
        4 => "post-xlate-rev",
        _ => return None,
    })
}

/// The JSON object of a drop or a trace (the monitor's floods) written from the event
/// itself: what [`EventRecord::fill`] gives the JSON writer, byte for byte (tested for
/// every variant), without building the fields first. False for the other kinds.
fn json_direct(r: &EventRecord<'_, '_>, b: &mut impl Sink) -> bool {
    fn named(b: &mut impl Sink, code: u8, name: Option<&str>) {
        match name {
            Some(s) => push_json_str(b, s),
            None => b.u64(code.into()),
        }
    }
    fn opt(b: &mut impl Sink, v: Option<u64>) {
        match v {
            Some(n) => b.u64(n),
            None => b.put(b"null"),
        }
    }
    fn ip(b: &mut impl Sink, a: Option<Ipv4Addr>) {
        match a {
            Some(a) => {
                b.put(b"\"");
                b.ip(a);
                b.put(b"\"");
            }
            None => b.put(b"null"),
        }
    }
    fn ids(b: &mut impl Sink, h: Hdr, src: u32, dst: u32, dst_id: u64) {
        b.kv(b",\"source\":", h.source.into());
        b.kv(b",\"hash\":", h.hash.into());
        b.kv(b",\"src_identity\":", src.into());
        b.kv(b",\"dst_identity\":", dst.into());
        b.kv(b",\"dst_endpoint\":", dst_id);
    }
    // IPv6 packets (rare beside an IPv4 datapath) go the general way.
    if !matches!(r.ev, Event::Drop { .. } | Event::Trace { .. }) || matches!(r.summary, Summary::Ipv6 { .. })
    {
        return false;
    }
    b.kv(b"{\"cpu\":", r.cpu.into());
    let h = match *r.ev {
        Event::Drop { h, src_label, dst_label, dst_id, line, file, ifindex, flags, ip_trace_id, .. } => {
            b.put(b",\"reason\":");
            named(b, h.subtype, reason_text(h.subtype));
            b.kv(b",\"reason_code\":", h.subtype.into());
            ids(b, h, src_label, dst_label, dst_id.into());
            b.put(b",\"ifindex\":");
            opt(b, ifindex.map(u64::from));
            b.put(b",\"file\":");
            match file {
                Some(fi) => named(b, fi, file_name(fi)),
                None => b.put(b"null"),
            }
            b.put(b",\"line\":");
            opt(b, line.map(u64::from));
            b.put(b",\"flags\":");
            opt(b, flags.map(u64::from));
            b.put(b",\"ip_trace_id\":");
            opt(b, ip_trace_id);
            h
        }
        Event::Trace { h, src_label, dst_label, dst_id, reason, ifindex, orig_ip, ip_trace_id, .. } => {
            b.put(b",\"observation_point\":");
            named(b, h.subtype, point_name(h.subtype));
            b.put(b",\"state\":");
            named(b, reason, trace_state(reason));
            b.put(if reason & 0x80 != 0 { b",\"encrypted\":true" } else { b",\"encrypted\":false" });
            ids(b, h, src_label, dst_label, dst_id.into());
            b.kv(b",\"ifindex\":", ifindex.into());
            b.put(b",\"orig_ip\":");
            ip(b, orig_ip);
            b.put(b",\"ip_trace_id\":");
            opt(b, ip_trace_id);
            h
        }
        _ => return false,
    };
    b.kv(b",\"len_orig\":", h.len_orig.into());
    b.kv(b",\"len_cap\":", h.len_cap.into());
    let s = &r.summary;
    let (src, dst) = s.ipv4().unzip();
    let (sport, dport) = s.ports().unzip();
    b.put(b",\"src_ip\":");
    ip(b, src);
    b.put(b",\"dst_ip\":");
    ip(b, dst);
    b.put(b",\"src_port\":");
    opt(b, sport.map(u64::from));
    b.put(b",\"dst_port\":");
    opt(b, dport.map(u64::from));
    b.put(b",\"l4\":");
    match s.proto() {
        Some(p) => push_json_str(b, p),
        None => b.put(b"null"),
    }
    b.put(b",\"summary\":\"");
    s.write_to(b);
    b.put(b"\"}");
    true
}

impl Record for EventRecord<'_, '_> {
    fn visit(&self, v: &mut dyn Visit) {
        self.fields().visit(v);
    }

    fn line(&self, buf: &mut Vec<u8>) {
        let (ev, s, numeric) = (self.ev, &self.summary, self.numeric);
        let mut direct = false;
        if put_into(buf, EVENT_ROOM, |p| direct = super::line::write_direct(ev, s, numeric, p)) && direct {
            return;
        }
        let mut f = Fields::new();
        self.fill(&mut f);
        let kind = self.ev.kind();
        if !put_into(buf, EVENT_ROOM, |p| super::line::write(kind, &f, self.numeric, p)) {
            super::line::write(kind, &f, self.numeric, buf);
        }
    }

    fn json(&self, buf: &mut Vec<u8>, scratch: &mut String) -> bool {
        let mut direct = false;
        if put_into(buf, EVENT_ROOM, |p| direct = json_direct(self, p)) && direct {
            return true;
        }
        let mut f = Fields::new();
        self.fill(&mut f);
        if !put_into(buf, EVENT_ROOM, |p| f.push_json(p, scratch)) {
            f.push_json(buf, scratch);
        }
        true
    }
}

/// Room reserved for one event's line or JSON object: most fit, a longer one is written
/// the slower way.
const EVENT_ROOM: usize = 1024;

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

/// What Ctrl-C prints.
pub struct RunSummary<'a> {
    pub received: u64,
    pub shown: u64,
    pub by_type: &'a [u64; KINDS.len()],
    pub lost_by_cpu: &'a [u64],
}

impl RunSummary<'_> {
    /// The human line of the summary (what Ctrl-C prints on stderr).
    pub fn text(&self) -> String {
        let mut line = Vec::new();
        self.line(&mut line);
        String::from_utf8_lossy(&line).into_owned()
    }
}

impl Record for RunSummary<'_> {
    fn visit(&self, v: &mut dyn Visit) {
        v.field("received", "RECEIVED", Value::U64(self.received));
        v.field("shown", "SHOWN", Value::U64(self.shown));
        for (k, n) in KINDS.iter().zip(self.by_type) {
            v.field(k.key, "", Value::U64(*n));
        }
        v.field("lost", "LOST", Value::U64(self.lost_by_cpu.iter().sum()));
        v.field("lost_by_cpu", "", Value::Nums(self.lost_by_cpu));
    }
    fn line(&self, buf: &mut Vec<u8>) {
        let _ = write!(buf, "{} events received, {} shown;", self.received, self.shown);
        for (k, n) in KINDS.iter().zip(self.by_type).filter(|(_, n)| **n > 0) {
            let _ = write!(buf, " {} {n}", k.name);
        }
        let lost: u64 = self.lost_by_cpu.iter().sum();
        let _ = write!(buf, "; lost {lost}");
        for (cpu, n) in self.lost_by_cpu.iter().enumerate().filter(|(_, n)| **n > 0) {
            let _ = write!(buf, " (CPU {cpu:02}: {n})");
        }
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
pub(crate) mod tests {
    use super::*;
    use crate::events::decode::*;
    use crate::wire::test_hex as hex;

    #[test]
    fn drops_and_traces_written_directly_equal_their_fields_lines() {
        let drop = drop_fixture();
        let pkt = &drop[DROP_LEN..];
        let mut trace = drop[..16].to_vec();
        trace[0] = 4;
        trace.extend_from_slice(&[0; 32]);
        trace[40..44].copy_from_slice(&[10, 0, 0, 9]);
        trace.extend_from_slice(pkt);
        let mut events = Vec::new();
        for sub in [0u8, 1, 2, 3, 4, 5, 9, 13, 14, 133, 200, 255] {
            for (src, dst) in [(0u32, 1u32), (2, 6), (1011, 7), (8, u32::MAX)] {
                for extra in [0u8, 2, 99, 0x81] {
                    // The drop's file id is at byte 30, the trace's reason at 26.
                    for (base, extra_at) in [(&drop, 30), (&trace, 26)] {
                        let mut e = base.clone();
                        e[1] = sub;
                        e[16..20].copy_from_slice(&src.to_ne_bytes());
                        e[20..24].copy_from_slice(&dst.to_ne_bytes());
                        e[extra_at] = extra;
                        events.push(e);
                    }
                }
            }
        }
        // The v1.10 drop (no file, line or ifindex).
        let mut old = drop[..DROP_LEN_V1_10].to_vec();
        old.extend_from_slice(&pkt[..24]);
        events.push(old);
        for b in &events {
            let ev = decode(b);
            assert!(matches!(ev, Event::Drop { .. } | Event::Trace { .. }), "{ev:?}");
            for numeric in [false, true] {
                let r = EventRecord { numeric, ..EventRecord::new(1, &ev) };
                let mut want = Vec::new();
                super::super::line::write(ev.kind(), &r.fields(), numeric, &mut want);
                let mut got = Vec::new();
                assert!(super::super::line::write_direct(&ev, &r.summary, numeric, &mut got));
                assert_eq!(String::from_utf8_lossy(&got), String::from_utf8_lossy(&want));
            }
            let r = EventRecord::new(1, &ev);
            let mut want = Vec::new();
            r.fields().push_json(&mut want, &mut String::new());
            let mut got = Vec::new();
            assert!(json_direct(&r, &mut got));
            assert_eq!(String::from_utf8_lossy(&got), String::from_utf8_lossy(&want));
        }
    }

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

    /// One message of every kind (and a truncated one), as the datapath would send them.
    fn every_kind() -> Vec<Vec<u8>> {
        let hdr = |ty: u8, sub: u8, len_cap: u16, version: u16| {
            let mut b = vec![ty, sub];
            b.extend_from_slice(&12u16.to_ne_bytes());
            b.extend_from_slice(&0x55u32.to_ne_bytes());
            b.extend_from_slice(&74u32.to_ne_bytes());
            b.extend_from_slice(&len_cap.to_ne_bytes());
            b.extend_from_slice(&version.to_ne_bytes());
            b
        };
        let pkt = &drop_fixture()[DROP_LEN..];
        let mut trace = hdr(4, 0, pkt.len() as u16, 1);
        trace.extend_from_slice(&[0; 32]);
        trace.extend_from_slice(pkt);
        let mut verdict = hdr(5, 0, pkt.len() as u16, 1);
        verdict.extend_from_slice(&1011u32.to_ne_bytes());
        verdict.extend_from_slice(&(-133i32).to_ne_bytes());
        verdict.extend_from_slice(&9090u16.to_ne_bytes());
        verdict.extend_from_slice(&[6, 0, 0, 0, 0, 0]); // proto, flags 0: no direction
        verdict.extend_from_slice(pkt);
        let mut debug = hdr(2, 3, 0, 0);
        debug.extend_from_slice(&[0; 4]);
        let mut capture = hdr(3, 4, pkt.len() as u16, 0);
        capture.extend_from_slice(&[3, 0, 0, 0, 0, 0, 0, 0]);
        capture.extend_from_slice(pkt);
        let mut sock = vec![7u8, 2, 10, 96, 0, 10];
        sock.extend_from_slice(&[0; 12]);
        sock.extend_from_slice(&53u16.to_be_bytes());
        sock.extend_from_slice(&77u64.to_ne_bytes());
        sock.extend_from_slice(&9u64.to_ne_bytes());
        sock.extend_from_slice(&[17, 0]);
        vec![
            drop_fixture(),
            trace,
            verdict,
            debug,
            capture,
            sock,
            vec![99, 1, 2],
            drop_fixture()[..20].to_vec(),
        ]
    }

    /// Every kind rendered both ways: the text line reads only keys the JSON carries, each
    /// key once, and the values the text shows are the JSON's.
    #[test]
    fn text_and_json_come_from_the_same_fields() {
        let mut kinds = Vec::new();
        for b in every_kind() {
            let ev = decode(&b);
            kinds.push(ev.kind());
            let r = EventRecord::new(3, &ev);
            let f = r.fields();
            let mut line = Vec::new();
            super::super::line::write(ev.kind(), &f, false, &mut line);
            // The monitor's own writers (in place; drops and traces without their fields)
            // give the fields' line exactly, with identities by name and by number.
            for numeric in [false, true] {
                let r = EventRecord { numeric, ..EventRecord::new(3, &ev) };
                let mut want = Vec::new();
                super::super::line::write(ev.kind(), &r.fields(), numeric, &mut want);
                let mut put_line = Vec::new();
                crate::output::Record::line(&r, &mut put_line);
                assert_eq!(
                    String::from_utf8_lossy(&put_line),
                    String::from_utf8_lossy(&want),
                    "{:?}",
                    ev.kind()
                );
            }
            let (used, missing) = f.text_usage();
            assert_eq!(missing, None, "{:?}: the text line reads a field the JSON lacks", ev.kind());
            assert!(!used.is_empty(), "{:?}", ev.kind());
            let mut json = Vec::new();
            crate::output::push_record(&mut json, &mut String::new(), &r);
            // The monitor's own JSON writer gives the visitor's bytes exactly.
            let mut fast = Vec::new();
            assert!(crate::output::Record::json(&r, &mut fast, &mut String::new()));
            assert_eq!(String::from_utf8_lossy(&fast), String::from_utf8_lossy(&json), "{:?}", ev.kind());
            let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
            let obj = v.as_object().unwrap();
            let keys: Vec<&str> = f.keys().collect();
            assert_eq!(obj.len(), keys.len(), "{:?}: duplicate JSON keys in {keys:?}", ev.kind());
            for k in &used {
                assert!(obj.contains_key(*k), "{:?}: {k}", ev.kind());
            }
            let text = String::from_utf8(line).unwrap();
            match ev.kind() {
                Kind::PolicyVerdict => {
                    assert_eq!(obj["direction"], "unknown");
                    assert!(text.contains(", unknown, action deny,"), "{text}");
                }
                Kind::TraceSock => {
                    assert_eq!(obj["dst_ip"], "10.96.0.10");
                    assert!(text.contains("dst 10.96.0.10:53 UDP"), "{text}");
                }
                Kind::Trace => assert!(text.starts_with("-> endpoint 0 flow 0x55"), "{text}"),
                _ => {}
            }
        }
        let all: Vec<Kind> =
            crate::events::kinds::KINDS.iter().map(|k| k.kind).filter(|k| *k != Kind::Recorder).collect();
        for k in all {
            assert!(kinds.contains(&k), "no fixture of {k:?}");
        }
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
    /// The drop fixture re-laid as a newer notify version: `extra` bytes after the 36.
    fn drop_as(version: u8, extra: &[u8]) -> Vec<u8> {
        let b = drop_fixture();
        let mut v = b[..DROP_LEN].to_vec();
        v[14] = version;
        v.extend_from_slice(extra);
        v.extend_from_slice(&b[DROP_LEN..]);
        v
    }

    #[test]
    fn newer_drop_versions() {
        // v2 (1.18 cycle): flags + 3 pad; v3 (1.19 cycle): + ip_trace_id.
        let v2 = drop_as(2, &[0b101, 0, 0, 0]);
        match decode(&v2) {
            Event::Drop { flags: Some(5), ip_trace_id: None, line: Some(77), pkt, .. } => {
                assert_eq!(pkt, &drop_fixture()[DROP_LEN..])
            }
            e => panic!("{e:?}"),
        }
        let mut extra = vec![1, 0, 0, 0];
        extra.extend_from_slice(&0x1122_3344_5566_7788u64.to_ne_bytes());
        let v3 = drop_as(3, &extra);
        let ev = decode(&v3);
        match ev {
            Event::Drop { flags: Some(1), ip_trace_id: Some(0x1122_3344_5566_7788), pkt, .. } => {
                assert_eq!(pkt, &drop_fixture()[DROP_LEN..])
            }
            ref e => panic!("{e:?}"),
        }
        let r = EventRecord::new(0, &ev);
        let mut json = Vec::new();
        crate::output::push_record(&mut json, &mut String::new(), &r);
        let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
        assert_eq!(
            (v["ip_trace_id"].as_u64(), v["dst_port"].as_u64()),
            (Some(0x1122_3344_5566_7788), Some(9090))
        );
        // A version-3 record cut before its 48 bytes is short, not misread.
        assert!(matches!(decode(&v3[..44]), Event::Short { ty: 1, need: 48, .. }));
        // The v1.16 drop has no such fields.
        assert!(matches!(decode(&drop_fixture()), Event::Drop { flags: None, ip_trace_id: None, .. }));
    }

    #[test]
    fn v1_10_drop_with_perf_padding() {
        // A 32-byte drop with a 54-byte capture is 86 bytes; with up to 2 bytes of padding it
        // is still shorter than a 36-byte one. (Perf pads this one to 92, which a 36-byte
        // drop of the same capture also has: there the 36-byte layout wins.)
        let b = drop_fixture();
        let mut old = b[..32].to_vec();
        old.extend_from_slice(&b[DROP_LEN..]);
        assert_eq!(old.len(), 86);
        match decode(&old) {
            Event::Drop { line: None, pkt, .. } => assert_eq!(pkt.len(), 54),
            e => panic!("{e:?}"),
        }
        old.extend_from_slice(&[0; 2]);
        assert!(matches!(decode(&old), Event::Drop { line: None, .. }), "padded v1.10 drop");
        // With a 50-byte capture the two padded sizes differ (82 -> 84, 86 -> 92).
        let mut old = b[..32].to_vec();
        old[12..14].copy_from_slice(&50u16.to_ne_bytes());
        old.extend_from_slice(&b[DROP_LEN..DROP_LEN + 50]);
        old.extend_from_slice(&[0; 2]);
        assert_eq!(old.len(), 84);
        assert!(matches!(decode(&old), Event::Drop { line: None, .. }), "a 32-byte drop padded to 84");
        // Padded to 92 it fits both layouts: the node's version decides.
        let mut old = b[..32].to_vec();
        old.extend_from_slice(&b[DROP_LEN..]);
        old.extend_from_slice(&[0; 6]);
        assert!(matches!(decode(&old), Event::Drop { line: Some(_), .. }));
        match decode_as(&old, true) {
            Event::Drop { line: None, pkt, .. } => assert_eq!(pkt.len(), 54),
            e => panic!("{e:?}"),
        }
    }

    #[test]
    fn newer_trace_and_verdict_versions() {
        let mut t = vec![4u8, 0];
        t.extend_from_slice(&12u16.to_ne_bytes());
        t.extend_from_slice(&0x10u32.to_ne_bytes());
        t.extend_from_slice(&98u32.to_ne_bytes());
        t.extend_from_slice(&0u16.to_ne_bytes());
        t.extend_from_slice(&2u16.to_ne_bytes());
        t.extend_from_slice(&[0; 32]);
        t.extend_from_slice(&42u64.to_ne_bytes());
        assert_eq!(t.len(), TRACE_LEN_V2);
        assert!(matches!(decode(&t), Event::Trace { ip_trace_id: Some(42), .. }));
        assert!(matches!(decode(&t[..50]), Event::Short { ty: 4, need: 56, .. }));

        // The 40-byte verdict of the 1.19 cycle carries the rule's cookie at 32.
        let pkt = &drop_fixture()[DROP_LEN..];
        let mut v = vec![5u8, 0];
        v.extend_from_slice(&12u16.to_ne_bytes());
        v.extend_from_slice(&0x55u32.to_ne_bytes());
        v.extend_from_slice(&74u32.to_ne_bytes());
        v.extend_from_slice(&(pkt.len() as u16).to_ne_bytes());
        v.extend_from_slice(&1u16.to_ne_bytes());
        v.extend_from_slice(&1011u32.to_ne_bytes());
        v.extend_from_slice(&0i32.to_ne_bytes());
        v.extend_from_slice(&9090u16.to_ne_bytes());
        v.extend_from_slice(&[6, 1 | (2 << 3), 0, 0, 0, 0]);
        let mut v40 = v.clone();
        v40.extend_from_slice(&7u32.to_ne_bytes());
        v40.extend_from_slice(&[0; 4]);
        v40.extend_from_slice(pkt);
        v.extend_from_slice(pkt);
        match decode(&v40) {
            Event::PolicyVerdict { cookie: Some(7), pkt: p, .. } => assert_eq!(p, pkt),
            e => panic!("{e:?}"),
        }
        match decode(&v) {
            Event::PolicyVerdict { cookie: None, pkt: p, flags, .. } => {
                assert_eq!(p, pkt);
                assert_eq!((flags & 3, (flags >> 3) & 7), (1, 2));
            }
            e => panic!("{e:?}"),
        }
    }
}
