//! Package databases written as stanzas of `field: value` lines separated by
//! blank lines, in the manner of RFC 822 headers: dpkg's `status`
//! (`Package: curl`) and apk's `installed` (`P:curl`). The grouping into
//! stanzas, the line numbers and the error messages are the same for both; how
//! one line reads is each format's own, given as a function.

/// One stanza: the line it starts on and its fields, in order.
pub(super) struct Stanza<'a, K> {
    pub line: u32,
    pub fields: Vec<(K, &'a str)>,
}

/// What a line that is not blank holds, as a format reads it.
pub(super) enum Line<'a, K> {
    Field(K, &'a str),
    /// Nothing to keep (a comment, the rest of a multi-line value).
    Skip,
}

/// The stanzas of `text`. `read_line(line, in_stanza)` reads each line that is
/// not blank, `in_stanza` telling whether a stanza has started; its error is
/// given back with the line's number in front.
pub(super) fn stanzas<'a, K>(
    text: &'a str,
    mut read_line: impl FnMut(&'a str, bool) -> Result<Line<'a, K>, String>,
) -> Result<Vec<Stanza<'a, K>>, String> {
    let mut stanzas = Vec::new();
    let mut current: Option<Stanza<K>> = None;
    for (index, line) in text.lines().enumerate() {
        let number = index as u32 + 1;
        if line.trim().is_empty() {
            stanzas.extend(current.take());
            continue;
        }
        match read_line(line, current.is_some()).map_err(|reason| format!("line {number}: {reason}"))? {
            Line::Field(key, value) => current
                .get_or_insert_with(|| Stanza { line: number, fields: Vec::new() })
                .fields
                .push((key, value)),
            Line::Skip => {}
        }
    }
    stanzas.extend(current);
    Ok(stanzas)
}

/// The start of a line that is not a field, to show in an error: lines of a
/// binary or foreign file may be long.
pub(super) fn shown(line: &str) -> String {
    line.chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::{stanzas, Line};

    fn read_line(line: &str, in_stanza: bool) -> Result<Line<'_, &str>, String> {
        match line.split_once('=') {
            Some((key, value)) => Ok(Line::Field(key, value)),
            None if line == "#" && in_stanza => Ok(Line::Skip),
            None => Err(format!("`{}` is not a field", super::shown(line))),
        }
    }

    #[test]
    fn blank_lines_separate_stanzas_that_keep_their_first_line() {
        let found = stanzas("\n\na=1\n#\nb=2\n \t\nc=3\n\n", read_line).unwrap();
        let found: Vec<_> = found.iter().map(|s| (s.line, s.fields.clone())).collect();
        assert_eq!(found, [(3, vec![("a", "1"), ("b", "2")]), (7, vec![("c", "3")])]);
        assert!(stanzas("", read_line).unwrap().is_empty());
    }

    #[test]
    fn errors_name_the_line() {
        let long = format!("a=1\n{}", "x".repeat(100));
        let error = stanzas(&long, read_line).err().unwrap();
        assert_eq!(error, format!("line 2: `{}` is not a field", "x".repeat(40)));
        assert_eq!(stanzas("#\na=1", read_line).err().unwrap(), "line 1: `#` is not a field");
    }
}
