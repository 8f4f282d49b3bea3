#pragma once
// The one place that includes cpp-httplib: only src/server/http_server.cpp and the server tests include
// this header. Debian ships cpp-httplib 0.11.4 as a shared library (libcpp-httplib.so, linked by
// CMakeLists.txt through pkg-config, which also supplies the CPPHTTPLIB_*_SUPPORT macros the library was
// built with, so the class layouts seen here match the library's).
#include <httplib.h>
