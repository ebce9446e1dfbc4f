//! The terminal's state and its restoration on every way out: normal quit, error, panic, and the
//! signals that end a session (SIGTERM, SIGHUP when an SSH link drops, SIGINT, SIGQUIT). Also
//! suspends the TUI to run `$VISUAL` / `$EDITOR` on a text.

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

/// Signals that end the session, as a flag the event loop checks (nothing is done in the
/// handler itself).
pub struct Signals {
    raised: Arc<AtomicBool>,
}

impl Signals {
    pub fn register() -> io::Result<Signals> {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
        let raised = Arc::new(AtomicBool::new(false));
        for sig in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
            signal_hook::flag::register(sig, Arc::clone(&raised))?;
        }
        Ok(Signals { raised })
    }

    pub fn raised(&self) -> bool {
        self.raised.load(Ordering::Relaxed)
    }
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
/// through a private (0600) temporary file that is removed afterwards.
pub fn edit_externally(term: &mut Term, text: &str) -> Result<String, String> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let words = editor_command()?;
    let path = std::env::temp_dir().join(format!(
        "mentorplan-{}-{}.md",
        std::process::id(),
        uuid::Uuid::new_v4().simple()
    ));
    let write = || -> io::Result<()> {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)?;
        f.write_all(text.as_bytes())?;
        if !text.is_empty() && !text.ends_with('\n') {
            f.write_all(b"\n")?;
        }
        f.sync_all()
    };
    write().map_err(|e| format!("cannot write a temporary file for the editor: {e}"))?;
    restore();
    let status = std::process::Command::new(&words[0])
        .args(&words[1..])
        .arg(&path)
        .status();
    let back = enable_raw_mode()
        .and_then(|_| execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste));
    let _ = term.clear();
    let result = match (status, back) {
        (_, Err(e)) => Err(format!("cannot return to the screen: {e}")),
        (Err(e), _) => Err(format!("cannot run the editor {:?}: {e}", words[0])),
        (Ok(s), _) if !s.success() => Err(format!(
            "the editor {:?} failed ({s}); the text is unchanged",
            words[0]
        )),
        (Ok(_), _) => std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read back the edited text: {e}")),
    };
    let _ = std::fs::remove_file(&path);
    result
}

/// What the terminal's input had to say within a timeout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    Ready,
    /// Nothing came (or a signal interrupted the wait).
    Quiet,
    /// The terminal hung up (closed pty, dropped SSH link, killed tmux pane).
    Dead,
}

/// Waits for input on the terminal without crossterm, which spins on a hung-up terminal
/// (endless `read` returning 0) and so would never notice that it should save and leave.
/// When standard input is not the terminal (crossterm then reads /dev/tty), reports `Ready`
/// after asking crossterm instead.
pub fn wait_input(timeout: std::time::Duration) -> Input {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        return match ratatui::crossterm::event::poll(timeout) {
            Ok(true) => Input::Ready,
            Ok(false) => Input::Quiet,
            Err(_) => Input::Dead,
        };
    }
    let mut fd = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    };
    let ms = timeout.as_millis().min(i32::MAX as u128) as i32;
    // SAFETY: one valid pollfd, living for the duration of the call.
    let r = unsafe { libc::poll(&mut fd, 1, ms) };
    if r < 0 {
        return if io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
            Input::Quiet
        } else {
            Input::Dead
        };
    }
    if r == 0 {
        Input::Quiet
    } else if fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
        Input::Dead
    } else {
        Input::Ready
    }
}
