//! The embedded demo province: synthetic agency sites served on 127.0.0.1, built by the site
//! generator from a declared truth (the same generator the tests use).

pub mod province;
pub mod sitegen;

use crate::config::{AgenciesFile, Agency};

/// A running demo province: its sites are served until this value is dropped.
pub struct Demo {
    agencies: Vec<Agency>,
    sites: Vec<sitegen::ServedSite>,
}

impl Demo {
    /// The agencies file pointing at the served sites (the unreachable agency at a closed port).
    pub fn agencies_file(&self) -> AgenciesFile {
        let mut blocks = crate::config::default_block_titles();
        for a in &self.agencies {
            blocks.insert(a.block.clone(), province::block_title(&a.block).to_string());
        }
        AgenciesFile {
            blocks,
            agencies: self.agencies.clone(),
        }
    }

    /// The served sites (for tests that read the request logs).
    pub fn sites(&self) -> &[sitegen::ServedSite] {
        &self.sites
    }
}

impl Drop for Demo {
    fn drop(&mut self) {
        for s in &self.sites {
            s.shutdown();
        }
    }
}

/// Start serving the demo province on 127.0.0.1 (random ports), dates relative to `as_of`.
pub async fn start(as_of: chrono::NaiveDate) -> std::io::Result<Demo> {
    let mut agencies = Vec::new();
    let mut sites = Vec::new();
    for a in province::demo_province(as_of) {
        let url = match a.spec {
            Some(spec) => {
                let site = sitegen::serve(spec).await?;
                let url = site.home_url.clone();
                sites.push(site);
                url
            }
            None => province::closed_port_url()?,
        };
        agencies.push(Agency {
            id: a.id,
            name: a.name,
            block: a.block,
            url,
            scope: Vec::new(),
            extra_hosts: Vec::new(),
        });
    }
    Ok(Demo { agencies, sites })
}
