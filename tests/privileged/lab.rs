//! `ciliumrs lab`: up, traffic across nodes from inside pods, status, down with no trace.

use std::process::Command;

use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::support::*;

pub fn lab(args: &[&str]) -> Out {
    let o = Command::new(bin())
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .args(args)
        .output()
        .unwrap();
    Out {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

fn sh_ok(args: &[&str]) {
    assert!(Command::new(args[0]).args(&args[1..]).status().unwrap().success(), "{args:?}");
}

/// Takes the lab down on drop, panics included.
pub struct Down(pub String);

impl Drop for Down {
    fn drop(&mut self) {
        let _ = lab(&["lab", "down", "--name", &self.0]);
    }
}

/// One check of a lab that is up, named for the report.
type Case = (&'static str, fn(&str));

const CASES: &[Case] = &[
    ("client reaches a node", client_reaches_a_node),
    ("members run in their cgroups", members_run_in_their_cgroups),
    ("pods talk across nodes", pods_talk_across_nodes),
    ("a service reaches every backend", a_service_reaches_every_backend),
    ("a service without backends", a_service_without_backends),
    ("a backend naming no pod is refused", a_backend_naming_no_pod_is_refused),
    ("concurrent service adds all land", concurrent_service_adds_all_land),
    ("bad members and clashes are refused", bad_members_and_clashes_are_refused),
];

/// One lab up for every case (bringing it up is the slow part); each case runs on its own
/// and the test reports every case that failed, not only the first. Then the lab goes down
/// and must leave nothing behind.
#[test]
fn lab_up_cases_and_down_leaves_nothing() {
    require_root();
    let name = format!("t{}", std::process::id() % 100000);
    let up = lab(&["-o", "json", "lab", "up", "--name", &name, "--nodes", "2", "--pods-per-node", "2"]);
    let guard = Down(name.clone());
    assert_eq!(up.code, 0, "{}", up.stderr);
    let members = up.json();
    assert_eq!(members.as_array().unwrap().len(), 7, "2 nodes + 4 pods + the client: {members}");
    assert!(up.stderr.contains("is up in"), "{}", up.stderr);
    let mut failed = Vec::new();
    for (what, case) in CASES {
        if let Err(e) = catch_unwind(AssertUnwindSafe(|| case(&name))) {
            let why = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            failed.push(format!("{what}: {why}"));
        }
    }
    let down = lab(&["lab", "down", "--name", &name]);
    assert_eq!(down.code, 0, "{}", down.stderr);
    std::mem::forget(guard);
    let netns = std::fs::read_dir("/run/netns")
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.file_name().into_string().unwrap()).collect::<Vec<_>>())
        .unwrap_or_default();
    assert!(!netns.iter().any(|n| n.starts_with(&format!("{name}-"))), "{netns:?}");
    let mounts = std::fs::read_to_string("/proc/self/mountinfo").unwrap();
    assert!(!mounts.contains(&format!("ciliumrs-lab/{name}/")), "bpffs mounts left");
    assert!(!cgroup2_root().join(format!("{name}-n1")).exists(), "cgroup left");
    assert!(!std::path::Path::new(&format!("/run/ciliumrs-lab/{name}")).exists(), "state left");
    assert_eq!(lab(&["lab", "status", "--name", &name]).code, 1);
    assert!(
        failed.is_empty(),
        "{} of {} lab cases failed:\n{}",
        failed.len(),
        CASES.len(),
        failed.join("\n")
    );
}

/// The external client on the underlay reaches node2.
fn client_reaches_a_node(name: &str) {
    let name = name.to_string();
    let client =
        lab(&["lab", "exec", "--name", &name, "client", "--", "ping", "-c", "1", "-W", "1", "10.100.0.2"]);
    assert_eq!(
        client.code, 0,
        "external client -> node2's underlay address: {}{}",
        client.stdout, client.stderr
    );
}

/// A node's processes run in the node's cgroup (socket programs on it apply to them); pods stay
/// outside it.
fn members_run_in_their_cgroups(name: &str) {
    let name = name.to_string();
    // A node's processes run in the node's cgroup, so socket programs on it apply to them.
    let cg = lab(&["lab", "exec", "--name", &name, "node1", "--", "cat", "/proc/self/cgroup"]);
    assert!(
        cg.stdout.lines().any(|l| l.starts_with("0::") && l.ends_with(&format!("/{name}-n1"))),
        "{}",
        cg.stdout
    );
    let pod_cg = lab(&["lab", "exec", "--name", &name, "node1-pod1", "--", "cat", "/proc/self/cgroup"]);
    assert!(
        !pod_cg.stdout.contains(&format!("{name}-n1")),
        "pods stay outside the node cgroup: {}",
        pod_cg.stdout
    );
}

/// A pod on node1 pings a pod on node2; node2's conntrack holds the flow.
fn pods_talk_across_nodes(name: &str) {
    let name = name.to_string();
    let ping = lab(&[
        "lab",
        "exec",
        "--name",
        &name,
        "node1-pod1",
        "--",
        "ping",
        "-c",
        "2",
        "-i",
        "0.2",
        "-W",
        "1",
        "10.200.2.12",
    ]);
    assert_eq!(ping.code, 0, "pod on node1 -> pod on node2: {}{}", ping.stdout, ping.stderr);
    let ct = lab(&[
        "-o", "json", "lab", "exec", "--name", &name, "node2", "--", "ciliumrs", "-o", "json", "bpf", "ct",
        "list",
    ]);
    assert_eq!(ct.code, 0, "{}", ct.stderr);
    let flows = ct.json();
    assert!(
        flows.as_array().unwrap().iter().any(|f| f["src"] == "10.200.1.11" && f["dst"] == "10.200.2.12"),
        "{flows}"
    );
}

/// A service written on every node, as each node's agent would: pods reach both backends, so does
/// the external client through NodePort (with SNAT); ciliumrs nested under another command reads
/// the same node; its delete leaves no node with it.
fn a_service_reaches_every_backend(name: &str) {
    let name = name.to_string();
    // A service written on every node, as each node's agent would: pods reach it.
    let add = lab(&[
        "-o",
        "json",
        "lab",
        "service",
        "add",
        "--name",
        &name,
        "web",
        "--vip",
        "10.96.0.10:80",
        "--backends",
        "node2-pod1:8080,node2-pod2:8080",
        "--nodeport",
        "30080",
    ]);
    assert_eq!(add.code, 0, "{}", add.stderr);
    let mut servers = Vec::new();
    for (pod, tag) in [("node2-pod1", "a"), ("node2-pod2", "b")] {
        let child = Command::new(bin())
            .args([
                "lab",
                "exec",
                "--name",
                &name,
                pod,
                "--",
                "python3",
                crate::world::HELPER,
                "svc-server",
                "8080",
                tag,
                "10",
            ])
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        servers.push(crate::world::ready(child));
    }
    let got = lab(&[
        "lab",
        "exec",
        "--name",
        &name,
        "node1-pod1",
        "--",
        "python3",
        crate::world::HELPER,
        "svc-clients",
        "10.96.0.10",
        "80",
        "12",
        "tcp",
    ]);
    // The external client, through node1's NodePort (both backends on node2: SNAT).
    let outside = lab(&[
        "lab",
        "exec",
        "--name",
        &name,
        "client",
        "--",
        "python3",
        crate::world::HELPER,
        "svc-clients",
        "10.100.0.1",
        "30080",
        "12",
        "tcp",
    ]);
    drop(servers);
    for got in [got, outside] {
        let got: serde_json::Value = serde_json::from_str(got.stdout.trim())
            .unwrap_or_else(|e| panic!("{e}: {got:?}", got = got.stderr));
        assert_eq!(
            (got["failed"].as_u64(), got["answers"].as_object().map(|a| a.len())),
            (Some(0), Some(2)),
            "{got}"
        );
    }
    let nat =
        lab(&["lab", "exec", "--name", &name, "node1", "--", "ciliumrs", "-o", "json", "bpf", "nat", "list"])
            .json();
    assert_eq!(nat.as_array().map(|a| a.len()), Some(24), "12 SNAT pairs on node1: {nat}");
    // Issue 27: ciliumrs is on the PATH of whatever a member runs, not only a leading word.
    let nested = lab(&[
        "lab", "exec", "--name", &name, "node1", "--", "timeout", "5", "ciliumrs", "-o", "json", "bpf",
        "nat", "list",
    ])
    .json();
    // The same pairs (their age may have moved on by a second).
    let pairs = |v: &serde_json::Value| {
        let mut rows: Vec<String> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let mut r = r.clone();
                r.as_object_mut().unwrap().remove("age_secs");
                r.to_string()
            })
            .collect();
        rows.sort();
        rows
    };
    assert_eq!(pairs(&nested), pairs(&nat), "timeout 5 ciliumrs ... runs this binary on node1's bpffs");
    let list = lab(&["-o", "json", "lab", "service", "list", "--name", &name]).json();
    assert_eq!(list.as_array().map(|a| a.len()), Some(1), "{list}");
    assert_eq!(list[0]["nodeport"], 30080, "{list}");
    assert_eq!(lab(&["lab", "service", "delete", "--name", &name, "web"]).code, 0);
    let lb =
        lab(&["lab", "exec", "--name", &name, "node1", "--", "ciliumrs", "-o", "json", "bpf", "lb", "list"]);
    assert_eq!(lb.stdout.trim(), "[]", "deleted from every node: {}", lb.stdout);
}

/// A service without backends is one `--backends ''` away.
fn a_service_without_backends(name: &str) {
    let name = name.to_string();
    // And a service without backends is one `--backends ''` away.
    lab(&["lab", "service", "add", "--name", &name, "empty", "--vip", "10.96.0.77:80", "--backends", ""]);
    let empty =
        lab(&["lab", "exec", "--name", &name, "node2", "--", "ciliumrs", "-o", "json", "service", "list"])
            .json();
    let row = empty.as_array().unwrap().iter().find(|r| r["frontend"] == "10.96.0.77:80");
    assert_eq!(row.map(|r| r["backends"].clone()), Some(serde_json::json!([])), "{empty}");
    lab(&["lab", "service", "delete", "--name", &name, "empty"]);
}

/// A backend that names no member is a usage error naming it.
fn a_backend_naming_no_pod_is_refused(name: &str) {
    let name = name.to_string();
    let bad_pod = lab(&[
        "lab",
        "service",
        "add",
        "--name",
        &name,
        "x",
        "--vip",
        "10.96.0.11:80",
        "--backends",
        "node7-pod1:80",
    ]);
    assert_eq!(bad_pod.code, 2, "{}", bad_pod.stderr);
    assert!(bad_pod.stderr.contains("node7-pod1"), "{}", bad_pod.stderr);
}

/// Issue 27: eight `lab service add` at once, each holding the lab's lock and its nodes': none
/// loses another's record, every node has all eight.
fn concurrent_service_adds_all_land(name: &str) {
    let name = name.to_string();
    let adds: Vec<_> = (1..=8)
        .map(|i| {
            let name = name.clone();
            std::thread::spawn(move || {
                let (svc, vip) = (format!("c{i}"), format!("10.96.1.{i}:80"));
                lab(&[
                    "lab",
                    "service",
                    "add",
                    "--name",
                    &name,
                    &svc,
                    "--vip",
                    &vip,
                    "--backends",
                    "node2-pod1:80",
                ])
            })
        })
        .collect();
    for a in adds {
        let out = a.join().unwrap();
        assert_eq!(out.code, 0, "{}", out.stderr);
    }
    // Counted by their frontends, 10.96.1.0/24: what other cases left is not this case's.
    let ours = |v: &serde_json::Value, key: &str| {
        v.as_array()
            .unwrap()
            .iter()
            .filter(|r| r[key].as_str().is_some_and(|f| f.starts_with("10.96.1.")))
            .count()
    };
    let list = lab(&["-o", "json", "lab", "service", "list", "--name", &name]).json();
    assert_eq!(ours(&list, "vip"), 8, "{list}");
    for node in ["node1", "node2"] {
        let svc =
            lab(&["lab", "exec", "--name", &name, node, "--", "ciliumrs", "-o", "json", "service", "list"])
                .json();
        assert_eq!(ours(&svc, "frontend"), 8, "{node}: {svc}");
    }
    for i in 1..=8 {
        assert_eq!(lab(&["lab", "service", "delete", "--name", &name, &format!("c{i}")]).code, 0);
    }
}

/// Unknown members, a second `up` and names already taken are refused, the last before anything is
/// made.
fn bad_members_and_clashes_are_refused(name: &str) {
    let name = name.to_string();
    let bad = lab(&["lab", "exec", "--name", &name, "node9", "--", "true"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("node9") && bad.stderr.contains("node1-pod1"), "{}", bad.stderr);
    let again = lab(&["lab", "up", "--name", &name]);
    assert_eq!(again.code, 2, "a second up of the same lab is refused: {}", again.stderr);
    // A lab whose names are taken is refused before anything is made (and its cleanup
    // can never remove someone else's namespace).
    let other = format!("{name}x");
    sh_ok(&["ip", "netns", "add", &format!("{other}-n2")]);
    let clash = lab(&["lab", "up", "--name", &other]);
    sh_ok(&["ip", "netns", "del", &format!("{other}-n2")]);
    assert_eq!(clash.code, 2, "{}", clash.stderr);
    assert!(clash.stderr.contains(&format!("{other}-n2 exists already")), "{}", clash.stderr);
    assert!(!std::path::Path::new(&format!("/run/netns/{other}-n1")).exists());
}
