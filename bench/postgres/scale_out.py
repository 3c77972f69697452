#!/usr/bin/env python3
"""Scale-out benchmark (issue #7): job throughput with 1 vs 2 worker processes on PostgreSQL.

Each round starts from a fresh PostgreSQL schema and accepts 1,000 resumes as JOBS jobs (10 of 100
by default: the Jobs API takes at most 100 resumes a job, and one job is screened by one worker,
so processes share the work job by job) on an API-only process (--workers 0), which then stops.
N server processes with one worker thread each are launched together on the same database; the
clock runs from the first one's "listening" line (its workers start just before it; start-up is
not counted) until every job is completed. Resumes are the 147 real resumes of
../shared/data/parsing/dataturks-resumes.jsonl, cycled. The figure is resumes per second with 2
processes; the baseline is 1 process, measured in the same run. Medians of ROUNDS.

Usage (a throwaway PostgreSQL is started by scripts/with-postgres):
  ./scripts/with-postgres /usr/bin/python3 bench/postgres/scale_out.py \
      --build build --data ../shared/data [--jobs 10] [--rounds 5]
"""
import argparse
import concurrent.futures
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
import urllib.request

RESUMES_PER_JOB = 100


def fresh_schema(server_url):
    name = 'bench_%d' % random.randrange(10**9)
    subprocess.run(['psql', server_url, '-qc', 'CREATE SCHEMA %s' % name], check=True)
    return server_url + '?options=-csearch_path%3D' + name


LAUNCHED = []  # every server started, so a failed round leaves none running (see main)


def launch_server(binary, database, workers):
    proc = subprocess.Popen([binary, 'serve', '--port', '0', '--database', database,
                             '--workers', str(workers), '--log-level', 'warn'],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    LAUNCHED.append(proc)
    return proc


def listening_url(proc):
    for line in proc.stdout:
        m = re.search(r'listening on (\S+)', line)
        if m:
            return m.group(1), time.monotonic()
    raise RuntimeError('server did not start')


def call(url, token, method='GET', body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers={
        'Authorization': 'Bearer ' + token, 'Content-Type': 'application/json'})
    with urllib.request.urlopen(req, timeout=120) as r:
        return json.loads(r.read())


def round_seconds(binary, server_url, processes, jobs, texts, description):
    database = fresh_schema(server_url)
    token = subprocess.run([binary, 'token', 'create', '--account', 'bench', '--plan',
                            'enterprise', '--database', database],
                           check=True, capture_output=True, text=True).stdout.strip()
    # The queue is filled first on an API-only process (accepting 100 resumes takes ~40 ms, so
    # jobs arriving through the API would bound the figure, not the workers).
    api = launch_server(binary, database, 0)
    url = listening_url(api)[0]
    ids = set()
    for j in range(jobs):
        resumes = [{'filename': 'r%d.txt' % i, 'content': texts[(i + j) % len(texts)]}
                   for i in range(RESUMES_PER_JOB)]
        ids.add(call(url + '/api/v1/jobs', token, 'POST',
                     {'title': 'Software Engineer', 'description': description,
                      'resumes': resumes})['job_id'])
    api.terminate()
    api.wait()
    # N processes launched together; a server starts its workers just before it says it is
    # listening, so the clock starts at the first one's line: start-up (loading the engine's
    # data) is not screening, and no worker screens before the clock runs.
    servers = [launch_server(binary, database, 1) for _ in range(processes)]
    with concurrent.futures.ThreadPoolExecutor(processes) as pool:
        up = list(pool.map(listening_url, servers))
    started = min(at for _, at in up)
    url = up[0][0]
    pending = set(ids)
    while pending:
        for job_id in list(pending):
            if call('%s/api/v1/jobs/%s' % (url, job_id), token)['status'] == 'completed':
                pending.discard(job_id)
        time.sleep(0.01)
    elapsed = time.monotonic() - started
    for proc in servers:
        proc.terminate()
        proc.wait()
    return elapsed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--build', default='build')
    ap.add_argument('--data', default='../shared/data')
    ap.add_argument('--jobs', type=int, default=10)
    ap.add_argument('--rounds', type=int, default=5)
    args = ap.parse_args()
    server_url = os.environ.get('SHORTLIST_TEST_POSTGRES_URL')
    if not server_url:
        sys.exit('run under ./scripts/with-postgres (see the usage at the top of this file)')
    binary = os.path.join(args.build, 'shortlist')
    with open(os.path.join(args.data, 'parsing', 'dataturks-resumes.jsonl')) as f:
        texts = [json.loads(line)['content'] for line in f if line.strip()]
    description = ('We are hiring a software engineer with 3+ years of Java or Python, SQL, '
                   'cloud services (AWS or Azure), REST APIs and a degree in computer science.')
    total = args.jobs * RESUMES_PER_JOB
    rates = {}
    for processes in (1, 2):
        times = [round_seconds(binary, server_url, processes, args.jobs, texts, description)
                 for _ in range(args.rounds)]
        rates[processes] = total / statistics.median(times)
        print('%d worker process(es): %d resumes in %s s -> median %.0f resumes/s' %
              (processes, total, ', '.join('%.2f' % t for t in times), rates[processes]))
    print('scale-out: 2 processes %.0f resumes/s vs baseline 1 process %.0f resumes/s '
          '(ratio %.2f; %d cores on this machine)' %
          (rates[2], rates[1], rates[2] / rates[1], os.cpu_count()))


if __name__ == '__main__':
    try:
        main()
    finally:
        for proc in LAUNCHED:
            if proc.poll() is None:
                proc.kill()
