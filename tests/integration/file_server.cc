#include "file_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace shortlist::testing {

FileServer::FileServer() {
  listen_fd_ = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  listen(listen_fd_, 64);
  socklen_t len = sizeof addr;
  getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  thread_ = std::thread([this] { Serve(); });
}

FileServer::~FileServer() {
  stop_ = true;
  thread_.join();
  close(listen_fd_);
}

void FileServer::Put(const std::string& name, std::string bytes) {
  std::lock_guard<std::mutex> lock(mu_);
  files_[name] = std::move(bytes);
}

std::string FileServer::Url(const std::string& name) const {
  return "http://127.0.0.1:" + std::to_string(port_) + "/" + name;
}

void FileServer::Serve() {
  while (!stop_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (poll(&p, 1, 50) <= 0) continue;
    int fd = accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) continue;
    std::string request;
    char buf[4096];
    while (request.find("\r\n\r\n") == std::string::npos) {
      pollfd c{fd, POLLIN, 0};
      if (poll(&c, 1, 2000) <= 0) break;
      ssize_t n = read(fd, buf, sizeof buf);
      if (n <= 0) break;
      request.append(buf, static_cast<std::size_t>(n));
    }
    ++requests_;
    std::string path;
    if (request.rfind("GET /", 0) == 0) path = request.substr(5, request.find(' ', 5) - 5);
    std::string response;
    {
      std::lock_guard<std::mutex> lock(mu_);
      auto it = files_.find(path);
      if (it == files_.end()) {
        response = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
      } else {
        response = "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " +
                   std::to_string(it->second.size()) + "\r\nConnection: close\r\n\r\n" + it->second;
      }
    }
    std::size_t sent = 0;
    while (sent < response.size()) {
      ssize_t n = write(fd, response.data() + sent, response.size() - sent);
      if (n <= 0) break;
      sent += static_cast<std::size_t>(n);
    }
    close(fd);
  }
}

}  // namespace shortlist::testing
