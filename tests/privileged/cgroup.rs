//! The loader's cgroup program types and how `status` and `reset` see cgroup attachments,
//! on a cgroup of the test's own: a sock_addr (connect4) and a sock (post_bind4) program of
//! `ebpf/tests/sock_probe.c` loaded by `datapath::loader`, attached through bpf_links pinned
//! as the seed's `cilium_cgroups_<hook>`, and shown to act on a process in that cgroup.

use std::path::{Path, PathBuf};
use std::process::Command;

use aya::programs::links::FdLink;
use aya::programs::{CgroupAttachMode, CgroupSock, CgroupSockAddr};
use ciliumrs::datapath::loader::{LoadSpec, load};

use crate::support::*;
use crate::world::Netns;

const PROBE: &[u8] = aya::include_bytes_aligned!("../../ebpf/obj/sock_probe.o");
const DENY_PORT: u16 = 47011;

/// A cgroup v2 directory of this test, removed on drop.
struct TestCgroup(PathBuf);

impl TestCgroup {
    fn new(role: &str) -> TestCgroup {
        let p = cgroup2_root().join(format!("crs{}-{role}", std::process::id()));
        std::fs::create_dir(&p).unwrap_or_else(|e| panic!("create cgroup {}: {e}", p.display()));
        TestCgroup(p)
    }
}

impl Drop for TestCgroup {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir(&self.0);
    }
}

/// Runs a python snippet inside `cg` (it moves itself there first); returns its stdout.
fn in_cgroup(cg: &Path, code: &str) -> String {
    let procs = cg.join("cgroup.procs");
    let script = format!("import os\nopen('{}','w').write(str(os.getpid()))\n{code}", procs.display());
    let o = Command::new("python3").args(["-c", &script]).output().unwrap();
    assert!(o.status.success(), "python: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}

/// errno name of connect() and bind() to DENY_PORT on loopback (nothing listens there).
const PROBE_PY: &str = "import socket, errno
def err(f):
    s = socket.socket()
    try:
        f(s)
        return 'ok'
    except OSError as e:
        return errno.errorcode[e.errno]
    finally:
        s.close()
print(err(lambda s: s.connect(('127.0.0.1', PORT))), err(lambda s: s.bind(('127.0.0.1', PORT))))";

#[test]
fn cgroup_programs_load_attach_show_in_status_and_reset_removes_exactly_them() {
    let fs = Bpffs::new();
    let ns = Netns::new("cgrp");
    let cg = TestCgroup::new("sock");
    let py = PROBE_PY.replace("PORT", &DENY_PORT.to_string());
    assert_eq!(in_cgroup(&cg.0, &py), "ECONNREFUSED ok", "before any program");
    std::fs::create_dir_all(fs.globals()).unwrap();
    {
        let spec = LoadSpec {
            object: PROBE,
            object_name: "sock_probe.o",
            calls_pin: None,
            calls_path: None,
            policy_pin: None,
            globals: vec![("DENY_PORT", aya::GlobalData::from(&DENY_PORT))],
            slots: &[],
        };
        let mut bpf = load(&fs.dir, spec).unwrap_or_else(|e| panic!("{}", e.message()));
        let dir = std::fs::File::open(&cg.0).unwrap();
        let c: &mut CgroupSockAddr = bpf.program_mut("cil_sock4_connect").unwrap().try_into().unwrap();
        let id = c.attach(&dir, CgroupAttachMode::Single).unwrap();
        let link = FdLink::try_from(c.take_link(id).unwrap()).unwrap();
        link.pin(fs.pin("cilium_cgroups_connect4")).unwrap();
        let b: &mut CgroupSock = bpf.program_mut("cil_sock4_post_bind").unwrap().try_into().unwrap();
        let id = b.attach(&dir, CgroupAttachMode::Single).unwrap();
        let link = FdLink::try_from(b.take_link(id).unwrap()).unwrap();
        link.pin(fs.pin("cilium_cgroups_post_bind4")).unwrap();
    } // the object is gone; the pinned links keep the programs attached
    assert_eq!(in_cgroup(&cg.0, &py), "EPERM EPERM", "connect4 and post_bind4 refuse the port");
    let other = PROBE_PY.replace("PORT", "47012");
    assert_eq!(in_cgroup(&cg.0, &other), "ECONNREFUSED ok", "other ports pass");

    let root = cg.0.display().to_string();
    let rows = run_in_net_only(&ns.0, &fs.dir, &["-o", "json", "status", "--cgroup-root", &root]).json();
    let cgroup_rows: Vec<&serde_json::Value> =
        rows.as_array().unwrap().iter().filter(|r| r["kind"] == "cgroup").collect();
    assert_eq!(cgroup_rows.len(), 2, "{rows}");
    for (r, hook) in
        cgroup_rows.iter().zip(["connect4: cil_sock4_connect", "post_bind4: cil_sock4_post_bind"])
    {
        assert_eq!(r["state"], "ours", "{r}");
        assert!(
            r["detail"].as_str().unwrap().starts_with(hook)
                && r["detail"].as_str().unwrap().contains("link "),
            "{r}"
        );
    }

    // Issue 27: `bpf maps` names the pinned links apart, never as unreadable maps.
    let maps = fs.ok(&["-o", "json", "bpf", "maps"]);
    assert!(
        maps.stderr.contains("programs and links rather than maps")
            && maps.stderr.contains("cilium_cgroups_connect4, cilium_cgroups_post_bind4"),
        "{}",
        maps.stderr
    );
    assert!(
        !maps.stdout.contains("cilium_cgroups_") && !maps.stdout.contains("unreadable"),
        "{}",
        maps.stdout
    );

    let health = format!("crs{}-cgrp-h", std::process::id());
    let out = run_in_net_only(
        &ns.0,
        &fs.dir,
        &["-o", "json", "reset", "--cgroup-root", &root, "--health-netns", &health],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let steps = out.json();
    let detached = steps
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["step"] == "detach" && s["object"] == root.as_str())
        .count();
    assert_eq!(detached, 2, "{steps}");
    assert!(!fs.pin("cilium_cgroups_connect4").exists() && !fs.pin("cilium_cgroups_post_bind4").exists());
    assert_eq!(in_cgroup(&cg.0, &py), "ECONNREFUSED ok", "reset took the programs off");
    let rows = run_in_net_only(&ns.0, &fs.dir, &["-o", "json", "status", "--cgroup-root", &root]).json();
    let states: Vec<&serde_json::Value> =
        rows.as_array().unwrap().iter().filter(|r| r["kind"] == "cgroup").map(|r| &r["state"]).collect();
    assert_eq!(states, [&serde_json::json!("none")], "{rows}");
}
