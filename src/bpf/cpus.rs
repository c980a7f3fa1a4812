//! Possible CPUs: per-CPU map values hold one slot per possible CPU (not online CPU), and
//! `cilium_events` has one entry per possible CPU.

use std::io;

/// Parses the kernel's CPU list format (`0-3,5,7-8`) into a count of CPUs.
pub fn parse_cpu_list(s: &str) -> Option<u32> {
    let mut n: u32 = 0;
    for part in s.trim().split(',').filter(|p| !p.is_empty()) {
        let (lo, hi) = match part.split_once('-') {
            Some((a, b)) => (a.parse::<u32>().ok()?, b.parse::<u32>().ok()?),
            None => {
                let v = part.parse::<u32>().ok()?;
                (v, v)
            }
        };
        if hi < lo {
            return None;
        }
        n = n.checked_add(hi - lo + 1)?;
    }
    (n > 0).then_some(n)
}

/// Number of possible CPUs on this machine (`/sys/devices/system/cpu/possible`).
pub fn possible_cpus() -> io::Result<u32> {
    let path = "/sys/devices/system/cpu/possible";
    let s = std::fs::read_to_string(path)?;
    parse_cpu_list(&s)
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, format!("cannot parse {path}: {s:?}")))
}

#[cfg(test)]
mod tests {
    use super::parse_cpu_list;

    #[test]
    fn cpu_lists() {
        assert_eq!(parse_cpu_list("0-1\n"), Some(2));
        assert_eq!(parse_cpu_list("0"), Some(1));
        assert_eq!(parse_cpu_list("0-3,5,7-8"), Some(7));
        assert_eq!(parse_cpu_list(""), None);
        assert_eq!(parse_cpu_list("3-1"), None);
        assert_eq!(parse_cpu_list("x"), None);
    }
}
