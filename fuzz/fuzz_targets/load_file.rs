//! Every kind of data file, read from arbitrary bytes: the first byte picks the kind, the rest
//! is the file. Reading must never panic, and a refusal must say what is wrong.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mentorplan::store::fuzz_decode;
use mentorplan::store::schema::Kind;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let kind = Kind::ALL[usize::from(pick) % Kind::ALL.len()];
    if let Err(message) = fuzz_decode(bytes, kind) {
        assert!(!message.trim().is_empty(), "an empty error for {kind:?}");
    }
});
