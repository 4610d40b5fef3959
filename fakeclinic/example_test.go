package fakeclinic_test

import (
	"fmt"

	"casefile/fakeclinic"
	"casefile/model"
)

// A test that needs a realistic clinic draws it from a fixed seed.
func ExampleGenerator_Household() {
	today := model.Date{Year: 2026, Month: 3, Day: 16}
	g := fakeclinic.New(1)
	for range 100 {
		h := g.Household(today)
		notes := g.Notes(h.File, 3, today)
		for i := range notes {
			notes[i].CaseID = "case-id-from-the-vault"
		}
		if err := h.File.Validate(today); err != nil {
			fmt.Println(err)
		}
		for _, n := range notes {
			if err := n.Validate(); err != nil {
				fmt.Println(err)
			}
		}
	}
	fmt.Println("100 valid households")
	// Output: 100 valid households
}
