package sync

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"filippo.io/age"

	"casefile/crypto"
	"casefile/store"
)

// What this device knows about the team lives in the vault, under
// meta/sync/ (store.Vault.SyncState), never in the folder:
//
//	meta/sync/team                  {"id": team id} once known
//	meta/sync/member/<device>       a member: identity, status, who accepted it
//	meta/sync/epoch/<epoch>         an epoch's team key (secret) and who it excludes
//	meta/sync/seq                   last segment number this device reserved
//	meta/sync/applied/<device>/<seq> that segment is applied here: its content hash (appliedRec)
//	meta/sync/wrote/seg/<seq>       a segment this device wrote: what it carried (wroteSeg)
//	meta/sync/wrote/blob/<doc id>   empty: a blob this device wrote (the only ones it removes)
//	meta/sync/wrote/adopted         blobs written before wrote/blob/ existed are recorded
//	meta/sync/roster                hash of the roster last published
//	meta/sync/last                  the last sync's report (no personal data)
//	meta/settings/sync-folder       the shared folder (a device setting)

// SettingFolder is the vault setting that remembers the shared folder.
const SettingFolder = "sync-folder"

// Status is a member's standing as this device sees it.
type Status string

const (
	// StatusPending: its file is in members/, nobody this device trusts
	// has accepted it; it gets nothing.
	StatusPending Status = "pending"
	// StatusAccepted: accepted here after comparing its fingerprint, or
	// announced by an accepted member.
	StatusAccepted Status = "accepted"
	// StatusRemoved: removed; a new epoch keeps it out of what follows.
	StatusRemoved Status = "removed"
)

// memberState is meta/sync/member/<device>.
type memberState struct {
	Device      string                `json:"device"`
	Name        string                `json:"name"`
	Fingerprint string                `json:"fingerprint"`
	Identity    crypto.PublicIdentity `json:"identity,omitzero"`
	Status      Status                `json:"status"`
	By          string                `json:"by,omitempty"` // device that accepted (or removed) it
	// Cutoff: for a removed member, the last of its segments still
	// applied; later ones are refused.
	Cutoff uint64 `json:"cutoff,omitempty"`
}

func (m *memberState) known() bool { return len(m.Identity.Verify) > 0 }

// epochState is meta/sync/epoch/<name>, and the body of a team key file.
type epochState struct {
	Team     string   `json:"team"`
	Name     string   `json:"epoch"`
	Excludes []string `json:"excludes,omitempty"` // removed when it was created
	Secret   string   `json:"secret"`             // AGE-SECRET-KEY-PQ-1…
}

func (e *epochState) identity() (*age.HybridIdentity, error) {
	id, err := age.ParseHybridIdentity(e.Secret)
	if err != nil {
		return nil, fmt.Errorf("sync: epoch %s: %w", e.Name, err)
	}
	return id, nil
}

func newEpoch(team string, n int, creator string, excludes []string) (*epochState, error) {
	id, err := age.GenerateHybridIdentity()
	if err != nil {
		return nil, fmt.Errorf("sync: new epoch: %w", err)
	}
	return &epochState{Team: team, Name: epochName(n, creator), Excludes: excludes, Secret: id.String()}, nil
}

// appliedRec is meta/sync/applied/<device>/<seq>: the segment applied
// here, by content (docs/sync-format.md, "Pull and merge"). A version
// before this one wrote an empty value: Hash is then "" until the next
// sync reads the file again (unknownHash when it cannot).
type appliedRec struct {
	// Hash is the hex SHA-256 of what the writer signed (header and
	// body): a different file under the same name has another.
	Hash string `json:"h"`
	// Prev is the writer's previous segment, as the segment says.
	Prev uint64 `json:"p,omitempty"`
	// Size and MTime describe the file when it was read: a change tells
	// a sync to read it again and compare.
	Size  int64 `json:"n,omitempty"`
	MTime int64 `json:"t,omitempty"`
}

// unknownHash marks an old record whose file could not be read again.
const unknownHash = "?"

// wroteSeg is meta/sync/wrote/seg/<seq>: a segment this device wrote, so
// that it can write it again if the folder loses it (republish.go).
type wroteSeg struct {
	// Prev is the segment this device wrote before it (0: none).
	Prev uint64 `json:"p,omitempty"`
	// From and To are the log keys ("<hlc>/<device>") of its first and
	// last entries; Own says they were all this device's.
	From string `json:"from,omitempty"`
	To   string `json:"to,omitempty"`
	Own  bool   `json:"own,omitempty"`
}

// state is everything meta/sync/ holds, read at the start of an operation.
type state struct {
	team    string
	members map[string]*memberState
	epochs  map[string]*epochState
	applied map[string]appliedRec // "<device>/<seq>"
	seq     uint64
	roster  string
	// wrote: segments this device wrote (by number) and blobs (by
	// document id); adopted: blobs of an older version are recorded.
	wrote     map[uint64]wroteSeg
	wroteBlob map[string]bool
	adopted   bool
	// idNames and ids cache the parsed epoch identities (parsing a
	// post-quantum key costs a key generation); nil after epochs change.
	idNames []string
	ids     []age.Identity
}

func loadState(v *store.Vault) (*state, error) {
	s := &state{members: map[string]*memberState{}, epochs: map[string]*epochState{}, applied: map[string]appliedRec{},
		wrote: map[uint64]wroteSeg{}, wroteBlob: map[string]bool{}}
	err := v.ScanSyncState("", func(name string, val []byte) error {
		kind, rest, _ := strings.Cut(name, "/")
		var err error
		switch kind {
		case "team":
			var t struct {
				ID string `json:"id"`
			}
			err = json.Unmarshal(val, &t)
			s.team = t.ID
		case "member":
			m := &memberState{}
			if err = json.Unmarshal(val, m); err == nil {
				s.members[rest] = m
			}
		case "epoch":
			e := &epochState{}
			if err = json.Unmarshal(val, e); err == nil {
				s.epochs[rest] = e
			}
		case "applied":
			var r appliedRec
			if len(val) > 0 {
				err = json.Unmarshal(val, &r)
			}
			s.applied[rest] = r
		case "wrote":
			what, name, _ := strings.Cut(rest, "/")
			switch what {
			case "seg":
				var w wroteSeg
				var seq uint64
				if _, err = fmt.Sscan(name, &seq); err == nil {
					err = json.Unmarshal(val, &w)
					s.wrote[seq] = w
				}
			case "blob":
				s.wroteBlob[name] = true
			case "adopted":
				s.adopted = true
			}
		case "seq":
			_, err = fmt.Sscan(string(val), &s.seq)
		case "roster":
			s.roster = string(val)
		}
		if err != nil {
			return fmt.Errorf("sync: state %s: %w", name, err)
		}
		return nil
	})
	return s, err
}

func memberKey(device string) string               { return "member/" + device }
func epochKey(name string) string                  { return "epoch/" + name }
func appliedName(device string, seq uint64) string { return fmt.Sprintf("%s/%08d", device, seq) }
func appliedKey(device string, seq uint64) string  { return "applied/" + appliedName(device, seq) }
func wroteSegKey(seq uint64) string                { return fmt.Sprintf("wrote/seg/%08d", seq) }
func wroteBlobKey(docID string) string             { return "wrote/blob/" + docID }

const adoptedKey = "wrote/adopted"

// lastWrote is the highest segment number this device recorded writing.
func (s *state) lastWrote() uint64 {
	var last uint64
	for seq := range s.wrote {
		last = max(last, seq)
	}
	return last
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only plain structs are encoded here
	}
	return b
}

func teamValue(id string) []byte { return mustJSON(map[string]string{"id": id}) }

// current is the epoch this device writes under: the highest it holds.
func (s *state) current() *epochState {
	var best *epochState
	for name, e := range s.epochs {
		if best == nil || name > best.Name {
			best = e
		}
	}
	return best
}

// removed lists the members known to be removed.
func (s *state) removed() []string {
	var out []string
	for d, m := range s.members {
		if m.Status == StatusRemoved {
			out = append(out, d)
		}
	}
	return out
}

// trusted returns the member whose files this device accepts: accepted,
// with a known identity.
func (s *state) trusted(device string) (*memberState, bool) {
	m, ok := s.members[device]
	return m, ok && m.known() && m.Status == StatusAccepted
}

// ageIdentities are the epoch identities, newest first, with their names.
func (s *state) ageIdentities() ([]string, []age.Identity, error) {
	if len(s.ids) == len(s.epochs) && s.ids != nil {
		return s.idNames, s.ids, nil
	}
	var names []string
	for n := range s.epochs {
		names = append(names, n)
	}
	sortDesc(names)
	ids := make([]age.Identity, len(names))
	for i, n := range names {
		id, err := s.epochs[n].identity()
		if err != nil {
			return nil, nil, err
		}
		ids[i] = id
	}
	s.idNames, s.ids = names, ids
	return names, ids, nil
}

// openSealed decrypts a sealed file with the epoch keys, newest first,
// and names the epoch whose key opened it.
func (s *state) openSealed(data []byte) (*sealedFile, string, error) {
	names, ids, err := s.ageIdentities()
	if err != nil {
		return nil, "", err
	}
	for i, id := range ids {
		f, err := open(data, id)
		if !errors.Is(err, ErrUnreadable) {
			return f, names[i], err
		}
	}
	return nil, "", ErrUnreadable
}

func sortDesc(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] > s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// Errors the faces branch on.
var (
	// ErrNoTeam: this vault is in no team (no folder set).
	ErrNoTeam = errors.New("this vault is not in a team: create or join one")
	// ErrAlreadyInTeam: create or join on a vault already in a team.
	ErrAlreadyInTeam = errors.New("this vault is already in a team")
	// ErrFolderUnavailable: the shared folder cannot be reached.
	ErrFolderUnavailable = errors.New("the shared folder cannot be reached")
	// ErrTeamExists: create in a folder that already holds a team.
	ErrTeamExists = errors.New("the folder already holds a team: join it instead")
	// ErrFingerprintMismatch: the fingerprint given is not the member's.
	ErrFingerprintMismatch = errors.New("the fingerprint does not match that member's key")
	// ErrUnknownMember: no such device in the folder or the team.
	ErrUnknownMember = errors.New("no such member")
	// ErrMemberRemoved: a removed member cannot come back under the same
	// device id; it joins again as a new device.
	ErrMemberRemoved = errors.New("that member was removed; it must join again as a new device")
	// ErrNotAccepted: no member has given this device the team key yet.
	ErrNotAccepted = errors.New("this device has not been accepted into the team yet")
	// ErrSelf: a device cannot accept or remove itself.
	ErrSelf = errors.New("that is this device")
)
