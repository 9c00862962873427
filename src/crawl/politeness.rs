//! Per-host politeness shared by every site crawl of one [`super::Crawler`]: at most
//! `max_host_connections` requests in flight per host (default one), and a minimum gap between
//! the starts of two requests to a host, whatever site asked.
//!
//! governor's keyed limiter uses one rate for every key, but robots.txt Crawl-delay is per host,
//! so this is a small scheduler of our own: a map from host to a FIFO semaphore (the in-flight
//! limit) and the next instant a request may start.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};
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

/// Timing state of one host.
#[derive(Debug)]
struct Timing {
    /// Earliest instant the next request to this host may start.
    next_allowed: Instant,
    /// Largest gap any site has asked for on this host. Sticky, so a Crawl-delay learned by
    /// one agency's crawl also paces another agency's requests to the same portal host.
    gap: Duration,
}

/// One host: its in-flight limit and its timing.
#[derive(Debug, Clone)]
struct Host {
    connections: Arc<Semaphore>,
    timing: Arc<Mutex<Timing>>,
}

/// A poisoned lock only means another task panicked while holding it; the state is still
/// usable, so keep crawling rather than propagate the panic.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The per-host schedule. Grows by one small entry per host ever contacted.
#[derive(Debug)]
pub(crate) struct HostSchedule {
    /// Requests in flight allowed per host.
    per_host: usize,
    hosts: Mutex<HashMap<String, Host>>,
}

impl Default for HostSchedule {
    fn default() -> Self {
        HostSchedule::new(1)
    }
}

impl HostSchedule {
    /// A schedule allowing `per_host` requests in flight per host (at least one).
    pub(crate) fn new(per_host: usize) -> Self {
        HostSchedule {
            per_host: per_host.max(1),
            hosts: Mutex::new(HashMap::new()),
        }
    }

    /// Wait for this host's turn: until fewer than `per_host` requests to it are in flight
    /// (FIFO across all sites) and its gap since the last start has passed. The returned permit
    /// holds one of the host's connections until dropped.
    pub(crate) async fn acquire(&self, host: &str, delay: Duration) -> HostPermit {
        let h = lock(&self.hosts)
            .entry(host.to_string())
            .or_insert_with(|| Host {
                connections: Arc::new(Semaphore::new(self.per_host)),
                timing: Arc::new(Mutex::new(Timing {
                    next_allowed: Instant::now(),
                    gap: Duration::ZERO,
                })),
            })
            .clone();
        // The semaphore is never closed, so acquiring cannot fail.
        let connection = h
            .connections
            .clone()
            .acquire_owned()
            .await
            .expect("host semaphore is never closed");
        loop {
            let wait = {
                let mut t = lock(&h.timing);
                let now = Instant::now();
                if t.next_allowed <= now {
                    // Reserve the start: the next request (on another connection) waits a gap.
                    t.next_allowed = now + t.gap.max(delay);
                    break;
                }
                t.next_allowed
            };
            tokio::time::sleep_until(wait).await;
        }
        HostPermit {
            _connection: connection,
            timing: h.timing,
            delay,
            anchor: None,
            backoff: None,
        }
    }
}

/// The right to send one request to a host. Dropping it frees the connection and schedules the
/// next request no earlier than `anchor + delay` (and after any back-off).
#[derive(Debug)]
pub(crate) struct HostPermit {
    _connection: OwnedSemaphorePermit,
    timing: Arc<Mutex<Timing>>,
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
        let mut t = lock(&self.timing);
        let gap = self.delay.max(t.gap);
        t.gap = gap;
        let mut next = self.anchor.unwrap_or(now) + gap;
        if let Some(b) = self.backoff {
            next = next.max(now + b);
        }
        t.next_allowed = t.next_allowed.max(next);
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

    #[tokio::test]
    async fn two_connections_per_host_still_spaced() {
        let s = HostSchedule::new(2);
        let t0 = Instant::now();
        let _a = s.acquire("h", Duration::from_millis(50)).await;
        // A second connection is allowed while the first is held, but only after the gap.
        let _b = s.acquire("h", Duration::from_millis(50)).await;
        assert!(Instant::now() - t0 >= Duration::from_millis(50));
        // A third waits for one of the two to be released.
        let third = tokio::time::timeout(
            Duration::from_millis(200),
            s.acquire("h", Duration::from_millis(50)),
        )
        .await;
        assert!(third.is_err(), "a third connection while two are held");
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
