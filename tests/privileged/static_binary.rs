//! The one-file release binary (issue 11): linked statically, it runs where no library and
//! no environment is there for it. `scripts/test` (and `scripts/test-kernel`) build it with
//! `scripts/build-static` and name it in `CILIUMRS_STATIC_BIN`; without that variable this
//! test builds it itself.

use std::path::PathBuf;
use std::process::Command;

use crate::support::*;
use crate::world::*;

fn static_bin() -> PathBuf {
    if let Some(p) = std::env::var_os("CILIUMRS_STATIC_BIN") {
        return PathBuf::from(p);
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let o = Command::new(root.join("scripts/build-static"))
        .current_dir(&root)
        .output()
        .expect("run scripts/build-static");
    assert!(o.status.success(), "scripts/build-static: {}", String::from_utf8_lossy(&o.stderr));
    root.join(String::from_utf8(o.stdout).unwrap().trim())
}

#[test]
fn static_binary_needs_no_library_and_no_environment() {
    require_root();
    let bin = static_bin();
    assert!(bin.is_file(), "{} is not a file", bin.display());
    // The ELF itself: no program interpreter and no DT_NEEDED libraries.
    let elf = std::fs::read(&bin).unwrap();
    assert!(!elf.windows(b"ld-linux".len()).any(|w| w == b"ld-linux"), "an ELF interpreter is named");
    let ldd = Command::new("ldd").arg(&bin).output().expect("run ldd");
    let said = format!("{}{}", String::from_utf8_lossy(&ldd.stdout), String::from_utf8_lossy(&ldd.stderr));
    assert!(said.contains("not a dynamic executable") || said.contains("statically linked"), "ldd: {said}");

    // A fresh network namespace, an empty environment, a bpffs of its own: it brings up the
    // maps and reads them back.
    let ns = Netns::new("static");
    let fs = Bpffs::new();
    let bpffs = fs.dir.display().to_string();
    let run = |args: &[&str]| {
        let o = Command::new("ip")
            .args(["netns", "exec", &ns.0])
            .arg("/usr/bin/env")
            .arg("-i")
            .arg(&bin)
            .arg("--bpffs")
            .arg(&bpffs)
            .args(args)
            .output()
            .expect("run the static binary");
        assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    let v = run(&["--version"]);
    assert!(v.starts_with("ciliumrs "), "{v}");
    run(&["init", "--maps-only"]);
    let maps: serde_json::Value = serde_json::from_str(&run(&["-o", "json", "bpf", "maps"])).unwrap();
    assert!(
        maps.as_array().unwrap().iter().any(|m| m["name"] == "cilium_ct4_global" && m["abi"] == "ok"),
        "{maps}"
    );
}
