pub mod s3_unencrypted;
