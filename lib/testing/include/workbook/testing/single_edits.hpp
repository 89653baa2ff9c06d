#pragma once
// Which single edit of the notes' lines a wrong step is. A step of the notes is a few lines, each
// an assignment (m ← β₁·m + (1 − β₁)·g, v ← β₂·v + (1 − β₂)·g², …). Most slips change one thing in
// one of them: a symbol for another (β₁ for β₂, m for m̂, the previous ḡ for the new one), an
// operation (a sign, a division for a multiplication, a root too many or too few), a factor or a
// term dropped or too many, a parenthesis misplaced, a line missing, moved, not saved into the
// state, or computed in float, a variable held in a float, two inputs swapped. This header
// writes the notes' step as such lines, makes every variant with exactly one such edit, runs them
// on a few random states beside the student's step, and names the variant that gives every
// output the student's step gives:
//
//     Adam's step, run beside §5.4's lines on 4 random states: every output is that of the notes'
//     lines with one change, v ← β₂·v + (1 − β₂)·g² is in yours v ← β₁·v + (1 − β₂)·g²
//
// That names, in the notes' symbols, a slip nobody listed, as long as it is one edit away from
// the notes; a slip further away gets no sentence here (the other probes still speak).
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <exception>
#include <functional>
#include <limits>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "workbook/format.hpp"
#include "workbook/types.hpp"

namespace workbook::testing::edits {

/// What a node of a line's right-hand side does.
enum class Op {
  constant,
  parameter,  ///< a hyper-parameter or the step number, the same for every coordinate
  variable,   ///< a value of this coordinate: the iterate, the gradient, a state entry, a local
  add,
  subtract,
  multiply,
  divide,
  root,
  square,
  power,
  maximum,
  minimum,
  to_float,  ///< the value rounded to a float
  gradient,  ///< ∇f at a point, for a step that evaluates the gradient itself
  absolute,
  if_negative,  ///< a < 0 ? b : c
  exponential,
};

struct Node;
using Expr = std::shared_ptr<const Node>;

/// One node; `previous` marks a variable read as it was before the step.
struct Node {
  Op op = Op::constant;
  double value = 0.0;
  int index = -1;
  bool previous = false;
  Expr a, b, c;
};

inline Expr node(Op op, Expr a = nullptr, Expr b = nullptr) {
  auto n = std::make_shared<Node>();
  n->op = op;
  n->a = std::move(a);
  n->b = std::move(b);
  return n;
}

inline Expr constant(double value) {
  auto n = std::make_shared<Node>();
  n->value = value;
  return n;
}

/// A right-hand side under construction, so that lines read like the notes:
/// `beta1 * m + (1.0 - beta1) * g`.
struct E {
  Expr e;
};
inline E operator+(E a, E b) {
  return {node(Op::add, a.e, b.e)};
}
inline E operator-(E a, E b) {
  return {node(Op::subtract, a.e, b.e)};
}
inline E operator*(E a, E b) {
  return {node(Op::multiply, a.e, b.e)};
}
inline E operator/(E a, E b) {
  return {node(Op::divide, a.e, b.e)};
}
inline E operator+(double a, E b) {
  return E{constant(a)} + b;
}
inline E operator-(double a, E b) {
  return E{constant(a)} - b;
}
inline E operator*(double a, E b) {
  return E{constant(a)} * b;
}
inline E operator/(double a, E b) {
  return E{constant(a)} / b;
}
inline E operator+(E a, double b) {
  return a + E{constant(b)};
}
inline E operator-(E a, double b) {
  return a - E{constant(b)};
}
inline E operator/(E a, double b) {
  return a / E{constant(b)};
}
inline E sqrt(E a) {
  return {node(Op::root, a.e)};
}
inline E square(E a) {
  return {node(Op::square, a.e)};
}
inline E pow(E base, E exponent) {
  return {node(Op::power, base.e, exponent.e)};
}
inline E max(E a, E b) {
  return {node(Op::maximum, a.e, b.e)};
}
inline E gradient_at(E point) {
  return {node(Op::gradient, point.e)};
}
inline E abs(E a) {
  return {node(Op::absolute, a.e)};
}
inline E exp(E a) {
  return {node(Op::exponential, a.e)};
}
/// `test` < 0 ? `negative` : `otherwise`.
inline E if_negative(E test, E negative, E otherwise) {
  auto n = std::make_shared<Node>(*node(Op::if_negative, test.e, negative.e));
  n->c = otherwise.e;
  return {n};
}

/// A step of the notes as lines, with the symbols it reads.
struct Program {
  std::string name;                     ///< "Adam's step"
  std::string section;                  ///< "§5.4"
  std::string drawn = "random states";  ///< what the situations are ("random balls (m, μ, Δt)")
  int draws =
      1;  ///< per situation: 1 for a state of 3 coordinates, 3 when each is a formula's input
  std::vector<std::string> parameter_names;
  std::vector<double> parameters;
  std::vector<std::string> variable_names;
  std::vector<bool> outputs;        ///< handed back by the step (the iterate, the state)
  int t = -1;                       ///< the parameter that is the step number, if any
  int curvature = -1, center = -1;  ///< ∇f(y) = curvature·(y − center), coordinate by coordinate
  struct Line {
    int target = -1;
    Expr value;
    bool saved = true;      ///< whether the state keeps what the line wrote
    bool in_float = false;  ///< whether the line's value is rounded to a float
  };
  std::vector<Line> lines;
  /// The variables held in a float (a `float g = gradient(i);`): rounded to a float before the
  /// step and whenever a line writes them; empty when none is.
  std::vector<bool> float_variables;
  /// Other formulas of the chapter for some of the lines' targets, by name ("§3.5's optimal
  /// heavy ball's η"): a slip that carries one over is named by it.
  std::vector<std::pair<std::string, Line>> formulas;
  /// A local variable that is a reference to a state variable (`Vector& x_next =
  /// state.x_previous;`): {local, state}, one storage for both; -1 when there is none.
  std::pair<int, int> bound = {-1, -1};

  E parameter(std::string name, double value) {
    auto n = std::make_shared<Node>();
    n->op = Op::parameter;
    n->index = static_cast<int>(parameters.size());
    parameter_names.push_back(std::move(name));
    parameters.push_back(value);
    return {n};
  }
  E step_number(double value) {
    E e = parameter("t", value);
    t = e.e->index;
    return e;
  }
  /// A value of a coordinate; `output` when the step hands it back.
  E variable(std::string name, bool output = false) {
    auto n = std::make_shared<Node>();
    n->op = Op::variable;
    n->index = static_cast<int>(variable_names.size());
    variable_names.push_back(std::move(name));
    outputs.push_back(output);
    return {n};
  }
  void let(const E& target, const E& value) { lines.push_back({target.e->index, value.e}); }
  void formula(std::string name, const E& target, const E& value) {
    formulas.push_back({std::move(name), Line{target.e->index, value.e}});
  }
};

// ---------------------------------------------------------------------------------------------
// Writing a line in the notes' symbols.

namespace detail {

// Whether `e` is 1 − (1 − x), which text() writes x.
inline bool double_complement(const Expr& e) {
  return e->op == Op::subtract && e->a->op == Op::constant && e->a->value == 1.0 &&
         e->b->op == Op::subtract && e->b->a->op == Op::constant && e->b->a->value == 1.0;
}

inline int precedence(const Expr& e) {
  if (double_complement(e)) return precedence(e->b->b);
  switch (e->op) {
    case Op::add:
    case Op::subtract:
      return 1;
    case Op::multiply:
    case Op::divide:
      return 2;
    case Op::constant:
      return e->value < 0.0 ? 1 : 4;
    default:
      return 4;
  }
}

inline bool is_leaf(const Expr& e) {
  return e->op == Op::constant || e->op == Op::parameter || e->op == Op::variable;
}

}  // namespace detail

inline std::string text(const Program& p, const Expr& e) {
  auto wrapped = [&](const Expr& child, int below) {
    const std::string s = text(p, child);
    return detail::precedence(child) <= below ? "(" + s + ")" : s;
  };
  switch (e->op) {
    case Op::constant:
      return format_number(e->value, 6);
    case Op::parameter:
      return p.parameter_names[static_cast<std::size_t>(e->index)];
    case Op::variable:
      return p.variable_names[static_cast<std::size_t>(e->index)] + (e->previous ? "_old" : "");
    case Op::add:
      return text(p, e->a) + " + " + text(p, e->b);
    case Op::subtract:
      if (detail::double_complement(e)) return text(p, e->b->b);  // as a reader would write it
      return text(p, e->a) + " − " + wrapped(e->b, 1);
    case Op::multiply:
      return wrapped(e->a, 1) + "·" + wrapped(e->b, 1);
    case Op::divide:
      return wrapped(e->a, 1) + "/" + wrapped(e->b, 2);
    case Op::root:
      return detail::is_leaf(e->a) ? "√" + text(p, e->a) : "√(" + text(p, e->a) + ")";
    case Op::square:
      return detail::is_leaf(e->a) ? text(p, e->a) + "²" : "(" + text(p, e->a) + ")²";
    case Op::power: {
      const std::string base = detail::is_leaf(e->a) ? text(p, e->a) : "(" + text(p, e->a) + ")";
      if (e->b->op == Op::parameter && e->b->index == p.t) return base + "ᵗ";
      return base + "^(" + text(p, e->b) + ")";
    }
    case Op::maximum:
      return "max(" + text(p, e->a) + ", " + text(p, e->b) + ")";
    case Op::minimum:
      return "min(" + text(p, e->a) + ", " + text(p, e->b) + ")";
    case Op::to_float:
      return "float(" + text(p, e->a) + ")";
    case Op::gradient:
      return "∇f(" + text(p, e->a) + ")";
    case Op::absolute:
      return "|" + text(p, e->a) + "|";
    case Op::exponential:
      return "exp(" + text(p, e->a) + ")";
    case Op::if_negative:
      return "(" + text(p, e->b) + " if " + text(p, e->a) + " < 0, else " + text(p, e->c) + ")";
  }
  return "?";
}

inline std::string text(const Program& p, const Program::Line& line) {
  return p.variable_names[static_cast<std::size_t>(line.target)] + " ← " + text(p, line.value);
}

// ---------------------------------------------------------------------------------------------
// Running the lines on one coordinate.

namespace detail {

inline double evaluate(const Program& p, const Expr& e, const std::vector<double>& now,
                       const std::vector<double>& before) {
  auto at = [&](const Expr& child) { return evaluate(p, child, now, before); };
  switch (e->op) {
    case Op::constant:
      return e->value;
    case Op::parameter:
      return p.parameters[static_cast<std::size_t>(e->index)];
    case Op::variable:
      return (e->previous ? before : now)[static_cast<std::size_t>(e->index)];
    case Op::add:
      return at(e->a) + at(e->b);
    case Op::subtract:
      return at(e->a) - at(e->b);
    case Op::multiply:
      return at(e->a) * at(e->b);
    case Op::divide:
      return at(e->a) / at(e->b);
    case Op::root:
      return std::sqrt(at(e->a));
    case Op::square: {
      const double x = at(e->a);
      return x * x;
    }
    case Op::power:
      return std::pow(at(e->a), at(e->b));
    case Op::maximum:
      return std::max(at(e->a), at(e->b));
    case Op::minimum:
      return std::min(at(e->a), at(e->b));
    case Op::to_float:
      return static_cast<double>(static_cast<float>(at(e->a)));
    case Op::gradient:
      return now[static_cast<std::size_t>(p.curvature)] *
             (at(e->a) - now[static_cast<std::size_t>(p.center)]);
    case Op::absolute:
      return std::abs(at(e->a));
    case Op::exponential:
      return std::exp(at(e->a));
    case Op::if_negative:
      return at(e->a) < 0.0 ? at(e->b) : at(e->c);
  }
  return std::nan("");
}

}  // namespace detail

/// The values of every variable after the lines ran on one coordinate whose values before the
/// step are `before`; a variable whose line is not saved hands back what it held before that line.
inline std::vector<double> run(const Program& p, const std::vector<double>& before) {
  const auto in_float = [&](std::size_t k) {
    return k < p.float_variables.size() && p.float_variables[k];
  };
  std::vector<double> start = before;
  for (std::size_t k = 0; k < start.size(); ++k) {
    if (in_float(k)) start[k] = static_cast<double>(static_cast<float>(start[k]));
  }
  // A local bound to a state variable starts as that variable, and every write of one is a
  // write of the other.
  const auto [local, state] = p.bound;
  if (local >= 0) start[static_cast<std::size_t>(local)] = start[static_cast<std::size_t>(state)];
  std::vector<double> now = start, handed_back = start;
  std::vector<bool> unsaved(before.size(), false);
  for (const Program::Line& line : p.lines) {
    const auto target = static_cast<std::size_t>(line.target);
    double value = detail::evaluate(p, line.value, now, start);
    if (line.in_float || in_float(target)) value = static_cast<double>(static_cast<float>(value));
    if (!line.saved) {
      unsaved[target] = true;
      handed_back[target] = now[target];
    }
    now[target] = value;
    if (local >= 0 && (line.target == local || line.target == state)) {
      now[static_cast<std::size_t>(local)] = value;
      now[static_cast<std::size_t>(state)] = value;
    }
  }
  for (std::size_t i = 0; i < now.size(); ++i) {
    if (!unsaved[i]) handed_back[i] = now[i];
  }
  return handed_back;
}

// ---------------------------------------------------------------------------------------------
// The single edits.

/// A variant of the notes' lines and what was edited, in words.
struct Variant {
  Program program;
  std::string change;
  bool trivial = false;  ///< a node made 0 or 1: it says the same as dropping it, less clearly
  bool integer = false;  ///< a hyper-parameter held in an integer type
  /// For an integer variant, the change said as a value alone ("α = 0.85 is 0 in yours"): where
  /// only the first step is changed, no type explains it.
  std::string as_value = {};
  /// The line replaced by another formula of the chapter (Program::formulas): a known reading,
  /// named before a generic edit that gives the same outputs.
  bool formula = false;
  /// The line whose right-hand side alone was edited, -1 for other edits: two such edits of one
  /// line that give the same outputs are the same slip written two ways (μ·Δt², μ·Δt·Δt).
  int line = -1;
  /// A local bound to a state variable (Program::bound): said second, after the plainer edit it
  /// gives the same outputs as (a line missing, say), since a listed reading may be the cause.
  bool bound = false;
  /// A reading that a coincidence of the measuring parameters can also give: a hyper-parameter
  /// written as a number (a library's default), or replaced by another's complement (1 − β for η,
  /// which is 0.9 when η = 0.1). Named only when no other edit gives the same outputs, since a
  /// small or a doubled value also gives what a dropped or a doubled term gives, and those are
  /// the plainer readings; two such readings that both fit are named together.
  bool fallback = false;
};

namespace detail {

inline Expr with(const Expr& e, Expr a, Expr b) {
  auto n = std::make_shared<Node>(*e);
  n->a = std::move(a);
  n->b = std::move(b);
  return n;
}

inline Expr variable_node(int index, bool previous) {
  auto n = std::make_shared<Node>();
  n->op = Op::variable;
  n->index = index;
  n->previous = previous;
  return n;
}

inline Expr parameter_node(int index) {
  auto n = std::make_shared<Node>();
  n->op = Op::parameter;
  n->index = index;
  return n;
}

// The slips that rewrite a pattern rather than a symbol, which a student may make once or in
// every line alike (both bias corrections written (1 − β)ᵗ).
enum class Rule {
  parentheses_right,  ///< a/(b + c) as a/b + c; a/(b·c) as a/b·c; (a/b)² as a²/b·b
  parentheses_left,   ///< (a + b)/c as a + b/c
  first_term_only,    ///< (a + b)/c as a/c + b: the division applied to the first term only
  closed_early,  ///< a/(b + c·d) as a/(b + c)·d, √(a − b) as √a − b: a parenthesis closed early
  power_of_complement,  ///< 1 − βᵗ as (1 − β)ᵗ
  term_by_term,  ///< √(a − b) as √a − √b, (a + b)² as a² + b², (a/(b + c))² as a²/(b² + c²)
  epsilon_into_root,    ///< √x + ε as √(x + ε)
  epsilon_out_of_root,  ///< √(x + ε) as √x + ε
  power_swapped,        ///< 1 − βᵗ as 1 − t^β: std::pow's arguments swapped
  sum_of_weights,       ///< 1 − βᵗ as (1 − βᵗ)/(1 − β), the sum Σβʲ of the powers
  added_to_reciprocal,  ///< a/(b + c) as a·(1/b + c): c added after inverting b
  root_of_quotient,  ///< (√a − 1)/(√a + 1) as √((a − 1)/(a + 1)): one root over the quotient
  floored_at_one,    ///< a/(b + c) as a/max(b + c, 1): a rate a/(…) never allowed above a
  sizes_subtracted,  ///< a − b as |a| − |b|: a difference of sizes for the size of a difference
};
inline constexpr Rule rules[] = {
    Rule::parentheses_right, Rule::parentheses_left,    Rule::first_term_only,
    Rule::closed_early,      Rule::power_of_complement, Rule::term_by_term,
    Rule::epsilon_into_root, Rule::epsilon_out_of_root, Rule::power_swapped,
    Rule::sum_of_weights,    Rule::added_to_reciprocal, Rule::root_of_quotient,
    Rule::floored_at_one,    Rule::sizes_subtracted};

// What `rule` makes of the node `e`, null when it does not apply there.
inline Expr apply(const Program& p, Rule rule, const Expr& e) {
  // A sum read directly or through a local the lines compute (D ← m + μ·Δt, η ← Δt²/D written
  // Δt²/m + μ·Δt).
  const auto sum = [&](const Expr& operand) -> Expr {
    if (operand->op == Op::add || operand->op == Op::subtract) return operand;
    if (operand->op != Op::variable || operand->previous ||
        p.outputs[static_cast<std::size_t>(operand->index)])
      return nullptr;
    for (const Program::Line& line : p.lines) {
      if (line.target == operand->index &&
          (line.value->op == Op::add || line.value->op == Op::subtract))
        return line.value;
    }
    return nullptr;
  };
  const bool product = e->op == Op::divide || e->op == Op::multiply;
  switch (rule) {
    case Rule::parentheses_right:
      if (product) {
        if (const Expr b = sum(e->b)) return node(b->op, node(e->op, e->a, b->a), b->b);
      }
      if (e->op == Op::divide && e->b->op == Op::multiply)
        return node(Op::multiply, node(Op::divide, e->a, e->b->a), e->b->b);
      if (e->op == Op::divide && e->b->op == Op::square)
        return node(Op::multiply, node(Op::divide, e->a, e->b->a), e->b->a);
      if (e->op == Op::square && e->a->op == Op::divide)
        return node(Op::multiply, node(Op::divide, node(Op::square, e->a->a), e->a->b), e->a->b);
      return nullptr;
    case Rule::parentheses_left:
      if (product) {
        if (const Expr a = sum(e->a)) return node(a->op, a->a, node(e->op, a->b, e->b));
      }
      return nullptr;
    case Rule::first_term_only:
      if (product) {
        if (const Expr a = sum(e->a)) return node(a->op, node(e->op, a->a, e->b), a->b);
      }
      return nullptr;
    case Rule::closed_early:
      if (product) {
        if (const Expr b = sum(e->b); b && b->b->op == Op::multiply)
          return node(Op::multiply, node(e->op, e->a, node(b->op, b->a, b->b->a)), b->b->b);
      }
      // A root or square closed after its first term: √(a − b) as √a − b, (a + b)² as a² + b.
      if ((e->op == Op::root || e->op == Op::square) &&
          (e->a->op == Op::add || e->a->op == Op::subtract))
        return node(e->a->op, node(e->op, e->a->a), e->a->b);
      return nullptr;
    case Rule::power_of_complement:
      if (e->op == Op::subtract && e->a->op == Op::constant && e->a->value == 1.0 &&
          e->b->op == Op::power)
        return node(Op::power, node(Op::subtract, e->a, e->b->a), e->b->b);
      return nullptr;
    case Rule::sum_of_weights:
      if (e->op == Op::subtract && e->a->op == Op::constant && e->a->value == 1.0 &&
          e->b->op == Op::power)
        return node(Op::divide, e, node(Op::subtract, e->a, e->b->a));
      return nullptr;
    case Rule::power_swapped:
      if (e->op == Op::subtract && e->a->op == Op::constant && e->a->value == 1.0 &&
          e->b->op == Op::power)
        return node(Op::subtract, e->a, node(Op::power, e->b->b, e->b->a));
      return nullptr;
    case Rule::term_by_term:
      if ((e->op == Op::root || e->op == Op::square) &&
          (e->a->op == Op::add || e->a->op == Op::subtract))
        return node(e->a->op, node(e->op, e->a->a), node(e->op, e->a->b));
      // (a/(b + c))² as a²/(b² + c²): the square taken through the quotient, then term by term.
      if (e->op == Op::square && e->a->op == Op::divide &&
          (e->a->b->op == Op::add || e->a->b->op == Op::subtract)) {
        const Expr& sum = e->a->b;
        return node(Op::divide, node(Op::square, e->a->a),
                    node(sum->op, node(Op::square, sum->a), node(Op::square, sum->b)));
      }
      return nullptr;
    case Rule::epsilon_into_root:
      if (e->op == Op::add && e->a->op == Op::root)
        return node(Op::root, node(Op::add, e->a->a, e->b));
      return nullptr;
    case Rule::added_to_reciprocal:
      // g/(√v + ε) turned into a product, g·(1/√v + ε): ε added to the inverse.
      if (e->op == Op::divide) {
        if (const Expr b = sum(e->b); b && b->op == Op::add)
          return node(Op::multiply, e->a,
                      node(Op::add, node(Op::divide, constant(1.0), b->a), b->b));
      }
      return nullptr;
    case Rule::sizes_subtracted:
      // g − m as |g| − |m|, where both read a coordinate's values (not 1 − β).
      if (e->op == Op::subtract && e->a->op == Op::variable && e->b->op == Op::variable)
        return node(Op::subtract, node(Op::absolute, e->a), node(Op::absolute, e->b));
      return nullptr;
    case Rule::floored_at_one:
      // η/(√S + ε) capped at η, as if the rate could only fall: the divisor floored at 1.
      if (e->op == Op::divide) {
        if (const Expr b = sum(e->b); b && b->op == Op::add)
          return node(Op::divide, e->a, node(Op::maximum, e->b, constant(1.0)));
      }
      return nullptr;
    case Rule::root_of_quotient: {
      // A quotient of sums of roots and constants, with the roots taken out to one over the
      // whole: (√κ − 1)/(√κ + 1) as √((κ − 1)/(κ + 1)).
      if (e->op != Op::divide) return nullptr;
      bool any_root = false;
      const auto unrooted = [&](const Expr& term) -> Expr {
        if (term->op == Op::root) {
          any_root = true;
          return term->a;
        }
        if (term->op == Op::constant) return constant(term->value * term->value);
        return nullptr;
      };
      const auto sum_unrooted = [&](const Expr& operand) -> Expr {
        if (operand->op != Op::add && operand->op != Op::subtract) return nullptr;
        const Expr a = unrooted(operand->a), b = unrooted(operand->b);
        return a && b ? node(operand->op, a, b) : nullptr;
      };
      const Expr numerator = sum_unrooted(e->a), denominator = sum_unrooted(e->b);
      if (!numerator || !denominator || !any_root) return nullptr;
      return node(Op::root, node(Op::divide, numerator, denominator));
    }
    case Rule::epsilon_out_of_root:
      if (e->op == Op::root && e->a->op == Op::add)
        return node(Op::add, node(Op::root, e->a->a), e->a->b);
      return nullptr;
  }
  return nullptr;
}

inline bool reads(const Expr& e, int q);

// Every node that can stand where `e` stands after one edit of `e` itself.
inline std::vector<Expr> replacements(const Program& p, const Expr& e) {
  std::vector<Expr> out;
  // First the patterns: a slip of precedence is named as such, not as what it evaluates to.
  for (const Rule rule : rules) {
    if (Expr r = apply(p, rule, e)) out.push_back(std::move(r));
  }
  const auto n_parameters = static_cast<int>(p.parameters.size());
  const auto n_variables = static_cast<int>(p.variable_names.size());
  switch (e->op) {
    case Op::constant:
      for (double c : {0.0, 1.0, 2.0, 0.5}) {
        if (c != e->value) out.push_back(constant(c));
      }
      for (int q = 0; q < n_parameters; ++q) {
        if (q != p.t) out.push_back(parameter_node(q));
      }
      break;
    case Op::parameter:
      if (e->index == p.t) {
        out.push_back(node(Op::subtract, e, constant(1.0)));
        out.push_back(node(Op::add, e, constant(1.0)));
        out.push_back(constant(1.0));
        break;
      }
      for (int q = 0; q < n_parameters; ++q) {
        if (q != e->index && q != p.t) out.push_back(parameter_node(q));
      }
      out.push_back(node(Op::subtract, constant(1.0), e));
      out.push_back(node(Op::square, e));
      out.push_back(node(Op::root, e));
      out.push_back(node(Op::to_float, e));
      out.push_back(constant(1.0));
      out.push_back(constant(0.0));
      break;
    case Op::variable:
      for (int q = 0; q < n_variables; ++q) {
        if (q != e->index && q != p.curvature && q != p.center)
          out.push_back(variable_node(q, false));
      }
      out.push_back(variable_node(e->index, !e->previous));
      // A variable that a line updates from itself (S ← S + g²), read where that update is
      // applied once more: √(S + g²) after S already holds the sum.
      if (!e->previous) {
        for (const Program::Line& line : p.lines) {
          if (line.target == e->index && reads(line.value, e->index)) out.push_back(line.value);
        }
      }
      out.push_back(node(Op::to_float, e));
      out.push_back(constant(0.0));  // a term dropped: x_next ← −η·∇f + β·(…), the displacement
      break;
    case Op::add:
    case Op::subtract:
    case Op::multiply:
    case Op::divide:
      for (Op op : {Op::add, Op::subtract, Op::multiply, Op::divide}) {
        if (op != e->op) out.push_back(node(op, e->a, e->b));
      }
      out.push_back(e->a);
      out.push_back(e->b);
      if (e->op == Op::subtract || e->op == Op::divide) out.push_back(node(e->op, e->b, e->a));
      // A numerator that is a symbol dropped: m/D as 1/D.
      if (e->op == Op::divide && (e->a->op == Op::variable || e->a->op == Op::parameter))
        out.push_back(node(Op::divide, constant(1.0), e->b));
      // A term made a floor, √S + ε written max(√S, ε), or relative, √S·(1 + ε).
      if (e->op == Op::add) {
        out.push_back(node(Op::maximum, e->a, e->b));
        out.push_back(node(Op::multiply, e->a, node(Op::add, constant(1.0), e->b)));
      }
      break;
    case Op::root:
      out.push_back(e->a);
      out.push_back(node(Op::square, e->a));
      break;
    case Op::square:
      out.push_back(e->a);
      out.push_back(node(Op::root, e->a));
      // One factor of a symbol's square read from another symbol: ḡ² as g·ḡ.
      if (e->a->op == Op::variable) {
        for (int q = 0; q < n_variables; ++q) {
          if (q != e->a->index && q != p.curvature && q != p.center)
            out.push_back(node(Op::multiply, variable_node(q, false), e->a));
        }
      }
      break;
    case Op::power:
      out.push_back(e->a);
      break;
    case Op::maximum:
      out.push_back(node(Op::minimum, e->a, e->b));
      out.push_back(e->a);
      out.push_back(e->b);
      break;
    case Op::absolute:
      out.push_back(e->a);
      break;
    case Op::exponential:
      break;
    case Op::if_negative: {
      auto swapped = std::make_shared<Node>(*e);
      std::swap(swapped->b, swapped->c);
      out.push_back(swapped);
      out.push_back(e->b);
      out.push_back(e->c);
      break;
    }
    case Op::minimum:
    case Op::to_float:
      break;
    case Op::gradient:
      break;  // only its point is edited
  }
  if (e->op != Op::constant && e->op != Op::parameter && e->op != Op::gradient) {
    out.push_back(node(Op::root, e));
    out.push_back(node(Op::square, e));
  }
  return out;
}

// A factor too many on a symbol alone: η·g where the line has g, m·μ where it has μ, 2·λ where it
// has λ (a derivative of λ‖θ‖² without the ½), ½·x; a factor 2 or ½ on a sub-expression; or a
// hyper-parameter added to a variable as a
// term too many (S + τ). Tried after every other edit of a line, so that μ·Δt·Δt is named μ·Δt²,
// a square.
inline std::vector<Expr> factors(const Program& p, const Expr& e) {
  std::vector<Expr> out;
  // A factor 2 or ½ on a symbol, or on a whole sub-expression: 2(√λₙ − √λ₁) where a derivation
  // lost or kept a 2.
  const bool compound = e->op != Op::variable && e->op != Op::parameter && e->op != Op::constant &&
                        e->op != Op::gradient;
  const bool symbol = e->op == Op::variable || (e->op == Op::parameter && e->index != p.t);
  if (!compound && !symbol) return out;
  for (double c : {2.0, 0.5}) out.push_back(node(Op::multiply, constant(c), e));
  if (e->op != Op::variable) return out;
  for (int q = 0; q < static_cast<int>(p.parameters.size()); ++q) {
    if (q != p.t) out.push_back(node(Op::multiply, parameter_node(q), e));
  }
  // A term too many: S + τ where the line has S (an initial value added again).
  for (int q = 0; q < static_cast<int>(p.parameters.size()); ++q) {
    if (q != p.t) out.push_back(node(Op::add, e, parameter_node(q)));
  }
  for (int q = 0; q < static_cast<int>(p.variable_names.size()); ++q) {
    if (q != p.curvature && q != p.center)
      out.push_back(node(Op::multiply, variable_node(q, false), e));
  }
  return out;
}

// Every tree that is `e` with exactly one node edited: replaced by one of `edits(p, node)`.
template <class Edits>
void edited_trees(const Program& p, const Expr& e, std::vector<Expr>& out, const Edits& edits) {
  for (Expr& r : edits(p, e)) out.push_back(std::move(r));
  if (e->a) {
    std::vector<Expr> as;
    edited_trees(p, e->a, as, edits);
    for (Expr& a : as) out.push_back(with(e, std::move(a), e->b));
  }
  if (e->b) {
    std::vector<Expr> bs;
    edited_trees(p, e->b, bs, edits);
    // x/(x·y) is 1/y: a numerator dropped, which its own edit (x made 1) says more plainly.
    const auto cancels = [&](const Expr& b) {
      const Expr& x = e->a;
      return e->op == Op::divide && b->op == Op::multiply && b->a && x &&
             (x->op == Op::variable || x->op == Op::parameter) && b->a->op == x->op &&
             b->a->index == x->index && b->a->previous == x->previous;
    };
    for (Expr& b : bs) {
      if (!cancels(b)) out.push_back(with(e, e->a, std::move(b)));
    }
  }
  if (e->c) {
    std::vector<Expr> cs;
    edited_trees(p, e->c, cs, edits);
    for (Expr& c : cs) {
      auto n = std::make_shared<Node>(*e);
      n->c = std::move(c);
      out.push_back(n);
    }
  }
}

// Every tree that is `e` with one node edited, the factors too many last.
inline std::vector<Expr> edited_trees(const Program& p, const Expr& e) {
  std::vector<Expr> out;
  edited_trees(p, e, out, replacements);
  edited_trees(p, e, out, factors);
  return out;
}

// `e` with every node for which `replace` gives a node put in its place, the rest shared.
template <class Replace>
Expr rewrite(const Expr& e, const Replace& replace) {
  if (!e) return e;
  if (Expr by = replace(e)) return by;
  const Expr a = rewrite(e->a, replace), b = rewrite(e->b, replace), c = rewrite(e->c, replace);
  if (a == e->a && b == e->b && c == e->c) return e;
  auto n = std::make_shared<Node>(*e);
  n->a = a;
  n->b = b;
  n->c = c;
  return n;
}

// `e` with every occurrence of parameter `q` replaced by `by`.
inline Expr substitute(const Expr& e, int q, const Expr& by) {
  return rewrite(e, [&](const Expr& n) -> Expr {
    return n->op == Op::parameter && n->index == q ? by : nullptr;
  });
}

// `e` with the variables q and r swapped wherever it reads them (x for x_previous and back).
inline Expr swap_variables(const Expr& e, int q, int r) {
  return rewrite(e, [&](const Expr& n) -> Expr {
    if (n->op != Op::variable || (n->index != q && n->index != r)) return nullptr;
    auto swapped = std::make_shared<Node>(*n);
    swapped->index = n->index == q ? r : q;
    return swapped;
  });
}

// `e` with every current read of the variable `q` replaced by `by`: a local written out.
inline Expr write_out(const Expr& e, int q, const Expr& by) {
  return rewrite(e, [&](const Expr& n) -> Expr {
    return n->op == Op::variable && n->index == q && !n->previous ? by : nullptr;
  });
}

// Whether `e` reads the variable `q`.
inline bool reads(const Expr& e, int q) {
  if (!e) return false;
  if (e->op == Op::variable && e->index == q) return true;
  return reads(e->a, q) || reads(e->b, q) || reads(e->c, q);
}

// Whether a line of `p` reads a variable that has no value yet: one of `unset` before any line
// has written it (m̂ ← m̂, or v̂ read before its line). Such a variant gives NaN from nothing, and
// matching a student's NaN with it would name a slip that is not there.
inline bool reads_unset(const Program& p, std::vector<bool> unset) {
  for (const Program::Line& line : p.lines) {
    for (std::size_t k = 0; k < unset.size(); ++k) {
      if (unset[k] && reads(line.value, static_cast<int>(k))) return true;
    }
    unset[static_cast<std::size_t>(line.target)] = false;
  }
  return false;
}

// `e` with every root made the constant 1: what std::pow(x, 1 / 2) computes.
inline Expr roots_as_one(const Expr& e) {
  if (!e) return e;
  if (e->op == Op::root) return constant(1.0);
  Expr a = roots_as_one(e->a), b = roots_as_one(e->b), c = roots_as_one(e->c);
  if (a == e->a && b == e->b && c == e->c) return e;
  auto n = std::make_shared<Node>(*e);
  n->a = std::move(a);
  n->b = std::move(b);
  n->c = std::move(c);
  return n;
}

// Whether `edited` differs from `original` by a node made the constant 0 or 1.
inline bool makes_identity(const Expr& original, const Expr& edited) {
  if (!original || !edited) return false;
  if (original == edited) return false;
  // A sum that keeps only its constant term, 1 + β as 1: a symbol dropped from the sum, which
  // says what happened more plainly than any other edit that gives the same outputs.
  if ((original->op == Op::add || original->op == Op::subtract) && edited == original->a &&
      original->b && original->b->op != Op::constant)
    return false;
  if (edited->op == Op::constant && (edited->value == 0.0 || edited->value == 1.0)) return true;
  // An operation changed into one that a constant operand makes the identity: √κ + 1 as √κ·1.
  const auto is = [](const Expr& e, double value) {
    return e && e->op == Op::constant && e->value == value;
  };
  if (original->op != edited->op && edited->a == original->a && edited->b == original->b &&
      (((edited->op == Op::multiply || edited->op == Op::divide) && is(edited->b, 1.0)) ||
       ((edited->op == Op::add || edited->op == Op::subtract) && is(edited->b, 0.0))))
    return true;
  if (original->op != edited->op) return false;
  return makes_identity(original->a, edited->a) || makes_identity(original->b, edited->b) ||
         makes_identity(original->c, edited->c);
}

// The variable that `e` reads before its update, -1 if none.
inline int previous_read(const Expr& e) {
  if (!e) return -1;
  if (e->op == Op::variable && e->previous) return e->index;
  for (const Expr& child : {e->a, e->b, e->c}) {
    if (const int found = previous_read(child); found >= 0) return found;
  }
  return -1;
}

inline bool reads_previous(const Expr& e) {
  return previous_read(e) >= 0;
}

}  // namespace detail

namespace detail {

// The change "a and b are swapped": two hyper-parameters, each read where the notes have the other.
inline std::string swapped_change(const std::string& a, const std::string& b) {
  return a + " and " + b +
         " are swapped (fields unpacked in another order? A structured binding binds by "
         "position, not by name)";
}

}  // namespace detail

namespace detail {
// Whether the variable `q` is an input of the lines: read by one, written by none (the curvature
// and the centre of a step that evaluates the gradient itself are not the student's inputs).
inline bool is_input(const Program& p, int q) {
  if (q == p.curvature || q == p.center) return false;
  for (const Program::Line& line : p.lines) {
    if (line.target == q) return false;
  }
  for (const Program::Line& line : p.lines) {
    if (reads(line.value, q)) return true;
  }
  return false;
}
}  // namespace detail

/// Every variant of `p` with exactly one edit: a parameter everywhere (the step number off by one,
/// a hyper-parameter in a float or an integer, another's value, two swapped, a number written in
/// its place), an input read in place of another in every line, a node of a line, a term or factor
/// too many, another formula of the chapter, or a line (missing, writing into another variable,
/// not saved, in float, moved).
inline std::vector<Variant> single_edits(const Program& p) {
  std::vector<Variant> out;
  const std::size_t n = p.lines.size();
  // First the edits of a parameter everywhere: they say why (a float, a swap, t off by one).
  for (std::size_t q = 0; q < p.parameters.size(); ++q) {
    const std::string& name = p.parameter_names[q];
    const double value = p.parameters[q];
    std::vector<std::pair<double, std::string>> values;
    if (static_cast<int>(q) == p.t) {
      values = {{value - 1.0, "every line uses t − 1 = " + format_number(value - 1.0) +
                                  " at step t = " + format_number(value) +
                                  ": count the step (t ← t + 1) before using t"},
                {value + 1.0,
                 "every line uses t + 1 at step t: is t counted twice, or βᵗ made by a loop that "
                 "runs t + 1 times (k <= t from 0)?"}};
    } else {
      values = {{static_cast<double>(static_cast<float>(value)), name + " is held in a float"}};
      for (std::size_t r = 0; r < p.parameters.size(); ++r) {
        if (r != q && static_cast<int>(r) != p.t)
          values.push_back({p.parameters[r], "every line reads " + p.parameter_names[r] +
                                                 " where the notes have " + name});
      }
    }
    for (auto& [changed, change] : values) {
      Variant v{p, change};
      v.program.parameters[q] = changed;
      out.push_back(std::move(v));
    }
    for (std::size_t r = q + 1; r < p.parameters.size(); ++r) {
      if (static_cast<int>(q) == p.t || static_cast<int>(r) == p.t) continue;
      Variant swapped{p, detail::swapped_change(name, p.parameter_names[r])};
      std::swap(swapped.program.parameters[q], swapped.program.parameters[r]);
      out.push_back(std::move(swapped));
      Variant floats{p, name + " and " + p.parameter_names[r] + " are held in floats"};
      for (std::size_t k : {q, r})
        floats.program.parameters[k] = static_cast<double>(static_cast<float>(p.parameters[k]));
      out.push_back(std::move(floats));
    }
  }
  // Two inputs (variables that no line writes) swapped in every line that reads them: the
  // fields of a struct unpacked in the wrong order (auto [m, dt, mu] = physics). Before the
  // edits of one line, which would name only one of the lines the swap changed.
  {
    const auto n_variables = static_cast<int>(p.variable_names.size());
    const auto input = [&](int q) { return detail::is_input(p, q); };
    for (int q = 0; q < n_variables; ++q) {
      for (int r = q + 1; r < n_variables; ++r) {
        if (!input(q) || !input(r)) continue;
        // Read by one line only, the swap is that line's edit, named as such below.
        int lines_reading = 0;
        for (const Program::Line& line : p.lines)
          lines_reading += detail::reads(line.value, q) || detail::reads(line.value, r);
        if (lines_reading < 2) continue;
        Variant v{p, p.variable_names[static_cast<std::size_t>(q)] + " and " +
                         p.variable_names[static_cast<std::size_t>(r)] +
                         " are swapped: every line reads one where the notes have the other"};
        for (Program::Line& line : v.program.lines)
          line.value = detail::swap_variables(line.value, q, r);
        out.push_back(std::move(v));
      }
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<Expr> trees = detail::edited_trees(p, p.lines[i].value);
    for (Expr& tree : trees) {
      Variant v{p, ""};
      v.trivial = detail::makes_identity(p.lines[i].value, tree);
      v.line = static_cast<int>(i);
      v.program.lines[i].value = std::move(tree);
      std::string change = text(p, p.lines[i]) + " is in yours " + text(p, v.program.lines[i]);
      if (detail::reads_previous(v.program.lines[i].value) &&
          !detail::reads_previous(p.lines[i].value)) {
        // Name the update it was read before: "(g_old: g before g ← g + λ·θ)".
        const int read = detail::previous_read(v.program.lines[i].value);
        std::string update = "this step's update";
        for (const Program::Line& line : p.lines) {
          if (line.target == read) update = text(p, line);
        }
        const std::string& name = p.variable_names[static_cast<std::size_t>(read)];
        change += " (" + name + "_old: " + name + " before " + update + ")";
      }
      v.change = std::move(change);
      out.push_back(std::move(v));
    }
  }
  // A local that two lines read, written out in one of them and changed there only: with
  // D ← m + μ·Δt read by β ← m/D and η ← Δt²/D, a student who writes each formula in full as
  // β = m/(m + μ·Δt²) and η = Δt²/(m + μ·Δt) made one slip, which is two edits of the lines.
  for (std::size_t j = 0; j < n; ++j) {
    const int local = p.lines[j].target;
    if (p.outputs[static_cast<std::size_t>(local)]) continue;
    std::vector<std::size_t> readers;
    for (std::size_t i = j + 1; i < n && p.lines[i].target != local; ++i) {
      // (write_out gives back the line itself when it has no current read of the local)
      if (detail::write_out(p.lines[i].value, local, constant(0.0)) != p.lines[i].value)
        readers.push_back(i);
    }
    if (readers.size() < 2) continue;  // one reader: the edits of D's own line are these
    const std::vector<Expr> trees = detail::edited_trees(p, p.lines[j].value);
    for (const std::size_t i : readers) {
      for (const Expr& tree : trees) {
        Variant v{p, ""};
        v.trivial = detail::makes_identity(p.lines[j].value, tree);
        v.line = static_cast<int>(i);
        v.program.lines[i].value = detail::write_out(p.lines[i].value, local, tree);
        const std::string& name = p.variable_names[static_cast<std::size_t>(local)];
        v.change = text(p, p.lines[i]) + " is in yours " + text(p, v.program.lines[i]) + " (" +
                   name + " ← " + text(p, p.lines[j].value) + " written out in this line as " +
                   text(p, tree) + "; the other lines that read " + name + " have it right)";
        out.push_back(std::move(v));
      }
    }
  }
  // A parameter replaced wherever one line reads it (β by 1 − β in both of a moving average's
  // weights, β₁ for β₂ in every weight of a line).
  for (std::size_t i = 0; i < n; ++i) {
    for (int q = 0; q < static_cast<int>(p.parameters.size()); ++q) {
      if (q == p.t) continue;
      // {replacement, whether it is a fallback reading}
      std::vector<std::pair<Expr, bool>> bys = {
          {node(Op::subtract, constant(1.0), detail::parameter_node(q)), false}};
      for (int r = 0; r < static_cast<int>(p.parameters.size()); ++r) {
        if (r != q && r != p.t) bys.push_back({detail::parameter_node(r), false});
      }
      // Another parameter's complement, 1 − β where the line has η: a weight of another form
      // of the method (§3.3's moving average) put where this one has its own parameter.
      for (int r = 0; r < static_cast<int>(p.parameters.size()); ++r) {
        if (r != q && r != p.t)
          bys.push_back({node(Op::subtract, constant(1.0), detail::parameter_node(r)), true});
      }
      for (const auto& [by, fallback] : bys) {
        Variant v{p, ""};
        v.line = static_cast<int>(i);
        v.fallback = fallback;
        v.program.lines[i].value = detail::substitute(p.lines[i].value, q, by);
        if (v.program.lines[i].value == p.lines[i].value) break;  // the line does not read q
        v.change = text(p, p.lines[i]) + " is in yours " + text(p, v.program.lines[i]) + " (" +
                   text(p, by) + " wherever the line has " +
                   p.parameter_names[static_cast<std::size_t>(q)] + ")";
        out.push_back(std::move(v));
      }
    }
  }
  // Two variables swapped wherever one line reads them: x_previous + β·(x_previous − x) for
  // x + β·(x − x_previous), as a step that swaps its state before using it computes.
  for (std::size_t i = 0; i < n; ++i) {
    const auto n_variables = static_cast<int>(p.variable_names.size());
    for (int q = 0; q < n_variables; ++q) {
      for (int r = q + 1; r < n_variables; ++r) {
        if (!detail::reads(p.lines[i].value, q) || !detail::reads(p.lines[i].value, r)) continue;
        Variant v{p, ""};
        v.program.lines[i].value = detail::swap_variables(p.lines[i].value, q, r);
        v.change = text(p, p.lines[i]) + " is in yours " + text(p, v.program.lines[i]) + " (" +
                   p.variable_names[static_cast<std::size_t>(q)] + " and " +
                   p.variable_names[static_cast<std::size_t>(r)] + " swapped)";
        out.push_back(std::move(v));
      }
    }
  }
  // A hyper-parameter in an integer type: after the node edits, since a β of 0.6 that became 0
  // gives what a missing term gives, and the missing term is the likelier slip.
  for (std::size_t q = 0; q < p.parameters.size(); ++q) {
    const double value = p.parameters[q];
    if (static_cast<int>(q) == p.t || std::trunc(value) == value) continue;
    Variant v{p, p.parameter_names[q] + " = " + format_number(value) +
                     " is held in an integer type: it became " + format_number(std::trunc(value))};
    v.program.parameters[q] = std::trunc(value);
    v.integer = true;
    v.as_value = p.parameter_names[q] + " = " + format_number(value) + " is " +
                 format_number(std::trunc(value)) + " in yours";
    out.push_back(std::move(v));
  }
  // A root written std::pow(x, 1 / 2): 1 / 2 is an integer division, 0, and every root of the
  // line became 1. An integer slip too, listed whenever it gives the same outputs.
  for (std::size_t i = 0; i < n; ++i) {
    const Expr ones = detail::roots_as_one(p.lines[i].value);
    if (ones == p.lines[i].value) continue;
    Variant v{p, ""};
    v.program.lines[i].value = ones;
    v.change = text(p, p.lines[i]) + " is in yours " + text(p, v.program.lines[i]) +
               ": a root written std::pow(x, 1 / 2)? 1 / 2 is an integer division, 0, and x⁰ = "
               "1; std::sqrt(x), or pow(x, 0.5)";
    v.integer = true;
    out.push_back(std::move(v));
  }
  for (std::size_t i = 0; i < n; ++i) {
    // A term or a factor the notes' line does not have: + q or ·q for a parameter q.
    for (int q = 0; q < static_cast<int>(p.parameters.size()); ++q) {
      if (q == p.t) continue;
      for (Op op : {Op::add, Op::multiply}) {
        Variant v{p, ""};
        v.program.lines[i].value = node(op, p.lines[i].value, detail::parameter_node(q));
        v.change = text(p, p.lines[i]) + " is in yours " + text(v.program, v.program.lines[i]);
        out.push_back(std::move(v));
      }
    }
    // The whole right-hand side replaced by another formula of the chapter.
    for (const auto& [name, formula] : p.formulas) {
      if (formula.target != p.lines[i].target) continue;
      Variant v{p, ""};
      v.program.lines[i].value = formula.value;
      v.change = text(p, p.lines[i]) + " is in yours " + text(p, v.program.lines[i]) + ", " + name;
      v.formula = true;
      out.push_back(std::move(v));
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    const std::string line = text(p, p.lines[i]);
    {
      Variant v{p, "the line " + line + " is missing"};
      v.program.lines.erase(v.program.lines.begin() + static_cast<std::ptrdiff_t>(i));
      out.push_back(std::move(v));
    }
    for (std::size_t k = 0; k < p.variable_names.size(); ++k) {
      if (static_cast<int>(k) == p.lines[i].target || static_cast<int>(k) == p.curvature ||
          static_cast<int>(k) == p.center)
        continue;
      Variant v{p, line + " writes into " + p.variable_names[k] + ", not into " +
                       p.variable_names[static_cast<std::size_t>(p.lines[i].target)]};
      v.program.lines[i].target = static_cast<int>(k);
      out.push_back(std::move(v));
    }
    if (p.outputs[static_cast<std::size_t>(p.lines[i].target)]) {
      Variant v{p, line + " is used but not saved: the state keeps " +
                       p.variable_names[static_cast<std::size_t>(p.lines[i].target)] +
                       "'s old value"};
      v.program.lines[i].saved = false;
      out.push_back(std::move(v));
    }
    {
      Variant v{p, line + " is computed in float, not in double"};
      v.program.lines[i].in_float = true;
      out.push_back(std::move(v));
    }
    for (std::size_t j = 0; j < n; ++j) {
      if (j == i) continue;
      Variant v{p, line + " comes " + (j > i ? "after " : "before ") + text(p, p.lines[j]) +
                       "; the notes have it " + (j > i ? "before" : "after")};
      Program::Line moved = v.program.lines[i];
      v.program.lines.erase(v.program.lines.begin() + static_cast<std::ptrdiff_t>(i));
      v.program.lines.insert(v.program.lines.begin() + static_cast<std::ptrdiff_t>(j), moved);
      out.push_back(std::move(v));
    }
  }
  // A variable held in a float (`float g = gradient(i);`): every line reads it rounded. A
  // variable that nothing reads is not one the slip can be in.
  for (std::size_t k = 0; k < p.variable_names.size(); ++k) {
    bool read = false;
    for (const Program::Line& line : p.lines) read = read || detail::reads(line.value, int(k));
    if (!read) continue;
    Variant v{p, p.variable_names[k] + " is held in a float: every line reads " +
                     p.variable_names[k] + " to a float's precision (about 7 digits)"};
    v.program.float_variables.assign(p.variable_names.size(), false);
    v.program.float_variables[k] = true;
    out.push_back(std::move(v));
  }
  // The last term of a line added only after other lines have read the target: s ← … + ε
  // written s ← …, then s ← s + ε after the step has used s.
  for (std::size_t i = 0; i < n; ++i) {
    const Program::Line& line = p.lines[i];
    if (line.value->op != Op::add && line.value->op != Op::subtract) continue;
    bool read = false;
    for (std::size_t j = i + 1; j < n; ++j) {
      read = read || detail::reads(p.lines[j].value, line.target);
      if (!read) continue;
      Variant v{p, ""};
      v.program.lines[i].value = line.value->a;
      Program::Line later = line;
      later.value = node(line.value->op, detail::variable_node(line.target, false), line.value->b);
      v.program.lines.insert(v.program.lines.begin() + static_cast<std::ptrdiff_t>(j + 1), later);
      v.change = text(p, line) + " is in yours " + text(p, v.program.lines[i]) + ", and its last " +
                 "term added only after " + text(p, p.lines[j]) + " (" + text(p, later) +
                 "): the lines between use " +
                 p.variable_names[static_cast<std::size_t>(line.target)] + " without it";
      out.push_back(std::move(v));
    }
  }
  // A pattern slip made alike wherever it applies in the lines (both bias corrections written
  // (1 − β)ᵗ); made once, it is a node edit above.
  for (const detail::Rule rule : detail::rules) {
    Variant v{p, ""};
    int made = 0;
    std::string change;
    for (std::size_t i = 0; i < n; ++i) {
      v.program.lines[i].value = detail::rewrite(p.lines[i].value, [&](const Expr& e) -> Expr {
        Expr r = detail::apply(p, rule, e);
        if (r) ++made;
        return r;
      });
      if (v.program.lines[i].value != p.lines[i].value)
        change += (change.empty() ? "" : "; ") + text(p, p.lines[i]) + " is in yours " +
                  text(p, v.program.lines[i]);
    }
    if (made < 2) continue;
    v.change = "the same change wherever the lines allow it: " + change;
    out.push_back(std::move(v));
  }
  // An input read in place of another in every line that reads it: a field copied from the line
  // above (`const double dt = physics.friction;`). Read by one line only, it is that line's edit.
  {
    const auto n_variables = static_cast<int>(p.variable_names.size());
    const auto input = [&](int q) { return detail::is_input(p, q); };
    for (int q = 0; q < n_variables; ++q) {
      if (!input(q)) continue;
      int lines_reading = 0;
      for (const Program::Line& line : p.lines) lines_reading += detail::reads(line.value, q);
      if (lines_reading < 2) continue;
      for (int r = 0; r < n_variables; ++r) {
        if (r == q || !input(r)) continue;
        const std::string& wanted = p.variable_names[static_cast<std::size_t>(q)];
        const std::string& read = p.variable_names[static_cast<std::size_t>(r)];
        Variant v{p, "every line reads " + read + " where the notes have " + wanted + ": " +
                         wanted + " is set from the wrong input, " + read +
                         "'s (a line copied from the one above?)"};
        const auto n_read = std::make_shared<Node>();
        n_read->op = Op::variable;
        n_read->index = r;
        for (Program::Line& line : v.program.lines)
          line.value = detail::write_out(line.value, q, n_read);
        out.push_back(std::move(v));
      }
    }
  }
  // A local written by a line made a reference to a state variable the step hands back
  // (`Vector& x_next = state.x_previous;`): one storage under two names.
  for (std::size_t k = 0; k < p.variable_names.size(); ++k) {
    bool written = false;
    for (const Program::Line& line : p.lines) written = written || line.target == int(k);
    if (p.outputs[k] || !written) continue;
    for (std::size_t j = 0; j < p.variable_names.size(); ++j) {
      if (!p.outputs[j] || j == k) continue;
      Variant v{p, p.variable_names[k] + " and " + p.variable_names[j] +
                       " are one variable under two names: " + p.variable_names[j] +
                       " is left holding " + p.variable_names[k] + " (is " + p.variable_names[k] +
                       " stored into " + p.variable_names[j] +
                       ", or a reference bound to it?); writing one overwrites the other; " +
                       p.variable_names[k] + " needs storage of its own"};
      v.program.bound = {int(k), int(j)};
      v.bound = true;
      out.push_back(std::move(v));
    }
  }
  // A hyper-parameter written as a number in the step instead of read from the parameters: one
  // of the values libraries use as defaults (Keras's ρ = 0.9, an ε of 1e-7), whatever the caller
  // passed. Last, since a value that happens to give a line's edit is likelier that edit.
  for (std::size_t q = 0; q < p.parameters.size(); ++q) {
    if (static_cast<int>(q) == p.t) continue;
    for (const double fixed :
         {0.9, 0.99, 0.999, 0.95, 0.5, 0.1, 0.01, 1e-3, 1e-6, 1e-7, 1e-8, 1e-10}) {
      if (fixed == p.parameters[q]) continue;
      Variant v{p, p.parameter_names[q] + " is " + format_number(fixed) +
                       " in every line, whatever the parameters say: is it written as a number "
                       "(a library's default?) where the step should read the " +
                       p.parameter_names[q] + " it is given?"};
      v.program.parameters[q] = fixed;
      v.fallback = true;
      out.push_back(std::move(v));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Comparing with the student's step.

/// The values before one step of every coordinate, variable by variable (`before[variable]` has
/// one entry per coordinate), and what the student's step handed back (`after`, NaN where the step
/// does not hand a variable back).
struct Situation {
  std::vector<Vector> before;
  std::vector<Vector> after;
  /// When the situation was also run with one coordinate's values before the step drawn anew
  /// (situations() with `watch_coupling`) and another coordinate's output changed: what changed,
  /// in words ("" when the coordinates stayed independent, or when it was not watched).
  std::string coupled;
};

namespace detail {

// How far a student's output is from the lines', relative: 0 when both are NaN or equal, infinity
// when only one is finite (or they are different infinities).
inline double how_far(double got, double expected) {
  if (std::isnan(got) && std::isnan(expected)) return 0.0;
  if (!std::isfinite(got) || !std::isfinite(expected))
    return got == expected ? 0.0 : std::numeric_limits<double>::infinity();
  const double scale = std::max(std::abs(got), std::abs(expected));
  return scale > 0.0 ? std::abs(got - expected) / scale : 0.0;
}

// Calls `each(k, got, expected)` for every output k of `p`, coordinate by coordinate of every
// situation: what the student's step handed back and what the lines give from the same values.
// Stops as soon as `each` returns false.
template <class Each>
void for_each_output(const Program& p, const std::vector<Situation>& situations, Each each) {
  for (const Situation& s : situations) {
    const Index n = s.before.front().size();
    for (Index i = 0; i < n; ++i) {
      std::vector<double> before;
      for (const Vector& v : s.before) before.push_back(v(i));
      const std::vector<double> after = run(p, before);
      for (std::size_t k = 0; k < after.size(); ++k) {
        if (p.outputs[k] && !each(k, s.after[k](i), after[k])) return;
      }
    }
  }
}

}  // namespace detail

/// Whether the lines `p` give, on every situation, every output the student's step gave, to a
/// relative 1e-9 (NaN where the student has NaN).
inline bool gives(const Program& p, const std::vector<Situation>& situations) {
  bool all = true;
  detail::for_each_output(p, situations, [&](std::size_t, double got, double expected) {
    all = detail::how_far(got, expected) <= 1e-9;
    return all;
  });
  return all;
}

/// Whether the student's step differs from the lines `p` somewhere by a finite value: if it
/// differs only where it gives NaN or infinity, an edit that also gives NaN there is matched by
/// the NaN alone, which names nothing (1 − β·t and 0.5 − βᵗ are both NaN under a root).
inline bool differs_finitely(const Program& p, const std::vector<Situation>& situations) {
  bool found = false;
  detail::for_each_output(p, situations, [&](std::size_t, double got, double expected) {
    found = std::isfinite(got) && detail::how_far(got, expected) > 1e-9;
    return !found;
  });
  return found;
}

namespace detail {
// The start of every sentence that names one change: the step, run beside the notes' lines.
inline std::string with_one_change(const Program& p, const std::vector<Situation>& situations) {
  return p.name + ", run beside " + p.section + "'s lines on " +
         std::to_string(situations.size() * static_cast<std::size_t>(p.draws)) + " " + p.drawn +
         ": every output is that of the notes' lines with one change, ";
}

}  // namespace detail

/// The sentence naming two hyper-parameters of `p` swapped, if that is what the student's step is
/// (its fields unpacked in another order), else "". Asked apart from which_edit of a step with
/// options: the swap shows as such only where both parameters are in play, and where one of them
/// is 0 it looks like another edit (a term that is never added).
inline std::string swapped_parameters(const Program& p, const std::vector<Situation>& situations) {
  if (gives(p, situations) || !differs_finitely(p, situations)) return "";
  for (std::size_t q = 0; q < p.parameters.size(); ++q) {
    for (std::size_t r = q + 1; r < p.parameters.size(); ++r) {
      if (static_cast<int>(q) == p.t || static_cast<int>(r) == p.t) continue;
      if (p.parameters[q] == p.parameters[r]) continue;
      Program swapped = p;
      std::swap(swapped.parameters[q], swapped.parameters[r]);
      if (!gives(swapped, situations)) continue;
      // A swap only where both halves are needed: a parameter these lines do not read (an
      // initial value, in a state well into the run) makes the swap one parameter read for
      // another, which which_edit names as such.
      Program one = p, other = p;
      one.parameters[q] = p.parameters[r];
      other.parameters[r] = p.parameters[q];
      if (gives(one, situations) || gives(other, situations)) continue;
      return detail::with_one_change(p, situations) +
             detail::swapped_change(p.parameter_names[q], p.parameter_names[r]);
    }
  }
  return "";
}

namespace detail {

// Whether `edited` is `original` with one if_negative node replaced by one of its arms: a branch
// dropped, the case analysis written as its one case.
inline bool drops_a_branch(const Expr& original, const Expr& edited) {
  if (!original || !edited || original == edited) return false;
  if (original->op == Op::if_negative && (edited == original->b || edited == original->c))
    return true;
  if (original->op != edited->op) return false;
  return drops_a_branch(original->a, edited->a) || drops_a_branch(original->b, edited->b) ||
         drops_a_branch(original->c, edited->c);
}

}  // namespace detail

/// The sentence naming the single edit of `p` that the student's step is, "" when the step gives
/// what the notes' lines give or when no single edit explains it. When other edits give the same
/// outputs (a factor dropped, or the parameter it holds made 0), up to two of them are named too;
/// a hyper-parameter held in an integer type is always among them when it gives the same outputs,
/// since the missing term it looks like is then not in the student's code at all. With
/// `first_step_alone` (a step that gives the notes' lines well into the run), a hyper-parameter
/// that became an integer is said as the value alone: a type would change every step.
inline std::string which_edit(const Program& p, const std::vector<Situation>& situations,
                              bool first_step_alone = false) {
  if (gives(p, situations)) return "";
  if (!differs_finitely(p, situations)) return "";
  // The first match that is not a node made 0 or 1, then up to two more such.
  std::vector<std::string> changes, trivial, fallbacks;
  std::string integer;
  // The line each named change edited alone (-1 for other edits): of two edits of one line that
  // give the same outputs only the first is named (μ·Δt², not also μ·Δt·Δt).
  std::vector<int> lines;
  // Variables with no value before the step (locals: NaN in every situation).
  std::vector<bool> unset(p.variable_names.size(), false);
  for (std::size_t k = 0; k < unset.size() && !situations.empty(); ++k)
    unset[k] = situations.front().before[k].array().isNaN().all();
  for (const Variant& v : single_edits(p)) {
    if (detail::reads_unset(v.program, unset)) continue;  // NaN from nothing names nothing
    // At the first step alone, a hyper-parameter that became an integer is said as its value.
    const std::string& change = first_step_alone && v.integer ? v.as_value : v.change;
    const auto same_line =
        v.line < 0 || v.trivial ? lines.end() : std::find(lines.begin(), lines.end(), v.line);
    // An edit elsewhere that keeps a branch's test on one side in every situation (D ← β·s − 4β,
    // never positive) gives what dropping the branch gives; the dropped branch is the plainer
    // reading, and is named first.
    const bool dropped =
        v.line >= 0 &&
        detail::drops_a_branch(p.lines[static_cast<std::size_t>(v.line)].value,
                               v.program.lines[static_cast<std::size_t>(v.line)].value);
    if (changes.size() >= 3 && !v.integer && !dropped && !v.formula && !v.bound) continue;
    if (!gives(v.program, situations)) continue;
    if (v.integer && integer.empty()) integer = change;
    if (same_line != lines.end()) continue;  // the same slip, written another way
    // The same change found by two kinds of edit, one saying more ("(m and D swapped)"): kept once,
    // in its longer words.
    const auto said = std::find_if(changes.begin(), changes.end(), [&](const std::string& c) {
      return change.starts_with(c) || c.starts_with(change);
    });
    if (said != changes.end()) {
      if (change.size() > said->size()) *said = change;
      continue;
    }
    if (v.trivial) {
      trivial.push_back(change);
    } else if (v.fallback) {
      fallbacks.push_back(change);
    } else if (dropped || v.formula) {
      changes.insert(changes.begin(), change);
      lines.insert(lines.begin(), v.line);
      if (changes.size() > 3) {
        changes.pop_back();
        lines.pop_back();
      }
    } else if (v.bound) {
      const auto at = static_cast<std::ptrdiff_t>(std::min<std::size_t>(1, changes.size()));
      changes.insert(changes.begin() + at, change);
      lines.insert(lines.begin() + at, v.line);
      if (changes.size() > 3) {
        changes.pop_back();
        lines.pop_back();
      }
    } else if (changes.size() < 3) {
      changes.push_back(change);
      lines.push_back(v.line);
    }
  }
  if (changes.empty() && !trivial.empty()) changes.push_back(trivial.front());
  if (changes.empty()) {
    for (std::size_t k = 0; k < fallbacks.size() && k < 2; ++k) changes.push_back(fallbacks[k]);
  }
  if (!integer.empty() && std::find(changes.begin(), changes.end(), integer) == changes.end()) {
    if (changes.size() >= 3) changes.pop_back();
    changes.push_back(integer);
  }
  if (changes.empty()) return "";
  std::string sentence = detail::with_one_change(p, situations) + changes[0];
  for (std::size_t k = 1; k < changes.size(); ++k) {
    sentence += (k == 1 ? " (the same outputs as: " : "; ") + changes[k];
  }
  return sentence + (changes.size() > 1 ? ")" : "");
}

/// When no single edit explains the student's step: which of its outputs differ from those of the
/// notes' lines `p` (by how much, relative) and which agree, so that the slip is at least located
/// in the lines that compute the ones that differ; "" when every output agrees.
inline std::string differs(const Program& p, const std::vector<Situation>& situations) {
  std::vector<double> worst(p.variable_names.size(), 0.0);
  detail::for_each_output(p, situations, [&](std::size_t k, double got, double expected) {
    worst[k] = std::max(worst[k], detail::how_far(got, expected));
    return true;
  });
  std::string differ, agree;
  std::size_t differing = 0;
  for (std::size_t k = 0; k < worst.size(); ++k) {
    if (!p.outputs[k]) continue;
    if (worst[k] > 1e-9) {
      differ += (differ.empty() ? "" : ", ") + p.variable_names[k] + " (off by up to " +
                format_number(worst[k], 2) + " relative)";
      ++differing;
    } else {
      agree += (agree.empty() ? "" : ", ") + p.variable_names[k];
    }
  }
  if (differ.empty()) return "";
  // Coordinates that read each other: the cause of the outputs that differ, said instead.
  for (const Situation& s : situations) {
    if (s.coupled.empty()) continue;
    return p.name + ", run beside " + p.section + "'s lines on " +
           std::to_string(situations.size() * static_cast<std::size_t>(p.draws)) + " " + p.drawn +
           ": " + differ + (differing == 1 ? " differs" : " differ") + ", and " + s.coupled +
           ": each coordinate's step reads its own gradient and state only; is a sum, a norm or "
           "a variable declared before the loop over the coordinates carried from one "
           "coordinate to the next?";
  }
  return p.name + ", run beside " + p.section + "'s lines on " +
         std::to_string(situations.size() * static_cast<std::size_t>(p.draws)) + " " + p.drawn +
         ": " + differ + (differing == 1 ? " differs" : " differ") + " from what the lines give" +
         (agree.empty() ? "" : ", while " + agree + " agree") +
         "; no single change of the lines explains it: compare your lines that compute " +
         (differing == 1 ? "it" : "them") + ", and what they read, with the notes'";
}

/// The sentence as the first of a list of findings, or no finding when it is "".
inline std::vector<std::string> as_findings(const std::string& sentence) {
  return sentence.empty() ? std::vector<std::string>{} : std::vector<std::string>{sentence};
}

/// The sentence, when there is one, before the other `findings`.
inline std::vector<std::string> first_then(const std::string& sentence,
                                           std::vector<std::string> findings) {
  if (!sentence.empty()) findings.insert(findings.begin(), sentence);
  return findings;
}

/// How a variable's value before the step is drawn; an empty Draw leaves it NaN (a local, which
/// the lines write before they read it).
using Draw = std::function<double(std::mt19937&)>;
inline Draw uniform(double low, double high) {
  return [=](std::mt19937& rng) { return std::uniform_real_distribution<double>(low, high)(rng); };
}
/// Log-uniform on [low, high] (0 < low < high): every decade as likely as the next.
inline Draw log_uniform(double low, double high) {
  return [=](std::mt19937& rng) {
    return std::exp(std::uniform_real_distribution<double>(std::log(low), std::log(high))(rng));
  };
}
/// Either sign with a log-uniform magnitude on [low, high]: small values as often as large ones.
inline Draw signed_log_uniform(double low, double high) {
  return [=](std::mt19937& rng) {
    const double magnitude = log_uniform(low, high)(rng);
    return std::bernoulli_distribution(0.5)(rng) ? magnitude : -magnitude;
  };
}

/// `count` situations of 3 coordinates, the values before the step drawn by `draws` (one per
/// variable of `p`, from a fixed seed) and the values after it from `step(before)`, which runs the
/// student's step and returns every variable (NaN where the step hands nothing back). A step that
/// throws gives no situation.
///
/// With `watch_coupling`, each situation is also run with the values of coordinate 0, then of the
/// last coordinate, drawn anew (from a generator of their own, so that the situations are the same
/// either way): the outputs of the other coordinates must not change, and Situation::coupled says
/// which one did.
template <class Step>
std::vector<Situation> situations(const Program& p, const std::vector<Draw>& draws, Step step,
                                  int count = 4, bool watch_coupling = false) {
  std::mt19937 rng(20261203), other_rng(20261205);
  std::vector<Situation> out;
  for (int k = 0; k < count; ++k) {
    Situation s;
    for (std::size_t v = 0; v < p.variable_names.size(); ++v) {
      Vector values = Vector::Constant(3, std::nan(""));
      if (draws[v]) {
        for (Index i = 0; i < values.size(); ++i) values(i) = draws[v](rng);
      }
      s.before.push_back(values);
    }
    try {
      s.after = step(s.before);
      for (const Index j : {Index{0}, Index{2}}) {
        if (!watch_coupling || !s.coupled.empty()) break;
        std::vector<Vector> changed = s.before;
        for (std::size_t v = 0; v < changed.size(); ++v) {
          if (draws[v]) changed[v](j) = draws[v](other_rng);
        }
        const std::vector<Vector> after = step(changed);
        for (std::size_t v = 0; v < after.size() && s.coupled.empty(); ++v) {
          for (Index i = 0; i < 3 && p.outputs[v]; ++i) {
            if (i == j || detail::how_far(after[v](i), s.after[v](i)) <= 1e-12) continue;
            s.coupled = "changing only coordinate " + std::to_string(j) +
                        "'s values before the step changed " + p.variable_names[v] +
                        " at coordinate " + std::to_string(i) + ", from " +
                        format_number(s.after[v](i), 6) + " to " + format_number(after[v](i), 6);
            break;
          }
        }
      }
    } catch (const std::exception&) {
      return {};
    }
    out.push_back(std::move(s));
  }
  return out;
}

/// A state vector the student's step handed back, or NaN of length 3 if it resized it.
inline Vector handed_back(const Vector& v) {
  return v.size() == 3 ? v : Vector::Constant(3, std::nan(""));
}

}  // namespace workbook::testing::edits
