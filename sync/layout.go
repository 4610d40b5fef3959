package sync

import (
	"fmt"
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
//	blobs/<device>/<document id>.age   a document's bytes (blobs.go)
const (
	dirMembers = "members"
	dirTeam    = "team"
	dirLog     = "log"
	dirBlobs   = "blobs"
)

// tempPrefix marks files being written (internal/confined, as
// internal/atomicfile): never read.
const tempPrefix = ".tmp-"

// Names of the folder's files, relative to <folder>/casefile-v1 with
// forward slashes: every file operation goes through internal/confined
// with one of them (folder.go), never through a path joined by hand.
func memberName(device string) string { return dirMembers + "/" + device + ".json" }
func teamDirName(epoch string) string { return dirTeam + "/" + epoch }
func keyName(epoch, member, writer string) string {
	return teamDirName(epoch) + "/" + member + "." + writer + ".age"
}
func logDirName(device string) string { return dirLog + "/" + device }
func segmentPath(device string, seq uint64) string {
	return logDirName(device) + "/" + segmentName(seq)
}
func blobDirName(device string) string { return dirBlobs + "/" + device }
func blobName(device, docID string) string {
	return blobDirName(device) + "/" + docID + ".age"
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
