package cli

func cmdRules(env *Env, args []string) error    { return usagef("rules: not built yet") }
func cmdDeadline(env *Env, args []string) error { return usagef("deadline: not built yet") }
