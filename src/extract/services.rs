//! Online public services (dịch vụ công trực tuyến) read from one page: links to the national
//! public-service portal and to provincial (or ministerial) DVC portals, and the administrative
//! procedures (thủ tục hành chính) the page lists itself, with the level each one states.
//!
//! Why here and not in the rules: a procedure list is a *table or list structure* (rows of
//! procedures with a level column), which word patterns cannot count. The rules ask for it by
//! the features `procedure_list`, `procedure_levels_toan_trinh` and `procedure_levels_muc_do`.
//!
//! Levels: Decree 43/2011 Art. 3.4 graded online services "mức độ 1–4"; Decree 42/2022 (and
//! Decree 224/2026 Art. 14) replaced that with "toàn trình" (end to end online) and "một
//! phần" (partly online). Both are recorded as written; which one a rule accepts is the rule's
//! choice.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use regex::Regex;
use scraper::{ElementRef, Html, Selector};
use serde::Serialize;

use super::Link;
use crate::text::fold;

/// Most procedures kept per page (bounds memory on a huge list).
const MAX_PROCEDURES_PER_PAGE: usize = 2000;
/// Most distinct procedures kept for a site.
const MAX_PROCEDURES_PER_SITE: usize = 10_000;
/// A cell or badge longer than this is prose, not a level label.
const MAX_LEVEL_LABEL_WORDS: usize = 8;

/// Which kind of public-service portal a host is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PortalKind {
    /// Cổng Dịch vụ công quốc gia, `dichvucong.gov.vn`.
    National,
    /// A province's (or ministry's) DVC portal: `dichvucong.<tinh>.gov.vn`, `dvc.<tinh>.gov.vn`,
    /// `motcua.<tinh>.gov.vn`.
    Provincial,
}

/// A link to a public-service portal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PortalLink {
    /// Host, lowercase, without `www.`.
    pub host: String,
    /// The first link seen to that host.
    pub href: String,
    /// National or provincial.
    pub kind: PortalKind,
    /// For a provincial portal, the `gov.vn` authority label it belongs to (`sonla` for
    /// `dichvucong.sonla.gov.vn`).
    pub authority: Option<String>,
}

/// A level of online service as the page states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum ServiceLevel {
    /// "toàn trình" (Decree 42/2022 and later).
    #[serde(rename = "toan_trinh")]
    ToanTrinh,
    /// "một phần" (Decree 42/2022 and later).
    #[serde(rename = "mot_phan")]
    MotPhan,
    /// "mức độ 1" (Decree 43/2011).
    #[serde(rename = "muc_do_1")]
    MucDo1,
    /// "mức độ 2".
    #[serde(rename = "muc_do_2")]
    MucDo2,
    /// "mức độ 3".
    #[serde(rename = "muc_do_3")]
    MucDo3,
    /// "mức độ 4".
    #[serde(rename = "muc_do_4")]
    MucDo4,
}

impl ServiceLevel {
    /// The key used in JSON and reports (`toan_trinh`, `muc_do_3`, …).
    pub fn key(self) -> &'static str {
        match self {
            ServiceLevel::ToanTrinh => "toan_trinh",
            ServiceLevel::MotPhan => "mot_phan",
            ServiceLevel::MucDo1 => "muc_do_1",
            ServiceLevel::MucDo2 => "muc_do_2",
            ServiceLevel::MucDo3 => "muc_do_3",
            ServiceLevel::MucDo4 => "muc_do_4",
        }
    }

    /// A Decree 42/2022 level (toàn trình / một phần).
    pub fn is_nd42(self) -> bool {
        matches!(self, ServiceLevel::ToanTrinh | ServiceLevel::MotPhan)
    }
}

/// One procedure the page lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Procedure {
    /// Name as written (NFC, whitespace collapsed).
    pub name: String,
    /// Level stated in the row, if any.
    pub level: Option<ServiceLevel>,
}

/// What one page shows of online public services.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PublicServices {
    /// Links to public-service portals, one per host, in page order.
    pub portal_links: Vec<PortalLink>,
    /// Procedures the page lists itself (rows of a procedure table, list entries with a level
    /// badge), in page order.
    pub procedures: Vec<Procedure>,
}

impl PublicServices {
    /// Some listed procedure states a Decree 42 level (toàn trình / một phần).
    pub fn has_nd42_levels(&self) -> bool {
        self.procedures
            .iter()
            .any(|p| p.level.is_some_and(ServiceLevel::is_nd42))
    }

    /// Some listed procedure states a Decree 43 level (mức độ 1–4).
    pub fn has_muc_do_levels(&self) -> bool {
        self.procedures
            .iter()
            .any(|p| p.level.is_some_and(|l| !l.is_nd42()))
    }

    /// Counts per level key, e.g. `toàn trình 3, một phần 4, mức độ 3: 1` (for evidence lines).
    pub fn describe(&self) -> String {
        let mut counts: BTreeMap<ServiceLevel, usize> = BTreeMap::new();
        for l in self.procedures.iter().filter_map(|p| p.level) {
            *counts.entry(l).or_default() += 1;
        }
        let mut parts = vec![format!("{} thủ tục", self.procedures.len())];
        parts.extend(counts.iter().map(|(l, n)| format!("{} {n}", l.key())));
        parts.join(", ")
    }
}

/// The `gov.vn` authority of a host: the label just before `gov.vn` (`sonla` for
/// `stp.sonla.gov.vn`, `moh` for `moh.gov.vn`). A site and a DVC portal with the same authority
/// belong to the same province (or ministry).
pub fn gov_authority(host: &str) -> Option<String> {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let rest = host.strip_suffix(".gov.vn")?;
    let label = rest.rsplit('.').next()?;
    (!label.is_empty() && label != "www").then(|| label.to_string())
}

/// Classify a host as a public-service portal. `dichvucong.<x>.gov.vn` is the common provincial
/// form (e.g. dichvucong.binhduong.gov.vn); `dvc.` and `motcua.` are used by some provinces'
/// one-stop systems. Anything else is not a portal.
pub fn portal_of_host(host: &str) -> Option<(PortalKind, Option<String>)> {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    if host == "dichvucong.gov.vn" {
        return Some((PortalKind::National, None));
    }
    let rest = host.strip_suffix(".gov.vn")?;
    let (first, authority) = rest.split_once('.')?;
    if authority.contains('.') || authority.is_empty() {
        return None;
    }
    matches!(first, "dichvucong" | "dvc" | "motcua")
        .then(|| (PortalKind::Provincial, Some(authority.to_string())))
}

static TABLES: LazyLock<Selector> = LazyLock::new(|| Selector::parse("table").unwrap());
static ROWS: LazyLock<Selector> = LazyLock::new(|| Selector::parse("tr").unwrap());
static LIST_ITEMS: LazyLock<Selector> = LazyLock::new(|| Selector::parse("li").unwrap());
static LINK: LazyLock<Selector> = LazyLock::new(|| Selector::parse("a").unwrap());

/// A level label over folded text: "toàn trình", "DVC một phần", "Mức độ 3", "mức 4".
static LEVEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:(toan trinh)|(mot phan)|muc(?: do)? ([1-4]))\b").expect("valid regex")
});

/// The level a short label states (`None` for prose or no level).
fn level_of(folded: &str) -> Option<ServiceLevel> {
    if folded.is_empty() || folded.split(' ').count() > MAX_LEVEL_LABEL_WORDS {
        return None;
    }
    let c = LEVEL.captures(folded)?;
    if c.get(1).is_some() {
        Some(ServiceLevel::ToanTrinh)
    } else if c.get(2).is_some() {
        Some(ServiceLevel::MotPhan)
    } else {
        match c.get(3)?.as_str() {
            "1" => Some(ServiceLevel::MucDo1),
            "2" => Some(ServiceLevel::MucDo2),
            "3" => Some(ServiceLevel::MucDo3),
            _ => Some(ServiceLevel::MucDo4),
        }
    }
}

fn text_of(el: ElementRef<'_>) -> String {
    super::structure::clean_text(&el.text().collect::<String>())
}

/// Direct `td`/`th` children of a row.
fn cells(tr: ElementRef<'_>) -> Vec<ElementRef<'_>> {
    tr.children()
        .filter_map(ElementRef::wrap)
        .filter(|e| matches!(e.value().name(), "td" | "th"))
        .collect()
}

/// A header cell that names the procedure column.
fn is_procedure_header(folded: &str) -> bool {
    folded.contains("thu tuc") || folded.contains("ten dich vu") || folded.contains("dich vu cong")
}

/// Rows of procedure tables: a table whose header row has a column naming procedures ("Tên
/// thủ tục hành chính"); each data row is one procedure, its level read from the other cells.
fn table_procedures(doc: &Html, out: &mut Vec<Procedure>) {
    for table in doc.select(&TABLES) {
        let rows: Vec<ElementRef<'_>> = table
            .select(&ROWS)
            // Rows of a nested table belong to that table.
            .filter(|tr| {
                tr.ancestors()
                    .filter_map(ElementRef::wrap)
                    .find(|a| a.value().name() == "table")
                    == Some(table)
            })
            .collect();
        // The header is the first row (`<thead>` or a first row of labels).
        let Some(first) = rows.first() else {
            continue;
        };
        let header: Vec<String> = cells(*first)
            .into_iter()
            .map(|c| fold(&text_of(c)))
            .collect();
        let Some(name_col) = header.iter().position(|h| is_procedure_header(h)) else {
            continue;
        };
        for tr in &rows[1..] {
            let cs = cells(*tr);
            if cs.iter().all(|c| c.value().name() == "th") {
                continue;
            }
            let Some(name_cell) = cs.get(name_col) else {
                continue;
            };
            let name = text_of(*name_cell);
            if name.is_empty() {
                continue;
            }
            let level = cs
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != name_col)
                .find_map(|(_, c)| level_of(&fold(&text_of(*c))));
            out.push(Procedure { name, level });
            if out.len() >= MAX_PROCEDURES_PER_PAGE {
                return;
            }
        }
    }
}

/// List entries outside tables that carry a level *badge*: an element of their own whose whole
/// text is a level label (`<li><a>Đăng ký khai sinh</a> <span>Toàn trình</span></li>`). A news
/// headline that merely mentions "toàn trình" in its title has no such badge and is not counted.
fn list_procedures(doc: &Html, out: &mut Vec<Procedure>) {
    for li in doc.select(&LIST_ITEMS) {
        if out.len() >= MAX_PROCEDURES_PER_PAGE {
            return;
        }
        if li
            .ancestors()
            .filter_map(ElementRef::wrap)
            .any(|a| a.value().name() == "table")
        {
            continue;
        }
        let badge = li
            .descendants()
            .skip(1)
            .filter_map(ElementRef::wrap)
            .filter(|e| e.value().name() != "a" && e.value().name() != "li")
            .find_map(|e| level_of(&fold(&text_of(e))));
        let Some(level) = badge else {
            continue;
        };
        let name = li
            .select(&LINK)
            .map(text_of)
            .find(|t| level_of(&fold(t)).is_none() && !t.is_empty())
            .unwrap_or_else(|| text_of(li));
        if !name.is_empty() {
            out.push(Procedure {
                name,
                level: Some(level),
            });
        }
    }
}

/// Read the public-service facts of one page from its parsed tree and its (already resolved)
/// links.
pub(crate) fn read_public_services(doc: &Html, links: &[Link]) -> PublicServices {
    let mut portal_links: Vec<PortalLink> = Vec::new();
    for l in links {
        let Ok(u) = url::Url::parse(&l.href) else {
            continue;
        };
        let Some(host) = u.host_str() else { continue };
        let host = host.to_ascii_lowercase();
        let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
        if portal_links.iter().any(|p| p.host == host) {
            continue;
        }
        if let Some((kind, authority)) = portal_of_host(&host) {
            portal_links.push(PortalLink {
                host,
                href: l.href.clone(),
                kind,
                authority,
            });
        }
    }
    let mut procedures = Vec::new();
    table_procedures(doc, &mut procedures);
    list_procedures(doc, &mut procedures);
    PublicServices {
        portal_links,
        procedures,
    }
}

/// A portal linked from the site, in the site summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct PortalLinkSummary {
    /// Host.
    pub host: String,
    /// `national` or `provincial`.
    pub kind: String,
    /// The portal belongs to the site's own province or ministry (same `gov.vn` authority).
    pub own: bool,
    /// The first link seen to it.
    pub href: String,
    /// Pages that link to it.
    pub pages: usize,
}

/// Online public services of a whole site, for the report (JSON `public_services` of the group
/// that scores them).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct PublicServicesSummary {
    /// Portals linked, national first, then by host.
    pub portal_links: Vec<PortalLinkSummary>,
    /// Distinct procedures listed on the site (by folded name).
    pub procedures: usize,
    /// Distinct procedures per stated level (`toan_trinh`, `mot_phan`, `muc_do_1`…`muc_do_4`).
    pub levels: BTreeMap<String, usize>,
    /// Distinct procedures listed without a level.
    pub without_level: usize,
    /// Pages that list procedures (first five).
    pub list_pages: Vec<String>,
}

/// Folds the pages of one site into a [`PublicServicesSummary`]. The same procedure listed on
/// several pages (a list and its detail page, two list pages that overlap) counts once, with
/// the first level stated for it.
#[derive(Debug, Default)]
pub struct SiteServices {
    own_authority: Option<String>,
    portals: BTreeMap<String, PortalLinkSummary>,
    procedures: BTreeMap<String, Option<ServiceLevel>>,
    list_pages: BTreeSet<String>,
    list_order: Vec<String>,
}

impl SiteServices {
    /// A collector for the site at `start_url` (its host decides which provincial portal is the
    /// site's own).
    pub fn new(start_url: &str) -> Self {
        let own_authority = url::Url::parse(start_url)
            .ok()
            .and_then(|u| u.host_str().and_then(gov_authority));
        SiteServices {
            own_authority,
            ..SiteServices::default()
        }
    }

    /// Take in one page's facts.
    pub fn add(&mut self, page_url: &str, ps: &PublicServices) {
        for p in &ps.portal_links {
            let own = p.kind == PortalKind::Provincial
                && p.authority.is_some()
                && p.authority == self.own_authority;
            let e = self
                .portals
                .entry(p.host.clone())
                .or_insert_with(|| PortalLinkSummary {
                    host: p.host.clone(),
                    kind: match p.kind {
                        PortalKind::National => "national".into(),
                        PortalKind::Provincial => "provincial".into(),
                    },
                    own,
                    href: p.href.clone(),
                    pages: 0,
                });
            e.pages += 1;
        }
        if !ps.procedures.is_empty() && self.list_pages.insert(page_url.to_string()) {
            self.list_order.push(page_url.to_string());
        }
        for p in &ps.procedures {
            if self.procedures.len() >= MAX_PROCEDURES_PER_SITE {
                break;
            }
            let slot = self.procedures.entry(fold(&p.name)).or_insert(None);
            if slot.is_none() {
                *slot = p.level;
            }
        }
    }

    /// The summary.
    pub fn summary(&self) -> PublicServicesSummary {
        let mut portal_links: Vec<PortalLinkSummary> = self.portals.values().cloned().collect();
        portal_links
            .sort_by(|a, b| (a.kind != "national", &a.host).cmp(&(b.kind != "national", &b.host)));
        let mut levels = BTreeMap::new();
        let mut without_level = 0;
        for l in self.procedures.values() {
            match l {
                Some(l) => *levels.entry(l.key().to_string()).or_default() += 1,
                None => without_level += 1,
            }
        }
        PublicServicesSummary {
            portal_links,
            procedures: self.procedures.len(),
            levels,
            without_level,
            list_pages: self.list_order.iter().take(5).cloned().collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_classified() {
        assert_eq!(
            portal_of_host("dichvucong.gov.vn"),
            Some((PortalKind::National, None))
        );
        assert_eq!(
            portal_of_host("www.dichvucong.gov.vn"),
            Some((PortalKind::National, None))
        );
        assert_eq!(
            portal_of_host("dichvucong.sonla.gov.vn"),
            Some((PortalKind::Provincial, Some("sonla".into())))
        );
        assert_eq!(
            portal_of_host("motcua.vinhphuc.gov.vn"),
            Some((PortalKind::Provincial, Some("vinhphuc".into())))
        );
        assert_eq!(portal_of_host("stp.sonla.gov.vn"), None);
        assert_eq!(portal_of_host("dichvucong.example.com"), None);
        assert_eq!(portal_of_host("a.dichvucong.sonla.gov.vn"), None);
        assert_eq!(gov_authority("stp.sonla.gov.vn").as_deref(), Some("sonla"));
        assert_eq!(gov_authority("sonla.gov.vn").as_deref(), Some("sonla"));
        assert_eq!(gov_authority("127.0.0.1"), None);
    }

    #[test]
    fn level_labels() {
        assert_eq!(level_of("toan trinh"), Some(ServiceLevel::ToanTrinh));
        assert_eq!(level_of("dvc mot phan"), Some(ServiceLevel::MotPhan));
        assert_eq!(level_of("muc do 3"), Some(ServiceLevel::MucDo3));
        assert_eq!(level_of("muc 4"), Some(ServiceLevel::MucDo4));
        assert_eq!(level_of("muc do 5"), None);
        assert_eq!(
            level_of(
                "trien khai dich vu cong truc tuyen toan trinh doi voi thu tuc dang ky khai sinh tu ngay"
            ),
            None,
            "prose is not a label"
        );
    }
}
