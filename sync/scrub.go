package sync

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"casefile/changelog"
	"casefile/internal/confined"
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
// last time, counting the segments it rewrote in rep.Cleaned. A segment
// it cannot clean (a link, a special file, a key it no longer holds) is
// reported, and the mark stays for the next sync.
func (t *Team) scrub(d *confined.Dir, s *state, rep *Report) error {
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
		return err
	}
	clean := true
	if len(erased) > 0 {
		entries, err := list(d, logDirName(t.me))
		if err != nil {
			rep.Skipped = append(rep.Skipped, problem(logDirName(t.me), err))
			return nil
		}
		for _, e := range entries {
			seq, ok := parseSegmentName(e.Name())
			if !ok {
				continue
			}
			changed, err := t.scrubSegment(d, s, seq, erased)
			if errors.Is(err, store.ErrClosed) {
				return err
			}
			if err != nil {
				rep.Skipped = append(rep.Skipped, problem(segmentPath(t.me, seq), err))
				clean = false
				continue
			}
			if changed {
				rep.Cleaned++
			}
		}
	}
	for r := range erased {
		if id, ok := strings.CutPrefix(r, changelog.KindDocument+"/"); ok {
			if err := t.removeBlob(d, s, id); err != nil {
				rep.Skipped = append(rep.Skipped, problem(blobName(t.me, id), err))
				clean = false
			}
		}
	}
	if !clean {
		return nil
	}
	clear := map[string][]byte{}
	for _, m := range marks {
		clear[m] = nil
	}
	return t.v.SetSyncState(clear)
}

// scrubSegment rewrites one of this device's segments without the erased
// records' operations; false when it carried none.
func (t *Team) scrubSegment(d *confined.Dir, s *state, seq uint64, erased map[string]bool) (bool, error) {
	name := segmentPath(t.me, seq)
	data, _, err := readFile(d, name, maxSegmentFile)
	if err != nil {
		return false, err
	}
	f, epoch, err := s.openSealed(data)
	if err != nil {
		return false, fmt.Errorf("sync: clean %s of an erased case: %w", segmentName(seq), err)
	}
	if err := f.verify(t.id.Public("").Verify); err != nil || f.Kind != kindSegment || f.Writer != t.me || f.Seq != seq || f.Epoch != epoch {
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
	ep := s.epochs[epoch]
	id, err := ep.identity()
	if err != nil {
		return false, err
	}
	out, err := seal(&sealedFile{Kind: kindSegment, Team: f.Team, Writer: t.me, Seq: seq, Epoch: ep.Name}, body, t.id.Signing, id.Recipient())
	if err != nil {
		return false, err
	}
	if err := d.WriteFile(name, out); err != nil {
		return false, folderErr(name, err)
	}
	return true, nil
}
