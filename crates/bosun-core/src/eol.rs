//! When distribution releases stop getting security updates: one table,
//! keyed by the os-release `ID` and the release, with the date free security
//! support ends — Debian LTS included, Ubuntu's standard support (not the
//! paid ESM), Alpine's branch end of support, RHEL's and its rebuilds' end of
//! maintenance, Amazon Linux's end of support, openSUSE Leap's and SLES'
//! general support, Oracle Linux's premier support. Rolling distributions
//! never end.
//!
//! Dates come from the distributions' own release pages as collected by
//! endoflife.date (products `debian`, `ubuntu`, `alpine-linux`, `rhel`,
//! `rocky-linux`, `almalinux`, `centos`, `centos-stream`, `fedora`,
//! `amazon-linux`, `opensuse`, `sles`, `oracle-linux`), checked against the
//! Debian LTS, Ubuntu, Alpine, AWS and AlmaLinux pages where those say more.
//! A release whose end is not announced yet (Fedora after 42, SLES 15 SP6
//! and later) is left out: unknown releases give `None`, never a guess.
//! To update: add or change a row, and the test of that distribution.

use jiff::civil::{date, Date};

/// The end of support of a release.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EolEntry {
    /// The release as reports name it: `Debian 12 (bookworm)`.
    pub release: &'static str,
    /// The first day without security support; `None` for a rolling
    /// distribution, which has no end.
    pub date: Option<Date>,
}

impl EolEntry {
    /// Whether support has ended by `today`.
    pub fn is_past(&self, today: Date) -> bool {
        self.date.is_some_and(|date| is_past(date, today))
    }
}

/// Whether support that ends on `date` has ended by `today` (the day itself
/// counts as ended).
pub fn is_past(date: Date, today: Date) -> bool {
    date <= today
}

/// The end of support of release `version` (`12`, `12.5`, `22.04.4`,
/// `3.20.3`, `9.4`) of distribution `id` (os-release `ID`: `debian`,
/// `ubuntu`, `alpine`, `rhel`, ...), or `None` when bosun does not know the
/// release. A version matches the release it equals or starts with followed
/// by a `.`; the longest such release wins (SLES `15.5` is SP5, not 15).
pub fn end_of_life(id: &str, version: &str) -> Option<EolEntry> {
    let id = id.trim().to_ascii_lowercase();
    let version = version.trim();
    let matches = |release: &str| {
        release.is_empty()
            || version == release
            || version.strip_prefix(release).is_some_and(|rest| rest.starts_with('.'))
    };
    RELEASES
        .iter()
        .filter(|row| row.0 == id && matches(row.1))
        .max_by_key(|row| row.1.len())
        .map(|&(_, _, release, date)| EolEntry { release, date })
}

/// A row: os-release ID, release (`""` for every release of a rolling
/// distribution), name, end of security support.
type Row = (&'static str, &'static str, &'static str, Option<Date>);

const fn ends(year: i16, month: i8, day: i8) -> Option<Date> {
    Some(date(year, month, day))
}

#[rustfmt::skip]
const RELEASES: &[Row] = &[
    // Debian: end of LTS (wiki.debian.org/LTS).
    ("debian", "7", "Debian 7 (wheezy)", ends(2018, 5, 31)),
    ("debian", "8", "Debian 8 (jessie)", ends(2020, 6, 30)),
    ("debian", "9", "Debian 9 (stretch)", ends(2022, 6, 30)),
    ("debian", "10", "Debian 10 (buster)", ends(2024, 6, 30)),
    ("debian", "11", "Debian 11 (bullseye)", ends(2026, 8, 31)),
    ("debian", "12", "Debian 12 (bookworm)", ends(2028, 6, 30)),
    ("debian", "13", "Debian 13 (trixie)", ends(2030, 6, 30)),
    // Ubuntu: end of standard support (wiki.ubuntu.com/Releases; where it
    // gives only a month, endoflife.date's day).
    ("ubuntu", "14.04", "Ubuntu 14.04 LTS (Trusty Tahr)", ends(2019, 4, 2)),
    ("ubuntu", "16.04", "Ubuntu 16.04 LTS (Xenial Xerus)", ends(2021, 4, 2)),
    ("ubuntu", "18.04", "Ubuntu 18.04 LTS (Bionic Beaver)", ends(2023, 5, 31)),
    ("ubuntu", "18.10", "Ubuntu 18.10 (Cosmic Cuttlefish)", ends(2019, 7, 18)),
    ("ubuntu", "19.04", "Ubuntu 19.04 (Disco Dingo)", ends(2020, 1, 23)),
    ("ubuntu", "19.10", "Ubuntu 19.10 (Eoan Ermine)", ends(2020, 7, 6)),
    ("ubuntu", "20.04", "Ubuntu 20.04 LTS (Focal Fossa)", ends(2025, 5, 31)),
    ("ubuntu", "20.10", "Ubuntu 20.10 (Groovy Gorilla)", ends(2021, 7, 22)),
    ("ubuntu", "21.04", "Ubuntu 21.04 (Hirsute Hippo)", ends(2022, 1, 20)),
    ("ubuntu", "21.10", "Ubuntu 21.10 (Impish Indri)", ends(2022, 7, 14)),
    ("ubuntu", "22.04", "Ubuntu 22.04 LTS (Jammy Jellyfish)", ends(2027, 4, 1)),
    ("ubuntu", "22.10", "Ubuntu 22.10 (Kinetic Kudu)", ends(2023, 7, 20)),
    ("ubuntu", "23.04", "Ubuntu 23.04 (Lunar Lobster)", ends(2024, 1, 20)),
    ("ubuntu", "23.10", "Ubuntu 23.10 (Mantic Minotaur)", ends(2024, 7, 12)),
    ("ubuntu", "24.04", "Ubuntu 24.04 LTS (Noble Numbat)", ends(2029, 5, 31)),
    ("ubuntu", "24.10", "Ubuntu 24.10 (Oracular Oriole)", ends(2025, 7, 10)),
    ("ubuntu", "25.04", "Ubuntu 25.04 (Plucky Puffin)", ends(2026, 1, 17)),
    ("ubuntu", "25.10", "Ubuntu 25.10 (Questing Quokka)", ends(2026, 7, 1)),
    ("ubuntu", "26.04", "Ubuntu 26.04 LTS (Resolute Raccoon)", ends(2031, 4, 30)),
    // Alpine: end of the branch's support (alpinelinux.org/releases).
    ("alpine", "3.10", "Alpine Linux 3.10", ends(2021, 5, 1)),
    ("alpine", "3.11", "Alpine Linux 3.11", ends(2021, 11, 1)),
    ("alpine", "3.12", "Alpine Linux 3.12", ends(2022, 5, 1)),
    ("alpine", "3.13", "Alpine Linux 3.13", ends(2022, 11, 1)),
    ("alpine", "3.14", "Alpine Linux 3.14", ends(2023, 5, 1)),
    ("alpine", "3.15", "Alpine Linux 3.15", ends(2023, 11, 1)),
    ("alpine", "3.16", "Alpine Linux 3.16", ends(2024, 5, 23)),
    ("alpine", "3.17", "Alpine Linux 3.17", ends(2024, 11, 22)),
    ("alpine", "3.18", "Alpine Linux 3.18", ends(2025, 5, 9)),
    ("alpine", "3.19", "Alpine Linux 3.19", ends(2025, 11, 1)),
    ("alpine", "3.20", "Alpine Linux 3.20", ends(2026, 4, 1)),
    ("alpine", "3.21", "Alpine Linux 3.21", ends(2026, 11, 1)),
    ("alpine", "3.22", "Alpine Linux 3.22", ends(2027, 5, 1)),
    ("alpine", "3.23", "Alpine Linux 3.23", ends(2027, 11, 1)),
    // Red Hat Enterprise Linux (UBI too): end of maintenance support.
    ("rhel", "6", "Red Hat Enterprise Linux 6", ends(2020, 11, 30)),
    ("rhel", "7", "Red Hat Enterprise Linux 7", ends(2024, 6, 30)),
    ("rhel", "8", "Red Hat Enterprise Linux 8", ends(2029, 5, 31)),
    ("rhel", "9", "Red Hat Enterprise Linux 9", ends(2032, 5, 31)),
    ("rhel", "10", "Red Hat Enterprise Linux 10", ends(2035, 5, 31)),
    ("rocky", "8", "Rocky Linux 8", ends(2029, 5, 31)),
    ("rocky", "9", "Rocky Linux 9", ends(2032, 5, 31)),
    ("rocky", "10", "Rocky Linux 10", ends(2035, 5, 31)),
    ("almalinux", "8", "AlmaLinux 8", ends(2029, 3, 1)),
    ("almalinux", "9", "AlmaLinux 9", ends(2032, 5, 31)),
    ("almalinux", "10", "AlmaLinux 10", ends(2035, 5, 31)),
    // CentOS Linux and CentOS Stream share `ID=centos`; CentOS Stream 8's
    // `VERSION_ID=8` reads as CentOS Linux 8, also ended. 9 is Stream only.
    ("centos", "6", "CentOS Linux 6", ends(2020, 11, 30)),
    ("centos", "7", "CentOS Linux 7", ends(2024, 6, 30)),
    ("centos", "8", "CentOS Linux 8", ends(2021, 12, 31)),
    ("centos", "9", "CentOS Stream 9", ends(2027, 5, 31)),
    // Fedora: a release ends four weeks after the release two after it.
    ("fedora", "36", "Fedora Linux 36", ends(2023, 5, 16)),
    ("fedora", "37", "Fedora Linux 37", ends(2023, 12, 5)),
    ("fedora", "38", "Fedora Linux 38", ends(2024, 5, 21)),
    ("fedora", "39", "Fedora Linux 39", ends(2024, 11, 26)),
    ("fedora", "40", "Fedora Linux 40", ends(2025, 5, 13)),
    ("fedora", "41", "Fedora Linux 41", ends(2025, 12, 15)),
    ("fedora", "42", "Fedora Linux 42", ends(2026, 5, 13)),
    // Amazon Linux: end of support (AWS extended Amazon Linux 2 to 2026-06-30;
    // Amazon Linux 2023 is supported until 2029-06-30).
    ("amzn", "2018.03", "Amazon Linux AMI 2018.03", ends(2023, 12, 31)),
    ("amzn", "2", "Amazon Linux 2", ends(2026, 6, 30)),
    ("amzn", "2023", "Amazon Linux 2023", ends(2029, 6, 30)),
    // openSUSE Leap (en.opensuse.org/Lifetime) and SLES general support
    // (suse.com/lifecycle; VERSION_ID `15.5` is 15 SP5).
    ("opensuse-leap", "15.4", "openSUSE Leap 15.4", ends(2023, 12, 7)),
    ("opensuse-leap", "15.5", "openSUSE Leap 15.5", ends(2024, 12, 31)),
    ("opensuse-leap", "15.6", "openSUSE Leap 15.6", ends(2026, 4, 30)),
    ("opensuse-leap", "16.0", "openSUSE Leap 16.0", ends(2027, 10, 31)),
    ("sles", "12.5", "SUSE Linux Enterprise Server 12 SP5", ends(2024, 10, 31)),
    ("sles", "15.2", "SUSE Linux Enterprise Server 15 SP2", ends(2021, 12, 31)),
    ("sles", "15.3", "SUSE Linux Enterprise Server 15 SP3", ends(2022, 12, 31)),
    ("sles", "15.4", "SUSE Linux Enterprise Server 15 SP4", ends(2023, 12, 31)),
    ("sles", "15.5", "SUSE Linux Enterprise Server 15 SP5", ends(2024, 12, 31)),
    // Oracle Linux: end of premier support (free errata go on through it).
    ("ol", "7", "Oracle Linux 7", ends(2024, 12, 1)),
    ("ol", "8", "Oracle Linux 8", ends(2029, 7, 1)),
    ("ol", "9", "Oracle Linux 9", ends(2032, 6, 30)),
    // Rolling distributions.
    ("wolfi", "", "Wolfi (rolling)", None),
    ("chainguard", "", "Chainguard OS (rolling)", None),
    ("opensuse-tumbleweed", "", "openSUSE Tumbleweed (rolling)", None),
    ("arch", "", "Arch Linux (rolling)", None),
];

#[cfg(test)]
mod tests {
    use super::{end_of_life, is_past, EolEntry, RELEASES};
    use jiff::civil::date;

    const TODAY: jiff::civil::Date = date(2026, 11, 27);

    fn lookup(id: &str, version: &str) -> Option<(&'static str, String, bool)> {
        end_of_life(id, version)
            .map(|e| (e.release, e.date.map_or("never".into(), |d| d.to_string()), e.is_past(TODAY)))
    }

    #[test]
    fn point_releases_find_their_release() {
        assert_eq!(lookup("debian", "12.5"), Some(("Debian 12 (bookworm)", "2028-06-30".into(), false)));
        assert_eq!(lookup("debian", "10"), Some(("Debian 10 (buster)", "2024-06-30".into(), true)));
        assert_eq!(
            lookup("ubuntu", "22.04.4"),
            Some(("Ubuntu 22.04 LTS (Jammy Jellyfish)", "2027-04-01".into(), false))
        );
        assert_eq!(
            lookup("ubuntu", "20.04"),
            Some(("Ubuntu 20.04 LTS (Focal Fossa)", "2025-05-31".into(), true))
        );
        assert_eq!(lookup("alpine", "3.20.3"), Some(("Alpine Linux 3.20", "2026-04-01".into(), true)));
        assert_eq!(lookup("alpine", "3.2.3"), None, "3.2 is not 3.20");
        assert_eq!(lookup("alpine", "3.22.1"), Some(("Alpine Linux 3.22", "2027-05-01".into(), false)));
        assert_eq!(lookup("rhel", "9.4"), Some(("Red Hat Enterprise Linux 9", "2032-05-31".into(), false)));
        assert_eq!(lookup("centos", "7"), Some(("CentOS Linux 7", "2024-06-30".into(), true)));
        assert_eq!(lookup("amzn", "2"), Some(("Amazon Linux 2", "2026-06-30".into(), true)));
        assert_eq!(lookup("amzn", "2023"), Some(("Amazon Linux 2023", "2029-06-30".into(), false)));
        assert_eq!(
            lookup("SLES", "15.5"),
            Some(("SUSE Linux Enterprise Server 15 SP5", "2024-12-31".into(), true))
        );
        assert_eq!(lookup("fedora", "42"), Some(("Fedora Linux 42", "2026-05-13".into(), true)));
    }

    #[test]
    fn rolling_distributions_never_end() {
        assert_eq!(lookup("wolfi", "20230201"), Some(("Wolfi (rolling)", "never".into(), false)));
        assert_eq!(lookup("chainguard", ""), Some(("Chainguard OS (rolling)", "never".into(), false)));
    }

    #[test]
    fn unknown_releases_are_not_guessed() {
        assert_eq!(end_of_life("debian", "trixie/sid"), None);
        assert_eq!(end_of_life("debian", "14"), None);
        assert_eq!(end_of_life("fedora", "44"), None);
        assert_eq!(end_of_life("sles", "15.6"), None);
        assert_eq!(end_of_life("gentoo", "2.15"), None);
        assert_eq!(end_of_life("ubuntu", ""), None);
    }

    #[test]
    fn the_day_support_ends_counts_as_ended() {
        let day = date(2026, 11, 1);
        assert!(is_past(day, day));
        assert!(!is_past(day, date(2026, 10, 31)));
        let alpine = end_of_life("alpine", "3.21.0").unwrap();
        assert!(alpine.is_past(TODAY));
        assert!(!EolEntry { release: "x", date: None }.is_past(TODAY));
    }

    #[test]
    fn one_row_per_release_and_rolling_rows_alone() {
        for (i, row) in RELEASES.iter().enumerate() {
            let same =
                RELEASES.iter().skip(i + 1).filter(|other| other.0 == row.0 && other.1 == row.1).count();
            assert_eq!(same, 0, "{} {} twice", row.0, row.1);
            if row.1.is_empty() {
                assert!(
                    row.3.is_none() && RELEASES.iter().filter(|o| o.0 == row.0).count() == 1,
                    "{}",
                    row.0
                );
            }
        }
    }
}
