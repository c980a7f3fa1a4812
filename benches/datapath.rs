//! Benchmarks of issue 3 (root):
//! - `ciliumrs attach lxc` wall time per endpoint, over 50 endpoints on one node;
//! - `cil_from_container` cost per packet through BPF_PROG_TEST_RUN, for an established
//!   TCP flow to a local endpoint (tail call into its policy program included) and for new
//!   flows (one CT entry created per run);
//! - pod-to-pod TCP throughput (iperf3, 3 s) through the datapath and through plain veth
//!   routing between the same namespaces;
//! - `ciliumrs lab up` for 2 nodes x 2 pods.

use std::ffi::CString;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use aya::programs::{TestRun, TestRunOptions};
use ciliumrs::datapath::endpoint::LxcProgram;
use ciliumrs::datapath::{loader, slots};

fn sh(args: &[&str]) -> String {
    let o = Command::new(args[0]).args(&args[1..]).output().unwrap();
    assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Namespaces and a bpffs, removed on drop.
struct World {
    node: String,
    pods: Vec<String>,
    bpffs: PathBuf,
}

impl Drop for World {
    fn drop(&mut self) {
        for n in self.pods.iter().chain(std::iter::once(&self.node)) {
            let _ = Command::new("ip").args(["netns", "del", n]).status();
        }
        let c = CString::new(self.bpffs.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: valid path.
        unsafe { libc::umount2(c.as_ptr(), libc::MNT_DETACH) };
        let _ = std::fs::remove_dir(&self.bpffs);
    }
}

fn world(tag: &str) -> World {
    let node = format!("crsb{}-{tag}", std::process::id());
    let bpffs = std::env::temp_dir().join(format!("{node}-bpffs"));
    std::fs::create_dir_all(&bpffs).unwrap();
    let c = CString::new(bpffs.as_os_str().as_encoded_bytes()).unwrap();
    let t = c"bpf";
    // SAFETY: valid strings.
    assert_eq!(
        unsafe { libc::mount(t.as_ptr(), c.as_ptr(), t.as_ptr(), 0, std::ptr::null()) },
        0,
        "mount (root?)"
    );
    sh(&["ip", "netns", "add", &node]);
    sh(&["ip", "-n", &node, "link", "set", "lo", "up"]);
    World { node, pods: Vec::new(), bpffs }
}

fn cilium(w: &World, args: &[&str]) -> String {
    let mut full =
        vec!["netns", "exec", &w.node, env!("CARGO_BIN_EXE_ciliumrs"), "--bpffs", w.bpffs.to_str().unwrap()];
    full.extend_from_slice(args);
    let o = Command::new("ip").args(&full).output().unwrap();
    assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn add_pod(w: &mut World, i: u32, with_netns: bool) -> (String, String) {
    let host_if = format!("lxc{i}");
    let ip = format!("10.200.{}.{}", i / 200, 10 + i % 200);
    if with_netns {
        let ns = format!("{}-p{i}", w.node);
        sh(&["ip", "netns", "add", &ns]);
        w.pods.push(ns.clone());
        sh(&[
            "ip", "-n", &w.node, "link", "add", &host_if, "type", "veth", "peer", "name", "eth0", "netns",
            &ns,
        ]);
        sh(&["ip", "-n", &ns, "link", "set", "lo", "up"]);
        sh(&["ip", "-n", &ns, "addr", "add", &format!("{ip}/32"), "dev", "eth0"]);
        sh(&["ip", "-n", &ns, "link", "set", "eth0", "up"]);
        sh(&["ip", "-n", &ns, "route", "add", "10.200.0.1", "dev", "eth0", "scope", "link"]);
        sh(&["ip", "-n", &ns, "route", "add", "default", "via", "10.200.0.1"]);
        let mac = sh(&["ip", "netns", "exec", &ns, "cat", "/sys/class/net/eth0/address"]).trim().to_string();
        sh(&["ip", "-n", &w.node, "link", "set", &host_if, "up"]);
        (host_if, mac + "|" + &ip)
    } else {
        sh(&[
            "ip",
            "-n",
            &w.node,
            "link",
            "add",
            &host_if,
            "type",
            "veth",
            "peer",
            "name",
            &format!("pe{i}"),
        ]);
        sh(&["ip", "-n", &w.node, "link", "set", &host_if, "up"]);
        (host_if, format!("0a:58:0a:00:00:{:02x}|{ip}", i % 256))
    }
}

fn attach(w: &World, host_if: &str, i: u32, mac_ip: &str) -> Duration {
    let (mac, ip) = mac_ip.split_once('|').unwrap();
    let (id, identity) = (i.to_string(), (10_000 + i).to_string());
    let t = Instant::now();
    cilium(w, &["attach", "lxc", host_if, "--id", &id, "--ipv4", ip, "--identity", &identity, "--mac", mac]);
    t.elapsed()
}

fn bench_attach() {
    let mut w = world("attach");
    cilium(&w, &["init", "--maps-only"]);
    let mut times = Vec::new();
    for i in 1..=50 {
        let (host_if, mac_ip) = add_pod(&mut w, i, false);
        times.push(attach(&w, &host_if, i, &mac_ip));
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let mean = times.iter().map(|d| ms(*d)).sum::<f64>() / times.len() as f64;
    println!(
        "attach lxc (whole command, 50 endpoints): mean {mean:.1} ms, median {:.1} ms, max {:.1} ms per endpoint",
        ms(times[25]),
        ms(times[49])
    );
}

fn tcp_packet(src: [u8; 4], dst: [u8; 4], sport: u16, flags: u8) -> Vec<u8> {
    let mut p = vec![0x0a, 0x58, 0, 0, 0, 1, 0x0a, 0x58, 0, 0, 0, 2, 0x08, 0x00];
    p.extend_from_slice(&[0x45, 0, 0, 40, 0, 0, 0x40, 0, 64, 6, 0, 0]);
    p.extend_from_slice(&src);
    p.extend_from_slice(&dst);
    p.extend_from_slice(&sport.to_be_bytes());
    p.extend_from_slice(&80u16.to_be_bytes());
    p.extend_from_slice(&[0, 0, 0, 1, 0, 0, 0, 0, 0x50, flags, 0xff, 0xff, 0, 0, 0, 0]);
    p.resize(64, 0);
    p
}

fn bench_from_container() {
    let mut w = world("prog");
    cilium(&w, &["init", "--maps-only"]);
    let (if1, m1) = add_pod(&mut w, 1, false);
    let (if2, m2) = add_pod(&mut w, 2, false);
    attach(&w, &if1, 1, &m1);
    attach(&w, &if2, 2, &m2);
    // A copy of endpoint 1's program, loaded here to run it through BPF_PROG_TEST_RUN.
    let mut bpf = LxcProgram {
        id: 1,
        identity: 10_001,
        ipv4: "10.200.0.11".parse().unwrap(),
        ifindex: 2,
        mac: Default::default(),
        node_mac: Default::default(),
        pod_cidr_len: 24,
        vxlan_ifindex: 0,
        enforce_ingress: false,
        enforce_egress: false,
        trace: true,
    }
    .load(&w.bpffs)
    .unwrap();
    let prog = loader::classifier(&mut bpf, slots::LXC_ENTRY_PROG).unwrap();
    let est = tcp_packet([10, 200, 0, 11], [10, 200, 0, 12], 40000, 0x10);
    let r = prog.test_run(TestRunOptions { data_in: Some(&est), repeat: 1, ..Default::default() }).unwrap();
    assert_eq!(r.return_value, 7, "TC_ACT_REDIRECT: delivered to endpoint 2");
    let n = 1_000_000;
    let r = prog.test_run(TestRunOptions { data_in: Some(&est), repeat: n, ..Default::default() }).unwrap();
    println!(
        "from-container, established TCP flow to a local endpoint (policy tail call, CT, delivery): {} ns/packet",
        r.duration.as_nanos()
    );
    let world = tcp_packet([10, 200, 0, 11], [192, 0, 2, 1], 40001, 0x10);
    prog.test_run(TestRunOptions { data_in: Some(&world), repeat: 1, ..Default::default() }).unwrap();
    let r = prog.test_run(TestRunOptions { data_in: Some(&world), repeat: n, ..Default::default() }).unwrap();
    println!(
        "from-container, established TCP flow to the stack (no local delivery): {} ns/packet",
        r.duration.as_nanos()
    );
    let mut total = Duration::ZERO;
    let runs = 20_000u16;
    for i in 0..runs {
        let p = tcp_packet([10, 200, 0, 11], [10, 200, 0, 12], 10_000 + i, 0x02);
        total += prog
            .test_run(TestRunOptions { data_in: Some(&p), repeat: 1, ..Default::default() })
            .unwrap()
            .duration;
    }
    println!(
        "from-container, new TCP flow (egress and ingress CT entries created): {} ns/packet",
        total.as_nanos() / u128::from(runs)
    );
}

fn iperf(w: &World, server_ns: &str, client_ns: &str, dst: &str) -> f64 {
    let mut srv = Command::new("ip")
        .args(["netns", "exec", server_ns, "iperf3", "-s", "-1", "-B", dst])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let out = sh(&["ip", "netns", "exec", client_ns, "iperf3", "-c", dst, "-t", "3", "-J"]);
    let _ = srv.wait();
    let _ = w;
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    v["end"]["sum_received"]["bits_per_second"].as_f64().unwrap() / 1e9
}

fn bench_throughput() {
    if Command::new("iperf3").arg("--version").output().is_err() {
        let _ = Command::new("apt-get").args(["install", "-y", "-qq", "iperf3"]).status();
    }
    if Command::new("iperf3").arg("--version").output().is_err() {
        println!("throughput: iperf3 is not installed and could not be installed; skipped");
        return;
    }
    let mut w = world("tput");
    sh(&["ip", "-n", &w.node, "addr", "add", "10.200.0.1/32", "dev", "lo"]);
    sh(&["ip", "netns", "exec", &w.node, "sysctl", "-qw", "net.ipv4.ip_forward=1"]);
    let (if1, m1) = add_pod(&mut w, 1, true);
    let (if2, m2) = add_pod(&mut w, 2, true);
    // Without the datapath: the node routes between the veths like any Linux router.
    sh(&["ip", "-n", &w.node, "route", "add", "10.200.0.11", "dev", &if1]);
    sh(&["ip", "-n", &w.node, "route", "add", "10.200.0.12", "dev", &if2]);
    let (p1, p2) = (w.pods[0].clone(), w.pods[1].clone());
    let plain = iperf(&w, &p2, &p1, "10.200.0.12");
    cilium(&w, &["init", "--maps-only"]);
    attach(&w, &if1, 1, &m1);
    attach(&w, &if2, 2, &m2);
    let ours = iperf(&w, &p2, &p1, "10.200.0.12");
    println!(
        "pod-to-pod TCP (iperf3, 3 s): plain veth routing {plain:.2} Gbit/s, through the datapath {ours:.2} Gbit/s ({:.0}%)",
        ours * 100.0 / plain
    );
}

fn bench_lab() {
    let name = format!("b{}", std::process::id() % 100000);
    let bin = env!("CARGO_BIN_EXE_ciliumrs");
    let t = Instant::now();
    let st = Command::new(bin)
        .args(["lab", "up", "--name", &name])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    let up = t.elapsed();
    let _ = Command::new(bin)
        .args(["lab", "down", "--name", &name])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    assert!(st.success(), "lab up failed");
    println!("lab up, 2 nodes x 2 pods: {:.2} s", up.as_secs_f64());
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    bench_attach();
    bench_from_container();
    bench_throughput();
    bench_lab();
}
