//! Benchmark of issue 4: events per second through `ciliumrs monitor`, text and JSON, with
//! the loss figures.
//!
//! 1. Decode + format only: synthetic drop and trace samples (64-byte packets) through the
//!    decoders and the output layer into a sink.
//! 2. End to end (root): the flood test program writes drop_notify events through
//!    BPF_PROG_TEST_RUN on CPU 0 for a few seconds while `ciliumrs monitor` (stdout to
//!    /dev/null) reads them; produced = received + lost is checked.
//!
//! Run: `cargo bench --bench monitor` (needs `make -C ebpf` objects, committed).

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use aya::programs::{SchedClassifier, TestRun, TestRunOptions};
use ciliumrs::events::decode::decode;
use ciliumrs::events::record::EventRecord;
use ciliumrs::output::{Format, Output};

#[path = "common/drain.rs"]
mod drain;
#[path = "common/report.rs"]
mod report;
use report::{Goal, report};

const FLOOD_OBJ: &[u8] = aya::include_bytes_aligned!("../ebpf/obj/events_flood.o");

fn packet() -> Vec<u8> {
    let hex = "0a0b0c0d0e0f1a1b1c1d1e1f08004500002800004000400600000ac8000b0ac8000c9c40238200000000000000005002000000000000";
    let mut p: Vec<u8> =
        (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap()).collect();
    p.resize(64, 0);
    p
}

fn sample(ty: u8) -> Vec<u8> {
    let mut b = vec![ty, if ty == 1 { 133 } else { 0 }];
    b.extend_from_slice(&12u16.to_ne_bytes());
    b.extend_from_slice(&0xabcdu32.to_ne_bytes());
    b.extend_from_slice(&64u32.to_ne_bytes());
    b.extend_from_slice(&64u16.to_ne_bytes());
    b.extend_from_slice(&1u16.to_ne_bytes());
    b.extend_from_slice(&1011u32.to_ne_bytes());
    b.extend_from_slice(&1012u32.to_ne_bytes());
    if ty == 1 {
        b.extend_from_slice(&12u32.to_ne_bytes());
        b.extend_from_slice(&77u16.to_ne_bytes());
        b.extend_from_slice(&[2, 0]);
        b.extend_from_slice(&3u32.to_ne_bytes());
    } else {
        b.extend_from_slice(&12u16.to_ne_bytes());
        b.extend_from_slice(&[1, 0]);
        b.extend_from_slice(&3u32.to_ne_bytes());
        b.extend_from_slice(&[0; 16]);
    }
    b.extend_from_slice(&packet());
    b
}

fn decode_only(format: Format, n: usize) -> f64 {
    let samples = [sample(1), sample(4)];
    let mut out = Output::new(Box::new(std::io::sink()), format, false);
    let t = Instant::now();
    for i in 0..n {
        let data = &samples[i & 1];
        let ev = decode(data);
        out.event(ev.type_name(), &EventRecord::new(1, &ev)).unwrap();
    }
    out.flush().unwrap();
    n as f64 / t.elapsed().as_secs_f64()
}

/// `rate`: events per second the producer is held to (None: as fast as it can).
fn end_to_end(format: &str, pages: &str, wakeup: &str, secs: f64, rate: Option<f64>) -> (u64, u64, u64, f64) {
    let dir =
        std::env::temp_dir().join(format!("ciliumrs-bench-mon-{}-{format}-{pages}", std::process::id()));
    let fs = ciliumrs::datapath::mount::BpffsMount::new(&dir)
        .unwrap_or_else(|e| panic!("run as root: {}", e.message()));
    let bin = env!("CARGO_BIN_EXE_ciliumrs");
    let bpffs = fs.0.to_str().unwrap();
    let st = Command::new(bin)
        .args(["--bpffs", bpffs, "init", "--maps-only"])
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(st.success());
    let mut bpf =
        aya::EbpfLoader::new().default_map_pin_directory(dir.join("tc/globals")).load(FLOOD_OBJ).unwrap();
    let p: &mut SchedClassifier = bpf.program_mut("events_flood").unwrap().try_into().unwrap();
    p.load().unwrap();
    // `pcap`: the capture file is the standard output (`--pcap -`), as `| tcpdump -r -` reads it.
    let (output, extra): (&str, &[&str]) =
        if format == "pcap" { ("table", &["--pcap", "-"]) } else { (format, &[]) };
    let mut mon = Command::new(bin)
        .args(["--bpffs", bpffs, "-o", output, "monitor", "--pages", pages, "--wakeup-events", wakeup])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Its output goes into a pipe this process drains, as `| wc -c` would.
    let drain = drain::drain(mon.stdout.take().unwrap());
    let mut err = mon.stderr.take().unwrap();
    let mut first = [0u8; 1];
    err.read_exact(&mut first).unwrap(); // the "Listening" line has started
    std::thread::sleep(Duration::from_millis(200));
    let pkt = packet();
    let produced = std::thread::scope(|s| {
        s.spawn(|| {
            // SAFETY: pin this thread to CPU 0.
            unsafe {
                let mut set: libc::cpu_set_t = std::mem::zeroed();
                libc::CPU_SET(0, &mut set);
                libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set);
            }
            let start = Instant::now();
            let mut n = 0u64;
            // Paced runs go in small steps so the load is even, not bursts at full speed.
            let step = if rate.is_some() { 500 } else { 20_000 };
            while start.elapsed().as_secs_f64() < secs {
                p.test_run(TestRunOptions { data_in: Some(&pkt), repeat: step, ..Default::default() })
                    .unwrap();
                n += u64::from(step);
                if let Some(r) = rate {
                    let due = Duration::from_secs_f64(n as f64 / r);
                    if let Some(wait) = due.checked_sub(start.elapsed()) {
                        std::thread::sleep(wait);
                    }
                }
            }
            std::thread::sleep(Duration::from_millis(300));
            p.test_run(TestRunOptions { data_in: Some(&pkt), repeat: 1, ..Default::default() }).unwrap();
            std::thread::sleep(Duration::from_millis(300));
            (n + 1, start.elapsed().as_secs_f64() - 0.6)
        })
        .join()
        .unwrap()
    });
    // SAFETY: SIGINT to our own child.
    unsafe { libc::kill(mon.id() as i32, libc::SIGINT) };
    let mut text = String::new();
    err.read_to_string(&mut text).unwrap();
    mon.wait().unwrap();
    drain.join().unwrap();
    drop(bpf);
    // "N events received, M shown; drop N; lost L ..."
    let summary = text
        .lines()
        .rfind(|l| l.contains(" events received"))
        .unwrap_or_else(|| panic!("no summary in {text}"))
        .trim_start_matches("{\"info\":\"")
        .to_string();
    let num = |key: &str| -> u64 {
        let i = summary.find(key).unwrap_or_else(|| panic!("no '{key}' in {summary}"));
        summary[..i].split_whitespace().last().unwrap().parse().unwrap()
    };
    let received = num(" events received");
    let lost = summary
        .split("; lost ")
        .nth(1)
        .and_then(|s| s.split(|c: char| !c.is_ascii_digit()).next())
        .unwrap()
        .parse()
        .unwrap();
    (produced.0, received, lost, produced.1)
}

/// How a run's output is named in its row.
fn shown(format: &str) -> &'static str {
    match format {
        "pcap" => "--pcap - (pcapng)",
        "hubble" => "-o hubble",
        "json" => "-o json",
        _ => "-o table",
    }
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let n = 2_000_000;
    println!("monitor: decode + format only ({n} events, 64-byte packets, into a sink)");
    println!("  text  {:>6.2} M events/s", decode_only(Format::Table, n) / 1e6);
    println!("  json  {:>6.2} M events/s", decode_only(Format::Json, n) / 1e6);
    if std::env::args().any(|a| a == "--decode-only") {
        return;
    }
    println!(
        "monitor: end to end, flood program on CPU 0 via BPF_PROG_TEST_RUN, monitor stdout into a drained pipe"
    );
    let mut exact_always = true;
    let runs: [(&str, &str, &str, Option<f64>); 12] = [
        ("table", "64", "64", Some(1e6)),
        ("json", "64", "64", Some(1e6)),
        ("table", "256", "512", Some(1e6)),
        ("json", "256", "512", Some(1e6)),
        ("table", "64", "64", None),
        ("json", "64", "64", None),
        ("table", "256", "512", None),
        ("json", "256", "512", None),
        ("hubble", "256", "512", Some(1e6)),
        ("pcap", "256", "512", Some(1e6)),
        ("hubble", "256", "512", None),
        ("pcap", "256", "512", None),
    ];
    // MONITOR_BENCH_RUNS=5,6 runs only those (0-based) of the list above, for profiling.
    let only: Option<Vec<usize>> = std::env::var("MONITOR_BENCH_RUNS")
        .ok()
        .map(|v| v.split(',').filter_map(|x| x.parse().ok()).collect());
    for (i, (format, pages, wakeup, rate)) in runs.into_iter().enumerate() {
        if only.as_ref().is_some_and(|o| !o.contains(&i)) {
            continue;
        }
        let (produced, received, lost, secs) = end_to_end(format, pages, wakeup, 3.0, rate);
        let pace = rate.map_or("unpaced".to_string(), |r| format!("paced {:.1} M/s", r / 1e6));
        print!("  {pace:>15} ");
        let exact = if produced == received + lost { "exact" } else { "MISMATCH" };
        exact_always &= produced == received + lost;
        let produced_rate = produced as f64 / secs / 1e6;
        let received_rate = received as f64 / secs / 1e6;
        let lost_pct = lost as f64 * 100.0 / produced as f64;
        println!(
            "  {format:6} pages {pages:>3} wakeup {wakeup:>3}: produced {produced} in {secs:.2} s = {produced_rate:.2} M/s; received {received} ({received_rate:.2} M/s), lost {lost} ({lost_pct:.2}%); accounting {exact}"
        );
        match (format, pages, rate) {
            ("hubble" | "pcap", _, Some(_)) => report(Goal {
                measure: &format!("monitor {}, paced 1 M/s, 256 pages, lost", shown(format)),
                ours: lost_pct,
                unit: "%",
                anchor: None,
                goal: "0 %",
                met: lost == 0,
            }),
            ("hubble" | "pcap", _, None) => report(Goal {
                measure: &format!("monitor {}, unpaced flood, 256 pages, received", shown(format)),
                ours: received_rate,
                unit: "M/s",
                anchor: Some(("produced by the flood program", produced_rate)),
                goal: ">= 1 M/s",
                met: received_rate >= 1.0,
            }),
            (_, _, None) => {
                let want = if format == "table" { 3.0 } else { 2.0 };
                let ring = if pages == "64" { "default ring".to_string() } else { format!("{pages} pages") };
                report(Goal {
                    measure: &format!("monitor -o {format}, unpaced flood, {ring}, received"),
                    ours: received_rate,
                    unit: "M/s",
                    anchor: Some(("produced by the flood program", produced_rate)),
                    goal: if format == "table" { ">= 3 M/s" } else { ">= 2 M/s" },
                    met: received_rate >= want,
                });
            }
            ("json", "64", Some(_)) => report(Goal {
                measure: "monitor -o json, paced 1 M/s, default ring (64 pages), lost",
                ours: lost_pct,
                unit: "%",
                anchor: None,
                goal: "0 %",
                met: lost == 0,
            }),
            _ => {}
        }
    }
    report(Goal {
        measure: "monitor accounting: received + lost = produced, every run",
        ours: f64::from(u8::from(exact_always)),
        unit: "(1 = exact)",
        anchor: None,
        goal: "always exact",
        met: exact_always,
    });
}
