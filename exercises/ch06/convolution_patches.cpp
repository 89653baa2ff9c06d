// Chapter 6, exercise 3: the patches of a convolution (im2col) and their adjoint (col2im).
//
// Read: Chapter 6, §6.7 "From a dense layer to a convolution" (chapters/ch06_networks.md,
// #ch06-convolution); the comments of gather_patches(), scatter_patches(), PatchGeometry and
// Conv2D in lib/include/workbook/network.hpp state the layout.
//
// Contract: Conv2D computes its output as one matrix product Z = K U, K the weight
// (C_out × C_in k², torch's (out, in, k, k) tensor row-major) and U the patch matrix that
// gather_patches() writes: row (c k + i) k + j of column q + P·b holds the pixel of example b that
// kernel entry (c, i, j) multiplies for output pixel q = h W_out + w (P output pixels per
// example), or 0 where the kernel lies on the padding. Stride 1; 'valid' or 'same' padding as
// torch's Conv2d (odd k for 'same'), which computes a cross-correlation. Images are columns of
// C H W numbers, channel-major, row-major within a channel (Shape in network.hpp).
//
// scatter_patches() is the backward half: given ∂L/∂U, write ∂L/∂X (C H W × B) into
// `image_gradient`. Both overwrite their output (resize it as needed) and change none of their
// inputs.
//
// Check:  ctest --preset default -L ch06 -R convolution_patches
#include "workbook/errors.hpp"
#include "workbook/network.hpp"

void workbook::nn::gather_patches(const PatchGeometry& geometry, const Matrix& images,
                                  Matrix& patches) {
  WORKBOOK_NOT_IMPLEMENTED("Chapter 6, §6.7 From a dense layer to a convolution");
}

void workbook::nn::scatter_patches(const PatchGeometry& geometry, const Matrix& patch_gradient,
                                   Matrix& image_gradient) {
  WORKBOOK_NOT_IMPLEMENTED("Chapter 6, §6.7 From a dense layer to a convolution");
}
