// `shortlist screen` as a user runs it: real files of several kinds in a temporary directory,
// the real binary, its stdout, stderr and exit code.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "../ingest/fixtures.h"
#include "child_process.h"
#include "fixtures.h"
#include "server_process.h"

namespace shortlist::testing {
namespace {

using ingest::testing::PdfBuilder;
using nlohmann::json;

std::string Ascii(std::string line) {
  for (char& c : line) {
    if (static_cast<unsigned char>(c) >= 0x80) c = '-';  // the fixture writers take ASCII
  }
  return line;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    out.push_back(line);
  }
  return out;
}

std::string ResumePdf(const std::string& text) {
  std::vector<PdfBuilder::Text> rows;
  double y = 760;
  for (const std::string& line : SplitLines(text)) {
    if (!line.empty()) rows.push_back({50, y, 10, Ascii(line)});
    y -= 14;
  }
  return PdfBuilder().Page(rows).Build();
}

std::string ResumeDocx(const std::string& text) {
  std::string body;
  for (const std::string& line : SplitLines(text)) {
    body += "<w:p><w:r><w:t xml:space=\"preserve\">" + Ascii(line) + "</w:t></w:r></w:p>";
  }
  return ingest::testing::MakeDocx(body);
}

std::string ResumeHtml(const std::string& text) {
  std::string html = "<!DOCTYPE html><html><head><title>CV</title></head><body>";
  for (const std::string& line : SplitLines(text)) html += "<p>" + line + "</p>\n";
  return html + "</body></html>";
}

class CliScreenTest : public ::testing::Test {
 protected:
  void SetUp() override {
    env_ = SanitizerEnv(dir_.path());
    job_ = Write("job.txt", kPythonJobTitle + "\n" + kPythonJob);
    resumes_ = dir_.path() + "/resumes";
    // Each kind by its bytes; the names do not say what is inside (.dat, .txt for a DOCX).
    Write("resumes/alice.dat", ResumePdf(kStrongResume));
    Write("resumes/bob.txt", ResumeDocx(kMiddleResume));
    Write("resumes/carol.html", ResumeHtml(kWeakResume));
  }

  std::string Write(const std::string& relative, const std::string& bytes) {
    const std::filesystem::path p = std::filesystem::path(dir_.path()) / relative;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }

  CliRun Screen(std::vector<std::string> extra) {
    std::vector<std::string> args = {"screen", "--job", job_};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunShortlist(args, env_);
  }

  TempDir dir_;
  std::map<std::string, std::string> env_;
  std::string job_;
  std::string resumes_;
};

TEST_F(CliScreenTest, TableRanksBestFirstAndABadFileIsReportedWithoutStoppingTheRun) {
  Write("resumes/zz-broken.pdf", "%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage without end");
  Write("resumes/empty.txt", "");
  CliRun run = Screen({resumes_});
  EXPECT_EQ(run.exit_code, 3) << "some files failed: " << run.err;
  const auto lines = SplitLines(run.out);
  ASSERT_EQ(lines.size(), 6u) << run.out;
  EXPECT_EQ(lines[0].rfind("RANK", 0), 0u) << lines[0];
  EXPECT_NE(lines[0].find("SCORE"), std::string::npos);
  EXPECT_NE(lines[0].find("MATCHED"), std::string::npos);
  EXPECT_NE(lines[0].find("MISSING"), std::string::npos);
  // Ranked: Alice (strong), Bob (middle), Carol (chef); the broken files last with their error.
  EXPECT_NE(lines[1].find("Alice Example"), std::string::npos) << run.out;
  EXPECT_NE(lines[1].find("alice.dat"), std::string::npos);
  EXPECT_NE(lines[1].find("Python"), std::string::npos) << "top matched skills shown";
  EXPECT_NE(lines[2].find("Bob Sample"), std::string::npos) << run.out;
  EXPECT_NE(lines[3].find("Carol Placeholder"), std::string::npos) << run.out;
  EXPECT_EQ(lines[1].substr(0, 4), "   1");
  EXPECT_EQ(lines[3].substr(0, 4), "   3");
  bool empty_row = false, broken_row = false;
  for (std::size_t i = 4; i < 6; ++i) {
    EXPECT_EQ(lines[i].substr(0, 4), "   -") << lines[i];
    EXPECT_NE(lines[i].find("error: "), std::string::npos) << lines[i];
    empty_row |= lines[i].find("empty.txt") != std::string::npos &&
                 lines[i].find("empty_file") != std::string::npos;
    broken_row |= lines[i].find("zz-broken.pdf") != std::string::npos;
  }
  EXPECT_TRUE(empty_row) << run.out;
  EXPECT_TRUE(broken_row) << run.out;
  EXPECT_NE(run.err.find("zz-broken.pdf"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("empty.txt"), std::string::npos) << run.err;
  EXPECT_EQ(run.err.find('\r'), std::string::npos) << "no progress bar when stderr is a pipe";
}

TEST_F(CliScreenTest, JsonCarriesRanksScoresAndABreakdownThatAddsUp) {
  CliRun run = Screen({resumes_, "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json out = json::parse(run.out);
  EXPECT_EQ(out["summary"]["files"], 3);
  EXPECT_EQ(out["summary"]["failed"], 0);
  EXPECT_EQ(out["job"]["leniency_level"], 5);
  EXPECT_FALSE(out["job"]["required_skills"].empty());
  // Without --title the job's title is its first line, as the engine read it.
  EXPECT_EQ(out["job"]["title"], kPythonJobTitle);
  EXPECT_EQ(out["job"]["knockouts"],
            json({"5+ years of Python", "Bachelor's degree required", "5+ years of experience"}));
  const json& c = out["candidates"];
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[0]["name"], "Alice Example");
  EXPECT_EQ(c[1]["name"], "Bob Sample");
  EXPECT_EQ(c[2]["name"], "Carol Placeholder");
  for (std::size_t i = 0; i < c.size(); ++i) {
    EXPECT_EQ(c[i]["rank"], i + 1);
    EXPECT_TRUE(c[i]["error"].is_null());
    if (i > 0) {
      EXPECT_GE(c[i - 1]["score"].get<int>(), c[i]["score"].get<int>());
    }
    double sum = 0;
    for (const auto& f : c[i]["breakdown"]) sum += f["points"].get<double>();
    const int score = c[i]["score"];
    if (score > 0 && score < 100) {
      EXPECT_NEAR(sum, score, 0.5 + 1e-9) << c[i].dump();
    }
  }
  EXPECT_GT(c[0]["score"].get<int>(), c[2]["score"].get<int>() + 20);
  const int threshold = out["job"]["qualifying_score"];
  for (const auto& candidate : c) {
    EXPECT_EQ(candidate["qualified"], candidate["score"].get<int>() >= threshold);
  }
  EXPECT_NE(std::find(c[0]["matched_skills"].begin(), c[0]["matched_skills"].end(), "Django"),
            c[0]["matched_skills"].end());
  EXPECT_FALSE(c[2]["missing_skills"].empty());
}

// A dash that reached the text as mojibake ("\xC3\xAF\xC2\xBC" + a zero-width space, as between
// the dates of the public resume corpus' PDFs) still separates a date range: the years count as
// they do with a plain dash.
TEST_F(CliScreenTest, MojibakeDashesBetweenDatesStillCountAsYears) {
  const std::string resume =
      "Dana Example\n"
      "Experience\n"
      "Senior Python Developer 03/2012 {dash} 04/2020 Acme Corp\n"
      "Built REST APIs in Python and Django on PostgreSQL, deployed with Docker.\n";
  auto with = [&](const std::string& dash) {
    std::string text = resume;
    text.replace(text.find("{dash}"), 6, dash);
    return text;
  };
  const std::string dir = dir_.path() + "/dashes";
  Write("dashes/plain.txt", with("-"));
  Write("dashes/mojibake.txt", with("\xC3\xAF\xC2\xBC\xE2\x80\x8B"));
  CliRun run = Screen({dir, "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json out = json::parse(run.out);
  ASSERT_EQ(out["candidates"].size(), 2u);
  std::map<std::string, std::string> experience;  // file -> the experience explanation
  for (const auto& c : out["candidates"]) {
    for (const auto& f : c["breakdown"]) {
      if (f["name"] == "experience") experience[c["file"]] = f["explanation"];
    }
  }
  ASSERT_EQ(experience.size(), 2u) << run.out;
  EXPECT_EQ(experience.begin()->second, std::next(experience.begin())->second) << run.out;
  EXPECT_NE(experience.begin()->second.find("8.2 years"), std::string::npos) << run.out;
}

TEST_F(CliScreenTest, CsvWithTopKeepsTheBestRowsAndBreakdownColumns) {
  CliRun run = Screen({resumes_, "--format", "csv", "--top", "2"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto lines = SplitLines(run.out);
  ASSERT_EQ(lines.size(), 3u) << run.out;
  EXPECT_EQ(
      lines[0].rfind("rank,score,qualified,name,file,matched_skills,missing_skills,flags,error", 0),
      0u);
  EXPECT_NE(lines[0].find("required_skills"), std::string::npos) << lines[0];
  EXPECT_EQ(lines[1].rfind("1,", 0), 0u);
  EXPECT_NE(lines[1].find("Alice Example"), std::string::npos);
  EXPECT_NE(lines[2].find("Bob Sample"), std::string::npos);
}

TEST_F(CliScreenTest, FilesNamedOneByOneAndAMissingOneIsAnErrorRow) {
  CliRun run = Screen({resumes_ + "/carol.html", resumes_ + "/alice.dat",
                       dir_.path() + "/no-such-file.pdf", "--format", "json"});
  EXPECT_EQ(run.exit_code, 3) << run.err;
  const json out = json::parse(run.out);
  ASSERT_EQ(out["candidates"].size(), 3u);
  EXPECT_EQ(out["candidates"][0]["name"], "Alice Example");
  EXPECT_EQ(out["candidates"][1]["name"], "Carol Placeholder");
  EXPECT_TRUE(out["candidates"][2]["rank"].is_null());
  EXPECT_NE(out["candidates"][2]["error"].get<std::string>().find("not_found"), std::string::npos);
}

TEST_F(CliScreenTest, AMoreLenientRunNeverScoresLower) {
  CliRun strict = Screen({resumes_, "--format", "json", "--leniency", "1"});
  CliRun lenient = Screen({resumes_, "--format", "json", "--leniency", "10", "--threads", "1"});
  ASSERT_EQ(strict.exit_code, 0);
  ASSERT_EQ(lenient.exit_code, 0);
  std::map<std::string, int> strict_scores;
  const json strict_out = json::parse(strict.out);
  for (const auto& c : strict_out["candidates"]) {
    strict_scores[c["file"].get<std::string>()] = c["score"].get<int>();
  }
  const json lenient_out = json::parse(lenient.out);
  ASSERT_EQ(lenient_out["candidates"].size(), 3u);
  ASSERT_EQ(strict_scores.size(), 3u) << strict.out;
  for (const auto& c : lenient_out["candidates"]) {
    EXPECT_GE(c["score"].get<int>(), strict_scores[c["file"].get<std::string>()]) << c["file"];
  }
  EXPECT_GE(lenient_out["summary"]["qualified"].get<int>(),
            strict_out["summary"]["qualified"].get<int>());
}

TEST_F(CliScreenTest, UsageAndRuntimeErrorsHaveTheirExitCodes) {
  EXPECT_EQ(RunShortlist({"screen", resumes_}, env_).exit_code, 2) << "--job is required";
  EXPECT_EQ(Screen({resumes_, "--leniency", "11"}).exit_code, 2);
  EXPECT_EQ(Screen({resumes_, "--format", "xml"}).exit_code, 2);
  EXPECT_EQ(Screen({}).exit_code, 2) << "no resumes given";
  CliRun no_job = RunShortlist({"screen", "--job", dir_.path() + "/missing.txt", resumes_}, env_);
  EXPECT_EQ(no_job.exit_code, 1);
  EXPECT_NE(no_job.err.find("job description"), std::string::npos) << no_job.err;
  std::filesystem::create_directories(dir_.path() + "/empty-dir");
  CliRun nothing = Screen({dir_.path() + "/empty-dir"});
  EXPECT_EQ(nothing.exit_code, 1);
  EXPECT_NE(nothing.err.find("no resume files"), std::string::npos) << nothing.err;
  CliRun help = RunShortlist({"screen", "--help"}, env_);
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("exit codes"), std::string::npos) << help.out;
}

}  // namespace
}  // namespace shortlist::testing
