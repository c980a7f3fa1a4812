//! Benchmark of issue 2: dump a 1,000,000-entry LRU CT map (key 14, value 56) from a scratch
//! bpffs, all in one run: raw BPF_MAP_LOOKUP_BATCH (the floor), `ciliumrs bpf ct list -o
//! json`, the text listing, and `bpftool -j map dump`, each into a pipe this process
//! drains. Then issue 24's: the same for a 1,000,000-entry `cilium_ct6_global` (key 38),
//! `bpf ct list -o json --family 6` against the raw walk of that map, in the same run.
//! Prints wall time and peak RSS, and a `bench-result` line per goal (scripts/bench).
//!
//! Run as root: `cargo bench --bench ct_dump` (set CT_BENCH_ENTRIES to change the size).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use ciliumrs::bpf::MapFd;
use ciliumrs::bpf::MapType;
use ciliumrs::bpf::map::CreateSpec;
use ciliumrs::maps::ct::{CtEntry, CtKey4, CtKey6};
use ciliumrs::wire::Be16;

#[path = "common/drain.rs"]
mod drain;
#[path = "common/report.rs"]
mod report;
use report::{Goal, not_measured, report};

struct Scratch(ciliumrs::datapath::mount::BpffsMount);

impl Scratch {
    fn mount() -> Scratch {
        let dir = std::env::temp_dir().join(format!("ciliumrs-bench-{}", std::process::id()));
        let m = ciliumrs::datapath::mount::BpffsMount::new(&dir)
            .unwrap_or_else(|e| panic!("run as root: {}", e.message()));
        std::fs::create_dir_all(dir.join("tc/globals")).unwrap();
        Scratch(m)
    }
}

fn create(dir: &Path, name: &str, key_size: u32, max: u32) -> MapFd {
    let spec = CreateSpec {
        map_type: MapType::LRU_HASH,
        key_size,
        value_size: 56,
        max_entries: max,
        flags: 0,
        name,
        inner_map: None,
    };
    let mut m = MapFd::create(&spec).unwrap();
    m.pin(&dir.join("tc/globals").join(name)).unwrap();
    m
}

/// Runs a command with its output into a pipe that this process drains (as `| wc -c`
/// would); returns wall time and peak RSS in KiB.
#[expect(clippy::zombie_processes, reason = "reaped with wait4 to read its peak RSS")]
fn measure(cmd: &mut Command) -> (Duration, i64) {
    let t = Instant::now();
    let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::inherit()).spawn().unwrap();
    let drain = drain::drain(child.stdout.take().unwrap());
    let mut status = 0;
    // SAFETY: rusage is plain data; wait4 on our own child.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut ru) };
    let bytes = drain.join().unwrap();
    let wall = t.elapsed();
    assert!(pid > 0 && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0, "command failed: {cmd:?}");
    assert!(bytes > 0, "{cmd:?} wrote nothing");
    (wall, ru.ru_maxrss)
}

/// Fills `map` with `n` entries whose key `key(j)` makes, 10,000 a batch; the time taken.
fn fill<K: bytemuck::Pod>(map: &MapFd, n: u32, key: impl Fn(u32) -> K) -> Duration {
    let t = Instant::now();
    let chunk = 10_000u32;
    let mut i = 0u32;
    while i < n {
        let m = chunk.min(n - i);
        let mut keys = Vec::with_capacity(m as usize * std::mem::size_of::<K>());
        let mut vals = Vec::with_capacity(m as usize * 56);
        for j in i..i + m {
            let v = CtEntry {
                packets: u64::from(j),
                bytes: u64::from(j) * 100,
                lifetime: 21_600 + j,
                flags: 0x10,
                src_sec_id: 1234,
                ..CtEntry::default()
            };
            keys.extend_from_slice(bytemuck::bytes_of(&key(j)));
            vals.extend_from_slice(bytemuck::bytes_of(&v));
        }
        map.update_batch(&keys, &vals, m as usize).unwrap();
        i += m;
    }
    t.elapsed()
}

/// The raw batch walk of `map` (the floor), checking it holds `n` entries.
fn walk(map: &MapFd, n: u32) -> Duration {
    let t = Instant::now();
    let mut count = 0usize;
    map.for_each_chunk(4096, |_, _, k| {
        count += k;
        Ok(std::ops::ControlFlow::Continue(()))
    })
    .unwrap();
    let floor = t.elapsed();
    assert_eq!(count, n as usize, "the LRU map must hold every entry");
    floor
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let n: u32 = std::env::var("CT_BENCH_ENTRIES").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    let fs = Scratch::mount();
    let map = create(&fs.0.0, "cilium_ct4_global", 14, n.next_power_of_two() * 2);
    create(&fs.0.0, "cilium_ct_any4_global", 14, 1024);
    let fill4 = fill(&map, n, |j| CtKey4 {
        daddr: std::net::Ipv4Addr::from(0x0a00_0000u32 + j).into(),
        saddr: std::net::Ipv4Addr::new(10, 255, 0, 1).into(),
        dport: Be16::new(443),
        sport: Be16::new((j % 50_000) as u16 + 10_000),
        nexthdr: 6,
        flags: (j & 1) as u8,
    });
    let floor = walk(&map, n);

    let bin = env!("CARGO_BIN_EXE_ciliumrs");
    let bpffs = fs.0.0.to_str().unwrap().to_string();
    if std::env::var_os("CT_BENCH_HOLD").is_some() {
        // For profiling: the filled map stays pinned until a line is read from stdin.
        println!("ct_dump: {n} entries pinned under {bpffs}; press Enter to measure and remove them");
        let _ = std::io::stdin().read_line(&mut String::new());
    }
    // Bare CT maps do not tell the Cilium version (the counters' layout changed in v1.16).
    let v = ["--bpffs", &bpffs, "--cilium-version", "1.16"];
    let json = measure(Command::new(bin).args(v).args(["-o", "json", "bpf", "ct", "list", "--family", "4"]));
    let text = measure(Command::new(bin).args(v).args(["bpf", "ct", "list", "--family", "4"]));
    let pin = fs.0.0.join("tc/globals/cilium_ct4_global");
    let bpftool = ["/usr/sbin/bpftool", "/usr/bin/bpftool"].into_iter().find(|p| Path::new(p).exists());
    let bt = bpftool
        .map(|b| measure(Command::new(b).args(["-j", "map", "dump", "pinned", pin.to_str().unwrap()])));

    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("ct_dump: {n} entries, LRU hash key 14 value 56");
    println!("  fill (BPF_MAP_UPDATE_BATCH, 10k/call)     {:>9.1} ms", ms(fill4));
    println!("  raw batch lookup (floor, 4096/call)       {:>9.1} ms", ms(floor));
    println!(
        "  ciliumrs bpf ct list -o json | drain     {:>9.1} ms  {:>5.2}x floor  peak RSS {:>6.1} MB",
        ms(json.0),
        ms(json.0) / ms(floor),
        json.1 as f64 / 1024.0
    );
    println!(
        "  ciliumrs bpf ct list (text) | drain      {:>9.1} ms  {:>5.2}x floor  peak RSS {:>6.1} MB",
        ms(text.0),
        ms(text.0) / ms(floor),
        text.1 as f64 / 1024.0
    );
    match bt {
        Some(b) => println!(
            "  bpftool -j map dump | drain              {:>9.1} ms  {:>5.1}x slower than ciliumrs -o json  peak RSS {:>6.1} MB",
            ms(b.0),
            ms(b.0) / ms(json.0),
            b.1 as f64 / 1024.0
        ),
        None => println!("  bpftool not installed: comparison skipped"),
    }
    let floor_ms = ms(floor);
    for (what, m) in [("json", json), ("text", text)] {
        report(Goal {
            measure: &format!("bpf ct list -o {what}, {n} entries, into a pipe"),
            ours: ms(m.0),
            unit: "ms",
            anchor: Some(("raw BPF_MAP_LOOKUP_BATCH walk", floor_ms)),
            goal: "<= 1.5x the floor",
            met: ms(m.0) <= 1.5 * floor_ms,
        });
        report(Goal {
            measure: &format!("bpf ct list -o {what}, peak RSS"),
            ours: m.1 as f64 / 1024.0,
            unit: "MB",
            anchor: None,
            goal: "<= 16 MB",
            met: m.1 as f64 / 1024.0 <= 16.0,
        });
    }
    let bt_row = "bpftool -j map dump, the same map, into a pipe";
    match bt {
        Some(b) => report(Goal {
            measure: bt_row,
            ours: ms(b.0),
            unit: "ms",
            anchor: Some(("ciliumrs bpf ct list -o json", ms(json.0))),
            goal: ">= 20x slower than ciliumrs",
            met: ms(b.0) >= 20.0 * ms(json.0),
        }),
        None => not_measured(bt_row, "ms", ">= 20x slower than ciliumrs", "bpftool is not installed"),
    }

    // Issue 24: the IPv6 map, a million entries, against its own raw walk in this run.
    let map6 = create(&fs.0.0, "cilium_ct6_global", 38, n.next_power_of_two() * 2);
    create(&fs.0.0, "cilium_ct_any6_global", 38, 1024);
    let fill6 = fill(&map6, n, |j| {
        let mut d = [0u8; 16];
        d[..2].copy_from_slice(&[0xf0, 0x0d]);
        d[12..].copy_from_slice(&j.to_be_bytes());
        let mut s = [0u8; 16];
        s[..2].copy_from_slice(&[0xf0, 0x0d]);
        s[15] = 1;
        CtKey6 {
            daddr: d,
            saddr: s,
            dport: Be16::new(443),
            sport: Be16::new((j % 50_000) as u16 + 10_000),
            nexthdr: 6,
            flags: (j & 1) as u8,
        }
    });
    let floor6 = walk(&map6, n);
    let json6 = measure(Command::new(bin).args(v).args(["-o", "json", "bpf", "ct", "list", "--family", "6"]));
    println!("ct_dump: {n} entries, cilium_ct6_global, LRU hash key 38 value 56");
    println!("  fill (BPF_MAP_UPDATE_BATCH, 10k/call)     {:>9.1} ms", ms(fill6));
    println!("  raw batch lookup (floor, 4096/call)       {:>9.1} ms", ms(floor6));
    println!(
        "  ciliumrs bpf ct list -o json --family 6  {:>9.1} ms  {:>5.2}x floor  peak RSS {:>6.1} MB",
        ms(json6.0),
        ms(json6.0) / ms(floor6),
        json6.1 as f64 / 1024.0
    );
    report(Goal {
        measure: &format!("bpf ct list -o json --family 6, {n} ct6 entries, into a pipe"),
        ours: ms(json6.0),
        unit: "ms",
        anchor: Some(("raw BPF_MAP_LOOKUP_BATCH walk of cilium_ct6_global", ms(floor6))),
        goal: "<= 1.5x the floor",
        met: ms(json6.0) <= 1.5 * ms(floor6),
    });
    report(Goal {
        measure: "bpf ct list -o json --family 6, peak RSS",
        ours: json6.1 as f64 / 1024.0,
        unit: "MB",
        anchor: None,
        goal: "<= 16 MB",
        met: json6.1 as f64 / 1024.0 <= 16.0,
    });
}
