//! Request counts and latencies in the Prometheus text exposition format.
//! Kept by hand: a handful of counters does not need a metrics framework.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Duration;

/// Histogram bucket bounds in seconds: admission calls time out at 10 s by
/// default and should take well under 10 ms.
const BUCKETS: [f64; 10] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1.0];

#[derive(Debug, Default)]
pub struct Metrics {
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    /// (endpoint, outcome) → count.
    requests: BTreeMap<(String, String), u64>,
    /// endpoint → (bucket counts, sum of seconds, count).
    latency: BTreeMap<String, ([u64; BUCKETS.len()], f64, u64)>,
}

impl Metrics {
    /// Records one request to `endpoint` with `outcome` (`allowed`, `denied`, `error`...).
    pub fn record(&self, endpoint: &str, outcome: &str, elapsed: Duration) {
        let mut inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        *inner.requests.entry((endpoint.to_string(), outcome.to_string())).or_default() += 1;
        let seconds = elapsed.as_secs_f64();
        let entry = inner.latency.entry(endpoint.to_string()).or_default();
        for (bound, count) in BUCKETS.iter().zip(entry.0.iter_mut()) {
            if seconds <= *bound {
                *count += 1;
            }
        }
        entry.1 += seconds;
        entry.2 += 1;
    }

    /// The text served at `/metrics`.
    pub fn render(&self) -> String {
        let inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let mut out = String::new();
        out.push_str("# HELP bosun_admission_requests_total Admission requests by endpoint and outcome.\n");
        out.push_str("# TYPE bosun_admission_requests_total counter\n");
        for ((endpoint, outcome), count) in &inner.requests {
            let _ = writeln!(
                out,
                "bosun_admission_requests_total{{endpoint=\"{endpoint}\",outcome=\"{outcome}\"}} {count}"
            );
        }
        out.push_str(
            "# HELP bosun_admission_request_duration_seconds Time to answer an admission request.\n",
        );
        out.push_str("# TYPE bosun_admission_request_duration_seconds histogram\n");
        for (endpoint, (buckets, sum, count)) in &inner.latency {
            let name = "bosun_admission_request_duration_seconds";
            for (bound, bucket) in BUCKETS.iter().zip(buckets) {
                let _ = writeln!(out, "{name}_bucket{{endpoint=\"{endpoint}\",le=\"{bound}\"}} {bucket}");
            }
            let _ = writeln!(out, "{name}_bucket{{endpoint=\"{endpoint}\",le=\"+Inf\"}} {count}");
            let _ = writeln!(out, "{name}_sum{{endpoint=\"{endpoint}\"}} {sum}");
            let _ = writeln!(out, "{name}_count{{endpoint=\"{endpoint}\"}} {count}");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_and_cumulative_buckets() {
        let metrics = Metrics::default();
        metrics.record("validate", "allowed", Duration::from_micros(800));
        metrics.record("validate", "denied", Duration::from_millis(20));
        let text = metrics.render();
        assert!(text.contains("bosun_admission_requests_total{endpoint=\"validate\",outcome=\"denied\"} 1"));
        assert!(text.contains("le=\"0.001\"} 1\n"), "{text}");
        assert!(text.contains("le=\"0.025\"} 2\n"), "{text}");
        assert!(text.contains("bosun_admission_request_duration_seconds_count{endpoint=\"validate\"} 2"));
    }
}
