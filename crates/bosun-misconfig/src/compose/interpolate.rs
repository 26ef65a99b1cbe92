//! Compose variable interpolation, as far as the file alone can tell.

/// Stands in for a variable whose value only the environment knows.
pub const UNRESOLVED: char = '\u{FFFD}';

/// Expands `${VAR:-default}` and `${VAR-default}` to their default (what runs
/// when the variable is unset) and `$$` to `$`; every other variable (`$VAR`,
/// `${VAR}`, `${VAR:?err}`, `${VAR:+alt}`) becomes [`UNRESOLVED`].
pub fn interpolate(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        if let Some(tail) = after.strip_prefix('$') {
            out.push('$');
            rest = tail;
        } else if let Some(braced) = after.strip_prefix('{') {
            match closing_brace(braced) {
                Some(end) => {
                    out.push_str(&expand_braced(&braced[..end]));
                    rest = &braced[end + 1..];
                }
                None => {
                    out.push(UNRESOLVED);
                    rest = "";
                }
            }
        } else {
            let name = name_len(after);
            if name == 0 {
                out.push('$');
            } else {
                out.push(UNRESOLVED);
            }
            rest = &after[name..];
        }
    }
    out.push_str(rest);
    out
}

/// True when the text refers to a variable at all (`$$` is a literal dollar).
pub fn has_variables(text: &str) -> bool {
    let expanded = interpolate(text);
    expanded.contains(UNRESOLVED) || expanded != text.replace("$$", "$")
}

/// Compose variable names start with a letter or underscore.
fn name_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    if !bytes.first().is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_') {
        return 0;
    }
    bytes.iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'_').count()
}

fn closing_brace(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => return Some(i),
            '}' => depth -= 1,
            _ => {}
        }
    }
    None
}

fn expand_braced(body: &str) -> String {
    let operator = &body[name_len(body)..];
    match operator.strip_prefix(":-").or_else(|| operator.strip_prefix('-')) {
        Some(default) => interpolate(default),
        None => UNRESOLVED.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_used_and_other_variables_are_unknown() {
        assert_eq!(interpolate("nginx:${TAG:-1.27}"), "nginx:1.27");
        assert_eq!(interpolate("${SOCK-/var/run/docker.sock}"), "/var/run/docker.sock");
        assert_eq!(interpolate("${A:-${B:-x}}y"), "xy");
        assert_eq!(interpolate("${IMAGE}"), UNRESOLVED.to_string());
        assert_eq!(interpolate("$HOME/data"), format!("{UNRESOLVED}/data"));
        assert_eq!(interpolate("${X:?required}"), UNRESOLVED.to_string());
        assert_eq!(interpolate("pa$$word"), "pa$word");
        assert_eq!(interpolate("cost: 5$"), "cost: 5$");
        assert_eq!(interpolate("${broken"), UNRESOLVED.to_string());
    }

    #[test]
    fn detects_variables_but_not_escaped_dollars() {
        assert!(has_variables("${DB_PASSWORD}"));
        assert!(has_variables("${DB_PASSWORD:-dev}"));
        assert!(has_variables("$TOKEN"));
        assert!(!has_variables("pa$$word"));
        assert!(!has_variables("plain"));
    }
}
