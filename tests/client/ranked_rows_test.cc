#include "client/ranked_rows.h"

#include <gtest/gtest.h>

#include <sstream>

namespace shortlist::client {
namespace {

using nlohmann::json;

RankedRow Scored(std::string name, std::string file, int score,
                 std::vector<std::string> matched = {}, std::vector<std::string> missing = {}) {
  RankedRow row;
  row.name = std::move(name);
  row.file = std::move(file);
  row.score = score;
  row.qualified = score >= 57;
  row.matched_skills = std::move(matched);
  row.missing_skills = std::move(missing);
  return row;
}

RankedRow Failed(std::string file, std::string error) {
  RankedRow row;
  row.file = std::move(file);
  row.error = std::move(error);
  return row;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

TEST(RankRows, OrdersByScoreKeepsTiesInOrderAndPutsErrorsLast) {
  std::vector<RankedRow> rows = {Scored("B", "b.txt", 40), Failed("x.pdf", "corrupt_file: bad"),
                                 Scored("A", "a.txt", 90), Scored("C", "c.txt", 40)};
  RankRows(&rows);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].name, "A");
  EXPECT_EQ(rows[1].name, "B");
  EXPECT_EQ(rows[2].name, "C");
  EXPECT_EQ(rows[3].file, "x.pdf");
  EXPECT_EQ(rows[0].rank, 1);
  EXPECT_EQ(rows[2].rank, 3);
  EXPECT_FALSE(rows[3].rank.has_value());
}

TEST(RankRows, EqualScoresOrderByTheUnroundedScore) {
  std::vector<RankedRow> rows = {Scored("B", "b.txt", 80), Scored("A", "a.txt", 80),
                                 Scored("C", "c.txt", 80)};
  rows[0].raw_score = 79.6;
  rows[1].raw_score = 80.4;
  rows[2].raw_score = 79.6;
  RankRows(&rows);
  EXPECT_EQ(rows[0].name, "A");
  EXPECT_EQ(rows[1].name, "B");
  EXPECT_EQ(rows[2].name, "C");
}

TEST(KeepTop, KeepsBestScoredRowsAndEveryErrorRow) {
  std::vector<RankedRow> rows = {Scored("A", "a", 90), Scored("B", "b", 80), Scored("C", "c", 70),
                                 Failed("x", "empty_file: the file is empty")};
  RankRows(&rows);
  KeepTop(&rows, 2);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].name, "A");
  EXPECT_EQ(rows[1].name, "B");
  EXPECT_EQ(rows[2].file, "x");
}

TEST(FormatTable, AlignsColumnsAndShowsTopSkills) {
  std::vector<RankedRow> rows = {Scored("Alice Example", "alice.pdf", 91,
                                        {"Python", "Django", "PostgreSQL", "Docker"}, {"Kafka"}),
                                 Scored("Bob", "resumes/bob.docx", 7, {}, {"Python", "Django"})};
  RankRows(&rows);
  const auto lines = Lines(FormatTable(rows));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].rfind("RANK  SCORE  NAME", 0), 0u) << lines[0];
  // Columns line up: NAME starts at the same offset on every line.
  const auto name_at = lines[0].find("NAME");
  EXPECT_EQ(lines[1].find("Alice Example"), name_at);
  EXPECT_EQ(lines[2].find("Bob"), name_at);
  EXPECT_EQ(lines[0].find("FILE"), lines[1].find("alice.pdf"));
  EXPECT_EQ(lines[0].find("MISSING"), lines[1].find("Kafka"));
  // Three skills shown, then how many more.
  EXPECT_NE(lines[1].find("Python, Django, PostgreSQL +1"), std::string::npos) << lines[1];
  EXPECT_EQ(lines[1].find("Docker"), std::string::npos);
  EXPECT_EQ(lines[1].substr(0, 11), "   1     91");
  EXPECT_NE(lines[2].find(" - "), std::string::npos) << "no matched skills reads '-'";
}

TEST(FormatTable, ErrorRowShowsTheErrorAndDashes) {
  std::vector<RankedRow> rows = {Scored("Alice", "a.txt", 80),
                                 Failed("broken.pdf", "corrupt_file: 'broken.pdf' is damaged")};
  const auto lines = Lines(FormatTable(rows));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_NE(lines[2].find("broken.pdf"), std::string::npos);
  EXPECT_NE(lines[2].find("error: corrupt_file: 'broken.pdf' is damaged"), std::string::npos);
  EXPECT_EQ(lines[2].substr(0, 4), "   -") << lines[2];
}

TEST(FormatTable, StripsControlCharactersAndCutsLongNames) {
  RankedRow evil = Scored("Mallory\x1b[31m\nRED", "m.txt", 50);
  RankedRow long_name =
      Scored("Maximiliana Alexandrina Konstantinopoulou-Papadopoulou", "l.txt", 40);
  const std::string table = FormatTable({evil, long_name});
  EXPECT_EQ(table.find('\x1b'), std::string::npos);
  EXPECT_EQ(Lines(table).size(), 3u) << "a newline in a name must not start a new row";
  EXPECT_NE(table.find("Maximiliana Alexandrina…"), std::string::npos) << table;
  const std::string long_path =
      FormatTable({Scored("A", "/tmp/some/very/deep/directory/of/resumes/alice.pdf", 1)});
  EXPECT_NE(long_path.find("…ectory/of/resumes/alice.pdf"), std::string::npos) << long_path;
}

TEST(FormatTable, PadsByCharactersNotBytes) {
  const auto lines = Lines(FormatTable({Scored("Zoë Çelik", "z.txt", 60), Scored("Al", "a", 50)}));
  ASSERT_EQ(lines.size(), 3u);
  // "Zoë Çelik" is 9 characters but 11 bytes: FILE still lines up by characters.
  auto chars_before = [](const std::string& line, std::size_t byte) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < byte; ++i)
      n += (static_cast<unsigned char>(line[i]) & 0xC0) != 0x80;
    return n;
  };
  EXPECT_EQ(chars_before(lines[1], lines[1].find("z.txt")),
            chars_before(lines[0], lines[0].find("FILE")));
  EXPECT_NE(lines[1].find("z.txt"), lines[0].find("FILE")) << "bytes differ from characters";
}

TEST(FormatCsv, QuotesFieldsGuardsFormulasAndAddsBreakdownColumns) {
  RankedRow a = Scored("Doe, Jane \"JD\"", "jane.txt", 88, {"Python", "SQL"}, {"Kafka"});
  a.breakdown = json::array({{{"name", "required_skills"}, {"points", 40.04}},
                             {{"name", "experience"}, {"points", 12.5}}});
  RankedRow b = Scored("=HYPERLINK(\"x\")", "b.txt", 30);
  b.breakdown = json::array({{{"name", "required_skills"}, {"points", 10}},
                             {{"name", "keyword_stuffing"}, {"points", -5}}});
  std::vector<RankedRow> rows = {a, b, Failed("c.pdf", "corrupt_file: bad")};
  RankRows(&rows);
  const std::string csv = FormatCsv(rows);
  std::vector<std::string> lines;
  for (std::size_t start = 0; start < csv.size();) {
    const auto end = csv.find("\r\n", start);
    lines.push_back(csv.substr(start, end - start));
    start = end + 2;
  }
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0],
            "rank,score,qualified,name,file,matched_skills,missing_skills,flags,error,"
            "required_skills,experience,keyword_stuffing");
  EXPECT_EQ(lines[1], "1,88,true,\"Doe, Jane \"\"JD\"\"\",jane.txt,Python; SQL,Kafka,,,40.0,12.5,");
  EXPECT_EQ(lines[2], "2,30,false,\"'=HYPERLINK(\"\"x\"\")\",b.txt,,,,,10.0,,-5.0");
  EXPECT_EQ(lines[3], ",,,,c.pdf,,,,corrupt_file: bad,,,");
}

TEST(RowToJson, CarriesEveryFieldWithNullsWhereAbsent) {
  RankedRow a = Scored("Alice", "a.txt", 75, {"Go"}, {"Rust"});
  a.rank = 1;
  a.flags = {"hidden_text"};
  a.breakdown = json::array({{{"name", "semantic"}, {"points", 3.0}}});
  const json j = RowToJson(a);
  EXPECT_EQ(j["rank"], 1);
  EXPECT_EQ(j["score"], 75);
  EXPECT_EQ(j["qualified"], true);
  EXPECT_EQ(j["name"], "Alice");
  EXPECT_EQ(j["matched_skills"], json::array({"Go"}));
  EXPECT_EQ(j["missing_skills"], json::array({"Rust"}));
  EXPECT_EQ(j["breakdown"][0]["name"], "semantic");
  EXPECT_EQ(j["flags"], json::array({"hidden_text"}));
  EXPECT_TRUE(j["error"].is_null());
  EXPECT_FALSE(j.contains("id"));
  const json f = RowToJson(Failed("x.pdf", "pdf_encrypted: locked"));
  EXPECT_TRUE(f["rank"].is_null());
  EXPECT_TRUE(f["score"].is_null());
  EXPECT_TRUE(f["name"].is_null());
  EXPECT_EQ(f["error"], "pdf_encrypted: locked");
}

TEST(RowsFromJobResults, ReadsTheServersShapeAndContinuesRanksAcrossPages) {
  const json page2 = {
      {"per_page", 50},
      {"current_page", 2},
      {"candidates",
       json::array(
           {{{"id", 7},
             {"name", "Alice"},
             {"score", 81},
             {"qualified", true},
             {"matched_skills", {"Python"}},
             {"missing_skills", {"Kafka"}},
             {"raw_analysis",
              {{"filename", "alice.pdf"},
               {"score_breakdown", json::array({{{"name", "required_skills"}, {"points", 30}}})},
               {"flags", json::array()}}},
             {"error", nullptr}},
            {{"id", 9},
             {"name", nullptr},
             {"score", 0},
             {"raw_analysis", {{"filename", "bad.pdf"}}},
             {"error", {{"code", "corrupt_file"}, {"message", "'bad.pdf' is damaged"}}}}})}};
  const auto rows = RowsFromJobResults(page2);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].rank, 51);
  EXPECT_EQ(rows[0].id, "7");
  EXPECT_EQ(rows[0].file, "alice.pdf");
  EXPECT_EQ(rows[0].score, 81);
  EXPECT_TRUE(rows[0].qualified);
  EXPECT_EQ(rows[0].breakdown[0]["points"], 30);
  EXPECT_FALSE(rows[1].rank.has_value());
  EXPECT_EQ(rows[1].error, "corrupt_file: 'bad.pdf' is damaged");
  EXPECT_EQ(rows[1].name, "");
}

TEST(RowsFromEvaluate, ReadsOverallScoreAndRank) {
  const json answer = {{"candidates", json::array({{{"id", "alice.txt"},
                                                    {"rank", 1},
                                                    {"overall_score", 77},
                                                    {"matched_skills", {"SQL"}},
                                                    {"missing_skills", json::array()},
                                                    {"score_breakdown", json::array()}}})}};
  const auto rows = RowsFromEvaluate(answer);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].rank, 1);
  EXPECT_EQ(rows[0].score, 77);
  EXPECT_EQ(rows[0].file, "alice.txt");
  EXPECT_EQ(rows[0].matched_skills, std::vector<std::string>{"SQL"});
}

TEST(ParseOutputFormat, KnowsTheThreeFormats) {
  EXPECT_EQ(ParseOutputFormat("table"), OutputFormat::kTable);
  EXPECT_EQ(ParseOutputFormat("json"), OutputFormat::kJson);
  EXPECT_EQ(ParseOutputFormat("csv"), OutputFormat::kCsv);
  EXPECT_FALSE(ParseOutputFormat("xml").has_value());
}

}  // namespace
}  // namespace shortlist::client
