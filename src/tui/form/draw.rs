//! Drawing the visible part of a form into a buffer: labels, values, errors, the scrollbar
//! and where the terminal cursor goes. It reads the form and changes only the scroll.

use super::layout::{MARK_W, Slot, width_u16};
use super::wrap::wrap;
use super::{Draft, Field, FieldKind, Form, Value, draft_text};
use crate::tui::text::{sanitize, truncate};
use crate::tui::theme::{MARKER, Theme};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget};

impl Form {
    /// Draws the visible part of the form into `area`; returns where the terminal cursor goes
    /// when a field is being edited.
    pub fn draw(&self, area: Rect, buf: &mut Buffer, theme: Theme) -> Option<Position> {
        if area.width < 4 || area.height == 0 {
            return None;
        }
        let width = area.width - 1; // the last column is the scrollbar's
        let layout = self.layout(width);
        let total = self.total_height(&layout, width);
        self.view_height.set(area.height);
        let mut scroll = self.scroll.get().min(total.saturating_sub(area.height));
        if let Some((top, h)) = self.must_show(&layout, width) {
            if top + h > scroll + area.height {
                scroll = (top + h).saturating_sub(area.height);
            }
            if top < scroll || h > area.height {
                scroll = top;
            }
        }
        if self.focus == self.nearest_focusable(0) && !self.editing {
            let first_y = self.focus.map(|i| layout[i].y).unwrap_or(0);
            if first_y < area.height {
                scroll = 0;
            }
        }
        self.scroll.set(scroll);

        // Render the fields that meet the window into a buffer in form coordinates, then copy
        // the window: fields taller than what shows are clipped correctly.
        let top = scroll;
        let bottom = scroll.saturating_add(area.height);
        let visible: Vec<usize> = (0..self.fields.len())
            .filter(|&i| {
                let end = self.bottom_of(i, &layout, width);
                end > top && layout[i].y < bottom
            })
            .collect();
        let &first = visible.first()?;
        let y0 = layout[first].y.min(top);
        let y1 = visible
            .iter()
            .map(|&i| self.bottom_of(i, &layout, width))
            .max()
            .unwrap_or(bottom)
            .max(bottom);
        let off = Rect::new(0, y0, width, y1 - y0);
        let mut tmp = Buffer::empty(off);
        let mut cursor = None;
        for &i in &visible {
            if let Some(c) = self.draw_field(i, layout[i], width, &mut tmp, theme) {
                cursor = Some(c);
            }
        }
        for row in 0..area.height {
            let fy = top + row;
            if fy >= y1 {
                break;
            }
            for col in 0..width {
                if let (Some(src), Some(dst)) = (
                    tmp.cell(Position::new(col, fy)),
                    buf.cell_mut(Position::new(area.x + col, area.y + row)),
                ) {
                    *dst = src.clone();
                }
            }
        }
        if total > area.height {
            let mut state = ScrollbarState::new(total.saturating_sub(area.height) as usize + 1)
                .position(scroll as usize)
                .viewport_content_length(area.height as usize);
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .begin_symbol(None)
                .end_symbol(None)
                .style(theme.dim())
                .render(area, buf, &mut state);
        }
        cursor.and_then(|c: Position| {
            (c.y >= top && c.y < bottom && c.x < width)
                .then(|| Position::new(area.x + c.x, area.y + c.y - top))
        })
    }

    fn draw_field(
        &self,
        i: usize,
        s: Slot,
        width: u16,
        buf: &mut Buffer,
        theme: Theme,
    ) -> Option<Position> {
        let f = &self.fields[i];
        let focused = self.focus == Some(i);
        let editing = focused && self.editing;
        let draft = self.drafts.get(&f.id);
        let label_style = if focused {
            theme.focus()
        } else if f.emphasis {
            theme.warn()
        } else {
            theme.label()
        };
        // Mark the row (the first field of a row carries the marker for its inline fields).
        let row_focused = focused
            || (i + 1..self.fields.len())
                .take_while(|&j| self.fields[j].inline > 0)
                .any(|j| self.focus == Some(j));
        if s.x == 0 && row_focused && f.kind.focusable() {
            buf.set_stringn(0, s.y, MARKER, 1, theme.focus());
        }
        // A grid row has a stop per field (boxes, month): the marker also goes right before
        // the focused one, in the column left blank there, since colour alone does not show
        // which it is (NO_COLOR).
        let grid_row = f.inline > 0 || self.fields.get(i + 1).is_some_and(|g| g.inline > 0);
        let mark_stop = |x: u16, buf: &mut Buffer| {
            if focused && grid_row && x > 0 {
                buf.set_stringn(x - 1, s.y, MARKER, 1, theme.focus());
            }
        };
        let lw = self.label_width(width);
        let mut cursor = None;
        match &f.kind {
            FieldKind::Heading => {
                let y = s.y + s.h - 1;
                buf.set_stringn(
                    0,
                    y,
                    truncate(&sanitize(&f.label), width as usize),
                    width as usize,
                    theme.heading(),
                );
            }
            FieldKind::Note => {
                let w = width.saturating_sub(MARK_W).max(1) as usize;
                for (k, line) in wrap(&f.label, w).iter().enumerate() {
                    buf.set_stringn(MARK_W, s.y + k as u16, line, w, theme.dim());
                }
            }
            FieldKind::Line | FieldKind::Date | FieldKind::Month | FieldKind::Number => {
                let (vx, vw) = if f.inline > 0 {
                    // "label [value]" within the column.
                    let lab = format!("{} ", f.label);
                    buf.set_stringn(s.x, s.y, &lab, s.w as usize, theme.dim());
                    mark_stop(s.x, buf);
                    let lx = width_u16(&lab);
                    (s.x + lx, s.w.saturating_sub(lx))
                } else {
                    let lab = truncate(&f.label, lw.saturating_sub(2) as usize);
                    buf.set_stringn(MARK_W, s.y, format!("{lab}:"), lw as usize, label_style);
                    (MARK_W + lw, s.w.saturating_sub(MARK_W + lw))
                };
                let value_rect = Rect::new(vx, s.y, vw, 1);
                cursor = self.draw_value(f, draft, value_rect, focused, editing, buf, theme);
            }
            FieldKind::Checkbox => {
                let mark = if f.value == Value::Bool(true) {
                    "[x] "
                } else {
                    "[ ] "
                };
                buf.set_stringn(
                    MARK_W,
                    s.y,
                    mark,
                    4,
                    if focused {
                        theme.focus()
                    } else {
                        theme.label()
                    },
                );
                let w = s.w.saturating_sub(MARK_W + 4) as usize;
                buf.set_stringn(
                    MARK_W + 4,
                    s.y,
                    truncate(&sanitize(&f.label), w),
                    w,
                    label_style,
                );
            }
            FieldKind::Choice { options, boxes } => {
                let chosen = match f.value {
                    Value::Choice(c) => c,
                    _ => 0,
                };
                let rendered = choice_text(options, *boxes, chosen);
                let rw = width_u16(&rendered);
                let (lx, label_w) = if *boxes || f.inline > 0 {
                    (MARK_W, s.w.saturating_sub(MARK_W + rw + 1))
                } else {
                    (MARK_W, lw)
                };
                let lab =
                    truncate(&sanitize(&f.label), label_w.saturating_sub(1) as usize).into_owned();
                let lab = if *boxes { lab } else { format!("{lab}:") };
                buf.set_stringn(lx, s.y, &lab, label_w as usize, label_style);
                let vx = lx + label_w;
                mark_stop(vx, buf);
                let avail = s.x + s.w - vx.min(s.x + s.w);
                let text = if rw <= avail {
                    rendered
                } else {
                    format!("‹ {} ›", options[chosen.min(options.len() - 1)])
                };
                let style = if focused {
                    theme.focus()
                } else {
                    theme.label()
                };
                buf.set_stringn(vx, s.y, text, avail as usize, style);
            }
            FieldKind::Item => {
                let w = s.w.saturating_sub(MARK_W) as usize;
                buf.set_stringn(
                    MARK_W,
                    s.y,
                    truncate(&sanitize(&f.label), w),
                    w,
                    label_style,
                );
            }
            FieldKind::Button => {
                let text = format!("[ {} ]", f.label);
                buf.set_stringn(
                    MARK_W,
                    s.y,
                    &text,
                    s.w.saturating_sub(MARK_W) as usize,
                    if focused { theme.focus() } else { theme.key() },
                );
            }
            FieldKind::TextArea => {
                let lab =
                    truncate(&sanitize(&f.label), s.w.saturating_sub(MARK_W) as usize).into_owned();
                buf.set_stringn(
                    MARK_W,
                    s.y,
                    lab,
                    s.w as usize,
                    if focused {
                        theme.focus()
                    } else {
                        theme.heading()
                    },
                );
                let boxr = Rect::new(MARK_W, s.y + 1, s.w.saturating_sub(MARK_W), s.h - 1);
                let border = if editing {
                    theme.border_focus()
                } else {
                    theme.border()
                };
                let block = ratatui::widgets::Block::bordered().border_style(border);
                let inner = block.inner(boxr);
                block.render(boxr, buf);
                cursor = self.draw_value(f, draft, inner, focused, editing, buf, theme);
            }
        }
        // Errors, below the row.
        if let Some(e) = self.error(&f.id) {
            let w = width.saturating_sub(MARK_W + 2).max(1) as usize;
            for (k, line) in wrap(&format!("! {e}"), w).iter().enumerate() {
                buf.set_stringn(MARK_W + 2, s.err_y + k as u16, line, w, theme.error());
            }
        }
        cursor
    }

    /// Draws the value of a text field: its editor while editing (or while it holds refused
    /// text), else the model's value, else the placeholder.
    #[allow(clippy::too_many_arguments)]
    fn draw_value(
        &self,
        f: &Field,
        draft: Option<&Draft>,
        r: Rect,
        focused: bool,
        editing: bool,
        buf: &mut Buffer,
        theme: Theme,
    ) -> Option<Position> {
        if r.width == 0 || r.height == 0 {
            return None;
        }
        // An empty text shows its guidance under the cursor while it is typed in too: the
        // focus arriving types at once, so this is when the guidance is read.
        let typing_empty = editing && draft.is_some_and(|d| d.editor.is_empty());
        if editing
            && !typing_empty
            && let Some(d) = draft
        {
            let ta = &d.editor;
            if f.kind.one_line() {
                // The whole field underlined, not only its text: where typing goes shows
                // without colour, and a typed character changes one cell (1 byte to the
                // terminal instead of the character, the next cell, a reset and a move).
                buf.set_style(
                    r,
                    Style::new().add_modifier(ratatui::style::Modifier::UNDERLINED),
                );
            }
            ta.render(r, buf);
            let sc = ta.screen_cursor();
            let (top, left) = ta.scroll_offset();
            let y = r.y + (sc.row as u16).saturating_sub(top);
            let x = r.x + (sc.col as u16).saturating_sub(left);
            return Some(Position::new(
                x.min(r.x + r.width - 1),
                y.min(r.y + r.height - 1),
            ));
        }
        let text = match draft {
            Some(d) => draft_text(&d.editor),
            None => f.value.as_text(),
        };
        let style = if draft.is_some_and(|d| d.error.is_some()) {
            theme.error()
        } else if focused && f.kind != FieldKind::TextArea {
            theme.focus()
        } else {
            theme.label()
        };
        let (shown, style) = if text.is_empty() {
            (f.placeholder.as_str(), theme.dim())
        } else {
            (text.as_str(), style)
        };
        if f.kind == FieldKind::TextArea {
            for (k, line) in wrap(shown, r.width as usize)
                .iter()
                .take(r.height as usize)
                .enumerate()
            {
                buf.set_stringn(r.x, r.y + k as u16, line, r.width as usize, style);
            }
        } else {
            let s = sanitize(shown);
            buf.set_stringn(
                r.x,
                r.y,
                truncate(&s, r.width as usize),
                r.width as usize,
                style,
            );
        }
        typing_empty.then_some(Position::new(r.x, r.y))
    }
}

fn choice_text(options: &[String], boxes: bool, chosen: usize) -> String {
    if boxes {
        options
            .iter()
            .enumerate()
            .skip(1)
            .map(|(i, o)| format!("[{}] {o}", if i == chosen { "x" } else { " " }))
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        options
            .iter()
            .enumerate()
            .map(|(i, o)| format!("({}) {o}", if i == chosen { "•" } else { " " }))
            .collect::<Vec<_>>()
            .join("  ")
    }
}
