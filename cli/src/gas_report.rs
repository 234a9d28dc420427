//! `strata test --gas-report`: gas per contract and endpoint over a run (calls, min, median,
//! max), as a table and as JSON (`--gas-report-json FILE`).

use std::collections::BTreeMap;
use std::sync::Mutex;

use serde_json::{Value, json};
use world_mock::{StepTrace, display_value};

use crate::report::Style;

/// Gas used per (contract, endpoint), collected from the steps of every file.
#[derive(Debug, Default)]
pub struct GasReport {
    gas: Mutex<BTreeMap<(String, String), Vec<u64>>>,
}

/// One endpoint's figures.
#[derive(Debug, PartialEq, Eq)]
pub struct Row {
    pub contract: String,
    pub endpoint: String,
    pub calls: usize,
    pub min: u64,
    pub median: u64,
    pub max: u64,
}

/// The endpoint a deploy's gas is listed under.
pub const DEPLOY_ENDPOINT: &str = "(deploy)";

impl GasReport {
    /// Records a step: contract calls, queries and deploys; other steps are ignored.
    pub fn record(&self, trace: &StepTrace) {
        let (Some(tx), Some(gas)) = (&trace.tx, trace.gas_used) else {
            return;
        };
        let (contract, endpoint) = match trace.kind {
            "scCall" | "scQuery" => (tx.to, tx.function.clone()),
            "scDeploy" => match tx.deployed {
                Some(address) => (address, DEPLOY_ENDPOINT.to_owned()),
                None => return,
            },
            _ => return,
        };
        let key = (display_value(&contract.0), endpoint);
        let mut gas_map = self.gas.lock().unwrap_or_else(|e| e.into_inner());
        gas_map.entry(key).or_default().push(gas);
    }

    /// The figures, by contract then endpoint.
    pub fn rows(&self) -> Vec<Row> {
        let gas_map = self.gas.lock().unwrap_or_else(|e| e.into_inner());
        gas_map
            .iter()
            .map(|((contract, endpoint), gas)| {
                let mut sorted = gas.clone();
                sorted.sort_unstable();
                Row {
                    contract: contract.clone(),
                    endpoint: endpoint.clone(),
                    calls: sorted.len(),
                    min: sorted.first().copied().unwrap_or(0),
                    median: median(&sorted),
                    max: sorted.last().copied().unwrap_or(0),
                }
            })
            .collect()
    }

    /// The report as JSON: `{"schema_version": 1, "contracts": [{"contract", "endpoints":
    /// [{"endpoint", "calls", "min", "median", "max"}]}]}`.
    pub fn json(&self) -> Value {
        let mut contracts: Vec<Value> = Vec::new();
        let mut current: Option<(String, Vec<Value>)> = None;
        for row in self.rows() {
            if current.as_ref().is_some_and(|(c, _)| *c != row.contract)
                && let Some((c, endpoints)) = current.take()
            {
                contracts.push(json!({"contract": c, "endpoints": endpoints}));
            }
            let entry = json!({
                "endpoint": row.endpoint,
                "calls": row.calls,
                "min": row.min,
                "median": row.median,
                "max": row.max,
            });
            current
                .get_or_insert_with(|| (row.contract.clone(), Vec::new()))
                .1
                .push(entry);
        }
        if let Some((c, endpoints)) = current {
            contracts.push(json!({"contract": c, "endpoints": endpoints}));
        }
        json!({"schema_version": 1, "contracts": contracts})
    }

    /// The report as tables, one per contract.
    pub fn table(&self, style: Style) -> String {
        let rows = self.rows();
        if rows.is_empty() {
            return style.bold("Gas report: no contract was called");
        }
        let width = rows
            .iter()
            .map(|r| r.endpoint.len())
            .max()
            .unwrap_or(0)
            .max("endpoint".len());
        let mut text = style.bold("Gas report");
        let mut last_contract = None;
        for row in &rows {
            if last_contract != Some(&row.contract) {
                text.push_str(&format!("\n{}\n", style.bold(&row.contract)));
                text.push_str(&format!(
                    "  {:<width$} {:>6} {:>14} {:>14} {:>14}\n",
                    "endpoint", "calls", "min", "median", "max"
                ));
                last_contract = Some(&row.contract);
            }
            text.push_str(&format!(
                "  {:<width$} {:>6} {:>14} {:>14} {:>14}\n",
                row.endpoint, row.calls, row.min, row.median, row.max
            ));
        }
        text.trim_end().to_owned()
    }
}

/// The median of sorted values: the middle one, or the mean of the two middle ones (rounded
/// down).
fn median(sorted: &[u64]) -> u64 {
    let n = sorted.len();
    match n {
        0 => 0,
        _ if n % 2 == 1 => sorted[n / 2],
        _ => {
            let (a, b) = (sorted[n / 2 - 1], sorted[n / 2]);
            a / 2 + b / 2 + (a % 2 + b % 2) / 2
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians() {
        assert_eq!(median(&[]), 0);
        assert_eq!(median(&[5]), 5);
        assert_eq!(median(&[1, 2, 10]), 2);
        assert_eq!(median(&[1, 4]), 2);
        assert_eq!(median(&[3, 5]), 4);
        assert_eq!(median(&[u64::MAX, u64::MAX]), u64::MAX);
    }
}
