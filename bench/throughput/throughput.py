#!/usr/bin/env python3
"""Throughput of the queued paths (issue #26), over loopback HTTP against the real server.

Starts `shortlist serve --port 0` on a fresh SQLite data directory and a loopback file server (a
separate process) that serves the public category resumes of ../shared/data/resume-categories as
text (converted once with pdftotext, cached). Prints, each figure beside its baseline measured in
the same run:
  - resumes/s from POST to `completed` for a 100-resume Jobs API job (`content` resumes), median
    of ROUNDS, beside the engine-only rate: the same 100 texts through /v1/evaluate, which screens
    them in the request (the engine's work plus one transaction, no queue);
  - seconds from POST to `completed` for /v1/bulk-screen with URLS text URLs, and the same with a
    DELAY ms pause before each answer of the file server (a slow remote host);
  - the server's peak RSS during each (VmHWM, reset before each phase; the sandboxed extract
    processes are sampled separately).
"completed" is seen by polling the job's status every POLL_MS (5 by default), so a figure is
late by at most that much.

Usage:
  python3 bench/throughput/throughput.py --build build --data ../shared/data \\
      [--rounds 7] [--urls 1000] [--delay-ms 50] [--bulk-rounds 1] [--server-log FILE]
"""
import argparse
import concurrent.futures
import http.client
import http.server
import json
import multiprocessing
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

DESCRIPTION = (
    'We are hiring an IT project manager to run software and infrastructure projects. '
    'Requirements: 5+ years managing IT projects, budgets and vendors; SQL, Microsoft Office and '
    'SharePoint; Agile and Scrum; stakeholder communication and reporting. A degree in computer '
    'science or business. Nice to have: PMP certification, AWS, ITIL.')


def resume_texts(data, cache, needed):
    """(name, text) of the category PDFs as text, converted once into `cache` with pdftotext."""
    root = os.path.join(data, 'resume-categories')
    pdfs = sorted(os.path.join(c, f) for c in os.listdir(root)
                  for f in os.listdir(os.path.join(root, c)) if f.endswith('.pdf'))
    os.makedirs(cache, exist_ok=True)

    def convert(rel):
        out = os.path.join(cache, rel.replace('/', '_')[:-4] + '.txt')
        if not os.path.exists(out):
            subprocess.run(['pdftotext', '-q', '-layout', os.path.join(root, rel), out + '.part'],
                           check=False)
            if os.path.exists(out + '.part'):
                os.replace(out + '.part', out)
        return out

    texts = []
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        for start in range(0, len(pdfs), 64):  # in order, only as many as needed
            for p in pool.map(convert, pdfs[start:start + 64]):
                if os.path.exists(p):
                    with open(p, encoding='utf-8', errors='replace') as f:
                        text = f.read()
                    if len(text.strip()) >= 200:  # the Jobs API wants 50+; skip scans
                        texts.append((os.path.basename(p), text))
            if len(texts) >= needed:
                break
    if len(texts) < needed:
        sys.exit('only %d resumes with text, %d needed' % (len(texts), needed))
    return texts


def file_server(texts, ready):
    """Serves /fast/NAME at once and /slow/MS/NAME after MS milliseconds (HTTP/1.1, keep-alive)."""
    files = {name: text.encode() for name, text in texts}

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = 'HTTP/1.1'

        def do_GET(self):
            parts = self.path.split('/')
            if len(parts) == 4 and parts[1] == 'slow':
                time.sleep(int(parts[2]) / 1000.0)
            body = files.get(parts[-1])
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header('Content-Type', 'text/plain; charset=utf-8')
            self.send_header('Content-Length', str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    class Server(http.server.ThreadingHTTPServer):
        # listen()'s backlog, set before the constructor listens: the default of 5 drops the
        # SYNs of a burst of connections, and each dropped one costs its client a 1 s retry.
        request_queue_size = 1024
        daemon_threads = True

    server = Server(('127.0.0.1', 0), Handler)
    ready.put(server.server_address[1])
    server.serve_forever()


class Server:
    """`shortlist serve` on a fresh data directory, with an enterprise token."""

    def __init__(self, binary, workers, log_path):
        self.dir = tempfile.mkdtemp(prefix='tput-bench-')
        self.token = subprocess.run(
            [binary, 'token', 'create', '--account', 'bench', '--plan', 'enterprise',
             '--data-dir', self.dir], check=True, capture_output=True, text=True).stdout.strip()
        self.proc = subprocess.Popen(
            [binary, 'serve', '--port', '0', '--data-dir', self.dir, '--workers', str(workers),
             '--url-allow-list', '127.0.0.1/32', '--log-level', 'debug' if log_path else 'warn'],
            stdout=subprocess.PIPE, stderr=open(log_path, 'w') if log_path else subprocess.DEVNULL,
            text=True)
        for line in self.proc.stdout:
            m = re.search(r'listening on http://([^:/]+):(\d+)', line)
            if m:
                self.host, self.port = m.group(1), int(m.group(2))
                break
        else:
            raise RuntimeError('server did not start')
        threading.Thread(target=self.proc.stdout.read, daemon=True).start()  # drain
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=300)

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        self.conn.request(method, path, body=data, headers={
            'Authorization': 'Bearer ' + self.token, 'Content-Type': 'application/json'})
        r = self.conn.getresponse()
        payload = r.read()
        if r.status >= 300:
            raise RuntimeError('%s %s: %d %s' % (method, path, r.status, payload[:300]))
        return json.loads(payload)

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)
        shutil.rmtree(self.dir, ignore_errors=True)


def rss_kb(pid, field):
    try:
        with open('/proc/%d/status' % pid) as f:
            for line in f:
                if line.startswith(field + ':'):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid):
    """The processes `pid` started, from any of its threads (the extract processes are started
    by a spawner thread)."""
    out = []
    try:
        for task in os.listdir('/proc/%d/task' % pid):
            with open('/proc/%d/task/%s/children' % (pid, task)) as f:
                out += [int(c) for c in f.read().split()]
    except OSError:
        pass
    return out


class Peak:
    """The server's VmHWM since reset(); its children's summed RSS, sampled at each poll."""

    def __init__(self, pid):
        self.pid = pid
        self.children_kb = 0

    def reset(self):
        with open('/proc/%d/clear_refs' % self.pid, 'w') as f:
            f.write('5')  # resets the peak RSS (Linux 4.0+)
        self.children_kb = 0

    def sample(self):
        self.children_kb = max(self.children_kb,
                               sum(rss_kb(c, 'VmRSS') for c in children(self.pid)))

    def mb(self):
        return rss_kb(self.pid, 'VmHWM') / 1024.0, self.children_kb / 1024.0


def wait_final(server, path, done, poll_s, peak):
    while True:
        status = server.call('GET', path)
        peak.sample()
        if status['status'] in done:
            return status
        if status['status'] in ('failed', 'cancelled'):
            raise RuntimeError('job ended %s' % status['status'])
        time.sleep(poll_s)


def jobs_api_seconds(server, texts, poll_s, peak):
    resumes = [{'filename': name, 'content': text} for name, text in texts]
    started = time.monotonic()
    job = server.call('POST', '/api/v1/jobs', {'title': 'IT Project Manager',
                                               'description': DESCRIPTION, 'resumes': resumes})
    accepted = time.monotonic() - started
    wait_final(server, '/api/v1/jobs/%d' % job['job_id'], ('completed',), poll_s, peak)
    return time.monotonic() - started, accepted


def evaluate_seconds(server, texts):
    resumes = [{'id': name, 'text': text} for name, text in texts]
    started = time.monotonic()
    server.call('POST', '/v1/evaluate', {'job_description': DESCRIPTION, 'resumes': resumes})
    return time.monotonic() - started


def bulk_seconds(server, urls, poll_s, peak):
    started = time.monotonic()
    job = server.call('POST', '/v1/bulk-screen', {'job_description': DESCRIPTION,
                                                  'resume_urls': urls})
    status = wait_final(server, '/v1/jobs/' + job['job_id'], ('completed',), poll_s, peak)
    seconds = time.monotonic() - started
    unread = sum(1 for c in status['candidates'] if 'error' in c)
    return seconds, unread


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--build', default='build')
    ap.add_argument('--data', default='../shared/data')
    ap.add_argument('--cache', default=os.path.join(tempfile.gettempdir(),
                                                    'shortlist-bench-resume-texts'))
    ap.add_argument('--rounds', type=int, default=7)
    ap.add_argument('--bulk-rounds', type=int, default=1)
    ap.add_argument('--urls', type=int, default=1000)
    ap.add_argument('--delay-ms', type=int, default=50)
    ap.add_argument('--workers', type=int, default=2)
    ap.add_argument('--poll-ms', type=float, default=5)
    ap.add_argument('--server-log', default='',
                    help='write the server\'s debug log here (e.g. its "job timing" lines)')
    args = ap.parse_args()
    binary = os.environ.get('SHORTLIST_BIN', os.path.join(args.build, 'shortlist'))
    texts = resume_texts(args.data, args.cache, max(100, args.urls))
    print('resumes: %d category PDFs as text (pdftotext, cached in %s)' % (len(texts), args.cache))

    ready = multiprocessing.Queue()
    files = multiprocessing.Process(target=file_server, args=(texts, ready), daemon=True)
    files.start()
    file_port = ready.get(timeout=30)
    server = Server(binary, args.workers, args.server_log)
    peak = Peak(server.proc.pid)
    poll_s = args.poll_ms / 1000.0
    try:
        hundred = texts[:100]
        evaluate_seconds(server, hundred)  # warm-up: taxonomy pages, allocator, connection
        jobs_api_seconds(server, hundred, poll_s, peak)
        peak.reset()
        queued, accepted, direct = [], [], []
        for _ in range(args.rounds):  # interleaved, so both see the same machine load
            direct.append(evaluate_seconds(server, hundred))
            total, accept = jobs_api_seconds(server, hundred, poll_s, peak)
            queued.append(total)
            accepted.append(accept)
        q, d = statistics.median(queued), statistics.median(direct)
        rss, kids = peak.mb()
        print('Jobs API, 100 text resumes, POST to completed: median %.3f s = %.0f resumes/s '
              '(runs: %s; 202 after a median %.3f s)'
              % (q, 100 / q, ' '.join('%.3f' % s for s in queued), statistics.median(accepted)))
        print('  engine only (/v1/evaluate, same 100):          median %.3f s = %.0f resumes/s; '
              'ratio %.2f' % (d, 100 / d, d / q))
        print('  peak RSS: server %.0f MB, extract processes %.0f MB' % (rss, kids))
        for label, prefix in (('text URLs', '/fast/'),
                              ('text URLs, %d ms per request' % args.delay_ms,
                               '/slow/%d/' % args.delay_ms)):
            urls = ['http://127.0.0.1:%d%s%s' % (file_port, prefix, urllib.parse.quote(name))
                    for name, _ in texts[:args.urls]]
            peak.reset()
            runs = [bulk_seconds(server, urls, poll_s * 4, peak) for _ in range(args.bulk_rounds)]
            s = statistics.median(r[0] for r in runs)
            rss, kids = peak.mb()
            print('/v1/bulk-screen, %d %s: median %.2f s = %.0f resumes/s (%d unread); peak RSS '
                  'server %.0f MB, extract processes %.0f MB; engine-only time for as many: '
                  '%.2f s' % (args.urls, label, s, args.urls / s, runs[-1][1], rss, kids,
                              d * args.urls / 100))
    finally:
        server.stop()
        files.terminate()


if __name__ == '__main__':
    main()
