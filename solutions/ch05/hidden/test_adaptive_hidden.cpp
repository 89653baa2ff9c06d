// Chapter 5, §5.2–§5.4: hidden tests of the Adagrad, RMSProp and Adam steps, for many parameters
// of every scale. Hidden tests (solutions/<chapter>/hidden/) are graded like the others; the
// student edition leaves their code out, and the manifest declares them so that their names and
// points are known.
#include <cmath>
#include <string>

#include "workbook/adaptive.hpp"
#include "workbook/testing/literate.hpp"

using namespace workbook;

namespace {

// 1000 gradients spanning twelve orders of magnitude, both signs, changing with the step t.
Vector gradients(long t) {
  Vector g(1000);
  for (Index i = 0; i < g.size(); ++i) {
    const double scale = std::pow(10.0, -6.0 + 12.0 * static_cast<double>(i) / 999.0);
    g(i) = scale * std::cos(0.7 * static_cast<double>(i) + static_cast<double>(t));
  }
  return g;
}

// "every parameter right" or the first one that is not, with what it should be.
std::string compare(const Vector& got, const Vector& expected, long t, Index& wrong) {
  wrong = -1;
  for (Index i = 0; i < got.size() && wrong < 0; ++i) {
    if (!(std::abs(got(i) - expected(i)) <= 1e-12 * std::max(1e-3, std::abs(expected(i)))))
      wrong = i;
  }
  if (wrong < 0) return "step " + std::to_string(t) + ": every parameter right";
  return "step " + std::to_string(t) + ": θ_" + std::to_string(wrong) + " = " +
         format_number(got(wrong), 12) + ", expected " + format_number(expected(wrong), 12) +
         " (its gradient is " + format_number(gradients(t)(wrong)) + ")";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(adagrad_step)

BOOST_AUTO_TEST_CASE(
    five_steps_for_a_thousand_parameters_of_every_scale,
    *utf::description("§5.2: S ← S + g², θ ← θ − η g/(√S + ε) for each parameter on its own: 1000 "
                      "parameters whose gradients range from 1e-6 to 1e6 follow the formula "
                      "written out, for five steps")) {
  AdagradParams params;
  Vector theta = Vector::Zero(1000), expected = theta, sum = Vector::Zero(1000);
  AdagradState state = start_state<AdagradState>(theta, params);
  for (long t = 1; t <= 5; ++t) {
    const Vector g = gradients(t);
    workbook::adagrad_step(theta, g, state, params);
    sum += g.cwiseProduct(g);
    expected -=
        params.learning_rate * g.cwiseQuotient((sum.cwiseSqrt().array() + params.epsilon).matrix());
    Index wrong;
    BOOST_TEST_INFO(compare(theta, expected, t, wrong));
    BOOST_TEST(wrong == -1);
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(rmsprop_step)

BOOST_AUTO_TEST_CASE(
    five_steps_for_a_thousand_parameters_of_every_scale,
    *utf::description("§5.3: v ← αv + (1 − α)g², θ ← θ − η g/(√v + ε) for each parameter on its "
                      "own: 1000 parameters whose gradients range from 1e-6 to 1e6 follow the "
                      "formula written out, for five steps")) {
  RMSpropParams params;
  Vector theta = Vector::Zero(1000), expected = theta, v = Vector::Zero(1000);
  RMSpropState state = start_state<RMSpropState>(theta, params);
  for (long t = 1; t <= 5; ++t) {
    const Vector g = gradients(t);
    workbook::rmsprop_step(theta, g, state, params);
    v = params.alpha * v + (1.0 - params.alpha) * g.cwiseProduct(g);
    expected -=
        params.learning_rate * g.cwiseQuotient((v.cwiseSqrt().array() + params.epsilon).matrix());
    Index wrong;
    BOOST_TEST_INFO(compare(theta, expected, t, wrong));
    BOOST_TEST(wrong == -1);
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(adam_step)

BOOST_AUTO_TEST_CASE(
    five_steps_for_a_thousand_parameters_of_every_scale,
    *utf::description("§5.4: m and v averaged, corrected by 1 − β₁ᵗ and 1 − β₂ᵗ, θ ← θ − η m̂/(√v̂ "
                      "+ ε) for each parameter on its own: 1000 parameters whose gradients range "
                      "from 1e-6 to 1e6 follow the formula written out, for five steps")) {
  AdamParams params;
  const auto [beta1, beta2] = params.betas;
  Vector theta = Vector::Zero(1000), expected = theta;
  Vector m = Vector::Zero(1000), v = Vector::Zero(1000);
  AdamState state = start_state<AdamState>(theta, params);
  for (long t = 1; t <= 5; ++t) {
    const Vector g = gradients(t);
    workbook::adam_step(theta, g, state, params);
    m = beta1 * m + (1.0 - beta1) * g;
    v = beta2 * v + (1.0 - beta2) * g.cwiseProduct(g);
    const double c1 = 1.0 - std::pow(beta1, static_cast<double>(t));
    const double c2 = 1.0 - std::pow(beta2, static_cast<double>(t));
    const Vector root = ((v / c2).cwiseSqrt().array() + params.epsilon).matrix();
    expected -= params.learning_rate * (m / c1).cwiseQuotient(root);
    Index wrong;
    BOOST_TEST_INFO(compare(theta, expected, t, wrong));
    BOOST_TEST(wrong == -1);
  }
}

BOOST_AUTO_TEST_SUITE_END()
