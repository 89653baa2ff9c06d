// Chapter 2, exercise 4: the running Polyak–Ruppert average, reference solution.
#include "workbook/averaging.hpp"

void workbook::PolyakAverage::update(const Vector& theta) {
  const long n = count(theta) - params().burn_in;  // iterates in the average, this one included
  if (n <= 1) {
    average() = theta;  // the latest iterate during the burn-in; the first averaged one is copied
  } else {
    average() += (theta - average()) / static_cast<double>(n);  // θ̄ += (θ − θ̄)/n
  }
}
