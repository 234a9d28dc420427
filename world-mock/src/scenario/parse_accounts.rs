//! JSON → `setState` and `checkState` steps: accounts, ESDT, blocks, new addresses.

use blockchain_hooks::CodeMetadata;
use serde_json::{Map, Value};

use super::model::{
    AccountInit, BlockUpdate, Check, CheckAccount, CheckAccounts, CheckEsdtMap, CheckInstance,
    CheckList, CheckMap, CheckToken, EsdtInit, InstanceInit, SetState,
};
use super::parse::{Parser, original};
use crate::WorldError;

impl Parser {
    pub(crate) fn set_state(
        &self,
        map: &Map<String, Value>,
        path: &str,
    ) -> Result<SetState, WorldError> {
        let mut state = SetState::default();
        for (key, v) in map {
            let p = format!("{path}.{key}");
            match key.as_str() {
                "step" | "comment" | "id" | "newTokenIdentifiers" => {}
                "accounts" => {
                    for (addr, account) in self.object(v, &p)? {
                        let ap = format!("{p}.{addr:?}");
                        let address = self.address_key(addr, &ap)?;
                        state
                            .accounts
                            .push((address, self.account_init(account, &ap)?));
                    }
                }
                "newAddresses" => {
                    for (i, item) in self.list(v, &p)?.iter().enumerate() {
                        state
                            .new_addresses
                            .push(self.new_address(item, &format!("{p}[{i}]"))?);
                    }
                }
                "blockHashes" => {
                    let hashes = self.list(v, &p)?.iter().enumerate();
                    let hashes = hashes
                        .map(|(i, h)| self.bytes(h, &format!("{p}[{i}]")))
                        .collect::<Result<_, _>>()?;
                    state.block_hashes = Some(hashes);
                }
                "previousBlockInfo" => state.previous_block = Some(self.block(v, &p)?),
                "currentBlockInfo" => state.current_block = Some(self.block(v, &p)?),
                other => return Err(self.err(&p, format!("unknown setState field {other:?}"))),
            }
        }
        Ok(state)
    }

    fn new_address(
        &self,
        v: &Value,
        path: &str,
    ) -> Result<(blockchain_hooks::Address, u64, blockchain_hooks::Address), WorldError> {
        let map = self.object(v, path)?;
        let field = |name: &str| {
            map.get(name)
                .ok_or_else(|| self.err(path, format!("newAddresses entry needs {name:?}")))
        };
        let creator = self.address(field("creatorAddress")?, &format!("{path}.creatorAddress"))?;
        let nonce = self.u64(field("creatorNonce")?, &format!("{path}.creatorNonce"))?;
        let new = self.address(field("newAddress")?, &format!("{path}.newAddress"))?;
        Ok((creator, nonce, new))
    }

    fn block(&self, v: &Value, path: &str) -> Result<BlockUpdate, WorldError> {
        let mut block = BlockUpdate::default();
        for (key, v) in self.object(v, path)? {
            let p = format!("{path}.{key}");
            match key.as_str() {
                "blockTimestamp" => block.timestamp = Some(self.u64(v, &p)?),
                "blockTimestampMs" => block.timestamp_ms = Some(self.u64(v, &p)?),
                "blockNonce" => block.nonce = Some(self.u64(v, &p)?),
                "blockRound" => block.round = Some(self.u64(v, &p)?),
                "blockEpoch" => {
                    let epoch = self.u64(v, &p)?;
                    block.epoch = Some(
                        u32::try_from(epoch).map_err(|_| self.err(&p, "epoch exceeds 32 bits"))?,
                    );
                }
                "blockRandomSeed" => block.random_seed = Some(self.bytes(v, &p)?),
                "comment" => {}
                other => return Err(self.err(&p, format!("unknown block info field {other:?}"))),
            }
        }
        Ok(block)
    }

    fn account_init(&self, v: &Value, path: &str) -> Result<AccountInit, WorldError> {
        let mut account = AccountInit::default();
        for (key, v) in self.object(v, path)? {
            let p = format!("{path}.{key}");
            account.fields.insert(key.clone());
            match key.as_str() {
                "nonce" => account.nonce = self.u64(v, &p)?,
                "balance" => account.balance = self.big(v, &p)?,
                "esdt" => {
                    for (token, data) in self.object(v, &p)? {
                        let tp = format!("{p}.{token:?}");
                        account.esdt.push(self.esdt_init(token, data, &tp)?);
                    }
                }
                "username" => account.username = self.bytes(v, &p)?,
                "storage" => {
                    for (k, value) in self.object(v, &p)? {
                        let kp = format!("{p}.{k:?}");
                        let key = self.bytes(&Value::String(k.clone()), &kp)?;
                        account.storage.push((key, self.bytes(value, &kp)?));
                    }
                }
                "code" => account.code = Some(self.bytes(v, &p)?).filter(|c| !c.is_empty()),
                "codeMetadata" => {
                    account.code_metadata = Some(CodeMetadata::from_bytes(&self.bytes(v, &p)?));
                }
                "owner" => account.owner = Some(self.address(v, &p)?),
                "developerRewards" => account.developer_rewards = self.big(v, &p)?,
                "shard" => {
                    let shard = self.u64(v, &p)?;
                    account.shard = Some(
                        u32::try_from(shard).map_err(|_| self.err(&p, "shard exceeds 32 bits"))?,
                    );
                }
                "update" => account.update = v.as_bool().unwrap_or(v.as_str() == Some("true")),
                "comment" | "asyncCallData" => {}
                other => return Err(self.err(&p, format!("unknown account field {other:?}"))),
            }
        }
        Ok(account)
    }

    /// A token identifier key: a value expression, or the plain text when it is not one.
    fn token_key(&self, key: &str) -> Vec<u8> {
        self.ctx
            .interpret(key)
            .unwrap_or_else(|_| key.as_bytes().to_vec())
    }

    fn esdt_init(&self, token: &str, v: &Value, path: &str) -> Result<EsdtInit, WorldError> {
        let mut init = EsdtInit {
            token: self.token_key(token),
            ..EsdtInit::default()
        };
        let Value::Object(map) = v else {
            let balance = self.big(v, path)?;
            init.instances.push(InstanceInit {
                balance,
                ..InstanceInit::default()
            });
            return Ok(init);
        };
        for (key, v) in map {
            let p = format!("{path}.{key}");
            match key.as_str() {
                "instances" => {
                    for (i, item) in self.list(v, &p)?.iter().enumerate() {
                        init.instances
                            .push(self.instance_init(item, &format!("{p}[{i}]"))?);
                    }
                }
                "balance" => init.instances.push(InstanceInit {
                    balance: self.big(v, &p)?,
                    ..InstanceInit::default()
                }),
                "lastNonce" => init.last_nonce = self.u64(v, &p)?,
                "roles" => init.roles = self.roles(v, &p)?,
                "frozen" => init.frozen = !self.bytes(v, &p)?.iter().all(|b| *b == 0),
                "comment" => {}
                other => return Err(self.err(&p, format!("unknown ESDT field {other:?}"))),
            }
        }
        Ok(init)
    }

    fn roles(&self, v: &Value, path: &str) -> Result<Vec<Vec<u8>>, WorldError> {
        self.list(v, path)?
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let role = self.text(r, &format!("{path}[{i}]"))?;
                let role = role.strip_prefix("str:").unwrap_or(&role).to_owned();
                Ok(role.into_bytes())
            })
            .collect()
    }

    fn uris(&self, v: &Value, path: &str) -> Result<Vec<Vec<u8>>, WorldError> {
        match v {
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, u)| self.bytes(u, &format!("{path}[{i}]")))
                .collect(),
            other => Ok(vec![self.bytes(other, path)?]),
        }
    }

    fn instance_init(&self, v: &Value, path: &str) -> Result<InstanceInit, WorldError> {
        let mut inst = InstanceInit::default();
        for (key, v) in self.object(v, path)? {
            let p = format!("{path}.{key}");
            match key.as_str() {
                "nonce" => inst.nonce = self.u64(v, &p)?,
                "balance" => inst.balance = self.big(v, &p)?,
                "creator" => inst.creator = Some(self.address(v, &p)?),
                "royalties" => {
                    let r = self.u64(v, &p)?;
                    inst.royalties =
                        u32::try_from(r).map_err(|_| self.err(&p, "royalties too big"))?;
                }
                "hash" => inst.hash = self.bytes(v, &p)?,
                "uri" | "uris" => inst.uris = self.uris(v, &p)?,
                "attributes" => inst.attributes = self.bytes(v, &p)?,
                "name" => inst.name = self.bytes(v, &p)?,
                "comment" => {}
                other => return Err(self.err(&p, format!("unknown ESDT instance field {other:?}"))),
            }
        }
        Ok(inst)
    }

    pub(crate) fn check_state(
        &self,
        map: &Map<String, Value>,
        path: &str,
    ) -> Result<CheckAccounts, WorldError> {
        let mut checks = CheckAccounts::default();
        let accounts = map
            .get("accounts")
            .ok_or_else(|| self.err(path, "checkState needs \"accounts\""))?;
        let p = format!("{path}.accounts");
        for (addr, account) in self.object(accounts, &p)? {
            if addr == "+" {
                checks.more_allowed = true;
                continue;
            }
            let ap = format!("{p}.{addr:?}");
            let address = self.address_key(addr, &ap)?;
            let check = if account.as_str() == Some("*") {
                CheckAccount::any()
            } else {
                self.check_account(account, &ap)?
            };
            checks.accounts.push((address, addr.clone(), check));
        }
        Ok(checks)
    }

    fn check_account(&self, v: &Value, path: &str) -> Result<CheckAccount, WorldError> {
        let mut c = CheckAccount::default();
        for (key, v) in self.object(v, path)? {
            let p = format!("{path}.{key}");
            match key.as_str() {
                "nonce" => c.nonce = self.check(v, &p)?,
                "balance" => c.balance = self.check(v, &p)?,
                "username" => c.username = self.check(v, &p)?,
                "code" => c.code = self.check(v, &p)?,
                "codeMetadata" => c.code_metadata = self.check(v, &p)?,
                "owner" => c.owner = self.check(v, &p)?,
                "developerRewards" => c.developer_rewards = self.check(v, &p)?,
                "storage" => c.storage = self.check_storage(v, &p)?,
                "esdt" => c.esdt = self.check_esdt(v, &p)?,
                "comment" | "asyncCallData" | "shard" => {}
                other => return Err(self.err(&p, format!("unknown account field {other:?}"))),
            }
        }
        Ok(c)
    }

    fn check_storage(&self, v: &Value, path: &str) -> Result<CheckMap, WorldError> {
        if v.as_str() == Some("*") {
            return Ok(CheckMap::Star);
        }
        let mut entries = Vec::new();
        let mut more_allowed = false;
        for (k, value) in self.object(v, path)? {
            if k == "+" {
                more_allowed = true;
                continue;
            }
            let kp = format!("{path}.{k:?}");
            let key = self.bytes(&Value::String(k.clone()), &kp)?;
            entries.push((key, k.clone(), self.check(value, &kp)?));
        }
        Ok(CheckMap::Entries {
            entries,
            more_allowed,
        })
    }

    fn check_esdt(&self, v: &Value, path: &str) -> Result<CheckEsdtMap, WorldError> {
        if v.as_str() == Some("*") {
            return Ok(CheckEsdtMap::Star);
        }
        let mut tokens = Vec::new();
        let mut more_allowed = false;
        for (token, data) in self.object(v, path)? {
            if token == "+" {
                more_allowed = true;
                continue;
            }
            tokens.push(self.check_token(token, data, &format!("{path}.{token:?}"))?);
        }
        Ok(CheckEsdtMap::Tokens {
            tokens,
            more_allowed,
        })
    }

    fn check_token(&self, token: &str, v: &Value, path: &str) -> Result<CheckToken, WorldError> {
        let mut check = CheckToken {
            token: self.token_key(token),
            ..CheckToken::default()
        };
        if v.as_str() == Some("*") {
            check.star = true;
            return Ok(check);
        }
        let Value::Object(map) = v else {
            check.instances.push(CheckInstance {
                balance: self.check(v, path)?,
                ..CheckInstance::default()
            });
            return Ok(check);
        };
        for (key, v) in map {
            let p = format!("{path}.{key}");
            match key.as_str() {
                "instances" => {
                    for (i, item) in self.list(v, &p)?.iter().enumerate() {
                        check
                            .instances
                            .push(self.check_instance(item, &format!("{p}[{i}]"))?);
                    }
                }
                "balance" => check.instances.push(CheckInstance {
                    balance: self.check(v, &p)?,
                    ..CheckInstance::default()
                }),
                "lastNonce" => check.last_nonce = self.check(v, &p)?,
                "roles" => check.roles = Some(self.roles(v, &p)?),
                "frozen" => check.frozen = self.check(v, &p)?,
                "comment" => {}
                other => return Err(self.err(&p, format!("unknown ESDT check field {other:?}"))),
            }
        }
        Ok(check)
    }

    fn check_instance(&self, v: &Value, path: &str) -> Result<CheckInstance, WorldError> {
        let mut c = CheckInstance::default();
        for (key, v) in self.object(v, path)? {
            let p = format!("{path}.{key}");
            match key.as_str() {
                "nonce" => c.nonce = self.u64(v, &p)?,
                "balance" => c.balance = self.check(v, &p)?,
                "creator" => c.creator = self.check(v, &p)?,
                "royalties" => c.royalties = self.check(v, &p)?,
                "hash" => c.hash = self.check(v, &p)?,
                "uri" | "uris" => {
                    c.uris = match v {
                        Value::Array(_) => self.check_list(v, &p)?,
                        Value::String(s) if s == "*" => CheckList::Star,
                        other => CheckList::Values(vec![Check::Value {
                            bytes: self.bytes(other, &p)?,
                            original: original(other),
                        }]),
                    };
                }
                "attributes" => c.attributes = self.check(v, &p)?,
                "comment" | "name" => {}
                other => return Err(self.err(&p, format!("unknown ESDT instance field {other:?}"))),
            }
        }
        Ok(c)
    }
}
