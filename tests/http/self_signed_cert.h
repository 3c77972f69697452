// Writes a throw-away self-signed certificate and its key as PEM files, made with the OpenSSL
// API inside the test (no `openssl` command, no file checked in). For the HTTPS tests.
#pragma once

#include <string>

namespace shortlist::testing {

struct CertificateFiles {
  std::string cert_file;  // PEM certificate: CN=localhost, SAN DNS:localhost and IP:127.0.0.1
  std::string key_file;   // PEM private key (EC P-256), unencrypted
};

// Writes `dir`/`name`.crt and `dir`/`name`.key, valid from an hour ago for a day. Returns the
// paths, or empty paths when OpenSSL fails (the caller's ASSERT then fails the test).
CertificateFiles WriteSelfSignedCertificate(const std::string& dir, const std::string& name);

}  // namespace shortlist::testing
