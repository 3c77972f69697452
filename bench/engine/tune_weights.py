#!/usr/bin/python3
"""Chooses the score's feature weights on one half of the ranking categories and reports them on
the other half, both ways round (develop on A, report on B; then develop on B, report on A).

    engine_bench features <resume_text_dir> bench/engine/jobs written.tsv
    engine_bench features <resume_text_dir> <onet_jobs_dir> onet.tsv
    python3 bench/engine/tune_weights.py written.tsv onet.tsv [--samples 3000]

Each file holds, for every job and resume, the value (0-1) of each positive feature and the
penalty points (engine_bench features). A weight vector (multiples of 5 points summing to 100)
ranks the resumes by sum(weight x value) + penalty; its figure is the mean NDCG@10 over the
categories of a half, in both sets of jobs. Random search (seeded), then the best of each half
is reported on the other half. A weight vector is kept only when it holds on the half it was
not chosen on.
"""
import argparse
import collections
import math
import random

import numpy as np


def load(path):
    rows = collections.defaultdict(list)
    names = None
    for line in open(path):
        cat, rid, rest = line.rstrip('\n').split('\t')
        kv = dict(p.split('=') for p in rest.split())
        if names is None:
            names = [k for k in kv if k != 'penalty']
        rows[cat].append((rid, [float(kv[n]) for n in names], float(kv['penalty'])))
    data = {}
    for cat, items in rows.items():
        ids = [r[0] for r in items]
        rel = np.array([i.split('/')[0] == cat for i in ids])
        values = np.array([r[1] for r in items])
        penalty = np.array([r[2] for r in items])
        data[cat] = (rel, values, penalty)
    return names, data


def ndcg10(scores, rel):
    top = np.argsort(-scores, kind='stable')[:10]
    dcg = sum(1 / math.log2(i + 2) for i, t in enumerate(top) if rel[t])
    idcg = sum(1 / math.log2(i + 2) for i in range(min(10, int(rel.sum()))))
    return dcg / idcg if idcg else 0.0


def mean_ndcg(data, cats, w):
    return sum(ndcg10(v @ w + p, rel) for rel, v, p in (data[c] for c in cats)) / len(cats)


def samples(n, floors, rng):
    """n weight vectors: each feature at least its floor, multiples of 5 points summing to 100."""
    k = len(floors)
    free = (100 - sum(floors)) // 5
    for _ in range(n):
        cuts = sorted(rng.randint(0, free) for _ in range(k - 1))
        parts = [b - a for a, b in zip([0] + cuts, cuts + [free])]
        yield np.array([f + 5.0 * x for f, x in zip(floors, parts)])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('written')
    ap.add_argument('onet')
    ap.add_argument('--samples', type=int, default=3000)
    ap.add_argument('--current', help='comma-separated weights to report as well')
    ap.add_argument('--floors', default='',
                    help='least weight of some features, e.g. required_skills=15,title_fit=10: '
                         'what a recruiter expects to count whatever the benchmark says')
    ap.add_argument('--tfidf-full-at', type=float, default=0,
                    help='rescale the lexical_tfidf column (dumped raw) to min(1, v / x)')
    args = ap.parse_args()
    names, written = load(args.written)
    _, onet = load(args.onet)
    if args.tfidf_full_at > 0 and 'lexical_tfidf' in names:
        col = names.index('lexical_tfidf')
        for data in (written, onet):
            for rel, v, p in data.values():
                v[:, col] = np.minimum(1.0, v[:, col] / args.tfidf_full_at)
    floor_of = dict(kv.split('=') for kv in args.floors.split(',') if kv)
    floors = [float(floor_of.get(n, 0)) for n in names]
    cats = sorted(written)
    halves = {'A': cats[0::2], 'B': cats[1::2]}
    print('features: ' + ', '.join(names))

    def figure(w, half):
        return (mean_ndcg(written, halves[half], w) + mean_ndcg(onet, halves[half], w)) / 2

    def report(label, w):
        cells = ['%s %s' % (label, '/'.join('%g' % x for x in w))]
        for half in 'AB':
            cells.append('%s: written %.3f onet %.3f' % (half, mean_ndcg(written, halves[half], w),
                                                      mean_ndcg(onet, halves[half], w)))
        print('  '.join(cells))

    if args.current:
        report('current', np.array([float(x) for x in args.current.split(',')]))
    rng = random.Random(25)
    candidates = list(samples(args.samples, floors, rng))
    for dev, held in (('A', 'B'), ('B', 'A')):
        best = max(candidates, key=lambda w: figure(w, dev))
        print('chosen on %s (%.3f), on %s: %.3f' % (dev, figure(best, dev), held,
                                                    figure(best, held)))
        report('  best', best)


if __name__ == '__main__':
    main()
