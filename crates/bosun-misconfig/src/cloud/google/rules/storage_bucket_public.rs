use crate::cloud::google::storage;
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL001",
        name: "gcs-bucket-public",
        title: "Cloud Storage bucket is readable by anyone",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["AVD-GCP-0001", "google-storage-no-public-access", "CKV_GCP_28"],
        rationale: "Granting a role on a bucket to `allUsers` makes its objects reachable by anyone on the internet without signing in; `allAuthenticatedUsers` is scarcely narrower, since it means any Google account at all. Public buckets are a frequent source of data leaks.",
        remediation: "Grant bucket roles (`google_storage_bucket_iam_member`/`_binding`) to named users, groups or service accounts, never to `allUsers` or `allAuthenticatedUsers`.",
        bad_example: r#"resource "google_storage_bucket_iam_member" "viewer" {
  bucket = "acme-data"
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}
"#,
        good_example: r#"resource "google_storage_bucket_iam_member" "viewer" {
  bucket = "acme-data"
  role   = "roles/storage.objectViewer"
  member = "group:analysts@example.com"
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for grant in storage::bucket_grants(deployment) {
        for member in grant.members_where(crate::cloud::google::iam::is_public_member) {
            let who = member.as_str().unwrap_or_default();
            let role = grant.role().unwrap_or("a role");
            deployment.report(
                hits,
                grant.resource,
                Some(member),
                format!("the bucket grants {role} to {who}"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::registry::run_on_example;

    #[test]
    fn bindings_with_authenticated_users_are_public_too() {
        let text = "resource \"google_storage_bucket_iam_binding\" \"b\" {\n  bucket  = \"x\"\n  role    = \"roles/storage.objectViewer\"\n  members = [\"user:a@example.com\", \"allAuthenticatedUsers\"]\n}\n";
        assert_eq!(run_on_example(&RULE, text).len(), 1);
    }
}
