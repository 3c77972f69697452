#include "client/ranked_rows.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace shortlist::client {
namespace {

using nlohmann::json;

// Code points in valid-enough UTF-8 (continuation bytes do not count).
std::size_t DisplayWidth(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// At most `width` code points; a cut string ends with "…".
std::string Fit(std::string_view s, std::size_t width) {
  if (DisplayWidth(s) <= width) return std::string(s);
  if (width == 0) return "";
  std::size_t keep = width - 1, count = 0, i = 0;
  for (; i < s.size(); ++i) {
    const bool starts = (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
    if (starts && count++ == keep) break;
  }
  return std::string(s.substr(0, i)) + "…";
}

// At most `width` code points, keeping the end (a path's file name); cut ones start with "…".
std::string FitTail(std::string_view s, std::size_t width) {
  const std::size_t total = DisplayWidth(s);
  if (total <= width) return std::string(s);
  if (width == 0) return "";
  std::size_t drop = total - (width - 1), count = 0, i = 0;
  for (; i < s.size(); ++i) {
    const bool starts = (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
    if (starts && count++ == drop) break;
  }
  return "…" + std::string(s.substr(i));
}

std::string Pad(const std::string& s, std::size_t width) {
  const std::size_t w = DisplayWidth(s);
  return w >= width ? s : s + std::string(width - w, ' ');
}

std::string PadLeft(const std::string& s, std::size_t width) {
  const std::size_t w = DisplayWidth(s);
  return w >= width ? s : std::string(width - w, ' ') + s;
}

std::string JoinFirst(const std::vector<std::string>& items, std::size_t count,
                      const char* separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < count; ++i) {
    if (i > 0) out += separator;
    out += items[i];
  }
  if (items.size() > count) out += " +" + std::to_string(items.size() - count);
  return out;
}

std::string CsvCell(std::string text, bool guard_formula) {
  if (guard_formula && !text.empty() &&
      (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' || text[0] == '\t' ||
       text[0] == '\r')) {
    text.insert(text.begin(), '\'');
  }
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string FormatPoints(double points) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", std::round(points * 10) / 10);
  return std::string(buf) == "-0.0" ? "0.0" : buf;
}

std::vector<std::string> Strings(const json& array) {
  std::vector<std::string> out;
  if (!array.is_array()) return out;
  for (const auto& item : array) {
    if (item.is_string()) {
      out.push_back(item.get<std::string>());
    } else if (item.is_object() && item.contains("skill") && item["skill"].is_string()) {
      out.push_back(item["skill"].get<std::string>());
    }
  }
  return out;
}

std::string StringOr(const json& object, const char* key, const std::string& fallback = "") {
  if (!object.is_object()) return fallback;
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : fallback;
}

std::string ErrorText(const json& error) {
  if (error.is_null()) return "";
  if (error.is_string()) return error.get<std::string>();
  const std::string code = StringOr(error, "code"), message = StringOr(error, "message");
  if (code.empty()) return message.empty() ? error.dump() : message;
  return message.empty() ? code : code + ": " + message;
}

}  // namespace

std::optional<OutputFormat> ParseOutputFormat(std::string_view text) {
  if (text == "table") return OutputFormat::kTable;
  if (text == "json") return OutputFormat::kJson;
  if (text == "csv") return OutputFormat::kCsv;
  return std::nullopt;
}

void RankRows(std::vector<RankedRow>* rows) {
  std::stable_sort(rows->begin(), rows->end(), [](const RankedRow& a, const RankedRow& b) {
    const bool a_scored = a.error.empty() && a.score, b_scored = b.error.empty() && b.score;
    if (a_scored != b_scored) return a_scored;
    if (!a_scored) return false;
    if (*a.score != *b.score) return *a.score > *b.score;
    return a.raw_score > b.raw_score;
  });
  int rank = 0;
  for (RankedRow& row : *rows) {
    if (row.error.empty() && row.score) {
      row.rank = ++rank;
    } else {
      row.rank.reset();
    }
  }
}

void KeepTop(std::vector<RankedRow>* rows, std::size_t top) {
  std::size_t scored = 0;
  std::erase_if(*rows, [&](const RankedRow& row) {
    if (!row.error.empty()) return false;
    return ++scored > top;
  });
}

std::string PrintableLine(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) c = ' ';
  }
  return out;
}

std::string FormatTable(const std::vector<RankedRow>& rows, const TableOptions& options) {
  struct Cells {
    std::string rank, score, name, file, matched, missing;
  };
  std::vector<Cells> cells;
  cells.push_back({"RANK", "SCORE", "NAME", "FILE", "MATCHED", "MISSING"});
  for (const RankedRow& row : rows) {
    Cells c;
    c.rank = row.rank ? std::to_string(*row.rank) : "-";
    c.score = row.score && row.error.empty() ? std::to_string(*row.score) : "-";
    c.name = Fit(PrintableLine(row.name.empty() ? "-" : row.name), options.max_name_width);
    c.file = FitTail(PrintableLine(row.file), options.max_file_width);
    if (row.error.empty()) {
      c.matched = Fit(PrintableLine(JoinFirst(row.matched_skills, options.skills_shown, ", ")),
                      options.max_skills_width);
      c.missing = Fit(PrintableLine(JoinFirst(row.missing_skills, options.skills_shown, ", ")),
                      options.max_skills_width);
      if (c.matched.empty()) c.matched = "-";
      if (c.missing.empty()) c.missing = "-";
    } else {
      c.matched = "error: " + PrintableLine(row.error);  // spans the skill columns
    }
    cells.push_back(std::move(c));
  }
  std::size_t w_rank = 0, w_score = 0, w_name = 0, w_file = 0, w_matched = 0;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const Cells& c = cells[i];
    w_rank = std::max(w_rank, DisplayWidth(c.rank));
    w_score = std::max(w_score, DisplayWidth(c.score));
    w_name = std::max(w_name, DisplayWidth(c.name));
    w_file = std::max(w_file, DisplayWidth(c.file));
    const bool error_row = i > 0 && !rows[i - 1].error.empty();
    if (!error_row) w_matched = std::max(w_matched, DisplayWidth(c.matched));
  }
  std::string out;
  for (const Cells& c : cells) {
    std::string line = PadLeft(c.rank, w_rank) + "  " + PadLeft(c.score, w_score) + "  " +
                       Pad(c.name, w_name) + "  " + Pad(c.file, w_file) + "  ";
    line += c.missing.empty() ? c.matched : Pad(c.matched, w_matched) + "  " + c.missing;
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

std::string FormatCsv(const std::vector<RankedRow>& rows) {
  std::vector<std::string> features;
  for (const RankedRow& row : rows) {
    if (!row.breakdown.is_array()) continue;
    for (const auto& f : row.breakdown) {
      const std::string name = StringOr(f, "name");
      if (!name.empty() && std::find(features.begin(), features.end(), name) == features.end()) {
        features.push_back(name);
      }
    }
  }
  std::string out = "rank,score,qualified,name,file,matched_skills,missing_skills,flags,error";
  for (const std::string& f : features) out += "," + CsvCell(f, true);
  out += "\r\n";
  for (const RankedRow& row : rows) {
    out += (row.rank ? std::to_string(*row.rank) : "") + ",";
    out += (row.score && row.error.empty() ? std::to_string(*row.score) : "") + ",";
    out += std::string(row.error.empty() ? (row.qualified ? "true" : "false") : "") + ",";
    out += CsvCell(row.name, true) + "," + CsvCell(row.file, true) + ",";
    out += CsvCell(JoinFirst(row.matched_skills, row.matched_skills.size(), "; "), true) + ",";
    out += CsvCell(JoinFirst(row.missing_skills, row.missing_skills.size(), "; "), true) + ",";
    out += CsvCell(JoinFirst(row.flags, row.flags.size(), "; "), true) + ",";
    out += CsvCell(row.error, true);
    for (const std::string& feature : features) {
      out += ",";
      if (!row.breakdown.is_array()) continue;
      for (const auto& f : row.breakdown) {
        if (StringOr(f, "name") == feature && f.contains("points") && f["points"].is_number()) {
          out += FormatPoints(f["points"].get<double>());
          break;
        }
      }
    }
    out += "\r\n";
  }
  return out;
}

json RowToJson(const RankedRow& row) {
  json out;
  out["rank"] = row.rank ? json(*row.rank) : json(nullptr);
  out["score"] = row.score && row.error.empty() ? json(*row.score) : json(nullptr);
  out["qualified"] = row.error.empty() && row.qualified;
  if (!row.id.empty()) out["id"] = row.id;
  out["name"] = row.name.empty() ? json(nullptr) : json(row.name);
  out["file"] = row.file;
  out["matched_skills"] = row.matched_skills;
  out["missing_skills"] = row.missing_skills;
  out["breakdown"] = row.breakdown.is_array() ? row.breakdown : json::array();
  out["flags"] = row.flags;
  out["error"] = row.error.empty() ? json(nullptr) : json(row.error);
  return out;
}

json RowsToJson(const std::vector<RankedRow>& rows) {
  json out = json::array();
  for (const RankedRow& row : rows) out.push_back(RowToJson(row));
  return out;
}

std::vector<RankedRow> RowsFromJobResults(const json& results) {
  std::vector<RankedRow> rows;
  if (!results.is_object() || !results.contains("candidates")) return rows;
  const int per_page = results.value("per_page", 50);
  const int page = std::max(1, results.value("current_page", 1));
  int rank = (page - 1) * per_page;
  for (const auto& c : results["candidates"]) {
    if (!c.is_object()) continue;
    RankedRow row;
    if (c.contains("id") && c["id"].is_number_integer()) {
      row.id = std::to_string(c["id"].get<long long>());
    }
    row.name = StringOr(c, "name");
    const json raw = c.value("raw_analysis", json::object());
    row.file = StringOr(raw, "filename");
    row.error = ErrorText(c.value("error", json()));
    if (row.error.empty()) {
      row.rank = ++rank;
      row.score = c.value("score", 0);
      row.qualified = c.value("qualified", false);
    }
    row.matched_skills = Strings(c.value("matched_skills", json::array()));
    row.missing_skills = Strings(c.value("missing_skills", json::array()));
    row.breakdown = raw.value("score_breakdown", json::array());
    row.flags = Strings(raw.value("flags", json::array()));
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<RankedRow> RowsFromEvaluate(const json& answer) {
  std::vector<RankedRow> rows;
  if (!answer.is_object() || !answer.contains("candidates")) return rows;
  for (const auto& c : answer["candidates"]) {
    if (!c.is_object()) continue;
    RankedRow row;
    if (c.contains("id"))
      row.id = c["id"].is_string() ? c["id"].get<std::string>() : c["id"].dump();
    row.file = row.id;
    row.name = StringOr(c, "name");
    row.error = ErrorText(c.value("error", json()));
    if (row.error.empty()) {
      if (c.contains("rank") && c["rank"].is_number_integer()) row.rank = c["rank"].get<int>();
      row.score = c.value("overall_score", 0);
    }
    row.matched_skills = Strings(c.value("matched_skills", json::array()));
    row.missing_skills = Strings(c.value("missing_skills", json::array()));
    row.breakdown = c.value("score_breakdown", json::array());
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace shortlist::client
