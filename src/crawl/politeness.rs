//! Per-host politeness shared by every site crawl of one [`super::Crawler`]: one request in
//! flight per host, and a minimum gap between requests to a host, whatever site asked.
//!
//! governor's keyed limiter uses one rate for every key, but robots.txt Crawl-delay is per host,
//! so this is a small scheduler of our own: a map from host to a FIFO lock holding the next
//! instant a request may start. Holding the lock *is* the "one in flight" rule.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::OwnedMutexGuard;
use tokio::time::Instant;

/// The politeness key of a URL: its host (with a non-default port), without a leading `www.`,
/// since `www.x.gov.vn` and `x.gov.vn` are nearly always the same server.
pub(crate) fn polite_key(url: &url::Url) -> String {
    let h = super::scope::host_key(url).unwrap_or_default();
    match h.strip_prefix("www.") {
        Some(rest) => rest.to_string(),
        None => h,
    }
}

/// State of one host.
#[derive(Debug)]
struct Slot {
    /// Earliest instant the next request to this host may start.
    next_allowed: Instant,
    /// Largest gap any site has asked for on this host. Sticky, so a Crawl-delay learned by
    /// one agency's crawl also paces another agency's requests to the same portal host.
    gap: Duration,
}

/// The per-host schedule. Grows by one small entry per host ever contacted.
#[derive(Debug, Default)]
pub(crate) struct HostSchedule {
    slots: Mutex<HashMap<String, Arc<tokio::sync::Mutex<Slot>>>>,
}

impl HostSchedule {
    /// Wait for this host's turn: until no other request to it is in flight (FIFO across all
    /// sites) and its gap has passed. The returned permit keeps the host busy until dropped.
    pub(crate) async fn acquire(&self, host: &str, delay: Duration) -> HostPermit {
        let slot = {
            // A poisoned map only means another task panicked mid-insert; the map is still
            // usable, so keep crawling rather than propagate the panic.
            let mut map = self.slots.lock().unwrap_or_else(|e| e.into_inner());
            map.entry(host.to_string())
                .or_insert_with(|| {
                    Arc::new(tokio::sync::Mutex::new(Slot {
                        next_allowed: Instant::now(),
                        gap: Duration::ZERO,
                    }))
                })
                .clone()
        };
        let guard = slot.lock_owned().await;
        tokio::time::sleep_until(guard.next_allowed).await;
        HostPermit {
            guard,
            delay,
            anchor: None,
            backoff: None,
        }
    }
}

/// The right to send one request to a host. Dropping it frees the host and schedules the next
/// request no earlier than `anchor + delay`.
#[derive(Debug)]
pub(crate) struct HostPermit {
    guard: OwnedMutexGuard<Slot>,
    delay: Duration,
    anchor: Option<Instant>,
    backoff: Option<Duration>,
}

impl HostPermit {
    /// Mark the moment the response began to arrive (or the attempt failed). The gap is counted
    /// from here rather than from the send: the server has certainly received our request by
    /// then, so it never sees two of ours closer than the delay, even when connection setup
    /// held up the earlier one.
    pub(crate) fn mark_answered(&mut self) {
        if self.anchor.is_none() {
            self.anchor = Some(Instant::now());
        }
    }

    /// Raise the gap (robots.txt has just told us its Crawl-delay). Never lowers it.
    pub(crate) fn raise_delay(&mut self, delay: Duration) {
        self.delay = self.delay.max(delay);
    }

    /// Keep the host quiet for at least this long from now (429/503 `Retry-After`).
    pub(crate) fn back_off(&mut self, pause: Duration) {
        self.backoff = Some(self.backoff.map_or(pause, |b| b.max(pause)));
    }
}

impl Drop for HostPermit {
    fn drop(&mut self) {
        let now = Instant::now();
        let gap = self.delay.max(self.guard.gap);
        self.guard.gap = gap;
        let mut next = self.anchor.unwrap_or(now) + gap;
        if let Some(b) = self.backoff {
            next = next.max(now + b);
        }
        self.guard.next_allowed = self.guard.next_allowed.max(next);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn gap_and_exclusion() {
        let s = Arc::new(HostSchedule::default());
        let t0 = Instant::now();
        let mut p = s.acquire("h", Duration::from_millis(40)).await;
        p.mark_answered();
        // A second acquire must wait for the drop and then the gap.
        let s2 = s.clone();
        let waiter = tokio::spawn(async move {
            let _p = s2.acquire("h", Duration::from_millis(40)).await;
            Instant::now()
        });
        tokio::time::sleep(Duration::from_millis(20)).await;
        drop(p);
        let second = waiter.await.unwrap();
        assert!(second - t0 >= Duration::from_millis(40));
        // Another host is not held up.
        let t1 = Instant::now();
        let _q = s.acquire("other", Duration::from_millis(40)).await;
        assert!(Instant::now() - t1 < Duration::from_secs(5));
    }

    #[test]
    fn www_twins_share_a_key() {
        let k = |s: &str| polite_key(&url::Url::parse(s).unwrap());
        assert_eq!(k("https://www.x.gov.vn/a"), k("http://x.gov.vn/"));
        assert_ne!(k("http://127.0.0.1:1/"), k("http://127.0.0.1:2/"));
    }

    #[tokio::test]
    async fn largest_gap_is_sticky_across_callers() {
        let s = HostSchedule::default();
        let mut p = s.acquire("h", Duration::from_millis(1)).await;
        p.raise_delay(Duration::from_millis(80));
        drop(p);
        // A caller that knows only a 1 ms delay still waits the learned 80 ms.
        let _p = s.acquire("h", Duration::from_millis(1)).await;
        drop(_p);
        let t = Instant::now();
        let _q = s.acquire("h", Duration::from_millis(1)).await;
        assert!(Instant::now() - t >= Duration::from_millis(70));
    }

    #[tokio::test]
    async fn back_off_extends_gap() {
        let s = HostSchedule::default();
        let mut p = s.acquire("h", Duration::from_millis(1)).await;
        p.back_off(Duration::from_millis(60));
        let t = Instant::now();
        drop(p);
        let _p = s.acquire("h", Duration::from_millis(1)).await;
        assert!(Instant::now() - t >= Duration::from_millis(60));
    }
}
