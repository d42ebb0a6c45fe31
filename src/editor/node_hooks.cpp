#include "node_hooks.hpp"

#include <utility>

namespace llmos::editor {

namespace {
NodeDecorator& current_decorator() {
  static NodeDecorator decorator;
  return decorator;
}
}  // namespace

void set_node_decorator(NodeDecorator decorator) { current_decorator() = std::move(decorator); }

const NodeDecorator& node_decorator() { return current_decorator(); }

}  // namespace llmos::editor
