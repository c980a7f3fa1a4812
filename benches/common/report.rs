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

/// A goal row whose figure could not be taken (a tool missing, a kernel knob refused): it
/// is printed as "not measured: <why>", counted as not met, and makes `scripts/bench` exit
/// non-zero. A row never vanishes.
#[allow(dead_code, reason = "not every bench needs a tool")]
pub fn not_measured(measure: &str, unit: &str, goal: &str, why: &str) {
    let line = serde_json::json!({
        "measure": measure,
        "ours": null,
        "unit": unit,
        "anchor": null,
        "anchor_value": null,
        "ratio": null,
        "goal": goal,
        "met": false,
        "not_measured": why,
    });
    println!("bench-result {line}");
}

/// The median: the middle value, or the mean of the two middle values of an even count.
#[allow(dead_code, reason = "not every bench takes medians")]
pub fn median(v: &[f64]) -> f64 {
    assert!(!v.is_empty(), "the median of nothing");
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    let m = s.len() / 2;
    if s.len() % 2 == 1 { s[m] } else { (s[m - 1] + s[m]) / 2.0 }
}
