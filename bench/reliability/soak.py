#!/usr/bin/env python3
"""Reliability soak (issue #23): a mixed load for minutes, then (optionally) hostile input beside it.

Starts `shortlist serve` (2 workers, 2 I/O threads, SQLite in a temp dir) and an enterprise token
(no rate limit), then runs CLIENTS threads, each on one keep-alive connection, for SECONDS:
  20 % POST /api/v1/jobs with 20 text resumes (the DataTurks resumes, cycled)
  30 % GET  /api/v1/jobs/{id}          (a job this client submitted)
  25 % GET  /api/v1/jobs/{id}/results  (425 while it is screened counts as an answer)
  25 % GET  /api/v1/jobs?limit=20
while the workers screen what is submitted. The baseline, measured in the same run, is GET
/healthz from one more client on its own connection: the floor of what the server answers.

Printed: requests and errors (a 5xx, a dropped connection, an unexpected status) per route,
p50/p99 per route, and the server's RSS at start, middle and end (VmRSS) and its peak (VmHWM).
Targets (2-core machine): 0 errors, RSS at the end within 10 % of the middle, p99 of GETs <= 25 ms
and of submits <= 100 ms.

--pathological adds, for the middle third of the soak: 4 clients posting a PDF whose one page
stream inflates to ~1 GiB of text to /v1/evaluate, and 4 posting the largest job the caps allow
(5 resumes of 10 MiB = 50 MiB). Then it waits 30 s idle and prints RSS again. Targets: peak RSS
<= 1 GB, back under 200 MB after 30 s idle, no request of the soak's routes over 1 s.

Usage: /usr/bin/python3 bench/reliability/soak.py --build build --data ../shared/data \
           [--seconds 300] [--clients 8] [--pathological]
"""
import argparse
import http.client
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zlib


def load_resumes(data_dir):
    texts = []
    with open(os.path.join(data_dir, 'parsing', 'dataturks-resumes.jsonl')) as f:
        for line in f:
            row = json.loads(line)
            text = row.get('content') or row.get('text') or ''
            if len(text) >= 200:
                texts.append(text)
    if not texts:
        sys.exit('no resumes found in parsing/dataturks-resumes.jsonl')
    return texts


JOB_DESCRIPTION = ('We are hiring a backend engineer with 5+ years of Python, Django and '
                   'PostgreSQL experience. Docker and AWS are a plus; a degree in computer '
                   'science is preferred.')


def inflating_pdf(path, inflated_bytes=1 << 30):
    """A one-page PDF whose content stream inflates to `inflated_bytes` of `(x) Tj`."""
    if os.path.exists(path):
        return open(path, 'rb').read()
    comp = zlib.compressobj(9)
    chunk = b'(x) Tj ' * (1 << 17)
    parts = [comp.compress(b'BT /F1 12 Tf 72 720 Td ')]
    for _ in range(inflated_bytes // len(chunk)):
        parts.append(comp.compress(chunk))
    parts.append(comp.compress(b' ET'))
    parts.append(comp.flush())
    stream = b''.join(parts)
    objs = [
        b'<< /Type /Catalog /Pages 2 0 R >>',
        b'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R '
        b'/Resources << /Font << /F1 5 0 R >> >> >>',
        b'<< /Length %d /Filter /FlateDecode >>\nstream\n' % len(stream) + stream +
        b'\nendstream',
        b'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ]
    out = bytearray(b'%PDF-1.4\n')
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b'%d 0 obj\n' % i + body + b'\nendobj\n'
    xref = len(out)
    out += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1)
    for off in offsets:
        out += b'%010d 00000 n \n' % off
    out += b'trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objs) + 1, xref)
    with open(path, 'wb') as f:
        f.write(out)
    return bytes(out)


class Server:
    def __init__(self, binary, extra):
        self.dir = tempfile.mkdtemp(prefix='soak-')
        self.proc = subprocess.Popen(
            [binary, 'serve', '--port', '0', '--data-dir', self.dir, '--log-level', 'warn'] + extra,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        for line in self.proc.stdout:
            m = re.search(r'listening on http://([\d.]+):(\d+)', line)
            if m:
                self.host, self.port = m.group(1), int(m.group(2))
                break
        else:
            sys.exit('the server did not start')
        out = subprocess.run([binary, 'token', 'create', '--account', 'soak', '--plan',
                              'enterprise', '--data-dir', self.dir],
                             capture_output=True, text=True, check=True)
        self.token = out.stdout.strip()

    def rss_mb(self, field='VmRSS'):
        with open('/proc/%d/status' % self.proc.pid) as f:
            for line in f:
                if line.startswith(field + ':'):
                    return int(line.split()[1]) / 1024.0
        return 0.0

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.dir, ignore_errors=True)


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latency = {}  # route -> [ms]
        self.errors = {}   # route -> count
        self.slow = {}     # route -> answers over 1 s

    def add(self, route, ms, ok):
        with self.lock:
            self.latency.setdefault(route, []).append(ms)
            if not ok:
                self.errors[route] = self.errors.get(route, 0) + 1
            if ms > 1000:
                self.slow[route] = self.slow.get(route, 0) + 1


class Client:
    def __init__(self, server, timeout=120):
        self.server = server
        self.timeout = timeout
        self.conn = None

    def request(self, method, path, body=None):
        """(status, body); status 0 when the connection failed."""
        for attempt in range(2):  # a keep-alive connection the server closed is reopened once
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.server.host, self.server.port,
                                                       timeout=self.timeout)
            try:
                headers = {'Authorization': 'Bearer ' + self.server.token}
                data = None
                if body is not None:
                    data = body if isinstance(body, bytes) else json.dumps(body).encode()
                    headers['Content-Type'] = 'application/json'
                self.conn.request(method, path, body=data, headers=headers)
                resp = self.conn.getresponse()
                return resp.status, resp.read()
            except (OSError, http.client.HTTPException):
                self.conn.close()
                self.conn = None
                if attempt == 1:
                    return 0, b''
        return 0, b''


def timed(stats, route, client, method, path, body=None, expected=(200,)):
    start = time.monotonic()
    status, answer = client.request(method, path, body)
    ms = (time.monotonic() - start) * 1000
    stats.add(route, ms, status in expected)
    return status, answer


def mix_client(server, resumes, stats, deadline, seed):
    rng = random.Random(seed)
    client = Client(server)
    jobs = []
    while time.monotonic() < deadline:
        op = rng.random()
        if op < 0.2 or not jobs:
            batch = [{'filename': 'r%d.txt' % i, 'content': rng.choice(resumes)} for i in range(20)]
            status, answer = timed(stats, 'POST /api/v1/jobs', client, 'POST', '/api/v1/jobs',
                                   {'title': 'Backend Engineer', 'description': JOB_DESCRIPTION,
                                    'resumes': batch}, expected=(202,))
            if status == 202:
                jobs.append(json.loads(answer)['job_id'])
                jobs = jobs[-20:]
        elif op < 0.5:
            timed(stats, 'GET /api/v1/jobs/{id}', client, 'GET',
                  '/api/v1/jobs/%d' % rng.choice(jobs))
        elif op < 0.75:
            timed(stats, 'GET /api/v1/jobs/{id}/results', client, 'GET',
                  '/api/v1/jobs/%d/results' % rng.choice(jobs), expected=(200, 425))
        else:
            timed(stats, 'GET /api/v1/jobs', client, 'GET', '/api/v1/jobs?limit=20')


def health_client(server, stats, deadline):
    client = Client(server)
    while time.monotonic() < deadline:
        timed(stats, 'GET /healthz (baseline)', client, 'GET', '/healthz')
        time.sleep(0.01)


def hostile_client(server, stats, kind, payload, until):
    client = Client(server, timeout=300)
    while time.monotonic() < until:
        if kind == 'pdf':
            timed(stats, 'hostile: inflating PDF', client, 'POST', '/v1/evaluate', payload,
                  expected=(200, 422, 503))
        else:
            timed(stats, 'hostile: 50 MiB job', client, 'POST', '/api/v1/jobs', payload,
                  expected=(202, 503))


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100.0 * len(values)))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--build', default='build')
    ap.add_argument('--data', default='../shared/data')
    ap.add_argument('--seconds', type=int, default=300)
    ap.add_argument('--clients', type=int, default=8)
    ap.add_argument('--pathological', action='store_true')
    args = ap.parse_args()
    binary = os.environ.get('SHORTLIST_BIN', os.path.join(args.build, 'shortlist'))
    resumes = load_resumes(args.data)
    hostile = []
    if args.pathological:
        import base64
        pdf = inflating_pdf(os.path.join(tempfile.gettempdir(), 'shortlist-inflating.pdf'))
        hostile.append(('pdf', json.dumps({'job_description': JOB_DESCRIPTION, 'resumes': [
            {'id': 'bomb', 'filename': 'bomb.pdf', 'base64': base64.b64encode(pdf).decode()}]})
            .encode()))
        big = {'title': 'Big', 'description': JOB_DESCRIPTION, 'resumes': [
            {'filename': 'big%d.txt' % i, 'content': ('Python developer. ' * 600000)[:10 << 20]}
            for i in range(5)]}
        hostile.append(('big', json.dumps(big).encode()))

    server = Server(binary, ['--workers', '2', '--io-threads', '2'])
    stats = Stats()
    try:
        start = time.monotonic()
        deadline = start + args.seconds
        rss = {'start': server.rss_mb()}
        threads = [threading.Thread(target=mix_client,
                                    args=(server, resumes, stats, deadline, 1000 + i))
                   for i in range(args.clients)]
        threads.append(threading.Thread(target=health_client, args=(server, stats, deadline)))
        for kind, payload in hostile:
            begin, end = start + args.seconds / 3, start + 2 * args.seconds / 3
            for _ in range(4):
                threads.append(threading.Thread(
                    target=lambda k=kind, p=payload, b=begin, e=end: (
                        time.sleep(max(0, b - time.monotonic())),
                        hostile_client(server, stats, k, p, e))))
        for t in threads:
            t.start()
        time.sleep(args.seconds / 2)
        rss['middle'] = server.rss_mb()
        for t in threads:
            t.join()
        rss['end'] = server.rss_mb()
        rss['peak'] = server.rss_mb('VmHWM')
        if args.pathological:
            time.sleep(30)
            rss['after 30 s idle'] = server.rss_mb()
    finally:
        server.stop()

    total = sum(len(v) for v in stats.latency.values())
    errors = sum(stats.errors.values())
    print('soak: %d s, %d clients%s: %d requests, %d errors' % (
        args.seconds, args.clients, ' + hostile input' if args.pathological else '', total, errors))
    print('%-34s %8s %7s %9s %9s %7s' % ('route', 'requests', 'errors', 'p50 ms', 'p99 ms', '>1 s'))
    for route in sorted(stats.latency):
        v = stats.latency[route]
        print('%-34s %8d %7d %9.1f %9.1f %7d' % (route, len(v), stats.errors.get(route, 0),
                                                 statistics.median(v), percentile(v, 99),
                                                 stats.slow.get(route, 0)))
    print('RSS MB: ' + ', '.join('%s %.0f' % (k, v) for k, v in rss.items()))
    if rss.get('middle'):
        print('RSS end/middle: %.2f' % (rss['end'] / rss['middle']))


if __name__ == '__main__':
    main()
