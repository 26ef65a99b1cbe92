//! Amazon Web Services: the concepts checks read, grouped by area, each area
//! with its adapters (Terraform and CloudFormation resources to concepts) and
//! its `rules/`.

pub mod compute;
pub mod data;
pub mod identity;
pub mod network;
pub mod policy;
pub mod storage;
