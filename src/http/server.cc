#include "http/server.h"

#include <openssl/ssl.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cerrno>
#include <fstream>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include "common/log.h"
#include "http/wire.h"

namespace shortlist::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace ssl = boost::asio::ssl;
using tcp = asio::ip::tcp;
using PlainStream = beast::tcp_stream;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

// Error "tls_config" naming `file` (and `what` it should hold) unless it can be opened.
Status CheckReadable(const std::string& file, const std::string& what, const std::string& field) {
  std::ifstream in(file);
  if (in) return OkStatus();
  return Error::Make("tls_config",
                     "cannot read the TLS " + what + " file '" + file +
                         "': " + std::error_code(errno, std::generic_category()).message(),
                     field);
}

// A TLS 1.2+ server context holding the certificate chain and key from PEM files.
Result<std::unique_ptr<ssl::context>> LoadTlsContext(const std::string& cert_file,
                                                     const std::string& key_file) {
  if (Status s = CheckReadable(cert_file, "certificate", "tls_cert"); !s.ok()) return s.error();
  if (Status s = CheckReadable(key_file, "private key", "tls_key"); !s.ok()) return s.error();
  auto context = std::make_unique<ssl::context>(ssl::context::tls_server);
  context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                       ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 |
                       ssl::context::single_dh_use);
  // An encrypted key fails to load instead of OpenSSL asking for its passphrase on the terminal.
  context->set_password_callback(
      [](std::size_t, ssl::context::password_purpose) { return std::string(); });
  beast::error_code ec;
  context->use_certificate_chain_file(cert_file, ec);
  if (ec) {
    return Error::Make("tls_config",
                       "cannot load the TLS certificate file '" + cert_file +
                           "' (a PEM certificate chain is expected): " + ec.message(),
                       "tls_cert");
  }
  context->use_private_key_file(key_file, ssl::context::pem, ec);
  if (ec) {
    return Error::Make("tls_config",
                       "cannot load the TLS private key file '" + key_file +
                           "' (an unencrypted PEM private key is expected): " + ec.message(),
                       "tls_key");
  }
  if (SSL_CTX_check_private_key(context->native_handle()) != 1) {
    return Error::Make("tls_config",
                       "the TLS private key file '" + key_file +
                           "' does not match the certificate in '" + cert_file + "'",
                       "tls_key");
  }
  return context;
}

// One connection. `Stream` is PlainStream (HTTP) or TlsStream (HTTPS); the two differ only in
// a handshake before the first read and a TLS shutdown before closing.
// Held by a session for its whole life: the server counts open connections by these.
using ConnectionSlot = std::shared_ptr<void>;

template <typename Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
  static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;

 public:
  Session(tcp::socket socket, const Dispatcher& dispatcher, const ServerOptions& options,
          ConnectionSlot slot) requires(!kTls)
      : stream_(std::move(socket)),
        dispatcher_(dispatcher),
        options_(options),
        slot_(std::move(slot)) {
    RememberRemote();
  }
  Session(tcp::socket socket, ssl::context& tls, const Dispatcher& dispatcher,
          const ServerOptions& options, ConnectionSlot slot) requires(kTls)
      : stream_(std::move(socket), tls),
        dispatcher_(dispatcher),
        options_(options),
        slot_(std::move(slot)) {
    RememberRemote();
  }

  void Start() {
    if constexpr (kTls) {
      asio::dispatch(stream_.get_executor(), [self = this->shared_from_this()] {
        self->Lowest().expires_after(std::chrono::seconds(self->options_.idle_timeout_seconds));
        self->stream_.async_handshake(ssl::stream_base::server, [self](beast::error_code ec) {
          // A client speaking plain HTTP, or not trusting the certificate, fails here:
          // there is no channel to answer on, so the connection is closed.
          if (ec) return self->CloseSocket();
          self->Read();
        });
      });
    } else {
      asio::dispatch(stream_.get_executor(),
                     beast::bind_front_handler(&Session::Read, this->shared_from_this()));
    }
  }

 private:
  beast::tcp_stream& Lowest() { return beast::get_lowest_layer(stream_); }

  void RememberRemote() {
    beast::error_code ec;
    auto endpoint = Lowest().socket().remote_endpoint(ec);
    if (!ec) remote_address_ = endpoint.address().to_string();
  }

  // The header block first, within the idle timeout; then the body, within the body timeout.
  void Read() {
    parser_.emplace();
    parser_->body_limit(options_.max_body_bytes);
    parser_->header_limit(static_cast<std::uint32_t>(options_.max_header_bytes));
    Lowest().expires_after(std::chrono::seconds(options_.idle_timeout_seconds));
    bhttp::async_read_header(
        stream_, buffer_, *parser_,
        beast::bind_front_handler(&Session::OnHeader, this->shared_from_this()));
  }

  void OnHeader(beast::error_code ec, std::size_t bytes) {
    if (ec || parser_->is_done()) return OnRead(ec, bytes);
    Lowest().expires_after(std::chrono::seconds(options_.body_timeout_seconds));
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&Session::OnRead, this->shared_from_this()));
  }

  void OnRead(beast::error_code ec, std::size_t) {
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
        ec == asio::error::connection_reset || ec == asio::error::operation_aborted) {
      return Close();
    }
    if constexpr (kTls) {
      // The peer closed the TLS session, or dropped the connection without closing it.
      if (ec == ssl::error::stream_truncated || ec.category() == asio::error::get_ssl_category()) {
        return CloseSocket();
      }
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
    const unsigned version = msg.version();
    const bool keep_alive = msg.keep_alive();
    Request req = RequestFromMessage(std::move(msg), remote_address_);
    // A slow route answers from the dispatcher's pool: the write goes back to this
    // connection's thread (at once when the answer came inline).
    dispatcher_.DispatchAsync(
        std::move(req), [self = this->shared_from_this(), version, keep_alive](Response r) {
          asio::dispatch(self->stream_.get_executor(),
                         [self, r = std::move(r), version, keep_alive]() mutable {
                           self->Write(std::move(r), version, keep_alive);
                         });
        });
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
        [self = this->shared_from_this(), res, keep_alive](beast::error_code ec, std::size_t) {
          if (ec || !keep_alive) return self->Close();
          self->Read();
        });
  }

  void Close() {
    if constexpr (kTls) {
      // close_notify, bounded by the timeout: a peer that never answers it cannot hold us.
      Lowest().expires_after(std::chrono::seconds(5));
      stream_.async_shutdown(
          [self = this->shared_from_this()](beast::error_code) { self->CloseSocket(); });
    } else {
      beast::error_code ec;
      stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    }
  }

  void CloseSocket() {
    beast::error_code ec;
    Lowest().socket().shutdown(tcp::socket::shutdown_both, ec);
    Lowest().socket().close(ec);
  }

  Stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  const Dispatcher& dispatcher_;
  const ServerOptions& options_;
  ConnectionSlot slot_;
  std::string remote_address_;
};

// At most one "accept failed" line a second, with how many were left out.
class ThrottledLog {
 public:
  void Warn(const std::string& message, const std::string& error) {
    const auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::seconds(1)) {
      ++suppressed_;
      return;
    }
    Log(LogLevel::kWarn, message, {{"error", error}, {"suppressed", suppressed_}});
    last_ = now;
    suppressed_ = 0;
  }

 private:
  std::chrono::steady_clock::time_point last_{};
  long long suppressed_ = 0;
};

// The soft NOFILE limit raised to the hard one; returns the soft limit in force.
rlim_t RaiseFileLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1024;
  if (limit.rlim_cur < limit.rlim_max) {
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
  }
  return limit.rlim_cur;
}

bool OutOfDescriptors(const beast::error_code& ec) {
  return ec == asio::error::no_descriptors || ec.value() == ENFILE || ec.value() == EMFILE;
}

}  // namespace

// One io_context per I/O thread, each run by its own thread: a connection lives on one thread
// for its whole life, so no strand or reactor lock is shared between threads on the hot path.
// The acceptor hands new connections out round-robin. Everything a session's slot touches when
// it is released is declared before the contexts, so it outlives the sessions they destroy.
struct Server::Impl {
  Impl(ServerOptions o, const Dispatcher& d) : options(std::move(o)), dispatcher(d) {
    const int n = options.io_threads < 1 ? 1 : options.io_threads;
    for (int i = 0; i < n; ++i) contexts.push_back(std::make_unique<asio::io_context>(1));
    acceptor.emplace(*contexts[0]);
    retry_timer.emplace(*contexts[0]);
  }

  void Accept() {
    if (connections.load() >= options.max_connections) {
      accept_paused = true;  // resumed by the next slot released
      return;
    }
    asio::io_context& next = *contexts[next_context++ % contexts.size()];
    acceptor->async_accept(next, [this](beast::error_code ec, tcp::socket s) {
      if (ec) {
        if (ec == asio::error::operation_aborted || !acceptor->is_open()) return;
        accept_log.Warn("accept failed", ec.message());
        if (OutOfDescriptors(ec)) return RetryAcceptLater();
      } else {
        accept_backoff_ms = 0;
        s.set_option(tcp::no_delay(true), ec);
        if (tls) {
          std::make_shared<Session<TlsStream>>(std::move(s), *tls, dispatcher, options, Slot())
              ->Start();
        } else {
          std::make_shared<Session<PlainStream>>(std::move(s), dispatcher, options, Slot())
              ->Start();
        }
      }
      Accept();
    });
  }

  // Out of descriptors: accepting again at once would fail again at once (and spin a core).
  void RetryAcceptLater() {
    accept_backoff_ms = std::min(1000, accept_backoff_ms == 0 ? 10 : accept_backoff_ms * 2);
    retry_timer->expires_after(std::chrono::milliseconds(accept_backoff_ms));
    retry_timer->async_wait([this](beast::error_code ec) {
      if (!ec && acceptor->is_open()) Accept();
    });
  }

  // Counts the connection until the session holding it is gone.
  ConnectionSlot Slot() {
    ++connections;
    return ConnectionSlot(nullptr, [this](void*) {
      if (--connections < options.max_connections && !stopped.load()) {
        asio::post(*contexts[0], [this] {
          if (accept_paused && acceptor->is_open()) {
            accept_paused = false;
            Accept();
          }
        });
      }
    });
  }

  ServerOptions options;
  const Dispatcher& dispatcher;
  std::atomic<int> connections{0};
  std::atomic<bool> stopped{false};
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  std::optional<tcp::acceptor> acceptor;
  std::optional<asio::steady_timer> retry_timer;
  std::unique_ptr<ssl::context> tls;  // null: plain HTTP
  // Only touched on the acceptor's thread:
  std::size_t next_context = 0;
  bool accept_paused = false;
  int accept_backoff_ms = 0;
  ThrottledLog accept_log;
  std::vector<std::thread> threads;
  int port = 0;
};

Server::Server(ServerOptions options, const Dispatcher& dispatcher)
    : impl_(std::make_unique<Impl>(std::move(options), dispatcher)) {}

Server::~Server() { Stop(); }

Status CheckTlsFiles(const std::string& cert_file, const std::string& key_file) {
  auto context = LoadTlsContext(cert_file, key_file);
  if (!context.ok()) return context.error();
  return OkStatus();
}

Status Server::Start() {
  const rlim_t files = RaiseFileLimit();
  if (impl_->options.max_connections <= 0) {
    impl_->options.max_connections =
        static_cast<int>(std::clamp<rlim_t>(files - files / 4, 16, 1'000'000));
  }
  if (!impl_->options.tls_cert_file.empty() || !impl_->options.tls_key_file.empty()) {
    auto context = LoadTlsContext(impl_->options.tls_cert_file, impl_->options.tls_key_file);
    if (!context.ok()) return context.error();
    impl_->tls = std::move(context).value();
  }
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
