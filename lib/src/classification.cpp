// Chapter 2: logistic and softmax regression as finite sums, evaluated with matrix products over
// the rows of a batch (gathered once).
#include "workbook/classification.hpp"

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "catalogue.hpp"
#include "workbook/errors.hpp"
#include "workbook/registry.hpp"

namespace workbook {

namespace {

using Array = Eigen::ArrayXd;

// Throws unless `data` is valid and has at least one example. The design matrix and the labels
// are built from it in either order (the arguments of one constructor), each after this check.
void require_examples(const Dataset& data, const std::string& problem) {
  data.validate();
  if (data.examples() == 0)
    throw std::invalid_argument(problem + ": the data set has no example: expected at least one");
}

// A = [X 1]: the features and a column of ones (the bias's), one row per example.
Matrix with_bias_column(const Dataset& data, const std::string& problem) {
  require_examples(data, problem);
  Matrix A(data.examples(), data.dimension() + 1);
  A.leftCols(data.dimension()) = data.features;
  A.col(data.dimension()).setOnes();
  return A;
}

// The labels of `data` as 0.0 and 1.0; throws unless each is 0 or 1.
Vector binary_labels(const Dataset& data) {
  require_examples(data, "logistic_regression");
  for (Index i = 0; i < data.examples(); ++i) {
    if (data.labels(i) != 0 && data.labels(i) != 1) {
      throw std::invalid_argument("the label of example " + std::to_string(i) + " is " +
                                  std::to_string(data.labels(i)) +
                                  ": logistic_regression expects labels 0 and 1");
    }
  }
  return data.labels.cast<double>();
}

// The labels of `data` one-hot, a row per example (N × K); throws unless there are at least 2
// classes.
Matrix one_hot_labels(const Dataset& data) {
  require_examples(data, "softmax_regression");
  const int K = data.classes();
  if (K < 2) {
    throw std::invalid_argument("the data set has " + std::to_string(K) +
                                " class: softmax_regression expects at least 2");
  }
  Matrix Y = Matrix::Zero(data.examples(), K);
  for (Index i = 0; i < data.examples(); ++i) Y(i, data.labels(i)) = 1.0;
  return Y;
}

void check_features(const Matrix& features, Index expected, const std::string& problem) {
  if (features.cols() != expected) {
    throw std::invalid_argument("the features have " + std::to_string(features.cols()) +
                                " columns: expected " + std::to_string(expected) +
                                ", the features " + problem + " was built with");
  }
}

}  // namespace

// ---------------------------------------------------------------------------- LinearClassifier

template <class Targets>
LinearClassifier<Targets>::LinearClassifier(const Dataset& data, Targets (*labels)(const Dataset&),
                                            double l2_penalty, const std::string& name,
                                            const std::string& dimension)
    : RowFiniteSum<Targets>(with_bias_column(data, name), labels(data), "theta",
                            "the dimension of " + name + ": " + dimension),
      l2_penalty_(l2_penalty) {
  require_non_negative("l2_penalty", l2_penalty);
}

template class LinearClassifier<Vector>;
template class LinearClassifier<Matrix>;

// -------------------------------------------------------------------------- LogisticRegression

LogisticRegression::LogisticRegression(const Dataset& data, double l2_penalty)
    : LinearClassifier(data, binary_labels, l2_penalty, "logistic_regression", "d + 1") {}

// The data term is Chapter 2's exercise logistic_loss (exercises/ch02/logistic_loss.cpp); the
// penalty λ/2 ‖w‖² (the bias not included) and its gradient λ(w, 0) are added here.
double LogisticRegression::rows_loss(const Matrix& A, const Vector& y, const Vector& theta,
                                     Vector* gradient) const {
  const double data_loss = logistic_loss(A, y, theta, gradient);
  const auto w = theta.head(A.cols() - 1);
  if (gradient != nullptr) gradient->head(w.size()) += l2_penalty() * w;
  return data_loss + 0.5 * l2_penalty() * w.squaredNorm();
}

Matrix LogisticRegression::hessian(const Vector& theta) const {
  check_point(theta);
  const Matrix& A = design();
  const Array t = (-(A * theta).array().abs()).exp();
  const Vector D = (t / (1.0 + t).square()).matrix();  // σ(1 − σ) = e^{−|z|}/(1 + e^{−|z|})²
  Matrix H = A.transpose() * D.asDiagonal() * A / static_cast<double>(examples());
  H = 0.5 * (H + H.transpose()).eval();  // exactly symmetric, whatever the product's rounding
  H.diagonal().head(features()).array() += l2_penalty();
  return H;
}

void LogisticRegression::hessian_vector_product(const Vector& theta, const Vector& v,
                                                Vector& product) const {
  check_point(theta);
  require_size("v", v, dimension(), "the dimension of logistic_regression: d + 1");
  const Matrix& A = design();
  const Array t = (-(A * theta).array().abs()).exp();
  const Array D = t / (1.0 + t).square();
  const Vector DAv = (D * (A * v).array()).matrix();  // D(Av)
  product.noalias() = A.transpose() * DAv / static_cast<double>(examples());
  product.head(features()) += l2_penalty() * v.head(features());
}

Labels LogisticRegression::predict(const Vector& theta, const Matrix& features) const {
  check_point(theta);
  check_features(features, this->features(), "logistic_regression");
  const Vector z = features * theta.head(this->features()) +
                   Vector::Constant(features.rows(), theta(this->features()));  // Xw + b
  return (z.array() >= 0.0).cast<int>();
}

double LogisticRegression::accuracy(const Vector& theta, const Dataset& data) const {
  data.validate();
  if (data.examples() == 0)
    throw std::invalid_argument("the data set has no example: no accuracy to measure");
  if (data.classes() > 2) {
    throw std::invalid_argument("the data set has labels up to " +
                                std::to_string(data.classes() - 1) +
                                ": logistic_regression expects labels 0 and 1");
  }
  const Labels predicted = predict(theta, data.features);
  return static_cast<double>((predicted.array() == data.labels.array()).count()) /
         static_cast<double>(data.examples());
}

// --------------------------------------------------------------------------- SoftmaxRegression

SoftmaxRegression::SoftmaxRegression(const Dataset& data, double l2_penalty)
    : LinearClassifier(data, one_hot_labels, l2_penalty, "softmax_regression", "(d + 1) K") {}

// Softmax regression over the m rows of A = [X 1] with one-hot labels Y (m × K) and Θ = θ as a
// (d+1) × K matrix: (1/m) Σᵢ [log Σₖ e^{Zᵢₖ − mᵢ} − (Z_{i yᵢ} − mᵢ)] + λ/2 ‖W‖², Z = AΘ,
// mᵢ = maxₖ Zᵢₖ, and when `gradient` is given, Aᵀ(P − Y)/m + λ(W; 0).
double SoftmaxRegression::rows_loss(const Matrix& A, const Matrix& Y, const Vector& theta,
                                    Vector* gradient) const {
  const Index p = A.cols(), d = p - 1, K = Y.cols();
  const double m = static_cast<double>(A.rows());
  const Eigen::Map<const Matrix> Theta(theta.data(), p, K);
  const Matrix Z = A * Theta;                                          // logits
  const Matrix shifted = Z.colwise() - Z.rowwise().maxCoeff();         // Z − m: every entry <= 0
  const Eigen::ArrayXXd E = shifted.array().exp();                     // e^{Z − m} ∈ (0, 1]
  const Array sums = E.rowwise().sum();                                // >= 1: the maximum's own 1
  const Array picked = (shifted.array() * Y.array()).rowwise().sum();  // Z_{i yᵢ} − mᵢ
  const double data_loss = (sums.log() - picked).sum() / m;
  const auto W = Theta.topRows(d);
  if (gradient != nullptr) {
    gradient->resize(p * K);
    Eigen::Map<Matrix> G(gradient->data(), p, K);
    const Matrix P = (E.colwise() / sums).matrix();  // softmax, row by row
    G.noalias() = A.transpose() * (P - Y) / m;
    G.topRows(d) += l2_penalty() * W;
  }
  return data_loss + 0.5 * l2_penalty() * W.squaredNorm();
}

Labels SoftmaxRegression::predict(const Vector& theta, const Matrix& features) const {
  check_point(theta);
  check_features(features, this->features(), "softmax_regression");
  const Index d = this->features();
  const Eigen::Map<const Matrix> Theta(theta.data(), d + 1, classes());
  const Matrix Z = (features * Theta.topRows(d)).rowwise() + Theta.row(d);  // XW + bᵀ
  Labels predicted(features.rows());
  for (Index i = 0; i < Z.rows(); ++i) {
    Index k = 0;
    Z.row(i).maxCoeff(&k);
    predicted(i) = static_cast<int>(k);
  }
  return predicted;
}

double SoftmaxRegression::accuracy(const Vector& theta, const Dataset& data) const {
  data.validate();
  if (data.examples() == 0)
    throw std::invalid_argument("the data set has no example: no accuracy to measure");
  const Labels predicted = predict(theta, data.features);
  return static_cast<double>((predicted.array() == data.labels.array()).count()) /
         static_cast<double>(data.examples());
}

// ----------------------------------------------------------------------------------- registry

namespace {

struct ClassifierSettings {
  double l2_penalty = 0.0;
};

// `Model` fitted to the training half of the workbook's split of the data file `file`
// (standardised_split()). The whole file is read before anything is built.
template <class Model>
BuiltProblem split_classifier(std::string_view file, const ClassifierSettings& s) {
  Split split = standardised_split(file);
  auto train = std::make_unique<Model>(split.train, s.l2_penalty);
  auto test = std::make_shared<const Model>(split.test, s.l2_penalty);
  auto test_data = std::make_shared<const Dataset>(std::move(split.test));
  return {std::move(train), TestSplit{test, [test, test_data](const Vector& theta) {
                                        return test->accuracy(theta, *test_data);
                                      }}};
}

Settings<ClassifierSettings> classifier_settings() {
  return Settings<ClassifierSettings>().add(
      "l2_penalty", &ClassifierSettings::l2_penalty,
      "L2 penalty lambda/2 |w|^2 on the weights (not the bias)", "l2_penalty >= 0");
}

}  // namespace

void catalogue::add_classification(Registry& registry) {
  registry.add(problem_entry(
      "logistic_regression",
      "logistic regression on the UCI breast cancer data (data/breast_cancer.csv): 30 features, "
      "2 classes, trained on 80% of each class, tested on the rest",
      classifier_settings(), [](const ClassifierSettings& s) {
        return split_classifier<LogisticRegression>("breast_cancer.csv", s);
      }));
  registry.add(problem_entry(
      "softmax_regression",
      "softmax regression on the UCI digits (data/digits.csv): 8x8 pixels, 10 classes, trained "
      "on 80% of each class, tested on the rest",
      classifier_settings(), [](const ClassifierSettings& s) {
        return split_classifier<SoftmaxRegression>("digits.csv", s);
      }));
}

}  // namespace workbook
