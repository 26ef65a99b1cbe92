//! `$VAR` substitution as Dockerfiles do it for FROM lines and friends.

use super::MAX_LOGICAL_LINE;

/// Defaults nest (`${A:-${B:-c}}`); deeper than this is left as written.
const MAX_DEPTH: usize = 16;

/// Expand `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
/// `${VAR:+alt}` and `${VAR+alt}` using `lookup`.
///
/// A variable `lookup` does not know stays as written, except that its
/// `:-`/`-` default is used and its `:+`/`+` alternative is dropped: those
/// forms say what the value is when the variable is unset. Other forms
/// (`${VAR#pattern}`, ...) and `\$` stay as written. Substitution stops once
/// the result passes 1 MiB; the rest is kept as written.
pub fn expand(s: &str, lookup: &dyn Fn(&str) -> Option<String>) -> String {
    expand_at(s, lookup, 0)
}

fn expand_at(s: &str, lookup: &dyn Fn(&str) -> Option<String>, depth: usize) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(found) = rest.find(['$', '\\']) {
        out.push_str(&rest[..found]);
        rest = &rest[found..];
        if out.len() > MAX_LOGICAL_LINE {
            break;
        }
        if let Some(escaped) = rest.strip_prefix('\\') {
            // Keep the escape and the character it protects.
            let len = 1 + escaped.chars().next().map_or(0, char::len_utf8);
            out.push_str(&rest[..len]);
            rest = &rest[len..];
            continue;
        }
        let Some((len, value)) = reference(rest, lookup, depth) else {
            // An unclosed `${`: keep the rest as written. Looking for more
            // references after it would rescan to the end for every later
            // `${`, quadratic on input full of them.
            break;
        };
        match value {
            Some(value) => out.push_str(&value),
            None => out.push_str(&rest[..len]),
        }
        rest = &rest[len..];
    }
    out.push_str(rest);
    out
}

/// Parses the reference at the start of `s` (which starts with `$`). Returns
/// its length and its value, `None` meaning "keep as written"; `None` overall
/// for an unclosed `${`.
fn reference(
    s: &str,
    lookup: &dyn Fn(&str) -> Option<String>,
    depth: usize,
) -> Option<(usize, Option<String>)> {
    let Some(braced) = s.strip_prefix("${") else {
        let name = name_at(&s[1..]);
        let value = if name.is_empty() { None } else { lookup(name) };
        return Some((1 + name.len(), value));
    };
    let close = closing_brace(braced)?;
    let inner = &braced[..close];
    let len = 2 + close + 1;
    let name = name_at(inner);
    if name.is_empty() || depth >= MAX_DEPTH {
        return Some((len, None));
    }
    let operation = &inner[name.len()..];
    let split = if operation.starts_with(":-") || operation.starts_with(":+") {
        2
    } else if operation.starts_with('-') || operation.starts_with('+') {
        1
    } else if operation.is_empty() {
        return Some((len, lookup(name)));
    } else {
        return Some((len, None));
    };
    let (operator, word) = operation.split_at(split);
    // With a colon, an empty value counts as unset.
    let set = lookup(name).filter(|value| !(operator.starts_with(':') && value.is_empty()));
    let nested = || expand_at(word, lookup, depth + 1);
    let value = if operator.ends_with('-') {
        set.unwrap_or_else(nested)
    } else {
        set.map(|_| nested()).unwrap_or_default()
    };
    Some((len, Some(value)))
}

/// The variable name at the start of `s`: a letter or `_`, then letters,
/// digits and `_`.
fn name_at(s: &str) -> &str {
    let starts_well = s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_');
    let len = if starts_well {
        s.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(s.len())
    } else {
        0
    };
    &s[..len]
}

/// Index of the `}` closing a `${`, counting nested braces.
fn closing_brace(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (index, byte) in s.bytes().enumerate() {
        match byte {
            b'{' => depth += 1,
            b'}' if depth == 0 => return Some(index),
            b'}' => depth -= 1,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::expand;

    fn env(name: &str) -> Option<String> {
        match name {
            "TAG" => Some("1.25".into()),
            "EMPTY" => Some(String::new()),
            "REG" => Some("ghcr.io".into()),
            _ => None,
        }
    }

    #[test]
    fn plain_and_braced() {
        assert_eq!(expand("nginx:$TAG", &env), "nginx:1.25");
        assert_eq!(expand("${REG}/app:${TAG}-alpine", &env), "ghcr.io/app:1.25-alpine");
        assert_eq!(expand("$TAG$TAG", &env), "1.251.25");
    }

    #[test]
    fn unknown_stays_as_written() {
        assert_eq!(expand("a:$NOPE ${NOPE} $ $1 ${1} ${TAG#1}", &env), "a:$NOPE ${NOPE} $ $1 ${1} ${TAG#1}");
        assert_eq!(expand(r"\$TAG", &env), r"\$TAG");
    }

    #[test]
    fn defaults_and_alternatives() {
        assert_eq!(expand("${NOPE:-3.19}", &env), "3.19");
        assert_eq!(expand("${EMPTY:-x}", &env), "x");
        assert_eq!(expand("${EMPTY-x}", &env), "");
        assert_eq!(expand("${TAG:-x}", &env), "1.25");
        assert_eq!(expand("${TAG:+set}", &env), "set");
        assert_eq!(expand("${NOPE:+set}", &env), "");
        assert_eq!(expand("${EMPTY:+set}", &env), "");
        assert_eq!(expand("${EMPTY+set}", &env), "set");
        assert_eq!(expand("${NOPE:-${REG:-x}/y}", &env), "ghcr.io/y");
    }

    #[test]
    fn hostile_input_is_bounded() {
        let unclosed = "${".repeat(200_000);
        assert_eq!(expand(&unclosed, &env), unclosed);
        let nested = format!("{}x{}", "${A:-".repeat(1000), "}".repeat(1000));
        assert!(expand(&nested, &env).len() < nested.len());
        let big = |_: &str| Some("x".repeat(100_000));
        assert!(expand(&"$A".repeat(100_000), &big).len() < 2 * 1024 * 1024);
    }
}
