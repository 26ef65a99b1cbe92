//! EFS as checks see it: file systems (`aws_efs_file_system`, `AWS::EFS::FileSystem`)
//! and access points (`aws_efs_access_point`, `AWS::EFS::AccessPoint`).

use super::switch::Switch;
use crate::cloud::{Attr, Deployment, Resource};

pub struct FileSystem<'a> {
    pub resource: &'a Resource,
    pub encrypted: Switch<'a>,
    pub kms_key: Option<&'a Attr>,
}

pub struct AccessPoint<'a> {
    pub resource: &'a Resource,
    /// The directory clients are confined to (`root_directory { path }`, `RootDirectory.Path`).
    pub root_path: Option<&'a Attr>,
    /// The POSIX identity forced on every request (`posix_user`, `PosixUser`).
    pub posix_user: Option<&'a Attr>,
}

pub fn file_systems(deployment: &Deployment) -> Vec<FileSystem<'_>> {
    let terraform = deployment.of_kind("aws_efs_file_system").map(|r| FileSystem {
        resource: r,
        encrypted: Switch::of(r.get("encrypted")),
        kms_key: r.get("kms_key_id").filter(|k| !k.is_null()),
    });
    let cloudformation = deployment.of_kind("AWS::EFS::FileSystem").map(|r| FileSystem {
        resource: r,
        encrypted: Switch::of(r.get("Encrypted")),
        kms_key: r.get("KmsKeyId").filter(|k| !k.is_null()),
    });
    terraform.chain(cloudformation).collect()
}

pub fn access_points(deployment: &Deployment) -> Vec<AccessPoint<'_>> {
    let terraform = deployment.of_kind("aws_efs_access_point").map(|r| AccessPoint {
        resource: r,
        root_path: r.path(&["root_directory", "path"]),
        posix_user: r.get("posix_user").filter(|p| !p.is_null()),
    });
    let cloudformation = deployment.of_kind("AWS::EFS::AccessPoint").map(|r| AccessPoint {
        resource: r,
        root_path: r.path(&["RootDirectory", "Path"]),
        posix_user: r.get("PosixUser").filter(|p| !p.is_null()),
    });
    terraform.chain(cloudformation).collect()
}
