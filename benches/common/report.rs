//! One machine-readable line per goal a benchmark measures, `bench-result <JSON>`, which
//! `scripts/bench` gathers into one table (measure, ours, the anchor or floor measured in the
//! same run, the ratio, the goal, met or not). The human lines each bench prints stay.

/// One measured figure against its goal.
pub struct Goal<'a> {
    pub measure: &'a str,
    pub ours: f64,
    pub unit: &'a str,
    /// What it is compared with (measured in the same run) and that figure, in `unit`.
    pub anchor: Option<(&'a str, f64)>,
    /// The goal as the issue states it.
    pub goal: &'a str,
    pub met: bool,
}

pub fn report(g: Goal<'_>) {
    let (anchor, anchor_value) = g.anchor.map_or((None, None), |(a, v)| (Some(a), Some(v)));
    let ratio = anchor_value.filter(|v| *v > 0.0).map(|v| g.ours / v);
    let line = serde_json::json!({
        "measure": g.measure,
        "ours": g.ours,
        "unit": g.unit,
        "anchor": anchor,
        "anchor_value": anchor_value,
        "ratio": ratio,
        "goal": g.goal,
        "met": g.met,
    });
    println!("bench-result {line}");
}
