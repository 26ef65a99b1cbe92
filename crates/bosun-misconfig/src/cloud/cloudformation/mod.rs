//! CloudFormation: YAML and JSON templates (SAM included) read into a
//! [`Deployment`], with parameters, conditions and intrinsic functions evaluated
//! as far as the template alone tells.

mod intrinsics;
#[cfg(test)]
mod tests;

use super::deployment::{Deployment, Lang, Resource};
use super::value::{Attr, Value};
use bosun_core::suppress::{Directive, Scope};
use bosun_core::FileError;
use bosun_syntax::yaml::{self, Node};
use intrinsics::Evaluator;

/// True when a YAML or JSON text is a CloudFormation template.
pub fn looks_like_template(text: &str) -> bool {
    text.contains("AWSTemplateFormatVersion")
        || (text.contains("Resources") && (text.contains("AWS::") || text.contains("Transform")))
}

/// A template read: its resources, and the suppressions written in resources'
/// `Metadata` (Checkov's `checkov.skip` and cfn_nag's `cfn_nag.rules_to_suppress`).
#[derive(Debug, Default)]
pub struct Template {
    /// The document has a `Resources` mapping of typed resources.
    pub is_template: bool,
    /// Resources come from a section CloudFormation itself does not read
    /// (`Modules:` of the rain tool): the template must be packaged first.
    pub needs_packaging: bool,
    pub deployment: Deployment,
    pub directives: Vec<Directive>,
}

/// Reads one template. A text that is YAML but not a template gives no resources.
pub fn load(path: &str, text: &str) -> Result<Deployment, FileError> {
    load_template(path, text).map(|template| template.deployment)
}

pub fn load_template(path: &str, text: &str) -> Result<Template, FileError> {
    let stream = yaml::parse_cloudformation(text);
    if let Some(error) = stream.error {
        return Err(FileError { path: path.into(), line: Some(error.line), message: error.message });
    }
    let mut template = Template {
        is_template: false,
        needs_packaging: false,
        deployment: Deployment::new(vec![path.to_string()]),
        directives: Vec::new(),
    };
    let Some(root) = stream.documents.first().map(|d| &d.root) else { return Ok(template) };
    template.needs_packaging = root.get("Modules").is_some_and(Node::is_map);
    let Some(resources) = root.get("Resources") else { return Ok(template) };
    template.is_template = resources.entries().any(|(_, r)| r.get("Type").and_then(Node::as_str).is_some());
    let evaluator = Evaluator::new(root);
    for (key, resource) in resources.entries() {
        let Some(id) = key.scalar_text() else { continue };
        let Some(kind) = resource.get("Type").and_then(Node::as_str) else { continue };
        let condition = resource.get("Condition").and_then(Node::as_str);
        if condition.is_some_and(|name| evaluator.condition(name) == Some(false)) {
            continue;
        }
        let globals = sam_globals(root, kind);
        let properties = match (resource.get("Properties"), globals) {
            (Some(properties), Some(globals)) => Some(with_globals(properties, globals)),
            (Some(properties), None) => Some(properties.clone()),
            (None, Some(globals)) => Some(globals.clone()),
            (None, None) => None,
        };
        let body = match &properties {
            Some(properties) => evaluator.eval(properties),
            None => Attr::new(Value::Object(Vec::new()), resource.span, 0),
        };
        let body = match body.value {
            Value::Object(_) => body,
            // Properties that are themselves an unknown intrinsic: nothing is known.
            _ => Attr::new(Value::Object(Vec::new()), resource.span, 0),
        };
        if let Some(metadata) = resource.get("Metadata") {
            template.directives.extend(metadata_directives(&id, metadata));
        }
        template.deployment.resources.push(Resource {
            lang: Lang::CloudFormation,
            kind: kind.to_string(),
            address: id,
            span: key.span.join(resource.span),
            file: 0,
            body,
        });
    }
    Ok(template)
}

/// SAM's `Globals` section: settings every serverless resource of a kind
/// inherits (`Globals.Function` for `AWS::Serverless::Function`, ...).
fn sam_globals<'a>(root: &'a Node, kind: &str) -> Option<&'a Node> {
    let section = kind.strip_prefix("AWS::Serverless::")?;
    root.path(&["Globals", section]).filter(|globals| globals.is_map())
}

/// A resource's own properties over its globals; mappings merge key by key
/// (`Environment.Variables` from both), anything else the resource sets wins.
fn with_globals(properties: &Node, globals: &Node) -> Node {
    let (yaml::Value::Map(own), yaml::Value::Map(inherited)) = (&properties.value, &globals.value) else {
        return properties.clone();
    };
    let mut merged = own.clone();
    for (key, value) in inherited {
        match merged.iter_mut().find(|(k, _)| k.value == key.value) {
            Some((_, mine)) => *mine = with_globals(mine, value),
            None => merged.push((key.clone(), value.clone())),
        }
    }
    Node { value: yaml::Value::Map(merged), span: properties.span }
}

/// `Metadata: {checkov: {skip: [{id, comment}]}}` and
/// `Metadata: {cfn_nag: {rules_to_suppress: [{id, reason}]}}`: honoured through
/// rule aliases, like the other tools' inline comments.
fn metadata_directives(resource: &str, metadata: &Node) -> Vec<Directive> {
    let lists = [
        (metadata.path(&["checkov", "skip"]), "comment"),
        (metadata.path(&["cfn_nag", "rules_to_suppress"]), "reason"),
    ];
    let mut directives = Vec::new();
    for (list, reason_key) in lists {
        for entry in list.map(Node::as_seq).unwrap_or_default() {
            let Some(id) = entry.get("id").and_then(Node::scalar_text) else { continue };
            let reason =
                entry.get(reason_key).and_then(Node::scalar_text).unwrap_or_else(|| "skipped".into());
            directives.push(Directive {
                ids: vec![id],
                reason,
                line: entry.span.start_line,
                scope: Scope::Resource(resource.to_string()),
                peer: true,
            });
        }
    }
    directives
}
