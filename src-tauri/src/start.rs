//! What the command line asks of a start: `--demo` (open the demo shop when no profile is active
//! yet, which is what `scripts/run` passes) and `--demo-escrows N` (how many past escrows a new demo
//! simulator starts with; `scripts/bench` loads 100,000).

/// Past escrows a new demo starts with unless `--demo-escrows` says otherwise.
pub use merchant_app::app::DEFAULT_DEMO_ESCROWS;

/// The most `--demo-escrows` accepts (the simulator seeds them in memory at start).
const MAX_DEMO_ESCROWS: usize = 1_000_000;

/// The parsed command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartOptions {
    /// Open the demo shop at start when no profile is active.
    pub demo: bool,
    /// Past escrows of a new demo simulator (an existing demo keeps its saved state).
    pub demo_escrows: usize,
}

impl Default for StartOptions {
    fn default() -> Self {
        Self {
            demo: false,
            demo_escrows: DEFAULT_DEMO_ESCROWS,
        }
    }
}

impl StartOptions {
    /// Parses the arguments after the program name. Arguments the app does not know are ignored
    /// (desktop launchers may add their own), bad values of known ones are an error.
    pub fn parse<I: IntoIterator<Item = String>>(args: I) -> Result<Self, String> {
        let mut options = Self::default();
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            let (name, inline) = match arg.split_once('=') {
                Some((name, value)) => (name.to_owned(), Some(value.to_owned())),
                None => (arg, None),
            };
            match name.as_str() {
                "--demo" => options.demo = true,
                "--demo-escrows" => {
                    let value = inline.or_else(|| args.next()).unwrap_or_default();
                    options.demo_escrows = parse_count(&value)?;
                }
                _ => {}
            }
        }
        Ok(options)
    }
}

fn parse_count(value: &str) -> Result<usize, String> {
    match value.trim().parse::<usize>() {
        Ok(n) if n <= MAX_DEMO_ESCROWS => Ok(n),
        _ => Err(format!(
            "--demo-escrows takes a whole number from 0 to {MAX_DEMO_ESCROWS}, not {value:?}"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<StartOptions, String> {
        StartOptions::parse(args.iter().map(|s| (*s).to_owned()))
    }

    #[test]
    fn no_arguments_is_the_onboarding_with_the_default_demo() {
        assert_eq!(parse(&[]).unwrap(), StartOptions::default());
        assert!(!StartOptions::default().demo);
        assert_eq!(StartOptions::default().demo_escrows, 300);
    }

    #[test]
    fn demo_and_its_size_in_both_spellings() {
        let expected = StartOptions {
            demo: true,
            demo_escrows: 100_000,
        };
        assert_eq!(
            parse(&["--demo", "--demo-escrows", "100000"]).unwrap(),
            expected
        );
        assert_eq!(
            parse(&["--demo-escrows=100000", "--demo"]).unwrap(),
            expected
        );
    }

    #[test]
    fn unknown_arguments_are_left_to_whoever_added_them() {
        let options = parse(&["--some-launcher-flag", "file:///tmp/x", "--demo"]).unwrap();
        assert!(options.demo);
    }

    #[test]
    fn a_bad_count_says_what_is_expected() {
        for bad in [
            &["--demo-escrows"][..],
            &["--demo-escrows", "many"],
            &["--demo-escrows=-1"],
        ] {
            let e = parse(bad).unwrap_err();
            assert!(e.contains("whole number from 0 to 1000000"), "{e}");
        }
        assert!(parse(&["--demo-escrows", "1000001"]).is_err());
    }
}
