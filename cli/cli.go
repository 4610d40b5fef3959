package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"casefile/crypto"
	"casefile/i18n"
	"casefile/model"
	"casefile/store"
)

// Exit codes (docs/cli.md).
const (
	ExitOK           = 0
	ExitError        = 1 // any other failure
	ExitUsage        = 2 // wrong command line
	ExitAuth         = 3 // wrong passphrase or recovery key
	ExitNoVault      = 4 // no vault there (or one already, for init)
	ExitInUse        = 5 // the vault is open elsewhere
	ExitInconsistent = 6 // check found problems
	ExitInvalid      = 7 // a record failed validation, or bad input
	ExitDamaged      = 8 // a key file is damaged or was altered
)

// Env is what a command runs with: its streams, the environment, and the
// global options. Tests build one by hand.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string

	VaultDir       string
	PassphraseFile string
}

// GUI is set by main to open the desktop app when no command is given.
type GUI func(vaultDir string) error

type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

type exitError struct {
	code int
	err  error
}

func (e exitError) Error() string { return e.err.Error() }

// Main runs the command line args (without the program name) and returns the
// process exit code. With no command it calls gui.
func Main(args []string, gui GUI) int {
	env := &Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
	return Run(env, args, gui)
}

// Run is Main with its environment passed in. What the command prints
// goes through safeWriter (output.go): no terminal control sequence.
func Run(env *Env, args []string, gui GUI) int {
	env.Stdout, env.Stderr = safeOutput(env.Stdout), safeOutput(env.Stderr)
	defer flushOutput(env)
	i18n.Init()
	global := flag.NewFlagSet("casefile", flag.ContinueOnError)
	global.SetOutput(io.Discard)
	global.StringVar(&env.VaultDir, "vault", store.DefaultDir(), "")
	global.StringVar(&env.PassphraseFile, "passphrase-file", "", "")
	if err := global.Parse(args); err != nil {
		return report(env, usageError{err.Error()})
	}
	rest := global.Args()
	if len(rest) == 0 {
		if gui == nil {
			return report(env, usagef("no command"))
		}
		return report(env, gui(env.VaultDir))
	}
	cmd, ok := commands[rest[0]]
	if !ok {
		fmt.Fprintln(env.Stderr, i18n.T("cli.unknown_command", map[string]string{"Name": rest[0]}))
		return ExitUsage
	}
	return report(env, cmd(env, rest[1:]))
}

// commands maps each command name to its handler. Every file that defines
// a command registers it in its own init, so adding one touches one file.
var commands = map[string]func(*Env, []string) error{}

func init() {
	for name, fn := range map[string]func(*Env, []string) error{
		"help":      cmdHelp,
		"init":      cmdInit,
		"demo":      cmdDemo,
		"case":      cmdCase,
		"check":     cmdCheck,
		"passwd":    cmdPasswd,
		"rules":     cmdRules,
		"deadline":  cmdDeadline,
		"event":     cmdEvent,
		"deadlines": cmdDeadlines,
	} {
		commands[name] = fn
	}
}

// helpSections are translation keys of usage text that command files add
// in their init, printed after cli.usage.
var helpSections []string

func cmdHelp(env *Env, _ []string) error {
	fmt.Fprintln(env.Stdout, i18n.T("cli.usage"))
	for _, k := range helpSections {
		fmt.Fprintln(env.Stdout, i18n.T(k))
	}
	return nil
}

// report prints err as one translated sentence on stderr and returns the
// exit code for it.
func report(env *Env, err error) int {
	if err == nil {
		return ExitOK
	}
	var ue usageError
	var ee exitError
	var ve *model.ValidationError
	switch {
	case errors.As(err, &ee):
		if ee.err != nil {
			fmt.Fprintln(env.Stderr, i18n.Error(ee.err))
		}
		return ee.code
	case errors.As(err, &ue):
		fmt.Fprintln(env.Stderr, i18n.T("cli.bad_usage", map[string]string{"Detail": ue.msg}))
		return ExitUsage
	case errors.As(err, &ve):
		fmt.Fprintln(env.Stderr, i18n.Error(err))
		return ExitInvalid
	}
	fmt.Fprintln(env.Stderr, i18n.Error(err))
	switch {
	case errors.Is(err, crypto.ErrWrongPassphrase), errors.Is(err, crypto.ErrWrongRecoveryKey),
		errors.Is(err, crypto.ErrMalformedRecoveryKey):
		return ExitAuth
	case errors.Is(err, crypto.ErrNoVault), errors.Is(err, crypto.ErrVaultExists):
		return ExitNoVault
	case errors.Is(err, store.ErrVaultInUse):
		return ExitInUse
	case errors.Is(err, crypto.ErrCorruptKeyFile), errors.Is(err, store.ErrKeyMismatch):
		return ExitDamaged
	case errors.Is(err, model.ErrUnknownField), errors.Is(err, model.ErrNotSettable),
		errors.Is(err, model.ErrInvalidDate), errors.Is(err, crypto.ErrPassphraseTooShort):
		return ExitInvalid
	}
	return ExitError
}

// flags makes a flag set for a subcommand that also accepts the global
// options after the command name.
func flags(env *Env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&env.VaultDir, "vault", env.VaultDir, "")
	fs.StringVar(&env.PassphraseFile, "passphrase-file", env.PassphraseFile, "")
	return fs
}

// parse parses args, allowing flags after positional arguments too
// ("case show REF --json").
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usageError{err.Error()}
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// openVault unlocks the vault with the passphrase from the environment, a
// file or a prompt.
func openVault(env *Env, opts ...store.OpenOption) (*store.Vault, error) {
	if !crypto.Exists(env.VaultDir) {
		return nil, crypto.ErrNoVault
	}
	pass, err := passphrase(env, "cli.prompt_passphrase")
	if err != nil {
		return nil, err
	}
	return store.Open(env.VaultDir, pass, opts...)
}

// openCase takes a command's single REF argument, unlocks the vault and
// reads that case. The caller closes the vault.
func openCase(env *Env, cmd string, pos []string) (*store.Vault, *model.CaseFile, error) {
	if len(pos) != 1 {
		return nil, nil, usagef("%s needs one REF", cmd)
	}
	v, err := openVault(env)
	if err != nil {
		return nil, nil, err
	}
	f, err := v.Case(pos[0])
	if err != nil {
		v.Close()
		return nil, nil, err
	}
	return v, f, nil
}

func trimLine(s string) string { return strings.TrimRight(s, "\r\n") }
