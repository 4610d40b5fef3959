package store

import (
	"os"
	"path/filepath"
	"runtime"
)

// DefaultDir is the vault directory used when --vault is not given, the same
// for the GUI and the CLI: $XDG_DATA_HOME/casefile (~/.local/share/casefile)
// on Linux, %AppData%\Casefile on Windows, ~/Library/Application
// Support/Casefile on macOS.
func DefaultDir() string {
	switch runtime.GOOS {
	case "windows", "darwin":
		if d, err := os.UserConfigDir(); err == nil {
			return filepath.Join(d, "Casefile")
		}
	default:
		if d := os.Getenv("XDG_DATA_HOME"); d != "" {
			return filepath.Join(d, "casefile")
		}
		if h, err := os.UserHomeDir(); err == nil {
			return filepath.Join(h, ".local", "share", "casefile")
		}
	}
	return "casefile-vault"
}
