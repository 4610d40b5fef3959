// Package atrest finds personal data left in clear on disk, for the tests
// that prove none is: it reads every byte of every file under a folder.
package atrest

import (
	"bytes"
	"os"
	"path/filepath"
)

// Scan returns "path: marker" for every file under root in which a marker
// appears in clear.
func Scan(root string, marks []string) ([]string, error) {
	var hits []string
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range marks {
			if bytes.Contains(b, []byte(m)) {
				hits = append(hits, p+": "+m)
			}
		}
		return nil
	})
	return hits, err
}
