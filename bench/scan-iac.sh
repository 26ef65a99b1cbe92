#!/usr/bin/env bash
# Benchmark: bosun vs `trivy config` vs `checkov --framework terraform cloudformation`
# on a generated infrastructure-as-code tree (bench/gen-iac.py).
#
#   bench/scan-iac.sh [N_STACKS]     (default 500 Terraform stacks, ~60% with a template)
#
# The same machinery as scan-tree.sh (build, warm-up, timed runs, report); see bench/README.md.
exec env MODE=iac "$(dirname "${BASH_SOURCE[0]}")/scan-tree.sh" "$@"
