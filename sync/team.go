package sync

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"
	gosync "sync"
	"unicode/utf8"

	"filippo.io/age"
	"github.com/google/uuid"

	"casefile/crypto"
	"casefile/internal/confined"
	"casefile/model"
	"casefile/store"
)

// Team is this vault's membership of a team through a shared folder.
type Team struct {
	v      *store.Vault
	folder string
	id     *crypto.Identity
	me     string
}

// teamMu lets one sync or membership change run at a time in the process
// (the app's background sync and its "Sync now" each open a Team): two
// pushes must never reserve the same segment number.
var teamMu gosync.Mutex

// memberFile is members/<device>.json: public, unsigned (the fingerprint,
// compared aloud, is what makes it trusted).
type memberFile struct {
	Format   string `json:"format"`
	V        int    `json:"v"`
	Device   string `json:"device"`
	Name     string `json:"name"`
	Identity string `json:"identity"` // crypto.PublicIdentity.String()
}

const memberFormat = "casefile-sync-member"

// Open returns the team of a vault whose folder is set; ErrNoTeam if none.
func Open(v *store.Vault) (*Team, error) {
	folder, ok, err := v.Setting(SettingFolder)
	if err != nil {
		return nil, err
	}
	if !ok || len(folder) == 0 {
		return nil, ErrNoTeam
	}
	return newTeam(v, string(folder))
}

func newTeam(v *store.Vault, folder string) (*Team, error) {
	id, err := v.Identity()
	if err != nil {
		return nil, err
	}
	return &Team{v: v, folder: folder, id: id, me: v.Device()}, nil
}

// Folder is the shared folder.
func (t *Team) Folder() string { return t.folder }

// Device is this device's id.
func (t *Team) Device() string { return t.me }

// Fingerprint is this device's fingerprint, to read to the member who
// accepts it.
func (t *Team) Fingerprint() string { return t.id.Public("").Fingerprint() }

// Create starts a team in folder with this vault as its first member.
func Create(v *store.Vault, folder, name string) (*Team, error) {
	return start(v, folder, name, true)
}

// Join puts this device's public identity in the folder. A member must
// then accept it (after comparing its Fingerprint), and this device must
// accept at least one member the same way, whose team keys it then trusts.
func Join(v *store.Vault, folder, name string) (*Team, error) {
	return start(v, folder, name, false)
}

func start(v *store.Vault, folder, name string, create bool) (*Team, error) {
	if _, ok, err := v.Setting(SettingFolder); err != nil {
		return nil, err
	} else if ok {
		return nil, ErrAlreadyInTeam
	}
	if st, err := os.Stat(folder); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("%w: %s", ErrFolderUnavailable, folder)
	}
	t, err := newTeam(v, folder)
	if err != nil {
		return nil, err
	}
	d, err := t.openFolder(true)
	if err != nil {
		return nil, err
	}
	defer d.Close()
	if create {
		if entries, _ := list(d, dirMembers); len(entries) > 0 {
			return nil, ErrTeamExists
		}
	}
	for _, sub := range []string{dirMembers, dirTeam, dirLog, dirBlobs} {
		if err := d.MkdirAll(sub); err != nil {
			return nil, folderErr(sub, err)
		}
	}
	pub := t.id.Public(name)
	if err := t.writeMemberFile(d, name); err != nil {
		return nil, err
	}
	self := &memberState{Device: t.me, Name: name, Fingerprint: pub.Fingerprint(), Identity: pub,
		Status: StatusAccepted, By: t.me}
	// A new member writes every file it will ever remove from now on:
	// nothing of an older version to adopt (blobs.go).
	vals := map[string][]byte{memberKey(t.me): mustJSON(self), adoptedKey: {}}
	var ep *epochState
	if create {
		team := uuid.Must(uuid.NewV7()).String()
		if ep, err = newEpoch(team, 1, t.me, nil); err != nil {
			return nil, err
		}
		vals["team"] = teamValue(team)
		vals[epochKey(ep.Name)] = mustJSON(ep)
	}
	if err := v.SetSyncState(vals); err != nil {
		return nil, err
	}
	if ep != nil {
		if err := t.writeKey(d, ep, self); err != nil {
			return nil, err
		}
	}
	// Everything this vault holds is published once; the outbox then
	// follows each change.
	if err := v.QueueWholeLog(); err != nil {
		return nil, err
	}
	if err := v.SetSetting(SettingFolder, []byte(folder)); err != nil {
		return nil, err
	}
	return t, nil
}

func (t *Team) writeMemberFile(d *confined.Dir, name string) error {
	b, _ := json.MarshalIndent(memberFile{Format: memberFormat, V: 1, Device: t.me, Name: name,
		Identity: t.id.Public(name).String()}, "", "  ")
	return folderErr(memberName(t.me), d.WriteFile(memberName(t.me), b))
}

// readMemberFile reads and checks members/<device>.json.
func readMemberFile(d *confined.Dir, device string) (crypto.PublicIdentity, error) {
	b, _, err := readFile(d, memberName(device), maxMemberFile)
	if errors.Is(err, fs.ErrNotExist) {
		return crypto.PublicIdentity{}, ErrUnknownMember
	} else if err != nil {
		return crypto.PublicIdentity{}, err
	}
	var mf memberFile
	if json.Unmarshal(b, &mf) != nil || mf.Format != memberFormat || mf.Device != device {
		return crypto.PublicIdentity{}, ErrMalformed
	}
	p, err := crypto.ParsePublicIdentity(mf.Identity)
	if err != nil || p.Hybrid == "" || len(p.Verify) == 0 {
		return crypto.PublicIdentity{}, ErrMalformed
	}
	// The name reaches the team list, every colleague's terminal and
	// screen: refused, not cleaned, so that what is accepted is what the
	// member wrote.
	if model.HasControl(mf.Name) || utf8.RuneCountInString(mf.Name) > store.MaxNameLen {
		return crypto.PublicIdentity{}, ErrBadName
	}
	p.Name = mf.Name
	return p, nil
}

// reportedMemberError reports whether a member file that cannot be used is
// listed in the sync report (a malformed or absent one is only skipped: a
// newcomer's file may be half-copied).
func reportedMemberError(err error) bool {
	return errors.Is(err, ErrUnsafeFile) || errors.Is(err, ErrTooLarge) || errors.Is(err, ErrTooSlow) || errors.Is(err, ErrBadName)
}

func sameFingerprint(a, b string) bool {
	norm := func(s string) string { return strings.Join(strings.Fields(s), "") }
	return norm(a) != "" && norm(a) == norm(b)
}

// Member is one line of the team list.
type Member struct {
	Device      string `json:"device"`
	Name        string `json:"name"`
	Fingerprint string `json:"fingerprint"`
	Status      Status `json:"status"`
	Self        bool   `json:"self,omitempty"`
}

// Members lists the team as this device sees it: members it knows, and
// newcomers in the folder waiting to be accepted.
func (t *Team) Members() ([]Member, error) {
	s, err := loadState(t.v)
	if err != nil {
		return nil, err
	}
	d, err := t.openFolder(false)
	if err != nil {
		return nil, err
	}
	defer d.Close()
	out, _, err := t.members(d, s)
	return out, err
}

// members lists the team and the newcomers waiting, with the member files
// that could not be read safely (a link, a FIFO, too large).
func (t *Team) members(d *confined.Dir, s *state) ([]Member, []Problem, error) {
	var out []Member
	for dev, m := range s.members {
		out = append(out, Member{Device: dev, Name: m.Name, Fingerprint: m.Fingerprint, Status: m.Status, Self: dev == t.me})
	}
	entries, err := listTop(d, dirMembers)
	if err != nil {
		return nil, nil, err
	}
	var problems []Problem
	for _, e := range entries {
		dev, ok := strings.CutSuffix(e.Name(), ".json")
		if !ok || !validDevice(dev) || s.members[dev] != nil {
			continue
		}
		p, err := readMemberFile(d, dev)
		if err != nil {
			if reportedMemberError(err) {
				problems = append(problems, problem(memberName(dev), err))
			}
			continue
		}
		out = append(out, Member{Device: dev, Name: p.Name, Fingerprint: p.Fingerprint(), Status: StatusPending})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Name != out[j].Name {
			return out[i].Name < out[j].Name
		}
		return out[i].Device < out[j].Device
	})
	return out, problems, nil
}

// Accept accepts a device after its fingerprint was compared with the one
// it shows (read aloud or in person), and gives it the team key of every
// epoch this device holds. Accepting a member is also how a newcomer comes
// to trust the team keys that member writes for it.
func (t *Team) Accept(device, fingerprint string) error {
	teamMu.Lock()
	defer teamMu.Unlock()
	if device == t.me {
		return ErrSelf
	}
	s, err := loadState(t.v)
	if err != nil {
		return err
	}
	if m := s.members[device]; m != nil && m.Status == StatusRemoved {
		return ErrMemberRemoved
	}
	d, err := t.openFolder(false)
	if err != nil {
		return err
	}
	defer d.Close()
	p, err := readMemberFile(d, device)
	if err != nil {
		return err
	}
	if !sameFingerprint(fingerprint, p.Fingerprint()) {
		return ErrFingerprintMismatch
	}
	m := &memberState{Device: device, Name: p.Name, Fingerprint: p.Fingerprint(), Identity: p, Status: StatusAccepted, By: t.me}
	if err := t.v.SetSyncState(map[string][]byte{memberKey(device): mustJSON(m)}); err != nil {
		return err
	}
	s.members[device] = m
	_, err = t.distributeKeys(d, s)
	return err
}

// Remove removes a member: its segments after the last one this device
// applied are refused, and a new epoch, whose key it never gets, covers
// everything written from now on. What the member wrote before is
// published again by this device, under its own signature: from now on
// no member reads the removed one's files (it could rewrite them).
func (t *Team) Remove(device string) error {
	teamMu.Lock()
	defer teamMu.Unlock()
	if device == t.me {
		return ErrSelf
	}
	s, err := loadState(t.v)
	if err != nil {
		return err
	}
	m := s.members[device]
	if m == nil {
		return ErrUnknownMember
	}
	if m.Status == StatusRemoved {
		return nil
	}
	m.Status, m.By, m.Cutoff = StatusRemoved, t.me, 0
	for k := range s.applied {
		var seq uint64
		if d, n, _ := strings.Cut(k, "/"); d == device {
			fmt.Sscan(n, &seq)
			m.Cutoff = max(m.Cutoff, seq)
		}
	}
	if err := t.v.SetSyncState(map[string][]byte{memberKey(device): mustJSON(m)}); err != nil {
		return err
	}
	if err := t.v.QueueLogOf(device); err != nil {
		return err
	}
	if err := t.rotate(s); err != nil {
		return err
	}
	d, err := t.openFolder(false)
	if err != nil {
		return err
	}
	defer d.Close()
	_, err = t.distributeKeys(d, s)
	return err
}

// rotate starts a new epoch when the current one was given to a member
// since removed. Two members removing at the same time each start one of
// the same number; the one with the higher name is used, and since each
// excludes every removal its creator knew, any that misses one is rotated
// again by whoever notices: every member ends on an epoch that excludes
// every removal.
func (t *Team) rotate(s *state) error {
	cur := s.current()
	if cur == nil || s.team == "" {
		return nil
	}
	removed := s.removed()
	sort.Strings(removed)
	missing := false
	for _, d := range removed {
		if !contains(cur.Excludes, d) {
			missing = true
		}
	}
	if !missing {
		return nil
	}
	ep, err := newEpoch(s.team, epochNumber(cur.Name)+1, t.me, removed)
	if err != nil {
		return err
	}
	if err := t.v.SetSyncState(map[string][]byte{epochKey(ep.Name): mustJSON(ep)}); err != nil {
		return err
	}
	s.epochs[ep.Name] = ep
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// distributeKeys writes, for every epoch this device holds and every
// accepted member it excludes not, the member's key file when no member
// wrote one yet. Each file has one writer (its name says who), so no file
// is ever written by two devices. It returns the number written.
func (t *Team) distributeKeys(d *confined.Dir, s *state) (int, error) {
	n := 0
	for _, ep := range s.epochs {
		have := map[string]bool{}
		entries, err := list(d, teamDirName(ep.Name))
		if err != nil {
			return n, err
		}
		for _, e := range entries {
			if member, _, ok := parseKeyName(e.Name()); ok {
				have[member] = true
			}
		}
		for dev, m := range s.members {
			if have[dev] || m.Status != StatusAccepted || !m.known() || contains(ep.Excludes, dev) {
				continue
			}
			if err := t.writeKey(d, ep, m); err != nil {
				return n, err
			}
			n++
		}
	}
	return n, nil
}

// writeKey seals an epoch's key to a member, signed by this device.
func (t *Team) writeKey(d *confined.Dir, ep *epochState, m *memberState) error {
	r, err := age.ParseHybridRecipient(m.Identity.Hybrid)
	if err != nil {
		return fmt.Errorf("sync: member %s: %w", m.Device, err)
	}
	f := &sealedFile{Kind: kindTeamKey, Team: ep.Team, Writer: t.me, Subject: m.Device, Epoch: ep.Name}
	data, err := seal(f, ep, t.id.Signing, r)
	if err != nil {
		return err
	}
	name := keyName(ep.Name, m.Device, t.me)
	return folderErr(name, d.WriteFile(name, data))
}
