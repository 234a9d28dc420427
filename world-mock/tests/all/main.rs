//! Integration tests of the world mock and the scenario runner.

mod builtins;
mod errors;
mod runner;
mod values;
mod world;
