package sync

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"sort"
	"strconv"
	"time"

	"filippo.io/age"

	"casefile/changelog"
	"casefile/internal/confined"
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

	// ErrForged: a segment of a removed member, already applied here,
	// was replaced by a different one under the same number: a forgery
	// attempt (a removed member still holds its signing key).
	ErrForged = errors.New("a different segment under a number already applied, by a removed member: forgery attempt")
	// ErrMissing: a later segment of its writer names it as the one
	// before, and it is not in the folder (deleted, or not copied yet);
	// its writer publishes it again at its next sync.
	ErrMissing = errors.New("missing from the folder: a later segment of its writer refers to it")
	// ErrFutureClock: it carries changes stamped more than
	// store.MaxClockSkew ahead of this device's clock. Those are not
	// applied, the rest of the segment is (docs/sync.md, "Clock horizon").
	ErrFutureClock = errors.New("carries changes dated more than a day ahead of this device's clock, not applied")
	// ErrBadName: a member file whose display name holds a control
	// character (a terminal escape, a line break) or is too long.
	ErrBadName = errors.New("member name with control characters or too long")
)

// problemCodes name the reasons, most specific first (a folder error
// matches its reason and ErrFolderUnavailable).
var problemCodes = []struct {
	code string
	err  error
}{
	{"not-a-segment", ErrNotASegment}, {"partial", ErrPartial}, {"unknown-writer", ErrUnknownWriter},
	{"after-removal", ErrAfterRemoval}, {"unreadable", ErrUnreadable}, {"malformed", ErrMalformed},
	{"newer-format", ErrNewerFormat}, {"bad-signature", ErrBadSignature}, {"misplaced", ErrMisplaced},
	{"bad-content", ErrBadContent}, {"other-team", ErrOtherTeam}, {"forged", ErrForged},
	{"missing", ErrMissing}, {"future-clock", ErrFutureClock}, {"bad-name", ErrBadName}, {"unsafe", ErrUnsafeFile}, {"too-large", ErrTooLarge},
	{"too-slow", ErrTooSlow}, {"folder", ErrFolderUnavailable},
}

// ProblemCodes lists every reason code a report can give (the faces
// translate each: "sync.reason.<code>").
func ProblemCodes() []string {
	out := make([]string, 0, len(problemCodes)+1)
	for _, c := range problemCodes {
		out = append(out, c.code)
	}
	return append(out, "error")
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
	// changelog.MaxClockSkew ahead of this device's clock: refused, and
	// their segments reported (ErrFutureClock).
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
	// Republished counts this device's segments and blobs written again
	// because the folder had lost them (republish.go).
	Republished int `json:"republished,omitempty"`
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
	// No erasure may close Badger or rewrite the log under a sync: the
	// store keeps the two apart (store.Vault.BeginSync).
	endSync := t.v.BeginSync()
	defer endSync()
	d, err := t.openFolder(false)
	if err != nil {
		return nil, err
	}
	defer d.Close()
	rep := &Report{Time: time.Now().UTC()}
	s, err := loadState(t.v)
	if err != nil {
		return nil, err
	}
	if err := t.ensureSelf(d, s); err != nil {
		return nil, err
	}
	if err := t.refreshIdentities(d, s, rep); err != nil {
		return nil, err
	}
	if err := t.pullKeys(d, s, rep); err != nil {
		return nil, err
	}
	if err := t.pull(d, s, rep); err != nil {
		return nil, err
	}
	// Cases erased on a colleague's device go here too, and this
	// device's segments are cleaned of every erased case (scrub.go).
	if rep.Erased, err = t.v.EraseReceived(); err != nil {
		return nil, err
	}
	if err := t.fetchBlobs(d, s, rep); err != nil {
		if !errors.Is(err, ErrFolderUnavailable) {
			return nil, err
		}
		rep.Skipped = append(rep.Skipped, problem(dirBlobs+"/", err))
	}
	if me := s.members[t.me]; me != nil && me.Status == StatusRemoved {
		rep.Removed = true
	} else {
		if err := t.adoptBlobs(d, s); err != nil {
			if !errors.Is(err, ErrFolderUnavailable) {
				return nil, err
			}
			rep.Skipped = append(rep.Skipped, problem(blobDirName(t.me), err))
		}
		if err := t.scrub(d, s, rep); err != nil {
			return nil, err
		}
		if err := t.rotate(s); err != nil {
			return nil, err
		}
		if rep.NewKeys, err = t.distributeKeys(d, s); err != nil {
			rep.Skipped = append(rep.Skipped, problem(dirTeam+"/", err))
		}
		if err := t.republish(d, s, rep); err != nil {
			return nil, err
		}
		if err := t.push(d, s, rep); err != nil {
			if !errors.Is(err, ErrFolderUnavailable) {
				return nil, err
			}
			rep.Skipped = append(rep.Skipped, problem(logDirName(t.me), err))
		}
	}
	if rep.Held, err = t.v.Held(); err != nil {
		return nil, err
	}
	if members, problems, err := t.members(d, s); err == nil {
		for _, m := range members {
			if m.Status == StatusPending {
				rep.Pending = append(rep.Pending, m.Device)
			}
		}
		rep.Skipped = append(rep.Skipped, problems...)
	}
	_ = t.v.SetSyncState(map[string][]byte{"last": mustJSON(rep)})
	return rep, nil
}

// ensureSelf handles a vault restored from a backup: it has a new device
// id (store.Restore), so it never writes into its former self's files; it
// publishes its member file under that id, queues its whole log again (what
// its former self published is applied idempotently) and waits, like a
// newcomer, for a member to accept it.
func (t *Team) ensureSelf(d *confined.Dir, s *state) error {
	if s.members[t.me] != nil {
		return nil
	}
	name := t.v.Author()
	for _, m := range s.members {
		if m.known() && bytes.Equal(m.Identity.Verify, t.id.Public("").Verify) {
			name = m.Name
		}
	}
	if err := t.writeMemberFile(d, name); err != nil {
		return err
	}
	pub := t.id.Public(name)
	self := &memberState{Device: t.me, Name: name, Fingerprint: pub.Fingerprint(), Identity: pub, Status: StatusAccepted, By: t.me}
	// The restored device writes its own files from scratch: the
	// segments and blobs its former self recorded writing are not its to
	// write again or remove.
	vals := map[string][]byte{memberKey(t.me): mustJSON(self), "seq": []byte("0"), adoptedKey: {}}
	for seq := range s.wrote {
		vals[wroteSegKey(seq)] = nil
	}
	for id := range s.wroteBlob {
		vals[wroteBlobKey(id)] = nil
	}
	if err := t.v.SetSyncState(vals); err != nil {
		return err
	}
	s.members[t.me], s.seq, s.adopted = self, 0, true
	s.wrote, s.wroteBlob = map[uint64]wroteSeg{}, map[string]bool{}
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
func (t *Team) refreshIdentities(d *confined.Dir, s *state, rep *Report) error {
	for dev, m := range s.members {
		if m.known() {
			continue
		}
		p, err := readMemberFile(d, dev)
		if reportedMemberError(err) {
			rep.Skipped = append(rep.Skipped, problem(memberName(dev), err))
		}
		if err != nil || p.Fingerprint() != m.Fingerprint {
			continue
		}
		m.Identity, m.Name = p, p.Name
		if err := t.v.SetSyncState(map[string][]byte{memberKey(dev): mustJSON(m)}); err != nil {
			return err
		}
	}
	return nil
}

// pullKeys reads the team key files written for this device by members it
// trusts.
func (t *Team) pullKeys(d *confined.Dir, s *state, rep *Report) error {
	epochs, err := listTop(d, dirTeam)
	if err != nil {
		rep.Skipped = append(rep.Skipped, problem(dirTeam+"/", err))
		return nil
	}
	for _, de := range epochs {
		name := de.Name()
		if s.epochs[name] != nil || !validEpoch(name) {
			continue
		}
		files, err := list(d, teamDirName(name))
		if err != nil {
			rep.Skipped = append(rep.Skipped, problem(teamDirName(name), err))
			continue
		}
		for _, fe := range files {
			member, writer, ok := parseKeyName(fe.Name())
			if !ok || member != t.me {
				continue
			}
			rel := keyName(name, member, writer)
			ep, err := t.readKey(d, s, name, writer)
			if err != nil {
				rep.Skipped = append(rep.Skipped, problem(rel, err))
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

func (t *Team) readKey(d *confined.Dir, s *state, epoch, writer string) (*epochState, error) {
	w, ok := s.trusted(writer)
	if !ok {
		return nil, ErrUnknownWriter
	}
	data, _, err := readFile(d, keyName(epoch, t.me, writer), maxKeyFile)
	if err != nil {
		return nil, err
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

// segmentBody is what a segment carries. Prev, the number of the
// writer's previous segment, lets readers see one missing (pull.go).
type segmentBody struct {
	Changes []changelog.ExportChange `json:"changes"`
	Roster  []rosterEntry            `json:"roster"`
	Prev    uint64                   `json:"prev,omitempty"`
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

// push publishes this device's outbox as segments under the current
// epoch, and the roster when it changed.
func (t *Team) push(d *confined.Dir, s *state, rep *Report) error {
	ep := s.current()
	if ep == nil || s.team == "" {
		rep.Waiting = true
		return nil
	}
	id, err := ep.identity()
	if err != nil {
		return err
	}
	var r age.Recipient = id.Recipient()
	t.pruneBlobs(d, s, r, rep)
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
		if err := t.pushBlobs(d, s, o.Changes, r); err != nil {
			return err
		}
		w := wroteOf(t.me, o.Changes, s.lastWrote())
		f := &sealedFile{Kind: kindSegment, Team: s.team, Writer: t.me, Seq: seq, Epoch: ep.Name}
		data, err := seal(f, segmentBody{Changes: o.Changes, Roster: roster, Prev: w.Prev}, t.id.Signing, r)
		if err != nil {
			return err
		}
		name := segmentPath(t.me, seq)
		if err := d.WriteFile(name, data); err != nil {
			return folderErr(name, err)
		}
		// What the segment carried, to write it again if the folder
		// loses it; then the outbox entries are published.
		if err := t.v.SetSyncState(map[string][]byte{wroteSegKey(seq): mustJSON(w), "roster": []byte(rosterHash)}); err != nil {
			return err
		}
		s.wrote[seq], s.roster = w, rosterHash
		if err := o.Done(t.v); err != nil {
			return err
		}
		rep.PushedSegments++
		for _, ch := range o.Changes {
			rep.PushedOps += len(ch.Ops)
		}
	}
}

// wroteOf describes a segment about to carry changes, written after prev.
func wroteOf(me string, changes []changelog.ExportChange, prev uint64) wroteSeg {
	w := wroteSeg{Prev: prev, Own: true}
	for i, ch := range changes {
		key := ch.HLC.String() + "/" + ch.Device
		if i == 0 {
			w.From = key
		}
		w.To = key
		w.Own = w.Own && ch.Device == me
	}
	return w
}
