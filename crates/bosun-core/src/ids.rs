//! Loose comparison of rule ids across tools.

/// Uppercases, drops punctuation, leading zeros of numbers and Trivy's `AVD`
/// prefix, so that `KSV017`, `KSV-0017`, `AVD-KSV-0017` and `ksv_17` are equal.
pub fn normalize(id: &str) -> String {
    let upper: String =
        id.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_uppercase()).collect();
    let upper = upper.strip_prefix("AVD").filter(|rest| !rest.is_empty()).unwrap_or(&upper);
    let mut out = String::with_capacity(upper.len());
    let mut in_number = false;
    let chars: Vec<char> = upper.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let next_is_digit = chars.get(i + 1).is_some_and(|n| n.is_ascii_digit());
        if c == '0' && !in_number && next_is_digit {
            continue;
        }
        in_number = c.is_ascii_digit();
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn peer_spellings_agree() {
        assert_eq!(normalize("KSV017"), normalize("KSV-0017"));
        assert_eq!(normalize("AVD-KSV-0017"), normalize("ksv_17"));
        assert_eq!(normalize("CKV_K8S_16"), "CKVK8S16");
        assert_eq!(normalize("DL3007"), "DL3007");
        assert_eq!(normalize("DS002"), normalize("DS-0002"));
        assert_ne!(normalize("KSV017"), normalize("KSV107"));
        assert_eq!(normalize("K8S100"), "K8S100");
        assert_eq!(normalize("privileged-container"), "PRIVILEGEDCONTAINER");
    }
}
