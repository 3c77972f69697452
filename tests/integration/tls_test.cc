// `shortlist serve --tls-cert --tls-key`: the real server over HTTPS with a certificate made in
// the test, and what it says about certificate files it cannot use.
#include <curl/curl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "self_signed_cert.h"
#include "server_process.h"

namespace shortlist::testing {
namespace {

size_t Append(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

struct Fetched {
  CURLcode code = CURLE_OK;
  long status = 0;
  std::string body;
};

// GET `url`, or POST `json_body` to it when one is given; `ca_file` "" uses the system's trust
// store.
Fetched Get(const std::string& url, const std::string& ca_file, const std::string& token = "",
            const std::string& json_body = "") {
  Fetched out;
  CURL* curl = curl_easy_init();
  curl_slist* headers = nullptr;
  if (!token.empty())
    headers = curl_slist_append(headers, ("Authorization: Bearer " + token).c_str());
  if (!json_body.empty()) {
    headers = curl_slist_append(headers, "Content-Type: application/json");
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, json_body.c_str());
  }
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  if (!ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, ca_file.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Append);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &out.body);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 20L);
  out.code = curl_easy_perform(curl);
  if (out.code == CURLE_OK) curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &out.status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return out;
}

// Runs `shortlist serve --port 0 ARGS` expecting it to exit at once; returns the exit code and
// its stderr.
int RunServe(const std::vector<std::string>& args, std::string* err) {
  // `timeout`: a server that starts after all must not hang the test.
  std::string command = std::string("timeout 30 '") + SHORTLIST_BINARY + "' serve --port 0";
  for (const auto& a : args) command += " '" + a + "'";
  command += " 2>&1 >/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return -1;
  char buf[512];
  while (std::fgets(buf, sizeof buf, pipe) != nullptr) *err += buf;
  int status = pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    cert_ = WriteSelfSignedCertificate(certs_.path(), "server");
    ASSERT_FALSE(cert_.cert_file.empty()) << "could not make a certificate";
  }
  TempDir certs_;
  TempDir data_;
  CertificateFiles cert_;
};

TEST_F(TlsTest, ServesHttpsWithTheGivenCertificate) {
  ServerProcess server(data_.path(), {"--tls-cert", cert_.cert_file, "--tls-key", cert_.key_file,
                                      "--log-level", "warn"});
  ASSERT_EQ(server.url().rfind("https://127.0.0.1:", 0), 0u) << server.url();

  Fetched health = Get(server.url() + "/healthz", cert_.cert_file);
  ASSERT_EQ(health.code, CURLE_OK) << curl_easy_strerror(health.code);
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(nlohmann::json::parse(health.body, nullptr, false), nlohmann::json({{"status", "ok"}}));

  // An authenticated call, and the same connection kept alive for more than one request.
  Fetched limits = Get(server.url() + "/api/v1/rate-limit", cert_.cert_file, server.first_token());
  ASSERT_EQ(limits.code, CURLE_OK) << curl_easy_strerror(limits.code);
  EXPECT_EQ(limits.status, 200) << limits.body;
  EXPECT_EQ(Get(server.url() + "/api/v1/rate-limit", cert_.cert_file).status, 401);

  // The links the API hands out lead back over HTTPS.
  const std::string job =
      R"({"title":"Engineer","description":"A Python engineer with Django, SQL and five years )"
      R"(of experience building web services.","resumes":[{"filename":"a.txt","content":)"
      R"("Ana Lee\nPython engineer, 2018 - 2024: Django services, SQL reporting, Docker."}]})";
  Fetched accepted = Get(server.url() + "/api/v1/jobs", cert_.cert_file, server.first_token(), job);
  ASSERT_EQ(accepted.status, 202) << accepted.body;
  auto body = nlohmann::json::parse(accepted.body);
  EXPECT_EQ(body["status_url"].get<std::string>().rfind(server.url() + "/api/v1/jobs/", 0), 0u)
      << body.dump();
}

TEST_F(TlsTest, AClientThatDoesNotTrustTheCertificateIsRefused) {
  ServerProcess server(data_.path(), {"--tls-cert", cert_.cert_file, "--tls-key", cert_.key_file,
                                      "--log-level", "warn"});
  ASSERT_FALSE(server.url().empty());
  Fetched untrusted = Get(server.url() + "/healthz", "");
  EXPECT_NE(untrusted.code, CURLE_OK);
  EXPECT_NE(untrusted.status, 200);
  // The server survives the failed handshake.
  EXPECT_EQ(Get(server.url() + "/healthz", cert_.cert_file).status, 200);
}

TEST_F(TlsTest, PlainHttpToTheTlsPortGetsNoAnswer) {
  ServerProcess server(data_.path(), {"--tls-cert", cert_.cert_file, "--tls-key", cert_.key_file,
                                      "--log-level", "warn"});
  ASSERT_EQ(server.url().rfind("https://", 0), 0u) << server.url();
  const std::string plain_url = "http://" + server.url().substr(8) + "/healthz";
  Fetched plain = Get(plain_url, "");
  EXPECT_NE(plain.status, 200) << plain.body;
  EXPECT_EQ(Get(server.url() + "/healthz", cert_.cert_file).status, 200);
}

TEST_F(TlsTest, WithoutTlsFlagsTheServerStaysPlainHttp) {
  ServerProcess server(data_.path(), {"--log-level", "warn"});
  ASSERT_EQ(server.url().rfind("http://127.0.0.1:", 0), 0u) << server.url();
  EXPECT_EQ(Get(server.url() + "/healthz", "").status, 200);
}

TEST_F(TlsTest, UnusableCertificateFilesExitWithCode2NamingTheFile) {
  std::string err;
  const std::string absent = certs_.path() + "/absent.crt";
  EXPECT_EQ(
      RunServe({"--data-dir", data_.path(), "--tls-cert", absent, "--tls-key", cert_.key_file},
               &err),
      2);
  EXPECT_NE(err.find(absent), std::string::npos) << err;

  const std::string junk = certs_.path() + "/junk.key";
  std::ofstream(junk) << "-----BEGIN PRIVATE KEY-----\nnot base64 at all\n";
  err.clear();
  EXPECT_EQ(RunServe({"--data-dir", data_.path(), "--tls-cert", cert_.cert_file, "--tls-key", junk},
                     &err),
            2);
  EXPECT_NE(err.find(junk), std::string::npos) << err;

  CertificateFiles other = WriteSelfSignedCertificate(certs_.path(), "other");
  err.clear();
  EXPECT_EQ(RunServe({"--data-dir", data_.path(), "--tls-cert", cert_.cert_file, "--tls-key",
                      other.key_file},
                     &err),
            2);
  EXPECT_NE(err.find(other.key_file), std::string::npos) << err;

  // Half a configuration is refused too.
  err.clear();
  EXPECT_EQ(RunServe({"--data-dir", data_.path(), "--tls-cert", cert_.cert_file}, &err), 2);
  EXPECT_NE(err.find("--tls-key"), std::string::npos) << err;
}

}  // namespace
}  // namespace shortlist::testing
