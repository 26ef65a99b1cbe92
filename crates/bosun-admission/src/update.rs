//! UPDATE requests and violations that were already there.
//!
//! The rule (for the docs): on UPDATE, when the object's pod template is
//! byte-for-byte the same in `object` and `oldObject` (compared as JSON values,
//! so key order does not matter), a violation that `oldObject` also has — the
//! same rule at the same field — is not denied; it is returned as a warning
//! ("already present, not denied") and logged with `already_present: true`.
//! Scaling, relabelling or annotating an existing workload therefore keeps
//! working when an enforced rule is introduced, while any change to the pod
//! template (a new image, `kubectl rollout restart`) is judged in full, since
//! it creates new pods. Objects without a pod template are always judged in full.

use crate::pod;
use crate::review::AdmissionRequest;
use crate::rules::Violation;
use std::collections::HashSet;

/// Did this request change the pod template? `true` when there is nothing to
/// compare (no old object, or no template in either).
pub fn template_changed(request: &AdmissionRequest) -> bool {
    let (Some(new), Some(old)) = (&request.object, &request.old_object) else { return true };
    match (pod::pod_template(new), pod::pod_template(old)) {
        (Some(new), Some(old)) => new.spec_pointer != old.spec_pointer || new.template != old.template,
        _ => true,
    }
}

/// For each violation of the new object: does the old object have it too?
pub fn already_present(new: &[Violation], old: &[Violation]) -> Vec<bool> {
    let before: HashSet<(&str, &str)> = old.iter().map(|v| (v.rule_id.as_str(), v.field.as_str())).collect();
    new.iter().map(|v| before.contains(&(v.rule_id.as_str(), v.field.as_str()))).collect()
}
