//! The one list of every misconfiguration rule. A new rule is one file in its
//! domain's `rules/` folder and one line here (cloud rules: one line in their
//! area's `RULES`, which is listed here).

use crate::cloud::{aws, azure, google};
use crate::rule::Rule;
use crate::{compose, dockerfile, kubernetes};
use std::sync::LazyLock;

/// Every rule: the local ones, then each cloud area's list.
pub static RULES: LazyLock<Vec<&'static Rule>> = LazyLock::new(|| {
    let areas: &[&[&'static Rule]] = &[
        LOCAL_RULES,
        aws::storage::RULES,
        aws::network::RULES,
        aws::identity::RULES,
        aws::compute::RULES,
        aws::data::RULES,
        google::RULES,
        azure::RULES,
    ];
    areas.iter().flat_map(|area| area.iter().copied()).collect()
});

static LOCAL_RULES: &[&Rule] = &[
    // Dockerfile
    &dockerfile::rules::root_user::RULE,
    // Dockerfile: images, users, files (DF001-DF029)
    &dockerfile::rules::base_image_latest::RULE,
    &dockerfile::rules::base_image_digest::RULE,
    &dockerfile::rules::base_image_untrusted_registry::RULE,
    &dockerfile::rules::user_not_created::RULE,
    &dockerfile::rules::user_low_uid::RULE,
    &dockerfile::rules::add_instead_of_copy::RULE,
    &dockerfile::rules::add_remote_unverified::RULE,
    &dockerfile::rules::expose_admin_port::RULE,
    &dockerfile::rules::expose_invalid_port::RULE,
    &dockerfile::rules::secret_in_env_or_arg::RULE,
    &dockerfile::rules::secret_build_arg::RULE,
    &dockerfile::rules::secret_file_copied::RULE,
    &dockerfile::rules::build_context_without_dockerignore::RULE,
    &dockerfile::rules::multiple_cmd::RULE,
    &dockerfile::rules::multiple_entrypoint::RULE,
    &dockerfile::rules::relative_workdir::RULE,
    &dockerfile::rules::missing_healthcheck::RULE,
    &dockerfile::rules::multiple_healthcheck::RULE,
    &dockerfile::rules::executables_not_root_owned::RULE,
    &dockerfile::rules::copy_chmod_writable::RULE,
    &dockerfile::rules::maintainer_deprecated::RULE,
    &dockerfile::rules::copy_from_unknown_stage::RULE,
    &dockerfile::rules::copy_from_current_stage::RULE,
    &dockerfile::rules::duplicate_stage_name::RULE,
    &dockerfile::rules::from_platform_fixed::RULE,
    &dockerfile::rules::shell_form_command::RULE,
    &dockerfile::rules::base_image_end_of_life::RULE,
    &dockerfile::rules::copy_multiple_sources::RULE,
    // Dockerfile: RUN commands (DF030-DF059)
    &dockerfile::rules::apt_unpinned::RULE,
    &dockerfile::rules::apt_recommends::RULE,
    &dockerfile::rules::apt_lists_kept::RULE,
    &dockerfile::rules::release_upgrade::RULE,
    &dockerfile::rules::apt_cli::RULE,
    &dockerfile::rules::index_update_alone::RULE,
    &dockerfile::rules::package_prompt::RULE,
    &dockerfile::rules::apk_cache::RULE,
    &dockerfile::rules::apk_unpinned::RULE,
    &dockerfile::rules::rpm_unpinned::RULE,
    &dockerfile::rules::rpm_cache::RULE,
    &dockerfile::rules::pip_unpinned::RULE,
    &dockerfile::rules::pip_cache::RULE,
    &dockerfile::rules::npm_unpinned::RULE,
    &dockerfile::rules::gem_unpinned::RULE,
    &dockerfile::rules::go_install_unpinned::RULE,
    &dockerfile::rules::pipe_to_shell::RULE,
    &dockerfile::rules::tls_verification::RULE,
    &dockerfile::rules::signature_check::RULE,
    &dockerfile::rules::curl_and_wget::RULE,
    &dockerfile::rules::sudo::RULE,
    &dockerfile::rules::cd_workdir::RULE,
    &dockerfile::rules::pipefail::RULE,
    &dockerfile::rules::world_writable::RULE,
    &dockerfile::rules::setuid::RULE,
    &dockerfile::rules::useradd_uid::RULE,
    &dockerfile::rules::account_password::RULE,
    &dockerfile::rules::privileged_build::RULE,
    &dockerfile::rules::build_tools::RULE,
    &dockerfile::rules::sdk_base::RULE,
    // Kubernetes: workloads (K8S001-K8S049)
    &kubernetes::rules::privileged_container::RULE,
    &kubernetes::rules::host_network::RULE,
    &kubernetes::rules::host_pid::RULE,
    &kubernetes::rules::host_ipc::RULE,
    &kubernetes::rules::privilege_escalation::RULE,
    &kubernetes::rules::run_as_non_root::RULE,
    &kubernetes::rules::run_as_uid_zero::RULE,
    &kubernetes::rules::added_capabilities::RULE,
    &kubernetes::rules::capabilities_not_dropped::RULE,
    &kubernetes::rules::restricted_capabilities::RULE,
    &kubernetes::rules::dangerous_capabilities::RULE,
    &kubernetes::rules::net_raw_not_dropped::RULE,
    &kubernetes::rules::host_path_volume::RULE,
    &kubernetes::rules::container_runtime_socket::RULE,
    &kubernetes::rules::sensitive_host_path::RULE,
    &kubernetes::rules::host_port::RULE,
    &kubernetes::rules::apparmor_disabled::RULE,
    &kubernetes::rules::selinux_options::RULE,
    &kubernetes::rules::unmasked_proc_mount::RULE,
    &kubernetes::rules::seccomp_unconfined::RULE,
    &kubernetes::rules::seccomp_profile_missing::RULE,
    &kubernetes::rules::unsafe_sysctls::RULE,
    &kubernetes::rules::restricted_volume_types::RULE,
    &kubernetes::rules::windows_host_process::RULE,
    &kubernetes::rules::writable_root_filesystem::RULE,
    &kubernetes::rules::memory_limit_missing::RULE,
    &kubernetes::rules::cpu_limit_missing::RULE,
    &kubernetes::rules::resource_requests_missing::RULE,
    &kubernetes::rules::service_account_token::RULE,
    &kubernetes::rules::secret_in_env::RULE,
    &kubernetes::rules::liveness_probe_missing::RULE,
    &kubernetes::rules::readiness_probe_missing::RULE,
    &kubernetes::rules::low_run_as_user::RULE,
    &kubernetes::rules::low_run_as_group::RULE,
    &kubernetes::rules::root_group::RULE,
    &kubernetes::rules::default_namespace::RULE,
    &kubernetes::rules::image_pull_policy::RULE,
    // Kubernetes: images, RBAC, services, cross-document (K8S050-K8S099)
    &kubernetes::rules::image_latest_tag::RULE,
    &kubernetes::rules::image_not_pinned::RULE,
    &kubernetes::rules::image_untrusted_registry::RULE,
    &kubernetes::rules::rbac_full_wildcard::RULE,
    &kubernetes::rules::rbac_wildcard::RULE,
    &kubernetes::rules::cluster_admin_binding::RULE,
    &kubernetes::rules::rbac_read_secrets::RULE,
    &kubernetes::rules::rbac_pod_exec::RULE,
    &kubernetes::rules::rbac_escalate_bind::RULE,
    &kubernetes::rules::rbac_impersonate::RULE,
    &kubernetes::rules::rbac_create_workloads::RULE,
    &kubernetes::rules::anonymous_binding::RULE,
    &kubernetes::rules::default_service_account_binding::RULE,
    &kubernetes::rules::rbac_nodes_proxy::RULE,
    &kubernetes::rules::service_external_ips::RULE,
    &kubernetes::rules::service_node_port::RULE,
    &kubernetes::rules::load_balancer_open::RULE,
    &kubernetes::rules::ingress_without_tls::RULE,
    &kubernetes::rules::ingress_nginx_snippet::RULE,
    &kubernetes::rules::missing_network_policy::RULE,
    &kubernetes::rules::dangling_service::RULE,
    &kubernetes::rules::missing_pod_disruption_budget::RULE,
    &kubernetes::rules::secret_in_manifest::RULE,
    &kubernetes::rules::configmap_credentials::RULE,
    // docker-compose (DC001-DC029)
    &compose::rules::privileged::RULE,
    &compose::rules::docker_socket::RULE,
    &compose::rules::host_network::RULE,
    &compose::rules::host_pid::RULE,
    &compose::rules::host_ipc::RULE,
    &compose::rules::host_userns::RULE,
    &compose::rules::dangerous_capabilities::RULE,
    &compose::rules::security_opt_disabled::RULE,
    &compose::rules::no_new_privileges::RULE,
    &compose::rules::root_user::RULE,
    &compose::rules::user_not_set::RULE,
    &compose::rules::admin_port::RULE,
    &compose::rules::database_port::RULE,
    &compose::rules::image_latest::RULE,
    &compose::rules::memory_limit::RULE,
    &compose::rules::cpu_limit::RULE,
    &compose::rules::pids_limit::RULE,
    &compose::rules::writable_root_fs::RULE,
    &compose::rules::environment_secret::RULE,
    &compose::rules::sensitive_host_path::RULE,
    &compose::rules::host_devices::RULE,
];

/// Looks a rule up by id, name or alias.
pub fn find(key: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.meta.answers_to(key))
}

/// Runs one rule alone on an example text, the way a scan would. Used by the
/// example tests and by `bosun rules` documentation checks.
pub fn run_on_example(rule: &'static Rule, text: &str) -> Vec<bosun_core::Finding> {
    use crate::analyze::{analyze_cluster, analyze_file, FileContext, InputKind};
    use bosun_core::Domain;
    let mut config = bosun_core::config::Config::default();
    // Rules that only run when a setting is given read it from here in their examples.
    config.kubernetes.trusted_registries = vec!["registry.example.com".into()];
    config.dockerfile.trusted_registries = vec!["registry.example.com".into()];
    let rules = crate::rule::RuleSet::only(rule);
    let (kind, path, context) = match rule.meta.domain {
        Domain::Dockerfile => (
            InputKind::Dockerfile,
            "Dockerfile",
            // An example stands alone, with no .dockerignore beside it.
            FileContext { has_dockerignore: Some(false), ..Default::default() },
        ),
        Domain::Compose => {
            (InputKind::Yaml, "docker-compose.yml", FileContext { compose_name: true, ..Default::default() })
        }
        _ => (InputKind::Yaml, "example.yaml", FileContext::default()),
    };
    if let Domain::Cloud(_) = rule.meta.domain {
        return run_on_terraform_example(&rules, text);
    }
    let analysis = analyze_file(path, text, kind, context, &rules, &config);
    assert!(analysis.error.is_none(), "{}: example does not parse: {:?}", rule.meta.id, analysis.error);
    let mut findings = analysis.findings;
    let objects: Vec<_> = analysis.objects.iter().collect();
    findings.extend(analyze_cluster(&objects, &rules));
    findings
}

fn run_on_terraform_example(rules: &crate::rule::RuleSet, text: &str) -> Vec<bosun_core::Finding> {
    let loaded = crate::cloud::terraform::load_files(&[("main.tf".to_string(), text.to_string())]);
    assert!(loaded.errors.is_empty(), "example does not parse: {:?}", loaded.errors);
    crate::cloud::analyze_deployment(&loaded.deployment, rules)
}

/// Runs one cloud rule alone on a CloudFormation template text.
pub fn run_on_cloudformation_example(rule: &'static Rule, text: &str) -> Vec<bosun_core::Finding> {
    let deployment = crate::cloud::cloudformation::load("template.yaml", text)
        .unwrap_or_else(|e| panic!("{}: example does not parse: {e:?}", rule.meta.id));
    crate::cloud::analyze_deployment(&deployment, &crate::rule::RuleSet::only(rule))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cloud::CloudCheck;
    use crate::rule::Check;
    use std::collections::HashSet;

    #[test]
    fn every_bad_example_triggers_its_rule_and_every_good_example_does_not() {
        for rule in RULES.iter() {
            let bad = run_on_example(rule, rule.meta.bad_example);
            assert!(
                bad.iter().any(|f| f.rule_id == rule.meta.id),
                "{}: bad example raised nothing",
                rule.meta.id
            );
            let good = run_on_example(rule, rule.meta.good_example);
            assert!(good.is_empty(), "{}: good example raised {:#?}", rule.meta.id, good);
        }
    }

    #[test]
    fn every_cloudformation_example_behaves_like_the_terraform_one() {
        for rule in RULES.iter() {
            let Check::Cloud(CloudCheck { cloudformation: Some(examples), .. }) = &rule.check else {
                continue;
            };
            let bad = run_on_cloudformation_example(rule, examples.bad);
            assert!(
                bad.iter().any(|f| f.rule_id == rule.meta.id),
                "{}: CloudFormation bad example raised nothing",
                rule.meta.id
            );
            let good = run_on_cloudformation_example(rule, examples.good);
            assert!(good.is_empty(), "{}: CloudFormation good example raised {:#?}", rule.meta.id, good);
        }
    }

    #[test]
    fn ids_and_names_are_unique_and_well_formed() {
        let mut seen = HashSet::new();
        for rule in RULES.iter() {
            let meta = &rule.meta;
            assert!(seen.insert(meta.id), "duplicate id {}", meta.id);
            assert!(seen.insert(meta.name), "duplicate name {}", meta.name);
            assert!(
                meta.name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{}: name must be kebab-case",
                meta.id
            );
            assert!(!meta.checklist.is_empty(), "{}: names no checklist item", meta.id);
            assert!(!meta.rationale.is_empty() && !meta.remediation.is_empty(), "{}: docs missing", meta.id);
            assert!(!meta.title.ends_with('.'), "{}: titles have no final period", meta.id);
        }
    }
}
