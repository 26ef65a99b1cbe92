//! Compute and application services: container registries and orchestrators
//! (ECR, ECS, EKS), serverless functions (Lambda, SAM), build projects
//! (CodeBuild), Elastic Beanstalk, Batch, Step Functions, AppSync and SageMaker
//! notebooks. Each service file turns both languages' resources into the
//! concept its rules read.

pub mod appsync;
pub mod batch;
pub mod beanstalk;
pub mod codebuild;
pub mod common;
pub mod ecr;
pub mod ecs;
pub mod eks;
pub mod lambda;
pub mod rules;
pub mod sagemaker;
pub mod stepfunctions;

use crate::rule::Rule;

pub static RULES: &[&Rule] = &[
    &rules::ecr_scan_on_push_disabled::RULE,
    &rules::ecr_tags_mutable::RULE,
    &rules::ecr_repository_without_cmk::RULE,
    &rules::ecr_policy_public::RULE,
    &rules::ecs_task_privileged_container::RULE,
    &rules::ecs_task_secret_in_environment::RULE,
    &rules::ecs_task_host_network::RULE,
    &rules::ecs_task_host_pid::RULE,
    &rules::ecs_task_root_filesystem_writable::RULE,
    &rules::ecs_cluster_container_insights_disabled::RULE,
    &rules::ecs_efs_transit_encryption_disabled::RULE,
    &rules::ecs_cluster_exec_logging_disabled::RULE,
    &rules::ecs_service_public_ip::RULE,
    &rules::eks_public_endpoint_enabled::RULE,
    &rules::eks_public_endpoint_open_to_world::RULE,
    &rules::eks_control_plane_logging_incomplete::RULE,
    &rules::eks_secrets_not_encrypted::RULE,
    &rules::eks_node_group_ssh_open::RULE,
    &rules::lambda_tracing_disabled::RULE,
    &rules::lambda_permission_public::RULE,
    &rules::lambda_permission_source_unrestricted::RULE,
    &rules::lambda_environment_secret::RULE,
    &rules::lambda_function_url_unauthenticated::RULE,
    &rules::lambda_runtime_deprecated::RULE,
    &rules::lambda_not_in_vpc::RULE,
    &rules::codebuild_artifacts_unencrypted::RULE,
    &rules::codebuild_s3_logs_unencrypted::RULE,
    &rules::codebuild_privileged_mode::RULE,
    &rules::codebuild_environment_secret::RULE,
    &rules::codebuild_source_credential_in_code::RULE,
    &rules::codebuild_without_cmk::RULE,
    &rules::beanstalk_managed_updates_disabled::RULE,
    &rules::beanstalk_enhanced_health_disabled::RULE,
    &rules::batch_job_privileged::RULE,
    &rules::sfn_logging_disabled::RULE,
    &rules::sfn_tracing_disabled::RULE,
    &rules::appsync_logging_disabled::RULE,
    &rules::appsync_cache_unencrypted_at_rest::RULE,
    &rules::appsync_cache_unencrypted_in_transit::RULE,
    &rules::sagemaker_notebook_direct_internet::RULE,
    &rules::sagemaker_notebook_root_access::RULE,
    &rules::sagemaker_notebook_without_cmk::RULE,
    &rules::sagemaker_notebook_imds_v1::RULE,
];
