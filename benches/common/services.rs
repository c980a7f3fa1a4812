//! A `bpf lb apply` services file of `n` services of ten backends each, `backend(s, k)`
//! naming backend k of service s; service s is 10.96.(s / 250).(s % 250 + 1):80.

pub fn file(n: u32, backend: impl Fn(u32, u32) -> String) -> String {
    let mut file = String::from("[");
    for s in 0..n {
        let backends: Vec<String> = (0..10u32).map(|k| format!("\"{}\"", backend(s, k))).collect();
        if s > 0 {
            file.push(',');
        }
        file.push_str(&format!(
            "{{\"frontend\": \"10.96.{}.{}:80\", \"backends\": [{}]}}",
            s / 250,
            s % 250 + 1,
            backends.join(",")
        ));
    }
    file.push(']');
    file
}
