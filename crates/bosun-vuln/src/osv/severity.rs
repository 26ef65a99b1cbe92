//! How bad an advisory says a vulnerability is, for the package it matched.
//!
//! Sources, the first that gives anything wins:
//!
//! 1. CVSS vectors in `severity[]` of the matched `affected` entries and of the
//!    record (the schema allows one or the other), scored by [`super::cvss`];
//!    of several, the newest CVSS version, then the highest score. RustSec's
//!    `affected[].database_specific.cvss` vector counts too (older exports
//!    have it without `severity[]`).
//! 2. A score the database gives without a vector (`database_specific`
//!    `cvss_v3_score`, as ruby-advisory-db records have).
//! 3. The database's own words, the highest of them: `severity[]` of type
//!    `Ubuntu` (Ubuntu priorities), `database_specific.severity` (GHSA's
//!    `LOW`/`MODERATE`/`HIGH`/`CRITICAL`) and `ecosystem_specific.severity`.
//!
//! Otherwise the level is [`Level::Unknown`].

use super::cvss;
use super::matching::{Level, Rating};
use super::{Advisory, Affected};
use serde_json::Value;

/// The CVSS qualitative scale: 0.1–3.9 Low, 4.0–6.9 Medium, 7.0–8.9 High,
/// 9.0–10.0 Critical. CVSS calls 0.0 "None"; bosun has no level under Low and
/// still reports the vulnerability, so 0.0 is Low. Not a number is Unknown.
pub fn level_of_score(score: f64) -> Level {
    match score {
        s if s.is_nan() => Level::Unknown,
        s if s >= 9.0 => Level::Critical,
        s if s >= 7.0 => Level::High,
        s if s >= 4.0 => Level::Medium,
        _ => Level::Low,
    }
}

/// A database's severity word, case-insensitive: GHSA's `MODERATE`, Ubuntu's
/// `negligible`/`untriaged`, Red Hat's `Important`, and the plain four.
pub fn level_of_word(word: &str) -> Level {
    match word.trim().to_ascii_lowercase().as_str() {
        "critical" => Level::Critical,
        "high" | "important" => Level::High,
        "medium" | "moderate" => Level::Medium,
        "low" | "negligible" | "minor" => Level::Low,
        _ => Level::Unknown,
    }
}

/// The rating `advisory` gives to a package whose matching entries are `affected`.
pub fn rating(advisory: &Advisory, affected: &[&Affected]) -> Rating {
    if let Some(rating) = from_vectors(advisory, affected) {
        return rating;
    }
    let records = || affected.iter().map(|a| &a.database_specific).chain([&advisory.database_specific]);
    let database_score = records()
        .filter_map(|specific| specific.as_ref()?.get("cvss_v3_score").and_then(number))
        .filter(|score| (0.0..=10.0).contains(score))
        .max_by(f64::total_cmp);
    if let Some(score) = database_score {
        return Rating { level: level_of_score(score), score: Some(score), vector: None };
    }
    let ubuntu = affected
        .iter()
        .flat_map(|a| &a.severity)
        .chain(&advisory.severity)
        .filter(|s| s.kind.eq_ignore_ascii_case("Ubuntu"))
        .map(|s| s.score.as_str());
    let specific = records()
        .chain(affected.iter().map(|a| &a.ecosystem_specific))
        .filter_map(|specific| specific.as_ref()?.get("severity")?.as_str());
    let level = ubuntu.chain(specific).map(level_of_word).max().unwrap_or_default();
    Rating { level, score: None, vector: None }
}

/// The best-rated CVSS vector: newest version first, then highest score.
fn from_vectors(advisory: &Advisory, affected: &[&Affected]) -> Option<Rating> {
    let listed = affected
        .iter()
        .flat_map(|a| &a.severity)
        .chain(&advisory.severity)
        .map(|s| (s.kind.as_str(), s.score.as_str()));
    let rustsec = affected.iter().filter_map(|a| {
        let vector = a.database_specific.as_ref()?.get("cvss")?.as_str()?;
        Some((kind_of_vector(vector), vector))
    });
    listed
        .chain(rustsec)
        .filter_map(|(kind, vector)| Some((cvss::score(kind, vector)?, vector)))
        .max_by(|(a, _), (b, _)| a.version.cmp(&b.version).then(a.value.total_cmp(&b.value)))
        .map(|(score, vector)| Rating {
            level: level_of_score(score.value),
            score: Some(score.value),
            vector: Some(vector.trim().to_string()),
        })
}

/// The OSV severity type of a bare vector, by its prefix.
fn kind_of_vector(vector: &str) -> &'static str {
    let vector = vector.trim_start();
    if vector.starts_with("CVSS:4.") {
        "CVSS_V4"
    } else if vector.starts_with("CVSS:3.") {
        "CVSS_V3"
    } else {
        "CVSS_V2"
    }
}

/// A JSON number, or a string holding one (`"7.5"`).
fn number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
    .filter(|n: &f64| n.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::osv::SeverityScore;
    use serde_json::json;

    fn severity(kind: &str, score: &str) -> SeverityScore {
        SeverityScore { kind: kind.into(), score: score.into() }
    }

    #[test]
    fn score_boundaries_follow_the_cvss_scale() {
        let cases = [
            (0.0, Level::Low),
            (0.1, Level::Low),
            (3.9, Level::Low),
            (4.0, Level::Medium),
            (6.9, Level::Medium),
            (7.0, Level::High),
            (8.9, Level::High),
            (9.0, Level::Critical),
            (10.0, Level::Critical),
            (f64::NAN, Level::Unknown),
        ];
        for (score, level) in cases {
            assert_eq!(level_of_score(score), level, "{score}");
        }
    }

    #[test]
    fn words_of_each_database() {
        assert_eq!(level_of_word("MODERATE"), Level::Medium);
        assert_eq!(level_of_word("negligible"), Level::Low);
        assert_eq!(level_of_word("Important"), Level::High);
        assert_eq!(level_of_word(" CRITICAL "), Level::Critical);
        assert_eq!(level_of_word("untriaged"), Level::Unknown);
        assert_eq!(level_of_word(""), Level::Unknown);
    }

    #[test]
    fn newest_cvss_version_wins_then_highest_score() {
        let v3_high = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"; // 9.8
        let v4_lower = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N"; // 6.9
        let advisory = Advisory {
            severity: vec![severity("CVSS_V3", v3_high), severity("CVSS_V4", v4_lower)],
            database_specific: Some(json!({"severity": "CRITICAL"})),
            ..Advisory::default()
        };
        let rating = rating(&advisory, &[]);
        assert_eq!(rating.vector.as_deref(), Some(v4_lower));
        assert_eq!((rating.level, rating.score), (Level::Medium, Some(6.9)));

        let two_v3 = Advisory {
            severity: vec![
                severity("CVSS_V3", "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N"),
                severity("CVSS_V3", v3_high),
            ],
            ..Advisory::default()
        };
        assert_eq!(super::rating(&two_v3, &[]).score, Some(9.8));
    }

    #[test]
    fn affected_entry_vectors_count_and_broken_ones_are_skipped() {
        let entry = Affected {
            severity: vec![
                severity("CVSS_V3", "CVSS:3.1/AV:N/garbage"),
                severity("CVSS_V3", "CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N"),
            ],
            ..Affected::default()
        };
        let rating = rating(&Advisory::default(), &[&entry]);
        assert_eq!((rating.level, rating.score), (Level::Medium, Some(6.1)));
    }

    #[test]
    fn rustsec_vector_in_database_specific() {
        let entry = Affected {
            database_specific: Some(
                json!({"cvss": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", "categories": []}),
            ),
            ..Affected::default()
        };
        let none = Affected { database_specific: Some(json!({"cvss": null})), ..Affected::default() };
        assert_eq!(rating(&Advisory::default(), &[&entry]).score, Some(7.5));
        assert_eq!(rating(&Advisory::default(), &[&none]), Rating::default());
    }

    #[test]
    fn database_score_without_vector() {
        let advisory =
            Advisory { database_specific: Some(json!({"cvss_v3_score": "9.1"})), ..Advisory::default() };
        assert_eq!(rating(&advisory, &[]), Rating { level: Level::Critical, score: Some(9.1), vector: None });
        let out_of_scale =
            Advisory { database_specific: Some(json!({"cvss_v3_score": 99})), ..Advisory::default() };
        assert_eq!(rating(&out_of_scale, &[]).level, Level::Unknown);
    }

    #[test]
    fn words_when_there_is_no_score() {
        let ghsa =
            Advisory { database_specific: Some(json!({"severity": "MODERATE"})), ..Advisory::default() };
        assert_eq!(rating(&ghsa, &[]), Rating { level: Level::Medium, score: None, vector: None });

        let ubuntu = Advisory { severity: vec![severity("Ubuntu", "high")], ..Advisory::default() };
        assert_eq!(rating(&ubuntu, &[]).level, Level::High);

        let go_style =
            Affected { ecosystem_specific: Some(json!({"severity": "LOW"})), ..Affected::default() };
        let both =
            Advisory { database_specific: Some(json!({"severity": "critical"})), ..Advisory::default() };
        assert_eq!(rating(&both, &[&go_style]).level, Level::Critical);
        assert_eq!(rating(&Advisory::default(), &[&go_style]).level, Level::Low);
    }

    #[test]
    fn nothing_is_unknown() {
        let advisory = Advisory {
            severity: vec![severity("CVSS_V3", "not a vector"), severity("SOMETHING_ELSE", "9.9")],
            database_specific: Some(json!({"severity": 3})),
            ..Advisory::default()
        };
        assert_eq!(rating(&advisory, &[]), Rating::default());
    }
}
