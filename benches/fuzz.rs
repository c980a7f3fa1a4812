//! The fuzz runner (issue 10): millions of random and mutated-valid inputs through every
//! decoder family, release-built (no nightly toolchain here), on every core. A panic
//! (which is also what an out-of-bounds read becomes in this safe code) stops the run with
//! the family, the input in hex and exit code 1.
//!
//! Families: map keys and values of every layout, rendered as JSON and lines; events of
//! every type (decode, summary of the captured packet, JSON and line, Hubble flow and pcapng
//! block); CLI value parsers;
//! the services file of `bpf lb apply`; signal samples.
//!
//!   cargo bench --bench fuzz                 # 10,000,000 inputs per family
//!   cargo bench --bench fuzz -- --inputs N

use ciliumrs::events::hubble::Hubble;
use ciliumrs::events::pcapng::Pcapng;
use ciliumrs::events::write::EventWriter;
use std::io::Write;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Instant;

use ciliumrs::maps::{self, ct, frag, ipcache, lb, lxc, metrics, nat, neigh, policy, tunnel};
use ciliumrs::output::{Format, Output, Record};

/// xorshift64*: fast, seeded per thread, reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    /// Random bytes, or (half the time) a valid sample with a few bytes changed, cut or
    /// grown: inputs that get past the first checks.
    fn input(&mut self, buf: &mut Vec<u8>, valid: &[&[u8]], max: usize) {
        buf.clear();
        if valid.is_empty() || self.next() & 1 == 0 {
            let n = self.below(max + 1);
            buf.extend((0..n).map(|_| self.next() as u8));
            return;
        }
        buf.extend_from_slice(valid[self.below(valid.len())]);
        for _ in 0..1 + self.below(4) {
            if !buf.is_empty() {
                let i = self.below(buf.len());
                buf[i] = self.next() as u8;
            }
        }
        match self.below(8) {
            0 => buf.truncate(self.below(buf.len() + 1)),
            1 => buf.extend((0..self.below(16)).map(|_| self.next() as u8)),
            _ => {}
        }
    }
}

fn take<T: bytemuck::Pod>(b: &[u8], at: usize) -> Option<T> {
    maps::decode::<T>(b.get(at..at + std::mem::size_of::<T>())?)
}

#[path = "common/report.rs"]
mod report;
use report::{Goal, report};

/// JSON and line of a record into reused buffers.
fn render(out: &mut Output, line: &mut Vec<u8>, r: &dyn Record) {
    let _ = out.event("x", r);
    line.clear();
    r.line(line);
}

/// One layout per input, chosen by its first byte; the key from byte 1, the value from 9.
fn maps_family(input: &[u8], out: &mut Output, line: &mut Vec<u8>) {
    let Some((&sel, b)) = input.split_first() else { return };
    let v = b.get(8..).unwrap_or_default();
    let k0 = b.first().copied().unwrap_or(0);
    match sel % 12 {
        0 => {
            if let (Some(key), Some(entry)) = (take::<ct::CtKey4>(b, 0), take::<ct::CtEntry>(v, 0)) {
                let layout = if k0 & 1 == 1 { ct::Layout::Split } else { ct::Layout::Single };
                let entry = entry.normalized(layout, &key);
                render(out, line, &ct::CtRecord { map: "m", key, entry, now: Some(u64::from(k0) << 30) });
            }
            if let (Some(key), Some(entry)) = (take::<ct::CtKey6>(b, 0), take::<ct::CtEntry>(v, 0)) {
                let layout = if k0 & 1 == 1 { ct::Layout::Split } else { ct::Layout::Single };
                let entry = entry.normalized(layout, &key);
                render(out, line, &ct::CtRecord { map: "m", key, entry, now: Some(u64::from(k0) << 30) });
            }
        }
        1 => {
            // Every value layout, each given exactly its own length.
            let (layout, len) = match k0 % 3 {
                0 => (ipcache::Layout::V1_10, 12),
                1 => (ipcache::Layout::V1_13, 12),
                _ => (ipcache::Layout::V2, 24),
            };
            let info = v.get(..len).and_then(|v| ipcache::Info::decode(layout, v));
            if let (Some(key), Some(info)) = (take::<ipcache::IpcacheKey>(b, 0), info) {
                render(out, line, &ipcache::IpcacheRecord { key, info });
            }
        }
        2 => {
            if let (Some(key), Some(info)) = (take::<lxc::EndpointKey>(b, 0), take::<lxc::EndpointInfo>(v, 0))
            {
                render(out, line, &lxc::LxcRecord { key, info });
            }
        }
        3 => {
            if let (Some(key), Some(value)) =
                (take::<tunnel::TunnelKey>(b, 0), take::<tunnel::TunnelValue>(v, 0))
            {
                render(out, line, &tunnel::TunnelRecord { key, value });
            }
        }
        4 => {
            if let (Some(key), Some(svc)) = (take::<lb::Lb4Key>(b, 0), take::<lb::Lb4Service>(v, 0)) {
                let backend = if k0 & 2 == 2 {
                    take::<lb::Lb4BackendV1>(v, 12).map(lb::Lb4Backend::from)
                } else {
                    take::<lb::Lb4Backend>(v, 12)
                };
                let rec = lb::ServiceRecord {
                    key: key.into(),
                    svc,
                    backend: backend.map(|b| b.sock_addr()),
                    frontends: k0 & 1 == 1,
                };
                render(out, line, &rec);
                if let Some(b) = backend {
                    render(out, line, &lb::BackendRecord::v4(svc.backend_id, b));
                }
            }
            if let (Some(key), Some(svc), Some(b)) =
                (take::<lb::Lb6Key>(b, 0), take::<lb::Lb4Service>(v, 0), take::<lb::Lb6Backend>(v, 12))
            {
                let rec = lb::ServiceRecord {
                    key: key.into(),
                    svc,
                    backend: Some(b.sock_addr()),
                    frontends: k0 & 1 == 1,
                };
                render(out, line, &rec);
                render(out, line, &lb::BackendRecord::v6(svc.backend_id, b));
            }
        }
        5 => {
            if let (Some(id), Some(rnat)) = (take::<u16>(b, 0), take::<lb::Lb4ReverseNat>(v, 0)) {
                render(out, line, &lb::RevNatRecord::v4(id, rnat));
            }
            if let (Some(id), Some(rnat)) = (take::<u16>(b, 0), take::<lb::Lb6ReverseNat>(v, 0)) {
                render(out, line, &lb::RevNatRecord::v6(id, rnat));
            }
        }
        6 => {
            let (layout, kl, vl) = match k0 % 3 {
                0 => (policy::Layout::Hash, 8, 24),
                1 => (policy::Layout::Lpm, 12, 24),
                _ => (policy::Layout::V2, 12, 12),
            };
            if let (Some(k), Some(v)) = (b.get(..kl), v.get(..vl)) {
                let r = policy::PolicyRecord::decode(layout, k, v).expect("exact sizes decode");
                render(out, line, &r);
            }
        }
        7 => {
            if let Some(key) = take::<metrics::MetricsKey>(b, 0) {
                render(out, line, &metrics::MetricsRecord { key, value: metrics::sum_per_cpu(v) });
            }
        }
        8 => {
            if let (Some(key), Some(entry)) = (take::<ct::CtKey4>(b, 0), take::<nat::NatEntry4>(v, 0)) {
                render(out, line, &nat::NatRecord::v4(key, entry, u64::from(k0)));
            }
            if let (Some(key), Some(entry)) = (take::<ct::CtKey6>(b, 0), take::<nat::NatEntry6>(v, 0)) {
                render(out, line, &nat::NatRecord::v6(key, entry, u64::from(k0)));
            }
        }
        9 => {
            if let (Some(ip), Some(mac)) =
                (take::<ciliumrs::wire::Ip4>(b, 0), take::<neigh::NeighValue4>(v, 0))
            {
                render(out, line, &neigh::NeighRecord { ip: ip.addr().into(), mac });
            }
            if let (Some(ip), Some(mac)) = (take::<[u8; 16]>(b, 0), take::<neigh::NeighValue4>(v, 0)) {
                render(out, line, &neigh::NeighRecord { ip: std::net::Ipv6Addr::from(ip).into(), mac });
            }
        }
        10 => {
            let _ = (take::<frag::FragKey4>(b, 0), take::<frag::FragPorts4>(v, 0));
        }
        _ => {
            // Wrong sizes are refused, never misread.
            assert!(b.len() == 14 || maps::decode::<ct::CtKey4>(b).is_none());
            assert!(b.len() == 56 || maps::decode::<ct::CtEntry>(b).is_none());
        }
    }
}

fn events_family(b: &[u8], out: &mut Output, line: &mut Vec<u8>, writers: &mut [&mut dyn EventWriter]) {
    let ev = ciliumrs::events::decode::decode(b);
    let rec = ciliumrs::events::record::EventRecord::new(1, &ev);
    render(out, line, &rec);
    // The Hubble and pcapng writers take every event the decoder makes.
    for w in writers.iter_mut() {
        w.event(&rec, None).unwrap();
    }
    let _ = ciliumrs::events::packet::Summary::parse(b).to_string();
    let signal = ciliumrs::events::signal::decode(b);
    render(out, line, &ciliumrs::events::signal::SignalRecord { cpu: 3, signal });
}

fn parsers_family(b: &[u8]) {
    let s = String::from_utf8_lossy(b);
    let _ = s.parse::<ciliumrs::netaddr::Cidr4>();
    let _ = s.parse::<ciliumrs::netaddr::CidrPort>();
    let _ = s.parse::<ciliumrs::netaddr::SockAddr4>();
    let _ = s.parse::<ciliumrs::netaddr::Mac>();
    let _ = s.parse::<ciliumrs::netaddr::Proto>();
    let _ = s.parse::<ciliumrs::netaddr::PortProto>();
    let _ = s.parse::<ipcache::AnyPrefix>();
    let _ = s.parse::<ciliumrs::netaddr::Cidr>();
    let _ = s.parse::<ciliumrs::netaddr::SockAddr>();
    let _ = s.parse::<lb::BackendSpec>();
    let _ = s.parse::<lb::SvcType>();
    let _ = ct::parse_flags(&s);
    let _ = ciliumrs::bpf::cpus::parse_cpu_list(&s);
}

fn services_family(b: &[u8]) {
    let _ = ciliumrs::maps::lb::file::parse(&String::from_utf8_lossy(b));
}

/// Valid samples each family mutates.
fn seeds(family: &str) -> Vec<Vec<u8>> {
    let text = |v: &[&str]| v.iter().map(|s| s.as_bytes().to_vec()).collect();
    match family {
        "maps" => {
            // A plausible key and value behind every layout selector.
            (0..12u8)
                .map(|sel| {
                    let mut s = vec![0u8; 73];
                    s[0] = sel;
                    s[1..5].copy_from_slice(&[10, 0, 1, 5]);
                    s[13] = 6;
                    s[21] = 1;
                    s
                })
                .collect()
        }
        "events" => {
            let mut v = Vec::new();
            for ty in 1..=9u8 {
                let mut e = vec![0u8; 128];
                e[0] = ty;
                e[1] = 133;
                // A captured IPv4/TCP packet behind the header, where the decoders look.
                e[36..50].copy_from_slice(&[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 8, 0]);
                e[50] = 0x45;
                e[59] = 6;
                v.push(e);
            }
            v.push(vec![0, 0, 0, 0, 0, 0, 0, 0]);
            v
        }
        "parsers" => text(&[
            "10.0.0.0/8",
            "10.1.2.3:8080",
            "10.1.2.3:8080@terminating",
            "0a:58:0a:c8:00:0b",
            "80/tcp",
            "10.0.0.0/24@3",
            "0-3,5",
            "SeenNonSyn,NodePort",
            "nodeport",
            "tcp",
        ]),
        "services" => text(&[
            r#"[{"frontend": "10.96.0.10:80", "proto": "tcp", "backends": ["10.0.1.5:8080@active", "10.0.1.6:8080"], "affinity_timeout": 30, "type": "nodeport"}]"#,
            r#"[{"frontend": "10.96.0.11:53", "proto": "udp", "backends": []}]"#,
        ]),
        _ => Vec::new(),
    }
}

fn run_family(family: &'static str, inputs: u64, threads: u64) -> f64 {
    let t = Instant::now();
    std::thread::scope(|s| {
        for th in 0..threads {
            s.spawn(move || {
                let seeds = seeds(family);
                let valid: Vec<&[u8]> = seeds.iter().map(Vec::as_slice).collect();
                let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ (th + 1).wrapping_mul(0x1234_5678_9abc_def1));
                let mut out = Output::new(Box::new(std::io::sink()), Format::Json, false);
                let (mut buf, mut line) = (Vec::with_capacity(256), Vec::with_capacity(256));
                let max = if family == "services" { 200 } else { 160 };
                let mut hubble_out = Output::new(Box::new(std::io::sink()), Format::Json, false);
                let mut hubble = Hubble::new(&mut hubble_out, "fuzz".into(), Box::new(|_| None));
                let mut pcap = Pcapng::new(Box::new(std::io::sink()), Box::new(|_| None)).unwrap();
                for _ in 0..inputs / threads {
                    rng.input(&mut buf, &valid, max);
                    let r = catch_unwind(AssertUnwindSafe(|| match family {
                        "maps" => maps_family(&buf, &mut out, &mut line),
                        "events" => events_family(&buf, &mut out, &mut line, &mut [&mut hubble, &mut pcap]),
                        "parsers" => parsers_family(&buf),
                        _ => services_family(&buf),
                    }));
                    if r.is_err() {
                        let hex: String = buf.iter().map(|b| format!("{b:02x}")).collect();
                        eprintln!("fuzz: {family}: panic on input {hex}");
                        std::process::exit(1);
                    }
                }
            });
        }
    });
    t.elapsed().as_secs_f64()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--list") {
        return;
    }
    let inputs = args
        .iter()
        .position(|a| a == "--inputs")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse::<u64>().ok())
        .unwrap_or(10_000_000);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get() as u64);
    // Panics are reported with their input above; the default hook's message goes too.
    let total = Instant::now();
    for family in ["maps", "events", "parsers", "services"] {
        let secs = run_family(family, inputs, threads);
        println!(
            "fuzz {family}: {} inputs, 0 panics, {secs:.1} s ({:.2} M inputs/s on {threads} threads)",
            inputs / threads * threads,
            (inputs / threads * threads) as f64 / secs / 1e6
        );
        let _ = std::io::stdout().flush();
    }
    let secs = total.elapsed().as_secs_f64();
    println!("fuzz: every family clean in {secs:.1} s");
    report(Goal {
        measure: "fuzz: 4 decoder families x inputs, 0 panics, whole run",
        ours: secs,
        unit: "s",
        anchor: None,
        goal: ">= 10M inputs per family within 60 s",
        met: inputs >= 10_000_000 && secs <= 60.0,
    });
}
