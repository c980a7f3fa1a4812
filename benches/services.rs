//! Service throughput in the lab (`ciliumrs lab up`, 2 nodes x 1 pod, and its external
//! client), iperf3 TCP for 3 s each, every pair measured in the same run:
//! - node1's pod -> a ClusterIP whose backend is node2's pod, against the same pod by its IP;
//! - the external client -> node1's NodePort whose only backend is node2's pod (SNAT to
//!   node1, through the tunnel), against the client -> node2's pod routed straight to node2.
//!
//! Run as root: `cargo bench --bench services`. Needs iperf3 (installed when missing).

use std::process::{Command, Stdio};
use std::time::Duration;

#[path = "common/report.rs"]
mod report;
use report::{Goal, not_measured, report};

const BIN: &str = env!("CARGO_BIN_EXE_ciliumrs");

fn ok(cmd: &mut Command) -> String {
    let o = cmd.output().unwrap();
    assert!(o.status.success(), "{cmd:?}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Gbit/s received, iperf3 from namespace `client` to `dst:port`, the server in `server`.
fn iperf(server: &str, client: &str, dst: &str, port: &str) -> f64 {
    let mut srv = Command::new("ip")
        .args(["netns", "exec", server, "iperf3", "-s", "-1", "-p", "5201"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let out =
        ok(Command::new("ip")
            .args(["netns", "exec", client, "iperf3", "-c", dst, "-p", port, "-t", "3", "-J"]));
    let _ = srv.wait();
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    v["end"]["sum_received"]["bits_per_second"].as_f64().unwrap() / 1e9
}

/// One line comparing a path with its anchor, measured in the same run, and its goal: at
/// least `min` of the anchor's throughput.
fn compare(what: &str, anchor_name: &str, anchor: f64, ours_name: &str, ours: f64, min: f64) {
    println!(
        "{what} TCP (iperf3, 3 s): {anchor_name} {anchor:.2} Gbit/s, {ours_name} {ours:.2} Gbit/s ({:.0}%)",
        ours * 100.0 / anchor
    );
    report(Goal {
        measure: &format!("{what}, {ours_name} (iperf3)"),
        ours,
        unit: "Gbit/s",
        anchor: Some((anchor_name, anchor)),
        goal: &format!(">= {:.0}% of the anchor", min * 100.0),
        met: ours >= min * anchor,
    });
}

struct Lab(String);

impl Drop for Lab {
    fn drop(&mut self) {
        let _ = Command::new(BIN).args(["lab", "down", "--name", &self.0]).output();
    }
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    if Command::new("iperf3").arg("--version").output().is_err() {
        let _ = Command::new("apt-get").args(["install", "-y", "-qq", "iperf3"]).status();
    }
    if Command::new("iperf3").arg("--version").output().is_err() {
        let why = "iperf3 is not installed and could not be installed";
        for (what, min) in [
            ("pod -> remote pod, through a ClusterIP (iperf3)", 0.95),
            ("external client -> pod on node2, through node1's NodePort with SNAT (iperf3)", 0.80),
        ] {
            not_measured(what, "Gbit/s", &format!(">= {:.0}% of the anchor", min * 100.0), why);
        }
        return;
    }
    let name = format!("bs{}", std::process::id() % 100000);
    ok(Command::new(BIN).args(["lab", "up", "--name", &name, "--nodes", "2", "--pods-per-node", "1"]));
    let lab = Lab(name.clone());
    let exec = |who: &str, args: &[&str]| {
        ok(Command::new(BIN).args(["lab", "exec", "--name", &lab.0, who, "--"]).args(args));
    };
    let (pod1, pod2, client) = (format!("{name}-n1p1"), format!("{name}-n2p1"), format!("{name}-client"));
    exec(
        "node1",
        &[
            "ciliumrs",
            "bpf",
            "lb",
            "update",
            "10.96.0.20:5201",
            "--proto",
            "tcp",
            "--backends",
            "10.200.2.11:5201",
        ],
    );
    exec(
        "node1",
        &[
            "ciliumrs",
            "bpf",
            "lb",
            "update",
            "10.100.0.1:30201",
            "--type",
            "nodeport",
            "--proto",
            "tcp",
            "--backends",
            "10.200.2.11:5201",
        ],
    );
    // The client reaches node2's pods straight through node2 (its from-netdev delivers).
    exec("client", &["ip", "route", "add", "10.200.2.0/24", "via", "10.100.0.2"]);

    let direct = iperf(&pod2, &pod1, "10.200.2.11", "5201");
    let cluster_ip = iperf(&pod2, &pod1, "10.96.0.20", "5201");
    compare("pod -> remote pod", "by its IP", direct, "through a ClusterIP", cluster_ip, 0.95);
    let routed = iperf(&pod2, &client, "10.200.2.11", "5201");
    let nodeport = iperf(&pod2, &client, "10.100.0.1", "30201");
    compare(
        "external client -> pod on node2",
        "routed to node2",
        routed,
        "through node1's NodePort with SNAT",
        nodeport,
        0.80,
    );
    drop(lab);
}
