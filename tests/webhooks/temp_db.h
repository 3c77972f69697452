// A database file in a fresh temporary directory, removed with the object.
#pragma once

#include <filesystem>
#include <string>

#include "common/crypto.h"

namespace shortlist::webhooks::testing {

class TempDb {
 public:
  TempDb() : dir_(std::filesystem::temp_directory_path() / ("shortlist-webhooks-" + RandomHex(8))) {
    std::filesystem::create_directories(dir_);
  }
  ~TempDb() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  std::string path() const { return (dir_ / "shortlist.db").string(); }

 private:
  std::filesystem::path dir_;
};

}  // namespace shortlist::webhooks::testing
