//! [`Step`]: one thing a datapath operation did to the node (a map created or kept, a device
//! made, a program attached, replaced, detached or unpinned). `init`, `attach`, `detach` and
//! `reset` return their steps as records, in the order they were done.

use crate::output::{Record, Value, Visit};

/// One thing an operation on the node did.
pub struct Step {
    /// What kind of thing: `map`, `device`, `attach`, `detach`, `unpin`, `mount`, ...
    pub step: &'static str,
    /// What it was done to (a map, device, hook or pin).
    pub object: String,
    /// How it went (`created`, `kept`, `attached`, `replaced`, ...).
    pub detail: String,
}

impl Record for Step {
    fn visit(&self, v: &mut dyn Visit) {
        v.field("step", "STEP", Value::Str(self.step));
        v.field("object", "OBJECT", Value::Str(&self.object));
        v.field("detail", "DETAIL", Value::Str(&self.detail));
    }
}
