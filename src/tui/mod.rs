//! Layer rule: imports `domain`, `store`, `export` and `session`, never `cli`; changes data only
//! through `domain::ops::Op`.
//!
//! The full-screen terminal interface: `run` sets the terminal up, runs the event loop and puts
//! the terminal back on every way out, saving what was typed first.
//!
//! Layout of the module: `app` (state and update), `form` (the form engine), `keys` (the key
//! table), `screens` (declarations), `draw` and `help` (drawing), `terminal` (terminal state,
//! signals, the external editor), `theme` and `text` (colours and safe text).

pub mod app;
pub mod backend;
pub mod collation;
pub mod draw;
pub mod form;
pub mod help;
mod ids;
pub mod input;
pub mod keys;
pub mod live;
pub mod screens;
pub mod terminal;
pub mod text;
pub mod theme;

use crate::session::Settings;
use app::{App, Exporter, SaveState};
use color_eyre::eyre::eyre;
use std::time::{Duration, Instant};

pub struct UiOptions {
    /// Draw once and return (start-up measurements).
    pub exit_after_first_frame: bool,
    /// How exports are produced.
    pub exporter: Exporter,
    /// Open straight into a live meeting (`mentorplan meeting`).
    pub start_meeting: bool,
}

impl Default for UiOptions {
    fn default() -> UiOptions {
        UiOptions {
            exit_after_first_frame: false,
            exporter: crate::export::render,
            start_meeting: false,
        }
    }
}

pub fn run(settings: Settings) -> color_eyre::Result<()> {
    run_with(settings, UiOptions::default())
}

/// `mentorplan meeting`: the interface, straight into a meeting started now.
pub fn run_meeting(settings: Settings) -> color_eyre::Result<()> {
    run_with(
        settings,
        UiOptions {
            start_meeting: true,
            ..UiOptions::default()
        },
    )
}

/// The interface refused to start on a terminal that cannot draw a screen: a usage error (exit
/// 2) for the command line that asked for it.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct DumbTerminal(pub String);

pub fn run_with(settings: Settings, opts: UiOptions) -> color_eyre::Result<()> {
    use std::io::IsTerminal;
    // A dumb terminal (Emacs's shell, some CI consoles) cannot draw a full screen: refuse as
    // for no terminal, before anything is drawn.
    if std::env::var_os("TERM").is_some_and(|t| t == "dumb") {
        return Err(DumbTerminal(
            "the full-screen interface needs a terminal that can draw a screen, and TERM=dumb \
             says this one cannot; run it in a terminal emulator (or set TERM, such as \
             TERM=xterm-256color), or from here use the commands instead (mentorplan note, \
             mentorplan plan edit, mentorplan status)"
                .into(),
        )
        .into());
    }
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(eyre!(
            "the full-screen interface needs a terminal, and standard input or output is not one; \
             from a script use the commands instead (mentorplan note, mentorplan meeting log --minutes N, mentorplan status)"
        ));
    }
    if opts.start_meeting
        && let Some(d) = settings.store.load_draft()?
        && d.owner_alive()
        && d.pid != std::process::id()
    {
        return Err(eyre!(live::running_elsewhere(&d, settings.store.dir())));
    }
    terminal::install_panic_hook();
    let signals = terminal::Signals::register()?;
    settings.store.remove_stale_temporaries();
    let mut app = App::new(settings, theme::Theme::from_env(), opts.exporter);
    app.guard_questions = true;
    if opts.start_meeting {
        app.start_meeting();
    }
    let mut term = terminal::enter()?;
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        event_loop(&mut term, &mut app, &signals, &opts)
    }));
    match result {
        Ok(r) => {
            if r.is_err() {
                app.shutdown();
            }
            app.flush_journal();
            terminal::restore();
            r?;
            if let Some(text) = &app.farewell {
                eprintln!("{text}");
            }
            if !app.pending().is_empty()
                && let SaveState::Held(why) = &app.save
            {
                return Err(eyre!("your last changes could not be saved: {why}"));
            }
            Ok(())
        }
        Err(panic) => {
            // The hook has restored the terminal and reported; keep what was typed.
            app.shutdown();
            terminal::restore();
            std::panic::resume_unwind(panic)
        }
    }
}

fn event_loop(
    term: &mut terminal::Term,
    app: &mut App,
    signals: &terminal::Signals,
    opts: &UiOptions,
) -> color_eyre::Result<()> {
    let mut reader = input::Reader::new();
    let mut dirty = true;
    loop {
        if signals.take_continue() {
            // After a stop we did not see coming (SIGSTOP), the shell may have put the
            // terminal back in line mode.
            terminal::reassert(term)?;
            dirty = true;
        }
        dirty |= signals.take_resize();
        if dirty {
            redraw(term, app)?;
            dirty = false;
            if opts.exit_after_first_frame {
                return Ok(());
            }
            // The first frame showed this year's files; the earlier years (open actions agreed
            // in them among others) load now, before any key is taken.
            if app.complete_history() {
                dirty = true;
                continue;
            }
        }
        if signals.raised() {
            app.shutdown();
            return Ok(());
        }
        if app.quit {
            return Ok(());
        }
        if signals.take_stop() {
            app.request_suspend();
        }
        if std::mem::take(&mut app.suspend) {
            terminal::suspend(term)?;
            // Our own SIGCONT at `fg`: the terminal is already back.
            signals.take_continue();
            dirty = true;
            continue;
        }
        if let Some(text) = app.editor_request.take() {
            let path = app.settings.store.editor_file_path();
            app.editor_starting(path.clone(), text.clone());
            let r = terminal::edit_externally(term, &text, &path, signals);
            app.editor_returned(r);
            dirty = true;
            continue;
        }
        // Take every event that is waiting before drawing again (fast typing over SSH).
        let mut timeout = app.next_timeout(Instant::now());
        loop {
            match reader.next(timeout) {
                Err(input::Dead) => {
                    app.shutdown();
                    return Ok(());
                }
                Ok(None) => break,
                Ok(Some(ev)) => {
                    dirty = true;
                    app.burst = reader.printables_queued();
                    app.handle_event(ev);
                    if app.quit || app.suspend || app.editor_request.is_some() || signals.raised() {
                        break;
                    }
                    timeout = Duration::ZERO;
                }
            }
        }
        if dirty && !app.quit && !signals.raised() {
            // The answer to the keys first: the journal write and the save that `tick` may do
            // (each with an fsync) come after the screen has changed, not before.
            redraw(term, app)?;
            dirty = false;
        }
        dirty |= app.tick(Instant::now());
    }
}

fn redraw(term: &mut terminal::Term, app: &mut App) -> std::io::Result<()> {
    if app.wants_history() {
        // A screen that lists earlier years is about to be drawn: `refresh` loads them.
        app.refresh();
    }
    term.draw(|f| draw::draw(f, app)).map(drop)
}
