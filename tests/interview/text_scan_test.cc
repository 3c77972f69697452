#include "interview/text_scan.h"

#include <gtest/gtest.h>

#include "interview/lexicon.h"

namespace shortlist::interview {
namespace {

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> out;
  for (const Token& t : Tokenize(text)) out.push_back(t.text);
  return out;
}

TEST(Tokenize, KeepsTechnicalWordsAndSplitsSentences) {
  EXPECT_EQ(Words("I’m using Node.js, C++ and C#: 3.5x faster, 40% less."),
            (std::vector<std::string>{"i'm", "using", "node.js", "c++", "and", "c#", "3.5x",
                                      "faster", "40", "%", "less"}));
  std::vector<Token> tokens = Tokenize("One two. Three? Four!");
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[0].sentence, 0);
  EXPECT_EQ(tokens[1].sentence, 0);
  EXPECT_EQ(tokens[2].sentence, 1);
  EXPECT_EQ(tokens[3].sentence, 2);
}

TEST(PhraseSet, MatchesWholeWordsWithinASentence) {
  PhraseSet set;
  set.Add("I led");
  set.Add("kind of");
  EXPECT_EQ(set.Count(Tokenize("I led it. I ledger. Kind of, kind of.")), 3);
  EXPECT_EQ(set.Count(Tokenize("I. Led")), 0);  // crosses a sentence end
  EXPECT_EQ(set.Found(Tokenize("kind of and I led")),
            (std::vector<std::string>{"kind of", "i led"}));
}

TEST(Stem, JoinsCommonForms) {
  EXPECT_EQ(Stem("deployments"), Stem("deployment"));
  EXPECT_EQ(Stem("scaling"), Stem("scale"));
  EXPECT_EQ(Stem("queries"), Stem("query"));
  EXPECT_EQ(Stem("tested"), Stem("test"));
  EXPECT_NE(Stem("status"), "statu");
}

TEST(Lexicon, EmbeddedListsParse) {
  const Lexicon& lexicon = EmbeddedLexicon();
  EXPECT_TRUE(lexicon.hedges.Contains("maybe"));
  EXPECT_TRUE(lexicon.interviewer_labels.Contains("q"));
  EXPECT_TRUE(lexicon.technical_terms.Contains("kubernetes"));
}

TEST(Lexicon, RejectsMalformedText) {
  EXPECT_FALSE(Lexicon::Parse("hedges\n").ok());
  Result<Lexicon> unknown = Lexicon::Parse("@ nonsense\nword\n");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, "invalid_lexicon");
  EXPECT_FALSE(Lexicon::Parse("@ hedges\nmaybe\n").ok());  // other sections left empty
}

}  // namespace
}  // namespace shortlist::interview
