//! Where an object keeps its pods, found the same way bosun's `Workload` finds
//! it (Pod, CronJob, PodTemplate, and anything with `spec.template.spec.containers`:
//! Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job,
//! and custom resources that follow the convention).

use serde_json::Value;

/// The pod spec of an object and the part whose change rolls out new pods.
pub struct PodTemplate<'a> {
    /// JSON pointer to the pod spec.
    pub spec_pointer: &'static str,
    pub spec: &'a Value,
    /// The template (metadata and spec) of a controller; the spec of a bare Pod.
    pub template: &'a Value,
}

pub fn pod_template(object: &Value) -> Option<PodTemplate<'_>> {
    let kind = object.get("kind").and_then(Value::as_str)?;
    let (template_pointer, spec_pointer) = match kind {
        "Pod" => ("/spec", "/spec"),
        "CronJob" => ("/spec/jobTemplate/spec/template", "/spec/jobTemplate/spec/template/spec"),
        "PodTemplate" => ("/template", "/template/spec"),
        _ => ("/spec/template", "/spec/template/spec"),
    };
    let template = object.pointer(template_pointer)?;
    let spec = object.pointer(spec_pointer)?;
    if kind != "Pod" && kind != "CronJob" && kind != "PodTemplate" && spec.get("containers").is_none() {
        return None;
    }
    spec.is_object().then_some(PodTemplate { spec_pointer, spec, template })
}

/// Container lists of a pod spec, in the order bosun's rules read them.
pub const CONTAINER_LISTS: [&str; 3] = ["initContainers", "containers", "ephemeralContainers"];

/// Every container with its list name and index.
pub fn containers(spec: &Value) -> impl Iterator<Item = (&'static str, usize, &Value)> {
    CONTAINER_LISTS.into_iter().flat_map(move |list| {
        spec.get(list)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
            .map(move |(i, container)| (list, i, container))
    })
}

/// `spec.os.name: windows`: Linux-only security settings do not apply, and the
/// API server rejects them.
pub fn is_windows(spec: &Value) -> bool {
    spec.pointer("/os/name").and_then(Value::as_str) == Some("windows")
}

/// A dotted field path (as findings show them) from a JSON pointer of fixed keys.
pub fn dotted(pointer: &str) -> String {
    pointer.trim_start_matches('/').replace('/', ".")
}
