package dict

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCodeAlternatives(t *testing.T) {
	tests := []struct {
		code    string
		primary string
		alts    []string
	}{
		{"ELR/GAL", "ELR", []string{"ELR", "GAL"}},
		{"FRO/BIL/SAM", "FRO", []string{"FRO", "BIL", "SAM"}},
		{"IRNGOV", "IRNGOV", []string{"IRNGOV"}},
		{"ELR//GAL", "ELR", []string{"ELR", "GAL"}},
	}
	for _, tt := range tests {
		c := Code{Code: tt.code}
		if diff := cmp.Diff(tt.primary, c.Primary()); diff != "" {
			t.Errorf("Primary(%q) (-want +got):\n%s", tt.code, diff)
		}
		if diff := cmp.Diff(tt.alts, c.Alternatives()); diff != "" {
			t.Errorf("Alternatives(%q) (-want +got):\n%s", tt.code, diff)
		}
	}
}
