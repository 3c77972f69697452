#!/usr/bin/env python3
"""Builds data/esa.tsv: word statistics from the ESCO occupations (European Commission, free
reuse with attribution) and the O*NET 29.2 occupations (CC BY 4.0, O*NET Resource Center) for the
engine's lexical IDF and its model-free semantic similarity.

Run by a maintainer when the source changes (never at build time):
    python3 data/tools/build_esa.py ../shared/data/taxonomy/esco_occupations_en.csv \
        ../shared/data/taxonomy > data/esa.tsv

Each O*NET occupation is a concept of its own beside ESCO's: its title (three times), alternate
and reported titles, task statements, tools and equipment, and technology skills. So a trade's
title ("Farm Manager", "Diesel Mechanic") maps to the occupation whose tasks, tools and
technology are the words of its resumes, and the IDF is that of ~3,900 occupation texts.
(ESA_TOP and ESA_DIGITS tune it; the defaults are what data/esa.tsv was built with.)

What it writes
  * I lines: "I<TAB>word<TAB>idf[<TAB>-]" -- inverse document frequency of each word over the
    occupation texts, used by the lexical features in place of a corpus; "-" marks a word that
    only O*NET's texts use (not part of the ordinary vocabulary WordStats::Knows tells).
  * C lines: "C<TAB>index<TAB>id<TAB>label" -- the concepts: by default every ESCO occupation
    (ESA_DIGITS=occ; measured best on the ranking benchmark), or ISCO-08 groups of ESA_DIGITS
    digits, each the union of its occupations.
  * W lines: "W<TAB>word<TAB>c:w,c:w,..." -- Explicit Semantic Analysis: a word's TF-IDF weight in
    each concept (top TOP_CONCEPTS, L2-normalised per concept first). A text's semantic vector is
    the sum of its words' concept vectors; similarity is the cosine of two such vectors.
Words are tokenised exactly like src/engine/text.h ForEachToken (lower-case letters/digits, a
plural "s" stripped, the same stopwords), so the engine can look them up by hash.
"""
import collections
import csv
import math
import re
import os
import sys

TOP_CONCEPTS = int(os.environ.get("ESA_TOP", "20"))
MIN_DF = 2

STOPWORDS = set("""about above abov after again all also am an and any are as at be been before being
below between both but by can could did do doe does doing down during each etc ever few for from
further had ha has have having he her here herself him himself hi his how i if in into is it its
itself just me miss more most mr mrs ms must my myself no nor not now of off on once only or other
our ours ourselve out over own per same she should so some such than that the their theirs them
themselve then there these they thi this those through to too under until up upon us very via wa
was we were what when where which while who whom why will with within would xe xem xyr you your
yours yourself ze zir hir company name city state n s t d e m o""".split())


def tokens(text):
    out = []
    for m in re.finditer(r'[A-Za-z0-9]+(\+\+|#)?', text):
        w = m.group(0).lower()
        w = w[:46]
        if len(w) > 3 and w[-1] == 's' and w[-2] not in 'sui':
            w = w[:-1]
        if len(w) < 2 and not (len(w) == 1 and w.isalpha() and w != 'a'):
            continue
        if w in STOPWORDS:
            continue
        out.append(w)
    return out


def read_tsv(path):
    with open(path, encoding='utf-8', errors='replace') as f:
        rows = list(csv.reader(f, delimiter='\t', quoting=csv.QUOTE_NONE))
    return rows[1:]


def onet_occupations(taxonomy_dir):
    """(code, title, tokens) of each O*NET 29.2 occupation with task statements."""
    onet = os.path.join(taxonomy_dir, 'onet-29.2')
    texts = collections.defaultdict(list)
    titles = {}
    for r in read_tsv(os.path.join(onet, 'task_statements.tsv')):
        titles[r[0]] = r[1]
        texts[r[0]].append(r[3])
    for r in read_tsv(os.path.join(onet, 'alternate_titles.tsv')):
        texts[r[0]].append(r[2])
    for r in read_tsv(os.path.join(onet, 'sample_of_reported_titles.tsv')):
        texts[r[0]].append(r[2])
    for r in read_tsv(os.path.join(onet, 'tools_used.tsv')):
        texts[r[0]].append(r[2])
    for r in read_tsv(os.path.join(taxonomy_dir, 'onet_technology_skills.txt')):
        texts[r[0]].append(r[1])
    for code in sorted(titles):
        yield code, titles[code], tokens(titles[code]) * 3 + tokens('\n'.join(texts[code]))


def main():
    path = sys.argv[1]
    rows = list(csv.DictReader(open(path, encoding='utf-8')))
    occ_tokens = []
    groups = collections.defaultdict(list)
    labels = {}
    for r in rows:
        text_labels = r['preferredLabel'] + '\n' + r['altLabels']
        toks = tokens(text_labels) * 3 + tokens(r['description'])
        occ_tokens.append(toks)
        digits = os.environ.get('ESA_DIGITS', 'occ')
        code = r['conceptUri'][-36:] if digits == 'occ' else (r['iscoGroup'] or '0000')[:int(digits)]
        groups[code].append(toks)
        labels.setdefault(code, r['preferredLabel'])
    # The words of ESCO's occupation texts: the engine's "ordinary vocabulary" (a resume's first
    # line with a word outside it may be a name). O*NET's tool lists hold names and brands
    # ("plumb bob"), so its words weigh in the IDF but do not make a word ordinary.
    esco_words = set(w for toks in occ_tokens for w in toks)
    if len(sys.argv) > 2:
        for code, title, toks in onet_occupations(sys.argv[2]):
            occ_tokens.append(toks)
            groups['onet-' + code].append(toks)
            labels['onet-' + code] = title
    n = len(occ_tokens)
    df = collections.Counter()
    for toks in occ_tokens:
        df.update(set(toks))
    idf = {w: math.log(1 + (n - d + 0.5) / (d + 0.5)) for w, d in df.items() if d >= MIN_DF}
    codes = sorted(groups)
    concept_vectors = []
    for code in codes:
        tf = collections.Counter()
        for toks in groups[code]:
            tf.update(toks)
        vec = {w: (1 + math.log(c)) * idf[w] for w, c in tf.items() if w in idf}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1
        concept_vectors.append({w: v / norm for w, v in vec.items()})
    by_word = collections.defaultdict(list)
    for ci, vec in enumerate(concept_vectors):
        for w, v in vec.items():
            by_word[w].append((v, ci))
    out = sys.stdout
    out.write('# Generated by data/tools/build_esa.py from ESCO occupations v1 (European Commission,\n')
    out.write('# https://esco.ec.europa.eu, free reuse with attribution) and O*NET 29.2 occupations\n')
    out.write('# (CC BY 4.0, O*NET Resource Center, U.S. DOL/ETA). Do not edit by hand.\n')
    out.write('# I word idf | C index isco label | W word concept:weight,...\n')
    for w in sorted(idf):
        # A fourth column marks a word ESCO's texts do not use (WordStats::Knows is false).
        out.write('I\t%s\t%.3f%s\n' % (w, idf[w], '' if w in esco_words else '\t-'))
    for ci, code in enumerate(codes):
        out.write('C\t%d\t%s\t%s\n' % (ci, code, labels[code].replace('\t', ' ')))
    for w in sorted(by_word):
        top = sorted(by_word[w], reverse=True)[:TOP_CONCEPTS]
        out.write('W\t%s\t%s\n' % (w, ','.join('%d:%.3f' % (ci, v) for v, ci in top)))


if __name__ == '__main__':
    main()
