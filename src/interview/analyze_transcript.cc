// AnalyzeTranscript: competency scores, concern flags and the interviewer summary.
//
// Every competency is 0-100 and computed from counts in the candidate's answers (see
// answer_signals.h for the counts and lexicons.txt for the word lists):
//   technical_depth        100 * (1 - exp(-T / 3)) + 10 * M, T = distinct technical terms per
//                          answer (mean), M = share of answers with a measured result
//   communication_clarity  per answer 100 minus penalties for length (<15 words -45, <30 -25,
//                          >350 -20), long sentences (>35 words -15), hedges (6 per 100 words,
//                          at most 30) and fillers (5 per 100 words, at most 25); mean
//   problem_solving        per answer 25 + 10 per reasoning cue (at most 4) + 10 each for an
//                          action, a result and a number; -20 for a short answer; mean
//   ownership              15 + 85 * r, r = (I + 2 * "I led"-phrases) / (that + we), 0.5 with
//                          neither
//   collaboration          30 + 20 * collaboration cues per answer
//   leadership             25 + 25 * leadership cues per answer
//   star_structure         25 * mean STAR components
//   role_alignment         see role_alignment.h
// The overall score is their weighted mean (weights by interview type below; role_alignment
// weighs 0.2 when present) less 5 points per contradiction (at most 15).
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>

#include "interview/answer_signals.h"
#include "interview/interview.h"
#include "interview/lexicon.h"
#include "interview/role_alignment.h"

namespace shortlist::interview {
namespace {

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
  double score = 100;
  if (s.words < 15) {
    score -= 45;
  } else if (s.words < 30) {
    score -= 25;
  } else if (s.words > 350) {
    score -= 20;
  }
  if (s.sentences > 0 && static_cast<double>(s.words) / s.sentences > 35) score -= 15;
  double words = std::max(1, s.words);
  score -= std::min(30.0, 6 * 100.0 * s.hedges / words);
  score -= std::min(25.0, 5 * 100.0 * s.fillers / words);
  return Clamp(score);
}

int AnswerProblemSolving(const AnswerSignals& s, const AnswerAnalysis& a) {
  double score = 25 + 10 * std::min(s.problem_cues, 4) + (a.action ? 10 : 0) + (a.result ? 10 : 0) +
                 (s.metrics > 0 ? 10 : 0);
  if (s.words < 20) score -= 20;
  return Clamp(score);
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
  std::string pending_question;
  for (const Turn& turn : out.turns) {
    if (!turn.is_candidate) {
      pending_question += (pending_question.empty() ? "" : " ") + turn.text;
      continue;
    }
    AnswerAnalysis answer;
    answer.question = std::move(pending_question);
    answer.answer = turn.text;
    pending_question.clear();
    out.answers.push_back(std::move(answer));
  }

  std::vector<AnswerSignals> signals;
  for (AnswerAnalysis& answer : out.answers) {
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
  std::vector<std::string> contradictions = FindContradictions(lexicon, out.answers);

  const double n = static_cast<double>(out.answers.size());
  double terms_per_answer = 0, metric_share = 0, clarity = 0, problem = 0, star = 0;
  int singular = 0, plural = 0, owned = 0, collaboration = 0, leadership = 0, total_words = 0;
  int with_result = 0, expecting = 0, expecting_missing_example = 0, expecting_no_result = 0;
  int short_answers = 0, vague_answers = 0, low_ownership_answers = 0, we_only_answers = 0;
  std::map<std::string, int> term_uses;
  std::vector<std::string> term_order;
  std::vector<std::string> hedges_used;
  std::string candidate_words;
  for (std::size_t i = 0; i < out.answers.size(); ++i) {
    const AnswerSignals& s = signals[i];
    const AnswerAnalysis& a = out.answers[i];
    terms_per_answer += static_cast<double>(s.technical_terms.size()) / n;
    metric_share += (s.metrics > 0 ? 1.0 : 0.0) / n;
    clarity += AnswerClarity(s) / n;
    problem += AnswerProblemSolving(s, a) / n;
    star += a.star_components / n;
    singular += s.singular;
    plural += s.plural;
    owned += s.ownership_phrases;
    collaboration += s.collaboration_cues;
    leadership += s.leadership_cues;
    total_words += s.words;
    with_result += a.result ? 1 : 0;
    short_answers += HasFlag(a, "short answer") ? 1 : 0;
    vague_answers += HasFlag(a, "vague") ? 1 : 0;
    low_ownership_answers += HasFlag(a, "low ownership") ? 1 : 0;
    we_only_answers += (HasFlag(a, "low ownership") && s.singular == 0) ? 1 : 0;
    if (type == InterviewType::kBehavioural || s.behavioural_question) {
      ++expecting;
      expecting_missing_example += HasFlag(a, "missing example") ? 1 : 0;
      expecting_no_result += a.result ? 0 : 1;
    }
    for (const std::string& term : s.technical_terms) {
      if (term_uses[term]++ == 0) term_order.push_back(term);
    }
    for (const std::string& hedge : lexicon.hedges.Found(Tokenize(a.answer))) {
      if (std::find(hedges_used.begin(), hedges_used.end(), hedge) == hedges_used.end()) {
        hedges_used.push_back(hedge);
      }
    }
    candidate_words += a.answer + "\n";
  }
  out.star_completeness_avg = std::round(star * 10) / 10;
  const std::string lower_words = Lower(candidate_words);

  const bool behavioural = type != InterviewType::kTechnical;
  int technical_depth = Clamp(100 * (1 - std::exp(-terms_per_answer / 3)) + 10 * metric_share);
  int ownership_base = singular + 2 * owned + plural;
  double ownership_ratio =
      ownership_base == 0 ? 0.5 : static_cast<double>(singular + 2 * owned) / ownership_base;
  int ownership = Clamp(15 + 85 * ownership_ratio);
  int collaboration_score = Clamp(30 + 20 * collaboration / n);
  int leadership_score = Clamp(25 + 25 * leadership / n);
  int star_score = Clamp(25 * star);

  out.competency_scores = {{"technical_depth", technical_depth},
                           {"communication_clarity", Clamp(clarity)},
                           {"problem_solving", Clamp(problem)}};
  if (behavioural) {
    out.competency_scores.push_back({"ownership", ownership});
    out.competency_scores.push_back({"collaboration", collaboration_score});
    out.competency_scores.push_back({"leadership", leadership_score});
    out.competency_scores.push_back({"star_structure", star_score});
  }
  RoleAlignment alignment;
  bool aligned = false;
  if (!job_description.empty()) {
    alignment = ScoreRoleAlignment(lexicon, job_description, candidate_words);
    aligned = !alignment.matched.empty() || !alignment.missing.empty();
    if (aligned) out.competency_scores.push_back({"role_alignment", alignment.score});
  }

  Weights w = WeightsFor(type);
  double weighted = w.technical * technical_depth + w.communication * Clamp(clarity) +
                    w.problem * Clamp(problem) + w.ownership * ownership +
                    w.collaboration * collaboration_score + w.leadership * leadership_score +
                    w.star * star_score;
  double weight_sum = w.technical + w.communication + w.problem + w.ownership + w.collaboration +
                      w.leadership + w.star;
  if (aligned) {
    weighted += 0.2 * alignment.score;
    weight_sum += 0.2;
  }
  double penalty = std::min<double>(15, 5.0 * static_cast<double>(contradictions.size()));
  out.overall_interview_score = Clamp(weighted / weight_sum - penalty);

  // Concern flags, each with the evidence the summary cites.
  std::vector<std::string> concerns;
  int pronouns = singular + plural;
  if ((pronouns >= 3 && ownership_ratio < 0.35) ||
      (low_ownership_answers > 0 && 2 * low_ownership_answers >= static_cast<int>(n)) ||
      we_only_answers > 0) {
    out.concern_flags.push_back("low ownership signals");
    std::string evidence = "\"we\"/\"our\" " + std::to_string(plural) +
                           " times against \"I\"/\"my\" " + std::to_string(singular);
    if (we_only_answers > 0) {
      evidence += "; " + std::to_string(we_only_answers) + " of " +
                  std::to_string(out.answers.size()) + " answers only say \"we\"";
    }
    concerns.push_back("low ownership signals (" + evidence + ")");
  }
  if (vague_answers > 0 && 3 * vague_answers >= static_cast<int>(n)) {
    out.concern_flags.push_back("vague answers");
    std::vector<std::string> quoted;
    for (const auto& h : hedges_used) quoted.push_back("\"" + AsWritten(h, "", "") + "\"");
    std::string evidence = std::to_string(vague_answers) + " of " +
                           std::to_string(out.answers.size()) + " answers without concrete detail";
    if (!quoted.empty()) evidence += ", hedging such as " + Join(quoted, 3);
    concerns.push_back("vague answers (" + evidence + ")");
  }
  if (!contradictions.empty()) {
    out.concern_flags.push_back("contradictions");
    std::string listed;
    for (std::size_t i = 0; i < contradictions.size() && i < 3; ++i) {
      listed += (i ? "; " : "") + contradictions[i];
    }
    concerns.push_back("contradictions (" + listed + ")");
  }
  if (expecting > 0 && 2 * expecting_missing_example >= expecting &&
      expecting_missing_example > 0) {
    out.concern_flags.push_back("missing examples");
    concerns.push_back("missing examples (" + std::to_string(expecting_missing_example) + " of " +
                       std::to_string(expecting) + " example questions answered without one)");
  }
  if (2 * short_answers >= static_cast<int>(n) && short_answers > 0) {
    out.concern_flags.push_back("short answers");
    concerns.push_back("short answers (" + std::to_string(short_answers) + " of " +
                       std::to_string(out.answers.size()) + " under 20 words)");
  }
  if (expecting > 0 && 2 * expecting_no_result > expecting) {
    out.concern_flags.push_back("no measurable results");
    concerns.push_back("no measurable results (" + std::to_string(expecting_no_result) + " of " +
                       std::to_string(expecting) + " examples without an outcome)");
  }
  if (type != InterviewType::kBehavioural && technical_depth < 40) {
    out.concern_flags.push_back("limited technical depth");
    concerns.push_back("limited technical depth");
  }
  if (aligned && alignment.score < 30) {
    out.concern_flags.push_back("low role alignment");
    concerns.push_back("low role alignment");
  }

  // The summary: what was said, quoted; the terms used; the scores and the concerns.
  std::vector<std::string> sentences;
  std::string words = std::to_string(static_cast<int>(std::lround(total_words / n)));
  sentences.push_back("Across " + std::to_string(out.answers.size()) +
                      (out.answers.size() == 1 ? " answer (" + words + " words)"
                                               : " answers (" + words + " words on average)") +
                      " in this " + std::string(ToString(type)) +
                      " interview, the candidate scored " +
                      std::to_string(out.overall_interview_score) + "/100.");
  std::size_t best = 0;
  for (std::size_t i = 1; i < signals.size(); ++i) {
    if (signals[i].best_sentence_weight > signals[best].best_sentence_weight) best = i;
  }
  if (signals[best].best_sentence_weight >= 2) {
    sentences.push_back(
        EndSentence("Strongest evidence: " + Quote(signals[best].best_sentence, 180)));
  } else {
    sentences.push_back(EndSentence("The answers gave little concrete evidence, for example " +
                                    Quote(out.answers[best].answer, 120)));
  }
  if (!term_order.empty()) {
    std::stable_sort(term_order.begin(), term_order.end(),
                     [&](const auto& a, const auto& b) { return term_uses[a] > term_uses[b]; });
    term_order.resize(std::min<std::size_t>(term_order.size(), 5));
    for (std::string& term : term_order) term = AsWritten(term, candidate_words, lower_words);
    sentences.push_back("Technical vocabulary used: " + Join(term_order, 5) + ".");
  } else {
    sentences.push_back("The answers used almost no technical vocabulary.");
  }
  if (behavioural) {
    sentences.push_back("STAR completeness averaged " + Fixed1(out.star_completeness_avg) +
                        "/4, with a measurable or stated result in " + std::to_string(with_result) +
                        " of " + std::to_string(out.answers.size()) + " answers.");
  }
  auto [low, high] =
      std::minmax_element(out.competency_scores.begin(), out.competency_scores.end(),
                          [](const auto& a, const auto& b) { return a.second < b.second; });
  auto label = [](std::string name) {
    std::replace(name.begin(), name.end(), '_', ' ');
    return name;
  };
  if (high->second != low->second) {
    sentences.push_back("Strongest area: " + label(high->first) + " (" +
                        std::to_string(high->second) + "); weakest: " + label(low->first) + " (" +
                        std::to_string(low->second) + ").");
  }
  if (aligned) {
    std::string s = "Role alignment " + std::to_string(alignment.score) + "/100";
    std::string description(job_description);
    std::string lower_description = Lower(description);
    for (std::string& term : alignment.matched) {
      term = AsWritten(term, candidate_words, lower_words);
    }
    for (std::string& term : alignment.missing) {
      term = AsWritten(term, description, lower_description);
    }
    if (!alignment.matched.empty()) s += ": used " + Join(alignment.matched, 5);
    if (!alignment.missing.empty()) {
      s += alignment.matched.empty() ? ": " : "; ";
      s += "did not mention " + Join(alignment.missing, 5);
    }
    sentences.push_back(s + ".");
  }
  if (!concerns.empty()) {
    std::string s = "Concerns: ";
    for (std::size_t i = 0; i < concerns.size(); ++i) s += (i ? "; " : "") + concerns[i];
    sentences.push_back(s + ".");
  } else {
    sentences.push_back("No concerns were raised.");
  }
  for (const std::string& s : sentences) {
    if (!out.interviewer_summary.empty()) out.interviewer_summary += ' ';
    out.interviewer_summary += s;
  }
  return out;
}

}  // namespace shortlist::interview
