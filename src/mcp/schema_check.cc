#include "mcp/schema_check.h"

#include <algorithm>
#include <optional>

namespace shortlist::mcp {
namespace {

using nlohmann::json;

bool HasType(const json& value, const std::string& type) {
  if (type == "object") return value.is_object();
  if (type == "array") return value.is_array();
  if (type == "string") return value.is_string();
  if (type == "boolean") return value.is_boolean();
  if (type == "null") return value.is_null();
  if (type == "number") return value.is_number();
  if (type == "integer") {
    if (value.is_number_integer()) return true;
    // 3.0 is an integer in JSON Schema.
    return value.is_number_float() &&
           value.get<double>() == static_cast<double>(static_cast<long long>(value.get<double>()));
  }
  return true;  // an unknown type name constrains nothing
}

std::size_t CodePoints(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// A non-negative integer keyword (minLength, maxItems ...), whether stored signed or unsigned.
std::optional<std::size_t> Count(const json& n) {
  if (n.is_number_unsigned()) return n.get<std::size_t>();
  if (n.is_number_integer() && n.get<long long>() >= 0) {
    return static_cast<std::size_t>(n.get<long long>());
  }
  return std::nullopt;
}

std::string Number(const json& n) {
  std::string s = n.dump();
  return s;
}

void Check(const json& schema, const json& value, const std::string& path,
           std::vector<std::string>* errors);

// "type" (a name or a list of names): false, with the error, when the value has none of them.
bool CheckType(const json& schema, const json& value, const std::string& path,
               std::vector<std::string>* errors) {
  auto type = schema.find("type");
  if (type == schema.end()) return true;
  std::vector<std::string> types;
  if (type->is_string()) types.push_back(type->get<std::string>());
  if (type->is_array()) {
    for (const auto& t : *type) {
      if (t.is_string()) types.push_back(t.get<std::string>());
    }
  }
  if (types.empty() ||
      std::any_of(types.begin(), types.end(), [&](const auto& t) { return HasType(value, t); })) {
    return true;
  }
  std::string names;
  for (const auto& t : types) names += (names.empty() ? "" : " or ") + t;
  const bool vowel = std::string("aeiou").find(names[0]) != std::string::npos;
  errors->push_back(path + " must be " + (vowel ? "an " : "a ") + names);
  return false;
}

// "enum", and the bounds of a number (minimum, maximum) or a string (minLength, maxLength).
void CheckScalar(const json& schema, const json& value, const std::string& path,
                 std::vector<std::string>* errors) {
  if (auto allowed = schema.find("enum"); allowed != schema.end() && allowed->is_array()) {
    if (std::find(allowed->begin(), allowed->end(), value) == allowed->end()) {
      std::string names;
      for (const auto& a : *allowed) names += (names.empty() ? "" : ", ") + a.dump();
      errors->push_back(path + " must be one of " + names);
    }
  }
  if (value.is_number()) {
    const double v = value.get<double>();
    if (auto min = schema.find("minimum");
        min != schema.end() && min->is_number() && v < min->get<double>()) {
      errors->push_back(path + " must be at least " + Number(*min));
    }
    if (auto max = schema.find("maximum");
        max != schema.end() && max->is_number() && v > max->get<double>()) {
      errors->push_back(path + " must be at most " + Number(*max));
    }
  }
  if (value.is_string()) {
    const std::size_t n = CodePoints(value.get<std::string>());
    if (auto min = schema.find("minLength");
        min != schema.end() && Count(*min) && n < *Count(*min)) {
      errors->push_back(path + " must be at least " + Number(*min) + " characters long");
    }
    if (auto max = schema.find("maxLength");
        max != schema.end() && Count(*max) && n > *Count(*max)) {
      errors->push_back(path + " must be at most " + Number(*max) + " characters long");
    }
  }
}

// minItems, maxItems, and each item against "items".
void CheckArray(const json& schema, const json& value, const std::string& path,
                std::vector<std::string>* errors) {
  if (auto min = schema.find("minItems");
      min != schema.end() && Count(*min) && value.size() < *Count(*min)) {
    errors->push_back(path + " must have at least " + Number(*min) + " items");
  }
  if (auto max = schema.find("maxItems");
      max != schema.end() && Count(*max) && value.size() > *Count(*max)) {
    errors->push_back(path + " must have at most " + Number(*max) + " items");
  }
  if (auto items = schema.find("items"); items != schema.end() && items->is_object()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      Check(*items, value[i], path + "[" + std::to_string(i) + "]", errors);
    }
  }
}

// "required", each known property against its schema, and unknown ones when
// additionalProperties is false.
void CheckObject(const json& schema, const json& value, const std::string& path,
                 std::vector<std::string>* errors) {
  const json properties = schema.value("properties", json::object());
  if (auto required = schema.find("required"); required != schema.end() && required->is_array()) {
    for (const auto& name : *required) {
      if (name.is_string() && !value.contains(name.get<std::string>())) {
        errors->push_back(path + "." + name.get<std::string>() + " is required");
      }
    }
  }
  const bool closed = schema.contains("additionalProperties") &&
                      schema["additionalProperties"].is_boolean() &&
                      !schema["additionalProperties"].get<bool>();
  for (const auto& [key, member] : value.items()) {
    if (properties.is_object() && properties.contains(key)) {
      Check(properties[key], member, path + "." + key, errors);
    } else if (closed) {
      errors->push_back(path + "." + key + " is not a known argument");
    }
  }
}

void Check(const json& schema, const json& value, const std::string& path,
           std::vector<std::string>* errors) {
  if (!schema.is_object()) return;
  if (!CheckType(schema, value, path, errors)) return;
  CheckScalar(schema, value, path, errors);
  if (value.is_array()) CheckArray(schema, value, path, errors);
  if (value.is_object()) CheckObject(schema, value, path, errors);
}

}  // namespace

std::vector<std::string> CheckAgainstSchema(const json& schema, const json& value,
                                            const std::string& path) {
  std::vector<std::string> errors;
  Check(schema, value, path, &errors);
  return errors;
}

}  // namespace shortlist::mcp
