mod common;

fn render() -> String {
    bosun_report::junit::render(&common::report())
}

/// A deliberately small well-formedness check (no XML parser among the
/// dependencies): tags nest and close, attribute values are quoted and hold no
/// markup, `&` only starts a known reference, and no character XML 1.0 forbids
/// appears anywhere.
fn check_well_formed(xml: &str) -> Result<(), String> {
    let body =
        xml.strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n").ok_or("no XML declaration")?;
    if body.chars().any(|c| matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}')) {
        return Err("forbidden control character".into());
    }
    let mut open: Vec<&str> = Vec::new();
    let mut rest = body;
    while let Some(start) = rest.find('<') {
        check_text(&rest[..start])?;
        let end = rest[start..].find('>').ok_or("unclosed tag")? + start;
        let tag = &rest[start + 1..end];
        if let Some(name) = tag.strip_prefix('/') {
            if open.pop() != Some(name) {
                return Err(format!("</{name}> closes another element"));
            }
        } else {
            let name = tag.split([' ', '/']).next().unwrap_or_default();
            check_attributes(tag[name.len()..].trim_end_matches('/'))?;
            if !tag.ends_with('/') {
                open.push(name);
            }
        }
        rest = &rest[end + 1..];
    }
    check_text(rest)?;
    match open.is_empty() {
        true => Ok(()),
        false => Err(format!("unclosed elements: {open:?}")),
    }
}

fn check_text(text: &str) -> Result<(), String> {
    if text.contains('>') {
        return Err(format!("raw > in {text:?}"));
    }
    let known = ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#9;", "&#10;", "&#13;"];
    for (i, _) in text.match_indices('&') {
        if !known.iter().any(|reference| text[i..].starts_with(reference)) {
            return Err(format!("bare & in {text:?}"));
        }
    }
    Ok(())
}

/// ` name="value" name="value"`, values free of `<` and `"`.
fn check_attributes(mut attributes: &str) -> Result<(), String> {
    while !attributes.trim().is_empty() {
        let (name, after) = attributes.split_once("=\"").ok_or("attribute without a quoted value")?;
        if !name.trim().chars().all(|c| c.is_ascii_alphabetic()) {
            return Err(format!("attribute name {name:?}"));
        }
        let (value, after) = after.split_once('"').ok_or("no closing quote")?;
        if value.contains('<') {
            return Err(format!("raw < in attribute {value:?}"));
        }
        check_text(value)?;
        attributes = after;
    }
    Ok(())
}

#[test]
fn is_well_formed_xml() {
    assert_eq!(check_well_formed(&render()), Ok(()));
}

#[test]
fn the_well_formedness_check_catches_mistakes() {
    for broken in ["<a><b></a></b>", "<a x=\"1<2\"/>", "<a>fish & chips</a>", "<a>\u{1b}</a>", "<a>"] {
        let xml = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{broken}");
        assert!(check_well_formed(&xml).is_err(), "{broken} passed");
    }
}

#[test]
fn escapes_what_a_finding_says() {
    let xml = render();
    assert!(xml.contains("line 3: pod &lt;db&gt; sets hostNetwork: &quot;true&quot; &amp; &apos;shares&apos;\u{FFFD}[0m the node"));
    assert!(xml.contains("<testcase classname=\"bosun.errors\" name=\"broken/bad &lt;1&gt;.yaml\">"));
}

#[test]
fn counts_tests_failures_errors_and_skips() {
    let xml = render();
    // Dockerfile: DF001 (suppressed). Each Kubernetes file: K8S001 and K8S002;
    // db.yaml also BOSUN001. One unreadable file.
    assert!(
        xml.contains("<testsuites name=\"bosun\" tests=\"7\" failures=\"3\" errors=\"1\" skipped=\"2\">"),
        "{xml}"
    );
    assert!(
        xml.contains("<testsuite name=\"Dockerfile\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"1\">")
    );
    assert!(xml
        .contains("<testsuite name=\"k8s/db.yaml\" tests=\"3\" failures=\"2\" errors=\"0\" skipped=\"1\">"));
    assert!(xml.contains(
        "<testsuite name=\"k8s/my app.yaml\" tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\">"
    ));
    assert!(xml
        .contains("<testsuite name=\"bosun.errors\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">"));
    assert!(
        xml.contains("<testcase classname=\"k8s/my app.yaml\" name=\"K8S002 host-network\"/>"),
        "passing case is empty"
    );
    assert!(!xml.contains("CMP001"), "no compose file was scanned");
}

#[test]
fn a_failure_lists_every_finding_with_line_message_and_resource() {
    let xml = render();
    let expected = "<failure message=\"Container runs privileged (1 finding)\" type=\"HIGH\">line 11: container web sets privileged: true [Deployment/default/web]\nFix: Remove `securityContext.privileged: true`.</failure>";
    assert!(xml.contains(expected), "{xml}");
}

#[test]
fn snapshot() {
    insta::assert_snapshot!(render());
}
