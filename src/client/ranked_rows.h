// RankedRow: one line of a ranked screening, whoever produced it (the offline `screen`
// command, a Jobs API results page, an /evaluate answer), and the three ways the command line
// prints a ranking: an aligned table for people, CSV for spreadsheets, JSON for programs.
//
// Text that came from a resume (names, file names) is untrusted: the table strips control
// characters (no terminal escape sequences reach the screen) and CSV cells that a spreadsheet
// would run as a formula are prefixed with an apostrophe.
//
// Pure functions; safe from any thread.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace shortlist::client {

struct RankedRow {
  std::optional<int> rank;   // 1-based; nullopt for a file that could not be screened
  std::optional<int> score;  // 0-100; nullopt with an error
  double raw_score = 0;      // unrounded; orders equal scores offline (server rows come ordered)
  bool qualified = false;    // reached the leniency's threshold
  std::string id;            // the candidate's id on the server; "" offline
  std::string name;          // from the resume; "" when none was found
  std::string file;          // file name (or the resume's id when it had no file)
  std::vector<std::string> matched_skills;  // the job's skills the resume shows, best first
  std::vector<std::string> missing_skills;  // the job's skills it lacks, required first
  // The score's named contributions: [{name, points, value?, weight?, explanation?}].
  nlohmann::json breakdown = nlohmann::json::array();
  std::vector<std::string> flags;  // "hidden_text", "keyword_stuffing", ...
  std::string error;               // "" when screened; else "code: message"
};

enum class OutputFormat { kTable, kJson, kCsv };
// "table", "json" or "csv"; nullopt otherwise.
std::optional<OutputFormat> ParseOutputFormat(std::string_view text);

// Orders rows by score, then raw_score (highest first, ties keep their order), rows with an
// error last, and numbers the ranks 1..n of the scored rows.
void RankRows(std::vector<RankedRow>* rows);

// Keeps the first `top` scored rows (in their current order) and every error row.
void KeepTop(std::vector<RankedRow>* rows, std::size_t top);

struct TableOptions {
  std::size_t skills_shown = 3;     // matched and missing skills listed per row
  std::size_t max_name_width = 24;  // longer names are cut with "…"
  std::size_t max_file_width = 28;  // longer paths keep their end: "…/resumes/alice.pdf"
  std::size_t max_skills_width = 40;
};

// Header, then one line per row: RANK SCORE NAME FILE MATCHED MISSING, aligned. An error row
// shows "-" for rank and score and the error across the skills columns. Ends with '\n'.
std::string FormatTable(const std::vector<RankedRow>& rows, const TableOptions& options = {});

// RFC 4180 CSV with a header: rank, score, qualified, name, file, matched_skills,
// missing_skills, flags (each "; "-separated), error, then one column per breakdown feature (in the
// order first seen) holding its points; empty where a row lacks the value.
std::string FormatCsv(const std::vector<RankedRow>& rows);

// {rank, score, qualified, id?, name, file, matched_skills, missing_skills, breakdown, flags,
// error}
// with null rank/score/name/error where absent.
nlohmann::json RowToJson(const RankedRow& row);
nlohmann::json RowsToJson(const std::vector<RankedRow>& rows);

// Rows from a Jobs API results page (GET /api/v1/jobs/{id}/results): ranks continue across
// pages; candidates carrying an `error` become error rows.
std::vector<RankedRow> RowsFromJobResults(const nlohmann::json& results);

// Rows from an Evaluate API answer (POST /v1/evaluate or a completed GET /v1/jobs/{id}).
std::vector<RankedRow> RowsFromEvaluate(const nlohmann::json& answer);

// `text` with control characters replaced by spaces (for one terminal line).
std::string PrintableLine(std::string_view text);

}  // namespace shortlist::client
