/// \file
/// Chapter 2: real data. Data sets read from CSV files, the folder they are in, a seeded stratified
/// train/test split, and standardisation of the features.
///
/// The project's data sets are in `data/` (see `data/README.md` for their sources and licence).
/// Functions that read files take explicit paths; data_file() turns a file name into a path in the
/// workbook's `data/` folder, or in the folder named by the environment variable
/// `WORKBOOK_DATA_DIR` when it is set (CTest sets it for every test).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "workbook/types.hpp"

namespace workbook {

/// Class labels, one per example: \f$y_i \in \{0, \dots, K - 1\}\f$.
using Labels = Eigen::VectorXi;

/// A labelled data set: \f$N\f$ examples of \f$d\f$ features and a class label each.
struct Dataset {
  /// \f$X\f$, \f$N \times d\f$: row \f$i\f$ is example \f$x_i\f$.
  Matrix features;
  /// \f$y\f$: `labels(i)` is the class of example \f$i\f$, an integer \f$\ge 0\f$.
  Labels labels;
  /// The name of each of the \f$d\f$ columns of `features`.
  std::vector<std::string> feature_names;

  /// \f$N\f$.
  Index examples() const { return features.rows(); }
  /// \f$d\f$.
  Index dimension() const { return features.cols(); }
  /// \f$K\f$: one more than the largest label (0 for an empty set).
  int classes() const;
  /// How many examples each class \f$0, \dots, K - 1\f$ has.
  std::vector<Index> class_counts() const;
  /// The examples whose indices are given, in that order (with their labels and the same names).
  Dataset subset(const std::vector<Index>& indices) const;
  /// Throws `std::invalid_argument` if the sizes disagree (one label per row, one name per
  /// column), a feature is NaN or infinite, or a label is negative.
  void validate() const;
};

/// Reads a data set from the CSV file `path`.
///
/// The format (that of `data/*.csv`): a header line naming every column, then one line per example:
/// its \f$d\f$ features, then its label, separated by commas. Fields are numbers as C++'s
/// `std::from_chars` reads them, with optional spaces around; no quotes; the label is an integer
/// \f$\ge 0\f$. Empty lines are not allowed, and a final line break is optional. The last column's
/// name (the label's) is dropped; the others become `feature_names`.
///
/// Throws `std::runtime_error` naming the file when it cannot be opened or is empty, and naming
/// the file, the line and the column (both from 1) when a line has more or fewer fields than the
/// header, a field is not a number, a feature is NaN or infinite, or a label is not an integer
/// \f$\ge 0\f$: "data/digits.csv:12: column 3 ('pixel_0_2'): 'x1' is not a number". Nothing is
/// returned unless the whole file was read.
Dataset load_csv(const std::filesystem::path& path);

/// The path of the data file `name` in the folder named by the environment variable
/// `WORKBOOK_DATA_DIR` when it is set (CTest sets it for every test), and otherwise in the `data/`
/// folder of the workbook the library was built from.
///
/// Throws `std::runtime_error` naming the folder (and the variable, when it was set) and the file
/// when the file is not there.
std::filesystem::path data_file(std::string_view name);

/// How to split a data set into a training and a test set.
struct SplitParams {
  /// The fraction of each class that goes to the test set; in \f$(0, 1)\f$.
  double test_fraction = 0.2;
  /// The seed of the shuffle within each class. The default is the workbook's fixed split.
  std::uint64_t seed = 0;
  /// Throws `std::invalid_argument` unless test_fraction is in \f$(0, 1)\f$.
  void validate() const;
};

/// A data set split in two, and where each example came from.
struct Split {
  Dataset train;                     ///< the training set
  Dataset test;                      ///< the test set
  std::vector<Index> train_indices;  ///< `train` row \f$r\f$ is row `train_indices[r]` of the whole
  std::vector<Index> test_indices;   ///< `test` row \f$r\f$ is row `test_indices[r]` of the whole
};

/// A stratified split: each class keeps its proportion in both halves.
///
/// The \f$N_c\f$ examples of class \f$c\f$ are shuffled (shuffle_indices() with a Random seeded by
/// `params.seed`, the classes in increasing order) and the first
/// \f$\operatorname{round}(\text{test\_fraction} \cdot N_c)\f$ of them go to the test set, the others to
/// the training set; both then keep the order of the file. The same data and parameters give the
/// same split on every platform. Throws `std::invalid_argument` if `params` is invalid or a class
/// would leave either half empty.
Split stratified_split(const Dataset& data, const SplitParams& params = {});

/// Standardisation of features with statistics of the training set only:
/// \f$x_j \mapsto (x_j - \mu_j)/\sigma_j\f$, with \f$\mu_j\f$ and \f$\sigma_j\f$ the mean and the
/// (population) standard deviation of feature \f$j\f$ over the rows it was fitted on,
/// \f$\sigma_j = \sqrt{\frac1N\sum_i (x_{ij} - \mu_j)^2}\f$.
///
/// A constant feature (all its fitted values equal) has \f$\sigma_j = 0\f$: it gets \f$\mu_j\f$ = that
/// value and \f$\sigma_j = 1\f$ instead, so that it becomes exactly 0 on the rows fitted and
/// \f$x_j - \mu_j\f$ elsewhere, never NaN (as scikit-learn's StandardScaler). The digits' corner
/// pixels are such features.
class Standardiser {
 public:
  /// \f$\mu\f$ and \f$\sigma\f$ of the columns of `features` (its rows being the training set).
  /// Throws `std::invalid_argument` if it has no rows or a non-finite entry.
  static Standardiser fit(const Matrix& features);
  /// \f$(x_{ij} - \mu_j)/\sigma_j\f$ for every row. Throws `std::invalid_argument` if the number of
  /// columns is not that of the fitted features.
  Matrix transform(const Matrix& features) const;
  /// \f$\mu\f$.
  const Vector& mean() const { return mean_; }
  /// \f$\sigma\f$ (1 for a constant feature).
  const Vector& deviation() const { return deviation_; }
  /// The constant features (\f$\sigma_j\f$ replaced by 1), in increasing order.
  const std::vector<Index>& constant_features() const { return constant_features_; }

 private:
  Vector mean_, deviation_;
  std::vector<Index> constant_features_;
};

/// Standardises both halves of `split` with the statistics of `split.train` (fitted on the
/// training rows only: the test set must not leak into the model), and returns them.
Standardiser standardise(Split& split);

/// The workbook's split of the data file `name` of `data/` (data_file()): read whole (load_csv()),
/// split by stratified_split() with `params` (by default a fifth of each class held out, seed 0),
/// and both halves standardised with the training half's statistics (standardise()). What the
/// chapters, optlab's problems and the benchmarks train and test on. Throws what those throw.
Split standardised_split(std::string_view name, const SplitParams& params = {});

}  // namespace workbook
