//! The terminal's state and its restoration on every way out: normal quit, error, panic, and the
//! signals that end a session (SIGTERM, SIGHUP when an SSH link drops, SIGINT, SIGQUIT); Ctrl-Z
//! and SIGTSTP suspend to the shell and `fg` (SIGCONT) comes back. Also suspends the TUI to
//! run `$VISUAL` / `$EDITOR` on a text, and reads the terminal's bytes for `input`.

use ratatui::Terminal;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use std::io::{self, Stdout, stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

pub type Term = Terminal<super::backend::LeanBackend<Stdout>>;

/// Raw mode, the alternate screen and bracketed paste (a paste arrives as one event).
pub fn enter() -> io::Result<Term> {
    enable_raw_mode()?;
    if let Err(e) = execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste) {
        restore();
        return Err(e);
    }
    Terminal::new(super::backend::LeanBackend::new(stdout()))
}

/// Undoes `enter`; safe to call more than once and when the terminal is gone.
pub fn restore() {
    use std::io::Write;
    // The backend leaves the pen as the last frame ended (fewer bytes per key): the shell, the
    // editor and a panic report must not inherit an underline or a colour.
    let _ = stdout().write_all(b"\x1b[0m");
    let _ = disable_raw_mode();
    let _ = execute!(stdout(), DisableBracketedPaste, LeaveAlternateScreen, Show);
}

/// Restores the terminal before the previous hook (color-eyre's) prints the panic, so that the
/// report is readable and the shell usable.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Signals as flags the event loop checks (nothing is done in the handlers themselves): those
/// that end the session, a resize, a stop request (SIGTSTP) and a continue (SIGCONT, also
/// after a SIGSTOP that gave no chance to restore the terminal).
pub struct Signals {
    raised: Arc<AtomicBool>,
    resized: Arc<AtomicBool>,
    stop: Arc<AtomicBool>,
    cont: Arc<AtomicBool>,
}

impl Signals {
    pub fn register() -> io::Result<Signals> {
        use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGWINCH};
        let raised = Arc::new(AtomicBool::new(false));
        for sig in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
            signal_hook::flag::register(sig, Arc::clone(&raised))?;
        }
        let flag = |sig| -> io::Result<Arc<AtomicBool>> {
            let f = Arc::new(AtomicBool::new(false));
            signal_hook::flag::register(sig, Arc::clone(&f))?;
            Ok(f)
        };
        Ok(Signals {
            raised,
            resized: flag(SIGWINCH)?,
            stop: flag(SIGTSTP)?,
            cont: flag(SIGCONT)?,
        })
    }

    pub fn raised(&self) -> bool {
        self.raised.load(Ordering::Relaxed)
    }

    /// A resize since the last call (drawing adapts to the new size).
    pub fn take_resize(&self) -> bool {
        self.resized.swap(false, Ordering::Relaxed)
    }

    /// A continue (SIGCONT) since the last call.
    pub fn take_continue(&self) -> bool {
        self.cont.swap(false, Ordering::Relaxed)
    }

    /// SIGTSTP (`kill -TSTP`, or the shell) since the last call.
    pub fn take_stop(&self) -> bool {
        self.stop.swap(false, Ordering::Relaxed)
    }
}

/// Suspends to the shell as every full-screen program does: the terminal is restored, the
/// process stops (SIGSTOP, which our own SIGTSTP handler cannot intercept), and at `fg` the
/// screen comes back whole.
pub fn suspend(term: &mut Term) -> io::Result<()> {
    restore();
    signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)?;
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
    term.clear()
}

/// After SIGCONT (a stop we did not see coming): the shell may have put the terminal back in
/// line mode, so raw mode and the alternate screen are asked for again and all is redrawn.
pub fn reassert(term: &mut Term) -> io::Result<()> {
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
    term.clear()
}

/// The editor command: `$VISUAL`, else `$EDITOR`, else `vi`, split as a shell would split
/// words (so `EDITOR="code --wait"` works) but run without a shell.
pub fn editor_command() -> Result<Vec<String>, String> {
    let cmd = ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".into());
    let words = shell_words::split(&cmd)
        .map_err(|e| format!("cannot read the editor command {cmd:?}: {e}"))?;
    if words.is_empty() {
        return Err("the editor command is empty".into());
    }
    Ok(words)
}

/// Suspends the TUI, edits `text` in the external editor, and comes back. The text goes
/// through a private (0600) file at `path` (in the data directory) that the caller removes
/// once the text is safe: a terminal lost while the editor runs must not lose what it saved.
pub fn edit_externally(
    term: &mut Term,
    text: &str,
    path: &std::path::Path,
    signals: &Signals,
) -> Result<String, String> {
    let words = editor_command()?;
    crate::storage::files::write_new_text(path, text)
        .map_err(|e| format!("cannot write a temporary file for the editor: {e}"))?;
    restore();
    let run = run_editor(&words, path, signals);
    if matches!(run, Ok(EditorEnd::HungUp)) {
        // The terminal is gone: what the editor saved is the text (there is no screen to go
        // back to; the caller saves it and leaves).
        return std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read back the edited text: {e}"));
    }
    let back = enable_raw_mode()
        .and_then(|_| execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste));
    let _ = term.clear();
    match (run, back) {
        (_, Err(e)) => Err(format!("cannot return to the screen: {e}")),
        (Err(e), _) => Err(format!("cannot run the editor {:?}: {e}", words[0])),
        (Ok(EditorEnd::Failed(s)), _) => Err(format!(
            "the editor {:?} failed ({s}); the text is unchanged",
            words[0]
        )),
        (Ok(_), _) => std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read back the edited text: {e}")),
    }
}

#[derive(Debug, PartialEq)]
enum EditorEnd {
    Done,
    Failed(std::process::ExitStatus),
    /// A hang-up or SIGTERM came while the editor ran: it was ended.
    HungUp,
}

/// Runs the editor and waits for it, watching for a hang-up meanwhile: the editor does not
/// always get one itself (the kernel signals the session leader, which is this program), and
/// a program blocked on an editor that never ends would never save what was typed.
fn run_editor(
    words: &[String],
    path: &std::path::Path,
    signals: &Signals,
) -> io::Result<EditorEnd> {
    let mut child = std::process::Command::new(&words[0])
        .args(&words[1..])
        .arg(path)
        .spawn()?;
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(if status.success() {
                EditorEnd::Done
            } else {
                EditorEnd::Failed(status)
            });
        }
        if signals.raised() || terminal_hung_up() {
            let pid = child.id() as libc::pid_t;
            // SAFETY: signalling our own child, which has not been reaped yet.
            unsafe { libc::kill(pid, libc::SIGHUP) };
            let start = std::time::Instant::now();
            while child.try_wait()?.is_none() {
                if start.elapsed() > std::time::Duration::from_secs(1) {
                    let _ = child.kill();
                    let _ = child.wait();
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            return Ok(EditorEnd::HungUp);
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// Whether the terminal has hung up (without reading from it: the editor owns it).
fn terminal_hung_up() -> bool {
    let mut fd = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: 0,
        revents: 0,
    };
    // SAFETY: one valid pollfd, living for the duration of the call.
    let r = unsafe { libc::poll(&mut fd, 1, 0) };
    r > 0 && fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}
