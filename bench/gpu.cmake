# The GPU benchmark, included from bench/CMakeLists.txt and directly by SEALSIM_GPU_ONLY builds.
if(SEALSIM_HAVE_CUDA)
  add_executable(sealsim_gpu_commp_bench ${PROJECT_SOURCE_DIR}/bench/gpu_commp_bench.cpp)
  target_link_libraries(sealsim_gpu_commp_bench PRIVATE sealsim_gpu sealsim_model CUDA::cudart)
  set_target_properties(sealsim_gpu_commp_bench PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/bench)
endif()
