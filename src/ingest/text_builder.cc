#include "ingest/text_builder.h"

namespace shortlist::ingest {
namespace {

void EndLineIn(std::string& s) {
  if (!s.empty() && s.back() != '\n') s.push_back('\n');
}

}  // namespace

void TextBuilder::Append(std::string_view text, bool hidden) {
  (hidden ? hidden_ : visible_).append(text);
}

void TextBuilder::Tab(bool hidden) {
  std::string& s = hidden ? hidden_ : visible_;
  if (!s.empty() && s.back() != '\n') s.push_back('\t');
}

void TextBuilder::EndLine() {
  EndLineIn(visible_);
  EndLineIn(hidden_);
}

void TextBuilder::EndParagraph() {
  EndLine();
  if (!visible_.empty() && visible_.size() >= 2 && visible_[visible_.size() - 2] != '\n') {
    visible_.push_back('\n');
  }
}

}  // namespace shortlist::ingest
