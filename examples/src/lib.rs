//! Example contracts with their scenarios, and small programs that assemble each
//! VM/executor combination. (They arrive with the issues that make them runnable.)
