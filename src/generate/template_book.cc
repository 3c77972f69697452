#include "generate/template_book.h"

#include <algorithm>

#include "generate/text_util.h"

namespace shortlist::generate {
namespace {

Error ParseError(int line, std::string message) {
  return Error::Make("invalid_template", "line " + std::to_string(line) + ": " + message);
}

void AddRequired(std::vector<std::string>& required, const std::string& name) {
  if (std::find(required.begin(), required.end(), name) == required.end()) {
    required.push_back(name);
  }
}

}  // namespace

Result<TemplateBook> TemplateBook::Parse(std::string_view text) {
  TemplateBook book;
  std::vector<Variant>* current = nullptr;
  int line_number = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::string_view trimmed = Trim(line);
    if (trimmed.empty() || trimmed.front() == '#') continue;
    if (trimmed.front() == '@') {
      std::string key(Trim(trimmed.substr(1)));
      if (key.empty()) return ParseError(line_number, "empty key after '@'");
      current = &book.entries_[key];
      continue;
    }
    if (current == nullptr) return ParseError(line_number, "variant before any '@ key'");

    Variant variant;
    std::vector<Segment>* out = &variant.segments;
    Segment optional{Segment::Kind::kOptional, {}, {}};
    bool in_optional = false;
    std::string literal;
    auto flush = [&] {
      if (!literal.empty()) out->push_back(Segment{Segment::Kind::kText, literal, {}});
      literal.clear();
    };
    for (std::size_t i = 0; i < trimmed.size(); ++i) {
      char c = trimmed[i];
      if (c == '\\' && i + 1 < trimmed.size() && trimmed[i + 1] == 'n') {
        literal += '\n';
        ++i;
      } else if (c == '{') {
        std::size_t close = trimmed.find('}', i);
        if (close == std::string_view::npos) return ParseError(line_number, "unclosed '{'");
        flush();
        std::string name(Trim(trimmed.substr(i + 1, close - i - 1)));
        if (name.empty()) return ParseError(line_number, "empty '{}'");
        out->push_back(Segment{Segment::Kind::kVariable, name, {}});
        if (!in_optional) AddRequired(variant.required, name);
        i = close;
      } else if (trimmed.compare(i, 2, "[[") == 0) {
        if (in_optional) return ParseError(line_number, "nested '[['");
        flush();
        in_optional = true;
        optional.children.clear();
        out = &optional.children;
        ++i;
      } else if (trimmed.compare(i, 2, "]]") == 0 && in_optional) {
        flush();
        in_optional = false;
        out = &variant.segments;
        out->push_back(optional);
        ++i;
      } else {
        literal += c;
      }
    }
    if (in_optional) return ParseError(line_number, "unclosed '[['");
    flush();
    current->push_back(std::move(variant));
  }
  return book;
}

bool TemplateBook::Has(std::string_view key) const { return entries_.find(key) != entries_.end(); }

std::vector<std::string> TemplateBook::Keys() const {
  std::vector<std::string> keys;
  for (const auto& [key, variants] : entries_) keys.push_back(key);
  return keys;
}

std::string_view TemplateBook::Lookup::operator()(const std::string& name) const {
  if (overlay != nullptr) {
    auto it = overlay->find(name);
    if (it != overlay->end()) return it->second;
  }
  auto it = vars.find(name);
  return it == vars.end() ? std::string_view() : std::string_view(it->second);
}

bool TemplateBook::Usable(const Variant& variant, const Lookup& lookup) {
  for (const std::string& name : variant.required) {
    if (lookup(name).empty()) return false;
  }
  return true;
}

std::string TemplateBook::RenderVariant(const Variant& variant, const Lookup& value_of) {
  std::string out;
  for (const Segment& segment : variant.segments) {
    switch (segment.kind) {
      case Segment::Kind::kText:
        out += segment.text;
        break;
      case Segment::Kind::kVariable:
        out += value_of(segment.text);
        break;
      case Segment::Kind::kOptional: {
        bool complete = true;
        for (const Segment& child : segment.children) {
          if (child.kind == Segment::Kind::kVariable && value_of(child.text).empty()) {
            complete = false;
          }
        }
        if (!complete) break;
        for (const Segment& child : segment.children) {
          out += child.kind == Segment::Kind::kText ? std::string_view(child.text)
                                                    : value_of(child.text);
        }
        break;
      }
    }
  }
  return out;
}

std::string TemplateBook::Render(const std::vector<std::string>& keys, const TemplateVars& vars,
                                 std::uint64_t seed, const TemplateVars* overlay) const {
  const Lookup lookup{vars, overlay};
  for (const std::string& key : keys) {
    auto it = entries_.find(key);
    if (it == entries_.end()) continue;
    std::vector<const Variant*> best;
    std::size_t best_specificity = 0;
    for (const Variant& variant : it->second) {
      if (!Usable(variant, lookup)) continue;
      std::size_t specificity = variant.required.size();
      if (best.empty() || specificity > best_specificity) {
        best.clear();
        best_specificity = specificity;
      }
      if (specificity == best_specificity) best.push_back(&variant);
    }
    if (best.empty()) continue;
    const Variant* chosen = best[HashCombine(seed, key) % best.size()];
    return RenderVariant(*chosen, lookup);
  }
  return "";
}

std::vector<std::string> TemplateBook::Variables() const {
  std::vector<std::string> names;
  auto collect = [&names](const std::vector<Segment>& segments, auto& self) -> void {
    for (const Segment& segment : segments) {
      if (segment.kind == Segment::Kind::kVariable) names.push_back(segment.text);
      if (segment.kind == Segment::Kind::kOptional) self(segment.children, self);
    }
  };
  for (const auto& [key, variants] : entries_) {
    for (const Variant& variant : variants) collect(variant.segments, collect);
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

std::vector<std::string> TemplateBook::RenderAll(std::string_view key,
                                                 const TemplateVars& vars) const {
  std::vector<std::string> out;
  auto it = entries_.find(key);
  if (it == entries_.end()) return out;
  for (const Variant& variant : it->second) {
    out.push_back(RenderVariant(variant, Lookup{vars, nullptr}));
  }
  return out;
}

}  // namespace shortlist::generate
