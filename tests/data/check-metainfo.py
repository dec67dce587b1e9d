#!/usr/bin/env python3
"""The AppStream metainfo as Flathub takes it: valid for appstreamcli (offline,
so the test never needs the network), with captioned screenshots, one the
default, each a PNG committed under data/screenshots/ of the size the
metainfo says and reached through the repository's raw files, and the app id
of the Flatpak manifest.

    check-metainfo.py METAINFO SOURCE_ROOT MANIFEST APP_ID"""
import json
import os
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET

metainfo, root, manifest_path, app_id = sys.argv[1:5]
errors = []

validate = subprocess.run(["appstreamcli", "validate", "--no-net", "--explain", metainfo],
                          capture_output=True, text=True)
if validate.returncode != 0:
    errors.append("appstreamcli validate --no-net failed:\n" + validate.stdout + validate.stderr)

component = ET.parse(metainfo).getroot()
if component.findtext("id") != app_id:
    errors.append(f"the id is {component.findtext('id')!r}, not {app_id!r}")
with open(manifest_path, encoding="utf-8") as f:
    manifest = json.load(f)
if manifest.get("id") != component.findtext("id"):
    errors.append(f"the Flatpak manifest's id {manifest.get('id')!r} is not the metainfo's")

vcs = next((u.text for u in component.findall("url") if u.get("type") == "vcs-browser"), None)
if not vcs:
    errors.append("no <url type=\"vcs-browser\">: the screenshots' repository is not named")

folder = os.path.join(root, "data", "screenshots")
screenshots = component.findall("screenshots/screenshot")
if not screenshots:
    errors.append("no <screenshots>: Flathub requires them (build-aux/make-screenshots.py)")
if sum(s.get("type") == "default" for s in screenshots) != 1:
    errors.append("not exactly one screenshot has type=\"default\"")

listed = set()
for screenshot in screenshots:
    # The source text only; translations carry xml:lang.
    captions = [c for c in screenshot.findall("caption")
                if "{http://www.w3.org/XML/1998/namespace}lang" not in c.attrib]
    images = screenshot.findall("image")
    if len(captions) != 1 or not (captions[0].text or "").strip():
        errors.append(f"a screenshot has no caption: {[i.text for i in images]}")
    for image in images:
        url = image.text or ""
        name = os.path.basename(url)
        listed.add(name)
        if vcs and not (url.startswith(vcs.replace("https://github.com/",
                                                   "https://raw.githubusercontent.com/") + "/")
                        and url.endswith("/data/screenshots/" + name)):
            errors.append(f"{url} is not a raw file of {vcs} under data/screenshots/")
        path = os.path.join(folder, name)
        if not os.path.isfile(path):
            errors.append(f"{url}: data/screenshots/{name} is not in the repository")
            continue
        with open(path, "rb") as f:
            head = f.read(24)
        if head[:8] != b"\x89PNG\r\n\x1a\n":
            errors.append(f"data/screenshots/{name} is not a PNG")
            continue
        width, height = struct.unpack(">II", head[16:24])
        if (image.get("width"), image.get("height")) != (str(width), str(height)):
            errors.append(f"data/screenshots/{name} is {width}×{height}, the metainfo says "
                          f"{image.get('width')}×{image.get('height')}")

if os.path.isdir(folder):
    for stray in sorted(set(os.listdir(folder)) - listed):
        errors.append(f"data/screenshots/{stray} is not in the metainfo")

for error in errors:
    print("metainfo:", error, file=sys.stderr)
if errors:
    sys.exit(1)
print(f"metainfo ok: {len(screenshots)} screenshots")
