#!/usr/bin/env python3
"""check-potfiles.py SOURCE_ROOT XGETTEXT

po/POTFILES.in must list every file with translatable strings, sorted and
without files that do not exist, and xgettext must read them all (as the
netfilter-lab-pot target does) and find the strings of the data files."""
import os
import re
import subprocess
import sys
import tempfile

root, xgettext = sys.argv[1:3]
failures = []

listed = []
with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as f:
    for line in f:
        line = line.strip()
        if line and not line.startswith('#'):
            listed.append(line)

for path in listed:
    if not os.path.isfile(os.path.join(root, path)):
        failures.append(f'POTFILES.in lists {path}, which does not exist')
if listed != sorted(listed):
    failures.append('POTFILES.in is not sorted')
if len(set(listed)) != len(listed):
    failures.append('POTFILES.in lists a file twice')

# What marks a file as holding translatable strings.
C_MARKS = re.compile(r'\b(?:_|N_|C_|NC_|g_dgettext|g_dngettext|g_dpgettext2|ngettext)\s*\(')
UI_MARKS = re.compile(r'translatable\s*=\s*["\'](?:yes|true|1)["\']')
DATA_FILES = re.compile(r'\.(?:desktop\.in|metainfo\.xml\.in|appdata\.xml\.in|gschema\.xml|xml\.in)$')

marked = []
for folder in ('src', 'ui', 'data'):
    for directory, subdirs, files in os.walk(os.path.join(root, folder)):
        subdirs.sort()
        for name in sorted(files):
            path = os.path.relpath(os.path.join(directory, name), root)
            if path.endswith(('.c', '.h')):
                with open(os.path.join(root, path), encoding='utf-8', errors='replace') as f:
                    text = f.read()
                if C_MARKS.search(text):
                    marked.append(path)
            elif path.endswith(('.ui', '.blp')):
                with open(os.path.join(root, path), encoding='utf-8', errors='replace') as f:
                    if UI_MARKS.search(f.read()):
                        marked.append(path)
            elif DATA_FILES.search(name):
                marked.append(path)

for path in marked:
    if path not in listed:
        failures.append(f'{path} has translatable strings but is not in po/POTFILES.in')

with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, 'netfilter-lab.pot')
    # the keywords of meson's i18n.gettext(preset: 'glib')
    result = subprocess.run([
        xgettext, '--package-name=netfilter-lab', '-p', tmp, '-D', root,
        '-f', os.path.join(root, 'po', 'POTFILES.in'), '-o', 'netfilter-lab.pot',
        '--from-code=UTF-8', '--add-comments',
        '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
        '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
    ], text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if result.returncode != 0:
        failures.append(f'xgettext failed:\n{result.stdout}')
    elif result.stdout.strip():
        failures.append(f'xgettext warns:\n{result.stdout}')
    else:
        with open(pot, encoding='utf-8') as f:
            text = f.read()
        for path in listed:
            if path.startswith('data/') and not re.search(
                    r'^#:(?:.*\s)?' + re.escape(path) + r':\d', text, re.M):
                failures.append(f'xgettext found no string in {path}')

for failure in failures:
    print(failure, file=sys.stderr)
sys.exit(1 if failures else 0)
