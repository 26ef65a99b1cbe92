//! CloudFormation: YAML and JSON templates read into a [`Deployment`].

use super::deployment::{Deployment, Lang, Resource};
use super::value::{Attr, Value};
use bosun_core::FileError;
use bosun_syntax::yaml::{self, Node};

/// True when a YAML or JSON text is a CloudFormation template.
pub fn looks_like_template(text: &str) -> bool {
    text.contains("AWSTemplateFormatVersion") || (text.contains("Resources") && text.contains("AWS::"))
}

/// Reads one template.
pub fn load(path: &str, text: &str) -> Result<Deployment, FileError> {
    let stream = yaml::parse_cloudformation(text);
    if let Some(error) = stream.error {
        return Err(FileError { path: path.into(), line: Some(error.line), message: error.message });
    }
    let mut deployment = Deployment { files: vec![path.to_string()], resources: Vec::new() };
    let Some(root) = stream.documents.first().map(|d| &d.root) else { return Ok(deployment) };
    let Some(resources) = root.get("Resources") else { return Ok(deployment) };
    let logical_ids: Vec<String> = resources.string_entries().map(|(id, _)| id).collect();
    for (id, resource) in resources.string_entries() {
        let Some(kind) = resource.get("Type").and_then(Node::as_str) else { continue };
        let body = match resource.get("Properties") {
            Some(properties) => convert(properties, &logical_ids),
            None => Attr::new(Value::Object(Vec::new()), resource.span, 0),
        };
        deployment.resources.push(Resource {
            lang: Lang::CloudFormation,
            kind: kind.to_string(),
            address: id,
            span: resource.span,
            file: 0,
            body,
        });
    }
    Ok(deployment)
}

/// Plain values are kept; `Ref`/`Fn::GetAtt` to a resource become references,
/// every other intrinsic is unknown.
fn convert(node: &Node, logical_ids: &[String]) -> Attr {
    let value = match &node.value {
        yaml::Value::Null => Value::Null,
        yaml::Value::Bool(b) => Value::Bool(*b),
        yaml::Value::Int(i) => Value::Number(*i as f64),
        yaml::Value::Float(f) => Value::Number(*f),
        yaml::Value::String(s) => Value::String(s.clone()),
        yaml::Value::Seq(items) => Value::List(items.iter().map(|i| convert(i, logical_ids)).collect()),
        yaml::Value::Map(entries) => {
            if let [(key, argument)] = entries.as_slice() {
                if let Some(intrinsic) = key.as_str().filter(|k| *k == "Ref" || k.starts_with("Fn::")) {
                    return Attr::new(reference(intrinsic, argument, logical_ids), node.span, 0);
                }
            }
            Value::Object(
                entries
                    .iter()
                    .filter_map(|(k, v)| Some((k.scalar_text()?, convert(v, logical_ids))))
                    .collect(),
            )
        }
    };
    Attr::new(value, node.span, 0)
}

fn reference(intrinsic: &str, argument: &Node, logical_ids: &[String]) -> Value {
    let target = match intrinsic {
        "Ref" => argument.as_str().map(str::to_string),
        "Fn::GetAtt" => match &argument.value {
            yaml::Value::String(s) => s.split('.').next().map(str::to_string),
            yaml::Value::Seq(items) => items.first().and_then(Node::as_str).map(str::to_string),
            _ => None,
        },
        _ => None,
    };
    match target {
        Some(id) if logical_ids.contains(&id) => Value::Reference(id),
        _ => Value::Unknown,
    }
}
