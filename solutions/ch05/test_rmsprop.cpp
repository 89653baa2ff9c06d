// Chapter 5, §5.3: RMSProp. Exercise: rmsprop_step (exercises/ch05/rmsprop_step.cpp).
#include <cmath>

#include "workbook/adaptive.hpp"
#include "workbook/testing/adaptive_golden.hpp"
#include "workbook/testing/adaptive_probes.hpp"
#include "workbook/testing/literate.hpp"

using namespace workbook;
using testing::close;
using testing::KernelRun;

namespace {

// Why torch's first RMSprop step (lr = 1e-2, α = 0.99, ε = 1e-8) for gradient 1 moved `moved`
// instead of lr/(√(1 − α) + ε) = 9.999999·lr.
std::string diagnose_first_step(double moved) {
  const double lr = 1e-2;
  const std::string head = "first step moved " + format_number(moved, 8) +
                           ", expected −lr/(√(1 − α) + ε) = −9.999999·lr";
  // A first step of lr has more than one cause (a bias correction, v without its 1 − α): the
  // lines measured tell which.
  const std::vector<std::string> lines = testing::rmsprop_lines(workbook::rmsprop_step);
  if (close(moved, -lr, 1e-6)) {
    return head + (lines.empty() ? ": RMSprop has no bias correction: is v divided by 1 − αᵗ? "
                                   "Without it the first step is lr/√(1 − α) = 10·lr"
                                 : testing::what_the_probes_found(lines));
  }
  if (close(moved, lr / (std::sqrt(0.01) + 1e-8), 1e-6))
    return head + ": x moved uphill; the step is θ − η g/d";
  if (close(moved, -lr / std::sqrt(0.01 + 1e-8), 1e-10))
    return head + ": ε inside the square root? torch divides by √v + ε";
  return head + testing::what_the_probes_found(lines);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(rmsprop_step)

//! [first step]
BOOST_AUTO_TEST_CASE(
    first_step_is_lr_over_root_one_minus_alpha,
    *utf::description("§5.3: torch's RMSprop has no bias correction: v₁ = (1 − α)g², so the first "
                      "step is lr·g/(√(1 − α)|g| + ε) = 9.999999·lr for α = 0.99 and g = 1")) {
  KernelRun run(workbook::rmsprop_step, RMSpropParams{}, Vector{{0.0}});
  const double moved = run.step(1.0);
  const std::string why = diagnose_first_step(moved);
  BOOST_TEST_INFO(why);
  BOOST_TEST(-moved / 1e-2 == 9.9999990000001, tt::tolerance(1e-12));
}
//! [first step]

//! [does not die]
BOOST_AUTO_TEST_CASE(
    the_step_does_not_die,
    *utf::description("§5.3: a moving average forgets: with a constant gradient RMSprop's step "
                      "tends to lr (after 2000 steps: lr to 1e-8) while Adagrad's is lr/√2000; "
                      "when the gradient then shrinks 100-fold, RMSprop's step is back above "
                      "0.9·lr after 1061 steps (v forgets the old g² like αᵏ), Adagrad's stays "
                      "below 1e-3·lr")) {
  KernelRun rmsprop(workbook::rmsprop_step, RMSpropParams{}, Vector{{0.0}});
  KernelRun adagrad(workbook::adagrad_step, AdagradParams{}, Vector{{0.0}});
  double rms_step = 0.0, ada_step = 0.0;
  for (int t = 1; t <= 2000; ++t) {
    rms_step = -rmsprop.step(1.0);
    ada_step = -adagrad.step(1.0);
  }
  // The step's lines, measured, say why when the step does not tend to lr.
  const auto lines = testing::lines_say(workbook::rmsprop_step, RMSpropParams{});
  std::string why =
      "RMSprop's step after 2000 constant gradients: " + format_number(rms_step / 1e-2) + "·lr";
  if (!close(rms_step, 1e-2, 1e-8)) why += lines();
  BOOST_TEST_INFO(why);
  BOOST_TEST(rms_step / 1e-2 == 1.0, tt::tolerance(1e-8));
  BOOST_TEST(ada_step / 1e-2 == 1.0 / std::sqrt(2000.0), tt::tolerance(1e-8));

  int steps_back = 0;
  for (int t = 1; t <= 1500; ++t) {
    rms_step = -rmsprop.step(0.01);
    ada_step = -adagrad.step(0.01);
    if (steps_back == 0 && rms_step / 1e-2 > 0.9) steps_back = t;
  }
  why = "RMSprop's step after the gradient fell to 0.01: " + format_number(rms_step / 1e-2) +
        "·lr (back above 0.9·lr after " + std::to_string(steps_back) + " steps)";
  if (steps_back != 1061) why += lines();
  BOOST_TEST_INFO(why);
  // v_k = αᵏ·1 + (1 − αᵏ)·1e-4 must fall to (0.01/0.9)²: k = 1061.
  BOOST_TEST(steps_back == 1061);
  BOOST_TEST(rms_step / 1e-2 > 0.9);
  BOOST_TEST_INFO("Adagrad's step: " << ada_step / 1e-2 << "·lr");
  BOOST_TEST(ada_step / 1e-2 < 1e-3);
}
//! [does not die]

BOOST_AUTO_TEST_CASE(
    centred_denominator_vanishes_on_a_constant_gradient,
    *utf::description("§5.3: centred, d = √(v − ḡ²) + ε estimates the standard deviation of g: "
                      "for a constant gradient 1 it is √(αᵗ(1 − αᵗ)), so step 100 is "
                      "lr/√(0.99¹⁰⁰(1 − 0.99¹⁰⁰)) = 2.08·lr against 1.26·lr uncentred, and the "
                      "steps grow without bound as the variance goes to 0")) {
  RMSpropParams centred;
  centred.centered = true;
  KernelRun with(workbook::rmsprop_step, centred, Vector{{0.0}});
  KernelRun without(workbook::rmsprop_step, RMSpropParams{}, Vector{{0.0}});
  double centred_step = 0.0, plain_step = 0.0;
  for (int t = 1; t <= 100; ++t) {
    centred_step = -with.step(1.0);
    plain_step = -without.step(1.0);
  }
  const double a = std::pow(0.99, 100);
  const double expected = 1e-2 / (std::sqrt(a * (1.0 - a)) + 1e-8);
  std::string why = "step 100: centred " + format_number(centred_step / 1e-2) + "·lr, uncentred " +
                    format_number(plain_step / 1e-2) + "·lr";
  if (!close(centred_step, expected, 1e-8)) {
    // The lines, measured, first; a centred step equal to the plain one is otherwise an option
    // not read.
    const std::string lines = testing::lines_say(workbook::rmsprop_step, RMSpropParams{})();
    why += !lines.empty() || !close(centred_step, plain_step) ? lines : ": is centered ignored?";
  }
  BOOST_TEST_INFO(why);
  BOOST_TEST(centred_step / 1e-2 == 1.0 / (std::sqrt(a * (1.0 - a)) + 1e-8), tt::tolerance(1e-8));
  BOOST_TEST(centred_step / 1e-2 == 2.08, tt::tolerance(0.005));
  BOOST_TEST(plain_step / 1e-2 == 1.0 / (std::sqrt(1.0 - a) + 1e-8), tt::tolerance(1e-8));
  for (int t = 101; t <= 1000; ++t) centred_step = -with.step(1.0);
  BOOST_TEST_INFO("centred step 1000: " << centred_step / 1e-2 << "·lr");
  BOOST_TEST(centred_step / 1e-2 > 5.0);
}

BOOST_AUTO_TEST_CASE(
    iterates_equal_torch_rmsprop,
    *utf::description("§5.10: on the quadratic and Rosenbrock, for every combination of lr, "
                      "alpha, weight_decay, momentum and centered in the grid (64 runs of 30 "
                      "steps), the iterates equal torch.optim 1.13's to 1e-10 relative")) {
  BOOST_TEST(golden::check_replays(golden::read("torch_rmsprop.csv"), {}, 1e-10,
                                   testing::lines_say(workbook::rmsprop_step, RMSpropParams{})) ==
             64);
}

BOOST_AUTO_TEST_CASE(
    conventions_pinned_by_formula_goldens,
    *utf::description("§5.10: fed the same 40 gradients, RMSprop follows the formulas to 1e-10; "
                      "a bias correction, ε inside the root, centered ignored, or a momentum "
                      "buffer of g instead of g/d move the iterates by more than 1e-6")) {
  BOOST_TEST(golden::check_formula_family(
                 golden::formula_family({"rmsprop"}),
                 testing::lines_say(workbook::rmsprop_step, RMSpropParams{})) == 3);
}

BOOST_AUTO_TEST_CASE(keeps_what_every_adaptive_step_keeps,
                     *utf::description(testing::every_adaptive_step_keeps)) {
  testing::check_probes(workbook::rmsprop_step, RMSpropParams{}, testing::rmsprop_shape());
  // The centred step, alone and with momentum, keeps the same: its own lines (ḡ, the variance
  // v − ḡ²) are where a zero gradient or a reordering can go wrong.
  for (const double momentum : {0.0, 0.9}) {
    RMSpropParams centred;
    centred.centered = true;
    centred.momentum = momentum;
    testing::StepShape<RMSpropState> shape = testing::rmsprop_shape();
    shape.name =
        momentum > 0.0 ? "RMSProp's centred step with momentum μ = 0.9" : "RMSProp's centred step";
    testing::check_probes(workbook::rmsprop_step, centred, shape);
  }
}

BOOST_AUTO_TEST_SUITE_END()
