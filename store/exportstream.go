package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/dgraph-io/badger/v4"

	"casefile/model"
)

// ExportHead names one case of an export: its id and reference.
type ExportHead struct {
	ID  string
	Ref string
}

// ExportEach reads the cases (by id or reference) for a bundle in one
// consistent snapshot, as ExportCases does, and hands them over one at a
// time, so that an export of thousands of cases never holds them all:
// head is called first with every case's id and reference, in order, then
// each with each case's export, in the same order. An error from head or
// each stops the export and is returned.
//
// A case's history is read through the history index (idx/hist, one
// prefix per record, then one read per change), not by scanning the whole
// change log: the cost follows the cases exported, not the vault.
func (v *Vault) ExportEach(idsOrRefs []string, head func([]ExportHead) error, each func(*CaseExport) error) error {
	if v.isClosed() {
		return ErrClosed
	}
	return v.db.View(func(txn *badger.Txn) error {
		cases := make([]exportCase, len(idsOrRefs))
		heads := make([]ExportHead, len(idsOrRefs))
		for i, ref := range idsOrRefs {
			id := ref
			if model.ValidRef(ref) {
				b, ok, err := getRaw(txn, refIdx(ref))
				if err != nil {
					return err
				} else if !ok {
					return fmt.Errorf("%s: %w", ref, ErrNotFound)
				}
				id = string(b)
			}
			_, c, err := getRecord[model.Case](txn, KindCase, id)
			if err != nil {
				return fmt.Errorf("%s: %w", ref, err)
			}
			cases[i] = exportCase{id: c.ID, ref: c.Ref, person: c.PersonID}
			for _, r := range c.Related {
				cases[i].related = append(cases[i].related, r.PersonID)
			}
			heads[i] = ExportHead{ID: c.ID, Ref: c.Ref}
		}
		if err := head(heads); err != nil {
			return err
		}
		opts := badger.DefaultIteratorOptions
		opts.PrefetchValues = false
		opts.Prefix = []byte("idx/")
		it := txn.NewIterator(opts)
		defer it.Close()
		for i := range cases {
			ce, err := cases[i].export(txn, it)
			if err != nil {
				return err
			}
			if err := each(ce); err != nil {
				return err
			}
		}
		return nil
	})
}

// exportCase is what ExportEach keeps of a case between reading the heads
// and exporting it.
type exportCase struct {
	id, ref, person string
	related         []string
}

// seekKeys calls fn with the part after prefix of every key under prefix,
// moving the shared keys-only iterator it there.
func seekKeys(it *badger.Iterator, prefix string, fn func(rest []byte)) {
	p := []byte(prefix)
	for it.Seek(p); it.ValidForPrefix(p); it.Next() {
		fn(it.Item().Key()[len(p):])
	}
}

// export reads one case's records and their history, as ExportCases
// always has: the records in the order case, main person, related people,
// notes, events, deadlines, documents (each kind in key order), deadline
// settings; the history oldest first, each change restricted to the
// case's records.
func (c *exportCase) export(txn *badger.Txn, it *badger.Iterator) (*CaseExport, error) {
	keys := [][2]string{{KindCase, c.id}, {KindPerson, c.person}}
	for _, p := range c.related {
		keys = append(keys, [2]string{KindPerson, p})
	}
	for _, kind := range []string{KindNote, KindEvent, KindDeadline, KindDocument} {
		seekKeys(it, "idx/case/"+c.id+"/"+kind+"/", func(rest []byte) {
			keys = append(keys, [2]string{kind, string(rest)})
		})
	}
	keys = append(keys, [2]string{KindDeadlineSettings, c.id})
	ce := &CaseExport{ID: c.id, Ref: c.ref}
	recs := make(map[string]bool, len(keys))
	for _, k := range keys {
		raw, ok, err := getRaw(txn, recKey(k[0], k[1]))
		if err != nil {
			return nil, err
		}
		if !ok {
			if k[0] == KindDeadlineSettings {
				continue
			}
			return nil, fmt.Errorf("store: export %s: %s/%s: %w", c.ref, k[0], k[1], ErrNotFound)
		}
		data, ver, err := exportEnvelope(raw)
		if err != nil {
			return nil, err
		}
		ce.Records = append(ce.Records, ExportRecord{Kind: k[0], ID: k[1], Data: data, Ver: ver})
		recs[k[0]+"/"+k[1]] = true
	}
	var logKeys []string
	for _, k := range keys {
		if recs[k[0]+"/"+k[1]] {
			seekKeys(it, histPrefix(k[0], k[1]), func(rest []byte) {
				logKeys = append(logKeys, "log/"+string(rest))
			})
		}
	}
	slices.Sort(logKeys) // log keys sort by HLC, as the log does
	logKeys = slices.Compact(logKeys)
	for _, k := range logKeys {
		parts := strings.Split(k, "/")
		if len(parts) != 3 {
			continue
		}
		h, err := model.ParseHLC(parts[1])
		if err != nil {
			continue
		}
		item, err := txn.Get([]byte(k))
		if err != nil {
			return nil, fmt.Errorf("store: export %s: history names %s: %w", c.ref, k, err)
		}
		var ch Change
		if err := item.Value(func(b []byte) error { return json.Unmarshal(b, &ch) }); err != nil {
			return nil, fmt.Errorf("store: log entry %s: %w", k, err)
		}
		var ops []Op
		for _, op := range ch.Ops {
			if recs[op.Entity+"/"+op.ID] {
				ops = append(ops, op)
			}
		}
		if len(ops) > 0 {
			ce.History = append(ce.History, ExportChange{HLC: h, Device: parts[2], Author: ch.Author, Ops: ops})
		}
	}
	return ce, nil
}

// exportEnvelope returns a stored record's data and field versions. The
// envelopes this vault writes, {"v":1,"data":{…},"ver":{…}}, are split
// without a JSON decoder (the data stays as stored: whoever encodes it
// again validates it); anything else goes through decodeEnvelope.
func exportEnvelope(raw []byte) (json.RawMessage, map[string]model.HLC, error) {
	if data, ver, ok := splitEnvelope(raw); ok {
		return data, ver, nil
	}
	env, err := decodeEnvelope(raw, nil)
	if err != nil {
		return nil, nil, err
	}
	return env.Data, env.Ver, nil
}

func splitEnvelope(b []byte) (json.RawMessage, map[string]model.HLC, bool) {
	const head = `{"v":1,"data":{`
	if !bytes.HasPrefix(b, []byte(head)) {
		return nil, nil, false
	}
	start := len(head) - 1
	end := skipObject(b, start)
	if end < 0 {
		return nil, nil, false
	}
	data := json.RawMessage(b[start:end:end])
	rest := b[end:]
	if !bytes.HasPrefix(rest, []byte(`,"ver":`)) {
		return nil, nil, false
	}
	rest = rest[len(`,"ver":`):]
	if bytes.Equal(rest, []byte("null}")) {
		return data, nil, true
	}
	if len(rest) < 2 || rest[0] != '{' {
		return nil, nil, false
	}
	ver := map[string]model.HLC{}
	rest = rest[1:]
	if rest[0] == '}' {
		rest = rest[1:]
	} else {
		for {
			// "field":digits, then , or }
			if len(rest) == 0 || rest[0] != '"' {
				return nil, nil, false
			}
			q := bytes.IndexByte(rest[1:], '"')
			if q < 0 {
				return nil, nil, false
			}
			key := rest[1 : 1+q]
			if !plainKey(key) || !bytes.HasPrefix(rest[1+q:], []byte(`":`)) {
				return nil, nil, false
			}
			rest = rest[1+q+2:]
			var n uint64
			d := 0
			for d < len(rest) && rest[d] >= '0' && rest[d] <= '9' {
				if n > (1<<64-1-9)/10 {
					return nil, nil, false
				}
				n = n*10 + uint64(rest[d]-'0')
				d++
			}
			if d == 0 || d > 1 && rest[0] == '0' || d == len(rest) {
				return nil, nil, false
			}
			ver[string(key)] = model.HLC(n)
			sep := rest[d]
			rest = rest[d+1:]
			if sep == '}' {
				break
			}
			if sep != ',' {
				return nil, nil, false
			}
		}
	}
	if len(rest) != 1 || rest[0] != '}' {
		return nil, nil, false
	}
	return data, ver, true
}

// skipObject returns the end of the JSON object starting at b[i] ('{'),
// or -1. It only matches brackets outside strings; it does not validate.
func skipObject(b []byte, i int) int {
	depth := 0
	for ; i < len(b); i++ {
		switch b[i] {
		case '"':
			for i++; i < len(b) && b[i] != '"'; i++ {
				if b[i] == '\\' {
					i++
				}
			}
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return -1
}

// plainKey: printable ASCII without escapes, decoded as it is written.
func plainKey(k []byte) bool {
	for _, c := range k {
		if c < 0x20 || c >= 0x80 || c == '\\' {
			return false
		}
	}
	return true
}
