package layout

import "github.com/google/uuid"

// LegacyNamespace makes LegacyEvidenceID a name-based UUID (version 5).
var LegacyNamespace = uuid.MustParse("6f1c2e0a-3b7d-5e4f-9a21-c0ffee0a11ce")

// LegacyEvidenceID is the id of the evidence entry a case's malfunction
// becomes, the same on every device.
func LegacyEvidenceID(caseID, malfunctionID string) string {
	return uuid.NewSHA1(LegacyNamespace, []byte(caseID+"/"+malfunctionID)).String()
}
