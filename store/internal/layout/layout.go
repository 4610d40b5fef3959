// Package layout is the vault's key layout: every key the store writes or
// scans is built here, from the prefixes below, and nowhere else (a test of
// package store parses its files and fails on a key literal outside this
// package). The layout is documented in docs/vault-format.md ("Keys"),
// which layout_test.go reads back.
//
// Keys are paths of '/'-separated parts; ids never hold '/', so that a
// prefix ending in '/' selects exactly one parent's children. Clock values
// are 16 fixed-width hex digits (model.HLC.String), dates yyyymmdd, so
// that keys sort by time.
package layout

import (
	"fmt"
	"strconv"
	"strings"

	"casefile/model"
)

// Top-level prefixes.
const (
	Rec   = "rec/"   // rec/<kind>/<id>: record envelopes
	Idx   = "idx/"   // indexes, rebuilt from the records
	Log   = "log/"   // log/<hlc>/<device>: the change log
	Doc   = "doc/"   // doc/<id>/<n>: document chunks
	Meta  = "meta/"  // this vault's own state
	Stage = "stage/" // stage/undo/…: undo entries of an atomic change
)

// Index prefixes.
const (
	IdxRef     = "idx/ref/"     // idx/ref/<ref> = case id
	IdxPerson  = "idx/person/"  // idx/person/<person>/case/<case>
	IdxCase    = "idx/case/"    // idx/case/<case>/<kind>/<id>
	IdxDue     = "idx/due/"     // idx/due/<yyyymmdd>/<deadline>
	IdxList    = "idx/list/"    // idx/list/<case> = case-list row
	IdxHist    = "idx/hist/"    // idx/hist/<kind>/<id>/<hlc>/<device>
	IdxNoOwner = "idx/noowner/" // idx/noowner/<yyyymmdd>/<deadline>
	IdxTimed   = "idx/timed/"   // idx/timed/<yyyymmdd>/<deadline>
	IdxOpenDL  = "idx/opendl/"  // idx/opendl/<case> = open deadlines
	IdxIdle    = "idx/idle/"    // idx/idle/<case>
)

// Meta prefixes and keys.
const (
	Format               = "meta/format"
	Device               = "meta/device"
	DevCode              = "meta/devcode"
	RefSeq               = "meta/refseq/" // meta/refseq/<code>/<year>
	Settings             = "meta/settings/"
	Author               = "meta/settings/author"
	Draft                = "meta/draft/" // meta/draft/<case>|new
	DocPending           = "meta/docpending/"
	HistIndex            = "meta/histindex"
	ReviewIndex          = "meta/index/review"
	Erasing              = "meta/erasing/" // meta/erasing/<case>
	ErasureCompact       = "meta/erasure-compact"
	Atomic               = "meta/atomic/" // meta/atomic/<op>
	Undo                 = "stage/undo/"  // stage/undo/<op>/<seq>
	Identity             = "meta/identity"
	Contact              = "meta/contact/" // meta/contact/<fingerprint>
	BackupLast           = "meta/backup/last"
	Recompute            = "meta/deadlines/recompute"
	MigratedMalfunctions = "meta/migrated/malfunctions"
	Sync                 = "meta/sync/"      // meta/sync/<name>: sync state
	SyncOut              = "meta/sync/out/"  // meta/sync/out/<hlc>/<device>: outbox
	SyncHeld             = "meta/sync/held/" // meta/sync/held/<kind>/<id>
	SyncScrub            = "scrub/"          // meta/sync/scrub/<case>, as a sync-state name
)

// RecPrefix selects the records of a kind.
func RecPrefix(kind string) string { return Rec + kind + "/" }

// RecKey is a record's key.
func RecKey(kind, id string) []byte { return []byte(Rec + kind + "/" + id) }

// LogKey is a change-log entry's key.
func LogKey(h model.HLC, device string) []byte { return []byte(Log + h.String() + "/" + device) }

// LogAt selects the change-log entries of one clock value.
func LogAt(h model.HLC) string { return Log + h.String() + "/" }

// ParseLogKey returns the clock and device a change-log key names; ok is
// false when the key is not one LogKey writes.
func ParseLogKey(k string) (h model.HLC, device string, ok bool) {
	parts := strings.Split(k, "/")
	if len(parts) != 3 {
		return 0, "", false
	}
	h, err := model.ParseHLC(parts[1])
	if err != nil {
		return 0, "", false
	}
	return h, parts[2], true
}

// RefKey is the reference index entry of a case.
func RefKey(ref string) []byte { return []byte(IdxRef + ref) }

// PersonCasePrefix selects the cases a person is in.
func PersonCasePrefix(personID string) string { return IdxPerson + personID + "/case/" }

// PersonCaseKey records that a person is in a case.
func PersonCaseKey(personID, caseID string) []byte {
	return []byte(PersonCasePrefix(personID) + caseID)
}

// CasePrefix selects everything a case's index holds (its children of
// every kind, kinds sorting by name).
func CasePrefix(caseID string) string { return IdxCase + caseID + "/" }

// CaseChildPrefix selects a case's children of one kind.
func CaseChildPrefix(caseID, kind string) string { return IdxCase + caseID + "/" + kind + "/" }

// CaseChildKey is the index entry of a case's child record.
func CaseChildKey(caseID, kind, id string) []byte {
	return []byte(CaseChildPrefix(caseID, kind) + id)
}

// Day is a date as keys hold it: yyyymmdd.
func Day(d model.Date) string { return fmt.Sprintf("%04d%02d%02d", d.Year, int(d.Month), d.Day) }

// DueKey is an open deadline's entry in the due-date index.
func DueKey(d model.Date, id string) []byte { return []byte(IdxDue + Day(d) + "/" + id) }

// ListKey is a case's case-list row.
func ListKey(caseID string) []byte { return []byte(IdxList + caseID) }

// HistPrefix selects a record's history index entries.
func HistPrefix(kind, id string) string { return IdxHist + kind + "/" + id + "/" }

// HistKey is one entry of a record's history index.
func HistKey(kind, id string, h model.HLC, device string) []byte {
	return []byte(HistPrefix(kind, id) + h.String() + "/" + device)
}

// NoOwnerKey, TimedKey: the weekly review's per-day deadline indexes.
func NoOwnerKey(day, id string) []byte { return []byte(IdxNoOwner + day + "/" + id) }

// TimedKey is a deadline with a time of day, by day.
func TimedKey(day, id string) []byte { return []byte(IdxTimed + day + "/" + id) }

// IdleKey marks a case without activity.
func IdleKey(caseID string) []byte { return []byte(IdxIdle + caseID) }

// OpenCountKey holds a case's count of open deadlines.
func OpenCountKey(caseID string) []byte { return []byte(IdxOpenDL + caseID) }

// RefSeqKey is a device's last reference number of a year.
func RefSeqKey(year int, code string) []byte {
	return []byte(RefSeq + code + "/" + strconv.Itoa(year))
}

// SettingKey is a local setting's key.
func SettingKey(name string) []byte { return []byte(Settings + name) }

// DraftKey is a case form's draft ("new" for a case not created yet).
func DraftKey(caseID string) []byte { return []byte(Draft + caseID) }

// ChunkPrefix selects a document's chunks.
func ChunkPrefix(docID string) string { return Doc + docID + "/" }

// ChunkKey is a document's chunk n (8 hex digits: chunks sort in order).
func ChunkKey(docID string, n int) []byte {
	return []byte(fmt.Sprintf("%s%08x", ChunkPrefix(docID), n))
}

// PendingDocKey marks a document whose chunks are being written.
func PendingDocKey(docID string) []byte { return []byte(DocPending + docID) }

// ErasingKey holds the plan of an erasure in progress.
func ErasingKey(caseID string) []byte { return []byte(Erasing + caseID) }

// AtomicKey is the journal marker of an atomic change.
func AtomicKey(op string) []byte { return []byte(Atomic + op) }

// UndoPrefix selects an atomic change's undo entries.
func UndoPrefix(op string) string { return Undo + op + "/" }

// UndoKey is an atomic change's undo entry seq (6 digits, from 1).
func UndoKey(op string, seq int) []byte { return []byte(fmt.Sprintf("%s%06d", UndoPrefix(op), seq)) }

// ContactKey is a colleague's key, by fingerprint (spaces removed).
func ContactKey(fp string) []byte { return []byte(Contact + strings.ReplaceAll(fp, " ", "")) }

// SyncKey is a sync-state entry (meta/sync/<name>).
func SyncKey(name string) []byte { return []byte(Sync + name) }

// OutboxKey queues a change-log entry for publication.
func OutboxKey(h model.HLC, device string) []byte {
	return []byte(SyncOut + h.String() + "/" + device)
}

// OutboxOf is the outbox key of the log entry whose key is logKey.
func OutboxOf(logKey []byte) []byte {
	return append([]byte(SyncOut), logKey[len(Log):]...)
}

// HeldPrefix selects the records held back of a kind ("" for all).
func HeldPrefix(kind string) string {
	if kind == "" {
		return SyncHeld
	}
	return SyncHeld + kind + "/"
}

// HeldKey marks a record held back until the operations it needs arrive.
func HeldKey(kind, id string) []byte { return []byte(SyncHeld + kind + "/" + id) }

// ScrubKey names a case whose segments must still be cleaned.
func ScrubKey(caseID string) []byte { return []byte(Sync + SyncScrub + caseID) }

// DuePrefix selects the due-date index entries of one day (yyyymmdd).
func DuePrefix(day string) string { return IdxDue + day + "/" }

// DueEnd is past every due-date index entry of day: a range's end.
func DueEnd(day string) string { return IdxDue + day + "/\xff" }

// TimedPrefix selects the timed deadlines of one day.
func TimedPrefix(day string) string { return IdxTimed + day + "/" }

// PersonPrefix selects everything the index holds of a person.
func PersonPrefix(personID string) string { return IdxPerson + personID + "/" }

// HistKindPrefix selects the history index entries of a kind's records.
func HistKindPrefix(kind string) string { return IdxHist + kind + "/" }

// ParseCaseChild returns the case, kind and id an idx/case/ key names; ok
// is false for any other shape.
func ParseCaseChild(k []byte) (caseID, kind, id string, ok bool) {
	parts := strings.Split(string(k), "/")
	if len(parts) != 5 || parts[0]+"/"+parts[1]+"/" != IdxCase {
		return "", "", "", false
	}
	return parts[2], parts[3], parts[4], true
}

// ParsePersonCase returns the person and case an idx/person/ key names;
// ok is false for any other shape.
func ParsePersonCase(k []byte) (personID, caseID string, ok bool) {
	parts := strings.Split(string(k), "/")
	if len(parts) != 5 || parts[0]+"/"+parts[1]+"/" != IdxPerson || parts[3] != "case" {
		return "", "", false
	}
	return parts[2], parts[4], true
}
