# Writes gpress.1.gz, the man page, from the program's own --help: the main
# help through help2man, and each command's --help (with its examples) as a
# section of its own. Run by the build, not by hand.
#   cmake -DGPRESS=path/to/gpress -DHELP2MAN=... -DOUTPUT=gpress.1 -P manpage.cmake
set(include_file "${OUTPUT}.include")
set(text "[COMMANDS]\n")
foreach(command init build check serve new import)
  execute_process(COMMAND "${GPRESS}" ${command} --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "gpress ${command} --help failed")
  endif()
  # Lines starting with a dot or a quote are roff requests: keep them text.
  string(REGEX REPLACE "\n([.'])" "\n\\\\&\\1" help "${help}")
  string(APPEND text ".SS gpress ${command}\n.nf\n${help}.fi\n")
endforeach()
string(APPEND text "\n[SEE ALSO]\nThe documentation in /usr/share/doc/gpress/ (README.md and docs/*.md).\n")
file(WRITE "${include_file}" "${text}")
execute_process(
  COMMAND "${HELP2MAN}" --no-info --no-discard-stderr --section 1
    --name "build a General Practice Resilience Programme's toolkit, data packs and reports"
    --include "${include_file}" --output "${OUTPUT}" "${GPRESS}"
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "help2man failed")
endif()
execute_process(COMMAND gzip -9nf "${OUTPUT}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "gzip failed")
endif()
