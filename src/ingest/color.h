// Colour values as documents spell them, for hidden-text detection (white text on the default
// white page).
#pragma once

#include <string_view>

namespace shortlist::ingest {

// True for colours a reader cannot tell from a white page: "FFFFFF", "#fff", "#fefefe",
// "white", "rgb(255,255,255)". Unknown spellings and "auto" are not white.
bool IsNearWhite(std::string_view color);

// True when a background/fill/highlight value names a real colour (not empty, "auto", "none",
// "transparent", or white), i.e. white text over it may well be visible.
bool IsColouredBackground(std::string_view color);

}  // namespace shortlist::ingest
