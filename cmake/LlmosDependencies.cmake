# Finds the dependencies. Natively they come from Debian's -dev packages; for
# Emscripten they are the Debian *source* packages that third_party/ fetched
# and built into ${LLMOS_CACHE} (see third_party/README.md).
find_package(nlohmann_json 3.10 QUIET)

if(EMSCRIPTEN)
  # The repo's package.json says "type": "module"; the Node-run test and bench
  # binaries emscripten writes are CommonJS.
  file(WRITE "${CMAKE_BINARY_DIR}/package.json" "{\"type\": \"commonjs\"}\n")
  # The emscripten sysroot hides /usr/include; expose only nlohmann through a
  # private include dir of symlinks.
  set(LLMOS_WASM_INCLUDE "${CMAKE_BINARY_DIR}/sysinclude")
  file(MAKE_DIRECTORY "${LLMOS_WASM_INCLUDE}")
  if(NOT EXISTS "${LLMOS_WASM_INCLUDE}/nlohmann")
    file(CREATE_LINK /usr/include/nlohmann "${LLMOS_WASM_INCLUDE}/nlohmann" SYMBOLIC)
  endif()
  add_library(llmos_json INTERFACE)
  target_include_directories(llmos_json SYSTEM INTERFACE "${LLMOS_WASM_INCLUDE}")

  # Prefixes written by third_party/build-wasm-deps.sh.
  set(LLMOS_WASM_PREFIX_FILE "${LLMOS_CACHE}/wasm-prefixes.cmake")
  if(NOT EXISTS "${LLMOS_WASM_PREFIX_FILE}")
    message(FATAL_ERROR "Missing ${LLMOS_WASM_PREFIX_FILE}: run third_party/setup.sh (make setup) first")
  endif()
  include("${LLMOS_WASM_PREFIX_FILE}")  # sets LLMOS_WASM_YAML_CPP, LLMOS_WASM_GTEST, LLMOS_WASM_IMGUI, LLMOS_IMGUI_SOURCE

  add_library(llmos_yaml STATIC IMPORTED GLOBAL)
  set_target_properties(llmos_yaml PROPERTIES IMPORTED_LOCATION "${LLMOS_WASM_YAML_CPP}/lib/libyaml-cpp.a"
                                              INTERFACE_INCLUDE_DIRECTORIES "${LLMOS_WASM_YAML_CPP}/include")
  if(LLMOS_BUILD_TESTS)
    add_library(GTest::gtest STATIC IMPORTED GLOBAL)
    set_target_properties(GTest::gtest PROPERTIES IMPORTED_LOCATION "${LLMOS_WASM_GTEST}/lib/libgtest.a"
                                                 INTERFACE_INCLUDE_DIRECTORIES "${LLMOS_WASM_GTEST}/include")
    add_library(GTest::gtest_main STATIC IMPORTED GLOBAL)
    set_target_properties(GTest::gtest_main PROPERTIES IMPORTED_LOCATION "${LLMOS_WASM_GTEST}/lib/libgtest_main.a"
                                                      INTERFACE_LINK_LIBRARIES GTest::gtest)
  endif()
else()
  find_package(nlohmann_json 3.10 REQUIRED)
  add_library(llmos_json INTERFACE)
  target_link_libraries(llmos_json INTERFACE nlohmann_json::nlohmann_json)
  add_library(llmos_yaml INTERFACE)
  file(GLOB LLMOS_YAML_SOURCE LIST_DIRECTORIES true "${LLMOS_CACHE}/src/yaml-cpp-*")
  if(LLMOS_FUZZ AND LLMOS_YAML_SOURCE)
    # Fuzzing: yaml-cpp from its Debian source (fetched by make setup),
    # compiled with the fuzzer's instrumentation so coverage reaches into it.
    list(GET LLMOS_YAML_SOURCE 0 LLMOS_YAML_SOURCE)
    set(YAML_CPP_BUILD_TOOLS OFF CACHE BOOL "" FORCE)
    set(YAML_CPP_BUILD_TESTS OFF CACHE BOOL "" FORCE)
    set(YAML_BUILD_SHARED_LIBS OFF CACHE BOOL "" FORCE)
    add_subdirectory("${LLMOS_YAML_SOURCE}" "${CMAKE_BINARY_DIR}/yaml-cpp" EXCLUDE_FROM_ALL)
    # Its headers are third-party: no project warnings from them.
    get_target_property(LLMOS_YAML_INCLUDES yaml-cpp INTERFACE_INCLUDE_DIRECTORIES)
    set_target_properties(yaml-cpp PROPERTIES INTERFACE_SYSTEM_INCLUDE_DIRECTORIES "${LLMOS_YAML_INCLUDES}")
  else()
    find_package(yaml-cpp 0.7 REQUIRED)
  endif()
  target_link_libraries(llmos_yaml INTERFACE yaml-cpp)
  if(LLMOS_BUILD_TESTS)
    find_package(GTest REQUIRED)
  endif()
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
  pkg_check_modules(LIBGIT2 REQUIRED IMPORTED_TARGET libgit2)
  find_package(CLI11 2.1 REQUIRED CONFIG)
  find_package(ZLIB REQUIRED)
  find_package(Threads REQUIRED)
endif()
