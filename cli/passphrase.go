package cli

import (
	"bufio"
	"fmt"
	"io"
	"os"

	"golang.org/x/term"

	"casefile/i18n"
)

// passphrase returns the passphrase from, in order: CASEFILE_PASSPHRASE,
// --passphrase-file (first line), or a prompt on the terminal with echo off.
func passphrase(env *Env, promptKey string) (string, error) {
	if p := env.Getenv("CASEFILE_PASSPHRASE"); p != "" {
		return p, nil
	}
	if env.PassphraseFile != "" {
		return firstLine(env.PassphraseFile)
	}
	return prompt(env, i18n.T(promptKey))
}

// passphraseFrom returns a secret from the environment variable envVar or
// a prompt (bundles' one-off passphrases).
func passphraseFrom(env *Env, envVar, promptKey string) (string, error) {
	if p := env.Getenv(envVar); p != "" {
		return p, nil
	}
	return prompt(env, i18n.T(promptKey))
}

// newPassphrase asks for a passphrase to set: from CASEFILE_NEW_PASSPHRASE
// (passwd) or CASEFILE_PASSPHRASE (init), --new-passphrase-file, or twice on
// the terminal.
func newPassphrase(env *Env, envVar, file string) (string, error) {
	if p := env.Getenv(envVar); p != "" {
		return p, nil
	}
	if file != "" {
		return firstLine(file)
	}
	min := map[string]int{"Min": minLen}
	p1, err := prompt(env, i18n.T("cli.prompt_new_passphrase", min))
	if err != nil {
		return "", err
	}
	p2, err := prompt(env, i18n.T("cli.prompt_repeat_passphrase"))
	if err != nil {
		return "", err
	}
	if p1 != p2 {
		return "", exitError{ExitInvalid, nil}.withMessage(env, i18n.T("cli.passphrases_differ"))
	}
	return p1, nil
}

func (e exitError) withMessage(env *Env, msg string) error {
	fmt.Fprintln(env.Stderr, msg)
	return e
}

func firstLine(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	line, err := bufio.NewReader(io.LimitReader(f, 4096)).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", err
	}
	return trimLine(line), nil
}

// prompt reads one line from the terminal without echo. Without a terminal
// it refuses rather than read a secret from a pipe that may be logged.
func prompt(env *Env, text string) (string, error) {
	f, ok := env.Stdin.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return "", exitError{ExitUsage, nil}.withMessage(env, i18n.T("cli.no_terminal"))
	}
	fmt.Fprint(env.Stderr, text)
	b, err := term.ReadPassword(int(f.Fd()))
	fmt.Fprintln(env.Stderr)
	if err != nil {
		return "", err
	}
	return string(b), nil
}
