// A job posting read as a recruiter reads it: its lines fall into parts (about the company, the
// role, its duties, what it requires, what it would like, benefits, equal-opportunity and legal
// text, how to apply), known from headings in any wording ("What you'll need", "Bonus points",
// "Perks:"), from a lead before a colon ("Ideally you also have: ..."), or, without a heading,
// from what a paragraph says ("We are an equal opportunity employer ...", "We offer medical,
// dental ...", "Founded in 2009, we ..."). Only the required, preferred and duty parts can ask
// anything of a candidate; the others describe the employer.
#pragma once

#include <string_view>
#include <vector>

namespace shortlist::engine {

enum class PostingPart {
  kUnknown,  // no heading yet, or one we cannot place: cues in each sentence decide
  kCompany,
  kRole,
  kDuties,
  kRequired,
  kPreferred,
  kBenefits,
  kLegal,
  kApply,
};

// Whether text in this part can state what the candidate must or should have.
inline bool CanAskOfCandidate(PostingPart part) {
  return part == PostingPart::kUnknown || part == PostingPart::kRole ||
         part == PostingPart::kDuties || part == PostingPart::kRequired ||
         part == PostingPart::kPreferred;
}

struct PostingLine {
  std::string_view text;  // the line's content (an inline lead such as "Perks:" removed)
  PostingPart part = PostingPart::kUnknown;
};

// The part a heading names ("Minimum qualifications" -> kRequired), or kUnknown when `phrase`
// is not a heading's wording. `phrase` is lower case, without the closing colon.
PostingPart HeadingPart(std::string_view phrase);

// Splits a normalised posting into its content lines, each with the part it belongs to.
// Heading lines and blank lines are not returned.
std::vector<PostingLine> SegmentPosting(std::string_view text);

}  // namespace shortlist::engine
