// What one answer shows, counted from its words (internal).
#pragma once

#include <set>
#include <string>
#include <vector>

#include "interview/interview.h"
#include "interview/lexicon.h"

namespace shortlist::interview {

struct AnswerSignals {
  int words = 0;
  int sentences = 0;
  int singular = 0;           // I, my, me...
  int plural = 0;             // we, our, us...
  int ownership_phrases = 0;  // "I led", "I built"...
  int hedges = 0;
  int fillers = 0;
  int metrics = 0;  // numbers with a unit or %
  int problem_cues = 0;
  int collaboration_cues = 0;
  int leadership_cues = 0;
  std::vector<std::string> technical_terms;  // distinct, in order of use
  bool behavioural_question = false;         // the question asked for a past example
  std::string best_sentence;                 // the most telling sentence, for quoting
  int best_sentence_weight = 0;
};

// Fills `analysis` (STAR parts, count, flags except "contradiction") and returns the counts.
AnswerSignals AnalyzeAnswer(const Lexicon& lexicon, AnswerAnalysis& analysis);

// "I have never used Kafka" against "I built the Kafka consumer", or "5 years of Python"
// against "2 years of Python": one message per contradiction, quoting both sides. Marks the
// answers involved with the "contradiction" flag.
std::vector<std::string> FindContradictions(const Lexicon& lexicon,
                                            std::vector<AnswerAnalysis>& answers);

}  // namespace shortlist::interview
