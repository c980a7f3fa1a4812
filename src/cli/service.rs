//! `ciliumrs service ...`.

use super::*;

#[derive(Subcommand, Debug)]
pub enum ServiceCmd {
    /// ID (reverse-NAT id), frontend, type and backends with their state, by ID
    List,
}
