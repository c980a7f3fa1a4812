//! Map type numbers from the kernel UAPI and the names bpftool prints for them.

use std::fmt;

/// A kernel map type. Unknown numbers are kept, never hidden.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct MapType(pub u32);

impl MapType {
    pub const HASH: MapType = MapType(1);
    pub const ARRAY: MapType = MapType(2);
    pub const PROG_ARRAY: MapType = MapType(3);
    pub const PERF_EVENT_ARRAY: MapType = MapType(4);
    pub const PERCPU_HASH: MapType = MapType(5);
    pub const PERCPU_ARRAY: MapType = MapType(6);
    pub const LRU_HASH: MapType = MapType(9);
    pub const LRU_PERCPU_HASH: MapType = MapType(10);
    pub const LPM_TRIE: MapType = MapType(11);
    pub const ARRAY_OF_MAPS: MapType = MapType(12);

    /// bpftool's name for the type (`lru_hash`, `lpm_trie`, ...).
    pub fn name(self) -> Option<&'static str> {
        Some(match self.0 {
            1 => "hash",
            2 => "array",
            3 => "prog_array",
            4 => "perf_event_array",
            5 => "percpu_hash",
            6 => "percpu_array",
            7 => "stack_trace",
            8 => "cgroup_array",
            9 => "lru_hash",
            10 => "lru_percpu_hash",
            11 => "lpm_trie",
            12 => "array_of_maps",
            13 => "hash_of_maps",
            14 => "devmap",
            15 => "sockmap",
            16 => "cpumap",
            17 => "xskmap",
            18 => "sockhash",
            21 => "queue",
            22 => "stack",
            23 => "sk_storage",
            27 => "ringbuf",
            _ => return None,
        })
    }

    /// Per-CPU maps return one value slot per possible CPU from a userspace lookup.
    pub fn is_per_cpu(self) -> bool {
        matches!(self.0, 5 | 6 | 10)
    }

    /// Types whose lookups from userspace return data we can decode as key/value bytes.
    pub fn is_data_map(self) -> bool {
        matches!(self.0, 1 | 2 | 5 | 6 | 9 | 10 | 11)
    }
}

impl fmt::Display for MapType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(n) => f.write_str(n),
            None => write!(f, "type_{}", self.0),
        }
    }
}
