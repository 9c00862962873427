//! The audit pipeline after the crawl: records → pages → facts → findings → scores. Pure.
