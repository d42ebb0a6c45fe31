# Third-party notices of the web output: one text file assembled at build
# time from each shipped package's own licence file (npm packages: their
# LICENSE* files, or the system copy of the licence their package.json names
# when they ship none; Debian packages: their licence file or their
# /usr/share/doc/<package>/copyright). Nothing here is hand-copied licence
# text: a missing source file stops the build.
#   include(BundleNotices.cmake); bundle_notices(<output file> <node_modules> <repo> <cache>)

set(_notice_rule "================================================================================")

# Appends one package's section: a heading, where the text comes from, then
# the text of each licence file.
function(_notice_section output heading note)
  set(files ${ARGN})
  if(NOT files)
    message(FATAL_ERROR "AssembleBundle: no licence file for ${heading}")
  endif()
  set(section "${_notice_rule}\n${heading}\n")
  if(note)
    string(APPEND section "${note}\n")
  endif()
  foreach(file ${files})
    if(NOT EXISTS "${file}")
      message(FATAL_ERROR "AssembleBundle: licence file ${file} of ${heading} is missing")
    endif()
    file(READ "${file}" text)
    string(APPEND section "${_notice_rule}\n(from ${file})\n\n${text}\n")
  endforeach()
  file(APPEND "${output}" "${section}\n")
endfunction()

# One npm package (and, with RECURSIVE, everything in its "dependencies":
# the packages its browser build bundles).
function(_notice_npm output modules package)
  cmake_parse_arguments(ARG "RECURSIVE" "NOTE" "" ${ARGN})
  set(dir "${modules}/${package}")
  file(READ "${dir}/package.json" manifest)
  string(JSON version GET "${manifest}" version)
  string(JSON licence ERROR_VARIABLE no_licence GET "${manifest}" license)
  file(GLOB licence_files LIST_DIRECTORIES false "${dir}/LICENSE*" "${dir}/LICENCE*" "${dir}/COPYING*")
  list(SORT licence_files)
  set(note "npm package ${package} ${version}, licence ${licence}")
  if(NOT licence_files)
    # Some packages (Pyodide) ship no licence file: take the system's copy of
    # the licence their package.json names.
    set(licence_files "/usr/share/common-licenses/${licence}")
    string(APPEND note " (the package ships no licence file: the text below is Debian's copy of ${licence})")
  endif()
  if(ARG_NOTE)
    string(APPEND note "\n${ARG_NOTE}")
  endif()
  _notice_section("${output}" "${package} ${version}" "${note}" ${licence_files})
  if(ARG_RECURSIVE)
    string(JSON count ERROR_VARIABLE no_dependencies LENGTH "${manifest}" dependencies)
    if(NOT no_dependencies AND count GREATER 0)
      math(EXPR last "${count} - 1")
      foreach(i RANGE ${last})
        string(JSON dependency MEMBER "${manifest}" dependencies ${i})
        get_property(done GLOBAL PROPERTY _llmos_notice_done)
        if(NOT dependency IN_LIST done)
          set_property(GLOBAL APPEND PROPERTY _llmos_notice_done "${dependency}")
          _notice_npm("${output}" "${modules}" "${dependency}" RECURSIVE)
        endif()
      endforeach()
    endif()
  endif()
endfunction()

# The one unpacked Debian source tree <cache>/src/<name>-*.
function(_debian_source result cache name)
  file(GLOB trees LIST_DIRECTORIES true "${cache}/src/${name}-*")
  list(FILTER trees EXCLUDE REGEX "\\.tar\\.")
  list(LENGTH trees count)
  if(NOT count EQUAL 1)
    message(FATAL_ERROR "AssembleBundle: expected one Debian source tree ${cache}/src/${name}-*, found: ${trees}")
  endif()
  set(${result} "${trees}" PARENT_SCOPE)
endfunction()

function(bundle_notices output modules repo cache)
  file(WRITE "${output}"
       "LLMos-Lite Workbench: notices of everything in this bundle\n"
       "Assembled at build time from each package's own licence file.\n\n")
  set_property(GLOBAL PROPERTY _llmos_notice_done "")
  _notice_section("${output}" "LLMos-Lite Workbench (this project)" "" "${repo}/LICENSE")

  # The wasm app: our code compiled with Emscripten (its JS runtime, libc,
  # libc++ and GLFW emulation are linked in), Dear ImGui, yaml-cpp,
  # nlohmann/json, and the DejaVu Sans font embedded in llmos.wasm.
  _debian_source(imgui "${cache}" imgui)
  _notice_section("${output}" "Dear ImGui (in llmos.wasm)" "Debian source package ${imgui}" "${imgui}/LICENSE.txt")
  _debian_source(yaml "${cache}" yaml-cpp)
  _notice_section("${output}" "yaml-cpp (in llmos.wasm)" "Debian source package ${yaml}" "${yaml}/LICENSE")
  _notice_section("${output}" "nlohmann/json (in llmos.wasm)" "Debian package nlohmann-json3-dev"
                  "/usr/share/doc/nlohmann-json3-dev/copyright")
  _notice_section("${output}" "DejaVu fonts (DejaVu Sans, embedded in llmos.wasm)" "Debian package fonts-dejavu-core"
                  "/usr/share/doc/fonts-dejavu-core/copyright")
  _notice_section("${output}" "Emscripten runtime, libc (musl), libc++ (in llmos.js, llmos.wasm, ngspice.wasm and runtimes/runtime-math.wasm)"
                  "Debian package emscripten" "/usr/share/doc/emscripten/copyright")

  # Runtimes from npm.
  _notice_npm("${output}" "${modules}" pyodide
              NOTE "Pyodide's runtime holds CPython; its licence follows.")
  _notice_section("${output}" "CPython (inside Pyodide: pyodide.asm.wasm, python_stdlib.zip)"
                  "The PSF licence as Debian's python3.11 ships it (the same terms for Pyodide's CPython)"
                  "/usr/lib/python3.11/LICENSE.txt")
  _notice_npm("${output}" "${modules}" three)
  _notice_npm("${output}" "${modules}" d3 RECURSIVE NOTE
              "d3.min.js bundles the d3 modules below; the packages only d3-dsv's command-line tools use (commander, iconv-lite, rw) are listed as well.")
  _notice_npm("${output}" "${modules}" ses RECURSIVE)

  # ngspice.wasm, when the bundle carries it.
  if(EXISTS "${cache}/src" AND NGSPICE_IN_BUNDLE)
    _debian_source(ngspice "${cache}" ngspice)
    _notice_section("${output}" "ngspice (ngspice.wasm)" "Debian source package ${ngspice}" "${ngspice}/COPYING")
    # third_party/ngspice/module.sh links glibc's sin and cos (for results bit-identical to native ngspice).
    file(GLOB glibc_tarball "${cache}/downloads/glibc_*.orig.tar.xz")
    if(NOT glibc_tarball)
      message(FATAL_ERROR "AssembleBundle: glibc's source tarball (ngspice's sin/cos) is not in ${cache}/downloads")
    endif()
    get_filename_component(glibc_notes "${output}.glibc" ABSOLUTE)
    file(REMOVE_RECURSE "${glibc_notes}")
    file(ARCHIVE_EXTRACT INPUT "${glibc_tarball}" DESTINATION "${glibc_notes}" PATTERNS "glibc-*/COPYING.LIB")
    file(GLOB glibc_licence "${glibc_notes}/glibc-*/COPYING.LIB")
    get_filename_component(glibc_name "${glibc_tarball}" NAME)
    _notice_section("${output}" "GNU C Library: sin and cos (in ngspice.wasm)" "Debian source package ${glibc_name}"
                    "${glibc_licence}")
    file(REMOVE_RECURSE "${glibc_notes}")
  endif()
endfunction()
