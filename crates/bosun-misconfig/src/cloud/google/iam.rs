//! IAM grants as checks see them: the `google_*_iam_member` (one `member`) and
//! `google_*_iam_binding` (a `members` list) resources of every scope, and
//! user-managed service account keys.

use crate::cloud::{Attr, Deployment, Resource};

/// Grants on a project.
pub const PROJECT: &[&str] = &["google_project_iam_member", "google_project_iam_binding"];
/// Grants on a folder.
pub const FOLDER: &[&str] = &["google_folder_iam_member", "google_folder_iam_binding"];
/// Grants on an organization.
pub const ORGANIZATION: &[&str] = &["google_organization_iam_member", "google_organization_iam_binding"];
/// Grants at the levels of the resource hierarchy (project, folder, organization).
pub const HIERARCHY: &[&str] = &[
    "google_project_iam_member",
    "google_project_iam_binding",
    "google_folder_iam_member",
    "google_folder_iam_binding",
    "google_organization_iam_member",
    "google_organization_iam_binding",
];

/// One grant of a role to one or more members.
pub struct Grant<'a> {
    pub resource: &'a Resource,
    pub role: Option<&'a Attr>,
    /// Each member value (`user:a@example.com`, `allUsers`, ...), from `member` or `members`.
    pub members: Vec<&'a Attr>,
}

impl<'a> Grant<'a> {
    /// The role when it is a known string (`roles/owner`).
    pub fn role(&self) -> Option<&'a str> {
        self.role.and_then(Attr::as_str)
    }

    /// The members whose known value satisfies `wanted`.
    pub fn members_where(&self, wanted: impl Fn(&str) -> bool) -> Vec<&'a Attr> {
        self.members.iter().copied().filter(|m| m.as_str().is_some_and(&wanted)).collect()
    }

    /// The level of the hierarchy this grant applies to, for messages.
    pub fn scope(&self) -> &'static str {
        let kind = self.resource.kind.as_str();
        if PROJECT.contains(&kind) {
            "project"
        } else if FOLDER.contains(&kind) {
            "folder"
        } else if ORGANIZATION.contains(&kind) {
            "organization"
        } else {
            "resource"
        }
    }
}

/// Whether a resource type is an IAM member or binding resource.
pub fn is_grant_kind(kind: &str) -> bool {
    kind.starts_with("google_") && (kind.ends_with("_iam_member") || kind.ends_with("_iam_binding"))
}

/// The grants of the given resource types.
pub fn grants<'a>(deployment: &'a Deployment, kinds: &[&str]) -> Vec<Grant<'a>> {
    deployment.resources.iter().filter(|r| kinds.contains(&r.kind.as_str())).map(grant).collect()
}

/// Every IAM member and binding resource of the deployment, of any service.
pub fn all_grants(deployment: &Deployment) -> Vec<Grant<'_>> {
    deployment.resources.iter().filter(|r| is_grant_kind(&r.kind)).map(grant).collect()
}

fn grant(resource: &Resource) -> Grant<'_> {
    let mut members: Vec<&Attr> = Vec::new();
    if let Some(member) = resource.get("member") {
        members.push(member);
    }
    if let Some(list) = resource.get("members") {
        members.extend(list.items());
    }
    Grant { resource, role: resource.get("role"), members }
}

/// `allUsers` (anyone on the internet) or `allAuthenticatedUsers` (any Google account).
pub fn is_public_member(member: &str) -> bool {
    let member = member.trim();
    member.eq_ignore_ascii_case("allUsers") || member.eq_ignore_ascii_case("allAuthenticatedUsers")
}

/// A member or email naming a default service account: Compute Engine's
/// (`<number>-compute@developer.gserviceaccount.com`) or App Engine's (`<project>@appspot.gserviceaccount.com`).
pub fn is_default_service_account(member: &str) -> bool {
    let email = member.trim();
    let email = email.strip_prefix("serviceAccount:").unwrap_or(email).to_ascii_lowercase();
    email.ends_with("-compute@developer.gserviceaccount.com")
        || email.ends_with("@appspot.gserviceaccount.com")
}

/// A member that is a service account (`serviceAccount:...`).
pub fn is_service_account(member: &str) -> bool {
    member.trim().starts_with("serviceAccount:")
}

/// A member that is one person's account (`user:...`).
pub fn is_user(member: &str) -> bool {
    member.trim().starts_with("user:")
}

/// Roles that give control over the whole project: the basic owner and editor roles.
pub fn is_basic_role(role: &str) -> bool {
    matches!(role, "roles/owner" | "roles/editor")
}

/// Roles that let a member act as any service account of the scope.
pub fn is_impersonation_role(role: &str) -> bool {
    matches!(role, "roles/iam.serviceAccountUser" | "roles/iam.serviceAccountTokenCreator")
}

/// User-managed service account keys (`google_service_account_key`).
pub fn service_account_keys(deployment: &Deployment) -> impl Iterator<Item = &Resource> + '_ {
    deployment.of_kind("google_service_account_key")
}
