// A tiny HTTP/1.1 file server on 127.0.0.1 for tests that need resume URLs: GET /<name> answers
// the registered bytes, anything else 404. One thread, one connection at a time.
#pragma once

#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace shortlist::testing {

class FileServer {
 public:
  FileServer();
  ~FileServer();

  void Put(const std::string& name, std::string bytes);
  std::string Url(const std::string& name) const;
  int requests() const { return requests_; }

 private:
  void Serve();

  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> requests_{0};
  std::mutex mu_;
  std::map<std::string, std::string> files_;
  std::thread thread_;
};

}  // namespace shortlist::testing
