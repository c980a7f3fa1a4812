//! A real OpenSSH server in a network namespace, with a throwaway host key and client key
//! made in a scratch directory (nothing under ~/.ssh), shared by the fleet tests and the
//! fleet benchmark (included by path from both).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// Keys and configurations in `dir`, removed on drop.
pub struct Keys {
    pub dir: PathBuf,
}

impl Keys {
    /// A client key, its authorized_keys, and the client configuration that uses it.
    pub fn new(dir: PathBuf) -> Keys {
        std::fs::create_dir_all(&dir).unwrap();
        keygen(&dir.join("client"));
        std::fs::copy(dir.join("client.pub"), dir.join("authorized_keys")).unwrap();
        std::fs::write(
            dir.join("ssh.conf"),
            format!(
                "Host *\n  User root\n  IdentityFile {}\n  IdentitiesOnly yes\n  UserKnownHostsFile /dev/null\n  \
                 StrictHostKeyChecking no\n  LogLevel ERROR\n  ConnectTimeout 3\n",
                dir.join("client").display()
            ),
        )
        .unwrap();
        Keys { dir }
    }

    /// The `ssh -F` file.
    pub fn ssh_config(&self) -> PathBuf {
        self.dir.join("ssh.conf")
    }

    /// Starts sshd in namespace `netns` on `addr`:22, its sessions with CILIUMRS_BPFFS=`bpffs`.
    pub fn sshd(&self, netns: &str, addr: &str, bpffs: &Path) -> Sshd {
        let host = self.dir.join(format!("host-{netns}"));
        keygen(&host);
        let config = self.dir.join(format!("sshd-{netns}.conf"));
        std::fs::write(
            &config,
            format!(
                "ListenAddress {addr}\nPort 22\nHostKey {}\nPidFile {}\nAuthorizedKeysFile {}\n\
                 PermitRootLogin prohibit-password\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n\
                 UsePAM no\nStrictModes no\nSetEnv CILIUMRS_BPFFS={}\n",
                host.display(),
                self.dir.join(format!("sshd-{netns}.pid")).display(),
                self.dir.join("authorized_keys").display(),
                bpffs.display(),
            ),
        )
        .unwrap();
        let sshd = ["/usr/sbin/sshd", "/usr/bin/sshd"]
            .into_iter()
            .find(|p| Path::new(p).exists())
            .expect("sshd (openssh-server; scripts/test installs it)");
        let child = Command::new("ip")
            .args(["netns", "exec", netns, sshd, "-D", "-e", "-f"])
            .arg(&config)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        Sshd(child)
    }
}

impl Drop for Keys {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// An sshd, stopped by its PID on drop.
pub struct Sshd(pub Child);

impl Drop for Sshd {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn keygen(path: &Path) {
    let st = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-f"])
        .arg(path)
        .stdout(Stdio::null())
        .status()
        .expect("ssh-keygen (openssh-client; scripts/test installs it)");
    assert!(st.success());
}

/// sshd's privilege separation directory, made only when the machine has none and removed
/// when the last holder is done (holders at once share it).
pub struct RunSshd;

static RUN_SSHD: std::sync::Mutex<(usize, bool)> = std::sync::Mutex::new((0, false));

impl RunSshd {
    pub fn take() -> RunSshd {
        let mut g = RUN_SSHD.lock().unwrap_or_else(|e| e.into_inner());
        if g.0 == 0 && !Path::new("/run/sshd").exists() {
            std::fs::create_dir_all("/run/sshd").unwrap();
            g.1 = true;
        }
        g.0 += 1;
        RunSshd
    }
}

impl Drop for RunSshd {
    fn drop(&mut self) {
        let mut g = RUN_SSHD.lock().unwrap_or_else(|e| e.into_inner());
        g.0 -= 1;
        if g.0 == 0 && g.1 {
            let _ = std::fs::remove_dir("/run/sshd");
            g.1 = false;
        }
    }
}
