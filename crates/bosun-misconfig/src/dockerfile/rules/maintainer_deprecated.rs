use crate::dockerfile::DockerfileView;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};
use bosun_syntax::dockerfile::Keyword;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DF022",
        name: "maintainer-deprecated",
        title: "MAINTAINER is deprecated",
        severity: Severity::Info,
        domain: Domain::Dockerfile,
        checklist: &["img.lint"],
        aliases: &["DL4000", "DS-0022", "CKV_DOCKER_6"],
        rationale: "MAINTAINER has been deprecated since Docker 1.13. It sets a field few tools read, while \
                    labels are what registries, scanners and `docker inspect` filters use. The OCI label \
                    `org.opencontainers.image.authors` carries the same information in the standard place.",
        remediation: "Replace it with `LABEL org.opencontainers.image.authors=\"team@example.com\"`.",
        bad_example: "FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>\n",
        good_example: "FROM alpine:3.20\nLABEL org.opencontainers.image.authors=\"jane@example.com\"\n",
    },
    check: Check::Dockerfile(check),
};

fn check(view: &DockerfileView, hits: &mut Hits) {
    for maintainer in view.all(Keyword::Maintainer) {
        hits.push(
            maintainer.span,
            format!("MAINTAINER {} is deprecated; use a LABEL", maintainer.text.trim()),
        );
    }
}
