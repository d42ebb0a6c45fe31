// `llmos serve --demo`: a team `engineering` and a user `alice` in the data
// directory, so the original design's curl examples return results. Each
// file is saved as a commit in its volume's history; files that already
// exist are left alone, so --demo can be given every time.
#pragma once

#include <optional>
#include <string>

namespace llmos::server {

// Error sentence on failure.
std::optional<std::string> write_demo_data(const std::string& data_dir);

}  // namespace llmos::server
