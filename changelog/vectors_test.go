package changelog

import (
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"testing"

	"casefile/model"
)

// docVector returns the JSON block that follows <!-- vector:name --> in
// docs/vault-format.md.
func docVector(t *testing.T, doc []byte, name string) []byte {
	t.Helper()
	re := regexp.MustCompile("(?s)<!-- vector:" + name + " -->\n```json\n(.*?)\n```")
	m := re.FindSubmatch(doc)
	if m == nil {
		t.Fatalf("docs/vault-format.md has no vector %q", name)
	}
	return m[1]
}

// The worked example of docs/vault-format.md is what the codecs write and
// read: a note's envelope and its creation's log entry, byte for byte.
func TestVaultFormatVectors(t *testing.T) {
	doc, err := os.ReadFile("../docs/vault-format.md")
	if err != nil {
		t.Fatal(err)
	}
	envB, chB := docVector(t, doc, "envelope"), docVector(t, doc, "change")
	const key = "01938f2e6c1a0000"
	const device = "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"
	if !bytes.Contains(doc, []byte("log/"+key+"/"+device)) {
		t.Fatal("the example's log key is not in the doc")
	}
	h, err := model.ParseHLC(key)
	if err != nil {
		t.Fatal(err)
	}

	// Decoding: the scanner reads both, as encoding/json does.
	if !CompactEnvelope(envB) || !CompactChange(chB) {
		t.Fatal("the example is not in the shape the vault writes")
	}
	var note model.Note
	env, err := DecodeEnvelope(envB, &note)
	if err != nil {
		t.Fatal(err)
	}
	var ch Change
	if err := DecodeChange(chB, &ch); err != nil {
		t.Fatal(err)
	}

	// Encoding: the note, split and diffed as new, gives the same bytes.
	fs, data, err := FieldsOf(note)
	if err != nil {
		t.Fatal(err)
	}
	ops := Diff(KindNote, note.ID, nil, nil, fs)
	if got := EncodeNewEnvelope(data, ops, h); !bytes.Equal(got, envB) {
		t.Fatalf("envelope:\n got %s\nwant %s", got, envB)
	}
	if got := EncodeEnvelope(data, fs, env.Ver); !bytes.Equal(got, envB) {
		t.Fatalf("envelope from versions:\n got %s\nwant %s", got, envB)
	}
	if got := EncodeChange(ch.Author, ops); !bytes.Equal(got, chB) {
		t.Fatalf("change:\n got %s\nwant %s", got, chB)
	}
	if m, _ := json.Marshal(ch); !bytes.Equal(m, chB) {
		t.Fatalf("json.Marshal(Change) writes another entry:\n%s", m)
	}

	// Replaying the entry gives the record, field by field and version by
	// version.
	fold := Fold{}
	fold.Add(h, device, ch.Ops)
	Compare("note/"+note.ID, env.Data, env.Ver, fold["note/"+note.ID], func(format string, a ...any) {
		t.Errorf("replay: "+format, a...)
	})

	// The entry at the top of "Change log" (an edit, with its base).
	re := regexp.MustCompile("(?s)### Change log.*?```json\n(.*?)\n```")
	m := re.FindSubmatch(doc)
	if m == nil {
		t.Fatal("no change-log example")
	}
	var edit Change
	if err := DecodeChange(m[1], &edit); err != nil || !CompactChange(m[1]) {
		t.Fatalf("%s: %v", m[1], err)
	}
	if len(edit.Ops) != 1 || edit.Ops[0].Base != 1234 || !bytes.Equal(EncodeChange(edit.Author, edit.Ops), m[1]) {
		t.Fatalf("the edit example does not round-trip: %+v", edit)
	}
}
