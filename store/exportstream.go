package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"unicode/utf8"

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
			id, err := caseIDIn(txn, ref)
			if err != nil {
				return fmt.Errorf("%s: %w", ref, err)
			}
			c, _, err := readCaseHead(txn, id, false)
			if err != nil {
				return fmt.Errorf("%s: %w", ref, err)
			}
			cases[i] = exportCase{id: c.ID, ref: c.Ref}
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

// caseHead is the part of a case record an export needs first.
type caseHead struct {
	ID       string `json:"id"`
	Ref      string `json:"ref"`
	PersonID string `json:"person_id"`
	Related  []struct {
		PersonID string `json:"person_id"`
	} `json:"related"`
}

// readCaseHead reads a case record's id and reference and, with people,
// its main and related people, without decoding the rest of it into a
// model.Case; it returns the stored record too. Without people, a record
// as the vault writes it ({"id":…,"ref":…,…}) is not decoded at all:
// the heads of an export are read before anything else can start.
func readCaseHead(txn *badger.Txn, id string, people bool) (*caseHead, []byte, error) {
	raw, ok, err := getRaw(txn, recKey(KindCase, id))
	if err != nil {
		return nil, nil, err
	}
	if !ok {
		return nil, nil, ErrNotFound
	}
	data, _, err := exportEnvelope(raw)
	if err != nil {
		return nil, nil, err
	}
	var c caseHead
	if !people {
		p := jsonParser{b: data}
		var ok1, ok2 bool
		if p.lit(`{"id":`) {
			if c.ID, ok1 = p.str(); ok1 && p.lit(`,"ref":`) {
				if c.Ref, ok2 = p.str(); ok2 && p.lit(",") {
					return &c, raw, nil
				}
			}
		}
		c = caseHead{}
	}
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, nil, fmt.Errorf("store: decode record: %w", err)
	}
	return &c, raw, nil
}

// exportCase is what ExportEach keeps of a case between reading the heads
// and exporting it.
type exportCase struct {
	id, ref string
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
// notes, events, deadlines, documents, evidence entries (each kind in key
// order), deadline settings; the history oldest first, each change
// restricted to the case's records.
func (c *exportCase) export(txn *badger.Txn, it *badger.Iterator) (*CaseExport, error) {
	head, caseRaw, err := readCaseHead(txn, c.id, true)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", c.ref, err)
	}
	if head.ID != c.id || head.Ref != c.ref {
		return nil, fmt.Errorf("store: export %s: the case record names %s/%s", c.ref, head.ID, head.Ref)
	}
	keys := [][2]string{{KindCase, c.id}, {KindPerson, head.PersonID}}
	for _, r := range head.Related {
		keys = append(keys, [2]string{KindPerson, r.PersonID})
	}
	// One pass over the case's index (kinds sort by name there), then
	// the kinds in export order, each in key order.
	kinds := [...]string{KindNote, KindEvent, KindDeadline, KindDocument, KindEvidence}
	var byKind [len(kinds)][][2]string
	seekKeys(it, "idx/case/"+c.id+"/", func(rest []byte) {
		kind, id, ok := bytes.Cut(rest, []byte("/"))
		if !ok {
			return
		}
		for i, k := range kinds {
			if string(kind) == k {
				byKind[i] = append(byKind[i], [2]string{k, string(id)})
			}
		}
	})
	for _, ks := range byKind {
		keys = append(keys, ks...)
	}
	keys = append(keys, [2]string{KindDeadlineSettings, c.id})
	ce := &CaseExport{ID: c.id, Ref: c.ref}
	recs := make(map[string]bool, len(keys))
	for i, k := range keys {
		raw, ok := caseRaw, true
		if i > 0 {
			if raw, ok, err = getRaw(txn, recKey(k[0], k[1])); err != nil {
				return nil, err
			}
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
		h, device, ok := parseLogKey(k)
		if !ok {
			continue
		}
		item, err := txn.Get([]byte(k))
		if err != nil {
			return nil, fmt.Errorf("store: export %s: history names %s: %w", c.ref, k, err)
		}
		var ch Change
		if err := item.Value(func(b []byte) error { return decodeLogEntry(b, &ch) }); err != nil {
			return nil, fmt.Errorf("store: log entry %s: %w", k, err)
		}
		var ops []Op
		for _, op := range ch.Ops {
			if recs[op.Entity+"/"+op.ID] {
				ops = append(ops, op)
			}
		}
		if len(ops) > 0 {
			ce.History = append(ce.History, ExportChange{HLC: h, Device: device, Author: ch.Author, Ops: ops})
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

// decodeLogEntry decodes a change-log entry as json.Unmarshal does. The
// entries this vault writes (encodeChange) are read by a small parser of
// that exact shape, which leaves the operations' values as they are (like
// json.RawMessage, unvalidated: whoever encodes them again validates
// them); anything else goes through encoding/json.
func decodeLogEntry(b []byte, ch *Change) error {
	if c, ok := parseLogEntry(b); ok {
		*ch = c
		return nil
	}
	*ch = Change{}
	return json.Unmarshal(b, ch)
}

func parseLogEntry(b []byte) (Change, bool) {
	var ch Change
	p := jsonParser{b: b}
	if !p.lit(`{"author":`) {
		return ch, false
	}
	author, ok := p.str()
	if !ok || !p.lit(`,"ops":[`) {
		return ch, false
	}
	ch.Author = author
	if p.lit("]}") {
		ch.Ops = []Op{}
		return ch, p.i == len(b)
	}
	for {
		var op Op
		var ok1, ok2, ok3 bool
		if !p.lit(`{"e":`) {
			return ch, false
		}
		op.Entity, ok1 = p.str()
		if !ok1 || !p.lit(`,"id":`) {
			return ch, false
		}
		op.ID, ok2 = p.str()
		if !ok2 || !p.lit(`,"f":`) {
			return ch, false
		}
		op.Field, ok3 = p.str()
		if !ok3 || !p.lit(`,"v":`) {
			return ch, false
		}
		start := p.i
		if !p.skipValue() {
			return ch, false
		}
		op.Value = json.RawMessage(b[start:p.i:p.i])
		if p.lit(`,"b":`) {
			n, ok := p.uint()
			if !ok {
				return ch, false
			}
			op.Base = model.HLC(n)
		}
		if !p.lit("}") {
			return ch, false
		}
		ch.Ops = append(ch.Ops, op)
		if p.lit("]}") {
			return ch, p.i == len(b)
		}
		if !p.lit(",") {
			return ch, false
		}
	}
}

// jsonParser reads the compact JSON this vault writes; every method
// reports false on anything it does not expect, and the caller falls back
// to encoding/json.
type jsonParser struct {
	b []byte
	i int
}

func (p *jsonParser) lit(s string) bool {
	if len(p.b)-p.i >= len(s) && string(p.b[p.i:p.i+len(s)]) == s {
		p.i += len(s)
		return true
	}
	return false
}

// str reads a string without escapes, in valid UTF-8 (decoded as written).
func (p *jsonParser) str() (string, bool) {
	if p.i >= len(p.b) || p.b[p.i] != '"' {
		return "", false
	}
	ascii := true
	for j := p.i + 1; j < len(p.b); j++ {
		switch c := p.b[j]; {
		case c == '"':
			s := p.b[p.i+1 : j]
			if !ascii && !utf8.Valid(s) {
				return "", false
			}
			p.i = j + 1
			return string(s), true
		case c == '\\' || c < 0x20:
			return "", false
		case c >= 0x80:
			ascii = false
		}
	}
	return "", false
}

func (p *jsonParser) uint() (uint64, bool) {
	var n uint64
	d := 0
	for p.i+d < len(p.b) && p.b[p.i+d] >= '0' && p.b[p.i+d] <= '9' {
		if n > (1<<64-1-9)/10 {
			return 0, false
		}
		n = n*10 + uint64(p.b[p.i+d]-'0')
		d++
	}
	if d == 0 || d > 1 && p.b[p.i] == '0' {
		return 0, false
	}
	p.i += d
	return n, true
}

// skipValue moves past one JSON value: an object or array (brackets
// matched outside strings), a string, or a number or literal (up to the
// next ',', '}' or ']'). It does not validate.
func (p *jsonParser) skipValue() bool {
	if p.i >= len(p.b) {
		return false
	}
	switch p.b[p.i] {
	case '{':
		end := skipObject(p.b, p.i)
		if end < 0 {
			return false
		}
		p.i = end
		return true
	case '[':
		depth := 0
		for ; p.i < len(p.b); p.i++ {
			switch p.b[p.i] {
			case '"':
				for p.i++; p.i < len(p.b) && p.b[p.i] != '"'; p.i++ {
					if p.b[p.i] == '\\' {
						p.i++
					}
				}
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					p.i++
					return true
				}
			}
		}
		return false
	case '"':
		for j := p.i + 1; j < len(p.b); j++ {
			switch p.b[j] {
			case '\\':
				j++
			case '"':
				p.i = j + 1
				return true
			}
		}
		return false
	}
	start := p.i
	for p.i < len(p.b) && p.b[p.i] != ',' && p.b[p.i] != '}' && p.b[p.i] != ']' {
		if c := p.b[p.i]; c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '"' || c == '{' || c == '[' {
			return false
		}
		p.i++
	}
	return p.i > start
}
