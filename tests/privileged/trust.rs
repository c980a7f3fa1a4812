//! Issue 27: writers that never corrupt a service. Concurrent writers are serialised by the
//! node's write lock; a write that fails at any map write puts every map back byte for
//! byte; a writer killed at any write leaves what the same command, run again, turns into
//! exactly the state an uninterrupted run makes.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Barrier};

use crate::support::*;

/// The LB maps a service write touches, as bpftool reads them.
pub(crate) fn lb_snapshot(fs: &Bpffs) -> Vec<(&'static str, Entries)> {
    ["cilium_lb4_services_v2", "cilium_lb4_backends_v3", "cilium_lb4_reverse_nat", "cilium_lb_affinity_match"]
        .into_iter()
        .map(|m| (m, bpftool_dump(&fs.pin(m))))
        .collect()
}

/// Two services sharing a backend, the first with session affinity.
fn two_services(fs: &Bpffs) {
    fs.init();
    fs.ok(&[
        "bpf",
        "lb",
        "update",
        "10.96.0.10:80",
        "--proto",
        "tcp",
        "--backends",
        "10.0.0.1:80,10.0.0.2:80,10.0.0.3:80",
        "--affinity-timeout",
        "30",
    ]);
    fs.ok(&["bpf", "lb", "update", "10.96.0.11:80", "--proto", "tcp", "--backends", "10.0.0.3:80"]);
}

/// The writes under test: an update that adds, keeps, drops a backend and ends affinity;
/// an apply that changes a service and creates one; a delete.
fn writes(dir: &std::path::Path) -> Vec<(&'static str, Vec<String>)> {
    let file = dir.join("services.json");
    std::fs::write(
        &file,
        r#"[{"frontend": "10.96.0.10:80", "backends": ["10.0.0.4:80", "10.0.0.5:80@terminating"], "affinity_timeout": 60},
            {"frontend": "10.96.0.12:53", "proto": "udp", "backends": ["10.0.0.6:53", "10.0.0.3:53"]}]"#,
    )
    .unwrap();
    let words = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
    vec![
        ("update", words("bpf lb update 10.96.0.10:80 --proto tcp --backends 10.0.0.2:80,10.0.0.4:80")),
        ("apply", vec!["bpf".into(), "lb".into(), "apply".into(), file.display().to_string()]),
        ("delete", words("bpf lb delete 10.96.0.10:80")),
    ]
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// What `args` makes of [`two_services`] when nothing goes wrong.
fn reference(args: &[&str]) -> Vec<(&'static str, Entries)> {
    let fs = Bpffs::new();
    two_services(&fs);
    fs.ok(args);
    lb_snapshot(&fs)
}

#[test]
fn issue_27_a_write_failing_at_any_map_write_leaves_every_lb_map_byte_identical() {
    let scratch = Scratch::new("fault");
    for (name, args) in writes(&scratch.0) {
        let args = strs(&args);
        let after = reference(&args);
        let mut failed = 0;
        let stride = matrix(1, 3, "failing each map write");
        for n in (1..).step_by(stride) {
            // A node of its own for each write made to fail: the update then goes through
            // the writer's index as it would (a failed write leaves the index invalid).
            let fs = Bpffs::new();
            two_services(&fs);
            let before = lb_snapshot(&fs);
            assert_ne!(before, after, "{name}: the write changes something");
            if name == "update" {
                assert!(
                    fs.dir.join("ciliumrs/lb/state").exists(),
                    "the update under test goes through the index"
                );
            }
            let out = run_env(&fs.dir, &args, &[("CILIUMRS_FAULT_WRITE", &n.to_string())]);
            if out.code == 0 {
                assert_eq!(
                    lb_snapshot(&fs),
                    after,
                    "{name}: with write {n} the first to fail, it ran through"
                );
                break;
            }
            assert_eq!(out.code, 1, "{name}, write {n} fails: {}", out.stderr);
            assert_eq!(out.stderr.trim().lines().count(), 1, "{name}, write {n}: {}", out.stderr);
            assert!(
                out.stderr.contains("Input/output error")
                    && out.stderr.contains("every map was put back as it was"),
                "{name}, write {n}: {}",
                out.stderr
            );
            assert_eq!(lb_snapshot(&fs), before, "{name}: write {n} failed and the maps are not as before");
            failed += 1;
            assert!(n < 200, "{name}: still failing at write {n}");
        }
        // update: 1 backend, 1 reverse NAT, 2 slots, the master, a stale slot, 3 affinity
        // matches, 1 backend: at least 6 separate writes fail in turn.
        assert!(failed * stride >= 6, "{name}: only {failed} writes were made to fail");
    }
}

#[test]
fn issue_27_a_writer_killed_at_any_map_write_converges_when_run_again() {
    let scratch = Scratch::new("kill");
    for (name, args) in writes(&scratch.0) {
        let args = strs(&args);
        let after = reference(&args);
        let mut killed = 0;
        let stride = matrix(1, 3, "killing at each map write");
        for n in (1..).step_by(stride) {
            let fs = Bpffs::new();
            two_services(&fs);
            let out = run_env(&fs.dir, &args, &[("CILIUMRS_FAULT_WRITE", &format!("kill:{n}"))]);
            if out.code == 0 {
                assert_eq!(lb_snapshot(&fs), after, "{name}: no write {n}, so it ran through");
                break;
            }
            assert_eq!(out.code, -1, "{name}: killed at write {n}, so no exit code: {}", out.stderr);
            killed += 1;
            fs.ok(&args);
            assert_eq!(lb_snapshot(&fs), after, "{name}: run again after a kill at write {n}");
            assert!(n < 200, "{name}: still killed at write {n}");
        }
        assert!(killed * stride >= 4, "{name}: killed at only {killed} writes");
    }
}

/// A services file of `n` services of 4 backends each, the backends moved by `shift`.
fn big_file(dir: &std::path::Path, name: &str, n: u32, shift: u32) -> String {
    let mut v = Vec::new();
    for i in 0..n {
        let backends: Vec<String> =
            (0..4).map(|b| format!("\"10.{}.{}.{}:8080\"", 1 + (i / 250), i % 250, 1 + b + shift)).collect();
        v.push(format!(
            "{{\"frontend\": \"10.96.{}.{}:80\", \"backends\": [{}]}}",
            i / 250,
            1 + i % 250,
            backends.join(",")
        ));
    }
    let p = dir.join(name);
    std::fs::write(&p, format!("[{}]", v.join(",\n"))).unwrap();
    p.display().to_string()
}

#[test]
fn issue_27_sigkill_at_random_moments_of_an_apply_then_run_again_leaves_no_leftover() {
    let scratch = Scratch::new("sigkill");
    let (services, runs) = matrix((1500, 24), (300, 6), "random SIGKILLs");
    let v1 = big_file(&scratch.0, "v1.json", services, 0);
    let v2 = big_file(&scratch.0, "v2.json", services, 2);
    let want = {
        let fs = Bpffs::new();
        fs.init();
        fs.ok(&["bpf", "lb", "apply", &v1]);
        fs.ok(&["bpf", "lb", "apply", &v2]);
        lb_snapshot(&fs)
    };
    // How long the apply of v2 over v1 takes here, from fork to exit.
    let fs = Bpffs::new();
    fs.init();
    fs.ok(&["bpf", "lb", "apply", &v1]);
    let t = std::time::Instant::now();
    fs.ok(&["bpf", "lb", "apply", &v2]);
    let full = t.elapsed();
    drop(fs);
    // A fixed seed: a failure can be run again as it was.
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut killed = 0;
    for run in 0..runs {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = full.mul_f64((seed % 1000) as f64 / 1000.0 * 1.1);
        let fs = Bpffs::new();
        fs.init();
        fs.ok(&["bpf", "lb", "apply", &v1]);
        let mut child = std::process::Command::new(bin())
            .env_clear()
            .arg("--bpffs")
            .arg(&fs.dir)
            .args(["bpf", "lb", "apply", &v2])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        // SAFETY: kill(2) on the pid of a child this test started and has not reaped.
        unsafe { libc::kill(child.id() as i32, libc::SIGKILL) };
        let status = child.wait().unwrap();
        if status.code().is_none() {
            killed += 1;
        }
        fs.ok(&["bpf", "lb", "apply", &v2]);
        assert!(
            lb_snapshot(&fs) == want,
            "run {run}: killed after {delay:?} of {full:?}, run again: not the state of one clean apply"
        );
    }
    assert!(
        killed * 2 >= runs,
        "only {killed} of {runs} runs were killed before they ended (a run takes {full:?})"
    );
}

/// Services in `bpf lb list -o json` by frontend: (reverse-NAT id, backend addresses).
pub(crate) fn services_by_frontend(fs: &Bpffs) -> BTreeMap<String, (u64, BTreeSet<String>)> {
    let svc = fs.ok(&["-o", "json", "service", "list"]).json();
    svc.as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let backends = s["backends"]
                .as_array()
                .unwrap()
                .iter()
                .map(|b| {
                    b.as_str().unwrap().split(" => ").nth(1).unwrap().split(' ').next().unwrap().to_string()
                })
                .collect();
            (s["frontend"].as_str().unwrap().to_string(), (s["id"].as_u64().unwrap(), backends))
        })
        .collect()
}

/// Runs every `args` at once, each from its own thread, released together.
pub(crate) fn all_at_once(fs: &Bpffs, runs: Vec<Vec<String>>) -> Vec<Out> {
    let gate = Arc::new(Barrier::new(runs.len()));
    let dir = fs.dir.clone();
    let threads: Vec<_> = runs
        .into_iter()
        .map(|args| {
            let (gate, dir) = (gate.clone(), dir.clone());
            std::thread::spawn(move || {
                gate.wait();
                run_with(&dir, &strs(&args))
            })
        })
        .collect();
    threads.into_iter().map(|t| t.join().unwrap()).collect()
}

/// `bpf lb update FRONTEND --proto tcp --backends ...` for every service of `want`, all at
/// once; each must succeed.
pub(crate) fn update_all_at_once(fs: &Bpffs, want: &BTreeMap<String, BTreeSet<String>>) {
    let runs = want
        .iter()
        .map(|(fe, bes)| {
            let list: Vec<&str> = bes.iter().map(String::as_str).collect();
            let words = ["bpf", "lb", "update", fe, "--proto", "tcp", "--backends", &list.join(",")];
            words.iter().map(|w| w.to_string()).collect()
        })
        .collect();
    for out in all_at_once(fs, runs) {
        assert_eq!(out.code, 0, "{}", out.stderr);
    }
}

#[test]
fn issue_27_32_concurrent_writers_of_distinct_services_each_get_exactly_their_backends() {
    let fs = Bpffs::new();
    fs.init();
    let want: BTreeMap<String, BTreeSet<String>> = (1..=32)
        .map(|i| (format!("10.96.2.{i}:80"), (1..=3).map(|b| format!("10.1.{i}.{b}:8080")).collect()))
        .collect();
    update_all_at_once(&fs, &want);
    let got = services_by_frontend(&fs);
    let ids: BTreeSet<u64> = got.values().map(|(id, _)| *id).collect();
    assert_eq!(ids.len(), 32, "every service has its own reverse-NAT id: {got:?}");
    let got: BTreeMap<String, BTreeSet<String>> = got.into_iter().map(|(k, (_, b))| (k, b)).collect();
    assert_eq!(got, want, "a service holds another's backends");
    let backends = bpftool_dump(&fs.pin("cilium_lb4_backends_v3"));
    assert_eq!(backends.len(), 96, "one backend entry per address, none shared or lost");
    assert_eq!(bpftool_dump(&fs.pin("cilium_lb4_reverse_nat")).len(), 32);
}

#[test]
fn issue_27_32_concurrent_writers_of_one_service_leave_one_whole_write() {
    let fs = Bpffs::new();
    fs.init();
    let sets: Vec<Vec<String>> =
        (0..32).map(|i| (0..1 + i % 5).map(|b| format!("10.2.{i}.{}:80", b + 1)).collect()).collect();
    let runs = sets
        .iter()
        .map(|bes| {
            let words =
                ["bpf", "lb", "update", "10.96.3.1:80", "--proto", "tcp", "--backends", &bes.join(",")];
            words.iter().map(|w| w.to_string()).collect()
        })
        .collect();
    for out in all_at_once(&fs, runs) {
        assert_eq!(out.code, 0, "{}", out.stderr);
    }
    let got = services_by_frontend(&fs);
    let (_, backends) = &got["10.96.3.1:80"];
    let whole = sets.iter().any(|s| s.iter().cloned().collect::<BTreeSet<_>>() == *backends);
    assert!(whole, "the service holds a mix of writes: {backends:?}");
    assert_eq!(
        bpftool_dump(&fs.pin("cilium_lb4_backends_v3")).len(),
        backends.len(),
        "the backends of the writes that lost are gone"
    );
    assert_eq!(
        bpftool_dump(&fs.pin("cilium_lb4_services_v2")).len(),
        backends.len() + 1,
        "master and its slots"
    );
    assert_eq!(bpftool_dump(&fs.pin("cilium_lb4_reverse_nat")).len(), 1);
}

/// Holds an flock on `dir` from this test process, released on drop.
struct Holder(#[expect(dead_code, reason = "held for its flock, released on drop")] std::fs::File);

impl Holder {
    fn take(dir: &std::path::Path) -> Holder {
        let f = std::fs::File::open(dir).unwrap();
        // SAFETY: flock on a descriptor we own.
        assert_eq!(unsafe { libc::flock(std::os::fd::AsRawFd::as_raw_fd(&f), libc::LOCK_EX) }, 0);
        Holder(f)
    }
}

#[test]
fn issue_27_a_writer_waits_for_the_lock_says_who_holds_it_and_gives_up_after_wait() {
    let fs = Bpffs::new();
    fs.init();
    let before = lb_snapshot(&fs);
    let me = std::process::id().to_string();
    let held = Holder::take(&fs.dir);
    let update =
        ["--wait", "2", "bpf", "lb", "update", "10.96.4.1:80", "--proto", "tcp", "--backends", "10.3.0.1:80"];
    let t = std::time::Instant::now();
    let out = fs.run(&update);
    let waited = t.elapsed();
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("waiting for the write lock")
            && out.stderr.contains(&format!("held by pid {me} (")),
        "it says after a second whom it waits for: {}",
        out.stderr
    );
    let last = out.stderr.trim().lines().last().unwrap();
    assert!(
        last.starts_with("ciliumrs: the write lock of")
            && last.contains(&format!("pid {me}"))
            && last.contains("nothing was changed"),
        "{}",
        out.stderr
    );
    assert!(waited >= std::time::Duration::from_secs(2) && waited < scaled(5000), "waited {waited:?}");
    assert_eq!(lb_snapshot(&fs), before);
    // Read commands do not wait for writers.
    fs.ok(&["bpf", "lb", "list"]);
    // Released while a writer waits: it goes on.
    let dir = fs.dir.clone();
    let waiter = std::thread::spawn(move || {
        run_with(
            &dir,
            &["bpf", "lb", "update", "10.96.4.1:80", "--proto", "tcp", "--backends", "10.3.0.1:80"],
        )
    });
    // Long enough for the waiter to start and wait past its one-second warning, however
    // slow the machine (a guest under emulation takes over half a second to start it).
    std::thread::sleep(scaled(1500));
    drop(held);
    let out = waiter.join().unwrap();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("warning: waiting for the write lock"), "{}", out.stderr);
    // A bpffs of its own has a lock of its own: another node never waits for this one.
    let other = Bpffs::new();
    other.init();
    let _held = Holder::take(&fs.dir);
    let out = other.run(&["--wait", "0", "bpf", "lb", "delete", "10.96.4.1:80"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("is not in"), "{}", out.stderr);
}

/// Issue 27 item 8: `--backends ''` is the empty list the help promises; an empty element
/// between others is refused, naming it, and changes nothing.
#[test]
fn issue_27_an_empty_backend_list_makes_a_service_without_backends() {
    let fs = Bpffs::new();
    fs.init();
    let out =
        fs.ok(&["-o", "json", "bpf", "lb", "update", "10.96.5.1:80", "--proto", "tcp", "--backends", ""]);
    assert_eq!(
        (out.json()["action"].as_str(), out.json()["backend_ids"].as_str()),
        (Some("created"), Some(""))
    );
    let list = fs.ok(&["-o", "json", "service", "list"]).json();
    assert_eq!(list[0]["frontend"], "10.96.5.1:80", "{list}");
    assert_eq!(list[0]["backends"], serde_json::json!([]), "{list}");
    let before = lb_snapshot(&fs);
    let out = fs.run(&[
        "bpf",
        "lb",
        "update",
        "10.96.5.1:80",
        "--proto",
        "tcp",
        "--backends",
        "10.4.0.1:80,,10.4.0.2:80",
    ]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("--backends: an empty element between commas"), "{}", out.stderr);
    assert_eq!(lb_snapshot(&fs), before);
}

/// Runs ciliumrs in a mount namespace of its own whose /run (so /var/run) is a fresh tmpfs
/// holding a Cilium agent's socket at `socket` (a name under /run/cilium).
fn beside_agent(fs: &Bpffs, socket: &str, args: &[&str]) -> Out {
    let script = format!(
        "mount -t tmpfs crs-test /run && mkdir /run/cilium && \
         python3 -c 'import socket; socket.socket(socket.AF_UNIX).bind(\"/run/cilium/{socket}\")' && \
         exec \"$0\" \"$@\""
    );
    let o = std::process::Command::new("unshare")
        .args(["--mount", "--propagation", "private", "--", "sh", "-c", &script, bin(), "--bpffs"])
        .arg(&fs.dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    from_output(o)
}

#[test]
fn issue_27_beside_a_cilium_agent_init_refuses_and_reconciled_writes_warn() {
    let fs = Bpffs::new();
    let out = beside_agent(&fs, "cilium.sock", &["init", "--maps-only"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("a Cilium agent runs here (/var/run/cilium/cilium.sock exists)")
            && out.stderr.contains("--force"),
        "{}",
        out.stderr
    );
    assert!(!fs.pin("cilium_lb4_services_v2").exists(), "init made maps although it refused");
    let out = beside_agent(&fs, "cilium.sock", &["init", "--maps-only", "--force"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(fs.pin("cilium_lb4_services_v2").exists());
    for (args, map) in [
        (
            &["bpf", "lb", "update", "10.96.6.1:80", "--proto", "tcp", "--backends", "10.5.0.1:80"][..],
            "cilium_lb4_services_v2",
        ),
        (&["bpf", "ipcache", "update", "10.5.0.0/24", "--identity", "7"], "cilium_ipcache"),
        (&["bpf", "tunnel", "update", "10.5.0.0/24", "10.100.0.9"], "cilium_tunnel_map"),
        (&["bpf", "policy", "add", "9", "ingress", "5", "--create"], "cilium_policy_<EPID>"),
    ] {
        let out = beside_agent(&fs, "monitor1_2.sock", args);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        assert_eq!(
            out.stderr.trim(),
            format!(
                "ciliumrs: warning: a Cilium agent runs here (/var/run/cilium/monitor1_2.sock): it reconciles {map} \
                 from its own state and will overwrite this change at its next sync"
            ),
            "{args:?}"
        );
    }
    // CT and NAT are the datapath's own state: flushed as cilium-dbg does, without a word.
    for args in [&["bpf", "ct", "flush"][..], &["bpf", "nat", "flush"]] {
        let out = beside_agent(&fs, "cilium.sock", args);
        assert_eq!((out.code, out.stderr.as_str()), (0, ""), "{args:?}");
    }
    let out = beside_agent(&fs, "cilium.sock", &["reset"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("a Cilium agent runs here") && out.stderr.contains("--force"),
        "{}",
        out.stderr
    );
    assert!(fs.pin("cilium_lb4_services_v2").exists(), "reset removed maps although it refused");
    let out = beside_agent(&fs, "monitor1_2.sock", &["monitor"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("serves this node's events on /var/run/cilium/monitor1_2.sock"),
        "{}",
        out.stderr
    );
    // The host's own /run never saw the test's agent.
    assert!(crate::support::no_agent_here(), "the test's agent socket leaked out of its namespace");
}

/// Issue 27: read commands open maps read-only. Each runs under strace: every map it opens
/// is opened with BPF_F_RDONLY, and it makes no write syscall; and a map opened the way they
/// open it refuses a write with EPERM (the kernel enforces it, not our good manners).
#[test]
fn issue_27_read_commands_open_every_map_read_only() {
    let fs = Bpffs::new();
    fs.init();
    fs.ok(&[
        "bpf",
        "lb",
        "update",
        "10.96.7.1:80",
        "--proto",
        "tcp",
        "--backends",
        "10.6.0.1:80",
        "--affinity-timeout",
        "5",
    ]);
    fs.ok(&["bpf", "ipcache", "update", "10.6.0.0/24", "--identity", "7"]);
    fs.ok(&["bpf", "tunnel", "update", "10.6.1.0/24", "10.100.0.9"]);
    fs.ok(&["bpf", "policy", "add", "9", "ingress", "5", "--create"]);
    let scratch = Scratch::new("strace");
    let trace = scratch.0.join("trace");
    let reads: &[&[&str]] = &[
        &["bpf", "maps"],
        &["bpf", "ct", "list"],
        &["-o", "json", "bpf", "ipcache", "list"],
        &["bpf", "ipcache", "get", "10.6.0.3"],
        &["bpf", "lxc", "list"],
        &["bpf", "lb", "list"],
        &["bpf", "lb", "list", "--backends"],
        &["bpf", "lb", "list", "--revnat"],
        &["bpf", "lb", "list", "--affinity"],
        &["bpf", "lb", "list", "--raw"],
        &["bpf", "tunnel", "list"],
        &["bpf", "policy", "get", "9"],
        &["bpf", "metrics", "list"],
        &["bpf", "nat", "list"],
        &["bpf", "neigh", "list"],
        &["bpf", "tailcall", "list"],
        &["service", "list"],
    ];
    for args in reads {
        let text = strace_bpf(&fs, &trace, args);
        let opens: Vec<&str> = text.lines().filter(|l| l.contains("bpf(BPF_OBJ_GET,")).collect();
        assert!(!opens.is_empty(), "{args:?} opened no map: {text}");
        for l in &opens {
            assert!(l.contains("file_flags=BPF_F_RDONLY"), "{args:?} opened a map for writing: {l}");
        }
        for w in
            ["BPF_MAP_UPDATE_ELEM", "BPF_MAP_DELETE_ELEM", "BPF_MAP_UPDATE_BATCH", "BPF_MAP_DELETE_BATCH"]
        {
            assert!(!text.contains(w), "{args:?} wrote: {text}");
        }
    }
    let spec = &ciliumrs::maps::spec::LB4_REVERSE_NAT;
    let map = ciliumrs::maps::open(&fs.dir, spec, spec.name, ciliumrs::maps::Access::Read).unwrap();
    let err = map.update(&[0, 9], &[0; 6]).unwrap_err();
    assert_eq!(err.raw_os_error(), Some(libc::EPERM), "a read-only map fd took a write: {err}");
}

/// Issue 27 item 7: `bpf lb update` keeps an index so that it need not read every LB map.
/// A random sequence of updates, applies and deletes, on one bpffs through the index and on
/// another with it off (every write reads every map), must leave the LB maps byte-identical
/// after every step, and print the same; an update through a valid index reads no map
/// whole (no batch walk in strace).
#[test]
fn issue_27_lb_update_through_its_index_writes_exactly_what_a_full_read_writes() {
    let (with, without) = (Bpffs::new(), Bpffs::new());
    with.init();
    without.init();
    let scratch = Scratch::new("lb-index");
    let off = [("CILIUMRS_LB_INDEX", "off")];
    let both = |args: &[&str], what: &str| {
        let a = run_env(&with.dir, args, &[]);
        let b = run_env(&without.dir, args, &off);
        assert_eq!((a.code, &a.stdout, &a.stderr), (b.code, &b.stdout, &b.stderr), "{what}: {args:?}");
        assert!(lb_snapshot(&with) == lb_snapshot(&without), "{what}: {args:?}: the maps differ");
        a
    };
    let file = scratch.0.join("base.json");
    let base: Vec<String> = (0..40)
        .map(|i| {
            format!(
                r#"{{"frontend": "10.96.8.{}:80", "backends": ["10.7.{}.1:80", "10.7.{}.2:80"]}}"#,
                i + 1,
                i % 7,
                i % 5
            )
        })
        .collect();
    std::fs::write(&file, format!("[{}]", base.join(","))).unwrap();
    both(&["-o", "json", "bpf", "lb", "apply", file.to_str().unwrap()], "apply");
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    for step in 0..matrix(150, 25, "random index writes") {
        let svc = format!("10.96.8.{}:80", 1 + next(48));
        match next(10) {
            0 => {
                both(&["bpf", "lb", "delete", &svc], &format!("step {step}"));
            }
            _ => {
                let n = next(5);
                let states = ["", "@terminating", "@quarantined", "@maintenance"];
                let list: Vec<String> = (0..n)
                    .map(|_| {
                        format!(
                            "10.7.{}.{}:80{}",
                            next(8),
                            1 + next(3),
                            if next(4) == 0 { states[1 + next(3) as usize] } else { "" }
                        )
                    })
                    .collect();
                let mut args =
                    vec!["-o", "json", "bpf", "lb", "update", &svc, "--proto", "tcp", "--backends"];
                let joined = list.join(",");
                args.push(&joined);
                if next(3) == 0 {
                    args.extend(["--affinity-timeout", "30"]);
                }
                both(&args, &format!("step {step}"));
            }
        }
    }
    // The index was valid through it, and an update reads no map whole.
    assert!(with.dir.join("ciliumrs/lb/state").exists(), "the index is not there after the updates");
    let trace = scratch.0.join("trace");
    let update =
        ["bpf", "lb", "update", "10.96.8.3:80", "--proto", "tcp", "--backends", "10.7.1.1:80,10.7.9.9:80"];
    let text = strace_bpf(&with, &trace, &update);
    assert!(
        !text.contains("BPF_MAP_LOOKUP_BATCH") && !text.contains("BPF_MAP_GET_NEXT_KEY"),
        "an update walked a map: {text}"
    );
}

/// The bpf(2) calls of `ciliumrs args` on `fs`, as strace writes them to `trace`; the
/// command must succeed.
fn strace_bpf(fs: &Bpffs, trace: &std::path::Path, args: &[&str]) -> String {
    let o = std::process::Command::new("strace")
        .args(["-f", "-qq", "-e", "trace=bpf", "-o"])
        .arg(trace)
        .arg(bin())
        .arg("--bpffs")
        .arg(&fs.dir)
        .args(args)
        .output()
        .expect("strace (scripts/test installs it)");
    assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    std::fs::read_to_string(trace).unwrap()
}
