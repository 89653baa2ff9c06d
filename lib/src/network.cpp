// Chapter 6: the layer base classes and the network that chains layers and owns θ.
#include <cmath>
#include <ostream>
#include <stdexcept>
#include <string>

#include "network_checks.hpp"
#include "workbook/format.hpp"
#include "workbook/network.hpp"
#include "workbook/random.hpp"

namespace workbook::nn {

// ----------------------------------------------------------------------------- shapes, names

std::string Shape::to_string() const {
  if (is_flat()) return std::to_string(channels);
  return std::to_string(channels) + "×" + std::to_string(height) + "×" + std::to_string(width);
}

std::ostream& operator<<(std::ostream& out, const Shape& shape) {
  return out << shape.to_string();
}

std::string to_string(Padding padding) {
  return padding == Padding::same ? "same" : "valid";
}

std::string to_string(Initialization initialization) {
  switch (initialization) {
    case Initialization::he_normal:
      return "he_normal";
    case Initialization::he_uniform:
      return "he_uniform";
    case Initialization::xavier_normal:
      return "xavier_normal";
    case Initialization::xavier_uniform:
      return "xavier_uniform";
  }
  return "unknown";
}

// ------------------------------------------------------------------------------------- Layer

std::string Layer::label() const {
  if (index_ < 0) return describe();
  return "layer " + std::to_string(index_) + ", " + describe();
}

void Layer::fail(const std::string& what) const {
  throw std::invalid_argument(label() + ": " + what);
}

namespace {

// The block [offset, offset + count) of `vector`, which must hold it.
double* block(const Vector* vector, Index offset, Index count, const std::string& owner,
              const std::string& what) {
  if (vector == nullptr) {
    throw std::logic_error(owner + " is not in a network: its " + what +
                           " lives in a network's vector");
  }
  if (vector->size() < offset + count) {
    throw std::logic_error("the network's " + what + " was resized to " +
                           std::to_string(vector->size()) + " entries: " + owner +
                           " needs entries " + std::to_string(offset) + ".." +
                           std::to_string(offset + count - 1));
  }
  // The network owns the vector; a layer only ever writes into its own block.
  return const_cast<double*>(vector->data()) + offset;
}

}  // namespace

double* Layer::parameter_data() const {
  return block(theta_, offset_, parameter_count(), label(), "θ");
}

double* Layer::gradient_data() const {
  return block(gradient_, offset_, parameter_count(), label(), "gradient");
}

std::string Layer::parameter_name(Index j) const {
  return "parameter " + std::to_string(j);
}

void Layer::forward(const Matrix& input, Matrix& output) {
  if (index_ < 0) {
    throw std::logic_error(label() +
                           " is not in a network: add it to a Network, which sets its input shape");
  }
  if (input.rows() != input_shape_.size()) {
    fail("the input has " + std::to_string(input.rows()) + " rows, expected " +
         std::to_string(input_shape_.size()) + " (examples of shape " + input_shape_.to_string() +
         ", one column per example)");
  }
  if (input.cols() == 0) fail("the batch is empty: expected at least one example (column)");
  compute_forward(input, output);
  batch_size_ = input.cols();
}

void Layer::backward(const Matrix& output_gradient, Matrix& input_gradient) {
  if (batch_size_ < 0) {
    throw std::logic_error(label() + ": backward() before forward(): nothing to differentiate yet");
  }
  if (output_gradient.rows() != output_shape_.size() || output_gradient.cols() != batch_size_) {
    fail("the output gradient is " + dimensions(output_gradient) + ", expected " +
         std::to_string(output_shape_.size()) + "×" + std::to_string(batch_size_) +
         " (the shape of the last forward()'s output)");
  }
  compute_backward(output_gradient, input_gradient);
}

// ----------------------------------------------------------------------------- WeightedLayer

WeightMap WeightedLayer::weight() {
  return {parameter_data(), rows_, cols_};
}
ConstWeightMap WeightedLayer::weight() const {
  return {parameter_data(), rows_, cols_};
}
VectorMap WeightedLayer::bias() {
  return {parameter_data() + rows_ * cols_, rows_};
}
ConstVectorMap WeightedLayer::bias() const {
  return {parameter_data() + rows_ * cols_, rows_};
}
WeightMap WeightedLayer::weight_gradient() {
  return {gradient_data(), rows_, cols_};
}
ConstWeightMap WeightedLayer::weight_gradient() const {
  return {gradient_data(), rows_, cols_};
}
VectorMap WeightedLayer::bias_gradient() {
  return {gradient_data() + rows_ * cols_, rows_};
}
ConstVectorMap WeightedLayer::bias_gradient() const {
  return {gradient_data() + rows_ * cols_, rows_};
}

std::string WeightedLayer::parameter_name(Index j) const {
  if (j < rows_ * cols_) {
    return "weight[" + std::to_string(j / cols_) + ", " + std::to_string(j % cols_) + "]";
  }
  return "bias[" + std::to_string(j - rows_ * cols_) + "]";
}

// ----------------------------------------------------------------------------------- Network

Network::Network(Shape input_shape) : input_shape_(input_shape) {
  if (input_shape.channels < 1 || input_shape.height < 1 || input_shape.width < 1) {
    throw std::invalid_argument("the input shape " + std::to_string(input_shape.channels) + "×" +
                                std::to_string(input_shape.height) + "×" +
                                std::to_string(input_shape.width) +
                                " is invalid: expected channels, height and width >= 1");
  }
}

Network::Network(Network&& other) noexcept
    : input_shape_(other.input_shape_),
      layers_(std::move(other.layers_)),
      theta_(std::move(other.theta_)),
      gradient_(std::move(other.gradient_)),
      outputs_(std::move(other.outputs_)),
      gradients_(std::move(other.gradients_)) {
  bind();
}

Network& Network::operator=(Network&& other) noexcept {
  input_shape_ = other.input_shape_;
  layers_ = std::move(other.layers_);
  theta_ = std::move(other.theta_);
  gradient_ = std::move(other.gradient_);
  outputs_ = std::move(other.outputs_);
  gradients_ = std::move(other.gradients_);
  bind();
  return *this;
}

Network::~Network() = default;

void Network::append(std::unique_ptr<Layer> layer) {
  if (layer->index_ >= 0) {
    throw std::logic_error(layer->label() + " is already in a network");
  }
  // Configure a layer that knows its future index, so that its errors name it; on failure the
  // network is unchanged.
  layer->index_ = layer_count();
  try {
    layer->input_shape_ = output_shape();
    layer->output_shape_ = layer->configure(layer->input_shape_);
  } catch (...) {
    layer->index_ = -1;
    throw;
  }
  layer->offset_ = theta_.size();
  const Index n = theta_.size() + layer->parameter_count();
  theta_.conservativeResize(n);
  gradient_.conservativeResize(n);
  theta_.tail(layer->parameter_count()).setZero();
  gradient_.tail(layer->parameter_count()).setZero();
  layers_.push_back(std::move(layer));
  outputs_.resize(layers_.size());
  gradients_.resize(layers_.size());
  bind();
}

void Network::bind() {
  for (const auto& layer : layers_) {
    layer->theta_ = &theta_;
    layer->gradient_ = &gradient_;
  }
}

void Network::check_sizes() const {
  const Index n = layers_.empty() ? 0 : layers_.back()->offset_ + layers_.back()->parameter_count();
  if (theta_.size() != n || gradient_.size() != n) {
    throw std::logic_error(
        "the network's θ or gradient was resized (" + std::to_string(theta_.size()) + " and " +
        std::to_string(gradient_.size()) + " entries, expected " + std::to_string(n) +
        "): change its entries in place, or use set_parameters()");
  }
}

Layer& Network::layer(Index i) {
  if (i < 0 || i >= layer_count()) {
    throw std::out_of_range("layer " + std::to_string(i) + " does not exist: the network has " +
                            std::to_string(layer_count()) + " layers");
  }
  return *layers_[static_cast<std::size_t>(i)];
}

const Layer& Network::layer(Index i) const {
  return const_cast<Network*>(this)->layer(i);
}

const Shape& Network::output_shape() const {
  return layers_.empty() ? input_shape_ : layers_.back()->output_shape();
}

std::string Network::describe() const {
  std::string text = input_shape_.to_string();
  for (const auto& layer : layers_) text += " → " + layer->describe();
  return text;
}

void Network::set_parameters(const Vector& theta) {
  if (theta.size() != theta_.size()) {
    throw std::invalid_argument("θ has " + std::to_string(theta.size()) + " entries: expected " +
                                std::to_string(theta_.size()) + " (the parameters of " +
                                describe() + ")");
  }
  if (theta.data() != theta_.data()) theta_ = theta;
}

std::size_t Network::kept_bytes() const {
  std::size_t bytes = 0;
  for (const auto& layer : layers_) bytes += layer->kept_bytes();
  return bytes;
}

std::size_t Network::activation_bytes() const {
  std::size_t values = 0;
  for (const Matrix& output : outputs_) values += static_cast<std::size_t>(output.size());
  for (const Matrix& gradient : gradients_) values += static_cast<std::size_t>(gradient.size());
  return sizeof(double) * values;
}

std::string Network::parameter_name(Index i) const {
  if (i < 0 || i >= theta_.size()) {
    throw std::out_of_range("θ[" + std::to_string(i) + "] does not exist: θ has " +
                            std::to_string(theta_.size()) + " entries");
  }
  for (const auto& layer : layers_) {
    const Index j = i - layer->offset_;
    if (j >= 0 && j < layer->parameter_count()) {
      return "θ[" + std::to_string(i) + "]: " + layer->label() + ", " + layer->parameter_name(j);
    }
  }
  return "θ[" + std::to_string(i) + "]";  // not reached: the blocks cover θ
}

void Network::initialize(Initialization initialization, std::uint64_t seed) {
  Random random(seed);
  for (const auto& layer : layers_) {
    const Index weights = layer->weight_count();
    if (layer->parameter_count() == 0) continue;
    const double n_in = static_cast<double>(layer->fan_in());
    const double n_out = static_cast<double>(layer->fan_out());
    double* w = theta_.data() + layer->offset_;
    for (Index j = 0; j < weights; ++j) {
      switch (initialization) {
        case Initialization::he_normal:  // N(0, 2/n_in)
          w[j] = std::sqrt(2.0 / n_in) * random.normal();
          break;
        case Initialization::he_uniform:  // U(−a, a), a = √(6/n_in)
          w[j] = random.uniform(-std::sqrt(6.0 / n_in), std::sqrt(6.0 / n_in));
          break;
        case Initialization::xavier_normal:  // N(0, 2/(n_in + n_out))
          w[j] = std::sqrt(2.0 / (n_in + n_out)) * random.normal();
          break;
        case Initialization::xavier_uniform:  // U(−a, a), a = √(6/(n_in + n_out))
          w[j] = random.uniform(-std::sqrt(6.0 / (n_in + n_out)), std::sqrt(6.0 / (n_in + n_out)));
          break;
      }
    }
    // The biases start at 0.
    theta_.segment(layer->offset_ + weights, layer->parameter_count() - weights).setZero();
  }
}

const Matrix& Network::forward(const Matrix& input) {
  if (layers_.empty()) throw std::logic_error("the network has no layer: add() one first");
  check_sizes();
  if (const auto bad = first_non_finite(input)) {
    throw std::invalid_argument("the network's input has " + format_number(bad->value) +
                                " at row " + std::to_string(bad->row) + " of example " +
                                std::to_string(bad->column) + ": expected finite numbers");
  }
  const Matrix* x = &input;
  for (std::size_t l = 0; l < layers_.size(); ++l) {
    layers_[l]->forward(*x, outputs_[l]);
    if (!all_finite(outputs_[l])) non_finite_output(static_cast<Index>(l));
    x = &outputs_[l];
  }
  return outputs_.back();
}

void Network::non_finite_output(Index l) const {
  const Layer& layer = *layers_[static_cast<std::size_t>(l)];
  const auto bad = first_non_finite(outputs_[static_cast<std::size_t>(l)]);
  std::string cause = "from a finite input and finite parameters (overflow)";
  for (Index j = 0; j < layer.parameter_count(); ++j) {
    const double value = theta_(layer.offset_ + j);
    if (!std::isfinite(value)) {
      cause = "because its " + layer.parameter_name(j) + " (θ[" +
              std::to_string(layer.offset_ + j) + "]) is " + format_number(value);
      break;
    }
  }
  layer.fail("produced " + format_number(bad->value) + " at row " + std::to_string(bad->row) +
             " of example " + std::to_string(bad->column) + ", " + cause +
             ": the loss would not be finite");
}

const Matrix& Network::backward(const Matrix& output_gradient) {
  if (layers_.empty()) throw std::logic_error("the network has no layer: add() one first");
  check_sizes();
  const Matrix* delta = &output_gradient;
  for (std::size_t l = layers_.size(); l-- > 0;) {
    layers_[l]->backward(*delta, gradients_[l]);
    delta = &gradients_[l];
  }
  return gradients_.front();
}

}  // namespace workbook::nn
