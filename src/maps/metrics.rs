//! `cilium_metrics`: per-CPU packet and byte counters by reason and direction. C peers:
//! `struct metrics_key` (8 B) and `struct metrics_value` (16 B per CPU), v1.16.

use std::mem::{offset_of, size_of};

use bytemuck::{Pod, Zeroable};

use std::collections::BTreeMap;

use crate::codes::reasons::{file_name, reason_text};
use crate::output::prometheus::{Family, Kind, Number, Sample};
use crate::output::{Record, Value, Visit};

#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Pod, Zeroable)]
pub struct MetricsKey {
    /// 0 = forwarded, > 0 = the positive drop code.
    pub reason: u8,
    /// Bits 0-1: direction (1 ingress, 2 egress, 3 service).
    pub dir: u8,
    pub line: u16,
    pub file: u8,
    pub reserved: [u8; 3],
}

#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Pod, Zeroable)]
pub struct MetricsValue {
    pub count: u64,
    pub bytes: u64,
}

const _: () = {
    assert!(size_of::<MetricsKey>() == 8);
    assert!(offset_of!(MetricsKey, line) == 2);
    assert!(offset_of!(MetricsKey, file) == 4);
    assert!(size_of::<MetricsValue>() == 16);
};

pub fn direction_text(dir: u8) -> &'static str {
    match dir & 3 {
        1 => "INGRESS",
        2 => "EGRESS",
        3 => "SERVICE",
        _ => "UNKNOWN",
    }
}

/// Sums a per-CPU value buffer (one 16-byte slot per possible CPU). Short or ragged
/// buffers sum what is whole.
pub fn sum_per_cpu(buf: &[u8]) -> MetricsValue {
    let mut total = MetricsValue::default();
    for chunk in buf.chunks_exact(size_of::<MetricsValue>()) {
        let v: MetricsValue = bytemuck::pod_read_unaligned(chunk);
        total.count = total.count.wrapping_add(v.count);
        total.bytes = total.bytes.wrapping_add(v.bytes);
    }
    total
}

pub struct MetricsRecord {
    pub key: MetricsKey,
    pub value: MetricsValue,
}

impl MetricsRecord {
    /// Rows sort like Cilium's: by reason text, then direction.
    pub fn sort_key(&self) -> (String, &'static str, u16, u8) {
        (self.reason_string(), direction_text(self.key.dir), self.key.line, self.key.file)
    }

    fn reason_string(&self) -> String {
        reason_text(self.key.reason).map_or_else(|| self.key.reason.to_string(), str::to_string)
    }
}

impl Record for MetricsRecord {
    fn visit(&self, v: &mut dyn Visit) {
        let (k, val) = (&self.key, &self.value);
        let reason = self.reason_string();
        let file = file_name(k.file).map_or_else(
            || if k.file == 0 { String::new() } else { format!("unknown({})", k.file) },
            str::to_string,
        );
        v.field("reason", "REASON", Value::Str(&reason));
        v.field("reason_code", "", Value::U64(k.reason.into()));
        v.field("direction", "DIRECTION", Value::Str(direction_text(k.dir)));
        v.field("packets", "PACKETS", Value::U64(val.count));
        v.field("bytes", "BYTES", Value::U64(val.bytes));
        v.field("line", "LINE", Value::U64(k.line.into()));
        v.field("file", "FILE", Value::Str(&file));
    }
}

/// Whether a reason counts as a drop, as Cilium's agent decides it for its metrics
/// (`IsDrop`: DROP_INVALID, 2, or any code from DROP_MIN, 130, on); every other reason
/// (0 "Success", 3 "Interface", ...) is a forward.
pub fn is_drop(reason: u8) -> bool {
    reason == 2 || reason >= 130
}

/// The rows as Cilium's agent exports them: `cilium_drop_{count,bytes}_total{reason,
/// direction}` and `cilium_forward_{count,bytes}_total{direction}`, summed over CPUs, lines
/// and files (which are no labels), the reason as `bpf metrics list` prints it.
pub fn prometheus(rows: &[MetricsRecord]) -> Vec<Family> {
    let mut drops: BTreeMap<(String, &'static str), MetricsValue> = BTreeMap::new();
    let mut fwds: BTreeMap<&'static str, MetricsValue> = BTreeMap::new();
    for r in rows {
        let dir = direction_text(r.key.dir);
        let sum = if is_drop(r.key.reason) {
            drops.entry((r.reason_string(), dir)).or_default()
        } else {
            fwds.entry(dir).or_default()
        };
        sum.count = sum.count.wrapping_add(r.value.count);
        sum.bytes = sum.bytes.wrapping_add(r.value.bytes);
    }
    let drop_samples = |f: fn(&MetricsValue) -> u64| {
        drops
            .iter()
            .map(|((reason, dir), v)| Sample {
                labels: vec![("reason", reason.clone()), ("direction", (*dir).to_string())],
                value: Number::Int(f(v)),
            })
            .collect()
    };
    let fwd_samples = |f: fn(&MetricsValue) -> u64| {
        fwds.iter()
            .map(|(dir, v)| Sample {
                labels: vec![("direction", (*dir).to_string())],
                value: Number::Int(f(v)),
            })
            .collect()
    };
    vec![
        Family {
            name: "cilium_drop_count_total",
            help: "Total dropped packets, tagged by drop reason and ingress/egress direction",
            kind: Kind::Counter,
            samples: drop_samples(|v| v.count),
        },
        Family {
            name: "cilium_drop_bytes_total",
            help: "Total dropped bytes, tagged by drop reason and ingress/egress direction",
            kind: Kind::Counter,
            samples: drop_samples(|v| v.bytes),
        },
        Family {
            name: "cilium_forward_count_total",
            help: "Total forwarded packets, tagged by ingress/egress direction",
            kind: Kind::Counter,
            samples: fwd_samples(|v| v.count),
        },
        Family {
            name: "cilium_forward_bytes_total",
            help: "Total forwarded bytes, tagged by ingress/egress direction",
            kind: Kind::Counter,
            samples: fwd_samples(|v| v.bytes),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn golden_keys_and_sum() {
        let k: MetricsKey = bytemuck::pod_read_unaligned(&[0x85, 0x02, 0xe7, 0x03, 0x05, 0, 0, 0]);
        assert_eq!((k.reason, direction_text(k.dir), k.line, k.file), (133, "EGRESS", 999, 5));
        let mut buf = Vec::new();
        for _ in 0..2 {
            buf.extend_from_slice(&7u64.to_le_bytes());
            buf.extend_from_slice(&1024u64.to_le_bytes());
        }
        let s = sum_per_cpu(&buf);
        assert_eq!((s.count, s.bytes), (14, 2048));
        assert_eq!(sum_per_cpu(&buf[..20]).count, 7);
    }
}
