// The single-edit matcher of workbook/testing/single_edits.hpp: it names the one edit of the
// notes' lines that a function is, in the lines' symbols, and says nothing when the function is
// the notes' or more than one edit away. The functions here are written in the test: a momentum
// buffer b ← μ·b + g, x ← x − η·b, right and with one slip each.
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "workbook/testing/single_edits.hpp"

namespace tt = boost::test_tools;
namespace utf = boost::unit_test;
using namespace workbook;
namespace edits = workbook::testing::edits;

namespace {

bool says(const std::string& sentence, const std::string& part) {
  return sentence.find(part) != std::string::npos;
}

// Lines of a test's own, named "§0".
edits::Program lines(const std::string& name) {
  edits::Program p;
  p.name = name;
  p.section = "§0";
  return p;
}

// Checks that the matcher, run on `run` beside the lines `p`, says `part`.
template <class Run>
void expect_named(const edits::Program& p, const std::vector<edits::Draw>& draws, const Run& run,
                  const std::string& part) {
  const std::string sentence = edits::which_edit(p, edits::situations(p, draws, run));
  BOOST_TEST_INFO("the matcher said \"" << sentence << "\", expected it to say \"" << part << "\"");
  BOOST_TEST(says(sentence, part));
}

// The notes' lines: b ← μ·b + g, x ← x − η·b, with η = 0.1 and μ = 0.6.
edits::Program momentum_lines() {
  using edits::E;
  edits::Program p = lines("The momentum step");
  const E eta = p.parameter("η", 0.1), mu = p.parameter("μ", 0.6);
  const E x = p.variable("x", true), g = p.variable("g"), b = p.variable("b", true);
  p.let(b, mu * b + g);
  p.let(x, x - eta * b);
  return p;
}

// A step written in C++, coordinate by coordinate: `step(x, g, b)` updates x and b.
template <class Step>
std::string named(Step step) {
  const edits::Program p = momentum_lines();
  const std::vector<edits::Draw> draws = {edits::uniform(-2, 2), edits::uniform(-2, 2),
                                          edits::uniform(-1, 1)};
  auto run = [&](const std::vector<Vector>& before) {
    Vector x = before[0], b = before[2];
    for (Index i = 0; i < x.size(); ++i) step(x(i), before[1](i), b(i));
    return std::vector<Vector>{x, Vector::Constant(3, std::nan("")), b};
  };
  return edits::which_edit(p, edits::situations(p, draws, run));
}

// The notes' line β ← m/D, on m ∈ [1, 2] and D ∈ [2, 3], and what the matcher says of a step
// that computes β as `beta(m, D)`.
template <class Beta>
std::string ratio_named(Beta beta) {
  using edits::E;
  edits::Program p = lines("The ratio");
  const E m = p.variable("m"), d = p.variable("D"), b = p.variable("β", true);
  p.let(b, m / d);
  const std::vector<edits::Draw> draws = {edits::uniform(1, 2), edits::uniform(2, 3), {}};
  const auto run = [&](const std::vector<Vector>& before) {
    std::vector<Vector> after(3, Vector::Constant(3, std::nan("")));
    after[2] = beta(before[0].array(), before[1].array());
    return after;
  };
  return edits::which_edit(p, edits::situations(p, draws, run));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(single_edits)

BOOST_AUTO_TEST_CASE(the_notes_lines_get_no_sentence,
                     *utf::description("a step that is the notes' lines gets no sentence")) {
  const std::string sentence = named([](double& x, double g, double& b) {
    b = 0.6 * b + g;
    x -= 0.1 * b;
  });
  BOOST_TEST_INFO("the notes' own lines were named: " << sentence);
  BOOST_TEST(sentence.empty());
}

BOOST_AUTO_TEST_CASE(
    one_edit_is_named_in_the_lines_symbols,
    *utf::description("a sign, a symbol for another, a line in the wrong order, a state not saved, "
                      "a float (a line or a variable), a factor too many (a symbol or 2), a term "
                      "dropped, two variables "
                      "swapped and a hyper-parameter "
                      "in an integer are each named by the edit, in the lines' symbols")) {
  struct Case {
    std::string slip, expected;
    void (*step)(double&, double, double&);
  };
  const std::vector<Case> cases = {
      {"a sign", "b ← μ·b + g is in yours b ← μ·b − g",
       [](double& x, double g, double& b) {
         b = 0.6 * b - g;
         x -= 0.1 * b;
       }},
      {"η for μ", "b ← μ·b + g is in yours b ← η·b + g",
       [](double& x, double g, double& b) {
         b = 0.1 * b + g;
         x -= 0.1 * b;
       }},
      {"x moved with the old buffer", "x ← x − η·b is in yours x ← x − η·b_old",
       [](double& x, double g, double& b) {
         x -= 0.1 * b;
         b = 0.6 * b + g;
       }},
      {"the buffer not saved", "b ← μ·b + g is used but not saved",
       [](double& x, double g, double& b) {
         const double next = 0.6 * b + g;
         x -= 0.1 * next;
       }},
      {"μ in a float", "μ is held in a float",
       [](double& x, double g, double& b) {
         b = static_cast<double>(0.6f) * b + g;
         x -= 0.1 * b;
       }},
      {"the gradient in a float", "g is held in a float: every line reads g to a float's",
       [](double& x, double g, double& b) {
         const float held = static_cast<float>(g);
         b = 0.6 * b + held;
         x -= 0.1 * b;
       }},
      {"a term too many", "b ← μ·b + g is in yours b ← μ·b + g + η",
       [](double& x, double g, double& b) {
         b = 0.6 * b + g + 0.1;
         x -= 0.1 * b;
       }},
      {"η and μ swapped", "η and μ are swapped",
       [](double& x, double g, double& b) {
         b = 0.1 * b + g;
         x -= 0.6 * b;
       }},
      {"a factor too many on one symbol", "b ← μ·b + g is in yours b ← μ·b + η·g",
       [](double& x, double g, double& b) {
         b = 0.6 * b + 0.1 * g;
         x -= 0.1 * b;
       }},
      {"a factor 2 too many", "b ← μ·b + g is in yours b ← μ·b + 2·g",
       [](double& x, double g, double& b) {
         b = 0.6 * b + 2.0 * g;
         x -= 0.1 * b;
       }},
      {"a term dropped", "x ← x − η·b is in yours x ← 0 − η·b",
       [](double& x, double g, double& b) {
         b = 0.6 * b + g;
         x = -0.1 * b;
       }},
      {"two variables swapped in a line", "x ← x − η·b is in yours x ← b − η·x (x and b swapped)",
       [](double& x, double g, double& b) {
         b = 0.6 * b + g;
         x = b - 0.1 * x;
       }},
      // μ·b dropped gives the same outputs; the integer is named among the equivalent edits.
      {"μ in an int", "μ = 0.6 is held in an integer type: it became 0",
       [](double& x, double g, double& b) {
         const int mu = static_cast<int>(0.6);
         b = mu * b + g;
         x -= 0.1 * b;
       }},
  };
  for (const Case& c : cases) {
    const std::string sentence = named(c.step);
    BOOST_TEST_INFO(c.slip << ": the matcher said \"" << sentence << "\", expected it to say \""
                           << c.expected << "\"");
    BOOST_TEST(says(sentence, c.expected));
  }
}

BOOST_AUTO_TEST_CASE(
    a_root_taken_term_by_term_is_named,
    *utf::description("√(v − m²) written as √v − √(m²) = √v − |m| is one edit, named as such")) {
  using edits::E;
  edits::Program p = lines("The spread");
  const E v = p.variable("v"), m = p.variable("m"), d = p.variable("d", true);
  p.let(d, sqrt(v - square(m)));
  const std::vector<edits::Draw> draws = {edits::uniform(4, 9), edits::uniform(-1, 1), {}};
  const auto run = [](const std::vector<Vector>& before) {
    const Vector d = before[0].array().sqrt() - before[1].array().abs();
    return std::vector<Vector>{Vector::Constant(3, std::nan("")), Vector::Constant(3, std::nan("")),
                               d};
  };
  expect_named(p, draws, run, "is in yours d ← √v − √(m²)");
}

BOOST_AUTO_TEST_CASE(
    a_change_found_by_two_kinds_of_edit_is_said_once,
    *utf::description("β ← m/D written D/m is both the quotient's operands swapped and m and D "
                      "swapped in the line: said once, in the words that say more")) {
  const std::string sentence =
      ratio_named([](const auto& m, const auto& d) -> Vector { return d / m; });
  BOOST_TEST_INFO("the matcher said \"" << sentence << "\"");
  BOOST_TEST(says(sentence, "β ← m/D is in yours β ← D/m (m and D swapped)"));
  BOOST_TEST(!says(sentence, "the same outputs as"));
}

BOOST_AUTO_TEST_CASE(
    a_numerator_dropped_is_named_as_such,
    *utf::description("β ← m/D written 1/D is a numerator dropped, not D multiplied by m")) {
  const std::string sentence =
      ratio_named([](const auto&, const auto& d) -> Vector { return d.inverse(); });
  BOOST_TEST_INFO("the matcher said \"" << sentence << "\"");
  BOOST_TEST(says(sentence, "β ← m/D is in yours β ← 1/D"));
  BOOST_TEST(!says(sentence, "m/(m·D)"));
}

BOOST_AUTO_TEST_CASE(
    dropped_parentheses_are_named,
    *utf::description("a/D with D ← m + k, written a/m + k (the parentheses around the sum "
                      "dropped), is one edit of the lines, named as such")) {
  using edits::E;
  edits::Program p = lines("The ratio");
  const E a = p.variable("a"), m = p.variable("m"), k = p.variable("k"), d = p.variable("D"),
          r = p.variable("r", true);
  p.let(d, m + k);
  p.let(r, a / d);
  const std::vector<edits::Draw> draws = {
      edits::uniform(1, 2), edits::uniform(1, 2), edits::uniform(0.1, 1), {}, {}};
  const auto run = [](const std::vector<Vector>& before) {
    std::vector<Vector> after(5, Vector::Constant(3, std::nan("")));
    after[4] = before[0].array() / before[1].array() + before[2].array();
    return after;
  };
  expect_named(p, draws, run, "r ← a/D is in yours r ← a/m + k");
}

BOOST_AUTO_TEST_CASE(
    a_parenthesis_closed_one_factor_early_is_named,
    *utf::description("a/D with D ← m + k·s, written a/(m + k)·s (the parenthesis closed before "
                      "the last factor), is one edit of the lines, named as written")) {
  using edits::E;
  edits::Program p = lines("The ratio");
  const E a = p.variable("a"), m = p.variable("m"), k = p.variable("k"), h = p.variable("s"),
          d = p.variable("D"), r = p.variable("r", true);
  p.let(d, m + k * h);
  p.let(r, a / d);
  const std::vector<edits::Draw> draws = {edits::uniform(1, 2),
                                          edits::uniform(1, 2),
                                          edits::uniform(0.1, 1),
                                          edits::uniform(0.1, 1),
                                          {},
                                          {}};
  const auto run = [](const std::vector<Vector>& before) {
    std::vector<Vector> after(6, Vector::Constant(3, std::nan("")));
    after[5] = before[0].array() / (before[1] + before[2]).array() * before[3].array();
    return after;
  };
  expect_named(p, draws, run, "r ← a/D is in yours r ← a/(m + k)·s");
}

BOOST_AUTO_TEST_CASE(
    two_inputs_swapped_in_every_line_are_named_as_a_swap,
    *utf::description("D ← m + k·s, r ← s²/D computed with k and s exchanged (a struct unpacked "
                      "in the wrong order) is named as the two inputs swapped, not as r's edit")) {
  using edits::E;
  edits::Program p = lines("The ratio");
  const E m = p.variable("m"), k = p.variable("k"), h = p.variable("s"), d = p.variable("D"),
          r = p.variable("r", true);
  p.let(d, m + k * h);
  p.let(r, edits::square(h) / d);
  const std::vector<edits::Draw> draws = {
      edits::uniform(1, 2), edits::uniform(0.1, 1), edits::uniform(0.1, 1), {}, {}};
  const auto run = [](const std::vector<Vector>& before) {
    std::vector<Vector> after(5, Vector::Constant(3, std::nan("")));
    const Vector& k_read = before[2];  // s where the lines read k, and k where they read s
    const Vector& s_read = before[1];
    const Vector d = before[0].array() + k_read.array() * s_read.array();
    after[4] = s_read.array().square() / d.array();
    return after;
  };
  expect_named(p, draws, run, "k and s are swapped: every line reads one where the notes have");
}

BOOST_AUTO_TEST_CASE(
    a_division_applied_to_the_first_term_only_is_named,
    *utf::description("(a + b)/c written a/c + b (the division of a sum applied to its first term "
                      "only) is one edit of the lines, named as written")) {
  using edits::E;
  edits::Program p = lines("The mean");
  const E a = p.variable("a"), b = p.variable("b"), c = p.variable("c"), r = p.variable("r", true);
  p.let(r, (a + b) / c);
  const std::vector<edits::Draw> draws = {
      edits::uniform(1, 2), edits::uniform(0.1, 1), edits::uniform(2, 3), {}};
  const auto run = [](const std::vector<Vector>& before) {
    std::vector<Vector> after(4, Vector::Constant(3, std::nan("")));
    after[3] = before[0].array() / before[2].array() + before[1].array();
    return after;
  };
  expect_named(p, draws, run, "r ← (a + b)/c is in yours r ← a/c + b");
}

BOOST_AUTO_TEST_CASE(
    a_root_closed_after_its_first_term_is_named,
    *utf::description("√(v − m²) + e written √v − m² + e (the root's parenthesis closed after v) "
                      "is one edit of the lines, named as written")) {
  using edits::E;
  edits::Program p = lines("The spread");
  const E v = p.variable("v"), m = p.variable("m"), e = p.variable("e"), d = p.variable("d", true);
  p.let(d, edits::sqrt(v - edits::square(m)) + e);
  const std::vector<edits::Draw> draws = {
      edits::uniform(2, 3), edits::uniform(-1, 1), edits::uniform(0.1, 1), {}};
  const auto run = [](const std::vector<Vector>& before) {
    std::vector<Vector> after(4, Vector::Constant(3, std::nan("")));
    after[3] = before[0].array().sqrt() - before[1].array().square() + before[2].array();
    return after;
  };
  expect_named(p, draws, run, "d ← √(v − m²) + e is in yours d ← √v − m² + e");
}

BOOST_AUTO_TEST_CASE(
    a_local_written_out_and_changed_in_one_line_is_named,
    *utf::description(
        "with D ← m + k·h read by y ← m/D and z ← h²/D, a y written in full as "
        "m/(m + k·h²) while z is right is one slip (two edits of the lines), named as "
        "D written out in y's line")) {
  using edits::E;
  edits::Program p = lines("The map");
  const E m = p.variable("m"), k = p.variable("k"), h = p.variable("h"), d = p.variable("D"),
          y = p.variable("y", true), z = p.variable("z", true);
  p.let(d, m + k * h);
  p.let(y, m / d);
  p.let(z, square(h) / d);
  const std::vector<edits::Draw> draws = {
      edits::uniform(0.5, 3), edits::uniform(0.1, 2), edits::uniform(0.01, 0.5), {}, {}, {}};
  const auto run = [](const std::vector<Vector>& before) {
    std::vector<Vector> after(6, Vector::Constant(3, std::nan("")));
    const auto m = before[0].array(), k = before[1].array(), h = before[2].array();
    after[4] = m / (m + k * h * h);
    after[5] = h * h / (m + k * h);
    return after;
  };
  expect_named(p, draws, run, "y ← m/D is in yours y ← m/(m + k·h²) (D ← m + k·h written out");
}

BOOST_AUTO_TEST_CASE(
    a_pattern_slip_made_in_every_line_is_named,
    *utf::description("both corrections written (1 − β)ᵗ for 1 − βᵗ is one slip made twice, "
                      "named as the same change wherever the lines allow it")) {
  using edits::E;
  edits::Program p = lines("The corrections");
  const E b1 = p.parameter("β₁", 0.9), b2 = p.parameter("β₂", 0.99), t = p.step_number(3.0);
  const E m = p.variable("m"), v = p.variable("v"), m_hat = p.variable("m̂", true),
          v_hat = p.variable("v̂", true);
  p.let(m_hat, m / (1.0 - pow(b1, t)));
  p.let(v_hat, v / (1.0 - pow(b2, t)));
  const std::vector<edits::Draw> draws = {edits::uniform(-1, 1), edits::uniform(0.1, 1), {}, {}};
  const auto run = [](const std::vector<Vector>& before) {
    std::vector<Vector> after(4, Vector::Constant(3, std::nan("")));
    after[2] = before[0] / std::pow(1.0 - 0.9, 3.0);
    after[3] = before[1] / std::pow(1.0 - 0.99, 3.0);
    return after;
  };
  expect_named(p, draws, run,
               "the same change wherever the lines allow it: m̂ ← m/(1 − β₁ᵗ) is in "
               "yours m̂ ← m/(1 − β₁)ᵗ; v̂ ← v/(1 − β₂ᵗ) is in yours v̂ ← v/(1 − β₂)ᵗ");
}

BOOST_AUTO_TEST_CASE(
    a_term_added_after_its_use_is_named,
    *utf::description("s ← β·s + g + ε with its ε added only after y ← x/s has read s is named "
                      "as the term added after the line that uses s")) {
  using edits::E;
  edits::Program p = lines("The scaled step");
  const E beta = p.parameter("β", 0.6), epsilon = p.parameter("ε", 0.25);
  const E x = p.variable("x"), g = p.variable("g"), s = p.variable("s", true),
          y = p.variable("y", true);
  p.let(s, beta * s + g + epsilon);
  p.let(y, x / s);
  const std::vector<edits::Draw> draws = {
      edits::uniform(-1, 1), edits::uniform(1, 2), edits::uniform(1, 2), {}};
  const auto run = [](const std::vector<Vector>& before) {
    std::vector<Vector> after(4, Vector::Constant(3, std::nan("")));
    Vector s = 0.6 * before[2] + before[1];
    after[3] = before[0].cwiseQuotient(s);
    after[2] = s.array() + 0.25;
    return after;
  };
  expect_named(p, draws, run,
               "s ← β·s + g + ε is in yours s ← β·s + g, and its last term added "
               "only after y ← x/s (s ← s + ε)");
}

BOOST_AUTO_TEST_CASE(two_edits_get_no_sentence,
                     *utf::description("a step two edits away from the notes' lines gets no "
                                       "sentence: the matcher does not guess")) {
  const std::string sentence = named([](double& x, double g, double& b) {
    b = 0.5 * b - g;
    x += 0.2 * b;
  });
  BOOST_TEST_INFO("two edits were named as one: " << sentence);
  BOOST_TEST(sentence.empty());
}

BOOST_AUTO_TEST_SUITE_END()
