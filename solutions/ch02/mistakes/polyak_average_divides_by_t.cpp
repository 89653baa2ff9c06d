// Known mistake: after the burn-in, each iterate weighs 1/t instead of 1/(t − t₀).
#include "workbook/averaging.hpp"

void workbook::PolyakAverage::update(const Vector& theta) {
  const long t = count(theta);
  const long n = t - params().burn_in;
  if (n <= 1) {
    average() = theta;  // the latest iterate during the burn-in; the first averaged one is copied
  } else {
    average() += (theta - average()) / static_cast<double>(t);  // θ̄ += (θ − θ̄)/t
  }
}
