use super::str_at;
use std::collections::BTreeMap;

/// The object under review and what Gatekeeper knows about the request, i.e. what a
/// template sees as `input.review`.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    pub group: String,
    pub version: String,
    pub kind: String,
    pub name: String,
    /// Empty for cluster-scoped objects.
    pub namespace: String,
    /// `CREATE`, `UPDATE`, `DELETE` or `CONNECT`.
    pub operation: String,
    /// The object (for DELETE, the old object, as Gatekeeper does).
    pub object: serde_json::Value,
    pub old_object: Option<serde_json::Value>,
    /// Labels of the object's namespace, when the caller knows them; needed only by
    /// Constraints with `namespaceSelector`.
    pub namespace_labels: Option<BTreeMap<String, String>>,
    /// The AdmissionRequest exactly as the API server sent it, passed through as
    /// `input.review` so templates can read `userInfo`, `dryRun`, `uid`, ...
    pub request: Option<serde_json::Value>,
}

impl Review {
    /// A file's object as a CREATE request, which is how `gator` and Gatekeeper's
    /// audit present objects that are not part of a live request.
    pub fn from_object(object: &serde_json::Value) -> Review {
        let api_version = str_at(object, &["apiVersion"]).unwrap_or("");
        let (group, version) = match api_version.split_once('/') {
            Some((group, version)) => (group, version),
            None => ("", api_version),
        };
        Review {
            group: group.to_string(),
            version: version.to_string(),
            kind: str_at(object, &["kind"]).unwrap_or("").to_string(),
            name: str_at(object, &["metadata", "name"]).unwrap_or("").to_string(),
            namespace: str_at(object, &["metadata", "namespace"]).unwrap_or("").to_string(),
            operation: "CREATE".to_string(),
            object: object.clone(),
            old_object: None,
            namespace_labels: None,
            request: None,
        }
    }

    /// Reads `request` of an `admission.k8s.io/v1` AdmissionReview.
    pub fn from_admission_request(request: &serde_json::Value) -> Result<Review, String> {
        let kind = request.get("kind").ok_or("request has no kind")?;
        let field = |keys: &[&str]| str_at(request, keys).unwrap_or("").to_string();
        let operation = str_at(request, &["operation"]).ok_or("request has no operation")?.to_string();
        let old_object = request.get("oldObject").filter(|o| !o.is_null()).cloned();
        let object = match request.get("object").filter(|o| !o.is_null()) {
            Some(object) => object.clone(),
            None => old_object.clone().unwrap_or(serde_json::Value::Null),
        };
        let mut request = request.clone();
        if operation == "DELETE" {
            // Gatekeeper reviews the old object on DELETE; templates read review.object.
            request["object"] = object.clone();
        }
        Ok(Review {
            group: str_at(kind, &["group"]).unwrap_or("").to_string(),
            version: str_at(kind, &["version"]).unwrap_or("").to_string(),
            kind: str_at(kind, &["kind"]).ok_or("request kind has no kind")?.to_string(),
            name: field(&["name"]),
            namespace: field(&["namespace"]),
            operation,
            object,
            old_object,
            namespace_labels: None,
            request: Some(request),
        })
    }

    /// `input.review` as JSON.
    pub(crate) fn to_input(&self) -> serde_json::Value {
        if let Some(request) = &self.request {
            return request.clone();
        }
        let mut review = serde_json::json!({
            "kind": {"group": self.group, "version": self.version, "kind": self.kind},
            "name": self.name,
            "operation": self.operation,
            "object": self.object,
        });
        if !self.namespace.is_empty() {
            review["namespace"] = self.namespace.clone().into();
        }
        if let Some(old) = &self.old_object {
            review["oldObject"] = old.clone();
        }
        review
    }

    /// The labels on the object (`metadata.labels`), strings only.
    pub(crate) fn labels(&self) -> BTreeMap<&str, &str> {
        self.object
            .pointer("/metadata/labels")
            .and_then(|l| l.as_object())
            .map(|m| m.iter().filter_map(|(k, v)| Some((k.as_str(), v.as_str()?))).collect())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn splits_api_version_into_group_and_version() {
        let apps = Review::from_object(&json!({"apiVersion": "apps/v1", "kind": "Deployment",
                                                "metadata": {"name": "web", "namespace": "prod"}}));
        assert_eq!(
            (apps.group.as_str(), apps.version.as_str(), apps.kind.as_str()),
            ("apps", "v1", "Deployment")
        );
        assert_eq!(apps.namespace, "prod");
        let core =
            Review::from_object(&json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}}));
        assert_eq!((core.group.as_str(), core.version.as_str()), ("", "v1"));
        assert_eq!(core.to_input()["kind"], json!({"group": "", "version": "v1", "kind": "Pod"}));
        assert!(core.to_input().get("namespace").is_none());
    }

    #[test]
    fn delete_reviews_the_old_object() {
        let request = json!({"uid": "1", "kind": {"group": "", "version": "v1", "kind": "Pod"},
            "operation": "DELETE", "name": "p", "namespace": "ns", "object": null,
            "oldObject": {"metadata": {"name": "p", "labels": {"app": "x"}}}});
        let review = Review::from_admission_request(&request).unwrap();
        assert_eq!(review.labels().get("app"), Some(&"x"));
        assert_eq!(review.to_input()["object"]["metadata"]["name"], "p");
        assert_eq!(review.to_input()["uid"], "1");
    }
}
