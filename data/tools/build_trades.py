#!/usr/bin/env python3
"""Builds data/skills_trades.tsv: the tools, equipment and know-how of every occupation, from
O*NET 29.2 tools and equipment (CC BY 4.0, O*NET Resource Center) and the ESCO 1.2.0 skill
collections (European Commission, free reuse with attribution). The curated and public lists
cover software well and the trades little: a farm posting's crops, soil, irrigation and livestock,
a mechanic's lifts and scan tools, a nurse's infusion pumps.

Run by a maintainer when the sources change (never at build time), after build_esa.py:
    python3 data/tools/build_trades.py ../shared/data/taxonomy data/esa.tsv \\
        > data/skills_trades.tsv

What it writes (the skills TSV format of data/skills_curated.tsv):
  * one skill per O*NET tool commodity ("Agricultural tractors", "Irrigation overheads",
    "Backhoes") that no more than MAX_OCCUPATION_SHARE of the occupations list, category
    "tools", aliases its examples ("Trackhoes");
  * one skill per ESCO knowledge concept of the green and digital collections (the research and
    transversal ones hold competences only) named by a noun phrase ("hydroponics",
    "integrated pest management"), category "knowledge", aliases its alternative labels.
An alias must name the thing, not a setting it appears in: one of at least two words, or a single
word that is specific (IDF of at least SPECIFIC_IDF over the occupation texts of data/esa.tsv) and
(unless it is the skill's own name) no ordinary English word (/usr/share/dict/words: "joiners" of
biscuit jointers is one); a one-word name in capitals ("LESS") matches only in capitals; and it
must not be an alias an earlier list claims (the engine ignores those anyway). Aliases of up to MAX_WORDS words, letters, digits and
a few marks only.
"""
import collections
import csv
import os
import re
import sys

MAX_WORDS = 3
SPECIFIC_IDF = 4.5
# A tool that more than this share of occupations lists (personal computers, screwdrivers, tape
# measures, photocopiers: 102 of 4,127) says nothing about which occupation a text is of, and no
# recruiter screens for it.
MAX_OCCUPATION_SHARE = 0.05
ALIAS = re.compile(r"^[a-z0-9][a-z0-9 &/.'+-]*$")
# The first words of ESCO labels that are tasks, not knowledge ("manage irrigation systems"); only
# the knowledge concepts are read, and some alternative labels of those are tasks too.
VERBS = set('''adapt adjust administer advise analyse analyze apply arrange assemble assess assist
build calculate carry check clean collect communicate compile conduct configure consult control
coordinate create cut deliver design determine develop diagnose direct draft ensure establish
estimate evaluate examine execute follow handle identify implement inspect install instruct
interpret keep lead liaise maintain make manage measure monitor negotiate observe operate organise
organize oversee perform plan prepare present process produce promote protect provide record
recycle repair report research review run schedule select sell set supervise support test train
transport treat update use utilise verify work write'''.split())


def tokens(text):
    """The engine's tokens (src/engine/text.h ForEachToken, as in build_esa.py)."""
    out = []
    for m in re.finditer(r'[A-Za-z0-9]+(\+\+|#)?', text):
        w = m.group(0).lower()[:46]
        if len(w) > 3 and w[-1] == 's' and w[-2] not in 'sui':
            w = w[:-1]
        out.append(w)
    return out


def load_idf(path):
    idf = {}
    for line in open(path, encoding='utf-8'):
        if line.startswith('I\t'):
            _, w, v = line.rstrip('\n').split('\t')
            idf[w] = float(v)
    return idf


def known_aliases(data_dir):
    """Aliases and names the curated and public lists claim (lower case)."""
    claimed = set()
    for name in ('skills_curated.tsv', 'skills_public.tsv'):
        for line in open(os.path.join(data_dir, name), encoding='utf-8'):
            if not line.strip() or line[0] == '#':
                continue
            if line[0] == '!':  # a phrase that names no skill ("french press") stays so
                claimed.add(line[1:].strip().lower())
                continue
            cols = line.rstrip('\n').split('\t')
            claimed.add(cols[0].strip().lower())
            if len(cols) > 2:
                for a in cols[2].split('|'):
                    claimed.add(a.strip().lstrip('=~').lower())
    return claimed


def load_dictionary():
    """Ordinary English words (Debian package wamerican), as build_skills.py reads them."""
    try:
        with open('/usr/share/dict/words', encoding='utf-8', errors='ignore') as f:
            return set(w.strip() for w in f if w.strip().islower())
    except OSError:
        sys.exit('needs /usr/share/dict/words (apt-get install wamerican)')


DICTIONARY = set()


def usable(alias, idf, claimed, is_name=False):
    a = re.sub(r'\s+', ' ', alias.strip().lower())
    if not a or not ALIAS.match(a) or len(a.split()) > MAX_WORDS or a in claimed:
        return None
    words = tokens(a)
    if not words:
        return None
    # One word names a thing only when it is specific ("backhoes", "hydroponics"; not
    # "templates" or "calendars"), and, unless it is the skill's own name, no everyday word
    # ("joiners" of biscuit jointers).
    if len(a.split()) == 1 and (idf.get(words[0], 0) < SPECIFIC_IDF or
                                (a in DICTIONARY and not is_name)):
        return None
    return a


def variants(alias, category):
    """A tool's name in both numbers ("backhoes" / "backhoe"); know-how as written."""
    if category != 'tools':
        return [alias]
    if alias.endswith('ies'):
        return [alias, alias[:-3] + 'y']
    if alias.endswith(('ches', 'shes', 'sses', 'xes')):
        return [alias, alias[:-2]]
    if alias.endswith('s') and not alias.endswith(('ss', 'us', 'is')):
        return [alias, alias[:-1]]
    if alias.endswith(('ch', 'sh', 'ss', 'x')):
        return [alias, alias + 'es']
    if alias.endswith('y') and alias[-2:-1] not in 'aeiou':
        return [alias, alias[:-1] + 'ies']
    return [alias, alias + 's']


def onet_tools(taxonomy, idf, claimed):
    rows = list(csv.reader(open(os.path.join(taxonomy, 'onet-29.2', 'tools_used.tsv'),
                                encoding='utf-8', errors='replace'), delimiter='\t'))[1:]
    occupations = collections.defaultdict(set)
    examples = collections.defaultdict(set)
    for code, _title, example, _commodity_code, commodity in rows:
        occupations[commodity].add(code)
        examples[commodity].add(example)
    total = len(set(r[0] for r in rows))
    for commodity in sorted(examples):
        if len(occupations[commodity]) > MAX_OCCUPATION_SHARE * total:
            continue
        yield commodity, 'tools', sorted(examples[commodity])


def esco_knowledge(taxonomy):
    folder = os.path.join(taxonomy, 'esco-1.2.0')
    for name in ('greenSkillsCollection_en.csv', 'digitalSkillsCollection_en.csv',
                 'researchSkillsCollection_en.csv', 'transversalSkillsCollection_en.csv'):
        for r in csv.DictReader(open(os.path.join(folder, name), encoding='utf-8')):
            label = r['preferredLabel'].strip()
            if r['skillType'] != 'knowledge' or not label or label.split()[0].lower() in VERBS:
                continue
            alts = [a.strip() for a in re.split(r'[|\n]', r['altLabels']) if a.strip()]
            # A one-word alternative label is often a broader word ("scripting" of "ICT system
            # programming"): only the preferred label may be one word.
            alts = [a for a in alts if a.split()[0].lower() not in VERBS and len(a.split()) > 1]
            yield label[0].upper() + label[1:], 'knowledge', alts


def main():
    taxonomy, esa = sys.argv[1], sys.argv[2]
    data_dir = os.path.dirname(os.path.abspath(esa))
    idf = load_idf(esa)
    DICTIONARY.update(load_dictionary())
    claimed = known_aliases(data_dir)
    out = sys.stdout
    out.write('# Generated by data/tools/build_trades.py from O*NET 29.2 tools and equipment (CC BY\n')
    out.write('# 4.0, O*NET Resource Center, U.S. DOL/ETA) and the ESCO 1.2.0 skill collections\n')
    out.write('# (European Commission, free reuse with attribution). Do not edit by hand.\n')
    seen_names = set()
    for source in (onet_tools(taxonomy, idf, claimed), esco_knowledge(taxonomy)):
        for name, category, aliases in source:
            key = name.lower()
            # The engine matches a skill's name as an alias too, so the name must be one.
            if key in seen_names or usable(name, idf, claimed, is_name=True) is None:
                continue
            kept = []
            for k, raw in enumerate([name] + list(aliases)):
                a = usable(raw, idf, claimed, is_name=k == 0)
                if a is None:
                    continue
                if k == 0 and raw.isupper() and len(raw.split()) == 1:
                    # An acronym ("LESS", the CSS language) only in capitals: "less" is a word.
                    kept.append('=' + raw)
                    claimed.add(a)
                    continue
                for v in variants(a, category):
                    if v not in claimed:
                        claimed.add(v)
                        kept.append(v)
            if not kept:
                continue
            seen_names.add(key)
            out.write('%s\t%s\t%s\t\n' % (name, category, '|'.join(kept)))


if __name__ == '__main__':
    main()
