#!/usr/bin/env bash
# Crawl benchmark against a peer: ttdt vs GNU wget over the same static site.
#
# 1. builds ttdt and the `gen_site` example (release);
# 2. writes the big generated portal (~5,500 HTML pages, `ttdt::demo::province::big_portal`)
#    as static files into a temp folder;
# 3. serves it with nginx (Debian package, installed with apt-get when absent) on 127.0.0.1,
#    unprivileged-style: its own nginx.conf, prefix, pid file and logs in the temp folder;
# 4. times, in the same run, `ttdt audit <home> --format json` with politeness off
#    (`--delay-ms 0`, page budget raised to 6,000) and `wget --recursive --level=inf
#    --no-parent -q` over the same site, each under `/usr/bin/time -v`;
# 5. prints a Markdown table: HTML pages fetched (200 answers with Content-Type text/html, from
#    nginx's access log, per User-Agent), all requests, wall time, pages/s, peak RSS, and the
#    ratio ttdt / wget.
#
# ttdt does more per page than wget (charset decoding, extraction, classification, scoring,
# gzip WARC evidence with digests, CDXJ index, manifest); wget only saves the files. Both fetch
# one request at a time from the host (ttdt never has two requests in flight to one host).
#
# Usage: benches/crawl_vs_wget.sh            (NICE=19 by default; KEEP=1 keeps the temp folder)
# Needs: cargo, python3, root or sudo-less apt-get for installing nginx/time/wget if missing.
set -euo pipefail

cd "$(dirname "$0")/.."
NICE="${NICE:-19}"
TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"

need() { # need <command> <debian package>
  if ! command -v "$1" >/dev/null 2>&1 && [ ! -x "$1" ]; then
    echo "installing $2 …" >&2
    apt-get install -y -q "$2" >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q "$2" >/dev/null; }
  fi
}
need nginx nginx
need /usr/bin/time time
need wget wget
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

echo "building ttdt and gen_site (release) …" >&2
nice -n "$NICE" cargo build --release --locked --quiet --bin ttdt --example gen_site
TTDT="$TARGET_DIR/release/ttdt"
GEN="$TARGET_DIR/release/examples/gen_site"

TMP="$(mktemp -d /tmp/ttdt-crawl-bench.XXXXXX)"
chmod 755 "$TMP" # nginx workers run as an unprivileged user and must read the site
NGINX_PID=""
cleanup() {
  if [ -n "$NGINX_PID" ]; then kill "$NGINX_PID" 2>/dev/null || true; wait "$NGINX_PID" 2>/dev/null || true; fi
  if [ "${KEEP:-0}" = 1 ]; then echo "kept $TMP" >&2; else rm -rf "$TMP"; fi
}
trap cleanup EXIT

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
BASE="http://127.0.0.1:$PORT/"
read -r HOME_URL HTML_PAGES < <("$GEN" "$TMP/site" "$BASE")
chmod -R a+rX "$TMP/site"
echo "site: $HTML_PAGES HTML pages, home $HOME_URL" >&2

mkdir -p "$TMP/nginx-tmp"
cat > "$TMP/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $TMP/nginx.pid;
error_log $TMP/nginx-error.log warn;
events { worker_connections 512; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  log_format bench '\$http_user_agent\t\$status\t\$sent_http_content_type\t\$body_bytes_sent\t\$request_uri';
  access_log $TMP/access.log bench;
  client_body_temp_path $TMP/nginx-tmp/body;
  proxy_temp_path $TMP/nginx-tmp/proxy;
  fastcgi_temp_path $TMP/nginx-tmp/fastcgi;
  uwsgi_temp_path $TMP/nginx-tmp/uwsgi;
  scgi_temp_path $TMP/nginx-tmp/scgi;
  # Files written by sitegen::write_static: <path>/index.<ext>, <path>/__q_<query>.html.
  map \$args \$page_file { "" index.html; default __q_\$args.html; }
  server {
    listen 127.0.0.1:$PORT;
    root $TMP/site;
    location / {
      try_files \$uri/\$page_file \$uri/index.txt \$uri/index.xml \$uri/index.rss \$uri/index.pdf =404;
    }
  }
}
CONF
"$NGINX" -p "$TMP" -c "$TMP/nginx.conf" &
NGINX_PID=$!
for _ in $(seq 1 50); do
  curl -fsS -o /dev/null "$HOME_URL" 2>/dev/null && break
  python3 -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1], timeout=1)" "$HOME_URL" 2>/dev/null && break
  sleep 0.1
done
python3 -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1], timeout=5)" "$HOME_URL" \
  || { echo "nginx does not serve $HOME_URL" >&2; cat "$TMP/nginx-error.log" >&2; exit 1; }
: > "$TMP/access.log"

echo "timing ttdt audit …" >&2
nice -n "$NICE" /usr/bin/time -v -o "$TMP/ttdt.time" \
  "$TTDT" audit "$HOME_URL" --format json --delay-ms 0 --max-pages 6000 -q --as-of 2026-11-25 \
  --out "$TMP/ttdt-run" > "$TMP/ttdt.json" 2> "$TMP/ttdt.stderr"
echo "timing wget …" >&2
set +e
nice -n "$NICE" /usr/bin/time -v -o "$TMP/wget.time" \
  wget --recursive --level=inf --no-parent -q -P "$TMP/wget" "$HOME_URL"
WGET_RC=$?
set -e
# wget exits 8 when some request got an error answer (e.g. a 404 link); the crawl still ran.
if [ "$WGET_RC" != 0 ] && [ "$WGET_RC" != 8 ]; then echo "wget failed ($WGET_RC)" >&2; exit 1; fi

python3 - "$TMP" "$HTML_PAGES" <<'PY'
import json, re, sys
tmp, site_pages = sys.argv[1], int(sys.argv[2])

def gnu_time(path):
    text = open(path).read()
    wall = re.search(r"Elapsed \(wall clock\) time.*: (\S+)", text).group(1)
    secs = 0.0
    for part in wall.split(":"):
        secs = secs * 60 + float(part)
    rss_kib = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    cpu = sum(float(re.search(rf"{k} time \(seconds\): (\S+)", text).group(1))
              for k in ("User", "System"))
    return secs, rss_kib, cpu

counts = {}
for line in open(f"{tmp}/access.log", encoding="utf-8", errors="replace"):
    ua, status, ctype, size, uri = line.rstrip("\n").split("\t")
    who = "ttdt" if ua.startswith("ttdt/") else "wget" if ua.lower().startswith("wget") else "other"
    c = counts.setdefault(who, {"requests": 0, "html": 0, "bytes": 0})
    c["requests"] += 1
    c["bytes"] += int(size or 0)
    if status == "200" and ctype.startswith("text/html"):
        c["html"] += 1

report = json.load(open(f"{tmp}/ttdt.json"))
ttdt_reported = report["sites"][0]["pages_fetched"]
rows = {}
for tool in ("ttdt", "wget"):
    secs, rss, cpu = gnu_time(f"{tmp}/{tool}.time")
    c = counts.get(tool, {"requests": 0, "html": 0, "bytes": 0})
    rows[tool] = dict(pages=c["html"], requests=c["requests"], mib=c["bytes"] / 2**20,
                      secs=secs, cpu=cpu, pps=c["html"] / secs if secs else 0.0, rss=rss / 1024)

print(f"Site: {site_pages} static HTML pages served by nginx on 127.0.0.1 "
      f"(ttdt's report: pages_fetched = {ttdt_reported}).\n")
print("| tool | HTML pages fetched | requests | MiB received | wall time (s) | CPU time (s) | pages/s | peak RSS (MiB) |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for tool, r in rows.items():
    print(f"| {tool} | {r['pages']} | {r['requests']} | {r['mib']:.1f} | {r['secs']:.2f} | {r['cpu']:.2f} | "
          f"{r['pps']:.1f} | {r['rss']:.1f} |")
t, w = rows["ttdt"], rows["wget"]
ratio = lambda a, b: f"{a / b:.2f}×" if b else "n/a"
print(f"| ttdt / wget | {ratio(t['pages'], w['pages'])} | {ratio(t['requests'], w['requests'])} | "
      f"{ratio(t['mib'], w['mib'])} | {ratio(t['secs'], w['secs'])} | {ratio(t['cpu'], w['cpu'])} | "
      f"{ratio(t['pps'], w['pps'])} | "
      f"{ratio(t['rss'], w['rss'])} |")
PY
