#!/usr/bin/env python3
"""Lists C++ functions longer than a limit (default 80 lines), longest first.

Scans each .cc file with comments and literals blanked out, tracking braces: a '{' whose
preceding declaration text holds a parameter list and is not a class, namespace, enum,
initializer or control statement opens a function body; its length is counted from the first
line of the declaration to the closing brace. Member functions defined in a class body count
too; lambdas and blocks inside a function belong to it.

Usage: tools/long_functions.py [--limit 80] [paths...]   (default: src). Exit 1 if any is found.
"""
import argparse
import os
import re
import sys

CONTROL = re.compile(r'\b(if|for|while|switch|catch|do|else|try)\s*(\(|\{|$)')
TYPE_HEAD = re.compile(r'^\s*(template\s*<.*>\s*)?(class|struct|union|enum|namespace|extern)\b')


def blank(text):
    """Comments and string/char literals replaced by spaces (newlines kept)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith('//', i):
            j = text.find('\n', i)
            j = n if j < 0 else j
            out.append(' ' * (j - i))
            i = j
        elif text.startswith('/*', i):
            j = text.find('*/', i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r'[^\n]', ' ', text[i:j]))
            i = j
        elif text.startswith('R"', i):
            m = re.match(r'R"([^(]*)\(', text[i:])
            end = text.find(')' + (m.group(1) if m else '') + '"', i)
            j = n if end < 0 else end + len(m.group(1) if m else '') + 2
            out.append(re.sub(r'[^\n]', ' ', text[i:j]))
            i = j
        elif c in '"\'':
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == '\\' else 1
            out.append(' ' * (j + 1 - i))
            i = j + 1
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def functions(path):
    text = blank(open(path, encoding='utf-8', errors='replace').read())
    text = re.sub(r'(?m)^[ \t]*#.*$', lambda m: ' ' * len(m.group(0)), text)  # preprocessor
    depth = 0
    stack = []          # per open brace: (is_function, start_line, name)
    decl_start = 0      # offset where the current declaration text began
    in_function = 0
    for i, c in enumerate(text):
        if c == '{':
            decl = text[decl_start:i]
            is_fn = False
            if in_function == 0:
                d = decl.strip()
                if '(' in d and not TYPE_HEAD.search(d) and not CONTROL.search(d) \
                        and not d.rstrip().endswith('=') and not re.search(r'=\s*\[', d):
                    is_fn = True
            start_line = text.count('\n', 0, decl_start + len(decl) - len(decl.lstrip())) + 1
            m = re.search(r'([\w:~]+)\s*\([^()]*', decl)
            stack.append((is_fn, start_line, m.group(1) if m else ''))
            if is_fn:
                in_function += 1
            depth += 1
            decl_start = i + 1
        elif c == '}':
            if stack:
                is_fn, start_line, name = stack.pop()
                if is_fn:
                    in_function -= 1
                    yield name, path, start_line, text.count('\n', 0, i) + 2 - start_line
            depth -= 1
            decl_start = i + 1
        elif c == ';' or (c == ':' and text[i - 1:i + 1] != '::' and text[i:i + 2] != '::'
                          and re.search(r'\b(public|private|protected)\s*$', text[decl_start:i])):
            decl_start = i + 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--limit', type=int, default=80)
    ap.add_argument('paths', nargs='*', default=['src'])
    args = ap.parse_args()
    found = []
    for root in args.paths:
        files = [root] if os.path.isfile(root) else [
            os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if f.endswith('.cc')]
        for p in sorted(files):
            for name, path, line, length in functions(p):
                if length > args.limit:
                    found.append((length, path, line, name))
    for length, path, line, name in sorted(found, reverse=True):
        print('%5d  %s:%d  %s' % (length, path, line, name))
    return 1 if found else 0


if __name__ == '__main__':
    sys.exit(main())
