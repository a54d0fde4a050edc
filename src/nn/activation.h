// activation: GELU (tanh approximation, as GPT-2, and exact erf, as BERT) and the residual
// add, each forward and backward. Elementwise over n values; backward accumulates (+=).
#pragma once

#include <string_view>

namespace attn::nn {

enum class Activation { kGeluTanh, kGelu };

// "gelu_tanh" | "gelu" -> Activation; throws std::invalid_argument naming the value.
Activation parse_activation(std::string_view name);
const char* activation_name(Activation a);

// inp (n) -> out (n): gelu_tanh(x) = x/2 (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))),
// gelu(x) = x/2 (1 + erf(x / sqrt 2)).
void gelu_forward(float* out, const float* inp, int n, Activation a);

// inp (n), dout (n) -> dinp (n) += gelu'(inp) * dout.
void gelu_backward(float* dinp, const float* inp, const float* dout, int n, Activation a);

// a (n), b (n) -> out (n) = a + b.
void residual_forward(float* out, const float* a, const float* b, int n);

// dout (n) -> da (n) += dout, db (n) += dout.
void residual_backward(float* da, float* db, const float* dout, int n);

}  // namespace attn::nn
