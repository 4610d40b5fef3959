package sync

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"filippo.io/age"

	"casefile/internal/atomicfile"
	"casefile/model"
	"casefile/store"
)

// Document bytes in the folder (docs/sync-format.md, "Documents"): the
// device that publishes a document's creation writes its bytes to
// blobs/<device>/<document id>.age, encrypted to the current epoch's team
// key, before the segment that carries the record. No signature: a reader
// takes the bytes only if they match the record's size and SHA-256, which
// came in a signed segment. A device removes its blob once the document is
// no longer live on it (deleted on any laptop, or erased with its case).

func (l layout) blobDir(device string) string { return filepath.Join(l.root, dirBlobs, device) }
func (l layout) blob(device, docID string) string {
	return filepath.Join(l.blobDir(device), docID+".age")
}

// pushBlobs writes the blobs of the documents created among changes (when
// this vault still holds their bytes and no blob is there yet), and removes
// those of the documents deleted.
func (t *Team) pushBlobs(changes []store.ExportChange, r age.Recipient) error {
	created, deleted := store.DocumentOps(changes)
	for _, id := range created {
		path := t.l.blob(t.me, id)
		if _, err := os.Stat(path); err == nil {
			continue
		}
		doc, err := t.v.OpenDocument(id)
		if errors.Is(err, store.ErrDocumentNotFound) {
			continue // deleted or erased since: nothing to publish
		}
		if err != nil {
			return err
		}
		if err := os.MkdirAll(t.l.blobDir(t.me), 0o755); err != nil {
			return fmt.Errorf("%w: %v", ErrFolderUnavailable, err)
		}
		if err := atomicfile.WriteStream(path, 0o644, func(f *os.File) error {
			w, err := age.Encrypt(f, r)
			if err != nil {
				return err
			}
			if _, err := io.Copy(w, doc); err != nil {
				return err
			}
			return w.Close()
		}); err != nil {
			if errors.Is(err, store.ErrDocumentCorrupt) {
				return err
			}
			return fmt.Errorf("%w: %v", ErrFolderUnavailable, err)
		}
	}
	for _, id := range deleted {
		if err := os.Remove(t.l.blob(t.me, id)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("%w: %v", ErrFolderUnavailable, err)
		}
	}
	return nil
}

// pruneBlobs removes this device's blobs of documents that are no longer
// live here: deleted on another laptop, or erased with their case.
func (t *Team) pruneBlobs() error {
	entries, err := os.ReadDir(t.l.blobDir(t.me))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%w: %v", ErrFolderUnavailable, err)
	}
	for _, e := range entries {
		id, ok := strings.CutSuffix(e.Name(), ".age")
		if !ok || isTemp(e.Name()) {
			continue
		}
		if _, err := t.v.Document(id); errors.Is(err, store.ErrDocumentNotFound) {
			if err := os.Remove(filepath.Join(t.l.blobDir(t.me), e.Name())); err != nil && !errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("%w: %v", ErrFolderUnavailable, err)
			}
		} else if err != nil {
			return err
		}
	}
	return nil
}

// fetchBlobs stages the bytes of the documents held back for them, from
// whichever member's blob decrypts and matches, then lets the store
// release their records. A blob that does not (half-copied, altered,
// not there yet) is reported and tried again next time.
func (t *Team) fetchBlobs(s *state, rep *Report) error {
	held, err := t.v.HeldDocuments()
	if err != nil || len(held) == 0 {
		return err
	}
	_, ids, err := s.ageIdentities()
	if err != nil {
		return err
	}
	devs, err := os.ReadDir(filepath.Join(t.l.root, dirBlobs))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("%w: %v", ErrFolderUnavailable, err)
	}
	staged := 0
	for _, d := range held {
		for _, dev := range devs {
			if !dev.IsDir() || !validDevice(dev.Name()) {
				continue
			}
			path := t.l.blob(dev.Name(), d.ID)
			f, err := os.Open(path)
			if errors.Is(err, os.ErrNotExist) {
				continue
			}
			rel := dirBlobs + "/" + dev.Name() + "/" + d.ID + ".age"
			if err != nil {
				rep.Skipped = append(rep.Skipped, Problem{File: rel, Err: fmt.Errorf("%w: %v", ErrFolderUnavailable, err)})
				continue
			}
			err = t.stageBlob(f, d, ids)
			f.Close()
			if err != nil {
				rep.Skipped = append(rep.Skipped, Problem{File: rel, Err: err})
				continue
			}
			staged++
			break
		}
	}
	if staged == 0 {
		return nil
	}
	res, err := t.v.ApplyRemote(nil, nil)
	rep.Documents += staged
	rep.Applied += res.Applied
	return err
}

func (t *Team) stageBlob(f io.Reader, d model.Document, ids []age.Identity) error {
	r, err := age.Decrypt(f, ids...)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	if err := t.v.StageDocumentBytes(d, r); err != nil {
		return fmt.Errorf("%w: %v", ErrBadContent, err)
	}
	return nil
}
