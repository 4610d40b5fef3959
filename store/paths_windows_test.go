//go:build windows

package store

import (
	"os"
	"path/filepath"
	"testing"
)

// On Windows the default vault is %AppData%\Casefile (run by the Windows
// build's tests, e.g. under Wine).
func TestDefaultDirIsUnderAppData(t *testing.T) {
	t.Setenv("APPDATA", `C:\Users\avocat\AppData\Roaming`)
	if got, want := DefaultDir(), filepath.Join(os.Getenv("APPDATA"), "Casefile"); got != want {
		t.Errorf("DefaultDir() = %q, want %q", got, want)
	}
}
