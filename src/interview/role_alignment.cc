#include "interview/role_alignment.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>

namespace shortlist::interview {
namespace {

constexpr std::size_t kMaxKeyTerms = 15;
constexpr std::size_t kMaxTechnicalTerms = 10;
constexpr double kFullAlignmentShare = 0.8;

bool ContentWord(const Lexicon& lexicon, const std::string& token) {
  if (token.size() < 3 || lexicon.stopwords.Contains(token)) return false;
  if (lexicon.first_person_singular.Contains(token) || lexicon.first_person_plural.Contains(token))
    return false;
  return std::any_of(token.begin(), token.end(),
                     [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
}

}  // namespace

RoleAlignment ScoreRoleAlignment(const Lexicon& lexicon, std::string_view job_description,
                                 std::string_view answers) {
  std::vector<Token> jd = Tokenize(job_description);
  std::vector<Token> said = Tokenize(answers);

  struct Term {
    std::string text;
    int weight;
  };
  std::vector<Term> terms;
  std::set<std::string> covered_stems;
  for (const std::string& phrase : lexicon.technical_terms.Found(jd)) {
    if (terms.size() >= kMaxTechnicalTerms) break;
    terms.push_back({phrase, 2});
    for (const Token& t : Tokenize(phrase)) covered_stems.insert(Stem(t.text));
  }
  std::map<std::string, std::pair<int, std::size_t>> frequency;  // stem -> (count, first index)
  std::map<std::string, std::string> surface;                    // stem -> first word seen
  for (std::size_t i = 0; i < jd.size(); ++i) {
    if (!ContentWord(lexicon, jd[i].text)) continue;
    std::string stem = Stem(jd[i].text);
    if (covered_stems.count(stem)) continue;
    auto [it, inserted] = frequency.try_emplace(stem, 0, i);
    it->second.first += 1;
    if (inserted) surface[stem] = jd[i].text;
  }
  std::vector<std::pair<std::string, std::pair<int, std::size_t>>> ranked(frequency.begin(),
                                                                          frequency.end());
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    if (a.second.first != b.second.first) return a.second.first > b.second.first;
    return a.second.second < b.second.second;
  });
  for (const auto& [stem, stats] : ranked) {
    if (terms.size() >= kMaxKeyTerms) break;
    terms.push_back({surface[stem], 1});
  }

  RoleAlignment alignment;
  if (terms.empty()) return alignment;
  std::set<std::string> said_stems;
  for (const Token& t : said) said_stems.insert(Stem(t.text));
  int total = 0, matched = 0;
  for (const Term& term : terms) {
    total += term.weight;
    bool used;
    std::vector<Token> parts = Tokenize(term.text);
    if (parts.size() > 1) {
      PhraseSet one;
      one.Add(term.text);
      used = one.Count(said) > 0;
    } else {
      used = said_stems.count(Stem(term.text)) > 0;
    }
    if (used) {
      matched += term.weight;
      alignment.matched.push_back(term.text);
    } else {
      alignment.missing.push_back(term.text);
    }
  }
  double share = static_cast<double>(matched) / total;
  alignment.score =
      static_cast<int>(std::lround(std::min(100.0, 100.0 * share / kFullAlignmentShare)));
  return alignment;
}

}  // namespace shortlist::interview
