//! The embedded demo province: synthetic agency sites served on 127.0.0.1, built by the site
//! generator from a declared truth (the same generator the tests use).

pub mod province;
pub mod sitegen;
