#!/usr/bin/env python3
"""Builds data/skills_public.tsv from the public taxonomy sources.

Run by a maintainer when the sources change (never at build time):
    python3 data/tools/build_skills.py ../shared/data/taxonomy > data/skills_public.tsv

Sources (see ../shared/data/README.md; attribution kept in data/README.md):
  github-topics/*.md         GitHub explore topics: display name, aliases, related (CC BY 4.0)
  linguist_languages.yml     GitHub Linguist programming languages and aliases (MIT)
  onet_technology_skills.txt O*NET 28 technology skills, occupation x product (CC BY 4.0)

One skill per concept: an O*NET product whose acronym or vendor-less name a skill already has
(curated "LAN" is Networking, Linguist's "jsp", "Java" of "Oracle Java") is that skill; its name
(and expansion) become aliases, written as a line of that skill's own that the engine merges
into the curated one. data/skills_curated.tsv is read for this.

Filters keep the matcher precise: a one-word name that is an ordinary English word
(/usr/share/dict/words, Debian package wamerican) is dropped unless it is capitalised only as a
name, because "Server" or "Survival" in a resume is not a skill. O*NET products are kept when
flagged hot/in-demand or listed for at least MIN_OCCUPATIONS occupations. Skills the curated list
(data/skills_curated.tsv) defines win at load time, so duplicates here are harmless.
"""
import collections
import os
import re
import sys

MIN_OCCUPATIONS = 4


def load_dictionary():
    words = set()
    try:
        with open('/usr/share/dict/words', encoding='utf-8', errors='ignore') as f:
            for w in f:
                w = w.strip()
                if w and w.islower():
                    words.add(w)
    except OSError:
        sys.exit('needs /usr/share/dict/words (apt-get install wamerican)')
    return words


def clean(s):
    s = s.strip().strip('"').strip("'")
    return re.sub(r'\s+', ' ', s)


def ordinary_word(name, dictionary):
    """True for one-word names that are plain English words ("Server", "Survival")."""
    n = name.lower()
    return ' ' not in n and n in dictionary


def github_topics(root, dictionary):
    skills = {}
    slug_to_name = {}
    folder = os.path.join(root, 'github-topics')
    for fname in sorted(os.listdir(folder)):
        if not fname.endswith('.md'):
            continue
        with open(os.path.join(folder, fname), encoding='utf-8') as f:
            text = f.read()
        m = re.match(r'---\n(.*?)\n---', text, re.S)
        if not m:
            continue
        meta = {}
        for line in m.group(1).split('\n'):
            if ':' in line:
                k, v = line.split(':', 1)
                meta[k.strip()] = clean(v)
        name = meta.get('display_name') or meta.get('topic')
        slug = meta.get('topic', fname[:-3])
        if not name or len(name) < 2 or ordinary_word(name, dictionary) or name in DROPPED_TOPICS:
            continue
        aliases = set()
        if slug and not ordinary_word(slug.replace('-', ' '), dictionary):
            aliases.add(slug.replace('-', ' '))
        for a in meta.get('aliases', '').split(','):
            a = clean(a).replace('-', ' ')
            if len(a) >= 3 and not ordinary_word(a, dictionary) and a not in DROPPED_ALIASES:
                aliases.add(a)
        related = [clean(r) for r in meta.get('related', '').split(',') if clean(r)]
        rel_names = set(related)
        category = 'technology'
        if 'language' in rel_names or 'programming-language' in rel_names:
            category = 'language'
        elif 'database' in rel_names:
            category = 'database'
        elif 'framework' in rel_names:
            category = 'framework'
        skills[name.lower()] = [name, category, aliases, related]
        slug_to_name[slug] = name
    # Related slugs -> names of kept topics.
    for entry in skills.values():
        entry[3] = sorted({slug_to_name[r] for r in entry[3] if r in slug_to_name} - {entry[0]})
    return skills


def linguist(root, dictionary, skills):
    path = os.path.join(root, 'linguist_languages.yml')
    name = None
    lang = {}
    langs = []
    in_aliases = False
    with open(path, encoding='utf-8') as f:
        for line in f:
            if not line.startswith(' ') and line.rstrip().endswith(':') and not line.startswith('#'):
                if name:
                    langs.append((name, lang))
                name = line.rstrip()[:-1].strip('"').strip("'")
                lang = {'aliases': []}
                in_aliases = False
            elif line.startswith('  type:'):
                lang['type'] = line.split(':', 1)[1].strip()
                in_aliases = False
            elif line.startswith('  aliases:'):
                in_aliases = True
            elif in_aliases and line.startswith('  - '):
                lang['aliases'].append(clean(line[4:]))
            elif line.startswith('  ') and not line.startswith('  - '):
                in_aliases = False
    if name:
        langs.append((name, lang))
    for name, lang in langs:
        if lang.get('type') != 'programming' or len(name) < 2:
            continue
        if ordinary_word(name, dictionary) or len(name) <= 2:
            continue  # "Red", "Self", "Io": too ambiguous in prose
        key = name.lower()
        aliases = {a for a in lang['aliases'] if len(a) >= 3 and not ordinary_word(a, dictionary)}
        if key in skills:
            skills[key][2] |= aliases
            skills[key][1] = 'language'
        else:
            skills[key] = [name, 'language', aliases, []]


CATEGORY_BY_COMMODITY = [
    ('data base', 'database'), ('operating system', 'devops'), ('network', 'devops'),
    ('graphics', 'design'), ('video', 'media'), ('desktop publishing', 'design'),
    ('computer aided design', 'engineering'), ('spreadsheet', 'tool'), ('office suite', 'tool'),
    ('word processing', 'tool'), ('presentation', 'tool'), ('accounting', 'finance'),
    ('financial', 'finance'), ('medical', 'healthcare'), ('customer relationship', 'tool'),
    ('enterprise resource', 'tool'), ('development environment', 'framework'),
    ('web platform', 'framework'), ('object or component', 'framework'),
    ('business intelligence', 'data'), ('analytical', 'data'), ('project management', 'management'),
]


# Vendors O*NET names before a product ("Oracle WebLogic Server"); resumes mostly write the
# product alone ("WebLogic").
VENDORS = ('Microsoft', 'Oracle', 'IBM', 'Adobe', 'Intuit', 'Autodesk', 'Apache', 'Google',
           'Amazon', 'SAP', 'Atlassian', 'Corel', 'Cisco', 'ESRI', 'Bentley', 'Trimble',
           'Dassault Systemes', 'Hewlett Packard', 'Red Hat', 'Embarcadero', 'LogMeIn', 'HCSS',
           'The MathWorks')
# What is left of a few products without their vendor names a kind of software, not the
# product ("Middleware: WebSphere, Tomcat"; an electrical engineer's "power systems").
GENERIC_PRODUCT_NAMES = ('middleware', 'application server', 'power systems', 'analytics',
                         'operating system')
# GitHub topics whose names or aliases are everyday words of resumes and job postings, not
# technologies: "how to do", "community based", a CD drive, "Boot Camp" training, "Micro-
# irrigation", role playing in a training, "datasets", "internal tools"; and the "AAS" of an
# Associate of Applied Science degree.
DROPPED_TOPICS = ('To-Do', 'Micro', 'Community Driven', 'CD (Disambiguation)', 'Bootcamp',
                  'role-playing-game', 'dataset', 'Low-Code / Internal Tools')
DROPPED_ALIASES = ('aas',)
# Words an acronym's initials skip ("Failure mode and effects analysis FMEA").
ACRONYM_SKIPS = ('and', 'of', 'for', 'the', 'to', 'in', 'on')
# Acronyms that mostly mean something else in resumes: "SAN ANTONIO, TX", a property manager's
# "CAM reconciliations" (common area maintenance).
ACRONYM_WORDS = ('SAN', 'CAM')


def initials(words):
    """J S P of "JavaServer Pages", V B A of "Visual Basic for Applications"."""
    parts = [part for w in words for part in re.split(r'[-/]|(?<=[a-z])(?=[A-Z])', w)]
    return ''.join(p[0].upper() for p in parts if p and p.lower() not in ACRONYM_SKIPS)


def acronym_and_expansion(name):
    """("UML", "unified modeling language") for "Unified modeling language UML": the last word
    when it is the initials of the words before it, with or without the vendor ("Microsoft
    Active Server Pages ASP", "Amazon Web Services AWS"; a final "S" for "systems" may be left
    out), and those words; (None, None) otherwise. The expansion is None when it is no name ("a
    programming language" of APL)."""
    words = name.split()
    last = words[-1]
    if len(words) < 3 or not re.fullmatch(r'[A-Z][A-Z0-9]{2,5}', last):
        return None, None
    spelled = [words[:-1]]
    rest = vendor_rest(name)
    if rest and len(rest.split()) >= 3:
        spelled.append(rest.split()[:-1])
    for expansion in spelled:
        if last in (initials(expansion), initials(expansion).rstrip('S')):
            if expansion[0].lower() in ('a', 'an', 'the'):
                return last, None
            return last, ' '.join(expansion).lower()
    return None, None


def curated_names():
    """Lower-case name or alias -> canonical name, over data/skills_curated.tsv."""
    owner = {}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'skills_curated.tsv')
    with open(path, encoding='utf-8') as f:
        for line in f:
            cols = line.rstrip('\n').split('\t')
            if line.startswith('#') or len(cols) < 2:
                continue
            for alias in [cols[0]] + (cols[2].split('|') if len(cols) > 2 else []):
                owner.setdefault(alias.lstrip('=~').strip().lower(), cols[0])
    return owner


def vendor_rest(name):
    """"Java" of "Oracle Java": the name without its vendor, or None."""
    for vendor in VENDORS:
        if name.startswith(vendor + ' '):
            return name[len(vendor) + 1:]
    return None


def vendor_aliases(name, dictionary):
    """Short names of a vendor's product, best first: "Visio" of "Microsoft Visio", "WebLogic"
    of "Oracle WebLogic Server", "CorelDraw" of "Corel CorelDraw Graphics Suite". Each is kept
    only when it is not an ordinary word ("Access", "Project", "Struts" are curated instead)."""
    rest = vendor_rest(name)
    if not rest or rest.lower() in GENERIC_PRODUCT_NAMES:
        return []
    out = []
    if len(rest) >= 4 and not ordinary_word(rest, dictionary):
        out.append((0, rest))
    bare = re.sub(r' Server$', '', rest)
    # ("HTTP" of "Apache HTTP Server" is the protocol, not the server.)
    if (bare != rest and len(bare) >= 4 and not ordinary_word(bare, dictionary) and
            bare != bare.upper()):
        out.append((1, bare))
    first = rest.split()[0]
    # The product's own name before the words that say which edition or suite it is.
    if first != rest and len(first) >= 5 and first.isalpha() and first.lower() not in dictionary:
        out.append((2, first))
    return out


def onet(root, dictionary, skills):
    path = os.path.join(root, 'onet_technology_skills.txt')
    occupations = collections.defaultdict(set)
    commodity = {}
    hot = set()
    with open(path, encoding='utf-8', errors='ignore') as f:
        next(f)
        for line in f:
            cols = line.rstrip('\n').split('\t')
            if len(cols) < 6:
                continue
            code, example, _, title, is_hot, in_demand = cols[:6]
            example = clean(example)
            occupations[example].add(code)
            commodity.setdefault(example, title.lower())
            if is_hot == 'Y' or in_demand == 'Y':
                hot.add(example)
    # Short names several products share ("IOS": Apple's and Cisco's; "PMS": practice and
    # property management systems) name none of them; a short name that is one product's whole
    # name beats the first word of another's ("AutoCAD" of "Autodesk AutoCAD", not of "Autodesk
    # AutoCAD Civil 3D"); a name some skill already has is that skill's.
    short = collections.defaultdict(list)  # lower-case alias -> [(rank, skill key, alias)]
    curated = curated_names()
    curated_canonical = {alias: owner for alias, owner in curated.items() if alias == owner.lower()}
    # Canonical name -> aliases found for it: the expansions of its acronym, vendors' names for it.
    aliases_of = collections.defaultdict(set)
    # Aliases of the GitHub and Linguist skills ("jsp" of Java Server Pages) -> canonical name.
    public_aliases = {a.lower(): entry[0] for entry in skills.values() for a in entry[2]}
    for example, occs in occupations.items():
        if example not in hot and len(occs) < MIN_OCCUPATIONS:
            continue
        name = re.sub(r'\s+software$', '', example, flags=re.I).strip()
        if len(name) < 3 or len(name.split()) > 5 or ordinary_word(name, dictionary):
            continue
        if name.lower() in ('microsoft', 'oracle', 'ibm', 'google', 'apple', 'adobe', 'sap'):
            continue
        category = 'software'
        for cue, cat in CATEGORY_BY_COMMODITY:
            if cue in commodity[example]:
                category = cat
                break
        key = name.lower()
        if key in skills:
            continue
        # "Oracle Java", "Apache Kafka": a vendor's name for a skill that is already one
        # ("Java", "Kafka") is that skill's alias, not a second skill a resume saying "Java"
        # would lack.
        rest = vendor_rest(name)
        if rest and key not in curated and rest.lower() not in GENERIC_PRODUCT_NAMES:
            owner = curated_canonical.get(rest.lower())
            if owner is None and rest.lower() in skills:
                owner = skills[rest.lower()][0]
            # Spelled alike, case and all: Cisco's "IOS" is not Apple's "iOS".
            if owner == rest:
                aliases_of[owner].add(key)
                continue
        acronym, expansion = acronym_and_expansion(name)
        if acronym:
            # A skill the acronym already names ("SQL", "CSS", "JSP"; curated "LAN" is
            # Networking) is this one: its name and expansion become that skill's aliases, so
            # that "Cascading Style Sheets" in a job and "CSS" in a resume are one skill.
            owner = curated.get(acronym.lower())
            if owner is None and acronym.lower() in skills:
                owner = skills[acronym.lower()][0]
            if owner is None:
                owner = public_aliases.get(acronym.lower())
            if owner is not None:
                aliases_of[owner] |= {key, expansion} - {None}
                continue
        skills[key] = [name, category, set(), []]
        if acronym:
            # Acronyms: one rank; two expansions ending alike ("computer(ized) numerical
            # control CNC") are one meaning, so the acronym goes to the first.
            if acronym not in ACRONYM_WORDS:
                alias = '=' + acronym if len(acronym) <= 4 else acronym.lower()
                short[acronym.lower()].append((0, key, alias))
            if expansion:
                short[expansion].append((0, key, expansion))
        for rank, alias in vendor_aliases(name, dictionary):
            short[alias.lower()].append((rank, key, alias))
    for lower, candidates in short.items():
        if lower in skills:
            continue
        best = min(rank for rank, _, _ in candidates)
        top = sorted((key, alias) for rank, key, alias in candidates if rank == best)
        # The word before each candidate's last: "control" for both CNC expansions.
        if len({key.split()[-2] for key, _ in top}) == 1:
            skills[top[0][0]][2].add(top[0][1])
    # A curated skill's line here only adds aliases (the curated file keeps its category).
    for owner, expansions in aliases_of.items():
        expansions = {e for e in expansions if e not in curated}
        if expansions:
            skills.setdefault(owner.lower(), [owner, 'technology', set(), []])[2] |= expansions


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else '../shared/data/taxonomy'
    dictionary = load_dictionary()
    skills = github_topics(root, dictionary)
    linguist(root, dictionary, skills)
    onet(root, dictionary, skills)
    out = sys.stdout
    out.write('# Generated by data/tools/build_skills.py from GitHub topics (CC BY 4.0), GitHub\n')
    out.write('# Linguist (MIT) and O*NET 28 technology skills (CC BY 4.0). Do not edit by hand;\n')
    out.write('# curate in data/skills_curated.tsv. Columns as in skills_curated.tsv.\n')
    for key in sorted(skills):
        name, category, aliases, related = skills[key]
        if '\t' in name or '|' in name:
            continue
        # A case-sensitive alias ("=UML") keeps its case.
        aliases = sorted(a if a.startswith('=') else a.lower() for a in aliases
                         if a.lower() != key and '|' not in a)
        out.write('%s\t%s\t%s\t%s\n' % (name, category, '|'.join(aliases), '|'.join(related)))


if __name__ == '__main__':
    main()
