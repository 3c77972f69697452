#include "engine/experience.h"

#include <algorithm>
#include <string>

#include "engine/experience_headers.h"

namespace shortlist::engine {
namespace {

using headers::CleanPart;
using headers::ContinuesASentence;
using headers::DateRangeOverThreeLines;
using headers::JobPart;
using headers::LooksLikeEmployer;
using headers::NamesAJob;
using headers::PlacedByTheLine;
using headers::PlausibleTitle;
using headers::SplitParts;
using headers::SplitTitleFromEmployer;
using headers::UndatedEntryHeader;
using headers::UsableHeaderLine;

// The lines that may hold dated entries: the experience section, or, without one, everything
// before the other sections.
bool Eligible(SectionKind kind, bool has_section) {
  return has_section ? kind == SectionKind::kExperience
                     : (kind == SectionKind::kHeader || kind == SectionKind::kSummary ||
                        kind == SectionKind::kOther);
}

// An entry's dates and years from its range.
ExperienceSpan DatedSpan(const DateRange& range, MonthIndex reference) {
  ExperienceSpan span;
  ExperienceEntry& e = span.entry;
  e.start_year = range.start_year;
  e.start_month = range.start_month;
  e.end_year = range.end_year;
  e.end_month = range.end_month;
  e.current = range.current;
  span.months = RangeMonths(range, reference);
  e.years = (span.months.second - span.months.first) / 12.0;
  return span;
}

// Where a resume's lines and what is known of them are, for reading one entry's header.
struct ResumeLines {
  const std::vector<Line>& lines;
  const std::vector<SectionKind>& kinds;
  const std::vector<bool>& headings;
  const EngineData* data;
};

// The header of the entry a line of dates opens: the date line's other parts, and the lines
// above and below it.
class EntryHeader {
 public:
  // Line i holds the dates at `range` (or they run to line date_last); `floor` is the last line
  // of the previous entry (none: SIZE_MAX).
  EntryHeader(const ResumeLines& r, size_t i, size_t date_last, const DateRange& range,
              size_t floor);
  std::string title() const { return std::string(CleanPart(title_)); }
  std::string employer() const { return std::string(CleanPart(employer_)); }
  size_t first_line() const { return first_line_; }

 private:
  void ReadLinesAbove(size_t want, size_t floor);
  void ReadDateLine(bool employer_first, size_t job_part);
  void ReadAboveOnly();
  void ReadLineBelow();
  void Settle();

  const ResumeLines& r_;
  const size_t i_;
  const size_t date_last_;
  std::vector<std::string> parts_;  // the date line's other parts (owned: title_ may view them)
  std::vector<std::string_view> above_;
  std::string_view title_;
  std::string_view employer_;
  size_t first_line_;
};

EntryHeader::EntryHeader(const ResumeLines& r, size_t i, size_t date_last, const DateRange& range,
                         size_t floor)
    : r_(r), i_(i), date_last_(date_last), first_line_(i) {
  if (date_last == i) {
    // The line without its dates.
    const std::string_view line = r.lines[i].text;
    std::string rest(line.substr(0, range.begin));
    rest.append("   ");
    rest.append(line.substr(range.end));
    for (std::string_view p : SplitParts(rest)) parts_.emplace_back(p);
  }
  // A date line that names only the employer ("Jan 2014 - Oct 2014 Acme Corp, Charlotte, NC")
  // has the title above it ...
  std::vector<std::string_view> views(parts_.begin(), parts_.end());
  const bool employer_first = !parts_.empty() && LooksLikeEmployer(parts_[0]);
  // ... unless another part of it names the job ("Company Name June 2000 to June 2001 Portfolio
  // Administrator") and the line above does not.
  const size_t job_part = employer_first ? JobPart(views, r.data) : 0;
  ReadLinesAbove(parts_.empty() ? 2 : employer_first ? 1 : 0, floor);
  if (!parts_.empty()) {
    ReadDateLine(employer_first, job_part);
  } else {
    ReadAboveOnly();
  }
  if (employer_.empty()) ReadLineBelow();
  Settle();
}

// Up to `want` header lines above the dates, after the previous entry and not headings.
void EntryHeader::ReadLinesAbove(size_t want, size_t floor) {
  for (size_t j = i_; j > 0 && above_.size() < want;) {
    --j;
    if (r_.headings[j] || (floor != SIZE_MAX && j <= floor) || r_.kinds[j] != r_.kinds[i_]) break;
    std::string_view t = Trim(r_.lines[j].text);
    if (t.empty()) continue;
    if (!UsableHeaderLine(t) || IsBulletMark(t.front()) || ContinuesASentence(r_.lines, j)) break;
    above_.insert(above_.begin(), t);
    first_line_ = j;
  }
}

void EntryHeader::ReadDateLine(bool employer_first, size_t job_part) {
  title_ = parts_[0];
  if (parts_.size() > 1) employer_ = parts_[1];
  const bool title_above = employer_first && above_.size() == 1 && !LooksLikeEmployer(above_[0]) &&
                           (job_part == 0 || NamesAJob(above_[0], r_.data));
  if (title_above) {
    employer_ = title_;  // the rest of the line is the employer's location
    title_ = above_[0];
  } else if (job_part != 0) {
    // "Acme Corp, Senior Consultant": the part that names a job is the title, and a line above
    // belongs to the previous entry.
    employer_ = parts_[0];
    title_ = parts_[job_part];
    first_line_ = i_;
  } else if (employer_first) {
    // Not "Acme Corp - Austin, TX": a place is no title, and an entry without one is better
    // than one titled "Austin".
    employer_ = title_;
    title_ = {};
  }
}

// A line of dates alone: the header is above it.
void EntryHeader::ReadAboveOnly() {
  if (above_.size() >= 2) {
    std::vector<std::string_view> t0 = SplitParts(above_[0]);
    std::vector<std::string_view> t1 = SplitParts(above_[1]);
    title_ = t0.empty() ? above_[0] : t0[0];
    employer_ = t1.empty() ? above_[1] : t1[0];
    if (LooksLikeEmployer(title_) && !LooksLikeEmployer(employer_)) std::swap(title_, employer_);
  } else if (above_.size() == 1) {
    // One header line above a line of dates: a title, or an employer alone ("Infosys Limited -
    // Mysore, Karnataka").
    std::vector<std::string_view> p = SplitParts(above_[0]);
    if (!p.empty() && (LooksLikeEmployer(p[0]) || PlacedByTheLine(above_[0])) &&
        !NamesAJob(p[0], r_.data) && JobPart(p, r_.data) == 0) {
      employer_ = p[0];
    } else {
      title_ = above_[0];
    }
  }
}

// The line after the dates: "Company Name - City , State" under a titled date line, or the
// whole header ("Owner/Operator, Fit Studio - Irvine, CA") under a line of dates alone.
void EntryHeader::ReadLineBelow() {
  const bool dates_alone = title_.empty();
  for (size_t j = date_last_ + 1; j < r_.lines.size() && j <= date_last_ + 2; ++j) {
    std::string_view t = Trim(r_.lines[j].text);
    if (t.empty()) continue;
    DateRange range;
    // (A line ending in a colon labels what follows: "Technologies:".)
    if (r_.headings[j] || r_.kinds[j] != r_.kinds[i_] || !UsableHeaderLine(t) || t.back() == ':' ||
        FindDateRange(t, &range) || !(dates_alone || LooksLikeEmployer(t) || CountWords(t) <= 6)) {
      break;
    }
    std::vector<std::string_view> p = SplitParts(t);
    if (p.empty()) break;
    if (!dates_alone) {
      employer_ = p[0];
      break;
    }
    title_ = p[0];
    if (p.size() > 1) employer_ = p[1];
    // "Financial Accountant Company Name - City , State": the rest is a place.
    SplitTitleFromEmployer(p[0], r_.data, &title_, &employer_);
    // "Acme Corp, Austin TX, Payroll Clerk": the part that names a job is the title.
    if (const size_t k = LooksLikeEmployer(p[0]) ? JobPart(p, r_.data) : 0; k != 0) {
      title_ = p[k];
      employer_ = p[0];
    } else if (title_ == p[0] && p.size() > 1 && CountWords(p[0]) <= 2 && LooksLikeEmployer(p[0]) &&
               !NamesAJob(p[0], r_.data) && PlacedByTheLine(t)) {
      // "Acme Corp - Austin, TX" alone under its dates: an organisation and its place, no
      // title. (Longer, such a part may run an unknown title into the employer: "Restaurant
      // Hostess Company Name".)
      employer_ = p[0];
      title_ = {};
    }
    break;
  }
}

void EntryHeader::Settle() {
  // A title run into the employer where the title came from elsewhere: "Line Cook Company Name"
  // under "Line Cook" and its dates. The title found first stands.
  if (std::string_view t, org;
      !employer_.empty() && SplitTitleFromEmployer(CleanPart(employer_), r_.data, &t, &org)) {
    employer_ = org;
    if (title_.empty()) title_ = t;
  }
  if (!employer_.empty() && !PlausibleEmployer(CleanPart(employer_), r_.data)) {
    // A grade or a list of technologies where the employer would be: the entry has none.
    employer_ = {};
  }
  if (!title_.empty() && !PlausibleTitle(title_, r_.data)) title_ = {};
}

// Each entry's text runs to the next entry's first line or the end of its section.
void SetEntryTexts(std::string_view text, const std::vector<Line>& lines,
                   const std::vector<bool>& headings, const std::vector<size_t>& header_lines,
                   std::vector<ExperienceSpan>* spans) {
  for (size_t k = 0; k < spans->size(); ++k) {
    const size_t first = header_lines[k];
    const size_t stop = k + 1 < spans->size() ? header_lines[k + 1] : lines.size();
    size_t last = first;
    for (size_t j = first; j < stop; ++j) {
      if (j > first && headings[j]) break;
      last = j;
    }
    ExperienceSpan& span = (*spans)[k];
    span.end = lines[last].offset + lines[last].text.size();
    span.entry.text = std::string(Trim(text.substr(span.begin, span.end - span.begin)));
  }
}

}  // namespace

std::vector<ExperienceSpan> ExtractExperience(std::string_view text, const std::vector<Line>& lines,
                                              const std::vector<SectionKind>& kinds,
                                              const std::vector<bool>& headings,
                                              MonthIndex reference, const EngineData* data) {
  const bool has_section =
      std::find(kinds.begin(), kinds.end(), SectionKind::kExperience) != kinds.end();
  const ResumeLines r{lines, kinds, headings, data};
  std::vector<ExperienceSpan> spans;
  std::vector<size_t> header_lines;  // index of the first line of each entry
  size_t last_entry_line = SIZE_MAX;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!Eligible(kinds[i], has_section) || headings[i]) continue;
    DateRange range;
    size_t date_last = i;  // the last line of the date range
    if (!FindDateRange(lines[i].text, &range)) {
      if (!DateRangeOverThreeLines(lines, i, &range)) continue;
      date_last = i + 2;
    }
    // A date inside a sentence that wrapped onto this line ("... cut employee turnover rate
    // from" / "2010 to 2012 by ...") belongs to the entry above.
    if (ContinuesASentence(lines, i)) continue;
    ExperienceSpan span = DatedSpan(range, reference);
    const EntryHeader header(r, i, date_last, range, last_entry_line);
    span.entry.title = header.title();
    span.entry.employer = header.employer();
    span.begin = lines[header.first_line()].offset;
    spans.push_back(std::move(span));
    header_lines.push_back(header.first_line());
    last_entry_line = date_last;
    i = date_last;
  }
  if (spans.empty() && has_section && data != nullptr) {
    std::string_view title;
    std::string_view employer;
    const size_t first = UndatedEntryHeader(lines, kinds, headings, data, &title, &employer);
    if (first != SIZE_MAX) {
      ExperienceSpan span;  // no dates: no months, no years
      span.entry.title = std::string(CleanPart(title));
      span.entry.employer = std::string(CleanPart(employer));
      span.begin = lines[first].offset;
      spans.push_back(std::move(span));
      header_lines.push_back(first);
    }
  }
  SetEntryTexts(text, lines, headings, header_lines, &spans);
  return spans;
}

}  // namespace shortlist::engine
