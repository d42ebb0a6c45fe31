// Where the CLI finds the repo's skills/ and the built web output when not
// told: environment first, then relative to the executable (build/<preset>/bin).
#pragma once

#include <string>

namespace llmos::cli {

// $LLMOS_SKILLS_DIR, else <exe>/../../../skills.
std::string default_skills_dir();
// $LLMOS_WEB_ROOT, else <exe>/../../web (the bundle `make build` assembles).
std::string default_web_root();
// $LLMOS_DATA_DIR, else <exe>/../../data (`llmos serve`'s user and team volumes, under build/).
std::string default_data_dir();

// `path` relative to the working directory when it lies below it (as people
// type paths), else absolute; both with forward slashes.
std::string display_path(const std::string& path);

}  // namespace llmos::cli
