//! Drawing: the tab bar, the current screen's form (and the export preview), the hint line, the
//! status bar and any overlay. Reads `&App` only; no side effects beyond the frame.

use super::app::{App, Modal};
use super::form::wrap;
use super::help;
use super::keys;
use super::screens::ScreenId;
use super::text::{sanitize, truncate, width};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

/// The smallest terminal the screens are laid out for: the tab bar needs 54 columns below 80
/// (short titles, `tab_title`), a grid
/// row of the plan needs a readable workshop name beside its 26 columns of boxes and month, and
/// 16 rows leave 12 for the form, enough for a text area with a few lines and its label.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(area, frame.buffer_mut());
        return;
    }
    let (hint_lines, hint_style) = hint(app, area.width);
    let [tabs, body, hint, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(hint_lines.len() as u16),
        Constraint::Length(1),
    ])
    .areas(area);
    let t = app.theme;
    draw_tabs(app, tabs, frame.buffer_mut());
    let cursor = if let Some(live) = app.live_shown() {
        super::live::draw(t, &app.record, live, body, frame.buffer_mut())
    } else if app.screen == ScreenId::Export {
        let form_h = (app.form().fields().len() as u16 + 1).min(body.height / 2);
        let [top, bottom] =
            Layout::vertical([Constraint::Length(form_h), Constraint::Min(1)]).areas(body);
        let c = app.form().draw(top, frame.buffer_mut(), t);
        draw_preview(app, bottom, frame.buffer_mut());
        c
    } else {
        app.form().draw(body, frame.buffer_mut(), t)
    };
    for (i, line) in hint_lines.iter().enumerate() {
        let w = hint.width.saturating_sub(1) as usize;
        frame
            .buffer_mut()
            .set_stringn(hint.x + 1, hint.y + i as u16, line, w, hint_style);
    }
    draw_status(app, status, frame.buffer_mut());
    match &app.modal {
        Some(Modal::Help { scroll }) => help::draw(app, *scroll, area, frame.buffer_mut()),
        Some(Modal::Confirm { text, .. }) => confirm(app, text, area, frame.buffer_mut()),
        Some(Modal::Resume(d)) => {
            let lines = d.notes.lines().filter(|l| !l.trim().is_empty()).count();
            let how = if d.kept_open {
                "was kept open when you quit"
            } else {
                "was interrupted (the program was stopped or the link dropped)"
            };
            let text = format!(
                "The meeting of {} {how}, with {lines} line{} of notes. Resume it, record it as it is, or discard it?",
                d.date.format("%-d %B %Y"),
                if lines == 1 { "" } else { "s" }
            );
            let first = d.notes.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
            let text = if first.is_empty() {
                text
            } else {
                format!("{text}\n\n“{}”", truncate(first, 50))
            };
            ask(
                app,
                " An interrupted meeting ",
                &text,
                keys::Context::Resume,
                area,
                frame.buffer_mut(),
            )
        }
        Some(Modal::QuitMeeting) => {
            let clock = app
                .live
                .as_ref()
                .map(|l| super::live::clock(l.minute_drawn))
                .unwrap_or_default();
            let text = format!(
                "A meeting is running ({clock}). End it now and record its length, or keep it open and resume it next time (its notes are saved)?"
            );
            ask(
                app,
                " Quit during a meeting ",
                &text,
                keys::Context::QuitMeeting,
                area,
                frame.buffer_mut(),
            )
        }
        None => {
            if let Some(c) = cursor {
                frame.set_cursor_position(c);
            }
        }
    }
}

/// Below the minimum: say so, in as much of the message as fits, never panic.
fn too_small(area: Rect, buf: &mut Buffer) {
    let msg = format!(
        "Terminal too small: {}x{}. mentorplan needs at least {MIN_WIDTH}x{MIN_HEIGHT}; enlarge the window (your work is kept).",
        area.width, area.height
    );
    for (i, line) in wrap(&msg, area.width as usize)
        .iter()
        .take(area.height as usize)
        .enumerate()
    {
        buf.set_stringn(
            area.x,
            area.y + i as u16,
            line,
            area.width as usize,
            ratatui::style::Style::new(),
        );
    }
}

fn draw_tabs(app: &App, area: Rect, buf: &mut Buffer) {
    let t = app.theme;
    let live = app.live.as_ref().map(|l| l.shown);
    let room = (area.width as usize).saturating_sub(3 * usize::from(live.is_some()));
    let name = " mentorplan ";
    // The widest form that fits: the program's name and full titles; full titles; short
    // titles; numbers only, but for the current screen's short title (the minimum width).
    let label = |s: ScreenId, level: usize| match level {
        0 | 1 => format!("{} {}", s.index() + 1, s.title()),
        2 => format!("{} {}", s.index() + 1, s.short_title()),
        _ if s == app.screen => format!("{} {}", s.index() + 1, s.short_title()),
        _ => format!("{}", s.index() + 1),
    };
    let needed = |level: usize| -> usize {
        let tabs: usize = ScreenId::ALL
            .iter()
            .map(|s| width(&label(*s, level)) + 2)
            .sum();
        tabs + if level == 0 { width(name) } else { 0 }
    };
    let level = (0..3).find(|l| needed(*l) <= room).unwrap_or(3);
    let mut spans = Vec::new();
    if level == 0 {
        spans.push(Span::styled(name, t.title()));
    }
    for s in ScreenId::ALL {
        let label = label(s, level);
        if s == app.screen && live != Some(true) {
            spans.push(Span::styled(format!("[{label}]"), t.tab_active()));
        } else {
            spans.push(Span::raw(format!(" {label} ")));
        }
    }
    match live {
        // A meeting runs: its screen has no number (`m` shows it); the status bar has the clock.
        Some(true) => spans.push(Span::styled("[●]", t.tab_active())),
        Some(false) => spans.push(Span::raw(" ● ")),
        None => {}
    }
    Line::from(spans).render(area, buf);
}

fn draw_preview(app: &App, area: Rect, buf: &mut Buffer) {
    let t = app.theme;
    let block = Block::bordered()
        .title(" Preview (PgDn/PgUp scroll) ")
        .border_style(t.border());
    let inner = block.inner(area);
    block.render(area, buf);
    match &app.preview {
        Ok(text) => {
            let all = wrap(text, inner.width as usize);
            // Scrolling stops with the last line at the bottom.
            let last_page = all.len().saturating_sub(inner.height as usize);
            let lines: Vec<Line> = all
                .into_iter()
                .skip((app.preview_scroll as usize).min(last_page))
                .take(inner.height as usize)
                .map(Line::from)
                .collect();
            Paragraph::new(lines).render(inner, buf);
        }
        Err(e) => {
            let lines: Vec<Line> = wrap(e, inner.width as usize)
                .into_iter()
                .map(|l| Line::styled(l, t.error()))
                .collect();
            Paragraph::new(lines).render(inner, buf);
        }
    }
}

/// The hint line: the message of what just happened, or the focused field's help. A long one
/// takes a second row from the form rather than being cut at 80 columns; beyond two rows it
/// ends with `…`.
fn hint(app: &App, width: u16) -> (Vec<String>, ratatui::style::Style) {
    const ROWS: usize = 2;
    let t = app.theme;
    let (text, style) = match &app.message {
        Some((m, true)) => (m.clone(), t.error()),
        Some((m, false)) => (m.clone(), t.ok()),
        None => (
            app.form()
                .focused()
                .map(|f| f.help.clone())
                .unwrap_or_default(),
            t.dim(),
        ),
    };
    let w = (width as usize).saturating_sub(1).max(1);
    let mut lines = wrap(&sanitize(&text), w);
    if lines.len() > ROWS {
        let rest = lines.split_off(ROWS - 1).join(" ");
        lines.push(truncate(&rest, w).into_owned());
    }
    (lines, style)
}

fn draw_status(app: &App, area: Rect, buf: &mut Buffer) {
    let t = app.theme;
    buf.set_style(area, t.bar());
    let save = app.save.words();
    let save_style = match app.save {
        super::app::SaveState::Saved => t.bar(),
        _ => t.bar().add_modifier(ratatui::style::Modifier::BOLD),
    };
    let left = format!(" {}{} · ", app.whose(), app.section_title());
    let save = truncate(&save, (area.width as usize / 2).max(8)).into_owned();
    let mut x = area.x;
    // The input model's state, in words (visible without colour): typing, where every
    // printable key is text; choosing, on a choice, tick box or button of a form, where
    // letters choose and never run commands; or commands, after Esc, where letters and digits
    // are keys. (Lists take commands only, and say nothing.)
    let on_text = app.form().focused().is_some_and(|f| f.kind.is_text());
    if app.modal.is_none() && (on_text || !app.list_view()) {
        let mode = if app.form().is_editing() {
            " TYPING "
        } else if app.choosing() {
            // The fifth trial read TYPING on a Yes / No row as a text field.
            " CHOOSING "
        } else {
            " COMMANDS "
        };
        x = buf
            .set_stringn(
                x,
                area.y,
                mode,
                area.width as usize,
                t.bar().add_modifier(ratatui::style::Modifier::REVERSED),
            )
            .0;
    }
    x = buf
        .set_stringn(x, area.y, &left, (area.right() - x) as usize, t.bar())
        .0;
    x = buf
        .set_stringn(x, area.y, &save, (area.right() - x) as usize, save_style)
        .0;
    x = buf
        .set_stringn(
            x,
            area.y,
            " │",
            (area.right().saturating_sub(x)) as usize,
            t.bar(),
        )
        .0;
    // Help and quit come last but never give way: the other hints are left out first on a
    // narrow terminal.
    let essential: Vec<_> = keys::BINDINGS
        .iter()
        .filter(|b| matches!(b.action, keys::Action::Help | keys::Action::Quit))
        .filter_map(|b| b.hint.map(|h| (b.keys[0].label(), h)))
        .collect();
    let items: Vec<(String, bool)> = keys::hints(&app.contexts())
        .into_iter()
        // $EDITOR takes text areas only.
        .filter(|(_, h)| *h != "editor" || app.form().editing_text_area())
        .map(|(k, h)| {
            let kept = essential.contains(&(k.clone(), h));
            (format!(" {k} {h}"), kept)
        })
        .collect();
    let mut reserved: usize = items.iter().filter(|i| i.1).map(|i| width(&i.0)).sum();
    let mut room = true;
    for (item, kept) in items {
        if kept {
            reserved -= width(&item);
        }
        room &= x as usize + width(&item) + reserved <= area.right() as usize;
        if room || kept {
            x = buf.set_stringn(x, area.y, &item, item.len(), t.bar()).0;
        }
    }
}

fn confirm(app: &App, text: &str, area: Rect, buf: &mut Buffer) {
    ask(
        app,
        " Please confirm ",
        text,
        keys::Context::Confirm,
        area,
        buf,
    )
}

/// A question in a box; the answers and their keys come from the key table.
fn ask(app: &App, title: &str, text: &str, ctx: keys::Context, area: Rect, buf: &mut Buffer) {
    let t = app.theme;
    let w = area.width.min(64);
    let lines = wrap(text, w.saturating_sub(4) as usize);
    let h = (lines.len() as u16 + 4).min(area.height);
    let r = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    Clear.render(r, buf);
    let block = Block::bordered().title(title).border_style(t.warn());
    let inner = block.inner(r);
    block.render(r, buf);
    let mut body: Vec<Line> = lines.into_iter().map(Line::from).collect();
    body.push(Line::default());
    let mut answers = Vec::new();
    for b in keys::BINDINGS.iter().filter(|b| b.context == ctx) {
        if let Some(h) = b.hint {
            if !answers.is_empty() {
                answers.push(Span::raw("   "));
            }
            answers.push(Span::styled(keys::keys_label(b), t.key()));
            answers.push(Span::raw(format!(" {h}")));
        }
    }
    body.push(Line::from(answers));
    Paragraph::new(body).render(inner, buf);
}
