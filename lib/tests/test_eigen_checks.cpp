// Eigen's checks as exceptions (workbook/eigen_checks.hpp), and what a test says when a step fails
// one: which state vector, empty in this configuration, the step indexed (KernelRun in
// workbook/testing/literate.hpp). The steps here are written in the test: RMSProp's buffers
// touched with and without their settings.
#include <boost/test/unit_test.hpp>
#include <string>

#include "workbook/adaptive.hpp"
#include "workbook/testing/literate.hpp"

using namespace workbook;
using testing::KernelRun;

namespace {

bool says(const std::string& sentence, const std::string& part) {
  return sentence.find(part) != std::string::npos;
}

// The message of the eigen_check_failed that `call` throws; "" if it throws none.
template <class Call>
std::string check_failure(Call call) {
  try {
    call();
  } catch (const eigen_check_failed& failed) {
    return failed.what();
  }
  return "";
}

// A plain RMSProp step that also writes the momentum buffer whatever μ: the test is μ >= 0.
void momentum_always(Vector& x, const Vector& g, RMSpropState& state, const RMSpropParams& p) {
  ++state.t;
  for (Index i = 0; i < x.size(); ++i) {
    state.square_average(i) = p.alpha * state.square_average(i) + (1 - p.alpha) * g(i) * g(i);
    const double d = std::sqrt(state.square_average(i)) + p.epsilon;
    if (p.momentum >= 0.0) {
      state.momentum_buffer(i) = p.momentum * state.momentum_buffer(i) + g(i) / d;
      x(i) -= p.learning_rate * state.momentum_buffer(i);
    } else {
      x(i) -= p.learning_rate * g(i) / d;
    }
  }
}

// A plain RMSProp step whose loop runs one coordinate too far.
void one_too_far(Vector& x, const Vector& g, RMSpropState& state, const RMSpropParams& p) {
  ++state.t;
  for (Index i = 0; i <= x.size(); ++i) {
    state.square_average(i) = p.alpha * state.square_average(i) + (1 - p.alpha) * g(i) * g(i);
    x(i) -= p.learning_rate * g(i) / (std::sqrt(state.square_average(i)) + p.epsilon);
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(eigen_checks)

BOOST_AUTO_TEST_CASE(an_index_out_of_range_throws_with_its_meaning) {
  Vector never_sized;
  const std::string why = check_failure([&] { never_sized(0) = 1.0; });
  BOOST_TEST_INFO(why);
  BOOST_TEST(says(why, "index >= 0 && index < size() failed: an index out of range"));
  const Vector a = Vector::Ones(2), b = Vector::Ones(3);
  const std::string sizes = check_failure([&] { Vector sum = a + b; });
  BOOST_TEST_INFO(sizes);
  BOOST_TEST(says(sizes, "two vectors of different sizes combined"));
  const std::string block = check_failure([&] { Vector e = Vector::Unit(2, 3); });
  BOOST_TEST_INFO(block);
  BOOST_TEST(says(block, "a size and an index given in the wrong order"));
}

BOOST_AUTO_TEST_CASE(a_buffer_written_without_its_setting_is_named) {
  KernelRun run(momentum_always, RMSpropParams{}, Vector{{1.0, 2.0}});
  const std::string why = check_failure([&] { run.step(Vector{{0.5, -1.0}}); });
  BOOST_TEST_INFO(why);
  BOOST_TEST(says(why,
                  "leaves empty, and writes it: the momentum buffer b, used only when "
                  "momentum > 0 (here momentum = 0)"));
  // At a zero gradient the buffer it writes stays 0; a gradient of ones shows which it was.
  KernelRun at_rest(momentum_always, RMSpropParams{}, Vector{{1.0, 2.0}});
  const std::string still = check_failure([&] { at_rest.step(Vector{{0.0, 0.0}}); });
  BOOST_TEST_INFO(still);
  BOOST_TEST(says(still, "and writes it: the momentum buffer b"));
  // With the setting on, the same step runs.
  RMSpropParams with_momentum;
  with_momentum.momentum = 0.9;
  KernelRun on(momentum_always, with_momentum, Vector{{1.0, 2.0}});
  BOOST_TEST(check_failure([&] { on.step(Vector{{0.5, -1.0}}); }).empty());
}

BOOST_AUTO_TEST_CASE(a_loop_one_too_far_is_a_loop_bound) {
  KernelRun run(one_too_far, RMSpropParams{}, Vector{{1.0, 2.0}});
  const std::string why = check_failure([&] { run.step(Vector{{0.5, -1.0}}); });
  BOOST_TEST_INFO(why);
  BOOST_TEST(says(why, "with every state vector sized too: is a loop bound off"));
}

BOOST_AUTO_TEST_SUITE_END()
