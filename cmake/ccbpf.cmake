# ccBPF programs built into board images: the host `ccbpf` tool, built in a board's build
# tree with the machine's own g++, compiles them at build time and
# tests/ccbpf/target/embed_corpus.py turns sources, images and gcc's outputs into a C++
# include.

# Writes DIR/ccbpf_usage.inc: tools/ccbpf/usage.txt, the one copy of the tool's usage text
# (./tern ccbpf --help prints the file itself), as a string literal for main.cpp.
function(tern_ccbpf_usage_inc dir)
  set(usage ${PROJECT_SOURCE_DIR}/tools/ccbpf/usage.txt)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${usage})
  file(READ ${usage} text)
  file(CONFIGURE OUTPUT ${dir}/ccbpf_usage.inc CONTENT "R\"tern_usage(${text})tern_usage\"\n" @ONLY)
endfunction()

# Builds (once per build tree) ${CMAKE_BINARY_DIR}/host-tools/ccbpf; target ccbpf_host_tool.
function(tern_ccbpf_host_tool out_var)
  set(tool ${CMAKE_BINARY_DIR}/host-tools/ccbpf)
  set(${out_var} ${tool} PARENT_SCOPE)
  if(TARGET ccbpf_host_tool)
    return()
  endif()
  find_program(TERN_HOST_CXX NAMES g++ c++ REQUIRED)
  file(GLOB core CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/ccbpf/*.cpp)
  list(APPEND core ${PROJECT_SOURCE_DIR}/src/util/crc32.cpp)
  file(GLOB headers CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/ccbpf/*.hpp
    ${PROJECT_SOURCE_DIR}/include/tern/ccbpf/*.hpp ${PROJECT_SOURCE_DIR}/tools/ccbpf/*.hpp
    ${PROJECT_SOURCE_DIR}/include/tern/util/*.hpp)
  set(tool_sources ${PROJECT_SOURCE_DIR}/tools/ccbpf/host_runtime.cpp
    ${PROJECT_SOURCE_DIR}/tools/ccbpf/runner.cpp ${PROJECT_SOURCE_DIR}/tools/ccbpf/report.cpp
    ${PROJECT_SOURCE_DIR}/tools/ccbpf/main.cpp)
  tern_ccbpf_usage_inc(${CMAKE_BINARY_DIR}/host-tools)
  add_custom_command(OUTPUT ${tool}
    COMMAND ${TERN_HOST_CXX} -std=c++20 -O1 -I${PROJECT_SOURCE_DIR}/include
            -I${PROJECT_SOURCE_DIR}/tools/ccbpf -I${CMAKE_BINARY_DIR}/host-tools
            ${core} ${tool_sources} -o ${tool}
    DEPENDS ${core} ${headers} ${tool_sources} ${PROJECT_SOURCE_DIR}/tools/ccbpf/usage.txt
    COMMENT "ccbpf: building the host tool for embedding programs")
  add_custom_target(ccbpf_host_tool DEPENDS ${tool})
endfunction()

# tern_ccbpf_embed(TARGET OUTPUT STACK bytes [MEMORY bytes] [SOURCES] [IMAGES] PROGRAMS ...)
# Generates OUTPUT (a .inc for tests/ccbpf/target/corpus.cpp's tables) before TARGET builds.
function(tern_ccbpf_embed target)
  cmake_parse_arguments(A "SOURCES;IMAGES" "OUTPUT;STACK;MEMORY" "PROGRAMS" ${ARGN})
  tern_ccbpf_host_tool(tool)
  find_program(TERN_HOST_CC NAMES gcc cc REQUIRED)
  set(flags --stack ${A_STACK})
  if(A_MEMORY)
    list(APPEND flags --memory ${A_MEMORY})
  endif()
  if(A_SOURCES)
    list(APPEND flags --sources)
  endif()
  if(A_IMAGES)
    list(APPEND flags --images)
  endif()
  set(script ${PROJECT_SOURCE_DIR}/tests/ccbpf/target/embed_corpus.py)
  add_custom_command(OUTPUT ${A_OUTPUT}
    COMMAND python3 ${script} --ccbpf ${tool} --gcc ${TERN_HOST_CC}
            --include ${PROJECT_SOURCE_DIR}/include --out ${A_OUTPUT} ${flags} ${A_PROGRAMS}
    DEPENDS ${tool} ${script} ${A_PROGRAMS} ${PROJECT_SOURCE_DIR}/include/ccbpf.h
    COMMENT "ccbpf: embedding programs for ${target}")
  get_filename_component(dir ${A_OUTPUT} DIRECTORY)
  target_sources(${target} PRIVATE ${A_OUTPUT})
  set_source_files_properties(${A_OUTPUT} PROPERTIES HEADER_FILE_ONLY ON)
  target_include_directories(${target} PRIVATE ${dir})
  add_dependencies(${target} ccbpf_host_tool)
endfunction()
