package deadline_test

import (
	"fmt"

	"casefile/model/deadline"
)

func ExampleCompute() {
	rule, _ := deadline.Lookup("contentieux-2m")
	res, err := deadline.Compute(deadline.Input{Rule: rule, Trigger: deadline.Date{Year: 2026, Month: 1, Day: 3}})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.DueString())
	for _, line := range res.Explain("en")[1:5] {
		fmt.Println(line)
	}
	// Output:
	// 2026-03-04
	// Trigger: decision notified on Sat 3 Jan 2026.
	// Reading A (CPC art. 641): same day number 2 months after Sat 3 Jan 2026: Tue 3 Mar 2026.
	// Franc deadline: neither the day of notification nor the day of expiry counts; the last day is the day after Tue 3 Mar 2026: Wed 4 Mar 2026.
	// Reading B (franc deadline): from the next day, Sun 4 Jan 2026, the same day number 2 months later: Wed 4 Mar 2026.
}

func ExampleCompute_hours() {
	rule, _ := deadline.Lookup("oqtf-48h")
	day, at, _ := deadline.ParseDateTime("2026-01-09T18:00")
	res, _ := deadline.Compute(deadline.Input{Rule: rule, Trigger: day, At: at})
	fmt.Println(res.DueString(), res.DueAt.Location())
	// Output: 2026-01-11T18:00 Europe/Paris
}

func ExampleSuggestRegion() {
	r, ok := deadline.SuggestRegion("Préfecture du Bas-Rhin")
	fmt.Println(r, ok)
	// Output: alsace-moselle true
}
