mod generator;
mod hook_table;
