use std::time::Duration;

/// The VM's own limits, beside the gas schedule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VmConfig {
    /// Wall-clock limit of one contract execution; the executor stops the contract
    /// preemptively past it (return code 10). `None`: no limit.
    pub time_limit: Option<Duration>,
    /// Contract instances alive at once in one transaction (nested synchronous calls);
    /// one more fails with "max instances reached".
    pub max_instances: usize,
}

impl Default for VmConfig {
    /// The production limits: 10 instances, 10 s per execution (as in scenario runs).
    fn default() -> Self {
        Self {
            time_limit: Some(Duration::from_secs(10)),
            max_instances: 10,
        }
    }
}
