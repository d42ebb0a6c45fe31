#include "llmos/hash.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <iterator>
#include <limits>
#include <vector>

namespace llmos {
namespace {

constexpr std::uint64_t kFnvPrime = 0x100000001b3ULL;

// Type tags keep e.g. the string "1" and the number 1 apart.
enum Tag : unsigned char {
  tag_null = 'n',
  tag_bool = 'b',
  tag_int = 'i',
  tag_uint = 'u',
  tag_float = 'f',
  tag_string = 's',
  tag_array = 'a',
  tag_object = 'o',
  tag_binary = 'x'
};

}  // namespace

Hasher& Hasher::bytes(const void* data, std::size_t size) {
  const auto* byte = static_cast<const unsigned char*>(data);
  std::uint64_t state = state_;
  for (std::size_t i = 0; i < size; ++i) {
    state ^= byte[i];
    state *= kFnvPrime;
  }
  state_ = state;
  return *this;
}

Hasher& Hasher::u64(std::uint64_t value) {
  unsigned char little_endian[8];
  for (int i = 0; i < 8; ++i) little_endian[i] = static_cast<unsigned char>(value >> (8 * i));
  return bytes(little_endian, sizeof little_endian);
}

Hasher& Hasher::f64(double value) {
  if (value == 0) value = 0;  // -0.0 and 0.0 are the same input
  // memcpy, not std::bit_cast: Emscripten 3.1.6's libc++ lacks bit_cast.
  std::uint64_t bits = 0;
  std::memcpy(&bits, &value, sizeof bits);
  return u64(bits);
}

Hasher& Hasher::text(std::string_view value) {
  u64(value.size());
  return bytes(value.data(), value.size());
}

Hasher& Hasher::json_value(const json& value) {
  auto tag = [this](Tag t) {
    const unsigned char byte = t;
    bytes(&byte, 1);
  };
  switch (value.type()) {
    case json::value_t::null:
    case json::value_t::discarded:
      tag(tag_null);
      break;
    case json::value_t::boolean:
      tag(tag_bool);
      u64(value.get<bool>() ? 1 : 0);
      break;
    case json::value_t::number_integer:
      tag(tag_int);
      u64(static_cast<std::uint64_t>(value.get<std::int64_t>()));
      break;
    case json::value_t::number_unsigned: {
      const auto number = value.get<std::uint64_t>();
      tag(number <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) ? tag_int
                                                                                         : tag_uint);
      u64(number);
      break;
    }
    case json::value_t::number_float: {
      const double number = value.get<double>();
      const bool integral =
          std::isfinite(number) && std::trunc(number) == number && std::abs(number) < 9.0e18;
      if (integral) {
        tag(tag_int);
        u64(static_cast<std::uint64_t>(static_cast<std::int64_t>(number)));
      } else {
        tag(tag_float);
        f64(number);
      }
      break;
    }
    case json::value_t::string:
      tag(tag_string);
      text(value.get_ref<const std::string&>());
      break;
    case json::value_t::array:
      tag(tag_array);
      u64(value.size());
      for (const auto& item : value) json_value(item);
      break;
    case json::value_t::object: {
      tag(tag_object);
      u64(value.size());
      // Sorted member pointers; small objects (the usual inputValues) sort
      // on the stack.
      using Member = const std::pair<const std::string, json>*;
      const auto& object = value.get_ref<const json::object_t&>();
      Member local[16];
      std::vector<Member> heap;
      Member* members = local;
      if (object.size() > std::size(local)) {
        heap.resize(object.size());
        members = heap.data();
      }
      std::size_t count = 0;
      for (const auto& member : object) members[count++] = &member;
      std::sort(members, members + count, [](Member a, Member b) { return a->first < b->first; });
      for (std::size_t i = 0; i < count; ++i) {
        text(members[i]->first);
        json_value(members[i]->second);
      }
      break;
    }
    case json::value_t::binary:
      tag(tag_binary);
      u64(value.get_binary().size());
      bytes(value.get_binary().data(), value.get_binary().size());
      break;
  }
  return *this;
}

std::uint64_t hash_text(std::string_view value) { return Hasher{}.text(value).value(); }

std::uint64_t hash_json(const json& value) { return Hasher{}.json_value(value).value(); }

std::string to_hex(std::uint64_t value) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = kDigits[value & 0xf];
    value >>= 4;
  }
  return out;
}

std::string canonical_dump(const json& value) {
  // nlohmann::json (unordered) stores objects in a std::map: sorted keys.
  return nlohmann::json(value).dump();
}

}  // namespace llmos
