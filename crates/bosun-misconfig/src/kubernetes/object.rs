use bosun_syntax::yaml::Node;
use bosun_syntax::Span;
use std::sync::Arc;

/// `bosun.dev/ignore: "ID[,ID] reason"` on an object or its pod template.
pub const ANNOTATION_IGNORE: &str = "bosun.dev/ignore";

/// Kinds that live outside namespaces, so their resource ids carry no namespace.
const CLUSTER_SCOPED: &[&str] = &[
    "ClusterRole",
    "ClusterRoleBinding",
    "Namespace",
    "Node",
    "PersistentVolume",
    "StorageClass",
    "CustomResourceDefinition",
    "PodSecurityPolicy",
    "ValidatingWebhookConfiguration",
    "MutatingWebhookConfiguration",
    "PriorityClass",
    "RuntimeClass",
    "APIService",
    "CSIDriver",
    "IngressClass",
];

/// One Kubernetes object, as written, with where it came from.
#[derive(Debug, Clone)]
pub struct K8sObject {
    pub path: String,
    pub api_version: String,
    pub kind: String,
    pub name: String,
    /// As written; `None` means the namespace kubectl applies it to.
    pub namespace: Option<String>,
    /// No namespace is written, but a kustomization beside the file sets one at build time.
    pub namespace_from_kustomize: bool,
    pub root: Node,
    /// The whole file's text, shared by its documents, for quoting lines.
    pub text: Arc<str>,
}

impl K8sObject {
    /// Reads an object from a document if it has `apiVersion` and `kind`.
    /// `List` documents are unpacked into their items.
    pub fn from_document(path: &str, root: Node, text: &Arc<str>, out: &mut Vec<K8sObject>) {
        let kind = root.get("kind").and_then(|k| k.scalar_text());
        let api_version = root.get("apiVersion").and_then(|k| k.scalar_text());
        let (Some(kind), Some(api_version)) = (kind, api_version) else { return };
        if kind == "List" || kind.ends_with("List") && root.get("items").is_some() {
            for item in root.get("items").map(|i| i.as_seq()).unwrap_or_default() {
                K8sObject::from_document(path, item.clone(), text, out);
            }
            return;
        }
        let metadata = root.get("metadata");
        let field = |key: &str| metadata.and_then(|m| m.get(key)).and_then(|v| v.scalar_text());
        let name = field("name").or_else(|| field("generateName")).unwrap_or_default();
        let namespace = field("namespace");
        out.push(K8sObject {
            path: path.to_string(),
            api_version,
            kind,
            name,
            namespace,
            namespace_from_kustomize: false,
            root,
            text: text.clone(),
        });
    }

    pub fn is_cluster_scoped(&self) -> bool {
        CLUSTER_SCOPED.contains(&self.kind.as_str())
    }

    /// The namespace the object lands in when applied (`default` when unset).
    pub fn effective_namespace(&self) -> &str {
        self.namespace.as_deref().unwrap_or("default")
    }

    /// `Kind/namespace/name`, or `Kind/name` for cluster-scoped kinds.
    pub fn resource_id(&self) -> String {
        if self.is_cluster_scoped() {
            format!("{}/{}", self.kind, self.name)
        } else {
            format!("{}/{}/{}", self.kind, self.effective_namespace(), self.name)
        }
    }

    pub fn span(&self) -> Span {
        self.root.span
    }

    /// Where the object's kind is written: a good line for findings about the object as a whole.
    pub fn kind_span(&self) -> Span {
        self.root.key_node("kind").map_or(self.root.span, |k| k.span)
    }

    pub fn metadata(&self) -> Option<&Node> {
        self.root.get("metadata")
    }

    pub fn spec(&self) -> Option<&Node> {
        self.root.get("spec")
    }

    pub fn annotation(&self, key: &str) -> Option<&Node> {
        self.root.path(&["metadata", "annotations", key])
    }

    pub fn label(&self, key: &str) -> Option<String> {
        self.root.path(&["metadata", "labels", key]).and_then(|v| v.scalar_text())
    }
}
