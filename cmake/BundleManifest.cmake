# The bundle's manifest: every file with its size and SHA-256, and a version
# that is a hash of all of them, so any change of content is a new version.
# Written as bundle.json (the page and tests read it) and baked into
# service-worker.js, whose bytes therefore change with every new build: that
# is what makes browsers install the new service worker on the next visit.
#   include(BundleManifest.cmake); bundle_manifest(<web output dir>)
cmake_minimum_required(VERSION 3.21)
set(_generated_files bundle.json service-worker.js)

function(bundle_manifest out)
  file(GLOB_RECURSE files LIST_DIRECTORIES false RELATIVE "${out}" "${out}/*")
  list(REMOVE_ITEM files ${_generated_files})
  list(SORT files)
  set(entries "")
  set(listing "")
  set(total 0)
  foreach(path ${files})
    if(path MATCHES "[\"\\\\]")
      message(FATAL_ERROR "AssembleBundle: unexpected character in file name ${path}")
    endif()
    file(SHA256 "${out}/${path}" digest)
    file(SIZE "${out}/${path}" bytes)
    math(EXPR total "${total} + ${bytes}")
    if(entries)
      string(APPEND entries ",\n")
    endif()
    string(APPEND entries "    {\"path\": \"${path}\", \"bytes\": ${bytes}, \"sha256\": \"${digest}\"}")
    string(APPEND listing "${path} ${digest}\n")
  endforeach()
  string(SHA256 version "${listing}")
  string(SUBSTRING "${version}" 0 16 version)
  list(LENGTH files count)
  set(manifest "{\n  \"version\": \"${version}\",\n  \"bytes\": ${total},\n  \"files\": [\n${entries}\n  ]\n}")
  # bundle.json is precached too, so an offline page can still read it.
  file(WRITE "${out}/bundle.json" "${manifest}\n")

  set(template "${out}/service-worker.js")
  file(READ "${template}" worker)
  set(placeholder "/* @LLMOS_BUNDLE@ */ null")
  string(FIND "${worker}" "${placeholder}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "AssembleBundle: ${template} has no '${placeholder}' to fill")
  endif()
  string(REPLACE "${placeholder}" "${manifest}" worker "${worker}")
  file(WRITE "${template}" "${worker}")
  set(BUNDLE_VERSION "${version}" PARENT_SCOPE)
  set(BUNDLE_FILES ${count} PARENT_SCOPE)
  set(BUNDLE_BYTES ${total} PARENT_SCOPE)
endfunction()

# Run on its own (cmake -DOUT=<dir> -P BundleManifest.cmake) it makes the
# manifest of a directory whose service-worker.js is still the template.
if(CMAKE_SCRIPT_MODE_FILE STREQUAL CMAKE_CURRENT_LIST_FILE)
  bundle_manifest("${OUT}")
  message(STATUS "${OUT}: version ${BUNDLE_VERSION}, ${BUNDLE_FILES} files, ${BUNDLE_BYTES} bytes")
endif()
