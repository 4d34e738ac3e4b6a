package pledge_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/language"

	"github.com/summitry/summitry/pledge"
)

func TestFormat(t *testing.T) {
	const nbsp = "\u00a0"
	tests := []struct {
		value, code, tag string
		want             string
	}{
		{"2300000000", "USD", "en", "$2,300,000,000.00"},
		{"2300000000", "USD", "ko", "US$2,300,000,000.00"},
		{"520000000000", "KRW", "ko", "₩520,000,000,000"},
		{"520000000000", "KRW", "en", "₩520,000,000,000"},
		{"150000000", "USD", "de", "150.000.000,00" + nbsp + "$"},
		{"1500000000.5", "EUR", "fr", "1" + nbsp + "500" + nbsp + "000" + nbsp + "000,50" + nbsp + "€"},
		{"1234567.891", "USD", "en", "$1,234,567.891"}, // never rounds
		{"-1234.5", "USD", "en", "-$1,234.50"},
		{"-1234.5", "EUR", "de", "-1.234,50" + nbsp + "€"},
		{"150000000", "INR", "hi", "₹15,00,00,000.00"},
		{"1234.5", "EUR", "ar", "€١٬٢٣٤٫٥٠"},
		{"1234.5", "CHF", "de-CH", "CHF" + nbsp + "1’234.50"},
		{"1234.5", "EUR", "nl", "€" + nbsp + "1.234,50"},
		{"1234.5", "UAH", "uk", "1" + nbsp + "234,50" + nbsp + "₴"},
		{"1234.5", "UAH", "en", "UAH" + nbsp + "1,234.50"},
		{"1234.5678", "BHD", "en", "BHD" + nbsp + "1,234.5678"},
		{"5", "JPY", "ja", "￥5"},
		{"123456789012345678901234567890.12", "USD", "en", "$123,456,789,012,345,678,901,234,567,890.12"},
		// Hebrew puts the symbol after the number (CLDR "#,##0.00 ¤").
		{"1234.5", "ILS", "he", "1,234.50" + nbsp + "₪"},
		{"-1234.5", "EUR", "he", "\u200e-1,234.50" + nbsp + "€"},
		// Variants and private use do not change the figure.
		{"1234.5", "EUR", "de-1901-x-summitry", "1.234,50" + nbsp + "€"},
		{"1234.5", "EUR", "en-u-nu-arab", "€١٬٢٣٤٫٥٠"},
	}
	for _, tt := range tests {
		a := pledge.MustAmount(tt.value, tt.code)
		if diff := cmp.Diff(tt.want, a.Format(language.MustParse(tt.tag))); diff != "" {
			t.Errorf("%v.Format(%s) (-want +got):\n%s", a, tt.tag, diff)
		}
	}
}
