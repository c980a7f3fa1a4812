//! Many entries: batch reads cross chunk boundaries, the per-key fallback agrees with the
//! batch path, and a closed pipe ends quietly with exit 0.

use std::io::Read;
use std::process::{Command, Stdio};

use ciliumrs::bpf::MapFd;
use ciliumrs::maps::ct::{CtEntry, CtKey4};
use ciliumrs::wire::Be16;

use crate::support::*;

const N: u32 = 10_000;

fn fill_ct(fs: &Bpffs) -> MapFd {
    let map = MapFd::open_pinned(&fs.pin("cilium_ct4_global"), false).unwrap();
    let mut keys = Vec::new();
    let mut values = Vec::new();
    for i in 0..N {
        let k = CtKey4 {
            daddr: std::net::Ipv4Addr::from(0x0a00_0000 + i).into(),
            saddr: std::net::Ipv4Addr::new(10, 255, 0, 1).into(),
            dport: Be16::new(80),
            sport: Be16::new((i % 60000) as u16 + 1024),
            nexthdr: 6,
            flags: 0,
        };
        let v = CtEntry { packets: u64::from(i), lifetime: 1000, ..CtEntry::default() };
        keys.extend_from_slice(bytemuck::bytes_of(&k));
        values.extend_from_slice(bytemuck::bytes_of(&v));
    }
    assert_eq!(map.update_batch(&keys, &values, N as usize).unwrap(), N as usize);
    map
}

#[test]
fn batch_listing_sees_every_entry_once() {
    let fs = Bpffs::new();
    fs.init();
    let map = fill_ct(&fs);
    let list = fs.ok(&["-o", "json", "bpf", "ct", "list"]).json();
    let rows = list.as_array().unwrap();
    assert_eq!(rows.len(), N as usize);
    let mut packets: Vec<u64> = rows.iter().map(|r| r["packets"].as_u64().unwrap()).collect();
    packets.sort_unstable();
    packets.dedup();
    assert_eq!(packets.len(), N as usize, "every entry exactly once");

    let mut batch = Vec::new();
    map.for_each_chunk(4096, |k, v, n| {
        batch.extend((0..n).map(|i| (k[i * 14..(i + 1) * 14].to_vec(), v[i * 56..(i + 1) * 56].to_vec())));
        Ok(std::ops::ControlFlow::Continue(()))
    })
    .unwrap();
    let mut per_key = Vec::new();
    map.for_each_chunk_per_key(777, |k, v, n| {
        per_key.extend((0..n).map(|i| (k[i * 14..(i + 1) * 14].to_vec(), v[i * 56..(i + 1) * 56].to_vec())));
        Ok(std::ops::ControlFlow::Continue(()))
    })
    .unwrap();
    batch.sort();
    per_key.sort();
    assert_eq!(batch.len(), N as usize);
    assert_eq!(batch, per_key);

    let maps = fs.ok(&["-o", "json", "bpf", "maps"]).json();
    let ct = maps.as_array().unwrap().iter().find(|r| r["name"] == "cilium_ct4_global").unwrap();
    assert_eq!(ct["entries"], u64::from(N));
}

#[test]
fn closed_pipe_exits_zero_quietly() {
    let fs = Bpffs::new();
    fs.init();
    fill_ct(&fs);
    for fmt in ["table", "json"] {
        let mut child = Command::new(bin())
            .env_clear()
            .args(["--bpffs", fs.dir.to_str().unwrap(), "-o", fmt, "bpf", "ct", "list"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 64];
        child.stdout.as_mut().unwrap().read_exact(&mut first).unwrap();
        drop(child.stdout.take());
        let mut err = String::new();
        child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(0), "{fmt}: {err}");
        assert!(err.is_empty(), "{fmt}: nothing on stderr for a closed pipe: {err}");
    }
}
