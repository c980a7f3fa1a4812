//! The monitor's filters (`--type`, `--from`, `--to`, `--related-to`, `--ip`, `--port`,
//! `--reason`): which decoded events a run shows. Every filter given must pass.

use super::decode::Event;
use super::kinds::{KINDS, Kind};
use super::packet::Summary;
use crate::codes::reasons::reason_text;
use crate::netaddr::Cidr;

/// The filters of one run; `None` (or an empty `types`) lets everything through.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// Kinds shown; empty: the kinds shown by default (all with `verbose`).
    pub types: Vec<Kind>,
    pub from: Option<u16>,
    pub to: Option<u32>,
    pub related: Option<u16>,
    pub ip: Option<Cidr>,
    pub port: Option<u16>,
    pub reason: Option<String>,
}

impl Filter {
    /// The kinds a run shows when `--type` names none: the default ones, every one with
    /// `--verbose`.
    pub fn default_kinds(verbose: bool) -> Vec<Kind> {
        KINDS.iter().filter(|k| k.default_shown || verbose).map(|k| k.kind).collect()
    }

    /// Whether `ev` (with its packet summary) passes every filter given.
    pub fn keep(&self, ev: &Event<'_>, summary: &Summary) -> bool {
        if !self.types.contains(&ev.kind()) {
            return false;
        }
        if self.from.is_some_and(|f| ev.source() != Some(f)) {
            return false;
        }
        if self.to.is_some_and(|t| ev.dst_endpoint() != Some(t)) {
            return false;
        }
        if let Some(r) = self.related {
            if ev.source() != Some(r) && ev.dst_endpoint() != Some(u32::from(r)) {
                return false;
            }
        }
        if let Some(c) = self.ip {
            let orig = match *ev {
                Event::Trace { orig_ip, .. } => orig_ip,
                _ => None,
            };
            let hit = summary.addrs().is_some_and(|(s, d)| c.contains(s) || c.contains(d))
                || orig.is_some_and(|o| c.contains(o.into()));
            if !hit {
                return false;
            }
        }
        if let Some(p) = self.port {
            if !summary.ports().is_some_and(|(s, d)| s == p || d == p) {
                return false;
            }
        }
        if let Some(want) = &self.reason {
            let Some(code) = ev.drop_reason() else { return false };
            let text = reason_text(code).unwrap_or("").to_ascii_lowercase();
            if !(text.contains(want.as_str()) || want.parse::<u8>() == Ok(code)) {
                return false;
            }
        }
        true
    }
}
