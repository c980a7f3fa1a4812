//! Samples of `cilium_signals`, the datapath's calls for the agent's attention (v1.16
//! `struct signal_msg`): a u32 signal number, then for the fill-up signals a u32 protocol
//! (8 bytes), for AUTH_REQUIRED a 12-byte auth key (16 bytes); the perf ring pads each
//! sample by up to 4 bytes (its size word and data end on 8 bytes). Decoded without
//! allocation; anything else is reported as malformed with its length.

use std::io::Write;

use crate::output::{Record, Value, Visit};

pub const NAT_FILL_UP: u32 = 0;
pub const CT_FILL_UP: u32 = 1;
pub const AUTH_REQUIRED: u32 = 2;

/// One decoded sample.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Signal {
    /// NAT_FILL_UP or CT_FILL_UP; `ipv6` from the protocol word.
    FillUp {
        nr: u32,
        ipv6: bool,
    },
    AuthRequired,
    /// A number this decoder does not know, or a sample of the wrong length.
    Malformed {
        nr: Option<u32>,
        len: usize,
    },
}

pub fn decode(data: &[u8]) -> Signal {
    let word = |i: usize| data.get(i..i + 4).map(|b| u32::from_ne_bytes([b[0], b[1], b[2], b[3]]));
    let nr = word(0);
    match (nr, data.len()) {
        (Some(n @ (NAT_FILL_UP | CT_FILL_UP)), 8..=12) => match word(4) {
            Some(p @ (0 | 1)) => Signal::FillUp { nr: n, ipv6: p == 1 },
            _ => Signal::Malformed { nr, len: data.len() },
        },
        (Some(AUTH_REQUIRED), 16..=20) => Signal::AuthRequired,
        _ => Signal::Malformed { nr, len: data.len() },
    }
}

impl Signal {
    pub fn name(&self) -> &'static str {
        match self {
            Signal::FillUp { nr: NAT_FILL_UP, .. } => "NAT_FILL_UP",
            Signal::FillUp { .. } => "CT_FILL_UP",
            Signal::AuthRequired => "AUTH_REQUIRED",
            Signal::Malformed { .. } => "malformed",
        }
    }
}

/// A signal as `monitor --signals` shows it.
pub struct SignalRecord {
    pub cpu: u32,
    pub signal: Signal,
}

impl Record for SignalRecord {
    fn visit(&self, v: &mut dyn Visit) {
        v.field("cpu", "CPU", Value::U64(self.cpu.into()));
        v.field("signal", "SIGNAL", Value::Str(self.signal.name()));
        match self.signal {
            Signal::FillUp { ipv6, .. } => {
                v.field("proto", "PROTO", Value::Str(if ipv6 { "ipv6" } else { "ipv4" }))
            }
            Signal::Malformed { nr, len } => {
                if let Some(n) = nr {
                    v.field("number", "", Value::U64(n.into()));
                }
                v.field("len", "", Value::U64(len as u64));
            }
            Signal::AuthRequired => {}
        }
    }

    fn line(&self, buf: &mut Vec<u8>) {
        let _ = write!(buf, "CPU {:02}: signal {}", self.cpu, self.signal.name());
        match self.signal {
            Signal::FillUp { nr, ipv6 } => {
                let map = if nr == NAT_FILL_UP { "NAT" } else { "CT" };
                let fam = if ipv6 { "IPv6" } else { "IPv4" };
                let _ = write!(
                    buf,
                    " ({fam}): the {map} table is filling up, the agent should collect garbage now"
                );
            }
            Signal::Malformed { nr, len } => {
                let _ = write!(buf, " (number {}, {len} bytes)", nr.map_or("?".into(), |n| n.to_string()));
            }
            Signal::AuthRequired => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_what_the_datapath_sends_and_refuses_the_rest() {
        let mut s = [0u8; 8];
        assert_eq!(decode(&s), Signal::FillUp { nr: NAT_FILL_UP, ipv6: false });
        assert_eq!(decode(&[0u8; 12]), Signal::FillUp { nr: NAT_FILL_UP, ipv6: false }, "ring padding");
        assert_eq!(decode(&[0u8; 13]), Signal::Malformed { nr: Some(0), len: 13 });
        s[0] = 1;
        s[4] = 1;
        assert_eq!(decode(&s), Signal::FillUp { nr: CT_FILL_UP, ipv6: true });
        s[4] = 7;
        assert_eq!(decode(&s), Signal::Malformed { nr: Some(1), len: 8 });
        assert_eq!(decode(&[0, 0]), Signal::Malformed { nr: None, len: 2 });
        let mut a = [0u8; 16];
        a[0] = 2;
        assert_eq!(decode(&a), Signal::AuthRequired);
        assert_eq!(decode(&a[..8]), Signal::Malformed { nr: Some(2), len: 8 });
    }
}
