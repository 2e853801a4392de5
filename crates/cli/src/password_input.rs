//! Passwords come from a prompt without echo, or from the first line of
//! stdin for scripts; never from a command-line argument, where other users
//! of the machine could read them.

use std::io::{BufRead, IsTerminal};

pub fn read_password(from_stdin: bool) -> Result<String, String> {
    let password = if from_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| format!("kan wachtwoord niet lezen: {e}"))?;
        line.trim_end_matches(['\r', '\n']).to_string()
    } else if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Wachtwoord: ")
            .map_err(|e| format!("kan wachtwoord niet lezen: {e}"))?;
        let second = rpassword::prompt_password("Nog een keer: ")
            .map_err(|e| format!("kan wachtwoord niet lezen: {e}"))?;
        if first != second {
            return Err("de wachtwoorden zijn niet gelijk".into());
        }
        first
    } else {
        return Err("geen terminal om het wachtwoord te vragen; gebruik --password-stdin".into());
    };
    vangnet_domain::user::check_password(&password)
        .map_err(|e| format!("wachtwoord {}", e.reason))?;
    Ok(password)
}
