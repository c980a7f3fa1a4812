//! `ciliumrs bpf nat ...`.

use super::*;

#[derive(Subcommand, Debug)]
pub enum Nat {
    /// List entries, both directions (OUT: XLATE_SRC, IN: XLATE_DST)
    List(ListOpts),
    /// Delete every entry (established translated flows lose their mapping)
    Flush,
}
