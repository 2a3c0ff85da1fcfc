# Installing gpress, and its Debian package: `cmake --build build --target
# package` (cpack) writes build/gpress_<version>_<arch>.deb with
#
#   /usr/bin/gpress                      the program (templates and assets compiled in)
#   /usr/lib/gpress/pagefind             Pagefind, the search indexer gpress runs
#   /usr/share/gpress/templates/         the built-in templates, to copy and override
#   /usr/share/doc/gpress/               README.md and docs/
#   /usr/share/man/man1/gpress.1.gz      the man page, made from --help
include(GNUInstallDirs)
install(TARGETS gpress RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY "${CMAKE_SOURCE_DIR}/templates/" DESTINATION ${CMAKE_INSTALL_DATADIR}/gpress/templates)
install(FILES "${CMAKE_SOURCE_DIR}/README.md" DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY "${CMAKE_SOURCE_DIR}/docs/" DESTINATION ${CMAKE_INSTALL_DOCDIR})

# Pagefind is a static executable from npm (@pagefind/<platform>); gpress
# looks for it at ../lib/gpress/pagefind beside its own executable.
file(GLOB GPRESS_PAGEFIND_FOUND "${CMAKE_SOURCE_DIR}/node_modules/@pagefind/linux-*/bin/pagefind_extended")
set(GPRESS_PAGEFIND "${GPRESS_PAGEFIND_FOUND}" CACHE FILEPATH "the Pagefind executable the package carries")
if(GPRESS_PAGEFIND)
  install(PROGRAMS "${GPRESS_PAGEFIND}" DESTINATION ${CMAKE_INSTALL_LIBDIR}/gpress RENAME pagefind)
else()
  message(WARNING "Pagefind not found (run `npm ci`): the package will not carry it, and gpress will say so at build time")
endif()

find_program(HELP2MAN help2man)
if(HELP2MAN)
  set(GPRESS_MANPAGE "${CMAKE_BINARY_DIR}/gpress.1")
  add_custom_command(
    OUTPUT "${GPRESS_MANPAGE}.gz"
    COMMAND ${CMAKE_COMMAND} "-DGPRESS=$<TARGET_FILE:gpress>" "-DHELP2MAN=${HELP2MAN}" "-DOUTPUT=${GPRESS_MANPAGE}"
      -P "${CMAKE_SOURCE_DIR}/cmake/manpage.cmake"
    DEPENDS gpress "${CMAKE_SOURCE_DIR}/cmake/manpage.cmake"
    COMMENT "Writing the man page from --help")
  add_custom_target(manpage ALL DEPENDS "${GPRESS_MANPAGE}.gz")
  install(FILES "${GPRESS_MANPAGE}.gz" DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
  message(WARNING "help2man not found (scripts/install-deps.sh installs it): no man page")
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME gpress)
set(CPACK_PACKAGE_VENDOR "gpress")
set(CPACK_PACKAGE_CONTACT "gpress maintainers <gpress@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "publishing generator for General Practice Resilience Programmes")
set(CPACK_PACKAGE_DESCRIPTION
    "gpress builds a toolkit site, per-practice data packs and options reports, and a quarterly thematic report from one project folder of Markdown, CSV and templates.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
# The shared libraries gpress links become Depends (dpkg-shlibdeps).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Only `gpress build --pdf` needs a browser to print with.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "chromium")
include(CPack)
