//! Networking and the edge: EC2 machines (instances, launch templates and
//! configurations), security groups, VPCs, subnets and network ACLs, load
//! balancers, CloudFront, API Gateway and WAF.

pub mod apigateway;
pub mod cloudfront;
pub mod ec2;
pub mod elb;
pub mod rules;
pub mod security_group;
pub mod traffic;
pub mod vpc;
pub mod waf;

use crate::rule::Rule;

pub static RULES: &[&Rule] = &[
    &rules::ec2_imds_v1_allowed::RULE,
    &rules::ec2_public_ip::RULE,
    &rules::ec2_volume_unencrypted::RULE,
    &rules::ec2_user_data_secret::RULE,
    &rules::ec2_detailed_monitoring::RULE,
    &rules::ec2_not_ebs_optimized::RULE,
    &rules::sg_ssh_open::RULE,
    &rules::sg_rdp_open::RULE,
    &rules::sg_all_ports_open::RULE,
    &rules::sg_database_port_open::RULE,
    &rules::sg_admin_port_open::RULE,
    &rules::sg_egress_open::RULE,
    &rules::sg_rule_no_description::RULE,
    &rules::sg_no_description::RULE,
    &rules::sg_default_group_rules::RULE,
    &rules::vpc_flow_logs_disabled::RULE,
    &rules::vpc_subnet_public_ip::RULE,
    &rules::vpc_default_vpc::RULE,
    &rules::nacl_all_ports_open::RULE,
    &rules::nacl_admin_port_open::RULE,
    &rules::elb_http_listener::RULE,
    &rules::elb_outdated_tls_policy::RULE,
    &rules::alb_invalid_headers_kept::RULE,
    &rules::elb_internet_facing::RULE,
    &rules::elb_deletion_protection::RULE,
    &rules::elb_access_logs::RULE,
    &rules::elb_desync_monitor::RULE,
    &rules::alb_no_waf::RULE,
    &rules::cloudfront_allows_http::RULE,
    &rules::cloudfront_outdated_tls::RULE,
    &rules::cloudfront_no_waf::RULE,
    &rules::cloudfront_logging::RULE,
    &rules::cloudfront_default_root_object::RULE,
    &rules::cloudfront_origin_http::RULE,
    &rules::apigw_access_logging::RULE,
    &rules::apigw_xray::RULE,
    &rules::apigw_cache_unencrypted::RULE,
    &rules::apigw_method_no_auth::RULE,
    &rules::apigw_domain_tls::RULE,
    &rules::waf_logging_disabled::RULE,
];
