//! Issue 23: the node's evidence in the formats operators' tools read, checked by those
//! tools: `monitor --pcap` by tcpdump and tshark, `monitor -o hubble` against Hubble's flow
//! fields and JSON types, `-o prometheus` by promtool.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::Value;

use crate::monitor::{Monitor, flood_as};
use crate::support::*;
use crate::world::*;

/// A node where pod 11 pings pod 12 (allowed by 12's ingress policy) and pod 13, and its
/// TCP connection to pod 12 is denied: traces, policy verdicts and a policy drop.
fn policy_world() -> World {
    let w = World::new(&[(11, 11, 1011), (12, 12, 1012), (13, 13, 1013)]);
    w.attach(11, &[]);
    w.attach(13, &[]);
    w.attach(12, &["--enforce", "ingress"]);
    w.cilium(&["bpf", "policy", "add", "12", "ingress", "1011", "/icmp"]);
    w
}

fn traffic(w: &World) {
    assert!(w.in_pod(11, &["ping", "-c", "1", "-W", "1", "10.200.0.12"]).0);
    assert!(w.in_pod(13, &["ping", "-c", "1", "-W", "1", "10.200.0.11"]).0);
    assert!(!w.client(11, &["tcp-client", "10.200.0.12", "9090", "x"]).0);
    std::thread::sleep(Duration::from_millis(300));
}

/// A scratch file path, removed on drop.
struct TempFile(PathBuf);

impl TempFile {
    fn new(what: &str) -> TempFile {
        TempFile(std::env::temp_dir().join(unique(what)))
    }
    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// A tool's output; its exit status must be success.
fn tool(args: &[&str]) -> String {
    let o = Command::new(args[0]).args(&args[1..]).output().unwrap_or_else(|e| panic!("{args:?}: {e}"));
    assert!(
        o.status.success(),
        "{args:?}: {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Events that carry a packet, in the order the monitor wrote them.
fn packet_events(lines: &[Value]) -> Vec<&Value> {
    lines
        .iter()
        .filter(|l| matches!(l["type"].as_str(), Some("drop" | "trace" | "policy-verdict" | "capture")))
        .collect()
}

#[test]
fn pcap_holds_one_packet_per_event_that_tcpdump_and_tshark_read() {
    let w = policy_world();
    let pcap = TempFile::new("cap.pcapng");
    let mon = Monitor::start(&w.fs.dir, &["--pcap", pcap.path()]);
    traffic(&w);
    let lines = mon.stop();
    let events = packet_events(&lines);
    assert!(events.len() >= 6, "pings, verdicts and the drop: {lines:?}");
    // tcpdump: one packet per event, with the addresses and ports the JSON names.
    let dump = tool(&["tcpdump", "-nn", "-r", pcap.path()]);
    let packets: Vec<&str> = dump.lines().collect();
    assert_eq!(packets.len(), events.len(), "one packet per event:\n{dump}");
    for (p, e) in packets.iter().zip(&events) {
        let d = &e["data"];
        let (src, dst) = (d["src_ip"].as_str().unwrap(), d["dst_ip"].as_str().unwrap());
        let want = match (d["src_port"].as_u64(), d["dst_port"].as_u64()) {
            (Some(sp), Some(dp)) if d["l4"] == "tcp" || d["l4"] == "udp" => {
                format!("{src}.{sp} > {dst}.{dp}")
            }
            _ => format!("{src} > {dst}"),
        };
        assert!(p.contains(&want), "packet {p:?} is not the event's {want}: {e}");
    }
    // tshark: the packet comments say what tcpdump cannot know.
    let comments = tool(&["tshark", "-r", pcap.path(), "-T", "fields", "-e", "frame.comment"]);
    let comments: Vec<&str> = comments.lines().collect();
    assert_eq!(comments.len(), events.len(), "{comments:?}");
    for (c, e) in comments.iter().zip(&events) {
        let d = &e["data"];
        match e["type"].as_str() {
            Some("drop") => {
                let want = format!("DROPPED: {} (code {})", d["reason"].as_str().unwrap(), d["reason_code"]);
                assert!(c.starts_with(&want), "{c:?} for {e}");
                assert!(
                    c.contains(&format!("identity {} -> {}", d["src_identity"], d["dst_identity"])),
                    "{c:?}"
                );
                assert!(c.contains("bpf_lxc.c:"), "source file and line: {c:?}");
            }
            Some("trace") => {
                let want = format!("FORWARDED: {}", d["observation_point"].as_str().unwrap());
                assert!(c.starts_with(&want), "{c:?} for {e}");
            }
            _ => assert!(c.starts_with("policy verdict ") || c.starts_with("capture: "), "{c:?} for {e}"),
        }
    }
    assert!(comments.iter().any(|c| c.starts_with("DROPPED: Policy denied (code 133)")), "{comments:?}");
    // Interfaces are named where the node knows them (the monitor runs in the host, where
    // the node's veths do not exist, so they are named only when they do).
    let ifaces = tool(&["tshark", "-r", pcap.path(), "-T", "fields", "-e", "frame.interface_id"]);
    assert!(!ifaces.trim().is_empty());
}

#[test]
fn pcap_to_stdout_and_after_a_kill_stays_readable() {
    let w = policy_world();
    // `--pcap -`: the capture is the standard output, the lines go nowhere.
    let out = TempFile::new("stdout.pcapng");
    let mut child = Command::new(bin())
        .env_clear()
        .args(["--bpffs", w.fs.dir.to_str().unwrap(), "monitor", "--pcap", "-"])
        .stdout(Stdio::from(std::fs::File::create(&out.0).unwrap()))
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_listening(&mut child);
    traffic(&w);
    // SIGKILL mid-run: the file holds every block flushed so far, and no half block.
    // SAFETY: signalling our own child by its PID.
    unsafe { libc::kill(child.id() as i32, libc::SIGKILL) };
    let _ = child.wait();
    let dump = tool(&["tcpdump", "-nn", "-r", out.path()]);
    assert!(dump.lines().count() >= 6, "the packets flushed before the kill:\n{dump}");
    assert!(dump.contains("10.200.0.11 > 10.200.0.12: ICMP echo request"), "{dump}");
}

fn wait_listening(child: &mut std::process::Child) {
    let mut err = child.stderr.take().unwrap();
    let mut seen = Vec::new();
    let mut b = [0u8; 1];
    while !String::from_utf8_lossy(&seen).contains("Listening") {
        assert_eq!(err.read(&mut b).unwrap(), 1, "monitor ended: {}", String::from_utf8_lossy(&seen));
        seen.push(b[0]);
    }
    // Keep draining stderr so that the monitor never blocks on it.
    std::thread::spawn(move || {
        let _ = std::io::copy(&mut err, &mut std::io::sink());
    });
}

/// Hubble's flow fields this writer may use, with their JSON types (hubble-flow.md, from
/// flow.proto and observer.proto): "s" string, "u" number, "b" bool, "o" object.
const RESPONSE: &[(&str, &str)] = &[("flow", "o"), ("lost_events", "o"), ("node_name", "s"), ("time", "s")];
const FLOW: &[(&str, &str)] = &[
    ("time", "s"),
    ("verdict", "s"),
    ("drop_reason", "u"),
    ("drop_reason_desc", "s"),
    ("ethernet", "o"),
    ("IP", "o"),
    ("l4", "o"),
    ("source", "o"),
    ("destination", "o"),
    ("Type", "s"),
    ("node_name", "s"),
    ("event_type", "o"),
    ("traffic_direction", "s"),
    ("trace_observation_point", "s"),
    ("trace_reason", "s"),
    ("is_reply", "b"),
    ("interface", "o"),
    ("policy_match_type", "u"),
    ("debug_capture_point", "u"),
    ("sock_xlate_point", "u"),
    ("socket_cookie", "s"),
    ("cgroup_id", "s"),
];
const ETHERNET: &[(&str, &str)] = &[("source", "s"), ("destination", "s")];
const IP: &[(&str, &str)] = &[("source", "s"), ("destination", "s"), ("ipVersion", "s"), ("encrypted", "b")];
const ENDPOINT: &[(&str, &str)] = &[("ID", "u"), ("identity", "u")];
const EVENT_TYPE: &[(&str, &str)] = &[("type", "u"), ("sub_type", "u")];
const INTERFACE: &[(&str, &str)] = &[("index", "u"), ("name", "s")];
const LOST: &[(&str, &str)] = &[("source", "s"), ("num_events_lost", "s"), ("cpu", "u")];
const PORTS: &[(&str, &str)] = &[("source_port", "u"), ("destination_port", "u"), ("flags", "o")];
const ICMP: &[(&str, &str)] = &[("type", "u"), ("code", "u")];
const TCP_FLAGS: &[(&str, &str)] = &[
    ("FIN", "b"),
    ("SYN", "b"),
    ("RST", "b"),
    ("PSH", "b"),
    ("ACK", "b"),
    ("URG", "b"),
    ("ECE", "b"),
    ("CWR", "b"),
];

/// Every key of `v` is one of `fields`, of its type; returns why not.
fn check(v: &Value, fields: &[(&str, &str)], at: &str) -> Result<(), String> {
    let obj = v.as_object().ok_or(format!("{at}: not an object"))?;
    for (k, val) in obj {
        let Some((_, ty)) = fields.iter().find(|(f, _)| f == k) else {
            return Err(format!("{at}.{k}: not a field Hubble knows here"));
        };
        let ok = match *ty {
            "s" => val.is_string(),
            "u" => val.is_u64(),
            "b" => val.is_boolean(),
            _ => val.is_object(),
        };
        if !ok {
            return Err(format!("{at}.{k}: {val} is not of type {ty}"));
        }
    }
    Ok(())
}

/// The whole line against the field lists, message by message.
fn check_line(l: &Value) -> Result<(), String> {
    check(l, RESPONSE, "response")?;
    if let Some(lost) = l.get("lost_events") {
        check(lost, LOST, "lost_events")?;
    }
    let Some(f) = l.get("flow") else { return Ok(()) };
    check(f, FLOW, "flow")?;
    for (k, fields) in [
        ("ethernet", ETHERNET),
        ("IP", IP),
        ("source", ENDPOINT),
        ("destination", ENDPOINT),
        ("event_type", EVENT_TYPE),
        ("interface", INTERFACE),
    ] {
        if let Some(v) = f.get(k) {
            check(v, fields, &format!("flow.{k}"))?;
        }
    }
    if let Some(l4) = f.get("l4") {
        check(l4, &[("TCP", "o"), ("UDP", "o"), ("ICMPv4", "o")], "flow.l4")?;
        for (k, v) in l4.as_object().unwrap() {
            check(v, if k == "ICMPv4" { ICMP } else { PORTS }, &format!("flow.l4.{k}"))?;
            if let Some(flags) = v.get("flags") {
                check(flags, TCP_FLAGS, "flow.l4.TCP.flags")?;
            }
        }
    }
    Ok(())
}

#[test]
fn hubble_lines_have_hubbles_fields_and_types() {
    let w = policy_world();
    let mon = Monitor::spawn(&w.fs.dir, "hubble", &["--node-name", "node-a"]);
    traffic(&w);
    let lines = mon.stop();
    assert!(lines.len() >= 6, "{lines:?}");
    for l in &lines {
        if let Err(why) = check_line(l) {
            panic!("{why}: {l}");
        }
        assert_eq!(l["node_name"], "node-a", "{l}");
        assert!(humantime::parse_rfc3339(l["time"].as_str().unwrap()).is_ok(), "RFC 3339 time: {l}");
    }
    let flows: Vec<&Value> = lines.iter().map(|l| &l["flow"]).collect();
    let drop =
        flows.iter().find(|f| f["verdict"] == "DROPPED" && f["event_type"]["type"] == 1).expect("the drop");
    assert_eq!(
        (&drop["drop_reason"], &drop["drop_reason_desc"], &drop["event_type"]["sub_type"]),
        (&serde_json::json!(133), &serde_json::json!("POLICY_DENIED"), &serde_json::json!(133)),
        "{drop}"
    );
    assert_eq!(
        (&drop["IP"]["source"], &drop["IP"]["destination"]),
        (&serde_json::json!("10.200.0.11"), &serde_json::json!("10.200.0.12"))
    );
    assert_eq!(drop["l4"]["TCP"]["destination_port"], 9090, "{drop}");
    assert_ne!(drop["source"]["ID"], 12, "endpoint 12 dropped it at its ingress: not the source: {drop}");
    assert_eq!(drop["l4"]["TCP"]["flags"]["SYN"], true, "{drop}");
    assert_eq!(
        (&drop["source"]["identity"], &drop["destination"]["identity"]),
        (&serde_json::json!(1011), &serde_json::json!(1012))
    );
    let to_12 = flows
        .iter()
        .find(|f| f["verdict"] == "FORWARDED" && f["destination"]["ID"] == 12 && f["event_type"]["type"] == 4)
        .expect("a trace to endpoint 12");
    assert_eq!(
        (
            &to_12["trace_observation_point"],
            &to_12["trace_reason"],
            &to_12["is_reply"],
            &to_12["traffic_direction"]
        ),
        (
            &serde_json::json!("TO_ENDPOINT"),
            &serde_json::json!("NEW"),
            &serde_json::json!(false),
            &serde_json::json!("INGRESS")
        ),
        "{to_12}"
    );
    assert!(
        flows
            .iter()
            .any(|f| f["event_type"]["type"] == 4 && f["destination"]["ID"] == 11 && f["is_reply"] == true),
        "the echo reply is a reply"
    );
    let verdict = flows
        .iter()
        .find(|f| f["event_type"]["type"] == 5 && f["verdict"] == "FORWARDED")
        .expect("the allowed ping's verdict");
    assert_eq!(
        (
            &verdict["traffic_direction"],
            &verdict["source"]["identity"],
            &verdict["destination"]["ID"],
            &verdict["policy_match_type"]
        ),
        (
            &serde_json::json!("INGRESS"),
            &serde_json::json!(1011),
            &serde_json::json!(12),
            &serde_json::json!(5)
        ),
        "{verdict}"
    );
    // Every monitor filter applies.
    let only = Monitor::spawn(&w.fs.dir, "hubble", &["-t", "drop"]);
    traffic(&w);
    let lines = only.stop();
    assert!(!lines.is_empty());
    assert!(lines.iter().all(|l| l["flow"]["verdict"] == "DROPPED"), "{lines:?}");
}

/// (flows from the flood program, events lost) in Hubble lines.
fn hubble_tally(lines: &[Value]) -> (u64, u64) {
    let received = lines.iter().filter(|l| l["flow"]["destination"]["ID"] == 4242).count() as u64;
    let lost = lines
        .iter()
        .filter_map(|l| l["lost_events"]["num_events_lost"].as_str())
        .map(|n| n.parse::<u64>().unwrap())
        .sum();
    (received, lost)
}

#[test]
fn hubble_losses_are_lost_events_records_that_add_up() {
    // A ring of one page cannot hold a burst of 100,000 events: the kernel counts losses.
    let (received, lost, lines) = flood_as("hubble", hubble_tally, "1", "1", 100_000);
    assert!(lost > 0 && received > 0, "received {received}, lost {lost}");
    for l in lines.iter().filter(|l| l.get("lost_events").is_some()) {
        check_line(l).unwrap_or_else(|why| panic!("{why}: {l}"));
        assert_eq!(l["lost_events"]["source"], "PERF_EVENT_RING_BUFFER", "{l}");
    }
}

fn promtool() -> String {
    std::env::var("CRS_PROMTOOL").unwrap_or_else(|_| {
        let ours = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/tools/promtool");
        if ours.exists() { ours.display().to_string() } else { "promtool".into() }
    })
}

/// `promtool check metrics` on `text`: it must find nothing wrong.
fn promtool_check(text: &str) {
    let mut child = Command::new(promtool())
        .args(["check", "metrics"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("promtool ({}): {e} (scripts/test unpacks it)", promtool()));
    use std::io::Write as _;
    child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(
        o.status.success(),
        "promtool: {}{}\n{text}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

/// `name{labels} value` samples of a text exposition, by name and sorted labels.
fn samples(text: &str) -> std::collections::BTreeMap<String, f64> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let (k, v) = l.rsplit_once(' ').unwrap();
            (k.to_string(), v.parse::<f64>().unwrap())
        })
        .collect()
}

#[test]
fn prometheus_text_passes_promtool_and_equals_the_json() {
    let fs = Bpffs::new();
    fs.init();
    // Two rows of one drop reason and direction (other source lines), a forward row of
    // reason 0 and one of reason 3 ("Interface", a forward too), per CPU.
    for (key, value) in [
        ("85 01 0a00 01 000000", "0200000000000000 4000000000000000"),
        ("85 01 0b00 01 000000", "0300000000000000 8000000000000000"),
        ("00 02 0000 00 000000", "0700000000000000 0004000000000000"),
        ("03 02 0000 00 000000", "0100000000000000 1000000000000000"),
        ("9e 02 0000 00 000000", "0100000000000000 2000000000000000"),
    ] {
        bpftool_update(&fs.pin("cilium_metrics"), key, value);
    }
    let text = fs.ok(&["-o", "prometheus", "bpf", "metrics", "list"]).stdout;
    promtool_check(&text);
    let json = fs.ok(&["-o", "json", "bpf", "metrics", "list"]).json();
    let (mut drops, mut fwd) = (
        std::collections::BTreeMap::<String, (u64, u64)>::new(),
        std::collections::BTreeMap::<String, (u64, u64)>::new(),
    );
    for r in json.as_array().unwrap() {
        let code = r["reason_code"].as_u64().unwrap();
        let (p, b) = (r["packets"].as_u64().unwrap(), r["bytes"].as_u64().unwrap());
        let dir = r["direction"].as_str().unwrap().to_string();
        let e = if code == 2 || code >= 130 {
            drops
                .entry(format!("reason=\"{}\",direction=\"{dir}\"", r["reason"].as_str().unwrap()))
                .or_default()
        } else {
            fwd.entry(format!("direction=\"{dir}\"")).or_default()
        };
        e.0 += p;
        e.1 += b;
    }
    let got = samples(&text);
    let mut want = std::collections::BTreeMap::new();
    for (labels, (p, b)) in &drops {
        want.insert(format!("cilium_drop_count_total{{{labels}}}"), *p as f64);
        want.insert(format!("cilium_drop_bytes_total{{{labels}}}"), *b as f64);
    }
    for (labels, (p, b)) in &fwd {
        want.insert(format!("cilium_forward_count_total{{{labels}}}"), *p as f64);
        want.insert(format!("cilium_forward_bytes_total{{{labels}}}"), *b as f64);
    }
    assert_eq!(got, want, "{text}");
    let cpus = f64::from(ciliumrs::bpf::cpus::possible_cpus().unwrap());
    assert_eq!(got["cilium_drop_count_total{reason=\"Policy denied\",direction=\"INGRESS\"}"], 5.0 * cpus);
    assert_eq!(
        got["cilium_forward_count_total{direction=\"EGRESS\"}"],
        8.0 * cpus,
        "reasons 0 and 3 are forwards"
    );

    // Map pressure: entries / max entries, as `bpf maps -o json` counts them.
    let text = fs.ok(&["-o", "prometheus", "bpf", "maps"]).stdout;
    promtool_check(&text);
    let got = samples(&text);
    let maps = fs.ok(&["-o", "json", "bpf", "maps"]).json();
    let m = maps.as_array().unwrap().iter().find(|m| m["name"] == "cilium_metrics").unwrap();
    let want = m["entries"].as_f64().unwrap() / m["max_entries"].as_f64().unwrap();
    assert_eq!(got["cilium_bpf_map_pressure{map_name=\"metrics\"}"], want, "{text}");
    assert_eq!(got["ciliumrs_bpf_map_max_entries{map_name=\"metrics\"}"], m["max_entries"].as_f64().unwrap());
    for m in maps.as_array().unwrap() {
        let name = m["name"].as_str().unwrap().trim_start_matches("cilium_");
        assert!(
            got.contains_key(&format!("ciliumrs_bpf_map_max_entries{{map_name=\"{name}\"}}")),
            "{name}: {text}"
        );
    }
}

#[test]
fn special_formats_refuse_what_they_cannot_do() {
    let fs = Bpffs::new();
    fs.init();
    for (args, says) in [
        (&["-o", "prometheus", "bpf", "ct", "list"][..], "-o prometheus is for"),
        (&["-o", "prometheus", "bpf", "metrics", "list", "--raw"][..], "-o prometheus is for"),
        (&["-o", "hubble", "bpf", "maps"][..], "-o hubble is for"),
        (&["-o", "hubble", "monitor", "--hex"][..], "--hex"),
        (&["-o", "hubble", "monitor", "--pcap", "-"][..], "standard output"),
        (&["monitor", "--node-name", "x"][..], "--node-name"),
        (
            &["monitor", "--pcap", "/nonexistent-ciliumrs-dir/x.pcapng"][..],
            "/nonexistent-ciliumrs-dir/x.pcapng",
        ),
    ] {
        let o = fs.run(args);
        assert_eq!(o.code, 2, "{args:?}: {}", o.stderr);
        assert!(o.stderr.contains(says), "{args:?}: {}", o.stderr);
        assert_eq!(o.stderr.lines().count(), 1, "one line: {}", o.stderr);
    }
    assert!(!Path::new("/nonexistent-ciliumrs-dir").exists());
}
