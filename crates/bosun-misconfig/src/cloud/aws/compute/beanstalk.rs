//! Elastic Beanstalk environments (`aws_elastic_beanstalk_environment`,
//! `AWS::ElasticBeanstalk::Environment`) and their option settings.

use crate::cloud::{Attr, Deployment, Resource};

pub struct Environment<'a> {
    pub resource: &'a Resource,
    /// The `setting` blocks / `OptionSettings` entries: namespace, option name, value.
    pub settings: Settings<'a>,
    /// Some settings cannot be read (computed, dynamic), or come from a saved
    /// configuration template: a missing option says nothing.
    pub settings_incomplete: bool,
}

impl<'a> Environment<'a> {
    /// The value of one option, names compared without case.
    pub fn option(&self, namespace: &str, name: &str) -> Option<&'a Attr> {
        self.settings
            .iter()
            .find(|(ns, n, _)| ns.eq_ignore_ascii_case(namespace) && n.eq_ignore_ascii_case(name))
            .map(|(_, _, value)| *value)
    }
}

type Settings<'a> = Vec<(&'a str, &'a str, &'a Attr)>;

/// The settings that can be read, and whether some could not be (or come from a template).
fn read<'a>(r: &'a Resource, entries: &[&'a Attr], keys: [&str; 3], template: &str) -> (Settings<'a>, bool) {
    let settings: Settings<'a> = entries
        .iter()
        .filter_map(|s| Some((s.get(keys[0])?.as_str()?, s.get(keys[1])?.as_str()?, s.get(keys[2])?)))
        .collect();
    let incomplete = settings.len() != entries.len() || r.get(template).is_some_and(Attr::is_set);
    (settings, incomplete)
}

pub fn environments(deployment: &Deployment) -> Vec<Environment<'_>> {
    let terraform = deployment.of_kind("aws_elastic_beanstalk_environment").map(|r| {
        let entries: Vec<&Attr> = r.blocks("setting").collect();
        let unknown = r.get("setting").is_some_and(Attr::is_unknown);
        let (settings, incomplete) = read(r, &entries, ["namespace", "name", "value"], "template_name");
        Environment { resource: r, settings, settings_incomplete: incomplete || unknown }
    });
    let cloudformation = deployment.of_kind("AWS::ElasticBeanstalk::Environment").map(|r| {
        let entries: Vec<&Attr> =
            r.get("OptionSettings").map(|s| s.items().iter().collect()).unwrap_or_default();
        let (settings, incomplete) = read(r, &entries, ["Namespace", "OptionName", "Value"], "TemplateName");
        Environment { resource: r, settings, settings_incomplete: incomplete }
    });
    terraform.chain(cloudformation).collect()
}
