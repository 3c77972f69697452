// Request-body validation that reports every failed rule by field path, the way the Jobs API's
// validation table reads: {"resumes.0.content": ["The resumes.0.content field must be at least
// 50 characters."]}. One message per failed rule.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "http/message.h"

namespace shortlist::api {

class Validator {
 public:
  void Fail(const std::string& field, const std::string& message) {
    errors_[field].push_back(message);
  }
  bool ok() const { return errors_.empty(); }
  const http::FieldErrors& errors() const { return errors_; }

  // Each checks one rule on `object[key]` and records a failure under `path`. They return the
  // value when it passed (nullopt when absent or failed).
  std::optional<std::string> String(const nlohmann::json& object, const std::string& key,
                                    const std::string& path, bool required, std::size_t min_chars,
                                    std::size_t max_chars);
  std::optional<std::int64_t> Integer(const nlohmann::json& object, const std::string& key,
                                      const std::string& path, bool required, std::int64_t min,
                                      std::int64_t max);
  // A resume's text (`base64` false) or file (`base64` true): String's rules, then the
  // per-resume cap model::kMaxResumeBytes (a file counted as decoded) and, summed over every
  // resume this validator has seen, model::kMaxRequestResumeBytes. The text is moved out of
  // `object` (the parsed body is not read again), so the request holds one copy less.
  std::optional<std::string> ResumeText(nlohmann::json& object, const std::string& key,
                                        const std::string& path, std::size_t min_chars,
                                        bool base64);
  // An absolute http(s) URL.
  std::optional<std::string> Url(const nlohmann::json& object, const std::string& key,
                                 const std::string& path, bool required);

 private:
  // String's checks; the string inside `object` when they passed, else null.
  const std::string* CheckedString(const nlohmann::json& object, const std::string& key,
                                   const std::string& path, bool required, std::size_t min_chars,
                                   std::size_t max_chars);

  http::FieldErrors errors_;
  std::size_t resume_bytes_ = 0;  // decoded bytes of the resumes read so far
};

// Parses a JSON object body, or answers the error response to send (400 for the Evaluate API's
// style is chosen by the caller through `status`).
std::optional<nlohmann::json> ParseJsonObject(const std::string& body, int status,
                                              http::Response* error);

// A query parameter as an integer in [min, max]; records a failure under its name.
std::optional<std::int64_t> QueryInteger(const http::Request& request, const std::string& name,
                                         std::int64_t min, std::int64_t max, Validator* v);

// Length in Unicode code points (what users mean by "characters").
std::size_t Utf8Length(const std::string& s);

}  // namespace shortlist::api
