# Assembles the web output (what `llmos serve` serves and the offline bundle
# holds): the HTML shell and JS, the wasm app, the runtimes from node_modules
# (Pyodide, three.js, d3, ses), ngspice.wasm from the cache and the skills, then the third-party notices,
# the manifest (bundle.json) and the service worker that caches it all.
# Nothing is fetched from a network. With -DDIST=<dir> the same files also go
# to <dir> with <dir>/llmos-workbench.zip (the offline bundle).
#   cmake -DREPO=<repo> -DWASM_BUILD=<build/wasm> -DOUT=<build/web> [-DDIST=<dist>] -P cmake/AssembleBundle.cmake
cmake_minimum_required(VERSION 3.21)  # policies: IN_LIST, file(COPY_FILE)
foreach(var REPO WASM_BUILD OUT)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "AssembleBundle: -D${var}= is required")
  endif()
endforeach()

function(copy_required source destination)
  if(NOT EXISTS "${source}")
    message(FATAL_ERROR "AssembleBundle: missing ${source} (did set-up and the wasm build run?)")
  endif()
  file(COPY "${source}" DESTINATION "${destination}")
endfunction()

if(DEFINED ENV{LLMOS_CACHE})
  set(cache "$ENV{LLMOS_CACHE}")
else()
  set(cache "$ENV{HOME}/.cache/llmos")
endif()
include("${CMAKE_CURRENT_LIST_DIR}/BundleNotices.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/BundleManifest.cmake")

# From scratch: files of an earlier build must not linger in the manifest.
file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${OUT}")
file(COPY "${REPO}/web/" DESTINATION "${OUT}")
copy_required("${WASM_BUILD}/app/llmos.js" "${OUT}")
copy_required("${WASM_BUILD}/app/llmos.wasm" "${OUT}")
# libm of the JavaScript skill sandbox (web/runtimes/deterministic-math.js).
copy_required("${WASM_BUILD}/app/runtime-math.wasm" "${OUT}/runtimes")

set(modules "${REPO}/node_modules")
# Pyodide: only the files it loads. package.json tells Node that
# pyodide.asm.js is CommonJS; pyodide.esm.js is pyodide.mjs under a name every
# static server sends as JavaScript (Python 3.11's http.server sends .mjs as
# application/octet-stream, which a module import refuses).
foreach(file pyodide.mjs pyodide.asm.js pyodide.asm.wasm python_stdlib.zip pyodide-lock.json package.json)
  copy_required("${modules}/pyodide/${file}" "${OUT}/vendor/pyodide")
endforeach()
file(COPY_FILE "${modules}/pyodide/pyodide.mjs" "${OUT}/vendor/pyodide/pyodide.esm.js")
foreach(file three.module.js three.core.js)
  copy_required("${modules}/three/build/${file}" "${OUT}/vendor/three")
endforeach()
copy_required("${modules}/d3/dist/d3.min.js" "${OUT}/vendor/d3")
# Hardened JavaScript for the JS skill sandbox (lockdown + Compartment).
copy_required("${modules}/ses/dist/ses.umd.min.js" "${OUT}/vendor/ses")

# ngspice.wasm, built from Debian's source package by third_party/ngspice/.
# The recipes print their cached output directory (in about a second when
# cached), so the bundle never takes another checkout's build.
execute_process(
  COMMAND bash -c "\"$1/module.sh\" \"$(\"$1/library.sh\")\"" bash "${REPO}/third_party/ngspice"
  OUTPUT_VARIABLE ngspice_prefix RESULT_VARIABLE ngspice_status OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT ngspice_status EQUAL 0)
  message(FATAL_ERROR "AssembleBundle: third_party/ngspice could not provide ngspice.wasm")
endif()
foreach(file ngspice.mjs ngspice.wasm)
  copy_required("${ngspice_prefix}/${file}" "${OUT}/vendor/ngspice")
endforeach()
file(COPY_FILE "${ngspice_prefix}/ngspice.mjs" "${OUT}/vendor/ngspice/ngspice.esm.js")  # as pyodide.esm.js above

# Skills: the system volume, plus an index so the page can list them offline.
file(REMOVE_RECURSE "${OUT}/skills")
file(COPY "${REPO}/skills/" DESTINATION "${OUT}/skills")
file(GLOB_RECURSE skill_files RELATIVE "${REPO}/skills" "${REPO}/skills/*.md" "${REPO}/skills/*.json"
     "${REPO}/skills/*.py")
list(SORT skill_files)
set(index "")
foreach(file ${skill_files})
  if(index)
    string(APPEND index ",\n")
  endif()
  string(APPEND index "  \"${file}\"")
endforeach()
file(WRITE "${OUT}/skills/index.json" "[\n${index}\n]\n")
list(LENGTH skill_files count)

if(EXISTS "${OUT}/vendor/ngspice")
  set(NGSPICE_IN_BUNDLE ON)
endif()
bundle_notices("${OUT}/THIRD_PARTY_NOTICES.txt" "${modules}" "${REPO}" "${cache}")
bundle_manifest("${OUT}")
math(EXPR megabytes "${BUNDLE_BYTES} / 1000000")
message(STATUS "Web output in ${OUT}: ${BUNDLE_FILES} files, ${megabytes} MB, version ${BUNDLE_VERSION} (${count} skill files)")

# The offline bundle: the same files in DIST, and zipped in one folder.
if(DEFINED DIST)
  file(REMOVE_RECURSE "${DIST}")
  file(COPY "${OUT}/" DESTINATION "${DIST}")
  get_filename_component(stage "${DIST}/../.bundle-stage" ABSOLUTE)
  file(REMOVE_RECURSE "${stage}")
  file(COPY "${OUT}/" DESTINATION "${stage}/llmos-workbench")
  execute_process(COMMAND "${CMAKE_COMMAND}" -E tar cf "${DIST}/llmos-workbench.zip" --format=zip
                          "--mtime=2000-01-01 00:00:00" llmos-workbench
                  WORKING_DIRECTORY "${stage}" RESULT_VARIABLE zipped)
  file(REMOVE_RECURSE "${stage}")
  if(NOT zipped EQUAL 0)
    message(FATAL_ERROR "AssembleBundle: zipping ${DIST} failed")
  endif()
  file(SIZE "${DIST}/llmos-workbench.zip" zip_bytes)
  math(EXPR zip_megabytes "${zip_bytes} / 1000000")
  message(STATUS "Offline bundle in ${DIST} and ${DIST}/llmos-workbench.zip (${zip_megabytes} MB)")
endif()
