// The lexical tokenizer every lexical and semantic feature is keyed by (its hashes key the IDF and
// concept tables): its contract, checked against a plain byte-at-a-time reading of it.
#include <random>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "engine/text.h"

namespace shortlist::engine {
namespace {

using Tokens = std::vector<std::pair<std::string, uint64_t>>;

Tokens Tokenize(std::string_view text) {
  Tokens out;
  ForEachToken(text, [&](std::string_view t, uint64_t h) { out.emplace_back(std::string(t), h); });
  return out;
}

// The tokenizer's contract written plainly, a byte at a time: runs of ASCII letters and digits,
// lower-cased, their first 46 bytes kept, a "++" or "#" right after kept too, a plural "s"
// dropped (not after s, u or i, and only from tokens of 4+ bytes), one-byte tokens other than a
// letter (or "a") and stopwords dropped.
Tokens Reference(std::string_view text) {
  Tokens out;
  size_t i = 0;
  while (i < text.size()) {
    if (!IsAsciiAlnum(text[i])) {
      ++i;
      continue;
    }
    std::string token;
    for (; i < text.size() && IsAsciiAlnum(text[i]); ++i) {
      if (token.size() < 46) token += AsciiLower(text[i]);
    }
    if (i + 1 < text.size() && text[i] == '+' && text[i + 1] == '+') {
      token += "++";
      i += 2;
    } else if (i < text.size() && text[i] == '#') {
      token += '#';
      ++i;
    }
    const size_t n = token.size();
    if (n > 3 && token[n - 1] == 's' && token[n - 2] != 's' && token[n - 2] != 'u' &&
        token[n - 2] != 'i') {
      token.pop_back();
    }
    if (token.size() < 2 && !(token.size() == 1 && IsAsciiAlpha(token[0]) && token[0] != 'a')) {
      continue;
    }
    if (IsStopword(token)) continue;
    out.emplace_back(token, Fnv1a(token));
  }
  return out;
}

TEST(TextTest, TokensAndHashesAreThoseOfThePlainReading) {
  EXPECT_EQ(Tokenize("Led C++ and C# teams; wrote Python-3 APIs for 12 Clients."),
            (Tokens{{"led", Fnv1a("led")},
                    {"c++", Fnv1a("c++")},
                    {"c#", Fnv1a("c#")},
                    {"team", Fnv1a("team")},
                    {"wrote", Fnv1a("wrote")},
                    {"python", Fnv1a("python")},
                    {"apis", Fnv1a("apis")},
                    {"12", Fnv1a("12")},
                    {"client", Fnv1a("client")}}));
  // Random texts of words of every length (past 16 and past the 46 bytes kept), punctuation,
  // "++"/"#", capitals, digits and UTF-8, cut at every length so tokens meet the text's end.
  std::mt19937 rng(7);
  const std::string alphabet =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789   ,.;:-+#/()\n\t\xc3\xa9";
  for (int round = 0; round < 300; ++round) {
    std::string text;
    const size_t length = rng() % 400;
    while (text.size() < length) {
      if (rng() % 6 == 0) {
        text.append(rng() % 70, static_cast<char>('a' + rng() % 26));  // a long word
      } else {
        text += alphabet[rng() % alphabet.size()];
      }
    }
    for (size_t cut : {text.size(), text.size() / 2, text.size() / 3 + 1}) {
      const std::string_view t = std::string_view(text).substr(0, std::min(cut, text.size()));
      ASSERT_EQ(Tokenize(t), Reference(t)) << "text: \"" << t << "\"";
    }
  }
}

}  // namespace
}  // namespace shortlist::engine
