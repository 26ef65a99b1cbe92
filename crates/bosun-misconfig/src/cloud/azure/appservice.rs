//! App Service web apps and Function Apps: the provider v2/v3 resources
//! (`azurerm_app_service`, `azurerm_function_app`), their v3+ replacements
//! (`azurerm_linux_web_app`, `azurerm_windows_function_app`, ...) and slots.

use super::common::{at, first};
use crate::cloud::{Attr, Deployment, Resource};

pub struct App<'a> {
    pub resource: &'a Resource,
    /// A Function App (otherwise a web app).
    pub function: bool,
    /// A provider v2/v3 `azurerm_app_service`/`azurerm_function_app` (or slot).
    pub legacy: bool,
    /// `https_only`, default false.
    pub https_only: Option<&'a Attr>,
    /// `site_config.minimum_tls_version` (v3+ resources) or `site_config.min_tls_version`; default `1.2`.
    pub min_tls_version: Option<&'a Attr>,
    /// `site_config.ftps_state`: `AllAllowed`, `FtpsOnly`, `Disabled`.
    pub ftps_state: Option<&'a Attr>,
    /// `client_certificate_enabled` (v3+), `client_cert_enabled` (legacy web app),
    /// or `client_cert_mode` (legacy function app, `Required`/`Optional`); default off.
    pub client_cert: Option<&'a Attr>,
    /// The `identity` block.
    pub identity: Option<&'a Attr>,
    /// `auth_settings { enabled }` or `auth_settings_v2 { auth_enabled }`; default off.
    pub auth: Option<&'a Attr>,
    /// `site_config.http2_enabled`, default false.
    pub http2: Option<&'a Attr>,
    /// `site_config.remote_debugging_enabled`, default false.
    pub remote_debugging: Option<&'a Attr>,
}

/// (kind, function app, legacy)
const KINDS: &[(&str, bool, bool)] = &[
    ("azurerm_app_service", false, true),
    ("azurerm_app_service_slot", false, true),
    ("azurerm_linux_web_app", false, false),
    ("azurerm_windows_web_app", false, false),
    ("azurerm_linux_web_app_slot", false, false),
    ("azurerm_windows_web_app_slot", false, false),
    ("azurerm_function_app", true, true),
    ("azurerm_function_app_slot", true, true),
    ("azurerm_linux_function_app", true, false),
    ("azurerm_windows_function_app", true, false),
    ("azurerm_linux_function_app_slot", true, false),
    ("azurerm_windows_function_app_slot", true, false),
];

pub fn apps(deployment: &Deployment) -> Vec<App<'_>> {
    let mut apps = Vec::new();
    for &(kind, function, legacy) in KINDS {
        for app in deployment.of_kind(kind) {
            let body = &app.body;
            let site = |key: &str| at(body, &["site_config", key]);
            let auth = at(body, &["auth_settings_v2", "auth_enabled"])
                .or_else(|| at(body, &["auth_settings", "enabled"]));
            apps.push(App {
                resource: app,
                function,
                legacy,
                https_only: first(body, &["https_only"]),
                min_tls_version: site("minimum_tls_version").or_else(|| site("min_tls_version")),
                ftps_state: site("ftps_state"),
                client_cert: first(
                    body,
                    &["client_certificate_enabled", "client_cert_enabled", "client_cert_mode"],
                ),
                identity: body.blocks("identity").next(),
                auth,
                http2: site("http2_enabled"),
                remote_debugging: site("remote_debugging_enabled"),
            });
        }
    }
    apps
}

impl App<'_> {
    pub fn what(&self) -> &'static str {
        if self.function {
            "function app"
        } else {
            "web app"
        }
    }
}

/// A setting that is on: `true`, or a legacy function app's `client_cert_mode = "Required"`.
pub fn is_on(attr: &Attr) -> bool {
    attr.is_true() || attr.as_str().is_some_and(|mode| mode.eq_ignore_ascii_case("Required"))
}

/// A setting that is known to be off: `false`, or a `client_cert_mode` other than `Required`.
pub fn is_off(attr: &Attr) -> bool {
    attr.is_false()
        || attr
            .as_str()
            .is_some_and(|mode| !mode.eq_ignore_ascii_case("Required") && attr.as_bool().is_none())
}
