// The words a link's hover tooltip says about the value travelling on it:
// its type and size ("float 3.14", "series 120 points", "image 640x480 PNG",
// "scene 3 objects"). Plain data, no ImGui: tests/editor/run/test_link_summary.cpp.
#pragma once

#include "llmos/json.hpp"
#include "llmos/skill.hpp"

#include <string>

namespace llmos::run {

// `value` is the source node's output on the link's port (nullptr when the
// node has produced none yet); `declared` is the port's type (any when
// unknown): it names the value when the value fits it.
std::string link_value_summary(PortType declared, const json* value);

}  // namespace llmos::run
