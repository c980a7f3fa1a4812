//! What the running kernel offers the datapath, probed (not inferred from the version where a
//! probe exists): the helpers our programs call that are newer than the oldest kernels
//! nodes run, batch map syscalls, and tcx. `status` lists them; the loader uses
//! [`explain_verifier`] to name a missing feature instead of quoting the verifier.

use aya::programs::ProgramType;
use aya::sys::{BpfHelper, is_helper_supported};

use crate::bpf::map::CreateSpec;
use crate::bpf::{MapFd, MapType};

/// One feature, as `status` shows it.
pub struct Feature {
    pub name: &'static str,
    /// None: the probe itself failed (no CAP_BPF, say).
    pub present: Option<bool>,
    /// Whether our datapath cannot work without it.
    pub required: bool,
    /// Who uses it, or what happens without it.
    pub detail: &'static str,
}

/// A helper our programs call, the program type that calls it, and the Linux release that
/// brought it to that type.
struct Helper {
    name: &'static str,
    id: BpfHelper,
    prog: ProgramType,
    since: &'static str,
    user: &'static str,
}

const HELPERS: &[Helper] = &[
    Helper {
        name: "bpf_redirect_peer",
        id: BpfHelper::BPF_FUNC_redirect_peer,
        prog: ProgramType::SchedClassifier,
        since: "5.10",
        user: "bpf_lxc, bpf_host: delivery into a pod's namespace",
    },
    Helper {
        name: "bpf_redirect_neigh",
        id: BpfHelper::BPF_FUNC_redirect_neigh,
        prog: ProgramType::SchedClassifier,
        since: "5.10",
        user: "NodePort replies to a neighbour not yet resolved",
    },
    Helper {
        name: "bpf_ktime_get_coarse_ns",
        id: BpfHelper::BPF_FUNC_ktime_get_coarse_ns,
        prog: ProgramType::SchedClassifier,
        since: "5.11",
        user: "every object: CT, NAT and service lifetimes",
    },
    Helper {
        name: "bpf_fib_lookup",
        id: BpfHelper::BPF_FUNC_fib_lookup,
        prog: ProgramType::SchedClassifier,
        since: "4.18",
        user: "NodePort: the route and MACs of a reply or SNATed request",
    },
    Helper {
        name: "bpf_get_netns_cookie",
        id: BpfHelper::BPF_FUNC_get_netns_cookie,
        prog: ProgramType::CgroupSockAddr,
        since: "5.7",
        user: "bpf_sock: affinity and reverse NAT per network namespace",
    },
    Helper {
        name: "bpf_set_retval",
        id: BpfHelper::BPF_FUNC_set_retval,
        prog: ProgramType::CgroupSock,
        since: "5.18",
        user: "bpf_sock: EADDRINUSE for binds to a NodePort",
    },
];

/// The release of the running kernel (`uname -r`).
pub fn kernel_release() -> String {
    std::fs::read_to_string("/proc/sys/kernel/osrelease")
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|_| "unknown".to_string())
}

/// Whether BPF_MAP_LOOKUP_BATCH works on a hash map (Linux 5.6).
fn batch_lookup() -> Option<bool> {
    let spec = CreateSpec {
        map_type: MapType::HASH,
        key_size: 4,
        value_size: 4,
        max_entries: 1,
        flags: 0,
        name: "crs_probe",
        inner_map: None,
    };
    MapFd::create(&spec).ok()?.has_batch_lookup()
}

/// (major, minor) of a release string such as `6.1.0-57-amd64`.
fn major_minor(release: &str) -> Option<(u32, u32)> {
    let mut it = release.split(|c: char| !c.is_ascii_digit());
    Some((it.next()?.parse().ok()?, it.next()?.parse().ok()?))
}

/// Every feature, probed now.
pub fn probe() -> Vec<Feature> {
    let mut out: Vec<Feature> = HELPERS
        .iter()
        .map(|h| Feature {
            name: h.name,
            present: is_helper_supported(h.prog, h.id).ok(),
            required: true,
            detail: h.user,
        })
        .collect();
    out.push(Feature {
        name: "BPF_MAP_LOOKUP_BATCH",
        present: batch_lookup(),
        required: false,
        detail: "bpf ... list reads large maps in batches; without it, key by key (slower)",
    });
    // tcx has no cheap probe that does not attach something; it is not used, so the
    // release decides what is said about it.
    out.push(Feature {
        name: "tcx",
        present: major_minor(&kernel_release()).map(|v| v >= (6, 6)),
        required: false,
        detail: "not used: programs attach as cls_bpf filters (netlink), which every kernel has",
    });
    out
}

/// A sentence naming what this kernel lacks, when a verifier log says a helper or an
/// instruction is unknown; None for other rejections.
pub fn explain_verifier(log: &str) -> Option<String> {
    let release = kernel_release();
    for marker in ["unknown func ", "invalid func ", "program of this type cannot use helper "] {
        if let Some(at) = log.find(marker) {
            let rest = &log[at + marker.len()..];
            let func: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            let since = HELPERS
                .iter()
                .find(|h| h.name == func)
                .map_or(String::new(), |h| format!(" (it came with Linux {})", h.since));
            return Some(format!("this kernel ({release}) lacks the helper {func}{since}"));
        }
    }
    if let Some(at) = log.find("unknown opcode ") {
        let op: String =
            log[at + "unknown opcode ".len()..].chars().take_while(|c| c.is_ascii_hexdigit()).collect();
        return Some(format!(
            "this kernel ({release}) does not know BPF instruction opcode 0x{op}: the object uses an \
             instruction newer than this kernel"
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn releases_and_verifier_logs_are_read() {
        assert_eq!(major_minor("6.1.0-57-amd64"), Some((6, 1)));
        assert_eq!(major_minor("6.18.44-fc-v1045"), Some((6, 18)));
        assert_eq!(major_minor("garbage"), None);
        let m = explain_verifier(
            "0: R1=ctx\n12: (85) call bpf_redirect_peer#155\nunknown func bpf_redirect_peer#155\n",
        )
        .unwrap();
        assert!(m.contains("lacks the helper bpf_redirect_peer (it came with Linux 5.10)"), "{m}");
        let m = explain_verifier("7: (e5) may_goto\nunknown opcode e5\n").unwrap();
        assert!(m.contains("opcode 0xe5"), "{m}");
        assert_eq!(explain_verifier("R2 invalid mem access 'scalar'"), None);
    }
}
