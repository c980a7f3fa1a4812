//! Man pages and shell completions, generated from the clap definitions. The committed
//! `man/` and `completions/` are checked against these by `tests/docs_fresh.rs`;
//! regenerate with `UPDATE_DOCS=1 cargo test --test docs_fresh`.

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;

/// Shells we ship completion files for, and their file names.
pub const SHELLS: &[(Shell, &str)] =
    &[(Shell::Bash, "ciliumrs.bash"), (Shell::Zsh, "_ciliumrs"), (Shell::Fish, "ciliumrs.fish")];

pub fn completion(shell: Shell, out: &mut Vec<u8>) {
    let mut cmd = Cli::command();
    clap_complete::generate(shell, &mut cmd, "ciliumrs", out);
}

/// `(file name, contents)` of every man page: one per command and subcommand.
pub fn man_pages() -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let mut cmd = Cli::command();
    cmd.build();
    let mut pages = Vec::new();
    render(&cmd, "ciliumrs", &mut pages)?;
    Ok(pages)
}

fn render(cmd: &clap::Command, name: &str, pages: &mut Vec<(String, Vec<u8>)>) -> std::io::Result<()> {
    let page_cmd = cmd.clone().name(name.to_string()).bin_name(name.replace('-', " "));
    let mut buf = Vec::new();
    clap_mangen::Man::new(page_cmd).render(&mut buf)?;
    pages.push((format!("{name}.1"), buf));
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set() && s.get_name() != "help") {
        render(sub, &format!("{name}-{}", sub.get_name()), pages)?;
    }
    Ok(())
}
