//! Maven ordering: `ComparableVersion` from maven-artifact, which the POM
//! reference's "Version Order Specification" describes.
//!
//! The version is lowercased and split into items at `.` and `-` and at every
//! transition between digits and letters. Numbers become number items; other
//! runs become qualifiers. A `-`, and a digit/letter transition, opens a
//! nested list that holds the rest of the version, so `1-1` is `[1, [1]]` and
//! `1.0alpha1` is `[1, [alpha, [1]]]`. An empty item (`1..2`, `-1`) is `0`.
//! Each list then drops its trailing "null" items: `0`, the release
//! qualifier, and empty lists (looking past nested lists, so `1.0-1` is
//! `1-1`).
//!
//! Items compare as: number > list > qualifier; numbers by value; lists item
//! by item, a missing item comparing as null (so `1` = `1.0` and
//! `1-sp` > `1` > `1-rc`); qualifiers by rank: `alpha` < `beta` <
//! `milestone` < `rc` = `cr` < `snapshot` < `` = `ga` = `final` = `release` <
//! `sp` < any other qualifier, those lexically. `a`, `b` and `m` directly
//! followed by a digit mean `alpha`, `beta` and `milestone`. A list compares
//! with null by its first non-null item (MNG-6964). As in Maven 3.8 and later,
//! a qualifier after a `.` that ends the version or is followed by a digit
//! opens a list as if `-` came before it (`1.0.RC2` is `1-RC2`).
//!
//! Maven's order is not transitive (`1.x.2` < `1-alpha` < `1` < `1.x.2`):
//! items of different kinds compare by kind alone (number > list >
//! qualifier), while a missing item falls between qualifiers (`rc` < null <
//! `sp`) and between lists. To stay total, items here sit in one order:
//! qualifiers below the release < lists below null < null and the release
//! qualifier < qualifiers above the release < lists above null < numbers,
//! each kind ordered within itself as in Maven. The differences from Maven
//! are confined to odd shapes: a qualifier above the release against a list
//! below null (`1.x.2` > `1-alpha`), the release qualifier in the middle of
//! a version against such a list, and a `0` that is not trailing, which is
//! above a missing item rather than equal to it (`1.0.alpha.1` > `1`).
//!
//! Digits are ASCII digits (Java's `Character.isDigit` also takes other
//! scripts' digits). Lists nest at most `MAX_DEPTH` deep; past that the rest
//! of the version stays in the innermost list.

use std::cmp::Ordering;

pub fn compare(a: &str, b: &str) -> Ordering {
    compare_lists(&parse(a), &parse(b))
}

#[derive(Debug)]
enum Item {
    /// ASCII digits without leading zeros (`""` is zero).
    Int(String),
    /// A qualifier with its aliases resolved.
    Str(String),
    List(Vec<Item>),
}

const QUALIFIERS: [&str; 7] = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"];
const RELEASE_RANK: usize = 5;
/// Lists nested deeper than this take the rest of the version flat, so
/// hostile input cannot exhaust the stack.
const MAX_DEPTH: usize = 64;

impl Item {
    fn int(digits: &str) -> Item {
        Item::Int(digits.trim_start_matches('0').to_owned())
    }

    fn qualifier(text: &str, followed_by_digit: bool) -> Item {
        let text = match text {
            "a" if followed_by_digit => "alpha",
            "b" if followed_by_digit => "beta",
            "m" if followed_by_digit => "milestone",
            "ga" | "final" | "release" => "",
            "cr" => "rc",
            other => other,
        };
        Item::Str(text.to_owned())
    }

    fn is_null(&self) -> bool {
        match self {
            Item::Int(n) => n.is_empty(),
            Item::Str(s) => s.is_empty(),
            Item::List(l) => l.is_empty(),
        }
    }

    /// This item against a missing one. Unlike Maven, a number, even `0`,
    /// sorts above a missing item (see the module documentation); trailing
    /// zeros are trimmed before this matters.
    fn cmp_null(&self) -> Ordering {
        match self {
            Item::Int(_) => Ordering::Greater,
            Item::Str(s) => rank(s).cmp(&(RELEASE_RANK, "")),
            Item::List(l) => l.iter().map(Item::cmp_null).find(|c| c.is_ne()).unwrap_or(Ordering::Equal),
        }
    }

    /// Where the item sits among items of all kinds: qualifiers below the
    /// release, lists below null, null (and the release qualifier),
    /// qualifiers above the release, lists above null, numbers.
    fn class(&self) -> u8 {
        match (self, self.cmp_null()) {
            (Item::Int(_), _) => 5,
            (_, Ordering::Equal) => 2,
            (Item::Str(_), Ordering::Less) => 0,
            (Item::List(_), Ordering::Less) => 1,
            (Item::Str(_), Ordering::Greater) => 3,
            (Item::List(_), Ordering::Greater) => 4,
        }
    }
}

/// Known qualifiers by their position, unknown ones after them by text.
fn rank(q: &str) -> (usize, &str) {
    match QUALIFIERS.iter().position(|k| *k == q) {
        Some(i) => (i, ""),
        None => (QUALIFIERS.len(), q),
    }
}

fn compare_items(a: Option<&Item>, b: Option<&Item>) -> Ordering {
    use Item::{Int, List, Str};
    match (a, b) {
        (None, None) => Ordering::Equal,
        (Some(x), None) => x.cmp_null(),
        (None, Some(y)) => y.cmp_null().reverse(),
        (Some(Int(x)), Some(Int(y))) => x.len().cmp(&y.len()).then_with(|| x.cmp(y)),
        (Some(Str(x)), Some(Str(y))) => rank(x).cmp(&rank(y)),
        (Some(List(x)), Some(List(y))) => compare_lists(x, y),
        (Some(x), Some(y)) => x.class().cmp(&y.class()),
    }
}

fn compare_lists(a: &[Item], b: &[Item]) -> Ordering {
    (0..a.len().max(b.len()))
        .map(|i| compare_items(a.get(i), b.get(i)))
        .find(|c| c.is_ne())
        .unwrap_or(Ordering::Equal)
}

/// Drops trailing null items, looking past (non-null) nested lists.
fn normalize(list: &mut Vec<Item>) {
    let mut i = list.len();
    while i > 0 {
        i -= 1;
        if list[i].is_null() {
            list.remove(i);
        } else if !matches!(list[i], Item::List(_)) {
            break;
        }
    }
}

fn open(stack: &mut Vec<Vec<Item>>) {
    if stack.len() < MAX_DEPTH {
        stack.push(Vec::new());
    }
}

fn parse(version: &str) -> Vec<Item> {
    let version = version.to_lowercase();
    let s = version.as_str();
    // The chain of open lists: each one's last item is the next, which is
    // only attached (after normalising) once parsing ends.
    let mut stack: Vec<Vec<Item>> = vec![Vec::new()];
    let mut is_digit = false;
    let mut start = 0;
    fn item(is_digit: bool, text: &str) -> Item {
        if is_digit {
            Item::int(text)
        } else {
            Item::qualifier(text, false)
        }
    }
    for (i, c) in s.char_indices() {
        let list = stack.last_mut().expect("the root list stays");
        match c {
            '.' | '-' => {
                list.push(if i == start { Item::Int(String::new()) } else { item(is_digit, &s[start..i]) });
                start = i + 1;
                if c == '-' {
                    open(&mut stack);
                }
            }
            '0'..='9' => {
                if !is_digit && i > start {
                    // `.X1` is read as `-X1`: the qualifier opens a list.
                    if !list.is_empty() {
                        open(&mut stack);
                    }
                    let list = stack.last_mut().expect("just pushed or the open one");
                    list.push(Item::qualifier(&s[start..i], true));
                    start = i;
                    open(&mut stack);
                }
                is_digit = true;
            }
            _ => {
                if is_digit && i > start {
                    list.push(Item::int(&s[start..i]));
                    start = i;
                    open(&mut stack);
                }
                is_digit = false;
            }
        }
    }
    if s.len() > start {
        // A final `.X` is read as `-X` too.
        if !is_digit && stack.last().is_some_and(|list| !list.is_empty()) {
            open(&mut stack);
        }
        let last = item(is_digit, &s[start..]);
        stack.last_mut().expect("the root list stays").push(last);
    }
    while stack.len() > 1 {
        let mut child = stack.pop().expect("more than one list");
        normalize(&mut child);
        stack.last_mut().expect("a parent list").push(Item::List(child));
    }
    let mut root = stack.pop().unwrap_or_default();
    normalize(&mut root);
    root
}

#[cfg(test)]
mod tests {
    use super::*;
    use Ordering::{Equal, Greater, Less};

    fn check(a: &str, b: &str, want: Ordering) {
        crate::version::testing::check(compare, a, b, want);
    }

    #[test]
    fn trailing_nulls_are_trimmed() {
        check("7", "7.0.0", Equal);
        check("7-0", "7", Equal);
        check("7.0-1", "7-1", Equal);
        check("7-final", "7", Equal);
        check("7.ga.0", "7", Equal);
        check("7-", "7", Equal);
        check("", "0", Equal);
        check("7-0.1", "7", Greater);
    }

    #[test]
    fn shortcuts_only_before_a_digit() {
        check("7a1", "7-alpha-1", Equal);
        check("7m1", "7-milestone-1", Equal);
        // A bare `a` is an unknown qualifier, above the release.
        check("7-a", "7", Greater);
        check("7-a", "7-alpha", Greater);
    }

    #[test]
    fn separators() {
        check("7-1", "7.1", Less);
        check("7.1", "7.1-1", Less);
        check("7.rc1", "7-rc2", Less);
        check("7..1", "7.0.1", Equal);
        check("7-RC-1", "7rc1", Equal);
    }

    #[test]
    fn huge_numbers_compare_by_value() {
        check("1.99999999999999999999", "1.100000000000000000000", Less);
        check("1.0010", "1.10", Equal);
    }

    #[test]
    fn unknown_qualifiers_sort_after_known() {
        check("7-sp", "7-dev", Less);
        check("7-dev", "7-foo", Less);
        check("7-snapshot", "7-dev", Less);
        check("7-Foo", "7-foo", Equal);
    }

    #[test]
    fn kinds_on_opposite_sides_of_null() {
        // Maven orders 1.x.2 < 1-alpha < 1 < 1.x.2; the side of null decides.
        check("1.x.2", "1", Greater);
        check("1-alpha", "1", Less);
        check("1.x.2", "1-alpha", Greater);
        // Same side: the kind decides, as in Maven.
        check("1-1", "1.1", Less);
        check("1-sp", "1-1", Less);
        check("1.0.1", "1.ga.1", Greater);
        // A number, even 0, is above a missing item (Maven: 0 is equal to it).
        check("1.0.alpha.1", "1", Greater);
        // Real versions keep Maven's order: a number beats a list.
        check("0.10", "0-1", Greater);
        check("1.0.1", "1-1", Greater);
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let deep = "1-".repeat(100_000);
        check(&deep, &deep.replace('-', "."), Less);
        check(&"a1".repeat(50_000), "a1", Less);
        check(&"-".repeat(100_000), "", Equal);
    }

    #[test]
    fn total_order() {
        crate::version::testing::assert_total_order(
            compare,
            &[
                "1",
                "1.0",
                "1-0",
                "1.0.0.0",
                "1-alpha",
                "1a1",
                "1-alpha-2",
                "1.beta",
                "1-m3",
                "1-rc",
                "1-cr1",
                "1.0-SNAPSHOT",
                "1-ga",
                "1-sp",
                "1-sp1",
                "1-a",
                "1-zz",
                "1-1",
                "1.0-1",
                "1-0.1",
                "1.1",
                "1.0.x1",
                "1.x.2",
                "1..",
                "-1",
                ".",
                "",
                "2",
                "10",
                "1.2147483648",
                "1-foo-bar",
                "1-foo.bar",
                "1_0",
            ],
        );
    }
}
