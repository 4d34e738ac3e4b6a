// Package input holds what every reader of untrusted text shares, whatever
// its format: a leading UTF-8 byte-order mark is skipped the same way
// everywhere ([TrimBOM], [SkipBOM]); text that is not UTF-8, or JSON that
// escapes half a surrogate pair, is found before a decoder silently turns
// it into U+FFFD ([BadUTF8], [LoneSurrogate]); and the line of a byte
// offset is found by counting on from the last one asked, so naming the
// line of every problem costs time in proportion to the input ([Lines]);
// and text a record may hold is one rule for every package: UTF-8 with no
// control character but tab, line feed and carriage return and no Unicode
// noncharacter, so whatever a reader accepts can be written as JSON, XML,
// HTML and SVG ([BadChar]). A caller's io.Reader is held to its contract
// ([Checked]): a count out of range, or a reader that gives nothing and no
// error for ever, is an error, never a panic or a read without end; and
// an input is read whole into one buffer of its size when that size is
// sure, a size a reader only says deciding no allocation ([ReadAll],
// [Size]).
//
// It knows no domain: nothing here imports pledge or meeting.
package input
