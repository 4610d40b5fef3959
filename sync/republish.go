package sync

import (
	"slices"

	"casefile/changelog"
	"casefile/internal/confined"
)

// A folder admin, a sync tool or a mistake can delete a segment. Readers
// see a gap when a later segment names it as its writer's previous one
// (pull.go), but only the writer can fill it: each sync, a device compares
// the segments it recorded writing (meta/sync/wrote/seg/<seq>) with what
// its log directory holds, and writes each lost one again — same number,
// same previous segment, and what its own log holds between the first and
// last entries the lost one carried (only its own entries when those were
// all its own, so the new file carries what the lost one did). It is
// sealed under the current epoch with the current roster. Readers that
// never applied the lost file apply this one; those that did have its
// entries already. Segments written before this version are not recorded,
// and not written again.

// republish writes again this device's segments the folder lost.
func (t *Team) republish(d *confined.Dir, s *state, rep *Report) error {
	ep := s.current()
	if ep == nil || s.team == "" || len(s.wrote) == 0 {
		return nil
	}
	entries, err := list(d, logDirName(t.me))
	if err != nil {
		rep.Skipped = append(rep.Skipped, problem(logDirName(t.me), err))
		return nil
	}
	present := map[uint64]bool{}
	for _, e := range entries {
		// A link or a special file under one of its names is lost too:
		// writing the segment again replaces it.
		if seq, ok := parseSegmentName(e.Name()); ok && e.Type().IsRegular() {
			present[seq] = true
		}
	}
	var lost []uint64
	for seq := range s.wrote {
		if !present[seq] {
			lost = append(lost, seq)
		}
	}
	slices.Sort(lost)
	if len(lost) == 0 {
		return nil
	}
	id, err := ep.identity()
	if err != nil {
		return err
	}
	for _, seq := range lost {
		w := s.wrote[seq]
		var changes []changelog.ExportChange
		if w.From != "" {
			device := ""
			if w.Own {
				device = t.me
			}
			if changes, err = t.v.LogRange(w.From, w.To, device, MaxSegmentOps); err != nil {
				return err
			}
		}
		f := &sealedFile{Kind: kindSegment, Team: s.team, Writer: t.me, Seq: seq, Epoch: ep.Name}
		data, err := seal(f, segmentBody{Changes: changes, Roster: s.rosterOf(), Prev: w.Prev}, t.id.Signing, id.Recipient())
		if err != nil {
			return err
		}
		name := segmentPath(t.me, seq)
		if err := d.WriteFile(name, data); err != nil {
			rep.Skipped = append(rep.Skipped, problem(name, folderErr(name, err)))
			return nil
		}
		rep.Republished++
	}
	return nil
}
