// Media types by file name, one table for the files the server sends (the
// web app) and the resources of Agent Skills folders.
#pragma once

#include <string_view>

namespace llmos {

// "text/markdown; charset=utf-8" for "reference.md", ...; text types carry
// charset=utf-8. Unknown extensions are application/octet-stream.
std::string_view media_type_of(std::string_view file_name);

}  // namespace llmos
