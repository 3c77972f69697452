// Tokens and phrase matching for transcript analysis (internal).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace shortlist::interview {

struct Token {
  std::string text;  // lowercase word ("i'm", "c++", "node.js", "40", "%", "$")
  int sentence = 0;  // index of the sentence it is in
};

// Lowercase words, numbers and the symbols % and $; sentences end at . ! ? (not inside a number
// or a name like "node.js").
std::vector<Token> Tokenize(std::string_view text);

// A set of phrases (token sequences) found by their first token.
class PhraseSet {
 public:
  void Add(std::string_view phrase);
  bool empty() const { return by_first_.empty(); }

  // Number of phrase occurrences in `tokens` (overlapping occurrences of different phrases all
  // count; a phrase does not cross a sentence end).
  int Count(const std::vector<Token>& tokens) const;
  // The distinct phrases that occur, in order of first occurrence.
  std::vector<std::string> Found(const std::vector<Token>& tokens) const;
  // Length (in tokens) of the longest phrase starting at tokens[i], 0 when none.
  std::size_t MatchAt(const std::vector<Token>& tokens, std::size_t i) const;
  bool Contains(std::string_view single_token) const;

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::vector<std::vector<std::string>>, Hash, std::equal_to<>>
      by_first_;
};

// Light stemming so "deployments" meets "deploy" and "scaling" meets "scale".
std::string Stem(std::string_view word);

bool IsNumber(std::string_view token);

}  // namespace shortlist::interview
