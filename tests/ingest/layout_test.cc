// Reading order from word positions (no PDF involved): columns, rows, gutters.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "ingest/layout.h"

namespace shortlist::ingest {
namespace {

// One word per token of `line`, 6 pt per character, starting at x, baseline row y (y grows down).
void AddLine(std::vector<PositionedWord>& words, double x, double y, const std::string& line,
             double size = 10) {
  std::size_t start = 0;
  while (start < line.size()) {
    std::size_t end = line.find(' ', start);
    if (end == std::string::npos) end = line.size();
    const std::string w = line.substr(start, end - start);
    const double width = 0.6 * size * static_cast<double>(w.size());
    words.push_back({w, x, y, x + width, y + size, size});
    x += width + 0.3 * size;
    start = end + 1;
  }
}

TEST(OrderWords, SingleColumnKeepsLinesAndWordOrder) {
  std::vector<PositionedWord> words;
  AddLine(words, 50, 100, "first line here");
  AddLine(words, 50, 112, "second line");
  EXPECT_EQ(OrderWords(words), "first line here\nsecond line");
}

TEST(OrderWords, InputOrderDoesNotMatter) {
  std::vector<PositionedWord> words;
  AddLine(words, 50, 112, "second line");
  AddLine(words, 50, 100, "first line here");
  std::reverse(words.begin(), words.end());
  EXPECT_EQ(OrderWords(words), "first line here\nsecond line");
}

TEST(OrderWords, ColumnsAreNotInterleaved) {
  std::vector<PositionedWord> words;
  AddLine(words, 50, 40, "Header spanning the whole page width and more words");
  for (int i = 0; i < 5; ++i) AddLine(words, 50, 80 + 14.0 * i, "left " + std::to_string(i));
  for (int i = 0; i < 6; ++i) AddLine(words, 300, 80 + 12.0 * i, "right " + std::to_string(i));
  EXPECT_EQ(OrderWords(words),
            "Header spanning the whole page width and more words\n\n"
            "left 0\nleft 1\nleft 2\nleft 3\nleft 4\n\n"
            "right 0\nright 1\nright 2\nright 3\nright 4\nright 5");
}

TEST(OrderWords, ColumnsSurviveAParagraphBreakAtTheSameHeight) {
  std::vector<PositionedWord> words;
  // Both columns have a blank strip between y=124 and y=150.
  for (int i = 0; i < 3; ++i) AddLine(words, 50, 80 + 12.0 * i, "a" + std::to_string(i));
  for (int i = 0; i < 3; ++i) AddLine(words, 50, 150 + 12.0 * i, "b" + std::to_string(i));
  for (int i = 0; i < 3; ++i) AddLine(words, 300, 80 + 17.0 * i, "c" + std::to_string(i));
  for (int i = 0; i < 3; ++i) AddLine(words, 300, 150 + 17.0 * i, "d" + std::to_string(i));
  const std::string text = OrderWords(words);
  EXPECT_LT(text.find("b2"), text.find("c0")) << text;
}

TEST(OrderWords, PagesDenserThanTheCapAreReadAsPlainLines) {
  std::vector<PositionedWord> words;
  for (int i = 0; i < 3; ++i) AddLine(words, 50, 80 + 12.0 * i, "left" + std::to_string(i));
  for (int i = 0; i < 3; ++i) AddLine(words, 300, 80 + 17.0 * i, "right" + std::to_string(i));
  LayoutOptions options;
  EXPECT_LT(OrderWords(words, options).find("left2"), OrderWords(words, options).find("right0"));
  options.max_words_for_columns = 4;
  EXPECT_EQ(OrderWords(words, options).rfind("left0\tright0\n", 0), 0u)
      << OrderWords(words, options);
}

TEST(OrderWords, TableRowsStayRows) {
  std::vector<PositionedWord> words;
  for (int i = 0; i < 4; ++i) {
    AddLine(words, 50, 100 + 14.0 * i, "Label" + std::to_string(i));
    AddLine(words, 250, 100 + 14.0 * i, "Value" + std::to_string(i));
  }
  EXPECT_EQ(OrderWords(words), "Label0\tValue0\nLabel1\tValue1\nLabel2\tValue2\nLabel3\tValue3");
}

TEST(OrderWords, HostileBoxesDoNotCrash) {
  std::vector<PositionedWord> words = {
      {"nan", NAN, 1, 2, NAN, 1}, {"inverted", 100, 100, 50, 50, 10}, {"zero", 0, 0, 0, 0, 0}};
  for (int i = 0; i < 2000; ++i)
    words.push_back({"w", 1.0 * (i % 40), 0.5 * i, 1.0 * (i % 40) + 3, 0.5 * i + 0.4, 0.4});
  const std::string text = OrderWords(words);
  EXPECT_NE(text.find("inverted"), std::string::npos);
  EXPECT_EQ(OrderWords({}), "");
}

}  // namespace
}  // namespace shortlist::ingest
