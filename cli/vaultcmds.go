package cli

import (
	"fmt"
	"os"

	"casefile/crypto"
	"casefile/i18n"
	"casefile/store"
)

const minLen = crypto.MinPassphraseLen

// init: create a vault. The recovery key goes to stdout on a line of its
// own (so `casefile init > recovery.txt` keeps just the key); everything
// else to stderr.
func cmdInit(env *Env, args []string) error {
	fs := flags(env, "init")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("init takes no argument")
	}
	if crypto.Exists(env.VaultDir) {
		return crypto.ErrVaultExists
	}
	pass, err := newPassphrase(env, "CASEFILE_PASSPHRASE", env.PassphraseFile)
	if err != nil {
		return err
	}
	warnIfWeak(env, pass)
	c, err := store.Create(env.VaultDir, pass)
	if err != nil {
		return err
	}
	defer c.Vault.Close()
	fmt.Fprintln(env.Stderr, i18n.T("cli.init_done", map[string]string{"Dir": env.VaultDir}))
	fmt.Fprintln(env.Stderr, i18n.T("cli.recovery_intro"))
	fmt.Fprintln(env.Stdout, c.RecoveryKey)
	return nil
}

func warnIfWeak(env *Env, pass string) {
	if crypto.EstimateStrength(pass).Strength < crypto.StrengthFair {
		fmt.Fprintln(env.Stderr, i18n.T("cli.weak_passphrase"))
	}
}

// passwd: change the passphrase, knowing the old one or with --recovery.
func cmdPasswd(env *Env, args []string) error {
	fs := flags(env, "passwd")
	recovery := fs.Bool("recovery", false, "")
	recoveryFile := fs.String("recovery-key-file", "", "")
	newFile := fs.String("new-passphrase-file", "", "")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("passwd takes no argument")
	}
	if !crypto.Exists(env.VaultDir) {
		return crypto.ErrNoVault
	}
	if *recovery || *recoveryFile != "" {
		key, err := recoveryKey(env, *recoveryFile)
		if err != nil {
			return err
		}
		if _, err := crypto.UnlockRecovery(env.VaultDir, key); err != nil {
			return err
		}
		pass, err := newPassphrase(env, "CASEFILE_NEW_PASSPHRASE", *newFile)
		if err != nil {
			return err
		}
		warnIfWeak(env, pass)
		v, err := store.OpenWithRecovery(env.VaultDir, key, pass)
		if err != nil {
			return err
		}
		v.Close()
	} else {
		old, err := passphrase(env, "cli.prompt_passphrase")
		if err != nil {
			return err
		}
		if _, err := crypto.UnlockPassphrase(env.VaultDir, old); err != nil {
			return err
		}
		pass, err := newPassphrase(env, "CASEFILE_NEW_PASSPHRASE", *newFile)
		if err != nil {
			return err
		}
		warnIfWeak(env, pass)
		if err := store.ChangePassphrase(env.VaultDir, old, pass); err != nil {
			return err
		}
	}
	fmt.Fprintln(env.Stdout, i18n.T("cli.passwd_done"))
	return nil
}

func recoveryKey(env *Env, file string) (string, error) {
	if k := env.Getenv("CASEFILE_RECOVERY_KEY"); k != "" {
		return k, nil
	}
	if file != "" {
		b, err := os.ReadFile(file)
		return string(b), err
	}
	return prompt(env, i18n.T("cli.prompt_recovery_key"))
}

// check: exit 0 only when records, indexes and change log agree.
func cmdCheck(env *Env, args []string) error {
	fs := flags(env, "check")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	v, err := openVault(env)
	if err != nil {
		return err
	}
	defer v.Close()
	rep, err := v.Check()
	if err != nil {
		return err
	}
	if !rep.OK() {
		fmt.Fprintln(env.Stderr, i18n.T("cli.check_failed", map[string]int{"N": len(rep.Problems)}))
		for _, p := range rep.Problems {
			fmt.Fprintln(env.Stderr, "  "+p)
		}
		return exitError{ExitInconsistent, nil}
	}
	fmt.Fprintln(env.Stdout, i18n.T("cli.check_ok", map[string]int{
		"Cases": rep.Cases, "People": rep.People, "Notes": rep.Notes, "Changes": rep.Changes}))
	return nil
}
