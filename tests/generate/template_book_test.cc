#include "generate/template_book.h"

#include <gtest/gtest.h>

#include <set>

#include "fixtures.h"

namespace shortlist::generate {
namespace {

TemplateBook MustParse(std::string_view text) {
  Result<TemplateBook> book = TemplateBook::Parse(text);
  EXPECT_TRUE(book.ok()) << (book.ok() ? "" : book.error().message);
  return book.ok() ? std::move(book).value() : TemplateBook();
}

TEST(TemplateBook, FillsVariablesAndLineBreaks) {
  TemplateBook book = MustParse("# comment\n@ greet\nHi {name},\\nwelcome\n");
  EXPECT_EQ(book.Render("greet", {{"name", "Jane"}}, 1), "Hi Jane,\nwelcome");
}

TEST(TemplateBook, MostSpecificUsableVariantWins) {
  TemplateBook book = MustParse("@ greet\nHi there,\nHi {name},\nHi {name} from {company},\n");
  EXPECT_EQ(book.Render("greet", {{"name", "Jane"}, {"company", "Acme"}}, 7), "Hi Jane from Acme,");
  EXPECT_EQ(book.Render("greet", {{"name", "Jane"}}, 7), "Hi Jane,");
  EXPECT_EQ(book.Render("greet", {{"name", ""}}, 7), "Hi there,");
  EXPECT_EQ(book.Render("greet", {}, 7), "Hi there,");
}

TEST(TemplateBook, OptionalSegmentDroppedWhenAVariableIsEmpty) {
  TemplateBook book = MustParse("@ s\nApplied for {role}[[ at {company}]].\n");
  EXPECT_EQ(book.Render("s", {{"role", "SRE"}, {"company", "Acme"}}, 0),
            "Applied for SRE at Acme.");
  EXPECT_EQ(book.Render("s", {{"role", "SRE"}}, 0), "Applied for SRE.");
  EXPECT_EQ(book.Render("s", {}, 0), "");  // {role} outside the segment is required
}

TEST(TemplateBook, FallsBackAlongTheKeyChain) {
  TemplateBook book = MustParse("@ a.special\nSpecial {x}\n@ a\nPlain\n");
  EXPECT_EQ(book.Render({"missing", "a.special", "a"}, {{"x", "1"}}, 0), "Special 1");
  EXPECT_EQ(book.Render({"missing", "a.special", "a"}, {}, 0), "Plain");
  EXPECT_EQ(book.Render(std::vector<std::string>{"missing"}, {}, 0), "");
}

TEST(TemplateBook, TiesArePickedBySeedDeterministically) {
  TemplateBook book = MustParse("@ k\none\ntwo\nthree\nfour\n");
  std::set<std::string> seen;
  for (std::uint64_t seed = 0; seed < 64; ++seed) {
    std::string first = book.Render("k", {}, seed);
    EXPECT_EQ(first, book.Render("k", {}, seed));
    seen.insert(first);
  }
  EXPECT_GE(seen.size(), 3u);
}

TEST(TemplateBook, ListsItsVariables) {
  TemplateBook book = MustParse("@ a\nHi {name}[[ at {company}]]\n@ b\n{name} {role}\n");
  EXPECT_EQ(book.Variables(), (std::vector<std::string>{"company", "name", "role"}));
}

TEST(TemplateBook, RejectsMalformedText) {
  for (const char* bad : {"variant before key\n", "@ k\nHi {name\n", "@ k\nHi [[ {x}\n", "@\nx\n",
                          "@ k\n[[ a [[ b ]] ]]\n", "@ k\nempty {}\n"}) {
    Result<TemplateBook> book = TemplateBook::Parse(bad);
    ASSERT_FALSE(book.ok()) << bad;
    EXPECT_EQ(book.error().code, "invalid_template");
    EXPECT_NE(book.error().message.find("line"), std::string::npos);
  }
}

// Every variant of every embedded template fills in completely when all variables are set.
TEST(TemplateBook, EmbeddedBooksParseAndFillCompletely) {
  TemplateVars all;
  for (const char* name : {"first_name",
                           "name",
                           "job_title",
                           "score",
                           "band",
                           "matched_list",
                           "skills",
                           "n_matched",
                           "top_skill",
                           "top_skill_years",
                           "top_skill_employer",
                           "second_skill",
                           "recent_employer",
                           "recent_title",
                           "employers",
                           "other_employers",
                           "years_total",
                           "min_years",
                           "gap",
                           "gap_kind",
                           "gap_severity",
                           "gap_related",
                           "certification",
                           "degree",
                           "institution",
                           "skill",
                           "skill_years",
                           "skill_min_years",
                           "skill_employer",
                           "via",
                           "evidence",
                           "severity",
                           "related",
                           "degree_needed",
                           "company",
                           "custom_notes",
                           "sender",
                           "skills_employer",
                           "related_list"}) {
    all[name] = std::string("X") + name;
  }
  for (const char* book_name : {"emails", "writeup", "questions"}) {
    const TemplateBook& book = EmbeddedBook(book_name);
    ASSERT_FALSE(book.Keys().empty()) << book_name;
    // A misspelt variable would silently render empty: every name must be one the writers set.
    for (const std::string& variable : book.Variables()) {
      EXPECT_TRUE(all.count(variable))
          << book_name << " uses unknown variable {" << variable << "}";
    }
    for (const std::string& key : book.Keys()) {
      for (const std::string& text : book.RenderAll(key, all)) {
        EXPECT_FALSE(text.empty()) << book_name << " " << key;
        EXPECT_EQ(testing::PlaceholderProblem(text), "") << book_name << " " << key << ": " << text;
      }
    }
  }
}

}  // namespace
}  // namespace shortlist::generate
