// Content hashing for the result cache and run traces: FNV-1a 64, fed with
// explicitly little-endian integers and IEEE bit patterns so native and wasm
// builds produce the same keys.
#pragma once

#include "llmos/json.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace llmos {

class Hasher {
 public:
  Hasher& bytes(const void* data, std::size_t size);
  // Length-prefixed, so ("ab","c") and ("a","bc") differ.
  Hasher& text(std::string_view value);
  Hasher& u64(std::uint64_t value);
  Hasher& f64(double value);
  // Canonical: object keys in sorted order, integral floats hash like ints
  // (1.0 == 1), so key order and number spelling in a file do not matter.
  Hasher& json_value(const json& value);

  std::uint64_t value() const { return state_; }

 private:
  std::uint64_t state_ = 0xcbf29ce484222325ULL;
};

std::uint64_t hash_text(std::string_view value);
std::uint64_t hash_json(const json& value);

// 16 lowercase hex digits, the spelling used in traces and cache file names.
std::string to_hex(std::uint64_t value);

// JSON text with object keys sorted at every level (stable across runs and
// platforms; what "canonical resolved inputs" means in docs/WORKFLOW.md).
std::string canonical_dump(const json& value);

}  // namespace llmos
