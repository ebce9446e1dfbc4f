//! A catalogue file from arbitrary text: loading never panics, and a syntax error names a
//! line that exists.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mentorplan::domain::catalog::{Catalog, CatalogError};

fuzz_target!(|text: &str| {
    if let Err(CatalogError::Parse { line, .. }) = Catalog::from_json(text) {
        assert!(
            line >= 1 && line <= text.lines().count().max(1) + 1,
            "line {line}"
        );
    }
});
