// PostgreSQL for tests: a fresh, empty schema per call in the server that scripts/with-postgres
// started (SHORTLIST_TEST_POSTGRES_URL). The returned URL sets search_path to that schema, so
// every table the code under test creates lands there and tests never see each other's rows.
//
// Without SHORTLIST_TEST_POSTGRES_URL the call fails the test with the command to run: the
// PostgreSQL tests are never skipped (scripts/test and CI run them under with-postgres).
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <random>
#include <string>

#include "store/pg_db.h"

namespace shortlist::testing {

// The server's URL, or "" after recording a test failure.
inline std::string TestPostgresServerUrl() {
  const char* url = std::getenv("SHORTLIST_TEST_POSTGRES_URL");
  if (url == nullptr || *url == '\0') {
    ADD_FAILURE() << "SHORTLIST_TEST_POSTGRES_URL is not set: run the tests under "
                     "./scripts/with-postgres (./scripts/test does)";
    return "";
  }
  return url;
}

// Creates a new schema and returns a URL whose connections use it; "" on failure.
inline std::string FreshPostgresDatabase() {
  std::string server = TestPostgresServerUrl();
  if (server.empty()) return "";
  static std::atomic<int> counter{0};
  std::random_device random;
  std::string schema =
      "t_" + std::to_string(random() % 1000000000) + "_" + std::to_string(counter.fetch_add(1));
  try {
    store::PgConnection admin(server);
    admin.Exec("CREATE SCHEMA " + schema);
  } catch (const store::PgError& e) {
    ADD_FAILURE() << "cannot create a test schema: " << e.what();
    return "";
  }
  return server + (server.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" +
         schema;
}

}  // namespace shortlist::testing
