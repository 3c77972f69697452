// Whole HTTP requests, as bytes, through the real server minus its socket: the same parser and
// Request conversion as the listener (http/wire.h), then the dispatcher with every route of both
// APIs, authentication, rate limits, idempotency and the handlers, on a temporary SQLite
// database. "$TOKEN" in an input becomes a valid API token, so inputs reach the authenticated
// handlers. A crash, a sanitizer report, or a 500 answer is a finding: a 500 means a handler
// threw or met an error it does not map.
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "app/server.h"
#include "common/log.h"
#include "http/wire.h"
#include "ingest/extractor.h"

namespace {

shortlist::app::Server* server = nullptr;
std::string token;

void Replace(std::string* text, const std::string& from, const std::string& to) {
  for (std::size_t at = text->find(from); at != std::string::npos;
       at = text->find(from, at + to.size())) {
    text->replace(at, from.size(), to);
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  // The server reads documents in extract workers started from /proc/self/exe, so this binary is
  // also that worker (as the shortlist binary is); it never returns.
  if (*argc > 1 && std::string_view((*argv)[1]) == shortlist::ingest::kExtractWorkerCommand) {
    shortlist::ingest::RunExtractWorker(*argc, *argv);
  }
  shortlist::SetLogLevel(shortlist::LogLevel::kError);
  std::string dir = (std::filesystem::temp_directory_path() / "fuzz-http-XXXXXX").string();
  if (mkdtemp(dir.data()) == nullptr) std::abort();
  shortlist::app::ServerConfig config;
  config.data_dir = dir;
  config.workers = 0;  // jobs stay queued: the fuzzer exercises the API, not the engine's queue
  auto opened = shortlist::app::Server::Open(config);
  if (!opened.ok()) std::abort();
  server = std::move(opened).value().release();  // lives as long as the process
  token = server->first_token();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > (1 << 16)) return 0;
  std::string bytes(reinterpret_cast<const char*>(data), size);
  Replace(&bytes, "$TOKEN", token);
  auto request = shortlist::http::ParseRequestBytes(bytes, 1 << 20, 16 << 10);
  if (!request.ok()) return 0;
  shortlist::http::Response response = server->dispatcher().Dispatch(*request);
  if (response.status < 100 || response.status > 599 || response.status == 500) {
    __builtin_trap();
  }
  return 0;
}
