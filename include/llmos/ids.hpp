// Typed ids for workflow graphs and runs, so a node id, a port and an edge
// index cannot be mixed up with each other or with arbitrary strings.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace llmos {

// A workflow node's id ("nodeId" in JSON), unique within one workflow.
struct NodeId {
  std::string value;

  NodeId() = default;
  explicit NodeId(std::string id) : value(std::move(id)) {}
  explicit NodeId(std::string_view id) : value(id) {}
  explicit NodeId(const char* id) : value(id) {}

  const std::string& str() const { return value; }
  bool empty() const { return value.empty(); }
  // == and < spelled out: Emscripten 3.1.6's libc++ has no <=> for std::string.
  friend bool operator==(const NodeId&, const NodeId&) = default;
  friend bool operator<(const NodeId& a, const NodeId& b) { return a.value < b.value; }
};

// One port of one node: the source output or the target input of an edge.
struct PortRef {
  NodeId node;
  std::string port;
  friend bool operator==(const PortRef&, const PortRef&) = default;
  friend bool operator<(const PortRef& a, const PortRef& b) {
    return a.node < b.node || (a.node == b.node && a.port < b.port);
  }
};

// An edge's position in Workflow::edges(), which is also its JSON pointer
// index (/edges/<index>). Removing an edge renumbers the later ones, exactly
// like the saved file does.
struct EdgeId {
  std::size_t index = 0;
  friend auto operator<=>(const EdgeId&, const EdgeId&) = default;
};

// One execution of a workflow by a Scheduler; 0 is never a valid run.
struct RunId {
  std::uint64_t value = 0;
  bool valid() const { return value != 0; }
  friend auto operator<=>(const RunId&, const RunId&) = default;
};

}  // namespace llmos

template <>
struct std::hash<llmos::NodeId> {
  std::size_t operator()(const llmos::NodeId& id) const noexcept {
    return std::hash<std::string>{}(id.value);
  }
};

template <>
struct std::hash<llmos::RunId> {
  std::size_t operator()(const llmos::RunId& id) const noexcept {
    return std::hash<std::uint64_t>{}(id.value);
  }
};
