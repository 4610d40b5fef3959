package cli

import (
	"fmt"
	"time"

	"casefile/demo"
	"casefile/i18n"
	"casefile/store"
)

// demo: fill the vault with a fictional clinic.
func cmdDemo(env *Env, args []string) error {
	fs := flags(env, "demo")
	n := fs.Int("cases", 300, "")
	seed := fs.Int64("seed", 0, "")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 || *n < 1 {
		return usagef("demo takes --cases N (N ≥ 1)")
	}
	v, err := openVault(env, store.BulkFill) // compaction tuned for the fill
	if err != nil {
		return err
	}
	defer v.Close()
	if *seed == 0 {
		*seed = time.Now().UnixNano()
	}
	progress := func(done int) {
		if *n >= 10000 {
			fmt.Fprintf(env.Stderr, "\r%s", i18n.T("cli.demo_progress", map[string]int{"Done": done, "Total": *n}))
		}
	}
	if err := demo.Fill(v, *n, *seed, progress); err != nil {
		return err
	}
	if *n >= 10000 {
		fmt.Fprintln(env.Stderr)
	}
	fmt.Fprintln(env.Stdout, i18n.T("cli.demo_done", map[string]int{"N": *n}))
	return nil
}
