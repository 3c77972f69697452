// docs/openapi.yaml against the server it describes, as Redis checks its command table against
// its command docs. The route table comes from the real binary (`shortlist serve
// --print-routes`, which runs serve's own wiring and stops before listening); the document
// from the real server's GET /openapi.json. They must match both ways, method and path template
// alike: a route added without its entry in the spec fails here, naming it, and so does an
// entry whose route is gone. Then the security each operation declares is checked against what
// the server does without a token, and the document's shape against what OpenAPI 3 requires.
// Finally the YAML itself is read as strict OpenAPI tools read it (a duplicate key is an error)
// and validated against the OpenAPI 3.0 JSON Schema (tools/openapi_check.py).
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <utility>

#include <sys/wait.h>

#include "http_client.h"
#include "server_process.h"

namespace shortlist::testing {
namespace {

using nlohmann::json;
using Operation = std::pair<std::string, std::string>;  // {"GET", "/api/v1/jobs/{job_id}"}

const char* const kHttpMethods[] = {"get",   "put",     "post", "delete",
                                    "patch", "options", "head", "trace"};

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string Describe(const std::set<Operation>& ops) {
  std::string out;
  for (const auto& [method, path] : ops) out += "\n    " + method + " " + path;
  return out;
}

// `shortlist serve --print-routes`: one "METHOD PATTERN" line per registered route.
std::set<Operation> RegisteredRoutes(std::string* raw) {
  int code = RunCli({"serve", "--print-routes"}, raw);
  EXPECT_EQ(code, 0) << *raw;
  std::set<Operation> routes;
  std::istringstream lines(*raw);
  std::string method, pattern;
  while (lines >> method >> pattern) {
    EXPECT_TRUE(routes.insert({method, pattern}).second)
        << "registered twice: " << method << " " << pattern;
  }
  return routes;
}

std::set<Operation> SpecOperations(const json& spec) {
  std::set<Operation> ops;
  for (const auto& [path, item] : spec["paths"].items()) {
    for (const char* method : kHttpMethods) {
      if (item.contains(method)) ops.insert({Upper(method), path});
    }
  }
  return ops;
}

// Follows a local "$ref" ("#/components/parameters/JobId"); null when it does not resolve.
json Resolve(const json& spec, const json& node) {
  if (!node.is_object() || !node.contains("$ref")) return node;
  const std::string ref = node["$ref"].get<std::string>();
  if (ref.rfind("#/", 0) != 0) return nullptr;
  const json* at = &spec;
  std::size_t start = 2;
  while (start <= ref.size()) {
    std::size_t slash = ref.find('/', start);
    if (slash == std::string::npos) slash = ref.size();
    const std::string key = ref.substr(start, slash - start);
    if (!at->is_object() || !at->contains(key)) return nullptr;
    at = &(*at)[key];
    start = slash + 1;
  }
  return *at;
}

void CollectRefs(const json& node, std::vector<std::string>* refs) {
  if (node.is_object()) {
    if (node.contains("$ref") && node["$ref"].is_string()) refs->push_back(node["$ref"]);
    for (const auto& [key, value] : node.items()) CollectRefs(value, refs);
  } else if (node.is_array()) {
    for (const auto& value : node) CollectRefs(value, refs);
  }
}

// A request path for a template: every {param} becomes "1".
std::string Concrete(const std::string& path) {
  return std::regex_replace(path, std::regex("\\{[^}]+\\}"), "1");
}

class OpenApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(
        dir_.path(), std::vector<std::string>{"--log-level", "warn", "--workers", "0"});
    ASSERT_FALSE(server_->url().empty());
    HttpResult served = HttpClient(server_->url(), "").Get("/openapi.json");
    ASSERT_EQ(served.status, 200) << served.body;
    EXPECT_EQ(served.headers["content-type"].rfind("application/json", 0), 0u)
        << served.headers["content-type"];
    spec_ = served.json();
    ASSERT_TRUE(spec_.is_object()) << "GET /openapi.json is not a JSON object";
  }

  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
  json spec_;
};

TEST_F(OpenApiTest, EveryRegisteredRouteIsDocumentedAndEveryOperationIsARoute) {
  std::string raw;
  const std::set<Operation> routes = RegisteredRoutes(&raw);
  // The dump is the real table, not an empty one that would match an empty spec.
  ASSERT_GE(routes.size(), 40u) << raw;
  ASSERT_TRUE(routes.count({"GET", "/openapi.json"})) << raw;
  ASSERT_TRUE(routes.count({"POST", "/api/v1/jobs"})) << raw;
  ASSERT_TRUE(routes.count({"POST", "/v1/evaluate"})) << raw;

  const std::set<Operation> documented = SpecOperations(spec_);
  std::set<Operation> undocumented, unserved;
  std::set_difference(routes.begin(), routes.end(), documented.begin(), documented.end(),
                      std::inserter(undocumented, undocumented.end()));
  std::set_difference(documented.begin(), documented.end(), routes.begin(), routes.end(),
                      std::inserter(unserved, unserved.end()));
  EXPECT_TRUE(undocumented.empty())
      << "routes the server registers that docs/openapi.yaml does not describe (add them, with "
         "the same method and path template):"
      << Describe(undocumented);
  EXPECT_TRUE(unserved.empty())
      << "operations in docs/openapi.yaml that the server does not register:" << Describe(unserved);
}

TEST_F(OpenApiTest, DeclaredSecurityIsWhatTheServerDoesWithoutAToken) {
  // `security: []` on an operation means no token; otherwise the document-wide bearer applies.
  ASSERT_TRUE(spec_["components"]["securitySchemes"].contains("bearerAuth"));
  EXPECT_EQ(spec_["components"]["securitySchemes"]["bearerAuth"]["type"], "http");
  EXPECT_EQ(spec_["components"]["securitySchemes"]["bearerAuth"]["scheme"], "bearer");
  ASSERT_EQ(spec_["security"], json::parse(R"([{"bearerAuth": []}])"));

  HttpClient anonymous(server_->url(), "");
  int open_count = 0;
  for (const auto& [path, item] : spec_["paths"].items()) {
    for (const char* method : kHttpMethods) {
      if (!item.contains(method)) continue;
      const json& op = item[method];
      const bool open = op.contains("security") && op["security"].empty();
      HttpResult r = anonymous.Send(Upper(method), Concrete(path), "");
      if (open) {
        ++open_count;
        EXPECT_NE(r.status, 401) << Upper(method) << " " << path
                                 << " is documented without a token but asks for one";
        EXPECT_FALSE(op["responses"].contains("401")) << Upper(method) << " " << path;
      } else {
        EXPECT_EQ(r.status, 401) << Upper(method) << " " << path
                                 << " is documented as needing a token but answered without one";
        EXPECT_TRUE(op["responses"].contains("401"))
            << Upper(method) << " " << path << " needs a token but documents no 401";
      }
    }
  }
  // healthz, readyz, openapi.json and the Stripe webhook at least.
  EXPECT_GE(open_count, 4);
}

TEST_F(OpenApiTest, TheDocumentIsWellFormedOpenApi3) {
  ASSERT_TRUE(spec_["openapi"].is_string());
  EXPECT_EQ(spec_["openapi"].get<std::string>().rfind("3.", 0), 0u) << spec_["openapi"];
  EXPECT_TRUE(spec_["info"]["title"].is_string());
  EXPECT_TRUE(spec_["info"]["version"].is_string());
  ASSERT_TRUE(spec_["paths"].is_object());
  ASSERT_FALSE(spec_["paths"].empty());

  const std::regex status_code("[1-5][0-9][0-9]|default");
  const std::regex path_param("\\{([^}]+)\\}");
  for (const auto& [path, item] : spec_["paths"].items()) {
    EXPECT_EQ(path.rfind('/', 0), 0u) << path;
    for (const char* method : kHttpMethods) {
      if (!item.contains(method)) continue;
      const json& op = item[method];
      const std::string where = Upper(method) + " " + path;
      EXPECT_TRUE(op.contains("summary") && !op["summary"].get<std::string>().empty()) << where;
      ASSERT_TRUE(op["responses"].is_object() && !op["responses"].empty())
          << where << " has no responses";
      bool success = false;
      for (const auto& [code, response] : op["responses"].items()) {
        EXPECT_TRUE(std::regex_match(code, status_code)) << where << ": " << code;
        EXPECT_TRUE(Resolve(spec_, response).contains("description"))
            << where << " " << code << " has no description";
        success = success || code[0] == '2';
      }
      EXPECT_TRUE(success) << where << " documents no 2xx answer";
      if (std::string(method) == "post" || std::string(method) == "put" ||
          std::string(method) == "patch") {
        // Every POST/PUT/PATCH describes its body, except the actions that read none.
        static const std::set<std::string> kBodiless = {
            "POST /api/v1/jobs/{job_id}/cancel", "POST /api/v1/agent-keys/{id}/regenerate",
            "POST /api/v1/webhooks/secret/rotate", "POST /api/v1/credits/auto-reload/disable"};
        if (!kBodiless.count(where)) {
          EXPECT_TRUE(op.contains("requestBody")) << where << " has no requestBody";
        }
      }
      // Each {param} of the template is declared as a path parameter.
      std::set<std::string> declared;
      for (const auto& p : op.value("parameters", json::array())) {
        json param = Resolve(spec_, p);
        ASSERT_TRUE(param.is_object()) << where << ": unresolved parameter " << p.dump();
        if (param["in"] == "path") {
          declared.insert(param["name"].get<std::string>());
          EXPECT_EQ(param["required"], true) << where << " " << param["name"];
        }
      }
      for (std::sregex_iterator m(path.begin(), path.end(), path_param), end; m != end; ++m) {
        EXPECT_TRUE(declared.count((*m)[1].str()))
            << where << " does not declare path parameter " << (*m)[1].str();
      }
    }
  }

  std::vector<std::string> refs;
  CollectRefs(spec_, &refs);
  EXPECT_GT(refs.size(), 100u);  // schemas are shared, not repeated
  for (const std::string& ref : refs) {
    EXPECT_FALSE(Resolve(spec_, json{{"$ref", ref}}).is_null()) << "unresolved $ref " << ref;
  }
  for (const char* schema : {"Error", "Job", "Candidate", "NewJob", "EvaluateCandidate"}) {
    EXPECT_TRUE(spec_["components"]["schemas"].contains(schema)) << schema;
  }
}

// Runs tools/openapi_check.py on `yaml_path`; its exit code, with its messages in `*out`.
int CheckYaml(const std::string& yaml_path, std::string* out) {
  const std::string command = "python3 " + std::string(SHORTLIST_SOURCE_DIR) +
                              "/tools/openapi_check.py '" + yaml_path + "' 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return -1;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out->append(buffer, n);
  const int status = pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(OpenApiDocumentTest, TheYamlHasNoDuplicateKeyAndValidatesAsOpenApi30) {
  std::string out;
  EXPECT_EQ(CheckYaml(std::string(SHORTLIST_SOURCE_DIR) + "/docs/openapi.yaml", &out), 0) << out;
}

TEST(OpenApiDocumentTest, TheCheckRefusesADuplicateKeyAndAnInvalidDocument) {
  TempDir dir;
  const std::string duplicate = dir.path() + "/duplicate.yaml";
  std::ofstream(duplicate) << "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n"
                              "  /metrics:\n    get: {responses: {'200': {description: a}}}\n"
                              "  /metrics:\n    get: {responses: {'200': {description: b}}}\n";
  std::string out;
  EXPECT_EQ(CheckYaml(duplicate, &out), 1) << out;
  EXPECT_NE(out.find("duplicate key '/metrics'"), std::string::npos) << out;

  const std::string invalid = dir.path() + "/invalid.yaml";
  std::ofstream(invalid) << "openapi: 3.0.3\ninfo: {title: t}\npaths:\n"
                            "  /a:\n    get: {responses: {'200': {}}}\n";
  out.clear();
  EXPECT_EQ(CheckYaml(invalid, &out), 1) << out;
  EXPECT_NE(out.find("version"), std::string::npos) << out;  // info.version is required
}

}  // namespace
}  // namespace shortlist::testing
