// Test helpers: read a fixture file, and one shared engine (Create() builds the automaton once).
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include "engine/engine.h"

namespace shortlist::engine::testing {

inline std::string ReadFixture(const std::string& name) {
  std::ifstream in(std::string(ENGINE_FIXTURES_DIR) + "/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline const Engine& SharedEngine() {
  static const std::unique_ptr<Engine> engine = Engine::Create();
  return *engine;
}

}  // namespace shortlist::engine::testing
