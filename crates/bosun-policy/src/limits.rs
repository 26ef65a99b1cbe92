use std::time::Duration;

/// Bounds on what policies and documents may cost. Policy paths and documents under
/// review are both hostile input: a webhook must answer within its timeout whatever
/// it is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest policy file read (`.rego` or YAML).
    pub max_file_bytes: u64,
    /// Most policy files one load accepts, over all paths.
    pub max_files: usize,
    /// Deepest directory nesting walked below a `--policy` directory.
    pub max_dir_depth: usize,
    /// Deepest nesting of arrays and objects in an evaluated document.
    pub max_input_depth: usize,
    /// Most values (scalars, arrays, objects) in an evaluated document.
    pub max_input_nodes: usize,
    /// Wall-clock budget of one policy evaluation; regorus checks it cooperatively.
    pub eval_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 1024 * 1024,
            max_files: 2_000,
            max_dir_depth: 16,
            max_input_depth: 64,
            max_input_nodes: 200_000,
            eval_timeout: Duration::from_millis(200),
        }
    }
}
