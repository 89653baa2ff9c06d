// The modules that register optimizers and problems. Each function is defined next to the code it
// registers; catalogue.cpp calls them all. A new module adds its function here and one line there.
#pragma once

#include "workbook/registry.hpp"

namespace workbook::catalogue {

void add_problems(Registry& registry);          // problems.cpp
void add_gradient_descent(Registry& registry);  // gradient_descent.cpp (Chapter 1)
void add_momentum(Registry& registry);          // momentum.cpp (Chapter 3)
void add_poisson(Registry& registry);           // poisson.cpp (Chapter 4)
void add_curvature(Registry& registry);         // curvature.cpp (Chapter 4)
void add_quasi_newton(Registry& registry);      // quasi_newton.cpp (Chapter 4)
void add_adaptive(Registry& registry);          // adaptive.cpp (Chapter 5)
void add_least_squares(Registry& registry);     // least_squares.cpp (Chapters 2 and 5)
void add_classification(Registry& registry);    // classification.cpp (Chapter 2)
void add_networks(Registry& registry);          // digit_networks.cpp (Chapter 6)

}  // namespace workbook::catalogue
