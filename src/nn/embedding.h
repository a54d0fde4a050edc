// embedding: the input layer: token embedding + position encoding (learned table or a fixed
// sinusoidal one, same (maxT, C) layout) + optional token-type embedding, forward and backward.
// B sequences of T tokens; token t of every sequence has position t.
#pragma once

namespace attn::nn {

// ids (B, T) in [0, V), types (B, T) in [0, types) or null, wte (V, C), wpe (>= T, C) or null,
// wtt (types, C) or null -> out (B, T, C) = wte[id] + wpe[t] + wtt[type].
// Ids are not range-checked here (the model checks its inputs once).
void embedding_forward(float* out, const int* ids, const int* types, const float* wte,
                       const float* wpe, const float* wtt, int B, int T, int C);

// dout (B, T, C) -> dwte (V, C) +=, dwpe (>= T, C) += (null: fixed positions), dwtt += (null
// when there are no token types). Rows are scattered back to the tokens that used them.
void embedding_backward(float* dwte, float* dwpe, float* dwtt, const float* dout, const int* ids,
                        const int* types, int B, int T, int C);

// -> table (maxT, C): the sinusoidal encoding of attention/positions.h, for wpe above.
void sinusoidal_table(float* table, int maxT, int C);

}  // namespace attn::nn
