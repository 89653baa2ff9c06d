// Chapter 2: data sets from CSV files, the data folder, stratified splits and standardisation.
#include "workbook/data.hpp"

#include <algorithm>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <numeric>
#include <stdexcept>
#include <string>
#include <system_error>

#include "workbook/errors.hpp"
#include "workbook/format.hpp"
#include "workbook/random.hpp"
#include "workbook/sampling.hpp"

namespace workbook {

// -------------------------------------------------------------------------------------- Dataset

int Dataset::classes() const {
  return labels.size() == 0 ? 0 : labels.maxCoeff() + 1;
}

std::vector<Index> Dataset::class_counts() const {
  std::vector<Index> counts(static_cast<std::size_t>(classes()), 0);
  for (Index i = 0; i < labels.size(); ++i) ++counts[static_cast<std::size_t>(labels(i))];
  return counts;
}

Dataset Dataset::subset(const std::vector<Index>& indices) const {
  for (std::size_t r = 0; r < indices.size(); ++r) {
    if (indices[r] < 0 || indices[r] >= examples()) {
      throw std::invalid_argument("indices[" + std::to_string(r) +
                                  "] = " + std::to_string(indices[r]) +
                                  " is invalid: expected 0 <= index < " +
                                  std::to_string(examples()) + " (the number of examples)");
    }
  }
  Dataset part;
  part.features = features(indices, Eigen::all);
  part.labels = labels(indices);
  part.feature_names = feature_names;
  return part;
}

void Dataset::validate() const {
  if (labels.size() != features.rows()) {
    throw std::invalid_argument("the data set has " + std::to_string(features.rows()) +
                                " rows of features and " + std::to_string(labels.size()) +
                                " labels: expected one label per row");
  }
  if (static_cast<Index>(feature_names.size()) != features.cols()) {
    throw std::invalid_argument("the data set has " + std::to_string(features.cols()) +
                                " feature columns and " + std::to_string(feature_names.size()) +
                                " feature names: expected one name per column");
  }
  for (Index i = 0; i < features.rows(); ++i) {
    for (Index j = 0; j < features.cols(); ++j) {
      if (!std::isfinite(features(i, j))) {
        throw std::invalid_argument("feature " + std::to_string(j) + " of example " +
                                    std::to_string(i) + " is " + format_number(features(i, j)) +
                                    ": expected a finite number");
      }
    }
    if (labels(i) < 0) {
      throw std::invalid_argument("the label of example " + std::to_string(i) + " is " +
                                  std::to_string(labels(i)) + ": expected a class >= 0");
    }
  }
}

// ------------------------------------------------------------------------------------- load_csv

namespace {

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

std::vector<std::string_view> split_fields(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (true) {
    const auto comma = line.find(',', start);
    fields.push_back(trim(line.substr(start, comma - start)));
    if (comma == std::string_view::npos) return fields;
    start = comma + 1;
  }
}

// Reads the CSV file line by line; every error names the file, the line and the column.
class CsvReader {
 public:
  explicit CsvReader(const std::filesystem::path& path) : path_(path), in_(path) {
    if (!in_) fail_file("cannot be opened (does it exist?)");
  }

  // The next line without its line break (a final '\r' included), or false at the end.
  bool next_line(std::string& line) {
    if (!std::getline(in_, line)) return false;
    ++line_number_;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return true;
  }

  [[noreturn]] void fail_file(const std::string& what) const {
    throw std::runtime_error("data file " + path_.string() + " " + what);
  }
  [[noreturn]] void fail_line(const std::string& what) const {
    throw std::runtime_error(path_.string() + ":" + std::to_string(line_number_) + ": " + what);
  }
  [[noreturn]] void fail_field(std::size_t column, const std::string& name,
                               const std::string& what) const {
    fail_line("column " + std::to_string(column + 1) + " ('" + name + "'): " + what);
  }

  long line_number() const { return line_number_; }

 private:
  std::filesystem::path path_;
  std::ifstream in_;
  long line_number_ = 0;
};

double parse_feature(const CsvReader& reader, std::string_view field, std::size_t column,
                     const std::string& name) {
  double value = 0.0;
  const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
  if (field.empty() || error != std::errc() || end != field.data() + field.size()) {
    const std::string why = error == std::errc::result_out_of_range
                                ? "' is out of the range of a double"
                                : "' is not a number";
    reader.fail_field(column, name, "'" + std::string(field) + why);
  }
  if (!std::isfinite(value)) {
    reader.fail_field(column, name,
                      "'" + std::string(field) + "' is not finite: expected a number (no NaN)");
  }
  return value;
}

int parse_label(const CsvReader& reader, std::string_view field, std::size_t column,
                const std::string& name) {
  long value = -1;
  const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
  if (field.empty() || error != std::errc() || end != field.data() + field.size() || value < 0 ||
      value > INT_MAX) {
    reader.fail_field(column, name,
                      "'" + std::string(field) + "' is not a label: expected an integer >= 0");
  }
  return static_cast<int>(value);
}

}  // namespace

Dataset load_csv(const std::filesystem::path& path) {
  CsvReader reader(path);
  std::string line;
  if (!reader.next_line(line)) reader.fail_file("is empty: expected a header line");
  std::vector<std::string> names;
  for (std::string_view field : split_fields(line)) names.emplace_back(field);
  if (names.size() < 2) {
    reader.fail_line("the header has " + std::to_string(names.size()) +
                     " column: expected the features' names, then the label's");
  }
  const std::size_t columns = names.size(), d = columns - 1;

  std::vector<double> values;  // row-major
  std::vector<int> labels;
  while (reader.next_line(line)) {
    if (trim(line).empty()) {
      reader.fail_line("the line is empty: expected " + std::to_string(columns) +
                       " fields, as the header");
    }
    const std::vector<std::string_view> fields = split_fields(line);
    if (fields.size() != columns) {
      reader.fail_line("the line has " + std::to_string(fields.size()) + " fields: expected " +
                       std::to_string(columns) + ", as the header");
    }
    for (std::size_t j = 0; j < d; ++j)
      values.push_back(parse_feature(reader, fields[j], j, names[j]));
    labels.push_back(parse_label(reader, fields[d], d, names[d]));
  }
  if (labels.empty()) reader.fail_file("has a header and no example: expected at least one line");

  Dataset data;
  const auto n = static_cast<Index>(labels.size());
  data.features =
      Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
          values.data(), n, static_cast<Index>(d));
  data.labels = Eigen::Map<const Labels>(labels.data(), n);
  names.pop_back();
  data.feature_names = std::move(names);
  return data;
}

// ------------------------------------------------------------------------------------ data_file

std::filesystem::path data_file(std::string_view name) {
  // WORKBOOK_DEFAULT_DATA_DIR: the data/ folder of the tree the library was built from
  // (lib/CMakeLists.txt compiles it into this file only).
  const char* from_environment = std::getenv("WORKBOOK_DATA_DIR");
  const bool set = from_environment != nullptr && *from_environment != '\0';
  const std::string folder = set ? from_environment : WORKBOOK_DEFAULT_DATA_DIR;
  const std::filesystem::path file = std::filesystem::path(folder) / name;
  if (!std::filesystem::is_regular_file(file)) {
    throw std::runtime_error("data file " + std::string(name) + " not found in " +
                             (set ? "WORKBOOK_DATA_DIR = " : "the workbook's data folder ") +
                             folder + " (looked for " + file.string() + ")");
  }
  return file;
}

// -------------------------------------------------------------------------- stratified_split

void SplitParams::validate() const {
  require_open_interval("test_fraction", test_fraction, 0.0, 1.0);
}

Split stratified_split(const Dataset& data, const SplitParams& params) {
  params.validate();
  data.validate();
  Random random(params.seed);
  Split split;
  const int classes = data.classes();
  for (int c = 0; c < classes; ++c) {
    std::vector<Index> members;
    for (Index i = 0; i < data.examples(); ++i)
      if (data.labels(i) == c) members.push_back(i);
    if (members.empty()) continue;
    shuffle_indices(members, random);
    const auto n = static_cast<double>(members.size());
    const auto test_count = static_cast<std::size_t>(std::round(params.test_fraction * n));
    if (test_count == 0 || test_count == members.size()) {
      throw std::invalid_argument(
          "class " + std::to_string(c) + " has " + std::to_string(members.size()) +
          " examples: with test_fraction = " + format_number(params.test_fraction) +
          " one half of the split would have none of them (expected a larger class)");
    }
    split.test_indices.insert(split.test_indices.end(), members.begin(),
                              members.begin() + static_cast<std::ptrdiff_t>(test_count));
    split.train_indices.insert(split.train_indices.end(),
                               members.begin() + static_cast<std::ptrdiff_t>(test_count),
                               members.end());
  }
  std::sort(split.train_indices.begin(), split.train_indices.end());
  std::sort(split.test_indices.begin(), split.test_indices.end());
  split.train = data.subset(split.train_indices);
  split.test = data.subset(split.test_indices);
  return split;
}

// --------------------------------------------------------------------------------- Standardiser

Standardiser Standardiser::fit(const Matrix& features) {
  if (features.rows() == 0)
    throw std::invalid_argument("the features have no row: expected at least one to fit on");
  if (!features.allFinite())
    throw std::invalid_argument("the features have a NaN or infinite entry: expected finite");
  Standardiser s;
  const auto n = static_cast<double>(features.rows());
  s.mean_ = features.colwise().mean().transpose();  // μ_j
  const Matrix centred = features.rowwise() - s.mean_.transpose();
  s.deviation_ = (centred.colwise().squaredNorm() / n).cwiseSqrt().transpose();  // σ_j
  for (Index j = 0; j < features.cols(); ++j) {
    if (features.col(j).maxCoeff() == features.col(j).minCoeff()) {
      // Constant: σ_j = 0 (or a rounding residue of μ_j); x − μ_j is then 0 exactly.
      s.mean_(j) = features(0, j);
      s.deviation_(j) = 1.0;
      s.constant_features_.push_back(j);
    }
  }
  return s;
}

Matrix Standardiser::transform(const Matrix& features) const {
  if (features.cols() != mean_.size()) {
    throw std::invalid_argument("the features have " + std::to_string(features.cols()) +
                                " columns: expected " + std::to_string(mean_.size()) +
                                ", as those the standardisation was fitted on");
  }
  // (x_ij − μ_j)/σ_j
  return (features.rowwise() - mean_.transpose()).array().rowwise() /
         deviation_.transpose().array();
}

Standardiser standardise(Split& split) {
  Standardiser standardiser = Standardiser::fit(split.train.features);
  split.train.features = standardiser.transform(split.train.features);
  split.test.features = standardiser.transform(split.test.features);
  return standardiser;
}

Split standardised_split(std::string_view name, const SplitParams& params) {
  Split split = stratified_split(load_csv(data_file(name)), params);
  standardise(split);
  return split;
}

}  // namespace workbook
