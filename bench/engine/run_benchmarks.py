#!/usr/bin/python3
"""Shortlist engine benchmarks: ranking quality, parsing F1, JD-skill F1, throughput.

How to run (after building engine_bench, see bench/README-engine.md):

    cmake --build build --target engine_bench
    python3 bench/engine/run_benchmarks.py --build build [--data ../shared/data]

Everything is measured in this one run on this machine. The public data is read from
../shared/data (never copied into the repository); PDFs are converted once with
`pdftotext -layout` into a cache directory (default /tmp/shortlist-bench-cache).

1. Ranking: for each of the 24 categories of resume-categories, the job description
   bench/engine/jobs/<CATEGORY>.txt (written for this benchmark from the category's typical
   skills, see the README) ranks all resumes. Relevant = the resume's category. NDCG@10, P@10 and
   MRR per category and their mean, for the engine, BM25 (engine_bench, corpus IDF) and TF-IDF
   cosine (scikit-learn TfidfVectorizer, sublinear tf, English stopwords).
2. Parsing F1 per field on parsing/dataturks-resumes.jsonl, and token-level skill F1 on
   jd-skills/testset.conll.
3. Throughput on one core (taskset -c 0 when available): text resumes per second for
   AnalyzeResume + Evaluate of one job over all the category resumes, median of 5 passes; the
   TF-IDF baseline's rate (vectorise all resumes and score one job) and BM25's measured alike.
"""
import argparse
import collections
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import corpora

HERE = os.path.dirname(os.path.abspath(__file__))


def convert_pdfs(src, cache):
    """pdftotext -layout every resume PDF once; returns the text directory."""
    out_root = os.path.join(cache, 'resume-text')
    todo = []
    for cat in sorted(os.listdir(src)):
        cat_dir = os.path.join(src, cat)
        if not os.path.isdir(cat_dir):
            continue
        os.makedirs(os.path.join(out_root, cat), exist_ok=True)
        for f in sorted(os.listdir(cat_dir)):
            if f.endswith('.pdf'):
                dst = os.path.join(out_root, cat, f[:-4] + '.txt')
                if not os.path.exists(dst):
                    todo.append((os.path.join(cat_dir, f), dst))
    if todo:
        print('converting %d PDFs with pdftotext -layout ...' % len(todo), file=sys.stderr)
    for pdf, dst in todo:
        subprocess.run(['pdftotext', '-layout', '-q', pdf, dst], check=False)
        if not os.path.exists(dst):
            open(dst, 'w').close()
    return out_root


def one_core(cmd):
    return (['taskset', '-c', '0'] + cmd) if shutil.which('taskset') else cmd


# ---------------------------------------------------------------- ranking metrics

def metrics(ranking, category):
    rel = [r.split('/')[0] == category for r in ranking]
    n_rel = sum(rel)
    dcg = sum(1 / math.log2(i + 2) for i in range(min(10, len(rel))) if rel[i])
    idcg = sum(1 / math.log2(i + 2) for i in range(min(10, n_rel)))
    p10 = sum(rel[:10]) / 10
    mrr = next((1 / (i + 1) for i, r in enumerate(rel) if r), 0.0)
    return (dcg / idcg if idcg else 0.0, p10, mrr)


def load_texts(text_dir):
    ids, texts = [], []
    for cat in sorted(os.listdir(text_dir)):
        for f in sorted(os.listdir(os.path.join(text_dir, cat))):
            t = open(os.path.join(text_dir, cat, f), errors='ignore').read()
            if t:
                ids.append(cat + '/' + f[:-4])
                texts.append(t)
    return ids, texts


def tfidf_rankings(text_dir, jobs_dir):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import linear_kernel
    ids, texts = load_texts(text_dir)
    rankings = {}
    vec = TfidfVectorizer(sublinear_tf=True, stop_words='english')
    X = vec.fit_transform(texts)
    for j in sorted(os.listdir(jobs_dir)):
        if not j.endswith('.txt'):
            continue
        q = vec.transform([open(os.path.join(jobs_dir, j)).read()])
        s = linear_kernel(q, X).ravel()
        order = sorted(range(len(ids)), key=lambda i: -s[i])
        rankings[j[:-4]] = [ids[i] for i in order]
    return rankings


def tfidf_rate(text_dir, job_path):
    """The TF-IDF baseline's throughput: vectorise every resume and score one job, as a screening
    run would (CPU time, median of 5)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import linear_kernel
    _, texts = load_texts(text_dir)
    rates = []
    job = open(job_path).read()
    for _ in range(5):
        t0 = time.process_time()
        v = TfidfVectorizer(sublinear_tf=True, stop_words='english')
        M = v.fit_transform(texts)
        linear_kernel(v.transform([job]), M)
        rates.append(len(texts) / (time.process_time() - t0))
    return sorted(rates)[len(rates) // 2]


SYSTEMS = ['engine', 'bm25', 'tfidf']
# The two halves of the categories (alternate ones in name order): changes are developed on one
# half and reported on the other, then the other way round; a change must hold on both.
def halves(cats):
    return {'A': cats[0::2], 'B': cats[1::2]}


def rank_jobs(args, text_dir, jobs_dir, label, timing):
    """Ranks the corpus for every job of jobs_dir with the three systems; prints the table, the
    halves and the categories far below TF-IDF. Returns (per-system per-category NDCG@10,
    throughput figures)."""
    out = os.path.join(args.cache, 'rankings-%s.tsv' % label)
    res = subprocess.run(one_core([args.bench, 'rank', text_dir, jobs_dir, out,
                                   'INFORMATION-TECHNOLOGY' if timing else 'none']),
                         check=True, capture_output=True, text=True)
    throughput = {}
    for line in res.stdout.splitlines():
        p = line.split()
        if len(p) == 3 and p[0] == 'throughput':
            throughput[p[1]] = float(p[2])
    rankings = collections.defaultdict(dict)
    for line in open(out):
        system, cat, ids = line.rstrip('\n').split('\t')
        rankings[system][cat] = ids.split(',')
    rankings['tfidf'] = tfidf_rankings(text_dir, jobs_dir)
    print('\n== 1%s. Ranking quality, %s (NDCG@10 / P@10 / MRR); relevant = same category' %
          ('a' if label == 'written' else 'b', label))
    print('%-24s' % 'category' + ''.join('%20s' % s for s in SYSTEMS))
    cats = sorted(rankings['engine'])
    per = {s: {} for s in SYSTEMS}
    means = {s: [0.0, 0.0, 0.0] for s in SYSTEMS}
    for cat in cats:
        row = '%-24s' % cat
        for s in SYSTEMS:
            m = metrics(rankings[s][cat], cat)
            per[s][cat] = m[0]
            row += '    %.2f / %.2f / %.2f' % m
            for k in range(3):
                means[s][k] += m[k] / len(cats)
        print(row)
    print('%-24s' % 'MEAN' + ''.join('    %.3f/%.2f/%.2f' % tuple(means[s]) for s in SYSTEMS))
    mean = lambda s, cs: sum(per[s][c] for c in cs) / len(cs)
    margins = {}
    for half, cs in halves(cats).items():
        margins[half] = mean('engine', cs) - mean('tfidf', cs)
        print('half %s (%2d categories) NDCG@10: engine %.3f  BM25 %.3f  TF-IDF %.3f  '
              'engine - TF-IDF %+.3f (target +0.10)' %
              (half, len(cs), mean('engine', cs), mean('bm25', cs), mean('tfidf', cs),
               margins[half]))
    print('gap between the halves (engine - TF-IDF, A - B): %+.3f' % (margins['A'] - margins['B']))
    print('all categories: engine - TF-IDF %+.3f' % (means['engine'][0] - means['tfidf'][0]))
    below = ['%s %.2f < %.2f' % (c, per['engine'][c], per['tfidf'][c]) for c in cats
             if per['engine'][c] < per['tfidf'][c] - 0.10]
    print('categories more than 0.10 below TF-IDF: %s' % (', '.join(below) or 'none'))
    return per, throughput


def ranking_benchmark(args, text_dir):
    _, throughput = rank_jobs(args, text_dir, os.path.join(HERE, 'jobs'), 'written', True)
    throughput['tfidf'] = tfidf_rate(text_dir, os.path.join(HERE, 'jobs',
                                                             'INFORMATION-TECHNOLOGY.txt'))
    onet_dir = corpora.build_onet_jobs(args.data, os.path.join(args.cache, 'onet-jobs'))
    rank_jobs(args, text_dir, onet_dir, 'O*NET occupations', False)
    return throughput


# ---------------------------------------------------------------- job understanding

def job_understanding_benchmark(args):
    with tempfile.TemporaryDirectory(prefix='postings-', dir=args.cache) as work:
        return job_understanding_in(args, work)


def matcher_spans(args, lines, work, name):
    path = os.path.join(work, name)
    with open(path, 'w', encoding='utf-8') as f:
        for line in lines:
            f.write(line.replace('\n', ' ').replace('\r', ' ') + '\n')
    res = subprocess.run([args.bench, 'jd', path], check=True, capture_output=True, text=True)
    return [json.loads(l) for l in res.stdout.splitlines()]


def job_understanding_in(args, work):
    postings = corpora.build_postings(args.data, os.path.join(work, 'postings'),
                                      seed=args.postings_seed)
    # Gold: the skills the Minimum Qualifications name (less a degree's fields) are required;
    # those the Preferred Qualifications name, and not the minimum ones, preferred.
    lines, owner = [], []
    for i, p in enumerate(postings):
        for kind in ('minimum', 'preferred', 'responsibilities', 'boilerplate'):
            for line in p[kind]:
                lines.append(line)
                owner.append((i, kind))
    spans = matcher_spans(args, lines, work, 'lines.txt')
    named = [collections.defaultdict(set) for _ in postings]
    for line, (i, kind), sp in zip(lines, owner, spans):
        if kind in ('minimum', 'preferred'):
            named[i][kind].update(corpora.qualification_skills(line, sp))
            named[i]['asked anywhere'].update(s[2] for s in sp)  # a degree's field too
        else:
            named[i][kind].update(s[2] for s in sp)
    title_spans = matcher_spans(args, [p['title'] for p in postings], work, 'titles.txt')
    res = subprocess.run([args.bench, 'jobs', os.path.join(work, 'postings')], check=True,
                         capture_output=True, text=True)
    analyses = {a['id']: a for a in map(json.loads, res.stdout.splitlines())}
    t = collections.Counter()
    leaked_examples = collections.Counter()
    for i, p in enumerate(postings):
        a = analyses[p['id']]
        req = set(s['skill'] for s in a['skills'] if s['importance'] == 'required')
        pref = set(s['skill'] for s in a['skills'] if s['importance'] == 'preferred')
        gold_req = named[i]['minimum']
        gold_pref = named[i]['preferred'] - gold_req
        t['req_tp'] += len(req & gold_req)
        t['req_pred'] += len(req)
        t['req_gold'] += len(gold_req)
        t['pref_tp'] += len(pref & gold_pref)
        t['pref_pred'] += len(pref)
        t['pref_gold'] += len(gold_pref)
        # Skills taken from company, benefits, legal or how-to-apply text: named there and
        # nowhere that describes the job (title, responsibilities, qualifications).
        elsewhere = (named[i]['asked anywhere'] | named[i]['responsibilities'] |
                     set(s[2] for s in title_spans[i]))
        leaked = (req | pref) & (named[i]['boilerplate'] - elsewhere)
        t['leaked'] += len(leaked)
        leaked_examples.update(leaked)
    ratio = lambda a, b: a / b if b else 0.0
    print('\n== 4. Job understanding (seed %d): %d Google postings assembled with varied headings, '
          'company, benefits, legal and apply text (bench/engine/corpora.py)' %
          (args.postings_seed, len(postings)))
    print('required   P %.3f  R %.3f   (%d predicted, %d gold; target P >= 0.90, R >= 0.80)' %
          (ratio(t['req_tp'], t['req_pred']), ratio(t['req_tp'], t['req_gold']), t['req_pred'],
           t['req_gold']))
    print('preferred  P %.3f  R %.3f   (%d predicted, %d gold; target P >= 0.80)' %
          (ratio(t['pref_tp'], t['pref_pred']), ratio(t['pref_tp'], t['pref_gold']),
           t['pref_pred'], t['pref_gold']))
    print('skills taken from company, benefits, legal or apply text: %d (target 0)%s' %
          (t['leaked'], (': ' + ', '.join('%s %d' % kv for kv in leaked_examples.most_common(8)))
           if t['leaked'] else ''))


# ---------------------------------------------------------------- parsing F1

def norm_tokens(s):
    return [t for t in re.findall(r'[a-z0-9]+', s.lower()) if t not in ('of', 'in', 'and', 'the')]


def fuzzy_equal(a, b):
    ta, tb = set(norm_tokens(a)), set(norm_tokens(b))
    if not ta or not tb:
        return False
    inter = len(ta & tb)
    return inter / len(ta | tb) >= 0.5 or ta <= tb or tb <= ta


def prf(pred, gold, equal):
    """Greedy one-to-one matching; returns (tp, n_pred, n_gold)."""
    used = set()
    tp = 0
    for p in pred:
        for i, g in enumerate(gold):
            if i not in used and equal(p, g):
                used.add(i)
                tp += 1
                break
    return tp, len(pred), len(gold)


def f1_line(name, tp, n_pred, n_gold):
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print('%-18s P %.3f  R %.3f  F1 %.3f   (%d predicted, %d gold)' % (name, p, r, f, n_pred,
                                                                         n_gold))
    return f


def split_skill_items(text):
    text = re.sub(r'\([^)]*\)', ' ', text)  # "(Less than 1 year)"
    items = []
    for part in re.split(r'[\n,;•|/]+|\s-\s|:', text):
        part = part.strip(' .*-\t')
        if 1 <= len(part) <= 40 and not re.search(r'skills?$', part, re.I):
            items.append(part)
    return items


def load_section_headings():
    """Resume section headings (data/sections.tsv), lower-case: never skill items."""
    heads = set()
    for line in open(os.path.join(HERE, '..', '..', 'data', 'sections.tsv'), encoding='utf-8'):
        if line.strip() and not line.startswith('#'):
            heads.add(line.split('\t')[0].strip())
    return heads


def split_skill_items_v2(text, headings):
    """Protocol v2 of the annotated skill items (see bench/README-engine.md): as v1, but a
    "Label:" before a colon is a label, not an item ("Programming Languages: C, Java" gives C and
    Java); section headings ("ADDITIONAL INFORMATION", "Technical skills"), URLs and items
    without a letter are not items either; "/" does not split ("PL/SQL", "TCP/IP"), and a
    leading dot stays (".net")."""
    items = []
    text = re.sub(r'\([^)]*\)', ' ', text)  # "(Less than 1 year)", also across a line end
    for line in text.split('\n'):
        if ':' in line:
            label, rest = line.split(':', 1)
            if len(label.split()) <= 4:
                line = rest
        # Not split on "/": "PL/SQL", "TCP/IP", "CI/CD" are one item ("C/C++" is one item that
        # names two skills).
        for part in re.split(r'[,;\u2022|]+|\s-\s|:', line):
            part = part.strip(' *-\t\u2756[]\u2026').rstrip('.')  # keep the dot of ".net"
            key = re.sub(r'[^a-z0-9 ]+', ' ', part.lower()).strip()
            key = re.sub(r'\s+', ' ', key)
            if not (1 <= len(part) <= 40) or re.search(r'skills?$', part, re.I):
                continue
            if key in headings or not re.search(r'[a-z]', key) or 'www.' in part.lower():
                continue
            items.append(part)
    return items


def alnum_index(b):
    """The alphanumeric bytes of `b` (lower-cased) and their offsets in `b`."""
    keep = bytearray()
    where = []
    for i, c in enumerate(b):
        if (48 <= c <= 57) or (65 <= c <= 90) or (97 <= c <= 122):
            keep.append(c | 0x20 if c >= 65 else c)
            where.append(i)
    return bytes(keep), where


def locate_spans(text_bytes, spans):
    """Byte ranges of the annotated spans in the engine's normalised text, found by their
    alphanumeric characters (normalisation changes bullets and spaces, not letters)."""
    hay, where = alnum_index(text_bytes)
    ranges = []
    for span in spans:
        needle, _ = alnum_index(span.encode('utf-8', 'replace'))
        if len(needle) < 2:
            continue
        at = hay.find(needle)
        if at >= 0:
            ranges.append((where[at], where[at + len(needle) - 1] + 1))
    return ranges


def parsing_benchmark(args):
    # The work files go once the figures are out (they used to stay, one directory a run).
    with tempfile.TemporaryDirectory(prefix='parsing-', dir=args.cache) as work:
        return parse_in(args, work)


def parse_in(args, work):
    path = os.path.join(args.data, 'parsing', 'dataturks-resumes.jsonl')
    records = [json.loads(l) for l in open(path, encoding='utf-8')]
    gold = []
    for i, r in enumerate(records):
        with open(os.path.join(work, '%04d.txt' % i), 'w', encoding='utf-8') as f:
            f.write(r['content'])
        fields = collections.defaultdict(list)
        for a in r.get('annotation') or []:
            for label in a['label']:
                for p in a['points']:
                    fields[label].append(p['text'])
        gold.append(fields)
    res = subprocess.run([args.bench, 'parse', work], check=True, capture_output=True, text=True)
    preds = {p['id']: p for p in map(json.loads, res.stdout.splitlines())}

    # Gold skill items -> canonical skills with the engine's own matcher (engine_bench jd), so
    # aliases count ("JS" = JavaScript); an item no taxonomy skill covers stays a miss.
    items_file = os.path.join(work, 'items.txt')
    item_owner = []
    with open(items_file, 'w', encoding='utf-8') as f:
        for i, fields in enumerate(gold):
            for span in fields.get('Skills', []):
                for item in split_skill_items(span):
                    f.write(item.replace('\n', ' ') + '\n')
                    item_owner.append(i)
    res = subprocess.run([args.bench, 'jd', items_file], check=True, capture_output=True,
                         text=True)
    item_skills = [set(s[2] for s in json.loads(l)) for l in res.stdout.splitlines()]
    # Protocol v2 items (labels, headings, URLs and numbers dropped), mapped alike.
    headings = load_section_headings()
    items2_file = os.path.join(work, 'items2.txt')
    item2_owner = []
    with open(items2_file, 'w', encoding='utf-8') as f:
        for i, fields in enumerate(gold):
            for span in fields.get('Skills', []):
                for item in split_skill_items_v2(span, headings):
                    f.write(item.replace('\n', ' ') + '\n')
                    item2_owner.append(i)
    res = subprocess.run([args.bench, 'jd', items2_file], check=True, capture_output=True,
                         text=True)
    item2_skills = [set(s[2] for s in json.loads(l)) for l in res.stdout.splitlines()]

    print('\n== 2a. Resume parsing F1 on DataTurks (%d resumes)' % len(records))
    totals = collections.defaultdict(lambda: [0, 0, 0])
    for i, fields in enumerate(gold):
        p = preds['%04d' % i]
        # skills: every predicted skill against the gold items of this resume
        pred_skills = set(p['skills'])
        my_items = [item_skills[k] for k, owner in enumerate(item_owner) if owner == i]
        if my_items:  # resumes without annotated skills say nothing about skill precision
            gold_canon = set().union(*my_items)
            matched_items = sum(1 for s in my_items if s & pred_skills)
            t = totals['skills']
            t[0] += len(pred_skills & gold_canon)
            t[1] += len(pred_skills)
            t[2] += len(gold_canon) + sum(1 for s in my_items if not s)
            ti = totals['skills (items)']
            ti[0] += matched_items
            ti[2] += len(my_items)
        # Protocol v2, "annotated section": the annotators labelled only the skills section, so
        # only the skills the engine finds inside the annotated Skills spans are judged (a skill
        # it finds in the experience text can be neither confirmed nor refuted); gold items as
        # v2, each item no taxonomy skill covers still a miss.
        my_items2 = [item2_skills[k] for k, owner in enumerate(item2_owner) if owner == i]
        if my_items2:
            text_bytes = p['text'].encode('utf-8')
            ranges = locate_spans(text_bytes, fields.get('Skills', []))
            in_region = set(name for b, e, name in p['skill_spans']
                            if any(b < re_ and e > rb for rb, re_ in ranges))
            gold2 = set().union(*my_items2)
            t = totals['skills (section)']
            t[0] += len(in_region & gold2)
            t[1] += len(in_region)
            t[2] += len(gold2) + sum(1 for s in my_items2 if not s)
            ti = totals['skills (items v2)']
            ti[0] += sum(1 for s in my_items2 if s & set(p['skills']))
            ti[2] += len(my_items2)
        for field, pred_list, gold_label in (
                ('designation', [p['headline']] * bool(p['headline']) + p['titles'], 'Designation'),
                ('companies', p['employers'], 'Companies worked at'),
                ('degree', p['degrees'], 'Degree'),
                ('college', p['colleges'], 'College Name'),
                ('graduation_year', [str(y) for y in p['years']], 'Graduation Year')):
            g = [x.strip() for x in fields.get(gold_label, []) if x.strip()]
            if field == 'graduation_year':
                g = [m for x in g for m in re.findall(r'(?:19|20)\d\d', x)]
                eq = lambda a, b: a == b
            else:
                eq = fuzzy_equal
            tp, n_p, n_g = prf(list(dict.fromkeys(pred_list)), list(dict.fromkeys(g)), eq)
            t = totals[field]
            t[0] += tp
            t[1] += n_p
            t[2] += n_g
        # The candidate's location: the annotators marked every place (job sites too), the engine
        # reads one, so it is right when it names one of them (either contains the other).
        places = [x.strip().lower() for x in fields.get('Location', []) if x.strip()]
        if places:
            mine = p.get('location', '').strip().lower()
            t = totals['location']
            t[0] += bool(mine) and any(x in mine or mine in x for x in places)
            t[1] += bool(mine)
            t[2] += 1
    results = {}
    for field in ('skills', 'designation', 'companies', 'degree', 'college', 'graduation_year'):
        results[field] = f1_line(field, *totals[field])
    t = totals['location']
    print('%-18s the candidate\'s, right in %d of %d resumes with an annotated place (%d read)' %
          ('location', t[0], t[2], t[1]))
    ti = totals['skills (items)']
    print('%-18s recall of annotated skill items: %.3f (%d of %d)' %
          ('skills (items)', ti[0] / max(1, ti[2]), ti[0], ti[2]))
    print('-- protocol v2 (bench/README-engine.md): labels/headings are not items; only skills '
          'found inside the annotated Skills spans are judged')
    results['skills_section'] = f1_line('skills (section)', *totals['skills (section)'])
    ti = totals['skills (items v2)']
    print('%-18s recall of annotated skill items: %.3f (%d of %d)' %
          ('skills (items v2)', ti[0] / max(1, ti[2]), ti[0], ti[2]))
    return results


def jd_benchmark(args):
    with tempfile.TemporaryDirectory(prefix='jd-', dir=args.cache) as work:
        return jd_in(args, work)


def jd_in(args, work):
    path = os.path.join(args.data, 'jd-skills', 'testset.conll')
    sentences, tags = [], []
    toks, tg = [], []
    for line in open(path, encoding='utf-8'):
        parts = line.split()
        if not parts:
            if toks:
                sentences.append(toks)
                tags.append(tg)
            toks, tg = [], []
            continue
        toks.append(parts[0])
        tg.append(parts[1] if len(parts) > 1 else 'O')
    if toks:
        sentences.append(toks)
        tags.append(tg)
    fname = os.path.join(work, 'sentences.txt')
    offsets = []
    with open(fname, 'w', encoding='utf-8') as f:
        for toks in sentences:
            pos, offs = 0, []
            for t in toks:
                offs.append((pos, pos + len(t)))
                pos += len(t) + 1
            offsets.append(offs)
            f.write(' '.join(toks) + '\n')
    res = subprocess.run([args.bench, 'jd', fname], check=True, capture_output=True, text=True)
    tp = fp = fn = 0
    span_tp = span_pred = span_gold = 0
    for offs, tg, line in zip(offsets, tags, res.stdout.splitlines()):
        spans = json.loads(line)
        pred = [any(b < e2 and e > b2 for b2, e2, _ in spans) for b, e in offs]
        gold = [t.endswith('Skill') for t in tg]
        for p, g in zip(pred, gold):
            tp += p and g
            fp += p and not g
            fn += g and not p
        # span level: a gold skill phrase counts as found when a predicted span overlaps it
        gold_spans, cur = [], None
        for k, t in enumerate(tg):
            if t == 'B-Skill' or (t == 'I-Skill' and cur is None):
                cur = [offs[k][0], offs[k][1]]
                gold_spans.append(cur)
            elif t == 'I-Skill':
                cur[1] = offs[k][1]
            else:
                cur = None
        span_gold += len(gold_spans)
        span_pred += len(spans)
        span_tp += sum(1 for b, e in gold_spans if any(b < e2 and e > b2 for b2, e2, _ in spans))
    print('\n== 2b. Job-description skills on jd-skills/testset.conll (%d sentences)' %
          len(sentences))
    f_tok = f1_line('tokens', tp, tp + fp, tp + fn)
    print('%-18s %d gold skill phrases, %d found (recall %.3f), %d predicted spans' %
          ('phrases', span_gold, span_tp, span_tp / max(1, span_gold), span_pred))
    return f_tok


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--build', default='build', help='CMake build directory')
    ap.add_argument('--data', default=os.path.join(HERE, '..', '..', '..', 'shared', 'data'))
    ap.add_argument('--cache', default='/tmp/shortlist-bench-cache')
    ap.add_argument('--skip-ranking', action='store_true')
    ap.add_argument('--only', choices=['ranking', 'jobs'], help='run one benchmark only')
    ap.add_argument('--postings-seed', type=int, default=25,
                    help='which postings the job-understanding benchmark samples (another seed\n                    gives postings not read while developing)')
    args = ap.parse_args()
    args.data = os.path.abspath(args.data)
    os.makedirs(args.cache, exist_ok=True)
    args.bench = None
    for cand in ('bench/engine/engine_bench', 'bench_engine/engine_bench', 'engine_bench'):
        p = os.path.join(args.build, cand)
        if os.path.exists(p):
            args.bench = p
    if not args.bench:
        sys.exit('engine_bench not found under %s; build the engine_bench target' % args.build)
    print('machine: %s, load average %s' % (os.uname().machine,
                                             ' '.join('%.1f' % x for x in os.getloadavg())))
    throughput = {}
    if args.only == 'jobs':
        job_understanding_benchmark(args)
        return
    if not args.skip_ranking:
        text_dir = convert_pdfs(os.path.join(args.data, 'resume-categories'), args.cache)
        throughput = ranking_benchmark(args, text_dir)
    if args.only == 'ranking':
        return
    parsing_benchmark(args)
    jd_benchmark(args)
    job_understanding_benchmark(args)
    if throughput:
        print('\n== 3. Throughput, one core (resumes per CPU-second of the thread; median of 5 '
              'passes, same run)')
        print('engine  AnalyzeResume + Evaluate : %8.0f /s   (target 3000; %.0f /s by the wall clock)'
              % (throughput['engine'], throughput.get('engine_wall', 0)))
        print('BM25    index corpus + score job : %8.0f /s' % throughput['bm25'])
        print('TF-IDF  sklearn fit + score job  : %8.0f /s' % throughput['tfidf'])


if __name__ == '__main__':
    main()
