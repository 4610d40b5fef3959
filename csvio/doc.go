// Package csvio reads the spreadsheets clinics keep their cases in and
// writes the case list back out, as Excel in France expects: UTF-8 (with or
// without a byte-order mark) or Windows-1252, ';' or ',' separators, dates
// as dd/mm/yyyy. It turns rows into model.CaseFile values and says, line by
// line, why a row is refused; it writes nothing to a vault (the faces hand
// the accepted rows to store.Vault.CreateCases). The mapping file format is
// in docs/bundles.md ("CSV").
//
// It imports model and golang.org/x/text's Windows-1252 codec only (the
// standard library has no legacy code pages).
package csvio
