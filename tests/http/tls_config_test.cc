// CheckTlsFiles: what `shortlist serve --tls-cert/--tls-key` reports before serving.
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "common/crypto.h"
#include "http/server.h"
#include "self_signed_cert.h"

namespace shortlist::http {
namespace {

class TlsConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = (std::filesystem::temp_directory_path() / ("tls_config_test_" + RandomHex(6))).string();
    std::filesystem::create_directories(dir_);
    good_ = testing::WriteSelfSignedCertificate(dir_, "good");
    ASSERT_FALSE(good_.cert_file.empty());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string dir_;
  testing::CertificateFiles good_;
};

TEST_F(TlsConfigTest, AMatchingCertificateAndKeyLoad) {
  Status s = CheckTlsFiles(good_.cert_file, good_.key_file);
  EXPECT_TRUE(s.ok()) << s.error().message;
}

TEST_F(TlsConfigTest, AMissingFileIsNamed) {
  Status s = CheckTlsFiles(dir_ + "/absent.crt", good_.key_file);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "tls_config");
  EXPECT_EQ(s.error().field, "tls_cert");
  EXPECT_NE(s.error().message.find(dir_ + "/absent.crt"), std::string::npos) << s.error().message;

  s = CheckTlsFiles(good_.cert_file, dir_ + "/absent.key");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().field, "tls_key");
  EXPECT_NE(s.error().message.find(dir_ + "/absent.key"), std::string::npos) << s.error().message;
}

TEST_F(TlsConfigTest, AFileThatIsNotPemIsNamed) {
  const std::string junk = dir_ + "/junk.pem";
  std::ofstream(junk) << "not a certificate\n";
  Status s = CheckTlsFiles(junk, good_.key_file);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().field, "tls_cert");
  EXPECT_NE(s.error().message.find(junk), std::string::npos) << s.error().message;

  s = CheckTlsFiles(good_.cert_file, junk);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().field, "tls_key");
  EXPECT_NE(s.error().message.find(junk), std::string::npos) << s.error().message;
}

TEST_F(TlsConfigTest, AnEncryptedKeyIsRefusedWithoutAskingForAPassphrase) {
  FILE* in = std::fopen(good_.key_file.c_str(), "r");
  ASSERT_NE(in, nullptr);
  EVP_PKEY* key = PEM_read_PrivateKey(in, nullptr, nullptr, nullptr);
  std::fclose(in);
  ASSERT_NE(key, nullptr);
  const std::string encrypted = dir_ + "/encrypted.key";
  FILE* out = std::fopen(encrypted.c_str(), "w");
  ASSERT_NE(out, nullptr);
  char passphrase[] = "secret";
  EXPECT_EQ(PEM_write_PrivateKey(out, key, EVP_aes_256_cbc(), nullptr, 0, nullptr, passphrase), 1);
  std::fclose(out);
  EVP_PKEY_free(key);

  Status s = CheckTlsFiles(good_.cert_file, encrypted);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().field, "tls_key");
  EXPECT_NE(s.error().message.find(encrypted), std::string::npos) << s.error().message;
  EXPECT_NE(s.error().message.find("unencrypted"), std::string::npos) << s.error().message;
}

TEST_F(TlsConfigTest, AKeyOfAnotherCertificateIsRefused) {
  testing::CertificateFiles other = testing::WriteSelfSignedCertificate(dir_, "other");
  ASSERT_FALSE(other.key_file.empty());
  Status s = CheckTlsFiles(good_.cert_file, other.key_file);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().field, "tls_key");
  EXPECT_NE(s.error().message.find(other.key_file), std::string::npos) << s.error().message;
}

}  // namespace
}  // namespace shortlist::http
