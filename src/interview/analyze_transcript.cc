// AnalyzeTranscript: competency scores, concern flags and the interviewer summary.
//
// Every competency is 0-100, computed from counts in the candidate's answers (answer_signals.h
// for the counts, lexicons.txt for the word lists). The formulas, with the constants of the
// `formula` namespace below (each number is written there once):
//   technical_depth        100 * (1 - exp(-T / kTermScale)) + kMeasuredBonus * M; T = distinct
//                          technical terms per answer (mean), M = share of answers with a
//                          measured result
//   communication_clarity  per answer 100 minus penalties for length (kShortWords, kBriefWords,
//                          kLongWords), long sentences (kLongSentenceWords), hedges and fillers
//                          (per 100 words, capped); the mean over answers
//   problem_solving        per answer kProblemBase + kPerCue per reasoning cue (at most
//                          kMaxCues) + kPerElement each for an action, a result and a number,
//                          less kTerseAnswerPenalty under kTerseWords words; the mean
//   ownership              kOwnershipBase + kOwnershipSpan * r; r = (I + 2 * "I led"-phrases)
//                          / (those + we), 0.5 with neither
//   collaboration          kCollaborationBase + kPerCollaborationCue per answer
//   leadership             kLeadershipBase + kPerLeadershipCue per answer
//   star_structure         kPerStarComponent * mean STAR components
//   role_alignment         see role_alignment.h
// The overall score is their weighted mean (WeightsFor the interview type; role_alignment weighs
// kAlignmentWeight when present) less kPerContradiction points per contradiction, at most
// kMaxContradictionPenalty.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>

#include "interview/answer_signals.h"
#include "interview/interview.h"
#include "interview/lexicon.h"
#include "interview/role_alignment.h"

namespace shortlist::interview {
namespace {

namespace formula {
constexpr double kTermScale = 3;       // technical_depth: terms per answer at 63 % of the range
constexpr double kMeasuredBonus = 10;  // ... for answers that measured their result
constexpr int kShortWords = 15, kShortPenalty = 45;  // clarity: a one-line answer
constexpr int kBriefWords = 30, kBriefPenalty = 25;
constexpr int kLongWords = 350, kLongPenalty = 20;  // a monologue
constexpr double kLongSentenceWords = 35, kLongSentencePenalty = 15;
constexpr double kPerHedge = 6, kMaxHedgePenalty = 30;    // per 100 words
constexpr double kPerFiller = 5, kMaxFillerPenalty = 25;  // per 100 words
constexpr double kProblemBase = 25, kPerCue = 10, kPerElement = 10;
constexpr int kMaxCues = 4;
constexpr int kTerseWords = 20;
constexpr double kTerseAnswerPenalty = 20;
constexpr double kOwnershipBase = 15, kOwnershipSpan = 85;
constexpr double kCollaborationBase = 30, kPerCollaborationCue = 20;
constexpr double kLeadershipBase = 25, kPerLeadershipCue = 25;
constexpr double kPerStarComponent = 25;
constexpr double kAlignmentWeight = 0.2;
constexpr double kPerContradiction = 5, kMaxContradictionPenalty = 15;
}  // namespace formula

int Clamp(double value) { return static_cast<int>(std::lround(std::clamp(value, 0.0, 100.0))); }

struct Weights {
  double technical, communication, problem, ownership, collaboration, leadership, star;
};

Weights WeightsFor(InterviewType type) {
  switch (type) {
    case InterviewType::kTechnical:
      return {0.40, 0.25, 0.35, 0, 0, 0, 0};
    case InterviewType::kBehavioural:
      return {0.05, 0.20, 0.15, 0.15, 0.10, 0.10, 0.25};
    case InterviewType::kMixed:
      return {0.20, 0.15, 0.20, 0.10, 0.10, 0.05, 0.20};
  }
  return {0.20, 0.15, 0.20, 0.10, 0.10, 0.05, 0.20};
}

std::string Join(const std::vector<std::string>& items, std::size_t max_items) {
  std::string out;
  std::size_t n = std::min(items.size(), max_items);
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0) out += (i + 1 == n) ? " and " : ", ";
    out += items[i];
  }
  return out;
}

std::string Quote(const std::string& text, std::size_t max_chars) {
  if (text.size() <= max_chars) return "\"" + text + "\"";
  std::size_t cut = text.rfind(' ', max_chars);
  if (cut == std::string::npos || cut < max_chars / 2) cut = max_chars;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return "\"" + text.substr(0, cut) + "...\"";
}

std::string Fixed1(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  return buffer;
}

// Ends a sentence that may close with a quotation: `"...traffic."` needs no further full stop.
std::string EndSentence(std::string s) {
  std::size_t n = s.size();
  bool quoted_stop =
      n >= 2 && s[n - 1] == '"' && (s[n - 2] == '.' || s[n - 2] == '!' || s[n - 2] == '?');
  if (!quoted_stop) s += '.';
  return s;
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A lexicon phrase as the candidate wrote it ("postgresql" -> "PostgreSQL"); "i" -> "I".
// `lower_text` is `text` in lower case.
std::string AsWritten(const std::string& phrase, const std::string& text,
                      const std::string& lower_text) {
  for (std::size_t pos = lower_text.find(phrase); pos != std::string::npos;
       pos = lower_text.find(phrase, pos + 1)) {
    bool left = pos == 0 || !std::isalnum(static_cast<unsigned char>(lower_text[pos - 1]));
    std::size_t end = pos + phrase.size();
    bool right =
        end >= lower_text.size() || !std::isalnum(static_cast<unsigned char>(lower_text[end]));
    if (left && right) return text.substr(pos, phrase.size());
  }
  std::string out = phrase;
  for (std::size_t i = 0; i < out.size(); ++i) {
    bool alone = (i == 0 || out[i - 1] == ' ') &&
                 (i + 1 == out.size() || out[i + 1] == ' ' || out[i + 1] == '\'');
    if (out[i] == 'i' && alone) out[i] = 'I';
  }
  return out;
}

bool HasFlag(const AnswerAnalysis& a, std::string_view flag) {
  return std::find(a.flags.begin(), a.flags.end(), flag) != a.flags.end();
}

int AnswerClarity(const AnswerSignals& s) {
  using namespace formula;
  double score = 100;
  if (s.words < kShortWords) {
    score -= kShortPenalty;
  } else if (s.words < kBriefWords) {
    score -= kBriefPenalty;
  } else if (s.words > kLongWords) {
    score -= kLongPenalty;
  }
  if (s.sentences > 0 && static_cast<double>(s.words) / s.sentences > kLongSentenceWords) {
    score -= kLongSentencePenalty;
  }
  double words = std::max(1, s.words);
  score -= std::min(kMaxHedgePenalty, kPerHedge * 100.0 * s.hedges / words);
  score -= std::min(kMaxFillerPenalty, kPerFiller * 100.0 * s.fillers / words);
  return Clamp(score);
}

int AnswerProblemSolving(const AnswerSignals& s, const AnswerAnalysis& a) {
  using namespace formula;
  double score = kProblemBase + kPerCue * std::min(s.problem_cues, kMaxCues) +
                 (a.action ? kPerElement : 0) + (a.result ? kPerElement : 0) +
                 (s.metrics > 0 ? kPerElement : 0);
  if (s.words < kTerseWords) score -= kTerseAnswerPenalty;
  return Clamp(score);
}

// Each candidate turn answers the interviewer's turns before it.
std::vector<AnswerAnalysis> PairAnswers(const std::vector<Turn>& turns) {
  std::vector<AnswerAnalysis> answers;
  std::string pending_question;
  for (const Turn& turn : turns) {
    if (!turn.is_candidate) {
      pending_question += (pending_question.empty() ? "" : " ") + turn.text;
      continue;
    }
    AnswerAnalysis answer;
    answer.question = std::move(pending_question);
    answer.answer = turn.text;
    pending_question.clear();
    answers.push_back(std::move(answer));
  }
  return answers;
}

// The signals of each answer; flags an example question answered without one.
std::vector<AnswerSignals> ReadAnswers(const Lexicon& lexicon, InterviewType type,
                                       std::vector<AnswerAnalysis>* answers) {
  std::vector<AnswerSignals> signals;
  for (AnswerAnalysis& answer : *answers) {
    signals.push_back(AnalyzeAnswer(lexicon, answer));
    const AnswerSignals& s = signals.back();
    bool expects_example = type == InterviewType::kBehavioural || s.behavioural_question;
    if (expects_example && !answer.situation && answer.star_components < 2) {
      answer.flags.push_back("missing example");
    }
    if (expects_example && answer.action && !answer.result) {
      answer.flags.push_back("no measurable result");
    }
  }
  return signals;
}

// The counts over all answers that the scores, the concerns and the summary read.
struct Tally {
  double answers = 0;  // how many, as the divisor of the means
  double terms_per_answer = 0, metric_share = 0, clarity = 0, problem = 0, star = 0;
  int singular = 0, plural = 0, owned = 0, collaboration = 0, leadership = 0, total_words = 0;
  int with_result = 0, expecting = 0, expecting_missing_example = 0, expecting_no_result = 0;
  int short_answers = 0, vague_answers = 0, low_ownership_answers = 0, we_only_answers = 0;
  std::map<std::string, int> term_uses;
  std::vector<std::string> term_order;  // first use first
  std::vector<std::string> hedges_used;
  std::string candidate_words;  // every answer, one a line
};

void CountAnswer(const Lexicon& lexicon, bool expects_example, const AnswerSignals& s,
                 const AnswerAnalysis& a, Tally* t) {
  const double n = t->answers;
  t->terms_per_answer += static_cast<double>(s.technical_terms.size()) / n;
  t->metric_share += (s.metrics > 0 ? 1.0 : 0.0) / n;
  t->clarity += AnswerClarity(s) / n;
  t->problem += AnswerProblemSolving(s, a) / n;
  t->star += a.star_components / n;
  t->singular += s.singular;
  t->plural += s.plural;
  t->owned += s.ownership_phrases;
  t->collaboration += s.collaboration_cues;
  t->leadership += s.leadership_cues;
  t->total_words += s.words;
  t->with_result += a.result ? 1 : 0;
  t->short_answers += HasFlag(a, "short answer") ? 1 : 0;
  t->vague_answers += HasFlag(a, "vague") ? 1 : 0;
  t->low_ownership_answers += HasFlag(a, "low ownership") ? 1 : 0;
  t->we_only_answers += (HasFlag(a, "low ownership") && s.singular == 0) ? 1 : 0;
  if (expects_example) {
    ++t->expecting;
    t->expecting_missing_example += HasFlag(a, "missing example") ? 1 : 0;
    t->expecting_no_result += a.result ? 0 : 1;
  }
  for (const std::string& term : s.technical_terms) {
    if (t->term_uses[term]++ == 0) t->term_order.push_back(term);
  }
  for (const std::string& hedge : lexicon.hedges.Found(Tokenize(a.answer))) {
    if (std::find(t->hedges_used.begin(), t->hedges_used.end(), hedge) == t->hedges_used.end()) {
      t->hedges_used.push_back(hedge);
    }
  }
  t->candidate_words += a.answer + "\n";
}

Tally CountAnswers(const Lexicon& lexicon, InterviewType type,
                   const std::vector<AnswerSignals>& signals,
                   const std::vector<AnswerAnalysis>& answers) {
  Tally t;
  t.answers = static_cast<double>(answers.size());
  for (std::size_t i = 0; i < answers.size(); ++i) {
    const bool expects_example =
        type == InterviewType::kBehavioural || signals[i].behavioural_question;
    CountAnswer(lexicon, expects_example, signals[i], answers[i], &t);
  }
  return t;
}

struct Competencies {
  int technical_depth = 0, clarity = 0, problem = 0, ownership = 0, collaboration = 0,
      leadership = 0, star = 0;
  double ownership_ratio = 0.5;
};

Competencies ScoreCompetencies(const Tally& t) {
  using namespace formula;
  Competencies c;
  c.technical_depth = Clamp(100 * (1 - std::exp(-t.terms_per_answer / kTermScale)) +
                            kMeasuredBonus * t.metric_share);
  c.clarity = Clamp(t.clarity);
  c.problem = Clamp(t.problem);
  int ownership_base = t.singular + 2 * t.owned + t.plural;
  c.ownership_ratio =
      ownership_base == 0 ? 0.5 : static_cast<double>(t.singular + 2 * t.owned) / ownership_base;
  c.ownership = Clamp(kOwnershipBase + kOwnershipSpan * c.ownership_ratio);
  c.collaboration = Clamp(kCollaborationBase + kPerCollaborationCue * t.collaboration / t.answers);
  c.leadership = Clamp(kLeadershipBase + kPerLeadershipCue * t.leadership / t.answers);
  c.star = Clamp(kPerStarComponent * t.star);
  return c;
}

int OverallScore(InterviewType type, const Competencies& c, const RoleAlignment* alignment,
                 std::size_t contradictions) {
  using namespace formula;
  Weights w = WeightsFor(type);
  double weighted = w.technical * c.technical_depth + w.communication * c.clarity +
                    w.problem * c.problem + w.ownership * c.ownership +
                    w.collaboration * c.collaboration + w.leadership * c.leadership +
                    w.star * c.star;
  double weight_sum = w.technical + w.communication + w.problem + w.ownership + w.collaboration +
                      w.leadership + w.star;
  if (alignment != nullptr) {
    weighted += kAlignmentWeight * alignment->score;
    weight_sum += kAlignmentWeight;
  }
  double penalty = std::min<double>(kMaxContradictionPenalty,
                                    kPerContradiction * static_cast<double>(contradictions));
  return Clamp(weighted / weight_sum - penalty);
}

// A concern: the flag, and the words the summary cites it with (its evidence).
struct Concerns {
  std::vector<std::string> flags;
  std::vector<std::string> cited;
  void Add(const std::string& flag, const std::string& evidence) {
    flags.push_back(flag);
    cited.push_back(evidence.empty() ? flag : flag + " (" + evidence + ")");
  }
};

std::string OfAnswers(int count, std::size_t answers) {
  return std::to_string(count) + " of " + std::to_string(answers);
}

void AnswerConcerns(const Tally& t, std::size_t answers, const Competencies& c, Concerns* out) {
  const int n = static_cast<int>(t.answers);
  if ((t.singular + t.plural >= 3 && c.ownership_ratio < 0.35) ||
      (t.low_ownership_answers > 0 && 2 * t.low_ownership_answers >= n) || t.we_only_answers > 0) {
    std::string evidence = "\"we\"/\"our\" " + std::to_string(t.plural) +
                           " times against \"I\"/\"my\" " + std::to_string(t.singular);
    if (t.we_only_answers > 0) {
      evidence += "; " + OfAnswers(t.we_only_answers, answers) + " answers only say \"we\"";
    }
    out->Add("low ownership signals", evidence);
  }
  if (t.vague_answers > 0 && 3 * t.vague_answers >= n) {
    std::vector<std::string> quoted;
    for (const auto& h : t.hedges_used) quoted.push_back("\"" + AsWritten(h, "", "") + "\"");
    std::string evidence = OfAnswers(t.vague_answers, answers) + " answers without concrete detail";
    if (!quoted.empty()) evidence += ", hedging such as " + Join(quoted, 3);
    out->Add("vague answers", evidence);
  }
}

Concerns FindConcerns(InterviewType type, const Tally& t, std::size_t answers,
                      const Competencies& c, const std::vector<std::string>& contradictions,
                      const RoleAlignment* alignment) {
  Concerns out;
  AnswerConcerns(t, answers, c, &out);
  if (!contradictions.empty()) {
    std::string listed;
    for (std::size_t i = 0; i < contradictions.size() && i < 3; ++i) {
      listed += (i ? "; " : "") + contradictions[i];
    }
    out.Add("contradictions", listed);
  }
  if (t.expecting > 0 && 2 * t.expecting_missing_example >= t.expecting &&
      t.expecting_missing_example > 0) {
    out.Add("missing examples", std::to_string(t.expecting_missing_example) + " of " +
                                    std::to_string(t.expecting) +
                                    " example questions answered without one");
  }
  if (2 * t.short_answers >= static_cast<int>(t.answers) && t.short_answers > 0) {
    out.Add("short answers", OfAnswers(t.short_answers, answers) + " under 20 words");
  }
  if (t.expecting > 0 && 2 * t.expecting_no_result > t.expecting) {
    out.Add("no measurable results", std::to_string(t.expecting_no_result) + " of " +
                                         std::to_string(t.expecting) +
                                         " examples without an outcome");
  }
  if (type != InterviewType::kBehavioural && c.technical_depth < 40) {
    out.Add("limited technical depth", "");
  }
  if (alignment != nullptr && alignment->score < 30) out.Add("low role alignment", "");
  return out;
}

// Everything the summary says, in the order it says it.
struct SummaryInput {
  InterviewType type;
  const TranscriptAnalysis& analysis;
  const std::vector<AnswerSignals>& signals;
  Tally& tally;              // its term order is sorted here
  RoleAlignment* alignment;  // null when there is none
  std::string_view job_description;
  const Concerns& concerns;
};

std::string OpeningSentences(const SummaryInput& in, std::vector<std::string>* sentences) {
  const TranscriptAnalysis& out = in.analysis;
  std::string words =
      std::to_string(static_cast<int>(std::lround(in.tally.total_words / in.tally.answers)));
  sentences->push_back("Across " + std::to_string(out.answers.size()) +
                       (out.answers.size() == 1 ? " answer (" + words + " words)"
                                                : " answers (" + words + " words on average)") +
                       " in this " + std::string(ToString(in.type)) +
                       " interview, the candidate scored " +
                       std::to_string(out.overall_interview_score) + "/100.");
  std::size_t best = 0;
  for (std::size_t i = 1; i < in.signals.size(); ++i) {
    if (in.signals[i].best_sentence_weight > in.signals[best].best_sentence_weight) best = i;
  }
  if (in.signals[best].best_sentence_weight >= 2) {
    sentences->push_back(
        EndSentence("Strongest evidence: " + Quote(in.signals[best].best_sentence, 180)));
  } else {
    sentences->push_back(EndSentence("The answers gave little concrete evidence, for example " +
                                     Quote(out.answers[best].answer, 120)));
  }
  return Lower(in.tally.candidate_words);
}

void VocabularySentences(const SummaryInput& in, const std::string& lower_words,
                         std::vector<std::string>* sentences) {
  Tally& t = in.tally;
  if (!t.term_order.empty()) {
    std::stable_sort(t.term_order.begin(), t.term_order.end(),
                     [&](const auto& a, const auto& b) { return t.term_uses[a] > t.term_uses[b]; });
    t.term_order.resize(std::min<std::size_t>(t.term_order.size(), 5));
    for (std::string& term : t.term_order) term = AsWritten(term, t.candidate_words, lower_words);
    sentences->push_back("Technical vocabulary used: " + Join(t.term_order, 5) + ".");
  } else {
    sentences->push_back("The answers used almost no technical vocabulary.");
  }
  if (in.type != InterviewType::kTechnical) {
    sentences->push_back("STAR completeness averaged " + Fixed1(in.analysis.star_completeness_avg) +
                         "/4, with a measurable or stated result in " +
                         std::to_string(t.with_result) + " of " +
                         std::to_string(in.analysis.answers.size()) + " answers.");
  }
}

void ScoreSentences(const SummaryInput& in, const std::string& lower_words,
                    std::vector<std::string>* sentences) {
  const auto& scores = in.analysis.competency_scores;
  auto [low, high] =
      std::minmax_element(scores.begin(), scores.end(),
                          [](const auto& a, const auto& b) { return a.second < b.second; });
  auto label = [](std::string name) {
    std::replace(name.begin(), name.end(), '_', ' ');
    return name;
  };
  if (high->second != low->second) {
    sentences->push_back("Strongest area: " + label(high->first) + " (" +
                         std::to_string(high->second) + "); weakest: " + label(low->first) + " (" +
                         std::to_string(low->second) + ").");
  }
  if (in.alignment != nullptr) {
    RoleAlignment& alignment = *in.alignment;
    std::string s = "Role alignment " + std::to_string(alignment.score) + "/100";
    std::string description(in.job_description);
    std::string lower_description = Lower(description);
    for (std::string& term : alignment.matched) {
      term = AsWritten(term, in.tally.candidate_words, lower_words);
    }
    for (std::string& term : alignment.missing) {
      term = AsWritten(term, description, lower_description);
    }
    if (!alignment.matched.empty()) s += ": used " + Join(alignment.matched, 5);
    if (!alignment.missing.empty()) {
      s += alignment.matched.empty() ? ": " : "; ";
      s += "did not mention " + Join(alignment.missing, 5);
    }
    sentences->push_back(s + ".");
  }
}

// What was said, quoted; the terms used; the scores and the concerns.
std::string WriteSummary(const SummaryInput& in) {
  std::vector<std::string> sentences;
  const std::string lower_words = OpeningSentences(in, &sentences);
  VocabularySentences(in, lower_words, &sentences);
  ScoreSentences(in, lower_words, &sentences);
  if (!in.concerns.cited.empty()) {
    std::string s = "Concerns: ";
    for (std::size_t i = 0; i < in.concerns.cited.size(); ++i) {
      s += (i ? "; " : "") + in.concerns.cited[i];
    }
    sentences.push_back(s + ".");
  } else {
    sentences.push_back("No concerns were raised.");
  }
  std::string summary;
  for (const std::string& s : sentences) {
    if (!summary.empty()) summary += ' ';
    summary += s;
  }
  return summary;
}

}  // namespace

Result<InterviewType> ParseInterviewType(std::string_view text) {
  std::string lower;
  for (char c : text) {
    if (c != ' ' && c != '\t')
      lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (lower.empty() || lower == "mixed") return InterviewType::kMixed;
  if (lower == "behavioural" || lower == "behavioral") return InterviewType::kBehavioural;
  if (lower == "technical") return InterviewType::kTechnical;
  return Error::Make("invalid_value",
                     "The interview_type must be one of: behavioural, technical, mixed.",
                     "interview_type");
}

std::string_view ToString(InterviewType type) {
  switch (type) {
    case InterviewType::kBehavioural:
      return "behavioural";
    case InterviewType::kTechnical:
      return "technical";
    case InterviewType::kMixed:
      return "mixed";
  }
  return "mixed";
}

Result<TranscriptAnalysis> AnalyzeTranscript(std::string_view transcript, InterviewType type,
                                             std::string_view job_description) {
  Result<std::vector<Turn>> turns = SplitTurns(transcript);
  if (!turns.ok()) return turns.error();
  const Lexicon& lexicon = EmbeddedLexicon();
  TranscriptAnalysis out;
  out.turns = std::move(turns).value();
  out.answers = PairAnswers(out.turns);
  const std::vector<AnswerSignals> signals = ReadAnswers(lexicon, type, &out.answers);
  const std::vector<std::string> contradictions = FindContradictions(lexicon, out.answers);
  Tally tally = CountAnswers(lexicon, type, signals, out.answers);
  out.star_completeness_avg = std::round(tally.star * 10) / 10;

  const Competencies c = ScoreCompetencies(tally);
  out.competency_scores = {{"technical_depth", c.technical_depth},
                           {"communication_clarity", c.clarity},
                           {"problem_solving", c.problem}};
  if (type != InterviewType::kTechnical) {
    out.competency_scores.push_back({"ownership", c.ownership});
    out.competency_scores.push_back({"collaboration", c.collaboration});
    out.competency_scores.push_back({"leadership", c.leadership});
    out.competency_scores.push_back({"star_structure", c.star});
  }
  std::optional<RoleAlignment> alignment;
  if (!job_description.empty()) {
    RoleAlignment scored = ScoreRoleAlignment(lexicon, job_description, tally.candidate_words);
    if (!scored.matched.empty() || !scored.missing.empty()) {
      alignment = std::move(scored);
      out.competency_scores.push_back({"role_alignment", alignment->score});
    }
  }
  RoleAlignment* aligned = alignment ? &*alignment : nullptr;
  out.overall_interview_score = OverallScore(type, c, aligned, contradictions.size());
  const Concerns concerns =
      FindConcerns(type, tally, out.answers.size(), c, contradictions, aligned);
  out.concern_flags = concerns.flags;
  out.interviewer_summary =
      WriteSummary({type, out, signals, tally, aligned, job_description, concerns});
  return out;
}

}  // namespace shortlist::interview
