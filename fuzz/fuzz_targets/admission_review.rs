//! An AdmissionReview body as the webhook receives it: `validate` and
//! `mutate` with every rule enforced and mutation on. Any input must give
//! either an error (a 4xx) or a response that serialises, answers the
//! request's uid, and carries a base64 JSONPatch only when it is a patch.
//! (A body whose ignored fields hold invalid UTF-8 is accepted: those fields
//! are never read.)

#![no_main]

use bosun_admission::config::{AdmissionConfig, Mode};
use bosun_admission::Admission;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn admission() -> &'static Admission {
    static ADMISSION: OnceLock<Admission> = OnceLock::new();
    ADMISSION.get_or_init(|| {
        let mut config = AdmissionConfig { mode: Mode::Enforce, ..AdmissionConfig::default() };
        config.mutation.enabled = true;
        config.mutation.read_only_root_filesystem = true;
        config.images.require_digest = true;
        config.images.forbid_latest = true;
        config.images.allowed_registries = vec!["registry.example.com".into()];
        Admission::new(config, bosun_core::config::Config::default()).expect("a valid configuration")
    })
}

fuzz_target!(|data: &[u8]| {
    for mutate in [false, true] {
        let outcome = if mutate { admission().mutate(data) } else { admission().validate(data) };
        let Ok(outcome) = outcome else { continue };
        let body = outcome.body();
        let parsed: serde_json::Value = serde_json::from_slice(&body).expect("the response is JSON");
        // serde skips the fields bosun ignores without checking their UTF-8
        // (`options` with a stray byte is accepted, as it is never read), so the
        // uid is compared only when the whole body is valid JSON text.
        if let Ok(request) = serde_json::from_slice::<serde_json::Value>(data) {
            assert_eq!(parsed["response"]["uid"], request["request"]["uid"], "the response answers the request");
        }
        let response = outcome.response();
        assert_eq!(response.patch.is_some(), response.patch_type.as_deref() == Some("JSONPatch"));
        if !mutate {
            assert!(response.patch.is_none(), "validation never patches");
        }
        let _ = outcome.log.to_line();
    }
});
