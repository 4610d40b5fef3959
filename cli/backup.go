package cli

import (
	"fmt"
	"os"
	"path/filepath"

	"casefile/crypto"
	"casefile/i18n"
	"casefile/internal/atomicfile"
	"casefile/store"
)

func init() {
	commands["backup"] = cmdBackup
	commands["restore"] = cmdRestore
}

// backup --out FILE: an encrypted snapshot of the whole vault, which the
// passphrase (as it is now) or the recovery key opens.
func cmdBackup(env *Env, args []string) error {
	fs := flags(env, "backup")
	out := fs.String("out", "", "")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 || *out == "" {
		return usagef("backup needs --out FILE")
	}
	v, err := openVault(env)
	if err != nil {
		return err
	}
	defer v.Close()
	if err := atomicfile.WriteStream(*out, 0o600, func(f *os.File) error {
		return v.Backup(f, filepath.Dir(*out))
	}); err != nil {
		return err
	}
	fmt.Fprintln(env.Stderr, i18n.T("backup.done", map[string]string{"File": *out}))
	return nil
}

// restore FILE --vault DIR [--recovery]: rebuild a vault from a backup,
// with the passphrase it had then, or with the recovery key and a new
// passphrase.
func cmdRestore(env *Env, args []string) error {
	fs := flags(env, "restore")
	recovery := fs.Bool("recovery", false, "")
	recoveryFile := fs.String("recovery-key-file", "", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("restore needs FILE and --vault DIR")
	}
	f, err := os.Open(pos[0])
	if err != nil {
		return err
	}
	defer f.Close()
	var unlock store.Unlocker
	if *recovery || *recoveryFile != "" {
		key, err := recoveryKey(env, *recoveryFile)
		if err != nil {
			return err
		}
		pass, err := newPassphrase(env, "CASEFILE_NEW_PASSPHRASE", "")
		if err != nil {
			return err
		}
		unlock = func(dir string) (*crypto.MasterKey, error) {
			mk, err := crypto.UnlockRecovery(dir, key)
			if err != nil {
				return nil, err
			}
			if err := crypto.WritePassFile(dir, mk, pass); err != nil {
				mk.Wipe()
				return nil, err
			}
			return mk, nil
		}
	} else {
		pass, err := passphrase(env, "backup.prompt_passphrase")
		if err != nil {
			return err
		}
		unlock = func(dir string) (*crypto.MasterKey, error) { return crypto.UnlockPassphrase(dir, pass) }
	}
	if err := store.Restore(f, env.VaultDir, unlock); err != nil {
		return err
	}
	fmt.Fprintln(env.Stderr, i18n.T("backup.restored", map[string]string{"Dir": env.VaultDir}))
	return nil
}
