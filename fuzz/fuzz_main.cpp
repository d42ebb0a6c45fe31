// One libFuzzer entry, compiled once per target with LLMOS_FUZZ_TARGET set
// to a function of fuzz_entries.hpp. A broken invariant aborts so libFuzzer
// keeps the input as a crash artifact, like a sanitizer report would.
#include "fuzz_entries.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto verdict = llmos::fuzz::LLMOS_FUZZ_TARGET({reinterpret_cast<const char*>(data), size});
  if (!verdict.broken.empty()) {
    std::fprintf(stderr, "invariant broken: %s\n", verdict.broken.c_str());
    std::abort();
  }
  return 0;
}
