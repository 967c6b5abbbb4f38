//! The command line in the user's language. The help texts of every flag come from the
//! catalogue already (flags.rs); in Chinese this also replaces what clap writes itself: the
//! headings (用法, 参数, 选项, 命令), the usage line's placeholders, the defaults and possible
//! values, the help and version flags, the `help` command, and clap's errors.

use std::ffi::OsString;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Command, CommandFactory, FromArgMatches};
use gongwen::i18n::{self, Lang, cli as msg};

use super::flags::Cli;

/// Reads the command line: the language first (`--lang`, else the locale), then every flag
/// with help and errors in that language. Help, version and errors are printed here, and
/// the process's exit status returned instead.
pub fn parse(args: Vec<OsString>) -> Result<Cli, ExitCode> {
    // `serve`'s page is written for the office: Chinese unless `--lang` says otherwise.
    let serving = args
        .iter()
        .skip(1)
        .find(|a| !a.to_string_lossy().starts_with('-'))
        .is_some_and(|a| a == "serve");
    i18n::set_lang(lang_in(&args).unwrap_or_else(|| if serving { Lang::Zh } else { Lang::from_env() }));
    let mut cmd = command();
    let matches = match cmd.try_get_matches_from_mut(&args) {
        Ok(m) => m,
        Err(e) => return Err(report(e)),
    };
    Cli::from_arg_matches(&matches).map_err(report)
}

/// The language `--lang` asks for, read before clap parses anything (clap's own messages
/// depend on it).
fn lang_in(args: &[OsString]) -> Option<Lang> {
    let mut args = args.iter().map(|a| a.to_string_lossy());
    while let Some(a) = args.next() {
        if a == "--" {
            break;
        }
        if let Some(v) = a.strip_prefix("--lang=") {
            return Lang::parse(v).ok();
        }
        if a == "--lang" {
            return args.next().and_then(|v| Lang::parse(&v).ok());
        }
    }
    None
}

/// The whole command line, built, in the process's language.
pub fn command() -> Command {
    let mut cmd = Cli::command();
    cmd.build();
    if i18n::lang() == Lang::Zh {
        localise(&mut cmd, true);
    }
    cmd
}

/// Chinese headings, usage, defaults and flags for `cmd` and every command under it.
fn localise(cmd: &mut Command, top: bool) {
    for sub in cmd.get_subcommands_mut() {
        localise(sub, false);
    }
    let has_positionals = cmd.get_positionals().any(|a| !a.is_hide_set());
    let has_options = cmd.get_arguments().any(|a| !a.is_positional() && !a.is_hide_set());
    let has_commands = cmd.has_subcommands();
    let usage = cmd
        .render_usage()
        .to_string()
        .trim_start()
        .trim_start_matches("Usage:")
        .trim_start()
        .replace("[OPTIONS]", &msg::options_placeholder().zh)
        .replace("<COMMAND>", &format!("<{}>", msg::command_placeholder().zh))
        .replace("[COMMAND]", &format!("[{}]", msg::command_placeholder().zh));
    let mut template = format!("{{before-help}}{{about-with-newline}}\n{}{{usage}}", msg::help_usage().zh);
    if has_positionals {
        template.push_str(&format!("\n\n{}\n{{positionals}}", msg::help_arguments().zh));
    }
    if has_options {
        template.push_str(&format!("\n\n{}\n{{options}}", msg::help_options().zh));
    }
    if has_commands {
        template.push_str(&format!("\n\n{}\n{{subcommands}}", msg::help_commands().zh));
    }
    template.push_str("{after-help}");
    let ids: Vec<String> = cmd.get_arguments().map(|a| a.get_id().to_string()).collect();
    let mut c = std::mem::take(cmd).help_template(template).override_usage(usage);
    for id in ids {
        c = c.mut_arg(&id, |arg| match id.as_str() {
            "help" => arg.help(msg::help_flag().zh).long_help(msg::help_flag().zh),
            "version" => arg.help(msg::version_flag().zh),
            "subcommand" if c_is_help(&arg) => arg.help(msg::help_command_arg().zh),
            _ => with_hints(arg),
        });
    }
    if c.get_name() == "help" && !top {
        c = c.about(msg::help_command().zh);
    }
    *cmd = c;
}

/// The `subcommand` argument of clap's own `help` command.
fn c_is_help(arg: &clap::Arg) -> bool {
    arg.get_value_names().is_some_and(|v| v.iter().any(|n| n.as_str() == "COMMAND"))
}

/// An argument's default and possible values, said in Chinese inside its help.
fn with_hints(arg: clap::Arg) -> clap::Arg {
    let mut help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
    let defaults: Vec<String> = arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
    let possible: Vec<String> = if arg.is_hide_possible_values_set() {
        Vec::new()
    } else {
        arg.get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| v.get_name().to_string())
            .collect()
    };
    if !possible.is_empty() && arg.get_action().takes_values() {
        help.push_str(&msg::help_possible(possible.join("、")).zh);
    }
    if !defaults.is_empty() && arg.get_action().takes_values() {
        help.push_str(&msg::help_default(defaults.join(",")).zh);
    }
    arg.help(help).hide_default_value(true).hide_possible_values(true)
}

/// Prints clap's refusal (or the help or version asked for) and gives the exit status.
fn report(e: clap::Error) -> ExitCode {
    let code = e.exit_code();
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) || i18n::lang() == Lang::En
    {
        // clap's own words, or the help we localised; a closed pipe is not an error here.
        let _ = e.print();
        return ExitCode::from(u8::try_from(code).unwrap_or(2));
    }
    let text = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join("、"),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let arg = text(ContextKind::InvalidArg);
    let mut lines = vec![
        match e.kind() {
            ErrorKind::MissingRequiredArgument => msg::error_missing(&arg),
            ErrorKind::UnknownArgument => msg::error_unknown_argument(&arg),
            ErrorKind::InvalidValue if text(ContextKind::InvalidValue).is_empty() => msg::error_no_value(&arg),
            ErrorKind::InvalidValue | ErrorKind::ValueValidation => msg::error_invalid_value(text(ContextKind::InvalidValue), &arg),
            ErrorKind::NoEquals | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => msg::error_no_value(&arg),
            ErrorKind::ArgumentConflict => msg::error_conflict(&arg, text(ContextKind::PriorArg)),
            ErrorKind::InvalidSubcommand => msg::error_unknown_command(text(ContextKind::InvalidSubcommand)),
            ErrorKind::TooManyValues => msg::error_too_many(text(ContextKind::InvalidValue)),
            _ => msg::error_other(e.kind()),
        }
        .zh,
    ];
    let suggested = text(ContextKind::SuggestedArg) + &text(ContextKind::SuggestedSubcommand);
    if !suggested.is_empty() {
        lines.push(msg::error_did_you_mean(suggested).zh);
    }
    let valid = text(ContextKind::ValidValue);
    if !valid.is_empty() {
        lines.push(msg::error_possible_values(valid).zh);
    }
    let usage = text(ContextKind::Usage);
    let usage = usage.trim().trim_start_matches("Usage:").trim();
    let mut out = format!("{}{}\n", msg::error_prefix().zh, lines.join("\n"));
    if !usage.is_empty() {
        out.push_str(&format!("\n{}{usage}\n", msg::help_usage().zh));
    }
    out.push_str(&format!("\n{}\n", msg::error_more_help("--help").zh));
    super::tell(format_args!("{}", out.trim_end()));
    ExitCode::from(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_is_read_before_parsing() {
        let args = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(lang_in(&args(&["gongwen", "--lang", "zh", "collect"])), Some(Lang::Zh));
        assert_eq!(lang_in(&args(&["gongwen", "collect", "--lang=en"])), Some(Lang::En));
        assert_eq!(lang_in(&args(&["gongwen", "build"])), None);
        assert_eq!(lang_in(&args(&["gongwen", "--", "--lang", "zh"])), None);
    }
}
