//! The monitor's event writers, behind one trait: each run hands every event that passed
//! its filters, every loss and its closing summary to an [`EventWriter`]. [`Stream`] writes
//! Cilium-style text lines or JSON Lines (`{"type": ..., "data": ...}`), as `-o` chose,
//! through the output layer; [`super::hubble::Hubble`] writes Hubble's flow JSON and
//! [`super::pcapng::Pcapng`] a capture file; [`Both`] feeds two at once.

use std::cell::RefCell;
use std::io;

use super::record::{EventRecord, Lost, RunSummary, hex_dump};
use super::signal::SignalRecord;
use crate::output::bytes::Sink as _;
use crate::output::{Format, Output, Record, Value, Visit};

/// Where a monitor run's events go.
pub trait EventWriter {
    /// One event that passed the filters; `raw`, its message bytes (`--hex`).
    fn event(&mut self, rec: &EventRecord<'_, '_>, raw: Option<&[u8]>) -> io::Result<()>;
    /// One sample of `cilium_signals` (`--signals`).
    fn signal(&mut self, rec: &SignalRecord) -> io::Result<()>;
    /// Records one CPU's ring lost, as the kernel reported them.
    fn lost(&mut self, lost: &Lost) -> io::Result<()>;
    /// The run's end (Ctrl-C, `--max-events`); the writer flushes after it.
    fn summary(&mut self, summary: &RunSummary<'_>) -> io::Result<()>;
    /// Pushes out what is buffered.
    fn flush(&mut self) -> io::Result<()>;
}

/// Text lines or JSON Lines on the command's output.
pub struct Stream<'o> {
    out: &'o mut Output,
    scratch: RefCell<String>,
}

impl<'o> Stream<'o> {
    pub fn new(out: &'o mut Output) -> Stream<'o> {
        Stream { out, scratch: RefCell::new(String::new()) }
    }
}

impl EventWriter for Stream<'_> {
    fn event(&mut self, rec: &EventRecord<'_, '_>, raw: Option<&[u8]>) -> io::Result<()> {
        self.out.event(rec.ev.type_name(), &WithRaw { rec, raw, scratch: &self.scratch })
    }

    fn signal(&mut self, rec: &SignalRecord) -> io::Result<()> {
        self.out.event("signal", rec)
    }

    fn lost(&mut self, lost: &Lost) -> io::Result<()> {
        self.out.event("lost", lost)
    }

    /// JSON Lines keep the summary as a record on stdout; the human line goes to stderr,
    /// so that text output stays events only and is fine to pipe.
    fn summary(&mut self, summary: &RunSummary<'_>) -> io::Result<()> {
        if self.out.format() == Format::Json {
            self.out.event("summary", summary)?;
        }
        self.out.flush()?;
        self.out.info(&summary.text());
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Two writers fed the same run (`--pcap FILE` beside the usual lines).
pub struct Both<'a>(pub &'a mut dyn EventWriter, pub &'a mut dyn EventWriter);

impl EventWriter for Both<'_> {
    fn event(&mut self, rec: &EventRecord<'_, '_>, raw: Option<&[u8]>) -> io::Result<()> {
        self.0.event(rec, raw)?;
        self.1.event(rec, raw)
    }
    fn signal(&mut self, rec: &SignalRecord) -> io::Result<()> {
        self.0.signal(rec)?;
        self.1.signal(rec)
    }
    fn lost(&mut self, lost: &Lost) -> io::Result<()> {
        self.0.lost(lost)?;
        self.1.lost(lost)
    }
    fn summary(&mut self, summary: &RunSummary<'_>) -> io::Result<()> {
        self.0.summary(summary)?;
        self.1.summary(summary)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()?;
        self.1.flush()
    }
}

/// An event with its raw bytes for `--hex`.
struct WithRaw<'r, 'a, 'b> {
    rec: &'r EventRecord<'a, 'b>,
    raw: Option<&'r [u8]>,
    scratch: &'r std::cell::RefCell<String>,
}

impl Record for WithRaw<'_, '_, '_> {
    fn visit(&self, v: &mut dyn Visit) {
        self.rec.visit(v);
        if let Some(raw) = self.raw {
            v.field("raw", "", Value::Disp(&crate::output::Hex(raw)));
        }
    }
    /// The event's own fast JSON, with `raw` as its last field (what `visit` gives).
    fn json(&self, buf: &mut Vec<u8>, scratch: &mut String) -> bool {
        let start = buf.len();
        if !self.rec.json(buf, scratch) {
            return false;
        }
        if let Some(raw) = self.raw {
            if buf.len() < start + 2 || buf.pop() != Some(b'}') {
                buf.truncate(start);
                return false;
            }
            buf.extend_from_slice(if buf.len() == start + 1 { b"\"raw\":\"" } else { b",\"raw\":\"" });
            buf.hex_bytes(raw);
            buf.extend_from_slice(b"\"}");
        }
        true
    }

    fn line(&self, buf: &mut Vec<u8>) {
        self.rec.line(buf);
        if let Some(raw) = self.raw {
            let mut s = self.scratch.borrow_mut();
            s.clear();
            hex_dump(raw, &mut s);
            buf.extend_from_slice(s.as_bytes());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_with_raw_bytes_write_the_visitors_json() {
        let data = crate::events::record::tests::drop_fixture();
        let ev = crate::events::decode::decode(&data);
        let rec = EventRecord::new(2, &ev);
        let scratch = std::cell::RefCell::new(String::new());
        for raw in [None, Some(&data[..]), Some(&data[..0])] {
            let r = WithRaw { rec: &rec, raw, scratch: &scratch };
            let (mut fast, mut slow) = (b"x".to_vec(), b"x".to_vec());
            assert!(r.json(&mut fast, &mut String::new()));
            crate::output::push_record(&mut slow, &mut String::new(), &r);
            assert_eq!(String::from_utf8(fast).unwrap(), String::from_utf8(slow).unwrap());
        }
    }
}
