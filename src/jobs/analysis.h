// The stored form of one screened candidate: what the engine found and the write-up, as JSON.
// Written by the worker into CandidateRecord::analysis_json and read back by the API layer,
// which shapes it per surface. Keys (all always present):
//   score, qualified, breakdown[{name,value,weight,points,explanation}],
//   matched_skills[{skill,via,credit,evidence,years}] (named in the resume; via is ""),
//   related_skills[{skill,via,credit,evidence,years}] (partial credit through `via`; each is
//   also in missing_skills), missing_skills[{skill,required,severity}],
//   experience_years_relevant, semantic_similarity, strengths[], weaknesses[], flags[],
//   contact{name,email,phone,linkedin_url,github_url,portfolio_url,location},
//   total_years_experience, summary, interview_questions[{question,seeking}], icebreaker,
//   linkedin_outreach_draft, hidden_text (bool), document_kind, pages,
//   experience[{title,employer,years,current}], education[{degree,field,institution,year}],
//   skills[{skill,years}]
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "engine/engine.h"
#include "generate/writeup.h"

namespace shortlist::jobs {

struct DocumentFacts {
  std::string kind = "text";  // ingest::ToString(kind)
  int pages = 1;
  bool hidden_text = false;  // the file held text a reader cannot see (not scored)
};

nlohmann::json BuildAnalysis(const engine::ResumeProfile& resume,
                             const engine::Evaluation& evaluation,
                             const generate::CandidateWriteup& writeup,
                             const DocumentFacts& document);

// What the stored analysis still knows, as engine types, for texts written after screening
// (emails, comparisons): contact, experience, education, skills and the evaluation. The resume's
// full text is not kept in the analysis, so `profile.text` is empty.
struct StoredAnalysis {
  engine::ResumeProfile profile;
  engine::Evaluation evaluation;
};
StoredAnalysis ParseAnalysis(const nlohmann::json& analysis);

}  // namespace shortlist::jobs
