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
    /// The protocol features (epoch flags) in force; hooks of a feature that is off refuse
    /// the contracts importing them when they are deployed or upgraded.
    pub features: Features,
}

/// Protocol features that epochs switch on, as the production VM's epoch flags; each gates
/// a set of hooks. Scenario runs enable every flag, as the production runner does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Features {
    /// `CryptoOpcodesV2Flag`: [`CRYPTO_OPCODES_V2_HOOKS`].
    pub crypto_opcodes_v2: bool,
    /// `BarnardOpcodesFlag`: [`BARNARD_OPCODES_HOOKS`].
    pub barnard_opcodes: bool,
}

impl Default for Features {
    /// Every feature on.
    fn default() -> Self {
        Self {
            crypto_opcodes_v2: true,
            barnard_opcodes: true,
        }
    }
}

/// The hooks the production VM's `CryptoOpcodesV2Flag` brings (`mapNewCryptoAPI`).
pub const CRYPTO_OPCODES_V2_HOOKS: &[&str] = &[
    "managedVerifyBLSSignatureShare",
    "managedVerifyBLSAggregatedSignature",
    "managedVerifySecp256r1",
    "managedGetOriginalCallerAddr",
    "managedGetRelayerAddr",
    "managedMultiTransferESDTNFTExecuteByUser",
];

/// The hooks the production VM's `BarnardOpcodesFlag` brings (`mapBarnardOpcodes`). Its list
/// also names `mbufferToSmallIntUnsigned` and three siblings, spelled with a lower-case `b`,
/// which no import matches (the hooks are `mBuffer…`): the production VM never refuses those,
/// and neither does this one.
pub const BARNARD_OPCODES_HOOKS: &[&str] = &[
    "getBlockRoundTimeMs",
    "getBlockTimestampMs",
    "getPrevBlockTimestampMs",
    "epochStartBlockTimestampMs",
    "epochStartBlockNonce",
    "epochStartBlockRound",
    "managedGetAllTransfersCallValue",
    "managedExecuteOnDestContextWithErrorReturn",
    "managedMultiTransferESDTNFTExecuteWithReturn",
    "managedGetCodeHash",
    "managedGetESDTTokenType",
];

impl Features {
    /// Whether the hook `name` (its wasm name) belongs to a feature that is off.
    pub fn disables(&self, name: &str) -> bool {
        (!self.crypto_opcodes_v2 && CRYPTO_OPCODES_V2_HOOKS.contains(&name))
            || (!self.barnard_opcodes && BARNARD_OPCODES_HOOKS.contains(&name))
    }
}

impl Default for VmConfig {
    /// The production limits: 10 instances, 10 s per execution (as in scenario runs), every
    /// feature on.
    fn default() -> Self {
        Self {
            time_limit: Some(Duration::from_secs(10)),
            max_instances: 10,
            features: Features::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gated_hooks_are_hooks_of_the_table() {
        for name in CRYPTO_OPCODES_V2_HOOKS.iter().chain(BARNARD_OPCODES_HOOKS) {
            assert!(executor_api::hook_info(name).is_some(), "{name}");
        }
        let off = Features {
            crypto_opcodes_v2: false,
            barnard_opcodes: true,
        };
        assert!(off.disables("managedVerifySecp256r1"));
        assert!(!off.disables("getBlockRoundTimeMs"));
        assert!(!Features::default().disables("managedVerifySecp256r1"));
    }
}
