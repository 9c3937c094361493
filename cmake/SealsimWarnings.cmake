# Compiler flags shared by every sealsim target, applied through the interface target below.
add_library(sealsim_flags INTERFACE)
target_compile_options(sealsim_flags INTERFACE
  $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
    -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual -Wimplicit-fallthrough>)
# GCC 12 reports -Wrestrict false positives inside libstdc++'s string concatenation
# (GCC bug 105329); the warning is kept for other compilers.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(sealsim_flags INTERFACE $<$<COMPILE_LANGUAGE:CXX>:-Wno-restrict>)
endif()
if(SEALSIM_WERROR)
  target_compile_options(sealsim_flags INTERFACE $<$<COMPILE_LANGUAGE:CXX>:-Werror>)
endif()
if(SEALSIM_COVERAGE)
  # No -g: gcov needs none, and debug information of the Boost.MSM tables would need tens of GB.
  # -Og, not -O0: this is the tree CI builds and tests (scripts/test), and -Og compiles faster
  # than -O0 here while keeping the line structure that gcov counts. Targets marked
  # SEALSIM_HOT_CODE (model/: SHA-256 trees, fr32, Poseidon, SDR) get -O2, or the sector-scale
  # tests would take many minutes each. CUDA sources are not instrumented (nvcc has no --coverage).
  target_compile_options(sealsim_flags INTERFACE
    $<$<COMPILE_LANGUAGE:CXX>:--coverage $<IF:$<BOOL:$<TARGET_PROPERTY:SEALSIM_HOT_CODE>>,-O2,-Og>>)
  target_link_options(sealsim_flags INTERFACE --coverage)
endif()
if(SEALSIM_SANITIZE)
  target_compile_options(sealsim_flags INTERFACE -fsanitize=address,undefined -fno-sanitize-recover=all
    -fno-omit-frame-pointer)
  target_link_options(sealsim_flags INTERFACE -fsanitize=address,undefined)
endif()

# Adds a component library whose headers are included from the repository root
# (#include "model/fr32.hpp").
function(sealsim_add_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPENDS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PUBLIC ${ARG_DEPENDS} PRIVATE sealsim_flags)
endfunction()
