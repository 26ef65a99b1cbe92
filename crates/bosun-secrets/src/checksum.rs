//! Checksums and structure that some token formats carry. A match that fails
//! its format's check is a look-alike (a test string, a truncated copy), not a
//! live credential, so it is not reported.

use base64::Engine as _;

const BASE62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// `n` written with the ASCII `digits` of its base (`digits.len()`),
/// left-padded with the zero digit to `width` characters.
fn positional(mut n: u32, width: usize, digits: &[u8]) -> String {
    let base = digits.len() as u32;
    let mut out = Vec::with_capacity(width);
    while n > 0 {
        out.push(digits[(n % base) as usize]);
        n /= base;
    }
    while out.len() < width {
        out.push(digits[0]);
    }
    out.reverse();
    String::from_utf8(out).expect("digits are ASCII")
}

/// `n` as base62, left-padded with `0` to `width` characters.
pub fn base62(n: u32, width: usize) -> String {
    positional(n, width, BASE62)
}

/// The part of `text` before its last `width` characters, when those are
/// `encode` of the CRC32 (IEEE) of that part; `None` otherwise or for
/// non-ASCII text.
fn crc32_checked(text: &str, width: usize, encode: impl Fn(u32) -> String) -> Option<&str> {
    if !text.is_ascii() || text.len() < width {
        return None;
    }
    let (body, check) = text.split_at(text.len() - width);
    (encode(crc32fast::hash(body.as_bytes())) == check).then_some(body)
}

/// GitHub's classic tokens (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`) and npm's
/// (`npm_`): a prefix, 30 random base62 characters, then the CRC32 of those 30
/// characters in base62 (6 characters).
pub fn crc32_base62_suffix(token: &str) -> bool {
    let Some((_, body)) = token.split_once('_') else { return false };
    body.len() == 36 && crc32_checked(body, 6, |crc| base62(crc, 6)).is_some()
}

/// A JSON Web Token: three base64url parts, the first two decoding to JSON
/// objects and the header naming an algorithm.
pub fn jwt(token: &str) -> bool {
    let mut parts = token.split('.');
    let (Some(header), Some(payload)) = (parts.next(), parts.next()) else { return false };
    let Some(header) = decode_base64url(header) else { return false };
    let Some(payload) = decode_base64url(payload) else { return false };
    let header = String::from_utf8_lossy(&header);
    let is_object = |b: &[u8]| b.first() == Some(&b'{') && b.last() == Some(&b'}');
    is_object(header.as_bytes()) && header.contains("\"alg\"") && is_object(&payload)
}

/// Standard base64 that decodes to exactly `len` bytes (Azure storage keys
/// are 64 random bytes, for example).
pub fn base64_of_len(text: &str, len: usize) -> bool {
    base64::engine::general_purpose::STANDARD.decode(text).is_ok_and(|bytes| bytes.len() == len)
}

/// The decoded bytes of standard or URL-safe base64, padded or not.
pub fn decode_base64(text: &str) -> Option<Vec<u8>> {
    use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
    let text = text.trim();
    [STANDARD, URL_SAFE, STANDARD_NO_PAD, URL_SAFE_NO_PAD].iter().find_map(|engine| engine.decode(text).ok())
}

/// The UTF-8 text that base64 (as `decode_base64` takes it) decodes to.
pub fn decode_base64_text(text: &str) -> Option<String> {
    decode_base64(text).and_then(|bytes| String::from_utf8(bytes).ok())
}

/// The decoded bytes of base64url, its `=` padding ignored.
pub fn decode_base64url(text: &str) -> Option<Vec<u8>> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(text.trim_end_matches('=')).ok()
}

/// `user:password` in base64, as Docker's `auth` fields and HTTP basic
/// authentication carry it, with a non-empty password.
pub fn basic_auth(text: &str) -> bool {
    decode_base64_text(text)
        .and_then(|pair| {
            pair.split_once(':').map(|(user, password)| !user.is_empty() && !password.is_empty())
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Builds a token with a correct checksum, the way the provider does.
    fn with_checksum(prefix: &str, random: &str) -> String {
        format!("{prefix}{random}{}", base62(crc32fast::hash(random.as_bytes()), 6))
    }

    #[test]
    fn github_and_npm_checksums_are_verified() {
        let token = with_checksum("ghp_", "R7nQ2xWk9LmP4sTv8YbZ3cHd6FgJ1a");
        assert!(crc32_base62_suffix(&token), "{token}");
        let mut wrong = token.clone();
        wrong.replace_range(token.len() - 1.., if token.ends_with('A') { "B" } else { "A" });
        assert!(!crc32_base62_suffix(&wrong));
        assert!(crc32_base62_suffix(&with_checksum("npm_", "R7nQ2xWk9LmP4sTv8YbZ3cHd6FgJ1a")));
        assert!(!crc32_base62_suffix("ghp_short"));
    }

    #[test]
    fn jwts_need_json_header_and_payload() {
        let jwt_text = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl";
        assert!(jwt(jwt_text));
        assert!(!jwt("eyJub3QiOiJqd3QifQ.eyJzdWIiOiIxIn0.x"), "no alg in the header");
        assert!(!jwt("abc.def.ghi"));
    }

    #[test]
    fn basic_auth_needs_a_user_and_a_password() {
        assert!(basic_auth("dXNlcjpodW50ZXIy")); // user:hunter2
        assert!(!basic_auth("dXNlcjo=")); // user:
        assert!(!basic_auth("not base64!"));
    }
}

/// True when `text` is base64 (any variant) of a JSON object, `{...}`, with
/// every one of `keys` as a member name.
fn base64_json_with(text: &str, keys: &[&str]) -> bool {
    let Some(json) = decode_base64_text(text) else { return false };
    let json = json.trim();
    json.starts_with('{')
        && json.ends_with('}')
        && keys.iter().all(|key| json.contains(&format!("\"{key}\"")))
}

/// Grafana service account tokens: `glsa_`, 32 random alphanumerics, `_`, then
/// the CRC32 (IEEE) of everything before that `_`, as 4 little-endian bytes
/// in hex (Grafana's `satokengen` package).
pub fn grafana_service_account_token(token: &str) -> bool {
    let Some((key, check)) = token.rsplit_once('_') else { return false };
    if !key.starts_with("glsa_") || check.len() != 8 {
        return false;
    }
    let crc = crc32fast::hash(key.as_bytes()).to_le_bytes();
    let expected: String = crc.iter().map(|b| format!("{b:02x}")).collect();
    expected.eq_ignore_ascii_case(check)
}

/// Grafana Cloud access policy tokens: `glc_` then base64 of a JSON object
/// naming the organization (`o`), the token (`n`) and its key (`k`).
pub fn grafana_cloud_token(token: &str) -> bool {
    token.strip_prefix("glc_").is_some_and(|payload| base64_json_with(payload, &["o", "k"]))
}

/// Legacy Grafana API keys: base64 of `{"k":..., "n":..., "id":...}`.
pub fn grafana_api_key(token: &str) -> bool {
    base64_json_with(token, &["k", "n", "id"])
}

/// Sentry auth tokens. User tokens (`sntryu_`) are 64 hex characters, which
/// the pattern checks; organization tokens (`sntrys_`) are base64 of a JSON
/// payload with the issue time and the organization, `_`, then the secret.
pub fn sentry_auth_token(token: &str) -> bool {
    if let Some(hex) = token.strip_prefix("sntryu_") {
        return hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit());
    }
    let Some(rest) = token.strip_prefix("sntrys_") else { return false };
    let Some((payload, secret)) = rest.split_once('_') else { return false };
    !secret.contains('_') && base64_json_with(payload, &["iat", "org"])
}

/// Mapbox secret tokens: `sk.`, base64url of a JSON object naming the user
/// (`u`), `.`, then the secret part.
pub fn mapbox_secret_token(token: &str) -> bool {
    let mut parts = token.split('.');
    let (Some("sk"), Some(payload), Some(secret), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    !secret.is_empty() && base64_json_with(payload, &["u"])
}

/// Elastic API keys. Elastic Cloud keys (`essu_`) are taken as matched; an
/// Elasticsearch key's encoded form is base64 of `id:api_key`, both parts
/// URL-safe base64 text (20 and 22 characters in current versions).
pub fn elastic_api_key(token: &str) -> bool {
    if token.starts_with("essu_") {
        return true;
    }
    let Some(pair) = decode_base64_text(token) else { return false };
    let Some((id, key)) = pair.split_once(':') else { return false };
    let url_safe = |s: &str| s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    (16..=32).contains(&id.len()) && (16..=64).contains(&key.len()) && url_safe(id) && url_safe(key)
}

/// A Bech32 string (BIP 173) with a valid checksum: one case throughout, a
/// human-readable part, `1`, then data characters ending in a 6-character
/// checksum. age secret keys (`AGE-SECRET-KEY-1...`) are Bech32.
pub fn bech32(text: &str) -> bool {
    const CHARSET: &[u8] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    const GENERATOR: [u32; 5] = [0x3b6a_57b2, 0x2650_8e6d, 0x1ea1_19fa, 0x3d42_33dd, 0x2a14_62b3];
    if !text.is_ascii()
        || (text.bytes().any(|b| b.is_ascii_lowercase()) && text.bytes().any(|b| b.is_ascii_uppercase()))
    {
        return false;
    }
    let lower = text.to_ascii_lowercase();
    let Some((hrp, data)) = lower.rsplit_once('1') else { return false };
    if hrp.is_empty() || data.len() < 6 || hrp.bytes().any(|b| !(33..=126).contains(&b)) {
        return false;
    }
    let mut values: Vec<u8> = hrp.bytes().map(|b| b >> 5).collect();
    values.push(0);
    values.extend(hrp.bytes().map(|b| b & 31));
    for c in data.bytes() {
        let Some(v) = CHARSET.iter().position(|&x| x == c) else { return false };
        values.push(v as u8);
    }
    let mut chk: u32 = 1;
    for v in values {
        let top = chk >> 25;
        chk = ((chk & 0x01ff_ffff) << 5) ^ u32::from(v);
        for (i, g) in GENERATOR.iter().enumerate() {
            if (top >> i) & 1 == 1 {
                chk ^= g;
            }
        }
    }
    chk == 1
}

#[cfg(test)]
mod structure_tests {
    use super::*;

    #[test]
    fn grafana_service_account_checksum_is_crc32_little_endian() {
        let key = "glsa_6W7vjmqz6mYjWc7izH9DsTNAveadCL8S";
        assert!(grafana_service_account_token(&format!("{key}_6ddc932f")));
        assert!(grafana_service_account_token(&format!("{key}_6DDC932F")));
        assert!(!grafana_service_account_token(&format!("{key}_2f93dc6d")), "big-endian order");
        assert!(!grafana_service_account_token("glsa_6W7vjmqz6mYjWc7izH9DsTNAveadCL8s_6ddc932f"));
    }

    #[test]
    fn base64_json_tokens_need_their_members() {
        // {"o":"1","n":"x","k":"y"}
        assert!(grafana_cloud_token("glc_eyJvIjoiMSIsIm4iOiJ4IiwiayI6InkifQ=="));
        assert!(!grafana_cloud_token("glc_eyJuIjoieCJ9"), "only a name");
        assert!(!grafana_cloud_token("glc_bm90IGpzb24gYXQgYWxs"), "not JSON");
        // {"k":"abc","n":"ci","id":1}
        assert!(grafana_api_key("eyJrIjoiYWJjIiwibiI6ImNpIiwiaWQiOjF9"));
        assert!(!grafana_api_key("eyJrIjoiYWJjIn0"));
        // sk.{"u":"acme","a":"x"}.secret
        assert!(mapbox_secret_token("sk.eyJ1IjoiYWNtZSIsImEiOiJ4In0.q43IedbtWe27WH77hBlyqz"));
        assert!(!mapbox_secret_token("sk.eyJhIjoieCJ9.q43IedbtWe27WH77hBlyqz"), "no user");
        assert!(!mapbox_secret_token("pk.eyJ1IjoiYWNtZSIsImEiOiJ4In0.q43IedbtWe27WH77hBlyqz"));
    }

    #[test]
    fn sentry_org_tokens_carry_their_payload() {
        // {"iat": 1, "url": "https://sentry.io", "org": "acme"}
        let payload = "eyJpYXQiOiAxLCAidXJsIjogImh0dHBzOi8vc2VudHJ5LmlvIiwgIm9yZyI6ICJhY21lIn0=";
        let secret = "nvMZAcPW8FUmSRqP0cNT8H9etVjHQF83I+5k95JZryg";
        assert!(sentry_auth_token(&format!("sntrys_{payload}_{secret}")));
        assert!(!sentry_auth_token(&format!("sntrys_eyJpYXQiOiAxfQ==_{secret}")), "no org");
        assert!(sentry_auth_token(&format!("sntryu_{}", "ab12".repeat(16))));
        assert!(!sentry_auth_token(&format!("sntryu_{}", "xy12".repeat(16))));
    }

    #[test]
    fn elastic_keys_decode_to_id_and_key() {
        // VuaCfGcBCdbkQm-e5aOx:ui2lp2axTNmsyakw9tvNnw
        assert!(elastic_api_key("VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw=="));
        assert!(!elastic_api_key("dXNlcjpodW50ZXIy"), "user:hunter2");
        assert!(!elastic_api_key("VnVhQ2ZHY0JDZGJrUW0tZTVhT3g="), "no key part");
    }

    #[test]
    fn bech32_checksums() {
        // BIP 173 test vectors.
        assert!(bech32("A12UEL5L"));
        assert!(bech32("abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw"));
        assert!(!bech32("A12UEL5X"), "wrong checksum");
        assert!(!bech32("a12UEL5L"), "mixed case");
        let age = "AGE-SECRET-KEY-1FZMMKPMD37G2AM4LFGS6T5Y5NF4RKUHU0DEXZCLSNWRTGY7ESUFQ89TUHH";
        assert!(bech32(age));
        assert!(!bech32(&age.replace("FZMM", "FZMN")));
    }
}

/// Atlassian API tokens (`ATATT3`), Bitbucket app passwords (`ATBB`) and
/// Bitbucket access tokens (`ATCTT3`): the last 8 characters are the CRC32
/// (IEEE) of everything before them, in upper-case hex.
pub fn crc32_hex_suffix(token: &str) -> bool {
    token.len() > 8 && crc32_checked(token, 8, |crc| format!("{crc:08X}")).is_some()
}

/// `n` in base 36, lower case, left-padded with `0` to `width`.
fn base36(n: u32, width: usize) -> String {
    positional(n, width, b"0123456789abcdefghijklmnopqrstuvwxyz")
}

/// GitLab tokens (`glpat-`, `glrt-`, ...). The legacy form, a prefix and 20
/// random characters, has no check and passes. The routable form is
/// `<prefix><base64url payload>.[<2-char version>.]<2-char payload length><CRC>`:
/// the length in base 36, then the CRC32 (IEEE) of everything before it in
/// base 36, zero-padded to 7 characters.
pub fn gitlab_token(token: &str) -> bool {
    if !token.contains('.') {
        return true;
    }
    if token.len() < 12 {
        return false;
    }
    let Some(body) = crc32_checked(token, 7, |crc| base36(crc, 7)) else { return false };
    let (head, holder) = body.split_at(body.len() - 2);
    let Ok(length) = usize::from_str_radix(holder, 36) else { return false };
    let Some(head) = head.strip_suffix('.') else { return false };
    let payload_and_prefix = match head.rsplit_once('.') {
        Some((rest, version)) if version.len() == 2 && !rest.contains('.') => rest,
        Some(_) => return false,
        None => head,
    };
    let Some((_, payload)) = payload_and_prefix.split_once('-') else { return false };
    // Runner tokens carry a type marker (`t1_`) between the prefix and the payload.
    (20..=300).contains(&length) && length <= payload.len() && payload.len() - length <= 4
}

/// GitHub App installation tokens (`ghs_`): the classic form (30 random
/// characters and a CRC32, as `crc32_base62_suffix`) or the stateless form
/// `ghs_<app id>_<JWT>` issued since 2026.
pub fn github_installation_token(token: &str) -> bool {
    let Some(body) = token.strip_prefix("ghs_") else { return false };
    if body.len() == 36 && body.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return crc32_base62_suffix(token);
    }
    let Some((app, jwt_text)) = body.split_once('_') else { return false };
    !app.is_empty() && app.bytes().all(|b| b.is_ascii_digit()) && jwt(jwt_text)
}

/// Long-term Amazon Bedrock API keys: `ABSK` then base64 of
/// `BedrockAPIKey-<id>-at-<account>:<secret>`.
pub fn aws_bedrock_api_key(token: &str) -> bool {
    token.strip_prefix("ABSK").and_then(decode_base64_text).is_some_and(|text| {
        text.strip_prefix("BedrockAPIKey-")
            .and_then(|rest| rest.split_once(':'))
            .is_some_and(|(id, secret)| id.contains("-at-") && !secret.is_empty())
    })
}

/// Short-term Amazon Bedrock API keys: `bedrock-api-key-` then base64 of a
/// SigV4-presigned `bedrock.amazonaws.com` URL for `CallWithBearerToken`.
pub fn aws_bedrock_short_term_key(token: &str) -> bool {
    token.strip_prefix("bedrock-api-key-").and_then(decode_base64_text).is_some_and(|url| {
        url.starts_with("bedrock.amazonaws.com/")
            && url.contains("Action=CallWithBearerToken")
            && url.contains("X-Amz-Signature=")
    })
}

/// Percent-decoding (`%2B` → `+`); `None` for a malformed escape.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The `sig` of an Azure shared access signature: a URL-encoded base64
/// HMAC-SHA256, so 32 bytes once decoded.
pub fn azure_sas_signature(sig: &str) -> bool {
    percent_decode(sig).is_some_and(|b64| base64_of_len(&b64, 32))
}

#[cfg(test)]
mod cloud_and_code_hosting_tests {
    use super::*;

    #[test]
    fn atlassian_tokens_end_in_an_upper_hex_crc32() {
        let token = "ATBBdxwK9kLWBsZFwJgO52MhEBDYA64C7857";
        assert!(crc32_hex_suffix(token));
        assert!(!crc32_hex_suffix(&token.to_lowercase()), "the check is upper case");
        assert!(!crc32_hex_suffix(&token.replacen("ATBB", "ATBC", 1)));
        assert!(crc32_hex_suffix("ATATT3xFfGF0UTqr8aFvnKbnHFbDfj3u_ypO09RnKw1zW9-ohP46PbmT1TOkzfR1wKbPXTXx8TTx4XUMGmTtfc6y_xI25MTL3xzfMg5lJYj_loHI3Yhc1OxT-8QY4-3BMDogiSTRIiP9LJm7R04ZhbGSdGWoZ6axl7KBGgMVGOYn7B3_5SApYXf=04916209"));
        assert!(!crc32_hex_suffix("short"));
    }

    #[test]
    fn gitlab_routable_tokens_carry_length_and_crc() {
        for token in [
            "glpat-YzoxCm86MWIKdTo0ZjJr2Bu4aRKzS7sVfRi4LvI6pBA.01.171uecv5z",
            "glpat-YzoxCm86MWIKdTo0ZjJrkfqHjp3i5KX_eXbu5guerxA.170r0vklh",
            "glrt-t1_YzoxCm86MWIKdTo0ZjJrQEmQZ-QH7NNxofPA766phBA.01.171h00fuz",
        ] {
            assert!(gitlab_token(token), "{token}");
            let mut wrong = token.to_string();
            let last = if wrong.ends_with('0') { "1" } else { "0" };
            wrong.replace_range(wrong.len() - 1.., last);
            assert!(!gitlab_token(&wrong), "{wrong}");
        }
        assert!(gitlab_token("glpat-9oiVeZWJ9QyucS19AvMp"), "the legacy form has no check");
        assert!(!gitlab_token("glpat-YzoxCm86MWIKdTo0ZjJr2Bu4aRKzS7sVfRi4LvI6pBA.01.zz00000000"));
        assert_eq!(base36(0, 7), "0000000");
        assert_eq!(base36(36 * 36 - 1, 2), "zz");
    }

    #[test]
    fn github_installation_tokens_classic_and_stateless() {
        assert!(github_installation_token("ghs_qxryo1nIj7BRd03Q2ybv097SHzxgQA25M1VZ"));
        assert!(!github_installation_token(
            &"ghs_qxryo1nIj7BRd03Q2ybv097SHzxgQA25M1VZ".replace("ghs_q", "ghs_r")
        ));
        assert!(github_installation_token("ghs_913842_eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJnaXRodWIiLCJhdWQiOiJpbnN0YWxsYXRpb24iLCJpaWQiOjQ4MTUxNjIzLCJhcHAiOjkxMzg0MiwiZXhwIjoxNzY3MjI1NjAwfQ.4akeO1wflKZqBasIeX-4vtoXSiaBhgXoh0UseqCy4O_AGCeTcVD80l9ekR0a5KskwL7UMpMBuGJVb6VL0CaxotmNKBXT85iYfdRTLZubcVjexL5i2OwNfgM2ukShsHno2gsfN-BeDhCOG9aRZwDlkV5dgsIVVDIDq0ySNaf-vbCBv29HyLNQiQX3oswjfM3dh5SRVe_37LelngU9JAFWA9YEms5bipguVA8-5xgmtER28qNIJv2WNc_krPom_vO5_TDtA7Nn7JyvsaNPVe3mYeOzxVd49UVYlwRpTxXqE_UKPnGCYATK9i2Yr-I_alpsPdyDvGHUpiBcokM7roBEbA"));
        assert!(!github_installation_token("ghs_913842_abc.def.ghi"), "not a JWT");
        assert!(
            !github_installation_token("ghs_app_eyJhbGciOiJIUzI1NiJ9.eyJhIjoxfQ.c2ln"),
            "app id is numeric"
        );
    }

    #[test]
    fn bedrock_keys_decode_to_their_structure() {
        assert!(aws_bedrock_api_key("ABSKQmVkcm9ja0FQSUtleS1qZGVsLWF0LTU0NzMyMjYzMDA5NDpUelY0bFV6bmhTNUhtYjhmOVlHU0U2bFBXZDRzR0lXNnJQakF1N1Nrb2ttUg=="));
        // ABSK + base64("BedrockAPIKey-") only: no account, no secret.
        assert!(!aws_bedrock_api_key("ABSKQmVkcm9ja0FQSUtleS0="));
        assert!(!aws_bedrock_api_key("ABSKbm90IGEga2V5IGF0IGFsbA=="));
        assert!(aws_bedrock_short_term_key("bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29tLz9BY3Rpb249Q2FsbFdpdGhCZWFyZXJUb2tlbiZYLUFtei1BbGdvcml0aG09QVdTNC1ITUFDLVNIQTI1NiZYLUFtei1DcmVkZW50aWFsPUFTSUFESEVUUkVPTlRDQkJWRklWJTJGMjAyNTA2MTElMkZ1cy1lYXN0LTElMkZiZWRyb2NrJTJGYXdzNF9yZXF1ZXN0JlgtQW16LURhdGU9MjAyNTA2MTFUMTIwMDAwWiZYLUFtei1FeHBpcmVzPTQzMjAwJlgtQW16LVNlY3VyaXR5LVRva2VuPW5HTThLbGNqendPNXhwUnRmcTJZT1l1emkwTUJYVXF3WFIzNjZsNGImWC1BbXotU2lnbmVkSGVhZGVycz1ob3N0JlgtQW16LVNpZ25hdHVyZT01ZmYzYTVjMjQxZjdlMTlkOThlNjUyNDYzYjlhZjZkYjY2ZjIxMWZlZDIxYzVlMTllMWFmYzBmMTA2ZDA5MDY3JlZlcnNpb249MQ=="));
        // base64("bedrock.amazonaws.com/") alone is not a presigned URL.
        assert!(!aws_bedrock_short_term_key("bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29tLw=="));
    }

    #[test]
    fn sas_signatures_are_32_bytes() {
        assert!(azure_sas_signature("5KKcC%2FP%2F43Q%2BDcx1R92YmbX13%2BvYMlkzFQBz2UqfLfM%3D"));
        assert!(azure_sas_signature(
            &"5KKcC%2FP%2F43Q%2BDcx1R92YmbX13%2BvYMlkzFQBz2UqfLfM%3D".replace("%2F", "/").replace("%3D", "=")
        ));
        assert!(!azure_sas_signature("c2lnbmF0dXJl"), "6 bytes");
        assert!(!azure_sas_signature("abc%zz"));
    }
}

/// The base64 lines of an armored block (PEM, OpenPGP, PuTTY) as a rule
/// matched it. Line breaks may be real, escaped (`\n` in JSON, HCL or YAML
/// strings, possibly escaped twice) or string concatenations in code
/// (`"...\n" +` then `"..."`): quotes and what lies between a closing and the
/// next opening quote, backslash escapes, whitespace and other punctuation all
/// separate lines.
pub fn armor_lines(text: &str) -> Vec<String> {
    let is_base64 = |c: char| c.is_ascii_alphanumeric() || c == '+' || c == '/' || c == '=';
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if is_base64(c) {
            line.push(c);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        match c {
            '"' | '\'' | '`' => {
                // `" + "` between two lines of a concatenated string.
                while chars.next_if(|&n| !matches!(n, '"' | '\'' | '`')).is_some() {}
                chars.next();
            }
            '\\' => {
                while chars.next_if_eq(&'\\').is_some() {}
                chars.next_if(|&n| matches!(n, 'n' | 'r' | 't'));
            }
            _ => {}
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The bytes the base64 lines of an armored block decode to.
pub fn armor_decode(text: &str) -> Option<Vec<u8>> {
    decode_base64(&armor_lines(text).concat())
}

/// The content of a DER SEQUENCE that spans exactly `bytes`.
pub fn der_sequence(bytes: &[u8]) -> Option<&[u8]> {
    let (&tag, rest) = bytes.split_first()?;
    let (&first, rest) = rest.split_first()?;
    if tag != 0x30 {
        return None;
    }
    let (len, content) = match first {
        0..=0x7f => (usize::from(first), rest),
        0x81..=0x83 => {
            let n = usize::from(first - 0x80);
            let (len, content) = (rest.get(..n)?, rest.get(n..)?);
            (len.iter().fold(0usize, |acc, &b| acc << 8 | usize::from(b)), content)
        }
        _ => return None,
    };
    (content.len() == len).then_some(content)
}

/// An unencrypted private key in DER under PEM armor (PKCS#1 RSA, SEC 1 EC,
/// DSA, PKCS#8): a SEQUENCE spanning the whole body whose first member is the
/// INTEGER version, 0 or 1. Truncated or made-up bodies fail.
pub fn der_private_key(text: &str) -> bool {
    armor_decode(text)
        .as_deref()
        .and_then(der_sequence)
        .is_some_and(|content| matches!(content, [0x02, 0x01, 0 | 1, ..]))
}

/// OpenPGP's CRC-24 (RFC 4880, section 6.1): the checksum line of ASCII armor.
pub fn crc24(bytes: &[u8]) -> u32 {
    let mut crc: u32 = 0x00B7_04CE;
    for &b in bytes {
        crc ^= u32::from(b) << 16;
        for _ in 0..8 {
            crc <<= 1;
            if crc & 0x0100_0000 != 0 {
                crc ^= 0x0186_4CFB;
            }
        }
    }
    crc & 0x00FF_FFFF
}

#[cfg(test)]
mod armor_tests {
    use super::*;

    const EC_BODY: &str = "MHcCAQEEILLhEyVueIh0j1VKeX/prVUb+jmOpugn+w6WB1frK84RoAoGCCqGSM49\n\
                           AwEHoUQDQgAEIWb5/DIR/rrwfJlhPL1CoJZ4BobXmc18H6WNJgq6cKq8Z5WsK7bF\n\
                           cN9tDUaMYqwxiOXm60BiU76rhIznrB5tzw==";

    #[test]
    fn armor_lines_survive_escapes_indentation_and_concatenation() {
        let expected = ["MIIB", "AgEA+/x=", "Zz"];
        for text in [
            "MIIB\nAgEA+/x=\nZz",
            "MIIB\r\n    AgEA+/x=\r\n    Zz",
            r"MIIB\nAgEA+/x=\nZz",
            r"MIIB\\nAgEA+/x=\\nZz",
            "MIIB\\n\" +\n    \"AgEA+/x=\\n\"\n    \"Zz",
            "MIIB AgEA+/x= Zz",
        ] {
            assert_eq!(armor_lines(text), expected, "{text:?}");
        }
        // `n` after a backslash is the escape, not base64.
        assert_eq!(armor_lines(r"ab\nnc"), ["ab", "nc"]);
    }

    #[test]
    fn der_private_keys_must_be_whole_sequences_with_a_version() {
        assert!(der_private_key(EC_BODY));
        assert!(der_private_key(&EC_BODY.replace('\n', r"\n")));
        // PKCS#8 Ed25519, short-form length.
        assert!(der_private_key("MC4CAQAwBQYDK2VwBCIEIO1vh3S9g0RU3fyL/qQ7EsvkrwCIu6sWxYjil3vXTEqH"));
        assert!(!der_private_key(&EC_BODY[..EC_BODY.len() - 8]), "truncated");
        assert!(!der_private_key("MIIEowIBAAKCAQEAx"), "declared length beyond the data");
        assert!(!der_private_key(&"QUFB".repeat(30)), "not DER");
        // An encrypted PKCS#8 body starts with a SEQUENCE, not a version.
        let encrypted = "MIGbMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAh5mqaBbxOwGwICCAAwDAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEAmcScyAGK87roM7foPmHDAEQDu0AEKsQ7VZ25g3kK3dosTC6LYXGdCu35u/ft+Dt5Tu4VR0GV7YrjIWkflEbXsfIAazc67PKI8NDqL2iU/1ZGU=";
        assert!(armor_decode(encrypted).as_deref().and_then(der_sequence).is_some());
        assert!(!der_private_key(encrypted));
        assert_eq!(der_sequence(&[0x30, 0x81, 0x02, 1, 2]), Some(&[1u8, 2][..]));
        assert_eq!(der_sequence(&[0x30, 0x03, 1, 2]), None);
    }

    #[test]
    fn crc24_matches_openpgp() {
        assert_eq!(crc24(b""), 0xB704CE);
        // gpg's armor of a one-packet block: `=rLuW`.
        let packet = decode_base64("lFgEawj80RYJKwYBBAHaRw8BAQdAHHOIxkBrFLoneY6qhGwoFZiDFLXxdvOVyDyE4ElNv3IAAP4vj7g+H3QSBztMaNwxVimB8quVTvv+fReKcF8L6TRyuw8V").unwrap();
        assert_eq!(crc24(&packet).to_be_bytes()[1..], decode_base64("rLuW").unwrap()[..]);
    }
}

/// 1Password service account tokens: `ops_` then base64 of a JSON object with
/// the account's sign-in address, the service account's e-mail and its
/// secret key.
pub fn onepassword_service_account_token(token: &str) -> bool {
    token
        .strip_prefix("ops_")
        .is_some_and(|payload| base64_json_with(payload, &["signInAddress", "email", "secretKey"]))
}

#[cfg(test)]
mod onepassword_tests {
    use super::*;

    #[test]
    fn service_account_tokens_carry_their_account() {
        assert!(onepassword_service_account_token("ops_eyJzaWduSW5BZGRyZXNzIjoiYWNtZS1jb3JwLjFwYXNzd29yZC5jb20iLCJ1c2VyQXV0aCI6eyJtZXRob2QiOiJTUlBnLTQwOTYiLCJhbGciOiJQQkVTMmctSFMyNTYiLCJpdGVyYXRpb25zIjo2NTAwMDAsInNhbHQiOiI4NFpTMFhNZ05xdnpOQnkyNjVWancwIn0sImVtYWlsIjoid3A0N3ljdGUxOWtsaEAxcGFzc3dvcmRzZXJ2aWNlYWNjb3VudHMuY29tIiwic3JwWCI6IjdmMmYyNmZmMjljMTAyNmJlNTVhYzk2NDEzMWI1MjUwZjA2N2I3NGM2OGJkMWVlMjc1MThlNGJkNmUxZTQ2NWEiLCJtdWsiOnsiYWxnIjoiQTI1NkdDTSIsImV4dCI6dHJ1ZSwiayI6IkZKaU43VVpwanhWMktLcmduZkhDemJ0NUc3X2VTZWlPSmNULUhIcW9kRXYiLCJrZXlfb3BzIjpbImVuY3J5cHQiLCJkZWNyeXB0Il0sImt0eSI6Im9jdCIsImtpZCI6Im1wIn0sInNlY3JldEtleSI6IkEzLVhQODBDNS1YTUhZQlUwR1NUTC1XMU1ZUy1ONDEyRC1QU1A4VSIsImRldmljZVV1aWQiOiJ4YXA0ZnhncmtjZGYyczhqMWVqYWRlYWtuNyJ9"));
        // ops_ + base64 of {"signInAddress":"acme.1password.com"}: no e-mail, no secret key.
        assert!(!onepassword_service_account_token(
            "ops_eyJzaWduSW5BZGRyZXNzIjoiYWNtZS4xcGFzc3dvcmQuY29tIn0"
        ));
        assert!(!onepassword_service_account_token("ops_eyJub3QiOiJqc29u"), "truncated");
    }
}
