package cli

func cmdDemo(env *Env, args []string) error     { return usagef("demo: not built yet") }
func cmdRules(env *Env, args []string) error    { return usagef("rules: not built yet") }
func cmdDeadline(env *Env, args []string) error { return usagef("deadline: not built yet") }
