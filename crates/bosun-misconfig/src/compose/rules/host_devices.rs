use crate::compose::ComposeService;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "DC021",
        name: "compose-host-devices",
        title: "Compose service is given host devices",
        severity: Severity::Low,
        domain: Domain::Compose,
        checklist: &["run.no-privileged"],
        aliases: &[],
        rationale: "Each entry of `devices` hands a host device node to the container. Some are needed \
                    (a GPU, a serial adapter for home automation), but a device is a direct line into a \
                    kernel driver, and disks, `/dev/mem` or `/dev/kmsg` let the container read or change \
                    the host outside any isolation. Each one should be a deliberate, reviewed choice.",
        remediation: "Remove devices the service does not need; grant the rest read-only cgroup access \
                      (`/dev/ttyUSB0:/dev/ttyUSB0:r`) where the device allows it.",
        bad_example: "services:\n  hass:\n    image: homeassistant/home-assistant:2024.6\n    devices:\n      - /dev/ttyUSB0:/dev/ttyUSB0\n",
        good_example: "services:\n  hass:\n    image: homeassistant/home-assistant:2024.6\n",
    },
    check: Check::ComposeService(check),
};

fn check(service: &ComposeService, hits: &mut Hits) {
    let Some(devices) = service.get("devices") else { return };
    for entry in devices.as_seq() {
        let Some(text) = entry.scalar_text() else { continue };
        // Short syntax `host[:container[:permissions]]`, or a CDI name such as `nvidia.com/gpu=all`.
        let device = text.split(':').next().unwrap_or_default().trim();
        let kind = if device.starts_with('/') { "host device" } else { "CDI device" };
        hits.push(entry.span, format!("{} is given {kind} {device}", service.label()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn names_each_device() {
        let text = "services:\n  ml:\n    image: trainer:1.0\n    devices:\n      - /dev/dri\n      - nvidia.com/gpu=all\n";
        let found: Vec<_> = run_on_example(&RULE, text).into_iter().map(|f| f.message).collect();
        assert_eq!(
            found,
            vec![
                "service \"ml\" is given host device /dev/dri",
                "service \"ml\" is given CDI device nvidia.com/gpu=all"
            ]
        );
    }
}
