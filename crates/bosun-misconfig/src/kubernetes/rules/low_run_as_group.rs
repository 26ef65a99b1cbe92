use super::low_run_as_user::report_low_ids;
use crate::kubernetes::Workload;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S034",
        name: "low-run-as-group",
        title: "Container runs with a GID below 10000",
        severity: Severity::Low,
        domain: Domain::Kubernetes,
        checklist: &["img.no-fixed-uid"],
        aliases: &["KSV-0021"],
        rationale: "GIDs below 10000 are the host's system and user groups (disk, docker, adm, ...). A \
                    container process in such a group reaches whatever files the host grants that group once \
                    it escapes or shares a volume with the node. (GID 0 is reported by `root-group`.)",
        remediation: "Set `runAsGroup` to 10000 or above.",
        bad_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        runAsGroup: 100\n",
        good_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        runAsGroup: 10001\n",
    },
    check: Check::Workload(check),
};

fn check(workload: &Workload, hits: &mut Hits) {
    report_low_ids(workload, "runAsGroup", hits);
}
