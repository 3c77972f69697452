// LoopbackServer: a tiny HTTP/1.1 server on 127.0.0.1 (an ephemeral port) for tests of the
// HTTP client and URL fetching. Nothing leaves the machine. One thread accepts; each connection
// gets its own thread, answers one request and closes.
#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace shortlist::net::testing {

struct ServerRequest {
  std::string method;
  std::string path;  // with query
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string Header(const std::string& name) const;
};

class LoopbackServer {
 public:
  // The handler returns the raw HTTP response bytes (see Reply), or kStall to keep the
  // connection open without answering until the server stops.
  using Handler = std::function<std::string(const ServerRequest&)>;
  static constexpr const char* kStall = "\x01stall";

  explicit LoopbackServer(Handler handler);
  ~LoopbackServer();
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  int port() const { return port_; }
  std::string Url(const std::string& path) const;  // "http://127.0.0.1:<port><path>"
  int connections() const { return connections_.load(); }

  static std::string Reply(int status, const std::string& body,
                           const std::vector<std::pair<std::string, std::string>>& headers = {});

 private:
  void AcceptLoop();
  void Serve(int fd);

  Handler handler_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> connections_{0};
  std::mutex mu_;
  std::vector<std::thread> workers_;  // guarded by mu_
  std::thread acceptor_;
};

}  // namespace shortlist::net::testing
