//! Site evidence × rules → findings: for each criterion, whether the site carries it, which
//! pages, links and dated items prove it, and whether the auditor could look at all.
//!
//! How a section is found: an appraiser opens the menu, clicks "Tin tức" and reads the list.
//! So a criterion is *present* when a link's anchor text or URL slug, a page's heading, title,
//! URL, main text or footer, a linked external portal, or a built-in feature matches its
//! evidence. The *section pages* are the fetched pages a matching link points to, plus pages
//! whose own URL, title or heading matches; their dated items measure freshness and
//! completeness. A matching link whose target could not be fetched makes the criterion
//! `unmeasured`, never `missing`.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::NaiveDate;
use serde::Serialize;

use crate::audit::{PageView, SiteEvidence};
use crate::crawl::canonicalize;
use crate::extract::{DatedItem, PageFacts, PortalKind, Region, gov_authority, portal_of_host};
use crate::freshness::{self, DateSignal, Freshness, IgnoredSignal, SignalSource};
use crate::rules::{Criterion, Feature, FoldedUrl, RuleSet};
use crate::text::fold;

/// Most evidence references kept per criterion (the report stays readable).
const MAX_EVIDENCE: usize = 5;

/// Whether a criterion could be established.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Proven on the site itself.
    Found,
    /// Proven only by a link to an external portal (`link_host`).
    ExternalOnly,
    /// Not found anywhere the auditor could look.
    NotFound,
    /// The auditor could not look: site unreachable, home page drawn by JavaScript, or the
    /// matching section page failed to load.
    Unmeasured,
}

/// One place where a criterion's evidence matched.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Match {
    /// Criterion id.
    pub criterion: String,
    /// Group id.
    pub group: String,
    /// The text that matched (anchor text, heading, URL…).
    pub matched: String,
    /// Where: `link(nav)`, `link(main)`, `link(footer)`, `url`, `title`, `h1`…`h6` (a heading
    /// that titles the page), `breadcrumb` (an entry of the page's breadcrumb trail), `box:h2`…
    /// (a heading of a box within the page), `text`, `footer`, `link_host`, `own_portal` (the
    /// DVC portal of the site's own province: on-site proof), `search_form`, `feed`,
    /// `sitemap_xml`, `procedure_list`, `procedure_levels_toan_trinh`,
    /// `procedure_levels_muc_do`, `mobile_viewport`.
    #[serde(rename = "where")]
    pub where_: String,
    /// The page the match was seen on.
    pub page: String,
    /// For link matches: the link target (the section page).
    pub target: Option<String>,
    /// The rule pattern that matched, as written in the rule file (`""` for site-wide
    /// features); `ttdt inspect` shows it.
    pub pattern: String,
    /// Which element of the page matched (a link, the URL, the title, a heading), for
    /// [`most_specific`]; `None` for page-wide evidence (text, footer, forms, features).
    #[serde(skip)]
    element: Option<Element>,
    /// Words in the longest pattern that matched the element (see
    /// [`crate::rules::Pattern::specificity`]).
    #[serde(skip)]
    specificity: usize,
}

/// An element of a page that one label names: the same menu entry may match several groups'
/// patterns ("Lấy ý kiến dự thảo văn bản" holds "văn bản"), and only the most specific counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Element {
    Link(usize),
    Url,
    Title,
    Heading(usize),
    /// The whole breadcrumb trail: its deepest entry that names a section wins.
    Breadcrumb,
}

/// Why a match that was seen on a page is not counted, for `ttdt inspect`: every drop is a
/// decision the user may question, so it names what outranked the match.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Dropped {
    /// Another group's pattern names the same element more specifically ("Văn bản chỉ đạo điều
    /// hành" is a directive entry, not a documents one).
    Outranked {
        /// The group that won the element.
        group: String,
        /// Its pattern, as written in the rule file.
        pattern: String,
    },
    /// A name of no group ([`RuleSet::no_section`]) names the element at least as specifically
    /// ("Thông báo tuyển dụng" is no directive).
    NoSection {
        /// The name of no group, as written in the rule file.
        pattern: String,
        /// The text it matched.
        matched: String,
    },
    /// The page lists what one tag or keyword marks (`Thẻ: …`, `/tag/…`, Joomla `com_tags`):
    /// items of many sections, so its name is no section's.
    TagPage,
    /// The page names its own section(s) in its title, page heading or breadcrumb, so its URL's
    /// words only say which CMS module serves it.
    PageNamesItself {
        /// The groups the page names.
        groups: Vec<String>,
    },
}

/// Decide, for every element of a page, which groups it evidences: the groups whose best pattern
/// is less specific than another group's are dropped ("Văn bản chỉ đạo điều hành" is a
/// `chi_dao_dieu_hanh` menu entry, not a `van_ban_phap_luat` one, and "Lấy ý kiến dự thảo văn
/// bản" a `lay_y_kien` heading). Ties keep every group. An element that a name of no group names
/// at least as specifically keeps none ("Thông báo tuyển dụng"). Page-wide evidence (text,
/// footer, features) is kept as is. Then [`page_name_over_url`]. Returns, in order, `None` for
/// each kept match and the reason for each dropped one.
fn decide(
    matches: &[&Match],
    vetoes: &HashMap<Element, Match>,
    tag_page: bool,
) -> Vec<Option<Dropped>> {
    let mut best: HashMap<Element, &Match> = HashMap::new();
    for m in matches {
        if let Some(e) = m.element {
            let b = best.entry(e).or_insert(m);
            if m.specificity > b.specificity {
                *b = m;
            }
        }
    }
    // A group keeps an element when one of its criteria reached the best specificity there.
    let mut winners: HashSet<(Element, &str)> = HashSet::new();
    for m in matches {
        if let Some(e) = m.element
            && m.specificity == best[&e].specificity
            && vetoes.get(&e).is_none_or(|v| m.specificity > v.specificity)
        {
            winners.insert((e, m.group.as_str()));
        }
    }
    let mut verdicts: Vec<Option<Dropped>> = matches
        .iter()
        .map(|m| {
            let e = m.element?;
            if winners.contains(&(e, m.group.as_str())) {
                return None;
            }
            Some(match vetoes.get(&e) {
                Some(v) if v.specificity >= best[&e].specificity => Dropped::NoSection {
                    pattern: v.pattern.clone(),
                    matched: v.matched.clone(),
                },
                _ => Dropped::Outranked {
                    group: best[&e].group.clone(),
                    pattern: best[&e].pattern.clone(),
                },
            })
        })
        .collect();
    page_name_over_url(matches, &mut verdicts);
    if tag_page {
        for (m, verdict) in matches.iter().zip(verdicts.iter_mut()) {
            let names_page = matches!(
                m.element,
                Some(Element::Title | Element::Heading(_) | Element::Breadcrumb | Element::Url)
            ) && !m.where_.starts_with("box:");
            if verdict.is_none() && names_page {
                *verdict = Some(Dropped::TagPage);
            }
        }
    }
    verdicts
}

/// Does the page list what one tag or keyword marks? (`Thẻ: Ngày Pháp luật Việt Nam` as its
/// heading, a `/tag/` path, Joomla's `com_tags`.)
fn is_tag_page(facts: &PageFacts) -> bool {
    const TAG_LEADS: &[&str] = &["thẻ:", "tag:", "tags:", "từ khóa:", "từ khoá:", "nhãn:"];
    let url = facts.url.to_ascii_lowercase();
    let heading = facts
        .headings
        .iter()
        .find(|h| h.in_content())
        .map(|h| h.text.to_lowercase());
    url.contains("option=com_tags")
        || url.contains("/tag/")
        || heading.is_some_and(|h| TAG_LEADS.iter().any(|l| h.starts_with(l)))
}

/// When a page names its own section (a title, page heading or breadcrumb entry that is a
/// group's name; a box's heading names only the box), its URL's words only say which part of
/// the CMS serves it (`index.php?mod=news&catid=25` for "Thống kê y tế"): URL matches of groups
/// the page does not name are dropped.
fn page_name_over_url(matches: &[&Match], verdicts: &mut [Option<Dropped>]) {
    let named: BTreeSet<&str> = matches
        .iter()
        .zip(verdicts.iter())
        .filter(|(m, verdict)| {
            verdict.is_none()
                && !m.where_.starts_with("box:")
                && matches!(
                    m.element,
                    Some(Element::Title | Element::Heading(_) | Element::Breadcrumb)
                )
        })
        .map(|(m, _)| m.group.as_str())
        .collect();
    if named.is_empty() {
        return;
    }
    for (m, verdict) in matches.iter().zip(verdicts.iter_mut()) {
        if verdict.is_none() && m.element == Some(Element::Url) && !named.contains(m.group.as_str())
        {
            *verdict = Some(Dropped::PageNamesItself {
                groups: named.iter().map(|g| g.to_string()).collect(),
            });
        }
    }
}

/// The names of no group as one pseudo-criterion, matched like any group's names (links, URL,
/// title, headings, breadcrumb), so its matches carry the same elements and specificities.
fn no_section_criterion(rules: &RuleSet) -> Option<Criterion> {
    let names = &rules.no_section;
    (!names.is_empty()).then(|| Criterion {
        id: "no_section".into(),
        name: String::new(),
        points: 0.0,
        evidence: crate::rules::Evidence {
            link_text: names.clone(),
            url: names.clone(),
            heading: names.clone(),
            title: names.clone(),
            ..Default::default()
        },
        freshness: None,
        completeness: None,
        external_factor: 1.0,
        page_function: false,
        fix: String::new(),
    })
}

/// Per element of a page, the most specific match of a name of no group.
fn vetoes(page: &PreparedPage<'_>, no_section: Option<&Criterion>) -> HashMap<Element, Match> {
    let mut out: HashMap<Element, Match> = HashMap::new();
    for m in no_section
        .map(|c| match_page(page, "", c))
        .unwrap_or_default()
    {
        if let Some(e) = m.element {
            if out.get(&e).is_none_or(|v| m.specificity > v.specificity) {
                out.insert(e, m);
            }
        }
    }
    out
}

impl Match {
    fn external(&self) -> bool {
        self.where_ == "link_host"
    }
}

/// The finding for one criterion.
#[derive(Debug, Clone)]
pub struct Finding {
    /// Criterion id.
    pub criterion: String,
    /// Presence.
    pub presence: Presence,
    /// Matches (evidence), capped.
    pub matches: Vec<Match>,
    /// Record ids of the pages behind the matches (same order as `matches`).
    pub record_ids: Vec<Option<String>>,
    /// Dated items on the section pages, newest first, de-duplicated.
    pub items: Vec<DatedItem>,
    /// Newest used publication date on the section pages.
    pub newest: Option<NaiveDate>,
    /// URL of the page (or sitemap/feed entry) carrying the newest date.
    pub newest_url: Option<String>,
    /// How `newest` was chosen among the section's date signals (list items, article dates,
    /// metadata, feeds, sitemap `<lastmod>`, `Last-Modified`), and what else was seen.
    pub freshness: Freshness,
    /// Why the finding is what it is, for `unmeasured` (e.g. the failing URL).
    pub note: Option<String>,
}

fn region_name(r: Region) -> &'static str {
    match r {
        Region::Nav => "nav",
        Region::Main => "main",
        Region::Footer => "footer",
    }
}

fn canonical(url: &str) -> String {
    url::Url::parse(url)
        .map(|u| canonicalize(&u).to_string())
        .unwrap_or_else(|_| url.to_string())
}

fn host_of(url: &str) -> Option<String> {
    url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(|h| h.to_ascii_lowercase()))
}

/// A page folded once for matching: every criterion is tested against the same folded text,
/// so folding per criterion (38 criteria × every link of every page) is avoided.
pub struct PreparedPage<'a> {
    facts: &'a PageFacts,
    host: Option<String>,
    url: FoldedUrl,
    title: String,
    /// The title's first part ("Chỉ đạo điều hành" of "Chỉ đạo điều hành - Sở Nội vụ"), when it
    /// is short enough to be a section name.
    title_name: Option<String>,
    headings: Vec<String>,
    breadcrumb: Vec<String>,
    main_text: String,
    footer_text: String,
    links: Vec<PreparedLink>,
}

struct PreparedLink {
    text: String,
    url: FoldedUrl,
    /// The URL's own last slug and query when the path has parent segments
    /// ([`leaf_part`]): a URL pattern found only above it names where the link sits.
    leaf: Option<FoldedUrl>,
    host: Option<String>,
    /// A link without words or whose words are an address, a byline link to the author's
    /// archive or a link to a document file: its words describe one article, writer or file
    /// ("Ban biên tập" of WordPress's `/author/bientap/`), not a section, so its anchor text
    /// and slug are not section evidence.
    article: bool,
    /// Its words are too many for a name where it stands: a headline, unless its text starts
    /// with a section's name and its address names the same section ("Tiếp nhận phản ánh,
    /// kiến nghị về quy định hành chính" → `/phan-anh-kien-nghi/tabid/115`). A headline that
    /// leads to one item ([`is_item_url`]) is an `article`.
    headline: bool,
}

/// Words in an anchor text above which a body link is an article title, not a section label.
const MAX_BODY_LABEL_WORDS: usize = 6;
/// Words above which even a menu entry is a headline (news tickers in headers).
const MAX_MENU_LABEL_WORDS: usize = 14;
/// Words of a menu or footer entry up to which a section's name may stand anywhere in it;
/// longer entries must start with the name. Words are syllables: "Các dự án trong Khu kinh tế"
/// and "Quy trình nội bộ giải quyết TTHC" are seven-word menu names, while body links that long
/// are headlines ([`MAX_BODY_LABEL_WORDS`]).
const MAX_MENU_NAME_WORDS: usize = 8;

/// Words above which a page title is an article's headline rather than a section name.
const MAX_TITLE_WORDS: usize = 16;

fn word_count(folded: &str) -> usize {
    folded.split(' ').filter(|w| !w.is_empty()).count()
}

/// Words of a link label's name: the generic lead "Thông tin" does not make a label a headline.
fn label_words(folded: &str) -> usize {
    word_count(crate::rules::without_generic_lead(folded))
}

/// A link to the archive of one author's posts: WordPress `/author/<name>/` or `?author=N`.
fn is_author_archive(href: &str) -> bool {
    url::Url::parse(href).is_ok_and(|u| {
        u.path_segments()
            .is_some_and(|mut segs| segs.any(|s| s.eq_ignore_ascii_case("author")))
            || u.query_pairs().any(|(k, _)| k == "author")
    })
}

/// Titles of the boxes portals put beside every page ("Tin xem nhiều", "Tin mới"), folded: when
/// a sidebar comes first in the HTML, its box title is the first heading but names no page.
fn is_box_title(folded: &str) -> bool {
    [
        "tin xem nhieu",
        "tin doc nhieu",
        "tin moi",
        "tin moi nhat",
        "tin noi bat",
        "tin tieu diem",
        "tin khac",
        "bai viet moi",
        "xem nhieu nhat",
    ]
    .contains(&folded)
}

/// Query parameters that carry a visitor's search words.
const SEARCH_PARAMS: &[&str] = &[
    "s",
    "q",
    "keyword",
    "keywords",
    "tukhoa",
    "searchword",
    "search",
    "query",
    "k",
    "searchtext",
];

/// What archive pages write before the section's name ("Chuyên mục: Tin tức" in WordPress,
/// "Category: …"), folded: it says the page is a listing, not which one. ("Danh mục" is not
/// one: "Danh mục thủ tục hành chính" is a name of its own.)
const LISTING_LABELS: &[&str] = &[
    "chuyen muc ",
    "chu de ",
    "luu tru danh muc ",
    "luu tru ",
    "category ",
    "archives ",
    "archive ",
];

fn without_listing_label(folded: String) -> String {
    for l in LISTING_LABELS {
        if let Some(rest) = folded.strip_prefix(l)
            && !rest.is_empty()
        {
            return rest.to_string();
        }
    }
    folded
}

/// The page part of a title, folded, when it is a short name: titles are written
/// "<page> - <site>" (also `|`, `–`, `»`, `>`, `::`), and the page part of a section page is its
/// name. The title is cut at its last separator, since names hold dashes themselves ("Văn bản
/// mới - Chính sách mới - Sở Giao thông Vận tải"). Old portals write "<site> - <page>" ("UBND
/// THỊ XÃ TAM CỐC - TIN TỨC - SỰ KIỆN"): when the part before the first separator is an
/// agency's or portal's name, the page part is what follows it.
fn title_name(title: &str) -> Option<String> {
    /// How the name of an agency or its portal begins, lowercase with its diacritics ("Sở" is
    /// not "Sơ đồ", which fold alike).
    const SITE_LEADS: &[&str] = &[
        "ubnd ",
        "ủy ban nhân dân ",
        "uỷ ban nhân dân ",
        "sở ",
        "ban quản lý ",
        "văn phòng ",
        "cổng thông tin ",
        "trang thông tin ",
        "cổng ttđt ",
        "trang ttđt ",
    ];
    let words: Vec<&str> = title
        .split([' ', '\u{a0}'])
        .filter(|w| !w.is_empty())
        .collect();
    let is_sep = |w: &&str| matches!(*w, "-" | "|" | "–" | "—" | "»" | ">" | "::" | ":");
    let is_site_name = |words: &[&str]| {
        let head = format!("{} ", crate::text::nfc(&words.join(" ")).to_lowercase());
        SITE_LEADS.iter().any(|l| head.starts_with(l))
    };
    // A short title without the site's name is the page's name ("Sơ đồ website"), unless it
    // is the site's name ("UBND xã Tân Lập").
    let Some(first) = words.iter().position(is_sep) else {
        let folded = without_listing_label(fold(title));
        let n = word_count(&folded);
        return (n > 0 && n <= MAX_BODY_LABEL_WORDS && !is_site_name(&words)).then_some(folded);
    };
    let site_first = is_site_name(&words[..first]);
    let part = if site_first {
        &words[first + 1..]
    } else {
        &words[..words.iter().rposition(is_sep)?]
    };
    let folded = without_listing_label(fold(&part.join(" ")));
    let n = word_count(&folded);
    (n > 0 && n <= MAX_MENU_NAME_WORDS).then_some(folded)
}

/// Does the address lead to one item (an article, a document, a question) rather than to a
/// section? A number of its own in the path (`/tin/1101.html`, `/node/2345`, DNN's
/// `ItemID/905`, but not DNN's page number `tabid/115`), an item id in the query (`?p=123`,
/// `id=760:slug` outside a Joomla category view) or SharePoint's item form (`DispForm.aspx`).
fn is_item_url(href: &str) -> bool {
    let Ok(u) = url::Url::parse(href) else {
        return false;
    };
    let segments: Vec<String> = u
        .path()
        .split('/')
        .filter(|s| !s.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let numbered = segments.iter().enumerate().any(|(k, s)| {
        let stem = s.split('.').next().unwrap_or(s);
        !stem.is_empty()
            && stem.bytes().all(|b| b.is_ascii_digit())
            && (k == 0 || segments[k - 1] != "tabid")
    });
    let category_view = u
        .query_pairs()
        .any(|(k, v)| k.eq_ignore_ascii_case("view") && v.eq_ignore_ascii_case("category"));
    let item_param = u.query_pairs().any(|(k, v)| {
        matches!(
            k.to_ascii_lowercase().as_str(),
            "id" | "itemid" | "p" | "articleid" | "newsid" | "nid" | "postid" | "news_id"
        ) && v.bytes().next().is_some_and(|b| b.is_ascii_digit())
    });
    // WebSphere's content path in the query (`?urile=wcm:path:/sxd/quy-hoach/lay-y-kien-…`)
    // ending in an article's title slug.
    let titled_path = u.query_pairs().any(|(_, v)| {
        v.rsplit('/').next().is_some_and(|last| {
            last.split(['-', '_']).filter(|w| !w.is_empty()).count() >= ARTICLE_SLUG_WORDS
        })
    });
    numbered
        || titled_path
        || segments.iter().any(|s| s.starts_with("dispform"))
        || (item_param && !category_view)
}

/// Is the page a site map ("Sơ đồ site", "Sơ đồ cổng", "Sitemap"), by its title or first
/// heading outside the menu?
fn is_site_map(facts: &PageFacts) -> bool {
    let names = |t: &str| {
        let t = fold(t);
        [
            "so do site",
            "so do trang",
            "so do cong",
            "so do website",
            "sitemap",
            "site map",
        ]
        .iter()
        .any(|w| t.contains(w))
    };
    names(&facts.title)
        || facts
            .headings
            .iter()
            .find(|h| h.in_content())
            .is_some_and(|h| names(&h.text))
}

/// Slugs that name no section, only a CMS view ("chi-tiet" of `/tin-tuc/chi-tiet/12`).
const VIEW_SLUGS: &[&str] = &[
    "chi-tiet",
    "xem-chi-tiet",
    "danh-sach",
    "noi-dung",
    "trang-chu",
    "view-content",
];

/// The last named step of a URL whose path has parents, with the query: `/chinh-sach-moi`
/// for `/wps/portal/x/tin-tuc-su-kien/chinh-sach-moi/!ut/p/z1/…`. A portal files a sub-section
/// under another section's path ("Chính sách mới" under `tin-tuc-su-kien/`): there the parent's
/// slug says where the entry sits and its own name says what it is. A named step is a
/// hyphenated slug of two or more words (`tabid`, `Default.aspx` and WebSphere's `!ut` state
/// are not). `None` when no named step has a parent segment before it.
fn leaf_part(u: &url::Url) -> Option<String> {
    let segments: Vec<&str> = u.path().split('/').filter(|s| !s.is_empty()).collect();
    let named = |s: &&str| {
        let stem = s.split('.').next().unwrap_or(s).to_ascii_lowercase();
        let words: Vec<&str> = stem.split('-').collect();
        words.len() >= 2
            && words.iter().all(|w| w.chars().any(char::is_alphabetic))
            && !VIEW_SLUGS.contains(&stem.as_str())
    };
    let last = segments.iter().rposition(named)?;
    if last == 0 {
        return None;
    }
    let query = u.query().map(|q| format!("?{q}")).unwrap_or_default();
    Some(format!("/{}{query}", segments[last]))
}

/// Words in a slug above which it is an article's title, not a section's name.
const ARTICLE_SLUG_WORDS: usize = 5;

/// The part of a URL that names its section: an article's own title slug (a last path segment
/// of five or more words, `…/thong-bao-to-chuc-hoi-nghi-tong-ket.html`) is dropped, so an
/// article about a "thông báo" does not make its page look like the "Thông báo" section.
fn section_part(url: &str) -> String {
    section_url(url).map_or_else(|| url.to_string(), |u| u.to_string())
}

/// [`section_part`] as a parsed URL (`None` when the address does not parse).
fn section_url(url: &str) -> Option<url::Url> {
    let mut u = url::Url::parse(url).ok()?;
    let mut path = u.path().to_string();
    // Portal CMSs put the site's own name in every path (Liferay `/web/so-ke-hoach-va-dau-tu/…`,
    // WebCenter `/wps/portal/so-noi-vu/…`): it names the agency, never a section, so "kế hoạch"
    // in "Sở Kế hoạch và Đầu tư" must not make every page a planning page.
    for prefix in ["/web/", "/group/", "/wps/portal/", "/webcenter/portal/"] {
        if let Some(rest) = path.strip_prefix(prefix)
            && let Some((_site, tail)) = rest.split_once('/')
        {
            path = format!("{prefix}{tail}");
            u.set_path(&path);
            break;
        }
    }
    let trimmed = path.trim_end_matches('/');
    if let Some((head, last)) = trimmed.rsplit_once('/') {
        let stem = last.split('.').next().unwrap_or(last);
        // WebCenter names every page `pages_<name>`: the prefix is not a word of the name.
        let words = stem
            .split(['-', '_'])
            .filter(|w| !w.is_empty())
            .skip_while(|w| w.eq_ignore_ascii_case("pages"))
            .count();
        if words >= ARTICLE_SLUG_WORDS {
            u.set_path(&format!("{head}/"));
        }
    }
    // A search query names what a visitor looked for, not the section the page is
    // (`/?s=quy+hoạch` is the search page, not the planning section). Joomla writes an
    // article's title slug into its id (`id=245:ky-hop-thu-12-hdnd-xa-tan-phu`): the number is the id,
    // the slug names one article.
    if u.query().is_some() {
        let kept: Vec<(String, String)> = u
            .query_pairs()
            .filter(|(k, _)| !SEARCH_PARAMS.contains(&k.to_ascii_lowercase().as_str()))
            .map(|(k, v)| {
                let v = match v.split_once(':') {
                    Some((id, slug))
                        if !id.is_empty()
                            && id.bytes().all(|b| b.is_ascii_digit())
                            && slug.split(['-', '_']).filter(|w| !w.is_empty()).count()
                                >= ARTICLE_SLUG_WORDS =>
                    {
                        id.to_string()
                    }
                    _ => v.into_owned(),
                };
                (k.into_owned(), v)
            })
            .collect();
        if kept.is_empty() {
            u.set_query(None);
        } else {
            u.query_pairs_mut().clear().extend_pairs(kept);
        }
    }
    Some(u)
}

impl<'a> PreparedPage<'a> {
    /// Fold everything of `facts` that patterns are matched against.
    pub fn new(facts: &'a PageFacts) -> Self {
        // A site map lists the sections by their names in its body, however long.
        let site_map = is_site_map(facts);
        PreparedPage {
            facts,
            host: host_of(&facts.url),
            url: FoldedUrl::new(&section_part(&facts.url)),
            title: fold(&facts.title),
            title_name: title_name(&facts.title),
            headings: facts
                .headings
                .iter()
                .map(|h| without_listing_label(fold(&h.text)))
                .collect(),
            breadcrumb: facts.breadcrumb.iter().map(|c| fold(c)).collect(),
            main_text: fold(&facts.main_text),
            footer_text: fold(&facts.footer_text),
            links: facts
                .links
                .iter()
                .map(|l| {
                    let text = fold(&l.text);
                    let words = label_words(&text);
                    // A banner's label (an image's `alt`) names its target like a menu
                    // entry; visible words in the body that long are a headline.
                    let limit = match l.region {
                        Region::Main if site_map => MAX_MENU_LABEL_WORDS,
                        Region::Main if l.text_from_attribute => MAX_MENU_NAME_WORDS,
                        Region::Main => MAX_BODY_LABEL_WORDS,
                        Region::Nav | Region::Footer => MAX_MENU_LABEL_WORDS,
                    };
                    let section = section_url(&l.href);
                    let headline = words > limit;
                    PreparedLink {
                        leaf: section
                            .as_ref()
                            .and_then(leaf_part)
                            .map(|l| FoldedUrl::new(&l)),
                        url: FoldedUrl::new(
                            &section.map_or_else(|| l.href.clone(), |u| u.to_string()),
                        ),
                        host: host_of(&l.href),
                        // A link whose text is a bare address cites a page, and a picture
                        // without words beside a headline repeats its link; no menu names a
                        // section either way.
                        headline,
                        // … and a headline leading to one item names no section either.
                        article: (headline && is_item_url(&l.href))
                            || l.text.trim().is_empty()
                            || l.text.trim_start().starts_with("http://")
                            || l.text.trim_start().starts_with("https://")
                            || is_author_archive(&l.href)
                            || url::Url::parse(&l.href)
                                .is_ok_and(|u| crate::crawl::is_non_html_path(&u)),
                        text,
                    }
                })
                .collect(),
        }
    }
}

/// Every evidence match of one criterion on one page (links, URL, title, headings, text,
/// footer, external hosts, search forms). Feature matches that are site-wide (sitemap XML,
/// feed records) are added by [`classify`].
pub fn match_page<'r>(page: &PreparedPage<'_>, group: &str, c: &'r Criterion) -> Vec<Match> {
    let facts = page.facts;
    let mut out = Vec::new();
    let mk = |matched: &str, where_: String, target: Option<String>, pattern: &str| Match {
        criterion: c.id.clone(),
        group: group.to_string(),
        matched: matched.to_string(),
        where_,
        page: facts.url.clone(),
        target,
        pattern: pattern.to_string(),
        element: None,
        specificity: 0,
    };
    let on = |m: Match, element: Element, specificity: usize| Match {
        element: Some(element),
        specificity,
        ..m
    };
    // The most specific pattern that hits, with its specificity. Over text, a regex is as
    // specific as the words it matched ("Luật Thống kê" whole is three words, more than the
    // statistics group's "thống kê").
    let best = |patterns: &'r [crate::rules::Pattern],
                hit: &dyn Fn(&crate::rules::Pattern) -> bool|
     -> Option<(usize, &'r crate::rules::Pattern)> {
        patterns
            .iter()
            .filter(|p| hit(p))
            .map(|p| (p.specificity(), p))
            .max_by_key(|(spec, _)| *spec)
    };
    let best_in = |patterns: &'r [crate::rules::Pattern],
                   text: &str,
                   at_start: bool|
     -> Option<(usize, &'r crate::rules::Pattern)> {
        patterns
            .iter()
            .filter(|p| {
                if at_start {
                    p.matches_folded_at_start(text)
                } else {
                    p.matches_folded(text)
                }
            })
            .map(|p| (p.specificity_in(text), p))
            .max_by_key(|(spec, _)| *spec)
    };
    let ev = &c.evidence;
    for (i, (link, prepared)) in facts.links.iter().zip(&page.links).enumerate() {
        let folded = &prepared.text;
        // A long label is a name only when it starts with it ("Tiếp nhận phản ánh, kiến nghị
        // về quy định hành chính"); inside a long one the words belong to a headline ("Thanh tra
        // tỉnh triển khai kế hoạch thanh tra năm 2027" in a menu-bar ticker).
        let by_text = if folded.is_empty() {
            None
        } else if label_words(folded)
            > match link.region {
                Region::Main => MAX_BODY_LABEL_WORDS,
                Region::Nav | Region::Footer => MAX_MENU_NAME_WORDS,
            }
        {
            best_in(&ev.link_text, folded, true)
        } else {
            best_in(&ev.link_text, folded, false)
        };
        if prepared.host == page.host {
            if prepared.article {
                continue;
            }
            let in_url = |url: &FoldedUrl| best(&ev.url, &|p| p.matches_folded_url(url));
            // What a link says outranks where it points at equal length: "ĐẤU THẦU" leading
            // into a SharePoint site named `/congkhai/` is the bidding section. A pattern found
            // only in a parent segment of the URL ranks as one word shorter: it says where the
            // entry sits, which a longer name of the entry itself outranks ("Chính sách mới"
            // under `tin-tuc-su-kien/`), a shorter one not ("Chính sách ưu đãi" under
            // `xuctiendautu/`, named by the generic "chính sách").
            let by_text = by_text.map(|(spec, p)| (2 * spec + 1, p));
            let by_url = match &prepared.leaf {
                None => in_url(&prepared.url).map(|(spec, p)| (2 * spec, p)),
                Some(leaf) => more_specific(
                    in_url(leaf).map(|(spec, p)| (2 * spec, p)),
                    in_url(&prepared.url).map(|(spec, p)| ((2 * spec).saturating_sub(2).max(1), p)),
                ),
            };
            if prepared.headline && (by_text.is_none() || by_url.is_none()) {
                continue;
            }
            if let Some((spec, p)) = more_specific(by_text, by_url) {
                let label = if link.text.is_empty() {
                    link.href.clone()
                } else {
                    link.text.clone()
                };
                out.push(on(
                    mk(
                        &label,
                        format!("link({})", region_name(link.region)),
                        Some(link.href.clone()),
                        &p.raw,
                    ),
                    Element::Link(i),
                    spec,
                ));
            }
        } else if let Some(h) = &prepared.host
            && let Some(p) = by_text
                .map(|(_, p)| p)
                .or_else(|| ev.link_host.iter().find(|p| p.matches_host(h)))
        {
            if is_own_portal(h, page.host.as_deref()) {
                // The DVC portal of the site's own province (or ministry) is where this agency's
                // procedures are filed and processed (one provincial system for all its
                // agencies): the agency's own service, so on-site proof with full points.
                out.push(mk(h, "own_portal".into(), Some(link.href.clone()), &p.raw));
                continue;
            }
            // A link to another site proves only that the agency points to content kept
            // elsewhere (e.g. the national public-service portal): it earns the rule's
            // `external_factor`, never the full on-site points.
            out.push(mk(h, "link_host".into(), Some(link.href.clone()), &p.raw));
        }
    }
    if let Some((spec, p)) = best(&ev.url, &|p| p.matches_folded_url(&page.url)) {
        out.push(on(
            mk(&facts.url, "url".into(), None, &p.raw),
            Element::Url,
            spec,
        ));
    }
    if !page.title.is_empty()
        && word_count(&page.title) <= MAX_TITLE_WORDS
        && let Some((spec, p)) = best_in(&ev.title, &page.title, false)
    {
        out.push(on(
            mk(&facts.title, "title".into(), None, &p.raw),
            Element::Title,
            spec,
        ));
    }
    // A short page part of the title that starts with a section's name names the page ("Tủ
    // sách pháp luật > UBND xã Tân Lập", where the h1 is the agency's name); starting, so that
    // an agency's name ("Sở Kế hoạch và Đầu tư") is not read as the planning section.
    if !out.iter().any(|m| m.element == Some(Element::Title))
        && let Some(name) = &page.title_name
        && let Some((spec, p)) = best_in(&ev.heading, name, true)
    {
        out.push(on(
            mk(&facts.title, "title".into(), None, &p.raw),
            Element::Title,
            spec,
        ));
    }
    // A heading proves the content is on the site; but only a heading that titles the page (any
    // h1, or the first heading) says what the page is. Other headings title a box of a few
    // items (`box:h2`), not the page, so they do not make it a section page. A long heading is
    // an article's headline, not a section name.
    // Headings in the menu (a mega-menu's column titles) or the footer title no page and do
    // not count as the page's first heading.
    let first_content_heading = facts.headings.iter().position(|h| h.in_content());
    for (i, (h, f)) in facts.headings.iter().zip(&page.headings).enumerate() {
        let long = word_count(f) > MAX_BODY_LABEL_WORDS;
        if word_count(f) <= MAX_MENU_LABEL_WORDS
            && let Some((spec, p)) = best_in(&ev.heading, f, long)
        {
            let in_page = h.in_content();
            let titles_page =
                in_page && (h.level == 1 || (Some(i) == first_content_heading && !is_box_title(f)));
            let where_ = if titles_page {
                format!("h{}", h.level)
            } else {
                format!("box:h{}", h.level)
            };
            out.push(on(
                mk(&h.text, where_, None, &p.raw),
                Element::Heading(i),
                spec,
            ));
        }
    }
    // The breadcrumb says which section the page is in ("Trang chủ › Tin tức › <article>"), so
    // an article is read as part of its section. Long entries are article titles, not section
    // names. The deepest entry that names a section is the most specific.
    for (depth, (crumb, f)) in facts.breadcrumb.iter().zip(&page.breadcrumb).enumerate() {
        if word_count(f) > MAX_BODY_LABEL_WORDS {
            continue;
        }
        let by_name = more_specific(
            best_in(&ev.link_text, f, false),
            best_in(&ev.heading, f, false),
        );
        if let Some((spec, p)) = by_name {
            out.push(on(
                mk(crumb, "breadcrumb".into(), None, &p.raw),
                Element::Breadcrumb,
                depth * 100 + spec,
            ));
        }
    }
    if let Some(p) = ev.text.iter().find(|p| p.matches_folded(&page.main_text)) {
        out.push(mk(&p.raw, "text".into(), None, &p.raw));
    }
    if let Some(p) = ev
        .footer
        .iter()
        .find(|p| p.matches_folded(&page.footer_text))
    {
        out.push(mk(&p.raw, "footer".into(), None, &p.raw));
    }
    if ev.features.contains(&Feature::SearchForm)
        && let Some(form) = facts.forms.iter().find(|f| f.is_search)
    {
        out.push(mk(
            &form.action,
            "search_form".into(),
            None,
            "feature: search_form",
        ));
    }
    if ev.features.contains(&Feature::Feed)
        && let Some(feed) = facts.feeds.first()
    {
        out.push(mk(feed, "feed".into(), None, "feature: feed"));
    }
    let ps = &facts.public_services;
    if !ps.procedures.is_empty() {
        let wanted = [
            (Feature::ProcedureList, true, "procedure_list"),
            (
                Feature::ProcedureLevelsToanTrinh,
                ps.has_nd42_levels(),
                "procedure_levels_toan_trinh",
            ),
            (
                Feature::ProcedureLevelsMucDo,
                ps.has_muc_do_levels(),
                "procedure_levels_muc_do",
            ),
        ];
        for (feature, seen, where_) in wanted {
            if seen && ev.features.contains(&feature) {
                out.push(mk(
                    &ps.describe(),
                    where_.into(),
                    None,
                    &format!("feature: {where_}"),
                ));
            }
        }
    }
    if ev.features.contains(&Feature::MobileViewport) && facts.mobile_viewport {
        out.push(mk(
            "meta viewport width=device-width",
            "mobile_viewport".into(),
            None,
            "feature: mobile_viewport",
        ));
    }
    out
}

/// The more specific of two pattern hits (the first on a tie).
fn more_specific<'p>(
    a: Option<(usize, &'p crate::rules::Pattern)>,
    b: Option<(usize, &'p crate::rules::Pattern)>,
) -> Option<(usize, &'p crate::rules::Pattern)> {
    match (a, b) {
        (Some(x), Some(y)) => Some(if y.0 > x.0 { y } else { x }),
        (x, y) => x.or(y),
    }
}

/// A link host that is the provincial (or ministerial) DVC portal of the page's own `gov.vn`
/// authority: `dichvucong.sonla.gov.vn` linked from `stp.sonla.gov.vn`.
fn is_own_portal(link_host: &str, page_host: Option<&str>) -> bool {
    let Some(own) = page_host.and_then(gov_authority) else {
        return false;
    };
    matches!(portal_of_host(link_host), Some((PortalKind::Provincial, Some(a))) if a == own)
}

/// Classifies a site one page at a time, so a crawl of thousands of pages need not keep every
/// page's links and text until it is scored: each page is folded once, matched against every
/// criterion, and only bounded per-criterion state (section URLs, the first evidence) is kept.
/// The section pages' dated items are read at [`Classifier::finish`] from the site evidence.
pub struct Classifier<'r> {
    criteria: Vec<(&'r str, &'r Criterion)>,
    no_section: Option<Criterion>,
    acc: Vec<Accumulated>,
}

impl<'r> Classifier<'r> {
    /// A classifier for every criterion of `rules`.
    pub fn new(rules: &'r RuleSet) -> Self {
        let criteria: Vec<(&str, &Criterion)> = rules
            .groups
            .iter()
            .flat_map(|g| g.criteria.iter().map(move |c| (g.id.as_str(), c)))
            .collect();
        let acc = criteria.iter().map(|_| Accumulated::default()).collect();
        Classifier {
            criteria,
            no_section: no_section_criterion(rules),
            acc,
        }
    }

    /// Match one page against every criterion. The home page digests every section: it proves
    /// sections through its menu links, but its own dates are not any one section's.
    pub fn observe(&mut self, page: &PageView, is_home: bool) {
        let prep = PreparedPage::new(&page.facts);
        let tagged: Vec<(usize, Match)> = self
            .criteria
            .iter()
            .enumerate()
            .flat_map(|(i, (group, c))| {
                match_page(&prep, group, c).into_iter().map(move |m| (i, m))
            })
            .collect();
        let vetoes = vetoes(&prep, self.no_section.as_ref());
        let refs: Vec<&Match> = tagged.iter().map(|(_, m)| m).collect();
        let verdicts = decide(&refs, &vetoes, is_tag_page(&page.facts));
        for ((i, m), dropped) in tagged.into_iter().zip(verdicts) {
            if dropped.is_none() {
                self.acc[i].add(m, page, is_home);
            }
        }
    }

    /// The finding of every criterion, in rule order.
    pub fn finish(self, site: &SiteEvidence) -> Vec<Finding> {
        if site.pages.is_empty() || site.script_only_home {
            return self
                .criteria
                .iter()
                .map(|(_, c)| unmeasured_site(site, c))
                .collect();
        }
        let by_url: HashMap<&str, &PageView> =
            site.pages.iter().map(|p| (p.url.as_str(), p)).collect();
        // Criteria sharing their evidence (a section, its freshness, its item count) share
        // their section pages: their freshness is chosen once.
        let mut memo: HashMap<BTreeSet<String>, Freshness> = HashMap::new();
        self.criteria
            .into_iter()
            .zip(self.acc)
            .map(|((group, c), a)| finish_criterion(site, &by_url, &mut memo, group, c, a))
            .collect()
    }
}

/// What one criterion has gathered over the pages so far.
#[derive(Default)]
struct Accumulated {
    /// The first matches of each evidence class, in page order (classes: on-site link, on-site
    /// page match, external link, external other) — enough for the evidence list.
    kept: [Vec<(Match, Option<String>)>; 4],
    any: bool,
    on_site: bool,
    feed_seen: bool,
    section_urls: BTreeSet<String>,
}

impl Accumulated {
    fn add(&mut self, m: Match, page: &PageView, is_home: bool) {
        match &m.target {
            Some(t) if !m.external() => {
                self.section_urls.insert(canonical(t));
            }
            None if !is_home
                && !m.where_.starts_with("box:")
                && !matches!(
                    m.where_.as_str(),
                    "text" | "footer" | "search_form" | "feed" | "mobile_viewport"
                ) =>
            {
                // The page itself is a section page (its URL, title or heading matched).
                self.section_urls.insert(page.url.clone());
            }
            _ => {}
        }
        self.any = true;
        self.on_site |= !m.external();
        self.feed_seen |= m.where_ == "feed";
        let class = usize::from(m.external()) * 2 + usize::from(m.target.is_none());
        if self.kept[class].len() < MAX_EVIDENCE {
            self.kept[class].push((m, Some(page.record_id.clone())));
        }
    }
}

fn unmeasured_site(site: &SiteEvidence, c: &Criterion) -> Finding {
    Finding {
        criterion: c.id.clone(),
        presence: Presence::Unmeasured,
        matches: Vec::new(),
        record_ids: Vec::new(),
        items: Vec::new(),
        newest: None,
        newest_url: None,
        freshness: Freshness::default(),
        note: Some(if site.script_only_home {
            "trang chủ chỉ hiển thị bằng JavaScript (needs JavaScript)".into()
        } else {
            "không truy cập được trang chủ".into()
        }),
    }
}

fn finish_criterion(
    site: &SiteEvidence,
    by_url: &HashMap<&str, &PageView>,
    memo: &mut HashMap<BTreeSet<String>, Freshness>,
    group: &str,
    c: &Criterion,
    acc: Accumulated,
) -> Finding {
    let mut finding = Finding {
        criterion: c.id.clone(),
        presence: Presence::NotFound,
        matches: Vec::new(),
        record_ids: Vec::new(),
        items: Vec::new(),
        newest: None,
        newest_url: None,
        freshness: Freshness::default(),
        note: None,
    };
    let Accumulated {
        kept,
        any,
        on_site,
        feed_seen,
        section_urls,
    } = acc;
    let [mut links, mut own, ext_links, ext_other] = kept;
    let mut any = any;
    let features = &c.evidence.features;
    // Site-wide features are on-site evidence without a target (the "page match" class).
    let mut on_site = on_site;
    if features.contains(&Feature::SitemapXml) && site.has_sitemap_xml {
        own.push((site_feature_match(site, group, c, "sitemap_xml"), None));
        any = true;
        on_site = true;
    }
    if features.contains(&Feature::Feed) && site.has_feed && !feed_seen {
        own.push((site_feature_match(site, group, c, "feed"), None));
        any = true;
        on_site = true;
    }
    let mut matches = Vec::new();
    matches.append(&mut links);
    matches.append(&mut own);
    matches.extend(ext_links);
    matches.extend(ext_other);

    let section_pages: Vec<&PageView> = site
        .pages
        .iter()
        .filter(|p| section_urls.contains(&p.url))
        .collect();
    // A matching link whose target failed to load: the section exists but could not be read.
    let failed_targets: Vec<&str> = site
        .failed
        .iter()
        .filter(|f| section_urls.contains(&f.url))
        .map(|f| f.url.as_str())
        .collect();
    let needs_dates = c.freshness.is_some() || c.completeness.is_some();

    finding.presence = if on_site {
        if needs_dates && section_pages.is_empty() && !failed_targets.is_empty() {
            finding.note = Some(format!(
                "không tải được trang chuyên mục {}",
                failed_targets[0]
            ));
            Presence::Unmeasured
        } else if needs_dates
            && !section_pages.is_empty()
            && section_pages.iter().all(|p| p.facts.script_only)
        {
            // The section exists, but its list is drawn by JavaScript: its dates could not be
            // read, which is not the same as a stale section.
            finding.note = Some(format!(
                "trang chuyên mục cần JavaScript để hiển thị (needs JavaScript): {}",
                section_pages[0].url
            ));
            Presence::Unmeasured
        } else {
            Presence::Found
        }
    } else if any {
        Presence::ExternalOnly
    } else if let Some(f) = site
        .failed
        .iter()
        .find(|f| c.evidence.url.iter().any(|p| p.matches_url(&f.url)))
    {
        finding.note = Some(format!("không tải được {} ({})", f.url, f.reason));
        Presence::Unmeasured
    } else {
        Presence::NotFound
    };

    // Dated items of the section pages, newest first, de-duplicated by (date, title).
    let mut seen = HashSet::new();
    let mut items: Vec<DatedItem> = Vec::new();
    for p in &section_pages {
        for it in &p.facts.items {
            if seen.insert((it.date, it.title.clone())) {
                items.push(it.clone());
            }
        }
    }
    items.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.title.cmp(&b.title)));
    finding.items = items;
    if !section_pages.is_empty() {
        finding.freshness = match memo.get(&section_urls) {
            Some(f) => f.clone(),
            None => {
                let (signals, ignored) =
                    section_signals(site, by_url, &section_pages, &section_urls);
                let f = freshness::choose(signals, ignored, site.as_of);
                memo.insert(section_urls.clone(), f.clone());
                f
            }
        };
        if let Some(t) = &finding.freshness.taken {
            finding.newest = Some(t.date);
            finding.newest_url = Some(t.url.clone());
        }
    }
    // On-site matches come first in the evidence list, and section links before page matches.
    matches.truncate(MAX_EVIDENCE);
    for (m, rid) in matches {
        finding.matches.push(m);
        finding.record_ids.push(rid);
    }
    finding
}

/// Every date signal of a section: its pages' item and page dates, the own dates of the
/// article pages its items link to, the dated entries of the feeds it links (a feed the home
/// page links too is the site-wide feed: only its entries inside the section count), sitemap
/// `<lastmod>` of URLs inside the section's path, and its pages' `Last-Modified`.
fn section_signals(
    site: &SiteEvidence,
    by_url: &HashMap<&str, &PageView>,
    section_pages: &[&PageView],
    section_urls: &BTreeSet<String>,
) -> (Vec<DateSignal>, Vec<IgnoredSignal>) {
    let mut signals = Vec::new();
    let mut ignored = Vec::new();
    let mut articles_seen = HashSet::new();
    for p in section_pages {
        signals.extend(p.facts.signals.iter().cloned());
        ignored.extend(p.facts.future_dates.iter().cloned());
        signals.extend(p.last_modified.iter().cloned());
        ignored.extend(p.last_modified_ignored.iter().cloned());
        for it in &p.facts.items {
            let Some(href) = &it.href else { continue };
            let target = canonical(href);
            if section_urls.contains(&target) || !articles_seen.insert(target.clone()) {
                continue;
            }
            if let Some(a) = by_url.get(target.as_str()) {
                let own = |s: &&DateSignal| s.source != SignalSource::ListItem;
                signals.extend(a.facts.signals.iter().filter(own).cloned());
                ignored.extend(
                    a.facts
                        .future_dates
                        .iter()
                        .filter(|i| own(&&i.signal))
                        .cloned(),
                );
            }
        }
    }
    let sections: Vec<url::Url> = section_pages
        .iter()
        .filter_map(|p| url::Url::parse(&p.url).ok())
        .collect();
    let scope = freshness::SectionScope::new(&sections);
    let inside = |u: &url::Url| scope.contains(u);
    for e in &site.sitemap_dates {
        if inside(&e.url) {
            signals.push(DateSignal::new(
                e.lastmod.date,
                SignalSource::SitemapLastmod,
                e.url.as_str(),
                e.lastmod.text.clone(),
            ));
        }
    }
    let linked: HashSet<String> = section_pages
        .iter()
        .flat_map(|p| p.facts.feeds.iter().map(|f| canonical(f)))
        .collect();
    let site_wide: HashSet<String> = site
        .pages
        .first()
        .filter(|home| !section_urls.contains(&home.url))
        .map(|home| home.facts.feeds.iter().map(|f| canonical(f)).collect())
        .unwrap_or_default();
    for feed in &site.feed_dates {
        if !linked.contains(&feed.url) {
            continue;
        }
        let own_feed = !site_wide.contains(&feed.url);
        for e in &feed.entries {
            let entry_url = e.url.as_deref().and_then(|u| url::Url::parse(u).ok());
            if own_feed || entry_url.as_ref().is_some_and(&inside) {
                let text = if e.title.is_empty() {
                    e.text.clone()
                } else {
                    format!("{} — {}", e.text, e.title)
                };
                signals.push(DateSignal::new(
                    e.date,
                    SignalSource::FeedItem,
                    e.url.clone().unwrap_or_else(|| feed.url.clone()),
                    text,
                ));
            }
        }
    }
    (signals, ignored)
}

fn site_feature_match(site: &SiteEvidence, group: &str, c: &Criterion, what: &str) -> Match {
    Match {
        criterion: c.id.clone(),
        group: group.to_string(),
        matched: what.to_string(),
        where_: what.to_string(),
        page: site.start_url.clone(),
        target: None,
        element: None,
        specificity: 0,
        pattern: format!("feature: {what}"),
    }
}

/// What one page evidences, for `ttdt inspect` and the accuracy harness: every criterion match
/// that counts on the page.
pub fn page_matches(facts: &PageFacts, rules: &RuleSet) -> Vec<Match> {
    page_decisions(facts, rules)
        .into_iter()
        .filter_map(|(m, dropped)| dropped.is_none().then_some(m))
        .collect()
}

/// Every criterion match seen on one page with the decision taken on it: `None` when it counts,
/// or why not. `ttdt inspect` shows both, so a name that seems ignored can be traced to the
/// pattern that outranked it.
pub fn page_decisions(facts: &PageFacts, rules: &RuleSet) -> Vec<(Match, Option<Dropped>)> {
    let page = PreparedPage::new(facts);
    let all: Vec<Match> = rules
        .groups
        .iter()
        .flat_map(|g| g.criteria.iter().flat_map(|c| match_page(&page, &g.id, c)))
        .collect();
    let vetoes = vetoes(&page, no_section_criterion(rules).as_ref());
    let verdicts = decide(&all.iter().collect::<Vec<_>>(), &vetoes, is_tag_page(facts));
    all.into_iter().zip(verdicts).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(url: &str, html: &str) -> crate::extract::PageFacts {
        crate::extract::extract(
            &url::Url::parse(url).unwrap(),
            html,
            chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        )
    }

    fn groups_of(matches: &[Match], where_: &str) -> BTreeSet<String> {
        matches
            .iter()
            .filter(|m| m.where_.starts_with(where_))
            .map(|m| m.group.clone())
            .collect()
    }

    /// Every match that does not count says why, naming what outranked it: `inspect` shows it.
    #[test]
    fn each_dropped_match_names_what_outranked_it() {
        let rules = crate::rules::default_rules();
        let facts = page(
            "https://so.example.gov.vn/index.php?mod=news&catid=25",
            r#"<html><head><title>Lấy ý kiến dự thảo văn bản</title></head><body><nav>
            <a href="/cddh">Văn bản chỉ đạo điều hành</a><a href="/td">Thông báo tuyển dụng</a></nav>
            <main><h1>Lấy ý kiến dự thảo văn bản</h1></main></body></html>"#,
        );
        let decisions = page_decisions(&facts, &rules);
        let reason = |group: &str, matched: &str| {
            decisions
                .iter()
                .find(|(m, _)| m.group == group && m.matched == matched)
                .unwrap_or_else(|| panic!("no {group} match on {matched}: {decisions:#?}"))
                .1
                .clone()
        };
        assert!(matches!(
            reason("van_ban_phap_luat", "Văn bản chỉ đạo điều hành"),
            Some(Dropped::Outranked { group, .. }) if group == "chi_dao_dieu_hanh"
        ));
        assert_eq!(
            reason("chi_dao_dieu_hanh", "Văn bản chỉ đạo điều hành"),
            None
        );
        assert!(matches!(
            reason("chi_dao_dieu_hanh", "Thông báo tuyển dụng"),
            Some(Dropped::NoSection { matched, .. }) if matched == "Thông báo tuyển dụng"
        ));
        let url = decisions
            .iter()
            .find(|(m, _)| m.group == "tin_tuc" && m.where_ == "url")
            .expect("the URL's mod=news matches tin_tuc");
        assert_eq!(
            url.1,
            Some(Dropped::PageNamesItself {
                groups: vec!["lay_y_kien".into()]
            })
        );
        // page_matches is exactly the matches that count
        let counted: Vec<Match> = decisions
            .iter()
            .filter(|(_, d)| d.is_none())
            .map(|(m, _)| m.clone())
            .collect();
        assert_eq!(page_matches(&facts, &rules), counted);
    }

    /// A sub-section filed under another section's path is named by its own words when they
    /// are longer than the parent's slug ("Chính sách mới" under `tin-tuc-su-kien/`), by the
    /// parent when its own words are generic ("Chính sách ưu đãi" under `xuc-tien-dau-tu/`).
    #[test]
    fn a_parent_segment_says_where_an_entry_sits_not_what_it_is() {
        let rules = crate::rules::default_rules();
        let facts = page(
            "https://phuong.example.gov.vn/wps/portal/phuong/trang-chu",
            r#"<html><body><nav>
            <a href="/wps/portal/phuong/tin-tuc-su-kien/chinh-sach-moi/!ut/p/z1/04_Sj9C/dz/d5/L2dB/">Chính sách mới</a>
            <a href="/xuc-tien-dau-tu/Pages/chinh-sach-uu-dai.aspx">Chính sách ưu đãi</a>
            <a href="/tin-tuc-su-kien/1234.html">Tin nổi bật</a>
            </nav><main><p>x</p></main></body></html>"#,
        );
        let m = page_matches(&facts, &rules);
        let groups_of_link = |text: &str| -> BTreeSet<String> {
            m.iter()
                .filter(|m| m.matched == text && m.where_.starts_with("link"))
                .map(|m| m.group.clone())
                .collect()
        };
        assert_eq!(
            groups_of_link("Chính sách mới"),
            BTreeSet::from(["pho_bien_phap_luat".into()])
        );
        assert_eq!(
            groups_of_link("Chính sách ưu đãi"),
            BTreeSet::from(["quy_hoach_ke_hoach".into()])
        );
        assert_eq!(
            groups_of_link("Tin nổi bật"),
            BTreeSet::from(["tin_tuc".into()])
        );
        let leaf = |u: &str| leaf_part(&url::Url::parse(u).unwrap());
        assert_eq!(
            leaf("https://x.gov.vn/tin-tuc-su-kien/chinh-sach-moi/!ut/p/z1/04_Sj9C/dz/d5/"),
            Some("/chinh-sach-moi".into())
        );
        assert_eq!(leaf("https://x.gov.vn/tin-tuc/chi-tiet/12?id=3"), None);
        assert_eq!(leaf("https://x.gov.vn/tin-tuc/1234.html"), None);
        assert_eq!(leaf("https://x.gov.vn/tabid/57/Default.aspx"), None);
    }

    /// A banner's label (an image's `alt`) and a site map's entries name their sections like
    /// menu entries, up to the menu's length; visible words that long in a page body are a
    /// headline.
    #[test]
    fn banners_and_site_maps_name_sections_by_long_names() {
        let rules = crate::rules::default_rules();
        let body = r#"<main><h2>Văn bản mới</h2><p><a href="/Lists/GopY/AllItems.aspx"><img src="/b.jpg" alt="Lấy ý kiến dự thảo văn bản"></a></p>
            <p><a href="/Lists/DS7/AllItems.aspx">Lấy ý kiến dự thảo văn bản quy phạm pháp luật</a></p></main>"#;
        let links = |title: &str| -> BTreeSet<String> {
            let facts = page(
                "https://stc.example.gov.vn/Pages/x.aspx",
                &format!("<html><head><title>{title}</title></head><body>{body}</body></html>"),
            );
            page_matches(&facts, &rules)
                .into_iter()
                .filter(|m| m.where_.starts_with("link") && m.group == "lay_y_kien")
                .filter_map(|m| m.target)
                .collect()
        };
        assert_eq!(
            links("Văn bản mới"),
            BTreeSet::from(["https://stc.example.gov.vn/Lists/GopY/AllItems.aspx".into()])
        );
        assert_eq!(
            links("Sơ đồ cổng"),
            BTreeSet::from([
                "https://stc.example.gov.vn/Lists/GopY/AllItems.aspx".into(),
                "https://stc.example.gov.vn/Lists/DS7/AllItems.aspx".into(),
            ])
        );
    }

    /// A long body link is a headline, unless its text starts with a section's name and its
    /// address names the same section without pointing at one item.
    #[test]
    fn a_long_body_link_to_a_section_names_it() {
        let rules = crate::rules::default_rules();
        let facts = page(
            "https://banlenh.example.gov.vn/Default.aspx?tabid=36",
            r#"<html><body><main>
            <p><a href="/phan-anh-kien-nghi/tabid/115/default.aspx">Tiếp nhận phản ánh, kiến nghị về quy định hành chính</a></p>
            <p><a href="/Lists/GopY/DispForm.aspx?ID=7">Lấy ý kiến dự thảo Quyết định quy định phân cấp cấp giấy phép xây dựng</a></p>
            <p><a href="/tin/1101.html">Thông cáo báo chí về vụ sạt lở tại bản Khau Phạ</a></p>
            </main></body></html>"#,
        );
        let m = page_matches(&facts, &rules);
        let linked: BTreeSet<String> = m
            .iter()
            .filter(|m| m.where_.starts_with("link"))
            .filter_map(|m| m.target.clone())
            .collect();
        assert_eq!(
            linked,
            BTreeSet::from([
                "https://banlenh.example.gov.vn/phan-anh-kien-nghi/tabid/115/default.aspx"
                    .to_string()
            ])
        );
        assert!(is_item_url(
            "https://x.gov.vn/index.php?option=com_content&view=article&id=760:hoi-dap"
        ));
        assert!(!is_item_url(
            "https://x.gov.vn/index.php?option=com_content&view=category&id=24"
        ));
        assert!(is_item_url(
            "https://x.gov.vn/van-ban/tabid/80/ItemID/905/default.aspx"
        ));
        assert!(!is_item_url(
            "https://x.gov.vn/van-ban/tabid/80/default.aspx"
        ));
        assert!(is_item_url(
            "https://x.gov.vn/wps/portal/sxd/quy-hoach/?urile=wcm:path:/sxd/quy-hoach/lay-y-kien-nhiem-vu-quy-hoach-phan-khu"
        ));
    }

    /// A mega-menu's column title ("TỔ CHỨC BỘ MÁY" as an `h6` in the navigation) titles no
    /// page, and the page's first heading is its first heading outside the menu.
    #[test]
    fn headings_in_the_menu_title_no_page() {
        let rules = crate::rules::default_rules();
        let facts = page(
            "https://so.example.gov.vn/cong-bao",
            r#"<html><body><nav class="navbar"><div class="mega"><h6>TỔ CHỨC BỘ MÁY</h6>
            <a href="/to-chuc">Cơ cấu tổ chức</a></div></nav>
            <main><h2>Công báo</h2><ul><li><a href="/cb/1">Công báo số 58</a></li></ul></main></body></html>"#,
        );
        let m = page_matches(&facts, &rules);
        assert!(groups_of(&m, "h6").is_empty(), "{m:#?}");
        assert_eq!(
            groups_of(&m, "h2"),
            BTreeSet::from(["van_ban_phap_luat".to_string()])
        );
    }

    /// A tag listing ("Thẻ: Ngày Pháp luật Việt Nam", Joomla `com_tags`) mixes items of many
    /// sections: its title, heading and breadcrumb name no section, and say why.
    #[test]
    fn a_tag_page_names_no_section() {
        let rules = crate::rules::default_rules();
        let facts = page(
            "https://stp.example.gov.vn/index.php?option=com_tags&view=tag&id=7",
            r#"<html><head><title>Ngày Pháp luật Việt Nam - Sở Tư pháp</title></head><body>
            <nav><a href="/pbgdpl">Phổ biến giáo dục pháp luật</a></nav>
            <main><h2>Thẻ: Ngày Pháp luật Việt Nam</h2><ul><li><a href="/a/1">Hưởng ứng Ngày Pháp luật năm 2026 tại các xã</a></li></ul></main></body></html>"#,
        );
        let decisions = page_decisions(&facts, &rules);
        assert!(
            decisions
                .iter()
                .any(|(m, d)| m.where_ == "title" && *d == Some(Dropped::TagPage)),
            "{decisions:#?}"
        );
        let m = page_matches(&facts, &rules);
        assert!(groups_of(&m, "title").is_empty() && groups_of(&m, "h2").is_empty());
        // its menu still links the section
        assert!(
            m.iter()
                .any(|x| x.group == "pho_bien_phap_luat" && x.where_ == "link(nav)")
        );
    }

    /// A page headed by a group's more specific name is that group's, not the broader name's
    /// ("Văn bản mới" is law dissemination by convention, not the documents' "văn bản";
    /// "Văn bản dự thảo" is consultation).
    #[test]
    fn a_more_specific_heading_name_wins_the_page() {
        let rules = crate::rules::default_rules();
        for (heading, group) in [
            ("Văn bản mới", "pho_bien_phap_luat"),
            ("Văn bản dự thảo", "lay_y_kien"),
            ("Lịch công tác của lãnh đạo", "chi_dao_dieu_hanh"),
        ] {
            let facts = page(
                "https://so.example.gov.vn/index.php?id=9",
                &format!(
                    "<html><head><title>{heading} - Sở Khoa học</title></head><body><main><h1>{heading}</h1></main></body></html>"
                ),
            );
            let m = page_matches(&facts, &rules);
            assert_eq!(
                groups_of(&m, "h1"),
                BTreeSet::from([group.to_string()]),
                "{heading}: {m:#?}"
            );
        }
    }

    /// One menu entry or heading that holds several groups' words is the most specific group's.
    #[test]
    fn most_specific_group_wins_per_element() {
        let rules = crate::rules::default_rules();
        let facts = page(
            "https://so.example.gov.vn/lay-y-kien",
            r#"<html><body><nav><a href="/cddh">Văn bản chỉ đạo điều hành</a>
            <a href="/vb">Văn bản</a></nav><main><h1>Lấy ý kiến dự thảo văn bản</h1></main></body></html>"#,
        );
        let m = page_matches(&facts, &rules);
        assert_eq!(
            groups_of(&m, "h1"),
            BTreeSet::from(["lay_y_kien".to_string()])
        );
        let cddh: BTreeSet<String> = m
            .iter()
            .filter(|x| x.target.as_deref() == Some("https://so.example.gov.vn/cddh"))
            .map(|x| x.group.clone())
            .collect();
        assert_eq!(cddh, BTreeSet::from(["chi_dao_dieu_hanh".to_string()]));
        // the plain "Văn bản" entry still names the documents section
        assert!(m.iter().any(|x| x.group == "van_ban_phap_luat"
            && x.target.as_deref() == Some("https://so.example.gov.vn/vb")));
    }

    /// An article's breadcrumb puts it in its section; its own long title does not count.
    #[test]
    fn breadcrumb_names_the_section_of_an_article() {
        let rules = crate::rules::default_rules();
        let facts = page(
            "https://so.example.gov.vn/index.php?id=1552",
            r#"<html><body><ul class="breadcrumb"><li><a href="/">Trang chủ</a></li>
            <li><a href="/c/9">Tin tức - Sự kiện</a></li><li>Kế hoạch triển khai chuyển đổi số năm 2027 của Sở</li></ul>
            <main><h1>Kế hoạch triển khai chuyển đổi số năm 2027 của Sở</h1></main></body></html>"#,
        );
        let m = page_matches(&facts, &rules);
        assert_eq!(
            groups_of(&m, "breadcrumb"),
            BTreeSet::from(["tin_tuc".to_string()])
        );
        // A title cut short is no section's name, however few its words.
        let facts = page(
            "https://snv.example.gov.vn/node/2345",
            r#"<html><body><div class="breadcrumb"><a href="/">Trang chủ</a> » <a href="/taxonomy/term/7">Phổ biến pháp luật</a> » Giới thiệu Nghị định...</div>
            <main><h1>Giới thiệu Nghị định quy định về tuyển dụng công chức</h1></main></body></html>"#,
        );
        let m = page_matches(&facts, &rules);
        assert_eq!(
            groups_of(&m, "breadcrumb"),
            BTreeSet::from(["pho_bien_phap_luat".to_string()])
        );
    }

    /// A name of no group ("tuyển dụng", "dịch vụ công ích") that names a menu entry at least as
    /// specifically as a group's pattern leaves it no group's; the plain names still count.
    #[test]
    fn names_of_no_group_veto_weaker_group_names() {
        let rules = crate::rules::default_rules();
        let facts = page(
            "https://so.example.gov.vn/",
            r#"<html><body><nav><a href="/a">Thông báo tuyển dụng</a><a href="/b">Thông báo</a>
            <a href="/c">Dịch vụ công ích đô thị</a><a href="/d">Dịch vụ công trực tuyến</a>
            <a href="/e">Quy hoạch cán bộ</a><a href="/f">Quy hoạch xây dựng</a></nav></body></html>"#,
        );
        let m = page_matches(&facts, &rules);
        let groups_of_target = |t: &str| -> BTreeSet<String> {
            m.iter()
                .filter(|x| x.target.as_deref() == Some(&format!("https://so.example.gov.vn/{t}")))
                .map(|x| x.group.clone())
                .collect()
        };
        for vetoed in ["a", "c", "e"] {
            assert!(groups_of_target(vetoed).is_empty(), "/{vetoed}: {m:#?}");
        }
        assert_eq!(
            groups_of_target("b"),
            BTreeSet::from(["chi_dao_dieu_hanh".into()])
        );
        assert_eq!(
            groups_of_target("d"),
            BTreeSet::from(["dich_vu_cong".into()])
        );
        assert_eq!(
            groups_of_target("f"),
            BTreeSet::from(["quy_hoach_ke_hoach".into()])
        );
    }

    /// Unlinked trail entries are entries each; a heading hidden for screen readers names
    /// nothing; and when the page names its section, a CMS module in its URL (`mod=news`) does
    /// not make it a news page.
    #[test]
    fn the_page_names_its_section_over_its_url() {
        let rules = crate::rules::default_rules();
        let facts = page(
            "https://soyte.example.gov.vn/index.php?mod=news&catid=25",
            r#"<html><head><title>Sở Y tế</title></head><body><h1>SỞ Y TẾ</h1>
            <form><h2 class="element-invisible">Biểu mẫu tìm kiếm</h2><input name="q"></form>
            <ol class="breadcrumb"><li><a href="/">Trang chủ</a></li><li>Công khai</li>
            <li class="active">Thống kê y tế</li></ol><p>Bảng số liệu</p></body></html>"#,
        );
        assert_eq!(
            facts.breadcrumb,
            ["Trang chủ", "Công khai", "Thống kê y tế"]
        );
        assert!(facts.headings.iter().all(|h| h.text != "Biểu mẫu tìm kiếm"));
        let sections: BTreeSet<String> = page_matches(&facts, &rules)
            .into_iter()
            .filter(|m| m.where_ == "url" || m.where_ == "breadcrumb")
            .map(|m| m.group)
            .collect();
        assert_eq!(sections, BTreeSet::from(["quy_dinh_khac".to_string()]));
    }

    /// A breadcrumb left unclosed holds the whole article: the trail ends where the content
    /// starts, so the article's related links are no trail entries.
    #[test]
    fn an_unclosed_breadcrumb_ends_at_the_content() {
        let body = "Nội dung bài viết rất dài về chương trình mỗi xã một sản phẩm. ".repeat(10);
        let facts = page(
            "https://h.example.gov.vn/tin/4512.html",
            &format!(
                r#"<html><body><div id="breadcrumb"><a href="/">Trang chủ</a> &gt; <a href="/?cat=11">Tin tức</a>
                &gt; <a href="/?cat=12">Tin trong huyện</a>
                <h1>Sơ kết 3 năm thực hiện Chương trình OCOP</h1><p>{body}</p>
                <ul><li><a href="/tin/4500.html">Lịch tiếp công dân</a></li></ul></body></html>"#
            ),
        );
        assert_eq!(
            facts.breadcrumb,
            ["Trang chủ", "Tin tức", "Tin trong huyện"]
        );
    }

    /// A sidebar that comes first in the HTML opens with its box title ("Tin xem nhiều"): that
    /// first heading names no page.
    #[test]
    fn a_sidebar_box_title_first_names_no_page() {
        let rules = crate::rules::default_rules();
        let facts = page(
            "https://so.example.gov.vn/Lists/DeTai/DispForm.aspx?ID=87",
            r#"<html><body><div class="sidebar"><h2>Tin xem nhiều</h2><ul><li><a href="/a">Hội thảo khoa học</a></li></ul></div>
            <div class="main"><h3>Đề tài: Ứng dụng công nghệ sinh học</h3><p>Nội dung.</p></div></body></html>"#,
        );
        assert!(
            page_matches(&facts, &rules)
                .iter()
                .all(|m| !(m.group == "tin_tuc" && m.where_.starts_with('h'))),
            "the box title made the page a news page"
        );
    }

    /// A post's byline links to its author's archive: "Ban biên tập" there is a writer, not the
    /// editorial-board section, while the same words in the menu still are.
    #[test]
    fn author_archive_links_are_no_sections() {
        let rules = crate::rules::default_rules();
        let facts = page(
            "https://so.example.gov.vn/?p=5127",
            r#"<html><body><nav><a href="/ban-bien-tap/">Ban biên tập</a></nav><main><h1>Tin</h1>
            <span class="byline">bởi <a href="/author/bientap/">Ban biên tập</a></span>
            <a href="/?author=3">Ban biên tập</a></main></body></html>"#,
        );
        let targets: BTreeSet<String> = page_matches(&facts, &rules)
            .iter()
            .filter(|m| m.group == "quy_dinh_khac")
            .filter_map(|m| m.target.clone())
            .collect();
        assert_eq!(
            targets,
            BTreeSet::from(["https://so.example.gov.vn/ban-bien-tap/".to_string()])
        );
    }

    /// Liferay and WebCenter put the site's name in every path; it names no section.
    #[test]
    fn portal_site_name_in_the_path_is_not_a_section() {
        assert_eq!(
            section_part("https://a.gov.vn/web/so-ke-hoach-va-dau-tu/thong-tin-dau-thau"),
            "https://a.gov.vn/web/thong-tin-dau-thau"
        );
        assert_eq!(
            section_part("https://a.gov.vn/wps/portal/so-noi-vu/tin-tuc"),
            "https://a.gov.vn/wps/portal/tin-tuc"
        );
    }

    /// The page part of a title names a section page whose h1 is the agency's name; the title
    /// is cut at its last separator, so a name with a dash stays whole.
    #[test]
    fn title_page_part_names_the_page() {
        assert_eq!(
            title_name("Văn bản mới - Chính sách mới - Sở Giao thông Vận tải").as_deref(),
            Some("van ban moi chinh sach moi")
        );
        assert_eq!(
            title_name("Tủ sách pháp luật điện tử > UBND xã Tân Lập").as_deref(),
            Some("tu sach phap luat dien tu")
        );
        assert_eq!(title_name("UBND xã Tân Lập"), None, "no page part");
        assert_eq!(
            title_name("Sơ đồ website").as_deref(),
            Some("so do website"),
            "a short title without the site's name is the page's name"
        );
        assert_eq!(
            title_name("UBND THỊ XÃ TAM CỐC - TIN TỨC - SỰ KIỆN").as_deref(),
            Some("tin tuc su kien"),
            "the site's name first"
        );
        assert_eq!(
            title_name("Hội nghị tổng kết công tác năm 2026 của ngành tư pháp tỉnh - Sở Tư pháp"),
            None,
            "a headline is not a name"
        );
        let rules = crate::rules::default_rules();
        let facts = page(
            "https://tanlap.example.gov.vn/Default.aspx?tabid=88",
            r#"<html><head><title>Tủ sách pháp luật điện tử > UBND xã Tân Lập</title></head><body>
            <main><h1>ỦY BAN NHÂN DÂN XÃ TÂN LẬP</h1><p>Danh mục sách.</p></main></body></html>"#,
        );
        let m = page_matches(&facts, &rules);
        assert_eq!(
            groups_of(&m, "title"),
            BTreeSet::from(["pho_bien_phap_luat".to_string()])
        );
        // An agency's name is not read as a section: the page part must start with the name.
        let facts = page(
            "https://skhdt.example.gov.vn/",
            r#"<html><head><title>Trang chủ - Sở Kế hoạch và Đầu tư</title></head><body></body></html>"#,
        );
        assert!(groups_of(&page_matches(&facts, &rules), "title").is_empty());
    }

    /// WordPress archives say "Chuyên mục: <name>"; WebSphere headings carry screen-reader text.
    #[test]
    fn archive_labels_and_screen_reader_text_are_not_part_of_a_heading() {
        let rules = crate::rules::default_rules();
        let facts = page(
            "https://mc.example.gov.vn/category/gioi-thieu-van-ban-moi/",
            r#"<html><body><main><h1 class="page-title">Chuyên mục: <span>Phổ biến giáo dục pháp luật cho người dân</span></h1></main></body></html>"#,
        );
        assert_eq!(
            groups_of(&page_matches(&facts, &rules), "h1"),
            BTreeSet::from(["pho_bien_phap_luat".to_string()])
        );
        let facts = page(
            "https://snv.example.gov.vn/wps/portal/snv/!ut/p/z1/04_Sj9CP/",
            r#"<html><body><main><h2><span class="wpthemeScreenReaderText">Bắt đầu portlet</span>Chỉ đạo điều hành</h2>
            <ul><li><a href="/a">Công văn đôn đốc đánh giá công chức năm 2026</a> 25.11.2026</li></ul></main></body></html>"#,
        );
        assert_eq!(facts.headings[0].text, "Chỉ đạo điều hành");
        assert_eq!(
            groups_of(&page_matches(&facts, &rules), "h2"),
            BTreeSet::from(["chi_dao_dieu_hanh".to_string()])
        );
    }

    /// Older CMSs write the trail in `div.path`; SharePoint's `ms-breadcrumb-top` is its top
    /// bar; the categories of a search result's entries say nothing about the results page.
    #[test]
    fn breadcrumb_containers_as_cms_write_them() {
        let facts = page(
            "https://sgt.example.gov.vn/tin/5532.html",
            r#"<html><body><div class="path"><a href="/">Trang chủ</a> &raquo; <a href="/chuyen-muc/7.html">Tin ngành</a></div>
            <h1 class="detail-title">Thông xe kỹ thuật cầu Nậm Pàn trên Quốc lộ 6</h1></body></html>"#,
        );
        assert_eq!(facts.breadcrumb, vec!["Trang chủ", "Tin ngành"]);
        let facts = page(
            "https://hns.example.gov.vn/hoidap/Pages/default.aspx",
            r#"<html><body><div class="ms-breadcrumb-top"><nav><a href="/tin-tuc">Tin tức</a><a href="/tin-tinh">Tin trong tỉnh</a></nav></div>
            <span class="breadcrumb"><a href="/">Trang chủ</a> &gt; <span>Hỏi - Đáp</span></span></body></html>"#,
        );
        assert_eq!(facts.breadcrumb, vec!["Trang chủ", "Hỏi - Đáp"]);
        // A container named like a menu is a trail when it reads like one (home first, few
        // links, separators); a short menu of that name is not.
        let facts = page(
            "https://svh.example.gov.vn/?cat=15",
            r#"<html><body><nav class="navigation"><a href="/en/">Home</a><a href="/en/about">About</a><a href="/en/news">News</a></nav>
            <div class="navigation"><a href="/">Trang chủ</a> &raquo; <a href="/?cat=12">Tin tức</a> &raquo; <b>Du lịch</b></div></body></html>"#,
        );
        assert_eq!(facts.breadcrumb, vec!["Trang chủ", "Tin tức", "Du lịch"]);
        // The current entry may begin with the words of the link before it.
        let facts = page(
            "https://stp.example.gov.vn/web/guest/van-ban-quy-pham",
            r#"<html><body><ul class="breadcrumb"><li><a href="/">Trang chủ</a></li><li><a href="/van-ban">Văn bản</a></li>
            <li class="active">Văn bản quy phạm pháp luật</li></ul></body></html>"#,
        );
        assert_eq!(
            facts.breadcrumb,
            vec!["Trang chủ", "Văn bản", "Văn bản quy phạm pháp luật"]
        );
        let entry = |n: u32| {
            format!(
                r#"<article class="post hentry"><h2><a href="/p{n}">Bài {n} về quy hoạch đô thị</a></h2>
                <footer><span class="cat-links">Chuyên mục: <a href="/category/quy-hoach/" rel="category tag">Quy hoạch đô thị</a></span></footer></article>"#
            )
        };
        let listing = format!(
            "<html><body><main>{}{}</main></body></html>",
            entry(1),
            entry(2)
        );
        assert!(
            page("https://tp.example.gov.vn/?s=quy+hoạch", &listing)
                .breadcrumb
                .is_empty()
        );
        let single = format!("<html><body><main>{}</main></body></html>", entry(1));
        assert_eq!(
            page("https://tp.example.gov.vn/p1", &single).breadcrumb,
            vec!["Quy hoạch đô thị"]
        );
    }
}
