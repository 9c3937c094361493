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
    # sm_90 (H100/H200) machine code plus PTX for newer GPUs.
    if(NOT DEFINED CMAKE_CUDA_ARCHITECTURES)
      set(CMAKE_CUDA_ARCHITECTURES 90-real 90-virtual)
    endif()
    set(SEALSIM_HAVE_CUDA ON)
  endif()
endif()
message(STATUS "sealsim: CUDA proof path ${SEALSIM_HAVE_CUDA}")
