package store

import (
	"github.com/dgraph-io/badger/v4"

	"casefile/store/internal/engine"
)

// The database's options (sized for a laptop) and opening:
// store/internal/engine (open.go, openoptions.go).

// OpenOption changes how Open or Create opens the vault's database for the
// life of that Vault; nothing of it is stored (engine.OpenOption).
type OpenOption = engine.OpenOption

// BulkFill opens the vault to write many cases at once (casefile demo):
// Badger compacts less often during the fill (engine.BulkFill says how and
// why).
const BulkFill = engine.BulkFill

func applyOpenOptions(o badger.Options, opts []OpenOption) badger.Options {
	return engine.ApplyOpenOptions(o, opts)
}
