# Coverage of an instrumented build (SEALSIM_COVERAGE=ON, scripts/build coverage):
#   coverage-report  writes the gcovr HTML report and text/JSON summaries under reports/coverage/
#                    from the counts the last test run left (scripts/test and scripts/coverage run
#                    the tests first, then this);
#   coverage         runs every test suite but the `long` ones, then coverage-report.
if(SEALSIM_COVERAGE)
  find_program(GCOVR gcovr REQUIRED)
  set(coverage_dir ${PROJECT_SOURCE_DIR}/reports/coverage)
  add_custom_target(coverage-report
    COMMAND ${CMAKE_COMMAND} -E make_directory ${coverage_dir}
    COMMAND ${GCOVR} --root ${PROJECT_SOURCE_DIR} --object-directory ${PROJECT_BINARY_DIR}
            --filter ${PROJECT_SOURCE_DIR}/model/ --filter ${PROJECT_SOURCE_DIR}/chain-mock/
            --filter ${PROJECT_SOURCE_DIR}/sealing/ --filter ${PROJECT_SOURCE_DIR}/scenarios/
            --filter ${PROJECT_SOURCE_DIR}/vectors/ --filter ${PROJECT_SOURCE_DIR}/cli/
            --exclude-unreachable-branches --exclude-throw-branches
            # gcov prints negative branch counts for code run on several threads at once
            # (multi-threaded CommP and labeling); those lines are skipped, not fatal.
            --gcov-ignore-parse-errors
            -j ${SEALSIM_COVERAGE_JOBS}
            --html-details ${coverage_dir}/index.html
            --txt ${coverage_dir}/summary.txt --json-summary ${coverage_dir}/summary.json
            --print-summary
            # Only this tree's counts: another instrumented tree under the source root would mix in.
            ${PROJECT_BINARY_DIR}
    WORKING_DIRECTORY ${PROJECT_BINARY_DIR}
    COMMENT "Writing reports/coverage/ from the last test run"
    USES_TERMINAL VERBATIM)
  add_custom_target(coverage
    COMMAND ${CMAKE_CTEST_COMMAND} --output-on-failure -j ${SEALSIM_COVERAGE_JOBS} -LE long
    COMMAND ${CMAKE_COMMAND} --build ${PROJECT_BINARY_DIR} --target coverage-report
    WORKING_DIRECTORY ${PROJECT_BINARY_DIR}
    COMMENT "Running the tests and writing reports/coverage/"
    USES_TERMINAL VERBATIM)
else()
  foreach(target coverage coverage-report)
    add_custom_target(${target}
      COMMAND ${CMAKE_COMMAND} -E echo "${target} needs -DSEALSIM_COVERAGE=ON (scripts/coverage does this)"
      COMMAND ${CMAKE_COMMAND} -E false)
  endforeach()
endif()
