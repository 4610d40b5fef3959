// Package cli is Casefile's command-line face: the same operations as the
// desktop app, for scripts, cron jobs and administrators. Commands stay thin:
// they parse arguments, ask for a passphrase, call store (and the packages
// beside it) and print. Every command, flag, exit code and JSON field is
// documented in docs/cli.md; that document and this package change together.
package cli
