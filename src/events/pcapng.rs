//! `monitor --pcap FILE`: the packets the datapath captured, as a pcapng file that
//! Wireshark, tshark and tcpdump read (the format of the IETF draft "PCAP Now Generic",
//! draft-ietf-opsawg-pcapng). One Section Header Block, one Interface Description Block per
//! ifindex seen (Ethernet, nanosecond timestamps, named when the node knows the name), and
//! one Enhanced Packet Block per drop, trace, policy verdict or capture event: the bytes
//! the datapath captured, the packet's original length, the time the event was read, and a
//! packet comment with what tcpdump cannot know (verdict, drop reason and code,
//! observation point, endpoint, identities, source file and line).
//!
//! Written by hand: the four block types are fixed layouts, and the writer needs what the
//! monitor needs (a reused buffer, whole blocks only). Blocks go out whole: the buffer is
//! written when the monitor flushes (every ring hand-off) or when it holds 1 MiB, so the
//! file holds every block flushed before a kill and never half a block.

use std::collections::HashMap;
use std::io::{self, Write};
use std::time::{SystemTime, UNIX_EPOCH};

use super::decode::Event;
use super::record::{EventRecord, Lost, RunSummary};
use super::signal::SignalRecord;
use super::write::EventWriter;
use crate::codes::points::{CAPTURE_SUBTYPES, point_name, trace_state};
use crate::codes::reasons::{file_name, reason_text};

const SHB: u32 = 0x0A0D_0D0A;
const IDB: u32 = 1;
const EPB: u32 = 6;
const BYTE_ORDER_MAGIC: u32 = 0x1A2B_3C4D;
const LINKTYPE_ETHERNET: u16 = 1;
const OPT_END: u16 = 0;
const OPT_COMMENT: u16 = 1;
const SHB_USERAPPL: u16 = 4;
const IF_NAME: u16 = 2;
const IF_TSRESOL: u16 = 9;
/// Write the buffer out at this size even between flushes.
const FLUSH_AT: usize = 1 << 20;

/// Appends an option: code, length, value padded to 32 bits.
fn option(b: &mut Vec<u8>, code: u16, value: &[u8]) {
    b.extend_from_slice(&code.to_ne_bytes());
    b.extend_from_slice(&(value.len() as u16).to_ne_bytes());
    b.extend_from_slice(value);
    b.resize(b.len() + (4 - value.len() % 4) % 4, 0);
}

/// Appends a block: type, total length, `body` (already padded), total length again.
fn block(b: &mut Vec<u8>, ty: u32, body: impl FnOnce(&mut Vec<u8>)) {
    let start = b.len();
    b.extend_from_slice(&ty.to_ne_bytes());
    b.extend_from_slice(&[0; 4]);
    body(b);
    let len = (b.len() - start + 4) as u32;
    b[start + 4..start + 8].copy_from_slice(&len.to_ne_bytes());
    b.extend_from_slice(&len.to_ne_bytes());
}

/// Writes a pcapng stream to `w`.
pub struct Pcapng {
    w: Box<dyn Write>,
    buf: Vec<u8>,
    /// Interface id by ifindex, in the order their blocks were written.
    ifaces: HashMap<u32, u32>,
    name_of: Box<dyn Fn(u32) -> Option<String>>,
    /// Packets written, and events that carried no packet.
    pub packets: u64,
    pub without_packet: u64,
    /// Events the rings lost (the file lacks them).
    pub lost: u64,
    /// The run's summary line, for the caller to show where no other writer does.
    pub summary_line: String,
    comment: String,
}

impl Pcapng {
    /// Starts the stream: the section header goes out at once, so that even a run that sees
    /// no event leaves a file the readers accept. `name_of` names an ifindex.
    pub fn new(w: Box<dyn Write>, name_of: Box<dyn Fn(u32) -> Option<String>>) -> io::Result<Pcapng> {
        let mut p = Pcapng {
            w,
            buf: Vec::with_capacity(FLUSH_AT + 64 * 1024),
            ifaces: HashMap::new(),
            name_of,
            packets: 0,
            without_packet: 0,
            lost: 0,
            summary_line: String::new(),
            comment: String::new(),
        };
        block(&mut p.buf, SHB, |b| {
            b.extend_from_slice(&BYTE_ORDER_MAGIC.to_ne_bytes());
            b.extend_from_slice(&1u16.to_ne_bytes());
            b.extend_from_slice(&0u16.to_ne_bytes());
            b.extend_from_slice(&(-1i64).to_ne_bytes());
            option(b, SHB_USERAPPL, concat!("ciliumrs ", env!("CARGO_PKG_VERSION")).as_bytes());
            option(b, OPT_END, &[]);
        });
        p.flush()?;
        Ok(p)
    }

    /// The interface id of `ifindex` (0: not known), its block written the first time.
    fn iface(&mut self, ifindex: u32) -> u32 {
        if let Some(id) = self.ifaces.get(&ifindex) {
            return *id;
        }
        let id = self.ifaces.len() as u32;
        let name = if ifindex == 0 { None } else { (self.name_of)(ifindex) };
        block(&mut self.buf, IDB, |b| {
            b.extend_from_slice(&LINKTYPE_ETHERNET.to_ne_bytes());
            b.extend_from_slice(&0u16.to_ne_bytes());
            b.extend_from_slice(&0u32.to_ne_bytes());
            if let Some(n) = &name {
                option(b, IF_NAME, n.as_bytes());
            }
            option(b, IF_TSRESOL, &[9]);
            option(b, OPT_END, &[]);
        });
        self.ifaces.insert(ifindex, id);
        id
    }

    /// The comment of an event: what the datapath knew of the packet.
    fn describe(&mut self, ev: &Event<'_>) {
        use std::fmt::Write as _;
        let c = &mut self.comment;
        c.clear();
        match *ev {
            Event::Drop { h, src_label, dst_label, dst_id, file, line, .. } => {
                let reason = reason_text(h.subtype).unwrap_or("unknown reason");
                let _ = write!(c, "DROPPED: {reason} (code {})", h.subtype);
                let _ = write!(c, "; endpoint {}; identity {src_label} -> {dst_label}", h.source);
                if dst_id != 0 {
                    let _ = write!(c, "; to endpoint {dst_id}");
                }
                if let (Some(f), Some(l)) = (file, line) {
                    let _ = write!(c, "; {}:{l}", file_name(f).unwrap_or("unknown file"));
                }
            }
            Event::Trace { h, src_label, dst_label, dst_id, reason, .. } => {
                let point = point_name(h.subtype).unwrap_or("unknown point");
                let state = trace_state(reason).unwrap_or("unknown");
                let _ = write!(c, "FORWARDED: {point} (observation point {}), state {state}", h.subtype);
                let _ = write!(c, "; endpoint {}; identity {src_label} -> {dst_label}", h.source);
                if dst_id != 0 {
                    let _ = write!(c, "; to endpoint {dst_id}");
                }
                if reason & 0x80 != 0 {
                    c.push_str("; encrypted");
                }
            }
            Event::PolicyVerdict { h, remote_label, verdict, flags, .. } => {
                let what = match verdict {
                    0 if flags & 0x40 != 0 => "AUDIT".to_string(),
                    0 => "FORWARDED".to_string(),
                    v if v < 0 => {
                        let code = u8::try_from(-i64::from(v)).unwrap_or(0);
                        format!("DROPPED: {} (code {code})", reason_text(code).unwrap_or("unknown reason"))
                    }
                    p => format!("REDIRECTED to proxy port {p}"),
                };
                let dir = match flags & 3 {
                    1 => "ingress",
                    2 => "egress",
                    _ => "unknown direction",
                };
                let _ = write!(
                    c,
                    "policy verdict {what}; {dir}; endpoint {}; remote identity {remote_label}",
                    h.source
                );
            }
            Event::Capture { h, .. } => {
                let sub = CAPTURE_SUBTYPES.get(usize::from(h.subtype)).copied().unwrap_or("unknown");
                let _ = write!(c, "capture: {sub} (subtype {}); endpoint {}", h.subtype, h.source);
            }
            _ => {}
        }
    }
}

impl EventWriter for Pcapng {
    fn event(&mut self, rec: &EventRecord<'_, '_>, _raw: Option<&[u8]>) -> io::Result<()> {
        let (h, pkt, ifindex) = match *rec.ev {
            Event::Drop { h, pkt, ifindex, .. } => (h, pkt, ifindex.unwrap_or(0)),
            Event::Trace { h, pkt, ifindex, .. } => (h, pkt, ifindex),
            Event::PolicyVerdict { h, pkt, .. } | Event::Capture { h, pkt, .. } => (h, pkt, 0),
            _ => {
                self.without_packet += 1;
                return Ok(());
            }
        };
        let ns = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64);
        let id = self.iface(ifindex);
        self.describe(rec.ev);
        let comment = std::mem::take(&mut self.comment);
        block(&mut self.buf, EPB, |b| {
            b.extend_from_slice(&id.to_ne_bytes());
            b.extend_from_slice(&((ns >> 32) as u32).to_ne_bytes());
            b.extend_from_slice(&(ns as u32).to_ne_bytes());
            b.extend_from_slice(&(pkt.len() as u32).to_ne_bytes());
            b.extend_from_slice(&h.len_orig.max(pkt.len() as u32).to_ne_bytes());
            b.extend_from_slice(pkt);
            b.resize(b.len() + (4 - pkt.len() % 4) % 4, 0);
            option(b, OPT_COMMENT, comment.as_bytes());
            option(b, OPT_END, &[]);
        });
        self.comment = comment;
        self.packets += 1;
        if self.buf.len() >= FLUSH_AT {
            self.flush()?;
        }
        Ok(())
    }

    fn signal(&mut self, _rec: &SignalRecord) -> io::Result<()> {
        Ok(())
    }

    fn lost(&mut self, lost: &Lost) -> io::Result<()> {
        self.lost += lost.count;
        Ok(())
    }

    fn summary(&mut self, summary: &RunSummary<'_>) -> io::Result<()> {
        self.summary_line = summary.text();
        self.flush()
    }

    fn flush(&mut self) -> io::Result<()> {
        self.w.write_all(&self.buf)?;
        self.buf.clear();
        self.w.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_padded_and_carry_their_length_twice() {
        let mut b = Vec::new();
        block(&mut b, EPB, |b| option(b, OPT_COMMENT, b"abcde"));
        // type, length, option (4 + 5 padded to 8), length.
        assert_eq!(b.len(), 4 + 4 + 12 + 4);
        assert_eq!(&b[4..8], &(b.len() as u32).to_ne_bytes());
        assert_eq!(&b[b.len() - 4..], &(b.len() as u32).to_ne_bytes());
        assert_eq!(&b[8..10], &OPT_COMMENT.to_ne_bytes());
        assert_eq!(&b[10..12], &5u16.to_ne_bytes());
    }
}
