#!/usr/bin/env python3
"""Checks of the application's data files that the stock validators do not
make (run by meson, suite 'data'):

  check-data.py gschema GSETTINGS SCHEMA_ID
      the compiled schema (GSETTINGS_SCHEMA_DIR) loads, at its path, with
      the main window's keys and defaults
  check-data.py icons SCALABLE.svg SYMBOLIC.svg
      the app icon is a 128x128 SVG; the symbolic icon a 16x16 SVG drawn
      in #2e3436 only
  check-data.py mime UPDATE_MIME_DATABASE GIO MIME.xml SCENARIO.nflab
      shared-mime-info accepts the MIME type, and a scenario file is given
      it by its name and, under a name without extension, by its root element
  check-data.py release METAINFO.xml VERSION
      the newest release in the metainfo is the project's version, dated
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SVG = '{http://www.w3.org/2000/svg}'
MIME_TYPE = 'application/x-netfilter-lab-scenario'
failures = []


def check(ok, message):
    if not ok:
        failures.append(message)


def gschema(gsettings, schema_id):
    def run(*args):
        return subprocess.run([gsettings, *args], check=True, text=True,
                              stdout=subprocess.PIPE).stdout.strip()
    paths = dict(line.split(' ', 1)
                 for line in run('list-schemas', '--print-paths').splitlines())
    check(paths.get(schema_id) == '/' + schema_id.replace('.', '/') + '/',
          f'{schema_id}: path {paths.get(schema_id)!r}')
    expected = {
        'window-width': '1200',
        'window-height': '800',
        'window-maximized': 'false',
        'last-folder': "''",
        'autosave': 'true',
        'autosave-interval': 'uint32 30',
    }
    for key, value in expected.items():
        got = run('get', schema_id, key)
        check(got == value, f'{key}: default {got!r}, expected {value!r}')


def icons(scalable, symbolic):
    root = ET.parse(scalable).getroot()
    check(root.tag == SVG + 'svg', f'{scalable}: not an SVG')
    check(root.get('viewBox') == '0 0 128 128', f'{scalable}: viewBox {root.get("viewBox")!r}')

    root = ET.parse(symbolic).getroot()
    check(root.tag == SVG + 'svg', f'{symbolic}: not an SVG')
    check(root.get('viewBox') == '0 0 16 16', f'{symbolic}: viewBox {root.get("viewBox")!r}')
    for element in root.iter():
        for attribute in ('fill', 'stroke', 'style'):
            value = element.get(attribute)
            if value is None:
                continue
            colours = set(re.findall(r'#[0-9a-fA-F]{3,8}\b', value)) - {'#2e3436'}
            check(not colours and 'url(' not in value,
                  f'{symbolic}: <{element.tag.removeprefix(SVG)} {attribute}="{value}">: '
                  'a symbolic icon is drawn in #2e3436 only')
        check(element.tag.removeprefix(SVG) not in ('image', 'text', 'linearGradient', 'radialGradient'),
              f'{symbolic}: <{element.tag.removeprefix(SVG)}> in a symbolic icon')


def mime(update_mime_database, gio, mime_xml, scenario):
    with tempfile.TemporaryDirectory() as home:
        packages = os.path.join(home, 'mime', 'packages')
        os.makedirs(packages)
        shutil.copy(mime_xml, packages)
        result = subprocess.run([update_mime_database, '-V', os.path.join(home, 'mime')],
                                text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        check(result.returncode == 0, f'update-mime-database failed:\n{result.stdout}')
        check('warning' not in result.stdout.lower() and 'error' not in result.stdout.lower(),
              f'update-mime-database complains:\n{result.stdout}')

        with open(os.path.join(home, 'mime', 'XMLnamespaces'), encoding='utf-8') as f:
            check(f' scenario {MIME_TYPE}' in f.read(), 'the root-XML element is not in XMLnamespaces')

        no_extension = os.path.join(home, 'lesson')
        shutil.copy(scenario, no_extension)
        env = dict(os.environ, XDG_DATA_HOME=home, XDG_DATA_DIRS='/usr/local/share:/usr/share')
        for path in (scenario, no_extension):
            out = subprocess.run([gio, 'info', '-a', 'standard::content-type', path],
                                 env=env, check=True, text=True, stdout=subprocess.PIPE).stdout
            found = re.search(r'standard::content-type: (\S+)', out)
            got = found.group(1) if found else None
            check(got == MIME_TYPE, f'{path}: content type {got!r}, expected {MIME_TYPE}')


def release(metainfo, version):
    releases = ET.parse(metainfo).getroot().findall('releases/release')
    check(releases, f'{metainfo}: no release')
    if releases:
        newest = releases[0]
        check(newest.get('version') == version,
              f'{metainfo}: newest release {newest.get("version")!r}, the project is {version}')
        check(re.fullmatch(r'\d{4}-\d{2}-\d{2}', newest.get('date') or ''),
              f'{metainfo}: release {newest.get("version")} has no date')


COMMANDS = {'gschema': (gschema, 2), 'icons': (icons, 2), 'mime': (mime, 4), 'release': (release, 2)}

if __name__ == '__main__':
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS or len(sys.argv) - 2 != COMMANDS[sys.argv[1]][1]:
        sys.exit(__doc__)
    COMMANDS[sys.argv[1]][0](*sys.argv[2:])
    for failure in failures:
        print(failure, file=sys.stderr)
    sys.exit(1 if failures else 0)
