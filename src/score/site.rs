//! Scoring of one site: criterion → group → total → band.
//!
//! A criterion's score is `points × presence × freshness × completeness`:
//! - presence: 1 on the site itself; the rule's `external_factor` when only a link to an
//!   external portal proves it; 0 when missing or unmeasured;
//! - freshness: the factor of the first step whose window holds the newest item's age (in
//!   calendar or working days); older than every step, or no dated item at all → `stale`;
//! - completeness: items dated inside the window ÷ items required, at most 1.

use chrono::NaiveDate;

use super::{
    AgencyRef, AppliedOverride, CriterionScore, EvidenceRef, FetchError, GroupScore, Overrides,
    SiteScore, SiteStatus, Status,
};
use crate::audit::{SiteEvidence, fetch_errors};
use crate::calendar::WorkCalendar;
use crate::classify::{Finding, Presence};
use crate::rules::{AgeUnit, Criterion, RuleSet};

/// Score every criterion and group of a site.
pub fn score_site(
    agency: &AgencyRef,
    site: &SiteEvidence,
    findings: &[Finding],
    rules: &RuleSet,
    as_of: NaiveDate,
    overrides: &Overrides,
) -> SiteScore {
    let mut groups = Vec::new();
    let mut fi = findings.iter();
    let services_group = super::services_group(rules);
    let services_measured = !site.pages.is_empty() && !site.script_only_home;
    for group in &rules.groups {
        let mut criteria = Vec::new();
        let mut evidence = Vec::new();
        for c in &group.criteria {
            let finding = fi.next().filter(|f| f.criterion == c.id);
            let Some(finding) = finding else {
                // Findings always follow rule order; a mismatch would be a bug, so be explicit.
                criteria.push(unmeasured(c, "lỗi nội bộ: thiếu kết quả phân loại"));
                continue;
            };
            let mut cs = score_criterion(c, finding, as_of, &rules.calendar);
            if let Some(o) = overrides.find(&agency.id, &c.id) {
                apply_override(&mut cs, c, o);
            }
            for (m, rid) in finding.matches.iter().zip(&finding.record_ids) {
                if evidence.len() < 8 {
                    let date = (finding.newest_url.as_deref()
                        == m.target.as_deref().or(Some(&m.page)))
                    .then_some(finding.newest)
                    .flatten();
                    evidence.push(EvidenceRef {
                        url: m.target.clone().unwrap_or_else(|| m.page.clone()),
                        record_id: rid.clone(),
                        date,
                        snippet: format!("{} \"{}\" ({})", m.where_, m.matched, c.id),
                    });
                }
            }
            criteria.push(cs);
        }
        gate_outdated_group(group, &mut criteria);
        let score = round2(criteria.iter().map(|c| c.score).sum());
        let last_updated = criteria.iter().filter_map(|c| c.last_updated).max();
        groups.push(GroupScore {
            id: group.id.clone(),
            name: group.name.clone(),
            score,
            max: group.max,
            status: group_status(&criteria),
            last_updated,
            evidence,
            criteria,
            public_services: (services_measured && services_group == Some(group.id.as_str()))
                .then(|| site.public_services.clone()),
        });
    }
    let total = round2(groups.iter().map(|g| g.score).sum());
    let provisional = groups
        .iter()
        .any(|g| g.criteria.iter().any(|c| c.status == Status::Unmeasured));
    // Banded on the total as printed (one decimal), the same rule as the ranking tables.
    let band = crate::rank::band_of(&rules.bands, total);
    SiteScore {
        agency: agency.clone(),
        url: site.start_url.clone(),
        status: site.status,
        pages_fetched: site.pages.len(),
        fetch_errors: fetch_errors(site),
        total,
        max: rules.total,
        provisional: provisional || site.status == SiteStatus::Unreachable,
        band,
        rank: None,
        groups,
        non_unicode_pages: site
            .pages
            .iter()
            .filter_map(|p| {
                p.legacy_encoding.as_ref().map(|e| super::NonUnicodePage {
                    url: p.url.clone(),
                    encoding: e.clone(),
                    note: crate::text::NOT_UNICODE_NOTE.into(),
                })
            })
            .take(super::MAX_NON_UNICODE_LISTED)
            .collect(),
        skipped: Vec::new(),
    }
}

/// Reason code, in `fetch_errors` and in the archived skipped-URL list, of a site whose crawl was
/// cut short because the run was stopped (SIGINT/SIGTERM).
pub const INTERRUPTED: &str = "interrupted";

/// Mark a site whose crawl the run stopped before it ended (SIGINT/SIGTERM): what was not
/// found may simply not have been fetched yet, so every `missing` or `stale` criterion (0
/// points either way) becomes `unmeasured`, the total becomes provisional, an `ok` site becomes
/// `partial`, and the cut is listed in `fetch_errors` with reason [`INTERRUPTED`]. Points
/// already earned stay; auditors' overrides are left alone. `ttdt rescore` applies the same
/// marking when the archive lists the site as interrupted, so both agree.
pub fn mark_interrupted(site: &mut SiteScore) {
    const WHY: &str = "chưa kiểm tra xong: lượt chạy bị dừng trước khi tải hết trang";
    for g in &mut site.groups {
        for c in &mut g.criteria {
            if c.override_.is_none() && matches!(c.status, Status::Missing | Status::Stale) {
                c.status = Status::Unmeasured;
                c.reason = format!("{WHY} ({})", c.reason);
            }
        }
        g.status = group_status(&g.criteria);
    }
    site.provisional = true;
    if site.status == SiteStatus::Ok {
        site.status = SiteStatus::Partial;
    }
    site.fetch_errors.push(FetchError {
        url: site.url.clone(),
        reason: INTERRUPTED.into(),
        detail: "lượt chạy bị dừng (tín hiệu ngắt) trước khi thu thập xong trang này".into(),
    });
}

/// The source decision gives outdated content no points: when every freshness criterion of a
/// group is stale (and no auditor overrode it), the group's other machine findings (section
/// present, item counts) earn nothing either, and are marked stale rather than missing.
fn gate_outdated_group(group: &crate::rules::Group, criteria: &mut [CriterionScore]) {
    let dated: Vec<&CriterionScore> = group
        .criteria
        .iter()
        .zip(criteria.iter())
        .filter(|(rule, _)| rule.freshness.is_some())
        .map(|(_, c)| c)
        .collect();
    let current = dated
        .iter()
        .any(|c| matches!(c.status, Status::Met | Status::Partial | Status::Unmeasured));
    let outdated = dated.iter().any(|c| c.status == Status::Stale);
    if current || !outdated || dated.iter().any(|c| c.override_.is_some()) {
        return;
    }
    for (rule, c) in group.criteria.iter().zip(criteria.iter_mut()) {
        if c.override_.is_none() && matches!(c.status, Status::Met | Status::Partial) {
            c.score = 0.0;
            c.status = Status::Stale;
            c.reason = format!("{}; nhóm đã lỗi thời nên không được tính điểm", c.reason);
            c.fix = Some(rule.fix.clone());
        }
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn unmeasured(c: &Criterion, reason: &str) -> CriterionScore {
    CriterionScore {
        id: c.id.clone(),
        name: c.name.clone(),
        score: 0.0,
        max: c.points,
        status: Status::Unmeasured,
        reason: reason.to_string(),
        fix: None,
        last_updated: None,
        override_: None,
        freshness: None,
    }
}

/// Age of `date` at `as_of` in the rule's unit (0 for today or a future date); working days
/// are counted in the rule set's Vietnamese calendar (weekends, holidays, Tết, make-up days).
fn age(date: NaiveDate, as_of: NaiveDate, unit: AgeUnit, calendar: &WorkCalendar) -> i64 {
    match unit {
        AgeUnit::Days => (as_of - date).num_days().max(0),
        AgeUnit::WorkingDays => calendar.working_days_between(date, as_of),
    }
}

fn unit_label(unit: AgeUnit) -> &'static str {
    match unit {
        AgeUnit::Days => "ngày",
        AgeUnit::WorkingDays => "ngày làm việc",
    }
}

fn fmt_date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

fn score_criterion(
    c: &Criterion,
    f: &Finding,
    as_of: NaiveDate,
    calendar: &WorkCalendar,
) -> CriterionScore {
    let mut cs = CriterionScore {
        id: c.id.clone(),
        name: c.name.clone(),
        score: 0.0,
        max: c.points,
        status: Status::Missing,
        reason: String::new(),
        fix: Some(c.fix.clone()),
        last_updated: f.newest,
        override_: None,
        freshness: None,
    };
    let presence = match f.presence {
        Presence::Unmeasured => {
            cs.status = Status::Unmeasured;
            cs.reason = format!(
                "chưa đo được: {}",
                f.note.as_deref().unwrap_or("không truy cập được")
            );
            return cs;
        }
        Presence::NotFound => {
            cs.reason = "không tìm thấy trên trang".into();
            return cs;
        }
        Presence::ExternalOnly => c.external_factor,
        Presence::Found => 1.0,
    };
    if c.freshness.is_some() || c.completeness.is_some() {
        cs.freshness = Some(f.freshness.clone());
    }
    // "theo danh sách tin", "theo sitemap": where the date of the last update comes from.
    let source = f
        .freshness
        .taken
        .as_ref()
        .map(|t| format!(" {}", t.source.label()))
        .unwrap_or_default();
    let mut reasons = Vec::new();
    match f.matches.first() {
        Some(m) if f.presence == Presence::ExternalOnly => {
            reasons.push(format!("chỉ có liên kết tới cổng bên ngoài {}", m.matched))
        }
        Some(m) => reasons.push(format!("tìm thấy: {} \"{}\"", m.where_, m.matched)),
        None => {}
    }

    let mut factor = presence;
    let mut stale = false;
    if let Some(fr) = &c.freshness {
        match f.newest {
            None => {
                stale = true;
                reasons.push("không thấy mục nào có ngày đăng".into());
            }
            Some(d) => {
                let a = age(d, as_of, fr.unit, calendar);
                match fr.steps.iter().find(|s| a <= i64::from(s.within)) {
                    Some(step) => {
                        factor *= step.factor;
                        reasons.push(format!(
                            "cập nhật gần nhất {}{source} ({} {} trước)",
                            fmt_date(d),
                            a,
                            unit_label(fr.unit)
                        ));
                    }
                    None => {
                        stale = true;
                        reasons.push(format!(
                            "cập nhật gần nhất {}{source} ({} {} trước, quá {} {})",
                            fmt_date(d),
                            a,
                            unit_label(fr.unit),
                            fr.steps.last().map_or(0, |s| s.within),
                            unit_label(fr.unit)
                        ));
                    }
                }
            }
        }
    }
    if let Some(comp) = &c.completeness
        && !stale
    {
        let since = as_of - chrono::Duration::days(i64::from(comp.window_days));
        let n = f
            .items
            .iter()
            .filter(|i| i.date > since && i.date <= as_of)
            .count();
        let need = comp.items_in_window.max(1) as usize;
        if n < need {
            factor *= n as f64 / need as f64;
        }
        reasons.push(format!(
            "{} mục trong {} ngày (cần {})",
            n, comp.window_days, need
        ));
        // Present but nothing recent at all: outdated, not missing.
        stale |= n == 0;
    }
    if stale {
        cs.status = Status::Stale;
        cs.score = 0.0;
    } else {
        cs.score = round2(c.points * factor);
        cs.status = if (factor - 1.0).abs() < 1e-9 {
            Status::Met
        } else {
            Status::Partial
        };
    }
    if cs.status == Status::Met {
        cs.fix = None;
    }
    cs.reason = reasons.join("; ");
    cs
}

fn apply_override(cs: &mut CriterionScore, c: &Criterion, o: &super::Override) {
    let machine = AppliedOverride {
        machine_status: cs.status,
        machine_score: cs.score,
        reason: o.reason.clone(),
        auditor: o.auditor.clone(),
        date: o.date,
    };
    let score = o.score.map(|s| s.min(c.points)).unwrap_or(match o.status {
        Some(Status::Met) => c.points,
        _ => 0.0,
    });
    cs.score = round2(score);
    cs.status = o.status.unwrap_or(if score >= c.points - 1e-9 {
        Status::Met
    } else if score > 0.0 {
        Status::Partial
    } else {
        Status::Missing
    });
    cs.fix = (cs.status != Status::Met).then(|| c.fix.clone());
    cs.override_ = Some(machine);
}

/// A group is met when every criterion is; unmeasured when any criterion could not be measured
/// (its total is provisional); missing when nothing was found; stale when what was found is
/// outdated; partial otherwise.
fn group_status(criteria: &[CriterionScore]) -> Status {
    let all = |s: Status| criteria.iter().all(|c| c.status == s);
    let any = |s: Status| criteria.iter().any(|c| c.status == s);
    if all(Status::Met) {
        Status::Met
    } else if any(Status::Unmeasured) {
        Status::Unmeasured
    } else if all(Status::Missing) {
        Status::Missing
    } else if !any(Status::Met) && !any(Status::Partial) {
        Status::Stale
    } else {
        Status::Partial
    }
}
