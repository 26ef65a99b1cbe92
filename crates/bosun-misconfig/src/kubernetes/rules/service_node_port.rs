use crate::kubernetes::K8sObject;
use crate::rule::{Check, Hits, Rule};
use bosun_core::config::Config;
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S065",
        name: "service-node-port",
        title: "Service is exposed on every node's address (NodePort)",
        severity: Severity::Low,
        domain: Domain::Kubernetes,
        checklist: &["run.network-segregation", "img.minimal-ports"],
        aliases: &["exposed-services"],
        rationale: "A NodePort Service opens a port on every node of the cluster, reachable by anything that \
                    can reach a node, and bypasses the Ingress controller's TLS, authentication and logging. \
                    Node firewalls are often open to whole networks, so the service is exposed more widely \
                    than intended.",
        remediation: "Use `type: ClusterIP` behind an Ingress, or a LoadBalancer with `loadBalancerSourceRanges`.",
        bad_example: "apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  type: NodePort\n  selector:\n    app: api\n  ports:\n    - port: 8080\n      nodePort: 30080\n",
        good_example: "apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  type: ClusterIP\n  selector:\n    app: api\n  ports:\n    - port: 8080\n",
    },
    check: Check::Object(check),
};

fn check(object: &K8sObject, _config: &Config, hits: &mut Hits) {
    if object.kind != "Service" {
        return;
    }
    let Some(kind) = object.root.path(&["spec", "type"]) else { return };
    if kind.as_str() != Some("NodePort") {
        return;
    }
    let ports: Vec<_> = object
        .root
        .path(&["spec", "ports"])
        .map(|p| p.as_seq())
        .unwrap_or_default()
        .iter()
        .filter_map(|p| p.get("nodePort").and_then(|n| n.scalar_text()))
        .collect();
    let which =
        if ports.is_empty() { "an allocated port".to_string() } else { format!("port {}", ports.join(", ")) };
    hits.push(
        kind.span,
        format!("Service \"{}\" is type NodePort: {which} is open on every node", object.name),
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::registry::run_on_example;

    #[test]
    fn names_the_node_port() {
        let findings = run_on_example(&RULE, RULE.meta.bad_example);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].message, "Service \"api\" is type NodePort: port 30080 is open on every node");
        assert_eq!(findings[0].location.start_line, 6);
    }

    #[test]
    fn load_balancers_are_another_rule() {
        let text = "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  type: LoadBalancer\n  ports:\n    - port: 80\n";
        assert!(run_on_example(&RULE, text).is_empty());
    }
}
