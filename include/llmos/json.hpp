// The JSON type of the whole API: insertion-ordered, so files and answers
// keep the order people wrote them in.
#pragma once

#include <nlohmann/json.hpp>

namespace llmos {

using json = nlohmann::ordered_json;

}  // namespace llmos
