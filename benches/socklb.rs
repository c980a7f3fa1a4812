//! Benchmark of issue 8 (root): what the socket load balancer costs a connection.
//!
//! A lab of one node and one pod; the pod runs a TCP server (accept, read 1 byte, answer
//! 1 byte, close); a service 10.96.0.10:80 has that pod as its only backend. A client
//! thread in the node's namespace makes TCP_CRR-style connections (connect, 1-byte request,
//! 1-byte answer, close with RST so no TIME_WAIT piles up), in rounds that alternate:
//! - `svc`: the bench process in the node's cgroup root, dialling the service (connect4
//!   translates, cilium_lb4_reverse_sk written);
//! - `direct`: in the cgroup, dialling the backend (connect4 runs, finds no service);
//! - `outside`: out of the cgroup, dialling the backend (no socket program at all).
//!
//! Prints ns per connection and connections per second for each, and the differences.
//! `cargo bench --bench socklb [-- CONNECTIONS]` (default 100000 per variant).

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddrV4, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ciliumrs::datapath::netns;
use ciliumrs::lab::Lab;

#[path = "common/report.rs"]
mod report;
use report::{Goal, not_measured, report};

const VIP: Ipv4Addr = Ipv4Addr::new(10, 96, 0, 10);
const PORT: u16 = 8080;

fn join_cgroup(cg: &Path) {
    std::fs::write(cg.join("cgroup.procs"), std::process::id().to_string())
        .unwrap_or_else(|e| panic!("join {}: {e}", cg.display()));
}

fn own_cgroup() -> PathBuf {
    let text = std::fs::read_to_string("/proc/self/cgroup").unwrap();
    let rel = text.lines().find_map(|l| l.strip_prefix("0::")).expect("a cgroup v2 line").to_string();
    PathBuf::from(rel)
}

/// SO_LINGER 0: close() resets, so no TIME_WAIT holds the port.
fn rst_on_close(s: &TcpStream) {
    use std::os::fd::AsRawFd;
    let l = libc::linger { l_onoff: 1, l_linger: 0 };
    // SAFETY: a live socket and a linger struct of the size we pass.
    let rc = unsafe {
        libc::setsockopt(
            s.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_LINGER,
            &l as *const libc::linger as *const libc::c_void,
            std::mem::size_of::<libc::linger>() as libc::socklen_t,
        )
    };
    assert_eq!(rc, 0, "SO_LINGER");
}

/// `n` connections to `dst` from the node's namespace; the wall time.
fn crr(node_ns: &str, dst: SocketAddrV4, n: u32) -> Duration {
    netns::run_in(node_ns, move || {
        let mut buf = [0u8; 1];
        let start = Instant::now();
        for _ in 0..n {
            let mut s = TcpStream::connect(dst).unwrap_or_else(|e| panic!("connect {dst}: {e}"));
            rst_on_close(&s);
            s.write_all(b"x").unwrap();
            s.read_exact(&mut buf).unwrap();
        }
        start.elapsed()
    })
    .unwrap()
}

/// (run_time_ns, run_cnt) of the program named `name` attached to `cg`, from bpftool.
fn prog_stats(cg: &Path, name: &str) -> Option<(u64, u64)> {
    let o = std::process::Command::new("bpftool").args(["-j", "cgroup", "show"]).arg(cg).output().ok()?;
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).ok()?;
    let id = v.as_array()?.iter().find(|p| p["name"] == name)?["id"].as_u64()?;
    let o = std::process::Command::new("bpftool")
        .args(["-j", "prog", "show", "id", &id.to_string()])
        .output()
        .ok()?;
    let p: serde_json::Value = serde_json::from_slice(&o.stdout).ok()?;
    Some((p["run_time_ns"].as_u64()?, p["run_cnt"].as_u64()?))
}

fn main() {
    let total: u32 = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(100_000);
    let name = format!("bs{}", std::process::id() % 10000);
    let lab = Lab::up(&name, 1, 1, false).unwrap_or_else(|e| panic!("lab up (root?): {}", e.message()));
    let node = lab.plan.nodes[0].clone();
    let pod = node.pods[0].clone();
    let cg = node.cgroup.clone().expect("node cgroup");
    let home = PathBuf::from("/run/ciliumrs-lab")
        .join(&name)
        .join("cgroup2")
        .join(own_cgroup().strip_prefix("/").map(Path::to_path_buf).unwrap_or_default());
    let lb = std::process::Command::new("ip")
        .args(["netns", "exec", &node.netns, env!("CARGO_BIN_EXE_ciliumrs"), "--bpffs"])
        .arg(&node.bpffs)
        .args(["bpf", "lb", "update", &format!("{VIP}:80"), "--proto", "tcp", "--backends"])
        .arg(format!("{}:{PORT}", pod.ip))
        .output()
        .unwrap();
    assert!(lb.status.success(), "{}", String::from_utf8_lossy(&lb.stderr));
    // The server, in the pod's namespace, for the life of the bench.
    let pod_ns = pod.netns.clone();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = netns::run_in(&pod_ns, move || {
            let l = TcpListener::bind(("0.0.0.0", PORT)).unwrap();
            tx.send(()).unwrap();
            let mut buf = [0u8; 1];
            for c in l.incoming() {
                let Ok(mut c) = c else { continue };
                if c.read_exact(&mut buf).is_ok() {
                    let _ = c.write_all(b"y");
                }
            }
        });
    });
    rx.recv().unwrap();
    let svc = SocketAddrV4::new(VIP, 80);
    let direct = SocketAddrV4::new(pod.ip, PORT);
    // Warm up every path.
    join_cgroup(&cg);
    crr(&node.netns, svc, 2000);
    crr(&node.netns, direct, 2000);
    // The kernel's own account of the programs' run time (bpf_stats), for this run only.
    let stats_before = std::fs::read_to_string("/proc/sys/kernel/bpf_stats_enabled").unwrap_or_default();
    let stats_on = std::fs::write("/proc/sys/kernel/bpf_stats_enabled", "1");
    let rounds = 5u32;
    let per = total / rounds;
    let (mut t_svc, mut t_direct, mut t_out) = (Duration::ZERO, Duration::ZERO, Duration::ZERO);
    for _ in 0..rounds {
        join_cgroup(&cg);
        let a = crr(&node.netns, svc, per);
        let b = crr(&node.netns, direct, per);
        join_cgroup(&home);
        let c = crr(&node.netns, direct, per);
        let each = |t: Duration| t.as_nanos() / u128::from(per);
        println!("  round: service {} ns, direct {} ns, outside {} ns", each(a), each(b), each(c));
        (t_svc, t_direct, t_out) = (t_svc + a, t_direct + b, t_out + c);
    }
    join_cgroup(&home);
    let n = f64::from(per * rounds);
    let ns = |t: Duration| t.as_nanos() as f64 / n;
    println!("socket LB, TCP connect + 1-byte request/answer + close, {} connections each:", per * rounds);
    for (what, t) in [
        ("to the service (translated)", t_svc),
        ("to the backend, in cgroup", t_direct),
        ("to the backend, outside", t_out),
    ] {
        println!("  {what:30} {:8.0} ns/conn  {:8.0} conn/s", ns(t), n / t.as_secs_f64());
    }
    println!(
        "  socket LB cost per connection: {:+.0} ns vs outside, {:+.0} ns vs in-cgroup direct; service rate {:.1}% of outside",
        ns(t_svc) - ns(t_out),
        ns(t_svc) - ns(t_direct),
        100.0 * ns(t_out) / ns(t_svc)
    );
    // Connections per second through the service, against the same connections to the
    // backend from outside the cgroup (no socket program), measured in the same rounds.
    let (rate_svc, rate_out) = (n / t_svc.as_secs_f64(), n / t_out.as_secs_f64());
    report(Goal {
        measure: "connections/s through the socket LB (connect+request+close)",
        ours: rate_svc,
        unit: "conn/s",
        anchor: Some(("the backend from outside the cgroup", rate_out)),
        goal: ">= 0.9x the anchor",
        met: rate_svc >= 0.9 * rate_out,
    });
    let connect = "cil_sock4_connect, kernel run time (bpf_stats)";
    match prog_stats(&cg, "cil_sock4_connect") {
        _ if stats_on.is_err() => not_measured(
            connect,
            "ns",
            "<= 1000 ns",
            &format!("kernel.bpf_stats_enabled could not be set: {}", stats_on.as_ref().unwrap_err()),
        ),
        None => not_measured(
            connect,
            "ns",
            "<= 1000 ns",
            "bpftool is missing or did not show the program's stats",
        ),
        Some((ns, cnt)) => {
            let per = ns as f64 / cnt.max(1) as f64;
            println!("  cil_sock4_connect: {cnt} runs, {per:.0} ns per run (bpf_stats)");
            report(Goal {
                measure: connect,
                ours: per,
                unit: "ns",
                anchor: None,
                goal: "<= 1000 ns",
                met: per <= 1000.0,
            });
        }
    }
    if let Some((ns, cnt)) = prog_stats(&cg, "cil_sock4_getpeername") {
        println!(
            "  cil_sock4_getpeername: {cnt} runs, {:.0} ns per run (bpf_stats)",
            ns as f64 / cnt.max(1) as f64
        );
    }
    let _ = std::fs::write("/proc/sys/kernel/bpf_stats_enabled", stats_before.trim());
    lab.down().unwrap();
}
