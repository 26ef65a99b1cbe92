//! Modules: reading a directory's configuration, module instances and their
//! calls (local sources, and remote ones `terraform init` downloaded), and the
//! lazily evaluated, memoised named values of each instance.

use super::eval::Eval;
use super::files::{is_tfvars_file, normalize, Files};
use super::limits;
use super::parse::{self, AttrDecl, Block, Body, Item};
use super::resources::{self, Expanded, Key};
use super::values::{attr, quote_key, restamp};
use super::Options;
use crate::cloud::deployment::Deployment;
use crate::cloud::value::{Attr, Value};
use bosun_core::{FileError, Span};
use std::cell::{Cell, RefCell};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// One directory's configuration.
#[derive(Debug, Default)]
pub(crate) struct ModuleConfig {
    pub dir: PathBuf,
    pub variables: Vec<Block>,
    pub locals: Vec<AttrDecl>,
    pub resources: Vec<Block>,
    pub modules: Vec<Block>,
    pub outputs: Vec<Block>,
    /// `terraform.tfvars`, `*.auto.tfvars`, ... in the order Terraform applies them.
    pub tfvars: Vec<Body>,
    /// `kind.name` → index in `resources`; local name → index in `locals`.
    resource_index: HashMap<String, usize>,
    local_index: HashMap<String, usize>,
}

impl ModuleConfig {
    fn local(&self, name: &str) -> Option<&AttrDecl> {
        self.local_index.get(name).map(|&i| &self.locals[i])
    }

    pub(crate) fn resource(&self, kind: &str, name: &str) -> Option<&Block> {
        self.resource_index.get(&format!("{kind}.{name}")).map(|&i| &self.resources[i])
    }

    fn index(&mut self) {
        for (i, block) in self.resources.iter().enumerate() {
            self.resource_index.entry(format!("{}.{}", block.labels[0], block.labels[1])).or_insert(i);
        }
        for (i, local) in self.locals.iter().enumerate() {
            self.local_index.entry(local.name.clone()).or_insert(i);
        }
    }
}

pub(crate) enum Slot<T> {
    Busy,
    Done(T),
}

/// One instance of a module: its variables' values and its memoised locals,
/// resources, module calls and outputs.
pub(crate) struct Instance {
    pub config: Rc<ModuleConfig>,
    /// `""` for the root, `module.a.` or `module.a["k"].` for a child.
    pub prefix: String,
    /// The call names from the root (`modules.json` keys).
    pub call_path: Vec<String>,
    pub depth: usize,
    pub ancestors: Vec<PathBuf>,
    pub vars: HashMap<String, Attr>,
    pub locals: RefCell<HashMap<String, Slot<Attr>>>,
    pub resources: RefCell<HashMap<String, Slot<Rc<Expanded>>>>,
    pub calls: RefCell<HashMap<String, Slot<Rc<Calls>>>>,
    pub outputs: RefCell<HashMap<String, Slot<Attr>>>,
}

/// The instances one `module` block makes.
pub(crate) struct Calls {
    pub counted: bool,
    pub for_each: bool,
    pub instances: Vec<(Key, Rc<Instance>)>,
}

/// Everything shared while one root module is evaluated.
pub(crate) struct Loader<'f> {
    pub files: &'f dyn Files,
    pub root_dir: PathBuf,
    pub deployment: RefCell<Deployment>,
    pub errors: RefCell<Vec<FileError>>,
    pub notes: RefCell<Vec<String>>,
    configs: RefCell<HashMap<PathBuf, Rc<ModuleConfig>>>,
    remote: RefCell<Option<Vec<(String, String)>>>,
    pub depth: Cell<usize>,
    pub budget: Cell<u64>,
    pub resource_count: Cell<usize>,
    module_instances: Cell<usize>,
    bytes_read: Cell<usize>,
    noted: RefCell<BTreeSet<String>>,
}

impl<'f> Loader<'f> {
    pub(crate) fn new(files: &'f dyn Files, root_dir: &Path) -> Self {
        Loader {
            files,
            root_dir: normalize(root_dir),
            deployment: RefCell::default(),
            errors: RefCell::default(),
            notes: RefCell::default(),
            configs: RefCell::default(),
            remote: RefCell::default(),
            depth: Cell::new(0),
            budget: Cell::new(limits::EVAL_STEPS),
            resource_count: Cell::new(0),
            module_instances: Cell::new(0),
            bytes_read: Cell::new(0),
            noted: RefCell::default(),
        }
    }

    /// Adds a note once.
    pub(crate) fn note(&self, note: impl Into<String>) {
        let note = note.into();
        if self.noted.borrow_mut().insert(note.clone()) {
            self.notes.borrow_mut().push(note);
        }
    }

    pub(crate) fn add_file(&self, path: &Path) -> u32 {
        let display = self.files.display(path);
        let mut deployment = self.deployment.borrow_mut();
        deployment.files.push(display);
        (deployment.files.len() - 1) as u32
    }

    /// Reads a file within the per-file and per-load byte limits.
    pub(crate) fn read(&self, path: &Path, limit: usize) -> Result<String, String> {
        let left = limits::TOTAL_BYTES.saturating_sub(self.bytes_read.get());
        let text = self.files.read(path, limit.min(left))?;
        self.bytes_read.set(self.bytes_read.get() + text.len());
        Ok(text)
    }

    /// Reads (once) the configuration of a directory.
    pub(crate) fn config(&self, dir: &Path, root: bool) -> Rc<ModuleConfig> {
        let dir = normalize(dir);
        if let Some(config) = self.configs.borrow().get(&dir) {
            return config.clone();
        }
        let mut config = ModuleConfig { dir: dir.clone(), ..Default::default() };
        let mut tfvars: Vec<(u8, String, Body)> = Vec::new();
        let mut overrides: Vec<Body> = Vec::new();
        for path in self.files.terraform_files(&dir) {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
            let order = match name.as_str() {
                "terraform.tfvars" => 0,
                "terraform.tfvars.json" => 1,
                n if n.ends_with(".auto.tfvars") || n.ends_with(".auto.tfvars.json") => 2,
                n if is_tfvars_file(n) => continue,
                _ => 3,
            };
            if order < 3 && !root {
                continue;
            }
            let Some(body) = self.parse_file(&path, order < 3) else { continue };
            if order < 3 {
                tfvars.push((order, name, body));
            } else if is_override_file(&name) {
                overrides.push(body);
            } else {
                add_body(&mut config, body);
            }
        }
        // Override files apply after every other file, in name order (Terraform's rule).
        for body in overrides {
            apply_override(&mut config, body);
        }
        tfvars.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
        config.tfvars = tfvars.into_iter().map(|(_, _, body)| body).collect();
        config.index();
        let config = Rc::new(config);
        self.configs.borrow_mut().insert(dir, config.clone());
        config
    }

    /// Reads and parses one file, recording it in the deployment's files (and any error).
    pub(crate) fn parse_file(&self, path: &Path, tfvars: bool) -> Option<Body> {
        let file = self.add_file(path);
        let display = self.files.display(path);
        let text = match self.read(path, limits::FILE_BYTES) {
            Ok(text) => text,
            Err(message) => {
                self.errors.borrow_mut().push(FileError {
                    path: display,
                    line: None,
                    message: format!("not read: {message}"),
                });
                return None;
            }
        };
        let json = path.to_string_lossy().ends_with(".json");
        let parsed = match (json, tfvars) {
            (true, true) => parse::parse_tfvars_json(&display, &text, file),
            (true, false) => parse::parse_tf_json(&display, &text, file),
            (false, _) => parse::parse_hcl(&display, &text, file),
        };
        match parsed {
            Ok(body) => Some(body),
            Err(error) => {
                self.errors.borrow_mut().push(error);
                None
            }
        }
    }

    /// The directory `terraform init` put a remote module in, from `.terraform/modules/modules.json`.
    fn remote_dir(&self, key: &str) -> Option<PathBuf> {
        if self.remote.borrow().is_none() {
            let path = self.root_dir.join(".terraform/modules/modules.json");
            let list = self
                .files
                .read(&path, limits::FILE_BYTES)
                .ok()
                .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
                .and_then(|json| {
                    let modules = json.get("Modules")?.as_array()?;
                    Some(
                        modules
                            .iter()
                            .filter_map(|m| {
                                Some((
                                    m.get("Key")?.as_str()?.to_string(),
                                    m.get("Dir")?.as_str()?.to_string(),
                                ))
                            })
                            .collect::<Vec<_>>(),
                    )
                })
                .unwrap_or_default();
            *self.remote.borrow_mut() = Some(list);
        }
        let remote = self.remote.borrow();
        let (_, dir) = remote.as_ref()?.iter().find(|(k, _)| k == key)?;
        Some(normalize(&self.root_dir.join(dir)))
    }

    /// Takes one evaluation step; false once the load's budget is spent.
    pub(crate) fn step(&self, cost: u64) -> bool {
        let left = self.budget.get();
        if left < cost {
            if left > 0 {
                self.budget.set(0);
            }
            self.note(format!(
                "evaluation stopped after {} steps; values not yet evaluated are unknown",
                limits::EVAL_STEPS
            ));
            return false;
        }
        self.budget.set(left - cost);
        true
    }

    /// Root variables: defaults, then tfvars files, then the options' var files and `-var`s.
    pub(crate) fn root_vars(&self, config: &ModuleConfig, options: &Options) -> HashMap<String, Attr> {
        let mut given: HashMap<String, Attr> = HashMap::new();
        let mut take = |body: &Body, loader: &Loader| {
            for item in &body.items {
                if let Item::Attr(decl) = item {
                    let value = Eval::detached(loader)
                        .eval(&decl.expr)
                        .unwrap_or_else(|_| Attr::unknown(decl.span, decl.file));
                    given.insert(decl.name.clone(), value);
                }
            }
        };
        for body in &config.tfvars {
            take(body, self);
        }
        for path in &options.var_files {
            let path = normalize(path);
            if let Some(body) = self.parse_file(&path, true) {
                take(&body, self);
            }
        }
        for (name, text) in &options.vars {
            let declared = config.variables.iter().find(|v| v.labels[0] == *name);
            let complex = declared.is_some_and(|v| variable_type(v).is_none_or(|t| t == "complex"));
            let trimmed = text.trim_start();
            let value = if complex && (trimmed.starts_with('[') || trimmed.starts_with('{')) {
                parse::parse_expression(text, 0)
                    .and_then(|expr| Eval::detached(self).eval(&expr).ok())
                    .unwrap_or_else(|| Attr::unknown(Span::default(), 0))
            } else {
                attr(Value::String(text.clone()), Span::default(), 0)
            };
            given.insert(name.clone(), value);
        }
        let mut vars = HashMap::new();
        for variable in &config.variables {
            let name = &variable.labels[0];
            let value = match given.remove(name) {
                Some(value) => value,
                None => default_value(self, variable),
            };
            vars.insert(name.clone(), convert_type(value, variable));
        }
        vars
    }

    /// The module instances of a `module` block, evaluated once per instance.
    pub(crate) fn calls(&self, inst: &Instance, name: &str) -> Option<Rc<Calls>> {
        match inst.calls.borrow().get(name) {
            Some(Slot::Done(calls)) => return Some(calls.clone()),
            Some(Slot::Busy) => return None,
            None => {}
        }
        let block = inst.config.modules.iter().find(|b| b.labels[0] == name)?;
        inst.calls.borrow_mut().insert(name.to_string(), Slot::Busy);
        let calls = Rc::new(self.expand_call(inst, block));
        inst.calls.borrow_mut().insert(name.to_string(), Slot::Done(calls.clone()));
        Some(calls)
    }

    fn expand_call(&self, inst: &Instance, block: &Block) -> Calls {
        let name = &block.labels[0];
        let address = format!("{}module.{name}", inst.prefix);
        let empty = Calls { counted: false, for_each: false, instances: Vec::new() };
        let Some(source) = block.body.attr("source").and_then(|a| a.expr.literal_str()) else {
            self.note(format!("{address}: the module source is not a literal string; not scanned"));
            return empty;
        };
        let mut call_path = inst.call_path.clone();
        call_path.push(name.clone());
        let dir = if source.starts_with("./") || source.starts_with("../") {
            normalize(&inst.config.dir.join(source))
        } else {
            match self.remote_dir(&call_path.join(".")) {
                Some(dir) => dir,
                None => {
                    self.note(format!(
                        "{address}: remote module \"{source}\" is not downloaded (run `terraform init`); not scanned"
                    ));
                    return empty;
                }
            }
        };
        if inst.depth + 1 > limits::MODULE_DEPTH {
            self.note(format!("{address}: modules nested deeper than {}; not scanned", limits::MODULE_DEPTH));
            return empty;
        }
        if inst.ancestors.contains(&dir) || dir == inst.config.dir {
            self.note(format!("{address}: the module calls itself (a module cycle); not scanned"));
            return empty;
        }
        if self.files.terraform_files(&dir).is_empty() {
            self.note(format!("{address}: no Terraform files in \"{source}\"; not scanned"));
            return empty;
        }
        let config = self.config(&dir, false);
        let expansion = resources::expansion(self, inst, &block.body, &address);
        let mut calls =
            Calls { counted: expansion.counted, for_each: expansion.for_each, instances: Vec::new() };
        for (key, bindings) in expansion.instances {
            let used = self.module_instances.get() + 1;
            if used > limits::MODULE_INSTANCES {
                self.note(format!(
                    "more than {} module instances; {address} and later ones not scanned",
                    limits::MODULE_INSTANCES
                ));
                break;
            }
            self.module_instances.set(used);
            let mut vars = HashMap::new();
            for variable in &config.variables {
                let var = &variable.labels[0];
                let value = match block.body.attr(var) {
                    Some(decl) => {
                        let mut eval = Eval::new(self, inst, bindings.clone());
                        eval.eval(&decl.expr).unwrap_or_else(|_| Attr::unknown(decl.span, decl.file))
                    }
                    None => default_value(self, variable),
                };
                vars.insert(var.clone(), convert_type(value, variable));
            }
            let mut ancestors = inst.ancestors.clone();
            ancestors.push(inst.config.dir.clone());
            let prefix = format!("{}module.{name}{}.", inst.prefix, key.suffix());
            calls.instances.push((
                key,
                Rc::new(Instance::new(
                    config.clone(),
                    prefix,
                    call_path.clone(),
                    inst.depth + 1,
                    ancestors,
                    vars,
                )),
            ));
        }
        calls
    }

    /// A local value, evaluated once; a cycle makes it unknown.
    pub(crate) fn local(&self, inst: &Instance, name: &str) -> Option<Attr> {
        match inst.locals.borrow().get(name) {
            Some(Slot::Done(value)) => return Some(value.clone()),
            Some(Slot::Busy) => {
                self.note(format!("{}local.{name} is part of a cycle; its value is unknown", inst.prefix));
                return Some(Attr::unknown(Span::default(), 0));
            }
            None => {}
        }
        let decl = inst.config.local(name)?;
        inst.locals.borrow_mut().insert(name.to_string(), Slot::Busy);
        let value = Eval::new(self, inst, Vec::new())
            .eval(&decl.expr)
            .unwrap_or_else(|_| Attr::unknown(decl.span, decl.file));
        let value = restamp(value, decl.span, decl.file);
        inst.locals.borrow_mut().insert(name.to_string(), Slot::Done(value.clone()));
        Some(value)
    }

    /// A module output, evaluated once.
    pub(crate) fn output(&self, inst: &Instance, name: &str) -> Option<Attr> {
        match inst.outputs.borrow().get(name) {
            Some(Slot::Done(value)) => return Some(value.clone()),
            Some(Slot::Busy) => return Some(Attr::unknown(Span::default(), 0)),
            None => {}
        }
        let block = inst.config.outputs.iter().find(|b| b.labels[0] == name)?;
        let Some(decl) = block.body.attr("value") else { return Some(Attr::unknown(block.span, block.file)) };
        inst.outputs.borrow_mut().insert(name.to_string(), Slot::Busy);
        let value = Eval::new(self, inst, Vec::new())
            .eval(&decl.expr)
            .unwrap_or_else(|_| Attr::unknown(decl.span, decl.file));
        inst.outputs.borrow_mut().insert(name.to_string(), Slot::Done(value.clone()));
        Some(value)
    }

    /// Every output of an instance, as an object.
    pub(crate) fn outputs(&self, inst: &Instance) -> Attr {
        let entries = inst
            .config
            .outputs
            .iter()
            .filter_map(|b| Some((b.labels[0].clone(), self.output(inst, &b.labels[0])?)))
            .collect();
        attr(Value::Object(entries), Span::default(), 0)
    }

    /// Evaluates every resource and module of an instance, depth first.
    pub(crate) fn evaluate_all(&self, inst: &Instance) {
        for block in &inst.config.resources {
            resources::resource(self, inst, &block.labels[0], &block.labels[1]);
        }
        for block in &inst.config.modules {
            if let Some(calls) = self.calls(inst, &block.labels[0]) {
                for (_, child) in &calls.instances {
                    self.evaluate_all(child);
                }
            }
        }
    }

    /// The evaluated resources of an instance and its children, in declaration order.
    pub(crate) fn collect(&self, inst: &Instance, out: &mut Vec<crate::cloud::Resource>) {
        for block in &inst.config.resources {
            let key = format!("{}.{}", block.labels[0], block.labels[1]);
            if let Some(Slot::Done(expanded)) = inst.resources.borrow().get(&key) {
                out.extend(expanded.instances.iter().map(|(_, r)| r.clone()));
            }
        }
        for block in &inst.config.modules {
            if let Some(Slot::Done(calls)) = inst.calls.borrow().get(&block.labels[0]) {
                for (_, child) in &calls.instances {
                    self.collect(child, out);
                }
            }
        }
    }
}

impl Instance {
    pub(crate) fn new(
        config: Rc<ModuleConfig>,
        prefix: String,
        call_path: Vec<String>,
        depth: usize,
        ancestors: Vec<PathBuf>,
        vars: HashMap<String, Attr>,
    ) -> Self {
        Instance {
            config,
            prefix,
            call_path,
            depth,
            ancestors,
            vars,
            locals: RefCell::default(),
            resources: RefCell::default(),
            calls: RefCell::default(),
            outputs: RefCell::default(),
        }
    }

    /// `path.module`: the module's directory relative to the root's.
    pub(crate) fn path_module(&self, root: &Path) -> String {
        let dir = &self.config.dir;
        let relative = dir.strip_prefix(root).map(Path::to_path_buf).unwrap_or_else(|_| dir.clone());
        let text = relative.to_string_lossy().replace('\\', "/");
        if text.is_empty() {
            ".".into()
        } else {
            text
        }
    }
}

impl Key {
    /// `[0]`, `["a"]`, or nothing.
    pub(crate) fn suffix(&self) -> String {
        match self {
            Key::None | Key::Unknown => String::new(),
            Key::Index(i) => format!("[{i}]"),
            Key::Name(name) => format!("[{}]", quote_key(name)),
        }
    }
}

fn add_body(config: &mut ModuleConfig, body: Body) {
    for item in body.items {
        let Item::Block(block) = item else { continue };
        match (block.ident.as_str(), block.labels.len()) {
            ("variable", 1) => config.variables.push(block),
            ("resource", 2) => config.resources.push(block),
            ("module", 1) => config.modules.push(block),
            ("output", 1) => config.outputs.push(block),
            ("locals", 0) => {
                for item in block.body.items {
                    if let Item::Attr(decl) = item {
                        config.locals.push(decl);
                    }
                }
            }
            _ => {}
        }
    }
}

/// `override.tf`, `main_override.tf` and their JSON spellings.
fn is_override_file(name: &str) -> bool {
    let stem = name.strip_suffix(".tf.json").or_else(|| name.strip_suffix(".tf")).unwrap_or(name);
    stem == "override" || stem.ends_with("_override")
}

/// Merges an override file into the module: a block overrides the block of the
/// same type and labels (its attributes replace the original's one by one, its
/// nested blocks replace every original block of their type); locals replace
/// locals of the same name. Blocks that override nothing are ignored, as
/// Terraform rejects them.
fn apply_override(config: &mut ModuleConfig, body: Body) {
    for item in body.items {
        let Item::Block(block) = item else { continue };
        let target = match (block.ident.as_str(), block.labels.len()) {
            ("variable", 1) => &mut config.variables,
            ("resource", 2) => &mut config.resources,
            ("module", 1) => &mut config.modules,
            ("output", 1) => &mut config.outputs,
            ("locals", 0) => {
                for item in block.body.items {
                    if let Item::Attr(decl) = item {
                        match config.locals.iter_mut().find(|l| l.name == decl.name) {
                            Some(local) => *local = decl,
                            None => config.locals.push(decl),
                        }
                    }
                }
                continue;
            }
            _ => continue,
        };
        if let Some(original) = target.iter_mut().find(|b| b.labels == block.labels) {
            merge_block(original, block);
        }
    }
}

fn merge_block(original: &mut Block, over: Block) {
    let replaced: Vec<String> = over
        .body
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Block(b) => Some(b.ident.clone()),
            Item::Attr(_) => None,
        })
        .collect();
    original.body.items.retain(|item| !matches!(item, Item::Block(b) if replaced.contains(&b.ident)));
    for item in over.body.items {
        match item {
            Item::Attr(decl) => {
                let existing = original
                    .body
                    .items
                    .iter_mut()
                    .find(|i| matches!(i, Item::Attr(a) if a.name == decl.name));
                match existing {
                    Some(slot) => *slot = Item::Attr(decl),
                    None => original.body.items.push(Item::Attr(decl)),
                }
            }
            block @ Item::Block(_) => original.body.items.push(block),
        }
    }
}

fn default_value(loader: &Loader, variable: &Block) -> Attr {
    match variable.body.attr("default") {
        Some(decl) => Eval::detached(loader)
            .eval(&decl.expr)
            .map(|v| restamp(v, decl.span, decl.file))
            .unwrap_or_else(|_| Attr::unknown(decl.span, decl.file)),
        None => Attr::unknown(variable.span, variable.file),
    }
}

/// `string`, `number`, `bool`, `complex` (a collection or object type), or `None` (`any`, absent).
fn variable_type(variable: &Block) -> Option<&'static str> {
    let decl = variable.body.attr("type")?;
    let parse::Expr::Hcl { expr, .. } = &decl.expr else { return None };
    match expr {
        hcl_edit::expr::Expression::Variable(v) => match v.as_str() {
            "string" => Some("string"),
            "number" => Some("number"),
            "bool" => Some("bool"),
            _ => None,
        },
        hcl_edit::expr::Expression::FuncCall(_) => Some("complex"),
        _ => None,
    }
}

/// The obvious conversions a variable's primitive type makes.
fn convert_type(value: Attr, variable: &Block) -> Attr {
    let (span, file) = (value.span, value.file);
    let converted = match (variable_type(variable), &value.value) {
        (Some("number"), Value::String(s)) => s.trim().parse::<f64>().ok().map(Value::Number),
        (Some("bool"), Value::String(s)) if s == "true" || s == "false" => Some(Value::Bool(s == "true")),
        (Some("string"), Value::Number(n)) => Some(Value::String(super::values::format_number(*n))),
        (Some("string"), Value::Bool(b)) => Some(Value::String(b.to_string())),
        _ => None,
    };
    match converted {
        Some(v) => attr(v, span, file),
        None => value,
    }
}
