package sync

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"time"

	"filippo.io/age"

	"casefile/internal/atomicfile"
	"casefile/store"
)

// MaxSegmentOps bounds the operations in one segment (a few MiB at most).
const MaxSegmentOps = 20_000

// Problem is a file skipped by a sync, with the reason. Skipped files are
// retried on the next sync: a half-copied file may be whole by then.
type Problem struct {
	File string `json:"file"` // relative to the folder
	Err  error  `json:"-"`
}

// Code names the reason, for translations and JSON.
func (p Problem) Code() string {
	for _, c := range problemCodes {
		if errors.Is(p.Err, c.err) {
			return c.code
		}
	}
	return "error"
}

var (
	// ErrNotASegment: a file in log/ whose name is not a segment's:
	// a sync tool's conflict copy, a duplicate, a stranger.
	ErrNotASegment = errors.New("not a segment name (conflict copy, duplicate or unknown file)")
	// ErrPartial: a file still being written by its device.
	ErrPartial = errors.New("still being written")
	// ErrUnknownWriter: written under the name of a device that is not an
	// accepted member (yet).
	ErrUnknownWriter = errors.New("written by a device that is not an accepted member")
	// ErrAfterRemoval: a segment its device wrote after being removed.
	ErrAfterRemoval = errors.New("written after its device was removed")
	// ErrBadContent: it verifies but what it carries is malformed.
	ErrBadContent = errors.New("carries malformed changes")
	// ErrOtherTeam: signed for another team.
	ErrOtherTeam = errors.New("belongs to another team")
)

var problemCodes = []struct {
	code string
	err  error
}{
	{"not-a-segment", ErrNotASegment}, {"partial", ErrPartial}, {"unknown-writer", ErrUnknownWriter},
	{"after-removal", ErrAfterRemoval}, {"unreadable", ErrUnreadable}, {"malformed", ErrMalformed},
	{"newer-format", ErrNewerFormat}, {"bad-signature", ErrBadSignature}, {"misplaced", ErrMisplaced},
	{"bad-content", ErrBadContent}, {"other-team", ErrOtherTeam}, {"folder", ErrFolderUnavailable},
}

// MarshalJSON writes the reason's code and English text.
func (p Problem) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		File   string `json:"file"`
		Reason string `json:"reason"`
		Detail string `json:"detail"`
	}{p.File, p.Code(), p.Err.Error()})
}

// UnmarshalJSON reads what MarshalJSON wrote (the last sync's report).
func (p *Problem) UnmarshalJSON(b []byte) error {
	var r struct{ File, Reason, Detail string }
	if err := json.Unmarshal(b, &r); err != nil {
		return err
	}
	p.File, p.Err = r.File, errors.New(r.Detail)
	for _, c := range problemCodes {
		if c.code == r.Reason {
			p.Err = c.err
		}
	}
	return nil
}

// Report says what a sync did. It holds no personal data (counts, file
// names, device ids), so it may be kept as the last sync's status.
type Report struct {
	Time           time.Time `json:"time"`
	PushedSegments int       `json:"pushed_segments"`
	PushedOps      int       `json:"pushed_ops"`
	PulledSegments int       `json:"pulled_segments"`
	Applied        int       `json:"applied_ops"`
	Collisions     int       `json:"collisions"`
	// FutureClocks counts received changes stamped more than
	// store.MaxClockSkew ahead of this device's clock: applied, flagged.
	FutureClocks int `json:"future_clocks"`
	// Held counts records waiting for changes not received yet.
	Held int `json:"held"`
	// Erased counts cases erased here on a colleague's tombstone.
	Erased int `json:"erased_cases,omitempty"`
	// Cleaned counts this device's segments rewritten without the
	// records of erased cases.
	Cleaned int `json:"cleaned_segments,omitempty"`
	// Documents counts documents whose bytes arrived (blobs.go).
	Documents int `json:"documents,omitempty"`
	// NewKeys counts team key files this device wrote for members.
	NewKeys int `json:"new_keys"`
	// Pending lists newcomers waiting to be accepted.
	Pending []string `json:"pending,omitempty"`
	// Waiting: this device holds no team key yet (not accepted).
	Waiting bool `json:"waiting,omitempty"`
	// Removed: this device was removed from the team.
	Removed bool      `json:"removed,omitempty"`
	Skipped []Problem `json:"skipped,omitempty"`
}

// Sync pulls what other members published, then publishes this device's
// changes. Files that cannot be used are skipped and reported; the error
// is for a sync that could not run (no folder, vault closed).
func (t *Team) Sync() (*Report, error) {
	teamMu.Lock()
	defer teamMu.Unlock()
	if st, err := os.Stat(t.l.root); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("%w: %s", ErrFolderUnavailable, t.folder)
	}
	rep := &Report{Time: time.Now().UTC()}
	s, err := loadState(t.v)
	if err != nil {
		return nil, err
	}
	if err := t.ensureSelf(s); err != nil {
		return nil, err
	}
	if err := t.refreshIdentities(s); err != nil {
		return nil, err
	}
	if err := t.pullKeys(s, rep); err != nil {
		return nil, err
	}
	if err := t.pull(s, rep); err != nil {
		return nil, err
	}
	// Cases erased on a colleague's device go here too, and this
	// device's segments are cleaned of every erased case (scrub.go).
	if rep.Erased, err = t.v.EraseReceived(); err != nil {
		return nil, err
	}
	if err := t.fetchBlobs(s, rep); err != nil {
		if !errors.Is(err, ErrFolderUnavailable) {
			return nil, err
		}
		rep.Skipped = append(rep.Skipped, Problem{File: dirBlobs + "/", Err: err})
	}
	if me := s.members[t.me]; me != nil && me.Status == StatusRemoved {
		rep.Removed = true
	} else {
		if rep.Cleaned, err = t.scrub(s); err != nil {
			rep.Skipped = append(rep.Skipped, Problem{File: "log/" + t.me, Err: err})
		}
		if err := t.rotate(s); err != nil {
			return nil, err
		}
		if rep.NewKeys, err = t.distributeKeys(s); err != nil {
			rep.Skipped = append(rep.Skipped, Problem{File: "team/", Err: err})
		}
		if err := t.push(s, rep); err != nil {
			if !errors.Is(err, ErrFolderUnavailable) {
				return nil, err
			}
			rep.Skipped = append(rep.Skipped, Problem{File: "log/" + t.me, Err: err})
		}
	}
	if rep.Held, err = t.v.Held(); err != nil {
		return nil, err
	}
	if members, err := t.Members(); err == nil {
		for _, m := range members {
			if m.Status == StatusPending {
				rep.Pending = append(rep.Pending, m.Device)
			}
		}
	}
	_ = t.v.SetSyncState(map[string][]byte{"last": mustJSON(rep)})
	return rep, nil
}

// ensureSelf handles a vault restored from a backup: it has a new device
// id (store.Restore), so it never writes into its former self's files; it
// publishes its member file under that id, queues its whole log again (what
// its former self published is applied idempotently) and waits, like a
// newcomer, for a member to accept it.
func (t *Team) ensureSelf(s *state) error {
	if s.members[t.me] != nil {
		return nil
	}
	name := t.v.Author()
	for _, m := range s.members {
		if m.known() && bytes.Equal(m.Identity.Verify, t.id.Public("").Verify) {
			name = m.Name
		}
	}
	if err := t.writeMemberFile(name); err != nil {
		return err
	}
	pub := t.id.Public(name)
	self := &memberState{Device: t.me, Name: name, Fingerprint: pub.Fingerprint(), Identity: pub, Status: StatusAccepted, By: t.me}
	if err := t.v.SetSyncState(map[string][]byte{memberKey(t.me): mustJSON(self), "seq": []byte("0")}); err != nil {
		return err
	}
	s.members[t.me], s.seq = self, 0
	return t.v.QueueWholeLog()
}

// LastReport is the report of the last sync, if any.
func (t *Team) LastReport() (*Report, error) {
	b, ok, err := t.v.SyncState("last")
	if err != nil || !ok {
		return nil, err
	}
	var r Report
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, err
	}
	return &r, nil
}

// refreshIdentities fills in the identity of members announced by a
// roster before their file reached this device, if its fingerprint
// matches the one announced.
func (t *Team) refreshIdentities(s *state) error {
	for d, m := range s.members {
		if m.known() {
			continue
		}
		p, err := t.readMemberFile(d)
		if err != nil || p.Fingerprint() != m.Fingerprint {
			continue
		}
		m.Identity, m.Name = p, p.Name
		if err := t.v.SetSyncState(map[string][]byte{memberKey(d): mustJSON(m)}); err != nil {
			return err
		}
	}
	return nil
}

// pullKeys reads the team key files written for this device by members it
// trusts.
func (t *Team) pullKeys(s *state, rep *Report) error {
	epochs, err := os.ReadDir(filepath.Join(t.l.root, dirTeam))
	if err != nil {
		rep.Skipped = append(rep.Skipped, Problem{File: "team/", Err: fmt.Errorf("%w: %v", ErrFolderUnavailable, err)})
		return nil
	}
	for _, de := range epochs {
		name := de.Name()
		if s.epochs[name] != nil || !validEpoch(name) {
			continue
		}
		files, err := os.ReadDir(t.l.teamDir(name))
		if err != nil {
			continue
		}
		for _, fe := range files {
			member, writer, ok := parseKeyName(fe.Name())
			if !ok || member != t.me {
				continue
			}
			rel := filepath.ToSlash(filepath.Join(dirTeam, name, fe.Name()))
			ep, err := t.readKey(s, name, writer, fe.Name())
			if err != nil {
				rep.Skipped = append(rep.Skipped, Problem{File: rel, Err: err})
				continue
			}
			vals := map[string][]byte{epochKey(name): mustJSON(ep)}
			if s.team == "" {
				s.team = ep.Team
				vals["team"] = teamValue(ep.Team)
			}
			if err := t.v.SetSyncState(vals); err != nil {
				return err
			}
			s.epochs[name] = ep
			break
		}
	}
	return nil
}

func (t *Team) readKey(s *state, epoch, writer, file string) (*epochState, error) {
	w, ok := s.trusted(writer)
	if !ok {
		return nil, ErrUnknownWriter
	}
	data, err := os.ReadFile(filepath.Join(t.l.teamDir(epoch), file))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFolderUnavailable, err)
	}
	f, err := open(data, t.id.Hybrid)
	if err != nil {
		return nil, err
	}
	if err := f.verify(w.Identity.Verify); err != nil {
		return nil, err
	}
	if f.Kind != kindTeamKey || f.Writer != writer || f.Subject != t.me || f.Epoch != epoch {
		return nil, ErrMisplaced
	}
	if s.team != "" && f.Team != s.team {
		return nil, ErrOtherTeam
	}
	var ep epochState
	if err := f.body(&ep); err != nil {
		return nil, err
	}
	if ep.Name != epoch || ep.Team != f.Team {
		return nil, ErrMisplaced
	}
	if _, err := ep.identity(); err != nil {
		return nil, ErrMalformed
	}
	return &ep, nil
}

// segmentBody is what a segment carries.
type segmentBody struct {
	Changes []store.ExportChange `json:"changes"`
	Roster  []rosterEntry        `json:"roster"`
}

// rosterEntry is the writer's view of one member, announced to the team:
// readers trust it because they trust the writer.
type rosterEntry struct {
	Device      string `json:"device"`
	Fingerprint string `json:"fingerprint"`
	Status      Status `json:"status"`
	Cutoff      uint64 `json:"cutoff,omitempty"`
}

func (s *state) rosterOf() []rosterEntry {
	var out []rosterEntry
	for d, m := range s.members {
		out = append(out, rosterEntry{Device: d, Fingerprint: m.Fingerprint, Status: m.Status, Cutoff: m.Cutoff})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Device < out[j].Device })
	return out
}

// mergeRoster folds a trusted writer's roster into what this device knows:
// acceptance spreads through accepted members; removal is final and its
// cutoff is the highest announced (so every member ends with the same).
// It returns the member states to write.
func (s *state) mergeRoster(by string, roster []rosterEntry) map[string][]byte {
	vals := map[string][]byte{}
	for _, r := range roster {
		if !validDevice(r.Device) || (r.Status != StatusAccepted && r.Status != StatusRemoved) {
			continue
		}
		m := s.members[r.Device]
		switch {
		case m == nil && r.Status == StatusAccepted:
			m = &memberState{Device: r.Device, Fingerprint: r.Fingerprint, Status: StatusAccepted, By: by}
		case m == nil:
			m = &memberState{Device: r.Device, Fingerprint: r.Fingerprint, Status: StatusRemoved, By: by, Cutoff: r.Cutoff}
		case r.Status == StatusRemoved && (m.Status != StatusRemoved || r.Cutoff > m.Cutoff):
			m.Status, m.By, m.Cutoff = StatusRemoved, by, max(m.Cutoff, r.Cutoff)
		default:
			continue
		}
		s.members[r.Device] = m
		vals[memberKey(r.Device)] = mustJSON(m)
	}
	return vals
}

// pull applies every segment of other members not applied yet, in rounds
// (a roster read in one round may make another device's segments
// readable in the next).
func (t *Team) pull(s *state, rep *Report) error {
	var problems []Problem
	defer func() { rep.Skipped = append(rep.Skipped, problems...) }()
	for round := 0; round < 5; round++ {
		progress := false
		problems = nil
		devices, err := os.ReadDir(filepath.Join(t.l.root, dirLog))
		if err != nil {
			rep.Skipped = append(rep.Skipped, Problem{File: "log/", Err: fmt.Errorf("%w: %v", ErrFolderUnavailable, err)})
			return nil
		}
		for _, de := range devices {
			dev := de.Name()
			if dev == t.me {
				continue
			}
			if !validDevice(dev) || !de.IsDir() {
				problems = append(problems, Problem{File: "log/" + dev, Err: ErrNotASegment})
				continue
			}
			p, err := t.pullDevice(s, dev, rep)
			if err != nil {
				return err
			}
			progress = progress || p.applied
			problems = append(problems, p.problems...)
		}
		if !progress {
			return nil
		}
	}
	return nil
}

type devicePull struct {
	applied  bool
	problems []Problem
}

func (t *Team) pullDevice(s *state, dev string, rep *Report) (devicePull, error) {
	var out devicePull
	files, err := os.ReadDir(t.l.logDir(dev))
	if err != nil {
		out.problems = append(out.problems, Problem{File: "log/" + dev, Err: fmt.Errorf("%w: %v", ErrFolderUnavailable, err)})
		return out, nil
	}
	for _, fe := range files {
		rel := "log/" + dev + "/" + fe.Name()
		if isTemp(fe.Name()) {
			out.problems = append(out.problems, Problem{File: rel, Err: ErrPartial})
			continue
		}
		seq, ok := parseSegmentName(fe.Name())
		if !ok {
			out.problems = append(out.problems, Problem{File: rel, Err: ErrNotASegment})
			continue
		}
		if s.applied[fmt.Sprintf("%s/%08d", dev, seq)] {
			continue
		}
		err := t.applySegment(s, dev, seq, rep)
		if errors.Is(err, store.ErrClosed) {
			return out, err
		}
		if err != nil {
			out.problems = append(out.problems, Problem{File: rel, Err: err})
			continue
		}
		out.applied = true
		rep.PulledSegments++
	}
	return out, nil
}

// applySegment reads, checks and applies one segment; any error is a
// reason to skip it (retried next time).
func (t *Team) applySegment(s *state, dev string, seq uint64, rep *Report) error {
	m, ok := s.members[dev]
	if !ok || !m.known() {
		return ErrUnknownWriter
	}
	if m.Status == StatusRemoved && seq > m.Cutoff {
		return ErrAfterRemoval
	}
	data, err := os.ReadFile(t.l.segment(dev, seq))
	if err != nil {
		return fmt.Errorf("%w: %v", ErrFolderUnavailable, err)
	}
	names, ids, err := s.ageIdentities()
	if err != nil {
		return err
	}
	var f *sealedFile
	var epoch string
	err = ErrUnreadable
	for i, id := range ids {
		if f, err = open(data, id); !errors.Is(err, ErrUnreadable) {
			epoch = names[i]
			break
		}
	}
	if err != nil {
		return err
	}
	if err := f.verify(m.Identity.Verify); err != nil {
		return err
	}
	if f.Kind != kindSegment || f.Writer != dev || f.Seq != seq || f.Epoch != epoch {
		return ErrMisplaced
	}
	if f.Team != s.team {
		return ErrOtherTeam
	}
	var body segmentBody
	if err := f.body(&body); err != nil {
		return err
	}
	if err := store.CheckRemoteChanges(body.Changes); err != nil {
		return fmt.Errorf("%w: %v", ErrBadContent, err)
	}
	marks := map[string][]byte{appliedKey(dev, seq): {}}
	var roster map[string][]byte
	if m.Status == StatusAccepted {
		roster = s.mergeRoster(dev, body.Roster)
		for k, v := range roster {
			marks[k] = v
		}
	}
	res, err := t.v.ApplyRemote(body.Changes, marks)
	if err != nil {
		if errors.Is(err, store.ErrBadRemoteChange) {
			return fmt.Errorf("%w: %v", ErrBadContent, err)
		}
		if errors.Is(err, store.ErrClosed) {
			return err
		}
		return fmt.Errorf("sync: apply %s/%d: %w", dev, seq, err)
	}
	s.applied[fmt.Sprintf("%s/%08d", dev, seq)] = true
	rep.Applied += res.Applied
	rep.Collisions += res.Collisions
	rep.FutureClocks += len(res.Future)
	if len(roster) > 0 {
		if err := t.refreshIdentities(s); err != nil {
			return err
		}
	}
	return nil
}

// push publishes this device's outbox as segments under the current
// epoch, and the roster when it changed.
func (t *Team) push(s *state, rep *Report) error {
	ep := s.current()
	if ep == nil || s.team == "" {
		rep.Waiting = true
		return nil
	}
	if err := t.pruneBlobs(); err != nil {
		return err
	}
	id, err := ep.identity()
	if err != nil {
		return err
	}
	var r age.Recipient = id.Recipient()
	for {
		o, err := t.v.ReadOutbox(MaxSegmentOps)
		if err != nil {
			return err
		}
		roster := s.rosterOf()
		sum := sha256.Sum256(mustJSON(roster))
		rosterHash := hex.EncodeToString(sum[:]) + "@" + ep.Name
		if len(o.Changes) == 0 && rosterHash == s.roster {
			if o.Empty() {
				return nil
			}
			if err := o.Done(t.v); err != nil {
				return err
			}
			continue
		}
		// Reserve the number first: a crash after writing the file
		// leaves a gap, never two files under one name.
		seq := s.seq + 1
		if err := t.v.SetSyncState(map[string][]byte{"seq": []byte(strconv.FormatUint(seq, 10))}); err != nil {
			return err
		}
		s.seq = seq
		// The documents' bytes first: a reader holds a record back until
		// its blob is there, never the other way round (blobs.go).
		if err := t.pushBlobs(o.Changes, r); err != nil {
			return err
		}
		f := &sealedFile{Kind: kindSegment, Team: s.team, Writer: t.me, Seq: seq, Epoch: ep.Name}
		data, err := seal(f, segmentBody{Changes: o.Changes, Roster: roster}, t.id.Signing, r)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(t.l.logDir(t.me), 0o755); err != nil {
			return fmt.Errorf("%w: %v", ErrFolderUnavailable, err)
		}
		if err := atomicfile.Write(t.l.segment(t.me, seq), data, 0o644); err != nil {
			return fmt.Errorf("%w: %v", ErrFolderUnavailable, err)
		}
		if err := o.Done(t.v); err != nil {
			return err
		}
		if err := t.v.SetSyncState(map[string][]byte{"roster": []byte(rosterHash)}); err != nil {
			return err
		}
		s.roster = rosterHash
		rep.PushedSegments++
		for _, ch := range o.Changes {
			rep.PushedOps += len(ch.Ops)
		}
	}
}
