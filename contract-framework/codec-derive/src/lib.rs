//! Derives for `strata-codec` (they arrive in the next commits).
