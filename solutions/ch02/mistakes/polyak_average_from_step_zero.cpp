// Known mistake: the burn-in is ignored: every iterate is averaged from the first on.
#include "workbook/averaging.hpp"

void workbook::PolyakAverage::update(const Vector& theta) {
  const long n = count(theta);  // iterates in the average, this one included
  if (n <= 1) {
    average() = theta;  // the latest iterate during the burn-in; the first averaged one is copied
  } else {
    average() += (theta - average()) / static_cast<double>(n);  // θ̄ += (θ − θ̄)/n
  }
}
