mod gas;
mod return_codes;
mod types;
