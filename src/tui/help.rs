//! The `?` overlay: every key of the current screen, generated from the key table, grouped by
//! where it applies.

use super::app::App;
use super::form::wrap;
use super::keys::{BINDINGS, Context, keys_label};
use super::screens::ScreenId;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

/// The groups of keys that apply on a screen, in the order shown.
pub fn contexts_for(screen: ScreenId) -> Vec<Context> {
    let mut v = match screen {
        ScreenId::Meetings => vec![Context::Meetings, Context::Detail],
        ScreenId::Export => vec![Context::Export],
        _ => vec![],
    };
    v.push(Context::Form);
    v.push(Context::Editing);
    if matches!(screen, ScreenId::Plan | ScreenId::Meetings) {
        v.push(Context::TextArea);
    }
    v.push(Context::Global);
    v
}

/// The groups of keys of the live meeting screen.
pub fn meeting_contexts() -> Vec<Context> {
    vec![
        Context::Meeting,
        Context::MeetingTyping,
        Context::Popup,
        Context::Editing,
        Context::TextArea,
        Context::QuitMeeting,
        Context::Global,
    ]
}

/// The overlay's lines (also used by the docs test).
pub fn lines(screen: ScreenId) -> Vec<(Option<&'static str>, String, &'static str)> {
    lines_of(contexts_for(screen))
}

fn lines_of(contexts: Vec<Context>) -> Vec<(Option<&'static str>, String, &'static str)> {
    let mut out = Vec::new();
    for ctx in contexts {
        out.push((Some(ctx.title()), String::new(), ""));
        for b in BINDINGS.iter().filter(|b| b.context == ctx) {
            out.push((None, keys_label(b), b.desc));
        }
    }
    out
}

pub fn draw(app: &App, scroll: u16, area: Rect, buf: &mut Buffer) {
    let t = app.theme;
    // The whole width between the tab bar and the status bar: nothing behind shows through.
    let r = Rect::new(
        area.x,
        area.y + 1,
        area.width,
        area.height.saturating_sub(2),
    );
    Clear.render(r, buf);
    let block = Block::bordered()
        .title(format!(
            " Keys: {} (?/Esc close, j/k scroll) ",
            if app.live_shown().is_some() {
                "Meeting"
            } else {
                app.screen.title()
            }
        ))
        .border_style(t.border_focus());
    let inner = block.inner(r);
    block.render(r, buf);
    let key_w = 22usize;
    let all = if app.live_shown().is_some() {
        lines_of(meeting_contexts())
    } else {
        lines(app.screen)
    };
    // Descriptions wrap beside their keys rather than being cut.
    let desc_w = (inner.width as usize).saturating_sub(key_w + 3).max(10);
    let all: Vec<Line> = all
        .into_iter()
        .flat_map(|(heading, keys, desc)| match heading {
            Some(h) => vec![Line::styled(h.to_string(), t.heading())],
            None => wrap(desc, desc_w)
                .into_iter()
                .enumerate()
                .map(|(i, part)| {
                    let keys = if i == 0 { keys.as_str() } else { "" };
                    Line::from(vec![
                        Span::styled(format!("  {keys:<key_w$} "), t.key()),
                        Span::raw(part),
                    ])
                })
                .collect(),
        })
        .collect();
    let max_scroll = all.len().saturating_sub(inner.height as usize);
    let lines: Vec<Line> = all
        .into_iter()
        .skip((scroll as usize).min(max_scroll))
        .collect();
    Paragraph::new(lines).render(inner, buf);
}
