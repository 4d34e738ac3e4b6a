package main

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRun(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	want := `South Korea's pledges to Ukraine, as the report gives them: USD 2,450,000,000

Totals: all stages; by category
category                          currency         amount  records
------------------------------------------------------------------
humanitarian                      USD         300,000,000        1
humanitarian+military/non-lethal  USD         150,000,000        1
unspecified                       USD       2,000,000,000        1
------------------------------------------------------------------
total                             USD       2,450,000,000        2

Within humanitarian: USD 450,000,000 (of which USD 150,000,000 is undivided humanitarian+military/non-lethal)

After the Korea Times detail restates the G20 package:
Totals: all stages; by year, category
year   category                          currency         amount  records
-------------------------------------------------------------------------
2023   humanitarian+military/non-lethal  USD         150,000,000        1
2024   humanitarian                      USD         300,000,000        1
2025   financial/loan                    USD       2,000,000,000        1
-------------------------------------------------------------------------
total                                    USD       2,450,000,000        2

History of kr-ua-2023-g20: 2 records, the latest counts.

Where the money stands, with the 2024 budget and the aid paid in 2022:
Totals: all stages; by stage, category (> more than, < less than)
stage      category                          currency         amount  records
-----------------------------------------------------------------------------
pledged    financial/loan                    USD       2,000,000,000        1
pledged    humanitarian                      USD       < 100,000,000        1
pledged    humanitarian+military/non-lethal  USD         150,000,000        1
allocated  humanitarian                      USD       > 200,000,000        1
disbursed  humanitarian                      USD         100,000,000        1
-----------------------------------------------------------------------------
total                                        USD       2,550,000,000        4

pledged financial/loan: $2 billion
pledged humanitarian: less than $100 million
pledged humanitarian+military/non-lethal: $150 million
allocated humanitarian: more than $200 million
disbursed humanitarian: $100 million

The 2024 budget plan for Ukraine, in the reports' dollars (a book of its own):
Totals: all stages; by category (≈ approximately, > more than, ≶ mixed: no bound either way)
category        currency         amount  records
------------------------------------------------
humanitarian    USD       > 200,000,000        1
reconstruction  USD         100,000,000        1
unspecified     USD       ≶ 100,000,000        1
------------------------------------------------
total           USD       ≈ 400,000,000        1

In all: about $400 million
`
	if diff := cmp.Diff(want, out.String()); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}
}
