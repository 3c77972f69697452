#include "api/validation.h"

#include <charconv>

#include "common/json_parse.h"
#include "model/job.h"

namespace shortlist::api {

std::size_t Utf8Length(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

const std::string* Validator::CheckedString(const nlohmann::json& object, const std::string& key,
                                            const std::string& path, bool required,
                                            std::size_t min_chars, std::size_t max_chars) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null() ||
      (it->is_string() && it->get_ref<const std::string&>().empty())) {
    if (required) Fail(path, "The " + path + " field is required.");
    return nullptr;
  }
  if (!it->is_string()) {
    Fail(path, "The " + path + " field must be a string.");
    return nullptr;
  }
  const std::string& s = it->get_ref<const std::string&>();
  std::size_t len = Utf8Length(s);
  bool good = true;
  if (min_chars > 0 && len < min_chars) {
    Fail(path,
         "The " + path + " field must be at least " + std::to_string(min_chars) + " characters.");
    good = false;
  }
  if (max_chars > 0 && len > max_chars) {
    Fail(path, "The " + path + " field must not be greater than " + std::to_string(max_chars) +
                   " characters.");
    good = false;
  }
  return good ? &s : nullptr;
}

std::optional<std::string> Validator::String(const nlohmann::json& object, const std::string& key,
                                             const std::string& path, bool required,
                                             std::size_t min_chars, std::size_t max_chars) {
  const std::string* s = CheckedString(object, key, path, required, min_chars, max_chars);
  if (s == nullptr) return std::nullopt;
  return *s;
}

std::optional<std::string> Validator::ResumeText(nlohmann::json& object, const std::string& key,
                                                 const std::string& path, std::size_t min_chars,
                                                 bool base64) {
  auto it = object.find(key);
  if (it != object.end() && it->is_string()) {
    // Checked before String() reads it, in bytes: a cap on memory, not on what a reader sees.
    const std::size_t size = it->get_ref<const std::string&>().size();
    const std::size_t bytes = base64 ? size / 4 * 3 : size;
    if (bytes > model::kMaxResumeBytes) {
      Fail(path, "The " + path + " field must not be greater than " +
                     std::to_string(model::kMaxResumeBytes >> 20) + " MiB" +
                     (base64 ? " once decoded." : "."));
      return std::nullopt;
    }
    resume_bytes_ += bytes;
    if (resume_bytes_ > model::kMaxRequestResumeBytes) {
      Fail(path, "The resumes of one request must not hold more than " +
                     std::to_string(model::kMaxRequestResumeBytes >> 20) +
                     " MiB together; send them in several requests.");
      return std::nullopt;
    }
  }
  if (CheckedString(object, key, path, false, min_chars, 0) == nullptr) return std::nullopt;
  return std::move(it->get_ref<std::string&>());
}

std::optional<std::int64_t> Validator::Integer(const nlohmann::json& object, const std::string& key,
                                               const std::string& path, bool required,
                                               std::int64_t min, std::int64_t max) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    if (required) Fail(path, "The " + path + " field is required.");
    return std::nullopt;
  }
  std::int64_t value = 0;
  if (it->is_number_integer()) {
    value = it->get<std::int64_t>();
  } else if (it->is_number_float() &&
             it->get<double>() ==
                 static_cast<double>(static_cast<std::int64_t>(it->get<double>()))) {
    value = static_cast<std::int64_t>(it->get<double>());
  } else {
    Fail(path, "The " + path + " field must be an integer.");
    return std::nullopt;
  }
  if (value < min || value > max) {
    Fail(path, "The " + path + " field must be between " + std::to_string(min) + " and " +
                   std::to_string(max) + ".");
    return std::nullopt;
  }
  return value;
}

std::optional<std::string> Validator::Url(const nlohmann::json& object, const std::string& key,
                                          const std::string& path, bool required) {
  auto s = String(object, key, path, required, 0, 2048);
  if (!s) return std::nullopt;
  bool scheme = s->rfind("http://", 0) == 0 || s->rfind("https://", 0) == 0;
  std::size_t host_start = s->find("://") + 3;
  if (!scheme || host_start >= s->size() || (*s)[host_start] == '/' ||
      s->find_first_of(" \t\r\n") != std::string::npos) {
    Fail(path, "The " + path + " field must be a valid http or https URL.");
    return std::nullopt;
  }
  return s;
}

std::optional<nlohmann::json> ParseJsonObject(const std::string& body, int status,
                                              http::Response* error) {
  Result<nlohmann::json> result = ParseJson(body);
  if (!result.ok() && result.error().code == "json_too_deep") {
    std::string message = "The request body nests objects and arrays deeper than " +
                          std::to_string(kMaxJsonDepth) + " levels.";
    *error = http::ErrorResponse(status, message, {{"body", {message}}});
    return std::nullopt;
  }
  if (!result.ok()) {
    *error = http::ErrorResponse(status, "The request body is not valid JSON.",
                                 {{"body", {"The body must be a JSON object."}}});
    return std::nullopt;
  }
  nlohmann::json parsed = std::move(result).value();
  if (!parsed.is_object()) {
    *error = http::ErrorResponse(status, "The request body must be a JSON object.",
                                 {{"body", {"The body must be a JSON object."}}});
    return std::nullopt;
  }
  return parsed;
}

std::optional<std::int64_t> QueryInteger(const http::Request& request, const std::string& name,
                                         std::int64_t min, std::int64_t max, Validator* v) {
  auto raw = request.Query(name);
  if (!raw || raw->empty()) return std::nullopt;
  std::int64_t value = 0;
  auto [ptr, ec] = std::from_chars(raw->data(), raw->data() + raw->size(), value);
  if (ec != std::errc() || ptr != raw->data() + raw->size()) {
    v->Fail(name, "The " + name + " parameter must be an integer.");
    return std::nullopt;
  }
  if (value < min || value > max) {
    v->Fail(name, "The " + name + " parameter must be between " + std::to_string(min) + " and " +
                      std::to_string(max) + ".");
    return std::nullopt;
  }
  return value;
}

}  // namespace shortlist::api
