#include "http/server.h"

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include "common/log.h"

namespace shortlist::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

int FromHex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string PercentDecode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      int hi = FromHex(s[i + 1]), lo = FromHex(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += (plus_is_space && s[i] == '+') ? ' ' : s[i];
  }
  return out;
}

void ParseTarget(std::string_view target, Request* req) {
  std::size_t q = target.find('?');
  req->path = PercentDecode(target.substr(0, q), false);
  if (req->path.size() > 1 && req->path.back() == '/') req->path.pop_back();
  if (q == std::string_view::npos) return;
  std::string_view rest = target.substr(q + 1);
  while (!rest.empty()) {
    std::size_t amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    std::size_t eq = pair.find('=');
    std::string key = PercentDecode(pair.substr(0, eq), true);
    std::string value =
        eq == std::string_view::npos ? "" : PercentDecode(pair.substr(eq + 1), true);
    if (!key.empty()) req->query.emplace(std::move(key), std::move(value));
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, const Dispatcher& dispatcher, const ServerOptions& options)
      : stream_(std::move(socket)), dispatcher_(dispatcher), options_(options) {
    beast::error_code ec;
    auto endpoint = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_address_ = endpoint.address().to_string();
  }

  void Start() {
    asio::dispatch(stream_.get_executor(),
                   beast::bind_front_handler(&Session::Read, shared_from_this()));
  }

 private:
  void Read() {
    parser_.emplace();
    parser_->body_limit(options_.max_body_bytes);
    parser_->header_limit(static_cast<std::uint32_t>(options_.max_header_bytes));
    stream_.expires_after(std::chrono::seconds(options_.idle_timeout_seconds));
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&Session::OnRead, shared_from_this()));
  }

  void OnRead(beast::error_code ec, std::size_t) {
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
        ec == asio::error::connection_reset || ec == asio::error::operation_aborted) {
      return Close();
    }
    if (ec == bhttp::error::body_limit || ec == bhttp::error::header_limit) {
      Response r =
          ErrorResponse(413, ec == bhttp::error::body_limit
                                 ? "Request body too large: the limit is " +
                                       std::to_string(options_.max_body_bytes) + " bytes."
                                 : "Request headers too large: the limit is " +
                                       std::to_string(options_.max_header_bytes) + " bytes.");
      return Write(std::move(r), 11, false);
    }
    if (ec) {
      Response r = ErrorResponse(400, "Malformed HTTP request: " + ec.message() + ".");
      return Write(std::move(r), 11, false);
    }
    bhttp::request<bhttp::string_body> msg = parser_->release();
    Request req;
    req.method = std::string(msg.method_string());
    ParseTarget(std::string_view(msg.target().data(), msg.target().size()), &req);
    for (const auto& field : msg) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      req.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    req.body = std::move(msg.body());
    req.remote_address = remote_address_;
    Response r = dispatcher_.Dispatch(req);
    Write(std::move(r), msg.version(), msg.keep_alive());
  }

  void Write(Response r, unsigned version, bool keep_alive) {
    auto res = std::make_shared<bhttp::response<bhttp::string_body>>(
        static_cast<bhttp::status>(r.status), version);
    res->set(bhttp::field::server, "shortlist");
    res->set(bhttp::field::content_type, r.content_type);
    for (auto& [name, value] : r.headers) res->set(name, value);
    res->body() = std::move(r.body);
    res->keep_alive(keep_alive);
    res->prepare_payload();
    bhttp::async_write(
        stream_, *res,
        [self = shared_from_this(), res, keep_alive](beast::error_code ec, std::size_t) {
          if (ec || !keep_alive) return self->Close();
          self->Read();
        });
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  const Dispatcher& dispatcher_;
  const ServerOptions& options_;
  std::string remote_address_;
};

}  // namespace

// One io_context per I/O thread, each run by its own thread: a connection lives on one thread
// for its whole life, so no strand or reactor lock is shared between threads on the hot path.
// The acceptor hands new connections out round-robin.
struct Server::Impl {
  Impl(ServerOptions o, const Dispatcher& d) : options(std::move(o)), dispatcher(d) {
    const int n = options.io_threads < 1 ? 1 : options.io_threads;
    for (int i = 0; i < n; ++i) contexts.push_back(std::make_unique<asio::io_context>(1));
    acceptor.emplace(*contexts[0]);
  }

  void Accept() {
    asio::io_context& next = *contexts[next_context++ % contexts.size()];
    acceptor->async_accept(next, [this](beast::error_code ec, tcp::socket s) {
      if (ec) {
        if (ec == asio::error::operation_aborted || !acceptor->is_open()) return;
        Log(LogLevel::kWarn, "accept failed", {{"error", ec.message()}});
      } else {
        s.set_option(tcp::no_delay(true), ec);
        std::make_shared<Session>(std::move(s), dispatcher, options)->Start();
      }
      Accept();
    });
  }

  ServerOptions options;
  const Dispatcher& dispatcher;
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  std::optional<tcp::acceptor> acceptor;
  std::size_t next_context = 0;  // only touched on the acceptor's thread
  std::vector<std::thread> threads;
  std::atomic<bool> stopped{false};
  int port = 0;
};

Server::Server(ServerOptions options, const Dispatcher& dispatcher)
    : impl_(std::make_unique<Impl>(std::move(options), dispatcher)) {}

Server::~Server() { Stop(); }

Status Server::Start() {
  beast::error_code ec;
  auto address = asio::ip::make_address(impl_->options.host, ec);
  if (ec) {
    return Error::Make("bind_failed", "invalid listen address '" + impl_->options.host + "'",
                       "host");
  }
  tcp::endpoint endpoint(address, static_cast<unsigned short>(impl_->options.port));
  auto& acc = *impl_->acceptor;
  acc.open(endpoint.protocol(), ec);
  if (!ec) acc.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acc.bind(endpoint, ec);
  if (!ec) acc.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Error::Make("bind_failed", "cannot listen on " + impl_->options.host + ":" +
                                          std::to_string(impl_->options.port) + ": " +
                                          ec.message());
  }
  impl_->port = acc.local_endpoint().port();
  impl_->Accept();
  for (auto& context : impl_->contexts) {
    impl_->threads.emplace_back([&context] {
      // Keeps a thread whose context has no connection yet from returning at once.
      auto work = asio::make_work_guard(*context);
      context->run();
    });
  }
  return OkStatus();
}

int Server::port() const { return impl_->port; }

void Server::Stop() {
  if (impl_->stopped.exchange(true)) return;
  asio::post(*impl_->contexts[0], [this] {
    beast::error_code ec;
    impl_->acceptor->close(ec);
  });
  for (auto& context : impl_->contexts) context->stop();
  for (auto& t : impl_->threads) {
    if (t.joinable()) t.join();
  }
}

}  // namespace shortlist::http
