package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"casefile/store"
	"casefile/sync"
)

func TestTeamAndSyncCommands(t *testing.T) {
	folder := t.TempDir()
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	for _, v := range []string{a, b} {
		if _, stderr, code := run(t, passEnv(), "", "--vault", v, "init"); code != 0 {
			t.Fatalf("init: %d %s", code, stderr)
		}
	}
	cmd := func(vault string, want int, args ...string) string {
		t.Helper()
		out, stderr, code := run(t, passEnv(), "", append([]string{"--vault", vault}, args...)...)
		if code != want {
			t.Fatalf("%v: exit %d, want %d: %s", args, code, want, stderr)
		}
		return out + stderr
	}
	if out := cmd(a, ExitError, "sync"); !strings.Contains(out, "team") {
		t.Fatalf("sync outside a team says: %s", out)
	}
	cmd(a, ExitOK, "demo", "--cases", "3")
	cmd(a, ExitOK, "team", "create", "--folder", folder, "--name", "Me Claire Fontaine")
	if out := cmd(b, ExitOK, "team", "join", "--folder", folder, "--name", "Me Jules Martin"); !strings.Contains(out, "Asked to join the team") {
		t.Fatalf("team join says: %s", out)
	}

	list := func(vault string) []sync.Member {
		var ms []sync.Member
		if err := json.Unmarshal([]byte(cmd(vault, ExitOK, "team", "list", "--json")), &ms); err != nil {
			t.Fatal(err)
		}
		return ms
	}
	var self, other sync.Member
	for _, m := range list(a) {
		if m.Self {
			self = m
		} else {
			other = m
		}
	}
	if other.Status != sync.StatusPending || self.Status != sync.StatusAccepted {
		t.Fatalf("list before accepting: %+v %+v", self, other)
	}
	if out := cmd(a, ExitError, "team", "accept", other.Device, "--fingerprint", self.Fingerprint); !strings.Contains(out, "fingerprint") {
		t.Fatalf("wrong fingerprint accepted or badly reported: %s", out)
	}
	cmd(a, ExitOK, "team", "accept", other.Device, "--fingerprint", other.Fingerprint)
	cmd(b, ExitOK, "team", "accept", self.Device, "--fingerprint", self.Fingerprint)
	cmd(a, ExitOK, "sync")
	var rep sync.Report
	if err := json.Unmarshal([]byte(cmd(b, ExitOK, "sync", "--json")), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Applied == 0 || rep.Waiting {
		t.Fatalf("b's sync: %+v", rep)
	}
	var rows []struct{ Ref string }
	if err := json.Unmarshal([]byte(cmd(b, ExitOK, "case", "list", "--json")), &rows); err != nil || len(rows) != 3 {
		t.Fatalf("b holds %d of a's 3 cases (%v)", len(rows), err)
	}
	cmd(b, ExitOK, "check")

	// Both edit the same field before syncing: a collision to review,
	// resolved from the command line. The values are ones the demo
	// generator never produces: an edit to the value a case already holds
	// is no change, and there would be nothing to collide.
	ref := rows[0].Ref
	cmd(a, ExitOK, "case", "set", ref, "prefecture=Préfecture A (test)")
	cmd(b, ExitOK, "case", "set", ref, "prefecture=Préfecture B (test)")
	cmd(a, ExitOK, "sync")
	cmd(b, ExitOK, "sync")
	var q []store.QueuedCollision
	if err := json.Unmarshal([]byte(cmd(b, ExitOK, "collisions", "--json")), &q); err != nil || len(q) != 1 {
		t.Fatalf("collisions on b: %d (%v)", len(q), err)
	}
	c := q[0]
	cmd(b, ExitOK, "collisions", "resolve", c.Kind+"/"+c.ID+"/"+c.Field, "--take", c.LostHLC.String())
	if out := cmd(b, ExitOK, "collisions"); !strings.Contains(out, "No collision") {
		t.Fatalf("after resolving: %s", out)
	}
	cmd(b, ExitOK, "check")
	cmd(a, ExitOK, "team", "remove", other.Device)
	if out := cmd(a, ExitOK, "team", "list"); !strings.Contains(out, "removed") {
		t.Fatalf("list after remove: %s", out)
	}
}

// Every reason a sync can give for a skipped file has a sentence in both
// languages.
func TestEverySyncReasonIsTranslated(t *testing.T) {
	for _, lang := range []string{"en", "fr"} {
		raw, err := os.ReadFile(filepath.Join("..", "i18n", "translations", "sync."+lang+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var keys map[string]string
		if err := json.Unmarshal(raw, &keys); err != nil {
			t.Fatal(err)
		}
		for _, code := range sync.ProblemCodes() {
			if keys["sync.reason."+code] == "" {
				t.Errorf("%s: no sentence for sync.reason.%s", lang, code)
			}
		}
		for _, k := range syncErrorKeys {
			if keys[k.key] == "" {
				t.Errorf("%s: no sentence for %s", lang, k.key)
			}
		}
	}
}
