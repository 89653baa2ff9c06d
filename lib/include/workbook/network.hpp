/// \file
/// Chapter 6: a small network and reverse-mode differentiation (backpropagation).
///
/// A network is a chain of layers \f$y = f_L(\dots f_2(f_1(x)))\f$. Each layer computes its output
/// from its input in forward(), keeping what its derivative needs, and in backward() turns
/// \f$\delta_{\text{out}} = \partial L/\partial y\f$ into \f$\delta_{\text{in}} = \partial L/\partial x\f$
/// while adding \f$\partial L/\partial \theta_{\text{layer}}\f$ to the gradient: the chain rule
/// applied from the loss back to the input, one layer at a time.
///
/// **Batches.** A batch of \f$B\f$ examples is a matrix with one column per example. A flat input
/// of \f$n\f$ features is \f$n \times B\f$. An image of \f$C\f$ channels of \f$H \times W\f$ pixels is a
/// column of \f$CHW\f$ numbers, channel-major and row-major within a channel: pixel \f$(c, h, w)\f$ is
/// row \f$c\,HW + h\,W + w\f$. This is torch's contiguous NCHW layout, so that torch's
/// `x.reshape(B, -1)` stored row-major is our matrix stored column-major, and Flatten changes only
/// the shape, never the numbers.
///
/// **Parameters.** All parameters of a network live in one contiguous vector \f$\theta\f$ owned by
/// the Network, and their gradient in one vector of the same size. A layer sees its weights and
/// biases through `Eigen::Map`s into them. Each layer's block holds its weight, row-major, then its
/// bias, exactly as torch's `parameters_to_vector(model.parameters())` lays them out: Dense's
/// weight is \f$W \in \mathbb{R}^{\text{out} \times \text{in}}\f$, Conv2D's is torch's
/// (out, in, k, k) tensor. An update rule of the library (one `Vector x`, one `Vector gradient`)
/// therefore trains a network unchanged.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "workbook/types.hpp"

/// Chapter 6: layers, losses and the network that chains them.
namespace workbook::nn {

/// A matrix stored row by row, as torch stores its weights.
using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
/// A layer's weight matrix, seen in place in \f$\theta\f$ (or in the gradient).
using WeightMap = Eigen::Map<RowMatrix>;
/// A layer's weight matrix, read-only.
using ConstWeightMap = Eigen::Map<const RowMatrix>;
/// A layer's bias, seen in place in \f$\theta\f$ (or in the gradient).
using VectorMap = Eigen::Map<Vector>;
/// A layer's bias, read-only.
using ConstVectorMap = Eigen::Map<const Vector>;

/// The shape of one example: \f$C\f$ channels of \f$H \times W\f$ pixels, or \f$n\f$ features as
/// \f$n \times 1 \times 1\f$.
struct Shape {
  Index channels = 1;  ///< \f$C\f$, or the number of features of a flat input
  Index height = 1;    ///< \f$H\f$
  Index width = 1;     ///< \f$W\f$

  /// \f$CHW\f$, the rows of a batch.
  Index size() const { return channels * height * width; }
  /// True for \f$n \times 1 \times 1\f$: features, not an image.
  bool is_flat() const { return height == 1 && width == 1; }
  /// "3×8×8" for an image, "12" for a flat input.
  std::string to_string() const;
  /// Same channels, height and width.
  bool operator==(const Shape&) const = default;
};

/// Writes shape.to_string().
std::ostream& operator<<(std::ostream& out, const Shape& shape);

/// How Conv2D treats the border.
enum class Padding {
  valid,  ///< no padding: \f$H - k + 1\f$ by \f$W - k + 1\f$ outputs
  same    ///< \f$(k - 1)/2\f$ zeros on every side (odd \f$k\f$): \f$H \times W\f$ outputs
};

/// "valid" or "same".
std::string to_string(Padding padding);

/// Where the patches of a stride-1 convolution come from: images of shape `image`, a
/// \f$k \times k\f$ kernel, and `padding`.
struct PatchGeometry {
  Shape image;                       ///< \f$C \times H \times W\f$ of one example
  Index kernel_size = 1;             ///< \f$k\f$
  Padding padding = Padding::valid;  ///< how the border is treated
};

/// How Network::initialize() draws the weights; biases start at 0.
///
/// With \f$n_{\text{in}}\f$ and \f$n_{\text{out}}\f$ the fan-in and fan-out of a weight (Dense: in and
/// out; Conv2D: \f$C_{\text{in}}k^2\f$ and \f$C_{\text{out}}k^2\f$, as torch counts them):
enum class Initialization {
  he_normal,       ///< He: \f$N(0, 2/n_{\text{in}})\f$, keeps the variance through ReLU layers
  he_uniform,      ///< He: \f$U(-a, a)\f$, \f$a = \sqrt{6/n_{\text{in}}}\f$ (the same variance)
  xavier_normal,   ///< Glorot: \f$N(0, 2/(n_{\text{in}} + n_{\text{out}}))\f$, for tanh and sigmoid
  xavier_uniform,  ///< Glorot: \f$U(-a, a)\f$, \f$a = \sqrt{6/(n_{\text{in}} + n_{\text{out}})}\f$
};

/// "he_normal", "he_uniform", "xavier_normal" or "xavier_uniform".
std::string to_string(Initialization initialization);

// ------------------------------------------------------------------------------------- layers

class Network;

/// One step of the chain: \f$y = f(x; \theta_{\text{layer}})\f$ for a whole batch.
///
/// A layer belongs to a Network, which tells it its input shape (checking that it can take it)
/// and where its parameters are in \f$\theta\f$. forward() and backward() check the sizes of what
/// they are given and throw `std::invalid_argument` naming the layer ("layer 2, Dense(27→4)"),
/// the sizes received and the sizes expected.
///
/// A new kind of layer derives from Layer (or, with a weight and a bias, from WeightedLayer) and
/// overrides kind() and the private virtual functions `configure` (check the input shape, return
/// the output shape), `compute_forward` and `compute_backward` (the checks are done by then).
class Layer {
 public:
  virtual ~Layer() = default;

  /// "Dense", "ReLU", "Tanh", "Sigmoid", "Conv2D", "MaxPool2x2" or "Flatten".
  virtual std::string kind() const = 0;
  /// The kind with its sizes: "Dense(27→4)", "Conv2D(2→3, 3×3, same)".
  virtual std::string describe() const { return kind(); }
  /// "layer 2, Dense(27→4)" once in a network, describe() before.
  std::string label() const;

  /// The layer's position in its network (0 first), or −1 before it is added to one.
  Index index() const { return index_; }
  /// The shape of one input example.
  const Shape& input_shape() const { return input_shape_; }
  /// The shape of one output example.
  const Shape& output_shape() const { return output_shape_; }

  /// How many numbers of \f$\theta\f$ the layer owns: its weights, then its biases.
  virtual Index parameter_count() const { return 0; }
  /// The bytes the layer keeps from forward() for backward() (what it caches of the last batch:
  /// \f$X\f$, \f$Y\f$, the patch matrix, the positions of the maxima), 0 before any forward().
  virtual std::size_t kept_bytes() const { return 0; }
  /// Where the layer's block starts in \f$\theta\f$.
  Index parameter_offset() const { return offset_; }

  /// \f$Y = f(X)\f$ for a batch \f$X\f$ (input_shape().size() rows, one column per example),
  /// keeping what backward() needs. `output` is resized to output_shape().size() rows.
  void forward(const Matrix& input, Matrix& output);

  /// Given \f$\delta_{\text{out}} = \partial L/\partial Y\f$ (the shape of the last forward()'s
  /// output), writes \f$\delta_{\text{in}} = \partial L/\partial X\f$ into `input_gradient` and
  /// *adds* \f$\partial L/\partial \theta_{\text{layer}}\f$ to the network's gradient. Throws
  /// `std::logic_error` before any forward().
  void backward(const Matrix& output_gradient, Matrix& input_gradient);

 protected:
  /// The layer's block of \f$\theta\f$ (parameter_count() numbers). Throws `std::logic_error`
  /// before the layer is in a network, or if \f$\theta\f$ was resized.
  double* parameter_data() const;
  /// The layer's block of the gradient.
  double* gradient_data() const;
  /// Throws `std::invalid_argument` with label() + ": " + `what`.
  [[noreturn]] void fail(const std::string& what) const;

 private:
  friend class Network;

  /// Checks that the layer can take examples of shape `input` (else fail()) and returns the
  /// shape of its outputs. Called once, when the layer is added to a network.
  virtual Shape configure(const Shape& input) = 0;
  /// forward() after its checks.
  virtual void compute_forward(const Matrix& input, Matrix& output) = 0;
  /// backward() after its checks.
  virtual void compute_backward(const Matrix& output_gradient, Matrix& input_gradient) = 0;
  /// How many of the parameters are weights, drawn by Network::initialize() (the rest are
  /// biases, set to 0).
  virtual Index weight_count() const { return 0; }
  /// \f$n_{\text{in}}\f$ of the weights, for initialisation.
  virtual Index fan_in() const { return 0; }
  /// \f$n_{\text{out}}\f$ of the weights, for initialisation.
  virtual Index fan_out() const { return 0; }
  /// Which parameter the layer's \f$j\f$-th number is: "weight[2, 0]", "bias[1]" (torch's indices).
  virtual std::string parameter_name(Index j) const;

  Index index_ = -1;
  Index offset_ = 0;
  Shape input_shape_, output_shape_;
  // The network's θ and gradient: the layer's block starts at offset_. The vectors, not their
  // data, so that the Maps follow when a vector is assigned a new buffer.
  const Vector* theta_ = nullptr;
  const Vector* gradient_ = nullptr;
  Index batch_size_ = -1;  // columns of the last forward's input; −1 before
};

/// A layer with a weight matrix and a bias vector: Dense and Conv2D.
///
/// Its block of \f$\theta\f$ is the weight, row-major (`weight_rows × weight_cols`), then the bias
/// (`weight_rows`); weight() and bias() are `Eigen::Map`s into the network's \f$\theta\f$,
/// weight_gradient() and bias_gradient() into its gradient. A Map views the vector's current
/// buffer: take a new one after a layer is added or \f$\theta\f$ is assigned (either may move
/// it).
class WeightedLayer : public Layer {
 public:
  /// The weight matrix, in place in \f$\theta\f$.
  WeightMap weight();
  /// The weight matrix, read-only.
  ConstWeightMap weight() const;
  /// The bias vector, in place in \f$\theta\f$.
  VectorMap bias();
  /// The bias vector, read-only.
  ConstVectorMap bias() const;
  /// \f$\partial L/\partial W\f$, in place in the network's gradient.
  WeightMap weight_gradient();
  /// \f$\partial L/\partial W\f$, read-only.
  ConstWeightMap weight_gradient() const;
  /// \f$\partial L/\partial b\f$, in place in the network's gradient.
  VectorMap bias_gradient();
  /// \f$\partial L/\partial b\f$, read-only.
  ConstVectorMap bias_gradient() const;

  /// weight_rows × weight_cols + weight_rows.
  Index parameter_count() const override { return rows_ * cols_ + rows_; }

 protected:
  /// A weight of `weight_rows` × `weight_cols` and a bias of `weight_rows`.
  WeightedLayer(Index weight_rows, Index weight_cols) : rows_(weight_rows), cols_(weight_cols) {}

 private:
  Index weight_count() const override { return rows_ * cols_; }
  std::string parameter_name(Index j) const override;

  Index rows_, cols_;
};

/// A fully connected layer, torch's `nn.Linear`: \f$Y = WX + b\,\mathbf 1^\top\f$.
///
/// Backward is dense_backward(), Chapter 6's first exercise (\ref ch06-dense "§6.3"); the layer
/// checks the shapes of the three gradients it returns and adds \f$\partial L/\partial W\f$ and
/// \f$\partial L/\partial b\f$ to the network's gradient. Keeps \f$X\f$.
class Dense final : public WeightedLayer {
 public:
  /// \f$W \in \mathbb{R}^{\text{out} \times \text{in}}\f$, \f$b \in \mathbb{R}^{\text{out}}\f$.
  /// Throws `std::invalid_argument` unless both are at least 1.
  Dense(Index in_features, Index out_features);
  std::string kind() const override { return "Dense"; }
  /// "Dense(27→4)".
  std::string describe() const override;
  /// The number of input features.
  Index in_features() const { return in_features_; }
  /// The number of outputs.
  Index out_features() const { return out_features_; }

 private:
  Shape configure(const Shape& input) override;
  void compute_forward(const Matrix& input, Matrix& output) override;
  void compute_backward(const Matrix& output_gradient, Matrix& input_gradient) override;
  Index fan_in() const override { return in_features_; }
  Index fan_out() const override { return out_features_; }

  std::size_t kept_bytes() const override { return sizeof(double) * input_.size(); }

  Index in_features_, out_features_;
  Matrix input_;        // X, kept for backward
  Matrix weight_step_;  // ∂L/∂W of the last backward, before it is added to the gradient
  Vector bias_step_;    // ∂L/∂b of the last backward
};

/// \f$\max(x, 0)\f$ per entry; its derivative is taken as 0 at \f$x = 0\f$, as torch does. Keeps
/// \f$X\f$.
class ReLU final : public Layer {
 public:
  std::string kind() const override { return "ReLU"; }

 private:
  Shape configure(const Shape& input) override { return input; }
  void compute_forward(const Matrix& input, Matrix& output) override;
  void compute_backward(const Matrix& output_gradient, Matrix& input_gradient) override;

  std::size_t kept_bytes() const override { return sizeof(double) * input_.size(); }

  Matrix input_;  // X: δX = δY where X > 0, else 0
};

/// \f$\tanh x\f$ per entry; \f$\delta X = \delta Y \odot (1 - Y^2)\f$. Keeps \f$Y\f$.
class Tanh final : public Layer {
 public:
  std::string kind() const override { return "Tanh"; }

 private:
  Shape configure(const Shape& input) override { return input; }
  void compute_forward(const Matrix& input, Matrix& output) override;
  void compute_backward(const Matrix& output_gradient, Matrix& input_gradient) override;

  std::size_t kept_bytes() const override { return sizeof(double) * output_.size(); }

  Matrix output_;  // Y
};

/// \f$\sigma(x) = 1/(1 + e^{-x})\f$ per entry; \f$\delta X = \delta Y \odot Y \odot (1 - Y)\f$. Keeps
/// \f$Y\f$.
class Sigmoid final : public Layer {
 public:
  std::string kind() const override { return "Sigmoid"; }

 private:
  Shape configure(const Shape& input) override { return input; }
  void compute_forward(const Matrix& input, Matrix& output) override;
  void compute_backward(const Matrix& output_gradient, Matrix& input_gradient) override;

  std::size_t kept_bytes() const override { return sizeof(double) * output_.size(); }

  Matrix output_;  // Y
};

/// A 2-D convolution with stride 1, torch's `nn.Conv2d` (a cross-correlation):
/// \f[ Y_{o}(h, w) = b_o + \sum_{c} \sum_{i, j < k} K_{o,c}(i, j)\, X_c(h + i - p, w + j - p), \f]
/// with \f$p = 0\f$ ('valid') or \f$p = (k - 1)/2\f$ ('same', odd \f$k\f$), and \f$X = 0\f$ outside the
/// image.
///
/// **im2col.** Forward copies every \f$k \times k\f$ patch of every channel into a column of a
/// patch matrix \f$U\f$ of \f$C_{\text{in}}k^2\f$ rows and one column per output pixel of every
/// example (\f$H_{\text{out}}W_{\text{out}}B\f$ columns), so that the convolution of the whole batch
/// is one matrix product \f$Z = KU\f$ with the weight \f$K\f$ (\f$C_{\text{out}} \times C_{\text{in}}k^2\f$,
/// torch's (out, in, k, k) tensor row-major); backward is two more,
/// \f$\partial L/\partial K \mathrel{+}= \delta Z\, U^\top\f$ and \f$\delta U = K^\top \delta Z\f$, and
/// \f$\delta U\f$ is added back onto the pixels the patches came from (col2im). The copies are
/// gather_patches() and scatter_patches(), Chapter 6's exercise on convolutions
/// (\ref ch06-convolution "§6.7"); only the products do arithmetic.
///
/// Cost: each of the three products takes \f$2C_{\text{out}}C_{\text{in}}k^2 H_{\text{out}}W_{\text{out}}B\f$
/// flops, as direct loops would, but at the speed of a matrix product; the price is memory: \f$U\f$
/// holds \f$k^2\f$ copies of the input (\f$C_{\text{in}}k^2 H_{\text{out}}W_{\text{out}}B\f$ doubles),
/// kept from forward to backward.
class Conv2D final : public WeightedLayer {
 public:
  /// \f$C_{\text{out}}\f$ filters of \f$C_{\text{in}} \times k \times k\f$. Throws
  /// `std::invalid_argument` unless the counts and \f$k\f$ are at least 1, and \f$k\f$ is odd for
  /// 'same' padding.
  Conv2D(Index in_channels, Index out_channels, Index kernel_size, Padding padding);
  std::string kind() const override { return "Conv2D"; }
  /// "Conv2D(2→3, 3×3, same)".
  std::string describe() const override;
  /// \f$C_{\text{in}}\f$.
  Index in_channels() const { return in_channels_; }
  /// \f$C_{\text{out}}\f$.
  Index out_channels() const { return out_channels_; }
  /// \f$k\f$.
  Index kernel_size() const { return kernel_size_; }
  /// 'valid' or 'same'.
  Padding padding() const { return padding_; }

 private:
  Shape configure(const Shape& input) override;
  void compute_forward(const Matrix& input, Matrix& output) override;
  void compute_backward(const Matrix& output_gradient, Matrix& input_gradient) override;
  Index fan_in() const override { return in_channels_ * kernel_size_ * kernel_size_; }
  Index fan_out() const override { return out_channels_ * kernel_size_ * kernel_size_; }
  std::string parameter_name(Index j) const override;

  Index in_channels_, out_channels_, kernel_size_;
  Padding padding_;
  std::size_t kept_bytes() const override { return sizeof(double) * patches_.size(); }

  PatchGeometry geometry_;  // the input shape, k and the padding, for the patches
  Matrix patches_;          // U, C_in k² × (H_out W_out B)
  // Workspace of the products, kept so that a batch of the same size allocates nothing: Z = KU
  // (forward), δZ and δU = Kᵀ δZ (backward), C_out or C_in k² × (H_out W_out B).
  Matrix z_, dz_, du_;
};

/// Max-pooling over \f$2 \times 2\f$ windows with stride 2, torch's `nn.MaxPool2d(2)`:
/// \f$Y_c(h, w) = \max_{i, j \in \{0, 1\}} X_c(2h + i, 2w + j)\f$.
///
/// Backward sends each \f$\delta Y\f$ to the input that was the maximum (the first in row-major
/// order on a tie, as torch); the others get 0. Height and width must be even: an odd row or
/// column would be dropped silently. Keeps the position of each maximum.
class MaxPool2x2 final : public Layer {
 public:
  std::string kind() const override { return "MaxPool2x2"; }

 private:
  Shape configure(const Shape& input) override;
  void compute_forward(const Matrix& input, Matrix& output) override;
  void compute_backward(const Matrix& output_gradient, Matrix& input_gradient) override;

  std::size_t kept_bytes() const override { return sizeof(Index) * argmax_.size(); }

  Eigen::Matrix<Index, Eigen::Dynamic, Eigen::Dynamic> argmax_;  // input row of each maximum
};

/// \f$C \times H \times W \to CHW \times 1 \times 1\f$: the same numbers (the layout is already
/// channel-major), now features for a Dense layer.
class Flatten final : public Layer {
 public:
  std::string kind() const override { return "Flatten"; }

 private:
  Shape configure(const Shape& input) override { return {input.size(), 1, 1}; }
  void compute_forward(const Matrix& input, Matrix& output) override { output = input; }
  void compute_backward(const Matrix& output_gradient, Matrix& input_gradient) override {
    input_gradient = output_gradient;
  }
};

// ------------------------------------------------------------------------------------ network

/// A chain of layers, its parameters \f$\theta\f$ and their gradient, each one contiguous vector.
///
/// Layers are added in order; each is checked against the shape of the previous one's output.
/// forward() runs the batch through every layer and checks that each output is finite: the first
/// layer that produces a NaN or an infinity throws `std::invalid_argument` naming itself, the
/// entry and its cause (a non-finite parameter, or overflow). backward() runs the chain rule back
/// and accumulates \f$\nabla_\theta L\f$ in gradient(); zero_gradient() first.
///
/// A network can be moved (its layers follow \f$\theta\f$) but not copied.
class Network {
 public:
  /// An empty network for examples of shape `input_shape`. Throws `std::invalid_argument` unless
  /// every dimension is at least 1.
  explicit Network(Shape input_shape);
  /// Takes `other`'s layers and vectors; the layers' Maps follow.
  Network(Network&& other) noexcept;
  /// Takes `other`'s layers and vectors; the layers' Maps follow.
  Network& operator=(Network&& other) noexcept;
  Network(const Network&) = delete;
  Network& operator=(const Network&) = delete;
  ~Network();

  /// Appends `layer` and returns it (its place is stable). Throws `std::invalid_argument` naming
  /// the layer ("layer 2, Dense(12→4)"), the shape it receives and what it expects, leaving the
  /// network unchanged. \f$\theta\f$ grows by the layer's parameters, set to 0 (see initialize()),
  /// and may move: Maps obtained before are invalid.
  template <std::derived_from<Layer> L>
  L& add(L layer) {
    auto owned = std::make_unique<L>(std::move(layer));
    L& added = *owned;
    append(std::move(owned));
    return added;
  }

  /// The number of layers.
  Index layer_count() const { return static_cast<Index>(layers_.size()); }
  /// Layer `i` (0 first); throws `std::out_of_range` for a bad index.
  Layer& layer(Index i);
  /// Layer `i` (0 first); throws `std::out_of_range` for a bad index.
  const Layer& layer(Index i) const;
  /// The shape of one input example.
  const Shape& input_shape() const { return input_shape_; }
  /// The shape of one output example (the input shape while there is no layer).
  const Shape& output_shape() const;
  /// "1×6×6 → Conv2D(1→2, 3×3, same) → ReLU → MaxPool2x2 → Flatten → Dense(18→4)".
  std::string describe() const;

  /// \f$n\f$, the size of \f$\theta\f$: the sum of the layers' parameter counts.
  Index parameter_count() const { return theta_.size(); }
  /// \f$\theta\f$, every layer's block in order.
  const Vector& parameters() const { return theta_; }
  /// \f$\theta\f$, to change in place (an update rule's `x`) or to assign a vector of the same
  /// size. Never resize it: the layers' blocks are fixed (forward() and the layers' Maps throw
  /// `std::logic_error` if its size changed).
  Vector& parameters() { return theta_; }
  /// Copies `theta` into \f$\theta\f$. Throws `std::invalid_argument` if its size is not
  /// parameter_count().
  void set_parameters(const Vector& theta);
  /// \f$\nabla_\theta L\f$ as accumulated by backward() since the last zero_gradient().
  const Vector& gradient() const { return gradient_; }
  /// The gradient, to change in place. Never resize it.
  Vector& gradient() { return gradient_; }
  /// Sets the gradient to 0.
  void zero_gradient() { gradient_.setZero(); }
  /// The bytes the layers keep from the last forward() for backward(): the sum of
  /// Layer::kept_bytes(). With \f$\theta\f$ and the gradient (\f$2p\f$ doubles) and the update rule's
  /// state, what training the network holds besides the data (\ref ch06-memory "§6.5").
  std::size_t kept_bytes() const;
  /// The bytes of the activations of the last forward() (every layer's output) and of their
  /// gradients from the last backward(): the \f$2n\f$ of \ref ch06-memory "§6.5".
  std::size_t activation_bytes() const;
  /// Which layer and which of its parameters \f$\theta_i\f$ is: "θ[17]: layer 0, Conv2D(1→2, 3×3,
  /// same), weight[1, 0, 2, 1]". Throws `std::out_of_range` for a bad index.
  std::string parameter_name(Index i) const;

  /// Draws every layer's weights from `initialization`, in the order of \f$\theta\f$, with
  /// workbook::Random(`seed`) (random.hpp), and sets the biases to 0: the same \f$\theta\f$ on every platform.
  void initialize(Initialization initialization, std::uint64_t seed);

  /// The network's output for the batch `input` (input_shape().size() rows, one column per
  /// example), keeping what backward() needs. Throws `std::invalid_argument` for a wrong number of
  /// rows, an empty batch, a non-finite input, or a layer that produces a NaN or an infinity;
  /// `std::logic_error` if there is no layer.
  const Matrix& forward(const Matrix& input);
  /// Given \f$\partial L/\partial Y\f$ for the output of the last forward(), adds
  /// \f$\nabla_\theta L\f$ to gradient() and returns \f$\partial L/\partial X\f$ for its input.
  const Matrix& backward(const Matrix& output_gradient);

 private:
  void append(std::unique_ptr<Layer> layer);
  void bind();  // points every layer to θ_ and gradient_
  void check_sizes() const;
  [[noreturn]] void non_finite_output(Index layer) const;

  Shape input_shape_;
  std::vector<std::unique_ptr<Layer>> layers_;
  Vector theta_;                   // θ
  Vector gradient_;                // ∇θ L
  std::vector<Matrix> outputs_;    // outputs_[l]: the output of layer l in the last forward
  std::vector<Matrix> gradients_;  // gradients_[l]: ∂L/∂(input of layer l) in the last backward
};

// -------------------------------------------------------------------- Chapter 6's exercises
// The layers call these for the arithmetic the chapter derives; the layers check what they return.

/// **Exercise (\ref ch06-dense "§6.3").** The backward pass of a dense layer
/// \f$Y = WX + b\,\mathbf 1^\top\f$: given the batch \f$X\f$ (`input`, in \f$\times B\f$), the
/// weight \f$W\f$ (out \f$\times\f$ in) and \f$\delta Y = \partial L/\partial Y\f$ (`output_gradient`,
/// out \f$\times B\f$), writes \f$\partial L/\partial W\f$ into `weight_gradient`,
/// \f$\partial L/\partial b\f$ into `bias_gradient` and \f$\delta X = \partial L/\partial X\f$ into
/// `input_gradient` (each resized as needed). \f$\delta Y\f$ already carries the loss's average over
/// the batch. Dense::backward() checks the shapes of what it returns and adds the two parameter
/// gradients to the network's.
void dense_backward(const Matrix& input, ConstWeightMap weight, const Matrix& output_gradient,
                    Matrix& weight_gradient, Vector& bias_gradient, Matrix& input_gradient);

/// **Exercise (\ref ch06-softmax "§6.4").** Softmax cross-entropy and its gradient for logits
/// \f$Z\f$ (\f$C\f$ classes \f$\times B\f$) and labels \f$y_b\f$ that softmax_cross_entropy() has
/// checked (one per column, each in \f$0..C-1\f$, every logit finite): returns
/// \f$L = \frac1B \sum_b -\log p_{y_b b}\f$ with \f$p_{\cdot b}\f$ the softmax of column \f$b\f$, and
/// writes \f$\partial L/\partial Z\f$ (\f$C \times B\f$) into `logits_gradient`. Finite for finite
/// logits of any size.
double softmax_cross_entropy_and_gradient(const Matrix& logits, std::span<const Index> labels,
                                          Matrix& logits_gradient);

/// **Exercise (\ref ch06-convolution "§6.7"), forward half.** im2col: copies every
/// \f$k \times k\f$ patch of every channel of every example of `images` (\f$CHW \times B\f$, the
/// layout of Shape) into one column of `patches`, so that Conv2D's forward pass is one matrix
/// product with its weight (torch's (out, in, k, k) tensor, row-major). Row \f$r = (c\,k + i)\,k + j\f$
/// of a column holds the pixel that kernel entry \f$(c, i, j)\f$ multiplies; the columns are the
/// output pixels of example 0 row by row, then those of example 1, and so on. A pixel of the padding
/// is 0.
void gather_patches(const PatchGeometry& geometry, const Matrix& images, Matrix& patches);

/// **Exercise (\ref ch06-convolution "§6.7"), backward half.** col2im, the adjoint of
/// gather_patches(): given \f$\partial L/\partial U\f$ for the patch matrix \f$U\f$ (`patch_gradient`),
/// writes \f$\partial L/\partial X\f$ (\f$CHW \times B\f$) into `image_gradient`.
void scatter_patches(const PatchGeometry& geometry, const Matrix& patch_gradient,
                     Matrix& image_gradient);

// ------------------------------------------------------------------------------------- losses

/// The softmax of every column: \f$p_k = e^{z_k - m} / \sum_j e^{z_j - m}\f$ with
/// \f$m = \max_j z_j\f$, so that no exponential overflows.
Matrix softmax(const Matrix& logits);

/// Softmax cross-entropy, torch's `cross_entropy` (mean over the batch): for logits \f$Z\f$
/// (\f$C\f$ classes \f$\times B\f$) and labels \f$y_b \in \{0, \dots, C - 1\}\f$,
/// \f[ L = \frac1B \sum_b \Big( \log \sum_k e^{z_{kb}} - z_{y_b b} \Big), \qquad
///     \log \sum_k e^{z_k} = m + \log \sum_k e^{z_k - m},\; m = \max_k z_k \f]
/// (log-sum-exp with the maximum subtracted: finite for logits of any size).
///
/// Throws `std::invalid_argument` for an empty batch, a number of labels that is not \f$B\f$, a
/// label outside \f$0..C-1\f$ (naming it and its example), or a non-finite logit.
double softmax_cross_entropy(const Matrix& logits, std::span<const Index> labels);

/// As above, and \f$\partial L/\partial Z\f$ into `logits_gradient`: after checking the batch as
/// above, it calls softmax_cross_entropy_and_gradient() (an exercise, \ref ch06-softmax "§6.4") and
/// throws `std::logic_error` if that returns a loss or a gradient that is not finite, or a
/// gradient of another shape than the logits.
double softmax_cross_entropy(const Matrix& logits, std::span<const Index> labels,
                             Matrix& logits_gradient);

/// The mean squared error, torch's `mse_loss` (mean over every entry): for outputs and targets
/// of \f$K \times B\f$, \f$L = \frac{1}{KB} \sum_{k,b} (y_{kb} - t_{kb})^2\f$, the mean over the batch
/// of \f$L_b = \frac1K \|y_b - t_b\|^2\f$.
///
/// Throws `std::invalid_argument` for an empty batch, sizes that differ, or a non-finite entry.
double mean_squared_error(const Matrix& output, const Matrix& target);

/// As above, and \f$\partial L/\partial Y = 2(Y - T)/(KB)\f$ into `output_gradient`.
double mean_squared_error(const Matrix& output, const Matrix& target, Matrix& output_gradient);

}  // namespace workbook::nn
