package sync

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"casefile/internal/atomicfile"
	"casefile/store"
)

// Erasure reaches the shared folder (docs/sync-format.md, "Erasure"): when
// this vault erased a case — by the lawyer's decision or on a colleague's
// tombstone — the store leaves a mark (store.ScrubPrefix) listing the
// erased records. The sync then rewrites every segment this device wrote
// that carries an operation on them: same name, number and epoch, the
// operations taken out, sealed and signed again, written atomically. Only
// the writer can do it (segments are signed), so each member cleans its
// own: every member erases the case when the tombstone reaches it, and
// cleans its segments at that sync. Members who applied a segment before
// do not read it again; a newcomer reads the cleaned one. The mark goes
// once every segment is clean; a folder away leaves it for the next sync.

// scrub cleans this device's segments of the records erased since the
// last time; it returns how many segments it rewrote.
func (t *Team) scrub(s *state) (int, error) {
	erased := map[string]bool{}
	var marks []string
	if err := t.v.ScanSyncState(store.ScrubPrefix, func(name string, val []byte) error {
		var recs []string
		if err := json.Unmarshal(val, &recs); err != nil {
			return fmt.Errorf("sync: %s: %w", name, err)
		}
		for _, r := range recs {
			erased[r] = true
		}
		marks = append(marks, name)
		return nil
	}); err != nil || len(marks) == 0 {
		return 0, err
	}
	n := 0
	if len(erased) > 0 {
		entries, err := os.ReadDir(t.l.logDir(t.me))
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return 0, fmt.Errorf("%w: %v", ErrFolderUnavailable, err)
		}
		for _, e := range entries {
			seq, ok := parseSegmentName(e.Name())
			if !ok {
				continue
			}
			changed, err := t.scrubSegment(s, seq, erased)
			if err != nil {
				return n, err
			}
			if changed {
				n++
			}
		}
	}
	for r := range erased {
		if id, ok := strings.CutPrefix(r, store.KindDocument+"/"); ok {
			if err := os.Remove(t.l.blob(t.me, id)); err != nil && !errors.Is(err, os.ErrNotExist) {
				return n, fmt.Errorf("%w: %v", ErrFolderUnavailable, err)
			}
		}
	}
	clear := map[string][]byte{}
	for _, m := range marks {
		clear[m] = nil
	}
	return n, t.v.SetSyncState(clear)
}

// scrubSegment rewrites one of this device's segments without the erased
// records' operations; false when it carried none. A segment this device
// cannot read (a key it no longer holds, a damaged file) is reported.
func (t *Team) scrubSegment(s *state, seq uint64, erased map[string]bool) (bool, error) {
	path := t.l.segment(t.me, seq)
	data, err := os.ReadFile(path)
	if err != nil {
		return false, fmt.Errorf("%w: %v", ErrFolderUnavailable, err)
	}
	names, ids, err := s.ageIdentities()
	if err != nil {
		return false, err
	}
	var f *sealedFile
	var ep *epochState
	err = ErrUnreadable
	for i, id := range ids {
		if f, err = open(data, id); !errors.Is(err, ErrUnreadable) {
			ep = s.epochs[names[i]]
			break
		}
	}
	if err != nil {
		return false, fmt.Errorf("sync: clean %s of an erased case: %w", segmentName(seq), err)
	}
	if err := f.verify(t.id.Public("").Verify); err != nil || f.Kind != kindSegment || f.Writer != t.me || f.Seq != seq || f.Epoch != ep.Name {
		return false, fmt.Errorf("sync: clean %s of an erased case: %w", segmentName(seq), ErrMisplaced)
	}
	var body segmentBody
	if err := f.body(&body); err != nil {
		return false, err
	}
	changed := false
	kept := body.Changes[:0]
	for _, ch := range body.Changes {
		ops := ch.Ops[:0]
		for _, op := range ch.Ops {
			if erased[op.Entity+"/"+op.ID] {
				changed = true
				continue
			}
			ops = append(ops, op)
		}
		if ch.Ops = ops; len(ops) > 0 {
			kept = append(kept, ch)
		}
	}
	if !changed {
		return false, nil
	}
	body.Changes = kept
	id, err := ep.identity()
	if err != nil {
		return false, err
	}
	out, err := seal(&sealedFile{Kind: kindSegment, Team: f.Team, Writer: t.me, Seq: seq, Epoch: ep.Name}, body, t.id.Signing, id.Recipient())
	if err != nil {
		return false, err
	}
	if err := atomicfile.Write(path, out, 0o644); err != nil {
		return false, fmt.Errorf("%w: %v", ErrFolderUnavailable, err)
	}
	return true, nil
}
