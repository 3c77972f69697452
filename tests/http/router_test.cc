#include "http/router.h"

#include <gtest/gtest.h>

namespace shortlist::http {
namespace {

Handler Named(std::string name) {
  return [name](const Request&, const Caller*) {
    Response r;
    r.body = name;
    return r;
  };
}

TEST(Router, MatchesLiteralsAndCapturesParameters) {
  Router router;
  router.Add({"POST", "/api/v1/jobs/bulk", Named("bulk"), true, ""});
  router.Add({"GET", "/api/v1/jobs/{job_id}", Named("get"), true, ""});
  router.Add({"GET", "/api/v1/jobs/{job_id}/results", Named("results"), true, ""});

  auto m = router.Find("GET", "/api/v1/jobs/42/results");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->handler(Request{}, nullptr).body, "results");
  EXPECT_EQ(m.params.at("job_id"), "42");

  m = router.Find("POST", "/api/v1/jobs/bulk");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->handler(Request{}, nullptr).body, "bulk");
}

TEST(Router, DistinguishesUnknownPathFromWrongMethod) {
  Router router;
  router.Add({"GET", "/api/v1/jobs/{job_id}", Named("get"), true, ""});
  auto wrong_method = router.Find("DELETE", "/api/v1/jobs/1");
  EXPECT_EQ(wrong_method.route, nullptr);
  EXPECT_TRUE(wrong_method.path_known);
  auto unknown = router.Find("GET", "/api/v1/nothing/here");
  EXPECT_EQ(unknown.route, nullptr);
  EXPECT_FALSE(unknown.path_known);
  EXPECT_EQ(router.Find("GET", "/api/v1/jobs/1/extra").route, nullptr);
}

}  // namespace
}  // namespace shortlist::http
