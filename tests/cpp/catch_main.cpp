// Catch2's main, compiled once and shared by the test executable.
#define CATCH_CONFIG_MAIN
#include <catch.hpp>
