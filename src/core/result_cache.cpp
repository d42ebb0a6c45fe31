#include "llmos/result_cache.hpp"

#include "llmos/hash.hpp"
#include "lru_index.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace llmos {

DirectoryStore::DirectoryStore(std::filesystem::path directory) : directory_(std::move(directory)) {}

std::optional<std::string> DirectoryStore::get(const std::string& key) {
  std::ifstream in(directory_ / (key + ".json"), std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void DirectoryStore::put(const std::string& key, std::string_view value) {
  std::error_code error;
  std::filesystem::create_directories(directory_, error);
  // Write then rename, so a reader never sees half a file.
  const auto final_path = directory_ / (key + ".json");
  const auto temporary = directory_ / (key + ".json.tmp");
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) return;
    out.write(value.data(), static_cast<std::streamsize>(value.size()));
    if (!out) return;
  }
  std::filesystem::rename(temporary, final_path, error);
}

bool DirectoryStore::erase(const std::string& key) {
  std::error_code error;
  return std::filesystem::remove(directory_ / (key + ".json"), error);
}

namespace {

std::size_t quoted_size(std::string_view text) {
  std::size_t size = 2;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t')
      size += 2;
    else if (byte < 0x20)
      size += 6;  // \u00XX
    else
      size += 1;
  }
  return size;
}

std::size_t digits(std::uint64_t value) {
  std::size_t count = 1;
  while (value >= 10) {
    value /= 10;
    ++count;
  }
  return count;
}

// The length of dump()'s spelling of a finite double. dump() writes the
// shortest round-trip digits d1..dk with value 0.d1..dk * 10^n as
// "d1..dk000.0" (k <= n <= 15), "d1..dn.dn+1..dk" (0 < n <= 15),
// "0.000d1..dk" (-4 < n <= 0), else "d1.d2..dke+XX" (at least two exponent
// digits). The digits are the shortest that round-trip (shortest_scientific);
// dump()'s Grisu2 picks a digit or two more for about 1 double in 1,500 of
// random bit patterns, so those count short by that much: fine for a byte
// budget. Hashes never see this text (Hasher::f64 reads the IEEE bits).
// `number` in scientific notation with the fewest significant digits that
// read back as the same double, as std::to_chars(..., scientific) writes it
// (Emscripten 3.1.6's libc++ has no floating-point to_chars). printf rounds
// correctly, so the first precision that round-trips is the shortest; most
// doubles need 15-17 digits, so those are tried first.
std::size_t shortest_scientific(double number, char* buffer, std::size_t size) {
  const auto spell = [&](int digits) {
    const int length = std::snprintf(buffer, size, "%.*e", digits - 1, number);
    return std::strtod(buffer, nullptr) == number ? static_cast<std::size_t>(length) : 0;
  };
  int shortest = 17;
  if (spell(16)) shortest = 16;
  if (shortest == 16 && spell(15)) {
    int low = 1, high = 15;  // high round-trips; find the least that does
    while (low < high) {
      const int middle = (low + high) / 2;
      if (spell(middle))
        high = middle;
      else
        low = middle + 1;
    }
    shortest = high;
  }
  return spell(shortest);
}

std::size_t float_text_size(double number) {
  const std::size_t sign = std::signbit(number) ? 1 : 0;
  if (number == 0) return sign + 3;  // "0.0"
  char buffer[64];
  const std::size_t length = shortest_scientific(number, buffer, sizeof buffer);
  const std::string_view text(buffer + sign, length - sign);
  const auto e = text.find('e');
  const int k = static_cast<int>(e == 1 ? 1 : e - 1);  // digits without the point
  int exponent = 0;
  std::from_chars(text.data() + e + (text[e + 1] == '+' ? 2 : 1), text.data() + text.size(), exponent);
  const int n = exponent + 1;
  std::size_t size = 0;
  if (k <= n && n <= 15)
    size = static_cast<std::size_t>(n) + 2;
  else if (0 < n && n <= 15)
    size = static_cast<std::size_t>(k) + 1;
  else if (-4 < n && n <= 0)
    size = static_cast<std::size_t>(2 - n + k);
  else
    size = static_cast<std::size_t>(k) + (k == 1 ? 0 : 1) + 2 +
           std::max<std::size_t>(2, digits(static_cast<std::uint64_t>(std::abs(n - 1))));
  return sign + size;
}

}  // namespace

std::size_t json_text_size(const json& value) {
  switch (value.type()) {
    case json::value_t::null:
    case json::value_t::discarded:
      return 4;
    case json::value_t::boolean:
      return value.get<bool>() ? 4 : 5;
    case json::value_t::number_integer: {
      const auto number = value.get<std::int64_t>();
      return number < 0 ? 1 + digits(0 - static_cast<std::uint64_t>(number))
                        : digits(static_cast<std::uint64_t>(number));
    }
    case json::value_t::number_unsigned:
      return digits(value.get<std::uint64_t>());
    case json::value_t::number_float: {
      const double number = value.get<double>();
      if (!std::isfinite(number)) return 4;  // dump() writes null
      return float_text_size(number);
    }
    case json::value_t::string:
      return quoted_size(value.get_ref<const std::string&>());
    case json::value_t::array: {
      std::size_t size = 2 + (value.empty() ? 0 : value.size() - 1);
      for (const auto& item : value) size += json_text_size(item);
      return size;
    }
    case json::value_t::object: {
      std::size_t size = 2 + (value.empty() ? 0 : value.size() - 1);
      for (const auto& [key, item] : value.get_ref<const json::object_t&>())
        size += quoted_size(key) + 1 + json_text_size(item);
      return size;
    }
    case json::value_t::binary:
      return value.dump().size();
  }
  return 0;
}

ResultCache::ResultCache(std::size_t byte_budget, PersistentStore* store)
    : byte_budget_(byte_budget), store_(store), index_(std::make_unique<LruIndex>()) {}

ResultCache::~ResultCache() = default;

bool ResultCache::contains(std::uint64_t key) const { return index_->contains(key); }
void ResultCache::prefetch(std::uint64_t key) const { index_->prefetch(key); }
std::size_t ResultCache::size() const { return index_->size(); }
std::size_t ResultCache::bytes() const { return index_->bytes(); }
void ResultCache::clear() { index_->clear(); }

SharedOutputs ResultCache::get(std::uint64_t key) {
  if (auto found = index_->get(key); found.outputs) {
    ++stats_.hits;
    if (found.in_order) ++stats_.in_order_hits;
    return std::move(found.outputs);
  }
  if (store_) {
    if (auto text = store_->get(to_hex(key))) {
      json outputs = json::parse(*text, nullptr, /*allow_exceptions=*/false);
      if (!outputs.is_discarded()) {
        ++stats_.hits;
        ++stats_.store_hits;
        auto shared = std::make_shared<const json>(std::move(outputs));
        insert(key, shared, text->size());
        return shared;
      }
    }
  }
  ++stats_.misses;
  return nullptr;
}

void ResultCache::put(std::uint64_t key, SharedOutputs outputs) {
  if (!outputs) outputs = std::make_shared<const json>();
  std::size_t bytes = 0;
  if (store_) {
    // Invalid UTF-8 in a string must not throw here: replace it.
    const std::string text = outputs->dump(-1, ' ', false, json::error_handler_t::replace);
    store_->put(to_hex(key), text);
    bytes = text.size();
  } else {
    bytes = json_text_size(*outputs);
  }
  insert(key, std::move(outputs), bytes);
}

bool ResultCache::remove(std::uint64_t key) {
  bool removed = index_->erase(key);
  if (store_ && store_->erase(to_hex(key))) removed = true;
  return removed;
}

void ResultCache::insert(std::uint64_t key, SharedOutputs outputs, std::size_t bytes) {
  index_->erase(key);
  if (bytes > byte_budget_) return;
  while (index_->bytes() > byte_budget_ - bytes && index_->evict_oldest()) ++stats_.evictions;
  index_->insert(key, std::move(outputs), bytes);
}

}  // namespace llmos
