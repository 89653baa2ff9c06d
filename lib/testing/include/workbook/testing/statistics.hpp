/// \file
/// The statistics the tests of random draws use: Pearson's χ² statistic of counts that should be
/// equally likely.
#pragma once

#include <vector>

namespace workbook::testing {

/// Pearson's statistic \f$\sum_i (O_i - E)^2/E\f$ of the counts \f$O_i\f$ of cells that are
/// equally likely, \f$E\f$ being their mean. Compared with a quantile of the \f$\chi^2\f$
/// distribution with (cells − 1) degrees of freedom, it says whether the draws look uniform.
inline double chi_square(const std::vector<long>& counts) {
  long total = 0;
  for (long c : counts) total += c;
  const double expected = static_cast<double>(total) / static_cast<double>(counts.size());
  double statistic = 0.0;
  for (long c : counts) statistic += (c - expected) * (c - expected) / expected;
  return statistic;
}

}  // namespace workbook::testing
