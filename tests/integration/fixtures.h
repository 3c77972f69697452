// Hand-written resumes and a job description for the integration tests (made up; no real person).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace shortlist::testing {

inline const std::string kPythonJobTitle = "Senior Python Backend Engineer";
inline const std::string kPythonJob =
    "We are hiring a Senior Python Backend Engineer to build our hiring platform's APIs.\n"
    "Requirements:\n"
    "- 5+ years of professional experience with Python\n"
    "- Strong experience with Django or FastAPI and REST API design\n"
    "- PostgreSQL and SQL query optimisation\n"
    "- Docker and Kubernetes in production\n"
    "Nice to have: AWS, Redis, Kafka.\n"
    "Bachelor's degree in Computer Science or a related field.\n";

inline const std::string kStrongResume =
    "Alice Example\n"
    "alice.example@example.com | +1 415 555 0100 | linkedin.com/in/alice-example\n"
    "San Francisco, CA\n\n"
    "SUMMARY\n"
    "Backend engineer with 8 years of Python experience building REST APIs at scale.\n\n"
    "EXPERIENCE\n"
    "Senior Software Engineer, Acme Corp — Jan 2019 – Present\n"
    "- Built Django and FastAPI services in Python serving 20M requests a day\n"
    "- Tuned PostgreSQL queries and schemas, cutting p99 latency by 60%\n"
    "- Ran services on Docker and Kubernetes on AWS; introduced Redis caching\n"
    "Software Engineer, Globex — Jun 2015 – Dec 2018\n"
    "- Python and Django REST APIs, PostgreSQL, Celery, Kafka consumers\n\n"
    "EDUCATION\n"
    "B.S. Computer Science, State University, 2015\n\n"
    "SKILLS\n"
    "Python, Django, FastAPI, PostgreSQL, SQL, Docker, Kubernetes, AWS, Redis, Kafka\n";

inline const std::string kMiddleResume =
    "Bob Sample\n"
    "bob.sample@example.com | +44 20 7946 0958\n\n"
    "EXPERIENCE\n"
    "Web Developer, Initech — Mar 2020 – Present\n"
    "- Python and Flask web applications backed by MySQL\n"
    "- Wrote REST endpoints and unit tests\n\n"
    "EDUCATION\n"
    "BSc Information Systems, City College, 2019\n\n"
    "SKILLS\n"
    "Python, Flask, MySQL, JavaScript, HTML, CSS, Git\n";

inline const std::string kWeakResume =
    "Carol Placeholder\n"
    "carol@example.com\n\n"
    "EXPERIENCE\n"
    "Head Chef, The Bistro — 2012 – Present\n"
    "- Designed seasonal menus, managed a kitchen team of 12, food safety and cost control\n"
    "Line Cook, Harbor Grill — 2008 – 2012\n\n"
    "EDUCATION\n"
    "Culinary Arts Diploma, Culinary Institute, 2008\n\n"
    "SKILLS\n"
    "Menu planning, inventory, food safety, team leadership\n";

// A Jobs API body for the Python job with `resumes` resumes: the three above in turn, each made
// distinct by a reference line (the tests that load the queue use it).
inline nlohmann::json PythonJobWithResumes(int resumes) {
  const std::string* texts[] = {&kStrongResume, &kMiddleResume, &kWeakResume};
  nlohmann::json job = {{"title", kPythonJobTitle},
                        {"description", kPythonJob},
                        {"resumes", nlohmann::json::array()}};
  for (int i = 0; i < resumes; ++i) {
    job["resumes"].push_back({{"filename", "r" + std::to_string(i) + ".txt"},
                              {"content", *texts[i % 3] + "\nReference " + std::to_string(i)}});
  }
  return job;
}

}  // namespace shortlist::testing
