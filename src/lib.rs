//! `ttdt` audits the e-information websites (Trang/Cổng TTĐT) of Vietnamese state agencies.
//!
//! The pipeline runs in one direction, one module per stage (see `README.md`):
//! `crawl` → (`snapshot`) → `extract` → `classify` → `score` → `rank` → `report`;
//! [`freshness`] is the date-signal model `extract` fills and `classify` chooses from.
//! Nothing downstream of [`crawl`] touches the network, and the score is a pure function of
//! (fetched records, rules, as-of date, overrides), so a stored snapshot re-scores identically.
#![deny(missing_docs)]

pub mod audit;
pub mod calendar;
pub mod classify;
pub mod config;
pub mod crawl;
pub mod dates;
pub mod demo;
pub mod extract;
pub mod freshness;
pub mod rank;
pub mod report;
pub mod rules;
pub mod runner;
pub mod scheme;
pub mod score;
pub mod snapshot;
pub mod text;

/// Version of the tool, as written into reports and evidence.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The contact URL advertised in the User-Agent so site operators can reach us.
pub const CONTACT_URL: &str = "https://github.com/ttdt-audit/ttdt";

/// The honest User-Agent every request carries: `ttdt/<version> (+<contact URL>)`.
pub fn user_agent() -> String {
    format!("ttdt/{VERSION} (+{CONTACT_URL})")
}
