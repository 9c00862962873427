//! Write the big generated portal ([`ttdt::demo::province::big_portal`], ~5,500 HTML pages) as
//! static files, for `benches/crawl_vs_wget.sh` to serve with nginx.
//!
//! `cargo run --release --example gen_site -- <DIR> <BASE-URL>` prints the home page URL and
//! the number of HTML pages written, tab-separated, on stdout.

use std::process::ExitCode;

use chrono::NaiveDate;
use ttdt::demo::{province, sitegen};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, base] = args.as_slice() else {
        eprintln!("usage: gen_site <DIR> <BASE-URL>   (e.g. /tmp/site http://127.0.0.1:8089/)");
        return ExitCode::from(2);
    };
    let base = match url::Url::parse(base) {
        Ok(u) if matches!(u.scheme(), "http" | "https") => u,
        _ => {
            eprintln!("gen_site: '{base}' is not an http(s) URL");
            return ExitCode::from(2);
        }
    };
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 25).expect("valid date");
    let spec = province::big_portal(as_of);
    let home = base
        .join(&sitegen::home_path(&spec))
        .expect("the home path joins to an http URL");
    match sitegen::write_static(&spec, &base, std::path::Path::new(dir)) {
        Ok(pages) => {
            println!("{home}\t{pages}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_site: cannot write the site into {dir}: {e}");
            ExitCode::from(1)
        }
    }
}
