//! Wrapping text to a width, cached by paragraph: layout measures every text field on every
//! frame, so wrapping must cost almost nothing for text that did not change.

use crate::tui::text::sanitize_multiline;

thread_local! {
    /// Wrapped paragraphs by (hash of the paragraph, its length, width). Layout measures every
    /// text field on every frame, off-screen ones included; re-wrapping the plan's 10 kB
    /// sections each time was 79% of drawing the Plan screen (issue 6's profile), and keyed by
    /// the whole text a key in a long field missed the cache and re-wrapped all of it (issue
    /// 11). By paragraph, a key re-wraps only the paragraph it changed. Cleared when it grows,
    /// so text no longer shown does not pile up.
    static WRAPPED: std::cell::RefCell<WrapCache> = std::cell::RefCell::new(WrapCache::new());
}

/// Wrapped lines by (hash of the paragraph, its length, width).
type WrapCache = std::collections::HashMap<(u64, usize, usize), std::rc::Rc<Vec<String>>>;

fn wrap_key(text: &str, width: usize) -> (u64, usize, usize) {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    (h.finish(), text.len(), width)
}

/// One paragraph (no line break in it) wrapped to `width`, from the cache when it can be.
fn wrap_paragraph(para: &str, width: usize) -> std::rc::Rc<Vec<String>> {
    let key = wrap_key(para, width);
    if let Some(hit) = WRAPPED.with(|c| c.borrow().get(&key).cloned()) {
        return hit;
    }
    let lines = std::rc::Rc::new(wrap_uncached(para, width));
    WRAPPED.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= 16_384 {
            c.clear();
        }
        c.insert(key, lines.clone());
    });
    lines
}

/// Wraps text to `width` columns, keeping the author's line breaks; every line sanitised.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    text.split('\n')
        .flat_map(|p| wrap_paragraph(p, width).as_ref().clone())
        .collect()
}

fn wrap_uncached(para: &str, width: usize) -> Vec<String> {
    let clean = sanitize_multiline(para);
    let opts = textwrap::Options::new(width.max(1)).break_words(true);
    // A lone carriage return is sanitised into a line break, as when the text is split.
    clean
        .split('\n')
        .flat_map(|line| {
            let line = line.replace('\t', "    ");
            let w: Vec<String> = textwrap::wrap(&line, &opts)
                .into_iter()
                .map(|c| c.into_owned())
                .collect();
            if w.is_empty() { vec![String::new()] } else { w }
        })
        .collect()
}

pub(super) fn wrapped_rows(text: &str, width: usize) -> usize {
    text.split('\n')
        .map(|p| wrap_paragraph(p, width).len())
        .sum()
}
