//! The embedded demo province: synthetic agency sites served on 127.0.0.1, built by the site
//! generator from a declared truth (the same generator the tests use).

pub mod province;
pub mod sitegen;

/// A running demo province (placeholder until the province data lands).
pub struct Demo;

impl Demo {
    /// The agencies file pointing at the served sites.
    pub fn agencies_file(&self) -> crate::config::AgenciesFile {
        crate::config::AgenciesFile {
            blocks: crate::config::default_block_titles(),
            agencies: Vec::new(),
        }
    }
}

/// Start serving the demo province on 127.0.0.1.
pub async fn start(as_of: chrono::NaiveDate) -> std::io::Result<Demo> {
    let _ = as_of;
    Ok(Demo)
}
