package i18n

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"syscall"

	"casefile/crypto"
	"casefile/csvio"
	"casefile/internal/privtemp"
	"casefile/model"
	"casefile/store"
)

// Error turns an error from the lower packages into one translated sentence
// (or, for a form, one line per wrong field) saying what happened and what
// to do. Errors it does not know keep their technical text after a
// translated lead, so nothing is hidden from a support request.
func Error(err error) string {
	if err == nil {
		return ""
	}
	var ve *model.ValidationError
	var ck *crypto.CorruptKeyFileError
	var cell *csvio.CellError
	var keyed interface{ MessageKey() string } // errors that name their own sentence (bundle.Error)
	var notDue *store.NotDueError
	switch {
	case errors.As(err, &notDue) && notDue.Open:
		return T("retention.open_case", map[string]string{"Ref": notDue.Ref})
	case errors.As(err, &notDue):
		return T("retention.not_due", map[string]string{"Ref": notDue.Ref, "Date": Date(notDue.From)})
	case errors.As(err, &keyed):
		return T(keyed.MessageKey())
	case errors.Is(err, store.ErrMergeSelf):
		return T("err.merge_self")
	case errors.Is(err, store.ErrMerged):
		return T("err.merged")
	case errors.Is(err, store.ErrContactNotFound):
		return T("bundle.err.no_contact")
	case errors.Is(err, store.ErrRefTaken):
		return T("bundle.err.ref_taken")
	case errors.Is(err, crypto.ErrNotAnIdentity):
		return T("bundle.err.not_identity")
	case errors.Is(err, store.ErrInconsistentCases):
		return T("bundle.err.corrupt")
	case errors.Is(err, store.ErrBadBackup), errors.Is(err, crypto.ErrWrongBackupKey):
		return T("backup.err.bad")
	case errors.Is(err, store.ErrRestoreTarget):
		return T("backup.err.target")
	case errors.Is(err, csvio.ErrEmpty):
		return T("csv.err.empty")
	case errors.Is(err, csvio.ErrTooLarge):
		return T("csv.err.too_large")
	case errors.Is(err, csvio.ErrMalformed):
		return T("csv.err.malformed") + " " + err.Error()
	case errors.Is(err, csvio.ErrNoNameColumn):
		return T("csv.err.no_name")
	case errors.Is(err, csvio.ErrNotEncodable):
		return T("csv.err.not_encodable") + " " + err.Error()
	case errors.As(err, &cell):
		key := "csv.err.bad_value"
		if errors.Is(err, model.ErrInvalidDate) {
			key = "csv.err.bad_date"
		}
		return T(key, map[string]string{"Field": Field(cell.Field), "Value": cell.Value})
	case errors.Is(err, csvio.ErrMappingVersion):
		return T("csv.err.mapping_version")
	case errors.As(err, &ve):
		lines := make([]string, len(ve.Problems))
		for i, p := range ve.Problems {
			lines[i] = Problem(p.Field, p.Code)
		}
		return T("error.invalid") + "\n" + strings.Join(lines, "\n")
	case errors.As(err, &ck):
		return T("error.corrupt_key_file", map[string]string{"File": ck.File})
	case errors.Is(err, crypto.ErrWrongPassphrase):
		return T("error.wrong_passphrase")
	case errors.Is(err, crypto.ErrWrongRecoveryKey):
		return T("error.wrong_recovery_key")
	case errors.Is(err, crypto.ErrMalformedRecoveryKey):
		return T("error.malformed_recovery_key")
	case errors.Is(err, crypto.ErrNoVault):
		return T("error.no_vault")
	case errors.Is(err, crypto.ErrVaultExists):
		return T("error.vault_exists")
	case errors.Is(err, crypto.ErrPassphraseTooShort):
		return T("error.passphrase_short", map[string]int{"Min": crypto.MinPassphraseLen})
	case errors.Is(err, crypto.ErrUnsupportedVersion), errors.Is(err, store.ErrNewerFormat):
		return T("error.newer_version")
	case errors.Is(err, store.ErrVaultInUse):
		return T("error.vault_in_use")
	case errors.Is(err, store.ErrKeyMismatch):
		return T("error.key_mismatch")
	case errors.Is(err, store.ErrEventNotFound):
		return T("deadline.err.no_event")
	case errors.Is(err, store.ErrDeadlineNotFound):
		return T("deadline.err.no_deadline")
	case errors.Is(err, store.ErrDocumentCorrupt):
		return T("documents.err.corrupt")
	case errors.Is(err, store.ErrDocumentTooLarge):
		return T("documents.err.too_large")
	case errors.Is(err, privtemp.ErrNotPrivate):
		dir, _ := privtemp.Dir()
		return T("documents.err.not_private", map[string]string{"Detail": dir})
	case errors.Is(err, store.ErrNotFound):
		return T("error.not_found")
	case errors.Is(err, store.ErrClosed):
		return T("error.locked")
	case errors.Is(err, model.ErrUnknownField):
		return T("error.unknown_field", map[string]string{"Detail": err.Error()})
	case errors.Is(err, model.ErrNotSettable):
		return T("error.not_settable", map[string]string{"Detail": err.Error()})
	case errors.Is(err, model.ErrInvalidDate):
		return T("error.invalid_date", map[string]string{"Detail": err.Error()})
	case errors.Is(err, os.ErrPermission):
		return T("error.permission", map[string]string{"Detail": err.Error()})
	case errors.Is(err, exec.ErrNotFound):
		return T("french.err.no_program", map[string]string{"Detail": err.Error()})
	case errors.Is(err, syscall.ENOSPC):
		return T("french.err.disk_full", map[string]string{"Detail": err.Error()})
	case errors.Is(err, syscall.EROFS):
		return T("french.err.read_only", map[string]string{"Detail": err.Error()})
	case errors.Is(err, os.ErrNotExist):
		return T("french.err.not_exist", map[string]string{"Detail": err.Error()})
	}
	return T("error.unexpected", map[string]string{"Detail": err.Error()})
}

// Field is the translated label of a field named by its JSON path
// ("person.birth_date" reads as "Date of birth").
func Field(path string) string { return T("field." + strings.TrimPrefix(path, "person.")) }

// Problem is one translated line: "Date of birth: is in the future".
func Problem(field, code string) string {
	return Field(field) + T("punct.colon") + T("problem."+code)
}
