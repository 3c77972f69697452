#include <gtest/gtest.h>

#include "interview/interview.h"

namespace shortlist::interview {
namespace {

std::vector<Turn> MustSplit(std::string_view transcript) {
  Result<std::vector<Turn>> turns = SplitTurns(transcript);
  EXPECT_TRUE(turns.ok()) << (turns.ok() ? "" : turns.error().message);
  return turns.ok() ? std::move(turns).value() : std::vector<Turn>{};
}

TEST(SplitTurns, InlineRoleLabels) {
  auto turns = MustSplit(
      "Interviewer: Tell me about yourself? Candidate: Sure, I build APIs. Interviewer: Why us? "
      "Candidate: Your product.");
  ASSERT_EQ(turns.size(), 4u);
  EXPECT_EQ(turns[0].speaker, "Interviewer");
  EXPECT_FALSE(turns[0].is_candidate);
  EXPECT_EQ(turns[0].text, "Tell me about yourself?");
  EXPECT_EQ(turns[1].speaker, "Candidate");
  EXPECT_TRUE(turns[1].is_candidate);
  EXPECT_EQ(turns[1].text, "Sure, I build APIs.");
  EXPECT_EQ(turns[3].text, "Your product.");
}

TEST(SplitTurns, LineBasedWithContinuationLinesAndCrLf) {
  auto turns = MustSplit(
      "Interviewer: First question.\r\nCandidate: Line one\r\ncontinues here.\r\n\r\n"
      "Interviewer: Second?\r\nCandidate: Yes.");
  ASSERT_EQ(turns.size(), 4u);
  EXPECT_EQ(turns[1].text, "Line one continues here.");
  EXPECT_TRUE(turns[3].is_candidate);
}

TEST(SplitTurns, QAndALabels) {
  auto turns = MustSplit("Q: What is a mutex?\nA: A lock.\nQ: And plan A: what is it?\nA: No.");
  ASSERT_EQ(turns.size(), 4u);
  EXPECT_FALSE(turns[0].is_candidate);
  EXPECT_TRUE(turns[1].is_candidate);
  EXPECT_EQ(turns[2].text, "And plan A: what is it?");  // "plan A:" is no speaker
}

TEST(SplitTurns, NamesWithTimestampsAndBold) {
  auto turns = MustSplit(
      "[00:00:03] **Sarah Lee:** Thanks for joining. What brings you here?\n"
      "[00:00:10] **Tom Park:** I want to work on search.\n"
      "[00:01:02] **Sarah Lee:** Why search?\n"
      "[00:01:05] **Tom Park:** I built one at 10:30 on a Friday. Result: it worked.\n");
  ASSERT_EQ(turns.size(), 4u);
  EXPECT_EQ(turns[0].speaker, "Sarah Lee");
  EXPECT_FALSE(turns[0].is_candidate);  // she asks the questions
  EXPECT_EQ(turns[1].speaker, "Tom Park");
  EXPECT_TRUE(turns[1].is_candidate);
  EXPECT_EQ(turns[3].text, "I built one at 10:30 on a Friday. Result: it worked.");
}

TEST(SplitTurns, RoleInParenthesesAndOtherRoleWords) {
  auto turns = MustSplit(
      "Jane (Interviewer): How do you test?\nRecruiter: Take your time.\n"
      "Omar (Candidate): With unit tests.\n");
  ASSERT_EQ(turns.size(), 3u);
  EXPECT_FALSE(turns[0].is_candidate);
  EXPECT_FALSE(turns[1].is_candidate);
  EXPECT_TRUE(turns[2].is_candidate);
  EXPECT_EQ(turns[2].speaker, "Omar (Candidate)");
}

TEST(SplitTurns, UnknownNamesBesideRolesAreTheOtherSide) {
  auto turns = MustSplit("Interviewer: Hi?\nPriya: Hello.\nInterviewer: Ready?\nPriya: Yes.");
  ASSERT_EQ(turns.size(), 4u);
  EXPECT_TRUE(turns[1].is_candidate);
  EXPECT_EQ(turns[1].speaker, "Priya");
}

TEST(SplitTurns, ConsecutiveTurnsOfOneSpeakerMerge) {
  auto turns = MustSplit("Interviewer: One.\nInterviewer: Two?\nCandidate: Answer.");
  ASSERT_EQ(turns.size(), 2u);
  EXPECT_EQ(turns[0].text, "One. Two?");
}

TEST(SplitTurns, ClauseLabelsInsideAnswersAreNotSpeakers) {
  auto turns = MustSplit(
      "Interviewer: Tell me about it.\nCandidate: Situation: the build was slow.\n"
      "Task: fix it. Action: I cached it. Result: 5x faster.\nInterviewer: Thanks.");
  ASSERT_EQ(turns.size(), 3u);
  EXPECT_TRUE(turns[1].is_candidate);
  EXPECT_NE(turns[1].text.find("Result: 5x faster."), std::string::npos);
}

TEST(SplitTurns, PanelOfNamesWhereOneSpeaksOnce) {
  auto turns = MustSplit(
      "Alice: Hi Bob, what did you build last?\nBob: A compiler.\n"
      "Carol: How long did it take?\nBob: Six months.\nAlice: Why?\nBob: Parsing is hard.");
  ASSERT_EQ(turns.size(), 6u);
  EXPECT_EQ(turns[2].speaker, "Carol");
  EXPECT_FALSE(turns[2].is_candidate);
  for (int i : {1, 3, 5}) EXPECT_TRUE(turns[i].is_candidate) << i;
}

TEST(SplitTurns, GenericSpeakerNumbersAndUppercaseAndDotLabels) {
  auto numbered = MustSplit(
      "Speaker 1: Welcome. Can you introduce yourself?\nSpeaker 2: Sure, I write Go.\n"
      "Speaker 1: What do you enjoy?\nSpeaker 2: Debugging.");
  ASSERT_EQ(numbered.size(), 4u);
  EXPECT_FALSE(numbered[0].is_candidate);
  EXPECT_TRUE(numbered[1].is_candidate);
  auto upper = MustSplit("INTERVIEWER: What is your name?\nCANDIDATE: Alex.");
  ASSERT_EQ(upper.size(), 2u);
  EXPECT_TRUE(upper[1].is_candidate);
  auto dotted = MustSplit("Q. What is a thread?\nA. A unit of execution.");
  ASSERT_EQ(dotted.size(), 2u);
  EXPECT_EQ(dotted[1].text, "A unit of execution.");
  EXPECT_TRUE(dotted[1].is_candidate);
}

TEST(SplitTurns, PreambleBeforeTheFirstLabelIsIgnored) {
  auto turns = MustSplit(
      "Transcript of interview, 3 March\n\nInterviewer: Tell me about a bug?\n"
      "Candidate: There was a race: two threads wrote the same map.");
  ASSERT_EQ(turns.size(), 2u);
  EXPECT_EQ(turns[1].text, "There was a race: two threads wrote the same map.");
}

TEST(SplitTurns, InvalidInputIsAnError) {
  for (const char* bad : {"", "   \n  ", "just some text without any labels",
                          "Interviewer: Hello? Interviewer: Anyone there?"}) {
    Result<std::vector<Turn>> turns = SplitTurns(bad);
    ASSERT_FALSE(turns.ok()) << bad;
    EXPECT_EQ(turns.error().code, "invalid_transcript");
    EXPECT_EQ(turns.error().field, "transcript");
    EXPECT_FALSE(turns.error().message.empty());
  }
  std::string huge(3u << 20, 'a');
  Result<std::vector<Turn>> turns = SplitTurns("Candidate: " + huge);
  ASSERT_FALSE(turns.ok());
  EXPECT_EQ(turns.error().code, "invalid_transcript");
}

}  // namespace
}  // namespace shortlist::interview
