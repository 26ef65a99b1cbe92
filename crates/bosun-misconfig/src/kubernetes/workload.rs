use super::K8sObject;
use bosun_core::config::Config;
use bosun_syntax::dockerfile::ImageRef;
use bosun_syntax::yaml::Node;
use bosun_syntax::Span;

/// One pod spec, whatever object carries it: a Pod, a controller's template, a
/// CronJob's job template, or a custom resource with a pod template.
pub struct Workload<'a> {
    pub object: &'a K8sObject,
    /// The pod spec (`spec` of a Pod, `spec.template.spec` of a Deployment, ...).
    pub spec: &'a Node,
    /// The pod template's metadata, when the pod spec is a template.
    pub template_metadata: Option<&'a Node>,
    pub config: &'a Config,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContainerKind {
    Init,
    Regular,
    Ephemeral,
}

/// A container of a workload, with the pod-level settings it inherits.
pub struct Container<'a> {
    pub node: &'a Node,
    pub name: String,
    pub kind: ContainerKind,
    pod_security_context: Option<&'a Node>,
}

impl<'a> Workload<'a> {
    /// Finds the pod spec of an object, if it has one.
    pub fn of(object: &'a K8sObject, config: &'a Config) -> Option<Workload<'a>> {
        let root = &object.root;
        let (spec, template_metadata) = match object.kind.as_str() {
            "Pod" => (root.get("spec")?, None),
            "CronJob" => {
                let template = root.path(&["spec", "jobTemplate", "spec", "template"])?;
                (template.get("spec")?, template.get("metadata"))
            }
            "PodTemplate" => {
                let template = root.get("template")?;
                (template.get("spec")?, template.get("metadata"))
            }
            // Deployments, StatefulSets, DaemonSets, ReplicaSets, ReplicationControllers,
            // Jobs, and custom resources that follow the same template convention.
            _ => {
                let template = root.path(&["spec", "template"])?;
                let spec = template.get("spec")?;
                spec.get("containers")?;
                (spec, template.get("metadata"))
            }
        };
        spec.is_map().then_some(Workload { object, spec, template_metadata, config })
    }

    pub fn get(&self, key: &str) -> Option<&'a Node> {
        self.spec.get(key)
    }

    /// A pod-level boolean that is true (e.g. `hostNetwork`).
    pub fn flag(&self, key: &str) -> Option<&'a Node> {
        self.spec.get(key).filter(|v| v.as_bool() == Some(true))
    }

    pub fn security_context(&self) -> Option<&'a Node> {
        self.spec.get("securityContext")
    }

    /// Every container: init, regular and ephemeral.
    pub fn containers(&self) -> Vec<Container<'a>> {
        let pod_security_context = self.security_context();
        let mut out = Vec::new();
        for (key, kind) in [
            ("initContainers", ContainerKind::Init),
            ("containers", ContainerKind::Regular),
            ("ephemeralContainers", ContainerKind::Ephemeral),
        ] {
            for node in self.spec.get(key).map(|n| n.as_seq()).unwrap_or_default() {
                let name =
                    node.get("name").and_then(|n| n.scalar_text()).unwrap_or_else(|| "<unnamed>".into());
                out.push(Container { node, name, kind, pod_security_context });
            }
        }
        out
    }

    /// Every security context written in the pod spec, labelled for messages:
    /// the pod's (`pod`), then each container's own. For controls that forbid a
    /// value wherever it is written.
    pub fn security_contexts(&self) -> Vec<(String, &'a Node)> {
        let pod = self.security_context().map(|sc| ("pod".to_string(), sc));
        let containers =
            self.containers().into_iter().filter_map(|c| Some((c.label(), c.security_context()?)));
        pod.into_iter().chain(containers).collect()
    }

    pub fn volumes(&self) -> &'a [Node] {
        self.spec.get("volumes").map(|n| n.as_seq()).unwrap_or_default()
    }

    /// Where to point findings about the pod as a whole.
    pub fn span(&self) -> Span {
        self.object.kind_span()
    }

    /// The pod spec's own span, for findings about a missing pod-level setting.
    pub fn spec_span(&self) -> Span {
        Span::line(self.spec.span.start_line)
    }

    /// The annotations the pods themselves get: the template's, or a bare Pod's.
    /// (A controller's own annotations never reach its pods.)
    pub fn pod_annotations(&self) -> Option<&'a Node> {
        match self.template_metadata {
            Some(metadata) => metadata.get("annotations"),
            None if self.object.kind == "Pod" => self.object.root.path(&["metadata", "annotations"]),
            None => None,
        }
    }

    /// `spec.os.name: windows`. The Pod Security Standards exempt such pods from
    /// the Linux-only controls (capabilities, seccomp, privilege escalation).
    pub fn is_windows(&self) -> bool {
        self.spec.path(&["os", "name"]).and_then(|n| n.as_str()) == Some("windows")
    }

    /// Pods that run to completion rather than serve: Jobs, CronJobs, and any pod
    /// that is not restarted when it exits (a Job's pods, one-off Pods).
    pub fn runs_to_completion(&self) -> bool {
        matches!(self.object.kind.as_str(), "Job" | "CronJob")
            || matches!(self.spec.get("restartPolicy").and_then(|n| n.as_str()), Some("Never" | "OnFailure"))
    }

    /// A pod-template annotation or, failing that, an object annotation.
    pub fn annotation(&self, key: &str) -> Option<&'a Node> {
        self.template_metadata
            .and_then(|m| m.path(&["annotations", key]))
            .or_else(|| self.object.root.path(&["metadata", "annotations", key]))
    }
}

impl<'a> Container<'a> {
    pub fn get(&self, key: &str) -> Option<&'a Node> {
        self.node.get(key)
    }

    pub fn security_context(&self) -> Option<&'a Node> {
        self.node.get("securityContext")
    }

    /// A container security-context field, falling back to the pod's where
    /// Kubernetes inherits it (runAsUser, runAsNonRoot, seccompProfile, ...).
    /// A `null` value is unset, as the API server reads it.
    pub fn effective(&self, key: &str) -> Option<&'a Node> {
        self.own(key)
            .or_else(|| self.pod_security_context.and_then(|sc| sc.get(key)).filter(|v| !v.is_null()))
    }

    /// A container security-context field only (no pod fallback); `null` is unset.
    pub fn own(&self, key: &str) -> Option<&'a Node> {
        self.security_context().and_then(|sc| sc.get(key)).filter(|v| !v.is_null())
    }

    /// The capabilities of `securityContext.capabilities.<list>` (`add` or
    /// `drop`), upper-cased and without a `CAP_` prefix, with their nodes.
    pub fn capabilities(&self, list: &str) -> Vec<(String, &'a Node)> {
        let items = self.security_context().and_then(|sc| sc.path(&["capabilities", list]));
        items
            .map(|n| n.as_seq())
            .unwrap_or_default()
            .iter()
            .filter_map(|node| {
                let name = node.as_str()?.trim().to_ascii_uppercase();
                let name = name.strip_prefix("CAP_").map(str::to_string).unwrap_or(name);
                Some((name, node))
            })
            .collect()
    }

    /// Is `key` of the effective security context inherited from the pod
    /// (rather than set on the container)? Rules report such a value once,
    /// where the pod sets it.
    pub fn inherits(&self, key: &str) -> bool {
        self.own(key).is_none() && self.effective(key).is_some()
    }

    /// `resources.<kind>.<name>` (`limits`, `memory`) when it holds a value.
    pub fn resource(&self, kind: &str, name: &str) -> Option<&'a Node> {
        self.node.path(&["resources", kind, name]).filter(|v| v.scalar_text().is_some_and(|t| !t.is_empty()))
    }
    /// The `image` node (where findings point), its text and the parsed
    /// reference; `None` when there is no image or a variable that a tool
    /// fills in later decides it.
    pub fn image_ref(&self) -> Option<(&'a Node, String, ImageRef)> {
        let node = self.get("image")?;
        let text = node.scalar_text()?;
        let image = ImageRef::parse(&text);
        (!image.repository.is_empty() && !image.has_variable()).then_some((node, text, image))
    }

    pub fn image(&self) -> Option<String> {
        self.node.get("image").and_then(|n| n.scalar_text())
    }

    /// Where to point findings about this container as a whole: its name line.
    pub fn span(&self) -> Span {
        self.node.key_node("name").map_or(Span::line(self.node.span.start_line), |n| n.span)
    }

    /// Messages name the container like this: `container "web"` / `init container "setup"`.
    pub fn label(&self) -> String {
        match self.kind {
            ContainerKind::Init => format!("init container \"{}\"", self.name),
            ContainerKind::Regular => format!("container \"{}\"", self.name),
            ContainerKind::Ephemeral => format!("ephemeral container \"{}\"", self.name),
        }
    }
}
