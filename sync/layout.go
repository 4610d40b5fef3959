package sync

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/google/uuid"
)

// Root is the folder's top directory; its name carries the layout version.
const Root = "casefile-v1"

// The folder's sub-directories (docs/sync-format.md):
//
//	members/<device>.json              public identity of a device
//	team/<epoch>/<member>.<writer>.age that epoch's team key for member, by writer
//	log/<device>/<seq>.age             a segment of that device's changes
//	blobs/<device>/…                   reserved for document bytes
const (
	dirMembers = "members"
	dirTeam    = "team"
	dirLog     = "log"
	dirBlobs   = "blobs"
)

// tempPrefix marks files being written (internal/atomicfile): never read.
const tempPrefix = ".tmp-"

type layout struct{ root string }

func newLayout(folder string) layout { return layout{filepath.Join(folder, Root)} }

func (l layout) members() string                 { return filepath.Join(l.root, dirMembers) }
func (l layout) memberFile(device string) string { return filepath.Join(l.members(), device+".json") }
func (l layout) teamDir(epoch string) string     { return filepath.Join(l.root, dirTeam, epoch) }
func (l layout) keyFile(epoch, member, writer string) string {
	return filepath.Join(l.teamDir(epoch), member+"."+writer+".age")
}
func (l layout) logDir(device string) string { return filepath.Join(l.root, dirLog, device) }
func (l layout) segment(device string, seq uint64) string {
	return filepath.Join(l.logDir(device), segmentName(seq))
}

// segmentName is the fixed-width file name of a segment, so that a
// directory listing sorts by sequence number.
func segmentName(seq uint64) string { return fmt.Sprintf("%08d.age", seq) }

var (
	segmentRe = regexp.MustCompile(`^[0-9]{8,20}\.age$`)
	epochRe   = regexp.MustCompile(`^[0-9]{6}-[0-9a-f-]{36}$`)
)

// parseSegmentName reads a segment's sequence number; ok is false for any
// other name: conflict copies ("00000003 (conflicted copy).age",
// "00000003.sync-conflict-….age", "00000003 (1).age"), temporary files and
// strangers are never read as segments.
func parseSegmentName(name string) (uint64, bool) {
	if !segmentRe.MatchString(name) {
		return 0, false
	}
	n, err := strconv.ParseUint(strings.TrimSuffix(name, ".age"), 10, 64)
	if err != nil || n == 0 || segmentName(n) != name {
		return 0, false
	}
	return n, true
}

// epochName names epoch n created by device creator; names sort by number,
// then creator (two members removing someone at the same time each start
// an epoch of the same number).
func epochName(n int, creator string) string { return fmt.Sprintf("%06d-%s", n, creator) }

func epochNumber(name string) int {
	n, _ := strconv.Atoi(name[:6])
	return n
}

func validEpoch(name string) bool {
	if !epochRe.MatchString(name) {
		return false
	}
	_, err := uuid.Parse(name[7:])
	return err == nil
}

func validDevice(id string) bool {
	u, err := uuid.Parse(id)
	return err == nil && len(id) == 36 && u.String() == id
}

// parseKeyName reads "<member>.<writer>.age".
func parseKeyName(name string) (member, writer string, ok bool) {
	base, found := strings.CutSuffix(name, ".age")
	if !found {
		return "", "", false
	}
	member, writer, ok = strings.Cut(base, ".")
	return member, writer, ok && validDevice(member) && validDevice(writer)
}

// isTemp reports a file another device is still writing.
func isTemp(name string) bool { return strings.HasPrefix(name, tempPrefix) }
