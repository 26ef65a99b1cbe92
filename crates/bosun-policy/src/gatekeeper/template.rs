use super::str_at;
use crate::convert::to_json;
use crate::error::EvalError;
use crate::limits::Limits;
use crate::pool::EnginePool;
use crate::rego::{self, Syntax};
use crate::violation::{Enforcement, PolicyOrigin, Violation};
use regorus::Value;

/// The only target Gatekeeper evaluates Kubernetes admission requests for.
const K8S_TARGET: &str = "admission.k8s.gatekeeper.sh";

/// A compiled ConstraintTemplate: its Rego (with `libs`) in an engine of its own, since
/// every template brings its own copies of library packages such as `lib.exempt_container`.
#[derive(Debug)]
pub struct Template {
    /// The Constraint kind it defines (`spec.crd.spec.names.kind`).
    pub kind: String,
    violation_path: String,
    pool: EnginePool,
}

impl Template {
    /// Parses and compiles a ConstraintTemplate document. `origin` names the file in
    /// parser messages.
    pub fn parse(doc: &serde_json::Value, origin: &str, limits: &Limits) -> Result<Template, String> {
        let name = str_at(doc, &["metadata", "name"]).ok_or("ConstraintTemplate has no metadata.name")?;
        let kind = str_at(doc, &["spec", "crd", "spec", "names", "kind"])
            .ok_or_else(|| format!("ConstraintTemplate {name} has no spec.crd.spec.names.kind"))?;
        if !kind.eq_ignore_ascii_case(name) {
            // Gatekeeper refuses such a template; so do we, with the reason.
            return Err(format!(
                "ConstraintTemplate {name}: metadata.name must be the lowercase of kind {kind}"
            ));
        }
        let targets = doc.pointer("/spec/targets").and_then(|t| t.as_array()).map_or(&[][..], |t| t);
        let target = match targets {
            [one] => one,
            [] => return Err(format!("ConstraintTemplate {name} has no spec.targets")),
            _ => return Err(format!("ConstraintTemplate {name}: exactly one target is supported")),
        };
        let target_name = str_at(target, &["target"]).unwrap_or("");
        if target_name != K8S_TARGET {
            return Err(format!("ConstraintTemplate {name}: target {target_name:?} is not {K8S_TARGET}"));
        }
        let (main, libs, syntax) = rego_source(target).ok_or_else(|| {
            format!(
                "ConstraintTemplate {name}: the target has neither `rego` nor a `code` entry for engine Rego"
            )
        })?;

        let mut bundle = rego::Bundle::new(limits);
        let main_name = format!("{origin}#{name}");
        let package = bundle.add(&main_name, main, syntax)?;
        for (i, lib) in libs.iter().enumerate() {
            let lib = lib
                .as_str()
                .ok_or_else(|| format!("ConstraintTemplate {name}: libs[{i}] is not a string"))?;
            bundle.add(&format!("{main_name}/libs[{i}]"), lib, syntax)?;
        }
        let violation_path = format!("data.{package}.violation");
        let declares_violation = bundle
            .declared_rules()
            .iter()
            .any(|r| r.package == package && r.rule == "violation" && !r.is_function);
        if !declares_violation {
            return Err(format!("ConstraintTemplate {name}: package {package} has no `violation` rule"));
        }
        bundle.prepare().map_err(|e| format!("ConstraintTemplate {name}: {e}"))?;
        Ok(Template { kind: kind.to_string(), violation_path, pool: EnginePool::new(bundle) })
    }

    /// Runs `violation` with a prepared Gatekeeper input (`review` and `parameters`).
    pub fn evaluate(
        &self,
        input: Value,
        constraint_name: &str,
        enforcement: Enforcement,
        out: &mut Vec<Violation>,
    ) -> Result<(), EvalError> {
        let value = self.pool.with(|engine| {
            engine.set_input(input);
            engine.eval_rule(self.violation_path.clone()).map_err(|e| EvalError::Policy {
                policy: format!("{}/{constraint_name}", self.kind),
                reason: e.to_string(),
            })
        })?;
        let results = match &value {
            Value::Set(items) => items.iter().collect::<Vec<_>>(),
            _ => Vec::new(),
        };
        for result in results {
            let json = to_json(result);
            let message = match json.get("msg") {
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(other) => other.to_string(),
                None => String::new(),
            };
            let details = json.get("details").filter(|d| !d.is_null()).cloned();
            out.push(Violation {
                origin: PolicyOrigin::Constraint {
                    kind: self.kind.clone(),
                    name: constraint_name.to_string(),
                },
                enforcement,
                message,
                details,
            });
        }
        Ok(())
    }
}

/// The template's Rego, its libs, and which syntax to try first. `rego`/`libs` are the
/// classic fields (always Rego v0 in Gatekeeper); newer templates may instead carry
/// `code: [{engine: Rego, source: {rego, libs, version}}]`.
fn rego_source(target: &serde_json::Value) -> Option<(&str, &[serde_json::Value], Syntax)> {
    if let Some(rego) = target.get("rego").and_then(|r| r.as_str()) {
        return Some((rego, libs_of(target), Syntax::V0First));
    }
    let code = target.get("code")?.as_array()?;
    let source = code.iter().find(|c| str_at(c, &["engine"]) == Some("Rego"))?.get("source")?;
    let syntax = if str_at(source, &["version"]) == Some("v1") { Syntax::V1First } else { Syntax::V0First };
    Some((source.get("rego")?.as_str()?, libs_of(source), syntax))
}

fn libs_of(node: &serde_json::Value) -> &[serde_json::Value] {
    node.get("libs").and_then(|l| l.as_array()).map_or(&[][..], |l| l.as_slice())
}
