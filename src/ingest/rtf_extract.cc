// RTF -> text: a tokenizer over groups, control words and text with a stack of character
// states. Destinations that are not body text (font and style tables, pictures, metadata, field
// instructions, anything marked \*) are skipped; headers, footers and footnotes are read.
//
// Hidden text: \v (hidden), a size under 3 pt (\fs is in half-points), and white text (\cf to a
// white colour table entry) without a highlight or character shading.
// Code pages: \'hh bytes are read as Windows-1252, the default of every mainstream writer;
// other \ansicpg values are rare in resumes and \uN covers non-Latin text.
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/internal.h"
#include "ingest/text_builder.h"
#include "ingest/text_decode.h"

namespace shortlist::ingest::internal {
namespace {

constexpr std::size_t kMaxDepth = 512;

struct GroupState {
  bool skip = false;
  bool hidden = false;
  int font_half_points = 24;
  int colour = 0;
  bool shaded = false;
  int unicode_skip = 1;  // \ucN: fallback characters after each \uN
  bool colour_table = false;
};

struct Rgb {
  int r = -1, g = -1, b = -1;
};

bool SkippedDestination(std::string_view word) {
  static constexpr std::string_view kSkipped[] = {"fonttbl",
                                                  "stylesheet",
                                                  "info",
                                                  "pict",
                                                  "object",
                                                  "themedata",
                                                  "datastore",
                                                  "xmlnstbl",
                                                  "listtable",
                                                  "listoverridetable",
                                                  "rsidtbl",
                                                  "generator",
                                                  "latentstyles",
                                                  "mmathPr",
                                                  "fldinst",
                                                  "filetbl",
                                                  "revtbl",
                                                  "pgdsctbl",
                                                  "userprops",
                                                  "docvar",
                                                  "xe",
                                                  "tc",
                                                  "colorschememapping",
                                                  "shppict",
                                                  "nonshppict",
                                                  "blipuid",
                                                  "bkmkstart",
                                                  "bkmkend",
                                                  "private",
                                                  "wgrffmtfilter",
                                                  "defchp",
                                                  "defpap",
                                                  "pnseclvl",
                                                  "listpicture",
                                                  "fontemb"};
  for (std::string_view s : kSkipped) {
    if (word == s) return true;
  }
  return false;
}

class RtfParser {
 public:
  explicit RtfParser(std::string_view in) : in_(in) {}

  Result<RawText> Run(const Deadline& deadline) {
    std::vector<GroupState> stack;
    GroupState state;
    while (pos_ < in_.size()) {
      if ((pos_ & 0xFFFF) == 0 && deadline.Expired()) return TimeoutError();
      const char c = in_[pos_++];
      if (c == '{') {
        if (stack.size() >= kMaxDepth) {
          return Error::Make("corrupt_file", "the RTF is nested too deeply");
        }
        stack.push_back(state);
        pending_skip_ = 0;
      } else if (c == '}') {
        if (state.colour_table && !state.skip) FinishColour();
        if (stack.empty()) break;  // end of document; trailing bytes are ignored
        state = stack.back();
        stack.pop_back();
        pending_skip_ = 0;
      } else if (c == '\\') {
        ControlWord(state);
      } else if (c == '\r' || c == '\n') {
        // Line breaks in RTF source are not text.
      } else if (state.colour_table) {
        if (c == ';') FinishColour();
      } else if (!state.skip) {
        if (pending_skip_ > 0) {
          --pending_skip_;
          continue;
        }
        Emit(state, static_cast<unsigned char>(c));
      }
    }
    FlushSurrogate(state);
    RawText raw;
    raw.text = out_.TakeVisible();
    raw.hidden = out_.TakeHidden();
    return raw;
  }

 private:
  bool Hidden(const GroupState& s) const {
    if (s.hidden || (s.font_half_points > 0 && s.font_half_points < 6)) return true;
    if (s.colour > 0 && static_cast<std::size_t>(s.colour) < colours_.size() && !s.shaded) {
      const Rgb& c = colours_[static_cast<std::size_t>(s.colour)];
      return c.r >= 0xF0 && c.g >= 0xF0 && c.b >= 0xF0;
    }
    return false;
  }

  void Emit(const GroupState& s, char32_t cp) {
    FlushSurrogate(s);
    std::string utf8;
    AppendUtf8(utf8, cp);
    out_.Append(utf8, Hidden(s));
  }

  void EmitUnicode(const GroupState& s, long n) {
    if (n < 0) n += 65536;
    const auto unit = static_cast<char32_t>(n);
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      FlushSurrogate(s);
      high_surrogate_ = unit;
      return;
    }
    if (unit >= 0xDC00 && unit <= 0xDFFF && high_surrogate_ != 0) {
      const char32_t cp = 0x10000 + ((high_surrogate_ - 0xD800) << 10) + (unit - 0xDC00);
      high_surrogate_ = 0;
      Emit(s, cp);
      return;
    }
    Emit(s, unit);
  }

  void FlushSurrogate(const GroupState& s) {
    if (high_surrogate_ == 0) return;
    high_surrogate_ = 0;
    std::string utf8;
    AppendUtf8(utf8, 0xFFFD);
    out_.Append(utf8, Hidden(s));
  }

  void FinishColour() {
    colours_.push_back(current_colour_);
    current_colour_ = Rgb{};
  }

  void ControlWord(GroupState& s) {
    if (pos_ >= in_.size()) return;
    const char c = in_[pos_];
    if (!std::isalpha(static_cast<unsigned char>(c))) {
      ++pos_;
      ControlSymbol(s, c);
      return;
    }
    const std::size_t start = pos_;
    while (pos_ < in_.size() && std::isalpha(static_cast<unsigned char>(in_[pos_])) &&
           pos_ - start < 32) {
      ++pos_;
    }
    const std::string_view word = in_.substr(start, pos_ - start);
    bool has_param = false;
    long param = 0;
    const std::size_t num_start = pos_;
    if (pos_ < in_.size() && in_[pos_] == '-') ++pos_;
    while (pos_ < in_.size() && std::isdigit(static_cast<unsigned char>(in_[pos_])) &&
           pos_ - num_start < 10) {
      ++pos_;
      has_param = true;
    }
    if (has_param) {
      param =
          std::strtol(std::string(in_.substr(num_start, pos_ - num_start)).c_str(), nullptr, 10);
    } else {
      pos_ = num_start;
    }
    if (pos_ < in_.size() && in_[pos_] == ' ') ++pos_;
    Apply(s, word, has_param, param);
  }

  void ControlSymbol(GroupState& s, char c) {
    switch (c) {
      case '\'': {
        if (pos_ + 2 > in_.size()) return;
        const std::string hex(in_.substr(pos_, 2));
        pos_ += 2;
        if (s.skip || s.colour_table) return;
        if (pending_skip_ > 0) {
          --pending_skip_;
          return;
        }
        const auto byte = static_cast<unsigned char>(std::strtoul(hex.c_str(), nullptr, 16));
        const std::string one(1, static_cast<char>(byte));
        std::string utf8 = DecodeText(one);  // a lone high byte is read as Windows-1252
        out_.Append(utf8, Hidden(s));
        return;
      }
      case '*':
        s.skip = true;  // "ignore this destination if you do not know it"; we know none
        return;
      case '\\':
      case '{':
      case '}':
        if (!s.skip && !s.colour_table) Emit(s, static_cast<unsigned char>(c));
        return;
      case '~':
        if (!s.skip) Emit(s, ' ');
        return;
      case '_':
        if (!s.skip) Emit(s, '-');
        return;
      case '\n':
      case '\r':
        if (!s.skip) out_.EndLine();
        return;
      default:
        return;  // \- (optional hyphen), \: (index subentry) and unknown symbols
    }
  }

  void Apply(GroupState& s, std::string_view w, bool has_param, long p) {
    if (s.colour_table) {
      if (w == "red") current_colour_.r = static_cast<int>(p);
      if (w == "green") current_colour_.g = static_cast<int>(p);
      if (w == "blue") current_colour_.b = static_cast<int>(p);
      return;
    }
    if (w == "bin") {
      pos_ += static_cast<std::size_t>(
          std::max(0L, std::min<long>(p, static_cast<long>(in_.size() - pos_))));
      return;
    }
    if (w == "colortbl") {
      s.colour_table = true;
      colours_.clear();
      return;
    }
    if (SkippedDestination(w)) {
      s.skip = true;
      return;
    }
    if (w == "uc") {
      s.unicode_skip = static_cast<int>(std::max(0L, std::min(p, 8L)));
      return;
    }
    if (w == "v") s.hidden = !has_param || p != 0;
    if (w == "fs") s.font_half_points = has_param ? static_cast<int>(p) : 24;
    if (w == "cf") s.colour = static_cast<int>(p);
    if (w == "highlight" || w == "cb" || w == "chcbpat") s.shaded = p > 0;
    if (w == "plain") {
      s.hidden = false, s.font_half_points = 24, s.colour = 0, s.shaded = false;
    }
    if (s.skip) return;
    if (w == "u" && has_param) {
      if (pending_skip_ > 0) pending_skip_ = 0;
      EmitUnicode(s, p);
      pending_skip_ = s.unicode_skip;
    } else if (w == "par" || w == "line" || w == "sect" || w == "page" || w == "row") {
      out_.EndLine();
    } else if (w == "tab" || w == "cell") {
      out_.Tab(Hidden(s));
    } else if (w == "emdash") {
      Emit(s, 0x2014);
    } else if (w == "endash") {
      Emit(s, 0x2013);
    } else if (w == "bullet") {
      Emit(s, 0x2022);
    } else if (w == "lquote" || w == "rquote") {
      Emit(s, w == "lquote" ? 0x2018 : 0x2019);
    } else if (w == "ldblquote" || w == "rdblquote") {
      Emit(s, w == "ldblquote" ? 0x201C : 0x201D);
    } else if (w == "emspace" || w == "enspace" || w == "qmspace") {
      Emit(s, ' ');
    }
  }

  std::string_view in_;
  std::size_t pos_ = 0;
  int pending_skip_ = 0;
  char32_t high_surrogate_ = 0;
  std::vector<Rgb> colours_;
  Rgb current_colour_;
  TextBuilder out_;
};

}  // namespace

Result<RawText> ExtractRtf(std::string_view bytes, const Deadline& deadline) {
  return RtfParser(bytes).Run(deadline);
}

}  // namespace shortlist::ingest::internal
