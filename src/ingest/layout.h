// Reading order for positioned words (a PDF page's text boxes).
//
// PDF stores glyphs with positions, not reading order. Reading a two-column resume line by line
// across the page interleaves the columns ("Python  2019 - Led the team  French"), which is the
// failure users of physical-layout extractors complain about. OrderWords runs a recursive XY cut:
//   1. a region whose words leave a vertical gutter (a strip no word crosses, at least
//      `min_gutter_em` wide) splits into left and right, read left first;
//   2. otherwise it splits into horizontal bands at blank strips; consecutive bands that share a
//      gutter are merged again (so a paragraph break that happens to line up in both columns does
//      not interleave them) and each group recurses;
//   3. a region with neither is a block: words grouped into lines by vertical overlap, lines top
//      to bottom, words left to right.
// A gutter is NOT a column break when most lines of its narrower side sit on the same baseline
// as a line of the other side: that is a table row or a right-aligned date ("Engineer ... 2019"),
// which must stay on one line.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace shortlist::ingest {

struct PositionedWord {
  std::string text;                       // UTF-8
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // box in points, y grows downwards
  double font_size = 0;
};

struct LayoutOptions {
  double min_gutter_em = 1.5;                // vertical gutter width, in median word heights
  double min_band_gap_em = 0.4;              // horizontal blank strip that separates bands
  double row_alignment_ratio = 0.6;          // share of aligned lines that makes a gutter a table
  std::size_t max_words_for_columns = 2500;  // denser pages are read as plain lines
};

// Returns the words as text: one line per layout line, a blank line between blocks that are
// far apart or in different columns, a tab where a line has a wide gap (a layout hint).
std::string OrderWords(std::vector<PositionedWord> words, const LayoutOptions& options = {});

}  // namespace shortlist::ingest
