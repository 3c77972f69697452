"""Benchmark inputs built at run time from ../shared/data (nothing here is copied into the repo).

1. O*NET ranking jobs: for each resume category, a job description assembled from the task
   statements, tools and technology skills of one O*NET 29.2 occupation (ONET_OCCUPATION below),
   text no one here wrote.
2. Job-understanding postings: real Google postings (jobs/google_job_skills.csv) assembled the way
   postings appear -- title, an about-us paragraph, responsibilities, minimum and preferred
   qualifications under varied heading wordings or inline, a benefits paragraph, an
   equal-opportunity line and how to apply -- with the qualification lists as gold.
"""
import csv
import os
import random
import re

# Resume category -> the O*NET occupation of the category's usual job title: the occupation whose
# title or alternate titles (onet-29.2/alternate_titles.tsv) name the job the category's resumes
# hold ("Personal Banker" is an alternate title of Tellers, "Digital Media Specialist" of Special
# Effects Artists and Animators).
ONET_OCCUPATION = {
    'ACCOUNTANT': '13-2011.00',  # Accountants and Auditors
    'ADVOCATE': '23-1011.00',  # Lawyers
    'AGRICULTURE': '11-9013.00',  # Farmers, Ranchers, and Other Agricultural Managers
    'APPAREL': '27-1022.00',  # Fashion Designers
    'ARTS': '27-1013.00',  # Fine Artists, Including Painters, Sculptors, and Illustrators
    'AUTOMOBILE': '49-3023.00',  # Automotive Service Technicians and Mechanics
    'AVIATION': '49-3011.00',  # Aircraft Mechanics and Service Technicians
    'BANKING': '43-3071.00',  # Tellers ("Personal Banker")
    'BPO': '43-4051.00',  # Customer Service Representatives
    'BUSINESS-DEVELOPMENT': '11-2022.00',  # Sales Managers ("Business Development Manager")
    'CHEF': '35-1011.00',  # Chefs and Head Cooks
    'CONSTRUCTION': '11-9021.00',  # Construction Managers
    'CONSULTANT': '13-1111.00',  # Management Analysts
    'DESIGNER': '27-1024.00',  # Graphic Designers
    'DIGITAL-MEDIA': '27-1014.00',  # Special Effects Artists and Animators
    'ENGINEERING': '17-2141.00',  # Mechanical Engineers
    'FINANCE': '13-2051.00',  # Financial and Investment Analysts
    'FITNESS': '39-9031.00',  # Exercise Trainers and Group Fitness Instructors
    'HEALTHCARE': '29-1141.00',  # Registered Nurses
    'HR': '13-1071.00',  # Human Resources Specialists
    'INFORMATION-TECHNOLOGY': '15-1244.00',  # Network and Computer Systems Administrators
    'PUBLIC-RELATIONS': '27-3031.00',  # Public Relations Specialists
    'SALES': '41-4012.00',  # Sales Representatives, Wholesale and Manufacturing
    'TEACHER': '25-2021.00',  # Elementary School Teachers, Except Special Education
}


def _tsv(path):
    with open(path, encoding='utf-8', errors='replace') as f:
        rows = list(csv.reader(f, delimiter='\t', quoting=csv.QUOTE_NONE))
    return rows[0], rows[1:]


def build_onet_jobs(data, out_dir, tasks=12, tools=10, tech=10):
    """Writes <out_dir>/<CATEGORY>.txt; returns out_dir."""
    os.makedirs(out_dir, exist_ok=True)
    onet = os.path.join(data, 'taxonomy', 'onet-29.2')
    _, task_rows = _tsv(os.path.join(onet, 'task_statements.tsv'))
    _, tool_rows = _tsv(os.path.join(onet, 'tools_used.tsv'))
    _, tech_rows = _tsv(os.path.join(data, 'taxonomy', 'onet_technology_skills.txt'))
    for category, code in sorted(ONET_OCCUPATION.items()):
        title = next(r[1] for r in task_rows if r[0] == code)
        # Core tasks first, each in O*NET's order.
        mine = [r for r in task_rows if r[0] == code]
        mine.sort(key=lambda r: 0 if r[4] == 'Core' else 1)
        tool_names = list(dict.fromkeys(r[2] for r in tool_rows if r[0] == code))
        tech_list = [r for r in tech_rows if r[0] == code]
        tech_list.sort(key=lambda r: 0 if r[4] == 'Y' else 1)  # hot technologies first
        tech_names = list(dict.fromkeys(r[1] for r in tech_list))
        lines = [title, '', 'Tasks']
        lines += ['- ' + r[3] for r in mine[:tasks]]
        if tool_names:
            lines += ['', 'Tools and equipment', ', '.join(tool_names[:tools])]
        if tech_names:
            lines += ['', 'Technology', ', '.join(tech_names[:tech])]
        with open(os.path.join(out_dir, category + '.txt'), 'w', encoding='utf-8') as f:
            f.write('\n'.join(lines) + '\n')
    return out_dir


# ---------------------------------------------------------------- job-understanding postings
# Paragraphs written for this benchmark. Each holds words that name skills when read as flat
# text (the company's own stack, other teams, its products, its nationality, its perks), so a
# reader that takes requirements from them is caught.
ABOUT = [
    "We are a Japanese trading company with offices in Tokyo, Osaka and Chicago. Our platform "
    "runs on AWS and Kubernetes, owned by a separate infrastructure team.",
    "Founded in 2009, we build accounting and payroll software used by 40,000 small businesses. "
    "Our customers rely on our Salesforce integration every day.",
    "We are a family-owned grocery chain with 120 stores. Our mission is to bring fresh food, "
    "great customer service and a friendly pharmacy to every neighbourhood we serve.",
    "Our company designs marketing and social media campaigns for hospitals, banks and "
    "universities. We are a German-owned agency with a creative studio in Berlin.",
    "We are a fast-growing logistics company. Our warehouses use SAP and forklifts around the "
    "clock, and our drivers cover twelve states.",
    "Acme Health is a non-profit network of clinics providing nursing, physical therapy and "
    "mental health care to 200,000 patients a year.",
    "We make video games and animation tools; our engine is written in C++ and our website in "
    "React. We are a remote-first company of 300 people.",
    "We are a French bakery and restaurant group. Our kitchens serve Italian, Mexican and "
    "Korean cuisine, and our catering arm runs events for Fortune 500 companies.",
]
ABOUT_HEADINGS = ["About us", "Who we are", "About the company", "Our company", "Company overview",
                  "", ""]
ROLE_HEADINGS = ["Responsibilities", "What you'll do", "Your role", "The role", "Key duties",
                 "In this role, you will", "Day to day", "What you will be doing", ""]
MIN_HEADINGS = ["Minimum qualifications", "Requirements", "What you need", "What we're looking for",
                "You have", "Must have", "Basic qualifications", "Required skills and experience",
                "Qualifications", "What you bring", "Who you are", "To succeed you will need",
                "Essential criteria", "The ideal candidate has"]
PREF_HEADINGS = ["Preferred qualifications", "Nice to have", "Bonus points", "It's a plus if you have",
                 "Desired skills", "Even better if you have", "Preferred", "Pluses",
                 "Extra credit", "Good to have", "What sets you apart", "Ideally you also have"]
BENEFITS = [
    "Perks: on-site gym access, catered lunches and a wellness stipend. We offer medical, dental "
    "and vision insurance, a 401(k) match and 20 days of paid time off.",
    "We offer competitive pay, tuition reimbursement for professional certifications, free "
    "yoga and nutrition classes, and an annual budget for conferences.",
    "Benefits include health insurance, life insurance, employee discounts on groceries, a "
    "company car for field roles and free Spanish and Mandarin lessons.",
    "You will enjoy flexible hours, remote work, a home office stipend, childcare support and "
    "monthly team events with cooking classes and wine tasting.",
    "We provide a pension plan, private healthcare, a cycle-to-work scheme, free massages and "
    "language courses, and a personal training allowance.",
    "Our benefits: stock options, parental leave, a learning budget for Coursera and Udemy, a "
    "free Peloton membership and catered team lunches every Friday.",
]
BENEFITS_HEADINGS = ["Benefits", "What we offer", "Perks", "Why join us", "Compensation and benefits",
                     "What's in it for you", ""]
EEO = [
    "We are an equal opportunity employer. All qualified applicants will receive consideration "
    "for employment without regard to race, color, religion, sex, sexual orientation, gender "
    "identity, national origin, disability or veteran status.",
    "Acme is proud to be an equal opportunity workplace and an affirmative action employer. We "
    "provide reasonable accommodations to applicants with disabilities.",
    "We participate in E-Verify. Applicants must be authorized to work in the United States; "
    "we do not discriminate on the basis of age, pregnancy, genetic information or ancestry.",
    "Equal Opportunity Employer: minorities, women, veterans and individuals with disabilities "
    "are encouraged to apply. Background checks are conducted in accordance with the Fair "
    "Credit Reporting Act.",
]
APPLY = [
    "To apply, send your resume and a short cover letter to jobs@example.com.",
    "How to apply: submit your application through our careers website; we review applications "
    "on a rolling basis.",
    "Please apply online with your CV. Only shortlisted candidates will be contacted.",
    "",
]


def _items(text):
    return [l.strip() for l in text.split('\n') if l.strip()]


def _section(rng, heading_choices, items, inline_lead=None):
    """A section with a heading and bullets, or (sometimes) one inline sentence."""
    heading = rng.choice(heading_choices)
    if inline_lead and rng.random() < 0.25:
        body = [s.rstrip('.') for s in items]
        return [inline_lead + ' ' + '; '.join(body) + '.']
    bullet = rng.choice(['- ', '* ', '\u2022 ', ''])
    out = [heading + rng.choice([':', ''])] if heading else []
    return out + [bullet + s for s in items]


def build_postings(data, out_dir, count=200, seed=25):
    """Writes <out_dir>/<id>.txt postings; returns a list of dicts with the gold parts."""
    os.makedirs(out_dir, exist_ok=True)
    rows = list(csv.DictReader(open(os.path.join(data, 'jobs', 'google_job_skills.csv'),
                                    encoding='utf-8', errors='replace')))
    rows = [r for r in rows if r['Minimum Qualifications'].strip() and
            r['Preferred Qualifications'].strip() and r['Responsibilities'].strip()]
    rng = random.Random(seed)
    chosen = rng.sample(rows, min(count, len(rows)))
    postings = []
    for i, r in enumerate(chosen):
        about = rng.choice(ABOUT)
        benefits = rng.choice(BENEFITS)
        eeo = rng.choice(EEO)
        apply = rng.choice(APPLY)
        minimum = _items(r['Minimum Qualifications'])
        preferred = _items(r['Preferred Qualifications'])
        lines = [r['Title'].strip(), '']
        heading = rng.choice(ABOUT_HEADINGS)
        lines += ([heading] if heading else []) + [about, '']
        lines += _section(rng, ROLE_HEADINGS, _items(r['Responsibilities'])) + ['']
        lines += _section(rng, MIN_HEADINGS, minimum, 'You will need:') + ['']
        lines += _section(rng, PREF_HEADINGS, preferred, 'Ideally you also have:') + ['']
        heading = rng.choice(BENEFITS_HEADINGS)
        lines += ([heading] if heading else []) + [benefits, '']
        lines += [eeo, '']
        if apply:
            lines += [apply]
        pid = '%04d' % i
        with open(os.path.join(out_dir, pid + '.txt'), 'w', encoding='utf-8') as f:
            f.write('\n'.join(lines) + '\n')
        postings.append({'id': pid, 'title': r['Title'].strip(), 'minimum': minimum,
                         'preferred': preferred, 'responsibilities': _items(r['Responsibilities']),
                         'boilerplate': [about, benefits, eeo, apply]})
    return postings


DEGREE = re.compile(rb"\b(ba|bs|b\.s|b\.a|ms|m\.s|mba|phd|ph\.d|bachelor'?s?|master'?s?|degree|"
                    rb"diploma|jd|md)\b", re.I)
FIELD_END = re.compile(rb"(experience|knowledge|proficien|familiar|ability|skills?\b|[.;])", re.I)


def qualification_skills(line, spans):
    """Gold skills of one qualification line: the skills it names, less the fields of a degree
    it asks for ("BA/BS degree in Computer Science or equivalent practical experience": the
    field is an education requirement, not a skill)."""
    out = []
    line = line.encode('utf-8')  # the spans are byte offsets
    m = DEGREE.search(line)
    field_from = field_to = -1
    if m:
        field_from = m.end()
        e = FIELD_END.search(line, field_from)
        field_to = e.start() if e else len(line)
    for b, e, name in spans:
        if field_from <= b < field_to:
            continue
        out.append(name)
    return out
