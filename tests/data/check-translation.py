#!/usr/bin/env python3
"""Checks that a translation reaches the user: the built desktop file and
metainfo carry it (i18n.merge_file), and both programs show it, bound to the
catalogs built in po/ through LEADGRAM_LOCALEDIR (see lg_i18n_init).

Skips (77) the programs' part when the machine has no locale for the language:
C.UTF-8 ignores LANGUAGE, so nothing would be translated
(build-aux/setup.sh generates ru_RU.UTF-8).

usage: check-translation.py LANG LOCALE CLI APP PO_BUILD_DIR DESKTOP METAINFO
"""
import gettext
import os
import re
import subprocess
import sys

lang, locale_name, cli, app, po_build_dir, desktop, metainfo = sys.argv[1:8]
errors = []

catalog = gettext.translation("leadgram", po_build_dir, [lang])


def translated(msgid):
    text = catalog.gettext(msgid)
    if text == msgid:
        errors.append(f"{msgid!r} is not translated in the {lang} catalog")
    return text


with open(desktop, encoding="utf-8") as f:
    entries = dict(line.rstrip("\n").split("=", 1) for line in f if "=" in line)
for key in ("Name", "GenericName", "Comment", "Keywords"):
    if f"{key}[{lang}]" not in entries:
        errors.append(f"{desktop} has no {key}[{lang}]")
if entries.get(f"Comment[{lang}]") != translated(entries.get("Comment", "")):
    errors.append(f"Comment[{lang}] is not the catalog's translation of Comment")
if not entries.get(f"Keywords[{lang}]", "").endswith(";"):
    errors.append(f"Keywords[{lang}] does not end with a semicolon")

with open(metainfo, encoding="utf-8") as f:
    xml = f.read()
summary = re.search(rf'<summary xml:lang="{lang}">([^<]*)</summary>', xml)
if summary is None:
    errors.append(f"{metainfo} has no summary in {lang}")

available = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.lower()
wanted = locale_name.lower().replace("utf-8", "utf8")
if wanted not in available.split():
    for e in errors:
        print("error:", e, file=sys.stderr)
    if errors:
        sys.exit(1)
    print(f"SKIP: no {locale_name} locale here (build-aux/setup.sh generates it); "
          "the files are translated, the programs were not run")
    sys.exit(77)

env = dict(os.environ, LANGUAGE=lang, LC_ALL=locale_name, LEADGRAM_LOCALEDIR=po_build_dir)
for program, msgids in ((cli, ["Commands:", "Show the version"]),
                        (app, ["Show the version and quit"])):
    result = subprocess.run([program, "--help"], env=env, capture_output=True, text=True,
                            timeout=60)
    if result.returncode != 0:
        errors.append(f"{program} --help failed: {result.stderr}")
        continue
    for msgid in msgids:
        text = translated(msgid)
        if text not in result.stdout:
            errors.append(f"{os.path.basename(program)} --help does not show {text!r} "
                          f"for {msgid!r}:\n{result.stdout}")

for e in errors:
    print("error:", e, file=sys.stderr)
print(f"{lang}: desktop file, metainfo, leadgram-cli and leadgram are translated"
      if not errors else "")
sys.exit(1 if errors else 0)
