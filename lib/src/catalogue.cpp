// The library's catalogue: every module's optimizers and problems, in the order of the chapters.
#include "catalogue.hpp"

namespace workbook {

const Registry& registry() {
  static const Registry catalogue = [] {
    Registry r;
    catalogue::add_problems(r);
    catalogue::add_gradient_descent(r);
    catalogue::add_momentum(r);
    catalogue::add_poisson(r);
    catalogue::add_curvature(r);
    catalogue::add_quasi_newton(r);
    catalogue::add_adaptive(r);
    catalogue::add_least_squares(r);
    catalogue::add_classification(r);
    catalogue::add_networks(r);
    return r;
  }();
  return catalogue;
}

}  // namespace workbook
