//! The embedded eBPF objects against the Rust side: every map definition matches the spec
//! table, the reason codes and tail-call slots agree with their Rust tables, and the
//! committed objects are what `ebpf/Makefile` builds from the sources today.

use std::path::Path;
use std::process::Command;

use ciliumrs::datapath::{objects, slots};
use ciliumrs::maps::spec::{self, MaxEntries};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn every_map_definition_matches_the_spec_table() {
    for (file, bytes) in objects::ALL {
        let obj = aya_obj::Object::parse(bytes).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(!obj.maps.is_empty(), "{file} has no maps");
        for (name, m) in &obj.maps {
            if name.starts_with('.') {
                continue; // .rodata and friends: load-time configuration, not Cilium maps
            }
            let s = match name.as_str() {
                "cilium_calls" => &spec::CALLS,
                "cilium_policy" => &spec::POLICY,
                n => spec::for_pin_name(n)
                    .unwrap_or_else(|| panic!("{file}: map {n} is not in the spec table")),
            };
            assert_eq!(m.map_type(), s.map_type.0, "{file} {name} type");
            assert_eq!(m.key_size(), s.key_size, "{file} {name} key size");
            assert_eq!(m.value_size(), s.value_size, "{file} {name} value size");
            assert_eq!(m.map_flags(), s.flags, "{file} {name} flags");
            match s.max_entries {
                MaxEntries::Fixed(n) => assert_eq!(m.max_entries(), n, "{file} {name} max_entries"),
                MaxEntries::PossibleCpus => assert_eq!(m.max_entries(), 0, "{file} {name}: sized at load"),
            }
        }
    }
}

/// `#define NAME VALUE /* comment */` lines of a header.
fn defines(header: &str) -> Vec<(String, i64, String)> {
    let text = std::fs::read_to_string(root().join("ebpf/lib").join(header)).unwrap();
    text.lines()
        .filter_map(|l| {
            let rest = l.strip_prefix("#define ")?;
            let mut parts = rest.splitn(2, char::is_whitespace);
            let name = parts.next()?.to_string();
            let tail = parts.next()?.trim();
            let (value, comment) = match tail.split_once("/*") {
                Some((v, c)) => (v.trim(), c.trim_end_matches("*/").trim().to_string()),
                None => (tail, String::new()),
            };
            let value = match value.strip_prefix("0x") {
                Some(h) => i64::from_str_radix(h, 16).ok()?,
                None => value.parse::<i64>().ok()?,
            };
            Some((name, value, comment))
        })
        .collect()
}

#[test]
fn drop_reasons_agree_with_the_rust_table() {
    let drops: Vec<_> = defines("drop.h").into_iter().filter(|(n, _, _)| n.starts_with("DROP_")).collect();
    assert!(drops.len() >= 10, "{drops:?}");
    for (name, value, comment) in drops {
        assert!(value < 0, "{name} is a negative code");
        let code = u8::try_from(-value).unwrap();
        let text = ciliumrs::codes::reasons::reason_text(code)
            .unwrap_or_else(|| panic!("{name} ({code}) has no text"));
        assert_eq!(comment, text, "{name} ({code}): C comment and Rust text differ");
    }
}

#[test]
fn endpoint_config_flags_agree_with_the_rust_ones() {
    use ciliumrs::datapath::template::{EP_F_ENFORCE_EGRESS, EP_F_ENFORCE_INGRESS, EP_F_TRACE};
    let want = [
        ("EP_F_ENFORCE_INGRESS", EP_F_ENFORCE_INGRESS),
        ("EP_F_ENFORCE_EGRESS", EP_F_ENFORCE_EGRESS),
        ("EP_F_TRACE", EP_F_TRACE),
    ];
    let defs = defines("ep_config.h");
    assert_eq!(defs.len(), want.len(), "{defs:?}");
    for (name, value) in want {
        let (_, v, _) = defs.iter().find(|(n, _, _)| n == name).unwrap_or_else(|| panic!("{name} missing"));
        assert_eq!(*v, i64::from(value), "{name}");
    }
}

#[test]
fn tail_call_slots_agree_with_the_rust_table() {
    let want = [
        ("CILIUM_CALL_DROP_NOTIFY", slots::DROP_NOTIFY),
        ("CILIUM_CALL_ARP", slots::ARP),
        ("CILIUM_CALL_IPV4_FROM_LXC", slots::IPV4_FROM_LXC),
        ("CILIUM_CALL_IPV4_NODEPORT_NAT", slots::IPV4_NODEPORT_NAT),
        ("CILIUM_CALL_IPV4_NODEPORT_REVNAT", slots::IPV4_NODEPORT_REVNAT),
        ("CILIUM_CALL_IPV4_FROM_HOST", slots::IPV4_FROM_HOST),
        ("CILIUM_CALL_SIZE", slots::CALL_SIZE),
    ];
    let defs = defines("tailcall.h");
    assert_eq!(defs.len(), want.len(), "{defs:?}");
    for (name, value) in want {
        let (_, v, _) = defs.iter().find(|(n, _, _)| n == name).unwrap_or_else(|| panic!("{name} missing"));
        assert_eq!(*v, i64::from(value), "{name}");
    }
}

#[test]
fn committed_objects_are_fresh() {
    let clang = Command::new("clang").arg("--version").output();
    assert!(
        clang.is_ok_and(|o| o.status.success()),
        "clang is needed to check ebpf/obj against ebpf/*.c: scripts/test installs it (apt-get install clang llvm libbpf-dev)"
    );
    let out = std::env::temp_dir().join(format!("ciliumrs-objcheck-{}", std::process::id()));
    let status = Command::new("make")
        .args(["-s", "-C", root().join("ebpf").to_str().unwrap(), &format!("OUT={}", out.display())])
        .status()
        .unwrap();
    assert!(status.success(), "make -C ebpf failed");
    let committed_dir = root().join("ebpf/obj");
    let mut files: Vec<_> =
        std::fs::read_dir(&committed_dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    files.sort();
    let mut built_files: Vec<_> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name()).collect();
    built_files.sort();
    assert_eq!(files, built_files, "ebpf/obj holds exactly what the Makefile builds");
    for file in &files {
        let committed = std::fs::read(committed_dir.join(file)).unwrap();
        let built = std::fs::read(out.join(file)).unwrap();
        assert!(built == committed, "ebpf/obj/{file:?} is stale: run `make -C ebpf` and commit the result");
    }
    // What the binary embeds is what is committed.
    for (file, embedded) in objects::ALL {
        assert!(std::fs::read(committed_dir.join(file)).unwrap() == *embedded, "{file}: rebuild ciliumrs");
    }
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn observation_points_and_trace_reasons_agree_with_the_rust_tables() {
    use ciliumrs::codes::points::{OBS_POINTS, TRACE_REASONS};
    let defs = defines("trace.h");
    let mut checked = 0;
    for (name, value, _) in &defs {
        let rust =
            OBS_POINTS.iter().map(|(n, c, _)| (*n, *c)).chain(TRACE_REASONS.iter().map(|(n, c, _)| (*n, *c)));
        let found = rust.clone().find(|(_, c)| c == name);
        let (n, _) = found.unwrap_or_else(|| panic!("trace.h {name} is not in src/codes/points.rs"));
        assert_eq!(i64::from(n), *value, "{name}");
        checked += 1;
    }
    assert!(checked >= 12, "{defs:?}");
}

// ---- The objects' BTF and symbols against the Rust types (issue 12) ----

use ciliumrs::bpf::btf::{Btf, kind};
use std::mem::{offset_of, size_of};

/// The bytes of ELF section `name` (64-bit little-endian objects, as clang writes for bpf).
fn elf_section<'a>(obj: &'a [u8], name: &str) -> Option<&'a [u8]> {
    let u16_at = |o: usize| Some(u16::from_le_bytes(obj.get(o..o + 2)?.try_into().ok()?) as usize);
    let u32_at = |o: usize| Some(u32::from_le_bytes(obj.get(o..o + 4)?.try_into().ok()?) as usize);
    let u64_at = |o: usize| Some(u64::from_le_bytes(obj.get(o..o + 8)?.try_into().ok()?) as usize);
    let (shoff, shentsize, shnum, shstrndx) = (u64_at(0x28)?, u16_at(0x3a)?, u16_at(0x3c)?, u16_at(0x3e)?);
    let sh = |i: usize| shoff + i * shentsize;
    let strtab = u64_at(sh(shstrndx) + 0x18)?;
    (0..shnum).find_map(|i| {
        let n = strtab + u32_at(sh(i))?;
        let s = obj.get(n..)?;
        let end = s.iter().position(|&c| c == 0)?;
        if &s[..end] != name.as_bytes() {
            return None;
        }
        let (off, size) = (u64_at(sh(i) + 0x18)?, u64_at(sh(i) + 0x20)?);
        obj.get(off..off + size)
    })
}

fn btf_of(file: &str, bytes: &[u8]) -> Btf {
    let raw = elf_section(bytes, ".BTF").unwrap_or_else(|| panic!("{file} has no .BTF section"));
    Btf::parse(raw).unwrap_or_else(|e| panic!("{file}: BTF: {e}"))
}

/// A Rust type's size and (field, offset, size) list.
struct RustLayout {
    rust: &'static str,
    size: usize,
    fields: Vec<(&'static str, usize, usize)>,
}

macro_rules! layout {
    ($t:ty { $($f:ident),+ $(,)? }) => {{
        let zero: $t = bytemuck::Zeroable::zeroed();
        RustLayout {
            rust: stringify!($t),
            size: size_of::<$t>(),
            fields: vec![$((stringify!($f), offset_of!($t, $f), size_of_val(&{ zero.$f }))),+],
        }
    }};
}

/// The Rust peer of every C struct that is a map key or value in our objects.
fn rust_peer(c_struct: &str) -> Option<RustLayout> {
    use ciliumrs::maps::{
        ct::*, frag::*, ipcache::*, lb::*, lxc::*, metrics::*, nat::*, neigh::*, policy::*, tunnel::*,
    };
    Some(match c_struct {
        "ipv4_ct_tuple" => layout!(CtKey4 { daddr, saddr, dport, sport, nexthdr, flags }),
        "ct_entry" => layout!(CtEntry {
            reserved0,
            backend_id,
            packets,
            bytes,
            lifetime,
            flags,
            rev_nat_index,
            ifindex,
            tx_flags_seen,
            rx_flags_seen,
            src_sec_id,
            last_tx_report,
            last_rx_report
        }),
        "ipcache_key" => layout!(IpcacheKey { prefixlen, cluster_id, pad1, family, addr }),
        "remote_endpoint_info" => {
            layout!(RemoteEndpointInfo { sec_identity, tunnel_endpoint, pad, key, flags })
        }
        "endpoint_key" => layout!(EndpointKey { addr, family, key, cluster_id }),
        "endpoint_info" => {
            layout!(EndpointInfo { ifindex, unused, lxc_id, flags, pad0, mac, node_mac, sec_id, pad })
        }
        "ep_config" => {
            use ciliumrs::datapath::template::EpConfig;
            layout!(EpConfig { ifindex, sec_label, ipv4, lxc_id, flags, pad0, mac, node_mac, pad1 })
        }
        "tunnel_key" => layout!(TunnelKey { addr, family, pad, cluster_id }),
        "tunnel_value" => layout!(TunnelValue { addr, family, key, pad }),
        "metrics_key" => layout!(MetricsKey { reason, dir, line, file, reserved }),
        "metrics_value" => layout!(MetricsValue { count, bytes }),
        "policy_key" => layout!(PolicyKey { prefixlen, sec_label, egress, protocol, dport }),
        "policy_entry" => layout!(PolicyEntry { proxy_port, flags, auth_type, pad1, pad2, packets, bytes }),
        "lb4_key" => layout!(Lb4Key { address, dport, backend_slot, proto, scope, pad }),
        "lb4_service" => layout!(Lb4Service { backend_id, count, rev_nat_index, flags, flags2, qcount }),
        "lb4_backend" => layout!(Lb4Backend { address, port, proto, flags, cluster_id, zone, pad }),
        "lb4_reverse_nat" => layout!(Lb4ReverseNat { address, port }),
        "lb4_affinity_key" => layout!(Lb4AffinityKey { client_id, rev_nat_id, flags, pad1, pad2 }),
        "lb_affinity_val" => layout!(LbAffinityVal { last_used, backend_id, pad }),
        "lb_affinity_match" => layout!(LbAffinityMatch { backend_id, rev_nat_id, pad }),
        "ipv4_revnat_tuple" => layout!(SockRevNat4Key { cookie, address, port, pad }),
        "ipv4_revnat_entry" => layout!(SockRevNat4Value { address, port, rev_nat_index }),
        "ipv4_nat_entry" => layout!(NatEntry4 { created, needs_ct, pad1, pad2, to_addr, to_port, pad3 }),
        "macaddr" => layout!(NeighValue4 { addr, pad }),
        "ipv4_frag_id" => layout!(FragKey4 { daddr, saddr, id, proto, pad }),
        "ipv4_frag_l4ports" => layout!(FragPorts4 { sport, dport }),
        _ => return None,
    })
}

/// C member names that the Rust side spells differently.
const ALIASES: &[(&str, &str, &str)] =
    &[("ipcache_key", "lpm_key", "prefixlen"), ("policy_key", "lpm_key", "prefixlen")];

/// Every difference between C struct `id` and its Rust peer, each naming the field and
/// both values.
fn struct_mismatches(btf: &Btf, c_name: &str, id: u32, r: &RustLayout) -> Vec<String> {
    let mut out = Vec::new();
    let c_size = btf.size(id).unwrap_or(0) as usize;
    if c_size != r.size {
        out.push(format!("{c_name}: size is {c_size} in C, {} in Rust {}", r.size, r.rust));
    }
    let members = btf.members(id).unwrap_or_default();
    for m in &members {
        let (off, size) = ((m.offset_bits / 8) as usize, btf.size(m.type_id).unwrap_or(0) as usize);
        let rust_name = ALIASES
            .iter()
            .find(|(s, c, _)| *s == c_name && *c == m.name)
            .map_or(m.name.as_str(), |(_, _, r)| *r);
        match r.fields.iter().find(|(n, _, _)| *n == rust_name) {
            Some((_, ro, rs)) => {
                if *ro != off {
                    out.push(format!(
                        "{c_name}.{}: offset {off} in C, {ro} in Rust {}.{rust_name}",
                        m.name, r.rust
                    ));
                }
                if *rs != size {
                    out.push(format!(
                        "{c_name}.{}: {size} bytes in C, {rs} in Rust {}.{rust_name}",
                        m.name, r.rust
                    ));
                }
            }
            // C members inside one Rust field (ip4 + pads inside a 16-byte `addr`).
            None if r.fields.iter().any(|(_, ro, rs)| *ro <= off && off + size <= ro + rs) => {}
            None => out.push(format!(
                "{c_name}.{} (offset {off}, {size} bytes in C) has no field in Rust {}",
                m.name, r.rust
            )),
        }
    }
    for (n, ro, _) in &r.fields {
        if !members.iter().any(|m| (m.offset_bits / 8) as usize == *ro) {
            out.push(format!("Rust {}.{n} (offset {ro}) starts at no member of C {c_name}", r.rust));
        }
    }
    out
}

/// The struct types of the key and value of every BTF-defined map of an object.
fn map_structs(btf: &Btf) -> Vec<(String, &'static str, String, u32)> {
    let mut out = Vec::new();
    for var in btf.section_vars(".maps").unwrap_or_default() {
        for m in btf.members(var.type_id).unwrap_or_default() {
            let role = match m.name.as_str() {
                "key" => "key",
                "value" => "value",
                _ => continue,
            };
            let Some(ptr) = btf.get(m.type_id).filter(|t| t.kind == kind::PTR) else { continue };
            let Some(id) = btf.resolve(ptr.size_or_type) else { continue };
            if btf.get(id).is_some_and(|t| t.kind == kind::STRUCT) {
                out.push((var.name.clone(), role, btf.name(id).unwrap_or("(anon)").to_string(), id));
            }
        }
    }
    out
}

#[test]
fn every_map_key_and_value_struct_matches_its_rust_type() {
    let mut checked = 0;
    let mut problems = Vec::new();
    for (file, bytes) in objects::ALL {
        let btf = btf_of(file, bytes);
        let structs = map_structs(&btf);
        assert!(structs.len() >= 10, "{file}: only {} map structs in BTF", structs.len());
        for (map, role, c_name, id) in structs {
            let Some(r) = rust_peer(&c_name) else {
                problems.push(format!(
                    "{file}: C struct {c_name} ({role} of {map}) has no Rust peer in this test"
                ));
                continue;
            };
            problems
                .extend(struct_mismatches(&btf, &c_name, id, &r).into_iter().map(|p| format!("{file}: {p}")));
            checked += 1;
        }
    }
    assert!(problems.is_empty(), "C and Rust layouts differ:\n{}", problems.join("\n"));
    assert!(checked >= 30, "{checked}");
}

#[test]
fn load_time_globals_match_the_typed_config_structs() {
    use ciliumrs::datapath::config::{HostConfig, LxcConfig, OverlayConfig, SockConfig};
    /// (object, its bytes, the Rust config struct, that struct's (global, size) list)
    type Row = (&'static str, &'static [u8], &'static str, &'static [(&'static str, usize)]);
    let configs: [Row; 4] = [
        ("bpf_lxc.o", objects::BPF_LXC, "LxcConfig", LxcConfig::GLOBALS),
        ("bpf_host.o", objects::BPF_HOST, "HostConfig", HostConfig::GLOBALS),
        ("bpf_overlay.o", objects::BPF_OVERLAY, "OverlayConfig", OverlayConfig::GLOBALS),
        ("bpf_sock.o", objects::BPF_SOCK, "SockConfig", SockConfig::GLOBALS),
    ];
    let mut problems = Vec::new();
    for (file, bytes, rust, globals) in configs {
        let vars = btf_of(file, bytes).section_vars(".rodata").unwrap_or_default();
        assert!(!vars.is_empty(), "{file}: no .rodata globals in BTF");
        for v in &vars {
            match globals.iter().find(|(n, _)| *n == v.name) {
                Some((_, s)) if *s != v.size as usize => problems
                    .push(format!("{file}: global {} is {} bytes in C, {s} in {rust}", v.name, v.size)),
                Some(_) => {}
                None => problems
                    .push(format!("{file}: global {} ({} bytes) has no field in {rust}", v.name, v.size)),
            }
        }
        for (n, _) in globals {
            if !vars.iter().any(|v| v.name == *n) {
                problems.push(format!("{file}: {rust} sets {n}, which the object does not have"));
            }
        }
    }
    assert!(problems.is_empty(), "load-time globals differ:\n{}", problems.join("\n"));
}

#[test]
fn every_program_name_the_rust_side_uses_exists() {
    let mut used: Vec<(&str, &str)> = slots::PROGRAMS.to_vec();
    used.extend(slots::LXC.iter().map(|(_, p)| ("bpf_lxc.o", *p)));
    used.extend(slots::HOST.iter().map(|(_, p)| ("bpf_host.o", *p)));
    used.extend(slots::OVERLAY.iter().map(|(_, p)| ("bpf_overlay.o", *p)));
    let sock: Vec<String> = ciliumrs::bpf::cgroup::SOCK_HOOKS
        .iter()
        .map(|(_, h)| ciliumrs::datapath::socklb::program_of(h))
        .collect();
    used.extend(sock.iter().map(|p| ("bpf_sock.o", p.as_str())));
    for (file, prog) in used {
        let (_, bytes) = objects::ALL.iter().find(|(f, _)| *f == file).unwrap();
        let obj = aya_obj::Object::parse(bytes).unwrap();
        assert!(
            obj.programs.contains_key(prog),
            "{file} has no program {prog}; it has {:?}",
            obj.programs.keys().collect::<Vec<_>>()
        );
    }
}

/// Every `#define NAME NUMBER` of every header under ebpf/lib.
fn all_defines() -> Vec<(String, i64)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(root().join("ebpf/lib")).unwrap() {
        let name = e.unwrap().file_name().into_string().unwrap();
        if name.ends_with(".h") {
            out.extend(defines(&name).into_iter().map(|(n, v, _)| (n, v)));
        }
    }
    out
}

fn define(defs: &[(String, i64)], name: &str) -> i64 {
    defs.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no #define {name} under ebpf/lib")).1
}

#[test]
fn flag_bits_and_file_ids_agree_with_the_rust_side() {
    use ciliumrs::maps::{ct, lxc, policy};
    let d = all_defines();
    let pairs: &[(&str, i64)] = &[
        ("TUPLE_F_IN", ct::TUPLE_F_IN.into()),
        ("TUPLE_F_RELATED", ct::TUPLE_F_RELATED.into()),
        ("TUPLE_F_SERVICE", ct::TUPLE_F_SERVICE.into()),
        ("ENDPOINT_F_HOST", lxc::ENDPOINT_F_HOST.into()),
        ("REMOTE_ENDPOINT_F_SKIP_TUNNEL", ciliumrs::maps::ipcache::FLAG_SKIP_TUNNEL.into()),
        ("POLICY_ENTRY_DENY", policy::ENTRY_DENY.into()),
    ];
    for (name, rust) in pairs {
        assert_eq!(define(&d, name), *rust, "{name}: C {} and Rust {rust} differ", define(&d, name));
    }
    // CT_F_RX_CLOSING -> "RxClosing": every C flag bit has the Rust name for that bit.
    let ct_flags: Vec<_> = d.iter().filter(|(n, _)| n.starts_with("CT_F_")).collect();
    assert!(ct_flags.len() >= 3, "{ct_flags:?}");
    for (name, value) in ct_flags {
        let camel: String = name["CT_F_".len()..]
            .split('_')
            .map(|w| w[..1].to_string() + &w[1..].to_ascii_lowercase())
            .collect();
        let rust = ct::FLAG_NAMES.iter().find(|(_, n)| n.eq_ignore_ascii_case(&camel));
        assert_eq!(
            rust.map(|(b, _)| i64::from(*b)),
            Some(*value),
            "{name} = {value:#x}: Rust FLAG_NAMES has {rust:?}"
        );
    }
    for (name, value) in d.iter().filter(|(n, _)| n.starts_with("FILE_")) {
        let stem = &name["FILE_".len()..];
        let want = match stem.strip_suffix("_H") {
            Some(h) => h.to_ascii_lowercase() + ".h",
            None => stem.to_ascii_lowercase() + ".c",
        };
        let rust = ciliumrs::codes::reasons::file_name(u8::try_from(*value).unwrap());
        assert_eq!(rust, Some(want.as_str()), "{name} = {value}: Rust file table says {rust:?}");
    }
}

/// The notify structs of our C (in `btf_anchors.o`, which declares one global of each)
/// against the offsets the monitor's decoders read.
#[test]
fn notify_structs_match_the_decoders_offsets() {
    use ciliumrs::events::decode::{DROP_LEN, TRACE_LEN, TRACE_SOCK_LEN, VERDICT_LEN, layout};
    let obj = std::fs::read(root().join("ebpf/obj/btf_anchors.o")).unwrap();
    let btf = btf_of("btf_anchors.o", &obj);
    let mut problems = Vec::new();
    for (name, len, hdr, body) in [
        ("drop_notify", DROP_LEN, layout::HDR, layout::DROP),
        ("trace_notify", TRACE_LEN, layout::HDR, layout::TRACE),
        ("trace_sock_notify", TRACE_SOCK_LEN, &[][..], layout::TRACE_SOCK),
        ("policy_verdict_notify", VERDICT_LEN, layout::HDR, layout::VERDICT),
    ] {
        let id = btf.find(name, kind::STRUCT).unwrap_or_else(|| panic!("no struct {name} in btf_anchors.o"));
        let size = btf.size(id).unwrap() as usize;
        if size != len {
            problems.push(format!("{name}: {size} bytes in C, the decoder expects {len}"));
        }
        let rust: Vec<(&str, usize, usize)> = hdr.iter().chain(body).copied().collect();
        let members = btf.members(id).unwrap();
        for m in &members {
            let (off, sz) = ((m.offset_bits / 8) as usize, btf.size(m.type_id).unwrap_or(0) as usize);
            match rust.iter().find(|(n, _, _)| *n == m.name) {
                Some((_, ro, rs)) if (*ro, *rs) != (off, sz) => problems.push(format!(
                    "{name}.{}: offset {off} size {sz} in C, offset {ro} size {rs} in the decoder",
                    m.name
                )),
                Some(_) => {}
                None => {
                    problems.push(format!("{name}.{} (offset {off}) is not in the decoder's layout", m.name))
                }
            }
        }
        for (n, _, _) in &rust {
            if !members.iter().any(|m| m.name == *n) {
                problems.push(format!("the decoder reads {name}.{n}, which C does not have"));
            }
        }
    }
    assert!(problems.is_empty(), "notify layouts differ:\n{}", problems.join("\n"));
}
