//! `monitor -o hubble`: every event as one line of Hubble's flow JSON, a `GetFlowsResponse`
//! (Cilium's `api/v1/observer/observer.proto`, its `Flow` from `api/v1/flow/flow.proto`), as
//! Hubble's JSON exporter and `hubble observe -o json` write it and `hubble observe
//! --input-file` reads it: proto field names, enums by name, 64-bit integers as strings,
//! times in RFC 3339, fields at their zero value left out, and only fields the v1.16 tree
//! knows (a strict reader skips a line with a field it does not know).
//!
//! Drops are `DROPPED` with the code and its `drop_reason_desc` name; traces `FORWARDED`
//! with their observation point, CT state and `is_reply`; policy verdicts `FORWARDED`,
//! `DROPPED`, `AUDIT` or `REDIRECTED` with their direction and match type; captures carry
//! their capture point; socket traces are `SOCK` flows (`TRACED`, or `TRANSLATED` after the
//! translation). Losses are `lost_events` records. Debug messages have no flow shape in
//! Hubble and are not written (the summary counts them as received).

use std::collections::HashMap;
use std::io;
use std::net::Ipv4Addr;
use std::time::SystemTime;

use super::decode::Event;
use super::packet::{L4, Summary};
use super::record::{EventRecord, Lost, RunSummary};
use super::signal::SignalRecord;
use super::write::EventWriter;
use crate::codes::reasons::hubble_drop_reason;
use crate::output::Output;
use crate::output::bytes::Sink as _;
use crate::output::push_json_str;

/// Hubble's `TraceObservationPoint` of a Cilium trace point (to-lxc is `TO_ENDPOINT`).
fn observation_point(p: u8) -> Option<&'static str> {
    Some(match p {
        0 => "TO_ENDPOINT",
        1 => "TO_PROXY",
        2 => "TO_HOST",
        3 => "TO_STACK",
        4 => "TO_OVERLAY",
        5 => "FROM_ENDPOINT",
        6 => "FROM_PROXY",
        7 => "FROM_HOST",
        8 => "FROM_STACK",
        9 => "FROM_OVERLAY",
        10 => "FROM_NETWORK",
        11 => "TO_NETWORK",
        _ => return None,
    })
}

/// Hubble's `TraceReason` of a trace's CT state (Cilium's `TRACE_REASON_*` + 1).
fn trace_reason(reason: u8) -> Option<&'static str> {
    Some(match reason & 0x7f {
        0 => "NEW",
        1 => "ESTABLISHED",
        2 => "REPLY",
        3 => "RELATED",
        4 => "REOPENED",
        _ => return None,
    })
}

/// Cilium's CT_REPLY state.
const REPLY: u8 = 2;

/// Writes Hubble flow lines on the command's output.
pub struct Hubble<'o> {
    out: &'o mut Output,
    node_name: String,
    /// Interface names by ifindex, asked once each.
    names: HashMap<u32, Option<String>>,
    name_of: Box<dyn Fn(u32) -> Option<String>>,
    /// The time of the line being written, RFC 3339 with nanoseconds.
    time: String,
    /// The second `time_prefix` was formatted for, and its `YYYY-MM-DDTHH:MM:SS`.
    time_secs: u64,
    time_prefix: String,
    /// The line being written (reused).
    line: Vec<u8>,
}

impl<'o> Hubble<'o> {
    /// `name_of` names an interface by its index (the node's own devices).
    pub fn new(
        out: &'o mut Output,
        node_name: String,
        name_of: Box<dyn Fn(u32) -> Option<String>>,
    ) -> Hubble<'o> {
        Hubble {
            out,
            node_name,
            names: HashMap::new(),
            name_of,
            time: String::new(),
            time_secs: u64::MAX,
            time_prefix: String::new(),
            line: Vec::with_capacity(1024),
        }
    }

    /// Now, in RFC 3339 with nanoseconds; the date part is formatted once a second.
    fn stamp(&mut self) {
        use std::fmt::Write as _;
        let now = SystemTime::now();
        let d = now.duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        if d.as_secs() != self.time_secs {
            self.time_secs = d.as_secs();
            self.time_prefix = humantime::format_rfc3339_seconds(now).to_string();
            self.time_prefix.pop(); // the 'Z'
        }
        self.time.clear();
        let _ = write!(self.time, "{}.{:09}Z", self.time_prefix, d.subsec_nanos());
    }

    fn name(&mut self, ifindex: u32) -> Option<&str> {
        let name_of = &self.name_of;
        self.names.entry(ifindex).or_insert_with(|| name_of(ifindex)).as_deref()
    }
}

/// A JSON object being written: keys with commas between them.
struct Obj<'b> {
    b: &'b mut Vec<u8>,
    first: bool,
}

impl<'b> Obj<'b> {
    fn open(b: &'b mut Vec<u8>) -> Obj<'b> {
        b.push(b'{');
        Obj { b, first: true }
    }
    fn key(&mut self, k: &str) -> &mut Vec<u8> {
        if !self.first {
            self.b.push(b',');
        }
        self.first = false;
        self.b.push(b'"');
        self.b.extend_from_slice(k.as_bytes());
        self.b.extend_from_slice(b"\":");
        self.b
    }
    fn str(&mut self, k: &str, v: &str) {
        let b = self.key(k);
        push_json_str(b, v);
    }
    fn num(&mut self, k: &str, v: u64) {
        let b = self.key(k);
        b.u64(v);
    }
    /// A uint64/int64: a string in protobuf's JSON.
    fn num64(&mut self, k: &str, v: u64) {
        let b = self.key(k);
        b.push(b'"');
        b.u64(v);
        b.push(b'"');
    }
    fn ip(&mut self, k: &str, v: Ipv4Addr) {
        let b = self.key(k);
        b.push(b'"');
        b.ip(v);
        b.push(b'"');
    }
    fn mac(&mut self, k: &str, m: &[u8]) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let b = self.key(k);
        b.push(b'"');
        for (i, x) in m.iter().enumerate() {
            if i > 0 {
                b.push(b':');
            }
            b.extend_from_slice(&[HEX[usize::from(x >> 4)], HEX[usize::from(x & 15)]]);
        }
        b.push(b'"');
    }
    fn bool(&mut self, k: &str, v: bool) {
        let b = self.key(k);
        b.extend_from_slice(if v { b"true" } else { b"false" });
    }
    fn obj(&mut self, k: &str, f: impl FnOnce(&mut Obj<'_>)) {
        let b = self.key(k);
        let mut o = Obj::open(b);
        f(&mut o);
        o.close();
    }
    fn close(self) {
        self.b.push(b'}');
    }
}

/// `ethernet`, `IP` and `l4` of the captured packet, as far as it was captured.
fn packet(o: &mut Obj<'_>, pkt: &[u8], summary: &Summary, encrypted: bool) {
    if pkt.len() >= 14 {
        o.obj("ethernet", |e| {
            e.mac("source", &pkt[6..12]);
            e.mac("destination", &pkt[0..6]);
        });
    }
    match *summary {
        Summary::Ipv4 { src, dst, l4 } => {
            o.obj("IP", |ip| {
                ip.ip("source", src);
                ip.ip("destination", dst);
                ip.str("ipVersion", "IPv4");
                if encrypted {
                    ip.bool("encrypted", true);
                }
            });
            layer4(o, l4);
        }
        Summary::Ipv6 { src, dst, l4 } => {
            o.obj("IP", |ip| {
                ip.str("source", &src.to_string());
                ip.str("destination", &dst.to_string());
                ip.str("ipVersion", "IPv6");
                if encrypted {
                    ip.bool("encrypted", true);
                }
            });
            layer4(o, l4);
        }
        _ => {}
    }
}

fn layer4(o: &mut Obj<'_>, l4: L4) {
    match l4 {
        L4::Tcp { sport, dport, flags } => o.obj("l4", |l| {
            l.obj("TCP", |t| {
                t.num("source_port", sport.into());
                t.num("destination_port", dport.into());
                if flags != 0 {
                    t.obj("flags", |f| {
                        for (bit, name) in [
                            (0x01, "FIN"),
                            (0x02, "SYN"),
                            (0x04, "RST"),
                            (0x08, "PSH"),
                            (0x10, "ACK"),
                            (0x20, "URG"),
                        ]
                        .into_iter()
                        .chain([(0x40, "ECE"), (0x80, "CWR")])
                        {
                            if flags & bit != 0 {
                                f.bool(name, true);
                            }
                        }
                    });
                }
            })
        }),
        L4::Udp { sport, dport } => o.obj("l4", |l| {
            l.obj("UDP", |u| {
                u.num("source_port", sport.into());
                u.num("destination_port", dport.into());
            })
        }),
        L4::Icmp { ty, code } => icmp(o, "ICMPv4", ty, code),
        L4::Icmp6 { ty, code } => icmp(o, "ICMPv6", ty, code),
        L4::Other(_) => {}
    }
}

/// `l4.ICMPv4` or `l4.ICMPv6`: type and code, zero ones left out.
fn icmp(o: &mut Obj<'_>, key: &str, ty: u8, code: u8) {
    o.obj("l4", |l| {
        l.obj(key, |i| {
            if ty != 0 {
                i.num("type", ty.into());
            }
            if code != 0 {
                i.num("code", code.into());
            }
        })
    })
}

/// An `Endpoint` with its id and identity (zero ones left out).
fn endpoint(o: &mut Obj<'_>, key: &str, id: u32, identity: u32) {
    if id == 0 && identity == 0 {
        return;
    }
    o.obj(key, |e| {
        if id != 0 {
            e.num("ID", id.into());
        }
        if identity != 0 {
            e.num("identity", identity.into());
        }
    });
}

fn event_type(o: &mut Obj<'_>, ty: u8, sub: u8) {
    o.obj("event_type", |e| {
        e.num("type", ty.into());
        if sub != 0 {
            e.num("sub_type", sub.into());
        }
    });
}

fn drop_fields(o: &mut Obj<'_>, code: u8) {
    o.str("verdict", "DROPPED");
    o.num("drop_reason", code.into());
    match hubble_drop_reason(code) {
        Some(name) => o.str("drop_reason_desc", name),
        None => o.num("drop_reason_desc", code.into()),
    }
}

impl Hubble<'_> {
    fn interface(&mut self, o: &mut Obj<'_>, ifindex: u32) {
        if ifindex == 0 {
            return;
        }
        let name = self.name(ifindex);
        o.obj("interface", |i| {
            i.num("index", ifindex.into());
            if let Some(n) = name {
                i.str("name", n);
            }
        });
    }

    /// The flow of `rec`; false for an event Hubble has no flow for.
    fn flow(&mut self, o: &mut Obj<'_>, rec: &EventRecord<'_, '_>) -> bool {
        let s = &rec.summary;
        o.str("time", &self.time);
        match *rec.ev {
            Event::Drop { h, src_label, dst_label, dst_id, ifindex, pkt, .. } => {
                drop_fields(o, h.subtype);
                packet(o, pkt, s, false);
                // The endpoint that dropped it is the source unless it was the destination
                // (an ingress drop names itself in both).
                let src_id = if u32::from(h.source) == dst_id { 0 } else { h.source.into() };
                endpoint(o, "source", src_id, src_label);
                endpoint(o, "destination", dst_id, dst_label);
                o.str("Type", "L3_L4");
                o.str("node_name", &self.node_name);
                event_type(o, 1, h.subtype);
                self.interface(o, ifindex.unwrap_or(0));
            }
            Event::Trace { h, src_label, dst_label, dst_id, reason, ifindex, pkt, .. } => {
                o.str("verdict", "FORWARDED");
                packet(o, pkt, s, reason & 0x80 != 0);
                // The reporting endpoint is the source only where the packet leaves it.
                let src_id = if h.subtype == 5 { h.source.into() } else { 0 };
                endpoint(o, "source", src_id, src_label);
                endpoint(o, "destination", dst_id.into(), dst_label);
                o.str("Type", "L3_L4");
                o.str("node_name", &self.node_name);
                event_type(o, 4, h.subtype);
                let reply = reason & 0x7f == REPLY;
                let direction = match (h.subtype, reply) {
                    (0, false) | (5, true) => Some("INGRESS"),
                    (5, false) | (0, true) => Some("EGRESS"),
                    _ => None,
                };
                if let Some(d) = direction {
                    o.str("traffic_direction", d);
                }
                if let Some(p) = observation_point(h.subtype) {
                    o.str("trace_observation_point", p);
                }
                if let Some(r) = trace_reason(reason) {
                    o.str("trace_reason", r);
                }
                o.bool("is_reply", reply);
                self.interface(o, ifindex);
            }
            Event::PolicyVerdict { h, remote_label, verdict, flags, pkt, .. } => {
                let ingress = flags & 3 == 1;
                match verdict {
                    0 if flags & 0x40 != 0 => o.str("verdict", "AUDIT"),
                    0 => o.str("verdict", "FORWARDED"),
                    v if v < 0 => drop_fields(o, u8::try_from(-i64::from(v)).unwrap_or(0)),
                    _ => o.str("verdict", "REDIRECTED"),
                }
                packet(o, pkt, s, false);
                // The endpoint is the destination of what it lets in, the source of what
                // it sends; the remote identity is the other side.
                let (src, dst) = if ingress {
                    ((0, remote_label), (u32::from(h.source), 0))
                } else {
                    ((u32::from(h.source), 0), (0, remote_label))
                };
                endpoint(o, "source", src.0, src.1);
                endpoint(o, "destination", dst.0, dst.1);
                o.str("Type", "L3_L4");
                o.str("node_name", &self.node_name);
                event_type(o, 5, 0);
                match flags & 3 {
                    1 => o.str("traffic_direction", "INGRESS"),
                    2 => o.str("traffic_direction", "EGRESS"),
                    _ => {}
                }
                let match_type = (flags >> 3) & 7;
                if match_type != 0 {
                    o.num("policy_match_type", match_type.into());
                }
            }
            Event::Capture { h, pkt, .. } => {
                packet(o, pkt, s, false);
                endpoint(o, "source", h.source.into(), 0);
                o.str("Type", "L3_L4");
                o.str("node_name", &self.node_name);
                event_type(o, 3, h.subtype);
                if h.subtype != 0 {
                    // `DebugCapturePoint` by number (protobuf's JSON reads enum numbers).
                    o.num("debug_capture_point", h.subtype.into());
                }
            }
            Event::TraceSock { xlate_point, dst_ip, dst_port, cookie, cgroup_id, l4_proto, ipv6 } => {
                o.str("verdict", if matches!(xlate_point, 2 | 4) { "TRANSLATED" } else { "TRACED" });
                o.obj("IP", |ip| {
                    if ipv6 {
                        ip.str("destination", &std::net::Ipv6Addr::from(dst_ip).to_string());
                        ip.str("ipVersion", "IPv6");
                    } else {
                        ip.ip("destination", Ipv4Addr::new(dst_ip[0], dst_ip[1], dst_ip[2], dst_ip[3]));
                        ip.str("ipVersion", "IPv4");
                    }
                });
                let proto = match l4_proto {
                    6 => Some("TCP"),
                    17 => Some("UDP"),
                    _ => None,
                };
                if let Some(p) = proto {
                    o.obj("l4", |l| l.obj(p, |t| t.num("destination_port", dst_port.into())));
                }
                o.str("Type", "SOCK");
                o.str("node_name", &self.node_name);
                event_type(o, 7, 0);
                if xlate_point != 0 {
                    // `SocketTranslationPoint` by number (1-4, as the datapath numbers them).
                    o.num("sock_xlate_point", xlate_point.into());
                }
                o.num64("socket_cookie", cookie);
                o.num64("cgroup_id", cgroup_id);
            }
            Event::Debug { .. } | Event::Unknown { .. } | Event::Short { .. } => return false,
        }
        true
    }

    fn response(&mut self, body: impl FnOnce(&mut Self, &mut Obj<'_>) -> bool) -> io::Result<()> {
        self.stamp();
        let mut line = std::mem::take(&mut self.line);
        line.clear();
        let mut top = Obj::open(&mut line);
        let wrote = body(self, &mut top);
        if wrote {
            top.str("node_name", &self.node_name);
            top.str("time", &self.time);
            top.close();
            line.push(b'\n');
        }
        let res = if wrote { self.out.append(|b| b.extend_from_slice(&line)) } else { Ok(()) };
        self.line = line;
        res
    }
}

impl EventWriter for Hubble<'_> {
    fn event(&mut self, rec: &EventRecord<'_, '_>, _raw: Option<&[u8]>) -> io::Result<()> {
        self.response(|me, top| {
            let mut wrote = true;
            let b = top.key("flow");
            let mut o = Obj::open(b);
            wrote &= me.flow(&mut o, rec);
            o.close();
            wrote
        })
    }

    /// Signals have no Hubble shape (`-o hubble` refuses `--signals`).
    fn signal(&mut self, _rec: &SignalRecord) -> io::Result<()> {
        Ok(())
    }

    fn lost(&mut self, lost: &Lost) -> io::Result<()> {
        self.response(|_, top| {
            top.obj("lost_events", |l| {
                l.str("source", "PERF_EVENT_RING_BUFFER");
                l.num64("num_events_lost", lost.count);
                l.num("cpu", lost.cpu.into());
            });
            true
        })
    }

    /// The summary goes to stderr only: standard output stays flows.
    fn summary(&mut self, summary: &RunSummary<'_>) -> io::Result<()> {
        self.out.flush()?;
        self.out.info(&summary.text());
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
