use crate::cloud::google::{bigquery, iam};
use crate::cloud::{CloudCheck, Deployment};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "GCL095",
        name: "bigquery-dataset-public",
        title: "BigQuery dataset is readable by anyone",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Google),
        checklist: &["env.misconfig", "env.iac-terraform", "env.least-access"],
        aliases: &["AVD-GCP-0046", "google-bigquery-no-public-access", "CKV_GCP_15"],
        rationale: "An access entry or IAM grant for `allUsers` or `allAuthenticatedUsers` opens every table of the dataset to anyone on the internet or any Google account.",
        remediation: "Remove `special_group = \"allAuthenticatedUsers\"`/`iam_member = \"allUsers\"` access entries and public dataset IAM grants.",
        bad_example: r#"resource "google_bigquery_dataset" "sales" {
  dataset_id = "sales"
  location   = "EU"

  access {
    role          = "READER"
    special_group = "allAuthenticatedUsers"
  }
}
"#,
        good_example: r#"resource "google_bigquery_dataset" "sales" {
  dataset_id = "sales"
  location   = "EU"

  access {
    role           = "READER"
    group_by_email = "analysts@example.com"
  }
}
"#,
    },
    check: Check::Cloud(CloudCheck { check, cloudformation: None }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for access in bigquery::access_entries(deployment) {
        if let Some(member) = access.public_member() {
            let who = member.as_str().unwrap_or_default();
            deployment.report(
                hits,
                access.resource,
                Some(member),
                format!("an access entry opens the dataset to {who}"),
            );
        }
    }
    for grant in bigquery::dataset_grants(deployment) {
        let role = grant.role().unwrap_or("a role");
        for member in grant.members_where(iam::is_public_member) {
            let who = member.as_str().unwrap_or_default();
            deployment.report(
                hits,
                grant.resource,
                Some(member),
                format!("{role} on the dataset is granted to {who}"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::registry::run_on_example;

    #[test]
    fn dataset_iam_and_split_access_resources_count() {
        let text = "resource \"google_bigquery_dataset_iam_member\" \"m\" {\n  dataset_id = \"d\"\n  role = \"roles/bigquery.dataViewer\"\n  member = \"allUsers\"\n}\n\nresource \"google_bigquery_dataset_access\" \"a\" {\n  dataset_id = \"d\"\n  role = \"READER\"\n  iam_member = \"allUsers\"\n}\n";
        assert_eq!(run_on_example(&RULE, text).len(), 2);
    }
}
