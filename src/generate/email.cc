#include "generate/email.h"

#include <array>
#include <utility>

#include "generate/candidate_facts.h"
#include "generate/template_book.h"
#include "generate/text_util.h"

namespace shortlist::generate {
namespace {

constexpr std::array<std::pair<EmailType, std::string_view>, 4> kTypeNames = {{
    {EmailType::kInvite, "invite"},
    {EmailType::kRejection, "rejection"},
    {EmailType::kKeepWarm, "keep-warm"},
    {EmailType::kFollowup, "followup"},
}};
constexpr std::array<std::pair<EmailTone, std::string_view>, 5> kToneNames = {{
    {EmailTone::kProfessional, "professional"},
    {EmailTone::kFriendly, "friendly"},
    {EmailTone::kCasual, "casual"},
    {EmailTone::kEnthusiastic, "enthusiastic"},
    {EmailTone::kFormal, "formal"},
}};

// "Keep_Warm" -> "keep-warm"; "follow-up" -> "followup".
std::string Canonical(std::string_view text) {
  std::string out;
  for (char c : ToLower(Trim(text))) out += (c == '_' || c == ' ') ? '-' : c;
  if (out == "keepwarm") out = "keep-warm";
  if (out == "follow-up") out = "followup";
  return out;
}

template <typename Enum, std::size_t N>
Result<Enum> ParseName(std::string_view text,
                       const std::array<std::pair<Enum, std::string_view>, N>& names,
                       std::string_view field) {
  std::string canonical = Canonical(text);
  std::string allowed;
  for (const auto& [value, name] : names) {
    if (canonical == name) return value;
    if (!allowed.empty()) allowed += ", ";
    allowed += name;
  }
  return Error::Make("invalid_value",
                     "The " + std::string(field) + " must be one of: " + allowed + ".",
                     std::string(field));
}

// The part's text for this type and tone; see the lookup order in emails.txt.
std::string RenderPart(const TemplateBook& book, std::string_view type, std::string_view tone,
                       std::string_view part, const TemplateVars& vars, std::uint64_t seed) {
  std::string t(type), p(part), n(tone);
  return book.Render({t + "." + p + "." + n, t + "." + p, p + "." + n, p}, vars,
                     HashCombine(seed, p));
}

}  // namespace

Result<EmailType> ParseEmailType(std::string_view text) {
  return ParseName(text, kTypeNames, "type");
}
Result<EmailTone> ParseEmailTone(std::string_view text) {
  return ParseName(text, kToneNames, "tone");
}

std::string_view ToString(EmailType type) {
  for (const auto& [value, name] : kTypeNames) {
    if (value == type) return name;
  }
  return "invite";
}
std::string_view ToString(EmailTone tone) {
  for (const auto& [value, name] : kToneNames) {
    if (value == tone) return name;
  }
  return "professional";
}

Email WriteEmail(const engine::JobRequirements& job, const engine::ResumeProfile& resume,
                 const engine::Evaluation& eval, const EmailRequest& request) {
  const TemplateBook& book = EmbeddedBook("emails");
  engine::JobRequirements titled = job;
  if (!Trim(request.job_title).empty()) titled.title = std::string(Trim(request.job_title));
  CandidateFacts facts = GatherFacts(nullptr, titled, resume, eval);
  TemplateVars vars = BaseVars(facts);
  vars["company"] = std::string(Trim(request.company_name));
  vars["custom_notes"] = AsSentence(request.custom_notes);
  std::string_view type = ToString(request.type);
  std::string_view tone = ToString(request.tone);
  std::uint64_t seed = HashCombine(facts.seed, std::string(type) + "/" + std::string(tone) + "/" +
                                                   vars["company"] + "/" + vars["custom_notes"]);
  vars["sender"] = book.Render("sender", vars, seed);

  Email email;
  email.subject = RenderPart(book, type, tone, "subject", vars, seed);
  std::string layout = book.Render("layout." + std::string(type), vars, seed);
  std::string paragraph;
  auto flush = [&email, &paragraph] {
    if (paragraph.empty()) return;
    if (!email.body.empty()) email.body += "\n\n";
    email.body += paragraph;
    paragraph.clear();
  };
  std::string token;
  // The first of the alternatives "a|b|c" that renders.
  auto render_alternatives = [&](const std::string& alternatives) {
    std::size_t start = 0;
    while (start <= alternatives.size()) {
      std::size_t bar = alternatives.find('|', start);
      if (bar == std::string::npos) bar = alternatives.size();
      std::string text =
          RenderPart(book, type, tone, alternatives.substr(start, bar - start), vars, seed);
      if (!text.empty()) return text;
      start = bar + 1;
    }
    return std::string();
  };
  auto take_token = [&] {
    // Parts joined by '+' share one paragraph.
    std::size_t start = 0;
    while (start <= token.size()) {
      std::size_t plus = token.find('+', start);
      if (plus == std::string::npos) plus = token.size();
      std::string text = render_alternatives(token.substr(start, plus - start));
      if (!text.empty()) {
        if (!paragraph.empty()) paragraph += ' ';
        paragraph += text;
      }
      start = plus + 1;
    }
    flush();
    token.clear();
  };
  for (char c : layout) {
    if (c == ' ') {
      if (!token.empty()) take_token();
    } else {
      token += c;
    }
  }
  if (!token.empty()) take_token();
  return email;
}

}  // namespace shortlist::generate
