// Typed ids of the editor's graph. Nodes keep the workflow file's string id
// (llmos::NodeId); links, frames and reroutes have no id in the file, so the
// document numbers them: stable for the whole session (undo/redo keeps them),
// never reused, 0 = none.
#pragma once

#include "llmos/ids.hpp"

#include <compare>
#include <cstdint>
#include <functional>

namespace llmos::editor {

using llmos::NodeId;
using llmos::PortRef;

template <typename Tag>
struct SerialId {
  std::uint64_t value = 0;
  bool valid() const { return value != 0; }
  friend auto operator<=>(const SerialId&, const SerialId&) = default;
};

using LinkId = SerialId<struct LinkTag>;
using FrameId = SerialId<struct FrameTag>;
using RerouteId = SerialId<struct RerouteTag>;

}  // namespace llmos::editor

template <typename Tag>
struct std::hash<llmos::editor::SerialId<Tag>> {
  std::size_t operator()(const llmos::editor::SerialId<Tag>& id) const noexcept {
    return std::hash<std::uint64_t>{}(id.value);
  }
};
