//! Integration tests of the world mock and the scenario runner.

mod builtins;
mod cross_shard;
mod errors;
mod runner;
mod values;
mod world;
