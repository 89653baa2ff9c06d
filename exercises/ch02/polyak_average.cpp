// Chapter 2, exercise 4: the running Polyak–Ruppert average.
//
// Read: Chapter 2, §2.6 "Averaging the iterates" (chapters/ch02_stochastic.md, #ch02-averaging)
// and the comment of PolyakAverage in lib/include/workbook/averaging.hpp, which defines the
// average after a burn-in of t₀ = params().burn_in iterates.
//
// Contract: feed the iterate `theta`. Call count(theta) first: it checks θ (size, finite) and
// returns t, the number of iterates fed so far, this one included. Then update average() so that
// it holds the average the header defines (during the burn-in: the latest iterate). Keep no sum
// of the iterates: update the mean itself, so that it neither grows nor loses small iterates
// against a large sum.
//
// Check:  ctest --preset default -L ch02 -R polyak_average
#include "workbook/averaging.hpp"
#include "workbook/errors.hpp"

void workbook::PolyakAverage::update(const Vector& theta) {
  WORKBOOK_NOT_IMPLEMENTED("Chapter 2, §2.6 Averaging the iterates");
}
