//! `ciliumrs monitor` against real rings: exact loss accounting under a flood, one reader
//! at a time, and the events our datapath sends for real traffic.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use aya::programs::{SchedClassifier, TestRun, TestRunOptions};

use crate::support::*;
use crate::world::*;

const FLOOD_OBJ: &[u8] = aya::include_bytes_aligned!("../../ebpf/obj/events_flood.o");

/// A running monitor, stopped with SIGINT (by its own PID) and reaped on drop.
pub struct Monitor {
    child: Child,
    out: std::path::PathBuf,
}

impl Monitor {
    /// JSON Lines output.
    pub fn start(bpffs: &Path, args: &[&str]) -> Monitor {
        Monitor::spawn(bpffs, "json", args)
    }

    /// Text lines, as an operator sees them.
    pub fn start_text(bpffs: &Path, args: &[&str]) -> Monitor {
        Monitor::spawn(bpffs, "table", args)
    }

    /// Output in `format` (`-o`), with `args` after `monitor`.
    pub fn spawn(bpffs: &Path, format: &str, args: &[&str]) -> Monitor {
        let out = std::env::temp_dir().join(format!(
            "ciliumrs-monitor-{}-{}.out",
            std::process::id(),
            rand_suffix()
        ));
        let file = std::fs::File::create(&out).unwrap();
        let mut child = Command::new(bin())
            .env_clear()
            .arg("--bpffs")
            .arg(bpffs)
            .args(["-o", format, "monitor"])
            .args(args)
            .stdout(Stdio::from(file))
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stderr.as_mut().unwrap()).read_line(&mut line).unwrap();
        assert!(line.contains("Listening"), "monitor did not start: {line}");
        Monitor { child, out }
    }

    /// The complete JSON Lines written so far (the monitor flushes after every poll).
    pub fn so_far(&self) -> Vec<serde_json::Value> {
        let text = std::fs::read_to_string(&self.out).unwrap_or_default();
        text.lines().filter_map(|l| serde_json::from_str(l).ok()).collect()
    }

    /// SIGINT, wait, and the JSON Lines it wrote.
    pub fn stop(self) -> Vec<serde_json::Value> {
        self.stop_text()
            .iter()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line ({e}): {l}")))
            .collect()
    }

    /// SIGINT, wait, and the lines it wrote.
    pub fn stop_text(mut self) -> Vec<String> {
        // SAFETY: signalling our own child by its PID.
        unsafe { libc::kill(self.child.id() as i32, libc::SIGINT) };
        let status = self.child.wait().unwrap();
        let mut err = String::new();
        let _ = self.child.stderr.take().unwrap().read_to_string(&mut err);
        assert_eq!(status.code(), Some(0), "monitor exit: {err}");
        std::fs::read_to_string(&self.out).unwrap().lines().map(str::to_owned).collect()
    }
}

impl Drop for Monitor {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.out);
    }
}

fn rand_suffix() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64
}

fn pin_to_cpu0() {
    // SAFETY: a zeroed cpu_set_t with CPU 0 set, for this thread.
    unsafe {
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        libc::CPU_SET(0, &mut set);
        let rc = libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set);
        assert_eq!(rc, 0, "pin the producer to CPU 0: {}", std::io::Error::last_os_error());
    }
}

/// Loads the flood program over this bpffs's cilium_events.
fn flood_program(fs: &Bpffs) -> aya::Ebpf {
    let mut bpf = aya::EbpfLoader::new().default_map_pin_directory(fs.globals()).load(FLOOD_OBJ).unwrap();
    let p: &mut SchedClassifier = bpf.program_mut("events_flood").unwrap().try_into().unwrap();
    p.load().unwrap();
    bpf
}

fn packet() -> Vec<u8> {
    let mut p = bytes(
        "0a0b0c0d0e0f 1a1b1c1d1e1f 0800 45000028 0000 4000 4006 0000 0ac8000b 0ac8000c 9c40 2382 00000000 00000000 5002 0000 0000 0000",
    );
    p.resize(64, 0);
    p
}

/// (how many, the last error) of the outputs the kernel refused the flood program without
/// counting them lost (its `flood_refused` map): samples that never reached a ring.
fn refused(bpf: &aya::Ebpf) -> (u64, i64) {
    let m: aya::maps::Array<_, i64> = aya::maps::Array::try_from(bpf.map("flood_refused").unwrap()).unwrap();
    (m.get(&0, 0).unwrap() as u64, m.get(&1, 0).unwrap())
}

fn run(bpf: &aya::Ebpf, n: u32) {
    let p: &SchedClassifier = bpf.program("events_flood").unwrap().try_into().unwrap();
    let pkt = packet();
    let mut left = n;
    while left > 0 {
        let r = left.min(50_000);
        p.test_run(TestRunOptions { data_in: Some(&pkt), repeat: r, ..Default::default() }).unwrap();
        left -= r;
    }
}

/// (drop events received from the flood program, lost) in monitor output `lines`.
fn tally(lines: &[serde_json::Value]) -> (u64, u64) {
    let received = lines.iter().filter(|l| l["type"] == "drop" && l["data"]["source"] == 4242).count() as u64;
    let lost =
        lines.iter().filter(|l| l["type"] == "lost").map(|l| l["data"]["lost"].as_u64().unwrap()).sum();
    (received, lost)
}

/// (received, lost) of the flood program's drops by the CPU whose ring carried them: where
/// a sample went missing, if one does.
fn by_cpu(lines: &[serde_json::Value]) -> std::collections::BTreeMap<u64, (u64, u64)> {
    let mut m = std::collections::BTreeMap::new();
    for l in lines {
        let d = &l["data"];
        let cpu = d["cpu"].as_u64().unwrap_or(u64::MAX);
        if l["type"] == "drop" && d["source"] == 4242 {
            m.entry(cpu).or_insert((0, 0)).0 += 1;
        } else if l["type"] == "lost" {
            m.entry(cpu).or_insert((0, 0)).1 += d["lost"].as_u64().unwrap_or(0);
        }
    }
    m
}

fn flood(pages: &str, wakeup: &str, n: u32) -> (u64, u64, serde_json::Value) {
    let (received, lost, lines) = flood_as("json", tally, pages, wakeup, n);
    let summary = lines.iter().find(|l| l["type"] == "summary").cloned().expect("summary line");
    assert_eq!(summary["data"]["received"], received);
    assert_eq!(summary["data"]["lost"], lost);
    (received, lost, lines.into_iter().find(|l| l["type"] == "drop").unwrap())
}

/// `n` drop events of the flood program (then single ones until the monitor accounted for
/// every one) read by a monitor with `-o format`; `tally` counts (received, lost) in its
/// lines, and produced = received + lost is asserted. Returns the counts and the lines.
pub fn flood_as(
    format: &str,
    tally: fn(&[serde_json::Value]) -> (u64, u64),
    pages: &str,
    wakeup: &str,
    n: u32,
) -> (u64, u64, Vec<serde_json::Value>) {
    let fs = Bpffs::new();
    fs.init();
    let bpf = flood_program(&fs);
    let mon = Monitor::spawn(&fs.dir, format, &["--pages", pages, "--wakeup-events", wakeup, "-t", "drop"]);
    let produced = std::thread::scope(|s| {
        s.spawn(|| {
            pin_to_cpu0();
            run(&bpf, n);
            // The kernel writes a loss record only when a later sample fits the ring, so
            // single samples follow, on the same CPU, until the monitor has accounted for
            // every sample made: it caught up, however slow the machine. No fixed wait;
            // a sample neither shown nor counted lost would never let this end.
            let mut runs = u64::from(n);
            let deadline = std::time::Instant::now() + Duration::from_secs(60);
            loop {
                run(&bpf, 1);
                runs += 1;
                // A sample the kernel refused (not a full ring: that is "lost") never
                // reached the ring; it is not the reader's to account for.
                let (refused, errno) = refused(&bpf);
                let produced = runs - refused;
                let (received, lost) = tally(&mon.so_far());
                if received + lost == produced {
                    break produced;
                }
                assert!(
                    std::time::Instant::now() < deadline,
                    "after 60 s: produced {produced} (runs {runs}, refused by the kernel {refused}, last error {errno}) = received {received} + lost {lost}; by CPU (received, lost): {:?}",
                    by_cpu(&mon.so_far())
                );
                std::thread::sleep(Duration::from_millis(20));
            }
        })
        .join()
        .unwrap()
    });
    let lines = mon.stop();
    let (received, lost) = tally(&lines);
    assert_eq!(received + lost, produced, "produced {produced} = received {received} + lost {lost}");
    (received, lost, lines)
}

#[test]
fn flood_accounting_is_exact_with_a_large_ring() {
    let (received, _lost, first) = flood("64", "64", 60_000);
    assert!(received > 0);
    let d = &first["data"];
    assert_eq!((d["reason"].as_str(), d["reason_code"].as_u64()), (Some("Policy denied"), Some(133)));
    assert_eq!(
        (d["src_identity"].as_u64(), d["dst_identity"].as_u64(), d["dst_endpoint"].as_u64()),
        (Some(1), Some(2), Some(4242))
    );
    assert_eq!(
        (d["file"].as_str(), d["line"].as_u64(), d["ifindex"].as_u64()),
        (Some("bpf_lxc.c"), Some(7), Some(1))
    );
    assert_eq!(d["summary"], "10.200.0.11:40000 -> 10.200.0.12:9090 tcp SYN");
}

#[test]
fn flood_accounting_is_exact_with_an_undersized_ring() {
    let (_received, lost, _) = flood("1", "4096", 60_000);
    assert!(lost > 0, "a one-page ring must overflow under a flood");
}

#[test]
fn a_second_monitor_refuses_instead_of_blinding_the_first() {
    let fs = Bpffs::new();
    fs.init();
    let first = Monitor::start(&fs.dir, &[]);
    let second = run_with(&fs.dir, &["monitor"]);
    assert_eq!(second.code, 1, "{}", second.stderr);
    assert!(second.stderr.contains("another ciliumrs monitor (pid"), "{}", second.stderr);
    // The first still sees events.
    let bpf = flood_program(&fs);
    run(&bpf, 10);
    std::thread::sleep(Duration::from_millis(200));
    let lines = first.stop();
    assert_eq!(lines.iter().filter(|l| l["type"] == "drop").count(), 10);
}

#[test]
fn datapath_drops_and_traces_show_with_filters() {
    let w = World::new(&[(11, 11, 1011), (12, 12, 1012), (13, 13, 1013)]);
    w.attach(11, &[]);
    w.attach(13, &[]);
    w.attach(12, &["--enforce", "ingress"]);
    w.cilium(&["bpf", "policy", "add", "12", "ingress", "1011", "/icmp"]);
    let traffic = || {
        assert!(w.in_pod(11, &["ping", "-c", "1", "-W", "1", "10.200.0.12"]).0);
        assert!(w.in_pod(13, &["ping", "-c", "1", "-W", "1", "10.200.0.11"]).0);
        assert!(!w.client(11, &["tcp-client", "10.200.0.12", "9090", "x"]).0);
        std::thread::sleep(Duration::from_millis(300));
    };

    let all = Monitor::start(&w.fs.dir, &[]);
    traffic();
    let ev = all.stop();
    let drops: Vec<_> = ev.iter().filter(|l| l["type"] == "drop").collect();
    let denied = drops.iter().find(|d| d["data"]["reason"] == "Policy denied").expect("a policy drop");
    let d = &denied["data"];
    assert_eq!(
        (d["src_identity"].as_u64(), d["dst_identity"].as_u64(), d["dst_endpoint"].as_u64()),
        (Some(1011), Some(1012), Some(12))
    );
    assert_eq!((d["dst_ip"].as_str(), d["dst_port"].as_u64()), (Some("10.200.0.12"), Some(9090)));
    let lxc11 = sh(&["ip", "netns", "exec", &w.node.0, "cat", "/sys/class/net/lxc11/ifindex"]);
    assert_eq!(
        d["ifindex"].as_u64(),
        Some(lxc11.trim().parse().unwrap()),
        "the interface the packet entered"
    );
    // Every policy decision of endpoint 12 is reported: the ping allowed by its /icmp rule
    // (identity + protocol: L3-Proto), the TCP connection denied with no rule matching.
    let verdicts: Vec<_> = ev.iter().filter(|l| l["type"] == "policy-verdict").map(|l| &l["data"]).collect();
    let allowed = verdicts.iter().find(|v| v["action"] == "allow").expect("a verdict for the allowed ping");
    assert_eq!(
        (&allowed["source"], &allowed["remote_identity"], &allowed["direction"], &allowed["proto"]),
        (
            &serde_json::json!(12),
            &serde_json::json!(1011),
            &serde_json::json!("ingress"),
            &serde_json::json!(1)
        ),
        "{allowed}"
    );
    assert_eq!(allowed["match_type"], 5, "L3-Proto: {allowed}");
    assert_eq!(
        (allowed["src_ip"].as_str(), allowed["dst_ip"].as_str()),
        (Some("10.200.0.11"), Some("10.200.0.12"))
    );
    let refused =
        verdicts.iter().find(|v| v["action"] == "deny").expect("a verdict for the denied connection");
    assert_eq!(
        (refused["verdict"].as_i64(), refused["dst_port"].as_u64(), refused["proto"].as_u64()),
        (Some(-133), Some(9090), Some(6)),
        "{refused}"
    );
    assert_eq!(refused["match_type"], 0, "no rule matched: {refused}");
    assert!(verdicts.iter().all(|v| v["source"] == 12), "only endpoint 12 enforces policy: {verdicts:?}");

    let traces: Vec<_> = ev.iter().filter(|l| l["type"] == "trace").collect();
    let to_12 = traces.iter().find(|t| t["data"]["dst_endpoint"] == 12).expect("trace to endpoint 12");
    assert_eq!(
        (to_12["data"]["observation_point"].as_str(), to_12["data"]["state"].as_str()),
        (Some("to-endpoint"), Some("new"))
    );
    assert!(
        traces.iter().any(|t| t["data"]["dst_endpoint"] == 11 && t["data"]["state"] == "reply"),
        "the echo reply is a CT reply"
    );

    // The text line, as `cilium monitor -t policy-verdict` prints it.
    let text = Monitor::start_text(&w.fs.dir, &["-t", "policy-verdict"]);
    traffic();
    let lines = text.stop_text();
    assert!(
        lines.iter().any(|l| l.starts_with("Policy verdict log: flow ")
            && l.contains("local EP ID 12, remote ID 1011, proto 1, ingress, action allow, auth: disabled, match L3-Proto")),
        "{lines:?}"
    );

    // --type drop --related-to 12: only drops that involve endpoint 12.
    let f = Monitor::start(&w.fs.dir, &["-t", "drop", "--related-to", "12"]);
    traffic();
    let ev = f.stop();
    let shown: Vec<_> = ev.iter().filter(|l| l["type"] != "summary").collect();
    assert!(!shown.is_empty());
    assert!(
        shown
            .iter()
            .all(|l| l["type"] == "drop" && (l["data"]["dst_endpoint"] == 12 || l["data"]["source"] == 12)),
        "{shown:?}"
    );

    // --ip: only packets from or to pod 13.
    let f = Monitor::start(&w.fs.dir, &["--ip", "10.200.0.13/32"]);
    traffic();
    let ev = f.stop();
    let shown: Vec<_> = ev.iter().filter(|l| l["type"] != "summary").collect();
    assert!(shown.len() >= 2, "request and reply of pod 13's ping: {shown:?}");
    assert!(
        shown.iter().all(|l| l["data"]["src_ip"] == "10.200.0.13" || l["data"]["dst_ip"] == "10.200.0.13"),
        "{shown:?}"
    );
}

#[test]
fn a_closed_pipe_ends_the_monitor_with_exit_zero() {
    let fs = Bpffs::new();
    fs.init();
    let bpf = flood_program(&fs);
    let mut child = Command::new(bin())
        .env_clear()
        .arg("--bpffs")
        .arg(&fs.dir)
        .arg("monitor")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stderr.as_mut().unwrap()).read_line(&mut line).unwrap();
    run(&bpf, 1);
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    assert!(first.starts_with("xx drop (Policy denied)"), "{first}");
    // The reader went away (like `| head -1`): the next write fails, and that is a normal end.
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    let status = loop {
        run(&bpf, 100);
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(std::time::Instant::now() < deadline, "monitor did not stop on a closed pipe");
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut err = String::new();
    let _ = child.stderr.take().unwrap().read_to_string(&mut err);
    assert_eq!(status.code(), Some(0), "{err}");
    assert!(!err.contains("ciliumrs:"), "no error for a closed pipe: {err}");
}

#[test]
fn tailcall_list_reads_calls_maps_another_loader_made() {
    let fs = Bpffs::new();
    fs.init();
    let bpf = flood_program(&fs);
    let prog: &SchedClassifier = bpf.program("events_flood").unwrap().try_into().unwrap();
    let id = prog.info().unwrap().id().to_string();
    let pin = fs.pin("cilium_calls_00777").display().to_string();
    bpftool(&[
        "map",
        "create",
        &pin,
        "type",
        "prog_array",
        "key",
        "4",
        "value",
        "4",
        "entries",
        "50",
        "name",
        "cilium_calls_0",
    ]);
    bpftool(&["map", "update", "pinned", &pin, "key", "3", "0", "0", "0", "value", "id", &id]);
    let rows = fs.ok(&["-o", "json", "bpf", "tailcall", "list", "--all"]).json();
    let slot =
        rows.as_array().unwrap().iter().find(|r| r["map"] == "cilium_calls_00777" && r["slot"] == 3).cloned();
    let slot = slot.unwrap_or_else(|| panic!("slot 3 of the bpftool-made map: {rows}"));
    assert_eq!(slot["name"], "events_flood");
    assert_eq!(slot["prog_id"].as_u64().unwrap().to_string(), id);
}
