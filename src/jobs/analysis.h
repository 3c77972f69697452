// The stored analysis of one screened candidate (CandidateRecord::analysis_json): what the engine
// found in the resume, how it scored, and the write-up. Typed everywhere in the program; JSON
// only in the database, written by SerializeAnalysis and read by ParseAnalysis, nowhere else.
//
// Format: a JSON object whose "schema" is kAnalysisSchema. Rows written before the schema was
// recorded have no "schema" key and the same fields; they read the same. Fields:
//   schema, score, qualified, breakdown[{name,value,weight,points,explanation}],
//   matched_skills[{skill,via,credit,evidence,years}] (named in the resume; via is ""),
//   related_skills[{skill,via,credit,evidence,years}] (partial credit through `via`; each is
//   also in missing_skills; absent in rows written before it: empty),
//   missing_skills[{skill,required,severity}],
//   experience_years_relevant, semantic_similarity, strengths[], weaknesses[], flags[],
//   contact{name,email,phone,linkedin_url,github_url,portfolio_url,location},
//   total_years_experience, summary, interview_questions[{question,seeking}], icebreaker,
//   linkedin_outreach_draft, hidden_text (bool), document_kind, pages,
//   experience[{title,employer,years,current}], education[{degree,field,institution,year}],
//   skills[{skill,years}],
//   traits{occupations[{label,weight}],skill_families[],seniority,education_level} (what the
//   outcome model learns from; absent in rows written before it: empty)
// Strengths and weaknesses are stored once: the write-up's, or the engine's when the write-up
// has none; both read back as the same lists.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/engine.h"
#include "generate/writeup.h"

namespace shortlist::jobs {

inline constexpr int kAnalysisSchema = 2;

struct DocumentFacts {
  std::string kind = "text";  // ingest::ToString(kind)
  int pages = 1;
  bool hidden_text = false;  // the file held text a reader cannot see (not scored)
};

// What an account's outcome model learns from besides the score breakdown (outcome_features.h),
// all read from the blind resume when it was screened.
struct CandidateTraits {
  std::vector<engine::OccupationMatch> occupations;  // Engine::Occupations, strongest first
  std::vector<std::string> skill_families;           // taxonomy categories of its skills, sorted
  std::string seniority;                             // Engine::Seniority
  std::string education_level;  // highest degree: engine::ToString(DegreeLevel), "" for none
};

// The traits of a freshly analysed resume.
CandidateTraits TraitsOf(const engine::Engine& engine, const engine::ResumeProfile& profile);

struct CandidateAnalysis {
  // What is kept of the resume: contact, experience, education, skills, total years. Its full
  // text is not kept, so `profile.text` reads back empty.
  engine::ResumeProfile profile;
  engine::Evaluation evaluation;
  generate::CandidateWriteup writeup;
  DocumentFacts document;
  CandidateTraits traits;
};

std::string SerializeAnalysis(const CandidateAnalysis& analysis);
// nullopt when `stored` holds no analysis: "" or "{}" (a resume that could not be read), or
// text that is not a JSON object.
std::optional<CandidateAnalysis> ParseAnalysis(std::string_view stored);

// The JSON shapes of the analysis' lists, as stored and as the Jobs API shows them in
// raw_analysis.
nlohmann::json BreakdownJson(const std::vector<engine::FeatureContribution>& breakdown);
nlohmann::json MatchedSkillsJson(const std::vector<engine::MatchedSkill>& matched);
nlohmann::json MissingSkillsJson(const std::vector<engine::MissingSkill>& missing);
nlohmann::json QuestionsJson(const std::vector<generate::InterviewQuestion>& questions);

}  // namespace shortlist::jobs
