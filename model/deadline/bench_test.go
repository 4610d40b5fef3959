package deadline

import "testing"

// BenchmarkRecompute30k recomputes every deadline of a 10,000-case vault
// (three deadlines a case) after a holiday-setting change: one op is the
// whole vault.
func BenchmarkRecompute30k(b *testing.B) {
	ids := []string{"oqtf-1m", "contentieux-2m", "silence-4m", "cnda-1m", "oqtf-7d", "oqtf-48h", "renouvellement-cloture", "appel-caa-2m"}
	rules := make([]Rule, len(ids))
	for i, id := range ids {
		rules[i] = mustRule(b, id)
	}
	inputs := make([]Input, 0, 30000)
	for c := 0; c < 10000; c++ {
		trig := Date{2025, 1, 1}.AddDays(c % 700)
		for k := 0; k < 3; k++ {
			in := Input{Rule: rules[(c+k*3)%len(rules)], Trigger: trig.AddDays(k * 11), At: Clock{(c + k) % 24, 30}}
			if c%10 == 0 && in.Rule.LegalAid == LegalAidInterrupts {
				req, dec := in.Trigger.AddDays(5), in.Trigger.AddDays(40)
				in.LegalAidRequested, in.LegalAidDecided = &req, &dec
			}
			inputs = append(inputs, in)
		}
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		region := Regions()[i%int(numRegions)] // the setting that changed
		for j := range inputs {
			inputs[j].Region = region
			if _, err := Compute(inputs[j]); err != nil {
				b.Fatal(err)
			}
		}
	}
}
