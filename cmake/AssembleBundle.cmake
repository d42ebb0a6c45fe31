# Assembles the web output (what `llmos serve` serves and the offline bundle
# holds): the HTML shell and JS, the wasm app, the runtimes from node_modules
# (Pyodide, three.js, d3) and the skills. Nothing is fetched from a network.
#   cmake -DREPO=<repo> -DWASM_BUILD=<build/wasm> -DOUT=<build/web> -P cmake/AssembleBundle.cmake
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

file(MAKE_DIRECTORY "${OUT}")
file(COPY "${REPO}/web/" DESTINATION "${OUT}")
copy_required("${WASM_BUILD}/app/llmos.js" "${OUT}")
copy_required("${WASM_BUILD}/app/llmos.wasm" "${OUT}")

set(modules "${REPO}/node_modules")
foreach(file pyodide.mjs pyodide.js pyodide.asm.js pyodide.asm.wasm python_stdlib.zip pyodide-lock.json package.json)
  copy_required("${modules}/pyodide/${file}" "${OUT}/vendor/pyodide")
endforeach()
foreach(file three.module.js three.core.js)
  copy_required("${modules}/three/build/${file}" "${OUT}/vendor/three")
endforeach()
copy_required("${modules}/d3/dist/d3.min.js" "${OUT}/vendor/d3")
# Hardened JavaScript for the JS skill sandbox (lockdown + Compartment).
copy_required("${modules}/ses/dist/ses.umd.min.js" "${OUT}/vendor/ses")

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
message(STATUS "Web output in ${OUT} (${count} skill files)")
