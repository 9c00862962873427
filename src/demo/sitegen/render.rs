//! HTML, XML and text rendering of the generated site. Each CMS style has its own page shell
//! (semantic `<nav>`/`<footer>` on some, bare `<div class="menu">`/`<ul id=…>` tables on others),
//! its own list markup and its own date formats, because real portals differ in exactly these
//! ways and the extractor must handle all of them.
//!
//! Dates appear only where the truth puts them: item dates in list/article markup, plus the
//! declared noise (header widget, visitor counter, dates in titles, deadlines of drafts).

use chrono::{Datelike, Duration, NaiveDate};
use url::Url;

use super::SiteStyle;
use super::content::{self, PROCEDURES, dmy, esc};
use super::model::{Item, Route, Section, Site};
use crate::text::fold;

/// A response before it is handed to axum.
#[derive(Debug, Clone)]
pub(super) struct Resp {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    /// `Location` for redirects.
    pub location: Option<String>,
}

const HTML: &str = "text/html; charset=utf-8";

impl Resp {
    fn html(status: u16, body: String) -> Resp {
        Resp {
            status,
            content_type: HTML,
            body: body.into_bytes(),
            location: None,
        }
    }
}

/// Answer one request (`path_and_query` exactly as received).
pub(super) fn respond(site: &Site, base: &Url, path_and_query: &str) -> Resp {
    let (path, query) = match path_and_query.split_once('?') {
        Some((p, q)) => (p, q),
        None => (path_and_query, ""),
    };
    let query: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let param = |name: &str| {
        query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let Some(route) = site.resolve(path, &query) else {
        let decoded = super::layout::pct_decode(path);
        if site
            .spec
            .robots_disallow
            .iter()
            .any(|d| !d.is_empty() && decoded.starts_with(d.as_str()))
        {
            // Served (and logged) so that a crawler ignoring robots.txt is caught in the log.
            return Resp::html(200, login_page(site));
        }
        return Resp::html(404, not_found(site));
    };
    match route {
        Route::Home => Resp::html(200, home(site)),
        Route::Section(si) => {
            let s = &site.sections[si];
            let page = param("page")
                .and_then(|p| p.parse::<usize>().ok())
                .unwrap_or(1);
            if s.is_static() {
                Resp::html(200, static_section(site, si))
            } else if page == 0 || page > s.pages() {
                Resp::html(404, not_found(site))
            } else {
                let filter = DocFilter {
                    number: param("so_ky_hieu").unwrap_or(""),
                    text: param("trich_yeu").unwrap_or(""),
                };
                Resp::html(200, list_page(site, si, page, &filter))
            }
        }
        Route::Article(si, ii) => Resp::html(200, article(site, si, ii)),
        Route::Sub(si, pi) => Resp::html(200, subpage(site, si, pi)),
        Route::Document(si, ii) => Resp {
            status: 200,
            content_type: "application/pdf",
            body: pdf(&site.sections[si].items[ii]),
            location: None,
        },
        Route::SitemapPage => Resp::html(200, sitemap_page(site)),
        Route::Search => {
            let kw = param(site.layout.search_param()).unwrap_or("");
            Resp::html(200, search_page(site, kw))
        }
        Route::Robots => Resp {
            status: 200,
            content_type: "text/plain; charset=utf-8",
            body: robots(site, base).into_bytes(),
            location: None,
        },
        Route::SitemapXml => Resp {
            status: 200,
            content_type: "application/xml; charset=utf-8",
            body: sitemap_xml(site, base).into_bytes(),
            location: None,
        },
        Route::Feed => Resp {
            status: 200,
            content_type: "application/rss+xml; charset=utf-8",
            body: feed(site, base).into_bytes(),
            location: None,
        },
        Route::Redirect(to) => Resp {
            status: 301,
            content_type: HTML,
            body: format!("<a href=\"{0}\">{0}</a>", esc(&link(&to))).into_bytes(),
            location: Some(link(&to)),
        },
    }
}

/// Encode a generated path for use in a link: non-ASCII bytes and spaces are percent-encoded
/// (Blogger labels), everything else is already URL-safe.
pub(super) fn link(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b > 0x7f || b == b' ' {
            out.push_str(&format!("%{b:02X}"));
        } else {
            out.push(b as char);
        }
    }
    out
}

/// `href="…"` attribute value for a generated path.
fn href(path: &str) -> String {
    esc(&link(path))
}

fn time_24(minute: u32) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

fn time_12(minute: u32) -> String {
    let (h, m) = (minute / 60, minute % 60);
    let (h12, ampm) = match h {
        0 => (12, "AM"),
        1..=11 => (h, "AM"),
        12 => (12, "PM"),
        _ => (h - 12, "PM"),
    };
    format!("{h12:02}:{m:02} {ampm}")
}

fn iso(date: NaiveDate, minute: u32) -> String {
    format!("{}T{}:00+07:00", date.format("%Y-%m-%d"), time_24(minute))
}

// ---------------------------------------------------------------------------------------------
// Page shell: header, menu, sidebar, footer.

fn widget(site: &Site) -> String {
    let Some(d) = site.spec.noise.header_date else {
        return String::new();
    };
    let wd = content::weekday_vi(d);
    match site.spec.style {
        SiteStyle::Liferay => format!("<div class=\"clock\">{wd}, ngày {}</div>", dmy(d)),
        SiteStyle::SharePoint => {
            format!(
                "<span id=\"lblToday\" class=\"today\">{wd}, {}</span>",
                dmy(d)
            )
        }
        SiteStyle::NumericId => format!("<div class=\"today\">{wd}, ngày {}</div>", dmy(d)),
        SiteStyle::Blogger => format!("<div class=\"header-today\">{wd}, {}</div>", dmy(d)),
    }
}

fn search_form(site: &Site) -> String {
    let Some(p) = &site.search_path else {
        return String::new();
    };
    let name = site.layout.search_param();
    format!(
        "<form class=\"search-box\" action=\"{}\" method=\"get\" role=\"search\"><input type=\"text\" name=\"{name}\" placeholder=\"Nhập từ khóa tìm kiếm\" aria-label=\"Từ khóa\"><button type=\"submit\">Tìm kiếm</button></form>",
        href(p)
    )
}

/// Menu entries: (href, text, external).
fn menu_entries(site: &Site) -> Vec<(String, String)> {
    let mut m = vec![(href(&site.home), "Trang chủ".to_string())];
    for s in &site.sections {
        m.push((href(&s.path), esc(&s.spec.label)));
    }
    if let Some(dvc) = &site.spec.dvc_portal_link {
        m.push((esc(dvc), "Dịch vụ công trực tuyến".to_string()));
    }
    for d in &site.spec.robots_disallow {
        m.push((href(d), disallow_label(d).to_string()));
    }
    m
}

fn disallow_label(path: &str) -> &'static str {
    let f = fold(path);
    if f.contains("admin") || f.contains("quan tri") {
        "Quản trị"
    } else if f.contains("login") || f.contains("dang nhap") || f.contains("signin") {
        "Đăng nhập"
    } else {
        "Nội bộ"
    }
}

fn menu(site: &Site) -> String {
    let items: String = menu_entries(site)
        .iter()
        .map(|(h, t)| format!("<li><a href=\"{h}\">{t}</a></li>"))
        .collect();
    match site.spec.style {
        SiteStyle::Liferay => format!(
            "<nav id=\"navigation\" class=\"sort-pages modify-pages\" role=\"navigation\"><ul aria-label=\"Các trang\">{items}</ul></nav>"
        ),
        // No semantic tags at all: real SharePoint/ASP.NET portals draw menus with divs.
        SiteStyle::SharePoint => format!(
            "<div class=\"menu ms-topnav\"><ul id=\"zz1_TopNavigationMenu\" class=\"root static\">{items}</ul></div>"
        ),
        SiteStyle::NumericId => {
            format!(
                "<div class=\"menu\"><ul id=\"main-menu\" class=\"nav-menu\">{items}</ul></div>"
            )
        }
        SiteStyle::Blogger => format!(
            "<nav class=\"tabs-outer\"><div class=\"widget PageList\"><ul>{items}</ul></div></nav>"
        ),
    }
}

fn counter(site: &Site) -> String {
    if !site.spec.noise.visitor_counter {
        return String::new();
    }
    let h = content::hash(&[&site.spec.id, "counter"]);
    let d = site.counter_date();
    format!(
        "<div class=\"visitor-counter\"><h3>Thống kê truy cập</h3><ul><li>Đang online: {}</li><li>Hôm nay: {}</li><li>Tổng: {}</li></ul><p>Cập nhật lúc {} {}</p></div>",
        5 + h % 60,
        content::thousands(100 + h % 900),
        content::thousands(200_000 + h % 3_000_000),
        time_24(6 * 60 + (h % 300) as u32),
        dmy(d)
    )
}

fn sidebar(site: &Site) -> String {
    let mut out = String::new();
    // "Tin mới": the newest news titles, without dates and skipping titles that quote a date
    // (a date here would leak one section's freshness or noise into every page, and static
    // pages must stay free of dates other than the declared widgets).
    let news = site
        .section_of("tin_tuc")
        .or_else(|| site.sections.iter().position(|s| !s.items.is_empty()));
    if let Some(si) = news {
        let s = &site.sections[si];
        if !s.items.is_empty() {
            out.push_str("<div class=\"box latest\"><h3>Tin mới</h3><ul>");
            let latest = s
                .items
                .iter()
                .take(s.per_page)
                .filter(|i| i.title_date.is_none());
            for it in latest.take(5) {
                out.push_str(&format!(
                    "<li><a href=\"{}\">{}</a></li>",
                    href(&it.path),
                    esc(&it.title)
                ));
            }
            out.push_str("</ul></div>");
        }
    }
    out.push_str(
        "<div class=\"box weblinks\"><h3>Liên kết website</h3><ul>\
         <li><a href=\"https://chinhphu.vn/\">Cổng TTĐT Chính phủ</a></li>\
         <li><a href=\"https://dichvucong.gov.vn/\">Cổng Dịch vụ công quốc gia</a></li>\
         <li><a href=\"https://cong.sonha.example/\">Cổng TTĐT tỉnh Sơn Hà</a></li></ul></div>",
    );
    if site.spec.style != SiteStyle::SharePoint {
        out.push_str(&counter(site));
    }
    out
}

fn footer(site: &Site) -> String {
    let f = &site.spec.footer;
    let mut out = format!(
        "<p class=\"owner\"><strong>Cơ quan chủ quản: {}</strong></p>",
        esc(&site.spec.name)
    );
    if let Some(r) = &f.responsible {
        out.push_str(&format!("<p>Chịu trách nhiệm chính: {}</p>", esc(r)));
    }
    if let Some(a) = &f.address {
        out.push_str(&format!("<p>Địa chỉ: {}</p>", esc(a)));
    }
    let contact: Vec<String> = [
        f.phone.as_ref().map(|p| format!("Điện thoại: {}", esc(p))),
        f.email
            .as_ref()
            .map(|e| format!("Email: <a href=\"mailto:{0}\">{0}</a>", esc(e))),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !contact.is_empty() {
        out.push_str(&format!("<p>{}</p>", contact.join(" - ")));
    }
    if let Some(l) = &f.licence {
        if fold(l).starts_with("giay phep") {
            out.push_str(&format!("<p>{}</p>", esc(l)));
        } else {
            out.push_str(&format!("<p>Giấy phép số {}</p>", esc(l)));
        }
    }
    if let Some(y) = site.spec.noise.copyright_year {
        out.push_str(&format!(
            "<p class=\"copyright\">© {y} {name}. Ghi rõ nguồn \"Trang thông tin điện tử {short}\" khi phát hành lại thông tin từ website này.</p>",
            name = esc(&site.spec.name),
            short = esc(&site.ag.short)
        ));
    }
    let mut links = Vec::new();
    if let Some(p) = &site.sitemap_page {
        links.push(format!("<a href=\"{}\">Sơ đồ site</a>", href(p)));
    }
    if let Some(p) = &site.feed_path {
        links.push(format!("<a href=\"{}\">RSS</a>", href(p)));
    }
    if !links.is_empty() {
        out.push_str(&format!(
            "<p class=\"footer-links\">{}</p>",
            links.join(" | ")
        ));
    }
    if site.spec.style == SiteStyle::SharePoint {
        out.push_str(&counter(site));
    }
    out
}

/// The full page: `title` for `<title>`, `main` the main column, `head` extra `<head>` tags.
fn shell(site: &Site, title: &str, main: &str, head: &str) -> String {
    let name = esc(&site.spec.name);
    let feed = site
        .feed_path
        .as_ref()
        .map(|p| {
            format!(
                "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"RSS\" href=\"{}\">",
                href(p)
            )
        })
        .unwrap_or_default();
    let head = format!(
        "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{} - {name}</title>{feed}{head}</head>",
        esc(title)
    );
    let logo = "<img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" alt=\"Quốc huy\" width=\"64\" height=\"64\">";
    let home = href(&site.home);
    let (w, s, m, side, foot) = (
        widget(site),
        search_form(site),
        menu(site),
        sidebar(site),
        footer(site),
    );
    let body = match site.spec.style {
        SiteStyle::Liferay => format!(
            "<body class=\"controls-hidden\"><div id=\"wrapper\" class=\"container-fluid\">\
             <header id=\"banner\" role=\"banner\"><div class=\"top-bar\">{w}<div class=\"font-size\">Cỡ chữ: <a href=\"#\" title=\"Tăng cỡ chữ\">A+</a> <a href=\"#\" title=\"Giảm cỡ chữ\">A-</a></div></div>\
             <div class=\"logo\"><a href=\"{home}\">{logo}<span class=\"site-name\">{name}</span></a></div>{s}</header>\
             {m}<div id=\"content\"><div class=\"row\"><div class=\"col-md-8 portlet-column\" id=\"column-1\"><main>{main}</main></div>\
             <aside class=\"col-md-4 portlet-column\" id=\"column-2\">{side}</aside></div></div>\
             <footer id=\"footer\" role=\"contentinfo\">{foot}</footer></div></body></html>"
        ),
        SiteStyle::SharePoint => format!(
            "<body><div id=\"s4-workspace\"><div id=\"s4-bodyContainer\"><div class=\"header-top\">{w}</div>\
             <div class=\"header\"><div class=\"logo\"><a href=\"{home}\">{logo}</a></div><div class=\"site-title\">{name}</div>{s}</div>\
             {m}<table class=\"layout\" width=\"100%\"><tr><td class=\"left-col\" valign=\"top\">{side}</td>\
             <td class=\"main-col\" valign=\"top\"><div id=\"ctl00_PlaceHolderMain\">{main}</div></td></tr></table>\
             <div id=\"footer\" class=\"footer\">{foot}</div></div></div></body></html>"
        ),
        SiteStyle::NumericId => format!(
            "<body><div class=\"wrapper\"><div class=\"banner\">{w}<div class=\"logo\"><a href=\"{home}\">{logo}</a></div>\
             <div class=\"agency-name\"><a href=\"{home}\">{name}</a></div>{s}</div>\
             {m}<div class=\"container\"><div class=\"main-left\">{main}</div><div class=\"main-right\">{side}</div></div>\
             <div class=\"footer\">{foot}</div></div></body></html>"
        ),
        SiteStyle::Blogger => format!(
            "<body class=\"item-view\"><div class=\"outer-wrapper\"><header class=\"header-outer\">{w}\
             <div class=\"Header\"><h1 class=\"title\"><a href=\"{home}\">{name}</a></h1><p class=\"description\">Trang thông tin điện tử</p></div></header>\
             {m}<div class=\"main-outer\"><main class=\"main-inner\" id=\"main\">{main}</main>\
             <aside class=\"sidebar-outer\">{s}{side}</aside></div>\
             <footer class=\"footer-outer\">{foot}</footer></div></body></html>"
        ),
    };
    head + &body
}

fn breadcrumb(site: &Site, trail: &[(&str, &str)]) -> String {
    let mut out = format!(
        "<div class=\"breadcrumb\"><a href=\"{}\">Trang chủ</a>",
        href(&site.home)
    );
    for (path, text) in trail {
        out.push_str(&format!(" › <a href=\"{}\">{}</a>", href(path), esc(text)));
    }
    out.push_str("</div>");
    out
}

// ---------------------------------------------------------------------------------------------
// Lists.

fn deadline(it: &Item) -> NaiveDate {
    it.date + Duration::days(30)
}

/// One item of a list, in the style's markup and date format.
fn list_item(site: &Site, s: &Section, it: &Item) -> String {
    let title = format!("<a href=\"{}\">{}</a>", href(&it.path), esc(&it.title));
    // Drafts show their comment deadline on noisy sites: a date after the item's own date.
    let extra = if s.spec.group == "lay_y_kien" && site.spec.noise.dates_in_titles {
        format!(
            " <span class=\"deadline\">Thời hạn góp ý: đến hết ngày {}</span>",
            dmy(deadline(it))
        )
    } else {
        String::new()
    };
    let sapo = esc(&content::sapo(&site.ag, &s.spec.group, it.seed));
    match site.spec.style {
        SiteStyle::Liferay => format!(
            "<div class=\"asset-abstract\"><h3 class=\"asset-title\">{title} <span class=\"date\">({})</span></h3>{extra}<div class=\"asset-summary\">{sapo}</div></div>",
            dmy(it.date)
        ),
        SiteStyle::SharePoint => format!(
            "<tr><td class=\"ms-vb-title\">{title}{extra}</td><td class=\"ms-vb2 date\">{}</td></tr>",
            dmy(it.date)
        ),
        SiteStyle::NumericId => format!(
            "<li class=\"news-item\">{}<p class=\"date\">Ngày đăng: {} {}</p>{extra}<p class=\"sapo\">{sapo}</p></li>",
            title.replacen("<a ", "<a class=\"title\" ", 1),
            dmy(it.date),
            time_24(it.minute)
        ),
        SiteStyle::Blogger => format!(
            "<div class=\"post-outer\"><article class=\"post hentry\"><h3 class=\"post-title entry-title\">{title}</h3>\
             <div class=\"post-header\"><span class=\"post-timestamp\"><abbr class=\"published\" title=\"{}\">{} | {}</abbr></span>{extra}</div>\
             <div class=\"post-body\"><p>{sapo}</p></div><div class=\"post-labels\">Nhãn: <a href=\"{}\">{}</a></div></article></div>",
            iso(it.date, it.minute),
            dmy(it.date),
            time_12(it.minute),
            href(&s.path),
            esc(&s.spec.label)
        ),
    }
}

/// A block of list items with the style's container.
fn list_block(site: &Site, s: &Section, items: &[&Item]) -> String {
    if items.is_empty() {
        return "<p class=\"empty\">Chưa có tin bài.</p>".to_string();
    }
    if s.spec.group == "van_ban_phap_luat" {
        return doc_table(site, items);
    }
    let inner: String = items.iter().map(|it| list_item(site, s, it)).collect();
    match site.spec.style {
        SiteStyle::Liferay => format!("<div class=\"asset-publisher\">{inner}</div>"),
        SiteStyle::SharePoint => format!(
            "<table class=\"ms-listviewtable list-news\" summary=\"Danh sách tin bài\"><tr><th scope=\"col\">Tiêu đề</th><th scope=\"col\">Ngày đăng</th></tr>{inner}</table>"
        ),
        SiteStyle::NumericId => format!("<ul class=\"list-news\">{inner}</ul>"),
        SiteStyle::Blogger => format!("<div class=\"blog-posts hfeed\">{inner}</div>"),
    }
}

fn doc_table(site: &Site, items: &[&Item]) -> String {
    let effective = site.spec.noise.dates_in_titles;
    let mut rows = String::new();
    for it in items {
        let Some((d, file)) = &it.doc else { continue };
        let eff = if effective {
            format!(
                "<td class=\"effective\">{}</td>",
                dmy(it.date + Duration::days(10))
            )
        } else {
            String::new()
        };
        rows.push_str(&format!(
            "<tr><td class=\"so-ky-hieu\">{}</td><td class=\"date\">{}</td>{eff}<td class=\"trich-yeu\"><a href=\"{}\">{}</a></td><td><a href=\"{}\">Tải về</a></td></tr>",
            esc(&d.number),
            dmy(it.date),
            href(&it.path),
            esc(&it.title),
            href(file)
        ));
    }
    format!(
        "<table class=\"van-ban\" summary=\"Danh sách văn bản\"><thead><tr><th scope=\"col\">Số ký hiệu</th><th scope=\"col\">Ngày ban hành</th>{}<th scope=\"col\">Trích yếu</th><th scope=\"col\">Tải về</th></tr></thead><tbody>{rows}</tbody></table>",
        if effective {
            "<th scope=\"col\">Ngày hiệu lực</th>"
        } else {
            ""
        }
    )
}

fn pagination(s: &Section, page: usize) -> String {
    let n = s.pages();
    if n <= 1 {
        return String::new();
    }
    let mut out = String::from("<div class=\"pagination\">Trang: ");
    if page > 1 {
        out.push_str(&format!(
            "<a href=\"{}\">« Trước</a> ",
            href(&s.page_path(page - 1))
        ));
    }
    for p in 1..=n {
        let near = p + 3 >= page && p <= page + 3;
        if p == 1 || p == n || near {
            if p == page {
                out.push_str(&format!("<span class=\"current\">{p}</span> "));
            } else {
                out.push_str(&format!("<a href=\"{}\">{p}</a> ", href(&s.page_path(p))));
            }
        } else if p == 2 || p + 1 == n {
            out.push_str("… ");
        }
    }
    if page < n {
        out.push_str(&format!(
            "<a href=\"{}\">Sau »</a>",
            href(&s.page_path(page + 1))
        ));
    }
    out.push_str("</div>");
    out
}

/// Filter of the document search form (`so_ky_hieu`, `trich_yeu`).
struct DocFilter<'a> {
    number: &'a str,
    text: &'a str,
}

fn list_page(site: &Site, si: usize, page: usize, filter: &DocFilter) -> String {
    let s = &site.sections[si];
    let label = &s.spec.label;
    let mut main = breadcrumb(site, &[(&s.path, label)]);
    main.push_str(&format!("<h2 class=\"section-title\">{}</h2>", esc(label)));
    main.push_str(&group_extras(site, s));
    let filtering = !filter.number.is_empty() || !filter.text.is_empty();
    let items: Vec<&Item> = if filtering {
        let (num, text) = (fold(filter.number), fold(filter.text));
        s.items
            .iter()
            .filter(|it| {
                let n = it
                    .doc
                    .as_ref()
                    .map(|(d, _)| fold(&d.number))
                    .unwrap_or_default();
                n.contains(&num) && fold(&it.title).contains(&text)
            })
            .collect()
    } else {
        s.items
            .iter()
            .skip((page - 1) * s.per_page)
            .take(s.per_page)
            .collect()
    };
    main.push_str(&list_block(site, s, &items));
    if !filtering {
        main.push_str(&pagination(s, page));
    }
    shell(site, label, &main, "")
}

/// Group-specific parts of a section page that make it recognisable (schedule, procedures,
/// document search, question form).
fn group_extras(site: &Site, s: &Section) -> String {
    match s.spec.group.as_str() {
        "chi_dao_dieu_hanh" => schedule(site),
        "dich_vu_cong" => procedures(site),
        "van_ban_phap_luat" => format!(
            "<form class=\"tim-kiem-van-ban\" action=\"{}\" method=\"get\"><fieldset><legend>Tìm kiếm văn bản</legend>\
             <label>Số ký hiệu <input type=\"text\" name=\"so_ky_hieu\"></label> \
             <label>Trích yếu <input type=\"text\" name=\"trich_yeu\"></label> \
             <label>Loại văn bản <select name=\"loai\"><option value=\"\">Tất cả</option><option>Quyết định</option><option>Kế hoạch</option><option>Chỉ thị</option><option>Công văn</option><option>Thông báo</option><option>Nghị quyết</option></select></label> \
             <button type=\"submit\">Tìm kiếm</button></fieldset></form>",
            href(&s.path)
        ),
        "chuc_nang_ho_tro" => {
            let map = site
                .sitemap_page
                .as_ref()
                .map(|p| {
                    format!(
                        "<p>Xem <a href=\"{}\">Sơ đồ site</a> để tìm nhanh các chuyên mục.</p>",
                        href(p)
                    )
                })
                .unwrap_or_default();
            format!(
                "<form class=\"hoi-dap\" action=\"{}\" method=\"post\"><fieldset><legend>Gửi câu hỏi</legend>\
                 <label>Họ và tên <input type=\"text\" name=\"ho_ten\"></label> \
                 <label>Email <input type=\"email\" name=\"email\"></label> \
                 <label>Nội dung câu hỏi <textarea name=\"noi_dung\"></textarea></label> \
                 <button type=\"submit\">Gửi câu hỏi</button></fieldset></form>{map}",
                href(&s.path)
            )
        }
        _ => String::new(),
    }
}

fn schedule(site: &Site) -> String {
    let ag = &site.ag;
    let deputy = if ag.commune {
        format!("Phó Chủ tịch UBND {}", ag.unit_word())
    } else {
        "Phó Giám đốc Sở".to_string()
    };
    let rows = [
        (
            "Thứ Hai",
            "Sáng",
            format!("Họp giao ban {}", ag.leadership),
            ag.leader.clone(),
            "Phòng họp số 1",
        ),
        (
            "Thứ Ba",
            "Chiều",
            "Dự hội nghị trực tuyến của UBND tỉnh".to_string(),
            ag.leader.clone(),
            "Điểm cầu trực tuyến",
        ),
        (
            "Thứ Tư",
            "Sáng",
            "Tiếp công dân định kỳ".to_string(),
            ag.leader.clone(),
            "Phòng tiếp công dân",
        ),
        (
            "Thứ Năm",
            "Cả ngày",
            "Kiểm tra công tác chuyên môn tại cơ sở".to_string(),
            deputy,
            "Các xã, phường",
        ),
        (
            "Thứ Sáu",
            "Chiều",
            "Làm việc tại cơ quan, xử lý công việc thường xuyên".to_string(),
            ag.leadership.clone(),
            "Trụ sở cơ quan",
        ),
    ];
    let mut out = String::from(
        "<h2>Lịch công tác tuần</h2><table class=\"schedule\" summary=\"Lịch công tác của lãnh đạo\"><thead><tr><th scope=\"col\">Thứ</th><th scope=\"col\">Buổi</th><th scope=\"col\">Nội dung</th><th scope=\"col\">Chủ trì</th><th scope=\"col\">Địa điểm</th></tr></thead><tbody>",
    );
    for (d, b, c, who, at) in rows {
        out.push_str(&format!(
            "<tr><td>{d}</td><td>{b}</td><td>{}</td><td>{}</td><td>{at}</td></tr>",
            esc(&c),
            esc(&who)
        ));
    }
    out.push_str("</tbody></table>");
    out
}

fn procedures(site: &Site) -> String {
    let submit = site
        .spec
        .dvc_portal_link
        .clone()
        .unwrap_or_else(|| "https://dichvucong.gov.vn/".to_string());
    let mut out = String::from(
        "<h2>Danh mục thủ tục hành chính</h2><table class=\"tthc\" summary=\"Danh mục thủ tục hành chính và mức độ dịch vụ công trực tuyến\"><thead><tr><th scope=\"col\">STT</th><th scope=\"col\">Tên thủ tục hành chính</th><th scope=\"col\">Lĩnh vực</th><th scope=\"col\">Mức độ</th><th scope=\"col\">Nộp hồ sơ</th></tr></thead><tbody>",
    );
    for (n, (name, field, level)) in PROCEDURES.iter().enumerate() {
        out.push_str(&format!(
            "<tr><td>{}</td><td>{name}</td><td>{field}</td><td>{level}</td><td><a href=\"{}\">Nộp trực tuyến</a></td></tr>",
            n + 1,
            esc(&submit)
        ));
    }
    out.push_str("</tbody></table>");
    out
}

// ---------------------------------------------------------------------------------------------
// Pages.

fn home(site: &Site) -> String {
    let mut main = String::new();
    if let Some(si) = site.section_of("tin_tuc") {
        let s = &site.sections[si];
        if let Some(top) = s.items.first() {
            main.push_str(&format!(
                "<div class=\"hot-news\"><h2>Tin nổi bật</h2><h3><a href=\"{}\">{}</a></h3><p>{}</p></div>",
                href(&top.path),
                esc(&top.title),
                esc(&content::body(&site.ag, &s.spec.group, top.seed)[0])
            ));
        }
    }
    for s in &site.sections {
        if s.is_static() {
            main.push_str(&format!(
                "<div class=\"home-block\"><h2><a href=\"{}\">{}</a></h2><ul>",
                href(&s.path),
                esc(&s.spec.label)
            ));
            for p in &s.subpages {
                main.push_str(&format!(
                    "<li><a href=\"{}\">{}</a></li>",
                    href(&p.path),
                    esc(&p.title)
                ));
            }
            main.push_str("</ul></div>");
            continue;
        }
        let items: Vec<&Item> = s.items.iter().take(4.min(s.per_page)).collect();
        main.push_str(&format!(
            "<div class=\"home-block\"><h2><a href=\"{}\">{}</a></h2>{}<p class=\"more\"><a href=\"{}\">Xem tiếp »</a></p></div>",
            href(&s.path),
            esc(&s.spec.label),
            list_block(site, s, &items),
            href(&s.path)
        ));
    }
    shell(site, "Trang chủ", &main, "")
}

fn static_section(site: &Site, si: usize) -> String {
    let s = &site.sections[si];
    let label = &s.spec.label;
    let mut main = breadcrumb(site, &[(&s.path, label)]);
    main.push_str(&format!("<h1 class=\"page-title\">{}</h1>", esc(label)));
    main.push_str(&content::static_intro(&site.ag, &s.spec.group, label));
    if !s.subpages.is_empty() {
        main.push_str("<ul class=\"sub-pages\">");
        for p in &s.subpages {
            main.push_str(&format!(
                "<li><a href=\"{}\">{}</a></li>",
                href(&p.path),
                esc(&p.title)
            ));
        }
        main.push_str("</ul>");
    }
    main.push_str(&group_extras(site, s));
    shell(site, label, &main, "")
}

fn subpage(site: &Site, si: usize, pi: usize) -> String {
    let s = &site.sections[si];
    let p = &s.subpages[pi];
    let mut main = breadcrumb(site, &[(&s.path, &s.spec.label), (&p.path, &p.title)]);
    main.push_str(&format!(
        "<h1 class=\"page-title\">{}</h1>{}",
        esc(&p.title),
        p.html
    ));
    shell(site, &p.title, &main, "")
}

fn article(site: &Site, si: usize, ii: usize) -> String {
    let s = &site.sections[si];
    let it = &s.items[ii];
    let style = site.spec.style;
    let author = content::AUTHORS[(it.seed / 11) as usize % content::AUTHORS.len()];
    let source = match it.seed % 3 {
        0 => format!("Văn phòng {}", site.ag.short),
        1 => "Cổng TTĐT tỉnh Sơn Hà".to_string(),
        _ => site.ag.short.clone(),
    };
    let views = 50 + it.seed % 5000;
    let mut head = String::new();
    let h1 = match &it.doc {
        Some((d, _)) => format!("{} số {} {}", d.kind, d.number, it.title),
        None => it.title.clone(),
    };
    let date_line = match style {
        SiteStyle::Liferay => format!(
            "<div class=\"article-info\">Ngày đăng: {} {} | Lượt xem: {views}</div>",
            dmy(it.date),
            time_24(it.minute)
        ),
        SiteStyle::SharePoint => {
            head.push_str(&format!(
                "<meta property=\"article:published_time\" content=\"{}\">",
                iso(it.date, it.minute)
            ));
            format!("<div class=\"news-info\">Ngày đăng: {}</div>", dmy(it.date))
        }
        SiteStyle::NumericId => {
            head.push_str(&format!(
                "<meta name=\"DC.title\" content=\"{}\"><meta name=\"DC.creator\" content=\"{}\"><meta name=\"DC.date.created\" content=\"{}\"><meta name=\"DC.publisher\" content=\"{}\"><meta name=\"DC.identifier\" content=\"{}\">",
                esc(&h1),
                esc(author),
                it.date.format("%Y-%m-%d"),
                esc(&site.spec.name),
                href(&it.path)
            ));
            format!(
                "<div class=\"detail-info\">Ngày đăng: {} {} | Lượt xem: {views}</div>",
                dmy(it.date),
                time_24(it.minute)
            )
        }
        SiteStyle::Blogger => {
            head.push_str(&format!(
                "<meta property=\"article:published_time\" content=\"{}\">",
                iso(it.date, it.minute)
            ));
            format!(
                "<div class=\"post-header\">Đăng ngày {} | {} - Tin bài: {}</div>",
                dmy(it.date),
                time_12(it.minute),
                esc(author)
            )
        }
    };
    let mut main = breadcrumb(site, &[(&s.path, &s.spec.label)]);
    main.push_str(&format!(
        "<div class=\"article\"><h1 class=\"article-title\">{}</h1>{date_line}",
        esc(&h1)
    ));
    if let Some((d, file)) = &it.doc {
        let eff = if site.spec.noise.dates_in_titles {
            format!(
                "<tr><th scope=\"row\">Ngày hiệu lực</th><td>{}</td></tr>",
                dmy(it.date + Duration::days(10))
            )
        } else {
            String::new()
        };
        main.push_str(&format!(
            "<table class=\"doc-properties\" summary=\"Thuộc tính văn bản\">\
             <tr><th scope=\"row\">Số ký hiệu</th><td>{}</td></tr><tr><th scope=\"row\">Loại văn bản</th><td>{}</td></tr>\
             <tr><th scope=\"row\">Cơ quan ban hành</th><td>{}</td></tr><tr><th scope=\"row\">Người ký</th><td>{}</td></tr>\
             <tr><th scope=\"row\">Ngày ban hành</th><td>{}</td></tr>{eff}<tr><th scope=\"row\">Trích yếu</th><td>{}</td></tr>\
             <tr><th scope=\"row\">Tệp đính kèm</th><td><a href=\"{}\">Tải về</a></td></tr></table>",
            esc(&d.number),
            d.kind,
            esc(&d.issuer),
            d.signer,
            dmy(it.date),
            esc(&it.title),
            href(file)
        ));
    }
    main.push_str("<div class=\"article-body\">");
    for p in content::body(&site.ag, &s.spec.group, it.seed) {
        main.push_str(&format!("<p>{}</p>", esc(&p)));
    }
    main.push_str("</div>");
    match s.spec.group.as_str() {
        "du_an_dau_thau" => main.push_str(&project_table(site, it)),
        "lay_y_kien" => main.push_str(&draft_box(site, it)),
        _ => {}
    }
    main.push_str(&format!(
        "<p class=\"author\">Tác giả: {}</p><p class=\"source\">Nguồn: {}</p>",
        esc(author),
        esc(&source)
    ));
    main.push_str(
        "<div class=\"article-tools\"><a href=\"javascript:window.print();\" class=\"print\">In bài</a> | \
         <a href=\"#\" class=\"save\" onclick=\"saveArticle();return false;\">Lưu bài</a> | \
         <a href=\"#\" class=\"email\" onclick=\"sendMail();return false;\">Gửi email</a></div></div>",
    );
    let others: Vec<&Item> = s.items.iter().skip(ii + 1).take(5).collect();
    if !others.is_empty() {
        main.push_str("<div class=\"other-news\"><h3>Các tin khác</h3><ul>");
        for o in others {
            main.push_str(&format!(
                "<li><a href=\"{}\">{}</a></li>",
                href(&o.path),
                esc(&o.title)
            ));
        }
        main.push_str("</ul></div>");
    }
    shell(site, &it.title, &main, &head)
}

fn project_table(site: &Site, it: &Item) -> String {
    let status = ["Chuẩn bị đầu tư", "Đang thực hiện", "Đã hoàn thành"][(it.seed % 3) as usize];
    let y = it.date.year();
    format!(
        "<table class=\"project\" summary=\"Thông tin dự án\">\
         <tr><th scope=\"row\">Tên dự án</th><td>{}</td></tr>\
         <tr><th scope=\"row\">Mục tiêu chính</th><td>Nâng cao chất lượng hạ tầng, phục vụ phát triển kinh tế - xã hội và đời sống nhân dân</td></tr>\
         <tr><th scope=\"row\">Lĩnh vực</th><td>{}</td></tr><tr><th scope=\"row\">Loại dự án</th><td>Nhóm C</td></tr>\
         <tr><th scope=\"row\">Thời gian thực hiện</th><td>{y} - {}</td></tr>\
         <tr><th scope=\"row\">Tổng mức đầu tư</th><td>{},{} tỷ đồng</td></tr>\
         <tr><th scope=\"row\">Nguồn vốn</th><td>Ngân sách tỉnh và vốn lồng ghép chương trình mục tiêu quốc gia</td></tr>\
         <tr><th scope=\"row\">Chủ đầu tư</th><td>{}</td></tr><tr><th scope=\"row\">Tình trạng</th><td>{status}</td></tr></table>",
        esc(&it.title),
        site.ag.field_short,
        y + 2,
        2 + it.seed % 40,
        it.seed % 10,
        esc(&site.ag.short)
    )
}

fn draft_box(site: &Site, it: &Item) -> String {
    format!(
        "<div class=\"draft-info\"><p><strong>Thời hạn góp ý: đến hết ngày {}</strong></p>\
         <p>Toàn văn dự thảo được đăng kèm bài viết này.</p>\
         <p>Đơn vị tiếp nhận: Văn phòng {}, email: vanphong.{}@sonha.gov.vn</p>\
         <h3>Ý kiến góp ý đã nhận</h3><p>Đã nhận {} ý kiến góp ý.</p>\
         <form class=\"gop-y\" action=\"{}\" method=\"post\"><fieldset><legend>Gửi ý kiến góp ý</legend>\
         <label>Họ và tên <input type=\"text\" name=\"ho_ten\"></label> <label>Email <input type=\"email\" name=\"email\"></label> \
         <label>Nội dung góp ý <textarea name=\"noi_dung\"></textarea></label> <button type=\"submit\">Gửi góp ý</button></fieldset></form></div>",
        dmy(deadline(it)),
        esc(&site.ag.short),
        site.ag.abbr.to_lowercase(),
        it.seed % 12,
        href(&it.path)
    )
}

fn sitemap_page(site: &Site) -> String {
    let mut main = breadcrumb(site, &[]);
    main.push_str("<h1 class=\"page-title\">Sơ đồ site</h1><ul class=\"site-tree\">");
    main.push_str(&format!(
        "<li><a href=\"{}\">Trang chủ</a><ul>",
        href(&site.home)
    ));
    for s in &site.sections {
        main.push_str(&format!(
            "<li><a href=\"{}\">{}</a>",
            href(&s.path),
            esc(&s.spec.label)
        ));
        if !s.subpages.is_empty() {
            main.push_str("<ul>");
            for p in &s.subpages {
                main.push_str(&format!(
                    "<li><a href=\"{}\">{}</a></li>",
                    href(&p.path),
                    esc(&p.title)
                ));
            }
            main.push_str("</ul>");
        }
        main.push_str("</li>");
    }
    main.push_str("</ul></li></ul>");
    shell(site, "Sơ đồ site", &main, "")
}

fn search_page(site: &Site, keyword: &str) -> String {
    let mut main = breadcrumb(site, &[]);
    main.push_str("<h1 class=\"page-title\">Kết quả tìm kiếm</h1>");
    let kw = fold(keyword);
    if kw.is_empty() {
        main.push_str("<p>Nhập từ khóa để tìm kiếm.</p>");
        return shell(site, "Tìm kiếm", &main, "");
    }
    let mut found = 0;
    for s in &site.sections {
        let hits: Vec<&Item> = s
            .items
            .iter()
            .filter(|it| fold(&it.title).contains(&kw))
            .take(20 - found.min(20))
            .collect();
        if hits.is_empty() {
            continue;
        }
        found += hits.len();
        main.push_str(&format!("<h2>{}</h2>", esc(&s.spec.label)));
        main.push_str(&list_block(site, s, &hits));
    }
    main.insert_str(
        0,
        &format!(
            "<p class=\"search-summary\">Tìm thấy {found} kết quả cho từ khóa \"{}\".</p>",
            esc(keyword)
        ),
    );
    shell(site, "Tìm kiếm", &main, "")
}

fn login_page(site: &Site) -> String {
    let main = "<h1 class=\"page-title\">Đăng nhập hệ thống</h1>\
                <form class=\"login\" method=\"post\"><label>Tên đăng nhập <input type=\"text\" name=\"username\"></label> \
                <label>Mật khẩu <input type=\"password\" name=\"password\"></label> <button type=\"submit\">Đăng nhập</button></form>";
    shell(
        site,
        "Đăng nhập",
        main,
        "<meta name=\"robots\" content=\"noindex\">",
    )
}

fn not_found(site: &Site) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Không tìm thấy trang</title></head><body><h1>404 - Không tìm thấy trang</h1><p>Trang bạn yêu cầu không tồn tại hoặc đã bị xóa.</p><p><a href=\"{}\">Về trang chủ {}</a></p></body></html>",
        href(&site.home),
        esc(&site.spec.name)
    )
}

// ---------------------------------------------------------------------------------------------
// Machine-readable files.

fn robots(site: &Site, base: &Url) -> String {
    let mut out = String::from("User-agent: *\n");
    if site.spec.robots_disallow.is_empty() {
        out.push_str("Disallow:\n");
    }
    for d in &site.spec.robots_disallow {
        out.push_str(&format!("Disallow: {}\n", link(d)));
    }
    if site.spec.sitemap_xml {
        out.push_str(&format!("\nSitemap: {}\n", abs(base, "/sitemap.xml")));
    }
    out
}

/// Absolute URL of a generated path.
pub(super) fn abs(base: &Url, path: &str) -> String {
    base.join(&link(path))
        .map(|u| u.to_string())
        .unwrap_or_else(|_| path.to_string())
}

fn xml_esc(s: &str) -> String {
    esc(s)
}

fn sitemap_xml(site: &Site, base: &Url) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut url = |path: &str, lastmod: Option<NaiveDate>| {
        out.push_str(&format!("<url><loc>{}</loc>", xml_esc(&abs(base, path))));
        if let Some(d) = lastmod {
            out.push_str(&format!("<lastmod>{}</lastmod>", d.format("%Y-%m-%d")));
        }
        out.push_str("</url>\n");
    };
    url(&site.home, None);
    // Deep articles are left out on purpose: they are only reachable through pagination and
    // "Các tin khác" links, so a page budget decides whether the crawler sees them.
    for s in &site.sections {
        url(&s.path, s.items.first().map(|i| i.date));
        for it in s.items.iter().filter(|i| !i.deep) {
            url(&it.path, Some(it.date));
        }
        for p in &s.subpages {
            url(&p.path, None);
        }
    }
    out.push_str("</urlset>\n");
    out
}

fn rfc2822(date: NaiveDate, minute: u32) -> String {
    let dt = date
        .and_hms_opt(minute / 60, minute % 60, 0)
        .expect("minute < 24h");
    format!("{} +0700", dt.format("%a, %d %b %Y %H:%M:%S"))
}

fn feed(site: &Site, base: &Url) -> String {
    let mut items: Vec<(&Section, &Item)> = site
        .sections
        .iter()
        .flat_map(|s| s.items.iter().filter(|i| !i.deep).map(move |i| (s, i)))
        .collect();
    items.sort_by_key(|(_, i)| std::cmp::Reverse((i.date, i.minute)));
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>{}</title><link>{}</link><description>Tin mới từ Trang thông tin điện tử {}</description><language>vi</language>\n",
        xml_esc(&site.spec.name),
        xml_esc(&abs(base, &site.home)),
        xml_esc(&site.ag.short)
    );
    for (s, it) in items.into_iter().take(20) {
        let u = xml_esc(&abs(base, &it.path));
        out.push_str(&format!(
            "<item><title>{}</title><link>{u}</link><guid isPermaLink=\"true\">{u}</guid><pubDate>{}</pubDate><category>{}</category><description>{}</description></item>\n",
            xml_esc(&it.title),
            rfc2822(it.date, it.minute),
            xml_esc(&s.spec.label),
            xml_esc(&content::sapo(&site.ag, &s.spec.group, it.seed))
        ));
    }
    out.push_str("</channel></rss>\n");
    out
}

/// A tiny valid one-page PDF carrying the document number (so downloads are real files).
fn pdf(it: &Item) -> Vec<u8> {
    let number = it
        .doc
        .as_ref()
        .map(|(d, _)| crate::text::fold(&d.number).to_uppercase())
        .unwrap_or_default();
    let stream = format!("BT /F1 12 Tf 72 720 Td (Van ban so {number}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{stream}\nendstream", stream.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut out = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (n, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.push_str(&format!("{} 0 obj\n{o}\nendobj\n", n + 1));
    }
    let xref = out.len();
    out.push_str(&format!(
        "xref\n0 {}\n0000000000 65535 f \n",
        objects.len() + 1
    ));
    for off in offsets {
        out.push_str(&format!("{off:010} 00000 n \n"));
    }
    out.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_links() {
        assert_eq!(time_12(16 * 60 + 30), "04:30 PM");
        assert_eq!(time_12(8 * 60 + 5), "08:05 AM");
        assert_eq!(time_12(12 * 60), "12:00 PM");
        assert_eq!(
            link("/search/label/Tin tức"),
            "/search/label/Tin%20t%E1%BB%A9c"
        );
        let d = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        assert_eq!(rfc2822(d, 8 * 60 + 30), "Wed, 25 Nov 2026 08:30:00 +0700");
    }
}
