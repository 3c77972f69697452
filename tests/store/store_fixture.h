// The store tests run against every backend: a fixture parameterized by the backend's name
// ("sqlite": a file in a fresh temp dir; "postgres": a fresh schema in the server that
// scripts/with-postgres started), with helpers to make accounts, jobs and candidates.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "../support/test_postgres.h"
#include "common/crypto.h"
#include "store/store.h"

namespace shortlist::store {

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (postgres()) {
      location_ = testing::FreshPostgresDatabase();
      ASSERT_FALSE(location_.empty());
    } else {
      dir_ = std::filesystem::temp_directory_path() / ("store_test_" + RandomHex(6));
      std::filesystem::create_directories(dir_);
      location_ = (dir_ / "db.sqlite").string();
    }
    store_ = OpenAnother();
    ASSERT_NE(store_, nullptr);
  }
  void TearDown() override {
    store_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  bool postgres() const { return GetParam() == "postgres"; }

  // Another Store on the same database: what a second process (the CLI, another server) has.
  std::unique_ptr<Store> OpenAnother() {
    auto opened = postgres() ? OpenPostgresStore(location_) : OpenSqliteStore(location_);
    EXPECT_TRUE(opened.ok()) << opened.error().message;
    if (!opened.ok()) return nullptr;
    return std::move(opened).value();
  }

  model::Account MakeAccount(const std::string& name) {
    auto a = store_->CreateAccount(name, name + "@example.com", model::Plan::kPro);
    EXPECT_TRUE(a.ok());
    return a.ok() ? *a : model::Account{};
  }

  model::Job MakeJob(std::int64_t account_id, int resumes) {
    model::NewJob j;
    j.account_id = account_id;
    j.title = "Engineer";
    j.description = "A description";
    for (int i = 0; i < resumes; ++i) {
      j.resumes.push_back({"r" + std::to_string(i) + ".txt", "", "text", "", ""});
    }
    auto job = store_->CreateJob(j, "", 1000);
    EXPECT_TRUE(job.ok()) << job.error().message;
    return job.ok() ? *job : model::Job{};
  }

  static model::CandidateRecord Candidate(int index, int score) {
    model::CandidateRecord c;
    c.index = index;
    c.score = score;
    c.qualified = score >= 60;
    c.analysis_json = "{}";
    return c;
  }

  std::filesystem::path dir_;
  std::string location_;
  std::unique_ptr<Store> store_;
};

}  // namespace shortlist::store
