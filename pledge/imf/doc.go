// Package imf reads the International Monetary Fund's exchange rates, as
// CSV, into [pledge.Rates], exactly.
//
// The IMF publishes the exchange rates of its International Financial
// Statistics (IFS) as national currency per US dollar (and per SDR), as
// averages over each year, quarter or month and as the rates at their
// ends. The Code for IATI project's imf-exchangerates
// (https://github.com/codeforIATI/imf-exchangerates) publishes them as
// CSV, one row a country and period:
//
//	Date,Rate,Currency,Frequency,Source,Country code,Country
//	2023-12-31,1305.6625,KRW,A,IMF,KR,"Korea, Republic of"
//
// [ReadRates] and [Read] record each row as an exact rate, 1 USD = 1305.6625
// KRW, never through a float (the IMF writes up to 16 significant digits),
// as an average over its year or month, with the source the IMF's terms
// ask for: [Source], "Source: International Monetary Fund.". A
// [pledge.Query] converts a record dated by month or year at such an
// average, and any record once its RatePeriod asks for averages: an annual
// average applies to every day of its year. Which kind of rate each
// conversion used is in its Conversion.RatePeriod; a daily rate and an
// annual one never stand in for each other unasked.
//
// Rates per dollar convert dollars into other currencies. To convert other
// currencies into dollars, set pledge.Rates.Inverse to the decimal places
// of the inverted rate.
//
// # What a file must be
//
// The file does not say whether its rates are averages or end-of-period
// rates, nor what they are per: [Options] says so, by default averages per
// US dollar (imf_exchangerates_A_ENDA_USD.csv). Reading is all or nothing,
// and errors name the row, the country and the column ([ValidationError]).
// Rows of countries that share a currency give it rates that differ in
// their last digits (the euro area and Montenegro, the members of the CFA
// franc zones), and a few name a currency that is not the country's own:
// the reader refuses to pick one ([ErrConflict]) and Options.Countries
// keeps the rows of the countries named.
package imf
