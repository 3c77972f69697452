#!/usr/bin/env python3
"""Outcome-learning benchmark: converts the public category resumes to text once (pdftotext
-layout, shared with bench/engine's cache) and runs build/bench/outcomes/outcomes_bench on them.

    python3 bench/outcomes/run.py [--data ../shared/data] [--cache /tmp/shortlist-bench-cache]
"""
import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, 'bench', 'engine'))
from run_benchmarks import convert_pdfs  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', default=os.path.join(ROOT, '..', 'shared', 'data'))
    ap.add_argument('--cache', default='/tmp/shortlist-bench-cache')
    ap.add_argument('--binary', default=os.path.join(ROOT, 'build', 'bench', 'outcomes',
                                                     'outcomes_bench'))
    args = ap.parse_args()
    os.makedirs(args.cache, exist_ok=True)
    text_dir = convert_pdfs(os.path.join(args.data, 'resume-categories'), args.cache)
    return subprocess.run([args.binary, text_dir]).returncode


if __name__ == '__main__':
    sys.exit(main())
