//! Ranking rules on small hand-made blocks: ties, provisional totals, shares, edge cases.

use std::collections::BTreeMap;

use ttdt::rank::{Ranking, TotalRow, band_shares, largest_remainder, rank_totals};
use ttdt::rules::Band;

fn bands() -> Vec<Band> {
    [
        ("tot", "Tốt", 80.0),
        ("kha", "Khá", 65.0),
        ("trung_binh", "Trung bình", 50.0),
        ("yeu", "Yếu", 0.0),
    ]
    .into_iter()
    .map(|(id, label, min)| Band {
        id: id.into(),
        label: label.into(),
        min,
    })
    .collect()
}

fn row(name: &str, total: f64) -> TotalRow {
    TotalRow {
        agency_id: name.to_lowercase(),
        name: name.into(),
        block: "so_nganh".into(),
        total,
        provisional: false,
    }
}

fn ranked(rows: &[TotalRow]) -> Ranking {
    rank_totals(rows, &bands(), &BTreeMap::new())
}

fn names_and_ranks(r: &Ranking) -> Vec<(String, u32)> {
    r.blocks[0]
        .rows
        .iter()
        .map(|r| (r.name.clone(), r.rank))
        .collect()
}

fn pairs(v: &[(&str, u32)]) -> Vec<(String, u32)> {
    v.iter().map(|(n, r)| (n.to_string(), *r)).collect()
}

#[test]
fn equal_printed_totals_share_a_rank_and_the_next_is_dense() {
    let r = ranked(&[
        row("Sở Y tế", 70.0),
        row("Sở Tài chính", 71.5),
        row("Sở Giao thông vận tải", 71.5),
        row("Sở Nội vụ", 77.2),
    ]);
    assert_eq!(
        names_and_ranks(&r),
        pairs(&[
            ("Sở Nội vụ", 1),
            // Tie: both rank 2, ordered by folded name (G before T).
            ("Sở Giao thông vận tải", 2),
            ("Sở Tài chính", 2),
            ("Sở Y tế", 3),
        ])
    );
}

#[test]
fn ties_compare_the_printed_one_decimal_value() {
    // 71.54 and 71.46 both print 71,5: same rank. 71.44 prints 71,4: next rank.
    let r = ranked(&[row("B", 71.46), row("A", 71.54), row("C", 71.44)]);
    assert_eq!(names_and_ranks(&r), pairs(&[("A", 1), ("B", 1), ("C", 2)]));
}

#[test]
fn tie_order_is_vietnamese_aware() {
    // Byte order would put "Ban" < "Sở" < "Đài" < "Ủy"; folded: ban < dai < so < uy.
    let r = ranked(&[
        row("Ủy ban A", 60.0),
        row("Sở B", 60.0),
        row("Đài C", 60.0),
        row("Ban D", 60.0),
    ]);
    let names: Vec<String> = names_and_ranks(&r).into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["Ban D", "Đài C", "Sở B", "Ủy ban A"]);
    assert!(r.blocks[0].rows.iter().all(|r| r.rank == 1));
}

#[test]
fn provisional_totals_are_ranked_and_marked() {
    let mut p = row("Sở Xây dựng", 63.5);
    p.provisional = true;
    let r = ranked(&[row("Sở Y tế", 70.0), p, row("Sở Tư pháp", 50.0)]);
    let block = &r.blocks[0];
    assert_eq!(block.rows[1].name, "Sở Xây dựng");
    assert_eq!(block.rows[1].rank, 2);
    assert!(block.rows[1].provisional);
    assert!(!block.rows[0].provisional && !block.rows[2].provisional);
    assert!(block.has_provisional());
    assert!(r.has_provisional());
    assert!(!ranked(&[row("A", 1.0)]).has_provisional());
}

#[test]
fn shares_always_add_up_to_100() {
    assert_eq!(largest_remainder(&[1, 1, 1]), [34, 33, 33]);
    assert_eq!(
        largest_remainder(&[1, 1, 1, 1, 1, 1]),
        [17, 17, 17, 17, 16, 16]
    );
    assert_eq!(largest_remainder(&[2, 1]), [67, 33]);
    for n in 1..=40usize {
        for first in 0..=n {
            let rest = n - first;
            let counts = [first, rest / 3, rest / 3, rest - 2 * (rest / 3)];
            let p = largest_remainder(&counts);
            assert_eq!(p.iter().sum::<u32>(), 100, "{counts:?} → {p:?}");
            for (c, p) in counts.iter().zip(&p) {
                assert_eq!(*c == 0, *p == 0, "{counts:?} → {p:?}: empty ⇔ 0 %");
                // Within one point of the exact share.
                let exact = 100.0 * *c as f64 / n as f64;
                assert!((*p as f64 - exact).abs() < 1.0, "{counts:?} → {p:?}");
            }
        }
    }
}

#[test]
fn three_units_one_per_band() {
    let r = ranked(&[row("A", 90.0), row("B", 70.0), row("C", 55.0)]);
    let got: Vec<(&str, usize, u32)> = r.blocks[0]
        .band_shares
        .iter()
        .map(|s| (s.band.id.as_str(), s.count, s.percent))
        .collect();
    assert_eq!(
        got,
        [
            ("tot", 1, 34),
            ("kha", 1, 33),
            ("trung_binh", 1, 33),
            ("yeu", 0, 0)
        ]
    );
    assert_eq!(r.blocks[0].non_empty_shares().count(), 3);
}

#[test]
fn empty_input_and_empty_block() {
    assert!(ranked(&[]).blocks.is_empty());
    // A block with no units: every band listed, all 0 % (nothing to share, not 100).
    let shares = band_shares(&[], &bands());
    assert_eq!(shares.len(), 4);
    assert!(shares.iter().all(|s| s.count == 0 && s.percent == 0));
}

#[test]
fn single_unit() {
    let r = ranked(&[row("Sở Nội vụ", 81.04)]);
    let b = &r.blocks[0];
    assert_eq!(b.rows.len(), 1);
    assert_eq!(b.rows[0].rank, 1);
    assert_eq!(b.rows[0].band.id, "tot");
    assert_eq!(b.average, 81.0);
    let tot = &b.band_shares[0];
    assert_eq!((tot.count, tot.percent), (1, 100));
}

#[test]
fn averages_are_per_block() {
    let mut x = row("Xã X", 40.0);
    x.block = "ubnd_xa".into();
    let r = ranked(&[row("A", 70.0), x, row("B", 61.0)]);
    assert_eq!(r.block("so_nganh").unwrap().average, 65.5);
    assert_eq!(r.block("ubnd_xa").unwrap().average, 40.0);
}

#[test]
fn band_boundaries_are_inclusive() {
    let r = ranked(&[
        row("A", 80.0),
        row("B", 79.9),
        row("C", 65.0),
        row("D", 49.96),
    ]);
    let bands: Vec<&str> = r.blocks[0]
        .rows
        .iter()
        .map(|r| r.band.id.as_str())
        .collect();
    // 49.96 prints 50,0, so it is banded as the 50,0 readers see.
    assert_eq!(bands, ["tot", "kha", "kha", "trung_binh"]);
}
