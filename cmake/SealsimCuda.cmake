# The CUDA proof path is optional: it is built only when nvcc is found, and everything else builds
# and tests without it.
set(SEALSIM_HAVE_CUDA OFF)
if(SEALSIM_CUDA)
  include(CheckLanguage)
  if(NOT CMAKE_CUDA_COMPILER AND EXISTS /usr/local/cuda/bin/nvcc)
    set(CMAKE_CUDA_COMPILER /usr/local/cuda/bin/nvcc)
  endif()
  check_language(CUDA)
  if(CMAKE_CUDA_COMPILER)
    enable_language(CUDA)
    # CMake 3.25 knows nvcc's flags only up to C++17; nvcc 12+ accepts -std=c++20, which the model
    # headers (std::span, operator<=>) need.
    if(NOT CMAKE_CUDA20_STANDARD_COMPILE_OPTION AND CMAKE_CUDA_COMPILER_VERSION VERSION_GREATER_EQUAL 12)
      set(CMAKE_CUDA20_STANDARD_COMPILE_OPTION "-std=c++20")
      set(CMAKE_CUDA20_EXTENSION_COMPILE_OPTION "-std=c++20")
    endif()
    # sm_90 (H100/H200) machine code plus PTX for newer GPUs.
    set(SEALSIM_CUDA_ARCHITECTURES "90-real;90-virtual" CACHE STRING "CUDA architectures of gpu/")
    set(SEALSIM_HAVE_CUDA ON)
  endif()
endif()
message(STATUS "sealsim: CUDA proof path ${SEALSIM_HAVE_CUDA}")
