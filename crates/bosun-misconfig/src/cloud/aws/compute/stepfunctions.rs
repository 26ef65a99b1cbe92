//! Step Functions state machines (`aws_sfn_state_machine`,
//! `AWS::StepFunctions::StateMachine`).

use crate::cloud::aws::storage::switch::Switch;
use crate::cloud::{Attr, Deployment, Resource};

pub struct StateMachine<'a> {
    pub resource: &'a Resource,
    /// The logging block (`logging_configuration`, `LoggingConfiguration`), when written.
    pub logging: Option<&'a Attr>,
    /// `ALL`, `ERROR`, `FATAL` or `OFF` (the default).
    pub log_level: Option<&'a Attr>,
    /// X-Ray tracing (`tracing_configuration.enabled`, `TracingConfiguration.Enabled`).
    pub tracing: Switch<'a>,
}

pub fn state_machines(deployment: &Deployment) -> Vec<StateMachine<'_>> {
    let terraform = deployment.of_kind("aws_sfn_state_machine").map(|r| {
        let logging = r.blocks("logging_configuration").next();
        StateMachine {
            resource: r,
            logging,
            log_level: logging.and_then(|l| l.get("level")),
            tracing: Switch::of(r.path(&["tracing_configuration", "enabled"])),
        }
    });
    let cloudformation = deployment.of_kind("AWS::StepFunctions::StateMachine").map(|r| {
        let logging = r.get("LoggingConfiguration");
        StateMachine {
            resource: r,
            logging,
            log_level: logging.and_then(|l| l.get("Level")),
            tracing: Switch::of(r.path(&["TracingConfiguration", "Enabled"])),
        }
    });
    terraform.chain(cloudformation).collect()
}
