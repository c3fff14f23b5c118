#!/usr/bin/env python3
"""Finds import cycles between the top-level modules of each crate of the workspace.

A crate's top-level modules (`crate::ledger`, `crate::pages`, …) should form layers: when
`a` uses `b`, `b` must not use `a`, directly or through others. A child's use of its own
parent (`super::`) is not a cycle between top-level modules and is not counted.

    tools/module-cycles.py            # prints each cycle; exits 1 when there is one
"""
import os, re, sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'crates')

def top_module(src, path):
    rel = os.path.relpath(path, src)
    first = rel.split(os.sep)[0]
    if first in ('lib.rs', 'main.rs'):
        return None
    return first[:-3] if first.endswith('.rs') else first

def strip_comments(text):
    text = re.sub(r'/\*.*?\*/', '', text, flags=re.S)
    return '\n'.join(line.split('//')[0] if '"' not in line else line for line in text.split('\n'))

def references(text):
    """Top-level module names referred to through `crate::`, including `use crate::{a, b::c}`."""
    found = set()
    for m in re.finditer(r'\bcrate::(\{[^;]*?\}|[a-z_][a-z0-9_]*)', text, flags=re.S):
        part = m.group(1)
        if part.startswith('{'):
            depth = 0; item = ''
            for ch in part[1:-1] + ',':
                if ch == '{': depth += 1
                elif ch == '}': depth -= 1
                if ch == ',' and depth == 0:
                    name = re.match(r'\s*([a-z_][a-z0-9_]*)', item)
                    if name: found.add(name.group(1))
                    item = ''
                else:
                    item += ch
        else:
            found.add(part)
    return found

def graph(src):
    modules = {}
    for dirpath, _, files in os.walk(src):
        for f in files:
            if f.endswith('.rs'):
                path = os.path.join(dirpath, f)
                top = top_module(src, path)
                if top is None:
                    continue
                text = strip_comments(open(path, encoding='utf-8').read())
                modules.setdefault(top, set()).update(references(text))
    names = set(modules)
    return {m: {r for r in refs if r in names and r != m} for m, refs in modules.items()}

def cycles(edges):
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]
    def visit(v):
        index[v] = low[v] = counter[0]; counter[0] += 1
        stack.append(v); on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w); low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop(); on.discard(w); comp.append(w)
                if w == v: break
            if len(comp) > 1:
                out.append(sorted(comp))
    sys.setrecursionlimit(10000)
    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out

def main():
    failed = False
    for krate in sorted(os.listdir(ROOT)):
        src = os.path.join(ROOT, krate, 'src')
        if not os.path.isdir(src):
            continue
        edges = graph(src)
        for comp in cycles(edges):
            failed = True
            pairs = [f'{a}→{b}' for a in comp for b in sorted(edges[a]) if b in comp]
            print(f'{krate}: {len(comp)} modules in a cycle: {", ".join(comp)}')
            print(f'    uses: {"; ".join(pairs)}')
    if not failed:
        print('no import cycle between the top-level modules of any crate')
    return 1 if failed else 0

if __name__ == '__main__':
    sys.exit(main())
