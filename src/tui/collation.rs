//! A read-only screen for browsing a collation (`mentorplan collate --tui`): one tab per part
//! of the report (who submitted, who is missing, demand, areas, totals, impact, files skipped),
//! each showing that part of the Markdown report, scrolled with the usual keys. Nothing here
//! writes; the terminal is set up and put back as the main interface does it.

use super::terminal;
use crate::domain::coordinator::collate::Collation;
use crate::export::coordinator as report;
use ratatui::Frame;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::{Constraint, Layout};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use std::time::Duration;

/// The summary's lines (it wraps at 80 columns); with the title, the tabs and the keys, the
/// rows that are not the body.
const SUMMARY_LINES: u16 = 2;
const CHROME_LINES: u16 = SUMMARY_LINES + 3;

pub struct Browser {
    title: String,
    summary: String,
    /// (tab name, its lines), in the report's order.
    tabs: Vec<(String, Vec<String>)>,
    pub tab: usize,
    pub scroll: usize,
    pub quit: bool,
}

impl Browser {
    /// The report's Markdown cut at its `## ` headings, one tab each; the title and summary
    /// above the first heading stay on top.
    pub fn new(c: &Collation) -> Browser {
        let md = report::markdown(c);
        let mut head: Vec<String> = Vec::new();
        let mut tabs: Vec<(String, Vec<String>)> = Vec::new();
        for line in md.lines() {
            let line = crate::domain::text::for_terminal(line).into_owned();
            if let Some(title) = line.strip_prefix("## ") {
                tabs.push((title.to_string(), Vec::new()));
            } else if let Some((_, body)) = tabs.last_mut() {
                if !(body.is_empty() && line.is_empty()) {
                    body.push(line);
                }
            } else if !line.is_empty() {
                head.push(line);
            }
        }
        for (_, body) in &mut tabs {
            while body.last().is_some_and(String::is_empty) {
                body.pop();
            }
        }
        let title = head
            .first()
            .map(|t| t.trim_start_matches("# ").to_string())
            .unwrap_or_default();
        Browser {
            title,
            summary: head.get(1).cloned().unwrap_or_default(),
            tabs,
            tab: 0,
            scroll: 0,
            quit: false,
        }
    }

    pub fn tab_names(&self) -> Vec<&str> {
        self.tabs.iter().map(|(t, _)| t.as_str()).collect()
    }

    fn lines(&self) -> &[String] {
        self.tabs
            .get(self.tab)
            .map(|(_, l)| l.as_slice())
            .unwrap_or(&[])
    }

    /// A key press; `page` is the body's height, for Page Up and Page Down.
    pub fn key(&mut self, key: KeyEvent, page: usize) {
        let n = self.tabs.len().max(1);
        let last = self.lines().len().saturating_sub(page.max(1));
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('c') if ctrl => self.quit = true,
            KeyCode::Char('q') | KeyCode::Esc => self.quit = true,
            KeyCode::Tab | KeyCode::Right | KeyCode::Char('l') => self.switch((self.tab + 1) % n),
            KeyCode::BackTab | KeyCode::Left | KeyCode::Char('h') => {
                self.switch((self.tab + n - 1) % n)
            }
            KeyCode::Char(d @ '1'..='9') => {
                let i = d as usize - '1' as usize;
                if i < self.tabs.len() {
                    self.switch(i);
                }
            }
            KeyCode::Down | KeyCode::Char('j') => self.scroll = (self.scroll + 1).min(last),
            KeyCode::Up | KeyCode::Char('k') => self.scroll = self.scroll.saturating_sub(1),
            KeyCode::PageDown | KeyCode::Char(' ') => self.scroll = (self.scroll + page).min(last),
            KeyCode::PageUp => self.scroll = self.scroll.saturating_sub(page),
            KeyCode::Home | KeyCode::Char('g') => self.scroll = 0,
            KeyCode::End | KeyCode::Char('G') => self.scroll = last,
            _ => {}
        }
    }

    fn switch(&mut self, tab: usize) {
        self.tab = tab;
        self.scroll = 0;
    }
}

/// Title, summary, the tabs (numbers; the current one named and marked `>` as well as
/// reversed, for NO_COLOR),
/// the tab's lines, and the keys.
pub fn draw(f: &mut Frame, b: &Browser) {
    let [top, summary, tabs, body, keys] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(SUMMARY_LINES),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(f.area());
    f.render_widget(
        Paragraph::new(b.title.as_str()).style(Style::new().add_modifier(Modifier::BOLD)),
        top,
    );
    f.render_widget(
        Paragraph::new(b.summary.as_str()).wrap(Wrap { trim: true }),
        summary,
    );
    let mut spans = Vec::new();
    for (i, name) in b.tab_names().into_iter().enumerate() {
        if i == b.tab {
            spans.push(Span::styled(
                format!(">{} {name}<", i + 1),
                Style::new().add_modifier(Modifier::REVERSED),
            ));
        } else {
            // Only the number: seven titles do not fit in 80 columns.
            spans.push(Span::raw(format!(" {} ", i + 1)));
        }
        spans.push(Span::raw(" "));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), tabs);
    let lines: Vec<Line> = b
        .lines()
        .iter()
        .skip(b.scroll)
        .map(|l| Line::raw(l.as_str()))
        .collect();
    f.render_widget(Paragraph::new(lines), body);
    let shown = (b.scroll + usize::from(body.height)).min(b.lines().len());
    f.render_widget(
        Paragraph::new(format!(
            "Tab/arrows: part  Up/Down, PgUp/PgDn: scroll  q: quit   lines {}-{} of {}",
            (b.scroll + 1).min(shown.max(1)),
            shown,
            b.lines().len()
        )),
        keys,
    );
}

/// Runs the browser until `q`, or until the session ends (a signal, the terminal gone).
pub fn run(c: &Collation) -> color_eyre::Result<()> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(color_eyre::eyre::eyre!(
            "--tui needs a terminal, and standard input or output is not one: use --format md, csv or json"
        ));
    }
    terminal::install_panic_hook();
    let signals = terminal::Signals::register()?;
    let mut b = Browser::new(c);
    let mut term = terminal::enter()?;
    let result = browse(&mut term, &mut b, &signals);
    terminal::restore();
    result
}

fn browse(
    term: &mut terminal::Term,
    b: &mut Browser,
    signals: &terminal::Signals,
) -> color_eyre::Result<()> {
    let mut reader = super::input::Reader::new();
    let mut dirty = true;
    while !b.quit && !signals.raised() {
        if signals.take_continue() {
            terminal::reassert(term)?;
            dirty = true;
        }
        if signals.take_stop() {
            terminal::suspend(term)?;
            signals.take_continue();
            dirty = true;
        }
        dirty |= signals.take_resize();
        if dirty {
            term.draw(|f| draw(f, b))?;
            dirty = false;
        }
        let page = usize::from(term.size()?.height.saturating_sub(CHROME_LINES));
        match reader.next(Duration::from_millis(250)) {
            Err(super::input::Dead) => return Ok(()),
            Ok(Some(Event::Key(k))) if k.kind != KeyEventKind::Release => {
                b.key(k, page);
                dirty = true;
            }
            Ok(_) => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
