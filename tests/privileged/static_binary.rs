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
    // The ELF itself (64-bit): no program header names an interpreter (PT_INTERP, 3) or
    // dynamic section (PT_DYNAMIC, 2).
    let elf = std::fs::read(&bin).unwrap();
    assert_eq!(&elf[..5], b"\x7fELF\x02", "not a 64-bit ELF file");
    let u16_at = |o: usize| usize::from(u16::from_le_bytes([elf[o], elf[o + 1]]));
    let phoff = u64::from_le_bytes(elf[0x20..0x28].try_into().unwrap()) as usize;
    let (phentsize, phnum) = (u16_at(0x36), u16_at(0x38));
    let types: Vec<u32> = (0..phnum)
        .map(|i| u32::from_le_bytes(elf[phoff + i * phentsize..][..4].try_into().unwrap()))
        .collect();
    assert!(!types.contains(&3) && !types.contains(&2), "program header types {types:?}");
    let ldd = Command::new("ldd").arg(&bin).output().expect("run ldd");
    let said = format!("{}{}", String::from_utf8_lossy(&ldd.stdout), String::from_utf8_lossy(&ldd.stderr));
    assert!(said.contains("not a dynamic executable"), "ldd: {said}");

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
