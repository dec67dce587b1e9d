#!/usr/bin/env python3
"""Checks every translation in po/.

Fails on what breaks a translation: a .po that msgfmt --check rejects (a printf
format that does not match the English, a bad header or plural forms), fuzzy
entries (msgfmt leaves them out, so a committed fuzzy entry is an unfinished
translation nobody reviewed), and a .po that LINGUAS does not list or the other
way round (it would never be built or installed).

Only reports, without failing, how many strings of the current sources a
translation lacks: a new English string shows in English until a translator
gets to it, which is how GNOME works, and a developer should not have to
translate to get CI green.

usage: check-po.py PO_DIR SOURCE_ROOT
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

po_dir, source_root = sys.argv[1:3]
env = dict(os.environ, LC_ALL="C", LANGUAGE="")
errors = []

with open(os.path.join(po_dir, "LINGUAS"), encoding="utf-8") as f:
    linguas = [w for line in f if not line.startswith("#") for w in line.split()]
po_files = sorted(n[:-3] for n in os.listdir(po_dir) if n.endswith(".po"))
for lang in sorted(set(linguas) - set(po_files)):
    errors.append(f"LINGUAS lists {lang} but there is no po/{lang}.po")
for lang in sorted(set(po_files) - set(linguas)):
    errors.append(f"po/{lang}.po is not listed in po/LINGUAS, so it is never built")


def current_template(workdir):
    """The strings of the current sources, as `ninja leadgram-pot` finds them."""
    if shutil.which("xgettext") is None:
        return None
    pot = os.path.join(workdir, "current.pot")
    keywords = ["_", "N_", "C_:1c,2", "NC_:1c,2", "g_dcgettext:2", "g_dngettext:2,3",
                "g_dpgettext2:2c,3", "ngettext:1,2"]
    cmd = ["xgettext", "--from-code=UTF-8", "--add-comments", "-o", pot,
           "-D", source_root, "-f", os.path.join(po_dir, "POTFILES.in")]
    cmd += [f"--keyword={k}" for k in keywords]
    result = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        errors.append("xgettext could not read the sources:\n" + result.stderr)
        return None
    return pot


with tempfile.TemporaryDirectory() as workdir:
    pot = current_template(workdir)
    for lang in po_files:
        po = os.path.join(po_dir, lang + ".po")
        result = subprocess.run(["msgfmt", "--check", "--statistics", "-o", os.devnull, po],
                                env=env, capture_output=True, text=True)
        stats = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else ""
        if result.returncode != 0:
            errors.append(f"msgfmt --check rejects po/{lang}.po:\n{result.stderr}")
            continue
        counts = {kind: int(n) for n, kind in
                  re.findall(r"(\d+) (translated|fuzzy|untranslated)", stats)}
        print(f"{lang}: {stats}")
        if counts.get("fuzzy", 0):
            errors.append(f"po/{lang}.po has {counts['fuzzy']} fuzzy entries: review them "
                          "and remove the fuzzy flag")
        if counts.get("untranslated", 0):
            print(f"{lang}: note: {counts['untranslated']} strings are not translated yet")
        if pot is not None:
            cmp = subprocess.run(["msgcmp", po, pot], env=env, capture_output=True, text=True)
            missing = len(re.findall(r"this message (is used but not defined|needs to be "
                                     r"reviewed|is untranslated)", cmp.stderr))
            if missing:
                print(f"{lang}: note: {missing} strings of the current sources are not "
                      f"translated in po/{lang}.po (they show in English); run "
                      "`ninja leadgram-pot` and msgmerge to update it")
            else:
                print(f"{lang}: every string of the current sources is translated")

for e in errors:
    print("error:", e, file=sys.stderr)
sys.exit(1 if errors else 0)
