// Package version says which Casefile this is: the release version and
// build date that release builds stamp into the binary, the commit Go
// records, and how old the rules a build carries are.
//
// Release builds set the variables with the linker (scripts/release.sh,
// scripts/build-windows.sh):
//
//	go build -ldflags "-X casefile/internal/version.Version=0.2.0 -X casefile/internal/version.BuildDate=2026-12-07 -X casefile/internal/version.Commit=8aa2e23c1f0b"
package version

import (
	"runtime/debug"
	"time"
)

// Stamped by release builds; a plain `go build` leaves them as they are.
var (
	Version   = "dev" // FyneApp.toml's Version in a release
	BuildDate = ""    // YYYY-MM-DD, UTC
	Commit    = ""    // the commit built, when Go records none (-buildvcs=false)
)

// Info is what `casefile version` and the About screen show.
type Info struct {
	Version string
	// Built is the build date: the stamped one, else the date of the
	// commit built (Go records it from git), else zero.
	Built time.Time
	// Commit is the first 12 hex digits of the commit built, "" when Go
	// recorded none; Modified when the work tree had changes.
	Commit   string
	Modified bool
	Go       string // toolchain version
}

// Get reads the stamped variables and the build information Go embeds.
func Get() Info {
	info := Info{Version: Version, Commit: Commit[:min(12, len(Commit))]}
	if d, err := time.Parse(time.DateOnly, BuildDate); err == nil {
		info.Built = d
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return info
	}
	info.Go = bi.GoVersion
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			info.Commit = s.Value[:min(12, len(s.Value))]
		case "vcs.time":
			if t, err := time.Parse(time.RFC3339, s.Value); err == nil && info.Built.IsZero() {
				info.Built = t.UTC()
			}
		case "vcs.modified":
			info.Modified = s.Value == "true"
		}
	}
	return info
}

// RulesStaleAfter is how many months after the law-as-of date of the rules
// a build carries the faces start telling the user to check for an update.
// French procedural rules change a few times a year (a law, its decrees, a
// Conseil d'État decision); six months leaves a clinic time to update
// without crying wolf.
const RulesStaleAfter = 6

// RulesAge is the number of whole months from lawAsOf to today (0 when
// today is earlier): how old the law a build's rules state is. The check
// runs offline, from the date the rules carry and the computer's clock.
func RulesAge(lawAsOf, today time.Time) int {
	y1, m1, d1 := lawAsOf.Date()
	y2, m2, d2 := today.Date()
	months := (y2-y1)*12 + int(m2-m1)
	if d2 < d1 {
		months--
	}
	return max(months, 0)
}

// RulesStale reports whether rules of that age call for an update.
func RulesStale(months int) bool { return months >= RulesStaleAfter }
