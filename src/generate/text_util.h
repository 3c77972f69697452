// Small text helpers shared by the writers of the generate module (internal).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace shortlist::generate {

std::string_view Trim(std::string_view text);

// FNV-1a; the seed lets one input hash differently per use ("subject", "opening", ...).
std::uint64_t Fnv1a(std::string_view text, std::uint64_t seed = 14695981039346656037ull);
std::uint64_t HashCombine(std::uint64_t seed, std::string_view text);

// "John" from "Dr. John A. Smith"; title case when the name is written in one case ("JOHN" ->
// "John"). "" when the name is empty or does not look like a name (an e-mail, digits).
std::string FirstName(std::string_view full_name);
// The whole name, cleaned the same way ("JOHN SMITH" -> "John Smith"); "" when not a name.
std::string DisplayName(std::string_view full_name);

// "A", "A and B", "A, B and C".
std::string JoinList(const std::vector<std::string>& items, std::string_view conjunction = "and");

// "5.2 years", "5 years", "1 year"; "" for zero or less.
std::string FormatYears(double years);
// "5+ years" for a minimum; "" for zero or less.
std::string FormatMinYears(double years);

// Free text from a user as a sentence: whitespace collapsed, first letter capitalised, a full
// stop added when it ends without punctuation, and cut (at a word) to `max_chars`.
std::string AsSentence(std::string_view text, std::size_t max_chars = 1000);

// Shortens to at most `max_chars` at a word boundary, adding "..." when cut.
std::string Shorten(std::string_view text, std::size_t max_chars);

std::string ToLower(std::string_view text);
// Case-insensitive search for `needle` as a whole term (not inside a longer word).
bool ContainsTerm(std::string_view haystack, std::string_view needle);

}  // namespace shortlist::generate
