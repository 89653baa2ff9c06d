// Chapter 6, §6.4: softmax cross-entropy, its gradient with respect to the logits, and why the
// largest logit is subtracted. Exercise: softmax_cross_entropy (exercises/ch06/softmax_cross_entropy.cpp,
// softmax_cross_entropy_and_gradient()). The tests call the library's softmax_cross_entropy(),
// which checks the labels and what the exercise returns, and compare with the definition
// −log(e^{z_y} / Σ_k e^{z_k}) evaluated where it cannot overflow, with central differences and
// with torch.
#include <cmath>

#include "workbook/finite_differences.hpp"
#include "workbook/network.hpp"
#include "workbook/testing/literate.hpp"
#include "workbook/testing/network.hpp"
#include "workbook/testing/torch_network.hpp"

using namespace workbook;
using namespace workbook::nn;
using testing::explain_difference;
using testing::flat;
using testing::random_matrix;
using testing::unflat;

namespace {

// The definition, for logits small enough that e^z neither overflows nor underflows, in long
// double: (1/B) Σ_b −log(e^{z_{y_b}} / Σ_k e^{z_k}).
double cross_entropy_by_definition(const Matrix& logits, const std::vector<Index>& labels) {
  long double total = 0.0L;
  for (Index b = 0; b < logits.cols(); ++b) {
    long double sum = 0.0L;
    for (Index k = 0; k < logits.rows(); ++k)
      sum += std::exp(static_cast<long double>(logits(k, b)));
    total -= std::log(std::exp(static_cast<long double>(logits(labels[b], b))) / sum);
  }
  return static_cast<double>(total / static_cast<long double>(logits.cols()));
}

struct LossAndGradient {
  double loss = 0.0;
  Matrix gradient;
};

// The exercise through the library, which names what it returns wrong; a std::logic_error (a
// NaN, a wrong shape) becomes a failure that quotes it.
LossAndGradient evaluate(const Matrix& logits, const std::vector<Index>& labels) {
  LossAndGradient result;
  result.loss = softmax_cross_entropy(logits, labels, result.gradient);
  return result;
}

// Why the loss or its gradient is not finite at large logits, from two probes: (800, 0) labelled
// 0 costs log(1 + e^{−800}) ≈ 0 and needs no exponential above 1 once the largest logit is
// subtracted; (0, −800) labelled 0 costs ≈ 0 too, but p₁ = e^{−800} underflows to 0.
std::string why_not_finite() {
  try {
    Matrix g;
    softmax_cross_entropy(Matrix{{800.0}, {0.0}}, std::vector<Index>{0}, g);
  } catch (const std::logic_error&) {
    return "at logits (800, 0) too: e^{800} overflows to inf (and inf/inf is NaN); §6.4 shows "
           "which number to subtract from every logit of a column first";
  }
  return "yet (800, 0) is finite: the largest logit is subtracted, but a probability that "
         "underflowed to 0 (e^{−2000}) went into a logarithm; −log p_y = log Σ_k e^{z_k − m} − "
         "(z_y − m) takes no logarithm of a probability";
}

// What a loss below the truth at large logits says: a probability computed first and then
// passed to log cannot be below the smallest double, so −log p ≤ 745 however wrong the example.
std::string why_too_small(double loss, double expected) {
  if (loss >= expected) return "";
  return "L = " + format_number(loss) + " is below the true " + format_number(expected) +
         ": −log p of a probability computed first is at most −log(4.9e-324) ≈ 745 per example "
         "(less where exp is clamped), so the loss must come from log-sum-exp, which takes no "
         "logarithm of a probability";
}

// Five classes, a batch of four, logits of order 2.
const Matrix& moderate_logits() {
  static const Matrix z = [] {
    Random random(1);
    return random_matrix(5, 4, random, 2.0);
  }();
  return z;
}
const std::vector<Index> moderate_labels{3, 0, 4, 4};

}  // namespace

BOOST_AUTO_TEST_SUITE(softmax_cross_entropy)

BOOST_AUTO_TEST_CASE(the_loss_is_the_mean_negative_log_probability,
                     *utf::description("§6.4: L = (1/B) Σ_b −log p_{y_b}, p the softmax of the "
                                       "logits: torch's cross_entropy with reduction 'mean', to "
                                       "1e-14 at moderate logits")) {
  const double expected = cross_entropy_by_definition(moderate_logits(), moderate_labels);
  const double loss = evaluate(moderate_logits(), moderate_labels).loss;
  BOOST_TEST_INFO("L = " << format_number(loss, 17) << ", the definition gives "
                         << format_number(expected, 17) << " (ratio " << loss / expected
                         << "; a ratio of B = 4 is a sum where the mean belongs)");
  BOOST_TEST(loss == expected, tt::tolerance(1e-14));
}

BOOST_AUTO_TEST_CASE(the_gradient_is_the_derivative_and_its_columns_sum_to_zero,
                     *utf::description("§6.4: ∂L/∂Z agrees with central differences of the "
                                       "definition, and every column sums to 0 (a constant added "
                                       "to a column's logits changes nothing)")) {
  const Matrix gradient = evaluate(moderate_logits(), moderate_labels).gradient;
  const Matrix expected =
      unflat(five_point_gradient(
                 [&](const Vector& z) {
                   return cross_entropy_by_definition(unflat(z, 5, 4), moderate_labels);
                 },
                 flat(moderate_logits()), 1e-3),
             5, 4);
  std::string why = explain_difference("∂L/∂Z", gradient, expected, 4, 1e-8);
  if (!why.empty() && gradient.rows() == 5 && gradient.cols() == 4) {
    for (Index b = 0; b < 4; ++b) {
      const double column_sum = gradient.col(b).sum();
      if (std::abs(column_sum) > 1e-12) {
        why += "; column " + std::to_string(b) + " sums to " + format_number(column_sum) +
               ", expected 0: the probabilities sum to 1, and so does the one-hot label";
        break;
      }
    }
  }
  BOOST_TEST_INFO(why);
  BOOST_TEST(why.empty());
}

BOOST_AUTO_TEST_CASE(finite_at_logits_of_a_thousand,
                     *utf::description("§6.4: z = (1000, −1000, 0) and (−1000, 1000, 0), both "
                                       "labelled 1: the loss is (2000 + 0)/2 and the gradient "
                                       "((1, −1, 0) + (0, 0, 0))/2, finite although e^{1000} "
                                       "overflows a double")) {
  const Matrix logits{{1000.0, -1000.0}, {-1000.0, 1000.0}, {0.0, 0.0}};
  const std::vector<Index> labels{1, 1};
  try {
    const LossAndGradient result = evaluate(logits, labels);
    BOOST_TEST_INFO(why_too_small(result.loss, 1000.0));
    BOOST_TEST(result.loss == 1000.0, tt::tolerance(1e-15));
    const Matrix expected{{0.5, 0.0}, {-0.5, 0.0}, {0.0, 0.0}};
    const std::string why = explain_difference("∂L/∂Z", result.gradient, expected, 2, 1e-15);
    BOOST_TEST_INFO(why);
    BOOST_TEST(why.empty());
  } catch (const std::logic_error& e) {
    BOOST_ERROR(e.what() << ": " << why_not_finite());
  }
}

BOOST_AUTO_TEST_CASE(no_probability_underflows_into_the_logarithm,
                     *utf::description("§6.4: z = (0, −800) labelled 1 costs 800 + log(1 + "
                                       "e^{−800}) = 800: p₁ = e^{−800} underflows to 0, so the "
                                       "loss must come from log-sum-exp, not from log p")) {
  const Matrix logits{{0.0}, {-800.0}};
  const std::vector<Index> labels{1};
  try {
    const LossAndGradient result = evaluate(logits, labels);
    BOOST_TEST_INFO(why_too_small(result.loss, 800.0));
    BOOST_TEST(result.loss == 800.0, tt::tolerance(1e-15));
    const Matrix expected{{1.0}, {-1.0}};
    const std::string why = explain_difference("∂L/∂Z", result.gradient, expected, 1, 1e-15);
    BOOST_TEST_INFO(why);
    BOOST_TEST(why.empty());
  } catch (const std::logic_error& e) {
    BOOST_ERROR(e.what() << ": log p₁ = log(e^{−800}/(1 + e^{−800})) is log 0 = −inf in "
                            "double precision; −log p_y = log Σ_k e^{z_k − m} − (z_y − m) takes "
                            "no logarithm of a probability");
  }
}

BOOST_AUTO_TEST_CASE(
    equals_torch_cross_entropy,
    *utf::description("softmax_cross_entropy is torch's F.cross_entropy (mean over "
                      "the batch), loss and gradient to 1e-10, also at logits of "
                      "order ±1000 (golden files of torch 1.13)")) {
  namespace golden = testing::torch_golden;
  for (const std::string name : {"cross_entropy", "cross_entropy_large"}) {
    try {
      Matrix gradient;
      const double loss = nn::softmax_cross_entropy(golden::tensor(name, "input"),
                                                    golden::labels_of(name), gradient);
      golden::check(name, "loss", Matrix::Constant(1, 1, loss),
                    "log-sum-exp with the maximum subtracted, averaged over the batch");
      golden::check(name, "input_gradient", gradient, "the gradient of the mean over the batch");
    } catch (const std::logic_error& e) {
      BOOST_ERROR(name << ": " << e.what());
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
