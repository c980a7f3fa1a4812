//! Reading a command's output as `wc -c` does: 128 KiB reads until the end, counting bytes.

use std::io::Read;

/// Drains `out` on a thread of its own; the handle gives the byte count.
pub fn drain(mut out: impl Read + Send + 'static) -> std::thread::JoinHandle<u64> {
    std::thread::spawn(move || {
        let mut buf = vec![0u8; 128 * 1024];
        let mut total = 0u64;
        loop {
            match out.read(&mut buf) {
                Ok(0) => break total,
                Ok(n) => total += n as u64,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => panic!("reading the command's output: {e}"),
            }
        }
    })
}
