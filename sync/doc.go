// Package sync replicates a vault's changes through a shared folder that
// only ever holds ciphertext (an SMB share, a Nextcloud or Syncthing folder,
// a USB stick), and keeps the team's membership: who may read, who may
// write, under which key epoch.
//
// Each device writes only its own files, each an age file sealed to the
// team key of an epoch and signed inside the encryption with the writer's
// Ed25519 key; readers accept only what a member they accepted signed,
// under the name the signature binds. The folder is untrusted: anything
// partial, tampered, renamed, duplicated or unknown is skipped, reported
// and retried on the next sync, never applied and never fatal.
//
// The format, the keys and the threat model are in docs/sync-format.md.
// Merging is the store's (store.Vault.ApplyRemote): this package moves
// entries, checks who wrote them and remembers what it applied. It never
// imports app or cli.
package sync
