package pledge

import (
	"math"
	"math/big"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestSmallUnits holds smallUnits, which converts a coefficient and an
// exponent to units of 10^-fastScale, to exact arithmetic with big
// integers at the edges: the largest coefficient that fits for every
// shift, one more, zero, negatives, and decimals beyond the scale.
func TestSmallUnits(t *testing.T) {
	type result struct {
		Units int64
		OK    bool
	}
	// want converts exactly, reporting false when the value is negative,
	// has a non-zero digit beyond the scale or does not fit an int64.
	want := func(coef int64, exp int32) result {
		if coef < 0 {
			return result{}
		}
		v := new(big.Rat).SetInt64(coef)
		shift := int64(exp) + fastScale
		p := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(abs(shift)), nil))
		if shift >= 0 {
			v.Mul(v, p)
		} else {
			v.Quo(v, p)
		}
		if !v.IsInt() || !v.Num().IsInt64() {
			return result{}
		}
		return result{v.Num().Int64(), true}
	}
	var coefs []int64
	for _, m := range maxTimesPow10 {
		coefs = append(coefs, m-1, m, m+1)
	}
	coefs = append(coefs, 0, 1, -1, 10, 12_345, 120_000, math.MaxInt64, math.MinInt64)
	for _, coef := range coefs {
		for exp := int32(-fastScale - 20); exp <= 20; exp++ {
			got := result{}
			got.Units, got.OK = smallUnits(coef, exp)
			if diff := cmp.Diff(want(coef, exp), got); diff != "" {
				t.Fatalf("smallUnits(%d, %d) (-want +got):\n%s", coef, exp, diff)
			}
		}
	}
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}
