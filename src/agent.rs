//! Whether a Cilium agent runs on this node: its API or monitor socket under
//! /var/run/cilium (`pkg/defaults`: `cilium.sock`, `monitor1_2.sock`). Beside an agent,
//! `init` and `reset` refuse without `--force` (they would fight it over its maps and
//! devices), `monitor` refuses (it would take the agent's event rings over), and writes to
//! the maps the agent reconciles go through with a warning that its next sync overwrites
//! them.

use std::path::Path;

/// The agent's API socket.
pub const API_SOCKET: &str = "/var/run/cilium/cilium.sock";
/// The agent's monitor socket (it reads cilium_events and serves them here).
pub const MONITOR_SOCKET: &str = "/var/run/cilium/monitor1_2.sock";

/// The first of the agent's sockets that exists, if any.
pub fn socket() -> Option<&'static str> {
    [API_SOCKET, MONITOR_SOCKET].into_iter().find(|s| Path::new(s).exists())
}

/// The warning a write to `map`, a map the agent reconciles, gets beside an agent.
pub fn overwrite_warning(socket: &str, map: &str) -> String {
    format!(
        "a Cilium agent runs here ({socket}): it reconciles {map} from its own state and will overwrite this change at its next sync"
    )
}
