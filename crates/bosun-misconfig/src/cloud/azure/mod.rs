//! Microsoft Azure, as Terraform's `azurerm` provider declares it. Each file
//! reads one service's resources into the small typed views its rules check
//! (`storage::accounts`, `aks::clusters`, `network::security_rules`, ...),
//! accepting the attribute spellings of provider v2, v3 and v4 and knowing
//! each one's default, so that an absent setting is reported only when the
//! provider's default is the unsafe one.

pub mod acr;
pub mod aks;
pub mod appservice;
pub mod common;
pub mod compute;
pub mod cosmosdb;
pub mod dbservers;
pub mod keyvault;
pub mod monitor;
pub mod network;
pub mod rules;
pub mod securitycenter;
pub mod sql;
pub mod storage;

use crate::rule::Rule;

pub static RULES: &[&Rule] = &[
    &rules::storage_https_not_enforced::RULE,
    &rules::storage_old_tls::RULE,
    &rules::storage_public_blob_access::RULE,
    &rules::storage_network_default_allow::RULE,
    &rules::storage_public_network_access::RULE,
    &rules::storage_queue_logging::RULE,
    &rules::storage_infrastructure_encryption::RULE,
    &rules::storage_container_public::RULE,
    &rules::storage_shared_key_access::RULE,
    &rules::storage_trusted_services_blocked::RULE,
    &rules::aks_rbac_disabled::RULE,
    &rules::aks_network_policy_missing::RULE,
    &rules::aks_api_server_unrestricted::RULE,
    &rules::aks_private_cluster_disabled::RULE,
    &rules::aks_local_accounts_enabled::RULE,
    &rules::aks_azure_policy_disabled::RULE,
    &rules::aks_logging_disabled::RULE,
    &rules::aks_node_public_ip::RULE,
    &rules::aks_disk_encryption_set_missing::RULE,
    &rules::nsg_ssh_from_internet::RULE,
    &rules::nsg_rdp_from_internet::RULE,
    &rules::nsg_all_ports_from_internet::RULE,
    &rules::nsg_database_port_from_internet::RULE,
    &rules::network_flow_log_disabled::RULE,
    &rules::network_flow_log_retention_short::RULE,
    &rules::keyvault_purge_protection::RULE,
    &rules::keyvault_soft_delete_weak::RULE,
    &rules::keyvault_network_acl_allow::RULE,
    &rules::keyvault_key_no_expiry::RULE,
    &rules::keyvault_secret_no_expiry::RULE,
    &rules::keyvault_secret_no_content_type::RULE,
    &rules::sql_auditing_disabled::RULE,
    &rules::sql_audit_retention_short::RULE,
    &rules::sql_threat_detection_off::RULE,
    &rules::sql_threat_alerts_disabled::RULE,
    &rules::sql_public_network_access::RULE,
    &rules::database_firewall_open::RULE,
    &rules::sql_tls_below_1_2::RULE,
    &rules::sql_no_entra_admin::RULE,
    &rules::postgres_ssl_enforcement_disabled::RULE,
    &rules::mysql_ssl_enforcement_disabled::RULE,
    &rules::postgres_public_network_access::RULE,
    &rules::mysql_public_network_access::RULE,
    &rules::postgres_geo_backup_disabled::RULE,
    &rules::mysql_geo_backup_disabled::RULE,
    &rules::postgres_log_parameter_off::RULE,
    &rules::postgres_connection_throttling_off::RULE,
    &rules::dbserver_tls_below_1_2::RULE,
    &rules::appservice_https_only_disabled::RULE,
    &rules::appservice_tls_below_1_2::RULE,
    &rules::appservice_ftps_allowed::RULE,
    &rules::appservice_client_cert_off::RULE,
    &rules::appservice_identity_missing::RULE,
    &rules::appservice_auth_disabled::RULE,
    &rules::appservice_http2_disabled::RULE,
    &rules::appservice_remote_debugging::RULE,
    &rules::vm_password_authentication::RULE,
    &rules::vm_extensions_allowed::RULE,
    &rules::vm_encryption_at_host::RULE,
    &rules::managed_disk_encryption_disabled::RULE,
    &rules::acr_admin_user::RULE,
    &rules::acr_public_network_access::RULE,
    &rules::acr_anonymous_pull::RULE,
    &rules::cosmosdb_public_network_access::RULE,
    &rules::cosmosdb_key_metadata_writes::RULE,
    &rules::cosmosdb_local_auth::RULE,
    &rules::monitor_log_retention_short::RULE,
    &rules::monitor_log_categories::RULE,
    &rules::security_alert_notifications_off::RULE,
    &rules::security_contact_no_phone::RULE,
    &rules::security_free_tier::RULE,
    &rules::security_auto_provisioning_off::RULE,
];
