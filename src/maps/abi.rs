//! Which Cilium made the maps of a node, decided from the maps themselves, never assumed.
//!
//! Each clue is a fact about one map (its name, type and key/value sizes) that only some
//! Cilium versions produce; the node's version is the intersection of the ranges its clues
//! allow. A map whose layout differs inside that range is decoded only when the range
//! settles it; otherwise the command says so and asks for `--cilium-version`. Facts:
//! `cilium-abi-v1.10-and-newest.md` §1.14 (names, sizes and the cycle each changed in) and
//! `cilium-layout-v1.16.md` (v1.16); the CT counters became one pair in the 1.16 cycle
//! (cilium/cilium#31087, March 2024).
//!
//! Versions are Cilium's minor numbers: 10 is v1.10; [`NEWEST`] stands for "any later".

use std::fmt;
use std::path::Path;

use crate::bpf::{MapFd, MapInfo, MapType};
use crate::error::{Error, Result};

/// The oldest Cilium whose layouts we know (v1.10).
pub const OLDEST: u8 = 10;
/// No upper bound: newer than any version we name.
pub const NEWEST: u8 = u8::MAX;
/// The version whose layouts `init` and `attach` create.
pub const OURS: u8 = 16;

/// A closed range of Cilium minor versions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    pub lo: u8,
    pub hi: u8,
}

impl Range {
    pub const ANY: Range = Range { lo: OLDEST, hi: NEWEST };

    pub const fn new(lo: u8, hi: u8) -> Range {
        Range { lo, hi }
    }

    pub fn one(v: u8) -> Range {
        Range { lo: v, hi: v }
    }

    pub fn intersect(self, o: Range) -> Option<Range> {
        let r = Range { lo: self.lo.max(o.lo), hi: self.hi.min(o.hi) };
        (r.lo <= r.hi).then_some(r)
    }

    /// Is every version of `self` inside `o`?
    pub fn within(self, o: Range) -> bool {
        self.lo >= o.lo && self.hi <= o.hi
    }

    pub fn contains(self, v: u8) -> bool {
        self.lo <= v && v <= self.hi
    }
}

impl fmt::Display for Range {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.lo, self.hi) {
            (NEWEST, _) => write!(f, "the newest Cilium"),
            (lo, hi) if lo == hi => write!(f, "v1.{lo}"),
            (lo, NEWEST) => write!(f, "v1.{lo} or newer"),
            (lo, hi) => write!(f, "v1.{lo}-1.{hi}"),
        }
    }
}

/// Parses `--cilium-version`: `1.16`, `v1.16`, `1.16.3`, or `newest`.
pub fn parse_version(s: &str) -> std::result::Result<u8, String> {
    let t = s.trim();
    if t.eq_ignore_ascii_case("newest") {
        return Ok(NEWEST);
    }
    let t = t.strip_prefix('v').unwrap_or(t);
    let mut parts = t.split('.');
    let (Some("1"), Some(minor)) = (parts.next(), parts.next()) else {
        return Err(format!("'{s}' is not a Cilium version (want 1.MINOR, e.g. 1.16, or 'newest')"));
    };
    if parts.next().is_some_and(|p| p.parse::<u32>().is_err()) || parts.next().is_some() {
        return Err(format!("'{s}' is not a Cilium version (want 1.MINOR[.PATCH])"));
    }
    match minor.parse::<u8>() {
        Ok(m) if (OLDEST..NEWEST).contains(&m) => Ok(m),
        Ok(m) if m < OLDEST => {
            Err(format!("Cilium v1.{m} is older than any layout we know (v1.10 is the oldest)"))
        }
        _ => Err(format!("'{s}' is not a Cilium version (want 1.MINOR, e.g. 1.16, or 'newest')")),
    }
}

/// What one map says about the version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clue {
    pub map: String,
    pub range: Range,
    pub why: &'static str,
}

/// The maps of a node, as far as they tell the Cilium version.
#[derive(Clone, Debug)]
pub struct Node {
    /// `None` when the clues contradict each other.
    pub range: Option<Range>,
    pub clues: Vec<Clue>,
    /// `--cilium-version`, which decides over the clues.
    pub forced: Option<u8>,
}

/// The directory `init` leaves in tc/globals: the maps there were made by ciliumrs with
/// the layouts of [`OURS`]. (Cilium never makes anything by that name; `reset` removes it.)
pub const MARKER: &str = "ciliumrs_layout_v1_16";

/// The pinned maps of a node that we look at, by name: (name, info), and whether `init`
/// made them.
#[derive(Clone, Debug, Default)]
pub struct Pins {
    pub maps: Vec<(String, MapInfo)>,
    pub ours: bool,
}

/// Leaves the marker; called by `init` once its maps are in place.
pub fn mark_ours(bpffs: &Path) -> Result<()> {
    let p = super::globals_dir(bpffs).join(MARKER);
    std::fs::create_dir_all(&p).map_err(|e| Error::sys("create directory", p.display(), &e))
}

/// Whether `init` made the maps of this bpffs.
pub fn is_ours(bpffs: &Path) -> bool {
    super::globals_dir(bpffs).join(MARKER).is_dir()
}

/// What the maps alone say (`init`'s marker aside): the node as another Cilium left it.
pub fn maps_alone(bpffs: &Path) -> Result<Node> {
    let mut pins = read_pins(bpffs)?;
    pins.ours = false;
    Ok(Node::from_pins(&pins, None))
}

/// Reads the type and sizes of the pins under tc/globals that can be clues (one policy map
/// of each name is enough: a node has hundreds).
pub fn read_pins(bpffs: &Path) -> Result<Pins> {
    let dir = super::globals_dir(bpffs);
    let rd = match std::fs::read_dir(&dir) {
        Ok(rd) => rd,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Pins::default()),
        Err(e) => return Err(Error::sys("read directory", dir.display(), &e)),
    };
    let mut names: Vec<String> = rd.filter_map(|e| e.ok()?.file_name().into_string().ok()).collect();
    names.sort();
    let (mut v1, mut v2) = (false, false);
    let mut pins = Pins { maps: Vec::new(), ours: is_ours(bpffs) };
    for name in names {
        let wanted = match name.as_str() {
            "cilium_ipcache" | "cilium_ipcache_v2" => true,
            n if n.starts_with("cilium_lb4_backends") => true,
            n if is_policy_v2(n) => !std::mem::replace(&mut v2, true),
            n if is_policy_v1(n) => !std::mem::replace(&mut v1, true),
            _ => false,
        };
        // A pin that is not a map or cannot be opened tells nothing.
        if !wanted {
            continue;
        }
        if let Ok(m) = MapFd::open_pinned(&dir.join(&name), true) {
            pins.maps.push((name, m.info().clone()));
        }
    }
    Ok(pins)
}

fn is_policy_v2(name: &str) -> bool {
    name.strip_prefix("cilium_policy_v2_")
        .is_some_and(|r| !r.is_empty() && r.bytes().all(|b| b.is_ascii_digit()))
}

fn is_policy_v1(name: &str) -> bool {
    name.strip_prefix("cilium_policy_")
        .is_some_and(|r| !r.is_empty() && r.bytes().all(|b| b.is_ascii_digit()))
}

fn shape(i: &MapInfo) -> (MapType, u32, u32) {
    (i.map_type, i.key_size, i.value_size)
}

/// The clues of a set of pins. Where a newer name of a map exists, older names of the same
/// map are left out: an upgraded node can keep a stale pin of the old one.
pub fn clues(pins: &Pins) -> Vec<Clue> {
    let has = |n: &str| pins.maps.iter().any(|(p, _)| p == n);
    let mut out = Vec::new();
    let mut clue = |map: &str, range: Range, why: &'static str| {
        out.push(Clue { map: map.to_string(), range, why });
    };
    if pins.ours {
        clue(MARKER, Range::one(OURS), "made by ciliumrs init");
    }
    if has("cilium_ipcache_v2") {
        clue("cilium_ipcache_v2", Range::new(18, NEWEST), "renamed in the 1.18 cycle");
    } else if has("cilium_ipcache") {
        clue("cilium_ipcache", Range::new(OLDEST, 17), "renamed cilium_ipcache_v2 in the 1.18 cycle");
    }
    if has("cilium_lb4_backends_v3") {
        clue("cilium_lb4_backends_v3", Range::new(13, NEWEST), "backends v3 since v1.13");
    } else if has("cilium_lb4_backends_v2") {
        clue("cilium_lb4_backends_v2", Range::new(11, 12), "backends v2 in v1.11-1.12");
    } else if has("cilium_lb4_backends") {
        clue("cilium_lb4_backends", Range::new(OLDEST, 10), "backends v1 (u16 ids) until v1.10");
    }
    if let Some((n, _)) = pins.maps.iter().find(|(n, _)| is_policy_v2(n)) {
        clue(n, Range::new(17, NEWEST), "cilium_policy_v2_* since v1.17");
    } else if let Some((n, i)) = pins.maps.iter().find(|(n, _)| is_policy_v1(n)) {
        match shape(i) {
            (MapType::HASH, 8, 24) => clue(n, Range::new(OLDEST, 15), "a hash policy map until v1.15"),
            (MapType::LPM_TRIE, 12, 24) => {
                clue(n, Range::one(16), "an LPM policy map with 24-byte values in v1.16")
            }
            _ => {}
        }
    }
    out
}

impl Node {
    pub fn from_pins(pins: &Pins, forced: Option<u8>) -> Node {
        let clues = clues(pins);
        let mut range = Some(Range::ANY);
        for c in &clues {
            range = range.and_then(|r| r.intersect(c.range));
        }
        Node { range, clues, forced }
    }

    pub fn detect(bpffs: &Path, forced: Option<u8>) -> Result<Node> {
        Ok(Node::from_pins(&read_pins(bpffs)?, forced))
    }

    /// The versions the node may run: the forced one, else what the clues allow.
    pub fn versions(&self) -> Option<Range> {
        match self.forced {
            Some(v) => Some(Range::one(v)),
            None => self.range,
        }
    }

    /// What the clues say, for messages: `v1.13-1.17 (cilium_ipcache: ..., ...)`.
    pub fn evidence(&self) -> String {
        let what: Vec<String> = self.clues.iter().map(|c| format!("{}: {}", c.map, c.why)).collect();
        let r = match self.range {
            Some(r) => r.to_string(),
            None => "no single version: the maps contradict each other".to_string(),
        };
        if what.is_empty() {
            format!("{r} (no map tells the version)")
        } else {
            format!("{r} ({})", what.join("; "))
        }
    }

    /// Refuses a write unless every version the node may run is in `ours` (the versions
    /// whose layout of `map` ciliumrs encodes exactly).
    pub fn require(&self, map: &str, ours: Range) -> Result<()> {
        match self.versions() {
            Some(r) if r.within(ours) => Ok(()),
            _ => Err(Error::runtime(format!(
                "{map}: ciliumrs writes only the layout of Cilium {ours}, and this node's maps are those of {}; \
                 refusing (nothing was changed){}",
                self.evidence(),
                if self.forced.is_some() {
                    ""
                } else {
                    " (name the version with --cilium-version if you know it)"
                }
            ))),
        }
    }

    /// Picks the layout of a map whose layout changed between versions: `table` gives the
    /// version range of each layout. Errors name the map, the evidence and the way out.
    pub fn pick<L: Copy>(&self, map: &str, table: &[(Range, L)]) -> Result<L> {
        let Some(r) = self.versions() else {
            return Err(Error::runtime(format!(
                "{map}: the node's maps contradict each other about the Cilium version ({}); \
                 name it with --cilium-version",
                self.evidence()
            )));
        };
        if let Some((_, l)) = table.iter().find(|(lr, _)| r.within(*lr)) {
            return Ok(*l);
        }
        if self.forced.is_some() {
            return Err(Error::runtime(format!("{map}: no layout of {r} is known")));
        }
        Err(Error::runtime(format!(
            "{map}: its layout differs between the Cilium versions this node may run, {}; \
             name the version with --cilium-version (e.g. --cilium-version 1.15)",
            self.evidence()
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pin(name: &str, t: MapType, k: u32, v: u32) -> (String, MapInfo) {
        let info = MapInfo {
            map_type: t,
            id: 1,
            key_size: k,
            value_size: v,
            max_entries: 1,
            flags: 0,
            name: name.into(),
        };
        (name.to_string(), info)
    }

    fn node(maps: &[(String, MapInfo)], forced: Option<u8>) -> Node {
        Node::from_pins(&Pins { maps: maps.to_vec(), ours: false }, forced)
    }

    #[test]
    fn versions_from_maps() {
        let v110 = vec![
            pin("cilium_ipcache", MapType::LPM_TRIE, 24, 12),
            pin("cilium_lb4_backends", MapType::HASH, 2, 8),
            pin("cilium_policy_00042", MapType::HASH, 8, 24),
        ];
        assert_eq!(node(&v110, None).range, Some(Range::one(10)));
        let v114 = vec![
            pin("cilium_ipcache", MapType::LPM_TRIE, 24, 12),
            pin("cilium_lb4_backends", MapType::HASH, 2, 8), // stale, superseded by v3
            pin("cilium_lb4_backends_v3", MapType::HASH, 4, 12),
            pin("cilium_policy_00042", MapType::HASH, 8, 24),
        ];
        assert_eq!(node(&v114, None).range, Some(Range::new(13, 15)));
        let v116 = vec![
            pin("cilium_ipcache", MapType::LPM_TRIE, 24, 12),
            pin("cilium_lb4_backends_v3", MapType::HASH, 4, 12),
            pin("cilium_policy_00042", MapType::LPM_TRIE, 12, 24),
        ];
        assert_eq!(node(&v116, None).range, Some(Range::one(16)));
        let v117 = vec![
            pin("cilium_ipcache", MapType::LPM_TRIE, 24, 12),
            pin("cilium_policy_v2_00042", MapType::LPM_TRIE, 12, 12),
        ];
        assert_eq!(node(&v117, None).range, Some(Range::one(17)));
        let newest = vec![
            pin("cilium_ipcache_v2", MapType::LPM_TRIE, 24, 24),
            pin("cilium_policy_v2_00042", MapType::LPM_TRIE, 12, 12),
        ];
        assert_eq!(node(&newest, None).range, Some(Range::new(18, NEWEST)));
        let bare = vec![pin("cilium_ipcache", MapType::LPM_TRIE, 24, 12)];
        let n = node(&bare, None);
        assert_eq!(n.range, Some(Range::new(10, 17)));
        let table = [(Range::new(10, 12), 'a'), (Range::new(13, 17), 'b')];
        let e = n.pick("cilium_ipcache", &table).unwrap_err().to_string();
        assert!(e.contains("--cilium-version") && e.contains("v1.10-1.17"), "{e}");
        assert_eq!(node(&bare, Some(14)).pick("x", &table).unwrap(), 'b');
        assert_eq!(node(&v110, None).pick("x", &table).unwrap(), 'a');
        let odd = vec![
            pin("cilium_ipcache_v2", MapType::LPM_TRIE, 24, 24),
            pin("cilium_lb4_backends_v2", MapType::HASH, 4, 8),
        ];
        let n = node(&odd, None);
        assert_eq!(n.range, None);
        assert!(n.pick("x", &table).unwrap_err().to_string().contains("contradict"));
        // init's marker settles what the maps alone leave open.
        let ours = Node::from_pins(&Pins { maps: bare.clone(), ours: true }, None);
        assert_eq!(ours.range, Some(Range::one(OURS)));
    }

    #[test]
    fn version_flag() {
        assert_eq!(parse_version("1.16"), Ok(16));
        assert_eq!(parse_version("v1.10.20"), Ok(10));
        assert_eq!(parse_version("newest"), Ok(NEWEST));
        for bad in ["2.0", "1", "1.x", "1.9", "1.16.x", "1.16.1.1", "", "1.300"] {
            assert!(parse_version(bad).is_err(), "{bad}");
        }
        assert_eq!(Range::new(13, 17).to_string(), "v1.13-1.17");
        assert_eq!(Range::new(18, NEWEST).to_string(), "v1.18 or newer");
        assert_eq!(Range::one(NEWEST).to_string(), "the newest Cilium");
    }
}
