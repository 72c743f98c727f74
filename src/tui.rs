//! TEMP stub
use std::process::ExitCode;
pub fn explore(
    _c: crate::model::load::Catalog,
    _cfg: &crate::config::Config,
    _p: &crate::paths::Paths,
    _nm: bool,
    _w: Option<String>,
) -> ExitCode {
    ExitCode::SUCCESS
}
