// train_state: what a training run needs to resume exactly where it stopped, and the compact
// file the page ships.
// - The optimizer file (safetensors, F32): AdamW's first and second moments as tensors "m"
//   and "v" (num_params each) and its step count in __metadata__ ("adamw_steps"), beside the
//   model file io::save_transformer writes. Batches depend only on (seed, step)
//   (lm/batches.h), so model + optimizer + step is the whole state.
// - to_f16: a transformer checkpoint (F32) -> the same file with every tensor rounded to F16
//   (round to nearest even), half the bytes; io::load_transformer reads it back as float32.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "train/adamw.h"

namespace attn::lm {

std::vector<std::uint8_t> save_optimizer(train::AdamW& optimizer);

// file -> optimizer's moments and step count. Throws io::SafetensorsError on a malformed file
// and std::invalid_argument when its sizes differ from the optimizer's.
void load_optimizer(const std::vector<std::uint8_t>& file, train::AdamW& optimizer);

// float32 -> IEEE half bits, round to nearest even (overflow -> inf, NaN stays NaN).
std::uint16_t float_to_half(float x);

// A safetensors file with F32 (or F16: unchanged) tensors -> the same tensors as F16, same
// metadata and order. Throws std::invalid_argument on another dtype.
std::vector<std::uint8_t> to_f16(const std::vector<std::uint8_t>& f32_file);

// text -> a JSON string literal (quotes and backslashes escaped, control characters dropped).
std::string json_string(const std::string& text);

// Whole-file helpers; throw std::runtime_error naming the path.
std::vector<std::uint8_t> read_file(const std::string& path);
void write_file(const std::string& path, const std::vector<std::uint8_t>& bytes);

}  // namespace attn::lm
