//! Each page-level date source becomes a freshness signal with its source and confidence:
//! list items, an article's own date line, `<time>`, meta published/modified, JSON-LD — and
//! dates after the as-of date become flagged ignored signals, never signals.

use chrono::NaiveDate;
use ttdt::extract::{PageFacts, extract};
use ttdt::freshness::{Confidence, REASON_FUTURE, SignalSource};

const URL: &str = "http://so.example.gov.vn/tin-tuc/bai-1.html";

fn run(html: &str, as_of: &str) -> PageFacts {
    extract(&url::Url::parse(URL).unwrap(), html, as_of.parse().unwrap())
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn sources(f: &PageFacts) -> Vec<(NaiveDate, SignalSource)> {
    let mut v: Vec<_> = f.signals.iter().map(|s| (s.date, s.source)).collect();
    v.sort();
    v
}

#[test]
fn list_items_are_list_item_signals_of_the_page() {
    let f = run(
        r#"<ul><li><a href="/tin-tuc/a">Hội nghị triển khai nhiệm vụ năm 2026</a> <span class="date">(20/11/2026)</span></li>
           <li><a href="/tin-tuc/b">Tập huấn chuyển đổi số cho cán bộ</a> <span class="date">(18/11/2026)</span></li>
           <li><a href="/tin-tuc/c">Kế hoạch đón Tết Nguyên đán</a> <span class="date">(05/01/2027)</span></li></ul>"#,
        "2026-11-25",
    );
    assert_eq!(
        sources(&f),
        [
            (d("2026-11-18"), SignalSource::ListItem),
            (d("2026-11-20"), SignalSource::ListItem)
        ]
    );
    let s = &f.signals[0];
    assert_eq!(s.url, URL);
    assert_eq!(s.confidence, Confidence::High);
    assert!(s.text.contains("Hội nghị triển khai"), "{}", s.text);
    assert_eq!(f.future_dates.len(), 1);
    assert_eq!(f.future_dates[0].signal.date, d("2027-01-05"));
    assert_eq!(f.future_dates[0].signal.source, SignalSource::ListItem);
    assert_eq!(f.future_dates[0].reason, REASON_FUTURE);
}

#[test]
fn an_article_date_line_and_its_metadata() {
    let f = run(
        r#"<html><head>
           <meta property="article:published_time" content="2026-11-20T08:00:00+07:00">
           <meta property="article:modified_time" content="2026-11-22T10:00:00+07:00">
           <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2026-11-20T08:00:00+07:00","dateModified":"2026-11-21"}</script>
           </head><body><div class="content"><h1>Hội nghị triển khai nhiệm vụ năm 2026</h1>
           <div class="info">Ngày đăng: 20/11/2026</div><p>Nội dung bài viết.</p></div></body></html>"#,
        "2026-11-25",
    );
    assert_eq!(
        sources(&f),
        [
            (d("2026-11-20"), SignalSource::ArticleDate),
            (d("2026-11-20"), SignalSource::MetaPublished),
            (d("2026-11-20"), SignalSource::JsonLd),
            (d("2026-11-21"), SignalSource::JsonLd),
            (d("2026-11-22"), SignalSource::MetaModified),
        ]
    );
    let conf = |src| {
        f.signals
            .iter()
            .find(|s| s.source == src)
            .unwrap()
            .confidence
    };
    assert_eq!(conf(SignalSource::ArticleDate), Confidence::High);
    assert_eq!(conf(SignalSource::MetaModified), Confidence::Medium);
    // The page's own decision: the visible date wins over its newer metadata, and says so.
    let fr = ttdt::freshness::choose(f.signals.clone(), f.future_dates.clone(), d("2026-11-25"));
    let t = fr.taken.unwrap();
    assert_eq!(
        (t.date, t.source),
        (d("2026-11-20"), SignalSource::ArticleDate)
    );
    assert!(
        fr.newer_not_taken.is_empty(),
        "2 days newer is no disagreement"
    );
}

#[test]
fn time_elements_and_dublin_core() {
    let f = run(
        r#"<html><head><meta name="DC.date.created" content="2026-11-02">
           <meta name="dcterms.modified" content="2026-11-03"></head>
           <body><p>Bản tin <time datetime="2026-11-04T09:00:00+07:00">sáng thứ Tư</time>.</p></body></html>"#,
        "2026-11-25",
    );
    assert_eq!(
        sources(&f),
        [
            (d("2026-11-02"), SignalSource::MetaPublished),
            (d("2026-11-03"), SignalSource::MetaModified),
            (d("2026-11-04"), SignalSource::TimeElement),
        ]
    );
    // The same dates keep their source in the full date list (for `ttdt inspect`).
    assert!(
        f.dates
            .iter()
            .any(|x| x.source == Some(SignalSource::TimeElement) && x.used)
    );
}

#[test]
fn boilerplate_dates_are_never_signals() {
    let f = run(
        r#"<div id="header"><span class="ngay">Thứ Tư, 25/11/2026</span></div>
           <div class="box"><div class="box-title">Lượt truy cập</div><div>Ngày 24/11/2026: 321</div></div>
           <p>Không có tin.</p><footer>© Bản quyền thuộc Sở. Cập nhật 23/11/2026</footer>"#,
        "2026-11-25",
    );
    assert!(f.signals.is_empty(), "{:#?}", f.signals);
    assert!(f.future_dates.is_empty());
    assert!(f.dates.iter().all(|x| x.source.is_none()));
}
