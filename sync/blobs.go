package sync

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"sort"
	"strings"
	"time"

	"filippo.io/age"

	"casefile/changelog"
	"casefile/internal/confined"
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

// pushBlobs writes the blobs of the documents created among changes (when
// this vault still holds their bytes and its blob is not there yet), and
// removes those of the documents deleted. Each blob written is recorded
// (meta/sync/wrote/blob/<id>): a device removes only blobs it recorded.
func (t *Team) pushBlobs(d *confined.Dir, s *state, changes []changelog.ExportChange, r age.Recipient) error {
	created, deleted := changelog.DocumentOps(changes)
	for _, id := range created {
		name := blobName(t.me, id)
		if s.wroteBlob[id] {
			if fi, err := d.Lstat(name); err == nil && fi.Mode().IsRegular() {
				continue
			}
		}
		if err := t.writeBlob(d, s, id, r); err != nil {
			return err
		}
	}
	for _, id := range deleted {
		if err := t.removeBlob(d, s, id); err != nil {
			return err
		}
	}
	return nil
}

// writeBlob writes (or writes again) the blob of a document this vault
// holds, and records it.
func (t *Team) writeBlob(d *confined.Dir, s *state, id string, r age.Recipient) error {
	doc, err := t.v.OpenDocument(id)
	if errors.Is(err, store.ErrDocumentNotFound) {
		return nil // deleted or erased since: nothing to publish
	}
	if err != nil {
		return err
	}
	name := blobName(t.me, id)
	if err := d.WriteStream(name, func(f io.Writer) error {
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
		return folderErr(name, err)
	}
	if !s.wroteBlob[id] {
		if err := t.v.SetSyncState(map[string][]byte{wroteBlobKey(id): {}}); err != nil {
			return err
		}
		s.wroteBlob[id] = true
	}
	return nil
}

// removeBlob removes a blob this device recorded writing, and the record.
// A name it did not record is left alone, whatever the folder holds there.
func (t *Team) removeBlob(d *confined.Dir, s *state, id string) error {
	if !s.wroteBlob[id] {
		return nil
	}
	name := blobName(t.me, id)
	if err := d.Remove(name); err != nil {
		return folderErr(name, err)
	}
	if err := t.v.SetSyncState(map[string][]byte{wroteBlobKey(id): nil}); err != nil {
		return err
	}
	delete(s.wroteBlob, id)
	return nil
}

// pruneBlobs goes through the blobs this device recorded writing: it
// removes those of documents no longer live here (deleted on another
// laptop, or erased with their case), and writes again those of live
// documents that the folder lost. It works from the records, never from
// what a listing shows.
func (t *Team) pruneBlobs(d *confined.Dir, s *state, r age.Recipient, rep *Report) {
	if len(s.wroteBlob) == 0 {
		return
	}
	entries, err := list(d, blobDirName(t.me))
	if err != nil {
		rep.Skipped = append(rep.Skipped, problem(blobDirName(t.me), err))
		return
	}
	present := map[string]bool{}
	for _, e := range entries {
		if id, ok := strings.CutSuffix(e.Name(), ".age"); ok && e.Type().IsRegular() {
			present[id] = true
		}
	}
	ids := make([]string, 0, len(s.wroteBlob))
	for id := range s.wroteBlob {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		_, err := t.v.Document(id)
		switch {
		case errors.Is(err, store.ErrDocumentNotFound):
			err = t.removeBlob(d, s, id)
		case err == nil && !present[id]:
			if err = t.writeBlob(d, s, id, r); err == nil {
				rep.Republished++
			}
		}
		if err != nil {
			rep.Skipped = append(rep.Skipped, problem(blobName(t.me, id), err))
		}
	}
}

// adoptBlobs records, once, the blobs a version without records wrote in
// this device's blob directory, so that they can be removed when their
// document goes. It reads the directory through internal/confined (no
// link is followed) and takes only regular files with one name named like
// a blob; a device that created or joined its team with this version has
// nothing to adopt.
func (t *Team) adoptBlobs(d *confined.Dir, s *state) error {
	if s.adopted {
		return nil
	}
	entries, err := list(d, blobDirName(t.me))
	if err != nil {
		return err
	}
	vals := map[string][]byte{adoptedKey: {}}
	for _, e := range entries {
		id, ok := strings.CutSuffix(e.Name(), ".age")
		if !ok || !validDevice(id) || !e.Type().IsRegular() {
			continue
		}
		f, _, err := d.OpenFile(blobName(t.me, id), math.MaxInt64)
		if err != nil {
			continue // a hard link, or gone
		}
		f.Close()
		vals[wroteBlobKey(id)] = []byte{}
	}
	if err := t.v.SetSyncState(vals); err != nil {
		return err
	}
	for k := range vals {
		if id, ok := strings.CutPrefix(k, "wrote/blob/"); ok {
			s.wroteBlob[id] = true
		}
	}
	s.adopted = true
	return nil
}

// blobCap is the largest blob of a document of size bytes: age adds a
// header and 16 bytes per 64 KiB chunk.
func blobCap(size int64) int64 { return size + (size/(64<<10)+1)*16 + 64<<10 }

// fetchBlobs stages the bytes of the documents held back for them, from
// whichever member's blob decrypts and matches, then lets the store
// release their records. A blob that does not (half-copied, altered,
// not there yet, a link or a special file) is reported and tried again
// next time.
func (t *Team) fetchBlobs(d *confined.Dir, s *state, rep *Report) error {
	held, err := t.v.HeldDocuments()
	if err != nil || len(held) == 0 {
		return err
	}
	_, ids, err := s.ageIdentities()
	if err != nil {
		return err
	}
	devs, err := list(d, dirBlobs)
	if err != nil {
		return err
	}
	staged := 0
	for _, doc := range held {
		for _, dev := range devs {
			if !dev.IsDir() || !validDevice(dev.Name()) {
				continue
			}
			name := blobName(dev.Name(), doc.ID)
			f, _, err := d.OpenFile(name, blobCap(doc.Size))
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err != nil {
				rep.Skipped = append(rep.Skipped, problem(name, folderErr(name, err)))
				continue
			}
			start := time.Now()
			err = t.stageBlob(confined.NewDeadlineReader(f, blobBudget), doc, ids)
			f.Close()
			if err != nil && time.Since(start) > blobBudget {
				err = folderErr(name, confined.ErrTooSlow)
			}
			if err != nil {
				rep.Skipped = append(rep.Skipped, Problem{File: name, Err: err})
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
