package historian_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/summitry/summitry/meeting/historian"
)

func TestSplitVisitor(t *testing.T) {
	type split struct{ Title, Name, Office string }
	for _, tc := range []struct {
		visitor string
		want    split
	}{
		{"President Yoon Suk Yeol", split{"President", "Yoon Suk Yeol", "president"}},
		{"Prime Minister Kishida Fumio", split{"Prime Minister", "Kishida Fumio", "prime minister"}},
		{"Chancellor Olaf Scholz", split{"Chancellor", "Olaf Scholz", "chancellor"}},
		{"Federal Chancellor Sebastian Kurz", split{"Federal Chancellor", "Sebastian Kurz", "chancellor"}},
		{"Interim President Juan Guaidó", split{"Interim President", "Juan Guaidó", "president"}},
		{"Acting President Park", split{"Acting President", "Park", "president"}},
		{"Acting Prime Minister Sirik Matak", split{"Acting Prime Minister", "Sirik Matak", "prime minister"}},
		{"King Kalakaua", split{"King", "Kalakaua", "king"}},
		{"Queen Elizabeth II", split{"Queen", "Elizabeth II", "queen"}},
		{"Emir Hamad bin Khalifa al-Thani", split{"Emir", "Hamad bin Khalifa al-Thani", "emir"}},
		{"Amir Sheikh Tamim bin Hamad Al Thani", split{"Amir", "Sheikh Tamim bin Hamad Al Thani", "emir"}},
		{"Crown Prince Mohammed bin Salman", split{"Crown Prince", "Mohammed bin Salman", "crown prince"}},
		{"Prince Rainier III", split{"Prince", "Rainier III", "prince"}},
		{"Secretary-General Ban Ki-moon", split{"Secretary-General", "Ban Ki-moon", "secretary-general"}},
		{"Sultan Hassanal Bolkiah", split{"Sultan", "Hassanal Bolkiah", "sultan"}},
		{"Grand Duke Jean", split{"Grand Duke", "Jean", "grand duke"}},
		{"Grand Duchess Charlotte", split{"Grand Duchess", "Charlotte", "grand duchess"}},
		{"Chairman Park", split{"Chairman", "Park", "chairman"}},
		{"Chairman of the Presidency Bakir Izetbegovic", split{"Chairman of the Presidency", "Bakir Izetbegovic", "chairman of the presidency"}},
		{"General Secretary Tô Lâm", split{"General Secretary", "Tô Lâm", "general secretary"}},
		{"Governor General Lord Tweedsmuir", split{"Governor General", "Lord Tweedsmuir", "governor general"}},
		{"Taoiseach Leo Varadkar", split{"Taoiseach", "Leo Varadkar", "taoiseach"}},
		{"Pope Francis", split{"Pope", "Francis", "pope"}},
		{"Vice Premier Deng Xiaoping", split{"Vice Premier", "Deng Xiaoping", "vice premier"}},
		{"Premier & Prince Sihanouk", split{"Premier and Prince", "Sihanouk", "premier"}},
		// Not in office by the title.
		{"President-elect Vicente Fox", split{"President-elect", "Vicente Fox", ""}},
		{"President-Elect Carlos Salinas de Gortari", split{"President-elect", "Carlos Salinas de Gortari", ""}},
		{"President- elect Ernesto Zedillo Ponce de Leon", split{"President-elect", "Ernesto Zedillo Ponce de Leon", ""}},
		{"Brigadier General Juan Melgar Castro", split{"Brigadier General", "Juan Melgar Castro", ""}},
		// The data's typos and spacing.
		{"Prime Minster Mackenzie King", split{"Prime Minister", "Mackenzie King", "prime minister"}},
		{"Prime Ministere Silvio Berlusconi", split{"Prime Minister", "Silvio Berlusconi", "prime minister"}},
		{"Prime MinisterHaidar al- Abadi", split{"Prime Minister", "Haidar al- Abadi", "prime minister"}},
		{"Prime Minister-Prince Norodom Kantol", split{"Prime Minister", "Prince Norodom Kantol", "prime minister"}},
		{" President  Kassym-Jomart\n Tokayev ", split{"President", "Kassym-Jomart Tokayev", "president"}},
		// No title, or two people.
		{"Valdas Adamkus", split{"", "Valdas Adamkus", ""}},
		{"Sheikh Nasser Sabah Al-Ahmed Al-Sabah", split{"", "Sheikh Nasser Sabah Al-Ahmed Al-Sabah", ""}},
		{"Kingsley Amoako", split{"", "Kingsley Amoako", ""}},
		{"Presidential Envoy X", split{"", "Presidential Envoy X", ""}},
		{"President Francesco Cossiga and Prime Minister Giulio Andreotti", split{"", "President Francesco Cossiga and Prime Minister Giulio Andreotti", ""}},
		{"King Abdullah and Crown Prince Hussein", split{"", "King Abdullah and Crown Prince Hussein", ""}},
		{"President", split{"President", "", "president"}},
		{"", split{}},
	} {
		title, name := historian.SplitVisitor(tc.visitor)
		got := split{title, name, historian.Office(title)}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("SplitVisitor(%q) (-want +got):\n%s", tc.visitor, diff)
		}
	}
}

func TestOffice(t *testing.T) {
	for title, want := range map[string]string{
		"president":              "president",
		"Interim Prime Minister": "prime minister",
		"Chief of State":         "head of state",
		"Acting":                 "",
		"Mayor":                  "",
		"":                       "",
	} {
		if got := historian.Office(title); got != want {
			t.Errorf("Office(%q) = %q, want %q", title, got, want)
		}
	}
}
