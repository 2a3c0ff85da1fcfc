# The unit tests again, in a tree of their own (build/sanitize) built with
# address and undefined-behaviour sanitizers (tests/sanitize/run.sh): a memory
# error, a leak or undefined behaviour in the tests or in a gpress process they
# start fails it. Only where CI=true or GPRESS_SANITIZED=1, skipped elsewhere:
# its first build compiles everything again (README.md gives the times).
add_test(NAME sanitized-unit-tests COMMAND ${CMAKE_SOURCE_DIR}/tests/sanitize/run.sh ${CMAKE_BINARY_DIR}/sanitize)
set_tests_properties(sanitized-unit-tests PROPERTIES ENVIRONMENT "CTEST_SKIP_UNLESS_ASKED=1" SKIP_RETURN_CODE 77
                                                     TIMEOUT 3600)
