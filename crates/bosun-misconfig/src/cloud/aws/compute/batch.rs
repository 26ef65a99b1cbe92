//! AWS Batch job definitions (`aws_batch_job_definition`, whose
//! `container_properties` is JSON text, and `AWS::Batch::JobDefinition`).

use super::common::{get_ci, structured};
use crate::cloud::{Attr, Deployment, Resource};

pub struct JobDefinition<'a> {
    pub resource: &'a Resource,
    /// The container properties of a single-node job and of each node range
    /// of a multi-node job, as far as they can be read.
    pub containers: Vec<Attr>,
}

impl JobDefinition<'_> {
    /// The containers that ask for privileged mode.
    pub fn privileged(&self) -> impl Iterator<Item = &Attr> {
        self.containers.iter().filter_map(|c| get_ci(c, "privileged")).filter(|p| p.is_true())
    }
}

pub fn job_definitions(deployment: &Deployment) -> Vec<JobDefinition<'_>> {
    let terraform = deployment.of_kind("aws_batch_job_definition").map(|r| {
        let mut containers: Vec<Attr> =
            r.get("container_properties").and_then(structured).into_iter().collect();
        if let Some(nodes) = r.get("node_properties").and_then(structured) {
            containers.extend(node_containers(&nodes));
        }
        JobDefinition { resource: r, containers }
    });
    let cloudformation = deployment.of_kind("AWS::Batch::JobDefinition").map(|r| {
        let mut containers: Vec<Attr> = r.get("ContainerProperties").cloned().into_iter().collect();
        if let Some(nodes) = r.get("NodeProperties") {
            containers.extend(node_containers(nodes));
        }
        JobDefinition { resource: r, containers }
    });
    terraform.chain(cloudformation).collect()
}

fn node_containers(nodes: &Attr) -> Vec<Attr> {
    get_ci(nodes, "nodeRangeProperties")
        .map(|ranges| ranges.items().iter().filter_map(|range| get_ci(range, "container").cloned()).collect())
        .unwrap_or_default()
}
