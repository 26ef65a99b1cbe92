//! Security groups and their rules as checks see them. A rule may be written
//! inside its group (`ingress {}`/`egress {}` blocks of `aws_security_group` or
//! `aws_default_security_group`, `SecurityGroupIngress`/`SecurityGroupEgress` of
//! `AWS::EC2::SecurityGroup`) or on its own (`aws_security_group_rule`,
//! `aws_vpc_security_group_ingress_rule`/`_egress_rule`,
//! `AWS::EC2::SecurityGroupIngress`/`Egress`), joined to its group by reference.

use super::traffic::{self, Ports};
use crate::cloud::{Attr, Deployment, Resource};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Ingress,
    Egress,
}

pub struct SgRule<'a> {
    /// What findings name: the group for a rule written inside it, else the rule resource.
    pub resource: &'a Resource,
    /// The group the rule belongs to, when the deployment declares it.
    pub group: Option<&'a Resource>,
    /// The rule belongs to a VPC's default security group.
    pub in_default_group: bool,
    pub direction: Direction,
    /// The rule's block (inline) or `None` for a rule resource (report at the resource).
    pub block: Option<&'a Attr>,
    pub ports: Ports,
    /// Every IPv4/IPv6 range the rule names (strings or lists of strings).
    pub ranges: Vec<&'a Attr>,
    pub description: Option<&'a Attr>,
}

impl<'a> SgRule<'a> {
    /// The ranges of this rule that cover every address.
    pub fn anywhere(&self) -> Vec<&'a Attr> {
        traffic::anywhere(&self.ranges)
    }

    /// The first range of an ingress rule that covers every address.
    pub fn open_ingress(&self) -> Option<&'a Attr> {
        if self.direction != Direction::Ingress {
            return None;
        }
        self.anywhere().into_iter().next()
    }

    /// Where a problem with the rule as a whole is reported.
    pub fn at(&self) -> Option<&'a Attr> {
        self.block
    }

    /// `security group rule` or `ingress rule of aws_security_group.web`, for messages.
    pub fn label(&self) -> String {
        let direction = match self.direction {
            Direction::Ingress => "ingress",
            Direction::Egress => "egress",
        };
        match (self.block, self.group) {
            (None, Some(group)) => format!("{direction} rule of {}", group.address),
            _ => format!("{direction} rule"),
        }
    }
}

pub struct SecurityGroup<'a> {
    pub resource: &'a Resource,
    /// `aws_default_security_group`: the VPC's default group, adopted by Terraform.
    pub is_default: bool,
    /// `description` (Terraform) or `GroupDescription` (CloudFormation).
    pub description: Option<&'a Attr>,
}

const TF_GROUP: &str = "aws_security_group";
const TF_DEFAULT_GROUP: &str = "aws_default_security_group";
const CFN_GROUP: &str = "AWS::EC2::SecurityGroup";
const GROUP_KINDS: &[&str] = &[TF_GROUP, TF_DEFAULT_GROUP, CFN_GROUP];

pub fn groups(deployment: &Deployment) -> Vec<SecurityGroup<'_>> {
    deployment
        .of_kinds(GROUP_KINDS)
        .map(|group| SecurityGroup {
            resource: group,
            is_default: group.kind == TF_DEFAULT_GROUP,
            description: group.get(if group.is_cloudformation() {
                "GroupDescription"
            } else {
                "description"
            }),
        })
        .collect()
}

/// Every security group rule of the deployment, inline or standalone.
pub fn rules(deployment: &Deployment) -> Vec<SgRule<'_>> {
    let mut rules = Vec::new();
    for group in deployment.of_kinds(&[TF_GROUP, TF_DEFAULT_GROUP]) {
        for (key, direction) in [("ingress", Direction::Ingress), ("egress", Direction::Egress)] {
            for block in group.blocks(key) {
                rules.push(SgRule {
                    resource: group,
                    group: Some(group),
                    in_default_group: group.kind == TF_DEFAULT_GROUP,
                    direction,
                    block: Some(block),
                    ports: Ports::read(block.get("protocol"), block.get("from_port"), block.get("to_port")),
                    ranges: ["cidr_blocks", "ipv6_cidr_blocks"].iter().filter_map(|k| block.get(k)).collect(),
                    description: block.get("description"),
                });
            }
        }
    }
    for group in deployment.of_kind(CFN_GROUP) {
        for (key, direction) in
            [("SecurityGroupIngress", Direction::Ingress), ("SecurityGroupEgress", Direction::Egress)]
        {
            for block in group.blocks(key) {
                rules.push(cloudformation_rule(group, Some(group), Some(block), block, direction));
            }
        }
    }
    for rule in deployment.of_kind("aws_security_group_rule") {
        let direction = match rule.get("type").and_then(Attr::as_str) {
            Some("ingress") => Direction::Ingress,
            Some("egress") => Direction::Egress,
            _ => continue,
        };
        let group = rule.get("security_group_id").and_then(|id| deployment.resolve(id, GROUP_KINDS, &[]));
        rules.push(SgRule {
            resource: rule,
            group,
            in_default_group: group.is_some_and(|g| g.kind == TF_DEFAULT_GROUP),
            direction,
            block: None,
            ports: Ports::read(rule.get("protocol"), rule.get("from_port"), rule.get("to_port")),
            ranges: ["cidr_blocks", "ipv6_cidr_blocks"].iter().filter_map(|k| rule.get(k)).collect(),
            description: rule.get("description"),
        });
    }
    for (kind, direction) in [
        ("aws_vpc_security_group_ingress_rule", Direction::Ingress),
        ("aws_vpc_security_group_egress_rule", Direction::Egress),
    ] {
        for rule in deployment.of_kind(kind) {
            let group = rule.get("security_group_id").and_then(|id| deployment.resolve(id, GROUP_KINDS, &[]));
            rules.push(SgRule {
                resource: rule,
                group,
                in_default_group: group.is_some_and(|g| g.kind == TF_DEFAULT_GROUP),
                direction,
                block: None,
                ports: Ports::read(rule.get("ip_protocol"), rule.get("from_port"), rule.get("to_port")),
                ranges: ["cidr_ipv4", "cidr_ipv6"].iter().filter_map(|k| rule.get(k)).collect(),
                description: rule.get("description"),
            });
        }
    }
    for (kind, direction) in [
        ("AWS::EC2::SecurityGroupIngress", Direction::Ingress),
        ("AWS::EC2::SecurityGroupEgress", Direction::Egress),
    ] {
        for rule in deployment.of_kind(kind) {
            let group =
                rule.get("GroupId").and_then(|id| deployment.resolve(id, &[CFN_GROUP], &[])).or_else(|| {
                    rule.get("GroupName").and_then(|n| deployment.resolve(n, &[CFN_GROUP], &["GroupName"]))
                });
            rules.push(cloudformation_rule(rule, group, None, &rule.body, direction));
        }
    }
    rules
}

fn cloudformation_rule<'a>(
    resource: &'a Resource,
    group: Option<&'a Resource>,
    block: Option<&'a Attr>,
    body: &'a Attr,
    direction: Direction,
) -> SgRule<'a> {
    SgRule {
        resource,
        group,
        in_default_group: false,
        direction,
        block,
        ports: Ports::read(body.get("IpProtocol"), body.get("FromPort"), body.get("ToPort")),
        ranges: ["CidrIp", "CidrIpv6"].iter().filter_map(|k| body.get(k)).collect(),
        description: body.get("Description"),
    }
}
