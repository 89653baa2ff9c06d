#pragma once
// Which line of a step is wrong. An update rule of the notes is a few lines, each a small formula
// (m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², θ ← θ − η m̂/(√v̂ + ε)). The probes here check each
// line on its own: they set the state the line reads, take one step with the student's kernel,
// and read back what the line wrote. Most lines are linear in what they read, so a few such steps
// measure the line's coefficients, and a wrong line is named with the coefficients it has, in the
// notes' symbols:
//
//     the first moment's line gives m ← β₁·m + (1 − β₂)·g; §5.4's is m ← β₁·m + (1 − β₁)·g
//
// That names a slip nobody listed (a swapped weight, a missing root, a correction with the wrong
// t) by where it is and what it does, rather than by the numbers it ends with.
#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "workbook/format.hpp"
#include "workbook/types.hpp"

namespace workbook::testing {

/// A constant of the notes by name ("1 − β₂"), to name a measured coefficient.
struct Named {
  std::string name;
  double value;
};

/// Whether a and b agree to `tolerance`, relative to the larger of the two.
inline bool agrees(double a, double b, double tolerance = 1e-9) {
  if (!std::isfinite(a) || !std::isfinite(b)) return false;
  return std::abs(a - b) <= tolerance * std::max({std::abs(a), std::abs(b), 1e-300});
}

/// The first of `constants` that `value` equals (relative 1e-9), or nullptr.
inline const Named* named(double value, const std::vector<Named>& constants) {
  for (const Named& constant : constants) {
    if (agrees(value, constant.value) || (value == 0.0 && constant.value == 0.0)) return &constant;
  }
  return nullptr;
}

/// `value` as a small expression in one of the weights among `constants` (a β, μ or α in (0, 1)):
/// 1 + β, 2β − 1, β², 1 − β², 2β; "" when none equals it. How a coefficient that is none of the
/// notes' constants was most likely built: the weight added on top of the whole (1 + β), the
/// weight's complement taken off twice (2β − 1 = β − (1 − β)), the weight applied twice (β²).
inline std::string as_expression(double value, const std::vector<Named>& constants) {
  if (!std::isfinite(value) || value == 0.0 || agrees(value, 1.0)) return "";
  for (const Named& q : constants) {
    const bool weight =
        q.name.rfind("β", 0) == 0 || q.name.rfind("μ", 0) == 0 || q.name.rfind("α", 0) == 0;
    // A symbol alone (β, β₁), not an expression of one (β/2, 1 − β).
    const bool symbol = q.name.find_first_of(" /()") == std::string::npos &&
                        q.name.find("²") == std::string::npos &&
                        q.name.find("√") == std::string::npos;
    if (!weight || !symbol || !(q.value > 0.0 && q.value < 1.0)) continue;
    const double v = q.value;
    for (const auto& [text, form] :
         std::vector<std::pair<std::string, double>>{{"1 + " + q.name, 1.0 + v},
                                                     {"2" + q.name + " − 1", 2.0 * v - 1.0},
                                                     {q.name + "²", v * v},
                                                     {"1 − " + q.name + "²", 1.0 - v * v},
                                                     {"2" + q.name, 2.0 * v}}) {
      if (agrees(value, form)) return text;
    }
  }
  return "";
}

/// `value` by its name when one of `constants` equals it, else as a small expression in one of
/// them (as_expression), else as a number.
inline std::string name_of(double value, const std::vector<Named>& constants) {
  const Named* found = named(value, constants);
  if (found != nullptr) return found->name;
  const std::string expression = as_expression(value, constants);
  return !expression.empty() ? expression : format_number(value, 4);
}

/// `value` by its name, in parentheses when the name is a compound ("(1 − β)"), to multiply.
inline std::string factor_name(double value, const std::vector<Named>& constants) {
  const std::string name = name_of(value, constants);
  return name.find(' ') != std::string::npos ? "(" + name + ")" : name;
}

/// "a·m + b·g" with the coefficients named: the right-hand side of a line that reads m and g.
inline std::string linear_combination(const std::vector<std::pair<double, std::string>>& terms,
                                      const std::vector<Named>& constants) {
  std::string text;
  for (const auto& [coefficient, symbol] : terms) {
    text += (text.empty() ? "" : " + ") + factor_name(coefficient, constants) + "·" + symbol;
  }
  return text;
}

/// `ratio` written as a product of at most two powers of the named `quantities`, each power one of
/// ±½, ±1, ±3/2, ±2 ("(1 − β₁ᵗ)²", "√t", "β₂√β₂/β₁", "(1 − β₂ᵗ)/(1 − β₁ᵗ)"), or "" if no such product equals it to
/// 1e-6: what a wrong line multiplies by, in the notes' symbols, when no suspect matches.
inline std::string as_product(double ratio, const std::vector<Named>& quantities) {
  if (!std::isfinite(ratio) || ratio <= 0.0) return "";
  struct Power {
    std::string text;
    double value;
    bool divides;
  };
  std::vector<Power> powers;
  for (const Named& q : quantities) {
    if (!(q.value > 0.0) || agrees(q.value, 1.0)) continue;
    const std::string name = q.name.find(' ') != std::string::npos ? "(" + q.name + ")" : q.name;
    for (const auto& [exponent, text] : std::vector<std::pair<double, std::string>>{
             {1.0, name}, {2.0, name + "²"}, {0.5, "√" + name}, {1.5, name + "√" + name}}) {
      powers.push_back({text, std::pow(q.value, exponent), false});
      powers.push_back({text, std::pow(q.value, -exponent), true});
    }
  }
  auto write = [](const std::vector<const Power*>& used) {
    std::string top, bottom;
    for (const Power* power : used) {
      std::string& side = power->divides ? bottom : top;
      side += (side.empty() ? "" : "·") + power->text;
    }
    // A divisor of several factors in parentheses: 1/((1 − β₁ᵗ)·√t), not 1/(1 − β₁ᵗ)·√t.
    if (std::count_if(used.begin(), used.end(), [](const Power* p) { return p->divides; }) > 1)
      bottom = "(" + bottom + ")";
    return (top.empty() ? std::string("1") : top) + (bottom.empty() ? "" : "/" + bottom);
  };
  for (const Power& a : powers) {
    if (agrees(ratio, a.value, 1e-6)) return write({&a});
  }
  for (std::size_t i = 0; i < powers.size(); ++i) {
    for (std::size_t j = i + 1; j < powers.size(); ++j) {
      if (agrees(ratio, powers[i].value * powers[j].value, 1e-6))
        return write({&powers[i], &powers[j]});
    }
  }
  return "";
}

/// What a line that is right to about `agreement` relative, but not to rounding, most likely
/// holds: a float. "" if the two values agree to rounding or disagree by more than float's.
inline std::string float_precision(double got, double expected) {
  if (agrees(got, expected, 1e-12) || !agrees(got, expected, 1e-5)) return "";
  return "right to " + format_number(std::abs(got - expected) / std::abs(expected), 2) +
         " relative only, the precision of a float (about 6e-8), not of a double: is a value or a "
         "hyper-parameter held in a float?";
}

/// One measured line, `target ← a·u + b·w (+ offset)`: its coefficients from four runs of the
/// step, `run(u, w)` returning what the line wrote. `linear` is false when the run at (2, 3) is not
/// offset + 2a + 3b: the line is not a linear combination of u and w.
struct MeasuredLine {
  double a = 0.0, b = 0.0, offset = 0.0;
  bool linear = true;
  double at_2_3 = 0.0;  ///< what the line wrote from (2, 3), less the offset
  double at_1_3 = 0.0;  ///< what the line wrote from (1, 3), less the offset
};

/// Whether a line that stays 0 from u = 0 is `a·u + b·w` wherever u ≠ 0: w's weight, measured from
/// u = 1, fits the run at (2, 3) too, so the line is linear but for u = 0, where it is skipped.
inline bool skipped_at_zero(const MeasuredLine& line) {
  if (line.linear || line.offset != 0.0 || line.b != 0.0) return false;
  const double b = (line.at_1_3 - line.a) / 3.0;
  const double expected = 2.0 * line.a + 3.0 * b;
  return b != 0.0 && std::abs(line.at_2_3 - expected) <= 1e-7 * std::abs(expected) + 1e-13;
}

/// Whether a non-linear line is `u ← u·(a + b·w)`: w reaches it only through a product with u,
/// so that from u = 0 it stays 0 whatever w (`u *= …` written where `u = …` was meant).
inline bool multiplies(const MeasuredLine& line) {
  return !line.linear && line.offset == 0.0 && line.b == 0.0 && line.at_2_3 != 0.0;
}

template <class Run>
MeasuredLine measure_line(Run run) {
  MeasuredLine line;
  line.offset = run(0.0, 0.0);
  line.a = run(1.0, 0.0) - line.offset;
  line.b = run(0.0, 1.0) - line.offset;
  line.at_2_3 = run(2.0, 3.0) - line.offset;
  line.at_1_3 = run(1.0, 3.0) - line.offset;
  const double expected = 2.0 * line.a + 3.0 * line.b;
  line.linear = std::abs(line.at_2_3 - expected) <= 1e-7 * std::abs(expected) + 1e-13;
  return line;
}

/// The sentence for a line `target ← a·u + b·w` whose coefficients are not `expected_a`,
/// `expected_b`; "" when they are.
inline std::string check_line(const std::string& what, const std::string& target,
                              const MeasuredLine& line,
                              const std::vector<std::pair<double, std::string>>& expected,
                              const std::vector<Named>& constants, const std::string& section) {
  const std::string u = expected[0].second, w = expected[1].second;
  const std::string notes = linear_combination(expected, constants);
  if (skipped_at_zero(line)) {
    const double b = (line.at_1_3 - line.a) / 3.0;
    return what + " gives " + target + " ← " +
           linear_combination({{line.a, u}, {b, w}}, constants) + " wherever " + u +
           " ≠ 0, and leaves " + u + " = 0 at 0 whatever " + w + " (" + section + "'s is " +
           target + " ← " + notes + " for every " + u + "): is the line skipped while " + u +
           " = 0, a guard such as `if (" + u +
           " == 0) continue;` before it? From a start at 0 "
           "it then never starts";
  }
  if (multiplies(line)) {
    // u·(a + b·w): a from (1, 0), and b from (2, 3) = 2(a + 3b).
    const double b = (line.at_2_3 / 2.0 - line.a) / 3.0;
    return what + " gives " + target + " ← " + u + "·(" + name_of(line.a, constants) + " + " +
           factor_name(b, constants) + "·" + w + "): from " + u + " = 0 it stays 0 whatever " + w +
           " (" + section + "'s is " + target + " ← " + notes + "): is the line written " + target +
           " *= … where " + target + " = … was meant?";
  }
  // The square of a linear combination stored: (a·u + b·w)², with a and b the notes' weights.
  if (!line.linear && line.offset == 0.0 && line.a > 0.0 && line.b > 0.0) {
    const double a = std::sqrt(line.a), b = std::sqrt(line.b);
    if (agrees(a, std::abs(expected[0].first), 1e-9) &&
        agrees(b, std::abs(expected[1].first), 1e-9) &&
        agrees(line.at_2_3, (2.0 * a + 3.0 * b) * (2.0 * a + 3.0 * b), 1e-7) &&
        agrees(line.at_1_3, (a + 3.0 * b) * (a + 3.0 * b), 1e-7)) {
      return what + " gives " + target + " ← (" + notes + ")², the square of " + section +
             "'s line: is a square that another line needs stored in " + target +
             "? Square it in a local where it is used; the state keeps " + target +
             " itself, which the next step averages from";
    }
  }
  if (!line.linear) {
    return what + " is not a linear combination of " + u + " and " + w + " (" + section + "'s is " +
           target + " ← " + notes + "): is there a square, an absolute value or a root too many?";
  }
  if (agrees(line.a, expected[0].first) && agrees(line.b, expected[1].first)) return "";
  for (const auto& [got, wanted] :
       {std::pair{line.a, expected[0].first}, std::pair{line.b, expected[1].first}}) {
    const std::string precision = float_precision(got, wanted);
    if (!precision.empty() && agrees(line.a, expected[0].first, 1e-5) &&
        agrees(line.b, expected[1].first, 1e-5))
      return what + " is " + precision;
  }
  std::string why = what + " gives " + target + " ← " +
                    linear_combination({{line.a, u}, {line.b, w}}, constants) + "; " + section +
                    "'s is " + target + " ← " + notes;
  // Both coefficients off by one factor: the line is right but scaled.
  if (expected[0].first != 0.0 && expected[1].first != 0.0) {
    const double ratio_a = line.a / expected[0].first, ratio_b = line.b / expected[1].first;
    if (agrees(ratio_a, ratio_b, 1e-7) && !agrees(ratio_a, 1.0)) {
      why += ": both weights are " + name_of(ratio_a, constants) + " times the notes'";
    }
  }
  // The old value's weight 2a − 1 = a − (1 − a), the other weight right: the complement 1 − a
  // taken off the old value a second time, the error form u + (1 − a)(w − u) written into the
  // weighted form a·u + (1 − a)·w.
  if (expected[0].first > 0.0 && expected[0].first < 1.0 &&
      agrees(line.a, 2.0 * expected[0].first - 1.0) && agrees(line.b, expected[1].first)) {
    const std::string a = name_of(expected[0].first, constants),
                      rest = factor_name(1.0 - expected[0].first, constants);
    why += ": the old " + u + " keeps " + name_of(2.0 * expected[0].first - 1.0, constants) +
           ", its weight less " + name_of(1.0 - expected[0].first, constants) +
           " once more: are the two forms of a moving average "
           "mixed, the error " +
           w + " − " + u + " of " + u + " + " + rest + "(" + w + " − " + u + ") written into " + a +
           "·" + u + " + " + rest + "·" + w + "? Either form alone is right";
  }
  // The old value's weight one more than the notes', the other weight right: the line adds its
  // right-hand side to the old value, u += … where u = … was meant.
  if (agrees(line.a, expected[0].first + 1.0) && agrees(line.b, expected[1].first)) {
    why += ": " + target + " is added to itself, the old " + u +
           " counted once more (is the line written " + target + " += … where " + target +
           " = … was meant?)";
  }
  return why;
}

/// A value a wrong line could have produced, and what a teacher would say about it.
struct Suspect {
  double value;
  std::string sentence;
};

/// The sentence of the first of `suspects` that `measured` equals (relative `tolerance`), or "".
inline std::string which_suspect(double measured, const std::vector<Suspect>& suspects,
                                 double tolerance = 1e-6) {
  for (const Suspect& suspect : suspects) {
    if (agrees(measured, suspect.value, tolerance)) return suspect.sentence;
  }
  return "";
}

}  // namespace workbook::testing
