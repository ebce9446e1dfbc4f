//! Where each field goes: label column, rows of wrapped text and error lines, and which
//! rows must be on screen for the focus; the form's own coordinates, before scrolling.

use super::wrap::wrapped_rows;
use super::{Field, FieldKind, Form, draft_text};
use crate::tui::text::width;

pub(super) const MARK_W: u16 = 2;

/// Where a field sits in the form's own coordinates (y counted from the top of the form).
#[derive(Debug, Clone, Copy)]
pub(super) struct Slot {
    pub(super) x: u16,
    pub(super) y: u16,
    pub(super) w: u16,
    /// Rows of the field itself.
    pub(super) h: u16,
    /// Where its error message goes.
    pub(super) err_y: u16,
}

impl Form {
    pub(super) fn label_width(&self, width: u16) -> u16 {
        let widest = self
            .fields
            .iter()
            .filter(|f| f.inline == 0)
            .filter(|f| {
                f.kind.one_line() || matches!(f.kind, FieldKind::Choice { boxes: false, .. })
            })
            .map(|f| width_u16(&f.label) + 2)
            .max()
            .unwrap_or(0);
        widest.min(width / 3)
    }

    pub(super) fn text_rows(&self, f: &Field, w: u16) -> u16 {
        let inner = w.saturating_sub(MARK_W + 2).max(1) as usize;
        let text = match self.drafts.get(&f.id) {
            Some(d) => draft_text(&d.editor),
            None => f.value.as_text(),
        };
        let shown = if text.is_empty() {
            &f.placeholder
        } else {
            &text
        };
        let mut rows = wrapped_rows(shown, inner) as u16;
        if self.editing && self.focused().is_some_and(|g| g.id == f.id) {
            rows += 1;
        }
        rows.max(f.min_rows)
    }

    pub(super) fn error_rows(&self, f: &Field, w: u16) -> u16 {
        self.error(&f.id)
            .map(|e| {
                wrapped_rows(
                    &format!("! {e}"),
                    w.saturating_sub(MARK_W + 2).max(1) as usize,
                ) as u16
            })
            .unwrap_or(0)
    }

    /// One slot per field, in form coordinates, for a given width.
    pub(super) fn layout(&self, width: u16) -> Vec<Slot> {
        self.last_width.set(width);
        let mut slots: Vec<Slot> = Vec::with_capacity(self.fields.len());
        let mut y: u16 = 0;
        let mut row_start = 0usize;
        for (i, f) in self.fields.iter().enumerate() {
            let e = self.error_rows(f, width);
            if f.inline > 0 && i > 0 {
                // A grid column: shrink the row's first field to make room on the right.
                let right: u16 = self.fields[row_start + 1..=i]
                    .iter()
                    .map(|g| g.inline)
                    .sum();
                let left: u16 = self.fields[row_start + 1..i].iter().map(|g| g.inline).sum();
                let first = &mut slots[row_start];
                first.w = width.saturating_sub(right);
                let (x, row_y) = (first.w + left, first.y);
                slots.push(Slot {
                    x,
                    y: row_y,
                    w: f.inline,
                    h: 1,
                    err_y: y,
                });
                y = y.saturating_add(e);
                continue;
            }
            row_start = i;
            let h = match f.kind {
                FieldKind::Heading => 1 + u16::from(i > 0),
                FieldKind::Note => {
                    wrapped_rows(&f.label, width.saturating_sub(MARK_W).max(1) as usize) as u16
                }
                FieldKind::TextArea => 1 + 2 + self.text_rows(f, width),
                _ => 1,
            };
            slots.push(Slot {
                x: 0,
                y,
                w: width,
                h,
                err_y: y.saturating_add(h),
            });
            y = y.saturating_add(h).saturating_add(e);
        }
        slots
    }

    pub(super) fn total_height(&self, layout: &[Slot], width: u16) -> u16 {
        layout
            .iter()
            .zip(&self.fields)
            .map(|(s, f)| (s.y + s.h).max(s.err_y + self.error_rows(f, width)))
            .max()
            .unwrap_or(0)
    }

    pub(super) fn bottom_of(&self, i: usize, layout: &[Slot], width: u16) -> u16 {
        let s = layout[i];
        (s.y + s.h).max(s.err_y + self.error_rows(&self.fields[i], width))
    }

    /// The rows that must be visible: the focused field, or the cursor's line when editing a
    /// long text.
    pub(super) fn must_show(&self, layout: &[Slot], width: u16) -> Option<(u16, u16)> {
        let i = self.focus?;
        let s = layout[i];
        let f = &self.fields[i];
        let bottom = self.bottom_of(i, layout, width);
        if f.kind == FieldKind::TextArea
            && self.editing
            && let Some(d) = self.drafts.get(&f.id)
        {
            // The field's title and the cursor's line when both fit (typing starts as soon
            // as the focus arrives, and the title says where), else the cursor's line.
            let row = d.editor.screen_cursor().row as u16;
            let cursor_bottom = s.y + 2 + row + 2;
            if cursor_bottom - s.y <= self.view_height.get() {
                return Some((s.y, cursor_bottom - s.y));
            }
            return Some((s.y + 2 + row.saturating_sub(1), 3));
        }
        // Show the heading just above a field when it fits.
        let top = if i > 0
            && self.fields[i - 1].kind == FieldKind::Heading
            && layout[i - 1].y + layout[i - 1].h == s.y
        {
            layout[i - 1].y
        } else {
            s.y
        };
        Some((top, bottom - top))
    }
}

pub(super) fn width_u16(s: &str) -> u16 {
    width(s).min(u16::MAX as usize) as u16
}
