//! Agencies file and audit settings.
