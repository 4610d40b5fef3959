package sync

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strings"

	"casefile/changelog"
	"casefile/internal/confined"
	"casefile/store"
)

// Pull (docs/sync-format.md, "Pull and merge") runs in rounds; each round
//
//  1. lists the log directories of the other devices;
//  2. reads and verifies every segment not applied yet whose writer is an
//     accepted member (the candidates), and looks again at the segments
//     already applied of removed members (a different file under the same
//     number is a forgery attempt);
//  3. merges the candidates' rosters, removals first: a removal and a
//     segment its member wrote after it, read in the same sync, never let
//     that segment through, whatever order the folder lists them in;
//  4. applies the candidates whose writer is still accepted;
//  5. reports the gaps: a segment that a later one names as its writer's
//     previous, and that is not in the folder.
//
// A roster read in one round may make another device's segments readable
// in the next.

// candidate is a segment read and verified, not applied yet.
type candidate struct {
	dev    string
	seq    uint64
	rel    string
	f      *sealedFile // nil beyond candidateBudget: read again to apply
	rec    appliedRec
	roster []rosterEntry
}

// candidateBudget bounds the bytes of verified segments a round keeps
// between reading them and applying them; beyond it, a segment is read
// again (and must hash the same) to be applied.
const candidateBudget = 32 << 20

// errChanged: a segment changed between the two passes of a round; the
// next sync reads it again.
var errChanged = errors.New("changed while read")

// pull applies every segment of other members not applied yet.
func (t *Team) pull(d *confined.Dir, s *state, rep *Report) error {
	var problems []Problem
	defer func() { rep.Skipped = append(rep.Skipped, problems...) }()
	for round := 0; round < 5; round++ {
		logs, probs, err := t.listLogs(d)
		if err != nil {
			rep.Skipped = append(rep.Skipped, problem(dirLog+"/", err))
			return nil
		}
		problems = probs
		cands, probs, err := t.readCandidates(d, s, logs)
		if err != nil {
			return err
		}
		problems = append(problems, probs...)
		merged, err := t.mergeRosters(d, s, cands, rep)
		if err != nil {
			return err
		}
		applied := false
		for _, c := range cands {
			if m := s.members[c.dev]; m.Status != StatusAccepted {
				if m.Status == StatusRemoved && c.seq > m.Cutoff {
					problems = append(problems, Problem{File: c.rel, Err: ErrAfterRemoval})
				}
				continue
			}
			err := t.applySegment(d, s, c, rep)
			if errors.Is(err, store.ErrClosed) {
				return err
			}
			if errors.Is(err, errChanged) {
				continue
			}
			if err != nil {
				problems = append(problems, problem(c.rel, err))
				continue
			}
			applied = true
			rep.PulledSegments++
		}
		problems = append(problems, s.gaps(t.me, logs)...)
		if !applied && !merged {
			return nil
		}
	}
	return nil
}

// listLogs returns the segment numbers in each other device's directory,
// sorted, and the names that are not segments.
func (t *Team) listLogs(d *confined.Dir) (map[string][]uint64, []Problem, error) {
	devices, err := listTop(d, dirLog)
	if err != nil {
		return nil, nil, err
	}
	logs := map[string][]uint64{}
	var problems []Problem
	for _, de := range devices {
		dev := de.Name()
		rel := logDirName(dev)
		if dev == t.me {
			continue
		}
		if !validDevice(dev) {
			problems = append(problems, Problem{File: rel, Err: ErrNotASegment})
			continue
		}
		if de.Type()&fs.ModeSymlink != 0 {
			problems = append(problems, Problem{File: rel, Err: &folderError{file: rel, reason: ErrUnsafeFile, err: confined.ErrLink}})
			continue
		}
		if !de.IsDir() {
			problems = append(problems, Problem{File: rel, Err: ErrNotASegment})
			continue
		}
		files, err := list(d, rel)
		if err != nil {
			problems = append(problems, problem(rel, err))
			continue
		}
		for _, fe := range files {
			name := rel + "/" + fe.Name()
			if isTemp(fe.Name()) {
				problems = append(problems, Problem{File: name, Err: ErrPartial})
				continue
			}
			seq, ok := parseSegmentName(fe.Name())
			if !ok {
				problems = append(problems, Problem{File: name, Err: ErrNotASegment})
				continue
			}
			logs[dev] = append(logs[dev], seq)
		}
		slices.Sort(logs[dev])
	}
	return logs, problems, nil
}

// readCandidates reads the segments of accepted writers not applied yet.
// Segments of a removed member are not read: what it wrote before its
// removal comes again from the member that removed it (Team.Remove), and
// its own files may have been rewritten since.
func (t *Team) readCandidates(d *confined.Dir, s *state, logs map[string][]uint64) ([]*candidate, []Problem, error) {
	var cands []*candidate
	var problems []Problem
	kept := 0
	devs := make([]string, 0, len(logs))
	for dev := range logs {
		devs = append(devs, dev)
	}
	sort.Strings(devs)
	for _, dev := range devs {
		m := s.members[dev]
		for _, seq := range logs[dev] {
			rel := segmentPath(dev, seq)
			if rec, ok := s.applied[appliedName(dev, seq)]; ok {
				if err := t.recheck(d, s, dev, seq, rec); errors.Is(err, store.ErrClosed) {
					return nil, nil, err
				} else if err != nil {
					problems = append(problems, problem(rel, err))
				}
				continue
			}
			switch {
			case m == nil || !m.known():
				problems = append(problems, Problem{File: rel, Err: ErrUnknownWriter})
				continue
			case m.Status == StatusRemoved:
				if seq > m.Cutoff {
					problems = append(problems, Problem{File: rel, Err: ErrAfterRemoval})
				}
				continue
			}
			c, err := t.readSegment(d, s, dev, seq)
			if err != nil {
				problems = append(problems, problem(rel, err))
				continue
			}
			if kept += len(c.f.Body); kept > candidateBudget {
				c.f = nil
			}
			cands = append(cands, c)
		}
	}
	return cands, problems, nil
}

// readSegment reads one segment and checks it: it decrypts with an epoch
// key this device holds, its writer's signature verifies, and what it
// signed names this file (writer, number, epoch) and this team.
func (t *Team) readSegment(d *confined.Dir, s *state, dev string, seq uint64) (*candidate, error) {
	m := s.members[dev]
	if m == nil || !m.known() {
		return nil, ErrUnknownWriter
	}
	rel := segmentPath(dev, seq)
	data, fi, err := readFile(d, rel, maxSegmentFile)
	if err != nil {
		return nil, err
	}
	f, epoch, err := s.openSealed(data)
	if err != nil {
		return nil, err
	}
	if err := f.verify(m.Identity.Verify); err != nil {
		return nil, err
	}
	if f.Kind != kindSegment || f.Writer != dev || f.Seq != seq || f.Epoch != epoch {
		return nil, ErrMisplaced
	}
	if f.Team != s.team {
		return nil, ErrOtherTeam
	}
	var head struct {
		Roster []rosterEntry `json:"roster"`
		Prev   uint64        `json:"prev"`
	}
	if err := f.body(&head); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(f.signedMessage())
	return &candidate{dev: dev, seq: seq, rel: rel, f: f, roster: head.Roster,
		rec: appliedRec{Hash: hex.EncodeToString(sum[:]), Prev: head.Prev, Size: fi.Size(), MTime: fi.ModTime().UnixNano()}}, nil
}

// recheck looks again at a segment applied here. A record written by an
// older version (no hash) gets the hash of the file as it is now. A
// removed member's segment whose file changed is read again: a different
// content under the same number is a forgery attempt. An accepted
// member's file may change legitimately (cleaned of an erased case,
// written again after the folder lost it) and is not read again.
func (t *Team) recheck(d *confined.Dir, s *state, dev string, seq uint64, rec appliedRec) error {
	m := s.members[dev]
	if m == nil || !m.known() {
		return nil
	}
	name := appliedName(dev, seq)
	if rec.Hash == "" {
		r := appliedRec{Hash: unknownHash}
		if c, err := t.readSegment(d, s, dev, seq); err == nil {
			r = c.rec
		}
		s.applied[name] = r
		return t.v.SetSyncState(map[string][]byte{appliedKey(dev, seq): mustJSON(r)})
	}
	if m.Status != StatusRemoved || rec.Hash == unknownHash {
		return nil
	}
	fi, err := d.Lstat(segmentPath(dev, seq))
	if err != nil || (fi.Size() == rec.Size && fi.ModTime().UnixNano() == rec.MTime) {
		return nil
	}
	c, err := t.readSegment(d, s, dev, seq)
	if err != nil {
		return err
	}
	if c.rec.Hash != rec.Hash {
		return ErrForged
	}
	// The same content, copied again: remember the file as it is now.
	s.applied[name] = c.rec
	return t.v.SetSyncState(map[string][]byte{appliedKey(dev, seq): mustJSON(c.rec)})
}

// mergeRosters folds the candidates' rosters into what this device knows,
// before any of them is applied, and reports whether anything changed.
//
// Removals come first, and a roster counts only if no removal that
// counts refutes its segment: a segment is refuted by a member's roster
// that removes its writer with a cutoff below its number (it was written
// after the removal). This is decided as a grounded extension — a segment
// no counted removal refutes counts, one a counted removal refutes does
// not, repeated until nothing changes — so the result does not depend on
// the order of the folder's listing. Segments left undecided (two members
// removing each other) all count: both removals hold. Acceptances come
// from the counted segments whose writer is still accepted.
func (t *Team) mergeRosters(d *confined.Dir, s *state, cands []*candidate, rep *Report) (bool, error) {
	var live []*candidate
	removes := map[string][]*candidate{} // device -> candidates whose roster removes it
	for _, c := range cands {
		if s.members[c.dev].Status != StatusAccepted {
			continue
		}
		live = append(live, c)
		for _, r := range c.roster {
			if r.Status == StatusRemoved && r.Device != c.dev {
				removes[r.Device] = append(removes[r.Device], c)
			}
		}
	}
	refutes := func(by, c *candidate) bool {
		for _, r := range by.roster {
			if r.Device == c.dev && r.Status == StatusRemoved && r.Cutoff < c.seq {
				return true
			}
		}
		return false
	}
	in, out := map[*candidate]bool{}, map[*candidate]bool{}
	for changed := true; changed; {
		changed = false
		for _, c := range live {
			if in[c] || out[c] {
				continue
			}
			undefeated, defeated := true, false
			for _, by := range removes[c.dev] {
				if refutes(by, c) {
					undefeated = undefeated && out[by]
					defeated = defeated || in[by]
				}
			}
			switch {
			case defeated:
				out[c], changed = true, true
			case undefeated:
				in[c], changed = true, true
			}
		}
	}
	vals := map[string][]byte{}
	for _, c := range live {
		if !out[c] {
			s.mergeRemovals(c.dev, c.roster, vals)
		}
	}
	for _, c := range live {
		if !out[c] && s.members[c.dev].Status == StatusAccepted {
			s.mergeAcceptances(c.dev, c.roster, vals)
		}
	}
	if len(vals) == 0 {
		return false, nil
	}
	if err := t.v.SetSyncState(vals); err != nil {
		return false, err
	}
	return true, t.refreshIdentities(d, s, rep)
}

// mergeRemovals takes the removals a trusted writer announces: removal is
// final and its cutoff is the highest announced (so every member ends
// with the same).
func (s *state) mergeRemovals(by string, roster []rosterEntry, vals map[string][]byte) {
	for _, r := range roster {
		if !validDevice(r.Device) || r.Status != StatusRemoved {
			continue
		}
		m := s.members[r.Device]
		switch {
		case m == nil:
			m = &memberState{Device: r.Device, Fingerprint: r.Fingerprint, Status: StatusRemoved, By: by, Cutoff: r.Cutoff}
		case m.Status != StatusRemoved || r.Cutoff > m.Cutoff:
			m.Status, m.By, m.Cutoff = StatusRemoved, by, max(m.Cutoff, r.Cutoff)
		default:
			continue
		}
		s.members[r.Device] = m
		vals[memberKey(r.Device)] = mustJSON(m)
	}
}

// mergeAcceptances takes the members a trusted writer accepted: their
// identity is read from members/ and must match the fingerprint announced.
func (s *state) mergeAcceptances(by string, roster []rosterEntry, vals map[string][]byte) {
	for _, r := range roster {
		if !validDevice(r.Device) || r.Status != StatusAccepted || s.members[r.Device] != nil {
			continue
		}
		m := &memberState{Device: r.Device, Fingerprint: r.Fingerprint, Status: StatusAccepted, By: by}
		s.members[r.Device] = m
		vals[memberKey(r.Device)] = mustJSON(m)
	}
}

// applySegment applies a candidate, and marks it applied (by content) in
// the same transaction as the last of its changes.
func (t *Team) applySegment(d *confined.Dir, s *state, c *candidate, rep *Report) error {
	f := c.f
	if f == nil {
		again, err := t.readSegment(d, s, c.dev, c.seq)
		if err != nil {
			return err
		}
		if again.rec.Hash != c.rec.Hash {
			return errChanged
		}
		f = again.f
	}
	var body segmentBody
	if err := f.body(&body); err != nil {
		return err
	}
	if err := changelog.CheckRemoteChanges(body.Changes); err != nil {
		return fmt.Errorf("%w: %v", ErrBadContent, err)
	}
	res, err := t.v.ApplyRemote(body.Changes, map[string][]byte{appliedKey(c.dev, c.seq): mustJSON(c.rec)})
	if err != nil {
		if errors.Is(err, changelog.ErrBadRemoteChange) {
			return fmt.Errorf("%w: %v", ErrBadContent, err)
		}
		if errors.Is(err, store.ErrClosed) {
			return err
		}
		return fmt.Errorf("sync: apply %s: %w", c.rel, err)
	}
	rep.Applied += res.Applied
	rep.Collisions += res.Collisions
	rep.FutureClocks += len(res.Refused)
	if len(res.Refused) > 0 {
		// Applied but for the refused entries, and not marked: read
		// again at each sync, reported until this device's clock passes
		// them (its own clock was behind) or forever (the writer's was
		// ahead).
		return fmt.Errorf("%w: %d of %d", ErrFutureClock, len(res.Refused), len(body.Changes))
	}
	s.applied[appliedName(c.dev, c.seq)] = c.rec
	return nil
}

// gaps lists the segments of accepted members that a segment applied here
// names as its writer's previous one, and that are neither applied nor in
// the folder: deleted, or not copied yet. Their writer publishes them
// again (republish.go); until then each sync reports them.
func (s *state) gaps(me string, logs map[string][]uint64) []Problem {
	var out []Problem
	seen := map[string]bool{}
	for name, rec := range s.applied {
		if rec.Prev == 0 {
			continue
		}
		dev, _, _ := strings.Cut(name, "/")
		if m := s.members[dev]; dev == me || m == nil || m.Status != StatusAccepted {
			continue
		}
		prev := appliedName(dev, rec.Prev)
		if _, ok := s.applied[prev]; ok || seen[prev] {
			continue
		}
		if _, present := slices.BinarySearch(logs[dev], rec.Prev); present {
			continue
		}
		seen[prev] = true
		out = append(out, Problem{File: segmentPath(dev, rec.Prev), Err: ErrMissing})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].File < out[j].File })
	return out
}
