# Cross-compiling for 64-bit ARM Linux with Debian's g++-aarch64-linux-gnu; used
# by tools/build-static arm64, which unpacks the arm64 -dev packages into a
# sysroot and names it in $ROLELINT_SYSROOT (an environment variable, so that
# CMake's try_compile projects see it too).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
set(CMAKE_ASM_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)
if(DEFINED ENV{ROLELINT_SYSROOT})
  # Libraries only from the target's sysroot; headers and package files there
  # first, then the build machine's (nlohmann/json and CLI11 are header-only).
  set(CMAKE_FIND_ROOT_PATH $ENV{ROLELINT_SYSROOT})
  set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
  set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
  set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)
  set(CMAKE_CXX_FLAGS_INIT "-isystem $ENV{ROLELINT_SYSROOT}/usr/include")
endif()
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
