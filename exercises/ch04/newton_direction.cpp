// Chapter 4, exercise 1: the Newton direction.
//
// Read: Chapter 4, §4.1 "Newton's method from the quadratic model" (chapters/ch04_curvature.md,
// #ch04-newton) and §4.2 "Saddles and indefinite Hessians" (#ch04-saddles); the comment of
// newton_direction() in lib/include/workbook/curvature.hpp states the contract.
//
// Contract: given H = ∇²f(x_k) (n × n, symmetric) and g = ∇f(x_k), return the direction p that
// minimises the quadratic model m(p) = f + gᵀp + ½pᵀHp. Throw workbook::Breakdown (driver.hpp)
// when H is not positive definite: then the model has no minimiser. Throw std::invalid_argument
// naming the sizes when H is not n × n. Change none of the inputs. The result must be accurate
// (a small residual ‖Hp + g‖) even when H is nearly singular: think about how you solve, not
// only what. Eigen's dense decompositions are in <Eigen/Cholesky> and <Eigen/LU>.
//
// Check:  ctest --preset default -L ch04 -R newton_direction
#include "workbook/curvature.hpp"
#include "workbook/errors.hpp"

workbook::Vector workbook::newton_direction(const Matrix& hessian, const Vector& gradient) {
  WORKBOOK_NOT_IMPLEMENTED("Chapter 4, §4.1 Newton's method from the quadratic model");
}
