//! CVSS scores of the vectors OSV records carry in `severity[]`, computed with
//! RustSec's `cvss` crate, which implements each version's published
//! algorithm (v2.0 and v3.x equations, v4.0 macrovector lookup and
//! interpolation) and is tested upstream against Red Hat's reference
//! implementation over every v4.0 vector.
//!
//! What bosun adds is OSV's contract: the severity `type` names the CVSS
//! version (`CVSS_V2`, `CVSS_V3` for 3.0 and 3.1, `CVSS_V4`), so a vector whose
//! own version disagrees with its type is not trusted; a v3 vector must carry
//! every base metric (the crate would score a missing one as its lowest
//! value); and the score is the one a user looks up:
//!
//! * v2 and v3: the base score (temporal and environmental metrics, when a
//!   record has them, are the publisher's context, not the advisory's rating);
//! * v4: the score of the vector as written (CVSS-B, or CVSS-BT/BE/BTE when it
//!   carries threat or environmental metrics: v4.0 has no separate base
//!   equation to fall back on).

use std::str::FromStr;

/// A CVSS version, as far as scores differ between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Version {
    V2,
    V3_0,
    V3_1,
    V4,
}

/// A vector's computed score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Score {
    pub version: Version,
    /// 0.0 to 10.0, one decimal.
    pub value: f64,
}

/// The score of `vector`, an OSV `severity[].score` of type `kind`; `None`
/// when `kind` is not a CVSS type, the vector does not parse, misses a base
/// metric, or is of another version than `kind` says.
pub fn score(kind: &str, vector: &str) -> Option<Score> {
    let vector = vector.trim();
    let parsed = cvss::Cvss::from_str(vector).ok()?;
    let (version, value) = match (kind, parsed) {
        ("CVSS_V2", cvss::Cvss::CvssV20(v2)) => (Version::V2, v2.score().value()),
        ("CVSS_V3", cvss::Cvss::CvssV30(v3)) if has_v3_base(&v3) => (Version::V3_0, v3.base_score().value()),
        ("CVSS_V3", cvss::Cvss::CvssV31(v3)) if has_v3_base(&v3) => (Version::V3_1, v3.base_score().value()),
        ("CVSS_V4", cvss::Cvss::CvssV40(v4)) => (Version::V4, v4.score().value()),
        _ => return None,
    };
    value.is_finite().then_some(Score { version, value: value.clamp(0.0, 10.0) })
}

/// All eight v3 base metrics are there (the v2 and v4 parsers check theirs).
fn has_v3_base(vector: &cvss::v3::Vector) -> bool {
    vector.av.is_some()
        && vector.ac.is_some()
        && vector.pr.is_some()
        && vector.ui.is_some()
        && vector.s.is_some()
        && vector.c.is_some()
        && vector.i.is_some()
        && vector.a.is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_type_must_agree_with_the_vector() {
        let v31 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
        assert_eq!(score("CVSS_V3", v31), Some(Score { version: Version::V3_1, value: 9.8 }));
        assert_eq!(score("CVSS_V4", v31), None);
        assert_eq!(score("CVSS_V2", v31), None);
        assert_eq!(score("Ubuntu", "high"), None);
        assert_eq!(score("CVSS_V2", "AV:N/AC:L/Au:N/C:N/I:N/A:C").map(|s| s.value), Some(7.8));
        assert_eq!(score("CVSS_V3", "AV:N/AC:L/Au:N/C:N/I:N/A:C"), None);
    }

    #[test]
    fn incomplete_or_broken_vectors_have_no_score() {
        // No attack vector: scoring it would silently treat it as the lowest.
        assert_eq!(score("CVSS_V3", "CVSS:3.1/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"), None);
        assert_eq!(score("CVSS_V4", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N"), None);
        assert_eq!(score("CVSS_V3", "CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"), None);
        assert_eq!(score("CVSS_V3", "CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"), None);
        assert_eq!(score("CVSS_V3", "CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"), None);
        for junk in ["", "CVSS:", "CVSS:3.1", "/", "::::", "CVSS:3.1/AV", "\u{0}"] {
            assert_eq!(score("CVSS_V3", junk), None, "{junk:?}");
        }
    }

    #[test]
    fn surrounding_space_is_ignored() {
        let vector = " CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N\n";
        assert_eq!(score("CVSS_V3", vector).map(|s| s.value), Some(7.5));
    }
}
