package evidence

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"casefile/i18n"
	"casefile/internal/pdf"
	"casefile/model"
	"casefile/store"
)

// Piece is one numbered piece of the export. Piece 1 is the summary of the
// attempts (generated, DocID empty); the others are proof files in the
// order of their attempts, oldest first.
type Piece struct {
	N        int       `json:"n"`
	Label    string    `json:"label"`
	FileName string    `json:"file_name"`
	DocID    string    `json:"doc_id,omitempty"`
	EntryID  string    `json:"entry_id,omitempty"`
	At       time.Time `json:"at"`
	SHA256   string    `json:"sha256"`
	Size     int64     `json:"size"`
}

// Plan numbers the pieces of a case's evidence: the summary first, then
// every proof of the entries not withdrawn, by time of attempt (oldest
// first, as a court reads a chronology), each entry's proofs in the order
// attached. Labels and names are in the current language.
func Plan(entries []model.Evidence, loc *time.Location) []Piece {
	es := slices.Clone(entries)
	es = slices.DeleteFunc(es, func(e model.Evidence) bool { return e.Withdrawn })
	slices.SortStableFunc(es, func(a, b model.Evidence) int {
		if c := a.At.Compare(b.At); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	summary := i18n.T("evidence.summary_label")
	pieces := []Piece{{N: 1, Label: summary, FileName: PieceName(1, summary, ".pdf")}}
	for _, e := range es {
		at := e.At.In(loc)
		clock := at.Format("15h04")
		if e.DateOnly {
			clock = ""
		}
		for _, p := range e.Proofs {
			n := len(pieces) + 1
			label := i18n.T("evidence.piece_label", map[string]string{
				"Date": i18n.Date(model.DateOf(at)), "Time": clock,
				"Channel": i18n.T("evidence.channel." + string(e.Channel)),
				"Name":    strings.TrimSuffix(p.Name, filepath.Ext(p.Name)),
			})
			pieces = append(pieces, Piece{N: n, Label: label, FileName: PieceName(n, label, Ext(p.Name)),
				DocID: p.DocID, EntryID: e.ID, At: e.At, SHA256: p.SHA256, Size: p.Size})
		}
	}
	return pieces
}

// SummaryPDF is piece 1: every entry not withdrawn, oldest first, with
// its channel, kind, category, what happened and the numbers of its
// proofs.
func SummaryPDF(f *model.CaseFile, entries []model.Evidence, pieces []Piece, loc *time.Location) []byte {
	var d pdf.Doc
	d.Line(pdf.HelveticaBold, 15, i18n.T("evidence.summary_label"))
	caseLines(&d, f)
	d.Gap(6)
	proofsOf := map[string][]string{}
	for _, p := range pieces {
		if p.EntryID != "" {
			proofsOf[p.EntryID] = append(proofsOf[p.EntryID], "PJ"+strconv.Itoa(p.N))
		}
	}
	es := slices.DeleteFunc(slices.Clone(entries), func(e model.Evidence) bool { return e.Withdrawn })
	slices.SortStableFunc(es, func(a, b model.Evidence) int { return a.At.Compare(b.At) })
	r := model.AssessReadiness(es, nil, model.Today(time.Now(), loc), loc)
	d.Line(pdf.Helvetica, 10, i18n.TCounts("evidence.summary_counts", map[string]int{"Attempts": r.Attempts, "Weeks": len(r.Weeks)}))
	d.Gap(4)
	for i, e := range es {
		d.Line(pdf.HelveticaBold, 10, fmt.Sprintf("%d. %s", i+1, Describe(e, loc)))
		d.Para(pdf.Helvetica, 10, e.What)
		if ps := proofsOf[e.ID]; len(ps) > 0 {
			d.Line(pdf.Helvetica, 9, i18n.T("evidence.summary_proofs", map[string]string{"Pieces": strings.Join(ps, ", ")}))
		}
		d.Gap(3)
	}
	return d.Bytes()
}

func caseLines(d *pdf.Doc, f *model.CaseFile) {
	d.Line(pdf.Helvetica, 10, i18n.T("evidence.pdf_case", map[string]string{
		"Ref": f.Ref, "Person": strings.TrimSpace(f.Person.GivenNames + " " + f.Person.FamilyName),
		"Procedure": i18n.Procedure(f.Procedure)}))
}

// InventoryPDF is the bordereau: the numbered list of pieces with their
// labels, file names and SHA-256 fingerprints (taken at capture for proofs).
func InventoryPDF(f *model.CaseFile, pieces []Piece, printed time.Time, loc *time.Location) []byte {
	var d pdf.Doc
	d.Line(pdf.HelveticaBold, 15, i18n.T("evidence.inventory_title"))
	caseLines(&d, f)
	d.Line(pdf.Helvetica, 9, i18n.T("evidence.pdf_printed", map[string]string{
		"Date": i18n.Date(model.DateOf(printed.In(loc))), "Time": printed.In(loc).Format("15:04")}))
	d.Gap(8)
	d.Row(pdf.HelveticaBold, 10, []float64{0, 40}, []string{i18n.T("evidence.col_number"), i18n.T("evidence.col_label")})
	width := pdf.PageWidth - 2*pdf.Margin - 40
	for _, p := range pieces {
		lines := pdf.Wrap(p.Label, pdf.Helvetica, 10, width)
		for i, l := range lines {
			num := ""
			if i == 0 {
				num = "PJ" + strconv.Itoa(p.N)
			}
			d.Row(pdf.Helvetica, 10, []float64{0, 40}, []string{num, l})
		}
		d.Row(pdf.Courier, 7, []float64{40}, []string{i18n.T("evidence.inventory_file", map[string]string{"Name": p.FileName})})
		d.Row(pdf.Courier, 7, []float64{40}, []string{"SHA-256 " + p.SHA256})
		d.Gap(3)
	}
	d.Gap(6)
	d.Para(pdf.Helvetica, 8, i18n.T("evidence.inventory_note"))
	return d.Bytes()
}

// InventoryFileName is the bordereau's file name (not a piece: no PJ
// number).
func InventoryFileName() string { return plain(i18n.T("evidence.inventory_title")) + ".pdf" }

// Result is what Export wrote.
type Result struct {
	Dir       string   `json:"dir"`
	Inventory string   `json:"inventory"`
	Pieces    []Piece  `json:"pieces"`
	Warnings  []string `json:"warnings"`
}

// ErrExists: a file Export would write is already in the folder; nothing
// was written.
var ErrExists = errors.New("export file exists")

// ExistsError names the file that is in the way.
type ExistsError struct{ Path string }

func (e *ExistsError) Error() string { return e.Path + ": " + ErrExists.Error() }
func (e *ExistsError) Unwrap() error { return ErrExists }

// MessageKey lets i18n.Error translate it.
func (e *ExistsError) MessageKey() string { return "evidence.err.exists" }

// Export writes the case's evidence into dir (created if missing, mode
// 0700): the inventory PDF, piece 1 (the summary) and every proof file
// under its piece name. Each proof's bytes are read back from the vault
// and verified against the SHA-256 on its entry before anything is
// written; files are created exclusively (an existing one stops the
// export), and on any error the files already written are removed. The
// copy is NOT encrypted: the faces warn before calling it.
func Export(v *store.Vault, f *model.CaseFile, dir string, now time.Time, loc *time.Location) (*Result, error) {
	entries, err := v.EvidenceLog(f.ID)
	if err != nil {
		return nil, err
	}
	pieces := Plan(entries, loc)
	res := &Result{Dir: dir, Inventory: InventoryFileName()}
	// Read and verify every proof before writing a byte outside the vault.
	data := make([][]byte, len(pieces))
	summary := SummaryPDF(f, entries, pieces, loc)
	sum := sha256.Sum256(summary)
	data[0], pieces[0].SHA256, pieces[0].Size = summary, hex.EncodeToString(sum[:]), int64(len(summary))
	for i := 1; i < len(pieces); i++ {
		p := pieces[i]
		b, _, err := v.ReadDocument(p.DocID)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p.FileName, err)
		}
		h := sha256.Sum256(b)
		if hex.EncodeToString(h[:]) != p.SHA256 {
			return nil, fmt.Errorf("%s: %w", p.FileName, store.ErrDocumentCorrupt)
		}
		data[i] = b
	}
	for _, p := range pieces {
		if p.Size > MaxPieceBytes {
			res.Warnings = append(res.Warnings, i18n.T("evidence.warn_size", map[string]string{"Name": p.FileName}))
		}
		if !AcceptedExt[Ext(p.FileName)] {
			res.Warnings = append(res.Warnings, i18n.T("evidence.warn_format", map[string]string{"Name": p.FileName}))
		}
	}
	res.Pieces = pieces
	inventory := InventoryPDF(f, pieces, now, loc)

	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	var written []string
	write := func(name string, b []byte) error {
		path := filepath.Join(dir, name)
		file, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, os.ErrExist) {
			return &ExistsError{Path: path}
		}
		if err != nil {
			return err
		}
		written = append(written, path)
		_, err = file.Write(b)
		if cerr := file.Close(); err == nil {
			err = cerr
		}
		return err
	}
	err = write(res.Inventory, inventory)
	for i := 0; err == nil && i < len(pieces); i++ {
		err = write(pieces[i].FileName, data[i])
	}
	if err != nil {
		for _, p := range written {
			os.Remove(p)
		}
		return nil, err
	}
	return res, nil
}
