// Observers: the trace, the CSV file, the progress line, early stopping.
#include <unistd.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "workbook/observers.hpp"
#include "workbook/problems.hpp"
#include "workbook/testing/literate.hpp"

using namespace workbook;

namespace {

// x ← x − 0.1·∇f: a fixed step, written here so that these tests use no exercise.
class Descend final : public UpdateRule {
 public:
  std::string name() const override { return "descend"; }
  void reset(Index) override {}
  void step(Vector& x, double, const Vector& g, Objective&) override { x -= 0.1 * g; }
  int state_vectors() const override { return 0; }
};

// A loss that stops falling: x is halved for 4 steps, then stands still.
class Plateau final : public UpdateRule {
 public:
  std::string name() const override { return "plateau"; }
  void reset(Index) override { k_ = 0; }
  void step(Vector& x, double, const Vector&, Objective&) override {
    if (++k_ < 5) x *= 0.5;
  }
  int state_vectors() const override { return 0; }

 private:
  int k_ = 0;
};

std::filesystem::path scratch(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / "workbook-tests";
  std::filesystem::create_directories(dir);
  return dir / (name + "-" + std::to_string(::getpid()));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(observers)

BOOST_AUTO_TEST_CASE(trace_records_every_iterate_and_step_length) {
  Descend rule;
  TraceRecorder trace;
  StoppingRules stopping;
  stopping.max_iterations = 3;
  const Result result = minimize(Quadratic::diagonal(Vector{{1.0, 2.0}}), rule, Vector{{1.0, 1.0}},
                                 stopping, {&trace});
  BOOST_TEST_REQUIRE(trace.points().size() == 4u);
  BOOST_TEST(trace.points()[0].iteration == 0);
  BOOST_TEST(trace.points()[0].step_length == 0.0);
  // Step 1: x = (1 − 0.1, 1 − 0.2) = (0.9, 0.8): length √(0.01 + 0.04).
  BOOST_TEST(trace.points()[1].step_length == std::sqrt(0.05), tt::tolerance(1e-14));
  BOOST_TEST(trace.points()[3].x(0) == result.x(0));
  BOOST_TEST(trace.losses().back() == result.loss);
  BOOST_TEST(trace.iterates().size() == 4u);
}

BOOST_AUTO_TEST_CASE(
    csv_has_the_header_and_reproduces_every_double,
    *utf::description("CSV rows are step,loss,grad_norm,x0,x1 with 17 significant "
                      "digits: parsing them back gives the run's doubles exactly")) {
  const auto file = scratch("trace.csv");
  Descend rule;
  TraceRecorder trace;
  StoppingRules stopping;
  stopping.max_iterations = 25;
  {
    CsvWriter csv(file);
    minimize(Rosenbrock(), rule, Vector{{0.3, 0.1}}, stopping, {&csv, &trace});
  }
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  BOOST_TEST(line == "step,loss,grad_norm,x0,x1");
  std::size_t row = 0;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string field;
    std::vector<double> values;
    while (std::getline(fields, field, ',')) values.push_back(std::strtod(field.c_str(), nullptr));
    BOOST_TEST_REQUIRE(values.size() == 5u);
    const TracePoint& point = trace.points().at(row);
    BOOST_TEST(values[0] == static_cast<double>(point.iteration));
    BOOST_TEST(values[1] == point.loss);  // exact: no tolerance
    BOOST_TEST(values[2] == point.gradient_norm);
    BOOST_TEST(values[3] == point.x(0));
    BOOST_TEST(values[4] == point.x(1));
    ++row;
  }
  BOOST_TEST(row == trace.points().size());
  std::filesystem::remove(file);
}

BOOST_AUTO_TEST_CASE(an_unwritable_csv_is_an_error_before_the_run) {
  BOOST_CHECK_EXCEPTION(CsvWriter("/nonexistent-folder/trace.csv"), std::runtime_error,
                        testing::message_has({"/nonexistent-folder/trace.csv"}));
}

BOOST_AUTO_TEST_CASE(progress_line) {
  std::ostringstream out;
  ProgressLine progress(out, 2);
  Descend rule;
  StoppingRules stopping;
  stopping.max_iterations = 4;
  minimize(Quadratic::diagonal(Vector{{1.0, 2.0}}), rule, Vector{{1.0, 1.0}}, stopping,
           {&progress});
  const std::string text = out.str();
  BOOST_TEST(text.find("iteration 0  loss ") == 0u);
  BOOST_TEST(text.find("iteration 2  loss ") != std::string::npos);
  BOOST_TEST(text.find("iteration 1  loss ") == std::string::npos);
  BOOST_TEST(text.find("max iterations: 4 iterations reached") != std::string::npos);
  BOOST_CHECK_EXCEPTION(ProgressLine(out, 0), std::invalid_argument,
                        testing::message_has({"every = 0", ">= 1"}));
}

BOOST_AUTO_TEST_CASE(early_stopping_after_patience_without_improvement) {
  Plateau rule;
  EarlyStopping early(3);
  const Result result =
      minimize(Quadratic::diagonal(Vector{{1.0, 1.0}}), rule, Vector{{1.0, 1.0}}, {}, {&early});
  // The loss falls for 4 steps, then stays: best at iteration 4, stop 3 iterations later.
  BOOST_TEST(result.reason == StopReason::stopped_by_observer);
  BOOST_TEST(result.iterations == 7);
  BOOST_TEST(result.message.find("stopped early") == 0u);
  BOOST_TEST(result.message.find("at iteration 4") != std::string::npos);
  BOOST_CHECK_EXCEPTION(EarlyStopping(0), std::invalid_argument,
                        testing::message_has({"patience = 0"}));
  BOOST_CHECK_EXCEPTION(EarlyStopping(3, -1.0), std::invalid_argument,
                        testing::message_has({"min_delta = -1", ">= 0"}));
}

BOOST_AUTO_TEST_SUITE_END()
