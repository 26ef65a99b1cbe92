#!/usr/bin/env python3
"""Generates an infrastructure-as-code tree for benchmarks: Terraform root
stacks that call local modules (variables, tfvars, locals, count, for_each,
dynamic blocks, jsonencode policies, AWS provider v4 split resources, some Google
and Azure resources) and CloudFormation templates in YAML and JSON (parameters,
conditions, short-form intrinsics, SAM functions).

    gen-iac.py OUTDIR [--stacks N] [--seed S]

Deterministic: the same (N, seed) writes byte-identical trees; the last line
printed is a SHA-256 over all paths and contents. Python 3 standard library only.
"""

import argparse
import hashlib
import json
import os
import random

PROFILES = [("hardened", 0.35), ("default", 0.4), ("bad", 0.25)]


def pick_profile(rng):
    r = rng.random()
    for name, weight in PROFILES:
        if r < weight:
            return name
        r -= weight
    return "default"


# --- local modules (written once per variant) -------------------------------

MODULE_BUCKET = """variable "name" {
  type = string
}

variable "encrypted" {
  type    = bool
  default = true
}

variable "versioned" {
  type    = bool
  default = false
}

variable "public" {
  type    = bool
  default = false
}

variable "tags" {
  type    = map(string)
  default = {}
}

locals {
  bucket_name = "${var.name}-${terraform.workspace}"
  common_tags = merge(var.tags, { module = "bucket" })
}

resource "aws_s3_bucket" "this" {
  bucket = local.bucket_name
  tags   = local.common_tags
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id
  versioning_configuration {
    status = var.versioned ? "Enabled" : "Suspended"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  count  = var.encrypted ? 1 : 0
  bucket = aws_s3_bucket.this.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket                  = aws_s3_bucket.this.id
  block_public_acls       = !var.public
  block_public_policy     = !var.public
  ignore_public_acls      = !var.public
  restrict_public_buckets = !var.public
}

output "arn" {
  value = aws_s3_bucket.this.arn
}
"""

MODULE_NETWORK = """variable "name" {
  type = string
}

variable "cidr" {
  type    = string
  default = "10.0.0.0/16"
}

variable "open_ports" {
  type    = list(number)
  default = [443]
}

variable "flow_logs" {
  type    = bool
  default = true
}

resource "aws_vpc" "this" {
  cidr_block           = var.cidr
  enable_dns_hostnames = true
  tags                 = { Name = var.name }
}

resource "aws_flow_log" "this" {
  count           = var.flow_logs ? 1 : 0
  vpc_id          = aws_vpc.this.id
  traffic_type    = "ALL"
  log_destination = "arn:aws:s3:::flow-logs"
}

resource "aws_security_group" "web" {
  name        = "${var.name}-web"
  description = "web tier"
  vpc_id      = aws_vpc.this.id

  dynamic "ingress" {
    for_each = var.open_ports
    content {
      description = "port ${ingress.value}"
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    }
  }

  egress {
    description = "all out"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_subnet" "public" {
  for_each                = { a = 0, b = 1, c = 2 }
  vpc_id                  = aws_vpc.this.id
  cidr_block              = cidrsubnet(var.cidr, 8, each.value)
  map_public_ip_on_launch = each.key == "a"
}

output "vpc_id" {
  value = aws_vpc.this.id
}
"""


def stack_main(rng, name, profile):
    bad = profile == "bad"
    hardened = profile == "hardened"
    ports = [443] if hardened else ([22, 443, 3389] if bad else [80, 443])
    admin_actions = '"*"' if bad else '["s3:GetObject", "s3:ListBucket"]'
    lines = []
    lines.append(f"""terraform {{
  required_providers {{
    aws = {{
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }}
  }}
}}

locals {{
  name = "{name}-${{var.environment}}"
  tags = {{
    team        = var.team
    environment = var.environment
  }}
}}

module "data_bucket" {{
  source    = "../../../modules/bucket"
  name      = "${{local.name}}-data"
  encrypted = {str(not bad).lower()}
  versioned = {str(hardened).lower()}
  public    = {str(bad and rng.random() < 0.5).lower()}
  tags      = local.tags
}}

module "network" {{
  source     = "../../../modules/network"
  name       = local.name
  open_ports = {json.dumps(ports)}
  flow_logs  = {str(not bad).lower()}
}}

resource "aws_iam_policy" "app" {{
  name = "${{local.name}}-app"
  policy = jsonencode({{
    Version = "2012-10-17"
    Statement = [{{
      Effect   = "Allow"
      Action   = {admin_actions}
      Resource = "*"
    }}]
  }})
}}

resource "aws_kms_key" "main" {{
  description         = "${{local.name}} key"
  enable_key_rotation = {str(not bad).lower()}
}}

resource "aws_db_instance" "main" {{
  identifier              = "${{local.name}}-db"
  engine                  = "postgres"
  instance_class          = "db.t3.medium"
  allocated_storage       = 20
  storage_encrypted       = {str(not bad).lower()}
  kms_key_id              = {"aws_kms_key.main.arn" if hardened else "null"}
  publicly_accessible     = {str(bad).lower()}
  backup_retention_period = {14 if hardened else (0 if bad else 7)}
  deletion_protection     = {str(hardened).lower()}
  iam_database_authentication_enabled = {str(hardened).lower()}
  username                = "app"
  password                = var.db_password
}}

resource "aws_instance" "bastion" {{
  count         = var.bastion ? 1 : 0
  ami           = "ami-0abcdef1234567890"
  instance_type = "t3.micro"
  associate_public_ip_address = {str(not hardened).lower()}

  metadata_options {{
    http_tokens = "{"required" if hardened else "optional"}"
  }}

  root_block_device {{
    encrypted = {str(not bad).lower()}
  }}
}}

resource "aws_sqs_queue" "jobs" {{
  for_each                = toset(var.queues)
  name                    = "${{local.name}}-${{each.key}}"
  sqs_managed_sse_enabled = {str(not bad).lower()}
}}

resource "aws_cloudwatch_log_group" "app" {{
  name              = "/app/${{local.name}}"
  retention_in_days = {365 if hardened else (0 if bad else 30)}
}}

resource "aws_lambda_function" "worker" {{
  function_name = "${{local.name}}-worker"
  role          = "arn:aws:iam::123456789012:role/worker"
  runtime       = "{"python3.12" if not bad else "python2.7"}"
  handler       = "main.handler"
  filename      = "worker.zip"
  tracing_config {{
    mode = "{"Active" if hardened else "PassThrough"}"
  }}
}}

resource "aws_ecr_repository" "app" {{
  name                 = local.name
  image_tag_mutability = "{"IMMUTABLE" if hardened else "MUTABLE"}"
  image_scanning_configuration {{
    scan_on_push = {str(not bad).lower()}
  }}
}}
""")
    if rng.random() < 0.3:
        lines.append(f"""
resource "aws_eks_cluster" "main" {{
  name     = local.name
  role_arn = "arn:aws:iam::123456789012:role/eks"
  enabled_cluster_log_types = {json.dumps(["api", "audit"] if not bad else [])}
  vpc_config {{
    subnet_ids              = ["subnet-1", "subnet-2"]
    endpoint_public_access  = {str(not hardened).lower()}
    endpoint_private_access = true
  }}
}}
""")
    if rng.random() < 0.3:
        lines.append(f"""
resource "aws_lb_listener" "http" {{
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/x/1"
  port              = {443 if hardened else 80}
  protocol          = "{"HTTPS" if hardened else "HTTP"}"
  ssl_policy        = {'"ELBSecurityPolicy-TLS13-1-2-2021-06"' if hardened else "null"}
  default_action {{
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/x/1"
  }}
}}
""")
    return "".join(lines)


def stack_variables(rng):
    return """variable "environment" {
  type    = string
  default = "dev"
}

variable "team" {
  type = string
}

variable "db_password" {
  type      = string
  sensitive = true
}

variable "bastion" {
  type    = bool
  default = false
}

variable "queues" {
  type    = list(string)
  default = ["default"]
}
"""


def stack_tfvars(rng, env):
    queues = rng.sample(["orders", "mail", "billing", "audit", "search"], rng.randint(1, 3))
    return (f'environment = "{env}"\nteam        = "team-{rng.randint(1, 40)}"\n'
            f'bastion     = {str(rng.random() < 0.4).lower()}\nqueues      = {json.dumps(queues)}\n')


def google_azure(rng, name, profile):
    bad = profile == "bad"
    return f"""resource "google_storage_bucket" "assets" {{
  name                        = "{name}-assets"
  location                    = "EU"
  uniform_bucket_level_access = {str(not bad).lower()}
}}

resource "google_container_cluster" "main" {{
  name               = "{name}"
  location           = "europe-west1"
  enable_legacy_abac = {str(bad).lower()}
  network_policy {{
    enabled = {str(not bad).lower()}
  }}
}}

resource "google_compute_firewall" "ssh" {{
  name          = "{name}-ssh"
  network       = "default"
  source_ranges = ["{"0.0.0.0/0" if bad else "10.0.0.0/8"}"]
  allow {{
    protocol = "tcp"
    ports    = ["22"]
  }}
}}

resource "azurerm_storage_account" "main" {{
  name                     = "{name.replace("-", "")[:20]}sa"
  resource_group_name      = "rg-{name}"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GRS"
  min_tls_version          = "{"TLS1_0" if bad else "TLS1_2"}"
  https_traffic_only_enabled = {str(not bad).lower()}
}}

resource "azurerm_key_vault" "main" {{
  name                     = "{name[:20]}-kv"
  location                 = "westeurope"
  resource_group_name      = "rg-{name}"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  sku_name                 = "standard"
  purge_protection_enabled = {str(not bad).lower()}
}}
"""


def cfn_template(rng, name, profile):
    bad = profile == "bad"
    hardened = profile == "hardened"
    resources = {
        "Bucket": {
            "Type": "AWS::S3::Bucket",
            "Properties": {
                "BucketName": {"Fn::Sub": "${Env}-" + name},
                **({} if bad else {"BucketEncryption": {"ServerSideEncryptionConfiguration": [
                    {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}}]}}),
                "VersioningConfiguration": {"Status": "Enabled" if hardened else "Suspended"},
                **({"PublicAccessBlockConfiguration": {
                    "BlockPublicAcls": True, "BlockPublicPolicy": True,
                    "IgnorePublicAcls": True, "RestrictPublicBuckets": True}} if not bad else {}),
            },
        },
        "WebSecurityGroup": {
            "Type": "AWS::EC2::SecurityGroup",
            "Properties": {
                "GroupDescription": "web",
                "SecurityGroupIngress": [
                    {"IpProtocol": "tcp", "FromPort": p, "ToPort": p, "CidrIp": "0.0.0.0/0", "Description": f"port {p}"}
                    for p in ([443] if not bad else [22, 443])
                ],
            },
        },
        "Queue": {
            "Type": "AWS::SQS::Queue",
            "Properties": {"SqsManagedSseEnabled": {"Fn::If": ["IsProd", True, not bad]}},
        },
        "Table": {
            "Type": "AWS::DynamoDB::Table",
            "Properties": {
                "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
                "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
                "BillingMode": "PAY_PER_REQUEST",
                "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": hardened},
            },
        },
        "Trail": {
            "Type": "AWS::CloudTrail::Trail",
            "Condition": "IsProd",
            "Properties": {
                "IsLogging": True,
                "S3BucketName": {"Ref": "Bucket"},
                "IsMultiRegionTrail": not bad,
                "EnableLogFileValidation": hardened,
            },
        },
        "Database": {
            "Type": "AWS::RDS::DBInstance",
            "Properties": {
                "Engine": "mysql",
                "DBInstanceClass": "db.t3.small",
                "AllocatedStorage": "20",
                "StorageEncrypted": not bad,
                "PubliclyAccessible": bad,
                "MasterUsername": "admin",
                "MasterUserPassword": {"Ref": "DbPassword"},
            },
        },
    }
    if rng.random() < 0.4:
        resources["Function"] = {
            "Type": "AWS::Serverless::Function",
            "Properties": {"Runtime": "nodejs12.x" if bad else "nodejs20.x", "Handler": "index.handler",
                           "CodeUri": "src/", "Tracing": "Active" if hardened else "PassThrough"},
        }
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        **({"Transform": "AWS::Serverless-2016-10-31"} if "Function" in resources else {}),
        "Parameters": {
            "Env": {"Type": "String", "Default": rng.choice(["dev", "prod"])},
            "DbPassword": {"Type": "String", "NoEcho": True},
        },
        "Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
        "Resources": resources,
    }


SHORT_FORMS = {"Ref": "!Ref", "Fn::Sub": "!Sub", "Fn::If": "!If", "Fn::Equals": "!Equals"}


def to_yaml(value, indent=0):
    """A small YAML writer that uses CloudFormation's short-form tags."""
    pad = "  " * indent
    if isinstance(value, dict):
        if len(value) == 1:
            (key, inner), = value.items()
            if key in SHORT_FORMS:
                return f"{SHORT_FORMS[key]} {json.dumps(inner)}"
        if not value:
            return "{}"
        out = []
        for key, inner in value.items():
            rendered = to_yaml(inner, indent + 1)
            if isinstance(inner, (dict, list)) and inner and not rendered.startswith("!"):
                out.append(f"{pad}{key}:\n{rendered}")
            else:
                out.append(f"{pad}{key}: {rendered}")
        return "\n".join(out)
    if isinstance(value, list):
        if not value:
            return "[]"
        out = []
        for item in value:
            rendered = to_yaml(item, indent + 1)
            if isinstance(item, dict) and item and not rendered.startswith("!"):
                out.append(f"{pad}- {rendered.lstrip()}")
            else:
                out.append(f"{pad}- {rendered}")
        return "\n".join(out)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return json.dumps(value)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir")
    parser.add_argument("--stacks", type=int, default=300)
    parser.add_argument("--seed", type=int, default=20240601)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    files = {}
    files["modules/bucket/main.tf"] = MODULE_BUCKET
    files["modules/network/main.tf"] = MODULE_NETWORK
    counts = {"tf": 0, "tfvars": 0, "cfn_yaml": 0, "cfn_json": 0}
    for i in range(args.stacks):
        team = f"team{i % 17:02d}"
        name = f"svc{i:04d}"
        profile = pick_profile(rng)
        env = rng.choice(["dev", "staging", "prod"])
        base = f"live/{team}/{name}"
        files[f"{base}/main.tf"] = stack_main(rng, name, profile)
        files[f"{base}/variables.tf"] = stack_variables(rng)
        files[f"{base}/terraform.tfvars"] = stack_tfvars(rng, env)
        if rng.random() < 0.35:
            files[f"{base}/multicloud.tf"] = google_azure(rng, name, profile)
        if rng.random() < 0.6:
            template = cfn_template(rng, name, profile)
            if rng.random() < 0.7:
                files[f"cloudformation/{team}/{name}.yaml"] = to_yaml(template) + "\n"
            else:
                files[f"cloudformation/{team}/{name}.json"] = json.dumps(template, indent=2) + "\n"
    digest = hashlib.sha256()
    for path in sorted(files):
        full = os.path.join(args.outdir, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as f:
            f.write(files[path])
        digest.update(path.encode() + b"\0" + files[path].encode() + b"\0")
        if path.endswith(".tf"):
            counts["tf"] += 1
        elif path.endswith(".tfvars"):
            counts["tfvars"] += 1
        elif path.endswith(".yaml"):
            counts["cfn_yaml"] += 1
        else:
            counts["cfn_json"] += 1
    size = sum(len(v) for v in files.values())
    print(f"{args.stacks} stacks: {counts['tf']} .tf, {counts['tfvars']} .tfvars, "
          f"{counts['cfn_yaml']} CloudFormation YAML, {counts['cfn_json']} CloudFormation JSON, "
          f"{size / 1e6:.1f} MB; sha256 {digest.hexdigest()[:16]}")


if __name__ == "__main__":
    main()
