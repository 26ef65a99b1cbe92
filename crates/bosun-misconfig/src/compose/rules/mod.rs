//! One file per rule. Add a rule: write its file here, then list it in `crate::registry`.

pub mod admin_port;
pub mod cpu_limit;
pub mod dangerous_capabilities;
pub mod database_port;
pub mod docker_socket;
pub mod environment_secret;
pub mod host_devices;
pub mod host_ipc;
pub mod host_network;
pub mod host_pid;
pub mod host_userns;
pub mod image_latest;
pub mod memory_limit;
pub mod no_new_privileges;
pub mod pids_limit;
pub mod privileged;
pub mod root_user;
pub mod security_opt_disabled;
pub mod sensitive_host_path;
pub mod user_not_set;
pub mod writable_root_fs;
