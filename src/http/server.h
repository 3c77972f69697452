// The HTTP/1.1 server: Boost.Beast over Asio, keep-alive, a fixed pool of I/O threads.
//
// Design: one io_context per I/O thread. Each connection is a session that reads a request
// (header and body size capped: over the cap answers 413 and closes; the header block must
// arrive within the idle timeout, the body within the body timeout), hands it to the Dispatcher
// and writes the answer. Routes marked slow answer from the dispatcher's pool, so an I/O thread
// never waits on one. With a certificate and key the same sessions run over TLS (Asio's OpenSSL
// stream): a handshake first, close_notify last; without them the plain path is untouched.
//
// File descriptors: Start() raises the soft NOFILE limit to the hard one. At most
// `max_connections` connections are open at once; beyond that the listener stops accepting
// (clients wait in the kernel's backlog) until one closes. If accept() still fails for want of
// descriptors (EMFILE, ENFILE), it is retried after a growing pause instead of at once, and the
// failure is logged at most once a second. Stop() closes the listener, lets sessions finish the
// request in hand, then joins the threads.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "common/result.h"
#include "http/dispatcher.h"

namespace shortlist::http {

struct ServerOptions {
  std::string host = "127.0.0.1";            // address to listen on
  int port = 8080;                           // 0: pick a free port (see Server::port())
  int io_threads = 2;                        // threads running the event loop
  std::size_t max_body_bytes = 64u << 20;    // larger request bodies answer 413
  std::size_t max_header_bytes = 16u << 10;  // larger header blocks answer 413
  int idle_timeout_seconds = 60;   // a request's header block must arrive within this (a silent
                                   // keep-alive connection is closed after it)
  int body_timeout_seconds = 300;  // ... and its body within this, once the header is read
  // Connections open at once; 0: derived from the NOFILE limit (a quarter kept for the database,
  // files and outgoing calls).
  int max_connections = 0;
  // HTTPS: PEM files of the certificate chain (leaf first) and its private key. Both empty:
  // plain HTTP. Loaded by Start().
  std::string tls_cert_file;
  std::string tls_key_file;
};

// Checks that the certificate and key files load and match, as Start() will: error code
// "tls_config" with a message naming the file at fault (field "tls_cert" or "tls_key").
Status CheckTlsFiles(const std::string& cert_file, const std::string& key_file);

class Server {
 public:
  Server(ServerOptions options, const Dispatcher& dispatcher);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts serving on background threads. Error code "bind_failed", or "tls_config"
  // (see CheckTlsFiles) when TLS is asked for and its files do not load.
  Status Start();
  // The bound port (useful with port 0). Valid after Start().
  int port() const;
  // Stops accepting, closes connections, joins threads. Idempotent.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace shortlist::http
