//! Code tables of the datapath ABI that maps, events and our C share: drop/forward reasons
//! and source-file ids ([`reasons`]), trace observation points, trace states, debug
//! subtypes and reserved identities ([`points`]), policy auth types and match types. Each
//! table is the one source of truth on the Rust side; `tests/ebpf_objects.rs` checks the C
//! side against it.

pub mod points;
pub mod reasons;

/// `policy_entry.auth_type` / `policy_verdict_notify.auth_type` as Cilium names it.
pub fn auth_type_text(t: u8) -> &'static str {
    match t {
        0 => "disabled",
        1 => "spire",
        2 => "test-always-fail",
        _ => "unknown",
    }
}

/// The match type of a policy verdict (`flags` bits 3-5), as `cilium monitor` prints it.
pub fn match_type_text(m: u8) -> &'static str {
    match m {
        1 => "L3-Only",
        2 => "L3-L4",
        3 => "L4-Only",
        4 => "all",
        5 => "L3-Proto",
        6 => "Proto-Only",
        _ => "none",
    }
}
