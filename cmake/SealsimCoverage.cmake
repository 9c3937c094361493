# `cmake --build <dir> --target coverage` runs the test suites in an instrumented build and writes
# a gcovr HTML report and a text summary under reports/coverage/.
if(SEALSIM_COVERAGE)
  find_program(GCOVR gcovr REQUIRED)
  set(coverage_dir ${PROJECT_SOURCE_DIR}/reports/coverage)
  add_custom_target(coverage
    COMMAND ${CMAKE_COMMAND} -E make_directory ${coverage_dir}
    COMMAND ${CMAKE_CTEST_COMMAND} --output-on-failure -LE "large|long"
    COMMAND ${GCOVR} --root ${PROJECT_SOURCE_DIR} --object-directory ${PROJECT_BINARY_DIR}
            --filter ${PROJECT_SOURCE_DIR}/model/ --filter ${PROJECT_SOURCE_DIR}/chain-mock/
            --filter ${PROJECT_SOURCE_DIR}/sealing/ --filter ${PROJECT_SOURCE_DIR}/scenarios/
            --filter ${PROJECT_SOURCE_DIR}/vectors/ --filter ${PROJECT_SOURCE_DIR}/cli/
            --exclude-unreachable-branches --exclude-throw-branches
            # gcov prints negative branch counts for code run on several threads at once
            # (multi-threaded CommP and labeling); those lines are skipped, not fatal.
            --gcov-ignore-parse-errors
            --html-details ${coverage_dir}/index.html
            --txt ${coverage_dir}/summary.txt --json-summary ${coverage_dir}/summary.json
            --print-summary
    WORKING_DIRECTORY ${PROJECT_BINARY_DIR}
    COMMENT "Running tests and writing reports/coverage/"
    USES_TERMINAL VERBATIM)
else()
  add_custom_target(coverage
    COMMAND ${CMAKE_COMMAND} -E echo "coverage needs -DSEALSIM_COVERAGE=ON (scripts/coverage does this)"
    COMMAND ${CMAKE_COMMAND} -E false)
endif()
