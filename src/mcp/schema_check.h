// A JSON Schema checker for the subset tool schemas use: type (one name or a list), properties,
// required, additionalProperties (false), enum, minimum, maximum, minLength, maxLength (in code
// points), items, minItems, maxItems. Other keywords are ignored (accepted).
//
// Pure; safe from any thread.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace shortlist::mcp {

// Every way `value` breaks `schema`, each naming the path ("arguments.resumes[0].content must be
// a string"); empty when it conforms. `path` names the root in the messages.
std::vector<std::string> CheckAgainstSchema(const nlohmann::json& schema,
                                            const nlohmann::json& value,
                                            const std::string& path = "arguments");

}  // namespace shortlist::mcp
