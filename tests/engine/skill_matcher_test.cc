// The skill matcher finds taxonomy skills by alias with correct word boundaries.
#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "engine/skill_matcher.h"
#include "engine/taxonomy.h"
#include "engine/text.h"

namespace shortlist::engine {
namespace {

class SkillMatcherTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    taxonomy_ = new Taxonomy(Taxonomy::FromEmbeddedData());
    matcher_ = new SkillMatcher(*taxonomy_);
  }
  static void TearDownTestSuite() {
    delete matcher_;
    delete taxonomy_;
  }
  // Canonical names found in `text`, in order.
  static std::vector<std::string> Skills(const std::string& text) {
    std::vector<SkillMatch> matches;
    std::string lower = AsciiLowerCopy(text);
    matcher_->Find(text, lower, &matches);
    std::vector<std::string> names;
    for (const SkillMatch& m : matches) names.push_back(taxonomy_->skill(m.skill).name);
    return names;
  }
  static bool Has(const std::string& text, const std::string& skill) {
    auto names = Skills(text);
    return std::find(names.begin(), names.end(), skill) != names.end();
  }
  static Taxonomy* taxonomy_;
  static SkillMatcher* matcher_;
};
Taxonomy* SkillMatcherTest::taxonomy_ = nullptr;
SkillMatcher* SkillMatcherTest::matcher_ = nullptr;

TEST_F(SkillMatcherTest, AliasesMapToCanonicalNames) {
  EXPECT_TRUE(Has("Wrote JS daily", "JavaScript"));
  EXPECT_TRUE(Has("ran k8s clusters", "Kubernetes"));
  EXPECT_TRUE(Has("Postgres and MariaDB", "PostgreSQL"));
  EXPECT_TRUE(Has("Postgres and MariaDB", "MySQL"));
  EXPECT_TRUE(Has("golang services", "Go"));
}

TEST_F(SkillMatcherTest, CFamilyBoundaries) {
  EXPECT_EQ(Skills("C, C++ and C#"), (std::vector<std::string>{"C", "C++", "C#"}));
  EXPECT_FALSE(Has("C++ only", "C"));
  EXPECT_FALSE(Has("C# only", "C"));
  EXPECT_TRUE(Has("Languages: C/C++", "C"));
  EXPECT_TRUE(Has("Languages: C/C++", "C++"));
}

TEST_F(SkillMatcherTest, ShortAmbiguousWordsNeedTheirCase) {
  EXPECT_TRUE(Has("services in Go and Rust", "Go"));
  EXPECT_FALSE(Has("ready to go live", "Go"));
  EXPECT_TRUE(Has("statistics in R and Python", "R"));
  EXPECT_FALSE(Has("R&D department", "R"));
  EXPECT_FALSE(Has("John R. Smith", "R"));
}

TEST_F(SkillMatcherTest, DotNetAndDottedNames) {
  EXPECT_TRUE(Has("Built on .NET Core", ".NET"));
  EXPECT_TRUE(Has("ASP.NET MVC sites", ".NET"));
  EXPECT_TRUE(Has("Node.js APIs", "Node.js"));
  EXPECT_EQ(Skills("Node.js APIs").size(), 1u);  // not also "node"
}

TEST_F(SkillMatcherTest, WordsInsideOtherWordsDoNotMatch) {
  EXPECT_FALSE(Has("javascripting", "JavaScript"));
  EXPECT_FALSE(Has("scalable systems", "Scala"));
  EXPECT_FALSE(Has("gone fishing", "Go"));
  EXPECT_FALSE(Has("mail me at bob@java.com", "Java"));
}

TEST_F(SkillMatcherTest, LongestMatchWins) {
  EXPECT_EQ(Skills("machine learning"), std::vector<std::string>{"Machine learning"});
  EXPECT_EQ(Skills("React Native apps"), std::vector<std::string>{"React Native"});
}

TEST_F(SkillMatcherTest, CaseIsFoldedWithoutALowerCaseCopy) {
  // The two-argument Find folds case itself and agrees with the older three-argument form.
  const std::string text = "Led a POSTGRES migration; wrote Go and JAVASCRIPT; ran K8S.";
  std::vector<SkillMatch> a;
  std::vector<SkillMatch> b;
  matcher_->Find(text, &a);
  std::string lower = AsciiLowerCopy(text);
  matcher_->Find(text, lower, &b);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].begin, b[i].begin);
    EXPECT_EQ(a[i].end, b[i].end);
    EXPECT_EQ(a[i].skill, b[i].skill);
  }
  EXPECT_EQ(Skills(text),
            (std::vector<std::string>{"PostgreSQL", "Go", "JavaScript", "Kubernetes"}));
}

TEST_F(SkillMatcherTest, EveryAliasIsFoundWhereverItStandsAndInAnyCase) {
  // Walks start only at words some alias begins with (a hashed set of first words): every alias
  // must still be found, at the end of a text (the last 16 bytes are read differently), amid
  // text, and in capitals when it is not case-sensitive.
  size_t checked = 0;
  for (const SkillPattern& p : taxonomy_->patterns()) {
    if (p.skill == kNoSkill || p.list_item_only) continue;
    std::string upper = p.text;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    // Aliases of one or two letters count only in capitals; case-sensitive ones as written.
    const bool only_as_written = p.case_sensitive || p.text.size() <= 2;
    for (const std::string& alias : {p.text, upper}) {
      if (only_as_written && alias != (p.case_sensitive ? p.text : upper)) continue;
      for (const std::string& text :
           {alias, "Skills: " + alias, "Skills: " + alias + ", and more in a long line."}) {
        std::vector<SkillMatch> matches;
        matcher_->Find(text, &matches);
        const size_t at = text.find(alias);
        const bool found = std::any_of(matches.begin(), matches.end(), [&](const SkillMatch& m) {
          return m.begin == at && m.end >= at + alias.size();
        });
        EXPECT_TRUE(found) << "alias \"" << alias << "\" in \"" << text << "\"";
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 10000u);
}

TEST_F(SkillMatcherTest, HyphenAndSpaceAreTheSame) {
  EXPECT_TRUE(Has("MS-Access reports", "Microsoft Access"));
  EXPECT_TRUE(Has("MS Access reports", "Microsoft Access"));
  EXPECT_TRUE(Has("machine-learning models", "Machine learning"));
  // A one-letter alias before a hyphen is still an abbreviation, not the skill.
  EXPECT_FALSE(Has("C-level executives", "C"));
}

TEST_F(SkillMatcherTest, EverydayToolNamesFromTheCuratedList) {
  EXPECT_TRUE(Has("Operating systems: Windows 7, Linux", "Microsoft Windows"));
  EXPECT_TRUE(Has("IDE: Eclipse, NetBeans", "Eclipse IDE"));
  EXPECT_TRUE(Has("Build: Maven", "Apache Maven"));
  EXPECT_TRUE(Has("Protocols: OSPF, BGP", "Routing protocols"));
  // Windows Server stays its own, longer alias.
  EXPECT_EQ(Skills("Windows Server 2016"), std::vector<std::string>{"Windows Server"});
}

TEST_F(SkillMatcherTest, ProductsByTheShortNamesResumesUse) {
  // Generated from O*NET's "Vendor Product" names: the product alone, without the edition.
  EXPECT_TRUE(Has("Servers: WebLogic 11g, JBoss", "Oracle WebLogic Server"));
  EXPECT_TRUE(Has("Servers: WebLogic 11g, JBoss", "JBoss"));
  EXPECT_TRUE(Has("CorelDRAW and Photoshop", "Corel CorelDraw Graphics Suite"));
  EXPECT_TRUE(Has("IBM Maximo work orders", "IBM Maximo Asset Management"));
  // A vendor's product whose name, without the vendor, is a kind of software is not named by it.
  EXPECT_FALSE(Has("Middleware: WebSphere, Tomcat", "IBM Middleware"));
  // ... and from its "Expansion ACRONYM" names: the acronym, in capitals only.
  EXPECT_TRUE(Has("UML class diagrams", "Unified modeling language UML"));
  EXPECT_TRUE(Has("unified modeling language", "Unified modeling language UML"));
  EXPECT_TRUE(Has("Ran the LIMS for the lab", "Laboratory information management system LIMS"));
  EXPECT_TRUE(Has("ASP and VBScript", "Microsoft Active Server Pages ASP"));  // vendor left out
  EXPECT_TRUE(Has("JSP and Servlets", "Java Servlets"));
  // An expansion names the skill its acronym already names: a job's "Cascading Style Sheets" and
  // a resume's "CSS" are one skill.
  EXPECT_EQ(Skills("Cascading Style Sheets"), std::vector<std::string>{"CSS"});
  EXPECT_EQ(Skills("local area network (LAN)"),
            (std::vector<std::string>{"Networking", "Networking"}));
  EXPECT_EQ(Skills("JavaServer Pages (JSP)"),
            (std::vector<std::string>{"Java Server Pages", "Java Server Pages"}));
  // A vendor's name for a skill is that skill ("Oracle Java" is Java), but Cisco's IOS is not
  // Apple's iOS.
  EXPECT_EQ(Skills("Oracle Java"), std::vector<std::string>{"Java"});
  EXPECT_EQ(Skills("Autodesk AutoCAD"), std::vector<std::string>{"AutoCAD"});
  EXPECT_FALSE(Has("Cisco IOS", "iOS"));
  // An acronym two products share names neither; a capitalised city name is no network.
  EXPECT_FALSE(Has("Hotel PMS and front desk", "Practice management software PMS"));
  EXPECT_FALSE(Has("Hotel PMS and front desk", "Property management system PMS"));
  EXPECT_FALSE(Has("SAN ANTONIO, TX", "Storage area network SAN"));
  // Curated: a product named by an English word counts only as the name.
  EXPECT_TRUE(Has("Java, Struts, Hibernate", "Apache Struts"));
  EXPECT_FALSE(Has("struts across the stage", "Apache Struts"));
  EXPECT_TRUE(Has("Tools: Postman, Mockito, Log4j", "Postman"));
  EXPECT_TRUE(Has("Tools: Postman, Mockito, Log4j", "Mockito"));
  EXPECT_TRUE(Has("Protocols: SNMP, ICMP, Telnet", "Network protocols"));
  EXPECT_TRUE(Has("MS Power Point", "Microsoft Office"));
  EXPECT_TRUE(Has("Knowledge of SDLC and STLC", "SDLC"));
  EXPECT_TRUE(Has("Ultrasonic testing (NDT level II)", "Non-destructive testing"));
  // TCP/IP stays networking at large: the longer alias wins.
  EXPECT_EQ(Skills("TCP/IP"), std::vector<std::string>{"Networking"});
}

TEST_F(SkillMatcherTest, TheToolsAndKnowHowOfTheTradesAreKnown) {
  // O*NET tools and equipment, by their commodity and their examples, in either number.
  EXPECT_TRUE(Has("Ran the loader backhoe and agricultural tractors", "Backhoes"));
  EXPECT_TRUE(Has("Ran the loader backhoe and agricultural tractors", "Agricultural tractors"));
  EXPECT_TRUE(Has("Installed drip emitters in the orchard", "Irrigation trickles"));
  // ESCO knowledge by its name.
  EXPECT_TRUE(Has("Hydroponics and integrated pest management", "Hydroponics"));
  EXPECT_TRUE(Has("Hydroponics and integrated pest management", "Integrated pest management"));
  EXPECT_TRUE(Has("Stylesheets in LESS and Sass", "LESS"));
  // A tool most occupations use names no skill: no recruiter screens for a screwdriver. Nor does
  // an everyday word that names a tool or a language elsewhere ("templates", "less").
  EXPECT_TRUE(Skills("Used screwdrivers, tape measures and personal computers").empty());
  EXPECT_TRUE(Skills("Wrote templates in less than a year").empty());
}

TEST_F(SkillMatcherTest, SkillsOfEveryJobFamily) {
  // Found as unmatched items of the category resumes' skills sections.
  EXPECT_TRUE(Has("Wound care, phlebotomy, infection control", "Wound care"));
  EXPECT_TRUE(Has("Wound care, phlebotomy, infection control", "Phlebotomy"));
  EXPECT_TRUE(Has("Wound care, phlebotomy, infection control", "Infection control"));
  EXPECT_TRUE(Has("Balanced cash drawers; loss prevention", "Cash handling"));
  EXPECT_TRUE(Has("Balanced cash drawers; loss prevention", "Loss prevention"));
  EXPECT_TRUE(Has("Trial balance, month-end closing", "Accounting"));
  EXPECT_TRUE(Has("Trial balance, month-end closing", "Financial reporting"));
  EXPECT_TRUE(Has("Planned with MS Project", "Microsoft Project"));
  EXPECT_TRUE(Has("Tools: Load Runner, Web Logic, Net Beans", "Hewlett Packard LoadRunner"));
  EXPECT_TRUE(Has("Tools: Load Runner, Web Logic, Net Beans", "Oracle WebLogic Server"));
  EXPECT_TRUE(Has("Tools: Load Runner, Web Logic, Net Beans", "Apache NetBeans"));
  EXPECT_TRUE(Has("Highly detail-oriented and self-motivated", "Attention to detail"));
  EXPECT_TRUE(Has("Highly detail-oriented and self-motivated", "Self-motivation"));
  // Names that are also places, verbs or settings count only as written for the product.
  EXPECT_TRUE(Has("Research with Bloomberg and Factiva", "Bloomberg Terminal"));
  EXPECT_FALSE(Has("Farms across the Great Plains", "Microsoft Dynamics GP"));
  EXPECT_FALSE(Has("to quicken the close", "Quicken"));
  EXPECT_FALSE(Has("improved the quality of service", "QoS"));
  EXPECT_FALSE(Has("KIA Performance Center", "Hewlett Packard LoadRunner"));
  // A skill's own name names it, not a broader skill that listed it as an alias.
  EXPECT_EQ(Skills("Quality control"), std::vector<std::string>{"Quality control"});
  EXPECT_EQ(Skills("Aircraft maintenance"), std::vector<std::string>{"Aircraft maintenance"});
  EXPECT_EQ(Skills("CATIA V5"), std::vector<std::string>{"Dassault Systemes CATIA"});
  EXPECT_EQ(Skills("SSIS"), std::vector<std::string>{"SQL Server Integration Services"});
  EXPECT_EQ(Skills("cash handling"), std::vector<std::string>{"Cash handling"});
  EXPECT_EQ(Skills("RDBMS, database design"), (std::vector<std::string>{"Databases", "Databases"}));
  EXPECT_EQ(Skills("Database administrator"), std::vector<std::string>{"Database administration"});
  // A social worker's case management is no paralegal's.
  EXPECT_EQ(Skills("case management for families; social services"),
            (std::vector<std::string>{"Case management", "Social work"}));
  // An arts center's community outreach is not social work, and garment construction is sewing.
  EXPECT_EQ(Skills("grant writing and community outreach"),
            (std::vector<std::string>{"Grant writing", "Community outreach"}));
  EXPECT_EQ(Skills("garment construction"), std::vector<std::string>{"Fashion design"});
  // Assembly of parts is no assembly language; a welder is no carpenter.
  EXPECT_FALSE(Has("Assembly of inverters and gearboxes", "Assembly language"));
  EXPECT_TRUE(Has("Firmware in x86 assembly", "Assembly language"));
  EXPECT_EQ(Skills("welding, plumbing, carpentry"),
            (std::vector<std::string>{"Welding", "Plumbing", "Carpentry"}));
  // Workers' compensation is insurance, not pay; glucose monitoring is no IT monitoring.
  EXPECT_EQ(Skills("Handled workers' compensation claims"),
            std::vector<std::string>{"Workers' compensation"});
  EXPECT_EQ(Skills("Claims adjuster"), std::vector<std::string>{"Insurance claims"});
  EXPECT_FALSE(Has("Performed glucose monitoring", "System monitoring"));
  EXPECT_TRUE(Has("Network monitoring with Nagios", "System monitoring"));
  // Advising clients is consulting, not academic advising; counseling is a skill of its own.
  EXPECT_FALSE(Has("Advising customers on their mobile strategy", "Academic advising"));
  EXPECT_TRUE(Has("Academic advising for first-year students", "Academic advising"));
  EXPECT_EQ(Skills("career counseling"), std::vector<std::string>{"Counseling"});
  // Billing and coding, medical records and special education are skills, not proxies for
  // medical terminology or classroom management; hospital admissions are no academic advising.
  EXPECT_EQ(Skills("medical billing and coding; medical records"),
            (std::vector<std::string>{"Medical billing and coding", "Medical records"}));
  EXPECT_EQ(Skills("special education teacher, IEP"),
            (std::vector<std::string>{"Special education", "Teaching", "Special education"}));
  EXPECT_FALSE(Has("turned referrals into admissions", "Academic advising"));
  // Students are in every resume's education and in internship postings; teachers name teaching.
  EXPECT_FALSE(Has("Organized events for 200 students at the career fair", "Teaching"));
  EXPECT_TRUE(Has("Taught algebra to ninth-grade students in a classroom of 30", "Teaching"));
  // Resolving conflicts is everyone's skill; HR's is employee relations.
  EXPECT_EQ(Skills("conflict resolution; labor relations"),
            (std::vector<std::string>{"Conflict resolution", "Employee relations"}));
}

TEST_F(SkillMatcherTest, NamedSpecialtiesAreNotBareManagementOrOperations) {
  // Job postings ask for change or stakeholder management; neither is general management, and
  // supply chain management is one skill, not two.
  EXPECT_EQ(Skills("Experience with change management and stakeholder management"),
            (std::vector<std::string>{"Change management", "Stakeholder management"}));
  EXPECT_EQ(Skills("procurement or supply chain management"),
            (std::vector<std::string>{"Supply chain", "Supply chain"}));
  EXPECT_EQ(Skills("major incident management"), std::vector<std::string>{"Incident management"});
  EXPECT_EQ(Skills("Partner Management and/or Business Development"),
            (std::vector<std::string>{"Partner management", "Business development"}));
  EXPECT_EQ(Skills("Sr. Workforce Manager: WFM"),
            (std::vector<std::string>{"Workforce management", "Workforce management"}));
  EXPECT_EQ(Skills("knowledge management"), std::vector<std::string>{"Knowledge management"});
  EXPECT_EQ(Skills("Store management"), std::vector<std::string>{"Management"});
  EXPECT_EQ(Skills("statistics, operations research"),
            (std::vector<std::string>{"Statistics", "Operations research"}));
  EXPECT_EQ(Skills("ad operations"), std::vector<std::string>{"Digital marketing"});
  // Consulting is a trade of its own; consultants one works with are not the resume's skill.
  EXPECT_EQ(Skills("8 years of management consulting"), std::vector<std::string>{"Consulting"});
  EXPECT_FALSE(Has("Migrated the portal built by outside consultants", "Consulting"));
  // A police officer is no lawyer.
  EXPECT_EQ(Skills("Worked with law enforcement"), std::vector<std::string>{"Law enforcement"});
}

TEST_F(SkillMatcherTest, EverydayWordsOfGitHubTopicsNameNoSkill) {
  // GitHub topics named "To-Do", "CD (Disambiguation)", "Community Driven", "dataset" ...
  EXPECT_TRUE(Skills("Trained coworkers how to do the job").empty());
  EXPECT_TRUE(Skills("Replaced the hard drive and CD drive").empty());
  EXPECT_FALSE(Has("Established community based supervision programs", "Community Driven"));
  EXPECT_TRUE(Skills("The dataset held 2 million rows").empty());
  EXPECT_FALSE(Has("AAS: Medical Billing & Coding", "AsyncAPI Specification"));
  EXPECT_TRUE(Has("Documented an AsyncAPI spec for the events", "AsyncAPI Specification"));
  // ... and the ADA of HR and accounting is no programming language; Ada is.
  EXPECT_FALSE(Has("FMLA, ADA, COBRA administration", "Ada"));
  EXPECT_TRUE(Has("Avionics software in Ada and C++", "Ada"));
}

TEST_F(SkillMatcherTest, PhrasesThatNameNoSkillHideTheAliasInside) {
  // "Fashion" and "pilot" are skills, "in a timely fashion" and "a pilot project" are not.
  EXPECT_TRUE(Skills("Completed filings in a timely fashion").empty());
  EXPECT_TRUE(Skills("Work in an organized fashion").empty());
  EXPECT_EQ(Skills("Led a pilot program for the new CRM"), std::vector<std::string>{"CRM"});
  EXPECT_TRUE(Has("New York fashion week", "Fashion design"));
  EXPECT_TRUE(Has("Commercial pilot, 1,500 hours", "Aviation"));
  // Postings ask for the legal authorization to work, not for law.
  EXPECT_TRUE(Skills("Legal authorization to work in the United States").empty());
  EXPECT_EQ(Skills("Provided legal advice"), std::vector<std::string>{"Law"});
  // Idioms of job postings that held a skill's alias (all read in Google postings).
  EXPECT_TRUE(Skills("Make concrete recommendations and exercise good judgment").empty());
  EXPECT_TRUE(Skills("Learned the art of alliance building; state-of-the-art tools").empty());
  EXPECT_FALSE(Has("Advocate our products at industry events", "Event planning"));
  EXPECT_TRUE(Skills("Measure the return on investment in a scalable fashion").empty());
  EXPECT_TRUE(Skills("Project experience outside the classroom").empty());
  EXPECT_TRUE(Has("Poured concrete foundations", "Masonry and concrete"));
  EXPECT_TRUE(Has("Led exercise classes for seniors", "Personal training"));
  EXPECT_TRUE(Has("Organized fundraising events", "Event planning"));
  // "Go-to-market" is a marketing strategy, not the Go language.
  EXPECT_EQ(Skills("Delivered Go-to-Market strategies"),
            std::vector<std::string>{"Go-to-market strategy"});
}

TEST_F(SkillMatcherTest, SpringIsAFrameworkInAListAndASeasonElsewhere) {
  // 85 % of the bare "Spring" in the category resumes were seasons ("Dean's List Spring 2014").
  EXPECT_TRUE(Has("Java, Spring, Hibernate", "Spring"));
  EXPECT_TRUE(Has("Java, J2EE, Spring 4, Struts", "Spring"));
  EXPECT_TRUE(Has("Built Spring Boot microservices", "Spring"));
  EXPECT_FALSE(Has("Dean's List Spring 2014", "Spring"));
  EXPECT_FALSE(Has("Expected to graduate spring of 2020", "Spring"));
}

TEST(TaxonomyTest, NoSkillPhrasesAreMatchedAndDropped) {
  Taxonomy tax({"Bar\ttool\tbar\n!foo bar\n"});
  EXPECT_EQ(tax.Find("foo bar"), kNoSkill);
  SkillMatcher matcher(tax);
  std::vector<SkillMatch> matches;
  matcher.Find("foo bar, then bar", &matches);
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].begin, 14u);
}

TEST_F(SkillMatcherTest, OfficeProductsByTheirBareNamesInAList) {
  // "Word", "Access", "Project" and "Exchange" are English words; in a list that names another
  // office product they are the products.
  EXPECT_EQ(Skills("Microsoft Office (Word, Excel, PowerPoint, Access)"),
            (std::vector<std::string>{"Microsoft Office", "Microsoft Office", "Microsoft Excel",
                                      "Microsoft Office", "Microsoft Access"}));
  EXPECT_TRUE(Has("Excel, Word and Access 2010", "Microsoft Access"));
  EXPECT_TRUE(Has("MS Office: Word, Excel, Project 2013", "Microsoft Project"));
  EXPECT_TRUE(Has("Windows Server 2008, Exchange 2010, Active Directory", "Microsoft Exchange"));
  EXPECT_TRUE(Has("Word, Excel, Access and Publisher", "Microsoft Publisher"));
  // Not an item of a list, or no office product on the line: the English word.
  EXPECT_FALSE(Has("Access to patient records in Excel", "Microsoft Access"));
  EXPECT_FALSE(Has("Project Manager, Excel", "Microsoft Project"));
  EXPECT_FALSE(Has("Word of mouth marketing in Excel", "Microsoft Office"));
  EXPECT_FALSE(Has("Exchange rates, Excel models", "Microsoft Exchange"));
  EXPECT_FALSE(Has("Controlled Access, badges", "Microsoft Access"));
  EXPECT_FALSE(Has("access, Excel", "Microsoft Access"));  // case-sensitive
  // A list in capitals is still a list: its items are the products, its prose the words.
  EXPECT_TRUE(Has("MS OFFICE: WORD, EXCEL, POWERPOINT, ACCESS", "Microsoft Access"));
  EXPECT_TRUE(Has("WINDOWS SERVER, EXCHANGE, ACTIVE DIRECTORY", "Microsoft Exchange"));
  EXPECT_TRUE(Has("JAVA, SPRING, HIBERNATE", "Spring"));
  EXPECT_FALSE(Has("CONTROLLED ACCESS TO RECORDS IN EXCEL", "Microsoft Access"));
  EXPECT_FALSE(Has("SPRING 2014, DEAN'S LIST", "Spring"));
  EXPECT_FALSE(Has("aCCESS, Excel", "Microsoft Access"));  // capitals, not any case
  // A line break may wrap an item ("Project" + "Management"); a separator before it ends one.
  EXPECT_FALSE(Has("Excel, Word, Project\nManagement, Sales", "Microsoft Project"));
  EXPECT_TRUE(Has("Excel, Word, Project,\nSharePoint", "Microsoft Project"));
  EXPECT_TRUE(Has("Excel, Word, Project\n\nExperience", "Microsoft Project"));
  // The context must be on the same line.
  EXPECT_FALSE(Has("Excel\nAccess", "Microsoft Access"));
  // A match list holding an earlier text's matches is left as it was.
  std::vector<SkillMatch> matches;
  matcher_->Find("Excel", &matches);
  matcher_->Find("Access", &matches);
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(taxonomy_->skill(matches[0].skill).name, "Microsoft Excel");
}

TEST_F(SkillMatcherTest, EverydayWordsDoNotNameANarrowSkill) {
  // "Reporting" is what every analyst and team lead does; only news reporting is Journalism.
  EXPECT_FALSE(Has("Weekly KPI reporting in Excel", "Journalism"));
  EXPECT_TRUE(Has("News reporting for the city desk", "Journalism"));
  EXPECT_TRUE(Has("Worked as a reporter", "Journalism"));
  // An art director of photo shoots and ads is no painter, and a dance-fitness class no stage.
  EXPECT_TRUE(Has("Extensive background art directing photo shoots", "Art direction"));
  EXPECT_FALSE(Has("Extensive background art directing photo shoots", "Fine arts"));
  EXPECT_FALSE(Has("Function as Art Director of visual and digital content", "Fine arts"));
  EXPECT_TRUE(Has("Drawing, Painting, Ceramics and Art History", "Fine arts"));
  EXPECT_TRUE(Has("Led dance fitness classes", "Group fitness"));
  // An industry is no engineering discipline; search engine management is paid search.
  EXPECT_FALSE(Has("supply chain in the consumer electronics industry", "Electrical engineering"));
  EXPECT_TRUE(Has("repaired electronics and wiring", "Electrical engineering"));
  EXPECT_TRUE(Has("Search Engine Management (SEM) and AdWords", "Digital marketing"));
  EXPECT_FALSE(Has("Search Engine Management (SEM) and AdWords", "Management"));
  EXPECT_FALSE(Has("Led dance fitness classes", "Performing arts"));
  // A salesperson's networking is of people; routers and switches are the computer kind, and a
  // machine's limit switches are neither.
  EXPECT_EQ(Skills("Planned networking events for employees"),
            std::vector<std::string>{"Professional networking"});
  EXPECT_EQ(Skills("new accounts through effective networking"),
            std::vector<std::string>{"Professional networking"});
  EXPECT_TRUE(Has("routers, switches and wireless networking", "Networking"));
  EXPECT_FALSE(Has("routers, switches and wireless networking", "Professional networking"));
  EXPECT_FALSE(Has("Installed limit switches and motor starters", "Networking"));
  EXPECT_FALSE(Has("Led pilot runs of the new line", "Aviation"));
  EXPECT_TRUE(Has("Private pilot license", "Pilot licence"));  // which implies Aviation
  // A people's food, restaurant or gulf is not its language; polishing furniture is no Polish.
  EXPECT_EQ(Skills("French fries; Italian restaurant; French cuisine"),
            (std::vector<std::string>{"Hospitality", "Culinary arts"}));
  EXPECT_FALSE(Has("Deployed to the Persian Gulf", "Persian"));
  EXPECT_FALSE(Has("polish furniture", "Polish"));
  EXPECT_EQ(Skills("Polish, Russian, Chinese (Mandarin and Cantonese)"),
            (std::vector<std::string>{"Polish", "Russian", "Chinese", "Mandarin", "Cantonese"}));
  // A salesperson's "closing" is of deals, not of the books.
  EXPECT_FALSE(Has("prospecting, negotiation and closing", "Financial reporting"));
  EXPECT_TRUE(Has("month-end close and balance sheet", "Financial reporting"));
  // Words that name a setting, not the skill: a student is not teaching, signing contracts is
  // not contract law, "environmental regulations" is not environmental science, site soil is
  // not agriculture.
  EXPECT_FALSE(Has("Graduate student, Ohio State", "Teaching"));
  EXPECT_FALSE(Has("negotiated vendor contracts and agreements", "Contract law"));
  EXPECT_FALSE(Has("complied with environmental regulations", "Environmental science"));
  EXPECT_FALSE(Has("verified the soil report before grading", "Agriculture"));
  EXPECT_TRUE(Has("B.S. in Soil Science", "Agriculture"));
  // "Advocate for users", a free trial and product discovery are not litigation.
  EXPECT_FALSE(Has("Advocate for users; ran a free trial and product discovery", "Litigation"));
  EXPECT_TRUE(Has("trial preparation and depositions", "Litigation"));
  EXPECT_EQ(Skills("cycle counts and inventory control"),
            (std::vector<std::string>{"Inventory management", "Inventory management"}));
  // Driving a company vehicle or running diagnostics on a PC is not automotive work, and
  // troubleshooting a machine is not IT support.
  EXPECT_FALSE(
      Has("Drove company vehicles to job sites; ran diagnostics on desktops", "Automotive"));
  EXPECT_TRUE(Has("Automotive repair and vehicle diagnostics", "Automotive"));
  EXPECT_FALSE(Has("mechanical and electrical troubleshooting", "Technical support"));
  EXPECT_TRUE(Has("mechanical and electrical troubleshooting", "Troubleshooting"));
  EXPECT_TRUE(Has("Help desk: troubleshooting printers", "Technical support"));
  // A patient person, a bench press, a technical drawing, supervised personnel and work
  // instructions are not patient care, PR, fine arts, HR or teaching.
  EXPECT_FALSE(Has("Patient and friendly with customers", "Patient care"));
  EXPECT_TRUE(Has("Provided care to 12 patients per shift", "Patient care"));
  EXPECT_FALSE(Has("Coached squat and bench press", "Public relations"));
  EXPECT_TRUE(Has("Wrote press releases", "Public relations"));
  EXPECT_FALSE(Has("Checked each technical drawing", "Fine arts"));
  EXPECT_TRUE(Has("Taught art and painting", "Fine arts"));
  EXPECT_FALSE(Has("Supervised personnel on two shifts", "Human resources"));
  EXPECT_FALSE(Has("Followed work instruction sheets", "Teaching"));
  // Packed shipping containers, a Greek-letter society, an aircraft's QA inspections and a
  // coder of insurance claims are no Docker, AWS, software testing or programming.
  EXPECT_FALSE(Has("Packed containers and re-packed damaged boxes", "Docker"));
  EXPECT_TRUE(Has("Deployed Docker containers with Docker Compose", "Docker"));
  EXPECT_FALSE(Has("Member of Phi Beta Lambda", "AWS"));
  EXPECT_TRUE(Has("Serverless functions on AWS Lambda", "AWS"));
  EXPECT_FALSE(Has("Quality assurance of aircraft maintenance; QA audits", "Software testing"));
  EXPECT_TRUE(Has("Quality assurance of aircraft maintenance; QA audits", "Quality assurance"));
  EXPECT_TRUE(Has("QA engineer: regression testing", "Software testing"));
  EXPECT_FALSE(Has("Knowledgeable in insurance coding", "Software development"));
  EXPECT_TRUE(Has("Knowledgeable in insurance coding", "Medical billing and coding"));
  // Acting as a liaison is no performing art.
  EXPECT_FALSE(Has("Acting as a liaison to the community; acting examiner", "Performing arts"));
  EXPECT_TRUE(Has("Ten years of acting experience on stage", "Performing arts"));
}

TEST_F(SkillMatcherTest, MethodsAreTheirOwnSkills) {
  // Six Sigma and Lean are named methods, not the generic "Operations".
  EXPECT_EQ(Skills("Six Sigma Green Belt"), std::vector<std::string>{"Six Sigma"});
  EXPECT_EQ(Skills("lean manufacturing and kaizen"),
            (std::vector<std::string>{"Lean manufacturing", "Lean manufacturing"}));
  EXPECT_FALSE(Has("a lean team", "Lean manufacturing"));
}

TEST_F(SkillMatcherTest, InfrastructureTestingAndEnterpriseSkillsAreKnown) {
  // Switching and routing protocols by their standard names.
  EXPECT_TRUE(Has("Switching: RSTP, PVST+, LACP, EtherChannel, 802.1Q", "VLAN"));
  EXPECT_TRUE(Has("Routing: RIP, IS-IS, L3VPN", "Routing protocols"));
  EXPECT_TRUE(Has("NAT, VLSM, access control lists, IP addressing", "Network protocols"));
  // Kinds of testing and their tools, design patterns by name, CI/CD and monitoring products.
  EXPECT_TRUE(Has("Test case design, test scripts, mobile testing", "Software testing"));
  EXPECT_TRUE(Has("CA LISA and HP SV stubs", "Service virtualization"));
  EXPECT_FALSE(Has("CA LISA and HP SV stubs", "Virtualization"));
  EXPECT_TRUE(Has("Singleton, Session Facade, Service Locator", "Design patterns"));
  EXPECT_TRUE(Has("Builds on TeamCity, scans in SonarQube, deploys with uDeploy", "TeamCity"));
  EXPECT_TRUE(Has("Builds on TeamCity, scans in SonarQube, deploys with uDeploy", "SonarQube"));
  EXPECT_TRUE(
      Has("Builds on TeamCity, scans in SonarQube, deploys with uDeploy", "UrbanCode Deploy"));
  EXPECT_TRUE(Has("AppDynamics and Dynatrace dashboards", "System monitoring"));
  EXPECT_EQ(Skills("HP ALM/QC"), std::vector<std::string>{"HP Quality Center"});
  EXPECT_TRUE(Has("SailPoint IIQ roles", "Access management"));
  EXPECT_TRUE(Has("ABAP: BDC, ALV reports, AMDP", "ABAP"));
  EXPECT_TRUE(Has("Languages known: English, Marathi", "Marathi"));
  // "C programming" is C, not just programming; VB is Visual Basic, a typing speed data entry.
  EXPECT_TRUE(Has("C Programming, MATLAB", "C"));
  EXPECT_TRUE(Has("VB, VBA and batch scripts", "Visual Basic"));
  EXPECT_TRUE(Has("Typing: 70 WPM", "Data entry"));
  EXPECT_TRUE(Has("Application Development, Testing", "Software development"));
  EXPECT_TRUE(Has("Object Oriented Modeling & Design", "Object-oriented programming"));
  // Bank stress tests, data security as a duty of confidentiality, Epic's smart forms, an
  // information assurance manager, rallying a team and the state of Tamil Nadu are none of them.
  EXPECT_FALSE(Has("bi-annual stress testing of the loan book", "Load testing"));
  EXPECT_FALSE(Has("kept confidentiality and data security of employee files", "Cybersecurity"));
  EXPECT_FALSE(Has("built Epic Smart Forms for visit types", "ABAP"));
  EXPECT_FALSE(Has("Information assurance manager (IAM)", "Access management"));
  EXPECT_FALSE(Has("Rally the team before peak season", "Rally"));
  EXPECT_TRUE(Has("Rally, Jira, Confluence", "Rally"));
  EXPECT_FALSE(Has("Anna University, Chennai, Tamil Nadu", "Tamil"));
}

TEST_F(SkillMatcherTest, ProductsAreNotLumpedUnderAnother) {
  // A product is itself, related to its rivals: a Tomcat, Creo, Peachtree or Confluence user is
  // not claimed as knowing Nginx, SolidWorks, QuickBooks or Jira (the explanation would say so).
  EXPECT_EQ(Skills("Tomcat, Apache HTTP Server, Nginx"),
            (std::vector<std::string>{"Apache Tomcat", "Apache HTTP Server", "Nginx"}));
  EXPECT_EQ(Skills("Creo, SolidWorks, Unigraphics"),
            (std::vector<std::string>{"PTC Creo Parametric", "SolidWorks", "Siemens NX"}));
  EXPECT_EQ(Skills("Peachtree, QuickBooks, Xero"),
            (std::vector<std::string>{"Sage 50 Accounting", "QuickBooks", "Xero"}));
  EXPECT_EQ(Skills("JIRA and Confluence"),
            (std::vector<std::string>{"Jira", "Atlassian Confluence"}));
  EXPECT_EQ(Skills("Selenium with Cucumber"),
            (std::vector<std::string>{"Selenium", "Behavior-driven development"}));
  EXPECT_EQ(Skills("PuTTY and WinSCP"),
            (std::vector<std::string>{"PuTTY", "File transfer protocols"}));
  EXPECT_EQ(Skills("Coverity, BrowserStack"),
            (std::vector<std::string>{"Coverity", "BrowserStack"}));
  // A practice is not one vendor's product: RPA is not UiPath, infrastructure as code not
  // Terraform, web analytics not Google Analytics, BIM not Revit, static analysis not Klocwork.
  EXPECT_EQ(Skills("RPA with Blue Prism"),
            (std::vector<std::string>{"Robotic process automation", "Blue Prism"}));
  EXPECT_EQ(Skills("infrastructure as code"), std::vector<std::string>{"Infrastructure as code"});
  EXPECT_EQ(Skills("web analytics; BIM; static code analysis"),
            (std::vector<std::string>{"Web analytics", "Building information modeling",
                                      "Static code analysis"}));
  // CAD in general is not AutoCAD, and a lawyer's drafting is no CAD at all; Inventor and NX
  // are products only in a list beside a related one.
  EXPECT_EQ(Skills("CAD drafting of parts; AutoCAD"),
            (std::vector<std::string>{"Computer-aided design", "AutoCAD"}));
  EXPECT_FALSE(Has("Drafting of pleadings and contracts", "Computer-aided design"));
  EXPECT_FALSE(Has("Drafting of pleadings and contracts", "AutoCAD"));
  EXPECT_TRUE(Has("SolidWorks, Inventor, NX", "Autodesk Inventor"));
  EXPECT_TRUE(Has("SolidWorks, Inventor, NX", "Siemens NX"));
  EXPECT_FALSE(Has("Inventor of two patents", "Autodesk Inventor"));
  // A rival library is its own product, related to the one it was filed under (MariaDB, a
  // drop-in fork, stays MySQL); HVAC is a building trade, not mechanical engineering.
  EXPECT_EQ(Skills("Mockito, EasyMock, PowerMock"),
            (std::vector<std::string>{"Mockito", "EasyMock", "PowerMock"}));
  EXPECT_EQ(Skills("Changed HVAC filters"), std::vector<std::string>{"HVAC"});
  EXPECT_TRUE(Has("mechanical design of HVAC systems", "Mechanical engineering"));
}

TEST(TaxonomyTest, RelationsAreSymmetricAndNamed) {
  Taxonomy tax = Taxonomy::FromEmbeddedData();
  SkillId mysql = tax.Find("mysql");
  SkillId postgres = tax.Find("Postgres");
  ASSERT_NE(mysql, kNoSkill);
  ASSERT_NE(postgres, kNoSkill);
  const auto& rel = tax.skill(mysql).related;
  EXPECT_NE(std::find(rel.begin(), rel.end(), postgres), rel.end());
  const auto& back = tax.skill(postgres).related;
  EXPECT_NE(std::find(back.begin(), back.end(), mysql), back.end());
  EXPECT_GT(tax.size(), 300u);
}

TEST(TaxonomyTest, EarlierFileWinsAndBadLinesAreSkipped) {
  Taxonomy tax({"Foo\tlanguage\tfoolang|fl\tBar\nnot a valid line\nBaz\ttool\tbz\n",
                "Foo\tother\tsomething|bz\tQux\nBar\ttool\tbarre\nQux\ttool\n"});
  SkillId foo = tax.Find("foolang");
  ASSERT_NE(foo, kNoSkill);
  // The earlier file's category and relations stand ...
  EXPECT_EQ(tax.skill(foo).category, "language");
  EXPECT_EQ(tax.skill(foo).related.size(), 1u);
  EXPECT_EQ(tax.skill(tax.Find("barre")).name, "Bar");
  // ... while an alias the later file adds counts where no skill claimed it ("jdk" of Java),
  // and one another skill holds stays that skill's.
  EXPECT_EQ(tax.Find("something"), foo);
  EXPECT_EQ(tax.skill(tax.Find("bz")).name, "Baz");
}

TEST(TaxonomyTest, ABroaderSkillIsImpliedAndRelated) {
  Taxonomy tax(
      {"Spanish\tcommunication\tspanish\t>Bilingual|Portuguese\n"
       "Bilingual\tcommunication\tbilingual\n"
       "Portuguese\tcommunication\tportuguese\n"});
  const Skill& spanish = tax.skill(tax.Find("spanish"));
  SkillId bilingual = tax.Find("bilingual");
  EXPECT_EQ(spanish.implies, std::vector<SkillId>{bilingual});
  EXPECT_EQ(spanish.related.size(), 2u);  // Bilingual and Portuguese
  EXPECT_TRUE(tax.skill(bilingual).implies.empty());
  EXPECT_TRUE(tax.skill(tax.Find("portuguese")).implies.empty());
}

TEST(TaxonomyTest, ListItemAliasesAreCaseSensitiveAndClaimTheWord) {
  Taxonomy tax({"Suite Access\tdb\t~Access|suite access\tSheets\nSheets\ttool\tsheets\n",
                "Other\ttool\taccess\n"});
  SkillId access = tax.Find("Suite Access");
  ASSERT_NE(access, kNoSkill);
  EXPECT_EQ(tax.Find("access"), access);  // the later file's "access" does not take the word
  SkillMatcher matcher(tax);
  std::vector<SkillMatch> matches;
  matcher.Find("Sheets, Access", &matches);
  ASSERT_EQ(matches.size(), 2u);
  EXPECT_EQ(matches[1].skill, access);
  matches.clear();
  matcher.Find("Access, sheets of paper", &matches);  // "sheets" is Sheets: the context holds
  EXPECT_EQ(matches.size(), 2u);
  matches.clear();
  matcher.Find("Access granted", &matches);
  EXPECT_TRUE(matches.empty());
}

TEST(TaxonomyTest, PublicAliasesOfACuratedSkillCount) {
  Taxonomy tax = Taxonomy::FromEmbeddedData();
  SkillId java = tax.Find("Java");
  ASSERT_NE(java, kNoSkill);
  EXPECT_EQ(tax.Find("jdk"), java);
  EXPECT_EQ(tax.Find("jvm"), java);
}

}  // namespace
}  // namespace shortlist::engine
