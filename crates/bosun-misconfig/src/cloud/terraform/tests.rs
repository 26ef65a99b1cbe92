//! Tests of the Terraform evaluator: one focused test per feature.

use super::*;
use crate::cloud::value::{Attr, Value};
use crate::cloud::Resource;

fn load(files: &[(&str, &str)]) -> Loaded {
    load_with(files, Options::default())
}

fn load_with(files: &[(&str, &str)], options: Options) -> Loaded {
    let mut memory = MemFiles::new();
    for (path, text) in files {
        memory.add(path, *text);
    }
    load_module_dir(&memory, Path::new("root"), &options)
}

fn resource<'a>(loaded: &'a Loaded, address: &str) -> &'a Resource {
    loaded.deployment.resources.iter().find(|r| r.address == address).unwrap_or_else(|| {
        let addresses: Vec<&str> = loaded.deployment.resources.iter().map(|r| r.address.as_str()).collect();
        panic!("no {address} in {addresses:?}; notes {:?}; errors {:?}", loaded.notes, loaded.errors)
    })
}

fn get<'a>(loaded: &'a Loaded, address: &str, key: &str) -> &'a Attr {
    resource(loaded, address).get(key).unwrap_or_else(|| panic!("{address} has no {key}"))
}

fn string(value: &str) -> Value {
    Value::String(value.to_string())
}

fn one(text: &str) -> Loaded {
    load(&[("root/main.tf", text)])
}

/// The value of `local.x` (through a resource attribute).
fn eval(expression: &str) -> Value {
    let text = format!("locals {{\n x = {expression}\n}}\nresource \"t_r\" \"r\" {{\n v = local.x\n}}\n");
    get(&one(&text), "t_r.r", "v").value.clone()
}

fn eval_str(expression: &str) -> String {
    match eval(expression) {
        Value::String(s) => s,
        other => panic!("{expression} gave {other:?}"),
    }
}

#[test]
fn literals_and_nested_blocks_keep_their_lines() {
    let loaded = one(
        "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"logs\"\n  versioning {\n    enabled = true\n  }\n}\n",
    );
    let bucket = resource(&loaded, "aws_s3_bucket.b");
    assert_eq!(bucket.get("bucket").unwrap().value, string("logs"));
    assert_eq!(bucket.get("bucket").unwrap().span.start_line, 2);
    assert!(bucket.path(&["versioning", "enabled"]).unwrap().is_true());
    assert_eq!(bucket.span.start_line, 1);
    assert_eq!(loaded.deployment.files, vec!["root/main.tf".to_string()]);
}

#[test]
fn load_files_reads_one_module_from_memory() {
    let loaded = load_files(&[(
        "main.tf".into(),
        "resource \"aws_kms_key\" \"k\" {}\nresource \"aws_s3_bucket\" \"b\" { key = aws_kms_key.k.arn }\n"
            .into(),
    )]);
    assert_eq!(loaded.deployment.files, vec!["main.tf".to_string()]);
    assert_eq!(get(&loaded, "aws_s3_bucket.b", "key").value, Value::Reference("aws_kms_key.k".into()));
}

#[test]
fn references_give_the_literal_when_set_and_the_address_otherwise() {
    let loaded = one(r#"
resource "aws_s3_bucket" "logs" {
  bucket = "my-logs"
}
resource "aws_s3_bucket_logging" "l" {
  bucket        = aws_s3_bucket.logs.id
  target_bucket = aws_s3_bucket.logs.bucket
  whole         = aws_s3_bucket.logs
  text          = "${aws_s3_bucket.logs.arn}/*"
}
"#);
    let address = "aws_s3_bucket_logging.l";
    assert_eq!(get(&loaded, address, "bucket").value, Value::Reference("aws_s3_bucket.logs".into()));
    assert_eq!(get(&loaded, address, "target_bucket").value, string("my-logs"));
    assert_eq!(get(&loaded, address, "whole").value, Value::Reference("aws_s3_bucket.logs".into()));
    assert_eq!(get(&loaded, address, "text").value, Value::Unknown);
}

#[test]
fn variables_come_from_defaults_tfvars_and_options_in_order() {
    let files = [
        (
            "root/main.tf",
            r#"
variable "a" { default = "default" }
variable "b" { default = "default" }
variable "c" { default = "default" }
variable "d" {}
variable "n" { type = number }
resource "t_r" "r" {
  a = var.a
  b = var.b
  c = var.c
  d = var.d
  n = var.n
}
"#,
        ),
        ("root/terraform.tfvars", "a = \"tfvars\"\nb = \"tfvars\"\nc = \"tfvars\"\n"),
        ("root/x.auto.tfvars.json", "{\"b\": \"auto\", \"c\": \"auto\"}"),
        ("root/prod.tfvars", "c = \"var-file\"\n"),
    ];
    let loaded = load(&files);
    assert_eq!(get(&loaded, "t_r.r", "a").value, string("tfvars"));
    assert_eq!(get(&loaded, "t_r.r", "b").value, string("auto"));
    assert_eq!(get(&loaded, "t_r.r", "c").value, string("auto"));
    assert_eq!(get(&loaded, "t_r.r", "d").value, Value::Unknown, "no value: unknown");
    let options = Options {
        var_files: vec![PathBuf::from("root/prod.tfvars")],
        vars: vec![("a".into(), "cli".into()), ("n".into(), "3".into())],
    };
    let loaded = load_with(&files, options);
    assert_eq!(get(&loaded, "t_r.r", "a").value, string("cli"));
    assert_eq!(get(&loaded, "t_r.r", "c").value, string("var-file"));
    assert_eq!(get(&loaded, "t_r.r", "n").value, Value::Number(3.0), "-var converted to the number type");
}

#[test]
fn var_options_override_var_files() {
    let files = [
        ("root/main.tf", "variable \"x\" {}\nresource \"t_r\" \"r\" { x = var.x }\n"),
        ("f.tfvars", "x = \"file\""),
    ];
    let options = Options { var_files: vec!["f.tfvars".into()], vars: vec![("x".into(), "flag".into())] };
    assert_eq!(get(&load_with(&files, options), "t_r.r", "x").value, string("flag"));
}

#[test]
fn locals_chain_in_any_order() {
    let loaded = one(r#"
resource "t_r" "r" { name = local.c }
locals {
  c = "${local.b}-c"
  b = upper(local.a)
}
locals { a = "a" }
"#);
    assert_eq!(get(&loaded, "t_r.r", "name").value, string("A-c"));
}

#[test]
fn cyclic_locals_are_unknown_with_a_note() {
    let loaded = one("locals {\n a = local.b\n b = local.a\n c = \"ok\"\n}\nresource \"t_r\" \"r\" {\n x = local.a\n y = local.c\n}\n");
    assert_eq!(get(&loaded, "t_r.r", "x").value, Value::Unknown);
    assert_eq!(get(&loaded, "t_r.r", "y").value, string("ok"));
    assert!(loaded.notes.iter().any(|n| n.contains("cycle")), "{:?}", loaded.notes);
}

#[test]
fn templates_heredocs_and_strip_markers() {
    assert_eq!(eval_str("\"a-${1 + 2}-${true}\""), "a-3-true");
    assert_eq!(eval_str("\"%{ for x in [\"a\", \"b\"] ~}${x}%{ endfor ~}\""), "ab");
    assert_eq!(eval_str("\"%{ if 1 > 2 }yes%{ else }no%{ endif }\""), "no");
    assert_eq!(eval_str("\"$${not} %%{not}\""), "${not} %{not}");
    let heredoc = eval_str("<<-EOT\n    {\n      \"a\": 1\n    }\n  EOT");
    assert_eq!(heredoc, "{\n  \"a\": 1\n}\n");
    assert_eq!(
        eval("\"${[1]}\""),
        Value::List(vec![Attr::new(Value::Number(1.0), bosun_core::Span::line(2), 0)])
    );
}

#[test]
fn operators_conditionals_for_and_splats() {
    assert_eq!(eval("1 + 2 * 3 - 4 / 2"), Value::Number(5.0));
    assert_eq!(eval("5 % 3 == 2 && !false"), Value::Bool(true));
    assert_eq!(eval("\"a\" == \"b\" ? \"x\" : \"y\""), string("y"));
    assert_eq!(eval_str("join(\",\", [for s in [\"a\", \"b\"] : upper(s)])"), "A,B");
    assert_eq!(eval_str("jsonencode({for k, v in {b = 2, a = 1} : v => k if v > 1})"), "{\"2\":\"b\"}");
    assert_eq!(
        eval_str("jsonencode({for s in [\"a\", \"b\", \"a\"] : s => s...})"),
        "{\"a\":[\"a\",\"a\"],\"b\":[\"b\"]}"
    );
    assert_eq!(eval_str("jsonencode([{n = 1}, {n = 2}][*].n)"), "[1,2]");
    // An unknown condition picks nothing unless both sides agree.
    assert_eq!(eval("terraform.workspace == \"prod\" ? \"a\" : \"b\""), Value::Unknown);
    assert_eq!(eval("terraform.workspace == \"prod\" ? \"a\" : \"a\""), string("a"));
    assert_eq!(eval("data.aws_caller_identity.me.account_id"), Value::Unknown);
}

#[test]
fn functions_compute_what_they_can() {
    assert_eq!(eval_str("jsonencode(merge({a = 1}, {b = 2}, {a = 3}))"), "{\"a\":3,\"b\":2}");
    assert_eq!(eval_str("lookup({a = \"x\"}, \"b\", \"dflt\")"), "dflt");
    assert_eq!(eval_str("jsonencode(concat([1], [2, 3]))"), "[1,2,3]");
    assert_eq!(eval_str("jsondecode(\"{\\\"a\\\": [1]}\").a[0] == 1 ? \"yes\" : \"no\""), "yes");
    assert_eq!(eval_str("format(\"%s-%d-%.1f\", \"a\", 7, 1.25)"), "a-7-1.2");
    assert_eq!(eval_str("coalesce(\"\", \"b\")"), "b");
    assert_eq!(eval_str("try(local.missing, {}.nope, \"fallback\")"), "fallback");
    assert_eq!(eval("can({}.nope)"), Value::Bool(false));
    assert_eq!(eval("length(split(\",\", \"a,b,c\"))"), Value::Number(3.0));
    assert_eq!(eval_str("element([\"a\", \"b\"], 3)"), "b");
    assert_eq!(eval_str("join(\"\", keys({b = 1, a = 2}))"), "ab");
    assert_eq!(eval("contains([\"a\"], \"a\")"), Value::Bool(true));
    assert_eq!(eval_str("replace(lower(trimspace(\" A-B \")), \"-\", \"_\")"), "a_b");
    assert_eq!(eval_str("replace(\"a1b22\", \"/[0-9]+/\", \"#\")"), "a#b#");
    assert_eq!(eval_str("substr(\"hello\", 1, 3)"), "ell");
    assert_eq!(eval_str("jsonencode(flatten([[1], [2, [3]]]))"), "[1,2,3]");
    assert_eq!(eval_str("jsonencode(distinct(compact([\"a\", \"\", \"a\", \"b\"])))"), "[\"a\",\"b\"]");
    assert_eq!(eval_str("jsonencode(zipmap([\"a\"], [1]))"), "{\"a\":1}");
    assert_eq!(eval_str("cidrsubnet(\"10.0.0.0/16\", 8, 2)"), "10.0.2.0/24");
    assert_eq!(eval_str("cidrhost(\"10.0.1.0/24\", 5)"), "10.0.1.5");
    assert_eq!(eval_str("base64decode(base64encode(\"hi there\"))"), "hi there");
    assert_eq!(eval_str("tostring(tonumber(\"42\"))"), "42");
    assert_eq!(eval_str("join(\",\", toset([\"b\", \"a\", \"b\"]))"), "a,b");
    assert_eq!(eval("timestamp()"), Value::Unknown);
    assert_eq!(eval("no_such_function(1)"), Value::Unknown);
    assert_eq!(eval("upper(var.undeclared)"), Value::Unknown);
}

#[test]
fn file_and_templatefile_read_inside_the_module_only() {
    let loaded = load(&[
        (
            "root/main.tf",
            r#"
resource "t_r" "r" {
  policy  = file("${path.module}/policy.json")
  rendered = templatefile("${path.module}/t.tpl", { name = "x" })
  outside = file("../secret.txt")
}
"#,
        ),
        ("root/policy.json", "{\"Version\": \"2012-10-17\"}"),
        ("root/t.tpl", "hello ${name}"),
        ("secret.txt", "secret"),
    ]);
    assert_eq!(get(&loaded, "t_r.r", "policy").value, string("{\"Version\": \"2012-10-17\"}"));
    assert_eq!(get(&loaded, "t_r.r", "rendered").value, string("hello x"));
    assert_eq!(get(&loaded, "t_r.r", "outside").value, Value::Unknown);
}

#[test]
fn count_and_for_each_expand_instances() {
    let loaded = one(r#"
variable "names" { default = ["b", "a"] }
resource "aws_s3_bucket" "c" {
  count  = 2
  bucket = "bucket-${count.index}"
}
resource "aws_s3_bucket" "e" {
  for_each = toset(var.names)
  bucket   = "bucket-${each.key}"
}
resource "aws_s3_bucket" "m" {
  for_each = { x = { acl = "private" } }
  acl      = each.value.acl
}
resource "aws_s3_bucket" "none" {
  count = 0
}
resource "aws_s3_bucket" "u" {
  count  = length(data.x.y.ids)
  bucket = "u-${count.index}"
  key    = aws_s3_bucket.c[1].bucket
  keys   = aws_s3_bucket.c[*].bucket
  other  = aws_s3_bucket.e["a"].arn
}
"#);
    let addresses: Vec<&str> = loaded.deployment.resources.iter().map(|r| r.address.as_str()).collect();
    assert_eq!(
        addresses,
        [
            "aws_s3_bucket.c[0]",
            "aws_s3_bucket.c[1]",
            "aws_s3_bucket.e[\"a\"]",
            "aws_s3_bucket.e[\"b\"]",
            "aws_s3_bucket.m[\"x\"]",
            "aws_s3_bucket.u"
        ]
    );
    assert_eq!(get(&loaded, "aws_s3_bucket.c[1]", "bucket").value, string("bucket-1"));
    assert_eq!(get(&loaded, "aws_s3_bucket.e[\"b\"]", "bucket").value, string("bucket-b"));
    assert_eq!(get(&loaded, "aws_s3_bucket.m[\"x\"]", "acl").value, string("private"));
    assert_eq!(get(&loaded, "aws_s3_bucket.u", "bucket").value, Value::Unknown);
    assert_eq!(get(&loaded, "aws_s3_bucket.u", "key").value, string("bucket-1"));
    assert_eq!(get(&loaded, "aws_s3_bucket.u", "keys").strings(), ["bucket-0", "bucket-1"]);
    assert_eq!(
        get(&loaded, "aws_s3_bucket.u", "other").value,
        Value::Reference("aws_s3_bucket.e[\"a\"]".into())
    );
}

#[test]
fn dynamic_blocks_expand_into_nested_blocks() {
    let loaded = one(r#"
locals {
  rules = [{ port = 22, cidr = "0.0.0.0/0" }, { port = 443, cidr = "10.0.0.0/8" }]
}
resource "aws_security_group" "g" {
  dynamic "ingress" {
    for_each = local.rules
    iterator = rule
    content {
      from_port   = rule.value.port
      cidr_blocks = [rule.value.cidr]
      dynamic "tag" {
        for_each = { a = "1" }
        content {
          key = "${tag.key}-${rule.key}"
        }
      }
    }
  }
  dynamic "egress" {
    for_each = var.unknown_rules
    content {
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
}
variable "unknown_rules" {}
"#);
    let group = resource(&loaded, "aws_security_group.g");
    let ingress: Vec<&Attr> = group.blocks("ingress").collect();
    assert_eq!(ingress.len(), 2);
    assert_eq!(ingress[0].get("from_port").unwrap().value, Value::Number(22.0));
    assert_eq!(ingress[1].get("cidr_blocks").unwrap().strings(), ["10.0.0.0/8"]);
    assert_eq!(ingress[1].path(&["tag", "key"]).unwrap().value, string("a-1"));
    assert_eq!(group.blocks("egress").count(), 1, "unknown for_each: one block");
}

#[test]
fn local_modules_get_inputs_outputs_addresses_and_their_own_files() {
    let loaded = load(&[
        (
            "root/main.tf",
            r#"
module "logs" {
  source = "./modules/bucket"
  name   = "logs"
}
module "many" {
  source   = "./modules/bucket"
  for_each = toset(["x", "y"])
  name     = each.key
}
resource "aws_s3_bucket_policy" "p" {
  bucket = module.logs.id
  name   = module.logs.name
  other  = module.many["y"].name
}
"#,
        ),
        (
            "root/modules/bucket/main.tf",
            r#"
variable "name" {}
variable "acl" { default = "private" }
resource "aws_s3_bucket" "this" {
  bucket = "${var.name}-bucket"
  acl    = var.acl
}
output "id" { value = aws_s3_bucket.this.id }
output "name" { value = aws_s3_bucket.this.bucket }
"#,
        ),
    ]);
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    let bucket = resource(&loaded, "module.logs.aws_s3_bucket.this");
    assert_eq!(bucket.get("bucket").unwrap().value, string("logs-bucket"));
    assert_eq!(loaded.deployment.path_of(bucket.file), "root/modules/bucket/main.tf");
    assert_eq!(loaded.deployment.path_of(bucket.get("acl").unwrap().file), "root/modules/bucket/main.tf");
    resource(&loaded, "module.many[\"x\"].aws_s3_bucket.this");
    let policy = resource(&loaded, "aws_s3_bucket_policy.p");
    assert_eq!(
        policy.get("bucket").unwrap().value,
        Value::Reference("module.logs.aws_s3_bucket.this".into())
    );
    assert_eq!(policy.get("name").unwrap().value, string("logs-bucket"));
    assert_eq!(policy.get("other").unwrap().value, string("y-bucket"));
    let resolved = loaded.deployment.resolve(policy.get("bucket").unwrap(), &["aws_s3_bucket"], &["bucket"]);
    assert_eq!(resolved.map(|r| r.address.as_str()), Some("module.logs.aws_s3_bucket.this"));
}

#[test]
fn remote_modules_are_read_from_modules_json_or_skipped_with_a_note() {
    let main = r#"
module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.0.0"
}
module "gone" {
  source = "git::https://example.com/x.git"
}
"#;
    let loaded = load(&[
        ("root/main.tf", main),
        (
            "root/.terraform/modules/modules.json",
            r#"{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"vpc","Source":"registry.terraform.io/terraform-aws-modules/vpc/aws","Version":"5.0.0","Dir":".terraform/modules/vpc"}]}"#,
        ),
        (
            "root/.terraform/modules/vpc/main.tf",
            "resource \"aws_vpc\" \"this\" { cidr_block = \"10.0.0.0/16\" }",
        ),
    ]);
    assert_eq!(get(&loaded, "module.vpc.aws_vpc.this", "cidr_block").value, string("10.0.0.0/16"));
    assert!(
        loaded.notes.iter().any(|n| n.contains("module.gone") && n.contains("terraform init")),
        "{:?}",
        loaded.notes
    );
    let loaded = load(&[("root/main.tf", main)]);
    assert!(loaded.notes.iter().any(|n| n.contains("module.vpc")), "{:?}", loaded.notes);
    assert!(loaded.deployment.resources.is_empty());
}

#[test]
fn module_cycles_and_depth_are_limited() {
    let loaded = load(&[
        ("root/main.tf", "module \"a\" { source = \"../a\" }\n"),
        ("a/main.tf", "module \"b\" { source = \"../b\" }\nresource \"t_r\" \"a\" {}\n"),
        ("b/main.tf", "module \"a\" { source = \"../a\" }\nresource \"t_r\" \"b\" {}\n"),
    ]);
    resource(&loaded, "module.a.t_r.a");
    resource(&loaded, "module.a.module.b.t_r.b");
    assert!(loaded.notes.iter().any(|n| n.contains("cycle")), "{:?}", loaded.notes);
}

#[test]
fn find_roots_skips_directories_called_as_modules() {
    let files = MemFiles::new()
        .with("app/main.tf", "module \"net\" { source = \"../modules/net\" }")
        .with("modules/net/main.tf", "resource \"aws_vpc\" \"v\" {}")
        .with("other/main.tf", "resource \"aws_vpc\" \"w\" {}")
        .with("loop1/main.tf", "module \"x\" { source = \"../loop2\" }")
        .with("loop2/main.tf", "module \"x\" { source = \"../loop1\" }");
    let dirs: Vec<PathBuf> =
        ["app", "modules/net", "other", "loop1", "loop2"].iter().map(PathBuf::from).collect();
    let roots = find_roots(&files, &dirs);
    assert_eq!(roots, [PathBuf::from("app"), PathBuf::from("other"), PathBuf::from("loop1")]);
}

#[test]
fn terraform_json_syntax_is_read() {
    let loaded = load(&[(
        "root/main.tf.json",
        r#"{
  "variable": {"name": {"default": "data"}},
  "locals": {"prefix": "${var.name}-x"},
  "resource": {
    "aws_s3_bucket": {
      "b": {
        "bucket": "${local.prefix}",
        "versioning": {"enabled": true},
        "dynamic": {"rule": {"for_each": ["a", "b"], "content": {"id": "${rule.value}"}}}
      }
    }
  }
}"#,
    )]);
    let bucket = resource(&loaded, "aws_s3_bucket.b");
    assert_eq!(bucket.get("bucket").unwrap().value, string("data-x"));
    assert_eq!(bucket.get("bucket").unwrap().span.start_line, 7);
    assert!(bucket.path(&["versioning", "enabled"]).unwrap().is_true());
    assert_eq!(bucket.blocks("rule").count(), 2);
}

#[test]
fn malformed_files_give_an_error_with_a_line_and_the_rest_loads() {
    let loaded = load(&[
        ("root/bad.tf", "resource \"a_b\" \"c\" {\n  x = \"ok\"\n  y = [1, 2\n}\n"),
        ("root/good.tf", "resource \"a_b\" \"d\" { x = 1 }"),
        ("root/bad.tf.json", "{\"resource\": [\n}"),
    ]);
    resource(&loaded, "a_b.d");
    assert_eq!(loaded.errors.len(), 2, "{:?}", loaded.errors);
    let hcl = loaded.errors.iter().find(|e| e.path == "root/bad.tf").unwrap();
    assert!(hcl.line.is_some_and(|l| l >= 3), "{hcl:?}");
    assert!(hcl.message.contains("invalid HCL"), "{hcl:?}");
    let json = loaded.errors.iter().find(|e| e.path == "root/bad.tf.json").unwrap();
    assert!(json.line.is_some(), "{json:?}");
}

#[test]
fn a_large_generated_file_loads_within_limits() {
    let mut text = String::new();
    let mut i = 0;
    while text.len() < 5_000_000 {
        text.push_str(&format!(
            "resource \"aws_s3_bucket\" \"b{i}\" {{\n  bucket = \"bucket-{i}\"\n  tags = {{ Name = \"n-${{{i} + 1}}\", Team = \"t\" }}\n  versioning {{\n    enabled = true\n  }}\n}}\n"
        ));
        i += 1;
    }
    let started = std::time::Instant::now();
    let loaded = one(&text);
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    assert_eq!(loaded.deployment.resources.len(), i);
    assert!(started.elapsed().as_secs() < 60, "took {:?}", started.elapsed());
}

#[test]
fn huge_counts_and_loops_hit_limits_not_hangs() {
    let loaded = one(r#"
resource "t_r" "many" { count = 1000000 }
locals {
  big = [for i in range(100000) : [for j in range(100000) : "${i}-${j}"]]
  s   = join("", [for i in range(100000) : "0123456789"])
}
resource "t_r" "r" {
  big = local.big
  s   = replace(local.s, "", "xxxxxxxxxx")
}
"#);
    assert_eq!(
        loaded.deployment.resources.iter().filter(|r| r.address.starts_with("t_r.many")).count(),
        limits::INSTANCES
    );
    assert!(loaded.notes.iter().any(|n| n.contains("instances")), "{:?}", loaded.notes);
    assert_eq!(get(&loaded, "t_r.r", "s").value, Value::Unknown);
}

#[test]
fn a_deeply_nested_expression_does_not_overflow_the_stack() {
    for depth in [60, 500, 20_000] {
        let expression = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
        let text = format!(
            "resource \"t_r\" \"r\" {{\n x = {expression}\n y = {}\n}}\n",
            "!".repeat(depth) + "true"
        );
        let loaded = one(&text);
        assert!(loaded.deployment.resources.len() <= 1);
    }
    // A long chain of locals, each using the one before.
    let mut text = String::from("locals {\n l0 = 1\n");
    for i in 1..3000 {
        text.push_str(&format!(" l{i} = local.l{} + 1\n", i - 1));
    }
    text.push_str("}\nresource \"t_r\" \"r\" { x = local.l2999 }\n");
    let loaded = one(&text);
    let x = &get(&loaded, "t_r.r", "x").value;
    assert!(matches!(x, Value::Unknown | Value::Number(_)), "{x:?}");
}

#[test]
fn plans_give_planned_values_unknowns_and_references() {
    let plan = r#"{
  "format_version": "1.2",
  "planned_values": {
    "root_module": {
      "resources": [
        {
          "address": "aws_s3_bucket.b",
          "mode": "managed",
          "type": "aws_s3_bucket",
          "name": "b",
          "values": {
            "bucket": "logs",
            "acl": null,
            "server_side_encryption_configuration": [
              {"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms"}]}]}
            ]
          }
        },
        {"address": "data.aws_iam_policy_document.p", "mode": "data", "type": "aws_iam_policy_document", "name": "p", "values": {}}
      ],
      "child_modules": [
        {
          "address": "module.keys[0]",
          "resources": [
            {"address": "module.keys[0].aws_kms_key.k", "mode": "managed", "type": "aws_kms_key", "name": "k", "values": {"enable_key_rotation": false}}
          ]
        }
      ]
    }
  },
  "resource_changes": [
    {
      "address": "aws_s3_bucket.b",
      "change": {
        "after_unknown": {
          "arn": true,
          "server_side_encryption_configuration": [
            {"rule": [{"apply_server_side_encryption_by_default": [{"kms_master_key_id": true}]}]}
          ]
        }
      }
    }
  ],
  "configuration": {
    "root_module": {
      "resources": [
        {
          "address": "aws_s3_bucket.b",
          "expressions": {
            "server_side_encryption_configuration": [
              {"rule": [{"apply_server_side_encryption_by_default": [
                {"kms_master_key_id": {"references": ["aws_kms_key.main.arn", "aws_kms_key.main"]}}
              ]}]}
            ]
          }
        }
      ]
    }
  }
}"#;
    assert!(looks_like_plan(plan));
    assert!(!looks_like_plan("resource \"a\" \"b\" {}"));
    let deployment = load_plan("plan.json", plan).unwrap();
    let addresses: Vec<&str> = deployment.resources.iter().map(|r| r.address.as_str()).collect();
    assert_eq!(addresses, ["aws_s3_bucket.b", "module.keys[0].aws_kms_key.k"]);
    let bucket = &deployment.resources[0];
    assert_eq!(bucket.lang, crate::cloud::Lang::TerraformPlan);
    assert_eq!(bucket.get("bucket").unwrap().value, string("logs"));
    assert!(bucket.get("acl").is_none(), "nulls are left out");
    assert_eq!(bucket.get("arn").unwrap().value, Value::Unknown);
    let default = bucket
        .path(&["server_side_encryption_configuration", "rule", "apply_server_side_encryption_by_default"])
        .unwrap();
    assert_eq!(default.get("sse_algorithm").unwrap().value, string("aws:kms"));
    assert_eq!(default.get("kms_master_key_id").unwrap().value, Value::Reference("aws_kms_key.main".into()));
    assert_eq!(bucket.get("bucket").unwrap().span.start_line, 12);
    assert!(deployment.resources[1].get("enable_key_rotation").unwrap().is_false());
    let error = load_plan("plan.json", "{\"planned_values\": [").unwrap_err();
    assert!(error.line.is_some());
}

#[test]
fn the_filesystem_is_read_with_display_paths_relative_to_the_base() {
    let base = std::env::temp_dir().join(format!("bosun-tf-{}", std::process::id()));
    let module = base.join("infra/modules/net");
    std::fs::create_dir_all(&module).unwrap();
    std::fs::write(base.join("infra/main.tf"), "module \"net\" { source = \"./modules/net\" }\n").unwrap();
    std::fs::write(module.join("main.tf"), "resource \"aws_vpc\" \"v\" { cidr_block = \"10.0.0.0/16\" }\n")
        .unwrap();
    std::fs::write(module.join("notes.txt"), "not terraform").unwrap();
    let files = FsFiles::new(&base);
    assert_eq!(files.terraform_files(&module), [module.join("main.tf")]);
    let dirs = [base.join("infra"), module.clone()];
    assert_eq!(find_roots(&files, &dirs), [base.join("infra")]);
    let loaded = load_module_dir(&files, &base.join("infra"), &Options::default());
    let vpc = resource(&loaded, "module.net.aws_vpc.v");
    assert_eq!(loaded.deployment.path_of(vpc.file), "infra/modules/net/main.tf");
    assert!(files.read(&module.join("main.tf"), 10).is_err(), "the size limit holds");
    std::fs::remove_dir_all(&base).ok();
}

#[test]
fn jsonencode_keeps_what_is_known_of_a_policy() {
    let text = r#"
variable "condition" {}

resource "aws_s3_bucket" "data" {
  bucket = "data"
}

resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Statement = [{
      Effect   = "Allow"
      Action   = "s3:*"
      Resource = "${aws_s3_bucket.data.arn}/*"
      Condition = var.condition
    }]
  })
}
"#;
    let loaded = load_files(&[("main.tf".to_string(), text.to_string())]);
    let policy = loaded.deployment.resources.iter().find(|r| r.kind == "aws_iam_policy").unwrap();
    let json: serde_json::Value =
        serde_json::from_str(policy.get("policy").unwrap().as_str().unwrap()).unwrap();
    let statement = &json["Statement"][0];
    assert_eq!(statement["Action"], "s3:*");
    assert_eq!(statement["Resource"], super::values::JSON_UNKNOWN);
    assert_eq!(statement["Condition"], super::values::JSON_UNKNOWN);
}

#[test]
fn override_files_merge_into_the_blocks_they_name() {
    let mut files = MemFiles::new();
    files.add(
        "m/main.tf",
        "resource \"aws_security_group\" \"web\" {\n  name = \"web\"\n  ingress {\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n  ingress {\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n",
    );
    files.add(
        "m/main_override.tf",
        "resource \"aws_security_group\" \"web\" {\n  description = \"overridden\"\n  ingress {\n    cidr_blocks = [\"10.0.0.0/8\"]\n  }\n}\n",
    );
    let loaded = load_module_dir(&files, Path::new("m"), &Options::default());
    assert_eq!(loaded.deployment.resources.len(), 1, "one resource, not one per block");
    let group = &loaded.deployment.resources[0];
    assert_eq!(group.get("name").unwrap().as_str(), Some("web"));
    assert_eq!(group.get("description").unwrap().as_str(), Some("overridden"));
    let ingress: Vec<_> = group.blocks("ingress").collect();
    assert_eq!(ingress.len(), 1);
    assert_eq!(ingress[0].get("cidr_blocks").unwrap().strings(), ["10.0.0.0/8"]);
    assert_eq!(loaded.deployment.path_of(ingress[0].file), "m/main_override.tf");
}
