// TextBuilder: collects the visible and the hidden text of a structured document (DOCX, ODT,
// RTF, HTML) as its parser walks it, keeping line structure in both.
#pragma once

#include <string>
#include <string_view>

namespace shortlist::ingest {

class TextBuilder {
 public:
  // Appends a run of text to the visible or the hidden stream.
  void Append(std::string_view text, bool hidden);
  // A tab separates table cells and tab-aligned fields; collapses with neighbouring blanks.
  void Tab(bool hidden);
  // Ends the current line in both streams (a no-op for a stream whose line is empty).
  void EndLine();
  // Ends the current paragraph with a blank line in the visible stream.
  void EndParagraph();

  const std::string& visible() const { return visible_; }
  const std::string& hidden() const { return hidden_; }
  std::string TakeVisible() { return std::move(visible_); }
  std::string TakeHidden() { return std::move(hidden_); }

 private:
  std::string visible_;
  std::string hidden_;
};

}  // namespace shortlist::ingest
