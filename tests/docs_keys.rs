//! docs/tui.md lists the keys exactly as the key table has them. Regenerate the block with
//! `UPDATE_DOCS=1 cargo test --test docs_keys`.

const BEGIN: &str = "<!-- keys:begin (generated from src/tui/keys.rs) -->\n";
const END: &str = "<!-- keys:end -->";

#[test]
fn docs_list_the_keys_of_the_key_table() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/tui.md");
    let doc = std::fs::read_to_string(path).unwrap();
    let (Some(b), Some(e)) = (doc.find(BEGIN), doc.find(END)) else {
        panic!("docs/tui.md lacks the keys markers");
    };
    let current = &doc[b + BEGIN.len()..e];
    let wanted = mentorplan::tui::keys::markdown();
    if current != wanted {
        if std::env::var_os("UPDATE_DOCS").is_some() {
            let new = format!("{}{BEGIN}{wanted}{}", &doc[..b], &doc[e..]);
            std::fs::write(path, new).unwrap();
        } else {
            panic!(
                "docs/tui.md's keys differ from src/tui/keys.rs: run UPDATE_DOCS=1 cargo test --test docs_keys"
            );
        }
    }
}
