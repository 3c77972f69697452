// A book of text templates parsed from data/generate/*.txt (internal to the generate module).
//
// File format (one book per file):
//   # comment                      ignored, as are blank lines
//   @ invite.subject.friendly      starts the entry for a key
//   Let's talk about {job_title}   each following line is one variant of that entry
//
// In a variant, `{name}` is replaced by the variable `name`, `\n` is a line break, and an
// optional segment `[[ ... ]]` is dropped when any variable inside it is empty (it is kept,
// with its variables filled in, when all are set).
//
// Choosing a variant: a variant is *usable* when every variable outside its optional segments
// is non-empty. Among the usable variants the most specific wins (the one that needs the most
// distinct variables), so "Dear {first_name}," beats "Dear candidate," whenever a name is known;
// ties are broken by a hash of the caller's seed and the key, so the same input always yields
// the same text while different candidates read differently.
//
// Immutable after Parse(); safe to share between threads.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace shortlist::generate {

using TemplateVars = std::map<std::string, std::string, std::less<>>;

class TemplateBook {
 public:
  // Error code "invalid_template" (with the line number) for an unclosed `{` or `[[`, a variant
  // before any `@ key`, or an empty key.
  static Result<TemplateBook> Parse(std::string_view text);

  bool Has(std::string_view key) const;
  std::vector<std::string> Keys() const;

  // Renders the chosen variant of the first key in `keys` that exists and has a usable variant.
  // Returns "" when none does. Variables are looked up in `overlay` first (when given; a key
  // present there wins even when empty), then in `vars`, so callers add per-item variables
  // without copying the shared ones.
  std::string Render(const std::vector<std::string>& keys, const TemplateVars& vars,
                     std::uint64_t seed, const TemplateVars* overlay = nullptr) const;
  std::string Render(std::string_view key, const TemplateVars& vars, std::uint64_t seed,
                     const TemplateVars* overlay = nullptr) const {
    return Render(std::vector<std::string>{std::string(key)}, vars, seed, overlay);
  }

  // Every variable name used anywhere in the book, sorted (tests check them against the writers').
  std::vector<std::string> Variables() const;

  // Every variant of `key`, rendered (used by tests to check that all templates fill in).
  std::vector<std::string> RenderAll(std::string_view key, const TemplateVars& vars) const;

 private:
  struct Segment {
    enum class Kind { kText, kVariable, kOptional } kind = Kind::kText;
    std::string text;               // literal text, or the variable name
    std::vector<Segment> children;  // for kOptional: its text and variables
  };
  struct Variant {
    std::vector<Segment> segments;
    std::vector<std::string> required;  // distinct variables outside optional segments
  };

  struct Lookup {
    const TemplateVars& vars;
    const TemplateVars* overlay;
    std::string_view operator()(const std::string& name) const;
  };
  static bool Usable(const Variant& variant, const Lookup& lookup);
  static std::string RenderVariant(const Variant& variant, const Lookup& lookup);

  std::map<std::string, std::vector<Variant>, std::less<>> entries_;
};

// Loads a compiled-in book once; a malformed embedded file is a build defect, so this aborts
// with the parse error instead of returning it (tests parse every embedded book).
const TemplateBook& EmbeddedBook(std::string_view name);

}  // namespace shortlist::generate
