//! Vietnamese page text for the generated sites: item titles per rule group, article bodies,
//! static "Giới thiệu"-style content. All text is written for this project (no real site copied)
//! and chosen deterministically from the agency, section and item index, so the same spec always
//! yields the same site.

use chrono::{Datelike, Duration, NaiveDate};

use crate::text::fold;

/// FNV-1a: a tiny stable hash so that "random-looking" choices (view counts, times, which
/// template) are reproducible across runs and platforms (std's hasher is randomly seeded).
pub(super) fn hash(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0xff)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

/// Vietnamese date as agencies write it inside running text: day padded, month not ("08/6/2020").
pub(super) fn text_date(d: NaiveDate) -> String {
    format!("{:02}/{}/{}", d.day(), d.month(), d.year())
}

/// `dd/mm/yyyy`, the form used in list and article date lines.
pub(super) fn dmy(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// Vietnamese weekday name, for the header "today" widget.
pub(super) fn weekday_vi(d: NaiveDate) -> &'static str {
    use chrono::Weekday::*;
    match d.weekday() {
        Mon => "Thứ Hai",
        Tue => "Thứ Ba",
        Wed => "Thứ Tư",
        Thu => "Thứ Năm",
        Fri => "Thứ Sáu",
        Sat => "Thứ Bảy",
        Sun => "Chủ Nhật",
    }
}

/// Number with Vietnamese thousands separators ("1.234.567").
pub(super) fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// What the generator knows about the agency, derived from its name, so that titles and
/// static pages read right for a provincial department ("Sở") as well as a commune or ward.
#[derive(Debug, Clone)]
pub(super) struct Agency {
    /// Full name as given in the spec.
    pub name: String,
    /// Name without the province suffix ("Sở Tư pháp"); communes keep their full name.
    pub short: String,
    /// A commune or ward people's committee rather than a department.
    pub commune: bool,
    /// Abbreviation used in document numbers ("STP", "SKHCN", "UBND").
    pub abbr: String,
    /// Field of state management, long form (for "chức năng" text).
    pub field: &'static str,
    /// Field, short form (for titles).
    pub field_short: &'static str,
    /// Head of the agency ("Giám đốc Sở", "Chủ tịch UBND xã").
    pub leader: String,
    /// Its leadership as a body ("Lãnh đạo Sở", "Thường trực UBND xã").
    pub leadership: String,
}

impl Agency {
    /// Derive the agency facts from its display name.
    pub(super) fn from_name(name: &str) -> Agency {
        let folded = fold(name);
        let commune = folded.starts_with("ubnd")
            || folded.starts_with("uy ban")
            || folded.contains(" xa ")
            || folded.contains("phuong ");
        let ward = folded.contains("phuong");
        let short = if commune {
            name.to_string()
        } else {
            name.split(" tỉnh ")
                .next()
                .unwrap_or(name)
                .trim()
                .to_string()
        };
        let abbr = if commune {
            "UBND".to_string()
        } else {
            fold(&short)
                .split(' ')
                .filter(|w| *w != "va" && !w.is_empty())
                .filter_map(|w| w.chars().next())
                .collect::<String>()
                .to_uppercase()
        };
        let (field, field_short) = field_of(&folded, commune);
        let unit = if ward { "phường" } else { "xã" };
        let (leader, leadership) = if commune {
            (
                format!("Chủ tịch UBND {unit}"),
                format!("Thường trực UBND {unit}"),
            )
        } else {
            ("Giám đốc Sở".to_string(), "Lãnh đạo Sở".to_string())
        };
        Agency {
            name: name.to_string(),
            short,
            commune,
            abbr,
            field,
            field_short,
            leader,
            leadership,
        }
    }

    /// "xã" or "phường" for communes, "Sở" for departments (used in running text).
    pub(super) fn unit_word(&self) -> &'static str {
        if !self.commune {
            "Sở"
        } else if fold(&self.name).contains("phuong") {
            "phường"
        } else {
            "xã"
        }
    }
}

fn field_of(folded: &str, commune: bool) -> (&'static str, &'static str) {
    if commune {
        return (
            "kinh tế - xã hội, quốc phòng, an ninh và xây dựng chính quyền trên địa bàn",
            "kinh tế - xã hội",
        );
    }
    const FIELDS: &[(&str, &str, &str)] = &[
        (
            "tu phap",
            "xây dựng và thi hành pháp luật, kiểm tra, rà soát văn bản quy phạm pháp luật, phổ biến, giáo dục pháp luật, hộ tịch, quốc tịch, chứng thực, lý lịch tư pháp và bổ trợ tư pháp",
            "tư pháp",
        ),
        (
            "khoa hoc",
            "khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số, bưu chính và viễn thông",
            "khoa học và công nghệ",
        ),
        (
            "nong nghiep",
            "nông nghiệp, lâm nghiệp, thủy lợi, phòng chống thiên tai, đất đai, tài nguyên nước và môi trường",
            "nông nghiệp và môi trường",
        ),
        (
            "y te",
            "y tế dự phòng, khám bệnh, chữa bệnh, dược, mỹ phẩm, an toàn thực phẩm, bảo hiểm y tế và dân số",
            "y tế",
        ),
        (
            "van hoa",
            "văn hóa, gia đình, thể dục, thể thao, du lịch và quảng cáo",
            "văn hóa, thể thao và du lịch",
        ),
        (
            "xay dung",
            "quy hoạch xây dựng, kiến trúc, hoạt động đầu tư xây dựng, phát triển đô thị, hạ tầng kỹ thuật và giao thông vận tải",
            "xây dựng",
        ),
        (
            "noi vu",
            "tổ chức bộ máy, công chức, viên chức, chính quyền địa phương, thi đua, khen thưởng, lao động và người có công",
            "nội vụ",
        ),
        (
            "tai chinh",
            "tài chính, ngân sách, đầu tư công, kế hoạch và phát triển doanh nghiệp",
            "tài chính",
        ),
        (
            "giao duc",
            "giáo dục mầm non, giáo dục phổ thông, giáo dục thường xuyên và đào tạo",
            "giáo dục và đào tạo",
        ),
    ];
    FIELDS
        .iter()
        .find(|(key, _, _)| folded.contains(key))
        .map(|(_, long, short)| (*long, *short))
        .unwrap_or((
            "các ngành, lĩnh vực được Ủy ban nhân dân tỉnh giao",
            "quản lý nhà nước",
        ))
}

/// Communes and wards of the imaginary province, used as places in news titles.
const PLACES: &[&str] = &[
    "xã Mường Chanh",
    "phường Sơn Hà",
    "xã Bản Khoang",
    "xã Pá Lồng",
    "phường Hà Sơn",
    "xã Chiềng Ban",
    "xã Nậm Lạnh",
    "xã Tà Hộc",
    "xã Phiêng Cằm",
    "xã Long Hẹ",
];

/// Villages of a commune, used as places in a commune's own titles.
const VILLAGES: &[&str] = &[
    "bản Nà Sản",
    "bản Huổi Một",
    "bản Co Muông",
    "bản Pá Sáng",
    "bản Nong Lay",
    "bản Phiêng Khoang",
];

/// A place for titles and bodies: provincial departments work across communes; a commune or
/// ward writes about its own villages or residential groups.
fn place_for(ag: &Agency, seed: u64) -> String {
    if !ag.commune {
        PLACES[(seed as usize / 7) % PLACES.len()].to_string()
    } else if ag.unit_word() == "phường" {
        format!("tổ dân phố {}", 1 + seed / 7 % 12)
    } else {
        VILLAGES[(seed as usize / 7) % VILLAGES.len()].to_string()
    }
}

/// Authors for "Tác giả" / "Tin bài" lines.
pub(super) const AUTHORS: &[&str] = &[
    "Minh Anh",
    "Thu Hà",
    "Văn Thắng",
    "Lò Thị Hoa",
    "Quàng Văn Long",
    "Hà Thị Ngọc",
    "Mạnh Hùng",
    "Cầm Thị Lan",
];

/// Leaders shown on static "Lãnh đạo" pages: (name, title template index).
const LEADER_NAMES: &[&str] = &[
    "Lò Văn Hùng",
    "Nguyễn Thị Thu Hà",
    "Cầm Văn Thắng",
    "Hoàng Thị Mai",
    "Đinh Văn Sơn",
    "Quàng Thị Duyên",
];

/// Replace `{name}` placeholders.
fn fill(template: &str, vars: &[(&str, String)]) -> String {
    let mut out = template.to_string();
    for (k, v) in vars {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

/// Normal (date-free) title templates per group.
fn normal_titles(group: &str) -> &'static [&'static str] {
    match group {
        "tin_tuc" => &[
            "{short} tổ chức hội nghị giao ban công tác tháng {month}",
            "Đoàn công tác của {short} kiểm tra tình hình thực hiện nhiệm vụ tại {place}",
            "Tập huấn nghiệp vụ cho cán bộ, công chức cấp xã năm {year}",
            "Hội nghị triển khai nhiệm vụ chuyển đổi số trên địa bàn {place}",
            "Ra quân hưởng ứng Tháng hành động vì an toàn thực phẩm tại {place}",
            "Lãnh đạo {short} tiếp và làm việc với đoàn công tác của Bộ",
            "Sơ kết thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới tại {place}",
            "Trao quà hỗ trợ các hộ gia đình bị ảnh hưởng bởi mưa lũ tại {place}",
            "Ký kết quy chế phối hợp giữa {short} và Ủy ban Mặt trận Tổ quốc Việt Nam cùng cấp",
            "Khai giảng lớp bồi dưỡng kỹ năng số cho người dân {place}",
            "Kiểm tra hoạt động tiếp nhận, trả kết quả tại Trung tâm phục vụ hành chính công",
            "Hội thi tìm hiểu pháp luật dành cho đoàn viên, thanh niên năm {year}",
        ],
        "pho_bien_phap_luat" => &[
            "Tuyên truyền, phổ biến Luật Đất đai đến đồng bào dân tộc thiểu số tại {place}",
            "Hỏi đáp pháp luật về quyền và nghĩa vụ của người sử dụng đất",
            "Phổ biến quy định mới về cấp đổi giấy phép lái xe",
            "Hưởng ứng Ngày Pháp luật nước Cộng hòa xã hội chủ nghĩa Việt Nam năm {year}",
            "Tuyên truyền phòng, chống bạo lực gia đình tại {place}",
            "Hướng dẫn thực hiện chính sách hỗ trợ đóng bảo hiểm xã hội tự nguyện",
            "Phổ biến pháp luật về phòng, chống ma túy cho học sinh {place}",
            "Chính sách mới về bảo hiểm y tế đối với người cao tuổi",
            "Tuyên truyền Luật Hòa giải ở cơ sở tại {place}",
            "Hỏi đáp về thủ tục đăng ký kết hôn có yếu tố nước ngoài",
        ],
        "chi_dao_dieu_hanh" => &[
            "Lịch công tác tuần {week} năm {year} của {leadership}",
            "Thông báo kết luận của {leader} tại cuộc họp giao ban tháng {month}",
            "Chỉ đạo tăng cường công tác phòng, chống thiên tai, tìm kiếm cứu nạn",
            "Chỉ đạo triển khai các giải pháp thúc đẩy giải ngân vốn đầu tư công năm {year}",
            "Trả lời kiến nghị của cử tri {place} về đầu tư đường giao thông nông thôn",
            "Thông báo kết luận thanh tra việc quản lý, sử dụng kinh phí tại {place}",
            "Khen thưởng các tập thể, cá nhân có thành tích xuất sắc trong phong trào thi đua năm {year}",
            "Chỉ đạo tăng cường phòng, chống dịch bệnh trên đàn gia súc, gia cầm",
            "Thông báo phân công nhiệm vụ của {leadership}",
            "Xử phạt vi phạm hành chính trong lĩnh vực {field_short}",
        ],
        "quy_hoach_ke_hoach" => &[
            "Kế hoạch phát triển kinh tế - xã hội năm {nyear}",
            "Kế hoạch cải cách hành chính năm {year}",
            "Công khai quy hoạch sử dụng đất thời kỳ 2021 - 2030 tại {place}",
            "Kế hoạch chuyển đổi số giai đoạn 2026 - 2030",
            "Kế hoạch thực hiện Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi năm {year}",
            "Danh mục dự án kêu gọi đầu tư trên địa bàn tỉnh Sơn Hà",
            "Kế hoạch kiểm tra, rà soát văn bản quy phạm pháp luật năm {year}",
            "Chiến lược phát triển ngành {field_short} đến năm 2030, tầm nhìn đến năm 2045",
            "Kế hoạch phòng, chống thiên tai và tìm kiếm cứu nạn năm {year}",
            "Công bố điều chỉnh quy hoạch chi tiết khu dân cư {place}",
        ],
        "van_ban_phap_luat" => &[
            "Về việc ban hành Quy chế làm việc của {short}",
            "Triển khai công tác cải cách hành chính năm {year}",
            "Về việc tăng cường công tác phòng cháy, chữa cháy tại cơ quan, đơn vị",
            "Ban hành Quy định phân cấp quản lý nhà nước lĩnh vực {field_short} trên địa bàn tỉnh Sơn Hà",
            "Về tăng cường kỷ luật, kỷ cương hành chính trong cơ quan nhà nước",
            "Kết luận của {leader} tại hội nghị sơ kết công tác quý {quarter}",
            "Quy định mức chi hỗ trợ công tác phổ biến, giáo dục pháp luật",
            "Về việc công bố danh mục thủ tục hành chính được chuẩn hóa",
        ],
        "du_an_dau_thau" => &[
            "Thông báo mời thầu gói thầu tư vấn khảo sát, lập báo cáo kinh tế - kỹ thuật công trình đường nội bản tại {place}",
            "Kết quả lựa chọn nhà thầu gói thầu mua sắm trang thiết bị năm {year}",
            "Danh mục dự án đầu tư công trung hạn giai đoạn 2026 - 2030",
            "Công khai dự toán ngân sách năm {year}",
            "Phê duyệt kế hoạch lựa chọn nhà thầu dự án cải tạo trụ sở làm việc",
            "Thông báo kết quả đấu giá quyền sử dụng đất tại {place}",
            "Tiến độ thực hiện dự án nâng cấp hệ thống thủy lợi {place}",
            "Công khai quyết toán ngân sách năm {pyear}",
            "Kết quả mua sắm tập trung tài sản công năm {year}",
        ],
        "dich_vu_cong" => &[
            "Công bố danh mục thủ tục hành chính thuộc thẩm quyền giải quyết của {short}",
            "Hướng dẫn nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia",
            "Danh mục dịch vụ công trực tuyến toàn trình, một phần năm {year}",
            "Hướng dẫn thanh toán phí, lệ phí trực tuyến",
            "Kết quả giải quyết hồ sơ thủ tục hành chính tháng {month} năm {year}",
            "Quy trình nội bộ giải quyết thủ tục hành chính lĩnh vực {field_short}",
            "Hướng dẫn tra cứu tình trạng hồ sơ trực tuyến",
            "Thông báo tiếp nhận hồ sơ và trả kết quả qua dịch vụ bưu chính công ích",
        ],
        "lay_y_kien" => &[
            "Lấy ý kiến góp ý dự thảo Quyết định quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của {short}",
            "Xin ý kiến dự thảo Nghị quyết quy định mức thu phí, lệ phí trên địa bàn tỉnh",
            "Lấy ý kiến nhân dân về đồ án quy hoạch chi tiết khu dân cư {place}",
            "Góp ý dự thảo Kế hoạch phát triển kinh tế - xã hội năm {nyear}",
            "Lấy ý kiến dự thảo Quy chế phối hợp trong công tác {field_short}",
            "Góp ý dự thảo báo cáo đánh giá tác động của chính sách hỗ trợ sản xuất nông nghiệp",
            "Lấy ý kiến về dự thảo Quyết định ban hành bảng giá đất điều chỉnh",
        ],
        "chuc_nang_ho_tro" => &[
            "Hỏi: Thủ tục cấp Phiếu lý lịch tư pháp qua mạng thực hiện như thế nào?",
            "Hỏi: Làm thế nào để tra cứu tình trạng hồ sơ đã nộp trực tuyến?",
            "Hỏi: Người dân có thể gửi phản ánh, kiến nghị qua những kênh nào?",
            "Hỏi: Đăng ký khai sinh cho trẻ cần những giấy tờ gì?",
            "Hỏi: Thời hạn giải quyết thủ tục chứng thực bản sao là bao lâu?",
            "Hỏi: Hộ nghèo được hỗ trợ những gì khi tham gia bảo hiểm y tế?",
            "Hỏi: Cách kích hoạt tài khoản định danh điện tử để nộp hồ sơ trực tuyến?",
            "Hỏi: Chuyển mục đích sử dụng đất vườn sang đất ở cần điều kiện gì?",
        ],
        "quy_dinh_khac" => &[
            "Quyết định kiện toàn Ban biên tập Trang thông tin điện tử {short}",
            "Quy chế hoạt động của Trang thông tin điện tử {short}",
            "Báo cáo tình hình hoạt động Trang thông tin điện tử năm {year}",
            "Công khai thông tin thống kê lĩnh vực {field_short} quý {quarter} năm {year}",
            "Quy chế phối hợp cung cấp thông tin lên Trang thông tin điện tử",
            "Kế hoạch bảo đảm an toàn thông tin mạng năm {year}",
            "Danh mục thông tin phải được công khai theo Luật Tiếp cận thông tin",
            "Báo cáo kết quả thực hiện đề tài khoa học cấp tỉnh",
        ],
        // gioi_thieu with dated items, or an unknown group: announcements about the agency.
        _ => &[
            "Thông báo thay đổi số điện thoại đường dây nóng của {short}",
            "Phân công nhiệm vụ trong {leadership}",
            "Kiện toàn tổ chức bộ máy {short} sau sắp xếp",
            "Cập nhật danh bạ điện thoại, thư điện tử của {short}",
            "Giới thiệu đơn vị trực thuộc {short}",
        ],
    }
}

/// Title with a date that is NEWER than the section's newest item (`{fdate}`), e.g. a schedule
/// for next week or a future deadline: it defeats a naive "max date on the page".
fn future_title(group: &str) -> &'static str {
    match group {
        "tin_tuc" => {
            "Thông báo tổ chức Hội nghị trực tuyến tổng kết công tác năm {year} vào ngày {fdate}"
        }
        "pho_bien_phap_luat" => "Những chính sách mới có hiệu lực từ ngày {fdate}",
        "chi_dao_dieu_hanh" => "Lịch làm việc của {leadership} từ ngày {fstart} đến {fdate}",
        "quy_hoach_ke_hoach" => {
            "Kế hoạch kiểm tra công tác {field_short} tại cơ sở (từ ngày {fday} đến {fdate})"
        }
        "van_ban_phap_luat" => "Về việc tạm dừng tiếp nhận hồ sơ trực tiếp từ ngày {fdate}",
        "du_an_dau_thau" => {
            "Thông báo mời thầu gói thầu xây lắp công trình nhà văn hóa bản (đóng thầu lúc 09 giờ 00 ngày {fdate})"
        }
        "dich_vu_cong" => {
            "Triển khai dịch vụ công trực tuyến toàn trình đối với thủ tục đăng ký khai sinh từ ngày {fdate}"
        }
        "lay_y_kien" => {
            "Lấy ý kiến dự thảo Quy định quản lý chợ trên địa bàn (thời hạn góp ý đến hết ngày {fdate})"
        }
        "chuc_nang_ho_tro" => {
            "Thông báo tạm dừng hoạt động Trang thông tin điện tử để nâng cấp vào ngày {fdate}"
        }
        "quy_dinh_khac" => {
            "Thông báo gửi báo cáo định kỳ hoạt động Trang thông tin điện tử trước ngày {fdate}"
        }
        _ => "Thông báo lịch tiếp công dân định kỳ của {leadership} ngày {fdate}",
    }
}

/// Title quoting an OLDER document (`{odate}`), e.g. "Chỉ thị số 12/CT-UBND ngày 08/6/2020".
fn old_title(group: &str) -> &'static str {
    match group {
        "tin_tuc" => {
            "Sơ kết thực hiện Kết luận số {k}-KL/TU ngày {odate} của Ban Thường vụ Tỉnh ủy tại {place}"
        }
        "pho_bien_phap_luat" => {
            "Triển khai Nghị định số {k}/{oyear}/NĐ-CP ngày {odate} của Chính phủ về xử phạt vi phạm hành chính"
        }
        "chi_dao_dieu_hanh" => {
            "Chỉ thị số {k}/CT-UBND ngày {odate} của Chủ tịch UBND tỉnh về tăng cường kỷ luật, kỷ cương hành chính"
        }
        "quy_hoach_ke_hoach" => {
            "Triển khai Kế hoạch số {k}/KH-UBND ngày {odate} của UBND tỉnh về phát triển sản xuất hàng hóa"
        }
        "van_ban_phap_luat" => {
            "Sửa đổi, bổ sung một số điều của Quyết định số {k}/{oyear}/QĐ-UBND ngày {odate}"
        }
        "du_an_dau_thau" => {
            "Điều chỉnh chủ trương đầu tư dự án đã phê duyệt tại Quyết định số {k}/QĐ-UBND ngày {odate}"
        }
        "dich_vu_cong" => {
            "Công bố thủ tục hành chính sửa đổi theo Quyết định số {k}/QĐ-UBND ngày {odate}"
        }
        "lay_y_kien" => {
            "Lấy ý kiến dự thảo Nghị quyết thay thế Nghị quyết số {k}/{oyear}/NQ-HĐND ngày {odate}"
        }
        "chuc_nang_ho_tro" => {
            "Hỏi: Thông tư số {k}/{oyear}/TT-BTP ngày {odate} còn hiệu lực thi hành không?"
        }
        "quy_dinh_khac" => {
            "Kiện toàn Ban biên tập, thay thế Quyết định số {k}/QĐ-{abbr} ngày {odate}"
        }
        _ => {
            "Quyết định số {k}/QĐ-UBND ngày {odate} quy định chức năng, nhiệm vụ, quyền hạn của {short}"
        }
    }
}

/// The title of one dated item, and the date written inside the title (dates-in-titles noise).
pub(super) struct ItemTitle {
    /// The title text.
    pub text: String,
    /// A date quoted in the title, when noise put one there.
    pub title_date: Option<NaiveDate>,
    /// Seed of the title's choices; [`body`] given the same seed names the same place.
    pub seed: u64,
}

/// Title of item `i` (0 = newest) of a section of `group`. With `noise`, every third item quotes
/// a date: the first such item (index 1) a date after `newest`, later ones an older document.
pub(super) fn item_title(
    ag: &Agency,
    group: &str,
    i: usize,
    date: NaiveDate,
    newest: NaiveDate,
    noise: bool,
) -> ItemTitle {
    let seed = hash(&[&ag.name, group, &i.to_string()]);
    let templates = normal_titles(group);
    let mut vars: Vec<(&str, String)> = vec![
        ("short", ag.short.clone()),
        ("place", place_for(ag, seed)),
        ("year", date.year().to_string()),
        ("nyear", (date.year() + 1).to_string()),
        ("pyear", (date.year() - 1).to_string()),
        ("month", date.month().to_string()),
        ("week", date.iso_week().week().to_string()),
        (
            "quarter",
            ["I", "II", "III", "IV"][date.month0() as usize / 3].to_string(),
        ),
        ("field_short", ag.field_short.to_string()),
        ("leader", ag.leader.clone()),
        ("leadership", ag.leadership.clone()),
        ("abbr", ag.abbr.clone()),
        ("k", (10 + seed % 190).to_string()),
    ];
    if noise && i % 3 == 1 {
        if i == 1 {
            // A date after the section's newest item: next week's schedule, a coming deadline.
            let fdate = if group == "quy_hoach_ke_hoach" {
                // "(từ ngày 01 đến 15/4/2027)": the 15th of the month after `newest`.
                let (y, m) = if newest.month() == 12 {
                    (newest.year() + 1, 1)
                } else {
                    (newest.year(), newest.month() + 1)
                };
                NaiveDate::from_ymd_opt(y, m, 15).unwrap_or(newest + Duration::days(20))
            } else {
                newest + Duration::days(7 + (seed % 14) as i64)
            };
            let fstart = fdate - Duration::days(4);
            vars.push(("fdate", text_date(fdate)));
            vars.push(("fstart", format!("{:02}/{}", fstart.day(), fstart.month())));
            vars.push(("fday", "01".to_string()));
            return ItemTitle {
                text: fill(future_title(group), &vars),
                title_date: Some(fdate),
                seed,
            };
        }
        let odate = date - Duration::days(400 + ((i as i64 * 53) % 1500));
        vars.push(("odate", text_date(odate)));
        vars.push(("oyear", odate.year().to_string()));
        // Alternate the group's own old-document title with a generic one for variety.
        let template = if (i / 3) % 2 == 1 {
            old_title(group)
        } else {
            "Tiếp tục triển khai Chỉ thị số {k}/CT-UBND ngày {odate} của Chủ tịch UBND tỉnh trong lĩnh vực {field_short}"
        };
        return ItemTitle {
            text: fill(template, &vars),
            title_date: Some(odate),
            seed,
        };
    }
    // Cycle templates from a per-section offset so that neighbouring items always differ;
    // the place and year vary the rest.
    let offset = hash(&[&ag.name, group]) as usize;
    let t = templates[(i + offset) % templates.len()];
    ItemTitle {
        text: fill(t, &vars),
        title_date: None,
        seed,
    }
}

/// Document facts for items of a "Văn bản" section (số ký hiệu, loại, người ký).
#[derive(Debug, Clone)]
pub(super) struct DocInfo {
    /// "Quyết định", "Kế hoạch", …
    pub kind: &'static str,
    /// "15/2026/QĐ-UBND", "112/KH-STP".
    pub number: String,
    /// Issuing body.
    pub issuer: String,
    /// Signer.
    pub signer: &'static str,
    /// Download file name (`.pdf`).
    pub file: String,
}

/// Document facts for item `i` of a document section; `total` items, newest has the highest
/// number (numbers grow over time like a real register).
pub(super) fn doc_info(ag: &Agency, i: usize, total: usize, date: NaiveDate) -> DocInfo {
    const KINDS: &[(&str, &str, bool)] = &[
        // (kind, code suffix, issued by the province People's Committee with a year in the number)
        ("Quyết định", "QĐ-{abbr}", false),
        ("Kế hoạch", "KH-{abbr}", false),
        ("Công văn", "{abbr}-VP", false),
        ("Quyết định", "QĐ-UBND", true),
        ("Chỉ thị", "CT-UBND", false),
        ("Thông báo", "TB-{abbr}", false),
        ("Nghị quyết", "NQ-HĐND", true),
        ("Quyết định", "QĐ-{abbr}", false),
    ];
    let seed = hash(&[&ag.name, "doc", &i.to_string()]);
    let (kind, code, qppl) = KINDS[(i + seed as usize % 2) % KINDS.len()];
    let code = code.replace("{abbr}", &ag.abbr);
    let n = 3 * (total - i) + (seed % 3) as usize + 1;
    let number = if qppl {
        format!("{n}/{}/{code}", date.year())
    } else {
        format!("{n}/{code}")
    };
    let issuer = if code.ends_with("UBND") && !ag.commune {
        "UBND tỉnh Sơn Hà".to_string()
    } else if code.ends_with("HĐND") {
        "HĐND tỉnh Sơn Hà".to_string()
    } else {
        ag.short.clone()
    };
    let file = format!("{}.pdf", fold(&number).replace(' ', "-"));
    DocInfo {
        kind,
        number,
        issuer,
        signer: LEADER_NAMES[seed as usize % LEADER_NAMES.len()],
        file,
    }
}

/// Article body paragraphs for an item (date-free, so the only dates on an article page are the
/// ones the generator places on purpose).
pub(super) fn body(ag: &Agency, group: &str, seed: u64) -> Vec<String> {
    let vars = [
        ("agency", ag.name.clone()),
        ("short", ag.short.clone()),
        ("place", place_for(ag, seed)),
        ("field", ag.field.to_string()),
        ("field_short", ag.field_short.to_string()),
        ("leader", ag.leader.clone()),
        ("leadership", ag.leadership.clone()),
    ];
    let specific: &[&str] = match group {
        "tin_tuc" => &[
            "Tham dự có đại diện {leadership}, lãnh đạo các phòng chuyên môn và đại diện cấp ủy, chính quyền {place}.",
            "Phát biểu chỉ đạo, {leader} đề nghị các đơn vị tiếp tục bám sát cơ sở, kịp thời tháo gỡ khó khăn, vướng mắc phát sinh và báo cáo kết quả theo quy định.",
            "Theo báo cáo, trong thời gian qua các nhiệm vụ trọng tâm cơ bản được triển khai đúng tiến độ; một số chỉ tiêu vượt kế hoạch đề ra, đời sống của nhân dân từng bước được cải thiện.",
        ],
        "pho_bien_phap_luat" => &[
            "Nội dung tuyên truyền tập trung vào những điểm mới của văn bản, quyền và nghĩa vụ của công dân, trình tự, thủ tục thực hiện và chế tài xử lý vi phạm.",
            "Hình thức tuyên truyền được đổi mới: tổ chức hội nghị trực tiếp tại nhà văn hóa bản, phát trên hệ thống loa truyền thanh cơ sở bằng tiếng Kinh, tiếng Thái và tiếng Mông.",
            "Người dân có thể tìm hiểu thêm tại tủ sách pháp luật của xã hoặc liên hệ trực tiếp với công chức tư pháp - hộ tịch để được hướng dẫn.",
        ],
        "chi_dao_dieu_hanh" => &[
            "{leader} yêu cầu thủ trưởng các phòng, đơn vị trực thuộc khẩn trương tổ chức thực hiện, phân công rõ người, rõ việc, rõ thời hạn hoàn thành.",
            "Các đơn vị chủ động rà soát nhiệm vụ được giao, tổng hợp khó khăn, vướng mắc, đề xuất giải pháp và báo cáo kết quả về Văn phòng để tổng hợp, báo cáo {leadership}.",
            "Lịch công tác có thể được điều chỉnh; các đơn vị theo dõi thông báo trên Trang thông tin điện tử để chủ động sắp xếp công việc.",
        ],
        "quy_hoach_ke_hoach" => &[
            "Kế hoạch xác định mục tiêu tổng quát, các chỉ tiêu chủ yếu, nhiệm vụ, giải pháp trọng tâm và phân công trách nhiệm cụ thể cho từng cơ quan, đơn vị.",
            "Nguồn lực thực hiện gồm ngân sách nhà nước, vốn lồng ghép các chương trình mục tiêu quốc gia và các nguồn vốn hợp pháp khác.",
            "Các cơ quan, đơn vị căn cứ kế hoạch này xây dựng kế hoạch chi tiết, định kỳ báo cáo kết quả thực hiện theo quy định.",
        ],
        "van_ban_phap_luat" => &[
            "Văn bản có hiệu lực kể từ ngày ký ban hành, trừ trường hợp văn bản quy định khác.",
            "Chánh Văn phòng, thủ trưởng các cơ quan, đơn vị và các tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành văn bản này.",
            "Toàn văn văn bản được đính kèm dưới dạng tệp PDF; tổ chức, cá nhân có thể tải về để nghiên cứu, thực hiện.",
        ],
        "du_an_dau_thau" => &[
            "Bên mời thầu kính mời các nhà thầu có đủ năng lực, kinh nghiệm tham gia đấu thầu qua Hệ thống mạng đấu thầu quốc gia.",
            "Dự án được thực hiện theo hình thức đấu thầu rộng rãi trong nước, phương thức một giai đoạn một túi hồ sơ.",
            "Thông tin chi tiết về dự án, hồ sơ mời thầu và các nội dung liên quan được công khai theo quy định của Luật Đấu thầu.",
        ],
        "dich_vu_cong" => &[
            "Tổ chức, cá nhân có thể nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia hoặc nộp trực tiếp tại Trung tâm phục vụ hành chính công.",
            "Kết quả giải quyết thủ tục hành chính được trả trực tuyến, qua dịch vụ bưu chính công ích hoặc trực tiếp tại bộ phận một cửa theo đề nghị của người dân.",
            "Mọi thắc mắc về thủ tục hành chính xin liên hệ bộ phận một cửa của {short} để được hướng dẫn.",
        ],
        "lay_y_kien" => &[
            "Nhằm bảo đảm tính khả thi của văn bản, {short} đề nghị các cơ quan, tổ chức, cá nhân nghiên cứu, tham gia góp ý vào dự thảo.",
            "Ý kiến góp ý gửi bằng văn bản hoặc qua thư điện tử đến đơn vị chủ trì soạn thảo, hoặc gửi trực tiếp bằng biểu mẫu góp ý trên trang này.",
            "Các ý kiến góp ý sẽ được tổng hợp, tiếp thu, giải trình và công khai trên Trang thông tin điện tử.",
        ],
        "chuc_nang_ho_tro" => &[
            "Trả lời: Theo quy định hiện hành, người dân có thể thực hiện thủ tục trực tuyến trên Cổng Dịch vụ công quốc gia bằng tài khoản định danh điện tử.",
            "Hồ sơ gồm tờ khai theo mẫu và các giấy tờ chứng minh có liên quan; thời hạn giải quyết được niêm yết công khai tại bộ phận một cửa.",
            "Trường hợp cần hướng dẫn thêm, đề nghị ông (bà) liên hệ bộ phận một cửa của {short} trong giờ hành chính.",
        ],
        _ => &[
            "{short} thực hiện chức năng tham mưu, giúp UBND tỉnh quản lý nhà nước về {field}.",
            "Ban biên tập Trang thông tin điện tử có trách nhiệm tổ chức thu thập, biên tập và đăng tải thông tin theo quy chế hoạt động.",
            "Việc cung cấp thông tin bảo đảm kịp thời, chính xác, đúng quy định về bảo vệ bí mật nhà nước và an toàn thông tin mạng.",
        ],
    };
    let opening = match group {
        "tin_tuc" => {
            "Thực hiện chương trình công tác trọng tâm, {agency} tổ chức hoạt động với sự tham gia của đông đảo cán bộ, công chức và nhân dân {place}."
        }
        "chuc_nang_ho_tro" => {
            "Một công dân ở {place} gửi câu hỏi đến {short} qua chuyên mục Hỏi đáp trên Trang thông tin điện tử."
        }
        "lay_y_kien" => {
            "{agency} đăng tải toàn văn dự thảo để lấy ý kiến rộng rãi của cơ quan, tổ chức, cá nhân trên địa bàn tỉnh."
        }
        _ => {
            "{agency} thông tin nội dung dưới đây để các cơ quan, đơn vị, tổ chức và cá nhân biết, thực hiện."
        }
    };
    let mut out = vec![fill(opening, &vars)];
    let skip = (seed % specific.len() as u64) as usize;
    for (n, p) in specific.iter().enumerate() {
        // Leave one paragraph out on some items so that bodies differ.
        if n == skip && seed % 2 == 0 {
            continue;
        }
        out.push(fill(p, &vars));
    }
    out
}

/// A first-sentence summary ("sapo") shown under titles on list pages.
pub(super) fn sapo(ag: &Agency, group: &str, seed: u64) -> String {
    let lines: &[&str] = match group {
        "tin_tuc" => &[
            "Hoạt động nằm trong chương trình công tác trọng tâm của {short}.",
            "Sự kiện thu hút đông đảo cán bộ, công chức và nhân dân tham gia.",
        ],
        "pho_bien_phap_luat" => {
            &["Tuyên truyền những quy định mới, gần gũi với đời sống hằng ngày của người dân."]
        }
        "lay_y_kien" => &["Kính mời cơ quan, tổ chức, cá nhân tham gia góp ý vào dự thảo."],
        "du_an_dau_thau" => &["Thông tin được công khai theo quy định của pháp luật về đấu thầu."],
        "chuc_nang_ho_tro" => &["Câu hỏi đã được trả lời."],
        _ => &["Thông tin do {short} cung cấp."],
    };
    fill(
        lines[seed as usize % lines.len()],
        &[("short", ag.short.clone())],
    )
}

/// Sub-pages of a static section ("Chức năng, nhiệm vụ", "Cơ cấu tổ chức", …): (title, HTML).
pub(super) fn static_subpages(ag: &Agency, group: &str, label: &str) -> Vec<(String, String)> {
    let folded = fold(label);
    if folded.contains("lien he") {
        return vec![("Danh bạ điện thoại".to_string(), directory(ag))];
    }
    match group {
        "gioi_thieu" if ag.commune => vec![
            ("Giới thiệu chung".to_string(), commune_overview(ag)),
            ("Điều kiện tự nhiên".to_string(), commune_nature(ag)),
            ("Tổ chức bộ máy".to_string(), organisation(ag)),
            (ag.leadership.clone(), leaders(ag)),
            (
                "Lịch sử, truyền thống văn hóa".to_string(),
                commune_history(ag),
            ),
            ("Thông tin liên hệ".to_string(), directory(ag)),
        ],
        "gioi_thieu" => vec![
            ("Chức năng, nhiệm vụ, quyền hạn".to_string(), functions(ag)),
            ("Cơ cấu tổ chức".to_string(), organisation(ag)),
            (ag.leadership.clone(), leaders(ag)),
            (
                "Quá trình hình thành và phát triển".to_string(),
                history(ag),
            ),
            ("Thông tin liên hệ".to_string(), directory(ag)),
        ],
        "chuc_nang_ho_tro" => vec![
            ("Hướng dẫn sử dụng".to_string(), usage_help(ag)),
            ("Liên kết website".to_string(), links_page()),
        ],
        "quy_dinh_khac" => vec![
            ("Ban biên tập".to_string(), editorial_board(ag)),
            ("Quy chế hoạt động".to_string(), site_rules(ag)),
        ],
        "dich_vu_cong" => vec![("Bộ thủ tục hành chính".to_string(), procedures_intro(ag))],
        _ => Vec::new(),
    }
}

/// The main text of a static section page (no dates anywhere).
pub(super) fn static_intro(ag: &Agency, group: &str, label: &str) -> String {
    let folded = fold(label);
    if folded.contains("lien he") {
        return format!(
            "<p>Mọi thông tin, ý kiến xin gửi về {name}. Cán bộ đầu mối tiếp nhận thông tin của Trang thông tin điện tử sẽ phản hồi trong thời gian sớm nhất.</p>{dir}",
            name = esc(&ag.name),
            dir = directory(ag)
        );
    }
    match group {
        "gioi_thieu" if ag.commune => format!(
            "<h2>Giới thiệu chung</h2>{}<h2>Tổ chức bộ máy</h2>{}<h2>{}</h2>{}",
            commune_overview(ag),
            organisation(ag),
            esc(&ag.leadership),
            leaders(ag)
        ),
        "gioi_thieu" => format!(
            "<h2>Chức năng, nhiệm vụ, quyền hạn</h2>{}<h2>Cơ cấu tổ chức</h2>{}<h2>{}</h2>{}",
            functions(ag),
            organisation(ag),
            esc(&ag.leadership),
            leaders(ag)
        ),
        "chuc_nang_ho_tro" => format!(
            "<h2>Hỏi đáp</h2><p>Tổ chức, cá nhân gửi câu hỏi về các lĩnh vực thuộc thẩm quyền của {short} bằng biểu mẫu dưới đây hoặc qua thư điện tử. Câu trả lời được gửi đến người hỏi và đăng công khai nếu có nội dung được nhiều người quan tâm.</p>",
            short = esc(&ag.short)
        ),
        "quy_dinh_khac" => format!("{}{}", editorial_board(ag), site_rules(ag)),
        "dich_vu_cong" => procedures_intro(ag),
        "van_ban_phap_luat" => "<p>Chưa có văn bản nào được đăng tải.</p>".to_string(),
        _ => format!(
            "<p>Chuyên mục đang được {short} cập nhật thông tin.</p>",
            short = esc(&ag.short)
        ),
    }
}

fn functions(ag: &Agency) -> String {
    format!(
        "<p><strong>Vị trí và chức năng:</strong> {name} là cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh Sơn Hà, tham mưu, giúp UBND tỉnh thực hiện chức năng quản lý nhà nước về {field}; thực hiện các dịch vụ công thuộc phạm vi quản lý của Sở theo quy định của pháp luật.</p>\
         <p>{short} có tư cách pháp nhân, có con dấu và tài khoản riêng; chịu sự chỉ đạo, quản lý về tổ chức, biên chế và công tác của UBND tỉnh, đồng thời chịu sự chỉ đạo, kiểm tra, hướng dẫn về chuyên môn, nghiệp vụ của Bộ quản lý ngành.</p>\
         <p><strong>Nhiệm vụ và quyền hạn:</strong></p><ul>\
         <li>Trình UBND tỉnh dự thảo quyết định, kế hoạch dài hạn, trung hạn, hằng năm về lĩnh vực {field_short};</li>\
         <li>Tổ chức thực hiện các văn bản quy phạm pháp luật, quy hoạch, kế hoạch sau khi được phê duyệt; thông tin, tuyên truyền, phổ biến, giáo dục pháp luật;</li>\
         <li>Hướng dẫn, kiểm tra chuyên môn, nghiệp vụ đối với UBND cấp xã;</li>\
         <li>Giải quyết thủ tục hành chính theo thẩm quyền; thanh tra, kiểm tra, giải quyết khiếu nại, tố cáo;</li>\
         <li>Thực hiện các nhiệm vụ khác do UBND tỉnh giao.</li></ul>",
        name = esc(&ag.name),
        short = esc(&ag.short),
        field = ag.field,
        field_short = ag.field_short
    )
}

fn organisation(ag: &Agency) -> String {
    if ag.commune {
        let unit = ag.unit_word();
        format!(
            "<p>Bộ máy chính quyền {unit} được tổ chức theo mô hình chính quyền địa phương hai cấp, gồm:</p><ul>\
             <li>Hội đồng nhân dân {unit}: Chủ tịch, Phó Chủ tịch, Ban Kinh tế - Ngân sách, Ban Văn hóa - Xã hội;</li>\
             <li>Ủy ban nhân dân {unit}: Chủ tịch và các Phó Chủ tịch;</li>\
             <li>Các cơ quan chuyên môn: Văn phòng HĐND và UBND, Phòng Kinh tế, Phòng Văn hóa - Xã hội;</li>\
             <li>Trung tâm phục vụ hành chính công {unit}.</li></ul>"
        )
    } else {
        format!(
            "<p>Cơ cấu tổ chức của {short} gồm:</p><ul>\
             <li>Lãnh đạo Sở: Giám đốc và các Phó Giám đốc;</li>\
             <li>Các phòng chuyên môn, nghiệp vụ: Văn phòng Sở, Thanh tra Sở, Phòng Kế hoạch - Tài chính, Phòng Quản lý chuyên ngành;</li>\
             <li>Các đơn vị sự nghiệp trực thuộc.</li></ul>\
             <p>Sơ đồ tổ chức: <img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" alt=\"Sơ đồ cơ cấu tổ chức {short}\"></p>",
            short = esc(&ag.short)
        )
    }
}

fn leaders(ag: &Agency) -> String {
    let seed = hash(&[&ag.name, "leaders"]) as usize;
    let titles: [&str; 3] = if ag.commune {
        ["Chủ tịch UBND", "Phó Chủ tịch UBND", "Phó Chủ tịch UBND"]
    } else {
        ["Giám đốc", "Phó Giám đốc", "Phó Giám đốc"]
    };
    let duties = [
        "Phụ trách chung; trực tiếp chỉ đạo công tác tổ chức cán bộ, tài chính, thanh tra",
        "Phụ trách lĩnh vực kinh tế, quy hoạch, đầu tư và cải cách hành chính",
        "Phụ trách lĩnh vực văn hóa - xã hội, chuyển đổi số và Trang thông tin điện tử",
    ];
    let mut rows = String::new();
    for (n, title) in titles.iter().enumerate() {
        let name = LEADER_NAMES[(seed + n) % LEADER_NAMES.len()];
        rows.push_str(&format!(
            "<tr><td>{name}</td><td>{title}</td><td>0212 3{:03} {:03}</td><td>{}@sonha.gov.vn</td><td>{}</td></tr>",
            (seed + 17 * n) % 1000,
            (seed / 7 + 31 * n) % 1000,
            fold(name).replace(' ', ""),
            duties[n]
        ));
    }
    format!(
        "<table class=\"leaders\" summary=\"Danh sách lãnh đạo\"><thead><tr><th scope=\"col\">Họ và tên</th><th scope=\"col\">Chức vụ</th><th scope=\"col\">Điện thoại</th><th scope=\"col\">Email</th><th scope=\"col\">Nhiệm vụ đảm nhiệm</th></tr></thead><tbody>{rows}</tbody></table>"
    )
}

fn history(ag: &Agency) -> String {
    format!(
        "<p>{short} được thành lập trên cơ sở tổ chức lại các cơ quan chuyên môn của tỉnh qua nhiều giai đoạn. Trải qua quá trình xây dựng và trưởng thành, đội ngũ cán bộ, công chức của Sở không ngừng lớn mạnh về số lượng và chất lượng.</p>\
         <p>Sau khi thực hiện sắp xếp tổ chức bộ máy theo chủ trương của Trung ương, {short} tiếp tục kiện toàn cơ cấu tổ chức, tinh gọn đầu mối, nâng cao hiệu lực, hiệu quả quản lý nhà nước về {field_short}.</p>\
         <p>Với những thành tích đạt được, tập thể {short} đã vinh dự được Nhà nước tặng thưởng Huân chương Lao động hạng Ba và nhiều Bằng khen của Bộ, của UBND tỉnh.</p>",
        short = esc(&ag.short),
        field_short = ag.field_short
    )
}

fn commune_overview(ag: &Agency) -> String {
    let seed = hash(&[&ag.name, "overview"]);
    let unit = ag.unit_word();
    format!(
        "<p>{unit_cap} được thành lập trên cơ sở sắp xếp đơn vị hành chính cấp xã khi thực hiện mô hình chính quyền địa phương hai cấp. Diện tích tự nhiên khoảng {area} km², dân số trên {pop} người, gồm {bans} bản, tổ dân phố.</p>\
         <p>Trên địa bàn có các dân tộc Thái, Mông, Kinh, Mường, Khơ Mú cùng sinh sống, đoàn kết, gắn bó; kinh tế chủ yếu là sản xuất nông, lâm nghiệp, trồng cây ăn quả và chăn nuôi.</p>",
        unit_cap = esc(&sentence_start(&ag.name.replace("UBND ", ""))),
        area = 80 + seed % 300,
        pop = thousands(8_000 + seed % 20_000),
        bans = 12 + seed % 30,
    ) + &format!(
        "<p>Trụ sở Đảng ủy, HĐND, UBND {unit} đặt tại trung tâm hành chính mới, thuận tiện cho người dân đến giao dịch.</p>"
    )
}

fn commune_nature(ag: &Agency) -> String {
    format!(
        "<p>{name} nằm ở vùng núi cao của tỉnh Sơn Hà, địa hình chia cắt bởi nhiều dãy núi và khe suối; khí hậu nhiệt đới gió mùa, mùa đông lạnh và khô, mùa hè nóng ẩm, mưa nhiều.</p>\
         <p>Tài nguyên đất, rừng phong phú, thuận lợi cho phát triển cây ăn quả, chè, cà phê và chăn nuôi đại gia súc. Hệ thống sông suối cung cấp nước tưới cho sản xuất nông nghiệp và sinh hoạt.</p>\
         <p>Bản đồ địa giới hành chính: <img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" alt=\"Bản đồ hành chính {name}\"></p>",
        name = esc(&sentence_start(&ag.name.replace("UBND ", "")))
    )
}

/// Capitalise the first letter ("xã Pá Lồng" at the start of a sentence).
fn sentence_start(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn commune_history(ag: &Agency) -> String {
    format!(
        "<p>Vùng đất {name} có truyền thống cách mạng và bề dày văn hóa của các dân tộc. Các lễ hội truyền thống như lễ hội Xên bản, Xên mường, Tết Nào pê chi của đồng bào Mông được gìn giữ và phát huy.</p>\
         <p>Trên địa bàn có nhiều danh thắng như thác nước, hang động và các bản văn hóa du lịch cộng đồng, thu hút du khách trong và ngoài tỉnh.</p>",
        name = esc(&ag.name.replace("UBND ", ""))
    )
}

fn directory(ag: &Agency) -> String {
    let seed = hash(&[&ag.name, "directory"]) as usize;
    let units: &[&str] = if ag.commune {
        &[
            "Văn phòng HĐND và UBND",
            "Phòng Kinh tế",
            "Phòng Văn hóa - Xã hội",
            "Trung tâm phục vụ hành chính công",
        ]
    } else {
        &[
            "Văn phòng Sở",
            "Thanh tra Sở",
            "Phòng Kế hoạch - Tài chính",
            "Phòng Quản lý chuyên ngành",
        ]
    };
    let mut rows = String::new();
    for (n, u) in units.iter().enumerate() {
        rows.push_str(&format!(
            "<tr><td>{u}</td><td>{}</td><td>0212 3{:03} {:03}</td><td>{}.{}@sonha.gov.vn</td></tr>",
            LEADER_NAMES[(seed + n + 2) % LEADER_NAMES.len()],
            (seed + 11 * n) % 1000,
            (seed / 5 + 7 * n) % 1000,
            fold(u)
                .replace(' ', "")
                .chars()
                .take(10)
                .collect::<String>(),
            ag.abbr.to_lowercase()
        ));
    }
    format!(
        "<table class=\"directory\" summary=\"Danh bạ điện thoại\"><thead><tr><th scope=\"col\">Đơn vị</th><th scope=\"col\">Người đầu mối</th><th scope=\"col\">Điện thoại</th><th scope=\"col\">Email</th></tr></thead><tbody>{rows}</tbody></table>"
    )
}

fn usage_help(ag: &Agency) -> String {
    format!(
        "<p>Trang thông tin điện tử {short} hỗ trợ tìm kiếm thông tin theo từ khóa, in và lưu bài viết, nhận tin qua RSS và gửi câu hỏi tại chuyên mục Hỏi đáp.</p>\
         <p>Người dùng có thể thay đổi cỡ chữ bằng các nút A+ A- ở đầu trang; mọi hình ảnh đều có chú thích thay thế để hỗ trợ người khuyết tật.</p>",
        short = esc(&ag.short)
    )
}

fn links_page() -> String {
    "<ul class=\"weblinks\">\
     <li><a href=\"https://chinhphu.vn/\">Cổng Thông tin điện tử Chính phủ</a></li>\
     <li><a href=\"https://dichvucong.gov.vn/\">Cổng Dịch vụ công quốc gia</a></li>\
     <li><a href=\"https://vbpl.vn/\">Cơ sở dữ liệu quốc gia về văn bản pháp luật</a></li>\
     <li><a href=\"https://cong.sonha.example/\">Cổng Thông tin điện tử tỉnh Sơn Hà</a></li></ul>"
        .to_string()
}

fn editorial_board(ag: &Agency) -> String {
    let seed = hash(&[&ag.name, "board"]) as usize;
    format!(
        "<h2>Ban biên tập Trang thông tin điện tử</h2><ul>\
         <li>Trưởng Ban biên tập: {} - {}</li>\
         <li>Phó Trưởng Ban: {} - Chánh Văn phòng</li>\
         <li>Thành viên: các trưởng phòng chuyên môn, công chức phụ trách công nghệ thông tin</li></ul>",
        LEADER_NAMES[seed % LEADER_NAMES.len()],
        esc(&ag.leader),
        LEADER_NAMES[(seed + 3) % LEADER_NAMES.len()],
    )
}

fn site_rules(ag: &Agency) -> String {
    format!(
        "<h2>Quy chế hoạt động</h2><p>Quy chế quy định việc quản lý, cung cấp, đăng tải thông tin trên Trang thông tin điện tử {short}; trách nhiệm của Ban biên tập và các phòng, đơn vị trong việc cung cấp thông tin, bảo đảm an toàn thông tin và chế độ nhuận bút.</p>",
        short = esc(&ag.short)
    )
}

fn procedures_intro(ag: &Agency) -> String {
    format!(
        "<p>Danh mục thủ tục hành chính thuộc thẩm quyền giải quyết của {short}, được đồng bộ từ Cơ sở dữ liệu quốc gia về thủ tục hành chính. Người dân có thể nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia.</p>",
        short = esc(&ag.short)
    )
}

/// Administrative procedures listed on a "Dịch vụ công" page: (name, field, level).
pub(super) const PROCEDURES: &[(&str, &str, &str)] = &[
    (
        "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam",
        "Lý lịch tư pháp",
        "Toàn trình",
    ),
    ("Đăng ký khai sinh", "Hộ tịch", "Toàn trình"),
    ("Chứng thực bản sao từ bản chính", "Chứng thực", "Một phần"),
    ("Đăng ký kết hôn", "Hộ tịch", "Một phần"),
    (
        "Cấp giấy phép xây dựng nhà ở riêng lẻ",
        "Xây dựng",
        "Một phần",
    ),
    (
        "Đăng ký đất đai, tài sản gắn liền với đất lần đầu",
        "Đất đai",
        "Một phần",
    ),
    (
        "Trợ cấp xã hội hằng tháng đối với đối tượng bảo trợ xã hội",
        "Bảo trợ xã hội",
        "Toàn trình",
    ),
    (
        "Cấp giấy chứng nhận đủ điều kiện an toàn thực phẩm",
        "An toàn thực phẩm",
        "Mức độ 3",
    ),
];

/// HTML escaping for text and attribute values.
pub(super) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agency_facts_from_names() {
        let so = Agency::from_name("Sở Khoa học và Công nghệ tỉnh Sơn Hà");
        assert_eq!(so.short, "Sở Khoa học và Công nghệ");
        assert_eq!(so.abbr, "SKHCN");
        assert!(!so.commune);
        let xa = Agency::from_name("UBND xã Mường Chanh");
        assert!(xa.commune);
        assert_eq!(xa.abbr, "UBND");
        assert_eq!(xa.leader, "Chủ tịch UBND xã");
        let phuong = Agency::from_name("UBND phường Sơn Hà");
        assert_eq!(phuong.unit_word(), "phường");
    }

    #[test]
    fn weekday_and_numbers() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        assert_eq!(weekday_vi(d), "Thứ Tư");
        assert_eq!(thousands(1_234_567), "1.234.567");
        assert_eq!(thousands(345), "345");
        assert_eq!(
            text_date(NaiveDate::from_ymd_opt(2020, 6, 8).unwrap()),
            "08/6/2020"
        );
    }

    #[test]
    fn noisy_second_title_quotes_a_future_date() {
        let ag = Agency::from_name("Sở Tư pháp tỉnh Sơn Hà");
        let newest = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        for g in [
            "tin_tuc",
            "chi_dao_dieu_hanh",
            "quy_hoach_ke_hoach",
            "lay_y_kien",
        ] {
            let t = item_title(&ag, g, 1, newest - Duration::days(3), newest, true);
            assert!(t.title_date.unwrap() > newest, "{g}: {}", t.text);
            let t = item_title(&ag, g, 4, newest - Duration::days(12), newest, true);
            assert!(t.title_date.unwrap() < newest - Duration::days(12), "{g}");
            let t = item_title(&ag, g, 0, newest, newest, true);
            assert!(t.title_date.is_none());
        }
    }
}
