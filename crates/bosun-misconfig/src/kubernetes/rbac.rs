//! RBAC views: the rules of a Role/ClusterRole and the subjects and role of a
//! RoleBinding/ClusterRoleBinding, read the way the API server's authorizer does.

use super::K8sObject;
use bosun_syntax::yaml::Node;
use bosun_syntax::Span;

/// One entry of a Role's or ClusterRole's `rules`.
pub struct PolicyRule<'a> {
    pub node: &'a Node,
}

/// A string item of one of a rule's lists, with where it is written.
pub struct Item<'a> {
    pub value: String,
    pub node: &'a Node,
}

impl<'a> PolicyRule<'a> {
    /// The rules of a Role or ClusterRole; nothing for other kinds. Roles named
    /// `system:...` are skipped: that prefix is reserved for the roles Kubernetes
    /// itself ships, which show up in scans of dumped cluster state.
    pub fn of(object: &'a K8sObject) -> Vec<PolicyRule<'a>> {
        if !matches!(object.kind.as_str(), "Role" | "ClusterRole") || object.name.starts_with("system:") {
            return Vec::new();
        }
        object
            .root
            .get("rules")
            .map(|r| r.as_seq())
            .unwrap_or_default()
            .iter()
            .map(|node| PolicyRule { node })
            .collect()
    }

    /// The string items of one of the rule's lists: `apiGroups`, `resources`, `verbs`.
    pub fn items(&self, key: &str) -> Vec<Item<'a>> {
        let list = self.node.get(key).map(|n| n.as_seq()).unwrap_or_default();
        list.iter().filter_map(|node| Some(Item { value: node.scalar_text()?, node })).collect()
    }

    /// The items of one list that are exactly among `values` (`"*"` only matches `"*"`).
    pub fn listed(&self, key: &str, values: &[&str]) -> Vec<Item<'a>> {
        self.items(key).into_iter().filter(|i| values.contains(&i.value.as_str())).collect()
    }

    /// A rule limited to named objects (`resourceNames`) is the least-privilege
    /// form of a grant, not a broad one.
    pub fn is_limited_to_names(&self) -> bool {
        self.node.get("resourceNames").is_some_and(|n| !n.as_seq().is_empty())
    }

    /// Does the rule cover this API group (`""` is the core group)?
    pub fn covers_group(&self, group: &str) -> bool {
        !self.listed("apiGroups", &["*", group]).is_empty()
    }

    /// Where the rule starts, for findings about the rule as a whole.
    pub fn span(&self) -> Span {
        Span::line(self.node.span.start_line)
    }
}

/// A RoleBinding or ClusterRoleBinding.
pub struct Binding<'a> {
    /// `roleRef.kind`: `Role` or `ClusterRole`.
    pub role_kind: String,
    pub role_name: String,
    pub role_name_node: &'a Node,
    pub subjects: Vec<Subject<'a>>,
}

pub struct Subject<'a> {
    /// `User`, `Group` or `ServiceAccount`.
    pub kind: String,
    pub name: String,
    pub namespace: Option<String>,
    pub node: &'a Node,
}

impl<'a> Binding<'a> {
    pub fn of(object: &'a K8sObject) -> Option<Binding<'a>> {
        if !matches!(object.kind.as_str(), "RoleBinding" | "ClusterRoleBinding") {
            return None;
        }
        let role_ref = object.root.get("roleRef")?;
        let role_name_node = role_ref.get("name")?;
        let text = |node: &Node, key: &str| node.get(key).and_then(|v| v.scalar_text());
        let subjects = object.root.get("subjects").map(|s| s.as_seq()).unwrap_or_default();
        let subjects = subjects
            .iter()
            .filter_map(|node| {
                Some(Subject {
                    kind: text(node, "kind")?,
                    name: text(node, "name")?,
                    namespace: text(node, "namespace"),
                    node,
                })
            })
            .collect();
        Some(Binding {
            role_kind: text(role_ref, "kind").unwrap_or_default(),
            role_name: role_name_node.scalar_text()?,
            role_name_node,
            subjects,
        })
    }

    /// `ClusterRole "cluster-admin"`, for messages.
    pub fn role_label(&self) -> String {
        format!("{} \"{}\"", self.role_kind, self.role_name)
    }
}

impl Subject<'_> {
    /// Where the subject's name is written.
    pub fn span(&self) -> Span {
        self.node.get("name").map_or(Span::line(self.node.span.start_line), |n| n.span)
    }

    /// Identities of Kubernetes' own components (`system:masters`,
    /// `system:kube-scheduler`, ...). The `system:` groups that stand for whole
    /// populations (every user, every service account, anonymous callers) are
    /// not among them.
    pub fn is_system(&self) -> bool {
        let population = matches!(
            self.name.as_str(),
            "system:authenticated" | "system:unauthenticated" | "system:anonymous" | "system:serviceaccounts"
        ) || self.name.starts_with("system:serviceaccounts:");
        matches!(self.kind.as_str(), "User" | "Group") && self.name.starts_with("system:") && !population
    }

    /// `ServiceAccount "ns/name"`, `Group "name"`, for messages. A service
    /// account without a namespace is in the binding's own namespace.
    pub fn label(&self, binding_namespace: &str) -> String {
        match self.kind.as_str() {
            "ServiceAccount" => {
                let namespace = self.namespace.as_deref().unwrap_or(binding_namespace);
                format!("ServiceAccount \"{namespace}/{}\"", self.name)
            }
            kind => format!("{kind} \"{}\"", self.name),
        }
    }
}
