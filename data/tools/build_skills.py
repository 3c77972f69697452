#!/usr/bin/env python3
"""Builds data/skills_public.tsv from the public taxonomy sources.

Run by a maintainer when the sources change (never at build time):
    python3 data/tools/build_skills.py ../shared/data/taxonomy > data/skills_public.tsv

Sources (see ../shared/data/README.md; attribution kept in data/README.md):
  github-topics/*.md         GitHub explore topics: display name, aliases, related (CC BY 4.0)
  linguist_languages.yml     GitHub Linguist programming languages and aliases (MIT)
  onet_technology_skills.txt O*NET 28 technology skills, occupation x product (CC BY 4.0)

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
        if not name or len(name) < 2 or ordinary_word(name, dictionary):
            continue
        aliases = set()
        if slug and not ordinary_word(slug.replace('-', ' '), dictionary):
            aliases.add(slug.replace('-', ' '))
        for a in meta.get('aliases', '').split(','):
            a = clean(a).replace('-', ' ')
            if len(a) >= 3 and not ordinary_word(a, dictionary):
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
        aliases = set()
        # "Microsoft Visio" -> "visio", "Intuit QuickBooks" -> "quickbooks" (vendor dropped) when
        # what is left is not an ordinary word.
        parts = name.split(' ', 1)
        if len(parts) == 2 and parts[0] in ('Microsoft', 'Oracle', 'IBM', 'Adobe', 'Intuit',
                                            'Autodesk', 'Apache', 'Google', 'Amazon', 'SAP'):
            rest = parts[1]
            if len(rest) >= 4 and not ordinary_word(rest, dictionary):
                aliases.add(rest)
        key = name.lower()
        if key not in skills:
            skills[key] = [name, category, aliases, []]


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
        aliases = sorted(a.lower() for a in aliases if a.lower() != key and '|' not in a)
        out.write('%s\t%s\t%s\t%s\n' % (name, category, '|'.join(aliases), '|'.join(related)))


if __name__ == '__main__':
    main()
