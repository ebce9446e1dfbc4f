//! Which editor to run for a text (`$VISUAL`, `$EDITOR`, `vi`): the interface's Ctrl-E and
//! `mentorplan plan edit` both ask here.

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
