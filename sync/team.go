package sync

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	gosync "sync"

	"filippo.io/age"
	"github.com/google/uuid"

	"casefile/crypto"
	"casefile/internal/atomicfile"
	"casefile/store"
)

// Team is this vault's membership of a team through a shared folder.
type Team struct {
	v      *store.Vault
	folder string
	l      layout
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
	return &Team{v: v, folder: folder, l: newLayout(folder), id: id, me: v.Device()}, nil
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
	if create {
		if entries, _ := os.ReadDir(t.l.members()); len(entries) > 0 {
			return nil, ErrTeamExists
		}
	}
	for _, d := range []string{dirMembers, dirTeam, dirLog, dirBlobs} {
		if err := os.MkdirAll(filepath.Join(t.l.root, d), 0o755); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrFolderUnavailable, err)
		}
	}
	pub := t.id.Public(name)
	if err := t.writeMemberFile(name); err != nil {
		return nil, err
	}
	self := &memberState{Device: t.me, Name: name, Fingerprint: pub.Fingerprint(), Identity: pub,
		Status: StatusAccepted, By: t.me}
	vals := map[string][]byte{memberKey(t.me): mustJSON(self)}
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
		if err := t.writeKey(ep, self); err != nil {
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

func (t *Team) writeMemberFile(name string) error {
	b, _ := json.MarshalIndent(memberFile{Format: memberFormat, V: 1, Device: t.me, Name: name,
		Identity: t.id.Public(name).String()}, "", "  ")
	if err := atomicfile.Write(t.l.memberFile(t.me), b, 0o644); err != nil {
		return fmt.Errorf("%w: %v", ErrFolderUnavailable, err)
	}
	return nil
}

// readMemberFile reads and checks members/<device>.json.
func (t *Team) readMemberFile(device string) (crypto.PublicIdentity, error) {
	b, err := os.ReadFile(t.l.memberFile(device))
	if errors.Is(err, fs.ErrNotExist) {
		return crypto.PublicIdentity{}, ErrUnknownMember
	} else if err != nil {
		return crypto.PublicIdentity{}, fmt.Errorf("%w: %v", ErrFolderUnavailable, err)
	}
	var mf memberFile
	if len(b) > 64<<10 || json.Unmarshal(b, &mf) != nil || mf.Format != memberFormat || mf.Device != device {
		return crypto.PublicIdentity{}, ErrMalformed
	}
	p, err := crypto.ParsePublicIdentity(mf.Identity)
	if err != nil || p.Hybrid == "" || len(p.Verify) == 0 {
		return crypto.PublicIdentity{}, ErrMalformed
	}
	p.Name = mf.Name
	return p, nil
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
	var out []Member
	for d, m := range s.members {
		out = append(out, Member{Device: d, Name: m.Name, Fingerprint: m.Fingerprint, Status: m.Status, Self: d == t.me})
	}
	entries, err := os.ReadDir(t.l.members())
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFolderUnavailable, err)
	}
	for _, e := range entries {
		d, ok := strings.CutSuffix(e.Name(), ".json")
		if !ok || !validDevice(d) || s.members[d] != nil {
			continue
		}
		p, err := t.readMemberFile(d)
		if err != nil {
			continue
		}
		out = append(out, Member{Device: d, Name: p.Name, Fingerprint: p.Fingerprint(), Status: StatusPending})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Name != out[j].Name {
			return out[i].Name < out[j].Name
		}
		return out[i].Device < out[j].Device
	})
	return out, nil
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
	p, err := t.readMemberFile(device)
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
	_, err = t.distributeKeys(s)
	return err
}

// Remove removes a member: its segments after the last one this device
// applied are refused, and a new epoch, whose key it never gets, covers
// everything written from now on.
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
	if err := t.rotate(s); err != nil {
		return err
	}
	_, err = t.distributeKeys(s)
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
func (t *Team) distributeKeys(s *state) (int, error) {
	n := 0
	for _, ep := range s.epochs {
		have := map[string]bool{}
		entries, err := os.ReadDir(t.l.teamDir(ep.Name))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return n, fmt.Errorf("%w: %v", ErrFolderUnavailable, err)
		}
		for _, e := range entries {
			if member, _, ok := parseKeyName(e.Name()); ok {
				have[member] = true
			}
		}
		for d, m := range s.members {
			if have[d] || m.Status != StatusAccepted || !m.known() || contains(ep.Excludes, d) {
				continue
			}
			if err := t.writeKey(ep, m); err != nil {
				return n, err
			}
			n++
		}
	}
	return n, nil
}

// writeKey seals an epoch's key to a member, signed by this device.
func (t *Team) writeKey(ep *epochState, m *memberState) error {
	r, err := age.ParseHybridRecipient(m.Identity.Hybrid)
	if err != nil {
		return fmt.Errorf("sync: member %s: %w", m.Device, err)
	}
	f := &sealedFile{Kind: kindTeamKey, Team: ep.Team, Writer: t.me, Subject: m.Device, Epoch: ep.Name}
	data, err := seal(f, ep, t.id.Signing, r)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(t.l.teamDir(ep.Name), 0o755); err != nil {
		return fmt.Errorf("%w: %v", ErrFolderUnavailable, err)
	}
	if err := atomicfile.Write(t.l.keyFile(ep.Name, m.Device, t.me), data, 0o644); err != nil {
		return fmt.Errorf("%w: %v", ErrFolderUnavailable, err)
	}
	return nil
}
