//! The Prometheus text exposition format (version 0.0.4), as node_exporter's textfile
//! collector and every scraper read it: per metric family a `# HELP` and a `# TYPE` line,
//! then one `name{label="value",...} number` line per sample. Label values escape `\`, `"`
//! and newlines; HELP texts escape `\` and newlines. `promtool check metrics` reads what
//! this writes in the tests.

use std::io::{self, Write};

/// A family's type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Counter,
    Gauge,
}

/// A sample's value: counters are whole numbers, gauges may be fractions.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    Int(u64),
    Float(f64),
}

/// One sample of a family: its labels, in order, and its value.
#[derive(Clone, Debug, PartialEq)]
pub struct Sample {
    pub labels: Vec<(&'static str, String)>,
    pub value: Number,
}

/// One metric family.
#[derive(Clone, Debug, PartialEq)]
pub struct Family {
    pub name: &'static str,
    pub help: &'static str,
    pub kind: Kind,
    pub samples: Vec<Sample>,
}

fn escape(out: &mut Vec<u8>, s: &str, quote: bool) {
    for c in s.chars() {
        match c {
            '\\' => out.extend_from_slice(b"\\\\"),
            '\n' => out.extend_from_slice(b"\\n"),
            '"' if quote => out.extend_from_slice(b"\\\""),
            c => {
                let mut b = [0; 4];
                out.extend_from_slice(c.encode_utf8(&mut b).as_bytes());
            }
        }
    }
}

/// Appends `families` in the text format.
pub fn render(out: &mut Vec<u8>, families: &[Family]) {
    for f in families {
        out.extend_from_slice(b"# HELP ");
        out.extend_from_slice(f.name.as_bytes());
        out.push(b' ');
        escape(out, f.help, false);
        out.extend_from_slice(b"\n# TYPE ");
        out.extend_from_slice(f.name.as_bytes());
        out.extend_from_slice(match f.kind {
            Kind::Counter => b" counter\n",
            Kind::Gauge => b" gauge\n",
        });
        for s in &f.samples {
            out.extend_from_slice(f.name.as_bytes());
            if !s.labels.is_empty() {
                out.push(b'{');
                for (i, (k, v)) in s.labels.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    out.extend_from_slice(k.as_bytes());
                    out.extend_from_slice(b"=\"");
                    escape(out, v, true);
                    out.push(b'"');
                }
                out.push(b'}');
            }
            let _ = match s.value {
                Number::Int(n) => writeln!(out, " {n}"),
                // Rust prints finite floats without an exponent, which the format accepts.
                Number::Float(x) if x.is_finite() => writeln!(out, " {x}"),
                Number::Float(x) if x.is_nan() => writeln!(out, " NaN"),
                Number::Float(x) => writeln!(out, " {}Inf", if x > 0.0 { "+" } else { "-" }),
            };
        }
    }
}

/// Writes `families` to `w`.
pub fn write(w: &mut dyn Write, families: &[Family]) -> io::Result<()> {
    let mut buf = Vec::new();
    render(&mut buf, families);
    w.write_all(&buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_render_with_help_type_and_escaped_labels() {
        let f = [
            Family {
                name: "x_total",
                help: "Total x, tagged\nby a \\ b",
                kind: Kind::Counter,
                samples: vec![Sample {
                    labels: vec![("reason", "say \"hi\"\\".into())],
                    value: Number::Int(7),
                }],
            },
            Family {
                name: "y",
                help: "y",
                kind: Kind::Gauge,
                samples: vec![Sample { labels: vec![], value: Number::Float(0.25) }],
            },
        ];
        let mut out = Vec::new();
        render(&mut out, &f);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "# HELP x_total Total x, tagged\\nby a \\\\ b\n# TYPE x_total counter\nx_total{reason=\"say \\\"hi\\\"\\\\\"} 7\n\
             # HELP y y\n# TYPE y gauge\ny 0.25\n"
        );
    }
}
