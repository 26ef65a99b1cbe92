//! The JSON array of strings that marks exec form (`CMD ["a", "b"]`).
//! Anything else — other JSON, or not JSON at all — is shell form, which is why
//! this returns an `Option` rather than an error.

use std::iter::Peekable;
use std::str::Chars;

pub(crate) fn string_array(text: &str) -> Option<Vec<String>> {
    let mut chars = text.trim().chars().peekable();
    if chars.next()? != '[' {
        return None;
    }
    let mut items = Vec::new();
    skip_whitespace(&mut chars);
    if chars.peek() == Some(&']') {
        chars.next();
    } else {
        loop {
            skip_whitespace(&mut chars);
            items.push(string(&mut chars)?);
            skip_whitespace(&mut chars);
            match chars.next()? {
                ',' => {}
                ']' => break,
                _ => return None,
            }
        }
    }
    skip_whitespace(&mut chars);
    chars.next().is_none().then_some(items)
}

fn skip_whitespace(chars: &mut Peekable<Chars<'_>>) {
    while chars.next_if(|c| matches!(c, ' ' | '\t' | '\n' | '\r')).is_some() {}
}

fn string(chars: &mut Peekable<Chars<'_>>) -> Option<String> {
    if chars.next()? != '"' {
        return None;
    }
    let mut out = String::new();
    loop {
        match chars.next()? {
            '"' => return Some(out),
            '\\' => out.push(escape(chars)?),
            c if u32::from(c) < 0x20 => return None,
            c => out.push(c),
        }
    }
}

/// The character after a backslash.
fn escape(chars: &mut Peekable<Chars<'_>>) -> Option<char> {
    Some(match chars.next()? {
        '"' => '"',
        '\\' => '\\',
        '/' => '/',
        'b' => '\u{8}',
        'f' => '\u{c}',
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        'u' => {
            let unit = hex4(chars)?;
            if (0xD800..0xDC00).contains(&unit) {
                // A high surrogate needs its low half from a following `\uXXXX`.
                let mut lookahead = chars.clone();
                if lookahead.next() == Some('\\') && lookahead.next() == Some('u') {
                    if let Some(low @ 0xDC00..=0xDFFF) = hex4(&mut lookahead) {
                        *chars = lookahead;
                        let code = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                        return char::from_u32(code);
                    }
                }
            }
            // Lone surrogates become U+FFFD, as Go's decoder (Docker's) does.
            char::from_u32(unit).unwrap_or(char::REPLACEMENT_CHARACTER)
        }
        _ => return None,
    })
}

fn hex4(chars: &mut Peekable<Chars<'_>>) -> Option<u32> {
    let mut value = 0;
    for _ in 0..4 {
        value = value * 16 + chars.next()?.to_digit(16)?;
    }
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::string_array;

    #[test]
    fn accepts_string_arrays() {
        assert_eq!(string_array(r#"["a", "b c"]"#), Some(vec!["a".to_string(), "b c".to_string()]));
        assert_eq!(string_array(" [ ] "), Some(vec![]));
        assert_eq!(string_array(r#"["\"q\"\n\u00e9\ud83d\ude00"]"#), Some(vec!["\"q\"\né😀".to_string()]));
        assert_eq!(string_array(r#"["\ud800"]"#), Some(vec!["\u{fffd}".to_string()]));
    }

    #[test]
    fn rejects_everything_else() {
        for text in [
            "",
            "echo [a]",
            "[a]",
            r#"["a",]"#,
            r#"["a" "b"]"#,
            r#"["a", 1]"#,
            r#"["a"] x"#,
            r#"["a"#,
            r#"['a']"#,
            r#"["\x"]"#,
            r#"["\u12"]"#,
            "[\"tab\tinside\"]",
        ] {
            assert_eq!(string_array(text), None, "{text}");
        }
    }
}
