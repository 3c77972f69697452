#include "interview/answer_signals.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

namespace shortlist::interview {
namespace {

bool In(const PhraseSet& set, const std::string& token) { return set.Contains(token); }

bool IsSubject(const std::string& token) {
  return token == "i" || token == "we" || token == "i've" || token == "we've" || token == "i'd" ||
         token == "we'd";
}

// "I then migrated", "we also built": a subject, up to two adverbs, an action verb.
bool ActionAt(const Lexicon& lexicon, const std::vector<Token>& tokens, std::size_t i) {
  if (!IsSubject(tokens[i].text)) return false;
  for (std::size_t k = i + 1; k < tokens.size() && k <= i + 3; ++k) {
    if (tokens[k].sentence != tokens[i].sentence) return false;
    if (In(lexicon.action_verbs, tokens[k].text)) return true;
    if (!In(lexicon.action_adverbs, tokens[k].text)) return false;
  }
  return false;
}

// "40ms", "3x", "10k": a number glued to a unit.
bool GluedMetric(const Lexicon& lexicon, const std::string& token) {
  std::size_t digits = 0;
  while (digits < token.size() &&
         (std::isdigit(static_cast<unsigned char>(token[digits])) || token[digits] == '.')) {
    ++digits;
  }
  if (digits == 0 || digits == token.size()) return false;
  return In(lexicon.metric_units, token.substr(digits));
}

bool IsYear(const std::string& token) {
  return token.size() == 4 && IsNumber(token) &&
         (token.rfind("19", 0) == 0 || token.rfind("20", 0) == 0);
}

int MetricsIn(const Lexicon& lexicon, const std::vector<Token>& tokens) {
  int metrics = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::string& t = tokens[i].text;
    if (GluedMetric(lexicon, t)) {
      ++metrics;
    } else if (IsNumber(t) && !IsYear(t)) {
      bool unit_after = i + 1 < tokens.size() && lexicon.metric_units.MatchAt(tokens, i + 1) > 0;
      bool dollar_before = i > 0 && tokens[i - 1].text == "$";
      if (unit_after || dollar_before) ++metrics;
    }
  }
  return metrics;
}

bool HasYearAfterIn(const std::vector<Token>& tokens) {
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    if ((tokens[i].text == "in" || tokens[i].text == "since") && IsYear(tokens[i + 1].text)) {
      return true;
    }
  }
  return false;
}

std::vector<std::string> SplitSentences(const std::string& text) {
  std::vector<std::string> sentences;
  std::string current;
  for (std::size_t i = 0; i < text.size(); ++i) {
    current += text[i];
    char c = text[i];
    bool end = (c == '.' || c == '!' || c == '?') &&
               (i + 1 == text.size() || std::isspace(static_cast<unsigned char>(text[i + 1])));
    if (end) {
      std::size_t start = current.find_first_not_of(' ');
      if (start != std::string::npos) sentences.push_back(current.substr(start));
      current.clear();
    }
  }
  std::size_t start = current.find_first_not_of(' ');
  if (start != std::string::npos) sentences.push_back(current.substr(start));
  return sentences;
}

}  // namespace

AnswerSignals AnalyzeAnswer(const Lexicon& lexicon, AnswerAnalysis& analysis) {
  AnswerSignals s;
  std::vector<Token> tokens = Tokenize(analysis.answer);
  for (const Token& t : tokens) {
    if (t.text != "%" && t.text != "$") ++s.words;
    if (In(lexicon.first_person_singular, t.text)) ++s.singular;
    if (In(lexicon.first_person_plural, t.text)) ++s.plural;
  }
  s.sentences = tokens.empty() ? 0 : tokens.back().sentence + 1;
  s.ownership_phrases = lexicon.ownership.Count(tokens);
  s.hedges = lexicon.hedges.Count(tokens);
  s.fillers = lexicon.fillers.Count(tokens);
  s.metrics = MetricsIn(lexicon, tokens);
  s.problem_cues = lexicon.problem_solving_cues.Count(tokens);
  s.collaboration_cues = lexicon.collaboration_cues.Count(tokens);
  s.leadership_cues = lexicon.leadership_cues.Count(tokens);
  s.technical_terms = lexicon.technical_terms.Found(tokens);
  s.behavioural_question = lexicon.behavioural_question_cues.Count(Tokenize(analysis.question)) > 0;

  bool action = false;
  for (std::size_t i = 0; i < tokens.size() && !action; ++i) action = ActionAt(lexicon, tokens, i);
  analysis.situation = lexicon.situation_cues.Count(tokens) > 0 || HasYearAfterIn(tokens);
  analysis.task = lexicon.task_cues.Count(tokens) > 0;
  analysis.action = action;
  analysis.result = lexicon.result_cues.Count(tokens) > 0 || s.metrics > 0;
  analysis.star_components =
      int{analysis.situation} + int{analysis.task} + int{analysis.action} + int{analysis.result};

  // The sentence worth quoting: first-person action, measured result, technical detail.
  for (const std::string& sentence : SplitSentences(analysis.answer)) {
    std::vector<Token> st = Tokenize(sentence);
    bool st_action = false;
    for (std::size_t i = 0; i < st.size() && !st_action; ++i) st_action = ActionAt(lexicon, st, i);
    int weight = (st_action ? 2 : 0) + (MetricsIn(lexicon, st) > 0 ? 2 : 0) +
                 (lexicon.result_cues.Count(st) > 0 ? 1 : 0) +
                 std::min<int>(2, static_cast<int>(lexicon.technical_terms.Found(st).size())) +
                 (lexicon.ownership.Count(st) > 0 ? 1 : 0);
    if (st.size() >= 4 && weight > s.best_sentence_weight) {
      s.best_sentence_weight = weight;
      s.best_sentence = sentence;
    }
  }

  if (s.words < 20) analysis.flags.push_back("short answer");
  double per_100 = s.words > 0 ? 100.0 * s.hedges / s.words : 0;
  // Vague: hedged, or long enough to say something yet without a single concrete element (no
  // situation, task, action or result, no technical term, no number).
  bool hedged = (s.hedges >= 2 && per_100 >= 3) || (s.hedges >= 1 && s.words < 20);
  bool nothing_concrete =
      s.words >= 15 && analysis.star_components == 0 && s.technical_terms.empty() && s.metrics == 0;
  if (hedged || nothing_concrete) analysis.flags.push_back("vague");
  if (s.plural >= 3 && 4 * (s.singular + s.ownership_phrases) < s.plural) {
    analysis.flags.push_back("low ownership");
  }
  return s;
}

namespace {

struct YearsClaim {
  std::size_t answer;
  double years;
  std::string term;
};

// "5 years of Python", "5+ years with python", "two"? (digits only): the term after the unit.
std::vector<YearsClaim> YearsClaims(const Lexicon& lexicon, const std::vector<Token>& tokens,
                                    std::size_t answer) {
  std::vector<YearsClaim> claims;
  for (std::size_t i = 0; i + 2 < tokens.size(); ++i) {
    if (!IsNumber(tokens[i].text) || IsYear(tokens[i].text)) continue;
    if (tokens[i + 1].text != "years" && tokens[i + 1].text != "year") continue;
    for (std::size_t k = i + 2; k < tokens.size() && k <= i + 5; ++k) {
      if (tokens[k].sentence != tokens[i].sentence) break;
      const std::string& t = tokens[k].text;
      if (lexicon.stopwords.Contains(t) || t == "professional" || t == "hands-on" || t == "doing" ||
          t == "writing" || t == "commercial") {
        continue;
      }
      claims.push_back({answer, std::atof(tokens[i].text.c_str()), t});
      break;
    }
  }
  return claims;
}

std::string Capitalised(const std::string& term) {
  std::string out = term;
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

}  // namespace

std::vector<std::string> FindContradictions(const Lexicon& lexicon,
                                            std::vector<AnswerAnalysis>& answers) {
  std::vector<std::string> found;
  std::vector<std::vector<Token>> tokens;
  for (const auto& a : answers) tokens.push_back(Tokenize(a.answer));

  auto mark = [&answers](std::size_t i) {
    auto& flags = answers[i].flags;
    if (std::find(flags.begin(), flags.end(), "contradiction") == flags.end()) {
      flags.push_back("contradiction");
    }
  };

  std::map<std::string, YearsClaim> first_claim;
  for (std::size_t a = 0; a < tokens.size(); ++a) {
    for (const YearsClaim& claim : YearsClaims(lexicon, tokens[a], a)) {
      auto [it, inserted] = first_claim.try_emplace(claim.term, claim);
      if (inserted) continue;
      if (std::fabs(it->second.years - claim.years) >= 1) {
        char buffer[200];
        std::snprintf(buffer, sizeof buffer, "%g years of %s, later %g years", it->second.years,
                      Capitalised(claim.term).c_str(), claim.years);
        found.emplace_back(buffer);
        mark(it->second.answer);
        mark(claim.answer);
        it->second = claim;  // report each further change once
      }
    }
  }

  // "never used X" in one place, "I built ... X" in another answer. Terms the candidate says
  // they acted on are indexed first, so this stays linear in the transcript's length.
  std::map<std::string, std::vector<std::size_t>> acted_on;  // term -> answers
  for (std::size_t b = 0; b < tokens.size(); ++b) {
    const auto& u = tokens[b];
    for (std::size_t j = 0; j < u.size(); ++j) {
      if (u[j].text != "i" && u[j].text != "i've") continue;
      std::size_t m = j + 1;
      while (m < u.size() && m <= j + 3 && In(lexicon.action_adverbs, u[m].text)) ++m;
      if (m >= u.size() || !In(lexicon.action_verbs, u[m].text)) continue;
      for (std::size_t n = m + 1; n < u.size() && n <= m + 6; ++n) {
        if (u[n].sentence != u[j].sentence) break;
        auto& answers_of = acted_on[u[n].text];
        if (answers_of.empty() || answers_of.back() != b) answers_of.push_back(b);
      }
    }
  }
  std::set<std::string> reported;
  for (std::size_t a = 0; a < tokens.size(); ++a) {
    const auto& t = tokens[a];
    for (std::size_t i = 0; i < t.size(); ++i) {
      std::size_t length = lexicon.negations.MatchAt(t, i);
      if (length == 0) continue;
      std::size_t k = i + length;
      while (k < t.size() && (t[k].text == "a" || t[k].text == "the" || t[k].text == "any")) ++k;
      if (k >= t.size() || t[k].sentence != t[i].sentence || t[k].text.size() < 2) continue;
      const std::string& term = t[k].text;
      auto it = acted_on.find(term);
      if (it == acted_on.end() || reported.count(term)) continue;
      for (std::size_t b : it->second) {
        if (b == a) continue;
        found.push_back("said they had never used " + Capitalised(term) +
                        " but described using it in another answer");
        reported.insert(term);
        mark(a);
        mark(b);
        break;
      }
    }
  }
  if (found.size() > 20) found.resize(20);
  return found;
}

}  // namespace shortlist::interview
