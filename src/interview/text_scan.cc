#include "interview/text_scan.h"

#include <cctype>

namespace shortlist::interview {
namespace {

bool IsWordByte(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

}  // namespace

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  int sentence = 0;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) tokens.push_back({word, sentence});
    word.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    unsigned char next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
    // U+2019 (right single quote) is an apostrophe.
    if (c == 0xE2 && next == 0x80 && i + 2 < text.size() &&
        static_cast<unsigned char>(text[i + 2]) == 0x99) {
      if (!word.empty()) word += '\'';
      i += 2;
      continue;
    }
    if (IsWordByte(c)) {
      word += static_cast<char>(std::tolower(c));
    } else if ((c == '\'' || c == '-' || c == '.') && !word.empty() && IsWordByte(next)) {
      word += static_cast<char>(c);  // "i'm", "trade-off", "node.js", "3.5"
    } else if ((c == '+' || c == '#') && !word.empty()) {
      word += static_cast<char>(c);  // "c++", "c#"
    } else {
      flush();
      if (c == '%' || c == '$') tokens.push_back({std::string(1, static_cast<char>(c)), sentence});
      if ((c == '.' || c == '!' || c == '?') && !tokens.empty() &&
          tokens.back().sentence == sentence) {
        ++sentence;
      }
    }
  }
  flush();
  return tokens;
}

void PhraseSet::Add(std::string_view phrase) {
  std::vector<std::string> words;
  for (const Token& token : Tokenize(phrase)) words.push_back(token.text);
  if (words.empty()) return;
  std::string first = words.front();
  by_first_[first].push_back(std::move(words));
}

std::size_t PhraseSet::MatchAt(const std::vector<Token>& tokens, std::size_t i) const {
  auto it = by_first_.find(tokens[i].text);
  if (it == by_first_.end()) return 0;
  std::size_t best = 0;
  for (const auto& phrase : it->second) {
    if (i + phrase.size() > tokens.size() || phrase.size() <= best) continue;
    bool match = true;
    for (std::size_t k = 1; k < phrase.size() && match; ++k) {
      match = tokens[i + k].text == phrase[k] && tokens[i + k].sentence == tokens[i].sentence;
    }
    if (match) best = phrase.size();
  }
  return best;
}

int PhraseSet::Count(const std::vector<Token>& tokens) const {
  int count = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (MatchAt(tokens, i) > 0) ++count;
  }
  return count;
}

std::vector<std::string> PhraseSet::Found(const std::vector<Token>& tokens) const {
  std::vector<std::string> found;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    std::size_t length = MatchAt(tokens, i);
    if (length == 0) continue;
    std::string phrase;
    for (std::size_t k = 0; k < length; ++k) phrase += (k ? " " : "") + tokens[i + k].text;
    bool seen = false;
    for (const auto& f : found) seen = seen || f == phrase;
    if (!seen) found.push_back(phrase);
  }
  return found;
}

bool PhraseSet::Contains(std::string_view single_token) const {
  auto it = by_first_.find(single_token);
  if (it == by_first_.end()) return false;
  for (const auto& phrase : it->second) {
    if (phrase.size() == 1) return true;
  }
  return false;
}

std::string Stem(std::string_view word) {
  std::string w(word);
  auto ends = [&w](std::string_view suffix) {
    return w.size() >= suffix.size() &&
           w.compare(w.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (w.size() > 5 && ends("ing")) {
    w.resize(w.size() - 3);
  } else if (w.size() > 4 && ends("ies")) {
    w.resize(w.size() - 3);
    w += 'y';
  } else if (w.size() > 4 && (ends("ses") || ends("xes") || ends("ches") || ends("shes"))) {
    w.resize(w.size() - 2);
  } else if (w.size() > 4 && ends("ed")) {
    w.resize(w.size() - 2);
  } else if (w.size() > 3 && ends("s") && !ends("ss") && !ends("us") && !ends("is")) {
    w.resize(w.size() - 1);
  }
  if (w.size() > 3 && ends("e")) w.resize(w.size() - 1);  // "scale" ~ "scal(ing)"
  return w;
}

bool IsNumber(std::string_view token) {
  if (token.empty()) return false;
  bool digit = false;
  for (char c : token) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digit = true;
    } else if (c != '.' && c != ',') {
      return false;
    }
  }
  return digit;
}

}  // namespace shortlist::interview
