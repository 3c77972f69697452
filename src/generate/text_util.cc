#include "generate/text_util.h"

#include <cctype>
#include <cmath>
#include <cstdio>

namespace shortlist::generate {
namespace {

bool IsSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }
bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

std::vector<std::string> SplitWords(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    if (IsSpace(c)) {
      if (!word.empty()) words.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) words.push_back(word);
  return words;
}

bool IsHonorific(std::string_view word) {
  std::string lower = ToLower(word);
  while (!lower.empty() && lower.back() == '.') lower.pop_back();
  for (std::string_view h : {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir"}) {
    if (lower == h) return true;
  }
  return false;
}

// "JOHN" -> "John", "o'BRIEN" stays as written unless it is in a single case.
std::string CleanWord(std::string_view word) {
  bool has_upper = false, has_lower = false;
  for (char c : word) {
    if (std::isupper(static_cast<unsigned char>(c))) has_upper = true;
    if (std::islower(static_cast<unsigned char>(c))) has_lower = true;
  }
  std::string out(word);
  if (has_upper != has_lower) {
    bool start = true;
    for (char& c : out) {
      unsigned char u = static_cast<unsigned char>(c);
      c = static_cast<char>(start ? std::toupper(u) : std::tolower(u));
      start = (c == '-' || c == '\'');
    }
  }
  return out;
}

bool LooksLikeNameWord(std::string_view word) {
  bool letter = false;
  for (char c : word) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isdigit(u) || c == '@' || c == '/' || c == ':' || c == '{' || c == '[') return false;
    if (std::isalpha(u) || u >= 0x80) letter = true;
  }
  return letter;
}

std::vector<std::string> NameWords(std::string_view full_name) {
  std::vector<std::string> words;
  for (const std::string& word : SplitWords(full_name)) {
    if (words.empty() && IsHonorific(word)) continue;
    if (!LooksLikeNameWord(word)) return {};
    std::string cleaned = CleanWord(word);
    while (!cleaned.empty() && (cleaned.back() == ',' || cleaned.back() == ';')) {
      cleaned.pop_back();
    }
    if (!cleaned.empty()) words.push_back(cleaned);
  }
  return words;
}

}  // namespace

std::string_view Trim(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return text;
}

std::uint64_t Fnv1a(std::string_view text, std::uint64_t seed) {
  std::uint64_t hash = seed;
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return hash;
}

std::uint64_t HashCombine(std::uint64_t seed, std::string_view text) {
  std::uint64_t hash = Fnv1a(text, seed ^ 0x9e3779b97f4a7c15ull);
  // Final avalanche so that nearby seeds spread over small moduli.
  hash ^= hash >> 33;
  hash *= 0xff51afd7ed558ccdull;
  hash ^= hash >> 33;
  return hash;
}

std::string FirstName(std::string_view full_name) {
  std::vector<std::string> words = NameWords(full_name);
  return words.empty() ? std::string() : words.front();
}

std::string DisplayName(std::string_view full_name) {
  std::vector<std::string> words = NameWords(full_name);
  std::string out;
  for (const std::string& word : words) {
    if (!out.empty()) out += ' ';
    out += word;
  }
  return out;
}

std::string JoinList(const std::vector<std::string>& items, std::string_view conjunction) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) {
      out += (i + 1 == items.size()) ? " " + std::string(conjunction) + " " : ", ";
    }
    out += items[i];
  }
  return out;
}

std::string FormatYears(double years) {
  if (!(years > 0.04)) return "";
  double rounded = std::round(years * 10) / 10;
  char buffer[32];
  if (std::fabs(rounded - std::round(rounded)) < 1e-9) {
    std::snprintf(buffer, sizeof buffer, "%.0f", rounded);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.1f", rounded);
  }
  std::string out = buffer;
  return out + (out == "1" ? " year" : " years");
}

std::string FormatMinYears(double years) {
  if (!(years > 0.04)) return "";
  std::string formatted = FormatYears(years);
  std::size_t space = formatted.find(' ');
  return formatted.substr(0, space) + "+" + formatted.substr(space);
}

std::string Shorten(std::string_view text, std::size_t max_chars) {
  if (text.size() <= max_chars) return std::string(text);
  std::size_t cut = max_chars;
  while (cut > 0 && !IsSpace(text[cut])) --cut;
  if (cut == 0) cut = max_chars;
  // Never cut inside a UTF-8 sequence.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  std::string out(Trim(text.substr(0, cut)));
  while (!out.empty() && (out.back() == ',' || out.back() == ';' || out.back() == ':')) {
    out.pop_back();
  }
  return out + "...";
}

std::string AsSentence(std::string_view text, std::size_t max_chars) {
  std::string collapsed;
  for (const std::string& word : SplitWords(text)) {
    if (!collapsed.empty()) collapsed += ' ';
    collapsed += word;
  }
  collapsed = Shorten(collapsed, max_chars);
  if (collapsed.empty()) return collapsed;
  unsigned char first = static_cast<unsigned char>(collapsed.front());
  if (std::islower(first)) collapsed.front() = static_cast<char>(std::toupper(first));
  char last = collapsed.back();
  if (last != '.' && last != '!' && last != '?' && last != '"' && last != ')') collapsed += '.';
  return collapsed;
}

std::string ToLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool ContainsTerm(std::string_view haystack, std::string_view needle) {
  if (needle.empty()) return false;
  std::string hay = ToLower(haystack);
  std::string term = ToLower(needle);
  for (std::size_t pos = hay.find(term); pos != std::string::npos; pos = hay.find(term, pos + 1)) {
    bool left_ok = pos == 0 || !IsAlnum(hay[pos - 1]);
    std::size_t after = pos + term.size();
    // "C++" or "C#" end in a symbol; accept what follows them as a boundary.
    bool right_ok = after >= hay.size() || !IsAlnum(hay[after]) || !IsAlnum(term.back());
    if (left_ok && right_ok) return true;
  }
  return false;
}

}  // namespace shortlist::generate
