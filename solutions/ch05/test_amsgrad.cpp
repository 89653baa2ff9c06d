// Chapter 5, §5.5: AMSGrad and the counterexample of Reddi, Kale and Kumar (2018).
// Exercise: amsgrad_step (exercises/ch05/amsgrad_step.cpp).
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "workbook/adaptive.hpp"
#include "workbook/testing/adaptive_golden.hpp"
#include "workbook/testing/adaptive_probes.hpp"
#include "workbook/testing/literate.hpp"

using namespace workbook;
using testing::close;
using testing::KernelRun;

namespace {

AdamParams amsgrad(double lr) {
  AdamParams params;
  params.learning_rate = lr;
  params.amsgrad = true;
  return params;
}

//! [counterexample]
// The online problem of Reddi, Kale and Kumar on [−1, 1]: f_t(x) = C·x when t mod 3 = 1 and −x
// otherwise. Its gradient is C once, then −1 twice; on average (C − 2)/3 > 0 for C > 2, so the
// best fixed point is x = −1.
double counterexample_gradient(long t, double C) {
  return t % 3 == 1 ? C : -1.0;
}

// Runs Adam or AMSGrad on it for T steps from x = 0 with β₁ = 0, β₂ = 1/(1 + C²) and the
// decreasing step α/√t, projecting every iterate back onto [−1, 1]. Returns x_1, ..., x_T.
std::vector<double> counterexample_run(bool use_amsgrad, long T, double C = 3.0,
                                       double alpha = 0.1) {
  AdamParams params;
  params.betas = {0.0, 1.0 / (1.0 + C * C)};
  params.amsgrad = use_amsgrad;
  KernelRun run(use_amsgrad ? workbook::amsgrad_step : workbook::adam_step, params, Vector{{0.0}});
  std::vector<double> xs;
  for (long t = 1; t <= T; ++t) {
    run.params.learning_rate = alpha / std::sqrt(static_cast<double>(t));  // α_t = α/√t
    run.step(counterexample_gradient(t, C));
    run.x(0) = std::clamp(run.x(0), -1.0, 1.0);  // projection onto the feasible set [−1, 1]
    xs.push_back(run.x(0));
  }
  return xs;
}
//! [counterexample]

}  // namespace

BOOST_AUTO_TEST_SUITE(amsgrad_step)

//! [raw maximum]
BOOST_AUTO_TEST_CASE(
    maximum_of_the_raw_second_moment,
    *utf::description("§5.5: torch keeps v_max = max(v_max, v) of the raw v and divides by "
                      "√(1 − β₂ᵗ) afterwards: lr = 0.1, x₀ = 0, gradients 10 then 1 give "
                      "x₂ = −0.174081064 (the maximum of the corrected v̂ would give "
                      "−0.152631579)")) {
  KernelRun run(workbook::amsgrad_step, amsgrad(0.1), Vector{{0.0}});
  run.step(10.0);
  run.step(1.0);
  const double x2 = run.x(0);
  std::string why = "x₂ = " + format_number(x2, 10) + ", expected −0.174081064";
  if (close(x2, -0.1526315788, 1e-8)) {
    why +=
        ": AMSGrad's maximum taken after the bias correction? torch keeps the maximum of the "
        "raw v, then divides by √(1 − β₂ᵗ)";
  } else if (const double c2 = 1.0 - 0.999 * 0.999;
             close(run.state.v_max(0), std::max(0.1 / 0.001, 0.1009) / c2, 1e-9)) {
    why += ": v_max = " + format_number(run.state.v_max(0), 6) +
           " after v = 0.1, 0.1009: max(v_max, v)/(1 − β₂ᵗ), the corrected value written back "
           "into the state (100 after the first step, then corrected again: 100/(1 − β₂²)); a "
           "stored correction is applied again at every later step, so v_max grows without "
           "bound and the steps die out. torch keeps the raw maximum, v_max ← max(v_max, v), "
           "and divides by 1 − β₂ᵗ only the value in the denominator";
  } else if (close(run.state.v_max(0), 100.0)) {
    why +=
        ": v_max holds the largest g² (100), not the largest second moment v: "
        "v_max ← max(v_max, v)";
  } else {
    why += testing::what_the_probes_found(testing::probe_lines_and_step(
        workbook::amsgrad_step, amsgrad(1e-3), testing::adam_shape("AMSGrad's step")));
  }
  BOOST_TEST_INFO(why);
  BOOST_TEST(x2 == -0.174081064, tt::tolerance(1e-9));
  const bool kept = close(run.state.v_max(0), 0.1009, 1e-12);
  BOOST_TEST_INFO("v_max after v = 0.1, 0.1009 must be 0.1009, got "
                  << run.state.v_max(0)
                  << (kept ? "" : testing::lines_say(workbook::amsgrad_step, amsgrad(1e-3))()));
  BOOST_TEST(run.state.v_max(0) == 0.1009, tt::tolerance(1e-12));
}
//! [raw maximum]

BOOST_AUTO_TEST_CASE(
    the_maximum_never_decreases,
    *utf::description("§5.5: v_max is the running maximum of v: it never decreases, is never "
                      "below v, and when v falls AMSGrad's step is smaller than Adam's; so under "
                      "every convention (ε inside the root, no bias correction, weight decay)")) {
  KernelRun ams(workbook::amsgrad_step, amsgrad(0.01), Vector{{0.0, 0.0}});
  KernelRun adam(workbook::adam_step, AdamParams{.learning_rate = 0.01}, Vector{{0.0, 0.0}});
  Vector largest_v = Vector::Zero(2), previous_max = Vector::Zero(2);
  int steps_after_v_fell = 0;
  bool v_is_v_max = true;  // after every step, v equal to v_max bit for bit
  const auto lines_say = testing::lines_say(workbook::amsgrad_step, amsgrad(0.01));
  for (int t = 1; t <= 60; ++t) {
    const Vector g{{10.0 * std::exp(-t / 3.0) + 0.1, std::cos(0.5 * t)}};
    const Vector ams_step = ams.step(g), adam_step = adam.step(g);
    largest_v = largest_v.cwiseMax(ams.state.v);
    const bool running_maximum =
        (ams.state.v_max - largest_v).cwiseAbs().maxCoeff() <= 1e-15 * largest_v.maxCoeff();
    const bool never_decreases = (ams.state.v_max.array() >= previous_max.array()).all();
    // Adam's v is the average AMSGrad's v must be (their m and v lines are the same).
    const bool swapped =
        ams.state.v_max.isApprox(adam.state.v, 1e-12) && !ams.state.v.isApprox(adam.state.v, 1e-12);
    BOOST_TEST_INFO("step " << t << ": v_max = " << format_vector(ams.state.v_max, 8)
                            << ", the largest v so far = " << format_vector(largest_v, 8)
                            << (running_maximum && never_decreases ? ""
                                : swapped
                                    ? ": v_max holds the moving average β₂v + (1 − β₂)g² (Adam's "
                                      "v, " +
                                          format_vector(adam.state.v) +
                                          ") and v holds something else, the maximum: are the "
                                          "two swapped? v is the average, and v_max its running "
                                          "maximum"
                                    : lines_say()));
    BOOST_TEST(running_maximum);
    BOOST_TEST(never_decreases);
    previous_max = ams.state.v_max;
    v_is_v_max = v_is_v_max && ams.state.v == ams.state.v_max;
    // Coordinate 0: its gradient decays from 10, so v falls after a few steps; then v_max > v
    // and AMSGrad's step is the smaller one (m is the same in both).
    if (ams.state.v_max(0) > ams.state.v(0)) {
      ++steps_after_v_fell;
      const bool smaller = std::abs(ams_step(0)) < std::abs(adam_step(0));
      BOOST_TEST_INFO("step " << t << ": AMSGrad moved " << ams_step(0) << ", Adam " << adam_step(0)
                              << ", with v_max = " << format_number(ams.state.v_max(0), 17)
                              << " above v = " << format_number(ams.state.v(0), 17)
                              << (smaller ? "" : lines_say()));
      BOOST_TEST(smaller);
    }
  }
  BOOST_TEST_INFO("v fell below v_max at "
                  << steps_after_v_fell
                  << " of 60 steps, expected at least 40 (coordinate "
                     "0's gradient decays from 10)"
                  << (v_is_v_max ? ": v equals v_max after every step: the "
                                   "maximum is written back into v, so v's "
                                   "average carries on from the maximum; v ← "
                                   "β₂v + (1 − β₂)g² is v's own, and the "
                                   "maximum lives in v_max only"
                                 : "")
                  << (steps_after_v_fell >= 40 ? "" : lines_say()));
  BOOST_TEST(steps_after_v_fell >= 40);

  // The maximum is AMSGrad's whatever the other conventions say: ε inside the root, no bias
  // correction, L2 or decoupled weight decay each change the denominator's other terms, not v_max.
  struct Convention {
    std::string name;
    AdamParams params;
  };
  std::vector<Convention> conventions(4, {"", amsgrad(0.01)});
  conventions[0].name = "epsilon_inside_root = true";
  conventions[0].params.epsilon_inside_root = true;
  conventions[1].name = "bias_correction = false";
  conventions[1].params.bias_correction = false;
  conventions[2].name = "weight_decay = 0.1 (L2)";
  conventions[2].params.weight_decay = 0.1;
  conventions[3].name = "weight_decay = 0.1, decoupled_weight_decay = true";
  conventions[3].params.weight_decay = 0.1;
  conventions[3].params.decoupled_weight_decay = true;
  for (const Convention& convention : conventions) {
    KernelRun run(workbook::amsgrad_step, convention.params, Vector{{1.0}});
    double largest = 0.0;
    for (int t = 1; t <= 10; ++t) {
      run.step(10.0 * std::exp(-t / 2.0));  // v rises for a few steps, then falls
      largest = std::max(largest, run.state.v(0));
    }
    const bool kept = close(run.state.v_max(0), largest, 1e-15);
    // The maximum's own slip only where the average it keeps is a number.
    const bool maximum_alone = std::isfinite(largest) && std::isfinite(run.state.v_max(0));
    const std::string lines =
        kept ? "" : testing::lines_say(workbook::amsgrad_step, convention.params)();
    BOOST_TEST_INFO("with " << convention.name
                            << ": after 10 steps v_max = " << format_number(run.state.v_max(0), 17)
                            << ", the largest v so far = " << format_number(largest, 17)
                            << (kept            ? ""
                                : maximum_alone ? ": the running maximum is kept under some "
                                                  "settings only? v_max ← max(v_max, v) whatever "
                                                  "ε's place, the bias correction or the weight "
                                                  "decay" +
                                                      lines
                                                : lines));
    BOOST_TEST(kept);
  }
}

//! [reddi]
BOOST_AUTO_TEST_CASE(
    adam_goes_to_the_worst_point_amsgrad_to_the_best,
    *utf::label("plot") *
        utf::description("§5.5: on the counterexample with C = 3 (β₁ = 0, β₂ = 1/(1 + C²) = 0.1, "
                         "step 0.1/√t, projection onto [−1, 1]) Adam ends at x = +1, the worst "
                         "point, and AMSGrad at x ≤ −0.99, near the best point −1, after "
                         "30 000 steps")) {
  const long T = 30000;
  const std::vector<double> adam = counterexample_run(false, T);
  const std::vector<double> ams = counterexample_run(true, T);
  BOOST_TEST_INFO("Adam ends at x_T = " << adam.back() << ": it should be driven to +1");
  BOOST_TEST(adam.back() == 1.0);
  std::string why = "AMSGrad ends at x_T = " + format_number(ams.back()) + ", expected ≤ −0.99";
  // "Like Adam" only when the two runs are the same run: ending at +1 alone has other causes.
  bool like_adam = true;
  for (std::size_t k = 0; k < adam.size() && like_adam; ++k)
    like_adam = std::abs(ams[k] - adam[k]) <= 1e-9;
  if (ams.back() > 0.9 && like_adam) {
    why += ": it behaved like Adam; is the denominator built from v_max = max(v_max, v)?";
  } else if (!(ams.back() <= -0.99)) {
    why += testing::what_the_probes_found(testing::probe_lines_and_step(
        workbook::amsgrad_step, amsgrad(1e-3), testing::adam_shape("AMSGrad's step")));
  }
  BOOST_TEST_INFO(why);
  BOOST_TEST(ams.back() <= -0.99);

  std::vector<double> t_axis, adam_x, ams_x;
  for (long t = 1; t <= T; t += (t < 300 ? 1 : 20)) {
    t_axis.push_back(static_cast<double>(t));
    adam_x.push_back(adam[t - 1]);
    ams_x.push_back(ams[t - 1]);
  }
  testing::draw(plot::Figure("Reddi–Kale–Kumar: f_t(x) = 3x if t mod 3 = 1, else −x, on [−1, 1]")
                    .x_label("step t")
                    .y_label("x_t")
                    .log_x()
                    .y_range(-1.1, 1.1)
                    .add("Adam (β₁ = 0, β₂ = 0.1)", t_axis, adam_x)
                    .add("AMSGrad (β₁ = 0, β₂ = 0.1)", t_axis, ams_x),
                "ch05_amsgrad_counterexample");
}
//! [reddi]

//! [gamma]
// Reddi, Kale and Kumar's proofs need Γ_{t+1} = √v_{t+1}/α_{t+1} − √v_t/α_t ≥ 0 in every coordinate:
// the inverse of the effective step size must not fall. With α_t = α/√t, Adam's v breaks it, and
// the maximum v_max restores it by construction.
BOOST_AUTO_TEST_CASE(
    the_maximum_keeps_gamma_nonnegative,
    *utf::description("§5.5: on the counterexample with C = 3, Γ_{t+1} = √v_{t+1}/α_{t+1} − "
                      "√v_t/α_t, with α_t = 0.1/√t, is negative after 20000 of Adam's 29999 "
                      "steps (every step after a gradient C: the step size jumps up) and after "
                      "none of AMSGrad's, which uses v_max for v")) {
  AdamParams params;
  params.betas = {0.0, 0.1};
  params.amsgrad = true;
  KernelRun run(workbook::amsgrad_step, params, Vector{{0.0}});
  long adam_negative = 0, ams_negative = 0;
  double adam_previous = 0.0, ams_previous = 0.0;
  for (long t = 1; t <= 30000; ++t) {
    const double alpha = 0.1 / std::sqrt(static_cast<double>(t));
    run.params.learning_rate = alpha;
    run.step(t % 3 == 1 ? 3.0 : -1.0);
    run.x(0) = std::clamp(run.x(0), -1.0, 1.0);
    // √v/α: Adam's from the raw second moment v, AMSGrad's from its maximum v_max.
    const double adam_inverse = std::sqrt(run.state.v(0)) / alpha;
    const double ams_inverse = std::sqrt(run.state.v_max(0)) / alpha;
    if (t > 1) {
      adam_negative += adam_inverse < adam_previous;
      if (ams_inverse < ams_previous) {
        ++ams_negative;
        BOOST_TEST_INFO("step " << t << ": √v_max/α_t fell from " << ams_previous << " to "
                                << ams_inverse << " (v_max = " << run.state.v_max(0)
                                << "): is v_max the running maximum of v?");
        BOOST_TEST(ams_inverse >= ams_previous);
      }
    }
    adam_previous = adam_inverse;
    ams_previous = ams_inverse;
  }
  BOOST_TEST_INFO("√v/α_t fell at "
                  << adam_negative << " of Adam's steps, expected 20000"
                  << (adam_negative == 20000
                          ? ""
                          : testing::lines_say(workbook::amsgrad_step, amsgrad(1e-3))()));
  BOOST_TEST(adam_negative == 20000);
  BOOST_TEST(ams_negative == 0);
}
//! [gamma]

BOOST_AUTO_TEST_CASE(
    iterates_equal_torch_amsgrad,
    *utf::description("§5.10: with amsgrad = true, on the quadratic and Rosenbrock for every "
                      "combination of the grid (32 runs of Adam, 16 of AdamW, 30 steps), the "
                      "iterates equal torch.optim 1.13's to 1e-10 relative")) {
  BOOST_TEST(golden::check_replays(golden::torch_adam_family(true), {}, 1e-10,
                                   testing::lines_say(workbook::amsgrad_step, amsgrad(1e-3))) ==
             48);
}

BOOST_AUTO_TEST_CASE(
    conventions_pinned_by_formula_goldens,
    *utf::description("§5.10: fed the same 40 gradients, AMSGrad (and AdamW with amsgrad) follows "
                      "the formulas to 1e-10; taking the maximum after the correction, or no "
                      "maximum, moves the iterates by more than 1e-6")) {
  const auto family = golden::formula_family({"adam", "adamw"}, [](const golden::Trajectory& run) {
    return run.settings.count("amsgrad") == 1;
  });
  BOOST_TEST(golden::check_formula_family(
                 family, testing::lines_say(workbook::amsgrad_step, amsgrad(1e-3))) == 3);
}

BOOST_AUTO_TEST_CASE(keeps_what_every_adaptive_step_keeps,
                     *utf::description(testing::every_adaptive_step_keeps)) {
  testing::check_probes(workbook::amsgrad_step, amsgrad(1e-3),
                        testing::adam_shape("AMSGrad's step"));
}

BOOST_AUTO_TEST_SUITE_END()
