//! PageFacts × rules → findings: for each criterion, which pages and links prove it, the dated
//! items behind it, and whether the auditor could look at all.
