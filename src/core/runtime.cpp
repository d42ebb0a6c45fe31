#include "llmos/runtime.hpp"

namespace llmos {

json NodeError::to_json() const {
  json out = {{"code", code}, {"message", message}};
  if (line) out["line"] = *line;
  return out;
}

void RuntimeRegistry::add(std::string node_type, Runtime& runtime, std::size_t max_concurrent) {
  for (auto& entry : entries_) {
    if (entry.node_type == node_type) {
      entry.runtime = &runtime;
      entry.max_concurrent = max_concurrent;
      return;
    }
  }
  entries_.push_back(Entry{std::move(node_type), &runtime, max_concurrent});
}

bool RuntimeRegistry::set_max_concurrent(std::string_view node_type, std::size_t max_concurrent) {
  const auto slot = slot_of(node_type);
  if (!slot) return false;
  entries_[*slot].max_concurrent = max_concurrent;
  return true;
}

std::optional<std::size_t> RuntimeRegistry::slot_of(std::string_view node_type) const {
  for (std::size_t i = 0; i < entries_.size(); ++i)
    if (entries_[i].node_type == node_type) return i;
  return std::nullopt;
}

}  // namespace llmos
