/// \file
/// Chapter 6's golden files from torch: tools/golden/torch_network.py recorded torch.nn 1.13's
/// inputs, parameters, outputs and gradients in double precision in
/// lib/testing/golden/torch_network.csv (torch never runs in a test). These helpers read them and
/// require a tensor to equal torch's to 1e-10, relative to the tensor's largest entry.
#pragma once

#include <limits>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "workbook/format.hpp"
#include "workbook/network.hpp"
#include "workbook/testing/golden.hpp"
#include "workbook/testing/literate.hpp"
#include "workbook/testing/network.hpp"

/// Reading and comparing with torch_network.csv.
namespace workbook::testing::torch_golden {

/// case → tensor → matrix (one column per example, as nn::Network's batches).
using Golden = std::map<std::string, std::map<std::string, Matrix>>;

/// Every tensor of torch_network.csv, read once.
inline const Golden& golden() {
  static const Golden tensors = [] {
    Golden read;
    for (const testing::GoldenRow& row :
         testing::GoldenTable(testing::golden_file("torch_network.csv"))) {
      const Vector values = row.numbers("values");
      const Index rows = row.integer("rows"), cols = row.integer("cols");
      if (values.size() != rows * cols) {
        throw std::runtime_error(
            row.text("case") + ", " + row.text("tensor") + " (line " + std::to_string(row.line()) +
            " of torch_network.csv): " + std::to_string(values.size()) + " values for " +
            std::to_string(rows) + "×" + std::to_string(cols));
      }
      read[row.text("case")][row.text("tensor")] = testing::unflat(values, rows, cols);
    }
    return read;
  }();
  return tensors;
}

/// The tensor `which` of the case `name`; throws `std::runtime_error` if there is none.
inline const Matrix& tensor(const std::string& name, const std::string& which) {
  const auto found = golden().find(name);
  if (found == golden().end()) throw std::runtime_error("no golden case " + name);
  const auto t = found->second.find(which);
  if (t == found->second.end()) throw std::runtime_error("no tensor " + which + " in " + name);
  return t->second;
}

/// The labels of the case `name`.
inline std::vector<Index> labels_of(const std::string& name) {
  const Matrix& row = tensor(name, "labels");
  std::vector<Index> labels;
  for (Index b = 0; b < row.cols(); ++b) labels.push_back(static_cast<Index>(row(0, b)));
  return labels;
}

/// ‖ours − torch‖∞ / ‖torch‖∞, and where the largest difference is, in words.
struct Comparison {
  double distance = 0.0;  ///< ‖ours − torch‖∞ / ‖torch‖∞
  std::string where;      ///< the worst entry, in words
};

/// Compares `ours` with `torch`.
inline Comparison compare(const Matrix& ours, const Matrix& torch) {
  if (ours.rows() != torch.rows() || ours.cols() != torch.cols()) {
    return {std::numeric_limits<double>::infinity(),
            "the shapes differ: " + std::to_string(ours.rows()) + "×" +
                std::to_string(ours.cols()) + " against torch's " + std::to_string(torch.rows()) +
                "×" + std::to_string(torch.cols())};
  }
  Index row = 0, col = 0;
  const double worst = (ours - torch).cwiseAbs().maxCoeff(&row, &col);
  const double scale = std::max(torch.cwiseAbs().maxCoeff(), 1e-300);
  return {worst / scale, "worst at row " + std::to_string(row) + " of column " +
                             std::to_string(col) + ": " + format_number(ours(row, col), 17) +
                             " against torch's " + format_number(torch(row, col), 17)};
}

/// Requires `ours` to be the case's golden `which` to 1e-10; `hint` says what probably went wrong.
inline void check(const std::string& name, const std::string& which, const Matrix& ours,
                  const std::string& hint = "") {
  const Comparison c = compare(ours, tensor(name, which));
  BOOST_TEST_INFO(name << ", " << which << ": differs from torch by " << c.distance << " relative; "
                       << c.where << (hint.empty() ? "" : "; " + hint));
  BOOST_TEST(c.distance <= 1e-10);
}

/// A layer case: θ from the file, forward the input, backward the recorded upstream gradient.
inline void check_layer(const std::string& name, nn::Network& network,
                        const std::map<std::string, std::string>& hints = {}) {
  auto hint = [&](const std::string& which) {
    const auto h = hints.find(which);
    return h == hints.end() ? std::string() : h->second;
  };
  if (network.parameter_count() > 0) {
    network.set_parameters(tensor(name, "parameters"));
  }
  check(name, "output", network.forward(tensor(name, "input")), hint("output"));
  network.zero_gradient();
  check(name, "input_gradient", network.backward(tensor(name, "output_gradient")),
        hint("input_gradient"));
  if (network.parameter_count() > 0) {
    check(name, "parameter_gradient", network.gradient(), hint("parameter_gradient"));
  }
}

/// A network of one layer for inputs of shape `input`.
template <class L>
nn::Network single(nn::Shape input, L layer) {
  nn::Network network(input);
  network.add(std::move(layer));
  return network;
}

}  // namespace workbook::testing::torch_golden
